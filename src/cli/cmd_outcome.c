/* Subcommands after the hearing: outcome (show it, record it, correct it)
 * and told (the victim was told, or why not). Both load the case through
 * the app, change only what is recorded after the hearing and save it
 * with dorn_app_outcome_save: a new outcome version, logged, never a new
 * note version. Everything given is checked before anything is saved. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/duties.h"
#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/outcome.h"
#include "dorn/text.h"
#include "dorn/tmpl.h"
#include "dorn/urn.h"
#include "priv.h"

#define LABEL_W 26  /* the value starts here, or under a longer label */
#define WRAP_W 76   /* long text is wrapped to this many columns */
#define EDITS_MAX (2 * DORN_ITEMS_MAX)

/* "  label" padded by display width to LABEL_W, then the value: wrapped
 * at WRAP_W, each further line indented to LABEL_W. */
static void row(const char *label, const char *value)
{
	size_t w = 2 + dorn_text_width(label, strlen(label));
	struct dorn_buf b;
	char *v = strdup(value ? value : "");

	printf("  %s", label);
	if (w < LABEL_W)
		printf("%*s", (int)(LABEL_W - w), "");
	else
		printf("\n%*s", LABEL_W, "");
	if (!v)
		return;
	dorn_text_strip(v, DORN_TEXT_KEEP_NEWLINE);
	dorn_buf_init(&b);
	if (dorn_text_wrap(v, WRAP_W - LABEL_W, &b) == 0 && !b.oom && b.p) {
		for (char *p = b.p; *p;) {
			size_t n = strcspn(p, "\n");

			printf("%.*s\n", (int)n, p);
			p += n;
			if (*p == '\n' && *++p)
				printf("%*s", LABEL_W, "");
		}
	} else {
		printf("%s\n", v);
	}
	dorn_buf_fini(&b);
	free(v);
}

/* A paragraph wrapped at WRAP_W and indented by two. */
static void paragraph(const char *text)
{
	struct dorn_buf b;
	char *v = strdup(text ? text : "");

	if (!v)
		return;
	dorn_text_strip(v, 0);
	dorn_buf_init(&b);
	if (dorn_text_wrap(v, WRAP_W - 2, &b) == 0 && !b.oom && b.p) {
		for (char *p = b.p; *p;) {
			size_t n = strcspn(p, "\n");

			printf("  %.*s\n", (int)n, p);
			p += n + (p[n] == '\n');
		}
	}
	dorn_buf_fini(&b);
	free(v);
}

/* "Mon 7 Dec 2026, tomorrow" for day (days since 1970-01-01). */
static void day_words(long day, long today, char *out, size_t n)
{
	dorn_day_words(day, today, DORN_DW_ALL, out, n);
}

/* The same for an ISO date; "" when there is none. */
static void date_words(const char *iso, long today, char *out, size_t n)
{
	dorn_day_words(dorn_iso_days(iso), today, DORN_DW_ALL, out, n);
}

/* "Phone, exhibit MT/1: Samsung Galaxy A54, black" */
static void item_title(const struct dorn_item *it, char *out, size_t n)
{
	const char *kind = it->kind >= 0 ? dorn_kind_label(it->kind) : "Item";

	snprintf(out, n, "Item %d: %s%s%s%s%s", it->position, kind,
		 *it->exhibit_ref ? ", exhibit " : "", it->exhibit_ref,
		 *it->description ? ": " : "", it->description);
}

