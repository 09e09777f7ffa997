#!/usr/bin/env bash
# An external port (a bare-metal host on the physical network) served by an
# HA chassis group {hv1:30, hv2:20}.  Both chassis see the host's ARP and NS
# for the router address; only the holder answers, the other drops them
# (external-not-held), so every request is answered exactly once.  Raising
# hv2 above hv1, or removing hv1 from the group, moves the port to hv2
# within a second.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin external-failover

HV1=xe-xfhv1-$SUF HV2=xe-xfhv2-$SUF FAB=xe-xffab-$SUF EXT=xe-xfext-$SUF VM1=xe-xfvm1-$SUF
MACEXT=02:00:00:00:0e:04 MACRP=02:00:00:00:0e:fe MACVM1=02:00:00:00:0e:01
RP4=10.5.0.1 RP6=2001:db8:5::1

fabric_with_chassis "$FAB" "$HV1" "$HV2"
fabric_host_add "$FAB" "$EXT" fext $MACEXT 10.5.0.4/24
ip -n "$EXT" addr add 2001:db8:5::4/64 dev eth0 nodad
vm_add "$VM1" "$HV1" vif1 $MACVM1 10.5.0.11/24

ctl chassis-add hv1 geneve 192.0.2.1 -- chassis-set-bridge-mappings hv1 phys:phys0 \
	-- chassis-add hv2 geneve 192.0.2.2 -- chassis-set-bridge-mappings hv2 phys:phys0 \
	-- ha-chassis-group-add hagrp \
	-- ha-chassis-group-add-chassis hagrp hv1 30 -- ha-chassis-group-add-chassis hagrp hv2 20 \
	-- ls-add ls \
	-- lsp-add ls ln -- lsp-set-type ln localnet -- lsp-set-addresses ln unknown \
	-- lsp-set-options ln network_name=phys \
	-- lsp-add ls rp -- lsp-set-type rp router -- lsp-set-addresses rp "$MACRP $RP4 $RP6" \
	-- lsp-add ls lext -- lsp-set-type lext external \
	-- lsp-set-addresses lext "$MACEXT 10.5.0.4 2001:db8:5::4" \
	-- lsp-set-ha-chassis-group lext hagrp \
	-- lsp-add ls vm1 -- lsp-set-addresses vm1 "$MACVM1 10.5.0.11" \
	-- vif-attach hv1 vif1 vm1 || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 attached to the physical network" wait_log hv1 'attached xovn_vif_ingress to phys0 ' 10
check "hv2 attached to the physical network" wait_log hv2 'attached xovn_vif_ingress to phys0 ' 10

# resolve: the host forgets the router's MAC, then asks for it once over
# ARP and once over ND (one probe each; the router port has no echo to give).
resolve() {
	ip -n "$EXT" neigh flush dev eth0
	ip netns exec "$EXT" ping -q -c 1 -W 0.5 $RP4 >/dev/null 2>&1
	ip netns exec "$EXT" ping -q -c 1 -W 0.5 $RP6 >/dev/null 2>&1
}

# answers_from NAME: resolves the router with a capture on each chassis'
# fabric port, then checks that chassis NAME answered (ARP and ND; a late
# retransmission may be answered too) and the other answered nothing but
# dropped the requests.
answers_from() {
	local want=$1 other p1=$E2E_TMP/fh1.$RANDOM p2=$E2E_TMP/fh2.$RANDOM pid1 pid2
	[ "$want" = hv1 ] && other=hv2 || other=hv1
	l2_capture_start "$FAB" fh1 "$p1" -Q in 'arp or icmp6' || return 1
	pid1=$CAPTURE_PID
	l2_capture_start "$FAB" fh2 "$p2" -Q in 'arp or icmp6' || return 1
	pid2=$CAPTURE_PID
	local drops_before; drops_before=$(drop_count $other external-not-held)
	resolve
	capture_stop $pid1
	capture_stop $pid2
	local f_want=$p1 f_other=$p2
	[ "$want" = hv2 ] && { f_want=$p2; f_other=$p1; }
	local arp_want arp_other na_want na_other
	arp_want=$(grep -c "Reply $RP4 is-at $MACRP" "$f_want")
	arp_other=$(grep -c "Reply $RP4 is-at" "$f_other")
	na_want=$(grep -c "neighbor advertisement, tgt is $RP6" "$f_want")
	na_other=$(grep -c "neighbor advertisement" "$f_other")
	local dropped=$(( $(drop_count $other external-not-held) - drops_before ))
	echo "    $want: $arp_want ARP replies, $na_want NAs; $other: $arp_other, $na_other, dropped $dropped"
	[ "$arp_want" -ge 1 ] && [ "$na_want" -ge 1 ] && [ "$arp_other" -eq 0 ] &&
		[ "$na_other" -eq 0 ] && [ "$dropped" -ge 2 ] &&
		[ "$(neigh_mac "$EXT" $RP4)" = $MACRP ]
}

