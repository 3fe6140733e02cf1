# With the recipes in the store, building spex compiles no C: the second
# build of spex, and the build of another program over the same recipes
# (gokafka), run the C compiler not once (counted with strace, not timed),
# and the store does not change. spex then runs in an empty root, reports
# librdkafka 2.0.2 and creates producers with TLS, zstd and SASL SCRAM;
# --manifest names every C library inside with its source's sha256 and
# licence; the store's entries (made by 'gostatic recipe build') are static
# and relocatable, and librdkafka-static.a bundles OpenSSL.
. "$(dirname "$0")/../lib.sh"
recipe_store
command -v go >/dev/null || skip "go is not installed"
command -v strace >/dev/null || skip "strace is not installed"
[ -d /usr/share/gocode/src/github.com/confluentinc/confluent-kafka-go/kafka ] ||
	skip "golang-github-confluentinc-confluent-kafka-go-dev is not installed"
# spex in a GOPATH of the test's own: go names a package outside every
# GOPATH after its folder ("_/tmp/..."), which would end up in the binary
export GO111MODULE=off GOPATH=$T/gopath:/usr/share/gocode GOSTATIC_FETCH=none-allowed
# a go build cache of this test's own, so that the first build compiles
export GOCACHE=$T/gocache
# LeakSanitizer cannot run under ptrace (strace): in a sanitizer build the
# traced runs check memory errors, not leaks
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
mkdir -p "$T/gopath/src"
cp -r "$SOURCE_ROOT/examples/spex" "$T/gopath/src/spex"
ln -s "$T/gopath/src/spex" "$T/spex"
cp -r "$SOURCE_ROOT/tests/fixtures/src/gokafka" "$T/gokafka"

# C compiler runs (cc1, cc1plus); the go tool's own compile is not C, and
# neither are the probes go makes before linking (is a flag supported? it
# compiles an empty "trivial.c" for that), so those are not counted
compilers() {
	grep 'execve("[^"]*/\(cc1\|cc1plus\)"' "$1" | grep -vc '"trivial\.c"' || true
}

# first build: the store has the recipes; only the cgo glue may compile
(cd "$T/gopath/src/spex" && strace -f -qq -e trace=execve -o "$T/trace1" \
	"$GOSTATIC" build --manifest "$T/manifest.json" ./cmd/spex) >"$T/out" 2>"$T/err" ||
	fail "build failed: $(cat "$T/out" "$T/err")"
grep -q "^C libs    librdkafka 2.0.2 (ssl,zlib,zstd), openssl 3.0.20, zlib 1.2.13, zstd 1.5.4: cached$" "$T/out" ||
	fail "the recipes were not taken from the store: $(cat "$T/out")"
grep -q "building\|fetched" "$T/err" && fail "something was built or fetched: $(cat "$T/err")"

logs=$(ls -l --time-style=+%s.%N "$GOSTATIC_HOME/logs")
entries=$(ls "$GOSTATIC_HOME/pkgs")

# second build of spex: no C compiler at all
(cd "$T/gopath/src/spex" && strace -f -qq -e trace=execve -o "$T/trace2" \
	"$GOSTATIC" build ./cmd/spex) >"$T/out" 2>"$T/err" || fail "second build failed: $(cat "$T/err")"
n=$(compilers "$T/trace2")
[ "$n" = 0 ] || fail "the second build of spex ran the C compiler $n times"
grep -q "^output    spex: .* static, musl" "$T/out" || fail "$(cat "$T/out")"

# another program over the same recipes: no C compiler either
(cd "$T/gokafka" && strace -f -qq -e trace=execve -o "$T/trace3" \
	"$GOSTATIC" build --run-check .) >"$T/out" 2>"$T/err" || fail "gokafka failed: $(cat "$T/out" "$T/err")"
n=$(compilers "$T/trace3")
[ "$n" = 0 ] || fail "building gokafka ran the C compiler $n times"
grep -q "^C libs    librdkafka 2.0.2 (ssl,zlib,zstd), .*: cached$" "$T/out" || fail "$(cat "$T/out")"
grep -q "^run check started in an empty root .*exit 0" "$T/out" || fail "$(cat "$T/out")"

# the count can see compiler runs: the first build, with an empty go
# build cache, compiled the cgo glue
n=$(compilers "$T/trace1")
[ "$n" -gt 0 ] || fail "the first build ran no C compiler: the count is blind"
# and the store is as it was
[ "$logs" = "$(ls -l --time-style=+%s.%N "$GOSTATIC_HOME/logs")" ] || fail "build logs changed"
[ "$entries" = "$(ls "$GOSTATIC_HOME/pkgs")" ] || fail "entries changed"

