package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;

/**
 * The model snapshot behind the deployment, as the simulator names it in {@code session.created}: it
 * is recorded per episode, a change is said in the run summary, and {@code model-version} refuses
 * another snapshot before it speaks.
 */
class ModelSnapshotJobTest extends FaultInjectionJobTestBase {

    private static final String OLD = "gpt-realtime-mini-2025-12-15";
    private static final String NEW = "gpt-realtime-mini-2026-03-01";

    @AfterEach
    void snapshotAsConfigured() {
        SIMULATOR.reportModelSnapshot(null);
    }

    @Test
    void recordsTheSnapshotRefusesAnotherOneWhenPinnedAndSaysWhenTheFeedMixesTwo() throws Exception {
        Path csv = write(
                "snap.csv",
                "episode_id,script\nsnap-1,The first night is spoken by the old voice.\n"
                        + "snap-2,The second night is spoken by the old voice too.\n");
        RunResult first = run(params(csv, "model-version", OLD));

        assertThat(first.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(value(episodeRow("snap-1"), "model_snapshot")).isEqualTo(OLD);
        assertThat(first.summary().modelSnapshotChanges()).isEmpty();

        // The deployment is moved to another snapshot; a new episode arrives.
        SIMULATOR.reportModelSnapshot(NEW);
        Files.writeString(
                csv,
                "snap-3,The third night would be spoken by a new voice.\n",
                java.nio.file.StandardOpenOption.APPEND);
        int responses = SIMULATOR.responsesCreated();
        RunResult pinned = run(params(csv, "model-version", OLD));

        assertThat(pinned.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(pinned.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(pinned.execution().getExitStatus().getExitCode()).isEqualTo("GATEWAY_CONFIGURATION");
        assertThat(pinned.summary().stopReason())
                .contains("the gateway serves model snapshot '" + NEW + "', not" + " model-version=" + OLD);
        assertThat(SIMULATOR.responsesCreated())
                .as("nothing was spoken by the other snapshot")
                .isEqualTo(responses);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode WHERE episode_id = 'snap-3'")
                        .query(Long.class)
                        .single())
                .isZero();

        RunResult unpinned = run(params(csv));

        assertThat(unpinned.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(unpinned.summary().narrated()).isEqualTo(1);
        assertThat(value(episodeRow("snap-3"), "model_snapshot")).isEqualTo(NEW);
        assertThat(unpinned.summary().modelSnapshotChanges())
                .containsExactly("model gpt-realtime-mini is now served"
                        + " by snapshot " + NEW + "; 2 published episode(s) were spoken by " + OLD
                        + ": the feed mixes voices (set model-version to pin one snapshot)");
        assertThat(Files.readString(
                        output().resolve("runs").resolve(unpinned.execution().getId() + ".json")))
                .contains("\"modelSnapshotChanges\"", NEW, OLD);
    }
}
