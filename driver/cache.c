/* cache.c - pulling and pushing store entries through an OCI registry */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cache.h"
#include "fsutil.h"
#include "log.h"
#include "ocipack.h"
#include "pkgs.h"
#include "sha256.h"

int cache_open(struct cache *c, const char *url)
{
	const char *u = url && *url ? url : getenv("GOSTATIC_CACHE");
	const char *trust = getenv("GOSTATIC_CACHE_TRUST"), *key = getenv("GOSTATIC_CACHE_KEY");
	const char *push = getenv("GOSTATIC_CACHE_PUSH");
	struct strvec files = STRVEC_INIT;
	char *why = NULL;

	*c = (struct cache)CACHE_INIT;
	if (!u || !*u)
		return 0;
	if (cache_url_parse(u, &c->url, &why)) {
		gs_error("%s %s", url && *url ? "--cache:" : "GOSTATIC_CACHE:", why);
		free(why);
		return -1;
	}
	c->on = true;
	c->push = push && *push && strcmp(push, "0");
	if (trust && *trust)
		strvec_split(&files, trust, ':');
	for (size_t i = 0; i < files.nr; i++) {
		struct sign_key *k;

		if (!*files.v[i])
			continue;
		k = sign_load(files.v[i], false);
		if (!k) {
			gs_error("GOSTATIC_CACHE_TRUST names '%s', which is not a key gostatic can use", files.v[i]);
			strvec_clear(&files);
			cache_close(c);
			return -1;
		}
		c->trust = xrealloc(c->trust, (c->ntrust + 1) * sizeof(*c->trust));
		c->trust[c->ntrust++] = k;
	}
	strvec_clear(&files);
	if (key && *key)
		c->key_path = xstrdup(key);
	return 0;
}

void cache_close(struct cache *c)
{
	for (size_t i = 0; i < c->ntrust; i++)
		sign_free(c->trust[i]);
	free(c->trust);
	sign_free(c->key);
	free(c->key_path);
	oci_client_free(c->cl);
	cache_url_release(&c->url);
	*c = (struct cache)CACHE_INIT;
}

struct oci_client *cache_client(struct cache *c)
{
	if (!c->cl)
		c->cl = oci_client_new(&c->url);
	return c->cl;
}

const struct sign_key *cache_trusted(const struct cache *c, const char *keyid)
{
	for (size_t i = 0; i < c->ntrust; i++)
		if (!strcmp(sign_keyid(c->trust[i]), keyid))
			return c->trust[i];
	return NULL;
}

static const char *what(const struct cache_entry *e)
{
	return e->entry;
}

/* Says once that the registry cannot be used, and stops using it. */
static void went_down(struct cache *c, const char *why)
{
	if (!c->down)
		gs_warn("the cache %s cannot be used: %s; building from source", c->url.text, why);
	c->down = true;
}

static void refuse(struct cache *c, const struct cache_entry *e, const char *why)
{
	c->refused++;
	gs_warn("refused %s from the cache %s: %s; building it from source", what(e), c->url.text, why);
}

/* The config blob of an entry: what it is, compact, keys sorted. */
static char *config_text(const struct cache_entry *e, const char *id)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "schema", "gostatic.cache/1", "id", id, "kind",
			      e->sysroot ? "sysroot" : "pkg", "name", e->name, "target", e->target, "entry",
			      e->entry);
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	if (!s)
		die("out of memory");
	return s;
}

static void digest_of(const void *data, size_t len, char out[7 + SHA256_HEX_LEN + 1])
{
	memcpy(out, "sha256:", 7);
	sha256_hex(data, len, out + 7);
}

static int write_pulled(const char *root, const struct cache *c, const char *repo, const char *tag,
			const char *digest, const char *keyid)
{
	char *path = xasprintf("%s/%s", root, CACHE_PULLED_FILE);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "schema", "gostatic.pulled/1", "cache", c->url.text,
			      "repository", repo, "tag", tag, "manifest", digest, "signed_by", keyid);
	int rc = write_json_atomic(path, o, JSON_INDENT(2));

	if (rc)
		gs_error_errno(-rc, "cannot write '%s'", path);
	json_decref(o);
	free(path);
	return rc ? -1 : 0;
}

/* The trust checks of a pull. Returns 0 when the signature binds e's id
 * to digest under a trusted key (*keyid set, owned), 1 when refused
 * (said), -1 when the registry failed (went down or errored; said). */
