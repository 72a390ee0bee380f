/* The database: the only room that speaks SQL or includes sqlite3.h. Only
 * app/ includes this header; the records it reads and writes are core's
 * (record.h). */
#ifndef DORN_STORE_H
#define DORN_STORE_H

#include <stddef.h>

#include "dorn/record.h"
#include "dorn/retention.h"

struct dorn_err;
struct dorn_buf;
struct dorn_store;

#define DORN_APPLICATION_ID 0x646f726e /* "dorn" */

enum dorn_store_flags {
	DORN_STORE_CREATE = 1, /* create the file (and its folder, 0700) when absent,
				* and the schema in an empty file (dorn init) */
	DORN_STORE_READ = 2,   /* read only: change nothing on disk (no journal mode,
				* no migration, no checkpoint) */
};

/* Open (and migrate) the database at path. Refuses: a missing file without
 * DORN_STORE_CREATE (DORN_ENOINPUT), a file other users can read
 * (DORN_EPERM), a file that is not dorn's (DORN_EDATA), a schema newer than
 * this program (DORN_EDATA). */
int dorn_store_open(struct dorn_store **out, const char *path, int flags,
		    int busy_timeout_ms, struct dorn_err *err);
void dorn_store_close(struct dorn_store *st);
/* Owner, group and mode of the file SQLite opened (fstat of its
 * descriptor, taken when it was opened: never a second lookup of the path). */
void dorn_store_file_info(struct dorn_store *st, unsigned *uid, unsigned *gid, unsigned *mode);
int dorn_store_readonly(struct dorn_store *st);

/* The newest schema this program knows, and the file's. */
int dorn_store_schema_latest(void);
int dorn_store_schema_version(struct dorn_store *st, int *version,
			      struct dorn_err *err);
/* Apply every pending migration in one transaction (dorn_store_open does). */
int dorn_store_migrate(struct dorn_store *st, struct dorn_err *err);

/* Write transactions (BEGIN IMMEDIATE). Each user-visible save is one. */
int dorn_store_begin(struct dorn_store *st, struct dorn_err *err);
int dorn_store_commit(struct dorn_store *st, struct dorn_err *err);
void dorn_store_rollback(struct dorn_store *st);

/* ---- audit (DPA 2018 s.62) ---- */
struct dorn_audit_rec {
	const char *login;
	enum dorn_audit_action action;
	const char *entity;   /* "case", "staff", "database", ... */
	long long entity_id;  /* 0 when none */
	const char *recipient;/* NULL or "" when none */
	const char *reason;   /* NULL or "" when none */
	const char *detail;   /* NULL or "" when none (up to 8000 bytes) */
};

/* Append one audit row, chained to the previous one. Must be called inside a
 * transaction opened with dorn_store_begin, the same one as the write it
 * records (DORN_EINTERNAL otherwise). */
int dorn_store_audit(struct dorn_store *st, const struct dorn_audit_rec *rec,
		     struct dorn_err *err);

/* The same, in a transaction of its own: for events that change nothing
 * in the database (a backup, an export). */
int dorn_store_audit_alone(struct dorn_store *st, const struct dorn_audit_rec *rec,
			   struct dorn_err *err);

/* Call cb for each row in order, from since ("YYYY-MM-DD", NULL for all).
 * A non-zero return from cb stops the walk and is returned. */
int dorn_store_audit_each(struct dorn_store *st, const char *since,
			  int (*cb)(const struct dorn_audit_row *, void *),
			  void *ctx, struct dorn_err *err);

/* Walk the whole chain, and check each anchor's row is there unchanged.
 * On success *rows is the count. When a row does not match, or an anchor's
 * row is missing or different, returns DORN_EDATA, *bad_seq names the row
 * and err says why; DORN_ECONFIG when keyed rows exist and no key is set. */
int dorn_store_audit_verify(struct dorn_store *st, const struct dorn_audit_anchor *anchors,
			    size_t nanchors, long long *rows, long long *bad_seq,
			    struct dorn_err *err);

