/* sysroot.c - musl sysroots: their definitions and their store entries */
#include "sysroot.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arch.h"
#include "builtin.h"
#include "cache.h"
#include "datadir.h"
#include "elffile.h"
#include "extract.h"
#include "fetch.h"
#include "sha256.h"
#include "fsutil.h"
#include "log.h"
#include "proc.h"
#include "runcheck.h"

char *sysroot_emulator(const struct sysroot_def *d, char **why)
{
	uint16_t machine;
	unsigned bits;
	bool be;

	if (!arch_elf(d->goarch, &machine, &bits, &be)) {
		*why = xasprintf("no qemu user-mode emulator is known for %s", d->goarch);
		return NULL;
	}
	return runcheck_emulator(machine, bits, be, why);
}

struct each_ctx {
	int (*fn)(struct sysroot_def *d, void *ctx);
	void *ctx;
};

static int each_file(const struct datafile *f, void *ctx)
{
	struct each_ctx *c = ctx;
	struct sysroot_def d;
	char *why = NULL;
	int rc;

	if (sysroot_def_parse(&d, f->text, f->len, f->origin, &why)) {
		if (!f->dir)
			BUG("%s", why);         /* the tests parse every built-in file */
		gs_error("%s", why);
		free(why);
		sysroot_def_release(&d);
		return -1;
	}
	rc = c->fn(&d, c->ctx);
	if (rc <= 0)
		sysroot_def_release(&d);
	return rc;
}

int sysroot_each_def(int (*fn)(struct sysroot_def *d, void *ctx), void *ctx)
{
	const char *env = getenv("GOSTATIC_SYSROOTS");
	struct strvec dirs = STRVEC_INIT;
	struct each_ctx c = { fn, ctx };
	int rc = 0;

	strvec_split(&dirs, env ? env : "", ':');
	for (size_t i = 0; i < dirs.nr && !rc; i++)
		rc = datadir_check(dirs.v[i], "sysroot folder (from GOSTATIC_SYSROOTS)");
	if (!rc)
		rc = datadir_each(&dirs, ".sysroot", builtin_sysroots, NULL, INI_MAX_FILE, each_file, &c);
	strvec_clear(&dirs);
	return rc;
}

struct find_ctx {
	const char *spec;
	struct sysroot_def *out;
};

static int find_cb(struct sysroot_def *d, void *ctx)
{
	struct find_ctx *c = ctx;

	if (!sysroot_def_matches(d, c->spec))
		return 0;
	*c->out = *d;           /* ownership moves to the caller */
	return 1;
}

static int list_cb(struct sysroot_def *d, void *ctx)
{
	struct strvec *out = ctx;
	char *s = xasprintf("%s/%s (%s)", d->goos, d->goarch, d->target);

	if (!strvec_contains(out, s))
		strvec_push(out, s);
	free(s);
	return 0;
}

void sysroot_known_targets(struct strvec *out)
{
	sysroot_each_def(list_cb, out);
}

int sysroot_find_def(const char *spec, struct sysroot_def *d)
{
	struct find_ctx c = { spec, d };
	int rc = sysroot_each_def(find_cb, &c);

	return rc > 0 ? 0 : rc < 0 ? -1 : 1;
}

int sysroot_find(const char *spec, struct sysroot_def *d)
{
	struct find_ctx c = { spec, d };
	char *host = NULL;
	int rc;

	if (!spec) {
		const char *goos = getenv("GOOS"), *goarch = getenv("GOARCH");
		unsigned bits;

		if (goos && *goos && strcmp(goos, "linux"))
			return gs_error("GOOS is '%s'; gostatic builds for linux only", goos);
		if (goarch && *goarch) {
			spec = goarch;
		} else {
			uint16_t machine = arch_host_machine(&bits);
			const char *ga = elf_machine_goarch(machine, bits, false);

			if (!ga)
				return gs_error("cannot tell this host's architecture: give --target");
			spec = host = xstrdup(ga);
		}
		c.spec = spec;
	}
	rc = sysroot_each_def(find_cb, &c);
	if (rc == 0) {
		struct strvec known = STRVEC_INIT;
		struct strbuf list = STRBUF_INIT;

		sysroot_known_targets(&known);
		for (size_t i = 0; i < known.nr; i++)
			strbuf_addf(&list, "%s%s", i ? ", " : "", known.v[i]);
		gs_error("no sysroot definition for target '%s' (known: %s; more can be added with GOSTATIC_SYSROOTS)",
			 spec, list.buf);
		strbuf_release(&list);
		strvec_clear(&known);
		rc = -1;
	}
	free(host);
	return rc > 0 ? 0 : -1;
}

