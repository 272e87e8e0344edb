#!/usr/bin/env bash
# Stops exactly the processes scripts/run-local.sh started (their pids are under .run/pids): all of them, or the
# instances named (scripts/stop-local.sh analytics-service@2).
set -uo pipefail
cd "$(dirname "$0")/.."
PID_DIR=.run/pids
[ -d "$PID_DIR" ] || { echo "Nothing to stop."; exit 0; }

stopped=0
pidfiles=("$PID_DIR"/*.pid)
[ $# -gt 0 ] && pidfiles=("${@/#/$PID_DIR/}") && pidfiles=("${pidfiles[@]/%/.pid}")
for pidfile in "${pidfiles[@]}"; do
  [ -e "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid)
  pid=$(cat "$pidfile")
  # Only signal the process if it is still our java -jar <service>.jar (pids get reused); instance 2 of a service
  # (run-local.sh --replicas) is <service>@2.
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "${name%@*}.jar"; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name (pid $pid) did not stop in 20s: killing it"
      kill -KILL "$pid" 2>/dev/null
    fi
    echo "Stopped $name (pid $pid)"
    stopped=$((stopped + 1))
  fi
  rm -f "$pidfile"
done
echo "Stopped $stopped service(s)."