/* The last row's seq and hash (0 and 64 zeros for an empty log): note it
 * somewhere else to detect a later rewrite or removal of rows. */
int dorn_store_audit_head(struct dorn_store *st, long long *seq, char hash[65],
			  struct dorn_err *err);

/* The audit key (dorn_random_bytes; kept outside the database). Rows from
 * the database's audit_key_from on are signed with it; without it set, no
 * audit row can be written (DORN_ECONFIG). */
void dorn_store_set_key(struct dorn_store *st, const unsigned char key[32]);
/* The database's random id (which key file is its), the first row the key
 * signs, and whether any row has been signed yet. */
int dorn_store_key_info(struct dorn_store *st, char db_id[33], long long *key_from,
			int *signed_rows, struct dorn_err *err);
/* Once, when the key is first put in use: a seal row saying from which row
 * the key signs, and one recording the content of every case, note and
 * staff member not yet recorded (so 'dorn check' can check each). */
int dorn_store_audit_seal(struct dorn_store *st, const char *login, struct dorn_err *err);

/* ---- staff ---- */
/* DORN_ENOINPUT when there is no record for login. */
int dorn_store_staff_get(struct dorn_store *st, const char *login,
			 struct dorn_staff *out, struct dorn_err *err);
/* Insert, with its audit row, in one transaction. DORN_EDATA if it exists. */
int dorn_store_staff_add(struct dorn_store *st, const struct dorn_staff *s,
			 const char *by_login, struct dorn_err *err);
/* Whether the last dorn_store_staff_add on this connection found login
 * registered in another unit of the server and added them to the unit
 * (their record and role unchanged) rather than registering them. */
int dorn_store_staff_joined(struct dorn_store *st);
int dorn_store_staff_each(struct dorn_store *st,
			  int (*cb)(const struct dorn_staff *, void *), void *ctx,
			  struct dorn_err *err);
int dorn_store_staff_count(struct dorn_store *st, long long *n,
			   struct dorn_err *err);

/* ---- cases ---- */
struct dorn_case;

/* Load the whole record of the case with this (normalised) URN.
 * DORN_ENOINPUT when there is none. */
int dorn_store_case_load(struct dorn_store *st, const char *urn,
			 struct dorn_case *out, struct dorn_err *err);

/* Store c in full, inside the caller's transaction (DORN_EINTERNAL
 * otherwise), with its audit row: a new case (c->id == 0; DORN_EDATA if the
 * URN exists) is a collect; an existing one (c->id set) is an alter and
 * replaces every part of the record. c->version must be the version that
 * was loaded, else DORN_ECONFLICT saying who changed it and when. On
 * success c->id and c->version are the stored ones. by is the acting login,
 * which must have a staff record. */
int dorn_store_case_put(struct dorn_store *st, struct dorn_case *c,
			const char *by, const char *reason, struct dorn_err *err);

/* The case id for a URN, or DORN_ENOINPUT. */
int dorn_store_case_id(struct dorn_store *st, const char *urn, long long *id,
		       struct dorn_err *err);


/* Save what is recorded after the hearing, inside the caller's
 * transaction: c's outcome part and each item's result, reason and next
 * step (by position), and nothing else of the case. Neither the case's
 * version nor its note changes: c->outcome_version must be as loaded
 * (DORN_ECONFLICT when someone saved an outcome meanwhile), and goes up by
 * one. Logged as an alteration of the case, with reason. */
int dorn_store_outcome_put(struct dorn_store *st, struct dorn_case *c, const char *by,
			   const char *reason, struct dorn_err *err);

/* ---- the unit's figures (no personal data) ---- */
struct dorn_figure_row;

/* Recompute the figure row of case case_id from its tables, inside the
 * caller's transaction. dorn_store_case_put, dorn_store_outcome_put,
 * dorn_store_note_move (an approval) and an export's disclose row do it
 * themselves; a tool that writes cases by other means (bench/gen.c) calls
 * it. */
