/* pkgbuild.c - building recipes into store entries */
#include "pkgbuild.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arch.h"
#include "buildsys.h"
#include "cache.h"
#include "elffile.h"
#include "extract.h"
#include "fetch.h"
#include "fsutil.h"
#include "jobs.h"
#include "log.h"
#include "mapfile.h"
#include "pcfile.h"
#include "proc.h"
#include "verify.h"

/* One build: everything a step needs. */
struct build {
	const struct store *st;
	struct pkgset *set;
	size_t idx;
	struct pkg *p;
	const struct sysroot_def *def;
	struct sysroot sr;
	bool rebuild;
	bool check;               /* a rebuild to compare with the entry, not to publish */
	int jobs;
	char *tmp, *src, *deps, *destdir, *root, *log_path;
	char *prefix;             /* the entry's path as its files name it: SYSROOT_STORE_NAME/pkgs/<entry> */
	int log_fd;
	struct recipe_vars vars;
	const char *kind;         /* the source used: "upstream" or its [source KIND] */
	char jobs_s[16], *arch;
	char *ar, *ranlib, *strip;  /* the target's binutils */
	struct strvec env;        /* the environment of every step */
};

/* Expands value and appends its words to out. */
static int add_words(struct build *b, const struct ini_entry *e, struct strvec *out)
{
	struct strbuf exp = STRBUF_INIT;
	char msg[256];
	int rc = 0;

	if (ini_expand(e->value, b->vars.v, RV_NVARS, &exp, msg, sizeof(msg)))
		rc = gs_error("%s:%u: %s", b->p->r.origin, e->line, msg);
	else if (ini_split(exp.buf, out))
		rc = gs_error("%s:%u: unterminated quote", b->p->r.origin, e->line);
	strbuf_release(&exp);
	return rc;
}

static int add_template(struct build *b, const char *const *words, struct strvec *out)
{
	for (; *words; words++) {
		struct ini_entry e = { "", "", "", *words, 0 };
		struct strbuf exp = STRBUF_INIT;
		char msg[256];

		if (ini_expand(e.value, b->vars.v, RV_NVARS, &exp, msg, sizeof(msg)))
			die("built-in build template: %s", msg);
		strvec_push(out, exp.buf);
		strbuf_release(&exp);
	}
	return 0;
}

/* Appends the words of every value of section/arg/key. */
static int add_all(struct build *b, const char *section, const char *arg, const char *key,
		   struct strvec *out)
{
	for (const struct ini_entry *e = NULL; (e = recipe_next(&b->p->r, e, section, arg, key));)
		if (add_words(b, e, out))
			return -1;
	return 0;
}

/* The argument of the [build] section that gives key: "" for [build], or
 * the source's kind when [build KIND] replaces the key. */
static const char *bsec(const struct build *b, const char *key)
{
	if (b->kind && strcmp(b->kind, "upstream") && recipe_next(&b->p->r, NULL, "build", b->kind, key))
		return b->kind;
	return "";
}

static bool feature_on(const struct pkg *p, const char *name)
{
	return strvec_contains(&p->features, name);
}

/* The words of key in every feature's section: key-on for the features on,
 * key-off for the others. */
static int add_feature_words(struct build *b, const char *on_key, const char *off_key,
			     struct strvec *out)
{
	for (size_t i = 0; i < b->p->r.nfeatures; i++) {
		const char *name = b->p->r.features[i].name;

		if (add_all(b, "feature", name, feature_on(b->p, name) ? on_key : off_key, out))
			return -1;
	}
	return 0;
}

static int run(struct build *b, struct strvec *args, const char *dir, const char *what,
	       const struct strvec *extra_env)
{
	struct proc p = PROC_INIT;
	int rc;

	for (size_t i = 0; i < args->nr; i++)
		strvec_push(&p.args, args->v[i]);
	for (size_t i = 0; i < b->env.nr; i++)
		strvec_push(&p.env, b->env.v[i]);
	for (size_t i = 0; extra_env && i < extra_env->nr; i++)
		strvec_push(&p.env, extra_env->v[i]);
	p.dir = dir;
	rc = proc_run_step(&p, what, b->log_fd, b->log_path);
	proc_release(&p);
	return rc;
}

static void logf_(struct build *b, const char *fmt, ...) GS_PRINTF(2, 3);
static void logf_(struct build *b, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (b->log_fd >= 0 && write(b->log_fd, sb.buf, sb.len) < 0) {
		/* the log is a copy */
	}
	strbuf_release(&sb);
}

/* Symbolic links in dst to every file under src (folders are made), the
 * first link for a path winning. */
static int link_tree(const char *src, const char *dst, bool top)
{
	DIR *dh = opendir(src);
	int rc = 0;

	if (!dh)
		return -errno;
	if (mkdir(dst, 0755) < 0 && errno != EEXIST) {
		rc = -errno;
		closedir(dh);
		return rc;
	}
	for (struct dirent *de; !rc && (de = readdir(dh));) {
		char *from, *to;
		struct stat sb;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    (top && !strcmp(de->d_name, PKG_META_FILE)))
			continue;
		from = xasprintf("%s/%s", src, de->d_name);
		to = xasprintf("%s/%s", dst, de->d_name);
		if (lstat(from, &sb) < 0)
			rc = -errno;
		else if (S_ISDIR(sb.st_mode))
			rc = link_tree(from, to, false);
		else if (symlink(from, to) < 0 && errno != EEXIST)
			rc = -errno;
		free(from);
		free(to);
	}
	closedir(dh);
	return rc;
}

/* Every dependency, direct or not, once. */
static void closure(const struct pkgset *s, size_t idx, bool *seen)
{
	for (size_t k = 0; k < s->v[idx].ndeps; k++) {
		size_t d = s->v[idx].deps[k];

		if (!seen[d]) {
			seen[d] = true;
			closure(s, d, seen);
		}
	}
}

/* The binutils every build gets as NAME=PROGRAM (AR=aarch64-linux-gnu-ar),
 * so that no host tool touches a foreign target's objects. */
static const char *const binutils[] = { "ar", "ranlib", "strip", "nm", "objdump", "objcopy", "readelf", "ld" };

