package dev.nightcast.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.assembly.SegmentCheckpoints;
import dev.nightcast.lexicon.Lexicon;
import dev.nightcast.lexicon.LexiconEntry;
import dev.nightcast.publication.OutputLayout;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.EpisodeListing;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.Passage;
import dev.nightcast.script.SourceLocation;

/** Kept segments carried across fingerprints in a real output folder, only under the same basis. */
class KeptSegmentsTest {

    @TempDir
    Path output;

    private final NarrationProperties settings = new NarrationProperties(
            20,
            Duration.ofMillis(350),
            Duration.ofMillis(700),
            Duration.ofMillis(1200),
            Duration.ofMillis(500),
            Duration.ofMillis(1),
            Duration.ofMillis(5),
            10,
            Duration.ofSeconds(60),
            null);

    private EpisodeScript script(String alias, double speed) {
        SourceLocation source = new SourceLocation(output.resolve("ep.md"), 1);
        String text = "Doctor Nguyen opens the night with a story about lighthouses and keepers on the coast.\n\n"
                + "The second part holds no name at all and talks about ropes and tides and fish.";
        return new EpisodeScript(
                "ep",
                "Ep",
                "alloy",
                "",
                speed,
                List.of(new Passage(null, "alloy", text, false, source)),
                source,
                EpisodeListing.NONE,
                Lexicon.of(List.of(new LexiconEntry("Nguyen", alias, "x.csv:2"))));
    }

    /** Narrates nothing: keeps a take for every planned segment, as a finished narration leaves them. */
    private void keepAll(OutputLayout layout, EpisodeScript script, String model) throws Exception {
        String fingerprint = Fingerprint.of(
                script,
                model,
                settings,
                dev.nightcast.audio.AudioProperties.defaults().mastering());
        KeptSegments.prepare(layout, script, fingerprint, Fingerprint.basis(script, model, settings));
        SegmentCheckpoints kept = new SegmentCheckpoints(layout.segmentFolder("ep", fingerprint));
        for (PlannedSegment segment : new NarrationPlan(settings).segments(script)) {
            SegmentCheckpoints.Recording recording = kept.record(segment);
            kept.keep(
                    segment,
                    recording,
                    new SegmentCheckpoints.Take(0, segment.spoken().text(), 0, 1, TokenUsage.ZERO, List.of()));
        }
    }

    private KeptSegments.Reuse reuse(OutputLayout layout, EpisodeScript script) throws Exception {
        return KeptSegments.reuse(
                script,
                "m",
                settings,
                layout,
                Fingerprint.of(
                        script,
                        "m",
                        settings,
                        dev.nightcast.audio.AudioProperties.defaults().mastering()));
    }

    @Test
    void anEditedEntryLeavesOnlyItsSegmentToNarrateAndAnotherBasisLeavesAll() throws Exception {
        OutputLayout layout = new OutputLayout(output);
        keepAll(layout, script("Win", 1.0), "m");

        assertThat(reuse(layout, script("Win", 1.0)).toNarrate()).isEmpty();
        KeptSegments.Reuse edited = reuse(layout, script("Nwen", 1.0));
        assertThat(edited.segments()).isEqualTo(2);
        assertThat(edited.toNarrate()).singleElement().asString().startsWith("Doctor Nwen opens");
        assertThat(reuse(layout, script("Nwen", 1.2)).toNarrate())
                .as("another speed: every segment sounds different")
                .hasSize(2);

        EpisodeScript faster = script("Win", 1.2);
        String fingerprint = Fingerprint.of(
                faster,
                "m",
                settings,
                dev.nightcast.audio.AudioProperties.defaults().mastering());
        assertThat(KeptSegments.prepare(layout, faster, fingerprint, Fingerprint.basis(faster, "m", settings)))
                .as("nothing carried over to another basis")
                .isZero();
        try (var folders = Files.list(output)) {
            assertThat(folders.map(path -> path.getFileName().toString()))
                    .containsExactly("." + "ep." + fingerprint.substring(0, 12) + ".segments");
        }
    }
}