int dorn_store_figure_sync(struct dorn_store *st, long long case_id, struct dorn_err *err);
/* Each figure row whose concern date is from from to to (YYYY-MM-DD, NULL
 * or "": no bound), in date order; a callback's non-zero return stops the
 * walk and is returned. */
int dorn_store_figure_each(struct dorn_store *st, const char *from, const char *to,
			   int (*cb)(const struct dorn_figure_row *, void *), void *ctx,
			   struct dorn_err *err);

/* The newest version of the case's note, with its authors; DORN_ENOINPUT
 * when there is none. */
int dorn_store_note_latest(struct dorn_store *st, long long case_id,
			   struct dorn_note *out, struct dorn_err *err);

/* Save body (its text) and model (the same with its structure, doc.h) as
 * the case's draft, inside the caller's transaction: the
 * latest version is rewritten when it is a draft; after a submitted,
 * approved or returned version (frozen), version N+1 starts. *changed says
 * whether anything was written (an identical draft is left alone). */
int dorn_store_note_draft(struct dorn_store *st, long long case_id, int case_version,
			  const char *body, const char *model, const char *by, int *version,
			  int *changed, struct dorn_err *err);

/* The version number the next draft would have (1, the draft's own, or
 * the frozen latest + 1). */
int dorn_store_note_next_version(struct dorn_store *st, long long case_id,
				 int *version, struct dorn_err *err);

/* Remove the case's draft, if any (consent withdrawn), inside the caller's
 * transaction, with an erase audit row that holds no note text. */
int dorn_store_note_drop_draft(struct dorn_store *st, long long case_id,
			       const char *by, struct dorn_err *err);

/* Move the note version id from status `from` to `to` (enum
 * dorn_note_status: submitted, approved, returned), inside the caller's transaction, with its audit
 * row. Submitting stamps the time; approving or returning records by as
 * reviewer, the time and comment. The move is conditional: when the version
 * is no longer in `from` (someone acted first), nothing changes and
 * DORN_ERULE says who did what and when. */
int dorn_store_note_move(struct dorn_store *st, long long id, int from,
			 int to, const char *by, const char *comment,
			 struct dorn_err *err);

/* Replace the text of approved version id with body, and its model with
 * model (NULL: none): the approval stamped into the text the supervisor
 * read (dorn_note_stamp, dorn_note_stamp_model), inside the
 * caller's transaction, right after dorn_store_note_move, whose audit row
 * records the approval. Only an approved version can be stamped. */
int dorn_store_note_stamp(struct dorn_store *st, long long id, const char *body,
			  const char *model, struct dorn_err *err);

/* Note by (a login with a staff record) as an author of the case's open
 * version, the draft's or else the next one's (struct dorn_note_author in
 * record.h), inside the caller's transaction, unless they are one already:
 * each author keeps their first change. act is enum dorn_author_act, how
 * the reason the audit log has for it (NULL: none). A version after a
 * returned one first takes that version's authors. dorn_store_case_put
 * and a new draft call this themselves. */
int dorn_store_note_author_add(struct dorn_store *st, long long case_id, const char *by,
			       int act, const char *how, struct dorn_err *err);
/* Every author of the case's version (which need not exist yet) in the
 * order they first changed it; the caller frees *rows. */
int dorn_store_note_authors(struct dorn_store *st, long long case_id, int version,
			    struct dorn_note_author **rows, size_t *n, struct dorn_err *err);
/* login's entry among them, or DORN_ENOINPUT. */
int dorn_store_note_author_get(struct dorn_store *st, long long case_id, int version,
			       const char *login, struct dorn_note_author *out,
			       struct dorn_err *err);

/* Every version of the case's note, newest first; bodies and authors
 * included. The
 * caller frees each with dorn_note_fini and the array with free. */
int dorn_store_note_versions(struct dorn_store *st, long long case_id,
			     struct dorn_note **rows, size_t *n, struct dorn_err *err);

/* Cases whose latest note version is submitted, with what the queue
 * shows; the caller frees *rows. */
