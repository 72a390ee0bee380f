/* PostgreSQL: the audit log read and verified, and the database checked.
 *
 * The chain itself is the server's: rows are appended by dorn._audit inside
 * each write function, under the key only dorn_owner reads, and verified by
 * dorn.audit_verify() (sql/20-audit.sql), byte for byte the SQLite engine's
 * rule (sqlite/audit.c). So nothing here hashes: a client holds no key, and
 * any client may ask the server to verify. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "pg.h"

static const char genesis[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

/* The audit table is the supervisors' alone on a server: an officer's
 * SELECT is refused by the database (42501), said in dorn's words. */
static int audit_refused(struct pg_store *st, int rc, struct dorn_err *err)
{
	if (rc == DORN_EPERM && err && strstr(err->msg, "permission denied"))
		return dorn_err_set(err, DORN_EPERM, "on a dorn server the audit log is read by "
				    "supervisors ('%s' is not one): ask a supervisor, or check "
				    "the chain with dorn audit --verify", st->login);
	return rc;
}

#define AUDIT_COLS "seq, time, login, action, entity, entity_id, recipient, reason," \
		   " detail, coalesce(digest, ''), prev_hash, hash"

/* A page at a time, by seq, so a long log is never all in memory. */
int pg_audit_each(struct pg_store *st, const char *since,
		  int (*cb)(const struct dorn_audit_row *, void *), void *ctx,
		  struct dorn_err *err)
{
	static const char sql[] = "SELECT " AUDIT_COLS " FROM dorn.audit"
				  " WHERE ($1::text IS NULL OR time >= $1) AND seq > $2::bigint"
				  " ORDER BY seq LIMIT 1000";
	long long after = 0;
	int rc = 0, n;

	do {
		char num[24];
		const char *p[] = { since, pg_lld(num, after) };
		PGresult *r = NULL;

		rc = pg_exec(st, sql, 2, p, &r, "reading the audit log", err);
		if (rc)
			return audit_refused(st, rc, err);
		n = PQntuples(r);
		for (int i = 0; !rc && i < n; i++) {
			struct dorn_audit_row row = {
				.seq = pg_num(r, i, 0),
				.time = PQgetvalue(r, i, 1),
				.login = PQgetvalue(r, i, 2),
				.action = PQgetvalue(r, i, 3),
				.entity = PQgetvalue(r, i, 4),
				.entity_id = pg_num(r, i, 5),
				.recipient = PQgetvalue(r, i, 6),
				.reason = PQgetvalue(r, i, 7),
				.detail = PQgetvalue(r, i, 8),
				.digest = PQgetvalue(r, i, 9),
				.prev_hash = PQgetvalue(r, i, 10),
				.hash = PQgetvalue(r, i, 11),
			};

			after = row.seq;
			rc = cb(&row, ctx);
		}
		PQclear(r);
	} while (!rc && n == 1000);
	return rc;
}

/* An array literal of the anchors' seqs or MACs ("{1,2}", "{"ab","cd"}"):
 * the MACs are checked against the rows, so any text is quoted. NULL when
 * out of memory. */
static char *anchor_array(const struct dorn_audit_anchor *a, size_t n, int macs)
{
	struct dorn_buf b;

	dorn_buf_init(&b);
	dorn_buf_putc(&b, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			dorn_buf_putc(&b, ',');
		if (!macs) {
			dorn_buf_printf(&b, "%lld", a[i].seq);
			continue;
		}
		dorn_buf_putc(&b, '"');
		for (const char *c = a[i].mac; *c; c++) {
			if (*c == '"' || *c == '\\')
				dorn_buf_putc(&b, '\\');
			dorn_buf_putc(&b, *c);
		}
		dorn_buf_putc(&b, '"');
	}
	dorn_buf_putc(&b, '}');
	if (b.oom) {
		dorn_buf_fini(&b);
		return NULL;
	}
	return dorn_buf_take(&b);
}

int pg_audit_verify(struct pg_store *st, const struct dorn_audit_anchor *anchors,
		    size_t nanchors, long long *rows, long long *bad_seq, struct dorn_err *err)
{
	char *seqs = anchor_array(anchors, nanchors, 0), *macs = anchor_array(anchors, nanchors, 1);
	const char *p[] = { seqs, macs };
	PGresult *r = NULL;
	int rc;

	*rows = 0;
	*bad_seq = 0;
	if (!seqs || !macs) {
		free(seqs);
		free(macs);
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	}
	rc = pg_exec(st, "SELECT rows, bad_seq, why FROM dorn.audit_verify($1::bigint[], $2::text[])",
		     2, p, &r, "verifying the audit log", err);
	free(seqs);
	free(macs);
	if (rc)
		return rc;
	if (PQntuples(r) != 1) {
		rc = dorn_err_set(err, DORN_EINTERNAL, "verifying the audit log: the server "
				  "answered %d rows", PQntuples(r));
	} else if (!PQgetisnull(r, 0, 2)) {
		*bad_seq = pg_num(r, 0, 1);
		rc = dorn_err_set(err, DORN_EDATA, "%s", PQgetvalue(r, 0, 2));
	} else {
		*rows = pg_num(r, 0, 0);
	}
	PQclear(r);
	return rc;
}

