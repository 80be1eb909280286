package dev.nightcast.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Extracts what the simulator should "read" from a response's inline input, as an independent
 * server sees it: the text after the tag that opens the input ({@code <script>} or a request's own
 * {@code <script-…>}) up to the last matching closing tag. It is not told the client's delimiters.
 */
final class Scripts {

    private Scripts() {}

    /** The text inside the opening tag and its closing tag of the input's {@code input_text} parts, else all of it. */
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
        int openEnd = text.indexOf('>');
        if (!text.startsWith("<script") || openEnd < 0) {
            return text;
        }
        String close = "</" + text.substring(1, openEnd + 1);
        int end = text.lastIndexOf(close);
        return end > openEnd ? text.substring(openEnd + 1, end) : text;
    }
}
