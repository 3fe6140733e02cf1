/* ocireg.c - a client of OCI distribution registries over libcurl */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "config.h"
#include "fetch.h"
#include "fsutil.h"
#include "lazylib.h"
#include "log.h"
#include "ocireg.h"

#define MAX_BODY (4u << 20)

struct oci_client {
	struct cache_url url;
	char *base;               /* http[s]://host */
	char *user, *pass;        /* credentials, when any */
	char *token, *token_scope;
	double token_expiry;
	bool basic;               /* the registry asked for HTTP Basic */
	bool down;
	const char *auth;
	size_t requests;
	double connect_timeout, stall;
	unsigned retries;
	CURL *h;
};

struct req {
	const char *method;       /* GET HEAD PUT POST */
	const char *repo;         /* for the token's scope; NULL for /v2/ */
	bool push;                /* needs the push scope */
	const char *accept;
	const char *ctype;
	const void *data;         /* a body to send from memory */
	size_t len;
	int in_fd;                /* or from a file, of len bytes */
	int out_fd;               /* a 2xx body goes here, hashed, at most max bytes */
	int64_t max;
};

struct resp {
	long code;
	struct strbuf body;
	char *location, *www_auth, *retry_after;
	/* streaming */
	const struct req *rq;
	EVP_MD_CTX *md;
	int64_t got;
	bool too_big;
	int write_errno;
	/* uploading */
	size_t sent;
};

static void resp_reset(struct resp *r)
{
	free(r->location);
	free(r->www_auth);
	free(r->retry_after);
	r->location = r->www_auth = r->retry_after = NULL;
	strbuf_setlen(&r->body, 0);
	r->code = 0;
	r->got = 0;
	r->too_big = false;
	r->write_errno = 0;
	r->sent = 0;
}

static void resp_release(struct resp *r)
{
	resp_reset(r);
	strbuf_release(&r->body);
	if (r->md)
		EVP_MD_CTX_free(r->md);
	r->md = NULL;
}

/* "user:password" from base64, split */
static int split_basic(const char *b64, char **user, char **pass)
{
	size_t len = strlen(b64);
	unsigned char *raw = xmalloc(len + 4);
	int n = EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)len);
	char *colon;

	if (n < 0) {
		free(raw);
		return -1;
	}
	while (len && b64[len - 1] == '=' && n > 0) {
		len--;
		n--;
	}
	raw[n] = '\0';
	colon = strchr((char *)raw, ':');
	if (!colon) {
		free(raw);
		return -1;
	}
	*user = xstrndup((char *)raw, (size_t)(colon - (char *)raw));
	*pass = xstrdup(colon + 1);
	free(raw);
	return 0;
}

static void docker_credentials(struct oci_client *c)
{
	const char *dc = getenv("DOCKER_CONFIG"), *home = getenv("HOME");
	char *path = dc && *dc ? xasprintf("%s/config.json", dc)
				: home && *home ? xasprintf("%s/.docker/config.json", home) : NULL;
	json_t *o, *auths;
	const char *keys[3];
	char *k1, *k2;

	if (!path || !path_exists(path)) {
		free(path);
		return;
	}
	o = json_load_file(path, 0, NULL);
	if (!o) {
		gs_warn("ignoring '%s': it is not JSON", path);
		free(path);
		return;
	}
	auths = json_object_get(o, "auths");
	k1 = xasprintf("https://%s", c->url.host);
	k2 = xasprintf("http://%s", c->url.host);
	keys[0] = c->url.host;
	keys[1] = k1;
	keys[2] = k2;
	for (size_t i = 0; i < ARRAY_SIZE(keys) && !c->user; i++) {
		const char *a = json_string_value(json_object_get(json_object_get(auths, keys[i]), "auth"));

		if (a && split_basic(a, &c->user, &c->pass))
			gs_warn("ignoring the credentials of %s in '%s': \"auth\" is not base64 of user:password",
				keys[i], path);
	}
	json_decref(o);
	free(k1);
	free(k2);
	free(path);
}

struct oci_client *oci_client_new(const struct cache_url *u)
{
	const struct curl_api *api = curl();
	struct oci_client *c;
	const char *user = getenv("GOSTATIC_CACHE_USER"), *pass = getenv("GOSTATIC_CACHE_PASSWORD");

