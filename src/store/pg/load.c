/* dorn migrate, the server's side: a unit's rows loaded into an empty
 * dorn schema (src/store/copy.c hands them over, table by table, as text).
 *
 * All in one transaction, as dorn_owner: the administrator connects as a
 * superuser or a member of dorn_owner, which owns the tables (so neither
 * row-level security nor the grants stand in the way) and may make roles.
 * The rows go in by COPY, with their ids; the tables' own triggers (the
 * audit log's refusal of changes, say) are held off while the verbatim
 * copy goes in and are back before the end, and what the chain needs is
 * set from the rows themselves: the audit head, the identity sequences.
 * Before COMMIT every table is counted again and the server's verifier
 * walks the chain with the file's key. Any failure rolls it all back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "pg.h"

enum load_mode { LOAD_COPY, LOAD_META, LOAD_SECRET };

struct trigger {
	char rel[160];  /* regclass text: quoted as needed by the server */
	char name[80];
};

struct pg_load {
	struct pg_store *st;
	char unit[32];
	char first[64];          /* init's supervisor */
	char first_units[8][32]; /* and their units, kept */
	size_t nfirst_units;
	char table[32];          /* the table being loaded */
	enum load_mode mode;
	int copying;             /* a COPY is open on the connection */
	int ncols;
	long long rows;          /* this table's rows sent */
	struct dorn_buf line;
	struct {
		char name[32];
		long long rows;
		int counted;     /* a table of its own, counted again at the end */
	} done[DORN_COPY_TABLES];
	size_t ndone;
	struct trigger *trig;    /* user triggers held off meanwhile */
	size_t ntrig, captrig;
	int committed;
};

static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";

static int run(struct pg_load *l, const char *sql, const char *what, struct dorn_err *err)
{
	return pg_exec(l->st, sql, 0, NULL, NULL, what, err);
}

/* An identifier quoted by libpq into out (never a value: those are bound). */
static int ident(struct pg_load *l, const char *name, char *out, size_t n, struct dorn_err *err)
{
	char *q = PQescapeIdentifier(l->st->conn, name, strlen(name));
	int w;

	if (!q)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory quoting '%.40s'", name);
	w = snprintf(out, n, "%s", q);
	PQfreemem(q);
	if (w < 0 || (size_t)w >= n)
		return dorn_err_set(err, DORN_EINTERNAL, "the name '%.40s' is too long", name);
	return 0;
}

/* Is the server as 'dorn init --server' left it? */
static int check_empty(struct pg_load *l, struct dorn_err *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM dorn.\"case\"), (SELECT count(*) FROM dorn.figure),"
		" (SELECT count(*) FROM dorn.note), (SELECT count(*) FROM dorn.staff),"
		" (SELECT count(*) FROM dorn.audit a WHERE NOT (a.entity IN ('staff', 'unit',"
		"   'database') AND (a.entity <> 'staff' OR a.entity_id IN"
		"   (SELECT id FROM dorn.staff)))),"
		" (SELECT min(login) FROM dorn.staff)";
	PGresult *r = NULL;
	long long cases, figures, notes, staff, others;
	int rc = pg_exec(l->st, sql, 0, NULL, &r, "looking at what the server holds", err);

	if (rc)
		return rc;
	cases = pg_num(r, 0, 0);
	figures = pg_num(r, 0, 1);
	notes = pg_num(r, 0, 2);
	staff = pg_num(r, 0, 3);
	others = pg_num(r, 0, 4);
	pg_copy(r, 0, 5, l->first, sizeof l->first);
	PQclear(r);
	if (cases || figures || notes || staff > 1 || others)
		return dorn_err_set(err, DORN_EDATA, "the server %s is not empty (%lld case%s, "
				    "%lld figure row%s, %lld staff, %lld audit row%s beyond what "
				    "'dorn init --server' wrote): dorn migrate moves a unit's file "
				    "only into a server as init left it, since the file's audit "
				    "chain goes on there from its first row; nothing was changed",
				    l->st->where, cases, cases == 1 ? "" : "s", figures,
				    figures == 1 ? "" : "s", staff, others, others == 1 ? "" : "s");
	return 0;
}

