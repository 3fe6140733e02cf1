/* gobuild_test.c - how gostatic build forms the go build command */
#include <stdlib.h>

#include "gobuild.h"
#include "test.h"

TEST(parse_args)
{
	const char *argv[] = { "build", "-v", "--target", "linux/amd64", "-o", "out/app", "-trimpath",
			       "-tags", "foo bar,baz", "-ldflags=-s -w", "-mod=vendor", "-C", "sub",
			       "-gcflags", "all=-N", "-unknownflag", "--run-check", "./cmd/app", "./cmd/b",
			       "--", "--version", "x" };
	struct gobuild_args a;
	char *why = NULL;

	CHECK_INT(gobuild_parse_args(sizeof(argv) / sizeof(argv[0]), argv, &a, &why), 0);
	CHECK_STR(a.target, "linux/amd64");
	CHECK_STR(a.output, "out/app");
	CHECK(a.run_check);
	CHECK_INT(a.verbose, 1);
	CHECK_STR(a.chdir, "sub");
	CHECK_STR(a.ldflags, "-s -w");
	CHECK_INT(a.tags.nr, 3);
	CHECK_STR(a.tags.v[2], "baz");
	CHECK_INT(a.packages.nr, 2);
	CHECK_STR(a.packages.v[1], "./cmd/b");
	CHECK_INT(a.run_args.nr, 2);
	CHECK_STR(a.run_args.v[0], "--version");
	/* go build gets the rest as given, in order, values joined with '=' */
	CHECK_INT(a.go_flags.nr, 5);
	CHECK_STR(a.go_flags.v[0], "-v");
	CHECK_STR(a.go_flags.v[1], "-trimpath");
	CHECK_STR(a.go_flags.v[2], "-mod=vendor");
	CHECK_STR(a.go_flags.v[3], "-gcflags=all=-N");
	CHECK_STR(a.go_flags.v[4], "-unknownflag");
	CHECK_INT(a.list_flags.nr, 1);
	CHECK_STR(a.list_flags.v[0], "-mod=vendor");
	gobuild_args_release(&a);

	{
		const char *bad[] = { "build", "-ldflags" };

		CHECK_INT(gobuild_parse_args(2, bad, &a, &why), -1);
		CHECK(why && strstr(why, "'-ldflags' needs a value"));
		free(why);
		gobuild_args_release(&a);
	}
	{
		const char *none[] = { "build" };

		CHECK_INT(gobuild_parse_args(1, none, &a, &why), 0);
		CHECK_STR(a.packages.v[0], ".");
		gobuild_args_release(&a);
	}
}

TEST(goflags_are_merged_not_overridden)
{
	const char *argv[] = { "build", "-tags", "cli" };
	struct gobuild_args a;
	struct strvec kept = STRVEC_INIT;
	char *why = NULL;

	gobuild_parse_args(3, argv, &a, &why);
	CHECK_INT(gobuild_take_goflags(" -mod=mod -tags=env1,cli -ldflags=-X=main.v=1 -trimpath ", &a,
				       &kept, &why), 0);
	CHECK_INT(kept.nr, 2);
	CHECK_STR(kept.v[0], "-mod=mod");
	CHECK_STR(kept.v[1], "-trimpath");
	CHECK_INT(a.tags.nr, 2);
	CHECK_STR(a.tags.v[0], "env1");
	CHECK_STR(a.tags.v[1], "cli");
	CHECK_STR(a.ldflags, "-X=main.v=1");
	strvec_clear(&kept);
	CHECK_INT(gobuild_take_goflags("notaflag", &a, &kept, &why), -1);
	CHECK(why && strstr(why, "not a flag"));
	free(why);
	strvec_clear(&kept);
	gobuild_args_release(&a);
}

TEST(quoted_split_and_join)
{
	static const char *const words[] = { "-s", "-X", "main.v=a b", "", "say \"hi\"", "it's" };
	struct strvec w = STRVEC_INIT, back = STRVEC_INIT;
	char *joined;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		strvec_push(&w, words[i]);
	joined = go_quoted_join(&w);
	CHECK_STR(joined, "-s -X \"main.v=a b\" \"\" 'say \"hi\"' it's");
	CHECK_INT(go_quoted_split(joined, &back), 0);
	CHECK_INT(back.nr, w.nr);
	for (size_t i = 0; i < w.nr && i < back.nr; i++)
		CHECK_STR(back.v[i], w.v[i]);
	free(joined);
	strvec_clear(&back);
	CHECK_INT(go_quoted_split("a 'b", &back), -1);
	strvec_clear(&back);
	strvec_clear(&w);
	strvec_push(&w, "both ' and \"");
	CHECK(!go_quoted_join(&w));
	strvec_clear(&w);
}

TEST(tags)
{
	struct strvec u = STRVEC_INIT;
	char *t = gobuild_tags(&u);

	CHECK_STR(t, "musl,netgo,osusergo");
	free(t);
	strvec_pushl(&u, "dynamic", "netgo", NULL);
	t = gobuild_tags(&u);
	CHECK_STR(t, "dynamic,netgo,musl,osusergo");
	free(t);
	strvec_clear(&u);
}

