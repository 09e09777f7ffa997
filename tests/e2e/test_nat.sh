#!/usr/bin/env bash
# NAT end to end on one chassis with a real xovnd: two VMs behind a gateway
# router pinned to this chassis, a client on the outside switch.
#   snat 172.16.0.1 <- 10.0.0.0/24: vm1 reaches the client, which sees only
#       172.16.0.1 (UDP and a 1 MiB TCP transfer; the listener prints its
#       peer); ping works both ways of the connection.
#   dnat_and_snat 172.16.0.50 <-> 10.0.0.2: the client reaches vm2 through
#       the floating IP (vm2 sees the client's own address), and vm2's own
#       connections leave as 172.16.0.50.
#   xovnctl lr-nat-conntrack lists the connections.
# The client resolves the floating IP with a static neighbour entry: the
# router does not answer ARP for NAT addresses (only for its ports').
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin nat

HV=xn-hv-$SUF VM1=xn-vm1-$SUF VM2=xn-vm2-$SUF CL=xn-cl-$SUF
GW_IN=02:00:00:00:ff:01 GW_OUT=02:00:00:00:ff:02
PEER="python3 $(dirname "$0")/helpers/peer.py"

netns_add "$HV"
vm_add "$VM1" "$HV" vif1 02:00:00:00:0a:01 10.0.0.1/24
vm_add "$VM2" "$HV" vif2 02:00:00:00:0a:02 10.0.0.2/24
vm_add "$CL" "$HV" vifc 02:00:00:00:0b:64 172.16.0.100/24
ip -n "$VM1" route add default via 10.0.0.254
ip -n "$VM2" route add default via 10.0.0.254
ip -n "$CL" neigh replace 172.16.0.50 lladdr $GW_OUT dev eth0 nud permanent

ctl ls-add inside -- ls-add outside \
	-- lr-add gw -- set logical_router gw options:chassis=hv1 \
	-- lrp-add gw gw-in $GW_IN 10.0.0.254/24 -- lrp-add gw gw-out $GW_OUT 172.16.0.1/24 \
	-- lsp-add inside in-gw -- lsp-set-type in-gw router \
	-- lsp-set-addresses in-gw router -- lsp-set-options in-gw router-port=gw-in \
	-- lsp-add outside out-gw -- lsp-set-type out-gw router \
	-- lsp-set-addresses out-gw router -- lsp-set-options out-gw router-port=gw-out \
	-- lsp-add inside p1 -- lsp-set-addresses p1 "02:00:00:00:0a:01 10.0.0.1" \
	-- lsp-add inside p2 -- lsp-set-addresses p2 "02:00:00:00:0a:02 10.0.0.2" \
	-- lsp-add outside pc -- lsp-set-addresses pc "02:00:00:00:0b:64 172.16.0.100" \
	-- lr-nat-add gw snat 172.16.0.1 10.0.0.0/24 \
	-- lr-nat-add gw dnat_and_snat 172.16.0.50 10.0.0.2 \
	-- chassis-add hv1 geneve 192.0.2.1 \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv1 vif2 p2 -- vif-attach hv1 vifc pc || exit 1

xovnd_start "$HV" hv1
check "xovnd attached to the three VIFs" wait_log hv1 'attached xovn_vif_ingress to vif' 10 3

# listen NS KIND PORT: starts peer.py in NS, its output in $E2E_TMP/peer-PORT.
listen() {
	ip netns exec "$1" $PEER "$2" "$3" >"$E2E_TMP/peer-$3" 2>&1 &
	E2E_PIDS+=("$!")
	sleep 0.5
}
heard() { wait "$1" 2>/dev/null; cat "$E2E_TMP/peer-$2"; }

echo "snat: vm1 -> client"
check "vm1 pings the client through the router" until_ok 10 one_ping "$VM1" 172.16.0.100
listen "$CL" udp 9001; pid=$!
ip netns exec "$VM1" $PEER send-udp 172.16.0.100 9001
got=$(heard $pid 9001)
check "the client sees vm1's datagram from 172.16.0.1 (got '$got')" test "$got" = 172.16.0.1
listen "$CL" tcp 9002; pid=$!
check "vm1 sends 1 MiB over TCP" ip netns exec "$VM1" $PEER send-tcp 172.16.0.100 9002 1048576
got=$(heard $pid 9002)
check "the client got 1 MiB from 172.16.0.1 (got '$got')" test "$got" = "172.16.0.1 1048576"

echo "dnat_and_snat: the floating IP 172.16.0.50 <-> vm2"
check "the client pings vm2's floating IP" until_ok 5 one_ping "$CL" 172.16.0.50
listen "$VM2" tcp 9003; pid=$!
check "the client connects to the floating IP" \
	ip netns exec "$CL" $PEER send-tcp 172.16.0.50 9003 65536
got=$(heard $pid 9003)
check "vm2 sees the client's own address (got '$got')" test "$got" = "172.16.0.100 65536"
listen "$CL" udp 9004; pid=$!
ip netns exec "$VM2" $PEER send-udp 172.16.0.100 9004
got=$(heard $pid 9004)
check "vm2's own datagram leaves as 172.16.0.50 (got '$got')" test "$got" = 172.16.0.50

echo "connections"
conns=$(XOVN_PIN_ROOT=$E2E_PIN_ROOT ctl lr-nat-conntrack --chassis hv1 --pin-dir "$E2E_PIN_ROOT/hv1" 2>&1)
echo "$conns" | sed 's/^/    /' | head -8
check "lr-nat-conntrack lists vm1's TCP connection as 172.16.0.1" \
	grep -qE '^gw tcp 10\.0\.0\.1:[0-9]+ -> 172\.16\.0\.100:9002 as 172\.16\.0\.1:' <<<"$conns"
check "and the client's connection to the floating IP" \
	grep -qE '^gw tcp 172\.16\.0\.100:[0-9]+ -> 172\.16\.0\.50:9003 as 172\.16\.0\.100:[0-9]+ -> 10\.0\.0\.2:9003' <<<"$conns"
check "no NAT drops" test "$(drop_count hv1 nat-table-full)" -eq 0

e2e_end
