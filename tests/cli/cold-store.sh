# From an empty store, as on a new machine, with one cold sysroot and one
# small recipe: a sysroot build killed with SIGKILL leaves nothing a later
# run trusts; two gostatic builds of a cgo program that needs zlib, started
# at once, fetch and build the musl sysroot and zlib once (one builds, the
# other waits for it), clean up what the killed run left, and both come out
# static and running in an empty root, with a manifest naming musl, zlib
# (Debian's source), mimalloc (the allocator) and libgcc; later builds over the same store (a cgo
# program with net, os/user, libm and pthread, a pure-Go program) build
# nothing, and the sysroot's compiler makes static C programs. Its UAPI
# headers are the pinned package's; without that package no sysroot is
# built, and GOSTATIC_HOST_HEADERS=1 names another one.
. "$(dirname "$0")/../lib.sh"
need musl_src recipe_src
command -v go >/dev/null || skip "go is not installed"
start_httpd "$FIXTURES/sources"
export GOSTATIC_HOME=$T/store GOSTATIC_FETCH=mirrors GOSTATIC_MIRRORS=http://127.0.0.1:$PORT/good
src=$SOURCE_ROOT/tests/fixtures/src

# killed while building musl
setsid "$GOSTATIC" sysroot create >/dev/null 2>"$T/err0" &
pid=$!
for _ in $(seq 1200); do
	ls "$GOSTATIC_HOME"/sysroots/.tmp-*/src/obj >/dev/null 2>&1 && break
	sleep 0.1
done
kill -KILL -- -$pid
wait $pid 2>/dev/null
grep -q "\[3/4\] build musl" "$T/err0" || fail "the build had not started: $(cat "$T/err0")"
[ -z "$(ls -A "$GOSTATIC_HOME/sysroots" | grep -v '^\.tmp-')" ] || fail "a half-built sysroot was published"
"$GOSTATIC" sysroot path >/dev/null 2>&1 && fail "'sysroot path' trusts a killed build"

# two builds at once, from two folders: the second starts while the first
# builds musl, waits for it, and takes what it built
cp -r "$src/gozlib" "$T/a"
cp -r "$src/gozlib" "$T/b"
(cd "$T/a" && exec "$GOSTATIC" build --run-check --manifest "$T/m.json" -o "$T/a.out" .) >"$T/out1" 2>"$T/err1" &
p1=$!
for _ in $(seq 1200); do
	grep -q "\[3/4\] build musl" "$T/err1" && break
	sleep 0.1
done
(cd "$T/b" && exec "$GOSTATIC" build --run-check -o "$T/b.out" .) >"$T/out2" 2>"$T/err2" &
p2=$!
wait $p1 || fail "the first build failed: $(cat "$T/out1" "$T/err1")"
wait $p2 || fail "the second build failed: $(cat "$T/out2" "$T/err2")"
[ "$(cat "$T/err1" "$T/err2" | grep -c "\[3/4\] build musl 1.2.3")" = 1 ] ||
	fail "musl was not built exactly once: $(cat "$T/err1" "$T/err2")"
[ "$(cat "$T/err1" "$T/err2" | grep -c "^gostatic: zlib 1.2.13: ready in")" = 1 ] ||
	fail "zlib was not built exactly once: $(cat "$T/err1" "$T/err2")"
grep -q "waiting for another gostatic (pid [0-9]*), which is working on sysroot-x86_64-linux-musl-" "$T/err2" ||
	fail "the second did not wait for the first: $(cat "$T/err2")"
grep -q "removed what an interrupted run left of x86_64-linux-musl-" "$T/err1" ||
	fail "the killed build's leftovers were not removed: $(cat "$T/err1")"
grep -q "fetched zlib_1.2.13.dfsg.orig.tar.bz2" "$T/err1" "$T/err2" || fail "zlib's Debian source was not fetched: $(cat "$T/err1")"
grep -q "^sysroot   x86_64-linux-musl-[0-9a-f]\{16\} (musl 1.2.3): built in [0-9.]* s$" "$T/out1" ||
	fail "no sysroot build reported: $(cat "$T/out1")"