	if (!api)
		return NULL;
	if (api->global_init(CURL_GLOBAL_DEFAULT))
		die("cannot initialise libcurl");
	c = xcalloc(1, sizeof(*c));
	c->url.https = u->https;
	c->url.host = xstrdup(u->host);
	c->url.path = xstrdup(u->path);
	c->url.text = xstrdup(u->text);
	c->base = xasprintf("%s://%s", u->https ? "https" : "http", u->host);
	c->connect_timeout = fetch_env_seconds("GOSTATIC_CACHE_TIMEOUT", 5);
	c->stall = fetch_env_seconds("GOSTATIC_STALL_TIMEOUT", 30);
	c->retries = fetch_env_retries();
	c->auth = "anonymous";
	if (user && *user) {
		c->user = xstrdup(user);
		c->pass = xstrdup(pass ? pass : "");
	} else {
		docker_credentials(c);
	}
	c->h = api->easy_init();
	if (!c->h)
		die("cannot set up libcurl (out of memory?)");
	return c;
}

void oci_client_free(struct oci_client *c)
{
	if (!c)
		return;
	curl()->easy_cleanup(c->h);
	cache_url_release(&c->url);
	free(c->base);
	free(c->user);
	free(c->pass);
	free(c->token);
	free(c->token_scope);
	free(c);
}

bool oci_client_down(const struct oci_client *c)
{
	return c->down;
}

size_t oci_client_requests(const struct oci_client *c)
{
	return c->requests;
}

const char *oci_client_auth(const struct oci_client *c)
{
	return c->auth;
}

static size_t on_header(char *buf, size_t size, size_t n, void *ud)
{
	struct resp *r = ud;
	size_t len = size * n, k;
	char **slot = NULL;

	if (len > 5 && !strncmp(buf, "HTTP/", 5)) {
		const char *sp = memchr(buf, ' ', len);

		resp_reset(r);
		if (sp)
			r->code = strtol(sp + 1, NULL, 10);
		return len;
	}
	if (len > 9 && !strncasecmp(buf, "location:", 9))
		slot = &r->location, k = 9;
	else if (len > 17 && !strncasecmp(buf, "www-authenticate:", 17))
		slot = &r->www_auth, k = 17;
	else if (len > 12 && !strncasecmp(buf, "retry-after:", 12))
		slot = &r->retry_after, k = 12;
	if (slot) {
		while (k < len && (buf[k] == ' ' || buf[k] == '\t'))
			k++;
		while (len > k && (buf[len - 1] == '\r' || buf[len - 1] == '\n' || buf[len - 1] == ' '))
			len--;
		free(*slot);
		*slot = xstrndup(buf + k, len - k);
	}
	return size * n;
}

static size_t on_body(char *buf, size_t size, size_t n, void *ud)
{
	struct resp *r = ud;
	size_t len = size * n;
	int rc;

	if (r->rq->out_fd >= 0 && r->code >= 200 && r->code < 300) {
		if (r->got + (int64_t)len > r->rq->max) {
			r->too_big = true;
			return 0;
		}
		rc = write_full(r->rq->out_fd, buf, len);
		if (rc) {
			r->write_errno = -rc;
			return 0;
		}
		EVP_DigestUpdate(r->md, buf, len);
		r->got += (int64_t)len;
		return len;
	}
	if (r->body.len + len > MAX_BODY) {
		r->too_big = true;
		return 0;
	}
	strbuf_add(&r->body, buf, len);
	if (r->md && r->code >= 200 && r->code < 300)
		EVP_DigestUpdate(r->md, buf, len);
	r->got += (int64_t)len;
	return len;
}

static size_t on_read(char *buf, size_t size, size_t n, void *ud)
{
	struct resp *r = ud;
	const struct req *rq = r->rq;
	size_t want = size * n, left = rq->len - r->sent;
	ssize_t got;

	if (want > left)
		want = left;
	if (!want)
		return 0;
	if (rq->data) {
		memcpy(buf, (const char *)rq->data + r->sent, want);
		got = (ssize_t)want;
	} else {
		got = pread(rq->in_fd, buf, want, (off_t)r->sent);
		if (got <= 0)
			return CURL_READFUNC_ABORT;
	}
	r->sent += (size_t)got;
	return (size_t)got;
}

