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

TEST(cgo_views)
{
	static const char with[] =
		"{\"ImportPath\": \"net\", \"Standard\": true, \"GoFiles\": [\"a.go\", \"cgo_linux.go\"]}\n"
		"{\"ImportPath\": \"example.com/x/word\", \"Dir\": \"/src/x/word\", \"GoFiles\": [\"word.go\", \"word_cgo.go\"],"
		" \"Module\": {\"Path\": \"example.com/x\", \"Main\": true, \"Dir\": \"/src/x\"}}\n"
		"{\"ImportPath\": \"example.com/x/same\", \"GoFiles\": [\"s.go\"], \"SFiles\": [\"s_amd64.s\"]}\n"
		"{\"ImportPath\": \"example.com/x/only\", \"GoFiles\": [\"o.go\"]}\n";
	static const char without[] =
		"{\"ImportPath\": \"net\", \"Standard\": true, \"GoFiles\": [\"a.go\"]}\n"
		"{\"ImportPath\": \"example.com/x/word\", \"GoFiles\": [\"word.go\", \"word_nocgo.go\"]}\n"
		"{\"ImportPath\": \"example.com/x/same\", \"GoFiles\": [\"s.go\"], \"SFiles\": [\"s_amd64.s\"]}\n";
	struct golist l, n;
	struct strvec why = STRVEC_INIT;

	CHECK_INT(golist_parse(with, sizeof(with) - 1, &l), 0);
	CHECK_INT(golist_parse(without, sizeof(without) - 1, &n), 0);
	CHECK(!golist_any_cgo(&l));
	CHECK_STR(l.v[1].files.v[1], "GoFiles word_cgo.go");
	CHECK_STR(l.v[2].files.v[1], "SFiles s_amd64.s");
	CHECK_STR(l.v[1].module_path, "example.com/x");
	CHECK_STR(l.v[1].module_version, "");
	CHECK_STR(l.v[1].module_dir, "/src/x");
	/* the standard library's own differences do not count */
	CHECK_INT(golist_cgo_diff(&l, &n, &why), 2);
	CHECK_STR(why.v[0], "example.com/x/word: word_cgo.go (without cgo: word_nocgo.go)");
	CHECK_STR(why.v[1], "example.com/x/only: built only with cgo");
	strvec_clear(&why);
	CHECK_INT(golist_cgo_diff(&n, &n, &why), 0);
	CHECK_INT(why.nr, 0);
	/* the other way round: a package only the CGO_ENABLED=0 view has */
	CHECK_INT(golist_cgo_diff(&n, &l, &why), 2);
	CHECK_STR(why.v[1], "example.com/x/only: built only without cgo");
	strvec_clear(&why);
	golist_release(&l);
	golist_release(&n);
}
