#!/usr/bin/env bash
# xovnd as the chassis of a real OVN: Debian's ovsdb-servers and ovn-northd,
# driven only by real ovn-nbctl commands as the seeds write them (one per
# invocation), with xovnd in place of ovn-controller + Open vSwitch on each
# chassis (--ovn-remote).  Each chassis' local configuration (system-id,
# encap IP, iface-id of its interfaces) is its local file.
#
#   seed 000: both reproducers (the localport never leaks to localnet;
#             external ports, their HA group set by the _uuid that
#             "--bare --columns _uuid find" returns, reachable from it).
#   seed 001: a localport on two chassis answers only on its own chassis;
#             VMs on the two chassis reach each other over Geneve with
#             ovn-northd's tunnel keys; ovn-sbctl show lists the xovn
#             chassis with their bindings; lsp-get-up says up.
#   a port moved between chassis is reachable at its new place quickly.
#   seed 004: container ports (parent + tag) from ovn-nbctl's lsp-add with
#             parent and tag, the iface-ids set before the ports exist.
#   the SB goes away: forwarding goes on; it comes back: changes made
#             meanwhile are applied.
#   --wait=hv sync returns once every chassis reported the NB config.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin ovn-db
. "$(dirname "$0")/helpers/ovn_central.sh"
. "$(dirname "$0")/helpers/vlan_mux.sh"
. "$(dirname "$0")/helpers/frames.sh"
. "$(dirname "$0")/helpers/seed000.sh"
. "$(dirname "$0")/helpers/seed001.sh"

HV1=xo-hv1-$SUF HV2=xo-hv2-$SUF NS1=xo-ns1-$SUF NS2=xo-ns2-$SUF
NS31=xo-n31-$SUF NS32=xo-n32-$SUF UL1=192.168.83.1 UL2=192.168.83.2

step() { check "ovn-nbctl $*" nbctl "$@"; }


check "OVN central (NB, SB, ovn-northd) started" ovn_central_start

# seed000.sh's hooks: the OVS/ovn-controller lines become the chassis'
# local configuration; everything else is OVN's own ovn-nbctl.
SEED_PFX=xo
seed_begin() {
	nbctl --if-exists ls-del ls
	nbctl ha-chassis-group-del hagrp 2>/dev/null || true   # none before the first
}
seed_join() { rm -f "$E2E_TMP/local-$2.json"; check "xovnd joins as chassis $2" ovn_chassis_start "$@"; }
seed_bridge_mappings() { check "$1: ovn-bridge-mappings=$2" local_ctl "$1" chassis-set-bridge-mappings "$1" "$2"; }
seed_iface() { check "$1: iface-id $2 = $3" local_ctl "$1" vif-attach "$1" "$2" "$3"; }
seed_sync() { step --wait=hv sync; }
seed_retire() {
	xovnd_stop "$XOVND_PID"
	nsenter --net="/run/netns/$1" "$XOVND" --chassis "$2" --pin-dir "$E2E_PIN_ROOT/$2" \
		--cleanup >/dev/null 2>&1
	mv "$E2E_TMP/xovnd-$2.log" "$E2E_TMP/xovnd-$2-$1.log"
	# ovn-controller --cleanup would: --wait=hv no longer waits for it.
	sbctl --if-exists chassis-del "$2" -- --if-exists destroy chassis_private "$2"
}
seed000_localport_localnet
seed000_external_from_localport
two_chassis_add "$HV1" $UL1 "$HV2" $UL2
check "xovnd joins as chassis controller" ovn_chassis_start "$HV1" controller $UL1 ul0
check "xovnd joins as chassis hypervisor" ovn_chassis_start "$HV2" hypervisor $UL2 ul0
check "both registered their Chassis rows" \
	until_ok 40 bash -c "[ \$(ovn-sbctl --db='$OVN_SB' --bare --columns name list chassis | grep -c .) -eq 2 ]"

echo "seed 001"
seed001_switch

# ovs-vsctl add-port br-int nsX -- set interface nsX external_ids:iface-id=PORT
vm_add "$NS1" "$HV1" ns1 00:00:00:aa:bb:10 10.0.1.10/24
check "controller: iface-id ns1 = ls0-ns1" local_ctl controller vif-attach controller ns1 ls0-ns1
vm_add "$NS31" "$HV1" ns3 00:00:00:aa:bb:30 10.0.1.30/24
check "controller: iface-id ns3 = ls0-ns3" local_ctl controller vif-attach controller ns3 ls0-ns3
vm_add "$NS2" "$HV2" ns2 00:00:00:aa:bb:20 10.0.1.20/24
check "hypervisor: iface-id ns2 = ls0-ns2" local_ctl hypervisor vif-attach hypervisor ns2 ls0-ns2
vm_add "$NS32" "$HV2" ns3 00:00:00:aa:bb:30 10.0.1.30/24
check "hypervisor: iface-id ns3 = ls0-ns3" local_ctl hypervisor vif-attach hypervisor ns3 ls0-ns3
step --wait=hv sync
check "ls0-ns1 is up (Port_Binding.up, set by its chassis)" \
	until_ok 40 bash -c "[ \"\$(ovn-nbctl --db='$OVN_NB' lsp-get-up ls0-ns1)\" = up ]"
sbctl show >"$E2E_TMP/sbctl-show.txt"
check "ovn-sbctl show lists controller with Port_Binding ls0-ns1" \
	awk '/^Chassis/ { ch = $2 } /Port_Binding/ && $2 == "ls0-ns1" && ch == "controller" { ok = 1 } END { exit !ok }' "$E2E_TMP/sbctl-show.txt"
