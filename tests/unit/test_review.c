/* The note's status machine and every permission rule of review: the pure
 * rules first, then the four-eyes rule on a real temporary database, where
 * an author is anyone who changed the case or the version, whoever began
 * it, and review comments must be plain text. */
#include "apputil.h"

#include <sqlite3.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/review.h"
#include "dorn/store.h"

static const struct dorn_review_actor officer = { 0, 0 };
static const struct dorn_review_actor officer_author = { 0, 1 };
static const struct dorn_review_actor supervisor = { 1, 0 };
static const struct dorn_review_actor supervisor_author = { 1, 1 };

static int check(int status, int act, const struct dorn_review_actor *who, const char *comment,
		 struct dorn_err *err)
{
	dorn_err_clear(err);
	return dorn_review_check(status, act, who, comment, err);
}

static void test_machine__moves_go_where_they_should(void **state)
{
	(void)state;
	assert_int_equal(dorn_review_next(DORN_ACT_SUBMIT), DORN_NOTE_SUBMITTED);
	assert_int_equal(dorn_review_next(DORN_ACT_APPROVE), DORN_NOTE_APPROVED);
	assert_int_equal(dorn_review_next(DORN_ACT_RETURN), DORN_NOTE_RETURNED);
	for (int s = DORN_NOTE_DRAFT; s <= DORN_NOTE_RETURNED; s++)
		assert_int_equal(dorn_note_status_of(dorn_note_status_word(s)), s);
	assert_int_equal(dorn_note_status_of("lost"), DORN_NOTE_NONE);
	assert_int_equal(dorn_note_status_of(NULL), DORN_NOTE_NONE);
}

static void test_submit__only_a_draft(void **state)
{
	struct dorn_err err;

	(void)state;
	assert_int_equal(check(DORN_NOTE_DRAFT, DORN_ACT_SUBMIT, &officer_author, NULL, &err), 0);
	/* anyone may submit a draft, a supervisor too */
	assert_int_equal(check(DORN_NOTE_DRAFT, DORN_ACT_SUBMIT, &supervisor, NULL, &err), 0);
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_SUBMIT, &officer, NULL, &err),
			 DORN_ERULE);
	assert_non_null(strstr(err.msg, "waiting for review"));
	assert_int_equal(check(DORN_NOTE_APPROVED, DORN_ACT_SUBMIT, &officer, NULL, &err),
			 DORN_ERULE);
	assert_non_null(strstr(err.msg, "approved already"));
	assert_int_equal(check(DORN_NOTE_RETURNED, DORN_ACT_SUBMIT, &officer, NULL, &err),
			 DORN_ERULE);
	assert_non_null(strstr(err.msg, "change the case"));
	assert_int_equal(check(DORN_NOTE_NONE, DORN_ACT_SUBMIT, &officer, NULL, &err),
			 DORN_ERULE);
}

static void test_review__supervisors_only(void **state)
{
	struct dorn_err err;

	(void)state;
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_APPROVE, &officer, NULL, &err),
			 DORN_EPERM);
	assert_non_null(strstr(err.msg, "only a supervisor"));
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_RETURN, &officer, "fix it", &err),
			 DORN_EPERM);
	/* an officer is refused for the role even when the state is wrong too */
	assert_int_equal(check(DORN_NOTE_DRAFT, DORN_ACT_APPROVE, &officer, NULL, &err),
			 DORN_EPERM);
}

static void test_review__never_your_own_note(void **state)
{
	struct dorn_err err;

	(void)state;
	/* a rule (exit 69), not a matter of role: another supervisor may */
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_APPROVE, &supervisor_author, NULL,
			       &err), DORN_ERULE);
	assert_non_null(strstr(err.msg, "you wrote or changed this version"));
	assert_non_null(strstr(err.msg, "another supervisor"));
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_RETURN, &supervisor_author, "x",
			       &err), DORN_ERULE);
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_APPROVE, &supervisor, NULL, &err), 0);
}

