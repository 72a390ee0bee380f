/* The store's two engines behind one API (dorn/store.h): SQLite, a file
 * on one host (src/store/sqlite/), and PostgreSQL, a server a force shares
 * (src/store/pg/). Each engine's files are the only ones that name its
 * library; store.c hands each call of the API to the store's engine. The
 * engines' own files include this header, never each other's. */
#ifndef DORN_STORE_ENGINE_H
#define DORN_STORE_ENGINE_H

#include <stddef.h>

#include "dorn/store.h"

enum store_engine { STORE_SQLITE = 1, STORE_PG = 2 };

/* The first member of each engine's store: which engine it is. */
struct store_head {
	enum store_engine engine;
};

struct pg_store;

/* Whether where names a PostgreSQL database (libpq's URI or "key=value"
 * connection string: "postgresql://", "postgres://", "service=", ...)
 * rather than a SQLite file. */
int store_is_pg_url(const char *where);


/* ---- the case list's paging, the same on both engines (list.c) ---- */
struct dorn_case_query;
struct dorn_list_key;
void store_key_set(struct dorn_list_key *k, int seg, const char *date, const char *urn);
/* The range a walk covers: everything, from `from` on in the direction of
 * travel, and with --due-within no further than the upcoming part's end. */
void store_list_range(const struct dorn_case_query *q, const struct dorn_list_key *from,
		      int backward, struct dorn_list_key *lo, struct dorn_list_key *hi);
/* Part seg's range (slo, shi) cut to (lo, hi); 0 when nothing is left of
 * it (or, without a date order, for every part but the one by URN). */
int store_list_part(const struct dorn_case_query *q, int seg, const struct dorn_list_key *lo,
		    const struct dorn_list_key *hi, struct dorn_list_key *slo,
		    struct dorn_list_key *shi);