/* The unit the file's cases and staff go into: unit, or the only one. */
static int choose_unit(struct pg_load *l, const char *unit, struct dorn_err *err)
{
	PGresult *r = NULL;
	char list[256] = "";
	size_t w = 0;
	int rc, n, found = 0;

	rc = pg_exec(l->st, "SELECT code FROM dorn.unit ORDER BY code", 0, NULL, &r,
		     "reading the server's units", err);
	if (rc)
		return rc;
	n = PQntuples(r);
	for (int i = 0; i < n; i++) {
		const char *code = PQgetvalue(r, i, 0);

		if (unit && strcmp(unit, code) == 0)
			found = 1;
		if (w + strlen(code) + 3 < sizeof list)
			w += (size_t)snprintf(list + w, sizeof list - w, "%s%s", i ? ", " : "", code);
	}
	if (unit && *unit) {
		if (!found)
			rc = dorn_err_set(err, DORN_EDATA, "the server has no unit '%.31s' (it has: "
					  "%s); nothing was changed", unit, n ? list : "none");
		else
			snprintf(l->unit, sizeof l->unit, "%s", unit);
	} else if (n == 1) {
		snprintf(l->unit, sizeof l->unit, "%s", PQgetvalue(r, 0, 0));
	} else {
		rc = dorn_err_set(err, DORN_EUSAGE, "the server has %d units (%s): say which the "
				  "file's cases go into with --unit CODE", n, n ? list : "none");
	}
	PQclear(r);
	return rc;
}

static int keep_first_units(struct pg_load *l, struct dorn_err *err)
{
	const char *p[] = { l->first };
	PGresult *r = NULL;
	int rc = pg_exec(l->st, "SELECT su.unit FROM dorn.staff_unit su JOIN dorn.staff s"
			 " ON s.id = su.staff_id WHERE s.login = $1 ORDER BY su.unit", 1, p, &r,
			 "reading the first supervisor's units", err);

	if (rc)
		return rc;
	for (int i = 0; i < PQntuples(r) && l->nfirst_units < 8; i++)
		pg_copy(r, i, 0, l->first_units[l->nfirst_units++], sizeof l->first_units[0]);
	PQclear(r);
	return 0;
}

/* Hold off every user trigger on dorn's tables (remembered, to be put
 * back): the rows are a verbatim copy, not changes to check. */
static int triggers_off(struct pg_load *l, struct dorn_err *err)
{
	static const char sql[] =
		"SELECT t.tgrelid::regclass::text, t.tgname FROM pg_catalog.pg_trigger t"
		" JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
		" WHERE c.relnamespace = 'dorn'::regnamespace AND NOT t.tgisinternal"
		" AND t.tgenabled <> 'D' ORDER BY 1, 2";
	PGresult *r = NULL;
	int rc = pg_exec(l->st, sql, 0, NULL, &r, "reading the tables' triggers", err);

	for (int i = 0; !rc && i < PQntuples(r); i++) {
		struct trigger *t;
		char name[200], stmt[512];

		if (dorn_grow(&l->trig, &l->captrig, l->ntrig + 1, sizeof *l->trig)) {
			rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
			break;
		}
		t = &l->trig[l->ntrig];
		pg_copy(r, i, 0, t->rel, sizeof t->rel);
		pg_copy(r, i, 1, t->name, sizeof t->name);
		rc = ident(l, t->name, name, sizeof name, err);
		if (rc)
			break;
		snprintf(stmt, sizeof stmt, "ALTER TABLE %s DISABLE TRIGGER %s", t->rel, name);
		rc = run(l, stmt, "holding off a trigger for the copy", err);
		if (!rc)
			l->ntrig++;
	}
	PQclear(r);
	return rc;
}

