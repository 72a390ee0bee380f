/* The store's API on a PostgreSQL server: what test_store.c shows of the
 * SQLite file, run on the real engine, plus what only a server has (the
 * login is who acts, the database refuses an officer's approval). Every
 * test has a database of its own on the server DORN_TEST_PG names (the
 * administrator's connection string, key=value, as tests/pg/cluster.sh
 * prints it; tests/pg/run.sh starts a throwaway cluster and sets it), made
 * with CREATE DATABASE and dorn_store_init_server, and dropped after.
 * Without DORN_TEST_PG this says so in one line and passes, so make unit
 * can build and run it anywhere. */
#include "testutil.h"

#include "dorn/buf.h"
#include "dorn/casefile.h"
#include "dorn/err.h"
#include "dorn/json.h"
#include "dorn/model.h"
#include "dorn/list.h"
#include "dorn/note.h"
#include "dorn/offences.h"
#include "dorn/review.h"
#include "dorn/rules.h"
#include "dorn/store.h"

/* Logins of this test's own (roles are the cluster's, shared by every
 * database on it): the first supervisor, a second one, two officers. */
#define SUP "tsp_sup"
#define SUP2 "tsp_sup2"
#define OFF "tsp_off"
#define OFF2 "tsp_off2"

struct fx {
	char db[64];
	struct dorn_store *sup, *sup2, *off, *off2;
};

static const char *admin(void)
{
	return getenv("DORN_TEST_PG");
}

/* The administrator's connection string with user= (NULL: theirs) and
 * dbname= replaced. */
static void url(char *out, size_t n, const char *login, const char *db)
{
	char copy[1024], *tok, *save = NULL;
	size_t used = 0;

	snprintf(copy, sizeof copy, "%s", admin());
	out[0] = '\0';
	for (tok = strtok_r(copy, " ", &save); tok && used < n; tok = strtok_r(NULL, " ", &save)) {
		if ((login && strncmp(tok, "user=", 5) == 0) || strncmp(tok, "dbname=", 7) == 0)
			continue;
		used += (size_t)snprintf(out + used, n - used, "%s%s", used ? " " : "", tok);
	}
	if (login && used < n)
		used += (size_t)snprintf(out + used, n - used, " user=%s", login);
	if (used < n)
		snprintf(out + used, n - used, " dbname=%s", db);
}

/* One statement by the administrator, on the maintenance database. */
static int admin_sql(const char *sql)
{
	char cmd[2048];

	snprintf(cmd, sizeof cmd, "psql -X -q -v ON_ERROR_STOP=1 -d '%s' -c '%s' >/dev/null",
		 admin(), sql);
	return system(cmd);
}

static struct dorn_store *open_as(struct fx *f, const char *login)
{
	struct dorn_store *st = NULL;
	struct dorn_err err;
	char u[1200];

	url(u, sizeof u, login, f->db);
	dorn_err_clear(&err);
	if (dorn_store_open(&st, u, 0, 5000, &err))
		fail_msg("opening %s as %s: %s", f->db, login, err.msg);
	return st;
}

static void add_staff(struct dorn_store *st, const char *login, const char *name, int role,
		      const char *by)
{
	struct dorn_staff s = { .role = role, .active = 1 };
	struct dorn_err err;

	snprintf(s.login, sizeof s.login, "%s", login);
	snprintf(s.name, sizeof s.name, "%s", name);
	if (dorn_store_staff_add(st, &s, by, &err))
		fail_msg("staff add %s: %s", login, err.msg);
}

/* A fresh database: dorn's schema with SUP its first supervisor, then
 * SUP2, OFF and OFF2 added by SUP, and a connection as each. */
