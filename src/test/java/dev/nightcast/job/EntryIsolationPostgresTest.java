package dev.nightcast.job;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.support.PostgresTestDatabase;
import dev.nightcast.support.RequiresPostgres;

/** One entry never stops the run, on a real PostgreSQL (whose text cannot hold NUL characters). */
@RequiresPostgres
@SpringBootTest
class EntryIsolationPostgresTest extends EntryIsolationTestBase {

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
