#!/usr/bin/env bash
# Path MTU discovery across the tunnel, through a logical router.
#
# A bare-metal host on hv1's physical segment (an l2gateway port, so its
# 1500-byte MTU is not lowered the way xovnd lowers VIFs) reaches a VM on
# hv2 through lr1 (the gateway port lists the host's addresses, so that
# hv2, where the VM's replies are routed, knows its MAC).  The underlay's
# 1500 bytes leave 1442 for the inner IP packet: a bigger packet gets ICMP
# "fragmentation needed" (IPv4) / "packet too big" (IPv6) from lr1's port
# on the host's network, the host's PMTU cache takes the MTU, a ping that
# fits goes through, and a TCP transfer with segmentation offloads off (so
# the host's stack must follow the path MTU) completes.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/router_pair.sh"
e2e_begin pmtu
HV1=xp-hv1-$SUF HV2=xp-hv2-$SUF HOST=xp-host-$SUF VM=xp-vm-$SUF
UL1=192.168.86.1 UL2=192.168.86.2 HOSTMAC=02:00:00:00:86:64 VMMAC=02:00:00:00:86:02

two_chassis_add "$HV1" $UL1 "$HV2" $UL2
vm_add "$HOST" "$HV1" gw0 $HOSTMAC 10.86.1.100/24
vm_add "$VM" "$HV2" vif1 $VMMAC 10.86.2.2/24
ip -n "$VM" addr add 10.86.2.3/24 dev eth0   # for TCP: no path MTU learned for it yet
# The VM keeps 1500 (only its host side is lowered), so its SYN-ACK lets the
# host send 1460-byte segments: the host's TCP must learn the path MTU.
ip -n "$HOST" route add default via 10.86.1.1
ip -n "$VM" route add default via 10.86.2.1
for ns in "$HOST" "$VM"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.eth0.accept_dad=0
done
ip -n "$HOST" -6 addr add fd86:1::100/64 dev eth0 nodad
ip -n "$HOST" -6 route add default via fd86:1::1
ip -n "$VM" -6 addr add fd86:2::2/64 dev eth0 nodad
ip -n "$VM" -6 route add default via fd86:2::1

encap_args $UL1 $UL2
router_pair_args "10.86.1.1/24 fd86:1::1/64" "10.86.2.1/24 fd86:2::1/64"
ctl "${ENCAP_ARGS[@]}" -- "${ROUTER_ARGS[@]}" -- chassis-set-bridge-mappings hv1 seg:gw0 \
	-- lsp-add ls1 gw -- lsp-set-type gw l2gateway \
	-- lsp-set-addresses gw unknown "$HOSTMAC 10.86.1.100 fd86:1::100" \
	-- lsp-set-options gw network_name=seg l2gateway-chassis=hv1 \
	-- lsp-add ls2 vm -- lsp-set-addresses vm "$VMMAC 10.86.2.2 10.86.2.3 fd86:2::2" \
	-- vif-attach hv2 vif1 vm || exit 1

for ch in "$HV1 hv1 gw0" "$HV2 hv2 vif1"; do
	set -- $ch
	xovnd_start "$1" "$2"
	check "$2 attached $3" wait_log "$2" "attached xovn_vif_ingress to $3 " 10
done
check "the host's MTU stays 1500" test "$(ip -n "$HOST" -o link show eth0 | sed -n 's/.* mtu \([0-9]*\) .*/\1/p')" = 1500

check "host -> vm across lr1 and the tunnel" until_ok 10 one_ping "$HOST" 10.86.2.2

echo "IPv4"
big=$(ip netns exec "$HOST" ping -n -c 1 -W 1 -M do -s 1472 10.86.2.2 2>&1)
echo "$big" | sed -n 2p | sed 's/^/    /'
check "a 1500-byte DF ping gets frag needed, mtu 1442, from lr1 10.86.1.1" \
	grep -qE '^From 10\.86\.1\.1 .*[Ff]rag needed and DF set \(mtu = 1442\)' <<<"$big"
check "the host's PMTU cache says 1442" \
	grep -q 'mtu 1442' <<<"$(ip -n "$HOST" route get 10.86.2.2)"
check "a ping of 1442 bytes goes through" ping_ok "$HOST" 10.86.2.2 2
check "hv1 counted the error sent" test "$(drop_count hv1 mtu-icmp-sent)" -ge 1

echo "IPv6"
big6=$(ip netns exec "$HOST" ping -n -c 1 -W 1 -s 1452 fd86:2::2 2>&1)
echo "$big6" | sed -n 2p | sed 's/^/    /'
check "a 1500-byte IPv6 ping gets packet too big, mtu 1442, from lr1 fd86:1::1" \
	grep -qE '^From fd86:1::1 .*[Pp]acket too big: mtu=1442' <<<"$big6"
check "the host's IPv6 PMTU cache says 1442" \
	grep -q 'mtu 1442' <<<"$(ip -n "$HOST" -6 route get fd86:2::2)"
check "an IPv6 ping of 1442 bytes goes through" ping_ok "$HOST" fd86:2::2 2

echo "TCP, host -> vm, segmentation offloads off on the host"
ip netns exec "$HOST" ethtool -K eth0 tso off gso off >/dev/null 2>&1
sent=$(drop_count hv1 mtu-icmp-sent)
ip netns exec "$VM" timeout 20 iperf3 -s -1 -p 5086 >"$E2E_TMP/iperf-s.log" 2>&1 &
E2E_PIDS+=($!)
listening() { ip netns exec "$VM" ss -ltnH "sport = :5086" | grep -q 5086; }
check "the iperf3 server listens" until_ok 5 listening
check "2 MB over TCP to 10.86.2.3 across the tunnel" \
	ip netns exec "$HOST" timeout 15 iperf3 -c 10.86.2.3 -p 5086 -n 2M -M 1460
check "its 1500-byte segments got frag needed" test "$(drop_count hv1 mtu-icmp-sent)" -gt "$sent"
check "and the host's PMTU cache took 1442 for 10.86.2.3" \
	grep -q 'mtu 1442' <<<"$(ip -n "$HOST" route get 10.86.2.3)"
e2e_end
