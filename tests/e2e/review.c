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
#define JSON_MAX 65536

static const char *const env_today[] = { TODAY, NULL };

/* dorn with args after --db DB, which must exit 0. */
static int run_ok(struct h_term *t, const char *const *args)
{
	const char *argv[16] = { "--db", h_db(t) };
	char out[4096];
	size_t i;
	int rc;

	for (i = 0; args[i] && i + 3 < sizeof argv / sizeof argv[0]; i++)
		argv[i + 2] = args[i];
	argv[i + 2] = NULL;
	rc = h_run(t, argv, env_today, out, sizeof out);
	if (rc)
		fprintf(stderr, "dorn %s %s exited %d:\n%s\n", args[0], args[1] ? args[1] : "", rc,
			out);
	return rc;
}

/* init (the caller is a supervisor), then an officer and a supervisor;
 * case_owner imports case_file. */
static int setup_with(void **state, const char *case_owner, const char *case_file)
{
	const char *init[] = { "init", NULL };
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *sup[] = { "staff", "add", "sup", "--name", "Sam Supervisor", "--role",
			      "supervisor", NULL };
	const char *imp[] = { "--as", case_owner, "import", case_file, NULL };
	struct h_term *t = h_new();

	if (!t)
		return -1;
	if (run_ok(t, init) || run_ok(t, ofc) || run_ok(t, sup) || run_ok(t, imp)) {
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

static int teardown(void **state)
{
	h_free(*state);
	return 0;
}

/* Waits for the text, then for the update that drew it to finish, so the
 * next key goes to a program that is reading keys again. */
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

static void expect_exit(struct h_term *t, int want)
{
	int got = h_wait_exit(t, H_TIMEOUT_MS);

	if (got != want) {
		h_dump(t, "exit");
		fail_msg("exit status %d, wanted %d (negative: killed by that signal)", got, want);
	}
}

/* dorn --db DB --as LOGIN on an 80x24 terminal, at the case list. */
static void start_as(struct h_term *t, const char *login)
{
	const char *args[] = { "--db", h_db(t), "--as", login, NULL };

	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
	expect_text(t, "Victim ref");
}

/* Esc from a screen over the case list, which then shows word. */
static void back_to_list(struct h_term *t, const char *word)
{
	h_key(t, H_ESC);
	expect_text(t, "Victim ref");
	expect_text(t, word);
}

static void quit_from_list(struct h_term *t)
{
	h_send(t, "q");
	expect_exit(t, 0);
}

/* ---- a small reader for `dorn show --format json` ---- */

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

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

/* The raw value at path ("note.status") of nested objects, as written:
 * a string with its quotes, or a number. "(missing)" when absent. */
static void jraw(const char *doc, const char *path, char *out, size_t outn)
{
	const char *p = ws(doc), *dot, *k, *e;
	size_t n;
	int match;

	while (*path) {
		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		if (*p != '{')
			goto missing;
		p = ws(p + 1);
		for (;;) {
			if (*p != '"')
				goto missing;
			k = p + 1;
			p = skip_string(p);
			match = (size_t)(p - 1 - k) == n && !strncmp(k, path, n);
			p = ws(p);
			if (*p != ':')
				goto missing;
			p = ws(p + 1);
			if (match)
				break;
			p = ws(skip_value(p));
			if (*p != ',')
				goto missing;
			p = ws(p + 1);
		}
		path += n + (dot != NULL);
	}
	e = skip_value(p);
	snprintf(out, outn, "%.*s", (int)(e - p), p);
	return;
missing:
	snprintf(out, outn, "(missing)");
}

static void expect_json(struct h_term *t, const char *urn, const char *path,
			const char *want)
{
	const char *args[] = { "--db", h_db(t), "show", urn, "--format", "json", NULL };
	char *doc = calloc(1, JSON_MAX), got[256];
	int rc;

	assert_non_null(doc);
	rc = h_run_stdout(t, args, env_today, doc, JSON_MAX);
	if (rc)
		fail_msg("dorn show exited %d:\n%s", rc, doc);
	jraw(doc, path, got, sizeof got);
	free(doc);
	if (strcmp(got, want))
		fail_msg("%s: got %s, wanted %s", path, got, want);
}

/* ---- the keys the review added, on the help screen ---- */

static const char *const review_docs[] = {
	"Open the review queue (supervisors only)",
	"On the review step: submit the note for review",
	"Read the highlighted note in full",
	"Approve the note (a comment is optional)",
	"Return the note to its officer with a comment",
	"Confirm the comment (Esc cancels)",
};
#define NDOCS (sizeof review_docs / sizeof review_docs[0])

static void expect_help_lists_review_keys(struct h_term *t)
{
	int seen[NDOCS] = { 0 }, page;
	size_t i, missing = 0;

	h_send(t, "?");
	expect_text(t, "Help: keys");
	for (page = 0; page < 6; page++) {
		for (i = 0; i < NDOCS; i++)
			seen[i] |= h_screen_contains(t, review_docs[i]);
		h_key(t, H_PGDN);
		assert_true(h_wait_idle(t));
	}
	for (i = 0; i < NDOCS; i++)
		if (!seen[i]) {
			fprintf(stderr, "help never showed: %s\n", review_docs[i]);
			missing++;
		}
	assert_int_equal(missing, 0);
	h_key(t, H_ESC);
	expect_text(t, "Victim ref");
}

/* ---- (a) officer -> supervisor -> officer -> supervisor ---- */

static void officer_submits(struct h_term *t, const char *submitted)
{
	h_send(t, "s");
	expect_text(t, submitted);
	expect_text(t, "a supervisor will review it.");
}

/* The supervisor opens the first note in the queue, which is heading. */
static void supervisor_opens_first(struct h_term *t, const char *heading)
{
	start_as(t, "sup");
	h_send(t, "r");
	expect_text(t, "Review queue");
	expect_text(t, "Olu Officer");
	expect_text(t, "URGENT");
	expect_text(t, "sentencing in 6 days");
	h_key(t, H_ENTER);
	expect_text(t, heading);
	expect_text(t, "Marcus Threlfall");  /* the note's text, not a summary */
}

static void test_loop__return_correct_resubmit_approve(void **state)
{
	struct h_term *t = *state;
	const char *verify[] = { "audit", "--verify", NULL };

	/* The officer submits the imported case's note. */
	start_as(t, "ofc");
	expect_text(t, URN);
	h_key(t, H_ENTER);
	expect_text(t, "Step 7 of 7: Review");
	expect_text(t, "Draft version 1, not submitted yet");
	officer_submits(t, "Submitted as version 1");
	expect_text(t, "Version 1 was submitted on");
	back_to_list(t, "submitted");
	quit_from_list(t);

	/* The supervisor returns it; an empty comment is refused first. */
	supervisor_opens_first(t, URN " v1 by Olu Officer");
	h_send(t, "t");
	expect_text(t, "Return. Comment (needed):");
	h_key(t, H_ENTER);
	expect_text(t, "A returned note needs a comment");
	h_send(t, COMMENT);
	expect_text(t, COMMENT);
	h_key(t, H_ENTER);
	expect_text(t, "Returned " URN " version 1");
	expect_text(t, "No notes are waiting for review.");
	back_to_list(t, "RETURNED");
	quit_from_list(t);

	/* The officer sees RETURNED and why, corrects step 1 and submits
	 * again. */
	start_as(t, "ofc");
	expect_text(t, "RETURNED");
	h_key(t, H_ENTER);
	expect_text(t, "Step 7 of 7: Review");
	expect_text(t, "RETURNED by Sam Supervisor");
	expect_text(t, COMMENT);
	/* Nothing changed since the return: submitting again is refused. */
	h_send(t, "s");
	expect_text(t, "Not submitted:");
	h_send(t, "1");
	expect_text(t, "Step 1 of 7: Case");
	h_key(t, H_TAB);
	h_key(t, H_TAB);
	h_send(t, "\x15" "Eastbridge Crown Court");
	expect_text(t, "Eastbridge Crown Court");
	h_key(t, H_TAB);                     /* off the text: digits go to steps */
	h_send(t, "7");
	expect_text(t, "Draft version 2, not submitted yet");
	expect_text(t, COMMENT);             /* what came back stays in view */
	officer_submits(t, "Submitted as version 2");
	back_to_list(t, "submitted");
	quit_from_list(t);

	/* The supervisor approves version 2 without a comment. */
	supervisor_opens_first(t, URN " v2 by Olu Officer");
	expect_text(t, "Eastbridge Crown Court");
	h_send(t, "a");
	expect_text(t, "Approve. Comment (optional):");
	h_key(t, H_ENTER);
	expect_text(t, "Approved " URN " version 2");
	expect_text(t, "No notes are waiting for review.");
	back_to_list(t, "approved");
	quit_from_list(t);

	/* The officer's review step: approved, and the history. */
	start_as(t, "ofc");
	h_key(t, H_ENTER);
	expect_text(t, "Version 2 was approved by Sam Supervisor");
	expect_text(t, "Version 1: RETURNED");
	back_to_list(t, "approved");
	quit_from_list(t);

	assert_int_equal(run_ok(t, verify), 0);
	expect_json(t, URN, "note.status", "\"approved\"");
	expect_json(t, URN, "note.version", "2");
	expect_json(t, URN, "court", "\"Eastbridge Crown Court\"");
}

/* ---- (b) an officer has no queue ---- */

static void test_queue__officer_is_told_only_supervisors_review(void **state)
{
	struct h_term *t = *state;

	start_as(t, "ofc");
	h_send(t, "r");
	expect_text(t, "Only a supervisor can review notes.");
	expect_no_text(t, "Review queue");
	expect_text(t, URN);
	expect_help_lists_review_keys(t);
	quit_from_list(t);
}

/* ---- (c) nobody approves their own note ---- */

static void test_queue__supervisor_cannot_approve_own_note(void **state)
{
	struct h_term *t = *state;

	start_as(t, "sup");
	expect_text(t, OWN_URN);
	h_key(t, H_ENTER);
	expect_text(t, "Step 7 of 7: Review");
	officer_submits(t, "Submitted as version 1");
	h_key(t, H_ESC);
	expect_text(t, "submitted");
	h_send(t, "r");
	expect_text(t, "Sam Supervisor");
	h_key(t, H_ENTER);
	expect_text(t, OWN_URN " v1 by Sam Supervisor");
	h_send(t, "a");
	expect_text(t, "Approve. Comment (optional):");
	h_key(t, H_ENTER);
	expect_text(t, "Not approved:");
	/* Still the note, still in the queue behind it. */
	expect_text(t, OWN_URN " v1 by Sam Supervisor");
	expect_no_text(t, "Approve. Comment");
	h_key(t, H_ESC);
	expect_text(t, "Sam Supervisor");
	back_to_list(t, "submitted");
	quit_from_list(t);
	expect_json(t, OWN_URN, "note.status", "\"submitted\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_loop__return_correct_resubmit_approve,
						setup_officer_case, teardown),
		cmocka_unit_test_setup_teardown(
			test_queue__officer_is_told_only_supervisors_review,
			setup_officer_case, teardown),
		cmocka_unit_test_setup_teardown(test_queue__supervisor_cannot_approve_own_note,
						setup_supervisor_case, teardown),
	};

	return cmocka_run_group_tests_name("e2e-review", tests, NULL, NULL);
}
