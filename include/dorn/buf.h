/* A small growable byte buffer, always NUL-terminated. */
#ifndef DORN_BUF_H
#define DORN_BUF_H

#include <stddef.h>

struct dorn_buf {
	char *p;    /* NUL-terminated once anything was added; NULL before */
	size_t len; /* bytes used, without the NUL */
	size_t cap;
	int oom;    /* set once an allocation failed; later adds do nothing */
};

void dorn_buf_init(struct dorn_buf *b);
void dorn_buf_fini(struct dorn_buf *b);
void dorn_buf_reset(struct dorn_buf *b);                  /* len = 0, keeps memory */
int dorn_buf_add(struct dorn_buf *b, const void *p, size_t n); /* 0 or DORN_ENOMEM */
int dorn_buf_puts(struct dorn_buf *b, const char *s);
int dorn_buf_putc(struct dorn_buf *b, char c);
int dorn_buf_printf(struct dorn_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *dorn_buf_str(const struct dorn_buf *b);       /* "" when empty */
char *dorn_buf_take(struct dorn_buf *b);                   /* caller frees; b is reset */

/* The one way dorn grows an array. arrayp is the address of the array's
 * pointer (T **), *cap its capacity in elements: make room for at least
 * need elements of size bytes, doubling from 8 so that n appends cost
 * O(n). 0, or DORN_ENOMEM (also on overflow) with the array untouched. */
int dorn_grow(void *arrayp, size_t *cap, size_t need, size_t size);

#endif
