#!/bin/sh
# Install what gostatic needs to build and test on Debian 12 (bookworm).
#
#   scripts/setup-debian.sh [--example] [--test]
#
# Adds deb-src entries and the backports suite next to the machine's own Debian
# sources (same mirrors, same keys), then installs the build dependencies;
# with --example also what the bundled example needs (go, musl), with --test
# everything the test suite uses. Packages already installed are left alone,
# so a second run does nothing and needs no network.
set -eu

want_test=0
want_example=0
for arg in "$@"; do
	case $arg in
	--test) want_test=1 ;;
	--example) want_example=1 ;;
	*) echo "usage: $0 [--example] [--test]" >&2; exit 2 ;;
	esac
done

if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		exec sudo "$0" "$@"
	fi
	echo "setup-debian: must run as root (or with sudo available)" >&2
	exit 2
fi

. /etc/os-release
codename=${VERSION_CODENAME:-}
if [ "${ID:-}" != debian ] || [ -z "$codename" ]; then
	echo "setup-debian: this script knows Debian; found '${PRETTY_NAME:-unknown}'" >&2
	echo "setup-debian: install the packages listed in README.md by hand" >&2
	exit 2
fi

base_pkgs="gcc libc6-dev linux-libc-dev make patch meson ninja-build pkg-config python3 libssl-dev libjansson-dev libcurl4-openssl-dev libarchive-dev"
# the example (spex): Go, the confluent-kafka-go sources, perl for OpenSSL's build
example_pkgs="golang-go perl golang-github-confluentinc-confluent-kafka-go-dev"
# the tests: fixtures, the other recipes' build tools (tcl for sqlite3's
# full tree, flex and bison for libpcap, cmake for cmake recipes), the Go
# sources of go-sqlite3 and gopacket, strace to count compiler runs, and
# for linux/arm64 the cross compiler and binutils, the arm64 UAPI headers
# (and glibc, for a dynamic arm64 program) and qemu-aarch64-static
test_pkgs="musl-tools clang libclang-rt-14-dev jq file binutils util-linux bsdutils python3 git tcl flex bison cmake strace golang-github-mattn-go-sqlite3-dev golang-github-google-gopacket-dev"
# openssl's s_server for the TLS tests, python3-jsonschema to validate SBOMs
test_pkgs="$test_pkgs openssl python3-jsonschema"
# the binary cache: an OCI registry of the tests' own (the package's own
# service is left alone), skopeo to read what gostatic pushed, htpasswd for
# Basic auth, python3-cryptography for the tests' token issuer
test_pkgs="$test_pkgs docker-registry skopeo apache2-utils python3-cryptography"
# Kerberos: the tests' own KDC (krb5kdc, kdb5_util, kadmin.local; the
# packages' services are left alone); the build tools of the other recipes
# (gperf for libseccomp, autotools for the libsodium tag archive, g++ for
# the cmake set-up of nghttp2); the Go
# packages over libseccomp, libusb and gpgme
test_pkgs="$test_pkgs krb5-kdc krb5-admin-server gperf autoconf automake libtool g++"
test_pkgs="$test_pkgs golang-github-seccomp-libseccomp-golang-dev golang-github-google-gousb-dev golang-github-proglottis-gpgme-dev"
test_pkgs="$test_pkgs gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross linux-libc-dev-arm64-cross qemu-user-static"
bpo_pkgs="golang-1.23-go upx-ucl"

pkgs=$base_pkgs
[ $want_example -eq 1 ] && pkgs="$pkgs $example_pkgs"
[ $want_test -eq 1 ] && pkgs="$pkgs $example_pkgs $test_pkgs $bpo_pkgs"

# Derive deb-src and backports entries from the Debian entries already
# configured, so the mirror and keyring stay whatever this machine uses.
extra=/etc/apt/sources.list.d/gostatic-extra.sources
added=0
if [ ! -e "$extra" ]; then
	added=1
	tmp=$(mktemp)
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -e "$f" ] || continue
		awk -v cn="$codename" '
		function flush() {
			if (types ~ /(^| )deb( |$)/ && uris != "" && suites != "") {
				printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n%s\n", uris, suites, comps, signed
				n = split(suites, s, " ")
				for (i = 1; i <= n; i++) if (s[i] == cn)
					printf "Types: deb deb-src\nURIs: %s\nSuites: %s-backports\nComponents: %s\n%s\n", uris, cn, comps, signed
			}
			types = uris = suites = comps = signed = ""
		}
		/^[ \t]*$/ { flush(); next }
		/^#/ { next }
		/^Types:/ { sub(/^Types:[ \t]*/, ""); types = $0; next }
		/^URIs:/ { sub(/^URIs:[ \t]*/, ""); uris = $0; next }
		/^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0; next }
		/^Components:/ { sub(/^Components:[ \t]*/, ""); comps = $0; next }
		/^Signed-By:/ { signed = $0 "\n"; next }
		END { flush() }' "$f" | awk 'BEGIN{RS="";ORS="\n\n"} {print}' >>"$tmp"
	done
	if [ -f /etc/apt/sources.list ]; then
		awk -v cn="$codename" '
		$1 == "deb" {
			line = $0; sub(/^deb/, "deb-src", line); print line
			for (i = 2; i <= NF; i++) if ($i == cn) {
				b = $0; sub(" " cn " ", " " cn "-backports ", b); print b
				sub(/^deb/, "deb-src", b); print b
			}
		}' /etc/apt/sources.list >"$tmp.list"
		if [ -s "$tmp.list" ]; then
			mv "$tmp.list" /etc/apt/sources.list.d/gostatic-extra.list
		else
			rm -f "$tmp.list"
		fi
	fi
	if [ -s "$tmp" ]; then
		mv "$tmp" "$extra"
		chmod 644 "$extra"
	else
		rm -f "$tmp"
	fi
fi

missing=
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing="$missing $p"
done

[ -n "$missing" ] || [ $added -eq 1 ] || exit 0

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
[ -n "$missing" ] || exit 0
plain=
bpo=
for p in $missing; do
	case " $bpo_pkgs " in
	*" $p "*) bpo="$bpo $p/$codename-backports" ;;
	*) plain="$plain $p" ;;
	esac
done
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $plain $bpo
