/* Unit tests for working days and bank holidays (workdays.h) and their data
 * files (datafiles.h: bank-holidays.ini, victims-code.ini). The shipped
 * bank holidays are checked against the rules computed here, independently
 * of the file: Easter by the anonymous Gregorian algorithm, the Monday
 * rules and the substitute days. Errors are compared in full. */
#include "testutil.h"

#include "dorn/buf.h"
#include "dorn/config.h"
#include "dorn/datafiles.h"
#include "dorn/err.h"
#include "dorn/urn.h"
#include "dorn/workdays.h"

/* ---- helpers ---- */

static long D(const char *iso)
{
	struct dorn_date d;

	if (dorn_date_parse(iso, &d, NULL) != 0)
		fail_msg("bad date in a test: %s", iso);
	return dorn_date_to_days(&d);
}

static const char *iso_of(long day, char out[11])
{
	struct dorn_date d;

	dorn_date_from_days(day, &d);
	dorn_date_iso(&d, out);
	return out;
}

static void parse_ok(const char *text, struct dorn_holidays *h)
{
	struct dorn_err err;

	dorn_err_clear(&err);
	if (dorn_holidays_parse(text, strlen(text), "bh.ini", h, &err) != 0)
		fail_msg("parse failed: %s", err.msg);
}

/* Parsing n bytes must fail with exactly msg and leave h empty. */
static void parse_fails_n(const char *text, size_t n, const char *msg)
{
	struct dorn_holidays h;
	struct dorn_err err;

	memset(&h, 0x5A, sizeof h); /* must be reset */
	dorn_err_clear(&err);
	assert_int_equal(dorn_holidays_parse(text, n, "bh.ini", &h, &err), DORN_EDATA);
	assert_int_equal(err.code, DORN_EDATA);
	assert_string_equal(err.msg, msg);
	assert_null(h.day);
	assert_null(h.name);
	assert_int_equal(h.n, 0);
	assert_int_equal(h.first_year, 0);
	assert_int_equal(h.last_year, 0);
}

static void parse_fails(const char *text, const char *msg)
{
	parse_fails_n(text, strlen(text), msg);
}

/* A year of the shipped file's holidays, for files the tests write. */
#define Y2026                                   \
	"[2026]\n"                              \
	"2026-01-01 = New Year's Day\n"         \
	"2026-04-03 = Good Friday\n"            \
	"2026-04-06 = Easter Monday\n"          \
	"2026-05-04 = Early May bank holiday\n" \
	"2026-05-25 = Spring bank holiday\n"    \
	"2026-08-31 = Summer bank holiday\n"    \
	"2026-12-25 = Christmas Day\n"          \
	"2026-12-28 = Boxing Day (substitute day)\n"

/* The holidays of the data folder ($DORN_DATADIR, set by make). */
static void shipped(struct dorn_holidays *h)
{
	struct dorn_err err;

	dorn_err_clear(&err);
	if (dorn_holidays_load(NULL, h, &err) != 0)
		fail_msg("%s", err.msg);
}

static void shipped_path(const char *name, char *out, size_t n)
{
	const char *d = getenv("DORN_DATADIR");

	snprintf(out, n, "%s/%s", d && *d ? d : "data", name);
}

/* ---- the rules, computed here without the file ---- */

/* Easter Sunday of year y: the anonymous Gregorian algorithm (Meeus,
 * Jones, Butcher). */
static long easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	struct dorn_date dt = { y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1 };

	return dorn_date_to_days(&dt);
}

static long ymd(int y, int m, int d)
{
	struct dorn_date dt = { y, m, d };

	return dorn_date_to_days(&dt);
}

/* 1 for Monday .. 7 for Sunday, without dorn_weekday: 1 January 2024 was a
 * Monday. */
static int wday(long day)
{
	long k = (day - ymd(2024, 1, 1)) % 7;

	return (int)(k < 0 ? k + 7 : k) + 1;
}

static long first_monday(int y, int m)
{
	long day = ymd(y, m, 1);

	while (wday(day) != 1)
		day++;
	return day;
}

static long last_monday(int y, int m, int mdays)
{
	long day = ymd(y, m, mdays);

	while (wday(day) != 1)
		day--;
	return day;
}

struct want {
	long day;
	const char *name;
};

