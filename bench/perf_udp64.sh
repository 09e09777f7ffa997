#!/usr/bin/env bash
# perf_udp64.sh - where the sending core's time goes for 64-byte UDP frames
# between two VMs of one chassis, forwarded by the Linux bridge (as a new
# namespace has it here: with br_netfilter's hooks), by the same bridge
# without them (plainbridge), by the minimal TC program (bpf_redirect_peer
# and nothing else, bench/xdp_tc.bpf.c) and by xovn.  A diagnostic run by hand, not part of `make bench`; needs
# perf (Debian: apt-get install -y linux-perf) and build/bench (make -f
# bench/Makefile).
#
#   bench/perf_udp64.sh [SECONDS]      (tables on stdout, progress on stderr)
#   PERF_TOP=N bench/perf_udp64.sh 4   also each stage's N costliest functions
#
# The generator (build/bench/udpflood, as in bench/throughput.sh) is profiled
# by `perf record -g -p`: on veths every stage up to the receiving VM's stack
# runs in its context, so its samples are the whole per-frame path.
# bench/perf_udp64_stages.py groups them into stages; ns/frame is a stage's
# share of the generator's CPU time per frame.  Two receivers, the same for
# every implementation:
#   stack  the receiving VM's IP/UDP stack (nobody listens on the port: it
#          counts NoPorts and answers ICMP port unreachable, rate-limited)
#   sink   a TC program on the VM's eth0 ingress drops every frame
#          (xt_tc_sink): the forwarding-only case, like a tester's sink port
set -u
XOVN_ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECS=${1:-4}
BT=pu$$
. "$XOVN_ROOT/bench/topo.sh"
BT_TMP=$(mktemp -d /tmp/xovn-bench-pu.XXXXXX)
ATTACH=$XOVN_ROOT/build/bench/xdp_tc_attach
XOVNCTL=$XOVN_ROOT/build/xovnctl

cleanup() { bt_cleanup; rm -rf "$BT_TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf

log() { echo "perf_udp64: $*" >&2; }

command -v perf >/dev/null || { log "perf missing: apt-get install -y linux-perf"; exit 1; }
[ -x "$ATTACH" ] || { log "$ATTACH missing: make -f bench/Makefile"; exit 1; }

# snmp_field VM PROTO FIELD: one counter of the VM's /proc/net/snmp.
# shellcheck disable=SC2016 # the awk program is meant literally
snmp_field() {
	bt_in "$1" awk -v p="$2:" -v f="$3" \
		'$1 == p { if (!n) { for (i = 2; i <= NF; i++) if ($i == f) n = i } else print $n }' \
		/proc/net/snmp
}

# One hv namespace per implementation, each with its own pair of VMs.
topology() {
	local db=$BT_TMP/pu.json vm
	for vm in s n f x; do
		bt_add_ns ${vm}1 && bt_add_vm ${vm}A ${vm}1 tA $VM_A_MAC $VM_A_IP &&
			bt_add_vm ${vm}B ${vm}1 tB $VM_B_MAC $VM_B_IP || return 1
	done
	bt_bridge s1 tA tB && bt_bridge n1 tA tB && bt_in f1 "$ATTACH" tc tA tB || return 1
	bt_in n1 sysctl -qw net.bridge.bridge-nf-call-iptables=0 \
		net.bridge.bridge-nf-call-ip6tables=0 net.bridge.bridge-nf-call-arptables=0 || return 1
	"$XOVNCTL" --db "$db" ls-add ls -- lsp-add ls pA -- lsp-set-addresses pA "$VM_A_MAC $VM_A_IP" \
		-- lsp-add ls pB -- lsp-set-addresses pB "$VM_B_MAC $VM_B_IP" \
		-- chassis-add hv1 geneve 192.0.2.1 -- vif-attach hv1 tA pA -- vif-attach hv1 tB pB \
		>/dev/null || return 1
	bt_xovnd x1 hv1 "$db"
	for vm in s n f x; do
		ping_ready ${vm}A "$VM_B_IP" || { log "${vm}1: no connectivity"; return 1; }
	done
}

# profile IMPL SRC DST RECEIVER: one profiled flood; prints IMPL=NS=DUMP for the table.
profile() {
	local gen rx0 rx1 t0 t1 np0 ic0 ns dump=$BT_TMP/$1-$4.txt
	SRC_VM=$2 DST_VM=$3
	[ "$4" = sink ] && { bt_in "$3" "$ATTACH" sink eth0 || return 1; }
	np0=$(snmp_field "$3" Udp NoPorts) ic0=$(snmp_field "$3" Icmp OutDestUnreachs)
	flood_start || return 1
	gen=$(pgrep -P "$FLOOD_PID" -x udpflood)
	rx0=$(rx_packets) t0=$(date +%s%N)
	perf record -q -g -p "$gen" -o "$BT_TMP/perf.data" -- sleep "$SECS" 2>/dev/null
	rx1=$(rx_packets) t1=$(date +%s%N)
	flood_stop "perf_udp64: $1 $4" 2>/dev/null
	ns=$(tail -n 1 "$BT_TMP/udpflood.log" | sed -n 's/.*, \([0-9]*\) ns of CPU per frame$/\1/p')
	log "$1 $4: $(awk "BEGIN { printf \"%.0f\", ($rx1 - $rx0) * 1e9 / ($t1 - $t0) }") frames/s" \
		"arriving, ${ns:-?} ns of generator CPU per frame;" \
		"receiver: NoPorts +$(($(snmp_field "$3" Udp NoPorts) - np0))," \
		"ICMP unreachables sent +$(($(snmp_field "$3" Icmp OutDestUnreachs) - ic0))"
	[ "$4" = sink ] && tc -n "$(bt_ns "$3")" qdisc del dev eth0 clsact
	perf script -i "$BT_TMP/perf.data" -F comm,period,ip,sym 2>/dev/null >"$dump"
	echo "$1=${ns:-0}=$dump"
}

main() {
	local receiver args
	topology || return 1
	for receiver in stack sink; do
		args=$(profile bridge sA sB $receiver) &&
			args="$args $(profile plainbridge nA nB $receiver)" &&
			args="$args $(profile floor-tc fA fB $receiver)" &&
			args="$args $(profile xovn xA xB $receiver)" || return 1
		echo "== receiver: $receiver"
		# shellcheck disable=SC2086 # one argument per implementation
		python3 "$XOVN_ROOT/bench/perf_udp64_stages.py" $args || return 1
	done
}

main || { log "failed"; tail -5 "$BT_TMP"/*.log >&2 2>/dev/null; exit 1; }
