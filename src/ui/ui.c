/* The terminal interface's frame: taking and giving back the terminal,
 * signals, the screen stack, the "too small" screen, and the one loop that
 * reads keys and acts on what the screens answer. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dorn/app.h"
#include "dorn/err.h"
#include "dorn/text.h"
#include "dorn/ui.h"
#include "ui_priv.h"

/* The only globals: the handlers can reach nothing else. got_signal holds
 * the number of a SIGTERM/SIGHUP/SIGINT that asked us to leave; curses_up
 * tells the crash handler and the atexit hook that the terminal is still
 * ours to give back. */
static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t curses_up;

/* How long wget_wch waits, so a signal flag is seen even when the read
 * restarts instead of failing with EINTR. */
#define KEY_WAIT_MS 500

/* Most rows a long message may take from the bottom of the screen. */
#define MSG_ROWS_MAX 6

static const int leave_signals[] = { SIGTERM, SIGHUP, SIGINT };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT };

#define NLEAVE (sizeof leave_signals / sizeof leave_signals[0])
#define NCRASH (sizeof crash_signals / sizeof crash_signals[0])

struct saved_signals {
	struct sigaction leave[NLEAVE];
	struct sigaction crash[NCRASH];
};

static void on_leave(int sig)
{
	got_signal = sig;
}

/* endwin is not async-signal-safe; it is a best effort that almost always
 * leaves the user with a usable terminal, which beats a raw one. The
 * handler was reset to SIG_DFL on entry (SA_RESETHAND), so the raise makes
 * the process die of the same signal, core and all, once we return. */
static void on_crash(int sig)
{
	if (curses_up) {
		curses_up = 0;
		endwin();
	}
	raise(sig);
}

static void at_exit(void)
{
	if (curses_up) {
		curses_up = 0;
		endwin();
	}
}

/* Installed before newterm: ncurses only sets its own SIGINT/SIGTERM
 * handlers when it finds SIG_DFL. No SA_RESTART, so a blocking read fails
 * with EINTR and the loop sees the flag at once. */
static void signals_install(struct saved_signals *old)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_leave;
	for (i = 0; i < NLEAVE; i++)
		sigaction(leave_signals[i], &sa, &old->leave[i]);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < NCRASH; i++)
		sigaction(crash_signals[i], &sa, &old->crash[i]);
}

static void signals_restore(const struct saved_signals *old)
{
	size_t i;

	for (i = 0; i < NLEAVE; i++)
		sigaction(leave_signals[i], &old->leave[i], NULL);
	for (i = 0; i < NCRASH; i++)
		sigaction(crash_signals[i], &old->crash[i], NULL);
}

static int bad_term(struct dorn_err *err, const char *term)
{
	char shown[64];

	/* TERM comes from the environment: never echo control characters. */
	snprintf(shown, sizeof shown, "%s", term);
	dorn_text_strip(shown, 0);
	return dorn_err_set(err, DORN_ECONFIG,
			    "cannot use terminal type '%s': set TERM to your terminal "
			    "type, for example xterm-256color", shown);
}

static void term_close(struct ui *u)
{
	if (curses_up) {
		curses_up = 0;
		endwin();
	}
	if (u->sp) {
		delscreen(u->sp);
		u->sp = NULL;
	}
}

/* Home and End as terminals send them, whatever TERM's terminfo says:
 * tmux, screen and the Linux console send ESC [1~ and ESC [4~, xterm
 * ESC [H / ESC [F or, in application mode, ESC O H / ESC O F, rxvt
 * ESC [7~ and ESC [8~. A sequence terminfo does not know would reach the
 * loop as Esc and some characters, so it is taught to ncurses here. One
 * terminfo already knows keeps its meaning, except Find and Select: that
 * is what xterm and rxvt entries call ESC [1~ and ESC [4~, the keys in the
 * place of Home and End on the VT220 keypad, and nobody means them as
 * anything else. A sequence that is the start of a longer one terminfo
 * defines (key_defined says -1) is left alone too. */
