#!/usr/bin/env bash
# Gateways end to end, on two chassis with real xovnd processes and a
# physical network (a Linux bridge) behind each:
#
#   seed 002's layered topology without NAT: vm1 (on hv-a) and vm2 (on
#       gw-b) on ls1 -> router1 (distributed) -> join -> gw1, a gateway
#       router pinned to gw-b (created with the seed's `create
#       Logical_Router name=gw1 options:chassis=...`) -> outside with a
#       localnet port -> a client on the physical network with a return
#       route (the seed's option a).  hv-a tunnels to gw1's port; gw-b
#       routes what arrives by tunnel and what the client sends; hv-a, whose
#       localnet reaches the client too, does not (its trace says so).
#   a distributed gateway port: router1-ext on switch ext (localnet to a
#       second physical network) with gateway chassis gw-b (20) and hv-a
#       (10).  vm1's pings to a host there leave by gw-b (counted on gw-b's
#       localnet port, not hv-a's); with gw-b marked down in the model
#       (chassis-set-state), hv-a takes over (announcing the port with a
#       gratuitous ARP) and they leave by hv-a.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin gateway
export XOVN_PIN_ROOT=$E2E_PIN_ROOT

nbctl() { "$XOVNCTL" --db "$DB" "$@"; }
step() { check "nbctl $*" nbctl "$@"; }
sync_hv() { check "nbctl --wait=hv sync" nbctl --wait=hv --timeout=20 sync; }
# steps: one nbctl invocation per line of stdin (the seed's own lines; the
# helpers below stand for its usual groups of four).
steps() {
	local line
	while IFS= read -r line; do
		[ -n "$line" ] && case $line in router_lsp* | localnet_lsp*) eval "$line" ;; *) eval "step $line" ;; esac
	done
}
# localnet_lsp SWITCH LSP NETWORK: the seed's four lines of a localnet port.
localnet_lsp() {
	step lsp-add "$1" "$2"
	step lsp-set-addresses "$2" unknown
	step lsp-set-type "$2" localnet
	step lsp-set-options "$2" "network_name=$3"
}
# router_lsp SWITCH LSP LRP: the seed's four lines giving a switch its port to a router port.
router_lsp() {
	step lsp-add "$1" "$2"
	step lsp-set-type "$2" router
	step lsp-set-addresses "$2" router
	step lsp-set-options "$2" "router-port=$3"
}
# cr_chassis: the chassis show lists router1-ext's chassisredirect binding under.
cr_chassis() {
	nbctl show | awk '/^Chassis / { ch = $2 } /Port_Binding "?cr-router1-ext"?$/ { print ch }' |
		tr -d '"'
}
# exits_by ACTIVE OTHER: show binds cr-router1-ext to ACTIVE, and vm1's pings
# to the host behind router1-ext leave by ACTIVE's localnet port, none by OTHER's.
exits_by() {
	local a0 a1 o0 o1
	check "show binds cr-router1-ext to the active gateway chassis $1" test "$(cr_chassis)" = "$1"
	check "vm1 (hv-a) -> 10.20.0.10 out router1-ext" until_ok 10 one_ping "$V1" 10.20.0.10
	a0=$(tx_of "$1" ext-localnet) o0=$(tx_of "$2" ext-localnet)
	check "vm1 -> 10.20.0.10, 5 pings" ping_ok "$V1" 10.20.0.10 5
	a1=$(tx_of "$1" ext-localnet) o1=$(tx_of "$2" ext-localnet)
	check "they left by $1 ($a0 -> $a1), not by $2 ($o0 -> $o1)" \
		test $((a1 - a0)) -ge 5 -a $((o1 - o0)) -eq 0
}
# tx_of CHASSIS PORT: frames the chassis sent out of PORT.
tx_of() {
	ctl stats --chassis "$1" --pin-dir "$E2E_PIN_ROOT/$1" --json "$2" 2>/dev/null |
		jq -r '.ports[0].tx_packets // 0'
}

A=xg-a-$SUF B=xg-b-$SUF FAB=xg-fab-$SUF FAB2=xg-fab2-$SUF
V1=xg-v1-$SUF V2=xg-v2-$SUF CL=xg-cl-$SUF CL2=xg-cl2-$SUF
two_chassis_add "$A" 192.168.84.1 "$B" 192.168.84.2
fabric_add "$FAB"
fabric_add "$FAB2"
# Each chassis' ens8 and ens9 on the two physical networks (bridge ports pa, pb).
fabric_plug "$FAB" "$A" ens8 pa
fabric_plug "$FAB" "$B" ens8 pb
fabric_plug "$FAB2" "$A" ens9 pa
fabric_plug "$FAB2" "$B" ens9 pb
step chassis-add hv-a geneve 192.168.84.1 -- chassis-set-encap-iface hv-a ul0 \
	-- chassis-set-bridge-mappings hv-a phys:ens8,ext:ens9
step chassis-add gw-b geneve 192.168.84.2 -- chassis-set-encap-iface gw-b ul0 \
	-- chassis-set-bridge-mappings gw-b phys:ens8,ext:ens9
xovnd_start "$A" hv-a
xovnd_start "$B" gw-b

