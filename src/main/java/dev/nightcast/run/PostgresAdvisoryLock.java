package dev.nightcast.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run lock on PostgreSQL: a session-level advisory lock, released by the server when the
 * session ends for whatever reason. The key's high half says "Nightcast narrate", its low half is
 * the current schema's hash. The holding session carries its process in {@code application_name},
 * so a refused run can name the run in its way.
 */
final class PostgresAdvisoryLock implements RunLock.Held {

    private static final Logger log = LoggerFactory.getLogger(PostgresAdvisoryLock.class);
    private static final long NIGHTCAST_NARRATE = 0x4E43_0001L;

    private final Connection connection;
    private final long key;

    private PostgresAdvisoryLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    static RunLock.Held acquire(Connection connection, String holder) throws SQLException {
        long key = key(query(connection, "SELECT current_schema()"));
        if (!tryLock(connection, key)) {
            throw new RunLock.RunLockedException(holder(connection, key));
        }
        PostgresAdvisoryLock lock = new PostgresAdvisoryLock(connection, key);
        try {
            query(connection, "SELECT set_config('application_name', ?, false)", holder);
        } catch (SQLException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /** Unlocks before the connection goes back to the pool, which would otherwise keep the lock alive. */
    @Override
    public void close() {
        try (connection) {
            query(connection, "SELECT pg_advisory_unlock(?)", key);
            query(connection, "SELECT set_config('application_name', '', false)");
        } catch (SQLException e) {
            // A broken session has lost the lock with it.
            log.warn("Releasing the run lock: {}", e.getMessage());
        }
    }

    private static long key(@Nullable String schema) {
        return NIGHTCAST_NARRATE << 32 | (String.valueOf(schema).hashCode() & 0xFFFF_FFFFL);
    }

    /** Who holds the lock, as far as this database user may see; null when unknown. */
    private static @Nullable String holder(Connection connection, long key) {
        try {
            return query(connection, """
                    SELECT 'held by "' || COALESCE(NULLIF(a.application_name, ''), 'another session') || '"'
                      || COALESCE(' from ' || host(a.client_addr), '')
                      || COALESCE(' since ' || to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ'), '')
                    FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                      AND l.classid::bigint = ? AND l.objid::bigint = ?
                      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""", key >>> 32, key & 0xFFFF_FFFFL);
        } catch (SQLException e) {
            return null;
        }
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static @Nullable String query(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }
}
