/* fetch.c - get a source file into the store, verified by its sha256 */
#include "fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "fsutil.h"
#include "inifile.h"
#include "lazylib.h"
#include "log.h"
#include "proc.h"

enum outcome { FETCH_OK, FETCH_RETRY, FETCH_NEXT };

struct transfer {
	int fd;
	EVP_MD_CTX *md;
	uint64_t bytes;
	const char *label;
	bool tty;
	double last_draw;
	bool drew;
	int write_errno;
};

double fetch_env_seconds(const char *name, double dflt)
{
	const char *v = getenv(name);
	char *end;
	double d;

	if (!v || !*v)
		return dflt;
	d = strtod(v, &end);
	if (*end || !(d > 0)) {
		gs_warn("ignoring %s='%s': not a number of seconds", name, v);
		return dflt;
	}
	return d;
}

static size_t on_write(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct transfer *t = ud;
	size_t n = size * nmemb;
	int rc = write_full(t->fd, ptr, n);

	if (rc) {
		t->write_errno = -rc;
		return 0;
	}
	EVP_DigestUpdate(t->md, ptr, n);
	t->bytes += n;
	return n;
}

static int on_progress(void *ud, curl_off_t total, curl_off_t got, curl_off_t ut, curl_off_t un)
{
	struct transfer *t = ud;
	char a[32], b[32];
	double tnow;

	(void)ut;
	(void)un;
	if (!t->tty)
		return 0;
	tnow = now_seconds();
	if (tnow - t->last_draw < 0.1)
		return 0;
	t->last_draw = tnow;
	human_size((uint64_t)got, a, sizeof(a));
	if (total > 0) {
		human_size((uint64_t)total, b, sizeof(b));
		out_progress(&gs_out, "  %s  %s / %s  %3d%%", t->label, a, b, (int)(100 * got / total));
	} else {
		out_progress(&gs_out, "  %s  %s", t->label, a);
	}
	t->drew = true;
	return 0;
}

/* The one place where libcurl's results become messages and decisions. */
static enum outcome explain(CURL *h, CURLcode res, const char *errbuf, const struct transfer *t,
			    double stall, struct strbuf *why)
{
	long code = 0;
	curl_off_t length = -1;

	switch (res) {
	case CURLE_OK:
		return FETCH_OK;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		strbuf_addf(why, "cannot resolve the host%s%s", *errbuf ? ": " : "", errbuf);
		return FETCH_NEXT;
	case CURLE_COULDNT_CONNECT:
		strbuf_addf(why, "cannot connect%s%s", *errbuf ? ": " : "", errbuf);
		return FETCH_NEXT;
	case CURLE_OPERATION_TIMEDOUT:
		if (t->bytes == 0 && strstr(errbuf, "onnect"))
			strbuf_addf(why, "timed out connecting: %s", errbuf);
		else
			strbuf_addf(why, "timed out: less than 1 byte/s for %.0f s after %llu bytes",
				    stall, (unsigned long long)t->bytes);
		return FETCH_RETRY;
	case CURLE_PARTIAL_FILE:
		curl()->easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
		if (length > 0)
			strbuf_addf(why, "the transfer ended early: %llu of %lld bytes (truncated)",
				    (unsigned long long)t->bytes, (long long)length);
		else
			strbuf_addf(why, "the transfer ended early after %llu bytes (truncated)",
				    (unsigned long long)t->bytes);
		return FETCH_RETRY;
	case CURLE_HTTP_RETURNED_ERROR:
		curl()->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
		strbuf_addf(why, "HTTP %ld", code);
		return code >= 500 || code == 408 || code == 429 ? FETCH_RETRY : FETCH_NEXT;
	case CURLE_FILE_COULDNT_READ_FILE:
		strbuf_addstr(why, "no such file");
		return FETCH_NEXT;
	case CURLE_UNSUPPORTED_PROTOCOL:
		strbuf_addstr(why, "unsupported URL (use http, https or file)");
		return FETCH_NEXT;
	case CURLE_WRITE_ERROR:
		strbuf_addf(why, "cannot write the download: %s",
			    t->write_errno ? strerror(t->write_errno) : errbuf);
		return FETCH_NEXT;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
		strbuf_addf(why, "%s%s%s", curl()->easy_strerror(res), *errbuf ? ": " : "", errbuf);
		return FETCH_RETRY;
	default:
		strbuf_addf(why, "%s%s%s", curl()->easy_strerror(res), *errbuf ? ": " : "", errbuf);
		return FETCH_NEXT;
	}
}

