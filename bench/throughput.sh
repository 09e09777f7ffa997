#!/usr/bin/env bash
# throughput.sh - traffic between two VM namespaces, xovn against the
# kernel's own forwarding, in the same run.
#
#   bench/throughput.sh SECONDS     (rows on stdout, progress on stderr)
#   TP_TOPOS=cross bench/throughput.sh 3    only the two-chassis tests
#   TP_TOPOS=routed bench/throughput.sh 3   only the routed tests
#   TP_TOPOS=same TP_TESTS="udp64 udp64sink" bench/throughput.sh 5
#                                     only those tests of the same chassis
#
# Both implementations are built side by side, each with its own VM
# namespaces, and every test alternates between them: five pairs of short
# runs of SECONDS/5 each (at least 1 s for TCP), baseline then xovn.  The
# five pairs are the repetitions, and each ratio divides two runs that were
# seconds apart, so the load of a shared machine hits both sides of it alike
# (one long run of each, minutes apart, measured the machine as much as the
# switch).
#   tcp1   TCP, one stream        (bits/s, iperf3, received)
#   tcp4   TCP, four streams      (bits/s, iperf3, received)
#   udp64  UDP, 64-byte frames    (packets/s arriving on vmB's eth0, sent by
#          build/bench/udpflood: make -f bench/Makefile)
#   udp64cpu  the same frames per second of the generator's own CPU time
#   udp64sink, udp64sinkcpu (same chassis)  the same two figures with a TC
#          program dropping every frame at the receiving VM's eth0 ingress
#          (xt_tc_sink of bench/xdp_tc.bpf.c, on every implementation's
#          receiver alike): forwarding only, without the receiving VM's
#          IP/UDP stack and its ICMP port-unreachable work, which on this
#          path cost more than the bridge itself (bench/perf_udp64.sh)
# Rows:  tp TOPOLOGY IMPL TEST REP VALUE
#   same chassis: IMPL bridge | xovn, and for the UDP tests also
#     plainbridge  the same bridge without br_netfilter's hooks: this
#                  kernel has br_netfilter built in and bridge-nf-call-* are
#                  1 in every new namespace, so "bridge" passes each IPv4
#                  frame through them (no rules), which costs a lot per
#                  64-byte frame
#     floor-tc     the minimal TC program (bpf_redirect_peer and nothing
#                  else, bench/xdp_tc.bpf.c): the floor of any TC forwarder
#                  on this path
#     each in its own hv, run between bridge and xovn;
#   two chassis: IMPL vxlan | xovn
#   routed (same chassis, two subnets): IMPL linuxrouter | xovn, TCP only
#   nat (same chassis, SNAT): IMPL masquerade | xovn, TCP and new
#   connections/s (bench/nat_topo.sh; not in the default TP_TOPOS)
#   (udpflood addresses the receiver's MAC, which a routed path rewrites)
set -u
XOVN_ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECS=${1:-10}
TOPOS=${TP_TOPOS:-same cross routed}
STEP=$(awk "BEGIN { print $SECS / 5 }")
TCP_SECS=$(awk "BEGIN { s = int($SECS / 5 + 0.5); print (s < 1 ? 1 : s) }")
. "$XOVN_ROOT/bench/topo.sh"
. "$XOVN_ROOT/bench/nat_topo.sh"
BT_TMP=$(mktemp -d /tmp/xovn-bench-tp.XXXXXX)
XOVNCTL=$XOVN_ROOT/build/xovnctl
ATTACH=$XOVN_ROOT/build/bench/xdp_tc_attach

cleanup() { bt_cleanup; rm -rf "$BT_TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf

log() { echo "throughput: $*" >&2; }

# tcp_once STREAMS: bits/s received in one iperf3 run of TCP_SECS from SRC_VM.
tcp_once() {
	server_start
	bt_in "$SRC_VM" timeout $((TCP_SECS + 15)) iperf3 -c "$VM_B_IP" -p 5201 -t "$TCP_SECS" \
		-P "$1" -J | python3 -c 'import json,sys
print("%.0f" % json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"])'
}

# udp_once: "RATE PER_CPU_SECOND": 64-byte frames/s arriving on DST_VM's
# eth0 over STEP seconds, and frames per second of the generator's own CPU
# time (udpflood's last line: every stage runs in its context, so this is
# the per-frame cost whatever share of the core it got).
udp_once() {
	local before after t0 t1 ns
	flood_start || return 1
	before=$(rx_packets) t0=$(date +%s%N)
	sleep "$STEP"
	after=$(rx_packets) t1=$(date +%s%N)
	flood_stop "throughput: udp64 $SRC_VM" 2>/dev/null
	ns=$(tail -n 1 "$BT_TMP/udpflood.log" | sed -n 's/.*, \([0-9]*\) ns of CPU per frame$/\1/p')
	awk "BEGIN { printf \"%.0f %.0f\", ($after - $before) * 1e9 / ($t1 - $t0), ${ns:-0} ? 1e9 / ${ns:-1} : 0 }"
}

# measure TOPO IMPL TEST REP SRC DST: one run, one row.
measure() {
	local v
	SRC_VM=$5 DST_VM=$6
	case $3 in
	tcp1) v=$(tcp_once 1) ;;
	tcp4) v=$(tcp_once 4) ;;
	udp64*) v=$(udp_once) ;;
	esac
	[ -n "$v" ] || { log "$1 $2 $3: no result"; return 1; }
	printf 'tp\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${v% *}"
	case $3 in udp64*) printf 'tp\t%s\t%s\t%scpu\t%s\t%s\n' "$1" "$2" "$3" "$4" "${v#* }" ;; esac
	return 0
}

