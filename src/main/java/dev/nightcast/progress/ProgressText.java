package dev.nightcast.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** The words and numbers both progress displays use. */
final class ProgressText {

    private ProgressText() {}

    /** {@code 9 narrated, 2 skipped, 1 failed, 0 invalid; 14:30 min audio; $0.41} */
    static String totals(RunProgress p) {
        return p.narrated() + " narrated, " + p.skipped() + " skipped, " + p.failed() + " failed, " + p.invalid()
                + " invalid; " + clock(Duration.ofMillis(p.audioMillis())) + " min audio; " + money(p.cost());
    }

    static String money(@Nullable BigDecimal usd) {
        if (usd == null) {
            return "cost unknown";
        }
        int scale = usd.abs().compareTo(BigDecimal.ONE) < 0 ? 4 : 2;
        return "$" + usd.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    static String clock(Duration duration) {
        long s = Math.max(0, duration.toSeconds());
        return s >= 3600
                ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