/* GCC specs that put this sysroot's headers, start files and libraries in
 * place of the host C library's; the sysroot is found at run time through
 * GOSTATIC_SYSROOT, which the wrapper sets, so the entry can move. */
static char *specs_text(const struct sysroot_def *d)
{
	return xasprintf(
		"%%rename cpp_options old_cpp_options\n\n"
		"*cpp_options:\n"
		"-nostdinc -isystem %%:getenv(GOSTATIC_SYSROOT /include) -isystem include%%s %%(old_cpp_options)\n\n"
		"*cc1:\n"
		"%%(cc1_cpu) -nostdinc -isystem %%:getenv(GOSTATIC_SYSROOT /include) -isystem include%%s\n\n"
		"*link_libgcc:\n"
		"-L%%:getenv(GOSTATIC_SYSROOT /lib) -L .%%s\n\n"
		"*libgcc:\n"
		"libgcc.a%%s %%:if-exists(libgcc_eh.a%%s)\n\n"
		"*startfile:\n"
		"%%{static-pie:%%:getenv(GOSTATIC_SYSROOT /lib/rcrt1.o);shared:;:%%:getenv(GOSTATIC_SYSROOT /lib/Scrt1.o)} "
		"%%:getenv(GOSTATIC_SYSROOT /lib/crti.o) crtbeginS.o%%s\n\n"
		"*endfile:\n"
		"crtendS.o%%s %%:getenv(GOSTATIC_SYSROOT /lib/crtn.o)\n\n"
		"*link:\n"
		"%%{!static-pie:-dynamic-linker %s} -nostdlib %%{shared:-shared} %%{static:-static} "
		"%%{static-pie:-static -pie --no-dynamic-linker -z text} %%{rdynamic:-export-dynamic}\n\n"
		"*esp_link:\n\n\n"
		"*esp_options:\n\n\n"
		"*esp_cpp_options:\n\n\n",
		d->dynamic_linker);
}

/* The name under which the store appears in every argument gostatic gives
 * go and in every file the compiler writes: see sysroot.h. */
#define STORE_NAME SYSROOT_STORE_NAME

static char *cc_wrapper_text(const struct sysroot_def *d, const char *cc)
{
	return xasprintf(
		"#!/bin/sh\n"
		"# C compiler for %s: %s with this sysroot's musl instead of the host C library.\n"
		"# Written by gostatic; it finds the sysroot from its own path, so it can move.\n"
		"# Arguments that name the store as " STORE_NAME " (as gostatic tells go to)\n"
		"# are given the store's real path, and the compiler writes " STORE_NAME "\n"
		"# for that path (and each FROM=TO of GOSTATIC_PREFIX_MAP, one per line) into\n"
		"# what it makes, so that no output depends on where the store is.\n"
		"case $0 in\n"
		"*/bin/*) GOSTATIC_SYSROOT=${0%%/bin/*} ;;\n"
		"*) GOSTATIC_SYSROOT=$(CDPATH= cd -- \"$(dirname -- \"$(command -v -- \"$0\")\")/..\" && pwd -P) || exit 1 ;;\n"
		"esac\n"
		"export GOSTATIC_SYSROOT\n"
		"# the host's search paths stay out (gcc reads these for every compile and link)\n"
		"unset LIBRARY_PATH CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH OBJC_INCLUDE_PATH GCC_EXEC_PREFIX COMPILER_PATH\n"
		"s=${GOSTATIC_SYSROOT%%/sysroots/*}\n"
		"case $* in\n"
		"*" STORE_NAME "/*)\n"
		"\tfor a; do\n"
		"\t\tshift\n"
		"\t\tcase $a in\n"
		"\t\t" STORE_NAME "/*) a=$s${a#" STORE_NAME "} ;;\n"
		"\t\t/" STORE_NAME "/*) a=$s${a#/" STORE_NAME "} ;;\n"
		"\t\t-[IL]" STORE_NAME "/* | -isystem" STORE_NAME "/*) a=${a%%%%" STORE_NAME "/*}$s/${a#*" STORE_NAME "/} ;;\n"
		"\t\tesac\n"
		"\t\tset -- \"$@\" \"$a\"\n"
		"\tdone ;;\n"
		"esac\n"
		"if [ -n \"${GOSTATIC_PREFIX_MAP-}\" ]; then\n"
		"\tset -f\n"
		"\tIFS='\n"
		"'\n"
		"\tfor m in $GOSTATIC_PREFIX_MAP; do set -- \"$@\" \"-ffile-prefix-map=$m\"; done\n"
		"\tunset IFS\n"
		"\tset +f\n"
		"fi\n"
		"exec %s \"$@\" -specs \"$GOSTATIC_SYSROOT/lib/gostatic.specs\" \"-ffile-prefix-map=$s=" STORE_NAME "\"\n",
		d->target, cc, cc);
}

