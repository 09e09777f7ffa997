#!/usr/bin/env bash
# NAT through the physical network, on two chassis with real xovnd
# processes, seed 002's layered topology:
#
#   ls1 (vm1 on node1, vm2 on master) -> lr1 -> lsjoin -> lr2, a gateway
#       router pinned to master -> lslocal with a localnet port to a client
#       on the physical network (10.10.40.2, no return route: the seed's
#       option b).  The seed's own `create nat` line gives lr2
#       snat 10.10.40.1 <- 10.10.10.0/24: both VMs reach the client, which
#       sees only 10.10.40.1 (ICMP, UDP, a 1 MiB TCP transfer from node1,
#       whose frames cross the tunnel to master first).
#   a floating IP on lr2 (dnat_and_snat 10.10.40.100 <-> vm2): master
#       answers the client's ARP for it with lr2's MAC, the client reaches
#       vm2 through it over TCP, vm2 sees the client's address, and vm2's
#       own datagrams leave as the floating IP.
#   a distributed floating IP: lr1 gets a distributed gateway port lr1-ext
#       (gateway chassis master) on switch ext, localnet to a second physical
#       network, and dnat_and_snat 10.20.0.50 <-> vm1 with vm1's port and an
#       external MAC.  vm1 lives on node1, not the gateway chassis: the
#       second client resolves 10.20.0.50 to the external MAC (node1
#       answers), reaches vm1 through it over TCP, vm1's own datagrams leave
#       as 10.20.0.50, and every frame from the floating IP leaves node1's own
#       wire from the external MAC (captured there, ARP included), none
#       master's.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/seed002.sh"
e2e_begin nat_localnet
export XOVN_PIN_ROOT=$E2E_PIN_ROOT

nbctl() { "$XOVNCTL" --db "$DB" "$@"; }
step() { check "nbctl $*" nbctl "$@"; }
# sync_hv [SECONDS]: every chassis applied the db (the first time includes
# loading and verifying the datapath, slow on a loaded machine).
sync_hv() { check "nbctl --wait=hv sync" nbctl --wait=hv --timeout="${1:-20}" sync; }
PEER="python3 $(dirname "$0")/helpers/peer.py"

# listen NS KIND PORT: peer.py in NS, its output in $E2E_TMP/peer-PORT; sets LISTENER.
listen() {
	ip netns exec "$1" $PEER "$2" "$3" >"$E2E_TMP/peer-$3" 2>&1 &
	LISTENER=$!
	E2E_PIDS+=("$LISTENER")
	until_ok 3 listening "$1" "$2" "$3"
}
listening() { ip netns exec "$1" ss -Hln "--$2" "sport = :$3" | grep -q .; }
# heard PORT: what the listener on PORT printed, once it is done.
heard() { wait "$LISTENER" 2>/dev/null; cat "$E2E_TMP/peer-$1"; }
# udp_seen FROM TO IP PORT SRC: a datagram from namespace FROM to IP:PORT,
# listened for in TO, arrives from address SRC.
udp_seen() {
	local got
	listen "$2" udp "$4"
	ip netns exec "$1" $PEER send-udp "$3" "$4"
	got=$(heard "$4")
	check "a datagram $1 -> $3:$4 arrives from $5 (got '$got')" test "$got" = "$5"
}
# tcp_seen FROM TO IP PORT BYTES SRC: BYTES over TCP from FROM to IP:PORT,
# listened for in TO, all arrive from address SRC.
tcp_seen() {
	local got
	listen "$2" tcp "$4"
	check "$1 sends $5 bytes over TCP to $3:$4" ip netns exec "$1" $PEER send-tcp "$3" "$4" "$5"
	got=$(heard "$4")
	check "they arrive from $6 (got '$got')" test "$got" = "$6 $5"
}

HM=xnl-master-$SUF HN=xnl-node1-$SUF FAB=xnl-fab-$SUF FAB2=xnl-fab2-$SUF
V1=xnl-v1-$SUF V2=xnl-v2-$SUF CL=xnl-cl-$SUF CL2=xnl-cl2-$SUF
EXT_MAC=02:00:00:00:20:50
two_chassis_add "$HM" 192.168.86.1 "$HN" 192.168.86.2
fabric_add "$FAB"
fabric_add "$FAB2"
fabric_plug "$FAB" "$HM" ens8 pm
fabric_plug "$FAB" "$HN" ens8 pn
fabric_plug "$FAB2" "$HM" ens9 pm
fabric_plug "$FAB2" "$HN" ens9 pn
step chassis-add master geneve 192.168.86.1 -- chassis-set-encap-iface master ul0 \
	-- chassis-set-bridge-mappings master externalnet:ens8,ext:ens9
step chassis-add node1 geneve 192.168.86.2 -- chassis-set-encap-iface node1 ul0 \
	-- chassis-set-bridge-mappings node1 externalnet:ens8,ext:ens9
