package dev.nightcast.script;

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
public record InputProperties(@DefaultValue("4MB") DataSize maxScriptSize) {

    /** The defaults, for code that reads input outside a Spring context. */
    public static final InputProperties DEFAULTS = new InputProperties(DataSize.ofMegabytes(4));
}
