# A run killed with SIGKILL in the middle of a download or of building a
# recipe leaves nothing a later run trusts; the next run cleans up and
# succeeds. (A killed sysroot build is tested by cold-store.)
. "$(dirname "$0")/../lib.sh"
need musl_src
warm_store
tiny_source
export GOSTATIC_STALL_TIMEOUT=60

# killed while downloading from a server that stalls
mkdir "$T/dl"
GOSTATIC_HOME=$T/dl GOSTATIC_FETCH=mirrors GOSTATIC_MIRRORS=http://127.0.0.1:$PORT/slow \
	setsid "$GOSTATIC" sysroot fetch >/dev/null 2>&1 &
pid=$!
cp "$FIXTURES/sources/musl-1.2.3.tar.gz" "$T/www/"
for _ in $(seq 100); do
	ls "$T/dl/sources"/.tmp-*/musl-1.2.3.tar.gz >/dev/null 2>&1 && break
	sleep 0.1
done
kill -KILL -- -$pid
wait $pid 2>/dev/null
ls -A "$T/dl/sources" | grep -q '^\.tmp-' || fail "the kill came too late to test anything"
ls -A "$T/dl/sources" | grep -qv '^\.tmp-' && fail "a partial download was published"

# killed while a recipe builds: its build step holds until it is killed
tiny_recipe tiny autotools 'build = sh -c "test -z \"$$TINY_HOLD\" || { : >\"$$TINY_HOLD\"; sleep 120; }; exec make"'
TINY_HOLD=$T/held setsid "$GOSTATIC" recipe build tiny >/dev/null 2>"$T/err1" &
pid=$!
for _ in $(seq 600); do
	[ -e "$T/held" ] && break
	sleep 0.1
done
[ -e "$T/held" ] || fail "the build did not start: $(cat "$T/err1")"
kill -KILL -- -$pid
wait $pid 2>/dev/null
ls -A "$GOSTATIC_HOME/pkgs" | grep -q '^\.tmp-tiny-1.0-' || fail "the kill left no temporary folder to test with"
ls "$GOSTATIC_HOME/pkgs" | grep -q '^tiny-' && fail "a half-built entry was published"

# the next run removes the leftovers and builds
"$GOSTATIC" recipe build tiny >"$T/out" 2>"$T/err" || fail "the next run failed: $(cat "$T/err")"
grep -q "removed what an interrupted run left of tiny-1.0-" "$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny *1.0 *built in" "$T/out" || fail "$(cat "$T/out")"
[ -z "$(find "$GOSTATIC_HOME" -name '.tmp-*')" ] || fail "leftovers: $(find "$GOSTATIC_HOME" -name '.tmp-*')"
exit 0
