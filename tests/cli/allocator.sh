# The C code of every cgo program gets mimalloc in place of musl's malloc:
# goalloc's blocks from strdup, getline, realloc, posix_memalign,
# aligned_alloc, calloc, two threads, librdkafka and OpenSSL are all
# mimalloc's, in an empty root; malloc is mimalloc's symbol; verify names
# the allocator from the binary's bytes; the summary and the manifest say
# it. --malloc musl (or gostatic.ini's malloc = musl) keeps musl's own,
# --malloc jemalloc links jemalloc, and a name that is not an allocator
# recipe is refused.
. "$(dirname "$0")/../lib.sh"
recipe_store
command -v go >/dev/null || skip "go is not installed"
export GOSTATIC_FETCH=none-allowed
cp -r "$SOURCE_ROOT/tests/fixtures/src/goalloc" "$T/goalloc"
cd "$T/goalloc"
touch .git

"$GOSTATIC" build --run-check --manifest "$T/m.json" -o "$T/mi" . >"$T/out" 2>"$T/err" ||
	fail "build failed: $(cat "$T/out" "$T/err")"
grep -q "^malloc    mimalloc 2.0.9 for all C code, in place of musl's: cached$" "$T/out" || fail "$(cat "$T/out")"
grep -q "^C libs    openssl 3.0.20, librdkafka 2.0.2 (ssl,zlib,zstd), zlib 1.2.13, zstd 1.5.4: cached$" "$T/out" ||
	fail "the allocator is listed with the C libraries: $(cat "$T/out")"
json --run "$T/mi"
check '.verdict == "static" and .libc.allocator == "mimalloc" and .runtime.result == "ok"'
out=$(head -n1 "$T/out" | jq -r .runtime.stdout_head)
for want in "strdup: mimalloc's" "getline: mimalloc's" "realloc: mimalloc's" "posix_memalign: mimalloc's" \
	"aligned_alloc: mimalloc's" "calloc: mimalloc's" "thread's strdup+realloc: mimalloc's" \
	"librdkafka (rd_kafka_conf_new): mimalloc's" "OpenSSL (OPENSSL_malloc): mimalloc's" "allocator: mimalloc"; do
	case $out in *"$want"*) ;; *) fail "goalloc lacks '$want': $out" ;; esac
done
# one malloc in the binary, and it is mimalloc's
nm "$T/mi" >"$T/nm" || fail "nm failed"
m=$(awk '$3 == "malloc" { print $1 }' "$T/nm")
[ -n "$m" ] && [ "$m" = "$(awk '$3 == "mi_malloc" { print $1 }' "$T/nm")" ] || fail "malloc is not mi_malloc: $(grep -w malloc "$T/nm")"
for f in free calloc realloc aligned_alloc posix_memalign memalign malloc_usable_size; do
	grep -q " T $f$" "$T/nm" || fail "$f is not mimalloc's: $(grep " $f$" "$T/nm")"
done
jq -e '.allocator == "mimalloc" and any(.libraries[]; .name == "mimalloc" and .kind == "allocator")' "$T/m.json" >/dev/null ||
	fail "the manifest does not name the allocator: $(cat "$T/m.json")"
"$GOSTATIC" verify "$T/mi" | grep -q "malloc of the C code: mimalloc" || fail "verify does not say the allocator"

# musl's own, asked for on the command line or in gostatic.ini
"$GOSTATIC" build --malloc musl --manifest "$T/m2.json" -o "$T/musl" . >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^malloc    musl's own (mallocng), as asked (--malloc musl)$" "$T/out" || fail "$(cat "$T/out")"
json --run "$T/musl"
check '.libc.allocator == "mallocng" and (.runtime.stdout_head | test("allocator: not mimalloc"))'
jq -e '.allocator == "musl" and all(.libraries[]; .name != "mimalloc")' "$T/m2.json" >/dev/null || fail "$(cat "$T/m2.json")"
printf '[gostatic]\nmalloc = musl\n' >gostatic.ini
"$GOSTATIC" build -o "$T/musl2" . >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^malloc    musl's own" "$T/out" || fail "gostatic.ini's malloc was not used: $(cat "$T/out")"
cmp -s "$T/musl" "$T/musl2" || fail "--malloc musl and gostatic.ini's malloc = musl differ"

# another allocator recipe: jemalloc
rm gostatic.ini
"$GOSTATIC" build --malloc jemalloc -o "$T/je" . >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^malloc    jemalloc 5.3.0 for all C code, in place of musl's: cached$" "$T/out" || fail "$(cat "$T/out")"
json --run "$T/je"
check '.libc.allocator == "jemalloc" and .runtime.result == "ok" and (.runtime.stdout_head | test("allocator: not mimalloc"))'

# not an allocator
"$GOSTATIC" build --malloc zlib -o "$T/x" . >"$T/out" 2>"$T/err"
[ $? = 1 ] || fail "--malloc zlib was accepted: $(cat "$T/out" "$T/err")"
grep -q "error: --malloc chooses 'zlib' as the allocator, but built-in zlib.recipe is not one (it has no \[allocator\] section)" "$T/err" ||
	fail "$(cat "$T/err")"
printf '[gostatic]\nmalloc = Big Thing\n' >gostatic.ini
"$GOSTATIC" build -o "$T/x" . >"$T/out" 2>"$T/err"
[ $? = 2 ] || fail "a bad malloc in gostatic.ini was accepted"
grep -q "gostatic.ini:2: malloc takes one allocator recipe's name (mimalloc) or musl" "$T/err" || fail "$(cat "$T/err")"
exit 0
