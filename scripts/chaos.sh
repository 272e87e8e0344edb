#!/usr/bin/env bash
# Fault injection against the local stack under load (docs/RELIABILITY.md). Starts the stack with run-local.sh on its
# own databases (hhms_chaos_*), plays the simulator's chaos load (60 devices posting single readings and batches,
# 20 abnormal probe readings mixed in, every unanswered request retried like a device would), and meanwhile, one
# after another: kills each service with -9 and restarts it, restarts Redis (as it was started, so without
# persistence where it ran without), and stops and starts PostgreSQL. Then it checks the invariants, prints them as a
# table (also written to .run/chaos/report.md) and exits non-zero on any violation:
#   - every reading answered 201/200 is stored exactly once
#   - every stored reading reaches analytics exactly once
#   - every abnormal probe reading belongs to exactly one alert
#   - no notification is sent twice for the same alert, recipient, round and purpose
#   - nothing was answered 500
#
# Usage: scripts/chaos.sh             every fault (about 8 minutes)
#        scripts/chaos.sh --short     patient-data, analytics and alerts killed, Redis and PostgreSQL restarted
#                                     (about 5 minutes; what .ci/run runs)
#        scripts/chaos.sh --replicas  two instances of patient-data, analytics and alerts (run-local.sh --replicas 2);
#                                     one instance of each killed with -9 and left dead, so the survivors must serve
#                                     every request and take over what the dead one had read but not acknowledged
#                                     (one more invariant; about 5 minutes; .ci/run runs it too)
# Needs: a JDK 25, curl, psql, redis-cli; root (or the postgres user) to stop and start PostgreSQL. It deletes the
# hhms:* Redis keys: stop a development stack first (its databases are not touched).
set -euo pipefail
cd "$(dirname "$0")/.."
export HHMS_DB_PREFIX=hhms_chaos
source scripts/lib/common.sh
source scripts/lib/dependencies.sh
ensure_dependencies
use_local_secrets

OUT=.run/chaos
rm -rf "$OUT" && mkdir -p "$OUT"
case "${1:-}" in
  --short) FAULTS=(kill:patient-data-service kill:analytics-service kill:alerts-service restart:redis restart:postgres) ;;
  --replicas)
    export HHMS_REPLICAS=2 # every run-local.sh of this run keeps two instances
    FAULTS=(kill-instance:patient-data-service kill-instance:analytics-service kill-instance:alerts-service) ;;
  "") FAULTS=(kill:patient-data-service kill:analytics-service kill:alerts-service kill:user-service kill:gateway
              restart:redis restart:postgres) ;;
  *) echo "usage: scripts/chaos.sh [--short | --replicas]" >&2; exit 2 ;;
esac
PG_VERSION=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
REDIS_CLI=(redis-cli -h 127.0.0.1 -p 6379)

log() { printf '%s  %s\n' "$(date +%T)" "$*"; }

healthy() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 http://localhost:8080/health || true)" = 200 ]; }

wait_healthy() { # timeout seconds; prints how long it took
  local start=$SECONDS
  while [ $((SECONDS - start)) -lt "$1" ]; do
    if healthy; then echo $((SECONDS - start)); return 0; fi
    sleep 1
  done
  return 1
}

restart_redis() {
  local dir aof save logfile
  dir=$("${REDIS_CLI[@]}" CONFIG GET dir | tail -n 1)
  aof=$("${REDIS_CLI[@]}" CONFIG GET appendonly | tail -n 1)
  save=$("${REDIS_CLI[@]}" CONFIG GET save | tail -n 1)
  logfile=$("${REDIS_CLI[@]}" CONFIG GET logfile | tail -n 1)
  "${REDIS_CLI[@]}" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  for _ in $(seq 1 20); do "${REDIS_CLI[@]}" PING >/dev/null 2>&1 || break; sleep 0.2; done
  sleep 2
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --dir "$dir" --appendonly "$aof" \
    --save "$save" --logfile "$logfile" >/dev/null
  for _ in $(seq 1 50); do "${REDIS_CLI[@]}" PING >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "Redis did not come back" >&2
  return 1
}

restart_postgres() {
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main stop -m fast 2>/dev/null \
    || pg_ctlcluster "$PG_VERSION" main stop -m fast
  sleep 3
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start 2>/dev/null \
    || pg_ctlcluster "$PG_VERSION" main start
  for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5432 -q && return 0; sleep 0.5; done
  echo "PostgreSQL did not come back" >&2
  return 1
}

