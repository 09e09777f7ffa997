# shellcheck shell=bash
# nat_topo.sh - the SNAT topology of bench/throughput.sh (TP_TOPOS=nat),
# sourced by it: VM A (10.9.0.1) behind a router to VM B (10.9.1.2), which
# has no route back, so every connection must be source-NATed.
#   masquerade: Linux routing (ip_forward) between the two VM veths with an
#       nftables postrouting `masquerade` on B's side (conntrack, NAT), in
#       hv m1 (VMs mA, mB)
#   xovn: a gateway router pinned to hv1 with `lr-nat-add gw snat
#       10.9.1.254 10.9.0.0/24`, in hv z1 (VMs zA, zB)
# Tests: tcp1 and tcp4 (throughput.sh's), and conn: new TCP connections per
# second from A to B (build/bench/conn_rate: connect, then close with a
# reset), five pairs of runs of a fifth of the test time each (at least 1 s).
# Rows:  tp nat masquerade|xovn tcp1|tcp4|conn REP VALUE

NAT_OUT_IP=10.9.1.254
CONN_PORT=5301

# nft_ready: nftables, installed on first use (a benchmark-only dependency).
nft_ready() {
	command -v nft >/dev/null ||
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q nftables >/dev/null
}

# conn_once: new connections/s from $SRC_VM to $DST_VM over CONN_SECS.
conn_once() {
	local bin=$XOVN_ROOT/build/bench/conn_rate srv
	# nsenter itself in the background (not bt_in), so that killing it ends the server.
	nsenter --net="/run/netns/$(bt_ns "$DST_VM")" "$bin" serve $CONN_PORT $((CONN_SECS + 3)) &
	srv=$!
	sleep 0.3
	bt_in "$SRC_VM" timeout $((CONN_SECS + 5)) "$bin" connect "$VM_B_IP" $CONN_PORT "$CONN_SECS" 1000000
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
	return 0
}

# conn_alternate BSRC BDST XSRC XDST: five pairs of connection-rate runs.
conn_alternate() {
	local rep v w
	log "nat conn: masquerade and xovn, alternating"
	for rep in 0 1 2 3 4; do
		SRC_VM=$1 DST_VM=$2 v=$(conn_once) && SRC_VM=$3 DST_VM=$4 w=$(conn_once) &&
			[ -n "$v" ] && [ -n "$w" ] || { log "nat conn: no result"; return 1; }
		printf 'tp\tnat\tmasquerade\tconn\t%s\t%s\ntp\tnat\txovn\tconn\t%s\t%s\n' "$rep" "$v" "$rep" "$w"
	done
}

# masq_router: hv m1 routes between its VMs and masquerades towards B.
masq_router() {
	local ns; ns=$(bt_ns m1)
	bt_in m1 sysctl -qw net.ipv4.ip_forward=1
	ip -n "$ns" addr add 10.9.0.254/24 dev tA && ip -n "$ns" addr add $NAT_OUT_IP/24 dev tB &&
		bt_in m1 nft -f - <<'NFT'
table ip benchnat {
	chain post {
		type nat hook postrouting priority srcnat;
		oifname "tB" masquerade
	}
}
NFT
}

# router_lsp_args SW LSP LRP: the xovnctl arguments of switch SW's port LSP to router port LRP.
router_lsp_args() {
	echo "-- lsp-add $1 $2 -- lsp-set-type $2 router -- lsp-set-addresses $2 router" \
		"-- lsp-set-options $2 router-port=$3"
}

# xovn_snat_model DB: the gateway router with its snat rule, VMs on tA, tB.
xovn_snat_model() {
	# shellcheck disable=SC2046 # router_lsp_args gives words on purpose
	ctl "$1" ls-add inside -- ls-add outside -- lr-add gw -- set logical_router gw options:chassis=hv1 \
		-- lrp-add gw gw-in $RT_A_MAC 10.9.0.254/24 -- lrp-add gw gw-out $RT_B_MAC $NAT_OUT_IP/24 \
		$(router_lsp_args inside in-gw gw-in) $(router_lsp_args outside out-gw gw-out) \
		-- lsp-add inside pA -- lsp-set-addresses pA "$VM_A_MAC $VM_A_IP" \
		-- lsp-add outside pB -- lsp-set-addresses pB "$VM_B_MAC $VM_B_IP" \
		-- lr-nat-add gw snat $NAT_OUT_IP 10.9.0.0/24 \
		-- chassis-add hv1 geneve 192.0.2.1 -- vif-attach hv1 tA pA -- vif-attach hv1 tB pB
}

# attached_both: up to 60 s for xovnd (loading and verifying the datapath
# on a loaded machine takes seconds) to attach to both VM interfaces.
attached_both() {
	local i
	for i in $(seq 1 600); do
		[ "$(grep -c 'attached xovn_vif_ingress to t[AB]' "$BT_TMP/xovnd-hv1.log")" -ge 2 ] &&
			return 0
		sleep 0.1
	done
	return 1
}

natted() {
	local db=$BT_TMP/nat.json VM_B_IP=10.9.1.2 TESTS="tcp1 tcp4" vm
	CONN_SECS=$TCP_SECS
	nft_ready || { log "nat: nftables did not install"; return 1; }
	bt_add_ns m1 && bt_add_vm mA m1 tA $VM_A_MAC $VM_A_IP &&
		bt_add_vm mB m1 tB $VM_B_MAC $VM_B_IP && masq_router || return 1
	bt_add_ns z1 && bt_add_vm zA z1 tA $VM_A_MAC $VM_A_IP &&
		bt_add_vm zB z1 tB $VM_B_MAC $VM_B_IP && xovn_snat_model "$db" || return 1
	for vm in mA zA; do ip -n "$(bt_ns $vm)" route add default via 10.9.0.254; done
	bt_xovnd z1 hv1 "$db"
	attached_both || { log "nat: xovnd did not attach to both VMs within 60 s"; return 1; }
	alternate nat masquerade mA mB zA zB && conn_alternate mA mB zA zB
}
