#!/usr/bin/env bash
# Port security and the ARP responder on two chassis.  A VM whose port
# lists "MAC IP" in port_security is cut off as soon as it takes another MAC
# or another IP (its frames are dropped and counted at its own chassis) and
# comes back when it returns to its own.  A broadcast ARP request for the IP
# of a bound VM, local or remote, is answered by the requester's chassis:
# the requester gets exactly one reply and no other VM, nor the underlay,
# sees the request; a request for an unknown IP still floods.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/frames.sh"
e2e_begin psec

HV1=xe-shv1-$SUF HV2=xe-shv2-$SUF
VM1=xe-svm1-$SUF VM2=xe-svm2-$SUF VM3=xe-svm3-$SUF
MAC1=02:00:00:00:09:01 MAC2=02:00:00:00:09:02 MAC3=02:00:00:00:09:03
ROGUE_MAC=02:00:00:00:09:66
UL1=192.168.82.1 UL2=192.168.82.2
NOBODY=10.9.0.99

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
vm_add "$VM1" "$HV1" vif1 $MAC1 10.9.0.1/24
vm_add "$VM2" "$HV1" vif2 $MAC2 10.9.0.2/24
vm_add "$VM3" "$HV2" vif3 $MAC3 10.9.0.3/24
tunnel_mtu "$VM1" "$VM2" "$VM3"

encap_args $UL1 $UL2
ctl ls-add ls1 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.9.0.1" \
	-- lsp-set-port-security p1 "$MAC1 10.9.0.1" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.9.0.2" \
	-- lsp-add ls1 p3 -- lsp-set-addresses p3 "$MAC3 10.9.0.3" \
	-- "${ENCAP_ARGS[@]}" \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv1 vif2 p2 \
	-- vif-attach hv2 vif3 p3 || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached both VIFs" wait_log hv1 'attached xovn_vif_ingress to vif' 10 2
check "hv2 attached vif3" wait_log hv2 'attached xovn_vif_ingress to vif3' 10

# psec_drops: frames hv1 dropped for a source its port security refuses.
psec_drops() {
	ctl stats --json --chassis hv1 --pin-dir "$E2E_PIN_ROOT/hv1" |
		jq -r '.drops."port-security-src".packets // 0'
}

echo "port security"
check "vm1 (its own MAC and IP) -> vm3 (hv2)" ping_ok "$VM1" 10.9.0.3
check "vm1 -> vm2 (hv1)" ping_ok "$VM1" 10.9.0.2

before=$(psec_drops)
ip -n "$VM1" link set eth0 address $ROGUE_MAC
ip -n "$VM1" neigh flush dev eth0
check "vm1 with another MAC cannot reach vm3" ping_none "$VM1" 10.9.0.3
check "vm1 with another MAC cannot reach vm2" ping_none "$VM1" 10.9.0.2
dropped=$(( $(psec_drops) - before ))
check "hv1 counted the refused frames ($dropped)" test "$dropped" -gt 0
ip -n "$VM1" link set eth0 address $MAC1
check "vm1 back on its own MAC reaches vm3 again" until_ok 3 one_ping "$VM1" 10.9.0.3

before=$(psec_drops)
# vm_readdress VMNS IP/LEN: the VM's eth0 takes IP/LEN as its only address.
vm_readdress() {
	ip -n "$1" addr flush dev eth0
	ip -n "$1" neigh flush dev eth0
	ip -n "$1" addr add "$2" dev eth0
}
vm_readdress "$VM1" 10.9.0.11/24
check "vm1 with another IP cannot reach vm3" ping_none "$VM1" 10.9.0.3
check "vm1 with another IP cannot reach vm2" ping_none "$VM1" 10.9.0.2
check "vm3 cannot reach vm1's new IP" ping_none "$VM3" 10.9.0.11
dropped=$(( $(psec_drops) - before ))
check "hv1 counted the refused frames ($dropped)" test "$dropped" -gt 0
vm_readdress "$VM1" 10.9.0.1/24
check "vm1 back on its own IP reaches vm3 again" until_ok 3 one_ping "$VM1" 10.9.0.3
check "an unrestricted VM is not affected (vm2 -> vm3)" ping_ok "$VM2" 10.9.0.3

echo "ARP responder"
# ask TARGET: vm2 broadcasts "who has TARGET"; captures what vm1, vm3, the
# underlay and vm2 itself see of it.
ask() {
	local target=$1 ns
	for ns in "$VM1" "$VM3"; do
		capture "$ns" eth0 "$E2E_TMP/req-$ns.pcap" -Q in arp dst host "$target" and arp src host 10.9.0.2 ||
			fail "capture in $ns"
	done
	capture "$HV1" ul0 "$E2E_TMP/req-ul.pcap" udp port 6081 || fail "capture on the underlay"
	capture "$VM2" eth0 "$E2E_TMP/reply.pcap" -Q in "arp[6:2] = 2" and arp src host "$target" ||
		fail "capture in vm2"
	send_arp "$VM2" $MAC2 10.9.0.2 "$target" || fail "sending the request"
	capture_end
}
# Geneve frames carrying vm2's request for TARGET (VMs' own ARP traffic,
# such as vm3 refreshing its neighbours, may cross too).
tunneled_arp() {
	tcpdump -nn -r "$E2E_TMP/req-ul.pcap" 2>/dev/null | grep -c "who-has $1 tell 10\.9\.0\.2,"
}
reply_mac() { tcpdump -nn -r "$E2E_TMP/reply.pcap" 2>/dev/null | awk '/is-at/ { print $(NF - 2); exit }'; }

ask 10.9.0.3
check "vm2 got one reply for vm3 (hv2)" test "$(frames "$E2E_TMP/reply.pcap")" -eq 1
check "the reply gives vm3's MAC" test "$(reply_mac | tr -d ,)" = $MAC3
check "vm3 never saw the request" test "$(frames "$E2E_TMP/req-$VM3.pcap")" -eq 0
check "vm1 never saw the request" test "$(frames "$E2E_TMP/req-$VM1.pcap")" -eq 0
check "the request did not cross the underlay" test "$(tunneled_arp 10.9.0.3)" -eq 0

ask 10.9.0.1
check "vm2 got one reply for vm1 (hv1)" test "$(frames "$E2E_TMP/reply.pcap")" -eq 1
check "the reply gives vm1's MAC" test "$(reply_mac | tr -d ,)" = $MAC1
check "vm1 never saw the request" test "$(frames "$E2E_TMP/req-$VM1.pcap")" -eq 0
check "vm3 never saw the request" test "$(frames "$E2E_TMP/req-$VM3.pcap")" -eq 0

# The same captures see a request nobody can answer for the VMs: it floods.
ask $NOBODY
check "a request for an unknown IP reaches vm1" test "$(frames "$E2E_TMP/req-$VM1.pcap")" -eq 1
check "and vm3, through the tunnel" test "$(frames "$E2E_TMP/req-$VM3.pcap")" -eq 1
check "and is not answered" test "$(frames "$E2E_TMP/reply.pcap")" -eq 0
check "and crossed the underlay once" test "$(tunneled_arp $NOBODY)" -eq 1

e2e_end
