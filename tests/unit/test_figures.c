/* The unit's figures: the arithmetic on generated sets whose answers are
 * known (98 cases of which 3 ended with an order is 3%, as the 2025
 * review), medians, missed hearings at the boundary, groups, what is
 * hidden in exports, the bars and the table's width; then, on a real
 * database, the figure row kept in step after each kind of change and
 * filled in by migration 11 for cases that existed; the baseline file. */
#include "apputil.h"

#include <limits.h>
#include <sqlite3.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/figures.h"
#include "dorn/model.h"
#include "dorn/offences.h"
#include "dorn/store.h"
#include "dorn/text.h"
#include "dorn/urn.h"

#define TODAY "2026-11-28"

static void row_init(struct dorn_figure_row *r, const char *concern)
{
	memset(r, 0, sizeof *r);
	snprintf(r->officer, sizeof r->officer, "ofc");
	snprintf(r->offences, sizeof r->offences, "soa66b2");
	snprintf(r->concern, sizeof r->concern, "%s", concern);
}

static void add(struct dorn_figures *f, const struct dorn_figure_row *r)
{
	assert_int_equal(dorn_figures_add(f, r), 0);
}

static void finish(struct dorn_figures *f)
{
	assert_int_equal(dorn_figures_finish(f), 0);
}

static void baseline(struct dorn_figures *f)
{
	snprintf(f->baseline.label, sizeof f->baseline.label, "2025 review");
	snprintf(f->baseline.source, sizeof f->baseline.source,
		 "A review, of 98 cases, found \"3\".");
	f->baseline.made = 3;
	f->baseline.of = 98;
}

/* The line of text that holds needle, copied into out ("" when none). */
static void line_with(const char *text, const char *needle, char *out, size_t n)
{
	const char *at = strstr(text, needle), *start, *end;

	out[0] = '\0';
	if (!at)
		return;
	for (start = at; start > text && start[-1] != '\n'; start--)
		;
	end = strchr(at, '\n');
	if (!end)
		end = at + strlen(at);
	snprintf(out, n, "%.*s", (int)(end - start), start);
}

/* ---- the arithmetic ---- */

/* 98 cases decided, 3 of them with an order (one item each): the unit's
 * rate is the review's, 3 in 98, shown as 3% beside it. */
static void test_arith__98_cases_3_orders_is_3_percent(void **state)
{
	struct dorn_figures f;
	struct dorn_figure_row r;
	struct dorn_buf b;
	char line[256];
	long num, den;

	(void)state;
	dorn_figures_init(&f, DORN_FIG_BY_NONE, NULL, NULL, TODAY);
	baseline(&f);
	for (int i = 0; i < 98; i++) {
		row_init(&r, "2026-03-02");
		snprintf(r.outcome, sizeof r.outcome, "2026-06-01");
		r.items = 1;
		if (i < 3) {
			r.sought = r.made = 1;
		} else {
			r.not_sought = 1;
		}
		add(&f, &r);
	}
	finish(&f);
	assert_int_equal(f.all.n[DORN_FC_CONCERNS], 98);
	assert_int_equal(f.all.n[DORN_FC_OUTCOME], 98);
	assert_int_equal(f.all.n[DORN_FC_MADE], 3);
	assert_int_equal(dorn_fig_rate(&f.all, DORN_FR_MADE_OF_OUTCOMES, &num, &den), 31);
	assert_int_equal(num, 3);
	assert_int_equal(den, 98);
	assert_int_equal(dorn_fig_permille(f.baseline.made, f.baseline.of), 31);
	dorn_buf_init(&b);
	assert_int_equal(dorn_figures_table(&f, 80, 0, 5, &b), 0);
	line_with(dorn_buf_str(&b), "  This unit", line, sizeof line);
	assert_non_null(strstr(line, "3 of 98"));
	assert_non_null(strstr(line, "  3%"));
	line_with(dorn_buf_str(&b), "  2025 review", line, sizeof line);
	assert_non_null(strstr(line, "3 of 98"));
	assert_non_null(strstr(line, "  3%"));
	dorn_buf_fini(&b);
	dorn_figures_fini(&f);
}

