#!/usr/bin/env bash
# Hitless restart: a VM pings its neighbour every 10 ms for 3 s while xovnd
# is stopped and started again; not one echo may be lost.  The new xovnd
# reuses the pinned maps (and writes nothing), replaces the program in
# place, and --cleanup finally takes the datapath down.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin restart

HV=xe-rhv-$SUF VM1=xe-rvm1-$SUF VM2=xe-rvm2-$SUF
MAC1=02:00:00:00:03:01 MAC2=02:00:00:00:03:02

one_chassis_pair "$HV" "$VM1" $MAC1 10.1.0.1 "$VM2" $MAC2 10.1.0.2 || exit 1

xovnd_start "$HV" hv1
check "first xovnd applies" wait_log hv1 'applied generation' 10
check "first xovnd attached both VIFs" wait_log hv1 'attached xovn_vif_ingress to vif' 5 2
check "vm1 -> vm2 before the restart" ping_ok "$VM1" 10.1.0.2
check "vm1 learned vm2's MAC" test "$(neigh_mac "$VM1" 10.1.0.2)" = $MAC2

filter_ids() {
	nsenter --net="/run/netns/$HV" tc filter show dev vif1 ingress |
		grep -o ' id [0-9]*' | tr -d ' id'
}
old_id=$(filter_ids)

echo "restart under traffic"
steady_ping_start "$VM1" 10.1.0.2 300 8
first_pid=$XOVND_PID
xovnd_stop "$first_pid"
check "the stopped xovnd said the datapath stays" wait_log hv1 'datapath keeps running' 1
xovnd_start "$HV" hv1
check "second xovnd reused the pinned maps" wait_log hv1 'datapath reused' 5
check "second xovnd wrote nothing" wait_log hv1 'applied generation [0-9]+: \+0 -0 entries' 5
steady_ping_wait
check "300 of 300 echoes answered across the restart" test "${PING_RECEIVED:-0}" -eq 300

new_id=$(filter_ids)
check "the program was replaced in place (id $old_id -> $new_id)" \
	test -n "$new_id" -a "$new_id" != "$old_id"
check "still exactly one xovn filter on vif1" test "$(filter_ids | wc -l)" -eq 1
check "vm1 -> vm2 after the restart" ping_ok "$VM1" 10.1.0.2

echo "edits after the restart are picked up"
ctl lsp-set-addresses p2 "02:00:00:00:03:99 10.1.0.2" || fail "xovnctl set address"
check "second xovnd applied the edit" wait_log hv1 'applied generation [0-9]+: \+[1-9]' 3
# The ARP responder answers from the model, so vm1 now learns the new MAC.
ip -n "$VM1" neigh flush dev eth0
one_ping "$VM1" 10.1.0.2
check "the responder answers with the edited MAC" \
	test "$(neigh_mac "$VM1" 10.1.0.2)" = 02:00:00:00:03:99

echo "--cleanup takes the datapath down"
xovnd_stop "$XOVND_PID"
nsenter --net="/run/netns/$HV" "$XOVND" --chassis hv1 --pin-dir "$E2E_PIN_ROOT/hv1" \
	--cleanup >>"$(xovnd_log hv1)" 2>&1
check "cleanup exits 0" test $? -eq 0
check "no filter left on vif1" test -z "$(filter_ids)"
check "pins removed" test ! -e "$E2E_PIN_ROOT/hv1"
check "without the datapath vm1 cannot reach vm2" ping_none "$VM1" 10.1.0.2

e2e_end
