/* Journeys for issue 11, parts 1 and 2: a decision is recorded only on
 * purpose, and text keys stay text. Consent to share changes only by its
 * letter and a question answered y; Space, arrows, Enter and a stray
 * sentence change nothing; the date of the answer is asked (today offered,
 * taken by Enter) and cleared when consent is withdrawn. Digits typed in a
 * text field stay there; Alt-1 to Alt-7 change step; choices take an
 * option's first letter and never wrap round. Each test starts from its
 * own empty database; today is pinned. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define EMPTY_TEXT "No cases yet. Press n to start a new case, ? for help, q to quit."
#define TODAY "DORN_TODAY=2026-11-28"
#define STEP2 "Step 2 of 7: Victim, consent and safety"
#define ASK_YES "Record that the victim agrees that this note may be shared"
#define RADIO_ON "(\xe2\x80\xa2) "

static const char *const env_today[] = { TODAY, NULL };

static void start(struct h_term *t)
{
	const char *args[] = { "--db", h_db(t), NULL };

	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
}

static void keys(struct h_term *t, enum h_key k, int times)
{
	while (times-- > 0)
		h_key(t, k);
}

static void new_case(struct h_term *t, const char *urn)
{
	h_expect_text(t, EMPTY_TEXT);
	h_send(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	h_send(t, urn);
	h_expect_text(t, urn);
}

/* Step 2 of a new case, its victim reference typed (without one the
 * victim's part is not stored), the focus on "Consent to share". */
static void to_consent(struct h_term *t, const char *urn)
{
	start(t);
	new_case(t, urn);
	h_key(t, H_PGDN);
	h_expect_text(t, STEP2);
	h_send(t, "VR-1");
	keys(t, H_TAB, 2);               /* past the reference and the name */
}

static void leave_and_quit(struct h_term *t)
{
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);
}

static void expect_consent(struct h_term *t, const char *urn, const char *consent,
			   const char *date)
{
	char *doc = h_show_json(t, urn, env_today);

	h_expect_json(doc, "victim.consent_to_share", consent);
	h_expect_json(doc, "victim.consent_date", date);
	free(doc);
}

/* ---- consent: Space, arrows, Enter and a sentence change nothing ---- */

static void test_consent__stray_keys_record_nothing(void **state)
{
	struct h_term *t = *state;

	to_consent(t, "01/AB/40001/26");
	h_send(t, " ");
	h_expect_text(t, "Consent to share changes only by its letter");
	h_key(t, H_RIGHT);
	h_key(t, H_LEFT);
	/* A sentence meant for another field: no y or n in it. */
	h_send(t, "she is afraid of him");
	/* "yes" typed as a word: y asks, e answers no, s picks nothing. */
	h_send(t, "yes");
	h_expect_no_text(t, ASK_YES);
	h_expect_no_text(t, "Recorded");
	h_key(t, H_ENTER);               /* on to the date: changes nothing */
	h_key(t, H_PGDN);
	h_expect_text(t, "Step 3 of 7");
	h_expect_no_text(t, "28/11/2026");
	leave_and_quit(t);
	expect_consent(t, "01/AB/40001/26", "not-asked", "null");
}

/* ---- consent: y asks, and anything but y keeps what was there ---- */

static void test_consent__question_answered_no_changes_nothing(void **state)
{
	struct h_term *t = *state;

	to_consent(t, "01/AB/40002/26");
	h_send(t, "y");
	h_expect_text(t, ASK_YES);
	h_expect_text(t, "the prosecutor and the case file? y/N");
	h_send(t, "N");
	h_expect_no_text(t, ASK_YES);
	h_expect_text(t, "Not changed");
	h_send(t, "y");
	h_expect_text(t, ASK_YES);
	h_key(t, H_ENTER);               /* the default: no */
	h_expect_no_text(t, ASK_YES);
	h_key(t, H_PGDN);
	h_expect_text(t, "Step 3 of 7");
	leave_and_quit(t);
	expect_consent(t, "01/AB/40002/26", "not-asked", "null");
}

/* ---- consent: y then y records yes; its date is asked, today offered ---- */

