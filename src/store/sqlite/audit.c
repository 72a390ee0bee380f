/* The audit log (DPA 2018 s.62): an append-only chain. Each row's hash
 * covers its own fields and the previous row's hash, so editing or deleting
 * a row breaks every hash after it.
 *
 * Two rules, fixed forever (databases in use must still verify):
 *   rows before meta.audit_key_from: SHA-256 of "dorn-audit-v1" fields;
 *   rows from it on: HMAC-SHA256, under the audit key kept outside the
 *   database, of "dorn-audit-v2" fields, which add the row's detail and the
 *   digest of what it changed.
 * Without the key nobody can write a row that verifies, so a rewritten or
 * forged tail is found; a tail cut off is found against an anchor (a row's
 * seq and MAC noted outside the database: every export carries one).
 *
 * A row that records a change to a case, a note or a staff member holds
 * the SHA-256 of that entity's content after the transaction (content
 * digest), so 'dorn check' finds a table edited by other means. Rows are
 * queued by dorn_store_audit and written when the transaction commits, so
 * the digest is of what the transaction left, whatever order it wrote in. */
#include <stdio.h>
#include <stdlib.h>
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

/* The connection's hasher, made on first use and freed with the store. */
static struct dorn_sha256 *hasher(struct dorn_store *st, struct dorn_err *err)
{
	if (!st->sha && !(st->sha = dorn_sha256_new()))
		dorn_err_set(err, DORN_ENOMEM, "cannot start the audit hash (out of memory)");
	return st->sha;
}

/* The row's hash by the rule for its seq. test_audit__hash_format_pinned
 * holds hashes of the first rule computed by its first, printf-based
 * version. Built with memcpy, not printf: on a long log this function is
 * most of the cost of 'dorn audit --verify'. DORN_ECONFIG when the row
 * needs the key and the connection has none. */
static int row_hash(struct dorn_store *st, const struct dorn_audit_row *r,
		    struct dorn_buf *b, char out[DORN_SHA256_HEX], struct dorn_err *err)
{
	int keyed = st->key_from > 0 && r->seq >= st->key_from;

	if (keyed && !st->has_key)
		return dorn_err_set(err, DORN_ECONFIG, "audit rows from %lld on are signed with "
				    "the audit key, and it is not loaded", st->key_from);
	if (!hasher(st, err))
		return DORN_ENOMEM;
	dorn_buf_reset(b);
	dorn_buf_add(b, keyed ? "dorn-audit-v2\n" : "dorn-audit-v1\n", 14);
	field_num(b, r->seq);
	field(b, r->time);
	field(b, r->login);
	field(b, r->action);
	field(b, r->entity);
	field_num(b, r->entity_id);
	field(b, r->recipient);
	field(b, r->reason);
	if (keyed) {
		field(b, r->detail);
		field(b, r->digest);
	}
	field(b, r->prev_hash);
	if (b->oom)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory hashing the audit log");
	if ((keyed ? dorn_hmac_sha256(st->sha, st->key, b->p, b->len, out)
		   : dorn_sha256_of(st->sha, b->p, b->len, out)) != 0)
		return dorn_err_set(err, DORN_EINTERNAL, "cannot compute the audit hash");
	return 0;
}

/* ---- content digests ---- */

/* What each entity's content is: its tables, the first keyed by its own id,
 * the rest by the case's. Columns the store derives from others (the case
 * list's due dates and note status) are left out: they change with a note
 * and 'dorn check' compares them with their sources anyway. NULL columns
 * are left out too, so a migration that adds a column (NULL until set)
 * does not change the digest of what was there. */
static const struct digest_part {
	const char *entity;
	const char *table;
	const char *sql;
} digest_parts[] = {
	{ "case", "case", "SELECT * FROM \"case\" WHERE id = ?1" },
	{ "case", "case_offence", "SELECT * FROM case_offence WHERE case_id = ?1 ORDER BY position, code" },
	{ "case", "victim", "SELECT * FROM victim WHERE case_id = ?1" },
	{ "case", "concern", "SELECT * FROM concern WHERE case_id = ?1" },
	{ "case", "item", "SELECT * FROM item WHERE case_id = ?1 ORDER BY position" },
	{ "case", "outcome", "SELECT * FROM outcome WHERE case_id = ?1" },
	{ "note", "note", "SELECT * FROM note WHERE id = ?1" },
	{ "staff", "staff", "SELECT * FROM staff WHERE id = ?1" },
};
_Static_assert(sizeof digest_parts / sizeof digest_parts[0] == STMT_DIGEST_END - STMT_DIGEST,
	       "one cached statement per digest part");

