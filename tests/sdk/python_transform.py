"""Runs the Python Analytics SDK's transform() over every line of a file.

    python_transform.py LINES_FILE

Prints one JSON line per input line: the SDK's object, or {"__errors__": [...]} when the SDK
rejects the line. Lines are split on "\n" only, as enriched files are.
"""
import json
import sys

from snowplow_analytics_sdk.event_transformer import transform
from snowplow_analytics_sdk.snowplow_event_transformation_exception import SnowplowEventTransformationException

with open(sys.argv[1], encoding="utf-8", newline="\n") as lines:
    for line in lines:
        line = line[:-1] if line.endswith("\n") else line
        try:
            print(json.dumps(transform(line)))
        except SnowplowEventTransformationException as error:
            print(json.dumps({"__errors__": error.error_messages}))
