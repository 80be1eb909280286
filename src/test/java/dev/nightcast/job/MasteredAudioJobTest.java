package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.support.Ebur128;
import dev.nightcast.support.TestAudio;
import dev.nightcast.support.WebVttParser;

/**
 * The published audio as a listener gets it, from the real job against the simulator, whose voices
 * speak at different levels (alloy 9 dB louder than verse): judged by ffmpeg's ebur128 as a whole
 * and speaker by speaker (cut out by the subtitles' cues), and recorded in the row and on the page.
 */
@SpringBootTest
class MasteredAudioJobTest extends NarrateJobTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:mastered-audio-job;DB_CLOSE_DELAY=-1");
        gatewayProperties(registry);
    }

    private static String turn(String speaker, int n) {
        StringBuilder text = new StringBuilder("**" + speaker + ":**");
        for (int i = 0; i < 36; i++) {
            text.append(' ').append(i % 9 == 8 ? "night." : "word");
        }
        return text.append(" Turn ").append(n).append(" ends here.").toString();
    }

    /** What {@code speaker} says in the WAV, joined, as a WAV of its own. */
    private Path speaker(Path wav, List<WebVttParser.Cue> cues, String speaker) throws Exception {
        double[] samples = TestAudio.samples(wav);
        List<double[]> parts = new ArrayList<>();
        for (WebVttParser.Cue cue : cues) {
            if (speaker.equals(cue.voice())) {
                int from = (int) (cue.startMillis() * TestAudio.RATE / 1000);
                int to = (int) Math.min(samples.length, cue.endMillis() * TestAudio.RATE / 1000);
                double[] part = new double[to - from];
                System.arraycopy(samples, from, part, 0, part.length);
                parts.add(part);
            }
        }
        assertThat(parts).as("cues of %s", speaker).isNotEmpty();
        return TestAudio.wav(dir.resolve(speaker + ".wav"), TestAudio.concat(parts.toArray(double[][]::new)));
    }

    @Test
    void aDialogueWhoseVoicesArriveNineDecibelsApartIsPublishedAtTheTargetWithItsSpeakersLevelledAndRecorded()
            throws Exception {
        Path script = write(
                "talk.md",
                String.join(
                                "\n\n",
                                "---\ntitle: Night Talk\nvoice: alloy\nspeakers:\n"
                                        + "  HOST: alloy\n  GUEST: verse\n---",
                                turn("HOST", 1),
                                turn("GUEST", 2),
                                turn("HOST", 3),
                                turn("GUEST", 4))
                        + "\n");

        RunResult result = run(params(script));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        Path wav = output().resolve("talk.wav");
        Ebur128 whole = Ebur128.of(wav);
        assertThat(whole.integratedLufs()).isCloseTo(-16, within(0.5));
        assertThat(whole.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        List<WebVttParser.Cue> cues =
                WebVttParser.parse(Files.readString(output().resolve("talk.vtt"), StandardCharsets.UTF_8));
        double host = Ebur128.of(speaker(wav, cues, "HOST")).integratedLufs();
        double guest = Ebur128.of(speaker(wav, cues, "GUEST")).integratedLufs();
        assertThat(Math.abs(host - guest))
                .as("HOST %s LUFS, GUEST %s LUFS", host, guest)
                .isLessThanOrEqualTo(1.0);

        Map<String, Object> row = episodeRow("talk");
        assertThat(((Number) value(row, "loudness_lufs")).doubleValue()).isCloseTo(whole.integratedLufs(), within(0.3));
        assertThat(((Number) value(row, "true_peak_dbtp")).doubleValue()).isCloseTo(whole.truePeakDbtp(), within(0.3));
        assertThat(((Number) value(row, "loudness_range_lu")).doubleValue()).isCloseTo(whole.rangeLu(), within(0.3));
        assertThat(Files.readString(output().resolve("index.html")))
                .containsPattern(
                        "<span class=\"loudness\"[^>]*>-1[56]\\.\\d LUFS, peak -\\d+\\.\\d dBTP, LRA \\d+\\.\\d LU</span>");
    }
}
