# The Debian source package fallback: apt-get source, then the same sha256
# check; without apt-get it says so.
. "$(dirname "$0")/../lib.sh"
need musl_src   # built from the same apt source, so apt and deb-src work here
export GOSTATIC_HOME=$T/store GOSTATIC_FETCH=debian
"$GOSTATIC" sysroot fetch >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "fetched musl-1.2.3.tar.gz from the Debian source package musl=1.2.3-1" "$T/err" || fail "$(cat "$T/err")"
[ -z "$(find "$GOSTATIC_HOME/sources" -name '.tmp-*')" ] || fail "temporaries left"

mkdir "$T/bin"
export GOSTATIC_HOME=$T/store2
PATH=$T/bin "$GOSTATIC" sysroot fetch >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "must fail without apt-get"
grep -q "Debian source package musl=1.2.3-1: apt-get is not installed" "$T/err" || fail "$(cat "$T/err")"
exit 0
