/* Case references (URNs) and calendar dates: parsing what people type,
 * normalising it, and explaining plainly what is wrong when it cannot be
 * read. Input may be hostile, so anything echoed back in a message is
 * cleaned of control characters and cut short first. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dorn/err.h"
#include "dorn/text.h"
#include "dorn/urn.h"

#define SHOW_CHARS 40
#define SHOW_MAX (SHOW_CHARS * 4 + sizeof "...")

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(unsigned char c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static unsigned char to_upper(unsigned char c)
{
	return (c >= 'a' && c <= 'z') ? (unsigned char)(c - 'a' + 'A') : c;
}

/* Narrow in/n to the text between leading and trailing white space. */
static void trim(const char **in, size_t *n)
{
	const unsigned char *s = (const unsigned char *)*in;
	size_t len = *n;

	while (len > 0 && is_space(s[0])) {
		s++;
		len--;
	}
	while (len > 0 && is_space(s[len - 1]))
		len--;
	*in = (const char *)s;
	*n = len;
}

/* A copy of s[0..n) that is safe to put in a message: at most SHOW_CHARS
 * characters, anything invisible (controls, malformed bytes, zero-width and
 * bidi characters that could disguise the message) shown as '?'. */
static const char *show(const char *s, size_t n, char out[SHOW_MAX])
{
	size_t i = 0, w = 0, chars = 0, len;
	uint32_t cp;

	while (i < n && chars < SHOW_CHARS) {
		len = dorn_utf8_decode(s + i, n - i, &cp);
		if ((cp == 0xFFFD && len == 1) || dorn_cp_width(cp) == 0) {
			out[w++] = '?';
		} else {
			memcpy(out + w, s + i, len);
			w += len;
		}
		i += len;
		chars++;
	}
	if (i < n) {
		memcpy(out + w, "...", 3);
		w += 3;
	}
	out[w] = '\0';
	return out;
}

struct part {
	const char *p;
	size_t n;
};

/* The four parts of a URN, in order; the rule text is used as is in the
 * message, so it must read well after "the <name> '<part>' ". */
static const struct part_rule {
	const char *name;
	const char *rule;
	size_t len, alt_len; /* accepted lengths */
	int letters;         /* letters allowed as well as digits */
} part_rules[4] = {
	{ "force code", "must be 2 digits, for example 01", 2, 2, 0 },
	{ "unit code", "must be 2 letters or digits, for example AB", 2, 2, 1 },
	{ "case number", "must be 5 digits (or 7), for example 12345", 5, 7, 0 },
	{ "year", "must be 2 digits, for example 25", 2, 2, 0 },
};

static int part_ok(const struct part *pt, const struct part_rule *r)
{
	const unsigned char *s = (const unsigned char *)pt->p;

	if (pt->n != r->len && pt->n != r->alt_len)
		return 0;
	for (size_t i = 0; i < pt->n; i++)
		if (!(r->letters ? is_alnum(s[i]) : is_digit(s[i])))
			return 0;
	return 1;
}

static int is_sep(unsigned char c)
{
	return c == '/' || c == '-' || c == ' ' || c == '\t';
}

static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* Split on separators. A separator is blanks, or one '/' or '-' with
 * optional blanks around it, so "01 / AB / 12345 / 25" has four parts and
 * "01//AB/12345/25" has an empty second one. Returns the number of parts;
 * only the first four are stored. */
static size_t split(const char *in, size_t n, struct part parts[4])
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, start = 0, count = 0;

	for (;;) {
		if (i < n && !is_sep(s[i])) {
			i++;
			continue;
		}
		if (count < 4) {
			parts[count].p = in + start;
			parts[count].n = i - start;
		}
		count++;
		if (i >= n)
			break;
		while (i < n && is_blank(s[i]))
			i++;
		if (i < n && (s[i] == '/' || s[i] == '-')) {
			i++;
			while (i < n && is_blank(s[i]))
				i++;
		}
		start = i;
	}
	return count;
}

/* Cut an unseparated URN into its parts by position, counting characters
 * rather than bytes so that a stray non-ASCII character is reported inside
 * the part it landed in. */
static void cut(const char *s, size_t n, size_t chars, struct part parts[4])
{
	size_t ends[4] = { 2, 4, chars - 2, chars };
	size_t pos = 0, c = 0, start;

	for (int k = 0; k < 4; k++) {
		start = pos;
		while (c < ends[k]) {
			pos = dorn_utf8_next(s, n, pos);
			c++;
		}
		parts[k].p = s + start;
		parts[k].n = pos - start;
	}
}

static int has_sep(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_sep((unsigned char)s[i]))
			return 1;
	return 0;
}

