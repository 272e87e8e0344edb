-- wrk script: batch ingest. Each request is POST /patient/batch/{PATIENT_ID} with BATCH (500) new readings.
-- HR_ONLY=1: heart rate alone in each reading (as a FHIR Observation carries one vital; scripts/bench/fhir-ingest.sh).
-- Usage: PATIENT_ID=<uuid> TOKEN=<token> BATCH=500 wrk -t2 -c4 -d15s --latency -s scripts/bench/post-batch.lua \
--        http://localhost:8080
local patient = os.getenv("PATIENT_ID")
local token = os.getenv("TOKEN")
local size = tonumber(os.getenv("BATCH") or "500")
local spo2 = os.getenv("HR_ONLY") == "1" and "" or ',"spo2":97'
assert(patient and token, "set PATIENT_ID and TOKEN")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
local counter = 0
local seed = 0
init = function(args)
  seed = math.random(1, 1000000000)
end
request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, size do
    parts[i] = string.format('{"heart_rate":%d%s,"reading_id":"b-%d-%d-%d"}', 60 + i % 30, spo2, seed, counter, i)
  end
  return wrk.format(nil, "/patient/batch/" .. patient, nil, '{"readings":[' .. table.concat(parts, ",") .. ']}')
end
