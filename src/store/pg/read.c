/* PostgreSQL: the reads. Plain SELECTs run as the client's own role, so
 * row-level security (sql/90-security.sql) hands each caller only their
 * units' rows: a case of another unit is not found, exactly as a case that
 * does not exist. The SQLite engine (src/store/sqlite/) is the
 * specification: the same rows in the same order, the same messages and
 * codes. Where SQLite compares text (the list's keys, orders by URN or
 * login) it compares bytes; so does every comparison here (COLLATE "C"),
 * whatever the server's collation. Three reads go through SECURITY
 * DEFINER functions of sql/40-read.sql, which keep to the caller's units
 * themselves: the search (doc's index, which a query under row-level
 * security cannot use) and the two reads of the audit log (which officers
 * may not read). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/fields.h"
#include "dorn/list.h"
#include "dorn/model.h"
#include "dorn/review.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "pg.h"

#define C_ " COLLATE \"C\""

/* A read of several statements sees the database at one moment: a
 * snapshot (REPEATABLE READ, READ ONLY) unless the caller's transaction
 * is open, so that no writer's commit falls between a case's row and its
 * parts. *opened says whether one was begun, for snap_end. */
static int snap_begin(struct pg_store *st, int *opened, struct dorn_err *err)
{
	int rc;

	*opened = 0;
	if (st->in_tx)
		return 0;
	rc = pg_exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, NULL,
		     "starting a read", err);
	*opened = !rc;
	return rc;
}

/* Close it: rc is the read's result, returned unless the close fails. */
static int snap_end(struct pg_store *st, int opened, int rc, struct dorn_err *err)
{
	if (!opened)
		return rc;
	if (rc) {
		pg_exec(st, "ROLLBACK", 0, NULL, NULL, "", NULL);
		return rc;
	}
	return pg_exec(st, "COMMIT", 0, NULL, NULL, "finishing a read", err);
}

/* ---- staff ---- */

#define STAFF_COLS "id, login, name, role, active, contact"

static void staff_from(const PGresult *r, int row, struct dorn_staff *out)
{
	char role[16];

	memset(out, 0, sizeof *out);
	out->id = pg_num(r, row, 0);
	pg_copy(r, row, 1, out->login, sizeof out->login);
	pg_copy(r, row, 2, out->name, sizeof out->name);
	pg_copy(r, row, 3, role, sizeof role);
	out->role = strcmp(role, "supervisor") == 0 ? DORN_ROLE_SUPERVISOR : DORN_ROLE_OFFICER;
	out->active = (int)pg_num(r, row, 4);
	pg_copy(r, row, 5, out->contact, sizeof out->contact);
}

int pg_staff_get(struct pg_store *st, const char *login, struct dorn_staff *out, struct dorn_err *err)
{
	const char *p[] = { login };
	PGresult *r = NULL;
	int rc = pg_exec(st, "SELECT " STAFF_COLS " FROM staff WHERE login = $1::text", 1, p, &r,
			 "reading staff", err);

	if (rc)
		return rc;
	if (PQntuples(r) == 0)
		rc = dorn_err_set(err, DORN_ENOINPUT, "no staff record for '%s'", login);
	else
		staff_from(r, 0, out);
	PQclear(r);
	return rc;
}

int pg_staff_each(struct pg_store *st, int (*cb)(const struct dorn_staff *, void *), void *ctx, struct dorn_err *err)
{
	struct dorn_staff row;
	PGresult *r = NULL;
	int rc = pg_exec(st, "SELECT " STAFF_COLS " FROM staff ORDER BY login" C_, 0, NULL, &r,
			 "reading staff", err);

	for (int i = 0; !rc && i < PQntuples(r); i++) {
		staff_from(r, i, &row);
		rc = cb(&row, ctx);
	}
	PQclear(r);
	return rc;
}

/* One number from sql (no parameters, or one). */
static int scalar(struct pg_store *st, const char *sql, const char *param, long long *out,
		  const char *what, struct dorn_err *err)
{
	const char *p[] = { param };
	PGresult *r = NULL;
	int rc = pg_exec(st, sql, param ? 1 : 0, param ? p : NULL, &r, what, err);

	if (rc)
		return rc;
	if (PQntuples(r) != 1 || PQnfields(r) < 1)
		rc = dorn_err_set(err, DORN_EINTERNAL, "%s: no answer from the server", what);
	else
		*out = pg_num(r, 0, 0);
	PQclear(r);
	return rc;
}

int pg_staff_count(struct pg_store *st, long long *n, struct dorn_err *err)
{
	return scalar(st, "SELECT count(*) FROM staff", NULL, n, "counting staff", err);
}

/* ---- a case ---- */

int pg_case_id(struct pg_store *st, const char *urn, long long *id, struct dorn_err *err)
{
	const char *p[] = { urn };
	PGresult *r = NULL;
	int rc = pg_exec(st, "SELECT id FROM \"case\" WHERE urn = $1::text", 1, p, &r,
			 "finding a case", err);

	if (rc)
		return rc;
	if (PQntuples(r) == 0)
		rc = dorn_err_set(err, DORN_ENOINPUT, "no case with URN %s", urn);
	else
		*id = pg_num(r, 0, 0);
	PQclear(r);
	return rc;
}

