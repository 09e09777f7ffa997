#!/usr/bin/env bash
# Runs every tests/e2e/test_*.sh (each builds and removes its own
# namespaces) and prints the closing line "e2e: N passed, N failed".
# Needs root, build/xovnd and build/xovnctl.
#
# The scripts name everything they make after their PID (lib.sh), so they
# run side by side: E2E_JOBS lanes (default 2) take scripts from one queue,
# the longest first so the lanes end together.  Each script's output is
# buffered and printed whole when it ends, so logs never interleave.
#   tests/e2e/run.sh [test_NAME.sh ...]   only the named scripts
set -u
cd "$(dirname "$0")"

jobs=${E2E_JOBS:-2}
per_test_limit=${E2E_TIMEOUT:-150}

if [ "$(id -u)" -ne 0 ]; then
	echo "e2e: needs root (network namespaces, BPF)"
	echo "e2e: 0 passed, 1 failed"
	exit 1
fi
for bin in ../../build/xovnd ../../build/xovnctl; do
	if [ ! -x "$bin" ]; then
		echo "e2e: $bin is missing; run make first"
		echo "e2e: 0 passed, 1 failed"
		exit 1
	fi
done

# Scripts that take longest (OVN daemons, valgrind, FRR, restarts, throughput)
# start first; every other script follows in name order.
LONG_FIRST=(
	test_ovn_cluster.sh test_valgrind_xovnd.sh test_bgp.sh test_ovn_mixed.sh
	test_ovn_routers.sh test_ovn_db.sh test_dgp_failover.sh test_ovn_dgp.sh
	test_restart_two_chassis.sh test_restart.sh test_seed_scripts.sh
	test_external_failover.sh test_bfd.sh test_nat_localnet.sh
	test_iperf_tunnel.sh test_pmtu.sh
)

ordered_scripts() {
	local t
	if [ "$#" -gt 0 ]; then
		printf '%s\n' "$@"
		return
	fi
	for t in "${LONG_FIRST[@]}"; do
		[ -e "$t" ] && echo "$t"
	done
	for t in test_*.sh; do
		[ -e "$t" ] || continue
		[[ " ${LONG_FIRST[*]} " == *" $t "* ]] || echo "$t"
	done
}

out=$(mktemp -d /tmp/xovn-e2e-run.XXXXXX)
trap 'rm -rf "$out"' EXIT

# Runs one script with a hard time limit (a hang cannot stall the suite),
# then prints its whole log at once and records the verdict.
run_one() {
	local t=$1 start rc verdict
	start=$(date +%s)
	timeout -k 5 "$per_test_limit" bash "$t" >"$out/$t.log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then verdict=passed; else verdict=FAILED; fi
	echo "$verdict" >"$out/$t.verdict"
	{
		flock 9
		echo "== $t"
		cat "$out/$t.log"
		[ "$rc" -eq 124 ] && echo "   (killed after $per_test_limit s)"
		echo "== $t $verdict ($(($(date +%s) - start)) s)"
	} 9>>"$out/print.lock"
}

mapfile -t scripts < <(ordered_scripts "$@")
running=0
for t in "${scripts[@]}"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	run_one "$t" &
	running=$((running + 1))
done
wait

passed=0
failed=0
failed_names=()
for t in "${scripts[@]}"; do
	if [ "$(cat "$out/$t.verdict" 2>/dev/null)" = passed ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failed_names+=("$t")
	fi
done

[ "$failed" -eq 0 ] || echo "failed: ${failed_names[*]}"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
