package dev.nightcast.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.nightcast.realtime.TokenUsage;

class PriceTableTest {

    /** One million tokens of each kind, so the cost is the sum of the four prices. */
    private static final TokenUsage MILLION_EACH =
            new TokenUsage(2_000_000, 2_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000);

    @Test
    void theDefaultsAreThePublishedPricesOfBothRealtimeModels() {
        PriceTable prices = PriceTable.standard();

        assertThat(prices.cost("gpt-realtime-mini", MILLION_EACH).usd()).isEqualByComparingTo("33.00");
        assertThat(prices.cost("gpt-realtime", MILLION_EACH).usd()).isEqualByComparingTo("116.00");
        assertThat(prices.asOf()).contains("mid-2026");
    }

    @Test
    void aDatedModelNameIsPricedAsTheLongestPricedNameItStartsWith() {
        PriceTable prices = PriceTable.standard();

        assertThat(prices.lookup("gpt-realtime-mini-2025-12-15"))
                .hasValueSatisfying(priced -> assertThat(priced.pricedAs()).isEqualTo("gpt-realtime-mini"));
        assertThat(prices.lookup("gpt-realtime-2025-08-28"))
                .hasValueSatisfying(priced -> assertThat(priced.pricedAs()).isEqualTo("gpt-realtime"));
        assertThat(prices.lookup("gpt-realtimes")).isEmpty();
    }

    @Test
    void theSimulatorIsPricedAsTheDeploymentItImitatesAndMarkedSimulated() {
        Cost cost = PriceTable.standard().cost("simulator/gpt-realtime-mini", MILLION_EACH);

        assertThat(cost.usd()).isEqualByComparingTo("33.00");
        assertThat(cost.simulated()).isTrue();
        assertThat(cost.describe())
                .isEqualTo("$33.00 at gpt-realtime-mini prices (mid-2026 list prices); simulated, nothing was billed");
    }

    @Test
    void aModelWithoutAPriceHasAnUnknownCostThatSaysHowToPriceIt() {
        Cost cost = PriceTable.standard().cost("narrator-prod", MILLION_EACH);

        assertThat(cost.known()).isFalse();
        assertThat(cost.describe())
                .isEqualTo(
                        "unknown: no price for model 'narrator-prod' (set nightcast.pricing.models.narrator-prod.*)");
    }

    @Test
    void configuredPricesAddToAndReplaceTheDefaults() {
        Map<String, String> settings = Map.of(
                "nightcast.pricing.as-of", "contract 2026-05",
                "nightcast.pricing.models.narrator-prod.output-audio", "10",
                "nightcast.pricing.models.gpt-realtime-mini.output-audio", "18.5");

        PriceTable prices = new Binder(new MapConfigurationPropertySource(settings))
                .bind("nightcast.pricing", PriceTable.class)
                .get();

        TokenUsage audioOut = new TokenUsage(0, 1_000_000, 0, 0, 0, 1_000_000);
        assertThat(prices.cost("narrator-prod", audioOut).usd()).isEqualByComparingTo("10");
        assertThat(prices.cost("gpt-realtime-mini", audioOut).usd()).isEqualByComparingTo("18.5");
        assertThat(prices.cost("gpt-realtime", audioOut).usd()).isEqualByComparingTo("64");
        assertThat(prices.asOf()).isEqualTo("contract 2026-05");
    }

    @Test
    void costsAreShownWithFourDecimalsBelowADollar() {
        assertThat(Cost.format(new BigDecimal("0.031249"))).isEqualTo("$0.0312");
        assertThat(Cost.format(new BigDecimal("12.4"))).isEqualTo("$12.40");
    }
}
