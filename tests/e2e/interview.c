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
#include <string.h>

#include "harness.h"

#define EMPTY_TEXT "No cases yet. Press n to start a new case, ? for help, q to quit."
#define TODAY "DORN_TODAY=2026-11-28"
#define JSON_MAX 65536

static const char *const env_today[] = { TODAY, NULL };

static int setup(void **state)
{
	const char *args[4] = { "--db", NULL, "init", NULL };
	char out[2048];
	struct h_term *t = h_new();
	int rc;

	if (!t)
		return -1;
	args[1] = h_db(t);
	rc = h_run(t, args, NULL, out, sizeof out);
	if (rc != 0) {
		fprintf(stderr, "dorn init exited %d:\n%s\n", rc, out);
		h_free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	h_free(*state);
	return 0;
}

/* Waits for the text, then for the update that drew it to finish, so the
 * next key goes to a program that is reading keys again (and an Esc is
 * never merged with the next key into an Alt). */
static void expect_text(struct h_term *t, const char *s)
{
	if (!h_wait_text(t, s, H_TIMEOUT_MS)) {
		h_dump(t, s);
		fail_msg("the screen never showed \"%s\"", s);
	}
	assert_true(h_wait_idle(t));
}

static void expect_no_text(struct h_term *t, const char *s)
{
	assert_true(h_wait_idle(t));
	if (h_screen_contains(t, s)) {
		h_dump(t, s);
		fail_msg("the screen still shows \"%s\"", s);
	}
}

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

static void expect_exit(struct h_term *t, int want)
{
	int got = h_wait_exit(t, H_TIMEOUT_MS);

	if (got != want) {
		h_dump(t, "exit");
		fail_msg("exit status %d, wanted %d (negative: killed by that signal)", got, want);
	}
}

static void keys(struct h_term *t, enum h_key k, int times)
{
	while (times-- > 0)
		h_key(t, k);
}

/* A new case from the case list, its URN typed. */
static void new_case(struct h_term *t, const char *urn)
{
	expect_text(t, EMPTY_TEXT);
	h_send(t, "n");
	expect_text(t, "Step 1 of 7: Case");
	h_send(t, urn);
}

static void next_step(struct h_term *t, const char *title)
{
	h_key(t, H_PGDN);
	expect_text(t, title);
}

/* ---- a small reader for `dorn show --format json` ---- */

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *skip_value(const char *p);

static const char *skip_string(const char *p)
{
	for (p++; *p && *p != '"'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : p;
}

static const char *skip_value(const char *p)
{
	int depth = 0;

	p = ws(p);
	if (*p == '"')
		return skip_string(p);
	if (*p != '{' && *p != '[') {
		while (*p && *p != ',' && *p != '}' && *p != ']')
			p++;
		return p;
	}
	do {
		if (*p == '"') {
			p = skip_string(p);
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		p++;
	} while (*p && depth);
	return p;
}

/* The value at path ("victim.name", "items.1.kind") in the document. */
static const char *jfind(const char *doc, const char *path)
{
	char key[64];
	const char *p = ws(doc), *dot;
	size_t n;
	long idx;

	while (*path) {
		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		snprintf(key, sizeof key, "%.*s", (int)n, path);
		path += n + (dot != NULL);
		if (*p == '[') {
			idx = strtol(key, NULL, 10);
			p = ws(p + 1);
			while (idx-- > 0 && *p && *p != ']') {
				p = ws(skip_value(p));
				if (*p == ',')
					p = ws(p + 1);
			}
			if (*p == ']' || !*p)
				return NULL;
			continue;
		}
		if (*p != '{')
			return NULL;
		p = ws(p + 1);
		for (;;) {
			const char *k = p + 1;
			int match;

			if (*p != '"')
				return NULL;
			p = skip_string(p);
			match = (size_t)(p - 1 - k) == n && !strncmp(k, key, n);
			p = ws(p);
			if (*p != ':')
				return NULL;
			p = ws(p + 1);
			if (match)
				break;
			p = ws(skip_value(p));
			if (*p != ',')
				return NULL;
			p = ws(p + 1);
		}
	}
	return p;
}

/* A string value decoded (\n, \", \\, \uXXXX below U+10000), or a number
 * or word as written. */
static const char *jstr(const char *doc, const char *path, char *out, size_t outn)
{
	const char *p = jfind(doc, path);
	size_t w = 0;
	unsigned cp;

	out[0] = '\0';
	if (!p)
		return "(missing)";
	if (*p != '"') {
		const char *e = skip_value(p);

		snprintf(out, outn, "%.*s", (int)(e - p), p);
		return out;
	}
	for (p++; *p && *p != '"' && w + 4 < outn; p++) {
		if (*p != '\\') {
			out[w++] = *p;
			continue;
		}
		p++;
		if (*p == 'n') {
			out[w++] = '\n';
		} else if (*p == 'u') {
			sscanf(p + 1, "%4x", &cp);
			p += 4;
			if (cp < 0x80) {
				out[w++] = (char)cp;
			} else if (cp < 0x800) {
				out[w++] = (char)(0xc0 | cp >> 6);
				out[w++] = (char)(0x80 | (cp & 0x3f));
			} else {
				out[w++] = (char)(0xe0 | cp >> 12);
				out[w++] = (char)(0x80 | (cp >> 6 & 0x3f));
				out[w++] = (char)(0x80 | (cp & 0x3f));
			}
		} else {
			out[w++] = *p;
		}
	}
	out[w] = '\0';
	return out;
}

static char *show_json(struct h_term *t, const char *urn)
{
	const char *args[] = { "--db", h_db(t), "show", urn, "--format", "json", NULL };
	char *out = calloc(1, JSON_MAX);
	int rc;

	assert_non_null(out);
	rc = h_run_stdout(t, args, env_today, out, JSON_MAX);
	if (rc != 0)
		fail_msg("dorn show exited %d:\n%s", rc, out);
	return out;
}

#define EXPECT_JSON(doc, path, want)                                              \
	do {                                                                       \
		char got_[4096];                                                   \
		const char *g_ = jstr((doc), (path), got_, sizeof got_);           \
		if (strcmp(g_, (want)))                                            \
			fail_msg("%s: got \"%s\", typed \"%s\"", (path), g_, (want)); \
	} while (0)

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
	expect_text(t, "Ms Patel");
	next_step(t, "Step 2 of 7: Victim, consent and safety");

	h_send(t, "VR-7");
	h_key(t, H_TAB);
	h_send(t, "Zo\xc3\xab");          /* Zoë */
	h_key(t, H_TAB);                  /* past "who will read": not a field */
	h_send(t, " ");                   /* consent: yes, dated today */
	expect_text(t, "28/11/2026");
	keys(t, H_TAB, 2);
	h_send(t, "text only, after 6pm");
	h_key(t, H_TAB);
	h_send(t, "phone call");
	h_key(t, H_TAB);
	h_send(t, "needs an interpreter");
	next_step(t, "Step 3 of 7: Age at the time");

	keys(t, H_RIGHT, 2);              /* not known, yes, no */
	expect_text(t, "(\xe2\x80\xa2) no");
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
	expect_text(t, "new item 1");
	h_key(t, H_RIGHT);                /* phone */
	h_key(t, H_TAB);
	h_send(t, "Black iPhone 12");
	h_key(t, H_TAB);
	h_key(t, H_RIGHT);                /* owner: the defendant */
	keys(t, H_TAB, 2);
	h_key(t, H_RIGHT);                /* seized: yes */
	h_key(t, H_TAB);
	h_send(t, "AB/1");
	h_key(t, H_TAB);
	h_send(t, " ");                   /* took */
	h_key(t, H_DOWN);
	h_send(t, " ");                   /* stored */
	h_key(t, H_TAB);
	h_key(t, H_RIGHT);                /* examined: yes */
	h_key(t, H_TAB);
	h_send(t, "\xc2\xa3" "1,200");
	h_key(t, H_TAB);
	h_send(t, "his work phone");
	h_key(t, H_TAB);
	h_key(t, H_RIGHT);                /* lawful data: yes */
	h_key(t, H_TAB);
	h_key(t, H_RIGHT);                /* held by: police */
	expect_text(t, "his work phone");
	h_key(t, H_ESC);
	expect_text(t, "1. Phone: Black iPhone 12 (exhibit AB/1)");

	h_send(t, "a");
	expect_text(t, "new item 2");
	keys(t, H_RIGHT, 2);              /* laptop */
	h_key(t, H_TAB);
	h_send(t, "Family laptop");
	h_key(t, H_TAB);
	keys(t, H_RIGHT, 2);              /* owner: shared */
	h_key(t, H_TAB);
	h_send(t, "his sister");
	expect_text(t, "his sister");
	h_key(t, H_ESC);
	expect_text(t, "2. Laptop: Family laptop");
	next_step(t, "Step 6 of 7: Support offered");

	/* An adult: StopNCII is offered, Report Remove is not. */
	expect_text(t, "StopNCII.org");
	assert_false(h_screen_contains(t, "Report Remove"));
	h_send(t, " ");
	h_key(t, H_DOWN);
	h_send(t, " ");
	next_step(t, "Step 7 of 7: Review");
	expect_text(t, "What the note asks for");
	expect_text(t, "URGENT: Sentencing on 5 December 2026: 7 days left.");
	h_key(t, H_ESC);
	expect_text(t, "01/AB/12345/26");
	expect_text(t, "URGENT");
	h_send(t, "q");
	expect_exit(t, 0);

	doc = show_json(t, "01/AB/12345/26");
	EXPECT_JSON(doc, "urn", "01AB1234526");
	EXPECT_JSON(doc, "defendant", "\xc5\x81ukasz Wr\xc3\xb3" "bel");
	EXPECT_JSON(doc, "court", "Leeds Crown Court");
	EXPECT_JSON(doc, "stage", "trial");
	EXPECT_JSON(doc, "next_hearing", "2026-12-10");
	EXPECT_JSON(doc, "next_hearing_type", "trial");
	EXPECT_JSON(doc, "sentencing_date", "2026-12-05");
	EXPECT_JSON(doc, "officer_in_case", "DC Smith");
	EXPECT_JSON(doc, "lawyer", "Ms Patel");
	EXPECT_JSON(doc, "offences.0.code", "soa66b1");
	assert_null(jfind(doc, "offences.1"));
	EXPECT_JSON(doc, "victim.reference", "VR-7");
	EXPECT_JSON(doc, "victim.name", "Zo\xc3\xab");
	EXPECT_JSON(doc, "victim.under_18_at_images", "no");
	EXPECT_JSON(doc, "victim.consent_to_share", "yes");
	EXPECT_JSON(doc, "victim.consent_date", "2026-11-28");
	EXPECT_JSON(doc, "victim.safe_contact", "text only, after 6pm");
	EXPECT_JSON(doc, "victim.outcome_contact", "phone call");
	EXPECT_JSON(doc, "victim.needs", "needs an interpreter");
	EXPECT_JSON(doc, "victim.support_offered.0", "helpline");
	EXPECT_JSON(doc, "victim.support_offered.1", "stopncii");
	assert_null(jfind(doc, "victim.support_offered.2"));
	EXPECT_JSON(doc, "concern.fears.0", "device-returned");
	EXPECT_JSON(doc, "concern.fears.1", "further-sharing");
	assert_null(jfind(doc, "concern.fears.2"));
	EXPECT_JSON(doc, "concern.fear_other", "");
	EXPECT_JSON(doc, "concern.victim_words", "He said he would send them to my mum.\n"
		    "\xe2\x80\x9cI can\xe2\x80\x99t sleep.\xe2\x80\x9d");
	EXPECT_JSON(doc, "concern.impact", "I am scared.");
	EXPECT_JSON(doc, "items.0.position", "1");
	EXPECT_JSON(doc, "items.0.kind", "phone");
	EXPECT_JSON(doc, "items.0.description", "Black iPhone 12");
	EXPECT_JSON(doc, "items.0.owner", "defendant");
	EXPECT_JSON(doc, "items.0.owner_detail", "");
	EXPECT_JSON(doc, "items.0.seized", "yes");
	EXPECT_JSON(doc, "items.0.exhibit_ref", "AB/1");
	EXPECT_JSON(doc, "items.0.how_used.0", "took");
	EXPECT_JSON(doc, "items.0.how_used.1", "stored");
	assert_null(jfind(doc, "items.0.how_used.2"));
	EXPECT_JSON(doc, "items.0.examined", "yes");
	EXPECT_JSON(doc, "items.0.value_estimate", "1200");
	EXPECT_JSON(doc, "items.0.effect", "his work phone");
	EXPECT_JSON(doc, "items.0.lawful_data", "yes");
	EXPECT_JSON(doc, "items.0.held_by", "police");
	EXPECT_JSON(doc, "items.1.position", "2");
	EXPECT_JSON(doc, "items.1.kind", "laptop");
	EXPECT_JSON(doc, "items.1.description", "Family laptop");
	EXPECT_JSON(doc, "items.1.owner", "shared");
	EXPECT_JSON(doc, "items.1.owner_detail", "his sister");
	EXPECT_JSON(doc, "items.1.value_estimate", "null");
	assert_null(jfind(doc, "items.2"));
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
	expect_text(t, "Zo\xc3\xab");
	/* Not left yet: only the signal can save it. */
	h_kill(t, SIGHUP);
	expect_exit(t, 0);

	start(t, NULL, NULL, NULL);
	expect_text(t, "01/AB/12345/26");
	h_key(t, H_ENTER);
	expect_text(t, "Step 2 of 7: Victim, consent and safety");
	expect_text(t, "VR-9");
	expect_text(t, "Zo\xc3\xab");
	/* Step 1 was complete; step 2 is begun, not done. */
	expect_text(t, "1 Case          \xe2\x9c\x93 done");
	expect_text(t, "2 Victim        \xe2\x80\xa6 todo");
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
	expect_text(t, "\xc5\x81ukasz Wr\xc3\xb3");
	h_resize(t, 20, 60);
	expect_text(t, "too small");
	expect_no_text(t, "\xc5\x81ukasz");
	h_resize(t, 24, 80);
	expect_text(t, "Defendant         \xc5\x81ukasz Wr\xc3\xb3");
	/* The cursor is back where the typing stopped, and typing goes on. */
	h_cursor_pos(t, &row, &col);
	assert_int_equal(col, 26 + 19 + 10);
	h_send(t, "bel");
	expect_text(t, "Defendant         \xc5\x81ukasz Wr\xc3\xb3" "bel");
	h_cursor_pos(t, &row, &col);
	assert_int_equal(col, 26 + 19 + 13);
	/* Word movement and deleting by character, by width. */
	h_key(t, H_CLEFT);
	h_key(t, H_DEL);
	expect_text(t, "\xc5\x81ukasz r\xc3\xb3" "bel");
	h_key(t, H_BACKSPACE);
	expect_text(t, "\xc5\x81ukaszr\xc3\xb3" "bel");
}

/* ---- (d) wrong values show their messages beside the field ---- */

static void test_messages__wrong_urn_and_date(void **state)
{
	struct h_term *t = *state;

	start(t, NULL, NULL, NULL);
	new_case(t, "01/AB/123");
	expect_text(t, "URN '01/AB/123': it has 3");
	keys(t, H_TAB, 5);                /* defendant, court, offences, stage, date */
	h_send(t, "31/02/2026");
	expect_text(t, "31/02/2026 is not a date:");
	expect_text(t, "February 2026 has 28 days");
	/* Moving on leaves the message on screen. */
	h_key(t, H_TAB);
	expect_text(t, "31/02/2026 is not a date:");
	/* Leaving the step asks; "no" goes back to the first to fix. */
	h_key(t, H_PGDN);
	expect_text(t, "2 fields are not valid: fix them, or press d to discard");
	h_key(t, H_ENTER);
	expect_no_text(t, "fields are not valid");
	expect_text(t, "Step 1 of 7: Case");
	expect_text(t, "URN '01/AB/123': it has 3");
	/* Fixed, the message goes; the other one stays until it is fixed. */
	h_send(t, "\x15" "01/AB/12345/26");
	expect_no_text(t, "URN '01/AB/123'");
	h_key(t, H_PGDN);
	expect_text(t, "1 field is not valid: fix it, or press d to discard that change");
	h_key(t, H_ENTER);
	expect_text(t, "31/02/2026 is not a date:");
	h_send(t, "\x15" "28/02/2026");
	expect_no_text(t, "is not a date");
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
	expect_text(t, "None yet. Press a to add");
	h_send(t, "a");
	expect_text(t, "new item 1");
	h_key(t, H_RIGHT);
	expect_text(t, "(\xe2\x80\xa2) phone");
	h_key(t, H_ESC);
	expect_text(t, "1. Phone");
	h_send(t, "a");
	expect_text(t, "new item 2");
	keys(t, H_RIGHT, 2);
	expect_text(t, "(\xe2\x80\xa2) laptop");
	h_key(t, H_ESC);
	expect_text(t, "2. Laptop");

	h_send(t, "d");
	expect_text(t, "Delete item 2 (Laptop)? y/N");
	h_send(t, "n");
	expect_no_text(t, "Delete item 2");
	expect_text(t, "2. Laptop");
	h_send(t, "d");
	expect_text(t, "Delete item 2 (Laptop)? y/N");
	h_key(t, H_ENTER);                /* the default: no */
	expect_no_text(t, "Delete item 2");
	expect_text(t, "2. Laptop");
	h_send(t, "d");
	expect_text(t, "Delete item 2 (Laptop)? y/N");
	h_send(t, "y");
	expect_no_text(t, "2. Laptop");
	expect_text(t, "1. Phone");
	next_step(t, "Step 6 of 7");
	h_key(t, H_ESC);
	expect_text(t, "01/AB/22222/26");
	h_send(t, "q");
	expect_exit(t, 0);

	doc = show_json(t, "01/AB/22222/26");
	EXPECT_JSON(doc, "items.0.kind", "phone");
	assert_null(jfind(doc, "items.1"));
	free(doc);
}

/* ---- (f) NO_COLOR: no colour anywhere in the interview ---- */

static void test_colour__no_color_interview(void **state)
{
	const char *env[] = { TODAY, "NO_COLOR=1", NULL };
	struct h_term *t = *state;

	start(t, NULL, NULL, env);
	new_case(t, "01/AB/1");
	expect_text(t, "URN '01/AB/1'");  /* a message, drawn as an error */
	assert_false(h_any_colour(t));
	h_send(t, "\x15" "01/AB/33333/26");
	next_step(t, "Step 2 of 7");
	expect_text(t, "You might say:");
	assert_false(h_any_colour(t));
	h_send(t, "\x0e\x0e\x0e");          /* Ctrl-N: on to step 5 */
	expect_text(t, "Step 5 of 7");
	h_send(t, "a");
	expect_text(t, "new item 1");
	h_key(t, H_RIGHT);
	h_key(t, H_ESC);
	expect_text(t, "1. Phone");       /* highlighted in the list */
	h_send(t, "d");
	expect_text(t, "Delete item 1 (Phone)? y/N");
	if (h_any_colour(t))
		h_dump(t, "NO_COLOR");
	assert_false(h_any_colour(t));
}

/* ---- (g) the help screen lists every key, also from a text field ---- */

static void test_help__from_a_text_field_lists_every_key(void **state)
{
	struct h_term *t = *state;

	start(t, NULL, NULL, NULL);
	new_case(t, "01/AB/");
	/* In a text field '?' is text; F1 still opens help. */
	h_send(t, "?");
	expect_text(t, "01/AB/?");
	h_key(t, H_F1);
	expect_text(t, h_keys[0].doc);
	assert_int_equal(h_help_missing(t), 0);
	h_key(t, H_ESC);
	expect_text(t, "01/AB/?");
	expect_text(t, "Step 1 of 7: Case");
}

/* ---- (h) two officers, one case: the second save is refused ---- */

static void test_conflict__second_save_refused(void **state)
{
	struct h_term *t = *state, *t2 = NULL;
	const char *add[] = { "--db", h_db(t), "staff", "add", "bob", "--name", "Bob Brown",
			      "--role", "officer", NULL };
	const char *imp[] = { "--db", h_db(t), "import", "data/examples/sharing.ini", NULL };
	const char *me = getenv("USER");
	char out[4096], urn_row[32];
	int rc;

	rc = h_run(t, add, NULL, out, sizeof out);
	if (rc)
		fail_msg("staff add exited %d: %s", rc, out);
	rc = h_run(t, imp, NULL, out, sizeof out);
	if (rc)
		fail_msg("import exited %d: %s", rc, out);
	t2 = h_new();
	assert_non_null(t2);

	start(t, NULL, NULL, NULL);
	start(t2, h_db(t), "bob", NULL);
	expect_text(t, "Victim ref");
	expect_text(t2, "Victim ref");
	snprintf(urn_row, sizeof urn_row, "%s", "Step 1 of 7: Case");
	/* An imported case opens at Review (every step came from the file);
	 * looking at Review saves nothing, so both can go to step 1. */
	h_key(t, H_ENTER);
	h_key(t2, H_ENTER);
	expect_text(t, "Step 7 of 7: Review");
	expect_text(t2, "Step 7 of 7: Review");
	h_send(t, "1");
	h_send(t2, "1");
	expect_text(t, urn_row);
	expect_text(t2, urn_row);

	/* The first officer changes the defendant's name and moves on. */
	h_key(t, H_TAB);
	h_send(t, "\x15" "Alan Adams");
	next_step(t, "Step 2 of 7");

	/* The second, who opened the case before that, is refused. */
	h_key(t2, H_TAB);
	h_send(t2, "\x15" "Bob Typed This");
	h_key(t2, H_PGDN);
	expect_text(t2, "Not saved");
	expect_text(t2, "was changed by");
	if (me && *me)
		expect_text(t2, me);
	expect_text(t2, "Step 1 of 7: Case");
	expect_text(t2, "Defendant         Bob Typed This");

	/* Esc asks before anything typed is given up; no keeps it. */
	h_key(t2, H_ESC);
	expect_text(t2, "Leave without saving? y/N");
	h_send(t2, "n");
	expect_text(t2, "Defendant         Bob Typed This");
	h_free(t2);

	h_key(t, H_ESC);
	expect_text(t, "Victim ref");
	h_send(t, "q");
	expect_exit(t, 0);
	{
		char *doc = show_json(t, "14/WC/20417/26");

		EXPECT_JSON(doc, "defendant", "Alan Adams");
		free(doc);
	}
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

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
	};

	return cmocka_run_group_tests_name("e2e-interview", tests, NULL, NULL);
}
