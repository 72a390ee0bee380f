/* Working days and bank holidays (England and Wales): the text of
 * data/bank-holidays.ini parsed into sorted days, and deadlines counted in
 * working days. Pure: the config room reads the file.
 *
 * The parser reads the same syntax as dorn's INI reader (src/config/ini.c)
 * for the little this file needs, so the file means the same to both (a
 * unit test reads the shipped file with each), and it checks what that
 * reader cannot know: that sections are years without a gap, that every
 * date lies in its year and on a weekday, and that none appears twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "dorn/workdays.h"

#define YEAR_MIN 1900
#define YEAR_MAX 2200
#define NYEARS (YEAR_MAX - YEAR_MIN + 1)
#define SHOWN_MAX 40 /* bytes of the file's text quoted in a message */

/* One date as read, until all are read and sorted. */
struct entry {
	long day;
	int line;
	char *name;
};

struct parse {
	const char *origin;
	struct entry *e;
	size_t n, cap;
	int year_line[NYEARS];  /* line of [year], 0 when absent */
	size_t year_count[NYEARS];
	int year;               /* the current section's year, 0 before one */
};

static const char *const day_names[] = { "Monday", "Tuesday", "Wednesday", "Thursday",
					 "Friday", "Saturday", "Sunday" };

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* s[0..*n) without blanks at either end. */
static const char *trim(const char *s, size_t *n)
{
	while (*n > 0 && is_blank(*s)) {
		s++;
		(*n)--;
	}
	while (*n > 0 && is_blank(s[*n - 1]))
		(*n)--;
	return s;
}

/* s[0..n) as a NUL-terminated string of at most SHOWN_MAX bytes, cut at a
 * character boundary, for quoting in a message (the line is UTF-8 whose
 * only control character can be a tab, which dorn_err_set shows as a
 * space). */