/* Downloads url into dest and hashes it. */
static enum outcome download(const char *url, const char *dest, const char *label,
			     char hex[SHA256_HEX_LEN + 1], uint64_t *bytes, struct strbuf *why)
{
	double connect_timeout = fetch_env_seconds("GOSTATIC_CONNECT_TIMEOUT", 10);
	double stall = fetch_env_seconds("GOSTATIC_STALL_TIMEOUT", 30);
	char errbuf[CURL_ERROR_SIZE] = "";
	struct transfer t = { .label = label, .tty = gs_out.err_tty };
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	const struct curl_api *c = curl();
	enum outcome out;
	CURLcode res;
	CURL *h;

	t.fd = open(dest, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (t.fd < 0) {
		strbuf_addf(why, "cannot create '%s': %s", dest, strerror(errno));
		return FETCH_NEXT;
	}
	t.md = EVP_MD_CTX_new();
	h = c->easy_init();
	if (!t.md || !h || !EVP_DigestInit_ex(t.md, EVP_sha256(), NULL))
		die("cannot set up a download (out of memory?)");
	c->easy_setopt(h, CURLOPT_URL, url);
	c->easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	c->easy_setopt(h, CURLOPT_WRITEDATA, &t);
	c->easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	c->easy_setopt(h, CURLOPT_XFERINFODATA, &t);
	c->easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	c->easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	c->easy_setopt(h, CURLOPT_FAILONERROR, 1L);
	c->easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	c->easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
	c->easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https,file");
	c->easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	c->easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)(connect_timeout * 1000));
	c->easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	c->easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (long)(stall + 0.999));
	c->easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	c->easy_setopt(h, CURLOPT_USERAGENT, "gostatic/" GOSTATIC_VERSION);
	out_verbose(&gs_out, 1, "download %s", url);
	res = c->easy_perform(h);
	if (t.drew)
		out_progress_clear(&gs_out);
	out = explain(h, res, errbuf, &t, stall, why);
	if (close(t.fd) < 0 && out == FETCH_OK) {
		strbuf_addf(why, "cannot write '%s': %s", dest, strerror(errno));
		out = FETCH_NEXT;
	}
	if (out == FETCH_OK && EVP_DigestFinal_ex(t.md, md, &mdlen) && mdlen == 32) {
		for (unsigned i = 0; i < mdlen; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
		*bytes = t.bytes;
	}
	EVP_MD_CTX_free(t.md);
	c->easy_cleanup(h);
	return out;
}

static int check_sha(const char *want, const char *got, struct strbuf *why)
{
	if (!strcmp(want, got))
		return 0;
	strbuf_addf(why, "sha256 mismatch: expected %s, got %s; the download was discarded", want, got);
	return -1;
}

/* download(), tried again after transient failures (retries times, with
 * a backoff from 0.5 s that doubles, each said with label and url). */
static enum outcome download_retrying(const char *url, const char *dest, const char *label, unsigned retries,
				      char hex[SHA256_HEX_LEN + 1], uint64_t *bytes, struct strbuf *why)
{
	double backoff = 0.5;
	enum outcome o;

	for (unsigned attempt = 0;; attempt++) {
		strbuf_setlen(why, 0);
		o = download(url, dest, label, hex, bytes, why);
		if (o == FETCH_OK || o == FETCH_NEXT || attempt >= retries)
			return o;
		gs_info("%s: %s: %s; retrying in %.1f s", label, url, why->buf, backoff);
		usleep((useconds_t)(backoff * 1e6));
		backoff *= 2;
	}
}

