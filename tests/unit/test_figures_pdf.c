/* The figures' page (src/export/figures_pdf.c) on sets whose answers are
 * known, read back with poppler: a PDF of one A4 landscape page, tagged,
 * the same bytes for the same figures, small counts hidden as the CSV
 * hides them (and shown with suppression off), the groups that fit and
 * how many more there are, long names kept to their line, and a font
 * that is not there refused with nothing added. */
#include "testutil.h"

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/export.h"
#include "dorn/figures.h"

#define TODAY "2026-11-28"
#define UNIT "Northmoor Witness Care Unit"

struct fx {
	char dir[64];
};

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);

	assert_non_null(x);
	tu_tmpdir(x->dir, sizeof x->dir);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;

	tu_rmdir(x->dir);
	free(x);
	return 0;
}

static void run(const char *cmd, struct dorn_buf *out)
{
	assert_int_equal(tu_run(cmd, out), 0);
}

/* "2026-03-05" into a date field of a figure row. */
static void day(char out[11], int y, int m, int d)
{
	char tmp[48];

	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

/* 20 cases recorded in March 2026, two devices each: 15 with a note
 * approved (2 days after), 12 exported, 10 decided, 8 with an order
 * asked for, 6 made, 2 refused (a count to hide), none returned. */
static void twenty(struct dorn_figures *f, int by)
{
	dorn_figures_init(f, by, "2026-03-01", "2026-03-31", TODAY);
	for (int i = 0; i < 20; i++) {
		struct dorn_figure_row r;

		memset(&r, 0, sizeof r);
		snprintf(r.officer, sizeof r.officer, "%s", i % 2 ? "amy" : "ofc");
		snprintf(r.offences, sizeof r.offences, "soa66b2");
		day(r.concern, 2026, 3, i + 1);
		if (i < 15)
			day(r.approved, 2026, 3, i + 3);
		if (i < 12)
			day(r.exported, 2026, 3, i + 4);
		day(r.hearing, 2026, 4, i + 1);
		r.items = 2;
		if (i < 10) {
			day(r.outcome, 2026, 4, i + 1);
			r.sought = i < 8 ? 2 : 0;
			r.made = i < 6 ? 2 : 0;
			r.refused = i >= 6 && i < 8 ? 2 : 0;
			r.not_sought = i >= 8 ? 2 : 0;
		}
		assert_int_equal(dorn_figures_add(f, &r), 0);
	}
	assert_int_equal(dorn_figures_finish(f), 0);
	snprintf(f->baseline.label, sizeof f->baseline.label, "2025 review");
	snprintf(f->baseline.source, sizeof f->baseline.source,
		 "A 2025 review of 98 cases found orders in 3.");
	f->baseline.made = 3;
	f->baseline.of = 98;
}

static int render(const struct dorn_figures *f, const char *unit, int below, const char *font,
		  struct dorn_buf *out, struct dorn_err *err)
{
	struct dorn_figures_pdf_meta m = { unit, font, below };

	return dorn_figures_pdf(f, &m, out, err);
}

/* The PDF written to dir/name; its pdftotext -layout in text, pdfinfo in
 * info, and nothing from poppler on stderr. */
static void read_back(const char *dir, const char *name, const struct dorn_buf *pdf,
		      struct dorn_buf *text, struct dorn_buf *info)
{
	char path[256], cmd[1024];
	struct dorn_buf err;

	tu_write(dir, name, pdf->p, pdf->len, path, sizeof path);
	dorn_buf_init(&err);
	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' /dev/null 2>&1; pdfinfo '%s' 2>&1 "
		 ">/dev/null; pdffonts '%s' 2>&1 >/dev/null", path, path, path);
	run(cmd, &err);
	assert_string_equal(err.p, "");
	dorn_buf_fini(&err);
	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' - 2>/dev/null", path);
	run(cmd, text);
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null", path);
	run(cmd, info);
}

static int pages_of(const char *info)
{
	const char *p = strstr(info, "\nPages:");

	assert_non_null(p);
	return atoi(p + 7);
}

