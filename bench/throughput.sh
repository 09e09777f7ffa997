#!/usr/bin/env bash
# throughput.sh - iperf3 between two VM namespaces, xovn against the kernel's
# own forwarding on the same VMs in the same run.
#
#   bench/throughput.sh SECONDS     (rows on stdout, progress on stderr)
#   TP_TOPOS=cross bench/throughput.sh 3    only the two-chassis tests
#
# Each test is one run of SECONDS (10 in the full benchmark) sampled in
# intervals of SECONDS/5: the five intervals are the repetitions.
#   tcp1   TCP, one stream        (bits/s, iperf3 intervals)
#   tcp4   TCP, four streams      (bits/s, iperf3 intervals)
#   udp64  UDP, 64-byte frames    (packets/s arriving on vmB's eth0, sent by
#          build/bench/udpflood: make -f bench/Makefile)
# Rows:  tp TOPOLOGY IMPL TEST REP VALUE
#   same chassis: IMPL bridge | xovn;  two chassis: IMPL vxlan | xovn
set -u
XOVN_ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECS=${1:-10}
TOPOS=${TP_TOPOS:-same cross}
STEP=$(awk "BEGIN { print $SECS / 5 }")
. "$XOVN_ROOT/bench/topo.sh"
BT_TMP=$(mktemp -d /tmp/xovn-bench-tp.XXXXXX)
XOVNCTL=$XOVN_ROOT/build/xovnctl

cleanup() { bt_cleanup; rm -rf "$BT_TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf

log() { echo "throughput: $*" >&2; }

tcp_test() { # TOPO IMPL TEST STREAMS
	local out rep=0 v
	server_start
	out=$(bt_in "$SRC_VM" timeout $((SECS + 15)) iperf3 -c "$VM_B_IP" -p 5201 -t "$SECS" -i "$STEP" \
		-P "$4" -J) || { log "$2 $3: iperf3 failed"; return 1; }
	for v in $(echo "$out" | intervals_bps); do
		printf 'tp\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rep" "$v"
		rep=$((rep + 1))
	done
}

# 64-byte UDP frames from udpflood (topo.sh: flood_start), counted arriving on vmB's eth0.
udp_test() { # TOPO IMPL
	local rep before after t0 t1
	flood_start || return 1
	for rep in 0 1 2 3 4; do
		before=$(rx_packets) t0=$(date +%s%N)
		sleep "$STEP"
		after=$(rx_packets) t1=$(date +%s%N)
		printf 'tp\t%s\t%s\tudp64\t%s\t%.0f\n' "$1" "$2" "$rep" \
			"$(awk "BEGIN { print ($after - $before) * 1e9 / ($t1 - $t0) }")"
	done
	flood_stop "throughput: $1 $2 udp64"
}

run_tests() { # TOPO IMPL
	ping_ready "$SRC_VM" "$VM_B_IP" || { log "$1 $2: no connectivity"; return 1; }
	log "$1 $2"
	tcp_test "$1" "$2" tcp1 1 && tcp_test "$1" "$2" tcp4 4 && udp_test "$1" "$2"
}

ctl() { "$XOVNCTL" --db "$1" "${@:2}" >/dev/null; }

model_common() { # DB
	ctl "$1" ls-add ls -- lsp-add ls pA -- lsp-set-addresses pA "$VM_A_MAC $VM_A_IP" \
		-- lsp-add ls pB -- lsp-set-addresses pB "$VM_B_MAC $VM_B_IP"
}

# Same chassis: hv s1, VMs sA and sB; the bridge first, then xovn.
same_chassis() {
	local db=$BT_TMP/same.json
	SRC_VM=sA DST_VM=sB
	bt_add_ns s1 && bt_add_vm sA s1 tA $VM_A_MAC $VM_A_IP &&
		bt_add_vm sB s1 tB $VM_B_MAC $VM_B_IP || return 1
	bt_bridge s1 tA tB && run_tests same bridge || return 1
	bt_unbridge s1
	model_common "$db" && ctl "$db" chassis-add hv1 geneve 192.0.2.1 \
		-- vif-attach hv1 tA pA -- vif-attach hv1 tB pB || return 1
	bt_xovnd s1 hv1 "$db"
	run_tests same xovn
}

# Two chassis: hvs c1 and c2 joined by ul, VMs cA and cB; VXLAN first, then xovn.
two_chassis() {
	local db=$BT_TMP/cross.json
	SRC_VM=cA DST_VM=cB
	bt_add_ns c1 && bt_add_ns c2 && bt_add_underlay c1 c2 || return 1
	bt_add_vm cA c1 tA $VM_A_MAC $VM_A_IP && bt_add_vm cB c2 tB $VM_B_MAC $VM_B_IP || return 1
	bt_vxlan c1 $UL_A $UL_B && bt_vxlan c2 $UL_B $UL_A || return 1
	bt_bridge c1 tA vx0 && bt_bridge c2 tB vx0 && run_tests cross vxlan || return 1
	bt_unbridge c1; bt_unbridge c2; bt_unvxlan c1; bt_unvxlan c2
	model_common "$db" && ctl "$db" chassis-add hv1 geneve $UL_A -- chassis-set-encap-iface hv1 ul \
		-- chassis-add hv2 geneve $UL_B -- chassis-set-encap-iface hv2 ul \
		-- vif-attach hv1 tA pA -- vif-attach hv2 tB pB || return 1
	bt_xovnd c1 hv1 "$db"
	bt_xovnd c2 hv2 "$db"
	run_tests cross xovn
}

case " $TOPOS " in *" same "*)
	same_chassis || { log "same-chassis tests failed"; tail -5 "$BT_TMP"/*.log >&2; exit 1; }
esac
case " $TOPOS " in *" cross "*)
	two_chassis || { log "two-chassis tests failed"; tail -5 "$BT_TMP"/*.log >&2; exit 1; }
esac
