package dev.nightcast.simulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One WebSocket handshake as the simulator received it, for assertions on URL and headers.
 *
 * @param path the request path, e.g. {@code /openai/v1/realtime}
 * @param query the raw query, e.g. {@code model=gpt-realtime-mini}, or null
 * @param headers request headers by case-insensitive name (the last value of repeated headers)
 */
public record RecordedHandshake(String path, String query, Map<String, String> headers) {

    public RecordedHandshake {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
    }

    /** The header's value, or null; names are case-insensitive. */
    public String header(String name) {
        return headers.get(name);
    }

    /** Never includes header values: they may hold credentials. */
    @Override
    public String toString() {
        return "RecordedHandshake[" + path + (query != null ? "?" + query : "") + ", headers=" + headers.keySet() + "]";
    }
}
