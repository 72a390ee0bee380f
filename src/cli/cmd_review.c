/* Subcommands for review: submit, review list|approve|return. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/urn.h"
#include "priv.h"

int cmd_submit(struct cli *c, int argc, char **argv)
{
	struct dorn_note n;
	struct dorn_err err;
	char shown[18], urn[DORN_URN_MAX];
	int rc;

	(void)argv;
	if (argc != 2)
		return cli_usage("submit", "'submit' needs one URN, for example 01/AB/12345/26");
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_submit(&c->app, argv[1], &n, &err))
		return cli_fail(&err);
	if (dorn_urn_parse(argv[1], urn, NULL) == 0)
		dorn_urn_display(urn, shown);
	else
		snprintf(shown, sizeof shown, "the case");
	printf("Submitted %s as version %d: a supervisor will review it.\n", shown, n.version);
	dorn_note_fini(&n);
	return 0;
}

static int review_list(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct cli_col cols[] = {
		{ "urn", 0, 1, 0 },          { "version", 1, 1, 0 },      { "officer", 0, 1, 0 },
		{ "officer_login", 0, 0, 0 }, { "submitted", 0, 0, 0 },   { "waiting_days", 1, 1, 0 },
		{ "due_date", 0, 1, 0 },     { "days_left", 1, 1, 0 },    { "urgency", 0, 1, 0 },
		{ "you_wrote", 0, 1, 0 },
	};
	struct dorn_queue_row *rows = NULL;
	enum cli_format fmt = CLI_TABLE;
	struct cli_out out;
	struct dorn_err err;
	size_t n = 0;
	int opt, rc = 0;

	while ((opt = cli_next_opt("review", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if ((rc = cli_format_opt("review", optarg, CLI_LISTS, &fmt)))
			return rc;
	}
	if (optind < argc)
		return cli_usage("review", "unexpected argument '%.40s'", argv[optind]);
	rc = cli_open(c, DORN_APP_MAY_READ);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_review_queue(&c->app, &rows, &n, &err))
		return cli_fail(&err);
	cli_out_begin(&out, fmt, stdout, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < n; i++) {
		const struct dorn_queue_row *r = &rows[i];
		char shown[18], ver[16], wait[24], left[24];
		const char *v[10];

		dorn_urn_display(r->urn, shown);
		snprintf(ver, sizeof ver, "%d", r->version);
		snprintf(wait, sizeof wait, "%ld", r->waiting_days);
		snprintf(left, sizeof left, "%ld", r->due.days_left);
		v[0] = fmt == CLI_TABLE ? shown : r->urn;
		v[1] = ver;
		v[2] = r->author_name;
		v[3] = r->author;
		v[4] = r->submitted;
		v[5] = wait;
		v[6] = r->due.date;
		v[7] = *r->due.date ? left : "";
		v[8] = r->due.urgent ? "URGENT" : r->due.passed ? "PASSED" : "";
		/* an author cannot review it: another supervisor must */
		v[9] = r->yours ? "yes" : "";
		cli_out_row(&out, v);
	}
	free(rows);
	if (cli_out_end(&out))
		return cli_fail(&(struct dorn_err){ DORN_EIO, "cannot write the queue" });
	return 0;
}

static int review_act(struct cli *c, int approve, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "comment", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *comment = NULL, *urn, *what = approve ? "approve" : "return";
	struct dorn_err err;
	int opt, rc = 0;

	while ((opt = cli_next_opt("review", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		comment = optarg;
	}
	if (optind != argc - 1)
		return cli_usage("review", "'review %s' needs one URN", what);
	urn = argv[optind];
	if (!approve && (!comment || !*comment))
		return cli_usage("review", "'review return' needs --comment saying what to change");
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_review(&c->app, urn, approve, comment, &err))
		return cli_fail(&err);
	printf("%s the note for %s.\n", approve ? "Approved" : "Returned", urn);
	return 0;
}

int cmd_review(struct cli *c, int argc, char **argv)
{
	cli_reset_getopt();
	if (argc < 2)
		return cli_usage("review", "'review' needs list, approve or return");
	if (strcmp(argv[1], "list") == 0)
		return review_list(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "approve") == 0)
		return review_act(c, 1, argc - 1, argv + 1);
	if (strcmp(argv[1], "return") == 0)
		return review_act(c, 0, argc - 1, argv + 1);
	return cli_usage("review", "unknown 'review' command '%.40s': use list, approve or return",
			 argv[1]);
}
