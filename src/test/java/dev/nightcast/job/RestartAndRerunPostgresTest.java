package dev.nightcast.job;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.support.PostgresTestDatabase;

/** Restart, stop, only-failed and the advisory run lock on a real PostgreSQL. */
@SpringBootTest
class RestartAndRerunPostgresTest extends RestartAndRerunTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = PostgresTestDatabase.freshSchemaUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "");
        registry.add("spring.datasource.password", () -> "");
        gatewayProperties(registry);
    }

    @Override
    String tag() {
        return "pg";
    }
}
