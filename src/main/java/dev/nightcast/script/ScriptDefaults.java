package dev.nightcast.script;

import org.jspecify.annotations.Nullable;

/**
 * Values from the params file that an episode inherits when its input leaves them empty.
 *
 * @param speed the default speaking speed; {@code null} means normal ({@value EpisodeScript#NORMAL_SPEED})
 */
public record ScriptDefaults(@Nullable String voice, @Nullable String instructions, @Nullable Double speed) {
}
