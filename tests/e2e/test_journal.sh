#!/usr/bin/env bash
# xovnd follows xovnctl's journal: a write is applied by compiling only the
# switches it changed, and the maps end up exactly as a full read would make
# them (a restarted xovnd on the same pins writes nothing).  Edits the journal
# does not describe (by hand) are read whole; a damaged journal costs a full
# read, never a wrong state; a bad hand edit is refused and the last good
# state keeps forwarding.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin journal

HV=xe-jhv-$SUF VM1=xe-jvm1-$SUF VM2=xe-jvm2-$SUF
MAC1=02:00:00:00:07:01 MAC2=02:00:00:00:07:02
JOURNAL='\(journal: [0-9]+ switch(es)? compiled\)'
FULL='applied generation [0-9]+: \+[0-9]+ -[0-9]+ entries$'

# Waits until PATTERN has matched once more than it had when called with "mark".
mark() { MARK=$(log_count hv1 "$1"); }
once_more() { wait_log hv1 "$1" "${2:-10}" $((MARK + 1)); }
fdb_has() { # MAC: is it a key of xovn_fdb_v2?
	nsenter --net="/run/netns/$HV" bpftool -j map dump pinned "$E2E_PIN_ROOT/hv1/xovn_fdb_v2" |
		python3 -c 'import json, sys
want = [int(x, 16) for x in sys.argv[1].split(":")]
sys.exit(0 if any(e["formatted"]["key"]["mac"] == want for e in json.load(sys.stdin)) else 1)' "$1"
}
fdb_lacks() { ! fdb_has "$1"; }

netns_add "$HV"
vm_add "$VM1" "$HV" vif1 $MAC1 10.7.0.1/24
vm_add "$VM2" "$HV" vif2 $MAC2 10.7.0.2/24
ctl ls-add ls1 \
	-- lsp-add ls1 p1 -- lsp-set-addresses p1 "$MAC1 10.7.0.1" \
	-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$MAC2 10.7.0.2" \
	-- ls-add ls2 -- lsp-add ls2 q1 -- lsp-set-addresses q1 "02:00:00:00:07:11 10.8.0.1" \
	-- chassis-add hv1 geneve 192.0.2.1 -- chassis-add hv2 geneve 192.0.2.2 \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv1 vif2 p2 || exit 1
check "xovnctl wrote a journal record" test -s "$DB.journal"

xovnd_start "$HV" hv1
check "xovnd applies the first model" wait_log hv1 'applied generation' 60
check "vm1 -> vm2" ping_ok "$VM1" 10.7.0.2

echo "writes that change only switches are compiled switch by switch"
mark 'changes more than switches'
ctl lsp-add ls2 q2 -- lsp-set-addresses q2 "02:00:00:00:07:12 10.8.0.2" -- lsp-bind q2 hv2 ||
	fail "xovnctl lsp-add + bind"
check "a write that also binds a port is compiled whole, from memory" \
	once_more 'changes more than switches'
mark '\(journal: 1 switch compiled\)'
ctl lsp-set-addresses q1 "02:00:00:00:07:21 10.8.0.1" || fail "xovnctl set address"
check "one port's new MAC: one switch compiled, entries added and removed" \
	once_more 'applied generation [0-9]+: \+[1-9][0-9]* -[1-9][0-9]* entries \(journal: 1 switch compiled\)'
check "the new MAC is in xovn_fdb_v2" until_ok 2 fdb_has 02:00:00:00:07:21
mark "$JOURNAL"
ctl lsp-add ls1 p3 -- lsp-set-addresses p3 "02:00:00:00:07:03 10.7.0.3" \
	-- lsp-set-port-security p3 "02:00:00:00:07:03 10.7.0.3" || fail "xovnctl p3"
check "a port added to ls1" once_more "$JOURNAL"
mark "$JOURNAL"
ctl ls-add ls3 -- lsp-add ls3 r1 -- lsp-set-addresses r1 "02:00:00:00:07:31" || fail "ls3"
check "a new switch" once_more "$JOURNAL"
mark '\(journal: 0 switches compiled\)'
ctl ls-del ls3 || fail "ls-del ls3"
check "a removed switch" once_more '\(journal: 0 switches compiled\)'
check "its MAC left xovn_fdb_v2" until_ok 2 fdb_lacks 02:00:00:00:07:31
mark "$JOURNAL"
ctl lsp-set-addresses p2 "$MAC2 10.7.0.2 10.7.0.22" || fail "xovnctl give p2 a second IP"
check "p2's second IP" once_more "$JOURNAL"
check "only the start and the binding write compiled everything" \
	test "$(log_count hv1 "$FULL")" -eq 2
check "vm1 -> vm2 still forwarded" until_ok 3 ping_ok "$VM1" 10.7.0.2

