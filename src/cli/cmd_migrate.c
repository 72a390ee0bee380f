/* dorn migrate --to URL: the unit's file moved to the force's server, by
 * its database administrator (dorn-server(7)). What moved is said table
 * by table, and the audit chain's verification on both sides. */
#include <getopt.h>
#include <stdio.h>

#include "priv.h"

int cmd_migrate(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "unit", required_argument, NULL, 'u' },
		{ "key", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	struct dorn_migrate_result res;
	struct dorn_err err;
	const char *to = NULL, *unit = NULL;
	int opt, rc = 0;

	while ((opt = cli_next_opt("migrate", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 't')
			to = optarg;
		else if (opt == 'u')
			unit = optarg;
		else
			c->opts.key_file = optarg;
	}
	if (optind < argc)
		return cli_usage("migrate", "unexpected argument '%.40s'", argv[optind]);
	if (!to || !*to)
		return cli_usage("migrate", "migrate needs --to URL: the server's database, made "
				 "by 'dorn init --server URL'");
	if (c->opts.as_login)
		return cli_usage("migrate", "--as has no place in a move: run it as yourself, the "
				 "database administrator");
	dorn_err_clear(&err);
	if (dorn_app_migrate(&c->app, &c->opts, to, unit, &res, &err))
		return cli_fail(&err);
	cli_say(stdout, "Moved %s to %s, unit %s:", c->app.db_path, res.server, res.unit);
	cli_say(stdout, "  %s", res.tables);
	if (res.roles_made)
		printf("  %d staff login%s made as database role%s (no password: see "
		       "dorn-server(7) for how they connect)\n", res.roles_made,
		       res.roles_made == 1 ? "" : "s", res.roles_made == 1 ? "" : "s");
	printf("audit chain: %lld row%s verify on both sides (the last, row %lld: %.16s...)\n",
	       res.audit_rows, res.audit_rows == 1 ? "" : "s", res.head_seq, res.head_hash);
	if (res.recorded)
		printf("The file's audit log records the move (row %lld). The server holds the "
		       "audit key now.\n", res.recorded);
	else
		cli_say(stderr, "dorn: %s is read-only for you, so its audit log does not record "
			"the move", c->app.db_path);
	printf("From now on the unit works on the server: set [database] url in dorn.ini "
	       "(dorn.ini(5)), and keep the file only as a record of what moved.\n");
	return 0;
}
