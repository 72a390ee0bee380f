/* Journeys through the supervisor's review queue, on one private database
 * per test: an officer (ofc) submits two notes made from sharing.ini, the
 * one whose sentencing is 10 days away first and the one 3 days away a
 * second later, so the 10-day note has waited longer. The queue must list
 * the 3-day note first (the case list's rule: the date that matters,
 * soonest first, then the oldest), and a and t must act on the highlighted
 * row of the list itself, asking for the comment as they do inside a note.
 * Version 2 of a returned note ends with the comment and a line diff.
 * dorn init, on a terminal, asks the supervisor's name that approvals
 * show. Today is pinned; every step waits for text on the screen, never for
 * time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#define TODAY "DORN_TODAY=2026-11-28"
#define URN_10 "14/WC/10010/26"   /* sentencing 08/12/2026: in 10 days */
#define URN_3 "14/WC/10003/26"    /* sentencing 01/12/2026: in 3 days */
#define COMMENT "Say which hearing the laptop is needed for"

static const char *const env_today[] = { TODAY, NULL };

/* Replace every from in s (which has room for n bytes) with to. */
static int replace(char *s, size_t n, const char *from, const char *to)
{
	size_t lf = strlen(from), lt = strlen(to);
	char *at = s;

	while ((at = strstr(at, from))) {
		if (strlen(s) - lf + lt >= n)
			return -1;
		memmove(at + lt, at + lf, strlen(at + lf) + 1);
		memcpy(at, to, lt);
		at += lt;
	}
	return 0;
}

/* sharing.ini as case urn, sentenced on date, victim reference ref,
 * written to the test folder, imported and submitted by ofc. */
static int submit_case(struct h_term *t, const char *urn, const char *date, const char *ref)
{
	static char text[16384];
	char path[4096];
	const char *imp[] = { "--as", "ofc", "import", path, NULL };
	const char *sub[] = { "--as", "ofc", "submit", urn, NULL };
	FILE *f = fopen("data/examples/sharing.ini", "r");
	size_t len;

	if (!f)
		return -1;
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	if (replace(text, sizeof text, "14/WC/20417/26", urn) ||
	    replace(text, sizeof text, "04/12/2026", date) ||
	    replace(text, sizeof text, "WC-2026-0142", ref))
		return -1;
	snprintf(path, sizeof path, "%s/%s.ini", h_dir(t), ref);
	f = fopen(path, "w");
	if (!f || fputs(text, f) == EOF) {
		if (f)
			fclose(f);
		return -1;
	}
	if (fclose(f))
		return -1;
	return h_run_ok(t, imp, env_today, NULL, 0) || h_run_ok(t, sub, env_today, NULL, 0)
		       ? -1 : 0;
}

/* Until the clock's second changes: submissions are stamped to the second,
 * and the 10-day note must be the older one. */
static void next_second(void)
{
	time_t now = time(NULL);
	struct timespec tick = { 0, 20 * 1000 * 1000 };

	while (time(NULL) == now)
		nanosleep(&tick, NULL);
}

static int setup(void **state)
{
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *sup[] = { "staff", "add", "sup", "--name", "Sam Supervisor", "--role",
			      "supervisor", NULL };
	struct h_term *t = h_new_init(env_today);

	if (!t)
		return -1;
	if (h_run_ok(t, ofc, env_today, NULL, 0) || h_run_ok(t, sup, env_today, NULL, 0) ||
	    submit_case(t, URN_10, "08/12/2026", "Q-10")) {
		h_free(t);
		return -1;
	}
	next_second();
	if (submit_case(t, URN_3, "01/12/2026", "Q-3")) {
		h_free(t);
		return -1;
	}
	*state = t;
	return 0;
}

/* The screen row showing s, or -1. */
static int row_of(struct h_term *t, const char *s)
{
	int r;

	for (r = 0; r < h_rows(t); r++)
		if (strstr(h_row_text(t, r), s))
			return r;
	return -1;
}

