/* Unit tests for the pure core: UTF-8 text helpers, error messages, URNs
 * and dates. */
#include "testutil.h"

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/text.h"
#include "dorn/urn.h"

/* ---- helpers ---- */

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("expected \"%s\" in \"%s\"", needle, hay);
}

/* No C0, DEL or C1 character and nothing malformed: safe to draw. */
static void assert_clean(const char *s)
{
	size_t bad;

	assert_true(dorn_utf8_valid(s, strlen(s), &bad));
	if (dorn_text_has_control(s, 0))
		fail_msg("control character in \"%s\"", s);
}

/* Parse a URN that must be rejected; the message goes to err. */
static void urn_rejected(const char *in, struct dorn_err *err)
{
	char out[DORN_URN_MAX];

	dorn_err_clear(err);
	memset(out, 'x', sizeof out);
	assert_int_equal(dorn_urn_parse(in, out, err), DORN_EDATA);
	assert_int_equal(err->code, DORN_EDATA);
	assert_string_equal(out, "");
	assert_clean(err->msg);
}

static void urn_accepted(const char *in, const char *want)
{
	struct dorn_err err;
	char out[DORN_URN_MAX];

	dorn_err_clear(&err);
	if (dorn_urn_parse(in, out, &err) != 0)
		fail_msg("'%s' rejected: %s", in, err.msg);
	assert_string_equal(out, want);
}

static void date_rejected(const char *in, struct dorn_err *err)
{
	struct dorn_date d = { 1, 2, 3 };

	dorn_err_clear(err);
	assert_int_equal(dorn_date_parse(in, &d, err), DORN_EDATA);
	assert_int_equal(err->code, DORN_EDATA);
	assert_clean(err->msg);
	/* out is left alone on failure */
	assert_int_equal(d.y, 1);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 3);
}

static void date_accepted(const char *in, int y, int m, int d)
{
	struct dorn_err err;
	struct dorn_date got = { 0, 0, 0 };

	dorn_err_clear(&err);
	if (dorn_date_parse(in, &got, &err) != 0)
		fail_msg("'%s' rejected: %s", in, err.msg);
	assert_int_equal(got.y, y);
	assert_int_equal(got.m, m);
	assert_int_equal(got.d, d);
}

static size_t strip(char *buf, size_t size, const char *in, int flags)
{
	snprintf(buf, size, "%s", in);
	return dorn_text_strip(buf, flags);
}

/* ---- URN: accepted forms ---- */

/* The one array helper: grows by doubling, keeps what was there, and
 * refuses a size that would overflow without touching the array. */
/* Letters SQLite's unicode61 leaves alone fold to what is typed without
 * them; everything else is kept as it is, and nothing grows. */
static void test_fold__letters_without_accents_to_strip(void **state)
{
	char out[64];

	(void)state;
	assert_string_equal(dorn_text_fold("\xc5\x81ukasz \xc5\x82\xc3\xb3" "d\xc5\xba", out),
			    "Lukasz l\xc3\xb3" "d\xc5\xba"); /* ó, ź: SQLite folds them */
	assert_string_equal(dorn_text_fold("S\xc3\xb8ren \xc3\x86r\xc3\xb8", out), "Soren AEro");
	assert_string_equal(dorn_text_fold("Stra\xc3\x9f""e", out), "Strasse");
	assert_string_equal(dorn_text_fold("plain, 01/AB/12345/26", out), "plain, 01/AB/12345/26");
	assert_string_equal(dorn_text_fold("", out), "");
	assert_true(strlen(dorn_text_fold("\xc3\x9e\xc3\xbe\xc3\x90", out)) <= 6);
}

static void test_grow__doubles_and_keeps(void **state)
{
	long *v = NULL;
	size_t cap = 0, grows = 0, last = 0;

	(void)state;
	for (size_t i = 0; i < 1000; i++) {
		assert_int_equal(dorn_grow(&v, &cap, i + 1, sizeof *v), 0);
		assert_true(cap >= i + 1);
		if (cap != last) {
			grows++;
			last = cap;
		}
		v[i] = (long)i * 3;
	}
	for (size_t i = 0; i < 1000; i++)
		assert_int_equal(v[i], (long)i * 3);
	assert_true(grows <= 8); /* 8, 16, ... 1024: amortised O(1) */
	free(v);
}

static void test_grow__overflow_refused(void **state)
{
	char *v = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(dorn_grow(&v, &cap, 4, 1), 0);
	v[0] = 'x';
	assert_int_equal(dorn_grow(&v, &cap, (size_t)-1 / 2 + 2, 4), DORN_ENOMEM);
	assert_int_equal(cap, 8);
	assert_int_equal(v[0], 'x');
	assert_int_equal(dorn_grow(&v, &cap, 8, 1), 0); /* enough already: no change */
	assert_int_equal(cap, 8);
	free(v);
}

static void test_urn__compact_11(void **state)
{
	(void)state;
	urn_accepted("01AB1234525", "01AB1234525");
	urn_accepted("99Z91234525", "99Z91234525");
	urn_accepted("01231234525", "01231234525");
}

static void test_urn__compact_13(void **state)
{
	(void)state;
	urn_accepted("01AB123456725", "01AB123456725");
	urn_accepted("01ab123456725", "01AB123456725");
}

static void test_urn__slashes_and_lower_case(void **state)
{
	(void)state;
	urn_accepted("01/AB/12345/25", "01AB1234525");
	urn_accepted("01/ab/12345/25", "01AB1234525");
	urn_accepted("01/aB/1234567/25", "01AB123456725");
	urn_accepted("01ab1234525", "01AB1234525");
}

static void test_urn__spaces_hyphens_and_white_space(void **state)
{
	(void)state;
	urn_accepted("01 ab 12345 25", "01AB1234525");
	urn_accepted("01-AB-12345-25", "01AB1234525");
	urn_accepted("01 / AB / 12345 / 25", "01AB1234525");
	urn_accepted("01-AB/1234567 25", "01AB123456725");
	urn_accepted("  01/AB/12345/25\n", "01AB1234525");
	urn_accepted("\t01ab1234525 \r\n", "01AB1234525");
}

static void test_urn__null_out_validates_only(void **state)
{
	(void)state;
	assert_int_equal(dorn_urn_parse("01/AB/12345/25", NULL, NULL), 0);
	assert_int_equal(dorn_urn_parse("01/AB/12345", NULL, NULL), DORN_EDATA);
}

