/* The workspace: configuration, database and identity, and the use cases
 * of the foundation (init, staff). One transaction per use case. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dorn/app.h"
#include "dorn/store.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/export.h"
#include "dorn/hash.h"
#include "dorn/offences.h"
#include "dorn/text.h"
#include "dorn/tmpl.h"
#include "dorn/urn.h"
#include "priv.h"

int dorn_app_configure(struct dorn_app *app, const struct dorn_opts *o,
		       struct dorn_err *err)
{
	const char *today = getenv("DORN_TODAY");
	struct dorn_date d;
	struct tm tm;
	time_t now;
	int rc;

	memset(app, 0, sizeof *app);
	if (dorn_shared_privileged()) {
		/* Setgid to the unit's group: nothing the caller points at
		 * (another database, configuration, data folder, or a fixed
		 * today) is used with the group's privilege. dorn gives the
		 * privilege up for good and works as the caller alone. */
		static const char *const envs[] = { "DORN_CONFIG", "DORN_DATADIR", "DORN_TODAY",
						    "DORN_PDFLIB" };

		if (o->db_path && *o->db_path)
			app->dropped = "--db";
		else if (o->config && *o->config)
			app->dropped = "--config";
		else if (o->as_login && *o->as_login)
			app->dropped = "--as";
		for (size_t i = 0; !app->dropped && i < sizeof envs / sizeof envs[0]; i++)
			if (getenv(envs[i]))
				app->dropped = envs[i];
		if (app->dropped) {
			if (dorn_shared_drop())
				return dorn_err_set(err, DORN_EPERM, "cannot give up the unit's "
						    "group: stopping");
		} else {
			app->shared = 1;
			snprintf(app->shared_dir, sizeof app->shared_dir, "%s", dorn_shared_dir());
		}
	}
	rc = app->shared ? dorn_config_load_system(&app->cfg, err)
			 : dorn_config_load(&app->cfg, o->config, err);
	if (rc)
		return rc;
	/* A fixed "today" makes demos and golden tests repeatable. */
	if (today && *today) {
		if (dorn_date_parse(today, &d, NULL))
			return dorn_err_set(err, DORN_ECONFIG, "DORN_TODAY='%.20s' is not a date: "
					    "use YYYY-MM-DD, or unset it", today);
	} else {
		now = time(NULL);
		localtime_r(&now, &tm);
		d.y = tm.tm_year + 1900;
		d.m = tm.tm_mon + 1;
		d.d = tm.tm_mday;
	}
	app->today = dorn_date_to_days(&d);
	return 0;
}

int dorn_app_default_db(char *out, size_t n, struct dorn_err *err)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int w;

	if (xdg && *xdg == '/')
		w = snprintf(out, n, "%s/dorn/dorn.db", xdg);
	else if (home && *home)
		w = snprintf(out, n, "%s/.local/share/dorn/dorn.db", home);
	else
		return dorn_err_set(err, DORN_ECONFIG, "neither XDG_DATA_HOME nor HOME is "
				    "set: give the database with --db PATH");
	if (w < 0 || (size_t)w >= n)
		return dorn_err_set(err, DORN_ECONFIG, "the default database path is too "
				    "long: give one with --db PATH");
	return 0;
}

static int real_login(char *out, size_t n, char *name, size_t nn, struct dorn_err *err)
{
	struct passwd *pw = getpwuid(getuid());
	size_t len;

	if (!pw || !pw->pw_name || !*pw->pw_name)
		return dorn_err_set(err, DORN_EPERM, "cannot find a login for user id %u: "
				    "run dorn from a named account", (unsigned)getuid());
	snprintf(out, n, "%s", pw->pw_name);
	if (name) {
		/* The GECOS field's first part is the full name, when set. */
		snprintf(name, nn, "%s", pw->pw_gecos && *pw->pw_gecos ? pw->pw_gecos : pw->pw_name);
		len = strcspn(name, ",");
		name[len] = '\0';
		dorn_text_strip(name, 0);
		if (!*name)
			snprintf(name, nn, "%s", pw->pw_name);
	}
	return 0;
}

/* Unix-like login names: what useradd accepts, without the oddities. */
static int valid_login(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 32 || !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z')))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
		      c == '-' || c == '.'))
			return 0;
	}
	return 1;
}