static int setup(void **state)
{
	static unsigned serial;
	struct fx *f = calloc(1, sizeof *f);
	struct dorn_server_init in = { .unit = "U1", .unit_name = "Unit One", .supervisor = SUP,
				       .supervisor_name = "Sue Supervisor" };
	struct dorn_err err;
	char sql[128], u[1200];

	assert_non_null(f);
	snprintf(f->db, sizeof f->db, "dorn_unit_%ld_%u", (long)getpid(), serial++);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", f->db);
	assert_int_equal(admin_sql(sql), 0);
	url(u, sizeof u, NULL, f->db);
	if (dorn_store_init_server(u, &in, &err))
		fail_msg("init --server: %s", err.msg);
	f->sup = open_as(f, SUP);
	add_staff(f->sup, SUP2, "Sid Second", DORN_ROLE_SUPERVISOR, SUP);
	add_staff(f->sup, OFF, "Olu Officer", DORN_ROLE_OFFICER, SUP);
	add_staff(f->sup, OFF2, "Ola Other", DORN_ROLE_OFFICER, SUP);
	f->sup2 = open_as(f, SUP2);
	f->off = open_as(f, OFF);
	f->off2 = open_as(f, OFF2);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char sql[160];

	if (!f)
		return 0;
	dorn_store_close(f->sup);
	dorn_store_close(f->sup2);
	dorn_store_close(f->off);
	dorn_store_close(f->off2);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", f->db);
	if (admin_sql(sql))
		fprintf(stderr, "could not drop %s\n", f->db);
	free(f);
	return 0;
}

/* As test_store.c's sample case: a Polish name, two lines of the victim's
 * words, a phone and a cloud account. */
static struct dorn_case *sample_case(const char *urn)
{
	struct dorn_case *c = dorn_case_new();

	assert_non_null(c);
	snprintf(c->urn, sizeof c->urn, "%s", urn);
	snprintf(c->defendant, sizeof c->defendant, "Łukasz Fictional");
	snprintf(c->sentencing_date, sizeof c->sentencing_date, "2026-12-10");
	snprintf(c->offences[c->noffences++], sizeof c->offences[0], "soa66b2");
	snprintf(c->victim.reference, sizeof c->victim.reference, "V-1");
	c->victim.consent = DORN_CONSENT_YES;
	snprintf(c->victim.consent_date, sizeof c->victim.consent_date, "2026-11-20");
	c->concern.fears = DORN_FEAR_RETURNED | DORN_FEAR_COPIES;
	snprintf(c->concern.victim_words, sizeof c->concern.victim_words, "Line one.\nLine two.");
	c->items[0].position = 1;
	c->items[0].kind = DORN_KIND_PHONE;
	c->items[0].seized = DORN_TRI_YES;
	c->items[0].how_used = DORN_USE_TOOK | DORN_USE_SENT;
	c->items[0].value_estimate = -1;
	snprintf(c->items[0].exhibit_ref, sizeof c->items[0].exhibit_ref, "AB/1");
	c->items[1].position = 2;
	c->items[1].kind = DORN_KIND_CLOUD;
	c->items[1].value_estimate = 0;
	c->nitems = 2;
	return c;
}

/* case_put in a transaction of its own; want is the result expected. */
static void put(struct dorn_store *st, struct dorn_case *c, const char *by, int want)
{
	struct dorn_err err;
	int rc;

	assert_int_equal(dorn_store_begin(st, &err), 0);
	rc = dorn_store_case_put(st, c, by, "test", &err);
	if (rc != want)
		fail_msg("case_put by %s: %d, wanted %d: %s", by, rc, want, rc ? err.msg : "");
	if (rc == 0)
		assert_int_equal(dorn_store_commit(st, &err), 0);
	else
		dorn_store_rollback(st);
}

/* The draft of case id, as written by st's login; its note id. */
static long long draft(struct dorn_store *st, long long case_id, const char *by)
{
	struct dorn_err err;
	struct dorn_note n;
	int version = 0, changed = 0;
	long long id;

	assert_int_equal(dorn_store_begin(st, &err), 0);
	if (dorn_store_note_draft(st, case_id, 1, "The note.", "The note.", by, &version,
				  &changed, &err))
		fail_msg("note_draft: %s", err.msg);
	assert_int_equal(dorn_store_commit(st, &err), 0);
	assert_int_equal(version, 1);
	assert_int_equal(changed, 1);
	assert_int_equal(dorn_store_note_latest(st, case_id, &n, &err), 0);
	id = n.id;
	dorn_note_fini(&n);
	return id;
}

/* note_move in a transaction of its own; the result, err says why. */
static int move(struct dorn_store *st, long long id, int from, int to, const char *by,
		struct dorn_err *err)
{
	int rc;

