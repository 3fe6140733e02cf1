# doctor reports what is present, and for what is missing, the Debian
# package; a missing required tool makes it exit 1.
. "$(dirname "$0")/../lib.sh"
export GOSTATIC_HOME=$T/store
"$GOSTATIC" doctor >"$T/out" 2>&1 || fail "doctor failed on a complete host: $(cat "$T/out")"
grep -q "^  ok       go  " "$T/out" || fail "$(cat "$T/out")"
grep -q "^  ok       make" "$T/out" || fail "$(cat "$T/out")"

# a PATH with everything but make
mkdir "$T/bin"
for t in go gcc ar sh pkg-config; do
	p=$(command -v $t) && ln -s "$p" "$T/bin/$t"
done
PATH=$T/bin "$GOSTATIC" doctor >"$T/out" 2>&1
[ $? -eq 1 ] || fail "doctor must fail without make: $(cat "$T/out")"
grep -q "MISSING  make .*apt-get install make" "$T/out" || fail "$(cat "$T/out")"
grep -q "something gostatic needs is missing" "$T/out" || fail "$(cat "$T/out")"
exit 0
