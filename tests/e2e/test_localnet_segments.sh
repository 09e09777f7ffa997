#!/usr/bin/env bash
# One switch with two localnet ports on two physical segments (seg1, seg2),
# each chassis mapping one of them: hv1 is on seg1, hv2 on seg2.  Each VM
# reaches the hosts of its own segment; unicast between the segments is not
# tunneled, it is lost (zero Geneve packets, nothing of vm1 on seg2).
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin localnet-segments

HV1=xe-sghv1-$SUF HV2=xe-sghv2-$SUF FA=xe-sgfa-$SUF FB=xe-sgfb-$SUF
VM1=xe-sgvm1-$SUF VM2=xe-sgvm2-$SUF HA=xe-sgha-$SUF HB=xe-sghb-$SUF
MAC1=02:00:00:00:18:01 MAC2=02:00:00:00:18:02 MACA=02:00:00:00:18:a1 MACB=02:00:00:00:18:b2
UL1=192.168.81.1 UL2=192.168.81.2

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
fabric_with_chassis "$FA" "$HV1"
fabric_with_chassis "$FB" "$HV2"
fabric_host_add "$FA" "$HA" fha $MACA 10.8.0.101/24
fabric_host_add "$FB" "$HB" fhb $MACB 10.8.0.102/24
vm_add "$VM1" "$HV1" vif1 $MAC1 10.8.0.1/24
vm_add "$VM2" "$HV2" vif2 $MAC2 10.8.0.2/24

ctl chassis-add hv1 geneve $UL1 -- chassis-set-encap-iface hv1 ul0 \
	-- chassis-set-bridge-mappings hv1 seg1:phys0 \
	-- chassis-add hv2 geneve $UL2 -- chassis-set-encap-iface hv2 ul0 \
	-- chassis-set-bridge-mappings hv2 seg2:phys0 \
	-- ls-add ls \
	-- lsp-add ls ln1 -- lsp-set-type ln1 localnet -- lsp-set-addresses ln1 unknown \
	-- lsp-set-options ln1 network_name=seg1 \
	-- lsp-add ls ln2 -- lsp-set-type ln2 localnet -- lsp-set-addresses ln2 unknown \
	-- lsp-set-options ln2 network_name=seg2 \
	-- lsp-add ls vm1 -- lsp-set-addresses vm1 "$MAC1 10.8.0.1" \
	-- lsp-add ls vm2 -- lsp-set-addresses vm2 "$MAC2 10.8.0.2" \
	-- vif-attach hv1 vif1 vm1 -- vif-attach hv2 vif2 vm2 || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
for ch in hv1 hv2; do
	check "$ch attached to its segment" wait_log $ch 'attached xovn_vif_ingress to phys0 ' 10
	check "$ch attached to the underlay" wait_log $ch 'attached xovn_underlay_ingress to ul0 ' 5
done

geneve=$E2E_TMP/geneve.txt sega=$E2E_TMP/seg1.txt segb=$E2E_TMP/seg2.txt
capture_start "$HV1" ul0 50 "$geneve" || fail "underlay tcpdump did not start"
geneve_pid=$CAPTURE_PID
l2_capture_start "$FA" fh1 "$sega" || fail "seg1 tcpdump did not start"
sega_pid=$CAPTURE_PID
l2_capture_start "$FB" fh1 "$segb" || fail "seg2 tcpdump did not start"

echo "each VM reaches its own segment"
check "vm1 (hv1) -> host on seg1" ping_ok "$VM1" 10.8.0.101 2
check "vm2 (hv2) -> host on seg2" ping_ok "$VM2" 10.8.0.102 2
check "host on seg1 -> vm1" ping_ok "$HA" 10.8.0.1 2
echo "unicast between the segments is lost, not tunneled"
check "vm1 -> vm2 gets nothing" ping_none "$VM1" 10.8.0.2
check "vm1 -> host on seg2 gets nothing" ping_none "$VM1" 10.8.0.102
check "vm2 -> vm1 gets nothing" ping_none "$VM2" 10.8.0.1
capture_stop "$CAPTURE_PID"
capture_stop "$sega_pid"
capture_stop "$geneve_pid"

check "zero Geneve packets on the underlay" bash -c "! grep -q Geneve '$geneve'"
check "vm1's echo to vm2 went out seg1" \
	grep -qE "$MAC1 > $MAC2, .*10\.8\.0\.1 > 10\.8\.0\.2: ICMP echo request" "$sega"
check "nothing from vm1's MAC on seg2" bash -c "! grep -qi '$MAC1 > ' '$segb'"
check "seg2 carried vm2's own traffic (the capture works)" grep -qi "$MAC2 > $MACB" "$segb"

e2e_end
