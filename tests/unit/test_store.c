/* The database: migrations, permissions, the audit chain, staff. */
#include "testutil.h"

#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/hash.h"
#include "dorn/model.h"
#include "dorn/list.h"
#include "dorn/store.h"

struct fx {
	char dir[64];
	char db[128];
	struct dorn_store *st;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	tu_tmpdir(f->dir, sizeof f->dir);
	snprintf(f->db, sizeof f->db, "%s/sub/dorn.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	dorn_store_close(f->st);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

static void open_new(struct fx *f)
{
	struct dorn_err err;

	dorn_err_clear(&err);
	assert_int_equal(dorn_store_open(&f->st, f->db, DORN_STORE_CREATE, 1000, &err), 0);
	dorn_store_set_key(f->st, tu_key);
}

static int exec(struct fx *f, const char *sql)
{
	return sqlite3_exec(dorn_store_handle(f->st), sql, NULL, NULL, NULL);
}

static int scalar(struct fx *f, const char *sql)
{
	sqlite3_stmt *s;
	int v = -1;

	assert_int_equal(sqlite3_prepare_v2(dorn_store_handle(f->st), sql, -1, &s, NULL),
			 SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void add_audit(struct fx *f, int n)
{
	struct dorn_audit_rec a = { .login = "ajones", .action = DORN_AUDIT_COLLECT,
				    .entity = "case", .reason = "test" };
	struct dorn_err err;

	for (int i = 0; i < n; i++) {
		a.entity_id = i + 1;
		assert_int_equal(dorn_store_begin(f->st, &err), 0);
		assert_int_equal(dorn_store_audit(f->st, &a, &err), 0);
		assert_int_equal(dorn_store_commit(f->st, &err), 0);
	}
}

static void test_migrate__from_empty_creates_every_table(void **state)
{
	struct fx *f = *state;
	static const char *const tables[] = { "case", "case_offence", "victim", "concern",
					      "item", "note", "outcome", "staff", "audit" };
	char sql[160];
	struct stat sb;
	int v = 0;

	open_new(f);
	assert_int_equal(dorn_store_schema_version(f->st, &v, NULL), 0);
	assert_int_equal(v, dorn_store_schema_latest());
	assert_int_equal(scalar(f, "PRAGMA application_id"), DORN_APPLICATION_ID);
	assert_int_equal(scalar(f, "PRAGMA foreign_keys"), 1);
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT strict FROM pragma_table_list "
					  "WHERE name = '%s'", tables[i]);
		assert_int_equal(scalar(f, sql), 1);
	}
	/* the folder is 0700 and the file 0600 (the test runs with umask 077) */
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	snprintf(sql, sizeof sql, "%s/sub", f->dir);
	assert_int_equal(stat(sql, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
}

static void test_migrate__applied_twice_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct dorn_err err;
	int v = 0;

	open_new(f);
	add_audit(f, 1);
	assert_int_equal(dorn_store_migrate(f->st, &err), 0);
	dorn_store_close(f->st);
	f->st = NULL;
	assert_int_equal(dorn_store_open(&f->st, f->db, 0, 1000, &err), 0);
	assert_int_equal(dorn_store_schema_version(f->st, &v, NULL), 0);
	assert_int_equal(v, dorn_store_schema_latest());
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit"), 1);
}

static void test_migrate__newer_database_refused(void **state)
{
	struct fx *f = *state;
	struct dorn_err err;

	open_new(f);
	assert_int_equal(exec(f, "PRAGMA user_version = 999"), SQLITE_OK);
	dorn_store_close(f->st);
	f->st = NULL;
	assert_int_equal(dorn_store_open(&f->st, f->db, 0, 1000, &err), DORN_EDATA);
	assert_null(f->st);
	assert_non_null(strstr(err.msg, "schema version 999"));
	assert_non_null(strstr(err.msg, "newer"));
}

static void test_open__missing_without_create(void **state)
{
	struct fx *f = *state;
	struct dorn_err err;

	assert_int_equal(dorn_store_open(&f->st, f->db, 0, 1000, &err), DORN_ENOINPUT);
	assert_non_null(strstr(err.msg, "dorn init"));
}

static void test_open__world_readable_refused(void **state)
{
	struct fx *f = *state;
	struct dorn_err err;

	open_new(f);
	dorn_store_close(f->st);
	f->st = NULL;
	assert_int_equal(chmod(f->db, 0644), 0);
	assert_int_equal(dorn_store_open(&f->st, f->db, 0, 1000, &err), DORN_EPERM);
	assert_non_null(strstr(err.msg, "chmod"));
}

static void test_open__not_a_dorn_database(void **state)
{
	struct fx *f = *state;
	struct dorn_err err;
	char path[160];
	sqlite3 *db;

	snprintf(path, sizeof path, "%s/other.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(dorn_store_open(&f->st, path, 0, 1000, &err), DORN_EDATA);
	assert_non_null(strstr(err.msg, "not a dorn database"));

	tu_write(f->dir, "garbage.db", "this is not sqlite at all, not even close....",
		 45, path, sizeof path);
	assert_int_equal(dorn_store_open(&f->st, path, 0, 1000, &err), DORN_EDATA);
	assert_non_null(strstr(err.msg, "not a dorn database"));
}

static void test_audit__chain_verifies(void **state)
{
	struct fx *f = *state;
	struct dorn_err err;
	long long rows = 0, bad = -1;

	open_new(f);
	add_audit(f, 5);
	assert_int_equal(dorn_store_audit_verify(f->st, NULL, 0, &rows, &bad, &err), 0);
	assert_int_equal(rows, 5);
	assert_int_equal(bad, 0);
}

static void test_audit__outside_transaction_refused(void **state)
{
	struct fx *f = *state;
	struct dorn_audit_rec a = { .login = "x", .action = DORN_AUDIT_ALTER, .entity = "case" };
	struct dorn_err err;

	open_new(f);
	assert_int_equal(dorn_store_audit(f->st, &a, &err), DORN_EINTERNAL);
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit"), 0);
}

static void test_audit__append_only_for_dorn(void **state)
{
	struct fx *f = *state;

	open_new(f);
	add_audit(f, 2);
	assert_int_not_equal(exec(f, "UPDATE audit SET login = 'x' WHERE seq = 1"), SQLITE_OK);
	assert_int_not_equal(exec(f, "DELETE FROM audit WHERE seq = 1"), SQLITE_OK);
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit"), 2);
}

static void test_audit__changed_row_detected(void **state)
{
	struct fx *f = *state;
	struct dorn_err err;
	long long rows = 0, bad = 0;

	open_new(f);
	add_audit(f, 5);
	/* someone with the sqlite3 shell: drop the guard, then edit */
	assert_int_equal(exec(f, "DROP TRIGGER audit_no_update"), SQLITE_OK);
	assert_int_equal(exec(f, "UPDATE audit SET reason = 'tampered' WHERE seq = 3"),
			 SQLITE_OK);
	assert_int_equal(dorn_store_audit_verify(f->st, NULL, 0, &rows, &bad, &err), DORN_EDATA);
	assert_int_equal(bad, 3);
	assert_non_null(strstr(err.msg, "row 3"));
}

static void test_audit__deleted_row_detected(void **state)
{
	struct fx *f = *state;
	struct dorn_err err;
	long long rows = 0, bad = 0;

	open_new(f);
	add_audit(f, 5);
	assert_int_equal(exec(f, "DROP TRIGGER audit_no_delete"), SQLITE_OK);
	assert_int_equal(exec(f, "DELETE FROM audit WHERE seq = 2"), SQLITE_OK);
	assert_int_equal(dorn_store_audit_verify(f->st, NULL, 0, &rows, &bad, &err), DORN_EDATA);
	assert_int_equal(bad, 3);
	assert_non_null(strstr(err.msg, "row 2 is missing"));
}

static void test_audit__renumbered_rows_detected(void **state)
{
	struct fx *f = *state;
	struct dorn_err err;
	long long rows = 0, bad = 0;

	open_new(f);
	add_audit(f, 4);
	/* delete row 2 and shift the rest down to hide the gap */
	assert_int_equal(exec(f, "DROP TRIGGER audit_no_delete"), SQLITE_OK);
	assert_int_equal(exec(f, "DROP TRIGGER audit_no_update"), SQLITE_OK);
	assert_int_equal(exec(f, "DELETE FROM audit WHERE seq = 2;"
				 "UPDATE audit SET seq = seq - 1 WHERE seq > 2"), SQLITE_OK);
	assert_int_equal(dorn_store_audit_verify(f->st, NULL, 0, &rows, &bad, &err), DORN_EDATA);
	assert_int_equal(bad, 2);
}

/* The hash input format is fixed forever: databases written by older builds
 * must still verify. These three rows and their hashes were computed by the
 * printf-based row_hash before it was rewritten; any change to the bytes
 * hashed (field order, length prefixes, number formatting) fails here. The
 * rows cover the edges of the number formatting (negative, LLONG_MIN,
 * LLONG_MAX), an empty field, UTF-8, an embedded newline and colon, and
 * lengths of one to four digits. */
static void test_audit__hash_format_pinned(void **state)
{
	static const struct {
		long long seq;
		const char *time, *login, *action, *entity;
		long long entity_id;
		const char *recipient, *hash;
	} rows[] = {
		{ 1, "2026-11-28T09:00:00Z", "ajones", "collect", "case", 42, "",
		  "f1c62d1c77041e5e2cda41dbf1c29b26c4a3445e783ab8335668f1ffc2572fee" },
		{ 2, "2026-11-28T09:05:07Z", "b.smith", "disclose", "note", LLONG_MIN,
		  "CPS Wessex",
		  "3eb11bffd09a2a9632934132c7e226e9e63ac6cd89af8a79b2ce1d6faea8e951" },
		{ 3, "2026-11-28T23:59:59Z", NULL, "erase", "victim", LLONG_MAX, NULL,
		  "b391e04f9fd6fe753de61c1eb4de24aa82d9a62088a25708bbf5010b4aa7cfc6" },
	};
	struct fx *f = *state;
	struct dorn_err err;
	sqlite3_stmt *s;
	char login63[64], recip200[201], reason1000[1001], head[65];
	long long head_seq = 0;
	const char *prev = "0000000000000000000000000000000000000000000000000000000000000000";
	const char *reasons[] = { "first contact", "Zo\xc3\xab said: \"no\"\nline two; 12:34",
				  reason1000 };
	long long n = 0, bad = -1;

	memset(login63, 'x', 63);
	login63[63] = '\0';
	memset(recip200, 'r', 200);
	recip200[200] = '\0';
	memset(reason1000, 'y', 1000);
	reason1000[1000] = '\0';
	open_new(f);
	assert_int_equal(sqlite3_prepare_v2(dorn_store_handle(f->st),
					    "INSERT INTO audit (seq, time, login, action, entity,"
					    " entity_id, recipient, reason, prev_hash, hash)"
					    " VALUES (?,?,?,?,?,?,?,?,?,?)", -1,
					    &s, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		sqlite3_bind_int64(s, 1, rows[i].seq);
		sqlite3_bind_text(s, 2, rows[i].time, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, rows[i].login ? rows[i].login : login63, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(s, 4, rows[i].action, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, rows[i].entity, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 6, rows[i].entity_id);
		sqlite3_bind_text(s, 7, rows[i].recipient ? rows[i].recipient : recip200, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(s, 8, reasons[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 9, prev, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, rows[i].hash, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		assert_int_equal(sqlite3_reset(s), SQLITE_OK);
		prev = rows[i].hash;
	}
	sqlite3_finalize(s);
	/* as a database of schema 6 upgraded: the key signs from row 4 on */
	assert_int_equal(exec(f, "DROP TRIGGER meta_no_change;"
				 "UPDATE meta SET value = '4' WHERE name = 'audit_key_from'"),
			 SQLITE_OK);
	dorn_store_close(f->st);
	f->st = NULL;
	open_new(f);
	dorn_err_clear(&err);
	assert_int_equal(dorn_store_audit_verify(f->st, NULL, 0, &n, &bad, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(bad, 0);
	assert_int_equal(dorn_store_audit_head(f->st, &head_seq, head, &err), 0);
	assert_string_equal(head, rows[2].hash);
	/* and a row dorn writes itself chains on from them and verifies */
	add_audit(f, 1);
	assert_int_equal(dorn_store_audit_verify(f->st, NULL, 0, &n, &bad, &err), 0);
	assert_int_equal(n, 4);
}

static void test_staff__add_get_and_audit(void **state)
{
	struct fx *f = *state;
	struct dorn_staff s = { .login = "bkaur", .name = "Bal Kaur", .role = DORN_ROLE_OFFICER,
				.active = 1 };
	struct dorn_staff got;
	struct dorn_err err;
	long long n = 0;

	open_new(f);
	assert_int_equal(dorn_store_staff_add(f->st, &s, "sup", &err), 0);
	assert_int_equal(dorn_store_staff_get(f->st, "bkaur", &got, &err), 0);
	assert_string_equal(got.name, "Bal Kaur");
	assert_int_equal(got.role, DORN_ROLE_OFFICER);
	assert_int_equal(dorn_store_staff_add(f->st, &s, "sup", &err), DORN_EDATA);
	assert_non_null(strstr(err.msg, "already registered"));
	assert_int_equal(dorn_store_staff_count(f->st, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit WHERE entity = 'staff'"), 1);
	assert_int_equal(dorn_store_staff_get(f->st, "nobody", &got, &err), DORN_ENOINPUT);
}

static void test_schema__constraints_mirror_the_model(void **state)
{
	struct fx *f = *state;

	open_new(f);
	assert_int_equal(exec(f, "INSERT INTO staff (login, name, role, created)"
				 " VALUES ('a', 'A', 'officer', 'x'), ('b', 'B', 'supervisor', 'x')"),
			 SQLITE_OK);
	/* a URN must be normalised: 11 or 13 upper-case characters */
	assert_int_not_equal(exec(f, "INSERT INTO \"case\" (urn, created_by, created, updated_by,"
				     " updated) VALUES ('01/AB/12345/25', 1, 'x', 1, 'x')"), SQLITE_OK);
	assert_int_equal(exec(f, "INSERT INTO \"case\" (urn, created_by, created, updated_by,"
				 " updated) VALUES ('01AB1234525', 1, 'x', 1, 'x')"), SQLITE_OK);
	/* an impossible date */
	assert_int_not_equal(exec(f, "UPDATE \"case\" SET sentencing_date = '2026-02-31'"),
			     SQLITE_OK);
	/* an item needs a known kind */
	assert_int_not_equal(exec(f, "INSERT INTO item (case_id, position, kind)"
				     " VALUES (1, 1, 'toaster')"), SQLITE_OK);
	/* a case that does not exist */
	assert_int_not_equal(exec(f, "INSERT INTO item (case_id, position, kind)"
				     " VALUES (99, 1, 'phone')"), SQLITE_OK);
	/* nobody reviews their own note, a return needs a comment */
	assert_int_not_equal(exec(f, "INSERT INTO note (case_id, version, body, status, author,"
				     " created, submitted, reviewer, reviewed) VALUES (1, 1, 'b',"
				     " 'approved', 1, 'x', 'x', 1, 'x')"), SQLITE_OK);
	assert_int_not_equal(exec(f, "INSERT INTO note (case_id, version, body, status, author,"
				     " created, submitted, reviewer, reviewed) VALUES (1, 1, 'b',"
				     " 'returned', 1, 'x', 'x', 2, 'x')"), SQLITE_OK);
	assert_int_equal(exec(f, "INSERT INTO note (case_id, version, body, status, author,"
				 " created, submitted, reviewer, reviewed) VALUES (1, 1, 'b',"
				 " 'approved', 1, 'x', 'x', 2, 'x')"), SQLITE_OK);
}

static void test_backup__copy_is_private_and_never_overwrites(void **state)
{
	struct fx *f = *state;
	struct dorn_store *copy = NULL;
	struct dorn_err err;
	char dest[160];
	struct stat sb;
	long long rows = 0, bad = 0;

	open_new(f);
	add_audit(f, 3);
	snprintf(dest, sizeof dest, "%s/copy.db", f->dir);
	assert_int_equal(dorn_store_backup(f->st, dest, &err), 0);
	assert_int_equal(stat(dest, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(dorn_store_backup(f->st, dest, &err), DORN_ECANTCREAT);
	assert_non_null(strstr(err.msg, "does not exist"));
	assert_int_equal(dorn_store_open(&copy, dest, 0, 1000, &err), 0);
	dorn_store_set_key(copy, tu_key);
	assert_int_equal(dorn_store_audit_verify(copy, NULL, 0, &rows, &bad, &err), 0);
	assert_int_equal(rows, 3);
	dorn_store_close(copy);
}

static void test_check__clean_database_has_no_problems(void **state)
{
	struct fx *f = *state;
	struct dorn_buf b;
	struct dorn_err err;
	int problems = -1;

	open_new(f);
	dorn_buf_init(&b);
	assert_int_equal(dorn_store_check(f->st, &b, &problems, &err), 0);
	assert_int_equal(problems, 0);
	/* a dangling reference, made with foreign keys off, is found */
	assert_int_equal(exec(f, "PRAGMA foreign_keys = OFF;"
				 "INSERT INTO case_offence (case_id, code, position)"
				 " VALUES (42, 'SOA66B2', 0); PRAGMA foreign_keys = ON"), SQLITE_OK);
	assert_int_equal(dorn_store_check(f->st, &b, &problems, &err), 0);
	assert_int_equal(problems, 1);
	assert_non_null(strstr(dorn_buf_str(&b), "foreign key"));
	dorn_buf_fini(&b);
}

static void add_staff(struct fx *f, const char *login)
{
	struct dorn_staff s = { .role = DORN_ROLE_OFFICER, .active = 1 };
	struct dorn_err err;

	snprintf(s.login, sizeof s.login, "%s", login);
	snprintf(s.name, sizeof s.name, "Officer %s", login);
	assert_int_equal(dorn_store_staff_add(f->st, &s, "test", &err), 0);
}

static struct dorn_case *sample_case(void)
{
	struct dorn_case *c = dorn_case_new();

	assert_non_null(c);
	snprintf(c->urn, sizeof c->urn, "01AB1234526");
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

static void put(struct fx *f, struct dorn_case *c, const char *by, int want)
{
	struct dorn_err err;

	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	if (dorn_store_case_put(f->st, c, by, "test", &err) != want)
		fail_msg("case_put: %s", err.msg);
	if (want == 0)
		assert_int_equal(dorn_store_commit(f->st, &err), 0);
	else
		dorn_store_rollback(f->st);
}

static void test_case__stored_and_loaded_whole(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case(), *got = dorn_case_new();
	struct dorn_err err;

	open_new(f);
	add_staff(f, "ajones");
	put(f, c, "ajones", 0);
	assert_true(c->id > 0);
	assert_int_equal(c->version, 1);
	assert_int_equal(dorn_store_case_load(f->st, "01AB1234526", got, &err), 0);
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
	assert_int_equal(got->items[1].kind, DORN_KIND_CLOUD);
	assert_int_equal(got->items[1].value_estimate, 0);
	assert_string_equal(got->updated_by, "ajones");
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit WHERE entity = 'case'"
				   " AND action = 'collect'"), 1);
	/* the same URN again is refused */
	got->id = 0;
	put(f, got, "ajones", DORN_EDATA);
	dorn_case_free(c);
	dorn_case_free(got);
}

static void test_case__second_save_from_an_old_copy_is_refused(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case(), *mine = dorn_case_new(), *theirs = dorn_case_new();
	struct dorn_err err;

	open_new(f);
	add_staff(f, "ajones");
	add_staff(f, "bkaur");
	put(f, c, "ajones", 0);
	assert_int_equal(dorn_store_case_load(f->st, c->urn, mine, &err), 0);
	assert_int_equal(dorn_store_case_load(f->st, c->urn, theirs, &err), 0);
	snprintf(theirs->court, sizeof theirs->court, "Their court");
	put(f, theirs, "bkaur", 0);
	assert_int_equal(theirs->version, 2);
	snprintf(mine->court, sizeof mine->court, "My court");
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_case_put(f->st, mine, "ajones", NULL, &err), DORN_ECONFLICT);
	dorn_store_rollback(f->st);
	assert_non_null(strstr(err.msg, "bkaur"));
	assert_non_null(strstr(err.msg, "nothing was saved"));
	assert_int_equal(dorn_store_case_load(f->st, c->urn, mine, &err), 0);
	assert_string_equal(mine->court, "Their court");
	dorn_case_free(c);
	dorn_case_free(mine);
	dorn_case_free(theirs);
}

static void test_note__draft_then_frozen_then_next_version(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case();
	struct dorn_note n;
	struct dorn_err err;
	int version = 0, changed = 0;

	open_new(f);
	add_staff(f, "ajones");
	put(f, c, "ajones", 0);
	assert_int_equal(dorn_store_note_latest(f->st, c->id, &n, &err), DORN_ENOINPUT);
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_note_draft(f->st, c->id, 1, "one", "one", "ajones", &version,
					       &changed, &err), 0);
	assert_int_equal(version, 1);
	assert_int_equal(changed, 1);
	assert_int_equal(dorn_store_note_draft(f->st, c->id, 1, "one", "one", "ajones", &version,
					       &changed, &err), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(dorn_store_note_draft(f->st, c->id, 1, "two", "two", "ajones", &version,
					       &changed, &err), 0);
	assert_int_equal(version, 1);
	assert_int_equal(dorn_store_commit(f->st, &err), 0);
	assert_int_equal(exec(f, "UPDATE note SET status = 'submitted', submitted = 'x'"), SQLITE_OK);
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_note_draft(f->st, c->id, 2, "three", "three", "ajones", &version,
					       &changed, &err), 0);
	assert_int_equal(version, 2);
	assert_int_equal(dorn_store_commit(f->st, &err), 0);
	assert_int_equal(scalar(f, "SELECT count(*) FROM note WHERE body = 'two'"
				   " AND status = 'submitted'"), 1);
	assert_int_equal(dorn_store_note_latest(f->st, c->id, &n, &err), 0);
	assert_int_equal(n.version, 2);
	assert_string_equal(n.body, "three");
	dorn_note_fini(&n);
	dorn_case_free(c);
}

/* Statements the store keeps prepared must never be left mid-step: one
 * would hold a read transaction (a stale snapshot, and a WAL that cannot be
 * checkpointed). After each call, success or failure, nothing runs and no
 * transaction is open. */
static void assert_idle(struct fx *f)
{
	sqlite3 *db = dorn_store_handle(f->st);

	for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s; s = sqlite3_next_stmt(db, s))
		if (sqlite3_stmt_busy(s))
			fail_msg("statement left running: %s", sqlite3_sql(s));
	assert_true(sqlite3_get_autocommit(db));
}

static int count_stmts(struct fx *f)
{
	sqlite3 *db = dorn_store_handle(f->st);
	int n = 0;

	for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s; s = sqlite3_next_stmt(db, s))
		n++;
	return n;
}

static int stop_at_two(const struct dorn_audit_row *r, void *ctx)
{
	(void)ctx;
	return r->seq == 2 ? DORN_ERULE : 0;
}

static void test_stmt__prepared_once_and_never_left_running(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case();
	struct dorn_staff who, dup = { .role = DORN_ROLE_OFFICER, .active = 1 };
	struct dorn_note n, *v = NULL;
	struct dorn_store_queue_row *q = NULL;
	struct dorn_err err;
	size_t nv = 0, nq = 0;
	long long rows = 0, bad = 0;
	int version = 0, changed = 0, before;
	long long head_seq = 0;
	char head[65];

	open_new(f);
	add_staff(f, "ajones");
	add_staff(f, "bsmith");
	assert_idle(f);
	put(f, c, "ajones", 0);
	assert_idle(f);

	/* a statement is kept after its first use; the same calls again
	 * prepare nothing more */
	before = count_stmts(f);
	assert_int_equal(dorn_store_note_latest(f->st, c->id, &n, &err), DORN_ENOINPUT);
	assert_int_equal(count_stmts(f), before + 1);
	before++;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(dorn_store_staff_get(f->st, "ajones", &who, &err), 0);
		assert_int_equal(dorn_store_note_latest(f->st, c->id, &n, &err), DORN_ENOINPUT);
		assert_int_equal(dorn_store_begin(f->st, &err), 0);
		assert_int_equal(dorn_store_commit(f->st, &err), 0);
	}
	assert_int_equal(count_stmts(f), before);
	assert_idle(f);

	/* failures on the way */
	assert_int_equal(dorn_store_staff_get(f->st, "nobody", &who, &err), DORN_ENOINPUT);
	assert_idle(f);
	snprintf(dup.login, sizeof dup.login, "ajones");
	snprintf(dup.name, sizeof dup.name, "Again");
	assert_int_equal(dorn_store_staff_add(f->st, &dup, "test", &err), DORN_EDATA);
	assert_idle(f);
	assert_int_equal(dorn_store_staff_update(f->st, "nobody", DORN_ROLE_OFFICER, 1, "test",
						 &err), DORN_ENOINPUT);
	assert_idle(f);

	/* a note through its life, and a move someone else made first */
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_note_draft(f->st, c->id, 1, "one", "one", "ajones", &version,
					       &changed, &err), 0);
	assert_int_equal(dorn_store_commit(f->st, &err), 0);
	assert_idle(f);
	assert_int_equal(dorn_store_note_latest(f->st, c->id, &n, &err), 0);
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_note_move(f->st, n.id, DORN_NOTE_DRAFT, DORN_NOTE_SUBMITTED, "ajones", NULL,
					      &err), 0);
	assert_int_equal(dorn_store_note_move(f->st, n.id, DORN_NOTE_DRAFT, DORN_NOTE_SUBMITTED, "ajones", NULL,
					      &err), DORN_ERULE);
	dorn_store_rollback(f->st);
	assert_idle(f);
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_note_drop_draft(f->st, c->id, "ajones", &err), 0);
	assert_int_equal(dorn_store_commit(f->st, &err), 0);
	assert_idle(f);
	dorn_note_fini(&n);
	assert_int_equal(dorn_store_note_versions(f->st, c->id, &v, &nv, &err), 0);
	assert_int_equal(nv, 0);
	free(v);
	assert_int_equal(dorn_store_review_queue(f->st, &q, &nq, &err), 0);
	free(q);
	assert_idle(f);

	/* the audit log: a walk stopped by its callback, a head, a broken chain */
	assert_int_equal(dorn_store_audit_each(f->st, NULL, stop_at_two, NULL, &err),
			 DORN_ERULE);
	assert_idle(f);
	assert_int_equal(dorn_store_audit_head(f->st, &head_seq, head, &err), 0);
	assert_int_equal(exec(f, "DROP TRIGGER audit_no_update"), SQLITE_OK);
	assert_int_equal(exec(f, "UPDATE audit SET reason = 'x' WHERE seq = 2"), SQLITE_OK);
	assert_int_equal(dorn_store_audit_verify(f->st, NULL, 0, &rows, &bad, &err), DORN_EDATA);
	assert_idle(f);
	dorn_case_free(c);
}

static int count_row(const struct dorn_case_row *r, void *ctx)
{
	(void)r;
	(*(size_t *)ctx)++;
	return 0;
}

static size_t count(struct fx *f, const struct dorn_case_query *q)
{
	struct dorn_err err;
	size_t n = 0;

	assert_int_equal(dorn_store_case_page(f->st, q, NULL, 0, 0, count_row, &n, &err), 0);
	return n;
}

static void test_search__words_as_prefixes_never_syntax(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case();
	struct dorn_case_query q = { 0 };

	open_new(f);
	add_staff(f, "ajones");
	put(f, c, "ajones", 0);
	q.search = "fict line";
	assert_int_equal(count(f, &q), 1);
	q.search = "01/AB/12345";
	assert_int_equal(count(f, &q), 1);
	/* FTS5 operators typed by a user are only words */
	q.search = "NEAR(\"x\" OR *) AND -";
	assert_int_equal(count(f, &q), 0);
	q.search = NULL;
	q.status = "draft";
	assert_int_equal(count(f, &q), 0);
	dorn_case_free(c);
}

/* The list's queries read index ranges in order: a plan that sorts
 * (USE TEMP B-TREE FOR ORDER BY) would make every page cost the whole
 * list again. The search-first query alone sorts, and only its matches; it
 * and the count of matches must start at the FTS index. The parts' queries
 * filter by a search with a list of the matches made once per query (LIST
 * SUBQUERY), never an FTS5 query per row (CORRELATED). */
static void test_list__queries_never_sort_the_cases(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	size_t i;

	open_new(f);
	db = dorn_store_handle(f->st);
	for (i = 0; dorn_store_list_sql(i); i++) {
		const char *sql = dorn_store_list_sql(i);
		char *plan = NULL, *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		size_t len = 0;
		sqlite3_stmt *s;
		int counts = strstr(sql, "count(*)") != NULL;
		int search = counts || strstr(sql, "MATCH ?8) m") != NULL, sorts = 0, per_row = 0;

		assert_non_null(q);
		assert_int_equal(sqlite3_prepare_v2(db, q, -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(s, 3);
			char *grown = realloc(plan, len + strlen(d) + 2);

			assert_non_null(grown);
			plan = grown;
			sprintf(plan + len, "%s\n", d);
			len += strlen(d) + 1;
			/* A sort inside a row's own subquery (its few offences) is
			 * not a sort of the cases: only the top level counts. */
			if (sqlite3_column_int(s, 1) == 0 && strstr(d, "TEMP B-TREE"))
				sorts = 1;
			if (len == strlen(d) + 1 && !counts) /* the first step: where it starts */
				assert_non_null(search ? strstr(d, "case_search VIRTUAL TABLE")
						       : strstr(d, "SEARCH"));
			if (!search && strstr(d, "CORRELATED") && !strstr(d, "SCALAR"))
				per_row = 1;
		}
		sqlite3_finalize(s);
		sqlite3_free(q);
		assert_non_null(plan);
		if (counts)
			assert_non_null(strstr(plan, "case_search VIRTUAL TABLE"));
		if (!search && sorts)
			fail_msg("query %zu sorts:\n%s\n%s", i, plan, sql);
		if (!search && (per_row || !strstr(plan, "LIST SUBQUERY")))
			fail_msg("query %zu filters a search per row:\n%s\n%s", i, plan, sql);
		free(plan);
	}
	assert_int_equal(i, 10);
}

/* What the list reads in place of the dates and notes follows every write. */
static void test_list__columns_follow_the_case_and_its_note(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case();
	struct dorn_err err;
	int version = 0, changed = 0;

	open_new(f);
	add_staff(f, "ajones");
	add_staff(f, "bsmith");
	snprintf(c->next_hearing, sizeof c->next_hearing, "2026-12-01");
	put(f, c, "ajones", 0);
	assert_int_equal(scalar(f, "SELECT due_lo = '2026-12-01' AND due_hi = '2026-12-10'"
				   " AND note_status = 'none' AND note_version = 0 FROM \"case\""), 1);
	assert_int_equal(scalar(f, "SELECT group_concat(date || '/' || lo || '/' || urn, ' ')"
				   " = '2026-12-01/2026-12-01/01AB1234526"
				   " 2026-12-10/2026-12-01/01AB1234526' FROM"
				   " (SELECT * FROM case_due ORDER BY date)"), 1);
	/* the same date twice is one row; a new URN moves with it */
	snprintf(c->next_hearing, sizeof c->next_hearing, "2026-12-10");
	snprintf(c->urn, sizeof c->urn, "01AB1234527");
	put(f, c, "ajones", 0);
	assert_int_equal(scalar(f, "SELECT count(*) FROM case_due WHERE urn = '01AB1234527'"
				   " AND date = '2026-12-10' AND lo = '2026-12-10'"), 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM case_due"), 1);
	c->next_hearing[0] = c->sentencing_date[0] = '\0';
	put(f, c, "ajones", 0);
	assert_int_equal(scalar(f, "SELECT count(*) FROM case_due"), 0);
	assert_int_equal(scalar(f, "SELECT due_lo IS NULL AND due_hi IS NULL FROM \"case\""), 1);

	/* draft, submitted, returned, dropped */
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_note_draft(f->st, c->id, c->version, "one", "one", "ajones",
					       &version, &changed, &err), 0);
	assert_int_equal(dorn_store_commit(f->st, &err), 0);
	assert_int_equal(scalar(f, "SELECT note_status = 'draft' AND note_version = 1"
				   " FROM \"case\""), 1);
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_note_move(f->st, scalar(f, "SELECT id FROM note"),
					      DORN_NOTE_DRAFT, DORN_NOTE_SUBMITTED, "ajones", NULL, &err), 0);
	assert_int_equal(dorn_store_commit(f->st, &err), 0);
	assert_int_equal(scalar(f, "SELECT note_status = 'submitted' FROM \"case\""), 1);
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_note_move(f->st, scalar(f, "SELECT id FROM note"),
					      DORN_NOTE_SUBMITTED, DORN_NOTE_RETURNED, "bsmith", "why",
					      &err), 0);
	assert_int_equal(dorn_store_note_draft(f->st, c->id, c->version, "two", "two", "ajones",
					       &version, &changed, &err), 0);
	assert_int_equal(dorn_store_commit(f->st, &err), 0);
	assert_int_equal(scalar(f, "SELECT note_status = 'draft' AND note_version = 2"
				   " FROM \"case\""), 1);
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_note_drop_draft(f->st, c->id, "ajones", &err), 0);
	assert_int_equal(dorn_store_commit(f->st, &err), 0);
	assert_int_equal(scalar(f, "SELECT note_status = 'returned' AND note_version = 1"
				   " FROM \"case\""), 1);
	dorn_case_free(c);
}


/* ---- issue 12: the keyed log, anchors, content, reading, the file held ---- */

static void test_audit__no_key_no_row(void **state)
{
	struct fx *f = *state;
	struct dorn_audit_rec a = { .login = "x", .action = DORN_AUDIT_ALTER, .entity = "case" };
	struct dorn_err err;

	dorn_err_clear(&err);
	assert_int_equal(dorn_store_open(&f->st, f->db, DORN_STORE_CREATE, 1000, &err), 0);
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_audit(f->st, &a, &err), DORN_ECONFIG);
	dorn_store_rollback(f->st);
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit"), 0);
}

static void test_audit__other_key_fails_every_row(void **state)
{
	struct fx *f = *state;
	static const unsigned char other[32] = "not the key the rows were made w";
	struct dorn_err err;
	long long rows = 0, bad = 0;

	open_new(f);
	add_audit(f, 3);
	dorn_store_set_key(f->st, other);
	assert_int_equal(dorn_store_audit_verify(f->st, NULL, 0, &rows, &bad, &err), DORN_EDATA);
	assert_int_equal(bad, 1);
	assert_non_null(strstr(err.msg, "MAC"));
}

static void test_audit__anchor_finds_cut_and_rewrite(void **state)
{
	struct fx *f = *state;
	struct dorn_audit_anchor a;
	struct dorn_err err;
	long long rows = 0, bad = 0;

	open_new(f);
	add_audit(f, 4);
	assert_int_equal(dorn_store_audit_head(f->st, &a.seq, a.mac, &err), 0);
	assert_int_equal(a.seq, 4);
	assert_int_equal(dorn_store_audit_verify(f->st, &a, 1, &rows, &bad, &err), 0);
	/* cut back to row 2: the chain that is left is whole, the anchor is not */
	assert_int_equal(exec(f, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > 2"),
			 SQLITE_OK);
	assert_int_equal(dorn_store_audit_verify(f->st, NULL, 0, &rows, &bad, &err), 0);
	assert_int_equal(dorn_store_audit_verify(f->st, &a, 1, &rows, &bad, &err), DORN_EDATA);
	assert_int_equal(bad, 4);
	assert_non_null(strstr(err.msg, "cut"));
	/* rows written again up to 4: a different row 4 than the anchor's */
	add_audit(f, 2);
	assert_int_equal(dorn_store_audit_verify(f->st, NULL, 0, &rows, &bad, &err), 0);
	assert_int_equal(dorn_store_audit_verify(f->st, &a, 1, &rows, &bad, &err), DORN_EDATA);
	assert_int_equal(bad, 4);
	assert_non_null(strstr(err.msg, "rewritten"));
}

static void test_audit__content_edits_found(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case();
	struct dorn_buf report;
	struct dorn_err err;
	int problems = 0;

	open_new(f);
	add_staff(f, "ajones");
	put(f, c, "ajones", 0);
	dorn_buf_init(&report);
	assert_int_equal(dorn_store_content_check(f->st, &report, &problems, &err), 0);
	assert_int_equal(problems, 0);
	/* the list's own columns are derived, not content: no finding */
	assert_int_equal(exec(f, "UPDATE \"case\" SET note_version = 7"), SQLITE_OK);
	problems = 0;
	assert_int_equal(dorn_store_content_check(f->st, &report, &problems, &err), 0);
	assert_int_equal(problems, 0);
	assert_int_equal(exec(f, "UPDATE victim SET name = 'Someone Else'"), SQLITE_OK);
	assert_int_equal(dorn_store_content_check(f->st, &report, &problems, &err), 0);
	assert_int_equal(problems, 1);
	assert_non_null(strstr(dorn_buf_str(&report), "case 1 was changed outside dorn"));
	dorn_buf_fini(&report);
	dorn_case_free(c);
}

/* ---- retention and erasure ---- */

/* Every table whose rows belong to a case (a foreign key to it) is one
 * that erasing a case empties of it, and the search index too. */
static void test_erase__every_table_that_refers_to_a_case(void **state)
{
	static const char sql[] =
		"SELECT m.name FROM sqlite_schema m, pragma_foreign_key_list(m.name) k"
		" WHERE m.type = 'table' AND k.\"table\" = 'case' ORDER BY m.name";
	struct fx *f = *state;
	sqlite3_stmt *s;
	int tables = 0;

	open_new(f);
	assert_int_equal(sqlite3_prepare_v2(dorn_store_handle(f->st), sql, -1, &s, NULL),
			 SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		int listed = 0;

		for (size_t i = 0; dorn_store_erase_table(i); i++)
			listed |= strcmp(dorn_store_erase_table(i), t) == 0;
		if (!listed)
			fail_msg("table %s refers to a case, and erasing a case leaves it alone", t);
		tables++;
	}
	sqlite3_finalize(s);
	assert_true(tables >= 9);
	for (const char *must[] = { "case_search", "case", NULL }, **m = must; *m; m++) {
		int listed = 0;

		for (size_t i = 0; dorn_store_erase_table(i); i++)
			listed |= strcmp(dorn_store_erase_table(i), *m) == 0;
		assert_true(listed);
	}
}

static void test_erase__nothing_of_the_case_stays_but_its_figure(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = sample_case(), *other = sample_case();
	struct dorn_erased e;
	struct dorn_buf report;
	struct dorn_err err;
	char q[256];
	int version = 0, changed = 0, problems = 0;

	open_new(f);
	add_staff(f, "ajones");
	put(f, c, "ajones", 0);
	snprintf(other->urn, sizeof other->urn, "01AB5432126");
	snprintf(other->victim.reference, sizeof other->victim.reference, "V-2");
	put(f, other, "ajones", 0);
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_note_draft(f->st, c->id, 1, "Line one.", "Line one.", "ajones",
					       &version, &changed, &err), 0);
	assert_int_equal(dorn_store_commit(f->st, &err), 0);
	/* the store keeps the case's figure row in step: it is there already */
	assert_int_equal(scalar(f, "SELECT count(*) FROM figure WHERE case_id = 1 AND items = 2"),
			 1);
	assert_int_equal(exec(f, "INSERT INTO outcome (case_id, court) VALUES (1, 'A court')"),
			 SQLITE_OK);

	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	if (dorn_store_case_erase(f->st, c->id, "ajones", "erased on review: done",
				  "00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff",
				  &e, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(dorn_store_commit(f->st, &err), 0);
	assert_int_equal(e.items, 2);
	assert_int_equal(e.notes, 1);
	assert_true(e.authors >= 1);
	assert_int_equal(e.offences, 1);
	assert_int_equal(e.victim, 1);
	assert_int_equal(e.concern, 1);
	assert_int_equal(e.outcome, 1);
	assert_int_equal(e.dates, 1);
	assert_int_equal(e.search, 1);
	assert_int_equal(e.figures, 1);
	for (size_t i = 0; dorn_store_erase_table(i); i++) {
		const char *t = dorn_store_erase_table(i);

		if (!strcmp(t, "case"))
			snprintf(q, sizeof q, "SELECT count(*) FROM \"case\" WHERE id = 1");
		else if (!strcmp(t, "case_search"))
			snprintf(q, sizeof q, "SELECT count(*) FROM case_search WHERE rowid = 1");
		else
			snprintf(q, sizeof q, "SELECT count(*) FROM %s WHERE case_id = 1", t);
		if (scalar(f, q) != 0)
			fail_msg("%s still holds the case", t);
	}
	/* the other case is whole */
	assert_int_equal(scalar(f, "SELECT count(*) FROM concern WHERE case_id = 2"), 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM case_search WHERE case_search MATCH"
				   " 'fictional'"), 1);
	/* the figure stays, without its case */
	assert_int_equal(scalar(f, "SELECT count(*) FROM figure WHERE case_id IS NULL"
				   " AND erased = 1 AND items = 2"), 1);
	/* one erase row for the case, holding no URN; one per note version */
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit WHERE action = 'erase'"
				   " AND entity = 'case' AND entity_id = 1 AND detail LIKE"
				   " 'urn-hmac-sha256:00ff%; removed: 2 items, 1 note version, %'"
				   " AND detail NOT LIKE '%01AB%' AND digest = printf('%064d', 0)"),
			 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit WHERE action = 'erase'"
				   " AND entity = 'note'"), 1);
	/* the records and the log agree, and the search index is sound */
	dorn_buf_init(&report);
	assert_int_equal(dorn_store_content_check(f->st, &report, &problems, &err), 0);
	assert_int_equal(problems, 0);
	assert_int_equal(dorn_store_check(f->st, &report, &problems, &err), 0);
	assert_int_equal(problems, 0);
	assert_int_equal(exec(f, "INSERT INTO case_search (case_search) VALUES"
				 " ('integrity-check')"), SQLITE_OK);
	dorn_buf_fini(&report);
	/* gone is gone: a second erasure finds nothing */
	assert_int_equal(dorn_store_begin(f->st, &err), 0);
	assert_int_equal(dorn_store_case_erase(f->st, c->id, "ajones", "again", "00", &e, &err),
			 DORN_ENOINPUT);
	dorn_store_rollback(f->st);
	dorn_case_free(c);
	dorn_case_free(other);
}

/* The URN is kept only as an HMAC under the audit key: the same URN gives
 * the same value, another key or label another, and it is not SHA-256. */
static void test_erase__urn_hash_is_keyed(void **state)
{
	static const unsigned char other_key[32] = "another unit's audit key, 32 B.";
	struct fx *f = *state;
	struct dorn_err err;
	char a[65], b[65], k[65], l[65], plain[65];

	open_new(f);
	assert_int_equal(dorn_store_keyed_hash(f->st, "dorn-erased-urn-v1", "01AB1234526", a,
					       &err), 0);
	assert_int_equal(dorn_store_keyed_hash(f->st, "dorn-erased-urn-v1", "01AB1234526", b,
					       &err), 0);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 64);
	assert_int_equal(dorn_store_keyed_hash(f->st, "another-label", "01AB1234526", l, &err), 0);
	assert_string_not_equal(a, l);
	assert_int_equal(dorn_sha256_hex("dorn-erased-urn-v1\n01AB1234526", 30, plain), 0);
	assert_string_not_equal(a, plain);
	dorn_store_set_key(f->st, other_key);
	assert_int_equal(dorn_store_keyed_hash(f->st, "dorn-erased-urn-v1", "01AB1234526", k,
					       &err), 0);
	assert_string_not_equal(a, k);
}

