/* gobuild.c - the `go build` command line and environment gostatic runs */
#include "gobuild.h"

#include <stdlib.h>
#include <string.h>

/* go build's flags that take a value, and whether they change what
 * `go list` loads (so they go to both). Boolean flags are listed too. */
static const struct goflag {
	const char *name;
	bool value;
	bool list;
} goflags[] = {
	{ "C", true, true }, { "o", true, false }, { "p", true, false },
	{ "asmflags", true, false }, { "buildmode", true, false }, { "compiler", true, true },
	{ "gccgoflags", true, false }, { "gcflags", true, false }, { "installsuffix", true, true },
	{ "ldflags", true, false }, { "mod", true, true }, { "modfile", true, true },
	{ "overlay", true, true }, { "pgo", true, false }, { "pkgdir", true, true },
	{ "tags", true, true }, { "toolexec", true, false }, { "coverpkg", true, false },
	{ "covermode", true, false },
	{ "a", false, false }, { "n", false, false }, { "race", false, true },
	{ "msan", false, true }, { "asan", false, true }, { "v", false, false },
	{ "work", false, false }, { "x", false, false }, { "linkshared", false, true },
	{ "trimpath", false, false }, { "cover", false, false }, { "modcacherw", false, true },
	{ "buildvcs", false, false }, { "json", false, false },
};

static const struct goflag *find_flag(const char *name, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(goflags); i++)
		if (strlen(goflags[i].name) == n && !strncmp(goflags[i].name, name, n))
			return &goflags[i];
	return NULL;
}

static void split_tags(const char *s, struct strvec *out)
{
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, ", \t");

		if (n) {
			char *t = xstrndup(p, n);

			if (!strvec_contains(out, t))
				strvec_push(out, t);
			free(t);
		}
		p += n;
		p += strspn(p, ", \t");
	}
}

/* The value of option w: after '=' in it, or the next word. */
static const char *take_value(int argc, const char **argv, int *i, const char *eq, char **why)
{
	if (eq)
		return eq + 1;
	if (*i + 1 < argc)
		return argv[++*i];
	*why = xasprintf("option '%s' needs a value", argv[*i]);
	return NULL;
}

/* A boolean flag's value as Go's strconv.ParseBool reads it (anything
 * else counts as true, as go build would refuse it anyway). */
static bool go_bool(const char *v)
{
	return strcmp(v, "0") && strcmp(v, "f") && strcmp(v, "F") && strcmp(v, "false") && strcmp(v, "FALSE") &&
	       strcmp(v, "False");
}

