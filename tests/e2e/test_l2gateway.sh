#!/usr/bin/env bash
# An l2gateway port bridges a logical switch to a physical segment on one
# chassis (hv3, options:l2gateway-chassis).  A host on that segment reaches
# VIFs on two other chassis through Geneve tunnels to and from hv3, and
# broadcasts reach everyone: the host's reach both VMs, a VM's reach the
# host and the other VM.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin l2gateway

HV1=xe-gwhv1-$SUF HV2=xe-gwhv2-$SUF HV3=xe-gwhv3-$SUF UL=xe-gwul-$SUF
VM1=xe-gwvm1-$SUF VM2=xe-gwvm2-$SUF HOST=xe-gwhost-$SUF
MAC1=02:00:00:00:0d:01 MAC2=02:00:00:00:0d:02 MACH=02:00:00:00:0d:64
UL1=192.168.80.1 UL2=192.168.80.2 UL3=192.168.80.3

netns_add "$HV1"
netns_add "$HV2"
netns_add "$HV3"
# Three chassis share one underlay: a bridge in its own namespace.
fabric_add "$UL"
fabric_plug "$UL" "$HV1" ul0 u1
fabric_plug "$UL" "$HV2" ul0 u2
fabric_plug "$UL" "$HV3" ul0 u3
ip -n "$HV1" addr add $UL1/24 dev ul0
ip -n "$HV2" addr add $UL2/24 dev ul0
ip -n "$HV3" addr add $UL3/24 dev ul0
vm_add "$VM1" "$HV1" vif1 $MAC1 10.6.0.1/24
vm_add "$VM2" "$HV2" vif2 $MAC2 10.6.0.2/24
# The physical segment behind hv3: one bare-metal host on gw0.
vm_add "$HOST" "$HV3" gw0 $MACH 10.6.0.100/24
for ns in "$VM1" "$VM2" "$HOST"; do ip -n "$ns" link set eth0 mtu 1442; done

ctl chassis-add hv1 geneve $UL1 -- chassis-set-encap-iface hv1 ul0 \
	-- chassis-add hv2 geneve $UL2 -- chassis-set-encap-iface hv2 ul0 \
	-- chassis-add hv3 geneve $UL3 -- chassis-set-encap-iface hv3 ul0 \
	-- chassis-set-bridge-mappings hv3 seg:gw0 \
	-- ls-add ls \
	-- lsp-add ls p1 -- lsp-set-addresses p1 "$MAC1 10.6.0.1" \
	-- lsp-add ls p2 -- lsp-set-addresses p2 "$MAC2 10.6.0.2" \
	-- lsp-add ls gw -- lsp-set-type gw l2gateway -- lsp-set-addresses gw unknown \
	-- lsp-set-options gw network_name=seg l2gateway-chassis=hv3 \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv2 vif2 p2 || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
xovnd_start "$HV3" hv3
check "hv3 attached to the segment" wait_log hv3 'attached xovn_vif_ingress to gw0 ' 10
for ch in hv1 hv2 hv3; do
	check "$ch attached to the underlay" wait_log $ch 'attached xovn_underlay_ingress to ul0 ' 5
done

geneve=$E2E_TMP/geneve.txt
capture_start "$HV3" ul0 100 "$geneve" || fail "underlay tcpdump did not start"
echo "the host on hv3's segment and the VMs on hv1 and hv2"
check "host -> vm1 (hv1)" ping_ok "$HOST" 10.6.0.1 3
check "host -> vm2 (hv2)" ping_ok "$HOST" 10.6.0.2 3
check "vm1 -> host" ping_ok "$VM1" 10.6.0.100 2
check "vm2 -> host" ping_ok "$VM2" 10.6.0.100 2
check "vm1 -> vm2 still direct" ping_ok "$VM1" 10.6.0.2 2
capture_stop "$CAPTURE_PID"
capture_records "$geneve" >"$geneve.flat"
check "the host's frames crossed the underlay from hv3 to hv1" \
	grep -qE "$UL3\.[0-9]+ > $UL1\.6081: .*10\.6\.0\.100 > 10\.6\.0\.1: ICMP echo request" "$geneve.flat"
check "and from hv3 to hv2" \
	grep -qE "$UL3\.[0-9]+ > $UL2\.6081: .*10\.6\.0\.100 > 10\.6\.0\.2: ICMP echo request" "$geneve.flat"
check "and the answers came back to hv3" \
	grep -qE "$UL1\.[0-9]+ > $UL3\.6081: .*10\.6\.0\.1 > 10\.6\.0\.100: ICMP echo reply" "$geneve.flat"

# arp_seen SENDER FILE: a capture received SENDER's ARP request for
# 10.6.0.77 (an address nobody has: flooded, never answered).
arp_seen() { grep -q "Request who-has 10\.6\.0\.77 tell $1" "$2"; }

echo "broadcasts reach everyone"
pids=()
for ns in "$VM1" "$VM2" "$HOST"; do
	l2_capture_start "$ns" eth0 "$E2E_TMP/arp-$ns.txt" -Q in arp || fail "tcpdump in $ns did not start"
	pids+=("$CAPTURE_PID")
done
ping_none "$HOST" 10.6.0.77 # the host asks: ARP broadcast on the segment
ping_none "$VM1" 10.6.0.77  # vm1 asks
for pid in "${pids[@]}"; do capture_stop "$pid"; done
check "the host's broadcast reached vm1 (hv1)" arp_seen 10.6.0.100 "$E2E_TMP/arp-$VM1.txt"
check "the host's broadcast reached vm2 (hv2)" arp_seen 10.6.0.100 "$E2E_TMP/arp-$VM2.txt"
check "vm1's broadcast reached the host" arp_seen 10.6.0.1 "$E2E_TMP/arp-$HOST.txt"
check "vm1's broadcast reached vm2" arp_seen 10.6.0.1 "$E2E_TMP/arp-$VM2.txt"
check "the host's broadcast did not come back to it" \
	bash -c "! grep -q 'tell 10\.6\.0\.100' '$E2E_TMP/arp-$HOST.txt'"

e2e_end
