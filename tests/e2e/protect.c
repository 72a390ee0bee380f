/* Journeys for identity and approval (issue 11, part 3): the URN of a
 * saved case is not changed by typing in step 1, only by Ctrl-R, which
 * asks, is logged and is refused once the note was submitted; a change
 * to an approved case asks first, and n leaves it approved; a submitted
 * case says so as it opens; s asks before submitting, naming what is
 * missing, and n submits nothing. An officer (ofc) and a supervisor (sup)
 * act through --as; every step waits for text, never for time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define TODAY "DORN_TODAY=2026-11-28"
#define URN "14/WC/20417/26"
#define URN_KEY "14WC2041726"
#define NEW_URN "14/WC/20418/26"
#define STEP1 "Step 1 of 7: Case"

static const char *const env_today[] = { TODAY, NULL };

/* init, an officer and a supervisor, and the officer's case. */
static int setup(void **state)
{
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *sup[] = { "staff", "add", "sup", "--name", "Sam Supervisor", "--role",
			      "supervisor", NULL };
	const char *imp[] = { "--as", "ofc", "import", "data/examples/sharing.ini", NULL };
	struct h_term *t = h_new_init(env_today);

	if (!t)
		return -1;
	if (h_run_ok(t, ofc, env_today, NULL, 0) || h_run_ok(t, sup, env_today, NULL, 0) ||
	    h_run_ok(t, imp, env_today, NULL, 0)) {
		h_free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static void submit_cli(struct h_term *t)
{
	const char *args[] = { "--as", "ofc", "submit", URN, NULL };

	assert_int_equal(h_run_ok(t, args, env_today, NULL, 0), 0);
}

static void approve_cli(struct h_term *t)
{
	const char *args[] = { "--as", "sup", "review", "approve", URN, NULL };

	assert_int_equal(h_run_ok(t, args, env_today, NULL, 0), 0);
}

/* As the officer, the case open in the interview. */
static void open_case(struct h_term *t)
{
	const char *args[] = { "--db", h_db(t), "--as", "ofc", NULL };

	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
	h_expect_text(t, "Victim ref");
	h_key(t, H_ENTER);
	h_expect_text(t, "of 7:");
}

static void to_step1(struct h_term *t)
{
	h_send(t, "\x1b" "1");
	h_expect_text(t, STEP1);
}

static void quit_from_list(struct h_term *t)
{
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);
}

static void expect_json(struct h_term *t, const char *urn, const char *path,
			const char *want)
{
	char *doc = h_show_json(t, urn, env_today);

	h_expect_json(doc, path, want);
	free(doc);
}

/* ---- the URN of a saved case ---- */

static void test_urn__typing_in_step1_does_not_change_it(void **state)
{
	struct h_term *t = *state;

	open_case(t);
	to_step1(t);
	h_expect_text(t, "URN              " URN);
	h_expect_text(t, "(Ctrl-R to change)");
	h_send(t, "9");                 /* the first field now: the defendant */
	h_key(t, H_BTAB);               /* up to the steps: nothing before it */
	h_key(t, H_ESC);
	quit_from_list(t);
	expect_json(t, URN, "urn", URN_KEY);
}

static void test_urn__ctrl_r_asks_and_logs(void **state)
{
	struct h_term *t = *state;
	const char *audit[] = { "audit", NULL };
	char out[65536];

	open_case(t);
	to_step1(t);
	h_send(t, "\x12");              /* Ctrl-R */
	h_expect_text(t, "Type the right URN");
	h_send(t, "\x15" NEW_URN);      /* Ctrl-U clears what is before the cursor */
	h_key(t, H_ESC);
	h_expect_text(t, "Change the URN of this case from " URN " to " NEW_URN "?");
	h_send(t, "y");
	quit_from_list(t);
	expect_json(t, NEW_URN, "urn", "14WC2041826");
	assert_int_equal(h_run_ok(t, audit, env_today, out, sizeof out), 0);
	assert_non_null(strstr(out, "URN changed from " URN " to " NEW_URN));
}

static void test_urn__ctrl_r_answered_no_keeps_it(void **state)
{
	struct h_term *t = *state;

	open_case(t);
	to_step1(t);
	h_send(t, "\x12");
	h_expect_text(t, "Type the right URN");
	h_send(t, "\x15" NEW_URN);
	h_key(t, H_ESC);
	h_expect_text(t, "Change the URN of this case");
	h_send(t, "n");
	quit_from_list(t);
	expect_json(t, URN, "urn", URN_KEY);
}

static void test_urn__refused_once_submitted(void **state)
{
	struct h_term *t = *state;

	submit_cli(t);
	approve_cli(t);
	open_case(t);
	to_step1(t);
	h_send(t, "\x12");
	h_expect_text(t, "cannot be changed");
	h_expect_text(t, "submitted for review");
	h_key(t, H_ESC);
	quit_from_list(t);
	expect_json(t, URN, "urn", URN_KEY);
}

/* ---- approved and submitted cases ---- */

static void test_approved__a_change_asks_and_n_keeps_it_approved(void **state)
{
	struct h_term *t = *state;

	submit_cli(t);
	approve_cli(t);
	open_case(t);
	h_expect_text(t, "is approved: a change starts version 2");
	to_step1(t);
	h_send(t, "X");                 /* into the defendant */
	h_key(t, H_ESC);
	h_expect_text(t, "Saving this change starts version 2");
	h_send(t, "n");
	quit_from_list(t);
	expect_json(t, URN, "note.status", "approved");
	expect_json(t, URN, "note.version", "1");

	open_case(t);
	to_step1(t);
	h_send(t, "X");
	h_key(t, H_ESC);
	h_expect_text(t, "Saving this change starts version 2");
	h_send(t, "y");
	quit_from_list(t);
	expect_json(t, URN, "note.status", "draft");
	expect_json(t, URN, "note.version", "2");
}

static void test_submitted__said_as_it_opens(void **state)
{
	struct h_term *t = *state;

	submit_cli(t);
	open_case(t);
	h_expect_text(t, "Waiting for review");
	h_expect_text(t, "cannot be changed");
	h_key(t, H_ESC);
	quit_from_list(t);
}

/* ---- s asks ---- */

static void test_submit__asks_and_n_submits_nothing(void **state)
{
	struct h_term *t = *state;

	open_case(t);
	h_send(t, "\x1b" "7");
	h_expect_text(t, "Step 7 of 7: Review");
	h_send(t, "s");
	h_expect_text(t, "Submit the note for a supervisor's review?");
	h_expect_text(t, "y/N");
	h_send(t, "n");
	h_expect_text(t, "Not submitted");
	h_key(t, H_ESC);
	quit_from_list(t);
	expect_json(t, URN, "note.status", "draft");
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, setup, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_urn__typing_in_step1_does_not_change_it),
		JOURNEY(test_urn__ctrl_r_asks_and_logs),
		JOURNEY(test_urn__ctrl_r_answered_no_keeps_it),
		JOURNEY(test_urn__refused_once_submitted),
		JOURNEY(test_approved__a_change_asks_and_n_keeps_it_approved),
		JOURNEY(test_submitted__said_as_it_opens),
		JOURNEY(test_submit__asks_and_n_submits_nothing),
	};

	return cmocka_run_group_tests_name("e2e-protect", tests, NULL, NULL);
}
