#!/usr/bin/env bash
# Runs every tests/e2e/test_*.sh (each builds and removes its own
# namespaces) and prints the closing line "e2e: N passed, N failed".
# Needs root, build/xovnd and build/xovnctl.
#
# The scripts name everything they make after their PID (lib.sh), so they
# run side by side in E2E_JOBS lanes (default 2; 1 runs them one by one).
# Each script's output is buffered and printed whole when it ends, so logs
# never interleave.
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

# Heavy or timing-sensitive scripts (OVN daemons, valgrind, FRR, restarts
# and failovers measured in lost packets, throughput, the 1600-process
# writer storm) form one serial lane: never two of them at once, each
# beside lighter ones.  Longest first.
SERIAL=(
	test_ovn_cluster.sh test_ovn_db.sh test_restart_two_chassis.sh
	test_concurrency.sh
	test_valgrind_xovnd.sh test_ovn_routers.sh test_dgp_failover.sh
	test_ovn_dgp.sh test_bgp.sh test_ovn_mixed.sh test_restart.sh
	test_external_failover.sh test_bfd.sh test_nat_localnet.sh
	test_iperf_tunnel.sh test_pmtu.sh
)

is_serial() { [[ " ${SERIAL[*]} " == *" $1 "* ]]; }

# The scripts to run (all, or the named ones), each in serial or light.
select_scripts() {
	local t
	serial=() light=()
	if [ "$#" -eq 0 ]; then
		for t in "${SERIAL[@]}"; do
			[ -e "$t" ] && serial+=("$t")
		done
		for t in test_*.sh; do
			[ -e "$t" ] && ! is_serial "$t" && light+=("$t")
		done
		return
	fi
	for t in "$@"; do
		if is_serial "$t"; then serial+=("$t"); else light+=("$t"); fi
	done
}

out=$(mktemp -d /tmp/xovn-e2e-run.XXXXXX)
trap 'rm -rf "$out"' EXIT

# Runs one script with a hard time limit (a hang cannot stall the suite;
# 20 s more for its cleanup before a KILL),
# then prints its whole log at once and records the verdict.
run_one() {
	local t=$1 start rc verdict
	start=$(date +%s)
	timeout -k 20 "$per_test_limit" bash "$t" >"$out/$t.log" 2>&1
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

select_scripts "$@"
scripts=("${serial[@]}" "${light[@]}")
running=0 serial_pid=
# Fills free lanes (a serial script when none runs, else a light one), then
# waits for any script to end; stops when both queues are empty.
while [ "${#serial[@]}" -gt 0 ] || [ "${#light[@]}" -gt 0 ]; do
	if [ "$running" -lt "$jobs" ]; then
		if [ -z "$serial_pid" ] && [ "${#serial[@]}" -gt 0 ]; then
			run_one "${serial[0]}" &
			serial_pid=$! serial=("${serial[@]:1}") running=$((running + 1))
			continue
		fi
		if [ "${#light[@]}" -gt 0 ]; then
			run_one "${light[0]}" &
			light=("${light[@]:1}") running=$((running + 1))
			continue
		fi
	fi
	wait -n -p ended
	running=$((running - 1))
	[ "$ended" = "$serial_pid" ] && serial_pid=
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
