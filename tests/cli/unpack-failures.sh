# --unpack without upx, or on a file upx cannot unpack: a clear reason, the
# packed verdict stands, and nothing is left in TMPDIR.
. "$(dirname "$0")/../lib.sh"
need upx_cgo_dyn syn
mkdir "$T/tmp" "$T/emptypath"

TMPDIR=$T/tmp PATH=$T/emptypath "$GOSTATIC" verify --json --unpack "$FIXTURES/upx_cgo_dyn" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "a packed file must fail"
check '.verdict == "packed" and .packer.inner_status == "unknown"'
check '.findings[] | select(.code == "UPX_UNPACK_FAILED") | .message | test("upx is not installed")'
[ -z "$(ls -A "$T/tmp")" ] || fail "left behind: $(ls -A "$T/tmp")"

command -v upx >/dev/null || skip "upx is not installed"
TMPDIR=$T/tmp json --unpack "$FIXTURES/syn/upx"
check '.findings[] | select(.code == "UPX_UNPACK_FAILED") | .message | test("'"'upx' exited with status"'")'
[ -z "$(ls -A "$T/tmp")" ] || fail "left behind: $(ls -A "$T/tmp")"
exit 0