static void set_env(struct build *b)
{
	char *path = sysroot_path_env(b->sr.bin);

	strvec_pushl(&b->env, "LC_ALL=C", "SOURCE_DATE_EPOCH=" STORE_SOURCE_DATE_EPOCH, "CXX", "CXXFLAGS",
		     "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "GOSTATIC_SYSROOT", "PKG_CONFIG_PATH", "PKG_CONFIG_LIBDIR",
		     "PKG_CONFIG_SYSROOT_DIR", "DESTDIR", "CONFIG_SITE", "GOSTATIC_STORE_NAMES",
		     "GOSTATIC_PREFIX_MAP", NULL);
	/* the wrappers by name, so that no build records the store's path */
	strvec_push(&b->env, path);
	free(path);
	strvec_pushf(&b->env, "CC=%s", b->sr.cc_name);
	for (size_t i = 0; i < ARRAY_SIZE(binutils); i++) {
		char *upper = xstrdup(binutils[i]), *tool = sysroot_tool(b->def, binutils[i]);

		for (char *c = upper; *c; c++)
			*c = (char)(*c - 'a' + 'A');
		strvec_pushf(&b->env, "%s=%s", upper, tool);
		free(upper);
		free(tool);
	}
	strvec_push(&b->env, "CFLAGS=" BUILDSYS_CFLAGS);
	strvec_pushf(&b->env, "PKG_CONFIG=%s", b->sr.pkg_config_name);
	if (b->p->ndeps) {
		strvec_pushf(&b->env, "CPPFLAGS=-I%s/include", b->deps);
		strvec_pushf(&b->env, "LDFLAGS=-L%s/lib", b->deps);
		strvec_pushf(&b->env, "GOSTATIC_PKG_CONFIG_LIBDIR=%s/lib/pkgconfig", b->deps);
	} else {
		strvec_pushl(&b->env, "CPPFLAGS", "LDFLAGS", "GOSTATIC_PKG_CONFIG_LIBDIR=", NULL);
	}
}

