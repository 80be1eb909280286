package dev.nightcast.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a run stopped at its limits, in the words the operator reads in the summary, the report and
 * {@code status}: one wording whether the run was one process or a cluster.
 */
public final class LimitReasons {

    /** Left episodes named in the reason; the rest are counted. */
    private static final int LEFT_NAMED = 10;

    /** An episode left aside at {@code max-cost}, with what it was expected to cost. */
    public record LeftEpisode(String id, BigDecimal estimate) {}

    private LimitReasons() {}

    /** The {@code finish-by} deadline passed: "finish-by 06:30 reached". */
    public static String finishByReached(Instant deadline, ZoneId zone) {
        return "finish-by " + LocalTime.ofInstant(deadline, zone).format(DateTimeFormatter.ofPattern("HH:mm"))
                + " reached";
    }

    /** Episodes left because each would pass {@code max}, named (the first ten) with their estimates. */
    public static String leftAtMaxCost(BigDecimal max, BigDecimal spent, List<LeftEpisode> left) {
        List<String> named = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (LeftEpisode episode : left) {
            total = total.add(episode.estimate());
            if (named.size() < LEFT_NAMED) {
                named.add(episode.id() + " (about " + Cost.format(episode.estimate()) + ")");
            }
        }
        int more = left.size() - named.size();
        return "max-cost " + Cost.format(max) + " reached: spent " + Cost.format(spent) + "; left "
                + left.size() + (left.size() == 1 ? " episode" : " episodes") + " that would pass it: "
                + String.join(", ", named) + (more > 0 ? " and " + more + " more" : "")
                + (left.size() > 1 ? " (about " + Cost.format(total) + " in all)" : "");
    }
}
