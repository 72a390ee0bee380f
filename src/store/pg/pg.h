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


/* ---- libpq, loaded on first use (libpq.c) ----
 * Every PQ function the engine calls is in this list, and pg.h makes each
 * call go through the table: add a function here before using it. */
#define PG_LIBPQ_FUNCS(X) \
	X(PQconnectdb) \
	X(PQstatus) \
	X(PQerrorMessage) \
	X(PQfinish) \
	X(PQsetNoticeProcessor) \
	X(PQexecParams) \
	X(PQexec) \
	X(PQprepare) \
	X(PQexecPrepared) \
	X(PQresultStatus) \
	X(PQresultErrorField) \
	X(PQresultErrorMessage) \
	X(PQclear) \
	X(PQntuples) \
	X(PQnfields) \
	X(PQfname) \
	X(PQfnumber) \
	X(PQgetvalue) \
	X(PQgetisnull) \
	X(PQgetlength) \
	X(PQcmdTuples) \
	X(PQputCopyData) \
	X(PQputCopyEnd) \
	X(PQgetResult) \
	X(PQescapeIdentifier) \
	X(PQescapeLiteral) \
	X(PQfreemem) \
	X(PQserverVersion) \
	X(PQtransactionStatus) \
	X(PQparameterStatus) \
	X(PQconsumeInput) \
	X(PQnotifies) \
	X(PQsocket) \
	X(PQuser) \
	X(PQdb) \
	X(PQhost) \
	X(PQsslInUse)

struct pg_libpq {
	int loaded;
#define X(f) __typeof__(&f) f;
	PG_LIBPQ_FUNCS(X)
#undef X
};
extern struct pg_libpq dorn_pq;
/* Load libpq (once); DORN_ECONFIG when it is not installed. */
int pg_libpq_load(struct dorn_err *err);
#ifndef PG_LIBPQ_TABLE
#define PQconnectdb (dorn_pq.PQconnectdb)
#define PQstatus (dorn_pq.PQstatus)
#define PQerrorMessage (dorn_pq.PQerrorMessage)
#define PQfinish (dorn_pq.PQfinish)
#define PQsetNoticeProcessor (dorn_pq.PQsetNoticeProcessor)
#define PQexecParams (dorn_pq.PQexecParams)
#define PQexec (dorn_pq.PQexec)
#define PQprepare (dorn_pq.PQprepare)
#define PQexecPrepared (dorn_pq.PQexecPrepared)
#define PQresultStatus (dorn_pq.PQresultStatus)
#define PQresultErrorField (dorn_pq.PQresultErrorField)
#define PQresultErrorMessage (dorn_pq.PQresultErrorMessage)
#define PQclear (dorn_pq.PQclear)
#define PQntuples (dorn_pq.PQntuples)
#define PQnfields (dorn_pq.PQnfields)
#define PQfname (dorn_pq.PQfname)
#define PQfnumber (dorn_pq.PQfnumber)
#define PQgetvalue (dorn_pq.PQgetvalue)
#define PQgetisnull (dorn_pq.PQgetisnull)
#define PQgetlength (dorn_pq.PQgetlength)
#define PQcmdTuples (dorn_pq.PQcmdTuples)
#define PQputCopyData (dorn_pq.PQputCopyData)
#define PQputCopyEnd (dorn_pq.PQputCopyEnd)
#define PQgetResult (dorn_pq.PQgetResult)
#define PQescapeIdentifier (dorn_pq.PQescapeIdentifier)
#define PQescapeLiteral (dorn_pq.PQescapeLiteral)
#define PQfreemem (dorn_pq.PQfreemem)
#define PQserverVersion (dorn_pq.PQserverVersion)
#define PQtransactionStatus (dorn_pq.PQtransactionStatus)
#define PQparameterStatus (dorn_pq.PQparameterStatus)
#define PQconsumeInput (dorn_pq.PQconsumeInput)
#define PQnotifies (dorn_pq.PQnotifies)
#define PQsocket (dorn_pq.PQsocket)
#define PQuser (dorn_pq.PQuser)
#define PQdb (dorn_pq.PQdb)
#define PQhost (dorn_pq.PQhost)
#define PQsslInUse (dorn_pq.PQsslInUse)
#endif

struct pg_store {
	struct store_head head; /* engine = STORE_PG; first */
	PGconn *conn;
	char where[1024];       /* the connection string, password redacted */
	char login[64];         /* session_user: who the database says we are */
	int readonly;           /* DORN_STORE_READ */
	int in_tx;              /* inside dorn_store_begin .. commit/rollback */
	int schema;             /* the server's dorn schema version */
	int staff_joined;       /* the last staff add joined someone to the unit */
	/* Readings (consult rows) of the open transaction, not yet sent: see
	 * pg_flush_readings. Each is the six text parameters of audit_event. */
	char *(*readings)[6];
	size_t nreadings, cap_readings;
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

/* One audit row a client records (audit_event): action, entity,
 * entity_id, recipient, reason, detail. */
#define PG_AUDIT_EVENT_SQL "SELECT dorn.audit_event($1, $2, $3::bigint, $4, $5, $6)"

/* Send the open transaction's readings (pg_audit keeps consult rows back):
 * before its first write, so the log keeps the order things were done in,
 * and before COMMIT. Every write of the log queues behind one lock on the
 * chain's head, held to the end of the transaction; a reading that took it
 * when the case was opened held it while the officer's dorn read the rest,
 * so readers queued behind each other for nothing. */
int pg_flush_readings(struct pg_store *st, struct dorn_err *err);
/* Forget them (rollback, close). */
void pg_drop_readings(struct pg_store *st);

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