static int derived(const char *table, const char *col)
{
	static const char *const cols[] = { "due_lo", "due_hi", "note_status", "note_version" };

	if (strcmp(table, "case") != 0)
		return 0;
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		if (strcmp(col, cols[i]) == 0)
			return 1;
	return 0;
}

static int digested(const char *entity)
{
	return strcmp(entity, "case") == 0 || strcmp(entity, "note") == 0 ||
	       strcmp(entity, "staff") == 0;
}

/* SHA-256 of the entity's content, or 64 zeros when it does not exist. */
static int content_digest(struct dorn_store *st, const char *entity, long long id,
			  struct dorn_buf *b, char out[DORN_SHA256_HEX], struct dorn_err *err)
{
	int rc = 0, found = 0, first = 1;

	dorn_buf_reset(b);
	dorn_buf_add(b, "dorn-content-v1\n", 16);
	for (size_t i = 0; i < sizeof digest_parts / sizeof digest_parts[0]; i++) {
		const struct digest_part *p = &digest_parts[i];
		sqlite3_stmt *s;

		if (strcmp(p->entity, entity) != 0)
			continue;
		rc = store_stmt(st, (enum stmt_id)(STMT_DIGEST + i), p->sql, &s, err);
		if (rc)
			return rc;
		sqlite3_bind_int64(s, 1, id);
		field(b, p->table);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			int n = sqlite3_column_count(s);

			if (first)
				found = 1;
			field(b, "row");
			for (int c = 0; c < n; c++) {
				const char *name = sqlite3_column_name(s, c);
				int t = sqlite3_column_type(s, c);

				if (t == SQLITE_NULL || derived(p->table, name))
					continue;
				field(b, name);
				if (t == SQLITE_INTEGER) {
					field(b, "i");
					field_num(b, sqlite3_column_int64(s, c));
				} else {
					const void *v = t == SQLITE_BLOB ? sqlite3_column_blob(s, c)
									 : sqlite3_column_text(s, c);

					field(b, t == SQLITE_BLOB ? "b" : t == SQLITE_FLOAT ? "f" : "t");
					field_n(b, v ? v : "", (size_t)sqlite3_column_bytes(s, c));
				}
			}
		}
		first = 0;
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading what the audit "
							"log records", p->sql);
		store_release(s);
		if (rc)
			return rc;
		if (!found)
			break;
	}
	if (!found) {
		memcpy(out, genesis, DORN_SHA256_HEX);
		return 0;
	}
	if (b->oom)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory reading the record");
	if (!hasher(st, err))
		return DORN_ENOMEM;
	if (dorn_sha256_of(st->sha, b->p, b->len, out))
		return dorn_err_set(err, DORN_EINTERNAL, "cannot compute a content digest");
	return 0;
}

/* ---- writing ---- */

static int records_change(enum dorn_audit_action a)
{
	return a == DORN_AUDIT_COLLECT || a == DORN_AUDIT_ALTER || a == DORN_AUDIT_COMBINE ||
	       a == DORN_AUDIT_ERASE || a == DORN_AUDIT_SEAL;
}

/* Where the next row chains on: seq and hash of the last. */
struct chain {
	long long seq;
	char prev[DORN_SHA256_HEX];
};

static int chain_start(struct dorn_store *st, struct chain *c, struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = store_stmt(st, STMT_AUDIT_LAST, last_sql, &s, err);

	if (rc)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		c->seq = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, c->prev, sizeof c->prev);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		c->seq = 0;
		memcpy(c->prev, genesis, sizeof c->prev);
		rc = 0;
	} else {
		rc = store_fail(st, err, rc, "writing the audit log", last_sql);
	}
	store_release(s);
	return rc;
}

static int write_row(struct dorn_store *st, const struct dorn_audit_rec *rec, struct chain *c,
		     struct dorn_buf *b, struct dorn_err *err)
{
	static const char insert_sql[] =
		"INSERT INTO audit (seq, time, login, action, entity, entity_id,"
		" recipient, reason, detail, digest, prev_hash, hash)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
	struct dorn_audit_row r = { 0 };
	sqlite3_stmt *s = NULL;
	char now[32], digest[DORN_SHA256_HEX] = "", hash[DORN_SHA256_HEX];
	int rc;

