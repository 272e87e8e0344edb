# Shared by scripts/bench.sh and scripts/bench/compare-commits.sh: source it, do not run it.

# Against the stack on localhost:8080: signs the admin in (HHMS_ADMIN_EMAIL, HHMS_ADMIN_PASSWORD), registers one
# patient with one device, and sets ADMIN_TOKEN, PATIENT_ID and DEVICE_TOKEN (the device's token, for wrk's scripts).
bench_patient() { # label, for the patient's email and the device's id
  ADMIN_TOKEN=$(curl -s -X POST localhost:8080/users/login -H 'Content-Type: application/json' \
    -d "{\"email\":\"$HHMS_ADMIN_EMAIL\",\"password\":\"$HHMS_ADMIN_PASSWORD\"}" | jq -r .access_token)
  PATIENT_ID=$(curl -s -X POST localhost:8080/users/register -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1.$(date +%s%N)@hhms.bench\",\"name\":\"Bench Patient\",\"role\":\"patient\"}" | jq -r .id)
  DEVICE_TOKEN=$(curl -s -X POST "localhost:8080/users/$PATIENT_ID/devices" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d "{\"device_id\":\"$1-watch\"}" | jq -r .token)
}
