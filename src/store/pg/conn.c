/* The PostgreSQL engine: the connection, its errors, transactions, and
 * what a server does differently from a file (no file to stat, backups by
 * pg_dump, the audit key held by the server). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg.h"

const char *pg_lld(char buf[24], long long v)
{
	snprintf(buf, 24, "%lld", v);
	return buf;
}

void pg_copy(const PGresult *r, int row, int col, char *out, size_t n)
{
	if (!n)
		return;
	snprintf(out, n, "%s", PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

long long pg_num(const PGresult *r, int row, int col)
{
	const char *v = PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col);

	if (strcmp(v, "t") == 0)
		return 1;
	return strtoll(v, NULL, 10);
}

int pg_isnull(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col);
}

static const struct {
	const char *state;
	int code;
} states[] = {
	{ "DNCON", DORN_ECONFLICT }, { "DNRUL", DORN_ERULE }, { "DNNOI", DORN_ENOINPUT },
	{ "DNDAT", DORN_EDATA },     { "DNUSE", DORN_EUSAGE }, { "DNPRM", DORN_EPERM },
	{ "42501", DORN_EPERM },     { "40001", DORN_EBUSY },  { "40P01", DORN_EBUSY },
	{ "55P03", DORN_EBUSY },     { "23505", DORN_EDATA },  { "23514", DORN_EDATA },
	{ "22P02", DORN_EDATA },     { "28000", DORN_EPERM },  { "28P01", DORN_EPERM },
};

/* The server's message without its trailing newline. */
static void trimmed(const char *m, char *out, size_t n)
{
	size_t len;

	snprintf(out, n, "%s", m ? m : "");
	len = strlen(out);
	while (len && (out[len - 1] == '\n' || out[len - 1] == ' '))
		out[--len] = 0;
}

int pg_fail(struct pg_store *st, PGresult *res, const char *what, struct dorn_err *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *prim = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char msg[1024];
	int code = DORN_EIO;

	if (!res || (st->conn && PQstatus(st->conn) != CONNECTION_OK)) {
		trimmed(st->conn ? PQerrorMessage(st->conn) : "no connection", msg, sizeof msg);
		return dorn_err_set(err, DORN_EIO, "%s: the connection to the database server "
				    "failed (%s)", what, msg);
	}
	for (size_t i = 0; state && i < sizeof states / sizeof states[0]; i++)
		if (strcmp(state, states[i].state) == 0)
			code = states[i].code;
	trimmed(prim ? prim : PQresultErrorMessage(res), msg, sizeof msg);
	if (state && strncmp(state, "DN", 2) == 0)
		return dorn_err_set(err, code, "%s", msg);
	if (code == DORN_EPERM)
		return dorn_err_set(err, code, "%s: the database refused it: %s", what, msg);
	if (code == DORN_EBUSY)
		return dorn_err_set(err, code, "%s: the database was busy with another writer (%s); "
				    "try again", what, msg);
	return dorn_err_set(err, code, "%s: %s (SQLSTATE %s)", what, msg, state ? state : "?");
}

int pg_exec(struct pg_store *st, const char *sql, int n, const char *const *params,
	    PGresult **out, const char *what, struct dorn_err *err)
{
	PGresult *r;
	ExecStatusType s;

	if (out)
		*out = NULL;
	r = PQexecParams(st->conn, sql, n, NULL, params, NULL, NULL, 0);
	s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		int rc = pg_fail(st, r, what, err);

		PQclear(r);
		return rc;
	}
	if (out)
		*out = r;
	else
		PQclear(r);
	return 0;
}

int pg_script(struct pg_store *st, const char *sql, const char *what, struct dorn_err *err)
{
	PGresult *r = PQexec(st->conn, sql);
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	int rc = 0;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		rc = pg_fail(st, r, what, err);
	PQclear(r);
	return rc;
}

