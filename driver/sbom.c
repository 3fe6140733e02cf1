/* sbom.c - an SPDX 2.3 document (JSON) of a static executable */
#include "sbom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* An SPDX identifier: "SPDXRef-" KIND "-" N "-" name with every character
 * outside [A-Za-z0-9.-] made '-'. */
static char *spdx_id(const char *kind, size_t n, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "SPDXRef-%s-%zu-", kind, n);
	for (const char *p = name; *p; p++)
		strbuf_addch(&sb, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
				  *p == '.' || *p == '-' ? *p : '-');
	return strbuf_detach(&sb);
}

/* A Go module sum "h1:BASE64" as the hex of its SHA-256, or NULL. */
static char *h1_hex(const char *sum)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char out[48];
	size_t n = 0;
	unsigned bits = 0, acc = 0;
	struct strbuf sb = STRBUF_INIT;

	if (!sum || strncmp(sum, "h1:", 3))
		return NULL;
	for (const char *p = sum + 3; *p && *p != '='; p++) {
		const char *at = strchr(b64, *p);

		if (!at || n >= sizeof(out))
			return NULL;
		acc = (acc << 6) | (unsigned)(at - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (n != 32)
		return NULL;
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%02x", out[i]);
	return strbuf_detach(&sb);
}

static json_t *checksums(const char *sha256)
{
	json_t *a = json_array();

	if (sha256)
		json_array_append_new(a, json_pack("{s:s, s:s}", "algorithm", "SHA256", "checksumValue", sha256));
	return a;
}

/* One package: the fields SPDX requires, and those given. */
static json_t *package(const char *id, const char *name, const char *version, const char *download,
		       const char *license, const char *sha256, const char *purpose)
{
	json_t *p = json_object();

	json_object_set_new(p, "SPDXID", json_string(id));
	json_object_set_new(p, "name", json_string(name));
	if (version && *version)
		json_object_set_new(p, "versionInfo", json_string(version));
	json_object_set_new(p, "downloadLocation", json_string(download ? download : "NOASSERTION"));
	json_object_set_new(p, "filesAnalyzed", json_false());
	json_object_set_new(p, "licenseConcluded", json_string("NOASSERTION"));
	json_object_set_new(p, "licenseDeclared", json_string(license ? license : "NOASSERTION"));
	json_object_set_new(p, "copyrightText", json_string("NOASSERTION"));
	if (sha256)
		json_object_set_new(p, "checksums", checksums(sha256));
	if (purpose)
		json_object_set_new(p, "primaryPackagePurpose", json_string(purpose));
	return p;
}

static void add_purl(json_t *p, const char *purl)
{
	json_object_set_new(p, "externalRefs",
			    json_pack("[{s:s, s:s, s:s}]", "referenceCategory", "PACKAGE-MANAGER", "referenceType",
				      "purl", "referenceLocator", purl));
}

/* A Go module: its replacement when it has one. */
static json_t *go_module(size_t n, const struct go_module *m, bool main_module)
{
	const struct go_module *use = m->replace && m->replace->path ? m->replace : m;
	const char *version = use->version && strcmp(use->version, "(devel)") ? use->version : NULL;
	char *id = spdx_id(main_module ? "GoMain" : "GoModule", n, use->path), *hex = h1_hex(use->sum);
	json_t *p = package(id, use->path, version ? version : use->version, NULL, NULL, hex, main_module ? "APPLICATION"
			    : "LIBRARY");

	if (version) {
		char *purl = xasprintf("pkg:golang/%s@%s", use->path, version);

		add_purl(p, purl);
		free(purl);
	}
	if (hex)
		json_object_set_new(p, "comment", json_string("the checksum is the Go module sum (h1: SHA-256 of the "
							      "module's file hashes), in hex"));
	if (m->replace && m->replace->path) {
		char *c = xasprintf("replaces %s%s%s", m->path, m->version ? " " : "", m->version ? m->version : "");

		json_object_set_new(p, "summary", json_string(c));
		free(c);
	}
	free(id);
	free(hex);
	return p;
}

json_t *sbom_document(const struct sbom_input *in)
{
	json_t *doc = json_object(), *pkgs = json_array(), *rels = json_array(), *p;
	char *exe_id = spdx_id("Executable", 0, in->exe_name), *ns;
	size_t n = 1;

	ns = xasprintf("urn:uuid:%.8s-%.4s-5%.3s-%c%.3s-%.12s", in->exe_sha256, in->exe_sha256 + 8,
		       in->exe_sha256 + 13, "89ab"[(in->exe_sha256[16] - '0') & 3], in->exe_sha256 + 17,
		       in->exe_sha256 + 20);
	json_object_set_new(doc, "spdxVersion", json_string("SPDX-2.3"));
	json_object_set_new(doc, "dataLicense", json_string("CC0-1.0"));
	json_object_set_new(doc, "SPDXID", json_string("SPDXRef-DOCUMENT"));
	json_object_set_new(doc, "name", json_string(in->exe_name));
	json_object_set_new(doc, "documentNamespace", json_string(ns));
	json_object_set_new(doc, "creationInfo",
			    json_pack("{s:s, s:[s]}", "created", in->created, "creators", in->tool));
	json_object_set_new(doc, "documentDescribes", json_pack("[s]", exe_id));

	p = package(exe_id, in->exe_name, in->go && in->go->main.version ? in->go->main.version : NULL, NULL, NULL,
		    in->exe_sha256, "APPLICATION");
	json_object_set_new(p, "comment", json_string("a static executable made by gostatic; the checksum is the file's"));
	json_array_append_new(pkgs, p);
	json_array_append_new(rels, json_pack("{s:s, s:s, s:s}", "spdxElementId", "SPDXRef-DOCUMENT",
					      "relationshipType", "DESCRIBES", "relatedSpdxElement", exe_id));

	/* the Go code: the main module, the modules it needs, the toolchain */
	if (in->go && in->go->main.path) {
		json_array_append_new(pkgs, go_module(n++, &in->go->main, true));
	}
	for (size_t i = 0; in->go && i < in->go->ndeps; i++)
		if (in->go->deps[i].path)
			json_array_append_new(pkgs, go_module(n++, &in->go->deps[i], false));
	if (in->go && in->go->version) {
		const char *v = starts_with(in->go->version, "go") ? in->go->version + 2 : in->go->version;
		char *id = spdx_id("GoToolchain", n++, "go"), *purl = xasprintf("pkg:golang/stdlib@%s", v);

		p = package(id, "go", v, "https://go.dev/dl/", "BSD-3-Clause", NULL, "LIBRARY");
		json_object_set_new(p, "comment", json_string("the Go toolchain: its runtime and standard library "
							      "are linked in"));
		add_purl(p, purl);
		json_array_append_new(pkgs, p);
		free(purl);
		free(id);
	}

	/* the C code */
	for (size_t i = 0; i < in->nc; i++) {
		const struct sbom_component *c = &in->c[i];
		char *id = spdx_id("C", n++, c->name);

		p = package(id, c->name, c->version, c->download, c->license, c->sha256,
			    c->purpose ? c->purpose : "LIBRARY");
		if (c->comment)
			json_object_set_new(p, "comment", json_string(c->comment));
		json_array_append_new(pkgs, p);
		free(id);
	}

	for (size_t i = 1; i < json_array_size(pkgs); i++)
		json_array_append_new(rels, json_pack("{s:s, s:s, s:O}", "spdxElementId", exe_id, "relationshipType",
						      "CONTAINS", "relatedSpdxElement",
						      json_object_get(json_array_get(pkgs, i), "SPDXID")));
	json_object_set_new(doc, "packages", pkgs);
	json_object_set_new(doc, "relationships", rels);
	free(exe_id);
	free(ns);
	return doc;
}

int sbom_created(const char *epoch, char *buf, size_t n)
{
	long long t = 0;
	int rc = 0;
	struct tm tm;
	time_t tt;

	if (epoch && *epoch) {
		char *end;

		t = strtoll(epoch, &end, 10);
		if (*end || t < 0 || t > 253402300799LL) {
			t = 0;
			rc = -1;
		}
	}
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return rc;
}
