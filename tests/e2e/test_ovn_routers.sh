#!/usr/bin/env bash
# Logical routers in the OVN-database mode: Debian's ovsdb-servers (NB and
# SB) and ovn-northd, seed 002's router lines through real ovn-nbctl (one
# command per invocation, NAT lines excluded), two xovnd chassis:
#   hv1 (the seed's "master", VMs of ls1) reads the NB too (--ovn-nb-remote),
#   hv2 (the seed's "node1", VMs of ls2) the SB alone.
# The model each built (--model-out) has the routers with ovn-northd's
# tunnel keys, their ports (MACs, networks), the router-type switch ports
# naming them, and on hv1 the static routes; hv2 says once that routes
# need the NB.  Nothing is left out and the model passes xovn's validator.
# An lr-route-del and an lrp-del reach hv1's model within two seconds; a
# switch's router port naming no router port is inactive, as in the file mode.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin ovn-routers
. "$(dirname "$0")/helpers/ovn_central.sh"
. "$(dirname "$0")/helpers/seed002.sh"

HV1=xr-hv1-$SUF HV2=xr-hv2-$SUF
VM11=xr-v11-$SUF VM12=xr-v12-$SUF VM21=xr-v21-$SUF VM22=xr-v22-$SUF
UL1=192.168.87.1 UL2=192.168.87.2

step() { check "ovn-nbctl $*" nbctl "$@"; }

# chassis_start NS NAME IP FLAGS...: xovnd for NAME, writing its model to $E2E_TMP/model-NAME.json.
chassis_start() {
	local ns=$1 name=$2 ip=$3
	shift 3
	local_ctl "$name" chassis-add "$name" geneve "$ip" &&
		local_ctl "$name" chassis-set-encap-iface "$name" ul0 || return 1
	DB=$E2E_TMP/local-$name.json xovnd_start "$ns" "$name" --ovn-remote "$OVN_SB" \
		--model-out "$E2E_TMP/model-$name.json" "$@"
}

# q NAME JQ: a jq query on chassis NAME's model, printed raw.
q() { jq -r "$2" "$E2E_TMP/model-$1.json" 2>/dev/null; }
# is NAME JQ WANT: the query gives exactly WANT.
is() { [ "$(q "$1" "$2")" = "$3" ]; }

sb_key() { sbctl --bare --columns tunnel_key find "$1" "$2"; }

check "OVN central (NB, SB, ovn-northd) started" ovn_central_start
two_chassis_add "$HV1" $UL1 "$HV2" $UL2
check "hv1 joins, with the NB" chassis_start "$HV1" hv1 $UL1 --ovn-nb-remote "$OVN_NB"
check "hv2 joins, SB only" chassis_start "$HV2" hv2 $UL2

echo "seed 002: ls1, ls2, lr1"
step_lines < <(seed002_routed_switches; seed002_more_vms)

# The seed's VMs: ls1's on master (hv1), ls2's on node1 (hv2); iface-id = vif-attach.
vm_add "$VM11" "$HV1" vm1 00:00:00:00:00:03 10.10.10.2/24
vm_add "$VM12" "$HV1" vm2 00:00:00:00:00:04 10.10.10.3/24
vm_add "$VM21" "$HV2" vm1 00:00:00:00:00:03 10.10.20.2/24
vm_add "$VM22" "$HV2" vm2 00:00:00:00:00:04 10.10.20.3/24
check "hv1: iface-id vm1 = ls1-vm1" local_ctl hv1 vif-attach hv1 vm1 ls1-vm1
check "hv1: iface-id vm2 = ls1-vm2" local_ctl hv1 vif-attach hv1 vm2 ls1-vm2
check "hv2: iface-id vm1 = ls2-vm1" local_ctl hv2 vif-attach hv2 vm1 ls2-vm1
check "hv2: iface-id vm2 = ls2-vm2" local_ctl hv2 vif-attach hv2 vm2 ls2-vm2

echo "seed 002: the gateway router lr2, lsjoin, the static routes, lslocal"
step create Logical_Router name=lr2 options:chassis=hv1
step_lines < <(seed002_join; seed002_lslocal)
step --wait=hv sync

