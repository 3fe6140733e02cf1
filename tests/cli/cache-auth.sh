# The binary cache behind authentication, with a small recipe (tiny):
# HTTP Basic (htpasswd) with credentials from GOSTATIC_CACHE_USER and
# GOSTATIC_CACHE_PASSWORD or from docker's config.json, refused without or
# with wrong ones; blobs redirected to another origin get no credentials;
# 429 and 503 answers are retried; Bearer tokens from a token issuer of the test's own,
# anonymous pulls and authenticated pushes, an anonymous push refused. The
# same entry pushed twice packs to the same bytes, and its layer is a
# tar+zstd with fixed owners and times.
. "$(dirname "$0")/../lib.sh"
warm_store
tiny_source
export GOSTATIC_FETCH=mirrors GOSTATIC_MIRRORS=http://127.0.0.1:$PORT/good
tiny_recipe tiny autotools
"$GOSTATIC" recipe build tiny >/dev/null 2>"$T/err" || fail "build: $(cat "$T/err")"

# --- HTTP Basic
start_registry htpasswd
cache_keys
"$GOSTATIC" cache push tiny >"$T/out" 2>"$T/err" && fail "pushed without credentials"
grep -q "cannot push .*$REGISTRY needs credentials (HTTP 401): set GOSTATIC_CACHE_USER and GOSTATIC_CACHE_PASSWORD" "$T/err" ||
	fail "$(cat "$T/err")"
GOSTATIC_CACHE_USER=ci GOSTATIC_CACHE_PASSWORD=wrong "$GOSTATIC" cache push tiny >"$T/out" 2>"$T/err" &&
	fail "pushed with a wrong password"
grep -q "refused the credentials" "$T/err" || fail "$(cat "$T/err")"
GOSTATIC_CACHE_USER=ci GOSTATIC_CACHE_PASSWORD=secret "$GOSTATIC" cache push tiny >"$T/out" 2>"$T/err" ||
	fail "push with credentials: $(cat "$T/err")"
grep -q "^2 pushed" "$T/out" || fail "$(cat "$T/out")"
curl -sf -u ci:secret "http://$REGISTRY/v2/gostatic/tiny/tags/list" >"$T/tags" || fail "no tags"
tag=$(jq -r '.tags[] | select(endswith(".sig") | not)' "$T/tags")
curl -sf -u ci:secret -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
	"http://$REGISTRY/v2/gostatic/tiny/manifests/$tag" >"$T/m1" || fail "no manifest"

# the layer: a tar+zstd with root's owner and time 0 on every member
layer=$(jq -r '.layers[0].digest' "$T/m1")
curl -sf -u ci:secret -o "$T/layer.tar.zst" "http://$REGISTRY/v2/gostatic/tiny/blobs/$layer" || fail "no layer"
[ "sha256:$(sha256sum "$T/layer.tar.zst" | cut -d' ' -f1)" = "$layer" ] || fail "the layer does not match its digest"
tar --zstd -tvf "$T/layer.tar.zst" >"$T/members" || fail "the layer is not tar+zstd"
grep -q " gostatic-pkg.json$" "$T/members" || fail "$(cat "$T/members")"
grep -Ev '^(-rw-r--r--|-rwxr-xr-x|drwxr-xr-x|lrwxrwxrwx) 0/0 .* 1970-01-01 00:00 ' "$T/members" &&
	fail "members with other owners, modes or times: $(cat "$T/members")"

# credentials from docker's config.json
mkdir -p "$T/docker"
printf '{"auths":{"%s":{"auth":"%s"}}}' "$REGISTRY" "$(printf ci:secret | base64)" >"$T/docker/config.json"
rm -rf "$GOSTATIC_HOME"/pkgs/tiny-1.0-*
DOCKER_CONFIG=$T/docker "$GOSTATIC" recipe build tiny >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny *1.0 *pulled " "$T/out" || fail "not pulled with docker's credentials: $(cat "$T/out" "$T/err")"

# blobs redirected to another origin: followed, without the credentials
UPSTREAM_AUTH=ci:secret start_proxy redirect-blobs
rm -rf "$GOSTATIC_HOME"/pkgs/tiny-1.0-*
GOSTATIC_CACHE=oci+http://$PROXY/gostatic GOSTATIC_CACHE_USER=ci GOSTATIC_CACHE_PASSWORD=secret \
	"$GOSTATIC" recipe build tiny >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny *1.0 *pulled " "$T/out" || fail "not pulled through a redirect: $(cat "$T/out" "$T/err" "$T/proxy.log")"
grep -q "^redirected /v2/gostatic/tiny/blobs/sha256:.* authorization=no$" "$T/proxy.log" || fail "$(cat "$T/proxy.log")"
grep -q "authorization=yes" "$T/proxy.log" && fail "credentials went to another host: $(cat "$T/proxy.log")"
kill $PROXY_PID

