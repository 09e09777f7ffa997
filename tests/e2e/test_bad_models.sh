#!/usr/bin/env bash
# xovnd fed invalid models from the validator's corpus (broken syntax,
# wrong types, out-of-range values, dangling references, duplicates,
# semantic conflicts) while two VMs talk: each is refused with its JSON
# path and rule in the log, the maps stay byte-for-byte as they were,
# traffic keeps flowing, and a valid model afterwards is applied again.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin badmodels

HV=xe-bmhv-$SUF VM1=xe-bm1-$SUF VM2=xe-bm2-$SUF
MAC1=02:00:00:00:0b:01 MAC2=02:00:00:00:0b:02
CORPUS=$E2E_ROOT/tests/unit/invalid
BAD=(not-an-object.json missing-version.json port-type-enum.json member-priority-range.json
     parent-is-localport.json duplicate-port-name.json duplicate-ip.json ambiguous-localnet.json)

one_chassis_pair "$HV" "$VM1" $MAC1 10.11.0.1 "$VM2" $MAC2 10.11.0.2 || exit 1
cp "$DB" "$E2E_TMP/good.json"

xovnd_start "$HV" hv1
check "xovnd applies the model" wait_log hv1 'applied generation [0-9]+: \+[1-9]' 10
check "vm1 -> vm2 before" until_ok 10 ping_ok "$VM1" 10.11.0.2

# Every pinned map, dumped: the dataplane state a refusal must not touch.
maps_dump() {
	local m
	for m in "$E2E_PIN_ROOT"/hv1/xovn_*; do
		case $m in *stats*|*drops*|*trace*) continue ;; esac
		echo "== $m"; bpftool map dump pinned "$m" 2>&1
	done
}
maps_dump >"$E2E_TMP/maps.before"

# Replaces the db the way a writer would: a whole file, renamed into place.
put_db() { cp "$1" "$DB.tmp" && mv "$DB.tmp" "$DB"; }

refusals=0
for bad in "${BAD[@]}"; do
	[ -e "$CORPUS/$bad" ] || { fail "$bad in the corpus"; continue; }
	put_db "$CORPUS/$bad"
	refusals=$((refusals + 1))
	check "$bad refused" wait_log hv1 'refusing' 10 "$refusals"
	check "vm1 -> vm2 with $bad in the db" ping_ok "$VM1" 10.11.0.2 1
done
check "the refusals name a JSON path and a rule" \
	grep -qE '\$[.a-z_]*(\[[0-9]+\])?.*: [a-z-]+: ' "$(xovnd_log hv1)"
maps_dump >"$E2E_TMP/maps.after"
check "no map entry changed while bad models came and went" \
	cmp -s "$E2E_TMP/maps.before" "$E2E_TMP/maps.after"

# A valid model again (one more address) is applied as usual.
put_db "$E2E_TMP/good.json"
ctl lsp-set-addresses p2 "$MAC2 10.11.0.2 10.11.0.22" || fail "edit after the bad models"
check "a valid model afterwards is applied" wait_log hv1 'applied generation' 10 2
check "vm1 -> vm2 after" ping_ok "$VM1" 10.11.0.2
e2e_end