static void test_review__only_a_submitted_note(void **state)
{
	struct dorn_err err;
	const int others[] = { DORN_NOTE_NONE, DORN_NOTE_DRAFT, DORN_NOTE_APPROVED,
			       DORN_NOTE_RETURNED };

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(check(others[i], DORN_ACT_APPROVE, &supervisor, NULL, &err),
				 DORN_ERULE);
		assert_int_equal(check(others[i], DORN_ACT_RETURN, &supervisor, "c", &err),
				 DORN_ERULE);
	}
	assert_int_equal(check(DORN_NOTE_APPROVED, DORN_ACT_RETURN, &supervisor, "c", &err),
			 DORN_ERULE);
	assert_non_null(strstr(err.msg, "approved already"));
}

static void test_return__needs_a_comment(void **state)
{
	struct dorn_err err;

	(void)state;
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_RETURN, &supervisor, NULL, &err),
			 DORN_EDATA);
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_RETURN, &supervisor, " \t\n", &err),
			 DORN_EDATA);
	assert_non_null(strstr(err.msg, "needs a comment"));
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_RETURN, &supervisor,
			       "Add the exhibit reference", &err), 0);
	/* approving needs none */
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_APPROVE, &supervisor, "", &err), 0);
}

/* ---- the four-eyes rule on a database: authors by what they changed ----
 * The fixture's own login (dorn init) is a supervisor nobody here uses;
 * ofc is an officer, sup and sup2 supervisors. */

#define URN "14/WC/20417/26"

static void as(struct fx *f, const char *login)
{
	struct dorn_err err;

	dorn_app_close(&f->app);
	f->o.as_login = login;
	assert_int_equal(dorn_app_configure(&f->app, &f->o, &err), 0);
	if (dorn_app_open(&f->app, &f->o, 0, &err))
		fail_msg("open as %s: %s", login, err.msg);
}

static void team(struct fx *f)
{
	static const struct {
		const char *login, *name;
		int role;
	} people[] = {
		{ "ofc", "Olu Officer", DORN_ROLE_OFFICER },
		{ "sup", "Sam Supervisor", DORN_ROLE_SUPERVISOR },
		{ "sup2", "Sue Second", DORN_ROLE_SUPERVISOR },
	};
	struct dorn_err err;

	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++)
		if (dorn_app_staff_add(&f->app, people[i].login, people[i].name, people[i].role,
				       NULL, &err))
			fail_msg("staff add %s: %s", people[i].login, err.msg);
}

/* The worked example sharing.ini, as it is or with another court. */
static void import(struct fx *f, int update, const char *court)
{
	char from[PATH_MAX], path[PATH_MAX], *files[1] = { path };
	const char *data = getenv("DORN_DATADIR");
	struct dorn_buf report;
	struct dorn_err err;
	FILE *in, *out;
	char line[1024];

	snprintf(from, sizeof from, "%s/examples/sharing.ini", data ? data : "data");
	snprintf(path, sizeof path, "%s/sharing.ini", f->dir);
	in = fopen(from, "r");
	out = fopen(path, "w");
	assert_non_null(in);
	assert_non_null(out);
	while (fgets(line, sizeof line, in)) {
		if (court && strncmp(line, "court = ", 8) == 0)
			fprintf(out, "court = %s\n", court);
		else
			fputs(line, out);
	}
	fclose(in);
	assert_int_equal(fclose(out), 0);
	dorn_buf_init(&report);
	if (dorn_app_import(&f->app, files, 1, update, &report, &err))
		fail_msg("import as %s: %s", f->app.login, err.msg);
	dorn_buf_fini(&report);
}

static int submit(struct fx *f, struct dorn_err *err)
{
	struct dorn_note n;
	int rc;

	dorn_err_clear(err);
	rc = dorn_app_submit(&f->app, URN, &n, err);
	if (!rc)
		dorn_note_fini(&n);
	return rc;
}

static int review(struct fx *f, int approve, const char *comment, struct dorn_err *err)
{
	dorn_err_clear(err);
	return dorn_app_review(&f->app, URN, approve, comment, err);
}

