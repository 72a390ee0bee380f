/* The foundation's subcommands: init, staff, audit, check, backup. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dorn/text.h"
#include "dorn/urn.h"
#include "priv.h"

/* dorn init on a terminal: the supervisor's name, asked on standard error
 * and read from standard input. */
static int ask_name(void *ctx, const char *suggest, char *out, size_t n)
{
	char shown[256];
	size_t len;

	(void)ctx;
	if (suggest) {
		/* From the password file (app strips it too): never raw. */
		snprintf(shown, sizeof shown, "%s", suggest);
		dorn_text_mask(shown);
		fprintf(stderr, "Your name, as your approvals will show it [%s]: ", shown);
	} else {
		fprintf(stderr, "Your name, as your approvals will show it "
			"(for example Jo Bloggs): ");
	}
	fflush(stderr);
	if (!fgets(out, (int)n, stdin)) {
		fputc('\n', stderr);
		return -1;
	}
	len = strcspn(out, "\n");
	if (out[len] != '\n' && !feof(stdin)) {
		int ch;

		/* Longer than a name can be: the rest of the line goes too. */
		while ((ch = getchar()) != EOF && ch != '\n')
			;
	}
	out[len] = '\0';
	return 0;
}

int cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "name", required_argument, NULL, 'n' },
		{ "shared", no_argument, NULL, 's' },
		{ "supervisor", required_argument, NULL, 'S' },
		{ "group", required_argument, NULL, 'g' },
		{ "server", required_argument, NULL, 'V' },
		{ "unit", required_argument, NULL, 'u' },
		{ "unit-name", required_argument, NULL, 'U' },
		{ NULL, 0, NULL, 0 },
	};
	struct dorn_init_name who = { 0 };
	struct dorn_err err;
	const char *supervisor = NULL, *group = "dorn", *server = NULL, *unit = NULL;
	const char *unit_name = NULL;
	int opt, quiet = 0, created = 0, rc = 0, shared = 0, repaired = 0;

	while ((opt = cli_next_opt("init", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'n')
			who.name = optarg;
		else if (opt == 's')
			shared = 1;
		else if (opt == 'S')
			supervisor = optarg;
		else if (opt == 'g')
			group = optarg;
		else if (opt == 'V')
			server = optarg;
		else if (opt == 'u')
			unit = optarg;
		else if (opt == 'U')
			unit_name = optarg;
		else
			quiet = 1;
	}
	if (server) {
		if (shared || optind < argc)
			return cli_usage("init", "'init --server URL' takes no folder and no "
					 "--shared");
		if (!unit || !supervisor)
			return cli_usage("init", "--server needs --unit CODE and --supervisor LOGIN "
					 "(with --name NAME): the first unit and its first "
					 "supervisor");
		dorn_err_clear(&err);
		if (dorn_app_init_server(server, unit, unit_name, supervisor, who.name, &err))
			return cli_fail(&err);
		if (!quiet)
			cli_say(stdout, "Made dorn's schema on the server, with the roles dorn_owner, "
				"dorn_officer, dorn_supervisor and dorn_force, unit %s and %s as its "
				"first supervisor. Staff connect as their own database login; see "
				"dorn-server(7).", unit, supervisor);
		return 0;
	}
	if (unit || unit_name)
		return cli_usage("init", "--unit and --unit-name are for 'dorn init --server URL'");
	if (shared) {
		const char *dir = optind < argc ? argv[optind++] : dorn_shared_dir();

		if (optind < argc)
			return cli_usage("init", "'init --shared' takes one folder, but was also "
					 "given '%.40s'", argv[optind]);
		if (c->opts.db_path || c->opts.as_login)
			return cli_usage("init", "--shared makes the unit's database in its folder: "
					 "leave out --db and --as");
		if (!supervisor && access(dir, F_OK) != 0)
			return cli_usage("init", "--shared needs --supervisor LOGIN and --name NAME: "
					 "the unit's first supervisor");
		dorn_err_clear(&err);
		if (dorn_app_init_shared(&c->app, dir, group, supervisor, who.name, &repaired,
					 &err))
			return cli_fail(&err);
		if (repaired) {
			printf("%s was set up already: its files are back as they should be "
			       "(root's, group %s); nothing else was changed.\n", dir, group);
			return 0;
		}
		printf("Set up %s for the unit: the database, its audit key (%s/audit.key) and "
		       "%s as first supervisor.\n", dir, dir, supervisor);
		if (strcmp(dir, dorn_shared_dir()) != 0)
			printf("This dorn was built for %s: build and install it with\n"
			       "  make SHAREDDIR=%s install-shared\n", dorn_shared_dir(), dir);
		printf("Keep a copy of %s/audit.key somewhere safe and apart from the "
		       "database's backups.\n", dir);
		return 0;
	}
	if (supervisor)
		return cli_usage("init", "--supervisor is for 'dorn init --shared'");
	if (optind < argc)
		return cli_usage("init", "'init' takes no arguments, but was given '%.40s'",
				 argv[optind]);
	/* Asked only on a terminal, and only when the database is new. */
	if (!who.name && isatty(STDIN_FILENO) && isatty(STDERR_FILENO))
		who.ask = ask_name;
	dorn_err_clear(&err);
	if (dorn_app_init_named(&c->app, &c->opts, &who, &created, &err))
		return cli_fail(&err);
	if (created)
		cli_say(stdout, "Created %s; %s (%s) is registered as supervisor.",
			c->app.db_path, c->app.me.login, c->app.me.name);
	else if (!quiet)
		cli_say(stdout, "%s is ready; you are registered as %s (%s).", c->app.db_path,
			c->app.me.login, dorn_role_word(c->app.me.role));
	if (created && who.bare_login)
		cli_say(stderr, "dorn: no name was given and none could be asked: '%s' is "
			"registered under its login, so approvals will read \"approved by "
			"%s\". Give a name with: dorn init --name \"Your Name\" (on a new "
			"database).", c->app.me.login, c->app.me.name);
	else if (!created && who.name && strcmp(who.name, c->app.me.name) != 0)
		cli_say(stderr, "dorn: --name was not used: the database is set up "
			"already and %s is registered as %s.", c->app.me.login,
			c->app.me.name);
	return 0;
}

