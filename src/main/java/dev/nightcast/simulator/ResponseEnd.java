package dev.nightcast.simulator;

import org.jspecify.annotations.Nullable;

/**
 * How a response ends: the {@code status} of {@code response.done} and its {@code status_details}.
 *
 * @param reason {@code status_details.reason} ({@code max_output_tokens}, ...), or null
 * @param errorType {@code status_details.error.type} of a failed response, or null
 * @param errorCode {@code status_details.error.code} of a failed response, or null
 */
record ResponseEnd(
        String status,
        @Nullable String reason,
        @Nullable String errorType,
        @Nullable String errorCode) {

    static final ResponseEnd COMPLETED = new ResponseEnd("completed", null, null, null);
    /** Stopped at the output token cap, as the service stops. */
    static final ResponseEnd CAPPED = new ResponseEnd("incomplete", "max_output_tokens", null, null);

    boolean completed() {
        return "completed".equals(status);
    }
}
