/* cmd_doctor.c - gostatic doctor: what this host has and lacks, and how to fix it */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "cache.h"
#include "cmd.h"
#include "fsutil.h"
#include "log.h"
#include "pkgs.h"
#include "proc.h"
#include "recipes.h"
#include "runcheck.h"
#include "store.h"
#include "sysroot.h"

static const char doctor_usage[] =
"usage: gostatic doctor [--target T] [--recipes NAME...]\n"
"\n"
"Checks what gostatic needs on this host (go, a C compiler, make, binutils,\n"
"the Linux UAPI headers) and what makes it better (pkg-config, upx, apt\n"
"source packages, user namespaces, the host programs the recipes build\n"
"with), and names the Debian package for anything missing. The target's\n"
"cross compiler, binutils, headers and qemu user-mode emulator are checked\n"
"too; the other targets get one line each.\n"
"\n"
"  --target T   the target to check fully: linux/amd64, linux/arm64, ...\n"
"               (default: GOARCH, else this host)\n"
"  --recipes NAME...\n"
"               only what building these recipes (and the recipes they\n"
"               depend on) needs of this host: every program they run\n"
"               and the Debian package that has it; exit 1 when one is\n"
"               missing\n"
"\n"
"exit status: 0 everything required is present, 1 something required is\n"
"missing, 2 usage error.\n";

struct check {
	int missing_required;
	int missing_optional;
};

static void line(struct check *c, bool ok, bool required, const char *what, const char *detail)
{
	const struct out *o = &gs_out;
	const char *tag = ok ? "ok" : required ? "MISSING" : "missing";

	if (!ok)
		*(required ? &c->missing_required : &c->missing_optional) += 1;
	printf("  %s%-8s%s %-16s %s\n",
	       out_color(o, ok ? COLOR_GREEN : required ? COLOR_RED : COLOR_YELLOW), tag,
	       out_color(o, COLOR_RESET), what, detail);
}

/* The first line a command prints, or NULL when it cannot run. */
static char *first_line(const char *prog, const char *arg)
{
	struct proc p = PROC_INIT;
	char *path = find_in_path(prog), *res = NULL;
	int rc;

	if (!path)
		return NULL;
	strvec_pushl(&p.args, path, arg, NULL);
	strvec_push(&p.env, "LC_ALL=C");
	p.keep = 4096;
	rc = proc_run(&p);
	if (rc >= 0) {
		const char *s = p.out.buf;

		res = xstrndup(s, strcspn(s, "\n"));
		if (!*res) {
			free(res);
			res = xstrdup("(no version output)");
		}
	}
	proc_release(&p);
	free(path);
	return res;
}

static void tool(struct check *c, bool required, const char *label, const char *prog,
		 const char *arg, const char *package, const char *why_needed)
{
	char *v = first_line(prog, arg), *path = find_in_path(prog), *d;

	if (v)
		d = xasprintf("%s (%s)", v, path);
	else
		d = xasprintf("%s%s(Debian: apt-get install %s)", why_needed ? why_needed : "",
			      why_needed ? " " : "", package);
	line(c, v != NULL, required, label, d);
	free(v);
	free(path);
	free(d);
}

/* The first UAPI header folder of d that this host lacks, or NULL. */
static const char *missing_header(const struct sysroot_def *d)
{
	for (size_t i = 0; i < d->header_from.nr; i++)
		if (!path_exists(d->header_from.v[i]))
			return d->header_from.v[i];
	return NULL;
}

static void headers_row(struct check *c, const struct sysroot_def *d)
{
	const char *missing = missing_header(d);
	char *s;

	if (missing) {
		s = xasprintf("'%s' is missing (Debian: apt-get install %s)", missing,
			      d->header_package ? d->header_package : "linux-libc-dev");
		line(c, false, true, "UAPI headers", s);
		free(s);
		return;
	}
	s = xasprintf("%zu folders from %s (Linux headers for %s)", d->header_from.nr,
		      d->header_package ? d->header_package : "the host", d->target);
	line(c, true, true, "UAPI headers", s);
	free(s);
}

