package dev.nightcast.job;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Consumer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.progress.EpisodeEvent;
import dev.nightcast.progress.RunObserver;
import dev.nightcast.progress.RunProgress;

/**
 * Whole-job tests of what the operator sees: one Spring context (H2) shared by the subclasses, with
 * a clock the test can set and a hook that runs as each episode finishes.
 */
@SpringBootTest
@Import(OperatorJobTestBase.Hooks.class)
public abstract class OperatorJobTestBase extends NarrateJobTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:operator-job;DB_CLOSE_DELAY=-1");
        registry.add("nightcast.progress.mode", () -> "lines");
        gatewayProperties(registry);
    }

    @TestConfiguration
    static class Hooks {

        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }

        @Bean
        EpisodeHook episodeHook() {
            return new EpisodeHook();
        }
    }

    /** The system clock until a test sets a time; then that time until set again. */
    static final class SettableClock extends Clock {

        private volatile Instant fixed;

        void set(Instant instant) {
            fixed = instant;
        }

        void reset() {
            fixed = null;
        }

        @Override
        public Instant instant() {
            Instant f = fixed;
            return f != null ? f : Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** Runs a test's action on the job's thread as each episode finishes, before the next one starts. */
    static final class EpisodeHook implements RunObserver {

        private volatile Consumer<EpisodeEvent> action = event -> {};

        void onEpisode(Consumer<EpisodeEvent> action) {
            this.action = action;
        }

        void clear() {
            action = event -> {};
        }

        @Override
        public void episodeFinished(EpisodeEvent event, RunProgress progress) {
            action.accept(event);
        }
    }
}