int pg_audit_head(struct pg_store *st, long long *seq, char hash[65], struct dorn_err *err)
{
	PGresult *r = NULL;
	int rc = pg_exec(st, "SELECT seq, hash FROM dorn.audit_head_row()", 0, NULL, &r,
			 "reading the audit log's head", err);

	if (rc)
		return rc;
	if (PQntuples(r) == 1) {
		*seq = pg_num(r, 0, 0);
		pg_copy(r, 0, 1, hash, 65);
	} else {
		*seq = 0;
		memcpy(hash, genesis, 65);
	}
	PQclear(r);
	return 0;
}

int pg_key_info(struct pg_store *st, char db_id[33], long long *key_from, int *signed_rows,
		struct dorn_err *err)
{
	PGresult *r = NULL;
	int rc = pg_exec(st, "SELECT db_id, key_from, signed FROM dorn.key_info()", 0, NULL, &r,
			 "reading the audit key's row", err);

	if (rc)
		return rc;
	if (PQntuples(r) != 1) {
		rc = dorn_err_set(err, DORN_EINTERNAL, "reading the audit key's row: the server "
				  "answered %d rows", PQntuples(r));
	} else {
		pg_copy(r, 0, 0, db_id, 33);
		*key_from = pg_num(r, 0, 1);
		*signed_rows = (int)pg_num(r, 0, 2);
	}
	PQclear(r);
	return rc;
}

/* Every row on a server is signed from its first (or from the row a
 * migrated unit's key signed from, sealed there): nothing to seal. */
int pg_audit_seal(struct pg_store *st, const char *login, struct dorn_err *err)
{
	(void)st;
	(void)login;
	(void)err;
	return 0;
}

int pg_keyed_hash(struct pg_store *st, const char *label, const char *p, char hex[65],
		  struct dorn_err *err)
{
	const char *v[] = { label, p };
	PGresult *r = NULL;
	int rc = pg_exec(st, "SELECT dorn.keyed_hash($1, $2)", 2, v, &r, "computing a keyed hash",
			 err);

	if (rc)
		return rc;
	if (PQntuples(r) != 1 || PQgetisnull(r, 0, 0) || PQgetlength(r, 0, 0) != 64)
		rc = dorn_err_set(err, DORN_EINTERNAL, "computing a keyed hash: the server's "
				  "answer is not one");
	else
		pg_copy(r, 0, 0, hex, 65);
	PQclear(r);
	return rc;
}

/* dorn check on a server: dorn.db_check() (the case list's columns and the
 * figures against their sources for the caller's units; the chain's head;
 * the database roles against the staff records; staff in no unit), a line
 * each as sq_check reports: "label: what problem". PostgreSQL keeps its
 * own pages and foreign keys whole, so there is no integrity pass. */
int pg_check(struct pg_store *st, struct dorn_buf *report, int *problems, struct dorn_err *err)
{
	PGresult *r = NULL;
	int rc;

	*problems = 0;
	rc = pg_exec(st, "SELECT label, what, problem FROM dorn.db_check()", 0, NULL, &r,
		     "checking the database", err);
	if (rc)
		return rc;
	for (int i = 0; i < PQntuples(r); i++) {
		(*problems)++;
		dorn_buf_printf(report, "%s: %s %s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
				PQgetvalue(r, i, 2));
	}
	PQclear(r);
	return 0;
}

/* Each case, note and staff member against the digest the log last
 * recorded (dorn.content_check(), over _digest on the server), in
 * sq_content_check's words. */
int pg_content_check(struct pg_store *st, struct dorn_buf *report, int *problems,
		     struct dorn_err *err)
{
	PGresult *r = NULL;
	int rc = pg_exec(st, "SELECT entity, entity_id, seq, problem FROM dorn.content_check()",
			 0, NULL, &r, "checking the record against the audit log", err);

	if (rc)
		return rc;
	for (int i = 0; i < PQntuples(r); i++) {
		const char *entity = PQgetvalue(r, i, 0), *problem = PQgetvalue(r, i, 3);
		long long id = pg_num(r, i, 1), seq = pg_num(r, i, 2);

		(*problems)++;
		if (strcmp(problem, "removed") == 0)
			dorn_buf_printf(report, "content: %s %lld was removed outside dorn (audit "
					"row %lld recorded it)\n", entity, id, seq);
		else if (strcmp(problem, "erased") == 0)
			dorn_buf_printf(report, "content: %s %lld exists, but audit row %lld "
					"recorded it erased\n", entity, id, seq);
		else if (strcmp(problem, "changed") == 0)
			dorn_buf_printf(report, "content: %s %lld was changed outside dorn: it "
					"does not match audit row %lld\n", entity, id, seq);
		else
			dorn_buf_printf(report, "content: %s %lld has no record in the audit log: "
					"it was added outside dorn\n", entity, id);
	}
	PQclear(r);
	return 0;
}