/* 100 cases, case i in a pattern whose every stage has a known count. */
static void test_arith__funnel_of_a_known_set(void **state)
{
	struct dorn_figures f;
	struct dorn_figure_row r;
	long num, den;

	(void)state;
	dorn_figures_init(&f, DORN_FIG_BY_NONE, "", "", TODAY);
	for (int i = 0; i < 100; i++) {
		int k = i % 10;

		row_init(&r, "2026-01-15");
		r.items = 2;
		if (k < 8)
			snprintf(r.approved, sizeof r.approved, "2026-01-20");
		if (k < 6)
			snprintf(r.exported, sizeof r.exported, "2026-01-21");
		if (k < 5) /* decided: both items asked for */
			snprintf(r.outcome, sizeof r.outcome, "2026-02-01");
		if (k < 2) {
			r.sought = r.made = 2; /* orders on both */
		} else if (k < 4) {
			r.sought = 2;      /* one made, one refused */
			r.made = r.refused = 1;
		} else if (k == 4) {
			r.sought = r.refused = 1;
			r.returned = 1;
		} else if (k == 9) {
			r.held = 2;        /* no outcome date, but a result: decided */
		}
		add(&f, &r);
	}
	finish(&f);
	assert_int_equal(f.all.n[DORN_FC_CONCERNS], 100);
	assert_int_equal(f.all.n[DORN_FC_APPROVED], 80);
	assert_int_equal(f.all.n[DORN_FC_EXPORTED], 60);
	assert_int_equal(f.all.n[DORN_FC_OUTCOME], 60);
	assert_int_equal(f.all.n[DORN_FC_SOUGHT], 50);
	assert_int_equal(f.all.n[DORN_FC_MADE], 40);
	assert_int_equal(f.all.n[DORN_FC_REFUSED], 30);
	assert_int_equal(f.all.n[DORN_FC_RETURNED], 10);
	assert_int_equal(f.all.n[DORN_FC_ITEMS], 200);
	assert_int_equal(f.all.n[DORN_FC_ITEMS_SOUGHT], 90);
	assert_int_equal(f.all.n[DORN_FC_ITEMS_MADE], 60);
	assert_int_equal(f.all.n[DORN_FC_ITEMS_REFUSED], 30);
	assert_int_equal(f.all.n[DORN_FC_ITEMS_RETURNED], 10);
	assert_int_equal(f.all.n[DORN_FC_ITEMS_HELD], 20);
	assert_int_equal(dorn_fig_rate(&f.all, DORN_FR_APPROVED, &num, &den), 800);
	assert_int_equal(dorn_fig_rate(&f.all, DORN_FR_MADE, &num, &den), 400);
	assert_int_equal(dorn_fig_rate(&f.all, DORN_FR_MADE_OF_OUTCOMES, &num, &den), 667);
	assert_int_equal(dorn_fig_rate(&f.all, DORN_FR_ITEMS_MADE, &num, &den), 667);
	assert_int_equal(dorn_fig_rate(&f.all, DORN_FR_ITEMS_REFUSED, &num, &den), 333);
	/* every approved note took 5 days; none of the hearings is known */
	assert_int_equal(f.all.nvalues[DORN_FD_TO_NOTE], 80);
	assert_int_equal(f.all.median2[DORN_FD_TO_NOTE], 10);
	assert_int_equal(f.all.nvalues[DORN_FD_TO_HEARING], 0);
	dorn_figures_fini(&f);
}

static void test_arith__rounding(void **state)
{
	(void)state;
	assert_int_equal(dorn_fig_permille(3, 98), 31);
	assert_int_equal(dorn_fig_permille(1, 3), 333);
	assert_int_equal(dorn_fig_permille(2, 3), 667);
	assert_int_equal(dorn_fig_permille(1, 8), 125);
	assert_int_equal(dorn_fig_permille(1, 2000), 1);   /* 0.05% rounds half up */
	assert_int_equal(dorn_fig_permille(1, 2001), 0);
	assert_int_equal(dorn_fig_permille(0, 5), 0);
	assert_int_equal(dorn_fig_permille(5, 5), 1000);
	assert_int_equal(dorn_fig_permille(1, 0), -1);
}

/* Odd and even counts, half days, and a note approved after its hearing. */
static void test_arith__medians(void **state)
{
	static const char *const approved[] = { "2026-03-06", "2026-03-02", "2026-03-10",
						"2026-03-03" };
	static const char *const hearings[] = { "2026-03-04", "2026-02-28", "2026-03-08",
						"2026-03-01" };
	struct dorn_figures f;
	struct dorn_figure_row r;
	struct dorn_buf b;
	char line[256];

	(void)state;
	dorn_figures_init(&f, DORN_FIG_BY_NONE, NULL, NULL, TODAY);
	for (int i = 0; i < 3; i++) { /* 5, 1 and 9 days: 5 */
		row_init(&r, "2026-03-01");
		snprintf(r.approved, sizeof r.approved, "%s", approved[i]);
		add(&f, &r);
	}
	finish(&f);
	assert_int_equal(f.all.nvalues[DORN_FD_TO_NOTE], 3);
	assert_int_equal(f.all.median2[DORN_FD_TO_NOTE], 10);
	dorn_figures_fini(&f);

	dorn_figures_init(&f, DORN_FIG_BY_NONE, NULL, NULL, TODAY);
	for (int i = 0; i < 4; i++) { /* 5, 1, 9, 2: (2 + 5) / 2 = 3.5 */
		row_init(&r, "2026-03-01");
		snprintf(r.approved, sizeof r.approved, "%s", approved[i]);
		/* each hearing 2 days before the approval: -2 days */
		snprintf(r.hearing, sizeof r.hearing, "%s", hearings[i]);
		add(&f, &r);
	}
	finish(&f);
	assert_int_equal(f.all.median2[DORN_FD_TO_NOTE], 7);
	assert_int_equal(f.all.median2[DORN_FD_TO_HEARING], -4);
	dorn_buf_init(&b);
	assert_int_equal(dorn_figures_table(&f, 80, 0, 5, &b), 0);
	line_with(dorn_buf_str(&b), "Concern recorded to note approved", line, sizeof line);
	assert_non_null(strstr(line, "(4 notes)"));
	assert_non_null(strstr(line, "3.5 days"));
	line_with(dorn_buf_str(&b), "Note approved to hearing", line, sizeof line);
	assert_non_null(strstr(line, "-2 days"));
	dorn_buf_fini(&b);
	dorn_buf_init(&b);
	assert_int_equal(dorn_figures_csv(&f, 0, &b), 0);
	assert_non_null(strstr(dorn_buf_str(&b), ",3.5,4,-2,4\r\n"));
	dorn_buf_fini(&b);
	dorn_figures_fini(&f);
}

