#!/usr/bin/env bash
# The HHMS benchmark: starts the whole stack locally (run-local, on its own databases hhms_bench_*), measures
# ingest, reads, reading-to-alert latency, alarm quality and resource use, stops the stack, and regenerates
# docs/BENCHMARKS.md. About 18 minutes. Uses the local PostgreSQL and Redis (it deletes HHMS's hhms:* Redis keys:
# stop a development stack first; its databases are not touched).
#
# Usage: scripts/bench.sh            QUICK=1 scripts/bench.sh (shorter runs, for trying the script)
# Needs: a JDK 25, wrk, jq, curl, python3 (wrk, jq and curl are installed with apt-get when missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
export HHMS_DB_PREFIX=hhms_bench
source scripts/lib/common.sh
source scripts/lib/dependencies.sh
source scripts/bench/patient.sh
ensure_dependencies
use_local_secrets

OUT=.run/bench
QUICK="${QUICK:-0}"
rm -rf "$OUT" && mkdir -p "$OUT"
secs() { if [ "$QUICK" = 1 ]; then echo "$2"; else echo "$1"; fi; }

missing=()
for tool in wrk jq curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

echo "==== Fresh stack (databases ${HHMS_DATABASES[*]})"
scripts/stop-local.sh >/dev/null || true
for db in "${HHMS_DATABASES[@]}"; do dropdb --if-exists "$db"; done
redis-cli --scan --pattern 'hhms:*' | xargs -r redis-cli del >/dev/null
redis-cli --scan --pattern 'request_rate_limiter.*' | xargs -r redis-cli del >/dev/null
if [ ! -f device-simulator/target/device-simulator.jar ]; then
  ./mvnw -B -q -DskipTests package
fi
# The benchmark measures the pipeline, not the per-device limit (one wrk token is one device); silent devices are
# declared stale after 2 minutes so the accelerated cohort run can see them.
export INGEST_RATE_LIMIT=1000000 INGEST_RATE_BURST=1000000 INGEST_REQUEST_RATE=1000000 INGEST_REQUEST_BURST=1000000
export ACCESS_LOG_LEVEL="${ACCESS_LOG_LEVEL:-WARN}"
export ANALYTICS_STALE_AFTER=2m ANALYTICS_STALE_CHECK_INTERVAL=10s
trap 'scripts/stop-local.sh >/dev/null 2>&1 || true' EXIT
scripts/run-local.sh

