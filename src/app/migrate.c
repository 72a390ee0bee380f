/* dorn migrate: a unit moves from its SQLite file to the force's server
 * (dorn-server(7)), run by the database administrator. The store copies
 * it (dorn_store_copy_to); here the file is opened as any command opens
 * it, but with no staff record needed (the administrator is rarely on a
 * unit's staff), and afterwards the file's own log records that the whole
 * database left it, as a backup's does. */
#include <stdio.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/err.h"
#include "dorn/store.h"
#include "priv.h"

static void table_list(const struct dorn_copy_result *c, char *out, size_t n)
{
	size_t w = 0;

	out[0] = '\0';
	for (size_t i = 0; i < c->ntables; i++) {
		int k;

		/* the key and the database's id are not rows a user counts */
		if (strcmp(c->tables[i].name, "secret") == 0 || strcmp(c->tables[i].name, "meta") == 0)
			continue;
		k = snprintf(out + w, n - w, "%s%s %lld", w ? ", " : "", c->tables[i].name,
			     c->tables[i].rows);
		if (k < 0 || (size_t)k >= n - w)
			break;
		w += (size_t)k;
	}
}

int dorn_app_migrate(struct dorn_app *app, const struct dorn_opts *o, const char *url,
		     const char *unit, struct dorn_migrate_result *out, struct dorn_err *err)
{
	struct dorn_copy_result c;
	struct dorn_audit_rec a = { 0 };
	char detail[512], hash[65];
	int rc;

	memset(out, 0, sizeof *out);
	rc = dorn_app_open(app, o, DORN_APP_NO_STAFF | DORN_APP_MAY_READ, err);
	if (rc)
		return rc;
	if (dorn_store_is_server(app->st))
		return dorn_err_set(err, DORN_EUSAGE, "dorn migrate copies a unit's database file "
				    "to a server, and the database dorn opens here is a server "
				    "(%s): give the file with --db FILE", app->db_path);
	rc = dorn_store_copy_to(app->st, url, unit, &c, err);
	if (rc)
		return rc;
	snprintf(out->server, sizeof out->server, "%s", c.server);
	snprintf(out->unit, sizeof out->unit, "%s", c.unit);
	table_list(&c, out->tables, sizeof out->tables);
	out->audit_rows = c.audit_rows;
	out->server_rows = c.server_rows;
	out->head_seq = c.head_seq;
	memcpy(out->head_hash, c.head_hash, sizeof out->head_hash);
	out->roles_made = c.roles_made;
	if (dorn_store_readonly(app->st))
		return 0;
	/* The whole database left the file: a disclosure, as a backup is. */
	snprintf(detail, sizeof detail, "dorn migrate: every row, to unit %s; the server's log "
		 "goes on from row %lld (%.16s...)", c.unit, c.head_seq, c.head_hash);
	a.login = app->login;
	a.action = DORN_AUDIT_DISCLOSE;
	a.entity = "database";
	a.recipient = c.server;
	a.reason = "moved to a server";
	a.detail = detail;
	if (strlen(c.server) > 200)
		c.server[200] = '\0';
	rc = dorn_store_audit_alone(app->st, &a, err);
	if (!rc)
		rc = dorn_store_audit_head(app->st, &out->recorded, hash, err);
	if (rc) {
		char why[sizeof err->msg];

		memcpy(why, err->msg, sizeof why);
		return dorn_err_set(err, rc, "the unit is on the server now, but its file's audit "
				    "log could not record the move (%.300s)", why);
	}
	return 0;
}
