#!/usr/bin/env bash
# Switches with a localnet port reach other chassis through the physical
# network, not through tunnels.  Two chassis share a fabric bridge (phys) and
# a Geneve underlay: an untagged switch (lsa) and a VLAN-101 switch (lsb)
# carry their VMs' traffic over the fabric with zero Geneve packets, lsb's
# frames tagged `vlan 101` there, while an overlay switch (lsc) on the same
# chassis still tunnels.  An untagged switch does not reach the VLAN switch.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin localnet-transport

HV1=xe-nthv1-$SUF HV2=xe-nthv2-$SUF FAB=xe-ntfab-$SUF
A1=xe-nta1-$SUF A2=xe-nta2-$SUF A3=xe-nta3-$SUF B1=xe-ntb1-$SUF B2=xe-ntb2-$SUF
C1=xe-ntc1-$SUF C2=xe-ntc2-$SUF
MACA1=02:00:00:00:0a:01 MACA2=02:00:00:00:0a:02 MACA3=02:00:00:00:0a:03
MACB1=02:00:00:00:0b:01 MACB2=02:00:00:00:0b:02
MACC1=02:00:00:00:0c:01 MACC2=02:00:00:00:0c:02
UL1=192.168.79.1 UL2=192.168.79.2

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
fabric_with_chassis "$FAB" "$HV1" "$HV2"
vm_add "$A1" "$HV1" vifa1 $MACA1 10.4.1.1/24
vm_add "$A2" "$HV2" vifa2 $MACA2 10.4.1.2/24
# a3 is on the untagged switch but uses the VLAN switch's subnet.
vm_add "$A3" "$HV1" vifa3 $MACA3 10.4.2.3/24
vm_add "$B1" "$HV1" vifb1 $MACB1 10.4.2.1/24
vm_add "$B2" "$HV2" vifb2 $MACB2 10.4.2.2/24
vm_add "$C1" "$HV1" vifc1 $MACC1 10.4.3.1/24
vm_add "$C2" "$HV2" vifc2 $MACC2 10.4.3.2/24
tunnel_mtu "$C1" "$C2"

ctl chassis-add hv1 geneve $UL1 -- chassis-set-encap-iface hv1 ul0 \
	-- chassis-set-bridge-mappings hv1 phys:phys0 \
	-- chassis-add hv2 geneve $UL2 -- chassis-set-encap-iface hv2 ul0 \
	-- chassis-set-bridge-mappings hv2 phys:phys0 \
	-- ls-add lsa -- ls-add lsb -- ls-add lsc \
	-- lsp-add lsa lna -- lsp-set-type lna localnet -- lsp-set-addresses lna unknown \
	-- lsp-set-options lna network_name=phys \
	-- lsp-add lsb lnb -- lsp-set-type lnb localnet -- lsp-set-addresses lnb unknown \
	-- lsp-set-options lnb network_name=phys -- lsp-set-tag lnb 101 \
	-- lsp-add lsa a1 -- lsp-set-addresses a1 "$MACA1 10.4.1.1" \
	-- lsp-add lsa a2 -- lsp-set-addresses a2 "$MACA2 10.4.1.2" \
	-- lsp-add lsa a3 -- lsp-set-addresses a3 "$MACA3 10.4.2.3" \
	-- lsp-add lsb b1 -- lsp-set-addresses b1 "$MACB1 10.4.2.1" \
	-- lsp-add lsb b2 -- lsp-set-addresses b2 "$MACB2 10.4.2.2" \
	-- lsp-add lsc c1 -- lsp-set-addresses c1 "$MACC1 10.4.3.1" \
	-- lsp-add lsc c2 -- lsp-set-addresses c2 "$MACC2 10.4.3.2" \
	-- vif-attach hv1 vifa1 a1 -- vif-attach hv2 vifa2 a2 -- vif-attach hv1 vifa3 a3 \
	-- vif-attach hv1 vifb1 b1 -- vif-attach hv2 vifb2 b2 \
	-- vif-attach hv1 vifc1 c1 -- vif-attach hv2 vifc2 c2 || exit 1