static int triggers_on(struct pg_load *l, struct dorn_err *err)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < l->ntrig; i++) {
		char name[200], stmt[512];

		rc = ident(l, l->trig[i].name, name, sizeof name, err);
		if (!rc) {
			snprintf(stmt, sizeof stmt, "ALTER TABLE %s ENABLE TRIGGER %s",
				 l->trig[i].rel, name);
			rc = run(l, stmt, "putting a trigger back after the copy", err);
		}
	}
	return rc;
}

int pg_load_open(struct pg_load **out, const char *url, const char *unit, char first_login[64],
		 struct dorn_err *err)
{
	struct dorn_store *s = NULL;
	struct pg_load *l;
	int rc;

	*out = NULL;
	first_login[0] = '\0';
	l = calloc(1, sizeof *l);
	if (!l)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	dorn_buf_init(&l->line);
	*out = l;
	rc = pg_open(&s, url, 0, 5000, err);
	if (rc == DORN_EPERM) {
		char why[sizeof err->msg];

		memcpy(why, err->msg, sizeof why);
		return dorn_err_set(err, DORN_EPERM, "dorn migrate is the database administrator's: "
				    "connect to the server as a superuser or a member of dorn_owner "
				    "(%.300s); nothing was changed", why);
	}
	if (rc)
		return rc;
	l->st = (struct pg_store *)(void *)s;
	/* The rows are UTF-8, whatever the server's or the session's default. */
	if ((rc = run(l, "SET client_encoding TO 'UTF8'", "talking UTF-8 with the server", err)))
		return rc;
	if ((rc = run(l, "BEGIN", "starting the copy", err)))
		return rc;
	/* pg_begin refuses from here on: nothing may nest in this one. */
	l->st->in_tx = 1;
	if (run(l, "SET LOCAL ROLE dorn_owner", "acting as dorn_owner", err))
		return dorn_err_set(err, DORN_EPERM, "dorn migrate is the database administrator's: "
				    "connect to the server as a superuser or a member of dorn_owner "
				    "('%s' is neither); nothing was changed", l->st->login);
	rc = run(l, "LOCK TABLE dorn.audit_head, dorn.audit, dorn.staff, dorn.staff_unit,"
		 " dorn.\"case\", dorn.figure, dorn.note, dorn.meta, dorn.secret, dorn.unit"
		 " IN EXCLUSIVE MODE", "holding the server's tables for the copy", err);
	if (!rc)
		rc = check_empty(l, err);
	if (!rc)
		rc = choose_unit(l, unit, err);
	if (!rc && *l->first)
		rc = keep_first_units(l, err);
	if (!rc)
		rc = triggers_off(l, err);
	/* What init wrote goes: the file's rows replace it. */
	if (!rc)
		rc = run(l, "DELETE FROM dorn.staff_unit", "clearing what init wrote", err);
	if (!rc)
		rc = run(l, "DELETE FROM dorn.audit", "clearing what init wrote", err);
	if (!rc)
		rc = run(l, "DELETE FROM dorn.staff", "clearing what init wrote", err);
	if (!rc) {
		const char *p[] = { zeros };

		rc = pg_exec(l->st, "UPDATE dorn.audit_head SET seq = 0, hash = $1", 1, p, NULL,
			     "clearing what init wrote", err);
	}
	if (!rc)
		snprintf(first_login, 64, "%s", l->first);
	return rc;
}

/* ---- the sink ---- */

static int copy_field(struct dorn_buf *b, const char *v)
{
	if (!v)
		return dorn_buf_add(b, "\\N", 2);
	for (const char *p = v; *p; p++) {
		switch (*p) {
		case '\\': dorn_buf_add(b, "\\\\", 2); break;
		case '\n': dorn_buf_add(b, "\\n", 2); break;
		case '\r': dorn_buf_add(b, "\\r", 2); break;
		case '\t': dorn_buf_add(b, "\\t", 2); break;
		default: dorn_buf_putc(b, *p); break;
		}
	}
	return b->oom ? DORN_ENOMEM : 0;
}

