#!/usr/bin/env bash
# Three chassis on one underlay segment (a Linux bridge in its own
# namespace), one logical switch with a VM on each: a broadcast from one VM
# reaches each other VM exactly once (one tunnel copy per remote chassis,
# never re-tunneled, so no duplicates and no loops), every pair of VMs
# talks, and a port moved to another chassis is reached at its new place
# within a second.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/frames.sh"
e2e_begin three

UL=xe-3ul-$SUF
HV1=xe-3hv1-$SUF HV2=xe-3hv2-$SUF HV3=xe-3hv3-$SUF
VM1=xe-3vm1-$SUF VM2=xe-3vm2-$SUF VM3=xe-3vm3-$SUF
MAC1=02:00:00:00:06:01 MAC2=02:00:00:00:06:02 MAC3=02:00:00:00:06:03
UL1=192.168.79.1 UL2=192.168.79.2 UL3=192.168.79.3
NOBODY=10.6.0.99 # an address no port lists: its ARP request must flood

# underlay_join CHNS IP PORT: the chassis' ul0 plugged into the underlay
# bridge through PORT.
underlay_join() {
	local ch=$1 ip=$2 port=$3
	ip -n "$UL" link add "$port" type veth peer name ul0 netns "$ch" || return 1
	ip -n "$UL" link set "$port" master br0 up
	ip -n "$ch" addr add "$ip/24" dev ul0
	ip -n "$ch" link set ul0 up
}

netns_add "$UL"
ip -n "$UL" link add br0 type bridge && ip -n "$UL" link set br0 up || exit 1
netns_add "$HV1" && underlay_join "$HV1" $UL1 to-hv1 || exit 1
netns_add "$HV2" && underlay_join "$HV2" $UL2 to-hv2 || exit 1
netns_add "$HV3" && underlay_join "$HV3" $UL3 to-hv3 || exit 1
vm_add "$VM1" "$HV1" vif1 $MAC1 10.6.0.1/24
vm_add "$VM2" "$HV2" vif2 $MAC2 10.6.0.2/24
vm_add "$VM3" "$HV3" vif3 $MAC3 10.6.0.3/24
tunnel_mtu "$VM1" "$VM2" "$VM3"

encap_args $UL1 $UL2 $UL3
ctl ls-add ls1 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.6.0.1" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.6.0.2" \
	-- lsp-add ls1 p3 -- lsp-set-addresses p3 "$MAC3 10.6.0.3" \
	-- "${ENCAP_ARGS[@]}" \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv2 vif2 p2 \
	-- vif-attach hv3 vif3 p3 || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
xovnd_start "$HV3" hv3
for hv in hv1 hv2 hv3; do
	check "$hv attached its VIF" wait_log $hv 'attached xovn_vif_ingress to vif' 10
done

echo "all pairs"
check "vm1 (hv1) -> vm2 (hv2)" ping_ok "$VM1" 10.6.0.2
check "vm1 (hv1) -> vm3 (hv3)" ping_ok "$VM1" 10.6.0.3
check "vm2 (hv2) -> vm3 (hv3)" ping_ok "$VM2" 10.6.0.3
check "vm2 (hv2) -> vm1 (hv1)" ping_ok "$VM2" 10.6.0.1
check "vm3 (hv3) -> vm1 (hv1)" ping_ok "$VM3" 10.6.0.1
check "vm3 (hv3) -> vm2 (hv2)" ping_ok "$VM3" 10.6.0.2

