/* sha256.c - SHA-256 digests through OpenSSL's libcrypto */
#include "sha256.h"

#include <openssl/evp.h>
#include <stdio.h>

int sha256_hex(const void *buf, size_t len, char hex[SHA256_HEX_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	hex[0] = 0;
	if (!EVP_Digest(buf, len, md, &n, EVP_sha256(), NULL) || n != 32)
		return -1;
	for (unsigned i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 0;
}
