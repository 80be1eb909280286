package dev.nightcast.script;

/** One episode read from the input: either a script ready to narrate or one that cannot be. */
public sealed interface ScriptEntry permits EpisodeScript, InvalidScript {

    /** The episode id as written in the input; may be blank or invalid for an {@link InvalidScript}. */
    String id();

    SourceLocation source();
}