/* The case as stored, for the interview's save. */
static struct dorn_case *load(struct fx *f)
{
	struct dorn_case_view v;
	struct dorn_case *c = dorn_case_new();
	struct dorn_err err;

	assert_non_null(c);
	if (dorn_app_show(&f->app, URN, &v, &err))
		fail_msg("show: %s", err.msg);
	memcpy(c, v.c, sizeof *c);
	dorn_case_view_fini(&v);
	return c;
}

/* The latest version as dorn show reads it, without its text. */
static struct dorn_note latest(struct fx *f)
{
	struct dorn_case_view v;
	struct dorn_note n;
	struct dorn_err err;

	if (dorn_app_show(&f->app, URN, &v, &err))
		fail_msg("show: %s", err.msg);
	assert_true(v.has_note);
	n = v.note;
	n.body = NULL; /* v's to free */
	dorn_case_view_fini(&v);
	return n;
}

static void expect_authors(struct fx *f, const char *const *logins, size_t n)
{
	struct dorn_note v = latest(f);

	assert_int_equal(v.nauthors, n);
	assert_int_equal(v.authors_total, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v.authors[i].login, logins[i]);
}

/* Issue 12: a supervisor replaced the officer's draft with a case file,
 * submitted it and approved it, because only the note's first author
 * counted. Now the change makes them an author, and the refusal says
 * which change and when; a second supervisor who did not touch it can
 * approve it. */
static void test_author__import_update_over_a_draft_then_approve_refused(void **state)
{
	struct fx *f = *state;
	static const char *const both[] = { "ofc", "sup" };
	struct dorn_err err;

	team(f);
	as(f, "ofc");
	import(f, 0, NULL);
	as(f, "sup");
	import(f, 1, "Eastbridge Crown Court");
	expect_authors(f, both, 2);
	assert_int_equal(submit(f, &err), 0);
	assert_int_equal(review(f, 1, NULL, &err), DORN_ERULE);
	assert_int_equal(dorn_err_exit_code(err.code), 69);
	assert_non_null(strstr(err.msg, "you cannot approve version 1 of " URN));
	assert_non_null(strstr(err.msg, "you changed the case (import) at "));
	assert_non_null(strstr(err.msg, "after Olu Officer began this version"));
	assert_non_null(strstr(err.msg, "another supervisor must review this version"));
	assert_int_equal(review(f, 0, "Please check the court", &err), DORN_ERULE);
	assert_non_null(strstr(err.msg, "you cannot return version 1"));
	assert_int_equal(latest(f).status, DORN_NOTE_SUBMITTED);
	as(f, "sup2");
	assert_int_equal(review(f, 1, "Checked", &err), 0);
	assert_int_equal(latest(f).status, DORN_NOTE_APPROVED);
}

/* A submitted note: the case cannot change under the reviewer (refused,
 * and the refused import makes nobody an author); once it is returned and
 * the officer answers it, a supervisor who then imports over the new draft
 * is one of its authors. */
static void test_author__import_update_over_a_submitted_note(void **state)
{
	struct fx *f = *state;
	static const char *const v2[] = { "ofc", "sup" };
	struct dorn_buf report;
	struct dorn_err err;
	char path[PATH_MAX], *files[1] = { path };

	team(f);
	as(f, "ofc");
	import(f, 0, NULL);
	assert_int_equal(submit(f, &err), 0);
	as(f, "sup");
	snprintf(path, sizeof path, "%s/sharing.ini", f->dir);
	dorn_buf_init(&report);
	assert_int_equal(dorn_app_import(&f->app, files, 1, 1, &report, &err), DORN_ERULE);
	assert_non_null(strstr(err.msg, "waiting for review"));
	dorn_buf_fini(&report);
	expect_authors(f, v2, 1);
	as(f, "sup2");
	assert_int_equal(review(f, 0, "Please add the exhibit for the laptop", &err), 0);
	as(f, "ofc");
	import(f, 1, "Eastbridge Crown Court");
	as(f, "sup");
	import(f, 1, "Eastbridge Magistrates' Court (annex)");
	expect_authors(f, v2, 2);
	as(f, "ofc");
	assert_int_equal(submit(f, &err), 0);
	as(f, "sup");
	assert_int_equal(review(f, 1, NULL, &err), DORN_ERULE);
	assert_non_null(strstr(err.msg, "version 2"));
	as(f, "sup2"); /* returned version 1, changed nothing */
	assert_int_equal(review(f, 1, NULL, &err), 0);
}

