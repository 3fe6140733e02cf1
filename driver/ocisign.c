/* ocisign.c - ed25519 keys and signatures of cache entries */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "fsutil.h"
#include "log.h"
#include "ocisign.h"
#include "sha256.h"

struct sign_key {
	EVP_PKEY *pkey;
	char keyid[17];
};

static void set_keyid(struct sign_key *k)
{
	unsigned char raw[64];
	size_t n = sizeof(raw);
	char hex[SHA256_HEX_LEN + 1];

	if (EVP_PKEY_get_raw_public_key(k->pkey, raw, &n) != 1)
		die("cannot read an ed25519 public key");
	sha256_hex(raw, n, hex);
	memcpy(k->keyid, hex, 16);
	k->keyid[16] = '\0';
}

static int write_pem(const char *path, EVP_PKEY *pkey, bool private_key)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data;
	long len;
	int fd, rc = 0;

	if (!b || !(private_key ? PEM_write_bio_PrivateKey(b, pkey, NULL, NULL, 0, NULL, NULL)
				: PEM_write_bio_PUBKEY(b, pkey)))
		die("cannot encode an ed25519 key");
	len = BIO_get_mem_data(b, &data);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, private_key ? 0600 : 0644);
	if (fd < 0 || write_full(fd, data, (size_t)len) || fsync(fd) || close(fd)) {
		rc = gs_error_errno(errno, "cannot write the key file '%s'", path);
		if (fd >= 0)
			unlink(path);
	}
	BIO_free(b);
	return rc;
}

int sign_keygen(const char *path, char **keyid)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL);
	struct sign_key k = { 0 };
	char *pub = xasprintf("%s.pub", path);
	int rc = -1;

	*keyid = NULL;
	if (path_exists(path) || path_exists(pub)) {
		gs_error("'%s' or '%s' exists already: gostatic never overwrites a key; choose another name",
			 path, pub);
		goto out;
	}
	if (!ctx || EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_keygen(ctx, &k.pkey) != 1)
		die("cannot make an ed25519 key with libcrypto");
	if (write_pem(path, k.pkey, true))
		goto out;
	if (write_pem(pub, k.pkey, false)) {
		unlink(path);
		goto out;
	}
	set_keyid(&k);
	*keyid = xstrdup(k.keyid);
	rc = 0;
out:
	EVP_PKEY_free(k.pkey);
	EVP_PKEY_CTX_free(ctx);
	free(pub);
	return rc;
}

struct sign_key *sign_load(const char *path, bool private_key)
{
	struct strbuf text = STRBUF_INIT;
	struct sign_key *k;
	EVP_PKEY *pkey = NULL;
	BIO *b;
	int rc = read_file(path, 1 << 16, &text);

	if (rc) {
		gs_error_errno(-rc, "cannot read the key file '%s'", path);
		strbuf_release(&text);
		return NULL;
	}
	b = BIO_new_mem_buf(text.buf, (int)text.len);
	if (strstr(text.buf, "PRIVATE KEY"))
		pkey = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	else if (!private_key)
		pkey = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
	BIO_free(b);
	strbuf_release(&text);
	if (!pkey || EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519) {
		gs_error("'%s' is not an ed25519 %s key in PEM form (make one with: gostatic cache keygen FILE)", path,
			 private_key ? "private" : "public or private");
		EVP_PKEY_free(pkey);
		return NULL;
	}
	k = xcalloc(1, sizeof(*k));
	k->pkey = pkey;
	set_keyid(k);
	return k;
}

void sign_free(struct sign_key *k)
{
	if (!k)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

const char *sign_keyid(const struct sign_key *k)
{
	return k->keyid;
}

char *sign_message(const struct sign_key *k, const char *msg)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char sig[64];
	char out[128];
	size_t n = sizeof(sig);

	if (!md || EVP_DigestSignInit(md, NULL, NULL, NULL, k->pkey) != 1 ||
	    EVP_DigestSign(md, sig, &n, (const unsigned char *)msg, strlen(msg)) != 1) {
		EVP_MD_CTX_free(md);
		gs_error("cannot sign with the key %s (is it a private key?)", k->keyid);
		return NULL;
	}
	EVP_MD_CTX_free(md);
	EVP_EncodeBlock((unsigned char *)out, sig, (int)n);
	return xstrdup(out);
}

bool sign_verify(const struct sign_key *k, const char *msg, const char *sig)
{
	unsigned char raw[96];
	size_t len = strlen(sig);
	EVP_MD_CTX *md;
	bool ok;
	int n;

	if (len != 88)              /* base64 of 64 bytes */
		return false;
	n = EVP_DecodeBlock(raw, (const unsigned char *)sig, (int)len);
	if (n != 66)                /* 64 bytes and two '=' of padding */
		return false;
	md = EVP_MD_CTX_new();
	ok = md && EVP_DigestVerifyInit(md, NULL, NULL, NULL, k->pkey) == 1 &&
	     EVP_DigestVerify(md, raw, 64, (const unsigned char *)msg, strlen(msg)) == 1;
	EVP_MD_CTX_free(md);
	return ok;
}