	assert_int_equal(dorn_store_begin(st, err), 0);
	rc = dorn_store_note_move(st, id, from, to, by, "ok", err);
	if (rc) {
		struct dorn_err keep = *err;

		dorn_store_rollback(st);
		*err = keep;
		return rc;
	}
	return dorn_store_commit(st, err);
}

static int status_of(struct dorn_store *st, long long case_id)
{
	struct dorn_err err;
	struct dorn_note n;
	int s;

	assert_int_equal(dorn_store_note_latest(st, case_id, &n, &err), 0);
	s = n.status;
	dorn_note_fini(&n);
	return s;
}

/* ---- opening: the server says who connects ---- */

static void test_open__the_login_is_who_acts(void **state)
{
	struct fx *f = *state;
	struct dorn_staff me;
	struct dorn_err err;
	struct dorn_store *none = NULL;
	long long n = 0;
	int version = 0;
	char u[1200];

	assert_true(dorn_store_is_server(f->off));
	assert_string_equal(dorn_store_server_login(f->off), OFF);
	assert_string_equal(dorn_store_server_login(f->sup), SUP);
	assert_int_equal(dorn_store_schema_version(f->sup, &version, &err), 0);
	assert_int_equal(version, dorn_store_schema_latest());
	assert_int_equal(dorn_store_staff_get(f->off, SUP, &me, &err), 0);
	assert_int_equal(me.role, DORN_ROLE_SUPERVISOR);
	assert_string_equal(me.name, "Sue Supervisor");
	assert_int_equal(dorn_store_staff_count(f->sup, &n, &err), 0);
	assert_int_equal(n, 4);
	/* a database that is not there is no store */
	url(u, sizeof u, OFF, "dorn_unit_no_such_database");
	assert_int_not_equal(dorn_store_open(&none, u, 0, 1000, &err), 0);
	assert_null(none);
}

/* ---- staff: a supervisor adds them, once; an officer cannot ---- */

static void test_staff__add_get_and_refusals(void **state)
{
	struct fx *f = *state;
	struct dorn_staff s = { .login = "tsp_bkaur", .name = "Bal Kaur",
				.role = DORN_ROLE_OFFICER, .active = 1 };
	struct dorn_staff got;
	struct dorn_err err;
	long long n = 0;

	assert_int_equal(dorn_store_staff_add(f->sup, &s, SUP, &err), 0);
	assert_int_equal(dorn_store_staff_get(f->sup, "tsp_bkaur", &got, &err), 0);
	assert_string_equal(got.name, "Bal Kaur");
	assert_int_equal(got.role, DORN_ROLE_OFFICER);
	assert_int_equal(dorn_store_staff_add(f->sup, &s, SUP, &err), DORN_EDATA);
	assert_has(err.msg, "already registered");
	assert_int_equal(dorn_store_staff_count(f->sup, &n, &err), 0);
	assert_int_equal(n, 5);
	assert_int_equal(dorn_store_staff_get(f->sup, "nobody", &got, &err), DORN_ENOINPUT);
	/* an officer is refused by the database, whatever the client asks */
	snprintf(s.login, sizeof s.login, "tsp_sneaky");
	assert_int_equal(dorn_store_staff_add(f->off, &s, OFF, &err), DORN_EPERM);
	assert_int_equal(dorn_store_staff_get(f->sup, "tsp_sneaky", &got, &err), DORN_ENOINPUT);
	s.role = DORN_ROLE_SUPERVISOR;
	assert_int_equal(dorn_store_staff_update(f->off, OFF, DORN_ROLE_SUPERVISOR, 1, OFF, &err),
			 DORN_EPERM);
	assert_int_equal(dorn_store_staff_get(f->sup, OFF, &got, &err), 0);
	assert_int_equal(got.role, DORN_ROLE_OFFICER);
}

/* ---- cases ---- */

