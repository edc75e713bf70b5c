"""Drives the Python Analytics SDK's RunManifests against a DynamoDB endpoint.

    run_manifests.py ENDPOINT REGION TABLE create
    run_manifests.py ENDPOINT REGION TABLE add RUN_ID...
    run_manifests.py ENDPOINT REGION TABLE contains RUN_ID...

Credentials come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ...), as boto3
reads them. `contains` prints one JSON object: {run id: whether the SDK says it is in the manifest}.
"""
import json
import sys

import boto3
from snowplow_analytics_sdk.run_manifests import RunManifests

endpoint, region, table, command, *run_ids = sys.argv[1:]
manifests = RunManifests(boto3.client("dynamodb", endpoint_url=endpoint, region_name=region), table)
if command == "create":
    manifests.create()
elif command == "add":
    for run_id in run_ids:
        manifests.add(run_id)
elif command == "contains":
    print(json.dumps({run_id: manifests.contains(run_id) for run_id in run_ids}))
else:
    sys.exit(f"run_manifests.py: unknown command {command!r}")