/* The server's error after a COPY, or 0. */
static int copy_result(struct pg_load *l, const char *what, struct dorn_err *err)
{
	PGresult *r;
	int rc = 0;

	while ((r = PQgetResult(l->st->conn)) != NULL) {
		if (!rc && PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = pg_fail(l->st, r, what, err);
		PQclear(r);
	}
	return rc;
}

static int sink_table(void *ctx, const char *table, const char *const *cols, int ncols,
		      struct dorn_err *err)
{
	struct pg_load *l = ctx;
	struct dorn_buf sql;
	char name[80], what[80];
	PGresult *r;
	int rc = 0;

	if (l->ndone >= DORN_COPY_TABLES)
		return dorn_err_set(err, DORN_EINTERNAL, "too many tables to copy (a bug)");
	snprintf(l->table, sizeof l->table, "%s", table);
	l->ncols = ncols;
	l->rows = 0;
	l->mode = strcmp(table, "meta") == 0 ? LOAD_META
		  : strcmp(table, "secret") == 0 ? LOAD_SECRET : LOAD_COPY;
	if (l->mode != LOAD_COPY)
		return 0;
	dorn_buf_init(&sql);
	rc = ident(l, table, name, sizeof name, err);
	dorn_buf_printf(&sql, "COPY dorn.%s (", name);
	for (int i = 0; !rc && i < ncols; i++) {
		rc = ident(l, cols[i], name, sizeof name, err);
		dorn_buf_printf(&sql, "%s%s", i ? ", " : "", name);
	}
	/* The server's one column more: the unit of each case and figure. */
	if (strcmp(table, "case") == 0 || strcmp(table, "figure") == 0)
		dorn_buf_puts(&sql, ", unit");
	dorn_buf_puts(&sql, ") FROM STDIN");
	if (!rc && sql.oom)
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	if (!rc) {
		snprintf(what, sizeof what, "copying %s", table);
		r = PQexec(l->st->conn, dorn_buf_str(&sql));
		if (!r || PQresultStatus(r) != PGRES_COPY_IN)
			rc = pg_fail(l->st, r, what, err);
		else
			l->copying = 1;
		PQclear(r);
	}
	dorn_buf_fini(&sql);
	return rc;
}

static int sink_row(void *ctx, const char *const *vals, int nvals, struct dorn_err *err)
{
	struct pg_load *l = ctx;
	char what[80];
	int rc = 0;

	snprintf(what, sizeof what, "copying %s", l->table);
	if (nvals != l->ncols)
		return dorn_err_set(err, DORN_EINTERNAL, "a row of %s with %d values (a bug)",
				    l->table, nvals);
	l->rows++;
	if (l->mode == LOAD_META) {
		const char *p[] = { vals[0], vals[1] };

		return pg_exec(l->st, "INSERT INTO dorn.meta (name, value) VALUES ($1, $2)"
			       " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value", 2, p,
			       NULL, what, err);
	}
	if (l->mode == LOAD_SECRET) {
		const char *p[] = { vals[0], vals[1] };

		return pg_exec(l->st, "INSERT INTO dorn.secret (name, value)"
			       " VALUES ($1, decode($2, 'hex')) ON CONFLICT (name)"
			       " DO UPDATE SET value = EXCLUDED.value", 2, p, NULL,
			       "putting the file's audit key on the server", err);
	}
	dorn_buf_reset(&l->line);
	for (int i = 0; !rc && i < nvals; i++) {
		if (i)
			dorn_buf_putc(&l->line, '\t');
		rc = copy_field(&l->line, vals[i]);
	}
	if (strcmp(l->table, "case") == 0 || strcmp(l->table, "figure") == 0) {
		dorn_buf_putc(&l->line, '\t');
		copy_field(&l->line, l->unit);
	}
	dorn_buf_putc(&l->line, '\n');
	if (rc || l->line.oom)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory copying %s", l->table);
	if (PQputCopyData(l->st->conn, l->line.p, (int)l->line.len) != 1)
		return pg_fail(l->st, NULL, what, err);
	return 0;
}

static int sink_end(void *ctx, struct dorn_err *err)
{
	struct pg_load *l = ctx;
	char what[80];
	int rc = 0;

	snprintf(what, sizeof what, "copying %s", l->table);
	if (l->copying) {
		l->copying = 0;
		if (PQputCopyEnd(l->st->conn, NULL) != 1)
			rc = pg_fail(l->st, NULL, what, err);
		if (!rc)
			rc = copy_result(l, what, err);
		else
			copy_result(l, what, NULL);
	}
	if (!rc) {
		snprintf(l->done[l->ndone].name, sizeof l->done[0].name, "%s", l->table);
		l->done[l->ndone].rows = l->rows;
		l->done[l->ndone].counted = l->mode == LOAD_COPY;
		l->ndone++;
	}
	return rc;
}

void pg_load_sink(struct pg_load *l, struct store_sink *sink)
{
	sink->table = sink_table;
	sink->row = sink_row;
	sink->end = sink_end;
	sink->ctx = l;
}

/* ---- after the rows ---- */

/* Each of the file's staff in the unit (init's supervisor in theirs as
 * well), with a database role as 'dorn staff add' gives one (30-api.sql
 * _staff_grant): made when missing (LOGIN, no password: peer or
 * certificate authentication, or the administrator sets one), holding
 * the group of their role and no other, and none when inactive. */
static int staff_roles(struct pg_load *l, int *made, struct dorn_err *err)
{
	PGresult *r = NULL;
	const char *p[] = { l->unit, l->first, NULL };
	int rc;

	rc = pg_exec(l->st, "INSERT INTO dorn.staff_unit (staff_id, unit)"
		     " SELECT id, $1 FROM dorn.staff", 1, p, NULL, "putting the staff in the unit",
		     err);
	for (size_t i = 0; !rc && i < l->nfirst_units; i++) {
		p[0] = l->first_units[i];
		rc = pg_exec(l->st, "INSERT INTO dorn.staff_unit (staff_id, unit) SELECT id, $1"
			     " FROM dorn.staff WHERE login = $2 ON CONFLICT DO NOTHING", 2, p, NULL,
			     "keeping the first supervisor's units", err);
	}
	if (!rc)
		rc = pg_exec(l->st, "SELECT s.login, s.role, s.active, r.rolname IS NOT NULL"
			     " FROM dorn.staff s LEFT JOIN pg_catalog.pg_roles r ON r.rolname = s.login"
			     " ORDER BY s.id", 0, NULL, &r, "reading the staff's roles", err);
	for (int i = 0; !rc && r && i < PQntuples(r); i++) {
		const char *q[] = { PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), PQgetvalue(r, i, 2) };

		rc = pg_exec(l->st, "SELECT dorn._staff_grant($1, $2, $3::bigint)", 3, q, NULL,
			     "giving a staff member their database role", err);
		if (!rc && !pg_num(r, i, 3) && pg_num(r, i, 2))
			(*made)++;
	}
	PQclear(r);
	return rc;
}

