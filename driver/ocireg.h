/* ocireg.h - a client of OCI distribution registries (libcurl)
 *
 * Speaks the parts of the OCI distribution API that the cache needs:
 * manifests (get, head, put), blobs (get streamed and hashed, head, put in
 * one POST + PUT upload), and tag lists. Authentication follows the
 * registry's 401 challenge: HTTP Basic, or the Bearer token flow
 * (realm, service, scope; a token that expires mid-run is fetched again).
 * Credentials come from GOSTATIC_CACHE_USER and GOSTATIC_CACHE_PASSWORD,
 * else from docker's config.json ($DOCKER_CONFIG/config.json or
 * ~/.docker/config.json, "auths" by host). Redirects are followed by hand,
 * and Authorization is never sent to a host other than the registry's.
 * 429 and 5xx answers are retried with backoff (Retry-After honoured),
 * GOSTATIC_RETRIES times (default 2). GOSTATIC_CACHE_TIMEOUT (seconds,
 * default 5) bounds connecting, GOSTATIC_STALL_TIMEOUT (default 30) a
 * transfer without a byte. */
#ifndef GS_OCIREG_H
#define GS_OCIREG_H

#include <stdbool.h>
#include <stdint.h>

#include "ociref.h"
#include "util.h"

struct oci_client;

/* A client of the registry u names (u is copied). NULL after printing why
 * when libcurl cannot be loaded. */
struct oci_client *oci_client_new(const struct cache_url *u);
void oci_client_free(struct oci_client *c);

/* True once a request could not reach the registry at all (cannot
 * connect, resolve, or timed out connecting): later calls fail at once. */
bool oci_client_down(const struct oci_client *c);
/* How many HTTP requests the client made. */
size_t oci_client_requests(const struct oci_client *c);
/* What the client authenticated with so far: "anonymous", "basic",
 * "bearer" or "bearer (anonymous)". */
const char *oci_client_auth(const struct oci_client *c);

/* Checks that the registry answers the API (GET /v2/, authenticating for
 * repo's pull scope when asked). Returns 0, or -1 with *why (owned). */
int oci_ping(struct oci_client *c, const char *repo, char **why);

/* Gets a manifest by tag or digest into body (at most 4 MiB). Returns 0,
 * 1 when the registry has no such manifest, or -1 with *why. */
int oci_manifest_get(struct oci_client *c, const char *repo, const char *ref, struct strbuf *body,
		     char **why);
/* 0 when it exists, 1 when not, -1 with *why. */
int oci_manifest_exists(struct oci_client *c, const char *repo, const char *ref, char **why);
/* Puts a manifest (media type OCI_MANIFEST_TYPE) under ref. Returns 0 or
 * -1 with *why. */
int oci_manifest_put(struct oci_client *c, const char *repo, const char *ref, const char *text,
		     char **why);

/* Streams the blob digest into the file dest (created), hashing it on the
 * way; size is what its descriptor says. The file is removed unless the
 * whole blob arrived with that size and digest. Returns 0, 1 when the
 * registry has no such blob, or -1 with *why (a digest or size mismatch
 * says so). */
int oci_blob_get(struct oci_client *c, const char *repo, const char *digest, int64_t size,
		 const char *dest, char **why);
/* The same into memory (at most 1 MiB). */
int oci_blob_get_mem(struct oci_client *c, const char *repo, const char *digest, int64_t size,
		     struct strbuf *body, char **why);
/* Uploads a blob unless the registry has it already: from the file path
 * (data NULL), or the len bytes at data. Returns 0 or -1 with *why. */
int oci_blob_put(struct oci_client *c, const char *repo, const char *digest, const char *path,
		 const void *data, size_t len, char **why);

/* Appends the repository's tags to out. Returns 0, 1 when the repository
 * is unknown to the registry, or -1 with *why. */
int oci_tags(struct oci_client *c, const char *repo, struct strvec *out, char **why);

#endif
