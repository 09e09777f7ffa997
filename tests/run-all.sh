#!/usr/bin/env bash
# Runs every test suite of the project and prints one closing line,
# "tests: N passed, N failed", counting individual tests across suites:
#   unit      criterion: model, validator, compiler, diff, xovnctl
#   bpf       criterion: BPF_PROG_TEST_RUN packet tests on build/xovn.bpf.o's programs
#   schema    examples and invalid corpus against the JSON Schema (python3-jsonschema)
#   e2e       network-namespace end-to-end tests with real xovnd processes
#   unit-asan the unit suite again, userspace under ASan + UBSan (tests/sanitize.sh)
#   fuzz      every libFuzzer target for 20 s (tests/fuzz/run.sh)
set -u
cd "$(dirname "$0")/.."
export XOVN_SRC=$PWD

passed=0
failed=0
suites_failed=()

mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf

# Adds a criterion binary's "Synthesis" counts to the totals.
run_criterion() {
	local name=$1 log
	shift
	log=$(mktemp)
	echo "== $name"
	"$@" -j2 2>&1 | tee "$log"
	local rc=${PIPESTATUS[0]}
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

# Adds a script's closing "N passed, N failed" line to the totals.
run_script() {
	local name=$1; shift
	local log
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
}

run_criterion unit build/test_unit
# Packet tests use fixed interface names: one run at a time on a machine.
run_criterion bpf flock /tmp/xovn-pkt.lock build/test_bpf
run_script schema tests/check-schema.sh
run_script e2e tests/e2e/run.sh
run_criterion unit-asan tests/sanitize.sh
run_script fuzz make -s fuzz FUZZ_SECONDS=12

echo
[ "${#suites_failed[@]}" -eq 0 ] || echo "failing suites: ${suites_failed[*]}"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "${#suites_failed[@]}" -eq 0 ]
