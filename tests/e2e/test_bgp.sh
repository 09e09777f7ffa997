#!/usr/bin/env bash
# BGP to the fabric through FRR (Debian's frr), in namespaces of the test:
#
#   lr0 joins ls-in (vm1, 10.0.0.10 on hv1) and ls-ext (172.16.0.0/24), with
#   dynamic routing through table 100, ls-in's network redistributed
#   (connected) and the router's NAT external IPs (nat); lrp-ext is a
#   distributed gateway port, hv1 (priority 20) active, hv2 (10) standby.
#   Each chassis' FRR (zebra + bgpd, in its namespace, where its xovnd
#   writes table 100) speaks BGP from a VIF of ls-ext (bgp0: 172.16.0.3 on
#   hv1, .4 on hv2) to the ToR (172.16.0.2, a VIF of ls-ext on hv1 with its
#   own FRR): it imports table 100, advertises its blackhole routes with
#   lr0's 172.16.0.1 as next hop, and installs what the ToR announces into
#   table 100.
#
# Checked: the ToR learns 10.0.0.0/24 and the floating IP's /32 and pings
# vm1 through the router; deleting the NAT withdraws its /32 on the ToR; the
# ToR's loopback 198.51.100.7/32 becomes a route of lr0 that vm1 reaches,
# and goes when the ToR withdraws it; with hv1 down the advertisement moves
# to hv2 (the ToR learns it from hv2's session and still reaches vm1), and
# comes back to hv1 with hv1.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin bgp

HV1=xb-hv1-$SUF HV2=xb-hv2-$SUF VM1=xb-vm1-$SUF TOR=xb-tor-$SUF
TABLE=100 PROTO=88
# lrp-ext's link-local address (EUI-64 of 02:00:00:00:01:02).
LRP_EXT_LLA=fe80::ff:fe00:102
FRR=/usr/lib/frr
FRR_PIDFILES=()

# frr_start NS DIR: zebra and bgpd of DIR/zebra.conf and DIR/bgpd.conf in NS,
# with their sockets and pid files in DIR.
frr_start() {
	local ns=$1 dir=$2 d
	for d in zebra bgpd; do
		ip netns exec "$ns" "$FRR/$d" -d -f "$dir/$d.conf" -i "$dir/$d.pid" \
			-z "$dir/zserv.api" --vty_socket "$dir" -u frr -g frr \
			--log "file:$dir/$d.log" || return 1
		FRR_PIDFILES+=("$dir/$d.pid")
	done
}

frr_stop() {
	local f pid
	for f in "${FRR_PIDFILES[@]}"; do
		pid=$(cat "$f" 2>/dev/null) && [ -n "$pid" ] && kill "$pid" 2>/dev/null
	done
}
trap 'frr_stop; e2e_cleanup' EXIT

vtysh_in() { local dir=$1; shift; vtysh --vty_socket "$dir" "$@"; }

# Kernel routes of the ToR (learned over BGP) and of a chassis' table 100.
tor_has() { ip -n "$TOR" route show "$1" proto bgp | grep -q .; }
tor_lacks() { ! tor_has "$1"; }
# tor_learns_from PREFIX IFNAME: the ToR's BGP peer on IFNAME gives it PREFIX.
tor_learns_from() {
	vtysh_in "$TORD" -c "show ip bgp neighbors $2 routes" 2>/dev/null | grep -qF " $1 "
}
# ping_from NS IP: an echo to IP answered from IP itself (a reply that is not
# un-NATed would come from vm1's own address).
ping_from() { ip netns exec "$1" ping -c 1 -W 1 "$2" 2>/dev/null | grep -q "bytes from $2:"; }
check_not_learned() { ! tor_learns_from "$1" "$2"; }
# (A table that holds nothing does not exist for ip route.)
table_routes() { ip -n "$1" route show table $TABLE "${@:2}" 2>/dev/null; }
table_has() { table_routes "$1" "$2" proto $PROTO | grep -q blackhole; }
table_lacks() { ! table_routes "$1" proto $PROTO | grep -q "^blackhole $2 "; }
table_empty() { [ -z "$(table_routes "$1" proto $PROTO)" ]; }

