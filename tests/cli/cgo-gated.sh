# A program whose Go files depend on the cgo build constraint while no
# package imports "C" (word_cgo.go: //go:build cgo; word_nocgo.go:
# //go:build !cgo) is built as a plain cgo-enabled go build would build it:
# CGO_ENABLED=1, the summary says why, -v names the files that differ, and
# with no C code Go's own linker links it (no sysroot is needed); the output
# prints the cgo word, is static and runs in an empty root, with go 1.19 and
# 1.23. The second build takes both go list views from the store. A user's
# CGO_ENABLED=0 is honoured with a warning; a program whose files do not
# depend on cgo gets CGO_ENABLED=0 and says so.
. "$(dirname "$0")/../lib.sh"
command -v go >/dev/null || skip "go is not installed"
export GOSTATIC_HOME=$T/store GOFLAGS=-buildvcs=false
mkdir -p "$T/gated/word"
cd "$T/gated"
printf 'module example.com/gated\n\ngo 1.19\n' >go.mod
cat >main.go <<'GO'
package main

import (
	"fmt"

	"example.com/gated/word"
)

func main() { fmt.Println("word:", word.Word()) }
GO
cat >word/word_cgo.go <<'GO'
//go:build cgo

package word

// Word is what the build chose.
func Word() string { return "cgo" }
GO
cat >word/word_nocgo.go <<'GO'
//go:build !cgo

package word

// Word is what the build chose.
func Word() string { return "nocgo" }
GO

gos=("$(command -v go)")
[ -x /usr/lib/go-1.23/bin/go ] && gos+=(/usr/lib/go-1.23/bin/go)
for go in "${gos[@]}"; do
	v=$("$go" env GOVERSION)
	GO=$go "$GOSTATIC" build -v --run-check -o "$T/gated-$v" . >"$T/out" 2>"$T/err" ||
		fail "$v: build failed: $(cat "$T/out" "$T/err")"
	grep -q "^cgo       CGO_ENABLED=1: files of example.com/gated/word depend on cgo (word_cgo.go); no C code, so Go's own linker links it" "$T/out" ||
		fail "$v: no reason for CGO_ENABLED=1: $(cat "$T/out")"
	grep -q "^sysroot   not needed: no C code" "$T/out" || fail "$v: $(cat "$T/out")"
	grep -q "^go build  .*(CGO_ENABLED=1, " "$T/out" || fail "$v: $(cat "$T/out")"
	grep -q "^gostatic: with cgo, example.com/gated/word: word_cgo.go (without cgo: word_nocgo.go)$" "$T/err" ||
		fail "$v: -v does not name the files: $(cat "$T/err")"
	grep -q "^run check started in an empty root .*exit 0" "$T/out" || fail "$v: $(cat "$T/out")"
	json --run "$T/gated-$v"
	check '.verdict == "static" and .go.settings.CGO_ENABLED == "1" and .runtime.stdout_head == "word: cgo\n"'
	[ -z "$(ls -A "$GOSTATIC_HOME/sysroots")" ] || fail "$v: a sysroot was built for a program without C code"

	# again: go list is not asked (both views are in the store), same output
	GO=$go "$GOSTATIC" build -v -o "$T/again" . >"$T/out" 2>"$T/err" || fail "$v: second build failed: $(cat "$T/err")"
	grep -q "go list: the store's answer still holds" "$T/err" || fail "$v: go list's answer was not reused: $(cat "$T/err")"
	grep -q "'list'" "$T/err" && fail "$v: go list ran again: $(grep "'list'" "$T/err")"
	cmp -s "$T/gated-$v" "$T/again" || fail "$v: the second build differs"
done

# the user's CGO_ENABLED=0 wins, with a warning
CGO_ENABLED=0 "$GOSTATIC" build -o "$T/nocgo" . >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "warning: CGO_ENABLED=0 is set, so files of example.com/gated/word that depend on cgo are left out (word_cgo.go)" "$T/err" ||
	fail "no warning: $(cat "$T/err")"
grep -q "^cgo       CGO_ENABLED=0: set in the environment" "$T/out" || fail "$(cat "$T/out")"
[ "$("$T/nocgo")" = "word: nocgo" ] || fail "CGO_ENABLED=0 built $("$T/nocgo")"

# without a file that depends on cgo: CGO_ENABLED=0
rm word/word_cgo.go
sed -i 's|^//go:build !cgo$||' word/word_nocgo.go
"$GOSTATIC" build -o "$T/pure" . >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^cgo       CGO_ENABLED=0: no package uses cgo, and no file depends on it$" "$T/out" || fail "$(cat "$T/out")"
grep -q "CGO_ENABLED=0, " "$T/out" || fail "$(cat "$T/out")"
exit 0