static int first_supervisor(const struct dorn_staff *s, void *ctx)
{
	if (s->role == DORN_ROLE_SUPERVISOR && s->active) {
		snprintf(ctx, 64, "%s", s->login);
		return 1;
	}
	return 0;
}

static int refuse_unknown(struct dorn_app *app, const char *why, struct dorn_err *err)
{
	char sup[64] = "";

	dorn_store_staff_each(app->st, first_supervisor, sup, NULL);
	if (*sup)
		return dorn_err_set(err, DORN_EPERM,
				    "'%s' %s on %s: ask a supervisor (for example '%s') to "
				    "run: dorn staff add %s --name \"NAME\" --role officer",
				    app->login, why, app->db_path, sup, app->login);
	return dorn_err_set(err, DORN_EPERM,
			    "'%s' %s on %s, and it has no active supervisor: ask whoever "
			    "looks after it to add you", app->login, why, app->db_path);
}

/* The store, opened the way the flags ask: read only; or for writing,
 * falling back to read only (DORN_APP_MAY_READ) when this user cannot
 * write the database, so a reading still works where it cannot be logged. */
static int open_store(struct dorn_app *app, int flags, struct dorn_err *err)
{
	int sflags = (flags & DORN_APP_CREATE) ? DORN_STORE_CREATE : 0;
	int rc;

	if (flags & DORN_APP_READ)
		sflags = DORN_STORE_READ;
	rc = dorn_store_open(&app->st, app->db_path, sflags, app->cfg.busy_timeout_ms, err);
	if (rc == DORN_EPERM && (flags & DORN_APP_MAY_READ) && !app->shared) {
		struct dorn_err ro;

		dorn_err_clear(&ro);
		if (dorn_store_open(&app->st, app->db_path, DORN_STORE_READ,
				    app->cfg.busy_timeout_ms, &ro) == 0) {
			dorn_err_clear(err);
			return 0;
		}
	}
	return rc;
}

/* On a shared host: with the unit's group, check the folder is as 'dorn
 * init --shared' left it, open the database and read the key; then give
 * the group up for good, whatever happened. */
static int open_shared(struct dorn_app *app, int flags, struct dorn_err *err)
{
	int rc, drop;

	if (flags & DORN_APP_CREATE)
		return dorn_err_set(err, DORN_EUSAGE, "the unit's database is made by 'dorn init "
				    "--shared', run by root: ask whoever looks after the host");
	if (snprintf(app->db_path, sizeof app->db_path, "%.4000s/dorn.db", app->shared_dir) >=
	    (int)sizeof app->db_path)
		return dorn_err_set(err, DORN_ECONFIG, "the unit's folder's path is too long");
	rc = dorn_shared_raise() ? dorn_err_set(err, DORN_EPERM, "cannot take up the unit's "
						"group") : 0;
	if (!rc)
		rc = dorn_shared_check_files(app->shared_dir, dorn_shared_gid(), err);
	if (!rc)
		rc = open_store(app, flags & ~DORN_APP_MAY_READ, err);
	if (!rc) {
		unsigned uid, gid, mode;

		dorn_store_file_info(app->st, &uid, &gid, &mode);
		if (uid != 0 || gid != dorn_shared_gid() || mode != 0660)
			rc = dorn_err_set(err, DORN_EPERM, "%s is not the unit's database as 'dorn "
					  "init --shared' made it", app->db_path);
	}
	if (!rc)
		rc = app_key_load(app, !(flags & DORN_APP_READ), err);
	drop = dorn_shared_drop();
	if (!rc && drop)
		rc = dorn_err_set(err, DORN_EPERM, "cannot give up the unit's group: stopping");
	return rc;
}

int dorn_app_open(struct dorn_app *app, const struct dorn_opts *o, int flags,
		  struct dorn_err *err)
{
	int rc;

