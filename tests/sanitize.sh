#!/usr/bin/env bash
# The unit and xovnctl tests again, with all userspace (libxovn, xovnctl,
# the test binary) built under AddressSanitizer + UBSan in build/asan.
# Any sanitizer report fails the test it happens in.  Arguments go to the
# criterion binary (run-all.sh passes -j2).
set -u
cd "$(dirname "$0")/.."
if ! make -s -j2 asan-bins >&2; then
	echo "sanitize: build failed"
	exit 1
fi
# The tests find xovnctl as $XOVN_SRC/build/xovnctl: a tree whose build/ is build/asan.
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
for f in "$PWD"/*; do
	[ "$(basename "$f")" = build ] || ln -s "$f" "$src/"
done
ln -s "$PWD/build/asan" "$src/build"
# criterion's runner keeps one allocation to its exit; ours must not leak.
printf 'leak:libcriterion.so\n' >"$src/lsan.supp"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$src/lsan.supp
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
XOVN_SRC=$src build/asan/test_unit "$@"
