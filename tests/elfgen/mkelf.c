/* mkelf.c - write synthetic ELF test files
 *
 *   mkelf NAME OUTFILE    write one named file
 *   mkelf --all OUTDIR    write every named file as OUTDIR/NAME
 *   mkelf --list          list the names */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfgen.h"

static int write_one(const char *name, const char *path)
{
	const struct eg_spec *s = eg_named(name);
	struct eg_file f;
	FILE *fp;
	int rc = 0;

	if (!s) {
		fprintf(stderr, "mkelf: no synthetic file called '%s' (see mkelf --list)\n", name);
		return 2;
	}
	eg_build(s, &f);
	fp = fopen(path, "wb");
	if (!fp || fwrite(f.buf, 1, f.len, fp) != f.len) {
		perror(path);
		rc = 1;
	}
	if (fp && fclose(fp)) {
		perror(path);
		rc = 1;
	}
	free(f.buf);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (size_t i = 0; eg_spec_name(i); i++)
			puts(eg_spec_name(i));
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--all")) {
		for (size_t i = 0; eg_spec_name(i); i++) {
			char path[4096];
			int rc;

			snprintf(path, sizeof(path), "%s/%s", argv[2], eg_spec_name(i));
			rc = write_one(eg_spec_name(i), path);
			if (rc)
				return rc;
		}
		return 0;
	}
	if (argc == 3)
		return write_one(argv[1], argv[2]);
	fputs("usage: mkelf NAME OUTFILE | mkelf --all OUTDIR | mkelf --list\n", stderr);
	return 2;
}
