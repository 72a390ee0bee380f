/* SHA-256 and HMAC-SHA256, the one place that includes OpenSSL (used by the
 * audit chain and export checksums). */
#ifndef DORN_HASH_H
#define DORN_HASH_H

#include <stddef.h>

#define DORN_SHA256_HEX 65 /* 64 hex digits + NUL */

struct dorn_sha256;

struct dorn_sha256 *dorn_sha256_new(void);         /* NULL when out of memory */
int dorn_sha256_update(struct dorn_sha256 *h, const void *p, size_t n);
int dorn_sha256_final(struct dorn_sha256 *h, char hex[DORN_SHA256_HEX]); /* and resets */
void dorn_sha256_free(struct dorn_sha256 *h);

/* Hash p whole and leave h ready for the next input: for many short inputs
 * (audit rows) with one hasher, which is much cheaper than the one-shot
 * below for each. 0 or DORN_EINTERNAL. */
int dorn_sha256_of(struct dorn_sha256 *h, const void *p, size_t n,
		   char hex[DORN_SHA256_HEX]);

/* One-shot, for a single input: 0 or DORN_EINTERNAL. */
int dorn_sha256_hex(const void *p, size_t n, char hex[DORN_SHA256_HEX]);

/* The audit log's key: 32 random bytes (dorn_random_bytes). */
#define DORN_KEY_BYTES 32

/* HMAC-SHA256 of p under key, in lower-case hex, on h (left ready for the
 * next use). 0 or DORN_EINTERNAL. */
int dorn_hmac_sha256(struct dorn_sha256 *h, const unsigned char key[DORN_KEY_BYTES],
		     const void *p, size_t n, char hex[DORN_SHA256_HEX]);

/* n bytes from the system's cryptographic generator: 0 or DORN_EINTERNAL. */
int dorn_random_bytes(unsigned char *out, size_t n);

#endif
