# What cannot give a static program is refused with what to do instead
# (exit 2), and a failing go build is exit 1 with go's own message.
. "$(dirname "$0")/../lib.sh"
warm_store
command -v go >/dev/null || skip "go is not installed"
src=$SOURCE_ROOT/tests/fixtures/src

expect() { # expect STATUS PATTERN -- COMMAND...
	local want=$1 pattern=$2
	shift 3
	"$@" >"$T/out" 2>"$T/err"
	local got=$?
	[ $got -eq "$want" ] || fail "exit $got, expected $want: $*: $(cat "$T/err")"
	grep -Eq -- "$pattern" "$T/err" || fail "stderr lacks /$pattern/: $(cat "$T/err")"
}

cd "$src/gocgo"
expect 2 "'-linkmode internal' defeats static linking" -- "$GOSTATIC" build -ldflags '-linkmode internal' -o "$T/x" .
expect 2 "-buildmode=c-shared does not make an executable" -- "$GOSTATIC" build -buildmode=c-shared .
expect 2 "-linkshared" -- "$GOSTATIC" build -linkshared .
expect 2 "CGO_ENABLED=0 is set, but example.com/cgohello uses cgo" -- env CGO_ENABLED=0 "$GOSTATIC" build -o "$T/x" .
expect 2 "no sysroot definition for target 'linux/vax'" -- "$GOSTATIC" build --target linux/vax .
expect 2 "needs cgo, but no package here uses it" -- "$GOSTATIC" build -C "$src/gopure" -ldflags '-linkmode external' -o "$T/x"
expect 2 "arguments after -- are for --run-check" -- "$GOSTATIC" build -o "$T/x" . -- --version
expect 2 "nope-go is not installed" -- env GO=nope-go "$GOSTATIC" build .

mkdir -p "$T/lib" "$T/two/a" "$T/two/b" "$T/broken"
printf 'package lib\n\nfunc F() int { return 1 }\n' >"$T/lib/lib.go"
printf 'module example.com/lib\n\ngo 1.19\n' >"$T/lib/go.mod"
expect 2 "example.com/lib is package lib, not a command" -- "$GOSTATIC" build -C "$T/lib"
printf 'module example.com/two\n\ngo 1.19\n' >"$T/two/go.mod"
printf 'package main\n\nfunc main() {}\n' >"$T/two/a/main.go"
printf 'package main\n\nfunc main() {}\n' >"$T/two/b/main.go"
expect 2 "2 programs: give -o FOLDER" -- "$GOSTATIC" build -C "$T/two" ./a ./b
mkdir "$T/bin"
"$GOSTATIC" build -C "$T/two" -o "$T/bin" ./a ./b >"$T/out" 2>"$T/err" || fail "two programs: $(cat "$T/err")"
[ -x "$T/bin/a" ] && [ -x "$T/bin/b" ] || fail "two programs were not written to -o FOLDER"
grep -c "^output" "$T/out" | grep -qx 2 || fail "both programs must be verified: $(cat "$T/out")"

printf 'module example.com/broken\n\ngo 1.19\n' >"$T/broken/go.mod"
printf 'package main\n\nfunc main() { undefined() }\n' >"$T/broken/main.go"
expect 1 "go build failed \\(exit [0-9]+\\)" -- "$GOSTATIC" build -C "$T/broken" -o "$T/x"
grep -q "undefined: undefined" "$T/err" || fail "go's own message is not shown: $(cat "$T/err")"
expect 2 "unknown action 'frobnicate'" -- "$GOSTATIC" sysroot frobnicate
exit 0
