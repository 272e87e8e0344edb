#!/usr/bin/env bash
# Black-box end-to-end test of a running HHMS stack, through the gateway only.
# Usage: scripts/e2e.sh            (BASE_URL defaults to http://localhost:8080)
# Exits non-zero with a message naming the step on the first failure. Needs curl and jq.
set -euo pipefail
BASE_URL="${BASE_URL:-http://localhost:8080}"
BODY_FILE=$(mktemp)
trap 'rm -f "$BODY_FILE"' EXIT

STATUS=""
BODY=""

fail() {
  echo "FAIL: $*" >&2
  [ -n "$BODY" ] && echo "  last response ($STATUS): $BODY" >&2
  exit 1
}
ok() { echo "ok   $*"; }

# call METHOD PATH [JSON] — sets STATUS and BODY.
call() {
  local method=$1 path=$2 data=${3:-}
  local args=(-s -o "$BODY_FILE" -w '%{http_code}' -X "$method" --max-time 15 -H 'Accept: application/json')
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data "$data")
  STATUS=$(curl "${args[@]}" "$BASE_URL$path") || STATUS="000"
  BODY=$(cat "$BODY_FILE")
}

# expect CODE DESCRIPTION — the last call answered CODE.
expect() {
  [ "$STATUS" = "$1" ] || fail "$2: expected HTTP $1, got $STATUS"
}

# check JQ_FILTER DESCRIPTION — the filter is true on the last body.
check() {
  echo "$BODY" | jq -e "$1" >/dev/null 2>&1 || fail "$2: '$1' is not true"
}

echo "HHMS end-to-end test against $BASE_URL"

# 1. Health: the gateway's aggregate and each service's own health through its prefix.
call GET /health
expect 200 "gateway health"
check '.service == "gateway" and .status == "healthy"' "gateway health"
check '(.services | keys | sort) == ["alerts-service","analytics-service","patient-data-service","user-service"]' \
  "gateway health lists the four services"
check '[.services[] | .status] | all(. == "healthy")' "every service healthy"
ok "GET /health: gateway and four services healthy"

for pair in users:user-service patient:patient-data-service analytics:analytics-service alerts:alerts-service; do
  prefix=${pair%%:*}
  service=${pair#*:}
  call GET "/$prefix/health"
  expect 200 "/$prefix/health"
  check ".service == \"$service\" and .status == \"healthy\"" "/$prefix/health"
  check '.dependencies.postgres.status == "healthy" and .dependencies.redis.status == "healthy"' \
    "/$prefix/health dependencies"
  check '.dependencies.postgres.response_time_ms | type == "number"' "/$prefix/health response_time_ms"
  ok "GET /$prefix/health: $service healthy (postgres, redis)"
done

# 2. Every response carries the caller's X-Request-ID.
echoed=$(curl -s -D - -o /dev/null -H 'X-Request-ID: e2e-trace-1' "$BASE_URL/users/health" \
  | tr -d '\r' | awk -F': ' 'tolower($1) == "x-request-id" {print $2}')
[ "$echoed" = "e2e-trace-1" ] || fail "X-Request-ID not echoed (got '$echoed')"
ok "X-Request-ID passed through"

echo "PASS: end-to-end checks passed against $BASE_URL"
