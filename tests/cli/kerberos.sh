# Kerberos for real: Debian's KDC (krb5kdc) started by the test on
# 127.0.0.1 with a throw-away realm, a user principal and a service
# principal with a keytab. Static programs linked against the krb5 and
# cyrus-sasl recipes (gostatic env's compiler, --static pkg-config) then:
#   - get the user's initial credentials (AS exchange) into a file cache;
#   - establish a GSSAPI context, client and acceptor in two processes
#     over loopback (gss_init_sec_context / gss_accept_sec_context, the
#     service ticket from a TGS exchange, mutual authentication), and
#     exchange one sealed message each way;
#   - authenticate with Cyrus SASL's GSSAPI mechanism, what librdkafka's
#     sasl.mechanisms=GSSAPI does.
# The programs are verified static, and librdkafka[+sasl-cyrus] in the
# store reports sasl_gssapi with GSSAPI among Cyrus SASL's mechanisms.
. "$(dirname "$0")/../lib.sh"
recipe_store
for p in krb5kdc kdb5_util kadmin.local; do
	command -v $p >/dev/null || PATH=$PATH:/usr/sbin
	command -v $p >/dev/null || skip "$p is not installed (Debian: krb5-kdc, krb5-admin-server)"
done
export GOSTATIC_FETCH=none-allowed
src=$SOURCE_ROOT/tests/fixtures/src/kerberos
realm=GOSTATIC.TEST
kdc=$T/kdc
mkdir -p "$kdc"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cat >"$kdc/kdc.conf" <<C
[kdcdefaults]
	kdc_listen = 127.0.0.1:$port
	kdc_tcp_listen = 127.0.0.1:$port
[realms]
	$realm = {
		database_name = $kdc/principal
		key_stash_file = $kdc/stash
		acl_file = $kdc/kadm5.acl
		supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha256-128:normal
		max_life = 1h
	}
[logging]
	kdc = FILE:$kdc/kdc.log
C
cat >"$T/krb5.conf" <<C
[libdefaults]
	default_realm = $realm
	dns_lookup_kdc = false
	dns_lookup_realm = false
	rdns = false
	# TCP, the KDC port the test checks
	udp_preference_limit = 1
[realms]
	$realm = {
		kdc = 127.0.0.1:$port
	}
[domain_realm]
	localhost = $realm
C
: >"$kdc/kadm5.acl"
export KRB5_CONFIG=$T/krb5.conf KRB5_KDC_PROFILE=$kdc/kdc.conf KRB5CCNAME=FILE:$T/ccache KRB5_KTNAME=FILE:$T/kafka.keytab
kdb5_util create -s -r $realm -P master-secret >"$T/kdb.log" 2>&1 || fail "kdb5_util create: $(cat "$T/kdb.log")"
for q in "addprinc -pw alice-secret alice" "addprinc -randkey kafka/localhost" "ktadd -k $T/kafka.keytab kafka/localhost"; do
	kadmin.local -r $realm -q "$q" >>"$T/kdb.log" 2>&1 || fail "kadmin.local $q: $(cat "$T/kdb.log")"
