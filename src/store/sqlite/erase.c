/* Retention and erasure: what the review dates are worked out from, a
 * supervisor keeping a case longer, and erasing a case so that nothing of
 * it stays in the database's files (DPA 2018 Part 3). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dorn/buf.h"
#include "dorn/model.h"
#include "priv.h"

int sq_retention_each(struct dorn_store *st,
			      int (*cb)(const struct dorn_case *c, int has_note, void *ctx),
			      void *ctx, struct dorn_err *err)
{
	static const char sql[] =
		"SELECT c.id, c.urn, c.created, c.updated, coalesce(c.retain_until, ''),"
		" coalesce(c.retain_reason, ''), coalesce(o.date, ''), coalesce(o.received, ''),"
		" coalesce(o.told_date, ''), coalesce(o.not_told, ''),"
		" EXISTS (SELECT 1 FROM note n WHERE n.case_id = c.id)"
		" FROM \"case\" c LEFT JOIN outcome o ON o.case_id = c.id ORDER BY c.urn";
	struct dorn_case *c = dorn_case_new();
	sqlite3_stmt *s = NULL;
	int rc;

	if (!c)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	/* Not cached: cb runs while it is stepped (see enum stmt_id). */
	rc = store_prepare(st, sql, &s, err);
	while (!rc && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->id = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, c->urn, sizeof c->urn);
		store_col_copy(s, 2, c->created, sizeof c->created);
		store_col_copy(s, 3, c->updated, sizeof c->updated);
		store_col_copy(s, 4, c->retain_until, sizeof c->retain_until);
		store_col_copy(s, 5, c->retain_reason, sizeof c->retain_reason);
		store_col_copy(s, 6, c->outcome.date, sizeof c->outcome.date);
		store_col_copy(s, 7, c->outcome.received, sizeof c->outcome.received);
		store_col_copy(s, 8, c->outcome.told_date, sizeof c->outcome.told_date);
		store_col_copy(s, 9, c->outcome.not_told, sizeof c->outcome.not_told);
		rc = cb(c, sqlite3_column_int(s, 10), ctx);
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = store_fail(st, err, rc, "reading the cases' review dates", sql);
	sqlite3_finalize(s);
	/* c held a reason a supervisor wrote: gone with it. */
	memset(c, 0, sizeof *c);
	dorn_case_free(c);
	return rc;
}

int sq_case_has_note(struct dorn_store *st, long long case_id, int *yes,
			     struct dorn_err *err)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM note WHERE case_id = ?)";
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*yes = sqlite3_column_int(s, 0);
		rc = 0;
	} else {
		rc = store_fail(st, err, rc, "reading whether the case has a note", sql);
	}
	sqlite3_finalize(s);
	return rc;
}

int sq_note_exported(struct dorn_store *st, long long case_id, int *version,
		     struct dorn_err *err)
{
	/* along audit_disclose (migration 11), one note id at a time */
	static const char sql[] =
		"SELECT coalesce(max(n.version), 0) FROM note n WHERE n.case_id = ?"
		" AND EXISTS (SELECT 1 FROM audit a WHERE a.entity_id = n.id"
		"  AND a.action = 'disclose' AND a.entity = 'note'"
		"  AND a.seq > coalesce((SELECT max(e.seq) FROM audit e WHERE e.entity = 'note'"
		"   AND e.entity_id = n.id AND e.action = 'erase'), 0))";
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(s, 0);
		rc = 0;
	} else {
		rc = store_fail(st, err, rc, "reading whether the case's note was exported", sql);
	}
	sqlite3_finalize(s);
	return rc;
}

int sq_case_retain(struct dorn_store *st, long long id, const char *until,
			   const char *reason, const char *by, const char *why,
			   struct dorn_err *err)
{
	static const char sql[] =
		"UPDATE \"case\" SET retain_until = ?1, retain_reason = ?2 WHERE id = ?3";
	struct dorn_audit_rec a = { .login = by, .action = DORN_AUDIT_ALTER, .entity = "case",
				    .entity_id = id, .reason = why };
	sqlite3_stmt *s = NULL;
	int rc;

	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "retention kept outside a transaction (a bug)");
	rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	if (store_bind_text(s, 1, until) || store_bind_text(s, 2, reason) ||
	    sqlite3_bind_int64(s, 3, id)) {
		rc = store_fail(st, err, sqlite3_errcode(st->db), "keeping the case", sql);
	} else {
		rc = sqlite3_step(s);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "keeping the case", sql);
	}
	if (!rc && sqlite3_changes(st->db) != 1)
		rc = dorn_err_set(err, DORN_ENOINPUT, "the case was erased meanwhile");
	sqlite3_finalize(s);
	return rc ? rc : sq_audit(st, &a, err);
}

/* ---- erasure ---- */

#define CASE_ROW ((size_t)-1)

/* Every table with rows of a case, and what each count is. A migration
 * that adds a table referring to a case adds it here: test_store checks
 * every foreign key to "case" in the schema against this list. The case's
 * own row goes last, once nothing refers to it. */