# failover OLD EDIT...: runs the xovnctl edit, then probes (one ARP request
# from the host at a time) until OLD drops one as not held.  Prints the time
# from the edit to the sending of that request: an upper bound of how long
# the move took, since the request was already dropped.  "never" after 3 s.
failover() {
	local old=$1; shift
	local before t0 t_sent now
	before=$(drop_count "$old" external-not-held)
	t0=$(date +%s%N)
	ctl "$@" || { echo never; return 1; }
	while :; do
		t_sent=$(date +%s%N)
		ip -n "$EXT" neigh flush dev eth0
		ip netns exec "$EXT" ping -q -c 1 -W 0.1 $RP4 >/dev/null 2>&1
		now=$(drop_count "$old" external-not-held)
		[ "$now" != unknown ] && [ "$now" -gt "$before" ] && break
		[ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 3000 ] || { echo never; return 1; }
	done
	echo $(( (t_sent - t0) / 1000000 ))
}

within_a_second() { [ "$1" != never ] && [ "$1" -le 1000 ]; }

echo "hv1 (30) holds lext over hv2 (20)"
check "only hv1 answers lext's ARP and ND for the router" answers_from hv1

echo "raising hv2 to 40"
ms=$(failover hv1 ha-chassis-group-add-chassis hagrp hv2 40)
echo "    hv1 dropped lext's request sent $ms ms after the edit"
check "moved within a second" within_a_second "$ms"
check "only hv2 answers" answers_from hv2

echo "hv2 back to 20: hv1 holds again"
ms=$(failover hv2 ha-chassis-group-add-chassis hagrp hv2 20)
echo "    hv2 dropped lext's request sent $ms ms after the edit"
check "moved back within a second" within_a_second "$ms"
check "only hv1 answers again" answers_from hv1

echo "removing hv1 from the group"
ms=$(failover hv1 ha-chassis-group-remove-chassis hagrp hv1)
echo "    hv1 dropped lext's request sent $ms ms after the edit"
check "moved within a second" within_a_second "$ms"
check "only hv2 answers" answers_from hv2

echo "hv2, the only member left, goes down"
ms=$(failover hv2 chassis-set-state hv2 down)
echo "    hv2 dropped lext's request sent $ms ms after the edit"
check "released within a second" within_a_second "$ms"
resolve
check "nobody answers the router's address any more" test -z "$(neigh_mac "$EXT" $RP4)"
ctl chassis-set-state hv2 up || fail "xovnctl hv2 up"
check "hv2 up again: it answers" until_ok 3 answers_from hv2

echo "a VIF on a chassis that does not hold lext"
fabric=$E2E_TMP/fabric-vm1.txt hostarp=$E2E_TMP/host-arp.txt
l2_capture_start "$FAB" fh1 "$fabric" -Q in || fail "fabric tcpdump did not start"
fabric_pid=$CAPTURE_PID
l2_capture_start "$EXT" eth0 "$hostarp" -Q in arp || fail "host tcpdump did not start"
ip -n "$EXT" neigh flush dev eth0
check "lext's host -> vm1" ping_ok "$EXT" 10.5.0.11 2
check "vm1 (hv1) -> lext's host, through hv1's own localnet" ping_ok "$VM1" 10.5.0.4 2
capture_stop "$fabric_pid"
capture_stop "$CAPTURE_PID"
check "vm1's echo left through hv1's fabric port" \
	grep -qE "$MACVM1 > $MACEXT, .*10\.5\.0\.11 > 10\.5\.0\.4: ICMP echo request" "$fabric"
check "the host's ARP for vm1 was answered exactly once" \
	test "$(grep -c "Reply 10\.5\.0\.11 is-at $MACVM1" "$hostarp")" -eq 1
check "by hv1, where vm1 lives" \
	test "$(grep -c "Reply 10\.5\.0\.11 is-at $MACVM1" "$fabric")" -eq 1

e2e_end