/* dorn as the supervisor on an 80x24 terminal, in the review queue. */
static void open_queue(struct h_term *t)
{
	const char *args[] = { "--db", h_db(t), "--as", "sup", NULL };

	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
	h_expect_text(t, "Victim ref");
	h_send(t, "r");
	h_expect_text(t, "Review queue");
	h_expect_text(t, "review, 2 urgent");
	h_expect_text(t, URN_10);
	h_expect_text(t, URN_3);
}

/* Once the screen is quiet, no row of the list shows urn (the message
 * saying what was done with it may). */
static void expect_not_listed(struct h_term *t, const char *urn)
{
	int r;

	h_wait_idle(t);
	for (r = 0; r < h_rows(t); r++)
		if (strstr(h_row_text(t, r), urn) && strstr(h_row_text(t, r), "sentencing in")) {
			h_dump(t, "still listed");
			fail_msg("%s is still in the queue", urn);
		}
}

static void quit_from_queue(struct h_term *t)
{
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);
}

static void expect_status(struct h_term *t, const char *urn, const char *status)
{
	char *doc = h_show_json(t, urn, env_today);

	h_expect_json(doc, "note.status", status);
	free(doc);
}

/* ---- the order: 3 days left above 10, though the 10 waited longer ---- */

static void test_queue__soonest_date_first(void **state)
{
	struct h_term *t = *state;
	int r3, r10;

	open_queue(t);
	h_expect_text(t, "sentencing in 3 days");
	h_expect_text(t, "sentencing in 10 days");
	r3 = row_of(t, URN_3);
	r10 = row_of(t, URN_10);
	if (r3 < 0 || r10 < 0 || r3 > r10) {
		h_dump(t, "the 3-day note is not above the 10-day one");
		fail_msg("row of %s: %d, of %s: %d", URN_3, r3, URN_10, r10);
	}
	assert_non_null(strstr(h_row_text(t, r3), "sentencing in 3 days"));
	quit_from_queue(t);
}

/* ---- a on the highlighted row: the comment is asked, then approved ---- */

static void test_queue__a_approves_the_highlighted_row(void **state)
{
	struct h_term *t = *state;

	open_queue(t);
	/* The first row is highlighted; Down and Up come back to it. */
	h_key(t, H_DOWN);
	h_key(t, H_UP);
	h_send(t, "a");
	h_expect_text(t, "Approve. Comment (optional):");
	h_expect_text(t, URN_3 " v1 by Olu Officer");  /* the note, in view */
	/* Esc cancels and goes back to the list, nothing changed. */
	h_key(t, H_ESC);
	h_expect_text(t, "Nothing was changed.");
	h_expect_text(t, "review, 2 urgent");
	expect_status(t, URN_3, "submitted");
	h_send(t, "a");
	h_expect_text(t, "Approve. Comment (optional):");
	h_send(t, "\x04");                /* Ctrl-D sends; Enter starts a line */
	h_expect_text(t, "Approved " URN_3 " version 1");
	h_expect_text(t, "review, 1 urgent");
	expect_not_listed(t, URN_3);
	h_expect_text(t, URN_10);
	quit_from_queue(t);
	expect_status(t, URN_3, "approved");
	expect_status(t, URN_10, "submitted");
}

/* ---- t on the highlighted row: the return comment, then returned ---- */

static void test_queue__t_returns_the_highlighted_row(void **state)
{
	struct h_term *t = *state;
	char *doc;

	open_queue(t);
	h_key(t, H_DOWN);                 /* the second row: the 10-day note */
	h_send(t, "t");
	h_expect_text(t, "Return. Comment (needed):");
	h_expect_text(t, URN_10 " v1 by Olu Officer");
	h_send(t, "\x04");
	h_expect_text(t, "A returned note needs a comment");
	h_send(t, COMMENT);
	h_expect_text(t, COMMENT);
	h_send(t, "\x04");
	h_expect_text(t, "Returned " URN_10 " version 1");
	h_expect_text(t, "review, 1 urgent");
	expect_not_listed(t, URN_10);
	quit_from_queue(t);
	doc = h_show_json(t, URN_10, env_today);
	h_expect_json(doc, "note.status", "returned");
	free(doc);
	expect_status(t, URN_3, "submitted");
}

/* ---- the list's footer names a and t, and Enter still reads the note ---- */

