/* The terminal interface: the only room that includes curses.h. */
#ifndef DORN_UI_H
#define DORN_UI_H

struct dorn_app;
struct dorn_err;

/* Run the interface until the user quits or a SIGTERM/SIGHUP arrives. The
 * terminal is restored before this returns, whatever happened, so the caller
 * may print err afterwards. Returns 0 or a DORN_E* code (for example when
 * TERM is unusable). */
int dorn_ui_run(struct dorn_app *app, struct dorn_err *err);

/* Print the key table (for `dorn --help`-style listings and tests). */
struct dorn_buf;
void dorn_ui_keys_text(struct dorn_buf *out);

/* Whether a form of the interview asks for the field-table row (part,
 * key): every row must be in one, or an officer could not record it. */
int dorn_ui_form_has(int part, const char *key);

#endif
