package dev.nightcast.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests: a Testcontainers container when a Docker engine is available,
 * otherwise the server named by {@code NIGHTCAST_TEST_POSTGRES_URL} (a JDBC URL, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). Each caller gets a schema of its own,
 * so test classes never see each other's rows.
 *
 * <p>With neither, the test is aborted with a message on a developer machine and <em>fails</em> in
 * CI ({@code CI=true}): a database test must never pass without a database.
 */
public final class PostgresTestDatabase {

    public static final String URL_VARIABLE = "NIGHTCAST_TEST_POSTGRES_URL";

    private static PostgreSQLContainer container;

    private PostgresTestDatabase() {}

    /**
     * Points a Spring test context at a new, empty schema (credentials travel in the URL, so the
     * default H2 user and password are cleared).
     */
    public static void registerFreshSchema(org.springframework.test.context.DynamicPropertyRegistry registry) {
        String url = freshSchemaUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "");
        registry.add("spring.datasource.password", () -> "");
    }

    /** A JDBC URL whose default schema is new and empty. */
    public static synchronized String freshSchemaUrl() {
        String baseUrl = baseUrl();
        String schema = "nc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(baseUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot reach the test PostgreSQL at " + redact(baseUrl) + ": " + e.getMessage(), e);
        }
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String baseUrl() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            if (container == null) {
                container = new PostgreSQLContainer("postgres:16-alpine");
                container.start();
            }
            return container.getJdbcUrl() + "?user=" + container.getUsername() + "&password=" + container.getPassword();
        }
        String message = "No PostgreSQL for the tests: no Docker engine and " + URL_VARIABLE + " is not set";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        return null;
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