	rc = real_login(app->login, sizeof app->login, NULL, 0, err);
	if (rc)
		return rc;
	if (app->shared) {
		rc = open_shared(app, flags, err);
		if (rc)
			goto fail;
	} else {
		/* --db names a file or a server; else [database] url, a
		 * server; else [database] path, a file. */
		if (o->db_path && *o->db_path)
			snprintf(app->db_path, sizeof app->db_path, "%s", o->db_path);
		else if (*app->cfg.db_url)
			snprintf(app->db_path, sizeof app->db_path, "%s", app->cfg.db_url);
		else if (*app->cfg.db_path)
			snprintf(app->db_path, sizeof app->db_path, "%s", app->cfg.db_path);
		else if ((rc = dorn_app_default_db(app->db_path, sizeof app->db_path, err)))
			return rc;
		rc = open_store(app, flags, err);
		if (rc)
			return rc;
		if (o->key_file && *o->key_file) {
			snprintf(app->key_path, sizeof app->key_path, "%s", o->key_file);
			app->key_given = 1;
		}
		if (dorn_store_is_server(app->st)) {
			/* On a server the database login is who acts (peer or
			 * certificate authentication made it so), and the
			 * server holds the audit key and signs each row. */
			snprintf(app->login, sizeof app->login, "%s",
				 dorn_store_server_login(app->st));
			char shown[sizeof app->db_path];

			dorn_store_redact_url(app->db_path, shown, sizeof shown);
			memcpy(app->db_path, shown, sizeof shown);
			/* [database] unit: which of several units is theirs here */
			if (*app->cfg.db_unit &&
			    (rc = dorn_store_set_unit(app->st, app->cfg.db_unit, err)))
				goto fail;
		} else if ((rc = app_key_load(app, !dorn_store_readonly(app->st), err))) {
			goto fail;
		}
	}
	{
		/* The file SQLite has open, by its descriptor: a path looked up
		 * again could be another file by now. */
		unsigned uid, gid, mode;

		dorn_store_file_info(app->st, &uid, &gid, &mode);
		app->private_db = !app->shared && uid == (unsigned)getuid() && (mode & 077) == 0;
	}

	if (o->as_login && *o->as_login) {
		if (dorn_store_is_server(app->st)) {
			rc = dorn_err_set(err, DORN_EUSAGE, "--as has no place on a server: the "
					  "database login is who acts; connect as %s instead",
					  o->as_login);
			goto fail;
		}
		if (!app->private_db) {
			rc = dorn_err_set(err, DORN_EPERM,
					  "--as is honoured only on a private database "
					  "(owned by you, mode 0600), and %s is not: run "
					  "dorn as yourself", app->db_path);
			goto fail;
		}
		if (!valid_login(o->as_login)) {
			rc = dorn_err_set(err, DORN_EUSAGE, "--as '%s' is not a login name: "
					  "use lower-case letters, digits, '.', '-' or '_'",
					  o->as_login);
			goto fail;
		}
		snprintf(app->login, sizeof app->login, "%s", o->as_login);
	}
	if (flags & DORN_APP_NO_STAFF)
		return 0;
	rc = dorn_store_staff_get(app->st, app->login, &app->me, err);
	if ((rc == DORN_ENOINPUT || rc == DORN_EPERM) && (flags & DORN_APP_FORCE) &&
	    dorn_store_is_server(app->st)) {
		/* Not staff (the force's figures reader, dorn_force): what
		 * the server lets this login read is all it gets. It acts as
		 * no one's supervisor. */
		dorn_err_clear(err);
		memset(&app->me, 0, sizeof app->me);
		snprintf(app->me.login, sizeof app->me.login, "%s", app->login);
		app->me.role = DORN_ROLE_OFFICER;
		return 0;
	}
	if (rc == DORN_ENOINPUT) {
		rc = refuse_unknown(app, "is not registered with dorn", err);
		goto fail;
	}
	if (rc)
		goto fail;
	if (!app->me.active) {
		rc = refuse_unknown(app, "has been deactivated", err);
		goto fail;
	}
	return 0;
fail:
	dorn_app_close(app);
	return rc;
}

void dorn_app_close(struct dorn_app *app)
{
	dorn_store_close(app->st);
	app->st = NULL;
	dorn_offences_free(&app->offences);
	dorn_wording_fini(&app->wording);
	dorn_tmpl_free(app->note_tmpl);
	app->note_tmpl = NULL;
	dorn_tmpl_free(app->order_tmpl);
	dorn_holidays_fini(&app->holidays);
	dorn_scripts_fini(&app->scripts);
	app->order_tmpl = NULL;
	dorn_ini_free(app->interview);
	app->interview = NULL;
	app->data_loaded = 0;
	/* what pango and fontconfig keep for the next PDF: given back at
	 * the end, so a leak checker sees only what dorn itself holds */
	if (app->pdf_made)
		dorn_pdf_release();
	app->pdf_made = 0;
}