static void test_consent__yes_then_date_by_enter(void **state)
{
	struct h_term *t = *state;

	to_consent(t, "01/AB/40003/26");
	h_send(t, "y");
	h_expect_text(t, ASK_YES);
	h_send(t, "y");
	h_expect_text(t, RADIO_ON "yes");
	/* Offered, not written: the field is empty until Enter. */
	h_expect_text(t, "(Enter takes 28/11/2026)");
	h_expect_text(t, "press Enter for today, 28/11/2026");
	h_key(t, H_ENTER);               /* takes it, and goes on */
	h_key(t, H_UP);
	h_expect_text(t, "Date of consent   28/11/2026");
	h_expect_no_text(t, "Enter takes");
	h_key(t, H_PGDN);
	h_expect_text(t, "Step 3 of 7");
	leave_and_quit(t);
	expect_consent(t, "01/AB/40003/26", "yes", "2026-11-28");
}

static void test_consent__yes_then_a_typed_date_is_the_date(void **state)
{
	struct h_term *t = *state;

	to_consent(t, "01/AB/40004/26");
	h_send(t, "yy");
	h_expect_text(t, "(Enter takes 28/11/2026)");
	h_send(t, "27/11/2026");
	h_expect_text(t, "Date of consent   27/11/2026");
	h_expect_no_text(t, "28/11/2026");
	h_key(t, H_PGDN);
	h_expect_text(t, "Step 3 of 7");
	leave_and_quit(t);
	expect_consent(t, "01/AB/40004/26", "yes", "2026-11-27");
}

/* ---- consent withdrawn: the date goes with it ---- */

static void test_consent__withdrawn_clears_the_date(void **state)
{
	struct h_term *t = *state;

	to_consent(t, "01/AB/40005/26");
	h_send(t, "yy");
	h_expect_text(t, "(Enter takes 28/11/2026)");
	h_key(t, H_ENTER);
	h_key(t, H_UP);
	h_expect_text(t, "Date of consent   28/11/2026");
	h_key(t, H_UP);
	h_send(t, "n");
	h_expect_text(t, "withdraws consent");
	h_send(t, "y");
	h_expect_text(t, RADIO_ON "no");
	h_expect_no_text(t, "Date of consent   28/11/2026");
	h_key(t, H_PGDN);
	h_expect_text(t, "Step 3 of 7");
	expect_consent(t, "01/AB/40005/26", "no", "null");

	/* n again: the option after "no" with that letter, not asked yet. */
	h_send(t, "\x1b" "2");
	h_expect_text(t, STEP2);
	keys(t, H_TAB, 2);
	h_send(t, "n");
	h_expect_text(t, "has not been asked yet");
	h_send(t, "y");
	h_expect_text(t, RADIO_ON "not asked yet");
	h_expect_no_text(t, "Enter takes");
	leave_and_quit(t);
	expect_consent(t, "01/AB/40005/26", "not-asked", "null");
}

/* ---- without a victim reference the answer is not dropped: the step
 * is not left until the reference is typed, and then it is kept ---- */

static void test_consent__without_a_reference_says_it_is_not_kept(void **state)
{
	struct h_term *t = *state;

	start(t);
	new_case(t, "01/AB/40008/26");
	h_key(t, H_PGDN);
	h_expect_text(t, STEP2);
	keys(t, H_TAB, 2);
	h_send(t, "yy");
	h_expect_text(t, "Type the victim reference too");
	h_key(t, H_ENTER);                /* today's date */
	h_key(t, H_PGDN);                 /* leaving would drop the answer: refused */
	h_expect_text(t, "cannot be kept without their reference");
	h_expect_text(t, STEP2);
	/* back to the reference, wherever the focus is */
	for (int i = 0; i < 8 && !h_screen_contains(t, "\xe2\x96\xb8Victim reference"); i++) {
		h_key(t, H_BTAB);
		h_wait_idle(t);
	}
	h_send(t, "VR-40008");
	h_expect_text(t, "VR-40008");
	leave_and_quit(t);
	expect_consent(t, "01/AB/40008/26", "yes", "2026-11-28");
}

/* ---- digits typed in a text field stay in it ---- */

static void test_text__digits_stay_in_the_urn_and_reference(void **state)
{
	struct h_term *t = *state;
	char *doc;

	start(t);
	new_case(t, "02/CD/54321/26");
	h_expect_text(t, "Step 1 of 7: Case");
	h_key(t, H_PGDN);
	h_expect_text(t, STEP2);
	h_send(t, "VW-2026-05004");
	h_expect_text(t, "VW-2026-05004");
	h_expect_text(t, STEP2);
	h_key(t, H_PGDN);
	h_expect_text(t, "Step 3 of 7");
	leave_and_quit(t);
	doc = h_show_json(t, "02/CD/54321/26", env_today);
	h_expect_json(doc, "urn", "02CD5432126");
	h_expect_json(doc, "victim.reference", "VW-2026-05004");
	free(doc);
}

