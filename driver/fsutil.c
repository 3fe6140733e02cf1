/* fsutil.c - small file-system helpers: trees, atomic writes, hashing */
#include "fsutil.h"

#include "arfile.h"
#include "log.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mkdir_p(const char *path, mode_t mode)
{
	char *p = xstrdup(path);
	int rc = 0;

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;

		*s = 0;
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			rc = -errno;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	if (!rc) {
		struct stat st;

		if (stat(path, &st) < 0)
			rc = -errno;
		else if (!S_ISDIR(st.st_mode))
			rc = -ENOTDIR;
	}
	free(p);
	return rc;
}

/* Removes everything below the directory open at dfd (which it closes). */
static int remove_children(int dfd, int depth)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	int rc = 0;

	if (!d) {
		rc = -errno;
		close(dfd);
		return rc;
	}
	while ((de = readdir(d))) {
		int sub;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (!unlinkat(dirfd(d), de->d_name, 0))
			continue;
		if (errno != EISDIR && errno != EPERM) {
			if (!rc)
				rc = -errno;
			continue;
		}
		sub = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0) {
			if (!rc)
				rc = -errno;
			continue;
		}
		fchmod(sub, 0700);
		if (depth < 256) {
			int r = remove_children(sub, depth + 1);

			if (r && !rc)
				rc = r;
		} else {
			close(sub);
		}
		if (unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR) < 0 && !rc)
			rc = -errno;
	}
	closedir(d);
	return rc;
}

int rm_rf(const char *path)
{
	struct stat st;
	int dfd, rc;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISDIR(st.st_mode))
		return unlink(path) < 0 ? -errno : 0;
	chmod(path, 0700);
	dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	rc = remove_children(dfd, 0);
	if (rmdir(path) < 0 && !rc)
		rc = -errno;
	return rc;
}

int write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int copy_fd_to_file(int in, const char *dst, mode_t mode)
{
	char buf[65536];
	off_t off = 0;
	int out, rc = 0;
	ssize_t n;

	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 07777);
	if (out < 0)
		return -errno;
	while (!rc && (n = pread(in, buf, sizeof(buf), off)) != 0) {
		if (n < 0) {
			rc = errno == EINTR ? 0 : -errno;
			continue;
		}
		rc = write_full(out, buf, (size_t)n);
		off += n;
	}
	if (close(out) < 0 && !rc)
		rc = -errno;
	return rc;
}

int copy_file(const char *src, const char *dst, mode_t mode)
{
	int in = open(src, O_RDONLY | O_CLOEXEC), rc;

	if (in < 0)
		return -errno;
	rc = copy_fd_to_file(in, dst, mode);
	close(in);
	return rc;
}

int copy_tree(const char *src, const char *dst)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (lstat(src, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if (mkdir(dst, (st.st_mode & 07777) | 0700) < 0)
		return -errno;
	d = opendir(src);
	if (!d)
		return -errno;
	while (!rc && (de = readdir(d))) {
		char *s, *t;
		struct stat est;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		s = xasprintf("%s/%s", src, de->d_name);
		t = xasprintf("%s/%s", dst, de->d_name);
		if (lstat(s, &est) < 0) {
			rc = -errno;
		} else if (S_ISDIR(est.st_mode)) {
			rc = copy_tree(s, t);
		} else if (S_ISREG(est.st_mode)) {
			rc = copy_file(s, t, est.st_mode);
		} else if (S_ISLNK(est.st_mode)) {
			struct strbuf target = STRBUF_INIT;
			ssize_t n;

			strbuf_grow(&target, (size_t)est.st_size + 1);
			n = readlink(s, target.buf, (size_t)est.st_size + 1);
			if (n < 0 || (size_t)n > (size_t)est.st_size)
				rc = n < 0 ? -errno : -EIO;
			else {
				target.buf[n] = 0;
				if (symlink(target.buf, t) < 0)
					rc = -errno;
			}
			strbuf_release(&target);
		}
		free(s);
		free(t);
	}
	closedir(d);
	return rc;
}

int write_file_atomic(const char *path, const void *data, size_t len, mode_t mode)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int fd, rc;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0) {
		rc = -errno;
		free(tmp);
		return rc;
	}
	rc = write_full(fd, data, len);
	if (!rc && fchmod(fd, mode) < 0)
		rc = -errno;
	if (!rc && fsync(fd) < 0)
		rc = -errno;
	if (close(fd) < 0 && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path) < 0)
		rc = -errno;
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int write_json_atomic(const char *path, const json_t *o, size_t flags)
{
	char *text = json_dumps(o, flags);
	int rc;

	if (!text)
		return -ENOMEM;
	rc = write_file_atomic(path, text, strlen(text), 0644);
	free(text);
	return rc;
}

