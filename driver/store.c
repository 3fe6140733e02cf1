/* store.c - gostatic's content-addressed store (GOSTATIC_HOME) */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "fsutil.h"
#include "log.h"
#include "sha256.h"

static const char *const folders[] = { "sources", "sysroots", "pkgs", "logs", "locks", "cache" };

int store_open(struct store *st)
{
	const char *home = getenv("GOSTATIC_HOME"), *xdg, *user;
	char *path;
	int rc;

	st->home = NULL;
	if (home && *home) {
		path = absolute_path(home);
	} else if ((xdg = getenv("XDG_CACHE_HOME")) && *xdg) {
		char *x = absolute_path(xdg);

		path = xasprintf("%s/gostatic", x);
		free(x);
	} else if ((user = getenv("HOME")) && *user) {
		char *h = absolute_path(user);

		path = xasprintf("%s/.cache/gostatic", h);
		free(h);
	} else {
		return gs_error("no store: set GOSTATIC_HOME (or HOME) to a writable folder");
	}
	if (strpbrk(path, " \t\n\"'\\$")) {
		gs_error("the store path '%s' contains a blank, quote, '\\' or '$'; the C compiler "
			 "specs cannot name such paths: set GOSTATIC_HOME to a plain path", path);
		free(path);
		return -1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++) {
		char *d = xasprintf("%s/%s", path, folders[i]);

		rc = mkdir_p(d, 0755);
		if (rc) {
			gs_error_errno(-rc, "cannot create the store folder '%s' (set GOSTATIC_HOME to a writable folder)", d);
			free(d);
			free(path);
			return -1;
		}
		free(d);
	}
	/* the real path: build tools (cmake) resolve links, and the compiler
	 * wrapper's prefix map must see the store as they do */
	st->home = realpath(path, NULL);
	if (!st->home) {
		rc = errno;
		gs_error_errno(rc, "cannot resolve the store path '%s'", path);
		free(path);
		return -1;
	}
	if (strcmp(st->home, path) && strpbrk(st->home, " \t\n\"'\\$")) {
		gs_error("the store path '%s' (really '%s') contains a blank, quote, '\\' or '$'; set GOSTATIC_HOME "
			 "to a plain path", path, st->home);
		free(path);
		store_close(st);
		return -1;
	}
	free(path);
	return 0;
}

void store_close(struct store *st)
{
	free(st->home);
	st->home = NULL;
}

char *store_path(const struct store *st, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	strbuf_addf(&sb, "%s/", st->home);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb);
}

int store_lock(const struct store *st, const char *name, struct store_lock *lk)
{
	char *path = store_path(st, "locks/%s.lock", name);
	char pid[32];
	int fd, n;

	*lk = (struct store_lock)STORE_LOCK_INIT;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		int e = errno;

		gs_error_errno(e, "cannot open the lock '%s'", path);
		free(path);
		return -e;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		char holder[32] = "";
		ssize_t r;

		if (errno != EWOULDBLOCK)
			goto fail;
		r = pread(fd, holder, sizeof(holder) - 1, 0);
		holder[r > 0 ? r : 0] = 0;
		holder[strcspn(holder, "\n")] = 0;
		gs_info("waiting for another gostatic%s%s%s, which is working on %s",
			*holder ? " (pid " : "", holder, *holder ? ")" : "", name);
		while (flock(fd, LOCK_EX) < 0)
			if (errno != EINTR)
				goto fail;
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) != n)
		gs_warn("cannot record this process in '%s'", path);
	free(path);
	lk->fd = fd;
	lk->name = xstrdup(name);
	return 0;
fail:
	n = errno;
	gs_error_errno(n, "cannot lock '%s'", path);
	close(fd);
	free(path);
	return -n;
}

void store_unlock(struct store_lock *lk)
{
	if (lk->fd >= 0) {
		if (ftruncate(lk->fd, 0) < 0) {
			/* a stale pid in the file is only cosmetic */
		}
		close(lk->fd);
	}
	free(lk->name);
	*lk = (struct store_lock)STORE_LOCK_INIT;
}

int store_clean_stale(const char *dir, const char *name)
{
	char *prefix = xasprintf(".tmp-%s-", name);
	size_t plen = strlen(prefix);
	struct dirent *de;
	DIR *d = opendir(dir);
	int removed = 0;

	if (!d) {
		free(prefix);
		return 0;
	}
	while ((de = readdir(d))) {
		char *p;

		if (strncmp(de->d_name, prefix, plen))
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (!rm_rf(p))
			removed++;
		free(p);
	}
	closedir(d);
	free(prefix);
	return removed;
}

char *store_mktemp(const char *dir, const char *name)
{
	char *p = xasprintf("%s/.tmp-%s-%ld-XXXXXX", dir, name, (long)getpid());

	if (!mkdtemp(p)) {
		int e = errno;

		free(p);
		errno = e;
		return NULL;
	}
	return p;
}

char *store_mkbuild(const char *dir, const char *name)
{
	char *p = xasprintf("%s/.tmp-%s-build", dir, name);

	rm_rf(p);
	if (mkdir(p, 0755) < 0) {
		int e = errno;

		free(p);
		errno = e;
		return NULL;
	}
	return p;
}

int store_publish(const char *tmp, const char *final)
{
	char *parent = xstrdup(final), *slash = strrchr(parent, '/');
	int fd;

	if (rename(tmp, final) < 0) {
		int e = errno;

		free(parent);
		return -e;
	}
	if (slash) {
		*slash = 0;
		fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
	}
	free(parent);
	return 0;
}

void store_note_build(const struct store *st, const char *kind, const char *name, double started,
		      double seconds)
{
	char *path = store_path(st, "logs/%s-%s.json", kind, name);
	json_t *o = json_pack("{s:s, s:f, s:f}", "entry", name, "started_at", started, "build_seconds", seconds);

	if (write_json_atomic(path, o, JSON_INDENT(2)))
		gs_warn("cannot keep the build time in '%s'", path);
	json_decref(o);
	free(path);
}

double store_build_seconds(const struct store *st, const char *kind, const char *name)
{
	char *path = store_path(st, "logs/%s-%s.json", kind, name);
	json_t *o = json_load_file(path, 0, NULL);
	double s = json_is_number(json_object_get(o, "build_seconds")) ? json_number_value(json_object_get(o, "build_seconds"))
									: 0;

	json_decref(o);
	free(path);
	return s;
}

char *store_hash16(const char *text)
{
	char hex[SHA256_HEX_LEN + 1];

	if (sha256_hex(text, strlen(text), hex))
		die("SHA-256 is not available from libcrypto");
	hex[16] = 0;
	return xstrdup(hex);
}
