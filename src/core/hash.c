/* SHA-256 through OpenSSL's EVP interface, in lower-case hex.
 *
 * With OpenSSL 3, EVP_sha256() passed to EVP_DigestInit_ex makes OpenSSL
 * look the algorithm up in its provider store on every init (locks and a
 * hash-table search), which cost more than hashing a short audit row. A
 * hasher therefore fetches SHA-256 once, when it is made, and every later
 * init reuses that fetched digest. */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "dorn/err.h"
#include "dorn/hash.h"

#if OPENSSL_VERSION_NUMBER >= 0x30000000L
#define HAVE_FETCH 1
#else
#define HAVE_FETCH 0
#endif

struct dorn_sha256 {
	EVP_MD_CTX *ctx;
#if HAVE_FETCH
	EVP_MD *md; /* fetched once, freed with the hasher */
#endif
};

static const EVP_MD *md_of(const struct dorn_sha256 *h)
{
#if HAVE_FETCH
	return h->md;
#else
	(void)h;
	return EVP_sha256();
#endif
}

static int start(struct dorn_sha256 *h)
{
#if HAVE_FETCH
	return EVP_DigestInit_ex2(h->ctx, md_of(h), NULL) == 1 ? 0 : DORN_EINTERNAL;
#else
	return EVP_DigestInit_ex(h->ctx, md_of(h), NULL) == 1 ? 0 : DORN_EINTERNAL;
#endif
}

struct dorn_sha256 *dorn_sha256_new(void)
{
	struct dorn_sha256 *h = calloc(1, sizeof *h);

	if (!h)
		return NULL;
#if HAVE_FETCH
	h->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (!h->md) {
		dorn_sha256_free(h);
		return NULL;
	}
#endif
	h->ctx = EVP_MD_CTX_new();
	if (!h->ctx || start(h) != 0) {
		dorn_sha256_free(h);
		return NULL;
	}
	return h;
}

int dorn_sha256_update(struct dorn_sha256 *h, const void *p, size_t n)
{
	return EVP_DigestUpdate(h->ctx, p, n) == 1 ? 0 : DORN_EINTERNAL;
}

static void to_hex(const unsigned char *md, unsigned len, char *hex)
{
	static const char digits[] = "0123456789abcdef";

	for (unsigned i = 0; i < len; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * len] = '\0';
}

int dorn_sha256_final(struct dorn_sha256 *h, char hex[DORN_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;

	if (EVP_DigestFinal_ex(h->ctx, md, &len) != 1 || len != 32 || start(h) != 0)
		return DORN_EINTERNAL;
	to_hex(md, len, hex);
	return 0;
}

int dorn_sha256_of(struct dorn_sha256 *h, const void *p, size_t n,
		   char hex[DORN_SHA256_HEX])
{
	int rc = dorn_sha256_update(h, p, n);

	if (rc) {
		start(h); /* leave it ready for the next use */
		return rc;
	}
	return dorn_sha256_final(h, hex);
}

void dorn_sha256_free(struct dorn_sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
#if HAVE_FETCH
	EVP_MD_free(h->md);
#endif
	free(h);
}

int dorn_sha256_hex(const void *p, size_t n, char hex[DORN_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;

	if (EVP_Digest(p, n, md, &len, EVP_sha256(), NULL) != 1 || len != 32)
		return DORN_EINTERNAL;
	to_hex(md, len, hex);
	return 0;
}

/* HMAC-SHA256 (RFC 2104) on the hasher's context: H((K^opad) || H((K^ipad) || m)).
 * The key is 32 bytes, shorter than SHA-256's 64-byte block, so it is used
 * as it is, padded with zeros. */
int dorn_hmac_sha256(struct dorn_sha256 *h, const unsigned char key[DORN_KEY_BYTES],
		     const void *p, size_t n, char hex[DORN_SHA256_HEX])
{
	unsigned char pad[64], inner[EVP_MAX_MD_SIZE], md[EVP_MAX_MD_SIZE];
	unsigned ilen = 0, len = 0;
	int ok;

	memset(pad, 0x36, sizeof pad);
	for (int i = 0; i < DORN_KEY_BYTES; i++)
		pad[i] ^= key[i];
	ok = EVP_DigestUpdate(h->ctx, pad, sizeof pad) == 1 &&
	     EVP_DigestUpdate(h->ctx, p, n) == 1 &&
	     EVP_DigestFinal_ex(h->ctx, inner, &ilen) == 1 && ilen == 32 && start(h) == 0;
	memset(pad, 0x5c, sizeof pad);
	for (int i = 0; i < DORN_KEY_BYTES; i++)
		pad[i] ^= key[i];
	ok = ok && EVP_DigestUpdate(h->ctx, pad, sizeof pad) == 1 &&
	     EVP_DigestUpdate(h->ctx, inner, ilen) == 1 &&
	     EVP_DigestFinal_ex(h->ctx, md, &len) == 1 && len == 32;
	memset(pad, 0, sizeof pad);
	if (start(h) != 0 || !ok)
		return DORN_EINTERNAL;
	to_hex(md, len, hex);
	return 0;
}

int dorn_random_bytes(unsigned char *out, size_t n)
{
	return RAND_bytes(out, (int)n) == 1 ? 0 : DORN_EINTERNAL;
}