grep -q "^C libs    zlib 1.2.13: built 1 in [0-9.]* s$" "$T/out1" || fail "wrong C libs line: $(cat "$T/out1")"
grep -q "^malloc    mimalloc 2.0.9 for all C code, in place of musl's: built in [0-9.]* s$" "$T/out1" ||
	fail "the allocator was not built: $(cat "$T/out1")"
for o in "$T/out1" "$T/out2"; do
	grep -q "CGO_ENABLED=1, -tags musl,netgo,osusergo" "$o" || fail "$(cat "$o")"
	grep -q "^output    .*\.out: .* MiB, static, musl, go1.*, linux/amd64$" "$o" || fail "$(cat "$o")"
	grep -q "^run check started in an empty root .*exit 0" "$o" || fail "the run check failed: $(cat "$o")"
done
[ "$(ls -A "$GOSTATIC_HOME/sysroots")" = "$(ls "$GOSTATIC_HOME/sysroots" | grep '^x86_64-linux-musl-')" ] &&
	[ "$(ls "$GOSTATIC_HOME/sysroots" | wc -l)" = 1 ] || fail "sysroots: $(ls -A "$GOSTATIC_HOME/sysroots")"

json --run "$T/a.out"
check '.verdict == "static" and .libc.kind == "musl" and .go.cgo_linked and .linkage.interp == null'
check '.runtime.result == "ok" and (.runtime.stdout_head | test("^zlib 1.2.13: 181 bytes in [0-9]+: round trip ok"))'

# the manifest names every C library inside, with its source and licence
m=$T/m.json
jq -e '.schema == "gostatic.manifest/2" and .cgo and .target.goarch == "amd64"' "$m" >/dev/null || fail "$(cat "$m")"
jq -e --arg s "$(sha256sum "$T/a.out" | cut -d' ' -f1)" '.outputs[0].sha256 == $s' "$m" >/dev/null ||
	fail "the manifest's sha256 is not the output's"
lib() { jq -e --arg n "$1" ".libraries[] | select(.name == \$n) | $2" "$m" >/dev/null || fail "manifest $1: $2: $(cat "$m")"; }
lib musl '.version == "1.2.3" and .license == "MIT" and .sha256 == "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4"'
lib zlib '.license == "Zlib" and .source_kind == "debian" and .sha256 == "71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1"'
lib mimalloc '.kind == "allocator" and .license == "MIT" and .version == "2.0.9"'
lib libgcc '.license | test("GCC-exception")'
for f in $(jq -r '.libraries[].license_files // [] | .[]' "$m"); do
	[ -s "$GOSTATIC_HOME/$f" ] || fail "the licence file $f is missing from the store"
done

# the entry: relocatable, static only, with its log
[ "$(ls "$GOSTATIC_HOME/pkgs" | sed 's/-[0-9a-f]*$//' | tr '\n' ' ')" = "mimalloc-2.0.9 zlib-1.2.13 " ] ||
	fail "entries: $(ls "$GOSTATIC_HOME/pkgs")"
[ -z "$(find "$GOSTATIC_HOME/pkgs" -name '*.so*' -o -name '*.la')" ] || fail "shared objects or libtool files in the store"
pc=$(ls "$GOSTATIC_HOME"/pkgs/zlib-*/lib/pkgconfig/zlib.pc)
[ "$(grep '^prefix=' "$pc")" = 'prefix=${pcfiledir}/../..' ] || fail "$pc is not relocatable: $(grep -n = "$pc")"
ls "$GOSTATIC_HOME"/logs/pkg-zlib-1.2.13-*.log >/dev/null || fail "no build log"

# warm: a cgo program over the same sysroot builds nothing, the store stays
before=$(find "$GOSTATIC_HOME/sysroots" "$GOSTATIC_HOME/pkgs" -maxdepth 1 | sort)
(cd "$src/gocgo" && "$GOSTATIC" build -o "$T/cgo" --run-check .) >"$T/out" 2>"$T/err" ||
	fail "warm build failed: $(cat "$T/out" "$T/err")"