struct dorn_store_queue_row {
	char urn[14];
	int version;
	char author[64];
	char author_name[128];
	char submitted[21];
	char next_hearing[11];
	char sentencing_date[11];
};
int dorn_store_review_queue(struct dorn_store *st, struct dorn_store_queue_row **rows,
			    size_t *n, struct dorn_err *err);

/* Change a staff member's role and whether they are active, with its audit
 * row, in one transaction. DORN_ENOINPUT when there is no such login. */
int dorn_store_staff_update(struct dorn_store *st, const char *login, int role,
			    int active, const char *by, struct dorn_err *err);
/* Their direct contact details, with its audit row, in one transaction. */
int dorn_store_staff_contact(struct dorn_store *st, const char *login, const char *contact,
			     const char *by, struct dorn_err *err);

/* ---- the case list (types in dorn/list.h) ---- */
struct dorn_case_query;
struct dorn_case_row;
struct dorn_list_key;
/* Up to n rows (0: every one) of the cases matching q (NULL: all, by URN),
 * after from, or before it when backward, in the direction of travel; from
 * NULL starts at the top (or the bottom when backward). With q->today the
 * order is the case lists': upcoming dates first, soonest first, then
 * passed, then none, each by URN; each part is read along an index, so a
 * page costs the same wherever it is. A non-zero return from cb stops the
 * walk and is returned; cb must not read the list itself. */
int dorn_store_case_page(struct dorn_store *st, const struct dorn_case_query *q,
			 const struct dorn_list_key *from, int backward, size_t n,
			 int (*cb)(const struct dorn_case_row *, void *), void *ctx,
			 struct dorn_err *err);

/* ---- retention and erasure (erase.c) ---- */
/* Every case, with what its review date is worked out from (retention.h):
 * c holds its id, urn, created, updated, the outcome's date, received,
 * told_date and not_told, retain_until and retain_reason, and nothing
 * else; has_note says whether any version of its note exists. c is the
 * same object each call. A non-zero return from cb stops the walk and is
 * returned; cb must not use the store. */
int dorn_store_retention_each(struct dorn_store *st,
			      int (*cb)(const struct dorn_case *c, int has_note, void *ctx),
			      void *ctx, struct dorn_err *err);
/* The highest version of the case's note that an export (a disclosure
 * row of the audit log) gave out, 0 when none did; a note id counts only
 * from its last erasure on. On a server, also for an officer, who may not
 * read the audit log itself. */
int dorn_store_note_exported(struct dorn_store *st, long long case_id, int *version,
			     struct dorn_err *err);
/* Whether any version of the case's note exists. */
int dorn_store_case_has_note(struct dorn_store *st, long long case_id, int *yes,
			     struct dorn_err *err);

/* Keep case id past its review until until (YYYY-MM-DD) for reason:
 * bookkeeping columns only, so neither the case's version, nor its last
 * change, nor its note moves. Inside the caller's transaction, logged as
 * an alteration of the case with why as its reason. */
int dorn_store_case_retain(struct dorn_store *st, long long id, const char *until,
			   const char *reason, const char *by, const char *why,
			   struct dorn_err *err);

/* Remove case id and every row of it, inside the caller's transaction:
 * the case, its offences, victim, concern, items, outcome, every note
 * version and its authors, its rows in the case list's dates and in the
 * search index. Its figure row stays, with no case and erased = 1. Then
 * the search index is merged into one segment (FTS5 'optimize'), since
 * FTS5 keeps a deleted row's words in its older segments until they are
 * merged. Logged as one erase row for the case, whose reason is reason
 * and whose detail is "urn-hmac-sha256:" urn_mac and the counts (the
 * caller makes sure neither names the case), and one erase row per note
 * version (its id only), so that 'dorn check' finds each gone as the log
 * says. secure_delete (on for every connection) zeroes what is deleted;
 * dorn_store_purge then empties the write-ahead log. */
int dorn_store_case_erase(struct dorn_store *st, long long id, const char *by,
			  const char *reason, const char *urn_mac, struct dorn_erased *out,
			  struct dorn_err *err);
