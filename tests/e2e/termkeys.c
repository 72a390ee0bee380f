/* Keys as terminals send them, whatever TERM's terminfo says (issue 11,
 * part 9 and the first item of part 4): Home and End in each of the forms
 * tmux, screen, xterm, rxvt and the Linux console use, on a case list
 * longer than the screen and in a text field; help that starts with the
 * keys of the screen it was opened from; and keys typed while the
 * terminal is too small, which are refused and said to be, never kept to
 * act later on a screen nobody saw. The harness runs dorn with
 * TERM=xterm-256color, whose terminfo knows only ESC O H and ESC O F. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "harness.h"

#define NCASES 40 /* more than a page at 80x24 */
#define FIRST "07/TK/00000/26"
#define LAST "07/TK/00039/26"

/* A Home and an End as one kind of terminal sends them. */
struct home_end {
	const char *who, *home, *end;
};

static const struct home_end forms[] = {
	{ "tmux, screen, Linux console", "\033[1~", "\033[4~" },
	{ "xterm, normal cursor keys", "\033[H", "\033[F" },
	{ "xterm, application cursor keys", "\033OH", "\033OF" },
	{ "rxvt", "\033[7~", "\033[8~" },
};

#define NFORMS (sizeof forms / sizeof forms[0])

/* init, then NCASES cases without dates (so the list is in URN order),
 * ten to an import. */
static int setup_cases(void **state)
{
	enum { BATCH = 10 };
	const char *args[BATCH + 2] = { "import" };
	char path[BATCH][512];
	struct h_term *t = h_new_init(NULL);
	FILE *f;

	if (!t)
		return -1;
	for (int i = 0; i < NCASES; i++) {
		snprintf(path[i % BATCH], sizeof path[0], "%s/tk%d.ini", h_dir(t), i % BATCH);
		f = fopen(path[i % BATCH], "w");
		if (!f)
			goto fail;
		fprintf(f, "[case]\nurn = 07/TK/%05d/26\n[victim]\nreference = T%d\n", i, i);
		if (fclose(f))
			goto fail;
		args[1 + i % BATCH] = path[i % BATCH];
		if (i % BATCH == BATCH - 1 || i == NCASES - 1) {
			args[2 + i % BATCH] = NULL;
			if (h_run_ok(t, args, NULL, NULL, 0))
				goto fail;
		}
	}
	*state = t;
	return 0;
fail:
	h_free(t);
	return -1;
}

static void start_term(struct h_term *t, const char *const env[])
{
	const char *args[3] = { "--db", NULL, NULL };

	args[1] = h_db(t);
	assert_int_equal(h_spawn(t, args, env, 24, 80), 0);
	h_expect_text(t, FIRST);
	h_expect_no_text(t, LAST);
}

static void start_list(struct h_term *t)
{
	start_term(t, NULL);
}

/* Every form of End goes to the last case, every form of Home back to
 * the first; neither leaves a "does nothing" message or stray text. */
static void walk_list(struct h_term *t)
{
	for (size_t i = 0; i < NFORMS; i++) {
		h_send(t, forms[i].end);
		if (!h_wait_text(t, LAST, H_TIMEOUT_MS)) {
			h_dump(t, forms[i].who);
			fail_msg("End as %s sends it did not reach the last case", forms[i].who);
		}
		h_expect_no_text(t, FIRST);
		h_expect_no_text(t, "does nothing");
		h_send(t, forms[i].home);
		if (!h_wait_text(t, FIRST, H_TIMEOUT_MS)) {
			h_dump(t, forms[i].who);
			fail_msg("Home as %s sends it did not reach the first case",
				 forms[i].who);
		}
		h_expect_no_text(t, LAST);
		h_expect_no_text(t, "does nothing");
	}
}

static void test_home_end__every_form_on_the_case_list(void **state)
{
	struct h_term *t = *state;

	start_list(t);
	walk_list(t);
}

/* rxvt's terminfo calls ESC [1~ and ESC [4~ Find and Select (the keys in
 * the place of Home and End on a VT220 keypad): they are Home and End
 * here too. screen's and tmux's know only ESC [1~ and ESC [4~. */
static void test_home_end__every_form_under_rxvt_and_screen_terminfo(void **state)
{
	static const char *const rxvt[] = { "TERM=rxvt", NULL };
	static const char *const screen[] = { "TERM=screen-256color", NULL };
	struct h_term *t = *state;

	start_term(t, rxvt);
	walk_list(t);
	h_send(t, "q");
	assert_int_equal(h_wait_exit(t, H_TIMEOUT_MS), 0);
	start_term(t, screen);
	walk_list(t);
}

