#!/usr/bin/env bash
# topo.sh - namespace topologies for the throughput benchmarks, sourced by
# bench/throughput.sh.  Every name carries $BT (unique per run), every
# address lives inside namespaces created here, and bt_cleanup removes all
# of it (namespaces, pins, the processes we started).
#
#   same chassis:  sA -- tA [s1: Linux bridge | xovn] tB -- sB
#   two chassis:   cA -- tA [c1] ==ul== [c2] tB -- cB
#                  baseline: VXLAN device + Linux bridge in each hv
#                  xovn:     Geneve by xovn's BPF programs

BT=${BT:-xb$$}
UL_A=172.30.0.1
UL_B=172.30.0.2
VM_A_MAC=02:00:00:00:09:01
VM_B_MAC=02:00:00:00:09:02
VM_A_IP=10.9.0.1
VM_B_IP=10.9.0.2
RT_A_MAC=02:00:00:00:09:fe   # the routed topology's gateway on 10.9.0.0/24
RT_B_MAC=02:00:00:00:09:fd   # and on 10.9.1.0/24
BT_PIDS=()
BT_PINS=()

bt_ns() { echo "$BT-$1"; }
bt_in() { local ns; ns=$(bt_ns "$1"); shift; nsenter --net="/run/netns/$ns" "$@"; }

bt_add_ns() {
	ip netns add "$(bt_ns "$1")" || return 1
	ip -n "$(bt_ns "$1")" link set lo up
}

# bt_add_vm VM HV IFNAME MAC IP: VM's eth0 is the peer of IFNAME in HV.
bt_add_vm() {
	local vm ch
	vm=$(bt_ns "$1") ch=$(bt_ns "$2")
	bt_add_ns "$1" || return 1
	ip -n "$ch" link add "$3" type veth peer name eth0 netns "$vm" || return 1
	ip -n "$vm" link set eth0 address "$4"
	ip -n "$vm" addr add "$5/24" dev eth0
	ip -n "$vm" link set eth0 up
	ip -n "$ch" link set "$3" up
}

# bt_add_underlay HV1 HV2: veth "ul" between them, $UL_A on HV1 and $UL_B on
# HV2, MTU 1600 so a 1500-byte inner frame fits.
bt_add_underlay() {
	local a b
	a=$(bt_ns "$1") b=$(bt_ns "$2")
	ip link add ul netns "$a" mtu 1600 type veth peer name ul netns "$b" mtu 1600 || return 1
	ip -n "$a" addr add "$UL_A/24" dev ul
	ip -n "$b" addr add "$UL_B/24" dev ul
	ip -n "$a" link set ul up
	ip -n "$b" link set ul up
}

# bt_bridge HV PORT...: Linux bridge br0 over the ports.
bt_bridge() {
	local ns p
	ns=$(bt_ns "$1"); shift
	ip -n "$ns" link add br0 type bridge || return 1
	ip -n "$ns" link set br0 up
	for p in "$@"; do ip -n "$ns" link set "$p" master br0; done
}

bt_unbridge() { ip -n "$(bt_ns "$1")" link del br0; }

# bt_vxlan HV LOCAL REMOTE: the kernel's own tunnel, VNI 42.
bt_vxlan() {
	local ns
	ns=$(bt_ns "$1")
	ip -n "$ns" link add vx0 type vxlan id 42 local "$2" remote "$3" dstport 4789 dev ul || return 1
	ip -n "$ns" link set vx0 up
}

bt_unvxlan() { ip -n "$(bt_ns "$1")" link del vx0; }

# bt_xovnd HVNS CHASSIS DB: xovnd for CHASSIS inside namespace HVNS, pins under /sys/fs/bpf.
bt_xovnd() {
	local pin=/sys/fs/bpf/xovn-$BT-$1
	# nsenter itself, not bt_in: a backgrounded function is a subshell, and
	# killing that would leave xovnd running; nsenter execs xovnd in place.
	nsenter --net="/run/netns/$(bt_ns "$1")" "$XOVN_ROOT/build/xovnd" --chassis "$2" --db "$3" \
		--pin-dir "$pin" >>"$BT_TMP/xovnd-$2.log" 2>&1 &
	BT_PIDS+=("$!")
	BT_PINS+=("$1:$2:$pin")
}