/* The host programs the recipes build with: one row per recipe and tool. */
struct recipe_tools {
	struct strvec progs, packages, users;
};

static int tools_cb(struct recipe *r, void *ctx)
{
	struct recipe_tools *t = ctx;

	for (size_t i = 0; i < r->tools.nr; i++) {
		strvec_push(&t->progs, r->tools.v[i]);
		strvec_push(&t->packages, *r->tool_packages.v[i] ? r->tool_packages.v[i] : r->tools.v[i]);
		strvec_push(&t->users, r->name);
	}
	return 0;
}

/* doctor --recipes: the host programs these recipes and their
 * dependencies need, one row each; a missing one is required. */
static void named_recipe_tools(struct check *c, const struct strvec *names, const char *goarch)
{
	struct pkg_prefs prefs = PKG_PREFS_INIT;
	struct pkgset set = PKGSET_INIT;
	struct strvec seen = STRVEC_INIT;

	printf("  recipes");
	for (size_t i = 0; i < names->nr; i++)
		printf(" %s", names->v[i]);
	printf("\n");
	set.goarch = goarch;
	if (recipe_dirs_from_env(&prefs.dirs)) {
		line(c, false, true, "recipes", "cannot read the recipes (see above)");
		goto out;
	}
	for (size_t i = 0; i < names->nr; i++) {
		size_t idx;

		if (pkgset_add(&set, &prefs, names->v[i], "named on the command line", &idx))
			line(c, false, true, names->v[i], "no usable recipe of that name (see above)");
	}
	for (size_t i = 0; i < set.nr; i++) {
		const struct recipe *r = &set.v[i].r;
		size_t ntools = r->tools.nr + (r->patch_texts.nr ? 1 : 0);

		for (size_t k = 0; k < ntools; k++) {
			const char *prog = k < r->tools.nr ? r->tools.v[k] : "patch";
			const char *pkg = k < r->tools.nr && *r->tool_packages.v[k] ? r->tool_packages.v[k] : prog;
			char *path, *d;

			if (strvec_contains(&seen, prog))
				continue;
			strvec_push(&seen, prog);
			path = find_in_path(prog);
			d = path ? xasprintf("%s (builds %s %s)", path, r->name, r->version)
				 : xasprintf("%s %s cannot be built without it (Debian: apt-get install %s)", r->name, r->version,
					     pkg);
			line(c, path != NULL, true, prog, d);
			free(path);
			free(d);
		}
		if (!r->tools.nr && !r->patch_texts.nr) {
			char *d = xasprintf("%s %s: %s, nothing beyond the compiler, make and binutils", r->name,
					    r->version, r->system ? r->system->name : "custom");

			line(c, true, true, r->name, d);
			free(d);
		}
	}
out:
	strvec_clear(&seen);
	pkgset_release(&set);
	pkg_prefs_release(&prefs);
}

static void recipe_tools(struct check *c)
{
	struct recipe_dirs dirs = RECIPE_DIRS_INIT;
	struct recipe_tools t = { STRVEC_INIT, STRVEC_INIT, STRVEC_INIT };

	if (recipe_dirs_from_env(&dirs) || recipe_each(&dirs, tools_cb, &t)) {
		line(c, false, false, "recipes", "cannot read the recipes (see above)");
		goto out;
	}
	for (size_t i = 0; i < t.progs.nr; i++) {
		struct strbuf users = STRBUF_INIT;
		char *path, *what, *d;
		size_t j = 0;

		while (strcmp(t.progs.v[j], t.progs.v[i]))
			j++;
		if (j < i)
			continue;       /* reported with its first row */
		for (j = i; j < t.progs.nr; j++)
			if (!strcmp(t.progs.v[j], t.progs.v[i]))
				strbuf_addf(&users, "%s%s", users.len ? ", " : "", t.users.v[j]);
		path = find_in_path(t.progs.v[i]);
		what = xasprintf("%s", t.progs.v[i]);
		d = path ? xasprintf("%s (builds the %s recipe%s)", path, users.buf, strchr(users.buf, ',') ? "s" : "")
			: xasprintf("the %s recipe%s cannot be built without it (Debian: apt-get install %s)",
				    users.buf, strchr(users.buf, ',') ? "s" : "", t.packages.v[i]);
		line(c, path != NULL, false, what, d);
		free(path);
		free(what);
		free(d);
		strbuf_release(&users);
	}
out:
	strvec_clear(&t.progs);
	strvec_clear(&t.packages);
	strvec_clear(&t.users);
	recipe_dirs_release(&dirs);
}

