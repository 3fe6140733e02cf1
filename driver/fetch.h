/* fetch.h - get a source file into the store, verified by its sha256
 *
 * Sources are tried in the order of GOSTATIC_FETCH (default "mirrors
 * upstream debian"):
 *   mirrors   each prefix of GOSTATIC_MIRRORS (space-separated; http,
 *             https or file URLs) followed by "/<file>", then by
 *             "/<debian orig file>" when the source names one (same bytes);
 *   upstream  the URLs the recipe or sysroot file lists;
 *   debian    `apt-get source --download-only PKG=VERSION`, when apt and
 *             deb-src entries are present, keeping the named orig file.
 * Every download is checked against the sha256 before anything uses it; a
 * mismatch shows both hashes and keeps nothing. Timeouts:
 * GOSTATIC_CONNECT_TIMEOUT (seconds, default 10) to connect and
 * GOSTATIC_STALL_TIMEOUT (default 30) without a byte; transient failures
 * are retried GOSTATIC_RETRIES times (default 2) with backoff; an
 * unreachable host or a 404 moves on at once. */
#ifndef GS_FETCH_H
#define GS_FETCH_H

#include "sha256.h"
#include "source.h"
#include "store.h"
#include "util.h"


/* Makes sure sources/<sha256>/<file> is in the store and intact (a stored
 * file is hashed again), fetching it if needed. Sets *path (owned) and
 * returns 0; or prints every source tried with why it failed and returns
 * -1. Concurrent callers for one file serialise on its lock. */
int fetch_source(const struct store *st, const struct source *src, char **path);

/* Downloads url into dest (any sha256: the caller has none yet) and sets
 * hex to its sha256. Returns 0, or -1 with the reason in *why (owned). */
int fetch_url(const char *url, const char *dest, char hex[SHA256_HEX_LEN + 1], char **why);

/* Like fetch_source(), but a failure is not printed: its text (every
 * source tried, with why) goes to failure. */
int fetch_source_quiet(const struct store *st, const struct source *src, char **path,
		       struct strbuf *failure);

/* Sets *path (owned) and returns 0 when the store already holds src,
 * intact; else returns 1. Never fetches. */
int fetch_stored(const struct store *st, const struct source *src, char **path);

/* Gets one of n alternative sources of the same thing (say an upstream
 * tarball and a distribution's repack of it): one already stored, else the
 * first that can be fetched. Sets *path and *which (the index). Returns 0,
 * or -1 after printing what every alternative's sources said. */
int fetch_source_any(const struct store *st, const struct source *const *alts, size_t n,
		     char **path, size_t *which);

/* The number of seconds in the environment variable name (a positive
 * number), else dflt (a bad value is warned about). */
double fetch_env_seconds(const char *name, double dflt);
/* GOSTATIC_RETRIES (0 to 10), else 2. */
unsigned fetch_env_retries(void);

#endif
