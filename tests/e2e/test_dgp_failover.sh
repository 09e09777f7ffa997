#!/usr/bin/env bash
# Failover of a distributed gateway port under traffic, decided by BFD.
#
# Three chassis on one underlay segment: gw1 and gw2 are the gateway
# chassis of router r1's port r1-ext (priorities 20 and 10) on switch ext,
# whose localnet reaches a client on the physical network; vm1 on hv3
# reaches the client through r1 (plain routing, the client routes the VM
# network back to r1-ext).  With a ping stream (every 50 ms) and a bounded
# TCP transfer running from vm1 to the client, gw1's underlay is cut:
# every chassis' BFD declares gw1 down, hv3 redirects to gw2, gw2 takes
# the port over and announces it (gratuitous ARP, and an unsolicited NA for
# its IPv6 address, seen on the client).  The outage is the largest gap
# between consecutive echo replies; it is printed and must stay under 2 s,
# and the TCP transfer completes.  The underlay back, the port fails back
# to gw1 and traffic flows through it again.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin dgp_failover

UL=xf-ul-$SUF FAB=xf-fab-$SUF GW1=xf-gw1-$SUF GW2=xf-gw2-$SUF HV3=xf-hv3-$SUF
VM=xf-vm-$SUF CL=xf-cl-$SUF
MACVM=02:00:00:00:1f:10 MACLS=02:00:00:00:1f:01 MACEXT=02:00:00:00:1f:05
CLIENT=10.21.0.10

# A chassis namespace whose ul0 is a port of the underlay bridge, at IP.
underlay_chassis() {
	netns_add "$1" && fabric_plug "$UL" "$1" ul0 "$3" && ip -n "$1" addr add "$2/24" dev ul0
}
fabric_add "$UL" || exit 1
underlay_chassis "$GW1" 192.168.86.1 u1 && underlay_chassis "$GW2" 192.168.86.2 u2 &&
	underlay_chassis "$HV3" 192.168.86.3 u3 || exit 1
fabric_add "$FAB" || exit 1
fabric_plug "$FAB" "$GW1" ens8 p1 && fabric_plug "$FAB" "$GW2" ens8 p2 || exit 1
fabric_host_add "$FAB" "$CL" cl 02:00:00:00:1f:0a $CLIENT/24 || exit 1
ip -n "$CL" addr add fd21::10/64 dev eth0 nodad
ip -n "$CL" route add 10.31.0.0/24 via 10.21.0.1
vm_add "$VM" "$HV3" vm1 $MACVM 10.31.0.10/24 || exit 1
tunnel_mtu "$VM"
ip -n "$VM" route add default via 10.31.0.1

CHASSIS=()
for c in gw1:1 gw2:2 hv3:3; do
	CHASSIS+=(chassis-add "${c%:*}" geneve "192.168.86.${c#*:}" -- chassis-set-encap-iface "${c%:*}" ul0 --)
done
check "the model: vm1 on ls1 -> r1 -> r1-ext (gw1: 20, gw2: 10) -> ext with a localnet" \
	ctl "${CHASSIS[@]}" chassis-set-bridge-mappings gw1 phys:ens8 \
	-- chassis-set-bridge-mappings gw2 phys:ens8 \
	-- ls-add ls1 -- lsp-add ls1 vm1 -- lsp-set-addresses vm1 "$MACVM 10.31.0.10" \
	-- lr-add r1 -- lrp-add r1 r1-ls1 $MACLS 10.31.0.1/24 \
	-- lsp-add ls1 ls1-r1 -- lsp-set-type ls1-r1 router -- lsp-set-addresses ls1-r1 router \
	-- lsp-set-options ls1-r1 router-port=r1-ls1 \
	-- ls-add ext -- lrp-add r1 r1-ext $MACEXT 10.21.0.1/24 fd21::1/64 \
	-- lsp-add ext ext-r1 -- lsp-set-type ext-r1 router -- lsp-set-addresses ext-r1 router \
	-- lsp-set-options ext-r1 router-port=r1-ext \
	-- lsp-add ext ext-ln -- lsp-set-type ext-ln localnet -- lsp-set-addresses ext-ln unknown \
	-- lsp-set-options ext-ln network_name=phys \
	-- lrp-set-gateway-chassis r1-ext gw1 20 -- lrp-set-gateway-chassis r1-ext gw2 10 \
	-- vif-attach hv3 vm1 vm1 || exit 1
xovnd_start "$GW1" gw1
xovnd_start "$GW2" gw2
xovnd_start "$HV3" hv3

# bfd_state CHASSIS PEER: the state of CHASSIS' session with PEER.
bfd_state() {
	ctl bfd-show --chassis "$1" --pin-dir "$E2E_PIN_ROOT/$1" --json 2>/dev/null |
		jq -r --arg p "$2" 'map(select(.chassis == $p))[0].state // "none"' 2>/dev/null
}
bfd_is() { [ "$(bfd_state "$1" "$2")" = "$3" ]; }
# redirects_to CHASSIS: hv3's datapath redirects vm1's packet for the
# client out of r1-ext and tunnels it to CHASSIS (a trace on hv3's maps).
redirects_to() {
	ctl trace --chassis hv3 --pin-dir "$E2E_PIN_ROOT/hv3" vm1 "eth.src=$MACVM eth.dst=$MACLS \
ip4.src=10.31.0.10 ip4.dst=$CLIENT ip.ttl=64 icmp.type=8" >"$E2E_TMP/trace.txt" 2>&1
	grep -q "redirect to gateway chassis $1\$" "$E2E_TMP/trace.txt" &&
		grep -q -- "-> tunnel to chassis $1 " "$E2E_TMP/trace.txt"
}
# tx_of CHASSIS: frames CHASSIS sent out of the localnet port.
tx_of() {
	ctl stats --chassis "$1" --pin-dir "$E2E_PIN_ROOT/$1" --json ext-ln 2>/dev/null |
		jq -r '.ports[0].tx_packets // 0'
}
# leaves_by CHASSIS OTHER: five pings from vm1 leave by CHASSIS' localnet, none by OTHER's.
leaves_by() {
	local a0 o0 a1 o1
	a0=$(tx_of "$1") o0=$(tx_of "$2")
	ping_ok "$VM" $CLIENT 5 || return 1
	a1=$(tx_of "$1") o1=$(tx_of "$2")
	[ $((a1 - a0)) -ge 5 ] && [ $((o1 - o0)) -eq 0 ]
}

