/* extract_test.c - unpacking refuses every way out of the destination */
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "extract.h"
#include "fsutil.h"
#include "test.h"

struct item {
	const char *name;
	mode_t type;             /* AE_IFREG, AE_IFDIR, AE_IFLNK, AE_IFCHR, AE_IFIFO */
	const char *link;        /* symlink target, or hardlink target with type 0 */
};

/* Writes a gzip'd tar of items to path with libarchive. */
static void make_tar(const char *path, const struct item *items, size_t n)
{
	struct archive *a = archive_write_new();

	archive_write_add_filter_gzip(a);
	archive_write_set_format_pax_restricted(a);
	if (archive_write_open_filename(a, path) != ARCHIVE_OK) {
		test_fail(__FILE__, __LINE__, "cannot write %s", path);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *e = archive_entry_new();
		const char *body = "content\n";

		archive_entry_set_pathname(e, items[i].name);
		archive_entry_set_perm(e, items[i].type == AE_IFDIR ? 0755 : 0644);
		if (items[i].type == 0) {
			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_hardlink(e, items[i].link);
		} else {
			archive_entry_set_filetype(e, items[i].type);
			if (items[i].type == AE_IFLNK)
				archive_entry_set_symlink(e, items[i].link);
			if (items[i].type == AE_IFREG)
				archive_entry_set_size(e, (la_int64_t)strlen(body));
			if (items[i].type == AE_IFCHR)
				archive_entry_set_rdev(e, makedev(1, 3));
		}
		archive_write_header(a, e);
		if (items[i].type == AE_IFREG)
			archive_write_data(a, body, strlen(body));
		archive_entry_free(e);
	}
	archive_write_close(a);
	archive_write_free(a);
}

static char *tmpdir(void)
{
	char *d = xstrdup("/tmp/gostatic-extract-test-XXXXXX");

	if (!mkdtemp(d))
		test_fail(__FILE__, __LINE__, "mkdtemp failed");
	return d;
}

TEST(good_archive)
{
	static const struct item items[] = {
		{ "top/", AE_IFDIR, NULL },
		{ "top/a.txt", AE_IFREG, NULL },
		{ "top/dir/", AE_IFDIR, NULL },
		{ "top/dir/b", AE_IFREG, NULL },
		{ "top/link", AE_IFLNK, "dir/b" },
		{ "top/dir/up", AE_IFLNK, "../a.txt" },
		{ "top/hl", 0, "top/a.txt" },
	};
	char *d = tmpdir(), *tar = xasprintf("%s/good.tar.gz", d), *dest = xasprintf("%s/out", d);
	char *why = NULL, *p;
	struct stat sb;

	make_tar(tar, items, sizeof(items) / sizeof(items[0]));
	mkdir(dest, 0755);
	CHECK_INT(extract_archive(tar, dest, 1, &why), 0);
	CHECK_MSG(!why, "%s", why);
	p = xasprintf("%s/dir/b", dest);
	CHECK(!stat(p, &sb) && S_ISREG(sb.st_mode));
	free(p);
	p = xasprintf("%s/link", dest);
	CHECK(!lstat(p, &sb) && S_ISLNK(sb.st_mode));
	free(p);
	p = xasprintf("%s/hl", dest);
	CHECK(!stat(p, &sb) && sb.st_nlink == 2);
	free(p);
	rm_rf(d);
	free(d);
	free(tar);
	free(dest);
	free(why);
}

TEST(malicious_archives)
{
	static const struct {
		struct item items[3];
		const char *needle;
	} t[] = {
		{ { { "/tmp/gostatic-evil-abs", AE_IFREG, NULL } }, "an absolute path" },
		{ { { "top/../../gostatic-evil-dotdot", AE_IFREG, NULL } }, "'..' component" },
		{ { { "top/esc", AE_IFLNK, "../../.." } }, "outside the source tree" },
		{ { { "top/esc", AE_IFLNK, "/etc/passwd" } }, "outside the source tree" },
		{ { { "top/a", AE_IFREG, NULL }, { "top/hl", 0, "/etc/passwd" } }, "hard link" },
		{ { { "top/hl", 0, "top/../../x" } }, "hard link" },
		{ { { "top/null", AE_IFCHR, NULL } }, "character device" },
		{ { { "top/fifo", AE_IFIFO, NULL } }, "FIFO" },
		/* a link inside the tree, then a write through it */
		{ { { "top/in", AE_IFLNK, "." }, { "top/in/file", AE_IFREG, NULL } }, "" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *d = tmpdir(), *tar = xasprintf("%s/evil.tar.gz", d), *dest = xasprintf("%s/out", d);
		char *why = NULL;
		size_t n = 0;

		while (n < 3 && t[i].items[n].name)
			n++;
		make_tar(tar, t[i].items, n);
		mkdir(dest, 0755);
		CHECK_MSG(extract_archive(tar, dest, 1, &why) == -1, "case %zu was extracted", i);
		CHECK_MSG(why && strstr(why, t[i].needle), "case %zu: %s", i, why ? why : "(no reason)");
		CHECK_MSG(why && strstr(why, "evil.tar.gz"), "case %zu does not name the archive", i);
		free(why);
		rm_rf(d);
		free(d);
		free(tar);
		free(dest);
	}
	CHECK(!path_exists("/tmp/gostatic-evil-abs"));
	CHECK(!path_exists("/tmp/gostatic-evil-dotdot"));
}

TEST(names)
{
	static const struct {
		const char *name;
		unsigned strip;
		const char *want;     /* NULL: refused */
	} t[] = {
		{ "musl-1.2.3/src/a.c", 1, "src/a.c" },
		{ "musl-1.2.3/", 1, "" },
		{ "musl-1.2.3", 1, "" },
		{ "./musl-1.2.3/x", 1, "x" },
		{ "a//b", 1, "b" },
		{ "a/b", 0, "a/b" },
		{ "/abs", 0, NULL },
		{ "a/../b", 0, NULL },
		{ "..", 0, NULL },
		{ "a/..", 1, NULL },
		{ "", 0, NULL },
		{ "a/..b", 1, "..b" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char *why = NULL, *got = extract_check_name(t[i].name, t[i].strip, &why);

		if (t[i].want)
			CHECK_MSG(got && !strcmp(got, t[i].want), "'%s' gave '%s'", t[i].name, got ? got : why);
		else
			CHECK_MSG(!got && why, "'%s' was accepted", t[i].name);
	}
}

TEST(links)
{
	static const struct {
		const char *link, *target;
		int inside;
	} t[] = {
		{ "a", "b", 1 }, { "a", "./b", 1 }, { "a", "../b", 0 }, { "d/a", "../b", 1 },
		{ "d/a", "../../b", 0 }, { "d/e/a", "../../x/./y", 1 }, { "a", "/etc", 0 },
		{ "a", "", 0 }, { "d/a", "x/../../..", 0 }, { "d/a", "..", 1 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK_MSG(extract_link_inside(t[i].link, t[i].target) == t[i].inside, "%s -> %s",
			  t[i].link, t[i].target);
}