static void test_case__stored_and_loaded_whole(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case("01AB1234526"), *got = dorn_case_new();
	struct dorn_err err;
	long long id = 0;

	put(f->off, c, OFF, 0);
	assert_true(c->id > 0);
	assert_int_equal(c->version, 1);
	assert_int_equal(dorn_store_case_load(f->off2, "01AB1234526", got, &err), 0);
	assert_int_equal(got->id, c->id);
	assert_string_equal(got->defendant, "Łukasz Fictional");
	assert_string_equal(got->sentencing_date, "2026-12-10");
	assert_string_equal(got->next_hearing, "");
	assert_int_equal(got->noffences, 1);
	assert_string_equal(got->offences[0], "soa66b2");
	assert_int_equal(got->victim.consent, DORN_CONSENT_YES);
	assert_string_equal(got->concern.victim_words, "Line one.\nLine two.");
	assert_int_equal(got->concern.fears, DORN_FEAR_RETURNED | DORN_FEAR_COPIES);
	assert_int_equal(got->nitems, 2);
	assert_int_equal(got->items[0].how_used, DORN_USE_TOOK | DORN_USE_SENT);
	assert_int_equal(got->items[0].value_estimate, -1);
	assert_string_equal(got->items[0].exhibit_ref, "AB/1");
	assert_int_equal(got->items[1].kind, DORN_KIND_CLOUD);
	assert_int_equal(got->items[1].value_estimate, 0);
	assert_string_equal(got->updated_by, OFF);
	assert_int_equal(dorn_store_case_id(f->sup, "01AB1234526", &id, &err), 0);
	assert_int_equal(id, c->id);
	assert_int_equal(dorn_store_case_load(f->off, "99ZZ9999926", got, &err), DORN_ENOINPUT);
	/* the same URN again is refused */
	got->id = 0;
	put(f->off2, got, OFF2, DORN_EDATA);
	dorn_case_free(c);
	dorn_case_free(got);
}

static void test_case__second_save_from_an_old_copy_is_refused(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case("01AB1234526"), *mine = dorn_case_new(),
			 *theirs = dorn_case_new();
	struct dorn_err err;

	put(f->off, c, OFF, 0);
	assert_int_equal(dorn_store_case_load(f->off, c->urn, mine, &err), 0);
	assert_int_equal(dorn_store_case_load(f->off2, c->urn, theirs, &err), 0);
	snprintf(theirs->court, sizeof theirs->court, "Their court");
	put(f->off2, theirs, OFF2, 0);
	assert_int_equal(theirs->version, 2);
	snprintf(mine->court, sizeof mine->court, "My court");
	assert_int_equal(dorn_store_begin(f->off, &err), 0);
	assert_int_equal(dorn_store_case_put(f->off, mine, OFF, NULL, &err), DORN_ECONFLICT);
	dorn_store_rollback(f->off);
	assert_has(err.msg, OFF2);
	assert_has(err.msg, "nothing was saved");
	assert_int_equal(dorn_store_case_load(f->off, c->urn, mine, &err), 0);
	assert_string_equal(mine->court, "Their court");
	assert_int_equal(mine->version, 2);
	dorn_case_free(c);
	dorn_case_free(mine);
	dorn_case_free(theirs);
}

/* ---- the note: draft, submit, four eyes ---- */