done
[ -s "$T/kafka.keytab" ] || fail "no keytab: $(cat "$T/kdb.log")"
krb5kdc -n -r $realm >"$T/krb5kdc.out" 2>&1 &
KDC_PID=$!
trap 'kill $KDC_PID ${ACC_PID:-} 2>/dev/null; chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 600); do
	(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
	kill -0 $KDC_PID 2>/dev/null || fail "krb5kdc exited: $(cat "$T/krb5kdc.out" "$kdc/kdc.log" 2>/dev/null)"
	sleep 0.05
done

# the two programs, static, against the store's krb5 and cyrus-sasl
"$GOSTATIC" env --malloc musl krb5 cyrus-sasl >"$T/env" 2>"$T/err" || fail "gostatic env: $(cat "$T/err")"
(
	eval "$(cat "$T/env")"
	"$CC" -O2 -static -o "$T/gss-peer" "$src/gss-peer.c" $("$PKG_CONFIG" --static --cflags --libs krb5-gssapi) &&
		"$CC" -O2 -static -o "$T/sasl-gssapi" "$src/sasl-gssapi.c" $("$PKG_CONFIG" --static --cflags --libs libsasl2)
) >"$T/cc.log" 2>&1 || fail "compiling against the recipes failed: $(cat "$T/cc.log")"
for p in gss-peer sasl-gssapi; do
	json "$T/$p"
	check '.verdict == "static" and .libc.kind == "musl"'
done

# AS exchange: alice's ticket-granting ticket in the file cache
"$T/gss-peer" kinit alice@$realm alice-secret >"$T/out" 2>"$T/err" || fail "kinit: $(cat "$T/err" "$kdc/kdc.log")"
grep -qx "kinit: alice@$realm got a ticket for krbtgt" "$T/out" || fail "$(cat "$T/out")"
grep -q "AS_REQ .* alice@$realm for krbtgt/$realm@$realm" "$kdc/kdc.log" || fail "the KDC saw no AS exchange: $(cat "$kdc/kdc.log")"
"$T/gss-peer" kinit alice@$realm wrong-secret >"$T/out" 2>"$T/err" && fail "a wrong password was accepted"
grep -q "initial credentials of alice@$realm: .*" "$T/err" || fail "$(cat "$T/err")"
"$T/gss-peer" kinit alice@$realm alice-secret >/dev/null 2>&1 || fail "kinit again"

# GSSAPI context: acceptor and client in two processes
"$T/gss-peer" accept kafka@localhost "$T/acc.port" >"$T/acc.out" 2>"$T/acc.err" &
ACC_PID=$!
await_port_file "$T/acc.port" 600 "the GSSAPI acceptor" "$T/acc.err"
"$T/gss-peer" init kafka@localhost "$(cat "$T/acc.port")" >"$T/out" 2>"$T/err" ||
	fail "gss_init_sec_context: $(cat "$T/err" "$T/acc.err" "$kdc/kdc.log")"
wait $ACC_PID || fail "the acceptor failed: $(cat "$T/acc.err")"
grep -qx 'client: context with kafka@localhost established (mutual yes), got "pong from the acceptor" (sealed yes)' \
	"$T/out" || fail "$(cat "$T/out")"
grep -qx "acceptor: kafka@localhost accepted alice@$realm (mutual yes), got \"ping from the client\" (sealed yes)" \
	"$T/acc.out" || fail "$(cat "$T/acc.out")"
grep -q "TGS_REQ .* alice@$realm for kafka/localhost@$realm" "$kdc/kdc.log" ||
	fail "the KDC issued no service ticket: $(cat "$kdc/kdc.log")"

# Cyrus SASL's GSSAPI mechanism through the same KDC
"$T/sasl-gssapi" kafka localhost >"$T/out" 2>"$T/err" || fail "SASL GSSAPI: $(cat "$T/err")"
grep -q "^sasl: mechanism GSSAPI, kafka authenticated alice after [0-9]* steps, security layer ssf [0-9]*$" "$T/out" ||
	fail "$(cat "$T/out")"
# without a ticket, GSSAPI fails with Kerberos's reason, and nothing crashes
KRB5CCNAME=FILE:$T/no-ccache "$T/sasl-gssapi" kafka localhost >"$T/out" 2>"$T/err" && fail "authenticated with no ticket"
grep -qi "credentials cache\|no credentials" "$T/err" || fail "$(cat "$T/err")"

# librdkafka[+sasl-cyrus]: sasl_gssapi, over a Cyrus SASL with GSSAPI
"$GOSTATIC" recipe build 'librdkafka[+sasl-cyrus]' >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
rk=$(awk '$1 == "librdkafka" && $3 == "cached" { print $4 }' "$T/out")
sasl=$(awk '$1 == "cyrus-sasl" && $3 == "cached" { print $4 }' "$T/out")
[ -d "$rk" ] && [ -d "$sasl" ] || fail "the store lacks librdkafka[+sasl-cyrus]: $(cat "$T/out")"
jq -e '.check | test("builtin.features=.*sasl_gssapi")' "$rk/gostatic-pkg.json" >/dev/null ||
	fail "$(jq .check "$rk/gostatic-pkg.json")"
jq -e '(.features | index("gssapi")) and (.check | test(" GSSAPI "))' "$sasl/gostatic-pkg.json" >/dev/null ||
	fail "$(jq -c '[.features, .check]' "$sasl/gostatic-pkg.json")"
exit 0