/* What building for d needs, one row each: its C compiler, binutils and
 * UAPI headers (required), and for a foreign target the qemu user-mode
 * emulator that runs its checks (optional). */
static void target_rows(struct check *c, const struct sysroot_def *d)
{
	char *ar = sysroot_tool(d, "ar"), *why = NULL, *emu, *s;
	bool native = sysroot_is_native(d);

	printf("  target %s/%s (%s)%s\n", d->goos, d->goarch, d->target, native ? "" : ", cross-compiled");
	s = xasprintf("builds musl and cgo code for %s;", d->goarch);
	tool(c, true, "C compiler", d->compiler, "--version", d->compiler_package, s);
	free(s);
	s = xasprintf("archives for %s;", d->goarch);
	tool(c, true, "binutils", ar, "--version", d->tools_package, s);
	free(s);
	free(ar);
	headers_row(c, d);
	if (native)
		return;
	emu = sysroot_emulator(d, &why);
	s = emu ? xasprintf("%s (runs %s programs: run checks, recipe checks, verify --run)", emu, d->goarch)
		: xasprintf("%s; %s programs are built and verified but not run", why, d->goarch);
	line(c, emu != NULL, false, "qemu-user", s);
	free(s);
	free(emu);
	free(why);
}

struct others {
	struct check *c;
	const char *skip;         /* the target checked in full */
	struct strvec seen;
};

/* One row for another target: ready, or the packages it lacks. */
static int other_cb(struct sysroot_def *d, void *ctx)
{
	struct others *o = ctx;
	struct strvec pkgs = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	char *cc, *ar, *ar_path, *emu = NULL, *why = NULL, *label;
	bool headers;

	if (!strcmp(d->target, o->skip) || strvec_contains(&o->seen, d->target))
		return 0;
	strvec_push(&o->seen, d->target);
	ar = sysroot_tool(d, "ar");
	cc = find_in_path(d->compiler);
	ar_path = find_in_path(ar);
	headers = !missing_header(d);
	if (!sysroot_is_native(d))
		emu = sysroot_emulator(d, &why);
	if (!cc)
		strvec_push(&pkgs, d->compiler_package);
	if (!ar_path && !strvec_contains(&pkgs, d->tools_package))
		strvec_push(&pkgs, d->tools_package);
	if (!headers && d->header_package)
		strvec_push(&pkgs, d->header_package);
	if (cc && ar_path && headers)
		strbuf_addf(&sb, "--target %s/%s can build (%s)", d->goos, d->goarch, d->compiler);
	else
		strbuf_addf(&sb, "--target %s/%s needs", d->goos, d->goarch);
	if (pkgs.nr) {
		strbuf_addstr(&sb, " (Debian: apt-get install");
		for (size_t i = 0; i < pkgs.nr; i++)
			strbuf_addf(&sb, " %s", pkgs.v[i]);
		strbuf_addch(&sb, ')');
	}
	if (why)
		strbuf_addf(&sb, "; no run checks: %s", why);
	label = xasprintf("%s/%s", d->goos, d->goarch);
	line(o->c, !pkgs.nr, false, label, sb.buf);
	free(label);
	free(cc);
	free(ar);
	free(ar_path);
	free(emu);
	free(why);
	strvec_clear(&pkgs);
	strbuf_release(&sb);
	return 0;
}

