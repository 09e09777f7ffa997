#!/usr/bin/env bash
# Container ports (OVN's parent_name + tag), as in seed 004: containers
# inside VMs reach the switch through 802.1Q tags on their VM's VIF.  Tags
# are local to each VIF: containers with different tags on different
# chassis talk, a container talks to plain VMs and to its own parent, a
# broadcast reaches every other container with that container's own tag,
# the parent's VIF shows the tags, and no tag ever travels inside Geneve.
#
# The containers sit in their own namespaces behind their VM, joined by the
# test's TC helper (helpers/vlan_mux.*) that tags and untags on the VM's
# eth0 exactly as 802.1Q subinterfaces would.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/vlan_mux.sh"
. "$(dirname "$0")/helpers/frames.sh"
e2e_begin containers

HV1=xe-chv1-$SUF HV2=xe-chv2-$SUF
VM1=xe-cvm1-$SUF VM2=xe-cvm2-$SUF VM3=xe-cvm3-$SUF
C1=xe-cc1-$SUF C2=xe-cc2-$SUF C3=xe-cc3-$SUF C9=xe-cc9-$SUF CX=xe-ccx-$SUF
C0=xe-cc0-$SUF
MAC1=02:00:00:00:08:01 MAC2=02:00:00:00:08:02 MAC3=02:00:00:00:08:03
CMAC1=02:00:00:00:08:21 CMAC2=02:00:00:00:08:27 CMAC3=02:00:00:00:08:33
CMAC9=02:00:00:00:08:29 CMACX=02:00:00:00:08:42 CMAC0=02:00:00:00:08:20
UL1=192.168.81.1 UL2=192.168.81.2
NOBODY=10.8.0.99 # no port lists it: an ARP request for it must flood

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
vm_add "$VM1" "$HV1" vif1 $MAC1 10.8.0.1/24
vm_add "$VM2" "$HV1" vif2 $MAC2 10.8.0.2/24
vm_add "$VM3" "$HV2" vif3 $MAC3 10.8.0.3/24
tunnel_mtu "$VM1" "$VM2" "$VM3"

vlan_mux_build || { fail "building the VLAN helper"; exit 1; }
vlan_mux_vm "$VM1" && vlan_mux_vm "$VM3" || { fail "loading the VLAN helper"; exit 1; }
# vm1 (hv1) hosts c1 on tag 2 and c2 on tag 7; vm3 (hv2) hosts c3 on tag 3.
container_add "$VM1" "$C1" c1 2 $CMAC1 10.8.0.21/24 &&
	container_add "$VM1" "$C2" c2 7 $CMAC2 10.8.0.27/24 &&
	container_add "$VM3" "$C3" c3 3 $CMAC3 10.8.0.33/24 ||
	{ fail "plugging the containers"; exit 1; }

encap_args $UL1 $UL2
ctl ls-add ls1 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.8.0.1" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.8.0.2" \
	-- lsp-add ls1 p3 -- lsp-set-addresses p3 "$MAC3 10.8.0.3" \
	-- lsp-add ls1 c1 p1 2 -- lsp-set-addresses c1 "$CMAC1 10.8.0.21" \
	-- lsp-add ls1 c2 p1 7 -- lsp-set-addresses c2 "$CMAC2 10.8.0.27" \
	-- lsp-add ls1 c3 p3 3 -- lsp-set-addresses c3 "$CMAC3 10.8.0.33" \
	-- "${ENCAP_ARGS[@]}" \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv1 vif2 p2 \
	-- vif-attach hv2 vif3 p3 || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached both VIFs" wait_log hv1 'attached xovn_vif_ingress to vif' 10 2
check "hv2 attached vif3" wait_log hv2 'attached xovn_vif_ingress to vif3' 10

