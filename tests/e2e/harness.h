/* End-to-end harness: runs the real dorn binary on a pseudo-terminal with a
 * pinned environment and reads its screen through libvterm. Tests wait for
 * what they expect to see (or for the program to go quiet), never for a
 * fixed time. The binary is $DORN_BIN, else ./dorn (tests run from the
 * repository root). */
#ifndef DORN_E2E_HARNESS_H
#define DORN_E2E_HARNESS_H

#include <stddef.h>

struct h_term;

#define H_TIMEOUT_MS 5000   /* default overall wait */
#define H_IDLE_MS 150       /* no output for this long counts as idle */
#define H_NOT_EXITED (-1000) /* h_wait_exit: still running at the deadline */

enum h_key { H_ESC, H_ENTER, H_UP, H_DOWN, H_PGUP, H_PGDN, H_HOME, H_END, H_F1,
	     H_TAB, H_BTAB, H_LEFT, H_RIGHT, H_BACKSPACE, H_DEL, H_CLEFT, H_CRIGHT };

/* A fresh temporary folder (mkdtemp) holding home/, config/ and data/ for
 * HOME, XDG_CONFIG_HOME and XDG_DATA_HOME. NULL on failure. */
struct h_term *h_new(void);
/* Kills the child if it still runs and removes the folder. NULL is fine. */
void h_free(struct h_term *t);
const char *h_dir(const struct h_term *t);
/* DIR/dorn.db, the database the tests use. */
const char *h_db(const struct h_term *t);

/* The environment is rebuilt from nothing: PATH, USER, LOGNAME and
 * DORN_DATADIR are kept; TERM=xterm-256color, LANG=LC_ALL=C.UTF-8, TZ=UTC
 * and the three folders are set. env (NULL-terminated, may be NULL) adds
 * "NAME=value" entries or removes "NAME". args are dorn's arguments, without
 * the program name. */

/* Run dorn to completion without a terminal (stdin is /dev/null), stdout and
 * stderr together into out (may be NULL). Returns the exit status, -signal
 * when killed, or H_NOT_EXITED on a harness failure. */
int h_run(struct h_term *t, const char *const args[], const char *const env[],
	  char *out, size_t outn);

/* As h_run, but only standard output goes to out (standard error is
 * dropped), for output that is parsed, such as JSON. */
int h_run_stdout(struct h_term *t, const char *const args[], const char *const env[],
		 char *out, size_t outn);

/* Start dorn on a rows x cols pseudo-terminal. 0 or -1. */
int h_spawn(struct h_term *t, const char *const args[], const char *const env[],
	    int rows, int cols);

/* Read output until none came for H_IDLE_MS (1) or H_TIMEOUT_MS passed (0).
 * Also 1 once the program closed the terminal. */
int h_wait_idle(struct h_term *t);
/* Read output until the screen shows s (1) or timeout_ms passed (0). */
int h_wait_text(struct h_term *t, const char *s, int timeout_ms);

void h_send(struct h_term *t, const char *s);
/* A key as the terminal would send it in its current mode (libvterm
 * encodes it, so application cursor keys are right). */
void h_key(struct h_term *t, enum h_key k);
/* New size: TIOCSWINSZ on the master (the child gets SIGWINCH) and the
 * emulated screen follows. */
void h_resize(struct h_term *t, int rows, int cols);
void h_kill(struct h_term *t, int sig);
/* Wait for the child to end and read everything it wrote. Returns the exit
 * status, -signal, or H_NOT_EXITED. */
int h_wait_exit(struct h_term *t, int timeout_ms);

/* Screen contents as UTF-8, trailing blanks removed. The pointer is valid
 * until the next call on t. */
const char *h_row_text(struct h_term *t, int row);
const char *h_screen_text(struct h_term *t); /* rows joined by '\n' */
int h_screen_contains(struct h_term *t, const char *s);
int h_rows(const struct h_term *t);
int h_cols(const struct h_term *t);

/* 1 when any cell (or any cell of row) has a colour other than the
 * terminal's default foreground or background. */
int h_any_colour(struct h_term *t);
int h_row_colour(struct h_term *t, int row);

/* Terminal state as the program left it. */
int h_cursor_visible(const struct h_term *t);
/* Where the program left the real cursor (0-based). */
void h_cursor_pos(const struct h_term *t, int *row, int *col);
int h_altscreen(const struct h_term *t);
/* 1 when the pty's line discipline is back in canonical mode with echo,
 * as a shell expects it; 0 when the program left it raw. */
int h_tty_sane(const struct h_term *t);

/* A copy of the key table (src/ui/keys.c), label and description: the
 * help screen must show every row. Kept here so every journey checks the
 * same list; the unit test test_ui_keys checks the man page against the
 * table itself. */
struct h_keydoc {
	const char *label;
	const char *doc;
};
extern const struct h_keydoc h_keys[];
extern const size_t h_nkeys;

/* With the help screen open, page through it and count the rows of
 * h_keys it never showed (each is printed to stderr). */
int h_help_missing(struct h_term *t);

/* Print the screen to stderr, for a failing test's log. */
void h_dump(struct h_term *t, const char *why);

#endif
