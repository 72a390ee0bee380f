/* dorn migrate: a unit's SQLite file copied, row for row, into the empty
 * dorn schema of a server. The file's engine reads (sqlite/dump.c), the
 * server's engine loads (pg/load.c), and neither knows the other: rows
 * pass between them as text through a store_sink (engine.h).
 *
 * The audit log moves exactly as stored, with its chain and the key that
 * signs it, so the server's log goes on from the file's last row and
 * verifies on both sides. That is why the server must be empty: a chain
 * cannot be joined to another, and the ids are kept. What 'dorn init
 * --server' wrote (its first supervisor, who must be on the file's staff
 * as well) is replaced by the file's own rows. */
#include <string.h>

#include "dorn/err.h"
#include "engine.h"

/* The tables, parents before children; "case_search" and "secret" are the
 * search index's content and the audit key (sq_dump). */
static const char *const tables[] = {
	"staff", "case", "case_offence", "victim", "concern", "item", "note",
	"note_author", "outcome", "case_due", "figure", "case_search", "meta",
	"audit", "secret", NULL,
};

int dorn_store_copy_to(struct dorn_store *from, const char *url, const char *unit,
		       struct dorn_copy_result *out, struct dorn_err *err)
{
	struct dorn_staff first;
	struct store_sink sink;
	struct pg_load *l = NULL;
	long long rows = 0, bad = 0, seq = 0;
	char hash[65] = "";
	int rc, held = 0;

	memset(out, 0, sizeof *out);
	if (dorn_store_is_server(from))
		return dorn_err_set(err, DORN_EUSAGE, "dorn migrate copies a unit's database "
				    "file to a server, and the database given is a server already: "
				    "give the file with --db FILE");
	if (!store_is_pg_url(url))
		return dorn_err_set(err, DORN_EUSAGE, "--to takes a PostgreSQL database "
				    "('postgresql://HOST/DB' or 'host=... dbname=...'), not "
				    "'%.60s'", url);
	rc = pg_load_open(&l, url, unit, out->first_login, err);
	/* The file still while it is read: no writer gets in (a snapshot
	 * when it is read-only for us). */
	if (!rc && !(rc = dorn_store_begin(from, err)))
		held = 1;
	/* Init's supervisor stays on the server only as one of the file's
	 * staff: their record (and its audit rows) comes from the file. */
	if (!rc && *out->first_login &&
	    (rc = dorn_store_staff_get(from, out->first_login, &first, err)) ==
			   DORN_ENOINPUT)
		rc = dorn_err_set(err, DORN_EDATA, "the server's first supervisor '%s' is not "
				  "on this file's staff, whose records (and their audit rows) "
				  "replace what 'dorn init --server' made: add them to the file "
				  "first ('dorn staff add %s ...'), or make the server with one "
				  "of the file's supervisors; nothing was changed",
				  out->first_login, out->first_login);
	if (!rc) {
		rc = dorn_store_audit_verify(from, NULL, 0, &rows, &bad, err);
		if (rc == DORN_EDATA) {
			char why[sizeof err->msg];

			memcpy(why, err->msg, sizeof why);
			rc = dorn_err_set(err, DORN_EDATA, "the file's audit log does not verify "
					  "(%.200s): it is not moved as it is; nothing was "
					  "changed", why);
		}
	}
	if (!rc)
		rc = dorn_store_audit_head(from, &seq, hash, err);
	if (!rc) {
		pg_load_sink(l, &sink);
		rc = sq_dump(from, tables, &sink, err);
	}
	if (!rc)
		rc = pg_load_finish(l, rows, seq, hash, out, err);
	if (held)
		dorn_store_rollback(from); /* nothing was written to it */
	pg_load_close(l);
	if (!rc) {
		out->audit_rows = rows;
		out->head_seq = seq;
		memcpy(out->head_hash, hash, sizeof out->head_hash);
	}
	return rc;
}