/* Identity columns go on after the ids copied. */
static const char sequences_sql[] =
	"DO $$\n"
	"DECLARE r record; m bigint;\n"
	"BEGIN\n"
	"  FOR r IN SELECT c.relname, a.attname FROM pg_catalog.pg_attribute a\n"
	"      JOIN pg_catalog.pg_class c ON c.oid = a.attrelid\n"
	"      WHERE c.relnamespace = 'dorn'::regnamespace AND c.relkind = 'r'\n"
	"      AND a.attidentity <> '' AND NOT a.attisdropped LOOP\n"
	"    EXECUTE pg_catalog.format('SELECT max(%I) FROM dorn.%I', r.attname, r.relname) INTO m;\n"
	"    PERFORM pg_catalog.setval(pg_catalog.pg_get_serial_sequence(\n"
	"      pg_catalog.format('dorn.%I', r.relname), r.attname), coalesce(m, 1), m IS NOT NULL);\n"
	"  END LOOP;\n"
	"END $$";

static int count_tables(struct pg_load *l, struct dorn_err *err)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < l->ndone; i++) {
		char name[80], sql[160];
		PGresult *r = NULL;
		long long n;

		if (!l->done[i].counted)
			continue;
		if ((rc = ident(l, l->done[i].name, name, sizeof name, err)))
			break;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM dorn.%s", name);
		if ((rc = pg_exec(l->st, sql, 0, NULL, &r, "counting the rows copied", err)))
			break;
		n = pg_num(r, 0, 0);
		PQclear(r);
		if (n != l->done[i].rows)
			rc = dorn_err_set(err, DORN_EDATA, "the server holds %lld rows of %s after "
					  "the copy, the file %lld: nothing was changed", n,
					  l->done[i].name, l->done[i].rows);
	}
	return rc;
}

