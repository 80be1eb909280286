package dev.nightcast.run;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nightcast.store.RowLock;

/**
 * At most one narrate run per database at a time. Two runs would race for the same episode rows
 * and output files, and one would "recover" the other's live execution as if it had crashed.
 *
 * <p>The lock lives in a database session held open on one connection for the whole run, so it
 * dies with the process: a {@code kill -9} closes the socket, the server ends the session, and the
 * next run proceeds at once; no timeout, no stale lock to clean by hand. On PostgreSQL it is a
 * session advisory lock (no transaction stays open, so vacuum is not held back), keyed by the
 * schema, so Nightcast installations in different schemas of one database do not exclude each
 * other. Elsewhere (H2 in server mode) it is a row lock, {@code SELECT … FOR UPDATE NOWAIT} on the
 * {@code run_lock} row, in a transaction left open. (The default H2 file database admits one
 * process at all; a second one stops at start-up, see {@link dev.nightcast.cli.DatabaseInUseFailureAnalyzer}.)
 */
@Component
public class RunLock {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    private final DataSource dataSource;

    public RunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A held lock; closing it releases it. */
    public interface Held extends AutoCloseable {

        @Override
        void close();
    }

    /**
     * Takes the lock without waiting.
     *
     * @throws RunLockedException when another run holds it
     */
    public Held acquire() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            String holder = "nightcast narrate, pid "
                    + ManagementFactory.getRuntimeMXBean().getName();
            Held held = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())
                    ? PostgresAdvisoryLock.acquire(connection, holder)
                    : RowLock.acquire(connection)
                            .<Held>map(row -> row::close)
                            .orElseThrow(() -> new RunLockedException(null));
            log.debug("Run lock taken ({})", holder);
            return held;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Another run holds the lock. */
    public static class RunLockedException extends RuntimeException {

        public RunLockedException(@Nullable String holder) {
            super("Another Nightcast run is in progress on this database" + (holder == null ? "" : " (" + holder + ")")
                    + "; this run did nothing. Let the other run finish, or stop it (SIGTERM) and run the same "
                    + "params again: the new run continues where it stopped.");
        }
    }
}
