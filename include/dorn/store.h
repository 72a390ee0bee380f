/* The database: the only room that speaks SQL or includes sqlite3.h. */
#ifndef DORN_STORE_H
#define DORN_STORE_H

#include <stddef.h>

struct dorn_err;
struct dorn_buf;
struct dorn_store;

#define DORN_APPLICATION_ID 0x646f726e /* "dorn" */

enum dorn_store_flags {
	DORN_STORE_CREATE = 1, /* create the file (and its folder, 0700) when absent */
};

/* Open (and migrate) the database at path. Refuses: a missing file without
 * DORN_STORE_CREATE (DORN_ENOINPUT), a file other users can read
 * (DORN_EPERM), a file that is not dorn's (DORN_EDATA), a schema newer than
 * this program (DORN_EDATA). */
int dorn_store_open(struct dorn_store **out, const char *path, int flags,
		    int busy_timeout_ms, struct dorn_err *err);
void dorn_store_close(struct dorn_store *st);

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
enum dorn_audit_action {
	DORN_AUDIT_COLLECT,
	DORN_AUDIT_ALTER,
	DORN_AUDIT_CONSULT,
	DORN_AUDIT_DISCLOSE,
	DORN_AUDIT_COMBINE,
	DORN_AUDIT_ERASE,
};
const char *dorn_audit_action_name(enum dorn_audit_action a);

struct dorn_audit_rec {
	const char *login;
	enum dorn_audit_action action;
	const char *entity;   /* "case", "staff", "database", ... */
	long long entity_id;  /* 0 when none */
	const char *recipient;/* NULL or "" when none */
	const char *reason;   /* NULL or "" when none */
};

/* Append one audit row, chained to the previous one. Must be called inside a
 * transaction opened with dorn_store_begin, the same one as the write it
 * records (DORN_EINTERNAL otherwise). */
int dorn_store_audit(struct dorn_store *st, const struct dorn_audit_rec *rec,
		     struct dorn_err *err);

struct dorn_audit_row {
	long long seq;
	const char *time;      /* "YYYY-MM-DDTHH:MM:SSZ" */
	const char *login;
	const char *action;
	const char *entity;
	long long entity_id;
	const char *recipient; /* "" when none */
	const char *reason;    /* "" when none */
	const char *prev_hash; /* 64 hex */
	const char *hash;      /* 64 hex */
};

/* Call cb for each row in order, from since ("YYYY-MM-DD", NULL for all).
 * A non-zero return from cb stops the walk and is returned. */
int dorn_store_audit_each(struct dorn_store *st, const char *since,
			  int (*cb)(const struct dorn_audit_row *, void *),
			  void *ctx, struct dorn_err *err);

/* Walk the whole chain. On success *rows is the count. When a row does not
 * match, returns DORN_EDATA, *bad_seq names it and err says why. */
int dorn_store_audit_verify(struct dorn_store *st, long long *rows,
			    long long *bad_seq, struct dorn_err *err);

/* Hash of the last row (64 zeros for an empty log): note it somewhere else
 * to detect a later removal of rows from the end. */
int dorn_store_audit_head(struct dorn_store *st, char hash[65],
			  struct dorn_err *err);

/* ---- staff ---- */
enum dorn_role { DORN_ROLE_OFFICER = 0, DORN_ROLE_SUPERVISOR = 1 };

struct dorn_staff {
	long long id;
	char login[64];
	char name[128];
	int role;   /* enum dorn_role */
	int active;
};

/* DORN_ENOINPUT when there is no record for login. */
int dorn_store_staff_get(struct dorn_store *st, const char *login,
			 struct dorn_staff *out, struct dorn_err *err);
/* Insert, with its audit row, in one transaction. DORN_EDATA if it exists. */
int dorn_store_staff_add(struct dorn_store *st, const struct dorn_staff *s,
			 const char *by_login, struct dorn_err *err);
int dorn_store_staff_each(struct dorn_store *st,
			  int (*cb)(const struct dorn_staff *, void *), void *ctx,
			  struct dorn_err *err);
int dorn_store_staff_count(struct dorn_store *st, long long *n,
			   struct dorn_err *err);

/* ---- cases (the list; the rest comes with later issues) ---- */
struct dorn_case_row {
	long long id;
	char urn[14];
	char victim_ref[64];
	char offence[32];     /* main offence code, "" when none */
	char next_date[11];   /* earliest of next hearing and sentencing, "" if none */
	char note_status[16]; /* "none", "draft", "submitted", ... */
};

/* All cases; the caller frees *rows. */
int dorn_store_case_list(struct dorn_store *st, struct dorn_case_row **rows,
			 size_t *n, struct dorn_err *err);

/* ---- maintenance ---- */
/* integrity_check and foreign_key_check; problems are appended to report,
 * one per line, and counted in *problems. */
int dorn_store_check(struct dorn_store *st, struct dorn_buf *report,
		     int *problems, struct dorn_err *err);
/* Online backup to dest (must not exist), mode 0600. */
int dorn_store_backup(struct dorn_store *st, const char *dest,
		      struct dorn_err *err);

/* Raw access for tests and the benchmark only. */
void *dorn_store_handle(struct dorn_store *st);

#endif