/* A note misses its hearing when the day comes with no version approved
 * the day before or earlier; a hearing today has not passed. */
static void test_arith__missed_hearing_at_the_boundary(void **state)
{
	static const struct {
		const char *hearing, *approved;
		int passed, missed;
	} cases[] = {
		{ "2026-11-27", "2026-11-26", 1, 0 }, /* approved the day before */
		{ "2026-11-27", "2026-11-27", 1, 1 }, /* on the day: too late */
		{ "2026-11-27", "2026-11-28", 1, 1 }, /* after it */
		{ "2026-11-27", "", 1, 1 },           /* never */
		{ "2026-11-28", "", 0, 0 },           /* today: not passed yet */
		{ "2026-12-09", "", 0, 0 },
		{ "", "", 0, 0 },                     /* no hearing known */
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct dorn_figures f;
		struct dorn_figure_row r;

		dorn_figures_init(&f, DORN_FIG_BY_NONE, NULL, NULL, TODAY);
		row_init(&r, "2026-11-01");
		snprintf(r.hearing, sizeof r.hearing, "%s", cases[i].hearing);
		snprintf(r.approved, sizeof r.approved, "%s", cases[i].approved);
		add(&f, &r);
		finish(&f);
		if (f.all.n[DORN_FC_PASSED] != cases[i].passed ||
		    f.all.n[DORN_FC_MISSED] != cases[i].missed)
			fail_msg("hearing %s, approved '%s': passed %ld missed %ld, wanted %d %d",
				 cases[i].hearing, cases[i].approved, f.all.n[DORN_FC_PASSED],
				 f.all.n[DORN_FC_MISSED], cases[i].passed, cases[i].missed);
		dorn_figures_fini(&f);
	}
}

/* --from and --to hold both ends. */
static void test_arith__range_is_inclusive(void **state)
{
	static const char *const days[] = { "2026-01-31", "2026-02-01", "2026-02-15",
					    "2026-02-28", "2026-03-01" };
	struct dorn_figures f;
	struct dorn_figure_row r;

	(void)state;
	dorn_figures_init(&f, DORN_FIG_BY_NONE, "2026-02-01", "2026-02-28", TODAY);
	for (size_t i = 0; i < 5; i++) {
		row_init(&r, days[i]);
		add(&f, &r);
	}
	finish(&f);
	assert_int_equal(f.all.n[DORN_FC_CONCERNS], 3);
	dorn_figures_fini(&f);
}

/* By month: every month from the first to the last, empty ones too. */
static void test_groups__months_in_order_with_the_gaps(void **state)
{
	static const char *const days[] = { "2026-04-03", "2025-12-30", "2026-04-20",
					    "2026-02-11" };
	static const char *const keys[] = { "2025-12", "2026-01", "2026-02", "2026-03",
					    "2026-04" };
	static const long counts[] = { 1, 0, 1, 0, 2 };
	struct dorn_figures f;
	struct dorn_figure_row r;

	(void)state;
	dorn_figures_init(&f, DORN_FIG_BY_MONTH, NULL, NULL, TODAY);
	for (size_t i = 0; i < 4; i++) {
		row_init(&r, days[i]);
		add(&f, &r);
	}
	finish(&f);
	assert_int_equal(f.ngroups, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(f.groups[i].key, keys[i]);
		assert_int_equal(f.groups[i].n[DORN_FC_CONCERNS], counts[i]);
	}
	assert_string_equal(f.groups[0].label, "Dec 2025");
	assert_string_equal(f.groups[1].name, "January 2026");
	assert_int_equal(f.all.n[DORN_FC_CONCERNS], 4);
	dorn_figures_fini(&f);
}

/* By offence: a case counts under each of its offences, so the groups add
 * up to more than the whole; a case with none has a group of its own. */
static void test_groups__offences_count_each(void **state)
{
	struct dorn_figures f;
	struct dorn_figure_row r;

	(void)state;
	dorn_figures_init(&f, DORN_FIG_BY_OFFENCE, NULL, NULL, TODAY);
	row_init(&r, "2026-01-01");
	snprintf(r.offences, sizeof r.offences, "soa66b2,sca76");
	r.sought = r.made = r.items = 1;
	add(&f, &r);
	row_init(&r, "2026-01-02");
	add(&f, &r);
	row_init(&r, "2026-01-03");
	r.offences[0] = '\0';
	add(&f, &r);
	finish(&f);
	assert_int_equal(f.all.n[DORN_FC_CONCERNS], 3);
	assert_int_equal(f.ngroups, 3);
	assert_string_equal(f.groups[0].key, "");
	assert_string_equal(f.groups[0].label, "(no offence)");
	assert_string_equal(f.groups[1].key, "sca76");
	assert_int_equal(f.groups[1].n[DORN_FC_CONCERNS], 1);
	assert_int_equal(f.groups[1].n[DORN_FC_MADE], 1);
	assert_string_equal(f.groups[2].key, "soa66b2");
	assert_int_equal(f.groups[2].n[DORN_FC_CONCERNS], 2);
	assert_int_equal(f.groups[2].n[DORN_FC_MADE], 1);
	dorn_figures_fini(&f);
}