/* ---- SQLite (src/store/sqlite/) ---- */
int sq_open(struct dorn_store **out, const char *path, int flags, int busy_timeout_ms, struct dorn_err *err);
void sq_close(struct dorn_store *st);
void sq_file_info(struct dorn_store *st, unsigned *uid, unsigned *gid, unsigned *mode);
int sq_readonly(struct dorn_store *st);
int sq_schema_latest(void);
int sq_schema_version(struct dorn_store *st, int *version, struct dorn_err *err);
int sq_migrate(struct dorn_store *st, struct dorn_err *err);
int sq_begin(struct dorn_store *st, struct dorn_err *err);
int sq_commit(struct dorn_store *st, struct dorn_err *err);
void sq_rollback(struct dorn_store *st);
int sq_audit(struct dorn_store *st, const struct dorn_audit_rec *rec, struct dorn_err *err);
int sq_audit_alone(struct dorn_store *st, const struct dorn_audit_rec *rec, struct dorn_err *err);
int sq_audit_each(struct dorn_store *st, const char *since, int (*cb)(const struct dorn_audit_row *, void *), void *ctx, struct dorn_err *err);
int sq_audit_verify(struct dorn_store *st, const struct dorn_audit_anchor *anchors, size_t nanchors, long long *rows, long long *bad_seq, struct dorn_err *err);
int sq_audit_head(struct dorn_store *st, long long *seq, char hash[65], struct dorn_err *err);
void sq_set_key(struct dorn_store *st, const unsigned char key[32]);
int sq_key_info(struct dorn_store *st, char db_id[33], long long *key_from, int *signed_rows, struct dorn_err *err);
int sq_audit_seal(struct dorn_store *st, const char *login, struct dorn_err *err);
int sq_staff_get(struct dorn_store *st, const char *login, struct dorn_staff *out, struct dorn_err *err);
int sq_staff_add(struct dorn_store *st, const struct dorn_staff *s, const char *by_login, struct dorn_err *err);
int sq_staff_each(struct dorn_store *st, int (*cb)(const struct dorn_staff *, void *), void *ctx, struct dorn_err *err);
int sq_staff_count(struct dorn_store *st, long long *n, struct dorn_err *err);
int sq_case_load(struct dorn_store *st, const char *urn, struct dorn_case *out, struct dorn_err *err);
int sq_case_put(struct dorn_store *st, struct dorn_case *c, const char *by, const char *reason, struct dorn_err *err);
int sq_case_id(struct dorn_store *st, const char *urn, long long *id, struct dorn_err *err);
int sq_outcome_put(struct dorn_store *st, struct dorn_case *c, const char *by, const char *reason, struct dorn_err *err);
int sq_figure_sync(struct dorn_store *st, long long case_id, struct dorn_err *err);
int sq_figure_each(struct dorn_store *st, const char *from, const char *to, int (*cb)(const struct dorn_figure_row *, void *), void *ctx, struct dorn_err *err);
int sq_note_latest(struct dorn_store *st, long long case_id, struct dorn_note *out, struct dorn_err *err);
int sq_note_draft(struct dorn_store *st, long long case_id, int case_version, const char *body, const char *model, const char *by, int *version, int *changed, struct dorn_err *err);
int sq_note_next_version(struct dorn_store *st, long long case_id, int *version, struct dorn_err *err);
int sq_note_drop_draft(struct dorn_store *st, long long case_id, const char *by, struct dorn_err *err);
int sq_note_move(struct dorn_store *st, long long id, int from, int to, const char *by, const char *comment, struct dorn_err *err);
int sq_note_stamp(struct dorn_store *st, long long id, const char *body, const char *model, struct dorn_err *err);
int sq_note_author_add(struct dorn_store *st, long long case_id, const char *by, int act, const char *how, struct dorn_err *err);
int sq_note_authors(struct dorn_store *st, long long case_id, int version, struct dorn_note_author **rows, size_t *n, struct dorn_err *err);
int sq_note_author_get(struct dorn_store *st, long long case_id, int version, const char *login, struct dorn_note_author *out, struct dorn_err *err);
int sq_note_versions(struct dorn_store *st, long long case_id, struct dorn_note **rows, size_t *n, struct dorn_err *err);
int sq_review_queue(struct dorn_store *st, struct dorn_store_queue_row **rows, size_t *n, struct dorn_err *err);
int sq_staff_update(struct dorn_store *st, const char *login, int role, int active, const char *by, struct dorn_err *err);
int sq_staff_contact(struct dorn_store *st, const char *login, const char *contact, const char *by, struct dorn_err *err);
int sq_case_page(struct dorn_store *st, const struct dorn_case_query *q, const struct dorn_list_key *from, int backward, size_t n, int (*cb)(const struct dorn_case_row *, void *), void *ctx, struct dorn_err *err);
int sq_retention_each(struct dorn_store *st, int (*cb)(const struct dorn_case *c, int has_note, void *ctx), void *ctx, struct dorn_err *err);
int sq_case_has_note(struct dorn_store *st, long long case_id, int *yes, struct dorn_err *err);
int sq_case_retain(struct dorn_store *st, long long id, const char *until, const char *reason, const char *by, const char *why, struct dorn_err *err);
int sq_case_erase(struct dorn_store *st, long long id, const char *by, const char *reason, const char *urn_mac, struct dorn_erased *out, struct dorn_err *err);
const char *sq_erase_table(size_t i);
int sq_case_disclosures(struct dorn_store *st, long long case_id, int (*cb)(const char *detail, void *ctx), void *ctx, struct dorn_err *err);
int sq_keyed_hash(struct dorn_store *st, const char *label, const char *p, char hex[65], struct dorn_err *err);
int sq_purge(struct dorn_store *st, long long *left, struct dorn_err *err);
int sq_agenda(struct dorn_store *st, const struct dorn_store_agenda_query *q, int (*cb)(const struct dorn_store_agenda_row *, void *), void *ctx, struct dorn_err *err);
int sq_check(struct dorn_store *st, struct dorn_buf *report, int *problems, struct dorn_err *err);
int sq_content_check(struct dorn_store *st, struct dorn_buf *report, int *problems, struct dorn_err *err);
int sq_backup(struct dorn_store *st, const char *dest, struct dorn_err *err);
void *sq_handle(struct dorn_store *st);
const char *sq_list_sql(size_t i);

/* ---- PostgreSQL (src/store/pg/) ---- */
const char *pg_server_login(struct pg_store *st);
int sq_note_exported(struct dorn_store *st, long long case_id, int *version,
		     struct dorn_err *err);
int pg_note_exported(struct pg_store *st, long long case_id, int *version,
		     struct dorn_err *err);
