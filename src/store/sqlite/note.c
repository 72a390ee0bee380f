/* Versions of the note. A draft is rewritten as the case changes; once
 * submitted its text is frozen, and any later change starts a new version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/text.h"
#include "priv.h"

static const char latest_sql[] =
	"SELECT n.id, n.case_id, n.version, n.status, n.body, a.login, a.name, n.created,"
	" coalesce(n.submitted, ''), coalesce(r.login, ''), coalesce(r.name, ''),"
	" coalesce(n.reviewed, ''), n.review_comment, n.case_version, n.model"
	" FROM note n JOIN staff a ON a.id = n.author LEFT JOIN staff r ON r.id = n.reviewer"
	" WHERE n.case_id = ? ORDER BY n.version DESC LIMIT 1";

/* Copy column text into out (n bytes), cut at a character boundary. */
static void col_cut(sqlite3_stmt *s, int col, char *out, size_t n)
{
	const char *t = (const char *)sqlite3_column_text(s, col);
	size_t len = t ? strlen(t) : 0;

	if (len >= n)
		len = dorn_utf8_prev(t, n); /* the last whole character that fits */
	memcpy(out, t ? t : "", len);
	out[len] = '\0';
}

static const char authors_sql[] =
	"SELECT s.login, s.name, a.first_change, a.act, a.how, a.since_version"
	" FROM note_author a JOIN staff s ON s.id = a.staff_id"
	" WHERE a.case_id = ?1 AND a.version = ?2 ORDER BY a.since_version, a.id";

int sq_note_authors(struct dorn_store *st, long long case_id, int version,
			    struct dorn_note_author **rows, size_t *n, struct dorn_err *err)
{
	struct dorn_note_author *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *s = NULL;
	int rc = store_stmt(st, STMT_AUTHORS, authors_sql, &s, err);

	*rows = NULL;
	*n = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, version);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct dorn_note_author *a;

		if (dorn_grow(&v, &cap, len + 1, sizeof *v)) {
			store_release(s);
			free(v);
			return dorn_err_set(err, DORN_ENOMEM, "out of memory");
		}
		a = &v[len++];
		memset(a, 0, sizeof *a);
		store_col_copy(s, 0, a->login, sizeof a->login);
		store_col_copy(s, 1, a->name, sizeof a->name);
		store_col_copy(s, 2, a->first, sizeof a->first);
		a->act = dorn_author_act_of((const char *)sqlite3_column_text(s, 3));
		col_cut(s, 4, a->how, sizeof a->how);
		a->since_version = sqlite3_column_int(s, 5);
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading who wrote the note",
						authors_sql);
	store_release(s);
	if (rc) {
		free(v);
		return rc;
	}
	*rows = v;
	*n = len;
	return 0;
}

/* The version's authors into n (the first DORN_NOTE_AUTHORS_MAX). */
static int note_authors_into(struct dorn_store *st, struct dorn_note *n, struct dorn_err *err)
{
	struct dorn_note_author *rows = NULL;
	size_t len = 0;
	int rc = sq_note_authors(st, n->case_id, n->version, &rows, &len, err);

	if (rc)
		return rc;
	n->authors_total = len;
	n->nauthors = len < DORN_NOTE_AUTHORS_MAX ? len : DORN_NOTE_AUTHORS_MAX;
	if (n->nauthors)
		memcpy(n->authors, rows, n->nauthors * sizeof rows[0]);
	free(rows);
	return 0;
}

int sq_note_author_get(struct dorn_store *st, long long case_id, int version,
			       const char *login, struct dorn_note_author *out,
			       struct dorn_err *err)
{
	struct dorn_note_author *rows = NULL;
	size_t len = 0;
	int rc = sq_note_authors(st, case_id, version, &rows, &len, err);

	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	rc = DORN_ENOINPUT;
	for (size_t i = 0; i < len && rc; i++)
		if (strcmp(rows[i].login, login) == 0) {
			*out = rows[i];
			rc = 0;
		}
	free(rows);
	return rc ? dorn_err_set(err, rc, "'%s' did not write version %d", login, version) : 0;
}

