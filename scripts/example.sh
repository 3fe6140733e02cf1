#!/bin/bash
# example.sh - build gostatic, then build the example service spex with it
#
# Installs what it needs on Debian 12, builds gostatic, then runs
#
#   gostatic build --run-check --manifest ... ./cmd/spex -- -selftest
#
# in examples/spex, a Kafka producer written with confluent-kafka-go. On
# first use that fetches and checks the sources of musl, OpenSSL, zlib, zstd
# and librdkafka, builds them as static archives into the store, links spex
# statically, verifies it and starts it in an empty root, where it reports
# librdkafka's version and creates producers with TLS, zstd and SASL SCRAM.
# A second run finds everything in the store and compiles no C library.
# The build's exit status is this script's.
set -eu
cd "$(dirname "$0")/.."

scripts/setup-debian.sh --example

if [ ! -f build-release/build.ninja ]; then
	meson setup build-release --buildtype=release -Dtests=false
fi
ninja -C build-release
gostatic=$PWD/build-release/driver/gostatic
out=$PWD/build-release/examples
mkdir -p "$out"

# confluent-kafka-go comes from Debian's golang-*-dev package, which is a
# GOPATH tree (it has no go.mod): build in GOPATH mode, with no network,
# and with spex inside a GOPATH (as src/spex), since go names a package
# outside every GOPATH after its folder, which would end up in the binary
mkdir -p build-release/gopath/src
ln -sfn ../../../examples/spex build-release/gopath/src/spex
export GO111MODULE=off GOPATH=$PWD/build-release/gopath:/usr/share/gocode GOPROXY=off GOTOOLCHAIN=local GOFLAGS=

cd build-release/gopath/src/spex
echo "== gostatic build --run-check of examples/spex"
"$gostatic" build -o "$out/spex" --run-check --manifest "$out/spex.manifest.json" ./cmd/spex -- -selftest
echo
"$gostatic" verify --run "$out/spex" -- -selftest
echo
echo "== spex -selftest, on this host (no Kafka broker needed)"
"$out/spex" -selftest
echo
echo "static binary: $out/spex"
echo "C libraries inside (name, version, licence), from $out/spex.manifest.json:"
python3 - "$out/spex.manifest.json" <<'EOF'
import json, sys
for lib in json.load(open(sys.argv[1]))["libraries"]:
    print("  %-11s %-8s %s" % (lib["name"], lib["version"], lib["license"]))
EOF
