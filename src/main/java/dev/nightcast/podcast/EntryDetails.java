package dev.nightcast.podcast;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.nightcast.budget.Cost;
import dev.nightcast.script.EpisodeListing;

/**
 * What the feed and the review page show of an entry beyond its state: the script's own feed values,
 * the identity the feed keeps, and what the audio cost.
 *
 * @param listing description, date, explicit and image as the script gives them
 * @param guid the feed item's guid, kept from its first publication; {@code null} when never published
 * @param published the item's date: the script's, else the first publication; {@code null} when never published
 * @param cost what the published audio cost (its row's tokens at the price table), or {@code null}
 * @param transcriptFile the published plain transcript's file name ({@code <id>.txt}), or {@code null}
 */
record EntryDetails(
        EpisodeListing listing,
        @Nullable String guid,
        @Nullable Instant published,
        @Nullable Cost cost,
        @Nullable String transcriptFile) {

    static final EntryDetails NONE = new EntryDetails(EpisodeListing.NONE, null, null, null, null);

    EntryDetails {
        listing = listing == null ? EpisodeListing.NONE : listing;
    }
}
