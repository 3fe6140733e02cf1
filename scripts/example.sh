#!/bin/bash
# example.sh - build gostatic, build the bundled example statically, verify it
#
# Installs what it needs on Debian 12, builds gostatic, then builds
# examples/hello twice: with a plain `go build` (dynamic, to show what verify
# says about it) and statically against musl. The static binary must pass
# `gostatic verify --run`; that is this script's exit status.
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
echo "== examples/hello built statically: cgo against musl"
CGO_ENABLED=1 CC=musl-gcc go build -tags musl,netgo,osusergo \
	-ldflags '-linkmode external -extldflags "-static"' -o "$out/hello" .
"$gostatic" verify --run "$out/hello"
echo
echo "static binary: $out/hello"
