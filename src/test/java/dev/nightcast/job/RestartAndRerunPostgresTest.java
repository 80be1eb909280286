package dev.nightcast.job;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.support.PostgresTestDatabase;
import dev.nightcast.support.RequiresPostgres;

/** Restart, stop, only-failed and the advisory run lock on a real PostgreSQL. */
@RequiresPostgres
@SpringBootTest
class RestartAndRerunPostgresTest extends RestartAndRerunTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.registerFreshSchema(registry);
        gatewayProperties(registry);
    }

    @Override
    String tag() {
        return "pg";
    }
}