# sinks on|off VM...: the forwarding-only receiver (xt_tc_sink) on each VM's eth0.
sinks() {
	local how=$1 vm
	shift
	for vm in "$@"; do
		if [ "$how" = on ]; then
			bt_in "$vm" "$ATTACH" sink eth0 || return 1
		else
			tc -n "$(bt_ns "$vm")" qdisc del dev eth0 clsact || return 1
		fi
	done
}

# extra_runs TOPO TEST REP: the UDP tests' runs of the topology's further
# implementations (UDP_EXTRA="IMPL:SRC:DST ...").
extra_runs() {
	local e impl src dst
	case $2 in udp64*) ;; *) return 0 ;; esac
	for e in ${UDP_EXTRA:-}; do
		IFS=: read -r impl src dst <<<"$e"
		measure "$1" "$impl" "$2" "$3" "$src" "$dst" || return 1
	done
}

# extra_vms src|dst: the sending or receiving VMs of UDP_EXTRA.
extra_vms() {
	local e
	for e in ${UDP_EXTRA:-}; do
		if [ "$1" = src ]; then e=${e#*:}; echo "${e%:*}"; else echo "${e##*:}"; fi
	done
}

# alternate TOPO BASE BSRC BDST XSRC XDST: every test, five pairs of runs
# (with UDP_EXTRA's between them); udp64sink runs with the sinks on every
# receiver.
alternate() {
	local test rep rx vm
	rx="$4 $6 $(extra_vms dst)"
	for vm in "$3" "$5" $(extra_vms src); do
		ping_ready "$vm" "$VM_B_IP" || { log "$1: no connectivity from $vm"; return 1; }
	done
	for test in ${TESTS:-tcp1 tcp4 udp64}; do
		log "$1 $test: $2 and xovn, alternating"
		# shellcheck disable=SC2086 # the receiving VMs
		[ "$test" != udp64sink ] || sinks on $rx || return 1
		for rep in 0 1 2 3 4; do
			measure "$1" "$2" "$test" "$rep" "$3" "$4" && extra_runs "$1" "$test" "$rep" &&
				measure "$1" xovn "$test" "$rep" "$5" "$6" || return 1
		done
		# shellcheck disable=SC2086 # the receiving VMs
		[ "$test" != udp64sink ] || sinks off $rx || return 1
	done
}

ctl() { "$XOVNCTL" --db "$1" "${@:2}" >/dev/null; }

model_common() { # DB
	ctl "$1" ls-add ls -- lsp-add ls pA -- lsp-set-addresses pA "$VM_A_MAC $VM_A_IP" \
		-- lsp-add ls pB -- lsp-set-addresses pB "$VM_B_MAC $VM_B_IP"
}

# Same chassis: a Linux bridge in hv s1 (VMs sA, sB), xovn in hv x1 (VMs xA,
# xB) and, for the UDP tests, a bridge without br_netfilter in hv n1 (VMs
# nA, nB) and the minimal TC program in hv f1 (VMs fA, fB).
same_chassis() {
	local db=$BT_TMP/same.json TESTS=${TP_TESTS:-tcp1 tcp4 udp64 udp64sink} \
		UDP_EXTRA="plainbridge:nA:nB floor-tc:fA:fB"
	[ -x "$ATTACH" ] || { log "$ATTACH missing: make -f bench/Makefile"; return 1; }
	bt_add_ns s1 && bt_add_vm sA s1 tA $VM_A_MAC $VM_A_IP &&
		bt_add_vm sB s1 tB $VM_B_MAC $VM_B_IP && bt_bridge s1 tA tB || return 1
	bt_add_ns n1 && bt_add_vm nA n1 tA $VM_A_MAC $VM_A_IP &&
		bt_add_vm nB n1 tB $VM_B_MAC $VM_B_IP && bt_bridge n1 tA tB || return 1
	bt_in n1 sysctl -qw net.bridge.bridge-nf-call-iptables=0 \
		net.bridge.bridge-nf-call-ip6tables=0 net.bridge.bridge-nf-call-arptables=0 || return 1
	bt_add_ns f1 && bt_add_vm fA f1 tA $VM_A_MAC $VM_A_IP &&
		bt_add_vm fB f1 tB $VM_B_MAC $VM_B_IP && bt_in f1 "$ATTACH" tc tA tB || return 1
	bt_add_ns x1 && bt_add_vm xA x1 tA $VM_A_MAC $VM_A_IP &&
		bt_add_vm xB x1 tB $VM_B_MAC $VM_B_IP || return 1
	model_common "$db" && ctl "$db" chassis-add hv1 geneve 192.0.2.1 \
		-- vif-attach hv1 tA pA -- vif-attach hv1 tB pB || return 1
	bt_xovnd x1 hv1 "$db"
	alternate same bridge sA sB xA xB
}

# Two chassis: VXLAN + bridge in hvs c1, c2 (VMs cA, cB); xovn in hvs d1, d2 (VMs dA, dB).
two_chassis() {
	local db=$BT_TMP/cross.json
	bt_add_ns c1 && bt_add_ns c2 && bt_add_underlay c1 c2 || return 1
	bt_add_vm cA c1 tA $VM_A_MAC $VM_A_IP && bt_add_vm cB c2 tB $VM_B_MAC $VM_B_IP || return 1
	bt_vxlan c1 $UL_A $UL_B && bt_vxlan c2 $UL_B $UL_A || return 1
	bt_bridge c1 tA vx0 && bt_bridge c2 tB vx0 || return 1
	bt_add_ns d1 && bt_add_ns d2 && bt_add_underlay d1 d2 || return 1
	bt_add_vm dA d1 tA $VM_A_MAC $VM_A_IP && bt_add_vm dB d2 tB $VM_B_MAC $VM_B_IP || return 1
	model_common "$db" && ctl "$db" chassis-add hv1 geneve $UL_A -- chassis-set-encap-iface hv1 ul \
		-- chassis-add hv2 geneve $UL_B -- chassis-set-encap-iface hv2 ul \
		-- vif-attach hv1 tA pA -- vif-attach hv2 tB pB || return 1
	bt_xovnd d1 hv1 "$db"
	bt_xovnd d2 hv2 "$db"
	alternate cross vxlan cA cB dA dB
}

# Routed, same chassis: Linux routing between two bridges with ip_forward in
# hv r1 (VMs rA, rB), and an xovn router between two switches in hv y1 (VMs
# yA, yB); VM B on 10.9.1.0/24, each VM's default route via its gateway.
routed() {
	local db=$BT_TMP/routed.json VM_B_IP=10.9.1.2 TESTS="tcp1 tcp4" vm
	bt_add_ns r1 && bt_add_vm rA r1 tA $VM_A_MAC $VM_A_IP &&
		bt_add_vm rB r1 tB $VM_B_MAC $VM_B_IP || return 1
	bt_in r1 sysctl -qw net.ipv4.ip_forward=1
	bt_bridge r1 tA && ip -n "$(bt_ns r1)" link set br0 address $RT_A_MAC &&
		ip -n "$(bt_ns r1)" addr add 10.9.0.254/24 dev br0 || return 1
	ip -n "$(bt_ns r1)" link add br1 type bridge && ip -n "$(bt_ns r1)" link set br1 up &&
		ip -n "$(bt_ns r1)" link set tB master br1 &&
		ip -n "$(bt_ns r1)" addr add 10.9.1.254/24 dev br1 || return 1
	bt_add_ns y1 && bt_add_vm yA y1 tA $VM_A_MAC $VM_A_IP &&
		bt_add_vm yB y1 tB $VM_B_MAC $VM_B_IP || return 1
	for vm in rA yA; do ip -n "$(bt_ns $vm)" route add default via 10.9.0.254; done
	for vm in rB yB; do ip -n "$(bt_ns $vm)" route add default via 10.9.1.254; done
	ctl "$db" ls-add lsa -- ls-add lsb -- lr-add lr \
		-- lrp-add lr lr-a $RT_A_MAC 10.9.0.254/24 -- lrp-add lr lr-b $RT_B_MAC 10.9.1.254/24 \
		-- lsp-add lsa a-lr -- lsp-set-type a-lr router -- lsp-set-addresses a-lr router \
		-- lsp-set-options a-lr router-port=lr-a \
		-- lsp-add lsb b-lr -- lsp-set-type b-lr router -- lsp-set-addresses b-lr router \
		-- lsp-set-options b-lr router-port=lr-b \
		-- lsp-add lsa pA -- lsp-set-addresses pA "$VM_A_MAC $VM_A_IP" \
		-- lsp-add lsb pB -- lsp-set-addresses pB "$VM_B_MAC $VM_B_IP" \
		-- chassis-add hv1 geneve 192.0.2.1 -- vif-attach hv1 tA pA -- vif-attach hv1 tB pB ||
		return 1
	bt_xovnd y1 hv1 "$db"
	alternate routed linuxrouter rA rB yA yB
}

case " $TOPOS " in *" same "*)
	same_chassis || { log "same-chassis tests failed"; tail -5 "$BT_TMP"/*.log >&2; exit 1; }
esac
case " $TOPOS " in *" cross "*)
	two_chassis || { log "two-chassis tests failed"; tail -5 "$BT_TMP"/*.log >&2; exit 1; }
esac
case " $TOPOS " in *" routed "*)
	routed || { log "routed tests failed"; tail -5 "$BT_TMP"/*.log >&2; exit 1; }
esac
case " $TOPOS " in *" nat "*)
	natted || { log "SNAT tests failed"; tail -5 "$BT_TMP"/*.log >&2; exit 1; }
esac