static void define_home_end(void)
{
	static const struct {
		const char *seq;
		int key, alias;
	} seqs[] = {
		{ "\033[1~", KEY_HOME, KEY_FIND }, { "\033[4~", KEY_END, KEY_SELECT },
		{ "\033[H", KEY_HOME, 0 },         { "\033[F", KEY_END, 0 },
		{ "\033OH", KEY_HOME, 0 },         { "\033OF", KEY_END, 0 },
		{ "\033[7~", KEY_HOME, 0 },        { "\033[8~", KEY_END, 0 },
	};
	size_t i;
	int k;

	for (i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		k = key_defined(seqs[i].seq);
		if (k == 0 || (seqs[i].alias && k == seqs[i].alias))
			define_key(seqs[i].seq, seqs[i].key);
	}
}

static int term_open(struct ui *u, struct dorn_err *err)
{
	const char *term = getenv("TERM");
	const char *no_color = getenv("NO_COLOR");
	const char *test_ready;

	if (!term || !*term)
		return dorn_err_set(err, DORN_ECONFIG,
				    "TERM is not set: set TERM to your terminal type, "
				    "for example xterm-256color");
	if (!ui_term_usable(term))
		return bad_term(err, term);
	/* newterm, not initscr: initscr exits the process on a bad TERM. */
	u->sp = newterm(NULL, stdout, stdin);
	if (!u->sp)
		return bad_term(err, term);
	curses_up = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	define_home_end();
	/* How long a lone Esc waits to be sure no sequence follows: a
	 * terminal writes a whole key sequence at once, so 10 ms is enough and
	 * Esc answers within a frame. ESCDELAY (ncurses' own variable) sets
	 * another wait for a link that splits sequences. */
	if (!getenv("ESCDELAY"))
		set_escdelay(10);
	timeout(KEY_WAIT_MS);
	curs_set(1);
	u->colour = has_colors() && !(no_color && *no_color) &&
		    u->app->cfg.color != DORN_COLOR_NEVER;
	/* Without a UTF-8 locale the symbols could not be drawn: use ASCII. */
	u->ascii = u->app->cfg.ascii || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	ui_colours_init(u);
	u->key_cleft = ui_term_key("kLFT5");
	u->key_cright = ui_term_key("kRIT5");
	test_ready = getenv("DORN_TEST_READY");
	u->ready_marker = test_ready && !strcmp(test_ready, "1");
	return 0;
}

unsigned ui_mode(const struct ui_frame *f)
{
	return f->scr->mode ? f->scr->mode(f->st) : f->scr->where;
}

int ui_push(struct ui *u, const struct ui_screen *scr, void *st)
{
	if (u->depth >= UI_STACK_MAX)
		return DORN_EINTERNAL;
	u->stack[u->depth].scr = scr;
	u->stack[u->depth].st = st;
	u->depth++;
	return 0;
}

static void pop(struct ui *u)
{
	struct ui_frame *f;

	if (!u->depth)
		return;
	f = &u->stack[--u->depth];
	if (f->scr->fini)
		f->scr->fini(f->st);
	f->scr = NULL;
	f->st = NULL;
}

void ui_message(struct ui *u, const char *text)
{
	snprintf(u->msg, sizeof u->msg, "%s", text);
}

static int too_small(void)
{
	return LINES < UI_MIN_ROWS || COLS < UI_MIN_COLS;
}

static void small_draw(struct ui *u)
{
	char line[128];
	int y = LINES > 7 ? (LINES - 5) / 2 : 0;

	ui_text(u, y, 0, COLS, UI_ROLE_HEADER, "The terminal is too small.");
	snprintf(line, sizeof line, "It is %d columns by %d rows.", COLS, LINES);
	ui_text(u, y + 1, 0, COLS, UI_ROLE_NORMAL, line);
	snprintf(line, sizeof line, "dorn needs at least %d columns by %d rows.",
		 UI_MIN_COLS, UI_MIN_ROWS);
	ui_text(u, y + 2, 0, COLS, UI_ROLE_NORMAL, line);
	ui_text(u, y + 3, 0, COLS, UI_ROLE_NORMAL,
		"Make the window larger to go on, or press Ctrl-C to quit.");
	/* Keys typed now would act on a screen nobody can see: refused, and
	 * said so here and again once the screen is back. */
	if (u->keys_refused)
		snprintf(line, sizeof line,
			 "Keys typed now are ignored until it is larger (%lu so far).",
			 u->keys_refused);
	else
		snprintf(line, sizeof line, "Keys typed now are ignored until it is larger.");
	ui_text(u, y + 4, 0, COLS, UI_ROLE_MESSAGE, line);
	ui_set_cursor(u, y, 0);
}

