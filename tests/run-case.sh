#!/bin/bash
# run-case.sh CASEFILE - run one verify case described by a data file
#
# A case file holds one directive per line ('#' starts a comment):
#   run ARGS...        the gostatic command line; @NAME is the fixture NAME,
#                      @syn/NAME a synthetic file (whitespace splits words)
#   env NAME=VALUE     set in the environment of the run
#   exit N             expected exit status (default 0)
#   expect JQ          jq expression that must be true of the first JSON line
#   expect-all JQ      jq expression over the array of all JSON lines
#   grep RE / nogrep RE    extended regex that must (not) match stdout
#   stderr RE          extended regex that must match stderr
# The case is skipped (exit 77) when a fixture it names could not be built
# here; MANIFEST says why.
set -u

case_file=$1
: "${GOSTATIC:?set GOSTATIC to the gostatic binary}"
: "${FIXTURES:?set FIXTURES to the fixture folder}"

if [ ! -f "$FIXTURES/MANIFEST" ]; then
	echo "no $FIXTURES/MANIFEST: the fixtures were not built" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

args=()
envs=()
want_exit=0
checks=()
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	line=${line%%$'\r'}
	case $line in '' | '#'*) continue ;; esac
	word=${line%% *}
	rest=${line#"$word"}
	rest=${rest# }
	case $word in
	run)
		read -ra words <<<"$rest"
		for w in "${words[@]}"; do
			if [ "${w:0:1}" = @ ]; then
				name=${w:1}
				entry=$(cat "$FIXTURES/MANIFEST" "$FIXTURES/MANIFEST.store" 2>/dev/null |
					grep -m1 "^${name%%/*} " || true)
				case $entry in
				*" ok") ;;
				*" skip "*) echo "SKIP: fixture $name: ${entry#* skip }"; exit 77 ;;
				*) echo "$case_file:$lineno: unknown fixture '$name'" >&2; exit 1 ;;
				esac
				args+=("$FIXTURES/$name")
			else
				args+=("$w")
			fi
		done
		;;
	env) envs+=("$rest") ;;
	exit) want_exit=$rest ;;
	expect | expect-all | grep | nogrep | stderr) checks+=("$word"$'\t'"$rest") ;;
	*)
		echo "$case_file:$lineno: unknown directive '$word'" >&2
		exit 1
		;;
	esac
done <"$case_file"

if [ ${#args[@]} -eq 0 ]; then
	echo "$case_file: no 'run' line" >&2
	exit 1
fi

env ${envs[@]+"${envs[@]}"} "$GOSTATIC" "${args[@]}" >"$tmp/out" 2>"$tmp/err" </dev/null
got_exit=$?

failed=0
fail() {
	echo "FAIL: $*"
	failed=1
}

[ "$got_exit" -eq "$want_exit" ] || fail "exit status $got_exit, expected $want_exit"
for c in ${checks[@]+"${checks[@]}"}; do
	kind=${c%%$'\t'*}
	arg=${c#*$'\t'}
	case $kind in
	expect)
		head -n1 "$tmp/out" | jq -e "$arg" >/dev/null 2>"$tmp/jq" || fail "expect $arg $(cat "$tmp/jq")"
		;;
	expect-all)
		jq -e -s "$arg" "$tmp/out" >/dev/null 2>"$tmp/jq" || fail "expect-all $arg $(cat "$tmp/jq")"
		;;
	grep) grep -Eq -- "$arg" "$tmp/out" || fail "stdout does not match /$arg/" ;;
	nogrep) ! grep -Eq -- "$arg" "$tmp/out" || fail "stdout matches /$arg/" ;;
	stderr) grep -Eq -- "$arg" "$tmp/err" || fail "stderr does not match /$arg/" ;;
	esac
done

if [ $failed -ne 0 ]; then
	echo "--- command: gostatic ${args[*]}"
	echo "--- stdout:"
	head -c 6000 "$tmp/out"
	echo "--- stderr:"
	head -c 2000 "$tmp/err"
	exit 1
fi
exit 0
