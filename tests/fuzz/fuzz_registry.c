/* fuzz_registry.c - libFuzzer target over what a registry answers
 *
 * The input is read as every kind of answer the cache parses: an entry
 * manifest, a signature manifest, an error body, a WWW-Authenticate
 * challenge, and (as a URL) a cache location. No crash, no leak, every
 * refusal says why, and an accepted manifest written back reads the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ociref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *why = NULL, *e;
	struct oci_entry_manifest m;
	struct oci_signature s;
	struct oci_challenge c;
	struct cache_url u;

	memcpy(text, data, size);
	text[size] = '\0';
	if (!oci_entry_manifest_parse(text, size, &m, &why)) {
		char *again = oci_entry_manifest_text(m.id, &m.config, &m.layer);
		struct oci_entry_manifest m2;

		if (oci_entry_manifest_parse(again, strlen(again), &m2, &why) || strcmp(m2.id, m.id) ||
		    strcmp(m2.layer.digest, m.layer.digest) || m2.layer.size != m.layer.size)
			abort();
		oci_entry_manifest_release(&m2);
		oci_entry_manifest_release(&m);
		free(again);
	} else if (!why) {
		abort();
	}
	free(why);
	why = NULL;
	if (!oci_signature_parse(text, size, &s, &why))
		oci_signature_release(&s);
	else if (!why)
		abort();
	free(why);
	why = NULL;
	e = oci_error_text(text, size);
	free(e);
	if (!oci_challenge_parse(text, &c))
		oci_challenge_release(&c);
	if (!cache_url_parse(text, &u, &why)) {
		char *repo = NULL, *tag = NULL;

		if (!oci_entry_ref(&u, "zlib", "x86_64-linux-musl", "zlib-1.2.13-0123456789abcdef", &repo, &tag) &&
		    (!oci_repo_valid(repo) || !oci_tag_valid(tag)))
			abort();
		free(repo);
		free(tag);
		cache_url_release(&u);
	} else if (!why) {
		abort();
	}
	free(why);
	free(text);
	return 0;
}
