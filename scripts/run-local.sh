#!/usr/bin/env bash
# The README's run command: starts the whole HHMS stack as JVM processes on this host. Provides what it needs first
# (a JDK 25, PostgreSQL and Redis: installed and started where missing and permitted, scripts/lib/dependencies.sh),
# builds the jars if needed, creates the four databases if missing, starts the services and the dashboard in the
# background (logs and pids under .run/; in waves of START_WAVE, default one per core, the gateway last), and waits
# until the gateway's /health answers 200 and every instance's own does.
# Running it again does not start a second copy of a service that is still running. Stop with scripts/stop-local.sh.
#
# Usage: scripts/run-local.sh [--fresh] [--replicas N]
#   --fresh         start over: empty databases and streams
#   --replicas N    N instances (1-4, default 1, or HHMS_REPLICAS) of each stream service: patient-data, analytics
#                   and alerts; instance i listens on the service's port + 100*(i-1) (8182, 8183, 8184, management
#                   9182, ...) and the gateway takes turns over them (its *_SERVICE_URL lists every instance).
# Environment: START_TIMEOUT (seconds, default 180), START_WAVE, REBUILD=1 to force a build, JAVA_OPTS for every JVM
# (C1_OPTS for all but analytics; -Xms, -Xmn or -Xmx there override each service's own heap), HHMS_AOT_CACHE=0 to
# start without the ahead-of-time caches, and any service setting from .env.example (exported variables reach the
# services).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/dependencies.sh

usage() { echo "usage: scripts/run-local.sh [--fresh] [--replicas N]" >&2; exit 2; }
FRESH=0
REPLICAS="${HHMS_REPLICAS:-1}"
while [ $# -gt 0 ]; do
  case "$1" in
    --fresh) FRESH=1 ;;
    --replicas) [ $# -ge 2 ] || usage; REPLICAS=$2; shift ;;
    --replicas=*) REPLICAS=${1#--replicas=} ;;
    *) usage ;;
  esac
  shift
done
if ! [[ "$REPLICAS" =~ ^[1-4]$ ]]; then
  echo "--replicas must be a number from 1 to 4, not '$REPLICAS'" >&2
  exit 2
fi

ensure_dependencies
use_local_secrets

if [ "$FRESH" = 1 ]; then
  echo "Starting over: stopping the stack, dropping ${HHMS_DATABASES[*]} and the hhms:* Redis keys"
  scripts/stop-local.sh >/dev/null 2>&1 || true
  for db in "${HHMS_DATABASES[@]}"; do
    psql -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null
  done
  redis-cli -h 127.0.0.1 -p 6379 --scan --pattern 'hhms:*' | xargs -r -n 100 redis-cli -h 127.0.0.1 -p 6379 DEL \
    >/dev/null
fi