int gobuild_parse_args(int argc, const char **argv, struct gobuild_args *a, char **why)
{
	memset(a, 0, sizeof(*a));
	a->trimpath = true;
	a->run_args = (struct strvec)STRVEC_INIT;
	a->go_flags = (struct strvec)STRVEC_INIT;
	a->list_flags = (struct strvec)STRVEC_INIT;
	a->tags = (struct strvec)STRVEC_INIT;
	a->packages = (struct strvec)STRVEC_INIT;
	*why = NULL;
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i], *name, *eq, *val = NULL;
		const struct goflag *f;
		size_t n;

		if (!strcmp(w, "--")) {
			for (i++; i < argc; i++)
				strvec_push(&a->run_args, argv[i]);
			break;
		}
		if (w[0] != '-' || !w[1]) {
			strvec_push(&a->packages, w);
			continue;
		}
		name = w + 1 + (w[1] == '-');
		eq = strchr(name, '=');
		n = eq ? (size_t)(eq - name) : strlen(name);
		if ((n == 6 && !strncmp(name, "target", 6)) || (n == 1 && name[0] == 'o') ||
		    (n == 8 && !strncmp(name, "manifest", 8) && w[1] == '-') ||
		    (n == 4 && !strncmp(name, "sbom", 4) && w[1] == '-') ||
		    (n == 6 && !strncmp(name, "malloc", 6) && w[1] == '-') ||
		    (n == 5 && !strncmp(name, "cache", 5) && w[1] == '-')) {
			if (!(val = take_value(argc, argv, &i, eq, why)))
				return -1;
			if (name[0] == 't')
				a->target = val;
			else if (name[0] == 'm' && name[1] == 'a' && name[2] == 'n')
				a->manifest = val;
			else if (name[0] == 'm')
				a->malloc = val;
			else if (name[0] == 's')
				a->sbom = val;
			else if (name[0] == 'c')
				a->cache = val;
			else
				a->output = val;
			continue;
		}
		if (!strcmp(name, "run-check")) {
			a->run_check = true;
			continue;
		}
		if (!strcmp(name, "v") || !strcmp(name, "verbose")) {
			a->verbose++;
			strvec_push(&a->go_flags, "-v");
			continue;
		}
		f = find_flag(name, n);
		if (!f) {
			/* unknown to gostatic: go build decides what it means */
			strvec_push(&a->go_flags, w);
			continue;
		}
		if (f->value && !(val = take_value(argc, argv, &i, eq, why)))
			return -1;
		if (!strcmp(f->name, "tags")) {
			split_tags(val, &a->tags);
		} else if (!strcmp(f->name, "ldflags")) {
			free(a->ldflags);
			a->ldflags = xstrdup(val);
		} else if (!strcmp(f->name, "C")) {
			a->chdir = val;
		} else {
			const char *arg = f->value ? xasprintf("-%s=%s", f->name, val) : xstrdup(w);

			if (!strcmp(f->name, "buildmode"))
				a->buildmode = val;
			if (!strcmp(f->name, "linkshared"))
				a->linkshared = true;
			if (!strcmp(f->name, "trimpath")) {
				a->trimpath_given = true;
				a->trimpath = go_bool(eq ? eq + 1 : "true");
			}
			strvec_push(&a->go_flags, arg);
			if (f->list)
				strvec_push(&a->list_flags, arg);
			free((char *)arg);
		}
	}
	if (!a->packages.nr)
		strvec_push(&a->packages, ".");
	return 0;
}

void gobuild_args_release(struct gobuild_args *a)
{
	strvec_clear(&a->run_args);
	strvec_clear(&a->go_flags);
	strvec_clear(&a->list_flags);
	strvec_clear(&a->tags);
	strvec_clear(&a->packages);
	free(a->ldflags);
	memset(a, 0, sizeof(*a));
}

int gobuild_take_goflags(const char *goflags_env, struct gobuild_args *a, struct strvec *kept,
			 char **why)
{
	struct strvec tags = STRVEC_INIT;
	const char *p = goflags_env ? goflags_env : "";

	*why = NULL;
	while (*p) {
		size_t n;
		const char *w, *name, *eq;

		p += strspn(p, " \t\n");
		n = strcspn(p, " \t\n");
		if (!n)
			break;
		w = p;
		p += n;
		if (w[0] != '-') {
			*why = xasprintf("GOFLAGS holds '%.*s', which is not a flag", (int)n, w);
			strvec_clear(&tags);
			return -1;
		}
		name = w + 1 + (w[1] == '-');
		eq = memchr(name, '=', (size_t)(w + n - name));
		if (eq && (size_t)(eq - name) == 4 && !strncmp(name, "tags", 4)) {
			char *v = xstrndup(eq + 1, (size_t)(w + n - eq - 1));

			split_tags(v, &tags);
			free(v);
		} else if (eq && (size_t)(eq - name) == 7 && !strncmp(name, "ldflags", 7)) {
			if (!a->ldflags)
				a->ldflags = xstrndup(eq + 1, (size_t)(w + n - eq - 1));
		} else {
			size_t nl = (size_t)(w + n - name);

			if (nl >= 8 && !strncmp(name, "trimpath", 8) && (nl == 8 || name[8] == '=') &&
			    !a->trimpath_given) {
				char *v = xstrndup(nl == 8 ? "true" : name + 9, nl == 8 ? 4 : nl - 9);

				a->trimpath_given = true;
				a->trimpath = go_bool(v);
				free(v);
			}
			strvec_pushn(kept, w, n);
		}
	}
	/* GOFLAGS comes first, as go applies it before the command line */
	for (size_t i = 0; i < a->tags.nr; i++)
		if (!strvec_contains(&tags, a->tags.v[i]))
			strvec_push(&tags, a->tags.v[i]);
	strvec_clear(&a->tags);
	a->tags = tags;
	return 0;
}