echo "writes appended to the journal (the write path of a big db)"
db_file_id() { stat -c '%i %s %Y' "$DB"; }
db_file_has() { grep -q "$1" "$DB"; }
export XOVN_JOURNAL_APPEND_MIN_DB=0
before=$(db_file_id)
mark "$JOURNAL"
ctl lsp-set-addresses q1 "02:00:00:00:07:51 10.8.0.1" || fail "xovnctl appended write"
check "the db file is left as it is" test "$(db_file_id)" = "$before"
check "an appended write is compiled switch by switch" once_more "$JOURNAL"
check "the appended MAC is in xovn_fdb_v2" until_ok 2 fdb_has 02:00:00:00:07:51
mark "$JOURNAL"
ctl lsp-add ls1 p4 -- lsp-set-addresses p4 "02:00:00:00:07:04 10.7.0.4" || fail "xovnctl p4"
check "a second appended write is followed" once_more "$JOURNAL"
check "p4's MAC is in xovn_fdb_v2" until_ok 2 fdb_has 02:00:00:00:07:04
check "readers see the appended writes" \
	test "$(ctl lsp-get-addresses q1)" = "02:00:00:00:07:51 10.8.0.1"
echo "the db compacted after the write that leaves the journal at its share"
# A line no reader takes for a record brings the journal to its share.
{ head -c $((256 * 1024)) /dev/zero | tr '\0' ' '; echo; } >>"$DB.journal"
before=$(db_file_id)
db_rewritten() { [ "$(db_file_id)" != "$before" ]; }
ctl lsp-set-addresses q1 "02:00:00:00:07:52 10.8.0.1" || fail "xovnctl write at the share"
check "the db file is rewritten after the write" until_ok 10 db_rewritten
check "the journal is trimmed" test "$(stat -c %s "$DB.journal")" -lt $((128 * 1024))
check "the MAC written before the compaction is in xovn_fdb_v2" until_ok 3 fdb_has 02:00:00:00:07:52
mark "$JOURNAL"
ctl lsp-set-addresses q1 "02:00:00:00:07:53 10.8.0.1" || fail "xovnctl write after the compaction"
check "a write on the compacted db is followed" once_more "$JOURNAL"
check "its MAC is in xovn_fdb_v2" until_ok 3 fdb_has 02:00:00:00:07:53
unset XOVN_JOURNAL_APPEND_MIN_DB
mark "$JOURNAL"
ctl lsp-set-addresses p4 "02:00:00:00:07:05 10.7.0.4" || fail "xovnctl rewrite"
check "a small db's write rewrites it, the appended writes folded in" db_file_has '"p4"'
check "the rewrite is followed" once_more "$JOURNAL"
check "p4's new MAC is in xovn_fdb_v2" until_ok 2 fdb_has 02:00:00:00:07:05

echo "the maps equal a full compile of the db"
xovnd_stop "$XOVND_PID"
mark 'applied generation [0-9]+: \+0 -0 entries$'
xovnd_start "$HV" hv1
check "a fresh xovnd on the same pins writes nothing" \
	once_more 'applied generation [0-9]+: \+0 -0 entries$' 60

echo "edits the journal does not describe"
mark "$FULL"
python3 - "$DB" <<'PY' || fail "hand edit"
import json, os, sys
db = sys.argv[1]
m = json.load(open(db))
m["generation"] += 1
for sw in m["logical_switches"]:
    for p in sw["ports"]:
        if p["name"] == "q1":
            p["addresses"] = ["02:00:00:00:07:41 10.8.0.1"]
open(db + ".hand", "w").write(json.dumps(m))
os.rename(db + ".hand", db)
PY
check "a hand edit is read whole" once_more "$FULL"
check "the hand-edited MAC is in xovn_fdb_v2" until_ok 2 fdb_has 02:00:00:00:07:41
mark "$JOURNAL"
ctl lsp-set-addresses q1 "02:00:00:00:07:42 10.8.0.1" || fail "xovnctl after the hand edit"
check "records from the hand-edited file are followed" once_more "$JOURNAL"
printf 'not json\n' >"$DB.journal.x" && mv "$DB.journal.x" "$DB.journal"
mark "$FULL"
ctl lsp-set-addresses q1 "02:00:00:00:07:43 10.8.0.1" || fail "xovnctl after the damage"
check "the new MAC is in xovn_fdb_v2 despite the damaged journal" until_ok 3 fdb_has 02:00:00:00:07:43
mark 'refusing'
printf '{"garbage": 1}\n' >"$DB.x" && mv "$DB.x" "$DB"
check "a bad hand edit is refused" once_more 'refusing'
check "vm1 -> vm2 forwarded by the last good state" ping_ok "$VM1" 10.7.0.2
check "xovnd is still running" kill -0 "$XOVND_PID"
e2e_end