vni() { ctl get logical_switch "$1" tunnel_key; }
VNIA=$(vni lsa) VNIB=$(vni lsb) VNIC=$(vni lsc)

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
for ch in hv1 hv2; do
	check "$ch attached to the physical network" wait_log $ch 'attached xovn_vif_ingress to phys0 ' 10
	check "$ch attached to the underlay" wait_log $ch 'attached xovn_underlay_ingress to ul0 ' 5
done
check "hv1 attached its four VIFs" wait_log hv1 'attached xovn_vif_ingress to vif' 5 4

geneve=$E2E_TMP/geneve.txt fabric=$E2E_TMP/fabric.txt
capture_start "$HV1" ul0 200 "$geneve" || fail "underlay tcpdump did not start"
geneve_pid=$CAPTURE_PID
l2_capture_start "$FAB" fh1 "$fabric" || fail "fabric tcpdump did not start"

echo "VMs of localnet switches talk over the physical network"
# Nobody has 10.4.2.77: b1's ARP for it is a broadcast the responder leaves alone.
ping_none "$B1" 10.4.2.77
check "a1 (hv1) -> a2 (hv2), untagged switch" ping_ok "$A1" 10.4.1.2 3
check "a2 (hv2) -> a1 (hv1)" ping_ok "$A2" 10.4.1.1 2
check "b1 (hv1) -> b2 (hv2), VLAN 101 switch" ping_ok "$B1" 10.4.2.2 3
check "b2 (hv2) -> b1 (hv1)" ping_ok "$B2" 10.4.2.1 2
echo "the untagged switch does not reach the VLAN switch"
check "a3 (lsa, hv1) -> b2 (lsb, hv2) gets nothing" ping_none "$A3" 10.4.2.2
check "a3 -> b1 (lsb, same chassis) gets nothing" ping_none "$A3" 10.4.2.1
ip -n "$A3" neigh replace 10.4.2.2 lladdr $MACB2 dev eth0 nud permanent
check "a3 -> b2's MAC (unknown unicast in lsa) gets nothing" ping_none "$A3" 10.4.2.2
echo "the overlay switch on the same chassis tunnels"
check "c1 (hv1) -> c2 (hv2), no localnet" ping_ok "$C1" 10.4.3.2 2
capture_stop "$CAPTURE_PID"
capture_stop "$geneve_pid"

vni_count() { grep -cE "vni 0x$(printf '%x' "$1")([^0-9a-f]|$)" "$geneve"; }
echo "    Geneve packets by VNI: lsa $(vni_count "$VNIA"), lsb $(vni_count "$VNIB"), lsc $(vni_count "$VNIC")"
check "the underlay carried lsc's tunnel (the capture works)" test "$(vni_count "$VNIC")" -gt 0
check "zero Geneve packets for lsa" test "$(vni_count "$VNIA")" -eq 0
check "zero Geneve packets for lsb" test "$(vni_count "$VNIB")" -eq 0
check "no inner frame of lsa/lsb in the underlay capture" \
	bash -c "! grep -qE '10\.4\.[12]\.' '$geneve'"

grep -E 'vlan 101' "$fabric" | head -n 2 | sed 's/^/    /'
check "the fabric carries b1's echo tagged vlan 101" \
	grep -qE "$MACB1 > $MACB2, .*vlan 101, .*10\.4\.2\.1 > 10\.4\.2\.2: ICMP echo request" "$fabric"
check "and b1's ARP broadcast tagged vlan 101" \
	grep -qE "$MACB1 > ff:ff:ff:ff:ff:ff, .*vlan 101, .*Request who-has 10\.4\.2\.77" "$fabric"
check "lsb's frames never untagged on the fabric" \
	bash -c "! grep -iE '($MACB1|$MACB2) > ' '$fabric' | grep -qv 'vlan 101,'"
check "the fabric carries a1's echo untagged" \
	grep -qE "$MACA1 > $MACA2, ethertype IPv4 .*10\.4\.1\.1 > 10\.4\.1\.2: ICMP echo request" "$fabric"
check "lsa's frames never tagged" bash -c "! grep -E '10\.4\.1\.' '$fabric' | grep -q 'vlan'"
check "a3's frames left untagged, never as vlan 101" \
	bash -c "! grep -i '$MACA3' '$fabric' | grep -q 'vlan'"
check "lsc's frames never on the fabric" bash -c "! grep -qE '10\.4\.3\.' '$fabric'"

e2e_end
