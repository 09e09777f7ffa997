# seed000.sh - seed 000's two reproducers, as the seed writes them, for
# every way xovn can be driven: the test that sources this defines
#   nbctl ARGS...              the ovn-nbctl of the test (xovnctl, or OVN's own)
#   step ARGS...               nbctl ARGS as a check
#   seed_begin NAME            a fresh model for the reproducer
#   seed_join NS CH IP         chassis CH (system-id, encap IP) with xovnd in NS
#   seed_bridge_mappings CH M  ovn-bridge-mappings of CH
#   seed_iface CH IFACE PORT   external_ids:iface-id of CH's interface IFACE
#   seed_sync CH               --wait=hv sync, checked against CH
#   seed_retire NS CH          the chassis leaves (the next reproducer reuses hv1)
# and SEED_PFX, a prefix for the names of namespaces.  Needs lib.sh.
#
#   seed000_localport_localnet:      the localport's traffic never leaks to localnet.
#   seed000_external_from_localport: external ports are reachable from the localport.

# Echo requests a namespace's kernel answered (per-namespace /proc/net/snmp).
in_echos() {
	ip netns exec "$1" awk '/^Icmp:/ {
		if (!h) { for (i = 2; i <= NF; i++) if ($i == "InEchos") col = i; h = 1; next }
		print $col; exit }' /proc/net/snmp
}

seed000_localport_localnet() {
	local HV=$SEED_PFX-ahv-$SUF FAB=$SEED_PFX-afab-$SUF LP=$SEED_PFX-alp-$SUF LSP=$SEED_PFX-alsp-$SUF PHYS=$SEED_PFX-aph-$SUF
	local MACPHYS=02:00:00:00:06:65
	seed_begin seed000a
	echo "seed 000, first reproducer"
	netns_add "$HV"
	fabric_add "$FAB"
	fabric_plug "$FAB" "$HV" phys0 fhv
	fabric_host_add "$FAB" "$PHYS" fphys $MACPHYS 10.0.0.100/24
	# ovs-vsctl set open . external_ids:system-id=hv1 ... ovn-encap-ip=...
	seed_join "$HV" hv1 192.0.2.1
	# ovs-vsctl set open . external-ids:ovn-bridge-mappings=phys:br-phys
	seed_bridge_mappings hv1 phys:phys0

	check "nbctl ls-add ls -- lsp-add ls lp -- ... (one chain, as the seed)" \
	nbctl ls-add ls \
	    -- lsp-add ls lp \
	    -- lsp-set-type lp localport \
	    -- lsp-set-addresses lp "00:00:00:00:00:01 10.0.0.1" \
	    -- lsp-add ls ln \
	    -- lsp-set-type ln localnet \
	    -- lsp-set-options ln network_name=phys \
	    -- lsp-add ls lsp \
	    -- lsp-set-addresses lsp "00:00:00:00:00:02 10.0.0.2"

	# ovs-vsctl add-port br-int lp -- set interface lp ... external_ids:iface-id=lp
	seed_iface hv1 lp lp
	vm_add "$LP" "$HV" lp 00:00:00:00:00:01 10.0.0.1/24
	seed_sync hv1
	seed_iface hv1 lsp lsp
	vm_add "$LSP" "$HV" lsp 00:00:00:00:00:02 10.0.0.2/24
	seed_sync hv1
	check "xovnd attached lp, lsp and the physical network" \
		wait_log hv1 'attached xovn_vif_ingress to (lp|lsp|phys0) ' 10 3

	local pcap=$E2E_TMP/fabric-a.txt
	l2_capture_start "$FAB" fhv "$pcap" || fail "tcpdump did not start"
	check "lp -> lsp (same chassis)" ping_ok "$LP" 10.0.0.2 2
	check "lp -> a host on the physical network is not delivered" ping_none "$LP" 10.0.0.100
	check "lsp -> the host on the physical network" ping_ok "$LSP" 10.0.0.100 2
	capture_stop "$CAPTURE_PID"
	check "the localport's traffic did not leak through localnet" \
		bash -c "! grep -qi '00:00:00:00:00:01' '$pcap'"
	check "while lsp's did go out" grep -qE "10\.0\.0\.2 > 10\.0\.0\.100: ICMP echo request" "$pcap"
	seed_retire "$HV" hv1
}