check "  and hypervisor with Port_Binding ls0-ns2" \
	awk '/^Chassis/ { ch = $2 } /Port_Binding/ && $2 == "ls0-ns2" && ch == "hypervisor" { ok = 1 } END { exit !ok }' "$E2E_TMP/sbctl-show.txt"

check "ns1 -> ns2 across the chassis" until_ok 40 one_ping "$NS1" 10.0.1.20
e1=$(in_echos "$NS31") e2=$(in_echos "$NS32")
check "ns1 -> ns3" ping_ok "$NS1" 10.0.1.30 2
check "ns2 -> ns3" ping_ok "$NS2" 10.0.1.30 3
e1=$(( $(in_echos "$NS31") - e1 )) e2=$(( $(in_echos "$NS32") - e2 ))
check "ns1's 2 pings were answered by the controller's ns3 ($e1)" test "$e1" -eq 2
check "ns2's 3 by the hypervisor's ns3 ($e2)" test "$e2" -eq 3

echo "a port moving between chassis"
check "hypervisor: ns2's interface goes away" local_ctl hypervisor vif-detach hypervisor ns2
vm_move "$NS2" "$HV2" "$HV1" ns2
t0=$(date +%s%N)
check "controller: iface-id ns2 = ls0-ns2" local_ctl controller vif-attach controller ns2 ls0-ns2
check "ns2 at its new place answers ns1" until_ok 40 one_ping "$NS1" 10.0.1.20
echo "  reachable after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
check "the SB binds ls0-ns2 to controller" \
	until_ok 40 bash -c "ovn-sbctl --db='$OVN_SB' show | awk '/^Chassis/ { ch = \$2 } /Port_Binding/ && \$2 == \"ls0-ns2\" { print ch }' | grep -qx controller"
step --wait=hv sync

echo "seed 004 (its L2 part: container ports)"
HV0=xo-hv0-$SUF V0=xo-v0-$SUF V1=xo-v1-$SUF C0=xo-c0-$SUF C1=xo-c1-$SUF
netns_add "$HV0"
check "xovnd joins as chassis hv0" ovn_chassis_start "$HV0" hv0 177.1.1.1
vm_add "$V0" "$HV0" h0_v0_vnet1 04:ac:10:ff:01:94 172.16.1.2/24
vm_add "$V1" "$HV0" h0_v1_vnet1 04:ac:10:ff:01:96 172.16.1.3/24
check "hv0: iface-id h0_v0_vnet1" local_ctl hv0 vif-attach hv0 h0_v0_vnet1 h0_v0_vnet1
check "hv0: iface-id h0_v1_vnet1" local_ctl hv0 vif-attach hv0 h0_v1_vnet1 h0_v1_vnet1
step ls-add ls1
step lsp-add ls1 h0_v0_vnet1
step lsp-set-addresses h0_v0_vnet1 "04:ac:10:ff:01:94 172.16.1.2"
step lsp-add ls1 h0_v1_vnet1
step lsp-set-addresses h0_v1_vnet1 "04:ac:10:ff:01:96 172.16.1.3"
step lsp-add ls1 h0_v0_vnet1_vlan2 h0_v0_vnet1 2 -- lsp-set-addresses h0_v0_vnet1_vlan2 "a6:22:22:22:22:21 172.16.1.21"
step lsp-add ls1 h0_v1_vnet1_vlan2 h0_v1_vnet1 2 -- lsp-set-addresses h0_v1_vnet1_vlan2 "a6:22:22:22:22:22 172.16.1.22"
step --wait=hv sync
check "the container port is up (claimed with its parent)" \
	until_ok 40 bash -c "[ \"\$(ovn-nbctl --db='$OVN_NB' lsp-get-up h0_v0_vnet1_vlan2)\" = up ]"
if vlan_mux_build && vlan_mux_vm "$V0" && vlan_mux_vm "$V1" &&
	container_add "$V0" "$C0" vlan2 2 a6:22:22:22:22:21 172.16.1.21/24 &&
	container_add "$V1" "$C1" vlan2 2 a6:22:22:22:22:22 172.16.1.22/24; then
	check "h0_v1_vnet1_vlan2 -> h0_v0_vnet1_vlan2" until_ok 40 one_ping "$C1" 172.16.1.21
	check "h0_v0_vnet1_vlan2 -> the plain VM h0_v1_vnet1" ping_ok "$C0" 172.16.1.3 2
else
	fail "the VLAN helper and the containers"
fi

echo "the SB goes away and comes back"
check "the SB ovsdb-server stops" kill_sb
check "ns1 -> ns2 while the SB is down" ping_ok "$NS1" 10.0.1.20 3
check "ns1 -> ns3 while the SB is down" ping_ok "$NS1" 10.0.1.30 2
step lsp-add ls0 ls0-ns4
step lsp-set-addresses ls0-ns4 "00:00:00:aa:bb:40"
NS4=xo-ns4-$SUF
vm_add "$NS4" "$HV2" ns4 00:00:00:aa:bb:40 10.0.1.40/24
check "hypervisor: iface-id ns4 = ls0-ns4" local_ctl hypervisor vif-attach hypervisor ns4 ls0-ns4
check "the SB ovsdb-server is back" start_sb
check "the change made meanwhile is applied: ns1 -> ns4" until_ok 40 one_ping "$NS1" 10.0.1.40
step --wait=hv sync
e2e_end
