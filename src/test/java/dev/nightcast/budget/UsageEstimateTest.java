package dev.nightcast.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.SourceLocation;
import dev.nightcast.support.TestScripts;

class UsageEstimateTest {

    @Test
    void oneHundredFiftyWordsAreAboutAMinuteOfSpeechAndTwelveHundredAudioTokens() {
        UsageEstimate.Estimate estimate = new UsageEstimate(250).of(script(TestScripts.prose("minute", 1, 150)));

        assertThat(estimate.words()).isEqualTo(150);
        assertThat(estimate.segments()).isEqualTo(1);
        assertThat(estimate.audioMillis()).isEqualTo(60_000);
        assertThat(estimate.tokens().outputAudioTokens()).isEqualTo(1_200);
        assertThat(estimate.tokens().outputTextTokens()).isEqualTo(195);
    }

    @Test
    void aMinuteOfNarrationIsEstimatedAtThePublishedFewCentsOnTheMiniModel() {
        UsageEstimate.Estimate estimate = new UsageEstimate(250).of(script(TestScripts.prose("cents", 10, 150)));

        double dollarsPerMinute = PriceTable.standard()
                        .cost("gpt-realtime-mini", estimate.tokens())
                        .usd()
                        .doubleValue()
                / (estimate.audioMillis() / 60_000.0);

        // Protocol reference §5: about $0.026 a minute, output audio dominating.
        assertThat(dollarsPerMinute).isBetween(0.024, 0.028);
        assertThat(estimate.segments()).isGreaterThanOrEqualTo(6);
    }

    private static EpisodeScript script(String text) {
        return new EpisodeScript("e", "E", "alloy", "", text, new SourceLocation(Path.of("e.md"), 1));
    }
}
