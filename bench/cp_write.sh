#!/usr/bin/env bash
# cp_write.sh - one xovnctl write on a big db, end to end (process start to
# exit, wall time): `lsp-set-addresses` on a different port each time,
# beside, in the same repetition, the process alone (`--help`), a read
# (`lsp-get-addresses`) and the same kind of write through the full path
# (XOVN_CTL_FULL_WRITES=1: the whole db read and validated).  The db is
# bench_ctlplane's model, made a db as xovnctl leaves it first (row UUIDs,
# DB.index, a journal of its own records).  A write that compacts the db
# (the journal reached its share) is counted apart: it rewrites the file.
#
#   bench/cp_write.sh [PORTS] [REPS]     rows on stdout:
#     cpwrite PORTS REP start|read|write|full_write|compacting NS
#   (start: `xovnctl --help`, the process alone, nothing read)
#   and a summary on stderr: medians (min-max) and write / read per repetition.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORTS=${1:-100000}
REPS=${2:-15}
TMP=$(mktemp -d /tmp/xovn-bench-cpw.XXXXXX)
DB=$TMP/nb.json
trap 'rm -rf "$TMP"' EXIT
CTL="$ROOT/build/xovnctl --db $DB"

make -s -f "$ROOT/bench/Makefile" -C "$ROOT" build/bench/bench_ctlplane
"$ROOT/build/bench/bench_ctlplane" --write-model "$PORTS" "$DB" >/dev/null
# As in control.sh: two writes make it a db as xovnctl leaves it.
$CTL lsp-set-addresses r1 "02:00:00:00:01:06 10.1.0.6"
$CTL lsp-set-addresses r1 "02:00:00:00:01:06 10.1.0.6"

now() { date +%s%N; }
file_id() { stat -c '%i %s %Y' "$DB"; }
# write_once KIND PORT REP LAST_BYTE: one timed write, "compacting" if it rewrote the db file.
write_once() {
	local before t0 t1 kind=$1
	before=$(file_id)
	t0=$(now)
	$CTL lsp-set-addresses "$2" "$(printf '0a:ee:00:%02x:%02x:%02x' "$4" $(($3 / 256)) $(($3 % 256)))"
	t1=$(now)
	[ "$(file_id)" = "$before" ] || kind=compacting
	printf 'cpwrite\t%s\t%s\t%s\t%s\n' "$PORTS" "$3" "$kind" $((t1 - t0))
}
# The f-ls switches hold ports f0, f1, ...: spread the writes over them.
for rep in $(seq 0 $((REPS - 1))); do
	port=f$((rep * 997 % (PORTS / 2)))
	t0=$(now)
	$CTL --help >/dev/null
	printf 'cpwrite\t%s\t%s\tstart\t%s\n' "$PORTS" "$rep" $(($(now) - t0))
	t0=$(now)
	$CTL lsp-get-addresses "$port" >/dev/null
	printf 'cpwrite\t%s\t%s\tread\t%s\n' "$PORTS" "$rep" $(($(now) - t0))
	write_once write "$port" "$rep" 0
	XOVN_CTL_FULL_WRITES=1 write_once full_write "$port" "$rep" 1
done | tee "$TMP/rows"
python3 - "$TMP/rows" >&2 <<'PY'
import statistics, sys
rows = [l.split('\t') for l in open(sys.argv[1])]
ms = {}
for r in rows:
    ms.setdefault(r[3], {})[int(r[2])] = int(r[4]) / 1e6
for kind, v in ms.items():
    x = list(v.values())
    print(f"{kind}: {len(x)} runs, median {statistics.median(x):.1f} ms "
          f"({min(x):.1f}-{max(x):.1f})")
ratio = [ms['write'][k] / ms['read'][k] for k in ms.get('write', {}) if k in ms['read']]
if ratio:
    print(f"write / read, same repetition: median {statistics.median(ratio):.3f} "
          f"({min(ratio):.3f}-{max(ratio):.3f})")
PY