int pg_staff_joined(struct pg_store *st);
int pg_init_server(const char *url, struct dorn_server_init *in, struct dorn_err *err);
int pg_open(struct dorn_store **out, const char *url, int flags, int busy_timeout_ms,
	    struct dorn_err *err);
void pg_close(struct pg_store *st);
void pg_file_info(struct pg_store *st, unsigned *uid, unsigned *gid, unsigned *mode);
int pg_readonly(struct pg_store *st);
int pg_schema_version(struct pg_store *st, int *version, struct dorn_err *err);
int pg_migrate(struct pg_store *st, struct dorn_err *err);
int pg_begin(struct pg_store *st, struct dorn_err *err);
int pg_commit(struct pg_store *st, struct dorn_err *err);
void pg_rollback(struct pg_store *st);
int pg_audit(struct pg_store *st, const struct dorn_audit_rec *rec, struct dorn_err *err);
int pg_audit_alone(struct pg_store *st, const struct dorn_audit_rec *rec, struct dorn_err *err);
int pg_audit_each(struct pg_store *st, const char *since, int (*cb)(const struct dorn_audit_row *, void *), void *ctx, struct dorn_err *err);
int pg_audit_verify(struct pg_store *st, const struct dorn_audit_anchor *anchors, size_t nanchors, long long *rows, long long *bad_seq, struct dorn_err *err);
int pg_audit_head(struct pg_store *st, long long *seq, char hash[65], struct dorn_err *err);
void pg_set_key(struct pg_store *st, const unsigned char key[32]);
int pg_key_info(struct pg_store *st, char db_id[33], long long *key_from, int *signed_rows, struct dorn_err *err);
int pg_audit_seal(struct pg_store *st, const char *login, struct dorn_err *err);
int pg_staff_get(struct pg_store *st, const char *login, struct dorn_staff *out, struct dorn_err *err);
int pg_staff_add(struct pg_store *st, const struct dorn_staff *s, const char *by_login, struct dorn_err *err);
int pg_staff_each(struct pg_store *st, int (*cb)(const struct dorn_staff *, void *), void *ctx, struct dorn_err *err);
int pg_staff_count(struct pg_store *st, long long *n, struct dorn_err *err);
int pg_case_load(struct pg_store *st, const char *urn, struct dorn_case *out, struct dorn_err *err);
int pg_case_put(struct pg_store *st, struct dorn_case *c, const char *by, const char *reason, struct dorn_err *err);
int pg_case_id(struct pg_store *st, const char *urn, long long *id, struct dorn_err *err);
int pg_outcome_put(struct pg_store *st, struct dorn_case *c, const char *by, const char *reason, struct dorn_err *err);
int pg_figure_sync(struct pg_store *st, long long case_id, struct dorn_err *err);
int pg_figure_each(struct pg_store *st, const char *from, const char *to, int (*cb)(const struct dorn_figure_row *, void *), void *ctx, struct dorn_err *err);
int pg_note_latest(struct pg_store *st, long long case_id, struct dorn_note *out, struct dorn_err *err);
int pg_note_draft(struct pg_store *st, long long case_id, int case_version, const char *body, const char *model, const char *by, int *version, int *changed, struct dorn_err *err);
int pg_note_next_version(struct pg_store *st, long long case_id, int *version, struct dorn_err *err);
int pg_note_drop_draft(struct pg_store *st, long long case_id, const char *by, struct dorn_err *err);
int pg_note_move(struct pg_store *st, long long id, int from, int to, const char *by, const char *comment, struct dorn_err *err);
int pg_note_stamp(struct pg_store *st, long long id, const char *body, const char *model, struct dorn_err *err);
int pg_note_author_add(struct pg_store *st, long long case_id, const char *by, int act, const char *how, struct dorn_err *err);
int pg_note_authors(struct pg_store *st, long long case_id, int version, struct dorn_note_author **rows, size_t *n, struct dorn_err *err);
int pg_note_author_get(struct pg_store *st, long long case_id, int version, const char *login, struct dorn_note_author *out, struct dorn_err *err);
int pg_note_versions(struct pg_store *st, long long case_id, struct dorn_note **rows, size_t *n, struct dorn_err *err);
int pg_review_queue(struct pg_store *st, struct dorn_store_queue_row **rows, size_t *n, struct dorn_err *err);
int pg_staff_update(struct pg_store *st, const char *login, int role, int active, const char *by, struct dorn_err *err);
int pg_staff_contact(struct pg_store *st, const char *login, const char *contact, const char *by, struct dorn_err *err);
int pg_case_page(struct pg_store *st, const struct dorn_case_query *q, const struct dorn_list_key *from, int backward, size_t n, int (*cb)(const struct dorn_case_row *, void *), void *ctx, struct dorn_err *err);
int pg_retention_each(struct pg_store *st, int (*cb)(const struct dorn_case *c, int has_note, void *ctx), void *ctx, struct dorn_err *err);
int pg_case_has_note(struct pg_store *st, long long case_id, int *yes, struct dorn_err *err);
int pg_case_retain(struct pg_store *st, long long id, const char *until, const char *reason, const char *by, const char *why, struct dorn_err *err);
int pg_case_erase(struct pg_store *st, long long id, const char *by, const char *reason, const char *urn_mac, struct dorn_erased *out, struct dorn_err *err);
int pg_case_disclosures(struct pg_store *st, long long case_id, int (*cb)(const char *detail, void *ctx), void *ctx, struct dorn_err *err);
int pg_keyed_hash(struct pg_store *st, const char *label, const char *p, char hex[65], struct dorn_err *err);
int pg_purge(struct pg_store *st, long long *left, struct dorn_err *err);
int pg_agenda(struct pg_store *st, const struct dorn_store_agenda_query *q, int (*cb)(const struct dorn_store_agenda_row *, void *), void *ctx, struct dorn_err *err);
int pg_check(struct pg_store *st, struct dorn_buf *report, int *problems, struct dorn_err *err);
int pg_content_check(struct pg_store *st, struct dorn_buf *report, int *problems, struct dorn_err *err);
int pg_backup(struct pg_store *st, const char *dest, struct dorn_err *err);
void *pg_handle(struct pg_store *st);

