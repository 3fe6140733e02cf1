/* manifest.c - what is inside an output: the --manifest and --sbom documents */
#include "manifest.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fsutil.h"
#include "log.h"
#include "mapfile.h"
#include "proc.h"
#include "sbom.h"
#include "sha256.h"
#include "verify.h"

static json_t *lib_json(const char *name, const char *version, const char *license, const char *file,
			const char *sha256, const char *kind)
{
	json_t *o = json_object();

	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "version", version ? json_string(version) : json_null());
	json_object_set_new(o, "license", license ? json_string(license) : json_null());
	json_object_set_new(o, "source", file ? json_string(file) : json_null());
	json_object_set_new(o, "sha256", sha256 ? json_string(sha256) : json_null());
	json_object_set_new(o, "kind", json_string(kind));
	return o;
}

/* The version of the compiler the sysroot was made with, from its
 * metadata ("gcc version 12.2.0 (...)"), or NULL. */
static char *compiler_version(const struct sysroot *sr)
{
	char *path = xasprintf("%s/%s", sr->dir, SYSROOT_META_FILE), *v = NULL;
	json_t *o = json_load_file(path, 0, NULL);
	const char *id = o ? json_string_value(json_object_get(o, "identity")) : NULL;
	const char *at = id ? strstr(id, "gcc version ") : NULL;

	if (at) {
		at += strlen("gcc version ");
		v = xstrndup(at, strcspn(at, " \n"));
	}
	json_decref(o);
	free(path);
	return v;
}

int manifest_write(const char *path, const struct strvec *outputs, const struct manifest_input *in)
{
	const struct sysroot_def *def = in->def;
	const struct pkgset *set = in->set;
	json_t *o = json_object(), *outs = json_array(), *libs = json_array();
	char *ccv = NULL;
	int rc;

	json_object_set_new(o, "schema", json_string("gostatic.manifest/2"));
	json_object_set_new(o, "target", json_pack("{s:s, s:s}", "goos", def->goos, "goarch", def->goarch));
	for (size_t i = 0; i < outputs->nr; i++) {
		char hex[SHA256_HEX_LEN + 1];

		if (sha256_file(outputs->v[i], hex))
			hex[0] = '\0';
		json_array_append_new(outs, json_pack("{s:s, s:s}", "file", path_base(outputs->v[i]), "sha256", hex));
	}
	json_object_set_new(o, "outputs", outs);
	json_object_set_new(o, "cgo", json_boolean(in->cgo));
	if (in->cgo) {
		const struct pkg *al = pkgset_allocator(set);

		json_object_set_new(o, "allocator", json_string(al ? al->r.name : "musl"));
		json_array_append_new(libs, lib_json(def->name, def->version, def->license, def->src.file,
						     def->src.sha256, "libc"));
		for (size_t n = set->nr; n-- > 0;) {
			const struct pkg *p = &set->v[n];
			json_t *l = lib_json(p->r.name, p->r.version, p->r.license, p->source_file, p->source_sha256,
					     p->allocator ? "allocator" : "recipe"), *feats = json_array(), *lic = json_array();

			for (size_t k = 0; k < p->features.nr; k++)
				json_array_append_new(feats, json_string(p->features.v[k]));
			for (size_t k = 0; k < p->r.license_files.nr; k++) {
				const char *f = p->r.license_files.v[k], *base = path_base(f);
				char *lp = xasprintf("pkgs/%s/share/licenses/%s/%s", p->entry, p->r.name, base);

				json_array_append_new(lic, json_string(lp));
				free(lp);
			}
			json_object_set_new(l, "source_kind", json_string(p->source_kind ? p->source_kind : "upstream"));
			json_object_set_new(l, "features", feats);
			json_object_set_new(l, "license_files", lic);
			json_object_set_new(l, "entry", json_string(p->entry));
			json_array_append_new(libs, l);
		}
		ccv = compiler_version(in->sr);
		json_array_append_new(libs, lib_json("libgcc", ccv, "GPL-3.0-or-later WITH GCC-exception-3.1", NULL, NULL,
						     "compiler runtime"));
	}
	json_object_set_new(o, "libraries", libs);
	rc = write_json_atomic(path, o, JSON_INDENT(2));
	json_decref(o);
	if (rc)
		gs_error_errno(-rc, "cannot write the manifest '%s'", path);
	free(ccv);
	return rc ? -1 : 0;
}

