package dev.nightcast.realtime;

import okhttp3.Request;

/**
 * Puts credentials on one WebSocket handshake. Called once per connection, so implementations
 * backed by expiring tokens fetch (or refresh) the token every time.
 *
 * <p>Implementations must be thread-safe and must never log or expose the credential.
 */
@FunctionalInterface
interface ConnectionAuth {

    void authorize(Request.Builder handshake) throws RealtimeException;

    /** A static header, e.g. {@code api-key: <key>}; the value never appears in {@code toString()}. */
    static ConnectionAuth header(String name, String value) {
        return new ConnectionAuth() {
            @Override
            public void authorize(Request.Builder handshake) {
                handshake.header(name, value);
            }

            @Override
            public String toString() {
                return name + " header";
            }
        };
    }
}
