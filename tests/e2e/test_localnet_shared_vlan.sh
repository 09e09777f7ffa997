#!/usr/bin/env bash
# Two switches whose localnet ports lead to the same physical network and
# VLAN are one broadcast domain on the wire: the fabric bridges them.  lsc
# lives on hv1, lsd on hv2, both on VLAN 102 of one fabric bridge (each
# chassis maps its own network name to its fabric port).  A frame for a MAC
# lsc does not know leaves through its localnet and enters lsd on hv2, and
# the answer comes back the same way.  A third switch on VLAN 103 with the
# same subnet is not reached.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin localnet-shared-vlan

HV1=xe-svhv1-$SUF HV2=xe-svhv2-$SUF FAB=xe-svfab-$SUF
C1=xe-svc1-$SUF D2=xe-svd2-$SUF E2=xe-sve2-$SUF
MACC1=02:00:00:00:1c:01 MACD2=02:00:00:00:1d:02 MACE2=02:00:00:00:1e:02

fabric_with_chassis "$FAB" "$HV1" "$HV2"
vm_add "$C1" "$HV1" vifc1 $MACC1 10.7.0.1/24
vm_add "$D2" "$HV2" vifd2 $MACD2 10.7.0.2/24
vm_add "$E2" "$HV2" vife2 $MACE2 10.7.0.3/24

ctl chassis-add hv1 geneve 192.0.2.1 -- chassis-set-bridge-mappings hv1 physc:phys0 \
	-- chassis-add hv2 geneve 192.0.2.2 -- chassis-set-bridge-mappings hv2 physd:phys0,physe:phys0 \
	-- ls-add lsc -- ls-add lsd -- ls-add lse \
	-- lsp-add lsc lnc -- lsp-set-type lnc localnet -- lsp-set-addresses lnc unknown \
	-- lsp-set-options lnc network_name=physc -- lsp-set-tag lnc 102 \
	-- lsp-add lsd lnd -- lsp-set-type lnd localnet -- lsp-set-addresses lnd unknown \
	-- lsp-set-options lnd network_name=physd -- lsp-set-tag lnd 102 \
	-- lsp-add lse lne -- lsp-set-type lne localnet -- lsp-set-addresses lne unknown \
	-- lsp-set-options lne network_name=physe -- lsp-set-tag lne 103 \
	-- lsp-add lsc c1 -- lsp-set-addresses c1 "$MACC1 10.7.0.1" \
	-- lsp-add lsd d2 -- lsp-set-addresses d2 "$MACD2 10.7.0.2" \
	-- lsp-add lse e2 -- lsp-set-addresses e2 "$MACE2 10.7.0.3" \
	-- vif-attach hv1 vifc1 c1 -- vif-attach hv2 vifd2 d2 -- vif-attach hv2 vife2 e2 || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached to the physical network" wait_log hv1 'attached xovn_vif_ingress to phys0 ' 10
check "hv2 attached to the physical network" wait_log hv2 'attached xovn_vif_ingress to phys0 ' 10
check "hv2 attached both VIFs" wait_log hv2 'attached xovn_vif_ingress to vif' 5 2

fabric=$E2E_TMP/fabric.txt
l2_capture_start "$FAB" fh1 "$fabric" || fail "fabric tcpdump did not start"
echo "lsc (hv1) and lsd (hv2) meet on VLAN 102"
check "c1 (lsc) -> d2 (lsd)" ping_ok "$C1" 10.7.0.2 3
check "d2 (lsd) -> c1 (lsc)" ping_ok "$D2" 10.7.0.1 2
check "c1 resolved d2's MAC across the fabric" test "$(neigh_mac "$C1" 10.7.0.2)" = $MACD2
echo "VLAN 103 is another network"
check "c1 -> e2 (lse, VLAN 103) gets nothing" ping_none "$C1" 10.7.0.3
ip -n "$C1" neigh replace 10.7.0.3 lladdr $MACE2 dev eth0 nud permanent
check "c1 -> e2's MAC gets nothing" ping_none "$C1" 10.7.0.3
capture_stop "$CAPTURE_PID"

check "c1's echo to d2's MAC crossed the fabric on vlan 102" \
	grep -qE "$MACC1 > $MACD2, .*vlan 102, .*10\.7\.0\.1 > 10\.7\.0\.2: ICMP echo request" "$fabric"
check "d2's reply came back on vlan 102" \
	grep -qE "$MACD2 > $MACC1, .*vlan 102, .*10\.7\.0\.2 > 10\.7\.0\.1: ICMP echo reply" "$fabric"
check "c1's echo to e2's MAC left on vlan 102, never 103" \
	bash -c "grep -qE '$MACC1 > $MACE2, .*vlan 102,' '$fabric' && ! grep -qE '$MACC1 > .*vlan 103' '$fabric'"
check "e2 never answered c1" bash -c "! grep -qi '$MACE2 > $MACC1' '$fabric'"

e2e_end