# The stream entries a consumer holds read but unacknowledged, over the HHMS streams (XINFO CONSUMERS).
STREAMS=(hhms:vitals hhms:anomalies hhms:users)
pending_of() { # group consumer
  local stream total=0 n
  for stream in "${STREAMS[@]}"; do
    n=$("${REDIS_CLI[@]}" XINFO CONSUMERS "$stream" "$1" 2>/dev/null \
        | awk -v c="$2" '$0 == "name" { getline; n = $0 } $0 == "pending" { getline; if (n == c) print }')
    total=$((total + ${n:-0}))
  done
  echo "$total"
}

# Instances killed and left dead (--replicas): "group consumer pending-at-kill" each.
DEAD=()
inject() { # fault
  case "$1" in
    kill-instance:*)
      local name=${1#kill-instance:} port group
      port=$(hhms_instances 1 | awk -v n="$name" '$1 == n { print $2 }')
      group=${name%-service}
      # Killed while it holds entries read but unacknowledged, if it does within about 4 s (analytics, which reads
      # every reading, nearly always), so the survivors' takeover is exercised rather than left to chance: seen
      # holding some, it is frozen (SIGSTOP) and looked at again, since it may have acknowledged them meanwhile.
      pid=$(cat ".run/pids/$name.pid")
      for _ in $(seq 1 60); do
        if [ "$(pending_of "$group" "$group-$port")" -gt 0 ]; then
          kill -STOP "$pid"
          [ "$(pending_of "$group" "$group-$port")" -gt 0 ] && break
          kill -CONT "$pid"
        fi
        sleep 0.05
      done
      start=$SECONDS
      kill -KILL "$pid"
      rm -f ".run/pids/$name.pid"
      sleep 1
      DEAD+=("$group $group-$port $(pending_of "$group" "$group-$port")")
      ;;
    kill:*)
      local name=${1#kill:}
      kill -KILL "$(cat ".run/pids/$name.pid")"
      sleep 2
      START_TIMEOUT=150 scripts/run-local.sh >>"$OUT/restarts.log" 2>&1
      ;;
    restart:redis) restart_redis ;;
    restart:postgres) restart_postgres ;;
  esac
}

echo "==== Fresh stack (databases ${HHMS_DATABASES[*]})"
scripts/stop-local.sh >/dev/null || true
for db in "${HHMS_DATABASES[@]}" "${HHMS_DB_PREFIX}_check"; do dropdb --if-exists "$db"; done
"${REDIS_CLI[@]}" --scan --pattern 'hhms:*' | xargs -r "${REDIS_CLI[@]}" del >/dev/null
"${REDIS_CLI[@]}" --scan --pattern 'request_rate_limiter.*' | xargs -r "${REDIS_CLI[@]}" del >/dev/null
if [ ! -f device-simulator/target/device-simulator.jar ]; then
  ./mvnw -B -q -DskipTests package
fi
export ACCESS_LOG_LEVEL="${ACCESS_LOG_LEVEL:-WARN}"
trap 'scripts/stop-local.sh >/dev/null 2>&1 || true' EXIT
scripts/run-local.sh

echo "==== Load (simulator chaos mode) and faults"
"$JAVA_HOME/bin/java" -jar device-simulator/target/device-simulator.jar chaos --devices 60 --probes 20 \
  --rate "${CHAOS_RATE:-300}" --batch-size 10 --probe-every 8 --until-file "$OUT/stop" --grace 90 \
  --ledger "$OUT/ledger.csv" --json "$OUT/load.json" >"$OUT/load.log" 2>&1 &
LOAD_PID=$!
for _ in $(seq 1 120); do grep -q '^chaos load:' "$OUT/load.log" 2>/dev/null && break; sleep 1; done
grep -q '^chaos load:' "$OUT/load.log" || { echo "the load did not start:" >&2; cat "$OUT/load.log" >&2; exit 1; }
sleep 10
TIMELINE=()
for fault in "${FAULTS[@]}"; do
  log "inject $fault"
  start=$SECONDS
  inject "$fault" # a kill-instance fault moves start to the kill itself (after waiting for entries held)
  if ! took=$(wait_healthy 150); then
    echo "The stack did not recover from $fault within 150 s" >&2
    tail -n 30 "$OUT/restarts.log" >&2 || true
    exit 1
  fi
  TIMELINE+=("| $fault | $((SECONDS - start)) s |")
  log "recovered from $fault after $((SECONDS - start)) s"
  sleep 8
done
sleep 5
touch "$OUT/stop"
log "load stopping; waiting for its last retries"
wait "$LOAD_PID" || { echo "the load failed:" >&2; tail -n 20 "$OUT/load.log" >&2; exit 1; }
tail -n 2 "$OUT/load.log"

