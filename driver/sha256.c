/* sha256.c - SHA-256 digests through OpenSSL's libcrypto */
#include "sha256.h"

#include <openssl/evp.h>

/* The digest, fetched from the provider once: an implicit fetch on every
 * call costs more than hashing a recipe. */
static const EVP_MD *sha256_md(void)
{
	static EVP_MD *md;

	if (!md)
		md = EVP_MD_fetch(NULL, "SHA256", NULL);
	return md;
}

int sha256_hex(const void *buf, size_t len, char hex[SHA256_HEX_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	const EVP_MD *alg = sha256_md();

	hex[0] = 0;
	if (!alg || !EVP_Digest(buf, len, md, &n, alg, NULL) || n != 32)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * n] = 0;
	return 0;
}
