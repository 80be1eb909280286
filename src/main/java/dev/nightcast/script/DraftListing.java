package dev.nightcast.script;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The feed values of a script as written, before they are checked ({@link #validated}).
 *
 * @param description {@code description}, or {@code null}/blank
 * @param date {@code date:} (front matter) or {@code published} (CSV), or {@code null}/blank
 * @param explicit {@code explicit}, or {@code null}/blank
 * @param image {@code image}, or {@code null}/blank
 */
record DraftListing(
        @Nullable String description,
        @Nullable String date,
        @Nullable String explicit,
        @Nullable String image) {

    static final DraftListing NONE = new DraftListing(null, null, null, null);

    /** The longest description kept: Apple shows at most 4,000 characters. */
    static final int DESCRIPTION_LENGTH = 4000;
    /** The longest image URL accepted. */
    static final int IMAGE_URL_LENGTH = 2000;

    /** The first non-blank of each value: a CSV cell first, then the script file's front matter. */
    DraftListing or(DraftListing fallback) {
        return new DraftListing(
                first(description, fallback.description),
                first(date, fallback.date),
                first(explicit, fallback.explicit),
                first(image, fallback.image));
    }

    /** What the script gives, each bad value reported in {@code problems} (naming its key and the form expected). */
    EpisodeListing validated(List<String> problems) {
        String written = description;
        String text = written == null || written.isBlank() ? null : written.strip();
        if (text != null && text.length() > DESCRIPTION_LENGTH) {
            problems.add("the description is " + text.length() + " characters long; at most " + DESCRIPTION_LENGTH
                    + " are allowed (podcast apps show no more)");
        }
        return new EpisodeListing(text, published(problems), explicit(problems), image(problems));
    }

    private @Nullable Instant published(List<String> problems) {
        String given = date;
        if (given == null || given.isBlank()) {
            return null;
        }
        String written = given.strip();
        try {
            if (written.length() == 10) {
                return LocalDate.parse(written).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            String iso = written.replace(' ', 'T');
            try {
                return OffsetDateTime.parse(iso).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            problems.add("date '" + shortened(written) + "' must be a date such as 2026-03-01, or a date and time"
                    + " such as 2026-03-01T06:00:00Z (without an offset: UTC)");
            return null;
        }
    }

    private @Nullable Boolean explicit(List<String> problems) {
        String given = explicit;
        if (given == null || given.isBlank()) {
            return null;
        }
        return switch (given.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "explicit" -> Boolean.TRUE;
            case "false", "no", "clean" -> Boolean.FALSE;
            default -> {
                problems.add("explicit '" + shortened(given.strip()) + "' must be true or false");
                yield null;
            }
        };
    }

    private @Nullable String image(List<String> problems) {
        String given = image;
        if (given == null || given.isBlank()) {
            return null;
        }
        String url = given.strip();
        if (url.length() > IMAGE_URL_LENGTH || !url.matches("(?i)https?://[^\\s\"<>\\\\^`{|}]+")) {
            problems.add("image '" + shortened(url) + "' must be an http(s) URL of a JPEG or PNG, e.g."
                    + " https://cdn.example.org/ep1.jpg");
            return null;
        }
        return url;
    }

    /** A value quoted in a message: never the whole of a huge cell. */
    private static String shortened(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }

    private static @Nullable String first(@Nullable String value, @Nullable String fallback) {
        return blank(value) ? fallback : value;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