/* The sha256 of the libgcc.a the sysroot's compiler links, or NULL. */
static char *libgcc_sha256(const struct sysroot_def *def)
{
	struct proc p = PROC_INIT;
	char hex[SHA256_HEX_LEN + 1], *path;

	strvec_pushl(&p.args, def->compiler, "-print-libgcc-file-name", NULL);
	p.split = true;
	if (proc_run(&p) || !p.out.len) {
		proc_release(&p);
		return NULL;
	}
	path = xstrndup(p.out.buf, strcspn(p.out.buf, "\n"));
	proc_release(&p);
	if (sha256_file(path, hex)) {
		free(path);
		return NULL;
	}
	free(path);
	return xstrdup(hex);
}

int manifest_write_sbom(const char *path, const char *exe, const struct manifest_input *in)
{
	const struct sysroot_def *def = in->def;
	const struct pkgset *set = in->set;
	struct sbom_component *c = xcalloc(set->nr + 2, sizeof(*c));
	struct strvec own = STRVEC_INIT;     /* strings the components point to */
	struct mapped_file mf;
	struct report r;
	char hex[SHA256_HEX_LEN + 1], created[32], *ccv = NULL, *gcc_sha = NULL;
	size_t nc = 0;
	json_t *doc;
	int rc = map_file(exe, &mf);

	if (rc) {
		free(c);
		return gs_error_errno(-rc, "cannot read the output '%s'", exe);
	}
	if (sbom_created(getenv("SOURCE_DATE_EPOCH"), created, sizeof(created)))
		gs_warn("SOURCE_DATE_EPOCH is '%s', not a number of seconds: the SBOM says 1970",
			getenv("SOURCE_DATE_EPOCH"));
	sha256_hex(mf.buf, mf.len, hex);
	report_init(&r, path_base(exe));
	verify_buffer(mf.buf, mf.len, &r);
	if (in->cgo) {
		c[nc++] = (struct sbom_component){ def->name, def->version, def->license,
						   def->src.urls.nr ? def->src.urls.v[0] : NULL, def->src.sha256,
						   strvec_push(&own, "the C library, linked statically; the checksum "
								     "is its source archive's"), "LIBRARY" };
		for (size_t n = set->nr; n-- > 0;) {
			const struct pkg *p = &set->v[n];
			bool debian = p->source_kind && strcmp(p->source_kind, "upstream");
			const struct recipe_source *src = &p->r.sources[0];
			const char *comment;

			for (size_t k = 0; k < p->r.nsources; k++)
				if (p->source_kind && !strcmp(p->r.sources[k].kind, p->source_kind))
					src = &p->r.sources[k];
			comment = p->allocator
				  ? strvec_pushf(&own, "the allocator of all C code, in place of musl's; built by gostatic "
						       "from %s, whose sha256 is the checksum", p->source_file)
				  : debian && src->src.debian_pkg
				  ? strvec_pushf(&own, "built by gostatic from Debian's source package %s (%s), "
						       "whose sha256 is the checksum", src->src.debian_pkg, p->source_file)
				  : strvec_pushf(&own, "built by gostatic from %s, whose sha256 is the checksum",
						 p->source_file);
			c[nc++] = (struct sbom_component){ p->r.name, p->r.version, p->r.license,
							   !debian && src->src.urls.nr ? src->src.urls.v[0] : NULL,
							   p->source_sha256, comment, "LIBRARY" };
		}
		ccv = compiler_version(in->sr);
		gcc_sha = libgcc_sha256(def);
		c[nc++] = (struct sbom_component){ "libgcc", ccv, "GPL-3.0-or-later WITH GCC-exception-3.1", NULL, gcc_sha,
						   strvec_push(&own, "the compiler's runtime library; the checksum "
								     "is that of the libgcc.a linked"), "LIBRARY" };
	}
	doc = sbom_document(&(struct sbom_input){ path_base(exe), hex, &r.go, created, "Tool: gostatic-" GOSTATIC_VERSION,
						   c, nc });
	rc = write_json_atomic(path, doc, JSON_INDENT(2));
	if (rc)
		gs_error_errno(-rc, "cannot write the SBOM '%s'", path);
	json_decref(doc);
	report_release(&r);
	unmap_file(&mf);
	strvec_clear(&own);
	free(ccv);
	free(gcc_sha);
	free(c);
	return rc ? -1 : 0;
}