static void other_targets(struct check *c, const char *target)
{
	struct others o = { c, target, STRVEC_INIT };

	printf("  other targets\n");
	sysroot_each_def(other_cb, &o);
	strvec_clear(&o.seen);
	printf("  this host\n");
}

static bool has_deb_src(void)
{
	const char *files[] = { "/etc/apt/sources.list" };
	bool found = false;
	DIR *d;

	for (size_t i = 0; i < ARRAY_SIZE(files) && !found; i++) {
		struct strbuf sb = STRBUF_INIT;

		if (!read_file(files[i], 1 << 20, &sb))
			found = strstr(sb.buf, "\ndeb-src ") || starts_with(sb.buf, "deb-src ");
		strbuf_release(&sb);
	}
	d = opendir("/etc/apt/sources.list.d");
	for (struct dirent *de; !found && d && (de = readdir(d));) {
		size_t n = strlen(de->d_name);
		struct strbuf sb = STRBUF_INIT;
		char *p;

		if (!(n > 5 && !strcmp(de->d_name + n - 5, ".list")) &&
		    !(n > 8 && !strcmp(de->d_name + n - 8, ".sources")))
			continue;
		p = xasprintf("/etc/apt/sources.list.d/%s", de->d_name);
		if (!read_file(p, 1 << 20, &sb)) {
			for (const char *l = sb.buf; *l && !found;) {
				size_t len = strcspn(l, "\n");
				char *ln = xstrndup(l, len);

				found = starts_with(ln, "deb-src ") ||
					(starts_with(ln, "Types:") && strstr(ln, "deb-src"));
				free(ln);
				l += len + (l[len] == '\n');
			}
		}
		strbuf_release(&sb);
		free(p);
	}
	if (d)
		closedir(d);
	return found;
}

/* The binary cache, when one is configured: reachable, authenticated,
 * which keys are trusted and which key signs. Optional: without it
 * everything builds from source. */
static void cache_rows(struct check *c)
{
	struct cache ca;
	struct oci_client *cl;
	char *why = NULL, *d;

	gs_out.verbosity--;
	if (cache_open(&ca, NULL)) {
		gs_out.verbosity++;
		line(c, false, false, "cache", "GOSTATIC_CACHE or a key variable is wrong (see above)");
		return;
	}
	gs_out.verbosity++;
	if (!ca.on) {
		cache_close(&ca);
		return;
	}
	printf("  binary cache %s\n", ca.url.text);
	cl = cache_client(&ca);
	if (cl && !oci_ping(cl, *ca.url.path ? ca.url.path : NULL, &why)) {
		d = xasprintf("answers the OCI distribution API (%s)", oci_client_auth(cl));
		line(c, true, false, "registry", d);
	} else {
		d = xasprintf("%s: entries are built from source", why ? why : "libcurl is missing");
		line(c, false, false, "registry", d);
	}
	free(d);
	free(why);
	{
		struct strbuf ids = STRBUF_INIT;

		for (size_t i = 0; i < ca.ntrust; i++)
			strbuf_addf(&ids, "%s%s", i ? ", " : "", sign_keyid(ca.trust[i]));
		d = ca.ntrust ? xasprintf("%zu key%s (%s): signed entries are pulled", ca.ntrust, ca.ntrust == 1 ? "" : "s",
					  ids.buf)
			      : xstrdup("none: nothing is pulled; set GOSTATIC_CACHE_TRUST to FILE.pub of the pusher's key");
		line(c, ca.ntrust > 0, false, "trusted keys", d);
		free(d);
		strbuf_release(&ids);
	}
	if (ca.key_path) {
		struct sign_key *k = sign_load(ca.key_path, true);

		d = k ? xasprintf("key %s signs pushes%s", sign_keyid(k), ca.push ? " (GOSTATIC_CACHE_PUSH: builds push)" : "")
		      : xstrdup("GOSTATIC_CACHE_KEY is not a private ed25519 key (see above)");
		line(c, k != NULL, false, "signing key", d);
		free(d);
		sign_free(k);
	}
	cache_close(&ca);
}

