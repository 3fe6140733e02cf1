# gostatic build with a fresh store builds the sysroot (from the offline
# mirror), then a cgo program (net, os/user, libm, pthread) and a pure-Go
# program come out static and run in an empty root; a second build uses the
# store as it is.
. "$(dirname "$0")/../lib.sh"
offline_sources
command -v go >/dev/null || skip "go is not installed"
export GOSTATIC_HOME=$T/store
src=$SOURCE_ROOT/tests/fixtures/src

(cd "$src/gocgo" && "$GOSTATIC" build -o "$T/cgo" --run-check .) >"$T/out" 2>"$T/err" ||
	fail "cold build failed: $(cat "$T/out" "$T/err")"
grep -q "^sysroot   x86_64-linux-musl-[0-9a-f]\{16\} (musl 1.2.3): built in [0-9.]* s" "$T/out" || fail "no sysroot build reported: $(cat "$T/out")"
grep -q "\[3/4\] build musl 1.2.3" "$T/err" || fail "musl was not built: $(cat "$T/err")"
grep -q "CGO_ENABLED=1, -tags musl,netgo,osusergo" "$T/out" || fail "$(cat "$T/out")"
grep -q "^output    .*cgo: .* MiB, static, musl, go1" "$T/out" || fail "$(cat "$T/out")"
grep -q "^run check started in an empty root" "$T/out" || fail "no run check: $(cat "$T/out")"

json --run "$T/cgo"
check '.verdict == "static" and .libc.kind == "musl" and .go.cgo_linked'
check '.go.settings["-tags"] == "musl,netgo,osusergo" and .go.settings.CGO_ENABLED == "1"'
check '.runtime.result == "ok" and (.runtime.stdout_head | test("cbrt\\(27\\) = 3"))'

# warm: nothing is built again, and the store is unchanged
before=$(find "$GOSTATIC_HOME/sysroots" -maxdepth 1 | sort)
(cd "$src/gocgo" && "$GOSTATIC" build -o "$T/cgo2" .) >"$T/out" 2>"$T/err" || fail "warm build failed: $(cat "$T/err")"
grep -q "^sysroot   .*: cached" "$T/out" || fail "the warm build did not use the store: $(cat "$T/out")"
grep -q "\[1/4\]" "$T/err" && fail "the warm build fetched or built again: $(cat "$T/err")"
[ "$before" = "$(find "$GOSTATIC_HOME/sysroots" -maxdepth 1 | sort)" ] || fail "the store changed"

# a program without cgo is built with CGO_ENABLED=0, with -C instead of cd
"$GOSTATIC" build -C "$src/gopure" -o "$T/pure" --run-check >"$T/out" 2>"$T/err" || fail "pure build failed: $(cat "$T/err")"
grep -q "CGO_ENABLED=0" "$T/out" || fail "$(cat "$T/out")"
json "$T/pure"
check '.verdict == "static" and .libc.kind == "none" and .go.settings.CGO_ENABLED == "0"'
[ -z "$(find "$GOSTATIC_HOME" -name '.tmp-*')" ] || fail "temporaries left in the store"
exit 0
