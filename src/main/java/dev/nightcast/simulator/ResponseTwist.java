package dev.nightcast.simulator;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How one simulated response departs from what the service would send, consulted by the session
 * and the {@link ResponseStreamer} at each point where a test may make it misbehave. Every default
 * is the service's behaviour; {@link #NONE} changes nothing.
 */
interface ResponseTwist {

    ResponseTwist NONE = new ResponseTwist() {};

    /** Answers the {@code response.create} with an error event of its own instead (true): no response. */
    default boolean refused(EventWriter out, String clientEventId) {
        return false;
    }

    /** The response's output token cap, given the one the service would apply. */
    default int outputCap(int cap) {
        return cap;
    }

    /** The {@code rate_limits.updated} event sent after {@code response.created}. */
    default ObjectNode rateLimits(ServerEvents events) {
        return events.rateLimits();
    }

    /**
     * Called after the item and part events, before the first audio; may block (a held response).
     * False: send nothing more (a stalled response).
     */
    default boolean beforeAudio() throws InterruptedException {
        return true;
    }

    /** The words spoken, given the script's words (each with its trailing whitespace). */
    default List<String> spoken(List<String> scriptWords) {
        return scriptWords;
    }

    /** Called after the first word's audio; true ends the stream there (the connection is gone). */
    default boolean afterFirstWord(EventWriter out, String responseId) {
        return false;
    }

    /** How the response ends, given how the service would end it. */
    default ResponseEnd end(ResponseEnd natural) {
        return natural;
    }
}
