#!/usr/bin/env bash
# Independent fake Azure deployments for trying several deployments by hand (see README, "Several
# deployments"): each a Realtime simulator on a port of its own with a session quota, 429 beyond.
# Prints the NIGHTCAST_GATEWAY_DEPLOYMENTS_<i>_* variables to export, then takes commands on
# standard input: 'down I' (outage: resets, 503), 'refuse I' (401), 'up I', 'stats'.
#
#   bench/fake-deployments.sh [--deployments=2] [--max-sessions=4] [--rtf=20] [--first-audio-ms=150]
#
# Uses target/test-classes; run bench/run.sh once (or SKIP_BUILD=0) to build them.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-1}" != "1" || ! -f target/bench-classpath.txt ]]; then
  ./mvnw -q -B -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.nightcast.bench.FakeDeployments "$@"