if [ ! -x "$FRR/bgpd" ]; then
	fail "FRR is installed (scripts/deps.sh installs frr)"
	e2e_end
	exit 1
fi

two_chassis_add "$HV1" 192.168.87.1 "$HV2" 192.168.87.2
vm_add "$VM1" "$HV1" vm1-vif 02:00:00:00:0a:0a 10.0.0.10/24
ip -n "$VM1" route add default via 10.0.0.1
netns_add "$TOR"
ip -n "$TOR" addr add 198.51.100.7/32 dev lo
# tor_link CHNS TORIF: the chassis' phys0 (no addresses: only the datapath
# sends on it) wired to a port of the ToR, whose link-local address needs no
# duplicate detection (the session starts at once).
tor_link() {
	ip -n "$1" link add phys0 type veth peer name "$2" netns "$TOR"
	ip -n "$1" link set phys0 addrgenmode none
	ip netns exec "$TOR" sysctl -qw "net.ipv6.conf.$2.accept_dad=0"
	ip -n "$1" link set phys0 up
	ip -n "$TOR" link set "$2" up
}
tor_link "$HV1" eth1
tor_link "$HV2" eth2
# The ToR is 172.16.0.2 on both links; the subnet's route is eth1's.
ip -n "$TOR" addr add 172.16.0.2/24 dev eth1
ip -n "$TOR" addr add 172.16.0.2/32 dev eth2
# speaker_add CHNS MAC IP: a chassis' BGP speaker, a VIF whose other end
# (bgp0) stays in the chassis' namespace.
speaker_add() {
	ip -n "$1" link add bgp-vif type veth peer name bgp0
	ip -n "$1" link set bgp0 address "$2"
	ip netns exec "$1" sysctl -qw net.ipv6.conf.bgp0.accept_dad=0
	ip -n "$1" addr add "$3/24" dev bgp0
	ip -n "$1" link set bgp0 up
	ip -n "$1" link set bgp-vif up
}
speaker_add "$HV1" 02:00:00:00:0b:03 172.16.0.3
speaker_add "$HV2" 02:00:00:00:0b:04 172.16.0.4

ctl chassis-add hv1 geneve 192.168.87.1 -- chassis-set-encap-iface hv1 ul0 \
	-- chassis-add hv2 geneve 192.168.87.2 -- chassis-set-encap-iface hv2 ul0 \
	-- chassis-set-bridge-mappings hv1 ext:phys0 -- chassis-set-bridge-mappings hv2 ext:phys0 \
	-- ls-add ls-in -- ls-add ls-ext \
	-- lsp-add ls-in vm1 -- lsp-set-addresses vm1 "02:00:00:00:0a:0a 10.0.0.10" \
	-- lsp-add ls-ext ln -- lsp-set-type ln localnet -- lsp-set-addresses ln unknown \
	-- lsp-set-options ln network_name=ext \
	-- lsp-add ls-ext bgp1 -- lsp-set-addresses bgp1 "02:00:00:00:0b:03 172.16.0.3" \
	-- lsp-add ls-ext bgp2 -- lsp-set-addresses bgp2 "02:00:00:00:0b:04 172.16.0.4" \
	-- vif-attach hv1 vm1-vif vm1 -- vif-attach hv1 bgp-vif bgp1 \
	-- vif-attach hv2 bgp-vif bgp2 \
	-- lr-add lr0 \
	-- lrp-add lr0 lrp-in 02:00:00:00:01:01 10.0.0.1/24 \
	-- lrp-add lr0 lrp-ext 02:00:00:00:01:02 172.16.0.1/24 fd16::1/64 \
	-- lsp-add ls-in ls-in-lr0 -- lsp-set-type ls-in-lr0 router \
	-- lsp-set-addresses ls-in-lr0 router -- lsp-set-options ls-in-lr0 router-port=lrp-in \
	-- lsp-add ls-ext ls-ext-lr0 -- lsp-set-type ls-ext-lr0 router \
	-- lsp-set-addresses ls-ext-lr0 router -- lsp-set-options ls-ext-lr0 router-port=lrp-ext \
	-- lrp-set-gateway-chassis lrp-ext hv1 20 -- lrp-set-gateway-chassis lrp-ext hv2 10 \
	-- lr-nat-add lr0 dnat_and_snat 172.16.0.50 10.0.0.10 \
	|| fail "the topology is stored"