static const char pkg_config_text[] =
	"#!/bin/sh\n"
	"# pkg-config for static links against gostatic's store only (written by gostatic):\n"
	"# the host's .pc files are never seen, and every answer includes private libraries.\n"
	"# With GOSTATIC_STORE_NAMES set, paths in the store are given as " STORE_NAME "/...,\n"
	"# which this sysroot's compiler maps back.\n"
	"PKG_CONFIG_LIBDIR=${GOSTATIC_PKG_CONFIG_LIBDIR-}\n"
	"export PKG_CONFIG_LIBDIR\n"
	"unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR\n"
	"[ -n \"${GOSTATIC_STORE_NAMES-}\" ] || exec pkg-config --static \"$@\"\n"
	"case $0 in\n"
	"*/sysroots/*) s=${0%/sysroots/*} ;;\n"
	"*) s=$(CDPATH= cd -- \"$(dirname -- \"$(command -v -- \"$0\")\")/../../..\" && pwd -P) || exit 1 ;;\n"
	"esac\n"
	"out=$(pkg-config --static \"$@\") || exit\n"
	"[ -n \"$out\" ] || exit 0\n"
	"res=\n"
	"while :; do\n"
	"\tcase $out in\n"
	"\t*\"$s/\"*) res=$res${out%%\"$s/\"*}" STORE_NAME "/; out=${out#*\"$s/\"} ;;\n"
	"\t*) break ;;\n"
	"\tesac\n"
	"done\n"
	"printf '%s\\n' \"$res$out\"\n";

/* "gcc version 12.2.0 (Debian 12.2.0-14+deb12u1)" and "x86_64-linux-gnu"
 * from `cc -v`, remembered in the store per compiler file. */
static int compiler_identity(const struct store *st, const struct sysroot_def *d, char **path_out,
			     struct strbuf *ident)
{
	const char *cc = d->compiler;
	char *path = find_in_path(cc), *real = NULL, *key, *cache = NULL;
	struct strbuf stamp = STRBUF_INIT, cached = STRBUF_INIT;
	struct proc p = PROC_INIT;
	struct stat sb;
	int rc = -1;

