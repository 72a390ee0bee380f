/* The unit's figures: counting the figure rows of a range into the whole
 * and its groups, the rates and medians, the bars, and the two plain-text
 * renderings (the table and CSV). Pure arithmetic on integers, so the
 * same rows give the same figures on every machine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/figures.h"
#include "dorn/text.h"
#include "dorn/urn.h"

const struct dorn_fig_count_info dorn_fig_counts[DORN_FC__COUNT] = {
	[DORN_FC_CONCERNS] = { "concerns", "Concerns recorded" },
	[DORN_FC_APPROVED] = { "approved", "Notes approved" },
	[DORN_FC_EXPORTED] = { "exported", "Notes exported" },
	[DORN_FC_OUTCOME] = { "outcome", "Outcome recorded" },
	[DORN_FC_SOUGHT] = { "cases_sought", "Order asked for" },
	[DORN_FC_MADE] = { "cases_made", "Order made" },
	[DORN_FC_REFUSED] = { "cases_refused", "Order refused" },
	[DORN_FC_RETURNED] = { "cases_returned", "Returned to defendant" },
	[DORN_FC_ITEMS] = { "items", "Devices and accounts" },
	[DORN_FC_ITEMS_SOUGHT] = { "items_sought", "Order asked for" },
	[DORN_FC_ITEMS_MADE] = { "items_made", "Order made" },
	[DORN_FC_ITEMS_REFUSED] = { "items_refused", "Order refused" },
	[DORN_FC_ITEMS_NOT_SOUGHT] = { "items_not_sought", "Not asked for" },
	[DORN_FC_ITEMS_RETURNED] = { "items_returned", "Returned to defendant" },
	[DORN_FC_ITEMS_HELD] = { "items_held", "Still held by police" },
	[DORN_FC_PASSED] = { "hearings_passed", "Hearing date passed" },
	[DORN_FC_MISSED] = { "missed_hearing", "Note missed its hearing" },
};

const struct dorn_fig_rate_info dorn_fig_rates[DORN_FR__COUNT] = {
	[DORN_FR_APPROVED] = { "pct_approved", "Notes approved, of concerns recorded",
			       DORN_FC_APPROVED, DORN_FC_CONCERNS },
	[DORN_FR_EXPORTED] = { "pct_exported", "Notes exported, of concerns recorded",
			       DORN_FC_EXPORTED, DORN_FC_CONCERNS },
	[DORN_FR_SOUGHT] = { "pct_sought_of_outcomes", "Order asked for, of cases decided",
			     DORN_FC_SOUGHT, DORN_FC_OUTCOME },
	[DORN_FR_MADE] = { "pct_made_of_concerns", "Order made, of concerns recorded",
			   DORN_FC_MADE, DORN_FC_CONCERNS },
	[DORN_FR_MADE_OF_OUTCOMES] = { "pct_made_of_outcomes", "Order made, of cases decided",
				       DORN_FC_MADE, DORN_FC_OUTCOME },
	[DORN_FR_ITEMS_MADE] = { "pct_items_made_of_sought",
				 "Items: order made, of orders asked for",
				 DORN_FC_ITEMS_MADE, DORN_FC_ITEMS_SOUGHT },
	[DORN_FR_ITEMS_REFUSED] = { "pct_items_refused_of_sought",
				    "Items: order refused, of orders asked for",
				    DORN_FC_ITEMS_REFUSED, DORN_FC_ITEMS_SOUGHT },
	[DORN_FR_MISSED] = { "pct_missed_of_passed", "Notes that missed the hearing, of passed",
			     DORN_FC_MISSED, DORN_FC_PASSED },
};

const struct dorn_fig_count_info dorn_fig_days[DORN_FD__COUNT] = {
	[DORN_FD_TO_NOTE] = { "days_concern_to_note", "Concern recorded to note approved" },
	[DORN_FD_TO_HEARING] = { "days_note_to_hearing", "Note approved to hearing" },
};

static const char *const by_words[] = { "", "month", "offence", "officer", "unit" };

static const char *const month_short[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const month_long[] = { "January", "February", "March", "April",
					  "May", "June", "July", "August",
					  "September", "October", "November", "December" };

const char *dorn_fig_by_word(int by)
{
	return by >= 0 && by < (int)(sizeof by_words / sizeof by_words[0]) ? by_words[by] : "";
}

int dorn_fig_by_of(const char *word)
{
	for (int i = 1; i < (int)(sizeof by_words / sizeof by_words[0]); i++)
		if (word && strcmp(word, by_words[i]) == 0)
			return i;
	return -1;
}

/* ---- building ---- */

