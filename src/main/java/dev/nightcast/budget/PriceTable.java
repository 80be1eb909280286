package dev.nightcast.budget;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.nightcast.realtime.TokenUsage;

/**
 * What tokens cost, per model, in USD per million tokens ({@code nightcast.pricing.*}).
 *
 * <p>Defaults: the OpenAI list prices for {@code gpt-realtime} and {@code gpt-realtime-mini} as
 * published mid-2026 (docs/realtime-protocol.md §5; Azure Global Standard is believed equal, not
 * verified). Configured models are added to, or replace, the defaults, e.g.
 * {@code nightcast.pricing.models.my-deployment.output-audio=20.00}.
 *
 * <p>A model is found by its exact name, else by the longest priced name it starts with followed by
 * {@code -} (so {@code gpt-realtime-mini-2025-12-15} is priced as {@code gpt-realtime-mini}). The
 * simulator's models ({@code simulator/<deployment>}) are priced as the deployment they imitate and
 * marked simulated: nothing was billed.
 *
 * @param asOf when the prices were taken, shown next to every estimate
 * @param models prices by model or Azure deployment name
 */
@ConfigurationProperties("nightcast.pricing")
public record PriceTable(String asOf, Map<String, ModelPrice> models) {

    /** Where the simulator's model names come from: {@code simulator/<deployment>}. */
    static final String SIMULATOR_PREFIX = "simulator/";

    public PriceTable {
        Map<String, ModelPrice> merged = new LinkedHashMap<>(defaults());
        if (models != null) {
            merged.putAll(models);
        }
        models = Map.copyOf(merged);
        asOf = asOf == null || asOf.isBlank() ? "mid-2026 list prices" : asOf.strip();
    }

    /** The defaults alone. */
    public static PriceTable standard() {
        return new PriceTable("", Map.of());
    }

    /**
     * USD per million tokens of each kind. Cached input is priced as uncached: narration barely
     * caches, and an estimate that errs high is the safe side of a budget.
     */
    public record ModelPrice(
            BigDecimal inputText, BigDecimal outputText, BigDecimal inputAudio, BigDecimal outputAudio) {

        public ModelPrice {
            inputText = orZero(inputText);
            outputText = orZero(outputText);
            inputAudio = orZero(inputAudio);
            outputAudio = orZero(outputAudio);
        }

        BigDecimal cost(TokenUsage usage) {
            return inputText
                    .multiply(BigDecimal.valueOf(usage.inputTextTokens()))
                    .add(outputText.multiply(BigDecimal.valueOf(usage.outputTextTokens())))
                    .add(inputAudio.multiply(BigDecimal.valueOf(usage.inputAudioTokens())))
                    .add(outputAudio.multiply(BigDecimal.valueOf(usage.outputAudioTokens())))
                    .movePointLeft(6);
        }

        private static BigDecimal orZero(BigDecimal value) {
            return value == null ? BigDecimal.ZERO : value;
        }
    }

    /** The price of {@code model}, if the table knows it (see the class comment for the matching). */
    public Optional<Priced> lookup(String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        boolean simulated = model.startsWith(SIMULATOR_PREFIX);
        String name = simulated ? model.substring(SIMULATOR_PREFIX.length()) : model;
        ModelPrice exact = models.get(name);
        if (exact != null) {
            return Optional.of(new Priced(name, exact, simulated));
        }
        return models.entrySet().stream()
                .filter(entry -> name.startsWith(entry.getKey() + "-"))
                .max(Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(entry -> new Priced(entry.getKey(), entry.getValue(), simulated));
    }

    /** The cost of {@code usage} on {@code model}; {@link Cost#usd()} is empty when the model has no price. */
    public Cost cost(String model, TokenUsage usage) {
        return lookup(model)
                .map(priced -> new Cost(
                        model,
                        priced.pricedAs(),
                        priced.simulated(),
                        priced.price().cost(usage),
                        asOf))
                .orElseGet(() -> Cost.unknown(model, asOf));
    }

    /** A price found for a model: under which name, and whether the model is the simulator. */
    public record Priced(String pricedAs, ModelPrice price, boolean simulated) {}

    private static Map<String, ModelPrice> defaults() {
        return Map.of(
                "gpt-realtime",
                        new ModelPrice(
                                new BigDecimal("4.00"),
                                new BigDecimal("16.00"),
                                new BigDecimal("32.00"),
                                new BigDecimal("64.00")),
                "gpt-realtime-mini",
                        new ModelPrice(
                                new BigDecimal("0.60"),
                                new BigDecimal("2.40"),
                                new BigDecimal("10.00"),
                                new BigDecimal("20.00")));
    }
}