/* In a text field (the URN of a new case) Home goes to the start of the
 * text and End to its end: "pbc", Home, X, End, Y is "XpbcY". Ctrl-U at
 * the end clears the field for the next form. */
static void test_home_end__every_form_in_a_text_field(void **state)
{
	struct h_term *t = *state;
	char mid[8], want[16];

	start_list(t);
	h_send(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	for (size_t i = 0; i < NFORMS; i++) {
		snprintf(mid, sizeof mid, "%cbc", (char)('p' + i));
		snprintf(want, sizeof want, "X%sY", mid);
		h_send(t, "\025");
		h_send(t, mid);
		h_send(t, forms[i].home);
		h_send(t, "X");
		h_send(t, forms[i].end);
		h_send(t, "Y");
		if (!h_wait_text(t, want, H_TIMEOUT_MS)) {
			h_dump(t, forms[i].who);
			fail_msg("Home and End as %s sends them: the field is not \"%s\"",
				 forms[i].who, want);
		}
	}
}

/* The first heading under the title bar. */
static const char *first_heading(struct h_term *t)
{
	for (int row = 1; row < h_rows(t); row++)
		if (h_row_text(t, row)[0])
			return h_row_text(t, row);
	return "";
}

static void expect_first_heading(struct h_term *t, const char *want)
{
	assert_true(h_wait_idle(t));
	if (!strstr(first_heading(t), want)) {
		h_dump(t, want);
		fail_msg("help starts with \"%s\", not \"%s\"", first_heading(t), want);
	}
}

/* Help opened from a screen starts with that screen's keys, and still
 * lists every key of the table. */
static void test_help__starts_with_the_keys_of_this_screen(void **state)
{
	struct h_term *t = *state;

	start_list(t);
	h_send(t, "?");
	h_expect_text(t, "Help: keys");
	expect_first_heading(t, "Case list (this screen)");
	h_expect_text(t, "Start a new case");
	assert_int_equal(h_help_missing(t), 0);
	h_key(t, H_ESC);
	h_expect_text(t, FIRST);

	/* the URN field of a new case has the focus: F1, as ? is text there */
	h_send(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	h_key(t, H_F1);
	h_expect_text(t, "Help: keys");
	expect_first_heading(t, "Interview (this screen)");
	h_expect_text(t, "Save this step and go to the next one");
	/* and the keys every screen shares still start on the first page */
	h_expect_text(t, "Move up one line, option or field");
	assert_int_equal(h_help_missing(t), 0);
	h_key(t, H_ESC);
	h_expect_text(t, "Step 1 of 7: Case");

	/* the review queue (the database's creator is its supervisor) */
	h_key(t, H_ESC);
	h_expect_text(t, FIRST);
	h_send(t, "r");
	h_expect_text(t, "Review queue");
	h_send(t, "?");
	h_expect_text(t, "Help: keys");
	expect_first_heading(t, "Review queue (this screen)");
	assert_int_equal(h_help_missing(t), 0);
}

/* Keys typed on the "too small" screen are refused, and it says so
 * before and after: n would have started a case nobody saw. */
static void test_too_small__typed_keys_refused_visibly(void **state)
{
	struct h_term *t = *state;

	start_list(t);
	h_resize(t, 20, 60);
	h_expect_text(t, "too small");
	h_expect_text(t, "Keys typed now are ignored until it is larger.");
	h_send(t, "n");
	h_send(t, "abc");
	h_expect_text(t, "(4 so far)");
	h_resize(t, 24, 80);
	h_expect_text(t, FIRST);
	h_expect_text(t, "4 keys typed while the terminal was too small were ignored");
	h_expect_no_text(t, "Step 1 of 7");
	/* the next key takes the message away and works as ever */
	h_send(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	h_expect_no_text(t, "too small were ignored");
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, setup_cases, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_home_end__every_form_on_the_case_list),
		JOURNEY(test_home_end__every_form_under_rxvt_and_screen_terminfo),
		JOURNEY(test_home_end__every_form_in_a_text_field),
		JOURNEY(test_help__starts_with_the_keys_of_this_screen),
		JOURNEY(test_too_small__typed_keys_refused_visibly),
	};

	return cmocka_run_group_tests_name("e2e-termkeys", tests, NULL, NULL);
}