/* The version open to changes: the draft's, else the one after the
 * latest (frozen) version, else 1; and whether the one before it was
 * returned, whose authors then carry over. */
static int open_version(struct dorn_store *st, long long case_id, int *version, int *after_return,
			struct dorn_err *err)
{
	static const char sql[] =
		"SELECT version, status FROM note WHERE case_id = ? ORDER BY version DESC LIMIT 1";
	sqlite3_stmt *s = NULL;
	int rc = store_stmt(st, STMT_NOTE_OPEN_VERSION, sql, &s, err);

	*version = 1;
	*after_return = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(s, 1);

		*version = sqlite3_column_int(s, 0);
		if (status && strcmp(status, "draft") != 0) {
			*after_return = strcmp(status, "returned") == 0;
			++*version;
		} else if (*version > 1) {
			/* A draft after a returned version carries its authors too;
			 * they were copied when it began, so asking again is cheap. */
			*after_return = 1;
		}
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = store_fail(st, err, rc, "finding the note's open version", sql);
	}
	store_release(s);
	return rc;
}

int sq_note_author_add(struct dorn_store *st, long long case_id, const char *by,
			       int act, const char *how, struct dorn_err *err)
{
	/* Only when the version before was returned (checked in SQL, as the
	 * draft's own row does not say); the earliest change of each person
	 * wins, so carried rows go first and keep their own time. */
	static const char carry_sql[] =
		"INSERT OR IGNORE INTO note_author (case_id, version, staff_id, first_change, act,"
		" how, since_version) SELECT case_id, ?2, staff_id, first_change, act, how,"
		" since_version FROM note_author WHERE case_id = ?1 AND version = ?2 - 1"
		" AND EXISTS (SELECT 1 FROM note n WHERE n.case_id = ?1 AND n.version = ?2 - 1"
		" AND n.status = 'returned') ORDER BY since_version, id";
	static const char add_sql[] =
		"INSERT OR IGNORE INTO note_author (case_id, version, staff_id, first_change, act,"
		" how, since_version) SELECT ?1, ?2, id, ?3, ?4, ?5, ?2 FROM staff WHERE login = ?6";
	sqlite3_stmt *s = NULL;
	char now[32], cut[201];
	size_t len = how ? strlen(how) : 0;
	int rc, version, after_return;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "author noted outside a transaction (a bug)");
	if ((rc = open_version(st, case_id, &version, &after_return, err)))
		return rc;
	store_now(now);
	/* The reason as the audit log has it, cut to the column's limit. */
	if (len >= sizeof cut)
		len = dorn_utf8_prev(how, sizeof cut);
	memcpy(cut, how ? how : "", len);
	cut[len] = '\0';
	for (int i = after_return ? 0 : 1; i < 2 && !rc; i++) {
		const char *sql = i ? add_sql : carry_sql;

		if ((rc = store_stmt(st, i ? STMT_AUTHOR_ADD : STMT_AUTHOR_CARRY, sql, &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, case_id);
		sqlite3_bind_int(s, 2, version);
		if (i) {
			store_bind_text(s, 3, now);
			store_bind_text(s, 4, dorn_author_act_word(act));
			store_bind_text(s, 5, cut);
			store_bind_text(s, 6, by);
		}
		rc = sqlite3_step(s);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "noting who wrote the note", sql);
		store_release(s);
	}
	return rc;
}