/* scheme://host[:port] of url, for comparing hosts */
static char *origin_of(const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;

	if (!p)
		return xstrdup("");
	p += 3;
	n = strcspn(p, "/?#");
	return xstrndup(url, (size_t)(p - url) + n);
}

static char *resolve(const char *base_url, const char *loc)
{
	char *origin;
	char *r;

	if (strstr(loc, "://"))
		return xstrdup(loc);
	origin = origin_of(base_url);
	r = loc[0] == '/' ? xasprintf("%s%s", origin, loc) : xasprintf("%s/%s", origin, loc);
	free(origin);
	return r;
}

static char *escape(const char *s)
{
	char *e = curl()->easy_escape(NULL, s, 0);
	char *r = xstrdup(e ? e : "");

	curl()->free(e);
	return r;
}

/* One HTTP exchange, no retries, no auth handling. Returns the CURLcode. */
static CURLcode exchange(struct oci_client *c, const char *url, const struct req *rq, bool send_auth,
			 struct resp *r, char *errbuf)
{
	const struct curl_api *api = curl();
	struct curl_slist *hdrs = NULL;
	CURLcode res;
	CURL *h = c->h;

	api->easy_reset(h);
	resp_reset(r);
	r->rq = rq;
	if (rq->out_fd >= 0) {
		if (ftruncate(rq->out_fd, 0) || lseek(rq->out_fd, 0, SEEK_SET) < 0)
			return CURLE_WRITE_ERROR;
	}
	if (r->md)
		EVP_DigestInit_ex(r->md, EVP_sha256(), NULL);
	*errbuf = '\0';
	api->easy_setopt(h, CURLOPT_URL, url);
	api->easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	api->easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	api->easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	api->easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)(c->connect_timeout * 1000));
	api->easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	api->easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (long)(c->stall + 0.999));
	api->easy_setopt(h, CURLOPT_USERAGENT, "gostatic/" GOSTATIC_VERSION);
	api->easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	api->easy_setopt(h, CURLOPT_HEADERDATA, r);
	api->easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	api->easy_setopt(h, CURLOPT_WRITEDATA, r);
	if (!strcmp(rq->method, "HEAD")) {
		api->easy_setopt(h, CURLOPT_NOBODY, 1L);
	} else if (!strcmp(rq->method, "PUT") || !strcmp(rq->method, "POST")) {
		if (!strcmp(rq->method, "PUT"))
			api->easy_setopt(h, CURLOPT_UPLOAD, 1L);
		else
			api->easy_setopt(h, CURLOPT_POST, 1L);
		api->easy_setopt(h, CURLOPT_READFUNCTION, on_read);
		api->easy_setopt(h, CURLOPT_READDATA, r);
		if (!strcmp(rq->method, "PUT"))
			api->easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)rq->len);
		else
			api->easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)rq->len);
		hdrs = api->slist_append(hdrs, "Expect:");
	}
	if (rq->accept) {
		char *a = xasprintf("Accept: %s", rq->accept);

		hdrs = api->slist_append(hdrs, a);
		free(a);
	}
	if (rq->ctype) {
		char *a = xasprintf("Content-Type: %s", rq->ctype);

		hdrs = api->slist_append(hdrs, a);
		free(a);
	}
	if (send_auth) {
		if (c->token) {
			char *a = xasprintf("Authorization: Bearer %s", c->token);

			hdrs = api->slist_append(hdrs, a);
			free(a);
		} else if (c->basic && c->user) {
			api->easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
			api->easy_setopt(h, CURLOPT_USERNAME, c->user);
			api->easy_setopt(h, CURLOPT_PASSWORD, c->pass);
		}
	}
	api->easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	c->requests++;
	out_verbose(&gs_out, 2, "cache: %s %s", rq->method, url);
	res = api->easy_perform(h);
	api->easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	api->slist_free_all(hdrs);
	if (res == CURLE_OK && !r->code)
		api->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->code);
	return res;
}