/* The SELECTs of a case's parts, generated once from the field table as
 * sqlite/parts.c does: column names only from that constant table, every
 * value a bound parameter. */
#define SQL_MAX 2048

static const struct {
	const char *table;
	int items; /* one row per item, with its position */
} tables[DORN_PART__COUNT] = {
	[DORN_PART_CASE] = { "\"case\"", 0 },
	[DORN_PART_VICTIM] = { "victim", 0 },
	[DORN_PART_CONCERN] = { "concern", 0 },
	[DORN_PART_ITEM] = { "item", 1 },
	[DORN_PART_OUTCOME] = { "outcome", 0 },
};

/* The case row's bookkeeping, after its fields. staff is LEFT JOINed: a
 * case stays readable should the updater's row be hidden from the caller. */
static const char case_select_tail[] = "c.id, c.version, c.created, c.updated,"
				       " coalesce(s.login, ''), c.steps_saved, c.outcome_version,"
				       " c.retain_until, c.retain_reason";

static int stored(const struct dorn_field *f, int part)
{
	return f->part == part && f->type != DORN_FT_OFFENCES;
}

static char select_sql[DORN_PART__COUNT][SQL_MAX];

static const char *part_select(int part)
{
	char *out = select_sql[part];
	size_t w = 0, k = 0;

	if (out[0])
		return out;
	w += (size_t)snprintf(out + w, SQL_MAX - w, "SELECT %s",
			      tables[part].items ? "position, " : "");
	for (size_t i = 0; i < dorn_nfields; i++) {
		if (!stored(&dorn_fields[i], part))
			continue;
		w += (size_t)snprintf(out + w, SQL_MAX - w, "%s%s%s", k++ ? ", " : "",
				      part == DORN_PART_CASE ? "c." : "", dorn_fields[i].key);
	}
	if (part == DORN_PART_CASE)
		snprintf(out + w, SQL_MAX - w, ", %s FROM \"case\" c LEFT JOIN staff s"
			 " ON s.id = c.updated_by WHERE c.urn = $1::text", case_select_tail);
	else
		snprintf(out + w, SQL_MAX - w, " FROM %s WHERE case_id = $1::bigint%s",
			 tables[part].table, tables[part].items ? " ORDER BY position" : "");
	return out;
}

/* A row's fields of part into base, from column first on, by type as
 * sqlite/parts.c's store_part_load; returns the next column. */
static int part_load(const PGresult *r, int row, int first, int part, void *base)
{
	int col = first;

	for (size_t k = 0; k < dorn_nfields; k++) {
		const struct dorn_field *f = &dorn_fields[k];
		char *at = (char *)base + f->off;

		if (!stored(f, part))
			continue;
		switch (f->type) {
		case DORN_FT_CHOICE: {
			int v = pg_isnull(r, row, col) ? -1
				: dorn_name_lookup(f->names, PQgetvalue(r, row, col));

			*(int *)(void *)at = v < 0 ? 0 : v;
			break;
		}
		case DORN_FT_SET:
			*(unsigned *)(void *)at = (unsigned)(int)pg_num(r, row, col);
			break;
		case DORN_FT_POUNDS:
			*(long *)(void *)at = pg_isnull(r, row, col) ? -1 : (long)pg_num(r, row, col);
			break;
		default:
			pg_copy(r, row, col, at, f->size);
			break;
		}
		col++;
	}
	return col;
}

/* The rows of a part (one for the victim, the concern and the outcome,
 * each item in order) into the case. */
static int load_part(struct pg_store *st, int part, struct dorn_case *c, const char *id,
		     struct dorn_err *err)
{
	const char *p[] = { id };
	PGresult *r = NULL;
	int rc = pg_exec(st, part_select(part), 1, p, &r, "reading a case", err);

	for (int i = 0; !rc && i < PQntuples(r); i++) {
		if (part == DORN_PART_ITEM) {
			struct dorn_item *it;

			if (c->nitems == DORN_ITEMS_MAX)
				continue;
			it = &c->items[c->nitems++];
			it->position = (int)pg_num(r, i, 0);
			part_load(r, i, 1, part, it);
		} else {
			part_load(r, i, 0, part,
				  part == DORN_PART_VICTIM    ? (void *)&c->victim
				  : part == DORN_PART_OUTCOME ? (void *)&c->outcome
							      : (void *)&c->concern);
		}
	}
	PQclear(r);
	return rc;
}

static int load_parts(struct pg_store *st, struct dorn_case *c, struct dorn_err *err)
{
	static const char off_sql[] =
		"SELECT code FROM case_offence WHERE case_id = $1::bigint ORDER BY position";
	static const int parts[] = { DORN_PART_VICTIM, DORN_PART_CONCERN, DORN_PART_ITEM,
				     DORN_PART_OUTCOME };
	char id[24];
	const char *p[] = { pg_lld(id, c->id) };
	PGresult *r = NULL;
	int rc = pg_exec(st, off_sql, 1, p, &r, "reading a case", err);

	for (int i = 0; !rc && i < PQntuples(r) && c->noffences < DORN_OFFENCES_MAX; i++)
		pg_copy(r, i, 0, c->offences[c->noffences++], sizeof c->offences[0]);
	PQclear(r);
	for (size_t i = 0; !rc && i < sizeof parts / sizeof parts[0]; i++)
		rc = load_part(st, parts[i], c, id, err);
	return rc;
}