	r.seq = c->seq + 1;
	if (st->key_from > 0 && r.seq >= st->key_from && records_change(rec->action) &&
	    digested(rec->entity)) {
		rc = content_digest(st, rec->entity, rec->entity_id, b, digest, err);
		if (rc)
			return rc;
	}
	store_now(now);
	r.time = now;
	r.login = rec->login;
	r.action = dorn_audit_action_name(rec->action);
	r.entity = rec->entity;
	r.entity_id = rec->entity_id;
	r.recipient = rec->recipient ? rec->recipient : "";
	r.reason = rec->reason ? rec->reason : "";
	r.detail = rec->detail ? rec->detail : "";
	r.digest = digest;
	r.prev_hash = c->prev;
	rc = row_hash(st, &r, b, hash, err);
	if (rc)
		return rc;
	rc = store_stmt(st, STMT_AUDIT_INSERT, insert_sql, &s, err);
	if (rc)
		return rc;
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
		rc = store_bind_text(s, 9, r.detail);
	if (!rc)
		rc = store_bind_text(s, 10, *digest ? digest : NULL);
	if (!rc)
		rc = store_bind_text(s, 11, r.prev_hash);
	if (!rc)
		rc = store_bind_text(s, 12, hash);
	if (!rc)
		rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "writing the audit log", insert_sql);
	store_release(s);
	if (!rc) {
		c->seq = r.seq;
		memcpy(c->prev, hash, sizeof c->prev);
	}
	return rc;
}

static char *dup_or_empty(const char *s, char **p)
{
	char *at = *p;
	size_t n = s ? strlen(s) : 0;

	memcpy(at, s ? s : "", n + 1);
	*p += n + 1;
	return at;
}

int sq_audit(struct dorn_store *st, const struct dorn_audit_rec *rec,
		     struct dorn_err *err)
{
	struct store_pending *p;
	const char *parts[] = { rec->login, rec->entity, rec->recipient, rec->reason, rec->detail };
	size_t len = 0;
	char *at;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL,
				    "audit row written outside a transaction (a bug)");
	if (st->key_from > 0 && !st->has_key)
		return dorn_err_set(err, DORN_ECONFIG, "the audit key of %s is not loaded, so "
				    "nothing can be recorded: restore the key file (see "
				    "'dorn check')", st->path);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		len += (parts[i] ? strlen(parts[i]) : 0) + 1;
	if (dorn_grow((void **)&st->pending, &st->cap_pending, st->npending + 1,
		      sizeof *st->pending))
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	p = &st->pending[st->npending];
	p->text = malloc(len);
	if (!p->text)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	at = p->text;
	p->rec = *rec;
	p->rec.login = dup_or_empty(rec->login, &at);
	p->rec.entity = dup_or_empty(rec->entity, &at);
	p->rec.recipient = dup_or_empty(rec->recipient, &at);
	p->rec.reason = dup_or_empty(rec->reason, &at);
	p->rec.detail = dup_or_empty(rec->detail, &at);
	st->npending++;
	/* A transaction that records very many rows (the benchmark's bulk
	 * writer) writes them as it goes rather than hold them all: the
	 * digests of rows written early are then of the content at that
	 * point, which is right for every write path (each change records
	 * its own row after it). */
	if (st->npending >= 512)
		return store_audit_flush(st, err);
	return 0;
}

void store_audit_forget(struct dorn_store *st)
{
	for (size_t i = 0; i < st->npending; i++)
		free(st->pending[i].text);
	st->npending = 0;
}

int store_audit_flush(struct dorn_store *st, struct dorn_err *err)
{
	struct dorn_buf b;
	struct chain c;
	int rc = 0;

	if (!st->npending)
		return 0;
	dorn_buf_init(&b);
	rc = chain_start(st, &c, err);
	for (size_t i = 0; !rc && i < st->npending; i++) {
		const struct dorn_audit_rec *r = &st->pending[i].rec;

		rc = write_row(st, r, &c, &b, err);
		/* A note exported (app/export.c) is a step of the unit's
		 * figures, which read it from this row: only now is it there. */
		if (!rc && r->action == DORN_AUDIT_DISCLOSE && strcmp(r->entity, "note") == 0)
			rc = store_figure_sync_note(st, r->entity_id, err);
	}
	dorn_buf_fini(&b);
	store_audit_forget(st);
	return rc;
}

int sq_audit_alone(struct dorn_store *st, const struct dorn_audit_rec *rec,
			   struct dorn_err *err)
{
	int rc = sq_begin(st, err);

	if (!rc)
		rc = sq_audit(st, rec, err);
	if (!rc)
		return sq_commit(st, err);
	sq_rollback(st);
	return rc;
}

