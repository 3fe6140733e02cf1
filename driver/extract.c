/* extract.c - unpack source archives with libarchive, refusing tricks */
#include "extract.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lazylib.h"
#include "util.h"

const char *extract_check_name(const char *name, unsigned strip, const char **why)
{
	const char *p = name;
	unsigned skipped = 0;

	if (!name || !*name) {
		*why = "an entry without a name";
		return NULL;
	}
	if (name[0] == '/') {
		*why = "an absolute path";
		return NULL;
	}
	for (const char *c = name; *c;) {
		size_t n = strcspn(c, "/");

		if (n == 2 && c[0] == '.' && c[1] == '.') {
			*why = "a '..' component";
			return NULL;
		}
		c += n;
		while (*c == '/')
			c++;
	}
	while (*p == '.' && p[1] == '/')
		p += 2;
	while (skipped < strip) {
		const char *slash = strchr(p, '/');

		if (!slash)
			return "";
		p = slash + 1;
		while (*p == '/')
			p++;
		skipped++;
	}
	return p;
}

int extract_link_inside(const char *link, const char *target)
{
	int depth = 0;

	if (!*target || target[0] == '/')
		return 0;
	/* the folder holding the link */
	for (const char *c = link; *c;) {
		size_t n = strcspn(c, "/");

		if (!c[n])
			break;
		if (!(n == 1 && c[0] == '.') && n)
			depth++;
		c += n;
		while (*c == '/')
			c++;
	}
	for (const char *c = target; *c;) {
		size_t n = strcspn(c, "/");

		if (n == 2 && c[0] == '.' && c[1] == '.') {
			if (--depth < 0)
				return 0;
		} else if (n && !(n == 1 && c[0] == '.')) {
			depth++;
		}
		c += n;
		while (*c == '/')
			c++;
	}
	return 1;
}

static int copy_data(const struct archive_api *ar, struct archive *in, struct archive *out)
{
	const void *buf;
	size_t size;
	la_int64_t off;
	int r;

	for (;;) {
		r = ar->read_data_block(in, &buf, &size, &off);
		if (r == ARCHIVE_EOF)
			return ARCHIVE_OK;
		if (r < ARCHIVE_WARN)
			return r;
		if (ar->write_data_block(out, buf, size, off) < ARCHIVE_WARN)
			return ARCHIVE_FATAL;
	}
}

int extract_archive(const char *path, const char *dest, unsigned strip, char **why)
{
	const struct archive_api *ar = la();
	struct archive *in, *out;
	struct archive_entry *entry;
	char *root = realpath(dest, NULL);
	int rc = -1, r;

	*why = NULL;
	if (!ar) {
		*why = xstrdup("libarchive is not available (see the error above)");
		free(root);
		return -1;
	}
	in = ar->read_new();
	out = ar->write_disk_new();
	if (!root) {
		*why = xasprintf("cannot use the folder '%s': %s", dest, strerror(errno));
		goto done;
	}
	ar->read_support_filter_all(in);
	ar->read_support_format_all(in);
	ar->write_disk_set_options(out, ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM |
				       ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT |
				       ARCHIVE_EXTRACT_NO_OVERWRITE);
	if (ar->read_open_filename(in, path, 65536) != ARCHIVE_OK) {
		*why = xasprintf("cannot read '%s': %s", path, ar->error_string(in));
		goto done;
	}
	while ((r = ar->read_next_header(in, &entry)) != ARCHIVE_EOF) {
		const char *rel, *reason = NULL, *link;
		char *full, *name;
		mode_t type;

		if (r < ARCHIVE_WARN) {
			*why = xasprintf("'%s' is damaged: %s", path, ar->error_string(in));
			goto done;
		}
		/* a copy: setting the entry's path below frees libarchive's */
		name = xstrdup(ar->entry_pathname(entry) ? ar->entry_pathname(entry) : "");
		rel = extract_check_name(name, strip, &reason);
		if (!rel) {
			*why = xasprintf("refused entry '%s' of '%s': %s", name, path, reason);
			free(name);
			goto done;
		}
		type = ar->entry_filetype(entry);
		link = ar->entry_hardlink(entry);
		if (!link && type != AE_IFREG && type != AE_IFDIR && type != AE_IFLNK) {
			*why = xasprintf("refused entry '%s' of '%s': a %s", name, path,
					 type == AE_IFCHR ? "character device" : type == AE_IFBLK ? "block device"
					 : type == AE_IFIFO ? "FIFO" : type == AE_IFSOCK ? "socket" : "special file");
			free(name);
			goto done;
		}
		if (!*rel) {
			free(name);
			continue;
		}
		if (link) {
			/* a hard link: its target must be a name inside the tree too */
			const char *target = extract_check_name(link, strip, &reason);
			char *hl;

			if (!target || !*target) {
				*why = xasprintf("refused entry '%s' of '%s': a hard link to '%s'%s%s", name, path,
						 link, reason ? ": " : "", reason ? reason : " outside the source tree");
				free(name);
				goto done;
			}
			hl = xasprintf("%s/%s", root, target);
			ar->entry_set_hardlink(entry, hl);
			free(hl);
		} else if (type == AE_IFLNK) {
			link = ar->entry_symlink(entry);
			if (!link || !extract_link_inside(rel, link)) {
				*why = xasprintf("refused entry '%s' of '%s': a symbolic link to '%s', outside the source tree",
						 name, path, link ? link : "");
				free(name);
				goto done;
			}
		}
		full = xasprintf("%s/%s", root, rel);
		ar->entry_set_pathname(entry, full);
		free(full);
		ar->entry_set_perm(entry, (ar->entry_perm(entry) & 0777) | 0200);
		if (ar->write_header(out, entry) < ARCHIVE_WARN ||
		    (ar->entry_size(entry) > 0 && copy_data(ar, in, out) != ARCHIVE_OK) ||
		    ar->write_finish_entry(out) < ARCHIVE_WARN) {
			*why = xasprintf("cannot extract '%s' from '%s': %s", name, path,
					 ar->error_string(out) ? ar->error_string(out)
					 : ar->error_string(in) ? ar->error_string(in) : "unknown error");
			free(name);
			goto done;
		}
		free(name);
	}
	rc = 0;
done:
	ar->read_free(in);
	ar->write_free(out);
	free(root);
	return rc;
}
