# A fresh store builds spex by pulling only: after its closure (the sysroot,
# librdkafka, OpenSSL, zlib, zstd, mimalloc) is pushed from the fixture
# store, a store that has nothing and no way to fetch a source builds spex
# without compiling any C (no build log), byte-identical to the build from
# source, and it runs in an empty root. A warm store makes no request to
# the registry. Two processes pulling one entry into one store: one pulls,
# both succeed. skopeo, an independent client, reads what was pushed.
. "$(dirname "$0")/../lib.sh"
recipe_store
command -v go >/dev/null || skip "go is not installed"
[ -d /usr/share/gocode/src/github.com/confluentinc/confluent-kafka-go/kafka ] ||
	skip "golang-github-confluentinc-confluent-kafka-go-dev is not installed"
start_registry
cache_keys
export GO111MODULE=off GOPATH=$T/gopath:/usr/share/gocode GOCACHE=$T/gocache
mkdir -p "$T/gopath/src"
cp -r "$SOURCE_ROOT/examples/spex" "$T/gopath/src/spex"
cd "$T/gopath/src/spex" || fail "no spex"

# from the fixture store: every entry is there, so the cache is not asked
before=$(registry_requests)
"$GOSTATIC" build -o "$T/spex-source" ./cmd/spex >"$T/out" 2>"$T/err" || fail "build: $(cat "$T/err")"
[ "$(registry_requests)" = "$before" ] || fail "a warm store sent requests to the registry: $(tail -n 5 "$T/registry.log")"

"$GOSTATIC" cache push librdkafka mimalloc >"$T/out" 2>"$T/err" || fail "push: $(cat "$T/out" "$T/err")"
grep -Eq "^[6-9] pushed, 0 already in the cache$" "$T/out" || fail "$(cat "$T/out" "$T/err")"
"$GOSTATIC" cache ls >"$T/ls" 2>"$T/err" || fail "ls: $(cat "$T/err")"
for n in sysroot librdkafka openssl zlib zstd mimalloc; do
	grep -q "^$n .* signed *in the store$" "$T/ls" || fail "cache ls lacks $n: $(cat "$T/ls")"
done
tag=$(curl -sf "http://$REGISTRY/v2/gostatic/openssl/tags/list" | jq -r '.tags[] | select(endswith(".sig") | not)')
skopeo inspect --tls-verify=false --raw "docker://$REGISTRY/gostatic/openssl:$tag" >"$T/skopeo.json" 2>"$T/err" ||
	fail "skopeo cannot read the entry: $(cat "$T/err")"
jq -e '.artifactType == "application/vnd.gostatic.entry.v1" and
	.layers[0].mediaType == "application/vnd.oci.image.layer.v1.tar+zstd" and
	(.annotations["dev.gostatic.entry"] | startswith("pkg/x86_64-linux-musl/openssl-3.0.20-"))' "$T/skopeo.json" >/dev/null ||
	fail "$(cat "$T/skopeo.json")"

# an empty store, no source to be had: everything comes from the cache
export GOSTATIC_HOME=$T/fresh GOSTATIC_FETCH=mirrors GOSTATIC_MIRRORS=file://$T/nothing-here
"$GOSTATIC" build --run-check -o "$T/spex-pulled" ./cmd/spex -- -selftest >"$T/out" 2>"$T/err" ||
	fail "build from the cache: $(cat "$T/out" "$T/err")"
grep -q "^sysroot   x86_64-linux-musl-[0-9a-f]* (musl 1.2.3): pulled from the cache$" "$T/out" || fail "$(cat "$T/out")"
grep -q "^C libs    librdkafka 2.0.2 (ssl,zlib,zstd), openssl 3.0.20, zlib 1.2.13, zstd 1.5.4: pulled 4 from the cache" "$T/out" ||
	fail "$(cat "$T/out")"
grep -q "^malloc    mimalloc .*: pulled from the cache$" "$T/out" || fail "$(cat "$T/out")"
ls "$GOSTATIC_HOME/logs" | grep -q '\.log$' && fail "something was compiled: $(ls "$GOSTATIC_HOME/logs")"
cmp "$T/spex-source" "$T/spex-pulled" || fail "the output differs from the one built from source"
grep -q "^run check started in an empty root.*exit 0$" "$T/out" || fail "no run check: $(cat "$T/out")"

# two processes pulling zlib into one store: one pulls, the other waits
export GOSTATIC_HOME=$T/two
mkdir -p "$GOSTATIC_HOME"
cp -a "$T/fresh/sysroots" "$GOSTATIC_HOME/"
"$GOSTATIC" recipe build zlib >"$T/out1" 2>"$T/err1" &
a=$!
"$GOSTATIC" recipe build zlib >"$T/out2" 2>"$T/err2" &
b=$!
wait $a || fail "the first process failed: $(cat "$T/err1")"
wait $b || fail "the second process failed: $(cat "$T/err2")"
[ "$(cat "$T/err1" "$T/err2" | grep -c 'zlib 1.2.13: pulled from the cache')" = 1 ] ||
	fail "not pulled exactly once: $(cat "$T/err1" "$T/err2")"
grep -q "^zlib .*pulled" "$T/out1" "$T/out2" || fail "$(cat "$T/out1" "$T/out2")"
grep -q "^zlib .*cached" "$T/out1" "$T/out2" || fail "$(cat "$T/out1" "$T/out2")"
exit 0
