#!/usr/bin/env bash
# Logical routers end to end, on two chassis with real xovnd processes:
#
#   seed 002 (L3 part): ls1 -> lr1 -> ls2 built by its ovn-nbctl lines, one
#       command per invocation; ls1's VMs on master, ls2's on node1 (as the
#       seed places them).  Routed pings cross the tunnel with the
#       destination switch's VNI and the router port's LSP as ingress key;
#       the router answers pings to its own addresses and sends "time to
#       live exceeded" from the port the packet came in by; IPv6 networks
#       added to the router ports route IPv6 the same way.
#   seed 002 (join part): lr1 -> lsjoin -> lr2 -> lslocal with the seed's two
#       static routes and its localnet port, plain routing (the seed's
#       option a, a return route on the external host, no NAT): a VM on ls1
#       reaches lr2's 10.10.40.1, and lr2 sends its own ARP request for the
#       host 10.10.40.2 behind master's ens8 (the host's own traffic through
#       the gateway router is test_gateway.sh's).
#       A next hop no port lists: a VM on lslocal whose port has its MAC
#       only; lr2 learns it from the VM's answer to its ARP request (the
#       first packet is replaced by that request, counted no-neighbour), and
#       later packets go through.
#   tenants: two routers with the same subnets; each tenant's VMs reach each
#       other across the chassis, never the other tenant's.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/frames.sh"
. "$(dirname "$0")/helpers/seed000.sh"
. "$(dirname "$0")/helpers/seed002.sh"
e2e_begin routers
export XOVN_PIN_ROOT=$E2E_PIN_ROOT   # where --wait=hv finds each chassis' maps

nbctl() { "$XOVNCTL" --db "$DB" "$@"; }
step() { check "nbctl $*" nbctl "$@"; }
sync_hv() { check "nbctl --wait=hv sync" nbctl --wait=hv --timeout=20 sync; }
key_of() { nbctl get "$1" "$2" tunnel_key; }

HV1=xr-master-$SUF HV2=xr-node1-$SUF
V11=xr-v11-$SUF V12=xr-v12-$SUF V21=xr-v21-$SUF V22=xr-v22-$SUF EXT=xr-ext-$SUF
UL1=192.168.83.1 UL2=192.168.83.2

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
step chassis-add master geneve $UL1
step chassis-set-encap-iface master ul0
step chassis-add node1 geneve $UL2
step chassis-set-encap-iface node1 ul0
xovnd_start "$HV1" master
xovnd_start "$HV2" node1

echo "seed 002: two switches, one router"
step_lines < <(seed002_routed_switches; seed002_more_vms)

# The seed's namespaces: vm1 and vm2 of ls1 on master, of ls2 on node1,
# each with its default route via the router.
vm_add "$V11" "$HV1" vm1 00:00:00:00:00:03 10.10.10.2/24
vm_add "$V12" "$HV1" vm2 00:00:00:00:00:04 10.10.10.3/24
vm_add "$V21" "$HV2" vm1 00:00:00:00:00:03 10.10.20.2/24
vm_add "$V22" "$HV2" vm2 00:00:00:00:00:04 10.10.20.3/24
for vm in "$V11" "$V12"; do ip -n "$vm" route add default via 10.10.10.1; done
for vm in "$V21" "$V22"; do ip -n "$vm" route add default via 10.10.20.1; done
for vm in "$V11" "$V12" "$V21" "$V22"; do ip -n "$vm" link set eth0 mtu 1442; done
step vif-attach master vm1 ls1-vm1
step vif-attach master vm2 ls1-vm2
step vif-attach node1 vm1 ls2-vm1
step vif-attach node1 vm2 ls2-vm2
sync_hv
check "node1 attached its VIFs" wait_log node1 'attached xovn_vif_ingress to vm' 10 2