/* A display name is one line of plain text that fits struct dorn_staff. */
static int check_name(const char *name, size_t room, const char *what, struct dorn_err *err)
{
	size_t n = strlen(name);

	if (!dorn_utf8_valid(name, n, NULL) || dorn_text_has_control(name, 0))
		return dorn_err_set(err, DORN_EDATA, "%s must be plain text (UTF-8, no "
				    "control characters)", what);
	if (n == 0 || n >= room)
		return dorn_err_set(err, DORN_EDATA, "%s must be 1 to %zu bytes long", what,
				    room - 1);
	return 0;
}

/* Blanks before and after a name are not part of it. */
static void trim_blanks(char *s)
{
	size_t lead = strspn(s, " \t"), n = strlen(s);

	while (n > lead && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	memmove(s, s + lead, n - lead);
	s[n - lead] = '\0';
}

/* The first supervisor's name: given, asked, the account's full name, or,
 * with nothing better, the login, said in who->bare_login. me->name holds
 * the account's name (real_login) on entry. */
static int init_name(struct dorn_staff *me, struct dorn_init_name *who, struct dorn_err *err)
{
	char answer[sizeof me->name];
	int real = strcmp(me->name, me->login) != 0, tries;

	if (who && who->name) {
		snprintf(answer, sizeof answer, "%s", who->name);
		trim_blanks(answer);
		if (strlen(who->name) >= sizeof me->name)
			return dorn_err_set(err, DORN_EDATA, "--name must be 1 to %zu bytes "
					    "long", sizeof me->name - 1);
		if (check_name(answer, sizeof me->name, "--name", err))
			return err->code;
		snprintf(me->name, sizeof me->name, "%s", answer);
		return 0;
	}
	for (tries = 0; who && who->ask && tries < 3; tries++) {
		answer[0] = '\0';
		if (who->ask(who->ctx, real ? me->name : NULL, answer, sizeof answer))
			break;
		trim_blanks(answer);
		if (!*answer && real)
			return 0;
		if (*answer) {
			if (check_name(answer, sizeof me->name, "the name", err))
				return err->code;
			snprintf(me->name, sizeof me->name, "%s", answer);
			return 0;
		}
	}
	if (who)
		who->bare_login = !real;
	return 0;
}

int dorn_app_init_server(const char *url, const char *unit, const char *unit_name,
			 const char *supervisor, const char *name, int *added, struct dorn_err *err)
{
	struct dorn_server_init in = { unit, unit_name, supervisor, name, 0 };
	int rc = dorn_store_init_server(url, &in, err);

	*added = in.added;
	return rc;
}

int dorn_app_init(struct dorn_app *app, const struct dorn_opts *o, int *created,
		  struct dorn_err *err)
{
	return dorn_app_init_named(app, o, NULL, created, err);
}

int dorn_app_init_named(struct dorn_app *app, const struct dorn_opts *o,
			struct dorn_init_name *who, int *created, struct dorn_err *err)
{
	struct dorn_staff me = { 0 };
	long long n = 0;
	int rc;

	*created = 0;
	if (who)
		who->bare_login = 0;
	if (o->as_login && *o->as_login)
		return dorn_err_set(err, DORN_EUSAGE, "dorn init registers the database's "
				    "owner, so --as cannot be used with it: run it as yourself");
	rc = dorn_app_open(app, o, DORN_APP_CREATE | DORN_APP_NO_STAFF, err);
	if (rc)
		return rc;
	rc = dorn_store_staff_count(app->st, &n, err);
	if (rc)
		goto out;
	if (n > 0) {
		/* Already set up: fine if we belong here, refused otherwise. */
		rc = dorn_store_staff_get(app->st, app->login, &app->me, err);
		if (rc == DORN_ENOINPUT)
			rc = refuse_unknown(app, "is not registered with dorn", err);
		goto out;
	}
	rc = real_login(me.login, sizeof me.login, me.name, sizeof me.name, err);
	if (!rc)
		rc = init_name(&me, who, err);
	if (rc)
		goto out;
	me.role = DORN_ROLE_SUPERVISOR;
	me.active = 1;
	rc = dorn_store_staff_add(app->st, &me, me.login, err);
	if (rc)
		goto out;
	rc = dorn_store_staff_get(app->st, me.login, &app->me, err);
	*created = 1;
out:
	if (rc)
		dorn_app_close(app);
	return rc;
}

static int require_supervisor(struct dorn_app *app, const char *what, struct dorn_err *err)
{
	if (app->me.role == DORN_ROLE_SUPERVISOR)
		return 0;
	return dorn_err_set(err, DORN_EPERM, "only a supervisor can %s, and '%s' is an "
			    "officer: ask a supervisor", what, app->login);
}

/* Contact details are one line of plain text. */
static int check_contact(const char *contact, struct dorn_err *err)
{
	size_t n = contact ? strlen(contact) : 0;

	if (n && (!dorn_utf8_valid(contact, n, NULL) || dorn_text_has_control(contact, 0)))
		return dorn_err_set(err, DORN_EDATA, "--contact must be plain text (UTF-8, no "
				    "control characters)");
	if (n > 200)
		return dorn_err_set(err, DORN_EDATA, "--contact is %zu bytes long, the limit is "
				    "200: shorten it", n);
	return 0;
}

int dorn_app_staff_set_contact(struct dorn_app *app, const char *login, const char *contact,
			       struct dorn_err *err)
{
	int rc = strcmp(login, app->login) == 0 ? 0
		 : require_supervisor(app, "change another person's contact details", err);

	if (!rc)
		rc = check_contact(contact, err);
	return rc ? rc : dorn_store_staff_contact(app->st, login, contact ? contact : "",
						   app->login, err);
}

int dorn_app_staff_joined(struct dorn_app *app)
{
	return app->st && dorn_store_staff_joined(app->st);
}

int dorn_app_staff_add(struct dorn_app *app, const char *login, const char *name,
		       int role, const char *contact, struct dorn_err *err)
{
	struct dorn_staff s = { 0 };
	size_t n;
	int rc = require_supervisor(app, "add staff", err);

	if (rc)
		return rc;
	if (!valid_login(login))
		return dorn_err_set(err, DORN_EDATA, "'%.40s' is not a login name: use the "
				    "person's Unix login (lower-case letters, digits, "
				    "'.', '-' or '_', up to 32)", login);
	n = strlen(name);
	if (!dorn_utf8_valid(name, n, NULL) || dorn_text_has_control(name, 0))
		return dorn_err_set(err, DORN_EDATA, "--name must be plain text (UTF-8, no "
				    "control characters)");
	if (n == 0 || n >= sizeof s.name)
		return dorn_err_set(err, DORN_EDATA, "--name must be 1 to %zu bytes long",
				    sizeof s.name - 1);
	snprintf(s.login, sizeof s.login, "%s", login);
	snprintf(s.name, sizeof s.name, "%s", name);
	if ((rc = check_contact(contact, err)))
		return rc;
	snprintf(s.contact, sizeof s.contact, "%s", contact ? contact : "");
	s.role = role;
	s.active = 1;
	return dorn_store_staff_add(app->st, &s, app->login, err);
}

int dorn_app_staff_each(struct dorn_app *app,
			int (*cb)(const struct dorn_staff *, void *), void *ctx,
			struct dorn_err *err)
{
	return dorn_store_staff_each(app->st, cb, ctx, err);
}

int dorn_app_audit_each(struct dorn_app *app, const char *since,
			int (*cb)(const struct dorn_audit_row *, void *), void *ctx,
			struct dorn_err *err)
{
	return dorn_store_audit_each(app->st, since, cb, ctx, err);
}

int dorn_app_audit_verify(struct dorn_app *app, const struct dorn_audit_anchor *anchors,
			  size_t nanchors, long long *rows, long long *bad_seq,
			  struct dorn_audit_anchor *head, struct dorn_err *err)
{
	int rc = dorn_store_audit_verify(app->st, anchors, nanchors, rows, bad_seq, err);

	if (rc == DORN_ECONFIG && app->key_state == DORN_KEY_MISSING)
		rc = dorn_err_set(err, DORN_ECONFIG, "the audit key (%s) is missing, so the rows "
				  "it signs cannot be verified: restore it from your copy",
				  app->key_path);
	if (!rc)
		rc = dorn_app_audit_head(app, head, err);
	return rc;
}

int dorn_app_audit_head(struct dorn_app *app, struct dorn_audit_anchor *head,
			struct dorn_err *err)
{
	return dorn_store_audit_head(app->st, &head->seq, head->mac, err);
}

int dorn_app_check(struct dorn_app *app, struct dorn_buf *report, int *problems,
		   int *schema, struct dorn_err *err)
{
	struct dorn_err verr;
	long long rows = 0, bad = 0;
	int rc = dorn_store_schema_version(app->st, schema, err);

	if (!rc)
		rc = dorn_store_check(app->st, report, problems, err);
	if (rc)
		return rc;
	if (app->key_state == DORN_KEY_MISSING) {
		(*problems)++;
		dorn_buf_printf(report, "audit key: %s is missing: the log's signed rows cannot "
				"be verified and nothing can be recorded; restore it from your "
				"copy\n", app->key_path);
		return 0;
	}
	dorn_err_clear(&verr);
	rc = dorn_store_audit_verify(app->st, NULL, 0, &rows, &bad, &verr);
	if (rc == DORN_EDATA) {
		(*problems)++;
		dorn_buf_printf(report, "audit: %s\n", verr.msg);
		return 0;
	}
	if (rc) {
		*err = verr;
		return rc;
	}
	return dorn_store_content_check(app->st, report, problems, err);
}

int dorn_app_backup(struct dorn_app *app, const char *dest, struct dorn_err *err)
{
	struct dorn_audit_rec a = { 0 };
	int rc;

	/* The unit's whole database leaving the unit's folder, as the caller's
	 * own file: a supervisor's decision. */
	if (app->shared && (rc = require_supervisor(app, "copy the unit's database", err)))
		return rc;
	rc = dorn_store_backup(app->st, dest, err);

	if (rc)
		return rc;
	/* A backup is a full copy of personal data leaving the database. */
	a.login = app->login;
	a.action = DORN_AUDIT_DISCLOSE;
	a.entity = "database";
	a.recipient = dest;
	a.reason = "backup";
	return dorn_store_audit_alone(app->st, &a, err);
}

/* The unit's folder, files and key, made by root. Each step refuses what
 * it did not make itself rather than take over a file someone placed. */
int dorn_app_init_shared(struct dorn_app *app, const char *dir, const char *group,
			 const char *supervisor, const char *name, int *repaired,
			 struct dorn_err *err)
{
	static const char *const files[] = { "dorn.db", "dorn.db-wal", "dorn.db-shm" };
	struct dorn_staff s = { 0 };
	struct passwd *pw;
	struct stat sb;
	unsigned char key[DORN_KEY_BYTES];
	char path[PATH_MAX], db_id[33];
	long long from = 0;
	unsigned gid;
	int rc, fd, signed_rows = 0;

	*repaired = 0;
	if (geteuid() != 0 || getuid() != 0)
		return dorn_err_set(err, DORN_EPERM, "dorn init --shared sets up the unit's folder "
				    "for everyone, so root runs it: sudo dorn init --shared ...");
	if (*dir != '/' || strlen(dir) > 3000)
		return dorn_err_set(err, DORN_EUSAGE, "the unit's folder must be an absolute "
				    "path, such as %s", dorn_shared_dir());
	snprintf(path, sizeof path, "%s/dorn.db", dir);
	if (lstat(path, &sb) != 0) {
		/* a new unit: its first supervisor */
		if (!supervisor || !valid_login(supervisor) || !(pw = getpwnam(supervisor)))
			return dorn_err_set(err, DORN_EUSAGE, "--supervisor must name an existing "
					    "login on this host, who becomes the unit's first "
					    "supervisor");
		if (pw->pw_uid == 0)
			return dorn_err_set(err, DORN_EUSAGE, "--supervisor must be a person's login, "
					    "not root: root sets the host up but takes no part in "
					    "the unit");
		if (!name || !*name)
			return dorn_err_set(err, DORN_EUSAGE, "--name must give the supervisor's name "
					    "as their notes will show it");
		if (check_name(name, sizeof s.name, "--name", err))
			return err->code;
	}
	rc = dorn_shared_group(group, &gid, err);
	if (rc)
		return rc;
	memset(app->shared_dir, 0, sizeof app->shared_dir);
	snprintf(app->shared_dir, sizeof app->shared_dir, "%s", dir);
	if (mkdir(dir, 02770) != 0 && errno != EEXIST)
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot create %s: %s", dir,
				    strerror(errno));
	if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != 0)
		return dorn_err_set(err, DORN_ECANTCREAT, "%s is not a folder of root's: give "
				    "a path that does not exist yet", dir);
	if (chown(dir, 0, (gid_t)gid) != 0 || chmod(dir, 02770) != 0)
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot set the owner and mode of %s: "
				    "%s", dir, strerror(errno));
	/* The three files exist from the start, root's, so no officer's dorn
	 * ever makes one (the WAL is kept: SQLITE_FCNTL_PERSIST_WAL). Run
	 * again on a folder already set up (say after root used the sqlite3
	 * shell, which removes the WAL when it closes), it puts back what is
	 * missing and sets every owner and mode again, and changes nothing
	 * else. */
	snprintf(path, sizeof path, "%s/dorn.db", dir);
	*repaired = lstat(path, &sb) == 0;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0660);
		if (fd < 0)
			return dorn_err_set(err, DORN_ECANTCREAT, "cannot create %s: %s", path,
					    strerror(errno));
		if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    fchown(fd, 0, (gid_t)gid) != 0 || fchmod(fd, 0660) != 0) {
			close(fd);
			return dorn_err_set(err, DORN_ECANTCREAT, "cannot set the owner of %s: %s",
					    path, strerror(errno));
		}
		close(fd);
	}
	if (*repaired) {
		snprintf(path, sizeof path, "%s/audit.key", dir);
		if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
			return dorn_err_set(err, DORN_ECONFIG, "%s is missing: restore it from your "
					    "copy (without it the unit's log cannot be verified or "
					    "written)", path);
		if (chown(path, 0, (gid_t)gid) != 0 || chmod(path, 0640) != 0)
			return dorn_err_set(err, DORN_ECANTCREAT, "cannot set the owner of %s: %s",
					    path, strerror(errno));
		return 0;
	}
	snprintf(app->db_path, sizeof app->db_path, "%s/dorn.db", dir);
	snprintf(app->login, sizeof app->login, "root");
	rc = dorn_store_open(&app->st, app->db_path, DORN_STORE_CREATE,
			     app->cfg.busy_timeout_ms, err);
	if (!rc)
		rc = dorn_store_key_info(app->st, db_id, &from, &signed_rows, err);
	if (rc)
		goto out;
	app->shared = 1;
	snprintf(app->key_path, sizeof app->key_path, "%s/audit.key", dir);
	rc = app_key_write(app->key_path, 1, db_id, from, key, err);
	if (!rc && chown(app->key_path, 0, (gid_t)gid) != 0)
		rc = dorn_err_set(err, DORN_ECANTCREAT, "cannot set the owner of %s: %s",
				  app->key_path, strerror(errno));
	if (rc)
		goto out;
	dorn_store_set_key(app->st, key);
	memset(key, 0, sizeof key);
	rc = dorn_store_audit_seal(app->st, "root", err);
	if (rc)
		goto out;
	snprintf(s.login, sizeof s.login, "%s", supervisor);
	snprintf(s.name, sizeof s.name, "%s", name);
	s.role = DORN_ROLE_SUPERVISOR;
	s.active = 1;
	rc = dorn_store_staff_add(app->st, &s, "root", err);
out:
	dorn_store_close(app->st);
	app->st = NULL;
	/* SQLite made nothing new (the files were there); make sure of their
	 * owner and mode whatever it did. */
	for (size_t i = 0; !rc && i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (chown(path, 0, (gid_t)gid) != 0 || chmod(path, 0660) != 0)
			rc = dorn_err_set(err, DORN_ECANTCREAT, "cannot set the owner of %s: %s",
					  path, strerror(errno));
	}
	return rc;
}

int dorn_app_readonly(const struct dorn_app *app)
{
	return app->st && dorn_store_readonly(app->st);
}
