/* Working days in England and Wales: Monday to Friday, less the bank
 * holidays of data/bank-holidays.ini, and the Victims' Code's deadlines
 * counted in them. Pure: the text of the file comes in, the config room
 * reads it (config.h: dorn_holidays_load). Days are counted as everywhere
 * in dorn: days since 1970-01-01 (dorn_date_to_days in urn.h). */
#ifndef DORN_WORKDAYS_H
#define DORN_WORKDAYS_H

#include <stddef.h>

struct dorn_err;

/* The bank holidays of a run of whole years. day[i] and name[i] go
 * together: name[i] is the holiday's name as the file gives it ("Boxing
 * Day (substitute day)"), UTF-8 without control characters, owned by the
 * struct (dorn_holidays_fini frees every one). */
struct dorn_holidays {
	long *day;          /* days since 1970-01-01, sorted, no duplicates */
	const char **name;  /* parallel to day: name[i] is day[i]'s name */
	size_t n;
	int first_year, last_year; /* the years the data covers, whole; 0 and 0
				    * when it covers none */
};

/* Longest holiday name, in bytes. */
#define DORN_HOLIDAY_NAME_MAX 100

/* Parse the bank-holidays file, text[0..n) (need not end in NUL), into h.
 * The format, which dorn's INI reader also reads (dorn.ini(5)):
 *
 *   ; a comment (';' or '#' first on the line); blank lines
 *   [2026]                          one section per year covered
 *   2026-12-28 = Boxing Day (substitute day)
 *
 * A value may be quoted ("..." or '...'); unquoted, it ends at ';' or '#'.
 * The years covered are exactly the sections, which must run without a
 * gap; each holds at least one date, every date lies in its section's
 * year, falls on a weekday (a holiday at a weekend moves to a substitute
 * weekday: the file gives that day), and appears once, with a name of 1
 * to DORN_HOLIDAY_NAME_MAX bytes without a tab or a bidi control. The
 * text is UTF-8 without a byte order mark or control characters (tab
 * aside), as dorn's INI reader requires. Years are 1900 to 2200. origin
 * names the text in messages.
 *
 * 0, or DORN_EDATA with "ORIGIN:LINE: what is wrong: what to do" (no LINE
 * when the problem is the whole text, such as no years at all), or
 * DORN_ENOMEM. h is filled on success and left empty (as after
 * dorn_holidays_fini) on failure. */
int dorn_holidays_parse(const char *text, size_t n, const char *origin,
			struct dorn_holidays *h, struct dorn_err *err);

/* Free what h holds and leave it empty; h may be NULL or already empty. */
void dorn_holidays_fini(struct dorn_holidays *h);

/* 1 when day's calendar year is one h covers (first_year..last_year), else
 * 0, also for a NULL h. Outside them dorn knows no bank holidays: a caller
 * that counts working days there should say so. */
int dorn_holidays_cover(const struct dorn_holidays *h, long day);

/* The name of the bank holiday on day, or NULL when day is none (or h is
 * NULL). Valid while h is. */
const char *dorn_holidays_name(const struct dorn_holidays *h, long day);

/* The ISO weekday of day: 1 for Monday to 7 for Sunday. */
int dorn_weekday(long day);

/* 1 when day is a working day: Monday to Friday and not one of h's bank
 * holidays (h may be NULL: no bank holidays). */
int dorn_working_day(const struct dorn_holidays *h, long day);

/* The n-th working day after day, counting only days after it: the day by
 * whose end something due "within n working days of" day must be done.
 *
 * Whatever day itself is does not count, so received on a Friday, 1 gives
 * Monday (Tuesday when Monday is a bank holiday); received on a Saturday,
 * Sunday or bank holiday, 1 gives the next working day too: Saturday gives
 * Monday, not Tuesday. The Victims' Code's "within 1 working day of
 * receiving" gives the unit one full working day; something that arrives
 * on Saturday is seen first on Monday morning, and Monday is that day.
 * Counting Saturday as if it were Monday and adding one more would give
 * a Saturday's news a day more than a Friday evening's.
 *
 * n < 1 gives day itself. Years h does not cover count Monday to Friday
 * only (see dorn_holidays_cover). */
long dorn_working_days_after(const struct dorn_holidays *h, long day, int n);

/* The Victims' Code's timings (data/victims-code.ini), in working days
 * (see dorn_working_days_after). */
struct dorn_victims_code {
	int outcome_days; /* the victim is told the outcome and sentence within
			   * this many working days of the unit receiving it */
	int hearing_days; /* ... and of a hearing's date and place */
};

#endif
