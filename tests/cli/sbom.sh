# --sbom writes an SPDX 2.3 JSON document of the executable that validates
# against SPDX's schema: for spex, the executable (its sha256), the Go
# toolchain, musl, OpenSSL, zlib, zstd, librdkafka, mimalloc and libgcc,
# each with version, licence, download location or source and a sha256,
# all CONTAINS-related to the executable; for a module program, its main
# module and the modules of its build info. The same build writes the same
# bytes; SOURCE_DATE_EPOCH sets its time.
. "$(dirname "$0")/../lib.sh"
recipe_store
command -v go >/dev/null || skip "go is not installed"
python3 -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed"
[ -d /usr/share/gocode/src/github.com/confluentinc/confluent-kafka-go/kafka ] ||
	skip "golang-github-confluentinc-confluent-kafka-go-dev is not installed"
export GOSTATIC_FETCH=none-allowed GO111MODULE=off GOPATH=$T/gopath:/usr/share/gocode
schema=$SOURCE_ROOT/tests/schemas/spdx-2.3.schema.json
valid() { # valid FILE: it validates against the SPDX 2.3 schema
	python3 - "$schema" "$1" <<'PY' || fail "$1 does not validate: $(cat "$T/valid.err")"
import json, sys, jsonschema
try:
    jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
except jsonschema.ValidationError as e:
    open(sys.argv[2] + ".err", "w").write(str(e)[:2000])
    raise SystemExit(1)
PY
}
mkdir -p "$T/gopath/src"
cp -r "$SOURCE_ROOT/examples/spex" "$T/gopath/src/spex"
cd "$T/gopath/src/spex"
SOURCE_DATE_EPOCH=1700000000 "$GOSTATIC" build --sbom "$T/spex.spdx.json" ./cmd/spex >"$T/out" 2>"$T/err" ||
	fail "build failed: $(cat "$T/out" "$T/err")"
grep -q "^sbom      .*spex.spdx.json (SPDX 2.3)$" "$T/out" || fail "$(cat "$T/out")"
ln -sf "$T/spex.spdx.json.err" "$T/valid.err"
valid "$T/spex.spdx.json"
s=$T/spex.spdx.json
j() { jq -e "$1" "$s" >/dev/null || fail "SBOM: $1: $(jq -c "$2" "$s")"; }
j '.spdxVersion == "SPDX-2.3" and .creationInfo.created == "2023-11-14T22:13:20Z"' '.creationInfo'
sha=$(sha256sum spex | cut -d' ' -f1)
j "(.packages[0] | .name == \"spex\" and .checksums[0].checksumValue == \"$sha\") and .documentDescribes == [.packages[0].SPDXID]" '.packages[0]'
pkg() { # pkg NAME JQ: the package called NAME satisfies JQ
	jq -e --arg n "$1" "[.packages[] | select(.name == \$n)] | length == 1 and (.[0] | $2)" "$s" >/dev/null ||
		fail "SBOM package $1: $2: $(jq -c --arg n "$1" '.packages[] | select(.name == $n)' "$s")"
}
pkg go '.versionInfo | startswith("1.")'
pkg musl '.versionInfo == "1.2.3" and .licenseDeclared == "MIT" and (.downloadLocation | startswith("https://")) and .checksums[0].checksumValue == "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4"'
pkg librdkafka '.versionInfo == "2.0.2" and (.licenseDeclared | startswith("BSD-2-Clause")) and .checksums[0].checksumValue == "f321bcb1e015a34114c83cf1aa7b99ee260236aab096b85c003170c90a47ca9d" and (.downloadLocation | test("^https://github.com/"))'
pkg openssl '.versionInfo == "3.0.20" and .licenseDeclared == "Apache-2.0" and .checksums[0].checksumValue == "c80a01dfc70ece4dc21168932c37739042d404d46ccc81a5986dd75314ecda6f"'
pkg zlib '.licenseDeclared == "Zlib" and .downloadLocation == "NOASSERTION" and (.comment | test("Debian.s source package zlib=")) and (.checksums[0].checksumValue | length) == 64'
pkg zstd '.versionInfo == "1.5.4" and (.checksums[0].checksumValue | length) == 64'
pkg mimalloc '.licenseDeclared == "MIT" and (.comment | test("allocator"))'
pkg libgcc '(.licenseDeclared | test("GCC-exception")) and (.checksums[0].checksumValue | length) == 64'
j '(.packages | length) as $n | [.relationships[] | select(.relationshipType == "CONTAINS")] | length == $n - 1' '.relationships'
j '.packages[0].SPDXID as $e | all(.relationships[] | select(.relationshipType == "CONTAINS"); .spdxElementId == $e)' '.relationships'

# the same build, the same bytes
SOURCE_DATE_EPOCH=1700000000 "$GOSTATIC" build --sbom "$T/again.json" ./cmd/spex >/dev/null 2>&1 || fail "second build failed"
cmp "$T/spex.spdx.json" "$T/again.json" || fail "the SBOM of the same build differs"

# a module program: the main module and its build info's modules
cp -r "$SOURCE_ROOT/tests/fixtures/src/gozlib" "$T/gozlib"
cd "$T/gozlib"
GO111MODULE=on "$GOSTATIC" build --sbom "$T/z.json" . >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
ln -sf "$T/z.json.err" "$T/valid.err"
valid "$T/z.json"
s=$T/z.json
j '[.packages[] | select(.primaryPackagePurpose == "APPLICATION")] | length == 2' '.packages'
pkg example.com/gozlib '.SPDXID | startswith("SPDXRef-GoMain-")'
j '.creationInfo.created == "1970-01-01T00:00:00Z"' '.creationInfo'
exit 0
