#!/usr/bin/env bash
# control.sh - xovnd and xovnctl on a big model, in a chassis namespace of
# our own: time to apply a model from empty (xovnd --once, fresh pins each
# time), reaction to one xovnctl edit, and xovnctl's own latency.
#
#   bench/control.sh PORTS REPS     (rows on stdout, progress on stderr)
#
# Rows:  once PORTS REP NS
#        oncephase PORTS REP PHASE NS   xovnd -v's own phase timings of that run
#                                       (reload, compile, bpf-load, bpf-wait, start, apply, total, stop)
#        show PORTS REP NS              `xovnctl show` on PORTS and on PORTS/10
#                                       ports, alternating, for its growth
#        and the "react" rows of bench_reaction.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORTS=${1:?ports}
REPS=${2:-5}
SUF=$$
NS=xbc-$SUF
PIN=/sys/fs/bpf/xovn-bench-$SUF
TMP=$(mktemp -d /tmp/xovn-bench-ctl.XXXXXX)
DB=$TMP/nb.json
XOVND_PID=

xovnd_in_ns() { nsenter --net="/run/netns/$NS" "$ROOT/build/xovnd" --chassis hv1 --db "$DB" "$@"; }

cleanup() {
	if [ -n "$XOVND_PID" ]; then
		kill "$XOVND_PID" 2>/dev/null
		wait "$XOVND_PID" 2>/dev/null
	fi
	[ -e "/run/netns/$NS" ] && xovnd_in_ns --pin-dir "$PIN" --cleanup >/dev/null 2>&1
	rm -rf "$PIN" "$TMP"
	ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
ip netns add "$NS" || exit 1
ip -n "$NS" link set lo up
# v0 of switch bench is local, so the switch (and remote r1) is in hv1's maps.
ip -n "$NS" link add bv0 type veth peer name bv0p
ip -n "$NS" link set bv0 up
ip -n "$NS" link set bv0p up
"$ROOT/build/bench/bench_ctlplane" --write-model "$PORTS" "$DB" || exit 1

now() { date +%s%N; }

for rep in $(seq 0 $((${ONCE_REPS:-$REPS} - 1))); do
	t0=$(now)
	xovnd_in_ns --pin-dir "$PIN" --once -v >"$TMP/once.log" 2>&1 || {
		echo "control: xovnd --once failed:" >&2; tail -5 "$TMP/once.log" >&2; exit 1; }
	t1=$(now)
	printf 'once\t%s\t%s\t%s\n' "$PORTS" "$rep" $((t1 - t0))
	# "xovnd[hv1]: phase NAME MS ms" -> a row in nanoseconds.
	awk -v ports="$PORTS" -v rep="$rep" '$2 == "phase" && $5 == "ms" {
		printf "oncephase\t%s\t%s\t%s\t%.0f\n", ports, rep, $3, $4 * 1e6 }' "$TMP/once.log"
	xovnd_in_ns --pin-dir "$PIN" --cleanup >/dev/null 2>&1
	rm -rf "$PIN"
done

# `xovnctl show` on a model a tenth the size, alternating which goes first.
SMALL=$((PORTS / 10))
"$ROOT/build/bench/bench_ctlplane" --write-model "$SMALL" "$TMP/small.json" || exit 1
show_once() { # PORTS DB
	local t0
	t0=$(now)
	"$ROOT/build/xovnctl" --db "$2" show >/dev/null || { echo "control: show failed" >&2; exit 1; }
	printf 'show\t%s\t%s\t%s\n' "$1" "$rep" $(($(now) - t0))
}
for rep in $(seq 0 $((REPS - 1))); do
	if [ $((rep % 2)) = 0 ]; then
		show_once "$SMALL" "$TMP/small.json"; show_once "$PORTS" "$DB"
	else
		show_once "$PORTS" "$DB"; show_once "$SMALL" "$TMP/small.json"
	fi
done

# Two writes first, for a db as xovnctl leaves it: the generated one has no
# row UUIDs (the first write gives every row one, and its journal record is
# the whole db), no DB.index, and the second write compacts that record away.
for _ in 1 2; do
	"$ROOT/build/xovnctl" --db "$DB" lsp-set-addresses r1 "02:00:00:00:01:06 10.1.0.6" || exit 1
done
nsenter --net="/run/netns/$NS" "$ROOT/build/xovnd" --chassis hv1 --db "$DB" --pin-dir "$PIN" >"$TMP/xovnd.log" 2>&1 &
XOVND_PID=$!
"$ROOT/build/bench/bench_reaction" --xovnctl "$ROOT/build/xovnctl" --db "$DB" \
	--pin-dir "$PIN" --ports "$PORTS" --reps "$REPS" || {
	echo "control: reaction benchmark failed; xovnd said:" >&2
	tail -5 "$TMP/xovnd.log" >&2
	exit 1
}
