/* What the store's files share; nothing outside src/store/ includes this. */
#ifndef DORN_STORE_PRIV_H
#define DORN_STORE_PRIV_H

#include <limits.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "dorn/err.h"
#include "dorn/hash.h"
#include "dorn/store.h"
#include "../engine.h"

/* Statements prepared once per connection and reused: one id per SQL text,
 * prepared on first use (SQLITE_PREPARE_PERSISTENT), finalized in
 * dorn_store_close. Anything run per case or per row belongs here; a
 * statement run once per command may stay with store_prepare/finalize.
 * Use:
 *
 *	sqlite3_stmt *s;
 *	if ((rc = store_stmt(st, STMT_X, sql, &s, err)))
 *		return rc;
 *	... bind, step ...
 *	store_release(s);	(on every way out, error paths included)
 *
 * A cached statement left mid-step holds a read transaction open (a stale
 * snapshot, and the WAL cannot be checkpointed past it), so every path out
 * must release it; store_stmt refuses (DORN_EINTERNAL) a statement still
 * mid-step, which catches a missing release and also a caller that would
 * reuse a statement it is still stepping through. For the same reason, a
 * statement stepped across a callback into code outside the store (the
 * _each walks) stays uncached: the callback could need the same id. */
enum stmt_id {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_AUDIT_LAST,
	STMT_AUDIT_INSERT,
	STMT_STAFF_GET,
	STMT_STAFF_ADD,
	STMT_STAFF_UPDATE,
	STMT_STAFF_CONTACT,
	STMT_NOTE_LATEST,
	STMT_NOTE_VERSIONS,
	STMT_NOTE_INSERT_DRAFT,
	STMT_NOTE_UPDATE_DRAFT,
	STMT_NOTE_DROP_DRAFT,
	STMT_NOTE_SUBMIT,
	STMT_NOTE_REVIEW,
	STMT_NOTE_WHO,
	STMT_NOTE_STAMP,
	STMT_REVIEW_QUEUE,
	STMT_NOTE_OPEN_VERSION, STMT_AUTHOR_ADD, STMT_AUTHOR_CARRY, STMT_AUTHORS,
	/* the record, generated from the field table (parts.c) */
	STMT_CASE_INSERT, STMT_CASE_SELECT, STMT_CASE_UPDATE,
	STMT_VICTIM_INSERT, STMT_VICTIM_SELECT,
	STMT_CONCERN_INSERT, STMT_CONCERN_SELECT,
	STMT_OUTCOME_INSERT, STMT_OUTCOME_SELECT, STMT_CLEAR_OUTCOME, STMT_OUTCOME_BUMP,
	STMT_OUTCOME_ITEM,
	STMT_ITEM_INSERT, STMT_ITEM_SELECT,
	/* and the rest of a case's save and load (case.c) */
	STMT_CASE_ID, STMT_CASE_VERSION, STMT_OFFENCE_INSERT, STMT_OFFENCE_SELECT,
	STMT_CLEAR_OFFENCES, STMT_CLEAR_VICTIM, STMT_CLEAR_CONCERN, STMT_CLEAR_ITEMS,
	STMT_CLEAR_SEARCH, STMT_SEARCH_INSERT, STMT_CLEAR_DUE, STMT_DUE_INSERT,
	STMT_FIGURE_SYNC, STMT_FIGURE_SYNC_NOTE, /* figure.c */
	STMT_DIGEST, STMT_DIGEST_END = STMT_DIGEST + 8, /* audit.c: one per table */
	STMT_AUDIT_LATEST_DIGEST,
	STMT_LIST,              /* the case list's queries: 5 kinds, each both ways */
	STMT__COUNT = STMT_LIST + 10
};

/* An audit row asked for inside a transaction, written when it commits
 * (audit.c), so its content digest is of what the transaction left. */
struct store_pending {
	struct dorn_audit_rec rec; /* its strings point into text */
	char *text;
};

struct dorn_store {
	struct store_head head; /* engine = STORE_SQLITE; first */
	sqlite3 *db;
	char path[PATH_MAX];
	int readonly;            /* opened without write access */
	struct stat sb;          /* the file SQLite opened, by its descriptor */
	sqlite3_stmt *stmts[STMT__COUNT];
	struct dorn_sha256 *sha; /* the audit chain's hasher; made on first use */
	unsigned char key[DORN_KEY_BYTES]; /* the audit key, when has_key */
	int has_key;
	long long key_from;      /* the first audit row the key signs (meta) */
	struct store_pending *pending;
	size_t npending, cap_pending;
};

/* fstat of the database file SQLite holds open (never a path lookup). */
int store_file_stat(struct dorn_store *st, struct stat *out, struct dorn_err *err);
/* dorn_store_migrate, or (DORN_STORE_READ) only the checks a reader needs. */
int sq_migrate_as(struct dorn_store *st, int flags, struct dorn_err *err);

/* Write the transaction's pending audit rows (dorn_store_commit does,
 * before COMMIT); forget them (dorn_store_rollback). */
int store_audit_flush(struct dorn_store *st, struct dorn_err *err);
void store_audit_forget(struct dorn_store *st);


/* Turn a SQLite failure into a dorn error that names what was being done
 * and, for engineers, the SQL. Returns the dorn code. */
int store_fail(struct dorn_store *st, struct dorn_err *err, int rc,
	       const char *what, const char *sql);

/* Prepare sql (bound parameters only), for the caller to finalize. */
int store_prepare(struct dorn_store *st, const char *sql, sqlite3_stmt **out,
		  struct dorn_err *err);

/* The connection's statement id (preparing sql the first time), reset and
 * with no bindings. Give it back with store_release. See enum stmt_id. */