for ch in hv1 hv2; do
	echo "the model $ch built"
	check "$ch: routers lr1, lr2 with ovn-northd's keys ($(sb_key Datapath_Binding external_ids:name=lr1), $(sb_key Datapath_Binding external_ids:name=lr2))" \
		until_ok 40 is $ch '[.logical_routers[] | "\(.name)=\(.tunnel_key)"] | join(" ")' \
		"lr1=$(sb_key Datapath_Binding external_ids:name=lr1) lr2=$(sb_key Datapath_Binding external_ids:name=lr2)"
	for p in lr1:lr1-ls1:00:00:00:00:00:01:10.10.10.1/24 lr1:lr1-ls2:00:00:00:00:00:02:10.10.20.1/24 \
		 lr1:lr1-lsjoin:00:00:00:00:00:05:10.10.30.1/24 lr2:lr2-lsjoin:00:00:00:00:00:06:10.10.30.2/24 \
		 lr2:lr2-lslocal:00:00:00:00:00:07:10.10.40.1/24; do
		IFS=: read -r lr name m1 m2 m3 m4 m5 m6 net <<<"$p"
		check "$ch: $lr port $name: key $(sb_key Port_Binding logical_port=$name), MAC, $net" \
			is $ch ".logical_routers[] | select(.name == \"$lr\") | .ports[] | select(.name == \"$name\") | \"\(.tunnel_key) \(.mac) \(.networks | join(\",\")) \(.peer // \"-\")\"" \
			"$(sb_key Port_Binding logical_port=$name) $m1:$m2:$m3:$m4:$m5:$m6 $net -"
	done
	for p in ls1-lr1:lr1-ls1 ls2-lr1:lr1-ls2 lsjoin-lr1:lr1-lsjoin lsjoin-lr2:lr2-lsjoin lslocal-lr2:lr2-lslocal; do
		check "$ch: switch port ${p%%:*} is of type router, router-port ${p#*:}" \
			is $ch ".logical_switches[].ports[] | select(.name == \"${p%%:*}\") | \"\(.type) \(.options[\"router-port\"])\"" \
			"router ${p#*:}"
	done
	check "$ch: lr2 is a gateway router on hv1" is $ch '.logical_routers[] | select(.name == "lr2") | .options.chassis' hv1
	check_not "$ch: nothing left out" grep -q "left out" "$(xovnd_log $ch)"
	cp "$E2E_TMP/model-$ch.json" "$E2E_TMP/check-$ch.json"
	check "$ch: the model passes xovn's validator (a no-op write through xovnctl)" \
		"$XOVNCTL" --db "$E2E_TMP/check-$ch.json" ls-add xr-probe -- ls-del xr-probe
done
check "hv1: static routes from the NB" \
	is hv1 '[.logical_routers[] | .name as $r | .static_routes[]? | "\($r):\(.ip_prefix)>\(.nexthop)"] | join(" ")' \
	"lr1:0.0.0.0/0>10.10.30.2 lr2:10.10.10.0/24>10.10.30.1"
check "hv2: connected networks only, no static routes" \
	is hv2 '[.logical_routers[].static_routes // empty] | length' 0
check "hv2: says once that static routes need --ovn-nb-remote" \
	test "$(log_count hv2 'static routes are in OVN.s Northbound database')" -eq 1
check_not "hv1: does not say it" grep -q "static routes are in OVN" "$(xovnd_log hv1)"

echo "the switches still switch"
check "ls1: vm1 -> vm2 on hv1" until_ok 40 one_ping "$VM11" 10.10.10.3
check "ls2: vm1 -> vm2 on hv2" until_ok 40 one_ping "$VM21" 10.10.20.3

echo "a switch's router port naming no router port, changed within its switch"
check_not "hv1: nothing is inactive yet" grep -q "is inactive" "$(xovnd_log hv1)"
step lsp-add ls1 ls1-lrx
step lsp-set-type ls1-lrx router
step lsp-set-addresses ls1-lrx 00:00:00:00:09:09
step lsp-set-options ls1-lrx router-port=lr9-none
check "hv1: ls1-lrx is set aside as inactive, as in the file mode" \
	wait_log hv1 'port ls1-lrx is inactive: router-port "lr9-none"' 3

echo "NB changes reach the model"
t0=$(date +%s%N)
step lr-route-del lr1 0.0.0.0/0
check "hv1: lr1's default route is gone within 2 s" \
	until_ok 40 is hv1 '.logical_routers[] | select(.name == "lr1") | .static_routes // [] | length' 0
echo "  after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
check "  lr2's route stays" \
	is hv1 '.logical_routers[] | select(.name == "lr2") | .static_routes[0].ip_prefix' 10.10.10.0/24
t0=$(date +%s%N)
step lrp-del lr1-lsjoin
check "hv1: router port lr1-lsjoin is gone within 2 s" \
	until_ok 40 is hv1 '[.logical_routers[] | select(.name == "lr1") | .ports[].name] | join(" ")' "lr1-ls1 lr1-ls2"
check "hv2 too" \
	until_ok 40 is hv2 '[.logical_routers[] | select(.name == "lr1") | .ports[].name] | join(" ")' "lr1-ls1 lr1-ls2"
echo "  after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
check "  lsjoin-lr1 stays, naming the router port that is gone (inactive, as in the file mode)" \
	is hv1 '.logical_switches[].ports[] | select(.name == "lsjoin-lr1") | .options["router-port"]' lr1-lsjoin
cp "$E2E_TMP/model-hv1.json" "$E2E_TMP/check-hv1.json"
check "hv1: that model passes xovn's validator too" \
	"$XOVNCTL" --db "$E2E_TMP/check-hv1.json" ls-add xr-probe -- ls-del xr-probe

step --wait=hv sync
e2e_end
