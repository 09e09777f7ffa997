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
# Installs nothing: when OVN is missing or a topology does not come up the
# reason is a row  note ovn REASON  and the exit status is 1 (the other
# topology is still measured).
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
NOTED=0 FAILED=0
note() { printf 'note\tovn\t%s\n' "$*"; log "$*"; NOTED=1; }
# failed WHAT: a note unless a more precise one was given, the daemons' last
# words on stderr; the exit status will be 1.
failed() {
	[ "$NOTED" = 1 ] || note "$1 failed"
	tail -n 5 "$BT_TMP"/*/*.log >&2
	NOTED=0 FAILED=1
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

# rx_sample PID: RX = packets received on eth0 of the namespace PID lives in,
# NOW = microseconds.  Builtins only: forks are slow while the sender and
# ovs-vswitchd keep both cores busy, and would stretch the intervals.
rx_sample() {
	local line
	while read -r line; do
		# shellcheck disable=SC2086 # "eth0: bytes packets ..." split on blanks
		case $line in eth0:*) set -- ${line/:/ }; RX=$3 ;; esac
	done <"/proc/$1/net/dev"
	NOW=${EPOCHREALTIME/./}
}

# udp64_run TOPO: packets/s of 64-byte frames (18 bytes of UDP payload)
# arriving on the destination VM's eth0, five intervals of STEP seconds
# while iperf3 sends as fast as it can.  The only place that generates the
# small-packet load, so another generator replaces just this function.  The
# sender is stopped once sampled: its time limit is only a bound.
udp64_run() {
	local rep rx0 t0 client probe
	server_start
	# nsenter execs, so $! is the process itself: timeout passes SIGTERM on
	# to iperf3, and sleep is a process inside the destination VM whose
	# /proc/PID/net/dev is that namespace's.
	nsenter --net="/run/netns/$(bt_ns "$SRC_VM")" timeout $((2 * SECS + 15)) \
		iperf3 -c "$VM_B_IP" -p 5201 -u -b 0 -l 18 -t $((2 * SECS + 10)) >/dev/null 2>&1 &
	client=$!
	nsenter --net="/run/netns/$(bt_ns "$DST_VM")" sleep $((2 * SECS + 15)) &
	probe=$!
	BT_PIDS+=("$client" "$probe")
	sleep 1
	for rep in 0 1 2 3 4; do
		rx_sample "$probe"
		rx0=$RX t0=$NOW
		sleep "$STEP"
		rx_sample "$probe"
		row "$1" udp64 "$rep" $(((RX - rx0) * 1000000 / (NOW - t0)))
	done
	kill "$client" "$probe" 2>/dev/null
	wait "$client" "$probe" 2>/dev/null
	return 0
}

run_tests() { # TOPO
	log "$1: waiting for OVN"
	ovn_port_up pA && ovn_port_up pB || { note "$1: OVN did not bind the ports"; return 1; }
	log "$1: ports up"
	ping_ready "$SRC_VM" "$VM_B_IP" || { note "$1: no connectivity through OVN"; return 1; }
	log "$1: tests"
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
same_chassis || failed "same: OVN set-up or tests"
retire_same
two_chassis || failed "cross: OVN set-up or tests"
exit $FAILED
