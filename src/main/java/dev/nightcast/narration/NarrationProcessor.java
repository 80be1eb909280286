package dev.nightcast.narration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.nightcast.audio.Loudness;
import dev.nightcast.audio.Mastering;
import dev.nightcast.audio.PcmFormat;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.GatewayConfigException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.retry.Backoff;
import dev.nightcast.retry.GatewayOutageException;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.retry.RetryDecision;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.InvalidScript;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.throughput.ThroughputProperties;

/**
 * Turns an input entry into an {@link EpisodeOutcome}: rejects invalid entries, skips episodes
 * already published with the same fingerprint (returns {@code null}, which Spring Batch counts as
 * filtered), fails without narrating an episode whose files would replace someone else's
 * ({@link OutputConflicts}) and narrates the rest into a temporary WAV.
 *
 * <p>An episode that cannot be narrated becomes a {@link EpisodeOutcome.Failed} outcome rather
 * than an exception, so one bad episode never fails the run, even when the cause is unexpected.
 * The exceptions are the run's own troubles: the output folder cannot be written, the gateway's
 * configuration is wrong ({@link GatewayConfigException}), or a gateway outage
 * recognised by the run's {@link OutageBreaker}: the episode in flight is then neither done nor
 * failed, its temporary audio is deleted and {@link GatewayOutageException} fails the worker, so the
 * job ends FAILED and a restart narrates the episode. Either way the segments it finished stay kept
 * in its work folder, so the next attempt narrates only the rest. Thread-safe: workers share it.
 */
public class NarrationProcessor implements ItemProcessor<ScriptEntry, EpisodeOutcome> {

    private static final Logger log = LoggerFactory.getLogger(NarrationProcessor.class);

    private final RealtimeGateway gateway;
    private final NarrationProperties settings;
    private final Mastering mastering;
    private final CompletedEpisodes completed;
    private final OutputConflicts conflicts;
    private final WorkFiles workFiles;
    private final EpisodeNarrator narrator;
    private final int maxAttempts;
    private final Clock clock;

    public NarrationProcessor(
            RealtimeGateway gateway,
            NarrationProperties settings,
            Mastering mastering,
            ThroughputProperties throughput,
            CompletedEpisodes completed,
            OutputConflicts conflicts,
            WorkFiles workFiles,
            AttemptLog attemptLog,
            OutageBreaker breaker,
            SegmentSharing sharing,
            int maxAttempts,
            Clock clock,
            DoubleSupplier random,
            @Nullable String modelVersion) {
        this.gateway = gateway;
        this.settings = settings;
        this.mastering = mastering;
        this.completed = completed;
        this.conflicts = conflicts;
        this.workFiles = workFiles;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.narrator = new EpisodeNarrator(
                gateway,
                settings,
                mastering,
                retryDecision(settings, throughput, breaker),
                random,
                attemptLog,
                breaker,
                sharing,
                modelVersion);
    }

    /** The run's retry decision, from the static settings and the run's outage breaker. */
    static RetryDecision retryDecision(
            NarrationProperties settings, ThroughputProperties throughput, OutageBreaker breaker) {
        return new RetryDecision(
                new Backoff(settings.initialBackoff(), settings.maxBackoff()),
                new Backoff(throughput.initialBackoff(), throughput.maxBackoff()),
                throughput.throttleBudget(),
                breaker.window());
    }

    @Override
    public @Nullable EpisodeOutcome process(ScriptEntry entry) {
        if (entry instanceof InvalidScript invalid) {
            log.warn("Episode {} at {} is invalid: {}", invalid.id(), invalid.source(), invalid.reason());
            return new EpisodeOutcome.Rejected(invalid);
        }
        EpisodeScript script = (EpisodeScript) entry;
        String fingerprint = Fingerprint.of(script, gateway.model(), settings, mastering);
        if (completed.isPublished(script.id(), fingerprint)) {
            log.info("Episode {} is already narrated with the same script and settings; skipped", script.id());
            return null;
        }
        Optional<String> conflict = conflicts.blocking(script.id());
        if (conflict.isPresent()) {
            // Refused before any audio is bought: its files could not be published.
            log.warn("Episode {} failed: {}", script.id(), conflict.get());
            Instant now = clock.instant();
            return new EpisodeOutcome.Failed(
                    script,
                    fingerprint,
                    gateway.model(),
                    FailureKind.PERMANENT,
                    "output-conflict",
                    conflict.get(),
                    0,
                    TokenUsage.ZERO,
                    now,
                    now);
        }
        return narrate(script, fingerprint);
    }