/* ---- the key ---- */

void sq_set_key(struct dorn_store *st, const unsigned char key[DORN_KEY_BYTES])
{
	memcpy(st->key, key, DORN_KEY_BYTES);
	st->has_key = 1;
}

int sq_key_info(struct dorn_store *st, char db_id[33], long long *key_from,
			int *signed_rows, struct dorn_err *err)
{
	static const char sql[] =
		"SELECT (SELECT value FROM meta WHERE name = 'db_id'),"
		" (SELECT value FROM meta WHERE name = 'audit_key_from'),"
		" EXISTS (SELECT 1 FROM audit WHERE seq >= (SELECT CAST(value AS INTEGER)"
		"   FROM meta WHERE name = 'audit_key_from'))";
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err);

	if (rc)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_col_copy(s, 0, db_id, 33);
		*key_from = sqlite3_column_int64(s, 1);
		*signed_rows = sqlite3_column_int(s, 2);
		rc = 0;
	} else {
		rc = store_fail(st, err, rc, "reading the audit key's row", sql);
	}
	sqlite3_finalize(s);
	return rc;
}

/* Every staff member, case and note whose content no audit row records:
 * what the seal records, and what 'dorn check' reports after it. */
static const char unrecorded_sql[] =
	"SELECT 'staff', id FROM staff s WHERE NOT EXISTS (SELECT 1 FROM audit a"
	"  WHERE a.entity = 'staff' AND a.entity_id = s.id AND a.digest IS NOT NULL)"
	" UNION ALL SELECT 'case', id FROM \"case\" c WHERE NOT EXISTS (SELECT 1 FROM audit a"
	"  WHERE a.entity = 'case' AND a.entity_id = c.id AND a.digest IS NOT NULL)"
	" UNION ALL SELECT 'note', id FROM note n WHERE NOT EXISTS (SELECT 1 FROM audit a"
	"  WHERE a.entity = 'note' AND a.entity_id = n.id AND a.digest IS NOT NULL)";

/* The seal: one row per case, note and staff member with no content digest
 * yet, so from here on every one of them is checked; and a row saying from
 * which row the key signs. In one transaction, written as it goes (there
 * may be many). */
int sq_audit_seal(struct dorn_store *st, const char *login, struct dorn_err *err)
{
	struct dorn_audit_rec a = { .login = login, .action = DORN_AUDIT_SEAL,
				    .entity = "database" };
	struct dorn_buf b;
	struct chain c;
	sqlite3_stmt *s = NULL;
	char why[96], entity[8];
	int rc;

	if (!st->has_key)
		return dorn_err_set(err, DORN_EINTERNAL, "sealing without the audit key (a bug)");
	rc = sq_begin(st, err);
	if (rc)
		return rc;
	dorn_buf_init(&b);
	rc = chain_start(st, &c, err);
	if (rc)
		goto out;
	snprintf(why, sizeof why, "audit rows from %lld on are signed with the audit key",
		 st->key_from);
	a.reason = why;
	/* Said once, when the key signs its first row; a later seal (the
	 * benchmark's, after its bulk writer) only records content. */
	if (c.seq + 1 == st->key_from)
		rc = write_row(st, &a, &c, &b, err);
	if (!rc)
		rc = store_prepare(st, unrecorded_sql, &s, err);
	/* Written as the query goes (a large database has many rows to seal,
	 * more than to hold in memory): the query reads staff, cases and notes,
	 * and looks the audit table up only for the row in hand, whose own
	 * seal row it never meets again. */
	a.reason = "content recorded when the audit key was put in use";
	while (!rc && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_col_copy(s, 0, entity, sizeof entity);
		a.entity = entity;
		a.entity_id = sqlite3_column_int64(s, 1);
		rc = write_row(st, &a, &c, &b, err);
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = store_fail(st, err, rc, "sealing the record", unrecorded_sql);
	sqlite3_finalize(s);
	s = NULL;
	if (!rc)
		rc = sq_commit(st, err);
out:
	dorn_buf_fini(&b);
	if (rc)
		sq_rollback(st);
	return rc;
}

/* ---- reading ---- */

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
	r->detail = col(s, 8);
	r->digest = col(s, 9);
	r->prev_hash = col(s, 10);
	r->hash = col(s, 11);
}

#define AUDIT_COLS "seq, time, login, action, entity, entity_id, recipient, reason," \
		   " detail, coalesce(digest, ''), prev_hash, hash"