int pg_load_finish(struct pg_load *l, long long audit_rows, long long head_seq,
		   const char *head_hash, struct dorn_copy_result *out, struct dorn_err *err)
{
	char seq[24];
	long long rows = 0, bad = 0;
	int rc = triggers_on(l, err);

	if (!rc)
		rc = staff_roles(l, &out->roles_made, err);
	if (!rc)
		rc = run(l, sequences_sql, "setting the ids' sequences after the copy", err);
	if (!rc) {
		/* The chain goes on from the file's last row. */
		const char *p[] = { pg_lld(seq, head_seq), head_seq ? head_hash : zeros };
		PGresult *r = NULL;

		rc = pg_exec(l->st, "UPDATE dorn.audit_head SET seq = $1::bigint, hash = $2", 2, p,
			     NULL, "setting the audit log's head", err);
		if (!rc)
			rc = pg_exec(l->st, "SELECT count(*) FROM dorn.audit WHERE seq = $1::bigint"
				     " AND hash = $2 AND seq = (SELECT max(seq) FROM dorn.audit)", 2,
				     p, &r, "checking the audit log's head", err);
		if (!rc && head_seq && pg_num(r, 0, 0) != 1)
			rc = dorn_err_set(err, DORN_EDATA, "the server's last audit row is not the "
					  "file's (%lld): nothing was changed", head_seq);
		PQclear(r);
	}
	if (!rc)
		rc = count_tables(l, err);
	if (!rc) {
		rc = pg_audit_verify(l->st, NULL, 0, &rows, &bad, err);
		if (rc == DORN_EDATA) {
			char why[sizeof err->msg];

			memcpy(why, err->msg, sizeof why);
			rc = dorn_err_set(err, DORN_EDATA, "the copied audit log does not verify on "
					  "the server (%.300s): nothing was changed", why);
		} else if (!rc && rows != audit_rows) {
			rc = dorn_err_set(err, DORN_EDATA, "the server's verifier passed %lld audit "
					  "rows, the file's %lld: nothing was changed", rows,
					  audit_rows);
		}
	}
	if (!rc) {
		l->st->in_tx = 0;
		rc = run(l, "COMMIT", "saving the copy", err);
		l->committed = !rc;
	}
	if (!rc) {
		snprintf(out->unit, sizeof out->unit, "%s", l->unit);
		snprintf(out->server, sizeof out->server, "%.255s", l->st->where);
		out->server_rows = rows;
		out->ntables = l->ndone;
		for (size_t i = 0; i < l->ndone; i++) {
			snprintf(out->tables[i].name, sizeof out->tables[i].name, "%s",
				 l->done[i].name);
			out->tables[i].rows = l->done[i].rows;
		}
	}
	return rc;
}

void pg_load_close(struct pg_load *l)
{
	if (!l)
		return;
	if (l->st) {
		if (l->copying) {
			PQputCopyEnd(l->st->conn, "dorn migrate stopped");
			copy_result(l, "", NULL);
		}
		if (!l->committed)
			pg_exec(l->st, "ROLLBACK", 0, NULL, NULL, "", NULL);
		l->st->in_tx = 0;
		pg_close(l->st);
	}
	dorn_buf_fini(&l->line);
	free(l->trig);
	free(l);
}
