#!/usr/bin/env bash
# FHIR ingest beside HHMS's own JSON ingest, in one run on one stack (fresh databases hhms_fhirbench_*): readings per
# second accepted through the gateway for transaction Bundles of 100 heart-rate Observations (POST /fhir) and for
# HHMS batches of 100 heart-rate readings (POST /patient/batch/{id}), alternating JSON, FHIR, JSON, FHIR, 15 s each,
# 4 connections, one device. The results are in docs/fhir.md ("Cost"). Stop a development stack first.
#
# Usage: scripts/bench/fhir-ingest.sh
# Needs: a JDK 25, wrk, jq, curl, python3; the services built (./mvnw -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
export HHMS_DB_PREFIX=hhms_fhirbench
source scripts/lib/common.sh
source scripts/bench/patient.sh
use_jdk25
# The benchmark measures ingest, not the per-device limit (one wrk token is one device).
export INGEST_RATE_LIMIT=1000000 INGEST_RATE_BURST=1000000 INGEST_REQUEST_RATE=1000000 INGEST_REQUEST_BURST=1000000
export ACCESS_LOG_LEVEL=WARN
use_local_secrets
trap 'scripts/stop-local.sh >/dev/null 2>&1 || true' EXIT
scripts/run-local.sh --fresh >/dev/null
bench_patient fhirbench
export PATIENT_ID TOKEN="$DEVICE_TOKEN" BATCH=100 HR_ONLY=1

echo "| round | request | readings/s accepted | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
for round in 1 2; do
  for kind in json fhir; do
    script=scripts/bench/post-batch.lua
    [ "$kind" = fhir ] && script=scripts/bench/post-fhir-bundle.lua
    out=$(wrk -t2 -c4 -d15s --latency -s "$script" http://localhost:8080)
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    label="POST /patient/batch (100 readings)"
    [ "$kind" = fhir ] && label="POST /fhir (Bundle of 100 Observations)"
    echo "| $round | $label | $(python3 -c "print(round($rps * $BATCH))") | $p50 | $p99 | ${errors:-0} |"
  done
done
stored=$(psql -d hhms_fhirbench_vitals -Atc "SELECT count(*) FROM readings")
echo "readings stored: $stored"