echo "containers across chassis, with different tags"
vif1_pcap=$E2E_TMP/vif1.pcap ul_pcap=$E2E_TMP/underlay.pcap vm1_pcap=$E2E_TMP/vm1.pcap
capture "$HV1" vif1 "$vif1_pcap" icmp || fail "capture on vif1"
# From the tunnel, IP frames enter vm1's eth0 directly (bpf_redirect_peer),
# never passing vif1's transmit: they are seen arriving on the VM's side.
capture "$VM1" eth0 "$vm1_pcap" -Q in icmp || fail "capture on vm1's eth0"
capture "$HV1" ul0 "$ul_pcap" udp port 6081 || fail "capture on the underlay"
check "c1 (vm1 tag 2, hv1) -> c3 (vm3 tag 3, hv2)" ping_ok "$C1" 10.8.0.33 3
check "c3 -> c1" ping_ok "$C3" 10.8.0.21
capture_end
# Seed 004: on the parent's VIF, the container's frames carry its tag.
check "vif1 shows c1's echo requests tagged 2" \
	test "$(frames "$vif1_pcap" -e vlan 2 and src host 10.8.0.21 and 'icmp[icmptype] = icmp-echo')" -ge 3
check "vm1's eth0 receives c3's echo requests to c1 tagged 2" \
	test "$(frames "$vm1_pcap" -e vlan 2 and src host 10.8.0.33 and 'icmp[icmptype] = icmp-echo')" -ge 1
check "vif1 carries no untagged container frame" \
	test "$(frames "$vif1_pcap" host 10.8.0.21 and not vlan)" -eq 0
tunneled=$(frames "$ul_pcap" 'udp[8 + 8 + ((udp[8] & 0x3f) * 4) + 12 : 2] = 0x0800')
# The inner EtherType right after the Geneve header and its options.
tagged=$(frames "$ul_pcap" 'udp[8 + 8 + ((udp[8] & 0x3f) * 4) + 12 : 2] = 0x8100 or udp[8 + 8 + ((udp[8] & 0x3f) * 4) + 12 : 2] = 0x88a8')
echo "    underlay: $tunneled Geneve frames with untagged IPv4 inside, $tagged with a tag"
check "container traffic crossed the underlay in Geneve" test "$tunneled" -ge 8
check "no 802.1Q tag inside Geneve" test "$tagged" -eq 0
check "the container addresses are inside those frames" \
	test "$(tcpdump -nn -r "$ul_pcap" 2>/dev/null | grep -c '10\.8\.0\.21 > 10\.8\.0\.33')" -ge 3

echo "containers and plain VMs"
check "c1 (hv1) -> vm2 (plain VM, hv1)" ping_ok "$C1" 10.8.0.2
check "c3 (hv2) -> vm2 (plain VM, hv1)" ping_ok "$C3" 10.8.0.2
check "vm2 (hv1) -> c2 (vm1 tag 7)" ping_ok "$VM2" 10.8.0.27
check "vm3 (hv2) -> c2 (vm1 tag 7)" ping_ok "$VM3" 10.8.0.27

echo "containers and their own parent"
check "c1 -> vm1, its parent" ping_ok "$C1" 10.8.0.1
check "vm1 -> c2, its own container" ping_ok "$VM1" 10.8.0.27
check "vm3 -> c3, its own container" ping_ok "$VM3" 10.8.0.33
check "c1 -> c2, two tags on one VIF" ping_ok "$C1" 10.8.0.27

echo "a broadcast from a container"
# A VM's own copy is the untagged one: its eth0 also carries its
# containers' tagged copies on their way to them.
for ns in "$C1" "$C2" "$C3" "$VM1" "$VM2" "$VM3"; do
	capture "$ns" eth0 "$E2E_TMP/bc-$ns.pcap" -Q in arp host $NOBODY and not vlan ||
		fail "capture in $ns"
