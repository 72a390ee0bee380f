/* What the PostgreSQL engine's files share; nothing outside src/store/pg/
 * includes this, and nothing outside src/store/pg/ names libpq.
 *
 * On PostgreSQL the database enforces dorn's rules (dorn-server(7)):
 * clients read tables through row-level security (their units' rows only)
 * and write only by calling the SECURITY DEFINER functions of schema dorn,
 * which check session_user's role and the four-eyes rule and append the
 * audit row in the same transaction. So the C here reads with SELECTs and
 * writes with "SELECT dorn.fn($1, ...)": the logic of a write lives in
 * schema.sql, once, where a hand-written client meets it too. */
#ifndef DORN_STORE_PG_H
#define DORN_STORE_PG_H

#include <libpq-fe.h>

#include "dorn/err.h"
#include "dorn/store.h"
#include "../engine.h"

struct pg_store {
	struct store_head head; /* engine = STORE_PG; first */
	PGconn *conn;
	char where[1024];       /* the connection string, password redacted */
	char login[64];         /* session_user: who the database says we are */
	int readonly;           /* DORN_STORE_READ */
	int in_tx;              /* inside dorn_store_begin .. commit/rollback */
	int schema;             /* the server's dorn schema version */
};

/* Connect to url, with search_path dorn and lock_timeout set and the
 * login read, but none of pg_open's checks of the schema (dorn init
 * --server has none yet). */
int pg_connect(struct dorn_store **out, const char *url, int busy_timeout_ms,
	       struct dorn_err *err);

/* Run sql with n text parameters (NULL: SQL NULL), every value bound, never
 * spliced. On success *out (when out is not NULL) is the result, for the
 * caller to PQclear; without out it is cleared here. On failure the error
 * is set from the server's (pg_fail) and what names the task. */
int pg_exec(struct pg_store *st, const char *sql, int n, const char *const *params,
	    PGresult **out, const char *what, struct dorn_err *err);

/* Run a script of several statements, none with parameters (the schema's
 * files): the simple protocol, which alone takes more than one. */
int pg_script(struct pg_store *st, const char *sql, const char *what, struct dorn_err *err);

/* Turn a failed result (or a lost connection, res NULL) into a dorn error.
 * The SQLSTATEs dorn's functions raise map to dorn codes:
 *   DNCON someone else changed it meanwhile  DORN_ECONFLICT
 *   DNRUL refused by a rule                  DORN_ERULE
 *   DNNOI no such record                     DORN_ENOINPUT
 *   DNDAT bad data                           DORN_EDATA
 *   DNUSE bad request                        DORN_EUSAGE
 *   DNPRM, 42501 (insufficient privilege)    DORN_EPERM
 *   40001, 40P01, 55P03 (serialization, deadlock, lock) DORN_EBUSY
 *   23505 (unique violation)                 DORN_EDATA
 * Messages raised by dorn's functions are for users and are passed on as
 * they are; others are prefixed with what and carry the server's text. */
int pg_fail(struct pg_store *st, PGresult *res, const char *what, struct dorn_err *err);

/* One field as text ("" for NULL) copied into out[n]; as a number. */
void pg_copy(const PGresult *r, int row, int col, char *out, size_t n);
long long pg_num(const PGresult *r, int row, int col);
int pg_isnull(const PGresult *r, int row, int col);

/* A number as parameter text: buf must hold 24 bytes. */
const char *pg_lld(char buf[24], long long v);

#endif
