#!/usr/bin/env bash
# Container ports on another logical switch than their parent VIF (OVN
# allows it: the parent only provides the interface and the chassis).  The
# containers' switch is a broadcast domain of its own across chassis, with
# its own VNI, and nothing crosses between the two switches, even though
# they share the VIFs and use the same subnet.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/vlan_mux.sh"
. "$(dirname "$0")/helpers/frames.sh"
e2e_begin cswitch

HV1=xe-whv1-$SUF HV2=xe-whv2-$SUF
VM1=xe-wvm1-$SUF VM3=xe-wvm3-$SUF VM4=xe-wvm4-$SUF
C1=xe-wc1-$SUF C2=xe-wc2-$SUF C3=xe-wc3-$SUF
MAC1=02:00:00:00:0b:01 MAC3=02:00:00:00:0b:03 MAC4=02:00:00:00:0b:04
CMAC1=02:00:00:00:0b:21 CMAC2=02:00:00:00:0b:22 CMAC3=02:00:00:00:0b:23
UL1=192.168.83.1 UL2=192.168.83.2
NOBODY=10.11.0.99

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
vm_add "$VM1" "$HV1" vif1 $MAC1 10.11.0.1/24
vm_add "$VM3" "$HV2" vif3 $MAC3 10.11.0.3/24
vm_add "$VM4" "$HV2" vif4 $MAC4 10.11.0.4/24
tunnel_mtu "$VM1" "$VM3" "$VM4"

vlan_mux_build || { fail "building the VLAN helper"; exit 1; }
vlan_mux_vm "$VM1" && vlan_mux_vm "$VM3" || { fail "loading the VLAN helper"; exit 1; }
# ls1: vm1 (hv1), vm3 (hv2) and c2 (vm1 tag 11).
# ls2: c1 (vm1 tag 10), c3 (vm3 tag 12) and vm4 (hv2).
container_add "$VM1" "$C1" c1 10 $CMAC1 10.11.0.21/24 &&
	container_add "$VM1" "$C2" c2 11 $CMAC2 10.11.0.22/24 &&
	container_add "$VM3" "$C3" c3 12 $CMAC3 10.11.0.23/24 ||
	{ fail "plugging the containers"; exit 1; }

encap_args $UL1 $UL2
ctl ls-add ls1 -- ls-add ls2 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.11.0.1" \
	-- lsp-add ls1 p3 -- lsp-set-addresses p3 "$MAC3 10.11.0.3" \
	-- lsp-add ls2 p4 -- lsp-set-addresses p4 "$MAC4 10.11.0.4" \
	-- lsp-add ls2 c1 p1 10 -- lsp-set-addresses c1 "$CMAC1 10.11.0.21" \
	-- lsp-add ls1 c2 p1 11 -- lsp-set-addresses c2 "$CMAC2 10.11.0.22" \
	-- lsp-add ls2 c3 p3 12 -- lsp-set-addresses c3 "$CMAC3 10.11.0.23" \
	-- "${ENCAP_ARGS[@]}" \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv2 vif3 p3 \
	-- vif-attach hv2 vif4 p4 || exit 1
VNI2=$(ctl get logical_switch ls2 tunnel_key)

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached vif1" wait_log hv1 'attached xovn_vif_ingress to vif1' 10
check "hv2 attached both VIFs" wait_log hv2 'attached xovn_vif_ingress to vif' 10 2

echo "the containers' switch spans both chassis"
ul_pcap=$E2E_TMP/underlay.txt
timeout 8 nsenter --net="/run/netns/$HV1" tcpdump -l -vv -nn -i ul0 -c 4 \
	udp port 6081 and host $UL2 >"$ul_pcap" 2>"$ul_pcap.err" &
E2E_PIDS+=("$!")
dump=$!
until_ok 3 grep -q 'listening on' "$ul_pcap.err" || fail "capture on the underlay"
check "c1 (ls2 on vm1, hv1) -> c3 (ls2 on vm3, hv2)" ping_ok "$C1" 10.11.0.23
wait "$dump" 2>/dev/null
check "xovnctl get gives ls2's tunnel key" test -n "$VNI2"
check "the tunnel carries them on ls2's VNI (${VNI2:-?})" \
	grep -qE "vni 0x$(printf '%x' "${VNI2:-0}")([^0-9a-f]|$)" "$ul_pcap"
check "c1 -> vm4 (ls2, plain VM on hv2)" ping_ok "$C1" 10.11.0.4
check "vm4 -> c3 (same chassis, on vm3's VIF)" ping_ok "$VM4" 10.11.0.23

echo "and stays apart from the parents' switch"
check "c1 cannot reach vm1, its parent on ls1" ping_none "$C1" 10.11.0.1
check "c1 cannot reach c2, on ls1 behind the same VIF" ping_none "$C1" 10.11.0.22
check "c1 cannot reach vm3 (ls1, hv2)" ping_none "$C1" 10.11.0.3
check "vm4 cannot reach vm1 (ls1, hv1)" ping_none "$VM4" 10.11.0.1
check "the parents' switch still works (vm1 -> vm3)" ping_ok "$VM1" 10.11.0.3
check "and its container (c2 -> vm3)" ping_ok "$C2" 10.11.0.3

echo "a broadcast from c1 stays on ls2"
# A VM's own copy is the untagged one (its containers' copies pass tagged).
for ns in "$C1" "$C2" "$C3" "$VM1" "$VM3" "$VM4"; do
	capture "$ns" eth0 "$E2E_TMP/bc-$ns.pcap" -Q in arp host $NOBODY and not vlan ||
		fail "capture in $ns"
done
send_arp "$C1" $CMAC1 10.11.0.21 $NOBODY || fail "sending the broadcast from c1"
capture_end
for ns in "$C3" "$VM4"; do
	n=$(frames "$E2E_TMP/bc-$ns.pcap")
	check "${ns%-*} (ls2) got it exactly once ($n)" test "$n" -eq 1
done
for ns in "$C1" "$C2" "$VM1" "$VM3"; do
	n=$(frames "$E2E_TMP/bc-$ns.pcap")
	check "${ns%-*} did not get it ($n)" test "$n" -eq 0
done

e2e_end