	*path_out = NULL;
	if (!path)
		return gs_error("the C compiler '%s' for %s is not installed (Debian: apt-get install %s)", cc,
				d->target, d->compiler_package);
	real = realpath(path, NULL);
	if (!real || stat(real, &sb) < 0) {
		gs_error_errno(errno, "cannot use the C compiler '%s'", path);
		goto out;
	}
	key = store_hash16(real);
	cache = store_path(st, "cache/cc-%s", key);
	free(key);
	strbuf_addf(&stamp, "%s %llu %llu %lld.%09ld\n", real, (unsigned long long)sb.st_ino,
		    (unsigned long long)sb.st_size, (long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec);
	if (!read_file(cache, 4096, &cached) && starts_with(cached.buf, stamp.buf)) {
		strbuf_addstr(ident, cached.buf + stamp.len);
		rc = 0;
		goto out;
	}
	strvec_pushl(&p.args, path, "-v", NULL);
	strvec_push(&p.env, "LC_ALL=C");
	p.keep = 16384;
	rc = proc_run(&p);
	if (rc) {
		char *s = rc < 0 ? xasprintf("cannot run '%s': %s", path, strerror(-rc))
				 : proc_status_str(path, rc);

		gs_error("cannot learn the identity of the C compiler: %s", s);
		free(s);
		rc = -1;
		goto out;
	}
	{
		const char *version = NULL, *target = NULL;
		size_t vlen = 0, tlen = 0;

		for (const char *l = p.out.buf; *l;) {
			size_t n = strcspn(l, "\n");

			if (!strncmp(l, "Target: ", 8)) {
				target = l + 8;
				tlen = n - 8;
			} else if (!version && strstr(l, " version ") && n < 300 && memchr(l, ' ', n)) {
				const char *v = strstr(l, " version ");

				if (v < l + n) {
					version = l;
					vlen = n;
				}
			}
			l += n + (l[n] == '\n');
		}
		if (!version || !target) {
			gs_error("'%s -v' does not say its version and target", path);
			rc = -1;
			goto out;
		}
		strbuf_addf(ident, "%.*s\n%.*s\n", (int)vlen, version, (int)tlen, target);
	}
	strbuf_add(&stamp, ident->buf, ident->len);
	if (write_file_atomic(cache, stamp.buf, stamp.len, 0644))
		gs_warn("cannot remember the compiler identity in '%s'", cache);
	rc = 0;
out:
	if (!rc)
		*path_out = xstrdup(path);
	proc_release(&p);
	strbuf_release(&stamp);
	strbuf_release(&cached);
	free(path);
	free(real);
	free(cache);
	return rc;
}

/* Whether d's UAPI headers come from its pinned package: when it pins one,
 * unless GOSTATIC_HOST_HEADERS=1 asks for this host's folders. */
static bool uses_pinned(const struct sysroot_def *d)
{
	const char *host = getenv("GOSTATIC_HOST_HEADERS");

	return d->headers_pinned && !(host && *host && strcmp(host, "0"));
}

/* The pinned header package in the store, fetched when missing: 0 with
 * *deb (owned), or -1 after printing why and what to do. */
static int pinned_headers(const struct store *st, const struct sysroot_def *d, char **deb)
{
	struct strbuf failure = STRBUF_INIT;
	int rc;

	*deb = NULL;
	if (!fetch_stored(st, &d->headers_src, deb))
		return 0;
	rc = fetch_source_quiet(st, &d->headers_src, deb, &failure);
	if (rc)
		gs_error("the %s sysroot pins its Linux headers to %s, which cannot be had: put that file (sha256 %s) in "
			 "a GOSTATIC_MIRRORS folder, or set GOSTATIC_HOST_HEADERS=1 to build with this host's headers "
			 "(a sysroot of another name): %s", d->target, d->headers_src.file, d->headers_src.sha256,
			 failure.buf);
	strbuf_release(&failure);
	return rc ? -1 : 0;
}

struct header_walk {
	struct strbuf *out;
	bool contents;            /* hash what files hold, or only their stat facts */
	int err;
};

static int header_cb(const char *path, const char *rel, const struct stat *sb, void *ctx)
{
	struct header_walk *w = ctx;
	char hex[SHA256_HEX_LEN + 1];

	if (!S_ISREG(sb->st_mode)) {
		strbuf_addf(w->out, "%s %s\n", rel, S_ISDIR(sb->st_mode) ? "dir" : "other");
		return 0;
	}
	if (!w->contents) {
		strbuf_addf(w->out, "%s %lld %lld.%09ld %llu\n", rel, (long long)sb->st_size,
			    (long long)sb->st_mtim.tv_sec, sb->st_mtim.tv_nsec, (unsigned long long)sb->st_ino);
		return 0;
	}
	if (sha256_file(path, hex)) {
		w->err = errno;
		return -1;
	}
	strbuf_addf(w->out, "%s %s\n", rel, hex);
	return 0;
}

/* One line per file of the host's header folders: its stat facts, or
 * (contents) its sha256. */
static void host_headers_list(const struct sysroot_def *d, bool contents, struct strbuf *out)
{
	for (size_t i = 0; i < d->header_from.nr; i++) {
		struct header_walk w = { out, contents, 0 };

		strbuf_addf(out, "[%s %s]\n", d->header_into.v[i], d->header_from.v[i]);
		if (fs_walk(d->header_from.v[i], header_cb, &w))
			strbuf_addf(out, "unreadable %d\n", w.err);
	}
}

/* What the host's header folders hold, as a hash: remembered in the store
 * against the folders' stat facts, so only a change of them hashes again. */
static char *host_headers_hash(const struct store *st, const struct sysroot_def *d)
{
	struct strbuf facts = STRBUF_INIT, all = STRBUF_INIT, cached = STRBUF_INIT, stamp = STRBUF_INIT;
	char *key = store_hash16(d->target), *cache = store_path(st, "cache/uapi-%s", key), *h, *sh;

	free(key);
	host_headers_list(d, false, &facts);
	sh = store_hash16(facts.buf);
	strbuf_addf(&stamp, "%s ", sh);
	free(sh);
	if (!read_file(cache, 256, &cached) && starts_with(cached.buf, stamp.buf) && cached.len == stamp.len + 16) {
		h = xstrdup(cached.buf + stamp.len);
	} else {
		host_headers_list(d, true, &all);
		h = store_hash16(all.buf);
		strbuf_addstr(&stamp, h);
		if (write_file_atomic(cache, stamp.buf, stamp.len, 0644))
			gs_warn("cannot remember the headers' identity in '%s'", cache);
	}
	strbuf_release(&facts);
	strbuf_release(&all);
	strbuf_release(&cached);
	strbuf_release(&stamp);
	free(cache);
	return h;
}

/* Where the UAPI headers come from, by what they hold: the pinned
 * package's sha256 (known from the definition: naming the sysroot needs no
 * download, so a machine that pulls it from a cache never fetches the
 * package), else a hash of the host folders' contents (not their version:
 * two machines with the same headers share sysroots). */
static void uapi_identity(const struct store *st, const struct sysroot_def *d, struct strbuf *ident)
{
	char *h;

	if (uses_pinned(d)) {
		strbuf_addf(ident, "uapi pinned %s", d->headers_src.sha256);
	} else {
		h = host_headers_hash(st, d);
		strbuf_addf(ident, "uapi host %s", h);
		free(h);
	}
	for (size_t i = 0; i < d->header_into.nr; i++)
		strbuf_addf(ident, " %s=%s", d->header_into.v[i], d->header_from.v[i]);
	strbuf_addch(ident, '\n');
}

/* What gostatic writes into a sysroot of its own (the specs and the
 * wrappers): part of the identity, so that changing them makes new entries. */
static void files_identity(const struct sysroot_def *d, struct strbuf *ident)
{
	char *specs = specs_text(d), *cc = cc_wrapper_text(d, d->compiler), *all, *h;

	all = xasprintf("%s\n%s\n%s", specs, cc, pkg_config_text);
	h = store_hash16(all);
	strbuf_addf(ident, "files %s\n", h);
	free(h);
	free(all);
	free(specs);
	free(cc);
}

static int identity(const struct store *st, const struct sysroot_def *d, char **cc_path,
		    struct strbuf *ident)
{
	char *defhash = store_hash16(d->text);
	struct strbuf cc = STRBUF_INIT;
	int rc;