static const struct erase_part {
	const char *table;
	const char *sql;
	size_t count; /* offset in struct dorn_erased; CASE_ROW for the case's own */
} erase_parts[] = {
	{ "note_author", "DELETE FROM note_author WHERE case_id = ?1",
	  offsetof(struct dorn_erased, authors) },
	{ "note", "DELETE FROM note WHERE case_id = ?1", offsetof(struct dorn_erased, notes) },
	{ "item", "DELETE FROM item WHERE case_id = ?1", offsetof(struct dorn_erased, items) },
	{ "outcome", "DELETE FROM outcome WHERE case_id = ?1",
	  offsetof(struct dorn_erased, outcome) },
	{ "concern", "DELETE FROM concern WHERE case_id = ?1",
	  offsetof(struct dorn_erased, concern) },
	{ "victim", "DELETE FROM victim WHERE case_id = ?1", offsetof(struct dorn_erased, victim) },
	{ "case_offence", "DELETE FROM case_offence WHERE case_id = ?1",
	  offsetof(struct dorn_erased, offences) },
	{ "case_due", "DELETE FROM case_due WHERE case_id = ?1",
	  offsetof(struct dorn_erased, dates) },
	{ "case_search", "DELETE FROM case_search WHERE rowid = ?1",
	  offsetof(struct dorn_erased, search) },
	/* kept, holding no personal data: the unit's figures still count it */
	{ "figure", "UPDATE figure SET case_id = NULL, erased = 1 WHERE case_id = ?1",
	  offsetof(struct dorn_erased, figures) },
	{ "case", "DELETE FROM \"case\" WHERE id = ?1", CASE_ROW },
};
#define NERASE (sizeof erase_parts / sizeof erase_parts[0])

const char *sq_erase_table(size_t i)
{
	return i < NERASE ? erase_parts[i].table : NULL;
}

/* Run sql (no rows) for the case id; *changed gets how many rows. */
static int run_for(struct dorn_store *st, const char *sql, long long id, long long *changed,
		   const char *what, struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, what, sql);
	if (!rc && changed)
		*changed = sqlite3_changes(st->db);
	sqlite3_finalize(s);
	return rc;
}

/* The ids of the case's note versions, oldest first; the caller frees. */
static int note_ids(struct dorn_store *st, long long case_id, long long **ids, size_t *n,
		    struct dorn_err *err)
{
	static const char sql[] = "SELECT id FROM note WHERE case_id = ? ORDER BY version";
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	int rc = store_prepare(st, sql, &s, err);

