/* Subcommands for cases: import, show, note, list. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "priv.h"

/* [--format text|json] URN, the shape of show and note. */
static int urn_args(const char *cmd, int argc, char **argv, const char **urn, int *json)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum cli_format fmt = CLI_TEXT;
	int opt, rc = 0;

	while ((opt = cli_next_opt(cmd, argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if ((rc = cli_format_opt(cmd, optarg, CLI_DOCS, &fmt)))
			return rc;
	}
	*json = fmt == CLI_JSON;
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
	int opt, rc = 0, update = 0;

	while ((opt = cli_next_opt("import", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
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
		cli_text(dorn_buf_str(&report), 1);
	dorn_buf_fini(&report);
	return rc ? cli_fail(&err) : 0;
}

#define LABEL_COLS 38 /* the value starts here, or under a longer label */

/* "label" padded by display width to LABEL_COLS, after pad. */
static void label(const char *pad, const char *text)
{
	size_t w = strlen(pad) + dorn_text_width(text, strlen(text));

	printf("%s%s", pad, text);
	if (w < LABEL_COLS)
		printf("%*s", (int)(LABEL_COLS - w), "");
	else
		printf("\n%*s", LABEL_COLS, "");
}

/* Text of several lines, each line after the first indented to indent. */
static void lines_at(const char *v, int indent)
{
	const char *nl;

	while ((nl = strchr(v, '\n')) != NULL) {
		char line[DORN_LONG_MAX + 1];
		size_t n = (size_t)(nl - v) < sizeof line - 1 ? (size_t)(nl - v) : sizeof line - 1;

		memcpy(line, v, n);
		line[n] = '\0';
		cli_text(line, 0);
		printf("\n%*s", indent, "");
		v = nl + 1;
	}
	cli_text(v, 0);
	putchar('\n');
}

/* Every field of a part from the field table, by its label: what the
 * officer recorded, in the words of the interview. */
static void show_part(const struct cli *c, int part, const char *title,
		      const struct dorn_case *k, const struct dorn_item *it)
{
	const char *pad = part == DORN_PART_ITEM ? "    " : "  ";
	char value[DORN_LONG_MAX + 64], d[32];

	printf(part == DORN_PART_ITEM ? "%s\n" : "\n%s\n", title);
	for (size_t i = 0; i < dorn_nfields; i++) {
		const struct dorn_field *f = &dorn_fields[i];
		const void *at = dorn_field_cat(f, k, it);

		if (f->part != part)
			continue;
		/* What is recorded after the hearing shows once it is. */
		if ((f->flags & DORN_FF_SPARSE) && part == DORN_PART_ITEM &&
		    dorn_field_empty(f, dorn_field_cat(f, k, it)))
			continue;
		label(pad, f->label);
		if (f->type == DORN_FT_OFFENCES) {
			for (size_t j = 0; j < k->noffences; j++) {
				const struct dorn_offence *o =
					dorn_offence_find(&c->app.offences, k->offences[j]);

				snprintf(value, sizeof value, "%s (%s)",
					 o ? o->statute : "not a known offence", k->offences[j]);
				if (j)
					printf("%*s", LABEL_COLS, "");
				cli_text(value, 0);
				putchar('\n');
			}
			if (!k->noffences)
				printf("not recorded\n");
			continue;
		}
		if (f->type == DORN_FT_DATE) {
			dorn_date_long(at, d);
			snprintf(value, sizeof value, "%s", d);
		} else {
			dorn_field_text(f, at, 1, value, sizeof value);
		}
		lines_at(*value ? value : "not recorded", LABEL_COLS);
	}
}

static void show_text(const struct cli *c, const struct dorn_case_view *v)
{
	const struct dorn_case *k = v->c;
	const struct dorn_assessment *a = &v->a;
	struct dorn_buf t;
	char shown[18], d[32], line[600];

	dorn_urn_display(k->urn, shown);
	printf("Case %s (record version %d, last changed %s by ", shown, k->version, k->updated);
	cli_text(k->updated_by, 0);
	printf(")\n");
	show_part(c, DORN_PART_CASE, "Case", k, NULL);
	show_part(c, DORN_PART_VICTIM, "Victim", k, NULL);
	show_part(c, DORN_PART_CONCERN, "Concern", k, NULL);
	printf("\nDevices and accounts\n");
	for (size_t i = 0; i < k->nitems; i++) {
		snprintf(line, sizeof line, "  Item %d", k->items[i].position);
		show_part(c, DORN_PART_ITEM, line, k, &k->items[i]);
	}
	if (!k->nitems)
		printf("  none recorded\n");
	if (dorn_outcome_recorded(k))
		show_part(c, DORN_PART_OUTCOME, "Outcome", k, NULL);
	else
		printf("\nOutcome\n  not recorded yet\n");

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
		cli_text(dorn_buf_str(&t), 0);
		putchar('\n');
	}
	dorn_buf_fini(&t);
	if (!v->nversions)
		printf("\nNote: none yet (dorn note %s)\n", shown);
	for (size_t i = 0; i < v->nversions; i++) {
		const struct dorn_note *n = &v->versions[i];

		printf("%sVersion %d: %s%s, written by ", i ? "" : "\nNote versions, newest first\n  ",
		       n->version, dorn_note_status_word(n->status),
		       i && n->status == DORN_NOTE_APPROVED ?
		       " (no longer the latest)" : "");
		/* Every author, in the order they first changed it. */
		for (size_t j = 0; j < n->nauthors; j++) {
			printf("%s", j ? ", " : "");
			cli_text(n->authors[j].name, 0);
		}
		if (n->authors_total > n->nauthors)
			printf(" and %zu more", n->authors_total - n->nauthors);
		if (!n->nauthors)
			cli_text(n->author_name, 0);
		printf(" (%s)", n->created);
		if (*n->submitted)
			printf(", submitted %s", n->submitted);
		if (*n->reviewer) {
			printf(", %s by ", dorn_note_status_word(n->status));
			cli_text(n->reviewer_name, 0);
			printf(" (%s)", n->reviewed);
		}
		putchar('\n');
		if (*n->comment) {
			printf("    Comment: ");
			cli_text(n->comment, 0);
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
	rc = cli_open(c, DORN_APP_MAY_READ);
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
		rc = dorn_app_note_json(&v, &b);
	else
		rc = dorn_app_case_json(&c->app, &v, &b);
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
	v[6] = dorn_note_status_word(r->r.note_status);
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
	int opt, rc = 0;

	while ((opt = cli_next_opt("list", argc, argv, longopts, &rc)) != -1) {
		switch (opt) {
		case -2:
			return rc;
		case 's':
			if (dorn_note_status_parse(optarg) < DORN_NOTE_NONE)
				return cli_usage("list", "--status must be %s, not '%.20s'",
						 dorn_note_status_words(), optarg);
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
			if ((rc = cli_format_opt("list", optarg, CLI_LISTS, &fmt)))
				return rc;
			break;
		}
	}
	if (optind < argc)
		return cli_usage("list", "unexpected argument '%.40s'", argv[optind]);
	rc = cli_open(c, DORN_APP_MAY_READ);
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
	/* The reading is recorded: which filter, how many rows were shown. */
	if (dorn_app_list_consult(&c->app, &q, out.rows, 0, &err))
		return cli_fail(&err);
	return 0;
}

int cmd_rename(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct dorn_err err;
	const char *reason = NULL;
	char from[DORN_URN_MAX], to[DORN_URN_MAX], a[18], b[18];
	int opt, rc = 0;

	while ((opt = cli_next_opt("rename", argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		reason = optarg;
	}
	if (argc - optind != 2)
		return cli_usage("rename", "'rename' needs the URN the case has and the right "
				 "one, for example 01/AB/12345/26 01/AB/12354/26");
	if (!reason || !*reason)
		return cli_usage("rename", "'rename' needs --reason TEXT: why the URN "
				 "changes, kept in the audit log");
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_case_rename(&c->app, argv[optind], argv[optind + 1], reason, NULL, &err))
		return cli_fail(&err);
	dorn_urn_parse(argv[optind], from, NULL);
	dorn_urn_parse(argv[optind + 1], to, NULL);
	dorn_urn_display(from, a);
	dorn_urn_display(to, b);
	printf("Case %s is now %s; the change is in the audit log.\n", a, b);
	return 0;
}
