/* Journeys for reading what matters (issue 11, parts 5 and 6), on one
 * private database per test with an officer (ofc) and a supervisor (sup)
 * acting through --as, at 80x24:
 * - a note returned with a 600-character comment opens on its Review step
 *   with the comment's first and last words on screen, with no key to
 *   scroll;
 * - the return comment, typed from the queue's list with t, holds two
 *   lines (Enter adds a line, Ctrl-D sends, as the footer says);
 * - e on the case list exports the highlighted case's approved note,
 *   saying the folder before anything is written, then writes it;
 * - the case list and a search typed into it are one consult row each in
 *   the audit log, without the search's text (issue 12).
 * Today is pinned; every step waits for text, never for time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "fx_export.h"

#define TODAY "DORN_TODAY=2026-11-28"
#define URN "14/WC/20417/26"         /* sharing.ini */
#define REF "WC-2026-0142"
#define OK_URN "62/LM/4401923/26"    /* names.ini: approved in the export test */
#define OK_DIR "62LM440192326"
#define OK_REF "WC-2026-1010"
#define RECIPIENT FX_RECIPIENT
#define FIRST_WORD "Bramblecote"
#define LAST_WORD "Quillanfold"
#define LINE1 "Please add the exhibit number."
#define LINE2 "Then say who holds the laptop now."
#define CTRL_D "\x04"

static const char *const env_today[] = { TODAY, NULL };

/* sharing.ini's note submitted; names.ini's submitted and approved. */
static int setup(void **state)
{
	static const char *const submit[] = { URN, OK_URN, NULL };

	return fx_setup(state, submit, OK_URN);
}

static int teardown(void **state)
{
	return fx_teardown(state);
}

static void start_as(struct fx *f, const char *login)
{
	const char *args[] = { "--config", f->config, "--db", h_db(f->t), "--as", login, NULL };

	assert_int_equal(h_spawn(f->t, args, env_today, 24, 80), 0);
	h_expect_text(f->t, "Victim ref");
}

