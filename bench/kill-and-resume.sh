#!/usr/bin/env bash
# Kills a narrating JVM (kill -9) in the middle of a two-host episode, then runs the same params in a
# new process and shows that it narrates only the segments the first process had not finished.
#
#   bench/kill-and-resume.sh                # 40 turns, killed once 5 segments are kept (60x real time)
#   TURNS=80 KILL_AT=20 bench/kill-and-resume.sh
set -euo pipefail
cd "$(dirname "$0")/.."

TURNS=${TURNS:-40}
KILL_AT=${KILL_AT:-5}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nightcast-resume.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [[ ! -f target/nightcast.jar ]] || [[ -n "$(find src pom.xml -newer target/nightcast.jar -print -quit)" ]]; then
  ./mvnw -q -B -DskipTests package
fi
awk -v turns="$TURNS" 'BEGIN { print "---"; print "speakers: {HOST: alloy, GUEST: verse}"; print "---"
  for (t = 0; t < turns; t++) { printf "%s", (t % 2 == 0 ? "HOST: " : "GUEST: ")
    for (s = 0; s < 12; s++) printf "The lamp of turn %d kept watch over sentence %d until the morning came. ", t, s
    print ""; print "" } }' > "$WORK/resume.md"
printf 'input=%s\noutput=%s\ngateway=simulator\nconcurrency=1\n' "$WORK/resume.md" "$WORK/output" > "$WORK/run.properties"
run() {
  exec java -Xmx256m -jar target/nightcast.jar --params="$WORK/run.properties" \
    --spring.datasource.url="jdbc:h2:file:$WORK/db/nightcast" --nightcast.gateway.simulator.realtime-factor="$1"
}

kept() { find "$WORK/output" -name '*.json' -path '*.segments/*' 2>/dev/null | wc -l; }

echo "== first process, killed with SIGKILL once $KILL_AT segments are kept"
run 60 > "$WORK/first.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  (( $(kept) >= KILL_AT )) && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
kill -9 "$pid" 2>/dev/null || { echo "the first process ended before it was killed; raise TURNS"; exit 1; }
wait "$pid" 2>/dev/null || true
kept=$(kept)
echo "   segments kept on disk: $kept of $TURNS"

echo "== second process, same params"
(run 0) > "$WORK/second.log" 2>&1 || { tail -30 "$WORK/second.log"; exit 1; }
grep -E "left STARTED|kept from an earlier run" "$WORK/second.log" | sed -E 's/^.* - //' || true
narrated=$(grep -c "outcome=ok" "$WORK/second.log" || true)
echo "   responses in the second process: $narrated (expected $((TURNS - kept)))"
ls "$WORK/output"
(( narrated == TURNS - kept )) || { echo "FAILED: the second process narrated kept segments again"; exit 1; }
