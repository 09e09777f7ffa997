#!/usr/bin/env bash
# xdp_vs_tc.sh - which hook should switch frames between two VIFs of one
# chassis?  iperf3 between two VM namespaces joined through a chassis
# namespace, in one run, forwarded by:
#   tc    minimal TC ingress program on the host-side veths, bpf_redirect_peer
#         to the other VM's veth (what xovn does for local unicast)
#   xdp   minimal native XDP program on the host-side veths, XDP_REDIRECT to
#         the other host-side veth (XDP_PASS on the VMs' eth0 so that a veth
#         accepts the redirected frames)
#   xovn  xovnd with a two-port switch (the full TC pipeline)
# An XDP frame carries no checksum-offload state, so a TCP segment the VM left
# for offload arrives with a bad checksum: with the VMs' offloads on (the
# default) the xdp variant is only probed (does TCP connect, how many
# checksum errors), then measured with transmit checksum offload off in the
# VMs (which turns TSO off too).  tc is measured both ways, so the table
# separates the cost of the hook from the cost of losing the offloads.
# Programs: bench/xdp_tc.bpf.c, attached by build/bench/xdp_tc_attach.
#
#   bench/xdp_vs_tc.sh SECONDS     (rows on stdout, progress on stderr)
#
# Each test is one run of SECONDS sampled in five intervals of SECONDS/5:
#   tcp1   TCP, one stream       (bits/s, iperf3 intervals)
#   udp64  UDP, 64-byte frames   (packets/s arriving on the receiving VM's eth0,
#          sent by build/bench/udpflood)
# Rows:  xt IMPL TEST REP VALUE, IMPL tc | tc-swcsum | xdp-swcsum | xovn, and
#        xt xdp-offload tcp1_probe 0 BITS/S   xt xdp-offload csum_errors 0 COUNT
set -u
XOVN_ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECS=${1:-10}
STEP=$(awk "BEGIN { print $SECS / 5 }")
BT=xt$$
. "$XOVN_ROOT/bench/topo.sh"
BT_TMP=$(mktemp -d /tmp/xovn-bench-xt.XXXXXX)
ATTACH=$XOVN_ROOT/build/bench/xdp_tc_attach
XOVNCTL=$XOVN_ROOT/build/xovnctl
SRC_VM=sA
DST_VM=sB

