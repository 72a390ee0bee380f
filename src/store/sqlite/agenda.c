/* The worklist's reading: the cases that may have a duty today, chosen by
 * SQL along indexes, with only what the worklist needs of each (store.h,
 * dorn_store_agenda). The duties themselves are core's (agenda.h). */
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/model.h"
#include "dorn/review.h"
#include "priv.h"

/* The audit row of the earliest approval of a latest version still of
 * use (the case as it is, a date to come or none known): a note is
 * exported after it is approved, so no disclosure before that row can be
 * of one of them. Each approval is the note's last row with a content
 * digest (audit_entity); one written before the audit key, which has none,
 * gives 0: every row is read. */
static const char since_sql[] =
	"SELECT min(coalesce((SELECT max(a.seq) FROM audit a WHERE a.entity = 'note'"
	"   AND a.entity_id = n.id AND a.digest IS NOT NULL), 0))"
	" FROM note n JOIN \"case\" c ON c.id = n.case_id AND c.note_version = n.version"
	" WHERE n.status = 'approved' AND n.case_version = c.version"
	"   AND (c.due_hi IS NULL OR c.due_hi >= ?1)";

/* The notes exported since (dorn_app_export: one disclosure row per
 * export, entity "note", its id). seq is the rowid: the rows after that
 * one are read in order, and no earlier one. audit has no index on
 * disclosures, and this is the only read that grows with the log. */
static const char disclosed_sql[] =
	"SELECT DISTINCT entity_id FROM audit"
	" WHERE seq > ?1 AND action = 'disclose' AND entity = 'note'";

/* ?1 today, ?2 the last urgent day, ?3 the staff id (0: everyone). */
static const char agenda_sql[] =
	"WITH cand(id) AS ("
	"  SELECT case_id FROM case_due WHERE date BETWEEN ?1 AND ?2"
	"  UNION SELECT d.case_id FROM case_due d WHERE d.date < ?1"
	"    AND NOT EXISTS (SELECT 1 FROM outcome o WHERE o.case_id = d.case_id"
	"    AND o.date IS NOT NULL)"
	"  UNION SELECT n.case_id FROM note n JOIN \"case\" c ON c.id = n.case_id"
	"    AND c.note_version = n.version"
	"    WHERE n.status IN ('submitted', 'returned', 'approved')"
	"    AND (c.due_hi IS NULL OR c.due_hi >= ?1)"
	"  UNION SELECT case_id FROM outcome WHERE received IS NOT NULL"
	"    AND told_date IS NULL AND not_told IS NULL"
	")"
	" SELECT c.id, c.urn, coalesce(c.next_hearing, ''), c.next_hearing_type,"
	"  coalesce(c.sentencing_date, ''), c.version,"
	"  coalesce(v.consent_to_share, 'not-asked'), c.note_status, c.note_version,"
	"  coalesce(n.id, 0), coalesce(n.case_version, 0), coalesce(o.date, ''),"
	"  coalesce(o.received, ''), coalesce(o.told_date, ''), o.not_told IS NOT NULL"
	" FROM cand JOIN \"case\" c ON c.id = cand.id"
	" LEFT JOIN victim v ON v.case_id = c.id"
	" LEFT JOIN note n ON n.case_id = c.id AND n.version = c.note_version"
	" LEFT JOIN outcome o ON o.case_id = c.id"
	" WHERE ?3 = 0 OR c.created_by = ?3 OR c.updated_by = ?3"
	"  OR EXISTS (SELECT 1 FROM note_author a WHERE a.case_id = c.id AND a.staff_id = ?3)";

struct ids {
	long long *v;
	size_t n, cap;
};

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* The ids of the notes exported since the earliest approval still of use. */
static int disclosed(struct dorn_store *st, const char *today, struct ids *out,
		     struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	long long since = -1;
	int rc = store_prepare(st, since_sql, &s, err);

	if (rc)
		return rc;
	rc = store_bind_text(s, 1, today);
	if (!rc)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_type(s, 0) != SQLITE_NULL)
			since = sqlite3_column_int64(s, 0);
		rc = 0;
	} else {
		rc = store_fail(st, err, rc, "reading the approved notes", since_sql);
	}
	sqlite3_finalize(s);
	if (rc || since < 0)
		return rc; /* no approved note waits: nothing to look for */
	rc = store_prepare(st, disclosed_sql, &s, err);
	if (rc)
		return rc;
	rc = sqlite3_bind_int64(s, 1, since);
	while (!rc && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (dorn_grow(&out->v, &out->cap, out->n + 1, sizeof *out->v)) {
			rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
			break;
		}
		out->v[out->n++] = sqlite3_column_int64(s, 0);
		rc = 0;
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc && rc != DORN_ENOMEM)
		rc = store_fail(st, err, rc, "reading the exports in the audit log", disclosed_sql);
	sqlite3_finalize(s);
	if (!rc && out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_id);
	return rc;
}

static void row_of(sqlite3_stmt *s, const struct ids *exported, struct dorn_store_agenda_row *r)
{
	char word[16];
	long long note_id;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, r->urn, sizeof r->urn);
	store_col_copy(s, 2, r->next_hearing, sizeof r->next_hearing);
	store_col_copy(s, 3, r->next_hearing_type, sizeof r->next_hearing_type);
	store_col_copy(s, 4, r->sentencing_date, sizeof r->sentencing_date);
	r->version = sqlite3_column_int(s, 5);
	store_col_copy(s, 6, word, sizeof word);
	r->consent = dorn_name_lookup(&dorn_consent_names, word);
	if (r->consent < 0)
		r->consent = DORN_CONSENT_NOT_ASKED;
	store_col_copy(s, 7, word, sizeof word);
	r->note_status = dorn_note_status_of(word);
	r->note_version = sqlite3_column_int(s, 8);
	note_id = sqlite3_column_int64(s, 9);
	r->note_case_version = sqlite3_column_int(s, 10);
	store_col_copy(s, 11, r->outcome_date, sizeof r->outcome_date);
	store_col_copy(s, 12, r->outcome_received, sizeof r->outcome_received);
	store_col_copy(s, 13, r->outcome_told, sizeof r->outcome_told);
	r->outcome_not_told = sqlite3_column_int(s, 14);
	r->exported = r->note_status == DORN_NOTE_APPROVED && note_id && exported->n &&
		      bsearch(&note_id, exported->v, exported->n, sizeof *exported->v, cmp_id);
}

int sq_agenda(struct dorn_store *st, const struct dorn_store_agenda_query *q,
		      int (*cb)(const struct dorn_store_agenda_row *, void *), void *ctx,
		      struct dorn_err *err)
{
	struct dorn_store_agenda_row r;
	struct ids exported = { 0 };
	sqlite3_stmt *s = NULL;
	int rc = disclosed(st, q->today, &exported, err);

	if (!rc)
		rc = store_prepare(st, agenda_sql, &s, err);
	if (rc)
		goto out;
	rc = store_bind_text(s, 1, q->today);
	if (!rc)
		rc = store_bind_text(s, 2, q->urgent_to);
	if (!rc)
		rc = sqlite3_bind_int64(s, 3, q->staff_id);
	while (!rc && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		row_of(s, &exported, &r);
		rc = cb(&r, ctx);
		if (rc)
			goto out;
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc)
		rc = store_fail(st, err, rc, "reading the worklist", agenda_sql);
out:
	sqlite3_finalize(s);
	free(exported.v);
	return rc;
}
