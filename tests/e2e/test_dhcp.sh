#!/usr/bin/env bash
# Native DHCPv4: busybox udhcpc in a VM namespace, with no address of its
# own, gets its port's address, mask, router, DNS server, lease time and
# MTU from the chassis' own datapath (DHCP_Options, lsp-set-dhcpv4-options)
# with no DHCP server running anywhere.  No DHCP message of that VM leaves
# the chassis: the underlay carries none, the VM on the other chassis sees
# none.  A VM whose port has no DHCP options is not answered, and its
# DISCOVER does cross the tunnel (the capture would have seen a leak).
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin dhcp

HV1=xe-dhcv1-$SUF HV2=xe-dhcv2-$SUF
VM1=xe-dhvm1-$SUF VM2=xe-dhvm2-$SUF VM3=xe-dhvm3-$SUF
MAC1=02:00:00:00:05:01 MAC2=02:00:00:00:05:02 MAC3=02:00:00:00:05:03
UL1=192.168.79.1 UL2=192.168.79.2
SCRIPT=$E2E_ROOT/tests/e2e/helpers/udhcpc_script.sh

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
# vm1 and vm3 start without an address: DHCP gives vm1 its own.
vm_add "$VM1" "$HV1" vif1 $MAC1 169.254.0.1/32
ip -n "$VM1" addr flush dev eth0
vm_add "$VM2" "$HV2" vif2 $MAC2 10.5.0.20/24
vm_add "$VM3" "$HV1" vif3 $MAC3 169.254.0.3/32
ip -n "$VM3" addr flush dev eth0

encap_args $UL1 $UL2
ctl ls-add ls1 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.5.0.10" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.5.0.20" \
	-- lsp-add ls1 p3 -- lsp-set-addresses p3 "$MAC3 10.5.0.30" \
	-- "${ENCAP_ARGS[@]}" \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv2 vif2 p2 -- vif-attach hv1 vif3 p3 || exit 1
# As ovn-nbctl users do: create the row (prints nothing), find its uuid.
ctl dhcp-options-create 10.5.0.0/24 || exit 1
UUID=$(ctl dhcp-options-list)
check "dhcp-options-list names the new row" test "${#UUID}" -eq 36
ctl dhcp-options-set-options "$UUID" lease_time=3600 router=10.5.0.1 \
	server_id=10.5.0.1 server_mac=02:00:00:00:05:fe dns_server=10.5.0.53 mtu=1400 || exit 1
ctl lsp-set-dhcpv4-options p1 "$UUID" || exit 1
check "lsp-get-dhcpv4-options shows the row" \
	test "$(ctl lsp-get-dhcpv4-options p1)" = "$UUID (10.5.0.0/24)"

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached its VIFs" wait_log hv1 'attached xovn_vif_ingress to vif' 10 2
check "hv2 attached its VIF" wait_log hv2 'attached xovn_vif_ingress to vif2' 10
check "hv1 holds the DHCP entry" \
	until_ok 5 sh -c "bpftool map dump pinned $E2E_PIN_ROOT/hv1/xovn_dhcp | grep -q server_ip"

pcap=$E2E_TMP/underlay.txt
capture_start "$HV1" ul0 1000 "$pcap" || fail "tcpdump did not start on the underlay"
l2_capture_start "$VM2" eth0 "$E2E_TMP/vm2.txt" udp port 67 or udp port 68 ||
	fail "tcpdump did not start in vm2"
U2=$CAPTURE_PID

echo "vm1: a DHCP client against its own chassis"
rec=$E2E_TMP/lease1
UDHCPC_RECORD=$rec timeout 20 ip netns exec "$VM1" udhcpc -f -q -n -i eth0 -t 4 -T 2 \
	-O mtu -s "$SCRIPT" >"$E2E_TMP/udhcpc1.log" 2>&1
check "udhcpc got a lease" grep -q '^event=bound' "$rec"
field() { sed -n "s/^$1=//p" "$rec" | tail -n 1; }
check "the port's address (10.5.0.10)" test "$(field ip)" = 10.5.0.10
check "the subnet mask of the cidr (/24)" test "$(field mask)" = 24
check "the router (10.5.0.1)" test "$(field router)" = 10.5.0.1
check "the DNS server (10.5.0.53)" test "$(field dns)" = 10.5.0.53
check "the MTU (1400)" test "$(field mtu)" = 1400
check "the lease time (3600)" test "$(field lease)" = 3600
check "the server identifier (10.5.0.1)" test "$(field serverid)" = 10.5.0.1
check "vm1's eth0 has 10.5.0.10/24" \
	sh -c "ip -n $VM1 -4 addr show dev eth0 | grep -q 'inet 10.5.0.10/24 '"
check "vm1's default route is via the router" \
	sh -c "ip -n $VM1 -4 route show default | grep -q 'via 10.5.0.1'"
check "vm1's eth0 MTU is 1400" sh -c "ip -n $VM1 link show eth0 | grep -q 'mtu 1400 '"
check "vm1 reaches vm2 on hv2 with its leased address" ping_ok "$VM1" 10.5.0.20

echo "vm3: a port without DHCP options"
rec=$E2E_TMP/lease3
UDHCPC_RECORD=$rec timeout 20 ip netns exec "$VM3" udhcpc -f -q -n -i eth0 -t 2 -T 1 \
	-s "$SCRIPT" >"$E2E_TMP/udhcpc3.log" 2>&1
check_not "udhcpc in vm3 gets no lease" grep -q '^event=bound' "$rec"

capture_stop "$CAPTURE_PID"
capture_stop "$U2"
sed 's/^/    /' "$pcap" | grep -iE 'bootp|icmp' | head -n 6
check "the underlay capture saw vm1's pings in Geneve" grep -q 'ICMP echo request' "$pcap"
check "and vm3's flooded DISCOVER (the capture sees DHCP)" \
	grep -qi "Client-Ethernet-Address $MAC3" "$pcap"
check_not "but no DHCP message of vm1 on the underlay" \
	grep -qi "Client-Ethernet-Address $MAC1" "$pcap"
check_not "and no DHCP reply from the native server there" grep -q '10.5.0.1.67 >' "$pcap"
check "vm2 saw vm3's DISCOVER" grep -qi "$MAC3" "$E2E_TMP/vm2.txt"
check_not "vm2 saw nothing of vm1's DHCP" grep -qi "$MAC1" "$E2E_TMP/vm2.txt"

echo "incomplete options: stored, and no longer answered"
ctl dhcp-options-set-options "$UUID" router=10.5.0.1 server_id=10.5.0.1 \
	server_mac=02:00:00:00:05:fe || fail "xovnctl stores incomplete options"
check "hv1 removed the DHCP entry" until_ok 5 sh -c \
	"! bpftool map dump pinned $E2E_PIN_ROOT/hv1/xovn_dhcp | grep -q server_ip"
rec=$E2E_TMP/lease1b
ip -n "$VM1" -4 addr flush dev eth0
UDHCPC_RECORD=$rec timeout 20 ip netns exec "$VM1" udhcpc -f -q -n -i eth0 -t 2 -T 1 \
	-s "$SCRIPT" >"$E2E_TMP/udhcpc1b.log" 2>&1
check_not "udhcpc in vm1 gets no lease without lease_time" grep -q '^event=bound' "$rec"

e2e_end
