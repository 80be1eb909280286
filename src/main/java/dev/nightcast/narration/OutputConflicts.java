package dev.nightcast.narration;

import java.util.Optional;

/** Whether an episode could be published without replacing a file Nightcast did not make. */
public interface OutputConflicts {

    /**
     * Why publishing the episode would replace someone else's file (naming it), or empty when it
     * would not. Asked before narrating, so that such an episode costs nothing.
     */
    Optional<String> blocking(String episodeId);
}
