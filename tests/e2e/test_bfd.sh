#!/usr/bin/env bash
# BFD between the two chassis of an HA chassis group {hv1:30, hv2:20}
# serving an external port (a bare-metal host on the physical network).
# The session comes Up through the Geneve tunnel; cutting hv1's underlay
# makes hv2 declare hv1 down within a second and take the external port
# (hv2 answers the host's ARP for the router, which it dropped as "not
# held" before); the underlay back, the session comes Up and hv1 holds the
# port again.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin bfd

HV1=xe-bfhv1-$SUF HV2=xe-bfhv2-$SUF FAB=xe-bffab-$SUF EXT=xe-bfext-$SUF
MACEXT=02:00:00:00:0f:04 MACRP=02:00:00:00:0f:fe RP4=10.6.0.1

two_chassis_add "$HV1" 192.0.2.1 "$HV2" 192.0.2.2
fabric_add "$FAB"
fabric_plug "$FAB" "$HV1" phys0 fh1
fabric_plug "$FAB" "$HV2" phys0 fh2
fabric_host_add "$FAB" "$EXT" fext $MACEXT 10.6.0.4/24

# The physical network "phys" on both chassis; on it the router address and
# lext, an external port served by the group {hv1: 30, hv2: 20}.
encap_args 192.0.2.1 192.0.2.2
GROUP=(ha-chassis-group-add hagrp -- ha-chassis-group-add-chassis hagrp hv1 30
	-- ha-chassis-group-add-chassis hagrp hv2 20)
PORTS=(ls-add ls -- lsp-add ls ln -- lsp-set-type ln localnet -- lsp-set-addresses ln unknown
	-- lsp-set-options ln network_name=phys -- lsp-add ls rp -- lsp-set-type rp router
	-- lsp-set-addresses rp "$MACRP $RP4" -- lsp-add ls lext -- lsp-set-type lext external
	-- lsp-set-addresses lext "$MACEXT 10.6.0.4" -- lsp-set-ha-chassis-group lext hagrp)
ctl "${ENCAP_ARGS[@]}" -- chassis-set-bridge-mappings hv1 phys:phys0 \
	-- chassis-set-bridge-mappings hv2 phys:phys0 -- "${GROUP[@]}" -- "${PORTS[@]}" || exit 1

# bfd_field CHASSIS PEER FIELD: a field of CHASSIS' session with PEER (bfd-show --json).
bfd_field() {
	ctl bfd-show --chassis "$1" --pin-dir "$E2E_PIN_ROOT/$1" --json 2>/dev/null |
		jq -r --arg p "$2" --arg f "$3" '.[] | select(.chassis == $p) | .[$f]' 2>/dev/null
}

# wait_state CHASSIS PEER STATE: prints the milliseconds from now until
# CHASSIS' session with PEER entered STATE (polled every 20 ms; the time
# the session records for its change, so not the polling's), "never"
# after 3 s.
wait_state() {
	local t0 now since; t0=$(date +%s%N)
	while [ "$(bfd_field "$1" "$2" state)" != "$3" ]; do
		now=$(date +%s%N)
		[ $(( (now - t0) / 1000000 )) -lt 3000 ] || { echo never; return 1; }
		sleep 0.02
	done
	since=$(bfd_field "$1" "$2" since_ms)
	now=$(( ($(date +%s%N) - t0) / 1000000 - since ))
	echo $(( now > 0 ? now : 0 ))   # 0: it had changed before the first look
}

within_a_second() { [ "$1" != never ] && [ "$1" -le 1000 ]; }

# answered_by CHASSIS: the host resolves the router address and CHASSIS'
# fabric port carries an ARP reply for it.
answered_by() {
	local port=fh1 cap=$E2E_TMP/arp.$RANDOM
	[ "$1" = hv2 ] && port=fh2
	l2_capture_start "$FAB" $port "$cap" -Q in arp || return 1
	local pid=$CAPTURE_PID
	ip -n "$EXT" neigh flush dev eth0
	ip netns exec "$EXT" ping -q -c 1 -W 0.5 $RP4 >/dev/null 2>&1
	capture_stop $pid
	grep -q "Reply $RP4 is-at $MACRP" "$cap"
}

# not_held_by CHASSIS: CHASSIS drops the host's ARP for the router as not held.
not_held_by() {
	local before; before=$(drop_count "$1" external-not-held)
	ip -n "$EXT" neigh flush dev eth0
	ip netns exec "$EXT" ping -q -c 1 -W 0.3 $RP4 >/dev/null 2>&1
	[ "$(drop_count "$1" external-not-held)" -gt "$before" ] 2>/dev/null
}

"$XOVND" --chassis hv1 --db "$DB" --bfd-mult 0 >"$E2E_TMP/bad-mult.out" 2>&1
check "xovnd refuses --bfd-mult 0, saying why" \
	grep -q -- "--bfd-mult must be a whole number from 1 to 255: 0" "$E2E_TMP/bad-mult.out"

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2 --metrics 127.0.0.1:9464
check "hv1 runs a session with hv2" wait_log hv1 'BFD: session with hv2 ' 10
check "hv2 runs a session with hv1" wait_log hv2 'BFD: session with hv1 ' 10

ms1=$(wait_state hv1 hv2 up); ms2=$(wait_state hv2 hv1 up)
echo "    sessions Up: hv1 after $ms1 ms, hv2 after $ms2 ms (from both logs saying they started)"
check "hv1 sees hv2 Up within a second" within_a_second "$ms1"
check "hv2 sees hv1 Up within a second" within_a_second "$ms2"
detect_is() { [ "$(bfd_field hv2 hv1 detect_ms)" = "$1" ]; }
# Until hv1's first packet once Up it is 3 x 1 s; the record follows within a second.
check "detection time 3 x 200 ms" until_ok 2 detect_is 600
check "hv1 (30) holds lext: hv2 drops the host's ARP" until_ok 3 not_held_by hv2
check "hv1 answers it" answered_by hv1

echo "cutting hv1's underlay"
t0=$(date +%s%N)
ip -n "$HV1" link set ul0 down
ms=$(wait_state hv2 hv1 down)
echo "    hv2 declared hv1 down after $ms ms"
check "within a second" within_a_second "$ms"
check "for lack of packets" test "$(bfd_field hv2 hv1 diag)" = control-detection-time-expired
check "and applies it" test "$(bfd_field hv2 hv1 liveness)" = down
check "hv2 now answers the host for lext" until_ok 3 answered_by hv2
check "stats show the session" test \
	"$(ctl stats --chassis hv2 --pin-dir "$E2E_PIN_ROOT/hv2" --json | jq -r '.bfd[0].flaps')" = 1
check "metrics show it down, one flap" sh -c "nsenter --net=/run/netns/$HV2 \
	curl -sf --max-time 5 http://127.0.0.1:9464/metrics | grep -c \
	-e '^xovn_bfd_session_state{chassis=\"hv2\",peer=\"hv1\"} 1\$' \
	-e '^xovn_bfd_session_flaps_total{chassis=\"hv2\",peer=\"hv1\"} 1\$' | grep -qx 2"

echo "hv1's underlay back"
ip -n "$HV1" link set ul0 up
ms=$(wait_state hv2 hv1 up)
echo "    hv2 sees hv1 Up again after $ms ms"
check "the session comes back Up" test "$ms" != never
check "failback: hv2 drops the host's ARP as not held again" until_ok 3 not_held_by hv2
check "hv1 answers it" answered_by hv1
ctl bfd-show --chassis hv2 --pin-dir "$E2E_PIN_ROOT/hv2" | sed 's/^/    /'

e2e_end