/* ---- M: moving a unit's file to a server (copy.c, sqlite/dump.c, pg/load.c) ---- */
/* Where a dump's rows go, engine to engine: each table's columns, then
 * its rows, every value as text or NULL (SQL NULL), in that order. A
 * non-zero return stops the dump and is returned. */
struct store_sink {
	int (*table)(void *ctx, const char *table, const char *const *cols, int ncols,
		     struct dorn_err *err);
	int (*row)(void *ctx, const char *const *vals, int nvals, struct dorn_err *err);
	int (*end)(void *ctx, struct dorn_err *err); /* after a table's last row */
	void *ctx;
};
/* Every row of each table in tables (NULL-terminated), in the caller's
 * transaction. Two are not SQLite tables as such: "case_search" is the
 * search index's content (case_id = its rowid, the five folded fields)
 * and "secret" the audit key ("audit_key", 64 hex), which must be loaded
 * (DORN_ECONFIG). */
int sq_dump(struct dorn_store *st, const char *const *tables, const struct store_sink *sink,
	    struct dorn_err *err);
/* The loading side: connect to url (a dorn schema of this version, or
 * DORN_ENOINPUT / DORN_EDATA), open a transaction as dorn_owner, check it
 * holds nothing but what 'dorn init --server' made (DORN_EDATA), choose
 * the unit (unit, or the only one: DORN_EUSAGE when there are several)
 * and clear init's rows. first_login gets the supervisor init made. */
struct pg_load;
int pg_load_open(struct pg_load **out, const char *url, const char *unit, char first_login[64],
		 struct dorn_err *err);
void pg_load_sink(struct pg_load *l, struct store_sink *sink);
/* After the dump: staff's units and roles, the identity sequences, the
 * chain's head (which must be head_seq/head_hash), each table counted,
 * the server's verifier (which must pass audit_rows rows), then COMMIT. */
int pg_load_finish(struct pg_load *l, long long audit_rows, long long head_seq,
		   const char *head_hash, struct dorn_copy_result *out, struct dorn_err *err);
/* Close, rolling back whatever was not committed. */
void pg_load_close(struct pg_load *l);
/* The session's dorn.unit, which the API's functions read (pg/unit.c). */
int pg_set_unit(struct pg_store *st, const char *unit, struct dorn_err *err);

#endif
