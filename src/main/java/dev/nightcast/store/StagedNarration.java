package dev.nightcast.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import dev.nightcast.assembly.Chapter;
import dev.nightcast.assembly.SubtitleCue;
import dev.nightcast.audio.Loudness;
import dev.nightcast.narration.EpisodeOutcome;
import dev.nightcast.realtime.TokenUsage;

/**
 * A complete narration on its way to being published: everything its {@code episode} row will
 * hold except the file checksums, which are taken from the WAV itself.
 *
 * <p>The writer saves it next to the temporary WAV before publishing starts and deletes it when the
 * row has committed. A stage record left behind means a process died while publishing a narration
 * that was already paid for; the next run finishes the publishing from it instead of narrating the
 * episode again ({@link OutputRecovery}).
 *
 * @param audioBytes PCM bytes in the WAV, header excluded: the WAV is complete when its size is
 *     44 bytes more
 * @param jobExecutionId the execution that narrated it, and that the row is credited to
 * @param cues the subtitle cues, written as WebVTT when published
 * @param chapters the chapters, written as Podcasting 2.0 JSON chapters when published
 * @param loudness of the WAV, or null (not measured, or a record written before it was)
 */
public record StagedNarration(
        String episodeId,
        String fingerprint,
        String model,
        String title,
        String voice,
        String source,
        String transcript,
        long audioBytes,
        int segments,
        TokenUsage usage,
        int attempts,
        Instant startedAt,
        Instant finishedAt,
        long jobExecutionId,
        List<SubtitleCue> cues,
        List<Chapter> chapters,
        double wordErrorRate,
        double worstSegmentErrorRate,
        @Nullable Loudness loudness,
        @Nullable String modelSnapshot) {

    public StagedNarration(
            String episodeId,
            String fingerprint,
            String model,
            String title,
            String voice,
            String source,
            String transcript,
            long audioBytes,
            int segments,
            TokenUsage usage,
            int attempts,
            Instant startedAt,
            Instant finishedAt,
            long jobExecutionId,
            List<SubtitleCue> cues,
            List<Chapter> chapters,
            double wordErrorRate,
            double worstSegmentErrorRate,
            @Nullable Loudness loudness) {
        this(
                episodeId,
                fingerprint,
                model,
                title,
                voice,
                source,
                transcript,
                audioBytes,
                segments,
                usage,
                attempts,
                startedAt,
                finishedAt,
                jobExecutionId,
                cues,
                chapters,
                wordErrorRate,
                worstSegmentErrorRate,
                loudness,
                null);
    }

    public StagedNarration {
        cues = List.copyOf(cues);
        chapters = List.copyOf(chapters);
    }

    public static StagedNarration of(EpisodeOutcome.Narrated narrated, long jobExecutionId) {
        var script = narrated.script();
        return new StagedNarration(
                script.id(),
                narrated.fingerprint(),
                narrated.model(),
                script.title(),
                script.voice(),
                script.source().toString(),
                narrated.transcript(),
                narrated.audioBytes(),
                narrated.segments(),
                narrated.usage(),
                narrated.attempts(),
                narrated.startedAt(),
                narrated.finishedAt(),
                jobExecutionId,
                narrated.cues(),
                narrated.chapters(),
                narrated.wordErrorRate(),
                narrated.worstSegmentErrorRate(),
                narrated.loudness(),
                narrated.modelSnapshot());
    }

    /** Writes the record to {@code file} through {@code inProgress} and an atomic rename: never half-written. */
    public void save(Path inProgress, Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("episode", episodeId);
        properties.setProperty("fingerprint", fingerprint);
        properties.setProperty("model", model);
        properties.setProperty("title", title);
        properties.setProperty("voice", voice);
        properties.setProperty("source", source);
        properties.setProperty("transcript", transcript);
        properties.setProperty("audio-bytes", Long.toString(audioBytes));
        properties.setProperty("segments", Integer.toString(segments));
        properties.setProperty(
                "usage",
                usage.inputTokens() + "," + usage.outputTokens() + ","
                        + usage.inputTextTokens() + "," + usage.inputAudioTokens() + "," + usage.outputTextTokens()
                        + ","
                        + usage.outputAudioTokens());
        properties.setProperty("attempts", Integer.toString(attempts));
        properties.setProperty("started-at", startedAt.toString());
        properties.setProperty("finished-at", finishedAt.toString());
        properties.setProperty("job-execution", Long.toString(jobExecutionId));
        properties.setProperty("word-error-rate", Double.toString(wordErrorRate));
        properties.setProperty("worst-segment-error-rate", Double.toString(worstSegmentErrorRate));
        if (loudness != null) {
            properties.setProperty(
                    "loudness", loudness.integratedLufs() + "," + loudness.truePeakDbtp() + "," + loudness.rangeLu());
        }
        if (modelSnapshot != null) {
            properties.setProperty("model-snapshot", modelSnapshot);
        }
        properties.setProperty("cues", Integer.toString(cues.size()));
        for (int i = 0; i < cues.size(); i++) {
            SubtitleCue cue = cues.get(i);
            properties.setProperty("cue." + i + ".start-byte", Long.toString(cue.startByte()));
            properties.setProperty("cue." + i + ".end-byte", Long.toString(cue.endByte()));
            if (cue.speaker() != null) {
                properties.setProperty("cue." + i + ".speaker", cue.speaker());
            }
            properties.setProperty("cue." + i + ".text", cue.text());
        }
        properties.setProperty("chapters", Integer.toString(chapters.size()));
        for (int i = 0; i < chapters.size(); i++) {
            properties.setProperty(
                    "chapter." + i + ".start-byte",
                    Long.toString(chapters.get(i).startByte()));
            properties.setProperty("chapter." + i + ".title", chapters.get(i).title());
        }
        // As a byte stream, Properties writes every non-ASCII character as a \\u escape: a title from
        // the input with a lone surrogate (a YAML "\\uD800") is kept instead of failing to encode.
        // The file stays ASCII, so load's UTF-8 reader reads it, and older records, alike.
        try (OutputStream out = Files.newOutputStream(inProgress)) {
            properties.store(out, "Nightcast: a narration being published; the next run finishes it if this stays");
        }
        Files.move(inProgress, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static StagedNarration load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        try {
            String[] usage = required(properties, "usage").split(",");
            return new StagedNarration(
                    required(properties, "episode"),
                    required(properties, "fingerprint"),
                    required(properties, "model"),
                    required(properties, "title"),
                    required(properties, "voice"),
                    required(properties, "source"),
                    required(properties, "transcript"),
                    Long.parseLong(required(properties, "audio-bytes")),
                    Integer.parseInt(required(properties, "segments")),
                    new TokenUsage(
                            Long.parseLong(usage[0]),
                            Long.parseLong(usage[1]),
                            Long.parseLong(usage[2]),
                            Long.parseLong(usage[3]),
                            Long.parseLong(usage[4]),
                            Long.parseLong(usage[5])),
                    Integer.parseInt(required(properties, "attempts")),
                    Instant.parse(required(properties, "started-at")),
                    Instant.parse(required(properties, "finished-at")),
                    Long.parseLong(required(properties, "job-execution")),
                    cues(properties),
                    chapters(properties, required(properties, "title")),
                    Double.parseDouble(required(properties, "word-error-rate")),
                    Double.parseDouble(required(properties, "worst-segment-error-rate")),
                    loudness(properties),
                    properties.getProperty("model-snapshot"));
        } catch (RuntimeException e) {
            throw new IOException("Stage record " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static @Nullable Loudness loudness(Properties properties) {
        String value = properties.getProperty("loudness");
        if (value == null) {
            return null;
        }
        String[] parts = value.split(",");
        return new Loudness(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
    }

    private static List<SubtitleCue> cues(Properties properties) {
        int count = Integer.parseInt(required(properties, "cues"));
        List<SubtitleCue> cues = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cues.add(new SubtitleCue(
                    Long.parseLong(required(properties, "cue." + i + ".start-byte")),
                    Long.parseLong(required(properties, "cue." + i + ".end-byte")),
                    properties.getProperty("cue." + i + ".speaker"),
                    required(properties, "cue." + i + ".text")));
        }
        return cues;
    }

    /** A record written before chapters were staged has one: the whole episode, under its title. */
    private static List<Chapter> chapters(Properties properties, String title) {
        String count = properties.getProperty("chapters");
        if (count == null) {
            return List.of(new Chapter(0, title));
        }
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(count); i++) {
            chapters.add(new Chapter(
                    Long.parseLong(required(properties, "chapter." + i + ".start-byte")),
                    required(properties, "chapter." + i + ".title")));
        }
        return chapters;
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value;
    }
}