xovnd_start "$HM" master
xovnd_start "$HN" node1

echo "seed 002: ls1 -> lr1 -> lsjoin -> lr2 (on master) -> lslocal, with the seed's snat"
step_lines < <(seed002_routed_switches; seed002_more_vms)
step create Logical_Router name=lr2 options:chassis=master
step_lines < <(seed002_join; seed002_lslocal; seed002_localnet)
step -- --id=@nat create nat type="snat" logical_ip=10.10.10.0/24 external_ip=10.10.40.1 \
	-- add logical_router lr2 nat @nat
vm_add "$V1" "$HN" vm1 00:00:00:00:00:03 10.10.10.2/24
vm_add "$V2" "$HM" vm2 00:00:00:00:00:04 10.10.10.3/24
tunnel_mtu "$V1" "$V2"
for vm in "$V1" "$V2"; do ip -n "$vm" route add default via 10.10.10.1; done
fabric_host_add "$FAB" "$CL" cl 02:00:00:00:0e:02 10.10.40.2/24
step vif-attach node1 vm1 ls1-vm1 -- vif-attach master vm2 ls1-vm2
sync_hv 60
check "master attached the physical network" wait_log master 'attached xovn_vif_ingress to ens8' 10

echo "snat: the VMs -> the client, which sees only 10.10.40.1"
check "vm1 (node1) pings the client through lr1, lr2 and SNAT" until_ok 10 one_ping "$V1" 10.10.40.2
check "vm2 (master) pings the client" until_ok 5 one_ping "$V2" 10.10.40.2
udp_seen "$V1" "$CL" 10.10.40.2 9101 10.10.40.1
tcp_seen "$V1" "$CL" 10.10.40.2 9102 1048576 10.10.40.1

echo "a floating IP on the gateway router: 10.10.40.100 <-> vm2"
step lr-nat-add lr2 dnat_and_snat 10.10.40.100 10.10.10.3
sync_hv
check "the client pings vm2's floating IP" until_ok 5 one_ping "$CL" 10.10.40.100
check "master answered the client's ARP for it with lr2-lslocal's MAC" \
	test "$(neigh_mac "$CL" 10.10.40.100)" = 00:00:00:00:00:07
# vm2 sees the client's own address; vm2's own datagram leaves as the floating IP.
tcp_seen "$CL" "$V2" 10.10.40.100 9103 65536 10.10.40.2
udp_seen "$V2" "$CL" 10.10.40.2 9104 10.10.40.100

echo "a distributed floating IP: 10.20.0.50 <-> vm1 (node1), gateway chassis master"
step ls-add ext
step lrp-add lr1 lr1-ext 02:00:00:00:20:01 10.20.0.1/24
step_lines <<'LINES'
lsp-add ext ext-lr1
lsp-set-type ext-lr1 router
lsp-set-addresses ext-lr1 router
lsp-set-options ext-lr1 router-port=lr1-ext
lsp-add ext ext-localnet
lsp-set-addresses ext-localnet unknown
lsp-set-type ext-localnet localnet
lsp-set-options ext-localnet network_name=ext
lrp-set-gateway-chassis lr1-ext master 20
LINES
step lr-nat-add lr1 dnat_and_snat 10.20.0.50 10.10.10.2 ls1-vm1 $EXT_MAC
fabric_host_add "$FAB2" "$CL2" cl2 02:00:00:00:20:0a 10.20.0.10/24
sync_hv
# What leaves each chassis' wire to the second physical network from the floating IP.
l2_capture_start "$HN" ens9 "$E2E_TMP/node1.cap" -Q out src host 10.20.0.50
CAP_N=$CAPTURE_PID
l2_capture_start "$HM" ens9 "$E2E_TMP/master.cap" -Q out src host 10.20.0.50
CAP_M=$CAPTURE_PID
check "the client pings the distributed floating IP" until_ok 10 one_ping "$CL2" 10.20.0.50
check "the client resolved it to the external MAC" test "$(neigh_mac "$CL2" 10.20.0.50)" = $EXT_MAC
tcp_seen "$CL2" "$V1" 10.20.0.50 9105 65536 10.20.0.10
udp_seen "$V1" "$CL2" 10.20.0.10 9106 10.20.0.50
capture_stop "$CAP_N"
capture_stop "$CAP_M"
check "node1 sent the floating IP's frames from $EXT_MAC" \
	grep -q "^[0-9:.]* $EXT_MAC > " "$E2E_TMP/node1.cap"
# frames CAPTURE: its lines that are frames (a timestamp first).
frames() { grep -E '^[0-9]{2}:[0-9]{2}:' "$1"; }
check "and only from it" test "$(frames "$E2E_TMP/node1.cap" | grep -vc " $EXT_MAC > ")" -eq 0
check "master sent none of them" test "$(frames "$E2E_TMP/master.cap" | grep -c .)" -eq 0

e2e_end
