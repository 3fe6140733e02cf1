/* ociref.c - cache URLs, entry references, challenges and manifests (pure) */
#include <ctype.h>
#include <string.h>

#include "ociref.h"

int cache_url_parse(const char *text, struct cache_url *u, char **why)
{
	const char *rest, *slash;
	static const char hint[] = "write oci://HOST[:PORT]/PATH for HTTPS or oci+http://HOST:PORT/PATH for plain "
				   "HTTP, PATH in lowercase letters, digits and . _ - /";

	*u = (struct cache_url)CACHE_URL_INIT;
	*why = NULL;
	if (starts_with(text, "oci://")) {
		rest = text + 6;
	} else if (starts_with(text, "oci+http://")) {
		rest = text + 11;
		u->https = false;
	} else if (starts_with(text, "oci+https://")) {
		rest = text + 12;
	} else {
		*why = xasprintf("'%s' is not a cache URL: %s", text, hint);
		return -1;
	}
	slash = strchr(rest, '/');
	if (slash == rest || !*rest) {
		*why = xasprintf("'%s' names no registry host: %s", text, hint);
		return -1;
	}
	u->host = slash ? xstrndup(rest, (size_t)(slash - rest)) : xstrdup(rest);
	for (const char *c = u->host; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr(".-:[]", *c)) {
			*why = xasprintf("'%s': the host '%s' has a '%c': %s", text, u->host, *c, hint);
			cache_url_release(u);
			return -1;
		}
	u->path = xstrdup(slash ? slash + 1 : "");
	while (*u->path && u->path[strlen(u->path) - 1] == '/')
		u->path[strlen(u->path) - 1] = '\0';
	if (*u->path && !oci_repo_valid(u->path)) {
		*why = xasprintf("'%s': '%s' is not a repository path: %s", text, u->path, hint);
		cache_url_release(u);
		return -1;
	}
	u->text = xstrdup(text);
	return 0;
}

void cache_url_release(struct cache_url *u)
{
	free(u->host);
	free(u->path);
	free(u->text);
	*u = (struct cache_url)CACHE_URL_INIT;
}

