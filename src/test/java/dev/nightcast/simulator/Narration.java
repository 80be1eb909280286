package dev.nightcast.simulator;

/**
 * One {@code response.create} the simulator accepted.
 *
 * @param episode {@code metadata.episode}, or null
 * @param segment {@code metadata.segment}, or null
 * @param attempt {@code metadata.attempt}, or null
 * @param text the text inside the input's {@code <script…>} frame (the whole input text when there is none)
 */
public record Narration(String episode, String segment, String attempt, String text) {}