static int staff_row(const struct dorn_staff *s, void *ctx)
{
	const char *v[5] = { s->login, s->name, dorn_role_word(s->role),
			     s->active ? "yes" : "no", s->contact };

	cli_out_row(ctx, v);
	return 0;
}

static int staff_list(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct cli_col cols[] = {
		{ "login", 0, 1, 0 }, { "name", 0, 1, 0 }, { "role", 0, 1, 0 }, { "active", 0, 1, 0 },
		{ "contact", 0, 1, 0 },
	};
	enum cli_format fmt = CLI_TABLE;
	struct cli_out out;
	struct dorn_err err;
	int opt, rc = 0;

	while ((opt = cli_next_opt("staff", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if ((rc = cli_format_opt("staff", optarg, CLI_LISTS, &fmt)))
			return rc;
	}
	if (optind < argc)
		return cli_usage("staff", "unexpected argument '%.40s'", argv[optind]);
	rc = cli_open(c, DORN_APP_READ);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	cli_out_begin(&out, fmt, stdout, cols, sizeof cols / sizeof cols[0]);
	rc = dorn_app_staff_each(&c->app, staff_row, &out, &err);
	if (cli_out_end(&out) && !rc)
		rc = dorn_err_set(&err, DORN_EIO, "cannot write the list to standard output");
	return rc ? cli_fail(&err) : 0;
}

static int staff_add(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "contact", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *role = NULL, *login = NULL, *contact = NULL;
	struct dorn_err err;
	int opt, rc = 0, r;

	while ((opt = cli_next_opt("staff", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'n')
			name = optarg;
		else if (opt == 'c')
			contact = optarg;
		else
			role = optarg;
	}
	if (optind >= argc)
		return cli_usage("staff", "'staff add' needs the person's LOGIN");
	login = argv[optind++];
	if (optind < argc)
		return cli_usage("staff", "unexpected argument '%.40s'", argv[optind]);
	if (!name || !role)
		return cli_usage("staff", "'staff add' needs --name NAME and --role "
			       "officer|supervisor");
	r = dorn_role_of(role);
	if (r < 0)
		return cli_usage("staff", "--role must be officer or supervisor, not '%.20s'",
				 role);
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_staff_add(&c->app, login, name, r, contact, &err))
		return cli_fail(&err);
	cli_say(stdout, "Added %s (%s) as %s.", login, name, role);
	return 0;
}

/* staff role LOGIN ROLE | deactivate LOGIN | activate LOGIN */
static int staff_change(struct cli *c, const char *what, int argc, char **argv)
{
	struct dorn_err err;
	int rc, role = -1, want = strcmp(what, "role") == 0 ? 3 : 2;

	if (argc != want)
		return cli_usage("staff", want == 3 ? "'staff role' needs LOGIN and officer or "
				 "supervisor" : "'staff %s' needs one LOGIN", what);
	if (want == 3) {
		role = dorn_role_of(argv[2]);
		if (role < 0)
			return cli_usage("staff", "the role must be officer or supervisor, not "
					 "'%.20s'", argv[2]);
	}
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (want == 3)
		rc = dorn_app_staff_set_role(&c->app, argv[1], role, &err);
	else
		rc = dorn_app_staff_set_active(&c->app, argv[1], strcmp(what, "activate") == 0,
					       &err);
	if (rc)
		return cli_fail(&err);
	if (want == 3)
		cli_say(stdout, "%s is now %s.", argv[1], argv[2]);
	else
		cli_say(stdout, "%s is %s.", argv[1],
			strcmp(what, "activate") == 0 ? "active again" : "deactivated");
	return 0;
}

/* staff contact LOGIN TEXT: the direct phone or email on their notes. */
static int staff_contact(struct cli *c, int argc, char **argv)
{
	struct dorn_err err;
	int rc;

	if (argc != 3)
		return cli_usage("staff", "'staff contact' needs LOGIN and the contact details, "
				 "for example \"01632 960 123, a.jones@example.police.uk\"");
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_staff_set_contact(&c->app, argv[1], argv[2], &err))
		return cli_fail(&err);
	cli_say(stdout, "%s's contact details are recorded.", argv[1]);
	return 0;
}

int cmd_staff(struct cli *c, int argc, char **argv)
{
	cli_reset_getopt();
	if (argc < 2)
		return cli_usage("staff", "'staff' needs add, list, role, contact, deactivate or "
				 "activate");
	if (strcmp(argv[1], "contact") == 0)
		return staff_contact(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "add") == 0)
		return staff_add(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return staff_list(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "role") == 0 || strcmp(argv[1], "deactivate") == 0 ||
	    strcmp(argv[1], "activate") == 0)
		return staff_change(c, argv[1], argc - 1, argv + 1);
	return cli_usage("staff", "unknown 'staff' command '%.40s': use add, list, role, "
			 "contact, deactivate or activate", argv[1]);
}

