package dev.nightcast.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run lock where there are no advisory locks (H2): the {@code run_lock} row locked with
 * {@code SELECT … FOR UPDATE NOWAIT} in a transaction kept open for the whole run. The transaction
 * writes nothing; it ends, and the lock with it, when the run releases it or its session dies.
 */
public final class RowLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RowLock.class);
    /** H2's lock timeout and PostgreSQL's lock_not_available: someone else holds the row. */
    private static final Set<String> LOCKED_STATES = Set.of("HYT00", "55P03");

    private final Connection connection;

    private RowLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock, or empty when another session holds it. */
    public static Optional<RowLock> acquire(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT lock_name FROM run_lock WHERE lock_name = 'narrate' FOR UPDATE NOWAIT");
                ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("The run_lock table has lost its 'narrate' row; restore it with "
                        + "INSERT INTO run_lock (lock_name) VALUES ('narrate')");
            }
            return Optional.of(new RowLock(connection));
        } catch (SQLException e) {
            connection.rollback();
            if (LOCKED_STATES.contains(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try (connection) {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            log.warn("Releasing the run lock: {}", e.getMessage());
        }
    }
}
