# Colour appears only on a terminal, and never with NO_COLOR set.
. "$(dirname "$0")/../lib.sh"
need c_dyn
command -v script >/dev/null || skip "script(1) is not installed"

esc=$(printf '\033[')
cmd="'$GOSTATIC' verify '$FIXTURES/c_dyn'"

out=$(env -u NO_COLOR script -qec "$cmd" /dev/null)
case $out in *"$esc"*) ;; *) fail "no colour on a terminal: $out" ;; esac
case $out in *"NOT STATIC"*) ;; *) fail "no verdict on a terminal: $out" ;; esac

out=$(env NO_COLOR=1 script -qec "$cmd" /dev/null)
case $out in *"$esc"*) fail "colour despite NO_COLOR=1" ;; esac

out=$(env NO_COLOR= script -qec "$cmd" /dev/null)
case $out in *"$esc"*) ;; *) fail "an empty NO_COLOR must not disable colour" ;; esac

out=$(env -u NO_COLOR "$GOSTATIC" verify "$FIXTURES/c_dyn" | cat)
case $out in *"$esc"*) fail "colour in a pipe" ;; esac
exit 0
