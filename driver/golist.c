/* golist.c - what `go list -deps` says about the packages of a build */
#include "golist.h"

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "log.h"
#include "proc.h"
#include "store.h"

/* The lists of source files go list reports, in its own order: what a
 * build compiles, and so what CGO_ENABLED=0 must leave as it is. */
static const char *const file_kinds[] = {
	"GoFiles", "CgoFiles", "CFiles", "CXXFiles", "MFiles", "HFiles", "FFiles", "SFiles",
	"SwigFiles", "SwigCXXFiles", "SysoFiles", "EmbedFiles",
};

#define FIELDS "ImportPath,Name,Dir,Module,Standard,DepOnly,CgoPkgConfig,CgoLDFLAGS,Error," \
	"GoFiles,CgoFiles,CFiles,CXXFiles,MFiles,HFiles,FFiles,SFiles,SwigFiles,SwigCXXFiles,SysoFiles,EmbedFiles"

static char *dup_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? xstrdup(s) : NULL;
}

static void push_strings(json_t *arr, struct strvec *out)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
		if (json_is_string(v))
			strvec_push(out, json_string_value(v));
}

int golist_parse(const char *text, size_t len, struct golist *l)
{
	size_t pos = 0;

	*l = (struct golist)GOLIST_INIT;
	while (pos < len) {
		json_error_t err;
		json_t *o;
		struct golist_pkg *p;

		while (pos < len && strchr(" \t\r\n", text[pos]))
			pos++;
		if (pos >= len)
			break;
		o = json_loadb(text + pos, len - pos, JSON_DISABLE_EOF_CHECK, &err);
		if (!o || !json_is_object(o) || err.position <= 0) {
			json_decref(o);
			return -1;
		}
		pos += (size_t)err.position;
		ALLOC_GROW(l->v, l->nr + 1, l->alloc);
		p = &l->v[l->nr++];
		memset(p, 0, sizeof(*p));
		p->pkg_config = (struct strvec)STRVEC_INIT;
		p->ldflags = (struct strvec)STRVEC_INIT;
		p->files = (struct strvec)STRVEC_INIT;
		p->import_path = dup_str(o, "ImportPath");
		p->name = dup_str(o, "Name");
		p->dir = dup_str(o, "Dir");
		if (json_array_size(json_object_get(o, "GoFiles")))
			p->first_gofile = xstrdup(json_string_value(json_array_get(json_object_get(o, "GoFiles"), 0))
						  ? json_string_value(json_array_get(json_object_get(o, "GoFiles"), 0)) : "");
		p->standard = json_is_true(json_object_get(o, "Standard"));
		p->dep_only = json_is_true(json_object_get(o, "DepOnly"));
		p->cgo = json_array_size(json_object_get(o, "CgoFiles")) > 0;
		for (size_t k = 0; k < ARRAY_SIZE(file_kinds); k++) {
			size_t i;
			json_t *v;

			json_array_foreach(json_object_get(o, file_kinds[k]), i, v)
				if (json_is_string(v))
					strvec_pushf(&p->files, "%s %s", file_kinds[k], json_string_value(v));
		}
		if (json_is_object(json_object_get(o, "Module"))) {
			json_t *m = json_object_get(o, "Module");

			p->module_path = dup_str(m, "Path");
			p->module_dir = dup_str(m, "Dir");
			p->module_version = json_is_true(json_object_get(m, "Main")) ? xstrdup("")
					    : dup_str(m, "Version");
		}
		push_strings(json_object_get(o, "CgoPkgConfig"), &p->pkg_config);
		push_strings(json_object_get(o, "CgoLDFLAGS"), &p->ldflags);
		if (json_object_get(o, "Error"))
			p->error = dup_str(json_object_get(o, "Error"), "Err");
		if (!p->import_path)
			p->import_path = xstrdup("");
		json_decref(o);
	}
	return 0;
}

void golist_release(struct golist *l)
{
	for (size_t i = 0; i < l->nr; i++) {
		struct golist_pkg *p = &l->v[i];

		free(p->import_path);
		free(p->name);
		free(p->dir);
		free(p->first_gofile);
		free(p->error);
		free(p->module_path);
		free(p->module_version);
		free(p->module_dir);
		strvec_clear(&p->files);
		strvec_clear(&p->pkg_config);
		strvec_clear(&p->ldflags);
	}
	free(l->v);
	if (l->nocgo) {
		golist_release(l->nocgo);
		free(l->nocgo);
	}
	*l = (struct golist)GOLIST_INIT;
}

bool golist_any_cgo(const struct golist *l)
{
	for (size_t i = 0; i < l->nr; i++)
		if (l->v[i].cgo)
			return true;
	return false;
}

