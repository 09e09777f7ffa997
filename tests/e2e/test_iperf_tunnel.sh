#!/usr/bin/env bash
# TCP streams (iperf3, 3 s) between VMs on two chassis, through Geneve,
# and between containers behind them (tags popped and pushed around the
# tunnel): each completes and moves data, and the segmentation offloads
# survive: the receiver and the underlay see full-sized frames (or larger
# GSO/GRO aggregates), not a stream cut into small pieces.
# No timing or throughput figure is asserted, only printed.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/vlan_mux.sh"
e2e_begin iperf

HV1=xe-ihv1-$SUF HV2=xe-ihv2-$SUF VM1=xe-ivm1-$SUF VM2=xe-ivm2-$SUF
MAC1=02:00:00:00:07:01 MAC2=02:00:00:00:07:02
C1=xe-ic1-$SUF C2=xe-ic2-$SUF CMAC1=02:00:00:00:07:21 CMAC2=02:00:00:00:07:22
UL1=192.168.80.1 UL2=192.168.80.2
MTU=1442 # the 1500-byte underlay minus 58 bytes of Geneve (tunnel_mtu)

two_chassis_pair "$HV1" $UL1 "$HV2" $UL2 "$VM1" $MAC1 10.7.0.1 "$VM2" $MAC2 10.7.0.2 || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached vif1" wait_log hv1 'attached xovn_vif_ingress to vif1' 10
check "hv2 attached vif2" wait_log hv2 'attached xovn_vif_ingress to vif2' 10
check "vm2 (hv2) -> vm1 (hv1)" ping_ok "$VM2" 10.7.0.1

# rx NS IFNAME: "packets bytes" received on IFNAME.
rx() { ip -n "$1" -s -j link show "$2" | jq -r '.[0].stats64.rx | "\(.packets) \(.bytes)"'; }

# avg_frame BEFORE AFTER: mean bytes per received packet between two rx() samples.
avg_frame() {
	local p0 b0 p1 b1
	read -r p0 b0 <<<"$1"
	read -r p1 b1 <<<"$2"
	[ "$p1" -gt "$p0" ] || { echo 0; return; }
	echo $(((b1 - b0) / (p1 - p0)))
}

# stream CLIENT_NS SERVER_NS SERVER_IP: a 3 s iperf3 TCP stream from the
# client to the server (on hv1), then the checks on what it moved and how.
stream() {
	local client=$1 server_ns=$2 ip=$3 server rc received bps vm_before vm_after
	local ul_before ul_after vm_avg ul_avg
	# The server takes one client and exits; the timeout bounds it if the
	# client never comes.
	timeout 20 ip netns exec "$server_ns" iperf3 -s -1 -B "$ip" -p 5201 \
		>"$E2E_TMP/iperf-server.log" 2>&1 &
	server=$!
	E2E_PIDS+=("$server")
	until_ok 5 bash -c "ip netns exec '$server_ns' ss -Htln 'sport = :5201' | grep -q ." ||
		fail "iperf3 server did not start"

	vm_before=$(rx "$server_ns" eth0) ul_before=$(rx "$HV1" ul0)
	timeout 20 ip netns exec "$client" iperf3 -c "$ip" -p 5201 -t 3 -J \
		>"$E2E_TMP/iperf.json" 2>&1
	rc=$?
	wait "$server" 2>/dev/null
	vm_after=$(rx "$server_ns" eth0) ul_after=$(rx "$HV1" ul0)

	check "iperf3 client completed" test "$rc" -eq 0
	received=$(jq -r '.end.sum_received.bytes // 0' "$E2E_TMP/iperf.json" 2>/dev/null)
	received=${received%.*}
	bps=$(jq -r '.end.sum_received.bits_per_second // 0' "$E2E_TMP/iperf.json" 2>/dev/null)
	echo "    received ${received:-?} bytes, $(awk -v b="${bps:-0}" 'BEGIN { printf "%.0f", b / 1e6 }') Mbit/s"
	check "the stream moved data" test "${received:-0}" -gt 0

	vm_avg=$(avg_frame "$vm_before" "$vm_after")
	ul_avg=$(avg_frame "$ul_before" "$ul_after")
	echo "    mean frame: receiver $vm_avg bytes, underlay $ul_avg bytes (MTU $MTU)"
	# Full-sized segments are ~MTU bytes; GSO/GRO aggregates are larger.  A
	# stream broken into small pieces (say, segmented to fit a wrong MTU, or
	# falling back to tiny segments) averages far below.  Half the MTU
	# leaves room for the few pure ACKs and ARPs counted on the same links.
	check "the receiver got full-sized frames (mean $vm_avg >= $((MTU / 2)))" \
		test "$vm_avg" -ge $((MTU / 2))
	check "the underlay carried full-sized frames (mean $ul_avg >= $((MTU / 2)))" \
		test "$ul_avg" -ge $((MTU / 2))
}

mtu_drops() {
	ctl stats --json --chassis hv2 --pin-dir "$E2E_PIN_ROOT/hv2" | jq -r '.drops.mtu.packets'
}

echo "vm2 (hv2) -> vm1 (hv1)"
stream "$VM2" "$VM1" 10.7.0.1

echo "container c2 (vm2 tag 5, hv2) -> container c1 (vm1 tag 4, hv1)"
# Tags are popped and pushed around the tunnel on every segment aggregate.
vlan_mux_build && vlan_mux_vm "$VM1" && vlan_mux_vm "$VM2" &&
	container_add "$VM1" "$C1" c1 4 $CMAC1 10.7.0.21/24 &&
	container_add "$VM2" "$C2" c2 5 $CMAC2 10.7.0.22/24 ||
	fail "plugging the containers"
ctl lsp-add ls1 c1 p1 4 -- lsp-set-addresses c1 "$CMAC1 10.7.0.21" \
	-- lsp-add ls1 c2 p2 5 -- lsp-set-addresses c2 "$CMAC2 10.7.0.22" ||
	fail "adding the container ports"
check "c2 -> c1" until_ok 3 one_ping "$C2" 10.7.0.21
stream "$C2" "$C1" 10.7.0.21

n=$(mtu_drops)
check "hv2 dropped nothing as too big for the underlay (${n:-?})" test "${n:-x}" = 0

e2e_end
