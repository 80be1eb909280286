package dev.nightcast.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.nightcast.audio.AudioProperties;
import dev.nightcast.audio.Mastering;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.SourceLocation;

/** What makes an episode's audio different makes its fingerprint different: it is narrated again. */
class FingerprintTest {

    private static final EpisodeScript SCRIPT =
            new EpisodeScript("ep", "Ep", "marin", "", "Some text to read.", new SourceLocation(Path.of("ep.md"), 1));
    private static final NarrationProperties NARRATION = new NarrationProperties(
            250,
            Duration.ofMillis(350),
            Duration.ofMillis(700),
            Duration.ofMillis(1200),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            10,
            Duration.ofSeconds(60),
            null);
    private static final Mastering DEFAULT = AudioProperties.defaults().mastering();

    private static String fingerprint(Mastering mastering) {
        return Fingerprint.of(SCRIPT, "gpt-realtime-mini", NARRATION, mastering);
    }

    @Test
    void theSameScriptModelAndSettingsGiveTheSameFingerprint() {
        assertThat(fingerprint(new Mastering(24_000, -16, -1)))
                .isEqualTo(fingerprint(DEFAULT))
                .hasSize(64);
    }

    @Test
    void theLoudnessTargetTheTruePeakCeilingAndTheMastersSampleRateEachChangeIt() {
        assertThat(DEFAULT).isEqualTo(new Mastering(24_000, -16, -1));

        assertThat(fingerprint(new Mastering(24_000, -19, -1))).isNotEqualTo(fingerprint(DEFAULT));
        assertThat(fingerprint(new Mastering(24_000, -16, -2))).isNotEqualTo(fingerprint(DEFAULT));
        assertThat(fingerprint(new Mastering(48_000, -16, -1))).isNotEqualTo(fingerprint(DEFAULT));
    }
}
