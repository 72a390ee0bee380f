/* Journeys through erasing a case from the case list (X), on one private
 * database per test: an officer (ofc) imported sharing.ini, whose review
 * falls due 365 days after that import (the contact rule; the store stamps
 * it with the clock, so "today" is moved a few years on to make it due).
 * The supervisor (the database's) sees when it fell due and why, types a
 * reason and a wrong URN (nothing happens), then the right one: the case
 * is gone from the list and from the database. The officer is refused, a
 * case not due yet is refused with its date, and Esc keeps the case. Every
 * step waits for text, never for time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define URN "14/WC/20417/26"
#define REF "WC-2026-0142" /* sharing.ini's victim reference */

static const char *const env_due[] = { "DORN_TODAY=2031-01-01", NULL };
static const char *const env_now[] = { "DORN_TODAY=2026-11-28", NULL };

static int setup(void **state)
{
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *imp[] = { "--as", "ofc", "import", "data/examples/sharing.ini", NULL };
	struct h_term *t = h_new_init(env_now);

	if (!t)
		return -1;
	if (h_run_ok(t, ofc, env_now, NULL, 0) || h_run_ok(t, imp, env_now, NULL, 0)) {
		h_free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static void start(struct h_term *t, const char *as, const char *const env[])
{
	const char *mine[] = { "--db", h_db(t), NULL };
	const char *theirs[] = { "--db", h_db(t), "--as", as, NULL };

	assert_int_equal(h_spawn(t, as ? theirs : mine, env, 24, 80), 0);
	h_expect_text(t, REF);
}

static int show_exit(struct h_term *t)
{
	const char *show[] = { "--db", h_db(t), "show", URN, NULL };

	return h_run(t, show, env_now, NULL, 0);
}

static void test_erase__reason_and_urn_typed_back(void **state)
{
	struct h_term *t = *state;

	start(t, NULL, env_due);
	h_send(t, "X");
	h_expect_text(t, "Erase for good: " URN);
	h_expect_said(t, "Due for retention review on");
	h_expect_said(t, "365 days after the case last changed on");
	h_expect_said(t, "No export of it was filed in the case file.");
	/* a reason, then the wrong URN: nothing is erased */
	h_send(t, "review done, nothing outstanding");
	h_key(t, H_ENTER);
	h_send(t, "14/WC/20471/26");
	h_key(t, H_ENTER);
	h_expect_said(t, "Nothing was erased: the URN typed is not " URN);
	assert_int_equal(show_exit(t), 0);
	/* typed back as it is shown: erased */
	h_send(t, "\025" URN); /* Ctrl-U clears the field first */
	h_key(t, H_ENTER);
	h_expect_said(t, "Erased " URN ": 2 items, 1 note version, the victim, the concern, "
			 "no outcome.");
	h_expect_said(t, "a keyed hash of the URN");
	h_key(t, H_ESC);
	h_expect_text(t, "No cases yet");
	h_expect_no_text(t, REF);
	h_send(t, "q");
	h_expect_exit(t, 0);
	assert_int_equal(show_exit(t), 66);
}

static void test_erase__esc_keeps_the_case(void **state)
{
	struct h_term *t = *state;

	start(t, NULL, env_due);
	h_send(t, "X");
	h_expect_text(t, "Erase for good: " URN);
	h_send(t, "changed my mind");
	h_key(t, H_ESC);
	h_expect_said(t, "Nothing was erased.");
	h_expect_text(t, REF);
	h_send(t, "q");
	h_expect_exit(t, 0);
	assert_int_equal(show_exit(t), 0);
}

/* Today lists the review for a supervisor; Enter on it is the same dialog,
 * and Esc keeps the case. */
static void test_erase__today_enter_on_the_review_asks(void **state)
{
	struct h_term *t = *state;

	start(t, NULL, env_due);
	h_send(t, "t");
	/* by then the outcome is overdue too: the review is the last duty */
	h_expect_text(t, "Retention");
	h_key(t, H_END);
	h_expect_said(t, "Review whether to keep the case");
	h_key(t, H_ENTER);
	h_expect_text(t, "Erase for good: " URN);
	h_expect_said(t, "Due for retention review on");
	h_key(t, H_ESC);
	h_expect_said(t, "Nothing was erased.");
	h_key(t, H_ESC);
	h_expect_text(t, REF);
	h_send(t, "q");
	h_expect_exit(t, 0);
	assert_int_equal(show_exit(t), 0);
}

static void test_erase__not_due_or_not_a_supervisor(void **state)
{
	struct h_term *t = *state;

	/* an officer: told who can */
	start(t, "ofc", env_due);
	h_send(t, "X");
	h_expect_said(t, "Nothing was erased: only a supervisor can erase a case");
	h_expect_no_text(t, "Erase for good");
	h_send(t, "q");
	h_expect_exit(t, 0);
	/* the supervisor, before the review: its date, and what to do */
	start(t, NULL, env_now);
	h_send(t, "X");
	h_expect_said(t, URN " is not due for retention review until");
	/* what to do, whole: there is no --early in the terminal to give,
	 * and "nothing was erased" is said once */
	h_expect_said(t, "on the command line: dorn erase " URN " --early --reason WHY");
	h_expect_no_text(t, "Nothing was erased:");
	h_expect_no_text(t, "Erase for good");
	h_send(t, "q");
	h_expect_exit(t, 0);
	assert_int_equal(show_exit(t), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_erase__reason_and_urn_typed_back),
		T(test_erase__esc_keeps_the_case),
		T(test_erase__today_enter_on_the_review_asks),
		T(test_erase__not_due_or_not_a_supervisor),
	};

	return cmocka_run_group_tests_name("e2e-erase", tests, NULL, NULL);
}