/* The interview's save (dorn_app_case_save) is refused while the note
 * waits for review; after a return, a supervisor's save into the
 * officer's next version makes them one of its authors. */
static void test_author__case_save_after_the_officers_submission_refused(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c;
	struct dorn_err err;

	team(f);
	as(f, "ofc");
	import(f, 0, NULL);
	assert_int_equal(submit(f, &err), 0);
	as(f, "sup");
	c = load(f);
	snprintf(c->court, sizeof c->court, "Eastbridge Crown Court");
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CASE, &err), DORN_ERULE);
	assert_non_null(strstr(err.msg, "waiting for review"));
	dorn_case_free(c);
	as(f, "sup2");
	assert_int_equal(review(f, 0, "Which court?", &err), 0);
	as(f, "ofc");
	c = load(f);
	snprintf(c->court, sizeof c->court, "Eastbridge Crown Court");
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CASE, &err), 0);
	dorn_case_free(c);
	as(f, "sup");
	c = load(f);
	snprintf(c->lawyer, sizeof c->lawyer, "Priya Venn, CPS Eastbridge (duty)");
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CASE, &err), 0);
	dorn_case_free(c);
	as(f, "ofc");
	assert_int_equal(submit(f, &err), 0);
	as(f, "sup");
	assert_int_equal(review(f, 1, NULL, &err), DORN_ERULE);
	assert_non_null(strstr(err.msg, "you changed the case (interview) at "));
	assert_non_null(strstr(err.msg, "after Olu Officer began this version"));
	as(f, "sup2");
	assert_int_equal(review(f, 1, NULL, &err), 0);
}

/* The everyday path is as before: the officer writes and submits, a
 * supervisor approves. */
static void test_author__the_officers_own_note_is_approved(void **state)
{
	struct fx *f = *state;
	static const char *const one[] = { "ofc" };
	struct dorn_err err;

	team(f);
	as(f, "ofc");
	import(f, 0, NULL);
	assert_int_equal(submit(f, &err), 0);
	expect_authors(f, one, 1);
	as(f, "sup");
	assert_int_equal(review(f, 1, "Good", &err), 0);
	assert_int_equal(latest(f).status, DORN_NOTE_APPROVED);
	assert_string_equal(latest(f).reviewer, "sup");
}

/* Sending a draft for review takes it as one's own. */
static void test_author__the_submitter_is_an_author(void **state)
{
	struct fx *f = *state;
	static const char *const both[] = { "ofc", "sup" };
	struct dorn_err err;

	team(f);
	as(f, "ofc");
	import(f, 0, NULL);
	as(f, "sup");
	assert_int_equal(submit(f, &err), 0);
	expect_authors(f, both, 2);
	assert_int_equal(review(f, 1, NULL, &err), DORN_ERULE);
	assert_non_null(strstr(err.msg, "you submitted it at "));
}

/* A returned version was never approved, and the next is built on it:
 * its authors are authors of the next, though they changed nothing
 * since. */
