package dev.nightcast.realtime.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * A scripted misbehaviour, queued with {@link RealtimeSimulator#enqueueFault}. Handshake faults
 * apply to the next connection attempts in order; response faults to the next accepted
 * {@code response.create}s in order. Each fault is used once.
 */
public sealed interface Fault permits Fault.OnHandshake, Fault.OnResponse {

    /** Applies to the next WebSocket handshake. */
    sealed interface OnHandshake extends Fault permits RejectHandshake, ResetConnection {
    }

    /** Applies to the next {@code response.create}. */
    sealed interface OnResponse extends Fault
            permits CloseMidStream, DropMidStream, ErrorEvent, EndResponse, Stall, MalformedFrame, QuotaSpent {
    }

    /** Answer the upgrade with an HTTP status instead of 101. */
    record RejectHandshake(int status, Map<String, String> headers, String body) implements OnHandshake {

        public RejectHandshake {
            headers = Map.copyOf(headers);
        }
    }

    /** Close the TCP connection before answering the upgrade (a network failure, no HTTP status). */
    record ResetConnection() implements OnHandshake {
    }

    /** After the first word's audio, send a close frame with this code. */
    record CloseMidStream(int code, String reason) implements OnResponse {
    }

    /** After the first word's audio, drop the TCP connection without a close frame. */
    record DropMidStream() implements OnResponse {
    }

    /** Reject the {@code response.create} with an {@code error} event; no response is created. */
    record ErrorEvent(String type, String code, String message) implements OnResponse {
    }

    /**
     * Stream normally, then end with this {@code response.done} status ({@code failed},
     * {@code incomplete}, {@code cancelled}); {@code errorType}/{@code errorCode} for failed.
     */
    record EndResponse(String status, String reason, String errorType, String errorCode) implements OnResponse {
    }

    /** Send {@code response.created} and the item/part events, then nothing at all. */
    record Stall() implements OnResponse {
    }

    /** After the first word's audio, send a frame that is not valid JSON. */
    record MalformedFrame() implements OnResponse {
    }

    /**
     * Stream normally, but report in {@code rate_limits.updated} that the token quota is spent
     * (remaining 0) until it refills in {@code refillIn}.
     */
    record QuotaSpent(Duration refillIn) implements OnResponse {
    }

    /** HTTP 429 with {@code Retry-After} in whole seconds and an Azure-style error body. */
    static Fault rateLimited(Duration retryAfter) {
        return rateLimited(retryAfter, "Requests to the Realtime API have exceeded the rate limit of your current"
                + " tier.");
    }

    static Fault rateLimited(Duration retryAfter, String why) {
        long seconds = retryAfter.toSeconds();
        return new RejectHandshake(429, Map.of("Retry-After", Long.toString(seconds)), azureError("429",
                why + " Please retry after " + seconds + " second" + (seconds == 1 ? "" : "s") + "."));
    }

    /** HTTP 503 without a body. */
    static Fault serviceUnavailable() {
        return new RejectHandshake(503, Map.of(), "");
    }

    /** HTTP 401 as Azure answers a principal without the OpenAI user role. */
    static Fault unauthorized() {
        return new RejectHandshake(401, Map.of(), azureError("PermissionDenied",
                "Principal does not have access to API/Operation."));
    }

    /** HTTP 404 as Azure answers an unknown deployment. */
    static Fault deploymentNotFound() {
        return new RejectHandshake(404, Map.of(), azureError("DeploymentNotFound",
                "The API deployment for this resource does not exist. If you created the deployment within the last"
                        + " 5 minutes, please wait a moment and try again."));
    }

    static Fault connectionReset() {
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

    static Fault responseCancelled() {
        return new EndResponse("cancelled", "client_cancelled", null, null);
    }

    static Fault stall() {
        return new Stall();
    }

    static Fault malformedFrame() {
        return new MalformedFrame();
    }

    static Fault quotaSpent(Duration refillIn) {
        return new QuotaSpent(refillIn);
    }

    private static String azureError(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }
}