static void title_draw(struct ui *u, const struct ui_screen *scr)
{
	const struct dorn_app *app = u->app;
	const char *role = dorn_role_word(app->me.role);
	char left[256], right[256];
	int w;

	ui_fill_row(u, 0, UI_ROLE_TITLE);
	/* The login alone when the name would only repeat it. */
	if (app->me.name[0] && strcmp(app->me.name, app->login))
		snprintf(right, sizeof right, "%s (%s), %s ", app->me.name,
			 app->login, role);
	else
		snprintf(right, sizeof right, "%s, %s ", app->login, role);
	dorn_text_strip(right, 0);
	w = (int)dorn_text_width(right, strlen(right));
	if (w > COLS / 2)
		w = COLS / 2;
	ui_text(u, 0, COLS - w, w, UI_ROLE_TITLE, right);
	snprintf(left, sizeof left, " dorn | %s%s%s", app->cfg.unit_name,
		 app->cfg.unit_name[0] ? " | " : "", scr->title);
	ui_text(u, 0, 0, COLS - w - 1, UI_ROLE_TITLE, left);
}

/* A footer hint applies now: its row works here, by its first key. */
static const char *hint_for(const struct ui_binding *b, unsigned where)
{
	if (!(b->where & where) || !b->hint)
		return NULL;
	/* "? Help" on the help screen itself would be noise. */
	if (where == UI_IN_HELP && b->action == UI_ACT_HELP)
		return NULL;
	/* While typing, '?' is text: say the key that still works. */
	if ((where & UI_IN_TEXT) && UI_IS_TEXT_KEY(b->keys[0]))
		return b->action == UI_ACT_HELP ? "F1 Help" : NULL;
	return b->hint;
}

/* Footer hints come from the key table, like the help screen. When they
 * do not all fit, the moving keys (which every screen shares) go first,
 * then the gaps between hints narrow from three blanks to two, then the
 * hints that still do not fit are left out from the end, but never the
 * one for help, which lists them all. */
static void footer_draw(struct ui *u, unsigned where)
{
	const struct ui_binding *b;
	const char *h, *help = NULL;
	size_t i, n;
	int x = 1, need = 1, rest = 1, hints = 0, gap = 3, moving, drop_moving;

	ui_fill_row(u, LINES - 1, UI_ROLE_FOOTER);
	b = ui_bindings(&n);
	for (i = 0; i < n; i++) {
		if (!(h = hint_for(&b[i], where)))
			continue;
		need += (int)strlen(h) + 3;
		if (strcmp(b[i].group, "Moving")) {
			rest += (int)strlen(h);
			hints++;
		}
	}
	/* While a question waits, moving is no answer worth a hint. */
	drop_moving = need > COLS || where == UI_IN_ASK;
	if (drop_moving && rest + 3 * hints > COLS)
		gap = 2;
	/* Only when even that is too wide does help move to the end. */
	for (i = 0; i < n && rest + gap * hints > COLS; i++)
		if (b[i].action == UI_ACT_HELP && (h = hint_for(&b[i], where)))
			help = h;
	for (i = 0; i < n; i++) {
		if (!(h = hint_for(&b[i], where)) || h == help)
			continue;
		moving = !strcmp(b[i].group, "Moving");
		if (moving && drop_moving)
			continue;
		if (help && x + (int)strlen(h) + gap + (int)strlen(help) > COLS)
			continue;
		x += ui_text(u, LINES - 1, x, COLS - x, UI_ROLE_FOOTER, h) + gap;
	}
	if (help)
		ui_text(u, LINES - 1, x, COLS - x, UI_ROLE_FOOTER, help);
}

