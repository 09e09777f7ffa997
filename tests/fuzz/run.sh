#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time on its seed corpus (plus the
# valid examples and the invalid-model corpus); any crash fails the run.
# The targets run side by side (each is one process with a fixed time
# budget, so the wall time is one budget, not one per target).  Each
# target's verdict is printed when it ends.
# Prints "fuzz: N passed, N failed" (one count per target).
set -u
cd "$(dirname "$0")/../.."
secs=${1:-30}
build=${BUILD:-build}

# Fuzzes one target; its verdict goes to $build/fuzz/NAME.verdict.
fuzz_one() {
	local bin=$1 name seeds work
	name=$(basename "$bin")
	seeds="tests/fuzz/corpus_${name#fuzz_}"
	work=$(mktemp -d)
	cp -r "$seeds"/. "$work"/ 2>/dev/null || true
	[ "$name" = fuzz_model ] && cp examples/*.json tests/unit/invalid/*.json "$work"/ 2>/dev/null
	# -close_fd_mask=2: the targets' own stderr (rejected-command messages)
	# is closed; libFuzzer and the sanitizers report on a duplicate of it.
	if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -close_fd_mask=2 \
	          -artifact_prefix="$build/fuzz/${name}-" "$work" >"$build/fuzz/$name.log" 2>&1; then
		echo passed >"$build/fuzz/$name.verdict"
	else
		echo FAILED >"$build/fuzz/$name.verdict"
	fi
	rm -rf "$work"
}

targets=()
for bin in "$build"/fuzz/fuzz_*; do
	[ -x "$bin" ] && [ -f "$bin" ] || continue
	targets+=("$bin")
	rm -f "$build/fuzz/$(basename "$bin").verdict"
	fuzz_one "$bin" &
done
wait

passed=0 failed=0
for bin in "${targets[@]}"; do
	name=$(basename "$bin")
	if [ "$(cat "$build/fuzz/$name.verdict" 2>/dev/null)" = passed ]; then
		echo "fuzz: $name ok ($(grep -a 'DONE\|Done' "$build/fuzz/$name.log" | tail -n 1))"
		passed=$((passed + 1))
	else
		echo "fuzz: $name FAILED"; tail -n 40 "$build/fuzz/$name.log"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
