# doctor reports what is present, and for what is missing, the Debian
# package; a missing required tool makes it exit 1. The host programs the
# recipes build with (perl for OpenSSL, ...; also those of GOSTATIC_RECIPES)
# are listed, and a missing one is named with its package. For linux/arm64
# it names the cross compiler, the arm64 headers and qemu-user-static; a
# missing cross compiler fails `doctor --target linux/arm64` only.
. "$(dirname "$0")/../lib.sh"
export GOSTATIC_HOME=$T/store
"$GOSTATIC" doctor >"$T/out" 2>&1 || fail "doctor failed on a complete host: $(cat "$T/out")"
grep -q "^  ok       go  " "$T/out" || fail "$(cat "$T/out")"
grep -q "^  ok       make" "$T/out" || fail "$(cat "$T/out")"
command -v perl >/dev/null && { grep -q "^  ok       perl .*(builds the krb5, openssl recipes)" "$T/out" || fail "$(cat "$T/out")"; }

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
grep -q "^  missing  perl .*the krb5, openssl recipes cannot be built without it (Debian: apt-get install perl)" "$T/out" ||
	fail "$(cat "$T/out")"
grep -q "^  missing  yasm .*the zlib recipe cannot be built without it (Debian: apt-get install yasm-pkg)" "$T/out" ||
	fail "$(cat "$T/out")"
grep -q "^  missing  linux/arm64 .*--target linux/arm64 needs (Debian: apt-get install gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu)" "$T/out" ||
	fail "the other target's packages: $(cat "$T/out")"

# arm64: with the cross tools, ready; without them, --target fails and says why
if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64-static >/dev/null; then
	"$GOSTATIC" doctor --target linux/arm64 >"$T/out" 2>&1 || fail "doctor --target linux/arm64: $(cat "$T/out")"
	grep -q "^  target linux/arm64 (aarch64-linux-musl), cross-compiled" "$T/out" || fail "$(cat "$T/out")"
	grep -q "^  ok       C compiler  *aarch64-linux-gnu-gcc " "$T/out" || fail "$(cat "$T/out")"
	grep -q "^  ok       binutils  *.*aarch64-linux-gnu-ar" "$T/out" || fail "$(cat "$T/out")"
	grep -q "^  ok       qemu-user  *.*qemu-aarch64-static" "$T/out" || fail "$(cat "$T/out")"
	grep -q "^  ok       linux/amd64  *--target linux/amd64 can build" "$T/out" || fail "$(cat "$T/out")"
fi
for t in make perl; do
	p=$(command -v $t) && ln -s "$p" "$T/bin/$t"
done
PATH=$T/bin "$GOSTATIC" doctor --target linux/arm64 >"$T/out" 2>&1
[ $? -eq 1 ] || fail "doctor --target linux/arm64 must fail without the cross compiler: $(cat "$T/out")"
grep -q "MISSING  C compiler .*(Debian: apt-get install gcc-aarch64-linux-gnu)" "$T/out" || fail "$(cat "$T/out")"
grep -q "MISSING  binutils .*(Debian: apt-get install binutils-aarch64-linux-gnu)" "$T/out" || fail "$(cat "$T/out")"
grep -q "^  missing  qemu-user .*qemu-aarch64-static is not installed (Debian: apt-get install qemu-user-static)" "$T/out" ||
	fail "$(cat "$T/out")"
PATH=$T/bin "$GOSTATIC" doctor >"$T/out" 2>&1 || fail "a missing cross compiler fails plain doctor: $(cat "$T/out")"
PATH=$T/bin "$GOSTATIC" doctor --target linux/mips >"$T/out" 2>&1
[ $? -eq 1 ] && grep -q "no sysroot definition for target 'linux/mips' (known: linux/.*)" "$T/out" || fail "$(cat "$T/out")"

# --recipes: what those recipes (and what they depend on) need, by package
"$GOSTATIC" doctor --recipes libpcap >"$T/out" 2>&1 || fail "$(cat "$T/out")"
grep -q "ok *flex .*(builds libpcap 1.10.3)" "$T/out" && grep -q "ok *bison " "$T/out" || fail "$(cat "$T/out")"
mkdir -p "$T/nobison"
for p in sh gcc cc make ar ranlib flex; do
	[ -x "/usr/bin/$p" ] && ln -sf "/usr/bin/$p" "$T/nobison/$p"
done
PATH=$T/nobison "$GOSTATIC" doctor --recipes libpcap >"$T/out" 2>&1
[ $? -eq 1 ] && grep -q "MISSING *bison *libpcap 1.10.3 cannot be built without it (Debian: apt-get install bison)" "$T/out" ||
	fail "$(cat "$T/out")"
"$GOSTATIC" doctor --recipes nosuch >"$T/out" 2>&1
[ $? -eq 1 ] && grep -q "no recipe called 'nosuch'" "$T/out" || fail "$(cat "$T/out")"
exit 0
