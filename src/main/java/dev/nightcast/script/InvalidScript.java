package dev.nightcast.script;

/**
 * An episode that cannot be narrated because of its input; it fails alone and the run goes on.
 *
 * @param id the id as written (may be blank or invalid)
 * @param reason what is wrong, for the operator
 */
public record InvalidScript(String id, SourceLocation source, String reason) implements ScriptEntry {}