# broadcast_once FROM_VM FROM_MAC FROM_IP OTHER_VM...: one ARP broadcast from
# FROM_VM; each other VM must receive exactly one copy, the sender none.
# The underlay captures are left for tunnel_copies.
broadcast_once() {
	local from=$1 mac=$2 ip=$3 vm n hv; shift 3
	for vm in "$from" "$@"; do
		capture "$vm" eth0 "$E2E_TMP/arp-$vm.pcap" -Q in arp host $NOBODY ||
			fail "tcpdump in $vm did not start"
	done
	for hv in 1 2 3; do
		capture "$UL" to-hv$hv "$E2E_TMP/ul-hv$hv.pcap" -Q out udp port 6081 and \
			dst host 192.168.79.$hv || fail "tcpdump on the underlay did not start"
	done
	send_arp "$from" "$mac" "$ip" $NOBODY || fail "sending the broadcast from $from"
	capture_end
	for vm in "$@"; do
		n=$(frames "$E2E_TMP/arp-$vm.pcap")
		check "${vm%-*} got the broadcast from ${from%-*} exactly once ($n)" test "$n" -eq 1
	done
	n=$(frames "$E2E_TMP/arp-$from.pcap")
	check "${from%-*} did not get its own broadcast back ($n)" test "$n" -eq 0
}

# tunnel_copies HV N: the underlay carried N Geneve copies of the last
# broadcast to chassis HV (one per remote chassis with ports of the switch).
tunnel_copies() {
	local n
	n=$(tcpdump -nn -r "$E2E_TMP/ul-$1.pcap" 2>/dev/null | grep -c "who-has $NOBODY ")
	check "$1 was sent $2 tunnel copies ($n)" test "$n" -eq "$2"
}

echo "one broadcast, one copy per VM"
broadcast_once "$VM1" $MAC1 10.6.0.1 "$VM2" "$VM3"
tunnel_copies hv1 0
tunnel_copies hv2 1
tunnel_copies hv3 1
broadcast_once "$VM3" $MAC3 10.6.0.3 "$VM1" "$VM2"
tunnel_copies hv1 1
tunnel_copies hv2 1
tunnel_copies hv3 0

echo "moving p3 from hv3 to hv2"
vm_move "$VM3" "$HV3" "$HV2" vif3 || fail "re-plugging vm3"
ip -n "$VM3" link set eth0 mtu 1442
moved_at=$(date +%s%N)
ctl vif-detach hv3 vif3 -- vif-attach hv2 vif3 p3 || fail "xovnctl move p3"
# Short probes, so a lost one early on does not use up the whole second.
quick_ping() { ip netns exec "$1" ping -q -c 1 -W 0.2 "$2" >/dev/null 2>&1; }
check "vm1 (hv1) reaches vm3 at hv2 within a second" until_ok 1 quick_ping "$VM1" 10.6.0.3
echo "    reachable after $(( ($(date +%s%N) - moved_at) / 1000000 )) ms"
check "vm2 -> vm3, now both on hv2" ping_ok "$VM2" 10.6.0.3
check "vm3 -> vm1 from its new place" ping_ok "$VM3" 10.6.0.1
check "hv3 no longer has a VIF attached" bash -c "! ip -n '$HV3' link show vif3 >/dev/null 2>&1"
broadcast_once "$VM1" $MAC1 10.6.0.1 "$VM2" "$VM3"
tunnel_copies hv2 1
tunnel_copies hv3 0 # it has no port of ls1 any more

echo "hv2 leaves and comes back"
ctl chassis-del hv2 || fail "xovnctl chassis-del hv2"
check "vm1 loses vm2 once hv2 is gone" until_ok 2 one_lost "$VM1" 10.6.0.2
check "and vm3" ping_none "$VM1" 10.6.0.3
broadcast_once "$VM1" $MAC1 10.6.0.1
tunnel_copies hv2 0
tunnel_copies hv3 0
ctl chassis-add hv2 geneve $UL2 -- chassis-set-encap-iface hv2 ul0 \
	-- vif-attach hv2 vif2 p2 -- vif-attach hv2 vif3 p3 || fail "xovnctl chassis-add hv2"
check "vm1 reaches vm2 again" until_ok 3 one_ping "$VM1" 10.6.0.2
check "and vm3" ping_ok "$VM1" 10.6.0.3
check "vm3 reaches vm1" ping_ok "$VM3" 10.6.0.1

e2e_end