static int case_load(struct pg_store *st, const char *urn, struct dorn_case *c,
		     struct dorn_err *err)
{
	const char *p[] = { urn };
	PGresult *r = NULL;
	int rc, col;

	rc = pg_exec(st, part_select(DORN_PART_CASE), 1, p, &r, "reading a case", err);
	if (rc)
		return rc;
	if (PQntuples(r) == 0) {
		char shown[18];

		PQclear(r);
		dorn_urn_display(urn, shown);
		return dorn_err_set(err, DORN_ENOINPUT, "no case with URN %s: check the "
				    "reference, or see 'dorn list'", shown);
	}
	col = part_load(r, 0, 0, DORN_PART_CASE, c);
	c->id = pg_num(r, 0, col);
	c->version = (int)pg_num(r, 0, col + 1);
	pg_copy(r, 0, col + 2, c->created, sizeof c->created);
	pg_copy(r, 0, col + 3, c->updated, sizeof c->updated);
	pg_copy(r, 0, col + 4, c->updated_by, sizeof c->updated_by);
	c->steps_saved = (unsigned)pg_num(r, 0, col + 5);
	c->outcome_version = (int)pg_num(r, 0, col + 6);
	pg_copy(r, 0, col + 7, c->retain_until, sizeof c->retain_until);
	pg_copy(r, 0, col + 8, c->retain_reason, sizeof c->retain_reason);
	PQclear(r);
	return load_parts(st, c, err);
}

int pg_case_load(struct pg_store *st, const char *urn, struct dorn_case *c, struct dorn_err *err)
{
	int opened, rc;

	dorn_case_init(c);
	if (!(rc = snap_begin(st, &opened, err)))
		rc = snap_end(st, opened, case_load(st, urn, c, err), err);
	if (rc)
		dorn_case_init(c);
	return rc;
}

/* ---- the note ---- */

/* Copy a field into out (n bytes), cut at a character boundary. */
static void copy_cut(const PGresult *r, int row, int col, char *out, size_t n)
{
	const char *t = pg_isnull(r, row, col) ? "" : PQgetvalue(r, row, col);
	size_t len = strlen(t);

	if (len >= n)
		len = dorn_utf8_prev(t, n); /* the last whole character that fits */
	memcpy(out, t, len);
	out[len] = '\0';
}

static const char authors_sql[] =
	"SELECT coalesce(s.login, ''), coalesce(s.name, ''), a.first_change, a.act, a.how,"
	" a.since_version FROM note_author a LEFT JOIN staff s ON s.id = a.staff_id"
	" WHERE a.case_id = $1::bigint AND a.version = $2::bigint ORDER BY a.since_version, a.id";

int pg_note_authors(struct pg_store *st, long long case_id, int version, struct dorn_note_author **rows, size_t *n, struct dorn_err *err)
{
	struct dorn_note_author *v = NULL;
	char id[24], ver[24];
	const char *p[] = { pg_lld(id, case_id), pg_lld(ver, version) };
	PGresult *r = NULL;
	size_t cap = 0;
	int rc = pg_exec(st, authors_sql, 2, p, &r, "reading who wrote the note", err);
	int len;

	*rows = NULL;
	*n = 0;
	if (rc)
		return rc;
	len = PQntuples(r);
	if (len && dorn_grow(&v, &cap, (size_t)len, sizeof *v)) {
		PQclear(r);
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	}
	for (int i = 0; i < len; i++) {
		struct dorn_note_author *a = &v[i];
		char act[16];

		memset(a, 0, sizeof *a);
		pg_copy(r, i, 0, a->login, sizeof a->login);
		pg_copy(r, i, 1, a->name, sizeof a->name);
		pg_copy(r, i, 2, a->first, sizeof a->first);
		pg_copy(r, i, 3, act, sizeof act);
		a->act = dorn_author_act_of(act);
		copy_cut(r, i, 4, a->how, sizeof a->how);
		a->since_version = (int)pg_num(r, i, 5);
	}
	PQclear(r);
	*rows = v;
	*n = (size_t)len;
	return 0;
}

/* The version's authors into n (the first DORN_NOTE_AUTHORS_MAX). */
static int note_authors_into(struct pg_store *st, struct dorn_note *n, struct dorn_err *err)
{
	struct dorn_note_author *rows = NULL;
	size_t len = 0;
	int rc = pg_note_authors(st, n->case_id, n->version, &rows, &len, err);

	if (rc)
		return rc;
	n->authors_total = len;
	n->nauthors = len < DORN_NOTE_AUTHORS_MAX ? len : DORN_NOTE_AUTHORS_MAX;
	if (n->nauthors)
		memcpy(n->authors, rows, n->nauthors * sizeof rows[0]);
	free(rows);
	return 0;
}