TEST(ldflags)
{
	static const struct {
		const char *user;
		bool cgo, pie;
		const char *want;      /* NULL: a problem whose text contains `problem` */
		const char *problem;
	} t[] = {
		{ NULL, true, false, "-linkmode external -extldflags -static", NULL },
		{ NULL, true, true, "-linkmode external -extldflags -static-pie", NULL },
		{ NULL, false, false, "", NULL },
		{ "-s -w", false, false, "-s -w", NULL },
		{ "-s -w -X main.v=1", true, false, "-s -w -X main.v=1 -linkmode external -extldflags -static", NULL },
		{ "-linkmode=external -extldflags \"-static -lfoo\"", true, false,
		  "-linkmode external -extldflags \"-static -lfoo\"", NULL },
		{ "-extldflags=-Wl,--gc-sections", true, false,
		  "-linkmode external -extldflags \"-static -Wl,--gc-sections\"", NULL },
		{ "-extldflags '-static -s'", true, true, "-linkmode external -extldflags \"-static-pie -s\"", NULL },
		{ "-X 'main.msg=hello world'", true, false,
		  "-X \"main.msg=hello world\" -linkmode external -extldflags -static", NULL },
		{ "-linkmode internal", true, false, NULL, "defeats static linking" },
		{ "-linkmode=internal", false, false, "", NULL },
		{ "-linkmode external", false, false, NULL, "needs cgo" },
		{ "-extldflags -static", false, false, NULL, "no effect without cgo" },
		{ "-X 'unterminated", true, false, NULL, "unterminated quote" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *out = NULL, *problem = NULL;
		int rc = gobuild_ldflags(t[i].user, t[i].cgo, t[i].pie, NULL, &out, &problem);

		if (t[i].want) {
			CHECK_MSG(rc == 0, "case %zu: %s", i, problem ? problem : "");
			CHECK_MSG(out && !strcmp(out, t[i].want), "case %zu: got '%s', want '%s'", i,
				  out ? out : "(null)", t[i].want);
		} else {
			CHECK_MSG(rc == -1 && problem && strstr(problem, t[i].problem), "case %zu: %s", i,
				  problem ? problem : "accepted");
		}
		free(out);
		free(problem);
	}
}

TEST(modes)
{
	static const struct {
		const char *mode;
		bool ok;
	} t[] = { { NULL, true }, { "exe", true }, { "pie", true }, { "default", true },
		  { "c-shared", false }, { "c-archive", false }, { "plugin", false }, { "shared", false } };

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct gobuild_args a;
		char *why = NULL, *m;
		const char *argv[] = { "build" };

		gobuild_parse_args(1, argv, &a, &why);
		a.buildmode = t[i].mode;
		m = gobuild_check_mode(&a);
		CHECK_MSG(!m == t[i].ok, "mode %s", t[i].mode ? t[i].mode : "(none)");
		free(m);
		a.linkshared = true;
		a.buildmode = NULL;
		m = gobuild_check_mode(&a);
		CHECK(m && strstr(m, "-linkshared"));
		free(m);
		gobuild_args_release(&a);
	}
}

TEST(exe_names)
{
	static const char *const t[][3] = {
		{ "example.com/cmd/spex", NULL, "spex" },
		{ "example.com/tool/v2", NULL, "tool" },
		{ "example.com/tool/v1", NULL, "v1" },
		{ "example.com/x/v0", NULL, "v0" },
		{ "example.com/x/v10", NULL, "x" },
		{ "hello", NULL, "hello" },
		{ "command-line-arguments", "main.go", "main" },
		{ "command-line-arguments", "dir/tool.go", "tool" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *n = gobuild_exe_name(t[i][0], t[i][1]);

		CHECK_STR(n, t[i][2]);
		free(n);
	}
}

TEST(trimpath_default)
{
	const char *plain[] = { "build", "." }, *off[] = { "build", "-trimpath=false", "." };
	const char *on[] = { "build", "--trimpath", "." };
	struct gobuild_args a;
	struct strvec flags = STRVEC_INIT, kept = STRVEC_INIT;
	char *why = NULL;

	/* gostatic adds -trimpath unless the user says anything about it */
	CHECK_INT(gobuild_parse_args(2, plain, &a, &why), 0);
	CHECK(!a.trimpath_given && a.trimpath);
	gobuild_default_flags(&a, &flags);
	CHECK_INT(flags.nr, 1);
	CHECK_STR(flags.v[0], "-trimpath");
	strvec_clear(&flags);
	gobuild_args_release(&a);

	CHECK_INT(gobuild_parse_args(3, off, &a, &why), 0);
	CHECK(a.trimpath_given && !a.trimpath);
	gobuild_default_flags(&a, &flags);
	CHECK_INT(flags.nr, 0);
	gobuild_args_release(&a);

	CHECK_INT(gobuild_parse_args(3, on, &a, &why), 0);
	CHECK(a.trimpath_given && a.trimpath);
	gobuild_args_release(&a);

	/* from GOFLAGS too; the command line comes first */
	CHECK_INT(gobuild_parse_args(2, plain, &a, &why), 0);
	CHECK_INT(gobuild_take_goflags("-mod=mod -trimpath=0", &a, &kept, &why), 0);
	CHECK(a.trimpath_given && !a.trimpath);
	gobuild_args_release(&a);
	strvec_clear(&kept);
	CHECK_INT(gobuild_parse_args(3, on, &a, &why), 0);
	CHECK_INT(gobuild_take_goflags("-trimpath=false", &a, &kept, &why), 0);
	CHECK(a.trimpath);
	gobuild_args_release(&a);
	strvec_clear(&kept);
}
