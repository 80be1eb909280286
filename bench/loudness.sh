#!/usr/bin/env bash
# Loudness benchmark: the meter next to ffmpeg's ebur128 on generated signals, then the CPU of
# mastering a long two-voice episode (two passes over its kept segments: measure; level, limit,
# write and measure the output) against a plain join that only copies, per audio hour. Needs ffmpeg.
#
#   bench/loudness.sh              60 minutes, target -16 LUFS
#   bench/loudness.sh 120 -10      120 minutes, target -10 LUFS (the limiter works hard)
#
# Set SKIP_BUILD=1 to reuse the test classes from an earlier build.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -q -B -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
echo "== the meter against ffmpeg's ebur128"
java -cp "$CP" dev.nightcast.audio.MeterVersusFfmpeg
echo
echo "== mastering CPU per audio hour"
java -Xmx256m -cp "$CP" dev.nightcast.narration.MasteringBenchmark "${1:-60}" "${2:--16}"
