# The binary cache when things go wrong, with a small recipe (tiny): a
# pulled entry is installed like a local build; an entry whose layer was
# altered in the registry's storage, whose download is truncated, whose
# signature is by an untrusted key or signs another entry's name, is
# refused, named with the reason, and built from source; with no trusted
# key nothing is pulled; a push killed before its tag leaves no tag and the
# next push completes; a registry that goes away mid-build is said once,
# and the build finishes from source.
. "$(dirname "$0")/../lib.sh"
warm_store
tiny_source
start_registry
cache_keys
export GOSTATIC_FETCH=mirrors GOSTATIC_MIRRORS=http://127.0.0.1:$PORT/good
for n in tiny tiny2 tiny3; do tiny_recipe $n autotools; done

"$GOSTATIC" recipe build tiny >"$T/out" 2>"$T/err" || fail "build: $(cat "$T/err")"
"$GOSTATIC" cache push tiny >"$T/out" 2>"$T/err" || fail "push: $(cat "$T/out" "$T/err")"
grep -q "^2 pushed, 0 already in the cache$" "$T/out" || fail "the sysroot and tiny were not pushed: $(cat "$T/out" "$T/err")"
repo=gostatic/tiny
tag=$(curl -sf "http://$REGISTRY/v2/$repo/tags/list" | jq -r '.tags[] | select(endswith(".sig") | not)')
[ -n "$tag" ] || fail "no tag for tiny in the registry"
layer=$(manifest $repo "$tag" | jq -r '.layers[0].digest')
blob=$REGISTRY_DATA/docker/registry/v2/blobs/sha256/${layer:7:2}/${layer#sha256:}/data
[ -f "$blob" ] || fail "the layer is not at $blob"
cp "$blob" "$T/blob.good"

# pull_tiny: remove tiny's entry and build it again; $T/out, $T/err
pull_tiny() {
	rm -rf "$GOSTATIC_HOME"/pkgs/tiny-1.0-*
	"$GOSTATIC" recipe build tiny >"$T/out" 2>"$T/err" || fail "recipe build tiny failed: $(cat "$T/err")"
}
refused() { # refused REASON: tiny was refused for REASON and built from source
	grep -q "refused tiny-1.0-[0-9a-f]* from the cache oci+http://$REGISTRY/gostatic: .*$1" "$T/err" ||
		fail "not refused for '$1': $(cat "$T/err")"
	grep -q "tiny 1.0: building" "$T/err" || fail "not built from source after the refusal: $(cat "$T/err")"
	grep -q "^tiny *1.0 *built in" "$T/out" || fail "$(cat "$T/out")"
}

# a good pull: installed with its provenance, no build log, the check not run again
pull_tiny
grep -q "tiny 1.0: pulled from the cache in .* signed by $(cut -d' ' -f2 "$T/keygen.out" | tr -d :)" "$T/err" ||
	fail "not pulled: $(cat "$T/err")"
grep -q "^tiny *1.0 *pulled " "$T/out" || fail "$(cat "$T/out")"
grep -q building "$T/err" && fail "tiny was built although the cache had it: $(cat "$T/err")"
entry=$(ls -d "$GOSTATIC_HOME"/pkgs/tiny-1.0-*)
jq -e --arg c "oci+http://$REGISTRY/gostatic" '.cache == $c and (.manifest | startswith("sha256:"))' \
	"$entry/gostatic-pulled.json" >/dev/null || fail "no provenance: $(cat "$entry/gostatic-pulled.json")"
"$GOSTATIC" recipe build --check tiny >"$T/out" 2>"$T/err" || fail "--check of a pulled entry: $(cat "$T/out" "$T/err")"
grep -q "identical" "$T/out" || fail "$(cat "$T/out")"
[ -z "$(find "$GOSTATIC_HOME" -name '.tmp-tiny*')" ] || fail "leftovers: $(find "$GOSTATIC_HOME" -name '.tmp-tiny*')"

# one byte of the layer changed in the registry's storage
python3 - "$blob" <<'P'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0xff
open(p, "wb").write(b)
P
pull_tiny
refused "digest mismatch"
cp "$T/blob.good" "$blob"

# the layer cut short
head -c 100 "$T/blob.good" >"$blob"
pull_tiny
refused "truncated"
cp "$T/blob.good" "$blob"

# signed by a key that is not trusted
"$GOSTATIC" cache keygen "$T/keys/other" >/dev/null || fail "keygen"
GOSTATIC_CACHE_TRUST=$T/keys/other.pub pull_tiny
refused "untrusted key [0-9a-f]\{16\}"

# a valid signature of another entry, put under tiny's signature tag
sysroot_tag=$(curl -sf "http://$REGISTRY/v2/gostatic/sysroot/tags/list" | jq -r '.tags[] | select(endswith(".sig"))')
manifest $repo "$tag.sig" >"$T/tiny.sig"
manifest gostatic/sysroot "$sysroot_tag" >"$T/other.sig"
curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary @"$T/other.sig" \
	"http://$REGISTRY/v2/$repo/manifests/$tag.sig" >/dev/null || fail "cannot replace the signature"
pull_tiny
refused "bad signature: it signs the entry 'sysroot/"
curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary @"$T/tiny.sig" \
	"http://$REGISTRY/v2/$repo/manifests/$tag.sig" >/dev/null || fail "cannot restore the signature"

# no trusted key: nothing is pulled, and the user is told how to configure it
(unset GOSTATIC_CACHE_TRUST; pull_tiny) || exit 1
grep -q "no key is trusted; set GOSTATIC_CACHE_TRUST" "$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny *1.0 *built in" "$T/out" || fail "$(cat "$T/out")"

# a push killed while it waits for its tag: blobs, manifest and signature
# are there, the tag is not; the next push completes
"$GOSTATIC" recipe build tiny2 >/dev/null 2>"$T/err" || fail "build tiny2: $(cat "$T/err")"
start_proxy hold-tag
GOSTATIC_CACHE=oci+http://$PROXY/gostatic setsid "$GOSTATIC" cache push tiny2 >"$T/out" 2>"$T/err" &
pid=$!
for _ in $(seq 600); do
	grep -q "^hold " "$T/proxy.log" && break
	sleep 0.1
done
grep -q "^hold /v2/gostatic/tiny2/manifests/" "$T/proxy.log" || fail "the push did not reach its tag: $(cat "$T/proxy.log" "$T/err")"
kill -KILL -- -$pid
wait $pid 2>/dev/null
kill $PROXY_PID 2>/dev/null
tags=$(curl -s "http://$REGISTRY/v2/gostatic/tiny2/tags/list" | jq -r '.tags // [] | map(select(endswith(".sig") | not)) | length')
[ "$tags" = 0 ] || fail "a killed push left a tag: $(curl -s "http://$REGISTRY/v2/gostatic/tiny2/tags/list")"
"$GOSTATIC" cache push tiny2 >"$T/out" 2>"$T/err" || fail "the next push failed: $(cat "$T/err")"
grep -q "^1 pushed, 1 already in the cache$" "$T/out" || fail "$(cat "$T/out" "$T/err")"
rm -rf "$GOSTATIC_HOME"/pkgs/tiny2-1.0-*
"$GOSTATIC" recipe build tiny2 >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
grep -q "^tiny2 *1.0 *pulled " "$T/out" || fail "the completed push cannot be pulled: $(cat "$T/out" "$T/err")"

# the registry goes away after the first pull: the rest is built from
# source, and that is said once
GOSTATIC_CACHE_PUSH=1 "$GOSTATIC" recipe build tiny3 >"$T/out" 2>"$T/err" || fail "build tiny3: $(cat "$T/err")"
grep -q "^gostatic: tiny3-1.0-[0-9a-f]*: pushed to $REGISTRY/gostatic/tiny3:x86_64-linux-musl_1.0-" "$T/err" ||
	fail "GOSTATIC_CACHE_PUSH did not push what was built: $(cat "$T/err")"
rm -rf "$GOSTATIC_HOME"/pkgs/tiny*-1.0-*
start_proxy die-after-pull
"$GOSTATIC" recipe build --cache oci+http://$PROXY/gostatic tiny tiny2 tiny3 >"$T/out" 2>"$T/err" ||
	fail "the build did not finish from source: $(cat "$T/err")"
grep -q "^die" "$T/proxy.log" || fail "the proxy did not go away: $(cat "$T/proxy.log")"
[ "$(grep -c "cannot be used" "$T/err")" = 1 ] || fail "not said exactly once: $(cat "$T/err")"
grep -q "the cache oci+http://$PROXY/gostatic cannot be used: cannot reach $PROXY: .*building from source" "$T/err" ||
	fail "$(cat "$T/err")"
[ "$(grep -c ' pulled ' "$T/out")" = 1 ] || fail "$(cat "$T/out")"
[ "$(grep -c ' built in ' "$T/out")" = 2 ] || fail "$(cat "$T/out")"
exit 0