int store_stmt(struct dorn_store *st, enum stmt_id id, const char *sql,
	       sqlite3_stmt **out, struct dorn_err *err);

/* Reset s and clear its bindings (which may hold copies of victims'
 * details); NULL does nothing. */
void store_release(sqlite3_stmt *s);

/* Bind text; NULL binds SQL NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);

/* Copy column text into a fixed buffer ("" for NULL). */
void store_col_copy(sqlite3_stmt *s, int col, char *out, size_t n);

/* "YYYY-MM-DDTHH:MM:SSZ" for now, UTC. */
void store_now(char out[32]);

int store_in_tx(struct dorn_store *st);

/* Run sql (no parameters) and read the one number it returns; what names
 * the task in an error. */
int store_scalar(struct dorn_store *st, const char *sql, long long *out, const char *what,
		 struct dorn_err *err);

/* ---- the unit's figures (figure.c) ----
 * A case's figure row as its tables say it is now, one description used
 * three ways: by the store after every write that can change it
 * (dorn_store_figure_sync), by migration 11 to fill the rows of the cases
 * that existed, and by 'dorn check' to find a row out of step. Columns in
 * STORE_FIGURE_COLS order, named as the figure table's. The export is the
 * first disclose row (app/export.c: entity 'note', entity_id the version)
 * of a version that is approved, read along the index audit_disclose
 * (migration 11); a draft exported and never approved is not counted.
 * group_concat keeps the order of the ordered subquery it reads: SQLite
 * does, though it does not promise to; the figures read the list as a set. */
#define STORE_FIGURE_COLS \
	"case_id, officer, offences, child, concern, approved, exported, hearing, outcome," \
	" items, sought, made, refused, not_sought, returned, held"
#define STORE_FIGURE_SELECT \
	"SELECT c.id AS case_id," \
	" coalesce((SELECT s.login FROM staff s WHERE s.id = c.created_by), '') AS officer," \
	" coalesce((SELECT group_concat(code, ',') FROM (SELECT o.code FROM case_offence o" \
	"   WHERE o.case_id = c.id ORDER BY o.position)), '') AS offences," \
	" coalesce((SELECT v.under_18_at_images = 'yes' FROM victim v WHERE v.case_id = c.id), 0)" \
	"   AS child," \
	" substr(c.created, 1, 10) AS concern," \
	" (SELECT substr(min(n.reviewed), 1, 10) FROM note n WHERE n.case_id = c.id" \
	"   AND +n.status = 'approved') AS approved," \
	" (SELECT substr(min(a.time), 1, 10) FROM note n JOIN audit a ON a.entity_id = n.id" \
	"   AND a.action = 'disclose' AND a.entity = 'note'" \
	"   WHERE n.case_id = c.id AND +n.status = 'approved') AS exported," \
	" coalesce(c.sentencing_date, c.next_hearing) AS hearing," \
	" (SELECT u.date FROM outcome u WHERE u.case_id = c.id) AS outcome," \
	" (SELECT count(*) FROM item i WHERE i.case_id = c.id) AS items," \
	" (SELECT count(*) FROM item i WHERE i.case_id = c.id" \
	"   AND i.result IN ('order_made', 'forfeiture', 'refused')) AS sought," \
	" (SELECT count(*) FROM item i WHERE i.case_id = c.id" \
	"   AND i.result IN ('order_made', 'forfeiture')) AS made," \
	" (SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'refused')" \
	"   AS refused," \
	" (SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'not_sought')" \
	"   AS not_sought," \
	" (SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'returned')" \
	"   AS returned," \
	" (SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'held') AS held" \
	" FROM \"case\" c"
/* After STORE_FIGURE_SELECT and its WHERE: a case's row is replaced. */
#define STORE_FIGURE_UPSERT \
	" ON CONFLICT (case_id) DO UPDATE SET officer = excluded.officer," \
	" offences = excluded.offences, child = excluded.child, concern = excluded.concern," \
	" approved = excluded.approved, exported = excluded.exported," \
	" hearing = excluded.hearing, outcome = excluded.outcome, items = excluded.items," \
	" sought = excluded.sought, made = excluded.made, refused = excluded.refused," \
	" not_sought = excluded.not_sought, returned = excluded.returned, held = excluded.held"

/* The figure row of the case of note version note_id, inside the open
 * transaction: an export of it was just recorded (audit.c). */
int store_figure_sync_note(struct dorn_store *st, long long note_id, struct dorn_err *err);

/* ---- the record's columns, from the field table (parts.c) ---- */
enum store_part_sql {
	STORE_PART_INSERT, /* case: its fields, then due_lo, due_hi, created_by,
			    * created, updated_by, updated, version, steps_saved; others: case_id,
			    * [position,] fields */
	STORE_PART_SELECT, /* case: its fields, then id, version, created, updated,
			    * updated_by's login, steps_saved, by urn; others: [position,]
			    * fields by case_id, items in order */
	STORE_PART_UPDATE, /* case only: its fields, then due_lo, due_hi, updated_by,
			    * updated, steps_saved, id */
};
/* The part's statement, prepared once per connection, reset and cleared. */
int store_part_stmt(struct dorn_store *st, int part, enum store_part_sql which,
		    sqlite3_stmt **out, struct dorn_err *err);
/* Bind the part's fields from base (its struct) from parameter first on;
 * returns the next parameter, or -1 when SQLite refused a value. */
int store_part_bind(sqlite3_stmt *s, int first, int part, const void *base);
/* Load the part's fields into base from column first on; returns the next
 * column. */
int store_part_load(sqlite3_stmt *s, int first, int part, void *base);

#endif