int read_file(const char *path, size_t max, struct strbuf *sb)
{
	char buf[8192];
	size_t total = 0;
	int fd, rc = 0;
	ssize_t n;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			break;
		}
		total += (size_t)n;
		if (total > max) {
			rc = -EFBIG;
			break;
		}
		strbuf_add(sb, buf, (size_t)n);
	}
	close(fd);
	return rc;
}

int sha256_file(const char *path, char hex[SHA256_HEX_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE], buf[65536];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx;
	int fd, rc = 0;
	ssize_t n;

	hex[0] = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		rc = -ENOMEM;
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			goto out;
		}
		EVP_DigestUpdate(ctx, buf, (size_t)n);
	}
	if (!EVP_DigestFinal_ex(ctx, md, &mdlen) || mdlen != 32) {
		rc = -EIO;
		goto out;
	}
	for (unsigned i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
out:
	EVP_MD_CTX_free(ctx);
	close(fd);
	return rc;
}

char *absolute_path(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct strvec parts = STRVEC_INIT;
	char cwd[4096];
	const char *p;

	if (path[0] != '/') {
		if (!getcwd(cwd, sizeof(cwd)))
			die("cannot read the current directory: %s", strerror(errno));
		strbuf_addf(&sb, "%s/", cwd);
	}
	strbuf_addstr(&sb, path);
	for (p = sb.buf; *p;) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* skip */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (parts.nr) {
				free((char *)parts.v[--parts.nr]);
				parts.v[parts.nr] = NULL;
			}
		} else {
			strvec_pushn(&parts, p, n);
		}
		p += n;
		while (*p == '/')
			p++;
	}
	strbuf_release(&sb);
	for (size_t i = 0; i < parts.nr; i++)
		strbuf_addf(&sb, "/%s", parts.v[i]);
	if (!sb.len)
		strbuf_addch(&sb, '/');
	strvec_clear(&parts);
	return strbuf_detach(&sb);
}

char *find_in_path(const char *name)
{
	const char *path = getenv("PATH");

	if (!*name)
		return NULL;
	if (strchr(name, '/'))
		return access(name, X_OK) ? NULL : xstrdup(name);
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;;) {
		size_t n = strcspn(p, ":");
		char *cand = n ? xasprintf("%.*s/%s", (int)n, p, name) : xasprintf("./%s", name);
		struct stat st;

		if (!stat(cand, &st) && S_ISREG(st.st_mode) && !access(cand, X_OK))
			return cand;
		free(cand);
		if (!p[n])
			break;
		p += n + 1;
	}
	return NULL;
}

bool path_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int list_dir(const char *dir, struct strvec *out)
{
	DIR *dh = opendir(dir);

	if (!dh)
		return -errno;
	errno = 0;
	for (struct dirent *de; (de = readdir(dh)); errno = 0)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			strvec_push(out, de->d_name);
	if (errno) {
		int e = -errno;

		closedir(dh);
		return e;
	}
	closedir(dh);
	strvec_sort(out);
	return 0;
}

int fs_walk(const char *root, int (*fn)(const char *path, const char *rel, const struct stat *sb, void *ctx),
	    void *ctx)
{
	struct strvec todo = STRVEC_INIT;   /* relative folders still to read, "" the root */
	int rc = 0;

	strvec_push(&todo, "");
	for (size_t t = 0; !rc && t < todo.nr; t++) {
		const char *rel = todo.v[t];
		char *dir = *rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
		struct strvec names = STRVEC_INIT;

		rc = list_dir(dir, &names);
		for (size_t i = 0; !rc && i < names.nr; i++) {
			const char *name = names.v[i];
			char *path, *child;
			struct stat sb;

			path = xasprintf("%s/%s", dir, name);
			child = *rel ? xasprintf("%s/%s", rel, name) : xstrdup(name);
			if (lstat(path, &sb) < 0)
				rc = -errno;
			else if ((rc = fn(path, child, &sb, ctx)) == FS_WALK_PRUNE)
				rc = 0;
			else if (!rc && S_ISDIR(sb.st_mode))
				strvec_push(&todo, child);
			free(path);
			free(child);
		}
		strvec_clear(&names);
		free(dir);
	}
	strvec_clear(&todo);
	return rc;
}

struct normalize_ctx {
	char **why;
};

