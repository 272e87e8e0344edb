#!/usr/bin/env bash
# Compares commits in one run, one after another on fresh databases (hhms_ab_*), each built in a worktree under /tmp
# and started with its own run-local.sh (so with its own JVM settings); stop a development stack first. Per commit:
#   - start-up: the slowest service's "Started ... in N seconds" (as its run-local.sh starts them)
#   - single readings through the gateway: wrk, 16 connections, 15 s after 10 s of warm-up (readings/s, p50, p99)
#   - batches of 500 through the gateway for 10 s (2 connections), then how fast analytics judges that backlog of one
#     patient (readings per second between 10 % and 90 % of it) and when it has judged all of it (lag 0), counted
#     from the end of the load
#   - analytics on a backlog of 150,000 readings of 50 patients put straight on hhms:vitals
#     (scripts/bench/analytics-backlog.py, this checkout's copy): all normal, and every 37th abnormal
#   - peak resident memory (VmHWM) of each JVM after all of that, and their sum
# Prints one Markdown table row per commit, and writes them to .run/compare/<first>..<last>.md.
#
# Usage: scripts/bench/compare-commits.sh <commit> <commit> ...   (for example HEAD~1 HEAD; about 5 minutes each)
# Needs: a JDK 25, wrk, jq, curl, psql, redis-cli, python3; the Maven cache filled (builds run offline).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export HHMS_DB_PREFIX=hhms_ab
source scripts/lib/common.sh
source scripts/bench/patient.sh
use_jdk25
export INGEST_RATE_LIMIT=1000000 INGEST_RATE_BURST=1000000 INGEST_REQUEST_RATE=1000000 INGEST_REQUEST_BURST=1000000
export ACCESS_LOG_LEVEL=WARN
use_local_secrets
mkdir -p .run/compare
REPORT=".run/compare/$1..${!#}.md"
{
  echo "| commit | start-up (slowest) | single readings, 16 conn. | batches of 500 | analytics after the batches (1 patient) | analytics, 50 patients normal | analytics, 50 patients, 1 in 37 abnormal | peak RSS, sum (per JVM) |"
  echo "|---|---|---|---|---|---|---|---|"
} | tee "$REPORT"

judged() { psql -d hhms_ab_analytics -Atc "SELECT count(*) FROM judged_readings"; }

for commit in "$@"; do
  wt=/tmp/ab-$commit
  rm -rf "$wt"; git worktree prune; git worktree add -f "$wt" "$commit" >/dev/null 2>&1
  ( cd "$wt" && ./mvnw -B -q -o -DskipTests package >/dev/null 2>&1 )
  mkdir -p "$wt/.run" && cp "$ROOT/.run/jwt-secret" "$ROOT/.run/admin-password" "$wt/.run/"
  ( cd "$wt" && touch .run/build.stamp && scripts/run-local.sh --fresh >"$wt.start.log" 2>&1 )
  startup=0
  for entry in "${HHMS_SERVICES[@]}"; do
    read -r name _ _ <<<"$entry"
    s=$(grep -oE 'Started [A-Za-z]+ in [0-9.]+ seconds' "$wt/.run/logs/$name.log" | tail -1 | awk '{print $4}')
    startup=$(python3 -c "print(max($startup, ${s:-0}))")
  done
  bench_patient ab
  # Warm-up (the JIT, the pools), not measured.
  PATIENT_ID=$PATIENT_ID TOKEN=$DEVICE_TOKEN wrk -t2 -c16 -d10s -s scripts/bench/post-reading.lua \
    http://localhost:8080 >/dev/null
  sleep 2
  PATIENT_ID=$PATIENT_ID TOKEN=$DEVICE_TOKEN wrk -t2 -c16 -d15s --latency -s scripts/bench/post-reading.lua \
    http://localhost:8080 >"$wt.single.txt"
  single="$(awk '/Requests\/sec/ {printf "%d/s", $2}' "$wt.single.txt"), p50 $(awk '$1=="50%" {print $2}' "$wt.single.txt"), p99 $(awk '$1=="99%" {print $2}' "$wt.single.txt")"
  sleep 3
  before=$(judged)
  PATIENT_ID=$PATIENT_ID TOKEN=$DEVICE_TOKEN BATCH=500 wrk -t2 -c2 -d10s -s scripts/bench/post-batch.lua \
    http://localhost:8080 >"$wt.batch.txt"
  batch="$(awk '/Requests\/sec/ {printf "%d", $2 * 500}' "$wt.batch.txt") readings/s"
  stop=$(date +%s.%N)
  stored=$(( $(psql -d hhms_ab_vitals -Atc "SELECT count(*) FROM readings") - before ))
  left=$(( stored - ($(judged) - before) )); t10=""; n=0
  while true; do
    j=$(( $(judged) - before )); now=$(date +%s.%N)
    [ -z "$t10" ] && [ "$j" -ge $((stored / 10)) ] && { t10=$now; j10=$j; }
    [ "$j" -ge "$stored" ] && { t100=$now; break; }
    [ -z "${t90:-}" ] && [ "$j" -ge $((stored * 9 / 10)) ] && { t90=$now; j90=$j; }
    n=$((n+1)); [ $n -gt 3000 ] && { t100=$now; break; }
    sleep 0.1
  done
  drained=$(python3 -c "print(round($t100 - $stop, 1))")
  if [ -n "${t90:-}" ] && [ "$left" -gt $((stored / 5)) ]; then
    one="$(python3 -c "print(round(($j90-$j10)/max($t90-$t10, 0.001)))")/s, lag 0 after $drained s"
  else
    one="kept pace: $left left when the load stopped, lag 0 after $drained s"
  fi
  unset t90
  sleep 2
  normal=$(python3 "$ROOT/scripts/bench/analytics-backlog.py" 150000 0 | grep -oE '[0-9]+ readings/s')
  mixed=$(python3 "$ROOT/scripts/bench/analytics-backlog.py" 150000 37 | grep -oE '[0-9]+ readings/s')
  total=0; each=""
  for entry in "${HHMS_SERVICES[@]}"; do
    read -r name _ _ <<<"$entry"
    hwm=$(( $(awk '/VmHWM/ {print $2}' "/proc/$(cat "$wt/.run/pids/$name.pid")/status") / 1024 ))
    total=$((total + hwm)); each="$each${each:+, }${name%-service} $hwm"
  done
  echo "| $(git rev-parse --short "$commit") | ${startup} s | $single | $batch | $one | $normal | $mixed | $total MiB ($each) |" | tee -a "$REPORT"
  ( cd "$wt" && scripts/stop-local.sh >/dev/null )
  git worktree remove --force "$wt"
done
