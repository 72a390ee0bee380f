/* Cases: the whole record (case, offences, victim, concern, items) loaded
 * and stored as one, the search index kept in step, and the case list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/urn.h"
#include "priv.h"

/* Step a cached statement that returns no rows, and reset it. */
static int run(struct dorn_store *st, sqlite3_stmt *s, const char *what,
	       struct dorn_err *err)
{
	int rc = sqlite3_step(s);

	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, what, sqlite3_sql(s));
	store_release(s);
	return rc;
}

int dorn_store_case_id(struct dorn_store *st, const char *urn, long long *id,
		       struct dorn_err *err)
{
	static const char sql[] = "SELECT id FROM \"case\" WHERE urn = ?";
	sqlite3_stmt *s = NULL;
	int rc = store_stmt(st, STMT_CASE_ID, sql, &s, err);

	if (rc)
		return rc;
	store_bind_text(s, 1, urn);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = dorn_err_set(err, DORN_ENOINPUT, "no case with URN %s", urn);
	} else {
		rc = store_fail(st, err, rc, "finding a case", sql);
	}
	store_release(s);
	return rc;
}

static int staff_id(struct dorn_store *st, const char *login, long long *id,
		    struct dorn_err *err)
{
	struct dorn_staff s;
	int rc = dorn_store_staff_get(st, login, &s, err);

	if (rc == DORN_ENOINPUT)
		return dorn_err_set(err, DORN_EPERM, "'%s' has no staff record", login);
	*id = s.id;
	return rc;
}

/* One row of a part (victim, concern, an item), its fields bound from
 * base. */
static int put_part(struct dorn_store *st, int part, long long case_id, int position,
		    const void *base, const char *what, struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = store_part_stmt(st, part, STORE_PART_INSERT, &s, err), i = 2;

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	if (part == DORN_PART_ITEM)
		sqlite3_bind_int(s, i++, position);
	if (store_part_bind(s, i, part, base) < 0) {
		rc = store_fail(st, err, sqlite3_errcode(st->db), what, sqlite3_sql(s));
		store_release(s);
		return rc;
	}
	return run(st, s, what, err);
}