/* The task of telling the victim, as rows. */
static void print_tell(const struct cli *c, const struct dorn_case *k,
		       const struct dorn_outcome_state *s, const char *shown)
{
	const struct dorn_outcome *o = &k->outcome;
	long today = c->app.today;
	char a[64], b[64], line[400];

	printf("\nTelling the victim\n");
	switch (s->tell) {
	case DORN_TELL_NONE:
		row("To do", "nothing yet: the victim is told once the unit has received the "
			     "outcome (--received DATE)");
		break;
	case DORN_TELL_OPEN:
		day_words(s->due, today, a, sizeof a);
		if (s->overdue) {
			day_words(s->due + 1, today, b, sizeof b);
			snprintf(line, sizeof line, "! OVERDUE since %s: it was due by the end of "
				 "%s. Tell them today, or record why not", b, a);
			row("Due", line);
		} else {
			snprintf(line, sizeof line, "by the end of %s (%d working day%s after the "
				 "unit received it, as the Victims' Code sets)", a,
				 c->app.vcode.outcome_days,
				 c->app.vcode.outcome_days == 1 ? "" : "s");
			row("Due", line);
		}
		if (s->uncovered)
			row("Check the date", "dorn knows no bank holidays for that year "
					      "(bank-holidays.ini): count the working days by hand");
		break;
	case DORN_TELL_DONE:
		date_words(o->told_date, today, a, sizeof a);
		snprintf(line, sizeof line, "done: told on %s", a);
		row("Task", line);
		break;
	default:
		row("Task", "closed: not told, and why is recorded");
		break;
	}
	row("How they asked to hear it",
	    *k->victim.outcome_contact ? k->victim.outcome_contact
				       : "not recorded: ask them, and record it in the "
					 "interview (step 2)");
	if (s->tell == DORN_TELL_DONE) {
		row("How they were told", *o->told_how ? o->told_how : "not recorded");
	} else if (s->tell == DORN_TELL_NOT) {
		row("Why they were not told", o->not_told);
	} else if (s->tell == DORN_TELL_OPEN) {
		snprintf(line, sizeof line, "not yet: once you have told them, run dorn told %s "
			 "--date DATE --how TEXT (or --not TEXT to record why they were not)",
			 shown);
		row("Told", line);
	}
}

static void print_scripts(const struct cli *c, const struct dorn_case *k,
			  const struct dorn_outcome_state *s)
{
	int child = k->victim.under_18_now == DORN_TRI_YES;

	for (int r = DORN_RESULT_NONE + 1; r < DORN_RESULT__COUNT; r++) {
		const char *text = (s->results & (1u << r)) ? dorn_script(&c->app.scripts, r, child)
							  : NULL;
		char head[160];

		if (!text)
			continue;
		snprintf(head, sizeof head, "\nWhat you might say: %s (%s)\n", dorn_result_label(r),
			 child ? "for someone under 18 now" : "for an adult");
		fputs(head, stdout);
		paragraph(text);
	}
}

/* The outcome as text: the hearing, each item, what is still needed, the
 * task of telling the victim and (with scripts) what to say. */
static void print_outcome(struct cli *c, const struct dorn_case *k, int scripts)
{
	const struct dorn_outcome *o = &k->outcome;
	struct dorn_outcome_state s;
	struct dorn_buf m;
	char shown[18], d[64], title[DORN_MID_MAX + 120];

	dorn_app_outcome_state(&c->app, k, &s);
	dorn_urn_display(k->urn, shown);
	if (!s.recorded) {
		printf("Outcome of %s: not recorded yet.\n", shown);
		printf("Record it with: dorn outcome %s --date DATE --court TEXT --item N "
		       "--result KEY ...\n", shown);
		return;
	}
	printf("Outcome of %s (outcome version %d)\n", shown, k->outcome_version);
	date_words(o->date, c->app.today, d, sizeof d);
	row("Date of the hearing", *d ? d : "not recorded");
	row("Court", *o->court ? o->court : "not recorded");
	date_words(o->received, c->app.today, d, sizeof d);
	row("Received by the unit", *d ? d : "not recorded");
	row("The judge's reasons", *o->reasons ? o->reasons : "not recorded");
	printf("\nDevices and accounts\n");
	for (size_t i = 0; i < k->nitems; i++) {
		const struct dorn_item *it = &k->items[i];

		item_title(it, title, sizeof title);
		printf("  ");
		cli_text(title, 0);
		putchar('\n');
		row("  What the court did",
		    it->result ? dorn_result_label(it->result) : "not recorded yet");
		if (*it->result_reason)
			row(it->result == DORN_RESULT_NOT_SOUGHT ? "  Why none was asked for"
								 : "  The reason given",
			    it->result_reason);
		if (*it->result_next)
			row("  Next step", it->result_next);
	}
	if (!k->nitems)
		printf("  none recorded\n");
	dorn_buf_init(&m);
	dorn_outcome_missing(k, &m);
	if (s.complete) {
		printf("\nComplete: every item is accounted for.\n");
	} else {
		printf("\nNot complete yet. Still needed:\n");
		for (char *p = m.p; p && *p;) {
			size_t n = strcspn(p, "\n");

			printf("  %.*s\n", (int)n, p);
			p += n + (p[n] == '\n');
		}
	}
	dorn_buf_fini(&m);
	print_tell(c, k, &s, shown);
	if (scripts)
		print_scripts(c, k, &s);
}