int pg_note_author_get(struct pg_store *st, long long case_id, int version, const char *login, struct dorn_note_author *out, struct dorn_err *err)
{
	struct dorn_note_author *rows = NULL;
	size_t len = 0;
	int rc = pg_note_authors(st, case_id, version, &rows, &len, err);

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

#define NOTE_SELECT \
	"SELECT n.id, n.case_id, n.version, n.status, n.body, coalesce(a.login, '')," \
	" coalesce(a.name, ''), n.created, coalesce(n.submitted, ''), coalesce(r.login, '')," \
	" coalesce(r.name, ''), coalesce(n.reviewed, ''), n.review_comment, n.case_version," \
	" n.model FROM note n LEFT JOIN staff a ON a.id = n.author" \
	" LEFT JOIN staff r ON r.id = n.reviewer WHERE n.case_id = $1::bigint" \
	" ORDER BY n.version DESC"

static int note_from(const PGresult *r, int row, struct dorn_note *n)
{
	char status[16];

	memset(n, 0, sizeof *n);
	n->id = pg_num(r, row, 0);
	n->case_id = pg_num(r, row, 1);
	n->version = (int)pg_num(r, row, 2);
	pg_copy(r, row, 3, status, sizeof status);
	n->status = dorn_note_status_of(status);
	n->body = strdup(pg_isnull(r, row, 4) ? "" : PQgetvalue(r, row, 4));
	pg_copy(r, row, 5, n->author, sizeof n->author);
	pg_copy(r, row, 6, n->author_name, sizeof n->author_name);
	pg_copy(r, row, 7, n->created, sizeof n->created);
	pg_copy(r, row, 8, n->submitted, sizeof n->submitted);
	pg_copy(r, row, 9, n->reviewer, sizeof n->reviewer);
	pg_copy(r, row, 10, n->reviewer_name, sizeof n->reviewer_name);
	pg_copy(r, row, 11, n->reviewed, sizeof n->reviewed);
	pg_copy(r, row, 12, n->comment, sizeof n->comment);
	n->case_version = (int)pg_num(r, row, 13);
	if (!pg_isnull(r, row, 14)) {
		n->model = strdup(PQgetvalue(r, row, 14));
		if (!n->model)
			return DORN_ENOMEM;
	}
	return n->body ? 0 : DORN_ENOMEM;
}

static int note_latest(struct pg_store *st, long long case_id, struct dorn_note *out,
		       struct dorn_err *err)
{
	char id[24];
	const char *p[] = { pg_lld(id, case_id) };
	PGresult *r = NULL;
	int rc = pg_exec(st, NOTE_SELECT " LIMIT 1", 1, p, &r, "reading a note", err);

	if (rc)
		return rc;
	if (PQntuples(r) == 0) {
		rc = dorn_err_set(err, DORN_ENOINPUT, "no note for this case yet");
	} else if (note_from(r, 0, out)) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		dorn_note_fini(out);
	} else if ((rc = note_authors_into(st, out, err))) {
		dorn_note_fini(out);
	}
	PQclear(r);
	return rc;
}

int pg_note_latest(struct pg_store *st, long long case_id, struct dorn_note *out, struct dorn_err *err)
{
	int opened, rc;

	memset(out, 0, sizeof *out);
	if ((rc = snap_begin(st, &opened, err)))
		return rc;
	rc = note_latest(st, case_id, out, err);
	rc = snap_end(st, opened, rc, err);
	if (rc && out->body)
		dorn_note_fini(out);
	return rc;
}

