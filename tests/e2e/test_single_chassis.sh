#!/usr/bin/env bash
# One chassis, two logical switches with the same IP subnet, four VMs:
# traffic stays inside its switch, lsp-del cuts a port within a second and
# lsp-add restores it, and a broken db leaves traffic flowing.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin single

HV=xe-hv-$SUF
VM1=xe-vm1-$SUF VM2=xe-vm2-$SUF VM3=xe-vm3-$SUF VM4=xe-vm4-$SUF
MAC1=02:00:00:00:01:01 MAC2=02:00:00:00:01:02
MAC3=02:00:00:00:02:01 MAC4=02:00:00:00:02:02

netns_add "$HV"
vm_add "$VM1" "$HV" vif1 $MAC1 10.0.0.1/24
vm_add "$VM2" "$HV" vif2 $MAC2 10.0.0.2/24
vm_add "$VM3" "$HV" vif3 $MAC3 10.0.0.1/24
vm_add "$VM4" "$HV" vif4 $MAC4 10.0.0.2/24

ctl ls-add ls1 -- ls-add ls2 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.0.0.1" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.0.0.2" \
	-- lsp-add ls2 p3 -- lsp-set-addresses p3 "$MAC3 10.0.0.1" \
	-- lsp-add ls2 p4 -- lsp-set-addresses p4 "$MAC4 10.0.0.2" \
	-- chassis-add hv1 geneve 192.0.2.1 \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv1 vif2 p2 \
	-- vif-attach hv1 vif3 p3 -- vif-attach hv1 vif4 p4 || exit 1

xovnd_start "$HV" hv1
check "xovnd applies the model" wait_log hv1 'applied generation [0-9]+: \+[1-9]' 10
check "xovnd attached to all four VIFs" wait_log hv1 'attached xovn_vif_ingress to vif' 5 4

echo "isolation between switches with overlapping subnets"
check "vm1 -> vm2 (ls1)" ping_ok "$VM1" 10.0.0.2
check "vm3 -> vm4 (ls2)" ping_ok "$VM3" 10.0.0.2
check "vm4 -> vm3 (ls2)" ping_ok "$VM4" 10.0.0.1
check "vm1 resolved 10.0.0.2 to vm2's MAC, not vm4's" \
	test "$(neigh_mac "$VM1" 10.0.0.2)" = "$MAC2"
check "vm3 resolved 10.0.0.2 to vm4's MAC, not vm2's" \
	test "$(neigh_mac "$VM3" 10.0.0.2)" = "$MAC4"
# A static neighbour entry makes vm1 send straight to vm4's MAC: ls1 has no
# such address, so the frame must die in the switch.
ip -n "$VM1" neigh replace 10.0.0.99 lladdr $MAC4 dev eth0 nud permanent
ip -n "$VM4" addr add 10.0.0.99/24 dev eth0
check "vm1 cannot reach vm4's MAC across switches" ping_none "$VM1" 10.0.0.99
ip -n "$VM4" addr del 10.0.0.99/24 dev eth0
ip -n "$VM1" neigh del 10.0.0.99 dev eth0

echo "lsp-del cuts a port, lsp-add restores it"
ctl lsp-del p2 || fail "xovnctl lsp-del p2"
t0=$(date +%s%N)
check "vm2 unreachable within a second of lsp-del" \
	until_ok 1 one_lost "$VM1" 10.0.0.2
echo "    (cut after $(( ($(date +%s%N) - t0) / 1000000 )) ms)"
check "and stays unreachable" ping_none "$VM1" 10.0.0.2
check "xovnd detached from vif2" wait_log hv1 'detached xovn_vif_ingress from vif2' 2
check "ls2 unaffected" ping_ok "$VM3" 10.0.0.2
ctl lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.0.0.2" \
	-- vif-attach hv1 vif2 p2 || fail "xovnctl re-add p2"
check "vm2 reachable again within a second" until_ok 2 one_ping "$VM1" 10.0.0.2
check "vm1 -> vm2 steady after re-add" ping_ok "$VM1" 10.0.0.2

echo "a broken db is refused and traffic keeps flowing"
refusals=$(log_count hv1 'refusing')
cp "$DB" "$DB.good"
echo '{ "version": 1, "logical_switches": [ {"name": ' >"$DB.tmp"
mv "$DB.tmp" "$DB"
check "xovnd logs the refusal" wait_log hv1 'refusing' 3 $((refusals + 1))
check "the error names the JSON problem" wait_log hv1 'json-syntax|syntax' 1
check "vm1 -> vm2 still flows" ping_ok "$VM1" 10.0.0.2
check "vm3 -> vm4 still flows" ping_ok "$VM3" 10.0.0.2
check "xovnd is still running" kill -0 "$XOVND_PID"

# Well-formed JSON that breaks a rule: the error names the JSON path.
cp "$DB.good" "$DB.tmp" && sed -i "s/$MAC1/02:00:00:00:01:zz/" "$DB.tmp" && mv "$DB.tmp" "$DB"
check "a semantic error is refused with its JSON path" \
	wait_log hv1 '\$\.logical_switches\[0\]\.ports\[0\]\.addresses' 3
check "vm1 -> vm2 still flows after the second refusal" ping_ok "$VM1" 10.0.0.2
cp "$DB.good" "$DB.tmp" && mv "$DB.tmp" "$DB"

echo "interface removal and return"
ip -n "$HV" link del vif2
check "xovnd notices vif2 left" wait_log hv1 'vif2 is gone' 3
ip -n "$HV" link add vif2 type veth peer name eth0 netns "$VM2"
ip -n "$VM2" link set eth0 address $MAC2
ip -n "$VM2" addr add 10.0.0.2/24 dev eth0
ip -n "$VM2" link set eth0 up
ip -n "$HV" link set vif2 up
check "xovnd re-attaches to the new vif2" wait_log hv1 'attached xovn_vif_ingress to vif2' 3 3
check "vm1 -> vm2 over the new vif2" until_ok 3 one_ping "$VM1" 10.0.0.2

e2e_end
