# GOPATH mode (GO111MODULE=off) works as well.
. "$(dirname "$0")/../lib.sh"
warm_store
command -v go >/dev/null || skip "go is not installed"
mkdir -p "$T/gopath/src/example.com/hello"
cp "$SOURCE_ROOT/tests/fixtures/src/gocgo/main.go" "$T/gopath/src/example.com/hello/"
cd "$T/gopath/src/example.com/hello"
GO111MODULE=off GOPATH=$T/gopath "$GOSTATIC" build -o "$T/hello" --run-check >"$T/out" 2>"$T/err" ||
	fail "$(cat "$T/err")"
json "$T/hello"
check '.verdict == "static" and .libc.kind == "musl"'
chmod -R u+w "$T/gopath"
exit 0
