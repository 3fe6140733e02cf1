/* upx_test.c - UPX trailers, loader info, strings and stub shape */
#include <stdlib.h>

#include "elfgen.h"
#include "test.h"
#include "upx.h"

static void detect(const char *spec, struct upx_info *u, bool *packed)
{
	struct findings fs = FINDINGS_INIT;
	struct elf_file e;
	struct eg_file f;

	eg_build(eg_named(spec), &f);
	CHECK(elf_open(&e, f.buf, f.len, &fs) == ELF_OK);
	*packed = upx_detect(&e, u);
	findings_release(&fs);
	free(f.buf);
}

TEST(little_endian_trailer)
{
	struct upx_info u;
	bool packed;

	detect("upx", &u, &packed);
	CHECK(packed);
	CHECK(u.packheader && u.linfo && u.string);
	CHECK_INT(u.version, 14);
	CHECK_INT(u.format, 22);
	CHECK_INT(u.original_size, 123456);
	CHECK_STR(u.release, "4.22");
	CHECK_STR(upx_format_name(u.format), "linux/amd64");
}

TEST(big_endian_trailer)
{
	struct upx_info u;
	bool packed;

	detect("upx-be", &u, &packed);
	CHECK(packed && u.packheader);
	CHECK_INT(u.format, 137);
	CHECK_INT(u.original_size, 123456);
	CHECK_STR(upx_format_name(u.format), "linux/mips");
}

TEST(bad_checksum_is_not_proof)
{
	struct upx_info u;
	bool packed;

	detect("upx-badsum", &u, &packed);
	CHECK(!packed);
	CHECK(!u.packheader && u.packheader_badsum);
}

TEST(strings_alone_are_not_proof)
{
	struct upx_info u;
	bool packed;

	detect("upx-strings-only", &u, &packed);
	CHECK(!packed);
	CHECK(u.string);
}

TEST(plain_files_have_no_marks)
{
	static const char *const specs[] = { "static", "dynamic", "static-pie", "go-inline" };

	for (size_t i = 0; i < 4; i++) {
		struct upx_info u;
		bool packed;

		detect(specs[i], &u, &packed);
		CHECK_MSG(!packed && !u.string && !u.packheader_badsum, "%s", specs[i]);
	}
}
