#!/usr/bin/env bash
# Seed 000, first reproducer: one chassis, a switch with a localport lp, a
# VIF lsp and a localnet port ln mapped to the physical network.  Nothing
# lp sends (ARP broadcasts, unknown unicast, pings) may appear on the
# physical network, while lsp's own traffic does go out and is answered.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin localnet-localport

HV=xe-nlhv-$SUF FAB=xe-nlfab-$SUF
LP=xe-nllp-$SUF LSP=xe-nllsp-$SUF PHYS=xe-nlph-$SUF
MACLP=00:00:00:00:00:01 MACLSP=00:00:00:00:00:02 MACPHYS=02:00:00:00:06:64

fabric_with_chassis "$FAB" "$HV"
fabric_host_add "$FAB" "$PHYS" fphys $MACPHYS 10.0.0.100/24
vm_add "$LP" "$HV" lp $MACLP 10.0.0.1/24
vm_add "$LSP" "$HV" lsp $MACLSP 10.0.0.2/24

ctl ls-add ls \
	-- lsp-add ls lp -- lsp-set-type lp localport \
	-- lsp-set-addresses lp "$MACLP 10.0.0.1" \
	-- lsp-add ls ln -- lsp-set-type ln localnet \
	-- lsp-set-addresses ln unknown -- lsp-set-options ln network_name=phys \
	-- lsp-add ls lsp -- lsp-set-addresses lsp "$MACLSP 10.0.0.2" \
	-- chassis-add hv1 geneve 192.0.2.1 \
	-- chassis-set-bridge-mappings hv1 phys:phys0 \
	-- vif-attach hv1 lp lp -- vif-attach hv1 lsp lsp || exit 1

xovnd_start "$HV" hv1
check "xovnd attached to the physical network" wait_log hv1 'attached xovn_vif_ingress to phys0' 10
check "xovnd attached lp and lsp" wait_log hv1 'attached xovn_vif_ingress to (lp|lsp) ' 5 2

pcap=$E2E_TMP/fabric.txt
l2_capture_start "$FAB" fh1 "$pcap" || fail "tcpdump did not start"

echo "lp talks to its own chassis only"
check "lp -> lsp (same chassis)" ping_ok "$LP" 10.0.0.2 3
check "lp -> a host on the physical network is not delivered" ping_none "$LP" 10.0.0.100
# A static neighbour turns lp's echo into unknown unicast: the localnet port
# takes unknown MACs, but not from a localport.
ip -n "$LP" neigh replace 10.0.0.100 lladdr $MACPHYS dev eth0 nud permanent
check "lp -> the host's MAC (unknown unicast) is not delivered" ping_none "$LP" 10.0.0.100

echo "lsp's traffic goes out"
check "lsp -> the host on the physical network" ping_ok "$LSP" 10.0.0.100 3
check "the host -> lsp" ping_ok "$PHYS" 10.0.0.2 2
capture_stop "$CAPTURE_PID"
sed 's/^/    /' "$pcap" | head -n 6

check "the capture shows lsp's ARP on the physical network" \
	grep -qE "^.*$MACLSP > ff:ff:ff:ff:ff:ff.*ARP.*Request who-has 10\.0\.0\.100" "$pcap"
check "and lsp's echo requests" grep -qE "10\.0\.0\.2 > 10\.0\.0\.100: ICMP echo request" "$pcap"
check "nothing from lp's MAC reached the physical network" bash -c "! grep -qi '$MACLP' '$pcap'"
check "nothing about lp's address either (ARP included)" \
	bash -c "! grep -qE '10\.0\.0\.1([^0-9]|\$)' '$pcap'"

e2e_end