check "ls1-vm1 (master) -> ls2-vm1 (node1) through lr1" until_ok 10 one_ping "$V11" 10.10.20.2
pcap=$E2E_TMP/routed.pcap
capture "$HV1" ul0 "$pcap" udp port 6081 || fail "capture on master's ul0"
check "ls1-vm2 (master) -> ls2-vm2 (node1)" ping_ok "$V12" 10.10.20.3 3
capture_end
# udp[12:4] >> 8: the VNI; udp[20:4]: the OVN option's data, ingress port
# key (15 bits) << 16 | egress port key.
geneve() {
	frames "$pcap" "udp dst port 6081 and udp[12:4] >> 8 = $1 and" \
		"(udp[20:2] & 0x7fff) = $2 and udp[22:2] = $3"
}
LS1=$(key_of logical_switch ls1) LS2=$(key_of logical_switch ls2)
K_LS1_LR1=$(key_of logical_switch_port ls1-lr1) K_LS2_LR1=$(key_of logical_switch_port ls2-lr1)
K_LS1_VM2=$(key_of logical_switch_port ls1-vm2) K_LS2_VM2=$(key_of logical_switch_port ls2-vm2)
check "routed requests carry ls2's VNI ($LS2), from ls2-lr1 ($K_LS2_LR1) to ls2-vm2 ($K_LS2_VM2)" \
	test "$(geneve "$LS2" "$K_LS2_LR1" "$K_LS2_VM2")" -ge 3
check "routed replies ls1's VNI ($LS1), from ls1-lr1 ($K_LS1_LR1) to ls1-vm2 ($K_LS1_VM2)" \
	test "$(geneve "$LS1" "$K_LS1_LR1" "$K_LS1_VM2")" -ge 3
check "ls2-vm1 (node1) -> ls1-vm1 (master)" ping_ok "$V21" 10.10.10.2 2

echo "the router's own addresses"
check "ls1-vm1 -> lr1-ls1 10.10.10.1" ping_ok "$V11" 10.10.10.1 2
check "ls1-vm1 -> lr1-ls2 10.10.20.1 (the far port)" ping_ok "$V11" 10.10.20.1 2
check "ls2-vm2 (node1) -> lr1-ls1 10.10.10.1" ping_ok "$V22" 10.10.10.1 2
check "ls1-vm1 learned lr1-ls1's MAC" test "$(neigh_mac "$V11" 10.10.10.1)" = 00:00:00:00:00:01

echo "TTL"
one_ping_ttl2() { ip netns exec "$V11" ping -q -c 1 -t 2 -W 1 10.10.20.2 >/dev/null 2>&1; }
ttl1=$(ip netns exec "$V11" ping -c 1 -t 1 -W 1 10.10.20.2 2>&1)
echo "$ttl1" | sed -n 2p | sed 's/^/    /'
check "ping -t 1 across lr1 -> time to live exceeded from 10.10.10.1" \
	grep -qE '^From 10\.10\.10\.1 .*Time to live exceeded' <<<"$ttl1"
check "ping -t 2 across lr1 goes through" one_ping_ttl2
check "master counted ttl-exceeded" test "$(drop_count master ttl-exceeded)" -ge 1

echo "IPv6 across lr1"
v6_vm() { # VMNS ADDR GATEWAY
	ip netns exec "$1" sysctl -qw net.ipv6.conf.eth0.accept_dad=0
	ip -n "$1" -6 addr add "$2/64" dev eth0 nodad
	ip -n "$1" -6 route add default via "$3"
}
step add Logical_Router_Port lr1-ls1 networks fd00:10::1/64
step add Logical_Router_Port lr1-ls2 networks fd00:20::1/64
step lsp-set-addresses ls1-vm1 "00:00:00:00:00:03 10.10.10.2 fd00:10::2"
step lsp-set-port-security ls1-vm1 "00:00:00:00:00:03 10.10.10.2 fd00:10::2"
step lsp-set-addresses ls2-vm1 "00:00:00:00:00:03 10.10.20.2 fd00:20::2"
step lsp-set-port-security ls2-vm1 "00:00:00:00:00:03 10.10.20.2 fd00:20::2"
v6_vm "$V11" fd00:10::2 fd00:10::1
v6_vm "$V21" fd00:20::2 fd00:20::1
sync_hv
check "ls1-vm1 -> lr1-ls1 fd00:10::1" until_ok 5 one_ping "$V11" fd00:10::1
check "ls1-vm1 (master) -> ls2-vm1 (node1) fd00:20::2" until_ok 5 one_ping "$V11" fd00:20::2
check "ls2-vm1 (node1) -> ls1-vm1 (master) fd00:10::2" ping_ok "$V21" fd00:10::2 2
hl1=$(ip netns exec "$V11" ping -c 1 -t 1 -W 1 fd00:20::2 2>&1)
check "ping -t 1 over IPv6 -> time exceeded from fd00:10::1" \
	grep -qE '^From fd00:10::1 .*Time exceeded' <<<"$hl1"

