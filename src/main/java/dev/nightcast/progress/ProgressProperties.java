package dev.nightcast.progress;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a run shows its progress ({@code nightcast.progress.*}).
 *
 * @param mode {@code auto} (a live bar when standard output is a terminal, else lines), {@code bar},
 *     {@code lines} or {@code off}
 * @param summaryEvery how often the line mode prints a summary line
 */
@ConfigurationProperties("nightcast.progress")
public record ProgressProperties(
        @DefaultValue("auto") Mode mode, @DefaultValue("1m") Duration summaryEvery) {

    public enum Mode {
        AUTO,
        BAR,
        LINES,
        OFF
    }

    public ProgressProperties {
        if (summaryEvery.isNegative() || summaryEvery.isZero()) {
            throw new IllegalArgumentException("nightcast.progress.summary-every must be positive: " + summaryEvery);
        }
    }

    /** The mode to use now: {@code auto} becomes a bar on a terminal (cron and CI have none). */
    Mode resolved() {
        if (mode != Mode.AUTO) {
            return mode;
        }
        return System.console() != null ? Mode.BAR : Mode.LINES;
    }
}
