# --run-method picks how the empty root is made; a method that cannot work
# here skips the check with its reason (and fails only with --strict).
. "$(dirname "$0")/../lib.sh"
need m_static
[ "$(id -u)" -eq 0 ] || skip "needs root for a plain chroot"
command -v setpriv >/dev/null || skip "setpriv(1) is not installed"

json --run --run-method chroot "$FIXTURES/m_static" || fail "exit $?: $(cat "$T/err")"
check '.runtime.method == "chroot" and .runtime.result == "ok"'

if unshare --user true 2>/dev/null; then
	json --run --run-method userns "$FIXTURES/m_static" || fail "exit $?: $(cat "$T/err")"
	check '.runtime.method == "userns-chroot" and .runtime.result == "ok"'
fi

d=$(mktemp -d /tmp/gostatic-nobody.XXXXXX)
trap 'rm -rf "$d" "$T"' EXIT
chmod 755 "$d"
cp "$GOSTATIC" "$FIXTURES/m_static" "$d/"
mkdir -m 1777 "$d/tmp"
TMPDIR=$d/tmp setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$d/gostatic" verify --json --run --run-method chroot "$d/m_static" >"$T/out" 2>"$T/err" ||
	fail "a skipped check must not fail without --strict: $(cat "$T/out")"
check '.runtime.performed == false and .runtime.result == "skipped"'
check '.runtime.reason | test("chroot failed: Operation not permitted")'

TMPDIR=$d/tmp setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$d/gostatic" verify --strict --run --run-method chroot "$d/m_static" >"$T/out" 2>&1
[ $? -eq 1 ] || fail "--strict must fail a skipped check: $(cat "$T/out")"
grep -q "WARN  runtime check skipped: chroot failed" "$T/out" || fail "no reason shown: $(cat "$T/out")"
exit 0