static int check_signature(struct cache *c, const struct cache_entry *e, const char *repo, const char *tag,
			   const char *id, const char *digest, char **keyid)
{
	struct strbuf body = STRBUF_INIT;
	struct oci_signature sig;
	const struct sign_key *k;
	char *sigtag = xasprintf("%s.sig", tag), *why = NULL, *msg = NULL;
	int rc = oci_manifest_get(c->cl, repo, sigtag, &body, &why);

	if (rc) {
		if (rc > 0)
			refuse(c, e, "it is not signed (no signature in the registry)");
		else if (oci_client_down(c->cl))
			went_down(c, why);
		else
			refuse(c, e, why);
		rc = rc > 0 ? 1 : oci_client_down(c->cl) ? -1 : 1;
		goto out;
	}
	if (oci_signature_parse(body.buf, body.len, &sig, &why)) {
		char *m = xasprintf("its signature is not readable: %s", why);

		refuse(c, e, m);
		free(m);
		rc = 1;
		goto out;
	}
	rc = 1;
	msg = xasprintf(OCI_SIGNED_FORMAT, id, digest);
	k = cache_trusted(c, sig.keyid);
	if (!k) {
		char *m = xasprintf("untrusted key %s (GOSTATIC_CACHE_TRUST holds no such public key)", sig.keyid);

		refuse(c, e, m);
		free(m);
	} else if (strcmp(sig.id, id)) {
		char *m = xasprintf("bad signature: it signs the entry '%s', not '%s'", sig.id, id);

		refuse(c, e, m);
		free(m);
	} else if (strcmp(sig.subject, digest)) {
		char *m = xasprintf("digest mismatch: the signature is for the manifest %s, the registry serves %s",
				    sig.subject, digest);

		refuse(c, e, m);
		free(m);
	} else if (!sign_verify(k, msg, sig.sig)) {
		refuse(c, e, "bad signature: it does not verify with the trusted key");
	} else {
		*keyid = xstrdup(sig.keyid);
		rc = 0;
	}
	oci_signature_release(&sig);
out:
	strbuf_release(&body);
	free(sigtag);
	free(why);
	free(msg);
	return rc;
}

/* cache_pull(), with e's lock held and the store lacking it; parent is
 * the folder e goes in */
