package dev.nightcast.realtime.websocket;

import okhttp3.Response;

/**
 * The parts of a non-101 handshake answer that classification and support need. Copied out of the
 * OkHttp {@link Response} inside the listener callback because OkHttp closes it afterwards. Only
 * headers known to hold no secrets are kept.
 *
 * @param status HTTP status
 * @param retryAfter {@code Retry-After} (seconds or HTTP date), or null
 * @param retryAfterMs {@code retry-after-ms}, or null
 * @param requestId {@code apim-request-id} or {@code x-request-id}, for support tickets, or null
 * @param body the start of the body (a JSON error envelope, usually), or empty
 */
record HandshakeRejection(int status, String retryAfter, String retryAfterMs, String requestId, String body) {

    private static final long MAX_BODY = 4096;

    static HandshakeRejection of(Response response) {
        String body;
        try {
            body = response.peekBody(MAX_BODY).string();
        } catch (Exception e) {
            body = "";
        }
        String requestId = response.header("apim-request-id");
        if (requestId == null) {
            requestId = response.header("x-request-id");
        }
        return new HandshakeRejection(
                response.code(), response.header("Retry-After"), response.header("retry-after-ms"), requestId, body);
    }
}
