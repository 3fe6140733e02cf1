# lib.sh - helpers for the scripted tests in tests/cli; source it first
#
#   need NAME...     skip (exit 77) unless these fixtures were built
#   fail MESSAGE     fail the test
#   skip MESSAGE     skip the test
#   $T               a private temporary folder, removed at exit
set -u
: "${GOSTATIC:?set GOSTATIC to the gostatic binary}"
: "${FIXTURES:?set FIXTURES to the fixture folder}"

T=$(mktemp -d)
trap 'chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

skip() {
	echo "SKIP: $*"
	exit 77
}

need() {
	local name entry
	[ -f "$FIXTURES/MANIFEST" ] || fail "the fixtures were not built ($FIXTURES/MANIFEST is missing)"
	for name in "$@"; do
		entry=$(grep -m1 "^$name " "$FIXTURES/MANIFEST" || true)
		case $entry in
		*" ok") ;;
		*" skip "*) skip "fixture $name: ${entry#* skip }" ;;
		*) fail "unknown fixture '$name'" ;;
		esac
	done
}

# json FILE ARGS...: run gostatic verify --json and keep stdout in $T/out
json() {
	"$GOSTATIC" verify --json "$@" >"$T/out" 2>"$T/err"
}

# check JQ: the first line of $T/out satisfies JQ
check() {
	head -n1 "$T/out" | jq -e "$1" >/dev/null ||
		fail "expected $1 of: $(head -c 3000 "$T/out") (stderr: $(head -c 500 "$T/err"))"
}