	strbuf_addf(ident, "%s\nsysroot %s\ndefinition %s\n", STORE_FORMAT, d->target, defhash);
	free(defhash);
	rc = compiler_identity(st, d, cc_path, &cc);
	if (rc) {
		strbuf_release(&cc);
		return rc;
	}
	strbuf_addf(ident, "compiler %s", cc.buf);
	uapi_identity(st, d, ident);
	files_identity(d, ident);
	strbuf_release(&cc);
	return 0;
}

int sysroot_name(const struct store *st, const struct sysroot_def *d, char **name)
{
	struct strbuf ident = STRBUF_INIT;
	char *cc = NULL, *h;

	*name = NULL;
	if (identity(st, d, &cc, &ident)) {
		strbuf_release(&ident);
		return -1;
	}
	h = store_hash16(ident.buf);
	*name = xasprintf("%s-%s", d->target, h);
	free(h);
	free(cc);
	strbuf_release(&ident);
	return 0;
}

static void fill(const struct store *st, const char *name, const struct sysroot_def *d,
		 struct sysroot *out)
{
	out->name = xstrdup(name);
	out->dir = store_path(st, "sysroots/%s", name);
	out->bin = xasprintf("%s/bin", out->dir);
	out->cc_name = xasprintf("%s-gcc", d->target);
	out->pkg_config_name = xasprintf("%s-pkg-config", d->target);
	out->cc = xasprintf("%s/%s", out->bin, out->cc_name);
	out->pkg_config = xasprintf("%s/%s", out->bin, out->pkg_config_name);
}

int sysroot_lookup(const struct store *st, const struct sysroot_def *d, struct sysroot *out)
{
	char *name = NULL, *meta;
	int rc;

	*out = (struct sysroot)SYSROOT_INIT;
	if (sysroot_name(st, d, &name))
		return -1;
	meta = store_path(st, "sysroots/%s/%s", name, SYSROOT_META_FILE);
	rc = path_exists(meta) ? 0 : 1;
	fill(st, name, d, out);
	free(meta);
	free(name);
	return rc;
}

void sysroot_release(struct sysroot *s)
{
	free(s->name);
	free(s->dir);
	free(s->bin);
	free(s->cc);
	free(s->pkg_config);
	free(s->cc_name);
	free(s->pkg_config_name);
	*s = (struct sysroot)SYSROOT_INIT;
}

static int write_text(const char *path, const char *text, mode_t mode)
{
	int rc = write_file_atomic(path, text, strlen(text), mode);

	if (rc)
		gs_error_errno(-rc, "cannot write '%s'", path);
	return rc;
}

static void build_env(struct proc *p)
{
	strvec_pushl(&p->env, "LC_ALL=C", "SOURCE_DATE_EPOCH=" STORE_SOURCE_DATE_EPOCH, "CFLAGS", "CPPFLAGS", "LDFLAGS", "CC", "CXX", "MAKEFLAGS",
		     "MFLAGS", "GOSTATIC_SYSROOT", "LIBRARY_PATH", "CPATH", "C_INCLUDE_PATH", "GCC_EXEC_PREFIX",
		     "COMPILER_PATH", NULL);
}

/* The entry's record: what it is and what made it, nothing of this
 * machine or of when (build times go to logs/, see store_note_build()). */
static int write_meta(const char *path, const struct sysroot_def *d, const char *name,
		      const char *ident)
{
	json_t *o = json_object();
	int rc;

	json_object_set_new(o, "schema", json_string("gostatic.sysroot/1"));
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "target", json_string(d->target));
	json_object_set_new(o, "goos", json_string(d->goos));
	json_object_set_new(o, "goarch", json_string(d->goarch));
	json_object_set_new(o, "libc", json_pack("{s:s, s:s, s:s, s:s}", "name", d->name, "version",
						 d->version, "file", d->src.file, "sha256", d->src.sha256));
	json_object_set_new(o, "compiler", json_string(d->compiler));
	json_object_set_new(o, "headers", uses_pinned(d)
			    ? json_pack("{s:s, s:s, s:s}", "from", "pinned", "file", d->headers_src.file, "sha256",
					d->headers_src.sha256)
			    : json_pack("{s:s, s:s?}", "from", "host", "package", d->header_package));
	json_object_set_new(o, "identity", json_string(ident));
	json_object_set_new(o, "definition", json_string(starts_with(d->origin, "built-in ") ? d->origin
							 : path_base(d->origin)));
	rc = write_json_atomic(path, o, JSON_INDENT(2));
	json_decref(o);
	if (rc)
		gs_error_errno(-rc, "cannot write '%s'", path);
	return rc;
}

