/* First journeys through the terminal interface: the home screen, help,
 * resizing, leaving by key, by signal and by crash, colour, and terminals
 * dorn cannot use. Each test starts from its own empty database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define EMPTY_TEXT "No cases yet. Press n to start a new case, ? for help, q to quit."

static void start(struct h_term *t, const char *const env[], int rows, int cols)
{
	const char *args[3] = { "--db", NULL, NULL };

	args[1] = h_db(t);
	assert_int_equal(h_spawn(t, args, env, rows, cols), 0);
}

static void start_home(struct h_term *t, const char *const env[])
{
	start(t, env, 24, 80);
	h_expect_text(t, EMPTY_TEXT);
}

/* The alternate screen was in use, so leaving it is something to check. */
static void expect_restored(struct h_term *t)
{
	if (h_altscreen(t) || !h_cursor_visible(t) || !h_tty_sane(t)) {
		h_dump(t, "after exit");
		fail_msg("terminal not restored: altscreen=%d cursor_visible=%d tty_sane=%d",
			 h_altscreen(t), h_cursor_visible(t), h_tty_sane(t));
	}
}

static int row_of(struct h_term *t, const char *s)
{
	int row;

	for (row = 0; row < h_rows(t); row++)
		if (strstr(h_row_text(t, row), s))
			return row;
	return -1;
}

static void test_home__empty_database(void **state)
{
	struct h_term *t = *state;
	int row, col, want;

	start_home(t, NULL);
	assert_non_null(strstr(h_row_text(t, 0), "dorn"));
	assert_non_null(strstr(h_row_text(t, 0), "supervisor"));
	assert_non_null(strstr(h_row_text(t, 23), "? Help"));
	assert_non_null(strstr(h_row_text(t, 23), "q Quit"));
	assert_true(h_altscreen(t));
	/* The real cursor sits on the focused line, for screen readers. */
	want = row_of(t, EMPTY_TEXT);
	h_cursor_pos(t, &row, &col);
	assert_int_equal(row, want);
	assert_true(h_cursor_visible(t));
}

static void test_home__n_starts_the_interview(void **state)
{
	struct h_term *t = *state;

	start_home(t, NULL);
	h_send(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	assert_false(h_screen_contains(t, EMPTY_TEXT));
	/* Esc on a case nobody typed into goes back without a question. */
	h_key(t, H_ESC);
	h_expect_text(t, EMPTY_TEXT);
}

/* No line drawing, ticks, arrows or bullets on screen. Text itself (a name
 * like Zoë, the guidance's curly quotes) is content and stays UTF-8. */
static int screen_is_ascii(struct h_term *t)
{
	static const char *const marks[] = { "\u2500", "\u2502", "\u250c", "\u2510",
					     "\u2514", "\u2518", "\u25b8", "\u2713",
					     "\u2026", "\u00b7", "\u2717", "\u2022" };
	const char *screen = h_screen_text(t);

	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strstr(screen, marks[i]))
			return 0;
	return 1;
}

