/* golist_test.c - reading the JSON stream of go list */
#include "golist.h"
#include "test.h"

TEST(stream)
{
	static const char text[] =
		"{\n\t\"ImportPath\": \"runtime/cgo\",\n\t\"Name\": \"cgo\",\n\t\"Standard\": true,\n"
		"\t\"DepOnly\": true,\n\t\"GoFiles\": [\"callbacks.go\"],\n\t\"CgoFiles\": [\"cgo.go\"],\n"
		"\t\"CgoLDFLAGS\": [\"-lpthread\"]\n}\n"
		"{\"ImportPath\": \"example.com/x\", \"Name\": \"main\", \"Dir\": \"/src/x\",\n"
		" \"GoFiles\": [\"main.go\"], \"CgoFiles\": [\"c.go\"], \"CgoPkgConfig\": [\"zlib\", \"libzstd\"],\n"
		" \"CgoLDFLAGS\": [\"-lm\"]}\n"
		"{\"ImportPath\": \"example.com/broken\", \"Error\": {\"Err\": \"no Go files\"}}\n";
	struct golist l;

	CHECK_INT(golist_parse(text, sizeof(text) - 1, &l), 0);
	CHECK_INT(l.nr, 3);
	CHECK(l.v[0].standard && l.v[0].dep_only && l.v[0].cgo);
	CHECK_STR(l.v[0].ldflags.v[0], "-lpthread");
	CHECK(!l.v[1].dep_only && !l.v[1].standard);
	CHECK_STR(l.v[1].name, "main");
	CHECK_STR(l.v[1].first_gofile, "main.go");
	CHECK_INT(l.v[1].pkg_config.nr, 2);
	CHECK_STR(l.v[1].pkg_config.v[1], "libzstd");
	CHECK_STR(l.v[2].error, "no Go files");
	CHECK(!l.v[2].cgo);
	golist_release(&l);
	CHECK_INT(golist_parse("{\"ImportPath\": 1} [", 19, &l), -1);
	golist_release(&l);
	CHECK_INT(golist_parse("   ", 3, &l), 0);
	CHECK_INT(l.nr, 0);
	golist_release(&l);
}