bt_cleanup() {
	local pid entry hv ch pin ns
	for pid in "${BT_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
	for pid in "${BT_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
	for entry in "${BT_PINS[@]}"; do
		IFS=: read -r hv ch pin <<<"$entry"
		[ -e "/run/netns/$(bt_ns "$hv")" ] &&
			bt_in "$hv" "$XOVN_ROOT/build/xovnd" --chassis "$ch" --pin-dir "$pin" \
				--cleanup >/dev/null 2>&1
		rm -rf "$pin"
	done
	for ns in $(ip netns list | awk '{print $1}' | grep "^$BT-"); do
		ip netns del "$ns"
	done
}

# ---- traffic helpers shared by the throughput scripts (they set SECS,
# SRC_VM, DST_VM, XOVN_ROOT and BT_TMP)

# ping_ready VM IP: up to ~60 s for the path to carry traffic: xovnd
# verifies its programs before it attaches, which takes seconds on a loaded
# machine; a ready path answers at once.
ping_ready() {
	local i
	for i in $(seq 1 150); do
		bt_in "$1" ping -c 1 -W 0.2 -q "$2" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	return 1
}

# iperf3 JSON intervals -> one bits/s value per line (first five).
intervals_bps() {
	python3 -c 'import json,sys
d=json.load(sys.stdin)
for i in d["intervals"][:5]: print("%.0f" % i["sum"]["bits_per_second"])'
}

# server_start: a one-shot iperf3 server in $DST_VM, bounded by $SECS.
server_start() {
	nsenter --net="/run/netns/$(bt_ns "$DST_VM")" timeout $((SECS + 20)) iperf3 -s -1 -p 5201 \
		>/dev/null 2>&1 &
	BT_PIDS+=("$!")
	sleep 0.3
}

# Packets that arrived on $DST_VM's eth0 (its rx counter, before its stack).
# shellcheck disable=SC2016 # the awk program is meant literally
rx_packets() { bt_in "$DST_VM" awk '$1 == "eth0:" { print $3 }' /proc/net/dev; }

# flood_start: 64-byte frames (18 bytes of UDP payload + 8 UDP + 20 IP + 14
# Ethernet + 4 FCS) from $SRC_VM to vmB, from build/bench/udpflood
# (AF_PACKET, qdisc bypass, sendmmsg batches: a cheap sender, so the rate is
# set by what forwards the frames).  Every stage up to the receiving VM runs
# in the sender's softirq context, so frames/s is the inverse of the whole
# per-frame cost on that core.  The generator may run for 3 x SECS + 10 s
# (a busy machine can starve the sampling shell); flood_stop ends it once
# the samples are taken.  Returns once frames arrive.  Sets FLOOD_PID.
flood_start() {
	local bin=$XOVN_ROOT/build/bench/udpflood before
	[ -x "$bin" ] || { echo "$bin missing: make -f bench/Makefile" >&2; return 1; }
	before=$(rx_packets)
	# nsenter execs timeout in place, so FLOOD_PID is timeout itself (not a
	# subshell) and flood_stop's signal reaches the generator.
	nsenter --net="/run/netns/$(bt_ns "$SRC_VM")" timeout $((3 * SECS + 15)) "$bin" -i eth0 -d "$VM_B_IP" -m "$VM_B_MAC" \
		-l 18 -t $((3 * SECS + 10)) -n 4000000000 2>>"$BT_TMP/udpflood.log" &
	FLOOD_PID=$!
	BT_PIDS+=("$FLOOD_PID")
	for _ in $(seq 1 30); do
		sleep 0.1
		[ "$(rx_packets)" -gt $((before + 1000)) ] && return 0
	done
	echo "flood_start: no frames arrive" >&2
	return 1
}

# flood_stop LABEL: ends the generator (SIGTERM to its timeout, which passes
# it on) and prints the generator's own count on stderr.
flood_stop() {
	kill "$FLOOD_PID" 2>/dev/null
	wait "$FLOOD_PID" 2>/dev/null
	echo "$1: $(tail -n 1 "$BT_TMP/udpflood.log")" >&2
}
