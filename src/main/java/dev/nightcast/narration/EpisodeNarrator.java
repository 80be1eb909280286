package dev.nightcast.narration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.assembly.Chapter;
import dev.nightcast.assembly.EpisodeAssembler;
import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.assembly.SegmentCheckpoints;
import dev.nightcast.assembly.SubtitleCue;
import dev.nightcast.audio.Loudness;
import dev.nightcast.audio.Mastering;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.retry.RetryDecision;
import dev.nightcast.script.EpisodeScript;

/**
 * Narrates one episode into one WAV file, segment by segment, resuming where an earlier attempt
 * stopped.
 *
 * <p>The episode is {@linkplain NarrationPlan planned} into segments. Each finished segment is kept
 * in the episode's {@link SegmentCheckpoints} folder, so a retry or a restarted run narrates only the
 * missing ones. Segments are narrated voice by voice (a session's voice cannot change once it spoke,
 * so each voice gets one session, reused across its speaker's turns); once the run's input is
 * exhausted, idle workers help with the segments left ({@link SegmentSharing}). Each is narrated by the
 * {@link SegmentNarrator} (retries as the {@link RetryDecision} says, fidelity check). A segment whose
 * response was cut at the output token cap is split and its parts narrated instead; the split is
 * remembered for the next run. When every segment is kept, the {@link EpisodeAssembler} joins them
 * in reading order, with their pauses, into the WAV, levelled and normalised to the
 * {@link Mastering}'s loudness.
 *
 * <p>Every attempt is reported to the run's {@link OutageBreaker} (which ignores throttling); once
 * it trips, no further attempt starts and the episode stops with a {@link dev.nightcast.retry.GatewayOutageException}
 * instead of failing (its kept segments wait for the next run). Thread-safe: one instance serves
 * many threads.
 */
final class EpisodeNarrator {

    private static final Logger log = LoggerFactory.getLogger(EpisodeNarrator.class);

    private final RealtimeGateway gateway;
    private final NarrationPlan planner;
    private final SegmentNarrator segments;
    private final SegmentSharing sharing;
    private final EpisodeAssembler assembler;
    private final @Nullable String modelVersion;

    /**
     * @param mastering what the joined WAV is made to (loudness, true peak)
     * @param random uniform in [0, 1), for the back-off's jitter
     */
    EpisodeNarrator(
            RealtimeGateway gateway,
            NarrationProperties settings,
            Mastering mastering,
            RetryDecision decision,
            DoubleSupplier random,
            AttemptLog attemptLog,
            OutageBreaker breaker,
            SegmentSharing sharing) {
        this(gateway, settings, mastering, decision, random, attemptLog, breaker, sharing, null);
    }

    /** @param modelVersion the model snapshot sessions must report ({@code model-version}), or null for any */
    EpisodeNarrator(
            RealtimeGateway gateway,
            NarrationProperties settings,
            Mastering mastering,
            RetryDecision decision,
            DoubleSupplier random,
            AttemptLog attemptLog,
            OutageBreaker breaker,
            SegmentSharing sharing,
            @Nullable String modelVersion) {
        this.modelVersion = modelVersion;
        this.gateway = gateway;
        this.assembler = new EpisodeAssembler(mastering);
        this.planner = new NarrationPlan(settings);
        this.segments = new SegmentNarrator(settings.fidelity(), planner, attemptLog, breaker, decision, random);
        this.sharing = sharing;
    }

    /**
     * @param segmentCount segments the audio was joined from (each part of a split segment counts)
     * @param resumedSegments segments kept from an earlier run instead of narrated again
     * @param usage tokens spent on the audio in the WAV, in this run and earlier ones
     * @param attempts gateway attempts made in this run
     * @param loudness of the WAV as written
     * @param modelSnapshot the snapshots that spoke its segments (kept ones included), comma-separated,
     *     or null when the gateway named none
     */
    record Result(
            String transcript,
            long audioBytes,
            int segmentCount,
            int resumedSegments,
            TokenUsage usage,
            int attempts,
            List<SubtitleCue> cues,
            List<Chapter> chapters,
            double wordErrorRate,
            double worstSegmentErrorRate,
            Loudness loudness,
            @Nullable String modelSnapshot) {}

