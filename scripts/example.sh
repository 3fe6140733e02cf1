#!/bin/bash
# example.sh - build gostatic, then build the bundled example with it
#
# Installs what it needs on Debian 12, builds gostatic, then builds
# examples/hello (cgo: libm, pthread, net, os/user) twice: with a plain
# `go build` (dynamic, to show what verify says about it) and with
# `gostatic build --run-check`, which makes the musl sysroot on first use,
# links statically, verifies the result and starts it in an empty root. That
# last step decides this script's exit status.
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

export GOFLAGS=-buildvcs=false GOPROXY=off GOTOOLCHAIN=local
cd examples/hello

echo
echo "== a plain 'go build' of examples/hello"
go build -o "$out/hello-default" .
"$gostatic" verify "$out/hello-default" || true

echo
echo "== gostatic build --run-check of examples/hello"
"$gostatic" build -o "$out/hello" --run-check .
echo
"$gostatic" verify "$out/hello"
echo
echo "static binary: $out/hello"