static int pull(struct cache *c, const struct cache_entry *e, const char *parent)
{
	struct strbuf body = STRBUF_INIT, config = STRBUF_INIT;
	struct oci_entry_manifest m = { 0 };
	char *repo = NULL, *tag = NULL, *why = NULL, *id = oci_entry_id(e->sysroot, e->target, e->entry);
	char *keyid = NULL, *tmp = NULL, *layer = NULL, *root = NULL, *want = NULL;
	char digest[7 + SHA256_HEX_LEN + 1];
	double t0 = now_seconds();
	int rc = 1, r;

	if (!c->on || c->down)
		goto out;
	if (!c->ntrust) {
		if (!c->said_untrusted)
			gs_warn("not pulling from the cache %s: no key is trusted; set GOSTATIC_CACHE_TRUST to the public "
				"key file(s) of whoever pushes (FILE.pub of gostatic cache keygen FILE); building from "
				"source", c->url.text);
		c->said_untrusted = true;
		goto out;
	}
	if (oci_entry_ref(&c->url, e->name, e->target, e->entry, &repo, &tag)) {
		gs_warn("%s cannot be in the cache: '%s' is not a repository name", e->entry, e->name);
		goto out;
	}
	if (!cache_client(c)) {
		went_down(c, "libcurl is missing");
		goto out;
	}
	if (!c->probed) {
		c->probed = true;
		if (oci_ping(c->cl, repo, &why)) {
			went_down(c, why);
			goto out;
		}
	}
	r = oci_manifest_get(c->cl, repo, tag, &body, &why);
	if (r) {
		if (r < 0 && oci_client_down(c->cl))
			went_down(c, why);
		else if (r < 0)
			refuse(c, e, why);
		else
			out_verbose(&gs_out, 1, "cache: %s is not in %s", e->entry, c->url.text);
		goto out;
	}
	digest_of(body.buf, body.len, digest);
	r = check_signature(c, e, repo, tag, id, digest, &keyid);
	if (r)
		goto out;
	if (oci_entry_manifest_parse(body.buf, body.len, &m, &why)) {
		char *msg = xasprintf("its manifest is not a gostatic entry: %s", why);

		refuse(c, e, msg);
		free(msg);
		goto out;
	}
	if (strcmp(m.id, id)) {
		char *msg = xasprintf("its manifest names the entry '%s'", m.id);

		refuse(c, e, msg);
		free(msg);
		goto out;
	}
	free(why);
	why = NULL;
	r = oci_blob_get_mem(c->cl, repo, m.config.digest, m.config.size, &config, &why);
	want = config_text(e, id);
	if (r || strcmp(config.buf, want)) {
		if (r < 0 && oci_client_down(c->cl))
			went_down(c, why);
		else
			refuse(c, e, r ? (why ? why : "its config blob is missing") : "its config names another entry");
		goto out;
	}
	tmp = store_mktemp(parent, e->entry);
	if (!tmp) {
		gs_error_errno(errno, "cannot create a temporary folder in '%s'", parent);
		rc = -1;
		goto out;
	}
	layer = xasprintf("%s/layer.tar.zst", tmp);
	root = xasprintf("%s/root", tmp);
	r = oci_blob_get(c->cl, repo, m.layer.digest, m.layer.size, layer, &why);
	if (r) {
		if (r < 0 && oci_client_down(c->cl))
			went_down(c, why);
		else
			refuse(c, e, r > 0 ? "its layer is missing from the registry" : why);
		goto out;
	}
	if (mkdir(root, 0755) < 0) {
		gs_error_errno(errno, "cannot create '%s'", root);
		rc = -1;
		goto out;
	}
	free(why);
	why = NULL;
	if (oci_unpack(layer, root, &why)) {
		refuse(c, e, why);
		goto out;
	}
	{
		char *meta = xasprintf("%s/%s", root, e->sysroot ? SYSROOT_META_FILE : PKG_META_FILE);
		bool ok = path_exists(meta);

		free(meta);
		if (!ok) {
			refuse(c, e, "its layer holds no entry record");
			goto out;
		}
	}
	if (write_pulled(root, c, repo, tag, digest, keyid)) {
		rc = -1;
		goto out;
	}
	r = store_publish(root, e->dir);
	if (r) {
		gs_error_errno(-r, "cannot publish '%s'", e->dir);
		rc = -1;
		goto out;
	}
	c->pulled++;
	{
		char size[32];

		human_size((uint64_t)m.layer.size, size, sizeof(size));
		gs_info("%s%s%s: pulled from the cache in %.1f s (%s, signed by %s)", e->sysroot ? "sysroot " : e->name,
			e->sysroot ? e->entry : " ", e->sysroot ? "" : e->version ? e->version : "", now_seconds() - t0,
			size, keyid);
	}
	rc = 0;
out:
	if (tmp)
		rm_rf(tmp);
	oci_entry_manifest_release(&m);
	strbuf_release(&body);
	strbuf_release(&config);
	free(repo);
	free(tag);
	free(why);
	free(id);
	free(keyid);
	free(tmp);
	free(layer);
	free(root);
	free(want);
	return rc;
}

int cache_pull(struct cache *c, const struct store *st, const char *lockname, const struct cache_entry *e)
{
	struct store_lock lk = STORE_LOCK_INIT;
	char *meta = xasprintf("%s/%s", e->dir, e->sysroot ? SYSROOT_META_FILE : PKG_META_FILE);
	char *parent = xstrndup(e->dir, (size_t)(strrchr(e->dir, '/') - e->dir));
	int rc = -1;

	if (mkdir_p(parent, 0755)) {
		gs_error_errno(errno, "cannot create '%s'", parent);
		goto out;
	}
	if (store_lock(st, lockname, &lk))
		goto out;
	if (path_exists(meta)) {        /* another process made it */
		rc = 2;
		goto out;
	}
	if (path_exists(e->dir))        /* an entry without its record: not trusted */
		rm_rf(e->dir);
	if (store_clean_stale(parent, e->entry))
		gs_info("removed what an interrupted run left of %s", e->entry);
	rc = pull(c, e, parent);
out:
	store_unlock(&lk);
	free(meta);
	free(parent);
	return rc;
}

static int push_fail(struct cache *c, const struct cache_entry *e, const char *why)
{
	if (c->cl && oci_client_down(c->cl))
		went_down(c, why);
	else
		gs_error("cannot push %s to the cache %s: %s", e->entry, c->url.text, why);
	return -1;
}