static int normalize_one(const char *path, const char *rel, const struct stat *sb, void *ctx)
{
	struct normalize_ctx *c = ctx;
	size_t n = strlen(rel);
	mode_t want;

	if (S_ISLNK(sb->st_mode))
		return 0;
	if (S_ISDIR(sb->st_mode))
		want = 0755;
	else if (S_ISREG(sb->st_mode))
		want = sb->st_mode & 0111 ? 0755 : 0644;
	else {
		*c->why = xasprintf("'%s' is neither a file, a folder nor a link", path);
		return -EINVAL;
	}
	if ((sb->st_mode & 07777) != want && chmod(path, want) < 0) {
		int e = errno;

		*c->why = xasprintf("cannot set the mode of '%s': %s", path, strerror(e));
		return -e;
	}
	if (S_ISREG(sb->st_mode) && n > 2 && !strcmp(rel + n - 2, ".a")) {
		struct strbuf data = STRBUF_INIT;
		const char *bad;
		size_t changed;
		int rc = read_file(path, (size_t)1 << 32, &data), r;

		if (rc) {
			*c->why = xasprintf("cannot read '%s': %s", path, strerror(-rc));
			strbuf_release(&data);
			return rc;
		}
		r = arfile_normalize((unsigned char *)data.buf, data.len, &changed, &bad);
		if (r < 0) {
			*c->why = xasprintf("'%s' is a broken ar archive: %s", path, bad);
			rc = -EINVAL;
		} else if (r == 0 && changed && (rc = write_file_atomic(path, data.buf, data.len, want))) {
			*c->why = xasprintf("cannot write '%s': %s", path, strerror(-rc));
		}
		strbuf_release(&data);
		return rc;
	}
	return 0;
}

int fs_normalize_tree(const char *root, char **why)
{
	struct normalize_ctx c = { why };
	int rc;

	*why = NULL;
	rc = fs_walk(root, normalize_one, &c);
	if (rc && !*why)
		*why = xasprintf("cannot walk '%s': %s", root, strerror(-rc));
	return rc ? -1 : 0;
}

static int list_one(const char *path, const char *rel, const struct stat *sb, void *ctx)
{
	struct strvec *out = ctx;

	if (S_ISDIR(sb->st_mode)) {
		strvec_pushf(out, "%s\tfolder %o", rel, (unsigned)(sb->st_mode & 07777));
	} else if (S_ISLNK(sb->st_mode)) {
		char target[4096];
		ssize_t n = readlink(path, target, sizeof(target) - 1);

		if (n < 0)
			return -errno;
		target[n] = 0;
		strvec_pushf(out, "%s\tlink to %s", rel, target);
	} else if (S_ISREG(sb->st_mode)) {
		char hex[SHA256_HEX_LEN + 1];
		int rc = sha256_file(path, hex);

		if (rc)
			return rc;
		strvec_pushf(out, "%s\tfile %o %lld bytes sha256 %s", rel, (unsigned)(sb->st_mode & 07777),
			     (long long)sb->st_size, hex);
	} else {
		strvec_pushf(out, "%s\tspecial file %o", rel, (unsigned)sb->st_mode);
	}
	return 0;
}

int fs_tree_list(const char *root, struct strvec *out)
{
	return fs_walk(root, list_one, out);
}

/* Orders listing lines by their path (the part before the tab). */
static int cmp_path(const void *x, const void *y)
{
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;
	size_t la = strcspn(a, "\t"), lb = strcspn(b, "\t");
	int c = memcmp(a, b, la < lb ? la : lb);

	return c ? c : (la > lb) - (la < lb);
}

size_t fs_tree_diff(const struct strvec *a, const struct strvec *b, const char *an, const char *bn,
		    struct strvec *diffs)
{
	const char **x = xcalloc(a->nr + 1, sizeof(*x)), **y = xcalloc(b->nr + 1, sizeof(*y));
	size_t i = 0, k = 0, n = 0;

	memcpy(x, a->v, a->nr * sizeof(*x));
	memcpy(y, b->v, b->nr * sizeof(*y));
	qsort(x, a->nr, sizeof(*x), cmp_path);
	qsort(y, b->nr, sizeof(*y), cmp_path);
	while (i < a->nr || k < b->nr) {
		int c = i >= a->nr ? 1 : k >= b->nr ? -1 : cmp_path(&x[i], &y[k]);
		size_t la = i < a->nr ? strcspn(x[i], "\t") : 0, lb = k < b->nr ? strcspn(y[k], "\t") : 0;

		if (c < 0) {
			strvec_pushf(diffs, "%.*s: only in %s (%s)", (int)la, x[i], an, x[i] + la + 1);
			i++;
			n++;
		} else if (c > 0) {
			strvec_pushf(diffs, "%.*s: only in %s (%s)", (int)lb, y[k], bn, y[k] + lb + 1);
			k++;
			n++;
		} else {
			if (strcmp(x[i], y[k])) {
				strvec_pushf(diffs, "%.*s: %s: %s; %s: %s", (int)la, x[i], an, x[i] + la + 1, bn,
					     y[k] + lb + 1);
				n++;
			}
			i++;
			k++;
		}
	}
	free(x);
	free(y);
	return n;
}

void close_fds(int *fds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		fds[i] = -1;
	}
}
