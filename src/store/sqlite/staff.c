/* Staff records: who may use this database, and in which role. */
#include <stdio.h>
#include <string.h>

#include "priv.h"

static void staff_from(sqlite3_stmt *s, struct dorn_staff *out)
{
	const unsigned char *role;

	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, out->login, sizeof out->login);
	store_col_copy(s, 2, out->name, sizeof out->name);
	role = sqlite3_column_text(s, 3);
	out->role = role && strcmp((const char *)role, "supervisor") == 0
			    ? DORN_ROLE_SUPERVISOR : DORN_ROLE_OFFICER;
	out->active = sqlite3_column_int(s, 4);
	store_col_copy(s, 5, out->contact, sizeof out->contact);
}

#define STAFF_COLS "id, login, name, role, active, contact"

int sq_staff_get(struct dorn_store *st, const char *login,
			 struct dorn_staff *out, struct dorn_err *err)
{
	static const char sql[] = "SELECT " STAFF_COLS " FROM staff WHERE login = ?";
	sqlite3_stmt *s = NULL;
	int rc = store_stmt(st, STMT_STAFF_GET, sql, &s, err);

	if (rc)
		return rc;
	rc = store_bind_text(s, 1, login);
	if (!rc)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		staff_from(s, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = dorn_err_set(err, DORN_ENOINPUT, "no staff record for '%s'", login);
	} else {
		rc = store_fail(st, err, rc, "reading staff", sql);
	}
	store_release(s);
	return rc;
}

int sq_staff_add(struct dorn_store *st, const struct dorn_staff *in,
			 const char *by_login, struct dorn_err *err)
{
	static const char sql[] =
		"INSERT INTO staff (login, name, role, active, created, contact)"
		" VALUES (?,?,?,?,?,?)";
	struct dorn_audit_rec a = { 0 };
	struct dorn_staff old;
	sqlite3_stmt *s = NULL;
	char now[32];
	int rc;

	rc = sq_begin(st, err);
	if (rc)
		return rc;
	if (sq_staff_get(st, in->login, &old, NULL) == 0) {
		rc = dorn_err_set(err, DORN_EDATA, "'%s' is already registered (%s, %s%s)",
				  in->login, old.name, dorn_role_word(old.role),
				  old.active ? "" : ", deactivated");
		goto out;
	}
	rc = store_stmt(st, STMT_STAFF_ADD, sql, &s, err);
	if (rc)
		goto out;
	store_now(now);
	rc = store_bind_text(s, 1, in->login);
	if (!rc)
		rc = store_bind_text(s, 2, in->name);
	if (!rc)
		rc = store_bind_text(s, 3, dorn_role_word(in->role));
	if (!rc)
		rc = sqlite3_bind_int(s, 4, in->active ? 1 : 0);
	if (!rc)
		rc = store_bind_text(s, 5, now);
	if (!rc)
		rc = store_bind_text(s, 6, in->contact);
	if (!rc)
		rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, err, rc, "adding staff", sql);
		goto out;
	}
	store_release(s);
	s = NULL;
	a.login = by_login;
	a.action = DORN_AUDIT_COLLECT;
	a.entity = "staff";
	a.entity_id = sqlite3_last_insert_rowid(st->db);
	a.reason = in->role == DORN_ROLE_SUPERVISOR ? "added as supervisor" : "added as officer";
	rc = sq_audit(st, &a, err);
	if (!rc)
		rc = sq_commit(st, err);
out:
	store_release(s);
	if (rc)
		sq_rollback(st);
	return rc;
}

int sq_staff_each(struct dorn_store *st,
			  int (*cb)(const struct dorn_staff *, void *), void *ctx,
			  struct dorn_err *err)
{
	static const char sql[] = "SELECT " STAFF_COLS " FROM staff ORDER BY login";
	struct dorn_staff row;
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err);

	if (rc)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		staff_from(s, &row);
		rc = cb(&row, ctx);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading staff", sql);
out:
	sqlite3_finalize(s);
	return rc;
}

int sq_staff_count(struct dorn_store *st, long long *n, struct dorn_err *err)
{
	return store_scalar(st, "SELECT count(*) FROM staff", n, "counting staff", err);
}

int sq_staff_update(struct dorn_store *st, const char *login, int role, int active,
			    const char *by, struct dorn_err *err)
{
	static const char sql[] = "UPDATE staff SET role = ?, active = ? WHERE login = ?";
	struct dorn_audit_rec a = { .login = by, .action = DORN_AUDIT_ALTER, .entity = "staff" };
	struct dorn_staff old;
	sqlite3_stmt *s = NULL;
	char why[64];
	int rc;

	rc = sq_begin(st, err);
	if (rc)
		return rc;
	rc = sq_staff_get(st, login, &old, err);
	if (rc)
		goto out;
	if ((rc = store_stmt(st, STMT_STAFF_UPDATE, sql, &s, err)))
		goto out;
	rc = store_bind_text(s, 1, dorn_role_word(role));
	if (!rc)
		rc = sqlite3_bind_int(s, 2, active ? 1 : 0);
	if (!rc)
		rc = store_bind_text(s, 3, login);
	if (!rc)
		rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "changing staff", sql);
	if (rc)
		goto out;
	store_release(s);
	s = NULL;
	snprintf(why, sizeof why, "%s, %s", dorn_role_word(role), active ? "active" : "deactivated");
	a.entity_id = old.id;
	a.reason = why;
	rc = sq_audit(st, &a, err);
	if (!rc)
		rc = sq_commit(st, err);
out:
	store_release(s);
	if (rc)
		sq_rollback(st);
	return rc;
}

int sq_staff_contact(struct dorn_store *st, const char *login, const char *contact,
			     const char *by, struct dorn_err *err)
{
	static const char sql[] = "UPDATE staff SET contact = ? WHERE login = ?";
	struct dorn_audit_rec a = { .login = by, .action = DORN_AUDIT_ALTER, .entity = "staff",
				    .reason = "contact details" };
	struct dorn_staff old;
	sqlite3_stmt *s = NULL;
	int rc = sq_begin(st, err);

	if (rc)
		return rc;
	rc = sq_staff_get(st, login, &old, err);
	if (!rc)
		rc = store_stmt(st, STMT_STAFF_CONTACT, sql, &s, err);
	if (rc)
		goto out;
	rc = store_bind_text(s, 1, contact);
	if (!rc)
		rc = store_bind_text(s, 2, login);
	if (!rc)
		rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "changing staff", sql);
	store_release(s);
	s = NULL;
	a.entity_id = old.id;
	if (!rc)
		rc = sq_audit(st, &a, err);
	if (!rc)
		rc = sq_commit(st, err);
out:
	store_release(s);
	if (rc)
		sq_rollback(st);
	return rc;
}
