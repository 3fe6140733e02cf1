/* mapfile.h - read a whole file into memory, without following it into
 * devices or FIFOs */
#ifndef GS_MAPFILE_H
#define GS_MAPFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mapped_file {
	int fd;                 /* open read-only, close-on-exec */
	const uint8_t *buf;     /* NULL for an empty file */
	size_t len;
};
#define MAPPED_FILE_INIT { .fd = -1, .buf = NULL, .len = 0 }

/* Opens and maps path. Refuses directories (-EISDIR) and anything that is
 * not a regular file (-EINVAL), so a device or FIFO is never read. Returns
 * 0 or -errno; on failure nothing stays open. */
int map_file(const char *path, struct mapped_file *mf);
/* Unmaps and closes; safe on MAPPED_FILE_INIT. */
void unmap_file(struct mapped_file *mf);

#endif
