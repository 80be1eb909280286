package dev.nightcast.script;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.nightcast.lexicon.Lexicon;

/**
 * A valid episode, defaults already applied.
 *
 * @param id validated by {@link EpisodeIds}
 * @param title the title, or the id when the input has none
 * @param voice a known voice: the voice of a monologue, and of a dialogue's text outside the turns
 * @param instructions episode-specific tone or persona (may be empty); narration adds the
 *     verbatim-reading rules in front of it
 * @param speed speaking speed, 0.25 to 1.5 ({@value #NORMAL_SPEED} is normal)
 * @param passages what is read, in order, each in its own voice; never empty
 * @param listing how the feed and the review page list it; not part of what is narrated
 * @param lexicon how words are to be said: the run's lexicons and the script's own; the passages
 *     hold the written text, the lexicon gives what is sent
 */
public record EpisodeScript(
        String id,
        String title,
        String voice,
        String instructions,
        double speed,
        List<Passage> passages,
        SourceLocation source,
        EpisodeListing listing,
        Lexicon lexicon)
        implements ScriptEntry {

    public static final double NORMAL_SPEED = 1.0;
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 1.5;

    public EpisodeScript {
        passages = List.copyOf(passages);
        listing = listing == null ? EpisodeListing.NONE : listing;
        if (passages.isEmpty()) {
            throw new IllegalArgumentException("episode " + id + " has nothing to read");
        }
        lexicon = lexicon == null ? Lexicon.NONE : lexicon;
    }

    /** Without feed values of its own and without a lexicon: every word is sent as written. */
    public EpisodeScript(
            String id,
            String title,
            String voice,
            String instructions,
            double speed,
            List<Passage> passages,
            SourceLocation source) {
        this(id, title, voice, instructions, speed, passages, source, EpisodeListing.NONE, Lexicon.NONE);
    }

    /** A single-voice episode at normal speed: one passage holding the whole text. */
    public EpisodeScript(
            String id, String title, String voice, String instructions, String text, SourceLocation source) {
        this(
                id,
                title,
                voice,
                instructions,
                NORMAL_SPEED,
                List.of(new Passage(null, voice, text, false, source)),
                source);
    }

    /** The speakable text of all passages: paragraphs separated by a blank line. */
    public String text() {
        return passages.stream().map(Passage::text).collect(Collectors.joining("\n\n"));
    }

    /** True when some passage has a speaker label. */
    public boolean isDialogue() {
        return passages.stream().anyMatch(passage -> passage.speaker() != null);
    }

    /** Speaker label to voice, in order of first appearance; empty for a monologue. */
    public Map<String, String> speakers() {
        Map<String, String> speakers = new LinkedHashMap<>();
        for (Passage passage : passages) {
            if (passage.speaker() != null) {
                speakers.putIfAbsent(passage.speaker(), passage.voice());
            }
        }
        return speakers;
    }
}