/* ---- URN: rejections ---- */

static void test_urn__empty_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	urn_rejected("", &err);
	assert_string_equal(err.msg, "no URN given: type one like 01/AB/12345/25");
	urn_rejected("   \t\n", &err);
	assert_string_equal(err.msg, "no URN given: type one like 01/AB/12345/25");
	urn_rejected(NULL, &err);
	assert_string_equal(err.msg, "no URN given: type one like 01/AB/12345/25");
}

static void test_urn__wrong_length_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	urn_rejected("01AB12345", &err);
	assert_string_equal(err.msg,
			    "URN '01AB12345': it has 9 characters; a URN has 11 "
			    "(or 13 with a 7-digit number), for example 01AB1234525");
	urn_rejected("01AB123456", &err);
	assert_contains(err.msg, "it has 10 characters");
	urn_rejected("01AB12345678", &err);
	assert_contains(err.msg, "it has 12 characters");
	urn_rejected("0", &err);
	assert_contains(err.msg, "it has 1 character;");
}

static void test_urn__bad_force_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	urn_rejected("0XAB1234525", &err);
	assert_string_equal(err.msg, "URN '0XAB1234525': the force code '0X' must "
				     "be 2 digits, for example 01");
	urn_rejected("1/AB/12345/25", &err);
	assert_contains(err.msg, "the force code '1' must be 2 digits");
	urn_rejected("AB/AB/12345/25", &err);
	assert_contains(err.msg, "the force code 'AB' must be 2 digits");
}

static void test_urn__bad_unit_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	urn_rejected("01A!1234525", &err);
	assert_string_equal(err.msg, "URN '01A!1234525': the unit code 'A!' must "
				     "be 2 letters or digits, for example AB");
	urn_rejected("01/ABC/12345/25", &err);
	assert_contains(err.msg, "the unit code 'ABC' must be 2 letters or digits");
	/* A non-ASCII letter is a character, not two bytes of garbage. */
	urn_rejected("01\xC3\x89"
		     "B1234525",
		     &err);
	assert_contains(err.msg, "the unit code '\xC3\x89"
				 "B' must be 2 letters or digits");
}

static void test_urn__bad_number_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	urn_rejected("01AB12A4525", &err);
	assert_string_equal(err.msg, "URN '01AB12A4525': the case number '12A45' "
				     "must be 5 digits (or 7), for example 12345");
	urn_rejected("01/AB/123456/25", &err);
	assert_contains(err.msg, "the case number '123456' must be 5 digits (or 7)");
	urn_rejected("01/AB/1234/25", &err);
	assert_contains(err.msg, "the case number '1234' must be 5 digits (or 7)");
	urn_rejected("01AB12345X725", &err);
	assert_contains(err.msg, "the case number '12345X7'");
}

static void test_urn__bad_year_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	urn_rejected("01AB123452X", &err);
	assert_string_equal(err.msg, "URN '01AB123452X': the year '2X' must be 2 "
				     "digits, for example 25");
	urn_rejected("01/AB/12345/2025", &err);
	assert_contains(err.msg, "the year '2025' must be 2 digits");
}

static void test_urn__wrong_part_count_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	urn_rejected("01/AB/12345", &err);
	assert_string_equal(err.msg, "URN '01/AB/12345': it has 3 parts; a URN "
				     "written with separators has 4 "
				     "(force/unit/number/year), for example "
				     "01/AB/12345/25");
	urn_rejected("01/AB/12345/25/7", &err);
	assert_contains(err.msg, "it has 5 parts");
	urn_rejected("01AB1234525/", &err);
	assert_contains(err.msg, "it has 2 parts");
}

static void test_urn__empty_part_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	urn_rejected("01//12345/25", &err);
	assert_contains(err.msg, "the unit code is missing");
	urn_rejected("/AB/12345/25", &err);
	assert_contains(err.msg, "the force code is missing");
	urn_rejected("01/AB/12345/", &err);
	assert_contains(err.msg, "the year is missing");
}

static void test_urn__control_characters_not_echoed(void **state)
{
	struct dorn_err err;

	(void)state;
	urn_rejected("01AB\x1b[31m12345", &err);
	assert_contains(err.msg, "URN '01AB?[31m12345'");
	urn_rejected("0\x07"
		     "AB1234525",
		     &err);
	assert_contains(err.msg, "the force code '0?' must be 2 digits");
	urn_rejected("01\xC2\x9B"
		     "B1234525",
		     &err);
	assert_contains(err.msg, "the unit code '?B'");
	urn_rejected("01A\xFF"
		     "1234525",
		     &err);
	assert_contains(err.msg, "the unit code 'A?'");
	/* bidi override could make the message read backwards */
	urn_rejected("01\xE2\x80\xAE"
		     "B1234525",
		     &err);
	assert_contains(err.msg, "the unit code '?B'");
}

static void test_urn__long_input_cut_in_message(void **state)
{
	struct dorn_err err;
	char big[1001];

	(void)state;
	memset(big, '7', 1000);
	big[1000] = '\0';
	urn_rejected(big, &err);
	assert_contains(err.msg, "it has 1000 characters");
	assert_contains(err.msg, "URN '7777777777777777777777777777777777777777...'");
	assert_true(strlen(err.msg) < 200);

	memset(big, '/', 1000);
	urn_rejected(big, &err);
	assert_contains(err.msg, "////...'");
	assert_true(strlen(err.msg) < 200);
}

static void test_urn__null_err_still_fails(void **state)
{
	char out[DORN_URN_MAX];

	(void)state;
	assert_int_equal(dorn_urn_parse("0XAB1234525", out, NULL), DORN_EDATA);
	assert_string_equal(out, "");
}

static void test_urn__display(void **state)
{
	char out[18];

	(void)state;
	dorn_urn_display("01AB1234525", out);
	assert_string_equal(out, "01/AB/12345/25");
	dorn_urn_display("01AB123456725", out);
	assert_string_equal(out, "01/AB/1234567/25");
	dorn_urn_display("odd", out);
	assert_string_equal(out, "odd");
}

