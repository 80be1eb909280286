package dev.nightcast.job;

import org.junit.jupiter.api.BeforeEach;

import dev.nightcast.support.NightcastProcess;
import dev.nightcast.support.PostgresTestDatabase;
import dev.nightcast.support.RequiresPostgres;

/** On PostgreSQL, the second process starts, finds the run lock taken and names the process holding it. */
@RequiresPostgres
class StopAndExclusionPostgresTest extends StopAndExclusionTestBase {

    private String url;

    @BeforeEach
    void freshSchema() {
        url = PostgresTestDatabase.freshSchemaUrl();
    }

    @Override
    TestDatabase database() {
        return new TestDatabase(url, "", "");
    }

    @Override
    String refusal(NightcastProcess runningFirst) {
        return "Another Nightcast run is in progress on this database (held by \"nightcast narrate, pid "
                + runningFirst.pid() + "@";
    }
}