q() { psql -d "$1" -Atc "$2"; }
VITALS=${HHMS_DB_PREFIX}_vitals ANALYTICS=${HHMS_DB_PREFIX}_analytics ALERTS=${HHMS_DB_PREFIX}_alerts
USERS=${HHMS_DB_PREFIX}_users
log "waiting for the pipeline to drain (every stored reading judged, the outboxes empty)"
drained=0
for _ in $(seq 1 180); do
  stored=$(q "$VITALS" "SELECT count(*) FROM readings")
  judged=$(q "$ANALYTICS" "SELECT count(*) FROM judged_readings")
  waiting=$(( $(q "$VITALS" "SELECT count(*) FROM outbox_events WHERE entry_ms IS NULL") \
            + $(q "$ANALYTICS" "SELECT count(*) FROM outbox_events WHERE entry_ms IS NULL") \
            + $(q "$USERS" "SELECT count(*) FROM outbox_events WHERE entry_ms IS NULL") ))
  if [ "$stored" = "$judged" ] && [ "$waiting" = 0 ]; then drained=1; break; fi
  sleep 1
done
[ "$drained" = 1 ] || log "not drained after 180 s (stored $stored, judged $judged, outbox waiting $waiting)"
sleep 5 # anomalies of the last readings on their way to alerts
if [ "${#DEAD[@]}" -gt 0 ]; then
  log "waiting for the survivors to take over what the killed instances held"
  for _ in $(seq 1 90); do
    held=0
    for dead in "${DEAD[@]}"; do
      read -r group consumer _ <<<"$dead"
      held=$((held + $(pending_of "$group" "$consumer")))
    done
    [ "$held" = 0 ] && break
    sleep 1
  done
  sleep 5 # the taken-over entries' handling commits
fi

echo "==== Invariants"
CHECK=${HHMS_DB_PREFIX}_check
createdb "$CHECK"
psql -q -d "$CHECK" -c "CREATE TABLE ledger (patient_id uuid, reading_id text, kind text, status int, attempts int,
                          saw_500 boolean);
                        CREATE TABLE stored (patient_id uuid, reading_id text, copies int);
                        CREATE TABLE judged (patient_id uuid, reading_id text);
                        CREATE TABLE anomalies (id uuid, patient_id uuid, reading_id text);
                        CREATE TABLE covered (anomaly_id uuid, alert_id uuid);"
psql -q -d "$CHECK" -c "\\copy ledger FROM '$OUT/ledger.csv' CSV"
psql -q -d "$VITALS" -c "\\copy (SELECT patient_id, reading_id, count(*) FROM readings GROUP BY 1, 2) TO '$OUT/stored.csv' CSV"
psql -q -d "$ANALYTICS" -c "\\copy (SELECT patient_id, reading_id FROM judged_readings) TO '$OUT/judged.csv' CSV"
psql -q -d "$ANALYTICS" -c "\\copy (SELECT id, patient_id, reading_id FROM anomalies WHERE kind = 'threshold' AND metric = 'heart_rate') TO '$OUT/anomalies.csv' CSV"
psql -q -d "$ALERTS" -c "\\copy (SELECT anomaly_id, alert_id FROM alert_anomalies) TO '$OUT/covered.csv' CSV"
for table in stored judged anomalies covered; do
  psql -q -d "$CHECK" -c "\\copy $table FROM '$OUT/$table.csv' CSV"
done

