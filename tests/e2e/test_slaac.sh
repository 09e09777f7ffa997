#!/usr/bin/env bash
# IPv6 router advertisements: a VM that accepts them (accept_ra, autoconf)
# gets its SLAAC address in the router port's prefix and its default route
# via the port's link-local address from the advertisement xovn answers its
# router solicitation with (ipv6_ra_configs:address_mode=slaac), and then
# reaches the router's far side and a VM on another switch and chassis.
# The solicitation is answered on the VM's chassis: no RS or RA crosses the
# underlay.  vm1's port lists the address SLAAC gives it (as OpenStack
# does), so hv2, where vm2's replies are routed, knows its MAC.  The RA's
# MTU option sets the VM's IPv6 MTU.  With send_periodic, xovnd sends
# advertisements to all nodes on its own.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/router_pair.sh"
e2e_begin slaac

HV1=xs-hv1-$SUF HV2=xs-hv2-$SUF VM1=xs-vm1-$SUF VM2=xs-vm2-$SUF
UL1=192.168.87.1 UL2=192.168.87.2
MAC1=02:00:00:00:87:01 MAC2=02:00:00:00:87:02
SLAAC1=fd87:1::ff:fe00:8701           # fd87:1::/64 + EUI-64 of MAC1
GW_LLA=fe80::200:ff:fe00:101           # EUI-64 of lr1-ls1's MAC

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
vm_add "$VM1" "$HV1" vif1 $MAC1 10.87.1.2/24
vm_add "$VM2" "$HV2" vif2 $MAC2 10.87.2.2/24
tunnel_mtu "$VM2"
ip netns exec "$VM2" sysctl -qw net.ipv6.conf.eth0.accept_dad=0
ip -n "$VM2" -6 addr add fd87:2::2/64 dev eth0 nodad
ip -n "$VM2" -6 route add default via fd87:2::1

encap_args $UL1 $UL2
router_pair_args "10.87.1.1/24 fd87:1::1/64" "10.87.2.1/24 fd87:2::1/64"
ctl "${ENCAP_ARGS[@]}" -- "${ROUTER_ARGS[@]}" \
	-- lsp-add ls1 vm1 -- lsp-set-addresses vm1 "$MAC1 $SLAAC1" \
	-- lsp-add ls2 vm2 -- lsp-set-addresses vm2 "$MAC2 10.87.2.2 fd87:2::2" \
	-- vif-attach hv1 vif1 vm1 -- vif-attach hv2 vif2 vm2 || exit 1
check "ipv6_ra_configs through the generic set command" \
	ctl set logical_router_port lr1-ls1 ipv6_ra_configs:address_mode=slaac \
	ipv6_ra_configs:mtu=1400
check_not "a bad address_mode is refused" \
	ctl set logical_router_port lr1-ls1 ipv6_ra_configs:address_mode=auto

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached the VM" wait_log hv1 'attached xovn_vif_ingress to vif1 ' 10
check "hv2 attached the VM" wait_log hv2 'attached xovn_vif_ingress to vif2 ' 10

geneve=$E2E_TMP/geneve.txt
capture_start "$HV1" ul0 200 "$geneve" || fail "underlay tcpdump did not start"
# The VM solicits when its interface comes up accepting advertisements.
for k in accept_ra=2 autoconf=1 accept_dad=0 router_solicitation_interval=1; do
	ip netns exec "$VM1" sysctl -qw "net.ipv6.conf.eth0.$k"
done
ip -n "$VM1" link set eth0 down
ip -n "$VM1" link set eth0 up
slaac_addr() { ip -n "$VM1" -6 addr show dev eth0 | grep -q "inet6 $SLAAC1/64 scope global dynamic"; }
default_route() { ip -n "$VM1" -6 route show default | grep -q "via $GW_LLA dev eth0 proto ra"; }
check "vm1 configured $SLAAC1/64 from the advertisement" until_ok 10 slaac_addr
check "vm1's default route is via the router port's link-local address" until_ok 5 default_route
ip -n "$VM1" -6 addr show dev eth0 | sed -n 's/^ *\(inet6 .*\)/    \1/p'
ip -n "$VM1" -6 route show default | sed 's/^/    /'
check "the MTU option set vm1's IPv6 MTU to 1400" \
	test "$(ip netns exec "$VM1" sysctl -n net.ipv6.conf.eth0.mtu)" = 1400

check "vm1 -> the router port's link-local address" until_ok 5 one_ping "$VM1" "$GW_LLA%eth0"
check "vm1 -> lr1's far side fd87:2::1" until_ok 5 one_ping "$VM1" fd87:2::1
check "vm1 (hv1) -> vm2 (hv2) fd87:2::2 across the tunnel" until_ok 5 one_ping "$VM1" fd87:2::2
check "vm2 -> vm1's SLAAC address" ping_ok "$VM2" "$SLAAC1" 2
capture_stop "$CAPTURE_PID"
check "Geneve carried the pings" grep -q 'ICMP6, echo' "$geneve"
check_not "no router solicitation or advertisement crossed the underlay" \
	grep -qE 'router (solicitation|advertisement)' "$geneve"

echo "periodic advertisements (send_periodic, max_interval 4 s)"
check "send_periodic on lr1-ls1" ctl set logical_router_port lr1-ls1 \
	ipv6_ra_configs:send_periodic=true ipv6_ra_configs:max_interval=4 \
	ipv6_ra_configs:min_interval=3
unsolicited=$(timeout 12 ip netns exec "$VM1" tcpdump -l -n -i eth0 -c 2 \
	"icmp6 and ip6[40] == 134 and src host $GW_LLA and dst host ff02::1" 2>/dev/null)
echo "$unsolicited" | sed 's/^/    /'
check "vm1 got unsolicited advertisements to ff02::1 from $GW_LLA" \
	test "$(grep -c 'router advertisement' <<<"$unsolicited")" -ge 2

echo "a switch whose router port has no ipv6_ra_configs does not answer"
for k in accept_ra=2 autoconf=1; do ip netns exec "$VM2" sysctl -qw "net.ipv6.conf.eth0.$k"; done
ip -n "$VM2" link set eth0 down
ip -n "$VM2" link set eth0 up
sleep 2
check_not "vm2 got no address from an advertisement" \
	grep -q 'dynamic' <<<"$(ip -n "$VM2" -6 addr show dev eth0 scope global)"
e2e_end
