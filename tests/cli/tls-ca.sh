# TLS verifies with the host's CA certificates on every distribution: a
# static program that gets OpenSSL through librdkafka (gotls:
# confluent-kafka-go, security.protocol=ssl, no ssl.ca.location) and one
# that gets it through libcurl (gocurlget, no CURLOPT_CAINFO) connect to
# openssl s_server on 127.0.0.1, whose certificate comes from a CA made
# here. Each runs in an empty root holding only the program and one
# distribution's CA files, at the place that distribution keeps them
# (Debian/Ubuntu; RHEL/Fedora, two; Alpine; openSUSE/SLES, two): the
# certificate verifies. With another CA there it is refused;
# SSL_CERT_FILE and SSL_CERT_DIR come first; a CA file the program names
# (ssl.ca.location, CURLOPT_CAINFO) wins over all of them.
. "$(dirname "$0")/../lib.sh"
recipe_store
command -v go >/dev/null || skip "go is not installed"
command -v openssl >/dev/null || skip "openssl is not installed"
[ -d /usr/share/gocode/src/github.com/confluentinc/confluent-kafka-go/kafka ] ||
	skip "golang-github-confluentinc-confluent-kafka-go-dev is not installed"
# how to run a program in an empty root of ours
if [ "$(id -u)" = 0 ]; then
	inroot=("$(command -v chroot)")
elif unshare -r true 2>/dev/null; then
	inroot=("$(command -v unshare)" -r "$(command -v chroot)")
else
	skip "neither root nor user namespaces: no empty root to run in"
fi
export GOSTATIC_FETCH=none-allowed GOPROXY=off
src=$SOURCE_ROOT/tests/fixtures/src

# two CAs, and a server certificate from the first
mkdir "$T/pki"
cd "$T/pki"
for ca in ca other; do
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -keyout $ca.key -out $ca.pem \
		-subj "/CN=gostatic test $ca" 2>/dev/null || fail "cannot make the $ca"
done
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout srv.key -out srv.csr -subj /CN=127.0.0.1 \
	2>/dev/null || fail "cannot make the server key"
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >san.ext
openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out srv.pem \
	2>/dev/null || fail "cannot sign the server certificate"

# the servers: a "broker" (TLS only) and a web server
start_server() { # start_server NAME ARGS...: sets PORT_NAME
	local name=$1
	shift
	# its input stays open (at its end s_server stops): a fifo held open here
	mkfifo "$T/$name.in"
	exec {fd}<>"$T/$name.in"
	openssl s_server -accept 127.0.0.1:0 -cert "$T/pki/srv.pem" -key "$T/pki/srv.key" "$@" \
		<&$fd >"$T/$name.log" 2>&1 &
	eval "PID_$name=$!"
	for _ in $(seq 200); do
		grep -q '^ACCEPT ' "$T/$name.log" && break
		sleep 0.05
	done
	eval "PORT_$name=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$T/$name.log")"
	[ -n "$(eval echo "\$PORT_$name")" ] || fail "openssl s_server did not start: $(cat "$T/$name.log")"
}
start_server broker
start_server web -www
trap 'kill $PID_broker $PID_web 2>/dev/null; rm -rf "$T"' EXIT

# the programs, static
export GOPATH=/usr/share/gocode
cp -r "$src/gotls" "$T/gotls"
cp -r "$src/gocurlget" "$T/gocurlget"
(cd "$T/gotls" && GO111MODULE=off "$GOSTATIC" build -o "$T/bin/gotls" .) >"$T/out" 2>&1 ||
	fail "gotls: $(cat "$T/out")"
(cd "$T/gocurlget" && GO111MODULE=off "$GOSTATIC" build -o "$T/bin/gocurlget" .) >"$T/out" 2>&1 ||
	fail "gocurlget: $(cat "$T/out")"
grep -q "^C libs    curl 7.88.1, openssl 3.0.20, zlib 1.2.13: cached$" "$T/out" || fail "$(cat "$T/out")"