# 429 (Retry-After) and 503 answers: tried again, and the pull completes
start_proxy flaky
rm -rf "$GOSTATIC_HOME"/pkgs/tiny-1.0-*
GOSTATIC_CACHE=oci+http://$PROXY/gostatic GOSTATIC_CACHE_USER=ci GOSTATIC_CACHE_PASSWORD=secret \
	"$GOSTATIC" recipe build -v tiny >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny *1.0 *pulled " "$T/out" || fail "not pulled past 429 and 503: $(cat "$T/out" "$T/err" "$T/proxy.log")"
grep -q "^flaky 429 " "$T/proxy.log" && grep -q "^flaky 503 " "$T/proxy.log" || fail "$(cat "$T/proxy.log")"
grep -q "answered HTTP 429; trying again in 1.0 s" "$T/err" || fail "$(cat "$T/err")"
kill $PROXY_PID
stop_registry

# --- Bearer tokens; the same entry into a second registry: the same bytes
rm -rf "$T/registry"
TOKEN_SECONDS=2 start_registry token
export GOSTATIC_CACHE=oci+http://$REGISTRY/other/path
"$GOSTATIC" cache push tiny >"$T/out" 2>"$T/err" && fail "an anonymous token was allowed to push"
grep -q "cannot push" "$T/err" || fail "$(cat "$T/err")"
GOSTATIC_CACHE_USER=ci GOSTATIC_CACHE_PASSWORD=secret "$GOSTATIC" cache push tiny >"$T/out" 2>"$T/err" ||
	fail "push with a token: $(cat "$T/err")"
# (the registry lists the actions of its challenge in either order)
grep -Eq "^token ci repository:other/path/tiny:(pull,push|push,pull) -> (pull,push|push,pull)$" "$T/token.log" ||
	fail "$(cat "$T/token.log")"
curl -sf -H "Authorization: Bearer $(curl -sf -u ci:secret "http://127.0.0.1:$(cat "$T/token.port")/token?service=gostatic-test&scope=repository:other/path/tiny:pull" | jq -r .token)" \
	-H 'Accept: application/vnd.oci.image.manifest.v1+json' \
	"http://$REGISTRY/v2/other/path/tiny/manifests/$tag" >"$T/m2" || fail "no manifest in the token registry"
cmp "$T/m1" "$T/m2" || fail "the same entry packed to other bytes: $(cat "$T/m1") vs $(cat "$T/m2")"
[ "$(jq -r '.layers[0].digest' "$T/m2")" = "$layer" ] || fail "the layer differs"
rm -rf "$GOSTATIC_HOME"/pkgs/tiny-1.0-*
"$GOSTATIC" recipe build tiny >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny *1.0 *pulled " "$T/out" || fail "no anonymous pull with a token: $(cat "$T/out" "$T/err")"
grep -q "^token - repository:other/path/tiny:pull -> pull" "$T/token.log" || fail "$(cat "$T/token.log")"

# tokens that run out mid-run (they live 2 s; every blob answer is held 3
# s): renewed, and the pull completes
start_proxy slow-blobs
before=$(grep -c "^token - repository:other/path/tiny:pull" "$T/token.log")
rm -rf "$GOSTATIC_HOME"/pkgs/tiny-1.0-*
GOSTATIC_CACHE=oci+http://$PROXY/other/path "$GOSTATIC" recipe build tiny >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny *1.0 *pulled " "$T/out" || fail "not pulled with expiring tokens: $(cat "$T/out" "$T/err")"
[ $(($(grep -c "^token - repository:other/path/tiny:pull" "$T/token.log") - before)) -ge 2 ] ||
	fail "the token was not renewed: $(cat "$T/token.log")"
kill $PROXY_PID

# doctor reports the cache: reachable and how, the trusted keys, the signing key
keyid=$(cut -d' ' -f2 "$T/keygen.out" | tr -d :)
GOSTATIC_CACHE_USER=ci GOSTATIC_CACHE_PASSWORD=secret "$GOSTATIC" doctor >"$T/doctor" 2>&1
grep -q "^  binary cache oci+http://$REGISTRY/other/path$" "$T/doctor" || fail "$(cat "$T/doctor")"
grep -q "ok *registry *answers the OCI distribution API (bearer)" "$T/doctor" || fail "$(cat "$T/doctor")"
grep -q "ok *trusted keys *1 key ($keyid)" "$T/doctor" || fail "$(cat "$T/doctor")"
grep -q "ok *signing key *key $keyid signs pushes" "$T/doctor" || fail "$(cat "$T/doctor")"
stop_registry
"$GOSTATIC" doctor >"$T/doctor" 2>&1
grep -q "missing *registry *cannot reach $REGISTRY" "$T/doctor" || fail "$(cat "$T/doctor")"
exit 0
