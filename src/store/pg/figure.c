/* PostgreSQL: the figures, a unit's or (dorn_force) every unit's.
 *
 * The figure table holds no personal data (see src/store/sqlite/figure.c),
 * and on a server each row carries its case's unit, kept after the case
 * is erased. Row-level security decides which rows a login reads: a
 * member of staff their units' rows, a dorn_force member every unit's
 * (90-security.sql); the query itself asks for no unit, so the same
 * command gives each what the database lets them see. */
#include <string.h>

#include "dorn/figures.h"
#include "pg.h"

int pg_figure_each(struct pg_store *st, const char *from, const char *to,
		   int (*cb)(const struct dorn_figure_row *, void *), void *ctx,
		   struct dorn_err *err)
{
	static const char sql[] =
		"SELECT officer, offences, child, coalesce(concern, ''), coalesce(approved, ''),"
		" coalesce(exported, ''), coalesce(hearing, ''), coalesce(outcome, ''), items,"
		" sought, made, refused, not_sought, returned, held, erased, coalesce(unit, '')"
		" FROM dorn.figure"
		" WHERE ($1::text IS NULL OR concern >= $1) AND ($2::text IS NULL OR concern <= $2)"
		" ORDER BY concern, id";
	const char *p[] = { from && *from ? from : NULL, to && *to ? to : NULL };
	struct dorn_figure_row r;
	PGresult *res = NULL;
	int rc, n, stop = 0;

	rc = pg_exec(st, sql, 2, p, &res, "reading the figures", err);
	if (rc)
		return rc;
	n = PQntuples(res);
	for (int i = 0; i < n && !stop; i++) {
		memset(&r, 0, sizeof r);
		pg_copy(res, i, 0, r.officer, sizeof r.officer);
		pg_copy(res, i, 1, r.offences, sizeof r.offences);
		r.child = (int)pg_num(res, i, 2);
		pg_copy(res, i, 3, r.concern, sizeof r.concern);
		pg_copy(res, i, 4, r.approved, sizeof r.approved);
		pg_copy(res, i, 5, r.exported, sizeof r.exported);
		pg_copy(res, i, 6, r.hearing, sizeof r.hearing);
		pg_copy(res, i, 7, r.outcome, sizeof r.outcome);
		r.items = (int)pg_num(res, i, 8);
		r.sought = (int)pg_num(res, i, 9);
		r.made = (int)pg_num(res, i, 10);
		r.refused = (int)pg_num(res, i, 11);
		r.not_sought = (int)pg_num(res, i, 12);
		r.returned = (int)pg_num(res, i, 13);
		r.held = (int)pg_num(res, i, 14);
		r.erased = (int)pg_num(res, i, 15);
		pg_copy(res, i, 16, r.unit, sizeof r.unit);
		stop = cb(&r, ctx);
	}
	PQclear(res);
	return stop;
}
