#!/usr/bin/env bash
# The seeds' ovn-nbctl scripts, line by line in their order and one command
# per invocation where the seed does so, with only the program name changed
# (nbctl below is xovnctl on this test's db, as the installed xovn-nbctl
# would be) and the OVS/ovn-controller lines replaced by their xovn
# equivalents: the chassis' system-id/encap-ip become chassis-add, its
# ovn-bridge-mappings chassis-set-bridge-mappings, "ovs-vsctl add-port br-int
# X -- set interface X external_ids:iface-id=X" vif-attach, and br-phys a
# fabric bridge.  Each part checks what the seed says must happen; every
# "--wait=hv sync" is checked to return only once the maps hold the change.
#
#   seed 000 (1st): the localport's traffic never leaks to localnet.
#   seed 000 (2nd): external ports are reachable from the localport.
#   seed 001:       a localport on two chassis answers only on its own chassis.
#   seed 002 (L2 gateway part): VMs on both chassis reach the external
#                   network through the l2gateway port bound to master.
#   seed 004:       container ports (parent + tag) reach each other through
#                   802.1Q tags on their VMs' VIFs.  Its DHCP_Options, router
#                   and other_config lines are beyond xovn's model and left out.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/vlan_mux.sh"
. "$(dirname "$0")/helpers/frames.sh"
. "$(dirname "$0")/helpers/seed000.sh"
. "$(dirname "$0")/helpers/seed001.sh"
e2e_begin seed-scripts
export XOVN_PIN_ROOT=$E2E_PIN_ROOT   # where --wait=hv finds each chassis' maps

nbctl() { "$XOVNCTL" --db "$DB" "$@"; }
step() { check "nbctl $*" nbctl "$@"; }

# The generation the db holds, and whether CHASSIS's xovn_config map holds
# it already (read once, no polling: --wait=hv sync returned, so it must).
db_gen() { jq -r '.generation' "$DB"; }
map_gen() {
	local b
	b=($(bpftool -j map lookup pinned "$E2E_PIN_ROOT/$1/xovn_config" key 0 0 0 0 |
		jq -r '.value[12:16][]'))
	echo $(( b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 ))
}
holds_now() { test "$(map_gen "$1")" = "$(db_gen)"; }
sync_hv() {
	check "nbctl --wait=hv sync" nbctl --wait=hv --timeout=20 sync
	check "  after which $1's maps hold generation $(db_gen)" holds_now "$1"
}

# The next part's chassis is hv1 again: stop this one, remove its datapath
# and keep its log apart.
retire_chassis() {
	xovnd_stop "$XOVND_PID"
	nsenter --net="/run/netns/$1" "$XOVND" --chassis "$2" --pin-dir "$E2E_PIN_ROOT/$2" \
		--cleanup >/dev/null 2>&1
	mv "$E2E_TMP/xovnd-$2.log" "$E2E_TMP/xovnd-$2-$1.log"
}


# seed000.sh's hooks: the OVS/ovn-controller lines become xovnctl's.
SEED_PFX=xs
seed_begin() { DB=$E2E_TMP/$1.json; }
seed_join() { step chassis-add "$2" geneve "$3"; xovnd_start "$1" "$2"; }
seed_bridge_mappings() { step chassis-set-bridge-mappings "$1" "$2"; }
seed_iface() { step vif-attach "$@"; }
seed_sync() { sync_hv "$1"; }
seed_retire() { retire_chassis "$@"; }

