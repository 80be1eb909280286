package dev.nightcast.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.Passage;
import dev.nightcast.script.SourceLocation;
import dev.nightcast.support.TestScripts;

/** Which segments an episode is narrated as, in which voices, with which pauses between them. */
class NarrationPlanTest {

    private static final SourceLocation WHERE = new SourceLocation(Path.of("talk.md"), 1);
    private static final Duration SEGMENT = Duration.ofMillis(350);
    private static final Duration PARAGRAPH = Duration.ofMillis(700);
    private static final Duration SECTION = Duration.ofMillis(1200);
    private static final Duration TURN = Duration.ofMillis(500);

    private final NarrationPlan plan = new NarrationPlan(new NarrationProperties(
            100,
            SEGMENT,
            PARAGRAPH,
            SECTION,
            TURN,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            10,
            Duration.ofSeconds(60),
            null));

    private static Passage passage(String speaker, String voice, String text, boolean opensSection) {
        return new Passage(speaker, voice, text, opensSection, WHERE);
    }

    @Test
    void pausesAreLongerAtParagraphBreaksAndLongestBeforeHeadings() {
        EpisodeScript script = new EpisodeScript(
                "ep",
                "T",
                "alloy",
                "",
                1.0,
                List.of(
                        passage(null, "alloy", TestScripts.prose("first", 2, 60), false),
                        passage(null, "alloy", "Part two.\n\n" + TestScripts.prose("long", 1, 150), true)),
                WHERE);

        List<PlannedSegment> segments = plan.segments(script);

        assertThat(segments)
                .extracting(PlannedSegment::pauseBefore)
                .containsExactly(Duration.ZERO, PARAGRAPH, SECTION, SEGMENT);
        assertThat(segments).extracting(PlannedSegment::key).containsExactly("0000", "0001", "0002", "0003");
        assertThat(segments.get(2).text()).startsWith("Part two.\n\nThe long story");
        assertThat(segments).extracting(PlannedSegment::startsParagraph).containsExactly(true, true, true, false);
    }

    @Test
    void everyTurnIsNarratedInItsSpeakersVoiceWithATurnPauseBetweenSpeakers() {
        EpisodeScript script = new EpisodeScript(
                "ep",
                "T",
                "cedar",
                "",
                1.0,
                List.of(
                        passage(null, "cedar", "Night Talk.", true),
                        passage("HOST", "alloy", "Welcome.", false),
                        passage("GUEST", "verse", "Thanks.", false),
                        passage("HOST", "alloy", "So, owls.", false)),
                WHERE);

        List<PlannedSegment> segments = plan.segments(script);

        assertThat(segments).extracting(PlannedSegment::voice).containsExactly("cedar", "alloy", "verse", "alloy");
        assertThat(segments).extracting(PlannedSegment::pauseBefore).containsExactly(Duration.ZERO, TURN, TURN, TURN);
        assertThat(segments.get(2).describe(4)).isEqualTo("segment 3 of 4 (GUEST, talk.md:1)");
    }

    @Test
    void aSegmentCutAtTheTokenCapSplitsIntoPartsThatKeepItsPlace() {
        EpisodeScript script = new EpisodeScript("ep", "T", "alloy", "", TestScripts.prose("cap", 1, 80), WHERE);
        PlannedSegment whole = plan.segments(script).get(0);

        List<PlannedSegment> parts = plan.halves(whole);

        assertThat(parts).hasSize(2);
        assertThat(parts).extracting(PlannedSegment::key).containsExactly("0000.1", "0000.2");
        assertThat(parts).extracting(PlannedSegment::index).containsOnly(0);
        assertThat(parts.get(1).pauseBefore()).isEqualTo(SEGMENT);
        assertThat(parts.get(1).describe(1)).isEqualTo("segment 1 part 2 of 1 (talk.md:1)");
        assertThat(String.join(" ", parts.stream().map(PlannedSegment::text).toList()))
                .isEqualTo(whole.text());
        assertThat(plan.halves(
                        new PlannedSegment(0, "0000", whole.passage(), "Too short to cut.", true, Duration.ZERO)))
                .isEmpty();
    }
}
