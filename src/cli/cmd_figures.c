/* dorn figures: the unit's figures as a table with bars, CSV, JSON or a
 * one-page PDF for a unit meeting. The table gives exact counts (the
 * unit's own view, on its own screen); CSV, JSON and the PDF are what
 * leave the unit, so they hide small counts as [figures] suppress_below
 * says. --out writes the output to a file, whole; a PDF goes only there
 * (never to a terminal). */
#include <getopt.h>
#include <stdio.h>

#include "dorn/figures.h"
#include "dorn/urn.h"
#include "priv.h"

/* The table is as wide as a terminal must be for dorn: it reads the same
 * in a pipe, a file and an email. */
#define FIGURES_WIDTH 80

static int date_opt(const char *opt, const char *arg, char out[11])
{
	struct dorn_date d;
	struct dorn_err err;

	dorn_err_clear(&err);
	if (dorn_date_parse(arg, &d, &err))
		return cli_usage("figures", "%s: %s", opt, err.msg);
	dorn_date_iso(&d, out);
	return 0;
}

int cmd_figures(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'F' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct dorn_figures_query q = { 0 };
	struct dorn_figures f;
	enum cli_format fmt = CLI_TABLE;
	struct dorn_buf out;
	struct dorn_err err;
	char from[11] = "", to[11] = "";
	const char *path = NULL;
	int opt, rc = 0;

	dorn_err_clear(&err);
	while ((opt = cli_next_opt("figures", argc, argv, longopts, &rc)) != -1) {
		switch (opt) {
		case -2:
			return rc;
		case 'f':
			if ((rc = date_opt("--from", optarg, from)))
				return rc;
			break;
		case 't':
			if ((rc = date_opt("--to", optarg, to)))
				return rc;
			break;
		case 'b':
			q.by = dorn_fig_by_of(optarg);
			if (q.by < 0)
				return cli_usage("figures", "--by must be month, offence, officer or "
						 "unit, not '%.20s'", optarg);
			break;
		case 'o':
			if (!*optarg)
				return cli_usage("figures", "--out needs the path of a file");
			path = optarg;
			break;
		default:
			if ((rc = cli_format_opt("figures", optarg, CLI_LISTS | (1u << CLI_PDF),
						 &fmt)))
				return rc;
			break;
		}
	}
	if (optind < argc)
		return cli_usage("figures", "unexpected argument '%.40s'", argv[optind]);
	if (fmt == CLI_PDF && !path)
		return cli_usage("figures", "--format pdf needs --out FILE: a PDF is written to "
				 "a file, not to standard output");
	q.from = from;
	q.to = to;
	/* Writable when it can be, so an older database is brought up to
	 * date (its figures filled in) as any command does; nothing is written. */
	rc = cli_open(c, DORN_APP_MAY_READ | DORN_APP_FORCE);
	if (rc)
		return rc;
	rc = dorn_app_figures(&c->app, &q, &f, &err);
	if (rc)
		return cli_fail(&err);
	dorn_buf_init(&out);
	if (fmt == CLI_PDF) {
		/* its own message: a missing font is the configuration's (78) */
		rc = dorn_app_figures_pdf(&c->app, &f, &out, &err);
	} else {
		if (fmt == CLI_CSV)
			rc = dorn_figures_csv(&f, c->app.cfg.figures_suppress_below, &out);
		else if (fmt == CLI_JSON)
			rc = dorn_app_figures_json(&c->app, &f, &out);
		else
			rc = dorn_figures_table(&f, FIGURES_WIDTH, c->app.cfg.ascii,
						c->app.cfg.figures_suppress_below, &out);
		if (rc || out.oom)
			rc = dorn_err_set(&err, DORN_ENOMEM, "out of memory writing the figures");
	}
	dorn_figures_fini(&f);
	if (!rc && path)
		rc = cli_write_file(path, out.p, out.len, &err);
	else if (!rc && (fwrite(dorn_buf_str(&out), 1, out.len, stdout) != out.len ||
			 fflush(stdout) != 0))
		rc = dorn_err_set(&err, DORN_EIO, "cannot write the figures to standard output");
	dorn_buf_fini(&out);
	return rc ? cli_fail(&err) : 0;
}