seed001_localport_two_chassis() {
	local HV1=xs-chv1-$SUF HV2=xs-chv2-$SUF NS1=xs-cns1-$SUF NS2=xs-cns2-$SUF
	local NS31=xs-c31-$SUF NS32=xs-c32-$SUF UL1=192.168.79.1 UL2=192.168.79.2
	DB=$E2E_TMP/seed001.json
	echo "seed 001"
	two_chassis_add "$HV1" $UL1 "$HV2" $UL2
	step chassis-add controller geneve $UL1 -- chassis-set-encap-iface controller ul0
	step chassis-add hypervisor geneve $UL2 -- chassis-set-encap-iface hypervisor ul0
	xovnd_start "$HV1" controller
	xovnd_start "$HV2" hypervisor

	seed001_switch

	# add_veth_port NS MAC IP PORT on each host (helper.sh): a veth and its iface-id
	vm_add "$NS1" "$HV1" ns1 00:00:00:aa:bb:10 10.0.1.10/24
	step vif-attach controller ns1 ls0-ns1
	vm_add "$NS31" "$HV1" ns3 00:00:00:aa:bb:30 10.0.1.30/24
	step vif-attach controller ns3 ls0-ns3
	vm_add "$NS2" "$HV2" ns2 00:00:00:aa:bb:20 10.0.1.20/24
	step vif-attach hypervisor ns2 ls0-ns2
	vm_add "$NS32" "$HV2" ns3 00:00:00:aa:bb:30 10.0.1.30/24
	step vif-attach hypervisor ns3 ls0-ns3
	check "nbctl --wait=hv sync (both chassis)" nbctl --wait=hv --timeout=20 sync
	check "  controller holds generation $(db_gen)" holds_now controller
	check "  hypervisor holds generation $(db_gen)" holds_now hypervisor
	# The generation --wait reads is published after the attachments: once
	# it returns, the new interfaces forward.
	check "xovnd on both chassis attached their ns3 before --wait=hv returned" \
		bash -c "grep -q 'attached xovn_vif_ingress to ns3 ' '$E2E_TMP/xovnd-controller.log' &&
			 grep -q 'attached xovn_vif_ingress to ns3 ' '$E2E_TMP/xovnd-hypervisor.log'"

	check "ns1 -> ns2 across the chassis" until_ok 10 one_ping "$NS1" 10.0.1.20
	local e1 e2
	e1=$(in_echos "$NS31") e2=$(in_echos "$NS32")
	check "ns1 -> ns3" ping_ok "$NS1" 10.0.1.30 2
	check "ns2 -> ns3" ping_ok "$NS2" 10.0.1.30 3
	e1=$(( $(in_echos "$NS31") - e1 )) e2=$(( $(in_echos "$NS32") - e2 ))
	check "ns1's 2 pings were answered by the controller's ns3 ($e1)" test "$e1" -eq 2
	check "ns2's 3 by the hypervisor's ns3 ($e2)" test "$e2" -eq 3
}

seed002_l2gateway() {
	local HV1=xs-emaster-$SUF HV2=xs-enode1-$SUF VM1=xs-evm1-$SUF VM2=xs-evm2-$SUF
	local EXT=xs-eext-$SUF UL1=192.168.82.1 UL2=192.168.82.2
	DB=$E2E_TMP/seed002.json
	echo "seed 002 (its L2 gateway part)"
	two_chassis_add "$HV1" $UL1 "$HV2" $UL2
	step chassis-add master geneve $UL1 -- chassis-set-encap-iface master ul0
	step chassis-add node1 geneve $UL2 -- chassis-set-encap-iface node1 ul0
	xovnd_start "$HV1" master
	xovnd_start "$HV2" node1

	step ls-add ls1
	step lsp-add ls1 ls1-vm1
	step lsp-set-addresses ls1-vm1 00:00:00:00:00:03
	step lsp-set-port-security ls1-vm1 00:00:00:00:00:03
	step lsp-add ls1 ls1-vm2
	step lsp-set-addresses ls1-vm2 00:00:00:00:00:04
	step lsp-set-port-security ls1-vm2 00:00:00:00:00:04
	step lsp-add ls1 ls1-l2gateway
	step lsp-set-type ls1-l2gateway l2gateway
	step lsp-set-addresses ls1-l2gateway unknown
	step lsp-set-options ls1-l2gateway network_name=externalnet l2gateway-chassis=master

	# ovs-vsctl add-br br-ens8; add-port br-ens8 ens8: the external network
	# is a host behind master's ens8 holding br-ens8's address 10.10.10.4.
	vm_add "$EXT" "$HV1" ens8 02:00:00:00:0e:04 10.10.10.4/24
	# ovs-vsctl set Open_vSwitch . external-ids:ovn-bridge-mappings=externalnet:br-ens8
	step chassis-set-bridge-mappings master externalnet:ens8
	vm_add "$VM1" "$HV1" vm1 00:00:00:00:00:03 10.10.10.2/24
	# ovs-vsctl set Interface vm1 external_ids:iface-id=ls1-vm1
	step vif-attach master vm1 ls1-vm1
	vm_add "$VM2" "$HV2" vm2 00:00:00:00:00:04 10.10.10.3/24
	# ovs-vsctl set Interface vm2 external_ids:iface-id=ls1-vm2 (on node1)
	step vif-attach node1 vm2 ls1-vm2
	tunnel_mtu "$VM1" "$VM2" "$EXT"
	check "nbctl --wait=hv sync (both chassis)" nbctl --wait=hv --timeout=20 sync
	check "  master holds generation $(db_gen)" holds_now master
	check "  node1 holds generation $(db_gen)" holds_now node1

	check "vm1 (master) -> the external network" until_ok 10 one_ping "$VM1" 10.10.10.4
	check "vm2 (node1) -> the external network, through master" ping_ok "$VM2" 10.10.10.4 2
	check "vm1 -> vm2 across the chassis" ping_ok "$VM1" 10.10.10.3 2
	check "the external network -> vm2" ping_ok "$EXT" 10.10.10.3 2
}