/* Days since 1970 of an ISO date; 0 when it is not one. */
static int iso_days(const char *s, long *out)
{
	struct dorn_date d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	d.y = atoi(s);
	d.m = atoi(s + 5);
	d.d = atoi(s + 8);
	if (!dorn_date_valid(d.y, d.m, d.d))
		return 0;
	*out = dorn_date_to_days(&d);
	return 1;
}

static void copy_clean(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
	dorn_text_strip(dst, 0);
}

void dorn_figures_init(struct dorn_figures *f, int by, const char *from, const char *to,
		       const char *today)
{
	memset(f, 0, sizeof *f);
	f->by = by;
	copy_clean(f->from, sizeof f->from, from);
	copy_clean(f->to, sizeof f->to, to);
	copy_clean(f->today, sizeof f->today, today);
	snprintf(f->all.label, sizeof f->all.label, "All cases");
}

static void set_free(struct dorn_fig_set *s)
{
	for (int d = 0; d < DORN_FD__COUNT; d++) {
		free(s->values[d]);
		s->values[d] = NULL;
		s->cap[d] = 0;
	}
}

void dorn_figures_fini(struct dorn_figures *f)
{
	if (!f)
		return;
	set_free(&f->all);
	for (size_t i = 0; i < f->ngroups; i++)
		set_free(&f->groups[i]);
	free(f->groups);
	f->groups = NULL;
	f->ngroups = f->cap = 0;
}

static int push_value(struct dorn_fig_set *s, int d, long v)
{
	if (dorn_grow(&s->values[d], &s->cap[d], (size_t)s->nvalues[d] + 1, sizeof(int)))
		return DORN_ENOMEM;
	s->values[d][s->nvalues[d]++] = (int)v;
	return 0;
}

static int count_row(struct dorn_fig_set *s, const struct dorn_figure_row *r, const char *today)
{
	int results = r->sought + r->not_sought + r->returned + r->held;
	long c = 0, a = 0, h = 0;
	int has_c = iso_days(r->concern, &c), has_a = iso_days(r->approved, &a);
	int has_h = iso_days(r->hearing, &h);

	s->n[DORN_FC_CONCERNS]++;
	s->n[DORN_FC_APPROVED] += has_a;
	s->n[DORN_FC_EXPORTED] += r->exported[0] != '\0';
	s->n[DORN_FC_OUTCOME] += r->outcome[0] != '\0' || results > 0;
	s->n[DORN_FC_SOUGHT] += r->sought > 0;
	s->n[DORN_FC_MADE] += r->made > 0;
	s->n[DORN_FC_REFUSED] += r->refused > 0;
	s->n[DORN_FC_RETURNED] += r->returned > 0;
	s->n[DORN_FC_ITEMS] += r->items;
	s->n[DORN_FC_ITEMS_SOUGHT] += r->sought;
	s->n[DORN_FC_ITEMS_MADE] += r->made;
	s->n[DORN_FC_ITEMS_REFUSED] += r->refused;
	s->n[DORN_FC_ITEMS_NOT_SOUGHT] += r->not_sought;
	s->n[DORN_FC_ITEMS_RETURNED] += r->returned;
	s->n[DORN_FC_ITEMS_HELD] += r->held;
	/* A note missed its hearing when the day came with no version of it
	 * approved the day before or earlier: a note approved on the day of
	 * the hearing reached the prosecutor too late to prepare. */
	if (has_h && strcmp(r->hearing, today) < 0) {
		s->n[DORN_FC_PASSED]++;
		s->n[DORN_FC_MISSED] += !has_a || a >= h;
	}
	if (has_a && has_c && push_value(s, DORN_FD_TO_NOTE, a - c))
		return DORN_ENOMEM;
	if (has_a && has_h && push_value(s, DORN_FD_TO_HEARING, h - a))
		return DORN_ENOMEM;
	return 0;
}

/* The group with key, made (in key order) when new. */
static struct dorn_fig_set *group(struct dorn_figures *f, const char *key)
{
	size_t lo = 0, hi = f->ngroups;
	struct dorn_fig_set *g;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(f->groups[mid].key, key);

