package dev.nightcast.job;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

import dev.nightcast.narration.EpisodeOutcome;
import dev.nightcast.podcast.Mp3Renditions;
import dev.nightcast.publication.OutputLayout;

/**
 * Queues the MP3 rendition of every episode just published, so the encoding runs alongside the
 * narration of the others instead of after the last one. One instance per worker (step-scoped).
 */
class Mp3AfterPublish implements ItemWriteListener<EpisodeOutcome> {

    private final @Nullable Mp3Renditions renditions;
    private final OutputLayout layout;

    /** @param renditions {@code null} on a worker host of a cluster, where the manager makes the MP3s */
    Mp3AfterPublish(@Nullable Mp3Renditions renditions, OutputLayout layout) {
        this.renditions = renditions;
        this.layout = layout;
    }

    @Override
    public void afterWrite(Chunk<? extends EpisodeOutcome> items) {
        if (renditions == null) {
            return;
        }
        for (EpisodeOutcome outcome : items) {
            if (outcome instanceof EpisodeOutcome.Narrated narrated) {
                renditions.encodeSoon(layout.wav(narrated.episodeId()));
            }
        }
    }
}