seed004_container_tags() {
	local HV=xs-dhv-$SUF V0=xs-dv0-$SUF V1=xs-dv1-$SUF C0=xs-dc0-$SUF C1=xs-dc1-$SUF
	local mac_h0_v0_vnet1=04:ac:10:ff:01:94 mac_h0_v1_vnet1=04:ac:10:ff:01:96 lsp_name mac
	DB=$E2E_TMP/seed004.json
	echo "seed 004 (its L2 part: container ports)"
	netns_add "$HV"
	# ovs-vsctl set Open_vSwitch . external-ids:system-id=hv0 ... ovn-encap-ip=177.1.1.1
	step chassis-add hv0 geneve 177.1.1.1
	xovnd_start "$HV" hv0
	vm_add "$V0" "$HV" h0_v0_vnet1 $mac_h0_v0_vnet1 172.16.1.2/24
	vm_add "$V1" "$HV" h0_v1_vnet1 $mac_h0_v1_vnet1 172.16.1.3/24
	# ovs-vsctl set interface h0_v0_vnet1 external-ids:iface-id=h0_v0_vnet1 (and
	# h0_v1_vnet1), before the ports exist, as in the seed: stored, inactive.
	step vif-attach hv0 h0_v0_vnet1 h0_v0_vnet1
	step vif-attach hv0 h0_v1_vnet1 h0_v1_vnet1
	step ls-add ls1
	lsp_name=h0_v0_vnet1
	mac=$mac_h0_v0_vnet1
	step lsp-add ls1 $lsp_name
	step lsp-set-addresses $lsp_name "$mac 172.16.1.2"
	lsp_name=h0_v1_vnet1
	mac=$mac_h0_v1_vnet1
	step lsp-add ls1 $lsp_name
	step lsp-set-addresses $lsp_name "$mac 172.16.1.3"
	check "nbctl lsp-add ls1 h0_v0_vnet1_vlan2 h0_v0_vnet1 2 -- lsp-set-addresses ..." \
		nbctl lsp-add ls1 h0_v0_vnet1_vlan2 h0_v0_vnet1 2 -- lsp-set-addresses h0_v0_vnet1_vlan2 "a6:22:22:22:22:21 172.16.1.21"
	check "nbctl lsp-add ls1 h0_v1_vnet1_vlan2 h0_v1_vnet1 2 -- lsp-set-addresses ..." \
		nbctl lsp-add ls1 h0_v1_vnet1_vlan2 h0_v1_vnet1 2 -- lsp-set-addresses h0_v1_vnet1_vlan2 "a6:22:22:22:22:22 172.16.1.22"
	sync_hv hv0

	vlan_mux_build || { fail "building the VLAN helper"; return; }
	vlan_mux_vm "$V0" && vlan_mux_vm "$V1" || { fail "loading the VLAN helper"; return; }
	container_add "$V0" "$C0" vlan2 2 a6:22:22:22:22:21 172.16.1.21/24 &&
		container_add "$V1" "$C1" vlan2 2 a6:22:22:22:22:22 172.16.1.22/24 ||
		{ fail "plugging the containers"; return; }
	local pcap=$E2E_TMP/h0_v0_vnet1.pcap vm_pcap=$E2E_TMP/v0-eth0.pcap
	capture "$HV" h0_v0_vnet1 "$pcap" icmp || fail "capture on h0_v0_vnet1"
	# Frames for a VM enter its eth0 directly (bpf_redirect_peer), never
	# passing the VIF's transmit: they are seen arriving on the VM's side.
	capture "$V0" eth0 "$vm_pcap" -Q in icmp || fail "capture on h0_v0_vnet1's VM side"
	check "h0_v1_vnet1_vlan2 -> h0_v0_vnet1_vlan2" ping_ok "$C1" 172.16.1.21 3
	check "h0_v0_vnet1_vlan2 -> the plain VM h0_v1_vnet1" ping_ok "$C0" 172.16.1.3 2
	check "h0_v0_vnet1 -> its own container" ping_ok "$V0" 172.16.1.21 2
	capture_end
	check "h0_v0_vnet1 gets the echo requests to its container tagged 2 (as the seed)" \
		test "$(frames "$vm_pcap" -e vlan 2 and dst host 172.16.1.21 and 'icmp[icmptype] = icmp-echo')" -ge 5
	check "and its container's replies tagged 2" \
		test "$(frames "$pcap" -e vlan 2 and src host 172.16.1.21 and 'icmp[icmptype] = icmp-echoreply')" -ge 5
}

seed000_localport_localnet
seed000_external_from_localport
seed001_localport_two_chassis
seed002_l2gateway
seed004_container_tags
e2e_end
