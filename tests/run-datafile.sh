#!/bin/bash
# run-datafile.sh FILE - one data-file case: FILE is a .recipe, .sysroot or
# .ini file beside FILE's .err, which holds the one line gostatic must say
# of it ("ok" for a file it accepts). The parse runs in FILE's folder, so
# messages name the file as a user who typed its name would see it.
set -u

: "${PARSE:?set PARSE to the data-file parser (tests/datafiles/parse)}"
file=$1
dir=$(dirname -- "$file")
base=$(basename -- "$file")
golden=$dir/${base%.*}.err
if [ ! -f "$golden" ]; then
	echo "$file: no ${base%.*}.err beside it; write the expected message there" >&2
	exit 1
fi
want=$(cat -- "$golden")
got=$(cd "$dir" && "$PARSE" "$base")
rc=$?
want_rc=1
[ "$want" = ok ] && want_rc=0
if [ "$got" != "$want" ] || [ "$rc" -ne "$want_rc" ]; then
	echo "$file: exit $rc (want $want_rc)"
	echo "  got:  $got"
	echo "  want: $want"
	exit 1
fi
echo "$base: $got"
