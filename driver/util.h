/* util.h - allocation that dies on OOM, growable strings and string vectors */
#ifndef GS_UTIL_H
#define GS_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define GS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define GS_NORETURN __attribute__((noreturn))
#else
#define GS_PRINTF(f, a)
#define GS_NORETURN
#endif

/* malloc/calloc/realloc/strdup that never return NULL: they die on OOM.
 * The caller owns the result and frees it with free(). xmalloc(0) returns a
 * unique non-NULL pointer. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Copies at most n bytes of s and terminates the copy. */
char *xstrndup(const char *s, size_t n);
/* printf into a fresh allocation owned by the caller. */
GS_PRINTF(1, 2) char *xasprintf(const char *fmt, ...);

/* Grows *p (an array of *alloc elements of size elsize) so that it holds at
 * least need elements; dies when the size would overflow. */
void grow_array(void **p, size_t *alloc, size_t need, size_t elsize);
#define ALLOC_GROW(p, need, alloc) \
	grow_array((void **)&(p), &(alloc), (need), sizeof(*(p)))

/* A growable, always NUL-terminated byte string. buf is never NULL after
 * STRBUF_INIT; it may hold NUL bytes (len counts them). */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};
extern char strbuf_empty[];
#define STRBUF_INIT { .buf = strbuf_empty, .len = 0, .alloc = 0 }

/* Makes room for extra more bytes (plus the terminator) without adding any. */
void strbuf_grow(struct strbuf *sb, size_t extra);
/* Append n bytes, a C string, one byte, or printf-formatted text. */
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
GS_PRINTF(2, 3) void strbuf_addf(struct strbuf *sb, const char *fmt, ...);
GS_PRINTF(2, 0) void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Truncates to len bytes (len must not exceed sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Frees the buffer and resets sb to STRBUF_INIT. */
void strbuf_release(struct strbuf *sb);
/* Returns the buffer (caller frees it) and resets sb; never NULL. */
char *strbuf_detach(struct strbuf *sb);

/* A NULL-terminated vector of owned strings, usable as argv/envp. */
struct strvec {
	const char **v;
	size_t nr;
	size_t alloc;
};
extern const char *strvec_empty[];
#define STRVEC_INIT { .v = strvec_empty, .nr = 0, .alloc = 0 }

/* Appends a copy of s; returns the copy (owned by the vector). */
const char *strvec_push(struct strvec *sv, const char *s);
/* Appends a copy of the first n bytes of s. */
const char *strvec_pushn(struct strvec *sv, const char *s, size_t n);
GS_PRINTF(2, 3) const char *strvec_pushf(struct strvec *sv, const char *fmt, ...);
/* Appends every argument up to a NULL sentinel. */
void strvec_pushl(struct strvec *sv, ...);
/* True when some element equals s. */
bool strvec_contains(const struct strvec *sv, const char *s);
/* Sorts the elements by strcmp(). */
void strvec_sort(struct strvec *sv);
/* Appends the parts of s between sep characters, leaving out empty ones
 * ("a::b:" gives a, b). */
void strvec_split(struct strvec *sv, const char *s, char sep);
/* Frees every element and resets sv to STRVEC_INIT. */
void strvec_clear(struct strvec *sv);

/* "SIGSEGV" for SIGSEGV; "signal N" for one without a name here. The
 * result is static or valid until the next call. */
const char *signal_name(int sig);
/* "ENOENT" for ENOENT; "errno N" for one without a name here. Same
 * lifetime rule as signal_name(). */
const char *errno_name(int err);

/* Seconds on the monotonic clock (for durations and deadlines). */
double now_seconds(void);
/* Seconds since the epoch (for records a person or a tool reads later). */
double wall_now(void);

/* Returns true when s starts with prefix. */
bool starts_with(const char *s, const char *prefix);

/* The last component of path ("b" for "a/b"); path itself when it has no
 * '/' or ends with one. */
const char *path_base(const char *path);

/* True when s is a SHA-256 digest as recipes write it: 64 lowercase hex
 * digits. */
bool is_sha256_hex(const char *s);

/* n bytes as "12.3 MiB", "4.0 KiB" or "17 B" into buf. */
void human_size(unsigned long long n, char *buf, size_t sz);

#endif
