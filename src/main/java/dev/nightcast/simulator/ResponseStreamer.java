package dev.nightcast.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one simulated response in the GA event order (protocol reference §4): created, item and
 * part added, then per word a transcript delta (running ahead) and its audio in chunks of at most
 * 0.15 s, paced by the realtime factor, then the done events and {@code response.done} with usage.
 * Stops at the output token cap with {@code incomplete}/{@code max_output_tokens}, as the service
 * does. Its {@link ResponseTwist} may change that at each step (tests). Runs on the simulator's
 * stream pool; stops as soon as the client is gone.
 */
final class ResponseStreamer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ResponseStreamer.class);
    private static final double PCM_BYTES_PER_SECOND = 48_000.0;
    private static final Pattern WORD = Pattern.compile("\\S+\\s*");

    private final EventWriter out;
    private final ResponsePlan plan;
    private final SimulatorSettings settings;
    private final ToneGenerator tones;
    private final ResponseTwist twist;
    private final Runnable onAudio;
    private final Runnable onFinished;
    private final LongConsumer audioSent;
    private final ServerEvents events;
    private long startNanos;

    /**
     * @param onAudio called after each word's audio was sent
     * @param onFinished called once when the response ended, however it ended
     * @param audioSent told the PCM bytes of each audio event sent
     */
    ResponseStreamer(
            EventWriter out,
            ResponsePlan plan,
            SimulatorSettings settings,
            ResponseTwist twist,
            Runnable onAudio,
            Runnable onFinished,
            LongConsumer audioSent) {
        this.out = out;
        this.plan = plan;
        this.settings = settings;
        // audio.output.speed stretches or squeezes the speech: fewer words per minute when slower.
        this.tones = ToneGenerator.forVoice(
                (int) Math.max(1, Math.round(settings.wordsPerMinute() * plan.speed())), plan.voice());
        this.twist = twist;
        this.onAudio = onAudio;
        this.onFinished = onFinished;
        this.audioSent = audioSent;
        this.events = new ServerEvents(out, plan);
    }

    @Override
    public void run() {
        try {
            stream();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("simulated response {} failed", plan.responseId(), e);
        } finally {
            onFinished.run();
        }
    }

    private void stream() throws InterruptedException {
        startNanos = System.nanoTime();
        if (!out.send(events.responseCreated())
                || !out.send(twist.rateLimits(events))
                || !out.send(events.itemAdded())
                || !out.send(events.partAdded())) {
            return;
        }
        if (!twist.beforeAudio()) {
            return; // say nothing more; the client's idle timer has to notice
        }
        startNanos = System.nanoTime(); // the first-audio latency counts from here (a held response: its release)
        List<String> words = twist.spoken(words(plan.text()));
        long audioBytes = 0;
        int spoken = 0;
        boolean capped = false;
        for (String word : words) {
            long needed = TokenMath.audioTokens(audioBytes + tones.bytesPerWord()) + TokenMath.textTokens(spoken + 1);
            if (needed > plan.maxOutputTokens()) {
                capped = true;
                break;
            }
            if (!out.send(events.transcriptDelta(word))) {
                return;
            }
            List<String> chunks = tones.base64Chunks(spoken);
            for (int chunk = 0; chunk < chunks.size(); chunk++) {
                pace(audioBytes);
                if (!out.sendRaw(events.audioDelta(chunks.get(chunk)))) {
                    return;
                }
                int length = tones.chunkBytes(chunk);
                audioBytes += length;
                audioSent.accept(length);
            }
            onAudio.run();
            spoken++;
            if (spoken == 1 && twist.afterFirstWord(out, plan.responseId())) {
                return;
            }
        }
        String transcript = String.join("", words.subList(0, spoken));
        finish(
                capped ? transcript.stripTrailing() : transcript,
                twist.end(capped ? ResponseEnd.CAPPED : ResponseEnd.COMPLETED),
                audioBytes,
                spoken);
    }

    private void finish(String transcript, ResponseEnd end, long audioBytes, int spoken) {
        String itemStatus = end.completed() ? "completed" : "incomplete";
        ObjectNode statusDetails = end.completed()
                ? null
                : events.statusDetails(end.status(), end.reason(), end.errorType(), end.errorCode());
        ObjectNode usage = events.usage(
                TokenMath.inputTokens(TokenMath.words(plan.text()), TokenMath.words(plan.instructions())),
                TokenMath.textTokens(spoken),
                TokenMath.audioTokens(audioBytes));
        boolean sent = out.send(events.audioDone())
                && out.send(events.transcriptDone(transcript))
                && out.send(events.partDone(transcript))
                && out.send(events.itemDone(itemStatus, transcript))
                && out.send(events.responseDone(end.status(), statusDetails, itemStatus, transcript, usage));
        if (!sent) {
            log.debug("client left before response {} was done", plan.responseId());
        }
    }

    // Audio of second t is sent at start + latency + t / factor; a factor <= 0 means no pacing.
    private void pace(long audioBytesSoFar) throws InterruptedException {
        long due = startNanos + settings.firstAudioLatency().toNanos();
        if (settings.realtimeFactor() > 0) {
            due += (long) (audioBytesSoFar / PCM_BYTES_PER_SECOND / settings.realtimeFactor() * 1e9);
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        out.awaitDrain();
    }

    /** Words with their trailing whitespace (leading whitespace joins the first), so they concatenate to the text. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(words.isEmpty() ? text.substring(0, matcher.end()) : matcher.group());
        }
        return words;
    }
}
