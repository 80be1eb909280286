package dev.nightcast.simulator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How the simulator speaks.
 *
 * @param realtimeFactor audio is streamed this many times faster than real time (10.0: one second
 *     of audio every 100 ms); 0 or less streams as fast as possible
 * @param firstAudioLatency pause between {@code response.created} and the first audio
 * @param wordsPerMinute speech rate of the synthetic audio; each word is a tone plus a short gap
 * @param maxOutputTokens the service's per-response output cap (4096 for gpt-realtime-mini); a
 *     lower value lets tests reach {@code max_output_tokens} with short texts
 */
public record SimulatorSettings(
        double realtimeFactor,
        Duration firstAudioLatency,
        int wordsPerMinute,
        int maxOutputTokens,
        @Nullable String modelSnapshot) {

    public static final int SERVICE_MAX_OUTPUT_TOKENS = 4096;
    /** The snapshot date the simulator reports after the deployment name when none is configured. */
    public static final String DEFAULT_SNAPSHOT_DATE = "2025-12-15";

    /** Reporting the default snapshot, {@code <deployment>-}{@value #DEFAULT_SNAPSHOT_DATE}. */
    public SimulatorSettings(
            double realtimeFactor, Duration firstAudioLatency, int wordsPerMinute, int maxOutputTokens) {
        this(realtimeFactor, firstAudioLatency, wordsPerMinute, maxOutputTokens, null);
    }

    /** The model snapshot {@code session.created} names for a session of {@code deployment}. */
    public String snapshotFor(String deployment) {
        return modelSnapshot != null && !modelSnapshot.isBlank()
                ? modelSnapshot
                : deployment + "-" + DEFAULT_SNAPSHOT_DATE;
    }

    public SimulatorSettings {
        if (firstAudioLatency == null || firstAudioLatency.isNegative()) {
            throw new IllegalArgumentException("firstAudioLatency must be zero or positive: " + firstAudioLatency);
        }
        if (wordsPerMinute <= 0 || wordsPerMinute > 1000) {
            throw new IllegalArgumentException("wordsPerMinute must be in 1..1000: " + wordsPerMinute);
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive: " + maxOutputTokens);
        }
    }

    /** The product defaults: 10x real time, 50 ms to first audio, 150 words per minute, 4096 tokens. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(10.0, Duration.ofMillis(50), 150, SERVICE_MAX_OUTPUT_TOKENS);
    }

    /** As fast as possible, for tests. */
    public static SimulatorSettings fast() {
        return new SimulatorSettings(0, Duration.ZERO, 150, SERVICE_MAX_OUTPUT_TOKENS);
    }

    public SimulatorSettings withMaxOutputTokens(int tokens) {
        return new SimulatorSettings(realtimeFactor, firstAudioLatency, wordsPerMinute, tokens, modelSnapshot);
    }

    public SimulatorSettings withRealtimeFactor(double factor) {
        return new SimulatorSettings(factor, firstAudioLatency, wordsPerMinute, maxOutputTokens);
    }
}
