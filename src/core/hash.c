/* SHA-256 through OpenSSL's EVP interface, in lower-case hex. */
#include <stdlib.h>

#include <openssl/evp.h>

#include "dorn/err.h"
#include "dorn/hash.h"

struct dorn_sha256 {
	EVP_MD_CTX *ctx;
};

struct dorn_sha256 *dorn_sha256_new(void)
{
	struct dorn_sha256 *h = calloc(1, sizeof *h);

	if (!h)
		return NULL;
	h->ctx = EVP_MD_CTX_new();
	if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
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

	if (EVP_DigestFinal_ex(h->ctx, md, &len) != 1 || len != 32 ||
	    EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1)
		return DORN_EINTERNAL;
	to_hex(md, len, hex);
	return 0;
}

void dorn_sha256_free(struct dorn_sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
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