/* England and Wales' eight bank holidays of year y, in date order. */
static size_t rules(int y, struct want w[8])
{
	long ny = ymd(y, 1, 1), xmas = ymd(y, 12, 25), boxing = ymd(y, 12, 26);
	size_t n = 0;

	/* New Year's Day at a weekend moves to the Monday after. */
	if (wday(ny) >= 6)
		w[n++] = (struct want){ ny + (wday(ny) == 6 ? 2 : 1),
					"New Year's Day (substitute day)" };
	else
		w[n++] = (struct want){ ny, "New Year's Day" };
	w[n++] = (struct want){ easter(y) - 2, "Good Friday" };
	w[n++] = (struct want){ easter(y) + 1, "Easter Monday" };
	w[n++] = (struct want){ first_monday(y, 5), "Early May bank holiday" };
	w[n++] = (struct want){ last_monday(y, 5, 31), "Spring bank holiday" };
	w[n++] = (struct want){ last_monday(y, 8, 31), "Summer bank holiday" };
	/* Christmas and Boxing Day: a day at the weekend moves to the next
	 * weekday that is not already a holiday. */
	switch (wday(xmas)) {
	case 5: /* Friday: Boxing Day on Saturday moves to Monday 28th */
		w[n++] = (struct want){ xmas, "Christmas Day" };
		w[n++] = (struct want){ boxing + 2, "Boxing Day (substitute day)" };
		break;
	case 6: /* Saturday: Monday 27th and Tuesday 28th */
		w[n++] = (struct want){ xmas + 2, "Christmas Day (substitute day)" };
		w[n++] = (struct want){ boxing + 2, "Boxing Day (substitute day)" };
		break;
	case 7: /* Sunday: Boxing Day is Monday, Christmas moves to Tuesday */
		w[n++] = (struct want){ boxing, "Boxing Day" };
		w[n++] = (struct want){ xmas + 2, "Christmas Day (substitute day)" };
		break;
	default:
		w[n++] = (struct want){ xmas, "Christmas Day" };
		w[n++] = (struct want){ boxing, "Boxing Day" };
	}
	return n;
}

/* ---- the rules themselves, against dates everyone agrees on ---- */

static void test_rules__easter_sundays(void **state)
{
	static const char *const sundays[] = {
		"2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16",
		"2019-04-21", "2038-04-25", "2008-03-23", "2011-04-24", "2000-04-23",
	};
	char iso[11];

	(void)state;
	for (size_t i = 0; i < sizeof sundays / sizeof sundays[0]; i++) {
		int y = atoi(sundays[i]);

		assert_string_equal(iso_of(easter(y), iso), sundays[i]);
		assert_int_equal(wday(easter(y)), 7);
	}
}

static void test_rules__substitute_days(void **state)
{
	struct want w[8];
	char iso[11];

	(void)state;
	/* 2026: 25 December is a Friday, Boxing Day a Saturday. */
	assert_int_equal(rules(2026, w), 8);
	assert_string_equal(iso_of(w[6].day, iso), "2026-12-25");
	assert_string_equal(iso_of(w[7].day, iso), "2026-12-28");
	/* 2027: Saturday and Sunday; Monday 27 and Tuesday 28. */
	rules(2027, w);
	assert_string_equal(iso_of(w[6].day, iso), "2027-12-27");
	assert_string_equal(iso_of(w[7].day, iso), "2027-12-28");
	/* 2028: 1 January is a Saturday. */
	rules(2028, w);
	assert_string_equal(iso_of(w[0].day, iso), "2028-01-03");
	assert_string_equal(w[0].name, "New Year's Day (substitute day)");
	/* 2022: 25 December a Sunday: Boxing Day Monday 26, Christmas Tuesday 27. */
	rules(2022, w);
	assert_string_equal(iso_of(w[6].day, iso), "2022-12-26");
	assert_string_equal(iso_of(w[7].day, iso), "2022-12-27");
	/* 2023: 1 January a Sunday, so Monday 2 January. */
	rules(2023, w);
	assert_string_equal(iso_of(w[0].day, iso), "2023-01-02");
}

/* ---- the shipped file ---- */

/* Every date in data/bank-holidays.ini, and only those, is what the rules
 * give, with its name, for every year it covers; and it covers at least
 * 2024 to 2028. */
static void test_shipped__every_date_as_the_rules_give(void **state)
{
	struct dorn_holidays h;
	struct want w[8];
	char got[11], want[11];
	size_t at = 0;

	(void)state;
	shipped(&h);
	assert_true(h.first_year <= 2024);
	assert_true(h.last_year >= 2028);
	for (int y = h.first_year; y <= h.last_year; y++) {
		size_t n = rules(y, w), count = 0;

		assert_int_equal(n, 8);
		for (size_t i = 0; i < n; i++, at++, count++) {
			if (at >= h.n)
				fail_msg("%d: the file ends before %s (%s)", y, iso_of(w[i].day, want),
					 w[i].name);
			if (h.day[at] != w[i].day || strcmp(h.name[at], w[i].name) != 0)
				fail_msg("%d: the file has %s %s where the rules give %s %s", y,
					 iso_of(h.day[at], got), h.name[at],
					 iso_of(w[i].day, want), w[i].name);
			assert_true(dorn_holidays_cover(&h, h.day[at]));
		}
		assert_int_equal(count, 8);
	}
	assert_int_equal(at, h.n);
	assert_int_equal(h.n, 8 * (size_t)(h.last_year - h.first_year + 1));
	dorn_holidays_fini(&h);
}

