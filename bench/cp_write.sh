#!/usr/bin/env bash
# cp_write.sh - one xovnctl write on a big db, end to end (process start to
# exit, wall time): `lsp-set-addresses` on a different port each time,
# beside a read (`lsp-get-addresses`) in the same repetition.  The db is
# bench_ctlplane's model; one write first makes it a db xovnctl has written
# (row UUIDs, DB.index).  A write that compacts the db (the journal reached
# its share) is counted apart: it rewrites the whole file.
#
#   bench/cp_write.sh [PORTS] [REPS]     rows on stdout:
#     cpwrite PORTS REP read|write|compacting NS
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORTS=${1:-100000}
REPS=${2:-40}
TMP=$(mktemp -d /tmp/xovn-bench-cpw.XXXXXX)
DB=$TMP/nb.json
trap 'rm -rf "$TMP"' EXIT
CTL="$ROOT/build/xovnctl --db $DB"

make -s -f "$ROOT/bench/Makefile" -C "$ROOT" build/bench/bench_ctlplane
"$ROOT/build/bench/bench_ctlplane" --write-model "$PORTS" "$DB" >/dev/null
$CTL lsp-set-addresses r1 "02:00:00:00:01:06 10.1.0.6"

now() { date +%s%N; }
file_id() { stat -c '%i %s %Y' "$DB"; }
# The f-ls switches hold ports f0, f1, ...: spread the writes over them.
for rep in $(seq 0 $((REPS - 1))); do
	port=f$((rep * 997 % (PORTS / 2)))
	t0=$(now)
	$CTL lsp-get-addresses "$port" >/dev/null
	printf 'cpwrite\t%s\t%s\tread\t%s\n' "$PORTS" "$rep" $(($(now) - t0))
	before=$(file_id)
	t0=$(now)
	$CTL lsp-set-addresses "$port" "$(printf '0a:ee:00:00:%02x:%02x' $((rep / 256)) $((rep % 256)))"
	t1=$(now)
	kind=write
	[ "$(file_id)" = "$before" ] || kind=compacting
	printf 'cpwrite\t%s\t%s\t%s\t%s\n' "$PORTS" "$rep" "$kind" $((t1 - t0))
done
