package dev.nightcast.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plays one response {@link Fault} (and a {@link ResponseHold}) at the points the simulator offers.
 *
 * @param fault the fault, or null for none
 * @param hold holds the response before its first audio until released, or null
 * @param dropConnection resets the response's TCP connection without a close frame
 */
record FaultTwist(Fault.OnResponse fault, ResponseHold hold, Runnable dropConnection) implements ResponseTwist {

    @Override
    public boolean refused(EventWriter out, String clientEventId) {
        if (fault instanceof Fault.ErrorEvent error) {
            out.send(out.error(error.type(), error.code(), error.message(), null, clientEventId));
            return true;
        }
        return false;
    }

    @Override
    public int outputCap(int cap) {
        return fault instanceof Fault.OutputCap lower ? Math.min(cap, lower.tokens()) : cap;
    }

    @Override
    public ObjectNode rateLimits(ServerEvents events) {
        return fault instanceof Fault.QuotaSpent spent
                ? events.rateLimits(0, spent.refillIn().toMillis() / 1000.0)
                : events.rateLimits();
    }

    @Override
    public boolean beforeAudio() throws InterruptedException {
        if (fault instanceof Fault.Stall) {
            return false;
        }
        if (hold != null) {
            hold.await();
        }
        return true;
    }

    @Override
    public List<String> spoken(List<String> scriptWords) {
        return fault instanceof Fault.Misread misread ? misread(scriptWords, misread) : scriptWords;
    }

    @Override
    public boolean afterFirstWord(EventWriter out, String responseId) {
        if (fault instanceof Fault.CloseMidStream close) {
            out.close(close.code(), close.reason());
            return true;
        }
        if (fault instanceof Fault.DropMidStream) {
            dropConnection.run();
            return true;
        }
        if (fault instanceof Fault.MalformedFrame) {
            out.sendRaw("{\"type\":\"response.output_audio.delta\",\"response_id\":\"" + responseId
                    + "\",\"delta\":\"AAAA");
        }
        return false;
    }

    @Override
    public ResponseEnd end(ResponseEnd natural) {
        return fault instanceof Fault.EndResponse end
                ? new ResponseEnd(end.status(), end.reason(), end.errorType(), end.errorCode())
                : natural;
    }

    /** What a model that does not stick to the script says: a preamble, swapped words, a sign-off. */
    static List<String> misread(List<String> script, Fault.Misread misread) {
        List<String> spoken = new ArrayList<>(ResponseStreamer.words(
                misread.before().isBlank() ? "" : misread.before().strip() + " "));
        for (int i = 0; i < script.size(); i++) {
            boolean swap = misread.swapEvery() > 0 && (i + 1) % misread.swapEvery() == 0;
            spoken.add(swap ? "basically" + script.get(i).replaceFirst("^\\S+", "") : script.get(i));
        }
        if (!misread.after().isBlank()) {
            String last = spoken.isEmpty() ? "" : spoken.remove(spoken.size() - 1);
            spoken.addAll(ResponseStreamer.words(
                    last.stripTrailing() + " " + misread.after().strip()));
        }
        return spoken;
    }
}
