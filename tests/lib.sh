# lib.sh - helpers for the scripted tests in tests/cli; source it first
#
#   need NAME...     skip (exit 77) unless these fixtures were built
#   fail MESSAGE     fail the test
#   skip MESSAGE     skip the test
#   $T               a private temporary folder, removed at exit
set -u
: "${GOSTATIC:?set GOSTATIC to the gostatic binary}"
: "${FIXTURES:?set FIXTURES to the fixture folder}"

T=$(mktemp -d)
trap 'chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

skip() {
	echo "SKIP: $*"
	exit 77
}

need() {
	local name entry
	[ -f "$FIXTURES/MANIFEST" ] || fail "the fixtures were not built ($FIXTURES/MANIFEST is missing)"
	for name in "$@"; do
		entry=$(cat "$FIXTURES/MANIFEST" "$FIXTURES/MANIFEST.store" 2>/dev/null | grep -m1 "^$name " || true)
		case $entry in
		*" ok") ;;
		*" skip "*) skip "fixture $name: ${entry#* skip }" ;;
		*" fail "*) fail "fixture $name: ${entry#* fail } (see $FIXTURES/logs)" ;;
		*) fail "unknown fixture '$name'" ;;
		esac
	done
}

# json FILE ARGS...: run gostatic verify --json and keep stdout in $T/out
json() {
	"$GOSTATIC" verify --json "$@" >"$T/out" 2>"$T/err"
}

# check JQ: the first line of $T/out satisfies JQ
check() {
	head -n1 "$T/out" | jq -e "$1" >/dev/null ||
		fail "expected $1 of: $(head -c 3000 "$T/out") (stderr: $(head -c 500 "$T/err"))"
}

# A copy of the fixture store with a ready amd64 sysroot, in $T/store;
# sets GOSTATIC_HOME to it. Tests that need a cold store make their own.
warm_store() {
	need store
	mkdir -p "$T/store"
	# recipe entries are large and never written in place: hard links will do
	for d in "$FIXTURES"/store/*; do
		case ${d##*/} in
		pkgs) cp -al "$d" "$T/store/pkgs" ;;
		*) cp -a "$d" "$T/store/" ;;
		esac
	done
	export GOSTATIC_HOME=$T/store
}

# warm_store with every built-in recipe built (and librdkafka[+sasl-cyrus]).
recipe_store() {
	need recipes
	warm_store
}

# An offline download setup: only the fixture sources, as a file:// mirror.
offline_sources() {
	need musl_src
	export GOSTATIC_MIRRORS="file://$FIXTURES/sources" GOSTATIC_FETCH=mirrors
}

# await_port_file FILE TRIES WHAT LOG: waits (TRIES times 50 ms) for a
# server started in the background to write its port to FILE; fails with
# WHAT and its LOG when it does not.
await_port_file() {
	for _ in $(seq "$2"); do
		[ -s "$1" ] && return 0
		sleep 0.05
	done
	fail "$3 did not start: $(cat "$4")"
}

# Starts tests/httpd.py over DIR; sets PORT. Stopped at exit.
start_httpd() {
	python3 "$(dirname "${BASH_SOURCE[0]}")/httpd.py" "$1" "$T/httpd.port" 2>"$T/httpd.log" &
	HTTPD_PID=$!
	trap 'kill $HTTPD_PID 2>/dev/null; chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT
	await_port_file "$T/httpd.port" 100 "the test HTTP server" "$T/httpd.log"
	PORT=$(cat "$T/httpd.port")
}

# Go settings for offline, reproducible test builds.
export GOFLAGS=-buildvcs=false GOPROXY=off GOTOOLCHAIN=local GOTELEMETRY=off

# tests/fixtures/src/tinylib as tiny-1.0.tar.gz on loopback HTTP ($sha is
# its sha256), and GOSTATIC_RECIPES=$T/recipes for tiny_recipe.
tiny_source() {
	mkdir -p "$T/www" "$T/recipes"
	cp -r "$SOURCE_ROOT/tests/fixtures/src/tinylib" "$T/tiny-1.0"
	tar -C "$T" -czf "$T/www/tiny-1.0.tar.gz" tiny-1.0
	sha=$(sha256sum "$T/www/tiny-1.0.tar.gz" | cut -d' ' -f1)
	start_httpd "$T/www"
	export GOSTATIC_RECIPES=$T/recipes
}