RUN_DIR=.run
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
START_TIMEOUT="${START_TIMEOUT:-180}"
# Six JVMs share two cores and a budget of about 1.2 GiB (docs/operations.md, "Local processes", and the figures in
# docs/BENCHMARKS.md): the serial collector (no concurrent GC threads, no G1 remembered sets; pauses of a few ms on
# heaps this small), a heap that gives memory back and is capped per service (heap_opts below), smaller code cache
# and stacks, and two malloc arenas instead of one per core and thread. Every service but analytics also stops at the C1
# compiler (C1_OPTS): start-up and warm-up in a fraction of the CPU, at the throughput measured; analytics, whose
# judging is CPU-bound, keeps C2 (30 % faster on a backlog for about 60 MiB).
# SweeperThreshold: the JVM collects to unload compiled code each time the code cache grows by this share of its
# size (15 % by default, 9.6 MiB of 64): with the serial collector that was a full collection of 100-140 ms in
# every service during its first minutes of traffic, with nothing to unload. MetaspaceSize: likewise for class
# metadata (the user-service holds 22 MiB of it beyond its AOT cache; the default first threshold is 21 MiB).
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MetaspaceSize=48m -XX:ReservedCodeCacheSize=64m -XX:SweeperThreshold=50 -Xss512k}"
C1_OPTS="${C1_OPTS:--XX:TieredStopAtLevel=1}"
# Each service's heap: a ceiling about three times its live data after a full GC under the benchmark's load
# (dashboard 21 MiB, gateway 33, alerts 36, analytics 37, patient-data 48-64, user-service 56; with one ceiling of
# 256 MiB for all, the gateway and the patient-data-service filled theirs with garbage before collecting it: 402 and
# 441 MiB resident), and a young generation of a fixed size whose survivor spaces hold a request's objects until
# they die (grown from a 32 MiB heap, the patient-data-service's was 10 MiB with 1 MiB survivor spaces: a young
# collection every 0.25 s, everything promoted, the old generation full of garbage). The patient-data-service keeps
# 256 MiB: 64 connections posting batches of 5,000 readings at once (the most it admits) ran it out of 160 MiB
# (java.lang.OutOfMemoryError building the statements' array literals); with 256 it answers them, or sheds them with
# 503. -Xms, -Xmn or -Xmx in JAVA_OPTS override these. Figures in docs/BENCHMARKS.md.
heap_opts() { # instance name
  local initial=64m young=32m max
  case "${1%@*}" in
    dashboard) initial=32m young=16m max=96m ;;
    gateway | alerts-service) max=128m ;;
    patient-data-service) max=256m ;;
    *) max=160m ;;
  esac
  echo "-Xms$initial -Xmn$young -XX:SurvivorRatio=6 -Xmx$max"
}
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# The build stamp is touched after each successful build: a main source or POM newer than it (test sources do not
# go into the jars) or a missing jar means the jars are stale.
BUILD_STAMP="$RUN_DIR/build.stamp"
needs_build() {
  [ "${REBUILD:-0}" = 1 ] && return 0
  [ -f "$BUILD_STAMP" ] || return 0
  local entry jar
  for entry in "${HHMS_SERVICES[@]}"; do
    jar=$(awk '{print $3}' <<<"$entry")
    [ -f "$jar" ] || return 0
  done
  [ -n "$(find . -path ./.run -prune -o -newer "$BUILD_STAMP" \
      \( \( -path '*/src/main/*' -type f \) -o -name 'pom.xml' \) -print -quit)" ]
}

if needs_build; then
  # A build replaces the jars under running services, which then fail: stop them first.
  if compgen -G "$RUN_DIR/pids/*.pid" >/dev/null; then
    echo "Sources changed: stopping the running services before rebuilding"
    scripts/stop-local.sh
  fi
  echo "Building the jars (./mvnw package -DskipTests)..."
  # forceCreation: a service whose own classes did not change keeps its jar otherwise, with the old copy of a
  # shared module (service-security, messaging, ...) inside.
  ./mvnw -B -q -DskipTests -Dmaven.jar.forceCreation=true package
  touch "$BUILD_STAMP"
fi

for db in "${HHMS_DATABASES[@]}"; do
  if ! psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    echo "Creating database $db"
    createdb "$db"
  fi
done