/* Unpacks the pinned header package under tmp/headers and sets *root to
 * the folder the definition's paths are below ("" for the host's own).
 * Returns 0, or -1 after printing why. */
static int headers_root(const struct store *st, const struct sysroot_def *d, const char *tmp, char **root)
{
	char *deb = NULL, *dir = xasprintf("%s/headers", tmp), *data = NULL, *why = NULL;
	struct strvec names = STRVEC_INIT;
	int rc = -1;

	*root = NULL;
	if (!uses_pinned(d)) {
		*root = xstrdup("");
		rc = 0;
		goto out;
	}
	if (pinned_headers(st, d, &deb))
		goto out;
	*root = xasprintf("%s/root", dir);
	if (mkdir(dir, 0755) < 0 || mkdir(*root, 0755) < 0) {
		gs_error_errno(errno, "cannot create '%s'", *root);
		goto out;
	}
	if (extract_archive(deb, dir, 0, &why)) {
		gs_error("%s", why);
		goto out;
	}
	list_dir(dir, &names);
	for (size_t i = 0; i < names.nr && !data; i++)
		if (starts_with(names.v[i], "data.tar"))
			data = xasprintf("%s/%s", dir, names.v[i]);
	if (!data) {
		gs_error("'%s' is not a Debian package: it has no data.tar member", deb);
		goto out;
	}
	if (extract_archive(data, *root, 0, &why)) {
		gs_error("%s", why);
		goto out;
	}
	out_verbose(&gs_out, 1, "Linux headers from %s", d->headers_src.file);
	rc = 0;
out:
	strvec_clear(&names);
	free(deb);
	free(dir);
	free(data);
	free(why);
	return rc;
}

