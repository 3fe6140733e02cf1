# eval "$(gostatic env)"; go build -tags "$GOSTATIC_TAGS" -ldflags
# "$GOSTATIC_LDFLAGS" gives what gostatic build gives.
. "$(dirname "$0")/../lib.sh"
warm_store
command -v go >/dev/null || skip "go is not installed"
cd "$SOURCE_ROOT/tests/fixtures/src/gocgo"
"$GOSTATIC" env >"$T/env" || fail "gostatic env failed"
grep -q "^export CC='x86_64-linux-musl-gcc'$" "$T/env" || fail "$(cat "$T/env")"
grep -q "^export PATH='.*/sysroots/x86_64-linux-musl-[0-9a-f]*/bin:" "$T/env" || fail "the sysroot is not first in PATH: $(cat "$T/env")"
grep -q "^export GOFLAGS='.*-trimpath'$" "$T/env" || fail "no -trimpath: $(cat "$T/env")"
(eval "$(cat "$T/env")" && go build -tags "$GOSTATIC_TAGS" -ldflags "$GOSTATIC_LDFLAGS" -o "$T/byhand" .) ||
	fail "the build by hand failed"
"$GOSTATIC" build -o "$T/bygostatic" . >/dev/null 2>&1 || fail "gostatic build failed"
json "$T/byhand"
check '.verdict == "static" and .libc.kind == "musl"'
jq -S '.go.settings' "$T/out" >"$T/a"
json "$T/bygostatic"
jq -S '.go.settings' "$T/out" >"$T/b"
diff -u "$T/a" "$T/b" || fail "the build settings differ"
exit 0
