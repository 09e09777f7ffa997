#!/usr/bin/env bash
# xovnd against OVN's clustered databases: NB and SB each a 3-member Raft
# cluster (Raft links on loopback, clients on unix sockets), ovn-northd and
# two xovnd chassis given all three members.  The SB leader and then the NB
# leader are killed while ovn-nbctl edits go on: every edit reaches both
# chassis (--wait=hv), none is lost, and pings keep flowing.  The member a
# chassis was connected to going away is a cut connection: the chassis keeps
# forwarding and catches up from another member.  hv1 also follows the NB
# (--ovn-nb-remote): a static route added after its NB member went away
# reaches its model (--model-out).
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin ovn-cluster
. "$(dirname "$0")/helpers/ovn_central.sh"

HV1=xc-hv1-$SUF HV2=xc-hv2-$SUF VM1=xc-vm1-$SUF VM2=xc-vm2-$SUF
UL1=192.168.85.1 UL2=192.168.85.2
BASE=$(( 20000 + ($$ % 2000) * 6 ))

step() { check "ovn-nbctl $*" nbctl "$@"; }

check "clustered NB and SB (3 members each) and ovn-northd" ovn_cluster_start $BASE
two_chassis_add "$HV1" $UL1 "$HV2" $UL2
check "xovnd joins as hv1" ovn_chassis_start "$HV1" hv1 $UL1 ul0 --ovn-nb-remote "$OVN_NB" \
	--model-out "$E2E_TMP/model-hv1.json"
check "xovnd joins as hv2" ovn_chassis_start "$HV2" hv2 $UL2 ul0
step ls-add ls
step lsp-add ls vm1 -- lsp-set-addresses vm1 "00:00:00:cc:00:01 10.0.6.1"
step lsp-add ls vm2 -- lsp-set-addresses vm2 "00:00:00:cc:00:02 10.0.6.2"
vm_add "$VM1" "$HV1" vm1 00:00:00:cc:00:01 10.0.6.1/24
vm_add "$VM2" "$HV2" vm2 00:00:00:cc:00:02 10.0.6.2/24
check "hv1: iface-id vm1" local_ctl hv1 vif-attach hv1 vm1 vm1
check "hv2: iface-id vm2" local_ctl hv2 vif-attach hv2 vm2 vm2
step --wait=hv sync
check "vm1 -> vm2" until_ok 40 one_ping "$VM1" 10.0.6.2

# A ping stream for the whole failover (bounded: 0.1 s apart, 30 s at most).
ip netns exec "$VM1" ping -q -i 0.1 -w 30 10.0.6.2 >"$E2E_TMP/ping.txt" 2>&1 &
PING_PID=$!
E2E_PIDS+=("$PING_PID")

has_leader() { test -n "$(ovn_leader "$1")"; }

edits=0
edit() {
	local n=$((edits + 1)) out
	out=$(nbctl --may-exist lsp-add ls e$n -- lsp-set-addresses e$n \
		"00:00:00:cc:01:$(printf %02x $n)" 2>&1) || { echo "  $out"; return 1; }
	edits=$n
}
for db in sb nb; do
	echo "killing the $db leader"
	leader=$(ovn_leader $db)
	check "the $db cluster has a leader ($leader)" test -n "$leader"
	check "edit before the $db leader goes" edit
	ovn_member_kill $db "$leader"
	# ovn-nbctl itself gives up while no member is leader: an operator's
	# script retries, bounded.
	for _ in 1 2 3; do check "edit while the $db cluster elects" until_ok 40 edit; done
	# ovn-northd and the chassis look for the new leader one member per
	# reconnect (OVS's IDL backs off up to 8 s), so on a loaded machine the
	# round trip can take longer than ovn-nbctl's usual 20 s: bounded at 60.
	t0=$SECONDS
	check "--wait=hv sync after the $db leader died" nbctl --timeout=60 --wait=hv sync
	echo "  (the sync took $((SECONDS - t0)) s)"
	check "the $db cluster has a new leader" until_ok 40 has_leader $db
	ovn_member_start $db "$leader"
done
check "--wait=hv sync with every member back" nbctl --timeout=60 --wait=hv sync

echo "hv1's SB member loses its cluster"
cur=$(grep -oE 'connected to unix:[^ ]*/sb[0-9]\.sock' "$(xovnd_log hv1)" | tail -1 | grep -oE '[0-9]\.sock$' | tr -dc 0-9)
check "hv1 is connected to an SB member ($cur)" test -n "$cur"
for i in 1 2 3; do [ "$i" = "$cur" ] || ovn_member_kill sb $i; done
check "hv1 leaves the member that lost its cluster (as OVS's IDL would)" \
	wait_log hv1 'not connected to its cluster' 20
check "vm1 -> vm2 meanwhile" ping_ok "$VM1" 10.0.6.2 3
for i in 1 2 3; do [ "$i" = "$cur" ] || ovn_member_start sb $i; done
check "an edit once the SB cluster is whole again" until_ok 40 edit
# The edit is in the NB; it reaches the SB once ovn-northd finds the new SB
# leader, and OVS's IDL looks for it one member per reconnect (backoff up
# to 8 s): until then no nb_cfg reaches the SB and no chassis can report
# it.  Bounded retries; each one still needs both chassis' reports.
check "--wait=hv sync once ovn-northd is back on the SB leader" \
	until_ok 40 nbctl --timeout=10 --wait=hv sync

echo "hv1's NB member goes away"
nb_cur=$(grep -oE 'OVN NB: connected to unix:[^ ]*/nb[0-9]\.sock' "$(xovnd_log hv1)" | tail -1 | grep -oE '[0-9]\.sock$' | tr -dc 0-9)
check "hv1 is connected to an NB member ($nb_cur)" test -n "$nb_cur"
ovn_member_kill nb "$nb_cur"
route_added() { nbctl --may-exist lr-add lr0 && nbctl --may-exist lr-route-add lr0 10.9.0.0/16 10.0.6.254; }
check "lr-add lr0, lr-route-add lr0 10.9.0.0/16 while it is gone" until_ok 40 route_added
check "the route reaches hv1's model from another NB member" \
	until_ok 40 bash -c "jq -e '.logical_routers[]? | select(.name == \"lr0\") | .static_routes[]? | select(.ip_prefix == \"10.9.0.0/16\")' '$E2E_TMP/model-hv1.json' >/dev/null 2>&1"
ovn_member_start nb "$nb_cur"

# Every edit reached both chassis: its MAC is in each chassis' fdb map.
fdb_macs() {
	bpftool -j map dump pinned "$E2E_PIN_ROOT/$1/xovn_fdb_v2" |
		jq -r '.[].formatted.key.mac | map(. | tostring) | join(" ")'
}
for hv in hv1 hv2; do
	fdb_macs $hv >"$E2E_TMP/fdb-$hv.txt"
	n=0
	for i in $(seq 1 $edits); do
		grep -qx "0 0 0 204 1 $i" "$E2E_TMP/fdb-$hv.txt" && n=$((n + 1))
	done
	check "$hv holds all $edits edits ($n)" test "$n" -eq "$edits"
done
kill -INT "$PING_PID" 2>/dev/null
wait "$PING_PID" 2>/dev/null
lost=$(grep -oE '[0-9]+% packet loss' "$E2E_TMP/ping.txt" | grep -oE '^[0-9]+')
echo "  pings during the failovers: $(grep -oE '[0-9]+ packets transmitted, [0-9]+ received' "$E2E_TMP/ping.txt")"
check "pings kept flowing through the failovers (loss ${lost:-?}%)" test "${lost:-100}" -eq 0
e2e_end