static int build(const struct store *st, const struct sysroot_def *d, const char *name,
		 const char *cc, const char *ident, const char *tmp, double *seconds)
{
	char *src = xasprintf("%s/src", tmp), *root = xasprintf("%s/root", tmp);
	char *log_path = store_path(st, "logs/sysroot-%s.log", name), *source = NULL, *why = NULL;
	char *specs = NULL, *wrapper = NULL, *path, jobs[32], *hroot = NULL;
	struct strbuf cfg = STRBUF_INIT;
	struct strvec words = STRVEC_INIT;
	struct proc p = PROC_INIT;
	const struct ini_var vars[] = { { "target", d->target }, { "cc", cc }, { "tools", d->tools } };
	double t0 = now_seconds(), started = wall_now();
	char msg[256];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int log_fd = -1, rc = -1;

	gs_info("building the %s sysroot (%s %s) into %s", d->target, d->name,
		d->version, name);
	out_step(&gs_out, 1, 4, "fetch %s", d->src.file);
	if (fetch_source(st, &d->src, &source))
		goto out;
	out_step(&gs_out, 2, 4, "extract %s", d->src.file);
	if (mkdir(src, 0755) < 0) {
		gs_error_errno(errno, "cannot create '%s'", src);
		goto out;
	}
	if (extract_archive(source, src, d->strip, &why)) {
		gs_error("%s", why);
		goto out;
	}
	if (headers_root(st, d, tmp, &hroot))
		goto out;
	for (size_t i = 0; i < d->header_into.nr; i++) {
		char *from = xasprintf("%s%s", hroot, d->header_from.v[i]);
		struct stat sb;

		if (stat(from, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
			if (*hroot)
				gs_error("the pinned Linux headers %s have no folder '%s'", d->headers_src.file,
					 d->header_from.v[i]);
			else
				gs_error("the Linux UAPI header folder '%s' is missing%s%s%s", from,
					 d->header_package ? " (Debian: apt-get install " : "",
					 d->header_package ? d->header_package : "", d->header_package ? ")" : "");
			free(from);
			goto out;
		}
		free(from);
	}
	log_fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (log_fd < 0) {
		gs_error_errno(errno, "cannot write the build log '%s'", log_path);
		goto out;
	}
	out_step(&gs_out, 3, 4, "build %s %s with %s (log: %s)", d->name, d->version, cc, log_path);
	if (d->configure && ini_expand(d->configure, vars, ARRAY_SIZE(vars), &cfg, msg, sizeof(msg))) {
		gs_error("%s: [build] configure: %s", d->origin, msg);
		goto out;
	}
	if (ini_split(cfg.buf, &words)) {
		gs_error("%s: [build] configure has an unterminated quote", d->origin);
		goto out;
	}
	strvec_pushl(&p.args, "./configure", "--prefix=/", "--includedir=/include", "--libdir=/lib",
		     "--syslibdir=/lib", NULL);
	for (size_t i = 0; i < words.nr; i++)
		strvec_push(&p.args, words.v[i]);
	p.dir = src;
	build_env(&p);
	if (proc_run_step(&p, "configuring musl", log_fd, log_path))
		goto out;
	proc_release(&p);
	snprintf(jobs, sizeof(jobs), "-j%ld", ncpu > 0 ? ncpu : 1);
	strvec_pushl(&p.args, "make", jobs, NULL);
	p.dir = src;
	build_env(&p);
	if (proc_run_step(&p, "building musl", log_fd, log_path))
		goto out;
	proc_release(&p);
	out_step(&gs_out, 4, 4, "install into the store");
	path = xasprintf("DESTDIR=%s", root);
	strvec_pushl(&p.args, "make", "install", path, NULL);
	free(path);
	p.dir = src;
	build_env(&p);
	if (proc_run_step(&p, "installing musl", log_fd, log_path))
		goto out;
	for (size_t i = 0; i < d->header_into.nr; i++) {
		char *to = xasprintf("%s/include/%s", root, d->header_into.v[i]);
		char *from = xasprintf("%s%s", hroot, d->header_from.v[i]);
		int r;

		rm_rf(to);
		r = copy_tree(from, to);
		free(to);
		if (r) {
			gs_error_errno(-r, "cannot copy the UAPI headers from '%s'", from);
			free(from);
			goto out;
		}
		free(from);
	}
	path = xasprintf("%s/bin", root);
	rm_rf(path);            /* musl's own tools, if any: not used */
	mkdir(path, 0755);
	free(path);
	specs = specs_text(d);
	wrapper = cc_wrapper_text(d, d->compiler);
	path = xasprintf("%s/lib/gostatic.specs", root);
	rc = write_text(path, specs, 0644);
	free(path);
	if (!rc) {
		path = xasprintf("%s/bin/%s-gcc", root, d->target);
		rc = write_text(path, wrapper, 0755);
		free(path);
	}
	if (!rc) {
		path = xasprintf("%s/bin/%s-pkg-config", root, d->target);
		rc = write_text(path, pkg_config_text, 0755);
		free(path);
	}
	if (rc)
		goto out;
	*seconds = now_seconds() - t0;
	path = xasprintf("%s/%s", root, SYSROOT_META_FILE);
	rc = write_meta(path, d, name, ident);
	free(path);
	if (!rc && (rc = fs_normalize_tree(root, &why)))
		gs_error("%s", why);
	if (!rc)
		store_note_build(st, "sysroot", name, started, *seconds);
out:
	if (log_fd >= 0)
		close(log_fd);
	free(hroot);
	proc_release(&p);
	strvec_clear(&words);
	strbuf_release(&cfg);
	free(src);
	free(root);
	free(log_path);
	free(source);
	free(why);
	free(specs);
	free(wrapper);
	return rc ? -1 : 0;
}

int sysroot_ensure(const struct store *st, const struct sysroot_def *d, bool rebuild,
		   struct sysroot *out)
{
	struct strbuf ident = STRBUF_INIT;
	struct store_lock lk = STORE_LOCK_INIT;
	char *cc = NULL, *h, *name = NULL, *final = NULL, *meta = NULL, *dir = NULL;
	char *tmp = NULL, *lockname = NULL, *root = NULL;
	double seconds = 0;
	int rc = -1;

	*out = (struct sysroot)SYSROOT_INIT;
	if (identity(st, d, &cc, &ident))
		goto out;
	h = store_hash16(ident.buf);
	name = xasprintf("%s-%s", d->target, h);
	free(h);
	dir = store_path(st, "sysroots");
	final = xasprintf("%s/%s", dir, name);
	meta = xasprintf("%s/%s", final, SYSROOT_META_FILE);
	if (!rebuild && path_exists(meta)) {
		fill(st, name, d, out);
		rc = 0;
		goto out;
	}
	lockname = xasprintf("sysroot-%s", name);
	if (store_lock(st, lockname, &lk))
		goto out;
	if (!rebuild && path_exists(meta)) {        /* another process built it */
		fill(st, name, d, out);
		rc = 0;
		goto out;
	}
	if (store_clean_stale(dir, name))
		gs_info("removed what an interrupted run left of %s", name);
	tmp = store_mkbuild(dir, name);
	if (!tmp) {
		gs_error_errno(errno, "cannot create a temporary folder in '%s'", dir);
		goto out;
	}
	if (build(st, d, name, cc, ident.buf, tmp, &seconds))
		goto out;
	if (rebuild && path_exists(final)) {
		char *old = xasprintf("%s/old", tmp);

		if (rename(final, old) < 0) {
			gs_error_errno(errno, "cannot replace '%s'", final);
			free(old);
			goto out;
		}
		free(old);
	}
	root = xasprintf("%s/root", tmp);
	rc = store_publish(root, final);
	if (rc) {
		gs_error_errno(-rc, "cannot publish '%s'", final);
		rc = -1;
		goto out;
	}
	fill(st, name, d, out);
	out->built = true;
	out->seconds = seconds;
	gs_info("sysroot %s ready in %.1f s", name, seconds);
out:
	if (tmp)
		rm_rf(tmp);
	store_unlock(&lk);
	strbuf_release(&ident);
	free(cc);
	free(name);
	free(final);
	free(meta);
	free(dir);
	free(tmp);
	free(lockname);
	free(root);
	return rc;
}

int sysroot_pull(const struct store *st, const struct sysroot_def *d, struct cache *c)
{
	struct sysroot sr;
	char *lockname;
	int rc = sysroot_lookup(st, d, &sr);

	if (rc != 1) {
		sysroot_release(&sr);
		return rc == 0 ? 2 : rc;
	}
	lockname = xasprintf("sysroot-%s", sr.name);
	rc = cache_pull(c, st, lockname, &(struct cache_entry){ .sysroot = true, .name = "sysroot",
								 .target = d->target, .entry = sr.name, .dir = sr.dir });
	sysroot_release(&sr);
	free(lockname);
	return rc;
}

int sysroot_push(const struct store *st, const struct sysroot_def *d, struct cache *c)
{
	struct sysroot sr;
	bool skipped;
	int rc = sysroot_lookup(st, d, &sr);

	if (rc > 0)
		gs_error("the %s sysroot is not in the store: nothing to push", d->target);
	else if (!rc)
		rc = cache_push(c, &(struct cache_entry){ .sysroot = true, .name = "sysroot", .target = d->target,
							   .entry = sr.name, .dir = sr.dir }, &skipped);
	if (!rc && skipped)
		gs_info("%s: the cache has it already", sr.name);
	sysroot_release(&sr);
	return rc ? -1 : 0;
}

void sysroot_go_env(const struct sysroot *s, const struct sysroot_def *d, struct strvec *env)
{
	char *path;

	strvec_pushf(env, "GOOS=%s", d->goos);
	strvec_pushf(env, "GOARCH=%s", d->goarch);
	strvec_push(env, "CGO_ENABLED=1");
	strvec_pushf(env, "CC=%s", s->cc_name);
	strvec_pushf(env, "PKG_CONFIG=%s", s->pkg_config_name);
	strvec_push(env, (path = sysroot_path_env(s->bin)));
	strvec_push(env, "GOSTATIC_PKG_CONFIG_LIBDIR=");
	strvec_push(env, "GOSTATIC_STORE_NAMES=1");
	free(path);
}

char *sysroot_path_env(const char *dir)
{
	const char *path = getenv("PATH");

	return xasprintf("PATH=%s%s%s", dir, path && *path ? ":" : "", path && *path ? path : "");
}
