package dev.nightcast.job;

/**
 * The crash test on the default database, configured as {@code application.yml} has it: an H2 file
 * under {@code data/} in the process's working directory. Its file lock dies with the process too.
 */
class CrashRecoveryH2Test extends CrashRecoveryTestBase {

    @Override
    TestDatabase database() {
        return ProcessTestBase.defaultH2(dir);
    }
}
