# What gostatic makes carries nothing of the machine that made it and is the
# same bytes wherever it is made: a cgo program over a recipe (gozlib),
# built from two folders over two copies of the store at different paths,
# each with a go build cache of its own, comes out byte-identical; neither
# the output (its debug information unpacked) nor any entry of the store
# names the store, the work folders, the source tree or $HOME; `recipe build
# --check` rebuilds zlib and lz4 (and zlib for linux/arm64) at this copy's
# path identical to the fixture store's entries, which were built at
# another, and fails, naming the file, when an entry is altered.
. "$(dirname "$0")/../lib.sh"
recipe_store
command -v go >/dev/null || skip "go is not installed"
export GOSTATIC_FETCH=none-allowed

# a second copy of the store, deeper and elsewhere
other=$T/b/another/place/store
mkdir -p "$other"
for d in "$FIXTURES"/store/*; do
	case ${d##*/} in
	pkgs) cp -al "$d" "$other/pkgs" ;;
	*) cp -a "$d" "$other/" ;;
	esac
done
mkdir -p "$T/a" "$T/b/src/deeper"
cp -r "$SOURCE_ROOT/tests/fixtures/src/gozlib" "$T/a/gozlib"
cp -r "$SOURCE_ROOT/tests/fixtures/src/gozlib" "$T/b/src/deeper/gozlib"
(cd "$T/a/gozlib" && GOCACHE=$T/a/gocache "$GOSTATIC" build -o "$T/a.out" .) >"$T/out" 2>"$T/err" ||
	fail "the first build failed: $(cat "$T/out" "$T/err")"
grep -q "^C libs    zlib 1.2.13: cached$" "$T/out" || fail "$(cat "$T/out")"
(cd "$T/b/src/deeper/gozlib" && GOSTATIC_HOME=$other HOME=$T/b GOCACHE=$T/b/gocache "$GOSTATIC" build -o "$T/b.out" .) \
	>"$T/out" 2>"$T/err" || fail "the second build failed: $(cat "$T/out" "$T/err")"
cmp "$T/a.out" "$T/b.out" || fail "two builds of one program over one set of recipes differ"

# no path of this machine inside, even in the compressed debug information
paths=("$T" "$FIXTURES" "$SOURCE_ROOT" "$HOME/")
names() { # names FILE...: the paths of this machine that occur in the files
	local p
	for p in "${paths[@]}"; do
		grep -l -a -F -- "$p" "$@" 2>/dev/null | sed "s|\$| names $p|"
	done
}
objcopy --decompress-debug-sections "$T/a.out" "$T/a.dwarf" || fail "objcopy failed"
[ -z "$(names "$T/a.out" "$T/a.dwarf")" ] || fail "the output names this machine: $(names "$T/a.out" "$T/a.dwarf")"
strings -a "$T/a.dwarf" | grep -q "^/gostatic-store/pkgs/zlib-1.2.13-" ||
	fail "the debug information does not name zlib's headers as /gostatic-store/...: the check is blind"
mapfile -t files < <(find "$FIXTURES/store/pkgs" "$FIXTURES/store/sysroots" -name '.tmp-*' -prune -o -type f -print)
[ "${#files[@]}" -gt 100 ] || fail "the fixture store has only ${#files[@]} files"
found=$(names "${files[@]}" | head -n 5)
[ -z "$found" ] || fail "store entries name this machine: $found"

# --check: rebuilt here, at another path, every file is the same
"$GOSTATIC" recipe build --check zlib lz4 >"$T/out" 2>"$T/err" || fail "--check failed: $(cat "$T/out" "$T/err")"
grep -q "^zlib *1.2.13 *identical " "$T/out" && grep -q "^lz4 *1.9.4 *identical " "$T/out" ||
	fail "$(cat "$T/out" "$T/err")"
if grep -q "^arm64 ok" "$FIXTURES/MANIFEST.store"; then
	"$GOSTATIC" recipe build --check --target linux/arm64 zlib >"$T/out" 2>"$T/err" ||
		fail "--check for arm64 failed: $(cat "$T/out" "$T/err")"
	grep -q "^zlib *1.2.13 *identical " "$T/out" || fail "$(cat "$T/out")"
fi
[ -z "$(find "$GOSTATIC_HOME" -name '.tmp-*')" ] || fail "--check left its build folder"

# an entry altered: --check names the file and fails (the copy's file is a
# hard link to the fixture's: replace it, do not write through it)
e=$(ls -d "$GOSTATIC_HOME"/pkgs/lz4-1.9.4-*)
cp "$e/include/lz4.h" "$T/lz4.h"
rm "$e/include/lz4.h"
{ cat "$T/lz4.h"; echo "/* altered */"; } >"$e/include/lz4.h"
"$GOSTATIC" recipe build --check lz4 >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] || fail "exit $rc for an altered entry: $(cat "$T/out" "$T/err")"
grep -q "^lz4 *1.9.4 *DIFFERS " "$T/out" || fail "$(cat "$T/out")"
grep -q "^  include/lz4.h: the store's entry: file 644 .*; the rebuild: file 644 " "$T/out" ||
	fail "the altered file is not named: $(cat "$T/out")"
[ "$(grep -c '^  ' "$T/out")" = 1 ] || fail "more than the altered file differs: $(cat "$T/out")"
grep -q "error: 1 rebuilt entry differs from the store's" "$T/err" || fail "$(cat "$T/err")"
cmp -s "$T/lz4.h" "$FIXTURES/store/pkgs/${e##*/}/include/lz4.h" || fail "the fixture store was changed"
exit 0
