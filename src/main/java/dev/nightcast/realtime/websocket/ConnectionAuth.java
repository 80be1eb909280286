package dev.nightcast.realtime.websocket;

import okhttp3.Request;

import dev.nightcast.realtime.RealtimeException;

/**
 * Puts credentials on one WebSocket handshake. Called once per connection, so implementations
 * backed by expiring tokens fetch (or refresh) the token every time.
 *
 * <p>Implementations must be thread-safe and must never log or expose the credential.
 */
@FunctionalInterface
public interface ConnectionAuth {

    void authorize(Request.Builder handshake) throws RealtimeException;

    /**
     * Forgets what was cached so that the next {@link #authorize} fetches fresh credentials (a token
     * that was revoked, or issued before a role was granted, is not refreshed by the cache alone).
     *
     * @return false when there is nothing to renew, e.g. a static key
     */
    default boolean renew() {
        return false;
    }

    /** A static header, e.g. {@code api-key: <key>}; the value never appears in {@code toString()}. */
    static ConnectionAuth header(String name, String value) {
        return new ConnectionAuth() {
            @Override
            public void authorize(Request.Builder handshake) throws RealtimeException {
                setHeader(handshake, name, value);
            }

            @Override
            public String toString() {
                return "a key in the " + name + " header";
            }
        };
    }

    /**
     * Sets a header that carries a credential. OkHttp's refusal of a value would quote it, so it is
     * replaced by one that does not (and does not keep OkHttp's exception as its cause). Credentials
     * are checked when the gateway is created ({@link HeaderCredential}); this is the last line.
     */
    static void setHeader(Request.Builder handshake, String name, String value) throws RealtimeException {
        try {
            handshake.header(name, value);
        } catch (IllegalArgumentException e) {
            throw FailureClassifier.headerRefused(name);
        }
    }
}
