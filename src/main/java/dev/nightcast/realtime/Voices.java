package dev.nightcast.realtime;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Voices the GA Realtime API accepts for {@code audio.output.voice}. TTS-only voices (fable, onyx, nova) are not among them. */
public final class Voices {

    public static final Set<String> KNOWN =
            Set.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar");

    private Voices() {}

    public static boolean isKnown(@Nullable String voice) {
        return voice != null && KNOWN.contains(voice);
    }
}