static bool alnum_lower(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool oci_repo_valid(const char *repo)
{
	size_t len = strlen(repo);

	if (!len || len > 255)
		return false;
	for (const char *c = repo; *c;) {
		/* one component: [a-z0-9]+ ((\.|_|__|-+)[a-z0-9]+)* */
		if (!alnum_lower(*c))
			return false;
		while (*c && *c != '/') {
			if (alnum_lower(*c)) {
				c++;
				continue;
			}
			if (*c == '.' || *c == '_') {
				c += (*c == '_' && c[1] == '_') ? 2 : 1;
			} else if (*c == '-') {
				while (*c == '-')
					c++;
			} else {
				return false;
			}
			if (!alnum_lower(*c))
				return false;
		}
		if (*c == '/')
			c++;
		else
			break;
		if (!*c)
			return false;
	}
	return true;
}

bool oci_tag_valid(const char *tag)
{
	size_t len = strlen(tag);

	if (!len || len > 128 || !(isalnum((unsigned char)*tag) || *tag == '_'))
		return false;
	for (const char *c = tag; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("._-", *c))
			return false;
	return true;
}

int oci_entry_ref(const struct cache_url *u, const char *name, const char *target,
		  const char *entry, char **repo, char **tag)
{
	size_t nlen = strlen(name);
	const char *rest = (!strncmp(entry, name, nlen) && entry[nlen] == '-') ? entry + nlen + 1 : entry;
	char *t, *lower = xstrdup(name);

	*repo = *tag = NULL;
	for (char *c = lower; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	*repo = *u->path ? xasprintf("%s/%s", u->path, lower) : xstrdup(lower);
	free(lower);
	if (!oci_repo_valid(*repo)) {
		free(*repo);
		*repo = NULL;
		return -1;
	}
	t = xasprintf("%s_%s", target, rest);
	for (char *c = t; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("._-", *c))
			*c = '_';
	if (strlen(t) > 123)        /* room for ".sig" */
		t[123] = '\0';
	*tag = t;
	return 0;
}

char *oci_entry_id(bool sysroot, const char *target, const char *entry)
{
	return sysroot ? xasprintf("sysroot/%s", entry) : xasprintf("pkg/%s/%s", target, entry);
}

/* auth-param = token "=" ( token / quoted-string ) */
static const char *param(const char *p, char **name, char **value)
{
	struct strbuf v = STRBUF_INIT;
	const char *start;

	while (*p == ' ' || *p == '\t' || *p == ',')
		p++;
	start = p;
	while (*p && *p != '=' && *p != ' ' && *p != ',')
		p++;
	if (*p != '=' || p == start)
		return NULL;
	*name = xstrndup(start, (size_t)(p - start));
	for (char *c = *name; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	p++;
	if (*p == '"') {
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			strbuf_addch(&v, *p);
		}
		if (*p != '"') {
			free(*name);
			strbuf_release(&v);
			return NULL;
		}
		p++;
	} else {
		start = p;
		while (*p && *p != ',' && *p != ' ')
			p++;
		strbuf_add(&v, start, (size_t)(p - start));
	}
	*value = strbuf_detach(&v);
	return p;
}

int oci_challenge_parse(const char *value, struct oci_challenge *c)
{
	const char *p = value;
	size_t n;

	*c = (struct oci_challenge)OCI_CHALLENGE_INIT;
	while (*p == ' ')
		p++;
	n = strcspn(p, " ");
	if (!n)
		return -1;
	c->scheme = xstrndup(p, n);
	for (char *s = c->scheme; *s; s++)
		*s = (char)tolower((unsigned char)*s);
	if (strcmp(c->scheme, "basic") && strcmp(c->scheme, "bearer")) {
		oci_challenge_release(c);
		return -1;
	}
	p += n;
	while (*p) {
		char *name = NULL, *v = NULL, **slot = NULL;

		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		p = param(p, &name, &v);
		if (!p) {
			oci_challenge_release(c);
			return -1;
		}
		if (!strcmp(name, "realm"))
			slot = &c->realm;
		else if (!strcmp(name, "service"))
			slot = &c->service;
		else if (!strcmp(name, "scope"))
			slot = &c->scope;
		if (slot) {
			free(*slot);
			*slot = v;
			v = NULL;
		}
		free(name);
		free(v);
	}
	if (!strcmp(c->scheme, "bearer") && (!c->realm || !*c->realm)) {
		oci_challenge_release(c);
		return -1;
	}
	return 0;
}

void oci_challenge_release(struct oci_challenge *c)
{
	free(c->scheme);
	free(c->realm);
	free(c->service);
	free(c->scope);
	*c = (struct oci_challenge)OCI_CHALLENGE_INIT;
}

bool oci_digest_valid(const char *digest)
{
	return digest && starts_with(digest, "sha256:") && is_sha256_hex(digest + 7);
}

static json_t *desc_json(const struct oci_desc *d)
{
	return json_pack("{s:s, s:s, s:I}", "mediaType", d->media_type, "digest", d->digest, "size",
			 (json_int_t)d->size);
}

/* Compact, keys sorted: the same manifest is always the same bytes. */
static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	/* jansson fails only when memory does, which xmalloc() dies of */
	return s ? s : xmalloc((size_t)-1);
}

char *oci_entry_manifest_text(const char *id, const struct oci_desc *config,
			      const struct oci_desc *layer)
{
	json_t *o = json_object();

	json_object_set_new(o, "schemaVersion", json_integer(2));
	json_object_set_new(o, "mediaType", json_string(OCI_MANIFEST_TYPE));
	json_object_set_new(o, "artifactType", json_string(OCI_ENTRY_TYPE));
	json_object_set_new(o, "config", desc_json(config));
	json_object_set_new(o, "layers", json_pack("[o]", desc_json(layer)));
	json_object_set_new(o, "annotations", json_pack("{s:s}", "dev.gostatic.entry", id));
	return dump(o);
}

static int desc_parse(json_t *j, const char *what, const char *type, struct oci_desc *d, char **why)
{
	json_t *mt = json_object_get(j, "mediaType"), *dg = json_object_get(j, "digest"),
	       *sz = json_object_get(j, "size");

	memset(d, 0, sizeof(*d));
	if (!json_is_object(j) || !json_is_string(mt) || !json_is_string(dg) || !json_is_integer(sz)) {
		*why = xasprintf("its %s is not a descriptor (mediaType, digest, size)", what);
		return -1;
	}
	if (type && strcmp(json_string_value(mt), type)) {
		*why = xasprintf("its %s has the media type '%s', not %s", what, json_string_value(mt), type);
		return -1;
	}
	if (!oci_digest_valid(json_string_value(dg))) {
		*why = xasprintf("its %s has the digest '%s', not sha256:<64 hex digits>", what,
				 json_string_value(dg));
		return -1;
	}
	if (json_integer_value(sz) < 0) {
		*why = xasprintf("its %s has a negative size", what);
		return -1;
	}
	d->media_type = xstrdup(json_string_value(mt));
	d->digest = xstrdup(json_string_value(dg));
	d->size = (int64_t)json_integer_value(sz);
	return 0;
}

static void desc_release(struct oci_desc *d)
{
	free(d->media_type);
	free(d->digest);
	memset(d, 0, sizeof(*d));
}

static json_t *load(const char *text, size_t len, char **why)
{
	json_error_t jerr;
	json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);

	if (!o) {
		*why = xasprintf("not JSON (line %d: %s)", jerr.line, jerr.text);
		return NULL;
	}
	if (!json_is_object(o)) {
		*why = xstrdup("not a JSON object");
		json_decref(o);
		return NULL;
	}
	if (json_integer_value(json_object_get(o, "schemaVersion")) != 2) {
		*why = xstrdup("its schemaVersion is not 2");
		json_decref(o);
		return NULL;
	}
	return o;
}

