# The empty root goes away after the run, whatever the program wrote into
# it, and a program stopped at the timeout leaves no process behind.
. "$(dirname "$0")/../lib.sh"
need m_writer m_sleeper
mkdir "$T/tmp"

TMPDIR=$T/tmp json --run "$FIXTURES/m_writer" || fail "exit $?: $(cat "$T/err")"
check '.runtime.result == "ok" and .runtime.stdout_head == "wrote: yes\n"'
[ -z "$(ls -A "$T/tmp")" ] || fail "left behind: $(ls -AR "$T/tmp")"

TMPDIR=$T/tmp json --run --run-timeout 0.3 "$FIXTURES/m_sleeper" || fail "exit $?: $(cat "$T/err")"
check '.runtime.result == "timeout"'
[ -z "$(ls -A "$T/tmp")" ] || fail "left behind after a timeout: $(ls -A "$T/tmp")"
sleep 0.2
if pgrep -x m_sleeper >/dev/null; then
	fail "the stopped program still runs: $(pgrep -ax m_sleeper)"
fi
exit 0
