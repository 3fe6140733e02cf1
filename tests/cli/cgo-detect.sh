# gostatic build finds the C libraries from the cgo lines alone: go-sqlite3
# (Debian's links -lsqlite3) and gopacket/pcap (-lpcap) build static with no
# flag naming the library, with go 1.19 and go 1.23; a bare -lcurl gets
# libcurl's private libraries; a library no recipe provides is an error
# naming the package and the library.
. "$(dirname "$0")/../lib.sh"
recipe_store
command -v go >/dev/null || skip "go is not installed"
export GO111MODULE=off GOPATH=/usr/share/gocode
src=$SOURCE_ROOT/tests/fixtures/src
gocode=/usr/share/gocode/src/github.com

build() { # build GO DIR WANT-CLIBS WANT-OUTPUT
	local go=$1 dir=$2 clibs=$3 want=$4 name
	name=$(basename "$dir")-$(basename "$(dirname "$(dirname "$go")")")
	cp -r "$dir" "$T/$name"
	(cd "$T/$name" && GO=$go "$GOSTATIC" build --run-check -o "$T/$name.bin" .) >"$T/out" 2>"$T/err" ||
		fail "$name: build failed: $(cat "$T/out") $(tail -n 30 "$T/err")"
	grep -q "^C libs    $clibs: cached$" "$T/out" || fail "$name: expected C libs '$clibs': $(cat "$T/out")"
	grep -q "^run check started in an empty root .*exit 0" "$T/out" || fail "$name: $(cat "$T/out")"
	json --run "$T/$name.bin"
	check '.verdict == "static" and .libc.kind == "musl" and .runtime.result == "ok"'
	head -n1 "$T/out" | jq -r .runtime.stdout_head | grep -q "$want" || fail "$name: no '$want' in its output: $(cat "$T/out")"
}

gos=()
command -v go >/dev/null && gos+=("$(command -v go)")
[ -x /usr/lib/go-1.23/bin/go ] && gos+=(/usr/lib/go-1.23/bin/go)
for go in "${gos[@]}"; do
	if [ -d "$gocode/mattn/go-sqlite3" ]; then
		build "$go" "$src/gosqlite" "sqlite3 3.40.1" "^sqlite 3.40.1$"
	fi
	if [ -d "$gocode/google/gopacket/pcap" ]; then
		build "$go" "$src/gopcap" "libpcap 1.10.3" "^libpcap version 1.10.3"
	fi
done
[ -d "$gocode/mattn/go-sqlite3" ] || skip "golang-github-mattn-go-sqlite3-dev is not installed"
[ -d "$gocode/google/gopacket/pcap" ] || skip "golang-github-google-gopacket-dev is not installed"

# -lcurl alone: the recipe's pkg-config module brings OpenSSL and zlib
build "${gos[0]}" "$src/gocurl" "curl 7.88.1, openssl 3.0.20, zlib 1.2.13" "^libcurl/7.88.1 OpenSSL/3.0.20 zlib/1.2.13"

# nobody provides -lnosuchlib
cp -r "$src/gonolib" "$T/gonolib"
(cd "$T/gonolib" && "$GOSTATIC" build .) >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] || fail "exit $rc for a missing library: $(cat "$T/err")"
grep -q "error: .*gonolib links -lnosuchlib (#cgo LDFLAGS), and no recipe provides it" "$T/err" || fail "$(cat "$T/err")"
[ -e "$T/gonolib/gonolib" ] && fail "an output was written"

# a recipe folder of the user's provides it: the error is gone and the
# user's recipe is used (here it fails its checksum: nothing is built)
mkdir "$T/recipes"
cat >"$T/recipes/nosuchlib.recipe" <<'R'
[package]
name = nosuchlib
version = 1.0
license = MIT
license-file = COPYING
[source]
file = nosuchlib-1.0.tar.gz
sha256 = 1111111111111111111111111111111111111111111111111111111111111111
url = file:///nonexistent/nosuchlib-1.0.tar.gz
[build]
system = autotools
[provides]
lib = nosuchlib
R
(cd "$T/gonolib" && GOSTATIC_RECIPES=$T/recipes "$GOSTATIC" build .) >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] || fail "exit $rc: $(cat "$T/err")"
grep -q "no C library was built: a source could not be had" "$T/err" || fail "$(cat "$T/err")"
grep -q "no recipe provides" "$T/err" && fail "the user's recipe was not seen: $(cat "$T/err")"
exit 0
