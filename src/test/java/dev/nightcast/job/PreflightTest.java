package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.realtime.GatewayProperties;
import dev.nightcast.realtime.RealtimeGatewayFactory;
import dev.nightcast.report.PriceTable;

class PreflightTest {

    @TempDir
    Path dir;

    /** No endpoint, no key: what a fresh machine without the AZURE_OPENAI_* variables has. */
    private final RealtimeGatewayFactory unconfigured = new RealtimeGatewayFactory(
            new GatewayProperties(null, null, null, null));
    private final Preflight preflight = new Preflight(new RunGateways(unconfigured), PriceTable.standard());

    @AfterEach
    void close() {
        unconfigured.close();
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnceNamingTheKeyAndTheExpectedForm() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> preflight.check(Map.of("input", dir.resolve("missing.csv").toString(),
                "output", file.resolve("out").toString(), "gateway", "azure", "concurrency", "0",
                "max-cost", "five", "colour", "blue")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("Cannot start; 6 problems:")
                .hasMessageContaining("unknown key 'colour'")
                .hasMessageContaining("'concurrency' must be a whole number from 1 to 64; was '0'")
                .hasMessageContaining("'max-cost' must be a positive amount in USD")
                .hasMessageContaining("gateway=azure: AZURE_OPENAI_ENDPOINT is not set "
                        + "(nightcast.gateway.azure.endpoint); expected the resource base URL")
                .hasMessageContaining("'output' " + file.resolve("out") + ": " + file + " is a file, not a folder")
                .hasMessageContaining("'input': ")
                .hasMessageContaining("missing.csv");
    }

    @Test
    void aValidConfigurationGivesTheRunsEntriesAndModelWithoutCreatingAnything() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "episode_id,script\na,Hello there.\n");
        Path output = dir.resolve("new/output");

        Preflight.Plan plan = preflight.check(Map.of("input", csv.toString(), "output", output.toString(),
                "gateway", "simulator", "max-cost", "2"));

        assertThat(plan.entries()).hasSize(1);
        assertThat(plan.model()).isEqualTo("simulator/gpt-realtime-mini");
        assertThat(plan.params().limits().maxCost()).isEqualByComparingTo("2");
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void maxCostNeedsAPriceForTheModel() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "episode_id,script\na,Hello there.\n");
        RealtimeGatewayFactory custom = new RealtimeGatewayFactory(new GatewayProperties(
                new GatewayProperties.Azure("https://res.openai.azure.com", "narrator-prod", "key", null), null, null,
                null));
        try {
            Preflight withCustomDeployment = new Preflight(new RunGateways(custom), PriceTable.standard());

            assertThatThrownBy(() -> withCustomDeployment.check(Map.of("input", csv.toString(), "gateway", "azure",
                    "max-cost", "2", "output", dir.resolve("out").toString())))
                    .hasMessageContaining("'max-cost' needs a price for model 'narrator-prod': set "
                            + "nightcast.pricing.models.narrator-prod.input-text");
        } finally {
            custom.close();
        }
    }
}
