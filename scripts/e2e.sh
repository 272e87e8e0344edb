#!/usr/bin/env bash
# Black-box end-to-end test of a running HHMS stack, through the gateway only.
# Usage: scripts/e2e.sh            (BASE_URL defaults to http://localhost:8080)
# Exits non-zero with a message naming the step on the first failure. Needs curl and jq.
# Signs in as the bootstrap admin: HHMS_ADMIN_EMAIL / HHMS_ADMIN_PASSWORD, by default those run-local generated.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
use_local_secrets
BASE_URL="${BASE_URL:-http://localhost:8080}"
BODY_FILE=$(mktemp)
trap 'rm -f "$BODY_FILE"' EXIT

STATUS=""
BODY=""
TOKEN=""   # the bearer token call sends; empty sends none

fail() {
  echo "FAIL: $*" >&2
  [ -n "$BODY" ] && echo "  last response ($STATUS): $BODY" >&2
  exit 1
}
ok() { echo "ok   $*"; }

# call METHOD PATH [JSON] — sets STATUS and BODY; sends TOKEN when set, and MEDIA_TYPE (default application/json).
call() {
  local method=$1 path=$2 data=${3:-}
  local type=${MEDIA_TYPE:-application/json}
  local args=(-s -o "$BODY_FILE" -w '%{http_code}' -X "$method" --max-time 15 -H "Accept: $type")
  [ -n "$data" ] && args+=(-H "Content-Type: $type" --data "$data")
  [ -n "$TOKEN" ] && args+=(-H "Authorization: Bearer $TOKEN")
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

# The dependency names are the seed's (its monitoring is keyed on them).
for entry in users:user-service:postgres-user patient:patient-data-service:timescale-data \
    analytics:analytics-service:postgres-analytics alerts:alerts-service:postgres-alerts; do
  IFS=: read -r prefix service database <<<"$entry"
  call GET "/$prefix/health"
  expect 200 "/$prefix/health"
  check ".service == \"$service\" and .status == \"healthy\"" "/$prefix/health"
  check ".dependencies[\"$database\"].status == \"healthy\" and .dependencies.redis.status == \"healthy\"" \
    "/$prefix/health dependencies"
  check ".dependencies[\"$database\"].response_time_ms | type == \"number\"" "/$prefix/health response_time_ms"
  ok "GET /$prefix/health: $service healthy ($database, redis)"
done

# 2. Every response carries the caller's X-Request-ID.
echoed=$(curl -s -D - -o /dev/null -H 'X-Request-ID: e2e-trace-1' "$BASE_URL/users/health" \
  | tr -d '\r' | awk -F': ' 'tolower($1) == "x-request-id" {print $2}')
[ "$echoed" = "e2e-trace-1" ] || fail "X-Request-ID not echoed (got '$echoed')"
ok "X-Request-ID passed through"

# 3. Signing in: nothing but health and login answers without a token; the bootstrap admin signs in.
call GET "/users/$(cat /proc/sys/kernel/random/uuid)"
expect 401 "a request without a token"
check '.status == 401 and (.detail | contains("Bearer"))' "401 problem details"
call POST /users/login "{\"email\":\"$HHMS_ADMIN_EMAIL\",\"password\":\"wrong-password-123\"}"
expect 401 "login with a wrong password"
call POST /users/login "{\"email\":\"$HHMS_ADMIN_EMAIL\",\"password\":\"$HHMS_ADMIN_PASSWORD\"}"
expect 200 "login as the bootstrap admin"
check '.token_type == "Bearer" and .expires_in > 0 and .user.role == "admin"' "login answer"
REFRESH=$(echo "$BODY" | jq -r .refresh_token)
call POST /users/token/refresh "{\"refresh_token\":\"$REFRESH\"}"
expect 200 "refresh"
TOKEN=$(echo "$BODY" | jq -r .access_token)
call POST /users/token/refresh "{\"refresh_token\":\"$REFRESH\"}"
expect 401 "a spent refresh token"
ADMIN_TOKEN=$TOKEN
ok "401 without a token; admin signed in, refreshed; a spent refresh token is refused"

# 4. Users and care teams. Fixed emails, as the HHMS script: on a re-run registration answers 409 and the
#    existing person is looked up by email instead.
# register_or_lookup ROLE NAME EMAIL PHONE [PASSWORD] — prints the user's id.
register_or_lookup() {
  local role=$1 name=$2 email=$3 phone=$4 password=${5:-}
  local extra=""
  [ -n "$password" ] && extra=",\"password\":\"$password\""
  call POST /users/register "{\"email\":\"$email\",\"name\":\"$name\",\"role\":\"$role\",\"phone\":\"$phone\"$extra}"
  if [ "$STATUS" = 409 ]; then
    check '.status == 409 and (.detail | contains("already registered"))' "register $role again"
    call GET "/users/email/$email"
    expect 200 "look up $role $email"
  else
    expect 201 "register $role $email"
  fi
  check ".role == \"$role\" and .email == \"$email\"" "$role $email"
  echo "$BODY" | jq -r .id
}

DOCTOR_PASSWORD=e2e-doctor-password-1
DOCTOR_ID=$(register_or_lookup doctor "E2E Doctor" e2e.doctor@hhms.test +15555550101 "$DOCTOR_PASSWORD")
PATIENT_ID=$(register_or_lookup patient "E2E Patient" e2e.patient@hhms.test +15555550102)
CARETAKER_ID=$(register_or_lookup caretaker "E2E Caretaker" e2e.caretaker@hhms.test +15555550103)
ok "registered (or found) doctor $DOCTOR_ID, patient $PATIENT_ID, caretaker $CARETAKER_ID"

call POST /users/register '{"email":"bad@hhms.test","name":"Bad","role":"patient","phone":"555"}'
expect 400 "register with a bad phone"
check '.errors[0].field == "phone"' "bad phone is named"
ok "a bad phone is a 400 naming the field"

call POST /users/relationships "{\"doctor_id\":\"$DOCTOR_ID\",\"patient_id\":\"$PATIENT_ID\"}"
expect 200 "link doctor and patient"
check ".id == \"$PATIENT_ID\" and .doctor_id != null" "linked patient"
call POST "/users/$PATIENT_ID/care-team" "{\"member_id\":\"$CARETAKER_ID\"}"
expect 200 "add the caretaker to the care team"
call GET "/users/relationships/check?doctor_id=$DOCTOR_ID&patient_id=$PATIENT_ID"
expect 200 "relationship check"
check '.assigned == true' "doctor assigned"
ok "linked doctor and caretaker to the patient"

call GET "/users/$PATIENT_ID/care-team"
expect 200 "read the care team"
check "[.members[] | .user_id] | index(\"$DOCTOR_ID\") != null" "care team has the doctor"
check "[.members[] | .user_id] | index(\"$CARETAKER_ID\") != null" "care team has the caretaker"
check '.members[0].role == "doctor" and .members[-1].role == "caretaker"' "doctors before caretakers"
check '[.members[] | .phone] | all(. != null)' "care team has phones"
ok "care team: $(echo "$BODY" | jq -c '[.members[] | {role, full_name}]')"

# 5. Vitals: the seed's smoke flow (latest 404 before, 200 after), then idempotency and reading back.
VITALS_PATIENT_ID=$(register_or_lookup patient "E2E Vitals Patient" "e2e.vitals.$(date +%s%N)@hhms.test" +15555550104)
call GET "/patient/$VITALS_PATIENT_ID/latest"
expect 404 "latest before any reading"
call POST "/patient/$VITALS_PATIENT_ID" '{"heart_rate": 88, "spo2": 98}'
expect 201 "post a reading"
check ".patient_id == \"$VITALS_PATIENT_ID\" and .heart_rate == 88 and .spo2 == 98" "stored reading"
call GET "/patient/$VITALS_PATIENT_ID/latest"
expect 200 "latest after a reading"
check '.heart_rate == 88 and .spo2 == 98' "latest values"
ok "latest: 404 before, 200 after {heart_rate: 88, spo2: 98}"

NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
call POST "/patient/$VITALS_PATIENT_ID" "{\"timestamp\":\"$NOW\",\"systolic_bp\":128,\"diastolic_bp\":82,\"reading_id\":\"e2e-bp-1\"}"
expect 201 "post a blood pressure reading"
call POST "/patient/$VITALS_PATIENT_ID" "{\"timestamp\":\"$NOW\",\"systolic_bp\":128,\"diastolic_bp\":82,\"reading_id\":\"e2e-bp-1\"}"
expect 200 "repeat of the same reading"
check '.reading_id == "e2e-bp-1"' "repeat answers the stored reading"
call GET "/patient/$VITALS_PATIENT_ID/latest"
check '.heart_rate == 88 and .systolic_bp == 128 and .diastolic_bp == 82' "latest merges heart rate and blood pressure"
ok "a repeated reading answers 200; latest keeps the heart rate next to the blood pressure"

START=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
END=$(date -u -d '+1 minute' +%Y-%m-%dT%H:%M:%SZ)
call GET "/patient/$VITALS_PATIENT_ID/history?start_time=$START&end_time=$END&metric_type=systolic_bp"
expect 200 "history"
check 'length == 1 and .[0].value == 128' "history of systolic_bp"
call GET "/patient/$VITALS_PATIENT_ID/history?start_time=$END&end_time=$START&metric_type=systolic_bp"
expect 400 "history with end before start"
call POST "/patient/$VITALS_PATIENT_ID" '{"heart_rate": 88, "spo2": 120}'
expect 400 "an out-of-range reading"
check '.errors[0].field == "spo2"' "the bad field is named"
ok "history reads back; bad ranges and readings are 400 naming the field"

# 6. Analytics: the seed's anomaly scenario, a NEWS2 emergency, and the seed's smoke call to /analytics/run.
# await_anomaly PATIENT JQ DESCRIPTION — polls GET /analytics/anomalies/PATIENT until JQ is true (10 s).
await_anomaly() {
  local patient=$1 filter=$2 what=$3
  for _ in $(seq 1 50); do
    call GET "/analytics/anomalies/$patient"
    if [ "$STATUS" = 200 ] && echo "$BODY" | jq -e "$filter" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  fail "$what: no such anomaly within 10 s"
}

ANALYTICS_PATIENT_ID=$(register_or_lookup patient "E2E Analytics Patient" "e2e.analytics.$(date +%s%N)@hhms.test" +15555550105)
call POST /analytics/thresholds "{\"patient_id\":\"$ANALYTICS_PATIENT_ID\",\"metric\":\"heart_rate\",\"max_value\":60}"
expect 200 "set threshold heart_rate max 60"
check '.metric == "heart_rate" and .max_value == 60' "threshold"
call POST "/patient/$ANALYTICS_PATIENT_ID" "{\"timestamp\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"heart_rate\":95}"
expect 201 "post heart_rate 95"
await_anomaly "$ANALYTICS_PATIENT_ID" 'any(.[]; .description == "heart_rate 95 > max 60.0")' "threshold anomaly"
ok "threshold max 60, heart_rate 95 -> anomaly 'heart_rate 95 > max 60.0'"

NEWS2_PATIENT_ID=$(register_or_lookup patient "E2E NEWS2 Patient" "e2e.news2.$(date +%s%N)@hhms.test" +15555550106)
call POST "/patient/$NEWS2_PATIENT_ID" "{\"timestamp\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"heart_rate\":125,\"respiratory_rate\":26,\"spo2\":93,\"systolic_bp\":105,\"diastolic_bp\":70,\"temperature\":38.6}"
expect 201 "post deteriorating vitals"
await_anomaly "$NEWS2_PATIENT_ID" 'any(.[]; .kind == "news2" and .severity == "critical" and .observed_value >= 7)' \
  "critical NEWS2 anomaly"
call GET "/analytics/news2/$NEWS2_PATIENT_ID"
expect 200 "current NEWS2"
check '.score >= 7 and .severity == "critical" and .parameters.respiratory_rate == 3' "NEWS2 breakdown"
ok "NEWS2 $(echo "$BODY" | jq -c '{score, partial, missing}') -> critical news2 anomaly"

call POST /analytics/run '{}'
expect 200 "POST /analytics/run {}"
check '.readings_seen >= 0 and (.new_anomalies | type == "number")' "run report"
ok "POST /analytics/run {} re-evaluated $(echo "$BODY" | jq .readings_seen) readings, $(echo "$BODY" | jq .new_anomalies) new anomalies"

# 7. Alerts: the seed's scenario on the linked doctor and patient (threshold 120, post 160, an alert appears and
#    reaches the doctor, acknowledging [0] makes it "acknowledged"), then the seed's smoke alert with "INFO".
call POST /analytics/thresholds "{\"patient_id\":\"$PATIENT_ID\",\"metric\":\"heart_rate\",\"max_value\":120}"
expect 200 "set threshold heart_rate max 120"
# Sustained: two readings, so the alert pages at once even where the patient's earlier readings (a previous run
# of this script) make the first one look like an artefact (docs/analytics.md, "Confirmation before paging").
for _ in 1 2; do
  call POST "/patient/$PATIENT_ID" "{\"timestamp\":\"$(date -u +%Y-%m-%dT%H:%M:%S.%NZ | cut -c1-23)Z\",\"heart_rate\":160}"
  expect 201 "post heart_rate 160"
  sleep 0.1
done
for _ in $(seq 1 50); do
  call GET "/alerts/$PATIENT_ID"
  # The patient's newest clinical episode (newest first): an earlier run of this script may have left one, which
  # the new readings then join (docs/alerting.md).
  if [ "$STATUS" = 200 ] && echo "$BODY" | jq -e '[.[] | select(.kind == "clinical")][0] | .message == "heart_rate 160 > max 120.0" and .status != "pending"' >/dev/null; then
    break
  fi
  sleep 0.2
done
check '[.[] | select(.kind == "clinical")][0].message == "heart_rate 160 > max 120.0"' "an alert for heart_rate 160 within 10 s"
check '[.[] | select(.kind == "clinical")][0] | .recipient_phone == "+15555550101" and ((.provider_message_id // "") | startswith("mock-"))' \
  "the alert was texted (test mode) to the primary doctor"
ALERT_ID=$(echo "$BODY" | jq -r '[.[] | select(.kind == "clinical")][0].id')
call POST "/alerts/$ALERT_ID/acknowledge" "{\"status\":\"acknowledged\",\"doctor_id\":\"$DOCTOR_ID\"}"
expect 200 "acknowledge the newest alert"
call GET "/alerts/$PATIENT_ID"
check "any(.[]; .id == \"$ALERT_ID\" and .status == \"acknowledged\")" "the episode's status after acknowledging"
ok "alert for heart_rate 160 texted to the doctor (mock id), acknowledged"

call POST "/alerts/send/$PATIENT_ID" '{"message":"E2E smoke alert","severity":"INFO"}'
expect 201 "manual alert with severity INFO"
check '.severity == "info" and .message == "E2E smoke alert"' "manual alert"
call POST /alerts/notifications/send "{\"patient_id\":\"$PATIENT_ID\",\"message\":\"E2E second alert\",\"severity\":\"warning\"}"
expect 201 "manual alert via /alerts/notifications/send"
call POST "/alerts/send/$PATIENT_ID" '{"message":"x","severity":"LOUD"}'
expect 400 "a manual alert with a bad severity"
call GET "/alerts?doctor_id=$DOCTOR_ID&status=open"
expect 200 "the doctor's inbox"
check 'any(.[]; .message == "E2E second alert")' "inbox holds the patient's open alert"
call GET /alerts/system/status
expect 200 "alerts system status"
check '.test_mode == true and .ready == true and (has("auth_token") | not)' "Twilio test mode, no secrets"
ok "manual alerts (severity INFO), doctor's inbox, system status"

# 8. Who may do what: a device posts only for its own patient; a doctor reads only their own patients; a revoked
#    device is refused; admins read the audit trail.
call POST "/users/$PATIENT_ID/devices" "{\"device_id\":\"e2e-watch-$(date +%s%N)\",\"description\":\"E2E watch\"}"
expect 201 "register a device"
DEVICE_KEY=$(echo "$BODY" | jq -r .id)
DEVICE_LABEL=$(echo "$BODY" | jq -r .device_id)
DEVICE_TOKEN=$(echo "$BODY" | jq -r .token)
TOKEN=$DEVICE_TOKEN
call POST "/patient/$PATIENT_ID" '{"heart_rate": 72}'
expect 201 "the device posts a reading"
check ".device_id == \"$DEVICE_LABEL\"" "device_id taken from the token"
call POST "/patient/$VITALS_PATIENT_ID" '{"heart_rate": 72}'
expect 403 "the device posts for another patient"
call GET "/patient/$PATIENT_ID/latest"
expect 403 "a device reads readings"
ok "device $DEVICE_LABEL posts for its patient only (201, 403 elsewhere, 403 on reads)"

# 9. FHIR R4 (docs/fhir.md): the device posts a transaction Bundle as a device hub does (conditional create by
#    identifier); it is read back as vital-signs Observations; a resend stores nothing; the episode is a DetectedIssue.
MEDIA_TYPE=application/fhir+json
FHIR_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
FHIR_ID="e2e-fhir-$(date +%s%N)"
FHIR_BUNDLE=$(cat <<JSON
{"resourceType":"Bundle","type":"transaction","entry":[
 {"fullUrl":"urn:uuid:$(cat /proc/sys/kernel/random/uuid)","request":{"method":"POST","url":"Observation","ifNoneExist":"identifier=urn:e2e|$FHIR_ID-hr"},
  "resource":{"resourceType":"Observation","status":"final","identifier":[{"system":"urn:e2e","value":"$FHIR_ID-hr"}],
   "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
   "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/$PATIENT_ID"},
   "effectiveDateTime":"$FHIR_AT","valueQuantity":{"value":77,"unit":"beats/minute","system":"http://unitsofmeasure.org","code":"/min"}}},
 {"fullUrl":"urn:uuid:$(cat /proc/sys/kernel/random/uuid)","request":{"method":"POST","url":"Observation","ifNoneExist":"identifier=urn:e2e|$FHIR_ID-bp"},
  "resource":{"resourceType":"Observation","status":"final","identifier":[{"system":"urn:e2e","value":"$FHIR_ID-bp"}],
   "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"subject":{"reference":"Patient/$PATIENT_ID"},
   "effectiveDateTime":"$FHIR_AT","component":[
    {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":121,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
    {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":79,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]}}]}
JSON
)
call POST /fhir "$FHIR_BUNDLE"
expect 200 "POST /fhir transaction Bundle"
check '.resourceType == "Bundle" and .type == "transaction-response" and ([.entry[].response.status] == ["201 Created","201 Created"])' \
  "both Observations created"
call POST /fhir "$FHIR_BUNDLE"
expect 200 "the same Bundle again"
check '[.entry[].response.status] == ["200 OK","200 OK"]' "a resent Bundle stores nothing twice"
call POST /fhir "${FHIR_BUNDLE//\/min/%}"
expect 400 "a heart rate in %"
check '.resourceType == "OperationOutcome" and .issue[0].expression[0] == "Bundle.entry[0].resource.valueQuantity.code"' \
  "an OperationOutcome naming the entry"
TOKEN=$ADMIN_TOKEN
call GET "/fhir/Observation?patient=$PATIENT_ID&code=http://loinc.org%7C85354-9&date=ge$FHIR_AT&_count=10"
expect 200 "search the blood pressure back"
check "[.entry[].resource | select(.identifier[0].value == \"$FHIR_ID-bp\")][0] | (.component | map(.valueQuantity.value)) == [121,79]" \
  "the blood pressure panel read back"
check '.entry[0].fullUrl | startswith("'"${HHMS_PUBLIC_URL:-http://localhost:8080}"'/fhir/Observation/")' "absolute links on the public address (HHMS_PUBLIC_URL)"
call GET "/fhir/Observation/\$lastn?patient=$PATIENT_ID&code=8867-4"
expect 200 "\$lastn"
check '.entry | length == 1' "the newest heart rate"
call GET "/fhir/DetectedIssue?patient=$PATIENT_ID"
expect 200 "the open episodes as DetectedIssue"
check "any(.entry[].resource; .id == \"$ALERT_ID\" and (.implicated | length) > 0)" "the heart-rate episode, naming its readings"
call GET "/fhir/Patient/$PATIENT_ID"
expect 200 "the patient as FHIR"
check '.resourceType == "Patient" and .name[0].text == "E2E Patient"' "the patient's name"
TOKEN=""
call GET /fhir/metadata
expect 200 "the CapabilityStatement without a token"
check '.resourceType == "CapabilityStatement" and .fhirVersion == "4.0.1"' "FHIR R4"
TOKEN=$DEVICE_TOKEN
MEDIA_TYPE=""
ok "FHIR: a transaction Bundle stored once, read back by search and \$lastn, the episode as a DetectedIssue"

TOKEN=""
call POST /users/login "{\"email\":\"e2e.doctor@hhms.test\",\"password\":\"$DOCTOR_PASSWORD\"}"
expect 200 "the doctor signs in"
TOKEN=$(echo "$BODY" | jq -r .access_token)
call GET "/patient/$PATIENT_ID/latest"
expect 200 "the doctor reads their patient"
call GET "/patient/$VITALS_PATIENT_ID/latest"
expect 403 "the doctor reads someone else's patient"
check '.status == 403' "403 problem details"
call GET "/alerts?status=open"
expect 200 "the doctor's own inbox"
ok "the doctor reads their own patient (200) and not another (403)"

TOKEN=$ADMIN_TOKEN
call DELETE "/users/$PATIENT_ID/devices/$DEVICE_KEY"
expect 200 "revoke the device"
check '.revoked_at != null' "revoked"
TOKEN=$DEVICE_TOKEN
for _ in $(seq 1 25); do
  call POST "/patient/$PATIENT_ID" '{"heart_rate": 73}'
  [ "$STATUS" = 401 ] && break
  sleep 0.2
done
expect 401 "a revoked device token"
TOKEN=$ADMIN_TOKEN
sleep 0.5 # the audit trail is written in batches every 200 ms
call GET "/patient/audit?patient_id=$PATIENT_ID&actor_id=$DOCTOR_ID"
expect 200 "the audit trail"
check 'any(.[]; .action == "GET /patient/{patientId}/latest" and .status == 200)' "the doctor's read is audited"
ok "revoked device refused within 5 s; the doctor's read is in the audit trail"

# The dashboard (docs/dashboard.md) through the gateway: / goes to the sign-in page; signing in with the form (and
# its CSRF token) gives a session cookie and the doctor's patients; signing out ends the session.
JAR=$(mktemp)
page=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 10 "$BASE_URL/")
[[ "$page" == "302 "*"/sign-in" ]] || fail "GET / without a session: expected a redirect to /sign-in, got '$page'"
signin=$(curl -s -c "$JAR" -b "$JAR" --max-time 10 "$BASE_URL/sign-in")
grep -q 'id="sign-in-form"' <<<"$signin" || fail "GET /sign-in through the gateway does not serve the sign-in page"
csrf=$(grep -o 'name="_csrf" value="[^"]*"' <<<"$signin" | head -n 1 | sed 's/.*value="//; s/"$//')
[ -n "$csrf" ] || fail "the sign-in page carries no CSRF token"
status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$JAR" -b "$JAR" --max-time 15 \
  --data-urlencode "email=e2e.doctor@hhms.test" --data-urlencode "password=$DOCTOR_PASSWORD" \
  --data-urlencode "_csrf=$csrf" "$BASE_URL/sign-in")
[[ "$status" == "302 "*/ ]] || fail "signing in on the dashboard: expected a redirect to /, got '$status'"
home=$(curl -s -b "$JAR" --max-time 15 "$BASE_URL/")
grep -q "E2E Patient" <<<"$home" || fail "the dashboard's home page does not list the doctor's patient"
grep -q 'HttpOnly' <(curl -s -D - -o /dev/null "$BASE_URL/sign-in") || fail "the session cookie is not HttpOnly"
rm -f "$JAR"
ok "dashboard: / goes to the sign-in page; the doctor signs in through the gateway and sees their patient"

TOKEN=""
docs=$(curl -s -L -o /dev/null -w '%{http_code}' "$BASE_URL/users/docs")
[ "$docs" = 200 ] || fail "the API docs through the gateway: expected HTTP 200 after the redirect, got $docs"
call GET "/alerts/api-docs"
expect 200 "the alerts OpenAPI document without a token"
check '.openapi != null' "an OpenAPI document"
call GET "/users/actuator/prometheus"
[ "$STATUS" != 200 ] || fail "metrics must not be served through the gateway"
ok "API docs public through the gateway; metrics are not"

# The operator's metrics, on the management ports (loopback; only when the stack runs on this machine).
if [[ "$BASE_URL" =~ ^http://(localhost|127\.0\.0\.1): ]]; then
  # metric PORT PATTERN DESCRIPTION: a line matching PATTERN with a value above 0 in the scrape of PORT, or of the
  # same service's other instances (run-local.sh --replicas: PORT + 100, + 200, + 300) since either may have done it.
  metric() {
    for port in "$1" $(($1 + 100)) $(($1 + 200)) $(($1 + 300)); do
      curl -s --max-time 5 "http://127.0.0.1:$port/actuator/prometheus" | grep -E "^$2" \
        | awk '{ if ($NF > 0) f = 1 } END { exit !f }' && return 0
    done
    fail "metric $3 ($2 on port $1 or its replicas' ports) missing or zero"
  }
  metric "${VITALS_MANAGEMENT_PORT:-9082}" 'hhms_readings_ingested_total\{.*outcome="stored"' "readings stored"
  metric "${VITALS_MANAGEMENT_PORT:-9082}" 'hhms_readings_ingested_total\{.*outcome="repeat"' "readings resent"
  metric "${ANALYTICS_MANAGEMENT_PORT:-9083}" 'hhms_pipeline_delay_seconds_count\{.*received_to_judged' "readings judged"
  metric "${ALERTS_MANAGEMENT_PORT:-9084}" 'hhms_alerts_opened_total\{.*kind="clinical"' "episodes opened"
  metric "${ALERTS_MANAGEMENT_PORT:-9084}" 'hhms_pipeline_delay_seconds_count\{.*detected_to_alert' "anomalies alerted"
  metric "${ALERTS_MANAGEMENT_PORT:-9084}" 'hhms_sms_sent_total\{' "SMS sent"
  ok "pipeline metrics on the management ports: readings, judgement delay, episodes, SMS"
fi

echo "PASS: end-to-end checks passed against $BASE_URL"
