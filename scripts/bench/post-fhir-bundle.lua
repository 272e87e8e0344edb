-- wrk script: FHIR ingest. Each request is POST /fhir with a transaction Bundle of BATCH (100) new heart-rate
-- Observations, each a conditional create on its own identifier (as a device hub sends them).
-- Usage: PATIENT_ID=<uuid> TOKEN=<token> BATCH=100 wrk -t2 -c4 -d15s --latency -s scripts/bench/post-fhir-bundle.lua \
--        http://localhost:8080
local patient = os.getenv("PATIENT_ID")
local token = os.getenv("TOKEN")
local size = tonumber(os.getenv("BATCH") or "100")
assert(patient and token, "set PATIENT_ID and TOKEN")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/fhir+json"
wrk.headers["Authorization"] = "Bearer " .. token
local counter = 0
local seed = 0
local at = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 60)
init = function(args)
  seed = math.random(1, 1000000000)
end
request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, size do
    local id = string.format("f-%d-%d-%d", seed, counter, i)
    parts[i] = string.format('{"request":{"method":"POST","url":"Observation","ifNoneExist":"identifier=urn:bench|%s"},'
      .. '"resource":{"resourceType":"Observation","status":"final","identifier":[{"system":"urn:bench","value":"%s"}],'
      .. '"code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/%s"},'
      .. '"effectiveDateTime":"%s","valueQuantity":{"value":%d,"system":"http://unitsofmeasure.org","code":"/min"}}}',
      id, id, patient, at, 60 + i % 30)
  end
  return wrk.format(nil, "/fhir", nil, '{"resourceType":"Bundle","type":"transaction","entry":[' .. table.concat(parts, ",") .. ']}')
end
