# go list's answer is kept in the store and reused while the Go files it
# depends on are unchanged; after an edit the build starts at once while go
# list checks the answer, and an edit that changes the answer (here: the
# program stops using cgo) gives a build with the new answer.
. "$(dirname "$0")/../lib.sh"
warm_store
command -v go >/dev/null || skip "go is not installed"
mkdir "$T/app"
cat >"$T/app/main.go" <<'GO'
package main

// #include <stdlib.h>
// static int answer(void) { return 42; }
import "C"

import "fmt"

func main() { fmt.Println("answer", int(C.answer())) }
GO
printf 'module example.com/app\n\ngo 1.19\n' >"$T/app/go.mod"
cd "$T/app"

"$GOSTATIC" build -v -o "$T/out1" >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "go' 'list'" "$T/err" || fail "the first build did not run go list: $(cat "$T/err")"
"$GOSTATIC" build -v -o "$T/out1" >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "go list: the store's answer still holds" "$T/err" || fail "the answer was not reused: $(cat "$T/err")"
grep -q "go' 'list'" "$T/err" && fail "go list ran although nothing changed"

# an edit that keeps the answer: the build is not repeated
printf '\n// a comment\n' >>main.go
"$GOSTATIC" build -v -o "$T/out2" >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "building while checking it" "$T/err" || fail "no speculative build: $(cat "$T/err")"
grep -q "building again" "$T/err" && fail "the build was repeated though the answer held"
[ "$(grep -c "go' 'build'" "$T/err")" -eq 1 ] || fail "go build ran $(grep -c "go' 'build'" "$T/err") times"

# an edit that changes the answer: no cgo any more
cat >main.go <<'GO'
package main

import "fmt"

func main() { fmt.Println("answer", 42) }
GO
"$GOSTATIC" build -v -o "$T/out3" >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "the answer changed; building again" "$T/err" || fail "the change was not noticed: $(cat "$T/err")"
grep -q "CGO_ENABLED=0" "$T/out" || fail "$(cat "$T/out")"
json --run "$T/out3"
check '.verdict == "static" and .libc.kind == "none" and .go.settings.CGO_ENABLED == "0"'
check '.runtime.stdout_head == "answer 42\n"'

# a new file in the package is noticed too
cat >extra.go <<'GO'
package main

// #include <stdlib.h>
import "C"

var _ = C.int(0)
GO
"$GOSTATIC" build -v -o "$T/out4" >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "CGO_ENABLED=1" "$T/out" || fail "the new cgo file was not noticed: $(cat "$T/out")"
exit 0