static int note_from(sqlite3_stmt *s, struct dorn_note *n)
{
	const unsigned char *body = sqlite3_column_text(s, 4);

	memset(n, 0, sizeof *n);
	n->id = sqlite3_column_int64(s, 0);
	n->case_id = sqlite3_column_int64(s, 1);
	n->version = sqlite3_column_int(s, 2);
	n->status = dorn_note_status_of((const char *)sqlite3_column_text(s, 3));
	n->body = strdup(body ? (const char *)body : "");
	store_col_copy(s, 5, n->author, sizeof n->author);
	store_col_copy(s, 6, n->author_name, sizeof n->author_name);
	store_col_copy(s, 7, n->created, sizeof n->created);
	store_col_copy(s, 8, n->submitted, sizeof n->submitted);
	store_col_copy(s, 9, n->reviewer, sizeof n->reviewer);
	store_col_copy(s, 10, n->reviewer_name, sizeof n->reviewer_name);
	store_col_copy(s, 11, n->reviewed, sizeof n->reviewed);
	store_col_copy(s, 12, n->comment, sizeof n->comment);
	n->case_version = sqlite3_column_int(s, 13);
	if (sqlite3_column_type(s, 14) != SQLITE_NULL) {
		const unsigned char *model = sqlite3_column_text(s, 14);

		n->model = strdup(model ? (const char *)model : "");
		if (!n->model)
			return DORN_ENOMEM;
	}
	return n->body ? 0 : DORN_ENOMEM;
}

int sq_note_latest(struct dorn_store *st, long long case_id,
			   struct dorn_note *out, struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = store_stmt(st, STMT_NOTE_LATEST, latest_sql, &s, err);

	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	rc = sqlite3_bind_int64(s, 1, case_id);
	if (!rc)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		rc = note_from(s, out);
		if (rc)
			rc = dorn_err_set(err, rc, "out of memory");
		else
			rc = note_authors_into(st, out, err);
		if (rc)
			dorn_note_fini(out);
	} else if (rc == SQLITE_DONE) {
		rc = dorn_err_set(err, DORN_ENOINPUT, "no note for this case yet");
	} else {
		rc = store_fail(st, err, rc, "reading a note", latest_sql);
	}
	store_release(s);
	return rc;
}

int sq_note_next_version(struct dorn_store *st, long long case_id, int *version,
				 struct dorn_err *err)
{
	struct dorn_note n;
	int rc = sq_note_latest(st, case_id, &n, err);

	if (rc == DORN_ENOINPUT) {
		*version = 1;
		return 0;
	}
	if (rc)
		return rc;
	*version = n.status == DORN_NOTE_DRAFT ? n.version : n.version + 1;
	dorn_note_fini(&n);
	return 0;
}

/* The case keeps its latest note version's status and number, which the
 * case list shows and filters on without a subquery per case; every write
 * of a note brings them in step, inside the same transaction. id is the
 * case's, or the note's when by_note. */
#define NOTE_SYNC_SQL \
	"UPDATE \"case\" SET note_status = coalesce((SELECT n.status FROM note n" \
	" WHERE n.case_id = \"case\".id ORDER BY n.version DESC LIMIT 1), 'none')," \
	" note_version = coalesce((SELECT max(n.version) FROM note n" \
	" WHERE n.case_id = \"case\".id), 0)"

static int note_sync(struct dorn_store *st, long long id, int by_note, struct dorn_err *err)
{
	static const char *const sql[2] = {
		NOTE_SYNC_SQL " WHERE id = ?",
		NOTE_SYNC_SQL " WHERE id = (SELECT case_id FROM note WHERE id = ?)",
	};
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql[!!by_note], &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "noting the note's status on the case",
						sql[!!by_note]);
	sqlite3_finalize(s);
	return rc;
}

static int note_audit(struct dorn_store *st, const char *by, enum dorn_audit_action act,
		      long long id, const char *reason, struct dorn_err *err)
{
	struct dorn_audit_rec a = { .login = by, .action = act, .entity = "note",
				    .entity_id = id, .reason = reason };

	return sq_audit(st, &a, err);
}

