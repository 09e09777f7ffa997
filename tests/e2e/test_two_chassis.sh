#!/usr/bin/env bash
# Two chassis joined by an underlay veth, one logical switch across both:
# VMs on different chassis talk through Geneve (VNI = the switch key, the
# OVN option carrying the port keys, as tcpdump shows it), and a port that
# moves from hv1 to hv2 is reached at its new home.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin two

HV1=xe-2hv1-$SUF HV2=xe-2hv2-$SUF
VM1=xe-2vm1-$SUF VM2=xe-2vm2-$SUF VM3=xe-2vm3-$SUF VM4=xe-2vm4-$SUF
MAC1=02:00:00:00:04:01 MAC2=02:00:00:00:04:02 MAC3=02:00:00:00:04:03
MAC4=02:00:00:00:04:04
UL1=192.168.77.1 UL2=192.168.77.2

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
vm_add "$VM1" "$HV1" vif1 $MAC1 10.2.0.1/24
vm_add "$VM2" "$HV2" vif2 $MAC2 10.2.0.2/24
vm_add "$VM3" "$HV2" vif3 $MAC3 10.2.0.3/24
vm_add "$VM4" "$HV2" vif4 $MAC4 10.2.0.4/24
# Leave room for the 58 bytes of Geneve on the 1500-byte underlay.
tunnel_mtu "$VM1" "$VM2" "$VM3" "$VM4"

encap_args $UL1 $UL2
ctl ls-add ls1 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.2.0.1" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.2.0.2" \
	-- lsp-add ls1 p3 -- lsp-set-addresses p3 "$MAC3 10.2.0.3" \
	-- "${ENCAP_ARGS[@]}" \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv2 vif2 p2 \
	-- vif-attach hv2 vif3 p3 \
	-- lsp-add ls1 p4 -- lsp-set-addresses p4 "$MAC4" -- vif-attach hv2 vif4 p4 || exit 1
# p4 lists no IP: nobody answers ARP for it on its behalf, so vm1's request
# must be flooded through the tunnel and answered by vm4 itself.
VNI=$(ctl get logical_switch ls1 tunnel_key)

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached the underlay" wait_log hv1 'attached xovn_underlay_ingress to ul0' 10
check "hv2 attached the underlay" wait_log hv2 'attached xovn_underlay_ingress to ul0' 10
check "hv2 attached its VIFs" wait_log hv2 'attached xovn_vif_ingress to vif' 5 3
mtu_is() { [ "$(ip -n "$1" -o link show "$2" | sed -n 's/.* mtu \([0-9]*\).*/\1/p')" = "$3" ]; }
check "xovnd left room for Geneve on vif1 (MTU 1500 - 58)" until_ok 2 mtu_is "$HV1" vif1 1442
check "and on hv2's vif3" until_ok 2 mtu_is "$HV2" vif3 1442
check "the underlay MTU is untouched" mtu_is "$HV1" ul0 1500

echo "across the tunnel"
# First, before any unicast resolved the underlay neighbour by itself: the
# flood copy finds its outer MACs only because xovnd keeps them resolved.
check "vm1 (hv1) -> vm4 (hv2) after a flooded ARP" ping_ok "$VM1" 10.2.0.4
check "vm1 learned vm4's MAC from vm4 itself" test "$(neigh_mac "$VM1" 10.2.0.4)" = $MAC4

pcap=$E2E_TMP/geneve.txt
capture_start "$HV1" ul0 4 "$pcap" || fail "tcpdump did not start"
check "vm1 (hv1) -> vm2 (hv2)" ping_ok "$VM1" 10.2.0.2 3
check "vm3 (hv2) -> vm1 (hv1)" ping_ok "$VM3" 10.2.0.1
check "vm2 -> vm3 on hv2 stays local" ping_ok "$VM2" 10.2.0.3
wait "$CAPTURE_PID" 2>/dev/null
sed 's/^/    /' "$pcap" | head -n 8
check "tcpdump sees Geneve on the underlay" grep -q 'Geneve' "$pcap"
check "with the OVN option (class 0x102, type 0x80 critical)" \
	grep -q 'class Open Virtual Networking (OVN) (0x102) type 0x80(C) len 8' "$pcap"
check "between the two encap IPs" grep -qE "$UL1\.[0-9]+ > $UL2\.6081|$UL2\.[0-9]+ > $UL1\.6081" "$pcap"
check "xovnctl get gives ls1's tunnel key" test -n "$VNI"
check "VNI is the switch's tunnel key (${VNI:-?})" \
	grep -qE "vni 0x$(printf '%x' "${VNI:-0}")([^0-9a-f]|$)" "$pcap"

big() { ip netns exec "$1" ping -q -c 2 -i 0.2 -W 1 -w 4 -s 1400 "$2" >/dev/null 2>&1; }
check "1400-byte pings fit the underlay after encapsulation" big "$VM1" 10.2.0.2

echo "moving p2 from hv2 to hv1"
vm_move "$VM2" "$HV2" "$HV1" vif2 || fail "re-plugging vm2"
ip -n "$VM2" link set eth0 mtu 1442
ctl vif-detach hv2 vif2 -- vif-attach hv1 vif2 p2 || fail "xovnctl move p2"
check "hv1 attached the moved port" wait_log hv1 'attached xovn_vif_ingress to vif2' 3
check "vm1 -> vm2, now local on hv1" until_ok 3 one_ping "$VM1" 10.2.0.2
check "vm3 (hv2) -> vm2, now through the tunnel" until_ok 3 one_ping "$VM3" 10.2.0.2
check "vm2 -> vm3 steady after the move" ping_ok "$VM2" 10.2.0.3

e2e_end
