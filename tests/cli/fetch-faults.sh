# Downloads against a loopback HTTP server with faults: each failing source
# gets a clear reason and the next is tried; only the verified file reaches
# the store, and a run where every source fails leaves nothing.
. "$(dirname "$0")/../lib.sh"
need musl_src
start_httpd "$FIXTURES/sources"
sha=7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4
base=http://127.0.0.1:$PORT
export GOSTATIC_FETCH=mirrors GOSTATIC_RETRIES=0 GOSTATIC_STALL_TIMEOUT=1 GOSTATIC_CONNECT_TIMEOUT=3

export GOSTATIC_HOME=$T/store1
export GOSTATIC_MIRRORS="$base/404 $base/truncated $base/wrong $base/slow http://127.0.0.1:1 http://gostatic-test.invalid $base/good"
start=$(date +%s)
"$GOSTATIC" sysroot fetch >"$T/out" 2>"$T/err" || fail "fetch failed: $(cat "$T/err")"
took=$(( $(date +%s) - start ))
for reason in "/404/musl-1.2.3.tar.gz: HTTP 404" \
	"/truncated/musl-1.2.3.tar.gz: the transfer ended early: 529321 of 1058642 bytes \(truncated\)" \
	"/wrong/musl-1.2.3.tar.gz: sha256 mismatch: expected $sha, got [0-9a-f]{64}; the download was discarded" \
	"/slow/musl-1.2.3.tar.gz: timed out: less than 1 byte/s for 1 s" \
	"127.0.0.1:1/musl-1.2.3.tar.gz: cannot connect" \
	"gostatic-test.invalid/musl-1.2.3.tar.gz: cannot resolve the host" \
	"fetched musl-1.2.3.tar.gz \(1.0 MiB\) from $base/good/musl-1.2.3.tar.gz"; do
	grep -Eq "$reason" "$T/err" || fail "stderr lacks /$reason/: $(cat "$T/err")"
done
[ "$took" -lt 30 ] || fail "the failing sources took $took s"
[ "$(cat "$T/out")" = "$GOSTATIC_HOME/sources/$sha/musl-1.2.3.tar.gz" ] || fail "$(cat "$T/out")"
[ "$(sha256sum <"$GOSTATIC_HOME/sources/$sha/musl-1.2.3.tar.gz" | cut -d' ' -f1)" = $sha ] || fail "bad file stored"
[ "$(ls -A "$GOSTATIC_HOME/sources")" = "$sha" ] || fail "stray entries: $(ls -A "$GOSTATIC_HOME/sources")"

# a second fetch uses the store (and checks it again) without the network
GOSTATIC_MIRRORS="$base/404" "$GOSTATIC" sysroot fetch >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "404" "$T/err" && fail "the stored file was not used"

# a damaged stored file is noticed and fetched again
printf 'x' >>"$GOSTATIC_HOME/sources/$sha/musl-1.2.3.tar.gz"
GOSTATIC_MIRRORS="$base/good" "$GOSTATIC" sysroot fetch >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "is damaged" "$T/err" || fail "damage not reported: $(cat "$T/err")"

# every source fails: exit 1, each reason listed, nothing kept
export GOSTATIC_HOME=$T/store2
GOSTATIC_MIRRORS="$base/404 $base/wrong $base/500 file://$T/nowhere" "$GOSTATIC" sysroot fetch >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "all sources failing must exit 1"
grep -q "error: cannot get 'musl-1.2.3.tar.gz' with sha256 $sha; every source failed:" "$T/err" || fail "$(cat "$T/err")"
grep -q "^  $base/500/musl-1.2.3.tar.gz: HTTP 500" "$T/err" || fail "$(cat "$T/err")"
grep -q "^  file://$T/nowhere/musl-1.2.3.tar.gz: no such file" "$T/err" || fail "$(cat "$T/err")"
[ -z "$(ls -A "$GOSTATIC_HOME/sources")" ] || fail "left in the store: $(ls -A "$GOSTATIC_HOME/sources")"

# a transient failure is retried with backoff; redirects are followed
export GOSTATIC_HOME=$T/store3
GOSTATIC_RETRIES=1 GOSTATIC_MIRRORS="$base/flaky" "$GOSTATIC" sysroot fetch >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "HTTP 500; retrying in 0.5 s" "$T/err" || fail "no retry: $(cat "$T/err")"
export GOSTATIC_HOME=$T/store4
GOSTATIC_MIRRORS="$base/redirect" "$GOSTATIC" sysroot fetch >"$T/out" 2>"$T/err" || fail "redirect: $(cat "$T/err")"

# a bad GOSTATIC_FETCH is named
GOSTATIC_FETCH="mirrors ftp" GOSTATIC_MIRRORS="$base/404" GOSTATIC_HOME=$T/store5 "$GOSTATIC" sysroot fetch >"$T/out" 2>"$T/err"
grep -q "GOSTATIC_FETCH names 'ftp'" "$T/err" || fail "$(cat "$T/err")"
exit 0