int dorn_urn_parse(const char *in, char out[DORN_URN_MAX], struct dorn_err *err)
{
	struct part parts[4];
	char shown[SHOW_MAX], shown_part[SHOW_MAX];
	const char *s = in ? in : "";
	size_t n = strlen(s), count, w = 0;
	int rc = 0;

	if (out)
		out[0] = '\0';
	trim(&s, &n);
	if (n == 0) {
		rc = dorn_err_set(err, DORN_EDATA,
				  "no URN given: type one like 01/AB/12345/25");
		goto out;
	}
	show(s, n, shown);
	if (has_sep(s, n)) {
		count = split(s, n, parts);
		if (count != 4) {
			rc = dorn_err_set(err, DORN_EDATA,
					  "URN '%s': it has %zu parts; a URN written with "
					  "separators has 4 (force/unit/number/year), "
					  "for example 01/AB/12345/25",
					  shown, count);
			goto out;
		}
	} else {
		count = dorn_utf8_len(s, n);
		if (count != 11 && count != 13) {
			rc = dorn_err_set(err, DORN_EDATA,
					  "URN '%s': it has %zu character%s; a URN has 11 "
					  "(or 13 with a 7-digit number), for example "
					  "01AB1234525",
					  shown, count, count == 1 ? "" : "s");
			goto out;
		}
		cut(s, n, count, parts);
	}
	for (int k = 0; k < 4; k++) {
		const struct part_rule *r = &part_rules[k];

		if (parts[k].n == 0) {
			rc = dorn_err_set(err, DORN_EDATA,
					  "URN '%s': the %s is missing; type all four "
					  "parts, for example 01/AB/12345/25",
					  shown, r->name);
			goto out;
		}
		if (!part_ok(&parts[k], r)) {
			rc = dorn_err_set(err, DORN_EDATA, "URN '%s': the %s '%s' %s",
					  shown, r->name,
					  show(parts[k].p, parts[k].n, shown_part),
					  r->rule);
			goto out;
		}
	}
	if (!out)
		goto out;
	for (int k = 0; k < 4; k++)
		for (size_t i = 0; i < parts[k].n; i++)
			out[w++] = (char)to_upper((unsigned char)parts[k].p[i]);
	out[w] = '\0';
out:
	return rc;
}

void dorn_urn_display(const char *urn, char out[18])
{
	size_t n = strlen(urn), num;

	if (n != 11 && n != 13) {
		/* Not normalised: show it as it is rather than guess. */
		snprintf(out, 18, "%s", urn);
		return;
	}
	num = n - 6;
	memcpy(out, urn, 2);
	out[2] = '/';
	memcpy(out + 3, urn + 2, 2);
	out[5] = '/';
	memcpy(out + 6, urn + 4, num);
	out[6 + num] = '/';
	memcpy(out + 7 + num, urn + 4 + num, 2);
	out[9 + num] = '\0';
}

/* ---- dates ---- */

#define YEAR_MIN 1900
#define YEAR_MAX 2200

static const char *const month_names[12] = {
	"January", "February", "March",     "April",   "May",      "June",
	"July",    "August",   "September", "October", "November", "December",
};