static const struct golist_pkg *find_pkg(const struct golist *l, const char *import_path)
{
	for (size_t i = 0; i < l->nr; i++)
		if (!strcmp(l->v[i].import_path, import_path))
			return &l->v[i];
	return NULL;
}

/* The files of a that b lacks, as "x.go y.c" (without the kinds). */
static void missing_files(const struct golist_pkg *a, const struct golist_pkg *b, struct strbuf *out)
{
	for (size_t i = 0; i < a->files.nr; i++)
		if (!strvec_contains(&b->files, a->files.v[i])) {
			const char *name = strchr(a->files.v[i], ' ');

			strbuf_addf(out, "%s%s", out->len ? " " : "", name ? name + 1 : a->files.v[i]);
		}
}

size_t golist_cgo_diff(const struct golist *l, const struct golist *nocgo, struct strvec *why)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nr; i++) {
		const struct golist_pkg *a = &l->v[i], *b;
		struct strbuf with = STRBUF_INIT, without = STRBUF_INIT;

		if (a->standard)
			continue;
		b = find_pkg(nocgo, a->import_path);
		if (!b) {
			strvec_pushf(why, "%s: built only with cgo", a->import_path);
			n++;
			continue;
		}
		missing_files(a, b, &with);
		missing_files(b, a, &without);
		if (with.len || without.len) {
			strvec_pushf(why, "%s: %s%s%s%s", a->import_path, with.len ? with.buf : "no file of its own",
				     without.len ? " (without cgo: " : "", without.buf, without.len ? ")" : "");
			n++;
		}
		strbuf_release(&with);
		strbuf_release(&without);
	}
	for (size_t i = 0; i < nocgo->nr; i++)
		if (!nocgo->v[i].standard && !find_pkg(l, nocgo->v[i].import_path)) {
			strvec_pushf(why, "%s: built only without cgo", nocgo->v[i].import_path);
			n++;
		}
	return n;
}

/* Runs go list and keeps its JSON output in out. */
static int run_raw(const char *go, const char *dir, const struct strvec *env,
		   const struct strvec *flags, const char *tags, const struct strvec *pkgs,
		   struct strbuf *out)
{
	struct proc p = PROC_INIT;
	int rc;

	strvec_pushl(&p.args, go, "list", "-deps", "-json=" FIELDS, NULL);
	for (size_t i = 0; i < flags->nr; i++)
		strvec_push(&p.args, flags->v[i]);
	strvec_pushf(&p.args, "-tags=%s", tags);
	strvec_push(&p.args, "--");
	for (size_t i = 0; i < pkgs->nr; i++)
		strvec_push(&p.args, pkgs->v[i]);
	for (size_t i = 0; i < env->nr; i++)
		strvec_push(&p.env, env->v[i]);
	p.dir = dir;
	p.split = true;
	rc = proc_run(&p);
	if (rc) {
		if (rc < 0)
			gs_error_errno(-rc, "cannot run '%s'", go);
		else
			out_text(&gs_out, p.err.buf);
		gs_error("'go list' could not load %s%s (exit %d)", pkgs->v[0],
			 pkgs->nr > 1 ? " and the other packages" : "", rc);
		proc_release(&p);
		return -1;
	}
	strbuf_add(out, p.out.buf, p.out.len);
	proc_release(&p);
	return 0;
}

int golist_run(const char *go, const char *dir, const struct strvec *env,
	       const struct strvec *flags, const char *tags, const struct strvec *pkgs,
	       struct golist *l)
{
	struct strbuf out = STRBUF_INIT;
	int rc;

	*l = (struct golist)GOLIST_INIT;
	rc = run_raw(go, dir, env, flags, tags, pkgs, &out);
	if (!rc && golist_parse(out.buf, out.len, l)) {
		gs_error("cannot read the output of 'go list'");
		rc = -1;
	}
	strbuf_release(&out);
	return rc;
}

/* The environment that steers package loading, as go would see it. */
static const char *const loading_env[] = {
	"GOOS", "GOARCH", "GOARM", "GOAMD64", "GO386", "GOMIPS", "GOPPC64", "GOEXPERIMENT",
	"CGO_ENABLED", "GOFLAGS", "GO111MODULE", "GOPATH", "GOROOT", "GOWORK", "GOMODCACHE",
	"GOTOOLCHAIN",
};

static const char *env_value(const struct strvec *env, const char *name)
{
	size_t n = strlen(name);
	const char *v = getenv(name);

	for (size_t i = 0; i < env->nr; i++) {
		if (strncmp(env->v[i], name, n))
			continue;
		if (env->v[i][n] == '=')
			v = env->v[i] + n + 1;
		else if (!env->v[i][n])
			v = NULL;
	}
	return v;
}