/* The tables dorn_store_case_erase removes rows from, in order; NULL past
 * the last (tests check that every table referring to a case is one). */
const char *dorn_store_erase_table(size_t i);

/* The detail of every disclosure (export) of the case's notes, oldest
 * first: the folder and the files, which stay in the case file after the
 * case is erased. A note id that belonged to an erased note before counts
 * only from its erasure on. */
int dorn_store_case_disclosures(struct dorn_store *st, long long case_id,
				int (*cb)(const char *detail, void *ctx), void *ctx,
				struct dorn_err *err);

/* HMAC-SHA256 of label and p under the audit key, so that a value can be
 * recorded without being readable, and checked by someone who holds the
 * key and the value (an erased URN). The label keeps it apart from every
 * audit row's MAC. DORN_ECONFIG when the key is not loaded. */
int dorn_store_keyed_hash(struct dorn_store *st, const char *label, const char *p,
			  char hex[65], struct dorn_err *err);

/* After an erasure: copy the write-ahead log into the database and
 * truncate it to nothing (a TRUNCATE checkpoint), so that no earlier page
 * holding erased words stays in the -wal (secure_delete has zeroed them
 * in the database itself; see erase.c for why no VACUUM). *left is what
 * the -wal holds after (bytes; 0 when emptied). DORN_EBUSY when another
 * connection was reading: the erasure is done, and the last connection
 * to close empties the log. */
int dorn_store_purge(struct dorn_store *st, long long *left, struct dorn_err *err);
/* ---- the worklist (dorn agenda) ---- */
/* What the worklist needs of a case, and nothing more (agenda.h reads
 * these fields of a case). */
struct dorn_store_agenda_row {
	long long id;
	char urn[14];
	char next_hearing[11];
	char next_hearing_type[DORN_HEARING_TYPE_MAX + 1];
	char sentencing_date[11];
	int version;              /* the case's */
	int consent;              /* enum dorn_consent */
	int note_status;          /* the latest version's; DORN_NOTE_NONE when none */
	int note_version;         /* its number, 0 when none */
	int note_case_version;    /* the case version it was written from */
	int exported;             /* it is approved and an export of it is recorded */
	char outcome_date[11];    /* "" when not recorded */
	char outcome_received[11];
	char outcome_told[11];
	int outcome_not_told;     /* why the victim was not told is recorded */
};
struct dorn_store_agenda_query {
	const char *today;        /* YYYY-MM-DD */
	const char *urgent_to;    /* YYYY-MM-DD: today + [note] urgent_days */
	long long staff_id;       /* 0: every case; else only the cases this
				   * staff member recorded, last changed, or is
				   * an author of a note version of */
};
/* Each case that may have a duty today, once, in no order: a date from
 * today to urgent_to; a date before today and no outcome date; a latest
 * note version submitted, returned or approved while a date is still to
 * come (or none is known); an outcome received and the victim neither
 * told nor recorded as not told. Read along indexes (case_due, note's
 * status, outcome's key), never every case. Whether an approved version
 * was exported is read from the disclosure rows of the audit log written
 * since the earliest approval still waiting (audit has no index on
 * disclosures: the rows after it are read once). cb's non-zero return
 * stops the walk and is returned. */
int dorn_store_agenda(struct dorn_store *st, const struct dorn_store_agenda_query *q,
		      int (*cb)(const struct dorn_store_agenda_row *, void *), void *ctx,
		      struct dorn_err *err);

/* ---- a force's server (PostgreSQL; dorn-server(7)) ---- */
/* A copy of where (a file, or a server's connection string) fit to show
 * in a message: a password in it ("user:secret@", "password=secret") is
 * replaced by "***". out holds n bytes. */
void dorn_store_redact_url(const char *where, char *out, size_t n);
/* Whether st is a PostgreSQL server rather than a SQLite file. */
int dorn_store_is_server(struct dorn_store *st);
/* The database login a server knows this connection as (session_user):
 * on a server that, not the Unix login, is who acts. NULL on SQLite. */