/* The line of text holding needle, its runs of blanks made one. */
static void line_with(const char *text, const char *needle, char *out, size_t n)
{
	const char *at = strstr(text, needle), *p;
	size_t w = 0;

	out[0] = '\0';
	if (!at)
		return;
	while (at > text && at[-1] != '\n')
		at--;
	for (p = at; *p && *p != '\n' && w + 1 < n; p++)
		if (*p != ' ' || (w && out[w - 1] != ' '))
			out[w++] = *p;
	while (w && out[w - 1] == ' ')
		w--;
	out[w] = '\0';
}

static void test_figures_pdf__one_tagged_a4_page(void **state)
{
	struct fx *x = *state;
	struct dorn_figures f;
	struct dorn_buf pdf, text, info;
	struct dorn_err err;

	twenty(&f, DORN_FIG_BY_NONE);
	dorn_buf_init(&pdf);
	dorn_buf_init(&text);
	dorn_buf_init(&info);
	assert_int_equal(render(&f, UNIT, 5, NULL, &pdf, &err), 0);
	assert_true(pdf.len > 1000);
	assert_memory_equal(pdf.p, "%PDF-1.", 7);
	read_back(x->dir, "f.pdf", &pdf, &text, &info);
	assert_int_equal(pages_of(info.p), 1);
	assert_has(info.p, "Page size:       841.89 x 595.276 pts (A4)");
	assert_has(info.p, "Tagged:          yes");
	assert_has(info.p, "Title:           Deprivation orders: the unit's figures\n");
	assert_has(info.p, "Author:          " UNIT "\n");
	assert_has(info.p, "Subject:         Cases recorded from 1 March 2026 to 31 March 2026\n");
	/* the model's day, not the clock's */
	assert_has(info.p, "CreationDate:    Sat Nov 28 00:00:00 2026 UTC");
	assert_has(text.p, "Made on 28 November 2026");
	dorn_figures_fini(&f);
	dorn_buf_fini(&pdf);
	dorn_buf_fini(&text);
	dorn_buf_fini(&info);
}

