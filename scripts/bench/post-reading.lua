-- wrk script: single-reading ingest. Each request is a new reading (its own reading_id) for PATIENT_ID.
-- Usage: PATIENT_ID=<uuid> wrk -t2 -c32 -d15s --latency -s scripts/bench/post-reading.lua http://localhost:8080
local patient = os.getenv("PATIENT_ID")
assert(patient, "set PATIENT_ID to a registered patient's id")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"heart_rate": %d, "spo2": 97, "reading_id": "wrk-%d-%d-%d"}',
    60 + counter % 40, math.random(1, 1000000000), counter, os.time())
  return wrk.format(nil, "/patient/" .. patient, nil, body)
end