    Result narrate(EpisodeScript script, Path segmentFolder, Path wavFile, int maxAttempts)
            throws EpisodeNarrationException, IOException {
        List<PlannedSegment> plan = planner.segments(script);
        ModelSnapshots snapshots = new ModelSnapshots(modelVersion);
        EpisodeRun run = new EpisodeRun(
                script,
                plan.size(),
                new SegmentCheckpoints(segmentFolder),
                new VoiceSessions(
                        gateway, NarratorInstructions.forEpisode(script.instructions()), script.speed(), snapshots),
                maxAttempts);
        List<EpisodeAssembler.Finished> inOrder;
        try (run) {
            inOrder = sharing.narrate(run, voiceByVoice(plan), this::complete);
        }
        EpisodeAssembler.Assembly assembly = assembler.join(wavFile, inOrder, run.checkpoints(), script.title());
        return new Result(
                assembly.transcript(),
                assembly.audioBytes(),
                inOrder.size(),
                run.resumed(),
                run.usage(),
                run.attempts(),
                assembly.cues(),
                assembly.chapters(),
                assembly.wordErrorRate(),
                assembly.worstSegmentErrorRate(),
                assembly.loudness(),
                assembly.modelSnapshot());
    }

    /**
     * Narrates one segment of an episode another host owns (a cluster's segment sharing) into its
     * kept segments, through sessions of its own.
     *
     * @param index the segment's place in the owner's narration order
     * @param key its key there
     * @return what it spent, or null, narrating nothing, when this host's plan of the episode has
     *     another segment there
     */
    SegmentBoard.@Nullable Spent narrateOne(
            EpisodeScript script, Path segmentFolder, int maxAttempts, int index, String key)
            throws EpisodeNarrationException, IOException {
        List<PlannedSegment> plan = planner.segments(script);
        List<PlannedSegment> order = voiceByVoice(plan);
        if (index < 0 || index >= order.size() || !order.get(index).key().equals(key)) {
            return null;
        }
        try (EpisodeRun run = new EpisodeRun(
                script,
                plan.size(),
                new SegmentCheckpoints(segmentFolder),
                new VoiceSessions(
                        gateway,
                        NarratorInstructions.forEpisode(script.instructions()),
                        script.speed(),
                        new ModelSnapshots(modelVersion)),
                maxAttempts)) {
            complete(run, order.get(index));
            return new SegmentBoard.Spent(run.attempts(), run.usage());
        }
    }

    /** The kept parts of one planned segment (one, unless it had to be split), narrating what is missing. */
    private List<EpisodeAssembler.Finished> complete(EpisodeRun run, PlannedSegment planned)
            throws EpisodeNarrationException, IOException {
        List<EpisodeAssembler.Finished> parts = new ArrayList<>();
        Deque<PlannedSegment> pending = new ArrayDeque<>(List.of(planned));
        while (!pending.isEmpty()) {
            PlannedSegment segment = pending.pop();
            var kept = run.checkpoints().find(segment);
            if (kept.isPresent()) {
                run.finished(kept.get(), true);
                parts.add(new EpisodeAssembler.Finished(segment, kept.get()));
                continue;
            }
            if (run.checkpoints().isSplit(segment)) {
                pushAll(pending, planner.halves(segment));
                continue;
            }
            SegmentNarrator.Outcome narrated = segments.narrate(run, segment);
            if (narrated instanceof SegmentNarrator.Kept done) {
                run.finished(done.take(), false);
                parts.add(new EpisodeAssembler.Finished(segment, done.take()));
            } else if (narrated instanceof SegmentNarrator.SplitInto split) {
                // The cap cut this text mid-sentence: narrate it as shorter parts, now and in later runs.
                log.info(
                        "episode={} {}: cut at the output token cap, narrating it as {} shorter segments",
                        run.script().id(),
                        run.describe(segment),
                        split.parts().size());
                run.checkpoints().markSplit(segment);
                pushAll(pending, split.parts());
            }
        }
        return parts;
    }

    private static void pushAll(Deque<PlannedSegment> pending, List<PlannedSegment> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            pending.push(parts.get(i));
        }
    }

    /** The segments voice by voice, voices in order of first appearance, each voice's in reading order. */
    private static List<PlannedSegment> voiceByVoice(List<PlannedSegment> plan) {
        Set<String> voices = new LinkedHashSet<>();
        plan.forEach(segment -> voices.add(segment.voice()));
        List<PlannedSegment> order = new ArrayList<>(plan.size());
        for (String voice : voices) {
            plan.stream().filter(segment -> segment.voice().equals(voice)).forEach(order::add);
        }
        return order;
    }
}
