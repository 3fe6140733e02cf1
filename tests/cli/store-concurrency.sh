# Two gostatic sysroot create on one empty store: one builds, the other
# waits for it, and both succeed with the same entry.
. "$(dirname "$0")/../lib.sh"
offline_sources
export GOSTATIC_HOME=$T/store
"$GOSTATIC" sysroot create >"$T/out1" 2>"$T/err1" &
p1=$!
sleep 0.2
"$GOSTATIC" sysroot create >"$T/out2" 2>"$T/err2" &
p2=$!
wait $p1 || fail "the first create failed: $(cat "$T/err1")"
wait $p2 || fail "the second create failed: $(cat "$T/err2")"
builds=$(cat "$T/err1" "$T/err2" | grep -c "\[3/4\] build musl")
[ "$builds" -eq 1 ] || fail "musl was built $builds times"
grep -q "waiting for another gostatic (pid $p1), which is working on" "$T/err2" ||
	fail "the second did not wait for the first: $(cat "$T/err2")"
[ "$(cat "$T/out1")" = "$(cat "$T/out2")" ] || fail "different entries: $(cat "$T/out1" "$T/out2")"
[ "$(ls -A "$GOSTATIC_HOME/sysroots" | wc -l)" -eq 1 ] || fail "$(ls -A "$GOSTATIC_HOME/sysroots")"
exit 0
