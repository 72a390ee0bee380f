/* Journeys after the hearing, through the real binary at 80x24: from the
 * case list, open the Outcome screen, record what the court did with each
 * item, save, see the task of telling the victim with its due date, record
 * that they were told and see the task done; an overdue task in plain
 * ASCII, readable without colour; and an outcome recorded from the
 * interview's review step that the interview, saving later, keeps. Today
 * is pinned to Friday 4 December 2026: received today, the victim is told
 * by the end of Monday 7 December. Every step waits for text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define TODAY "DORN_TODAY=2026-12-04"
#define LATER "DORN_TODAY=2026-12-08"
#define URN "14/WC/20417/26"
#define CTRL_W "\x17"

static const char *const env_today[] = { TODAY, NULL };
static const char *const env_later[] = { LATER, NULL };

/* init, an officer, and the sharing example (a phone and a laptop). */
static int setup(void **state)
{
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *imp[] = { "--as", "ofc", "import", "data/examples/sharing.ini", NULL };
	struct h_term *t = h_new_init(env_today);

	if (!t)
		return -1;
	if (h_run_ok(t, ofc, env_today, NULL, 0) || h_run_ok(t, imp, env_today, NULL, 0)) {
		h_free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static void start(struct h_term *t, const char *const env[], const char *config)
{
	const char *args[] = { "--db", h_db(t), "--as", "ofc", config ? "--config" : NULL,
			       config, NULL };

	assert_int_equal(h_spawn(t, args, env, 24, 80), 0);
	h_expect_text(t, "Victim ref");
	h_expect_text(t, URN);
}

/* dorn outcome URN --format json has want at path. */
static void expect_outcome(struct h_term *t, const char *path, const char *want)
{
	const char *args[] = { "--as", "ofc", "outcome", URN, "--format", "json", NULL };
	char *doc = malloc(H_JSON_MAX);

	assert_non_null(doc);
	assert_int_equal(h_run_ok(t, args, env_today, doc, H_JSON_MAX), 0);
	h_expect_json(doc, path, want);
	free(doc);
}

static const char *const outcome_docs[] = {
	"After the hearing: its outcome, telling the victim",
	"The next part: an item, then telling the victim",
	"Save the outcome and stay (Esc saves and goes back)",
};

/* On the Outcome screen, at the hearing's first field: the hearing, then
 * each item's result (a letter picks it), saved with Ctrl-W. */
static void record_results(struct h_term *t)
{
	h_send(t, "04/12/2026");
	h_key(t, H_TAB);
	h_send(t, "Northgate Crown Court");
	h_key(t, H_PGDN);                      /* item 1: the phone */
	h_expect_text(t, "Item 1. Phone HA/1");
	h_send(t, "d");                        /* deprivation order made */
	h_key(t, H_PGDN);                      /* item 2: the laptop */
	h_send(t, "r");                        /* refused */
	h_key(t, H_TAB);
	h_send(t, "Shared family laptop");
	h_key(t, H_TAB);
	h_send(t, "Ask the CPS about forfeiture");
	h_expect_text(t, "NOT SAVED (Ctrl-W saves)");
	h_send(t, CTRL_W);
	h_expect_text(t, "Saved: outcome version 1 (recorded)");
	h_expect_said(t, "Received: not given, so today (Fri 4 Dec 2026, today).");
}

static void test_outcome__record_each_item_then_tell_the_victim(void **state)
{
	struct h_term *t = *state;
	const char *verify[] = { "audit", "--verify", NULL };
	const char *check[] = { "check", NULL };

	start(t, env_today, NULL);
	h_expect_text(t, "o Outcome");         /* the case list's footer */
	h_send(t, "o");
	h_expect_text(t, "Outcome of the hearing");
	h_expect_text(t, "Outcome: not recorded yet.");
	h_expect_text(t, "Tell the victim: once the unit has received the outcome.");
	record_results(t);
	/* The task, with its due date, on the screen's first lines. */
	h_expect_text(t, "Outcome complete: every item is accounted for.");
	h_expect_text(t, "Tell the victim by the end of Mon 7 Dec 2026, in 3 days.");
	h_expect_no_text(t, "NOT SAVED");
	/* Telling them: what they asked for and what to say, then the day
	 * (Enter takes today) and how. */
	h_key(t, H_PGDN);
	h_expect_text(t, "Told them on");
	h_expect_text(t, "(Enter takes 04/12/2026)");
	h_expect_text(t, "Order refused by the court:");
	h_key(t, H_ENTER);
	h_send(t, "Phone call, then an email");
	h_send(t, CTRL_W);
	h_expect_text(t, "Saved: outcome version 2 (corrected)");
	h_expect_text(t, "The victim was told on Fri 4 Dec 2026, today: done.");
	h_expect_no_text(t, "Tell the victim by the end");
	h_key(t, H_PGUP);                      /* the start of this part */
	h_key(t, H_PGUP);                      /* item 2: out of the text, where ? is typed */
	h_expect_text(t, "Item 2. Laptop HA/2");
	h_expect_help_lists(t, outcome_docs, sizeof outcome_docs / sizeof outcome_docs[0]);
	h_expect_no_text(t, "NOT SAVED");
	h_expect_text(t, "Outcome of the hearing");
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);

	expect_outcome(t, "items.0.result", "order_made");
	expect_outcome(t, "items.1.result", "refused");
	expect_outcome(t, "items.1.result_reason", "Shared family laptop");
	expect_outcome(t, "items.1.result_next", "Ask the CPS about forfeiture");
	expect_outcome(t, "court", "Northgate Crown Court");
	expect_outcome(t, "received", "2026-12-04");
	expect_outcome(t, "told_date", "2026-12-04");
	expect_outcome(t, "told_how", "Phone call, then an email");
	expect_outcome(t, "tell.state", "done");
	expect_outcome(t, "outcome_version", "2");
	expect_outcome(t, "complete", "true");
	assert_int_equal(h_run_ok(t, verify, env_today, NULL, 0), 0);
	assert_int_equal(h_run_ok(t, check, env_today, NULL, 0), 0);
}

/* Four days later, untold: OVERDUE in words and a mark, in plain ASCII. */
static void test_outcome__overdue_in_ascii(void **state)
{
	struct h_term *t = *state;
	const char *rec[] = { "--as", "ofc", "outcome", URN, "--date", "2026-12-04", "--court",
			      "Northgate Crown Court", "--item", "1", "--result", "returned",
			      NULL };
	char cfg[512];
	FILE *f;

	assert_int_equal(h_run_ok(t, rec, env_today, NULL, 0), 0);
	snprintf(cfg, sizeof cfg, "%s/ascii.ini", h_dir(t));
	f = fopen(cfg, "w");
	assert_non_null(f);
	fputs("[ui]\nascii = yes\n", f);
	assert_int_equal(fclose(f), 0);
	start(t, env_later, cfg);
	h_send(t, "o");
	h_expect_text(t, "! OVERDUE since Tue 8 Dec, today: tell the victim, or record why not.");
	h_expect_text(t, "~ Outcome not complete: 1 of 2 items done; see below.");
	h_expect_text(t, "(*) to go back to the defendant");
	h_key(t, H_PGDN);                      /* item 1 */
	h_key(t, H_PGDN);                      /* item 2, and the task under it */
	h_expect_said(t, "! OVERDUE since Tue 8 Dec 2026, today: it was due by the end of Mon "
			 "7 Dec 2026, yesterday. Tell them today, or record below why not.");
	h_key(t, H_PGDN);                      /* telling the victim */
	h_expect_text(t, "Told them on");
	h_expect_text(t, "(Enter takes 08/12/2026)");
	h_expect_text(t, "To be returned to the defendant:");
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);
}