# The load tool shares the two cores: C1 and the serial collector keep its own JIT and GC from competing with what
# it measures (with C2, its compiler threads alone moved the latest step's p99 from ≈ 45 to ≈ 600 ms at 400/s).
SIM=("$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar device-simulator/target/device-simulator.jar)
bench_patient bench
export PATIENT_ID TOKEN="$DEVICE_TOKEN"

# The analytics group's backlog on hhms:vitals: entries not yet delivered (lag) plus delivered and not yet acknowledged
# (pending); empty when the group does not exist yet.
backlog() {
  redis-cli XINFO GROUPS hhms:vitals | awk '$0 == "name" {getline; g = $0} g == "analytics" && ($0 == "lag" || $0 == "pending") {getline; n += $0} END {print n + 0}'
}

# Seconds from now until analytics has judged everything published (backlog 0), to a tenth; 300 if it never does.
seconds_to_drain() {
  local t0
  t0=$(date +%s.%N)
  for _ in $(seq 1 3000); do
    [ "$(backlog)" -eq 0 ] && break
    sleep 0.1
  done
  python3 -c "print(round($(date +%s.%N) - $t0, 1))"
}

# The resident memory of every JVM of the stack together (VmRSS, KiB), sampled each second into $1 until stopped.
sample_rss() {
  while true; do
    local total=0 entry name pid
    for entry in "${HHMS_SERVICES[@]}"; do
      read -r name _ _ <<<"$entry"
      pid=$(cat ".run/pids/$name.pid")
      total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status")))
    done
    echo "$total" >>"$1"
    sleep 1
  done
}

# Waits until analytics has judged every reading published so far (its consumer group's lag is under 50).
drain() {
  for _ in $(seq 1 300); do
    lag=$(redis-cli XINFO GROUPS hhms:vitals | awk 'prev == "lag" {print; exit} {prev = $0}')
    [ -n "$lag" ] && [ "$lag" -lt 50 ] && return 0
    sleep 1
  done
  echo "analytics did not catch up within 300 s (lag $lag)" >&2
}

echo "==== 1. Single-reading ingest through the gateway (wrk, closed loop, connection sweep)"
wrk -t2 -c16 -d"$(secs 10 3)"s -s scripts/bench/post-reading.lua http://localhost:8080 >/dev/null # warm-up
for c in 1 2 4 8 16 32 64; do
  wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"$(secs 10 3)"s --latency -s scripts/bench/post-reading.lua http://localhost:8080 \
    >"$OUT/single-c$c.txt"
  echo "  c=$c: $(grep -E 'Requests/sec' "$OUT/single-c$c.txt") p99 $(awk '$1 == "99%" {print $2}' "$OUT/single-c$c.txt")"
done
drain

echo "==== 3. GET /patient/{id}/latest at a fixed rate (simulator, open loop)"
for rate in 100 400; do
  "${SIM[@]}" latest --rate "$rate" --seconds "$(secs 20 5)" --json "$OUT/latest-$rate.json" | tail -2 | head -1
done

echo "==== 4. Reading -> alert on the SSE stream under 1,000 readings/s (simulator, batches of 10)"
drain
"${SIM[@]}" latency --rate 1000 --batch-size 10 --devices 100 --probes "$(secs 40 10)" --seconds "$(secs 40 10)" \
  --json "$OUT/latency.json" | tail -1

echo "==== 5. Alarm quality: 200 stable, 20 deteriorating, 10 silent, 20 artefact-prone patients"
drain
"${SIM[@]}" cohort --stable 200 --deteriorating 20 --silent 10 --artefacts 20 --hours "$(secs 4 1)" --speed 48 \
  --batch --tick-ms 1000 --settle 30 --tag "bench-$(date +%s)" --json "$OUT/cohort.json" | grep -v '^  t='

echo "==== 5, artefacts: 100 artefact-prone and 20 deteriorating patients (enough artefact-prone patient-days to count)"
drain
"${SIM[@]}" cohort --stable 0 --deteriorating 20 --silent 0 --artefacts 100 --hours "$(secs 4 1)" --speed 48 \
  --batch --tick-ms 1000 --seed 7 --settle 30 --tag "bench-a-$(date +%s)" --json "$OUT/cohort-artefacts.json" \
  | grep -v '^  t='

echo "==== 2. Batch ingest, 500 readings per request (wrk)"
drain
# The whole stack's memory is sampled while batches arrive (the heaviest load of the run); after each load, how long
# analytics takes to judge what it left behind.
sample_rss "$OUT/rss-under-load.txt" &
sampler=$!
for c in 1 2 4; do
  BATCH=500 wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"$(secs 10 3)"s --latency -s scripts/bench/post-batch.lua http://localhost:8080 \
    >"$OUT/batch-c$c.txt"
  echo "$c $(seconds_to_drain)" >>"$OUT/batch-drain.txt"
  echo "  c=$c: $(grep -E 'Requests/sec' "$OUT/batch-c$c.txt") x 500 readings; analytics judged the rest in $(tail -1 "$OUT/batch-drain.txt" | cut -d' ' -f2) s"
done
kill "$sampler"

echo "==== 6. Resource use"
for entry in "${HHMS_SERVICES[@]}"; do
  read -r name _ _ <<<"$entry"
  pid=$(cat ".run/pids/$name.pid")
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  started=$(grep -oE 'Started [A-Za-z]+ in [0-9.]+ seconds' ".run/logs/$name.log" | tail -1 | awk '{print $4}')
  echo "$name $hwm $started" | tee -a "$OUT/resources.txt"
done

{
  echo "cores $(nproc)"
  echo "memory_gib $(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)"
  echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "java $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "postgres $(psql -Atc 'SHOW server_version' -d postgres)"
  echo "redis $(redis-server --version | awk '{print $3}')"
  echo "wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}')"
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "date $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "quick $QUICK"
  echo "elapsed_min $((SECONDS / 60))"
  echo "jvm_options $(tr '\0' ' ' <"/proc/$(cat .run/pids/gateway.pid)/cmdline" | grep -oE ' -X[^ ]+' | grep -v AOTCache | tr -d '\n')"
  echo "analytics_jvm_options $(tr '\0' ' ' <"/proc/$(cat .run/pids/analytics-service.pid)/cmdline" | grep -oE ' -X[^ ]+' | grep -v AOTCache | tr -d '\n')"
} >"$OUT/machine.txt"

scripts/stop-local.sh >/dev/null
trap - EXIT
python3 scripts/bench/render.py "$OUT" docs/BENCHMARKS.md
echo "Wrote docs/BENCHMARKS.md"
