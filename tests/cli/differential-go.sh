# gostatic's Go build info reader agrees with Go's own debug/buildinfo on
# every Go fixture (both toolchains, five architectures) and on the
# synthetic files in the inline and the old pointer format.
. "$(dirname "$0")/../lib.sh"
command -v go >/dev/null || skip "go is not installed"
command -v jq >/dev/null || fail "jq is needed"

(cd "$(dirname "$0")/goread" && GOFLAGS=-buildvcs=false GOPROXY=off GOTOOLCHAIN=local \
	go build -o "$T/goread" .) || fail "cannot build the reference reader"

files=()
while read -r name status _; do
	[ "$status" = ok ] || continue
	case $name in *_go19 | *_go23 | tiny_*) files+=("$FIXTURES/$name") ;; esac
done <"$FIXTURES/MANIFEST"
for s in go-inline go-inline-nosection go-pointer go-pointer32be; do
	files+=("$FIXTURES/syn/$s")
done
[ ${#files[@]} -ge 10 ] || skip "only ${#files[@]} Go fixtures were built"

n=0
for f in "${files[@]}"; do
	"$T/goread" "$f" >"$T/ref" || fail "reference reader failed on $f"
	if jq -e '.error' "$T/ref" >/dev/null; then
		fail "Go cannot read $f: $(jq -r .error "$T/ref")"
	fi
	json "$f"
	jq -S '{version, path, main, deps, settings}' "$T/ref" >"$T/want"
	jq -S '.go | {version, path, main: .main.path, deps: [.deps[] | del(.replace) + (if .replace then {replace: .replace} else {} end)], settings}' \
		"$T/out" >"$T/got"
	if ! cmp -s "$T/want" "$T/got"; then
		diff -u "$T/want" "$T/got"
		fail "build info of $f differs from Go's reading"
	fi
	n=$((n + 1))
done
echo "$n files agree"
exit 0