/* ---- the options ---- */

struct edit {
	int pos;
	int result;             /* enum dorn_result; 0: not given */
	const char *reason, *next;
};

struct oc_args {
	const char *urn;
	enum cli_format fmt;
	const char *date, *court, *received, *reasons, *why;
	struct edit items[EDITS_MAX];
	size_t nitems;
};

/* A date option, checked as typed: "" clears the date. */
static int date_opt(const char *cmd, const char *opt, const char *arg)
{
	struct dorn_err err;
	struct dorn_date d;

	if (!*arg || dorn_date_parse(arg, &d, &err) == 0)
		return 0;
	return cli_usage(cmd, "%s: %s: write it as 2026-12-04 or 04/12/2026", opt, err.msg);
}

static const char result_keys[] =
	"order_made, forfeiture, refused, not_sought, returned or held";

/* The item being described by the options after --item N. */
static int current(struct oc_args *a, const char *opt, struct edit **e)
{
	if (!a->nitems)
		return cli_usage("outcome", "%s belongs to an item: give --item N before it "
				 "(N as dorn outcome URN lists the items)", opt);
	*e = &a->items[a->nitems - 1];
	return 0;
}

static int outcome_args(int argc, char **argv, struct oc_args *a)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "court", required_argument, NULL, 'c' },
		{ "received", required_argument, NULL, 'r' },
		{ "reasons", required_argument, NULL, 'R' },
		{ "item", required_argument, NULL, 'i' },
		{ "result", required_argument, NULL, 'k' },
		{ "reason", required_argument, NULL, 'e' },
		{ "next", required_argument, NULL, 'n' },
		{ "why", required_argument, NULL, 'w' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct edit *e = NULL;
	char *end;
	long n;
	int opt, rc = 0;

	memset(a, 0, sizeof *a);
	a->fmt = CLI_TEXT;
	while ((opt = cli_next_opt("outcome", argc, argv, longopts, &rc)) != -1) {
		switch (opt) {
		case -2:
			return rc;
		case 'f':
			if ((rc = cli_format_opt("outcome", optarg, CLI_DOCS, &a->fmt)))
				return rc;
			break;
		case 'd':
		case 'r':
			if ((rc = date_opt("outcome", opt == 'd' ? "--date" : "--received", optarg)))
				return rc;
			*(opt == 'd' ? &a->date : &a->received) = optarg;
			break;
		case 'c':
			a->court = optarg;
			break;
		case 'R':
			a->reasons = optarg;
			break;
		case 'w':
			a->why = optarg;
			break;
		case 'i':
			n = strtol(optarg, &end, 10);
			if (!*optarg || *end || n < 1 || n > DORN_ITEMS_MAX)
				return cli_usage("outcome", "--item takes an item's number, 1 to %d, "
						 "as dorn outcome URN lists them, not '%.20s'",
						 DORN_ITEMS_MAX, optarg);
			if (a->nitems >= EDITS_MAX)
				return cli_usage("outcome", "too many --item options: at most %d",
						 EDITS_MAX);
			a->items[a->nitems++] = (struct edit){ .pos = (int)n };
			break;
		case 'k':
			if ((rc = current(a, "--result", &e)))
				return rc;
			if (e->result)
				return cli_usage("outcome", "--item %d has two --result: give one",
						 e->pos);
			e->result = dorn_result_from_key(optarg);
			if (e->result <= DORN_RESULT_NONE)
				return cli_usage("outcome", "--result must be %s, not '%.30s'",
						 result_keys, optarg);
			break;
		case 'e':
		case 'n':
			if ((rc = current(a, opt == 'e' ? "--reason" : "--next", &e)))
				return rc;
			if (opt == 'e' ? e->reason != NULL : e->next != NULL)
				return cli_usage("outcome", "--item %d has two %s: give one", e->pos,
						 opt == 'e' ? "--reason" : "--next");
			*(opt == 'e' ? &e->reason : &e->next) = optarg;
			break;
		}
	}
	if (optind != argc - 1)
		return cli_usage("outcome", "'outcome' needs one URN, for example 01/AB/12345/26");
	a->urn = argv[optind];
	for (size_t i = 0; i < a->nitems; i++)
		if (!a->items[i].result && !a->items[i].reason && !a->items[i].next)
			return cli_usage("outcome", "--item %d says nothing: add --result KEY (%s), "
					 "--reason TEXT or --next TEXT after it", a->items[i].pos,
					 result_keys);
	if (a->why && !a->date && !a->court && !a->received && !a->reasons && !a->nitems)
		return cli_usage("outcome", "--why says why the outcome changes: give the "
				 "change too (--date, --court, --received, --reasons or --item)");
	return 0;
}