# the binary: static, musl, and in an empty root it has TLS, zstd and SCRAM
json --run "$T/spex/spex" -- -selftest
check '.verdict == "static" and .libc.kind == "musl" and .go.cgo_linked and .linkage.interp == null'
check '.runtime.result == "ok"'
out=$(head -n1 "$T/out" | jq -r .runtime.stdout_head)
for want in "librdkafka 2.0.2" "security.protocol=ssl: ok" "compression.codec=zstd: ok" \
	"SCRAM-SHA-512 over ssl: ok" "SCRAM-SHA-256 with gzip: ok" "selftest passed"; do
	case $out in *"$want"*) ;; *) fail "spex -selftest lacks '$want': $out" ;; esac
done

# nothing of this machine inside (the debug information unpacked): not the
# store, not the work folders, not the source tree, not $HOME
objcopy --decompress-debug-sections "$T/spex/spex" "$T/spex.dwarf" || fail "objcopy failed"
for p in "$T" "$FIXTURES" "$SOURCE_ROOT" "$HOME/"; do
	grep -qaF -- "$p" "$T/spex/spex" "$T/spex.dwarf" && fail "spex names '$p': $(strings -a "$T/spex.dwarf" | grep -F -- "$p" | head -n 3)"
done

# the manifest of the first build (the second wrote the same file)
m=$T/manifest.json
jq -e '.schema == "gostatic.manifest/2" and .cgo and .target.goarch == "amd64"' "$m" >/dev/null || fail "$(cat "$m")"
jq -e '.outputs[0].file == "spex" and (.outputs[0].sha256 | length) == 64' "$m" >/dev/null || fail "$(cat "$m")"
lib() { jq -e --arg n "$1" ".libraries[] | select(.name == \$n) | $2" "$m" >/dev/null || fail "manifest $1: $2: $(cat "$m")"; }
lib musl '.version == "1.2.3" and .license == "MIT" and .sha256 == "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4"'
lib librdkafka '.version == "2.0.2" and .sha256 == "f321bcb1e015a34114c83cf1aa7b99ee260236aab096b85c003170c90a47ca9d" and (.license | startswith("BSD-2-Clause")) and .features == ["ssl","zlib","zstd"]'
lib openssl '.version == "3.0.20" and .license == "Apache-2.0" and .sha256 == "c80a01dfc70ece4dc21168932c37739042d404d46ccc81a5986dd75314ecda6f"'
lib zlib '.license == "Zlib" and .source_kind == "debian" and .sha256 == "71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1"'
lib zstd '.version == "1.5.4" and .source_kind == "debian"'
lib libgcc '.license | test("GCC-exception")'
for f in $(jq -r '.libraries[].license_files // [] | .[]' "$m"); do
	[ -s "$GOSTATIC_HOME/$f" ] || fail "the licence file $f is missing from the store"
done

# the store: relocatable static entries, nothing dynamic, no temporaries
[ -z "$(find "$GOSTATIC_HOME/pkgs" -name '*.so*' -o -name '*.la' -o -name '.tmp-*')" ] ||
	fail "shared objects, libtool files or temporaries in the store: $(find "$GOSTATIC_HOME/pkgs" -name '*.so*' -o -name '*.la' -o -name '.tmp-*')"
for pc in "$GOSTATIC_HOME"/pkgs/*/lib/pkgconfig/*.pc; do
	[ "$(grep '^prefix=' "$pc")" = 'prefix=${pcfiledir}/../..' ] || fail "$pc is not relocatable: $(grep -n = "$pc")"
	grep -q "$FIXTURES/store" "$pc" && fail "$pc names the store's path"
done
k=$(jq -r '.libraries[] | select(.name == "librdkafka") | .entry' "$m")
k=$GOSTATIC_HOME/pkgs/$k
[ -s "$k/lib/librdkafka-static.a" ] && [ -s "$k/lib/librdkafka.a" ] || fail "librdkafka's archives are missing"
ar t "$k/lib/librdkafka-static.a" | grep -q '^ssl_lib.o$\|^libssl-lib-ssl_lib.o$' || fail "librdkafka-static.a does not bundle OpenSSL"
jq -e '.check | test("builtin.features=.*ssl") and test("sasl_scram") and test("zstd")' "$k/gostatic-pkg.json" >/dev/null ||
	fail "librdkafka's check: $(jq .check "$k/gostatic-pkg.json")"
exit 0