    private EpisodeOutcome narrate(EpisodeScript script, String fingerprint) {
        Instant started = clock.instant();
        Path wav = workFiles.temporaryWav(script.id(), fingerprint);
        try {
            int carried = KeptSegments.prepare(
                    workFiles, script, fingerprint, Fingerprint.basis(script, gateway.model(), settings));
            if (carried > 0) {
                log.info(
                        "Episode {}: {} kept segment file(s) of an earlier narration carried over; only segments"
                                + " whose text or lexicon entries changed are narrated",
                        script.id(),
                        carried);
            }
            discardStaleWork(script.id(), fingerprint);
            EpisodeNarrator.Result result =
                    narrator.narrate(script, workFiles.segmentFolder(script.id(), fingerprint), wav, maxAttempts);
            log.info(
                    "Episode {} narrated: {} segment(s) ({} kept from an earlier run), {} ms of audio, {} attempt(s),"
                            + " word error rate {}, {}",
                    script.id(),
                    result.segmentCount(),
                    result.resumedSegments(),
                    PcmFormat.durationMillis(result.audioBytes()),
                    result.attempts(),
                    String.format(Locale.ROOT, "%.3f", result.wordErrorRate()),
                    describe(result.loudness()));
            return new EpisodeOutcome.Narrated(
                    script,
                    fingerprint,
                    gateway.model(),
                    wav,
                    result.transcript(),
                    result.audioBytes(),
                    result.segmentCount(),
                    result.usage(),
                    result.attempts(),
                    started,
                    clock.instant(),
                    result.cues(),
                    result.chapters(),
                    result.wordErrorRate(),
                    result.worstSegmentErrorRate(),
                    result.resumedSegments(),
                    result.loudness(),
                    result.modelSnapshot());
        } catch (EpisodeNarrationException e) {
            deleteQuietly(wav);
            log.warn("Episode {} failed ({}): {}", script.id(), e.kind().recordedAs(), e.getMessage());
            return new EpisodeOutcome.Failed(
                    script,
                    fingerprint,
                    gateway.model(),
                    e.kind(),
                    e.code(),
                    e.getMessage(),
                    e.attempts(),
                    e.usage(),
                    started,
                    clock.instant(),
                    e.wordErrorRate());
        } catch (GatewayOutageException e) {
            deleteQuietly(wav);
            log.warn(
                    "Episode {} stopped by the gateway outage; not recorded as failed, the next run narrates it",
                    script.id());
            throw e;
        } catch (GatewayConfigException e) {
            deleteQuietly(wav);
            throw e;
        } catch (RuntimeException e) {
            // Whatever else goes wrong with one episode fails it alone; the run goes on.
            deleteQuietly(wav);
            log.error("Episode {} failed unexpectedly", script.id(), e);
            return new EpisodeOutcome.Failed(
                    script,
                    fingerprint,
                    gateway.model(),
                    FailureKind.PERMANENT,
                    "internal",
                    "failed unexpectedly: " + e,
                    0,
                    TokenUsage.ZERO,
                    started,
                    clock.instant());
        } catch (IOException e) {
            deleteQuietly(wav);
            throw new UncheckedIOException("Cannot write the audio of episode " + script.id() + " to " + wav, e);
        }
    }

    /** Whether the run's gateway would admit another session now (see {@link RealtimeGateway#hasRoom()}). */
    boolean gatewayHasRoom() {
        return gateway.hasRoom();
    }

    /**
     * Narrates one segment of an episode another host of a cluster owns into the episode's kept
     * segments (the folder of its fingerprint on the shared output), for {@link SegmentSharing}.
     *
     * @param index the segment's place in the owner's narration order
     * @param key its key there
     * @return what it spent, or null, narrating nothing, when this host plans the episode otherwise
     */
    SegmentBoard.@Nullable Spent narrateSegmentOf(EpisodeScript script, int index, String key)
            throws EpisodeNarrationException, IOException {
        String fingerprint = Fingerprint.of(script, gateway.model(), settings, mastering);
        return narrator.narrateOne(script, workFiles.segmentFolder(script.id(), fingerprint), maxAttempts, index, key);
    }

    private static String describe(Loudness loudness) {
        return loudness.isMeasured()
                ? String.format(
                        Locale.ROOT,
                        "%.1f LUFS, true peak %.1f dBTP, range %.1f LU",
                        loudness.integratedLufs(),
                        loudness.truePeakDbtp(),
                        loudness.rangeLu())
                : "silent";
    }

    private void discardStaleWork(String episodeId, String fingerprint) {
        try {
            workFiles.discardStaleWork(episodeId, fingerprint);
        } catch (IOException e) {
            // Only disk space is at stake; the narration itself does not depend on it.
            log.warn(
                    "Episode {}: could not delete work left by an earlier version of its script: {}",
                    episodeId,
                    e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete temporary file {}: {}", file, e.getMessage());
        }
    }
}
