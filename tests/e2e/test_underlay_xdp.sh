#!/usr/bin/env bash
# The XDP guard on the underlay (xovnd --underlay-xdp): with it on both
# chassis VMs still talk through the tunnel, and Geneve that TC would drop
# (a version-1 header, an unknown VNI) sent to hv1's encap IP is dropped by
# XDP, before tcpdump on hv1's underlay could see it, and counted under the
# reason TC would have used.  A restart replaces the guard in place, a
# restart without the flag removes it, --cleanup detaches it.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin uxdp

HV1=xe-uxhv1-$SUF HV2=xe-uxhv2-$SUF VM1=xe-uxvm1-$SUF VM2=xe-uxvm2-$SUF
MAC1=02:00:00:00:09:01 MAC2=02:00:00:00:09:02
UL1=192.168.79.1 UL2=192.168.79.2
SPORT=40999   # source port of the crafted datagrams, to pick them out of a capture

two_chassis_pair "$HV1" $UL1 "$HV2" $UL2 "$VM1" $MAC1 10.9.0.1 "$VM2" $MAC2 10.9.0.2 || exit 1

# xdp_on CHNS: the underlay runs an XDP program (native "xdp" or "xdpgeneric").
xdp_on() { ip -n "$1" -d link show ul0 | grep -qE 'prog/xdp|xdpgeneric|xdp '; }

# send_udp DPORT COUNT HEX: COUNT datagrams with payload HEX from hv2's
# encap IP, source port $SPORT, to hv1's encap IP and DPORT.
send_udp() {
	nsenter --net="/run/netns/$HV2" python3 - "$UL2" "$SPORT" "$UL1" "$1" "$2" "$3" <<'EOF'
import socket, sys, time
src, sport, dst, dport, count, payload = sys.argv[1:]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((src, int(sport)))
for _ in range(int(count)):
    s.sendto(bytes.fromhex(payload), (dst, int(dport)))
    time.sleep(0.01)
s.close()
EOF
}

xovnd_start "$HV1" hv1 --underlay-xdp
HV1_PID=$XOVND_PID
xovnd_start "$HV2" hv2 --underlay-xdp
HV2_PID=$XOVND_PID
check "hv1 attached the underlay at TC" wait_log hv1 'attached xovn_underlay_ingress to ul0' 10
check "hv1 put the XDP guard on ul0" wait_log hv1 'XDP guard on ul0' 5
check "hv2 put the XDP guard on ul0" wait_log hv2 'XDP guard on ul0' 5
check "ip link shows XDP on hv1's underlay" xdp_on "$HV1"
check "hv2 attached its VIF" wait_log hv2 'attached xovn_vif_ingress to vif2' 5

echo "valid Geneve passes the guard"
check "vm1 (hv1) -> vm2 (hv2) through the tunnel" ping_ok "$VM1" 10.9.0.2 3
check "vm2 (hv2) -> vm1 (hv1) through the tunnel" ping_ok "$VM2" 10.9.0.1 3

echo "malformed and foreign Geneve is dropped at XDP"
# Inner frame: an Ethernet header and a little payload.
INNER=020000000901020000000902080045000014000000004011000000000000000000
OVN_OPT=0102800100010002          # class OVN, type 0x80 (critical), 1 word: in 1, out 2
BAD_VERSION=4240655800000100${OVN_OPT}${INNER}   # version 1 (0x40 in the first byte), VNI 1
UNKNOWN_VNI=02406558abcdef00${OVN_OPT}${INNER}   # VNI 0xabcdef is no switch
opt_before=$(drop_count hv1 geneve-option)
vni_before=$(drop_count hv1 geneve-vni)
pcap=$E2E_TMP/crafted.txt
timeout 10 nsenter --net="/run/netns/$HV1" tcpdump -l -nn -i ul0 -c 100 \
	"udp and src port $SPORT" >"$pcap" 2>"$pcap.err" &
CAP_PID=$!
E2E_PIDS+=("$CAP_PID")
until_ok 5 grep -q 'listening on' "$pcap.err" || fail "tcpdump did not start"
send_udp 6081 5 "$BAD_VERSION" || fail "sending the version-1 frames"
send_udp 6081 3 "$UNKNOWN_VNI" || fail "sending the unknown-VNI frames"
# Control: the same source to another port is the host's and must be seen.
send_udp 40000 2 "$UNKNOWN_VNI" || fail "sending the control datagrams"
capture_stop "$CAP_PID"
sed 's/^/    /' "$pcap" | head -n 4
check "the capture saw the 2 control datagrams (not Geneve: passed)" \
	test "$(grep -c "$UL2.$SPORT > $UL1.40000" "$pcap")" = 2
check "tcpdump on hv1 saw none of the 8 bad Geneve frames (dropped before it)" \
	test "$(grep -c "> $UL1.6081" "$pcap")" = 0
check "5 counted as geneve-option" \
	test "$(drop_count hv1 geneve-option)" = $((opt_before + 5))
check "3 counted as geneve-vni" test "$(drop_count hv1 geneve-vni)" = $((vni_before + 3))
check "tunnel still up after the bad frames" ping_ok "$VM1" 10.9.0.2

echo "restart, restart without the flag, cleanup"
xovnd_stop "$HV1_PID"
xovnd_start "$HV1" hv1 --underlay-xdp
HV1_PID=$XOVND_PID
check "a restarted hv1 replaced its guard in place" wait_log hv1 'replaced the XDP guard on ul0' 10
check "vm1 -> vm2 after the restart" until_ok 3 one_ping "$VM1" 10.9.0.2
xovnd_stop "$HV1_PID"
xovnd_start "$HV1" hv1
HV1_PID=$XOVND_PID
check "hv1 without --underlay-xdp removed the guard" \
	wait_log hv1 'removed the XDP guard from ul0' 10
check_not "no XDP left on hv1's underlay" xdp_on "$HV1"
check "vm1 -> vm2 with TC only on hv1" until_ok 3 one_ping "$VM1" 10.9.0.2
xovnd_stop "$HV2_PID"
cleanup_hv2() {
	nsenter --net="/run/netns/$HV2" "$XOVND" --chassis hv2 --pin-dir "$E2E_PIN_ROOT/hv2" \
		--cleanup >>"$E2E_TMP/xovnd-hv2.log" 2>&1
}
check "xovnd --cleanup on hv2" cleanup_hv2
check "it says it removed the guard" wait_log hv2 'removed the XDP guard from ul0' 1
check_not "no XDP left on hv2's underlay" xdp_on "$HV2"

e2e_end
