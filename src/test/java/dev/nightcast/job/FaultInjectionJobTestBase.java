package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Job tests that script the simulator's misbehaviour. Every subclass shares one Spring context (the
 * same configuration, inherited), so the fault tests cost one start-up.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
abstract class FaultInjectionJobTestBase extends NarrateJobTestBase {

    /** Low, so an outage shows within a few attempts; two workers reach it (two failures each). */
    static final int OUTAGE_THRESHOLD = 4;
    /** Short, so an outage is judged within a second; blips are {@link GatewayBlipJobTest}'s. */
    static final String OUTAGE_WINDOW = "300ms";

    @DynamicPropertySource
    static void faultProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:narrate-faults;DB_CLOSE_DELAY=-1");
        gatewayProperties(registry);
        registry.add("nightcast.narration.outage-threshold", () -> Integer.toString(OUTAGE_THRESHOLD));
        registry.add("nightcast.narration.outage-window", () -> OUTAGE_WINDOW);
    }

    @AfterEach
    void gatewayBackUp() {
        SIMULATOR.endOutage();
    }

    /** One row of {@code episode_attempt}, in the order they were recorded. */
    record Attempt(int segment, int attempt, String outcome, String kind, String code, String message) {}

    List<Attempt> attempts(String episodeId) {
        return jdbc.sql("""
                SELECT segment_index, attempt, outcome, error_kind, error_code, message FROM episode_attempt
                WHERE episode_id = :id ORDER BY attempt_id""")
                .param("id", episodeId)
                .query((rs, row) -> new Attempt(
                        rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    long episodeRows() {
        return jdbc.sql("SELECT COUNT(*) FROM episode").query(Long.class).single();
    }

    /** Nothing half-written is left: no temporary file, and no WAV or transcript for the given episodes. */
    void assertNothingPartialFor(String... episodeIds) throws IOException {
        if (!Files.exists(output())) {
            return;
        }
        try (Stream<Path> files = Files.list(output())) {
            List<String> names =
                    files.map(file -> file.getFileName().toString()).toList();
            assertThat(names).noneMatch(name -> name.endsWith(".part"));
            for (String id : episodeIds) {
                assertThat(names).doesNotContain(id + ".wav", id + ".txt");
            }
        }
    }
}
