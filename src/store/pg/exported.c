/* PostgreSQL: whether a case's note was exported (note_exported(), which
 * reads the audit log for the caller's units' cases only). */
#include "pg.h"

int pg_note_exported(struct pg_store *st, long long case_id, int *version,
		     struct dorn_err *err)
{
	char id[24];
	const char *p[] = { pg_lld(id, case_id) };
	PGresult *r = NULL;
	int rc = pg_exec(st, "SELECT note_exported($1::bigint)", 1, p, &r,
			 "reading whether the case's note was exported", err);

	if (!rc)
		*version = PQntuples(r) ? (int)pg_num(r, 0, 0) : 0;
	PQclear(r);
	return rc;
}
