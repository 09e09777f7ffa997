#!/usr/bin/env bash
# Wire compatibility with OVN: one chassis runs xovnd, the other real
# ovn-controller with Open vSwitch (userspace datapath), both chassis of the
# same OVN (Debian's ovsdb-servers and ovn-northd).  VMs on the two chassis
# ping each other both ways over Geneve; a broadcast ARP from either side
# reaches the other side's VM exactly once; the localport's traffic never
# crosses to the other chassis.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin ovn-mixed
. "$(dirname "$0")/helpers/ovn_central.sh"
. "$(dirname "$0")/helpers/frames.sh"

HVX=xm-hvx-$SUF HVO=xm-hvo-$SUF VMX=xm-vmx-$SUF VMO=xm-vmo-$SUF LPX=xm-lpx-$SUF LPO=xm-lpo-$SUF
ULX=192.168.84.1 ULO=192.168.84.2
MACX=00:00:00:ab:00:01 MACO=00:00:00:ab:00:02 MACLP=00:00:00:ab:00:fe

step() { check "ovn-nbctl $*" nbctl "$@"; }

check "OVN central (NB, SB, ovn-northd) started" ovn_central_start
netns_add "$HVX"
netns_add "$HVO"
underlay_add "$HVX" $ULX "$HVO" $ULO
check "xovnd joins as chassis hv-xovn" ovn_chassis_start "$HVX" hv-xovn $ULX ul0
check "ovn-controller + OVS join as chassis hv-ovs" ovs_chassis_start "$HVO" hv-ovs $ULO

step ls-add ls
step lsp-add ls vmx
step lsp-set-addresses vmx "$MACX 10.0.5.1"
step lsp-add ls vmo
step lsp-set-addresses vmo "$MACO 10.0.5.2"
step lsp-add ls lp
step lsp-set-addresses lp "$MACLP 10.0.5.254"
step lsp-set-type lp localport

vm_add "$VMX" "$HVX" vmx $MACX 10.0.5.1/24
vm_add "$LPX" "$HVX" lpx $MACLP 10.0.5.254/24
check "hv-xovn: iface-id vmx" local_ctl hv-xovn vif-attach hv-xovn vmx vmx
check "hv-xovn: iface-id lpx = lp" local_ctl hv-xovn vif-attach hv-xovn lpx lp
vm_add "$VMO" "$HVO" vmo $MACO 10.0.5.2/24
vm_add "$LPO" "$HVO" lpo $MACLP 10.0.5.254/24
# The userspace datapath cannot finish a partial checksum: its VMs send whole frames.
ip netns exec "$VMO" ethtool -K eth0 tx off >/dev/null
ip netns exec "$LPO" ethtool -K eth0 tx off >/dev/null
check "hv-ovs: iface-id vmo" ovs_bind hv-ovs vmo vmo
check "hv-ovs: iface-id lpo = lp" ovs_bind hv-ovs lpo lp
check "both chassis claimed their VMs" \
	nbctl wait-until Logical_Switch_Port vmx up=true -- wait-until Logical_Switch_Port vmo up=true
step --wait=hv sync

check "xovn VM -> OVS VM over Geneve" until_ok 40 one_ping "$VMX" 10.0.5.2
check "OVS VM -> xovn VM over Geneve" ping_ok "$VMO" 10.0.5.1 3
check "xovn VM -> OVS VM again" ping_ok "$VMX" 10.0.5.2 3

# A broadcast ARP from each side: the other side's VM sees it exactly once.
arp_once() {
	local from=$1 mac=$2 sip=$3 to=$4 target=$5 pcap=$E2E_TMP/arp-$4.pcap n
	capture "$to" eth0 "$pcap" arp and host "$target" || return 1
	send_arp "$from" "$mac" "$sip" "$target" || return 1
	capture_end
	n=$(frames "$pcap" arp and ether broadcast and host "$target")
	echo "  $to saw $n broadcast ARP(s) for $target"
	test "$n" -eq 1
}
check "a broadcast ARP from the xovn side reaches the OVS VM once" \
	arp_once "$VMX" $MACX 10.0.5.1 "$VMO" 10.0.5.99
check "a broadcast ARP from the OVS side reaches the xovn VM once" \
	arp_once "$VMO" $MACO 10.0.5.2 "$VMX" 10.0.5.98

# The localport: each chassis' instance answers its own VMs; nothing crosses.
pcap=$E2E_TMP/underlay.txt
l2_capture_start "$HVX" ul0 "$pcap" || fail "underlay capture did not start"
check "xovn VM -> the localport (its own chassis' instance)" ping_ok "$VMX" 10.0.5.254 2
check "OVS VM -> the localport (its own chassis' instance)" ping_ok "$VMO" 10.0.5.254 2
check "xovn VM -> OVS VM while capturing" ping_ok "$VMX" 10.0.5.2 2
capture_stop "$CAPTURE_PID"
check "the capture shows the VMs' frames inside Geneve" grep -qi "$MACX" "$pcap"
check "no localport frame crossed the underlay" bash -c "! grep -qi '$MACLP' '$pcap'"
e2e_end
