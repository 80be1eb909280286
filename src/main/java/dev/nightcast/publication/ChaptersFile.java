package dev.nightcast.publication;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.nightcast.assembly.Chapter;
import dev.nightcast.audio.PcmFormat;
import dev.nightcast.text.SafeText;

/**
 * Writes an episode's chapters as a Podcasting 2.0 JSON chapters file (version 1.2.0, served as
 * {@value #MEDIA_TYPE}): {@code {"version":"1.2.0","title":…,"chapters":[{"startTime":0.0,"title":…}]}},
 * start times in seconds to the millisecond, cut down from the byte offsets like the subtitles'.
 * The MP3's ID3 chapters are made from this file, so the two agree. Titles are
 * {@linkplain SafeText#forDocument made safe for documents}.
 */
public final class ChaptersFile {

    public static final String MEDIA_TYPE = "application/json+chapters";
    static final String VERSION = "1.2.0";
    private static final JsonFactory JSON = new JsonFactory();

    private ChaptersFile() {}

    /** A chapter as the file gives it: start in milliseconds and title. */
    public record Entry(long startMillis, String title) {}

    /** The chapters of a file this class wrote; throws {@link IOException} for anything else. */
    public static List<Entry> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode chapters = root == null ? null : root.get("chapters");
        if (chapters == null || !chapters.isArray()) {
            throw new IOException(file + " holds no chapters array");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode chapter : chapters) {
            if (!chapter.path("startTime").isNumber()) {
                throw new IOException(file + " has a chapter without a numeric startTime");
            }
            entries.add(new Entry(
                    Math.round(chapter.get("startTime").asDouble() * 1000),
                    chapter.path("title").asText("")));
        }
        return entries;
    }

    static void write(Path file, String episodeTitle, List<Chapter> chapters) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator json =
                        JSON.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("version", VERSION);
            json.writeStringField("title", SafeText.forDocument(episodeTitle));
            json.writeArrayFieldStart("chapters");
            for (Chapter chapter : chapters) {
                json.writeStartObject();
                json.writeNumberField("startTime", PcmFormat.durationMillis(chapter.startByte()) / 1000.0);
                json.writeStringField("title", SafeText.forDocument(chapter.title()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
