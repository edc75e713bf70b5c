#!/usr/bin/env python3
"""Validates Dataflow Runner config files against Avro schemas with fastavro.

Usage: check-avro.py SCHEMA DOCUMENT [SCHEMA DOCUMENT ...]

Each DOCUMENT is a self-describing JSON file ({"schema": ..., "data": ...}); its `data` is
validated against SCHEMA, an Avro schema file, with fastavro in strict mode (every field
present), and then checked for fields the schema does not define (which fastavro ignores). This is an independent check of `snowplowctl generate`
output: it shares no code with snowplowctl. Prints one line per document and exits 1 when any
document fails.
"""

import json
import sys

import fastavro
from fastavro.validation import ValidationError, validate


def unknown_fields(datum, schema, named, path=""):
    """Paths of record fields in `datum` that `schema` does not define."""
    if isinstance(schema, str):
        schema = named.get(schema, schema)
    if isinstance(schema, list):
        # The schemas here only have unions of one type and null.
        if datum is None:
            return []
        branches = [b for b in schema if b != "null"]
        return unknown_fields(datum, branches[0], named, path) if len(branches) == 1 else []
    if not isinstance(schema, dict):
        return []
    kind = schema.get("type")
    if kind == "record":
        fields = {f["name"]: f["type"] for f in schema["fields"]}
        found = [f"{path}/{key}" for key in datum if key not in fields]
        for key, field_type in fields.items():
            if key in datum:
                found += unknown_fields(datum[key], field_type, named, f"{path}/{key}")
        return found
    if kind == "array":
        return [p for i, item in enumerate(datum) for p in unknown_fields(item, schema["items"], named, f"{path}/{i}")]
    if kind == "map":
        return [p for k, v in datum.items() for p in unknown_fields(v, schema["values"], named, f"{path}/{k}")]
    return []


def named_types(schema, named):
    """Every named type defined in `schema`, by full name (fastavro's parsed form)."""
    if isinstance(schema, list):
        for branch in schema:
            named_types(branch, named)
    elif isinstance(schema, dict):
        if schema.get("type") in ("record", "enum", "fixed"):
            named[schema["name"]] = schema
        for field in schema.get("fields", []):
            named_types(field["type"], named)
        for key in ("items", "values"):
            if key in schema:
                named_types(schema[key], named)
    return named


def main(args):
    if not args or len(args) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    failed = 0
    for schema_path, document_path in zip(args[::2], args[1::2]):
        with open(schema_path, encoding="utf-8") as f:
            schema = fastavro.parse_schema(json.load(f))
        with open(document_path, encoding="utf-8") as f:
            document = json.load(f)
        try:
            validate(document["data"], schema, strict=True)
            extra = unknown_fields(document["data"], schema, named_types(schema, {}))
            if extra:
                raise ValidationError(f"fields the schema does not define: {', '.join(extra)}")
            print(f"ok {document_path} ({schema_path})")
        except (ValidationError, KeyError) as error:
            failed += 1
            print(f"FAILED {document_path} ({schema_path}): {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
