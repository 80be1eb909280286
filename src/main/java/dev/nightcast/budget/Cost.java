package dev.nightcast.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/**
 * An estimated cost in USD, computed from token usage and the {@link PriceTable}.
 *
 * @param model the model the tokens were spent on, as the gateway names it
 * @param pricedAs the price table entry used, or {@code null} when the model has no price
 * @param simulated the tokens were reported by the simulator: nothing was billed, the cost is what
 *     the imitated deployment would have charged
 * @param usd the cost, or {@code null} when the model has no price
 * @param asOf when the prices were taken
 */
public record Cost(
        @Nullable String model,
        @Nullable String pricedAs,
        boolean simulated,
        @Nullable BigDecimal usd,
        String asOf) {

    static Cost unknown(String model, String asOf) {
        return new Cost(model, null, false, null, asOf);
    }

    /** No tokens, no cost (a run that narrated nothing). */
    public static Cost none(String asOf) {
        return new Cost(null, null, false, BigDecimal.ZERO, asOf);
    }

    public boolean known() {
        return usd != null;
    }

    /** {@code $0.0312}, {@code $12.40}, or {@code unknown}. */
    public String dollars() {
        return usd == null ? "unknown" : format(usd);
    }

    /** One line for people: the amount and what it rests on. */
    public String describe() {
        if (usd == null || pricedAs == null) {
            return dollars() + basis();
        }
        return dollars() + basis() + (simulated ? "; simulated, nothing was billed" : "");
    }

    /** What the amount rests on, starting with a space: {@code " at gpt-realtime-mini prices (mid-2026 …)"}. */
    public String basis() {
        if (usd == null) {
            return ": no price for model '" + model + "' (set nightcast.pricing.models." + model + ".*)";
        }
        return pricedAs == null ? "" : " at " + pricedAs + " prices (" + asOf + ")";
    }

    public static String format(BigDecimal usd) {
        int scale = usd.abs().compareTo(BigDecimal.ONE) < 0 ? 4 : 2;
        return "$" + usd.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
