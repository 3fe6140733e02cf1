/* inifile.h - the line-oriented INI dialect of gostatic's data files
 *
 * Grammar (UTF-8, LF or CRLF): blank lines and lines whose first non-blank
 * character is '#' or ';' are comments (there are no inline comments, so
 * '#' may appear in values); "[name]" or "[name arg]" opens a section;
 * "key = value" sets a key, the value being everything after the first
 * '=', trimmed. A key may repeat; whether that appends to a list or is an
 * error is the schema's choice (ini_check). Names are [a-z][a-z0-9-]*.
 * Lines are at most 8 KiB and files 256 KiB. Parsing is a pure function
 * over a buffer: errors come back as "file:line: message". */
#ifndef GS_INIFILE_H
#define GS_INIFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define INI_MAX_LINE 8192
#define INI_MAX_FILE (256 * 1024)

/* Where and why parsing or checking failed. */
struct ini_error {
	unsigned line;           /* 0 when not tied to a line */
	char msg[320];
};

struct ini_entry {
	const char *section;     /* borrowed from the ini's copy of the text */
	const char *arg;         /* section argument, or "" */
	const char *key;
	const char *value;
	unsigned line;
};

struct ini_section {
	const char *name;        /* borrowed from the ini's copy of the text */
	const char *arg;         /* or "" */
	unsigned line;
};

struct ini {
	char *text;              /* owned copy of the input, cut into strings */
	struct ini_entry *v;
	size_t nr, alloc;
	struct ini_section *sections;   /* every header, in order */
	size_t nsections, sections_alloc;
};
#define INI_INIT { .text = NULL, .v = NULL, .nr = 0, .sections = NULL, .nsections = 0 }

/* Parses len bytes of buf. Returns 0, or -1 with *err filled. Free with
 * ini_release() in both cases. */
int ini_parse(struct ini *ini, const char *buf, size_t len, struct ini_error *err);
void ini_release(struct ini *ini);

enum ini_kind { INI_SCALAR, INI_LIST };

/* One allowed key: section name (its argument is free) and key. required
 * is false, true (the section must exist and have the key) or
 * INI_IN_SECTION (every instance of the section, if any, has the key). */
#define INI_IN_SECTION 2
struct ini_key {
	const char *section;
	const char *key;
	enum ini_kind kind;
	unsigned char required;
};

/* Checks every entry against the schema: unknown sections or keys, a
 * repeated scalar in one section, a missing required key (reported at the
 * section's header, or line 0 when the section is missing). sections_with_arg
 * lists the sections that take an argument (NULL-terminated; others must
 * not have one). Returns 0 or -1 with *err filled. */
int ini_check(const struct ini *ini, const struct ini_key *schema, size_t n,
	      const char *const *sections_with_arg, struct ini_error *err);

/* The value of a scalar key (the last one given), or NULL. arg "" means
 * the section without an argument. */
const struct ini_entry *ini_get(const struct ini *ini, const char *section,
				const char *arg, const char *key);

/* Splits a list value into words: blanks separate, double quotes group,
 * and inside quotes \" and \\ are escapes. Appends to out. Returns 0, or -1
 * for an unterminated quote. */
int ini_split(const char *value, struct strvec *out);

/* A variable that ${name} in a value expands to. */
struct ini_var {
	const char *name;
	const char *value;
};

/* Appends value to out with every ${name} replaced from vars and "$$"
 * replaced by "$". Returns 0, or -1 with a message in err (an unknown or
 * unterminated variable). */
int ini_expand(const char *value, const struct ini_var *vars, size_t n, struct strbuf *out,
	       char *err, size_t errsz);

#endif