int sq_audit_each(struct dorn_store *st, const char *since,
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

int sq_audit_verify(struct dorn_store *st, const struct dorn_audit_anchor *anchors,
			    size_t nanchors, long long *rows, long long *bad_seq,
			    struct dorn_err *err)
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
		rc = row_hash(st, &r, &b, want, err);
		if (rc)
			goto out;
		if (strcmp(want, r.hash) != 0) {
			*bad_seq = r.seq;
			rc = dorn_err_set(err, DORN_EDATA, "audit row %lld (%s, %s %s) does "
					  "not match its %s: it was changed after it was "
					  "written, or written without the audit key", r.seq,
					  r.time, r.action, r.entity,
					  st->key_from > 0 && r.seq >= st->key_from ? "MAC" : "hash");
			goto out;
		}
		for (size_t i = 0; i < nanchors; i++) {
			if (anchors[i].seq == r.seq && strcmp(anchors[i].mac, r.hash) != 0) {
				*bad_seq = r.seq;
				rc = dorn_err_set(err, DORN_EDATA, "audit row %lld is not the row "
						  "the anchor %lld:%.12s... names: the log was "
						  "rewritten from that row on", r.seq, r.seq,
						  anchors[i].mac);
				goto out;
			}
		}
		memcpy(prev, want, sizeof prev);
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading the audit log", sql);
	for (size_t i = 0; !rc && i < nanchors; i++) {
		if (anchors[i].seq > n) {
			*bad_seq = anchors[i].seq;
			rc = dorn_err_set(err, DORN_EDATA, "the log ends at row %lld, but the anchor "
					  "%lld:%.12s... was taken at row %lld: rows were cut "
					  "from the end", n, anchors[i].seq, anchors[i].mac,
					  anchors[i].seq);
		}
	}
	if (!rc)
		*rows = n;
out:
	sqlite3_finalize(s);
	dorn_buf_fini(&b);
	return rc;
}

int sq_audit_head(struct dorn_store *st, long long *seq, char hash[65],
			  struct dorn_err *err)
{
	struct chain c;
	int rc = chain_start(st, &c, err);

	if (rc)
		return rc;
	*seq = c.seq;
	memcpy(hash, c.prev, 65);
	return 0;
}

/* ---- dorn check: the tables against the digests the log holds ---- */

int sq_content_check(struct dorn_store *st, struct dorn_buf *report, int *problems,
			struct dorn_err *err)
{
	static const char latest_sql[] =
		"SELECT a.entity, a.entity_id, a.digest, a.seq FROM audit a"
		" JOIN (SELECT entity, entity_id, max(seq) AS seq FROM audit"
		"   WHERE digest IS NOT NULL GROUP BY entity, entity_id) m ON a.seq = m.seq"
		" ORDER BY a.seq";
	struct dorn_buf b;
	sqlite3_stmt *s = NULL;
	char now[DORN_SHA256_HEX];
	int rc;

	dorn_buf_init(&b);
	rc = store_prepare(st, latest_sql, &s, err);
	while (!rc && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *entity = col(s, 0), *want = col(s, 2);
		long long id = sqlite3_column_int64(s, 1);

		rc = content_digest(st, entity, id, &b, now, err);
		if (rc)
			break;
		if (strcmp(now, want) == 0)
			continue;
		(*problems)++;
		if (strcmp(now, genesis) == 0)
			dorn_buf_printf(report, "content: %s %lld was removed outside dorn (audit "
					"row %lld recorded it)\n", entity, id,
					sqlite3_column_int64(s, 3));
		else if (strcmp(want, genesis) == 0)
			dorn_buf_printf(report, "content: %s %lld exists, but audit row %lld "
					"recorded it erased\n", entity, id, sqlite3_column_int64(s, 3));
		else
			dorn_buf_printf(report, "content: %s %lld was changed outside dorn: it "
					"does not match audit row %lld\n", entity, id,
					sqlite3_column_int64(s, 3));
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = store_fail(st, err, rc, "checking the record against the audit log",
				latest_sql);
	sqlite3_finalize(s);
	s = NULL;
	if (!rc)
		rc = store_prepare(st, unrecorded_sql, &s, err);
	while (!rc && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		(*problems)++;
		dorn_buf_printf(report, "content: %s %lld has no record in the audit log: it "
				"was added outside dorn\n", col(s, 0), sqlite3_column_int64(s, 1));
		rc = 0;
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = store_fail(st, err, rc, "checking the record against the audit log",
				unrecorded_sql);
	sqlite3_finalize(s);
	dorn_buf_fini(&b);
	return rc;
}