# As OVN's documentation writes them.
check "dynamic routing options are stored" ctl set logical_router lr0 \
	options:dynamic-routing=true options:dynamic-routing-vrf-id=$TABLE \
	options:dynamic-routing-redistribute=nat
check "a port's redistribution is stored" ctl set logical_router_port lrp-in \
	options:dynamic-routing-redistribute=connected
check_not "an unknown kind to redistribute is refused" ctl set logical_router_port lrp-in \
	options:dynamic-routing-redistribute=connected,bogus

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
# FRR drops to its own user: its directories are its own.
GW1=$E2E_TMP/frr-hv1 GW2=$E2E_TMP/frr-hv2 TORD=$E2E_TMP/frr-tor
mkdir -p "$GW1" "$GW2" "$TORD"
chmod 711 "$E2E_TMP"
# readme_conf FILE: the lines of README.md's FRR example under "! FILE",
# so that the gateways run exactly the documented configuration.
readme_conf() {
	awk -v want="! $1" '/^```/ { on = 0 } /^! / { on = ($0 == want); next } on' \
		"$E2E_ROOT/README.md"
}
# fast_timers IFNAME...: the test's BGP timers after the "router bgp" line,
# faster than FRR's defaults: keepalives every second, a connection retried
# every second, updates sent at once.
fast_timers() {
	local extra=' timers bgp 1 3' i
	for i; do
		extra+=$'\n'" neighbor $i timers connect 1"$'\n'" neighbor $i advertisement-interval 0"
	done
	awk -v extra="$extra" '{ print } /^router bgp/ { print extra }'
}
for d in "$GW1" "$GW2"; do
	readme_conf zebra.conf >"$d/zebra.conf"
	readme_conf bgpd.conf | fast_timers bgp0 >"$d/bgpd.conf"
done
cat >"$TORD/zebra.conf" <<EOF
interface eth1
 ipv6 nd ra-interval 1
 no ipv6 nd suppress-ra
interface eth2
 ipv6 nd ra-interval 1
 no ipv6 nd suppress-ra
EOF
fast_timers eth1 eth2 >"$TORD/bgpd.conf" <<EOF
router bgp 65002
 bgp router-id 172.16.0.2
 no bgp ebgp-requires-policy
 neighbor eth1 interface remote-as external
 neighbor eth2 interface remote-as external
 address-family ipv4 unicast
  network 198.51.100.7/32
EOF
chown -R frr:frr "$GW1" "$GW2" "$TORD"
check "the gateways run README.md's configuration, unnumbered" \
	grep -q "^ neighbor bgp0 interface remote-as external" "$GW1/bgpd.conf"
check "FRR starts on hv1" frr_start "$HV1" "$GW1"
check "FRR starts on hv2" frr_start "$HV2" "$GW2"
check "FRR starts on the ToR" frr_start "$TOR" "$TORD"

# Loading and verifying the datapath takes a while on a busy machine; FRR
# starts meanwhile and its sessions come up when the datapath is there.
check "xovnd applies the model on hv1" wait_log hv1 "applied generation" 60
check "xovnd applies the model on hv2" wait_log hv2 "applied generation" 60
check "hv1 (active gateway) writes the advertised routes" \
	until_ok 5 eval 'table_has $HV1 10.0.0.0/24 && table_has $HV1 172.16.0.50'
check "hv2 (standby) advertises nothing" table_empty "$HV2"

