/* arfile.h - Unix ar archives (static libraries), made deterministic
 *
 * A static library is an ar archive: "!<arch>\n", then members, each a
 * 60-byte text header (name, date, uid, gid, mode, size, "`\n") and its
 * data, padded to an even length. The dates, owners and modes in the
 * headers are those of the machine and moment the archive was made (unless
 * ar ran with D); gostatic sets them to 0, 0, 0 and 644 in every archive it
 * puts in the store, so that two builds of a recipe give the same bytes.
 * Pure: it works on a buffer and nothing else. */
#ifndef GS_ARFILE_H
#define GS_ARFILE_H

#include <stddef.h>

/* Rewrites the date, uid, gid and mode of every member header of the ar
 * archive in buf (len bytes) in place, and counts the headers it changed.
 * Returns 0 with *changed set, 1 when buf is not an ar archive (nothing is
 * touched; thin archives count as not one), or -1 with a static message
 * in *why when a header is malformed or a member runs past the end (buf
 * may then be partly rewritten). */
int arfile_normalize(unsigned char *buf, size_t len, size_t *changed, const char **why);

#endif
