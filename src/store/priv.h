/* What the store's files share; nothing outside src/store/ includes this. */
#ifndef DORN_STORE_PRIV_H
#define DORN_STORE_PRIV_H

#include <limits.h>
#include <sqlite3.h>

#include "dorn/err.h"
#include "dorn/store.h"

/* Statements prepared once per connection and reset after use. */
enum stmt_id {
	STMT_AUDIT_LAST,
	STMT_AUDIT_INSERT,
	STMT_STAFF_GET,
	STMT_LIST,              /* the case list's queries: 5 kinds, each both ways */
	STMT__COUNT = STMT_LIST + 10
};

struct dorn_store {
	sqlite3 *db;
	char path[PATH_MAX];
	sqlite3_stmt *stmts[STMT__COUNT];
};

/* Turn a SQLite failure into a dorn error that names what was being done
 * and, for engineers, the SQL. Returns the dorn code. */
int store_fail(struct dorn_store *st, struct dorn_err *err, int rc,
	       const char *what, const char *sql);

/* Prepare sql (bound parameters only). Cached when id < STMT__COUNT. */
int store_prepare(struct dorn_store *st, const char *sql, sqlite3_stmt **out,
		  struct dorn_err *err);
int store_cached(struct dorn_store *st, enum stmt_id id, const char *sql,
		 sqlite3_stmt **out, struct dorn_err *err);

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

#endif
