package dev.nightcast.narration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.Passage;
import dev.nightcast.text.Segmenter;

/**
 * Cuts an episode into the segments narrated one response each, passage by passage (a segment never
 * spans two voices or a heading), and decides the pause before each: a section pause before a
 * heading, a turn pause when the speaker changes, a paragraph pause at a paragraph break, else the
 * segment pause.
 */
final class NarrationPlan {

    private final Segmenter segmenter;
    private final NarrationProperties settings;

    NarrationPlan(NarrationProperties settings) {
        this.segmenter = new Segmenter(settings.maxSegmentWords());
        this.settings = settings;
    }

    List<PlannedSegment> segments(EpisodeScript script) {
        List<PlannedSegment> plan = new ArrayList<>();
        Passage previous = null;
        for (Passage passage : script.passages()) {
            List<Segmenter.Piece> pieces = segmenter.pieces(passage.text());
            for (int i = 0; i < pieces.size(); i++) {
                Duration pause = plan.isEmpty()
                        ? Duration.ZERO
                        : i > 0
                                ? pause(pieces.get(i))
                                : previous == null
                                        ? Duration.ZERO // not reached: a segment came from an earlier passage
                                        : passagePause(previous, passage);
                String text = pieces.get(i).text();
                // Cut by the written text, so a lexicon edit never moves a seam.
                plan.add(new PlannedSegment(
                        plan.size(),
                        String.format(Locale.ROOT, "%04d", plan.size()),
                        passage,
                        text,
                        i == 0 || pieces.get(i).startsParagraph(),
                        pause,
                        script.lexicon().speak(text)));
            }
            previous = passage;
        }
        return plan;
    }

    /**
     * The segment cut in two or more shorter ones, for a response that hit the output token cap;
     * empty when it is too short to cut.
     */
    List<PlannedSegment> halves(PlannedSegment segment) {
        int words = Segmenter.wordCount(segment.text());
        if (words < 20) {
            return List.of();
        }
        // Up to two thirds of the words per part: room to cut at a sentence, while the segmenter's
        // preference for even parts keeps them near halves.
        List<Segmenter.Piece> pieces = new Segmenter(Math.max(10, words * 2 / 3)).pieces(segment.text());
        List<PlannedSegment> halves = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            Segmenter.Piece piece = pieces.get(i);
            halves.add(new PlannedSegment(
                    segment.index(),
                    segment.key() + "." + (i + 1),
                    segment.passage(),
                    piece.text(),
                    i == 0 ? segment.startsParagraph() : piece.startsParagraph(),
                    i == 0 ? segment.pauseBefore() : pause(piece),
                    segment.speakPart(piece.text())));
        }
        return halves;
    }

    private Duration pause(Segmenter.Piece piece) {
        return piece.startsParagraph() ? settings.paragraphPause() : settings.segmentPause();
    }

    private Duration passagePause(Passage previous, Passage next) {
        if (next.opensSection()) {
            return settings.sectionPause();
        }
        if (!Objects.equals(previous.speaker(), next.speaker())
                || !previous.voice().equals(next.voice())) {
            return settings.turnPause();
        }
        return settings.paragraphPause();
    }
}
