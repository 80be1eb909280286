package dev.nightcast.narration;

import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.text.FidelityCheck;

/** Every reading of a segment failed the fidelity check; the last verdict says why. */
final class SegmentRejectedException extends Exception {

    /** The failure code an episode gets, and its reason's keyword. */
    static final String CODE = "fidelity";

    private final transient FidelityCheck.Verdict verdict;
    private final int readings;
    private final transient TokenUsage spent;

    SegmentRejectedException(FidelityCheck.Verdict verdict, int readings, TokenUsage spent) {
        super(verdict.problem());
        this.verdict = verdict;
        this.readings = readings;
        this.spent = spent;
    }

    FidelityCheck.Verdict verdict() {
        return verdict;
    }

    int readings() {
        return readings;
    }

    TokenUsage spent() {
        return spent;
    }
}