/* One source tried for one file: its description and the outcome. */
static int try_url(const struct source *src, const char *url, const char *tmp, unsigned retries,
		   struct strbuf *why)
{
	char *dest = xasprintf("%s/%s", tmp, src->file);
	char hex[SHA256_HEX_LEN + 1];
	uint64_t bytes = 0;
	int rc = -1;

	if (download_retrying(url, dest, src->file, retries, hex, &bytes, why) == FETCH_OK) {
		rc = check_sha(src->sha256, hex, why);
		if (!rc) {
			char size[32];

			human_size(bytes, size, sizeof(size));
			gs_info("fetched %s (%s) from %s", src->file, size, url);
		}
	}
	if (rc)
		unlink(dest);
	free(dest);
	return rc;
}

static int try_debian(const struct source *src, const char *tmp, struct strbuf *why)
{
	char *apt = find_in_path("apt-get");
	char *dir = xasprintf("%s/apt", tmp), *got = NULL, *dest = NULL;
	struct proc p = PROC_INIT;
	char hex[SHA256_HEX_LEN + 1];
	int rc = -1;

	strbuf_setlen(why, 0);
	if (!apt) {
		strbuf_addstr(why, "apt-get is not installed (not a Debian or Ubuntu host)");
		goto out;
	}
	if (mkdir(dir, 0755) < 0) {
		strbuf_addf(why, "cannot create '%s': %s", dir, strerror(errno));
		goto out;
	}
	if (src->debian_binary)
		strvec_pushl(&p.args, apt, "download", "-q", src->debian_pkg, NULL);
	else
		strvec_pushl(&p.args, apt, "source", "--download-only", "-q", src->debian_pkg, NULL);
	p.dir = dir;
	p.keep = 8192;
	p.keep_tail = true;
	p.timeout = 600;
	rc = proc_run(&p);
	if (rc) {
		const char *o = p.out.buf;

		if (rc < 0)
			strbuf_addf(why, "cannot run apt-get: %s", strerror(-rc));
		else if (src->debian_binary && (strstr(o, "Unable to locate") || strstr(o, "was not found")))
			strbuf_addf(why, "apt has no package %s (it may have left the archive: a mirror can keep it)",
				    src->debian_pkg);
		else if (strstr(o, "deb-src"))
			strbuf_addstr(why, "apt has no deb-src entries: add them to the apt sources and run apt-get update");
		else if (strstr(o, "Unable to find a source package") || strstr(o, "Can not find version"))
			strbuf_addf(why, "apt knows no source package %s (run apt-get update, or check the version)",
				    src->debian_pkg);
		else {
			char *st = proc_status_str("apt-get", rc);
			size_t n = p.out.len;

			while (n && p.out.buf[n - 1] == '\n')
				n--;
			const char *last = n ? p.out.buf + n : p.out.buf;

			while (last > p.out.buf && last[-1] != '\n')
				last--;
			strbuf_addf(why, "%s: %.*s", st, (int)(p.out.buf + n - last), last);
			free(st);
		}
		rc = -1;
		goto out;
	}
	got = xasprintf("%s/%s", dir, src->debian_file);
	if (sha256_file(got, hex)) {
		strbuf_addf(why, "apt-get %s did not produce '%s'", src->debian_binary ? "download" : "source",
			    src->debian_file);
		rc = -1;
		goto out;
	}
	rc = check_sha(src->sha256, hex, why);
	if (!rc) {
		dest = xasprintf("%s/%s", tmp, src->file);
		if (rename(got, dest) < 0) {
			strbuf_addf(why, "cannot move '%s': %s", got, strerror(errno));
			rc = -1;
		} else {
			gs_info("fetched %s from the Debian %spackage %s", src->file,
				src->debian_binary ? "" : "source ", src->debian_pkg);
		}
	}
out:
	rm_rf(dir);
	proc_release(&p);
	free(apt);
	free(dir);
	free(got);
	free(dest);
	return rc;
}

unsigned fetch_env_retries(void)
{
	const char *v = getenv("GOSTATIC_RETRIES");
	char *end;
	long n;

	if (!v || !*v)
		return 2;
	n = strtol(v, &end, 10);
	if (*end || n < 0 || n > 10) {
		gs_warn("ignoring GOSTATIC_RETRIES='%s': give 0 to 10", v);
		return 2;
	}
	return (unsigned)n;
}

