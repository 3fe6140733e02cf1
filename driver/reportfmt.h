/* reportfmt.h - print a verify report for people and for machines */
#ifndef GS_REPORTFMT_H
#define GS_REPORTFMT_H

#include <jansson.h>

#include "log.h"
#include "verify.h"

#define VERIFY_SCHEMA "gostatic.verify/1"

/* Prints the verdict line, the findings (verbose ones only when
 * o->verbosity > 0), the hints, to o->out; with o->verbosity < 0 only the
 * verdict word. */
void reportfmt_text(const struct out *o, const struct report *r);

/* The report as a JSON object of schema gostatic.verify/1 (new
 * reference; the caller decrefs it). Every string is valid UTF-8: bytes
 * taken from the file that are not are replaced by U+FFFD. */
json_t *reportfmt_json(const struct report *r);

/* A JSON object for a file that could not be read at all (no verdict). */
json_t *reportfmt_json_error(const char *file, const char *message);

/* Prints one JSON object as one line to o->out. Returns 0 or -1. */
int reportfmt_json_line(const struct out *o, json_t *obj);

/* A JSON string from n bytes of possibly invalid UTF-8 (new reference). */
json_t *json_lossy_string(const char *s, size_t n);

#endif
