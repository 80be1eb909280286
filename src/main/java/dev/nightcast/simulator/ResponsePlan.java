package dev.nightcast.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything a simulated response needs, fixed when {@code response.create} is accepted.
 *
 * @param text the script text to "speak"
 * @param instructions effective instructions (response's, else the session's)
 * @param metadata the client's {@code metadata}, echoed back, or a null node
 * @param maxOutputTokens effective output cap for this response
 * @param speed the session's {@code audio.output.speed}: 0.5 makes every word twice as long
 */
record ResponsePlan(
        String responseId,
        String itemId,
        String text,
        String instructions,
        JsonNode metadata,
        int maxOutputTokens,
        String voice,
        double speed) {}
