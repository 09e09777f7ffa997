#!/usr/bin/env bash
# A localport (one metadata-service address shared by every chassis) with an
# instance on each of two chassis: every VM reaches the instance on its own
# chassis and never the other, nothing of it crosses the underlay, and the
# localport itself reaches only ports on its own chassis.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin localport

HV1=xe-lhv1-$SUF HV2=xe-lhv2-$SUF
VM1=xe-lvm1-$SUF VM2=xe-lvm2-$SUF MD1=xe-lmd1-$SUF MD2=xe-lmd2-$SUF
MAC1=02:00:00:00:05:01 MAC2=02:00:00:00:05:02 MACMD=02:00:00:00:05:fe
UL1=192.168.78.1 UL2=192.168.78.2

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
vm_add "$VM1" "$HV1" vif1 $MAC1 10.3.0.1/24
vm_add "$VM2" "$HV2" vif2 $MAC2 10.3.0.2/24
vm_add "$MD1" "$HV1" md $MACMD 10.3.0.254/24
vm_add "$MD2" "$HV2" md $MACMD 10.3.0.254/24

encap_args $UL1 $UL2
ctl ls-add ls1 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.3.0.1" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.3.0.2" \
	-- lsp-add ls1 meta -- lsp-set-type meta localport \
	-- lsp-set-addresses meta "$MACMD 10.3.0.254" \
	-- "${ENCAP_ARGS[@]}" \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv2 vif2 p2 \
	-- vif-attach hv1 md meta -- vif-attach hv2 md meta || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached its metadata instance" wait_log hv1 'attached xovn_vif_ingress to md' 10
check "hv2 attached its metadata instance" wait_log hv2 'attached xovn_vif_ingress to md' 10
check "the switch works across chassis" ping_ok "$VM1" 10.3.0.2

# Echo requests a namespace's kernel answered (per-namespace /proc/net/snmp).
in_echos() {
	ip netns exec "$1" awk '/^Icmp:/ {
		if (!h) { for (i = 2; i <= NF; i++) if ($i == "InEchos") col = i; h = 1; next }
		print $col; exit }' /proc/net/snmp
}

echo "each VM reaches the metadata instance of its own chassis"
pcap=$E2E_TMP/underlay.txt
timeout 10 nsenter --net="/run/netns/$HV1" tcpdump -l -e -nn -i ul0 udp port 6081 \
	>"$pcap" 2>"$pcap.err" &
dump_pid=$!
E2E_PIDS+=("$dump_pid")
until_ok 5 grep -q 'listening on' "$pcap.err" || fail "tcpdump did not start"
md1_before=$(in_echos "$MD1") md2_before=$(in_echos "$MD2")
check "vm1 (hv1) -> metadata" ping_ok "$VM1" 10.3.0.254 3
check "vm2 (hv2) -> metadata" ping_ok "$VM2" 10.3.0.254 4
md1_got=$(( $(in_echos "$MD1") - md1_before )) md2_got=$(( $(in_echos "$MD2") - md2_before ))
echo "    echo requests: hv1's instance $md1_got, hv2's instance $md2_got"
check "hv1's instance answered exactly vm1's 3 echoes" test "$md1_got" -eq 3
check "hv2's instance answered exactly vm2's 4 echoes" test "$md2_got" -eq 4
ping_ok "$VM1" 10.3.0.2 1 # a frame the capture must show, to prove it sees inner headers
check "both VMs resolved the shared MAC" \
	test "$(neigh_mac "$VM1" 10.3.0.254)" = $MACMD -a "$(neigh_mac "$VM2" 10.3.0.254)" = $MACMD
wait "$dump_pid" 2>/dev/null
# VMs' own floods (IPv6 router solicitations, say) may cross; nothing to or
# from the metadata address or MAC may.
check "the capture shows tunneled VM traffic (vm1 -> vm2)" grep -q '10\.3\.0\.2[^0-9]' "$pcap"
check "no localport traffic crossed the underlay" \
	bash -c "! grep -qiE '10\.3\.0\.254|$MACMD' '$pcap'"

echo "the localport reaches its own chassis only"
check "hv1's instance -> vm1 (same chassis)" ping_ok "$MD1" 10.3.0.1
check "hv1's instance -> vm2 (other chassis) is not delivered" ping_none "$MD1" 10.3.0.2
check "hv2's instance -> vm2 (same chassis)" ping_ok "$MD2" 10.3.0.2
check "hv2's instance -> vm1 (other chassis) is not delivered" ping_none "$MD2" 10.3.0.1

e2e_end