seed000_external_from_localport() {
	local HV=$SEED_PFX-bhv-$SUF FAB=$SEED_PFX-bfab-$SUF LP=$SEED_PFX-blp-$SUF LSP=$SEED_PFX-blsp-$SUF EXT1=$SEED_PFX-bext-$SUF
	local hagrp_uuid
	seed_begin seed000b
	echo "seed 000, second reproducer"
	netns_add "$HV"
	fabric_add "$FAB"
	fabric_plug "$FAB" "$HV" phys0 fhv
	seed_join "$HV" hv1 192.0.2.1
	seed_bridge_mappings hv1 phys:phys0

	step ls-add ls
	step --wait=sb ha-chassis-group-add hagrp
	step --wait=sb ha-chassis-group-add-chassis hagrp hv1 10
	step lsp-add ls lext
	step lsp-set-addresses lext "00:00:00:00:00:04 10.0.0.4 2001::4"
	step lsp-set-type lext external
	hagrp_uuid=`nbctl --bare --columns _uuid find ha_chassis_group name=hagrp`
	check "the group's _uuid comes back from find ($hagrp_uuid)" \
		grep -qxE '[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}' <<<"$hagrp_uuid"
	step set logical_switch_port lext ha_chassis_group=$hagrp_uuid

	check "nbctl lsp-add ls lp -- ... -- lsp-set-addresses lsp ... (one chain)" \
	nbctl lsp-add ls lp \
	    -- lsp-set-type lp localport \
	    -- lsp-set-addresses lp "00:00:00:00:00:01 10.0.0.1 2001::1" \
	    -- lsp-add ls lsp \
	    -- lsp-set-addresses lsp "00:00:00:00:00:02 10.0.0.2 2001::2"

	step lsp-add ls lext2
	step lsp-set-addresses lext2 "00:00:00:00:00:10 10.0.0.10 2001::10"
	step lsp-set-type lext2 external
	step set logical_switch_port lext2 ha_chassis_group=$hagrp_uuid
	seed_sync hv1

	step lsp-add ls lext-deleted
	step lsp-set-addresses lext-deleted "00:00:00:00:00:03 10.0.0.3 2001::3"
	step lsp-set-type lext-deleted external
	step set logical_switch_port lext-deleted ha_chassis_group=$hagrp_uuid
	seed_sync hv1
	step lsp-del lext-deleted
	seed_sync hv1

	seed_iface hv1 lp lp
	vm_add "$LP" "$HV" lp 00:00:00:00:00:01 10.0.0.1/24
	ip -n "$LP" addr add 2001::1/64 dev eth0 nodad
	seed_sync hv1
	seed_iface hv1 lsp lsp
	vm_add "$LSP" "$HV" lsp 00:00:00:00:00:02 10.0.0.2/24
	ip -n "$LSP" addr add 2001::2/64 dev eth0 nodad
	# the outside "host" ext1 on br-phys
	fabric_host_add "$FAB" "$EXT1" fext1 02:00:00:00:07:66 10.0.0.101/24
	ip -n "$EXT1" addr add 2001::101/64 dev eth0 nodad

	check "nbctl lsp-add ls ln -- lsp-set-type ln localnet -- ... (one chain)" \
	nbctl lsp-add ls ln \
	    -- lsp-set-type ln localnet \
	    -- lsp-set-addresses ln unknown \
	    -- lsp-set-options ln network_name=phys
	check "xovnd attached to the physical network" \
		wait_log hv1 'attached xovn_vif_ingress to phys0 ' 10

	local ip mac pcap=$E2E_TMP/fabric-b.txt
	for ip in 10.0.0.4:00:00:00:00:00:04 2001::4=00:00:00:00:00:04 \
		10.0.0.10:00:00:00:00:00:10 2001::10=00:00:00:00:00:10; do
		case $ip in
		*=*) mac=${ip#*=} ip=${ip%%=*} ;;
		*) mac=${ip#*:} ip=${ip%%:*} ;;
		esac
		ip -n "$LP" neigh replace "$ip" lladdr "$mac" dev eth0 nud permanent
	done
	l2_capture_start "$FAB" fhv "$pcap" || fail "tcpdump did not start"
	ping_none "$LP" 10.0.0.4 # nothing answers on lext's behalf: the capture tells
	ping_none "$LP" 10.0.0.10
	ping_none "$LP" 2001::4
	ping_none "$LP" 2001::10
	capture_stop "$CAPTURE_PID"
	seen() { grep -qE "00:00:00:00:00:01 > $1, .*$2 > $3: ICMP6?,? echo request" "$pcap"; }
	check "lp's ping to lext (10.0.0.4) reaches the physical network" \
		seen 00:00:00:00:00:04 10.0.0.1 10.0.0.4
	check "lp's ping to lext2 (10.0.0.10) too" seen 00:00:00:00:00:10 10.0.0.1 10.0.0.10
	check "lp's ping6 to lext (2001::4) too" seen 00:00:00:00:00:04 2001::1 2001::4
	check "lp's ping6 to lext2 (2001::10) too" seen 00:00:00:00:00:10 2001::1 2001::10
	check "nothing else of lp's leaves through localnet" \
		bash -c "! grep -i '00:00:00:00:00:01 > ' '$pcap' | grep -qviE '> 00:00:00:00:00:(04|10),'"
	seed_retire "$HV" hv1
}
