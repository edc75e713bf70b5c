#!/usr/bin/env python3
"""Times the Python Analytics SDK's transform() on the lines of a file (the transform benchmark's
baseline; scripts/bench runs it with .venv's Python).

    bench-python-transform.py FILE MAX_LINES

Prints one JSON line: lines transformed, wall and CPU seconds spent in transform() (reading
excluded), failures.
"""
import json
import sys
import time

from snowplow_analytics_sdk.event_transformer import transform
from snowplow_analytics_sdk.snowplow_event_transformation_exception import SnowplowEventTransformationException

limit = int(sys.argv[2])
with open(sys.argv[1], encoding="utf-8", newline="\n") as f:
    lines = [line[:-1] if line.endswith("\n") else line for _, line in zip(range(limit), f)]
failures = 0
start, cpu_start = time.perf_counter(), time.process_time()
for line in lines:
    try:
        transform(line)
    except SnowplowEventTransformationException:
        failures += 1
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
print(json.dumps({"lines": len(lines), "seconds": seconds, "cpu_seconds": cpu_seconds, "failures": failures}))
