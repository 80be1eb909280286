package dev.nightcast.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a job parameters file ({@code key=value}, Java properties syntax, UTF-8) and applies
 * command-line overrides on top of it.
 */
final class ParamsFile {

    private ParamsFile() {
    }

    static RunParams load(Path file, Map<String, String> overrides) {
        return RunParams.from(values(file, overrides));
    }

    /** The raw key/value pairs of {@code file} with {@code overrides} applied, not yet validated. */
    static Map<String, String> values(Path file, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            values.putAll(read(file));
        }
        values.putAll(overrides);
        return values;
    }

    private static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("Params file " + file + " does not exist or is not a file");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("Cannot read params file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key.strip(), properties.getProperty(key)));
        return values;
    }
}