/* The parts of a case other than its own row: replaced whole on each put. */
static int put_parts(struct dorn_store *st, const struct dorn_case *c, struct dorn_err *err)
{
	static const struct {
		enum stmt_id id;
		const char *sql;
	} clear[] = {
		{ STMT_CLEAR_OFFENCES, "DELETE FROM case_offence WHERE case_id = ?" },
		{ STMT_CLEAR_VICTIM, "DELETE FROM victim WHERE case_id = ?" },
		{ STMT_CLEAR_CONCERN, "DELETE FROM concern WHERE case_id = ?" },
		{ STMT_CLEAR_ITEMS, "DELETE FROM item WHERE case_id = ?" },
		{ STMT_CLEAR_SEARCH, "DELETE FROM case_search WHERE rowid = ?" },
	};
	static const char off_sql[] =
		"INSERT INTO case_offence (case_id, code, position) VALUES (?,?,?)";
	static const char search_sql[] =
		"INSERT INTO case_search (rowid, urn, defendant, victim_ref, victim_words)"
		" VALUES (?,?,?,?,?)";
	struct dorn_victim v = c->victim;
	sqlite3_stmt *s = NULL;
	char shown[18], urns[40];
	int rc;

	for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++) {
		if ((rc = store_stmt(st, clear[i].id, clear[i].sql, &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, c->id);
		if ((rc = run(st, s, "saving a case", err)))
			return rc;
	}
	for (size_t i = 0; i < c->noffences; i++) {
		if ((rc = store_stmt(st, STMT_OFFENCE_INSERT, off_sql, &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, c->id);
		store_bind_text(s, 2, c->offences[i]);
		sqlite3_bind_int(s, 3, (int)i);
		if ((rc = run(st, s, "saving the offences", err)))
			return rc;
	}
	/* A date of consent belongs to an answer: none before one is asked. */
	if (v.consent == DORN_CONSENT_NOT_ASKED)
		v.consent_date[0] = '\0';
	/* The interview may save the case before anyone asked for a reference. */
	if (*v.reference &&
	    (rc = put_part(st, DORN_PART_VICTIM, c->id, 0, &v, "saving the victim's details",
			   err)))
		return rc;
	if ((rc = put_part(st, DORN_PART_CONCERN, c->id, 0, &c->concern, "saving the concern",
			   err)))
		return rc;
	for (size_t i = 0; i < c->nitems; i++)
		if ((rc = put_part(st, DORN_PART_ITEM, c->id, c->items[i].position, &c->items[i],
				   "saving an item", err)))
			return rc;
	if ((rc = store_stmt(st, STMT_SEARCH_INSERT, search_sql, &s, err)))
		return rc;
	dorn_urn_display(c->urn, shown);
	snprintf(urns, sizeof urns, "%s %s", c->urn, shown);
	sqlite3_bind_int64(s, 1, c->id);
	store_bind_text(s, 2, urns);
	store_bind_text(s, 3, c->defendant);
	store_bind_text(s, 4, v.reference);
	store_bind_text(s, 5, c->concern.victim_words);
	return run(st, s, "indexing the case for search", err);
}

/* Optimistic locking: refuse to overwrite a change made since c was loaded. */
static int check_version(struct dorn_store *st, const struct dorn_case *c,
			 struct dorn_err *err)
{
	static const char sql[] =
		"SELECT c.version, c.updated, s.login, s.name FROM \"case\" c"
		" JOIN staff s ON s.id = c.updated_by WHERE c.id = ?";
	sqlite3_stmt *s = NULL;
	char shown[18];
	int rc = store_stmt(st, STMT_CASE_VERSION, sql, &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, c->id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		rc = 0;
		if (sqlite3_column_int(s, 0) != c->version) {
			dorn_urn_display(c->urn, shown);
			rc = dorn_err_set(err, DORN_ECONFLICT,
					  "case %s was changed by %s (%s) at %s, after you "
					  "opened it: nothing was saved; reopen the case to see "
					  "their changes", shown, sqlite3_column_text(s, 3),
					  sqlite3_column_text(s, 2), sqlite3_column_text(s, 1));
		}
	} else if (rc == SQLITE_DONE) {
		rc = dorn_err_set(err, DORN_ENOINPUT, "the case was deleted meanwhile");
	} else {
		rc = store_fail(st, err, rc, "saving a case", sql);
	}
	store_release(s);
	return rc;
}

int dorn_store_case_put(struct dorn_store *st, struct dorn_case *c, const char *by,
			const char *reason, struct dorn_err *err)
{
	struct dorn_audit_rec a = { 0 };
	sqlite3_stmt *s = NULL;
	long long me = 0, existing = 0;
	char now[32];
	int rc, i;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "case saved outside a transaction (a bug)");
	if ((rc = staff_id(st, by, &me, err)))
		return rc;
	store_now(now);
	if (c->id == 0) {
		rc = dorn_store_case_id(st, c->urn, &existing, NULL);
		if (rc == 0) {
			char shown[18];

			dorn_urn_display(c->urn, shown);
			return dorn_err_set(err, DORN_EDATA, "a case with URN %s exists already",
					    shown);
		}
		if ((rc = store_part_stmt(st, DORN_PART_CASE, STORE_PART_INSERT, &s, err)))
			return rc;
		i = store_part_bind(s, 1, DORN_PART_CASE, c);
		if (i > 0) {
			sqlite3_bind_int64(s, i, me);
			store_bind_text(s, i + 1, now);
			sqlite3_bind_int64(s, i + 2, me);
			store_bind_text(s, i + 3, now);
			sqlite3_bind_int(s, i + 4, 1);
			sqlite3_bind_int(s, i + 5, (int)(c->steps_saved & 0xff));
		}
		if ((rc = run(st, s, "saving a new case", err)))
			return rc;
		c->id = sqlite3_last_insert_rowid(st->db);
		c->version = 1;
		a.action = DORN_AUDIT_COLLECT;
	} else {
		if ((rc = check_version(st, c, err)))
			return rc;
		if ((rc = store_part_stmt(st, DORN_PART_CASE, STORE_PART_UPDATE, &s, err)))
			return rc;
		i = store_part_bind(s, 1, DORN_PART_CASE, c);
		if (i > 0) {
			sqlite3_bind_int64(s, i, me);
			store_bind_text(s, i + 1, now);
			sqlite3_bind_int(s, i + 2, (int)(c->steps_saved & 0xff));
			sqlite3_bind_int64(s, i + 3, c->id);
		}
		if ((rc = run(st, s, "saving a case", err)))
			return rc;
		c->version++;
		a.action = DORN_AUDIT_ALTER;
	}
	if ((rc = put_parts(st, c, err)))
		return rc;
	memcpy(c->updated, now, sizeof c->updated - 1);
	c->updated[sizeof c->updated - 1] = '\0';
	snprintf(c->updated_by, sizeof c->updated_by, "%s", by);
	a.login = by;
	a.entity = "case";
	a.entity_id = c->id;
	a.reason = reason;
	return dorn_store_audit(st, &a, err);
}

/* Read the rows of a part (one for the victim and the concern, each item
 * in order) into the case. */
static int load_part(struct dorn_store *st, int part, struct dorn_case *c,
		     struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = store_part_stmt(st, part, STORE_PART_SELECT, &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, c->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (part == DORN_PART_ITEM) {
			struct dorn_item *it;

			if (c->nitems == DORN_ITEMS_MAX)
				continue;
			it = &c->items[c->nitems++];
			it->position = sqlite3_column_int(s, 0);
			store_part_load(s, 1, part, it);
		} else {
			store_part_load(s, 0, part, part == DORN_PART_VICTIM ? (void *)&c->victim
									   : (void *)&c->concern);
		}
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading a case", sqlite3_sql(s));
	store_release(s);
	return rc;
}

static int load_parts(struct dorn_store *st, struct dorn_case *c, struct dorn_err *err)
{
	static const char off_sql[] =
		"SELECT code FROM case_offence WHERE case_id = ? ORDER BY position";
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = store_stmt(st, STMT_OFFENCE_SELECT, off_sql, &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, c->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && c->noffences < DORN_OFFENCES_MAX)
		store_col_copy(s, 0, c->offences[c->noffences++], sizeof c->offences[0]);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: store_fail(st, err, rc, "reading a case", off_sql);
	store_release(s);
	if (!rc)
		rc = load_part(st, DORN_PART_VICTIM, c, err);
	if (!rc)
		rc = load_part(st, DORN_PART_CONCERN, c, err);
	if (!rc)
		rc = load_part(st, DORN_PART_ITEM, c, err);
	return rc;
}

int dorn_store_case_load(struct dorn_store *st, const char *urn, struct dorn_case *c,
			 struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc, col;

	dorn_case_init(c);
	rc = store_part_stmt(st, DORN_PART_CASE, STORE_PART_SELECT, &s, err);
	if (rc)
		return rc;
	store_bind_text(s, 1, urn);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		char shown[18];

		dorn_urn_display(urn, shown);
		rc = dorn_err_set(err, DORN_ENOINPUT, "no case with URN %s: check the "
				  "reference, or see 'dorn list'", shown);
		goto out;
	}
	if (rc != SQLITE_ROW) {
		rc = store_fail(st, err, rc, "reading a case", sqlite3_sql(s));
		goto out;
	}
	col = store_part_load(s, 0, DORN_PART_CASE, c);
	c->id = sqlite3_column_int64(s, col);
	c->version = sqlite3_column_int(s, col + 1);
	store_col_copy(s, col + 2, c->created, sizeof c->created);
	store_col_copy(s, col + 3, c->updated, sizeof c->updated);
	store_col_copy(s, col + 4, c->updated_by, sizeof c->updated_by);
	c->steps_saved = (unsigned)sqlite3_column_int(s, col + 5);
	store_release(s);
	s = NULL;
	rc = load_parts(st, c, err);
out:
	if (s)
		store_release(s);
	if (rc)
		dorn_case_init(c);
	return rc;
}
/* Each word of what was typed becomes a quoted FTS5 prefix term, so no
 * search text is ever read as FTS5 syntax. */
static int fts_query(const char *text, char **out)
{
	size_t n = strlen(text), w = 0;
	char *q = malloc(n * 2 + n * 3 + 8);
	const char *p = text;

	*out = NULL;
	if (!q)
		return DORN_ENOMEM;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (w)
			q[w++] = ' ';
		q[w++] = '"';
		for (; *p && *p != ' ' && *p != '\t'; p++) {
			if (*p == '"')
				q[w++] = '"';
			q[w++] = *p;
		}
		q[w++] = '"';
		q[w++] = '*';
	}
	q[w] = '\0';
	*out = q;
	return 0;
}

int dorn_store_case_each(struct dorn_store *st, const struct dorn_case_query *q,
			 int (*cb)(const struct dorn_case_row *, void *), void *ctx,
			 struct dorn_err *err)
{
	/* The order is worked out on the case rows alone, then only the rows
	 * wanted are joined with their details, so the first page of a long
	 * list is quick. The date that matters (as dorn_due): the earliest of
	 * the two dates that is today or later, else the latest of them;
	 * SQLite's min() and max() give NULL when an argument is NULL, hence
	 * the coalesce chains. */
	static const char sql[] =
		"WITH d AS (SELECT c.id, c.urn,"
		"   coalesce(min(CASE WHEN c.next_hearing >= ?3 THEN c.next_hearing END,"
		"                CASE WHEN c.sentencing_date >= ?3 THEN c.sentencing_date END),"
		"            CASE WHEN c.next_hearing >= ?3 THEN c.next_hearing END,"
		"            CASE WHEN c.sentencing_date >= ?3 THEN c.sentencing_date END,"
		"            max(c.next_hearing, c.sentencing_date), c.next_hearing,"
		"            c.sentencing_date) AS due"
		"   FROM \"case\" c"
		"   WHERE (?2 IS NULL OR c.id IN (SELECT rowid FROM case_search"
		"       WHERE case_search MATCH ?2))"
		"     AND (?1 IS NULL OR coalesce((SELECT status FROM note t WHERE t.case_id = c.id"
		"       ORDER BY version DESC LIMIT 1), 'none') = ?1)),"
		" p AS (SELECT * FROM d WHERE ?4 IS NULL OR (due >= ?3 AND due <= ?4)"
		"   ORDER BY CASE WHEN ?3 IS NULL THEN 0 ELSE due IS NULL END,"
		"            CASE WHEN ?3 IS NULL THEN 0 ELSE due < ?3 END,"
		"            CASE WHEN ?3 IS NULL THEN NULL ELSE due END, urn LIMIT ?5)"
		" SELECT p.id, p.urn, coalesce(v.reference, ''), substr(c.defendant, 1, 60),"
		" coalesce((SELECT code FROM case_offence o WHERE o.case_id = p.id"
		"   ORDER BY position LIMIT 1), ''),"
		" coalesce(c.next_hearing, ''), coalesce(c.sentencing_date, ''),"
		" coalesce(min(c.next_hearing, c.sentencing_date), c.next_hearing,"
		"   c.sentencing_date, ''),"
		" coalesce((SELECT status FROM note t WHERE t.case_id = p.id"
		"   ORDER BY version DESC LIMIT 1), 'none'),"
		" coalesce((SELECT max(version) FROM note t WHERE t.case_id = p.id), 0)"
		" FROM p JOIN \"case\" c ON c.id = p.id LEFT JOIN victim v ON v.case_id = p.id"
		" ORDER BY CASE WHEN ?3 IS NULL THEN 0 ELSE p.due IS NULL END,"
		"          CASE WHEN ?3 IS NULL THEN 0 ELSE p.due < ?3 END,"
		"          CASE WHEN ?3 IS NULL THEN NULL ELSE p.due END, p.urn";
	struct dorn_case_row row;
	sqlite3_stmt *s = NULL;
	char *match = NULL;
	int rc;

	if (q && q->search && *q->search) {
		if (fts_query(q->search, &match))
			return dorn_err_set(err, DORN_ENOMEM, "out of memory");
		if (!*match) {
			free(match);
			match = NULL;
		}
	}
	rc = store_prepare(st, sql, &s, err);
	if (rc)
		goto out;
	store_bind_text(s, 1, q ? q->status : NULL);
	store_bind_text(s, 2, match);
	store_bind_text(s, 3, q ? q->today : NULL);
	store_bind_text(s, 4, q ? q->due_by : NULL);
	sqlite3_bind_int64(s, 5, q && q->limit ? (sqlite3_int64)q->limit : -1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&row, 0, sizeof row);
		row.id = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, row.urn, sizeof row.urn);
		store_col_copy(s, 2, row.victim_ref, sizeof row.victim_ref);
		store_col_copy(s, 3, row.defendant, sizeof row.defendant);
		store_col_copy(s, 4, row.offence, sizeof row.offence);
		store_col_copy(s, 5, row.next_hearing, sizeof row.next_hearing);
		store_col_copy(s, 6, row.sentencing_date, sizeof row.sentencing_date);
		store_col_copy(s, 7, row.next_date, sizeof row.next_date);
		row.note_status = dorn_note_status_of((const char *)sqlite3_column_text(s, 8));
		row.note_version = sqlite3_column_int(s, 9);
		rc = cb(&row, ctx);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "listing cases", sql);
out:
	sqlite3_finalize(s);
	free(match);
	return rc;
}

struct collect {
	struct dorn_case_row *v;
	size_t len, cap;
};

static int collect_row(const struct dorn_case_row *r, void *ctx)
{
	struct collect *c = ctx;
	struct dorn_case_row *grown;

	if (c->len == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		grown = realloc(c->v, c->cap * sizeof *grown);
		if (!grown)
			return DORN_ENOMEM;
		c->v = grown;
	}
	c->v[c->len++] = *r;
	return 0;
}

int dorn_store_case_list(struct dorn_store *st, const struct dorn_case_query *q,
			 struct dorn_case_row **rows, size_t *n, struct dorn_err *err)
{
	struct collect c = { 0 };
	int rc = dorn_store_case_each(st, q, collect_row, &c, err);

	if (rc == DORN_ENOMEM)
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	if (rc) {
		free(c.v);
		c.v = NULL;
		c.len = 0;
	}
	*rows = c.v;
	*n = c.len;
	return rc;
}