static void test_groups__officers_by_login(void **state)
{
	static const char *const who[] = { "zed", "amy", "zed", "bo" };
	struct dorn_figures f;
	struct dorn_figure_row r;

	(void)state;
	dorn_figures_init(&f, DORN_FIG_BY_OFFICER, NULL, NULL, TODAY);
	for (size_t i = 0; i < 4; i++) {
		row_init(&r, "2026-01-01");
		snprintf(r.officer, sizeof r.officer, "%s", who[i]);
		add(&f, &r);
	}
	finish(&f);
	assert_int_equal(f.ngroups, 3);
	assert_string_equal(f.groups[0].label, "amy");
	assert_string_equal(f.groups[2].label, "zed");
	assert_int_equal(f.groups[2].n[DORN_FC_CONCERNS], 2);
	assert_int_equal(dorn_fig_by_of("officer"), DORN_FIG_BY_OFFICER);
	assert_int_equal(dorn_fig_by_of("officers"), -1);
	assert_int_equal(dorn_fig_by_of(""), -1);
	dorn_figures_fini(&f);
}

/* A server's figures by the cases' units; a row without one (a file's)
 * is "(no unit)". */
static void test_groups__units_by_code(void **state)
{
	static const char *const unit[] = { "S2", "N1", "S2", "" };
	struct dorn_figures f;
	struct dorn_figure_row r;
	struct dorn_buf b;

	(void)state;
	dorn_figures_init(&f, DORN_FIG_BY_UNIT, NULL, NULL, TODAY);
	for (size_t i = 0; i < 4; i++) {
		row_init(&r, "2026-01-01");
		snprintf(r.unit, sizeof r.unit, "%s", unit[i]);
		add(&f, &r);
	}
	finish(&f);
	assert_int_equal(f.ngroups, 3);
	assert_string_equal(f.groups[0].label, "(no unit)");
	assert_string_equal(f.groups[1].label, "N1");
	assert_string_equal(f.groups[2].label, "S2");
	assert_int_equal(f.groups[2].n[DORN_FC_CONCERNS], 2);
	assert_int_equal(dorn_fig_by_of("unit"), DORN_FIG_BY_UNIT);
	assert_string_equal(dorn_fig_by_word(DORN_FIG_BY_UNIT), "unit");
	dorn_buf_init(&b);
	assert_int_equal(dorn_figures_table(&f, 80, 1, 0, &b), 0);
	assert_non_null(strstr(dorn_buf_str(&b), "Orders made by unit"));
	dorn_buf_fini(&b);
	dorn_figures_fini(&f);
}

/* ---- what leaves the unit ---- */

static void test_hidden__small_counts_and_what_is_built_on_them(void **state)
{
	struct dorn_fig_set s;

	(void)state;
	assert_false(dorn_fig_count_hidden(0, 5));
	for (long v = 1; v < 5; v++)
		assert_true(dorn_fig_count_hidden(v, 5));
	assert_false(dorn_fig_count_hidden(5, 5));
	assert_false(dorn_fig_count_hidden(1, 0)); /* 0 turns it off */
	assert_false(dorn_fig_count_hidden(1, 1));
	assert_true(dorn_fig_count_hidden(9, 10));
	memset(&s, 0, sizeof s);
	s.n[DORN_FC_CONCERNS] = 98;
	s.n[DORN_FC_MADE] = 3;
	s.n[DORN_FC_OUTCOME] = 60;
	assert_true(dorn_fig_rate_hidden(&s, DORN_FR_MADE, 5));   /* 3 of 98 */
	assert_false(dorn_fig_rate_hidden(&s, DORN_FR_MADE, 0));
	s.n[DORN_FC_MADE] = 7;
	s.n[DORN_FC_OUTCOME] = 4;
	assert_false(dorn_fig_rate_hidden(&s, DORN_FR_MADE, 5));
	assert_true(dorn_fig_rate_hidden(&s, DORN_FR_MADE_OF_OUTCOMES, 5)); /* of 4 */
	s.nvalues[DORN_FD_TO_NOTE] = 4;
	assert_true(dorn_fig_days_hidden(&s, DORN_FD_TO_NOTE, 5));
	s.nvalues[DORN_FD_TO_NOTE] = 5;
	assert_false(dorn_fig_days_hidden(&s, DORN_FD_TO_NOTE, 5));
}

/* Fields of one CSV record (RFC 4180) starting at *p, which moves past
 * its CRLF; -1 when it is not one. */
static int csv_record(const char **p, char fields[][96], int max)
{
	const char *s = *p;
	int n = 0;

	for (;;) {
		size_t w = 0;

		if (n == max)
			return -1;
		if (*s == '"') {
			for (s++;; s++) {
				if (*s == '\0')
					return -1;
				if (*s == '"' && s[1] == '"')
					s++;
				else if (*s == '"')
					break;
				if (w + 1 < 96)
					fields[n][w++] = *s;
			}
			s++;
		} else {
			for (; *s && *s != ',' && *s != '\r' && *s != '\n' && *s != '"'; s++)
				if (w + 1 < 96)
					fields[n][w++] = *s;
		}
		fields[n++][w] = '\0';
		if (*s == ',') {
			s++;
			continue;
		}
		if (s[0] == '\r' && s[1] == '\n') {
			*p = s + 2;
			return n;
		}
		return -1;
	}
}

static int column(char head[][96], int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(head[i], name) == 0)
			return i;
	fail_msg("no column %s", name);
	return -1;
}

/* Every record has the header's fields; 1 to 4 is "fewer than 5", a rate
 * on one "suppressed", 0 and 5 and more as they are; the baseline is
 * never hidden, and its source (commas, quotes) is quoted. */
