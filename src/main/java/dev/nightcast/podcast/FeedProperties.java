package dev.nightcast.podcast;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The podcast channel ({@code nightcast.feed.*}, e.g. {@code NIGHTCAST_FEED_BASE_URL}).
 *
 * @param baseUrl where the output folder is served, e.g. {@code https://cdn.example.org/show};
 *     enclosure URLs are {@code <base-url>/<id>.mp3}. Unset, the feed points at the output folder
 *     itself ({@code file:} URLs), which suits a local check but not subscribers.
 * @param title channel title, default {@code Nightcast}
 * @param description channel description
 * @param author {@code itunes:author}
 * @param language {@code language}, a BCP 47 language tag (RFC 5646), default {@code en}
 * @param imageUrl cover art URL for {@code itunes:image} (Apple wants a 1400–3000 px square JPEG or PNG)
 * @param category {@code itunes:category}, one of Apple's ({@link AppleCategories}), default {@code Technology}
 * @param subcategory a subcategory of it, or {@code null}
 * @param ownerName {@code itunes:owner}'s name, default the author
 * @param ownerEmail {@code itunes:owner}'s email: where Apple and other directories write to verify
 *     the show; {@code null} leaves the owner out (a warning)
 * @param explicit {@code itunes:explicit} of the show and of every episode that does not say, default false
 * @param strict whether {@code check} and a run refuse to start when the feed would lack a tag podcast
 *     directories require (cover art, a base URL, an owner's email) instead of warning
 * @param podcastGuid the channel's {@code podcast:guid}; {@code null}: the UUIDv5 of the feed's URL. Set
 *     it to the old value when the show moves to a new base URL, so that it keeps its identity
 */
@ConfigurationProperties("nightcast.feed")
public record FeedProperties(
        @Nullable String baseUrl,
        String title,
        String description,
        String author,
        String language,
        @Nullable String imageUrl,
        String category,
        @Nullable String subcategory,
        String ownerName,
        @Nullable String ownerEmail,
        boolean explicit,
        boolean strict,
        @Nullable String podcastGuid) {

    private static final String URL_CHARACTERS = "[^\\s\"<>\\\\^`{|}]+";

    /** A missing ({@code null}) or blank value is its default. */
    public FeedProperties(
            @Nullable String baseUrl,
            @Nullable String title,
            @Nullable String description,
            @Nullable String author,
            @Nullable String language,
            @Nullable String imageUrl,
            @Nullable String category,
            @Nullable String subcategory,
            @Nullable String ownerName,
            @Nullable String ownerEmail,
            boolean explicit,
            boolean strict,
            @Nullable String podcastGuid) {
        this.baseUrl = blankToNull(baseUrl);
        this.title = orDefault(title, "Nightcast");
        this.description = orDefault(description, "Episodes narrated by Nightcast.");
        this.author = orDefault(author, "Nightcast");
        this.language = orDefault(language, "en");
        this.imageUrl = blankToNull(imageUrl);
        this.category = orDefault(category, "Technology");
        this.subcategory = blankToNull(subcategory);
        this.ownerName = orDefault(ownerName, this.author);
        this.ownerEmail = blankToNull(ownerEmail);
        this.explicit = explicit;
        this.strict = strict;
        this.podcastGuid = blankToNull(podcastGuid);
        if (this.baseUrl != null && !this.baseUrl.matches("(?i)(https?|file):.*")) {
            throw new IllegalArgumentException("nightcast.feed.base-url must be an http(s) URL, e.g. "
                    + "https://cdn.example.org/show; was '" + this.baseUrl + "'");
        }
    }

    /** Nothing configured: every default. */
    public static FeedProperties defaults() {
        return new FeedProperties(null, null, null, null, null, null, null, null, null, null, false, false, null);
    }

    /**
     * Settings that are wrong whatever else is set: a category Apple does not list, a language that is
     * no language tag, a malformed image URL, email or guid. Each names its setting and the form expected.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        AppleCategories.problem(category, subcategory).ifPresent(problems::add);
        try {
            Locale locale = new Locale.Builder().setLanguageTag(language).build();
            if (locale.getLanguage().isEmpty()) {
                problems.add("nightcast.feed.language '" + language + "' names no language; use a language tag such"
                        + " as en, en-US or de-CH");
            }
        } catch (IllformedLocaleException e) {
            problems.add("nightcast.feed.language '" + language + "' is not a language tag (RFC 5646); use e.g. en,"
                    + " en-US or de-CH");
        }
        if (imageUrl != null && !imageUrl.matches("(?i)https?://" + URL_CHARACTERS)) {
            problems.add("nightcast.feed.image-url must be an http(s) URL of a JPEG or PNG, e.g."
                    + " https://cdn.example.org/cover.jpg");
        }
        if (ownerEmail != null && !ownerEmail.matches("[^\\s@<>\"]+@[^\\s@<>\"]+\\.[^\\s@<>\"]+")) {
            problems.add("nightcast.feed.owner-email '" + ownerEmail + "' is not an email address");
        }
        if (podcastGuid != null
                && !podcastGuid.matches(
                        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            problems.add("nightcast.feed.podcast-guid must be a UUID such as 917393e3-1b1e-5cef-ace4-edaa54e1f810");
        }
        return problems;
    }

    /**
     * What the feed would lack that podcast directories require: no cover art, enclosures under
     * {@code file:} (no base URL), no owner's email. Warnings, or errors when {@link #strict}.
     */
    public List<String> lacks() {
        List<String> lacks = new ArrayList<>();
        if (baseUrl == null || baseUrl.regionMatches(true, 0, "file:", 0, 5)) {
            lacks.add("the feed's enclosures point at this machine's output folder (file: URLs): set"
                    + " nightcast.feed.base-url (NIGHTCAST_FEED_BASE_URL) to where the folder is served");
        }
        if (imageUrl == null) {
            lacks.add("the feed has no cover art (itunes:image), which Apple Podcasts requires: set"
                    + " nightcast.feed.image-url (NIGHTCAST_FEED_IMAGE_URL), a 1400-3000 px square JPEG or PNG");
        }
        if (ownerEmail == null) {
            lacks.add("the feed names no owner (itunes:owner), which directories write to to verify the show: set"
                    + " nightcast.feed.owner-email (NIGHTCAST_FEED_OWNER_EMAIL)");
        }
        return lacks;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orDefault(@Nullable String value, String fallback) {
        String v = blankToNull(value);
        return v == null ? fallback : v;
    }
}
