/* The unit's figures: one row per case in the figure table (migration 10),
 * holding no personal data, kept in step with its case inside the same
 * transaction by every write that can change it (a case saved, an
 * outcome, a note approved, an export recorded), and read by range for
 * dorn figures. An erased case's row stays, with case_id NULL. */
#include <string.h>

#include "dorn/figures.h"
#include "priv.h"

static int sync_by(struct dorn_store *st, enum stmt_id id, const char *sql, long long key,
		   struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "figures kept outside a transaction (a bug)");
	if ((rc = store_stmt(st, id, sql, &s, err)))
		return rc;
	rc = sqlite3_bind_int64(s, 1, key);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "keeping the unit's figures", sql);
	store_release(s);
	return rc;
}

int sq_figure_sync(struct dorn_store *st, long long case_id, struct dorn_err *err)
{
	static const char sql[] = "INSERT INTO figure (" STORE_FIGURE_COLS ") "
		STORE_FIGURE_SELECT " WHERE c.id = ?1" STORE_FIGURE_UPSERT;

	return sync_by(st, STMT_FIGURE_SYNC, sql, case_id, err);
}

int store_figure_sync_note(struct dorn_store *st, long long note_id, struct dorn_err *err)
{
	static const char sql[] = "INSERT INTO figure (" STORE_FIGURE_COLS ") "
		STORE_FIGURE_SELECT " WHERE c.id = (SELECT case_id FROM note WHERE id = ?1)"
		STORE_FIGURE_UPSERT;

	return sync_by(st, STMT_FIGURE_SYNC_NOTE, sql, note_id, err);
}

int sq_figure_each(struct dorn_store *st, const char *from, const char *to,
			   int (*cb)(const struct dorn_figure_row *, void *), void *ctx,
			   struct dorn_err *err)
{
	static const char sql[] =
		"SELECT officer, offences, child, coalesce(concern, ''), coalesce(approved, ''),"
		" coalesce(exported, ''), coalesce(hearing, ''), coalesce(outcome, ''), items,"
		" sought, made, refused, not_sought, returned, held, erased FROM figure"
		" WHERE (?1 IS NULL OR concern >= ?1) AND (?2 IS NULL OR concern <= ?2)"
		" ORDER BY concern, id";
	struct dorn_figure_row r;
	sqlite3_stmt *s = NULL;
	int rc, stop = 0;

	/* Uncached: the callback is outside the store (see enum stmt_id). */
	if ((rc = store_prepare(st, sql, &s, err)))
		return rc;
	if (store_bind_text(s, 1, from && *from ? from : NULL) ||
	    store_bind_text(s, 2, to && *to ? to : NULL)) {
		rc = store_fail(st, err, sqlite3_errcode(st->db), "reading the unit's figures", sql);
		sqlite3_finalize(s);
		return rc;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		store_col_copy(s, 0, r.officer, sizeof r.officer);
		store_col_copy(s, 1, r.offences, sizeof r.offences);
		r.child = sqlite3_column_int(s, 2);
		store_col_copy(s, 3, r.concern, sizeof r.concern);
		store_col_copy(s, 4, r.approved, sizeof r.approved);
		store_col_copy(s, 5, r.exported, sizeof r.exported);
		store_col_copy(s, 6, r.hearing, sizeof r.hearing);
		store_col_copy(s, 7, r.outcome, sizeof r.outcome);
		r.items = sqlite3_column_int(s, 8);
		r.sought = sqlite3_column_int(s, 9);
		r.made = sqlite3_column_int(s, 10);
		r.refused = sqlite3_column_int(s, 11);
		r.not_sought = sqlite3_column_int(s, 12);
		r.returned = sqlite3_column_int(s, 13);
		r.held = sqlite3_column_int(s, 14);
		r.erased = sqlite3_column_int(s, 15);
		if ((stop = cb(&r, ctx)))
			break;
	}
	if (stop)
		rc = stop;
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = store_fail(st, err, rc, "reading the unit's figures", sql);
	sqlite3_finalize(s);
	return rc;
}