	*ids = NULL;
	*n = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (dorn_grow((void **)ids, &cap, *n + 1, sizeof **ids)) {
			rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
			goto out;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading the case's notes", sql);
out:
	sqlite3_finalize(s);
	if (rc) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

int sq_case_erase(struct dorn_store *st, long long id, const char *by,
			  const char *reason, const char *urn_mac, struct dorn_erased *out,
			  struct dorn_err *err)
{
	/* FTS5 keeps a deleted row's words in the segments written before
	 * the delete, with a marker in a newer one, until a merge drops
	 * both; 'optimize' merges every segment into one, now. (SQLite 3.44's
	 * secure-delete option would remove them at once, but is not in the
	 * SQLite dorn builds with, and would not reach what earlier saves of
	 * the case left behind.) secure_delete zeroes the old segments. */
	static const char optimize_sql[] = "INSERT INTO case_search (case_search) VALUES ('optimize')";
	struct dorn_audit_rec a = { .login = by, .action = DORN_AUDIT_ERASE, .entity = "case",
				    .entity_id = id, .reason = reason };
	struct dorn_buf detail;
	long long *ids = NULL, changed = 0;
	size_t nids = 0;
	char why[64];
	int rc;

	memset(out, 0, sizeof *out);
	if (!store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "case erased outside a transaction (a bug)");
	dorn_buf_init(&detail);
	rc = note_ids(st, id, &ids, &nids, err);
	for (size_t i = 0; !rc && i < NERASE; i++) {
		rc = run_for(st, erase_parts[i].sql, id, &changed, "erasing the case", err);
		if (!rc && erase_parts[i].count != CASE_ROW)
			*(long long *)(void *)((char *)out + erase_parts[i].count) = changed;
		else if (!rc && changed != 1)
			rc = dorn_err_set(err, DORN_ENOINPUT, "the case was erased meanwhile: "
					  "nothing more to do");
	}
	if (!rc) {
		rc = sqlite3_exec(st->db, optimize_sql, NULL, NULL, NULL);
		rc = rc == SQLITE_OK ? 0 : store_fail(st, err, rc, "merging the search index",
						      optimize_sql);
	}
	if (!rc) {
		dorn_buf_printf(&detail, "urn-hmac-sha256:%s; removed: %lld item%s, %lld note "
				"version%s, %lld note author%s, %lld offence%s, %lld victim, %lld "
				"concern, %lld outcome, %lld date%s of the case list, %lld search "
				"entr%s; kept: %lld figure row%s (no personal data)",
				urn_mac, out->items, out->items == 1 ? "" : "s", out->notes,
				out->notes == 1 ? "" : "s", out->authors,
				out->authors == 1 ? "" : "s", out->offences,
				out->offences == 1 ? "" : "s", out->victim, out->concern,
				out->outcome, out->dates, out->dates == 1 ? "" : "s", out->search,
				out->search == 1 ? "y" : "ies", out->figures,
				out->figures == 1 ? "" : "s");
		if (detail.oom)
			rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	}
	if (!rc) {
		a.detail = dorn_buf_str(&detail);
		rc = sq_audit(st, &a, err);
	}
	for (size_t i = 0; !rc && i < nids; i++) {
		struct dorn_audit_rec n = { .login = by, .action = DORN_AUDIT_ERASE,
					    .entity = "note", .entity_id = ids[i] };

		snprintf(why, sizeof why, "erased with its case (case %lld)", id);
		n.reason = why;
		rc = sq_audit(st, &n, err);
	}
	dorn_buf_fini(&detail);
	free(ids);
	return rc;
}

int sq_case_disclosures(struct dorn_store *st, long long case_id,
				int (*cb)(const char *detail, void *ctx), void *ctx,
				struct dorn_err *err)
{
	/* Only rows after the note id's last erasure: SQLite may give a new
	 * note the id of one erased before it. */
	static const char sql[] =
		"SELECT a.detail FROM note n JOIN audit a ON a.entity = 'note'"
		" AND a.entity_id = n.id AND a.action = 'disclose'"
		" WHERE n.case_id = ?1 AND a.seq > coalesce((SELECT max(e.seq) FROM audit e"
		"   WHERE e.entity = 'note' AND e.entity_id = n.id AND e.action = 'erase'), 0)"
		" ORDER BY a.seq";
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(s, 0);

		rc = cb(t ? (const char *)t : "", ctx);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "reading the case's exports", sql);
out:
	sqlite3_finalize(s);
	return rc;
}

int sq_keyed_hash(struct dorn_store *st, const char *label, const char *p,
			  char hex[65], struct dorn_err *err)
{
	struct dorn_buf b;
	int rc = 0;

	if (!st->has_key)
		return dorn_err_set(err, DORN_ECONFIG, "the audit key of %s is not loaded: "
				    "restore the key file (see 'dorn check')", st->path);
	if (!st->sha && !(st->sha = dorn_sha256_new()))
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	dorn_buf_init(&b);
	/* "dorn-audit-v2\n" starts every row's MAC input; this never does. */
	dorn_buf_printf(&b, "%s\n%s", label, p);
	if (b.oom)
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	else if (dorn_hmac_sha256(st->sha, st->key, b.p, b.len, hex))
		rc = dorn_err_set(err, DORN_EINTERNAL, "cannot compute a keyed hash");
	dorn_buf_fini(&b);
	return rc;
}

/* Where an erased case's words could still be, and what clears each:
 *   - the rows themselves, their overflow pages, and the pages freed by the
 *     delete: secure_delete (ON for every connection, store.c) overwrites
 *     deleted cells and every page put on the free list with zeros, in the
 *     same transaction;
 *   - the search index: FTS5 keeps a deleted row's terms in older segments
 *     until they are merged: 'optimize' in the erasing transaction;
 *   - the -wal: frames of earlier transactions (the import, each edit) hold
 *     the pages as they were: the TRUNCATE checkpoint below copies every
 *     frame into the database and cuts the file to nothing. The -shm holds
 *     only the log's index (page numbers and frame numbers), no content.
 * No VACUUM: auto_vacuum is NONE (dorn never set it), so incremental_vacuum
 * does nothing, and a VACUUM would only give the zeroed free pages back to
 * the file system while rewriting the whole database under the write lock
 * (minutes at a million cases, with a copy of it in memory, temp_store
 * being MEMORY). tests/cli/t_erase.sh greps the database, -wal and -shm
 * for the victim's words and name before and after an erasure. */
int sq_purge(struct dorn_store *st, long long *left, struct dorn_err *err)
{
	char wal[PATH_MAX + 8];
	struct stat sb;
	int rc, nlog = 0, ncopied = 0;

	*left = -1;
	if (store_in_tx(st))
		return dorn_err_set(err, DORN_EINTERNAL, "purging inside a transaction (a bug)");
	/* Every frame into the database, then the log truncated to nothing:
	 * the frames of earlier transactions (an import, an edit) still held
	 * the erased words as they were. Waits for readers up to the busy
	 * timeout. */
	rc = sqlite3_wal_checkpoint_v2(st->db, "main", SQLITE_CHECKPOINT_TRUNCATE, &nlog,
				       &ncopied);
	if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
		return store_fail(st, err, rc, "emptying the write-ahead log", NULL);
	snprintf(wal, sizeof wal, "%s-wal", st->path);
	if (stat(wal, &sb) == 0)
		*left = (long long)sb.st_size;
	else if (errno == ENOENT)
		*left = 0;
	if ((rc & 0xff) == SQLITE_BUSY)
		return dorn_err_set(err, DORN_EBUSY, "another dorn is reading the database, so "
				    "its write-ahead log (%s) still holds earlier pages: it is "
				    "emptied when the last dorn using the database closes", wal);
	return 0;
}
