package dev.nightcast.realtime.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** Extracts what the simulator should "read" from a response's inline input. */
final class Scripts {

    private static final String OPEN = "<script>";
    private static final String CLOSE = "</script>";

    private Scripts() {
    }

    /** The text inside {@code <script>…</script>} of the input's {@code input_text} parts, else all of it. */
    static String scriptText(JsonNode input) {
        StringBuilder all = new StringBuilder();
        for (JsonNode item : input) {
            for (JsonNode part : item.path("content")) {
                if ("input_text".equals(part.path("type").asText())) {
                    all.append(part.path("text").asText(""));
                }
            }
        }
        String text = all.toString();
        int start = text.indexOf(OPEN);
        int end = text.lastIndexOf(CLOSE);
        return start >= 0 && end >= start + OPEN.length() ? text.substring(start + OPEN.length(), end) : text;
    }
}
