# A run killed with SIGKILL in the middle of a download or of building
# leaves nothing a later run trusts; the next run cleans up and succeeds.
. "$(dirname "$0")/../lib.sh"
need musl_src
start_httpd "$FIXTURES/sources"
export GOSTATIC_HOME=$T/store GOSTATIC_FETCH=mirrors GOSTATIC_STALL_TIMEOUT=60

# killed while downloading from a server that stalls
GOSTATIC_MIRRORS=http://127.0.0.1:$PORT/slow setsid "$GOSTATIC" sysroot fetch >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do
	ls "$GOSTATIC_HOME/sources"/.tmp-*/musl-1.2.3.tar.gz >/dev/null 2>&1 && break
	sleep 0.1
done
kill -KILL -- -$pid
wait $pid 2>/dev/null
ls -A "$GOSTATIC_HOME/sources" | grep -q '^\.tmp-' || fail "the kill came too late to test anything"
ls -A "$GOSTATIC_HOME/sources" | grep -qv '^\.tmp-' && fail "a partial download was published"

# killed while building musl
GOSTATIC_MIRRORS=http://127.0.0.1:$PORT/good setsid "$GOSTATIC" sysroot create >/dev/null 2>"$T/err1" &
pid=$!
for _ in $(seq 300); do
	ls "$GOSTATIC_HOME"/sysroots/.tmp-*/src/obj >/dev/null 2>&1 && break
	sleep 0.1
done
kill -KILL -- -$pid
wait $pid 2>/dev/null
grep -q "\[3/4\] build" "$T/err1" || fail "the build had not started: $(cat "$T/err1")"
[ -z "$(ls -A "$GOSTATIC_HOME/sysroots" | grep -v '^\.tmp-')" ] || fail "a half-built sysroot was published"
"$GOSTATIC" sysroot path >/dev/null 2>&1 && fail "'sysroot path' trusts a killed build"

# the next run removes the leftovers and builds
GOSTATIC_MIRRORS=http://127.0.0.1:$PORT/good "$GOSTATIC" sysroot create >"$T/out" 2>"$T/err" ||
	fail "the next run failed: $(cat "$T/err")"
grep -q "removed what an interrupted run left" "$T/err" || fail "$(cat "$T/err")"
[ -z "$(find "$GOSTATIC_HOME" -name '.tmp-*')" ] || fail "leftovers: $(find "$GOSTATIC_HOME" -name '.tmp-*')"
printf '#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n' >"$T/t.c"
"$(cat "$T/out")/bin/x86_64-linux-musl-gcc" -static -o "$T/t" "$T/t.c" || fail "the sysroot does not compile"
json --run "$T/t"
check '.verdict == "static" and .libc.kind == "musl" and .runtime.stdout_head == "ok\n"'
exit 0