static void test_urn__display_round_trip(void **state)
{
	char norm[DORN_URN_MAX], shown[18], again[DORN_URN_MAX];

	(void)state;
	assert_int_equal(dorn_urn_parse(" 42 zz 7654321 09 ", norm, NULL), 0);
	dorn_urn_display(norm, shown);
	assert_string_equal(shown, "42/ZZ/7654321/09");
	assert_int_equal(dorn_urn_parse(shown, again, NULL), 0);
	assert_string_equal(again, norm);
}

/* ---- dates ---- */

static void test_date__iso_form(void **state)
{
	(void)state;
	date_accepted("2026-01-31", 2026, 1, 31);
	date_accepted("  2026-12-01\n", 2026, 12, 1);
}

static void test_date__uk_form(void **state)
{
	(void)state;
	date_accepted("31/01/2026", 2026, 1, 31);
	date_accepted("1/2/2026", 2026, 2, 1);
	date_accepted("01/2/2026", 2026, 2, 1);
	date_accepted("1/02/2026", 2026, 2, 1);
	date_accepted("\t05/11/1999 ", 1999, 11, 5);
}

static void test_date__leap_years(void **state)
{
	struct dorn_err err;

	(void)state;
	date_accepted("29/02/2024", 2024, 2, 29);
	date_accepted("2000-02-29", 2000, 2, 29);
	date_rejected("29/02/2026", &err);
	assert_string_equal(err.msg, "29/02/2026 is not a date: February 2026 has 28 days");
	date_rejected("1900-02-29", &err);
	assert_string_equal(err.msg, "1900-02-29 is not a date: February 1900 has 28 days");
	date_rejected("30/02/2024", &err);
	assert_string_equal(err.msg, "30/02/2024 is not a date: February 2024 has 29 days");
}

static void test_date__31_february_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	date_rejected("31/02/2026", &err);
	assert_string_equal(err.msg, "31/02/2026 is not a date: February 2026 has 28 days");
	date_rejected("2026-04-31", &err);
	assert_string_equal(err.msg, "2026-04-31 is not a date: April 2026 has 30 days");
	date_rejected("32/01/2026", &err);
	assert_string_equal(err.msg, "32/01/2026 is not a date: January 2026 has 31 days");
}

static void test_date__bad_month_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	date_rejected("2026-13-01", &err);
	assert_string_equal(err.msg, "2026-13-01: the month must be 1 to 12");
	date_rejected("01/00/2026", &err);
	assert_string_equal(err.msg, "01/00/2026: the month must be 1 to 12");
}

static void test_date__day_zero_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	date_rejected("2026-01-00", &err);
	assert_string_equal(err.msg, "2026-01-00 is not a date: the day must be 1 or more");
	date_rejected("0/1/2026", &err);
	assert_contains(err.msg, "the day must be 1 or more");
}

static void test_date__year_bounds(void **state)
{
	struct dorn_err err;

	(void)state;
	date_accepted("1900-01-01", 1900, 1, 1);
	date_accepted("31/12/2200", 2200, 12, 31);
	date_rejected("1899-12-31", &err);
	assert_string_equal(err.msg, "1899-12-31: the year must be 1900 to 2200");
	date_rejected("01/01/2201", &err);
	assert_string_equal(err.msg, "01/01/2201: the year must be 1900 to 2200");
	date_rejected("0000-01-01", &err);
	assert_contains(err.msg, "the year must be 1900 to 2200");
}

static void test_date__garbage_rejected(void **state)
{
	static const char *const bad[] = {
		"2026-01-01x", "x2026-01-01", "2026-1-1",    "01-02-2026",
		"1/2/26",      "2026/01/01",  "001/01/2026", "1/2/20260",
		"2026-01-011", "2026--01-01", "1 / 2 / 2026", "2026-01-01 12:00",
		"+2026-01-01", "1/-2/2026",
	};
	struct dorn_err err;
	char want[128];

	(void)state;
	date_rejected("next tuesday", &err);
	assert_string_equal(err.msg, "'next tuesday' is not a date: type it as "
				     "DD/MM/YYYY or YYYY-MM-DD");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		date_rejected(bad[i], &err);
		snprintf(want, sizeof want, "'%s' is not a date", bad[i]);
		assert_contains(err.msg, want);
	}
}

static void test_date__empty_rejected(void **state)
{
	struct dorn_err err;

	(void)state;
	date_rejected("", &err);
	assert_string_equal(err.msg, "no date given: type it as DD/MM/YYYY or YYYY-MM-DD");
	date_rejected(" \t ", &err);
	assert_contains(err.msg, "no date given");
	date_rejected(NULL, &err);
	assert_contains(err.msg, "no date given");
}

static void test_date__hostile_input_not_echoed(void **state)
{
	struct dorn_err err;
	char big[500];

	(void)state;
	date_rejected("\x1b]0;pwned\x07 01/01/2026", &err);
	assert_contains(err.msg, "'?]0;pwned? 01/01/2026' is not a date");
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	date_rejected(big, &err);
	assert_contains(err.msg, "zzz...' is not a date");
	assert_true(strlen(err.msg) < 150);
}

static void test_date__formats(void **state)
{
	struct dorn_date d = { 2026, 3, 7 };
	char out[11];

	(void)state;
	dorn_date_iso(&d, out);
	assert_string_equal(out, "2026-03-07");
	dorn_date_uk(&d, out);
	assert_string_equal(out, "07/03/2026");
	d = (struct dorn_date){ 1900, 12, 31 };
	dorn_date_iso(&d, out);
	assert_string_equal(out, "1900-12-31");
	dorn_date_uk(&d, out);
	assert_string_equal(out, "31/12/1900");
}

static void test_date__valid(void **state)
{
	(void)state;
	assert_true(dorn_date_valid(2024, 2, 29));
	assert_true(dorn_date_valid(2000, 2, 29));
	assert_false(dorn_date_valid(1900, 2, 29));
	assert_false(dorn_date_valid(2026, 2, 29));
	assert_true(dorn_date_valid(2026, 12, 31));
	assert_false(dorn_date_valid(2026, 13, 1));
	assert_false(dorn_date_valid(2026, 0, 1));
	assert_false(dorn_date_valid(2026, 1, 0));
	assert_false(dorn_date_valid(2026, 6, 31));
	assert_false(dorn_date_valid(2026, -1, -1));
}