void gobuild_default_flags(const struct gobuild_args *a, struct strvec *out)
{
	if (!a->trimpath_given)
		strvec_push(out, "-trimpath");
}

int go_quoted_split(const char *s, struct strvec *out)
{
	const char *p = s;

	for (;;) {
		char q;
		const char *start;

		p += strspn(p, " \t\n\r");
		if (!*p)
			return 0;
		if (*p == '\'' || *p == '"') {
			const char *end;

			q = *p++;
			end = strchr(p, q);
			if (!end)
				return -1;
			strvec_pushn(out, p, (size_t)(end - p));
			p = end + 1;
			continue;
		}
		start = p;
		p += strcspn(p, " \t\n\r");
		strvec_pushn(out, start, (size_t)(p - start));
	}
}

char *go_quoted_join(const struct strvec *words)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < words->nr; i++) {
		const char *w = words->v[i];
		bool blank = !*w || strpbrk(w, " \t\n\r"), dq = strchr(w, '"'), sq = strchr(w, '\'');

		if (i)
			strbuf_addch(&sb, ' ');
		if (!blank && (*w != '"' && *w != '\'')) {
			strbuf_addstr(&sb, w);
		} else if (!dq) {
			strbuf_addf(&sb, "\"%s\"", w);
		} else if (!sq) {
			strbuf_addf(&sb, "'%s'", w);
		} else {
			strbuf_release(&sb);
			return NULL;
		}
	}
	return strbuf_detach(&sb);
}

char *gobuild_tags(const struct strvec *user)
{
	struct strvec all = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < user->nr; i++)
		strvec_push(&all, user->v[i]);
	split_tags(GOSTATIC_TAGS, &all);
	for (size_t i = 0; i < all.nr; i++)
		strbuf_addf(&sb, "%s%s", i ? "," : "", all.v[i]);
	strvec_clear(&all);
	return strbuf_detach(&sb);
}

/* Is w the flag -name (or --name), alone or as -name=value? Sets *val to
 * the inline value, or NULL when the value is the next word. */
static bool is_flag(const char *w, const char *name, const char **val)
{
	size_t n = strlen(name);

	if (w[0] != '-')
		return false;
	w += 1 + (w[1] == '-');
	if (strncmp(w, name, n) || (w[n] && w[n] != '='))
		return false;
	*val = w[n] ? w + n + 1 : NULL;
	return true;
}