static void test_author__a_returned_versions_authors_carry_over(void **state)
{
	struct fx *f = *state;
	static const char *const v2[] = { "sup", "ofc" };
	struct dorn_err err;

	team(f);
	as(f, "sup");
	import(f, 0, NULL);
	assert_int_equal(submit(f, &err), 0);
	as(f, "sup2");
	assert_int_equal(review(f, 0, "Which court?", &err), 0);
	as(f, "ofc");
	import(f, 1, "Eastbridge Crown Court");
	assert_int_equal(submit(f, &err), 0);
	expect_authors(f, v2, 2);
	assert_int_equal(latest(f).authors[0].since_version, 1);
	assert_int_equal(latest(f).authors[1].since_version, 2);
	as(f, "sup");
	assert_int_equal(review(f, 1, NULL, &err), DORN_ERULE);
	assert_non_null(strstr(err.msg, "while version 1 was being written"));
	as(f, "sup2");
	assert_int_equal(review(f, 1, NULL, &err), 0);
}

/* A change made while the case has no draft (consent withdrawn drops it)
 * still belongs to the version that comes next. */
static void test_author__kept_when_the_draft_is_dropped(void **state)
{
	struct fx *f = *state;
	static const char *const both[] = { "ofc", "sup" };
	struct dorn_case *c;
	struct dorn_err err;

	team(f);
	as(f, "ofc");
	import(f, 0, NULL);
	as(f, "sup");
	c = load(f);
	snprintf(c->court, sizeof c->court, "Eastbridge Crown Court");
	c->victim.consent = DORN_CONSENT_NOT_ASKED;
	c->victim.consent_date[0] = '\0';
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CONSENT, &err), 0);
	dorn_case_free(c);
	as(f, "ofc");
	c = load(f);
	c->victim.consent = DORN_CONSENT_YES;
	snprintf(c->victim.consent_date, sizeof c->victim.consent_date, "2026-11-27");
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CONSENT, &err), 0);
	dorn_case_free(c);
	assert_int_equal(submit(f, &err), 0);
	expect_authors(f, both, 2);
	as(f, "sup");
	assert_int_equal(review(f, 1, NULL, &err), DORN_ERULE);
}

/* "Written by" names every author in the order they first changed the
 * version, in the text (which the text and PDF exports are) and in the
 * JSON. */
static void test_author__written_by_names_every_author(void **state)
{
	struct fx *f = *state;
	struct dorn_case_view v;
	struct dorn_buf json;
	struct dorn_err err;
	const char *at;

	team(f);
	as(f, "ofc");
	import(f, 0, NULL);
	as(f, "sup");
	import(f, 1, "Eastbridge Crown Court");
	as(f, "sup2");
	assert_int_equal(submit(f, &err), 0);
	assert_int_equal(dorn_app_note(&f->app, URN, &v, &err), 0);
	assert_non_null(strstr(v.note.body,
			       "\nWritten by:           Olu Officer, Sam Supervisor, Sue Second\n"));
	/* From: is still the officer who began it */
	assert_non_null(strstr(v.note.body, "\nFrom:                 Olu Officer"));
	dorn_buf_init(&json);
	assert_int_equal(dorn_app_note_json(&v, &json), 0);
	at = strstr(dorn_buf_str(&json), "\"authors\"");
	assert_non_null(at);
	at = strstr(at, "\"login\": \"ofc\"");
	assert_non_null(at);
	at = strstr(at, "\"login\": \"sup\"");
	assert_non_null(at);
	at = strstr(at, "\"login\": \"sup2\"");
	assert_non_null(at);
	assert_non_null(strstr(dorn_buf_str(&json), "\"act\": \"submit\""));
	dorn_buf_fini(&json);
	dorn_case_view_fini(&v);
}

/* A comment is refused as typed, with the character and where it is,
 * when it holds ESC, BEL, another C0 control but a new line, DEL or C1;
 * nothing changes. New lines are kept. */
