/* dorn agenda: the worklist, most urgent first (agenda.h), as a table that
 * fits 80 columns, CSV, JSON, or an iCalendar file for the officer's
 * calendar that holds no more of a case than its URN. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dorn/agenda.h"
#include "dorn/ics.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "priv.h"

enum agenda_format { AG_TABLE, AG_CSV, AG_JSON, AG_ICS };

static const char *const format_words[] = { "table", "csv", "json", "ics" };

#define TABLE_COLS 80

static void iso_of(long day, char out[11])
{
	struct dorn_date d;

	if (day < 0) {
		out[0] = '\0';
		return;
	}
	dorn_date_from_days(day, &d);
	dorn_date_iso(&d, out);
}

/* Append text to out wrapped at width columns, each line after the first
 * indented by indent blanks. The text is dorn's own words (ASCII). */
static void wrapped(struct dorn_buf *out, const char *text, size_t indent, size_t width)
{
	const char *p = text;

	while (*p) {
		size_t n = strlen(p), cut = n;

		if (n > width) {
			cut = width;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = width;
		}
		dorn_buf_add(out, p, cut);
		dorn_buf_putc(out, '\n');
		p += cut;
		while (*p == ' ')
			p++;
		if (*p)
			dorn_buf_printf(out, "%*s", (int)indent, "");
	}
}

/* Date, kind, URN and what to do; the text wraps under its own column so
 * no line is over 80 columns. An overdue duty's kind is OVERDUE. */
static void table(const struct dorn_agenda *a, struct dorn_buf *out)
{
	size_t urn_w = 3, indent;
	char shown[18], date[11];

	if (!a->n) {
		dorn_buf_puts(out, a->everyone ? "Nothing to do: no duty is due on any case.\n"
					       : "Nothing to do: no duty is due on your cases.\n");
		return;
	}
	for (size_t i = 0; i < a->n; i++) {
		dorn_urn_display(a->v[i].urn, shown);
		if (strlen(shown) > urn_w)
			urn_w = strlen(shown);
	}
	indent = 10 + 2 + DORN_DUTY_LABEL_MAX + 2 + urn_w + 2;
	dorn_buf_printf(out, "%-10s  %-*s  %-*s  %s\n", "Date", DORN_DUTY_LABEL_MAX, "Kind",
			(int)urn_w, "URN", "What");
	for (size_t i = 0; i < a->n; i++) {
		const struct dorn_duty *d = &a->v[i];

		iso_of(d->day, date);
		dorn_urn_display(d->urn, shown);
		dorn_buf_printf(out, "%-10s  %-*s  %-*s  ", d->day < 0 ? "no date" : date,
				DORN_DUTY_LABEL_MAX, dorn_duty_label(d->kind), (int)urn_w, shown);
		wrapped(out, d->text, indent, TABLE_COLS - indent);
	}
}

/* RFC 4180, by the command line's one writer of CSV (out.c), into out. */
static int csv(const struct dorn_agenda *a, struct dorn_buf *out, struct dorn_err *err)
{
	static const struct cli_col cols[] = {
		{ "kind", 0, 1, 0 }, { "for", 0, 1, 0 },       { "urn", 0, 1, 0 },
		{ "date", 0, 1, 0 }, { "days_left", 1, 1, 0 }, { "note_version", 1, 1, 0 },
		{ "text", 0, 1, 0 },
	};
	struct cli_out o;
	char *text = NULL, date[11], left[24], ver[16];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc;

	if (!f)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory writing the worklist");
	cli_out_begin(&o, CLI_CSV, f, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < a->n && !o.failed; i++) {
		const struct dorn_duty *d = &a->v[i];
		const char *v[7];

		iso_of(d->day, date);
		snprintf(left, sizeof left, "%ld", d->days_left);
		snprintf(ver, sizeof ver, "%d", d->version);
		v[0] = dorn_duty_key(d->kind);
		v[1] = dorn_role_word(d->role);
		v[2] = d->urn;
		v[3] = date;
		v[4] = d->day < 0 ? "" : left;
		v[5] = d->version ? ver : "";
		v[6] = d->text;
		cli_out_row(&o, v);
	}
	rc = cli_out_end(&o);
	if (fclose(f) && !rc)
		rc = DORN_EIO;
	if (!rc && dorn_buf_add(out, text, len))
		rc = DORN_ENOMEM;
	free(text);
	return rc ? dorn_err_set(err, rc, "the worklist could not be written as CSV") : 0;
}

/* One all-day event per dated duty: the hearing a note is for, the
 * deadline for telling the victim, the hearing whose outcome is awaited, a
 * retention review. Its summary and description name the URN and the
 * kind, nothing else of the case. 1 when no duty has a date. */