int pg_note_next_version(struct pg_store *st, long long case_id, int *version, struct dorn_err *err)
{
	struct dorn_note n;
	int rc = pg_note_latest(st, case_id, &n, err);

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

static int note_versions(struct pg_store *st, long long case_id, struct dorn_note **rows,
			 size_t *n, struct dorn_err *err)
{
	char id[24];
	const char *p[] = { pg_lld(id, case_id) };
	struct dorn_note *v = NULL;
	PGresult *r = NULL;
	size_t len = 0, cap = 0;
	int rc = pg_exec(st, NOTE_SELECT, 1, p, &r, "reading the note's versions", err);

	*rows = NULL;
	*n = 0;
	if (rc)
		return rc;
	if (PQntuples(r) && dorn_grow(&v, &cap, (size_t)PQntuples(r), sizeof *v)) {
		PQclear(r);
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	}
	for (int i = 0; !rc && i < PQntuples(r); i++) {
		if (note_from(r, i, &v[len++]))
			rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		else
			rc = note_authors_into(st, &v[len - 1], err);
	}
	PQclear(r);
	if (rc) {
		for (size_t i = 0; i < len; i++)
			dorn_note_fini(&v[i]);
		free(v);
		return rc;
	}
	*rows = v;
	*n = len;
	return 0;
}

int pg_note_versions(struct pg_store *st, long long case_id, struct dorn_note **rows, size_t *n, struct dorn_err *err)
{
	int opened, rc;

	*rows = NULL;
	*n = 0;
	if ((rc = snap_begin(st, &opened, err)))
		return rc;
	rc = note_versions(st, case_id, rows, n, err);
	if ((rc = snap_end(st, opened, rc, err)) && *rows) {
		dorn_notes_free(*rows, *n);
		*rows = NULL;
		*n = 0;
	}
	return rc;
}

int pg_review_queue(struct pg_store *st, struct dorn_store_queue_row **rows, size_t *n, struct dorn_err *err)
{
	static const char sql[] =
		"SELECT c.urn, n.version, coalesce(a.login, ''), coalesce(a.name, ''), n.submitted,"
		" coalesce(c.next_hearing, ''), coalesce(c.sentencing_date, '')"
		" FROM note n JOIN \"case\" c ON c.id = n.case_id LEFT JOIN staff a ON a.id = n.author"
		" WHERE n.status = 'submitted'"
		"   AND n.version = (SELECT max(version) FROM note m WHERE m.case_id = n.case_id)"
		" ORDER BY n.submitted" C_ ", n.id";
	struct dorn_store_queue_row *v = NULL;
	PGresult *r = NULL;
	size_t cap = 0;
	int rc = pg_exec(st, sql, 0, NULL, &r, "reading the review queue", err), len;

	*rows = NULL;
	*n = 0;
	if (rc)
		return rc;
	len = PQntuples(r);
	if (len && dorn_grow(&v, &cap, (size_t)len, sizeof *v)) {
		PQclear(r);
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	}
	for (int i = 0; i < len; i++) {
		memset(&v[i], 0, sizeof v[i]);
		pg_copy(r, i, 0, v[i].urn, sizeof v[i].urn);
		v[i].version = (int)pg_num(r, i, 1);
		pg_copy(r, i, 2, v[i].author, sizeof v[i].author);
		pg_copy(r, i, 3, v[i].author_name, sizeof v[i].author_name);
		pg_copy(r, i, 4, v[i].submitted, sizeof v[i].submitted);
		pg_copy(r, i, 5, v[i].next_hearing, sizeof v[i].next_hearing);
		pg_copy(r, i, 6, v[i].sentencing_date, sizeof v[i].sentencing_date);
	}
	PQclear(r);
	*rows = v;
	*n = (size_t)len;
	return 0;
}

/* ---- the case list ----
 * As sqlite/case.c reads it: part by part (enum dorn_list_seg), each part
 * a range of an index read in its own order (40-read.sql's COLLATE "C"
 * indexes), or, for a search with few matches, the matches sorted. Every
 * query takes the same parameters: $1,$2 the (date, urn) the range starts
 * after and $3,$4 the one it ends before (both left out), $5 today, $6 the
 * note status or NULL, $7 the most rows (NULL: all), $8 the typed search,
 * folded (search_cases finds its matches); the search-first query also $9,
 * $10 the parts of the two bounds. Keys use "" as below and "~" as above
 * every date and URN. */
#define LIST_SEARCH_CAP 1000

/* Columns 0..12 as struct dorn_case_row; column 13 is the date of the key. */
#define LIST_COLS \
	"c.id, c.urn AS urn, coalesce((SELECT reference FROM victim v WHERE v.case_id = c.id), '')," \
	" substr(c.defendant, 1, 60), coalesce((SELECT code FROM case_offence o" \
	" WHERE o.case_id = c.id ORDER BY position LIMIT 1), ''), coalesce(c.next_hearing, '')," \
	" coalesce(c.sentencing_date, ''), coalesce(c.due_lo, ''), c.note_status, c.note_version," \
	" substr(c.court, 1, 60), substr(c.next_hearing_type, 1, 44), substr(c.officer_in_case, 1, 60)"
#define LIST_STATUS " AND ($6::text IS NULL OR c.note_status = $6::text)"
/* In FROM, search_cases runs once and is read from what it kept however
 * the plan goes; in the select list (ProjectSet) a nested loop would run
 * it again for every case, as one planned on stale statistics did (70 s
 * for 1,200 matches). */
#define LIST_MATCHES "SELECT m.id FROM search_cases($8::text) AS m(id)"
#define LIST_MATCH " AND c.id IN (" LIST_MATCHES ")"
#define LIST_MATCH_NONE ""
#define LIST_LIMIT " LIMIT $7::bigint"

#define LIST_UPCOMING(dir, match) \
	"SELECT " LIST_COLS ", d.date FROM case_due d JOIN \"case\" c ON c.id = d.case_id" \
	" WHERE (d.date" C_ ", d.urn" C_ ") > ($1::text, $2::text)" \
	" AND (d.date" C_ ", d.urn" C_ ") < ($3::text, $4::text)" \
	" AND (d.date = d.lo OR d.lo" C_ " < $5::text)" LIST_STATUS match \
	" ORDER BY d.date" C_ " " dir ", d.urn" C_ " " dir LIST_LIMIT
#define LIST_PASSED(dir, match) \
	"SELECT " LIST_COLS ", c.due_hi FROM \"case\" c" \
	" WHERE (c.due_hi" C_ ", c.urn" C_ ") > ($1::text, $2::text)" \
	" AND (c.due_hi" C_ ", c.urn" C_ ") < ($3::text, $4::text)" LIST_STATUS match \
	" ORDER BY c.due_hi" C_ " " dir ", c.urn" C_ " " dir LIST_LIMIT
#define LIST_NONE(dir, match) \
	"SELECT " LIST_COLS ", '' FROM \"case\" c" \
	" WHERE c.due_hi IS NULL AND c.urn" C_ " > $2::text AND c.urn" C_ " < $4::text" \
	LIST_STATUS match " ORDER BY c.urn" C_ " " dir LIST_LIMIT
#define LIST_URN(dir, match) \
	"SELECT " LIST_COLS ", '' FROM \"case\" c" \
	" WHERE c.urn" C_ " > $2::text AND c.urn" C_ " < $4::text" \
	LIST_STATUS match " ORDER BY c.urn" C_ " " dir LIST_LIMIT
/* A search with few matches starts at the index of the search and sorts
 * only its matches: the part and date of each worked out as the parts
 * above do. */
#define LIST_SEARCH(dir) \
	"SELECT * FROM (SELECT " LIST_COLS "," \
	" CASE WHEN $5::text IS NULL THEN '' WHEN c.due_lo" C_ " >= $5::text THEN c.due_lo" \
	"   ELSE coalesce(c.due_hi, '') END AS kdate," \
	" CASE WHEN $5::text IS NULL OR c.due_hi" C_ " >= $5::text THEN 0" \
	"   WHEN c.due_hi IS NOT NULL THEN 1 ELSE 2 END AS kseg" \
	" FROM \"case\" c WHERE c.id IN (" LIST_MATCHES ")" LIST_STATUS ") k" \
	" WHERE (kseg, kdate" C_ ", urn" C_ ") > ($9::int, $1::text, $2::text)" \
	" AND (kseg, kdate" C_ ", urn" C_ ") < ($10::int, $3::text, $4::text)" \
	" ORDER BY kseg " dir ", kdate" C_ " " dir ", urn" C_ " " dir LIST_LIMIT
#define LIST_SEARCH_COUNT \
	"SELECT count(*) FROM (SELECT 1 FROM search_cases($1::text) LIMIT $2::bigint) m"

/* The statements: each kind both ways, with the search and without. */
enum list_stmt { LS_UPCOMING, LS_PASSED, LS_NONE, LS_URN, LS_SEARCH, LS__KINDS };

#define BOTH(kind, m) { kind("ASC", m), kind("DESC", m) }
static const char *const list_sql[LS__KINDS][2][2] = {
	[LS_UPCOMING] = { BOTH(LIST_UPCOMING, LIST_MATCH_NONE), BOTH(LIST_UPCOMING, LIST_MATCH) },
	[LS_PASSED] = { BOTH(LIST_PASSED, LIST_MATCH_NONE), BOTH(LIST_PASSED, LIST_MATCH) },
	[LS_NONE] = { BOTH(LIST_NONE, LIST_MATCH_NONE), BOTH(LIST_NONE, LIST_MATCH) },
	[LS_URN] = { BOTH(LIST_URN, LIST_MATCH_NONE), BOTH(LIST_URN, LIST_MATCH) },
	[LS_SEARCH] = { { NULL, NULL }, { LIST_SEARCH("ASC"), LIST_SEARCH("DESC") } },
};

/* pg_exec with every parameter declared text: a statement need not use
 * all of them (each kind of the list uses its own few of the same ten). */
static int exec_typed(struct pg_store *st, const char *sql, int n, const char *const *params,
		      PGresult **out, const char *what, struct dorn_err *err)
{
	static const Oid text[10] = { 25, 25, 25, 25, 25, 25, 25, 25, 25, 25 };
	PGresult *r;
	ExecStatusType s;

	*out = NULL;
	if (n > 10)
		return dorn_err_set(err, DORN_EINTERNAL, "%s: too many parameters (a bug)", what);
	r = PQexecParams(st->conn, sql, n, text, params, NULL, NULL, 0);
	s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (s != PGRES_TUPLES_OK) {
		int rc = pg_fail(st, r, what, err);

		PQclear(r);
		return rc;
	}
	*out = r;
	return 0;
}

struct list_run {
	struct pg_store *st;
	const struct dorn_case_query *q;
	const char *match;     /* the search, folded; NULL: none */
	int backward;
	long long left;        /* rows still wanted; -1: all */
	int (*cb)(const struct dorn_case_row *, void *);
	void *ctx;
};

/* Run one query over the range (lo, hi) and hand each row to the callback. */
static int list_range(struct list_run *r, enum list_stmt which, int seg,
		      const struct dorn_list_key *lo, const struct dorn_list_key *hi,
		      struct dorn_err *err)
{
	const char *sql = list_sql[which][r->match != NULL][r->backward];
	char left[24], slo[24], shi[24];
	const char *p[10] = { lo->date, lo->urn, hi->date, hi->urn, r->q->today, r->q->status,
			      r->left < 0 ? NULL : pg_lld(left, r->left), r->match,
			      pg_lld(slo, lo->seg), pg_lld(shi, hi->seg) };
	struct dorn_case_row row;
	PGresult *res = NULL;
	int rc = exec_typed(r->st, sql, which == LS_SEARCH ? 10 : 8, p, &res, "listing cases", err);
	char status[16];

	for (int i = 0; !rc && i < PQntuples(res); i++) {
		memset(&row, 0, sizeof row);
		row.id = pg_num(res, i, 0);
		pg_copy(res, i, 1, row.urn, sizeof row.urn);
		pg_copy(res, i, 2, row.victim_ref, sizeof row.victim_ref);
		pg_copy(res, i, 3, row.defendant, sizeof row.defendant);
		pg_copy(res, i, 4, row.offence, sizeof row.offence);
		pg_copy(res, i, 5, row.next_hearing, sizeof row.next_hearing);
		pg_copy(res, i, 6, row.sentencing_date, sizeof row.sentencing_date);
		pg_copy(res, i, 7, row.next_date, sizeof row.next_date);
		pg_copy(res, i, 8, status, sizeof status);
		row.note_status = dorn_note_status_of(status);
		row.note_version = (int)pg_num(res, i, 9);
		pg_copy(res, i, 10, row.court, sizeof row.court);
		pg_copy(res, i, 11, row.hearing_type, sizeof row.hearing_type);
		pg_copy(res, i, 12, row.officer, sizeof row.officer);
		row.key.seg = which == LS_SEARCH ? (int)pg_num(res, i, 14) : seg;
		pg_copy(res, i, 13, row.key.date, sizeof row.key.date);
		memcpy(row.key.urn, row.urn, sizeof row.key.urn);
		if (r->left > 0)
			r->left--;
		if ((rc = r->cb(&row, r->ctx)))
			break;
		if (r->left == 0)
			break;
	}
	PQclear(res);
	return rc;
}

/* What was typed, folded as the search index is (dorn_text_fold), with
 * whether it holds a word at all (anything but spaces and tabs). */
static char *fold_search(const char *typed, int *words)
{
	char *f = malloc(strlen(typed) + 1);

	*words = 0;
	if (!f)
		return NULL;
	dorn_text_fold(typed, f);
	*words = f[strspn(f, " \t")] != '\0';
	return f;
}

int pg_case_page(struct pg_store *st, const struct dorn_case_query *q, const struct dorn_list_key *from, int backward, size_t n, int (*cb)(const struct dorn_case_row *, void *), void *ctx, struct dorn_err *err)
{
	static const struct dorn_case_query all = { 0 };
	struct list_run r = { st, q ? q : &all, NULL, !!backward, n ? (long long)n : -1, cb, ctx };
	struct dorn_list_key lo, hi, slo, shi;
	char *folded = NULL;
	int rc = 0;

	q = r.q;
	store_list_range(q, from, backward, &lo, &hi);
	if (q->search && *q->search) {
		int words;

		if (!(folded = fold_search(q->search, &words)))
			return dorn_err_set(err, DORN_ENOMEM, "out of memory");
		if (words) {
			char cap[24];
			const char *p[] = { folded, pg_lld(cap, LIST_SEARCH_CAP) };
			long long matches = 0;
			PGresult *res = NULL;

			r.match = folded;
			if ((rc = pg_exec(st, LIST_SEARCH_COUNT, 2, p, &res, "searching the cases",
					  err)))
				goto out;
			matches = PQntuples(res) ? pg_num(res, 0, 0) : 0;
			PQclear(res);
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
		enum list_stmt which = (enum list_stmt)seg;

		if (!store_list_part(q, seg, &lo, &hi, &slo, &shi))
			continue;
		if (!q->today)
			which = LS_URN;
		rc = list_range(&r, which, seg, &slo, &shi, err);
	}
out:
	free(folded);
	return rc;
}

/* ---- retention and erasure ---- */

int pg_retention_each(struct pg_store *st, int (*cb)(const struct dorn_case *c, int has_note, void *ctx), void *ctx, struct dorn_err *err)
{
	static const char sql[] =
		"SELECT c.id, c.urn, c.created, c.updated, coalesce(c.retain_until, ''),"
		" coalesce(c.retain_reason, ''), coalesce(o.date, ''), coalesce(o.received, ''),"
		" coalesce(o.told_date, ''), coalesce(o.not_told, ''),"
		" EXISTS (SELECT 1 FROM note n WHERE n.case_id = c.id)"
		" FROM \"case\" c LEFT JOIN outcome o ON o.case_id = c.id ORDER BY c.urn" C_;
	struct dorn_case *c = dorn_case_new();
	PGresult *r = NULL;
	int rc;

	if (!c)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	rc = pg_exec(st, sql, 0, NULL, &r, "reading the cases' review dates", err);
	for (int i = 0; !rc && i < PQntuples(r); i++) {
		c->id = pg_num(r, i, 0);
		pg_copy(r, i, 1, c->urn, sizeof c->urn);
		pg_copy(r, i, 2, c->created, sizeof c->created);
		pg_copy(r, i, 3, c->updated, sizeof c->updated);
		pg_copy(r, i, 4, c->retain_until, sizeof c->retain_until);
		pg_copy(r, i, 5, c->retain_reason, sizeof c->retain_reason);
		pg_copy(r, i, 6, c->outcome.date, sizeof c->outcome.date);
		pg_copy(r, i, 7, c->outcome.received, sizeof c->outcome.received);
		pg_copy(r, i, 8, c->outcome.told_date, sizeof c->outcome.told_date);
		pg_copy(r, i, 9, c->outcome.not_told, sizeof c->outcome.not_told);
		rc = cb(c, (int)pg_num(r, i, 10), ctx);
	}
	PQclear(r);
	/* c held a reason a supervisor wrote: gone with it. */
	memset(c, 0, sizeof *c);
	dorn_case_free(c);
	return rc;
}

int pg_case_has_note(struct pg_store *st, long long case_id, int *yes, struct dorn_err *err)
{
	char id[24];
	long long v = 0;
	int rc = scalar(st, "SELECT EXISTS (SELECT 1 FROM note WHERE case_id = $1::bigint)",
			pg_lld(id, case_id), &v, "reading whether the case has a note", err);

	if (!rc)
		*yes = (int)v;
	return rc;
}

int pg_case_disclosures(struct pg_store *st, long long case_id, int (*cb)(const char *detail, void *ctx), void *ctx, struct dorn_err *err)
{
	char id[24];
	const char *p[] = { pg_lld(id, case_id) };
	PGresult *r = NULL;
	int rc = pg_exec(st, "SELECT detail FROM case_disclosures($1::bigint) ORDER BY seq", 1, p,
			 &r, "reading the case's exports", err);

	for (int i = 0; !rc && i < PQntuples(r); i++)
		rc = cb(pg_isnull(r, i, 0) ? "" : PQgetvalue(r, i, 0), ctx);
	PQclear(r);
	return rc;
}

/* ---- the worklist ---- */

/* $1 today, $2 the last urgent day, $3 the staff id (0: everyone). */
static const char agenda_sql[] =
	"WITH cand(id) AS ("
	"  SELECT case_id FROM case_due WHERE date" C_ " BETWEEN $1::text AND $2::text"
	"  UNION SELECT d.case_id FROM case_due d WHERE d.date" C_ " < $1::text"
	"    AND NOT EXISTS (SELECT 1 FROM outcome o WHERE o.case_id = d.case_id"
	"    AND o.date IS NOT NULL)"
	"  UNION SELECT n.case_id FROM note n JOIN \"case\" c ON c.id = n.case_id"
	"    AND c.note_version = n.version"
	"    WHERE n.status IN ('submitted', 'returned', 'approved')"
	"    AND (c.due_hi IS NULL OR c.due_hi" C_ " >= $1::text)"
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
	" WHERE $3::bigint = 0 OR c.created_by = $3::bigint OR c.updated_by = $3::bigint"
	"  OR EXISTS (SELECT 1 FROM note_author a WHERE a.case_id = c.id AND a.staff_id = $3::bigint)"
	" ORDER BY c.id";

struct ids {
	long long *v;
	size_t n;
};

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* The ids of the notes exported since the earliest approval still of use
 * (40-read.sql, agenda_exported), sorted. */
static int exported_ids(struct pg_store *st, const char *today, struct ids *out,
			struct dorn_err *err)
{
	const char *p[] = { today };
	PGresult *r = NULL;
	int rc = pg_exec(st, "SELECT id FROM agenda_exported($1::text) AS e(id) ORDER BY id", 1, p,
			 &r, "reading the exports in the audit log", err);

	if (rc)
		return rc;
	if (PQntuples(r) && !(out->v = malloc((size_t)PQntuples(r) * sizeof *out->v)))
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	for (int i = 0; !rc && i < PQntuples(r); i++)
		out->v[out->n++] = pg_num(r, i, 0);
	PQclear(r);
	return rc;
}

static void agenda_row(const PGresult *res, int i, const struct ids *exported,
		       struct dorn_store_agenda_row *r)
{
	char word[16];
	long long note_id;

	memset(r, 0, sizeof *r);
	r->id = pg_num(res, i, 0);
	pg_copy(res, i, 1, r->urn, sizeof r->urn);
	pg_copy(res, i, 2, r->next_hearing, sizeof r->next_hearing);
	pg_copy(res, i, 3, r->next_hearing_type, sizeof r->next_hearing_type);
	pg_copy(res, i, 4, r->sentencing_date, sizeof r->sentencing_date);
	r->version = (int)pg_num(res, i, 5);
	pg_copy(res, i, 6, word, sizeof word);
	r->consent = dorn_name_lookup(&dorn_consent_names, word);
	if (r->consent < 0)
		r->consent = DORN_CONSENT_NOT_ASKED;
	pg_copy(res, i, 7, word, sizeof word);
	r->note_status = dorn_note_status_of(word);
	r->note_version = (int)pg_num(res, i, 8);
	note_id = pg_num(res, i, 9);
	r->note_case_version = (int)pg_num(res, i, 10);
	pg_copy(res, i, 11, r->outcome_date, sizeof r->outcome_date);
	pg_copy(res, i, 12, r->outcome_received, sizeof r->outcome_received);
	pg_copy(res, i, 13, r->outcome_told, sizeof r->outcome_told);
	r->outcome_not_told = (int)pg_num(res, i, 14);
	r->exported = r->note_status == DORN_NOTE_APPROVED && note_id && exported->n &&
		      bsearch(&note_id, exported->v, exported->n, sizeof *exported->v, cmp_id);
}

int pg_agenda(struct pg_store *st, const struct dorn_store_agenda_query *q, int (*cb)(const struct dorn_store_agenda_row *, void *), void *ctx, struct dorn_err *err)
{
	struct dorn_store_agenda_row row;
	struct ids exported = { 0 };
	char staff[24];
	const char *p[] = { q->today, q->urgent_to, pg_lld(staff, q->staff_id) };
	PGresult *r = NULL;
	int opened, rc = snap_begin(st, &opened, err);

	if (!rc)
		rc = exported_ids(st, q->today, &exported, err);
	if (!rc)
		rc = pg_exec(st, agenda_sql, 3, p, &r, "reading the worklist", err);
	/* The snapshot ends before the callbacks, which may use the store. */
	rc = snap_end(st, opened, rc, err);
	for (int i = 0; !rc && i < PQntuples(r); i++) {
		agenda_row(r, i, &exported, &row);
		rc = cb(&row, ctx);
	}
	PQclear(r);
	free(exported.v);
	return rc;
}
