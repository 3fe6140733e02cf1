/* cache_test.c - the binary cache's pure parts: URLs, references,
 * challenges, manifests and signatures as the registry sends them back */
#include <stdlib.h>

#include "ociref.h"
#include "test.h"

TEST(cache_urls)
{
	struct cache_url u;
	char *why = NULL;

	CHECK(!cache_url_parse("oci://ghcr.io/acme/gostatic", &u, &why));
	CHECK(u.https);
	CHECK_STR(u.host, "ghcr.io");
	CHECK_STR(u.path, "acme/gostatic");
	cache_url_release(&u);
	CHECK(!cache_url_parse("oci+http://127.0.0.1:5000/cache/", &u, &why));
	CHECK(!u.https);
	CHECK_STR(u.host, "127.0.0.1:5000");
	CHECK_STR(u.path, "cache");
	cache_url_release(&u);
	CHECK(!cache_url_parse("oci://registry.local", &u, &why));
	CHECK_STR(u.path, "");
	cache_url_release(&u);
	static const char *const bad[] = { "https://ghcr.io/x", "oci://", "oci:///x", "oci://h/Upper",
					   "oci://h/a//b", "oci://h o/x", "oci://h/-x", "ghcr.io/x" };
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK_MSG(cache_url_parse(bad[i], &u, &why) == -1, "%s was taken", bad[i]);
		CHECK_MSG(why && strstr(why, "oci://HOST"), "%s: %s", bad[i], why ? why : "(no reason)");
		free(why);
		why = NULL;
	}
}

TEST(entry_references)
{
	struct cache_url u;
	char *why = NULL, *repo, *tag;

	CHECK(!cache_url_parse("oci+http://127.0.0.1:5000/org/cache", &u, &why));
	CHECK(!oci_entry_ref(&u, "zlib", "x86_64-linux-musl", "zlib-1.2.13-0123456789abcdef", &repo, &tag));
	CHECK_STR(repo, "org/cache/zlib");
	CHECK_STR(tag, "x86_64-linux-musl_1.2.13-0123456789abcdef");
	CHECK(oci_tag_valid(tag));
	free(repo);
	free(tag);
	CHECK(!oci_entry_ref(&u, "sysroot", "aarch64-linux-musl", "aarch64-linux-musl-fedcba9876543210", &repo, &tag));
	CHECK_STR(tag, "aarch64-linux-musl_aarch64-linux-musl-fedcba9876543210");
	free(repo);
	free(tag);
	/* a version with characters a tag cannot hold */
	CHECK(!oci_entry_ref(&u, "foo", "x86_64-linux-musl", "foo-1.0+git~2-0123", &repo, &tag));
	CHECK_STR(tag, "x86_64-linux-musl_1.0_git_2-0123");
	free(repo);
	free(tag);
	CHECK(oci_entry_ref(&u, "Bad Name", "x86_64-linux-musl", "x", &repo, &tag) == -1);
	cache_url_release(&u);
	CHECK(oci_repo_valid("a/b-c/d__e/f.g"));
	CHECK(!oci_repo_valid("a/b_"));
	CHECK(!oci_repo_valid("a/"));
	CHECK(!oci_tag_valid(".x"));
	CHECK(!oci_tag_valid(""));
}

TEST(challenges)
{
	struct oci_challenge c;

	CHECK(!oci_challenge_parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
				   "scope=\"repository:org/x:pull,push\"", &c));
	CHECK_STR(c.scheme, "bearer");
	CHECK_STR(c.realm, "https://auth.example/token");
	CHECK_STR(c.service, "registry.example");
	CHECK_STR(c.scope, "repository:org/x:pull,push");
	oci_challenge_release(&c);
	CHECK(!oci_challenge_parse("Basic realm=\"gostatic-test\"", &c));
	CHECK_STR(c.scheme, "basic");
	oci_challenge_release(&c);
	CHECK(!oci_challenge_parse("Bearer realm=x, service=y", &c));
	CHECK_STR(c.service, "y");
	oci_challenge_release(&c);
	CHECK(oci_challenge_parse("Bearer service=\"y\"", &c) == -1);    /* no realm */
	CHECK(oci_challenge_parse("Negotiate abc", &c) == -1);
	CHECK(oci_challenge_parse("Bearer realm=\"unterminated", &c) == -1);
	CHECK(oci_challenge_parse("", &c) == -1);
}

