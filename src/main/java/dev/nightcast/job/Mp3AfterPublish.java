package dev.nightcast.job;

import java.nio.file.Path;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;

import dev.nightcast.narration.EpisodeOutcome;
import dev.nightcast.podcast.Mp3Renditions;
import dev.nightcast.publication.OutputLayout;

/**
 * Queues the MP3 rendition of every episode just published, so the encoding runs alongside the
 * narration of the others instead of after the last one. One instance serves all workers.
 */
class Mp3AfterPublish implements ItemWriteListener<EpisodeOutcome> {

    private final Mp3Renditions renditions;

    Mp3AfterPublish(Mp3Renditions renditions) {
        this.renditions = renditions;
    }

    @Override
    public void afterWrite(Chunk<? extends EpisodeOutcome> items) {
        StepContext context = StepSynchronizationManager.getContext();
        if (context == null) {
            return;
        }
        OutputLayout layout = new OutputLayout(Path.of(
                context.getStepExecution().getJobParameters().getString(RunParams.OUTPUT)));
        for (EpisodeOutcome outcome : items) {
            if (outcome instanceof EpisodeOutcome.Narrated narrated) {
                renditions.encodeSoon(layout.wav(narrated.episodeId()));
            }
        }
    }
}
