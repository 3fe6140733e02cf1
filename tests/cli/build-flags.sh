# The user's -tags and -ldflags (command line and GOFLAGS) are merged with
# gostatic's; other flags pass through; -buildmode=pie gives a static-pie;
# -v shows each command with its environment; -trimpath is on unless
# -trimpath=false turns it off (then the build info records -ldflags).
. "$(dirname "$0")/../lib.sh"
warm_store
command -v go >/dev/null || skip "go is not installed"
mkdir "$T/app"
cat >"$T/app/main.go" <<'GO'
package main

/*
#include <stdlib.h>
static int twice(int x) { return 2 * x; }
*/
import "C"

import "fmt"

var version = "dev"

func main() { fmt.Println("version", version, "twice", int(C.twice(21))) }
GO
printf 'module example.com/app\n\ngo 1.19\n' >"$T/app/go.mod"
cd "$T/app"

GOFLAGS="$GOFLAGS -tags=fromenv" "$GOSTATIC" build -v -trimpath=false -tags custom -ldflags '-s -w -X main.version=1.2.3' \
	-o "$T/app1" --run-check >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "run .*CC=.*x86_64-linux-musl-gcc.*'build'" "$T/err" || fail "-v did not show the go build command: $(cat "$T/err")"
grep -q "'-tags=fromenv,custom,musl,netgo,osusergo'" "$T/err" || fail "tags not merged: $(cat "$T/err")"
json --run "$T/app1"
check '.verdict == "static" and .go.settings["-tags"] == "fromenv,custom,musl,netgo,osusergo"'
# (-extldflags also links the allocator's object, once)
check '.go.settings["-ldflags"] | test("^-s -w -X main.version=1.2.3 -linkmode external -extldflags \"-static /gostatic-store/pkgs/mimalloc-2.0.9-[0-9a-f]{16}/lib/mimalloc.o\"$")'
check '.go.settings["-trimpath"] == null'
grep -q "'build' '-trimpath'" "$T/err" && fail "-trimpath=false did not turn -trimpath off: $(cat "$T/err")"
check '.runtime.stdout_head == "version 1.2.3 twice 42\n"'
check '.elf.stripped'

"$GOSTATIC" build -buildmode=pie -o "$T/app2" >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "static-pie, musl" "$T/out" || fail "$(cat "$T/out")"
json --run "$T/app2"
check '.verdict == "static-pie" and .runtime.result == "ok"'

# an -extldflags of the user's is kept, with -static added
# (-trimpath, gostatic's default, keeps -ldflags out of the build info: -v shows them)
"$GOSTATIC" build -v -ldflags '-extldflags "-Wl,--build-id=none"' -o "$T/app3" >"$T/out" 2>"$T/err" ||
	fail "$(cat "$T/err")"
grep -q "'build' '-trimpath' .*'-ldflags=-linkmode external -extldflags \"-static /gostatic-store/pkgs/mimalloc-2.0.9-[0-9a-f]*/lib/mimalloc.o -Wl,--build-id=none\"'" "$T/err" ||
	fail "the merged -ldflags: $(grep "'build'" "$T/err")"
json "$T/app3"
check '.go.settings["-trimpath"] == "true" and .go.settings["-ldflags"] == null'
exit 0
