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
 * does. A {@link ResponseHold} pauses it before the first audio. Runs on the simulator's stream
 * pool; stops as soon as the client is gone.
 */
final class ResponseStreamer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ResponseStreamer.class);
    private static final double PCM_BYTES_PER_SECOND = 48_000.0;
    private static final Pattern WORD = Pattern.compile("\\S+\\s*");

    private final EventWriter out;
    private final ResponsePlan plan;
    private final SimulatorSettings settings;
    private final ToneGenerator tones;
    private final Fault.OnResponse fault;
    private final ResponseHold hold;
    private final Runnable dropSocket;
    private final Runnable onAudio;
    private final Runnable onFinished;
    private final LongConsumer audioSent;
    private final ServerEvents events;
    private long startNanos;

    /**
     * @param hold holds the response before its first audio until released, or null
     * @param onAudio called after each word's audio was sent
     * @param onFinished called once when the response ended, however it ended
     * @param audioSent told the PCM bytes of each audio event sent
     */
    ResponseStreamer(EventWriter out, ResponsePlan plan, SimulatorSettings settings, Fault.OnResponse fault,
            ResponseHold hold, Runnable dropSocket, Runnable onAudio, Runnable onFinished, LongConsumer audioSent) {
        this.out = out;
        this.plan = plan;
        this.settings = settings;
        // audio.output.speed stretches or squeezes the speech: fewer words per minute when slower.
        this.tones = ToneGenerator.forVoice((int) Math.max(1, Math.round(settings.wordsPerMinute() * plan.speed())),
                plan.voice());
        this.fault = fault;
        this.hold = hold;
        this.dropSocket = dropSocket;
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
        ObjectNode rateLimits = fault instanceof Fault.QuotaSpent spent
                ? events.rateLimits(0, spent.refillIn().toMillis() / 1000.0) : events.rateLimits();
        if (!out.send(events.responseCreated()) || !out.send(rateLimits)
                || !out.send(events.itemAdded()) || !out.send(events.partAdded())) {
            return;
        }
        if (fault instanceof Fault.Stall) {
            return; // say nothing more; the client's idle timer has to notice
        }
        if (hold != null) {
            hold.await();
            startNanos = System.nanoTime(); // the first-audio latency counts from the release
        }
        List<String> words = fault instanceof Fault.Misread misread ? misread(plan.text(), misread)
                : words(plan.text());
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
            if (spoken == 1 && interrupted()) {
                return;
            }
        }
        String transcript = String.join("", words.subList(0, spoken));
        finish(capped ? transcript.stripTrailing() : transcript, capped, audioBytes, spoken);
    }

    /** Applies a mid-stream fault; true when the stream must end here. */
    private boolean interrupted() {
        if (fault instanceof Fault.CloseMidStream close) {
            out.close(close.code(), close.reason());
            return true;
        }
        if (fault instanceof Fault.DropMidStream) {
            dropSocket.run();
            return true;
        }
        if (fault instanceof Fault.MalformedFrame) {
            out.sendRaw("{\"type\":\"response.output_audio.delta\",\"response_id\":\"" + plan.responseId()
                    + "\",\"delta\":\"AAAA");
        }
        return false;
    }

    private void finish(String transcript, boolean capped, long audioBytes, int spoken) {
        String itemStatus = capped || fault instanceof Fault.EndResponse ? "incomplete" : "completed";
        ObjectNode statusDetails = null;
        String status = "completed";
        if (fault instanceof Fault.EndResponse end) {
            status = end.status();
            statusDetails = events.statusDetails(end.status(), end.reason(), end.errorType(), end.errorCode());
        } else if (capped) {
            status = "incomplete";
            statusDetails = events.statusDetails(status, "max_output_tokens", null, null);
        }
        ObjectNode usage = events.usage(TokenMath.inputTokens(TokenMath.words(plan.text()),
                TokenMath.words(plan.instructions())), TokenMath.textTokens(spoken), TokenMath.audioTokens(audioBytes));
        boolean sent = out.send(events.audioDone())
                && out.send(events.transcriptDone(transcript))
                && out.send(events.partDone(transcript))
                && out.send(events.itemDone(itemStatus, transcript))
                && out.send(events.responseDone(status, statusDetails, itemStatus, transcript, usage));
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

    /** What a model that does not stick to the script says: a preamble, swapped words, a sign-off. */
    static List<String> misread(String text, Fault.Misread misread) {
        List<String> script = words(text);
        List<String> spoken = new ArrayList<>(words(misread.before().isBlank() ? "" : misread.before().strip() + " "));
        for (int i = 0; i < script.size(); i++) {
            boolean swap = misread.swapEvery() > 0 && (i + 1) % misread.swapEvery() == 0;
            spoken.add(swap ? "basically" + script.get(i).replaceFirst("^\\S+", "") : script.get(i));
        }
        if (!misread.after().isBlank()) {
            String last = spoken.isEmpty() ? "" : spoken.remove(spoken.size() - 1);
            spoken.addAll(words(last.stripTrailing() + " " + misread.after().strip()));
        }
        return spoken;
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
