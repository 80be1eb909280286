#!/usr/bin/env bash
# Cluster benchmark: the same run (EPISODES x WORDS, concurrency 12) on 1 and on 3 worker hosts against
# one pool of 3 fake deployments, each with a session quota of 4 (429 beyond): every worker host is
# given the whole pool (nightcast.gateway.deployments[0..2]), as production hosts would be, and a
# manager runs on the same PostgreSQL and RabbitMQ. Prints the manager's wall time per run and what
# each deployment narrated in it.
#
#   bench/cluster.sh                     EPISODES=24 WORDS=300 RTF=20
#   EPISODES=36 bench/cluster.sh
#   SKIP_BUILD=1 bench/cluster.sh        reuse target/nightcast.jar and the test classes
#
# Needs PostgreSQL (PG_URL, default jdbc:postgresql://127.0.0.1:5432/test?user=postgres; a fresh schema
# per run) and RabbitMQ at 127.0.0.1:5672 (guest/guest). HOSTS="1 3" chooses the runs; SLOTS is the
# narrations each worker host takes at once (default 4, so 3 hosts fill the 3 deployments' 12 sessions).
set -euo pipefail
cd "$(dirname "$0")/.."
EPISODES=${EPISODES:-24}
WORDS=${WORDS:-300}
RTF=${RTF:-20}
HOSTS=${HOSTS:-1 3}
CONCURRENCY=${CONCURRENCY:-12}
SLOTS=${SLOTS:-4}
QUOTA=${QUOTA:-4}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -q -B -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
work=$(mktemp -d /tmp/nightcast-cluster-bench.XXXXXX)
# A rebuild during the run must not change what runs: the jar and the classes are copied.
cp target/nightcast.jar "$work/nightcast.jar"
cp -r target/classes "$work/classes" && cp -r target/test-classes "$work/test-classes"
echo "cluster benchmark in $work"

python3 - "$work" "$EPISODES" "$WORDS" <<'PY'
import random, sys
work, n, words = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(13)
vocab = "the night river carried quiet lanterns past sleeping towns while an old ferryman counted stars".split()
with open(f"{work}/episodes.csv", "w") as f:
    f.write("episode_id,script\n")
    for i in range(1, n + 1):
        f.write(f'ep-{i:03d},"' + " ".join(random.choice(vocab) for _ in range(words)) + '."\n')
PY

coproc DEPLOYMENTS { exec java -cp "$work/test-classes:$work/classes:$(cat target/bench-classpath.txt)" \
  dev.nightcast.bench.ClusterDeployments 3 "$QUOTA" "$RTF"; }
urls=()
while read -r line <&"${DEPLOYMENTS[0]}"; do
  [[ $line == ready ]] && break
  [[ $line == "deployment "* ]] && urls+=("${line##* }")
done
# Every host (workers and manager) gets the whole pool, as the same environment would give it.
pool=()
for i in "${!urls[@]}"; do
  pool+=(--nightcast.gateway.deployments["$i"].endpoint="${urls[$i]}" --nightcast.gateway.deployments["$i"].api-key=sk-bench)
done
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

run() {
  local hosts=$1 schema="bench_$1_$$" queue="nightcast.bench.$1.$$"
  psql "${PG_URL#jdbc:}" -qc "CREATE SCHEMA $schema" >/dev/null 2>&1 \
    || psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
  local out="$work/out-$hosts"; mkdir -p "$out"
  printf 'input=%s\noutput=%s\ngateway=azure\nconcurrency=%s\n' "$work/episodes.csv" "$out" "$CONCURRENCY" \
    > "$work/run-$hosts.properties"
  local common=(--spring.datasource.url="$PG_URL&currentSchema=$schema" --spring.datasource.username=
    --spring.datasource.password= --nightcast.cluster.queue="$queue" --nightcast.cluster.poll=1s "${pool[@]}")
  local workers=()
  for i in $(seq 1 "$hosts"); do
    java -Xmx384m -jar "$work/nightcast.jar" worker "${common[@]}" --nightcast.cluster.slots="$SLOTS" \
      > "$work/worker-$hosts-$i.log" 2>&1 &
    workers+=($!); pids+=($!)
  done
  for i in $(seq 1 "$hosts"); do
    until grep -q 'takes up to' "$work/worker-$hosts-$i.log"; do sleep 1; done
  done
  local start end
  start=$(date +%s.%N)
  local code=0
  java -Xmx384m -jar "$work/nightcast.jar" narrate --params="$work/run-$hosts.properties" \
    --nightcast.cluster.enabled=true "${common[@]}" > "$work/manager-$hosts.log" 2>&1 || code=$?
  end=$(date +%s.%N)
  for w in "${workers[@]}"; do kill -TERM "$w"; done
  for w in "${workers[@]}"; do wait "$w" || true; done
  local wall job narrated audio
  wall=$(echo "$end - $start" | bc)
  job=$(grep -a 'wall time' "$work/manager-$hosts.log" | sed 's/.*wall time \([0-9:]*\).*/\1/' || true)
  narrated=$(grep -a '^  narrated' "$work/manager-$hosts.log" | awk '{print $2}' || true)
  audio=$(grep -a '^  narrated' "$work/manager-$hosts.log" | sed 's/.*(\([0-9:]*\) min.*/\1/' || true)
  printf '%d worker host(s): %s narrated (%s min of audio) in %.1f s (job wall time %s), exit %s\n' \
    "$hosts" "$narrated" "$audio" "$wall" "$job" "$code"
  echo report >&"${DEPLOYMENTS[1]}"
  while read -r line <&"${DEPLOYMENTS[0]}"; do
    [[ $line == reported ]] && break
    echo "  $line"
  done
}

for hosts in $HOSTS; do run "$hosts"; done