const char *dorn_store_server_login(struct dorn_store *st);
/* What 'dorn init --server' makes besides the schema. */
struct dorn_server_init {
	const char *unit;            /* the first unit's code */
	const char *unit_name;       /* its name (NULL: the code) */
	const char *supervisor;      /* its first supervisor's database login */
	const char *supervisor_name; /* their name (NULL: the login) */
	int added;                   /* out: the schema was there, and the unit
				      * was added to it (a force's next unit) */
};
/* Make dorn's roles, schema, functions, audit key, first unit and first
 * supervisor on the database at url, as its administrator, in one
 * transaction. On a database with the schema, add the unit and its first
 * supervisor instead (in->added); DORN_EDATA when the unit exists. */
int dorn_store_init_server(const char *url, struct dorn_server_init *in,
			   struct dorn_err *err);
/* On a server, the unit this connection's new cases and staff go into
 * ([database] unit), for someone who is a member of several: the server
 * checks it is one of theirs when it is used. Nothing on a file. */
int dorn_store_set_unit(struct dorn_store *st, const char *unit, struct dorn_err *err);

/* ---- moving a unit's file to a server (dorn migrate; copy.c) ---- */
#define DORN_COPY_TABLES 24
struct dorn_copy_result {
	char server[256];       /* the server, its password hidden */
	char unit[32];          /* the unit the file's cases and staff went into */
	char first_login[64];   /* the supervisor 'dorn init --server' made */
	size_t ntables;
	struct {
		char name[32];
		long long rows;  /* copied, and counted again on the server */
	} tables[DORN_COPY_TABLES];
	long long audit_rows;   /* the chain: rows the file's verifier passed ... */
	long long server_rows;  /* ... and the server's (dorn.audit_verify) */
	long long head_seq;     /* the last row, the same on both sides */
	char head_hash[65];
	int roles_made;         /* staff logins made as database roles */
};
/* Copy every row of the SQLite database from into the dorn schema on
 * the server at url, keeping ids, in one transaction there, as dorn_owner
 * (the caller connects as a superuser or a member of it): the staff (each
 * put into unit, NULL: the server's only one, with a database role made
 * if missing and granted dorn_officer or dorn_supervisor), the cases (in
 * unit) and every part of them, the figures, the search rows, the audit
 * log exactly as stored with its chain head, the database's id and the
 * audit key (from's, which must be loaded: it replaces the one 'dorn init
 * --server' made). The server must be as 'dorn init --server' left it:
 * no case, no figure, no staff but its first supervisor, who must be on
 * from's staff too, and no audit row but about them (DORN_EDATA
 * otherwise, nothing changed); what init wrote is replaced. from is held
 * still meanwhile (a write transaction, or a snapshot when read only) and
 * its chain verified first; before committing, the count of each table
 * and the server's verifier are checked against it. On any failure the
 * server is left as it was. */
int dorn_store_copy_to(struct dorn_store *from, const char *url, const char *unit,
		       struct dorn_copy_result *out, struct dorn_err *err);

/* ---- maintenance ---- */
/* integrity_check and foreign_key_check; problems are appended to report,
 * one per line, and counted in *problems. */
int dorn_store_check(struct dorn_store *st, struct dorn_buf *report,
		     int *problems, struct dorn_err *err);
/* Every case, note and staff row against the content digest of the last
 * audit row that recorded it: a row changed, added or removed outside dorn
 * is a line in report. */
int dorn_store_content_check(struct dorn_store *st, struct dorn_buf *report,
			     int *problems, struct dorn_err *err);
/* Online backup to dest (must not exist), mode 0600. */
int dorn_store_backup(struct dorn_store *st, const char *dest,
		      struct dorn_err *err);

/* Raw access for tests and the benchmark only. */
void *dorn_store_handle(struct dorn_store *st);
/* The i-th of the list's queries, NULL past the last (tests check plans). */
const char *dorn_store_list_sql(size_t i);

#endif
