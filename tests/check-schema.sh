#!/bin/sh
# check-schema.sh - keeps schemas/nb.schema.json and the C validator in step.
#
#   * every examples/*.json, tests/unit/valid/*.json and tests/unit/incomplete/*.json
#     (stored, not yet in force) is valid JSON Schema-wise;
#   * every invalid model marked "schema" in tests/unit/invalid/EXPECT is
#     rejected by JSON Schema alone, at the path the C validator reports;
#   * every invalid model marked "semantic" passes JSON Schema: its fault is
#     one only the C validator can see, so no C-only syntax rule hides there;
#   * the schema's tunnel key maxima are the limits of include/xovn_maps.h
#     (XOVN_DP_KEY_MAX, XOVN_PORT_KEY_MAX), which the C side uses.
#
# Uses Debian's python3-jsonschema (Draft 2020-12).  Prints a summary and
# exits 1 when anything disagrees.
set -eu

src=${XOVN_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$src"

exec /usr/bin/python3 - <<'PY'
import glob, json, os, sys
import jsonschema

schema = json.load(open("schemas/nb.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
passed = failed = 0

def json_path(error):
    """The schema error's location in the C validator's path notation."""
    path = "$"
    for part in error.absolute_path:
        if isinstance(part, int):
            path += "[%d]" % part
        elif part.isidentifier():
            path += "." + part
        else:
            path += '["%s"]' % part.replace("\\", "\\\\").replace('"', '\\"')
    return path

def error_paths(error):
    """Paths an error stands for: required/additional name the member itself."""
    base = json_path(error)
    if error.validator in ("required", "dependentRequired"):
        return {base + "." + m for m in error.message.split("'")[1:2]}
    if error.validator == "additionalProperties":
        extra = set(error.instance) - set(error.schema.get("properties", {}))
        return {base + "." + m for m in extra}
    return {base}

def report(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)

def load(path):
    with open(path) as f:
        return json.load(f)

for path in sorted(glob.glob("examples/*.json") + glob.glob("tests/unit/valid/*.json") +
                   glob.glob("tests/unit/incomplete/*.json")):
    errors = [e.message for e in validator.iter_errors(load(path))]
    report(not errors, "%s is rejected by the schema: %s" % (path, errors[:3]))

expect = {}
for line in open("tests/unit/invalid/EXPECT"):
    if line.strip() and not line.startswith("#"):
        name, level, path, rule = line.split()
        expect.setdefault(name, (level, set()))[1].add(path)

files = {os.path.basename(p)[:-5] for p in glob.glob("tests/unit/invalid/*.json")}
for name in sorted(files ^ set(expect)):
    report(False, "%s: in EXPECT or on disk, not both" % name)

for name, (level, c_paths) in sorted(expect.items()):
    doc = load("tests/unit/invalid/%s.json" % name)
    schema_paths = set()
    for e in validator.iter_errors(doc):
        schema_paths |= error_paths(e)
    if level == "schema":
        report(schema_paths & c_paths,
               "%s: the schema does not reject it at %s (schema says %s)"
               % (name, sorted(c_paths), sorted(schema_paths)))
    else:
        report(not schema_paths,
               "%s: a semantic case, but the schema rejects it at %s"
               % (name, sorted(schema_paths)))

def c_constant(name):
    """The value of a #define NAME in include/xovn_maps.h (C integer literal)."""
    import re
    m = re.search(r"^#define\s+%s\s+(0x[0-9a-fA-F]+|[0-9]+)u?\b" % name,
                  open("include/xovn_maps.h").read(), re.M)
    return int(m.group(1), 0) if m else None

for obj, const in (("logical_switch", "XOVN_DP_KEY_MAX"), ("port", "XOVN_PORT_KEY_MAX")):
    want = c_constant(const)
    got = schema["$defs"][obj]["properties"]["tunnel_key"].get("maximum")
    report(want is not None and got == want,
           "%s.tunnel_key maximum %s is not %s = %s" % (obj, got, const, want))

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
