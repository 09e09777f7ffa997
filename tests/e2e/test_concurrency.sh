#!/usr/bin/env bash
# Concurrent and interrupted writers of the model:
#  - 8 xovnctl processes x 200 random edits (new switches, ports, HA
#    groups), all at once: every edit is in the db afterwards;
#  - a reader polls the file throughout and parses and schema-validates
#    every snapshot: never a partial or invalid document;
#  - xovnctl killed with SIGKILL in the middle of a large chained write
#    leaves exactly the old model or exactly the new one.
# Uses only a private temp directory; kills only the processes it started.
set -u
cd "$(dirname "$0")/../.."
ctl=$PWD/build/xovnctl
schema=$PWD/schemas/nb.schema.json
# tmpfs: the test is about atomicity and locking, not disk speed.
work=$(mktemp -d /dev/shm/xovn-concurrency.$$.XXXXXX)
db=$work/nb.json
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

WRITERS=8 EDITS=200

"$ctl" --db "$db" ls-add base || fail "initial write"

# One writer: EDITS random additive edits, each named after (writer, i).
writer() {
	local w=$1 i
	RANDOM=$((w * 7919))
	for ((i = 0; i < EDITS; i++)); do
		case $((RANDOM % 3)) in
		0) "$ctl" --db "$db" ls-add "s-$w-$i" ;;
		1) "$ctl" --db "$db" lsp-add base "p-$w-$i" ;;
		2) "$ctl" --db "$db" ha-chassis-group-add "g-$w-$i" ;;
		esac || { echo "writer $w edit $i failed"; return 1; }
		echo "$w-$i" >>"$work/done.$w"
	done
}

# The reader: parses and validates every snapshot until told to stop.
cat >"$work/reader.py" <<'EOF'
import json, os, sys, jsonschema
db, schema_path, stop = sys.argv[1:4]
validator = jsonschema.Draft202012Validator(json.load(open(schema_path)))
reads = 0
while not os.path.exists(stop):
    with open(db, "rb") as f:
        raw = f.read()
    try:
        doc = json.loads(raw)
    except ValueError as e:
        print(f"reader: snapshot {reads} does not parse ({len(raw)} bytes): {e}")
        sys.exit(1)
    errors = list(validator.iter_errors(doc))
    if errors:
        print(f"reader: snapshot {reads} invalid: {errors[0].message}")
        sys.exit(1)
    reads += 1
print(f"reader: {reads} snapshots, all whole and valid")
sys.exit(0 if reads >= 20 else 1)
EOF
python3 "$work/reader.py" "$db" "$schema" "$work/stop" &
reader=$!
pids+=("$reader")

start=$(date +%s)
writer_pids=()
for ((w = 0; w < WRITERS; w++)); do
	writer "$w" &
	writer_pids+=("$!")
	pids+=("$!")
done
for p in "${writer_pids[@]}"; do
	wait "$p" || fail "a writer failed"
done
touch "$work/stop"
wait "$reader" || fail "the reader saw a broken snapshot"
echo "writers: $((WRITERS * EDITS)) edits in $(( $(date +%s) - start )) s"

# Every edit is there: count names in the final db.
python3 - "$db" "$WRITERS" "$EDITS" <<'EOF' || fail "edits lost"
import json, sys
db, writers, edits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
doc = json.load(open(db))
names = {s["name"] for s in doc["logical_switches"]}
names |= {p["name"] for s in doc["logical_switches"] for p in s["ports"]}
names |= {g["name"] for g in doc.get("ha_chassis_groups", [])}
missing = [f"{w}-{i}" for w in range(writers) for i in range(edits)
           if not ({f"s-{w}-{i}", f"p-{w}-{i}", f"g-{w}-{i}"} & names)]
if missing:
    print(f"{len(missing)} edits missing, e.g. {missing[:5]}")
    sys.exit(1)
print(f"all {writers * edits} edits present")
EOF
"$ctl" --db "$db" show >/dev/null || fail "xovnctl cannot read the final db"

# SIGKILL in the middle of a 121-command chain: old or new, nothing between.
kills=0
for ((k = 0; k < 10; k++)); do
	args=(ls-add "kill-$k")
	for ((i = 0; i < 60; i++)); do
		args+=(-- lsp-add "kill-$k" "kp-$k-$i" -- lsp-set-addresses "kp-$k-$i"
		       "$(printf '0a:00:00:%02x:%02x:01' "$k" "$i") 10.$k.$i.1")
	done
	cp "$db" "$work/before.json"
	"$ctl" --db "$db" "${args[@]}" &
	victim=$!
	pids+=("$victim")
	sleep "0.00$((RANDOM % 10))$((RANDOM % 10))"
	kill -9 "$victim" 2>/dev/null && kills=$((kills + 1))
	wait "$victim" 2>/dev/null
	python3 - "$db" "$work/before.json" "$k" <<'EOF' || fail "kill $k left a broken model"
import json, sys
db, before, k = sys.argv[1], sys.argv[2], sys.argv[3]
doc = json.load(open(db))
old = json.load(open(before))
sw = [s for s in doc["logical_switches"] if s["name"] == f"kill-{k}"]
if doc == old:
    sys.exit(0)
if len(sw) == 1 and len(sw[0]["ports"]) == 60 and \
   all(len(p.get("addresses", [])) == 1 for p in sw[0]["ports"]):
    sys.exit(0)
print(f"kill {k}: neither the old nor the new model")
sys.exit(1)
EOF
	"$ctl" --db "$db" show >/dev/null || fail "kill $k: xovnctl rejects the db"
done
echo "killed $kills writers mid-chain; the db was whole every time"
echo "PASS"