static void test_date__days_known_values(void **state)
{
	static const struct {
		struct dorn_date d;
		long days;
	} known[] = {
		{ { 1970, 1, 1 }, 0 },        { { 1969, 12, 31 }, -1 },
		{ { 2000, 3, 1 }, 11017 },    { { 1900, 1, 1 }, -25567 },
		{ { 2200, 12, 31 }, 84370 },  { { 2024, 2, 29 }, 19782 },
		{ { 1600, 1, 1 }, -135140 },  { { 2400, 12, 31 }, 157419 },
	};
	struct dorn_date back;

	(void)state;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		assert_int_equal(dorn_date_to_days(&known[i].d), known[i].days);
		dorn_date_from_days(known[i].days, &back);
		assert_int_equal(back.y, known[i].d.y);
		assert_int_equal(back.m, known[i].d.m);
		assert_int_equal(back.d, known[i].d.d);
	}
}

/* Walk the calendar one day at a time from 1600 to 2400 and check each
 * day number against an independent count. */
static void test_date__days_round_trip_long_range(void **state)
{
	struct dorn_date walk = { 1600, 1, 1 }, got;
	long day = dorn_date_to_days(&walk);

	(void)state;
	assert_int_equal(day, -135140);
	while (walk.y <= 2400) {
		dorn_date_from_days(day, &got);
		if (got.y != walk.y || got.m != walk.m || got.d != walk.d)
			fail_msg("day %ld: got %d-%d-%d, want %d-%d-%d", day, got.y,
				 got.m, got.d, walk.y, walk.m, walk.d);
		assert_int_equal(dorn_date_to_days(&walk), day);
		day++;
		walk.d++;
		if (!dorn_date_valid(walk.y, walk.m, walk.d)) {
			walk.d = 1;
			if (++walk.m > 12) {
				walk.m = 1;
				walk.y++;
			}
		}
	}
	assert_int_equal(day, 157420);
}

static void test_date__from_time_is_utc(void **state)
{
	struct dorn_date d;

	(void)state;
	dorn_date_from_time(0, &d);
	assert_int_equal(d.y, 1970);
	assert_int_equal(d.m, 1);
	assert_int_equal(d.d, 1);
	dorn_date_from_time(86399, &d);
	assert_int_equal(d.d, 1);
	dorn_date_from_time(86400, &d);
	assert_int_equal(d.d, 2);
	dorn_date_from_time(-1, &d);
	assert_int_equal(d.y, 1969);
	assert_int_equal(d.m, 12);
	assert_int_equal(d.d, 31);
	dorn_date_from_time(1709164800 + 86399, &d);
	assert_int_equal(d.y, 2024);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
}

/* ---- UTF-8 ---- */

static void test_utf8__valid_samples(void **state)
{
	static const char *const ok[] = {
		"",
		"plain ASCII",
		"Zo\xC3\xAB",
		"\xC5\x81ukasz",
		"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",
		"\xF0\x9F\x98\x80",
		"\xED\x9F\xBF",     /* U+D7FF, just below the surrogates */
		"\xEE\x80\x80",     /* U+E000, just above */
		"\xF4\x8F\xBF\xBF", /* U+10FFFF */
	};
	size_t bad = 99;

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_true(dorn_utf8_valid(ok[i], strlen(ok[i]), &bad));
		assert_int_equal(bad, strlen(ok[i]));
	}
	assert_true(dorn_utf8_valid("a\0b", 3, NULL));
}

static void test_utf8__overlong_rejected(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_false(dorn_utf8_valid("\xC0\xAF", 2, &bad));
	assert_int_equal(bad, 0);
	assert_false(dorn_utf8_valid("\xC1\xBF", 2, NULL));
	assert_false(dorn_utf8_valid("\xE0\x80\xAF", 3, NULL));
	assert_false(dorn_utf8_valid("\xE0\x9F\xBF", 3, NULL));
	assert_false(dorn_utf8_valid("\xF0\x80\x80\xAF", 4, NULL));
	assert_false(dorn_utf8_valid("\xF0\x8F\xBF\xBF", 4, NULL));
}

static void test_utf8__surrogate_rejected(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_false(dorn_utf8_valid("ab\xED\xA0\x80", 5, &bad));
	assert_int_equal(bad, 2);
	assert_false(dorn_utf8_valid("\xED\xBF\xBF", 3, NULL));
}

static void test_utf8__truncated_rejected(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_false(dorn_utf8_valid("ab\xE2\x82", 4, &bad));
	assert_int_equal(bad, 2);
	assert_false(dorn_utf8_valid("\xF0\x9F\x98", 3, NULL));
	assert_false(dorn_utf8_valid("\xC3", 1, NULL));
	/* cut by n even though the bytes go on */
	assert_false(dorn_utf8_valid("Zo\xC3\xAB", 3, &bad));
	assert_int_equal(bad, 2);
	/* continuation missing in the middle */
	assert_false(dorn_utf8_valid("\xE2\x82x", 3, NULL));
	/* lone continuation byte */
	assert_false(dorn_utf8_valid("a\x80", 2, &bad));
	assert_int_equal(bad, 1);
}

static void test_utf8__above_max_rejected(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_false(dorn_utf8_valid("\xF4\x90\x80\x80", 4, &bad));
	assert_int_equal(bad, 0);
	assert_false(dorn_utf8_valid("\xF5\x80\x80\x80", 4, NULL));
	assert_false(dorn_utf8_valid("\xFF", 1, NULL));
	assert_false(dorn_utf8_valid("\xFE", 1, NULL));
}

static void test_utf8__bad_at_offset(void **state)
{
	const char *s = "Zo\xC3\xAB \xE6\x97\xA5\xFFtail";
	size_t bad = 99;

	(void)state;
	assert_false(dorn_utf8_valid(s, strlen(s), &bad));
	assert_int_equal(bad, 8);
}

