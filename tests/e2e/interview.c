/* Journeys through the guided interview: a whole case typed from an empty
 * database and read back from the command line, a signal in the middle of
 * a step, a resize while typing, messages for wrong values, deleting an
 * item, no colour under NO_COLOR, the help screen from inside a text
 * field, and two officers saving the same case. Each test starts from its
 * own empty database; today is pinned so dates and urgency repeat. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

#include "harness.h"

#define EMPTY_TEXT "No cases yet. Press n to start a new case, ? for help, q to quit."
#define TODAY "DORN_TODAY=2026-11-28"

static const char *const env_today[] = { TODAY, NULL };

static void start(struct h_term *t, const char *db, const char *as, const char *const env[])
{
	const char *args[5] = { "--db", NULL, NULL, NULL, NULL };

	args[1] = db ? db : h_db(t);
	if (as) {
		args[2] = "--as";
		args[3] = as;
	}
	assert_int_equal(h_spawn(t, args, env ? env : env_today, 24, 80), 0);
}

static void keys(struct h_term *t, enum h_key k, int times)
{
	while (times-- > 0)
		h_key(t, k);
}

/* A new case from the case list, its URN typed. */
static void new_case(struct h_term *t, const char *urn)
{
	h_expect_text(t, EMPTY_TEXT);
	h_send(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	h_send(t, urn);
}

static void next_step(struct h_term *t, const char *title)
{
	h_key(t, H_PGDN);
	h_expect_text(t, title);
}

/* ---- (a) a whole case, then the database holds what was typed ---- */

static void type_step_case(struct h_term *t)
{
	h_key(t, H_TAB);
	h_send(t, "\xc5\x81ukasz Wr\xc3\xb3" "bel");   /* Łukasz Wróbel */
	h_key(t, H_TAB);
	h_send(t, "Leeds Crown Court");
	h_key(t, H_TAB);
	h_send(t, " ");                  /* the first offence: s.66B(1) */
	h_key(t, H_TAB);
	keys(t, H_RIGHT, 2);             /* stage: charge, first hearing, trial */
	h_key(t, H_TAB);
	h_send(t, "10/12/2026");
	h_key(t, H_TAB);
	h_send(t, "trial");
	h_key(t, H_TAB);
	h_send(t, "2026-12-05");
	h_key(t, H_TAB);
	h_send(t, "DC Smith");
	h_key(t, H_TAB);
	h_send(t, "Ms Patel");
}

static void test_whole_case__database_holds_what_was_typed(void **state)
{
	struct h_term *t = *state;
	char *doc;

	start(t, NULL, NULL, NULL);
	new_case(t, "01/AB/12345/26");
	type_step_case(t);
	h_expect_text(t, "Ms Patel");
	next_step(t, "Step 2 of 7: Victim, consent and safety");

	h_send(t, "VR-7");
	h_key(t, H_TAB);
	h_send(t, "Zo\xc3\xab");          /* Zoë */
	h_key(t, H_TAB);                  /* past "who will read": not a field */
	/* Consent: y asks, naming who reads the note; y again records it.
	 * Its date is asked, today offered: Enter takes it and goes on. */
	h_send(t, "y");
	h_expect_text(t, "Record that the victim agrees that this note may be shared");
	h_send(t, "y");
	h_expect_text(t, "(Enter takes 28/11/2026)");
	h_key(t, H_ENTER);
	h_send(t, "text only, after 6pm");
	h_key(t, H_TAB);
	h_send(t, "phone call");
	h_key(t, H_TAB);
	h_send(t, "needs an interpreter");
	next_step(t, "Step 3 of 7: Age at the time");

	h_send(t, "n");                   /* a choice takes an option's letter: no */
	h_expect_text(t, "(\xe2\x80\xa2) no");
	keys(t, H_TAB, 2);                /* past the proof of age: under 18 now */
	h_send(t, "n");                   /* no: an adult now */
	next_step(t, "Step 4 of 7: The concern");

	h_send(t, " ");                   /* the device given back */
	h_key(t, H_DOWN);
	h_send(t, " ");                   /* further sharing */
	keys(t, H_TAB, 2);
	h_send(t, "He said he would send them to my mum.");
	h_key(t, H_ENTER);
	h_send(t, "\xe2\x80\x9cI can\xe2\x80\x99t sleep.\xe2\x80\x9d");
	h_key(t, H_TAB);
	h_send(t, "I am scared.");
	next_step(t, "Step 5 of 7: Devices and accounts");

	h_send(t, "a");
	h_expect_text(t, "new item 1");
	h_key(t, H_RIGHT);                /* phone */
	h_key(t, H_TAB);
	h_send(t, "Black iPhone 12");
	h_key(t, H_TAB);
	h_send(t, "t");                   /* owner: the defendant */
	keys(t, H_TAB, 2);
	h_send(t, "y");                   /* seized: yes */
	h_key(t, H_TAB);
	h_send(t, "AB/1");
	h_key(t, H_TAB);
	h_send(t, " ");                   /* took */
	h_key(t, H_DOWN);
	h_send(t, " ");                   /* stored */
	h_key(t, H_TAB);
	h_send(t, "y");                   /* examined: yes */
	h_key(t, H_TAB);
	h_send(t, "\xc2\xa3" "1,200");
	h_key(t, H_TAB);
	h_send(t, "his work phone");
	h_key(t, H_TAB);
	h_send(t, "y");                   /* lawful data: yes */
	h_key(t, H_TAB);
	h_send(t, "p");                   /* held by: police */
	h_expect_text(t, "his work phone");
	h_key(t, H_ESC);
	h_expect_text(t, "Keep this new item? y keeps it, n discards it");
	h_send(t, "y");                   /* a new item: Esc asks; keep it */
	/* one line: exhibit, whose it is, then the description */
	h_expect_text(t, "1. Phone AB/1 (the defendant's): Black iPhone 12");

	h_send(t, "a");
	h_expect_text(t, "new item 2");
	keys(t, H_RIGHT, 2);              /* laptop */
	h_key(t, H_TAB);
	h_send(t, "Family laptop");
	h_key(t, H_TAB);
	h_send(t, "s");                   /* owner: shared */
	h_key(t, H_TAB);
	h_send(t, "his sister");
	h_expect_text(t, "his sister");
	h_key(t, H_ESC);
	h_expect_text(t, "Keep this new item? y keeps it, n discards it");
	h_send(t, "y");                   /* a new item: Esc asks; keep it */
	h_expect_text(t, "2. Laptop (shared: his sister): Family laptop");
	next_step(t, "Step 6 of 7: Support offered");

	/* An adult: StopNCII is offered, Report Remove is not. */
	h_expect_text(t, "StopNCII.org");
	assert_false(h_screen_contains(t, "Report Remove"));
	h_send(t, " ");
	h_key(t, H_DOWN);
	h_send(t, " ");
	next_step(t, "Step 7 of 7: Review");
	h_expect_text(t, "What the note asks for");
	h_expect_text(t, "URGENT: Sentencing on 5 December 2026: 7 days left.");
	h_key(t, H_ESC);
	h_expect_text(t, "01/AB/12345/26");
	h_expect_text(t, "URGENT");
	h_send(t, "q");
	h_expect_exit(t, 0);

	doc = h_show_json(t, "01/AB/12345/26", env_today);
	h_expect_json(doc, "urn", "01AB1234526");
	h_expect_json(doc, "defendant", "\xc5\x81ukasz Wr\xc3\xb3" "bel");
	h_expect_json(doc, "court", "Leeds Crown Court");
	h_expect_json(doc, "stage", "trial");
	h_expect_json(doc, "next_hearing", "2026-12-10");
	h_expect_json(doc, "next_hearing_type", "trial");
	h_expect_json(doc, "sentencing_date", "2026-12-05");
	h_expect_json(doc, "officer_in_case", "DC Smith");
	h_expect_json(doc, "lawyer", "Ms Patel");
	h_expect_json(doc, "offences.0.code", "soa66b1");
	h_expect_no_json(doc, "offences.1");
	h_expect_json(doc, "victim.reference", "VR-7");
	h_expect_json(doc, "victim.name", "Zo\xc3\xab");
	h_expect_json(doc, "victim.under_18_at_images", "no");
	h_expect_json(doc, "victim.under_18_now", "no");
	h_expect_json(doc, "victim.consent_to_share", "yes");
	h_expect_json(doc, "victim.consent_date", "2026-11-28");
	h_expect_json(doc, "victim.safe_contact", "text only, after 6pm");
	h_expect_json(doc, "victim.outcome_contact", "phone call");
	h_expect_json(doc, "victim.needs", "needs an interpreter");
	h_expect_json(doc, "victim.support_offered.0", "helpline");
	h_expect_json(doc, "victim.support_offered.1", "stopncii");
	h_expect_no_json(doc, "victim.support_offered.2");
	h_expect_json(doc, "concern.fears.0", "device-returned");
	h_expect_json(doc, "concern.fears.1", "further-sharing");
	h_expect_no_json(doc, "concern.fears.2");
	h_expect_json(doc, "concern.fear_other", "");
	h_expect_json(doc, "concern.victim_words", "He said he would send them to my mum.\n"
		    "\xe2\x80\x9cI can\xe2\x80\x99t sleep.\xe2\x80\x9d");
	h_expect_json(doc, "concern.impact", "I am scared.");
	h_expect_json(doc, "items.0.position", "1");
	h_expect_json(doc, "items.0.kind", "phone");
	h_expect_json(doc, "items.0.description", "Black iPhone 12");
	h_expect_json(doc, "items.0.owner", "defendant");
	h_expect_json(doc, "items.0.owner_detail", "");
	h_expect_json(doc, "items.0.seized", "yes");
	h_expect_json(doc, "items.0.exhibit_ref", "AB/1");
	h_expect_json(doc, "items.0.how_used.0", "took");
	h_expect_json(doc, "items.0.how_used.1", "stored");
	h_expect_no_json(doc, "items.0.how_used.2");
	h_expect_json(doc, "items.0.examined", "yes");
	h_expect_json(doc, "items.0.value_estimate", "1200");
	h_expect_json(doc, "items.0.effect", "his work phone");
	h_expect_json(doc, "items.0.lawful_data", "yes");
	h_expect_json(doc, "items.0.held_by", "police");
	h_expect_json(doc, "items.1.position", "2");
	h_expect_json(doc, "items.1.kind", "laptop");
	h_expect_json(doc, "items.1.description", "Family laptop");
	h_expect_json(doc, "items.1.owner", "shared");
	h_expect_json(doc, "items.1.owner_detail", "his sister");
	h_expect_json(doc, "items.1.value_estimate", "null");
	h_expect_no_json(doc, "items.2");
	free(doc);
}

/* ---- (b) SIGHUP in the middle of a step, then resume there ---- */

static void test_sighup__saves_the_step_and_resumes_there(void **state)
{
	struct h_term *t = *state;

	start(t, NULL, NULL, NULL);
	new_case(t, "01/AB/12345/26");
	type_step_case(t);
	next_step(t, "Step 2 of 7: Victim, consent and safety");
	h_send(t, "VR-9");
	h_key(t, H_TAB);
	h_send(t, "Zo\xc3\xab");
	h_expect_text(t, "Zo\xc3\xab");
	/* Not left yet: only the signal can save it. */
	h_kill(t, SIGHUP);
	h_expect_exit(t, 0);

	start(t, NULL, NULL, NULL);
	h_expect_text(t, "01/AB/12345/26");
	h_key(t, H_ENTER);
	h_expect_text(t, "Step 2 of 7: Victim, consent and safety");
	h_expect_text(t, "VR-9");
	h_expect_text(t, "Zo\xc3\xab");
	/* Step 1 was saved, with gaps the note lists as still missing (the
	 * arrest or summons, the defence's position); step 2 is begun, not
	 * done. */
	h_expect_text(t, "1 Case          ! fix");
	h_expect_text(t, "2 Victim        \xe2\x80\xa6 todo");
}

/* ---- (c) resize while typing ---- */

static void test_resize__typing_survives_too_small(void **state)
{
	struct h_term *t = *state;
	int row, col;

	start(t, NULL, NULL, NULL);
	new_case(t, "01/AB/12345/26");
	h_key(t, H_TAB);
	h_send(t, "\xc5\x81ukasz Wr\xc3\xb3");
	h_expect_text(t, "\xc5\x81ukasz Wr\xc3\xb3");
	h_resize(t, 20, 60);
	h_expect_text(t, "too small");
	h_expect_no_text(t, "\xc5\x81ukasz");
	h_resize(t, 24, 80);
	h_expect_text(t, "Defendant         \xc5\x81ukasz Wr\xc3\xb3");
	/* The cursor is back where the typing stopped, and typing goes on. */
	h_cursor_pos(t, &row, &col);
	assert_int_equal(col, 26 + 19 + 10);
	h_send(t, "bel");
	h_expect_text(t, "Defendant         \xc5\x81ukasz Wr\xc3\xb3" "bel");
	h_cursor_pos(t, &row, &col);
	assert_int_equal(col, 26 + 19 + 13);
	/* Word movement and deleting by character, by width. */
	h_key(t, H_CLEFT);
	h_key(t, H_DEL);
	h_expect_text(t, "\xc5\x81ukasz r\xc3\xb3" "bel");
	h_key(t, H_BACKSPACE);
	h_expect_text(t, "\xc5\x81ukaszr\xc3\xb3" "bel");
}

/* ---- (d) wrong values show their messages beside the field ---- */

static void test_messages__wrong_urn_and_date(void **state)
{
	struct h_term *t = *state;

	start(t, NULL, NULL, NULL);
	new_case(t, "01/AB/123");
	h_expect_text(t, "URN '01/AB/123': it has 3");
	keys(t, H_TAB, 5);                /* defendant, court, offences, stage, date */
	h_send(t, "31/02/2026");
	h_expect_text(t, "31/02/2026 is not a date:");
	h_expect_text(t, "February 2026 has 28 days");
	/* Moving on leaves the message on screen. */
	h_key(t, H_TAB);
	h_expect_text(t, "31/02/2026 is not a date:");
	/* Leaving the step asks; "no" goes back to the first to fix. */
	h_key(t, H_PGDN);
	h_expect_text(t, "2 fields are not valid: fix them, or press d to discard");
	h_key(t, H_ENTER);
	h_expect_no_text(t, "fields are not valid");
	h_expect_text(t, "Step 1 of 7: Case");
	h_expect_text(t, "URN '01/AB/123': it has 3");
	/* Fixed, the message goes; the other one stays until it is fixed. */
	h_send(t, "\x15" "01/AB/12345/26");
	h_expect_no_text(t, "URN '01/AB/123'");
	h_key(t, H_PGDN);
	h_expect_text(t, "1 field is not valid: fix it, or press d to discard that change");
	h_key(t, H_ENTER);
	h_expect_text(t, "31/02/2026 is not a date:");
	h_send(t, "\x15" "28/02/2026");
	h_expect_no_text(t, "is not a date");
	next_step(t, "Step 2 of 7");
}

/* ---- (e) deleting an item asks first; no is the default ---- */

static void test_items__delete_asks_first(void **state)
{
	struct h_term *t = *state;
	char *doc;

	start(t, NULL, NULL, NULL);
	new_case(t, "01/AB/22222/26");
	next_step(t, "Step 2 of 7");
	next_step(t, "Step 3 of 7");
	next_step(t, "Step 4 of 7");
	next_step(t, "Step 5 of 7: Devices and accounts");
	h_expect_text(t, "None yet. Press a to add");
	h_send(t, "a");
	h_expect_text(t, "new item 1");
	h_key(t, H_RIGHT);
	h_expect_text(t, "(\xe2\x80\xa2) phone");
	h_key(t, H_ESC);
	h_expect_text(t, "Keep this new item? y keeps it, n discards it");
	h_send(t, "y");                   /* a new item: Esc asks; keep it */
	h_expect_text(t, "1. Phone");
	h_send(t, "a");
	h_expect_text(t, "new item 2");
	keys(t, H_RIGHT, 2);
	h_expect_text(t, "(\xe2\x80\xa2) laptop");
	h_key(t, H_ESC);
	h_expect_text(t, "Keep this new item? y keeps it, n discards it");
	h_send(t, "y");                   /* a new item: Esc asks; keep it */
	h_expect_text(t, "2. Laptop");

	h_send(t, "d");
	h_expect_text(t, "Delete item 2 (Laptop)? y/N");
	h_send(t, "n");
	h_expect_no_text(t, "Delete item 2");
	h_expect_text(t, "2. Laptop");
	h_send(t, "d");
	h_expect_text(t, "Delete item 2 (Laptop)? y/N");
	h_key(t, H_ENTER);                /* the default: no */
	h_expect_no_text(t, "Delete item 2");
	h_expect_text(t, "2. Laptop");
	h_send(t, "d");
	h_expect_text(t, "Delete item 2 (Laptop)? y/N");
	h_send(t, "y");
	h_expect_no_text(t, "2. Laptop");
	h_expect_text(t, "1. Phone");
	next_step(t, "Step 6 of 7");
	h_key(t, H_ESC);
	h_expect_text(t, "01/AB/22222/26");
	h_send(t, "q");
	h_expect_exit(t, 0);

	doc = h_show_json(t, "01/AB/22222/26", env_today);
	h_expect_json(doc, "items.0.kind", "phone");
	h_expect_no_json(doc, "items.1");
	free(doc);
}

/* ---- (f) NO_COLOR: no colour anywhere in the interview ---- */

static void test_colour__no_color_interview(void **state)
{
	const char *env[] = { TODAY, "NO_COLOR=1", NULL };
	struct h_term *t = *state;

	start(t, NULL, NULL, env);
	new_case(t, "01/AB/1");
	h_expect_text(t, "URN '01/AB/1'");  /* a message, drawn as an error */
	assert_false(h_any_colour(t));
	h_send(t, "\x15" "01/AB/33333/26");
	next_step(t, "Step 2 of 7");
	h_expect_text(t, "You might say:");
	assert_false(h_any_colour(t));
	h_send(t, "\x0e\x0e\x0e");          /* Ctrl-N: on to step 5 */
	h_expect_text(t, "Step 5 of 7");
	h_send(t, "a");
	h_expect_text(t, "new item 1");
	h_key(t, H_RIGHT);
	h_key(t, H_ESC);
	h_expect_text(t, "Keep this new item? y keeps it, n discards it");
	h_send(t, "y");                   /* a new item: Esc asks; keep it */
	h_expect_text(t, "1. Phone");       /* highlighted in the list */
	h_send(t, "d");
	h_expect_text(t, "Delete item 1 (Phone)? y/N");
	if (h_any_colour(t))
		h_dump(t, "NO_COLOR");
	assert_false(h_any_colour(t));
}

/* ---- (g) the help screen lists every key, also from a text field ---- */

static void test_help__from_a_text_field_lists_every_key(void **state)
{
	struct h_term *t = *state;
	size_t nkeys;

	start(t, NULL, NULL, NULL);
	new_case(t, "01/AB/");
	/* In a text field '?' is text; F1 still opens help. */
	h_send(t, "?");
	h_expect_text(t, "01/AB/?");
	h_key(t, H_F1);
	h_expect_text(t, h_keys(t, &nkeys)[0].doc);
	assert_int_equal(h_help_missing(t), 0);
	h_key(t, H_ESC);
	h_expect_text(t, "01/AB/?");
	h_expect_text(t, "Step 1 of 7: Case");
}

/* ---- (h) two officers, one case ---- */

/* bob, in t2, on t's database: the same Unix user acting as bob (--as),
 * so with the same audit key (t's configuration folder). */
static void start_bob(struct h_term *t, struct h_term *t2)
{
	static char config[PATH_MAX + 32];
	const char *env[] = { TODAY, config, NULL };

	snprintf(config, sizeof config, "XDG_CONFIG_HOME=%s/config", h_dir(t));
	start(t2, h_db(t), "bob", env);
}

/* sharing.ini imported, and open on step 1 for this login (t) and for
 * bob, in a second terminal returned: both loaded the same version. */
static struct h_term *two_officers_on_step_1(struct h_term *t)
{
	const char *add[] = { "staff", "add", "bob", "--name", "Bob Brown", "--role", "officer",
			      NULL };
	const char *imp[] = { "import", "data/examples/sharing.ini", NULL };
	struct h_term *t2;

	assert_int_equal(h_run_ok(t, add, NULL, NULL, 0), 0);
	assert_int_equal(h_run_ok(t, imp, NULL, NULL, 0), 0);
	t2 = h_new();
	assert_non_null(t2);
	start(t, NULL, NULL, NULL);
	start_bob(t, t2);
	h_key(t, H_ENTER);
	h_key(t2, H_ENTER);
	h_expect_text(t, "Step 7 of 7: Review");
	h_expect_text(t2, "Step 7 of 7: Review");
	h_send(t, "\x1b" "1");
	h_send(t2, "\x1b" "1");
	h_expect_text(t, "Step 1 of 7: Case");
	h_expect_text(t2, "Step 1 of 7: Case");
	return t2;
}

/* Two officers change different fields of the same case: the second save
 * merges (their change and mine), nothing is refused or lost. */
static void test_conflict__other_fields_merge(void **state)
{
	struct h_term *t = *state, *t2 = NULL;
	char *doc;

	t2 = two_officers_on_step_1(t);

	/* The first changes the defendant and moves on. */
	h_send(t, "\x15" "Alan Adams");
	next_step(t, "Step 2 of 7");
	/* The second, who opened it before, changes the court. */
	h_key(t2, H_TAB);
	h_send(t2, "\x15" "Northmoor Crown Court");
	h_key(t2, H_PGDN);
	h_expect_text(t2, "are both saved");
	h_expect_text(t2, "Step 2 of 7");
	h_free(t2);

	doc = h_show_json(t, "14/WC/20417/26", NULL);
	h_expect_json(doc, "defendant", "Alan Adams");
	h_expect_json(doc, "court", "Northmoor Crown Court");
	free(doc);
}

/* Both change the defendant: y keeps mine (the second officer's), and
 * their other changes stay. */
static void test_conflict__same_field_y_keeps_mine(void **state)
{
	struct h_term *t = *state, *t2 = NULL;
	char *doc;

	t2 = two_officers_on_step_1(t);
	/* The first changes the defendant and the court. */
	h_send(t, "\x15" "Alan Adams");
	h_key(t, H_TAB);
	h_send(t, "\x15" "Northmoor Crown Court");
	next_step(t, "Step 2 of 7");
	/* The second changes the defendant too, and keeps theirs. */
	h_send(t2, "\x15" "Bea Byrne");
	h_key(t2, H_PGDN);
	h_expect_text(t2, "Changed by both of you");
	h_send(t2, "y");
	h_expect_text(t2, "are both saved");
	h_expect_text(t2, "Step 2 of 7");
	h_free(t2);

	doc = h_show_json(t, "14/WC/20417/26", NULL);
	h_expect_json(doc, "defendant", "Bea Byrne");
	h_expect_json(doc, "court", "Northmoor Crown Court");
	free(doc);
}

static void test_conflict__second_save_refused(void **state)
{
	struct h_term *t = *state, *t2 = NULL;
	const char *add[] = { "staff", "add", "bob", "--name", "Bob Brown", "--role", "officer",
			      NULL };
	const char *imp[] = { "import", "data/examples/sharing.ini", NULL };
	const char *me = getenv("USER");
	char urn_row[32];

	assert_int_equal(h_run_ok(t, add, NULL, NULL, 0), 0);
	assert_int_equal(h_run_ok(t, imp, NULL, NULL, 0), 0);
	t2 = h_new();
	assert_non_null(t2);

	start(t, NULL, NULL, NULL);
	start_bob(t, t2);
	h_expect_text(t, "Victim ref");
	h_expect_text(t2, "Victim ref");
	snprintf(urn_row, sizeof urn_row, "%s", "Step 1 of 7: Case");
	/* An imported case opens at Review (every step came from the file);
	 * looking at Review saves nothing, so both can go to step 1. */
	h_key(t, H_ENTER);
	h_key(t2, H_ENTER);
	h_expect_text(t, "Step 7 of 7: Review");
	h_expect_text(t2, "Step 7 of 7: Review");
	h_send(t, "\x1b" "1");            /* Alt-1: step 1 */
	h_send(t2, "\x1b" "1");
	h_expect_text(t, urn_row);
	h_expect_text(t2, urn_row);

	/* The first officer changes the defendant's name (the first field:
	 * a saved case's URN is not one) and moves on. */
	h_send(t, "\x15" "Alan Adams");
	next_step(t, "Step 2 of 7");

	/* The second, who opened the case before that, is refused. */
	h_send(t2, "\x15" "Bob Typed This");
	h_key(t2, H_PGDN);
	/* Both values of the field both changed, and the choice. */
	h_expect_text(t2, "Changed by both of you");
	h_expect_text(t2, "theirs \"Alan Adams\"");
	h_expect_text(t2, "yours \"Bob Typed This\"");
	/* Esc keeps what was typed on screen, unsaved, saying who changed it. */
	h_key(t2, H_ESC);
	h_expect_text(t2, "Not saved");
	h_expect_text(t2, "saved the case meanwhile");
	if (me && *me)
		h_expect_text(t2, me);
	h_expect_text(t2, "Step 1 of 7: Case");
	h_expect_text(t2, "Defendant         Bob Typed This");

	/* Leaving asks again; Esc then asks before anything typed is given
	 * up; no keeps it. */
	h_key(t2, H_ESC);
	h_expect_text(t2, "Changed by both of you");
	h_key(t2, H_ESC);
	h_expect_text(t2, "Leave without saving? y/N");
	h_send(t2, "n");
	h_expect_text(t2, "Defendant         Bob Typed This");
	h_free(t2);

	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);
	{
		char *doc = h_show_json(t, "14/WC/20417/26", env_today);

		h_expect_json(doc, "defendant", "Alan Adams");
		free(doc);
	}
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, h_setup_init, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_whole_case__database_holds_what_was_typed),
		JOURNEY(test_sighup__saves_the_step_and_resumes_there),
		JOURNEY(test_resize__typing_survives_too_small),
		JOURNEY(test_messages__wrong_urn_and_date),
		JOURNEY(test_items__delete_asks_first),
		JOURNEY(test_colour__no_color_interview),
		JOURNEY(test_help__from_a_text_field_lists_every_key),
		JOURNEY(test_conflict__second_save_refused),
		JOURNEY(test_conflict__other_fields_merge),
		JOURNEY(test_conflict__same_field_y_keeps_mine),
	};

	return cmocka_run_group_tests_name("e2e-interview", tests, NULL, NULL);
}
