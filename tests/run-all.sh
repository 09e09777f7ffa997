#!/usr/bin/env bash
# Runs every test suite of the project and prints one closing line,
# "tests: N passed, N failed", counting individual tests across suites:
#   unit      criterion: model, validator, compiler, diff, xovnctl
#   bpf       criterion: BPF_PROG_TEST_RUN packet tests on build/xovn.bpf.o's programs
#   schema    examples and invalid corpus against the JSON Schema (python3-jsonschema)
#   bench-report  bench/report.py on a small results.tsv fixture (no benchmark runs)
#   e2e       network-namespace end-to-end tests with real xovnd processes
#   unit-asan the unit suite again, userspace under ASan + UBSan (tests/sanitize.sh)
#   fuzz      every libFuzzer target for 12 s, side by side (tests/fuzz/run.sh)
# bpf runs beside e2e, and the unit-asan and fuzz builds beside the first
# suites, at the lowest priority (see start_background).
set -u
cd "$(dirname "$0")/.."
export XOVN_SRC=$PWD

passed=0
failed=0
suites_failed=()

mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf

# Adds a criterion run's "Synthesis" counts (from its output in LOG) to the
# totals: tally_criterion NAME EXIT_STATUS LOG
tally_criterion() {
	local name=$1 rc=$2 log=$3
	local line tested passing
	line=$(grep -a 'Synthesis:' "$log" | tail -n 1)
	tested=$(sed -n 's/.*Tested: \([0-9]*\).*/\1/p' <<<"$line")
	passing=$(sed -n 's/.*Passing: \([0-9]*\).*/\1/p' <<<"$line")
	rm -f "$log"
	if [ -z "$tested" ]; then
		echo "$name: no test summary (exit $rc)"
		failed=$((failed + 1)); suites_failed+=("$name"); return
	fi
	passed=$((passed + passing))
	failed=$((failed + tested - passing))
	[ "$rc" -eq 0 ] && [ "$tested" -eq "$passing" ] || suites_failed+=("$name")
}

run_criterion() {
	local name=$1 log
	shift
	local start=$SECONDS
	log=$(mktemp)
	echo "== $name"
	"$@" -j2 2>&1 | tee "$log"
	tally_criterion "$name" "${PIPESTATUS[0]}" "$log"
	echo "== $name: $((SECONDS - start)) s"
}

# Starts a command in the background at the lowest priority, its output kept
# in a log for later: it takes the CPU time the suites in the foreground
# leave idle and never delays them.  Sets bg_pid and bg_log.
start_background() {
	bg_log=$(mktemp)
	nice -n 19 "$@" >"$bg_log" 2>&1 &
	bg_pid=$!
}

# Adds a script's closing "N passed, N failed" line to the totals.
run_script() {
	local name=$1; shift
	local log start=$SECONDS
	log=$(mktemp)
	echo "== $name"
	"$@" 2>&1 | tee "$log"
	local rc=${PIPESTATUS[0]}
	local line p f
	line=$(grep -aE '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+')
	f=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')
	rm -f "$log"
	if [ -z "$p" ]; then
		echo "$name: no test summary (exit $rc)"
		failed=$((failed + 1)); suites_failed+=("$name"); return
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$rc" -eq 0 ] && [ "$f" -eq 0 ] || suites_failed+=("$name")
	echo "== $name: $((SECONDS - start)) s"
}

# The unit-asan and fuzz builds (build/asan, build/fuzz) go on meanwhile.
start_background make -s -j2 asan-bins fuzz-bins
prebuild_pid=$bg_pid prebuild_log=$bg_log

run_criterion unit build/test_unit
run_script schema tests/check-schema.sh
run_script bench-report python3 tests/bench/test_report.py

# The packet tests are CPU-bound (program verification) while the e2e
# scripts mostly wait on packets and daemons: the packet tests run beside
# them at the lowest priority, so they never slow an e2e timing check.
# Packet tests use fixed interface names: one run at a time on a machine.
start_background flock /tmp/xovn-pkt.lock build/test_bpf -j2
bpf_pid=$bg_pid bpf_log=$bg_log bpf_start=$SECONDS
run_script e2e flock /tmp/xovn-e2e.lock tests/e2e/run.sh
echo "== bpf"
wait "$bpf_pid"
bpf_rc=$?
cat "$bpf_log"
tally_criterion bpf "$bpf_rc" "$bpf_log"
echo "== bpf: $((SECONDS - bpf_start)) s since it started beside e2e"

if ! wait "$prebuild_pid"; then
	cat "$prebuild_log"
	echo "(the background build failed: the suites below build again and report it)"
fi
rm -f "$prebuild_log"
run_criterion unit-asan tests/sanitize.sh
run_script fuzz make -s fuzz FUZZ_SECONDS=12

echo
echo "wall time: $SECONDS s"
[ "${#suites_failed[@]}" -eq 0 ] || echo "failing suites: ${suites_failed[*]}"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "${#suites_failed[@]}" -eq 0 ]
