/* ocipack.c - deterministic tar+zstd layers of store entries */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract.h"
#include "fsutil.h"
#include "lazylib.h"
#include "ocipack.h"

struct pack {
	const struct archive_api *ar;
	struct archive *a;
	const char *skip;
	char *why;
};

static int add_data(struct pack *p, const char *path)
{
	char buf[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		p->why = xasprintf("cannot read '%s': %s", path, strerror(errno));
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (p->ar->write_data(p->a, buf, (size_t)n) != n) {
			p->why = xasprintf("cannot pack '%s': %s", path, p->ar->error_string(p->a));
			close(fd);
			return -1;
		}
	if (n < 0)
		p->why = xasprintf("cannot read '%s': %s", path, strerror(errno));
	close(fd);
	return n < 0 ? -1 : 0;
}

static int pack_cb(const char *path, const char *rel, const struct stat *sb, void *ctx)
{
	struct pack *p = ctx;
	const struct archive_api *ar = p->ar;
	struct archive_entry *e;
	char target[4096];
	int rc = 0;

	if (p->skip && !strcmp(rel, p->skip))
		return 0;
	if (!S_ISDIR(sb->st_mode) && !S_ISREG(sb->st_mode) && !S_ISLNK(sb->st_mode)) {
		p->why = xasprintf("cannot pack '%s': not a file, folder or symbolic link", path);
		return -1;
	}
	e = ar->entry_new();
	ar->entry_set_pathname(e, rel);
	ar->entry_set_uid(e, 0);
	ar->entry_set_gid(e, 0);
	ar->entry_set_mtime(e, 0, 0);
	if (S_ISDIR(sb->st_mode)) {
		ar->entry_set_filetype(e, AE_IFDIR);
		ar->entry_set_perm(e, 0755);
	} else if (S_ISLNK(sb->st_mode)) {
		ssize_t n = readlink(path, target, sizeof(target) - 1);

		if (n < 0) {
			p->why = xasprintf("cannot read the link '%s': %s", path, strerror(errno));
			ar->entry_free(e);
			return -1;
		}
		target[n] = '\0';
		ar->entry_set_filetype(e, AE_IFLNK);
		ar->entry_set_perm(e, 0777);
		ar->entry_set_symlink(e, target);
	} else {
		ar->entry_set_filetype(e, AE_IFREG);
		ar->entry_set_perm(e, (sb->st_mode & 0111) ? 0755 : 0644);
		ar->entry_set_size(e, sb->st_size);
	}
	if (ar->write_header(p->a, e) < ARCHIVE_WARN) {
		p->why = xasprintf("cannot pack '%s': %s", path, ar->error_string(p->a));
		rc = -1;
	} else if (S_ISREG(sb->st_mode)) {
		rc = add_data(p, path);
	}
	ar->entry_free(e);
	return rc;
}

int oci_pack(const char *dir, const char *skip, const char *out, char **why)
{
	struct pack p = { .ar = la(), .skip = skip };
	int rc;

	*why = NULL;
	if (!p.ar) {
		*why = xstrdup("libarchive is not available (see the error above)");
		return -1;
	}
	p.a = p.ar->write_new();
	if (p.ar->write_set_format_pax_restricted(p.a) != ARCHIVE_OK ||
	    p.ar->write_add_filter_zstd(p.a) != ARCHIVE_OK ||
	    p.ar->write_set_filter_option(p.a, "zstd", "compression-level", "9") < ARCHIVE_WARN ||
	    p.ar->write_set_bytes_in_last_block(p.a, 1) != ARCHIVE_OK ||
	    p.ar->write_open_filename(p.a, out) != ARCHIVE_OK) {
		*why = xasprintf("cannot write '%s' as tar+zstd: %s", out, p.ar->error_string(p.a));
		p.ar->write_free(p.a);
		return -1;
	}
	rc = fs_walk(dir, pack_cb, &p);
	if (rc && !p.why)
		p.why = xasprintf("cannot read '%s': %s", dir, strerror(rc < 0 ? -rc : EIO));
	if (p.ar->write_close(p.a) != ARCHIVE_OK && !p.why)
		p.why = xasprintf("cannot write '%s': %s", out, p.ar->error_string(p.a));
	p.ar->write_free(p.a);
	if (p.why) {
		unlink(out);
		*why = p.why;
		return -1;
	}
	return 0;
}

int oci_unpack(const char *layer, const char *dest, char **why)
{
	return extract_archive(layer, dest, 0, why);
}
