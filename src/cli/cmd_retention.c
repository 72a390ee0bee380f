/* Subcommands for retention and erasure: retention [--due], retention
 * extend, erase. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dorn/urn.h"
#include "priv.h"

static int retention_list(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "due", no_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct cli_col cols[] = {
		{ "urn", 0, 1, 0 },       { "review_date", 0, 1, 0 }, { "days_left", 1, 1, 0 },
		{ "due", 0, 1, 0 },       { "rule", 0, 0, 0 },        { "retain_until", 0, 0, 0 },
		{ "why", 0, 1, 0 },
	};
	struct dorn_retention_row *rows = NULL;
	enum cli_format fmt = CLI_TABLE;
	struct dorn_date d;
	struct cli_out out;
	struct dorn_err err;
	char today[11];
	size_t n = 0;
	int opt, rc = 0, due_only = 0;

	while ((opt = cli_next_opt("retention", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'd')
			due_only = 1;
		else if ((rc = cli_format_opt("retention", optarg, CLI_LISTS, &fmt)))
			return rc;
	}
	if (optind < argc)
		return cli_usage("retention", "unexpected argument '%.40s'", argv[optind]);
	rc = cli_open(c, DORN_APP_MAY_READ);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_retention_list(&c->app, due_only, &rows, &n, &err))
		return cli_fail(&err);
	dorn_date_from_days(c->app.today, &d);
	dorn_date_iso(&d, today);
	/* Like every JSON document of dorn's, it says its shape's version. */
	if (fmt == CLI_JSON)
		printf("{\n\"schema\": %d,\n\"today\": \"%s\",\n\"due_only\": %s,\n\"cases\": ",
		       dorn_app_json_schema(), today, due_only ? "true" : "false");
	cli_out_begin(&out, fmt, stdout, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < n; i++) {
		const struct dorn_retention_row *r = &rows[i];
		char shown[18], left[24];
		const char *v[7];

		dorn_urn_display(r->urn, shown);
		snprintf(left, sizeof left, "%ld", r->days_left);
		v[0] = fmt == CLI_TABLE ? shown : r->urn;
		v[1] = r->review.date;
		v[2] = left;
		v[3] = r->due ? "yes" : "no";
		v[4] = dorn_name(&dorn_retention_rule_names, r->review.rule);
		v[5] = r->retain_until;
		v[6] = r->review.why;
		cli_out_row(&out, v);
	}
	free(rows);
	rc = cli_out_end(&out);
	if (fmt == CLI_JSON)
		printf("}\n");
	if (rc || fflush(stdout))
		return cli_fail(&(struct dorn_err){ DORN_EIO, "cannot write the list" });
	/* The reading is recorded: what was listed, how many rows. */
	if (dorn_app_retention_consult(&c->app, due_only, out.rows, &err))
		return cli_fail(&err);
	return 0;
}

static int retention_extend(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "until", required_argument, NULL, 'u' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct dorn_retention_row row;
	struct dorn_err err;
	const char *until = NULL, *reason = NULL;
	char shown[18], d[32];
	int opt, rc = 0;

	while ((opt = cli_next_opt("retention", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'u')
			until = optarg;
		else
			reason = optarg;
	}
	if (optind != argc - 1)
		return cli_usage("retention", "'retention extend' needs one URN, for example "
				 "01/AB/12345/26");
	if (!until || !*until)
		return cli_usage("retention", "'retention extend' needs --until DATE: until when "
				 "the case is kept");
	if (!reason || !*reason)
		return cli_usage("retention", "'retention extend' needs --reason TEXT: why the "
				 "case is kept, for the audit log");
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_retention_extend(&c->app, argv[optind], until, reason, &row, &err))
		return cli_fail(&err);
	dorn_urn_display(row.urn, shown);
	dorn_date_long(row.review.date, d);
	if (row.review.rule == DORN_RETAIN_KEPT)
		cli_say(stdout, "Case %s is kept until %s: its retention review is due then (%s).",
			shown, d, row.review.why);
	else
		cli_say(stdout, "Case %s is kept until %s as asked, but the rules keep it longer: "
			"its retention review is due on %s (%s).", shown, until, d,
			row.review.why);
	return 0;
}

