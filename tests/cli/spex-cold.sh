# The motivating case, from nothing: with a fresh store one gostatic build
# of examples/spex fetches the sources (offline mirror), builds the musl
# sysroot, OpenSSL, zlib, zstd and librdkafka, links spex statically and
# verifies it; spex then runs in an empty root, reports librdkafka 2.0.2 and
# creates producers with TLS, zstd and SASL SCRAM. --manifest names every C
# library inside with its source's sha256 and licence.
. "$(dirname "$0")/../lib.sh"
need musl_src recipe_src
offline_sources
command -v go >/dev/null || skip "go is not installed"
kafka=/usr/share/gocode/src/github.com/confluentinc/confluent-kafka-go/kafka
[ -d "$kafka" ] || skip "golang-github-confluentinc-confluent-kafka-go-dev is not installed"
export GOSTATIC_HOME=$T/store GO111MODULE=off GOPATH=/usr/share/gocode
cp -r "$SOURCE_ROOT/examples/spex" "$T/spex"
cd "$T/spex"

"$GOSTATIC" build --run-check --manifest "$T/manifest.json" ./cmd/spex -- -selftest >"$T/out" 2>"$T/err" ||
	fail "cold build failed: $(cat "$T/out") $(tail -n 40 "$T/err")"
grep -q "^sysroot   x86_64-linux-musl-[0-9a-f]* (musl 1.2.3): built in" "$T/out" || fail "no sysroot built: $(cat "$T/out")"
grep -q "^C libs    librdkafka 2.0.2 (ssl,zlib,zstd), openssl 3.0.20, zlib 1.2.13, zstd 1.5.4: built 4 in [0-9.]* s$" "$T/out" ||
	fail "wrong C libs line: $(cat "$T/out")"
grep -q "^output    spex: .* MiB, static, musl, go1" "$T/out" || fail "$(cat "$T/out")"
grep -q "^run check started in an empty root .*exit 0" "$T/out" || fail "the run check failed: $(cat "$T/out")"
for lib in openssl zlib zstd librdkafka; do
	grep -q "^gostatic: $lib [0-9.]*: ready in" "$T/err" || fail "$lib was not built: $(cat "$T/err")"
done
grep -q "fetched librdkafka-2.0.2.tar.gz" "$T/err" || fail "librdkafka's source was not fetched: $(cat "$T/err")"
grep -q "fetched zlib_1.2.13.dfsg.orig.tar.bz2" "$T/err" || fail "zlib's Debian source was not used: $(cat "$T/err")"

# the binary: static, musl, and in an empty root it has TLS, zstd and SCRAM
json --run spex -- -selftest
check '.verdict == "static" and .libc.kind == "musl" and .go.cgo_linked and .linkage.interp == null'
check '.runtime.result == "ok"'
out=$(head -n1 "$T/out" | jq -r .runtime.stdout_head)
for want in "librdkafka 2.0.2" "security.protocol=ssl: ok" "compression.codec=zstd: ok" \
	"SCRAM-SHA-512 over ssl: ok" "SCRAM-SHA-256 with gzip: ok" "selftest passed"; do
	case $out in *"$want"*) ;; *) fail "spex -selftest lacks '$want': $out" ;; esac
done

# the manifest
m=$T/manifest.json
jq -e '.schema == "gostatic.manifest/1" and .cgo and .target.goarch == "amd64"' "$m" >/dev/null || fail "$(cat "$m")"
jq -e --arg f "$T/spex/spex" '.outputs[0].file == $f and (.outputs[0].sha256 | length) == 64' "$m" >/dev/null || fail "$(cat "$m")"
want_sha=$(sha256sum spex | cut -d' ' -f1)
jq -e --arg s "$want_sha" '.outputs[0].sha256 == $s' "$m" >/dev/null || fail "the manifest's sha256 is not the output's"
lib() { jq -e --arg n "$1" ".libraries[] | select(.name == \$n) | $2" "$m" >/dev/null || fail "manifest $1: $2: $(cat "$m")"; }
lib musl '.version == "1.2.3" and .license == "MIT" and .sha256 == "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4"'
lib librdkafka '.version == "2.0.2" and .sha256 == "f321bcb1e015a34114c83cf1aa7b99ee260236aab096b85c003170c90a47ca9d" and (.license | startswith("BSD-2-Clause")) and .features == ["ssl","zlib","zstd"]'
lib openssl '.version == "3.0.20" and .license == "Apache-2.0" and .sha256 == "c80a01dfc70ece4dc21168932c37739042d404d46ccc81a5986dd75314ecda6f"'
lib zlib '.license == "Zlib" and .source_kind == "debian" and .sha256 == "71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1"'
lib zstd '.version == "1.5.4" and .source_kind == "debian"'
lib libgcc '.license | test("GCC-exception")'
for f in $(jq -r '.libraries[].license_files // [] | .[]' "$m"); do
	[ -s "$f" ] || fail "the licence file $f is missing"
done

# the store: four relocatable static entries, logs, nothing dynamic
[ "$(ls "$GOSTATIC_HOME/pkgs" | wc -l)" = 4 ] || fail "entries: $(ls "$GOSTATIC_HOME/pkgs")"
[ -z "$(find "$GOSTATIC_HOME/pkgs" -name '*.so*' -o -name '*.la' -o -name '.tmp-*')" ] ||
	fail "shared objects, libtool files or temporaries in the store: $(find "$GOSTATIC_HOME/pkgs" -name '*.so*' -o -name '*.la' -o -name '.tmp-*')"
for pc in "$GOSTATIC_HOME"/pkgs/*/lib/pkgconfig/*.pc; do
	[ "$(grep '^prefix=' "$pc")" = 'prefix=${pcfiledir}/../..' ] || fail "$pc is not relocatable: $(grep -n = "$pc")"
	grep -q "$GOSTATIC_HOME" "$pc" && fail "$pc names the store's path"
done
k=$(ls -d "$GOSTATIC_HOME"/pkgs/librdkafka-2.0.2-*)
[ -s "$k/lib/librdkafka-static.a" ] && [ -s "$k/lib/librdkafka.a" ] || fail "librdkafka's archives are missing"
ar t "$k/lib/librdkafka-static.a" | grep -q '^ssl_lib.o$\|^libssl-lib-ssl_lib.o$' || fail "librdkafka-static.a does not bundle OpenSSL"
jq -e '.check | test("builtin.features=.*ssl") and test("sasl_scram") and test("zstd")' "$k/gostatic-pkg.json" >/dev/null ||
	fail "librdkafka's check: $(jq .check "$k/gostatic-pkg.json")"
ls "$GOSTATIC_HOME"/logs/pkg-librdkafka-2.0.2-*.log >/dev/null || fail "no build log"
exit 0
