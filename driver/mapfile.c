/* mapfile.c - read a whole file into memory */
#include "mapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int map_file(const char *path, struct mapped_file *mf)
{
	struct stat st;
	void *p;
	int fd, err;

	*mf = (struct mapped_file)MAPPED_FILE_INIT;
	/* O_NONBLOCK: opening a FIFO must not hang before fstat refuses it */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	}
	if ((uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		return -EFBIG;
	}
	mf->fd = fd;
	mf->len = (size_t)st.st_size;
	if (mf->len == 0)
		return 0;
	p = mmap(NULL, mf->len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		err = -errno;
		close(fd);
		*mf = (struct mapped_file)MAPPED_FILE_INIT;
		return err;
	}
	mf->buf = p;
	return 0;
}

void unmap_file(struct mapped_file *mf)
{
	if (mf->buf)
		munmap((void *)mf->buf, mf->len);
	if (mf->fd >= 0)
		close(mf->fd);
	*mf = (struct mapped_file)MAPPED_FILE_INIT;
}
