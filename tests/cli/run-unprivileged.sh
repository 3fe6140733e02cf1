# An ordinary user can run the empty-root check: user namespace + chroot.
. "$(dirname "$0")/../lib.sh"
need m_static c_dyn
[ "$(id -u)" -eq 0 ] || skip "needs root to switch to an unprivileged user"
command -v setpriv >/dev/null || skip "setpriv(1) is not installed"

as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_nobody unshare --user true 2>/dev/null || skip "unprivileged user namespaces are disabled here"

# a world-readable copy: the build tree may sit in a private folder
d=$(mktemp -d /tmp/gostatic-nobody.XXXXXX)
trap 'rm -rf "$d" "$T"' EXIT
chmod 755 "$d"
cp "$GOSTATIC" "$FIXTURES/m_static" "$FIXTURES/c_dyn" "$d/"
mkdir "$d/tmp"
chmod 1777 "$d/tmp"

TMPDIR=$d/tmp as_nobody "$d/gostatic" verify --json --run "$d/m_static" >"$T/out" 2>"$T/err" ||
	fail "exit $?: $(cat "$T/out" "$T/err")"
check '.runtime.method == "userns-chroot" and .runtime.result == "ok" and .verdict == "static"'

TMPDIR=$d/tmp as_nobody "$d/gostatic" verify --json --run "$d/c_dyn" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "a dynamic file must fail"
check '.runtime.method == "userns-chroot" and .runtime.result == "interp-missing"'

[ -z "$(ls -A "$d/tmp")" ] || fail "left behind: $(ls -A "$d/tmp")"
exit 0