/* Gets a Bearer token for the challenge. Returns 0 or -1 with *why. */
static int fetch_token(struct oci_client *c, const struct oci_challenge *ch, const char *scope, char **why)
{
	struct strbuf url = STRBUF_INIT;
	struct req rq = { .method = "GET", .in_fd = -1, .out_fd = -1 };
	struct resp r = { .body = STRBUF_INIT };
	char errbuf[CURL_ERROR_SIZE];
	json_t *o = NULL, *tok, *exp;
	CURLcode res;
	bool basic = c->basic;
	int rc = -1;

	strbuf_addstr(&url, ch->realm);
	strbuf_addch(&url, strchr(ch->realm, '?') ? '&' : '?');
	if (ch->service) {
		char *e = escape(ch->service);

		strbuf_addf(&url, "service=%s&", e);
		free(e);
	}
	if (scope) {
		char *e = escape(scope);

		strbuf_addf(&url, "scope=%s", e);
		free(e);
	}
	c->basic = c->user != NULL;
	free(c->token);
	c->token = NULL;
	res = exchange(c, url.buf, &rq, c->user != NULL, &r, errbuf);
	c->basic = basic;
	if (res != CURLE_OK) {
		*why = xasprintf("cannot get a token from %s: %s", ch->realm, *errbuf ? errbuf : curl()->easy_strerror(res));
		goto out;
	}
	if (r.code != 200) {
		char *e = oci_error_text(r.body.buf, r.body.len);

		if (r.code == 401)
			*why = xasprintf("the token server %s refused %s (HTTP 401): set GOSTATIC_CACHE_USER and "
					 "GOSTATIC_CACHE_PASSWORD, or log in with docker login %s",
					 ch->realm, c->user ? "the credentials" : "anonymous access", c->url.host);
		else
			*why = xasprintf("the token server %s answered HTTP %ld%s%s%s", ch->realm, r.code,
					 e ? " (" : "", e ? e : "", e ? ")" : "");
		free(e);
		goto out;
	}
	o = json_loadb(r.body.buf, r.body.len, 0, NULL);
	tok = json_object_get(o, "token");
	if (!json_is_string(tok))
		tok = json_object_get(o, "access_token");
	if (!json_is_string(tok) || !*json_string_value(tok)) {
		*why = xasprintf("the token server %s answered no token", ch->realm);
		goto out;
	}
	exp = json_object_get(o, "expires_in");
	c->token = xstrdup(json_string_value(tok));
	{
		/* renewed a little before it runs out */
		double life = json_is_integer(exp) && json_integer_value(exp) > 0 ? (double)json_integer_value(exp) : 60;

		c->token_expiry = now_seconds() + life - (life > 50 ? 5 : life / 10);
	}
	free(c->token_scope);
	c->token_scope = xstrdup(scope ? scope : "");
	c->auth = c->user ? "bearer" : "bearer (anonymous)";
	rc = 0;
out:
	json_decref(o);
	resp_release(&r);
	strbuf_release(&url);
	return rc;
}

/* Reacts to a 401: gets what the challenge asks for. Returns 0 to retry,
 * -1 with *why. */
static int authenticate(struct oci_client *c, const struct req *rq, const struct resp *r, bool again,
			char **why)
{
	struct oci_challenge ch;
	char *scope = NULL;
	int rc;

	if (!r->www_auth || oci_challenge_parse(r->www_auth, &ch)) {
		*why = xasprintf("%s refused the request (HTTP 401) without a usable WWW-Authenticate challenge",
				 c->url.host);
		return -1;
	}
	if (!strcmp(ch.scheme, "basic")) {
		if (!c->user || (again && c->basic)) {
			*why = xasprintf("%s %s (HTTP 401): set GOSTATIC_CACHE_USER and GOSTATIC_CACHE_PASSWORD, or log "
					 "in with docker login %s", c->url.host,
					 c->user ? "refused the credentials" : "needs credentials", c->url.host);
			oci_challenge_release(&ch);
			return -1;
		}
		c->basic = true;
		c->auth = "basic";
		oci_challenge_release(&ch);
		return 0;
	}
	if (ch.scope)
		scope = xstrdup(ch.scope);
	else if (rq->repo)
		scope = xasprintf("repository:%s:%s", rq->repo, rq->push ? "pull,push" : "pull");
	if (again && c->token && c->token_scope && !strcmp(c->token_scope, scope ? scope : "") &&
	    now_seconds() < c->token_expiry) {
		*why = xasprintf("%s refused the token it issued for %s (HTTP 401%s)", c->url.host,
				 scope ? scope : "the registry", rq->push ? "; pushing needs write access" : "");
		rc = -1;
	} else {
		rc = fetch_token(c, &ch, scope, why);
	}
	free(scope);
	oci_challenge_release(&ch);
	return rc;
}