static void test_csv__records_and_hidden_counts(void **state)
{
	static char head[80][96], rec[80][96];
	struct dorn_figures f;
	struct dorn_figure_row r;
	struct dorn_buf b;
	const char *p;
	int nh, n, records = 0;

	(void)state;
	dorn_figures_init(&f, DORN_FIG_BY_MONTH, NULL, NULL, TODAY);
	baseline(&f);
	for (int i = 0; i < 12; i++) {
		row_init(&r, i < 7 ? "2026-01-10" : "2026-02-10");
		r.items = 1;
		if (i < 3) {
			snprintf(r.outcome, sizeof r.outcome, "2026-03-01");
			r.sought = r.made = 1;
		}
		add(&f, &r);
	}
	finish(&f);
	dorn_buf_init(&b);
	assert_int_equal(dorn_figures_csv(&f, 5, &b), 0);
	p = dorn_buf_str(&b);
	nh = csv_record(&p, head, 80);
	assert_true(nh > 20);
	assert_string_equal(head[0], "by");
	while (*p) {
		n = csv_record(&p, rec, 80);
		assert_int_equal(n, nh);
		records++;
		if (strcmp(rec[0], "all") == 0) {
			assert_string_equal(rec[column(head, nh, "concerns")], "12");
			assert_string_equal(rec[column(head, nh, "cases_made")], "fewer than 5");
			assert_string_equal(rec[column(head, nh, "items_not_sought")], "0");
			assert_string_equal(rec[column(head, nh, "pct_made_of_concerns")],
					    "suppressed");
			assert_string_equal(rec[column(head, nh, "pct_approved")], "0.0");
			assert_string_equal(rec[column(head, nh, "median_days_concern_to_note")], "");
		} else if (strcmp(rec[0], "month") == 0) {
			assert_string_equal(rec[column(head, nh, "concerns")],
					    strcmp(rec[1], "2026-01") == 0 ? "7" : "5");
		} else {
			assert_string_equal(rec[0], "baseline");
			assert_string_equal(rec[column(head, nh, "cases_made")], "3");
			assert_string_equal(rec[column(head, nh, "outcome")], "98");
			assert_string_equal(rec[column(head, nh, "pct_made_of_outcomes")], "3.1");
			assert_string_equal(rec[column(head, nh, "name")],
					    "A review, of 98 cases, found \"3\".");
		}
	}
	assert_int_equal(records, 4);
	/* 0 shows everything */
	dorn_buf_reset(&b);
	assert_int_equal(dorn_figures_csv(&f, 0, &b), 0);
	assert_null(strstr(dorn_buf_str(&b), "fewer than"));
	assert_null(strstr(dorn_buf_str(&b), "suppressed"));
	dorn_buf_fini(&b);
	dorn_figures_fini(&f);
}

/* ---- the bars and the table ---- */

static void test_bar__blocks_eighths_and_ascii(void **state)
{
	char out[256];

	(void)state;
	assert_string_equal(dorn_fig_bar(0, 10, 4, 0, out, sizeof out), "    ");
	assert_string_equal(dorn_fig_bar(10, 10, 3, 0, out, sizeof out),
			    "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88");
	/* 3/16 of 2 columns is 3 eighths of one: U+258D */
	assert_string_equal(dorn_fig_bar(3, 16, 2, 0, out, sizeof out), "\xe2\x96\x8d ");
	/* 9/16: one full, one eighth */
	assert_string_equal(dorn_fig_bar(9, 16, 2, 0, out, sizeof out),
			    "\xe2\x96\x88\xe2\x96\x8f");
	/* any value shows: 1 of 1000 is a sliver */
	assert_string_equal(dorn_fig_bar(1, 1000, 3, 0, out, sizeof out), "\xe2\x96\x8f  ");
	assert_string_equal(dorn_fig_bar(1, 1000, 3, 1, out, sizeof out), "#  ");
	assert_string_equal(dorn_fig_bar(5, 10, 4, 1, out, sizeof out), "##  ");
	assert_string_equal(dorn_fig_bar(20, 10, 4, 1, out, sizeof out), "####");
	dorn_fig_bar(7, 9, 33, 0, out, sizeof out);
	assert_int_equal(dorn_text_width(out, strlen(out)), 33);
}

/* Every line within width - 1 columns, whatever the width and however
 * long a group's name; and readable: each funnel line has its number. */
static void test_table__fits_and_says_its_numbers(void **state)
{
	static const int widths[] = { 72, 80, 81, 120, 200, 300 };
	struct dorn_figures f;
	struct dorn_figure_row r;
	struct dorn_buf b;

	(void)state;
	dorn_figures_init(&f, DORN_FIG_BY_OFFICER, NULL, NULL, TODAY);
	baseline(&f);
	for (int i = 0; i < 40; i++) {
		row_init(&r, "2026-05-05");
		snprintf(r.officer, sizeof r.officer, i % 2 ? "a.very.long.login.name.for.one.officer."
			 "who.has.a.long.name.indeed" : "ofc");
		snprintf(r.approved, sizeof r.approved, "2026-05-09");
		snprintf(r.hearing, sizeof r.hearing, "2026-05-30");
		r.items = 12345;
		add(&f, &r);
	}
	finish(&f);
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		const char *p, *nl;

		dorn_buf_init(&b);
		assert_int_equal(dorn_figures_table(&f, widths[w], w % 2, 5, &b), 0);
		for (p = dorn_buf_str(&b); *p; p = nl + 1) {
			nl = strchr(p, '\n');
			assert_non_null(nl);
			if (dorn_text_width(p, (size_t)(nl - p)) > (size_t)widths[w] - 1)
				fail_msg("width %d: a line of %zu columns: %.*s", widths[w],
					 dorn_text_width(p, (size_t)(nl - p)), (int)(nl - p), p);
		}
		assert_non_null(strstr(dorn_buf_str(&b), "Concerns recorded"));
		assert_non_null(strstr(dorn_buf_str(&b), "493800"));  /* 40 x 12345 items */
		assert_non_null(strstr(dorn_buf_str(&b), "By officer"));
		dorn_buf_fini(&b);
	}
	dorn_figures_fini(&f);
}

