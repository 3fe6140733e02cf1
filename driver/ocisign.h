/* ocisign.h - ed25519 keys and signatures of cache entries (libcrypto)
 *
 * A key pair is two PEM files: FILE (PKCS#8 private key, mode 0600) and
 * FILE.pub (SubjectPublicKeyInfo). A key's id is the first 16 hex digits
 * of the SHA-256 of its raw 32-byte public key. A signature is over the
 * text OCI_SIGNED_FORMAT (ociref.h) and travels as base64. */
#ifndef GS_OCISIGN_H
#define GS_OCISIGN_H

#include "util.h"

struct sign_key;

/* Writes a new key pair to path and path.pub; refuses to overwrite either.
 * Returns 0, or -1 after printing why. Sets *keyid (owned). */
int sign_keygen(const char *path, char **keyid);

/* Loads a private key (for signing) or a public key file; a private key
 * file also serves as its public key. Returns NULL after printing why
 * (naming the file). */
struct sign_key *sign_load(const char *path, bool private_key);
void sign_free(struct sign_key *k);
const char *sign_keyid(const struct sign_key *k);

/* The base64 signature of msg (owned), or NULL after printing why. */
char *sign_message(const struct sign_key *k, const char *msg);
/* True when sig (base64) is k's signature of msg. */
bool sign_verify(const struct sign_key *k, const char *msg, const char *sig);

#endif
