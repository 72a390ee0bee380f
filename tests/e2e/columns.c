/* The case list uses the width it has: at 80 columns the defendant, the
 * date and its days, the note and URGENT/PASSED; from 120 the court and
 * the offence, and the date in words ("Fri 4 Dec 2026, in 6 days"); from
 * 200 what the date is for and the officer in case. Text too long for its
 * column is cut with a marker, and a resize keeps the highlighted case.
 * The worked examples are imported, with today pinned as in golden.c, and
 * one case more whose defendant has a long name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define TODAY "DORN_TODAY=2026-11-28"
#define LONG_URN "07/LN/40001/26"
#define LONG_NAME "Bartholomew Alexander Featherstonehaugh-Cholmondeley"
#define MORE "\u2026"

static const char *const env_today[] = { TODAY, NULL };

/* init, every example in data/examples, and the long-named case (its
 * next hearing after every example's date, so it is last on the list). */
static int setup(void **state)
{
	const char *imp[16] = { "import" };
	struct h_term *t = h_new_init(env_today);
	char path[512];
	glob_t g;
	size_t i;
	FILE *f;
	int rc = -1;

	if (!t)
		return -1;
	snprintf(path, sizeof path, "%s/long.ini", h_dir(t));
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "[case]\nurn = %s\ndefendant = %s\ncourt = %s\n"
			"next_hearing = 2027-03-01\n[victim]\nreference = LN-1\n",
			LONG_URN, LONG_NAME, "Kingsford and District Magistrates' Court");
		rc = fclose(f);
	}
	if (!rc && glob("data/examples/*.ini", 0, NULL, &g) == 0) {
		rc = -1;
		if (g.gl_pathc > 0 && g.gl_pathc < 12) {
			for (i = 0; i < g.gl_pathc; i++)
				imp[1 + i] = g.gl_pathv[i];
			imp[1 + i] = path;
			imp[2 + i] = NULL;
			rc = h_run_ok(t, imp, env_today, NULL, 0);
		}
		globfree(&g);
	}
	if (rc) {
		h_free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static void start(struct h_term *t, int rows, int cols)
{
	const char *args[] = { "--db", h_db(t), NULL };

	assert_int_equal(h_spawn(t, args, env_today, rows, cols), 0);
	h_expect_text(t, "Victim ref");
}

static int row_of(struct h_term *t, const char *s)
{
	for (int row = 0; row < h_rows(t); row++)
		if (strstr(h_row_text(t, row), s))
			return row;
	return -1;
}

/* The row holding s has every one of the texts (NULL-ended) too. */
static void expect_row(struct h_term *t, const char *s, const char *const texts[])
{
	int row = row_of(t, s);

	if (row < 0) {
		h_dump(t, s);
		fail_msg("no row shows %s", s);
	}
	for (size_t i = 0; texts[i]; i++)
		if (!strstr(h_row_text(t, row), texts[i])) {
			h_dump(t, texts[i]);
			fail_msg("the row of %s does not show \"%s\": %s", s, texts[i],
				 h_row_text(t, row));
		}
}

/* The URN on the row where the real cursor is: the highlighted case. */
static void selected_urn(struct h_term *t, char out[32])
{
	int row, col;

	h_wait_idle(t);
	h_cursor_pos(t, &row, &col);
	snprintf(out, 32, "%.16s", h_row_text(t, row));
	out[strcspn(out, " ")] = '\0';
}

static void test_columns__80_shows_the_defendant(void **state)
{
	struct h_term *t = *state;
	static const char *const heads[] = { "URN", "Victim ref", "Defendant", "Next date",
					     "Days", "Note", NULL };
	static const char *const first[] = { "WC-2026-0142", "Marcus Threlfall", "04/12/2026",
					     " 6 ", "draft", "URGENT", NULL };
	static const char *const names[] = { "Paweł Dziedzic", "URGENT", NULL };

	start(t, 24, 80);
	expect_row(t, "Victim ref", heads);
	expect_row(t, "14/WC/20417/26", first);
	/* a UTF-8 name is cut by width, not by bytes, and fits here */
	expect_row(t, "62/LM/4401923/26", names);
	/* the court and the offence wait for a wider screen */
	h_expect_no_text(t, "Court");
	h_expect_no_text(t, "Offence");
	h_expect_no_text(t, "Eastbridge");
}

static void test_columns__120_adds_the_court_and_the_offence(void **state)
{
	struct h_term *t = *state;
	static const char *const heads[] = { "Defendant", "Offence", "Court", "Next date",
					     "Note", NULL };
	static const char *const first[] = { "Marcus Threlfall", "s.66B(2)", "Eastbridge",
					     "Fri 4 Dec 2026, in 6 days", "draft", "URGENT",
					     NULL };

	start(t, 30, 120);
	expect_row(t, "Victim ref", heads);
	expect_row(t, "14/WC/20417/26", first);
	/* the date says how far away it is, so there is no Days column */
	h_expect_no_text(t, "Days");
	h_expect_text(t, "Tue 12 Jan 2027, in 45 days");
	/* still no room for what the date is for, or the officer */
	h_expect_no_text(t, "Officer in case");
	h_expect_no_text(t, "Helen Aspinall");
}

static void test_columns__200_adds_the_hearing_and_the_officer(void **state)
{
	struct h_term *t = *state;
	static const char *const heads[] = { "Defendant", "Offence", "Court", "Next date",
					     "For", "Note", "Officer in case", NULL };
	static const char *const first[] = { "Marcus Threlfall", "s.66B(2)",
					     "Eastbridge Magistrates' Court",
					     "Fri 4 Dec 2026, in 6 days", "sentencing", "draft",
					     "URGENT", "DC 2291 Helen Aspinall", NULL };
	static const char *const trial[] = { "Reece Lanyon", "Kingsford Magistrates' Court",
					     "trial, 1 day", "PC 2718 Jo Whitcombe", NULL };

	start(t, 40, 200);
	expect_row(t, "Victim ref", heads);
	expect_row(t, "14/WC/20417/26", first);
	expect_row(t, "43/KD/32011/26", trial);
}

/* A name longer than its column ends in the marker at every width, and a
 * wider screen shows more of it. */
static void test_columns__long_name_cut_with_a_marker(void **state)
{
	struct h_term *t = *state;
	static const char *const at80[] = { "Bartholomew Ale" MORE, NULL };
	static const char *const at200[] = { "Bartholomew Alexander Feat", "Kingsford and", NULL };
	int row;

	start(t, 24, 80);
	h_key(t, H_END);
	h_expect_text(t, LONG_URN);
	expect_row(t, LONG_URN, at80);
	h_expect_no_text(t, LONG_NAME);
	h_resize(t, 40, 200);
	h_expect_text(t, "Officer in case");
	expect_row(t, LONG_URN, at200);
	row = row_of(t, LONG_URN);
	assert_non_null(strstr(h_row_text(t, row), MORE));
	h_expect_no_text(t, LONG_NAME);
}

/* [ui] ascii = yes marks a cut with ~, as its other symbols. */
static void test_columns__ascii_marks_a_cut_with_a_tilde(void **state)
{
	struct h_term *t = *state;
	const char *args[5] = { "--config", NULL, "--db", NULL, NULL };
	static const char *const at80[] = { "Bartholomew Ale~", NULL };
	char cfg[512];
	FILE *f;

	snprintf(cfg, sizeof cfg, "%s/ascii.ini", h_dir(t));
	f = fopen(cfg, "w");
	assert_non_null(f);
	fputs("[ui]\nascii = yes\n", f);
	assert_int_equal(fclose(f), 0);
	args[1] = cfg;
	args[3] = h_db(t);
	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
	h_expect_text(t, "Victim ref");
	h_key(t, H_END);
	h_expect_text(t, LONG_URN);
	expect_row(t, LONG_URN, at80);
	h_expect_no_text(t, MORE);
}

static void test_columns__resize_keeps_the_selection(void **state)
{
	struct h_term *t = *state;
	char want[32], got[32];
	static const int sizes[][2] = { { 30, 120 }, { 40, 200 }, { 24, 80 }, { 40, 200 },
					{ 30, 120 }, { 24, 80 } };

	start(t, 24, 80);
	for (int i = 0; i < 4; i++)
		h_key(t, H_DOWN);
	selected_urn(t, want);
	assert_string_equal(want, "05/TR/50877/26"); /* the fifth case */
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		h_resize(t, sizes[i][0], sizes[i][1]);
		h_expect_text(t, sizes[i][1] >= 120 ? "Court" : "Days");
		selected_urn(t, got);
		if (strcmp(got, want)) {
			h_dump(t, "selection");
			fail_msg("at %dx%d the highlight moved from %s to %s", sizes[i][1],
				 sizes[i][0], want, got);
		}
	}
	/* and Enter opens the case the highlight is on */
	h_key(t, H_ENTER);
	h_expect_text(t, "of 7");
	h_expect_text(t, "05/TR/50877/26");
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, setup, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_columns__80_shows_the_defendant),
		JOURNEY(test_columns__120_adds_the_court_and_the_offence),
		JOURNEY(test_columns__200_adds_the_hearing_and_the_officer),
		JOURNEY(test_columns__long_name_cut_with_a_marker),
		JOURNEY(test_columns__ascii_marks_a_cut_with_a_tilde),
		JOURNEY(test_columns__resize_keeps_the_selection),
	};

	return cmocka_run_group_tests_name("e2e-columns", tests, NULL, NULL);
}
