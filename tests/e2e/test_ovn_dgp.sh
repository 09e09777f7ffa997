#!/usr/bin/env bash
# A distributed gateway port in the OVN-database mode: Debian's
# ovsdb-servers and ovn-northd, real ovn-nbctl, two xovnd chassis that read
# the SB and the NB (--ovn-nb-remote):
#   hv-a holds vm1 (ls1 -> router1); router1-ext on switch ext (a localnet
#   port to an external network, a Linux bridge behind both chassis) is a
#   gateway port with lrp-set-gateway-chassis gw-b 20, hv-a 10, and
#   lr-nat-add router1 snat 10.20.0.1 192.168.100.0/24.  The host on the
#   external network has no route back to ls1.
# The models name ovn-northd's HA group for router1-ext and carry the NAT
# rule; gw-b claims cr-router1-ext (Port_Binding.chassis); vm1's pings to
# the host leave by gw-b's wire to the external network, none by hv-a's,
# and the host sees vm1's datagram from 10.20.0.1.  hv-a raised to 30: the
# claim and the traffic move to hv-a (which announces the port); hv-a's
# gateway chassis deleted: back to gw-b.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin ovn-dgp
. "$(dirname "$0")/helpers/ovn_central.sh"

A=xd-a-$SUF B=xd-b-$SUF EXT=xd-ext-$SUF V1=xd-v1-$SUF CL=xd-cl-$SUF
PEER="python3 $(dirname "$0")/helpers/peer.py"

step() { check "ovn-nbctl $*" nbctl "$@"; }
# q NAME JQ: a jq query on chassis NAME's model, printed raw.
q() { jq -r "$2" "$E2E_TMP/model-$1.json" 2>/dev/null; }
is() { [ "$(q "$1" "$2")" = "$3" ]; }
# cr_holder: the chassis whose claim cr-router1-ext carries (empty: none).
cr_holder() {
	local ch
	ch=$(sbctl --bare --columns chassis find Port_Binding logical_port=cr-router1-ext)
	[ -z "$ch" ] || sbctl --bare --columns name list Chassis "$ch"
}
holder_is() { [ "$(cr_holder)" = "$1" ]; }
registered() { [ -n "$(sbctl --bare --columns name find Chassis_Private name="$1")" ]; }
# sent_by PORT: frames the bridge of the external network received on PORT (from its chassis).
sent_by() { ip -n "$EXT" -s -j link show "$1" | jq '.[0].stats64.rx.packets'; }
# exits_by ACTIVE PORT OTHER_PORT: ACTIVE holds cr-router1-ext and vm1's
# pings to the host leave by ACTIVE's wire PORT, none by OTHER_PORT.
exits_by() {
	local a0 a1 o0 o1
	check "cr-router1-ext is claimed by $1 (got '$(cr_holder)')" until_ok 5 holder_is "$1"
	check "vm1 -> the host 10.20.0.10 through router1-ext" until_ok 10 one_ping "$V1" 10.20.0.10
	a0=$(sent_by "$2") o0=$(sent_by "$3")
	check "vm1 -> 10.20.0.10, 5 pings" ping_ok "$V1" 10.20.0.10 5
	a1=$(sent_by "$2") o1=$(sent_by "$3")
	check "they left by $1 ($a0 -> $a1), none by the other ($o0 -> $o1)" \
		test $((a1 - a0)) -ge 5 -a $((o1 - o0)) -eq 0
}

check "OVN central (NB, SB, ovn-northd) started" ovn_central_start
two_chassis_add "$A" 192.168.86.1 "$B" 192.168.86.2
fabric_add "$EXT"
fabric_plug "$EXT" "$A" ens9 pa
fabric_plug "$EXT" "$B" ens9 pb
for ch in hv-a:$A:192.168.86.1 gw-b:$B:192.168.86.2; do
	IFS=: read -r name ns ip <<<"$ch"
	check "$name: bridge mappings ext:ens9" local_ctl "$name" chassis-add "$name" geneve "$ip" -- \
		chassis-set-encap-iface "$name" ul0 -- chassis-set-bridge-mappings "$name" ext:ens9
	DB=$E2E_TMP/local-$name.json xovnd_start "$ns" "$name" --ovn-remote "$OVN_SB" \
		--ovn-nb-remote "$OVN_NB" --model-out "$E2E_TMP/model-$name.json"
