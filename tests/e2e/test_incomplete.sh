#!/usr/bin/env bash
# A localnet port built one xovnctl command per invocation while xovnd
# runs, as ovn-nbctl users build it: until options:network_name is set the
# port is stored but absent from the dataplane (the physical interface is
# not attached, the VM does not reach the physical network, the rest keeps
# working); once complete it works; made incomplete again, it is withdrawn.
# A gateway router pinned to a chassis not defined yet is stored and listed
# inactive until the chassis is added.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin incomplete

HV=xi-hv-$SUF FAB=xi-fab-$SUF VM=xi-vm-$SUF VM2=xi-vm2-$SUF PHYS=xi-ph-$SUF
MACVM=02:00:00:00:0c:01 MACVM2=02:00:00:00:0c:02 MACPHYS=02:00:00:00:0c:65

fabric_with_chassis "$FAB" "$HV"
fabric_host_add "$FAB" "$PHYS" fphys $MACPHYS 10.12.0.100/24
vm_add "$VM" "$HV" vif1 $MACVM 10.12.0.1/24
vm_add "$VM2" "$HV" vif2 $MACVM2 10.12.0.2/24

step() { check "xovnctl $*" ctl "$@"; }
# A step that must store the change and warn that ln is inactive.
step_warns() {
	local err=$E2E_TMP/stderr
	check "xovnctl $* (stored)" ctl "$@" 2>"$err"
	check "  warns: port ln is inactive" \
		grep -qx 'xovnctl: warning: port ln is inactive: a localnet port needs options:network_name' "$err"
}

step chassis-add hv1 geneve 192.0.2.1
step chassis-set-bridge-mappings hv1 phys:phys0
step ls-add ls
step lsp-add ls vm
step lsp-set-addresses vm "$MACVM 10.12.0.1"
step lsp-add ls vm2
step lsp-set-addresses vm2 "$MACVM2 10.12.0.2"
step vif-attach hv1 vif1 vm
step vif-attach hv1 vif2 vm2
xovnd_start "$HV" hv1
check "xovnd applies the model" wait_log hv1 'applied generation [0-9]+: \+[1-9]' 10

step lsp-add ls ln
step_warns lsp-set-type ln localnet
step_warns lsp-set-addresses ln unknown
check "xovnd names the inactive port" wait_log hv1 'port ln is inactive' 10
check "show marks it" bash -c "'$XOVNCTL' --db '$DB' show | grep -qF 'port ln (inactive: '"
check "vm -> vm2 while ln is incomplete" until_ok 10 ping_ok "$VM" 10.12.0.2
check "vm does not reach the physical network yet" ping_none "$VM" 10.12.0.100
check_not "phys0 is not attached" grep -qE 'attached xovn_vif_ingress to phys0 ' "$(xovnd_log hv1)"

step lsp-set-options ln network_name=phys
check "phys0 is attached once ln is complete" \
	wait_log hv1 'attached xovn_vif_ingress to phys0 ' 10
check "vm -> the host on the physical network" until_ok 10 ping_ok "$VM" 10.12.0.100
check "show no longer marks it" \
	bash -c "! '$XOVNCTL' --db '$DB' show | grep -qF '(inactive'"

step_warns lsp-set-options ln
check "made incomplete again: withdrawn" until_ok 10 one_lost "$VM" 10.12.0.100
check "vm -> vm2 still" ping_ok "$VM" 10.12.0.2

GWR_ERR=$E2E_TMP/gwr.err
check "a gateway router pinned to a chassis not defined yet is stored" \
	ctl create Logical_Router name=gwr options:chassis=hv9 >/dev/null 2>"$GWR_ERR"
check "  listed inactive, saying why" grep -qF \
	'warning: gateway router gwr is inactive: options:chassis "hv9" is not a chassis yet' "$GWR_ERR"
check "xovnd names it" wait_log hv1 'gateway router gwr is inactive' 10
check "chassis-add hv9" ctl chassis-add hv9 geneve 192.0.2.9 2>"$GWR_ERR"
check_not "  the router is in force: no warning" grep -q gwr "$GWR_ERR"
e2e_end
