/* sha256.h - SHA-256 digests through OpenSSL's libcrypto */
#ifndef GS_SHA256_H
#define GS_SHA256_H

#include <stddef.h>

#define SHA256_HEX_LEN 64

/* Writes the lowercase hex SHA-256 of buf[0..len) and a NUL into hex.
 * Returns 0, or -1 when libcrypto fails (hex is then ""). */
int sha256_hex(const void *buf, size_t len, char hex[SHA256_HEX_LEN + 1]);

#endif
