/* A unit's file, table by table, for 'dorn migrate' (src/store/copy.c):
 * every row as the file holds it, each value as text or NULL, with the
 * columns in the table's own order (the server's tables have the same
 * names, 10-tables.sql). Nothing here knows where the rows go. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "priv.h"

/* Only dorn's own table names reach the SQL below: letters and '_'. */
static int plain_name(const char *t)
{
	if (!*t || strlen(t) > 31)
		return 0;
	for (const char *p = t; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
			return 0;
	return 1;
}

/* The audit key, as the pseudo-table the server keeps it in. */
static int dump_secret(struct dorn_store *st, const struct store_sink *sink,
		       struct dorn_err *err)
{
	static const char *const cols[] = { "name", "value" };
	char hex[2 * DORN_KEY_BYTES + 1];
	const char *vals[2] = { "audit_key", hex };
	int rc;

	if (!st->has_key)
		return dorn_err_set(err, DORN_ECONFIG, "the audit key of %s is not loaded, so "
				    "its log cannot be moved with its key: give it with --key FILE",
				    st->path);
	for (int i = 0; i < DORN_KEY_BYTES; i++)
		snprintf(hex + 2 * i, 3, "%02x", st->key[i]);
	rc = sink->table(sink->ctx, "secret", cols, 2, err);
	if (!rc)
		rc = sink->row(sink->ctx, vals, 2, err);
	if (!rc)
		rc = sink->end(sink->ctx, err);
	memset(hex, 0, sizeof hex);
	return rc;
}

static int dump_table(struct dorn_store *st, const char *table, const struct store_sink *sink,
		      struct dorn_err *err)
{
	char sql[256];
	const char **vals = NULL;
	const char *cols[64];
	sqlite3_stmt *s = NULL;
	int rc, n;

	if (!plain_name(table))
		return dorn_err_set(err, DORN_EINTERNAL, "no table '%.40s' to copy (a bug)", table);
	if (strcmp(table, "case_search") == 0)
		snprintf(sql, sizeof sql, "SELECT rowid AS case_id, urn, defendant, victim_ref,"
			 " victim_name, victim_words FROM case_search ORDER BY rowid");
	else
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", table); /* case_due has no rowid */
	if ((rc = store_prepare(st, sql, &s, err)))
		return rc;
	n = sqlite3_column_count(s);
	if (n < 1 || n > (int)(sizeof cols / sizeof cols[0])) {
		rc = dorn_err_set(err, DORN_EINTERNAL, "table %s has %d columns (a bug)", table, n);
		goto out;
	}
	for (int i = 0; i < n; i++)
		cols[i] = sqlite3_column_name(s, i);
	vals = calloc((size_t)n, sizeof *vals);
	if (!vals) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory copying %s", table);
		goto out;
	}
	if ((rc = sink->table(sink->ctx, table, cols, n, err)))
		goto out;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++) {
			int type = sqlite3_column_type(s, i);

			if (type == SQLITE_BLOB) {
				rc = dorn_err_set(err, DORN_EDATA, "table %s holds binary data in "
						  "column %s, which dorn never writes: run 'dorn "
						  "check'", table, cols[i]);
				goto out;
			}
			vals[i] = type == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(s, i);
			if (type != SQLITE_NULL && !vals[i]) {
				rc = dorn_err_set(err, DORN_ENOMEM, "out of memory copying %s", table);
				goto out;
			}
		}
		if ((rc = sink->row(sink->ctx, vals, n, err)))
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, err, rc, "reading the database to copy it", sql);
		goto out;
	}
	rc = sink->end(sink->ctx, err);
out:
	free(vals);
	sqlite3_finalize(s);
	return rc;
}

int sq_dump(struct dorn_store *st, const char *const *tables, const struct store_sink *sink,
	    struct dorn_err *err)
{
	int rc = 0;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "a copy read outside a transaction (a bug)");
	for (size_t i = 0; !rc && tables[i]; i++)
		rc = strcmp(tables[i], "secret") == 0 ? dump_secret(st, sink, err)
						      : dump_table(st, tables[i], sink, err);
	return rc;
}