/* What a path looks like now: "absent", "size mtime" for a file, or a
 * digest of the Go files of a folder (names, types, sizes, times): only
 * they decide what go list says of the package, so a binary written next
 * to them does not count. */
static char *path_state(const char *path)
{
	struct stat sb;
	struct strbuf sb_list = STRBUF_INIT;
	struct strvec names = STRVEC_INIT;
	char *digest;
	DIR *d;

	if (lstat(path, &sb) < 0)
		return xstrdup("absent");
	if (!S_ISDIR(sb.st_mode))
		return xasprintf("%o %lld %lld.%09ld", (unsigned)sb.st_mode, (long long)sb.st_size,
				 (long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec);
	d = opendir(path);
	if (!d)
		return xstrdup("unreadable");
	for (struct dirent *de; (de = readdir(d));) {
		size_t n = strlen(de->d_name);

		if (n > 3 && !strcmp(de->d_name + n - 3, ".go"))
			strvec_push(&names, de->d_name);
	}
	closedir(d);
	for (size_t i = 0; i < names.nr; i++) {
		char *p = xasprintf("%s/%s", path, names.v[i]);
		struct stat es;

		if (!lstat(p, &es))
			strbuf_addf(&sb_list, "%s %o %lld %lld.%09ld\n", names.v[i], (unsigned)es.st_mode,
				    (long long)es.st_size, (long long)es.st_mtim.tv_sec, es.st_mtim.tv_nsec);
		free(p);
	}
	digest = store_hash16(sb_list.buf);
	strbuf_release(&sb_list);
	strvec_clear(&names);
	return digest;
}

static void watch(struct strvec *paths, const char *path)
{
	if (!strvec_contains(paths, path))
		strvec_push(paths, path);
}

/* The module files of the module holding dir, and of every folder above it:
 * where go looks for go.mod and go.work. */
static void watch_module_files(struct strvec *paths, const char *dir)
{
	char *d = xstrdup(dir);

	for (;;) {
		static const char *const files[] = { "go.mod", "go.sum", "go.work", "go.work.sum",
						     "vendor/modules.txt" };
		char *slash;

		for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
			char *p = xasprintf("%s/%s", strcmp(d, "/") ? d : "", files[i]);

			watch(paths, p);
			free(p);
		}
		slash = strrchr(d, '/');
		if (!slash || slash == d)
			break;
		*slash = 0;
	}
	free(d);
}

static char *cache_key(const struct golist_query *q, const char *where)
{
	struct strbuf key = STRBUF_INIT;
	char *real = realpath(q->go, NULL), *state;

	strbuf_addf(&key, "golist-cache/2 %s\ngo %s\n", FIELDS, real ? real : q->go);
	state = path_state(real ? real : q->go);
	strbuf_addf(&key, "go-state %s\ncwd %s\n", state, where);
	free(state);
	free(real);
	for (size_t i = 0; i < ARRAY_SIZE(loading_env); i++) {
		const char *v = env_value(q->env, loading_env[i]);

		strbuf_addf(&key, "env %s%s%s\n", loading_env[i], v ? "=" : "", v ? v : "");
	}
	for (size_t i = 0; i < q->flags->nr; i++)
		strbuf_addf(&key, "flag %s\n", q->flags->v[i]);
	strbuf_addf(&key, "tags %s\n", q->tags);
	for (size_t i = 0; i < q->pkgs->nr; i++)
		strbuf_addf(&key, "pkg %s\n", q->pkgs->v[i]);
	return strbuf_detach(&key);
}

static char *module_cache(const struct strvec *env)
{
	const char *mc = env_value(env, "GOMODCACHE"), *gp = env_value(env, "GOPATH");
	const char *home = getenv("HOME");

	if (mc && *mc)
		return xstrdup(mc);
	if (gp && *gp)
		return xasprintf("%.*s/pkg/mod", (int)strcspn(gp, ":"), gp);
	return home ? xasprintf("%s/go/pkg/mod", home) : NULL;
}

/* The key text and the cache file for a question. */
static void locate(const struct store *st, const struct golist_query *q, char **key, char **path,
		   char **where)
{
	char cwd[4096], *hash;

	*where = xstrdup(q->dir ? q->dir : getcwd(cwd, sizeof(cwd)) ? cwd : ".");
	*key = cache_key(q, *where);
	hash = store_hash16(*key);
	*path = store_path(st, "cache/golist-%s.json", hash);
	free(hash);
}

/* The CGO_ENABLED=0 view kept with an answer that needs one (text, or
 * NULL when none was kept). False when it is needed and missing. */
static bool read_nocgo(struct golist *l, const char *text)
{
	if (golist_any_cgo(l))
		return true;
	if (!text)
		return false;
	l->nocgo = xmalloc(sizeof(*l->nocgo));
	return !golist_parse(text, strlen(text), l->nocgo);
}