/* Notices (RAISE NOTICE) are the server's business, not the terminal's. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

int pg_connect(struct dorn_store **out, const char *url, int busy_timeout_ms,
	       struct dorn_err *err)
{
	struct pg_store *st;
	PGresult *r = NULL;
	char msg[512], tmo[32];
	int rc;

	*out = NULL;
	if ((rc = pg_libpq_load(err)))
		return rc;
	st = calloc(1, sizeof *st);
	if (!st)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	st->head.engine = STORE_PG;
	dorn_store_redact_url(url, st->where, sizeof st->where);
	st->conn = PQconnectdb(url);
	if (!st->conn || PQstatus(st->conn) != CONNECTION_OK) {
		trimmed(st->conn ? PQerrorMessage(st->conn) : "out of memory", msg, sizeof msg);
		rc = dorn_err_set(err, DORN_ENOINPUT, "cannot connect to the database %s: %s",
				  st->where, msg);
		pg_close(st);
		return rc;
	}
	PQsetNoticeProcessor(st->conn, quiet, NULL);
	/* Only schema dorn and the catalogue, whatever the role's defaults:
	 * a table or function of the same name elsewhere is never used. */
	snprintf(tmo, sizeof tmo, "%dms", busy_timeout_ms > 0 ? busy_timeout_ms : 5000);
	{
		const char *p[] = { tmo };

		rc = pg_exec(st, "SELECT pg_catalog.set_config('search_path', 'dorn, pg_catalog', "
			     "false), pg_catalog.set_config('lock_timeout', $1, false), "
			     "pg_catalog.set_config('application_name', 'dorn', false), "
			     "session_user", 1, p, &r, "setting up the connection", err);
	}
	if (rc) {
		pg_close(st);
		return rc;
	}
	pg_copy(r, 0, 3, st->login, sizeof st->login);
	PQclear(r);
	*out = (struct dorn_store *)(void *)st;
	return 0;
}

int pg_open(struct dorn_store **out, const char *url, int flags, int busy_timeout_ms,
	    struct dorn_err *err)
{
	struct dorn_store *s;
	struct pg_store *st;
	PGresult *r = NULL;
	int rc;

	*out = NULL;
	rc = pg_connect(&s, url, busy_timeout_ms, err);
	if (rc)
		return rc;
	st = (struct pg_store *)(void *)s;
	st->readonly = !!(flags & DORN_STORE_READ);
	rc = pg_exec(st, "SELECT n.nspname FROM pg_catalog.pg_namespace n "
		     "WHERE n.nspname = 'dorn'", 0, NULL, &r, "reading the schema", err);
	if (rc)
		goto fail;
	if (PQntuples(r) == 0) {
		rc = dorn_err_set(err, DORN_ENOINPUT, "%s has no dorn schema: a database "
				  "administrator makes it with 'dorn init --server URL'",
				  st->where);
		goto fail;
	}
	PQclear(r);
	r = NULL;
	rc = pg_exec(st, "SELECT value FROM dorn.meta WHERE name = 'schema'", 0, NULL, &r,
		     "reading the schema's version", err);
	if (rc == DORN_EPERM) {
		/* Schema dorn is there, but this login holds none of dorn's
		 * roles: never registered, or deactivated (which revokes them). */
		rc = dorn_err_set(err, DORN_EPERM, "'%s' is not registered with dorn on %s, or "
				  "has been deactivated: ask a supervisor of your unit to run: dorn "
				  "staff add %s --name \"NAME\" --role officer", st->login,
				  st->where, st->login);
	}
	if (rc)
		goto fail;
	st->schema = PQntuples(r) ? (int)pg_num(r, 0, 0) : 0;
	PQclear(r);
	r = NULL;
	if (st->schema > dorn_store_schema_latest()) {
		rc = dorn_err_set(err, DORN_EDATA, "the database %s has schema version %d, newer "
				  "than this dorn knows (%d): use a newer dorn", st->where,
				  st->schema, dorn_store_schema_latest());
		goto fail;
	}
	if (st->schema < dorn_store_schema_latest()) {
		rc = dorn_err_set(err, DORN_EDATA, "the database %s has schema version %d and "
				  "this dorn needs %d: a database administrator upgrades it with "
				  "'dorn init --server URL'", st->where, st->schema,
				  dorn_store_schema_latest());
		goto fail;
	}
	*out = s;
	return 0;
fail:
	PQclear(r);
	pg_close(st);
	return rc;
}

