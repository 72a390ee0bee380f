/* End-to-end harness: runs the real dorn binary on a pseudo-terminal with a
 * pinned environment and reads its screen through libvterm. Tests wait for
 * what they expect to see, never for a fixed time: with DORN_TEST_READY=1
 * dorn writes a ready marker each time it has read every key sent and
 * drawn the result, and waits end there. The binary is $DORN_BIN, else
 * ./dorn (tests run from the repository root). */
#ifndef DORN_E2E_HARNESS_H
#define DORN_E2E_HARNESS_H

#include <stddef.h>

struct h_term;

#define H_TIMEOUT_MS 5000   /* overall wait: only a guard against a hang */
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

/* On a PostgreSQL server instead: with DORN_E2E_DB_URL set to its
 * administrator's connection string (key=value form, as tests/pg/
 * cluster.sh prints it), h_new_init makes a database of the test's own
 * there and runs dorn init --server on it (unit U1, the Unix login as its
 * first supervisor, as dorn init on SQLite), and h_free drops it. The
 * tests stay as they are: whenever dorn runs, --db h_db(t) is replaced by
 * a connection string to that database as the acting login, which is
 * --as LOGIN's (removed: a server knows who connects) or else the Unix
 * login's. 1 when t is on a server. */
int h_on_server(const struct h_term *t);

/* The environment is rebuilt from nothing: PATH, USER, LOGNAME and
 * DORN_DATADIR are kept; TERM=xterm-256color, LANG=LC_ALL=C.UTF-8, TZ=UTC,
 * DORN_TEST_READY=1 and the three folders are set. env (NULL-terminated, may be NULL) adds
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

/* Send the keys held, then read output until the program has read all
 * of them (and any resize), drawn the result and blocked for the next key
 * (1: the ready marker said so), or H_TIMEOUT_MS passed (0). Also 1 once
 * the program closed the terminal. Returns at once when nothing was sent
 * since the program last said it was ready. */
int h_wait_idle(struct h_term *t);
/* As h_wait_idle (with timeout_ms), then 1 when the screen shows s. The
 * screen cannot change once the program waits for a key, so a missing s
 * is 0 at once, not after timeout_ms. */
int h_wait_text(struct h_term *t, const char *s, int timeout_ms);

/* Keys are held and sent together, in order, by the next wait, resize or
 * signal: the program reads them as one burst of typing (an Esc followed
 * at once by a letter is Alt and that letter, as from a real terminal). */
void h_send(struct h_term *t, const char *s);
/* A key as the terminal would send it in its current mode (libvterm
 * encodes it, so application cursor keys are right). */
void h_key(struct h_term *t, enum h_key k);
/* New size: TIOCSWINSZ on the master (the child gets SIGWINCH) and the
 * emulated screen follows. The same size again does nothing. */
void h_resize(struct h_term *t, int rows, int cols);
/* Sends the keys held first. */
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

/* The key table, label and description, as the binary under test prints
 * it (dorn --help-keys): the help screen must show every row. Read from
 * the binary rather than copied, so it cannot drift; the unit test
 * test_ui_keys checks the man page against the same table. Runs dorn
 * (with t's folders) the first time; fails the test when that fails. *n
 * is the number of rows. */
struct h_keydoc {
	const char *label;
	const char *doc;
};
const struct h_keydoc *h_keys(struct h_term *t, size_t *n);

/* With the help screen open, page through it and count the rows of
 * h_keys it never showed (each is printed to stderr). */
int h_help_missing(struct h_term *t);

/* Print the screen to stderr, for a failing test's log. */
void h_dump(struct h_term *t, const char *why);

/* ---- checks the journeys share (they fail the running cmocka test) ----
 * Macros, so a failure names the journey's line rather than the
 * harness's; the *_at functions are what they call. */

/* Waits for s, then for the update that drew it to finish, so the next
 * key goes to a program that is reading keys again (and an Esc is never
 * merged with the next key into an Alt), and a check that something is
 * gone never looks at a half-drawn screen. */
#define h_expect_text(t, s) h_expect_text_at((t), (s), __FILE__, __LINE__)
/* Once the screen is quiet, s is nowhere on it. */
#define h_expect_no_text(t, s) h_expect_no_text_at((t), (s), __FILE__, __LINE__)
/* Once the screen is quiet, it says s, perhaps wrapped over rows: each
 * row's end and the next row's leading blanks count as one blank. */
