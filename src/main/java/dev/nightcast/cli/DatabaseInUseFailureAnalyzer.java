package dev.nightcast.cli;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains why Nightcast did not start when its default H2 file database is open in another
 * process: the embedded database admits one process at a time, so a second run (or a {@code failed}
 * command during a run) stops before doing anything, with exit code 1. Registered in
 * {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseInUseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    private static final String H2_DATABASE_IN_USE = "90020";

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && H2_DATABASE_IN_USE.equals(sql.getSQLState())
                    && sql.getClass().getName().startsWith("org.h2.")) {
                return new FailureAnalysis("""
                        Another Nightcast process is using the H2 database (%s). Another run is probably in \
                        progress; this one did nothing.""".formatted(firstLine(sql.getMessage())), """
                        Let the other run finish, or stop it (SIGTERM) and run the same params again: the new run \
                        continues where it stopped. To run commands while a run is in progress, use PostgreSQL \
                        (SPRING_DATASOURCE_URL).""", cause);
            }
        }
        return null;
    }

    private static String firstLine(@Nullable String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