done
# --wait=hv waits for the chassis the SB lists: both must be there first.
for ch in hv-a gw-b; do
	check "$ch registered in the SB" until_ok 60 registered "$ch"
done

echo "ls1 -> router1 -> ext (localnet), router1-ext a gateway port with SNAT"
step ls-add ls1
step lsp-add ls1 vm1
step lsp-set-addresses vm1 "02:ac:10:ff:01:10 192.168.100.10"
step lr-add router1
step lrp-add router1 router1-ls1 02:ac:10:ff:00:01 192.168.100.1/24
step lsp-add ls1 ls1-router1 -- lsp-set-type ls1-router1 router -- \
	lsp-set-addresses ls1-router1 router -- lsp-set-options ls1-router1 router-port=router1-ls1
step ls-add ext
step lrp-add router1 router1-ext 02:ac:10:ff:00:05 10.20.0.1/24
step lsp-add ext ext-router1 -- lsp-set-type ext-router1 router -- \
	lsp-set-addresses ext-router1 router -- lsp-set-options ext-router1 router-port=router1-ext
step lsp-add ext ext-localnet -- lsp-set-type ext-localnet localnet -- \
	lsp-set-addresses ext-localnet unknown -- lsp-set-options ext-localnet network_name=ext
step lrp-set-gateway-chassis router1-ext gw-b 20
step lrp-set-gateway-chassis router1-ext hv-a 10
step lr-nat-add router1 snat 10.20.0.1 192.168.100.0/24
vm_add "$V1" "$A" vm1 02:ac:10:ff:01:10 192.168.100.10/24
ip -n "$V1" route add default via 192.168.100.1
check "hv-a: iface-id vm1 = vm1" local_ctl hv-a vif-attach hv-a vm1 vm1
fabric_host_add "$EXT" "$CL" cl 02:ac:14:00:00:0a 10.20.0.10/24
step --wait=hv sync

for ch in hv-a gw-b; do
	check "$ch: router1-ext's gateway is ovn-northd's HA group router1-ext" \
		until_ok 5 is $ch '.logical_routers[].ports[] | select(.name == "router1-ext") | .ha_chassis_group' router1-ext
	check "$ch: the group is {gw-b: 20, hv-a: 10}" \
		is $ch '[.ha_chassis_groups[] | select(.name == "router1-ext") | .members[] | "\(.chassis):\(.priority)"] | sort | join(" ")' \
		"gw-b:20 hv-a:10"
	check "$ch: router1's NAT rule from the NB" \
		is $ch '.logical_routers[] | select(.name == "router1") | .nat[] | "\(.type) \(.external_ip) \(.logical_ip)"' \
		"snat 10.20.0.1 192.168.100.0/24"
	check_not "$ch: nothing left out" grep -q "left out" "$(xovnd_log $ch)"
done
exits_by gw-b pb pa
check "the host resolved router1-ext from gw-b" test "$(neigh_mac "$CL" 10.20.0.1)" = 02:ac:10:ff:00:05
ip netns exec "$CL" $PEER udp 9001 >"$E2E_TMP/peer-9001" 2>&1 &
pid=$!
E2E_PIDS+=("$pid")
sleep 0.5
ip netns exec "$V1" $PEER send-udp 10.20.0.10 9001
wait "$pid" 2>/dev/null
check "the host sees vm1's datagram from 10.20.0.1 (got '$(cat "$E2E_TMP/peer-9001")')" \
	test "$(cat "$E2E_TMP/peer-9001")" = 10.20.0.1

echo "hv-a's priority raised to 30: the gateway moves to hv-a"
t0=$(date +%s%N)
step lrp-set-gateway-chassis router1-ext hv-a 30
check "hv-a announced router1-ext on the external network" \
	wait_log hv-a 'gratuitous ARP for 10.20.0.1 \(02:ac:10:ff:00:05\)' 5
exits_by hv-a pa pb
echo "  moved within $(( ($(date +%s%N) - t0) / 1000000 )) ms (5 pings included)"

echo "hv-a's gateway chassis deleted: back to gw-b"
step lrp-del-gateway-chassis router1-ext hv-a
exits_by gw-b pb pa

e2e_end