/* meson's name for an architecture's CPU family. */
static const char *meson_cpu_family(const char *arch)
{
	static const char *const map[][2] = {
		{ "i386", "x86" }, { "i486", "x86" }, { "i586", "x86" }, { "i686", "x86" },
		{ "powerpc64le", "ppc64" }, { "powerpc64", "ppc64" }, { "powerpc", "ppc" },
		{ "armv7", "arm" }, { "armhf", "arm" }, { "mipsel", "mips" }, { "mips64el", "mips64" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (!strcmp(map[i][0], arch))
			return map[i][1];
	return arch;
}

/* A meson cross file for a foreign target: the sysroot's compiler and
 * pkg-config, the target's binutils and the host machine. No exe wrapper:
 * the sysroot's compiler links dynamically by default, and a dynamic
 * foreign program cannot start under qemu without its loader, so meson
 * treats configure-time test programs as not runnable, as any cross build.
 * Returns its path (caller frees) or NULL after printing why. */
static char *meson_cross_file(struct build *b)
{
	struct strbuf sb = STRBUF_INIT;
	uint16_t machine;
	unsigned bits;
	bool be = false;
	char *path = xasprintf("%s/gostatic-cross.ini", b->tmp);
	int rc;

	arch_elf(b->def->goarch, &machine, &bits, &be);
	strbuf_addf(&sb, "# written by gostatic for %s\n[binaries]\nc = '%s'\nar = '%s'\nstrip = '%s'\n"
		    "pkg-config = '%s'\n\n[properties]\nneeds_exe_wrapper = true\n\n"
		    "[host_machine]\nsystem = 'linux'\ncpu_family = '%s'\ncpu = '%s'\nendian = '%s'\n",
		    b->def->target, b->sr.cc_name, b->ar, b->strip, b->sr.pkg_config_name, meson_cpu_family(b->arch),
		    b->arch, be ? "big" : "little");
	rc = write_file_atomic(path, sb.buf, sb.len, 0644);
	if (rc) {
		gs_error_errno(-rc, "cannot write '%s'", path);
		free(path);
		path = NULL;
	}
	strbuf_release(&sb);
	return path;
}

/* Applies the patches of the source used, in order, with patch -p1. */
static int apply_patches(struct build *b, size_t which)
{
	const struct recipe_source *src = &b->p->r.sources[which];
	char *dir = xasprintf("%s/patches", b->tmp);
	int rc = 0;

	if (src->patches.nr && mkdir(dir, 0755) < 0)
		rc = gs_error_errno(errno, "cannot create '%s'", dir);
	for (size_t k = 0; !rc && k < src->patches.nr; k++) {
		const char *text = recipe_patch_text(&b->p->r, which, k);
		char *path = xasprintf("%s/%s", dir, src->patches.v[k]), *what;
		struct strvec args = STRVEC_INIT;

		if ((rc = write_file_atomic(path, text, strlen(text), 0644))) {
			gs_error_errno(-rc, "cannot write '%s'", path);
		} else {
			strvec_pushl(&args, "patch", "-p1", "-N", "-s", "-i", path, NULL);
			what = xasprintf("applying %s to %s %s (%s)", src->patches.v[k], b->p->r.name, b->p->r.version,
					 b->p->r.origin);
			rc = run(b, &args, b->src, what, NULL);
			free(what);
		}
		strvec_clear(&args);
		free(path);
	}
	free(dir);
	return rc ? -1 : 0;
}

static int steps(struct build *b)
{
	const struct recipe *r = &b->p->r;
	const struct buildsys *bs = r->system;
	const char *ga = b->def->goarch;
	struct strvec args = STRVEC_INIT, env = STRVEC_INIT, inst = STRVEC_INIT;
	char *what = NULL;
	const struct ini_entry *script = ini_get(&r->ini, "build", bsec(b, "script"), "script");
	int rc = -1;

	if (add_all(b, "build", bsec(b, "env"), "env", &env) || add_all(b, "target", ga, "env", &env) ||
	    add_feature_words(b, "env-on", "env-off", &env))
		goto out;
	for (size_t i = 0; i < env.nr; i++)
		strvec_push(&b->env, env.v[i]);

	/* configure: the script (for a system that runs one), the system's
	 * words, a cross file, then the recipe's */
	if (bs->script) {
		if (script) {
			if (add_words(b, script, &args))
				goto out;
		} else {
			strvec_push(&args, "./configure");
		}
	}
	if (bs->configure)
		add_template(b, bs->configure, &args);
	if (bs->cross_file && !sysroot_is_native(b->def)) {
		char *cross = meson_cross_file(b);

		if (!cross)
			goto out;
		strvec_pushf(&args, "--cross-file=%s", cross);
		free(cross);
	}
	if (bs->configure_step) {
		if (add_all(b, "build", bsec(b, "configure"), "configure", &args) || add_all(b, "target", ga, "configure", &args) ||
		    add_feature_words(b, "configure-on", "configure-off", &args))
			goto out;
		what = xasprintf("configuring %s %s", r->name, r->version);
		if (run(b, &args, b->src, what, NULL))
			goto out;
		strvec_clear(&args);
	}

	/* build */
	if (recipe_next(r, NULL, "build", bsec(b, "build"), "build")) {
		for (const struct ini_entry *e = NULL; (e = recipe_next(r, e, "build", bsec(b, "build"), "build"));) {
			if (add_words(b, e, &args))
				goto out;
			free(what);
			what = xasprintf("building %s %s (%s:%u)", r->name, r->version, r->origin, e->line);
			if (run(b, &args, b->src, what, NULL))
				goto out;
			strvec_clear(&args);
		}
	} else {
		add_template(b, bs->build, &args);     /* the recipe parser saw to it that there is one */
		free(what);
		what = xasprintf("building %s %s", r->name, r->version);
		if (run(b, &args, b->src, what, NULL))
			goto out;
		strvec_clear(&args);
	}

	/* install, under DESTDIR */
	strvec_pushf(&inst, "DESTDIR=%s", b->destdir);
	if (recipe_next(r, NULL, "build", bsec(b, "install"), "install")) {
		for (const struct ini_entry *e = NULL; (e = recipe_next(r, e, "build", bsec(b, "install"), "install"));) {
			if (add_words(b, e, &args))
				goto out;
			free(what);
			what = xasprintf("installing %s %s (%s:%u)", r->name, r->version, r->origin, e->line);
			if (run(b, &args, b->src, what, &inst))
				goto out;
			strvec_clear(&args);
		}
	} else {
		add_template(b, bs->install, &args);
		free(what);
		what = xasprintf("installing %s %s", r->name, r->version);
		if (run(b, &args, b->src, what, &inst))
			goto out;
	}
	rc = 0;
out:
	free(what);
	strvec_clear(&args);
	strvec_clear(&env);
	strvec_clear(&inst);
	return rc;
}

struct prune_ctx {
	struct build *b;
	struct strvec patterns;
	size_t removed;
};

static bool shared_object(const char *name)
{
	const char *so = strstr(name, ".so");

	for (; so; so = strstr(so + 1, ".so"))
		if (so[3] == '\0' || so[3] == '.')
			return so > name;
	return false;
}

static int prune_cb(const char *path, const char *rel, const struct stat *sb, void *ctx)
{
	struct prune_ctx *c = ctx;
	const char *name = path_base(rel);
	bool drop = false;

	if (!S_ISDIR(sb->st_mode) && (starts_with(rel, "lib/") || starts_with(rel, "lib64/")) &&
	    (shared_object(name) || (strlen(name) > 3 && !strcmp(name + strlen(name) - 3, ".la"))))
		drop = true;
	if (!strcmp(rel, "share/man") || !strcmp(rel, "share/doc") || !strcmp(rel, "share/info"))
		drop = true;
	for (size_t i = 0; !drop && i < c->patterns.nr; i++)
		if (!fnmatch(c->patterns.v[i], rel, FNM_PATHNAME))
			drop = true;
	if (drop) {
		int rc = rm_rf(path);

		logf_(c->b, "gostatic: removed %s\n", rel);
		c->removed++;
		return rc ? rc : FS_WALK_PRUNE;
	}
	return 0;
}

/* Moves the .pc files of share/pkgconfig into lib/pkgconfig and makes every one
 * relocatable. */
static int fix_pc_files(struct build *b)
{
	char *libpc = xasprintf("%s/lib/pkgconfig", b->root), *sharepc = xasprintf("%s/share/pkgconfig", b->root);
	DIR *dh;
	int rc = 0;

	if ((dh = opendir(sharepc))) {
		mkdir_p(libpc, 0755);
		for (struct dirent *de; !rc && (de = readdir(dh));) {
			char *from, *to;

			if (de->d_name[0] == '.')
				continue;
			from = xasprintf("%s/%s", sharepc, de->d_name);
			to = xasprintf("%s/%s", libpc, de->d_name);
			if (rename(from, to) < 0)
				rc = gs_error_errno(errno, "cannot move '%s' into lib/pkgconfig", from);
			free(from);
			free(to);
		}
		closedir(dh);
		rmdir(sharepc);
	}
	if (!rc && (dh = opendir(libpc))) {
		for (struct dirent *de; !rc && (de = readdir(dh));) {
			size_t l = strlen(de->d_name);
			struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
			char *path;

			if (l < 4 || strcmp(de->d_name + l - 3, ".pc"))
				continue;
			path = xasprintf("%s/%s", libpc, de->d_name);
			if ((rc = read_file(path, 1 << 20, &text)) < 0) {
				gs_error_errno(-rc, "cannot read '%s'", path);
			} else {
				pcfile_relocate(text.buf, b->prefix, b->tmp, &out);
				if ((rc = write_file_atomic(path, out.buf, out.len, 0644)))
					gs_error_errno(-rc, "cannot write '%s'", path);
				logf_(b, "gostatic: %s made relocatable\n", de->d_name);
			}
			free(path);
			strbuf_release(&text);
			strbuf_release(&out);
		}
		closedir(dh);
	}
	free(libpc);
	free(sharepc);
	return rc ? -1 : 0;
}

static int licenses(struct build *b)
{
	const struct recipe *r = &b->p->r;
	char *dir = xasprintf("%s/share/licenses/%s", b->root, r->name);
	int rc = mkdir_p(dir, 0755);

	for (size_t i = 0; !rc && i < r->license_files.nr; i++) {
		const char *f = r->license_files.v[i], *base = path_base(f);
		char *from = xasprintf("%s/%s", b->src, f), *to = xasprintf("%s/%s", dir, base);

		if (!path_exists(from))
			rc = gs_error("%s: the license file '%s' is not in the source of %s %s", r->origin, f, r->name,
				      r->version);
		else if (unlink(to), (rc = copy_file(from, to, 0644)))   /* of two of one name, the last */
			gs_error_errno(-rc, "cannot copy the license file '%s'", from);
		free(from);
		free(to);
	}
	free(dir);
	return rc ? -1 : 0;
}

static int expect_files(struct build *b)
{
	const struct recipe *r = &b->p->r;
	struct strvec want = STRVEC_INIT, missing = STRVEC_INIT;
	int rc = 0;

	for (size_t i = 0; i < r->lib_names.nr; i++)
		strvec_pushf(&want, "lib/lib%s.a", r->lib_names.v[i]);
	for (size_t i = 0; i < r->pc_names.nr; i++)
		strvec_pushf(&want, "lib/pkgconfig/%s.pc", r->pc_names.v[i]);
	for (size_t i = 0; i < r->files.nr; i++)
		strvec_push(&want, r->files.v[i]);
	for (size_t i = 0; i < want.nr; i++) {
		char *path = xasprintf("%s/%s", b->root, want.v[i]);

		if (!path_exists(path))
			strvec_push(&missing, want.v[i]);
		free(path);
	}
	if (missing.nr) {
		struct strbuf list = STRBUF_INIT;

		for (size_t i = 0; i < missing.nr; i++)
			strbuf_addf(&list, "%s%s", i ? ", " : "", missing.v[i]);
		rc = gs_error("%s %s installed no %s, which %s promises ([provides]); the log is %s", r->name,
			      r->version, list.buf, r->origin, b->log_path);
		strbuf_release(&list);
	}
	strvec_clear(&want);
	strvec_clear(&missing);
	return rc;
}

/* Splits pkg-config's answer into words. */
static void split_blanks(const char *s, struct strvec *out)
{
	while (*s) {
		size_t sp = strspn(s, " \t\n"), n;

		s += sp;
		n = strcspn(s, " \t\n");
		if (n)
			strvec_pushn(out, s, n);
		s += n;
	}
}

static int check(struct build *b, char **summary)
{
	const struct recipe *r = &b->p->r;
	char *dir = xasprintf("%s/check", b->tmp), *c_path = xasprintf("%s/check.c", dir);
	char *exe = xasprintf("%s/check", dir), *what = NULL;
	struct strbuf code = STRBUF_INIT;
	struct strvec args = STRVEC_INIT, names = STRVEC_INIT, libs = STRVEC_INIT, words = STRVEC_INIT;
	struct proc p = PROC_INIT;
	unsigned bits = 0;
	uint16_t machine = arch_host_machine(&bits);
	const char *host = elf_machine_goarch(machine, bits, false);
	char *emu = NULL;
	int rc = -1;

	*summary = NULL;
	for (const struct ini_entry *e = NULL; (e = recipe_next(r, e, "check", "", "code"));)
		strbuf_addf(&code, "%s\n", e->value);
	if (mkdir(dir, 0755) < 0 || write_file_atomic(c_path, code.buf, code.len, 0644)) {
		gs_error_errno(errno, "cannot write '%s'", c_path);
		goto out;
	}
	for (const struct ini_entry *e = NULL; (e = recipe_next(r, e, "check", "", "pkgconfig"));)
		ini_split(e->value, &names);
	for (const struct ini_entry *e = NULL; (e = recipe_next(r, e, "check", "", "lib"));)
		ini_split(e->value, &libs);
	if (!names.nr && !libs.nr) {
		for (size_t i = 0; i < r->pc_names.nr && !names.nr; i++)
			strvec_push(&names, r->pc_names.v[i]);
		for (size_t i = 0; i < r->lib_names.nr && !names.nr; i++)
			strvec_push(&libs, r->lib_names.v[i]);
	}
	strvec_pushl(&args, b->sr.cc, "-static", "-O1", "-o", exe, c_path, NULL);
	if (names.nr) {
		strvec_pushl(&p.args, b->sr.pkg_config, "--cflags", "--libs", NULL);
		for (size_t i = 0; i < names.nr; i++)
			strvec_push(&p.args, names.v[i]);
		strvec_pushf(&p.env, "GOSTATIC_PKG_CONFIG_LIBDIR=%s/lib/pkgconfig:%s/lib/pkgconfig", b->root, b->deps);
		p.split = true;
		rc = proc_run(&p);
		if (rc) {
			gs_error("the check of %s %s: pkg-config %s failed: %s", r->name, r->version, names.v[0],
				 p.err.len ? p.err.buf : "no output");
			rc = -1;
			goto out;
		}
		split_blanks(p.out.buf, &args);
		proc_release(&p);
		rc = -1;
	}
	/* as gostatic build does: every entry's include/ and lib/ are searched */
	strvec_pushf(&args, "-I%s/include", b->root);
	strvec_pushf(&args, "-I%s/include", b->deps);
	strvec_pushf(&args, "-L%s/lib", b->root);
	strvec_pushf(&args, "-L%s/lib", b->deps);
	for (size_t i = 0; i < libs.nr; i++)
		strvec_pushf(&args, "-l%s", libs.v[i]);
	what = xasprintf("compiling the check of %s %s", r->name, r->version);
	logf_(b, "gostatic: the check program:\n%s", code.buf);
	if (run(b, &args, dir, what, NULL))
		goto out;
	{
		struct mapped_file mf;
		struct report rep;
		int e = map_file(exe, &mf);

		if (e) {
			gs_error_errno(-e, "cannot read the check program '%s'", exe);
			goto out;
		}
		report_init(&rep, "check");
		verify_buffer(mf.buf, mf.len, &rep);
		verify_judge(&rep, &(struct verify_opts){ .expect_arch = b->def->goarch });
		if (!rep.pass) {
			gs_error("the check program of %s %s, linked with -static, is %s, not static: the library "
				 "pulls in something dynamic (the log is %s)", r->name, r->version,
				 verdict_name(rep.verdict), b->log_path);
			report_release(&rep);
			unmap_file(&mf);
			goto out;
		}
		report_release(&rep);
		unmap_file(&mf);
	}
	if (!sysroot_is_native(b->def)) {
		/* a check for another architecture runs under its qemu emulator */
		char *why = NULL;

		emu = sysroot_emulator(b->def, &why);
		if (!emu) {
			*summary = xasprintf("check compiled and linked static; not run (the target is %s, this host %s: %s)",
					     b->def->goarch, host ? host : "unknown", why);
			logf_(b, "gostatic: %s\n", *summary);
			free(why);
			rc = 0;
			goto out;
		}
		strvec_push(&p.args, emu);
	}
	strvec_push(&p.args, exe);
	p.dir = dir;
	p.timeout = 60;
	p.keep = 65536;
	p.log_fd = b->log_fd;
	logf_(b, "$ %s\n", exe);
	rc = proc_run(&p);
	if (rc) {
		char *st = rc < 0 ? xasprintf("cannot run it: %s", strerror(-rc)) : proc_status_str("check", rc);

		gs_error("the check of %s %s failed: %s\n%s(the log is %s)", r->name, r->version, st, p.out.buf,
			 b->log_path);
		free(st);
		rc = -1;
		goto out;
	}
	for (const struct ini_entry *e = NULL; (e = recipe_next(r, e, "check", "", "expect"));)
		add_words(b, e, &words);
	for (size_t i = 0; i < b->p->features.nr; i++)
		add_all(b, "feature", b->p->features.v[i], "check-on", &words);
	for (size_t i = 0; i < words.nr; i++)
		if (!recipe_output_has(p.out.buf, words.v[i])) {
			gs_error("the check of %s %s failed: its output lacks '%s':\n%s(the log is %s)", r->name,
				 r->version, words.v[i], p.out.buf, b->log_path);
			rc = -1;
			goto out;
		}
	{
		size_t n = p.out.len;

		while (n && (p.out.buf[n - 1] == '\n' || p.out.buf[n - 1] == ' '))
			n--;
		*summary = xasprintf("%.*s", (int)(n > 2000 ? 2000 : n), p.out.buf);
	}
	rc = 0;
out:
	proc_release(&p);
	strbuf_release(&code);
	strvec_clear(&args);
	strvec_clear(&names);
	strvec_clear(&libs);
	strvec_clear(&words);
	free(dir);
	free(c_path);
	free(exe);
	free(what);
	free(emu);
	return rc;
}

/* The entry's record: what it is and what made it, nothing of this
 * machine or of when (build times go to logs/, see store_note_build()). */
static int write_meta(struct build *b, size_t which, const char *check_out)
{
	const struct pkg *p = b->p;
	const struct recipe_source *src = &p->r.sources[which];
	json_t *o = json_object(), *a;
	char *path = xasprintf("%s/%s", b->root, PKG_META_FILE), *rhash = NULL;
	char hex[SHA256_HEX_LEN + 1];
	bool builtin = starts_with(p->r.origin, "built-in ");
	int rc;

	sha256_hex(p->r.text, strlen(p->r.text), hex);
	rhash = xstrdup(hex);
	json_object_set_new(o, "schema", json_string("gostatic.pkg/1"));
	json_object_set_new(o, "name", json_string(p->r.name));
	json_object_set_new(o, "version", json_string(p->r.version));
	json_object_set_new(o, "entry", json_string(p->entry));
	json_object_set_new(o, "license", json_string(p->r.license));
	a = json_array();
	for (size_t i = 0; i < p->r.license_files.nr; i++) {
		const char *f = p->r.license_files.v[i], *base = path_base(f);
		char *rel = xasprintf("share/licenses/%s/%s", p->r.name, base);

		json_array_append_new(a, json_string(rel));
		free(rel);
	}
	json_object_set_new(o, "license_files", a);
	json_object_set_new(o, "source", json_pack("{s:s, s:s, s:s}", "file", src->src.file, "sha256",
						   src->src.sha256, "kind", src->kind));
	a = json_array();
	for (size_t i = 0; i < p->features.nr; i++)
		json_array_append_new(a, json_string(p->features.v[i]));
	json_object_set_new(o, "features", a);
	a = json_array();
	for (size_t i = 0; i < p->ndeps; i++)
		json_array_append_new(a, json_string(b->set->v[p->deps[i]].entry));
	json_object_set_new(o, "depends", a);
	a = json_object();
	{
		json_t *pc = json_array(), *lib = json_array();

		for (size_t i = 0; i < p->r.pc_names.nr; i++)
			json_array_append_new(pc, json_string(p->r.pc_names.v[i]));
		for (size_t i = 0; i < p->r.lib_names.nr; i++)
			json_array_append_new(lib, json_string(p->r.lib_names.v[i]));
		json_object_set_new(a, "pkgconfig", pc);
		json_object_set_new(a, "lib", lib);
	}
	json_object_set_new(o, "provides", a);
	json_object_set_new(o, "sysroot", json_string(b->sr.name));
	json_object_set_new(o, "target", json_string(b->def->target));
	json_object_set_new(o, "recipe", json_string(builtin ? p->r.origin + strlen("built-in ")
						       : path_base(p->r.origin)));
	json_object_set_new(o, "recipe_builtin", json_boolean(builtin));
	json_object_set_new(o, "recipe_sha256", json_string(rhash));
	json_object_set_new(o, "check", check_out ? json_string(check_out) : json_null());
	rc = write_json_atomic(path, o, JSON_INDENT(2));
	json_decref(o);
	if (rc)
		gs_error_errno(-rc, "cannot write '%s'", path);
	free(path);
	free(rhash);
	return rc;
}

/* Fetch, extract, configure, build, install, tidy, check: the entry in
 * b->root, ready to publish. */
static int build_entry(struct build *b, double *seconds)
{
	struct pkg *p = b->p;
	const struct source *alts[2];
	char *source = NULL, *why = NULL, *check_out = NULL, *staged = NULL;
	struct prune_ctx pc = { b, STRVEC_INIT, 0 };
	bool *seen = xcalloc(b->set->nr, sizeof(*seen));
	double t0 = now_seconds(), started = wall_now();
	size_t which = 0;
	int rc = -1;

	for (size_t i = 0; i < p->r.nsources; i++)
		alts[i] = &p->r.sources[i].src;
	if (fetch_source_any(b->st, alts, p->r.nsources, &source, &which))
		goto out;
	if (mkdir(b->src, 0755) < 0) {
		gs_error_errno(errno, "cannot create '%s'", b->src);
		goto out;
	}
	b->kind = p->r.sources[which].kind;
	if (extract_archive(source, b->src, p->r.sources[which].strip, &why)) {
		gs_error("%s", why);
		goto out;
	}
	closure(b->set, b->idx, seen);
	if (mkdir(b->deps, 0755) < 0) {
		gs_error_errno(errno, "cannot create '%s'", b->deps);
		goto out;
	}
	for (size_t i = 0; i < b->set->nr; i++)
		if (seen[i] && (rc = link_tree(b->set->v[i].dir, b->deps, true))) {
			gs_error_errno(-rc, "cannot link the files of %s into '%s'", b->set->v[i].entry, b->deps);
			rc = -1;
			goto out;
		}
	rc = -1;
	b->log_fd = open(b->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (b->log_fd < 0) {
		gs_error_errno(errno, "cannot write the build log '%s'", b->log_path);
		goto out;
	}
	logf_(b, "gostatic: %s %s from %s (%s, sha256 %s), features:", p->r.name, p->r.version,
	      p->r.sources[which].src.file, p->r.sources[which].kind, p->r.sources[which].src.sha256);
	for (size_t i = 0; i < p->features.nr; i++)
		logf_(b, " %s", p->features.v[i]);
	logf_(b, "\ngostatic: entry %s\n", p->entry);
	gs_info("%s %s: %s (log: %s)", p->r.name, p->r.version,
		b->check ? "building again to compare" : "building", b->log_path);
	set_env(b);
	if (apply_patches(b, which) || steps(b))
		goto out;
	if (path_exists(b->prefix)) {
		gs_error("%s %s installed straight into '%s': its install steps must honour DESTDIR (%s)", p->r.name,
			 p->r.version, b->prefix, p->r.origin);
		rm_rf(b->prefix);
		/* and the folders above it, when nothing else is in them */
		if (!rmdir(SYSROOT_STORE_NAME "/pkgs"))
			rmdir(SYSROOT_STORE_NAME);
		goto out;
	}
	staged = xasprintf("%s%s", b->destdir, b->prefix);
	if (!path_exists(staged)) {
		gs_error("%s %s installed nothing under DESTDIR (%s): its install steps must honour DESTDIR=${destdir} "
			 "(%s; the log is %s)", p->r.name, p->r.version, staged, p->r.origin, b->log_path);
		goto out;
	}
	if (rename(staged, b->root) < 0) {
		gs_error_errno(errno, "cannot move '%s'", staged);
		goto out;
	}
	for (const struct ini_entry *e = NULL; (e = recipe_next(&p->r, e, "build", bsec(b, "remove"), "remove"));)
		ini_split(e->value, &pc.patterns);
	if ((rc = fs_walk(b->root, prune_cb, &pc))) {
		gs_error_errno(-rc, "cannot tidy '%s'", b->root);
		rc = -1;
		goto out;
	}
	rc = -1;
	if (fix_pc_files(b) || licenses(b) || expect_files(b))
		goto out;
	if (fs_normalize_tree(b->root, &why)) {
		gs_error("%s", why);
		goto out;
	}
	if (p->r.has_check) {
		gs_info("%s %s: checking", p->r.name, p->r.version);
		if (check(b, &check_out))
			goto out;
	}
	*seconds = now_seconds() - t0;
	rc = write_meta(b, which, check_out);
	if (!rc && !b->check)
		store_note_build(b->st, "pkg", p->entry, started, *seconds);
out:
	strvec_clear(&pc.patterns);
	free(seen);
	free(source);
	free(why);
	free(check_out);
	free(staged);
	return rc;
}

struct build_job {
	const struct store *st;
	struct pkgset *set;
	size_t idx;
	const struct sysroot_def *def;
	bool rebuild;
	bool check;
};

/* Compares the rebuilt b->root with the store's entry and keeps the verdict
 * in logs/pkg-<entry>-check.json for pkgset_check(): {"identical": bool,
 * "differences": [...]}. Returns 0 when it could compare, else -1. */
static int compare_entry(struct build *b)
{
	struct strvec old = STRVEC_INIT, now = STRVEC_INIT, diffs = STRVEC_INIT;
	char *path = store_path(b->st, "logs/pkg-%s-check.json", b->p->entry);
	json_t *o, *a;
	int rc = fs_tree_list(b->p->dir, &old);

	if (!rc)
		rc = fs_tree_list(b->root, &now);
	if (rc) {
		gs_error_errno(-rc, "cannot compare the rebuild of %s with the store's", b->p->entry);
		goto out;
	}
	/* where a pulled entry came from is not part of it */
	for (size_t i = 0; i < old.nr; i++)
		if (starts_with(old.v[i], CACHE_PULLED_FILE "\t")) {
			free((char *)old.v[i]);
			memmove(&old.v[i], &old.v[i + 1], (old.nr - i - 1) * sizeof(*old.v));
			old.nr--;
			break;
		}
	fs_tree_diff(&old, &now, "the store's entry", "the rebuild", &diffs);
	a = json_array();
	for (size_t i = 0; i < diffs.nr; i++) {
		json_array_append_new(a, json_string(diffs.v[i]));
		logf_(b, "gostatic: differs: %s\n", diffs.v[i]);
	}
	o = json_pack("{s:s, s:b, s:i, s:o}", "entry", b->p->entry, "identical", !diffs.nr, "files", (int)old.nr,
		      "differences", a);
	rc = write_json_atomic(path, o, JSON_INDENT(2));
	json_decref(o);
	if (rc)
		gs_error_errno(-rc, "cannot write '%s'", path);
out:
	strvec_clear(&old);
	strvec_clear(&now);
	strvec_clear(&diffs);
	free(path);
	return rc ? -1 : 0;
}

/* The full path of the target's binutils program (cmake wants one), or
 * its name when it is not on PATH (the step that needs it says so). */
static char *tool_path(const struct sysroot_def *def, const char *tool)
{
	char *name = sysroot_tool(def, tool), *path = find_in_path(name);

	if (!path)
		return name;
	free(name);
	return path;
}

static int build_one(void *ctx)
{
	struct build_job *j = ctx;
	struct build b = { 0 };
	struct store_lock lk = STORE_LOCK_INIT;
	char *pkgs = store_path(j->st, "pkgs"), *meta = NULL, *lockname = NULL;
	const char *dash;
	double seconds = 0;
	int rc = -1;

	b.st = j->st;
	b.set = j->set;
	b.idx = j->idx;
	b.p = &j->set->v[j->idx];
	b.def = j->def;
	b.rebuild = j->rebuild;
	b.check = j->check;
	b.log_fd = -1;
	b.env = (struct strvec)STRVEC_INIT;
	meta = xasprintf("%s/%s", b.p->dir, PKG_META_FILE);
	lockname = xasprintf("pkg-%s", b.p->entry);
	if (mkdir_p(pkgs, 0755)) {
		gs_error_errno(errno, "cannot create '%s'", pkgs);
		goto out;
	}
	if (store_lock(j->st, lockname, &lk))
		goto out;
	if (b.check && !path_exists(meta)) {
		gs_error("%s is not in the store: there is nothing to compare its rebuild with", b.p->entry);
		goto out;
	}
	if (!b.check && !b.rebuild && path_exists(meta)) {          /* another process built it */
		rc = 0;
		goto out;
	}
	if (!b.check && !b.rebuild && path_exists(b.p->dir))        /* an entry without its metadata: not trusted */
		rm_rf(b.p->dir);
	if (sysroot_lookup(j->st, j->def, &b.sr)) {
		gs_error("the %s sysroot is missing from the store", j->def->target);
		goto out;
	}
	if (store_clean_stale(pkgs, b.p->entry))
		gs_info("removed what an interrupted run left of %s", b.p->entry);
	b.tmp = store_mkbuild(pkgs, b.p->entry);
	if (!b.tmp) {
		gs_error_errno(errno, "cannot create a temporary folder in '%s'", pkgs);
		goto out;
	}
	b.src = xasprintf("%s/src", b.tmp);
	b.deps = xasprintf("%s/deps", b.tmp);
	b.destdir = xasprintf("%s/dest", b.tmp);
	b.root = xasprintf("%s/root", b.tmp);
	b.log_path = store_path(j->st, b.check ? "logs/pkg-%s-check.log" : "logs/pkg-%s.log", b.p->entry);
	b.jobs = jobs_cpus();
	snprintf(b.jobs_s, sizeof(b.jobs_s), "%d", b.jobs);
	dash = strchr(j->def->target, '-');
	b.arch = dash ? xstrndup(j->def->target, (size_t)(dash - j->def->target)) : xstrdup(j->def->target);
	recipe_vars_init(&b.vars, &b.p->r);
	b.prefix = xasprintf(SYSROOT_STORE_NAME "/pkgs/%s", b.p->entry);
	b.vars.v[RV_PREFIX].value = b.prefix;
	b.vars.v[RV_DESTDIR].value = b.destdir;
	b.vars.v[RV_DEPS].value = b.deps;
	b.vars.v[RV_SRCDIR].value = b.src;
	b.vars.v[RV_SYSROOT].value = b.sr.dir;
	b.vars.v[RV_JOBS].value = b.jobs_s;
	b.vars.v[RV_CC].value = b.sr.cc_name;
	b.ar = tool_path(j->def, "ar");
	b.ranlib = tool_path(j->def, "ranlib");
	b.strip = tool_path(j->def, "strip");
	b.vars.v[RV_AR].value = b.ar;
	b.vars.v[RV_RANLIB].value = b.ranlib;
	b.vars.v[RV_STRIP].value = b.strip;
	b.vars.v[RV_TARGET].value = j->def->target;
	b.vars.v[RV_ARCH].value = b.arch;
	b.vars.v[RV_GOARCH].value = j->def->goarch;
	if (build_entry(&b, &seconds))
		goto out;
	if (b.check) {
		rc = compare_entry(&b);
		goto out;
	}
	if (b.rebuild && path_exists(b.p->dir)) {
		char *old = xasprintf("%s/old", b.tmp);

		if (rename(b.p->dir, old) < 0) {
			gs_error_errno(errno, "cannot replace '%s'", b.p->dir);
			free(old);
			goto out;
		}
		free(old);
	}
	rc = store_publish(b.root, b.p->dir);
	if (rc) {
		gs_error_errno(-rc, "cannot publish '%s'", b.p->dir);
		rc = -1;
		goto out;
	}
	gs_info("%s %s: ready in %.1f s", b.p->r.name, b.p->r.version, seconds);
out:
	if (b.log_fd >= 0)
		close(b.log_fd);
	if (b.tmp)
		rm_rf(b.tmp);
	store_unlock(&lk);
	sysroot_release(&b.sr);
	strvec_clear(&b.env);
	free(b.tmp);
	free(b.src);
	free(b.deps);
	free(b.destdir);
	free(b.root);
	free(b.prefix);
	free(b.log_path);
	free(b.arch);
	free(b.ar);
	free(b.ranlib);
	free(b.strip);
	free(pkgs);
	free(meta);
	free(lockname);
	return rc;
}

struct fetch_job {
	const struct store *st;
	const struct pkg *p;
};

static int fetch_one(void *ctx)
{
	struct fetch_job *j = ctx;
	const struct source *alts[2];
	char *path = NULL;
	size_t which;
	int rc;

	for (size_t i = 0; i < j->p->r.nsources; i++)
		alts[i] = &j->p->r.sources[i].src;
	rc = fetch_source_any(j->st, alts, j->p->r.nsources, &path, &which);
	free(path);
	return rc;
}

struct sysroot_job {
	const struct store *st;
	const struct sysroot_def *def;
};

static int sysroot_one(void *ctx)
{
	struct sysroot_job *j = ctx;
	struct sysroot sr;
	int rc = sysroot_ensure(j->st, j->def, false, &sr);

	sysroot_release(&sr);
	return rc;
}

/* Every host tool the missing entries need is installed? */
static int check_tools(const struct pkgset *s, const bool *todo)
{
	int rc = 0;

	for (size_t i = 0; i < s->nr; i++) {
		const struct recipe *r = &s->v[i].r;
		char *patch = todo[i] && r->patch_texts.nr ? find_in_path("patch") : NULL;

		if (todo[i] && r->patch_texts.nr && !patch) {
			gs_error("building %s %s needs the program 'patch', which is not installed (Debian: apt-get "
				 "install patch)", r->name, r->version);
			rc = -1;
		}
		free(patch);
		for (size_t k = 0; todo[i] && k < r->tools.nr; k++) {
			char *path = find_in_path(r->tools.v[k]);

			if (!path) {
				gs_error("building %s %s needs the program '%s', which is not installed%s%s%s", r->name,
					 r->version, r->tools.v[k], *r->tool_packages.v[k] ? " (Debian: apt-get install " : "",
					 r->tool_packages.v[k], *r->tool_packages.v[k] ? ")" : "");
				rc = -1;
			}
			free(path);
		}
	}
	return rc;
}

int pkgset_fetch(struct pkgset *s, const struct store *st)
{
	struct job *jobs = xcalloc(s->nr ? s->nr : 1, sizeof(*jobs));
	struct fetch_job *fj = xcalloc(s->nr ? s->nr : 1, sizeof(*fj));
	char **labels = xcalloc(s->nr ? s->nr : 1, sizeof(*labels));
	size_t failed;

	for (size_t i = 0; i < s->nr; i++) {
		fj[i] = (struct fetch_job){ st, &s->v[i] };
		labels[i] = xasprintf("fetching %s %s", s->v[i].r.name, s->v[i].r.version);
		jobs[i] = (struct job){ .label = labels[i], .run = fetch_one, .ctx = &fj[i] };
	}
	failed = jobs_run(jobs, s->nr, 1, 4);
	for (size_t i = 0; i < s->nr; i++)
		free(labels[i]);
	free(labels);
	free(jobs);
	free(fj);
	return failed ? 1 : 0;
}

/* Pulls the missing entry of p from the cache under the lock its build
 * takes (cache_pull()'s answers). */
static int pkg_pull(struct pkg *p, const struct store *st, const struct sysroot_def *def, struct cache *c)
{
	char *lockname = xasprintf("pkg-%s", p->entry);
	int rc = cache_pull(c, st, lockname, &(struct cache_entry){ .name = p->r.name, .version = p->r.version,
								     .target = def->target, .entry = p->entry,
								     .dir = p->dir });

	free(lockname);
	return rc;
}

int pkg_push(const struct pkg *p, const struct sysroot_def *def, struct cache *cache)
{
	bool skipped;
	int rc = cache_push(cache, &(struct cache_entry){ .name = p->r.name, .version = p->r.version,
							    .target = def->target, .entry = p->entry, .dir = p->dir },
			    &skipped);

	if (!rc && skipped)
		gs_info("%s: the cache has it already", p->entry);
	return rc;
}

/* Pulls what is missing, the sysroot first. Returns -1 on a local error. */
static int pull_missing(struct pkgset *s, const struct store *st, const struct sysroot_def *def,
			struct cache *cache, int *have, bool *todo, const bool *rebuilding, struct pkg_report *report)
{
	int rc;

	if (*have > 0) {
		rc = sysroot_pull(st, def, cache);
		if (rc < 0)
			return -1;
		if (rc == 0 || rc == 2)
			*have = 0;
		if (rc == 0) {
			report->sysroot_pulled = true;
			report->pulled++;
		}
	}
	for (size_t i = 0; i < s->nr; i++) {
		if (!todo[i] || rebuilding[i])
			continue;
		rc = pkg_pull(&s->v[i], st, def, cache);
		if (rc < 0)
			return -1;
		if (rc == 0 || rc == 2) {
			todo[i] = false;
			s->v[i].present = true;
		}
		if (rc == 0) {
			s->v[i].pulled = true;
			report->pulled++;
		}
	}
	return 0;
}

/* GOSTATIC_CACHE_PUSH: pushes what this run built. A failure is warned
 * about: the build itself succeeded. */
static void push_built(struct pkgset *s, const struct store *st, const struct sysroot_def *def,
		       struct cache *cache, bool sysroot_built)
{
	size_t failed = 0;

	if (sysroot_built)
		failed += sysroot_push(st, def, cache) != 0;
	for (size_t i = 0; i < s->nr; i++)
		if (s->v[i].built)
			failed += pkg_push(&s->v[i], def, cache) != 0;
	if (failed)
		gs_warn("GOSTATIC_CACHE_PUSH: %zu entr%s could not be pushed (see above)", failed,
			failed == 1 ? "y" : "ies");
}

int pkgset_ensure(struct pkgset *s, const struct store *st, const struct sysroot_def *def,
		  const struct strvec *rebuild, struct cache *cache, struct sysroot *sr,
		  struct pkg_report *report)
{
	size_t n = s->nr, njobs = 0, sysroot_job = (size_t)-1, failed;
	bool *todo = xcalloc(n ? n : 1, sizeof(*todo)), *rebuilding = xcalloc(n ? n : 1, sizeof(*rebuilding));
	struct job *jobs = xcalloc(2 * n + 1, sizeof(*jobs));
	struct fetch_job *fj = xcalloc(n ? n : 1, sizeof(*fj));
	struct build_job *bj = xcalloc(n ? n : 1, sizeof(*bj));
	size_t *fetch_idx = xcalloc(n ? n : 1, sizeof(*fetch_idx)), nfetch = 0;
	size_t *build_idx = xcalloc(n ? n : 1, sizeof(*build_idx));
	size_t **deps = xcalloc(n ? n : 1, sizeof(*deps));
	char **labels = xcalloc(2 * n + 1, sizeof(*labels));
	struct sysroot_job sj = { st, def };
	double t0 = now_seconds();
	size_t ntodo = 0;
	int rc = 1, have;

	memset(report, 0, sizeof(*report));
	*sr = (struct sysroot)SYSROOT_INIT;
	have = sysroot_lookup(st, def, sr);
	if (have < 0) {
		rc = 2;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		rebuilding[i] = rebuild && strvec_contains(rebuild, s->v[i].r.name);
		todo[i] = !s->v[i].present || rebuilding[i];
	}
	if (cache && cache->on && pull_missing(s, st, def, cache, &have, todo, rebuilding, report)) {
		rc = 2;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		ntodo += todo[i];
	if (check_tools(s, todo)) {
		rc = 2;
		goto out;
	}
	if (have > 0) {
		sysroot_job = njobs;
		labels[njobs] = xasprintf("building the %s sysroot", def->target);
		jobs[njobs++] = (struct job){ .label = labels[sysroot_job], .run = sysroot_one, .ctx = &sj,
					      .cpu = true };
	}
	for (size_t i = 0; i < n; i++) {
		if (!todo[i])
			continue;
		fj[i] = (struct fetch_job){ st, &s->v[i] };
		fetch_idx[nfetch++] = njobs;
		labels[njobs] = xasprintf("fetching the source of %s %s", s->v[i].r.name, s->v[i].r.version);
		jobs[njobs] = (struct job){ .label = labels[njobs], .run = fetch_one, .ctx = &fj[i] };
		njobs++;
	}
	for (size_t i = 0; i < n; i++) {
		size_t nd = 0;

		if (!todo[i])
			continue;
		deps[i] = xcalloc(nfetch + s->v[i].ndeps + 1, sizeof(**deps));
		for (size_t k = 0; k < nfetch; k++)
			deps[i][nd++] = fetch_idx[k];
		if (sysroot_job != (size_t)-1)
			deps[i][nd++] = sysroot_job;
		for (size_t k = 0; k < s->v[i].ndeps; k++)
			if (todo[s->v[i].deps[k]])
				deps[i][nd++] = build_idx[s->v[i].deps[k]];
		bj[i] = (struct build_job){ st, s, i, def, rebuild && strvec_contains(rebuild, s->v[i].r.name), false };
		build_idx[i] = njobs;
		labels[njobs] = xasprintf("building %s %s", s->v[i].r.name, s->v[i].r.version);
		jobs[njobs] = (struct job){ .label = labels[njobs], .run = build_one, .ctx = &bj[i], .deps = deps[i],
					    .ndeps = nd, .cpu = true };
		njobs++;
	}
	if (ntodo) {
		struct strbuf names = STRBUF_INIT;

		for (size_t i = 0; i < n; i++)
			if (todo[i])
				strbuf_addf(&names, "%s%s %s", names.len ? ", " : "", s->v[i].r.name, s->v[i].r.version);
		gs_info("building %zu C librar%s into the store: %s", ntodo,
			ntodo == 1 ? "y" : "ies", names.buf);
		strbuf_release(&names);
	}
	failed = njobs ? jobs_run(jobs, njobs, jobs_cpus(), 4) : 0;
	if (sysroot_job != (size_t)-1 && jobs[sysroot_job].state == JOB_OK) {
		report->sysroot_built = true;
		report->sysroot_seconds = jobs[sysroot_job].end - jobs[sysroot_job].start;
	}
	if (failed) {
		bool fetch_failed = false;

		for (size_t k = 0; k < nfetch; k++)
			fetch_failed |= jobs[fetch_idx[k]].state == JOB_FAILED;
		if (fetch_failed)
			gs_info("no C library was built: a source could not be had");
		else
			for (size_t i = 0; i < n; i++)
				if (todo[i] && jobs[build_idx[i]].state == JOB_SKIPPED)
					gs_info("%s %s: not built (see above)", s->v[i].r.name,
						s->v[i].r.version);
		goto out;
	}
	if (have > 0 || !sr->name) {
		sysroot_release(sr);
		if (sysroot_lookup(st, def, sr)) {
			gs_error("the %s sysroot is missing from the store after building it", def->target);
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct pkg *p = &s->v[i];

		if (todo[i]) {
			char *meta = xasprintf("%s/%s", p->dir, PKG_META_FILE);

			p->present = path_exists(meta);
			p->built = p->present;
			report->built += p->built;
			free(meta);
		}
		if (!p->present) {
			gs_error("%s %s is missing from the store after building it", p->r.name, p->r.version);
			goto out;
		}
		if (pkg_read_meta(st, p))
			goto out;
	}
	if (cache && cache->on && cache->push && !cache->down)
		push_built(s, st, def, cache, report->sysroot_built);
	rc = 0;
out:
	report->seconds = now_seconds() - t0;
	for (size_t i = 0; i < 2 * n + 1; i++)
		free(labels[i]);
	for (size_t i = 0; i < n; i++)
		free(deps[i]);
	free(labels);
	free(deps);
	free(todo);
	free(rebuilding);
	free(jobs);
	free(fj);
	free(bj);
	free(fetch_idx);
	free(build_idx);
	return rc;
}

int pkgset_check(struct pkgset *s, const struct store *st, const struct sysroot_def *def,
		 const struct strvec *names, size_t *differ)
{
	struct job *jobs = xcalloc(s->nr ? s->nr : 1, sizeof(*jobs));
	struct build_job *bj = xcalloc(s->nr ? s->nr : 1, sizeof(*bj));
	char **labels = xcalloc(s->nr ? s->nr : 1, sizeof(*labels));
	size_t *which = xcalloc(s->nr ? s->nr : 1, sizeof(*which)), n = 0, failed;
	int rc = 0;

	*differ = 0;
	for (size_t i = 0; i < s->nr; i++) {
		if (names && !strvec_contains(names, s->v[i].r.name))
			continue;
		bj[n] = (struct build_job){ st, s, i, def, false, true };
		labels[n] = xasprintf("building %s %s again", s->v[i].r.name, s->v[i].r.version);
		jobs[n] = (struct job){ .label = labels[n], .run = build_one, .ctx = &bj[n], .cpu = true };
		which[n++] = i;
	}
	failed = jobs_run(jobs, n, jobs_cpus(), 1);
	for (size_t k = 0; k < n; k++) {
		const struct pkg *p = &s->v[which[k]];
		char *path = store_path(st, "logs/pkg-%s-check.json", p->entry);
		json_t *o = jobs[k].state == JOB_OK ? json_load_file(path, 0, NULL) : NULL, *d;
		size_t i;

		if (!o) {
			printf("%-12s %-8s %-16s %s\n", p->r.name, p->r.version, "not checked", p->dir);
			rc = 1;
		} else if (json_is_true(json_object_get(o, "identical"))) {
			printf("%-12s %-8s %-16s %s\n", p->r.name, p->r.version, "identical", p->dir);
		} else {
			printf("%-12s %-8s %-16s %s\n", p->r.name, p->r.version, "DIFFERS", p->dir);
			json_array_foreach(json_object_get(o, "differences"), i, d)
				printf("  %s\n", json_string_value(d));
			(*differ)++;
			rc = 1;
		}
		json_decref(o);
		free(path);
		free(labels[k]);
	}
	if (failed)
		rc = 1;
	free(jobs);
	free(bj);
	free(labels);
	free(which);
	return rc;
}
