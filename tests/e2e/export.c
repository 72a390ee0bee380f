/* Journeys through export to the case file from the terminal, on one
 * private database per test: an officer (ofc) whose names.ini note a
 * supervisor (sup) approved, and sharing.ini's note left as a draft. A
 * configuration in the test folder sends exports to <folder>/casefile for
 * "CPS Northmoor". The officer exports from the Review step and the files,
 * checksums and audit row are checked on disk; a draft is refused and Esc
 * cancels, both writing nothing; the supervisor's queue refuses a note
 * that was never approved. Every step waits for text, never for time. */
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
#define URN "62/LM/4401923/26"
#define URN_DIR "62LM440192326"
#define REF "WC-2026-1010"          /* names.ini's victim reference */
#define DRAFT_URN "14/WC/20417/26"
#define DRAFT_DIR "14WC2041726"
#define DRAFT_REF "WC-2026-0142"    /* sharing.ini's */
#define RECIPIENT FX_RECIPIENT
#define REASON "sentencing bundle"
#define OUT_MAX 65536

static const char *const env_today[] = { TODAY, NULL };

static const char *const exts[] = { "txt", "pdf", "json" };
#define NEXTS (sizeof exts / sizeof exts[0])

/* names.ini's note submitted and approved; sharing.ini's stays a draft. */
static int setup(void **state)
{
	static const char *const submit[] = { URN, NULL };

	return fx_setup(state, submit, URN);
}

static int teardown(void **state)
{
	return fx_teardown(state);
}

/* The screen's row holding label also holds value. */
static void expect_on_row(struct h_term *t, const char *label, const char *value)
{
	int r;

	for (r = 0; r < h_rows(t); r++)
		if (strstr(h_row_text(t, r), label) && strstr(h_row_text(t, r), value))
			return;
	h_dump(t, label);
	fail_msg("no row shows \"%s\" with \"%s\"", label, value);
}

/* dorn --config CONFIG --db DB --as login on an 80x24 terminal. */
static void start_as(struct fx *f, const char *login)
{
	const char *args[] = { "--config", f->config, "--db", h_db(f->t), "--as", login, NULL };

	assert_int_equal(h_spawn(f->t, args, env_today, 24, 80), 0);
	h_expect_text(f->t, "Victim ref");
}

/* Find the case by its victim reference and open it: an imported case
 * opens at its Review step. */
static void open_case(struct h_term *t, const char *ref, const char *urn)
{
	h_send(t, "/");
	h_send(t, ref);
	h_expect_text(t, ref);
	h_key(t, H_ENTER);
	h_expect_text(t, "Step 7 of 7: Review");
	expect_on_row(t, "Step 7 of 7: Review", urn);
}