enum golist_state golist_lookup(const struct store *st, const struct golist_query *q,
				struct golist *l)
{
	char *key, *path, *where;
	struct strbuf text = STRBUF_INIT;
	enum golist_state state = GOLIST_NONE;
	json_t *j, *w;

	*l = (struct golist)GOLIST_INIT;
	locate(st, q, &key, &path, &where);
	if (!read_file(path, 64u << 20, &text) && (j = json_loadb(text.buf, text.len, 0, NULL))) {
		const char *k = json_string_value(json_object_get(j, "key"));
		const char *o = json_string_value(json_object_get(j, "output"));
		const char *o0 = json_string_value(json_object_get(j, "output_nocgo"));
		size_t i;

		if (k && o && !strcmp(k, key) && !golist_parse(o, strlen(o), l) && read_nocgo(l, o0)) {
			state = GOLIST_FRESH;
			json_array_foreach(json_object_get(j, "watch"), i, w) {
				const char *p = json_string_value(json_array_get(w, 0));
				const char *s = json_string_value(json_array_get(w, 1));
				char *now = p ? path_state(p) : NULL;

				if (!now || !s || strcmp(now, s))
					state = GOLIST_STALE;
				free(now);
				if (state == GOLIST_STALE)
					break;
			}
		} else {
			golist_release(l);
		}
		json_decref(j);
	}
	strbuf_release(&text);
	free(key);
	free(path);
	free(where);
	return state;
}

/* Runs go list and parses its answer; keeps the text in out. */
static int ask(const struct golist_query *q, const struct strvec *env, struct strbuf *out, struct golist *l)
{
	if (run_raw(q->go, q->dir, env, q->flags, q->tags, q->pkgs, out))
		return -1;
	if (golist_parse(out->buf, out->len, l))
		return gs_error("cannot read the output of 'go list'");
	return 0;
}

/* The package folders of l worth watching (not GOROOT's, not the module
 * cache's), with the module files around them. */
static void watch_packages(const struct golist *l, const char *modcache, struct strvec *paths)
{
	size_t n = modcache ? strlen(modcache) : 0;

	for (size_t i = 0; i < l->nr; i++) {
		const struct golist_pkg *p = &l->v[i];

		if (p->standard || !p->dir)
			continue;
		if (modcache && !strncmp(p->dir, modcache, n) && p->dir[n] == '/')
			continue;       /* the module cache is read-only and versioned */
		watch(paths, p->dir);
		watch_module_files(paths, p->dir);
	}
}

int golist_refresh(const struct store *st, const struct golist_query *q, struct golist *l)
{
	char *key, *path, *where, *modcache;
	struct strbuf out = STRBUF_INIT, out0 = STRBUF_INIT;
	struct strvec paths = STRVEC_INIT;
	json_t *j, *w;

	*l = (struct golist)GOLIST_INIT;
	if (ask(q, q->env, &out, l)) {
		strbuf_release(&out);
		golist_release(l);
		return -1;
	}
	if (!golist_any_cgo(l)) {
		struct strvec env0 = STRVEC_INIT;
		int rc;

		for (size_t i = 0; i < q->env->nr; i++)
			strvec_push(&env0, q->env->v[i]);
		strvec_push(&env0, "CGO_ENABLED=0");
		l->nocgo = xmalloc(sizeof(*l->nocgo));
		rc = ask(q, &env0, &out0, l->nocgo);
		strvec_clear(&env0);
		if (rc) {
			strbuf_release(&out);
			strbuf_release(&out0);
			golist_release(l);
			return -1;
		}
	}
	locate(st, q, &key, &path, &where);
	modcache = module_cache(q->env);
	watch_module_files(&paths, where);
	watch_packages(l, modcache, &paths);
	if (l->nocgo)
		watch_packages(l->nocgo, modcache, &paths);
	j = json_object();
	w = json_array();
	for (size_t i = 0; i < paths.nr; i++) {
		char *s = path_state(paths.v[i]);

		json_array_append_new(w, json_pack("[s, s]", paths.v[i], s));
		free(s);
	}
	json_object_set_new(j, "key", json_string(key));
	json_object_set_new(j, "watch", w);
	json_object_set_new(j, "output", json_stringn(out.buf, out.len));
	if (l->nocgo)
		json_object_set_new(j, "output_nocgo", json_stringn(out0.buf, out0.len));
	if (write_json_atomic(path, j, JSON_COMPACT))
		gs_warn("cannot keep the go list answer in '%s'", path);
	json_decref(j);
	free(modcache);
	free(key);
	free(path);
	free(where);
	strbuf_release(&out);
	strbuf_release(&out0);
	strvec_clear(&paths);
	return 0;
}
