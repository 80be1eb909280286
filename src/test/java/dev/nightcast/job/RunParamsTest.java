package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.nightcast.budget.RunLimits;
import dev.nightcast.cli.ParamsFile;

class RunParamsTest {

    @TempDir
    Path dir;

    @Test
    void aParamsFileIsReadAndCommandLineOverridesWin() throws Exception {
        Path file = dir.resolve("run.properties");
        Files.writeString(file, "input=input\ngateway=simulator\nconcurrency=2\nvoice=marin\n");

        RunParams params = ParamsFile.load(file, Map.of("concurrency", "6"));

        assertThat(params.input()).isEqualTo("input");
        assertThat(params.gateway()).isEqualTo("simulator");
        assertThat(params.voice()).isEqualTo("marin");
        assertThat(params.concurrency()).isEqualTo(6);
        assertThat(params.maxAttempts()).isEqualTo(4);
        assertThat(params.output()).isAbsolute().endsWith(Path.of("output"));
    }

    @Test
    void maxRequestsPerMinuteIsOptionalAndTunesWithoutIdentifyingTheRun() {
        RunParams uncapped = RunParams.from(Map.of("input", "x"));
        RunParams capped = RunParams.from(Map.of("input", "x", "max-requests-per-minute", "120"));

        assertThat(uncapped.maxRequestsPerMinute()).isZero();
        assertThat(capped.maxRequestsPerMinute()).isEqualTo(120);
        assertThat(capped.identifying().getLong("max-requests-per-minute")).isEqualTo(120L);
        assertThat(capped.identifying().getIdentifyingParameters())
                .isEqualTo(uncapped.identifying().getIdentifyingParameters());
        assertThatThrownBy(() -> RunParams.from(Map.of("input", "x", "max-requests-per-minute", "0")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'max-requests-per-minute' must be a whole number from 1 to 100000; was '0'");
    }

    @Test
    void anUnknownKeyIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> RunParams.from(Map.of("input", "x", "concurency", "3")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown key 'concurency'");
    }

    @Test
    void everyProblemIsReportedAtOnceWithTheExpectedForm() {
        assertThatThrownBy(() -> RunParams.from(Map.of("gateway", "aws", "concurrency", "many", "voice", "nova")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'input' is required")
                .hasMessageContaining("'gateway' must be one of azure, openai, simulator; was 'aws'")
                .hasMessageContaining("'concurrency' must be a whole number from 1 to 64; was 'many'")
                .hasMessageContaining("'voice' must be one of")
                .hasMessageContaining("was 'nova'");
    }

    @Test
    void aMissingParamsFileIsAUsageErrorNamingTheFile() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> ParamsFile.load(missing, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void concurrencyAndAttemptsDoNotChangeTheIdentityOfARun() {
        RunParams two = RunParams.from(Map.of("input", "in", "concurrency", "2"));
        RunParams eight = RunParams.from(Map.of("input", "in", "concurrency", "8", "max-attempts", "6"));

        assertThat(two.identifying().getIdentifyingParameters())
                .isEqualTo(eight.identifying().getIdentifyingParameters());
    }

    @Test
    void maxCostAndFinishByTravelAsJobParametersThatDoNotIdentifyTheRun() {
        RunParams limited = RunParams.from(Map.of("input", "in", "max-cost", "$12.50", "finish-by", "6:30"));
        RunParams unlimited = RunParams.from(Map.of("input", "in"));

        JobParameters stored = limited.toJobParameters(1);

        assertThat(limited.limits().maxCost()).isEqualByComparingTo("12.50");
        assertThat(limited.limits().finishBy()).isEqualTo(LocalTime.of(6, 30));
        assertThat(stored.getString("max-cost")).isEqualTo("12.50");
        assertThat(stored.getString("finish-by")).isEqualTo("06:30");
        assertThat(stored.getIdentifyingParameters())
                .isEqualTo(unlimited.toJobParameters(1).getIdentifyingParameters());
        assertThat(RunParams.from(stored).limits()).isEqualTo(limited.limits());
        assertThat(RunParams.from(unlimited.toJobParameters(1)).limits()).isEqualTo(RunLimits.NONE);
    }

    @Test
    void theJobParametersOfARunGiveBackItsParams() throws Exception {
        Path file = dir.resolve("run.properties");
        Files.writeString(
                file,
                "input=in\ngateway=simulator\nvoice=marin\ninstructions=Calm.\nspeed=1.25\n"
                        + "concurrency=6\nmax-attempts=7\nmax-requests-per-minute=90\nmax-cost=3\nfinish-by=23:05\n"
                        + "only-failed=true\n");
        RunParams params = ParamsFile.load(file, Map.of("voice", "cedar"));

        assertThat(RunParams.from(params.toJobParameters(3))).isEqualTo(params);
    }

    @Test
    void badLimitsAreReportedWithTheExpectedForm() {
        assertThatThrownBy(() -> RunParams.from(Map.of("input", "in", "max-cost", "-3", "finish-by", "half past six")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(
                        "'max-cost' must be a positive amount in USD, e.g. 5 or 12.50, up to 100000; " + "was '-3'")
                .hasMessageContaining("'finish-by' must be a time of day as HH:MM (24-hour, this machine's zone), "
                        + "e.g. 06:30; was 'half past six'");
    }

    @Test
    void onlyFailedIsARunOfItsOwnWhileOrdinaryRunsKeepTheirIdentity() {
        RunParams ordinary = RunParams.from(Map.of("input", "in"));
        RunParams explicitFalse = RunParams.from(Map.of("input", "in", "only-failed", "false"));
        RunParams onlyFailed = RunParams.from(Map.of("input", "in", "only-failed", "TRUE"));

        assertThat(ordinary.onlyFailed()).isFalse();
        assertThat(onlyFailed.onlyFailed()).isTrue();
        assertThat(explicitFalse.identifying()).isEqualTo(ordinary.identifying());
        assertThat(ordinary.identifying().getParameter("only-failed")).isNull();
        assertThat(onlyFailed.identifying().getString("only-failed")).isEqualTo("true");
        assertThat(onlyFailed.identifying().getIdentifyingParameters())
                .isNotEqualTo(ordinary.identifying().getIdentifyingParameters());
    }

    @Test
    void onlyFailedTakesTrueOrFalse() {
        assertThatThrownBy(() -> RunParams.from(Map.of("input", "in", "only-failed", "yes")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'only-failed' must be true or false; was 'yes'");
    }

    @Test
    void theParamsFileAndTheOverriddenKeysAreKeptWithARunWithoutChangingItsIdentity() throws Exception {
        Path file = dir.resolve("run.properties");
        Files.writeString(file, "input=input\ngateway=simulator\n");

        RunParams plain = ParamsFile.load(file, Map.of());
        RunParams overridden = ParamsFile.load(file, Map.of("voice", "alloy", "gateway", "simulator"));
        var stored = overridden.toJobParameters(7);

        assertThat(stored.getString("params-file"))
                .isEqualTo(file.toAbsolutePath().toString());
        assertThat(stored.getString("overrides")).isEqualTo("gateway,voice");
        assertThat(stored.getIdentifyingParameters())
                .isEqualTo(plain.toJobParameters(7).getIdentifyingParameters());
        assertThat(RunParams.from(stored).origin()).isEqualTo(overridden.origin());
    }
}
