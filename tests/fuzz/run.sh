#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time on its seed corpus (plus the
# valid examples and the invalid-model corpus); any crash fails the run.
# Prints "fuzz: N passed, N failed" (one count per target).
set -u
cd "$(dirname "$0")/../.."
secs=${1:-30}
build=${BUILD:-build}
passed=0 failed=0
for bin in "$build"/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	seeds="tests/fuzz/corpus_${name#fuzz_}"
	work=$(mktemp -d)
	cp -r "$seeds"/. "$work"/ 2>/dev/null || true
	[ "$name" = fuzz_model ] && cp examples/*.json tests/unit/invalid/*.json "$work"/ 2>/dev/null
	# -close_fd_mask=2: the targets' own stderr (rejected-command messages)
	# is closed; libFuzzer and the sanitizers report on a duplicate of it.
	if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -close_fd_mask=2 \
	          -artifact_prefix="$build/fuzz/${name}-" "$work" >"$build/fuzz/$name.log" 2>&1; then
		echo "fuzz: $name ok ($(grep -a 'DONE\|Done' "$build/fuzz/$name.log" | tail -n 1))"
		passed=$((passed + 1))
	else
		echo "fuzz: $name FAILED"; tail -n 40 "$build/fuzz/$name.log"
		failed=$((failed + 1))
	fi
	rm -rf "$work"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
