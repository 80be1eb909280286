package dev.nightcast.job;

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

    private final Mp3Renditions renditions;
    private final OutputLayout layout;

    Mp3AfterPublish(Mp3Renditions renditions, OutputLayout layout) {
        this.renditions = renditions;
        this.layout = layout;
    }

    @Override
    public void afterWrite(Chunk<? extends EpisodeOutcome> items) {
        for (EpisodeOutcome outcome : items) {
            if (outcome instanceof EpisodeOutcome.Narrated narrated) {
                renditions.encodeSoon(layout.wav(narrated.episodeId()));
            }
        }
    }
}
