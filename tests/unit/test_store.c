/* The database: migrations, permissions, the audit chain, staff. */
#include "testutil.h"

#include <sqlite3.h>

#include "dorn/buf.h"
#include "dorn/err.h"
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
	assert_int_equal(dorn_store_audit_verify(f->st, &rows, &bad, &err), 0);
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
	assert_int_equal(dorn_store_audit_verify(f->st, &rows, &bad, &err), DORN_EDATA);
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
	assert_int_equal(dorn_store_audit_verify(f->st, &rows, &bad, &err), DORN_EDATA);
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
	assert_int_equal(dorn_store_audit_verify(f->st, &rows, &bad, &err), DORN_EDATA);
	assert_int_equal(bad, 2);
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
	assert_int_equal(dorn_store_audit_verify(copy, &rows, &bad, &err), 0);
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
		T(test_staff__add_get_and_audit),
		T(test_schema__constraints_mirror_the_model),
		T(test_backup__copy_is_private_and_never_overwrites),
		T(test_check__clean_database_has_no_problems),
	};

	umask(077);
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
