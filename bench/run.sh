#!/usr/bin/env bash
# Throughput benchmark: builds the jar, then runs dev.nightcast.bench.Benchmark (src/test/java),
# which starts the Realtime simulator here and the real job in a child JVM, and prints the numbers.
#
#   bench/run.sh                 all targets (about 8 minutes)
#   bench/run.sh efficiency      100 episodes x 300 words, N=8, real-time factor 20, 150 ms to first audio
#   bench/run.sh long            8 concurrent 60-minute episodes, -Xmx256m: peak RSS and CPU per audio hour
#   bench/run.sh quota           session quota 4: concurrency 16 vs a well-tuned 4
#   bench/run.sh deployments     16 x 300 words, deployments of 4 sessions (429 beyond), concurrency 8,
#                                real-time factor 2: one vs two, and two with the first down for good
#                                mid-run (--outage-after=8 responses); about 15 minutes
#   bench/run.sh naive           Nightcast and a naive batch (one connection per episode, audio in
#                                memory, as the seed documents do it) side by side on the same work
#   bench/run.sh decode          the audio decode path alone, CPU per audio second
#   bench/run.sh mp3 [--hours=1] the MP3 renditions alone (resampling, LAME, tags), CPU per audio hour
#   bench/run.sh custom --episodes=20 --words=600 --concurrency=6 --rtf=10 --first-audio-ms=300 \
#                       --max-sessions=3 --jvm="-Xmx128m"
#
# Set SKIP_BUILD=1 to reuse target/nightcast.jar and the test classes from an earlier build.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -q -B -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.nightcast.bench.Benchmark "$@"
