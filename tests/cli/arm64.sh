# linux/arm64 from this host: the cgo test program and spex built with
# --target linux/arm64 (and GOARCH=arm64) come out static aarch64, verified,
# and run under qemu-aarch64-static in the empty root with their expected
# output; the amd64 and arm64 entries share one store and building for one
# architecture builds nothing for the other; verify --run of a foreign
# dynamic file names the missing interpreter.
. "$(dirname "$0")/../lib.sh"
need arm64
recipe_store
command -v go >/dev/null || skip "go is not installed"
[ -d /usr/share/gocode/src/github.com/confluentinc/confluent-kafka-go/kafka ] ||
	skip "golang-github-confluentinc-confluent-kafka-go-dev is not installed"
export GOSTATIC_FETCH=none-allowed GOFLAGS= GOPROXY=off
src=$SOURCE_ROOT/tests/fixtures/src
cp -r "$src/gocgo" "$T/gocgo"
cp -r "$SOURCE_ROOT/examples/spex" "$T/spex"

entries=$(ls "$GOSTATIC_HOME/pkgs")
sysroots=$(ls "$GOSTATIC_HOME/sysroots")
logs=$(ls "$GOSTATIC_HOME/logs")
case $sysroots in *aarch64-linux-musl-*x86_64-linux-musl-*) ;; *) fail "the store lacks a sysroot: $sysroots" ;; esac

# the cgo test program (net, os/user, libm, pthread), --target linux/arm64
(cd "$T/gocgo" && "$GOSTATIC" build --target linux/arm64 -o "$T/cgo" --run-check .) >"$T/out" 2>"$T/err" ||
	fail "arm64 build failed: $(cat "$T/out" "$T/err")"
grep -q "^sysroot   aarch64-linux-musl-[0-9a-f]\{16\} (musl 1.2.3): cached$" "$T/out" || fail "$(cat "$T/out")"
grep -q "^output    .*/cgo: .* MiB, static, musl, go1.*, linux/arm64$" "$T/out" || fail "$(cat "$T/out")"
grep -q "^run check started in an empty root (.*under qemu-aarch64-static), exit 0$" "$T/out" ||
	fail "no run check under qemu: $(cat "$T/out")"
json --run "$T/cgo"
check '.verdict == "static" and .elf.machine == "AArch64" and .libc.kind == "musl" and .go.cgo_linked'
check '.go.settings.GOARCH == "arm64" and .go.settings.CGO_ENABLED == "1"'
check '.runtime.result == "ok" and .runtime.emulator == "qemu-aarch64-static"'
check '.runtime.stdout_head | test("cbrt\\(27\\) = 3")'
json --expect-arch amd64 "$T/cgo"
check '.pass == false and any(.findings[]; .code == "MACHINE_MISMATCH")'

# GOARCH=arm64 in the environment selects the same sysroot
(cd "$T/gocgo" && GOARCH=arm64 "$GOSTATIC" build -o "$T/cgo-env" .) >"$T/out" 2>"$T/err" ||
	fail "GOARCH=arm64 build failed: $(cat "$T/out" "$T/err")"
grep -q "^sysroot   aarch64-linux-musl-" "$T/out" && grep -q "linux/arm64$" "$T/out" || fail "$(cat "$T/out")"

# spex with librdkafka, OpenSSL, zlib and zstd cross-built for arm64
export GO111MODULE=off GOPATH=/usr/share/gocode
(cd "$T/spex" && "$GOSTATIC" build --target linux/arm64 -o "$T/spex-arm64" --run-check \
	--manifest "$T/arm64.json" ./cmd/spex -- -selftest) >"$T/out" 2>"$T/err" ||
	fail "arm64 spex failed: $(cat "$T/out" "$T/err")"
grep -q "^C libs    librdkafka 2.0.2 (ssl,zlib,zstd), openssl 3.0.20, zlib 1.2.13, zstd 1.5.4: cached$" "$T/out" ||
	fail "the arm64 recipes were not taken from the store: $(cat "$T/out")"
