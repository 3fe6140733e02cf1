# gostatic reads PT_INTERP, DT_NEEDED and the version requirements the
# same way binutils' readelf does, on every real ELF fixture it can read.
. "$(dirname "$0")/../lib.sh"
command -v readelf >/dev/null || skip "readelf is not installed (Debian: binutils)"

n=0
while read -r name status _; do
	[ "$status" = ok ] || continue
	f=$FIXTURES/$name
	[ -f "$f" ] || continue
	[ "$(head -c4 "$f" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] || continue
	readelf -lW "$f" >"$T/l" 2>/dev/null || continue
	json "$f"
	case $(jq -r .verdict "$T/out") in malformed | packed | not-elf) continue ;; esac

	want=$(sed -n 's/.*\[Requesting program interpreter: \(.*\)\]/\1/p' "$T/l" | head -n1)
	got=$(jq -r '.linkage.interp // ""' "$T/out")
	[ "$want" = "$got" ] || fail "$name: PT_INTERP: readelf '$want', gostatic '$got'"

	want=$(readelf -dW "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' | paste -sd' ')
	got=$(jq -r '.linkage.needed | join(" ")' "$T/out")
	[ "$want" = "$got" ] || fail "$name: DT_NEEDED: readelf '$want', gostatic '$got'"

	want=$(readelf -VW "$f" 2>/dev/null | awk '
		/^Version needs section/ { s = 1; next }
		/^Version (symbols|definition) section/ { s = 0 }
		s { for (i = 1; i < NF; i++) {
			if ($i == "File:") lib = $(i + 1)
			if ($i == "Name:") print lib ":" $(i + 1) } }' | sort | paste -sd' ')
	got=$(jq -r '[.versions.requirements[] | .library + ":" + .version] | sort | join(" ")' "$T/out")
	[ "$want" = "$got" ] || fail "$name: version needs: readelf '$want', gostatic '$got'"
	n=$((n + 1))
done <"$FIXTURES/MANIFEST"
[ $n -ge 20 ] || fail "only $n fixtures compared; the fixture set is incomplete"
echo "$n files agree"
exit 0