static const char *annotation(json_t *o, const char *key)
{
	json_t *v = json_object_get(json_object_get(o, "annotations"), key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int oci_entry_manifest_parse(const char *text, size_t len, struct oci_entry_manifest *m, char **why)
{
	json_t *o, *layers, *at;
	const char *id;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	*why = NULL;
	if (!(o = load(text, len, why)))
		return -1;
	at = json_object_get(o, "artifactType");
	layers = json_object_get(o, "layers");
	id = annotation(o, "dev.gostatic.entry");
	if (!json_is_string(at) || strcmp(json_string_value(at), OCI_ENTRY_TYPE))
		*why = xstrdup("it is not a gostatic entry (artifactType " OCI_ENTRY_TYPE ")");
	else if (!id || !*id)
		*why = xstrdup("it names no entry (annotation dev.gostatic.entry)");
	else if (!json_is_array(layers) || json_array_size(layers) != 1)
		*why = xstrdup("it does not have exactly one layer");
	else if (!desc_parse(json_object_get(o, "config"), "config", OCI_ENTRY_CONFIG_TYPE, &m->config, why) &&
		 !desc_parse(json_array_get(layers, 0), "layer", OCI_LAYER_TYPE, &m->layer, why))
		rc = 0;
	if (!rc)
		m->id = xstrdup(id);
	else
		oci_entry_manifest_release(m);
	json_decref(o);
	return rc;
}

void oci_entry_manifest_release(struct oci_entry_manifest *m)
{
	free(m->id);
	desc_release(&m->config);
	desc_release(&m->layer);
	m->id = NULL;
}

char *oci_signature_text(const struct oci_signature *s)
{
	struct oci_desc empty = { (char *)OCI_EMPTY_TYPE, (char *)OCI_EMPTY_DIGEST, 2 };
	struct oci_desc subject = { (char *)OCI_MANIFEST_TYPE, s->subject, s->subject_size };
	json_t *o = json_object();

	json_object_set_new(o, "schemaVersion", json_integer(2));
	json_object_set_new(o, "mediaType", json_string(OCI_MANIFEST_TYPE));
	json_object_set_new(o, "artifactType", json_string(OCI_SIG_TYPE));
	json_object_set_new(o, "config", desc_json(&empty));
	json_object_set_new(o, "layers", json_array());
	json_object_set_new(o, "subject", desc_json(&subject));
	json_object_set_new(o, "annotations",
			    json_pack("{s:s, s:s, s:s}", "dev.gostatic.entry", s->id, "dev.gostatic.key", s->keyid,
				      "dev.gostatic.signature", s->sig));
	return dump(o);
}

int oci_signature_parse(const char *text, size_t len, struct oci_signature *s, char **why)
{
	struct oci_desc subject = { 0 };
	const char *id, *key, *sig;
	json_t *o, *at;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	*why = NULL;
	if (!(o = load(text, len, why)))
		return -1;
	at = json_object_get(o, "artifactType");
	id = annotation(o, "dev.gostatic.entry");
	key = annotation(o, "dev.gostatic.key");
	sig = annotation(o, "dev.gostatic.signature");
	if (!json_is_string(at) || strcmp(json_string_value(at), OCI_SIG_TYPE))
		*why = xstrdup("it is not a gostatic signature (artifactType " OCI_SIG_TYPE ")");
	else if (!id || !key || !sig || !*id || !*sig)
		*why = xstrdup("it lacks the entry, key or signature annotation");
	else if (strlen(key) != 16 || strspn(key, "0123456789abcdef") != 16)
		*why = xasprintf("its key id '%s' is not 16 hex digits", key);
	else if (!desc_parse(json_object_get(o, "subject"), "subject", OCI_MANIFEST_TYPE, &subject, why))
		rc = 0;
	if (!rc) {
		s->id = xstrdup(id);
		s->keyid = xstrdup(key);
		s->sig = xstrdup(sig);
		s->subject = subject.digest;
		s->subject_size = subject.size;
		subject.digest = NULL;
	}
	desc_release(&subject);
	json_decref(o);
	return rc;
}

void oci_signature_release(struct oci_signature *s)
{
	free(s->id);
	free(s->subject);
	free(s->keyid);
	free(s->sig);
	memset(s, 0, sizeof(*s));
}

char *oci_error_text(const char *body, size_t len)
{
	json_t *o = body && len ? json_loadb(body, len, 0, NULL) : NULL;
	json_t *e = json_array_get(json_object_get(o, "errors"), 0);
	const char *code = json_string_value(json_object_get(e, "code"));
	const char *msg = json_string_value(json_object_get(e, "message"));
	char *r = NULL;

	if (code)
		r = msg && *msg ? xasprintf("%s: %s", code, msg) : xstrdup(code);
	json_decref(o);
	return r;
}