static int ics(const struct dorn_agenda *a, struct dorn_buf *out, struct dorn_err *err)
{
	struct dorn_ics_event *ev = calloc(a->n ? a->n : 1, sizeof *ev);
	char *strs = calloc(a->n ? a->n : 1, 3 * 160);
	char stamp[17], date[11], shown[18];
	size_t n = 0;
	int rc = 0;

	if (!ev || !strs) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory writing the calendar");
		goto out;
	}
	for (size_t i = 0; i < a->n; i++) {
		const struct dorn_duty *d = &a->v[i];
		char *uid = strs + n * 3 * 160, *sum = uid + 160, *desc = sum + 160;

		if (d->day < 0)
			continue;
		iso_of(d->day, date);
		dorn_urn_display(d->urn, shown);
		snprintf(uid, 160, "%s-%s-%s@dorn", d->urn, dorn_duty_key(d->kind), date);
		snprintf(sum, 160, "%s: %s", shown, dorn_duty_title(d->kind));
		snprintf(desc, 160, "%s: case %s (%s). Run dorn agenda for what to do.",
			 dorn_duty_title(d->kind), shown, dorn_duty_key(d->kind));
		ev[n].uid = uid;
		ev[n].day = d->day;
		ev[n].summary = sum;
		ev[n].description = desc;
		n++;
	}
	if (!n) {
		rc = 1;
		goto out;
	}
	dorn_ics_stamp(time(NULL), stamp);
	rc = dorn_ics_write(ev, n, "-//dorn//agenda//EN", stamp, out);
	if (rc)
		rc = dorn_err_set(err, rc, "the calendar could not be written (%s)",
				  rc == DORN_ENOMEM ? "out of memory" : "a bug: please report it");
out:
	free(ev);
	free(strs);
	return rc;
}

int cmd_agenda(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	enum agenda_format fmt = AG_TABLE;
	struct dorn_agenda a = { 0 };
	struct dorn_buf out;
	struct dorn_err err;
	const char *path = NULL;
	int opt, rc = 0, all = 0, found;

	while ((opt = cli_next_opt("agenda", argc, argv, longopts, &rc)) != -1) {
		switch (opt) {
		case -2:
			return rc;
		case 'f':
			found = 0;
			for (size_t i = 0; i < sizeof format_words / sizeof format_words[0]; i++)
				if (strcmp(optarg, format_words[i]) == 0) {
					fmt = (enum agenda_format)i;
					found = 1;
				}
			if (!found)
				return cli_usage("agenda", "--format must be table, csv, json or "
						 "ics, not '%.20s'", optarg);
			break;
		case 'o':
			if (!*optarg)
				return cli_usage("agenda", "--out needs the path of a file");
			path = optarg;
			break;
		case 'a':
			all = 1;
			break;
		}
	}
	if (optind < argc)
		return cli_usage("agenda", "unexpected argument '%.40s'", argv[optind]);
	rc = cli_open(c, DORN_APP_MAY_READ);
	if (rc)
		return rc;
	dorn_err_clear(&err);
	dorn_buf_init(&out);
	rc = dorn_app_agenda(&c->app, all, &a, &err);
	if (rc)
		goto fail;
	switch (fmt) {
	case AG_TABLE:
		table(&a, &out);
		break;
	case AG_CSV:
		rc = csv(&a, &out, &err);
		break;
	case AG_JSON:
		rc = dorn_app_agenda_json(&a, &out);
		if (rc)
			dorn_err_set(&err, rc, "out of memory writing the worklist");
		break;
	case AG_ICS:
		rc = ics(&a, &out, &err);
		if (rc == 1) {
			/* RFC 5545 wants an event: an empty calendar is no file. */
			cli_say(stderr, "dorn: no duty has a date, so there is no calendar to "
				"write%s%s", path ? ": " : "", path ? path : "");
			rc = 0;
			goto consult;
		}
		break;
	}
	if (!rc && out.oom)
		rc = dorn_err_set(&err, DORN_ENOMEM, "out of memory writing the worklist");
	if (rc)
		goto fail;
	if (path) {
		rc = cli_write_file(path, out.p, out.len, &err);
	} else if (fwrite(dorn_buf_str(&out), 1, out.len, stdout) != out.len ||
		   fflush(stdout)) {
		rc = dorn_err_set(&err, DORN_EIO, "cannot write the worklist");
	}
	if (rc)
		goto fail;
consult:
	/* The reading is recorded: how many duties of how many cases. */
	rc = dorn_app_agenda_consult(&c->app, &a, &err);
	if (rc)
		goto fail;
	dorn_agenda_fini(&a);
	dorn_buf_fini(&out);
	return 0;
fail:
	dorn_agenda_fini(&a);
	dorn_buf_fini(&out);
	return cli_fail(&err);
}