echo "seed 002: lr1 -> lsjoin -> lr2 -> lslocal, plain routing"
step create Logical_Router name=lr2 options:chassis=master
step_lines < <(seed002_join; seed002_lslocal)
# ovs-vsctl add-br br-ens8; add-port br-ens8 ens8; ip addr add 10.10.40.2/24
# dev br-ens8: the external network is a host behind master's ens8 holding
# 10.10.40.2, with the seed's return route (its option a) to ls1.
vm_add "$EXT" "$HV1" ens8 02:00:00:00:0e:02 10.10.40.2/24
ip -n "$EXT" link set eth0 mtu 1442
ip -n "$EXT" route add 10.10.10.0/24 via 10.10.40.1
# ovs-vsctl set Open_vSwitch . external-ids:ovn-bridge-mappings=externalnet:br-ens8
step chassis-set-bridge-mappings master externalnet:ens8
step_lines < <(seed002_localnet)
sync_hv
check "master attached the localnet interface" wait_log master 'attached xovn_vif_ingress to ens8' 10
check "lr1 and lr2 show two static routes" \
	test "$(nbctl lr-route-list lr1 | grep -c 10.10.30.2)$(nbctl lr-route-list lr2 | grep -c 10.10.30.1)" = 11

check "ls1-vm1 -> lr1-lsjoin 10.10.30.1" until_ok 5 one_ping "$V11" 10.10.30.1
check "ls1-vm1 -> lr2-lsjoin 10.10.30.2 (default route, then lr2's own)" until_ok 5 one_ping "$V11" 10.10.30.2
check "ls1-vm1 -> lr2-lslocal 10.10.40.1 (two routers)" until_ok 5 one_ping "$V11" 10.10.40.1
# The host behind the localnet port: lr2 resolves it with its own ARP
# request (no port lists 10.10.40.2), which reaches the physical network.
# Its answer arrives through the localnet port on master, where lr2 runs;
# the host's own traffic through a gateway router is test_gateway.sh's.
miss0=$(drop_count master no-neighbour)
ip netns exec "$V12" ping -q -c 1 -W 1 10.10.40.2 >/dev/null 2>&1
miss1=$(drop_count master no-neighbour)
check "lr2 asked for the host 10.10.40.2 itself (no-neighbour $miss0 -> $miss1)" test "$miss1" -gt "$miss0"
check "the ARP request reached the host from lr2-lslocal's MAC" \
	until_ok 2 test "$(neigh_mac "$EXT" 10.10.40.1)" = 00:00:00:00:00:07

# A VM on lslocal whose port lists its MAC only: lr2 learns its address
# from the VM's answer to lr2's ARP request, then routes to it.
V3=xr-v3-$SUF
vm_add "$V3" "$HV1" vm3 00:00:00:00:00:08 10.10.40.3/24
ip -n "$V3" link set eth0 mtu 1442
ip -n "$V3" route add default via 10.10.40.1
step lsp-add lslocal lslocal-vm3
step lsp-set-addresses lslocal-vm3 00:00:00:00:00:08
step vif-attach master vm3 lslocal-vm3
sync_hv
miss0=$(drop_count master no-neighbour)
check "ls1-vm2 -> lslocal-vm3 10.10.40.3, its IP in no port's addresses" \
	until_ok 5 one_ping "$V12" 10.10.40.3
check "and again, every echo answered" ping_ok "$V12" 10.10.40.3 3
miss1=$(drop_count master no-neighbour)
check "lr2 resolved 10.10.40.3 by ARP (no-neighbour $miss0 -> $miss1)" test "$miss1" -gt "$miss0"
check "lslocal-vm3 -> ls1-vm1 (lr2, lsjoin, lr1)" ping_ok "$V3" 10.10.10.2 2
check "ping -t 2 to lslocal-vm3: time to live exceeded from lr2 (10.10.30.2)" \
	grep -qE '^From 10\.10\.30\.2 .*Time to live exceeded' \
	<<<"$(ip netns exec "$V11" ping -c 1 -t 2 -W 1 10.10.40.3 2>&1)"
