/* Journeys through supervisor review, on one private database per test
 * with an officer (ofc) and a supervisor (sup) acting through --as: the
 * whole loop (submit, return with a comment, correct and submit again,
 * approve, then the audit log verifies), an officer refused the queue, and
 * a supervisor refused their own note. Today is pinned so urgency repeats;
 * every step waits for text on the screen, never for time. */
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
#define OWN_URN "43/KD/31876/26"
#define COMMENT "Please add the exhibit for the laptop"

static const char *const env_today[] = { TODAY, NULL };

/* init (the caller is a supervisor), then an officer and a supervisor;
 * case_owner imports case_file. */
static int setup_with(void **state, const char *case_owner, const char *case_file)
{
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *sup[] = { "staff", "add", "sup", "--name", "Sam Supervisor", "--role",
			      "supervisor", NULL };
	const char *imp[] = { "--as", case_owner, "import", case_file, NULL };
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

static int setup_officer_case(void **state)
{
	return setup_with(state, "ofc", "data/examples/sharing.ini");
}

static int setup_supervisor_case(void **state)
{
	return setup_with(state, "sup", "data/examples/threat.ini");
}

/* dorn --db DB --as LOGIN on an 80x24 terminal, at the case list. */
static void start_as(struct h_term *t, const char *login)
{
	const char *args[] = { "--db", h_db(t), "--as", login, NULL };

	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
	h_expect_text(t, "Victim ref");
}

/* Esc from a screen over the case list, which then shows word. */
static void back_to_list(struct h_term *t, const char *word)
{
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_expect_text(t, word);
}

static void quit_from_list(struct h_term *t)
{
	h_send(t, "q");
	h_expect_exit(t, 0);
}

/* Shown as JSON, the case has a value of kind at path that reads want:
 * a string "2" is not the number 2. */
static void expect_json(struct h_term *t, const char *urn, const char *path,
			enum h_json_kind kind, const char *want)
{
	char *doc = h_show_json(t, urn, env_today), got[256];
	int k = h_json(doc, path, got, sizeof got);

	free(doc);
	if (k != (int)kind || strcmp(got, want))
		fail_msg("%s: got %s (kind %d), wanted %s (kind %d)", path, got, k, want,
			 (int)kind);
}

/* ---- the keys the review added, on the help screen ---- */

static const char *const review_docs[] = {
	"Open the review queue (supervisors only)",
	"On the review step: submit the note for review",
	"Read the highlighted note in full",
	"Approve the note (a comment is optional)",
	"Return the note to its officer with a comment",
	"Send the comment and the decision (Esc cancels)",
};
#define NDOCS (sizeof review_docs / sizeof review_docs[0])

static void expect_help_lists_review_keys(struct h_term *t)
{
	h_expect_help_lists(t, review_docs, NDOCS);
	h_expect_text(t, "Victim ref");
}

/* ---- (a) officer -> supervisor -> officer -> supervisor ---- */

static void officer_submits(struct h_term *t, const char *submitted)
{
	h_send(t, "s");                       /* asks first, naming what is missing */
	h_expect_text(t, "Submit the note for a supervisor's review?");
	h_send(t, "y");
	h_expect_text(t, submitted);
	h_expect_text(t, "a supervisor will review it.");
}

/* The supervisor opens the first note in the queue, which is heading. */
static void supervisor_opens_first(struct h_term *t, const char *heading)
{
	start_as(t, "sup");
	h_send(t, "r");
	h_expect_text(t, "Review queue");
	h_expect_text(t, "Olu Officer");
	h_expect_text(t, "URGENT");
	h_expect_text(t, "sentencing in 6 days");
	h_key(t, H_ENTER);
	h_expect_text(t, heading);
	h_expect_text(t, "Marcus Threlfall");  /* the note's text, not a summary */
}

static void test_loop__return_correct_resubmit_approve(void **state)
{
	struct h_term *t = *state;
	const char *verify[] = { "audit", "--verify", NULL };

	/* The officer submits the imported case's note. */
	start_as(t, "ofc");
	h_expect_text(t, URN);
	h_key(t, H_ENTER);
	h_expect_text(t, "Step 7 of 7: Review");
	h_expect_text(t, "Draft version 1, not submitted yet");
	officer_submits(t, "Submitted as version 1");
	h_expect_text(t, "Version 1 was submitted on");
	back_to_list(t, "submitted");
	quit_from_list(t);

	/* The supervisor returns it; an empty comment is refused first. */
	supervisor_opens_first(t, URN " v1 by Olu Officer");
	h_send(t, "t");
	h_expect_text(t, "Return. Comment (needed):");
	h_send(t, "\x04");                  /* Ctrl-D sends */
	h_expect_text(t, "A returned note needs a comment");
	h_send(t, COMMENT);
	h_expect_text(t, COMMENT);
	h_send(t, "\x04");
	h_expect_text(t, "Returned " URN " version 1");
	h_expect_text(t, "No notes are waiting for review.");
	back_to_list(t, "RETURNED");
	quit_from_list(t);

	/* The officer sees RETURNED and why, corrects step 1 and submits
	 * again. */
	start_as(t, "ofc");
	h_expect_text(t, "RETURNED");
	h_key(t, H_ENTER);
	h_expect_text(t, "Step 7 of 7: Review");
	h_expect_text(t, "RETURNED by Sam Supervisor");
	h_expect_text(t, COMMENT);
	/* Nothing changed since the return: submitting again is refused. */
	h_send(t, "s");
	h_expect_text(t, "Submit the note for a supervisor's review?");
	h_send(t, "y");
	h_expect_text(t, "Not submitted:");
	h_send(t, "\x1b" "1");                /* Alt-1: step 1 */
	h_expect_text(t, "Step 1 of 7: Case");
	h_key(t, H_TAB);                      /* from the defendant to the court */
	h_send(t, "\x15" "Eastbridge Crown Court");
	h_expect_text(t, "Eastbridge Crown Court");
	h_send(t, "\x1b" "7");                /* Alt-7, from the text field */
	h_expect_text(t, "Draft version 2, not submitted yet");
	h_expect_text(t, COMMENT);             /* what came back stays in view */
	officer_submits(t, "Submitted as version 2");
	back_to_list(t, "submitted");
	quit_from_list(t);

	/* The supervisor approves version 2 without a comment. */
	supervisor_opens_first(t, URN " v2 by Olu Officer");
	h_expect_text(t, "Eastbridge Crown Court");
	h_send(t, "a");
	h_expect_text(t, "Approve. Comment (optional):");
	h_send(t, "\x04");
	h_expect_text(t, "Approved " URN " version 2");
	h_expect_text(t, "No notes are waiting for review.");
	back_to_list(t, "approved");
	quit_from_list(t);

	/* The officer's review step: approved, and the history. */
	start_as(t, "ofc");
	h_key(t, H_ENTER);
	h_expect_text(t, "Version 2 was approved by Sam Supervisor");
	/* The versions come after what is still missing: Tab goes to them. */
	h_key(t, H_TAB);
	h_expect_text(t, "Version 1: RETURNED");
	back_to_list(t, "approved");
	quit_from_list(t);

	assert_int_equal(h_run_ok(t, verify, env_today, NULL, 0), 0);
	expect_json(t, URN, "note.status", H_JSON_STRING, "approved");
	expect_json(t, URN, "note.version", H_JSON_NUMBER, "2");
	expect_json(t, URN, "court", H_JSON_STRING, "Eastbridge Crown Court");
}

/* ---- (b) an officer has no queue ---- */

static void test_queue__officer_is_told_only_supervisors_review(void **state)
{
	struct h_term *t = *state;

	start_as(t, "ofc");
	h_send(t, "r");
	h_expect_text(t, "Only a supervisor can review notes.");
	h_expect_no_text(t, "Review queue");
	h_expect_text(t, URN);
	expect_help_lists_review_keys(t);
	quit_from_list(t);
}

/* ---- (c) nobody approves their own note ---- */

static void test_queue__supervisor_cannot_approve_own_note(void **state)
{
	struct h_term *t = *state;

	start_as(t, "sup");
	h_expect_text(t, OWN_URN);
	h_key(t, H_ENTER);
	h_expect_text(t, "Step 7 of 7: Review");
	officer_submits(t, "Submitted as version 1");
	h_key(t, H_ESC);
	h_expect_text(t, "submitted");
	h_send(t, "r");
	h_expect_text(t, "Sam Supervisor");
	h_key(t, H_ENTER);
	h_expect_text(t, OWN_URN " v1 by Sam Supervisor");
	h_send(t, "a");
	h_expect_text(t, "Approve. Comment (optional):");
	h_send(t, "\x04");
	h_expect_text(t, "Not approved:");
	/* Still the note, still in the queue behind it. */
	h_expect_text(t, OWN_URN " v1 by Sam Supervisor");
	h_expect_no_text(t, "Approve. Comment");
	h_key(t, H_ESC);
	h_expect_text(t, "Sam Supervisor");
	back_to_list(t, "submitted");
	quit_from_list(t);
	expect_json(t, OWN_URN, "note.status", H_JSON_STRING, "submitted");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_loop__return_correct_resubmit_approve,
						setup_officer_case, h_teardown),
		cmocka_unit_test_setup_teardown(
			test_queue__officer_is_told_only_supervisors_review,
			setup_officer_case, h_teardown),
		cmocka_unit_test_setup_teardown(test_queue__supervisor_cannot_approve_own_note,
						setup_supervisor_case, h_teardown),
	};

	return cmocka_run_group_tests_name("e2e-review", tests, NULL, NULL);
}