static void test_note__draft_then_frozen_then_next_version(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case("01AB1234526");
	struct dorn_note n;
	struct dorn_err err;
	int version = 0, changed = 0;
	long long id;

	put(f->off, c, OFF, 0);
	assert_int_equal(dorn_store_note_latest(f->off, c->id, &n, &err), DORN_ENOINPUT);
	id = draft(f->off, c->id, OFF);
	assert_int_equal(dorn_store_begin(f->off, &err), 0);
	assert_int_equal(dorn_store_note_draft(f->off, c->id, 1, "The note.", "The note.", OFF,
					       &version, &changed, &err), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(dorn_store_commit(f->off, &err), 0);
	assert_int_equal(move(f->off, id, DORN_NOTE_DRAFT, DORN_NOTE_SUBMITTED, OFF, &err), 0);
	assert_int_equal(status_of(f->sup, c->id), DORN_NOTE_SUBMITTED);
	/* a submitted version is frozen: the next draft is version 2 */
	assert_int_equal(dorn_store_note_next_version(f->off, c->id, &version, &err), 0);
	assert_int_equal(version, 2);
	dorn_case_free(c);
}

static void test_note__four_eyes_held_by_the_database(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case("01AB1234526"), *own = sample_case("02AB1234526");
	struct dorn_store_queue_row *q = NULL;
	struct dorn_err err;
	size_t nq = 0;
	long long id, own_id;

	/* an officer's note: the officer cannot approve it, whatever the
	 * client sends; a supervisor who is not an author can */
	put(f->off, c, OFF, 0);
	id = draft(f->off, c->id, OFF);
	assert_int_equal(move(f->off, id, DORN_NOTE_DRAFT, DORN_NOTE_SUBMITTED, OFF, &err), 0);
	assert_int_equal(dorn_store_review_queue(f->sup, &q, &nq, &err), 0);
	assert_int_equal(nq, 1);
	assert_string_equal(q[0].urn, "01AB1234526");
	assert_string_equal(q[0].author, OFF);
	free(q);
	assert_int_equal(move(f->off, id, DORN_NOTE_SUBMITTED, DORN_NOTE_APPROVED, OFF, &err),
			 DORN_EPERM);
	assert_int_equal(move(f->off2, id, DORN_NOTE_SUBMITTED, DORN_NOTE_APPROVED, OFF2, &err),
			 DORN_EPERM);
	assert_int_equal(status_of(f->sup, c->id), DORN_NOTE_SUBMITTED);
	assert_int_equal(move(f->sup, id, DORN_NOTE_SUBMITTED, DORN_NOTE_APPROVED, SUP, &err), 0);
	assert_int_equal(status_of(f->off, c->id), DORN_NOTE_APPROVED);
	/* too late: someone acted first, and says who */
	assert_int_equal(move(f->sup2, id, DORN_NOTE_SUBMITTED, DORN_NOTE_RETURNED, SUP2, &err),
			 DORN_ERULE);
	assert_has(err.msg, "approved already");

	/* a supervisor's own note: refused to them, approved by another */
	put(f->sup, own, SUP, 0);
	own_id = draft(f->sup, own->id, SUP);
	assert_int_equal(move(f->sup, own_id, DORN_NOTE_DRAFT, DORN_NOTE_SUBMITTED, SUP, &err), 0);
	assert_int_not_equal(move(f->sup, own_id, DORN_NOTE_SUBMITTED, DORN_NOTE_APPROVED, SUP,
				  &err), 0);
	assert_int_equal(status_of(f->sup, own->id), DORN_NOTE_SUBMITTED);
	assert_int_equal(move(f->sup2, own_id, DORN_NOTE_SUBMITTED, DORN_NOTE_APPROVED, SUP2, &err),
			 0);
	assert_int_equal(status_of(f->sup, own->id), DORN_NOTE_APPROVED);
	dorn_case_free(c);
	dorn_case_free(own);
}

/* ---- the audit log: every write above is a row, the chain verifies ---- */

static int count_rows(const struct dorn_audit_row *r, void *ctx)
{
	(void)r;
	(*(long long *)ctx)++;
	return 0;
}

static void test_audit__chain_verifies_from_any_client(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case("01AB1234526");
	struct dorn_err err;
	long long rows = 0, bad = -1, seq = 0, walked = 0, rows2 = 0;
	char head[65];
	long long id;

	put(f->off, c, OFF, 0);
	id = draft(f->off, c->id, OFF);
	assert_int_equal(move(f->off, id, DORN_NOTE_DRAFT, DORN_NOTE_SUBMITTED, OFF, &err), 0);
	assert_int_equal(move(f->sup, id, DORN_NOTE_SUBMITTED, DORN_NOTE_APPROVED, SUP, &err), 0);
	if (dorn_store_audit_verify(f->sup, NULL, 0, &rows, &bad, &err))
		fail_msg("audit verify: %s (row %lld)", err.msg, bad);
	/* init's supervisor, three staff, the case, its draft, submit, approve */
	assert_true(rows >= 8);
	assert_int_equal(dorn_store_audit_head(f->sup, &seq, head, &err), 0);
	assert_int_equal(seq, rows);
	assert_int_equal(strlen(head), 64);
	assert_int_equal(dorn_store_audit_each(f->sup, NULL, count_rows, &walked, &err), 0);
	assert_int_equal(walked, rows);
	/* the same from another supervisor's connection */
	assert_int_equal(dorn_store_audit_verify(f->sup2, NULL, 0, &rows2, &bad, &err), 0);
	assert_int_equal(rows2, rows);
	dorn_case_free(c);
}

/* ---- the same case, the same record, on both engines ---- */

/* Every worked example, stored by the same login on a SQLite file and on
 * the server, loads back the same: compared as dorn show's JSON (the
 * store's bookkeeping, ids and times, set equal first). */
static void json_of(struct dorn_case *c, const struct dorn_offences *off,
		    const struct dorn_wording *w, struct dorn_buf *out)
{
	struct dorn_case_view v = { .c = c };

	c->id = 1;
	snprintf(c->created, sizeof c->created, "2026-01-01T00:00:00Z");
	snprintf(c->updated, sizeof c->updated, "2026-01-01T00:00:00Z");
	dorn_assess(c, off, 20785, 14, &v.a);
	dorn_buf_reset(out);
	assert_int_equal(dorn_json_case(&v, off, w, 0, NULL, out), 0);
}

static void test_case__both_engines_load_the_same_record(void **state)
{
	static const char *const examples[] = { "sharing", "threat", "voyeurism", "under18",
						"names", "thirdparty", "atarrest", "account",
						"passed" };
	struct fx *f = *state;
	struct dorn_offences off;
	struct dorn_wording w;
	struct dorn_store *sq = NULL;
	struct dorn_staff s = { .login = OFF, .name = "Olu Officer", .role = DORN_ROLE_OFFICER,
				.active = 1 };
	struct dorn_buf a, b;
	struct dorn_err err;
	char dir[64], path[512];
	const char *data = getenv("DORN_DATADIR");

	assert_int_equal(dorn_offences_load(NULL, &off, &err), 0);
	assert_int_equal(dorn_wording_load(NULL, &w, &err), 0);
	tu_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/sub/dorn.db", dir);
	if (dorn_store_open(&sq, path, DORN_STORE_CREATE, 1000, &err))
		fail_msg("%s: %s", path, err.msg);
	dorn_store_set_key(sq, tu_key);
	if (dorn_store_staff_add(sq, &s, "test", &err))
		fail_msg("staff add on SQLite: %s", err.msg);
	dorn_buf_init(&a);
	dorn_buf_init(&b);
	for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
		struct dorn_case *c = dorn_case_new(), *x = dorn_case_new(), *y = dorn_case_new();

		snprintf(path, sizeof path, "%s/examples/%s.ini", data ? data : "data",
			 examples[i]);
		if (dorn_casefile_read(path, &off, c, &err))
			fail_msg("%s: %s", path, err.msg);
		*x = *c;
		put(sq, x, OFF, 0);
		*x = *c;
		put(f->off, x, OFF, 0);
		assert_int_equal(dorn_store_case_load(sq, c->urn, x, &err), 0);
		if (dorn_store_case_load(f->off, c->urn, y, &err))
			fail_msg("%s on the server: %s", examples[i], err.msg);
		json_of(x, &off, &w, &a);
		json_of(y, &off, &w, &b);
		if (strcmp(dorn_buf_str(&a), dorn_buf_str(&b)))
			fail_msg("%s loads differently:\nSQLite:\n%s\nPostgreSQL:\n%s", examples[i],
				 dorn_buf_str(&a), dorn_buf_str(&b));
		dorn_case_free(c);
		dorn_case_free(x);
		dorn_case_free(y);
	}
	dorn_buf_fini(&a);
	dorn_buf_fini(&b);
	dorn_store_close(sq);
	tu_rmdir(dir);
	dorn_wording_fini(&w);
	dorn_offences_free(&off);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open__the_login_is_who_acts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_staff__add_get_and_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case__stored_and_loaded_whole, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_case__second_save_from_an_old_copy_is_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_note__draft_then_frozen_then_next_version,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_note__four_eyes_held_by_the_database, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_audit__chain_verifies_from_any_client, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_case__both_engines_load_the_same_record,
						setup, teardown),
	};

	umask(077); /* as main.c does: the database must not be readable by others */
	if (!admin() || !*admin()) {
		printf("test_store_pg: skipped: DORN_TEST_PG not set (make pg-tests sets it)\n");
		return 0;
	}
	return cmocka_run_group_tests_name("store-pg", tests, NULL, NULL);
}
