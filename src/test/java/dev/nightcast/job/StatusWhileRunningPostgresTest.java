package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.simulator.ResponseHold;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;
import dev.nightcast.support.PostgresTestDatabase;
import dev.nightcast.support.RequiresPostgres;

/**
 * {@code status} from another process while a run is in progress on PostgreSQL: the running
 * execution's done/total and the time left at its pace so far. The run is held mid-way by the
 * simulator (one episode's response never ends until released), so what status sees is not a race.
 */
@RequiresPostgres
class StatusWhileRunningPostgresTest extends ProcessTestBase {

    private static final ScriptedSimulator SIMULATOR = ScriptedSimulator.start(SimulatorSettings.fast());
    /** A held response is not a stalled one while status starts on a busy machine. */
    private static final String[] PATIENT = {
        "--nightcast.gateway.timeouts.idle=10m", "--nightcast.gateway.timeouts.response-base=10m"
    };

    private String url;

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @BeforeEach
    void freshSchema() {
        url = PostgresTestDatabase.freshSchemaUrl();
    }

    @Override
    TestDatabase database() {
        return new TestDatabase(url, "", "");
    }

    @Override
    ScriptedSimulator simulator() {
        return SIMULATOR;
    }

    @Test
    void statusShowsARunningExecutionsDoneOfTotalAndTheTimeLeft() throws Exception {
        // given: four one-segment episodes on two workers, the third held in flight
        Path params = paramsFile(writeEpisodes(4, 30));
        ResponseHold hold = SIMULATOR.holdResponses(narration -> "ep-03".equals(narration.episode()));
        NightcastProcess run = start("narrate", params, PATIENT);
        waitForThreeCommitted(hold, run);

        // when
        NightcastProcess status = startCommand("status", "status", params, SIMULATOR);
        int statusExit = status.waitFor(RUN_TIMEOUT);

        // then: the table says it runs; the note says how far it is and how long it should take
        assertThat(statusExit).as(status.log()).isEqualTo(ExitCodes.ALL_DONE);
        List<String> lines = status.log().lines().toList();
        assertThat(lines)
                .as(status.log())
                .anySatisfy(line -> assertThat(line).matches("1 +\\S+ \\S+ +running +STARTED +3 +0 +0 +0 .*"))
                .anySatisfy(
                        line -> assertThat(line)
                                .matches(
                                        "  1: running, 3/4 done, elapsed \\d+:\\d\\d, about \\d+:\\d\\d left at the pace so far"));
        assertThat(run.isAlive()).isTrue();

        // when: the held episode goes on and the run ends
        hold.release();
        assertThat(run.waitFor(RUN_TIMEOUT)).as(run.log()).isEqualTo(ExitCodes.ALL_DONE);
        NightcastProcess after = startCommand("after", "status", params, SIMULATOR);

        // then
        assertThat(after.waitFor(RUN_TIMEOUT)).as(after.log()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(after.log().lines().toList())
                .as(after.log())
                .anySatisfy(line -> assertThat(line).matches("1 +\\S+ \\S+ +\\d+:\\d\\d +COMPLETED +4 +0 +0 +0 .*"))
                .noneSatisfy(line -> assertThat(line).contains(": running,"));
    }

    /** Polls the database a few times a second (each poll is a connection) until three episodes are committed. */
    private void waitForThreeCommitted(ResponseHold hold, NightcastProcess run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!(hold.waiting() == 1 && committedEpisodes() == 3)) {
            if (System.nanoTime() > deadline || !run.isAlive()) {
                throw new AssertionError("The run did not reach 3 of 4 with one held; its log:\n" + run.log());
            }
            Thread.sleep(200);
        }
    }

    /** Episodes whose chunk Spring Batch committed: each worker's tally is saved with its chunk. */
    private long committedEpisodes() {
        Long committed = db().sql("SELECT SUM(commit_count) FROM batch_step_execution WHERE step_name LIKE "
                        + "'narrateWorker:%'")
                .query(Long.class)
                .single();
        return committed == null ? 0 : committed;
    }
}