static void test_figures_pdf__same_figures_same_bytes(void **state)
{
	struct dorn_figures f;
	struct dorn_buf a, b;
	struct dorn_err err;

	(void)state;
	twenty(&f, DORN_FIG_BY_MONTH);
	dorn_buf_init(&a);
	dorn_buf_init(&b);
	assert_int_equal(render(&f, UNIT, 5, NULL, &a, &err), 0);
	assert_int_equal(render(&f, UNIT, 5, NULL, &b, &err), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	/* and other figures, other bytes */
	f.all.n[DORN_FC_CONCERNS]++;
	dorn_buf_reset(&b);
	assert_int_equal(render(&f, UNIT, 5, NULL, &b, &err), 0);
	assert_true(a.len != b.len || memcmp(a.p, b.p, a.len) != 0);
	dorn_figures_fini(&f);
	dorn_buf_fini(&a);
	dorn_buf_fini(&b);
}

static void test_figures_pdf__funnel_numbers_and_shares(void **state)
{
	struct fx *x = *state;
	struct dorn_figures f;
	struct dorn_buf pdf, text, info;
	struct dorn_err err;
	char line[512];

	twenty(&f, DORN_FIG_BY_NONE);
	dorn_buf_init(&pdf);
	dorn_buf_init(&text);
	dorn_buf_init(&info);
	assert_int_equal(render(&f, UNIT, 5, NULL, &pdf, &err), 0);
	read_back(x->dir, "f.pdf", &pdf, &text, &info);
	line_with(text.p, "Concerns recorded", line, sizeof line);
	assert_string_equal(line, "Concerns recorded 20 100% 40");
	line_with(text.p, "Notes approved", line, sizeof line);
	assert_has(line, "Notes approved 15 75%");
	line_with(text.p, "Notes exported", line, sizeof line);
	assert_has(line, "Notes exported 12 60%");
	line_with(text.p, "Outcome recorded", line, sizeof line);
	assert_has(line, "Outcome recorded 10 50%");
	line_with(text.p, "Order made", line, sizeof line);
	assert_string_equal(line, "Order made 6 30% 12");
	/* 2 cases refused: hidden, and the share resting on it */
	line_with(text.p, "Order refused", line, sizeof line);
	assert_string_equal(line, "Order refused fewer than 5 suppressed fewer than 5");
	/* the pair: 6 of 10 decided beside 3 of 98 */
	line_with(text.p, "This unit", line, sizeof line);
	assert_has(line, "This unit 6 of 10 60%");
	line_with(text.p, "3 of 98", line, sizeof line);
	assert_has(line, "2025 review 3 of 98 3%");
	assert_has(text.p, "A 2025 review of 98 cases found orders in 3.");
	/* the medians: 2 days to the note, the note 29 days before its
	 * hearing, of 15 notes; 5 of the 20 hearings passed with no note */
	line_with(text.p, "median of 15 notes", line, sizeof line);
	assert_string_equal(line, "2 days median of 15 notes 29 days median of 15 notes 25% "
			    "5 of 20 hearings passed");
	dorn_figures_fini(&f);
	dorn_buf_fini(&pdf);
	dorn_buf_fini(&text);
	dorn_buf_fini(&info);
}

static void test_figures_pdf__suppression_as_csv(void **state)
{
	struct fx *x = *state;
	struct dorn_figures f;
	struct dorn_buf pdf, text, info, csv;
	struct dorn_err err;
	char line[512];

	twenty(&f, DORN_FIG_BY_NONE);
	dorn_buf_init(&pdf);
	dorn_buf_init(&text);
	dorn_buf_init(&info);
	dorn_buf_init(&csv);
	/* [figures] suppress_below = 10: the 6 cases with an order are hidden
	 * too (their 12 items are not), so is the orders rate, and the CSV
	 * agrees */
	assert_int_equal(render(&f, UNIT, 10, NULL, &pdf, &err), 0);
	read_back(x->dir, "ten.pdf", &pdf, &text, &info);
	line_with(text.p, "Order made", line, sizeof line);
	assert_string_equal(line, "Order made fewer than 10 suppressed 12");
	line_with(text.p, "This unit", line, sizeof line);
	assert_has(line, "This unit fewer than 10 of 10 suppressed");
	assert_hasnt(line, "60%");
	assert_int_equal(dorn_figures_csv(&f, 10, &csv), 0);
	assert_has(csv.p, ",fewer than 10,");
	assert_has(text.p, "Counts from 1 to 9 are shown as \"fewer than 10\"");
	/* off: every count as it is */
	dorn_buf_reset(&pdf);
	assert_int_equal(render(&f, UNIT, 0, NULL, &pdf, &err), 0);
	read_back(x->dir, "all.pdf", &pdf, &text, &info);
	line_with(text.p, "Order refused", line, sizeof line);
	assert_string_equal(line, "Order refused 2 10% 4");
	assert_hasnt(text.p, "fewer than");
	assert_hasnt(text.p, "suppressed");
	assert_has(text.p, "Every count is exact");
	dorn_figures_fini(&f);
	dorn_buf_fini(&pdf);
	dorn_buf_fini(&text);
	dorn_buf_fini(&info);
	dorn_buf_fini(&csv);
}

/* 40 months with a case each: the most recent that fit, and how many
 * earlier ones are not shown; by officer, logins and the whole range. */
static void test_figures_pdf__groups_that_fit(void **state)
{
	struct fx *x = *state;
	struct dorn_figures f;
	struct dorn_buf pdf, text, info;
	struct dorn_err err;
	char line[512];

	dorn_figures_init(&f, DORN_FIG_BY_MONTH, "", "", TODAY);
	for (int i = 0; i < 40; i++) {
		struct dorn_figure_row r;

		memset(&r, 0, sizeof r);
		snprintf(r.officer, sizeof r.officer, "ofc");
		day(r.concern, 2023 + i / 12, i % 12 + 1, 10);
		r.items = 1;
		assert_int_equal(dorn_figures_add(&f, &r), 0);
	}
	assert_int_equal(dorn_figures_finish(&f), 0);
	dorn_buf_init(&pdf);
	dorn_buf_init(&text);
	dorn_buf_init(&info);
	assert_int_equal(render(&f, UNIT, 5, NULL, &pdf, &err), 0);
	read_back(x->dir, "months.pdf", &pdf, &text, &info);
	assert_int_equal(pages_of(info.p), 1);
	assert_has(text.p, "By month");
	line_with(text.p, "Apr 2026", line, sizeof line);
	assert_string_equal(line, "Apr 2026 fewer than 5 0 0 0 0 0 0 none decided");
	assert_hasnt(text.p, "Jan 2023");
	assert_has(text.p, "earlier months are not shown");
	line_with(text.p, "All cases", line, sizeof line);
	assert_has(line, "All cases 40 0 0 0 0 0 0 none decided");
	dorn_figures_fini(&f);

	twenty(&f, DORN_FIG_BY_OFFICER);
	dorn_buf_reset(&pdf);
	assert_int_equal(render(&f, UNIT, 5, NULL, &pdf, &err), 0);
	read_back(x->dir, "officer.pdf", &pdf, &text, &info);
	line_with(text.p, "amy", line, sizeof line);
	assert_string_equal(line, "amy 10 7 6 5 fewer than 5 fewer than 5 fewer than 5 suppressed");
	assert_hasnt(text.p, "not shown");
	dorn_figures_fini(&f);
	dorn_buf_fini(&pdf);
	dorn_buf_fini(&text);
	dorn_buf_fini(&info);
}

/* A unit's name too long to stand beside the title goes under it, whole;
 * a login too long for its cell is cut with an ellipsis on one line (its
 * whole text still copies out), never wrapped over the next row. */
static void test_figures_pdf__long_names_kept_to_their_line(void **state)
{
	static const char unit[] = "Northmoor Police Witness Care Unit, Eastern Division and Islands";
	struct fx *x = *state;
	struct dorn_figures f;
	struct dorn_buf pdf, text, info;
	struct dorn_err err;
	char line[512];

	twenty(&f, DORN_FIG_BY_OFFICER);
	snprintf(f.groups[0].label, sizeof f.groups[0].label, "%s",
		 "amyaveryveryverylongloginthatgoesonandonandonforeverandeverxxx");
	dorn_buf_init(&pdf);
	dorn_buf_init(&text);
	dorn_buf_init(&info);
	assert_int_equal(render(&f, unit, 5, NULL, &pdf, &err), 0);
	read_back(x->dir, "long.pdf", &pdf, &text, &info);
	line_with(text.p, "Deprivation orders", line, sizeof line);
	assert_string_equal(line, "Deprivation orders: the unit's figures");
	line_with(text.p, "Northmoor", line, sizeof line);
	assert_string_equal(line, unit);
	line_with(text.p, "amyavery", line, sizeof line);
	assert_string_equal(line, "amyaveryveryverylongloginthatgoesonandonandonforeverandeverxxx "
			    "10 7 6 5 fewer than 5 fewer than 5 fewer than 5 suppressed");
	dorn_figures_fini(&f);
	dorn_buf_fini(&pdf);
	dorn_buf_fini(&text);
	dorn_buf_fini(&info);
}

static void test_figures_pdf__missing_font_adds_nothing(void **state)
{
	struct dorn_figures f;
	struct dorn_buf out;
	struct dorn_err err;

	(void)state;
	twenty(&f, DORN_FIG_BY_NONE);
	dorn_buf_init(&out);
	assert_int_equal(dorn_buf_puts(&out, "before"), 0);
	dorn_err_clear(&err);
	assert_int_equal(render(&f, UNIT, 5, "No Such Sans", &out, &err), DORN_ECONFIG);
	assert_has(err.msg, "[export] pdf_font");
	assert_has(err.msg, "No Such Sans");
	assert_int_equal(out.len, 6);
	assert_string_equal(out.p, "before");
	/* after something already in out, the PDF is added whole */
	assert_int_equal(render(&f, UNIT, 5, NULL, &out, &err), 0);
	assert_memory_equal(out.p, "before%PDF-", 11);
	dorn_figures_fini(&f);
	dorn_buf_fini(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_figures_pdf__one_tagged_a4_page, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_figures_pdf__same_figures_same_bytes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_figures_pdf__funnel_numbers_and_shares, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_figures_pdf__suppression_as_csv, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_figures_pdf__groups_that_fit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures_pdf__long_names_kept_to_their_line,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures_pdf__missing_font_adds_nothing, setup,
						teardown),
	};
	int failed;

	umask(077);
	failed = cmocka_run_group_tests_name("figures_pdf", tests, NULL, NULL);
	dorn_pdf_release();
	return failed;
}
