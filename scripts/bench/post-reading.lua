-- wrk script: single-reading ingest. Each request is a new reading (its own reading_id) for PATIENT_ID, sent
-- with TOKEN (a device token of that patient, or a person's access token).
-- Usage: PATIENT_ID=<uuid> TOKEN=<token> wrk -t2 -c32 -d15s --latency -s scripts/bench/post-reading.lua \
--        http://localhost:8080
-- One token is one rate-limit bucket: start the stack with INGEST_RATE_LIMIT / INGEST_RATE_BURST above the rate.
local patient = os.getenv("PATIENT_ID")
local token = os.getenv("TOKEN")
assert(patient, "set PATIENT_ID to a registered patient's id")
assert(token, "set TOKEN to a device token of that patient or an access token")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"heart_rate": %d, "spo2": 97, "reading_id": "wrk-%d-%d-%d"}',
    60 + counter % 40, math.random(1, 1000000000), counter, os.time())
  return wrk.format(nil, "/patient/" .. patient, nil, body)
end