/* From the interview's review step: the outcome saved there survives the
 * interview saving the case it read before. */
static void test_outcome__interview_keeps_an_outcome_saved_meanwhile(void **state)
{
	struct h_term *t = *state;

	start(t, env_today, NULL);
	h_key(t, H_ENTER);
	h_expect_text(t, "Step 7 of 7: Review");
	h_send(t, "o");
	h_expect_text(t, "Outcome of the hearing");
	record_results(t);
	h_key(t, H_ESC);
	h_expect_text(t, "Step 7 of 7: Review");
	h_send(t, "\x1b" "1");                 /* Alt-1: step 1 */
	h_expect_text(t, "Step 1 of 7: Case");
	h_key(t, H_TAB);                       /* from the defendant to the court */
	h_send(t, "\x15" "Eastbridge Crown Court");
	h_key(t, H_ESC);                       /* saves the step */
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);

	expect_outcome(t, "items.0.result", "order_made");
	expect_outcome(t, "items.1.result", "refused");
	expect_outcome(t, "court", "Northgate Crown Court");
	expect_outcome(t, "outcome_version", "1");
}

/* SIGTERM on the Outcome screen keeps what is valid, and says so in the
 * audit log like any save. */
static void test_outcome__sigterm_keeps_what_is_valid(void **state)
{
	struct h_term *t = *state;

	start(t, env_today, NULL);
	h_send(t, "o");
	h_expect_text(t, "Outcome of the hearing");
	h_send(t, "04/12/2026");
	h_key(t, H_TAB);
	h_send(t, "Northgate Crown Court");
	h_key(t, H_PGDN);
	h_send(t, "f");                        /* forfeited, to be destroyed */
	h_key(t, H_PGDN);
	h_key(t, H_PGDN);                      /* telling: the day told */
	h_send(t, "31/31/2026");               /* not a date: left out */
	h_expect_text(t, "the month must be 1 to 12");
	h_kill(t, SIGTERM);
	h_expect_exit(t, 0);

	expect_outcome(t, "items.0.result", "forfeiture");
	expect_outcome(t, "court", "Northgate Crown Court");
	expect_outcome(t, "received", "2026-12-04");
	expect_outcome(t, "tell.state", "open");
	expect_outcome(t, "outcome_version", "1");
}

