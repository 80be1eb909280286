package dev.nightcast.job;

import dev.nightcast.support.NightcastProcess;

/** On the default H2 file, a second process cannot even open the database while the first runs. */
class StopAndExclusionH2Test extends StopAndExclusionTestBase {

    @Override
    TestDatabase database() {
        return defaultH2(dir);
    }

    @Override
    String refusal(NightcastProcess runningFirst) {
        return "Another Nightcast process is using the H2 database";
    }
}
