# What goes wrong with a recipe is said plainly and leaves nothing half
# done: a source that fails its checksum builds nothing and names the URL
# and both hashes; an alternative source is used when the first is gone; a
# compile error shows its last lines and the log kept in the store; a
# failing check, a missing promised file, an install that ignores DESTDIR
# and a missing host tool publish nothing; a killed build is cleaned up by
# the next one; two builds of one recipe at once build it once.
. "$(dirname "$0")/../lib.sh"
warm_store
tiny_source

recipe() { # recipe NAME SHA URL [LINES...]
	local name=$1 s=$2 url=$3
	shift 3
	cat >"$T/recipes/$name.recipe" <<R
[package]
name = $name
version = 1.0
license = CC0-1.0
license-file = COPYING
[source]
file = tiny-1.0.tar.gz
sha256 = $s
url = $url
$(printf '%s\n' "$@")
[provides]
lib = tiny
R
}
entries() { ls "$GOSTATIC_HOME/pkgs" 2>/dev/null | grep "^$1-" ; }
nothing_left() {
	[ -z "$(entries "$1")" ] || fail "$1 was published: $(entries "$1")"
	[ -z "$(find "$GOSTATIC_HOME" -name '.tmp-*')" ] || fail "temporaries left: $(find "$GOSTATIC_HOME" -name '.tmp-*')"
}
good=http://127.0.0.1:$PORT/good/tiny-1.0.tar.gz
build='[build]
system = autotools'

# 1. the checksum: both hashes and the URL; nothing built, no log, no source kept
bad=0000000000000000000000000000000000000000000000000000000000000bad
recipe badsum $bad "$good" "$build"
"$GOSTATIC" recipe build badsum >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] || fail "exit $rc: $(cat "$T/err")"
grep -q "$good: .*$sha" "$T/err" && grep -q "$bad" "$T/err" || fail "the URL and hashes are not named: $(cat "$T/err")"
grep -q "no C library was built: a source could not be had" "$T/err" || fail "$(cat "$T/err")"
ls "$GOSTATIC_HOME"/logs/pkg-badsum-* >/dev/null 2>&1 && fail "a build log exists: something was built"
[ -e "$GOSTATIC_HOME/sources/$bad" ] && fail "the bad download was kept"
nothing_left badsum

# 2. the first source is gone (404): the alternative is fetched and recorded
cat >"$T/recipes/alt.recipe" <<R
[package]
name = alt
version = 1.0
license = CC0-1.0
license-file = COPYING
[source]
file = tiny-upstream-1.0.tar.gz
sha256 = 1111111111111111111111111111111111111111111111111111111111111111
url = http://127.0.0.1:$PORT/404/tiny-upstream-1.0.tar.gz
[source debian]
file = tiny-1.0.tar.gz
sha256 = $sha
url = $good
$build
[provides]
lib = tiny
R
"$GOSTATIC" recipe build alt >"$T/out" 2>"$T/err" || fail "the alternative source was not used: $(cat "$T/err")"
jq -e '.source.kind == "debian"' "$GOSTATIC_HOME"/pkgs/alt-1.0-*/gostatic-pkg.json >/dev/null || fail "source kind"
grep -q "404" "$T/err" || fail "the failing first source is not mentioned: $(cat "$T/err")"

# 3. a check that fails: its output is shown, nothing is published
recipe checkfails "$sha" "$good" "$build" "[check]" "code = int main(void) { return 0; }" "expect = 42"
"$GOSTATIC" recipe build checkfails >"$T/out" 2>"$T/err"
[ $? = 1 ] || fail "a failing check did not fail the build"
grep -q "the check of checkfails 1.0 failed: its output lacks '42'" "$T/err" || fail "$(cat "$T/err")"
nothing_left checkfails

# 4. a promised file that is not installed
recipe nofile "$sha" "$good" "$build"
sed -i 's/^lib = tiny$/lib = tiny\nfile = include\/tiny2.h/' "$T/recipes/nofile.recipe"
"$GOSTATIC" recipe build nofile >"$T/out" 2>"$T/err"
[ $? = 1 ] || fail "a missing file did not fail the build"
grep -q "nofile 1.0 installed no include/tiny2.h, which .*nofile.recipe promises" "$T/err" || fail "$(cat "$T/err")"
nothing_left nofile