grep -q "^output    .*spex-arm64: .* static, musl, go1.*, linux/arm64$" "$T/out" || fail "$(cat "$T/out")"
json --run "$T/spex-arm64" -- -selftest
check '.verdict == "static" and .elf.machine == "AArch64" and .runtime.result == "ok"'
for want in "librdkafka 2.0.2" "security.protocol=ssl: ok" "compression.codec=zstd: ok" \
	"SCRAM-SHA-512 over ssl: ok" "SCRAM-SHA-256 with gzip: ok" "selftest passed"; do
	head -n1 "$T/out" | jq -e --arg w "$want" '.runtime.stdout_head | contains($w)' >/dev/null ||
		fail "the arm64 selftest lacks '$want': $(head -n1 "$T/out" | jq -r .runtime.stdout_head)"
done
jq -e '.target.goarch == "arm64" and ([.libraries[].name] | index("librdkafka") != null)' "$T/arm64.json" >/dev/null ||
	fail "manifest: $(cat "$T/arm64.json")"

# the amd64 build over the same store: its own entries, nothing built
(cd "$T/spex" && "$GOSTATIC" build --target linux/amd64 -o "$T/spex-amd64" ./cmd/spex) >"$T/out" 2>"$T/err" ||
	fail "amd64 spex failed: $(cat "$T/out" "$T/err")"
grep -q "^C libs    .*: cached$" "$T/out" && grep -q "linux/amd64$" "$T/out" || fail "$(cat "$T/out")"
grep -q "building\|fetched" "$T/err" && fail "the amd64 build built or fetched: $(cat "$T/err")"
[ "$entries" = "$(ls "$GOSTATIC_HOME/pkgs")" ] || fail "entries changed: $(ls "$GOSTATIC_HOME/pkgs")"
[ "$sysroots" = "$(ls "$GOSTATIC_HOME/sysroots")" ] || fail "sysroots changed"
[ "$logs" = "$(ls "$GOSTATIC_HOME/logs")" ] || fail "a build log was written"
# each architecture has its own librdkafka entry, from its own sysroot
a64=$(jq -r '.libraries[] | select(.name == "librdkafka") | .entry' "$T/arm64.json")
(cd "$T/spex" && "$GOSTATIC" build --target linux/amd64 -o "$T/spex-amd64" --manifest "$T/amd64.json" ./cmd/spex) \
	>/dev/null 2>&1 || fail "amd64 manifest build failed"
x64=$(jq -r '.libraries[] | select(.name == "librdkafka") | .entry' "$T/amd64.json")
[ -n "$a64" ] && [ -n "$x64" ] && [ "$a64" != "$x64" ] || fail "librdkafka entries: arm64 '$a64', amd64 '$x64'"
jq -e '.sysroot | startswith("aarch64-linux-musl-")' "$GOSTATIC_HOME/pkgs/$a64/gostatic-pkg.json" >/dev/null ||
	fail "the arm64 entry names its sysroot: $(cat "$GOSTATIC_HOME/pkgs/$a64/gostatic-pkg.json")"
aarch64-linux-gnu-readelf -h "$GOSTATIC_HOME/pkgs/$a64/lib/librdkafka-static.a" | grep '^ *Machine:' | sort -u >"$T/machines"
[ "$(cat "$T/machines")" = "  Machine:                           AArch64" ] ||
	fail "the arm64 archive holds other objects: $(cat "$T/machines")"

# verify --run of a dynamic aarch64 program: qemu cannot start it in the
# empty root, and the report says why
printf '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n' >"$T/dyn.c"
aarch64-linux-gnu-gcc -o "$T/dyn" "$T/dyn.c" || fail "cannot cross-compile"
json --run "$T/dyn"
check '.verdict == "dynamic" and .elf.machine == "AArch64"'
check '.runtime.result != "ok" and (.findings | map(.message) | join(" ") | test("interpreter"))'
exit 0
