package dev.nightcast.input;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what is read from the input ({@code nightcast.input.*}).
 *
 * @param maxScriptSize the largest script: a markdown or {@code script_file} file is measured before
 *     it is opened, and a CSV cell as it is parsed; anything larger is an invalid entry
 */
@ConfigurationProperties("nightcast.input")
public record InputProperties(
        @DefaultValue(InputProperties.DEFAULT_MAX_SCRIPT_SIZE)
        DataSize maxScriptSize) {

    /** About 700,000 words, some 80 hours of narration: no real script comes near it. */
    static final String DEFAULT_MAX_SCRIPT_SIZE = "4MB";

    /** The defaults, for code that reads input outside a Spring context. */
    public static final InputProperties DEFAULTS = new InputProperties(DataSize.parse(DEFAULT_MAX_SCRIPT_SIZE));

    public InputProperties {
        if (maxScriptSize == null || maxScriptSize.toBytes() <= 0) {
            throw new IllegalArgumentException("nightcast.input.max-script-size must be a positive size, e.g. 4MB");
        }
    }
}