/* ---- the figure row, kept by the store ----
 * An officer (ofc) records the case; the fixture's own login is the
 * supervisor who approves and exports it. */

#define URN "14/WC/20417/26"

static void as(struct fx *f, const char *login)
{
	struct dorn_err err;

	dorn_app_close(&f->app);
	f->o.as_login = login;
	assert_int_equal(dorn_app_configure(&f->app, &f->o, &err), 0);
	if (dorn_app_open(&f->app, &f->o, 0, &err))
		fail_msg("open as %s: %s", login ? login : "me", err.msg);
}

/* sharing.ini with every line starting with from[i] replaced by to[i]. */
static void import(struct fx *f, int update, const char *const *from, const char *const *to)
{
	char src[PATH_MAX], path[PATH_MAX], *files[1] = { path };
	const char *data = getenv("DORN_DATADIR");
	struct dorn_buf report;
	struct dorn_err err;
	char line[1024];
	FILE *in, *out;

	snprintf(src, sizeof src, "%s/examples/sharing.ini", data ? data : "data");
	snprintf(path, sizeof path, "%s/sharing.ini", f->dir);
	in = fopen(src, "r");
	out = fopen(path, "w");
	assert_non_null(in);
	assert_non_null(out);
	while (fgets(line, sizeof line, in)) {
		size_t i;

		for (i = 0; from && from[i]; i++)
			if (strncmp(line, from[i], strlen(from[i])) == 0)
				break;
		fputs(from && from[i] ? to[i] : line, out);
	}
	fclose(in);
	assert_int_equal(fclose(out), 0);
	dorn_buf_init(&report);
	if (dorn_app_import(&f->app, files, 1, update, &report, &err))
		fail_msg("import: %s", err.msg);
	dorn_buf_fini(&report);
}

struct want {
	const char *officer, *offences, *hearing;
	int child, items, sought, made, refused, not_sought, returned, held;
	int approved, exported, outcome; /* dates set (each is checked against its source) */
};

static sqlite3 *db(struct fx *f)
{
	return dorn_store_handle(f->app.st);
}

