package dev.nightcast.cli;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Explains in one line why Nightcast did not start when its database cannot be reached (refused,
 * unknown host, wrong password, a file H2 cannot open): the URL, without its password, and the
 * driver's own reason. Exit code 1, like any failure a later run may not have. Registered in
 * {@code META-INF/spring.factories}; {@link DatabaseInUseFailureAnalyzer}, more precise, goes first.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    DatabaseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        if (findCause(rootFailure, CannotGetJdbcConnectionException.class) == null && !isConnectionFailure(cause)) {
            return null;
        }
        String url = environment.getProperty("spring.datasource.url");
        return new FailureAnalysis(
                "Cannot reach the database " + RedactedJdbcUrl.of(url) + ": " + reason(innermost(cause))
                        + rootCause(cause) + ".",
                "Nothing was done. Check spring.datasource.url "
                        + "(SPRING_DATASOURCE_URL), the user and password, and that the database is up; then run the same "
                        + "command again.",
                cause);
    }

    /** SQLSTATE class 08, connection exception, or 28, invalid authorization. */
    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("28"));
    }

    private static SQLException innermost(SQLException e) {
        SQLException innermost = e;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                innermost = sql;
            }
        }
        return innermost;
    }

    /** What lies under a generic driver message ("The connection attempt failed"), e.g. an unknown host. */
    private String rootCause(SQLException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof SQLException
                || root.getMessage() == null
                || reason(innermost(e)).contains(root.getMessage())) {
            return "";
        }
        return " (" + root.getClass().getSimpleName() + ": "
                + redact(root.getMessage().lines().findFirst().orElse("")) + ")";
    }

    /** The driver's message, first line only, without a password it might quote. */
    private String reason(SQLException e) {
        String message = redact(
                e.getMessage() == null
                        ? e.getClass().getSimpleName()
                        : e.getMessage().lines().findFirst().orElse("").strip());
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private String redact(String text) {
        String message = text;
        String password = environment.getProperty("spring.datasource.password");
        if (password != null && !password.isEmpty()) {
            message = message.replace(password, "***");
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url != null) {
            message = message.replace(url, RedactedJdbcUrl.of(url));
        }
        return message;
    }
}