static void test_ascii__config_draws_plain_ascii(void **state)
{
	struct h_term *t = *state;
	const char *args[5] = { "--config", NULL, "--db", NULL, NULL };
	char cfg[512];
	FILE *f;

	snprintf(cfg, sizeof cfg, "%s/ascii.ini", h_dir(t));
	f = fopen(cfg, "w");
	assert_non_null(f);
	fputs("[ui]\nascii = yes\n", f);
	assert_int_equal(fclose(f), 0);
	args[1] = cfg;
	args[3] = h_db(t);
	assert_int_equal(h_spawn(t, args, NULL, 24, 80), 0);
	h_expect_text(t, EMPTY_TEXT);
	assert_true(screen_is_ascii(t));
	/* the interview has the most lines and marks */
	h_send(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	if (!screen_is_ascii(t)) {
		h_dump(t, "ascii");
		fail_msg("[ui] ascii = yes drew a character outside ASCII");
	}
	/* and without the setting the same screen uses box drawing (so this
	 * test can fail) */
	h_key(t, H_ESC);
	h_expect_text(t, EMPTY_TEXT);
	h_send(t, "q");
	h_wait_exit(t, H_TIMEOUT_MS);
	start_home(t, NULL);
	h_send(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	assert_false(screen_is_ascii(t));
}

/* A long list is read a page at a time; End must still reach the last
 * case and PgDn walk past the first page. */
static void test_home__long_list_reaches_every_case(void **state)
{
	struct h_term *t = *state;
	enum { BATCH = 10 };
	const char *args[BATCH + 2] = { "import" };
	char path[BATCH][512], last[32];
	FILE *f;
	int n = 260;

	/* one case a file, BATCH files an import: each dorn run costs more
	 * than the files it reads; no dates, so the list is in URN order */
	for (int i = 0; i < n; i++) {
		snprintf(path[i % BATCH], sizeof path[0], "%s/many%d.ini", h_dir(t), i % BATCH);
		f = fopen(path[i % BATCH], "w");
		assert_non_null(f);
		fprintf(f, "[case]\nurn = 07/LL/%05d/26\n[victim]\nreference = R%d\n", i, i);
		assert_int_equal(fclose(f), 0);
		args[1 + i % BATCH] = path[i % BATCH];
		if (i % BATCH == BATCH - 1 || i == n - 1) {
			args[2 + i % BATCH] = NULL;
			assert_int_equal(h_run_ok(t, args, NULL, NULL, 0), 0);
		}
	}
	snprintf(last, sizeof last, "07/LL/%05d/26", n - 1);
	start(t, NULL, 24, 80);
	h_expect_text(t, "07/LL/00000/26");
	/* PgDn from the top, a page (17 rows here) at a time, walks past the
	 * first 200 rows read and on to the last case */
	for (int i = 0; i < 16; i++)
		h_key(t, H_PGDN);
	h_expect_text(t, last);
	h_key(t, H_HOME);
	h_expect_text(t, "07/LL/00000/26");
	h_send(t, "q");
	assert_int_equal(h_wait_exit(t, H_TIMEOUT_MS), 0);
	/* End, from a fresh start, reads the rest at once */
	start(t, NULL, 24, 80);
	h_expect_text(t, "07/LL/00000/26");
	h_key(t, H_END);
	h_expect_text(t, last);
	/* and back up, a page above the rows held at a time, to the first;
	 * then Down from there walks on, line by line, below the window */
	for (int i = 0; i < 16; i++)
		h_key(t, H_PGUP);
	h_expect_text(t, "07/LL/00000/26");
	for (int i = 0; i < 60; i++)
		h_key(t, H_DOWN);
	h_expect_text(t, "07/LL/00060/26");
}

static void test_help__question_mark_lists_every_key(void **state)
{
	struct h_term *t = *state;
	size_t nkeys;

	start_home(t, NULL);
	h_send(t, "?");
	h_expect_text(t, h_keys(t, &nkeys)[0].doc);
	assert_false(h_screen_contains(t, EMPTY_TEXT));
	assert_int_equal(h_help_missing(t), 0);
}

static void test_help__f1_opens_and_esc_returns(void **state)
{
	struct h_term *t = *state;

	start_home(t, NULL);
	h_key(t, H_F1);
	h_expect_text(t, "Move up one line, option or field");
	assert_true(h_wait_idle(t));
	h_key(t, H_ESC);
	h_expect_text(t, EMPTY_TEXT);
	assert_false(h_screen_contains(t, "Move up one line, option or field"));
}

static void test_resize__too_small_then_home_again(void **state)
{
	struct h_term *t = *state;

	start_home(t, NULL);
	h_resize(t, 20, 60);
	h_expect_text(t, "too small");
	h_expect_text(t, "60 columns by 20 rows");
	h_expect_text(t, "at least 80 columns by 24 rows");
	assert_false(h_screen_contains(t, EMPTY_TEXT));
	h_resize(t, 24, 80);
	h_expect_text(t, EMPTY_TEXT);
	assert_false(h_screen_contains(t, "too small"));
}

static void test_resize__help_screen_survives(void **state)
{
	struct h_term *t = *state;

	start_home(t, NULL);
	h_send(t, "?");
	h_expect_text(t, "Move up one line, option or field");
	assert_true(h_wait_idle(t));
	h_resize(t, 20, 60);
	h_expect_text(t, "too small");
	assert_true(h_wait_idle(t));
	h_resize(t, 30, 100);
	h_expect_text(t, "Move up one line, option or field");
	assert_false(h_screen_contains(t, EMPTY_TEXT));
}

static void test_quit__q_exits_zero_and_restores(void **state)
{
	struct h_term *t = *state;

	start_home(t, NULL);
	assert_true(h_altscreen(t));
	assert_false(h_tty_sane(t));
	h_send(t, "q");
	h_expect_exit(t, 0);
	expect_restored(t);
}

static void leave_by_signal(struct h_term *t, int sig)
{
	start_home(t, NULL);
	assert_true(h_altscreen(t));
	h_kill(t, sig);
	/* The interface treats these as an orderly way out: status 0. */
	h_expect_exit(t, 0);
	expect_restored(t);
}

static void test_signal__sigterm_exits_and_restores(void **state)
{
	leave_by_signal(*state, SIGTERM);
}

static void test_signal__sighup_exits_and_restores(void **state)
{
	leave_by_signal(*state, SIGHUP);
}

/* cbreak keeps Ctrl-C a signal; the key table promises it quits. */
static void test_signal__ctrl_c_exits_and_restores(void **state)
{
	struct h_term *t = *state;

	start_home(t, NULL);
	h_send(t, "\003");
	h_expect_exit(t, 0);
	expect_restored(t);
}

static void test_crash__sigsegv_restores_then_dies(void **state)
{
	struct h_term *t = *state;

	start_home(t, NULL);
	assert_true(h_altscreen(t));
	h_kill(t, SIGSEGV);
	/* Still dies of the signal, so a crash is not mistaken for success. */
	h_expect_exit(t, -SIGSEGV);
	expect_restored(t);
}

static void test_colour__no_color_draws_none(void **state)
{
	const char *env[] = { "NO_COLOR=1", NULL };
	struct h_term *t = *state;

	start_home(t, env);
	h_send(t, "x"); /* the message line too */
	h_expect_text(t, "That key does nothing here");
	assert_true(h_wait_idle(t));
	if (h_any_colour(t))
		h_dump(t, "NO_COLOR");
	assert_false(h_any_colour(t));
}

static void test_colour__title_bar_coloured_by_default(void **state)
{
	struct h_term *t = *state;

	start_home(t, NULL);
	assert_true(h_row_colour(t, 0));
}

static void bad_term(struct h_term *t, const char *term_env, const char *name)
{
	const char *env[] = { term_env, NULL };

	start(t, env, 24, 80);
	h_expect_exit(t, 78);
	if (!h_screen_contains(t, "TERM") || !h_screen_contains(t, name)) {
		h_dump(t, term_env);
		fail_msg("no message naming TERM and '%s'", name);
	}
}

static void test_term__dumb_refused(void **state)
{
	bad_term(*state, "TERM=dumb", "'dumb'");
}

static void test_term__unknown_refused(void **state)
{
	bad_term(*state, "TERM=nonexistent-term", "'nonexistent-term'");
}

static void test_start__not_a_terminal_refused(void **state)
{
	struct h_term *t = *state;
	const char *args[3] = { "--db", NULL, NULL };
	char out[2048];
	int rc;

	args[1] = h_db(t);
	rc = h_run(t, args, NULL, out, sizeof out);
	if (rc != 64 || !strstr(out, "not a terminal"))
		fail_msg("exit %d, output:\n%s", rc, out);
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, h_setup_init, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_home__empty_database),
		JOURNEY(test_home__n_starts_the_interview),
		JOURNEY(test_ascii__config_draws_plain_ascii),
		JOURNEY(test_home__long_list_reaches_every_case),
		JOURNEY(test_help__question_mark_lists_every_key),
		JOURNEY(test_help__f1_opens_and_esc_returns),
		JOURNEY(test_resize__too_small_then_home_again),
		JOURNEY(test_resize__help_screen_survives),
		JOURNEY(test_quit__q_exits_zero_and_restores),
		JOURNEY(test_signal__sigterm_exits_and_restores),
		JOURNEY(test_signal__sighup_exits_and_restores),
		JOURNEY(test_signal__ctrl_c_exits_and_restores),
		JOURNEY(test_crash__sigsegv_restores_then_dies),
		JOURNEY(test_colour__no_color_draws_none),
		JOURNEY(test_colour__title_bar_coloured_by_default),
		JOURNEY(test_term__dumb_refused),
		JOURNEY(test_term__unknown_refused),
		JOURNEY(test_start__not_a_terminal_refused),
	};

	return cmocka_run_group_tests_name("e2e-shell", tests, NULL, NULL);
}