# root NAME CA-PEM PATH...: an empty root with both programs and CA-PEM at
# each PATH
root() {
	local r=$T/roots/$1 pem=$2 p
	shift 2
	rm -rf "$r"
	mkdir -p "$r"
	cp "$T/bin/gotls" "$T/bin/gocurlget" "$r/"
	for p in "$@"; do
		mkdir -p "$r/${p%/*}"
		cp "$pem" "$r/$p"
	done
	R=$r
}
# expect WANT ENV... -- PROGRAM ARGS...: runs in $R, with only ENV
expect() {
	local want=$1 envs=() got
	shift
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	got=$(env -i "${envs[@]}" "${inroot[@]}" "$R" "$@" 2>"$T/run.err")
	case $got in
	"$want"*) ;;
	*) fail "in $R (${envs[*]}) $*: expected '$want', got '$got' $(tail -n 5 "$T/run.err")" ;;
	esac
}
kafka=127.0.0.1:$PORT_broker
web=https://127.0.0.1:$PORT_web/

layouts=(
	"debian etc/ssl/certs/ca-certificates.crt"
	"rhel etc/pki/tls/certs/ca-bundle.crt"
	"rhel7 etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"
	"alpine etc/ssl/cert.pem"
	"suse etc/ssl/ca-bundle.pem"
	"suse-var var/lib/ca-certificates/ca-bundle.pem"
)
for l in "${layouts[@]}"; do
	read -r name path <<<"$l"
	root "$name" "$T/pki/ca.pem" "$path"
	expect verified -- /gotls "$kafka"
	expect "ok 200" -- /gocurlget "$web"
	root "$name-other" "$T/pki/other.pem" "$path"
	expect refused -- /gotls "$kafka"
	expect refused -- /gocurlget "$web"
done

# SSL_CERT_FILE comes first: the right CA there, the wrong one where the
# distribution keeps it, and the other way round
root env-file "$T/pki/other.pem" etc/ssl/certs/ca-certificates.crt
cp "$T/pki/ca.pem" "$R/mine.pem"
expect verified SSL_CERT_FILE=/mine.pem -- /gotls "$kafka"
expect "ok 200" SSL_CERT_FILE=/mine.pem -- /gocurlget "$web"
root env-file-wrong "$T/pki/ca.pem" etc/ssl/certs/ca-certificates.crt
cp "$T/pki/other.pem" "$R/mine.pem"
expect refused SSL_CERT_FILE=/mine.pem -- /gotls "$kafka"
expect refused SSL_CERT_FILE=/mine.pem -- /gocurlget "$web"

# SSL_CERT_DIR: a hashed folder of the user's
root env-dir "$T/pki/other.pem" etc/ssl/cert.pem
mkdir "$R/certs"
cp "$T/pki/ca.pem" "$R/certs/test-ca.pem"
openssl rehash "$R/certs" 2>/dev/null || c_rehash "$R/certs" >/dev/null || fail "cannot hash the folder"
expect verified SSL_CERT_DIR=/certs -- /gotls "$kafka"
expect "ok 200" SSL_CERT_DIR=/certs -- /gocurlget "$web"

# the program's own CA file wins over everything
root explicit "$T/pki/ca.pem" etc/ssl/certs/ca-certificates.crt
cp "$T/pki/other.pem" "$R/other.pem"
cp "$T/pki/ca.pem" "$R/ca.pem"
expect refused SSL_CERT_FILE=/ca.pem -- /gotls "$kafka" /other.pem
expect refused SSL_CERT_FILE=/ca.pem -- /gocurlget "$web" /other.pem
root explicit2 "$T/pki/other.pem" etc/ssl/certs/ca-certificates.crt
cp "$T/pki/ca.pem" "$R/ca.pem"
expect verified -- /gotls "$kafka" /ca.pem
expect "ok 200" -- /gocurlget "$web" /ca.pem
exit 0
