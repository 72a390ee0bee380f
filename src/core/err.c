/* Error values and their exit codes. */
#include <stdio.h>
#include <string.h>

#include "dorn/err.h"

int dorn_err_setv(struct dorn_err *err, int code, const char *fmt, va_list ap)
{
	if (err) {
		err->code = code;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
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