static void test_utf8__decode(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(dorn_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(dorn_utf8_decode("\xC3\xAB", 2, &cp), 2);
	assert_int_equal(cp, 0xEB);
	assert_int_equal(dorn_utf8_decode("\xE6\x97\xA5", 3, &cp), 3);
	assert_int_equal(cp, 0x65E5);
	assert_int_equal(dorn_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(dorn_utf8_decode("\xC0\xAF", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(dorn_utf8_decode("\xC3\xAB", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(dorn_utf8_decode("\xEF\xBF\xBD", 3, &cp), 3);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(dorn_utf8_decode("x", 0, &cp), 0);
}

static void test_utf8__encode_round_trip(void **state)
{
	char out[4];
	uint32_t back;
	size_t len;

	(void)state;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		len = dorn_utf8_encode(cp, out);
		assert_int_equal(len, cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
		assert_true(dorn_utf8_valid(out, len, NULL));
		assert_int_equal(dorn_utf8_decode(out, len, &back), len);
		if (back != cp)
			fail_msg("U+%04X came back as U+%04X", cp, back);
	}
	assert_int_equal(dorn_utf8_encode(0xD800, out), 3);
	assert_memory_equal(out, "\xEF\xBF\xBD", 3);
	assert_int_equal(dorn_utf8_encode(0x110000, out), 3);
	assert_memory_equal(out, "\xEF\xBF\xBD", 3);
}

static void test_utf8__next_prev_over_multibyte(void **state)
{
	/* a ë 日 😀 b */
	const char *s = "a\xC3\xAB\xE6\x97\xA5\xF0\x9F\x98\x80"
			"b";
	static const size_t stops[] = { 0, 1, 3, 6, 10, 11 };
	size_t n = strlen(s), pos = 0;

	(void)state;
	assert_int_equal(n, 11);
	for (size_t i = 1; i < sizeof stops / sizeof stops[0]; i++) {
		pos = dorn_utf8_next(s, n, pos);
		assert_int_equal(pos, stops[i]);
	}
	assert_int_equal(dorn_utf8_next(s, n, n), n);
	for (size_t i = sizeof stops / sizeof stops[0] - 1; i > 0; i--) {
		pos = dorn_utf8_prev(s, pos);
		assert_int_equal(pos, stops[i - 1]);
	}
	assert_int_equal(dorn_utf8_prev(s, 0), 0);
}

static void test_utf8__next_prev_over_malformed(void **state)
{
	/* a, truncated €, b, stray continuation, 0xFF */
	const char *s = "a\xE2\x82"
			"b\x80\xFF";
	static const size_t stops[] = { 0, 1, 2, 3, 4, 5, 6 };
	size_t n = strlen(s), pos = 0;

	(void)state;
	for (size_t i = 1; i < sizeof stops / sizeof stops[0]; i++) {
		pos = dorn_utf8_next(s, n, pos);
		assert_int_equal(pos, stops[i]);
	}
	for (size_t i = sizeof stops / sizeof stops[0] - 1; i > 0; i--) {
		pos = dorn_utf8_prev(s, pos);
		assert_int_equal(pos, stops[i - 1]);
	}
	/* five continuation bytes: each one is its own step back */
	assert_int_equal(dorn_utf8_prev("\x80\x80\x80\x80\x80", 5), 4);
}

static void test_utf8__len(void **state)
{
	(void)state;
	assert_int_equal(dorn_utf8_len("Zo\xC3\xAB", 4), 3);
	assert_int_equal(dorn_utf8_len("\xE6\x97\xA5\xE6\x9C\xAC", 6), 2);
	assert_int_equal(dorn_utf8_len("e\xCC\x81", 3), 2);
	assert_int_equal(dorn_utf8_len("\xF0\x9F\x98\x80", 4), 1);
	assert_int_equal(dorn_utf8_len("\xFF\xFE", 2), 2);
	assert_int_equal(dorn_utf8_len("", 0), 0);
}

/* ---- control-character stripping ---- */

static void test_strip__escape_sequence_loses_esc(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(strip(buf, sizeof buf, "red\x1b[31mtext\x1b[0m", 0), 14);
	assert_string_equal(buf, "red[31mtext[0m");
}

static void test_strip__bel_del_c1(void **state)
{
	char buf[64];

	(void)state;
	strip(buf, sizeof buf, "a\x07"
			       "b\x7f"
			       "c\xC2\x9B"
			       "d\xC2\x80\xC2\x9F"
			       "e",
	      0);
	assert_string_equal(buf, "abcde");
	/* U+00A0 and é sit just past C1 and stay */
	strip(buf, sizeof buf, "\xC2\xA0\xC3\xA9", 0);
	assert_string_equal(buf, "\xC2\xA0\xC3\xA9");
	strip(buf, sizeof buf, "\x01\x1f\x1b", DORN_TEXT_KEEP_NEWLINE);
	assert_string_equal(buf, "");
}

static void test_strip__newlines_kept(void **state)
{
	char buf[64];

	(void)state;
	strip(buf, sizeof buf, "a\nb", DORN_TEXT_KEEP_NEWLINE);
	assert_string_equal(buf, "a\nb");
	strip(buf, sizeof buf, "a\r\nb\r\n", DORN_TEXT_KEEP_NEWLINE);
	assert_string_equal(buf, "a\nb\n");
	strip(buf, sizeof buf, "a\rb", DORN_TEXT_KEEP_NEWLINE);
	assert_string_equal(buf, "ab");
	assert_int_equal(strip(buf, sizeof buf, "a\tb", DORN_TEXT_KEEP_NEWLINE), 3);
	assert_string_equal(buf, "a b");
}

static void test_strip__newlines_removed(void **state)
{
	char buf[64];

	(void)state;
	/* a line break in one-line text becomes a space: words stay apart */
	strip(buf, sizeof buf, "a\nb", 0);
	assert_string_equal(buf, "a b");
	strip(buf, sizeof buf, "a\r\nb", 0);
	assert_string_equal(buf, "a b");
	strip(buf, sizeof buf, "a\tb", 0);
	assert_string_equal(buf, "a b");
}

static void test_strip__bidi_overrides_removed(void **state)
{
	char buf[64];

	(void)state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT ISOLATE */
	strip(buf, sizeof buf, "pay\xE2\x80\xAEgpj.exe\xE2\x81\xA6x", 0);
	assert_string_equal(buf, "paygpj.exex");
	assert_true(dorn_text_has_control("a\xE2\x80\xAE" "b", 0));
	/* ordinary right-to-left letters stay */
	strip(buf, sizeof buf, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", 0);
	assert_string_equal(buf, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");
}

static void test_strip__malformed_removed(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(strip(buf, sizeof buf, "ok\xFF\xC0\xAF"
						"end\xE2\x82",
			       0),
			 5);
	assert_string_equal(buf, "okend");
	strip(buf, sizeof buf, "\xED\xA0\x80x\xF4\x90\x80\x80", 0);
	assert_string_equal(buf, "x");
}

static void test_strip__valid_text_unchanged(void **state)
{
	const char *s = "Zo\xC3\xAB \xC5\x81ukasz \xE6\x97\xA5\xE6\x9C\xAC "
			"\xF0\x9F\x98\x80 e\xCC\x81";
	char buf[64];

	(void)state;
	assert_int_equal(strip(buf, sizeof buf, s, 0), strlen(s));
	assert_string_equal(buf, s);
	assert_int_equal(strip(buf, sizeof buf, "", 0), 0);
}

static void test_strip__result_has_no_control(void **state)
{
	char buf[64];

	(void)state;
	assert_true(dorn_text_has_control("a\x1b", 0));
	assert_true(dorn_text_has_control("a\xC2\x9B", 0));
	assert_true(dorn_text_has_control("a\xFF", 0));
	assert_true(dorn_text_has_control("a\x7f", 0));
	assert_true(dorn_text_has_control("a\nb", 0));
	assert_false(dorn_text_has_control("a\nb", DORN_TEXT_KEEP_NEWLINE));
	assert_true(dorn_text_has_control("a\r\nb", DORN_TEXT_KEEP_NEWLINE));
	/* a tab is changed to a space, so it counts */
	assert_true(dorn_text_has_control("a\tb", DORN_TEXT_KEEP_NEWLINE));
	assert_false(dorn_text_has_control("Zo\xC3\xAB", 0));
	assert_false(dorn_text_has_control("", 0));
	strip(buf, sizeof buf, "\x1b[1m\r\n\xC2\x9B\t\xFFok\x7f", DORN_TEXT_KEEP_NEWLINE);
	assert_false(dorn_text_has_control(buf, DORN_TEXT_KEEP_NEWLINE));
	assert_string_equal(buf, "[1m\n ok");
}

/* ---- messages: nothing a caller formats reaches a terminal raw ---- */

static void err_of(struct dorn_err *err, const char *arg)
{
	dorn_err_clear(err);
	assert_int_equal(dorn_err_set(err, DORN_EDATA, "'%s' is not a login name: fix it", arg),
			 DORN_EDATA);
	assert_int_equal(err->code, DORN_EDATA);
	assert_clean(err->msg);
	assert_null(strchr(err->msg, '\x1b'));
	assert_null(strchr(err->msg, '\x07'));
}

static void test_err__escape_sequences_masked(void **state)
{
	struct dorn_err err;

	(void)state;
	/* a colour (CSI), a window title (OSC ended by BEL) */
	err_of(&err, "\x1b[31mx");
	assert_string_equal(err.msg, "'?[31mx' is not a login name: fix it");
	err_of(&err, "a\x1b]0;x\x07");
	assert_string_equal(err.msg, "'a?]0;x?' is not a login name: fix it");
}

static void test_err__bel_del_and_c1_masked(void **state)
{
	struct dorn_err err;

	(void)state;
	err_of(&err, "a\x07"
		     "b\x7f"
		     "c");
	assert_string_equal(err.msg, "'a?b?c' is not a login name: fix it");
	/* U+009B, the one-character CSI, in UTF-8: one '?' for the character */
	err_of(&err, "x\xC2\x9B"
		     "31m\xC2\x80\xC2\x9F");
	assert_string_equal(err.msg, "'x?31m?" "?' is not a login name: fix it");
	/* bidi overrides could make the message read backwards */
	err_of(&err, "a\xE2\x80\xAE"
		     "b");
	assert_string_equal(err.msg, "'a?b' is not a login name: fix it");
}

static void test_err__invalid_utf8_masked_byte_by_byte(void **state)
{
	struct dorn_err err;

	(void)state;
	err_of(&err, "ok\xFF\xC0\xAF"
		     "end\xE2\x82");
	/* split so that no two question marks read as a trigraph */
	assert_string_equal(err.msg, "'ok?" "?" "?end?" "?' is not a login name: fix it");
	/* Letters with accents, wide characters and emoji stay. */
	err_of(&err, "Zo\xC3\xAB \xC5\x81ukasz \xE6\x97\xA5 \xF0\x9F\x98\x80 e\xCC\x81");
	assert_string_equal(err.msg, "'Zo\xC3\xAB \xC5\x81ukasz \xE6\x97\xA5 \xF0\x9F\x98\x80 "
				     "e\xCC\x81' is not a login name: fix it");
}

static void test_err__one_line(void **state)
{
	struct dorn_err err;

	(void)state;
	err_of(&err, "a\nb\tc\r\nd");
	assert_string_equal(err.msg, "'a b c  d' is not a login name: fix it");
	/* the format itself is masked too */
	dorn_err_set(&err, DORN_EIO, "line one\nline\x1b[2J two");
	assert_string_equal(err.msg, "line one line?[2J two");
	/* no err: only the code */
	assert_int_equal(dorn_err_set(NULL, DORN_EIO, "%s", "\x1b"), DORN_EIO);
}

/* A message longer than the buffer is cut at a character, never inside
 * one (which would show as '?'). */
static void test_err__cut_at_a_character(void **state)
{
	char big[2 * DORN_ERR_MSG];
	struct dorn_err err;

	(void)state;
	for (size_t lead = 0; lead < 4; lead++) {
		size_t n = 0;

		memset(big, 'x', lead);
		n = lead;
		while (n + 4 < sizeof big) {
			memcpy(big + n, "\xE2\x82\xAC", 3); /* the euro sign */
			n += 3;
		}
		big[n] = '\0';
		dorn_err_set(&err, DORN_EDATA, "%s", big);
		assert_clean(err.msg);
		assert_null(strchr(err.msg, '?'));
		assert_true(strlen(err.msg) >= DORN_ERR_MSG - 4);
	}
}

/* Whatever bytes go in, what comes out is safe and no longer. */
static void test_mask__any_bytes(void **state)
{
	unsigned seed = 7;
	char buf[64];

	(void)state;
	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)(round % 63), got;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)((seed >> 16) & 0xFF);
			if (!buf[i])
				buf[i] = '\x1b';
		}
		buf[n] = '\0';
		got = dorn_text_mask(buf);
		assert_int_equal(got, strlen(buf));
		assert_true(got <= n);
		assert_clean(buf);
	}
}

/* The place and the character, so input can be refused saying which. */
static void test_find_control__first_one_and_where(void **state)
{
	static const char zoe[] = "Zo\xC3\xAB \x1b[2J";
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(dorn_text_find_control(zoe, strlen(zoe), 0, &cp), 5);
	assert_int_equal(cp, 0x1B);
	assert_int_equal(dorn_text_find_control("a\nb\x07", 4, DORN_TEXT_KEEP_NEWLINE, &cp), 3);
	assert_int_equal(cp, 0x07);
	assert_int_equal(dorn_text_find_control("a\nb", 3, 0, &cp), 1);
	assert_int_equal(dorn_text_find_control("ok\xC2\x9B", 4, 0, &cp), 2);
	assert_int_equal(cp, 0x9B);
	assert_int_equal(dorn_text_find_control("ok\xFF", 3, 0, &cp), 2);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(dorn_text_find_control("a\tb", 3, DORN_TEXT_KEEP_NEWLINE, NULL), 1);
	assert_int_equal(dorn_text_find_control("x\xE2\x80\xAEy", 5, 0, &cp), 1);
	assert_int_equal(cp, 0x202E);
	/* none: the length */
	assert_int_equal(dorn_text_find_control(zoe, 5, 0, NULL), 5);
	assert_int_equal(dorn_text_find_control("line\nline", 9, DORN_TEXT_KEEP_NEWLINE, NULL), 9);
	assert_int_equal(dorn_text_find_control("", 0, 0, NULL), 0);
}

/* ---- display width ---- */

static void test_width__latin(void **state)
{
	(void)state;
	assert_int_equal(dorn_text_width("Zo\xC3\xAB", 4), 3);
	assert_int_equal(dorn_text_width("Zoe\xCC\x88", 5), 3);
	assert_int_equal(dorn_text_width("\xC5\x81ukasz", 7), 6);
	assert_int_equal(dorn_text_width("", 0), 0);
}

static void test_width__combining_mark_is_zero(void **state)
{
	(void)state;
	assert_int_equal(dorn_text_width("e\xCC\x81", 3), 1);
	assert_int_equal(dorn_cp_width(0x0301), 0);
	assert_int_equal(dorn_cp_width(0x20D7), 0);
	assert_int_equal(dorn_cp_width(0x1DC0), 0);
}

static void test_width__cjk_is_two(void **state)
{
	(void)state;
	assert_int_equal(dorn_text_width("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 9), 6);
	assert_int_equal(dorn_text_width("\xED\x95\x9C\xEA\xB5\xAD", 6), 4); /* 한국 */
	assert_int_equal(dorn_cp_width(0xFF21), 2);                         /* Ａ */
	assert_int_equal(dorn_cp_width(0x20000), 2);
}

static void test_width__emoji_is_two(void **state)
{
	(void)state;
	assert_int_equal(dorn_text_width("\xF0\x9F\x98\x80", 4), 2);
	assert_int_equal(dorn_cp_width(0x1F914), 2);
}

static void test_width__zero_width_and_controls(void **state)
{
	(void)state;
	assert_int_equal(dorn_cp_width(0x200B), 0);
	assert_int_equal(dorn_cp_width(0x200D), 0);
	assert_int_equal(dorn_cp_width(0x202E), 0);
	assert_int_equal(dorn_cp_width(0xFEFF), 0);
	assert_int_equal(dorn_cp_width(0xFE0F), 0);
	assert_int_equal(dorn_cp_width(0x1B), 0);
	assert_int_equal(dorn_cp_width(0x7F), 0);
	assert_int_equal(dorn_cp_width(0x9B), 0);
	assert_int_equal(dorn_cp_width(0), 0);
	assert_int_equal(dorn_cp_width('a'), 1);
	assert_int_equal(dorn_cp_width(0xA0), 1);
}

/* Edges of the ranges, as wcwidth() has them: Hangul vowel and final jamo
 * (U+1160..U+11FF) join the syllable, 0; unassigned code points, such as
 * those after the Yi radicals or past CJK Extension G, are 1. */
static void test_width__table_edges(void **state)
{
	static const struct {
		uint32_t cp;
		int w;
	} edges[] = {
		{ 0x02FF, 1 },  { 0x0300, 0 },  { 0x036F, 0 },  { 0x0370, 1 },
		{ 0x10FF, 1 },  { 0x1100, 2 },  { 0x115F, 2 },  { 0x1160, 0 },
		{ 0x11FF, 0 },  { 0x1200, 1 },
		{ 0x200A, 1 },  { 0x2010, 1 },  { 0x2E7F, 1 },  { 0x2E80, 2 },
		{ 0x303E, 2 },  { 0x303F, 1 },  { 0x4E00, 2 },  { 0x9FFF, 2 },
		{ 0xA4C6, 2 },  { 0xA4C7, 1 },  { 0xAC00, 2 },  { 0xD7A3, 2 },
		{ 0xD7A4, 1 },  { 0xFF60, 2 },  { 0xFF61, 1 },  { 0xFFE6, 2 },
		{ 0xFFE7, 1 },  { 0x1F2FF, 1 }, { 0x1F300, 2 }, { 0x1F64F, 2 },
		{ 0x1F650, 1 }, { 0x1F9FF, 2 }, { 0x1FA00, 1 }, { 0x3134A, 2 },
		{ 0x3134B, 1 }, { 0x3FFFE, 1 }, { 0x10FFFF, 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
		if (dorn_cp_width(edges[i].cp) != edges[i].w)
			fail_msg("U+%04X: width %d, want %d", edges[i].cp,
				 dorn_cp_width(edges[i].cp), edges[i].w);
}

/* ---- fitting text into columns ---- */

static void test_fit__never_splits_wide(void **state)
{
	const char *s = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"; /* 日本語 */

	(void)state;
	assert_int_equal(dorn_text_fit(s, 9, 0), 0);
	assert_int_equal(dorn_text_fit(s, 9, 1), 0);
	assert_int_equal(dorn_text_fit(s, 9, 2), 3);
	assert_int_equal(dorn_text_fit(s, 9, 3), 3);
	assert_int_equal(dorn_text_fit(s, 9, 5), 6);
	assert_int_equal(dorn_text_fit(s, 9, 6), 9);
	assert_int_equal(dorn_text_fit(s, 9, 100), 9);
	assert_int_equal(dorn_text_fit("a\xE6\x97\xA5", 4, 2), 1);
	assert_int_equal(dorn_text_fit("\xF0\x9F\x98\x80x", 5, 1), 0);
}

static void test_fit__keeps_combining_mark_with_base(void **state)
{
	(void)state;
	assert_int_equal(dorn_text_fit("e\xCC\x81x", 4, 1), 3);
	assert_int_equal(dorn_text_fit("Zo\xC3\xAB!", 5, 3), 4);
}

static void test_fit__ascii_and_byte_limit(void **state)
{
	(void)state;
	assert_int_equal(dorn_text_fit("hello", 5, 3), 3);
	assert_int_equal(dorn_text_fit("hello", 5, 10), 5);
	assert_int_equal(dorn_text_fit("hello", 2, 10), 2);
	assert_int_equal(dorn_text_fit("", 0, 10), 0);
}

static void test_fit__prefix_is_valid_and_fits(void **state)
{
	const char *s = "a\xC3\xAB\xE6\x97\xA5"
			"e\xCC\x81\xF0\x9F\x98\x80z\xE8\xAA\x9E";
	size_t n = strlen(s), got, prev = 0;

	(void)state;
	for (size_t cols = 0; cols <= 14; cols++) {
		got = dorn_text_fit(s, n, cols);
		assert_true(dorn_utf8_valid(s, got, NULL));
		assert_true(dorn_text_width(s, got) <= cols);
		assert_true(got >= prev);
		if (got < n)
			assert_true(dorn_text_width(s, dorn_utf8_next(s, n, got)) > cols);
		prev = got;
	}
	assert_int_equal(prev, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urn__compact_11),
		cmocka_unit_test(test_urn__compact_13),
		cmocka_unit_test(test_urn__slashes_and_lower_case),
		cmocka_unit_test(test_urn__spaces_hyphens_and_white_space),
		cmocka_unit_test(test_urn__null_out_validates_only),
		cmocka_unit_test(test_urn__empty_rejected),
		cmocka_unit_test(test_urn__wrong_length_rejected),
		cmocka_unit_test(test_urn__bad_force_rejected),
		cmocka_unit_test(test_urn__bad_unit_rejected),
		cmocka_unit_test(test_urn__bad_number_rejected),
		cmocka_unit_test(test_urn__bad_year_rejected),
		cmocka_unit_test(test_urn__wrong_part_count_rejected),
		cmocka_unit_test(test_urn__empty_part_rejected),
		cmocka_unit_test(test_urn__control_characters_not_echoed),
		cmocka_unit_test(test_urn__long_input_cut_in_message),
		cmocka_unit_test(test_urn__null_err_still_fails),
		cmocka_unit_test(test_urn__display),
		cmocka_unit_test(test_urn__display_round_trip),
		cmocka_unit_test(test_date__iso_form),
		cmocka_unit_test(test_date__uk_form),
		cmocka_unit_test(test_date__leap_years),
		cmocka_unit_test(test_date__31_february_rejected),
		cmocka_unit_test(test_date__bad_month_rejected),
		cmocka_unit_test(test_date__day_zero_rejected),
		cmocka_unit_test(test_date__year_bounds),
		cmocka_unit_test(test_date__garbage_rejected),
		cmocka_unit_test(test_date__empty_rejected),
		cmocka_unit_test(test_date__hostile_input_not_echoed),
		cmocka_unit_test(test_date__formats),
		cmocka_unit_test(test_date__valid),
		cmocka_unit_test(test_date__days_known_values),
		cmocka_unit_test(test_date__days_round_trip_long_range),
		cmocka_unit_test(test_date__from_time_is_utc),
		cmocka_unit_test(test_utf8__valid_samples),
		cmocka_unit_test(test_utf8__overlong_rejected),
		cmocka_unit_test(test_utf8__surrogate_rejected),
		cmocka_unit_test(test_utf8__truncated_rejected),
		cmocka_unit_test(test_utf8__above_max_rejected),
		cmocka_unit_test(test_utf8__bad_at_offset),
		cmocka_unit_test(test_utf8__decode),
		cmocka_unit_test(test_utf8__encode_round_trip),
		cmocka_unit_test(test_utf8__next_prev_over_multibyte),
		cmocka_unit_test(test_utf8__next_prev_over_malformed),
		cmocka_unit_test(test_utf8__len),
		cmocka_unit_test(test_strip__escape_sequence_loses_esc),
		cmocka_unit_test(test_strip__bidi_overrides_removed),
		cmocka_unit_test(test_strip__bel_del_c1),
		cmocka_unit_test(test_strip__newlines_kept),
		cmocka_unit_test(test_strip__newlines_removed),
		cmocka_unit_test(test_strip__malformed_removed),
		cmocka_unit_test(test_strip__valid_text_unchanged),
		cmocka_unit_test(test_strip__result_has_no_control),
		cmocka_unit_test(test_err__escape_sequences_masked),
		cmocka_unit_test(test_err__bel_del_and_c1_masked),
		cmocka_unit_test(test_err__invalid_utf8_masked_byte_by_byte),
		cmocka_unit_test(test_err__one_line),
		cmocka_unit_test(test_err__cut_at_a_character),
		cmocka_unit_test(test_mask__any_bytes),
		cmocka_unit_test(test_find_control__first_one_and_where),
		cmocka_unit_test(test_width__latin),
		cmocka_unit_test(test_width__combining_mark_is_zero),
		cmocka_unit_test(test_width__cjk_is_two),
		cmocka_unit_test(test_width__emoji_is_two),
		cmocka_unit_test(test_width__zero_width_and_controls),
		cmocka_unit_test(test_width__table_edges),
		cmocka_unit_test(test_fit__never_splits_wide),
		cmocka_unit_test(test_fit__keeps_combining_mark_with_base),
		cmocka_unit_test(test_fit__ascii_and_byte_limit),
		cmocka_unit_test(test_fit__prefix_is_valid_and_fits),
		cmocka_unit_test(test_fold__letters_without_accents_to_strip),
		cmocka_unit_test(test_grow__doubles_and_keeps),
		cmocka_unit_test(test_grow__overflow_refused),
	};

	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
