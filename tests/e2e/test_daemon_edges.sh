#!/usr/bin/env bash
# xovnd at the edges: started before its model exists (it waits, then
# applies the model as soon as xovnctl writes it) and before its VIF
# exists (attached when it appears); --once on a bad model changes nothing
# and exits 1; command-line mistakes are refused.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin edges

HV=xe-ehv-$SUF VM1=xe-evm1-$SUF VM2=xe-evm2-$SUF
MAC1=02:00:00:00:07:01 MAC2=02:00:00:00:07:02

echo "command line"
quiet() { "$@" >/dev/null 2>&1; }
check_not "--chassis is required" quiet "$XOVND" --db "$DB" --once
check_not "an unknown option is refused" quiet "$XOVND" --chassis hv1 --bogus
check "--help explains the signals" bash -c "'$XOVND' --help | grep -q 'SIGTERM'"

echo "started before its model and its VIF exist"
netns_add "$HV"
vm_add "$VM1" "$HV" vif1 $MAC1 10.4.0.1/24
xovnd_start "$HV" hv1
check "xovnd waits for a model that names its chassis" \
	wait_log hv1 "refusing generation [0-9]+: chassis 'hv1' is not in the model" 10
check "and keeps running" kill -0 "$XOVND_PID"
ctl ls-add ls1 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.4.0.1" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.4.0.2" \
	-- chassis-add hv1 geneve 192.0.2.1 \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv1 vif2 p2 || exit 1
check "the model is applied once xovnctl writes it" \
	wait_log hv1 'applied generation [0-9]+: \+[1-9]' 2
check "vif1 attached" wait_log hv1 'attached xovn_vif_ingress to vif1' 2
check "vif2 awaited" wait_log hv1 'vif2 is not here yet' 2
vm_add "$VM2" "$HV" vif2 $MAC2 10.4.0.2/24
check "vif2 attached when it appears" wait_log hv1 'attached xovn_vif_ingress to vif2' 2
check "vm1 -> vm2" until_ok 3 one_ping "$VM1" 10.4.0.2

echo "--once with a bad model"
dump_ports() { bpftool map dump pinned "$E2E_PIN_ROOT/hv1/xovn_ports" 2>/dev/null; }
before=$(dump_ports)
xovnd_stop "$XOVND_PID"
bad=$E2E_TMP/bad.json
sed "s/$MAC2/not-a-mac/" "$DB" >"$bad"
out=$(nsenter --net="/run/netns/$HV" "$XOVND" --chassis hv1 --db "$bad" \
	--pin-dir "$E2E_PIN_ROOT/hv1" --once 2>&1)
rc=$?
echo "$out" | sed 's/^/    /'
check "--once exits 1 on a bad model" test "$rc" -eq 1
check "and names the offending field" grep -q 'mac-syntax' <<<"$out"
check "the maps are unchanged" test "$(dump_ports)" = "$before"
check "traffic still flows" ping_ok "$VM1" 10.4.0.2

e2e_end