/* The message line; a message too long for it (a refusal from the app
 * layer, with what to do) grows upwards over the screen's last rows, so it
 * is read in full. The next key takes it away. */
static void message_draw(struct ui *u)
{
	int rows = (int)ui_wrap(u->msg, (size_t)COLS - 2, NULL, 0), y;

	if (rows > MSG_ROWS_MAX)
		rows = MSG_ROWS_MAX;
	for (y = LINES - 1 - rows; y < LINES - 1; y++)
		ui_fill_row(u, y, UI_ROLE_NORMAL);
	ui_text_wrapped(u, LINES - 1 - rows, 1, COLS - 2, rows, UI_ROLE_MESSAGE, u->msg);
}

static void draw_all(struct ui *u)
{
	struct ui_frame *f = &u->stack[u->depth - 1];

	erase();
	ui_set_cursor(u, 0, 0);
	if (too_small()) {
		small_draw(u);
	} else {
		u->body_top = 2;
		u->body_rows = LINES - 4; /* title, blank, message, footer */
		if (u->keys_refused) {
			snprintf(u->msg, sizeof u->msg,
				 "%lu key%s typed while the terminal was too small %s "
				 "ignored: type %s again.", u->keys_refused,
				 u->keys_refused == 1 ? "" : "s",
				 u->keys_refused == 1 ? "was" : "were",
				 u->keys_refused == 1 ? "it" : "them");
			u->keys_refused = 0;
		}
		title_draw(u, f->scr);
		f->scr->draw(u, f->st);
		if (u->msg[0])
			message_draw(u);
		footer_draw(u, ui_mode(f));
	}
	/* Last, so screen readers follow the focus. */
	move(u->cur_y, u->cur_x);
	refresh();
}

/* A key, or -1 on timeout or interruption. Esc followed at once by a
 * character is Alt and that character (the terminal sends both together);
 * a lone Esc is Esc. */
static int read_key(struct ui *u)
{
	wint_t wch, next;
	int r;

	u->key_held = 0;
	r = get_wch(&wch);

	if (r == KEY_CODE_YES) {
		if (u->key_cleft && (int)wch == u->key_cleft)
			return UI_KEY_CLEFT;
		if (u->key_cright && (int)wch == u->key_cright)
			return UI_KEY_CRIGHT;
		return UI_FN((int)wch);
	}
	if (r != OK)
		return -1;
	if (wch == UI_ESC) {
		timeout(0);
		r = get_wch(&next);
		timeout(KEY_WAIT_MS);
		if (r == OK && next >= 0x20 && next < 0x7f)
			return UI_ALT((int)next);
		if (r == OK || r == KEY_CODE_YES) {
			unget_wch(next); /* rare: keep it for the next read */
			u->key_held = 1;
		}
	}
	return (int)wch;
}

/* 1 when a key is waiting: in the terminal, or given back to ncurses. */
static int input_pending(const struct ui *u)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	return u->key_held || poll(&p, 1, 0) > 0;
}

/* Test mode (DORN_TEST_READY=1): the end-to-end harness must know when
 * the program has read everything it was sent and drawn the result, so it
 * waits for this rather than for a quiet spell. Written only when no key
 * waits (else another draw follows), after the screen is flushed, as an
 * APC string (ESC _ ... ESC \) that terminals ignore; the harness strips
 * it. The count of keys read lets the harness tell a marker written
 * before its keys arrived from one written after. */
static void ready_mark(struct ui *u)
{
	char mark[48];
	int n;
	ssize_t w;

	n = snprintf(mark, sizeof mark, "\033_dorn-ready;%lu\033\\", u->keys_read);
	fflush(stdout);
	do
		w = write(STDOUT_FILENO, mark, (size_t)n);
	while (w < 0 && errno == EINTR);
}

