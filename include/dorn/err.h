/* Errors shared by every room: a negative code plus a message with context. */
#ifndef DORN_ERR_H
#define DORN_ERR_H

#include <stdarg.h>

enum dorn_errcode {
	DORN_OK = 0,
	DORN_EUSAGE = -1,    /* bad command line: exit 64 */
	DORN_EDATA = -2,     /* bad input data: exit 65 */
	DORN_ENOINPUT = -3,  /* missing input file or record: exit 66 */
	DORN_ERULE = -4,     /* refused by a rule (no consent, ...): exit 69 */
	DORN_EINTERNAL = -5, /* a bug or an impossible state: exit 70 */
	DORN_ECANTCREAT = -6,/* cannot create output: exit 73 */
	DORN_EIO = -7,       /* input/output error: exit 74 */
	DORN_EBUSY = -8,     /* database busy or locked: exit 75 */
	DORN_EPERM = -9,     /* permission: exit 77 */
	DORN_ECONFIG = -10,  /* configuration: exit 78 */
	DORN_ENOMEM = -11,   /* out of memory: exit 70 */
	DORN_ECONFLICT = -12,/* someone else changed it meanwhile: exit 75 */
};

#define DORN_ERR_MSG 1024

struct dorn_err {
	int code;
	char msg[DORN_ERR_MSG]; /* "what went wrong: what to do", no "dorn: " prefix */
};

/* Fill err (which may be NULL) and return code, so callers can write
 * `return dorn_err_set(err, DORN_EDATA, "...")`. The formatted message is
 * passed through dorn_text_mask: it is one line, and any control
 * character or malformed UTF-8 a caller formats into it (a login, a name,
 * a file name, a case file's text) shows as '?' (tab and line breaks as a
 * space), so a message can never carry an escape sequence to a terminal. */
int dorn_err_set(struct dorn_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int dorn_err_setv(struct dorn_err *err, int code, const char *fmt, va_list ap);
void dorn_err_clear(struct dorn_err *err);

/* The sysexits.h code for an error code (0 for DORN_OK). */
int dorn_err_exit_code(int code);

#endif
