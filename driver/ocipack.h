/* ocipack.h - an entry as one deterministic tar+zstd layer, and back
 *
 * The tar (POSIX pax, restricted) lists the entry's tree in fs_walk()
 * order (by folder, then by name), every member with owner 0:0, the time
 * 0, and the mode the store normalized (folders 0755, files 0644 or
 * 0755), so that the same entry always packs to the same bytes; zstd at
 * level 9. Only folders, regular files and symbolic links are packed. */
#ifndef GS_OCIPACK_H
#define GS_OCIPACK_H

/* Packs the tree dir into the file out (created), leaving out the file
 * called skip at its top (NULL: nothing). Returns 0, or -1 with a reason
 * in *why (owned). */
int oci_pack(const char *dir, const char *skip, const char *out, char **why);

/* Unpacks a layer into the existing, empty folder dest (extract.h's
 * refusals apply). Returns 0, or -1 with a reason in *why (owned). */
int oci_unpack(const char *layer, const char *dest, char **why);

#endif
