package dev.nightcast.realtime.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.realtime.AudioSink;
import dev.nightcast.realtime.RateLimit;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.TranscriptMark;
import dev.nightcast.realtime.protocol.ClientEvents;
import dev.nightcast.realtime.protocol.ServerEvent;

/**
 * The state of one response while its events arrive: streams audio into the sink, gathers the
 * transcript, notes for each transcript delta how much audio had arrived before it (what captions
 * are timed by), and ends with {@code response.done}. Not thread-safe; one per {@code narrate} call.
 */
public final class ResponseCollector {

    private static final Logger log = LoggerFactory.getLogger(ResponseCollector.class);

    private final AudioSink sink;
    private final String subject;
    private final double speed;
    private final SettingNames settings;
    private final StringBuilder transcriptDeltas = new StringBuilder();
    private final List<TranscriptMark> marks = new ArrayList<>();
    private @Nullable String transcript;
    private @Nullable String responseId;
    private int capTokens = ClientEvents.MAX_OUTPUT_TOKENS;
    private long audioBytes;
    private boolean settled;
    private @Nullable List<RateLimit> rateLimits;

    /** @param speed the session's {@code audio.output.speed}, to judge how near the output cap the audio came */
    ResponseCollector(AudioSink sink, String subject, double speed) {
        this(sink, subject, speed, SettingNames.SINGLE);
    }

    /** @param settings how a configuration failure's hint names the endpoint's settings */
    ResponseCollector(AudioSink sink, String subject, double speed, SettingNames settings) {
        this.sink = sink;
        this.subject = subject;
        this.speed = speed;
        this.settings = settings;
    }

    /**
     * Applies one event.
     *
     * @return the {@code response.done} event once the response ended, otherwise null
     * @throws RealtimeException for an {@code error} event or a failing sink
     */
    ServerEvent.@Nullable ResponseDone accept(ServerEvent event) throws RealtimeException {
        if (event instanceof ServerEvent.AudioDelta delta) {
            deliver(delta.pcm());
        } else if (event instanceof ServerEvent.TranscriptDelta delta) {
            if (!delta.text().isEmpty()) {
                marks.add(new TranscriptMark(transcriptDeltas.length(), audioBytes));
            }
            transcriptDeltas.append(delta.text());
        } else if (event instanceof ServerEvent.TranscriptDone done) {
            transcript = done.transcript();
        } else if (event instanceof ServerEvent.ResponseCreated created) {
            responseId = created.responseId();
            if (created.maxOutputTokens() > 0) {
                // The server's cap is what the response ran under: lower than ours for some models or proxies.
                capTokens = Math.min(capTokens, created.maxOutputTokens());
            }
        } else if (event instanceof ServerEvent.RateLimitsUpdated updated) {
            rateLimits = updated.limits();
        } else if (event instanceof ServerEvent.ResponseDone done) {
            settled = true;
            return done;
        } else if (event instanceof ServerEvent.Error error) {
            // Before response.created the error rejected our response.create and nothing else
            // follows; afterwards the rest of the stream is unknown.
            settled = responseId == null;
            throw FailureClassifier.error(error.error(), subject, settings);
        } else {
            log.debug("{}: ignoring {}", subject, event);
        }
        return null;
    }

    /** The result of a completed response; any other status becomes a classified exception. */
    SegmentResult result(ServerEvent.ResponseDone done, Duration latency) throws RealtimeException {
        if (!"completed".equals(done.status())) {
            throw FailureClassifier.notCompleted(done, subject, new OutputCapUse(audioBytes, capTokens, speed));
        }
        String id = done.responseId() != null ? done.responseId() : responseId;
        String text = transcript != null ? transcript : transcriptDeltas.toString();
        return new SegmentResult(id, text, audioBytes, done.usage(), latency, marks, done.model());
    }

    /** True when the stream is at a clean boundary and the socket can serve another response. */
    boolean settled() {
        return settled;
    }

    long audioBytes() {
        return audioBytes;
    }

    /** The last {@code rate_limits.updated} of this response, or null when none came. */
    @Nullable
    List<RateLimit> rateLimits() {
        return rateLimits;
    }

    private void deliver(ByteBuffer pcm) throws RealtimeException {
        int bytes = pcm.remaining();
        if (bytes == 0) {
            return;
        }
        try {
            sink.accept(pcm);
        } catch (IOException | RuntimeException e) {
            throw FailureClassifier.sinkFailed(e, subject);
        }
        audioBytes += bytes;
    }
}
