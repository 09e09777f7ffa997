#!/usr/bin/env bash
# demo/run.sh - two chassis in network namespaces, joined by a Geneve
# underlay, each running xovnd; three VMs on one logical switch and one VM
# on a second switch that reuses the same subnet; a router lr1 joins ls1 to a
# third switch ls3 (10.0.3.0/24, vm5).  Shows the model, pings across
# chassis, switches and the router, and the Geneve frames on the underlay.
# Everything it creates is removed on exit, even on failure or Ctrl-C.
#
#   make demo           (installs dependencies, builds, runs this)
set -u
cd "$(dirname "$0")/.."
. tests/e2e/lib.sh
e2e_begin demo

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { echo "\$ $*"; "$@"; }

HV1=demo-hv1-$SUF HV2=demo-hv2-$SUF
VM1=demo-vm1-$SUF VM2=demo-vm2-$SUF VM3=demo-vm3-$SUF VM4=demo-vm4-$SUF VM5=demo-vm5-$SUF
UL1=192.168.77.1 UL2=192.168.77.2

say "topology: chassis hv1 and hv2 (network namespaces) joined by the underlay veth ul0"
netns_add "$HV1"
netns_add "$HV2"
underlay_add "$HV1" $UL1 "$HV2" $UL2
vm_add "$VM1" "$HV1" vif1 02:00:00:00:0a:01 10.0.0.1/24
vm_add "$VM2" "$HV2" vif2 02:00:00:00:0a:02 10.0.0.2/24
vm_add "$VM3" "$HV2" vif3 02:00:00:00:0a:03 10.0.0.3/24
vm_add "$VM4" "$HV1" vif4 02:00:00:00:0b:02 10.0.0.2/24
vm_add "$VM5" "$HV2" vif5 02:00:00:00:0c:05 10.0.3.5/24
for vm in "$VM1" "$VM2" "$VM3" "$VM4" "$VM5"; do ip -n "$vm" link set eth0 mtu 1442; done
ip -n "$VM1" route add default via 10.0.0.254
ip -n "$VM5" route add default via 10.0.3.1
echo "hv1: $UL1  vm1 10.0.0.1 (ls1), vm4 10.0.0.2 (ls2)"
echo "hv2: $UL2  vm2 10.0.0.2 (ls1), vm3 10.0.0.3 (ls1), vm5 10.0.3.5 (ls3)"
echo "lr1: 10.0.0.254 on ls1, 10.0.3.1 on ls3 (vm1's and vm5's default gateway)"

say "the northbound model, written with xovnctl (one transaction)"
run "$XOVNCTL" --db "$DB" ls-add ls1 -- ls-add ls2 \
	-- lsp-add ls1 vm1 -- lsp-set-addresses vm1 "02:00:00:00:0a:01 10.0.0.1" \
	-- lsp-add ls1 vm2 -- lsp-set-addresses vm2 "02:00:00:00:0a:02 10.0.0.2" \
	-- lsp-add ls1 vm3 -- lsp-set-addresses vm3 "02:00:00:00:0a:03 10.0.0.3" \
	-- lsp-add ls2 vm4 -- lsp-set-addresses vm4 "02:00:00:00:0b:02 10.0.0.2" \
	-- chassis-add hv1 geneve $UL1 -- chassis-set-encap-iface hv1 ul0 \
	-- chassis-add hv2 geneve $UL2 -- chassis-set-encap-iface hv2 ul0 \
	-- vif-attach hv1 vif1 vm1 -- vif-attach hv1 vif4 vm4 \
	-- vif-attach hv2 vif2 vm2 -- vif-attach hv2 vif3 vm3 || exit 1
run "$XOVNCTL" --db "$DB" ls-add ls3 -- lr-add lr1 \
	-- lrp-add lr1 lr1-ls1 02:00:00:00:0f:01 10.0.0.254/24 \
	-- lrp-add lr1 lr1-ls3 02:00:00:00:0f:03 10.0.3.1/24 \
	-- lsp-add ls1 ls1-lr1 -- lsp-set-type ls1-lr1 router \
	-- lsp-set-addresses ls1-lr1 router -- lsp-set-options ls1-lr1 router-port=lr1-ls1 \
	-- lsp-add ls3 ls3-lr1 -- lsp-set-type ls3-lr1 router \
	-- lsp-set-addresses ls3-lr1 router -- lsp-set-options ls3-lr1 router-port=lr1-ls3 \
	-- lsp-add ls3 vm5 -- lsp-set-addresses vm5 "02:00:00:00:0c:05 10.0.3.5" \
	-- vif-attach hv2 vif5 vm5 || exit 1
run "$XOVNCTL" --db "$DB" show

say "starting xovnd in each chassis namespace"
xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
wait_log hv1 'attached xovn_underlay_ingress' 10 && wait_log hv2 'attached xovn_underlay_ingress' 10 ||
	{ echo "xovnd did not come up"; E2E_FAILS=1; exit 1; }
cat "$(xovnd_log hv1)" "$(xovnd_log hv2)"

say "pings"
pcap=$E2E_TMP/underlay.txt
capture_start "$HV1" ul0 4 "$pcap" || echo "(tcpdump did not start)"
demo_ping() {
	local what=$1 vm=$2 ip=$3
	if ip netns exec "$vm" ping -q -c 2 -i 0.2 -W 1 -w 3 "$ip" >/dev/null 2>&1; then
		echo "  $what: reachable"
	else
		echo "  $what: no reply"
	fi
}
demo_ping "vm1 (hv1, ls1) -> 10.0.0.2 = vm2 on hv2, through Geneve" "$VM1" 10.0.0.2
demo_ping "vm3 (hv2, ls1) -> 10.0.0.1 = vm1 on hv1, through Geneve" "$VM3" 10.0.0.1
demo_ping "vm2 (hv2, ls1) -> 10.0.0.3 = vm3, same chassis        " "$VM2" 10.0.0.3
demo_ping "vm4 (hv1, ls2) -> 10.0.0.1: ls2 has no such port      " "$VM4" 10.0.0.1
demo_ping "vm1 (hv1, ls1) -> 10.0.3.5 = vm5 on hv2, through lr1   " "$VM1" 10.0.3.5
demo_ping "vm5 (hv2, ls3) -> 10.0.0.254 = lr1's address on ls1   " "$VM5" 10.0.0.254
echo "  vm1 learned 10.0.0.2 at $(neigh_mac "$VM1" 10.0.0.2) (vm2 is 02:00:00:00:0a:02, vm4 is 02:00:00:00:0b:02)"
wait "$CAPTURE_PID" 2>/dev/null

say "Geneve on the underlay (tcpdump -vv -nn -i ul0 udp port 6081 in hv1)"
cat "$pcap"

say "the pinned maps of hv1 (bpftool)"
run bpftool map dump pinned "$E2E_PIN_ROOT/hv1/xovn_fdb_v2" | head -n 24

say "cleaning up: xovnd --cleanup, namespaces, pins"
