/* unpack.c - unpack a UPX-packed file with the upx program */
#include "unpack.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc.h"

#define UPX_TIMEOUT 120.0

int unpack_upx(const char *path, struct unpacked *u, char **why)
{
	struct proc p = PROC_INIT;
	const char *tmp = getenv("TMPDIR");
	char *dir, *real;
	int rc;

	*u = (struct unpacked)UNPACKED_INIT;
	*why = NULL;
	dir = xasprintf("%s/gostatic-unpack-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		rc = -errno;
		*why = xasprintf("cannot create a temporary directory: %s", strerror(errno));
		free(dir);
		return rc;
	}
	u->dir = dir;
	u->file = xasprintf("%s/unpacked", dir);
	/* upx refuses to read through a symbolic link */
	real = realpath(path, NULL);
	strvec_pushl(&p.args, "upx", "-d", "-qqq", "-o", u->file, "--", real ? real : path, NULL);
	free(real);
	p.timeout = UPX_TIMEOUT;
	p.keep = 4096;
	rc = proc_run(&p);
	if (rc == -ENOENT) {
		*why = xstrdup("upx is not installed (Debian: apt-get install upx-ucl)");
	} else if (rc < 0) {
		*why = xasprintf("cannot run upx: %s", strerror(-rc));
	} else if (rc > 0 || access(u->file, R_OK)) {
		char *st = proc_status_str("upx", rc);
		size_t n = p.out.len;

		while (n && (p.out.buf[n - 1] == '\n' || p.out.buf[n - 1] == ' '))
			n--;
		*why = xasprintf("%s%s%.*s", st, n ? ": " : "", (int)(n > 300 ? 300 : n), p.out.buf);
		free(st);
		rc = -1;
	}
	proc_release(&p);
	if (rc) {
		unpacked_remove(u);
		return rc;
	}
	return 0;
}

void unpacked_remove(struct unpacked *u)
{
	if (u->file)
		unlink(u->file);
	if (u->dir)
		rmdir(u->dir);
	free(u->file);
	free(u->dir);
	*u = (struct unpacked)UNPACKED_INIT;
}