# tiny_recipe NAME SYSTEM [EXTRA [build] LINES]: writes $T/recipes/NAME.recipe
# building tiny with that build system; its check prints "tiny 1.0 42".
tiny_recipe() {
	local name=$1 system=$2
	shift 2
	cat >"$T/recipes/$name.recipe" <<R
[package]
name = $name
version = 1.0
license = CC0-1.0
license-file = COPYING
[source]
file = tiny-\${version}.tar.gz
sha256 = $sha
url = http://127.0.0.1:$PORT/good/tiny-\${version}.tar.gz
[build]
system = $system
$(printf '%s\n' "$@")
[provides]
pkgconfig = tiny
lib = tiny
file = include/tiny.h
[check]
code = #include <stdio.h>
code = #include <tiny.h>
code = int main(void) { printf("tiny %s %d\\n", tiny_version(), tiny_add(40, 2)); return 0; }
expect = tiny \${version} 42
R
}

# start_registry [htpasswd|token]: Debian's docker-registry (distribution)
# on a free loopback port with its storage in $T/registry; sets REGISTRY
# (host:port), REGISTRY_PID and REGISTRY_DATA. htpasswd: Basic auth for
# ci:secret; token: Bearer tokens from tests/registry-token.py (ci:secret
# may push, anonymous may pull). Stopped at exit (stop_registry stops it
# earlier).
start_registry() {
	local mode=${1:-none} port auth=""
	command -v docker-registry >/dev/null || skip "docker-registry is not installed (Debian: docker-registry)"
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	REGISTRY=127.0.0.1:$port
	REGISTRY_DATA=$T/registry
	mkdir -p "$REGISTRY_DATA"
	case $mode in
	htpasswd)
		command -v htpasswd >/dev/null || skip "htpasswd is not installed (Debian: apache2-utils)"
		htpasswd -Bbc "$T/htpasswd" ci secret >/dev/null 2>&1
		auth="auth:
  htpasswd:
    realm: gostatic-test
    path: $T/htpasswd"
		;;
	token)
		python3 -c 'import cryptography' 2>/dev/null || skip "python3-cryptography is not installed"
		TOKEN_SECONDS=${TOKEN_SECONDS:-300} python3 "$(dirname "${BASH_SOURCE[0]}")/registry-token.py" "$T" \
			"$T/token.port" 2>"$T/token.log" &
		TOKEN_PID=$!
		await_port_file "$T/token.port" 200 "the token issuer" "$T/token.log"
		auth="auth:
  token:
    realm: http://127.0.0.1:$(cat "$T/token.port")/token
    service: gostatic-test
    issuer: gostatic-test-issuer
    rootcertbundle: $T/token.crt"
		;;
	esac
	cat >"$T/registry.yml" <<Y
version: 0.1
log:
  level: info
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $REGISTRY_DATA
  delete:
    enabled: true
http:
  addr: $REGISTRY
$auth
Y
	docker-registry serve "$T/registry.yml" >"$T/registry.log" 2>&1 &
	REGISTRY_PID=$!
	trap 'stop_registry; kill ${TOKEN_PID:-} ${HTTPD_PID:-} ${PROXY_PID:-} 2>/dev/null; chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT
	for _ in $(seq 200); do
		curl -s -o /dev/null "http://$REGISTRY/v2/" && return 0
		sleep 0.05
	done
	fail "docker-registry did not start: $(tail -n 20 "$T/registry.log")"
}

stop_registry() {
	[ -n "${REGISTRY_PID:-}" ] || return 0
	kill "$REGISTRY_PID" 2>/dev/null
	wait "$REGISTRY_PID" 2>/dev/null
	REGISTRY_PID=
}

# cache_keys: a signing key pair in $T/keys (key, key.pub) and the cache
# variables for the registry of start_registry under gostatic/.
cache_keys() {
	mkdir -p "$T/keys"
	"$GOSTATIC" cache keygen "$T/keys/key" >"$T/keygen.out" 2>&1 || fail "keygen: $(cat "$T/keygen.out")"
	export GOSTATIC_CACHE=oci+http://$REGISTRY/gostatic GOSTATIC_CACHE_KEY=$T/keys/key
	export GOSTATIC_CACHE_TRUST=$T/keys/key.pub
}

# registry_requests: how many requests the registry has logged so far.
registry_requests() {
	grep -c '"GET \|"HEAD \|"PUT \|"POST \|"PATCH ' "$T/registry.log" || true
}

# start_proxy MODE: tests/registry-proxy.py in front of the registry; sets
# PROXY (host:port) and PROXY_PID.
start_proxy() {
	rm -f "$T/proxy.port"
	python3 "$(dirname "${BASH_SOURCE[0]}")/registry-proxy.py" "$REGISTRY" "$T/proxy.port" "$1" 2>"$T/proxy.log" &
	PROXY_PID=$!
	await_port_file "$T/proxy.port" 200 "the registry proxy" "$T/proxy.log"
	PROXY=127.0.0.1:$(cat "$T/proxy.port")
}

# manifest REPO REF: the manifest's bytes, from the registry directly
manifest() {
	curl -sf -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$REGISTRY/v2/$1/manifests/$2"
}
