#!/usr/bin/env bash
# cp_only.sh - the control-plane part of `make bench` alone: the phase
# timings (bench_ctlplane), xovnd/xovnctl on a big model (control.sh) and
# one xovnctl write (cp_write.sh); docs/BENCHMARKS.md is then rendered from
# these rows in place of the control-plane rows of the last full run
# (build/bench/results.tsv), by bench/report_cp.py.
#
#   bench/cp_only.sh            same sizes and repetitions as the full run
#   BENCH_QUICK=1 bench/cp_only.sh
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=build/bench
RESULTS=$OUT/results_cp.tsv

if ! command -v gnuplot >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q gnuplot-nox >/dev/null
fi
make -s -f bench/Makefile "$OUT/bench_ctlplane" "$OUT/bench_reaction"
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf

if [ "${BENCH_QUICK:-0}" = 1 ]; then
	SIZES=21,1000 REPS=5 CP_PORTS=1000 CPW_REPS=5 MODE=quick
else
	SIZES=21,1000,10000,100000 REPS=5 CP_PORTS=100000 CPW_REPS=10 MODE=full
fi

start=$(date +%s)
: >"$RESULTS"
# How busy the shared machine was: the wall times below move with it.
printf 'meta\tdate\t%s\nmeta\tloadavg_start\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" \
	"$(cut -d' ' -f1 /proc/loadavg)" >>"$RESULTS"
echo "bench: control plane, models of $SIZES ports" >&2
$OUT/bench_ctlplane --sizes "$SIZES" --reps $REPS >>"$RESULTS"
echo "bench: xovnd and xovnctl on a $CP_PORTS-port model" >&2
bench/control.sh $CP_PORTS $REPS >>"$RESULTS"
echo "bench: one xovnctl write on a $CP_PORTS-port db" >&2
bench/cp_write.sh $CP_PORTS $CPW_REPS >>"$RESULTS" ||
	printf 'note\tcpwrite\t%s\n' "bench/cp_write.sh failed (exit status $?)" >>"$RESULTS"
printf 'meta\telapsed_s\t%s\nmeta\tmode\t%s\n' $(($(date +%s) - start)) "$MODE" >>"$RESULTS"
python3 bench/report_cp.py "$RESULTS" $OUT/results.tsv docs/BENCHMARKS.md docs/bench
echo "bench: docs/BENCHMARKS.md rendered with new control-plane rows in $(($(date +%s) - start)) s" >&2
