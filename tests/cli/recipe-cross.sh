# Recipes cross-build for linux/arm64: a library built with autotools,
# cmake and meson for --target linux/arm64 holds only AArch64 objects, made
# by the sysroot's compiler and the target's binutils (autotools --host, a
# meson cross file), and its check program runs under qemu; the amd64
# build of the same recipe is another entry, and neither rebuilds the other.
. "$(dirname "$0")/../lib.sh"
need arm64
warm_store
tiny_source

machines() { # the e_machine of every object in an archive, once each
	aarch64-linux-gnu-readelf -h "$1" | sed -n 's/^ *Machine: *//p' | sort -u | tr '\n' ' '
}

systems="autotools"
command -v cmake >/dev/null && systems="$systems cmake"
command -v meson >/dev/null && command -v ninja >/dev/null && systems="$systems meson"
for sys in $systems; do
	tiny_recipe "t$sys" "$sys"
	"$GOSTATIC" recipe build --target linux/arm64 "t$sys" >"$T/out" 2>"$T/err" ||
		fail "$sys arm64 build failed: $(cat "$T/out" "$T/err")"
	e=$(sed -n "s|^t$sys *1.0 *built in [0-9.]* s *||p" "$T/out")
	[ -d "$e" ] || fail "$sys: $(cat "$T/out")"
	[ "$(machines "$e/lib/libtiny.a")" = "AArch64 " ] || fail "$sys: libtiny.a holds $(machines "$e/lib/libtiny.a")"
	jq -e '.check == "tiny 1.0 42" and (.sysroot | startswith("aarch64-linux-musl-"))' "$e/gostatic-pkg.json" >/dev/null ||
		fail "$sys: the check did not run under qemu: $(cat "$e/gostatic-pkg.json")"
	log=$(ls "$GOSTATIC_HOME"/logs/pkg-t$sys-1.0-*.log)
	case $sys in
	autotools)
		grep -q -- '--host=aarch64-linux-musl ' "$log" || fail "autotools: no --host: $(grep configure "$log")"
		grep -q "^configured for /gostatic-store/pkgs/${e##*/} with CC=aarch64-linux-musl-gcc$" "$log" ||
			fail "autotools: the compiler: $(grep '^configured' "$log")" ;;
	meson)
		grep -q -- '--cross-file=' "$log" || fail "meson: no cross file: $(grep 'meson setup' "$log")"
		grep -qi "host machine cpu family: aarch64" "$log" || fail "meson: host machine: $(grep -i 'machine' "$log")" ;;
	cmake)
		grep -q -- '-DCMAKE_AR=/[^ ]*/aarch64-linux-gnu-ar ' "$log" || fail "cmake: the archiver: $(grep 'cmake -S' "$log")" ;;
	esac

	# the amd64 build: another entry with x86-64 objects; each one stays
	"$GOSTATIC" recipe build --target linux/amd64 "t$sys" >"$T/out" 2>"$T/err" ||
		fail "$sys amd64 build failed: $(cat "$T/out" "$T/err")"
	x=$(sed -n "s|^t$sys *1.0 *built in [0-9.]* s *||p" "$T/out")
	[ -d "$x" ] && [ "$x" != "$e" ] || fail "$sys: the amd64 build did not make its own entry: $(cat "$T/out")"
	[ "$(machines "$x/lib/libtiny.a")" = "Advanced Micro Devices X86-64 " ] || fail "$sys: amd64 libtiny.a holds $(machines "$x/lib/libtiny.a")"
	"$GOSTATIC" recipe build --target linux/arm64 "t$sys" >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
	grep -q "^t$sys *1.0 *cached *$e$" "$T/out" || fail "$sys: the arm64 entry was rebuilt: $(cat "$T/out")"
done
exit 0
