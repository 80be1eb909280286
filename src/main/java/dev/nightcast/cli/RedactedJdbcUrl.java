package dev.nightcast.cli;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A JDBC URL fit for a message: the password of {@code user:password@host} and every parameter
 * whose name says password, secret or token ({@code ?password=}, {@code &sslpassword=},
 * H2's {@code ;PASSWORD=}) are removed; the rest is kept, so the operator recognises the URL.
 */
final class RedactedJdbcUrl {

    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("//([^/@:?;]*):[^/@?;]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;])[\\w.-]*(?:password|passwd|pwd|secret|token)[\\w.-]*=[^&;]*", Pattern.CASE_INSENSITIVE);

    private RedactedJdbcUrl() {}

    static @Nullable String of(@Nullable String url) {
        if (url == null) {
            return null;
        }
        String redacted = USER_INFO_PASSWORD.matcher(url).replaceFirst("//$1@");
        String previous;
        do {
            // One at a time: two secrets in a row share the separator between them.
            previous = redacted;
            redacted = SECRET_PARAMETER.matcher(redacted).replaceFirst("$1");
        } while (!redacted.equals(previous));
        return redacted.replaceAll("\\?&", "?")
                .replaceAll("&&+", "&")
                .replaceAll(";;+", ";")
                .replaceAll("[?&;]$", "");
    }
}
