/* arfile_test.c - ar archives made deterministic */
#include <stdio.h>

#include "arfile.h"
#include "fsutil.h"
#include "test.h"

/* An ar member header: name, date, uid, gid, mode, size. */
static size_t header(unsigned char *p, const char *name, const char *date, const char *uid, const char *mode,
		     size_t size)
{
	char h[61];

	snprintf(h, sizeof(h), "%-16s%-12s%-6s%-6s%-8s%-10zu`\n", name, date, uid, uid, mode, size);
	memcpy(p, h, 60);
	return 60;
}

TEST(normalize)
{
	unsigned char a[256];
	size_t n = 0, changed;
	const char *why;

	memcpy(a, "!<arch>\n", 8);
	n = 8;
	n += header(a + n, "a.o/", "1733000000", "1000", "100664", 3);
	memcpy(a + n, "abc\n", 4);       /* odd size: one byte of padding */
	n += 4;
	n += header(a + n, "b.o/", "0", "0", "644", 2);
	memcpy(a + n, "de", 2);
	n += 2;
	CHECK_INT(arfile_normalize(a, n, &changed, &why), 0);
	CHECK_INT(changed, 1);
	CHECK(!memcmp(a + 8 + 16, "0           0     0     644     3         `\n", 44));
	CHECK_INT(arfile_normalize(a, n, &changed, &why), 0);
	CHECK_INT(changed, 0);

	CHECK_INT(arfile_normalize((unsigned char *)"hello", 5, &changed, &why), 1);
	CHECK_INT(arfile_normalize((unsigned char *)"!<thin>\n", 8, &changed, &why), 1);
	/* a member that runs past the end, a header cut short, a bad size */
	CHECK_INT(arfile_normalize(a, n - 1, &changed, &why), -1);
	CHECK_STR(why, "a member runs past the end of the archive");
	CHECK_INT(arfile_normalize(a, 8 + 30, &changed, &why), -1);
	CHECK_STR(why, "a member header is cut short");
	a[8 + 48] = 'x';
	CHECK_INT(arfile_normalize(a, n, &changed, &why), -1);
	CHECK_STR(why, "a member size is not a number");
}

TEST(tree_diff)
{
	struct strvec a = STRVEC_INIT, b = STRVEC_INIT, d = STRVEC_INIT;

	strvec_push(&a, "lib\tfolder 755");
	strvec_push(&a, "lib/libz.a\tfile 644 10 bytes sha256 aa");
	strvec_push(&a, "include/zlib.h\tfile 644 3 bytes sha256 bb");
	strvec_push(&b, "include/zlib.h\tfile 644 4 bytes sha256 cc");
	strvec_push(&b, "lib\tfolder 755");
	strvec_push(&b, "lib/libz.a\tfile 644 10 bytes sha256 aa");
	strvec_push(&b, "lib/new.a\tfile 644 1 bytes sha256 dd");
	CHECK_INT(fs_tree_diff(&a, &a, "x", "y", &d), 0);
	CHECK_INT(fs_tree_diff(&a, &b, "the store's", "the rebuild", &d), 2);
	CHECK_STR(d.v[0], "include/zlib.h: the store's: file 644 3 bytes sha256 bb; the rebuild: file 644 4 bytes sha256 cc");
	CHECK_STR(d.v[1], "lib/new.a: only in the rebuild (file 644 1 bytes sha256 dd)");
	strvec_clear(&a);
	strvec_clear(&b);
	strvec_clear(&d);
}
