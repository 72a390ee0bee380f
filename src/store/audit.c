/* The audit log (DPA 2018 s.62): an append-only hash chain. Each row's hash
 * covers its own fields and the previous row's hash, so editing or deleting
 * a row breaks every hash after it. */
#include <string.h>

#include "dorn/buf.h"
#include "dorn/hash.h"
#include "priv.h"

static const char genesis[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

/* The last row: where the next one chains on (STMT_AUDIT_LAST). */
static const char last_sql[] = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";

/* v as decimal, as printf's "%lld" writes it, into out (at least 21
 * bytes); returns the length. No NUL. */
static size_t put_dec(char *out, long long v)
{
	char tmp[24];
	size_t n = 0, len = 0;
	/* the magnitude in unsigned arithmetic, so LLONG_MIN does not overflow */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		out[len++] = '-';
	while (n)
		out[len++] = tmp[--n];
	return len;
}

/* Each field as "<length>:<bytes>\n", so no two different rows can hash the
 * same text by moving a separator. */
static void field_n(struct dorn_buf *b, const char *s, size_t n)
{
	char pre[32];
	size_t k = put_dec(pre, (long long)n);

	pre[k++] = ':';
	dorn_buf_add(b, pre, k);
	dorn_buf_add(b, s, n);
	dorn_buf_putc(b, '\n');
}

static void field(struct dorn_buf *b, const char *s)
{
	field_n(b, s, strlen(s));
}

static void field_num(struct dorn_buf *b, long long v)
{
	char num[24];

	field_n(b, num, put_dec(num, v));
}

/* The bytes hashed are fixed forever (databases in use must still verify):
 * test_audit__hash_format_pinned holds hashes computed by the first,
 * printf-based version of this function. Built with memcpy, not printf: on
 * a long log this function is most of the cost of 'dorn audit --verify'. */
static int row_hash(struct dorn_sha256 *h, const struct dorn_audit_row *r,
		    struct dorn_buf *b, char out[DORN_SHA256_HEX])
{
	static const char magic[] = "dorn-audit-v1\n";

	dorn_buf_reset(b);
	dorn_buf_add(b, magic, sizeof magic - 1);
	field_num(b, r->seq);
	field(b, r->time);
	field(b, r->login);
	field(b, r->action);
	field(b, r->entity);
	field_num(b, r->entity_id);
	field(b, r->recipient);
	field(b, r->reason);
	field(b, r->prev_hash);
	if (b->oom)
		return DORN_ENOMEM;
	return dorn_sha256_of(h, b->p, b->len, out);
}

/* The connection's hasher, made on first use and freed with the store. */
static struct dorn_sha256 *hasher(struct dorn_store *st, struct dorn_err *err)
{
	if (!st->sha && !(st->sha = dorn_sha256_new()))
		dorn_err_set(err, DORN_ENOMEM, "cannot start the audit hash (out of memory)");
	return st->sha;
}

int dorn_store_audit(struct dorn_store *st, const struct dorn_audit_rec *rec,
		     struct dorn_err *err)
{
	static const char insert_sql[] =
		"INSERT INTO audit (seq, time, login, action, entity, entity_id,"
		" recipient, reason, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)";
	struct dorn_audit_row r = { 0 };
	struct dorn_buf b;
	sqlite3_stmt *s = NULL;
	char now[32], prev[DORN_SHA256_HEX], hash[DORN_SHA256_HEX];
	int rc;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL,
				    "audit row written outside a transaction (a bug)");
	dorn_buf_init(&b);
	rc = store_stmt(st, STMT_AUDIT_LAST, last_sql, &s, err);
	if (rc)
		goto out;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		r.seq = sqlite3_column_int64(s, 0) + 1;
		store_col_copy(s, 1, prev, sizeof prev);
	} else if (rc == SQLITE_DONE) {
		r.seq = 1;
		memcpy(prev, genesis, sizeof prev);
	} else {
		rc = store_fail(st, err, rc, "writing the audit log", last_sql);
		goto out;
	}
	store_release(s);
	s = NULL;
	store_now(now);
	r.time = now;
	r.login = rec->login;
	r.action = dorn_audit_action_name(rec->action);
	r.entity = rec->entity;
	r.entity_id = rec->entity_id;
	r.recipient = rec->recipient ? rec->recipient : "";
	r.reason = rec->reason ? rec->reason : "";
	r.prev_hash = prev;
	if (!hasher(st, err)) {
		rc = DORN_ENOMEM;
		goto out;
	}
	rc = row_hash(st->sha, &r, &b, hash);
	if (rc) {
		rc = dorn_err_set(err, rc, "cannot compute the audit hash");
		goto out;
	}
	rc = store_stmt(st, STMT_AUDIT_INSERT, insert_sql, &s, err);
	if (rc)
		goto out;
	rc = sqlite3_bind_int64(s, 1, r.seq);
	if (!rc)
		rc = store_bind_text(s, 2, r.time);
	if (!rc)
		rc = store_bind_text(s, 3, r.login);
	if (!rc)
		rc = store_bind_text(s, 4, r.action);
	if (!rc)
		rc = store_bind_text(s, 5, r.entity);
	if (!rc)
		rc = sqlite3_bind_int64(s, 6, r.entity_id);
	if (!rc)
		rc = store_bind_text(s, 7, r.recipient);
	if (!rc)
		rc = store_bind_text(s, 8, r.reason);
	if (!rc)
		rc = store_bind_text(s, 9, r.prev_hash);
	if (!rc)
		rc = store_bind_text(s, 10, hash);
	if (!rc)
		rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "writing the audit log", insert_sql);
