#!/usr/bin/env bash
# ovn_throughput.sh - the tests of bench/throughput.sh on OVN with Open
# vSwitch's userspace datapath (datapath_type=netdev), on the same topologies:
#
#   same chassis:  sA -- tA [s1: br-int] tB -- sB
#   two chassis:   cA -- tA [c1: br-int, br-phy] ==ul== [c2: br-phy, br-int] tB -- cB
#                  Geneve tunnels by OVS userspace tunnelling
#
#   bench/ovn_throughput.sh SECONDS     (rows on stdout, progress on stderr)
#
# Rows as bench/throughput.sh with IMPL ovn:  tp TOPOLOGY ovn TEST REP VALUE.
# Installs nothing: when OVN is missing or does not come up the reason is a
# row  note ovn REASON  and the exit status is 1.
set -u
XOVN_ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECS=${1:-10}
STEP=$(awk "BEGIN { print $SECS / 5 }")
. "$XOVN_ROOT/bench/topo.sh"
. "$XOVN_ROOT/bench/ovn_topo.sh"
BT_TMP=$(mktemp -d /tmp/xovn-bench-ovn.XXXXXX)

cleanup() { ovn_stop_all; bt_cleanup; rm -rf "$BT_TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "ovn_throughput: [$SECONDS s] $*" >&2; }
NOTED=0
note() { printf 'note\tovn\t%s\n' "$*"; log "$*"; NOTED=1; }
# give_up WHAT: a note unless a more precise one was given, the daemons' last
# words on stderr, exit 1.
give_up() {
	[ "$NOTED" = 1 ] || note "$1 failed"
	tail -n 5 "$BT_TMP"/*/*.log >&2
	exit 1
}
row() { printf 'tp\t%s\tovn\t%s\t%s\t%s\n' "$@"; } # TOPO TEST REP VALUE

# tcp_run TOPO TEST STREAMS: one iperf3 run, one row per interval.
tcp_run() {
	local out rep=0 v
	server_start
	out=$(bt_in "$SRC_VM" timeout $((SECS + 15)) iperf3 -c "$VM_B_IP" -p 5201 -t "$SECS" \
		-i "$STEP" -P "$3" -J) || { note "$1 $2: iperf3 failed"; return 1; }
	for v in $(echo "$out" | intervals_bps); do
		row "$1" "$2" "$rep" "$v"
		rep=$((rep + 1))
	done
}

# ip netns exec, not nsenter: only it shows the namespace's own /sys/class/net.
dst_rx_packets() { ip netns exec "$(bt_ns "$DST_VM")" cat /sys/class/net/eth0/statistics/rx_packets; }

# udp64_run TOPO: packets/s of 64-byte frames (18 bytes of UDP payload)
# arriving on the destination VM's eth0, five intervals of STEP seconds
# while iperf3 sends as fast as it can.  The only place that generates the
# small-packet load, so another generator replaces just this function.  The
# sender is stopped once sampled: its time limit is only a bound.
udp64_run() {
	local rep before after t0 t1 client
	server_start
	# nsenter execs timeout, so $! is timeout, which passes SIGTERM to iperf3.
	# -t leaves room for slow sampling on a busy machine.
	nsenter --net="/run/netns/$(bt_ns "$SRC_VM")" timeout $((2 * SECS + 15)) \
		iperf3 -c "$VM_B_IP" -p 5201 -u -b 0 -l 18 -t $((2 * SECS + 10)) >/dev/null 2>&1 &
	client=$!
	BT_PIDS+=("$client")
	sleep 1
	for rep in 0 1 2 3 4; do
		before=$(dst_rx_packets) t0=$(date +%s%N)
		sleep "$STEP"
		after=$(dst_rx_packets) t1=$(date +%s%N)
		row "$1" udp64 "$rep" "$(awk "BEGIN { printf \"%.0f\", ($after - $before) * 1e9 / ($t1 - $t0) }")"
	done
	kill "$client" 2>/dev/null
	wait "$client" 2>/dev/null
}

run_tests() { # TOPO
	log "$1: waiting for OVN"
	ovn_port_up pA && ovn_port_up pB || { note "$1: OVN did not bind the ports"; return 1; }
	log "$1: ports up"
	ping_ready "$SRC_VM" "$VM_B_IP" || { note "$1: no connectivity through OVN"; return 1; }
	log "$1 ovn"
	tcp_run "$1" tcp1 1 && tcp_run "$1" tcp4 4 && udp64_run "$1"
}

# One logical switch, the VMs' addresses as bench/throughput.sh gives xovn.
logical_switch() {
	ovn_nb ls-add ls -- lsp-add ls pA -- lsp-set-addresses pA "$VM_A_MAC $VM_A_IP" \
		-- lsp-add ls pB -- lsp-set-addresses pB "$VM_B_MAC $VM_B_IP"
}

add_vms() { # HV_A HV_B: VMs ${SRC_VM} on HV_A (tA) and ${DST_VM} on HV_B (tB)
	bt_add_vm "$SRC_VM" "$1" tA $VM_A_MAC $VM_A_IP && bt_add_vm "$DST_VM" "$2" tB $VM_B_MAC $VM_B_IP &&
		ovn_no_tx_offload "$SRC_VM" && ovn_no_tx_offload "$DST_VM"
}

same_chassis() {
	SRC_VM=sA DST_VM=sB
	bt_add_ns s1 && add_vms s1 s1 || return 1
	ovn_chassis_start s1 hv-s1 192.0.2.1 || { note "same: chassis daemons did not start"; return 1; }
	ovn_bind s1 tA pA && ovn_bind s1 tB pB || return 1
	run_tests same
}

two_chassis() {
	SRC_VM=cA DST_VM=cB
	bt_add_ns c1 && bt_add_ns c2 && bt_add_underlay c1 c2 && add_vms c1 c2 || return 1
	ovn_chassis_start c1 hv-c1 $UL_A && ovn_chassis_start c2 hv-c2 $UL_B ||
		{ note "cross: chassis daemons did not start"; return 1; }
	ovn_underlay c1 $UL_A && ovn_underlay c2 $UL_B || { note "cross: no underlay bridge"; return 1; }
	ovn_bind c1 tA pA && ovn_bind c2 tB pB || return 1
	run_tests cross
}

# The same-chassis ports move to the two chassis: the first chassis leaves.
retire_same() {
	ovn_stop "$BT_TMP/s1"
	ovn_sb chassis-del hv-s1
}

missing=$(ovn_missing | tr '\n' ' ')
[ -z "$missing" ] || { note "not measured: missing ${missing% }"; exit 1; }
ovn_central_start && logical_switch || { note "not measured: the OVN central did not start"; exit 1; }
same_chassis || give_up "same: OVN set-up or tests"
retire_same
two_chassis || give_up "cross: OVN set-up or tests"