static void quit(struct h_term *t)
{
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* No folder for the export was made, and the audit log has no disclosure. */
static void expect_nothing_exported(struct fx *f)
{
	const char *audit[] = { "audit", "--format", "csv", NULL };
	char *csv = calloc(1, OUT_MAX);

	if (exists(f->casefile))
		fail_msg("%s exists: something was exported", f->casefile);
	assert_non_null(csv);
	assert_int_equal(h_run_ok(f->t, audit, env_today, csv, OUT_MAX), 0);
	if (strstr(csv, ",disclose,"))
		fail_msg("the audit log has a disclosure:\n%s", csv);
	free(csv);
}

/* ---- (a) the approved note, from the Review step, onto disk ---- */

static void expect_files(struct fx *f)
{
	char path[4096 + 64], dir[4096 + 16];
	struct stat st;
	size_t i;

	snprintf(dir, sizeof dir, "%s/" URN_DIR, f->casefile);
	for (i = 0; i < NEXTS; i++) {
		snprintf(path, sizeof path, "%s/" URN_DIR "-deprivation-note-v1.%s", dir, exts[i]);
		if (stat(path, &st))
			fail_msg("%s was not written", path);
		if ((st.st_mode & 07777) != 0600)
			fail_msg("%s has mode %04o, wanted 0600", path,
				 (unsigned)(st.st_mode & 07777));
	}
	snprintf(path, sizeof path, "%s/SHA256SUMS", dir);
	assert_true(exists(path));
}

static void expect_verified(struct fx *f)
{
	char dir[4096 + 16], out[4096];
	const char *verify[] = { "verify", dir, NULL };

	snprintf(dir, sizeof dir, "%s/" URN_DIR, f->casefile);
	assert_int_equal(h_run_ok(f->t, verify, env_today, out, sizeof out), 0);
}

/* One disclose row, to the recipient, with the reason. */
static void expect_disclosure(struct fx *f)
{
	const char *audit[] = { "audit", "--format", "csv", NULL };
	char *csv = calloc(1, OUT_MAX), *line, *save = NULL;
	int found = 0;

	assert_non_null(csv);
	assert_int_equal(h_run_ok(f->t, audit, env_today, csv, OUT_MAX), 0);
	for (line = strtok_r(csv, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (strstr(line, ",ofc,disclose,") && strstr(line, "," RECIPIENT ",") &&
		    strstr(line, REASON) && strstr(line, URN_DIR "-deprivation-note-v1.pdf"))
			found++;
	if (found != 1)
		fail_msg("%d disclose rows to " RECIPIENT " with the reason, wanted 1", found);
	free(csv);
}

static void test_export__officer_exports_approved_note(void **state)
{
	struct fx *f = *state;
	struct h_term *t = f->t;
	size_t i;
	char name[64];

	start_as(f, "ofc");
	open_case(t, REF, URN);
	h_expect_text(t, "Press e to export it to the case file.");
	h_send(t, "e");
	h_expect_text(t, "Export to the case file: " URN);
	h_expect_text(t, "approved by Sam Supervisor");
	expect_on_row(t, "Recipient:", RECIPIENT);
	h_key(t, H_TAB);
	h_send(t, REASON);
	h_expect_text(t, REASON);
	expect_on_row(t, "Reason (optional):", REASON);
	h_key(t, H_ENTER);
	h_expect_text(t, "Exported: Esc goes back");
	h_expect_said(t, "The approved note for " URN " was exported to the case file.");
	h_expect_text(t, "Recipient: " RECIPIENT);
	h_expect_text(t, "Reason: " REASON);
	for (i = 0; i < NEXTS; i++) {
		snprintf(name, sizeof name, URN_DIR "-deprivation-note-v1.%s", exts[i]);
		expect_on_row(t, "Wrote", name);
	}
	expect_on_row(t, "Checksums", "SHA256SUMS");
	h_expect_text(t, "dorn verify ");
	h_key(t, H_ESC);
	h_expect_text(t, "Step 7 of 7: Review");
	quit(t);

	expect_files(f);
	expect_verified(f);
	expect_disclosure(f);
}

/* ---- (b) a draft is refused, and writes nothing ---- */

static void test_export__draft_is_refused(void **state)
{
	struct fx *f = *state;
	struct h_term *t = f->t;
	char dir[4096 + 16];

	start_as(f, "ofc");
	open_case(t, DRAFT_REF, DRAFT_URN);
	h_expect_text(t, "Draft version 1");
	h_send(t, "e");
	h_expect_text(t, DRAFT_URN " has no approved note");
	h_expect_said(t, "Only an approved note can be exported here");
	h_expect_said(t, "dorn export " DRAFT_URN " --draft exports a draft");
	h_expect_no_text(t, "Export to the case file:");
	h_expect_no_text(t, "Recipient:");
	h_expect_text(t, "Step 7 of 7: Review");
	quit(t);

	snprintf(dir, sizeof dir, "%s/" DRAFT_DIR, f->casefile);
	if (exists(dir))
		fail_msg("%s exists after a refused export", dir);
	expect_nothing_exported(f);
}

/* ---- (c) Esc in the dialog cancels; the keys are in the help ---- */

static const char *const export_docs[] = {
	"Export the approved note to the case file",
	"Next field; on the reason, export (Esc cancels)",
	"Move between the recipient and the reason",
};
#define NDOCS (sizeof export_docs / sizeof export_docs[0])

static void test_export__esc_cancels(void **state)
{
	struct fx *f = *state;
	struct h_term *t = f->t;

	start_as(f, "ofc");
	open_case(t, REF, URN);
	h_send(t, "e");
	h_expect_text(t, "Export to the case file: " URN);
	h_expect_text(t, "Enter on the reason exports");
	h_key(t, H_TAB);
	h_send(t, "not yet");
	h_expect_text(t, "not yet");
	expect_on_row(t, "Reason (optional):", "not yet");
	h_key(t, H_ESC);
	h_expect_text(t, "Nothing was exported.");
	h_expect_text(t, "Step 7 of 7: Review");
	h_expect_no_text(t, "Export to the case file:");
	h_expect_help_lists(t, export_docs, NDOCS);
	h_expect_text(t, "Step 7 of 7: Review");
	quit(t);

	expect_nothing_exported(f);
}

/* ---- (d) the review queue: e on a note never approved ---- */

static void test_export__queue_refuses_unapproved_note(void **state)
{
	struct fx *f = *state;
	struct h_term *t = f->t;
	const char *submit[] = { "--as", "ofc", "submit", DRAFT_URN, NULL };

	assert_int_equal(h_run_ok(t, submit, env_today, NULL, 0), 0);
	start_as(f, "sup");
	h_send(t, "r");
	h_expect_text(t, "Review queue");
	h_expect_text(t, DRAFT_URN);
	h_send(t, "e");
	h_expect_text(t, DRAFT_URN " has no approved note");
	h_key(t, H_ENTER);
	h_expect_text(t, DRAFT_URN " v1 by Olu Officer");
	h_send(t, "e");
	h_expect_text(t, DRAFT_URN " has no approved note");
	h_expect_no_text(t, "Recipient:");
	h_key(t, H_ESC);
	h_expect_text(t, "Review queue");
	quit(t);

	expect_nothing_exported(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export__officer_exports_approved_note,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_export__draft_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export__esc_cancels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export__queue_refuses_unapproved_note,
						setup, teardown),
	};

	return cmocka_run_group_tests_name("e2e-export", tests, NULL, NULL);
}
