#!/usr/bin/env bash
# xovnd under valgrind for a whole start / apply / edit / refuse a broken
# db / stop cycle, with traffic between two VMs: memcheck must report no
# definitely or indirectly lost bytes.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin valgrind

if ! command -v valgrind >/dev/null; then
	echo "valgrind is not installed (apt-get install valgrind)"
	fail "valgrind available"
	e2e_end
	exit
fi

HV=xe-vghv-$SUF VM1=xe-vg1-$SUF VM2=xe-vg2-$SUF
MAC1=02:00:00:00:0a:01 MAC2=02:00:00:00:0a:02

one_chassis_pair "$HV" "$VM1" $MAC1 10.9.0.1 "$VM2" $MAC2 10.9.0.2 || exit 1

pin=$E2E_PIN_ROOT/hv1
vglog=$E2E_TMP/valgrind.txt
nsenter --net="/run/netns/$HV" valgrind --leak-check=full \
	--show-leak-kinds=definite,indirect --log-file="$vglog" \
	"$XOVND" --chassis hv1 --db "$DB" --pin-dir "$pin" >>"$(xovnd_log hv1)" 2>&1 &
pid=$!
E2E_PIDS+=("$pid")
E2E_CHASSIS+=("$HV:$pin")

check "xovnd applies the model under valgrind" wait_log hv1 'applied generation [0-9]+: \+[1-9]' 60
check "vm1 -> vm2" until_ok 20 ping_ok "$VM1" 10.9.0.2

ctl lsp-set-addresses p2 "$MAC2 10.9.0.2 10.9.0.22" || fail "edit"
check "an edit is applied" wait_log hv1 'applied generation' 30 2

cp "$DB" "$E2E_TMP/good.json"
printf '{"version":1,"logical_switches":[{"name":"ls1","ports":[' >"$DB.tmp" && mv "$DB.tmp" "$DB"
check "a broken db is refused" wait_log hv1 'refusing' 30
check "traffic still flows on the last good model" ping_ok "$VM1" 10.9.0.2
cp "$E2E_TMP/good.json" "$DB.tmp" && mv "$DB.tmp" "$DB"

kill -TERM "$pid"
wait "$pid"
check "xovnd exits cleanly on SIGTERM under valgrind" test $? -eq 0
check "valgrind wrote its summary" grep -q 'HEAP SUMMARY' "$vglog"
check "no bytes definitely lost" grep -qE 'definitely lost: 0 bytes|All heap blocks were freed' "$vglog"
check "no bytes indirectly lost" grep -qE 'indirectly lost: 0 bytes|All heap blocks were freed' "$vglog"
grep -E 'definitely lost|indirectly lost|possibly lost|ERROR SUMMARY' "$vglog" | sed 's/^/  valgrind: /'
[ "$E2E_FAILS" -eq 0 ] || cat "$vglog"
e2e_end