nr0=$(drop_count master no-route)
check "lslocal-vm3 -> ls2 fails: lr2 has no route to it" ping_none "$V3" 10.10.20.2
check "master counted lr2's no-route" test "$(drop_count master no-route)" -gt "$nr0"

echo "two tenants, same subnets"
# tenant T: router lrT, switches T-a (172.16.1.0/24) and T-b (172.16.2.0/24).
tenant() {
	local t=$1 n=$2
	step lr-add "lr$t"
	step lrp-add "lr$t" "lr$t-a" "02:00:00:0$n:01:01" 172.16.1.1/24
	step lrp-add "lr$t" "lr$t-b" "02:00:00:0$n:02:01" 172.16.2.1/24
	local sw
	for sw in a b; do
		step ls-add "$t-$sw"
		step lsp-add "$t-$sw" "$t-$sw-lr"
		step lsp-set-type "$t-$sw-lr" router
		step lsp-set-addresses "$t-$sw-lr" router
		step lsp-set-options "$t-$sw-lr" "router-port=lr$t-$sw"
	done
}
# tenant_vm T SW NUM CHASSIS_NS CHASSIS IP: port T-SW-vmNUM, interface tTSWNUM.
tenant_vm() {
	local t=$1 sw=$2 num=$3 ns=$4 ch=$5 ip=$6 n=$7
	local port=$t-$sw-vm$num vm=xr-$t$sw$num-$SUF mac
	mac=02:00:00:0$n:0$([ "$sw" = a ] && echo 1 || echo 2):$num$num
	step lsp-add "$t-$sw" "$port"
	step lsp-set-addresses "$port" "$mac $ip"
	vm_add "$vm" "$ns" "t$t$sw$num" "$mac" "$ip/24"
	ip -n "$vm" link set eth0 mtu 1442
	ip -n "$vm" route add default via "${ip%.*}.1"
	step vif-attach "$ch" "t$t$sw$num" "$port"
}
tenant x 1
tenant y 2
tenant_vm x a 1 "$HV1" master 172.16.1.10 1
tenant_vm x b 1 "$HV2" node1 172.16.2.10 1
tenant_vm y a 1 "$HV1" master 172.16.1.10 2
tenant_vm y b 1 "$HV2" node1 172.16.2.10 2
tenant_vm y b 2 "$HV2" node1 172.16.2.20 2
sync_hv
XA=xr-xa1-$SUF XB=xr-xb1-$SUF YA=xr-ya1-$SUF YB=xr-yb1-$SUF
check "x: 172.16.1.10 (master) -> 172.16.2.10 (node1)" until_ok 10 one_ping "$XA" 172.16.2.10
check "y: 172.16.1.10 (master) -> 172.16.2.10 (node1)" until_ok 10 one_ping "$YA" 172.16.2.10
ex=$(in_echos "$XB") ey=$(in_echos "$YB")
check "x: 3 pings to 172.16.2.10" ping_ok "$XA" 172.16.2.10 3
check "y: 2 pings back to 172.16.1.10" ping_ok "$YB" 172.16.1.10 2
ex=$(( $(in_echos "$XB") - ex )) ey=$(( $(in_echos "$YB") - ey ))
check "x's 3 pings reached x's VM only ($ex), none y's ($ey)" test "$ex" = 3 -a "$ey" = 0
check "y: 172.16.1.10 -> 172.16.2.20 (y's own)" until_ok 5 one_ping "$YA" 172.16.2.20
check "x: 172.16.2.20 (only in tenant y) is not reached" ping_none "$XA" 172.16.2.20
check "x: its router's far address 172.16.2.1" ping_ok "$XA" 172.16.2.1 2
check "x learned its own router's MAC, not y's" test "$(neigh_mac "$XA" 172.16.1.1)" = 02:00:00:01:01:01

e2e_end