/* ---- Alt-1 to Alt-7 change step, from a text field too ---- */

static void test_steps__alt_digit_jumps_and_a_digit_does_not(void **state)
{
	struct h_term *t = *state;
	char *doc;

	start(t);
	new_case(t, "01/AB/40006/26");
	h_send(t, "\x1b" "3");           /* Alt-3, with the URN focused */
	h_expect_text(t, "Step 3 of 7: Age at the time");
	/* A digit alone is not a step key, on a choice either. */
	h_send(t, "1");
	h_expect_text(t, "Step 3 of 7: Age at the time");
	h_send(t, "\x1b" "1");
	h_expect_text(t, "Step 1 of 7: Case");
	h_expect_text(t, "URN              01/AB/40006/26");
	h_expect_no_text(t, "01/AB/40006/263");
	leave_and_quit(t);
	doc = h_show_json(t, "01/AB/40006/26", env_today);
	h_expect_json(doc, "urn", "01AB4000626");
	free(doc);
}

/* ---- choices: an option's letter; arrows stop at either end ---- */

static void test_choices__letters_and_no_wrapping(void **state)
{
	struct h_term *t = *state;
	char *doc;

	start(t);
	new_case(t, "01/AB/40007/26");
	keys(t, H_TAB, 4);               /* defendant, court, offences, stage */
	h_expect_text(t, RADIO_ON "charge");
	h_key(t, H_LEFT);                /* the first: stays */
	h_expect_text(t, RADIO_ON "charge");
	h_expect_no_text(t, RADIO_ON "outcome told");
	h_send(t, "c");                  /* charge has c: the next c */
	h_expect_text(t, RADIO_ON "conviction");
	h_send(t, "c");                  /* the last c: stays */
	h_expect_text(t, RADIO_ON "conviction");
	h_send(t, "o");
	h_expect_text(t, RADIO_ON "outcome told");
	h_key(t, H_RIGHT);               /* the last: stays */
	h_expect_text(t, RADIO_ON "outcome told");
	h_expect_no_text(t, RADIO_ON "charge");
	h_send(t, "s");
	h_expect_text(t, RADIO_ON "sentencing");

	h_send(t, "\x1b" "2");
	h_expect_text(t, STEP2);
	h_send(t, "VR-7");               /* the victim's part is stored with one */
	h_send(t, "\x1b" "3");
	h_expect_text(t, "Step 3 of 7: Age at the time");
	h_expect_text(t, RADIO_ON "not known");
	h_key(t, H_RIGHT);               /* not known is the last: stays */
	h_expect_text(t, RADIO_ON "not known");
	h_send(t, "n");
	h_expect_text(t, RADIO_ON "no");
	keys(t, H_LEFT, 2);              /* yes, then the first: stays */
	h_expect_text(t, RADIO_ON "yes");
	keys(t, H_TAB, 2);               /* past the proof: under 18 now */
	h_send(t, "n");
	h_send(t, "u");                  /* u: not known */
	h_send(t, "x");                  /* no option: says which letters */
	h_expect_text(t, "y yes, n no, u not known");
	leave_and_quit(t);

	doc = h_show_json(t, "01/AB/40007/26", env_today);
	h_expect_json(doc, "stage", "sentencing");
	h_expect_json(doc, "victim.under_18_at_images", "yes");
	h_expect_json(doc, "victim.under_18_now", "unknown");
	free(doc);
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, h_setup_init, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_consent__stray_keys_record_nothing),
		JOURNEY(test_consent__question_answered_no_changes_nothing),
		JOURNEY(test_consent__yes_then_date_by_enter),
		JOURNEY(test_consent__yes_then_a_typed_date_is_the_date),
		JOURNEY(test_consent__withdrawn_clears_the_date),
		JOURNEY(test_consent__without_a_reference_says_it_is_not_kept),
		JOURNEY(test_text__digits_stay_in_the_urn_and_reference),
		JOURNEY(test_steps__alt_digit_jumps_and_a_digit_does_not),
		JOURNEY(test_choices__letters_and_no_wrapping),
	};

	return cmocka_run_group_tests_name("e2e-decisions", tests, NULL, NULL);
}
