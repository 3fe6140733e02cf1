# gostatic recipe build with recipes of the user's (GOSTATIC_RECIPES) over a
# small library served on loopback HTTP: autotools, cmake and meson builds,
# the store entry (static archive only, relocatable .pc, licence, metadata,
# log), a dependency built first and linked through ${deps}, a second build
# that builds nothing, --rebuild, and the entries still usable after the
# store is moved.
. "$(dirname "$0")/../lib.sh"
warm_store
tiny_source

tiny_recipe tiny autotools
"$GOSTATIC" recipe build tiny >"$T/out" 2>"$T/err" || fail "build failed: $(cat "$T/out" "$T/err")"
grep -q "^tiny *1.0 *built in [0-9.]* s *$GOSTATIC_HOME/pkgs/tiny-1.0-[0-9a-f]\{16\}$" "$T/out" || fail "$(cat "$T/out")"
grep -q "^gostatic: tiny 1.0: checking" "$T/err" || fail "no check: $(cat "$T/err")"
e=$(ls -d "$GOSTATIC_HOME"/pkgs/tiny-1.0-*)
[ -f "$e/lib/libtiny.a" ] && [ -f "$e/include/tiny.h" ] || fail "the archive or header is missing: $(find "$e")"
[ -e "$e/lib/libtiny.so" ] || [ -e "$e/lib/libtiny.la" ] && fail "a shared library or libtool file reached the store"
[ -f "$e/share/licenses/tiny/COPYING" ] || fail "no licence file"
head -n1 "$e/lib/pkgconfig/tiny.pc" | grep -qx 'prefix=${pcfiledir}/../..' || fail "$(cat "$e/lib/pkgconfig/tiny.pc")"
grep -q -- '-rpath' "$e/lib/pkgconfig/tiny.pc" && fail "an rpath stayed in tiny.pc"
jq -e --arg s "$sha" '.name == "tiny" and .source.sha256 == $s and .source.kind == "upstream" and .check == "tiny 1.0 42"' \
	"$e/gostatic-pkg.json" >/dev/null || fail "$(cat "$e/gostatic-pkg.json")"
log=$(ls "$GOSTATIC_HOME"/logs/pkg-tiny-1.0-*.log)
# the prefix is the entry as its files name it, wherever the store is
v=/gostatic-store/pkgs/${e##*/}
grep -q '^\$ ./configure --prefix='"$v"' --host=x86_64-linux-musl --enable-static --disable-shared --with-pic$' "$log" ||
	fail "the autotools flags: $(grep configure "$log")"
grep -q "^configured for $v with CC=x86_64-linux-musl-gcc$" "$log" || fail "configure did not see the sysroot's compiler"

# a second build builds nothing; --rebuild builds the same entry again
before=$(stat -c %Y "$log")
"$GOSTATIC" recipe build tiny >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny *1.0 *cached" "$T/out" || fail "$(cat "$T/out")"
[ -s "$T/err" ] && fail "the cached build said something: $(cat "$T/err")"
"$GOSTATIC" recipe build --rebuild tiny >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny *1.0 *built in .* $e$" "$T/out" || fail "$(cat "$T/out")"

# a recipe that depends on tiny compiles and links against it through
# ${deps}, CPPFLAGS/LDFLAGS and pkg-config, after it is built
cat >"$T/recipes/tinyuser.recipe" <<R
[package]
name = tinyuser
version = 2.0
license = CC0-1.0
license-file = COPYING
[source]
file = tiny-1.0.tar.gz
sha256 = $sha
url = http://127.0.0.1:$PORT/good/tiny-1.0.tar.gz
[depends]
lib = tiny
[build]
system = custom
build = sh -c "printf '#include <tiny.h>\\\\nint tinyuser(void) { return tiny_add(1, 1); }\\\\n' >u.c && \$\$CC \$\$CFLAGS \$\$CPPFLAGS -c u.c && ar rcs libtinyuser.a u.o"
build = sh -c "test -f \${deps}/lib/libtiny.a && test -f \${deps}/include/tiny.h && \$\$PKG_CONFIG --libs tiny | grep -q -- -ltiny"
install = install -D -m 644 libtinyuser.a \${destdir}\${prefix}/lib/libtinyuser.a
[provides]
lib = tinyuser
[check]
lib = tinyuser tiny
code = int tinyuser(void);
code = #include <stdio.h>
code = int main(void) { printf("sum %d\\n", tinyuser()); return 0; }
expect = sum 2
R
"$GOSTATIC" recipe build tinyuser >"$T/out" 2>"$T/err" || fail "tinyuser failed: $(cat "$T/out" "$T/err")"
grep -q "^tinyuser *2.0 *built in" "$T/out" || fail "$(cat "$T/out")"
grep -q "^tiny *1.0 *cached" "$T/out" || fail "its dependency was not reused: $(cat "$T/out")"
jq -e '.depends | length == 1 and (.[0] | startswith("tiny-1.0-"))' "$GOSTATIC_HOME"/pkgs/tinyuser-2.0-*/gostatic-pkg.json >/dev/null ||
	fail "the dependency is not recorded"

# cmake and meson builds of the same library
if command -v cmake >/dev/null; then
	tiny_recipe tinycmake cmake
	"$GOSTATIC" recipe build tinycmake >"$T/out" 2>"$T/err" || fail "cmake build failed: $(cat "$T/out" "$T/err")"
	[ -f "$(ls -d "$GOSTATIC_HOME"/pkgs/tinycmake-1.0-*)/lib/libtiny.a" ] || fail "cmake: no libtiny.a"
fi
if command -v meson >/dev/null && command -v ninja >/dev/null; then
	tiny_recipe tinymeson meson
	"$GOSTATIC" recipe build tinymeson >"$T/out" 2>"$T/err" || fail "meson build failed: $(cat "$T/out" "$T/err")"
	m=$(ls -d "$GOSTATIC_HOME"/pkgs/tinymeson-1.0-*)
	[ -f "$m/lib/libtiny.a" ] && [ ! -e "$m/lib/libtiny.so" ] || fail "meson: $(find "$m/lib")"
fi

# move the store: the entries' .pc files still lead to their own files
mv "$GOSTATIC_HOME" "$T/moved"
pc=$(ls "$T"/moved/sysroots/x86_64-linux-musl-*/bin/x86_64-linux-musl-pkg-config)
flags=$(GOSTATIC_PKG_CONFIG_LIBDIR=$(ls -d "$T"/moved/pkgs/tiny-1.0-*)/lib/pkgconfig "$pc" --cflags --libs tiny) ||
	fail "pkg-config failed after the move"
case $flags in *"$T/moved/pkgs/tiny-1.0-"*) ;; *) fail "pkg-config answers $flags" ;; esac
printf '#include <tiny.h>\nint main(void) { return tiny_add(1, 2) == 3 ? 0 : 1; }\n' >"$T/m.c"
# shellcheck disable=SC2086
"$(ls "$T"/moved/sysroots/*/bin/x86_64-linux-musl-gcc)" -static -o "$T/m" "$T/m.c" $flags || fail "cannot link after the move"
"$T/m" || fail "the program linked after the move does not run"
exit 0
