package dev.nightcast.retry;

import java.time.Duration;

/**
 * What follows a failed gateway call, as {@link RetryDecision} decides it. {@link #describe()} is
 * what the call's log line says next ({@code next="…"}).
 */
public sealed interface NextStep {

    String describe();

    /** Whether a retried call counts against {@code max-attempts}, and if not, why. */
    enum Counting {
        COUNTED(""),
        /** Throttled within the attempt's throttle budget: the gateway is up and asked for less. */
        THROTTLED(", not counted against max-attempts"),
        /** The gateway's failure, not the episode's (while connecting, or while other episodes fail too). */
        GATEWAYS_FAULT(", not counted against max-attempts (the gateway is failing, not the episode)");

        private final String note;

        Counting(String note) {
            this.note = note;
        }
    }

    /**
     * Make the call again after {@code delay} (waited in the {@link OutageBreaker}, which ends it when
     * the run stops).
     *
     * @param serverAsked the wait is the server's {@code Retry-After}
     */
    record Retry(Duration delay, Counting counting, boolean serverAsked) implements NextStep {

        @Override
        public String describe() {
            return "retry in " + delay.toMillis() + " ms" + (serverAsked ? " (Retry-After)" : "") + counting.note;
        }
    }

    /** The response was cut at the output token cap: narrate the segment as shorter parts instead. */
    record Split() implements NextStep {

        @Override
        public String describe() {
            return "split the segment";
        }
    }

    /** The episode fails, for {@code reason}; the rest of the run goes on. */
    record GiveUp(String reason) implements NextStep {

        static GiveUp permanent() {
            return new GiveUp("permanent");
        }

        static GiveUp attemptsUsed(int attempts) {
            return new GiveUp(attempts + " attempts used");
        }

        @Override
        public String describe() {
            return "give up (" + reason + ")";
        }
    }

    /** The gateway looks down: stop the episode (not done, not failed) and the run. */
    record StopForOutage() implements NextStep {

        @Override
        public String describe() {
            return "stop (gateway outage)";
        }
    }

    /** The gateway refused the configuration: stop the episode (not failed) and the run. */
    record StopForConfiguration() implements NextStep {

        @Override
        public String describe() {
            return "stop the run (the gateway refused the configuration)";
        }
    }
}