int gobuild_ldflags(const char *user, bool cgo, bool pie, const struct strvec *objects, char **out,
		    char **problem)
{
	struct strvec words = STRVEC_INIT, kept = STRVEC_INIT, ext = STRVEC_INIT, ext2 = STRVEC_INIT;
	const char *linkmode = NULL;
	char *extjoined = NULL;
	int rc = -1;

	*out = NULL;
	*problem = NULL;
	if (user && go_quoted_split(user, &words)) {
		*problem = xasprintf("-ldflags '%s' has an unterminated quote", user);
		goto done;
	}
	for (size_t i = 0; i < words.nr; i++) {
		const char *v;

		if (is_flag(words.v[i], "linkmode", &v)) {
			if (!v && i + 1 < words.nr)
				v = words.v[++i];
			linkmode = v ? v : "";
		} else if (is_flag(words.v[i], "extldflags", &v)) {
			if (!v && i + 1 < words.nr)
				v = words.v[++i];
			if (v && go_quoted_split(v, &ext)) {
				*problem = xasprintf("-extldflags '%s' has an unterminated quote", v);
				goto done;
			}
		} else {
			strvec_push(&kept, words.v[i]);
		}
	}
	if (cgo && linkmode && strcmp(linkmode, "external")) {
		*problem = xasprintf("-ldflags '-linkmode %s' defeats static linking: with cgo only the "
				     "external linker can link the C code statically; drop -linkmode "
				     "(gostatic uses -linkmode external)", linkmode);
		goto done;
	}
	if (!cgo && linkmode && strcmp(linkmode, "internal")) {
		*problem = xasprintf("-ldflags '-linkmode %s' needs cgo, but no package here uses it, so "
				     "gostatic builds with CGO_ENABLED=0 and Go's own linker (already "
				     "static): drop -linkmode", linkmode);
		goto done;
	}
	if (!cgo && ext.nr) {
		*problem = xstrdup("-extldflags has no effect without cgo: no package here uses cgo, so "
				   "gostatic builds with CGO_ENABLED=0 (already static); drop -extldflags");
		goto done;
	}
	if (cgo) {
		strvec_push(&ext2, pie ? "-static-pie" : "-static");
		for (size_t i = 0; objects && i < objects->nr; i++)
			strvec_push(&ext2, objects->v[i]);
		for (size_t i = 0; i < ext.nr; i++)
			if (strcmp(ext.v[i], "-static") && strcmp(ext.v[i], "-static-pie"))
				strvec_push(&ext2, ext.v[i]);
		extjoined = go_quoted_join(&ext2);
		if (!extjoined) {
			*problem = xstrdup("-extldflags holds a word with both kinds of quote");
			goto done;
		}
		strvec_pushl(&kept, "-linkmode", "external", "-extldflags", extjoined, NULL);
	}
	*out = go_quoted_join(&kept);
	if (!*out) {
		*problem = xstrdup("-ldflags holds a word with both kinds of quote");
		goto done;
	}
	rc = 0;
done:
	strvec_clear(&words);
	strvec_clear(&kept);
	strvec_clear(&ext);
	strvec_clear(&ext2);
	free(extjoined);
	return rc;
}

char *gobuild_check_mode(const struct gobuild_args *a)
{
	if (a->linkshared)
		return xstrdup("-linkshared links Go packages from shared libraries, so the result cannot "
			       "be static: drop -linkshared");
	if (!a->buildmode || !strcmp(a->buildmode, "exe") || !strcmp(a->buildmode, "default") ||
	    !strcmp(a->buildmode, "pie"))
		return NULL;
	return xasprintf("-buildmode=%s does not make an executable, so there is nothing static to "
			 "build: gostatic builds programs (-buildmode=exe, or pie for a static-pie)",
			 a->buildmode);
}

static bool is_version_element(const char *s)
{
	if (s[0] != 'v' || !s[1] || s[1] == '0' || (s[1] == '1' && !s[2]))
		return false;
	for (const char *p = s + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

char *gobuild_exe_name(const char *import_path, const char *first_gofile)
{
	const char *slash, *elem;

	if (!strcmp(import_path, "command-line-arguments") && first_gofile) {
		size_t n = strlen(first_gofile);
		const char *base = strrchr(first_gofile, '/');

		base = base ? base + 1 : first_gofile;
		n = strlen(base);
		return xstrndup(base, n > 3 && !strcmp(base + n - 3, ".go") ? n - 3 : n);
	}
	slash = strrchr(import_path, '/');
	elem = slash ? slash + 1 : import_path;
	if (slash && is_version_element(elem)) {
		const char *prev = slash;

		while (prev > import_path && prev[-1] != '/')
			prev--;
		return xstrndup(prev, (size_t)(slash - prev));
	}
	return xstrdup(elem);
}