static void test_audit__seal_records_what_is_there(void **state)
{
	struct fx *f = *state;
	struct dorn_buf report;
	struct dorn_err err;
	int problems = 0;

	open_new(f);
	/* rows of an older dorn: no digest */
	assert_int_equal(exec(f, "INSERT INTO staff (login, name, role, created)"
				 " VALUES ('old', 'Old Hand', 'officer', '2026-01-01T00:00:00Z')"),
			 SQLITE_OK);
	dorn_buf_init(&report);
	assert_int_equal(dorn_store_content_check(f->st, &report, &problems, &err), 0);
	assert_int_equal(problems, 1);
	assert_int_equal(dorn_store_audit_seal(f->st, "admin", &err), 0);
	problems = 0;
	assert_int_equal(dorn_store_content_check(f->st, &report, &problems, &err), 0);
	assert_int_equal(problems, 0);
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit WHERE action = 'seal'"), 2);
	dorn_buf_fini(&report);
}

static void test_open__reader_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct dorn_store *r = NULL;
	struct dorn_err err;
	char copy[200], cmd[500];

	open_new(f);
	add_audit(f, 2);
	snprintf(copy, sizeof copy, "%s/copy.db", f->dir);
	assert_int_equal(dorn_store_backup(f->st, copy, &err), 0);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s.before'", copy, copy);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(dorn_store_open(&r, copy, DORN_STORE_READ, 1000, &err), 0);
	assert_true(dorn_store_readonly(r));
	dorn_store_close(r);
	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s.before'", copy, copy);
	assert_int_equal(system(cmd), 0);
}