echo "seed 002: ls1 -> router1 -> join -> gw1 (on gw-b) -> outside"
steps <<'EOF2'
ls-add ls1
lsp-add ls1 vm1
lsp-set-addresses vm1 "02:ac:10:ff:01:10 192.168.100.10"
lsp-add ls1 vm2
lsp-set-addresses vm2 "02:ac:10:ff:01:11 192.168.100.11"
lr-add router1
lrp-add router1 router1-ls1 02:ac:10:ff:00:01 192.168.100.1/24
router_lsp ls1 ls1-router1 router1-ls1
create Logical_Router name=gw1 options:chassis=gw-b
ls-add join
lrp-add gw1 gw1-join 02:ac:10:ff:00:02 192.168.255.1/24
router_lsp join join-gw1 gw1-join
lrp-add router1 router1-join 02:ac:10:ff:00:03 192.168.255.2/24
router_lsp join join-router1 router1-join
lr-route-add gw1 192.168.100.0/24 192.168.255.2
lr-route-add router1 0.0.0.0/0 192.168.255.1
ls-add outside
lrp-add gw1 gw1-outside 02:ac:10:ff:00:04 172.18.1.2/16
router_lsp outside outside-gw1 gw1-outside
localnet_lsp outside outside-localnet phys
EOF2
vm_add "$V1" "$A" vm1 02:ac:10:ff:01:10 192.168.100.10/24
vm_add "$V2" "$B" vm2 02:ac:10:ff:01:11 192.168.100.11/24
tunnel_mtu "$V1" "$V2"
for vm in "$V1" "$V2"; do ip -n "$vm" route add default via 192.168.100.1; done
fabric_host_add "$FAB" "$CL" cl 02:ac:12:01:00:0a 172.18.1.10/16
ip -n "$CL" route add 192.168.100.0/24 via 172.18.1.2
step vif-attach hv-a vm1 vm1 -- vif-attach gw-b vm2 vm2
sync_hv
check "gw-b attached the physical network" wait_log gw-b 'attached xovn_vif_ingress to ens8' 10

check "vm1 (hv-a) -> gw1's join address 192.168.255.1 (by tunnel to gw-b)" \
	until_ok 10 one_ping "$V1" 192.168.255.1
check "vm1 (hv-a) -> the client 172.18.1.10 through gw1" until_ok 10 one_ping "$V1" 172.18.1.10
check "vm2 (gw-b) -> the client" until_ok 5 one_ping "$V2" 172.18.1.10
check "the client -> vm1 (gw1, router1, tunnel to hv-a)" ping_ok "$CL" 192.168.100.10 3
check "the client -> vm2" ping_ok "$CL" 192.168.100.11 2
check "the client resolved gw1-outside from gw-b" \
	test "$(neigh_mac "$CL" 172.18.1.2)" = 02:ac:10:ff:00:04
check "trace on hv-a: the client's frame to gw1 from the physical network is not routed there" \
	grep -q 'localnet-reflect' <<<"$(ctl trace --chassis hv-a --pin-dir "$E2E_PIN_ROOT/hv-a" \
	outside-localnet 'eth.src=02:ac:12:01:00:0a eth.dst=02:ac:10:ff:00:04 ip4.src=172.18.1.10 ip4.dst=192.168.100.10 ip.ttl=64 icmp.type=8' 2>&1)"
check "trace on hv-a: to gw1 is a tunnel to gw-b" \
	grep -q 'tunnel' <<<"$(ctl trace --chassis hv-a --pin-dir "$E2E_PIN_ROOT/hv-a" vm1 \
	'eth.src=02:ac:10:ff:01:10 eth.dst=02:ac:10:ff:00:01 ip4.src=192.168.100.10 ip4.dst=172.18.1.10 ip.ttl=64 icmp.type=8' 2>&1)"

echo "a distributed gateway port with two gateway chassis"
steps <<'EOF2'
ls-add ext
lrp-add router1 router1-ext 02:ac:10:ff:00:05 10.20.0.1/24
router_lsp ext ext-router1 router1-ext
localnet_lsp ext ext-localnet ext
lrp-set-gateway-chassis router1-ext gw-b 20
lrp-set-gateway-chassis router1-ext hv-a 10
EOF2
fabric_host_add "$FAB2" "$CL2" cl2 02:ac:14:00:00:0a 10.20.0.10/24
ip -n "$CL2" route add 192.168.100.0/24 via 10.20.0.1
sync_hv
exits_by gw-b hv-a
check "trace on hv-a: redirect to gateway chassis gw-b" \
	grep -q 'redirect to gateway chassis gw-b' <<<"$(ctl trace --chassis hv-a \
	--pin-dir "$E2E_PIN_ROOT/hv-a" vm1 'eth.src=02:ac:10:ff:01:10 eth.dst=02:ac:10:ff:00:01 ip4.src=192.168.100.10 ip4.dst=10.20.0.10 ip.ttl=64 icmp.type=8' 2>&1)"
check "the host resolved router1-ext from gw-b" \
	test "$(neigh_mac "$CL2" 10.20.0.1)" = 02:ac:10:ff:00:05

echo "failover: gw-b marked down"
step chassis-set-state gw-b down
sync_hv
check "hv-a announced router1-ext on the external network" \
	wait_log hv-a 'gratuitous ARP for 10.20.0.1 \(02:ac:10:ff:00:05\)' 5
exits_by hv-a gw-b
check "the host -> vm1 through hv-a" ping_ok "$CL2" 192.168.100.10 2

e2e_end
