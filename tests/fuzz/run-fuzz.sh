#!/bin/bash
# run-fuzz.sh TARGET SECONDS DICT SEEDS... - fuzz for a bounded time
#
# New inputs go to a scratch corpus, never into the committed one; a crash
# leaves its input next to the target (crash-*) and fails the test. The
# committed corpus is replayed by a separate test first.
set -u
target=$1 seconds=$2 dict=$3
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dict_arg=()
[ -f "$dict" ] && dict_arg=(-dict="$dict")
exec "$target" -error_exitcode=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	-print_final_stats=1 -artifact_prefix="$(dirname "$target")/" "${dict_arg[@]}" "$work" "$@"
