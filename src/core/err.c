/* Error values and their exit codes. */
#include <stdio.h>
#include <string.h>

#include "dorn/err.h"
#include "dorn/text.h"

/* A message cut at the buffer's end may stop inside a character: drop the
 * part, rather than show it as '?'. */
static void drop_cut_character(char *s, size_t n)
{
	size_t i = n, need;
	unsigned char lead;

	while (i > 0 && n - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	lead = (unsigned char)s[i - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (need > n - (i - 1))
		s[i - 1] = '\0';
}

/* Every message may end up on a terminal, and its arguments are often
 * what a user typed or a file held (a login, a name, a reason, a file name,
 * a case file's text): masking here, once, means no caller can pass an
 * escape sequence through, whatever it formats. */
int dorn_err_setv(struct dorn_err *err, int code, const char *fmt, va_list ap)
{
	int n;

	if (err) {
		err->code = code;
		n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		if (n < 0)
			err->msg[0] = '\0';
		else if ((size_t)n >= sizeof err->msg)
			drop_cut_character(err->msg, sizeof err->msg - 1);
		dorn_text_mask(err->msg);
	}
	return code;
}

int dorn_err_set(struct dorn_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dorn_err_setv(err, code, fmt, ap);
	va_end(ap);
	return code;
}

void dorn_err_clear(struct dorn_err *err)
{
	if (err) {
		err->code = DORN_OK;
		err->msg[0] = '\0';
	}
}

static const struct {
	int code;
	int exit;
} exits[] = {
	{ DORN_OK, 0 },           { DORN_EUSAGE, 64 },   { DORN_EDATA, 65 },
	{ DORN_ENOINPUT, 66 },    { DORN_ERULE, 69 },    { DORN_EINTERNAL, 70 },
	{ DORN_ECANTCREAT, 73 },  { DORN_EIO, 74 },      { DORN_EBUSY, 75 },
	{ DORN_EPERM, 77 },       { DORN_ECONFIG, 78 },  { DORN_ENOMEM, 70 },
	{ DORN_ECONFLICT, 75 },
};

int dorn_err_exit_code(int code)
{
	for (size_t i = 0; i < sizeof exits / sizeof exits[0]; i++)
		if (exits[i].code == code)
			return exits[i].exit;
	return 70;
}
