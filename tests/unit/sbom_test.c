/* sbom_test.c - the SPDX document of an executable */
#include <stdlib.h>

#include "sbom.h"
#include "test.h"

TEST(document)
{
	struct go_info g;
	struct go_module rep = { "example.com/fork", "v1.0.1", NULL, NULL };
	const struct sbom_component c[] = {
		{ "musl", "1.2.3", "MIT", "https://musl.libc.org/releases/musl-1.2.3.tar.gz",
		  "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4", NULL, NULL },
		{ "zlib", "1.2.13", "Zlib", NULL, "71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1",
		  "from Debian", "LIBRARY" },
	};
	struct sbom_input in = { "app", "b2b8f47d06163033f954cbc73ea0ee8e2db0f9987b8329d24a930ae68ce9f718", &g,
				 "1970-01-01T00:00:00Z", "Tool: gostatic-test", c, 2 };
	json_t *d, *pk, *p;
	char *one, *two;

	memset(&g, 0, sizeof(g));
	g.version = "go1.19.8";
	g.main = (struct go_module){ "example.com/app", "(devel)", NULL, NULL };
	g.deps = (struct go_module[]){
		{ "github.com/x/y", "v1.2.3", "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", NULL },
		{ "example.com/orig", "v1.0.0", NULL, &rep },
	};
	g.ndeps = 2;
	d = sbom_document(&in);
	CHECK_STR(json_string_value(json_object_get(d, "spdxVersion")), "SPDX-2.3");
	CHECK_STR(json_string_value(json_object_get(d, "documentNamespace")),
		  "urn:uuid:b2b8f47d-0616-5033-a954-cbc73ea0ee8e");
	pk = json_object_get(d, "packages");
	CHECK_INT(json_array_size(pk), 7);       /* app, main, 2 modules, go, musl, zlib */
	p = json_array_get(pk, 2);
	CHECK_STR(json_string_value(json_object_get(p, "name")), "github.com/x/y");
	/* the module sum, a SHA-256 in base64, as hex */
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(p, "checksums"), 0), "checksumValue")),
		  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(p, "externalRefs"), 0),
						    "referenceLocator")), "pkg:golang/github.com/x/y@v1.2.3");
	/* a replaced module is named by its replacement */
	CHECK_STR(json_string_value(json_object_get(json_array_get(pk, 3), "name")), "example.com/fork");
	CHECK_STR(json_string_value(json_object_get(json_array_get(pk, 4), "versionInfo")), "1.19.8");
	CHECK_STR(json_string_value(json_object_get(json_array_get(pk, 6), "downloadLocation")), "NOASSERTION");
	CHECK_INT(json_array_size(json_object_get(d, "relationships")), 7);   /* DESCRIBES + 6 CONTAINS */
	/* the same inputs, the same bytes */
	one = json_dumps(d, JSON_INDENT(2));
	json_decref(d);
	d = sbom_document(&in);
	two = json_dumps(d, JSON_INDENT(2));
	CHECK_STR(one, two);
	free(one);
	free(two);
	json_decref(d);
}

TEST(created)
{
	char buf[32];

	CHECK_INT(sbom_created(NULL, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "1970-01-01T00:00:00Z");
	CHECK_INT(sbom_created("1700000000", buf, sizeof(buf)), 0);
	CHECK_STR(buf, "2023-11-14T22:13:20Z");
	CHECK_INT(sbom_created("yesterday", buf, sizeof(buf)), -1);
	CHECK_STR(buf, "1970-01-01T00:00:00Z");
}