static const char *shown(const char *s, size_t n, char out[SHOWN_MAX + 4])
{
	size_t max = SHOWN_MAX;

	if (n <= max) {
		memcpy(out, s, n);
		out[n] = '\0';
		return out;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	memcpy(out, s, max);
	memcpy(out + max, "...", 4);
	return out;
}

static int fail_line(struct dorn_err *err, const struct parse *p, int line, const char *what)
{
	return dorn_err_set(err, DORN_EDATA, "%s:%d: %s", p->origin, line, what);
}

/* The bytes of one line (without '\n'; a final '\r' allowed): UTF-8 with
 * no control character but tab, as dorn's INI reader requires. */
static int check_bytes(const struct parse *p, int line, const char *s, size_t n,
		       struct dorn_err *err)
{
	char what[128];
	size_t at, len;
	uint32_t cp = 0;

	if (memchr(s, '\0', n))
		return fail_line(err, p, line,
				 "contains a NUL byte, so this is not a text file: check the path");
	if (!dorn_utf8_valid(s, n, NULL))
		return fail_line(err, p, line, "not valid UTF-8: save the file as UTF-8");
	if (n > 0 && s[n - 1] == '\r')
		n--;
	for (at = 0; at < n; at += len) {
		len = dorn_utf8_decode(s + at, n - at, &cp);
		if (cp == '\t')
			continue;
		if (cp < 0x20 || cp == 0x7F) {
			snprintf(what, sizeof what,
				 "contains the control character 0x%02X: remove it", (unsigned)cp);
			return fail_line(err, p, line, what);
		}
		if (cp >= 0x80 && cp <= 0x9F) {
			snprintf(what, sizeof what,
				 "contains the control character U+%04X: remove it", (unsigned)cp);
			return fail_line(err, p, line, what);
		}
	}
	return 0;
}

/* "YYYY-MM-DD", a real date, into *d; 0 when it is not one. */
static int iso_date(const char *s, size_t n, struct dorn_date *d)
{
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			return 0;
	d->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	d->m = (s[5] - '0') * 10 + (s[6] - '0');
	d->d = (s[8] - '0') * 10 + (s[9] - '0');
	return dorn_date_valid(d->y, d->m, d->d);
}

static int section(struct parse *p, int line, const char *s, size_t n, struct dorn_err *err)
{
	const char *close = memchr(s, ']', n);
	char what[256], q[SHOWN_MAX + 4];
	size_t len;
	int y = 0;

	if (!close)
		return fail_line(err, p, line,
				 "section name has no closing ']': write the year as [2026]");
	if ((size_t)(close - s) != n - 1)
		return fail_line(err, p, line,
				 "text after ']': put the year alone on its line, as [2026]");
	len = (size_t)(close - s) - 1;
	s = trim(s + 1, &len);
	for (size_t i = 0; i < len && len == 4; i++)
		y = is_digit(s[i]) ? y * 10 + (s[i] - '0') : -1;
	if (len != 4 || y < 0) {
		snprintf(what, sizeof what, "section [%s] is not a year: name each section "
			 "after the year of its dates, as [2026]", shown(s, len, q));
		return fail_line(err, p, line, what);
	}
	if (y < YEAR_MIN || y > YEAR_MAX) {
		snprintf(what, sizeof what, "[%d] is outside the years dorn counts: use a "
			 "year from %d to %d", y, YEAR_MIN, YEAR_MAX);
		return fail_line(err, p, line, what);
	}
	if (p->year_line[y - YEAR_MIN]) {
		snprintf(what, sizeof what, "[%d] appears twice: merge it with the one on "
			 "line %d", y, p->year_line[y - YEAR_MIN]);
		return fail_line(err, p, line, what);
	}
	p->year_line[y - YEAR_MIN] = line;
	p->year = y;
	return 0;
}

/* The name after '=': quoted as far as the closing quote, else up to a
 * comment. On success *out is the name and *len its length. */
static int value_of(const struct parse *p, int line, const char *v, size_t n,
		    const char **out, size_t *len, struct dorn_err *err)
{
	const char *endq, *rest;
	size_t k = 0, nrest;

	v = trim(v, &n);
	if (n > 0 && (*v == '"' || *v == '\'')) {
		endq = memchr(v + 1, *v, n - 1);
		if (!endq) {
			char what[128];

			snprintf(what, sizeof what, "the quote %c is not closed: add a closing "
				 "%c at the end of the name", *v, *v);
			return fail_line(err, p, line, what);
		}
		nrest = n - (size_t)(endq + 1 - v);
		rest = trim(endq + 1, &nrest);
		if (nrest > 0 && *rest != ';' && *rest != '#')
			return fail_line(err, p, line, "text after the closing quote: put it "
					 "inside the quotes or start a comment with ';'");
		*out = v + 1;
		*len = (size_t)(endq - v) - 1;
		return 0;
	}
	while (k < n && v[k] != ';' && v[k] != '#')
		k++;
	*out = trim(v, &k);
	*len = k;
	return 0;
}

static int holiday(struct parse *p, int line, const char *s, size_t n, struct dorn_err *err)
{
	const char *eq = memchr(s, '=', n), *key = s, *name = NULL;
	size_t klen, nlen = 0;
	char what[320], q[SHOWN_MAX + 4], iso[11];
	struct dorn_date d;
	struct entry *e;
	uint32_t cp = 0;
	long day;
	int rc;

	if (!eq)
		return fail_line(err, p, line, "this line is not a [year], a date = name or a "
				 "comment: correct it, or start it with ';' to make it a comment");
	klen = (size_t)(eq - s);
	key = trim(key, &klen);
	if (!iso_date(key, klen, &d)) {
		snprintf(what, sizeof what, "'%s' is not a date written YYYY-MM-DD: write "
			 "each holiday as 2026-12-28 = Boxing Day (substitute day)",
			 shown(key, klen, q));
		return fail_line(err, p, line, what);
	}
	dorn_date_iso(&d, iso);
	if (!p->year) {
		snprintf(what, sizeof what, "%s is outside any year: put a [%d] line above it",
			 iso, d.y);
		return fail_line(err, p, line, what);
	}
	if (d.y != p->year) {
		snprintf(what, sizeof what, "%s is in [%d]: move it under [%d]", iso, p->year,
			 d.y);
		return fail_line(err, p, line, what);
	}
	day = dorn_date_to_days(&d);
	if (dorn_weekday(day) > 5) {
		snprintf(what, sizeof what, "%s is a %s: a bank holiday at a weekend moves to a "
			 "substitute weekday; give that day (gov.uk/bank-holidays)", iso,
			 day_names[dorn_weekday(day) - 1]);
		return fail_line(err, p, line, what);
	}
	rc = value_of(p, line, eq + 1, n - (size_t)(eq + 1 - s), &name, &nlen, err);
	if (rc)
		return rc;
	if (nlen == 0) {
		snprintf(what, sizeof what, "%s has no name: write the holiday's name after "
			 "'=', as gov.uk/bank-holidays gives it", iso);
		return fail_line(err, p, line, what);
	}
	if (memchr(name, '\t', nlen)) {
		snprintf(what, sizeof what, "the name of %s contains a tab: use a space", iso);
		return fail_line(err, p, line, what);
	}
	/* The line has no control character; a bidi override or isolate
	 * would still change how the name and the text around it show. */
	if (dorn_text_find_control(name, nlen, 0, &cp) < nlen) {
		snprintf(what, sizeof what, "the name of %s contains U+%04X, which changes how "
			 "text around it is shown: remove it", iso, (unsigned)cp);
		return fail_line(err, p, line, what);
	}
	if (nlen > DORN_HOLIDAY_NAME_MAX) {
		snprintf(what, sizeof what, "the name of %s is %zu bytes long, the limit is %d: "
			 "shorten it", iso, nlen, DORN_HOLIDAY_NAME_MAX);
		return fail_line(err, p, line, what);
	}
	if (dorn_grow(&p->e, &p->cap, p->n + 1, sizeof *p->e))
		return dorn_err_set(err, DORN_ENOMEM, "%s: out of memory: close other programs "
				    "and try again", p->origin);
	e = &p->e[p->n];
	e->name = malloc(nlen + 1);
	if (!e->name)
		return dorn_err_set(err, DORN_ENOMEM, "%s: out of memory: close other programs "
				    "and try again", p->origin);
	memcpy(e->name, name, nlen);
	e->name[nlen] = '\0';
	e->day = day;
	e->line = line;
	p->n++;
	p->year_count[d.y - YEAR_MIN]++;
	return 0;
}

static int scan(struct parse *p, const char *text, size_t size, struct dorn_err *err)
{
	size_t pos = 0, raw, len;
	const char *end, *s;
	int line = 0, rc;

	if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		return fail_line(err, p, 1, "the file starts with a byte order mark: save it "
				 "as UTF-8 without BOM");
	while (pos < size) {
		line++;
		end = memchr(text + pos, '\n', size - pos);
		raw = end ? (size_t)(end - (text + pos)) : size - pos;
		rc = check_bytes(p, line, text + pos, raw, err);
		if (rc)
			return rc;
		len = raw;
		if (len > 0 && text[pos + len - 1] == '\r')
			len--;
		s = trim(text + pos, &len);
		pos += raw + (end ? 1 : 0);
		if (len > 0 && s[len - 1] == '\\')
			return fail_line(err, p, line, "line ends with '\\' (continuation lines "
					 "are not supported): join it with the next line");
		if (len == 0 || *s == ';' || *s == '#')
			continue;
		rc = *s == '[' ? section(p, line, s, len, err) : holiday(p, line, s, len, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* What the whole text must hold: years without a gap, none empty, no date
 * twice. p->e is sorted. */
static int check_whole(struct parse *p, struct dorn_err *err, int *first, int *last)
{
	char what[256], iso[11];
	struct dorn_date d;
	size_t dup = 0;
	int prev = 0;

	*first = *last = 0;
	for (int y = YEAR_MIN; y <= YEAR_MAX; y++) {
		int line = p->year_line[y - YEAR_MIN];

		if (!line)
			continue;
		if (!p->year_count[y - YEAR_MIN]) {
			snprintf(what, sizeof what, "[%d] has no bank holidays: add them from "
				 "gov.uk/bank-holidays, or remove the section", y);
			return fail_line(err, p, line, what);
		}
		if (prev && y != prev + 1) {
			snprintf(what, sizeof what, "the years jump from [%d] to [%d]: add [%d], "
				 "so that no year is counted without its bank holidays", prev, y,
				 prev + 1);
			return fail_line(err, p, line, what);
		}
		if (!*first)
			*first = y;
		*last = prev = y;
	}
	if (!*first)
		return dorn_err_set(err, DORN_EDATA, "%s: no years: add a section for each "
				    "year, as [2026], with its bank holidays from "
				    "gov.uk/bank-holidays", p->origin);
	/* The earliest line that repeats a date, as dorn's INI reader
	 * reports the earliest repeated key. */
	for (size_t i = 1; i < p->n; i++)
		if (p->e[i].day == p->e[i - 1].day && (!dup || p->e[i].line < p->e[dup].line))
			dup = i;
	if (dup) {
		dorn_date_from_days(p->e[dup].day, &d);
		dorn_date_iso(&d, iso);
		snprintf(what, sizeof what, "%s appears twice: keep one (the other is on line "
			 "%d)", iso, p->e[dup - 1].line);
		return fail_line(err, p, p->e[dup].line, what);
	}
	return 0;
}

int dorn_holidays_parse(const char *text, size_t n, const char *origin,
			struct dorn_holidays *h, struct dorn_err *err)
{
	struct parse *p = NULL;
	int rc = 0, first = 0, last = 0;

	memset(h, 0, sizeof *h);
	if (!origin)
		origin = "bank holidays";
	p = calloc(1, sizeof *p);
	if (!p) {
		rc = dorn_err_set(err, DORN_ENOMEM, "%s: out of memory: close other programs "
				  "and try again", origin);
		goto out;
	}
	p->origin = origin;
	rc = scan(p, text ? text : "", text ? n : 0, err);
	if (rc)
		goto out;
	if (p->n)
		qsort(p->e, p->n, sizeof *p->e, cmp_entry);
	rc = check_whole(p, err, &first, &last);
	if (rc)
		goto out;
	h->day = malloc(p->n * sizeof *h->day);
	h->name = malloc(p->n * sizeof *h->name);
	if (!h->day || !h->name) {
		rc = dorn_err_set(err, DORN_ENOMEM, "%s: out of memory: close other programs "
				  "and try again", origin);
		goto out;
	}
	for (size_t i = 0; i < p->n; i++) {
		h->day[i] = p->e[i].day;
		h->name[i] = p->e[i].name;
		p->e[i].name = NULL;
	}
	h->n = p->n;
	h->first_year = first;
	h->last_year = last;
out:
	if (p) {
		for (size_t i = 0; i < p->n; i++)
			free(p->e[i].name);
		free(p->e);
		free(p);
	}
	if (rc)
		dorn_holidays_fini(h);
	return rc;
}

void dorn_holidays_fini(struct dorn_holidays *h)
{
	if (!h)
		return;
	for (size_t i = 0; h->name && i < h->n; i++)
		free((char *)h->name[i]);
	free(h->name);
	free(h->day);
	memset(h, 0, sizeof *h);
}

int dorn_holidays_cover(const struct dorn_holidays *h, long day)
{
	struct dorn_date d;

	if (!h || !h->first_year)
		return 0;
	dorn_date_from_days(day, &d);
	return d.y >= h->first_year && d.y <= h->last_year;
}

/* The index of day in h->day, or -1. */
static long find(const struct dorn_holidays *h, long day)
{
	size_t lo = 0, hi = h ? h->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->day[mid] == day)
			return (long)mid;
		if (h->day[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const char *dorn_holidays_name(const struct dorn_holidays *h, long day)
{
	long i = find(h, day);

	return i < 0 ? NULL : h->name[i];
}

int dorn_weekday(long day)
{
	/* 1970-01-01 was a Thursday (4). */
	return (int)(((day % 7) + 7 + 3) % 7) + 1;
}

int dorn_working_day(const struct dorn_holidays *h, long day)
{
	return dorn_weekday(day) <= 5 && find(h, day) < 0;
}

long dorn_working_days_after(const struct dorn_holidays *h, long day, int n)
{
	while (n-- > 0)
		do
			day++;
		while (!dorn_working_day(h, day));
	return day;
}