static int any_change(const struct oc_args *a)
{
	return a->date || a->court || a->received || a->reasons || a->nitems;
}

/* Put text into field key of part (at its place in base): "" clears it.
 * A value that is not valid (a control character, too long) is
 * DORN_EDATA, its message naming the option. */
static int set_field(int part, const char *key, const char *opt, const char *text, void *at,
		     struct dorn_err *err)
{
	const struct dorn_field *f = dorn_field_find(part, key);
	struct dorn_err why;

	if (!f)
		return dorn_err_set(err, DORN_EINTERNAL, "no field %s (a bug)", key);
	if (!*text) {
		memset(at, 0, f->size);
		return 0;
	}
	dorn_err_clear(&why);
	if (dorn_field_parse(f, text, at, NULL, &why))
		return dorn_err_set(err, DORN_EDATA, "%s: %s: nothing was saved", opt, why.msg);
	return 0;
}

/* The items' numbers, for a message: "1, 2 and 3", or "none". */
static void positions(const struct dorn_case *k, char *out, size_t n)
{
	size_t w = 0;

	out[0] = '\0';
	for (size_t i = 0; i < k->nitems && w < n; i++)
		w += (size_t)snprintf(out + w, n - w, "%s%d",
				      !i ? "" : i + 1 == k->nitems ? " and " : ", ",
				      k->items[i].position);
	if (!k->nitems)
		snprintf(out, n, "none");
}

static int apply(const struct oc_args *a, struct dorn_case *k, struct dorn_err *err)
{
	struct dorn_outcome *o = &k->outcome;
	char shown[18], list[200];
	int rc = 0;

	if (a->date)
		rc = set_field(DORN_PART_OUTCOME, "date", "--date", a->date, o->date, err);
	if (!rc && a->court)
		rc = set_field(DORN_PART_OUTCOME, "court", "--court", a->court, o->court, err);
	if (!rc && a->received)
		rc = set_field(DORN_PART_OUTCOME, "received", "--received", a->received,
			       o->received, err);
	if (!rc && a->reasons)
		rc = set_field(DORN_PART_OUTCOME, "reasons", "--reasons", a->reasons, o->reasons,
			       err);
	for (size_t i = 0; !rc && i < a->nitems; i++) {
		const struct edit *e = &a->items[i];
		struct dorn_item *it = NULL;

		for (size_t j = 0; j < k->nitems && !it; j++)
			if (k->items[j].position == e->pos)
				it = &k->items[j];
		if (!it) {
			dorn_urn_display(k->urn, shown);
			positions(k, list, sizeof list);
			return dorn_err_set(err, DORN_EDATA, "%s has no item %d (its items: %s): "
					    "give --item N as dorn outcome %s lists them; nothing "
					    "was saved", shown, e->pos, list, shown);
		}
		if (e->result)
			it->result = e->result;
		if (e->reason)
			rc = set_field(DORN_PART_ITEM, "result_reason", "--reason", e->reason,
				       it->result_reason, err);
		if (!rc && e->next)
			rc = set_field(DORN_PART_ITEM, "result_next", "--next", e->next,
				       it->result_next, err);
	}
	return rc;
}