static double retry_delay(const struct resp *r, unsigned attempt)
{
	double d = 0.5 * (double)(1u << (attempt < 6 ? attempt : 6));

	if (r->retry_after) {
		char *end;
		double s = strtod(r->retry_after, &end);

		if (!*end && s >= 0)
			d = s;
	}
	return d > 30 ? 30 : d;
}

static void sleep_seconds(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Performs rq on path (below the registry, or an absolute URL), handling
 * authentication, redirects and retries. Returns 0 with r->code set, or -1
 * with *why. */
static int perform(struct oci_client *c, const char *path, const struct req *rq, struct resp *r, char **why)
{
	char *url = strstr(path, "://") ? xstrdup(path) : xasprintf("%s%s", c->base, path);
	char errbuf[CURL_ERROR_SIZE];
	unsigned attempt = 0, redirects = 0, auths = 0;
	int rc = -1;

	*why = NULL;
	if (c->down) {
		*why = xasprintf("%s did not answer before", c->url.host);
		free(url);
		return -1;
	}
	for (;;) {
		char *origin = origin_of(url);
		bool own = !strcmp(origin, c->base);
		CURLcode res;

		free(origin);
		if (own && c->token && now_seconds() >= c->token_expiry) {
			free(c->token);       /* expired: the 401 that follows renews it */
			c->token = NULL;
		}
		res = exchange(c, url, rq, own, r, errbuf);
		if (res == CURLE_COULDNT_CONNECT || res == CURLE_COULDNT_RESOLVE_HOST ||
		    (res == CURLE_OPERATION_TIMEDOUT && r->code == 0 && r->got == 0)) {
			if (own)
				c->down = true;
			*why = xasprintf("cannot reach %s: %s", own ? c->url.host : url,
					 *errbuf ? errbuf : curl()->easy_strerror(res));
			break;
		}
		if (res == CURLE_WRITE_ERROR && r->too_big) {
			*why = xasprintf("%s sent more than %s", url, rq->out_fd >= 0 ? "the descriptor's size" : "4 MiB");
			break;
		}
		if (res == CURLE_WRITE_ERROR && r->write_errno) {
			*why = xasprintf("cannot write what %s sent: %s", url, strerror(r->write_errno));
			break;
		}
		if (res != CURLE_OK) {
			if (attempt++ < c->retries) {
				sleep_seconds(retry_delay(r, attempt));
				continue;
			}
			if (res == CURLE_PARTIAL_FILE)
				*why = xasprintf("%s ended early after %lld bytes (truncated)", url, (long long)r->got);
			else
				*why = xasprintf("%s %s: %s", rq->method, url,
						 *errbuf ? errbuf : curl()->easy_strerror(res));
			break;
		}
		if (r->code == 401 && own && auths < 2) {
			if (authenticate(c, rq, r, auths++ > 0, why))
				break;
			continue;
		}
		if (r->code >= 300 && r->code < 400 && r->code != 304 && r->location) {
			char *next;

			if (redirects++ >= 5) {
				*why = xasprintf("%s redirects too often", url);
				break;
			}
			next = resolve(url, r->location);
			free(url);
			url = next;
			continue;
		}
		if ((r->code == 429 || r->code >= 500) && attempt++ < c->retries) {
			double d = retry_delay(r, attempt);

			out_verbose(&gs_out, 1, "cache: %s answered HTTP %ld; trying again in %.1f s", c->url.host, r->code, d);
			sleep_seconds(d);
			continue;
		}
		rc = 0;
		break;
	}
	free(url);
	return rc;
}

static char *http_error(const struct oci_client *c, const char *what, const struct resp *r)
{
	char *e = oci_error_text(r->body.buf, r->body.len);
	char *s = xasprintf("%s: %s answered HTTP %ld%s%s%s", what, c->url.host, r->code, e ? " (" : "", e ? e : "",
			    e ? ")" : "");

	free(e);
	return s;
}

int oci_ping(struct oci_client *c, const char *repo, char **why)
{
	struct req rq = { .method = "GET", .repo = repo, .in_fd = -1, .out_fd = -1 };
	struct resp r = { .body = STRBUF_INIT };
	int rc = perform(c, "/v2/", &rq, &r, why);

	if (!rc && r.code != 200) {
		*why = r.code == 404 ? xasprintf("%s does not speak the OCI distribution API (GET /v2/: HTTP 404)",
						 c->url.host)
				     : http_error(c, "GET /v2/", &r);
		rc = -1;
	}
	resp_release(&r);
	return rc;
}

static const char manifest_accept[] = OCI_MANIFEST_TYPE ", application/vnd.oci.image.index.v1+json";

int oci_manifest_get(struct oci_client *c, const char *repo, const char *ref, struct strbuf *body,
		     char **why)
{
	struct req rq = { .method = "GET", .repo = repo, .accept = manifest_accept, .in_fd = -1, .out_fd = -1 };
	struct resp r = { .body = STRBUF_INIT };
	char *path = xasprintf("/v2/%s/manifests/%s", repo, ref);
	int rc = perform(c, path, &rq, &r, why);

	if (!rc && r.code == 200) {
		strbuf_add(body, r.body.buf, r.body.len);
	} else if (!rc && r.code == 404) {
		rc = 1;
	} else if (!rc) {
		*why = http_error(c, path, &r);
		rc = -1;
	}
	resp_release(&r);
	free(path);
	return rc;
}

int oci_manifest_exists(struct oci_client *c, const char *repo, const char *ref, char **why)
{
	struct req rq = { .method = "HEAD", .repo = repo, .accept = manifest_accept, .in_fd = -1, .out_fd = -1 };
	struct resp r = { .body = STRBUF_INIT };
	char *path = xasprintf("/v2/%s/manifests/%s", repo, ref);
	int rc = perform(c, path, &rq, &r, why);

	if (!rc && r.code == 404) {
		rc = 1;
	} else if (!rc && r.code != 200) {
		*why = http_error(c, path, &r);
		rc = -1;
	}
	resp_release(&r);
	free(path);
	return rc;
}

int oci_manifest_put(struct oci_client *c, const char *repo, const char *ref, const char *text,
		     char **why)
{
	struct req rq = { .method = "PUT", .repo = repo, .push = true, .ctype = OCI_MANIFEST_TYPE, .data = text,
			  .len = strlen(text), .in_fd = -1, .out_fd = -1 };
	struct resp r = { .body = STRBUF_INIT };
	char *path = xasprintf("/v2/%s/manifests/%s", repo, ref);
	int rc = perform(c, path, &rq, &r, why);

	if (!rc && r.code != 201 && r.code != 200) {
		*why = http_error(c, path, &r);
		rc = -1;
	}
	resp_release(&r);
	free(path);
	return rc;
}

static int check_digest(struct resp *r, const char *digest, int64_t size, const char *url, char **why)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char hex[2 * EVP_MAX_MD_SIZE + 1];

	if (r->got != size) {
		*why = xasprintf("%s ended after %lld of %lld bytes (truncated)", url, (long long)r->got, (long long)size);
		return -1;
	}
	EVP_DigestFinal_ex(r->md, md, &n);
	for (unsigned i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	if (strcmp(hex, digest + 7)) {
		*why = xasprintf("%s does not match its digest: got sha256:%s (digest mismatch)", url, hex);
		return -1;
	}
	return 0;
}

static int blob_get(struct oci_client *c, const char *repo, const char *digest, int64_t size, int fd,
		    struct strbuf *body, char **why)
{
	struct req rq = { .method = "GET", .repo = repo, .in_fd = -1, .out_fd = fd, .max = size };
	struct resp r = { .body = STRBUF_INIT };
	char *path = xasprintf("/v2/%s/blobs/%s", repo, digest), *url = xasprintf("%s%s", c->base, path);
	int rc;

	if (!oci_digest_valid(digest)) {
		*why = xasprintf("'%s' is not a sha256 digest", digest);
		rc = -1;
		goto out;
	}
	r.md = EVP_MD_CTX_new();
	if (!r.md)
		die("out of memory");
	if (!body && size > (int64_t)MAX_BODY * 256) {
		*why = xasprintf("%s is too large (%lld bytes)", url, (long long)size);
		rc = -1;
		goto out;
	}
	rc = perform(c, path, &rq, &r, why);
	if (!rc && r.code == 404) {
		rc = 1;
	} else if (!rc && r.code != 200) {
		*why = http_error(c, path, &r);
		rc = -1;
	} else if (!rc) {
		rc = check_digest(&r, digest, size, url, why);
		if (!rc && body)
			strbuf_add(body, r.body.buf, r.body.len);
	}
out:
	resp_release(&r);
	free(path);
	free(url);
	return rc;
}

int oci_blob_get(struct oci_client *c, const char *repo, const char *digest, int64_t size,
		 const char *dest, char **why)
{
	int fd = open(dest, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int rc;

	if (fd < 0) {
		*why = xasprintf("cannot create '%s': %s", dest, strerror(errno));
		return -1;
	}
	rc = blob_get(c, repo, digest, size, fd, NULL, why);
	if (close(fd) && !rc) {
		*why = xasprintf("cannot write '%s': %s", dest, strerror(errno));
		rc = -1;
	}
	if (rc)
		unlink(dest);
	return rc;
}

int oci_blob_get_mem(struct oci_client *c, const char *repo, const char *digest, int64_t size,
		     struct strbuf *body, char **why)
{
	if (size > (1 << 20)) {
		*why = xasprintf("the blob %s is too large for a config (%lld bytes)", digest, (long long)size);
		return -1;
	}
	return blob_get(c, repo, digest, size, -1, body, why);
}

int oci_blob_put(struct oci_client *c, const char *repo, const char *digest, const char *path,
		 const void *data, size_t len, char **why)
{
	struct req head = { .method = "HEAD", .repo = repo, .push = true, .in_fd = -1, .out_fd = -1 };
	struct req post = { .method = "POST", .repo = repo, .push = true, .data = "", .len = 0, .in_fd = -1,
			    .out_fd = -1 };
	struct req put = { .method = "PUT", .repo = repo, .push = true, .ctype = "application/octet-stream",
			   .data = data, .len = len, .in_fd = -1, .out_fd = -1 };
	struct resp r = { .body = STRBUF_INIT };
	char *p = xasprintf("/v2/%s/blobs/%s", repo, digest), *loc = NULL, *url = NULL;
	int rc, fd = -1;

	rc = perform(c, p, &head, &r, why);
	if (rc || r.code == 200)
		goto out;
	free(p);
	p = xasprintf("/v2/%s/blobs/uploads/", repo);
	rc = perform(c, p, &post, &r, why);
	if (rc)
		goto out;
	if (r.code != 202 || !r.location) {
		*why = http_error(c, "starting an upload", &r);
		rc = -1;
		goto out;
	}
	loc = resolve(c->base, r.location);
	url = xasprintf("%s%cdigest=%s", loc, strchr(loc, '?') ? '&' : '?', digest);
	if (path) {
		struct stat sb;

		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &sb)) {
			*why = xasprintf("cannot read '%s': %s", path, strerror(errno));
			rc = -1;
			goto out;
		}
		put.in_fd = fd;
		put.data = NULL;
		put.len = (size_t)sb.st_size;
	}
	rc = perform(c, url, &put, &r, why);
	if (!rc && r.code != 201) {
		*why = http_error(c, "uploading a blob", &r);
		rc = -1;
	}
out:
	if (fd >= 0)
		close(fd);
	resp_release(&r);
	free(p);
	free(loc);
	free(url);
	return rc;
}

int oci_tags(struct oci_client *c, const char *repo, struct strvec *out, char **why)
{
	struct req rq = { .method = "GET", .repo = repo, .accept = "application/json", .in_fd = -1, .out_fd = -1 };
	struct resp r = { .body = STRBUF_INIT };
	char *path = xasprintf("/v2/%s/tags/list?n=1000", repo);
	int rc = perform(c, path, &rq, &r, why);
	json_t *o = NULL, *tags;

	if (!rc && r.code == 404) {
		rc = 1;
	} else if (!rc && r.code != 200) {
		*why = http_error(c, path, &r);
		rc = -1;
	} else if (!rc) {
		o = json_loadb(r.body.buf, r.body.len, 0, NULL);
		tags = json_object_get(o, "tags");
		if (!json_is_array(tags) && !json_is_null(tags)) {
			*why = xasprintf("%s: %s answered no tag list", path, c->url.host);
			rc = -1;
		}
		for (size_t i = 0; !rc && i < json_array_size(tags); i++)
			if (json_is_string(json_array_get(tags, i)))
				strvec_push(out, json_string_value(json_array_get(tags, i)));
	}
	json_decref(o);
	resp_release(&r);
	free(path);
	return rc;
}
