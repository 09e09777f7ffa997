#!/usr/bin/env bash
# How a frame that came out of a Geneve tunnel enters the VM.  IPv4 and IPv6
# frames are handed to the VM's eth0 directly (bpf_redirect_peer): the
# decapsulation leaves skb->protocol right for them, so the host-side veth
# never transmits them (its tx counter stays put while the VM receives).
# Anything else (here an ARP reply) takes the host-side veth's ordinary
# transmit, whose receive sets the protocol: the VM must still take it,
# which a ping that needs that reply proves.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin peer

HV1=xe-phv1-$SUF HV2=xe-phv2-$SUF VM1=xe-pvm1-$SUF VM2=xe-pvm2-$SUF VM3=xe-pvm3-$SUF
MAC1=02:00:00:00:0a:01 MAC2=02:00:00:00:0a:02 MAC3=02:00:00:00:0a:03
UL1=192.168.82.1 UL2=192.168.82.2

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
vm_add "$VM1" "$HV1" vif1 $MAC1 10.10.0.1/24
vm_add "$VM2" "$HV2" vif2 $MAC2 10.10.0.2/24
vm_add "$VM3" "$HV2" vif3 $MAC3 10.10.0.3/24
ip -n "$VM1" addr add fd00:a::1/64 dev eth0 nodad
ip -n "$VM2" addr add fd00:a::2/64 dev eth0 nodad
tunnel_mtu "$VM1" "$VM2" "$VM3"

# p3 lists no IP: nobody answers ARP on its behalf, so vm3's own ARP reply
# crosses the tunnel as a unicast frame.
encap_args $UL1 $UL2
ctl ls-add ls1 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.10.0.1 fd00:a::1" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.10.0.2 fd00:a::2" \
	-- lsp-add ls1 p3 -- lsp-set-addresses p3 "$MAC3" \
	-- "${ENCAP_ARGS[@]}" \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv2 vif2 p2 -- vif-attach hv2 vif3 p3 || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached the underlay" wait_log hv1 'attached xovn_underlay_ingress to ul0' 10
check "hv2 attached its VIFs" wait_log hv2 'attached xovn_vif_ingress to vif' 5 2

# counter NS IFNAME rx|tx: packets of IFNAME in NS.
# shellcheck disable=SC2016 # the awk program is meant literally
counter() {
	nsenter --net="/run/netns/$1" awk -v i="$2:" -v f="$3" \
		'$1 == i { print (f == "rx" ? $3 : $11) }' /proc/net/dev
}

# via_peer FAMILY DST: 40 echo requests vm1 -> DST after one that resolves
# the neighbour; vm2 must receive them and hv2's vif2 must not transmit
# them.  Only echo requests are counted on vif2: the VMs' own IPv6 start-up
# chatter (router solicitations, MLD reports) is flooded through it meanwhile.
via_peer() {
	local fam=$1 dst=$2 rx0 rx1 sent cap=$E2E_TMP/vif2-$1.txt pid
	local filter='icmp[icmptype] == icmp-echo or (icmp6 and ip6[40] == 128)'
	until_ok 5 ip netns exec "$VM1" ping "-$fam" -q -c 1 -W 1 "$dst" >/dev/null 2>&1 || { echo "    no echo reply from $dst"; return 1; }
	timeout 20 nsenter --net="/run/netns/$HV2" tcpdump -l -nn -i vif2 -Q out "$filter" \
		>"$cap" 2>"$cap.err" &
	pid=$!
	E2E_PIDS+=("$pid")
	until_ok 5 grep -q 'listening on' "$cap.err"
	rx0=$(counter "$VM2" eth0 rx)
	ip netns exec "$VM1" ping "-$fam" -q -c 40 -i 0.05 -W 1 -w 8 "$dst" >/dev/null 2>&1 ||
		{ echo "    echo requests to $dst lost"; return 1; }
	rx1=$(counter "$VM2" eth0 rx)
	capture_stop "$pid"
	sent=$(grep -c 'echo request' "$cap")
	echo "    vm2's eth0 received $((rx1 - rx0)), hv2's vif2 transmitted $sent echo requests"
	[ $((rx1 - rx0)) -ge 40 ] && [ "$sent" -lt 3 ]
}

echo "IPv4 and IPv6 from the tunnel enter the VM through the veth peer"
check "vm1 (hv1) -> vm2 (hv2), IPv4: received, not transmitted by vif2" via_peer 4 10.10.0.2
check "vm1 (hv1) -> vm2 (hv2), IPv6: received, not transmitted by vif2" via_peer 6 fd00:a::2

echo "ARP from the tunnel takes the ordinary path and still arrives"
tx0=$(counter "$HV1" vif1 tx)
check "vm1 (hv1) -> vm3 (hv2), resolved by vm3's own ARP reply" ping_ok "$VM1" 10.10.0.3
check "vm1 learned vm3's MAC from vm3's reply" test "$(neigh_mac "$VM1" 10.10.0.3)" = $MAC3
check "that reply left through hv1's vif1 transmit" test $(($(counter "$HV1" vif1 tx) - tx0)) -ge 1

echo "A new MAC of the remote underlay reaches the next hop hv1 keeps for hv2"
# hop_mac_is MAC: hv1's xovn_remote_hops entry for hv2 sends to MAC.
hop_mac_is() {
	bpftool -j map dump pinned "$E2E_PIN_ROOT/hv1/xovn_remote_hops" 2>/dev/null |
		python3 -c 'import json, sys
want = [int(x, 16) for x in sys.argv[1].split(":")]
hops = [[int(str(b), 0) for b in e["formatted"]["value"]["dmac"]] for e in json.load(sys.stdin)]
sys.exit(want not in hops)' "$1"
}
MAC_UL2=$(ip -n "$HV2" link show ul0 | awk '/link\/ether/ { print $2 }')
check "the entry holds hv2's underlay MAC" until_ok 5 hop_mac_is "$MAC_UL2"
ip -n "$HV2" link set ul0 address 02:00:00:00:0b:22
ip -n "$HV1" neigh replace $UL2 lladdr 02:00:00:00:0b:22 dev ul0 nud reachable
check "the entry follows the neighbour change within 5 s" until_ok 5 hop_mac_is 02:00:00:00:0b:22
check "vm1 (hv1) -> vm2 (hv2) through the new MAC" ping_ok "$VM1" 10.10.0.2

e2e_end
