package dev.nightcast.publication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nightcast.store.EpisodeRepository;
import dev.nightcast.store.StagedNarration;

/**
 * Puts an output folder back in order before a run starts, after a process was killed or failed
 * while working in it.
 *
 * <p>A narration whose stage record is present was complete and paid for: its publishing is
 * finished (see {@link EpisodePublisher}) and credited to the execution that narrated it, so it is not
 * narrated again. Every other work file ({@code .*.part}: audio cut off mid-stream, a stage record
 * written halfway) is deleted; it was never published and never will be.
 *
 * <p>Must run while this database's run lock is held: then no other process is writing in the
 * folder, and every work file in it belongs to a run that has ended.
 */
@Component
public class OutputRecovery {

    private static final Logger log = LoggerFactory.getLogger(OutputRecovery.class);
    private static final int WAV_HEADER_BYTES = 44;

    private final EpisodeRepository episodes;
    private final TransactionTemplate transaction;

    public OutputRecovery(EpisodeRepository episodes, PlatformTransactionManager transactionManager) {
        this.episodes = episodes;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** What recovery did to a folder. */
    public record Result(List<String> published, List<Path> deleted) {}

    public Result recover(Path folder) throws IOException {
        OutputLayout layout = OutputLayout.prepare(folder);
        EpisodePublisher publisher = new EpisodePublisher(episodes, layout, transaction);
        List<String> published = new ArrayList<>();
        Set<Path> kept = new HashSet<>();
        for (Path stageFile : workFiles(layout)) {
            if (OutputLayout.isStage(stageFile)) {
                finish(publisher, stageFile, published, kept);
            }
        }
        List<Path> deleted = new ArrayList<>();
        for (Path file : workFiles(layout)) {
            if (!kept.contains(file) && Files.deleteIfExists(file)) {
                deleted.add(file);
            }
        }
        if (!published.isEmpty() || !deleted.isEmpty()) {
            log.info(
                    "Output folder {} recovered: published {} narration(s) a stopped run had completed {}, "
                            + "deleted {} unfinished work file(s)",
                    layout.folder(),
                    published.size(),
                    published,
                    deleted.size());
        }
        return new Result(List.copyOf(published), List.copyOf(deleted));
    }

    private void finish(EpisodePublisher publisher, Path stageFile, List<String> published, Set<Path> kept) {
        OutputLayout layout = publisher.layout();
        StagedNarration stage;
        try {
            stage = StagedNarration.load(stageFile);
        } catch (IOException e) {
            log.warn("Ignoring {}: {}", stageFile, e.getMessage());
            return;
        }
        String id = stage.episodeId();
        if (!stageFile.equals(layout.stage(id, stage.fingerprint()))) {
            log.warn("Ignoring {}: it describes episode {} with another fingerprint", stageFile, id);
            return;
        }
        if (episodes.writtenAfter(id, stage.jobExecutionId())) {
            log.info("Episode {}: a later run has recorded it since; its older narration is discarded", id);
            return;
        }
        Path temporary = layout.temporaryWav(id, stage.fingerprint());
        Path wav = Files.exists(temporary) ? temporary : layout.wav(id);
        try {
            if (!isComplete(wav, stage.audioBytes())) {
                log.warn(
                        "Episode {}: the audio of its interrupted publishing is missing or incomplete ({}); "
                                + "it will be narrated again",
                        id,
                        wav);
                return;
            }
            publisher.publish(stage, wav);
            published.add(id);
        } catch (IOException | RuntimeException e) {
            // Keep the paid-for audio for a later attempt; this run narrates the episode again meanwhile.
            log.error(
                    "Episode {}: cannot finish publishing {} ({}); keeping it for the next run",
                    id,
                    wav,
                    e.getMessage());
            kept.add(stageFile);
            kept.add(temporary);
        }
    }

    /** A WAV as {@code WavWriter} leaves it when closed: header patched, exactly the expected audio. */
    static boolean isComplete(Path wav, long audioBytes) throws IOException {
        if (!Files.isRegularFile(wav) || Files.size(wav) != WAV_HEADER_BYTES + audioBytes) {
            return false;
        }
        byte[] header = new byte[WAV_HEADER_BYTES];
        try (InputStream in = Files.newInputStream(wav)) {
            if (in.readNBytes(header, 0, header.length) != header.length) {
                return false;
            }
        }
        ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        return fields.getInt(4) == (int) (36 + audioBytes) && fields.getInt(40) == (int) audioBytes;
    }

    private static List<Path> workFiles(OutputLayout layout) throws IOException {
        try (Stream<Path> files = Files.list(layout.folder())) {
            return files.filter(OutputLayout::isWorkFile).sorted().toList();
        }
    }
}
