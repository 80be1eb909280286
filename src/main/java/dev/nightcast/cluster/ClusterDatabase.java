package dev.nightcast.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * Cluster mode needs a database every host reaches and that can claim rows without waiting
 * ({@code FOR UPDATE SKIP LOCKED}): PostgreSQL. The default H2 file belongs to one process.
 */
@Component
public class ClusterDatabase {

    private final DataSource dataSource;

    ClusterDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Why this database cannot hold a cluster's job repository, if it cannot. */
    public Optional<String> problem() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if ("PostgreSQL".equals(product)) {
                return Optional.empty();
            }
            return Optional.of("Cluster mode (nightcast.cluster.enabled=true, or the worker command) needs the job "
                    + "repository in PostgreSQL, shared by the manager and every worker host; this database is "
                    + product + ". Set spring.datasource.url=jdbc:postgresql://…");
        } catch (SQLException e) {
            return Optional.of("Cannot reach the database to check it for cluster mode: " + e.getMessage());
        }
    }
}
