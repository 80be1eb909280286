package dev.nightcast.assembly;

import java.time.Duration;
import java.util.List;

import dev.nightcast.lexicon.Lexicon;
import dev.nightcast.lexicon.Spoken;
import dev.nightcast.script.Passage;

/**
 * One segment of an episode to narrate as one response.
 *
 * @param index 0-based position in the episode's plan; the halves of a segment split at the output
 *     token cap keep their parent's index
 * @param key stable name of the segment within the episode: {@code 0007}, its halves {@code 0007.1}
 *     and {@code 0007.2}; names its checkpoint files
 * @param passage what it is part of: speaker, voice, source location
 * @param text what is read, as the author wrote it
 * @param startsParagraph true when it begins a paragraph (or its passage)
 * @param pauseBefore silence put before it when the episode is joined (none before the first)
 * @param spoken what is sent: the text with the episode's lexicon applied, and the entries that
 *     applied (part of the segment's identity: editing one re-narrates only the segments it applies to)
 */
public record PlannedSegment(
        int index,
        String key,
        Passage passage,
        String text,
        boolean startsParagraph,
        Duration pauseBefore,
        Spoken spoken) {

    /** A segment no lexicon entry applies to: sent as written. */
    public PlannedSegment(
            int index, String key, Passage passage, String text, boolean startsParagraph, Duration pauseBefore) {
        this(index, key, passage, text, startsParagraph, pauseBefore, new Spoken(text, List.of()));
    }

    /** The text of one of its parts as it is sent: only the entries that applied to the whole can apply to a part. */
    public Spoken speakPart(String partText) {
        return Lexicon.of(spoken.applied()).speak(partText);
    }

    public String voice() {
        return passage.voice();
    }

    /** "segment 8 of 40 (HOST, talk.md:42)", for messages. */
    public String describe(int total) {
        String who = passage.speaker() == null ? "" : passage.speaker() + ", ";
        String part = key.contains(".") ? " part " + key.substring(key.indexOf('.') + 1) : "";
        return "segment " + (index + 1) + part + " of " + total + " (" + who + passage.source() + ")";
    }
}
