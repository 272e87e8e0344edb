#!/usr/bin/env bash
# Compares commits in one run, one after another on fresh databases (hhms_ab_*): how fast analytics judges a backlog
# (readings per second between 10 % and 90 % of ~30,000 readings posted in 10 s with wrk, batches of 500, one
# patient) and the mean time of 100 sequential registrations (user-service). Each commit is built in a worktree
# under /tmp and started with its own run-local.sh; stop a development stack first.
#
# Usage: scripts/bench/compare-commits.sh <commit> <commit> ...   (for example HEAD~1 HEAD)
# Needs: a JDK 25, wrk, jq, curl, psql, python3; the Maven cache filled (builds run offline).
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
for commit in "$@"; do
  wt=/tmp/ab-$commit
  rm -rf "$wt"; git worktree add -f "$wt" "$commit" >/dev/null 2>&1
  ( cd "$wt" && ./mvnw -B -q -o -DskipTests package >/dev/null 2>&1 )
  mkdir -p "$wt/.run" && cp "$ROOT/.run/jwt-secret" "$ROOT/.run/admin-password" "$wt/.run/"
  ( cd "$wt" && touch .run/build.stamp && scripts/run-local.sh --fresh >"$wt.start.log" 2>&1 )
  bench_patient ab
  # 100 sequential registrations (user-service)
  start=$(date +%s%N)
  for i in $(seq 1 100); do
    curl -s -o /dev/null -X POST localhost:8080/users/register -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d "{\"email\":\"ab.$i.$(date +%s%N)@hhms.bench\",\"name\":\"AB $i\",\"role\":\"caretaker\"}"
  done
  reg_ms=$(( ($(date +%s%N) - start) / 100000000 ))
  PATIENT_ID=$PATIENT_ID TOKEN=$DEVICE_TOKEN BATCH=500 wrk -t2 -c2 -d10s -s scripts/bench/post-batch.lua http://localhost:8080 >"$wt.wrk.txt"
  stored=$(psql -d hhms_ab_vitals -Atc "SELECT count(*) FROM readings")
  t10=""; t90=""; n=0
  while true; do
    judged=$(psql -d hhms_ab_analytics -Atc "SELECT count(*) FROM judged_readings")
    now=$(date +%s.%N)
    [ -z "$t10" ] && [ "$judged" -ge $((stored / 10)) ] && { t10=$now; j10=$judged; }
    [ -z "$t90" ] && [ "$judged" -ge $((stored * 9 / 10)) ] && { t90=$now; j90=$judged; break; }
    n=$((n+1)); [ $n -gt 900 ] && break
    sleep 0.5
  done
  rate=$(python3 -c "print(round(($j90-$j10)/($t90-$t10)))")
  echo "$commit: stored $stored readings; analytics judged $rate readings/s (10%..90% of the backlog); register mean $((reg_ms/10)).$((reg_ms%10)) ms; $(grep Requests/sec "$wt.wrk.txt")"
  ( cd "$wt" && scripts/stop-local.sh >/dev/null )
  git worktree remove --force "$wt"
done
