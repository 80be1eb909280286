package dev.nightcast.script;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Values from the params file that an episode inherits when its input leaves them empty.
 *
 * @param speed the default speaking speed; {@code null} means normal ({@value EpisodeScript#NORMAL_SPEED})
 * @param lexicons the run's lexicon files (the {@code lexicon} key), applied to every episode, later
 *     files over earlier ones; a script's own ({@code lexicon:} in its front matter) come on top
 */
public record ScriptDefaults(
        @Nullable String voice,
        @Nullable String instructions,
        @Nullable Double speed,
        List<Path> lexicons) {

    public ScriptDefaults {
        lexicons = lexicons == null ? List.of() : List.copyOf(lexicons);
    }

    /** Without lexicons. */
    public ScriptDefaults(@Nullable String voice, @Nullable String instructions, @Nullable Double speed) {
        this(voice, instructions, speed, List.of());
    }
}
