package dev.nightcast.narration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.audio.Loudness;
import dev.nightcast.audio.Mastering;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.throughput.Patience;

/**
 * Narrates one episode into one WAV file, segment by segment, resuming where an earlier attempt
 * stopped.
 *
 * <p>The episode is {@linkplain NarrationPlan planned} into segments. Each finished segment is kept
 * in the episode's {@link SegmentCheckpoints} folder, so a retry or a restarted run narrates only the
 * missing ones. Segments are narrated voice by voice (a session's voice cannot change once it spoke,
 * so each voice gets one session, reused across its speaker's turns); once the run's input is
 * exhausted, idle workers help with the segments left ({@link SegmentSharing}). Each is narrated by the
 * {@link SegmentNarrator} (transient retries, fidelity check). A response cut at the output token cap
 * is split and its parts narrated instead; the split is remembered for the next run. When every
 * segment is kept, the {@link EpisodeAssembler} joins them in reading order, with their pauses, into
 * the WAV, levelled and normalised to the {@link Mastering}'s loudness.
 *
 * <p>Every attempt is reported to the run's {@link OutageBreaker} (which ignores throttling); once
 * it trips, no further attempt starts and the episode stops with a {@link GatewayOutageException}
 * instead of failing (its kept segments wait for the next run). Thread-safe: one instance serves
 * many threads.
 */
final class EpisodeNarrator {

    private static final Logger log = LoggerFactory.getLogger(EpisodeNarrator.class);

    private final RealtimeGateway gateway;
    private final NarrationPlan planner;
    private final SegmentNarrator segments;
    private final OutageBreaker breaker;
    private final SegmentSharing sharing;
    private final EpisodeAssembler assembler;

    /**
     * @param mastering what the joined WAV is made to (loudness, true peak)
     * @param patience a fresh throttle budget, started for each attempt of a segment
     */
    EpisodeNarrator(RealtimeGateway gateway, NarrationProperties settings, Mastering mastering, RetryBackoff backoff,
            Supplier<Patience> patience, AttemptLog attemptLog, OutageBreaker breaker, SegmentSharing sharing) {
        this.gateway = gateway;
        this.assembler = new EpisodeAssembler(mastering);
        this.planner = new NarrationPlan(settings);
        this.segments = new SegmentNarrator(settings.fidelity(), attemptLog, breaker, backoff, patience);
        this.breaker = breaker;
        this.sharing = sharing;
    }

    /**
     * @param segmentCount segments the audio was joined from (each part of a split segment counts)
     * @param resumedSegments segments kept from an earlier run instead of narrated again
     * @param usage tokens spent on the audio in the WAV, in this run and earlier ones
     * @param attempts gateway attempts made in this run
     * @param loudness of the WAV as written
     */
    record Result(String transcript, long audioBytes, int segmentCount, int resumedSegments, TokenUsage usage,
            int attempts, List<SubtitleCue> cues, double wordErrorRate, double worstSegmentErrorRate,
            Loudness loudness) {
    }

    Result narrate(EpisodeScript script, Path segmentFolder, Path wavFile, int maxAttempts)
            throws EpisodeNarrationException, IOException {
        List<PlannedSegment> plan = planner.segments(script);
        EpisodeRun run = new EpisodeRun(script, plan.size(), new SegmentCheckpoints(segmentFolder),
                new VoiceSessions(gateway, NarratorInstructions.forEpisode(script.instructions()), script.speed()),
                maxAttempts);
        List<EpisodeAssembler.Finished> inOrder;
        try (run) {
            inOrder = sharing.narrate(run, voiceByVoice(plan), this::complete);
        }
        EpisodeAssembler.Assembly assembly = assembler.join(wavFile, inOrder, run.checkpoints());
        return new Result(assembly.transcript(), assembly.audioBytes(), inOrder.size(), run.resumed(), run.usage(),
                run.attempts(), assembly.cues(), assembly.wordErrorRate(), assembly.worstSegmentErrorRate(),
                assembly.loudness());
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
            try {
                SegmentCheckpoints.Take take = segments.narrate(run, segment);
                run.finished(take, false);
                parts.add(new EpisodeAssembler.Finished(segment, take));
            } catch (RealtimeException e) {
                List<PlannedSegment> halves = RealtimeException.MAX_OUTPUT_TOKENS.equals(e.code())
                        ? planner.halves(segment) : List.of();
                if (halves.size() < 2) {
                    if (e.kind() != FailureKind.PERMANENT && breaker.isTripped()) {
                        // The gateway's fault, not the episode's: not done, not failed; the next run resumes it.
                        throw new GatewayOutageException();
                    }
                    throw run.failure(segment, e);
                }
                // The cap cut this text mid-sentence: narrate it as shorter parts, now and in later runs.
                log.info("episode={} {}: cut at the output token cap, narrating it as {} shorter segments",
                        run.script().id(), run.describe(segment), halves.size());
                run.checkpoints().markSplit(segment);
                pushAll(pending, halves);
            } catch (SegmentRejectedException e) {
                throw run.rejected(segment, e);
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
