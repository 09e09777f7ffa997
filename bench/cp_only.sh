#!/usr/bin/env bash
# cp_only.sh - the control-plane part of `make bench` alone: the phase
# timings (bench_ctlplane) and xovnd/xovnctl on a big model (control.sh),
# then section 4 of docs/BENCHMARKS.md is rewritten from them
# (bench/report_cp.py); the packet and throughput sections stay as they are.
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
	SIZES=16,1000 REPS=5 CP_PORTS=1000 MODE=quick
else
	SIZES=16,1000,10000,100000 REPS=5 CP_PORTS=100000 MODE=full
fi

start=$(date +%s)
: >"$RESULTS"
# How busy the shared machine was: the wall times below move with it.
printf 'meta\tloadavg\t%s\n' "$(cut -d' ' -f1 /proc/loadavg)" >>"$RESULTS"
echo "bench: control plane, models of $SIZES ports" >&2
$OUT/bench_ctlplane --sizes "$SIZES" --reps $REPS >>"$RESULTS"
echo "bench: xovnd and xovnctl on a $CP_PORTS-port model" >&2
bench/control.sh $CP_PORTS $REPS >>"$RESULTS"
printf 'meta\telapsed_s\t%s\nmeta\tmode\t%s\n' $(($(date +%s) - start)) "$MODE" >>"$RESULTS"
python3 bench/report_cp.py "$RESULTS" docs/BENCHMARKS.md docs/bench
echo "bench: section 4 of docs/BENCHMARKS.md rewritten in $(($(date +%s) - start)) s" >&2
