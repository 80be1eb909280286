package dev.nightcast.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.jspecify.annotations.Nullable;

import dev.nightcast.budget.Cost;
import dev.nightcast.publication.MadeByNightcast;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.text.SafeText;

/**
 * {@code output/runs/<execution-id>.json}: the run summary for machines (dashboards, alerting),
 * written atomically at the end of every run. Times are ISO-8601 UTC, durations in seconds, money
 * in USD. Every string is {@linkplain SafeText#forDocument made safe for documents}.
 */
public final class RunSummaryJson {

    static final String FOLDER = "runs";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("document-safe-strings")
                    .addSerializer(String.class, new StdSerializer<String>(String.class) {
                        @Override
                        public void serialize(String value, JsonGenerator json, SerializerProvider provider)
                                throws IOException {
                            // Ids, titles, sources and reasons come from the input: no control
                            // character or lone surrogate in what dashboards parse.
                            json.writeString(SafeText.forDocument(value));
                        }
                    }));

    private RunSummaryJson() {}

    /** The document's shape. */
    record Document(
            long jobExecutionId,
            String status,
            @Nullable String stopReason,
            @Nullable String startedAt,
            @Nullable String endedAt,
            double wallTimeSeconds,
            Episodes episodes,
            double audioSeconds,
            TokenUsage tokens,
            Money cost,
            List<Slow> slowest,
            List<RunSummary.EpisodeFailure> failures,
            List<String> modelSnapshotChanges,
            List<RunSummary.DeploymentShare> deployments) {}

    record Episodes(long narrated, long skippedAsDone, long failed, long invalid) {}

    /**
     * @param usd {@code null} when the model has no price
     * @param simulated the simulator reported the tokens: nothing was billed
     */
    record Money(
            @Nullable BigDecimal usd,
            @Nullable String model,
            @Nullable String pricedAs,
            boolean simulated,
            String pricesAsOf) {}

    record Slow(String episodeId, String title, String status, double seconds, double audioSeconds) {}

    /**
     * Writes the summary under {@code output/runs/} and returns the file.
     *
     * @throws MadeByNightcast.ForeignFileException when a file of that name is there that is not this
     *     execution's summary
     */
    public static Path write(Path output, RunSummary summary) throws IOException {
        Path folder = Files.createDirectories(output.resolve(FOLDER));
        Path file = folder.resolve(summary.jobExecutionId() + ".json");
        // The summary starts with its execution's id, as Jackson indents it: that is the mark.
        MadeByNightcast.checkReplaceable(file, "\"jobExecutionId\" : " + summary.jobExecutionId() + ",");
        Path part = folder.resolve("." + summary.jobExecutionId() + ".json.part");
        JSON.writeValue(part.toFile(), document(summary));
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /**
     * The newest summary in {@code output/runs/} (by execution id) as its document says it, or empty when
     * there is none or it cannot be read.
     *
     * @param endedAt {@code null} when the document has none
     */
    public record Latest(
            long jobExecutionId,
            String status,
            @Nullable String stopReason,
            @Nullable Instant endedAt) {}

    public static Optional<Latest> latest(Path output) {
        Path folder = output.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            Optional<Path> newest = files.filter(
                            file -> file.getFileName().toString().matches("\\d{1,18}\\.json"))
                    .max(Comparator.comparingLong(
                            file -> Long.parseLong(file.getFileName().toString().replace(".json", ""))));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            JsonNode json = JSON.readTree(newest.get().toFile());
            String ended =
                    json.path("endedAt").isTextual() ? json.path("endedAt").asText() : null;
            return Optional.of(new Latest(
                    json.path("jobExecutionId").asLong(),
                    json.path("status").asText(),
                    json.path("stopReason").isTextual()
                            ? json.path("stopReason").asText()
                            : null,
                    ended == null ? null : Instant.parse(ended)));
        } catch (IOException | RuntimeException e) {
            // Only the page's banner depends on it.
            return Optional.empty();
        }
    }

    static Document document(RunSummary s) {
        Cost c = s.cost();
        return new Document(
                s.jobExecutionId(),
                s.status(),
                s.stopReason(),
                s.startedAt() == null ? null : s.startedAt().toString(),
                s.endedAt() == null ? null : s.endedAt().toString(),
                seconds(s.wallTime().toMillis()),
                new Episodes(s.narrated(), s.skipped(), s.failed(), s.invalid()),
                seconds(s.audioMillis()),
                s.tokens(),
                new Money(c.usd(), c.model(), c.pricedAs(), c.simulated(), c.asOf()),
                s.slowest().stream()
                        .map(e -> new Slow(
                                e.episodeId(),
                                e.title(),
                                e.status(),
                                seconds(e.tookMillis()),
                                seconds(e.audioMillis())))
                        .toList(),
                s.failedEpisodes(),
                s.modelSnapshotChanges(),
                s.deployments());
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