int sq_note_draft(struct dorn_store *st, long long case_id, int case_version,
			  const char *body, const char *model, const char *by, int *version,
			  int *changed, struct dorn_err *err)
{
	static const char insert_sql[] =
		"INSERT INTO note (case_id, version, body, status, author, created, case_version,"
		" model) SELECT ?1, ?2, ?3, 'draft', id, ?4, ?5, ?7 FROM staff WHERE login = ?6";
	static const char update_sql[] =
		"UPDATE note SET body = ?1, created = ?2, case_version = ?3, model = ?5"
		" WHERE id = ?4 AND status = 'draft'";
	struct dorn_note n;
	sqlite3_stmt *s = NULL;
	char now[32];
	int rc, have;

	*changed = 0;
	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "note saved outside a transaction (a bug)");
	rc = sq_note_latest(st, case_id, &n, err);
	if (rc && rc != DORN_ENOINPUT)
		return rc;
	have = rc == 0;
	store_now(now);
	if (have && n.status == DORN_NOTE_DRAFT) {
		*version = n.version;
		if (strcmp(n.body, body) == 0 && n.case_version == case_version &&
		    n.model && strcmp(n.model, model) == 0) {
			rc = 0;
			goto out;
		}
		if ((rc = store_stmt(st, STMT_NOTE_UPDATE_DRAFT, update_sql, &s, err)))
			goto out;
		/* The draft keeps its author; whoever re-renders it is in the log. */
		rc = store_bind_text(s, 1, body);
		if (!rc)
			rc = store_bind_text(s, 2, now);
		if (!rc)
			rc = sqlite3_bind_int(s, 3, case_version);
		if (!rc)
			rc = sqlite3_bind_int64(s, 4, n.id);
		if (!rc)
			rc = store_bind_text(s, 5, model);
		if (!rc)
			rc = sqlite3_step(s);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "saving the draft note",
							update_sql);
		if (!rc)
			rc = note_audit(st, by, DORN_AUDIT_ALTER, n.id, "draft re-rendered", err);
	} else {
		*version = have ? n.version + 1 : 1;
		if ((rc = store_stmt(st, STMT_NOTE_INSERT_DRAFT, insert_sql, &s, err)))
			goto out;
		rc = sqlite3_bind_int64(s, 1, case_id);
		if (!rc)
			rc = sqlite3_bind_int(s, 2, *version);
		if (!rc)
			rc = store_bind_text(s, 3, body);
		if (!rc)
			rc = store_bind_text(s, 4, now);
		if (!rc)
			rc = sqlite3_bind_int(s, 5, case_version);
		if (!rc)
			rc = store_bind_text(s, 6, by);
		if (!rc)
			rc = store_bind_text(s, 7, model);
		if (!rc)
			rc = sqlite3_step(s);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "saving the draft note",
							insert_sql);
		if (!rc && sqlite3_changes(st->db) != 1)
			rc = dorn_err_set(err, DORN_EPERM, "'%s' has no staff record", by);
		if (!rc)
			rc = note_audit(st, by, DORN_AUDIT_COMBINE,
					sqlite3_last_insert_rowid(st->db), "draft written", err);
		/* Whoever starts a version is one of its authors, whatever made
		 * them start it (the note's author column says the same). */
		if (!rc)
			rc = sq_note_author_add(st, case_id, by, DORN_AUTHOR_DRAFTED, "", err);
	}
	if (!rc)
		rc = note_sync(st, case_id, 0, err);
	if (!rc)
		*changed = 1;
out:
	store_release(s);
	dorn_note_fini(&n);
	return rc;
}

int sq_note_drop_draft(struct dorn_store *st, long long case_id, const char *by,
			       struct dorn_err *err)
{
	static const char sql[] = "DELETE FROM note WHERE case_id = ? AND status = 'draft'"
				  " RETURNING id";
	sqlite3_stmt *s = NULL;
	long long id = 0;
	int rc;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "note erased outside a transaction (a bug)");
	if ((rc = store_stmt(st, STMT_NOTE_DROP_DRAFT, sql, &s, err)))
		return rc;
	rc = sqlite3_bind_int64(s, 1, case_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "removing the draft note", sql);
	store_release(s);
	if (!rc && id)
		rc = note_sync(st, case_id, 0, err);
	if (!rc && id)
		rc = note_audit(st, by, DORN_AUDIT_ERASE, id,
				"draft removed: no consent to share", err);
	return rc;
}

