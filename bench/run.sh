#!/usr/bin/env bash
# run.sh - `make bench`: every benchmark, then docs/BENCHMARKS.md and its plots.
#
#   BENCH_QUICK=1 make bench    small models, short runs: a smoke test of
#                               every stage and of every section of the report
#
# Raw rows go to build/bench/results.tsv; bench/report.py turns them into
# the whole of docs/BENCHMARKS.md (median, min, max and the ratio to the
# baseline of the same run; every target, met or missed, with its floor)
# and gnuplot draws docs/bench/*.png.  The full run takes about a quarter
# of an hour on 2 CPUs; each stage's time is in the report's header.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=build/bench
RESULTS=$OUT/results.tsv

# Plots need gnuplot; it is a benchmark-only dependency, not a build one.
if ! command -v gnuplot >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q gnuplot-nox >/dev/null
fi
make -s -f bench/Makefile
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf

if [ "${BENCH_QUICK:-0}" = 1 ]; then
	SIZES=21,1000 REPS=5 REPEAT=20000 RUNS=1000 CP_PORTS=1000 TP_SECS=2 MODE=quick
	CV_CHASSIS=4 CV_PORTS=1000 CPW_REPS=5 REPORT_FLAGS=--require-all
else
	# RUNS: 20000 single runs per path and repetition.  With 5000 the
	# single-mode drift of decap and the ARP reply between 21 and 100,000
	# ports read 28-36% on a quiet machine, and 3% and -4% with 20000 in
	# the next minute: fewer warm-ups leave the large models' maps colder.
	SIZES=21,1000,10000,100000 REPS=5 REPEAT=1000000 RUNS=20000 CP_PORTS=100000 TP_SECS=10 MODE=full
	CV_CHASSIS=20 CV_PORTS=10000 CPW_REPS=10 REPORT_FLAGS=
fi

stage() { echo "bench: $*" >&2; }
# step NAME CMD...: one stage, its rows appended to the results and its
# wall time recorded as a meta row for the report's header.
step() {
	local name=$1 t0 status=0
	t0=$(date +%s)
	shift
	"$@" >>"$RESULTS" || status=$?
	printf 'meta\tstage_s:%s\t%s\n' "$name" $(($(date +%s) - t0)) >>"$RESULTS"
	return $status
}
loadavg() { cut -d' ' -f1 /proc/loadavg; }

# OVN is a comparison column, not part of xovn: when it cannot be installed or
# brought up, its reason becomes a note row for the report and the rest runs.
ovn_stage() {
	if ! bench/ovn_packages.sh; then
		printf 'note\tovn\t%s\n' "not measured: openvswitch-switch, ovn-central and ovn-host did not install"
		return 0
	fi
	local status=0
	bench/ovn_throughput.sh $TP_SECS || status=$?
	[ $status = 0 ] || grep -q "^note	ovn	" "$RESULTS" ||
		printf 'note\tovn\t%s\n' "bench/ovn_throughput.sh stopped without a reason (exit status $status)"
}

start=$(date +%s)
: >"$RESULTS"
printf 'meta\tdate\t%s\nmeta\tloadavg_start\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(loadavg)" >>"$RESULTS"
stage "per-packet cost, models of $SIZES ports"
step pktcost $OUT/bench_pktcost --sizes "$SIZES" --reps $REPS --repeat $REPEAT --runs $RUNS
stage "control plane, models of $SIZES ports"
step ctlplane $OUT/bench_ctlplane --sizes "$SIZES" --reps $REPS
stage "xovnd and xovnctl on a $CP_PORTS-port model"
step control bench/control.sh $CP_PORTS $REPS
stage "one xovnctl write on a $CP_PORTS-port db, $CPW_REPS times"
step cp_write bench/cp_write.sh $CP_PORTS $CPW_REPS ||
	printf 'note\tcpwrite\t%s\n' "bench/cp_write.sh failed (exit status $?)" >>"$RESULTS"
stage "throughput, $TP_SECS s per test"
step throughput bench/throughput.sh $TP_SECS
stage "OVN with Open vSwitch's userspace datapath, $TP_SECS s per test"
step ovn ovn_stage
stage "one ovn-nbctl change reaching $CV_CHASSIS xovnd chassis, $CV_PORTS ports"
step converge bench/ovn_convergence.sh $CV_CHASSIS $CV_PORTS $REPS ||
	printf 'note\tconverge\t%s\n' "bench/ovn_convergence.sh failed (exit status $?)" >>"$RESULTS"
# A side study of the hook choice, not a target: half the test time.
XT_SECS=$(( TP_SECS > 2 ? TP_SECS / 2 : TP_SECS ))
stage "XDP against TC, same chassis, $XT_SECS s per test"
step xdp_vs_tc bench/xdp_vs_tc.sh $XT_SECS
stage "NAT connections: conntrack kfuncs against an own hash"
step nat_ct unshare -n $OUT/nat_ct 10000 $REPS ||
	printf 'note\tnatct\t%s\n' "bench/nat_ct failed (exit status $?)" >>"$RESULTS"
stage "SNAT against nftables masquerade, $TP_SECS s per test"
TP_TOPOS=nat step snat bench/throughput.sh $TP_SECS ||
	printf 'note\tnat\t%s\n' "bench/throughput.sh (nat) failed (exit status $?)" >>"$RESULTS"
printf 'meta\telapsed_s\t%s\nmeta\tmode\t%s\nmeta\tloadavg_end\t%s\n' \
	$(($(date +%s) - start)) "$MODE" "$(loadavg)" >>"$RESULTS"

stage "report"
python3 bench/report.py "$RESULTS" docs/BENCHMARKS.md docs/bench $REPORT_FLAGS
stage "done in $(($(date +%s) - start)) s: docs/BENCHMARKS.md"
