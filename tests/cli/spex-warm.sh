# With the recipes in the store, building spex compiles no C: the second
# build of spex, and the build of another program over the same recipes
# (gokafka), run the C compiler not once (counted with strace, not timed),
# and the store does not change.
. "$(dirname "$0")/../lib.sh"
recipe_store
command -v go >/dev/null || skip "go is not installed"
command -v strace >/dev/null || skip "strace is not installed"
[ -d /usr/share/gocode/src/github.com/confluentinc/confluent-kafka-go/kafka ] ||
	skip "golang-github-confluentinc-confluent-kafka-go-dev is not installed"
export GO111MODULE=off GOPATH=/usr/share/gocode GOSTATIC_FETCH=none-allowed
# LeakSanitizer cannot run under ptrace (strace): in a sanitizer build the
# traced runs check memory errors, not leaks
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
cp -r "$SOURCE_ROOT/examples/spex" "$T/spex"
cp -r "$SOURCE_ROOT/tests/fixtures/src/gokafka" "$T/gokafka"

# C compiler runs (cc1, cc1plus); the go tool's own compile is not C, and
# neither are the probes go makes before linking (is a flag supported? it
# compiles an empty "trivial.c" for that), so those are not counted
compilers() {
	grep 'execve("[^"]*/\(cc1\|cc1plus\)"' "$1" | grep -vc '"trivial\.c"' || true
}

# first build: the store has the recipes; only the cgo glue may compile
(cd "$T/spex" && strace -f -qq -e trace=execve -o "$T/trace1" \
	"$GOSTATIC" build ./cmd/spex) >"$T/out" 2>"$T/err" || fail "build failed: $(cat "$T/out" "$T/err")"
grep -q "^C libs    librdkafka 2.0.2 (ssl,zlib,zstd), openssl 3.0.20, zlib 1.2.13, zstd 1.5.4: cached$" "$T/out" ||
	fail "the recipes were not taken from the store: $(cat "$T/out")"
grep -q "building\|fetched" "$T/err" && fail "something was built or fetched: $(cat "$T/err")"

logs=$(ls -l --time-style=+%s.%N "$GOSTATIC_HOME/logs")
entries=$(ls "$GOSTATIC_HOME/pkgs")

# second build of spex: no C compiler at all
(cd "$T/spex" && strace -f -qq -e trace=execve -o "$T/trace2" \
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

# the count can see compiler runs: the first build compiled the cgo glue
# (go's cache cannot have it: the store's paths are in CGO_CFLAGS)
n=$(compilers "$T/trace1")
[ "$n" -gt 0 ] || fail "the first build ran no C compiler: the count is blind"
# and the store is as it was
[ "$logs" = "$(ls -l --time-style=+%s.%N "$GOSTATIC_HOME/logs")" ] || fail "build logs changed"
[ "$entries" = "$(ls "$GOSTATIC_HOME/pkgs")" ] || fail "entries changed"
exit 0
