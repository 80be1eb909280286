package dev.nightcast.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * A scripted misbehaviour, queued with {@link ScriptedSimulator#enqueueFault}. Handshake faults
 * apply to the next connection attempts in order; response faults to the next accepted
 * {@code response.create}s in order ({@link #after} lets a number of responses through first).
 * Each fault is used once.
 */
public sealed interface Fault permits Fault.OnHandshake, Fault.OnResponse, Fault.AfterResponses {

    /** Applies to the next WebSocket handshake. */
    sealed interface OnHandshake extends Fault permits RejectHandshake, ResetConnection, BetaProtocolOnly {}

    /** Applies to the next {@code response.create}. */
    sealed interface OnResponse extends Fault
            permits CloseMidStream,
                    DropMidStream,
                    ErrorEvent,
                    EndResponse,
                    Stall,
                    MalformedFrame,
                    Misread,
                    Pass,
                    QuotaSpent,
                    OutputCap {}

    /** Answer the upgrade with an HTTP status instead of 101. */
    record RejectHandshake(int status, Map<String, String> headers, String body) implements OnHandshake {

        public RejectHandshake {
            headers = Map.copyOf(headers);
        }
    }

    /** Close the TCP connection before answering the upgrade (a network failure, no HTTP status). */
    record ResetConnection() implements OnHandshake {}

    /**
     * Upgrade, then play an endpoint that speaks only the old beta (preview) protocol: a beta-shaped
     * {@code session.created}, and a GA {@code session.update} answered as Azure's preview path does
     * (protocol reference §0): {@code error} {@code unknown_parameter} on {@code session.type}.
     */
    record BetaProtocolOnly() implements OnHandshake {}

    /** After the first word's audio, send a close frame with this code. */
    record CloseMidStream(int code, String reason) implements OnResponse {}

    /** After the first word's audio, drop the TCP connection without a close frame. */
    record DropMidStream() implements OnResponse {}

    /** Reject the {@code response.create} with an {@code error} event; no response is created. */
    record ErrorEvent(String type, String code, String message) implements OnResponse {}

    /**
     * Stream normally, then end with this {@code response.done} status ({@code failed},
     * {@code incomplete}, {@code cancelled}); {@code errorType}/{@code errorCode} for failed.
     */
    record EndResponse(String status, String reason, String errorType, String errorCode) implements OnResponse {}

    /** Send {@code response.created} and the item/part events, then nothing at all. */
    record Stall() implements OnResponse {}

    /** After the first word's audio, send a frame that is not valid JSON. */
    record MalformedFrame() implements OnResponse {}

    /**
     * Stream a reading that is not the script, as a conversational model does when it answers
     * instead of reading: {@code before} is spoken first (a preamble), every {@code swapEvery}-th
     * word of the script is replaced by another word (0: none), {@code after} is spoken last (a
     * sign-off). Transcript and audio both carry the changes; the response completes normally.
     */
    record Misread(String before, int swapEvery, String after) implements OnResponse {}

    /**
     * The service's output token cap for this response is {@code tokens} (a model with a smaller cap,
     * or a lower setting): it is echoed in {@code response.created}, and the response streams up to it
     * and ends {@code incomplete}/{@code max_output_tokens}, as {@link SimulatorSettings#maxOutputTokens}
     * does for every response.
     */
    record OutputCap(int tokens) implements OnResponse {}

    /** Let one response through unchanged; what {@link #after} queues in front of a fault. */
    record Pass() implements OnResponse {}

    /** Queued as {@code responses} {@link Pass}es followed by {@code fault}. */
    record AfterResponses(int responses, OnResponse fault) implements Fault {

        public AfterResponses {
            if (responses < 0) {
                throw new IllegalArgumentException("responses must not be negative: " + responses);
            }
        }
    }

    /**
     * Stream normally, but report in {@code rate_limits.updated} that the token quota is spent
     * (remaining 0) until it refills in {@code refillIn}.
     */
    record QuotaSpent(Duration refillIn) implements OnResponse {}

    /** HTTP 429 with {@code Retry-After} in whole seconds and an Azure-style error body. */
    static OnHandshake rateLimited(Duration retryAfter) {
        return rateLimited(
                retryAfter, "Requests to the Realtime API have exceeded the rate limit of your current" + " tier.");
    }

    static OnHandshake rateLimited(Duration retryAfter, String why) {
        long seconds = retryAfter.toSeconds();
        return new RejectHandshake(
                429,
                Map.of("Retry-After", Long.toString(seconds)),
                azureError(
                        "429", why + " Please retry after " + seconds + " second" + (seconds == 1 ? "" : "s") + "."));
    }

    /** HTTP 503 without a body. */
    static OnHandshake serviceUnavailable() {
        return new RejectHandshake(503, Map.of(), "");
    }

    /** HTTP 401 as Azure answers a principal without the OpenAI user role. */
    static OnHandshake unauthorized() {
        return new RejectHandshake(
                401, Map.of(), azureError("PermissionDenied", "Principal does not have access to API/Operation."));
    }

    /** HTTP 403 as Azure answers a request its network rules (firewall, private endpoint) keep out. */
    static OnHandshake forbidden() {
        return new RejectHandshake(
                403, Map.of(), azureError("403", "Access denied due to Virtual Network/Firewall" + " rules."));
    }

    /** HTTP 404 as Azure answers an unknown deployment. */
    static OnHandshake deploymentNotFound() {
        return new RejectHandshake(
                404,
                Map.of(),
                azureError(
                        "DeploymentNotFound",
                        "The API deployment for this resource does not exist. If you created the deployment within the last"
                                + " 5 minutes, please wait a moment and try again."));
    }

    static OnHandshake betaProtocolOnly() {
        return new BetaProtocolOnly();
    }

    static OnHandshake connectionReset() {
        return new ResetConnection();
    }

    static Fault closeMidStream(int code, String reason) {
        return new CloseMidStream(code, reason);
    }

    static Fault dropMidStream() {
        return new DropMidStream();
    }

    static Fault errorEvent(String type, String code, String message) {
        return new ErrorEvent(type, code, message);
    }

    static Fault responseFailed(String errorType, String errorCode) {
        return new EndResponse("failed", null, errorType, errorCode);
    }

    static Fault responseIncomplete(String reason) {
        return new EndResponse("incomplete", reason, null, null);
    }

    /** The cap of the next response is {@code tokens}; text beyond it is cut off there. */
    static Fault outputCap(int tokens) {
        return new OutputCap(tokens);
    }

    static Fault responseCancelled() {
        return new EndResponse("cancelled", "client_cancelled", null, null);
    }

    static Fault stall() {
        return new Stall();
    }

    static Fault malformedFrame() {
        return new MalformedFrame();
    }

    /** The reading starts with {@code words}, e.g. "Sure, here is the narration:". */
    static Fault preamble(String words) {
        return new Misread(words, 0, "");
    }

    /** The reading ends with {@code words}, e.g. "I hope you enjoyed it!". */
    static Fault signOff(String words) {
        return new Misread("", 0, words);
    }

    /** Every {@code everyNthWord}-th word of the reading is a different word. */
    static Fault paraphrase(int everyNthWord) {
        return new Misread("", everyNthWord, "");
    }

    /** {@code fault} hits the response after the next {@code responses} ones, which go through unchanged. */
    static Fault after(int responses, Fault fault) {
        if (!(fault instanceof OnResponse onResponse)) {
            throw new IllegalArgumentException("only response faults can wait for responses: " + fault);
        }
        return new AfterResponses(responses, onResponse);
    }

    static Fault quotaSpent(Duration refillIn) {
        return new QuotaSpent(refillIn);
    }

    private static String azureError(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }
}