int cmd_retention(struct cli *c, int argc, char **argv)
{
	cli_reset_getopt();
	if (argc >= 2 && strcmp(argv[1], "extend") == 0)
		return retention_extend(c, argc - 1, argv + 1);
	return retention_list(c, argc, argv);
}

/* The URN typed back on the terminal: 1 when it is the plan's. */
static int confirmed(const struct dorn_erase_plan *p)
{
	char line[128], urn[DORN_URN_MAX], shown[18];
	size_t n;

	dorn_urn_display(p->urn, shown);
	fprintf(stderr, "Erasing %s removes its victim, concern, items, outcome and every "
		"note version for good.\nType the URN (%s) to erase it, or anything else to "
		"keep it: ", shown, shown);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin))
		return 0;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	return dorn_urn_parse(line, urn, NULL) == 0 && strcmp(urn, p->urn) == 0;
}

static void say_counts(const char *shown, const struct dorn_erased *e)
{
	printf("Erased %s: %lld item%s, %lld note version%s, %s victim, %s concern, %s "
	       "outcome.\n",
	       shown, e->items, e->items == 1 ? "" : "s", e->notes, e->notes == 1 ? "" : "s",
	       e->victim ? "the" : "no", e->concern ? "the" : "no", e->outcome ? "the" : "no");
	printf("The audit log keeps one erase row with a keyed hash of the URN and these "
	       "counts, nothing of the case; the unit's figures keep it without its "
	       "details.\n");
}

int cmd_erase(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "early", no_argument, NULL, 'e' },
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	struct dorn_erase_plan plan;
	struct dorn_erase_done done;
	struct dorn_err err;
	const char *reason = NULL;
	char shown[18];
	int opt, rc = 0, early = 0, yes = 0;

	while ((opt = cli_next_opt("erase", argc, argv, longopts, &rc)) != -1) {
		switch (opt) {
		case -2: return rc;
		case 'r': reason = optarg; break;
		case 'e': early = 1; break;
		case 'y': yes = 1; break;
		}
	}
	if (optind != argc - 1)
		return cli_usage("erase", "'erase' needs one URN, for example 01/AB/12345/26");
	if (!reason || !*reason)
		return cli_usage("erase", "'erase' needs --reason TEXT: why the case is erased, "
				 "for the audit log (without naming the case or anyone in it)");
	if (!yes && !isatty(STDIN_FILENO))
		return cli_usage("erase", "'erase' asks you to type the URN back on a terminal; "
				 "in a script, give --yes");
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_erase_plan(&c->app, argv[optind], early, reason, &plan, &err))
		return cli_fail(&err);
	dorn_urn_display(plan.urn, shown);
	/* dorn cannot reach the case file: say what stays there. */
	if (plan.nfiles) {
		printf("These exported files are outside dorn, in the case file, and stay there "
		       "after %s is erased:\n", shown);
		for (size_t i = 0; i < plan.nfiles; i++)
			cli_say(stdout, "  %s", plan.files[i]);
		fflush(stdout);
	}
	if (!yes && !confirmed(&plan)) {
		dorn_erase_plan_fini(&plan);
		cli_say(stderr, "dorn: the URN typed back was not %s: nothing was erased", shown);
		return dorn_err_exit_code(DORN_ERULE);
	}
	dorn_erase_plan_fini(&plan);
	if (dorn_app_erase(&c->app, argv[optind], early, reason, &done, &err))
		return cli_fail(&err);
	say_counts(shown, &done.counts);
	if (done.wal_busy)
		cli_say(stderr, "dorn: another dorn is reading the database, so its write-ahead "
			"log (%s-wal) still holds earlier pages of the case: it is emptied when "
			"the last dorn using the database closes", c->app.db_path);
	return 0;
}
