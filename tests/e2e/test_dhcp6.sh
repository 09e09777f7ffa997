#!/usr/bin/env bash
# Native DHCPv6 (stateful): ISC dhclient -6 in a VM namespace gets its
# port's IPv6 address, DNS server and domain search list from the chassis'
# own datapath (DHCP_Options with an IPv6 cidr, lsp-set-dhcpv6-options),
# with no DHCPv6 server running anywhere and no DHCPv6 message on the
# underlay.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin dhcp6

HV1=xe-d6hv1-$SUF HV2=xe-d6hv2-$SUF
VM1=xe-d6vm1-$SUF VM2=xe-d6vm2-$SUF VM3=xe-d6vm3-$SUF
MAC1=02:00:00:00:06:01 MAC2=02:00:00:00:06:02 MAC3=02:00:00:00:06:03
UL1=192.168.78.1 UL2=192.168.78.2

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
vm_add "$VM1" "$HV1" vif1 $MAC1 169.254.0.1/32
ip -n "$VM1" -4 addr flush dev eth0
vm_add "$VM2" "$HV2" vif2 $MAC2 fd06::20/64
vm_add "$VM3" "$HV1" vif3 $MAC3 fd06::30/64

ctl ls-add ls1 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 fd06::10" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 fd06::20" \
	-- lsp-add ls1 p3 -- lsp-set-addresses p3 "$MAC3 fd06::30" \
	-- chassis-add hv1 geneve $UL1 -- chassis-set-encap-iface hv1 ul0 \
	-- chassis-add hv2 geneve $UL2 -- chassis-set-encap-iface hv2 ul0 \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv2 vif2 p2 -- vif-attach hv1 vif3 p3 || exit 1
ctl dhcp-options-create fd06::/64 || exit 1
UUID=$(ctl dhcp-options-list)
check "dhcp-options-list names the new row" test "${#UUID}" -eq 36
ctl dhcp-options-set-options "$UUID" server_id=02:00:00:00:06:fe \
	dns_server=fd06::53 domain_search=lab.example || exit 1
ctl lsp-set-dhcpv6-options p1 "$UUID" || exit 1
check "lsp-get-dhcpv6-options shows the row" \
	test "$(ctl lsp-get-dhcpv6-options p1)" = "$UUID (fd06::/64)"

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached its VIFs" wait_log hv1 'attached xovn_vif_ingress to vif' 10 2
check "hv2 attached its VIF" wait_log hv2 'attached xovn_vif_ingress to vif2' 10
check "hv1 holds the DHCPv6 entry" \
	until_ok 5 sh -c "bpftool map dump pinned $E2E_PIN_ROOT/hv1/xovn_dhcp6 | grep -q server_ip"


# The client's own script: record what it was given, configure the address
# (the stock dhclient-script would rewrite the host's resolv.conf).
rec=$E2E_TMP/lease6
script=$E2E_TMP/dhclient6-script
cat >"$script" <<EOS
#!/bin/sh
{ echo "reason=\$reason"; echo "ip=\$new_ip6_address"; echo "dns=\$new_dhcp6_name_servers"
  echo "search=\$new_dhcp6_domain_search"; } >>"$rec"
case "\$reason" in BOUND6|REBIND6|RENEW6)
	ip -6 addr replace "\$new_ip6_address/64" dev "\$interface" ;;
esac
exit 0
EOS
chmod +x "$script"

echo "vm1: dhclient -6 against its own chassis"
check "vm1's link-local address is ready" until_ok 5 sh -c \
	"ip -n $VM1 -6 addr show dev eth0 scope link | grep -q inet6 &&
	 ! ip -n $VM1 -6 addr show dev eth0 | grep -q tentative"
pcap=$E2E_TMP/underlay.txt
capture_start "$HV1" ul0 1000 "$pcap" || fail "tcpdump did not start on the underlay"
# vm3's port has no DHCPv6 options: its SOLICIT is switched like any
# multicast, so the capture shows what a leak of vm1's would look like.
timeout 3 ip netns exec "$VM3" dhclient -6 -1 -d -sf "$script" -lf "$E2E_TMP/d6-3.leases" \
	-pf "$E2E_TMP/d6-3.pid" eth0 >"$E2E_TMP/dhclient6-3.log" 2>&1
timeout 20 ip netns exec "$VM1" dhclient -6 -1 -v -sf "$script" -lf "$E2E_TMP/d6.leases" \
	-pf "$E2E_TMP/d6.pid" eth0 >"$E2E_TMP/dhclient6.log" 2>&1
# The daemon writes its pid file after going to the background: wait for it,
# or the cleanup would not know the process and leave it running.
until_ok 2 test -s "$E2E_TMP/d6.pid" && E2E_PIDS+=("$(cat "$E2E_TMP/d6.pid")")
field() { sed -n "s/^$1=//p" "$rec" | tail -n 1; }
check "dhclient -6 got a lease" grep -q '^reason=BOUND6' "$rec"
check "the port's address (fd06::10)" test "$(field ip)" = fd06::10
check "the DNS server (fd06::53)" test "$(field dns)" = fd06::53
check "the domain search list (lab.example.)" sh -c "test '$(field search)' = 'lab.example.' ||
	test '$(field search)' = lab.example"
check "vm1's eth0 has fd06::10" sh -c "ip -n $VM1 -6 addr show dev eth0 | grep -q 'fd06::10/'"
check "vm1 reaches vm2 on hv2 with its leased address" until_ok 5 \
	sh -c "ip netns exec $VM1 ping -6 -q -c 1 -W 1 fd06::20 >/dev/null"

capture_stop "$CAPTURE_PID"
check "the underlay capture saw vm1's pings in Geneve" grep -q 'ICMP6, echo request' "$pcap"
check "vm3's flooded SOLICIT crossed the tunnel (the capture sees DHCPv6)" \
	grep -qi 'dhcp6 solicit' "$pcap"
check_not "and no other DHCPv6 message there (vm1's, or a reply)" \
	sh -c "grep -i dhcp6 '$pcap' | grep -qv 'fe80::ff:fe00:603.546 > ff02::1:2.547'"
e2e_end