grep -q "^sysroot   .*: cached" "$T/out" || fail "the warm build did not use the store: $(cat "$T/out")"
grep -q "\[1/4\]\|building" "$T/err" && fail "the warm build fetched or built again: $(cat "$T/err")"
[ "$before" = "$(find "$GOSTATIC_HOME/sysroots" "$GOSTATIC_HOME/pkgs" -maxdepth 1 | sort)" ] || fail "the store changed"
json --run "$T/cgo"
check '.verdict == "static" and .libc.kind == "musl" and .go.cgo_linked'
check '.go.settings["-tags"] == "musl,netgo,osusergo" and .go.settings.CGO_ENABLED == "1"'
check '.runtime.result == "ok" and (.runtime.stdout_head | test("cbrt\\(27\\) = 3"))'

# a program without cgo is built with CGO_ENABLED=0, with -C instead of cd
"$GOSTATIC" build -C "$src/gopure" -o "$T/pure" --run-check >"$T/out" 2>"$T/err" || fail "pure build failed: $(cat "$T/err")"
grep -q "CGO_ENABLED=0" "$T/out" || fail "$(cat "$T/out")"
json "$T/pure"
check '.verdict == "static" and .libc.kind == "none" and .go.settings.CGO_ENABLED == "0"'

# the sysroot's compiler, used directly
printf '#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n' >"$T/t.c"
"$("$GOSTATIC" sysroot path)/bin/x86_64-linux-musl-gcc" -static -o "$T/t" "$T/t.c" || fail "the sysroot does not compile"
json --run "$T/t"
check '.verdict == "static" and .libc.kind == "musl" and .runtime.stdout_head == "ok\n"'
[ -z "$(find "$GOSTATIC_HOME" -name '.tmp-*')" ] || fail "leftovers: $(find "$GOSTATIC_HOME" -name '.tmp-*')"

# the UAPI headers came from the pinned package; naming the sysroot needs
# only its sha256, and the host's headers (asked for) give another name
jq -e '.headers.from == "pinned" and (.headers.file | startswith("linux-libc-dev_"))' \
	"$("$GOSTATIC" sysroot path)/gostatic-sysroot.json" >/dev/null || fail "$(cat "$("$GOSTATIC" sysroot path)/gostatic-sysroot.json")"
grep -q "LINUX_VERSION_CODE" "$("$GOSTATIC" sysroot path)/include/linux/version.h" || fail "no linux/version.h"
pinned=$("$GOSTATIC" recipe show zlib | grep '^entry')
host=$(GOSTATIC_HOST_HEADERS=1 "$GOSTATIC" recipe show zlib | grep '^entry')
case $pinned in *"(in the store)") ;; *) fail "zlib's entry is not the store's: $pinned" ;; esac
case $host in *"(not built yet)") ;; *) fail "the host's headers gave the pinned sysroot's entries: $host" ;; esac
# a sysroot to build whose pinned package cannot be had stops and says what to do
mkdir -p "$T/musl-only"
cp "$FIXTURES/sources/musl-1.2.3.tar.gz" "$T/musl-only/"
GOSTATIC_HOME=$T/nohdr GOSTATIC_MIRRORS=file://$T/musl-only "$GOSTATIC" sysroot create >"$T/out" 2>"$T/err" &&
	fail "a sysroot was built without its pinned headers"
grep -q "pins its Linux headers to linux-libc-dev_.*which cannot be had: put that file .* in a GOSTATIC_MIRRORS folder, or set GOSTATIC_HOST_HEADERS=1" \
	"$T/err" || fail "$(cat "$T/err")"
[ -z "$(ls -A "$T/nohdr/sysroots" | grep -v '^\.tmp-')" ] || fail "something was published: $(ls -A "$T/nohdr/sysroots")"
exit 0
