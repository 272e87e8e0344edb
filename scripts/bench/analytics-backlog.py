#!/usr/bin/env python3
"""Times the analytics consumer on a backlog: publishes N vital.recorded events (50 made-up patients, every 37th
reading abnormal, or every Kth) straight onto hhms:vitals and waits until the analytics group has read them all.
Usage: python3 scripts/bench/analytics-backlog.py [N [K]]   (a running stack; Redis at 127.0.0.1:6379; K=0: none)"""
import datetime
import json
import subprocess
import sys
import time
import uuid

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
abnormal_every = int(sys.argv[2]) if len(sys.argv) > 2 else 37
patients = [str(uuid.uuid4()) for _ in range(50)]
now = datetime.datetime.now(datetime.timezone.utc)
commands = []
for i in range(n):
    at = (now - datetime.timedelta(seconds=n - i)).isoformat().replace("+00:00", "Z")
    event = json.dumps({"event_id": str(uuid.uuid4()), "type": "vital.recorded", "occurred_at": at,
                        "trace_id": None,
                        "data": {"patient_id": patients[i % 50], "reading_id": "bench-" + str(uuid.uuid4()),
                                 "recorded_at": at, "received_at": at,
                                 "heart_rate": 145 if abnormal_every and i % abnormal_every == 0 else 72, "spo2": 97}})
    commands.append(f"*5\r\n$4\r\nXADD\r\n$11\r\nhhms:vitals\r\n$1\r\n*\r\n$5\r\nevent\r\n"
                    f"${len(event.encode())}\r\n{event}\r\n")


def lag():
    fields = subprocess.run(["redis-cli", "XINFO", "GROUPS", "hhms:vitals"], capture_output=True,
                            text=True).stdout.split("\n")
    return int(fields[fields.index("lag") + 1]) if "lag" in fields else -1


start = time.time()
subprocess.run(["redis-cli", "--pipe"], input="".join(commands).encode(), capture_output=True, check=True)
while lag() > 0:
    time.sleep(0.2)
elapsed = time.time() - start
print(f"analytics consumed {n} readings in {elapsed:.1f} s -> {n / elapsed:.0f} readings/s")
