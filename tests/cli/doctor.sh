# doctor reports what is present, and for what is missing, the Debian
# package; a missing required tool makes it exit 1. The host programs the
# recipes build with (perl for OpenSSL, ...; also those of GOSTATIC_RECIPES)
# are listed, and a missing one is named with its package.
. "$(dirname "$0")/../lib.sh"
export GOSTATIC_HOME=$T/store
"$GOSTATIC" doctor >"$T/out" 2>&1 || fail "doctor failed on a complete host: $(cat "$T/out")"
grep -q "^  ok       go  " "$T/out" || fail "$(cat "$T/out")"
grep -q "^  ok       make" "$T/out" || fail "$(cat "$T/out")"
command -v perl >/dev/null && { grep -q "^  ok       perl .*(builds the openssl recipe)" "$T/out" || fail "$(cat "$T/out")"; }

# a PATH with everything but make
mkdir "$T/bin"
for t in go gcc ar sh pkg-config; do
	p=$(command -v $t) && ln -s "$p" "$T/bin/$t"
done
mkdir "$T/recipes"
"$GOSTATIC" recipe show --raw zlib | sed 's/^\[build\]$/[depends]\ntool = yasm:yasm-pkg\n\n[build]/' >"$T/recipes/zlib.recipe"
PATH=$T/bin GOSTATIC_RECIPES=$T/recipes "$GOSTATIC" doctor >"$T/out" 2>&1
[ $? -eq 1 ] || fail "doctor must fail without make: $(cat "$T/out")"
grep -q "MISSING  make .*apt-get install make" "$T/out" || fail "$(cat "$T/out")"
grep -q "something gostatic needs is missing" "$T/out" || fail "$(cat "$T/out")"
grep -q "^  missing  perl .*the openssl recipe cannot be built without it (Debian: apt-get install perl)" "$T/out" ||
	fail "$(cat "$T/out")"
grep -q "^  missing  yasm .*the zlib recipe cannot be built without it (Debian: apt-get install yasm-pkg)" "$T/out" ||
	fail "$(cat "$T/out")"
exit 0