/* Esc saves and goes back: the case list then says what was saved, and
 * that the day the unit received it was taken as today (the Victims'
 * Code counts from it), as Ctrl-W does; a save on Esc is never silent. */
static void test_outcome__esc_says_what_it_saved(void **state)
{
	struct h_term *t = *state;

	start(t, env_today, NULL);
	h_send(t, "o");
	h_expect_text(t, "Outcome of the hearing");
	h_key(t, H_TAB);
	h_send(t, "Northgate Crown Court");
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");        /* back on the case list */
	h_expect_said(t, "Saved: outcome version 1 (recorded)");
	h_expect_said(t, "Received: not given, so today (Fri 4 Dec 2026, today).");
	h_send(t, "q");
	h_expect_exit(t, 0);
	expect_outcome(t, "received", "2026-12-04");
	/* Nothing changed: Esc goes back without a word about saving. */
	start(t, env_today, NULL);
	h_send(t, "o");
	h_expect_text(t, "Outcome of the hearing");
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_expect_no_text(t, "Nothing to save");
	h_send(t, "q");
	h_expect_exit(t, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_outcome__record_each_item_then_tell_the_victim,
						setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_outcome__overdue_in_ascii, setup,
						h_teardown),
		cmocka_unit_test_setup_teardown(test_outcome__interview_keeps_an_outcome_saved_meanwhile,
						setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_outcome__sigterm_keeps_what_is_valid, setup,
						h_teardown),
		cmocka_unit_test_setup_teardown(test_outcome__esc_says_what_it_saved, setup,
						h_teardown),
	};

	return cmocka_run_group_tests_name("e2e-outcome", tests, NULL, NULL);
}