static const char D1[] = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
static const char D2[] = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

TEST(entry_manifest_round_trip)
{
	struct oci_desc cfg = { (char *)OCI_ENTRY_CONFIG_TYPE, (char *)D1, 182 };
	struct oci_desc layer = { (char *)OCI_LAYER_TYPE, (char *)D2, 1234567 };
	char *text = oci_entry_manifest_text("pkg/x86_64-linux-musl/zlib-1", &cfg, &layer), *again, *why = NULL;
	struct oci_entry_manifest m;

	CHECK(!oci_entry_manifest_parse(text, strlen(text), &m, &why));
	CHECK_STR(m.id, "pkg/x86_64-linux-musl/zlib-1");
	CHECK_STR(m.layer.digest, D2);
	CHECK(m.layer.size == 1234567);
	CHECK(m.config.size == 182);
	again = oci_entry_manifest_text(m.id, &m.config, &m.layer);
	CHECK_STR(again, text);          /* the same entry, the same bytes */
	oci_entry_manifest_release(&m);
	free(again);
	free(text);
}

TEST(entry_manifest_refusals)
{
	static const char *const bad[] = {
		"",
		"[]",
		"{\"schemaVersion\":1}",
		"{\"schemaVersion\":2,\"artifactType\":\"application/vnd.other\"}",
		"{\"schemaVersion\":2,\"artifactType\":\"" OCI_ENTRY_TYPE "\",\"layers\":[]}",
		"{\"schemaVersion\":2,\"artifactType\":\"" OCI_ENTRY_TYPE "\",\"annotations\":{\"dev.gostatic.entry\":\"x\"},"
		"\"config\":{\"mediaType\":\"" OCI_ENTRY_CONFIG_TYPE "\",\"digest\":\"sha256:zz\",\"size\":1},"
		"\"layers\":[{\"mediaType\":\"" OCI_LAYER_TYPE "\",\"digest\":\"sha256:zz\",\"size\":1}]}",
		"{\"schemaVersion\":2,\"artifactType\":\"" OCI_ENTRY_TYPE "\",\"annotations\":{\"dev.gostatic.entry\":\"x\"},"
		"\"config\":{\"mediaType\":\"" OCI_ENTRY_CONFIG_TYPE "\",\"digest\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\",\"size\":-1},"
		"\"layers\":[{\"mediaType\":\"" OCI_LAYER_TYPE "\",\"digest\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\",\"size\":1}]}",
		"{\"schemaVersion\":2,\"schemaVersion\":2}",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct oci_entry_manifest m;
		char *why = NULL;

		CHECK_MSG(oci_entry_manifest_parse(bad[i], strlen(bad[i]), &m, &why) == -1, "case %zu was taken", i);
		CHECK_MSG(why && *why, "case %zu has no reason", i);
		free(why);
	}
}

TEST(signature_round_trip)
{
	struct oci_signature s = { (char *)"sysroot/x86_64-linux-musl-1", (char *)D1, 512, (char *)"0123456789abcdef",
				   (char *)"c2ln" }, r;
	char *text = oci_signature_text(&s), *why = NULL;

	CHECK(!oci_signature_parse(text, strlen(text), &r, &why));
	CHECK_STR(r.id, s.id);
	CHECK_STR(r.subject, D1);
	CHECK(r.subject_size == 512);
	CHECK_STR(r.keyid, s.keyid);
	CHECK_STR(r.sig, "c2ln");
	CHECK(strstr(text, OCI_EMPTY_DIGEST) != NULL);
	oci_signature_release(&r);
	free(text);
	s.keyid = (char *)"XYZ";
	text = oci_signature_text(&s);
	CHECK(oci_signature_parse(text, strlen(text), &r, &why) == -1);
	CHECK(why && strstr(why, "key id"));
	free(why);
	free(text);
}

TEST(registry_errors)
{
	const char body[] = "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"provided digest did not match\"}]}";
	char *e = oci_error_text(body, strlen(body));

	CHECK_STR(e, "DIGEST_INVALID: provided digest did not match");
	free(e);
	CHECK(oci_error_text("<html>", 6) == NULL);
	CHECK(oci_error_text(NULL, 0) == NULL);
	CHECK(oci_digest_valid(D1));
	CHECK(!oci_digest_valid("sha256:ABC"));
	CHECK(!oci_digest_valid("sha512:1111111111111111111111111111111111111111111111111111111111111111"));
}