cleanup() { bt_cleanup; rm -rf "$BT_TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf

log() { echo "xdp_vs_tc: $*" >&2; }

row() { printf 'xt\t%s\t%s\t%s\t%s\n' "$@"; }

tcp1_test() { # IMPL
	local out rep=0 v
	server_start
	out=$(bt_in "$SRC_VM" timeout $((SECS + 15)) iperf3 -c "$VM_B_IP" -p 5201 -t "$SECS" \
		-i "$STEP" -J) || { log "$1 tcp1: iperf3 failed"; return 1; }
	for v in $(echo "$out" | intervals_bps); do
		row "$1" tcp1 "$rep" "$v"
		rep=$((rep + 1))
	done
}

# 64-byte UDP frames from udpflood (topo.sh: flood_start), counted arriving on the receiving VM's eth0.
udp64_test() { # IMPL
	local rep before after t0 t1
	flood_start || return 1
	for rep in 0 1 2 3 4; do
		before=$(rx_packets) t0=$(date +%s%N)
		sleep "$STEP"
		after=$(rx_packets) t1=$(date +%s%N)
		row "$1" udp64 "$rep" "$(awk "BEGIN { printf \"%.0f\", ($after - $before) * 1e9 / ($t1 - $t0) }")"
	done
	flood_stop "xdp_vs_tc: $1 udp64"
}

run_tests() { # IMPL
	ping_ready "$SRC_VM" "$VM_B_IP" || { log "$1: no connectivity"; return 1; }
	log "$1"
	tcp1_test "$1" && udp64_test "$1"
}

# TCP segments the receiving VM dropped for a bad checksum.
# shellcheck disable=SC2016 # the awk program is meant literally
csum_errors() {
	bt_in "$DST_VM" awk '$1 == "Tcp:" { if (!n) { for (i = 2; i <= NF; i++) if ($i == "InCsumErrors") n = i } else print $n }' /proc/net/snmp
}

# xdp with the VMs' offloads on: one short TCP attempt, bounded by timeout.
xdp_offload_probe() {
	local before bps
	before=$(csum_errors)
	server_start
	bps=$(bt_in "$SRC_VM" timeout 6 iperf3 -c "$VM_B_IP" -p 5201 -t 2 --connect-timeout 3000 -J 2>/dev/null |
		python3 -c 'import json,sys
try: print("%.0f" % json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"])
except Exception: print(0)')
	log "xdp-offload: TCP probe ${bps:-0} bit/s"
	row xdp-offload tcp1_probe 0 "${bps:-0}"
	row xdp-offload csum_errors 0 $(($(csum_errors) - before))
}

# Transmit checksum offload (and with it TSO) off or on in both VMs.
vm_offloads() { # on|off
	local vm
	for vm in "$SRC_VM" "$DST_VM"; do
		bt_in "$vm" ethtool -K eth0 tx "$1" >/dev/null 2>&1 || return 1
		[ "$1" = off ] || bt_in "$vm" ethtool -K eth0 tso on >/dev/null 2>&1 || return 1
		bt_in "$vm" ethtool -k eth0 | grep -q "^tcp-segmentation-offload: $1" ||
			{ log "$vm: TSO not $1"; return 1; }
	done
}

tc_on() { bt_in s1 "$ATTACH" tc tA tB; }
tc_off() { tc -n "$(bt_ns s1)" qdisc del dev tA clsact && tc -n "$(bt_ns s1)" qdisc del dev tB clsact; }

xdp_on() { bt_in sA "$ATTACH" pass eth0 && bt_in sB "$ATTACH" pass eth0 && bt_in s1 "$ATTACH" xdp tA tB; }
xdp_off() {
	ip -n "$(bt_ns s1)" link set tA xdp off && ip -n "$(bt_ns s1)" link set tB xdp off &&
		ip -n "$(bt_ns sA)" link set eth0 xdp off && ip -n "$(bt_ns sB)" link set eth0 xdp off
}

xovn_on() {
	local db=$BT_TMP/xt.json
	"$XOVNCTL" --db "$db" ls-add ls -- lsp-add ls pA -- lsp-set-addresses pA "$VM_A_MAC $VM_A_IP" \
		-- lsp-add ls pB -- lsp-set-addresses pB "$VM_B_MAC $VM_B_IP" \
		-- chassis-add hv1 geneve 192.0.2.1 -- vif-attach hv1 tA pA -- vif-attach hv1 tB pB \
		>/dev/null || return 1
	bt_xovnd s1 hv1 "$db"
}

# Without a forwarding program the chassis namespace carries nothing: check
# that, so a leftover attachment cannot pass for the next implementation.
isolated() { ! bt_in "$SRC_VM" ping -c 3 -i 0.2 -W 1 -q "$VM_B_IP" >/dev/null 2>&1; }

main() {
	bt_add_ns s1 && bt_add_vm sA s1 tA $VM_A_MAC $VM_A_IP &&
		bt_add_vm sB s1 tB $VM_B_MAC $VM_B_IP || return 1
	isolated || { log "VMs reach each other with no program attached"; return 1; }
	tc_on && run_tests tc && tc_off || return 1
	xdp_on && ping_ready "$SRC_VM" "$VM_B_IP" && xdp_offload_probe || return 1
	vm_offloads off && run_tests xdp-swcsum && xdp_off || return 1
	tc_on && run_tests tc-swcsum && tc_off || return 1
	isolated || { log "a program outlived its test"; return 1; }
	vm_offloads on && xovn_on && run_tests xovn
}

main || { log "failed"; tail -5 "$BT_TMP"/*.log >&2 2>/dev/null; exit 1; }