echo "advertised: the ToR learns the router's routes"
check "the ToR learns 10.0.0.0/24 (connected)" until_ok 30 tor_has 10.0.0.0/24
check "... from hv1, the active gateway" tor_learns_from 10.0.0.0/24 eth1
check "... and not from hv2" check_not_learned 10.0.0.0/24 eth2
check "the ToR learns 172.16.0.50/32 (nat)" until_ok 5 tor_has 172.16.0.50
check "the ToR's route goes to lrp-ext's link-local address (RFC 5549)" \
	eval 'ip -n $TOR route show 172.16.0.50 | grep -q "via inet6 $LRP_EXT_LLA dev eth1 "'
check "the ToR pings vm1 through lr0" until_ok 10 ping_ok "$TOR" 10.0.0.10 1
check "the ToR pings vm1 through its floating IP" until_ok 10 ping_ok "$TOR" 172.16.0.50 1
check "... and the reply comes from the floating IP" ping_from "$TOR" 172.16.0.50

echo "learned: the ToR's loopback becomes a route of lr0"
check "FRR installs it in table $TABLE" \
	until_ok 10 eval 'table_routes $HV1 198.51.100.7 proto bgp | grep -q via'
check "xovnd takes it as a learned route" wait_log hv1 "route exchange: 1 learned route$" 15
check "vm1 reaches 198.51.100.7 through lr0" until_ok 10 ping_ok "$VM1" 198.51.100.7 1
vtysh_in "$TORD" -c "configure terminal" -c "router bgp 65002" -c "address-family ipv4 unicast" \
	-c "no network 198.51.100.7/32" >/dev/null
check "withdrawn by the ToR, it leaves lr0" wait_log hv1 "route exchange: 0 learned routes$" 15
check "vm1 no longer reaches 198.51.100.7" ping_none "$VM1" 198.51.100.7

echo "withdrawn: deleting the NAT"
check "lr-nat-del" ctl lr-nat-del lr0 dnat_and_snat 172.16.0.50
check "hv1's table drops 172.16.0.50" until_ok 10 table_lacks "$HV1" 172.16.0.50
check "the ToR loses 172.16.0.50/32" until_ok 10 tor_lacks 172.16.0.50
check "the ToR keeps 10.0.0.0/24" tor_has 10.0.0.0/24

echo "failover: hv1 down, hv2 active"
check "chassis-set-state hv1 down" ctl chassis-set-state hv1 down
check "hv2 writes the advertised route" until_ok 10 table_has "$HV2" 10.0.0.0/24
check "hv1 withdraws it" until_ok 10 table_empty "$HV1"
check "the ToR learns it from hv2" until_ok 10 tor_learns_from 10.0.0.0/24 eth2
check "... and from hv2 only" until_ok 10 check_not_learned 10.0.0.0/24 eth1
check "the ToR's route now leaves by its link to hv2" \
	until_ok 5 eval 'ip -n $TOR route show 10.0.0.0/24 | grep -q "via inet6 $LRP_EXT_LLA dev eth2 "'
check "the ToR still pings vm1" until_ok 10 ping_ok "$TOR" 10.0.0.10 1
check "chassis-set-state hv1 up" ctl chassis-set-state hv1 up
check "hv1 advertises again" until_ok 10 table_has "$HV1" 10.0.0.0/24
check "hv2 withdraws" until_ok 10 table_empty "$HV2"
check "the ToR learns 10.0.0.0/24 from hv1 again" until_ok 10 tor_learns_from 10.0.0.0/24 eth1
check "... and no longer from hv2" until_ok 10 check_not_learned 10.0.0.0/24 eth2

echo "the router without dynamic routing"
check "dynamic-routing=false" ctl set logical_router lr0 options:dynamic-routing=false
check "hv1's table is emptied" until_ok 10 table_empty "$HV1"
check "the ToR loses 10.0.0.0/24" until_ok 10 tor_lacks 10.0.0.0/24

e2e_end