const char *pg_server_login(struct pg_store *st)
{
	return st->login;
}

void pg_close(struct pg_store *st)
{
	if (!st)
		return;
	pg_drop_readings(st);
	free(st->readings);
	if (st->conn)
		PQfinish(st->conn);
	free(st);
}

void pg_file_info(struct pg_store *st, unsigned *uid, unsigned *gid, unsigned *mode)
{
	(void)st;
	/* A server has no file of ours: nothing for the shared-host checks. */
	*uid = 0;
	*gid = 0;
	*mode = 0;
}

int pg_readonly(struct pg_store *st)
{
	return st->readonly;
}

int pg_schema_version(struct pg_store *st, int *version, struct dorn_err *err)
{
	(void)err;
	*version = st->schema;
	return 0;
}

int pg_migrate(struct pg_store *st, struct dorn_err *err)
{
	if (st->schema == dorn_store_schema_latest())
		return 0;
	return dorn_err_set(err, DORN_EPERM, "only a database administrator upgrades the "
			    "schema on a server: 'dorn init --server URL'");
}

int pg_begin(struct pg_store *st, struct dorn_err *err)
{
	int rc;

	if (st->readonly)
		return dorn_err_set(err, DORN_EPERM, "the database %s was opened to read only",
				    st->where);
	if (st->in_tx)
		return dorn_err_set(err, DORN_EINTERNAL, "a transaction is already open");
	rc = pg_exec(st, "BEGIN ISOLATION LEVEL READ COMMITTED", 0, NULL, NULL,
		     "starting a transaction", err);
	if (!rc)
		st->in_tx = 1;
	return rc;
}

int pg_flush_readings(struct pg_store *st, struct dorn_err *err)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < st->nreadings; i++)
		rc = pg_exec(st, PG_AUDIT_EVENT_SQL, 6,
			     (const char *const *)st->readings[i], NULL, "writing the audit log",
			     err);
	pg_drop_readings(st);
	return rc;
}

void pg_drop_readings(struct pg_store *st)
{
	for (size_t i = 0; i < st->nreadings; i++)
		for (int k = 0; k < 6; k++)
			free(st->readings[i][k]);
	st->nreadings = 0;
}

int pg_commit(struct pg_store *st, struct dorn_err *err)
{
	int rc;

	if (!st->in_tx)
		return dorn_err_set(err, DORN_EINTERNAL, "commit without a transaction");
	rc = pg_flush_readings(st, err);
	if (!rc)
		rc = pg_exec(st, "COMMIT", 0, NULL, NULL, "saving", err);
	st->in_tx = 0;
	if (rc)
		pg_exec(st, "ROLLBACK", 0, NULL, NULL, "", NULL);
	return rc;
}

void pg_rollback(struct pg_store *st)
{
	pg_drop_readings(st);
	if (!st->in_tx)
		return;
	pg_exec(st, "ROLLBACK", 0, NULL, NULL, "", NULL);
	st->in_tx = 0;
}

/* The audit key lives with the server (dorn.secret, readable by
 * dorn_owner alone), which signs each row as it appends it: a client's
 * key file plays no part. */
void pg_set_key(struct pg_store *st, const unsigned char key[32])
{
	(void)st;
	(void)key;
}

int pg_backup(struct pg_store *st, const char *dest, struct dorn_err *err)
{
	(void)dest;
	return dorn_err_set(err, DORN_EUSAGE, "%s is a PostgreSQL database: back it up on the "
			    "server with pg_dump, as the database administrator, for example "
			    "'pg_dump --format=custom --file=dorn.dump DBNAME' (restore with "
			    "pg_restore); dorn-server(7) says more", st->where);
}

int pg_purge(struct pg_store *st, long long *left, struct dorn_err *err)
{
	(void)st;
	(void)err;
	/* The server zeroes nothing on request: VACUUM reclaims erased rows'
	 * space (dorn-server(7)); there is no -wal of ours to empty. */
	*left = 0;
	return 0;
}

void *pg_handle(struct pg_store *st)
{
	return st->conn;
}
