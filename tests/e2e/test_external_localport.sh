#!/usr/bin/env bash
# Seed 000, second reproducer: external ports lext and lext2 in an HA group
# that holds this chassis.  The localport lp reaches them through the
# localnet port (IPv4 and IPv6, static neighbours as in the seed): the frames
# appear on the physical network, and lext's host (which learns lp's MAC from
# the holder's ARP/ND responder) answers back to lp.  An
# external port created and deleted before is not reachable, and nothing else
# of lp's (its broadcasts, multicast) leaves the chassis.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin external-localport

HV=xe-xlhv-$SUF FAB=xe-xlfab-$SUF
LP=xe-xllp-$SUF LSP=xe-xllsp-$SUF EXT=xe-xlext-$SUF OUT=xe-xlout-$SUF
MACLP=00:00:00:00:00:01 MACLSP=00:00:00:00:00:02 MACDEL=00:00:00:00:00:03
MACEXT=00:00:00:00:00:04 MACEXT2=00:00:00:00:00:10 MACOUT=02:00:00:00:07:65

fabric_with_chassis "$FAB" "$HV"
vm_add "$LP" "$HV" lp $MACLP 10.0.0.1/24
vm_add "$LSP" "$HV" lsp $MACLSP 10.0.0.2/24
# lext's bare-metal host, and an outside host like the seed's ext1.
fabric_host_add "$FAB" "$EXT" fext $MACEXT 10.0.0.4/24
fabric_host_add "$FAB" "$OUT" fout $MACOUT 10.0.0.101/24
ip -n "$LP" addr add 2001::1/64 dev eth0 nodad
ip -n "$EXT" addr add 2001::4/64 dev eth0 nodad

ctl chassis-add hv1 geneve 192.0.2.1 \
	-- chassis-set-bridge-mappings hv1 phys:phys0 -- ls-add ls \
	-- ha-chassis-group-add hagrp -- ha-chassis-group-add-chassis hagrp hv1 10 \
	-- lsp-add ls lext -- lsp-set-addresses lext "$MACEXT 10.0.0.4 2001::4" \
	-- lsp-set-type lext external -- lsp-set-ha-chassis-group lext hagrp \
	-- lsp-add ls lp -- lsp-set-type lp localport \
	-- lsp-set-addresses lp "$MACLP 10.0.0.1 2001::1" \
	-- lsp-add ls lsp -- lsp-set-addresses lsp "$MACLSP 10.0.0.2 2001::2" \
	-- lsp-add ls lext2 -- lsp-set-addresses lext2 "$MACEXT2 10.0.0.10 2001::10" \
	-- lsp-set-type lext2 external -- lsp-set-ha-chassis-group lext2 hagrp \
	-- lsp-add ls lext-deleted -- lsp-set-addresses lext-deleted "$MACDEL 10.0.0.3 2001::3" \
	-- lsp-set-type lext-deleted external -- lsp-set-ha-chassis-group lext-deleted hagrp \
	-- vif-attach hv1 lp lp -- vif-attach hv1 lsp lsp || exit 1

xovnd_start "$HV" hv1
check "xovnd applied the model with lext-deleted" wait_log hv1 'applied generation 1:' 10
ctl lsp-del lext-deleted || fail "xovnctl lsp-del lext-deleted"
check "xovnd applied the deletion" wait_log hv1 'applied generation 2:' 5
# The localnet port arrives last, as in the seed.
ctl lsp-add ls ln -- lsp-set-type ln localnet -- lsp-set-addresses ln unknown \
	-- lsp-set-options ln network_name=phys || fail "xovnctl lsp-add ln"
check "xovnd attached to the physical network" wait_log hv1 'attached xovn_vif_ingress to phys0 ' 5

# Static neighbours, as in the seed: ARP/ND is not what is tested here.
while read -r ip mac; do
	ip -n "$LP" neigh replace "$ip" lladdr "$mac" dev eth0 nud permanent
done <<EOF
10.0.0.4 $MACEXT
10.0.0.10 $MACEXT2
10.0.0.3 $MACDEL
2001::4 $MACEXT
2001::10 $MACEXT2
2001::3 $MACDEL
EOF
# lext's host has none: it asks for lp's address, and the chassis holding
# lext answers for the localport.

pcap=$E2E_TMP/fabric.txt
l2_capture_start "$FAB" fh1 "$pcap" || fail "tcpdump did not start"

echo "lp reaches the external ports held here"
check "lp -> lext 10.0.0.4, answered by its host" ping_ok "$LP" 10.0.0.4 2
check "lp -> lext 2001::4, answered by its host" ping_ok "$LP" 2001::4 2
check "lext's host resolved lp over ARP" test "$(neigh_mac "$EXT" 10.0.0.1)" = $MACLP
check "and over ND" test "$(ip -n "$EXT" -6 neigh show 2001::1 dev eth0 | awk '{ print $3 }')" = $MACLP
ping_none "$LP" 10.0.0.10 # lext2 has no host: only the capture can tell
ping_none "$LP" 2001::10
echo "a deleted external port is not reachable"
check "lp -> 10.0.0.3 (lext-deleted) gets nothing" ping_none "$LP" 10.0.0.3
check "lp -> 2001::3 (lext-deleted) gets nothing" ping_none "$LP" 2001::3
check "lp -> 10.0.0.101 (no port) gets nothing" ping_none "$LP" 10.0.0.101
capture_stop "$CAPTURE_PID"
sed 's/^/    /' "$pcap" | grep -i "$MACLP" | head -n 6

seen() { grep -qE "$MACLP > $1, .*$2 > $3: ICMP6?,? echo request" "$pcap"; }
check "lp's echo to 10.0.0.4 on the physical network" seen $MACEXT 10.0.0.1 10.0.0.4
check "lp's echo to 10.0.0.10 on the physical network" seen $MACEXT2 10.0.0.1 10.0.0.10
check "lp's echo to 2001::4 on the physical network" seen $MACEXT 2001::1 2001::4
check "lp's echo to 2001::10 on the physical network" seen $MACEXT2 2001::1 2001::10
check "nothing to lext-deleted's MAC" bash -c "! grep -qi '> $MACDEL' '$pcap'"
check "no broadcast or multicast from lp (ARP, ND, router solicitations)" \
	bash -c "! grep -qiE '$MACLP > (ff:ff:ff:ff:ff:ff|33:33:|01:00:5e:)' '$pcap'"
check "lp sent nothing to any other MAC" \
	bash -c "! grep -i '$MACLP > ' '$pcap' | grep -qviE '> ($MACEXT|$MACEXT2),'"

echo "an external port this chassis no longer holds is not reachable"
ctl ha-chassis-group-remove-chassis hagrp hv1 || fail "xovnctl remove hv1 from hagrp"
check "lp -> lext cut within a second" until_ok 1 one_lost "$LP" 10.0.0.4
check "and stays cut" ping_none "$LP" 10.0.0.4
check "over IPv6 too" ping_none "$LP" 2001::4

e2e_end