/* dorn's INI reader reads the file as the parser does: the same dates and
 * names, each under its year. */
static void test_shipped__the_ini_reader_agrees(void **state)
{
	struct dorn_holidays h;
	struct dorn_ini *ini = NULL;
	struct dorn_err err;
	char path[512], iso[11], year[5];

	(void)state;
	shipped(&h);
	shipped_path("bank-holidays.ini", path, sizeof path);
	if (dorn_ini_load(path, &ini, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(ini->n, h.n);
	assert_int_equal(ini->nsections, (size_t)(h.last_year - h.first_year + 1));
	for (size_t i = 0; i < h.n; i++) {
		iso_of(h.day[i], iso);
		snprintf(year, sizeof year, "%.4s", iso);
		const struct dorn_ini_entry *e = dorn_ini_get(ini, year, iso);

		if (!e)
			fail_msg("the INI reader has no [%s] %s", year, iso);
		assert_string_equal(e->value, h.name[i]);
		assert_int_equal(e->cut, 0);
	}
	dorn_ini_free(ini);
	dorn_holidays_fini(&h);
}

static void test_shipped__victims_code(void **state)
{
	struct dorn_victims_code vc;
	struct dorn_err err;

	(void)state;
	if (dorn_victims_code_load(NULL, &vc, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(vc.outcome_days, 1);
	assert_int_equal(vc.hearing_days, 1);
	/* "" is the data folder's file too. */
	vc.outcome_days = 0;
	if (dorn_victims_code_load("", &vc, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(vc.outcome_days, 1);
}

/* ---- weekdays and working days ---- */

static void test_weekday__iso_numbers(void **state)
{
	(void)state;
	assert_int_equal(dorn_weekday(0), 4); /* 1970-01-01, a Thursday */
	assert_int_equal(dorn_weekday(-1), 3);
	assert_int_equal(dorn_weekday(-4), 7);
	assert_int_equal(dorn_weekday(D("2026-12-07")), 1);
	assert_int_equal(dorn_weekday(D("2026-12-11")), 5);
	assert_int_equal(dorn_weekday(D("2026-12-12")), 6);
	assert_int_equal(dorn_weekday(D("2026-12-13")), 7);
	assert_int_equal(dorn_weekday(D("1900-01-01")), 1);
	for (long day = D("1960-01-01"); day < D("2100-01-01"); day += 97)
		assert_int_equal(dorn_weekday(day), wday(day));
}

static void test_working_day__weekends_and_bank_holidays(void **state)
{
	struct dorn_holidays h;

	(void)state;
	shipped(&h);
	assert_true(dorn_working_day(&h, D("2026-12-24")));  /* Thursday */
	assert_false(dorn_working_day(&h, D("2026-12-25"))); /* Christmas, Friday */
	assert_false(dorn_working_day(&h, D("2026-12-26"))); /* Saturday */
	assert_false(dorn_working_day(&h, D("2026-12-27"))); /* Sunday */
	assert_false(dorn_working_day(&h, D("2026-12-28"))); /* substitute Boxing Day */
	assert_true(dorn_working_day(&h, D("2026-12-29")));
	/* Without holidays: Monday to Friday. */
	assert_true(dorn_working_day(NULL, D("2026-12-25")));
	assert_false(dorn_working_day(NULL, D("2026-12-26")));
	dorn_holidays_fini(&h);
}

static void test_name__of_a_bank_holiday(void **state)
{
	struct dorn_holidays h;

	(void)state;
	shipped(&h);
	assert_string_equal(dorn_holidays_name(&h, D("2027-12-27")),
			    "Christmas Day (substitute day)");
	assert_string_equal(dorn_holidays_name(&h, D("2024-01-01")), "New Year's Day");
	assert_string_equal(dorn_holidays_name(&h, D("2028-12-26")), "Boxing Day");
	assert_null(dorn_holidays_name(&h, D("2027-12-25")));
	assert_null(dorn_holidays_name(&h, D("2026-12-29")));
	assert_null(dorn_holidays_name(NULL, D("2026-12-25")));
	dorn_holidays_fini(&h);
}

static void test_cover__whole_years_only(void **state)
{
	struct dorn_holidays h;

	(void)state;
	parse_ok(Y2026 "[2027]\n2027-01-01 = New Year's Day\n", &h);
	assert_int_equal(h.first_year, 2026);
	assert_int_equal(h.last_year, 2027);
	assert_false(dorn_holidays_cover(&h, D("2025-12-31")));
	assert_true(dorn_holidays_cover(&h, D("2026-01-01")));
	assert_true(dorn_holidays_cover(&h, D("2027-12-31")));
	assert_false(dorn_holidays_cover(&h, D("2028-01-01")));
	assert_false(dorn_holidays_cover(NULL, D("2026-06-01")));
	dorn_holidays_fini(&h);
	assert_false(dorn_holidays_cover(&h, D("2026-06-01")));
}

/* ---- deadlines: "within N working days of receiving" ---- */

static void after_is(const struct dorn_holidays *h, const char *from, int n, const char *want)
{
	char got[11];

	iso_of(dorn_working_days_after(h, D(from), n), got);
	if (strcmp(got, want) != 0)
		fail_msg("%d working day(s) after %s: got %s, want %s", n, from, got, want);
}

static void test_after__a_weekday_gives_the_next(void **state)
{
	struct dorn_holidays h;

	(void)state;
	shipped(&h);
	after_is(&h, "2026-12-01", 1, "2026-12-02"); /* Tuesday: Wednesday */
	after_is(&h, "2026-12-03", 1, "2026-12-04"); /* Thursday: Friday */
	after_is(&h, "2026-12-01", 5, "2026-12-08");
	dorn_holidays_fini(&h);
}

static void test_after__friday_gives_monday(void **state)
{
	struct dorn_holidays h;

	(void)state;
	shipped(&h);
	after_is(&h, "2026-12-04", 1, "2026-12-07");
	after_is(&h, "2026-12-04", 2, "2026-12-08");
	/* Monday a bank holiday (spring, 25 May 2026): Tuesday. */
	after_is(&h, "2026-05-22", 1, "2026-05-26");
	dorn_holidays_fini(&h);
}

/* Received at the weekend: by the end of the first working day after it,
 * as for a Friday; never a day later than a Friday evening's news. */
static void test_after__weekend_gives_the_first_working_day(void **state)
{
	struct dorn_holidays h;

	(void)state;
	shipped(&h);
	after_is(&h, "2026-12-05", 1, "2026-12-07"); /* Saturday: Monday */
	after_is(&h, "2026-12-06", 1, "2026-12-07"); /* Sunday: Monday */
	after_is(&h, "2026-12-05", 2, "2026-12-08");
	/* Saturday before the spring bank holiday: Tuesday. */
	after_is(&h, "2026-05-23", 1, "2026-05-26");
	dorn_holidays_fini(&h);
}

static void test_after__received_on_a_bank_holiday(void **state)
{
	struct dorn_holidays h;

	(void)state;
	shipped(&h);
	after_is(&h, "2026-05-25", 1, "2026-05-26");  /* spring bank holiday */
	after_is(&h, "2026-04-03", 1, "2026-04-07");  /* Good Friday: past Easter Monday */
	after_is(&h, "2026-04-02", 1, "2026-04-07");  /* Thursday before Easter */
	after_is(&h, "2026-12-24", 1, "2026-12-29");  /* Christmas Eve 2026 */
	after_is(&h, "2027-12-24", 1, "2027-12-29");  /* both substitute days */
	after_is(&h, "2027-12-23", 1, "2027-12-24");
	after_is(&h, "2027-12-31", 1, "2028-01-04");  /* New Year substitute day */
	dorn_holidays_fini(&h);
}

static void test_after__beyond_the_data_counts_weekdays(void **state)
{
	struct dorn_holidays h;

	(void)state;
	parse_ok(Y2026, &h);
	/* 1 January 2027 is a Friday and a bank holiday, but 2027 is not in
	 * the data: dorn counts it, and the caller can tell. */
	after_is(&h, "2026-12-31", 1, "2027-01-01");
	assert_false(dorn_holidays_cover(&h, D("2027-01-01")));
	after_is(NULL, "2026-12-24", 1, "2026-12-25");
	after_is(NULL, "2026-12-25", 1, "2026-12-28");
	dorn_holidays_fini(&h);
}

static void test_after__n_below_one_gives_the_day(void **state)
{
	(void)state;
	after_is(NULL, "2026-12-05", 0, "2026-12-05");
	after_is(NULL, "2026-12-05", -3, "2026-12-05");
}

/* ---- parsing ---- */

static void test_parse__comments_quotes_and_order(void **state)
{
	struct dorn_holidays h;
	char iso[11];

	(void)state;
	parse_ok("; bank holidays\r\n"
		 "# another comment\r\n"
		 "\r\n"
		 "[ 2027 ]\r\n"
		 "  2027-12-28 = \"Boxing Day (substitute day)\" ; quoted\r\n"
		 "2027-01-01=New Year's Day # a comment\r\n"
		 "[2026]\n"
		 "2026-12-25 = 'Christmas Day; the day'\n"
		 "2026-05-04 =  Early May bank holiday  ",
		 &h);
	assert_int_equal(h.n, 4);
	assert_int_equal(h.first_year, 2026);
	assert_int_equal(h.last_year, 2027);
	assert_string_equal(iso_of(h.day[0], iso), "2026-05-04");
	assert_string_equal(h.name[0], "Early May bank holiday");
	assert_string_equal(iso_of(h.day[1], iso), "2026-12-25");
	assert_string_equal(h.name[1], "Christmas Day; the day");
	assert_string_equal(iso_of(h.day[2], iso), "2027-01-01");
	assert_string_equal(h.name[2], "New Year's Day");
	assert_string_equal(iso_of(h.day[3], iso), "2027-12-28");
	assert_string_equal(h.name[3], "Boxing Day (substitute day)");
	dorn_holidays_fini(&h);
	dorn_holidays_fini(&h); /* twice is harmless */
	dorn_holidays_fini(NULL);
}

/* The text need not end in NUL: only n bytes are read. */
static void test_parse__reads_only_n_bytes(void **state)
{
	static const char text[] = "[2026]\n2026-12-25 = Christmas Day\n2026-12-26 = X";
	struct dorn_holidays h;
	struct dorn_err err;

	(void)state;
	assert_int_equal(dorn_holidays_parse(text, 34, "bh.ini", &h, &err), 0);
	assert_int_equal(h.n, 1);
	dorn_holidays_fini(&h);
	assert_int_equal(dorn_holidays_parse(text, 31, "bh.ini", &h, &err), 0);
	assert_string_equal(h.name[0], "Christmas D");
	dorn_holidays_fini(&h);
}

static void test_parse__years(void **state)
{
	(void)state;
	parse_fails("", "bh.ini: no years: add a section for each year, as [2026], with its "
		    "bank holidays from gov.uk/bank-holidays");
	parse_fails("; nothing\n\n", "bh.ini: no years: add a section for each year, as "
		    "[2026], with its bank holidays from gov.uk/bank-holidays");
	parse_fails("[holidays]\n", "bh.ini:1: section [holidays] is not a year: name each "
		    "section after the year of its dates, as [2026]");
	parse_fails("[26]\n", "bh.ini:1: section [26] is not a year: name each section after "
		    "the year of its dates, as [2026]");
	parse_fails("[1899]\n", "bh.ini:1: [1899] is outside the years dorn counts: use a year "
		    "from 1900 to 2200");
	parse_fails("[2026\n", "bh.ini:1: section name has no closing ']': write the year as "
		    "[2026]");
	parse_fails("[2026] ; x\n", "bh.ini:1: text after ']': put the year alone on its line, "
		    "as [2026]");
	parse_fails(Y2026 "[2026]\n", "bh.ini:10: [2026] appears twice: merge it with the one "
		    "on line 1");
	parse_fails(Y2026 "[2027]\n\n", "bh.ini:10: [2027] has no bank holidays: add them from "
		    "gov.uk/bank-holidays, or remove the section");
	parse_fails(Y2026 "[2028]\n2028-01-03 = New Year's Day (substitute day)\n",
		    "bh.ini:10: the years jump from [2026] to [2028]: add [2027], so that no "
		    "year is counted without its bank holidays");
}

static void test_parse__dates(void **state)
{
	(void)state;
	parse_fails("2026-12-25 = Christmas Day\n", "bh.ini:1: 2026-12-25 is outside any year: "
		    "put a [2026] line above it");
	parse_fails("[2026]\n25/12/2026 = Christmas Day\n", "bh.ini:2: '25/12/2026' is not a "
		    "date written YYYY-MM-DD: write each holiday as 2026-12-28 = Boxing Day "
		    "(substitute day)");
	parse_fails("[2026]\n2026-02-29 = Leap\n", "bh.ini:2: '2026-02-29' is not a date "
		    "written YYYY-MM-DD: write each holiday as 2026-12-28 = Boxing Day "
		    "(substitute day)");
	parse_fails("[2026]\n2026-1-1 = New Year's Day\n", "bh.ini:2: '2026-1-1' is not a date "
		    "written YYYY-MM-DD: write each holiday as 2026-12-28 = Boxing Day "
		    "(substitute day)");
	parse_fails("[2026]\n = Christmas Day\n", "bh.ini:2: '' is not a date written "
		    "YYYY-MM-DD: write each holiday as 2026-12-28 = Boxing Day (substitute day)");
	parse_fails("[2026]\n2027-01-01 = New Year's Day\n", "bh.ini:2: 2027-01-01 is in [2026]: "
		    "move it under [2027]");
	parse_fails("[2026]\n2026-12-26 = Boxing Day\n", "bh.ini:2: 2026-12-26 is a Saturday: a "
		    "bank holiday at a weekend moves to a substitute weekday; give that day "
		    "(gov.uk/bank-holidays)");
	parse_fails("[2027]\n2027-12-26 = Boxing Day\n", "bh.ini:2: 2027-12-26 is a Sunday: a "
		    "bank holiday at a weekend moves to a substitute weekday; give that day "
		    "(gov.uk/bank-holidays)");
	parse_fails("[2026]\n2026-12-25 = Christmas Day\n2026-12-28 = Boxing Day\n"
		    "2026-12-25 = Christmas\n", "bh.ini:4: 2026-12-25 appears twice: keep one "
		    "(the other is on line 2)");
}

static void test_parse__names(void **state)
{
	struct dorn_holidays h;
	char text[256];

	(void)state;
	parse_fails("[2026]\n2026-12-25 =\n", "bh.ini:2: 2026-12-25 has no name: write the "
		    "holiday's name after '=', as gov.uk/bank-holidays gives it");
	parse_fails("[2026]\n2026-12-25 = ; Christmas\n", "bh.ini:2: 2026-12-25 has no name: "
		    "write the holiday's name after '=', as gov.uk/bank-holidays gives it");
	parse_fails("[2026]\n2026-12-25 = \"\"\n", "bh.ini:2: 2026-12-25 has no name: write "
		    "the holiday's name after '=', as gov.uk/bank-holidays gives it");
	parse_fails("[2026]\n2026-12-25 = \"Christmas Day\n", "bh.ini:2: the quote \" is not "
		    "closed: add a closing \" at the end of the name");
	parse_fails("[2026]\n2026-12-25 = \"Christmas\" Day\n", "bh.ini:2: text after the "
		    "closing quote: put it inside the quotes or start a comment with ';'");
	parse_fails("[2026]\n2026-12-25 = Christmas\tDay\n", "bh.ini:2: the name of 2026-12-25 "
		    "contains a tab: use a space");
	parse_fails("[2026]\n2026-12-25 = Christmas \xe2\x80\xae" "yaD\n", "bh.ini:2: the name "
		    "of 2026-12-25 contains U+202E, which changes how text around it is shown: "
		    "remove it");
	snprintf(text, sizeof text, "[2026]\n2026-12-25 = %0101d\n", 0);
	parse_fails(text, "bh.ini:2: the name of 2026-12-25 is 101 bytes long, the limit is "
		    "100: shorten it");
	/* 100 bytes is the most, however many characters they are. */
	snprintf(text, sizeof text, "[2026]\n2026-12-25 = %0100d\n", 0);
	parse_ok(text, &h);
	assert_int_equal(strlen(h.name[0]), 100);
	dorn_holidays_fini(&h);
	/* 50 two-byte letters and one more byte. */
	snprintf(text, sizeof text, "[2026]\n2026-12-25 = \"");
	for (int i = 0; i < 50; i++)
		strcat(text, "\xC3\xA9");
	strcat(text, "x\"\n");
	parse_fails(text, "bh.ini:2: the name of 2026-12-25 is 101 bytes long, the limit is 100: "
		    "shorten it");
}

static void test_parse__lines(void **state)
{
	(void)state;
	parse_fails("[2026]\nChristmas Day\n", "bh.ini:2: this line is not a [year], a date = "
		    "name or a comment: correct it, or start it with ';' to make it a comment");
	parse_fails("[2026]\n2026-12-25 = Christmas \\\n", "bh.ini:2: line ends with '\\' "
		    "(continuation lines are not supported): join it with the next line");
	parse_fails("\xEF\xBB\xBF[2026]\n", "bh.ini:1: the file starts with a byte order mark: "
		    "save it as UTF-8 without BOM");
	parse_fails_n("[2026]\n2026-12-25 = Christ\0mas\n", 29, "bh.ini:2: contains a NUL "
		      "byte, so this is not a text file: check the path");
	parse_fails("[2026]\n2026-12-25 = Christ\xFFmas\n", "bh.ini:2: not valid UTF-8: save "
		    "the file as UTF-8");
	parse_fails("[2026]\n2026-12-25 = Christ\x1b[31mmas\n", "bh.ini:2: contains the "
		    "control character 0x1B: remove it");
	parse_fails("[2026]\n2026-12-25 = Christ\xC2\x9Bmas\n", "bh.ini:2: contains the "
		    "control character U+009B: remove it");
	parse_fails("[2026]\r\n2026-12-25 = Christ\rmas\r\n", "bh.ini:2: contains the control "
		    "character 0x0D: remove it");
}

/* ---- the loaders ---- */

struct fx {
	char dir[64];
	char path[256];
	char *saved_datadir;
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	const char *d = getenv("DORN_DATADIR");

	assert_non_null(fx);
	tu_tmpdir(fx->dir, sizeof fx->dir);
	fx->saved_datadir = d ? strdup(d) : NULL;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	if (fx->saved_datadir)
		setenv("DORN_DATADIR", fx->saved_datadir, 1);
	else
		unsetenv("DORN_DATADIR");
	free(fx->saved_datadir);
	tu_rmdir(fx->dir);
	free(fx);
	return 0;
}

static void holidays_load_fails(struct fx *fx, const char *text, const char *msg)
{
	struct dorn_holidays h;
	struct dorn_err err;
	char want[1024];

	tu_write(fx->dir, "bank-holidays.ini", text, strlen(text), fx->path, sizeof fx->path);
	dorn_err_clear(&err);
	assert_int_equal(dorn_holidays_load(fx->path, &h, &err), DORN_ECONFIG);
	assert_int_equal(err.code, DORN_ECONFIG);
	snprintf(want, sizeof want, "%s%s", fx->path, msg);
	assert_string_equal(err.msg, want);
	assert_null(h.day);
	assert_int_equal(h.n, 0);
}

static void test_holidays_load__errors_name_the_file(void **state)
{
	struct fx *fx = *state;
	struct dorn_holidays h;
	struct dorn_err err;
	char want[512];

	holidays_load_fails(fx, "[2026]\n2026-12-26 = Boxing Day\n",
			    ":2: 2026-12-26 is a Saturday: a bank holiday at a weekend moves to "
			    "a substitute weekday; give that day (gov.uk/bank-holidays)");
	holidays_load_fails(fx, "", ": no years: add a section for each year, as [2026], with "
			    "its bank holidays from gov.uk/bank-holidays");
	snprintf(fx->path, sizeof fx->path, "%s/missing.ini", fx->dir);
	assert_int_equal(dorn_holidays_load(fx->path, &h, &err), DORN_ECONFIG);
	snprintf(want, sizeof want, "%s: cannot read: No such file or directory: check the "
		 "path", fx->path);
	assert_string_equal(err.msg, want);
	assert_int_equal(dorn_holidays_load(fx->dir, &h, &err), DORN_ECONFIG);
	snprintf(want, sizeof want, "%s: is a folder, not a file: give the path of an INI "
		 "file", fx->dir);
	assert_string_equal(err.msg, want);
}

/* NULL and "" read the data folder's file; an empty data folder says
 * where dorn looked. */
static void test_holidays_load__from_the_data_folder(void **state)
{
	struct fx *fx = *state;
	struct dorn_holidays h;
	struct dorn_err err;
	char want[512];

	tu_write(fx->dir, "bank-holidays.ini", Y2026, strlen(Y2026), fx->path,
		 sizeof fx->path);
	tu_write(fx->dir, "offences.ini", "", 0, fx->path, sizeof fx->path);
	setenv("DORN_DATADIR", fx->dir, 1);
	if (dorn_holidays_load("", &h, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(h.n, 8);
	assert_int_equal(h.first_year, 2026);
	dorn_holidays_fini(&h);
	if (dorn_holidays_load(NULL, &h, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(h.last_year, 2026);
	dorn_holidays_fini(&h);
	unlink(fx->path);
	assert_int_equal(dorn_holidays_load(NULL, &h, &err), DORN_ECONFIG);
	snprintf(want, sizeof want, "DORN_DATADIR is %s, which has no offences.ini: set "
		 "DORN_DATADIR to dorn's data folder (data in the source tree), or unset it "
		 "after make install", fx->dir);
	assert_string_equal(err.msg, want);
}

static void code_fails(struct fx *fx, const char *text, const char *msg)
{
	struct dorn_victims_code vc;
	struct dorn_err err;
	char want[1024];

	tu_write(fx->dir, "victims-code.ini", text, strlen(text), fx->path, sizeof fx->path);
	dorn_err_clear(&err);
	memset(&vc, 0x5A, sizeof vc);
	assert_int_equal(dorn_victims_code_load(fx->path, &vc, &err), DORN_ECONFIG);
	assert_int_equal(err.code, DORN_ECONFIG);
	snprintf(want, sizeof want, "%s%s", fx->path, msg);
	assert_string_equal(err.msg, want);
	assert_int_equal(vc.outcome_days, 0);
	assert_int_equal(vc.hearing_days, 0);
}

#define CODE_OK "[outcome]\ntell_within_working_days = 1\n[hearing]\ntell_within_working_days = 1\n"

static void test_victims_code__values(void **state)
{
	struct fx *fx = *state;
	static const char text[] = "; timings\n[hearing]\ntell_within_working_days = 20\n"
				   "[outcome]\nTELL_WITHIN_WORKING_DAYS = \"3\"\n";
	struct dorn_victims_code vc;
	struct dorn_err err;

	tu_write(fx->dir, "victims-code.ini", text, strlen(text), fx->path, sizeof fx->path);
	if (dorn_victims_code_load(fx->path, &vc, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(vc.outcome_days, 3);
	assert_int_equal(vc.hearing_days, 20);
}

static void test_victims_code__errors(void **state)
{
	struct fx *fx = *state;

	code_fails(fx, "[outcome]\ntell_within_working_days = one\n[hearing]\n"
		   "tell_within_working_days = 1\n",
		   ":2: [outcome] tell_within_working_days = 'one' is not a whole number: use "
		   "a number of working days from 1 to 20");
	code_fails(fx, "[outcome]\ntell_within_working_days = 1.5\n",
		   ":2: [outcome] tell_within_working_days = '1.5' is not a whole number: use "
		   "a number of working days from 1 to 20");
	code_fails(fx, "[outcome]\ntell_within_working_days = 1\n[hearing]\n"
		   "tell_within_working_days = 0\n",
		   ":4: [hearing] tell_within_working_days = '0' is out of range: use a number "
		   "of working days from 1 to 20");
	code_fails(fx, "[outcome]\ntell_within_working_days = 99999999999999999999\n",
		   ":2: [outcome] tell_within_working_days = '99999999999999999999' is out of "
		   "range: use a number of working days from 1 to 20");
	code_fails(fx, "[outcome]\ntell_within_working_days = -1\n",
		   ":2: [outcome] tell_within_working_days = '-1' is not a whole number: use a "
		   "number of working days from 1 to 20");
	code_fails(fx, "[outcome]\ntell_within_working_days =\n",
		   ":2: [outcome] tell_within_working_days = '' is not a whole number: use a "
		   "number of working days from 1 to 20");
	code_fails(fx, CODE_OK "[sentence]\n", ":5: unknown section [sentence]: the sections "
		   "are outcome, hearing");
	code_fails(fx, "[outcome]\ndays = 1\n", ":2: unknown key 'days' in [outcome]: the key "
		   "of [outcome] is tell_within_working_days");
	code_fails(fx, "[outcome]\n[hearing]\ntell_within_working_days = 1\n",
		   ":1: [outcome] has no tell_within_working_days: add tell_within_working_days "
		   "= 1, the Victims' Code's timing");
	code_fails(fx, "[outcome]\ntell_within_working_days = 1\n",
		   ": [hearing] is missing: add it, with tell_within_working_days = 1, the "
		   "Victims' Code's timing");
	code_fails(fx, CODE_OK "[outcome]\n", ":5: section [outcome] appears twice: merge it "
		   "with the one on line 1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules__easter_sundays),
		cmocka_unit_test(test_rules__substitute_days),
		cmocka_unit_test(test_shipped__every_date_as_the_rules_give),
		cmocka_unit_test(test_shipped__the_ini_reader_agrees),
		cmocka_unit_test(test_shipped__victims_code),
		cmocka_unit_test(test_weekday__iso_numbers),
		cmocka_unit_test(test_working_day__weekends_and_bank_holidays),
		cmocka_unit_test(test_name__of_a_bank_holiday),
		cmocka_unit_test(test_cover__whole_years_only),
		cmocka_unit_test(test_after__a_weekday_gives_the_next),
		cmocka_unit_test(test_after__friday_gives_monday),
		cmocka_unit_test(test_after__weekend_gives_the_first_working_day),
		cmocka_unit_test(test_after__received_on_a_bank_holiday),
		cmocka_unit_test(test_after__beyond_the_data_counts_weekdays),
		cmocka_unit_test(test_after__n_below_one_gives_the_day),
		cmocka_unit_test(test_parse__comments_quotes_and_order),
		cmocka_unit_test(test_parse__reads_only_n_bytes),
		cmocka_unit_test(test_parse__years),
		cmocka_unit_test(test_parse__dates),
		cmocka_unit_test(test_parse__names),
		cmocka_unit_test(test_parse__lines),
		cmocka_unit_test_setup_teardown(test_holidays_load__errors_name_the_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_holidays_load__from_the_data_folder, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_victims_code__values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_victims_code__errors, setup, teardown),
	};

	return cmocka_run_group_tests_name("workdays", tests, NULL, NULL);
}