static int print_json(struct cli *c, const struct dorn_case *k)
{
	struct dorn_buf b;
	int rc;

	dorn_buf_init(&b);
	rc = dorn_app_outcome_json(&c->app, k, &b);
	if (!rc)
		fputs(dorn_buf_str(&b), stdout);
	dorn_buf_fini(&b);
	if (rc)
		return cli_fail(&(struct dorn_err){ DORN_ENOMEM, "out of memory" });
	return 0;
}

int cmd_outcome(struct cli *c, int argc, char **argv)
{
	struct oc_args *a = malloc(sizeof *a);
	struct dorn_case_view v;
	struct dorn_err err;
	struct dorn_date d;
	char shown[18], today[11], words[64];
	int rc, was, first, defaulted = 0;

	if (!a)
		return cli_fail(&(struct dorn_err){ DORN_ENOMEM, "out of memory" });
	rc = outcome_args(argc, argv, a);
	if (rc)
		goto out;
	rc = cli_open(c, any_change(a) ? 0 : DORN_APP_MAY_READ);
	if (rc)
		goto out;
	dorn_err_clear(&err);
	if (dorn_app_outcome_open(&c->app, a->urn, &v, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (!any_change(a)) {
		if (a->fmt == CLI_JSON)
			rc = print_json(c, v.c);
		else
			print_outcome(c, v.c, 1);
		goto done;
	}
	was = v.c->outcome_version;
	first = !was && !dorn_outcome_recorded(v.c);
	rc = apply(a, v.c, &err);
	/* The Victims' Code counts from the day the unit received it: when
	 * the outcome is first recorded without that day, it is today. */
	if (!rc && first && !*v.c->outcome.received) {
		dorn_date_from_days(c->app.today, &d);
		dorn_date_iso(&d, today);
		memcpy(v.c->outcome.received, today, sizeof today);
		defaulted = 1;
	}
	if (!rc)
		rc = dorn_app_outcome_save(&c->app, v.c, a->why ? a->why : "", &err);
	if (rc) {
		rc = cli_fail(&err);
		goto done;
	}
	dorn_urn_display(v.c->urn, shown);
	if (a->fmt == CLI_JSON) {
		rc = print_json(c, v.c);
		goto done;
	}
	if (v.c->outcome_version == was) {
		printf("Nothing changed: the outcome of %s is as it was recorded.\n", shown);
	} else {
		printf("The outcome of %s is %s (outcome version %d); the note is not changed.\n",
		       shown, was ? "corrected" : "recorded", v.c->outcome_version);
	}
	if (defaulted) {
		day_words(c->app.today, c->app.today, words, sizeof words);
		printf("Received: not given, so today (%s); the Victims' Code counts from it. "
		       "If the unit heard earlier, correct it with --received DATE.\n", words);
	}
	putchar('\n');
	print_outcome(c, v.c, 0);
	printf("\nWhat to say for each result: dorn outcome %s\n", shown);
done:
	dorn_case_view_fini(&v);
out:
	free(a);
	return rc;
}

int cmd_told(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "how", required_argument, NULL, 'h' },
		{ "not", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *date = NULL, *how = NULL, *not = NULL;
	struct dorn_outcome_state s;
	struct dorn_case_view v;
	struct dorn_outcome *o;
	struct dorn_err err;
	char shown[18], a[64], b[64], before[DORN_MID_MAX + DORN_SHORT_MAX + 32] = "";
	int opt, rc = 0, was;

	while ((opt = cli_next_opt("told", argc, argv, longopts, &rc)) != -1) {
		switch (opt) {
		case -2:
			return rc;
		case 'd':
			if ((rc = date_opt("told", "--date", optarg)))
				return rc;
			date = optarg;
			break;
		case 'h':
			how = optarg;
			break;
		case 'n':
			not = optarg;
			break;
		}
	}
	if (optind != argc - 1)
		return cli_usage("told", "'told' needs one URN, for example 01/AB/12345/26");
	if (not && (date || how))
		return cli_usage("told", "give either --date DATE --how TEXT (the victim was "
				 "told) or --not TEXT (why they were not), not both");
	if (not && !*not)
		return cli_usage("told", "--not needs the reason the victim was not told");
	if (!not && (!date || !*date || !how || !*how))
		return cli_usage("told", "'told' needs --date DATE and --how TEXT (when and how "
				 "the victim was told), or --not TEXT (why they were not)");
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	if (dorn_app_outcome_open(&c->app, argv[optind], &v, &err))
		return cli_fail(&err);
	o = &v.c->outcome;
	dorn_urn_display(v.c->urn, shown);
	if (!*o->received) {
		dorn_err_set(&err, DORN_ERULE, "no outcome of %s has been received yet, so there "
			     "is nothing to tell the victim: record the outcome first (dorn "
			     "outcome %s --date DATE --court TEXT --received DATE --item N "
			     "--result KEY)", shown, shown);
		rc = cli_fail(&err);
		goto done;
	}
	/* What it said before, and the deadline as it stood. */
	if (*o->told_date)
		snprintf(before, sizeof before, "told on %s (%s)", o->told_date, o->told_how);
	else if (*o->not_told)
		snprintf(before, sizeof before, "not told: %s", o->not_told);
	memset(o->told_date, 0, sizeof o->told_date);
	memset(o->told_how, 0, sizeof o->told_how);
	memset(o->not_told, 0, sizeof o->not_told);
	dorn_app_outcome_state(&c->app, v.c, &s);
	if (not) {
		rc = set_field(DORN_PART_OUTCOME, "not_told", "--not", not, o->not_told, &err);
	} else {
		rc = set_field(DORN_PART_OUTCOME, "told_date", "--date", date, o->told_date, &err);
		if (!rc)
			rc = set_field(DORN_PART_OUTCOME, "told_how", "--how", how, o->told_how,
				       &err);
	}
	was = v.c->outcome_version;
	if (!rc)
		rc = dorn_app_outcome_save(&c->app, v.c, not ? "the victim was not told"
							  : "the victim was told", &err);
	if (rc) {
		rc = cli_fail(&err);
		goto done;
	}
	if (v.c->outcome_version == was) {
		printf("Nothing changed: that is what the outcome of %s says already.\n", shown);
		goto done;
	}
	if (not) {
		printf("Recorded for %s: the victim was not told, because: ", shown);
		cli_text(o->not_told, 0);
		printf("\nThe task of telling them is closed.\n");
	} else {
		date_words(o->told_date, c->app.today, a, sizeof a);
		printf("Recorded for %s: the victim was told on %s (", shown, a);
		cli_text(o->told_how, 0);
		printf(").\n");
		if (s.due >= 0) {
			day_words(s.due, c->app.today, b, sizeof b);
			printf("%s: it was due by the end of %s.\n",
			       dorn_iso_days(o->told_date) <= s.due ? "On time"
								    : "Later than the Victims' Code asks",
			       b);
		}
		printf("The task of telling them is done.\n");
	}
	if (*before) {
		printf("This replaces what was recorded before: ");
		cli_text(before, 0);
		printf(".\n");
	}
done:
	dorn_case_view_fini(&v);
	return rc;
}
