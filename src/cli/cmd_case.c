/* Subcommands for cases: import, show, note, list. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/json.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "priv.h"

/* Text from the database on its way to a terminal: never a control
 * character, whatever got into the file. */
static void out_text(const char *s, int keep_newline)
{
	char *c = strdup(s ? s : "");

	if (!c)
		return;
	dorn_text_strip(c, keep_newline ? DORN_TEXT_KEEP_NEWLINE : 0);
	fputs(c, stdout);
	free(c);
}

static void field(const char *label, const char *v)
{
	printf("%-20s", label);
	out_text(v && *v ? v : "not recorded", 0);
	putchar('\n');
}

static int parse_text_json(const char *cmd, const char *arg, int *json)
{
	if (strcmp(arg, "text") == 0)
		*json = 0;
	else if (strcmp(arg, "json") == 0)
		*json = 1;
	else
		return cli_usage(cmd, "--format must be text or json, not '%.20s'", arg);
	return 0;
}

/* [--format text|json] URN, the shape of show and note. */
static int urn_args(const char *cmd, int argc, char **argv, const char **urn, int *json)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	cli_reset_getopt();
	*json = 0;
	while ((opt = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (opt == '?')
			return cli_usage(cmd, "unknown option '%s' for '%s'", argv[optind - 1], cmd);
		if (opt == ':')
			return cli_usage(cmd, "option '%s' needs a value", argv[optind - 1]);
		if ((rc = parse_text_json(cmd, optarg, json)))
			return rc;
	}
	if (optind != argc - 1)
		return cli_usage(cmd, "'%s' needs one URN, for example 01/AB/12345/26", cmd);
	*urn = argv[optind];
	return 0;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "update", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	struct dorn_buf report;
	struct dorn_err err;
	int opt, rc, update = 0;

	cli_reset_getopt();
	while ((opt = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (opt == '?')
			return cli_usage("import", "unknown option '%s' for 'import'",
					 argv[optind - 1]);
		update = 1;
	}
	if (optind >= argc)
		return cli_usage("import", "'import' needs at least one case FILE (see dorn-case(5))");
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_buf_init(&report);
	dorn_err_clear(&err);
	rc = dorn_app_import(&c->app, argv + optind, (size_t)(argc - optind), update, &report,
			     &err);
	if (!rc)
		out_text(dorn_buf_str(&report), 1);
	dorn_buf_fini(&report);
	return rc ? cli_fail(&err) : 0;
}

static void show_text(const struct cli *c, const struct dorn_case_view *v)
{
	const struct dorn_case *k = v->c;
	const struct dorn_assessment *a = &v->a;
	struct dorn_buf t;
	char shown[18], d[32], line[600];

	dorn_urn_display(k->urn, shown);
	printf("Case %s (record version %d, last changed %s by ", shown, k->version, k->updated);
	out_text(k->updated_by, 0);
	printf(")\n\n");
	field("Defendant:", k->defendant);
	field("Court:", k->court);
	field("Stage:", dorn_name(&dorn_stage_names, k->stage));
	for (size_t i = 0; i < k->noffences; i++) {
		const struct dorn_offence *o = dorn_offence_find(&c->app.offences, k->offences[i]);

		snprintf(line, sizeof line, "%s (%s)", o ? o->statute : "not a known offence",
			 k->offences[i]);
		field(i ? "" : "Offences:", line);
	}
	if (!k->noffences)
		field("Offences:", "");
	dorn_date_long(k->next_hearing, d);
	snprintf(line, sizeof line, "%s%s%s", d, *d && *k->next_hearing_type ? ", " : "",
		 *d ? k->next_hearing_type : "");
	field("Next hearing:", line);
	dorn_date_long(k->sentencing_date, d);
	field("Sentencing:", d);
	field("Officer in case:", k->officer_in_case);
	field("Prosecutor:", k->lawyer);

	printf("\nVictim\n");
	field("  Reference:", k->victim.reference);
	field("  Under 18 then:", dorn_name(&dorn_tri_names, k->victim.under_18));
	dorn_date_long(k->victim.consent_date, d);
	snprintf(line, sizeof line, "%s%s%s%s", dorn_name(&dorn_consent_names, k->victim.consent),
		 *d ? " (" : "", d, *d ? ")" : "");
	field("  Consent to share:", line);
	field("  Safe contact:", k->victim.safe_contact);
	field("  Outcome by:", k->victim.outcome_contact);
	dorn_bits_to_names(&dorn_support_names, k->victim.support, ", ", line, sizeof line);
	field("  Support offered:", line);

	printf("\nConcern\n");
	dorn_bits_to_names(&dorn_fear_names, k->concern.fears, ", ", line, sizeof line);
	field("  Fears:", line);
	printf("  Their words:\n");
	if (*k->concern.victim_words) {
		printf("    ");
		out_text(k->concern.victim_words, 1);
		putchar('\n');
	}
	printf("\nDevices and accounts\n");
	for (size_t i = 0; i < k->nitems; i++) {
		const struct dorn_item *it = &k->items[i];
		char uses[80];

		dorn_bits_to_names(&dorn_use_names, it->how_used, ", ", uses, sizeof uses);
		printf("  %d. %s", it->position, dorn_kind_label(it->kind));
		if (*it->description) {
			printf(": ");
			out_text(it->description, 0);
		}
		printf("\n     exhibit %s, seized %s, held by %s, used: %s\n",
		       *it->exhibit_ref ? it->exhibit_ref : "none",
		       dorn_name(&dorn_tri_names, it->seized),
		       dorn_name(&dorn_held_names, it->held_by), *uses ? uses : "not recorded");
	}
	if (!k->nitems)
		printf("  none recorded\n");

	printf("\nAssessment\n");
	printf("  Request: %s\n", a->child ? "forfeiture and destruction (child images)"
					 : "deprivation order (Sentencing Act 2020, s.153)");
	if (*a->due_date) {
		dorn_date_long(a->due_date, d);
		printf("  %s%s: %s (%ld day%s %s)\n", a->urgent ? "URGENT: " : "",
		       a->due_is_sentencing ? "Sentencing" : "Next hearing", d,
		       a->days_left < 0 ? -a->days_left : a->days_left,
		       (a->days_left == 1 || a->days_left == -1) ? "" : "s",
		       a->days_left < 0 ? "ago, PASSED" : "left");
	}
	dorn_buf_init(&t);
	for (size_t i = 0; i < a->nproblems; i++) {
		dorn_buf_reset(&t);
		if (dorn_problem_text(&c->app.wording, k, &a->problems[i], 1, &t, NULL))
			continue;
		printf("  %s: ", dorn_problem_is_missing(a->problems[i].code) ? "Missing" : "Warning");
		out_text(dorn_buf_str(&t), 0);
		putchar('\n');
	}
	dorn_buf_fini(&t);
	if (!v->nversions)
		printf("\nNote: none yet (dorn note %s)\n", shown);
	for (size_t i = 0; i < v->nversions; i++) {
		const struct dorn_note *n = &v->versions[i];

		printf("%sVersion %d: %s%s, written by ", i ? "" : "\nNote versions, newest first\n  ",
		       n->version, n->status, i && !strcmp(n->status, "approved") ?
		       " (no longer the latest)" : "");
		out_text(n->author_name, 0);
		printf(" (%s)", n->created);
		if (*n->submitted)
			printf(", submitted %s", n->submitted);
		if (*n->reviewer) {
			printf(", %s by ", n->status);
			out_text(n->reviewer_name, 0);
			printf(" (%s)", n->reviewed);
		}
		putchar('\n');
		if (*n->comment) {
			printf("    Comment: ");
			out_text(n->comment, 0);
			putchar('\n');
		}
		if (i + 1 < v->nversions)
			printf("  ");
	}
}

/* show and note: one URN, text or JSON, through the app. */
static int view(struct cli *c, int argc, char **argv, int note)
{
	const char *cmd = note ? "note" : "show";
	struct dorn_case_view v;
	struct dorn_buf b;
	struct dorn_err err;
	const char *urn = NULL;
	int json = 0, rc = urn_args(cmd, argc, argv, &urn, &json);

	if (rc)
		return rc;
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if ((note ? dorn_app_note : dorn_app_show)(&c->app, urn, &v, &err))
		return cli_fail(&err);
	dorn_buf_init(&b);
	if (!json && !note)
		show_text(c, &v);
	else if (!json)
		rc = dorn_buf_puts(&b, v.note.body ? v.note.body : "");
	else if (note)
		rc = dorn_json_note(&v, &b);
	else
		rc = dorn_json_case(&v, &c->app.offences, &c->app.wording, &b);
	if (!rc)
		fputs(dorn_buf_str(&b), stdout);
	dorn_buf_fini(&b);
	dorn_case_view_fini(&v);
	if (rc)
		return cli_fail(&(struct dorn_err){ DORN_ENOMEM, "out of memory" });
	return 0;
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	return view(c, argc, argv, 0);
}

int cmd_note(struct cli *c, int argc, char **argv)
{
	return view(c, argc, argv, 1);
}

static int list_row(const struct dorn_list_row *r, void *ctx)
{
	struct cli_out *out = ctx;
	char shown[18], left[24], ver[16];
	const char *v[10];

	dorn_urn_display(r->r.urn, shown);
	snprintf(left, sizeof left, "%ld", r->due.days_left);
	snprintf(ver, sizeof ver, "%d", r->r.note_version);
	v[0] = out->fmt == CLI_TABLE ? shown : r->r.urn;
	v[1] = r->r.victim_ref;
	v[2] = r->r.offence;
	v[3] = r->due.date;
	v[4] = !*r->due.date ? "" : r->due.is_sentencing ? "sentencing" : "next-hearing";
	v[5] = *r->due.date ? left : "";
	v[6] = r->r.note_status;
	v[7] = r->r.note_version ? ver : "";
	v[8] = r->due.urgent ? "URGENT" : r->due.passed ? "PASSED" : "";
	v[9] = r->r.defendant;
	cli_out_row(out, v);
	return out->failed;
}

/* --limit and --offset: a whole number of rows, 0 or more. */
static int rows_arg(const char *opt, const char *arg, size_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (!*arg || *end || *arg == '-' || *arg == '+' || errno || v > (size_t)-1 / 2)
		return cli_usage("list", "%s takes a number of rows (a whole number, 0 or more), "
				 "not '%.20s'", opt, arg);
	*out = (size_t)v;
	return 0;
}

static const char *const statuses[] = { "none", "draft", "submitted", "approved", "returned" };

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "status", required_argument, NULL, 's' },
		{ "due-within", required_argument, NULL, 'd' },
		{ "search", required_argument, NULL, 'q' },
		{ "format", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'l' },
		{ "offset", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	/* The widest each column can be, so a long table can be printed as it
	 * is read (victim references and offence codes go by the first rows). */
	static const struct cli_col cols[] = {
		{ "urn", 0, 1, 17 },        { "victim_ref", 0, 1, 0 }, { "offence", 0, 1, 0 },
		{ "due_date", 0, 1, 10 },   { "due_is", 0, 0, 12 },    { "days_left", 1, 1, 6 },
		{ "note_status", 0, 1, 9 }, { "note_version", 1, 0, 0 }, { "urgency", 0, 1, 6 },
		{ "defendant", 0, 0, 0 },
	};
	struct dorn_list_query q = { NULL, NULL, -1, 0, 0 };
	int limit_zero = 0;
	enum cli_format fmt = CLI_TABLE;
	struct cli_out out;
	struct dorn_err err;
	char *end;
	long days;
	int opt, rc, ok;

	cli_reset_getopt();
	while ((opt = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			ok = 0;
			for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
				ok |= strcmp(optarg, statuses[i]) == 0;
			if (!ok)
				return cli_usage("list", "--status must be none, draft, submitted, "
						 "approved or returned, not '%.20s'", optarg);
			q.status = optarg;
			break;
		case 'd':
			days = strtol(optarg, &end, 10);
			if (!*optarg || *end || days < 0 || days > 3650)
				return cli_usage("list", "--due-within takes a number of days from "
						 "0 to 3650, not '%.20s'", optarg);
			q.due_within = (int)days;
			break;
		case 'q':
			q.search = optarg;
			break;
		case 'l':
			if ((rc = rows_arg("--limit", optarg, &q.limit)))
				return rc;
			limit_zero = q.limit == 0; /* the header alone */
			break;
		case 'o':
			if ((rc = rows_arg("--offset", optarg, &q.offset)))
				return rc;
			break;
		case 'f':
			if (cli_parse_format(optarg, &fmt))
				return cli_usage("list", "--format must be table, csv or json, "
						 "not '%.20s'", optarg);
			break;
		case ':':
			return cli_usage("list", "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage("list", "unknown option '%s' for 'list'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("list", "unexpected argument '%.40s'", argv[optind]);
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	cli_out_begin(&out, fmt, stdout, cols, sizeof cols / sizeof cols[0]);
	/* Row by row: a list of every case needs no memory for all of them
	 * (a table holds its first rows only, to size the columns). */
	rc = limit_zero ? 0 : dorn_app_list_each(&c->app, &q, list_row, &out, &err);
	if (rc) {
		cli_out_end(&out);
		return cli_fail(&err);
	}
	if (cli_out_end(&out))
		return cli_fail(&(struct dorn_err){ DORN_EIO, "cannot write the list" });
	return 0;
}