static void text_of(struct fx *f, const char *sql, char *out, size_t n)
{
	sqlite3_stmt *s;

	assert_int_equal(sqlite3_prepare_v2(db(f), sql, -1, &s, NULL), SQLITE_OK);
	out[0] = '\0';
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

/* The case's figure row is w, its dates are its sources' (the day the case
 * was recorded, its first approval, its first export's disclose row, its
 * outcome), and dorn check finds nothing out of step. */
static void expect_row(struct fx *f, const struct want *w)
{
	static const char sql[] =
		"SELECT f.officer, f.offences, f.child, f.concern, coalesce(f.approved, ''),"
		" coalesce(f.exported, ''), coalesce(f.hearing, ''), coalesce(f.outcome, ''),"
		" f.items, f.sought, f.made, f.refused, f.not_sought, f.returned, f.held"
		" FROM figure f JOIN \"case\" c ON c.id = f.case_id WHERE c.urn = '14WC2041726'";
	char created[32], reviewed[32], disclosed[32], decided[16];
	struct dorn_buf report;
	struct dorn_err err;
	sqlite3_stmt *s;
	int problems = 0, schema = 0;

	text_of(f, "SELECT substr(created, 1, 10) FROM \"case\"", created, sizeof created);
	text_of(f, "SELECT substr(min(reviewed), 1, 10) FROM note WHERE status = 'approved'",
		reviewed, sizeof reviewed);
	text_of(f, "SELECT substr(min(time), 1, 10) FROM audit WHERE action = 'disclose'"
		" AND entity = 'note'", disclosed, sizeof disclosed);
	text_of(f, "SELECT date FROM outcome", decided, sizeof decided);
	assert_int_equal(sqlite3_prepare_v2(db(f), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(s, 0), w->officer);
	assert_string_equal(sqlite3_column_text(s, 1), w->offences);
	assert_int_equal(sqlite3_column_int(s, 2), w->child);
	assert_string_equal(sqlite3_column_text(s, 3), created);
	assert_string_equal(sqlite3_column_text(s, 4), w->approved ? reviewed : "");
	assert_string_equal(sqlite3_column_text(s, 5), w->exported ? disclosed : "");
	assert_string_equal(sqlite3_column_text(s, 6), w->hearing);
	assert_string_equal(sqlite3_column_text(s, 7), w->outcome ? decided : "");
	assert_int_equal(sqlite3_column_int(s, 8), w->items);
	assert_int_equal(sqlite3_column_int(s, 9), w->sought);
	assert_int_equal(sqlite3_column_int(s, 10), w->made);
	assert_int_equal(sqlite3_column_int(s, 11), w->refused);
	assert_int_equal(sqlite3_column_int(s, 12), w->not_sought);
	assert_int_equal(sqlite3_column_int(s, 13), w->returned);
	assert_int_equal(sqlite3_column_int(s, 14), w->held);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	if (w->approved)
		assert_true(reviewed[0]);
	if (w->exported)
		assert_true(disclosed[0]);
	dorn_buf_init(&report);
	assert_int_equal(dorn_app_check(&f->app, &report, &problems, &schema, &err), 0);
	if (problems)
		fail_msg("dorn check: %s", dorn_buf_str(&report));
	dorn_buf_fini(&report);
}

static void record_outcome(struct fx *f, int first, int second)
{
	struct dorn_case_view v;
	struct dorn_err err;

	memset(&v, 0, sizeof v);
	if (dorn_app_show(&f->app, URN, &v, &err))
		fail_msg("show: %s", err.msg);
	snprintf(v.c->outcome.date, sizeof v.c->outcome.date, "2026-11-25");
	snprintf(v.c->outcome.court, sizeof v.c->outcome.court, "Eastbridge Magistrates' Court");
	v.c->items[0].result = first;
	v.c->items[1].result = second;
	if (second == DORN_RESULT_REFUSED)
		snprintf(v.c->items[1].result_reason, sizeof v.c->items[1].result_reason,
			 "The co-owner needs it");
	if (dorn_app_outcome_save(&f->app, v.c, NULL, &err))
		fail_msg("outcome: %s", err.msg);
	dorn_case_view_fini(&v);
}

static void test_store__row_in_step_after_each_change(void **state)
{
	static const char *const later_from[] = { "sentencing_date = ", "offences = ",
						  "under_18_at_images = ", NULL };
	static const char *const later_to[] = { "sentencing_date = 11/12/2026\n",
						"offences = soa66b2, sca76\n",
						"under_18_at_images = yes\n", NULL };
	struct fx *f = *state;
	struct want w = { "ofc", "soa66b2", "2026-12-04", 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	char out[PATH_MAX], *urns[1] = { (char *)URN };
	struct dorn_export_opts o = { 0 };
	struct dorn_buf report;
	struct dorn_note n;
	struct dorn_err err;

	if (dorn_app_staff_add(&f->app, "ofc", "Olu Officer", DORN_ROLE_OFFICER, NULL, &err))
		fail_msg("staff add: %s", err.msg);
	/* recorded: the officer who recorded it, its offences, its hearing */
	as(f, "ofc");
	import(f, 0, NULL, NULL);
	expect_row(f, &w);
	/* submitted: nothing of the figures changes */
	if (dorn_app_submit(&f->app, URN, &n, &err))
		fail_msg("submit: %s", err.msg);
	dorn_note_fini(&n);
	expect_row(f, &w);
	/* approved by the supervisor */
	as(f, NULL);
	if (dorn_app_review(&f->app, URN, 1, NULL, &err))
		fail_msg("approve: %s", err.msg);
	w.approved = 1;
	expect_row(f, &w);
	/* exported: the disclose row */
	snprintf(out, sizeof out, "%s/exports", f->dir);
	o.out_dir = out;
	o.formats = DORN_FMT_TXT;
	dorn_buf_init(&report);
	if (dorn_app_export(&f->app, urns, 1, 0, &o, &report, &err))
		fail_msg("export: %s", err.msg);
	dorn_buf_fini(&report);
	w.exported = 1;
	expect_row(f, &w);
	/* the case changed: its sentencing date, offences and the victim's age
	 * then; whoever changes it, the officer stays who recorded it; the
	 * first approval and export stay though a new version starts */
	import(f, 1, later_from, later_to);
	w.hearing = "2026-12-11";
	w.offences = "soa66b2,sca76";
	w.child = 1;
	expect_row(f, &w);
	/* the outcome, and a correction of it */
	record_outcome(f, DORN_RESULT_ORDER_MADE, DORN_RESULT_REFUSED);
	w.outcome = 1;
	w.sought = 2;
	w.made = w.refused = 1;
	expect_row(f, &w);
	record_outcome(f, DORN_RESULT_FORFEITURE, DORN_RESULT_RETURNED);
	w.sought = w.made = w.returned = 1;
	w.refused = 0;
	expect_row(f, &w);
	record_outcome(f, DORN_RESULT_NOT_SOUGHT, DORN_RESULT_HELD);
	w.sought = w.made = w.returned = 0;
	w.not_sought = w.held = 1;
	expect_row(f, &w);
}

/* A database of schema 10 (made before the store kept the figures) gets a
 * row for each of its cases when it is opened, as the store keeps them. */
static void test_store__migration_fills_existing_cases(void **state)
{
	struct fx *f = *state;
	struct want w = { "ofc", "soa66b2", "2026-12-04", 0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0 };
	struct dorn_note n;
	struct dorn_err err;
	char v[16];

	if (dorn_app_staff_add(&f->app, "ofc", "Olu Officer", DORN_ROLE_OFFICER, NULL, &err))
		fail_msg("staff add: %s", err.msg);
	as(f, "ofc");
	import(f, 0, NULL, NULL);
	if (dorn_app_submit(&f->app, URN, &n, &err))
		fail_msg("submit: %s", err.msg);
	dorn_note_fini(&n);
	as(f, NULL);
	if (dorn_app_review(&f->app, URN, 1, NULL, &err))
		fail_msg("approve: %s", err.msg);
	expect_row(f, &w);
	/* back to schema 10 as the after-the-hearing release left it */
	assert_int_equal(sqlite3_exec(db(f), "DELETE FROM figure; DROP INDEX audit_disclose;"
				      " PRAGMA user_version = 10", NULL, NULL, NULL), SQLITE_OK);
	text_of(f, "SELECT count(*) FROM figure", v, sizeof v);
	assert_string_equal(v, "0");
	as(f, NULL);
	text_of(f, "PRAGMA user_version", v, sizeof v);
	assert_string_equal(v, "11");
	expect_row(f, &w);
}

/* --by officer is a supervisor's; from after to is refused. */
static void test_app__who_may_see_what(void **state)
{
	struct fx *f = *state;
	struct dorn_figures_query q = { NULL, NULL, DORN_FIG_BY_OFFICER };
	struct dorn_figures fig;
	struct dorn_err err;

	if (dorn_app_staff_add(&f->app, "ofc", "Olu Officer", DORN_ROLE_OFFICER, NULL, &err))
		fail_msg("staff add: %s", err.msg);
	assert_int_equal(dorn_app_figures(&f->app, &q, &fig, &err), 0);
	assert_string_equal(fig.baseline.label, "2025 review");
	assert_int_equal(fig.baseline.made, 3);
	assert_int_equal(fig.baseline.of, 98);
	dorn_figures_fini(&fig);
	as(f, "ofc");
	assert_int_equal(dorn_app_figures(&f->app, &q, &fig, &err), DORN_EPERM);
	assert_non_null(strstr(err.msg, "for supervisors"));
	dorn_figures_fini(&fig);
	/* one unit per file: the units' figures are a server's */
	q.by = DORN_FIG_BY_UNIT;
	assert_int_equal(dorn_app_figures(&f->app, &q, &fig, &err), DORN_EUSAGE);
	assert_non_null(strstr(err.msg, "one unit per database file"));
	dorn_figures_fini(&fig);
	q.by = DORN_FIG_BY_MONTH;
	q.from = "2026-02-01";
	q.to = "2026-01-31";
	assert_int_equal(dorn_app_figures(&f->app, &q, &fig, &err), DORN_EUSAGE);
	dorn_figures_fini(&fig);
	q.to = "2026-02-01";
	assert_int_equal(dorn_app_figures(&f->app, &q, &fig, &err), 0);
	dorn_figures_fini(&fig);
}

/* ---- data/figures.ini ---- */

static void test_baseline__the_file_and_its_faults(void **state)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "[baseline]\nlabel = x\nmade = 4\nof = 3\nsource = s\n", ":3: [baseline] made is more than of" },
		{ "[baseline]\nlabel = x\nmade = 1\nof = 0\nsource = s\n", ":4: [baseline] of is not" },
		{ "[baseline]\nlabel = x\nmade = three\nof = 98\nsource = s\n", ":3: [baseline] made is not" },
		{ "[baseline]\nlabel = x\nmade = 3\nof = 98\n", "[baseline] source is missing" },
		{ "[baseline]\nlabel = x\nmade = 3\nof = 98\nsource = s\nyear = 2025\n", ":6: [baseline] unknown key 'year'" },
		{ "[review]\nlabel = x\n", ":1: unknown section [review]" },
		{ "[baseline]\nlabel = a label much longer than forty characters, it is\nmade = 3\nof = 98\nsource = s\n", ":2: [baseline] label is longer" },
	};
	struct dorn_fig_baseline b;
	struct dorn_err err;
	char dir[64], path[PATH_MAX];

	(void)state;
	assert_int_equal(dorn_figures_baseline_load(NULL, &b, &err), 0);
	assert_string_equal(b.label, "2025 review");
	assert_int_equal(b.made, 3);
	assert_int_equal(b.of, 98);
	assert_non_null(strstr(b.source, "98 magistrates' court intimate-image cases"));
	tu_tmpdir(dir, sizeof dir);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tu_write(dir, "figures.ini", bad[i].text, strlen(bad[i].text), path, sizeof path);
		dorn_err_clear(&err);
		assert_int_equal(dorn_figures_baseline_load(path, &b, &err), DORN_ECONFIG);
		if (!strstr(err.msg, bad[i].want) || !strstr(err.msg, path))
			fail_msg("%s: wanted '%s', got: %s", bad[i].text, bad[i].want, err.msg);
	}
	tu_rmdir(dir);
}

