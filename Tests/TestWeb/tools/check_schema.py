#!/usr/bin/env python3
"""Checks one JSON document (on stdin) against a JSON Schema file with python's jsonschema.

Prints one line per violation, `<JSON pointer>: <message>`, and exits 1 when there is any;
exits 0 when the document is valid, 2 when the check itself cannot run.

    python3 Tests/TestWeb/tools/check_schema.py docs/profile.schema.json < profile.json
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python's jsonschema is missing: install python3-jsonschema (scripts/install-deps does)", file=sys.stderr)
    sys.exit(2)


def main():
    if len(sys.argv) != 2:
        print("usage: check_schema.py SCHEMA.json < DOCUMENT.json", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as schema_file:
        schema = json.load(schema_file)
    try:
        document = json.load(sys.stdin)
    except ValueError as error:
        print(f": not JSON ({error})")
        return 1
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))
    for error in errors:
        pointer = "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in error.absolute_path)
        print(f"{pointer}: {error.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
