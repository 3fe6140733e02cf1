/* cache.h - the shared binary cache: store entries pulled from, and
 * pushed to, an OCI registry (docs/cache.md)
 *
 * GOSTATIC_CACHE (or --cache) names the registry; GOSTATIC_CACHE_TRUST the
 * public key files (colon-separated) whose signatures make an entry
 * trusted; GOSTATIC_CACHE_KEY the private key that signs what is pushed;
 * GOSTATIC_CACHE_PUSH=1 pushes what build and recipe build compiled.
 *
 * A pulled entry is installed exactly as a local build would be: under the
 * entry's lock, into a temporary folder next to its place, with one
 * rename. It carries CACHE_PULLED_FILE, which says where it came from; that
 * file is never pushed and never compared by --check. Whatever goes wrong
 * with the cache (a miss, an unreachable registry, a refused entry) is said
 * and the entry is built from source instead. */
#ifndef GS_CACHE_H
#define GS_CACHE_H

#include <stdbool.h>

#include "ociref.h"
#include "ocireg.h"
#include "ocisign.h"
#include "store.h"

#define CACHE_PULLED_FILE "gostatic-pulled.json"

struct cache {
	bool on;                  /* a cache is configured */
	struct cache_url url;
	struct oci_client *cl;    /* made on first use */
	struct sign_key **trust;
	size_t ntrust;
	char *key_path;           /* GOSTATIC_CACHE_KEY */
	struct sign_key *key;     /* loaded on first push */
	bool push;                /* GOSTATIC_CACHE_PUSH */
	bool probed, down, said_untrusted;
	size_t pulled, pushed, refused;
};
#define CACHE_INIT { .on = false, .url = CACHE_URL_INIT }

/* Reads the configuration: url (from --cache) or GOSTATIC_CACHE, and the
 * key variables. Returns 0 (c->on tells whether a cache is set), or -1
 * after printing why (a bad URL, a key file that cannot be read). */
int cache_open(struct cache *c, const char *url);
void cache_close(struct cache *c);

/* One store entry, as the cache sees it. */
struct cache_entry {
	bool sysroot;
	const char *name;         /* recipe name, or "sysroot" */
	const char *version;      /* for messages; may be NULL */
	const char *target;       /* e.g. x86_64-linux-musl */
	const char *entry;        /* its entry name */
	const char *dir;          /* where it goes in the store */
};

/* Pulls the missing entry e into the store st, under the store lock
 * lockname (the one its build takes): when another process made the entry
 * meanwhile, nothing is pulled; a folder without its record and what an
 * interrupted run left are removed first. Returns 0 when it was pulled, 2
 * when another process made it, 1 when the store still lacks it (a miss,
 * the cache unreachable or not trusted, or the entry refused: said on
 * stderr), -1 on a local error (printed). */
int cache_pull(struct cache *c, const struct store *st, const char *lockname, const struct cache_entry *e);

/* Pushes the store entry e: write once (an entry the registry has is
 * skipped, *skipped set), blobs first, then the signature, then the tag.
 * Returns 0, or -1 after printing why. */
int cache_push(struct cache *c, const struct cache_entry *e, bool *skipped);

/* The registry's client (made when needed), or NULL when libcurl is
 * missing (printed). */
struct oci_client *cache_client(struct cache *c);

/* The key id that would verify sig over msg among the trusted keys, or
 * NULL; *known tells whether keyid is one of them at all. */
const struct sign_key *cache_trusted(const struct cache *c, const char *keyid);

#endif
