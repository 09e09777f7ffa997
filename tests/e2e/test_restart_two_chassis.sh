#!/usr/bin/env bash
# Hitless restart across chassis: vm1 on hv1 pings vm2 on hv2 through Geneve
# every 10 ms for 5 s while xovnd is restarted on both chassis; not one echo
# may be lost.  Then an upgrade guard: a pinned map whose layout is not the
# one this build expects is refused, never silently recreated.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin restart2

HV1=xe-r2hv1-$SUF HV2=xe-r2hv2-$SUF VM1=xe-r2vm1-$SUF VM2=xe-r2vm2-$SUF
MAC1=02:00:00:00:0b:01 MAC2=02:00:00:00:0b:02
UL1=192.168.79.1 UL2=192.168.79.2

two_chassis_pair "$HV1" $UL1 "$HV2" $UL2 "$VM1" $MAC1 10.11.0.1 "$VM2" $MAC2 10.11.0.2 || exit 1

xovnd_start "$HV1" hv1
PID1=$XOVND_PID
xovnd_start "$HV2" hv2
PID2=$XOVND_PID
check "hv1 attached its VIF" wait_log hv1 'attached xovn_vif_ingress to vif1' 10
check "hv2 attached its VIF" wait_log hv2 'attached xovn_vif_ingress to vif2' 10
check "vm1 (hv1) -> vm2 (hv2) before the restart" until_ok 5 ping_ok "$VM1" 10.11.0.2

echo "restart both chassis under traffic"
steady_ping_start "$VM1" 10.11.0.2 500 12
xovnd_stop "$PID1"
xovnd_start "$HV1" hv1
sleep 0.5
xovnd_stop "$PID2"
xovnd_start "$HV2" hv2
check "hv1's new xovnd reused the maps and wrote nothing" \
	wait_log hv1 'applied generation [0-9]+: \+0 -0 entries' 5
check "hv2's new xovnd reused the maps and wrote nothing" \
	wait_log hv2 'applied generation [0-9]+: \+0 -0 entries' 5
steady_ping_wait
check "500 of 500 echoes answered while both chassis restarted" test "${PING_RECEIVED:-0}" -eq 500

echo "a pinned map of another layout is refused, not recreated"
bad_pin=$E2E_PIN_ROOT/old-layout
mkdir -p "$bad_pin"
# An xovn_fdb_v2 as an older layout might have left it: other key and value sizes.
bpftool map create "$bad_pin/xovn_fdb_v2" type hash key 4 value 4 entries 16 name xovn_fdb_v2 \
	|| fail "bpftool could not create the old-layout pin"
old_id=$(bpftool -j map show pinned "$bad_pin/xovn_fdb_v2" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
nsenter --net="/run/netns/$HV1" "$XOVND" --chassis hv1 --db "$DB" --pin-dir "$bad_pin" \
	--once >"$E2E_TMP/old-layout.log" 2>&1
check "xovnd --once exits non-zero" test $? -ne 0
check "and says it cannot load against those pins" grep -q 'cannot load' "$E2E_TMP/old-layout.log"
new_id=$(bpftool -j map show pinned "$bad_pin/xovn_fdb_v2" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
check "the old pin is still the same map (id $old_id)" test -n "$old_id" -a "$old_id" = "$new_id"
check "traffic on the running datapath is untouched" ping_ok "$VM1" 10.11.0.2

e2e_end
