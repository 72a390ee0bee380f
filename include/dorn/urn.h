/* Unique Reference Numbers (case references) and calendar dates. Pure. */
#ifndef DORN_URN_H
#define DORN_URN_H

#include <time.h>

struct dorn_err;

/* A normalised URN: 11 characters (force 2 digits, unit 2 letters/digits,
 * number 5 digits, year 2 digits) or 13 (a 7-digit number), upper case, no
 * separators. */
#define DORN_URN_MAX 14 /* 13 + NUL */

/* Accepts "01AB1234525", "01/AB/12345/25", "01 ab 12345 25", lower case, and
 * the 7-digit form. On failure returns DORN_EDATA with a message that names
 * the part that is wrong. */
int dorn_urn_parse(const char *in, char out[DORN_URN_MAX], struct dorn_err *err);

/* "01/AB/12345/25" from a normalised URN; out must hold 18 bytes. */
void dorn_urn_display(const char *urn, char out[18]);

struct dorn_date {
	int y, m, d;
};

/* Accepts YYYY-MM-DD and DD/MM/YYYY (also D/M/YYYY). Rejects impossible
 * dates such as 31/02/2026 and years outside 1900..2200, with a message. */
int dorn_date_parse(const char *in, struct dorn_date *out, struct dorn_err *err);

/* "YYYY-MM-DD" into out (11 bytes). */
void dorn_date_iso(const struct dorn_date *d, char out[11]);

/* "DD/MM/YYYY" into out (11 bytes). */
void dorn_date_uk(const struct dorn_date *d, char out[11]);
/* "5 December 2026" from "2026-12-05" (or a timestamp starting so); out
 * holds 32 bytes. "" or anything else gives "". */
void dorn_date_long(const char *iso, char out[32]);

/* Days since 1970-01-01 (proleptic Gregorian), and back. */
long dorn_date_to_days(const struct dorn_date *d);
void dorn_date_from_days(long days, struct dorn_date *out);

/* The UTC calendar date of t. */
void dorn_date_from_time(time_t t, struct dorn_date *out);

/* 1 when y/m/d is a real calendar date. */
int dorn_date_valid(int y, int m, int d);

/* "Fri 11 Dec 2026, in 10 days" ("today", "tomorrow", "yesterday",
 * "3 days ago"): d and how many days away it is (negative when past);
 * parts (DORN_DW_* bits) says whether the year and the distance are
 * written, for narrow places. */
enum { DORN_DW_YEAR = 1, DORN_DW_WHEN = 2, DORN_DW_ALL = 3 };
void dorn_date_words(const struct dorn_date *d, long left, unsigned parts, char *out,
		     size_t n);
/* The same for day (days since 1970-01-01), as far from today as it is;
 * "" when day is negative (no date). */
void dorn_day_words(long day, long today, unsigned parts, char *out, size_t n);
/* Days since 1970-01-01 of an ISO date (YYYY-MM-DD), or -1 when iso is
 * empty or not a date. */
long dorn_iso_days(const char *iso);

#endif
