package dev.nightcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nightcast.job.NarrateJobConfiguration;
import dev.nightcast.job.OperatorJobTestBase;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.simulator.Fault;

/**
 * {@code failed} after a run that exited 2: it names every entry the run could not narrate, failed
 * episodes and invalid entries alike, and its rerun command is the run's own command line.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailedCommandTest extends OperatorJobTestBase {

    private static final Pattern RERUN = Pattern.compile("java -jar nightcast\\.jar narrate (.+)");

    @Autowired
    NarrateCommand narrate;

    @Autowired
    FailedCommand failed;

    @Autowired
    JobRepository jobRepository;

    @Test
    void afterARunThatExitedTwoForAnInvalidEntryFailedListsItWithFileAndLine(CapturedOutput out) throws Exception {
        Path csv = write("episodes.csv", """
                episode_id,voice,script
                fc-inv-1,,A good episode.
                fc-inv-2,nova,An unknown voice.
                """);
        Path paramsFile = write("nightly.properties", "input=" + csv + "\noutput=" + output() + "\ngateway=azure\n");
        assertThat(narrate.run(new DefaultApplicationArguments("--params=" + paramsFile, "--voice=marin")))
                .isEqualTo(ExitCodes.SOME_EPISODES_FAILED);

        int mark = out.getOut().length();
        failed.run(new DefaultApplicationArguments());
        String listing = out.getOut().substring(mark);

        assertThat(listing)
                .contains("1 invalid input entry in the latest run")
                .contains("fc-inv-2  (" + csv + ":3)  unknown voice 'nova'")
                .contains("java -jar nightcast.jar narrate --params=" + paramsFile.toAbsolutePath() + " --voice=marin")
                .doesNotContain("--only-failed=true");
    }

    @Test
    void theRerunCommandFailedPrintsRunsTheFailedEpisodesWithTheOverridesTheRunUsed(CapturedOutput out)
            throws Exception {
        Path csv = write("episodes.csv", """
                episode_id,script
                fc-rerun-1,Refused by the gateway the first time.
                fc-rerun-2,Narrated the first time.
                """);
        // The file says simulator and alloy; the run was given azure and marin on the command line.
        Path paramsFile = write(
                "nightly.properties",
                "input=" + csv + "\noutput=" + output() + "\ngateway=simulator\nvoice=alloy\nconcurrency=1\n");
        SIMULATOR.enqueueFault(Fault.errorEvent("invalid_request_error", "invalid_value", "Refused."));
        assertThat(narrate.run(new DefaultApplicationArguments(
                        "--params=" + paramsFile, "--gateway=azure", "--voice=marin", "--instructions=Calm.")))
                .isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        JobParameters firstRun = latestExecution().getJobParameters();

        for (String[] args : List.of(new String[0], new String[] {"--params=" + paramsFile})) {
            int mark = out.getOut().length();
            failed.run(new DefaultApplicationArguments(args));
            String listing = out.getOut().substring(mark);
            assertThat(listing)
                    .contains("1 failed episode(s)")
                    .contains("fc-rerun-1  (" + csv + ":2)")
                    .contains("java -jar nightcast.jar narrate --params=" + paramsFile.toAbsolutePath()
                            + " --gateway=azure --voice=marin --instructions=Calm. --only-failed=true");
        }

        int mark = out.getOut().length();
        failed.run(new DefaultApplicationArguments());
        Matcher rerun = RERUN.matcher(out.getOut().substring(mark));
        assertThat(rerun.find()).isTrue();
        long narrationsThroughAzure = simulatorResponsesFor("fc-rerun-1");
        int code = narrate.run(new DefaultApplicationArguments(rerun.group(1).split(" ")));

        assertThat(code).isEqualTo(ExitCodes.ALL_DONE);
        JobParameters rerunParams = latestExecution().getJobParameters();
        for (String key : List.of("input", "output", "gateway", "voice", "instructions", "speed")) {
            assertThat(rerunParams.getParameter(key)).as(key).isEqualTo(firstRun.getParameter(key));
        }
        assertThat(rerunParams.getString("only-failed")).isEqualTo("true");
        assertThat(simulatorResponsesFor("fc-rerun-1"))
                .as("narrated through gateway=azure")
                .isEqualTo(narrationsThroughAzure + 1);
        assertThat(simulatorResponsesFor("fc-rerun-2")).isEqualTo(1);
    }

    private JobExecution latestExecution() {
        return jobRepository.getJobInstances(NarrateJobConfiguration.JOB_NAME, 0, 100).stream()
                .flatMap(instance -> jobRepository.getJobExecutions(instance).stream())
                .max(java.util.Comparator.comparingLong(JobExecution::getId))
                .orElseThrow();
    }
}