#define h_expect_said(t, s) h_expect_said_at((t), (s), __FILE__, __LINE__)
/* The child ends within H_TIMEOUT_MS with status want (-signal when
 * killed). */
#define h_expect_exit(t, want) h_expect_exit_at((t), (want), __FILE__, __LINE__)
/* From a screen where ? opens help: open it, page through it, fail for any
 * of the n texts in docs it never showed, and leave it with Esc. */
#define h_expect_help_lists(t, docs, n) \
	h_expect_help_lists_at((t), (docs), (n), __FILE__, __LINE__)

/* Once the screen is quiet, the whole screen (h_screen_text) is exactly
 * tests/e2e/golden/NAME.txt; else each differing row is printed, the
 * golden one with -, this one with +. With DORN_UPDATE_GOLDEN=1 the file
 * is written instead (then read the diff before committing it); never
 * set it in CI, where a golden file must only be compared. */
#define h_expect_screen(t, name) h_expect_screen_at((t), (name), __FILE__, __LINE__)

void h_expect_text_at(struct h_term *t, const char *s, const char *file, int line);
void h_expect_screen_at(struct h_term *t, const char *name, const char *file, int line);
void h_expect_said_at(struct h_term *t, const char *s, const char *file, int line);
void h_expect_no_text_at(struct h_term *t, const char *s, const char *file, int line);
void h_expect_exit_at(struct h_term *t, int want, const char *file, int line);
void h_expect_help_lists_at(struct h_term *t, const char *const docs[], size_t n,
			    const char *file, int line);

/* ---- dorn on the test database ---- */

/* dorn --db DB args (NULL-terminated), env as for h_run. With out, only
 * standard output goes there (for output that is parsed); without, both
 * streams are kept for the log. Anything but exit 0 prints the command and
 * its output to stderr. Returns the exit status, as h_run. Setups use the
 * status to clean up; tests assert it is 0. */
int h_run_ok(struct h_term *t, const char *const args[], const char *const env[],
	     char *out, size_t outn);

/* h_new, then dorn --db DB init (the caller becomes its supervisor). NULL,
 * with init's output on stderr, on failure. */
struct h_term *h_new_init(const char *const env[]);
/* cmocka fixtures: *state is h_new_init(NULL), freed by h_teardown. */
int h_setup_init(void **state);
int h_teardown(void **state);

/* ---- JSON, read with jansson ---- */

#define H_JSON_MAX 65536 /* room for `dorn show --format json` */

/* What h_json found at a path. */
enum h_json_kind {
	H_JSON_BAD = -2,     /* the document is not JSON */
	H_JSON_MISSING = -1, /* the document has nothing at the path */
	H_JSON_STRING,
	H_JSON_NUMBER,
	H_JSON_WORD,         /* true, false or null */
	H_JSON_TREE,         /* an object or an array */
};

/* The value at path in doc: keys and array indexes joined by dots
 * ("victim.name", "items.0.how_used.1"). out gets a string's text, a
 * number as printed, true/false/null as that word, an object or array
 * as compact JSON; when nothing is there, a note saying which step of the
 * path is missing. Returns the kind, so a check can tell the string "2"
 * from the number 2. */
int h_json(const char *doc, const char *path, char *out, size_t outn);

/* dorn show URN --format json, which must exit 0; the document, for
 * free(). */
#define h_show_json(t, urn, env) h_show_json_at((t), (urn), (env), __FILE__, __LINE__)
/* doc has a value at path, whose text (as h_json) is want. */
#define h_expect_json(doc, path, want) \
	h_expect_json_at((doc), (path), (want), __FILE__, __LINE__)
/* doc is JSON and has nothing at path. */
#define h_expect_no_json(doc, path) h_expect_no_json_at((doc), (path), __FILE__, __LINE__)

char *h_show_json_at(struct h_term *t, const char *urn, const char *const env[],
		     const char *file, int line);
void h_expect_json_at(const char *doc, const char *path, const char *want,
		      const char *file, int line);
void h_expect_no_json_at(const char *doc, const char *path, const char *file, int line);

#endif