int sq_note_move(struct dorn_store *st, long long id, int from_status,
			 int to_status, const char *by, const char *comment,
			 struct dorn_err *err)
{
	static const char submit_sql[] =
		"UPDATE note SET status = ?2, submitted = ?4 WHERE id = ?1 AND status = ?3";
	static const char review_sql[] =
		"UPDATE note SET status = ?2, reviewed = ?4, review_comment = ?5,"
		" reviewer = (SELECT id FROM staff WHERE login = ?6)"
		" WHERE id = ?1 AND status = ?3";
	static const char who_sql[] =
		"SELECT n.status, n.version, coalesce(r.name, a.name), coalesce(r.login, a.login),"
		" coalesce(n.reviewed, n.submitted, n.created)"
		" FROM note n JOIN staff a ON a.id = n.author"
		" LEFT JOIN staff r ON r.id = n.reviewer WHERE n.id = ?";
	const char *from = dorn_note_status_word(from_status);
	const char *to = dorn_note_status_word(to_status);
	int submit = to_status == DORN_NOTE_SUBMITTED;
	struct dorn_audit_rec a = { .login = by, .action = DORN_AUDIT_ALTER, .entity = "note",
				    .entity_id = id, .reason = to };
	sqlite3_stmt *s = NULL;
	char now[32];
	int rc;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "note moved outside a transaction (a bug)");
	store_now(now);
	if ((rc = store_stmt(st, submit ? STMT_NOTE_SUBMIT : STMT_NOTE_REVIEW,
			     submit ? submit_sql : review_sql, &s, err)))
		return rc;
	rc = sqlite3_bind_int64(s, 1, id);
	if (!rc)
		rc = store_bind_text(s, 2, to);
	if (!rc)
		rc = store_bind_text(s, 3, from);
	if (!rc)
		rc = store_bind_text(s, 4, now);
	if (!rc && !submit)
		rc = store_bind_text(s, 5, comment ? comment : "");
	if (!rc && !submit)
		rc = store_bind_text(s, 6, by);
	if (!rc)
		rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "changing the note's status",
						submit ? submit_sql : review_sql);
	store_release(s);
	if (rc)
		return rc;
	if (sqlite3_changes(st->db) == 1) {
		rc = note_sync(st, id, 1, err);
		/* An approval is a step of the unit's figures. */
		if (!rc && to_status == DORN_NOTE_APPROVED)
			rc = store_figure_sync_note(st, id, err);
		return rc ? rc : sq_audit(st, &a, err);
	}
	/* Someone acted first: say who, what and when, and change nothing. */
	if ((rc = store_stmt(st, STMT_NOTE_WHO, who_sql, &s, err)))
		return rc;
	rc = sqlite3_bind_int64(s, 1, id);
	if (!rc)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		rc = dorn_err_set(err, DORN_ERULE, "nothing was changed: version %d is %s "
				  "already (%s, %s, at %s UTC)", sqlite3_column_int(s, 1),
				  sqlite3_column_text(s, 0), sqlite3_column_text(s, 2),
				  sqlite3_column_text(s, 3), sqlite3_column_text(s, 4));
	else if (rc == SQLITE_DONE)
		rc = dorn_err_set(err, DORN_ENOINPUT, "the note was removed meanwhile");
	else
		rc = store_fail(st, err, rc, "reading the note's status", who_sql);
	store_release(s);
	return rc;
}

