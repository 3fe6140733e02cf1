# The same with go 1.23 (GO selects the toolchain), on a warm store.
. "$(dirname "$0")/../lib.sh"
warm_store
[ -x /usr/lib/go-1.23/bin/go ] || skip "go 1.23 is not installed (Debian: golang-1.23-go from bookworm-backports)"
export GO=/usr/lib/go-1.23/bin/go
src=$SOURCE_ROOT/tests/fixtures/src

(cd "$src/gocgo" && "$GOSTATIC" build -o "$T/cgo" --run-check .) >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^sysroot   .*: cached" "$T/out" || fail "$(cat "$T/out")"
json --run "$T/cgo"
check '.verdict == "static" and (.go.version | startswith("go1.23")) and .libc.kind == "musl"'
check '.runtime.result == "ok"'
(cd "$src/gopure" && "$GOSTATIC" build -o "$T/pure" --run-check .) >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
json "$T/pure"
check '.verdict == "static" and (.go.version | startswith("go1.23")) and .go.settings.CGO_ENABLED == "0"'
exit 0
