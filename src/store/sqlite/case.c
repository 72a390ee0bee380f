/* Cases: the whole record (case, offences, victim, concern, items) loaded
 * and stored as one, the search index kept in step, and the case list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/fields.h"
#include "dorn/list.h"
#include "dorn/model.h"
#include "dorn/rules.h"
#include "dorn/text.h"
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

int sq_case_id(struct dorn_store *st, const char *urn, long long *id,
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
	int rc = sq_staff_get(st, login, &s, err);

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

/* Bind text as the search index holds it (dorn_text_fold). */
static int bind_folded(sqlite3_stmt *s, int i, const char *text)
{
	char *f = malloc(strlen(text) + 1);
	int rc;

	if (!f)
		return DORN_ENOMEM;
	rc = sqlite3_bind_text(s, i, dorn_text_fold(text, f), -1, SQLITE_TRANSIENT);
	free(f);
	return rc == SQLITE_OK ? 0 : DORN_ENOMEM;
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
		{ STMT_CLEAR_OUTCOME, "DELETE FROM outcome WHERE case_id = ?" },
		{ STMT_CLEAR_ITEMS, "DELETE FROM item WHERE case_id = ?" },
		{ STMT_CLEAR_SEARCH, "DELETE FROM case_search WHERE rowid = ?" },
		{ STMT_CLEAR_DUE, "DELETE FROM case_due WHERE case_id = ?" },
	};
	static const char off_sql[] =
		"INSERT INTO case_offence (case_id, code, position) VALUES (?,?,?)";
	static const char search_sql[] =
		"INSERT INTO case_search (rowid, urn, defendant, victim_ref, victim_name,"
		" victim_words) VALUES (?,?,?,?,?,?)";
	static const char due_sql[] =
		"INSERT INTO case_due (case_id, date, urn, lo) VALUES (?,?,?,?)";
	struct dorn_victim v = c->victim;
	sqlite3_stmt *s = NULL;
	char shown[18], urns[40], lo[11], hi[11];
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
	/* No row until something of the outcome is recorded. */
	if (!dorn_outcome_empty(&c->outcome) &&
	    (rc = put_part(st, DORN_PART_OUTCOME, c->id, 0, &c->outcome, "saving the outcome",
			   err)))
		return rc;
	for (size_t i = 0; i < c->nitems; i++)
		if ((rc = put_part(st, DORN_PART_ITEM, c->id, c->items[i].position, &c->items[i],
				   "saving an item", err)))
			return rc;
	/* One row per distinct date: the list finds the case by either. */
	dorn_due_span(c->next_hearing, c->sentencing_date, lo, hi);
	for (int i = 0; i < 2 && *lo; i++) {
		if (i == 1 && strcmp(hi, lo) == 0)
			break;
		if ((rc = store_stmt(st, STMT_DUE_INSERT, due_sql, &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, c->id);
		store_bind_text(s, 2, i ? hi : lo);
		store_bind_text(s, 3, c->urn);
		store_bind_text(s, 4, lo);
		if ((rc = run(st, s, "indexing the case's dates", err)))
			return rc;
	}
	if ((rc = store_stmt(st, STMT_SEARCH_INSERT, search_sql, &s, err)))
		return rc;
	dorn_urn_display(c->urn, shown);
	snprintf(urns, sizeof urns, "%s %s", c->urn, shown);
	sqlite3_bind_int64(s, 1, c->id);
	store_bind_text(s, 2, urns);
	/* Folded as queries are (fts_query), so either spelling finds the other. */
	if (bind_folded(s, 3, c->defendant) || bind_folded(s, 4, v.reference) ||
	    bind_folded(s, 5, v.name) || bind_folded(s, 6, c->concern.victim_words)) {
		store_release(s);
		return dorn_err_set(err, DORN_ENOMEM, "out of memory indexing the case for search");
	}
	return run(st, s, "indexing the case for search", err);
}

/* The case's earliest and latest date (the list's index), from i on;
 * returns the next parameter. */
static int bind_span(sqlite3_stmt *s, int i, const struct dorn_case *c)
{
	char lo[11], hi[11];

	dorn_due_span(c->next_hearing, c->sentencing_date, lo, hi);
	store_bind_text(s, i, *lo ? lo : NULL);
	store_bind_text(s, i + 1, *hi ? hi : NULL);
	return i + 2;
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

int sq_case_put(struct dorn_store *st, struct dorn_case *c, const char *by,
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
		rc = sq_case_id(st, c->urn, &existing, NULL);
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
			i = bind_span(s, i, c);
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
			i = bind_span(s, i, c);
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
	if ((rc = put_parts(st, c, err)) || (rc = sq_figure_sync(st, c->id, err)))
		return rc;
	/* Whoever changes the case writes the note version that is open now
	 * (or the next one), in this same transaction, so no path that
	 * changes a case can leave its author out (four eyes). */
	if ((rc = sq_note_author_add(st, c->id, by,
					     a.action == DORN_AUDIT_COLLECT ? DORN_AUTHOR_RECORDED
									: DORN_AUTHOR_CHANGED,
					     reason, err)))
		return rc;
	memcpy(c->updated, now, sizeof c->updated - 1);
	c->updated[sizeof c->updated - 1] = '\0';
	snprintf(c->updated_by, sizeof c->updated_by, "%s", by);
	a.login = by;
	a.entity = "case";
	a.entity_id = c->id;
	a.reason = reason;
	return sq_audit(st, &a, err);
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
			store_part_load(s, 0, part,
					part == DORN_PART_VICTIM    ? (void *)&c->victim
					: part == DORN_PART_OUTCOME ? (void *)&c->outcome
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
	if (!rc)
		rc = load_part(st, DORN_PART_OUTCOME, c, err);
	return rc;
}

int sq_case_load(struct dorn_store *st, const char *urn, struct dorn_case *c,
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
	c->outcome_version = sqlite3_column_int(s, col + 6);
	store_col_copy(s, col + 7, c->retain_until, sizeof c->retain_until);
	store_col_copy(s, col + 8, c->retain_reason, sizeof c->retain_reason);
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
static int fts_query(const char *typed, char **out)
{
	size_t n = strlen(typed), w = 0;
	char *q = malloc(n * 2 + n * 3 + 8), *folded = malloc(n + 1);
	const char *p = folded ? dorn_text_fold(typed, folded) : NULL;

	*out = NULL;
	if (!q || !folded) {
		free(q);
		free(folded);
		return DORN_ENOMEM;
	}
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
	free(folded);
	*out = q;
	return 0;
}

/* Whether every word typed is at most three characters, which the search
 * index holds prefixes of (migration 6). */
static int short_words(const char *typed)
{
	size_t n = strlen(typed), i = 0, chars = 0;

	for (; i < n; i = dorn_utf8_next(typed, n, i)) {
		if (typed[i] == ' ' || typed[i] == '\t')
			chars = 0;
		else if (++chars > 3)
			return 0;
	}
	return 1;
}

/* ---- the case list ----
 * The list is read part by part (enum dorn_list_seg), each part a range of
 * an index read in its own order, so no query sorts the cases: a page costs
 * the same with a hundred cases or a million. Every query takes the same
 * parameters: ?1,?2 the (date, urn) the range starts after and ?3,?4 the one
 * it ends before (both left out), ?5 today, ?6 the note status or NULL, ?7
 * the most rows (-1: all), ?8 the FTS5 query of a search or NULL; the
 * search-first query also ?9,?10 the parts of the two bounds and ?11 1 to
 * read backwards. Keys use "" as below and "~" as above every date and URN
 * (both are digits, letters and '-').
 *
 * A search is read one of two ways, by how many cases match (the first
 * LIST_SEARCH_CAP are counted): a few are read from the FTS index and only
 * they are sorted; many are read along the parts' indexes as without a
 * search, each row kept when it is among the matches. Both give the same
 * rows, keys and order. SQLite reads the matches once per query into a
 * table of ids (LIST SUBQUERY), which is not free: at 1,000,000 cases a
 * page of "a"* took 1.2 s, most of it that table. Asking FTS5 per row
 * (EXISTS ... MATCH ?8 AND rowid = c.id) is worse, since FTS5 expands a
 * prefix term on every query: about 100 ms a row for "a"*, 14 ms for
 * "afraid"*. A prefix index on case_search would make both cheap. */
#define LIST_SEARCH_CAP 1000

/* Columns 0..9 as struct dorn_case_row; column 10 is the date of the key. */
#define LIST_COLS \
	"c.id, c.urn AS urn, coalesce((SELECT reference FROM victim v WHERE v.case_id = c.id), '')," \
	" substr(c.defendant, 1, 60), coalesce((SELECT code FROM case_offence o" \
	" WHERE o.case_id = c.id ORDER BY position LIMIT 1), ''), coalesce(c.next_hearing, '')," \
	" coalesce(c.sentencing_date, ''), coalesce(c.due_lo, ''), c.note_status, c.note_version," \
	" substr(c.court, 1, 60), substr(c.next_hearing_type, 1, 44), substr(c.officer_in_case, 1, 60)"
#define LIST_STATUS " AND (?6 IS NULL OR c.note_status = ?6)"
/* ?12: every word of the search is at most three characters, so FTS5
 * answers each row from its prefix indexes (migration 6): ask per row.
 * Longer words: read the matches once. Only the branch chosen runs. */
#define LIST_MATCH \
	" AND (?8 IS NULL OR CASE WHEN ?12 THEN EXISTS (SELECT 1 FROM case_search" \
	"   WHERE case_search MATCH ?8 AND rowid = c.id)" \
	" ELSE c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?8) END)"

/* Upcoming: a case's row in case_due for its earlier date counts while that
 * date is today or later; the row for its later date only once the earlier
 * one has passed. The rows skipped are those of cases already met at their
 * earlier date. CROSS JOIN keeps SQLite starting at the index. */
#define LIST_UPCOMING(dir) \
	"SELECT " LIST_COLS ", d.date FROM case_due d CROSS JOIN \"case\" c ON c.id = d.case_id" \
	" WHERE (d.date, d.urn) > (?1, ?2) AND (d.date, d.urn) < (?3, ?4)" \
	" AND (d.date = d.lo OR d.lo < ?5)" LIST_STATUS LIST_MATCH \
	" ORDER BY d.date " dir ", d.urn " dir " LIMIT ?7"
/* Passed: every date before today, so by the latest (as dorn_due). */
#define LIST_PASSED(dir) \
	"SELECT " LIST_COLS ", c.due_hi FROM \"case\" c" \
	" WHERE (c.due_hi, c.urn) > (?1, ?2) AND (c.due_hi, c.urn) < (?3, ?4)" LIST_STATUS \
	LIST_MATCH " ORDER BY c.due_hi " dir ", c.urn " dir " LIMIT ?7"
#define LIST_NONE(dir) \
	"SELECT " LIST_COLS ", '' FROM \"case\" c INDEXED BY case_due_hi" \
	" WHERE c.due_hi IS NULL AND c.urn > ?2 AND c.urn < ?4" LIST_STATUS LIST_MATCH \
	" ORDER BY c.urn " dir " LIMIT ?7"
#define LIST_URN(dir) \
	"SELECT " LIST_COLS ", '' FROM \"case\" c" \
	" WHERE c.urn > ?2 AND c.urn < ?4" LIST_STATUS LIST_MATCH \
	" ORDER BY c.urn " dir " LIMIT ?7"
/* A search with few matches starts at the FTS index and puts only its
 * matches in order: the part and date of each worked out as the parts
 * above do. One statement both ways (?11), since it sorts anyway. */
#define LIST_SEARCH \
	"SELECT * FROM (SELECT " LIST_COLS "," \
	" CASE WHEN ?5 IS NULL THEN '' WHEN c.due_lo >= ?5 THEN c.due_lo" \
	"   ELSE coalesce(c.due_hi, '') END AS kdate," \
	" CASE WHEN ?5 IS NULL OR c.due_hi >= ?5 THEN 0 WHEN c.due_hi IS NOT NULL THEN 1" \
	"   ELSE 2 END AS kseg" \
	" FROM (SELECT rowid AS id FROM case_search WHERE case_search MATCH ?8) m" \
	" CROSS JOIN \"case\" c ON c.id = m.id WHERE 1" LIST_STATUS ")" \
	" WHERE (kseg, kdate, urn) > (?9, ?1, ?2) AND (kseg, kdate, urn) < (?10, ?3, ?4)" \
	" ORDER BY CASE WHEN ?11 THEN NULL ELSE kseg END, CASE WHEN ?11 THEN NULL ELSE kdate END," \
	" CASE WHEN ?11 THEN NULL ELSE urn END," \
	" CASE WHEN ?11 THEN kseg END DESC, CASE WHEN ?11 THEN kdate END DESC," \
	" CASE WHEN ?11 THEN urn END DESC LIMIT ?7"
/* How many cases a search matches, up to the cap (?2). */
#define LIST_SEARCH_COUNT \
	"SELECT count(*) FROM (SELECT rowid FROM case_search WHERE case_search MATCH ?1 LIMIT ?2)"

/* The statements, each with its own cached statement (STMT_LIST + i). */
enum list_stmt { LS_UPCOMING, LS_UPCOMING_BACK, LS_PASSED, LS_PASSED_BACK, LS_NONE,
		 LS_NONE_BACK, LS_URN, LS_URN_BACK, LS_SEARCH, LS_SEARCH_COUNT, LS__COUNT };

static const char *const list_sql[LS__COUNT] = {
	[LS_UPCOMING] = LIST_UPCOMING("ASC"), [LS_UPCOMING_BACK] = LIST_UPCOMING("DESC"),
	[LS_PASSED] = LIST_PASSED("ASC"),     [LS_PASSED_BACK] = LIST_PASSED("DESC"),
	[LS_NONE] = LIST_NONE("ASC"),         [LS_NONE_BACK] = LIST_NONE("DESC"),
	[LS_URN] = LIST_URN("ASC"),           [LS_URN_BACK] = LIST_URN("DESC"),
	[LS_SEARCH] = LIST_SEARCH,            [LS_SEARCH_COUNT] = LIST_SEARCH_COUNT,
};
_Static_assert(STMT_LIST + LS__COUNT == STMT__COUNT, "one cached statement per list query");

const char *sq_list_sql(size_t i)
{
	return i < LS__COUNT ? list_sql[i] : NULL;
}

struct list_run {
	struct dorn_store *st;
	const struct dorn_case_query *q;
	const char *match;     /* the FTS5 query, or NULL */
	int short_words;       /* every word of it at most three characters */
	int backward;
	long long left;        /* rows still wanted; -1: all */
	int (*cb)(const struct dorn_case_row *, void *);
	void *ctx;
};

/* Run one query (enum list_stmt) over the range (lo, hi) and hand each row
 * to the callback. */
static int list_range(struct list_run *r, enum list_stmt which, int seg,
		      const struct dorn_list_key *lo, const struct dorn_list_key *hi,
		      struct dorn_err *err)
{
	const char *sql = list_sql[which];
	struct dorn_case_row row;
	sqlite3_stmt *s = NULL;
	int stop = 0, rc = store_stmt(r->st, (enum stmt_id)(STMT_LIST + which), sql, &s, err);

	if (rc)
		return rc;
	if (store_bind_text(s, 1, lo->date) || store_bind_text(s, 2, lo->urn) ||
	    store_bind_text(s, 3, hi->date) || store_bind_text(s, 4, hi->urn) ||
	    store_bind_text(s, 5, r->q->today) || store_bind_text(s, 6, r->q->status) ||
	    sqlite3_bind_int64(s, 7, r->left) || store_bind_text(s, 8, r->match) ||
	    (which == LS_SEARCH &&
	     (sqlite3_bind_int(s, 9, lo->seg) || sqlite3_bind_int(s, 10, hi->seg) ||
	      sqlite3_bind_int(s, 11, r->backward))) ||
	    (which != LS_SEARCH && sqlite3_bind_parameter_count(s) >= 12 &&
	     sqlite3_bind_int(s, 12, r->short_words))) {
		rc = store_fail(r->st, err, sqlite3_errcode(r->st->db), "listing cases", sql);
		store_release(s);
		return rc;
	}
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
		store_col_copy(s, 10, row.court, sizeof row.court);
		store_col_copy(s, 11, row.hearing_type, sizeof row.hearing_type);
		store_col_copy(s, 12, row.officer, sizeof row.officer);
		row.key.seg = which == LS_SEARCH ? sqlite3_column_int(s, 14) : seg;
		store_col_copy(s, 13, row.key.date, sizeof row.key.date);
		memcpy(row.key.urn, row.urn, sizeof row.key.urn);
		if (r->left > 0)
			r->left--;
		if ((stop = r->cb(&row, r->ctx)))
			break;
		if (r->left == 0)
			break;
	}
	if (stop)
		rc = stop;
	else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = 0;
	else
		rc = store_fail(r->st, err, rc, "listing cases", sql);
	/* A statement left part-read would hold its read transaction open. */
	store_release(s);
	return rc;
}

/* How many cases match, counting no further than LIST_SEARCH_CAP. */
static int search_count(struct dorn_store *st, const char *match, long long *n,
			struct dorn_err *err)
{
	const char *sql = list_sql[LS_SEARCH_COUNT];
	sqlite3_stmt *s = NULL;
	int rc = store_stmt(st, (enum stmt_id)(STMT_LIST + LS_SEARCH_COUNT), sql, &s, err);

	if (rc)
		return rc;
	if (store_bind_text(s, 1, match) || sqlite3_bind_int(s, 2, LIST_SEARCH_CAP)) {
		rc = store_fail(st, err, sqlite3_errcode(st->db), "searching the cases", sql);
	} else if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*n = sqlite3_column_int64(s, 0);
		rc = 0;
	} else {
		rc = store_fail(st, err, rc, "searching the cases", sql);
	}
	store_release(s);
	return rc;
}

int sq_case_page(struct dorn_store *st, const struct dorn_case_query *q,
			 const struct dorn_list_key *from, int backward, size_t n,
			 int (*cb)(const struct dorn_case_row *, void *), void *ctx,
			 struct dorn_err *err)
{
	static const struct dorn_case_query all = { 0 };
	struct list_run r = { st, q ? q : &all, NULL, 0, !!backward,
			      n ? (long long)n : -1, cb, ctx };
	struct dorn_list_key lo, hi, slo, shi;
	char *match = NULL;
	int rc = 0;

	q = r.q;
	store_list_range(q, from, backward, &lo, &hi);
	if (q->search && *q->search) {
		if (fts_query(q->search, &match))
			return dorn_err_set(err, DORN_ENOMEM, "out of memory");
		if (*match) {
			long long matches = 0;

			r.match = match;
			r.short_words = short_words(q->search);
			if ((rc = search_count(st, match, &matches, err)))
				goto out;
			/* Few: sort only them. Many: the parts below, filtered. */
			if (matches < LIST_SEARCH_CAP) {
				rc = list_range(&r, LS_SEARCH, 0, &lo, &hi, err);
				goto out;
			}
		}
	}
	/* Part by part in the direction of travel, each cut to (lo, hi). */
	for (int i = 0; i < 3 && r.left != 0 && !rc; i++) {
		int seg = backward ? 2 - i : i;
		enum list_stmt which = (enum list_stmt)(seg * 2 + !!backward);

		if (!store_list_part(q, seg, &lo, &hi, &slo, &shi))
			continue;
		if (!q->today)
			which = backward ? LS_URN_BACK : LS_URN;
		rc = list_range(&r, which, seg, &slo, &shi, err);
	}
out:
	free(match);
	return rc;
}

int sq_outcome_put(struct dorn_store *st, struct dorn_case *c, const char *by,
			   const char *reason, struct dorn_err *err)
{
	static const char bump_sql[] =
		"UPDATE \"case\" SET outcome_version = coalesce(outcome_version, 0) + 1,"
		" updated = ?1, updated_by = ?2 WHERE id = ?3 AND coalesce(outcome_version, 0) = ?4";
	static const char clear_sql[] = "DELETE FROM outcome WHERE case_id = ?";
	static const char item_sql[] =
		"UPDATE item SET result = ?1, result_reason = ?2, result_next = ?3"
		" WHERE case_id = ?4 AND position = ?5";
	struct dorn_audit_rec a = { .login = by, .action = DORN_AUDIT_ALTER, .entity = "case",
				    .entity_id = c->id, .reason = reason };
	sqlite3_stmt *s = NULL;
	long long me = 0;
	char now[32], shown[18];
	int rc;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "outcome saved outside a transaction (a bug)");
	if ((rc = staff_id(st, by, &me, err)))
		return rc;
	store_now(now);
	if ((rc = store_stmt(st, STMT_OUTCOME_BUMP, bump_sql, &s, err)))
		return rc;
	store_bind_text(s, 1, now);
	sqlite3_bind_int64(s, 2, me);
	sqlite3_bind_int64(s, 3, c->id);
	sqlite3_bind_int(s, 4, c->outcome_version);
	if ((rc = run(st, s, "saving the outcome", err)))
		return rc;
	if (sqlite3_changes(st->db) != 1) {
		dorn_urn_display(c->urn, shown);
		return dorn_err_set(err, DORN_ECONFLICT, "the outcome of %s was changed by someone "
				    "else after you opened it: nothing was saved; reopen the case "
				    "to see their changes", shown);
	}
	if ((rc = store_stmt(st, STMT_CLEAR_OUTCOME, clear_sql, &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, c->id);
	if ((rc = run(st, s, "saving the outcome", err)))
		return rc;
	if (!dorn_outcome_empty(&c->outcome) &&
	    (rc = put_part(st, DORN_PART_OUTCOME, c->id, 0, &c->outcome, "saving the outcome",
			   err)))
		return rc;
	for (size_t i = 0; i < c->nitems; i++) {
		const struct dorn_item *it = &c->items[i];

		if ((rc = store_stmt(st, STMT_OUTCOME_ITEM, item_sql, &s, err)))
			return rc;
		store_bind_text(s, 1, it->result ? dorn_name(&dorn_result_names, it->result) : NULL);
		store_bind_text(s, 2, *it->result_reason ? it->result_reason : NULL);
		store_bind_text(s, 3, *it->result_next ? it->result_next : NULL);
		sqlite3_bind_int64(s, 4, c->id);
		sqlite3_bind_int(s, 5, it->position);
		if ((rc = run(st, s, "saving an item's outcome", err)))
			return rc;
		if (sqlite3_changes(st->db) != 1)
			return dorn_err_set(err, DORN_ECONFLICT, "item %d is gone: reopen the case",
					    it->position);
	}
	if ((rc = sq_figure_sync(st, c->id, err)))
		return rc;
	c->outcome_version++;
	return sq_audit(st, &a, err);
}