done
capture "$HV1" vif1 "$E2E_TMP/bc-vif1.pcap" -Q out arp host $NOBODY || fail "capture on vif1"
capture "$HV2" vif3 "$E2E_TMP/bc-vif3.pcap" -Q out arp host $NOBODY || fail "capture on vif3"
send_arp "$C1" $CMAC1 10.8.0.21 $NOBODY || fail "sending the broadcast from c1"
capture_end
for ns in "$C2" "$C3" "$VM1" "$VM2" "$VM3"; do
	n=$(frames "$E2E_TMP/bc-$ns.pcap")
	check "${ns%-*} got c1's broadcast exactly once ($n)" test "$n" -eq 1
done
n=$(frames "$E2E_TMP/bc-$C1.pcap")
check "c1 did not get its own broadcast back ($n)" test "$n" -eq 0
bc_vif1=$E2E_TMP/bc-vif1.pcap bc_vif3=$E2E_TMP/bc-vif3.pcap
check "vif1 gave c2 its copy with c2's tag 7" test "$(frames "$bc_vif1" vlan 7)" -eq 1
check "vif1 gave vm1 its copy untagged" test "$(frames "$bc_vif1" not vlan)" -eq 1
check "vif1 sent nothing back on c1's tag 2" test "$(frames "$bc_vif1" vlan 2)" -eq 0
check "vif3 gave c3 its copy with c3's tag 3" test "$(frames "$bc_vif3" vlan 3)" -eq 1
check "vif3 gave vm3 its copy untagged" test "$(frames "$bc_vif3" not vlan)" -eq 1

echo "tags that name no container port"
# c9 sits on tag 9 of vm1, which the model does not know; cx on tag 2 of
# vm2, whose port has no containers at all; c0 sends priority-tagged
# frames (VID 0) on vm1: a tag all the same.
container_add "$VM1" "$C9" c9 9 $CMAC9 10.8.0.29/24 &&
	container_add "$VM1" "$C0" c0 0 $CMAC0 10.8.0.20/24 &&
	vlan_mux_vm "$VM2" && container_add "$VM2" "$CX" cx 2 $CMACX 10.8.0.42/24 ||
	fail "plugging the unknown containers"
vlan_drops() {
	ctl stats --json --chassis hv1 --pin-dir "$E2E_PIN_ROOT/hv1" |
		jq -r '.drops."vlan-not-allowed".packets // 0'
}
# cut_off WHAT CTNS IP: CTNS reaches nobody, and hv1 counted its tagged
# frames as not allowed (so they did arrive, and were refused there).
cut_off() {
	local before n
	before=$(vlan_drops)
	check "$1 reaches nobody" ping_none "$2" "$3"
	n=$(( $(vlan_drops) - before ))
	check "hv1 dropped its frames as a tag not allowed ($n)" test "$n" -gt 0
}
cut_off "c9 (vm1, unknown tag 9)" "$C9" 10.8.0.2
cut_off "cx (tag 2 on vm2, a VIF without containers)" "$CX" 10.8.0.21
cut_off "c0 (priority tag on vm1)" "$C0" 10.8.0.2
check "c1 on the same VIF as c9 still works" ping_ok "$C1" 10.8.0.2

echo "a parent moving to another chassis takes its container along"
vm_move "$VM3" "$HV2" "$HV1" vif3 && ip -n "$VM3" link set eth0 mtu 1442 &&
	vlan_mux_replug "$VM3" || fail "re-plugging vm3"
ctl vif-detach hv2 vif3 -- vif-attach hv1 vif3 p3 || fail "xovnctl move p3"
check "hv1 attached vif3" wait_log hv1 'attached xovn_vif_ingress to vif3' 5
vif3_pcap=$E2E_TMP/vif3-moved.pcap
capture "$HV1" vif3 "$vif3_pcap" icmp || fail "capture on vif3"
check "c1 -> c3, now on the same chassis" until_ok 3 one_ping "$C1" 10.8.0.33
check "vm2 -> c3" ping_ok "$VM2" 10.8.0.33
capture_end
check "c3's frames carry tag 3 on hv1 now" \
	test "$(frames "$vif3_pcap" -e vlan 3 and src host 10.8.0.33)" -ge 3

e2e_end