# Loading the datapath takes a while on a busy machine; BFD starts after it.
for c in gw1 gw2 hv3; do
	check "$c runs its BFD sessions" wait_log $c 'BFD: session with .* started' 60 2
done
check "hv3 and gw2 see gw1 Up (BFD)" until_ok 6 eval 'bfd_is hv3 gw1 up && bfd_is gw2 gw1 up'
check "hv3 sees gw2 Up" until_ok 3 bfd_is hv3 gw2 up
check "vm1 (hv3) -> the client through r1-ext" until_ok 10 one_ping "$VM" $CLIENT
check "hv3 redirects to gw1 (priority 20)" redirects_to gw1
check "vm1's pings leave by gw1, not gw2" leaves_by gw1 gw2

# The client hears the takeover's NA; the iperf3 server takes one transfer.
l2_capture_start "$CL" eth0 "$E2E_TMP/na.txt" icmp6 and 'ip6[40] == 136' || exit 1
NA_PID=$CAPTURE_PID
PEER=$(dirname "$0")/helpers/peer.py
ip netns exec "$CL" timeout 30 python3 "$PEER" tcp 5201 >"$E2E_TMP/tcp-received.txt" 2>&1 &
TCP_RX_PID=$!
E2E_PIDS+=("$TCP_RX_PID")
check "the client listens for the TCP transfer" until_ok 5 eval \
	"ip netns exec $CL ss -ltn | grep -q ':5201 '"

PINGS=$E2E_TMP/pings.txt
ip netns exec "$VM" ping -D -n -i 0.05 -W 1 -w 25 $CLIENT >"$PINGS" 2>&1 &
PING_PID=$!
E2E_PIDS+=("$PING_PID")
# 3 MB evenly over 3 s, across the cut.
ip netns exec "$VM" timeout 25 python3 "$PEER" send-tcp-paced $CLIENT 5201 3000000 3 \
	>"$E2E_TMP/tcp-send.txt" 2>&1 &
TCP_TX_PID=$!
E2E_PIDS+=("$TCP_TX_PID")
sleep 1

echo "cutting gw1's underlay (the active gateway chassis)"
T_CUT=$(date +%s.%N)
ip -n "$GW1" link set ul0 down
check "gw2 declares gw1 down" until_ok 3 bfd_is gw2 gw1 down
check "hv3 declares gw1 down" until_ok 3 bfd_is hv3 gw1 down
check "hv3 now tunnels it to gw2" until_ok 3 redirects_to gw2
check "gw2 announced r1-ext: gratuitous ARP" \
	wait_log gw2 "gratuitous ARP for 10.21.0.1 \\($MACEXT\\)" 3
check "gw2 announced r1-ext: unsolicited NA for fd21::1" wait_log gw2 'unsolicited NA for fd21::1 ' 3
check "vm1 -> the client again" until_ok 3 one_ping "$VM" $CLIENT
wait "$TCP_TX_PID"
TX_RC=$?
check "the TCP sender finished without error" test "$TX_RC" -eq 0
wait "$TCP_RX_PID"
check "the TCP transfer completed across the failover: all 3000000 bytes arrived" \
	grep -qx "10.31.0.10 3000000" "$E2E_TMP/tcp-received.txt"
capture_stop "$NA_PID"
check "the client saw gw2's NA for fd21::1 from r1-ext's MAC" \
	grep -q "$MACEXT > 33:33:00:00:00:01.*neighbor advertisement, tgt is fd21::1" "$E2E_TMP/na.txt"

echo "gw1's underlay back"
T_BACK=$(date +%s.%N)
ip -n "$GW1" link set ul0 up
check "gw2 sees gw1 Up again" until_ok 6 bfd_is gw2 gw1 up
check "failback: hv3 redirects to gw1 again" until_ok 3 redirects_to gw1
check "vm1's pings leave by gw1 again, not gw2" until_ok 3 leaves_by gw1 gw2
sleep 0.5
kill -INT "$PING_PID" 2>/dev/null
wait "$PING_PID"

# max_gap FROM TO: the largest interval (s) between consecutive echo
# replies received from FROM to TO (epoch seconds), the replies on either
# side of the window included.
max_gap() {
	awk -v from="$1" -v to="$2" -F'[][]' '/bytes from/ {
		t = $2 + 0
		if (t >= from && prev && prev < to && t - prev > gap) gap = t - prev
		prev = t
	} END { printf "%.3f\n", gap + 0 }' "$PINGS"
}
OUT=$(max_gap "$T_CUT" "$T_BACK")
BACK=$(max_gap "$T_BACK" 9999999999)
echo "    failover outage: $OUT s; failback outage: $BACK s (largest gap between echo replies, 50 ms apart)"
echo "    pings: $(grep -E 'transmitted' "$PINGS")"
check "failover outage under 2 s" awk -v g="$OUT" 'BEGIN { exit !(g > 0 && g < 2) }'
check "failback outage under 2 s" awk -v g="$BACK" 'BEGIN { exit !(g < 2) }'
e2e_end
