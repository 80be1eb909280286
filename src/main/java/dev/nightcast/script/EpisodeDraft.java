package dev.nightcast.script;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An episode as read from one input row or file, before defaults and validation are applied.
 *
 * @param id the id as written, trimmed; empty when missing
 * @param title the title as written, or {@code null}/blank when the input has none
 * @param voice the voice as written, or {@code null}/blank to use the default
 * @param instructions as written, or {@code null}/blank to use the default
 * @param speed the speaking speed as written, or {@code null}/blank to use the default
 * @param speakers speaker label to voice as written (markdown front matter {@code speakers:}); empty
 *     for monologues
 * @param passages what is read, or {@code null} when the text could not be read (the reason is
 *     then in {@code problems})
 * @param textOrigin what the text was read from, for messages ("the script cell", "script_file
 *     'a.txt'", ...)
 * @param problems what the reader already found wrong; empty when nothing
 * @param listing the feed values as written (description, date, explicit, image)
 * @param lexicons the lexicon files the script names ({@code lexicon:} in the front matter), as written
 */
record EpisodeDraft(
        String id,
        @Nullable String title,
        @Nullable String voice,
        @Nullable String instructions,
        @Nullable String speed,
        Map<String, String> speakers,
        @Nullable List<DraftPassage> passages,
        @Nullable String textOrigin,
        SourceLocation source,
        List<String> problems,
        DraftListing listing,
        List<String> lexicons) {

    EpisodeDraft {
        speakers = speakers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(speakers));
        passages = passages == null ? null : List.copyOf(passages);
        problems = List.copyOf(problems);
        listing = listing == null ? DraftListing.NONE : listing;
        lexicons = lexicons == null ? List.of() : List.copyOf(lexicons);
    }

    /** Without feed values and lexicons. */
    EpisodeDraft(
            String id,
            @Nullable String title,
            @Nullable String voice,
            @Nullable String instructions,
            @Nullable String speed,
            Map<String, String> speakers,
            @Nullable List<DraftPassage> passages,
            @Nullable String textOrigin,
            SourceLocation source,
            List<String> problems) {
        this(
                id,
                title,
                voice,
                instructions,
                speed,
                speakers,
                passages,
                textOrigin,
                source,
                problems,
                DraftListing.NONE,
                List.of());
    }

    /** A draft whose text is one plain passage (a CSV cell, a .txt file). */
    static List<DraftPassage> plain(String text, SourceLocation source) {
        return List.of(new DraftPassage(null, text, false, source));
    }

    /** True when there is text and all of it is blank. */
    boolean hasBlankText() {
        return passages != null
                && passages.stream().allMatch(passage -> passage.text().isBlank());
    }
}
