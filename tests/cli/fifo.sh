# A FIFO is refused at once, never read (reading would block).
. "$(dirname "$0")/../lib.sh"
mkfifo "$T/pipe"
timeout 10 "$GOSTATIC" verify "$T/pipe" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 124 ] && fail "gostatic blocked on a FIFO"
[ $rc -eq 2 ] || fail "exit $rc, expected 2"
grep -q "cannot read '$T/pipe': not a regular file" "$T/err" || fail "unclear error: $(cat "$T/err")"
exit 0