void dorn_date_long(const char *iso, char out[32])
{
	struct dorn_date d;
	char day[11];

	out[0] = '\0';
	if (!iso || !*iso)
		return;
	/* A timestamp ("2026-11-28T14:08:17Z") reads as its day. */
	snprintf(day, sizeof day, "%.10s", iso);
	if (dorn_date_parse(day, &d, NULL))
		return;
	snprintf(out, 32, "%d %s %d", d.d, month_names[d.m - 1], d.y);
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int dorn_date_valid(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/* Read between min and max digits at s[*i], leaving *i after them. */
static int digits(const char *s, size_t n, size_t *i, size_t min, size_t max,
		  int *val)
{
	size_t k = 0;
	int v = 0;

	while (*i + k < n && k < max && is_digit((unsigned char)s[*i + k])) {
		v = v * 10 + (s[*i + k] - '0');
		k++;
	}
	if (k < min || (*i + k < n && is_digit((unsigned char)s[*i + k])))
		return 0;
	*i += k;
	*val = v;
	return 1;
}

static int lit(const char *s, size_t n, size_t *i, char c)
{
	if (*i >= n || s[*i] != c)
		return 0;
	(*i)++;
	return 1;
}

/* YYYY-MM-DD exactly, or D/M/YYYY with one or two digits for day and
 * month. Only the shape is checked here; the values are checked after. */
static int date_shape(const char *s, size_t n, struct dorn_date *d)
{
	size_t i = 0;

	if (digits(s, n, &i, 4, 4, &d->y) && lit(s, n, &i, '-') &&
	    digits(s, n, &i, 2, 2, &d->m) && lit(s, n, &i, '-') &&
	    digits(s, n, &i, 2, 2, &d->d) && i == n)
		return 1;
	i = 0;
	return digits(s, n, &i, 1, 2, &d->d) && lit(s, n, &i, '/') &&
	       digits(s, n, &i, 1, 2, &d->m) && lit(s, n, &i, '/') &&
	       digits(s, n, &i, 4, 4, &d->y) && i == n;
}

int dorn_date_parse(const char *in, struct dorn_date *out, struct dorn_err *err)
{
	struct dorn_date d = { 0, 0, 0 };
	char shown[SHOW_MAX];
	const char *s = in ? in : "";
	size_t n = strlen(s);
	int rc = 0;

	trim(&s, &n);
	if (n == 0) {
		rc = dorn_err_set(err, DORN_EDATA,
				  "no date given: type it as DD/MM/YYYY or YYYY-MM-DD");
		goto out;
	}
	show(s, n, shown);
	if (!date_shape(s, n, &d)) {
		rc = dorn_err_set(err, DORN_EDATA,
				  "'%s' is not a date: type it as DD/MM/YYYY or "
				  "YYYY-MM-DD",
				  shown);
		goto out;
	}
	if (d.y < YEAR_MIN || d.y > YEAR_MAX) {
		rc = dorn_err_set(err, DORN_EDATA, "%s: the year must be %d to %d",
				  shown, YEAR_MIN, YEAR_MAX);
		goto out;
	}
	if (d.m < 1 || d.m > 12) {
		rc = dorn_err_set(err, DORN_EDATA, "%s: the month must be 1 to 12",
				  shown);
		goto out;
	}
	if (d.d < 1) {
		rc = dorn_err_set(err, DORN_EDATA,
				  "%s is not a date: the day must be 1 or more", shown);
		goto out;
	}
	if (d.d > month_days(d.y, d.m)) {
		rc = dorn_err_set(err, DORN_EDATA,
				  "%s is not a date: %s %d has %d days", shown,
				  month_names[d.m - 1], d.y, month_days(d.y, d.m));
		goto out;
	}
	if (out)
		*out = d;
out:
	return rc;
}

/* Exactly width digits of v (its last ones), so the output length is fixed
 * whatever the caller passed. */
static void put_digits(char *p, long v, int width)
{
	if (v < 0)
		v = -v;
	for (int k = width - 1; k >= 0; k--) {
		p[k] = (char)('0' + v % 10);
		v /= 10;
	}
}

void dorn_date_iso(const struct dorn_date *d, char out[11])
{
	put_digits(out, d->y, 4);
	out[4] = '-';
	put_digits(out + 5, d->m, 2);
	out[7] = '-';
	put_digits(out + 8, d->d, 2);
	out[10] = '\0';
}

void dorn_date_uk(const struct dorn_date *d, char out[11])
{
	put_digits(out, d->d, 2);
	out[2] = '/';
	put_digits(out + 3, d->m, 2);
	out[5] = '/';
	put_digits(out + 6, d->y, 4);
	out[10] = '\0';
}

/* Howard Hinnant's days_from_civil: counts in 400-year eras, each starting
 * on 1 March so that the leap day falls at the end of the year. */
long dorn_date_to_days(const struct dorn_date *d)
{
	long y = (long)d->y - (d->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = d->m > 2 ? d->m - 3 : d->m + 9;
	long doy = (153 * mp + 2) / 5 + d->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* Howard Hinnant's civil_from_days, the inverse of the above. */
void dorn_date_from_days(long days, struct dorn_date *out)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long m = mp < 10 ? mp + 3 : mp - 9;

	out->y = (int)(yoe + era * 400 + (m <= 2));
	out->m = (int)m;
	out->d = (int)(doy - (153 * mp + 2) / 5 + 1);
}

void dorn_date_from_time(time_t t, struct dorn_date *out)
{
	struct tm tm;
	long days;

	if (gmtime_r(&t, &tm)) {
		out->y = tm.tm_year + 1900;
		out->m = tm.tm_mon + 1;
		out->d = tm.tm_mday;
		return;
	}
	/* gmtime_r only fails when the year overflows an int; fall back to
	 * plain arithmetic rather than leave out unset. */
	days = (long)(t / 86400);
	if (t % 86400 < 0)
		days--;
	dorn_date_from_days(days, out);
}

static const char *const wdays[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void dorn_date_words(const struct dorn_date *d, long left, unsigned parts, char *out,
		     size_t n)
{
	long wd = (dorn_date_to_days(d) % 7 + 7 + 4) % 7; /* 1970-01-01 was a Thursday */
	char when[32];

	if (left == 0)
		snprintf(when, sizeof when, "today");
	else if (left == 1)
		snprintf(when, sizeof when, "tomorrow");
	else if (left == -1)
		snprintf(when, sizeof when, "yesterday");
	else if (left > 1)
		snprintf(when, sizeof when, "in %ld days", left);
	else
		snprintf(when, sizeof when, "%ld days ago", -left);
	snprintf(out, n, "%s %d %s", wdays[wd], d->d, mons[(d->m - 1) % 12]);
	if (parts & DORN_DW_YEAR)
		snprintf(out + strlen(out), n - strlen(out), " %d", d->y);
	if (parts & DORN_DW_WHEN)
		snprintf(out + strlen(out), n - strlen(out), ", %s", when);
}

void dorn_day_words(long day, long today, unsigned parts, char *out, size_t n)
{
	struct dorn_date d;

	if (n)
		out[0] = '\0';
	if (day < 0)
		return;
	dorn_date_from_days(day, &d);
	dorn_date_words(&d, day - today, parts, out, n);
}

long dorn_iso_days(const char *iso)
{
	struct dorn_date d;

	if (!iso || !*iso || dorn_date_parse(iso, &d, NULL))
		return -1;
	return dorn_date_to_days(&d);
}
