# Debian's Go bindings of three more C libraries build static from their
# cgo lines alone: libseccomp-golang (pkg-config libseccomp), gousb
# (pkg-config libusb-1.0) and proglottis/gpgme (-lgpgme -lassuan
# -lgpg-error: gpgme, libassuan and libgpg-error). The recipes come from
# the store or are built into it from the fixtures' sources. In an empty
# root each program does its library's real work: a seccomp filter makes
# getppid fail with EPERM; gousb gets libusb's error for the missing usbfs
# and reports it (gousb.NewContext panics with it) instead of crashing; a
# GPGME context for OpenPGP is made, and GPGME finds no engine there.
. "$(dirname "$0")/../lib.sh"
need recipe_src
recipe_store
command -v go >/dev/null || skip "go is not installed"
gocode=/usr/share/gocode/src/github.com
[ -d "$gocode/seccomp/libseccomp-golang" ] || skip "golang-github-seccomp-libseccomp-golang-dev is not installed"
[ -d "$gocode/google/gousb" ] || skip "golang-github-google-gousb-dev is not installed"
[ -d "$gocode/proglottis/gpgme" ] || skip "golang-github-proglottis-gpgme-dev is not installed"
export GOSTATIC_MIRRORS="file://$FIXTURES/sources" GOSTATIC_FETCH=mirrors
# the programs in a GOPATH of the test's own: go names a package outside
# every GOPATH after its folder ("_/tmp/..."), which would end up in the binary
export GO111MODULE=off GOPATH=$T/gopath:/usr/share/gocode
mkdir -p "$T/gopath/src"
cp -r "$SOURCE_ROOT/tests/fixtures/src/golibs" "$T/gopath/src/golibs"

build() { # build NAME: gostatic build --run-check of golibs/NAME, output in $T/NAME.out and .err
	(cd "$T/gopath/src/golibs/$1" && exec "$GOSTATIC" build --run-check -o "$T/$1" .) >"$T/$1.out" 2>"$T/$1.err"
}

verify() { # verify NAME RC WANT-CLIBS WANT-LINE...: the build's report, then verify --run
	local name=$1 rc=$2 clibs=$3 want out
	shift 3
	[ "$rc" = 0 ] || fail "$name: build failed (exit $rc): $(cat "$T/$name.out") $(tail -n 30 "$T/$name.err")"
	grep -q "^C libs    $clibs: \(cached\|built [0-9]* in .*\)$" "$T/$name.out" ||
		fail "$name: expected C libs '$clibs': $(cat "$T/$name.out")"
	grep -q "^run check started in an empty root .*exit 0$" "$T/$name.out" || fail "$name: $(cat "$T/$name.out")"
	json --run "$T/$name"
	check '.verdict == "static" and .libc.kind == "musl" and .go.cgo_linked and .runtime.result == "ok"'
	out=$(head -n1 "$T/out" | jq -r .runtime.stdout_head)
	for want; do
		grep -qxF -- "$want" <<<"$out" || fail "$name: no line '$want' in its output: $out"
	done
}

# gpgme needs three recipes, one after the other: it builds while the
# other two programs (one recipe each) do
build gpgme &
gpgme_pid=$!
build seccomp
seccomp_rc=$?
build usb
usb_rc=$?
wait $gpgme_pid
gpgme_rc=$?

verify seccomp $seccomp_rc "libseccomp 2.5.4" \
	"libseccomp 2.5.4" "getppid after the filter: operation not permitted (EPERM: true)"
verify usb $usb_rc "libusb 1.0.26" \
	"libusb 1.0.26" "gousb.NewContext: libusb: unknown error [code -99]"
verify gpgme $gpgme_rc "libgpg-error 1.46, libassuan 2.5.5, gpgme 1.18.0" \
	"gpgme 1.18.0" "context ok: OpenPGP true, armor true" "OpenPGP engine: Invalid crypto engine"
exit 0
