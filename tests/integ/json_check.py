#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Validates a JSON document (stdin) against one of the installed schemas
# (schema/*.schema.json) with python3-jsonschema: exit 0 when it parses
# and validates, 1 with the first errors otherwise, 77 when the jsonschema
# module is missing (the caller counts a skip).
#   json_check.py SCHEMA_FILE < document
#   json_check.py SCHEMA_FILE 'PYTHON EXPRESSION over d' < document
# The second form also requires the expression to be true for the
# document d (for checks of content, e.g. d["groups"][0]["name"] == "g").
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is missing", file=sys.stderr)
    sys.exit(77)

schema = json.load(open(sys.argv[1]))
text = sys.stdin.read()
try:
    d = json.loads(text)
except ValueError as e:
    print("not JSON: %s" % e, file=sys.stderr)
    sys.exit(1)
v = jsonschema.Draft202012Validator(schema)
errors = sorted(v.iter_errors(d), key=lambda e: list(e.path))
for e in errors[:5]:
    print("%s: %s" % ("/".join(str(p) for p in e.path), e.message),
          file=sys.stderr)
if errors:
    sys.exit(1)
if len(sys.argv) > 2 and not eval(sys.argv[2], {"d": d}):
    print("false for the document: %s" % sys.argv[2], file=sys.stderr)
    sys.exit(1)
sys.exit(0)
