package dev.nightcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A deployment is named by host and deployment only: nothing that could carry a secret or change per run. */
class GatewayMetricsTest {

    @Test
    void aDeploymentIsNamedByTheEndpointsHostAndTheDeploymentWithoutPortPathOrQuery() {
        assertThat(GatewayMetrics.deploymentName(
                        "wss://My-Res.openai.azure.com:443/openai/v1/realtime?model=narrator-prod", "narrator-prod"))
                .isEqualTo("my-res.openai.azure.com/narrator-prod");
        assertThat(GatewayMetrics.deploymentName(
                        "ws://127.0.0.1:41234/openai/v1/realtime?model=gpt-realtime-mini",
                        "simulator/gpt-realtime-mini"))
                .isEqualTo("127.0.0.1/simulator/gpt-realtime-mini");
    }

    @Test
    void anEndpointThatIsNoUriStillGetsAName() {
        assertThat(GatewayMetrics.deploymentName("not a uri", "gpt-realtime")).isEqualTo("unknown-host/gpt-realtime");
    }
}