static void test_queue__footer_names_the_keys_and_enter_reads(void **state)
{
	struct h_term *t = *state;

	open_queue(t);
	h_expect_text(t, "a Approve");
	h_expect_text(t, "t Return");
	h_key(t, H_ENTER);
	h_expect_text(t, URN_3 " v1 by Olu Officer");
	h_expect_text(t, "Marcus Threlfall");
	h_key(t, H_ESC);
	h_expect_text(t, "review, 2 urgent");
	quit_from_queue(t);
}

/* ---- version 2 of a returned note: the comment and what changed ---- */

static void test_queue__answer_shows_comment_and_changes(void **state)
{
	struct h_term *t = *state;
	const char *ret[] = { "--as", "sup", "review", "return", URN_3, "--comment", COMMENT,
			      NULL };
	const char *sub[] = { "--as", "ofc", "submit", URN_3, NULL };
	char path[4096];
	const char *upd[] = { "--as", "ofc", "import", "--update", path, NULL };
	static char text[16384];
	FILE *f;
	size_t len;

	assert_int_equal(h_run_ok(t, ret, env_today, NULL, 0), 0);
	/* The officer answers: another court, submitted as version 2. */
	snprintf(path, sizeof path, "%s/Q-3.ini", h_dir(t));
	f = fopen(path, "r");
	assert_non_null(f);
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	assert_int_equal(replace(text, sizeof text, "Eastbridge Magistrates' Court",
				 "Northmoor Crown Court"), 0);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(h_run_ok(t, upd, env_today, NULL, 0), 0);
	assert_int_equal(h_run_ok(t, sub, env_today, NULL, 0), 0);

	open_queue(t);
	h_key(t, H_ENTER);
	h_expect_text(t, URN_3 " v2 by Olu Officer");
	h_expect_text(t, "Answers version 1, RETURNED by Sam Supervisor");
	h_key(t, H_END);
	h_expect_text(t, "version 1 was RETURNED by Sam Supervisor, who wrote:");
	h_expect_text(t, COMMENT);
	h_expect_text(t, "what changed since version 1 (- gone, + new)");
	h_expect_text(t, "- Court:                Eastbridge Magistrates' Court");
	h_expect_text(t, "+ Court:                Northmoor Crown Court");
	h_key(t, H_ESC);
	quit_from_queue(t);
}

/* ---- dorn init on a terminal asks the supervisor's name ---- */

static void test_init__asks_the_name_on_a_terminal(void **state)
{
	struct h_term *t = h_new();
	const char *init[] = { "--db", NULL, "init", NULL };
	const char *list[] = { "--db", NULL, "staff", "list", "--format", "csv", NULL };
	char out[4096];

	(void)state;
	assert_non_null(t);
	init[1] = list[1] = h_db(t);
	assert_int_equal(h_spawn(t, init, env_today, 24, 80), 0);
	/* init is no full-screen program and never says it is ready: the
	 * answer is typed ahead, and the line discipline keeps it until
	 * the question reads it. */
	h_send(t, "Ann Other\r");
	h_expect_exit(t, 0);
	if (!strstr(h_screen_text(t), "Your name, as your approvals will show it") ||
	    !strstr(h_screen_text(t), "(Ann Other) is registered as supervisor")) {
		h_dump(t, "init did not register the name typed");
		fail();
	}
	assert_int_equal(h_run_ok(t, list, env_today, out, sizeof out), 0);
	assert_non_null(strstr(out, ",Ann Other,supervisor"));
	h_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_queue__soonest_date_first, setup,
						h_teardown),
		cmocka_unit_test_setup_teardown(test_queue__a_approves_the_highlighted_row,
						setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_queue__t_returns_the_highlighted_row,
						setup, h_teardown),
		cmocka_unit_test_setup_teardown(
			test_queue__footer_names_the_keys_and_enter_reads, setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_queue__answer_shows_comment_and_changes,
						setup, h_teardown),
		cmocka_unit_test(test_init__asks_the_name_on_a_terminal),
	};

	return cmocka_run_group_tests_name("e2e-queue", tests, NULL, NULL);
}
