#!/usr/bin/env bash
# Narrates one two-hour, two-host episode (about 18,000 words) with a 256 MB heap against the
# built-in simulator, and reports peak heap and resident memory. Rerunnable; leaves nothing behind
# unless KEEP=1.
#
#   bench/long-episode-memory.sh                  # defaults: 18000 words, -Xmx256m, unpaced simulator
#   WORDS=30000 XMX=192m RTF=100 bench/long-episode-memory.sh
#
# RTF is the simulator's real-time factor (0 = as fast as it can stream). The run fails (non-zero
# exit) when the job fails, the JVM runs out of memory, or the WAV is not the expected length.
set -euo pipefail
cd "$(dirname "$0")/.."

WORDS=${WORDS:-18000}
XMX=${XMX:-256m}
RTF=${RTF:-0}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nightcast-bench.XXXXXX")
cleanup() { if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi; }
trap cleanup EXIT

if [[ ! -f target/nightcast.jar ]] || [[ -n "$(find src pom.xml -newer target/nightcast.jar -print -quit)" ]]; then
  echo "== building target/nightcast.jar"
  ./mvnw -q -B -DskipTests package
fi

echo "== writing a $WORDS-word two-host script"
awk -v words="$WORDS" 'BEGIN {
  print "---"; print "id: bench-two-hours"; print "title: Two Hours of Night"; print "voice: cedar"
  print "speakers:"; print "  HOST: alloy"; print "  GUEST: verse"; print "---"; print ""
  print "# Two Hours of Night"; print ""
  n = 3; turn = 0
  split("keeper lamp harbour tide lantern owl baker river bus station", things, " ")
  while (n < words) {
    if (turn % 24 == 0 && turn > 0) { print "## Part " (turn / 24 + 1); print ""; n += 2 }
    printf "%s", (turn % 2 == 0 ? "**HOST:** " : "**GUEST:** ")   # labels are not read
    for (p = 0; p < 2 && n < words; p++) {
      for (s = 0; s < 6 && n < words; s++) {
        printf "The %s of turn %d kept watch over sentence %d until the morning came. ", things[(turn + s) % 10 + 1], turn, s
        n += 14
      }
      print ""; print ""
    }
    turn++
  }
}' > "$WORK/bench-two-hours.md"
echo "   $(wc -w < "$WORK/bench-two-hours.md") words in $WORK/bench-two-hours.md"

cat > "$WORK/bench.properties" <<PROPS
input=$WORK/bench-two-hours.md
output=$WORK/output
gateway=simulator
concurrency=1
max-attempts=4
PROPS

echo "== narrating with -Xmx$XMX (simulator real-time factor $RTF)"
start=$(date +%s)
java "-Xmx$XMX" -XX:+ExitOnOutOfMemoryError "-Xlog:gc:file=$WORK/gc.log" -jar target/nightcast.jar \
  --params="$WORK/bench.properties" \
  --spring.datasource.url="jdbc:h2:file:$WORK/db/nightcast" \
  --nightcast.gateway.simulator.realtime-factor="$RTF" \
  --nightcast.gateway.simulator.first-audio-latency=0ms \
  --logging.level.dev.nightcast=WARN > "$WORK/run.log" 2>&1 &
pid=$!
peak_rss_kb=0
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  [[ -n "$rss" && "$rss" -gt "$peak_rss_kb" ]] && peak_rss_kb=$rss
  sleep 0.5
done
set +e; wait "$pid"; status=$?; set -e
elapsed=$(( $(date +%s) - start ))
cat "$WORK/run.log"

# "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 150M->20M(256M) 3.2ms": heap used before and after.
peak_heap_mb=$(sed -nE 's/.* ([0-9]+)M->([0-9]+)M\(([0-9]+)M\).*/\1/p' "$WORK/gc.log" | sort -n | tail -1)
peak_live_mb=$(sed -nE 's/.* ([0-9]+)M->([0-9]+)M\(([0-9]+)M\).*/\2/p' "$WORK/gc.log" | sort -n | tail -1)
gcs=$(grep -c 'Pause' "$WORK/gc.log" || true)
wav="$WORK/output/bench-two-hours.wav"
wav_bytes=$( [[ -f "$wav" ]] && stat -c %s "$wav" || echo 0 )
audio_s=$(( (wav_bytes - 44) / 48000 ))

echo
echo "== result"
echo "exit code            $status"
echo "wall time            ${elapsed}s"
echo "audio                $((audio_s / 3600))h $((audio_s / 60 % 60))m $((audio_s % 60))s ($wav_bytes bytes)"
echo "max heap             -Xmx$XMX"
echo "peak heap used       ${peak_heap_mb:-?} MB (before a GC, over $gcs collections)"
echo "peak heap after GC   ${peak_live_mb:-?} MB (live data)"
echo "peak RSS             $((peak_rss_kb / 1024)) MB"
ls "$WORK/output" | sed 's/^/output: /'

[[ "$status" == 0 ]] || { echo "FAILED: the run exited with $status"; exit 1; }
(( audio_s >= WORDS * 60 / 150 * 9 / 10 )) || { echo "FAILED: expected about $((WORDS * 60 / 150)) s of audio"; exit 1; }