/* Returns 1 when the user leaves dorn. */
static int handle_key(struct ui *u, int key)
{
	struct ui_frame *f = &u->stack[u->depth - 1];
	enum ui_action act = ui_key_action(ui_mode(f), key);
	int res;

	u->msg[0] = '\0';
	if (act == UI_ACT_REDRAW) {
		clearok(curscr, TRUE);
		return 0;
	}
	if (act == UI_ACT_HELP && ui_mode(f) != UI_IN_HELP) {
		if (ui_help_open(u))
			ui_message(u, "Cannot open the help screen: out of memory.");
		return 0;
	}
	res = f->scr->key(u, f->st, act, key);
	if (res & UI_RES_UNUSED)
		ui_message(u, "That key does nothing here. Press ? for the list of keys.");
	if (res & UI_RES_QUIT)
		return 1;
	if (res & UI_RES_BACK)
		pop(u);
	return u->depth == 0;
}

/* Leaving on a signal: every screen that holds typed values saves what is
 * valid, top first, while the terminal is still ours (so a message could
 * still be drawn); then the caller restores the terminal. */
static void save_all(struct ui *u)
{
	int i;

	for (i = u->depth - 1; i >= 0; i--)
		if (u->stack[i].scr->save)
			u->stack[i].scr->save(u, u->stack[i].st);
}

static void loop(struct ui *u)
{
	int key, dirty = 1, ready_due = 0;

	while (!got_signal) {
		if (dirty)
			draw_all(u);
		/* Owed until written: when a key was waiting the marker is
		 * put off, and that key may end in no draw (a read that
		 * decodes nothing), yet the harness still needs a marker. */
		ready_due |= dirty;
		if (u->ready_marker && ready_due && !input_pending(u)) {
			ready_mark(u);
			ready_due = 0;
		}
		dirty = 0;
		key = read_key(u);
		if (key < 0)
			continue;
		u->keys_read++;
		dirty = 1;
		/* Resizing is handled here and only here: ncurses has already
		 * resized stdscr, and draw_all picks the "too small" screen or
		 * the screen on top of the stack, which kept its state. */
		if (key == UI_FN(KEY_RESIZE))
			continue;
		/* Refused, never kept: a key typed now would act, once the
		 * terminal grows, on a screen the officer could not see. */
		if (too_small()) {
			if (ui_key_action(UI_IN_ALL, key) == UI_ACT_REDRAW)
				clearok(curscr, TRUE);
			else
				u->keys_refused++;
			continue;
		}
		if (handle_key(u, key))
			break;
	}
	if (got_signal)
		save_all(u);
}

int dorn_ui_run(struct dorn_app *app, struct dorn_err *err)
{
	struct saved_signals old;
	struct ui u;
	char *old_locale = NULL;
	const char *loc;
	int rc = 0;

	memset(&u, 0, sizeof u);
	u.app = app;
	u.err = err;
	if (!isatty(0) || !isatty(1))
		return dorn_err_set(err, DORN_EUSAGE,
				    "standard input is not a terminal: run dorn in a "
				    "terminal, or use a subcommand (see dorn --help)");
	/* The locale first: ncursesw decides at newterm whether it speaks UTF-8. */
	loc = setlocale(LC_ALL, NULL);
	if (loc)
		old_locale = strdup(loc);
	setlocale(LC_ALL, "");

	got_signal = 0;
	signals_install(&old);
	/* Registered on every run; the hook does nothing once curses is down. */
	atexit(at_exit);
	rc = term_open(&u, err);
	if (rc)
		goto out;
	rc = ui_home_open(&u, err);
	if (rc)
		goto out;
	if (dorn_app_readonly(app))
		ui_message(&u, "This database is read-only for you: you can read it, not change "
			   "it, and what you read is not recorded in its audit log.");
	loop(&u);
out:
	while (u.depth)
		pop(&u);
	term_close(&u);
	signals_restore(&old);
	if (old_locale)
		setlocale(LC_ALL, old_locale);
	free(old_locale);
	/* A SIGTERM, SIGHUP or SIGINT is an orderly way out: return 0. */
	return rc;
}