int cache_push(struct cache *c, const struct cache_entry *e, bool *skipped)
{
	char *repo = NULL, *tag = NULL, *why = NULL, *id = oci_entry_id(e->sysroot, e->target, e->entry);
	char *tmp = NULL, *layer = NULL, *config = NULL, *manifest = NULL, *parent = NULL, *msg = NULL;
	char *sigtext = NULL, *sigtag = NULL, *sigb64 = NULL;
	char ldigest[7 + SHA256_HEX_LEN + 1], cdigest[sizeof(ldigest)], mdigest[sizeof(ldigest)];
	struct oci_desc cdesc, ldesc;
	struct oci_signature sig;
	struct stat sb;
	int rc = -1, r;

	*skipped = false;
	if (c->down)
		return -1;
	if (!c->key) {
		if (!c->key_path) {
			gs_error("pushing to the cache %s needs a signing key: set GOSTATIC_CACHE_KEY to a private key file "
				 "(make one with: gostatic cache keygen FILE)", c->url.text);
			return -1;
		}
		c->key = sign_load(c->key_path, true);
		if (!c->key) {
			gs_error("GOSTATIC_CACHE_KEY names '%s', which is not a private key gostatic can sign with",
				 c->key_path);
			return -1;
		}
	}
	if (oci_entry_ref(&c->url, e->name, e->target, e->entry, &repo, &tag)) {
		gs_error("%s cannot be pushed: '%s' is not a repository name", e->entry, e->name);
		goto out;
	}
	if (!cache_client(c))
		goto out;
	r = oci_manifest_exists(c->cl, repo, tag, &why);
	if (r < 0) {
		push_fail(c, e, why);
		goto out;
	}
	if (r == 0) {
		*skipped = true;
		rc = 0;
		goto out;
	}
	parent = xstrdup(e->dir);
	*strrchr(parent, '/') = '\0';
	tmp = store_mktemp(parent, e->entry);
	if (!tmp) {
		gs_error_errno(errno, "cannot create a temporary folder in '%s'", parent);
		goto out;
	}
	layer = xasprintf("%s/layer.tar.zst", tmp);
	free(why);
	why = NULL;
	if (oci_pack(e->dir, CACHE_PULLED_FILE, layer, &why)) {
		gs_error("cannot pack %s: %s", e->entry, why);
		goto out;
	}
	memcpy(ldigest, "sha256:", 7);
	if (sha256_file(layer, ldigest + 7) || stat(layer, &sb)) {
		gs_error_errno(errno, "cannot read '%s'", layer);
		goto out;
	}
	config = config_text(e, id);
	digest_of(config, strlen(config), cdigest);
	cdesc = (struct oci_desc){ (char *)OCI_ENTRY_CONFIG_TYPE, cdigest, (int64_t)strlen(config) };
	ldesc = (struct oci_desc){ (char *)OCI_LAYER_TYPE, ldigest, (int64_t)sb.st_size };
	manifest = oci_entry_manifest_text(id, &cdesc, &ldesc);
	digest_of(manifest, strlen(manifest), mdigest);
	msg = xasprintf(OCI_SIGNED_FORMAT, id, mdigest);
	sigb64 = sign_message(c->key, msg);
	if (!sigb64)
		goto out;
	sig = (struct oci_signature){ id, mdigest, (int64_t)strlen(manifest), (char *)sign_keyid(c->key), sigb64 };
	sigtext = oci_signature_text(&sig);
	sigtag = xasprintf("%s.sig", tag);
	/* blobs, the manifest by digest, the signature, and the tag last: a
	 * push stopped anywhere before the end leaves no tag */
	free(why);
	why = NULL;
	if (oci_blob_put(c->cl, repo, ldigest, layer, NULL, 0, &why) ||
	    oci_blob_put(c->cl, repo, cdigest, NULL, config, strlen(config), &why) ||
	    oci_blob_put(c->cl, repo, OCI_EMPTY_DIGEST, NULL, "{}", 2, &why) ||
	    oci_manifest_put(c->cl, repo, mdigest, manifest, &why) ||
	    oci_manifest_put(c->cl, repo, sigtag, sigtext, &why) ||
	    oci_manifest_put(c->cl, repo, tag, manifest, &why)) {
		push_fail(c, e, why);
		goto out;
	}
	c->pushed++;
	{
		char size[32];

		human_size((uint64_t)sb.st_size, size, sizeof(size));
		gs_info("%s: pushed to %s/%s:%s (%s, signed by %s)", e->entry, c->url.host, repo, tag, size,
			sign_keyid(c->key));
	}
	rc = 0;
out:
	if (tmp)
		rm_rf(tmp);
	free(repo);
	free(tag);
	free(why);
	free(id);
	free(tmp);
	free(layer);
	free(config);
	free(manifest);
	free(parent);
	free(msg);
	free(sigtext);
	free(sigtag);
	free(sigb64);
	return rc;
}