out:
	store_release(s);
	dorn_buf_fini(&b);
	return rc;
}

int dorn_store_audit_alone(struct dorn_store *st, const struct dorn_audit_rec *rec,
			   struct dorn_err *err)
{
	int rc = dorn_store_begin(st, err);

	if (!rc)
		rc = dorn_store_audit(st, rec, err);
	if (!rc)
		return dorn_store_commit(st, err);
	dorn_store_rollback(st);
	return rc;
}

static const char *col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

static void row_from(sqlite3_stmt *s, struct dorn_audit_row *r)
{
	r->seq = sqlite3_column_int64(s, 0);
	r->time = col(s, 1);
	r->login = col(s, 2);
	r->action = col(s, 3);
	r->entity = col(s, 4);
	r->entity_id = sqlite3_column_int64(s, 5);
	r->recipient = col(s, 6);
	r->reason = col(s, 7);
	r->prev_hash = col(s, 8);
	r->hash = col(s, 9);
}

#define AUDIT_COLS "seq, time, login, action, entity, entity_id, recipient, reason, prev_hash, hash"

int dorn_store_audit_each(struct dorn_store *st, const char *since,
			  int (*cb)(const struct dorn_audit_row *, void *),
			  void *ctx, struct dorn_err *err)
{
	static const char sql[] = "SELECT " AUDIT_COLS " FROM audit"
				  " WHERE ?1 IS NULL OR time >= ?1 ORDER BY seq";
	struct dorn_audit_row r;
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err);

	if (rc)
		return rc;
	store_bind_text(s, 1, since);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row_from(s, &r);
		rc = cb(&r, ctx);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading the audit log", sql);
out:
	sqlite3_finalize(s);
	return rc;
}

int dorn_store_audit_verify(struct dorn_store *st, long long *rows,
			    long long *bad_seq, struct dorn_err *err)
{
	static const char sql[] = "SELECT " AUDIT_COLS " FROM audit ORDER BY seq";
	struct dorn_audit_row r;
	struct dorn_buf b;
	sqlite3_stmt *s = NULL;
	char prev[DORN_SHA256_HEX], want[DORN_SHA256_HEX];
	long long n = 0;
	int rc;

	*rows = 0;
	*bad_seq = 0;
	dorn_buf_init(&b);
	memcpy(prev, genesis, sizeof prev);
	if (!hasher(st, err)) {
		rc = DORN_ENOMEM;
		goto out;
	}
	rc = store_prepare(st, sql, &s, err);
	if (rc)
		goto out;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row_from(s, &r);
		n++;
		if (r.seq != n) {
			*bad_seq = r.seq;
			rc = dorn_err_set(err, DORN_EDATA, "audit row %lld follows row %lld: "
					  "row %lld is missing (deleted)", r.seq, n - 1,
					  n);
			goto out;
		}
		if (strcmp(r.prev_hash, prev) != 0) {
			*bad_seq = r.seq;
			rc = dorn_err_set(err, DORN_EDATA, "audit row %lld does not follow "
					  "the row before it (a row was changed or removed)",
					  r.seq);
			goto out;
		}
		rc = row_hash(st->sha, &r, &b, want);
		if (rc) {
			rc = dorn_err_set(err, rc, "cannot compute the audit hash");
			goto out;
		}
		if (strcmp(want, r.hash) != 0) {
			*bad_seq = r.seq;
			rc = dorn_err_set(err, DORN_EDATA, "audit row %lld (%s, %s %s) does "
					  "not match its hash: it was changed after it was "
					  "written", r.seq, r.time, r.action, r.entity);
			goto out;
		}
		memcpy(prev, want, sizeof prev);
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading the audit log", sql);
	if (!rc)
		*rows = n;
out:
	sqlite3_finalize(s);
	dorn_buf_fini(&b);
	return rc;
}

int dorn_store_audit_head(struct dorn_store *st, char hash[65], struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = store_stmt(st, STMT_AUDIT_LAST, last_sql, &s, err);

	if (rc)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_col_copy(s, 1, hash, 65);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		memcpy(hash, genesis, 65);
		rc = 0;
	} else {
		rc = store_fail(st, err, rc, "reading the audit log", last_sql);
	}
	store_release(s);
	return rc;
}