		if (c == 0)
			return &f->groups[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (dorn_grow(&f->groups, &f->cap, f->ngroups + 1, sizeof *f->groups))
		return NULL;
	memmove(&f->groups[lo + 1], &f->groups[lo], (f->ngroups - lo) * sizeof *f->groups);
	f->ngroups++;
	g = &f->groups[lo];
	memset(g, 0, sizeof *g);
	copy_clean(g->key, sizeof g->key, key);
	return g;
}

static void month_words(const char *key, char *label, size_t nl, char *name, size_t nn)
{
	int y = atoi(key), m = atoi(key + 5);

	if (m < 1 || m > 12) {
		snprintf(label, nl, "%s", key);
		name[0] = '\0';
		return;
	}
	snprintf(label, nl, "%s %d", month_short[m - 1], y);
	snprintf(name, nn, "%s %d", month_long[m - 1], y);
}

static void label_group(struct dorn_figures *f, struct dorn_fig_set *g)
{
	if (g->label[0])
		return;
	if (f->by == DORN_FIG_BY_MONTH)
		month_words(g->key, g->label, sizeof g->label, g->name, sizeof g->name);
	else if (f->by == DORN_FIG_BY_OFFENCE && !g->key[0])
		snprintf(g->label, sizeof g->label, "(no offence)");
	else if (f->by == DORN_FIG_BY_UNIT && !g->key[0])
		snprintf(g->label, sizeof g->label, "(no unit)");
	else
		snprintf(g->label, sizeof g->label, "%s", g->key);
}

static int add_to(struct dorn_figures *f, const char *key, const struct dorn_figure_row *r)
{
	struct dorn_fig_set *g = group(f, key);

	if (!g)
		return DORN_ENOMEM;
	label_group(f, g);
	return count_row(g, r, f->today);
}

int dorn_figures_add(struct dorn_figures *f, const struct dorn_figure_row *r)
{
	char key[64];
	int rc;

	if ((f->from[0] || f->to[0]) && !r->concern[0])
		return 0;
	if (f->from[0] && strcmp(r->concern, f->from) < 0)
		return 0;
	if (f->to[0] && strcmp(r->concern, f->to) > 0)
		return 0;
	if ((rc = count_row(&f->all, r, f->today)))
		return rc;
	switch (f->by) {
	case DORN_FIG_BY_MONTH:
		snprintf(key, sizeof key, "%.7s", r->concern);
		return add_to(f, key, r);
	case DORN_FIG_BY_OFFICER:
		return add_to(f, r->officer, r);
	case DORN_FIG_BY_UNIT:
		return add_to(f, r->unit, r);
	case DORN_FIG_BY_OFFENCE:
		/* A case charged with two offences counts under each. */
		if (!r->offences[0])
			return add_to(f, "", r);
		for (const char *p = r->offences; *p;) {
			size_t n = strcspn(p, ",");

			snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), p);
			if (n && (rc = add_to(f, key, r)))
				return rc;
			p += n + (p[n] == ',');
		}
		return 0;
	default:
		return 0;
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void medians(struct dorn_fig_set *s)
{
	for (int d = 0; d < DORN_FD__COUNT; d++) {
		size_t n = (size_t)s->nvalues[d];

		s->median2[d] = 0;
		if (!n)
			continue;
		qsort(s->values[d], n, sizeof(int), cmp_int);
		s->median2[d] = n % 2 ? 2L * s->values[d][n / 2]
				      : (long)s->values[d][n / 2 - 1] + s->values[d][n / 2];
	}
}

/* Every month from the first group's to the last's, so a month with no
 * case shows as one rather than vanish from the series. */
static int fill_months(struct dorn_figures *f)
{
	int y, m, ly, lm;
	char key[32];

	if (f->by != DORN_FIG_BY_MONTH || f->ngroups < 2)
		return 0;
	y = atoi(f->groups[0].key);
	m = atoi(f->groups[0].key + 5);
	ly = atoi(f->groups[f->ngroups - 1].key);
	lm = atoi(f->groups[f->ngroups - 1].key + 5);
	if (m < 1 || m > 12 || lm < 1 || lm > 12 || y < 1900 || ly > 2200)
		return 0;
	while (y < ly || (y == ly && m < lm)) {
		struct dorn_fig_set *g;

		snprintf(key, sizeof key, "%04d-%02d", y, m);
		if (!(g = group(f, key)))
			return DORN_ENOMEM;
		label_group(f, g);
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return 0;
}

int dorn_figures_finish(struct dorn_figures *f)
{
	int rc = fill_months(f);

	if (rc)
		return rc;
	medians(&f->all);
	for (size_t i = 0; i < f->ngroups; i++)
		medians(&f->groups[i]);
	return 0;
}

/* ---- rates and what is hidden ---- */

long dorn_fig_permille(long num, long den)
{
	if (den <= 0)
		return -1;
	return (num * 2000 + den) / (2 * den);
}

long dorn_fig_rate(const struct dorn_fig_set *s, int rate, long *num, long *den)
{
	const struct dorn_fig_rate_info *r = &dorn_fig_rates[rate];

	*num = s->n[r->num];
	*den = s->n[r->den];
	return dorn_fig_permille(*num, *den);
}

int dorn_fig_count_hidden(long v, int below)
{
	return below > 1 && v >= 1 && v < below;
}

int dorn_fig_rate_hidden(const struct dorn_fig_set *s, int rate, int below)
{
	return dorn_fig_count_hidden(s->n[dorn_fig_rates[rate].num], below) ||
	       dorn_fig_count_hidden(s->n[dorn_fig_rates[rate].den], below);
}

int dorn_fig_days_hidden(const struct dorn_fig_set *s, int days, int below)
{
	return dorn_fig_count_hidden(s->nvalues[days], below);
}

/* ---- the bars ---- */

char *dorn_fig_bar(long value, long max, int width, int ascii, char *out, size_t n)
{
	/* U+2588 full, then U+2589 (7/8) down to U+258F (1/8) */
	static const char *const eighths[8] = { "", "\xe2\x96\x8f", "\xe2\x96\x8e",
						"\xe2\x96\x8d", "\xe2\x96\x8c", "\xe2\x96\x8b",
						"\xe2\x96\x8a", "\xe2\x96\x89" };
	long units = 0, full, part;
	size_t w = 0;
	int cols = 0;

	if (!n)
		return out;
	if (width < 0)
		width = 0;
	if (value > 0 && max > 0) {
		long scale = ascii ? 1 : 8;

		if (value > max)
			value = max;
		/* rounded to the nearest unit, and never none for a value */
		units = (value * width * scale * 2 + max) / (2 * max);
		if (units == 0)
			units = 1;
	}
	full = ascii ? units : units / 8;
	part = ascii ? 0 : units % 8;
	for (long i = 0; i < full && cols < width && w + 4 < n; i++, cols++) {
		if (ascii) {
			out[w++] = '#';
		} else {
			memcpy(out + w, "\xe2\x96\x88", 3);
			w += 3;
		}
	}
	if (part && cols < width && w + 4 < n) {
		memcpy(out + w, eighths[part], 3);
		w += 3;
		cols++;
	}
	while (cols < width && w + 1 < n) {
		out[w++] = ' ';
		cols++;
	}
	out[w] = '\0';
	return out;
}

/* ---- the table ---- */

#define INDENT 2
#define LABEL_W 22
#define RIGHT_W 20 /* "%14s %5s": a count or "N of M", then its share */
#define GRID_COLS 7

/* "1 Jan 2026" */
static void date_short(const char *iso, char *out, size_t n)
{
	int y = atoi(iso), m = iso[0] ? atoi(iso + 5) : 0, d = iso[0] ? atoi(iso + 8) : 0;

	if (m < 1 || m > 12)
		snprintf(out, n, "%s", iso);
	else
		snprintf(out, n, "%d %s %d", d, month_short[m - 1], y);
}

void dorn_fig_pct_text(long num, long den, char *out, size_t n)
{
	long p;

	if (den <= 0) {
		snprintf(out, n, "-");
		return;
	}
	p = (num * 200 + den) / (2 * den);
	if (p == 0 && num > 0)
		snprintf(out, n, "<1%%");
	else if (p == 100 && num < den)
		snprintf(out, n, ">99%%");
	else
		snprintf(out, n, "%ld%%", p);
}

/* s, cut with a marker to cols columns and padded to exactly cols. */
static void put_cell(struct dorn_buf *b, const char *s, int cols, int ascii, int right)
{
	size_t len = strlen(s), w = dorn_text_width(s, len), fit;

	if ((int)w > cols) {
		fit = dorn_text_fit(s, len, (size_t)(cols > 0 ? cols - 1 : 0));
		dorn_buf_add(b, s, fit);
		dorn_buf_puts(b, cols > 0 ? (ascii ? "~" : "\xe2\x80\xa6") : "");
		w = dorn_text_width(s, fit) + (cols > 0);
		for (; (int)w < cols; w++)
			dorn_buf_putc(b, ' ');
		return;
	}
	if (right)
		for (; (int)w < cols; w++)
			dorn_buf_putc(b, ' ');
	dorn_buf_add(b, s, len);
	if (!right)
		for (; (int)w < cols; w++)
			dorn_buf_putc(b, ' ');
}

/* Trailing blanks off the line just written, then the newline. */
static void end_line(struct dorn_buf *b)
{
	while (b->len && b->p[b->len - 1] == ' ')
		b->len--;
	if (b->p)
		b->p[b->len] = '\0';
	dorn_buf_putc(b, '\n');
}

struct tab {
	struct dorn_buf *b;
	int width;   /* columns a line may use */
	int ascii;
	int barw;
};

/* "  LABEL  BAR  VALUE  SHARE" */
static void bar_line(struct tab *t, const char *label, long value, long max, const char *v,
		     const char *share)
{
	char bar[4 * 256 + 1];

	dorn_buf_printf(t->b, "%*s", INDENT, "");
	put_cell(t->b, label, LABEL_W, t->ascii, 0);
	dorn_buf_putc(t->b, ' ');
	dorn_buf_puts(t->b, dorn_fig_bar(value, max, t->barw, t->ascii, bar, sizeof bar));
	dorn_buf_putc(t->b, ' ');
	put_cell(t->b, v, 14, t->ascii, 1);
	dorn_buf_putc(t->b, ' ');
	put_cell(t->b, share, 5, t->ascii, 1);
	end_line(t->b);
}

static void count_bars(struct tab *t, const struct dorn_fig_set *s, int first, int last)
{
	char v[32], share[32];

	for (int c = first; c <= last; c++) {
		snprintf(v, sizeof v, "%ld", s->n[c]);
		dorn_fig_pct_text(s->n[c], s->n[first], share, sizeof share);
		bar_line(t, dorn_fig_counts[c].label, s->n[c], s->n[first], v, share);
	}
}

/* "  LABEL .......... RIGHT", right-aligned to the line's end. */
static void text_line(struct tab *t, const char *label, const char *right)
{
	int rw = (int)dorn_text_width(right, strlen(right));
	int lw = t->width - INDENT - 1 - rw;

	dorn_buf_printf(t->b, "%*s", INDENT, "");
	put_cell(t->b, label, lw > 10 ? lw : 10, t->ascii, 0);
	dorn_buf_putc(t->b, ' ');
	dorn_buf_puts(t->b, right);
	end_line(t->b);
}

static void heading(struct tab *t, const char *left, const char *right)
{
	int lw = (int)dorn_text_width(left, strlen(left));

	dorn_buf_putc(t->b, '\n');
	if (right && *right) {
		int rw = (int)dorn_text_width(right, strlen(right));

		if (lw + 2 + rw <= t->width) {
			put_cell(t->b, left, t->width - rw, t->ascii, 0);
			dorn_buf_puts(t->b, right);
			end_line(t->b);
			return;
		}
		dorn_buf_puts(t->b, left);
		end_line(t->b);
		put_cell(t->b, right, t->width, t->ascii, 0);
		end_line(t->b);
		return;
	}
	put_cell(t->b, left, t->width, t->ascii, 0);
	end_line(t->b);
}

/* Words wrapped to the line, each line indented. */
static void wrapped(struct tab *t, const char *text, int indent)
{
	int cols = t->width - indent;
	const char *p = text;

	while (*p) {
		size_t len = strlen(p), fit = dorn_text_fit(p, len, (size_t)cols), cut = fit;

		if (fit < len) {
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		dorn_buf_printf(t->b, "%*s", indent, "");
		dorn_buf_add(t->b, p, cut);
		end_line(t->b);
		p += cut;
		while (*p == ' ')
			p++;
	}
}

void dorn_fig_days_text(long median2, char *out, size_t n)
{
	long whole = median2 / 2, half = median2 % 2;

	if (half && median2 < 0 && whole == 0)
		snprintf(out, n, "-0.5 days");
	else if (half)
		snprintf(out, n, "%ld.5 days", whole);
	else
		snprintf(out, n, "%ld day%s", whole, whole == 1 || whole == -1 ? "" : "s");
}

static void rate_pair(const struct dorn_fig_set *s, int rate, char *v, size_t nv, char *share,
		      size_t ns)
{
	long num, den;

	dorn_fig_rate(s, rate, &num, &den);
	snprintf(v, nv, "%ld of %ld", num, den);
	dorn_fig_pct_text(num, den, share, ns);
}

static void baseline_lines(struct tab *t, const struct dorn_fig_set *s, const char *label)
{
	char v[48], share[32];
	long num, den;

	dorn_fig_rate(s, DORN_FR_MADE_OF_OUTCOMES, &num, &den);
	if (den > 0) {
		rate_pair(s, DORN_FR_MADE_OF_OUTCOMES, v, sizeof v, share, sizeof share);
		bar_line(t, label, num, den, v, share);
	} else {
		text_line(t, label, "no case decided yet");
	}
}

static const char *by_plural(int by)
{
	return by == DORN_FIG_BY_MONTH ? "month" : by == DORN_FIG_BY_OFFENCE ? "offence"
	       : by == DORN_FIG_BY_UNIT ? "unit" : "officer";
}

static void grid(struct tab *t, const struct dorn_figures *f)
{
	static const struct {
		const char *head;
		int count;
	} cols[GRID_COLS] = {
		{ "Cases", DORN_FC_CONCERNS },  { "Approved", DORN_FC_APPROVED },
		{ "Exported", DORN_FC_EXPORTED }, { "Decided", DORN_FC_OUTCOME },
		{ "Sought", DORN_FC_SOUGHT },   { "Made", DORN_FC_MADE },
		{ "Refused", DORN_FC_REFUSED },
	};
	int w[GRID_COLS], used = INDENT, lw;
	char head[32], v[32];

	for (int c = 0; c < GRID_COLS; c++) {
		w[c] = (int)strlen(cols[c].head) < 6 ? 6 : (int)strlen(cols[c].head);
		used += w[c] + 1;
	}
	lw = t->width - used;
	if (lw > 24)
		lw = 24;
	snprintf(head, sizeof head, "By %s", by_plural(f->by));
	dorn_buf_putc(t->b, '\n');
	put_cell(t->b, head, INDENT + lw, t->ascii, 0);
	for (int c = 0; c < GRID_COLS; c++) {
		dorn_buf_putc(t->b, ' ');
		put_cell(t->b, cols[c].head, w[c], t->ascii, 1);
	}
	end_line(t->b);
	for (size_t g = 0; g < f->ngroups; g++) {
		dorn_buf_printf(t->b, "%*s", INDENT, "");
		put_cell(t->b, f->groups[g].label, lw, t->ascii, 0);
		for (int c = 0; c < GRID_COLS; c++) {
			snprintf(v, sizeof v, "%ld", f->groups[g].n[cols[c].count]);
			dorn_buf_putc(t->b, ' ');
			put_cell(t->b, v, w[c], t->ascii, 1);
		}
		end_line(t->b);
	}
}

int dorn_figures_table(const struct dorn_figures *f, int width, int ascii, int below,
		       struct dorn_buf *out)
{
	const struct dorn_fig_set *s = &f->all;
	struct tab t = { out, (width < 72 ? 72 : width) - 1, ascii, 0 };
	char a[40], b[40], line[640], v[48], share[32];

	t.barw = t.width - INDENT - LABEL_W - 1 - 1 - RIGHT_W;
	if (t.barw > 200)
		t.barw = 200;
	date_short(f->from, a, sizeof a);
	date_short(f->to, b, sizeof b);
	if (f->from[0] && f->to[0])
		snprintf(line, sizeof line, "Figures: cases recorded from %s to %s", a, b);
	else if (f->from[0])
		snprintf(line, sizeof line, "Figures: cases recorded from %s on", a);
	else if (f->to[0])
		snprintf(line, sizeof line, "Figures: cases recorded up to %s", b);
	else
		snprintf(line, sizeof line, "Figures: every case recorded");
	if (f->today[0]) {
		size_t n = strlen(line);

		date_short(f->today, b, sizeof b);
		snprintf(line + n, sizeof line - n, " (today is %s)", b);
	}
	put_cell(out, line, t.width, ascii, 0);
	end_line(out);
	if (below > 1)
		snprintf(line, sizeof line, "Exact counts, for the unit: csv and json show 1 to %d "
			 "as \"fewer than %d\".", below - 1, below);
	else
		snprintf(line, sizeof line, "Exact counts, here and in csv and json.");
	wrapped(&t, line, 0);

	heading(&t, "Cases", "bars: share of concerns recorded");
	count_bars(&t, s, DORN_FC_CONCERNS, DORN_FC_RETURNED);
	heading(&t, "Devices and accounts", "bars: share of all items");
	count_bars(&t, s, DORN_FC_ITEMS, DORN_FC_ITEMS_HELD);

	snprintf(line, sizeof line, "Orders made beside the %s", f->baseline.label[0] ?
		 f->baseline.label : "baseline");
	heading(&t, line, "cases with an order, of cases decided");
	baseline_lines(&t, s, "This unit");
	if (f->baseline.of > 0) {
		snprintf(v, sizeof v, "%ld of %ld", f->baseline.made, f->baseline.of);
		dorn_fig_pct_text(f->baseline.made, f->baseline.of, share, sizeof share);
		bar_line(&t, f->baseline.label, f->baseline.made, f->baseline.of, v, share);
		if (f->baseline.source[0]) {
			snprintf(line, sizeof line, "Source: %s", f->baseline.source);
			wrapped(&t, line, INDENT);
		}
	}

	heading(&t, "Rates", NULL);
	for (int r = 0; r < DORN_FR__COUNT; r++) {
		if (r == DORN_FR_MADE_OF_OUTCOMES || r == DORN_FR_MISSED)
			continue; /* beside the baseline above; with the times below */
		rate_pair(s, r, v, sizeof v, share, sizeof share);
		snprintf(line, sizeof line, "%14s %5s", v, share);
		text_line(&t, dorn_fig_rates[r].label, line);
	}

	heading(&t, "Time", "medians");
	for (int d = 0; d < DORN_FD__COUNT; d++) {
		char label[160];

		if (!s->nvalues[d]) {
			snprintf(v, sizeof v, "none yet");
		} else {
			dorn_fig_days_text(s->median2[d], v, sizeof v);
		}
		snprintf(label, sizeof label, "%s (%ld note%s)", dorn_fig_days[d].label,
			 s->nvalues[d], s->nvalues[d] == 1 ? "" : "s");
		text_line(&t, label, v);
	}
	rate_pair(s, DORN_FR_MISSED, v, sizeof v, share, sizeof share);
	snprintf(line, sizeof line, "%14s %5s", v, share);
	text_line(&t, "Notes that missed their hearing, of hearings passed", line);

	if (f->by != DORN_FIG_BY_NONE) {
		grid(&t, f);
		snprintf(line, sizeof line, "Orders made by %s", by_plural(f->by));
		heading(&t, line, "cases with an order, of cases decided");
		for (size_t g = 0; g < f->ngroups; g++)
			baseline_lines(&t, &f->groups[g], f->groups[g].label);
		if (f->baseline.of > 0) {
			snprintf(v, sizeof v, "%ld of %ld", f->baseline.made, f->baseline.of);
			dorn_fig_pct_text(f->baseline.made, f->baseline.of, share, sizeof share);
			bar_line(&t, f->baseline.label, f->baseline.made, f->baseline.of, v, share);
		}
	}
	return out->oom ? DORN_ENOMEM : 0;
}

/* ---- CSV ---- */

static void csv_field(struct dorn_buf *b, const char *s, int first)
{
	if (!first)
		dorn_buf_putc(b, ',');
	if (!strpbrk(s, ",\"\r\n")) {
		dorn_buf_puts(b, s);
		return;
	}
	dorn_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			dorn_buf_putc(b, '"');
		dorn_buf_putc(b, *s);
	}
	dorn_buf_putc(b, '"');
}

/* Tenths as "3.1"; the caller knows it is not -1. */
static void tenths(long v, char *out, size_t n)
{
	snprintf(out, n, "%s%ld.%ld", v < 0 ? "-" : "", (v < 0 ? -v : v) / 10, (v < 0 ? -v : v) % 10);
}

static void half_days(long median2, char *out, size_t n)
{
	long a = median2 < 0 ? -median2 : median2;

	snprintf(out, n, "%s%ld%s", median2 < 0 ? "-" : "", a / 2, a % 2 ? ".5" : "");
}

static void csv_set(struct dorn_buf *b, const struct dorn_figures *f, const char *by,
		    const struct dorn_fig_set *s, int below)
{
	char v[48], hidden[32];
	long num, den, p;

	snprintf(hidden, sizeof hidden, "fewer than %d", below);
	csv_field(b, by, 1);
	csv_field(b, s->key, 0);
	csv_field(b, s->label, 0);
	csv_field(b, s->name, 0);
	csv_field(b, f->from, 0);
	csv_field(b, f->to, 0);
	for (int c = 0; c < DORN_FC__COUNT; c++) {
		snprintf(v, sizeof v, "%ld", s->n[c]);
		csv_field(b, dorn_fig_count_hidden(s->n[c], below) ? hidden : v, 0);
	}
	for (int r = 0; r < DORN_FR__COUNT; r++) {
		p = dorn_fig_rate(s, r, &num, &den);
		if (p < 0)
			v[0] = '\0';
		else if (dorn_fig_rate_hidden(s, r, below))
			snprintf(v, sizeof v, "suppressed");
		else
			tenths(p, v, sizeof v);
		csv_field(b, v, 0);
	}
	for (int d = 0; d < DORN_FD__COUNT; d++) {
		if (!s->nvalues[d])
			v[0] = '\0';
		else if (dorn_fig_days_hidden(s, d, below))
			snprintf(v, sizeof v, "suppressed");
		else
			half_days(s->median2[d], v, sizeof v);
		csv_field(b, v, 0);
		snprintf(v, sizeof v, "%ld", s->nvalues[d]);
		csv_field(b, dorn_fig_count_hidden(s->nvalues[d], below) ? hidden : v, 0);
	}
	dorn_buf_puts(b, "\r\n");
}

int dorn_figures_csv(const struct dorn_figures *f, int below, struct dorn_buf *out)
{
	const struct dorn_fig_baseline *bl = &f->baseline;
	char v[48], key[80];

	csv_field(out, "by", 1);
	csv_field(out, "key", 0);
	csv_field(out, "label", 0);
	csv_field(out, "name", 0);
	csv_field(out, "from", 0);
	csv_field(out, "to", 0);
	for (int c = 0; c < DORN_FC__COUNT; c++)
		csv_field(out, dorn_fig_counts[c].key, 0);
	for (int r = 0; r < DORN_FR__COUNT; r++)
		csv_field(out, dorn_fig_rates[r].key, 0);
	for (int d = 0; d < DORN_FD__COUNT; d++) {
		snprintf(key, sizeof key, "median_%s", dorn_fig_days[d].key);
		csv_field(out, key, 0);
		snprintf(key, sizeof key, "n_%s", dorn_fig_days[d].key);
		csv_field(out, key, 0);
	}
	dorn_buf_puts(out, "\r\n");
	csv_set(out, f, "all", &f->all, below);
	for (size_t g = 0; g < f->ngroups; g++)
		csv_set(out, f, dorn_fig_by_word(f->by), &f->groups[g], below);
	if (bl->of > 0) {
		/* Published figures: never hidden. Only what they say is filled. */
		csv_field(out, "baseline", 1);
		csv_field(out, "baseline", 0);
		csv_field(out, bl->label, 0);
		csv_field(out, bl->source, 0);
		csv_field(out, "", 0);
		csv_field(out, "", 0);
		for (int c = 0; c < DORN_FC__COUNT; c++) {
			v[0] = '\0';
			if (c == DORN_FC_OUTCOME)
				snprintf(v, sizeof v, "%ld", bl->of);
			else if (c == DORN_FC_MADE)
				snprintf(v, sizeof v, "%ld", bl->made);
			csv_field(out, v, 0);
		}
		for (int r = 0; r < DORN_FR__COUNT; r++) {
			v[0] = '\0';
			if (r == DORN_FR_MADE_OF_OUTCOMES)
				tenths(dorn_fig_permille(bl->made, bl->of), v, sizeof v);
			csv_field(out, v, 0);
		}
		for (int d = 0; d < 2 * DORN_FD__COUNT; d++)
			csv_field(out, "", 0);
		dorn_buf_puts(out, "\r\n");
	}
	return out->oom ? DORN_ENOMEM : 0;
}