/* Tries the sources in GOSTATIC_FETCH order; on success the verified file is
 * tmp/<file>. */
static int try_all(const struct source *src, const char *tmp, struct strbuf *report)
{
	const char *order = getenv("GOSTATIC_FETCH"), *mirrors = getenv("GOSTATIC_MIRRORS");
	struct strvec kinds = STRVEC_INIT, prefixes = STRVEC_INIT;
	struct strbuf why = STRBUF_INIT;
	unsigned retries = fetch_env_retries();
	size_t tried = 0;
	int rc = -1;

	if (ini_split(order && *order ? order : "mirrors upstream debian", &kinds) < 0 ||
	    ini_split(mirrors ? mirrors : "", &prefixes) < 0) {
		gs_error("GOSTATIC_FETCH or GOSTATIC_MIRRORS has an unterminated quote");
		return -1;
	}
	for (size_t k = 0; rc && k < kinds.nr; k++) {
		const char *kind = kinds.v[k];

		if (!strcmp(kind, "mirrors")) {
			for (size_t i = 0; rc && i < prefixes.nr; i++) {
				size_t n = strlen(prefixes.v[i]);
				char *url;

				while (n && prefixes.v[i][n - 1] == '/')
					n--;
				/* a mirror may keep the file under its own name or, when a
				 * Debian orig file is the same bytes, under Debian's */
				for (int alt = 0; rc && alt < 2; alt++) {
					const char *name = alt ? src->debian_file : src->file;

					if (!name || (alt && !strcmp(name, src->file)))
						continue;
					url = xasprintf("%.*s/%s", (int)n, prefixes.v[i], name);
					rc = try_url(src, url, tmp, retries, &why);
					if (rc) {
						gs_info("%s: %s: %s", src->file, url, why.buf);
						strbuf_addf(report, "\n  %s: %s", url, why.buf);
					}
					tried++;
					free(url);
				}
			}
		} else if (!strcmp(kind, "upstream")) {
			for (size_t i = 0; rc && i < src->urls.nr; i++) {
				rc = try_url(src, src->urls.v[i], tmp, retries, &why);
				if (rc) {
					gs_info("%s: %s: %s", src->file, src->urls.v[i], why.buf);
					strbuf_addf(report, "\n  %s: %s", src->urls.v[i], why.buf);
				}
				tried++;
			}
		} else if (!strcmp(kind, "debian")) {
			if (!src->debian_pkg)
				continue;
			rc = try_debian(src, tmp, &why);
			if (rc) {
				const char *kindname = src->debian_binary ? "Debian package" : "Debian source package";

				gs_info("%s: %s %s: %s", src->file, kindname, src->debian_pkg, why.buf);
				strbuf_addf(report, "\n  %s %s: %s", kindname, src->debian_pkg, why.buf);
			}
			tried++;
		} else {
			gs_error("GOSTATIC_FETCH names '%s'; use mirrors, upstream and debian", kind);
			break;
		}
	}
	if (rc && !tried)
		strbuf_addstr(report, "\n  (no source to try: check GOSTATIC_FETCH and GOSTATIC_MIRRORS)");
	strvec_clear(&kinds);
	strvec_clear(&prefixes);
	strbuf_release(&why);
	return rc;
}

/* fetch_source() with the final failure message put into failure (when
 * not NULL) rather than printed. */
static int fetch_one(const struct store *st, const struct source *src, char **path,
		     struct strbuf *failure)
{
	static bool curl_ready;
	char *dir = store_path(st, "sources/%s", src->sha256);
	char *final = xasprintf("%s/%s", dir, src->file), *sources = store_path(st, "sources");
	char *lockname = xasprintf("source-%s", src->sha256), *tmp = NULL;
	struct strbuf report = STRBUF_INIT;
	struct store_lock lk;
	char hex[SHA256_HEX_LEN + 1];
	int rc = -1;

