package dev.nightcast.podcast;

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
 * @param language RFC 5646 language code, default {@code en}
 * @param imageUrl cover art URL for {@code itunes:image} (Apple wants a 1400–3000 px square JPEG or PNG)
 * @param category {@code itunes:category}, default {@code Technology}
 */
@ConfigurationProperties("nightcast.feed")
public record FeedProperties(@Nullable String baseUrl, String title, String description, String author,
        String language, @Nullable String imageUrl, String category) {

    /** A missing ({@code null}) or blank value is its default. */
    public FeedProperties(@Nullable String baseUrl, @Nullable String title, @Nullable String description,
            @Nullable String author, @Nullable String language, @Nullable String imageUrl, @Nullable String category) {
        this.baseUrl = blankToNull(baseUrl);
        this.title = orDefault(title, "Nightcast");
        this.description = orDefault(description, "Episodes narrated by Nightcast.");
        this.author = orDefault(author, "Nightcast");
        this.language = orDefault(language, "en");
        this.imageUrl = blankToNull(imageUrl);
        this.category = orDefault(category, "Technology");
        if (this.baseUrl != null && !this.baseUrl.matches("(?i)(https?|file):.*")) {
            throw new IllegalArgumentException("nightcast.feed.base-url must be an http(s) URL, e.g. "
                    + "https://cdn.example.org/show; was '" + this.baseUrl + "'");
        }
    }

    /** Nothing configured: every default. */
    public static FeedProperties defaults() {
        return new FeedProperties(null, null, null, null, null, null, null);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orDefault(@Nullable String value, String fallback) {
        String v = blankToNull(value);
        return v == null ? fallback : v;
    }
}