int cmd_doctor(int argc, const char **argv)
{
	struct check c = { 0, 0 };
	struct store st = STORE_INIT;
	struct sysroot_def def;
	const char *go = getenv("GO"), *target = NULL;
	struct strvec recipes = STRVEC_INIT;
	char *d;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(doctor_usage, stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--recipes")) {
			for (i++; i < argc && argv[i][0] != '-'; i++)
				strvec_push(&recipes, argv[i]);
			i--;
			if (!recipes.nr)
				return out_usage(&gs_out, "doctor", "--recipes needs recipe names");
		} else if (!strcmp(argv[i], "--target") && i + 1 < argc) {
			target = argv[++i];
		} else if (starts_with(argv[i], "--target=")) {
			target = argv[i] + strlen("--target=");
		} else {
			return out_usage(&gs_out, "doctor", "unexpected argument '%s'", argv[i]);
		}
	}
	if (recipes.nr) {
		printf("gostatic doctor: what building these recipes needs of this host\n\n");
		if (sysroot_find(target, &def) == 0) {
			named_recipe_tools(&c, &recipes, def.goarch);
			sysroot_def_release(&def);
		}
		strvec_clear(&recipes);
		printf("\n%s\n", c.missing_required ? "something these recipes need is missing (see above)"
							 : "everything these recipes need is here");
		return c.missing_required ? 1 : 0;
	}
	printf("gostatic doctor: what this host has for gostatic\n\n");
	tool(&c, true, "go", go && *go ? go : "go", "version", "golang-go (or golang-1.23-go from bookworm-backports)", NULL);
	if (sysroot_find(target, &def) == 0) {
		target_rows(&c, &def);
		other_targets(&c, def.target);
		sysroot_def_release(&def);
	} else {
		line(&c, false, true, "sysroot", target ? "no definition for this target (see above)"
		     : "no definition for this host's architecture");
	}
	tool(&c, true, "make", "make", "--version", "make", "builds musl");
	tool(&c, false, "pkg-config", "pkg-config", "--version", "pkg-config",
	     "answers #cgo pkg-config lines;");
	tool(&c, false, "upx", "upx", "--version", "upx-ucl", "only for 'verify --unpack';");
	recipe_tools(&c);
	{
		char *apt = find_in_path("apt-get");
		bool src = apt && has_deb_src();

		line(&c, src, false, "apt sources",
		     src ? "deb-src entries: sources can come from Debian's source packages"
		     : apt ? "no deb-src entries: add them to use Debian's source packages as a fallback"
		     : "apt-get is not installed: no Debian source fallback");
		free(apt);
	}
	{
		bool ns = runcheck_userns_works();

		line(&c, ns || geteuid() == 0, false, "user namespaces",
		     ns ? "'verify --run' and '--run-check' work for any user"
		     : geteuid() == 0 ? "refused, but as root the run check uses a plain chroot"
		     : "refused: the run check will be skipped (allow unprivileged user namespaces)");
	}
	gs_out.verbosity--;
	if (!store_open(&st)) {
		struct statvfs fs;
		double gib = statvfs(st.home, &fs) ? -1 : (double)fs.f_bavail * (double)fs.f_frsize / (1 << 30);

		d = xasprintf("%s (%.1f GiB free)", st.home, gib);
		line(&c, true, true, "store", d);
		free(d);
		store_close(&st);
	} else {
		line(&c, false, true, "store", "not writable: set GOSTATIC_HOME");
	}
	gs_out.verbosity++;
	cache_rows(&c);
	printf("\n%s\n", c.missing_required ? "something gostatic needs is missing (see above)"
		: c.missing_optional ? "everything required is here; some extras are missing"
		: "everything is here");
	return c.missing_required ? 1 : 0;
}