static int audit_row(const struct dorn_audit_row *r, void *ctx)
{
	char seq[24], id[24];
	const char *v[12];

	snprintf(seq, sizeof seq, "%lld", r->seq);
	snprintf(id, sizeof id, "%lld", r->entity_id);
	v[0] = seq;
	v[1] = r->time;
	v[2] = r->login;
	v[3] = r->action;
	v[4] = r->entity;
	v[5] = id;
	v[6] = r->recipient;
	v[7] = r->reason;
	v[8] = r->detail;
	v[9] = r->digest;
	v[10] = r->prev_hash;
	v[11] = r->hash;
	cli_out_row(ctx, v);
	return 0;
}

int cmd_audit(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "verify", no_argument, NULL, 'v' },
		{ "anchor", required_argument, NULL, 'a' },
		{ "since", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct cli_col cols[] = {
		{ "seq", 1, 1, 0 },       { "time", 0, 1, 0 },      { "login", 0, 1, 0 },
		{ "action", 0, 1, 0 },    { "entity", 0, 1, 0 },    { "entity_id", 1, 1, 0 },
		{ "recipient", 0, 1, 0 }, { "reason", 0, 1, 0 },    { "detail", 0, 0, 0 },
		{ "digest", 0, 0, 0 },    { "prev_hash", 0, 0, 0 }, { "hash", 0, 0, 0 },
	};
	enum cli_format fmt = CLI_TABLE;
	struct dorn_date d;
	struct dorn_err err;
	struct cli_out out;
	struct dorn_audit_anchor anchors[16], head;
	size_t nanchors = 0;
	char since[11] = "";
	long long rows = 0, bad = 0;
	int opt, rc = 0, verify = 0, head_only = 0;

	dorn_err_clear(&err);
	if (argc > 1 && strcmp(argv[1], "head") == 0) {
		head_only = 1;
		argc--;
		argv++;
	}
	while ((opt = cli_next_opt("audit", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'v') {
			verify = 1;
		} else if (opt == 'a') {
			if (nanchors == sizeof anchors / sizeof anchors[0])
				return cli_usage("audit", "at most %zu --anchor", nanchors);
			if (dorn_audit_anchor_parse(optarg, &anchors[nanchors], &err))
				return cli_usage("audit", "--anchor: %s", err.msg);
			nanchors++;
		} else if (opt == 's') {
			if (dorn_date_parse(optarg, &d, &err))
				return cli_usage("audit", "--since: %s", err.msg);
			dorn_date_iso(&d, since);
		} else if ((rc = cli_format_opt("audit", optarg, CLI_LISTS, &fmt))) {
			return rc;
		}
	}
	if (optind < argc)
		return cli_usage("audit", "unexpected argument '%.40s'", argv[optind]);
	if (nanchors && !verify)
		return cli_usage("audit", "--anchor is checked by --verify: add --verify");
	if (head_only && (verify || *since || fmt != CLI_TABLE))
		return cli_usage("audit", "'audit head' takes no options");
	rc = cli_open(c, DORN_APP_READ);
	if (rc)
		return rc;
	if (head_only) {
		rc = dorn_app_audit_head(&c->app, &head, &err);
		if (rc)
			return cli_fail(&err);
		printf("%lld:%s\n", head.seq, head.mac);
		return 0;
	}
	if (verify) {
		rc = dorn_app_audit_verify(&c->app, anchors, nanchors, &rows, &bad, &head, &err);
		if (rc)
			return cli_fail(&err);
		printf("Audit log verified: %lld row%s, chain intact", rows, rows == 1 ? "" : "s");
		if (nanchors)
			printf(", %zu anchor%s held", nanchors, nanchors == 1 ? "" : "s");
		printf(".\nHead: %lld:%s\n", head.seq, head.mac);
		return 0;
	}
	cli_out_begin(&out, fmt, stdout, cols, sizeof cols / sizeof cols[0]);
	rc = dorn_app_audit_each(&c->app, *since ? since : NULL, audit_row, &out, &err);
	if (cli_out_end(&out) && !rc)
		rc = dorn_err_set(&err, DORN_EIO, "cannot write the log to standard output");
	return rc ? cli_fail(&err) : 0;
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	struct dorn_buf report;
	struct dorn_err err, data_err;
	enum dorn_datadir_from from;
	const char *datadir;
	int rc, problems = 0, version = 0, data_rc;

	(void)argv;
	if (argc > 1)
		return cli_usage("check", "'check' takes no arguments");
	/* Root looks after a unit's host without taking part in the unit:
	 * the check shows no one's details, so root needs no staff record. */
	rc = cli_open(c, DORN_APP_READ | (getuid() == 0 ? DORN_APP_NO_STAFF : 0));
	if (rc)
		return rc;
	dorn_buf_init(&report);
	dorn_err_clear(&err);
	cli_say(stdout, "Configuration: %s: ok",
		*c->app.cfg.source ? c->app.cfg.source : "built-in defaults");
	/* Which data folder, and why: from a build tree it is not the
	 * installed one, and a wrong DORN_DATADIR is easy to miss. */
	dorn_err_clear(&data_err);
	datadir = dorn_config_datadir_from(&from);
	data_rc = dorn_config_datadir_check(&data_err);
	if (data_rc)
		printf("Data folder: none found\n");
	else
		cli_say(stdout, "Data folder: %s (%s)", datadir, dorn_config_datadir_how(from));
	rc = dorn_app_check(&c->app, &report, &problems, &version, &err);
	if (rc) {
		dorn_buf_fini(&report);
		return cli_fail(&err);
	}
	cli_say(stdout, "Database: %s (schema %d)", c->app.db_path, version);
	if (problems) {
		/* SQLite's own words may name what a damaged file holds. */
		if (report.p)
			report.len = dorn_text_strip(report.p, DORN_TEXT_KEEP_NEWLINE);
		fputs(dorn_buf_str(&report), stdout);
		cli_say(stderr, "dorn: %d problem%s found in %s: restore it from a backup, "
				"or ask for help with the lines above",
			problems, problems == 1 ? "" : "s", c->app.db_path);
	} else {
		printf("Integrity: ok\nForeign keys: ok\nAudit chain: ok (key %s)\n"
		       "Content: every case, note and staff record matches the audit log\n",
		       c->app.key_path);
	}
	dorn_buf_fini(&report);
	if (problems)
		return 65;
	/* The database was still checked; the data folder is said last. */
	return data_rc ? cli_fail(&data_err) : 0;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	struct dorn_err err;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("backup", "'backup' needs one FILE to write, which must "
				 "not exist yet");
	/* On a server whoever asks (its administrator too) is told how it is
	 * backed up there, pg_dump, whether or not they are staff (64). */
	rc = cli_open(c, DORN_APP_FORCE);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_backup(&c->app, argv[1], &err))
		return cli_fail(&err);
	cli_say(stdout, "Backed up %s to %s.", c->app.db_path, argv[1]);
	return 0;
}
