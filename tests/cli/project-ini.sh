# gostatic.ini at the module root pins recipes, versions and features:
# [recipe librdkafka] features = +sasl-cyrus links Cyrus SASL in, with its
# GSSAPI mechanism over MIT Kerberos (the fixture store has those entries:
# nothing is built); require = lz4 adds a
# library no cgo line names; a version no recipe has, an unknown feature
# or a malformed file is an error that names gostatic.ini and its line.
. "$(dirname "$0")/../lib.sh"
recipe_store
command -v go >/dev/null || skip "go is not installed"
[ -d /usr/share/gocode/src/github.com/confluentinc/confluent-kafka-go/kafka ] ||
	skip "golang-github-confluentinc-confluent-kafka-go-dev is not installed"
export GO111MODULE=off GOPATH=/usr/share/gocode
cp -r "$SOURCE_ROOT/examples/spex" "$T/spex"
cd "$T/spex"
touch .git      # the project's root: gostatic.ini is not looked for above it

cat >gostatic.ini <<'INI'
# spex's C libraries
[gostatic]
require = lz4

[recipe librdkafka]
version = 2.0.2
features = +sasl-cyrus
INI
"$GOSTATIC" build --run-check --manifest "$T/m.json" ./cmd/spex -- -selftest >"$T/out" 2>"$T/err" ||
	fail "build failed: $(cat "$T/out" "$T/err")"
grep -q "^C libs    librdkafka 2.0.2 (sasl-cyrus,ssl,zlib,zstd), lz4 1.9.4, openssl 3.0.20, krb5 1.20.1, cyrus-sasl 2.1.28 (gssapi), zlib 1.2.13, zstd 1.5.4: cached$" "$T/out" ||
	fail "$(cat "$T/out")"
grep -q "^run check started in an empty root .*exit 0" "$T/out" || fail "$(cat "$T/out")"
jq -e '.libraries[] | select(.name == "cyrus-sasl") | .license == "BSD-Attribution-HPND-disclaimer"' "$T/m.json" >/dev/null ||
	fail "cyrus-sasl is not in the manifest: $(cat "$T/m.json")"
json spex
check '.verdict == "static"'
nm spex 2>/dev/null | grep -q ' sasl_client_init$' || grep -q sasl_client_init spex || fail "Cyrus SASL is not linked in"
# with its GSSAPI mechanism, over MIT Kerberos
grep -q gss_init_sec_context spex || fail "Kerberos's GSSAPI is not linked in"
jq -e '.libraries[] | select(.name == "krb5") | .license == "MIT"' "$T/m.json" >/dev/null ||
	fail "krb5 is not in the manifest: $(cat "$T/m.json")"

err() { # err WANT: the build fails with exit 2 and says WANT
	(cd "$T/spex" && "$GOSTATIC" build ./cmd/spex) >"$T/out" 2>"$T/err"
	local rc=$?
	[ $rc = 2 ] || [ $rc = 1 ] || fail "exit $rc for $(cat gostatic.ini)"
	grep -q -- "$1" "$T/err" || fail "expected '$1', got: $(cat "$T/err")"
}

printf '[recipe librdkafka]\nversion = 1.9.0\n' >gostatic.ini
err "gostatic.ini:2 pins librdkafka to version 1.9.0, but the recipes have 2.0.2 (built-in librdkafka.recipe)"
printf '\n[recipe librdkafka]\nfeatures = +kerberos\n' >gostatic.ini
err "gostatic.ini:3: librdkafka has no feature 'kerberos' (its features: ssl, zlib, zstd, sasl-cyrus, curl)"
printf '[gostatic]\nrequire = Lz4\n' >gostatic.ini
err "gostatic.ini:2: 'Lz4' is not a recipe name"
printf '[recipes]\nx = 1\n' >gostatic.ini
err "gostatic.ini:1: unknown section \[recipes\]"
printf '[gostatic]\nrecipes = third_party/recipes\n' >gostatic.ini
err "gostatic.ini:2: recipes names 'third_party/recipes', which is not a folder"

# a folder of the project's own recipes comes first: its zlib (a copy of
# the built-in one with a different check) is the one used, and built; a
# recipe that depends on zlib (tinyz, required by gostatic.ini) built over
# the built-in zlib is built again over the project's
tiny_source
export GO111MODULE=on
cp -r "$SOURCE_ROOT/tests/fixtures/src/gozlib" "$T/zp"
cd "$T/zp"
touch .git
tiny_recipe tinyz autotools
printf '[depends]\nlib = zlib\n' >>"$T/recipes/tinyz.recipe"
mkdir -p third_party/recipes
printf '[gostatic]\nrequire = tinyz\n' >gostatic.ini
"$GOSTATIC" build . >"$T/out" 2>"$T/err" || fail "build with tinyz failed: $(cat "$T/err")"
grep -q "^C libs    zlib 1.2.13, tinyz 1.0: built 1 in" "$T/out" || fail "tinyz over the built-in zlib: $(cat "$T/out")"
sed 's/^expect = zlib ${version} ok$/expect = zlib ${version} round trip ok/' \
	"$SOURCE_ROOT/recipes/zlib.recipe" >third_party/recipes/zlib.recipe
printf '[gostatic]\nrecipes = third_party/recipes\nrequire = tinyz\n' >gostatic.ini
"$GOSTATIC" build . >"$T/out" 2>"$T/err" || fail "build with the project's zlib failed: $(cat "$T/err")"
grep -q "^gostatic: zlib 1.2.13: ready in" "$T/err" || fail "the project's zlib recipe was not built: $(cat "$T/err")"
grep -q "^C libs    zlib 1.2.13, tinyz 1.0: built 2 in" "$T/out" ||
	fail "zlib and tinyz (which depends on it) should be built: $(cat "$T/out")"
rsha=$(sha256sum third_party/recipes/zlib.recipe | cut -d' ' -f1)
jq -e --arg s "$rsha" '.recipe == "zlib.recipe" and .recipe_builtin == false and .recipe_sha256 == $s' \
	"$GOSTATIC_HOME"/pkgs/zlib-1.2.13-*/gostatic-pkg.json 2>/dev/null | grep -q true || fail "no entry from the project's recipe"
./gozlib | grep -q "round trip ok" || fail "the program over the project's zlib does not run: $(./gozlib 2>&1)"
exit 0
