package dev.nightcast.script;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How an episode is listed in the podcast feed and on the review page, from its script: none of it
 * changes the audio, so none of it is part of the narration's fingerprint (changing it narrates
 * nothing again; the next feed shows it).
 *
 * @param description the episode's description ({@code description:} in front matter, a
 *     {@code description} CSV column), or {@code null}
 * @param published the publication date the script gives ({@code date:} in front matter, a
 *     {@code published} CSV column), or {@code null}: the feed then uses the first publication
 * @param explicit {@code itunes:explicit} for this episode, or {@code null} for the show's setting
 * @param image an http(s) URL of the episode's cover art ({@code itunes:image}), or {@code null}
 */
public record EpisodeListing(
        @Nullable String description,
        @Nullable Instant published,
        @Nullable Boolean explicit,
        @Nullable String image) {

    /** Nothing given: the show's settings and the first publication apply. */
    public static final EpisodeListing NONE = new EpisodeListing(null, null, null, null);
}
