#!/bin/bash
# test.sh - the whole test suite, as CI runs it
#
# Installs what the tests need on Debian 12, then:
#   1. a gcc build with warnings as errors; the fixtures (real binaries, the
#      recipes' sources, a store with every built-in recipe) are made with
#      it, and the quick suites run on it (unit, datafiles, cases, lint)
#   2. a gcc build under AddressSanitizer + UndefinedBehaviorSanitizer, also
#      with warnings as errors, over the same fixtures: every suite but the
#      lint (unit, cases and the end-to-end cli tests, which run only here)
#   3. a clang build of the libFuzzer targets: corpus replay, then a bounded run
# and prints "N passed, N failed[, N skipped]" as its last line.
# FUZZ_SECONDS (default 10) bounds each fuzz target; TIMEOUT_MULTIPLIER
# (default 1) scales every test's timeout, for a machine slower than any
# seen (the timeouts only guard against hangs).
set -u
cd "$(dirname "$0")/.."
root=$PWD
bd=$root/build-ci

scripts/setup-debian.sh --test || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

rm -rf "$bd"
mkdir -p "$bd"
broken=0

step() { # step NAME DIR SETUP-ARGS... -- TEST-ARGS...
	local name=$1 dir=$2
	shift 2
	local setup=()
	while [ "$1" != -- ]; do setup+=("$1"); shift; done
	shift
	local t0=$SECONDS
	echo
	echo "=== $name"
	if ! meson setup "$dir" "${setup[@]}" >"$dir.setup.log" 2>&1; then
		cat "$dir.setup.log"
		echo "=== $name: meson setup failed"
		broken=$((broken + 1))
		return
	fi
	if ! ninja -C "$dir" >"$dir.build.log" 2>&1; then
		tail -n 60 "$dir.build.log"
		echo "=== $name: build failed"
		broken=$((broken + 1))
		return
	fi
	meson test -C "$dir" --print-errorlogs --timeout-multiplier "${TIMEOUT_MULTIPLIER:-1}" "$@" 2>&1 |
		grep -vE '^ *[0-9]+/[0-9]+ .* (OK|SKIP) '
	slowest "$dir"
	echo "=== $name: $((SECONDS - t0)) s"
}

slowest() { # the three slowest tests of a step, for the record
	jq -r '"\(.duration | floor) s  \(.name)"' "$1/meson-logs/testlog.json" 2>/dev/null | sort -rn | head -n 3 |
		sed 's/^/    slowest: /'
}

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1

step "gcc, warnings as errors" "$bd/gcc" -Dwerror=true -- --num-processes 2 --suite unit --suite datafiles --suite cases --suite lint
fixtures=$bd/gcc/tests/fixtures
step "AddressSanitizer + UndefinedBehaviorSanitizer" "$bd/asan" -Dwerror=true \
	-Db_sanitize=address,undefined -Db_lundef=false -Dfixtures_dir="$fixtures" \
	-- --num-processes 2 --no-suite lint
CC=clang step "libFuzzer (clang)" "$bd/fuzz" -Dwerror=true -Dfuzzing=true \
	-Db_sanitize=address,undefined -Db_lundef=false -Dfuzz_seconds="${FUZZ_SECONDS:-10}" \
	-Dfixtures_dir="$fixtures" -- --num-processes 2 --suite fuzz

passed=0 failed=$broken skipped=0
for log in "$bd"/*/meson-logs/testlog.json; do
	[ -f "$log" ] || continue
	p=$(jq -r 'select(.result == "OK" or .result == "EXPECTEDFAIL") | .name' "$log" | wc -l)
	s=$(jq -r 'select(.result == "SKIP") | .name' "$log" | wc -l)
	f=$(jq -r 'select(.result != "OK" and .result != "EXPECTEDFAIL" and .result != "SKIP") | .name' "$log" | wc -l)
	jq -r 'select(.result == "SKIP") | "skipped: \(.name): \(.stdout | split("\n") | map(select(startswith("SKIP"))) | first // "")"' "$log"
	jq -r 'select(.result != "OK" and .result != "EXPECTEDFAIL" and .result != "SKIP") | "failed: \(.name) (\(.result))"' "$log"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
echo
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
