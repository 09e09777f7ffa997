#!/usr/bin/env bash
# Runs every tests/e2e/test_*.sh (each builds and removes its own
# namespaces) and prints the closing line "e2e: N passed, N failed".
# Needs root, build/xovnd and build/xovnctl.
set -u
cd "$(dirname "$0")"

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

passed=0
failed=0
failed_names=()
for t in test_*.sh; do
	[ -e "$t" ] || continue
	echo "== $t"
	start=$(date +%s)
	# Each test gets a hard time limit so a hang cannot stall the suite.
	if timeout -k 5 120 bash "$t"; then
		passed=$((passed + 1))
		echo "== $t passed ($(( $(date +%s) - start )) s)"
	else
		failed=$((failed + 1))
		failed_names+=("$t")
		echo "== $t FAILED ($(( $(date +%s) - start )) s)"
	fi
done

[ "$failed" -eq 0 ] || echo "failed: ${failed_names[*]}"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
