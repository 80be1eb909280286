package dev.nightcast.script;

/** Values from the params file that an episode inherits when its input leaves them empty. */
public record ScriptDefaults(String voice, String instructions) {
}