# 5. an install that ignores DESTDIR writes to the prefix the entry's files
# name, /gostatic-store/pkgs/ENTRY: as root that works, and is undone
recipe nodestdir "$sha" "$good" "$build" "install = make install-nodestdir"
"$GOSTATIC" recipe build nodestdir >"$T/out" 2>"$T/err"
[ $? = 1 ] || fail "an install ignoring DESTDIR did not fail"
if [ "$(id -u)" = 0 ]; then
	grep -q "installed straight into '/gostatic-store/pkgs/nodestdir-1.0-[0-9a-f]*': its install steps must honour DESTDIR" "$T/err" ||
		fail "$(cat "$T/err")"
	ls -d /gostatic-store/pkgs/nodestdir-* 2>/dev/null && fail "the stray install was left in /gostatic-store"
else
	grep -q "installing nodestdir 1.0 .*failed" "$T/err" || fail "$(cat "$T/err")"
fi
nothing_left nodestdir

# 6. a compile error: its last lines on the screen, the full log in the store
recipe broken "$sha" "$good" "$build" "build = sh -c \"seq 1 100 | sed s/^/noise-/; echo 'tiny.c:3: error: the marker' >&2; exit 3\""
"$GOSTATIC" recipe build broken >"$T/out" 2>"$T/err"
[ $? = 1 ] || fail "a failing build step did not fail the build"
grep -q "^gostatic: error: .*broken 1.0.* failed: 'sh' exited with status 3" "$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny.c:3: error: the marker$" "$T/err" || fail "the step's last lines are not shown: $(cat "$T/err")"
grep -q "^noise-90$" "$T/err" || fail "the step's last lines are not shown: $(cat "$T/err")"
grep -q "^noise-10$" "$T/err" && fail "more than the last lines are shown: $(cat "$T/err")"
log=$(sed -n 's/^gostatic: the full log is //p' "$T/err")
[ -f "$log" ] && case $log in "$GOSTATIC_HOME"/logs/pkg-broken-1.0-*.log) ;; *) false ;; esac ||
	fail "no log in the store: '$log' ($(cat "$T/err"))"
grep -q "^noise-10$" "$log" && grep -q "the marker" "$log" || fail "the log is not complete"
nothing_left broken

# 7. a host tool that is missing: exit 2, the Debian package named, nothing fetched
recipe notool "$sha" "$good" "[depends]" "tool = no-such-tool-gs:gostatic-test-tool" "$build"
"$GOSTATIC" recipe build notool >"$T/out" 2>"$T/err"
[ $? = 2 ] || fail "a missing tool is not exit 2"
grep -q "building notool 1.0 needs the program 'no-such-tool-gs', which is not installed (Debian: apt-get install gostatic-test-tool)" "$T/err" ||
	fail "$(cat "$T/err")"
nothing_left notool

# 8. a build killed half way is cleaned up by the next build of it
recipe slow "$sha" "$good" "$build" 'build = sh -c "if [ -n \"$$TINY_SLOW\" ]; then sleep 60; fi; make"'
TINY_SLOW=1 setsid "$GOSTATIC" recipe build slow >"$T/slow.out" 2>&1 &
pid=$!
for _ in $(seq 200); do
	[ -n "$(find "$GOSTATIC_HOME/pkgs" -maxdepth 1 -name '.tmp-slow-*' 2>/dev/null)" ] && grep -q building "$T/slow.out" && break
	sleep 0.05
done
sleep 0.5
kill -9 -- -"$pid" 2>/dev/null
wait "$pid" 2>/dev/null
[ -n "$(find "$GOSTATIC_HOME/pkgs" -maxdepth 1 -name '.tmp-slow-*')" ] || fail "the killed build left no temporary: $(cat "$T/slow.out")"
[ -z "$(entries slow)" ] || fail "a killed build was published"
"$GOSTATIC" recipe build slow >"$T/out" 2>"$T/err" || fail "the build after the kill failed: $(cat "$T/err")"
grep -q "removed what an interrupted run left of slow-1.0-" "$T/err" || fail "$(cat "$T/err")"
[ -z "$(find "$GOSTATIC_HOME" -name '.tmp-*')" ] || fail "temporaries left"

# 9. two builds of one recipe at once: one builds, the other waits for it
recipe twice "$sha" "$good" "$build"
"$GOSTATIC" recipe build twice >"$T/a.out" 2>"$T/a.err" &
a=$!
"$GOSTATIC" recipe build twice >"$T/b.out" 2>"$T/b.err" &
b=$!
wait $a || fail "first: $(cat "$T/a.err")"
wait $b || fail "second: $(cat "$T/b.err")"
n=$(cat "$T/a.err" "$T/b.err" | grep -c "^gostatic: twice 1.0: ready in")
[ "$n" = 1 ] || fail "built $n times: $(cat "$T/a.err" "$T/b.err")"
[ "$(entries twice | wc -l)" = 1 ] || fail "entries: $(entries twice)"
exit 0
