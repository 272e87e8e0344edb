#!/usr/bin/env python3
"""Reading -> alert latency through the gateway: for each sample, a new patient linked to a doctor posts one
abnormal reading, then GET /alerts/{patient} is polled every 10 ms until an alert is "sent" (test mode).
Usage: python3 scripts/bench/reading-to-alert.py [samples]   (BASE_URL defaults to http://localhost:8080)
Signs in as the bootstrap admin: HHMS_ADMIN_EMAIL (admin@hhms.local) and HHMS_ADMIN_PASSWORD (.run/admin-password)."""
import datetime
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request

B = os.environ.get("BASE_URL", "http://localhost:8080")
HEADERS = {"Content-Type": "application/json"}
def call(method, path, body=None):
    req = urllib.request.Request(B + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers=HEADERS)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None
password = os.environ.get("HHMS_ADMIN_PASSWORD") or open(".run/admin-password").read().strip()
login = call("POST", "/users/login", {"email": os.environ.get("HHMS_ADMIN_EMAIL", "admin@hhms.local"),
                                      "password": password})[1]
HEADERS["Authorization"] = "Bearer " + login["access_token"]
doc = call("POST", "/users/register", {"email": f"lat.doc.{time.time_ns()}@x.org", "name": "Doc", "role": "doctor", "phone": "+15555550999"})[1]["id"]
samples = []
for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 15):
    p = call("POST", "/users/register", {"email": f"lat.p.{time.time_ns()}@x.org", "name": "P", "role": "patient"})[1]["id"]
    call("POST", "/users/relationships", {"doctor_id": doc, "patient_id": p})
    now = datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
    t0 = time.perf_counter()
    call("POST", f"/patient/{p}", {"timestamp": now, "heart_rate": 150})
    while True:
        st, alerts = call("GET", f"/alerts/{p}")
        if alerts and any(a["status"] == "sent" for a in alerts):
            break
        time.sleep(0.01)
    samples.append((time.perf_counter() - t0) * 1000)
samples.sort()
print("reading->alert sent (ms): p50 %.0f  p90 %.0f  max %.0f  n=%d" % (statistics.median(samples), samples[int(len(samples)*0.9)-1], samples[-1], len(samples)))
