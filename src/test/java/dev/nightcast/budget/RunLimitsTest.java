package dev.nightcast.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class RunLimitsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aRunStartedInTheEveningMayWorkUntilTheNextMorning() {
        Instant start = at(2026, 3, 1, 23, 0);

        Instant deadline = new RunLimits(null, LocalTime.of(6, 30)).deadlineAfter(start, BERLIN);

        assertThat(deadline).isEqualTo(at(2026, 3, 2, 6, 30));
    }

    @Test
    void aRunStartedAfterMidnightStopsTheSameMorning() {
        Instant deadline = new RunLimits(null, LocalTime.of(6, 30)).deadlineAfter(at(2026, 3, 2, 1, 0), BERLIN);

        assertThat(deadline).isEqualTo(at(2026, 3, 2, 6, 30));
    }

    @Test
    void aRunStartedAfterTheTimeGetsUntilThatTimeTomorrow() {
        Instant deadline = new RunLimits(null, LocalTime.of(6, 30)).deadlineAfter(at(2026, 3, 2, 6, 30), BERLIN);

        assertThat(deadline).isEqualTo(at(2026, 3, 3, 6, 30));
    }

    @Test
    void theDeadlineIsTheLocalClockTimeAcrossADaylightSavingChange() {
        // Europe/Berlin moves to summer time at 02:00 on 29 March 2026.
        Instant deadline = new RunLimits(null, LocalTime.of(6, 30)).deadlineAfter(at(2026, 3, 28, 22, 0), BERLIN);

        assertThat(deadline.atZone(BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 3, 29, 6, 30));
    }

    @Test
    void withoutFinishByThereIsNoDeadline() {
        assertThat(RunLimits.NONE.deadlineAfter(Instant.now(), BERLIN)).isNull();
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(BERLIN).toInstant();
    }
}