static void test_open__file_info_is_the_file_opened(void **state)
{
	struct fx *f = *state;
	struct dorn_err err;
	unsigned uid, gid, mode;
	char other[200];
	int fd;

	open_new(f);
	/* the path now names another file, of other mode: what counts is the
	 * file SQLite holds */
	snprintf(other, sizeof other, "%s/other.db", f->dir);
	fd = open(other, O_WRONLY | O_CREAT, 0640);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(chmod(other, 0640), 0);
	assert_int_equal(rename(other, f->db), 0);
	dorn_store_file_info(f->st, &uid, &gid, &mode);
	assert_int_equal(uid, getuid());
	assert_int_equal(mode, 0600);
	(void)err;
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_migrate__from_empty_creates_every_table),
		T(test_migrate__applied_twice_changes_nothing),
		T(test_migrate__newer_database_refused),
		T(test_open__missing_without_create),
		T(test_open__world_readable_refused),
		T(test_open__not_a_dorn_database),
		T(test_audit__chain_verifies),
		T(test_audit__outside_transaction_refused),
		T(test_audit__append_only_for_dorn),
		T(test_audit__changed_row_detected),
		T(test_audit__deleted_row_detected),
		T(test_audit__renumbered_rows_detected),
		T(test_audit__hash_format_pinned),
		T(test_staff__add_get_and_audit),
		T(test_schema__constraints_mirror_the_model),
		T(test_backup__copy_is_private_and_never_overwrites),
		T(test_check__clean_database_has_no_problems),
		T(test_case__stored_and_loaded_whole),
		T(test_case__second_save_from_an_old_copy_is_refused),
		T(test_note__draft_then_frozen_then_next_version),
		T(test_search__words_as_prefixes_never_syntax),
		T(test_stmt__prepared_once_and_never_left_running),
		T(test_list__queries_never_sort_the_cases),
		T(test_list__columns_follow_the_case_and_its_note),
		T(test_audit__no_key_no_row),
		T(test_audit__other_key_fails_every_row),
		T(test_audit__anchor_finds_cut_and_rewrite),
		T(test_audit__content_edits_found),
		T(test_audit__seal_records_what_is_there),
		T(test_erase__every_table_that_refers_to_a_case),
		T(test_erase__nothing_of_the_case_stays_but_its_figure),
		T(test_erase__urn_hash_is_keyed),
		T(test_open__reader_changes_nothing),
		T(test_open__file_info_is_the_file_opened),
	};

	umask(077);
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
