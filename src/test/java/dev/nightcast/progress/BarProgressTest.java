package dev.nightcast.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

class BarProgressTest {

    @Test
    void theBarShowsEpisodesDoneOfTotalWithAudioFailuresAndSpend() {
        List<String> frames = new CopyOnWriteArrayList<>();
        BarProgress bar = new BarProgress(new DelegatingProgressBarConsumer(frames::add, 120), 8);

        bar.episode(new RunProgress(8, 2, 1, 1, 0, 95_000, new BigDecimal("0.0412"), Duration.ofSeconds(30)));
        bar.close();

        // close() renders the final state.
        assertThat(frames.get(frames.size() - 1))
                .contains("4/8")
                .contains("1:35 audio, 1 failed, $0.0412")
                .contains("50%");
    }
}
