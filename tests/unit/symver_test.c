/* symver_test.c - version ordering and the glibc floor */
#include "symver.h"
#include "test.h"

TEST(version_order)
{
	static const struct {
		const char *a, *b;
		int sign;
	} t[] = {
		{ "2.2.5", "2.3.2", -1 }, { "2.3.2", "2.17", -1 }, { "2.17", "2.34", -1 },
		{ "2.34", "2.34", 0 }, { "2.9", "2.10", -1 }, { "2.10", "2.9", 1 },
		{ "3.4.30", "3.4.9", 1 }, { "2.34", "2.3.4", 1 }, { "2.01", "2.1", 0 },
		{ "10", "9", 1 }, { "2", "2.0", -1 }, { "", "1", -1 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int c = version_cmp(t[i].a, t[i].b);
		int sign = c < 0 ? -1 : c > 0;

		CHECK_MSG(sign == t[i].sign, "%s vs %s gave %d", t[i].a, t[i].b, c);
	}
}

TEST(version_numbers)
{
	CHECK_STR(version_number("GLIBC_2.34", "GLIBC_"), "2.34");
	CHECK_STR(version_number("GLIBCXX_3.4.30", "GLIBCXX_"), "3.4.30");
	CHECK(!version_number("GLIBC_PRIVATE", "GLIBC_"));
	CHECK(!version_number("GLIBCXX_3.4", "GLIBC_"));
	CHECK(!version_number("GLIBC_2.3x", "GLIBC_"));
	CHECK(!version_number("GLIBC_", "GLIBC_"));
}

static void push(struct version_reqs *r, const char *lib, const char *ver)
{
	ALLOC_GROW(r->v, r->nr + 1, r->alloc);
	memset(&r->v[r->nr], 0, sizeof(r->v[r->nr]));
	r->v[r->nr].library = xstrdup(lib);
	r->v[r->nr].version = xstrdup(ver);
	r->v[r->nr].symbols = (struct strvec)STRVEC_INIT;
	r->nr++;
}

TEST(glibc_floor)
{
	struct version_reqs r = VERSION_REQS_INIT;
	bool priv;

	CHECK(!symver_glibc_floor(&r, &priv));
	push(&r, "libc.so.6", "GLIBC_2.2.5");
	push(&r, "libm.so.6", "GLIBC_2.29");
	push(&r, "libc.so.6", "GLIBC_2.17");
	push(&r, "libstdc++.so.6", "GLIBCXX_3.4.30");
	CHECK_STR(symver_glibc_floor(&r, &priv), "2.29");
	CHECK(!priv);
	push(&r, "libc.so.6", "GLIBC_PRIVATE");
	push(&r, "libc.so.6", "GLIBC_ABI_DT_RELR");
	CHECK_STR(symver_glibc_floor(&r, &priv), "2.36");
	CHECK(priv);
	version_reqs_release(&r);
}

TEST(elf_hash_values)
{
	/* values glibc's loader compares against vna_hash */
	CHECK_INT(elf_hash("GLIBC_2.2.5"), 0x09691a75);
	CHECK_INT(elf_hash("GLIBC_2.34"), 0x069691b4);
	CHECK_INT(elf_hash(""), 0);
}