	*path = NULL;
	if (!is_sha256_hex(src->sha256)) {
		gs_error("'%s' has no valid sha256 ('%s')", src->file, src->sha256);
		goto out;
	}
	if (store_lock(st, lockname, &lk))
		goto out;
	if (path_exists(final)) {
		if (!sha256_file(final, hex) && !strcmp(hex, src->sha256)) {
			rc = 0;
			goto unlock;
		}
		gs_warn("the stored '%s' is damaged (sha256 %s, expected %s); fetching it again", final,
			hex, src->sha256);
		rm_rf(dir);
	}
	store_clean_stale(sources, src->sha256);
	if (!curl_ready) {
		if (!curl())
			goto unlock;
		if (curl()->global_init(CURL_GLOBAL_DEFAULT))
			die("cannot initialise libcurl");
		curl_ready = true;
	}
	tmp = store_mktemp(sources, src->sha256);
	if (!tmp) {
		gs_error_errno(errno, "cannot create a temporary folder in '%s'", sources);
		goto unlock;
	}
	if (try_all(src, tmp, &report)) {
		if (failure)
			strbuf_addf(failure, "cannot get '%s' with sha256 %s; every source failed:%s", src->file,
				    src->sha256, report.buf);
		else
			gs_error("cannot get '%s' with sha256 %s; every source failed:%s", src->file, src->sha256,
				 report.buf);
		goto unlock;
	}
	rc = store_publish(tmp, dir);
	if (rc) {
		gs_error_errno(-rc, "cannot store '%s'", dir);
		rc = -1;
	}
unlock:
	if (tmp)
		rm_rf(tmp);
	store_unlock(&lk);
out:
	if (!rc)
		*path = xstrdup(final);
	strbuf_release(&report);
	free(dir);
	free(final);
	free(sources);
	free(lockname);
	free(tmp);
	return rc;
}

int fetch_source(const struct store *st, const struct source *src, char **path)
{
	return fetch_one(st, src, path, NULL);
}

int fetch_url(const char *url, const char *dest, char hex[SHA256_HEX_LEN + 1], char **why)
{
	struct strbuf w = STRBUF_INIT;
	uint64_t bytes = 0;

	if (!curl() || curl()->global_init(CURL_GLOBAL_DEFAULT)) {
		*why = xstrdup("libcurl is not available (see the error above)");
		return -1;
	}
	if (download_retrying(url, dest, path_base(dest), fetch_env_retries(), hex, &bytes, &w) == FETCH_OK) {
		strbuf_release(&w);
		*why = NULL;
		return 0;
	}
	unlink(dest);
	*why = strbuf_detach(&w);
	return -1;
}

int fetch_source_quiet(const struct store *st, const struct source *src, char **path, struct strbuf *failure)
{
	return fetch_one(st, src, path, failure);
}

int fetch_stored(const struct store *st, const struct source *src, char **path)
{
	char *final = store_path(st, "sources/%s/%s", src->sha256, src->file);
	char hex[SHA256_HEX_LEN + 1];

	*path = NULL;
	if (is_sha256_hex(src->sha256) && !sha256_file(final, hex) && !strcmp(hex, src->sha256)) {
		*path = final;
		return 0;
	}
	free(final);
	return 1;
}

int fetch_source_any(const struct store *st, const struct source *const *alts, size_t n,
		     char **path, size_t *which)
{
	struct strvec failures = STRVEC_INIT;

	*path = NULL;
	for (size_t i = 0; i < n; i++)
		if (!fetch_stored(st, alts[i], path)) {
			*which = i;
			return 0;
		}
	for (size_t i = 0; i < n; i++) {
		struct strbuf failure = STRBUF_INIT;

		if (!fetch_one(st, alts[i], path, &failure)) {
			*which = i;
			strbuf_release(&failure);
			strvec_clear(&failures);
			return 0;
		}
		if (failure.len)
			strvec_push(&failures, failure.buf);
		strbuf_release(&failure);
	}
	for (size_t i = 0; i < failures.nr; i++)
		gs_error("%s", failures.v[i]);
	strvec_clear(&failures);
	return -1;
}
