package dev.nightcast.realtime.simulator;

/**
 * One {@code response.create} the simulator accepted.
 *
 * @param episode {@code metadata.episode}, or null
 * @param segment {@code metadata.segment}, or null
 * @param attempt {@code metadata.attempt}, or null
 * @param text the text inside {@code <script>…</script>} (the whole input text when there are no tags)
 */
public record Narration(String episode, String segment, String attempt, String text) {
}