int sq_note_stamp(struct dorn_store *st, long long id, const char *body,
			  const char *model, struct dorn_err *err)
{
	static const char sql[] =
		"UPDATE note SET body = ?2, model = ?3 WHERE id = ?1 AND status = 'approved'";
	sqlite3_stmt *s = NULL;
	int rc;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "note stamped outside a transaction (a bug)");
	if ((rc = store_stmt(st, STMT_NOTE_STAMP, sql, &s, err)))
		return rc;
	rc = sqlite3_bind_int64(s, 1, id);
	if (!rc)
		rc = store_bind_text(s, 2, body);
	if (!rc)
		rc = model ? store_bind_text(s, 3, model) : sqlite3_bind_null(s, 3);
	if (!rc)
		rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "stamping the approval", sql);
	store_release(s);
	if (!rc && sqlite3_changes(st->db) != 1)
		rc = dorn_err_set(err, DORN_EINTERNAL, "the approved note to stamp is gone (a bug)");
	return rc;
}

int sq_note_versions(struct dorn_store *st, long long case_id,
			     struct dorn_note **rows, size_t *n, struct dorn_err *err)
{
	static const char sql[] =
		"SELECT n.id, n.case_id, n.version, n.status, n.body, a.login, a.name, n.created,"
		" coalesce(n.submitted, ''), coalesce(r.login, ''), coalesce(r.name, ''),"
		" coalesce(n.reviewed, ''), n.review_comment, n.case_version, n.model"
		" FROM note n JOIN staff a ON a.id = n.author LEFT JOIN staff r ON r.id = n.reviewer"
		" WHERE n.case_id = ? ORDER BY n.version DESC";
	struct dorn_note *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *s = NULL;
	int rc = store_stmt(st, STMT_NOTE_VERSIONS, sql, &s, err);

	*rows = NULL;
	*n = 0;
	if (rc)
		return rc;
	rc = sqlite3_bind_int64(s, 1, case_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (dorn_grow(&v, &cap, len + 1, sizeof *v))
			goto oom;
		if (note_from(s, &v[len++]))
			goto oom;
		if ((rc = note_authors_into(st, &v[len - 1], err))) {
			store_release(s);
			goto fail;
		}
		rc = SQLITE_OK;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading the note's versions", sql);
	store_release(s);
	if (rc)
		goto fail;
	*rows = v;
	*n = len;
	return 0;
oom:
	store_release(s);
	rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
fail:
	for (size_t i = 0; i < len; i++)
		dorn_note_fini(&v[i]);
	free(v);
	return rc;
}

int sq_review_queue(struct dorn_store *st, struct dorn_store_queue_row **rows,
			    size_t *n, struct dorn_err *err)
{
	static const char sql[] =
		"SELECT c.urn, n.version, a.login, a.name, n.submitted,"
		" coalesce(c.next_hearing, ''), coalesce(c.sentencing_date, '')"
		" FROM note n JOIN \"case\" c ON c.id = n.case_id JOIN staff a ON a.id = n.author"
		" WHERE n.status = 'submitted'"
		"   AND n.version = (SELECT max(version) FROM note m WHERE m.case_id = n.case_id)"
		" ORDER BY n.submitted";
	struct dorn_store_queue_row *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *s = NULL;
	int rc = store_stmt(st, STMT_REVIEW_QUEUE, sql, &s, err);

	*rows = NULL;
	*n = 0;
	if (rc)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (dorn_grow(&v, &cap, len + 1, sizeof *v)) {
			store_release(s);
			free(v);
			return dorn_err_set(err, DORN_ENOMEM, "out of memory");
		}
		memset(&v[len], 0, sizeof v[len]);
		store_col_copy(s, 0, v[len].urn, sizeof v[len].urn);
		v[len].version = sqlite3_column_int(s, 1);
		store_col_copy(s, 2, v[len].author, sizeof v[len].author);
		store_col_copy(s, 3, v[len].author_name, sizeof v[len].author_name);
		store_col_copy(s, 4, v[len].submitted, sizeof v[len].submitted);
		store_col_copy(s, 5, v[len].next_hearing, sizeof v[len].next_hearing);
		store_col_copy(s, 6, v[len].sentencing_date, sizeof v[len].sentencing_date);
		len++;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading the review queue", sql);
	store_release(s);
	if (rc) {
		free(v);
		return rc;
	}
	*rows = v;
	*n = len;
	return 0;
}
