/* Cases: the list for the home screen and `dorn list`. */
#include <stdlib.h>
#include <string.h>

#include "priv.h"

int dorn_store_case_list(struct dorn_store *st, struct dorn_case_row **rows,
			 size_t *n, struct dorn_err *err)
{
	/* The next date that matters is the earlier of the two known ones. */
	static const char sql[] =
		"SELECT c.id, c.urn, coalesce(v.reference, ''),"
		" coalesce((SELECT code FROM case_offence o WHERE o.case_id = c.id"
		"   ORDER BY position LIMIT 1), ''),"
		" coalesce(min(c.next_hearing, c.sentencing_date), c.next_hearing,"
		"   c.sentencing_date, ''),"
		" coalesce((SELECT status FROM note t WHERE t.case_id = c.id"
		"   ORDER BY version DESC LIMIT 1), 'none')"
		" FROM \"case\" c LEFT JOIN victim v ON v.case_id = c.id ORDER BY c.urn";
	struct dorn_case_row *v = NULL, *grown;
	size_t len = 0, cap = 0;
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err);

	*rows = NULL;
	*n = 0;
	if (rc)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			grown = realloc(v, cap * sizeof *v);
			if (!grown) {
				rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
				goto out;
			}
			v = grown;
		}
		memset(&v[len], 0, sizeof v[len]);
		v[len].id = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, v[len].urn, sizeof v[len].urn);
		store_col_copy(s, 2, v[len].victim_ref, sizeof v[len].victim_ref);
		store_col_copy(s, 3, v[len].offence, sizeof v[len].offence);
		store_col_copy(s, 4, v[len].next_date, sizeof v[len].next_date);
		store_col_copy(s, 5, v[len].note_status, sizeof v[len].note_status);
		len++;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "listing cases", sql);
out:
	sqlite3_finalize(s);
	if (rc) {
		free(v);
		return rc;
	}
	*rows = v;
	*n = len;
	return 0;
}