# Java 25's ahead-of-time cache (JEP 483, 514, 515: classes read, parsed, linked and profiled once, in a training
# run, instead of at every start): each service's jar is extracted (the cache needs a class path of plain jars) into
# .run/aot/<service>/ and trained by starting it up to a refreshed context and exiting (spring.context.exit=onRefresh:
# beans are created, nothing is started or served; Flyway checks the schema, as at a real start). Done again only
# when the jar is newer than its cache or JAVA_OPTS changed, all services at once; should the JVM still refuse a
# cache, it says so and starts without it. HHMS_AOT_CACHE=0 starts the plain jars.
AOT_DIR="$RUN_DIR/aot"
aot_dir() { # jar
  echo "$AOT_DIR/$(basename "$1" .jar)"
}
# A cache is used only with the jar and the JVM options it was trained with (others would make the JVM ignore it).
aot_usable() { # name jar
  local dir
  dir=$(aot_dir "$2")
  [ -f "$dir/app.aot" ] && [ ! "$2" -nt "$dir/app.aot" ] \
    && [ "$(cat "$dir/java-opts" 2>/dev/null)" = "$(jvm_opts "$1")" ]
}
jit_opts() { # instance name
  [[ "$1" == analytics-service* ]] && return
  echo "$C1_OPTS"
}
# Every JVM option of an instance: its heap, then JAVA_OPTS (which may override it), then its compiler.
jvm_opts() { # instance name
  echo "$(heap_opts "$1") $JAVA_OPTS $(jit_opts "$1")"
}
train_aot_caches() {
  local entry name jar dir pids=() names=() dirs=()
  for entry in "${HHMS_SERVICES[@]}"; do
    read -r name _ jar <<<"$entry"
    dir=$(aot_dir "$jar")
    aot_usable "$name" "$jar" && continue
    rm -rf "$dir" && mkdir -p "$dir"
    jvm_opts "$name" >"$dir/java-opts"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >/dev/null
    # shellcheck disable=SC2046,SC2086
    "$JAVA_HOME/bin/java" $(jvm_opts "$name") -XX:AOTCacheOutput="$dir/app.aot.tmp" \
      -Dspring.context.exit=onRefresh -jar "$dir/app/$(basename "$jar")" >"$dir/training.log" 2>&1 &
    pids+=($!) names+=("$name") dirs+=("$dir")
  done
  [ ${#pids[@]} -eq 0 ] && return
  echo "Training the ahead-of-time caches of ${names[*]} (once per build, about a minute)..."
  local i
  for i in "${!pids[@]}"; do
    name=${names[$i]} dir=${dirs[$i]}
    if wait "${pids[$i]}" && [ -s "$dir/app.aot.tmp" ]; then
      mv "$dir/app.aot.tmp" "$dir/app.aot"
    else
      echo "No ahead-of-time cache for $name (it starts without one); see $dir/training.log" >&2
      rm -f "$dir/app.aot.tmp"
    fi
  done
}
# The java arguments that start a jar: from its extracted copy with its cache when there is one.
launch_args() { # name jar
  local dir
  dir=$(aot_dir "$2")
  if [ "${HHMS_AOT_CACHE:-1}" = 1 ] && aot_usable "$1" "$2"; then
    echo "-XX:AOTCache=$dir/app.aot -jar $dir/app/$(basename "$2")"
  else
    echo "-jar $2"
  fi
}
[ "${HHMS_AOT_CACHE:-1}" = 1 ] && train_aot_caches

is_running() { # pidfile
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

stop_instance() { # name
  scripts/stop-local.sh "$1" >/dev/null
}

mapfile -t INSTANCES < <(hhms_instances "$REPLICAS")

# Fewer replicas than before: stop the instances no longer wanted.
for pidfile in "$RUN_DIR"/pids/*@*.pid; do
  [ -e "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid)
  if ! printf '%s\n' "${INSTANCES[@]}" | grep -q "^$name "; then
    echo "Stopping $name (more than $REPLICAS replica(s))"
    stop_instance "$name"
  fi
done

# With replicas, the gateway's *_SERVICE_URL of a replicated service lists every instance (it takes turns).
GATEWAY_ENV=()
if [ "$REPLICAS" -gt 1 ]; then
  for service in "${HHMS_REPLICATED[@]}"; do
    urls=$(printf '%s\n' "${INSTANCES[@]}" | awk -v s="$service" '$1 == s || index($1, s "@") == 1 {
             printf "%shttp://localhost:%s", (n++ ? "," : ""), $2 }')
    GATEWAY_ENV+=("$(tr 'a-z-' 'A-Z_' <<<"$service")_URL=$urls")
  done
fi
GATEWAY_ROUTES="$RUN_DIR/gateway.routes"

instance_healthy() { # port
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1/health" || true)" = 200 ]
}

# Instances start in waves of START_WAVE (default: one per core), each wave once the one before answers /health (or
# has exited: the wait below reports it). Six JVMs started at once on two cores share them for the whole start, so
# each took 7-14 s; in waves each starts in a fraction of that and the stack is up about as soon (the work is the
# same), the gateway last, once what it routes to is up. Figures in docs/BENCHMARKS.md.
START_WAVE="${START_WAVE:-$(nproc)}"
WAVE=()
await_wave() {
  local member name port deadline=$((SECONDS + START_TIMEOUT))
  for member in "${WAVE[@]}"; do
    read -r name port <<<"$member"
    while [ $SECONDS -lt $deadline ] && is_running "$RUN_DIR/pids/$name.pid" && ! instance_healthy "$port"; do
      sleep 0.5
    done
  done
  WAVE=()
}

for entry in "${INSTANCES[@]}"; do
  read -r name port management jar <<<"$entry"
  pidfile="$RUN_DIR/pids/$name.pid"
  [ "$name" = gateway ] && await_wave
  launch_env=() args=()
  [[ "$name" == *@* ]] && args=("--server.port=$port" "--management.server.port=$management")
  if [ "$name" = gateway ]; then
    launch_env=("${GATEWAY_ENV[@]}")
    if is_running "$pidfile" && [ "$(printf '%s\n' "${launch_env[@]}")" != "$(cat "$GATEWAY_ROUTES" 2>/dev/null)" ]; then
      echo "gateway routes to other instances now: restarting it"
      stop_instance gateway
    fi
  fi
  if is_running "$pidfile"; then
    if [ "$BUILD_STAMP" -nt "$pidfile" ]; then
      echo "$name runs an older build: restarting it"
      stop_instance "$name"
    else
      echo "$name already running (pid $(cat "$pidfile"))"
      continue
    fi
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is taken by another process: cannot start $name" >&2
    exit 1
  fi
  # shellcheck disable=SC2046,SC2086
  nohup env "${launch_env[@]}" "$JAVA_HOME/bin/java" $(jvm_opts "$name") $(launch_args "$name" "$jar") \
    "${args[@]}" >"$RUN_DIR/logs/$name.log" 2>&1 &
  echo $! >"$pidfile"
  [ "$name" = gateway ] && printf '%s\n' "${launch_env[@]}" >"$GATEWAY_ROUTES"
  echo "Started $name on port $port (pid $!, log $RUN_DIR/logs/$name.log)"
  if [ "$name" != gateway ]; then
    WAVE+=("$name $port")
    [ ${#WAVE[@]} -ge "$START_WAVE" ] && await_wave
  fi
done
await_wave

# Up when the gateway's /health answers 200 and every instance's own /health does (the gateway's needs one
# healthy instance per service).
all_healthy() {
  local entry name port
  [ "$(curl -s -o "$RUN_DIR/health.json" -w '%{http_code}' --max-time 5 http://localhost:8080/health || true)" = 200 ] \
    || return 1
  for entry in "${INSTANCES[@]}"; do
    read -r name port _ _ <<<"$entry"
    [ "$name" = gateway ] || instance_healthy "$port" || return 1
  done
}

echo "Waiting up to ${START_TIMEOUT}s for http://localhost:8080/health and every instance's /health ..."
deadline=$((SECONDS + START_TIMEOUT))
while [ $SECONDS -lt $deadline ]; do
  if all_healthy; then
    echo "HHMS is up: gateway http://localhost:8080 (health 200)$([ "$REPLICAS" -gt 1 ] \
      && echo ", $REPLICAS instances of ${HHMS_REPLICATED[*]}")"
    echo "Sign in as $HHMS_ADMIN_EMAIL with the password in .run/admin-password (POST /users/login)"
    exit 0
  fi
  for entry in "${INSTANCES[@]}"; do
    read -r name _ _ _ <<<"$entry"
    if ! is_running "$RUN_DIR/pids/$name.pid"; then
      echo "$name exited during start-up. Last lines of its log:" >&2
      tail -n 40 "$RUN_DIR/logs/$name.log" >&2
      exit 1
    fi
  done
  sleep 2
done

echo "The stack did not become healthy within ${START_TIMEOUT}s. Gateway health:" >&2
cat "$RUN_DIR/health.json" >&2 2>/dev/null || true
echo >&2
for entry in "${INSTANCES[@]}"; do
  read -r name port _ _ <<<"$entry"
  if [ "$name" != gateway ] && ! instance_healthy "$port"; then
    echo "--- last lines of $RUN_DIR/logs/$name.log" >&2
    tail -n 30 "$RUN_DIR/logs/$name.log" >&2
  fi
done
exit 1