acknowledged=$(q "$CHECK" "SELECT count(*) FROM ledger WHERE status IN (200, 201)")
unanswered=$(q "$CHECK" "SELECT count(*) FROM ledger WHERE status NOT IN (200, 201)")
lost=$(q "$CHECK" "SELECT count(*) FROM ledger l WHERE l.status IN (200, 201)
                     AND NOT EXISTS (SELECT 1 FROM stored s WHERE s.patient_id = l.patient_id AND s.reading_id = l.reading_id)")
doubled=$(q "$CHECK" "SELECT count(*) FROM stored WHERE copies > 1")
stored_total=$(q "$CHECK" "SELECT count(*) FROM stored")
not_judged=$(q "$CHECK" "SELECT count(*) FROM stored s WHERE NOT EXISTS (SELECT 1 FROM judged j
                           WHERE j.patient_id = s.patient_id AND j.reading_id = s.reading_id)")
judged_unstored=$(q "$CHECK" "SELECT count(*) FROM judged j WHERE NOT EXISTS (SELECT 1 FROM stored s
                                WHERE s.patient_id = j.patient_id AND s.reading_id = j.reading_id)")
probes=$(q "$CHECK" "SELECT count(*) FROM ledger WHERE kind = 'probe'")
probes_acknowledged=$(q "$CHECK" "SELECT count(*) FROM ledger WHERE kind = 'probe' AND status IN (200, 201)")
probes_unalerted=$(q "$CHECK" "SELECT count(*) FROM ledger l WHERE l.kind = 'probe' AND l.status IN (200, 201)
   AND (SELECT count(DISTINCT c.alert_id) FROM anomalies a JOIN covered c ON c.anomaly_id = a.id
         WHERE a.patient_id = l.patient_id AND a.reading_id = l.reading_id) <> 1")
probe_anomalies_twice=$(q "$CHECK" "SELECT count(*) FROM (SELECT patient_id, reading_id FROM anomalies
                                      GROUP BY 1, 2 HAVING count(*) > 1) d")
sms_twice=$(q "$ALERTS" "SELECT count(*) FROM (SELECT 1 FROM notifications WHERE status = 'sent'
                           GROUP BY alert_id, recipient_id, round, purpose HAVING count(*) > 1) d")
sms_sent=$(q "$ALERTS" "SELECT count(*) FROM notifications WHERE status = 'sent'")
sms_uncertain=$(q "$ALERTS" "SELECT count(*) FROM notifications WHERE status = 'uncertain'")
answered_500=$(q "$CHECK" "SELECT count(*) FROM ledger WHERE saw_500")
replayed=$({ grep -h "sending .* event(s) again" .run/logs/*.log 2>/dev/null || true; } | wc -l)

# Replicas: what each killed instance held read but unacknowledged, and what of it is still unacknowledged now
# (the survivors take entries over after *_RECLAIM_IDLE, 20 s, idle).
held_at_kill=0 held_now=0 dead_names=()
for dead in "${DEAD[@]}"; do
  read -r group consumer at_kill <<<"$dead"
  held_at_kill=$((held_at_kill + at_kill))
  held_now=$((held_now + $(pending_of "$group" "$consumer")))
  dead_names+=("$consumer")
done

violations=$((lost + doubled + not_judged + judged_unstored + probes_unalerted + probe_anomalies_twice + sms_twice \
              + answered_500 + held_now + (probes_acknowledged < probes ? 1 : 0) + (acknowledged == 0 ? 1 : 0)))
{
  echo "Faults, in order, and the seconds until the gateway's /health answered 200 again:"
  echo
  echo "| fault | recovered after |"
  echo "|---|---|"
  printf '%s\n' "${TIMELINE[@]}"
  echo
  echo "Load: $(q "$CHECK" "SELECT count(*) FROM ledger") readings sent; $acknowledged acknowledged (201/200), $unanswered" \
       "without an answer after every retry; answers $(tr -d '\n ' <"$OUT/load.json" | sed -n 's/.*"statuses":\({[^}]*}\).*/\1/p')."
  echo "Relay replays logged: $replayed; notifications sent: $sms_sent (uncertain: $sms_uncertain)."
  echo
  echo "| invariant | checked | violations |"
  echo "|---|---|---|"
  echo "| every reading answered 201/200 is stored | $acknowledged readings | $lost |"
  echo "| ... exactly once | $stored_total stored | $doubled |"
  echo "| every stored reading reaches analytics | $stored_total stored | $not_judged |"
  echo "| ... exactly once (and nothing else is judged) | $stored_total stored | $judged_unstored |"
  echo "| every abnormal probe reading belongs to exactly one alert | $probes_acknowledged of $probes probes acknowledged | $probes_unalerted |"
  echo "| no probe anomaly stored twice | $probes probes | $probe_anomalies_twice |"
  echo "| no notification sent twice (alert, recipient, round, purpose) | $sms_sent sent | $sms_twice |"
  echo "| nothing answered 500 | $(q "$CHECK" "SELECT coalesce(sum(attempts), 0) FROM ledger") answers | $answered_500 |"
  if [ "${#DEAD[@]}" -gt 0 ]; then
    echo "| entries a killed instance had read are taken over (${dead_names[*]}) | $held_at_kill held at the kill | $held_now |"
  fi
} | tee "$OUT/report.md"
echo
if [ "$violations" -gt 0 ]; then
  echo "CHAOS FAILED: $violations violation(s); details under $OUT (ledger.csv, the services' logs in .run/logs)"
  exit 1
fi
echo "Chaos run passed: every invariant held."