static void quit_from_list(struct h_term *t)
{
	h_send(t, "q");
	h_expect_exit(t, 0);
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* ---- (a) a long return comment, whole, at 80x24 ---- */

/* The first row showing s, or -1. */
static int row_of(struct h_term *t, const char *s)
{
	int r;

	for (r = 0; r < h_rows(t); r++)
		if (strstr(h_row_text(t, r), s))
			return r;
	return -1;
}

/* About 600 characters, from FIRST_WORD to LAST_WORD. */
static void long_comment(char *out, size_t n)
{
	static const char *const middle =
		"the exhibit list does not match the devices the victim named, so "
		"check each one against the property log before this goes again; ";
	size_t used;

	snprintf(out, n, FIRST_WORD ": ");
	while ((used = strlen(out)) + strlen(middle) < 580)
		snprintf(out + used, n - used, "%s", middle);
	while ((used = strlen(out)) + strlen("then ask " LAST_WORD) < 594)
		snprintf(out + used, n - used, "%s", "again ");
	snprintf(out + used, n - used, "then ask " LAST_WORD);
}

static void test_returned__whole_comment_on_review_step(void **state)
{
	struct fx *f = *state;
	struct h_term *t = f->t;
	char comment[1024];
	int first;
	const char *ret[] = { "--as", "sup", "review", "return", URN, "--comment", comment,
			      NULL };

	/* The review step draws the comment across the screen above the
	 * form, before the step list and what is still missing. */
	long_comment(comment, sizeof comment);
	assert_true(strlen(comment) >= 595 && strlen(comment) <= 605);
	assert_int_equal(h_run_ok(t, ret, env_today, NULL, 0), 0);

	start_as(f, "ofc");
	h_send(t, "/");
	h_send(t, REF);
	h_expect_text(t, "RETURNED");
	h_key(t, H_ENTER);
	h_expect_text(t, "Step 7 of 7: Review");
	/* No key pressed since: the comment's first and last words show. */
	h_expect_text(t, "RETURNED by Sam Supervisor");
	h_expect_text(t, FIRST_WORD);
	h_expect_text(t, LAST_WORD);
	/* The comment itself, in order, under its heading: not only the start
	 * of it in the list of versions. */
	first = row_of(t, "RETURNED by Sam Supervisor");
	if (first < 0 || row_of(t, FIRST_WORD) <= first ||
	    row_of(t, LAST_WORD) < row_of(t, FIRST_WORD)) {
		h_dump(t, "the comment in full");
		fail_msg("the comment is not shown whole under its heading");
	}
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	quit_from_list(t);
}

/* ---- (b) the return comment holds two lines ---- */

static void test_return__comment_has_two_lines(void **state)
{
	struct fx *f = *state;
	struct h_term *t = f->t;
	char *doc, got[512];

	start_as(f, "sup");
	h_send(t, "r");
	h_expect_text(t, "Review queue");
	h_expect_text(t, URN);
	h_send(t, "t");
	h_expect_text(t, "Return. Comment (needed)");
	/* The footer says how the comment is sent. */
	h_expect_text(t, "Ctrl-D Send");
	h_send(t, LINE1);
	h_key(t, H_ENTER);          /* a new line, not sent */
	h_expect_text(t, LINE1);
	h_expect_no_text(t, "Returned " URN);
	h_send(t, LINE2);
	h_expect_text(t, LINE1);
	h_expect_text(t, LINE2);
	h_send(t, CTRL_D);
	h_expect_text(t, "Returned " URN " version 1");
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	quit_from_list(t);

	doc = h_show_json(t, URN, env_today);
	assert_int_equal(h_json(doc, "note.review_comment", got, sizeof got), H_JSON_STRING);
	free(doc);
	if (strcmp(got, LINE1 "\n" LINE2))
		fail_msg("the comment is \"%s\", wanted the two lines", got);
}

/* ---- (c) e on the case list: the folder first, then the files ---- */

/* The row of urn in the case list, counted from 0. */
static size_t list_index(struct h_term *t, const char *urn)
{
	const char *args[] = { "list", "--format", "csv", NULL };
	char out[8192], *at;
	size_t row = 0;
	const char *p;

	assert_int_equal(h_run_ok(t, args, env_today, out, sizeof out), 0);
	at = strstr(out, urn);
	assert_non_null(at);
	for (p = strchr(out, '\n'); p && p < at; p = strchr(p + 1, '\n'))
		row++;
	return row - 1; /* the first line names the columns */
}

static void test_export__from_case_list(void **state)
{
	struct fx *f = *state;
	struct h_term *t = f->t;
	char dir[4096 + 64], path[4096 + 128], said[4096 + 128];
	static const char *const exts[] = { "txt", "pdf", "json" };
	size_t i;

	snprintf(dir, sizeof dir, "%s/" OK_DIR, f->casefile);
	start_as(f, "ofc");
	h_expect_text(t, OK_URN);
	/* Down to its row, in the order dorn list gives (urgent first). */
	for (i = 0; i < list_index(t, OK_DIR); i++)
		h_key(t, H_DOWN);
	h_send(t, "e");
	h_expect_text(t, "Export to the case file: " OK_URN);
	/* Where the files will go, before anything is written. */
	snprintf(said, sizeof said, "Will write to %s/", dir);
	h_expect_said(t, said);
	if (exists(dir))
		fail_msg("%s exists before the export was confirmed", dir);
	h_key(t, H_TAB);
	h_key(t, H_ENTER);
	h_expect_text(t, "Exported: Esc goes back");
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	quit_from_list(t);

	for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		snprintf(path, sizeof path, "%s/" OK_DIR "-deprivation-note-v1.%s", dir, exts[i]);
		if (!exists(path))
			fail_msg("%s was not written", path);
	}
	snprintf(path, sizeof path, "%s/SHA256SUMS", dir);
	assert_true(exists(path));
}

/* How many audit rows' reasons contain text, by dorn audit --format csv. */
static int audit_rows_with(struct fx *f, const char *text)
{
	const char *args[] = { "audit", "--format", "csv", NULL };
	static char out[1 << 16];
	int n = 0;

	assert_int_equal(h_run_ok(f->t, args, env_today, out, sizeof out), 0);
	for (const char *p = out; (p = strstr(p, text)); p += strlen(text))
		n++;
	return n;
}

/* Reading the case list is recorded once per list or search shown, not per
 * key typed, and never with the search's text (a victim's name or words). */
static void test_list__one_consult_row_per_search(void **state)
{
	struct fx *f = *state;
	struct h_term *t = f->t;
	int listed = audit_rows_with(f, "listed cases");

	assert_int_equal(audit_rows_with(f, "searched the case list"), 0);
	start_as(f, "ofc");
	h_send(t, "/");
	h_send(t, "Thre");
	h_expect_text(t, "Thre");
	h_send(t, "lfall");
	h_expect_text(t, URN);
	h_key(t, H_ESC); /* typing ends: the search shown is recorded */
	h_expect_text(t, OK_URN);
	quit_from_list(t);
	assert_int_equal(audit_rows_with(f, "searched the case list (1 case matched)"), 1);
	assert_int_equal(audit_rows_with(f, "listed cases"), listed + 2);
	assert_int_equal(audit_rows_with(f, "Threlfall"), 0);
	assert_int_equal(audit_rows_with(f, "Thre"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_returned__whole_comment_on_review_step,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_return__comment_has_two_lines, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_export__from_case_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list__one_consult_row_per_search, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("e2e-reading", tests, NULL, NULL);
}
