package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.support.Ffmpeg;
import dev.nightcast.support.WebVttParser;

/**
 * Captions and chapters through the whole job, measured against the audio itself: the simulator's
 * words are tones with a short silence after each, so where every word starts can be read from the
 * published WAV, independently of how Nightcast timed anything.
 */
@SpringBootTest
class CaptionsAndChaptersJobTest extends NarrateJobTestBase {

    private static final int RATE = 24_000;
    private static final String SHORT = repeat("I am so, as it is; we do go on. Do we? Yes, we do. It is up to us.", 3);
    private static final String LONG = repeat(
            "Extraordinarily comprehensive characterisations notwithstanding,"
                    + " lighthouse keepers demonstrated remarkable perseverance throughout interminable, uncomfortable"
                    + " nights.",
            3);
    /** Short words first and long ones later: cues spread over a segment by its characters would be seconds off. */
    private static final String SCRIPT = """
            ---
            title: Captions and chapters
            ---
            # Short words first

            %s

            # Long words later

            %s

            ## The end

            Good night, and sleep well.
            """.formatted(SHORT, LONG);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:captions-job;DB_CLOSE_DELAY=-1");
        gatewayProperties(registry);
        registry.add("nightcast.narration.max-segment-words", () -> "40");
    }

    @Test
    void captionCuesAreCaptionSizedAndStartWithinHalfASecondOfTheFirstWordTheyShow() throws Exception {
        run(params(write("in/captions.md", SCRIPT)));

        List<WebVttParser.Cue> cues = WebVttParser.parse(Files.readString(output().resolve("captions.vtt")));
        List<Long> onsets = wordOnsetsMillis(output().resolve("captions.wav"));

        List<String> words = cues.stream()
                .flatMap(cue -> Stream.of(cue.text().split("\\s+")))
                .toList();
        assertThat(onsets).as("one tone per word of the captions").hasSameSizeAs(words);
        long worst = 0;
        int firstWord = 0;
        for (WebVttParser.Cue cue : cues) {
            assertThat(cue.text().lines())
                    .hasSizeBetween(1, 2)
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(42));
            assertThat(cue.endMillis() - cue.startMillis()).isLessThanOrEqualTo(7_000);
            long error = Math.abs(cue.startMillis() - onsets.get(firstWord));
            assertThat(error).as("cue '%s' against its first word", cue.text()).isLessThanOrEqualTo(500);
            worst = Math.max(worst, error);
            firstWord += cue.text().split("\\s+").length;
        }
        // The simulator sends each word's transcript right before its audio: the marks are exact.
        assertThat(worst).as("worst cue start error, ms").isLessThanOrEqualTo(2);
        assertThat(cues).hasSizeGreaterThan(10);
    }

    @Test
    void eachHeadingStartsAChapterInTheJsonFileAndTheMp3WhereItsFirstWordIsSpoken() throws Exception {
        run(params(write("in/chapters.md", SCRIPT)));

        JsonNode chapters = new ObjectMapper()
                .readTree(output().resolve("chapters.chapters.json").toFile());
        assertThat(chapters.path("version").asText()).isEqualTo("1.2.0");
        assertThat(chapters.path("title").asText()).isEqualTo("Captions and chapters");
        List<String> titles = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        chapters.path("chapters").forEach(chapter -> {
            titles.add(chapter.path("title").asText());
            starts.add(Math.round(chapter.path("startTime").asDouble() * 1000));
        });
        assertThat(titles).containsExactly("Short words first", "Long words later", "The end");
        List<Long> onsets = wordOnsetsMillis(output().resolve("chapters.wav"));
        int second = 3 + words(SHORT);
        int third = second + 3 + words(LONG);
        List<Long> headingOnsets = List.of(onsets.get(0), onsets.get(second), onsets.get(third));
        for (int i = 0; i < 3; i++) {
            assertThat(Math.abs(starts.get(i) - headingOnsets.get(i)))
                    .as(titles.get(i))
                    .isLessThanOrEqualTo(2);
        }

        JsonNode probe = Ffmpeg.probe(output().resolve("chapters.mp3"));
        assertThat(probe.path("chapters"))
                .extracting(c -> c.path("tags").path("title").asText())
                .containsExactlyElementsOf(titles);
        assertThat(probe.path("chapters"))
                .extracting(c -> Math.round(c.path("start_time").asDouble() * 1000))
                .containsExactlyElementsOf(starts);
        assertThat(probe.path("format").path("tags").path("title").asText()).isEqualTo("Captions and chapters");
        assertThat(probe.path("format").path("tags").path("album").asText()).isEqualTo("Nightcast");
        double wavSeconds = (Files.size(output().resolve("chapters.wav")) - 44) / (2.0 * RATE);
        assertThat(probe.path("format").path("duration").asDouble() - wavSeconds)
                .isBetween(0.0, 0.050);
        assertThat(probe.path("streams").get(0).path("sample_rate").asInt()).isEqualTo(48_000);
    }

    /** Where each tone starts: the first sample above a faint level after at least 10 ms below it. */
    private static List<Long> wordOnsetsMillis(Path wav) throws Exception {
        byte[] bytes = Files.readAllBytes(wav);
        ByteBuffer pcm = ByteBuffer.wrap(bytes, 44, bytes.length - 44).slice().order(ByteOrder.LITTLE_ENDIAN);
        List<Long> onsets = new ArrayList<>();
        int quiet = RATE;
        for (int i = 0; pcm.remaining() >= 2; i++) {
            boolean sound = Math.abs(pcm.getShort()) >= 200;
            if (sound && quiet >= RATE / 100) {
                onsets.add(i * 1000L / RATE);
            }
            quiet = sound ? 0 : quiet + 1;
        }
        return onsets;
    }

    private static int words(String text) {
        return text.split("\\s+").length;
    }

    private static String repeat(String sentence, int times) {
        return String.join(" ", java.util.Collections.nCopies(times, sentence));
    }
}
