/* dorn init --server: make dorn's schema on a PostgreSQL database, as its
 * administrator. The roles (dorn_owner owns everything; dorn_officer,
 * dorn_supervisor and dorn_force are what staff are granted), schema dorn
 * with the extensions it uses, the tables and functions of sql/ run as
 * dorn_owner, the audit key, the first unit and its first supervisor: all
 * in one transaction, so a failure leaves the database as it was. */
#include <stdio.h>
#include <string.h>

#include "pg.h"

extern const char *const pg_sql_name[];
extern const char *const pg_sql_text[];

/* Run sql with no parameters. */
static int run(struct pg_store *st, const char *sql, const char *what, struct dorn_err *err)
{
	return pg_exec(st, sql, 0, NULL, NULL, what, err);
}

static const char roles_sql[] =
	"DO $$\n"
	"DECLARE r text;\n"
	"BEGIN\n"
	"  FOREACH r IN ARRAY ARRAY['dorn_officer', 'dorn_supervisor', 'dorn_force'] LOOP\n"
	"    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN\n"
	"      EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);\n"
	"    END IF;\n"
	"  END LOOP;\n"
	"  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'dorn_owner') THEN\n"
	"    CREATE ROLE dorn_owner NOLOGIN CREATEROLE;\n"
	"  END IF;\n"
	"END $$";

/* The schema is there: add the unit and its first supervisor, as its
 * owner, in one transaction (_add_unit). */
static int add_unit(struct pg_store *st, struct dorn_server_init *in, struct dorn_err *err)
{
	const char *p[] = { in->unit, in->unit_name && *in->unit_name ? in->unit_name : in->unit,
			    in->supervisor,
			    in->supervisor_name && *in->supervisor_name ? in->supervisor_name
									: in->supervisor };
	int rc = run(st, "BEGIN", "starting", err);

	if (!rc)
		rc = run(st, "SET LOCAL ROLE dorn_owner", "acting as dorn_owner (only the "
			 "database's administrator adds a unit)", err);
	if (!rc)
		rc = run(st, "SET LOCAL search_path = dorn, pg_catalog", "choosing schema dorn",
			 err);
	if (!rc)
		rc = pg_exec(st, "SELECT dorn._add_unit($1, $2, $3, $4)", 4, p, NULL,
			     "adding the unit", err);
	if (!rc)
		rc = run(st, "COMMIT", "saving the unit", err);
	else
		pg_exec(st, "ROLLBACK", 0, NULL, NULL, "", NULL);
	if (!rc)
		in->added = 1;
	return rc;
}

int pg_init_server(const char *url, struct dorn_server_init *in, struct dorn_err *err)
{
	struct dorn_store *s = NULL;
	struct pg_store *st;
	PGresult *r = NULL;
	char latest[24];
	int rc;

	if (!in || !in->unit || !*in->unit || !in->supervisor || !*in->supervisor)
		return dorn_err_set(err, DORN_EUSAGE, "dorn init --server needs the first unit "
				    "(--unit CODE) and its first supervisor (--supervisor LOGIN)");
	/* Connect without the schema checks of pg_open: there is no schema yet. */
	rc = pg_connect(&s, url, 5000, err);
	if (rc)
		return rc;
	st = (struct pg_store *)(void *)s;
	rc = pg_exec(st, "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'dorn'", 0, NULL,
		     &r, "looking for dorn's schema", err);
	if (!rc && PQntuples(r) > 0) {
		PQclear(r);
		rc = add_unit(st, in, err);
		pg_close(st);
		return rc;
	}
	PQclear(r);
	r = NULL;
	if (!rc)
		rc = run(st, "BEGIN", "starting", err);
	if (!rc)
		rc = run(st, roles_sql, "making dorn's roles", err);
	if (!rc)
		rc = run(st, "CREATE SCHEMA dorn AUTHORIZATION dorn_owner", "making schema dorn",
			 err);
	if (!rc)
		rc = run(st, "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA dorn",
			 "adding unaccent (package postgresql-contrib)", err);
	if (!rc)
		rc = run(st, "CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA dorn",
			 "adding pgcrypto (package postgresql-contrib)", err);
	if (!rc)
		rc = run(st, "SET LOCAL ROLE dorn_owner", "acting as dorn_owner", err);
	if (!rc)
		rc = run(st, "SET LOCAL search_path = dorn, pg_catalog", "choosing schema dorn",
			 err);
	for (size_t i = 0; !rc && pg_sql_text[i]; i++) {
		char what[160];

		snprintf(what, sizeof what, "making the schema (%s)", pg_sql_name[i]);
		rc = pg_script(st, pg_sql_text[i], what, err);
	}
	if (!rc) {
		const char *p[] = { pg_lld(latest, dorn_store_schema_latest()) };

		rc = pg_exec(st, "INSERT INTO meta (name, value) VALUES ('schema', $1),"
			     " ('db_id', encode(gen_random_bytes(16), 'hex')),"
			     " ('audit_key_from', '1')", 1, p, NULL, "recording the schema", err);
	}
	if (!rc)
		rc = run(st, "INSERT INTO secret (name, value) VALUES ('audit_key', "
			 "gen_random_bytes(32))", "making the audit key", err);
	if (!rc) {
		const char *p[] = { in->unit, in->unit_name && *in->unit_name ? in->unit_name
									  : in->unit };

		rc = pg_exec(st, "SELECT _check_unit($1)", 1, p, NULL, "adding the first unit",
			     err);
		if (!rc)
			rc = pg_exec(st, "INSERT INTO unit (code, name) VALUES ($1, $2)", 2, p, NULL,
				     "adding the first unit", err);
	}
	if (!rc) {
		const char *p[] = { in->supervisor,
				    in->supervisor_name && *in->supervisor_name
					    ? in->supervisor_name
					    : in->supervisor,
				    in->unit };

		rc = pg_exec(st, "SELECT dorn._init_supervisor($1, $2, $3)", 3, p, NULL,
			     "adding the first supervisor", err);
	}
	if (!rc)
		rc = run(st, "COMMIT", "saving the schema", err);
	else
		pg_exec(st, "ROLLBACK", 0, NULL, NULL, "", NULL);
	pg_close(st);
	return rc;
}
