/* fsutil.h - small file-system helpers: trees, atomic writes, hashing */
#ifndef GS_FSUTIL_H
#define GS_FSUTIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "sha256.h"
#include "util.h"

/* Creates path and its missing parents with mode. Returns 0 or -errno. */
int mkdir_p(const char *path, mode_t mode);

/* Removes path and everything below it, never following symbolic links
 * and making read-only directories writable first. A missing path is not
 * an error. Returns 0 or -errno of the first failure. */
int rm_rf(const char *path);

/* Copies the tree at src (a directory) to dst, which must not exist:
 * regular files (with their mode), directories and symbolic links (as
 * links). Other file types are skipped. Returns 0 or -errno. */
int copy_tree(const char *src, const char *dst);

/* Writes all len bytes of buf to fd (retrying short writes and EINTR).
 * Returns 0 or -errno. */
int write_full(int fd, const void *buf, size_t len);

/* Copies the whole content of the open file in (from offset 0, whatever
 * its position) to dst, which must not exist, created with mode.
 * Returns 0 or -errno. */
int copy_fd_to_file(int in, const char *dst, mode_t mode);

/* Copies the file src to dst, which must not exist, created with mode.
 * Returns 0 or -errno. */
int copy_file(const char *src, const char *dst, mode_t mode);

/* Writes len bytes to path through a temporary file in the same folder,
 * fsync and rename, so readers see the old content or the new, never a
 * part. Returns 0 or -errno. */
int write_file_atomic(const char *path, const void *data, size_t len, mode_t mode);

/* write_file_atomic() of o as JSON text (json_dumps flags), mode 0644.
 * o stays the caller's. Returns 0 or -errno. */
int write_json_atomic(const char *path, const json_t *o, size_t flags);

/* Reads a whole file of at most max bytes into sb (appended). Returns 0,
 * -EFBIG when larger than max, or -errno. */
int read_file(const char *path, size_t max, struct strbuf *sb);

/* The SHA-256 of a file's content, as hex. Returns 0 or -errno. */
int sha256_file(const char *path, char hex[SHA256_HEX_LEN + 1]);

/* Makes path absolute against the current directory (no symlink
 * resolution, "." and ".." components folded). The caller frees it. */
char *absolute_path(const char *path);

/* Looks name up in PATH like execvp does; returns a new string with the
 * full path, or NULL when it is not found. A name with a slash is returned
 * as it is when it is executable. */
char *find_in_path(const char *name);

/* True when path exists (any type, links not followed). */
bool path_exists(const char *path);

struct stat;

/* Appends the names in folder dir, sorted (strcmp), "." and ".." left
 * out, to out. Returns 0 or -errno. */
int list_dir(const char *dir, struct strvec *out);

/* Calls fn for everything below root, links not followed, folder by folder
 * (breadth first) and by name within a folder, so the order is the same on
 * every machine. path is the full path, rel the path below root. fn
 * returns 0 to go on, FS_WALK_PRUNE not to enter the folder it was given
 * (it removed it, say), anything else to stop the walk with that value.
 * Returns 0, fn's stop value, or -errno. */
#define FS_WALK_PRUNE 1
int fs_walk(const char *root, int (*fn)(const char *path, const char *rel, const struct stat *sb, void *ctx),
	    void *ctx);

/* Makes a tree the same whatever machine, user or moment made it: folders
 * 0755, files 0644 (0755 when executable at all), and every static
 * library's ar headers without dates or owners (arfile.h). Returns 0, or
 * -1 with a message in *why (owned). */
int fs_normalize_tree(const char *root, char **why);

/* Lists a tree for comparison, one line per path in fs_walk() order:
 * "REL<TAB>file MODE N bytes sha256 HEX", "REL<TAB>folder MODE" or
 * "REL<TAB>link to TARGET". Returns 0 or -errno. */
int fs_tree_list(const char *root, struct strvec *out);

/* Compares two fs_tree_list() listings, called an and bn in messages:
 * appends one line to diffs for every path that differs or is in only one
 * of them ("lib/libz.a: AN: file 644 ...; BN: file 644 ...", "lib/x.a: only
 * in BN (file 644 ...)"). Returns how
 * many differ. Pure. */
size_t fs_tree_diff(const struct strvec *a, const struct strvec *b, const char *an, const char *bn,
		    struct strvec *diffs);

/* Closes each of the n descriptors that is open (>= 0) and sets it to -1. */
void close_fds(int *fds, size_t n);

#endif
