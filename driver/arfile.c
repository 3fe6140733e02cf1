/* arfile.c - Unix ar archives (static libraries), made deterministic */
#include "arfile.h"

#include <string.h>

#define AR_MAGIC "!<arch>\n"
#define AR_HDR 60

/* Sets the header field at f (n bytes) to the text v padded with blanks;
 * returns 1 when that changed it. */
static int set_field(unsigned char *f, size_t n, const char *v)
{
	unsigned char want[16];
	size_t vl = strlen(v);

	memset(want, ' ', n);
	memcpy(want, v, vl);
	if (!memcmp(f, want, n))
		return 0;
	memcpy(f, want, n);
	return 1;
}

int arfile_normalize(unsigned char *buf, size_t len, size_t *changed, const char **why)
{
	size_t pos = sizeof(AR_MAGIC) - 1;

	*changed = 0;
	*why = NULL;
	if (len < pos || memcmp(buf, AR_MAGIC, pos))
		return 1;
	while (pos < len) {
		unsigned char *h = buf + pos;
		unsigned long long size = 0;
		size_t i, touched = 0;

		if (len - pos < AR_HDR) {
			*why = "a member header is cut short";
			return -1;
		}
		if (h[58] != '`' || h[59] != '\n') {
			*why = "a member header lacks its end marker";
			return -1;
		}
		for (i = 48; i < 58 && h[i] >= '0' && h[i] <= '9'; i++) {
			if (size > (1ULL << 48))
				break;
			size = size * 10 + (unsigned)(h[i] - '0');
		}
		if (i == 48 || size > (1ULL << 48)) {
			*why = "a member size is not a number";
			return -1;
		}
		for (; i < 58; i++)
			if (h[i] != ' ') {
				*why = "a member size is not a number";
				return -1;
			}
		touched += set_field(h + 16, 12, "0");      /* date */
		touched += set_field(h + 28, 6, "0");       /* uid */
		touched += set_field(h + 34, 6, "0");       /* gid */
		touched += set_field(h + 40, 8, "644");     /* mode */
		*changed += touched != 0;
		pos += AR_HDR;
		if (size > len - pos) {
			*why = "a member runs past the end of the archive";
			return -1;
		}
		pos += (size_t)size;
		if (pos < len && (size & 1)) {
			if (buf[pos] != '\n') {
				*why = "a member's padding is not a newline";
				return -1;
			}
			pos++;
		}
	}
	return 0;
}
