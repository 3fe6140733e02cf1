/* ociref.h - the pure parts of the binary cache: cache URLs, where an
 * entry lives in a registry, authentication challenges, and the OCI
 * manifests gostatic writes and reads (see docs/cache.md)
 *
 * An entry lives in the repository PATH/NAME (NAME the recipe's name, or
 * "sysroot"), under the tag TARGET_REST, REST being the entry name without
 * its "NAME-" head (version and hash), so that one repository holds the
 * entries of every target and `cache ls` lists one target's by the tag's
 * head. Its signature lives under the tag TAG.sig. Nothing here does I/O. */
#ifndef GS_OCIREF_H
#define GS_OCIREF_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "util.h"

/* application/vnd.gostatic.entry.v1: the artifactType of an entry */
#define OCI_ENTRY_TYPE "application/vnd.gostatic.entry.v1"
#define OCI_ENTRY_CONFIG_TYPE "application/vnd.gostatic.entry.config.v1+json"
#define OCI_SIG_TYPE "application/vnd.gostatic.signature.v1"
#define OCI_LAYER_TYPE "application/vnd.oci.image.layer.v1.tar+zstd"
#define OCI_MANIFEST_TYPE "application/vnd.oci.image.manifest.v1+json"
#define OCI_EMPTY_TYPE "application/vnd.oci.empty.v1+json"
#define OCI_EMPTY_DIGEST "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"

/* What the signature of an entry binds: the entry's full name and the
 * digest of its manifest. */
#define OCI_SIGNED_FORMAT "gostatic-entry-v1;%s;%s"

/* A parsed GOSTATIC_CACHE URL. */
struct cache_url {
	bool https;
	char *host;               /* host[:port], as written */
	char *path;               /* repository prefix, no slash at either end; may be "" */
	char *text;               /* the URL as given */
};
#define CACHE_URL_INIT { .https = true }

/* Parses oci://HOST[:PORT]/PATH (HTTPS) or oci+http://HOST[:PORT]/PATH.
 * Returns 0, or -1 with a reason in *why (owned) that says what a good
 * URL looks like. */
int cache_url_parse(const char *text, struct cache_url *u, char **why);
void cache_url_release(struct cache_url *u);

/* True for a valid repository path component sequence (OCI distribution
 * grammar: lowercase alphanumerics separated by '.', '_', '__', '-'
 * runs, components by '/'). */
bool oci_repo_valid(const char *repo);
/* True for a valid tag: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}. */
bool oci_tag_valid(const char *tag);

/* The repository and tag of an entry (see above); the caller frees both.
 * name is the recipe's name (or "sysroot"), entry its entry name. Returns
 * 0, or -1 when name cannot be a repository component. */
int oci_entry_ref(const struct cache_url *u, const char *name, const char *target,
		  const char *entry, char **repo, char **tag);

/* The full name of an entry that signatures bind: "pkg/TARGET/ENTRY" or
 * "sysroot/ENTRY". The caller frees it. */
char *oci_entry_id(bool sysroot, const char *target, const char *entry);

/* A WWW-Authenticate challenge. */
struct oci_challenge {
	char *scheme;             /* "basic" or "bearer", lowercased */
	char *realm, *service, *scope;
};
#define OCI_CHALLENGE_INIT { .scheme = NULL }
/* Parses the header's value. Returns 0, or -1 when it is not one. */
int oci_challenge_parse(const char *value, struct oci_challenge *c);
void oci_challenge_release(struct oci_challenge *c);

/* A descriptor of a manifest. */
struct oci_desc {
	char *media_type;
	char *digest;             /* "sha256:<64 hex>" */
	int64_t size;
};

/* An entry manifest, as written or read. */
struct oci_entry_manifest {
	char *id;                 /* annotation dev.gostatic.entry */
	struct oci_desc config, layer;
};

/* The manifest of an entry (exact bytes: what is pushed is what is signed),
 * as text the caller frees. */
char *oci_entry_manifest_text(const char *id, const struct oci_desc *config,
			      const struct oci_desc *layer);
/* Reads an entry manifest strictly: schemaVersion 2, our artifactType, our
 * config type, one layer of our layer type, sha256 digests, sizes >= 0.
 * Returns 0, or -1 with a reason in *why (owned). */
int oci_entry_manifest_parse(const char *text, size_t len, struct oci_entry_manifest *m, char **why);
void oci_entry_manifest_release(struct oci_entry_manifest *m);

/* A signature manifest: an empty config, no layers, the subject the entry
 * manifest, the signature in annotations. */
struct oci_signature {
	char *id;                 /* the entry's full name */
	char *subject;            /* the entry manifest's digest */
	int64_t subject_size;
	char *keyid;              /* 16 hex digits */
	char *sig;                /* base64 of the ed25519 signature */
};
/* The signature manifest's exact bytes (the caller frees them). */
char *oci_signature_text(const struct oci_signature *s);
/* Reads a signature manifest strictly. Returns 0, or -1 with *why. */
int oci_signature_parse(const char *text, size_t len, struct oci_signature *s, char **why);
void oci_signature_release(struct oci_signature *s);

/* The message of a registry's error body ({"errors":[{"code","message"}]}),
 * "CODE: message", or NULL; the caller frees it. */
char *oci_error_text(const char *body, size_t len);

/* True for "sha256:" followed by 64 lowercase hex digits. */
bool oci_digest_valid(const char *digest);

#endif