static void test_comment__control_characters_refused(void **state)
{
	struct fx *f = *state;
	static const char *const bad[] = {
		"Good\x1b[2J", "Ring\x07", "Tab\there", "CR\r\n", "Del\x7f", "CSI\xc2\x9b[31m",
		"Bytes\xff",
	};
	struct dorn_err err;

	team(f);
	as(f, "ofc");
	import(f, 0, NULL);
	assert_int_equal(submit(f, &err), 0);
	as(f, "sup");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(review(f, 1, bad[i], &err), DORN_EDATA);
		assert_int_equal(dorn_err_exit_code(err.code), 65);
		assert_non_null(strstr(err.msg, "the comment holds"));
		assert_int_equal(review(f, 0, bad[i], &err), DORN_EDATA);
	}
	assert_int_equal(review(f, 1, "Good\x1b[2J", &err), DORN_EDATA);
	assert_non_null(strstr(err.msg, "ESC"));
	assert_non_null(strstr(err.msg, "at character 5"));
	assert_int_equal(latest(f).status, DORN_NOTE_SUBMITTED);
	assert_int_equal(review(f, 0, "Line one.\nLine two, with Zoë.", &err), 0);
	assert_string_equal(latest(f).comment, "Line one.\nLine two, with Zoë.");
}

/* Migration 8 fills the authors of what exists from the audit log and the
 * notes: the same authors, in the same order, as dorn keeps while it
 * runs. */
static void test_migrate__authors_filled_from_the_history(void **state)
{
	struct fx *f = *state;
	static const char *const want[] = { "sup", "ofc", "sup2" };
	char sql[64];
	sqlite3 *db;
	struct dorn_err err;

	team(f);
	as(f, "sup");
	import(f, 0, NULL);
	assert_int_equal(submit(f, &err), 0);
	as(f, "sup2");
	assert_int_equal(review(f, 0, "Which court?", &err), 0);
	as(f, "ofc");
	import(f, 1, "Eastbridge Crown Court");
	as(f, "sup2");
	import(f, 1, "Eastbridge Crown Court, Court 2");
	expect_authors(f, want, 3);
	db = dorn_store_handle(f->app.st);
	/* Back to schema 7: before note_author (8), the note's model (9) and
	 * what is recorded after the hearing (10), which reopening adds again. */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", 7);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE note_author", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "ALTER TABLE note DROP COLUMN model", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE figure;"
				      "ALTER TABLE item DROP COLUMN result;"
				      "ALTER TABLE item DROP COLUMN result_reason;"
				      "ALTER TABLE item DROP COLUMN result_next;"
				      "ALTER TABLE \"case\" DROP COLUMN outcome_version;"
				      "ALTER TABLE \"case\" DROP COLUMN retain_until;"
				      "ALTER TABLE \"case\" DROP COLUMN retain_reason;",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	as(f, "sup2"); /* reopening migrates */
	expect_authors(f, want, 3);
	assert_int_equal(latest(f).authors[0].act, DORN_AUTHOR_RECORDED);
	assert_int_equal(latest(f).authors[0].since_version, 1);
	assert_int_equal(latest(f).authors[1].since_version, 2);
	assert_int_equal(review(f, 1, NULL, &err), DORN_ERULE);
	db = dorn_store_handle(f->app.st);
	assert_int_equal(sqlite3_exec(db, "SELECT * FROM note_author_sub8", NULL, NULL, NULL),
			 SQLITE_ERROR); /* the scratch tables are gone */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_machine__moves_go_where_they_should),
		cmocka_unit_test(test_submit__only_a_draft),
		cmocka_unit_test(test_review__supervisors_only),
		cmocka_unit_test(test_review__never_your_own_note),
		cmocka_unit_test(test_review__only_a_submitted_note),
		cmocka_unit_test(test_return__needs_a_comment),
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
		T(test_author__import_update_over_a_draft_then_approve_refused),
		T(test_author__import_update_over_a_submitted_note),
		T(test_author__case_save_after_the_officers_submission_refused),
		T(test_author__the_officers_own_note_is_approved),
		T(test_author__the_submitter_is_an_author),
		T(test_author__a_returned_versions_authors_carry_over),
		T(test_author__kept_when_the_draft_is_dropped),
		T(test_author__written_by_names_every_author),
		T(test_comment__control_characters_refused),
		T(test_migrate__authors_filled_from_the_history),
#undef T
	};

	umask(077); /* as main.c does: the database must not be readable by others */
	return cmocka_run_group_tests_name("review", tests, NULL, NULL);
}
