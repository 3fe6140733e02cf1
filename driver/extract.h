/* extract.h - unpack source archives with libarchive, refusing tricks
 *
 * Accepts what libarchive reads (tar with any compression, zip, ...).
 * Refuses, and stops at, the first entry that has an absolute path or a
 * ".." component, a symbolic link whose target is absolute or leads
 * outside the destination, a hard link to outside it, or that is a device,
 * FIFO or socket. Set-user/group-ID bits are dropped. */
#ifndef GS_EXTRACT_H
#define GS_EXTRACT_H

/* Extracts the archive at path into the existing, empty folder dest,
 * dropping the first strip components of every name (entries with fewer
 * components, like the top folder, are skipped). Returns 0, or -1 with a
 * reason naming the entry in *why (owned by the caller); after a failure
 * dest holds a partial tree that the caller must remove. */
int extract_archive(const char *path, const char *dest, unsigned strip, char **why);

/* Checks one archive name: strips strip components and refuses absolute
 * paths and ".." components. Returns the stripped name (a pointer into
 * name), "" for an entry to skip, or NULL with a static reason in *why. */
const char *extract_check_name(const char *name, unsigned strip, const char **why);

/* True when a symbolic link at entry path `link` (already stripped, relative
 * to the destination) with target `target` stays inside the destination. */
int extract_link_inside(const char *link, const char *target);

#endif
