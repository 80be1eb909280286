package dev.nightcast.job;

import org.junit.jupiter.api.BeforeEach;

import dev.nightcast.support.PostgresTestDatabase;
import dev.nightcast.support.RequiresPostgres;

/** The crash test on PostgreSQL: the run lock is an advisory lock that dies with the killed session. */
@RequiresPostgres
class CrashRecoveryPostgresTest extends CrashRecoveryTestBase {

    private String url;

    @BeforeEach
    void freshSchema() {
        url = PostgresTestDatabase.freshSchemaUrl();
    }

    @Override
    TestDatabase database() {
        return new TestDatabase(url, "", "");
    }
}