#define APP(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arith__98_cases_3_orders_is_3_percent),
		cmocka_unit_test(test_arith__funnel_of_a_known_set),
		cmocka_unit_test(test_arith__rounding),
		cmocka_unit_test(test_arith__medians),
		cmocka_unit_test(test_arith__missed_hearing_at_the_boundary),
		cmocka_unit_test(test_arith__range_is_inclusive),
		cmocka_unit_test(test_groups__months_in_order_with_the_gaps),
		cmocka_unit_test(test_groups__offences_count_each),
		cmocka_unit_test(test_groups__officers_by_login),
		cmocka_unit_test(test_groups__units_by_code),
		cmocka_unit_test(test_hidden__small_counts_and_what_is_built_on_them),
		cmocka_unit_test(test_csv__records_and_hidden_counts),
		cmocka_unit_test(test_bar__blocks_eighths_and_ascii),
		cmocka_unit_test(test_table__fits_and_says_its_numbers),
		APP(test_store__row_in_step_after_each_change),
		APP(test_store__migration_fills_existing_cases),
		APP(test_app__who_may_see_what),
		cmocka_unit_test(test_baseline__the_file_and_its_faults),
	};

	umask(077); /* as main.c does: the database must not be readable by others */
	return cmocka_run_group_tests_name("figures", tests, NULL, NULL);
}
