/* A growable, always NUL-terminated byte buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/err.h"

void dorn_buf_init(struct dorn_buf *b)
{
	memset(b, 0, sizeof *b);
}

void dorn_buf_fini(struct dorn_buf *b)
{
	if (!b)
		return;
	free(b->p);
	dorn_buf_init(b);
}

void dorn_buf_reset(struct dorn_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

static int grow(struct dorn_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return DORN_ENOMEM;
	if (extra > (size_t)-1 / 2 - b->len)
		goto oom;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p)
		goto oom;
	b->p = p;
	b->cap = cap;
	return 0;
oom:
	b->oom = 1;
	return DORN_ENOMEM;
}

int dorn_buf_add(struct dorn_buf *b, const void *p, size_t n)
{
	if (grow(b, n))
		return DORN_ENOMEM;
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int dorn_buf_puts(struct dorn_buf *b, const char *s)
{
	return dorn_buf_add(b, s, strlen(s));
}

int dorn_buf_putc(struct dorn_buf *b, char c)
{
	return dorn_buf_add(b, &c, 1);
}

int dorn_buf_printf(struct dorn_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(b, (size_t)n))
		return DORN_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

const char *dorn_buf_str(const struct dorn_buf *b)
{
	return b->p ? b->p : "";
}

char *dorn_buf_take(struct dorn_buf *b)
{
	char *p = b->p;

	if (!p)
		p = calloc(1, 1);
	dorn_buf_init(b);
	return p;
}

int dorn_grow(void *arrayp, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap : 8;
	void *p, *grown;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > (size_t)-1 / 2)
			return DORN_ENOMEM;
		ncap *= 2;
	}
	if (size && ncap > (size_t)-1 / size)
		return DORN_ENOMEM;
	memcpy(&p, arrayp, sizeof p);
	grown = realloc(p, ncap * size);
	if (!grown)
		return DORN_ENOMEM;
	memcpy(arrayp, &grown, sizeof grown);
	*cap = ncap;
	return 0;
}
