/* iCalendar (RFC 5545) writer for all-day events. Every value is cleaned
 * and escaped here, and every line folded, so that what a caller passes
 * (a victim's reference, an officer's words) can never break the file or
 * add a property to it. tests/tools/icscheck.h checks the result. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/ics.h"
#include "dorn/text.h"
#include "dorn/urn.h"

#define LINE_OCTETS 75 /* RFC 5545 3.1: lines SHOULD NOT be longer, without CRLF */
#define YEAR_MIN 1900
#define YEAR_MAX 2200

enum { TEXT_ONE_LINE = 0, TEXT_LINES = 1 };

/* The bytes of one UTF-8 character or escape that starts with c at s[i]:
 * the unit a fold must not split. In escaped text every backslash starts
 * a two-byte escape. */
static size_t unit_len(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	size_t len = 1;

	if (c == '\\')
		len = 2;
	else if (c >= 0xF0)
		len = 4;
	else if (c >= 0xE0)
		len = 3;
	else if (c >= 0xC0)
		len = 2;
	return i + len <= n ? len : n - i;
}

/* Append the content line s[0..n) folded, with CRLF line ends. */
static void put_folded(struct dorn_buf *out, const char *s, size_t n)
{
	size_t i = 0, used = 0, room = LINE_OCTETS, u;

	while (i < n) {
		u = unit_len(s, n, i);
		if (used + u > room) {
			dorn_buf_add(out, "\r\n ", 3);
			used = 0;
			room = LINE_OCTETS - 1; /* after the space that marks a fold */
		}
		dorn_buf_add(out, s + i, u);
		used += u;
		i += u;
	}
	dorn_buf_add(out, "\r\n", 2);
}

/* 1 when s holds nothing but blanks and line breaks. */
static int blank(const char *s)
{
	return s[strspn(s, " \n")] == '\0';
}

/* value cleaned (dorn_text_strip) and escaped as TEXT, into line. 0, or
 * DORN_EINTERNAL when nothing but blanks is left, or DORN_ENOMEM. */
static int put_text(struct dorn_buf *line, const char *value, int lines)
{
	char *copy = strdup(value);
	size_t len;
	int rc = 0;

	if (!copy)
		return DORN_ENOMEM;
	len = dorn_text_strip(copy, lines == TEXT_LINES ? DORN_TEXT_KEEP_NEWLINE : 0);
	if (blank(copy)) {
		rc = DORN_EINTERNAL;
		goto out;
	}
	for (size_t i = 0; i < len; i++) {
		switch (copy[i]) {
		case '\\':
			dorn_buf_add(line, "\\\\", 2);
			break;
		case ';':
			dorn_buf_add(line, "\\;", 2);
			break;
		case ',':
			dorn_buf_add(line, "\\,", 2);
			break;
		case '\n':
			dorn_buf_add(line, "\\n", 2);
			break;
		default:
			dorn_buf_putc(line, copy[i]);
		}
	}
out:
	free(copy);
	return rc;
}

/* NAME:VALUE with value as TEXT, folded into out; DORN_EINTERNAL, out
 * untouched, when the value is blank. */
static int text_prop(struct dorn_buf *out, struct dorn_buf *line, const char *name,
		     const char *value, int lines)
{
	int rc;

	dorn_buf_reset(line);
	dorn_buf_puts(line, name);
	dorn_buf_putc(line, ':');
	rc = put_text(line, value, lines);
	if (rc)
		return rc;
	if (line->oom)
		return DORN_ENOMEM;
	put_folded(out, line->p, line->len);
	return 0;
}

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* "YYYYMMDDTHHMMSSZ", a real UTC time (a leap second allowed). */
static int stamp_ok(const char *s)
{
	if (!s || strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z' || !digits(s, 8) ||
	    !digits(s + 9, 6))
		return 0;
	return dorn_date_valid(num(s, 4), num(s + 4, 2), num(s + 6, 2)) &&
	       num(s + 9, 2) <= 23 && num(s + 11, 2) <= 59 && num(s + 13, 2) <= 60;
}

static int day_ok(long day)
{
	struct dorn_date d;

	dorn_date_from_days(day, &d);
	return d.y >= YEAR_MIN && d.y <= YEAR_MAX;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every argument dorn_ics_write refuses, before anything is written. */
static int check_args(const struct dorn_ics_event *ev, size_t n, const char *prodid,
		      const char *stamp, const struct dorn_buf *out)
{
	const char **uids = NULL;
	int rc = 0;

	if (!out || !ev || n == 0 || !prodid || !stamp_ok(stamp))
		return DORN_EINTERNAL;
	for (size_t i = 0; i < n; i++)
		if (!ev[i].uid || !ev[i].summary || !day_ok(ev[i].day))
			return DORN_EINTERNAL;
	uids = malloc(n * sizeof *uids);
	if (!uids)
		return DORN_ENOMEM;
	for (size_t i = 0; i < n; i++)
		uids[i] = ev[i].uid;
	qsort(uids, n, sizeof *uids, cmp_str);
	for (size_t i = 1; i < n && !rc; i++)
		if (strcmp(uids[i - 1], uids[i]) == 0)
			rc = DORN_EINTERNAL;
	free(uids);
	return rc;
}

static void put_date(struct dorn_buf *out, const char *name, long day)
{
	struct dorn_date d;

	dorn_date_from_days(day, &d);
	dorn_buf_printf(out, "%s;VALUE=DATE:%04d%02d%02d\r\n", name, d.y, d.m, d.d);
}

static int put_event(struct dorn_buf *out, struct dorn_buf *line,
		     const struct dorn_ics_event *e, const char *stamp)
{
	int rc;

	dorn_buf_puts(out, "BEGIN:VEVENT\r\n");
	rc = text_prop(out, line, "UID", e->uid, TEXT_ONE_LINE);
	if (rc)
		return rc;
	dorn_buf_printf(out, "DTSTAMP:%s\r\n", stamp);
	put_date(out, "DTSTART", e->day);
	put_date(out, "DTEND", e->day + 1);
	dorn_buf_puts(out, "TRANSP:TRANSPARENT\r\n");
	rc = text_prop(out, line, "SUMMARY", e->summary, TEXT_ONE_LINE);
	if (rc == 0 && e->description) {
		/* A blank description says nothing: leave it out. */
		rc = text_prop(out, line, "DESCRIPTION", e->description, TEXT_LINES);
		if (rc == DORN_EINTERNAL)
			rc = 0;
	}
	if (rc)
		return rc;
	dorn_buf_puts(out, "END:VEVENT\r\n");
	return 0;
}

int dorn_ics_write(const struct dorn_ics_event *ev, size_t n, const char *prodid,
		   const char *stamp, struct dorn_buf *out)
{
	struct dorn_buf line;
	size_t before;
	int rc;

	rc = check_args(ev, n, prodid, stamp, out);
	if (rc)
		return rc;
	if (out->oom)
		return DORN_ENOMEM;
	before = out->len;
	dorn_buf_init(&line);
	dorn_buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
	rc = text_prop(out, &line, "PRODID", prodid, TEXT_ONE_LINE);
	if (rc)
		goto out;
	dorn_buf_puts(out, "CALSCALE:GREGORIAN\r\n");
	for (size_t i = 0; i < n; i++) {
		rc = put_event(out, &line, &ev[i], stamp);
		if (rc)
			goto out;
	}
	dorn_buf_puts(out, "END:VCALENDAR\r\n");
	if (out->oom || line.oom)
		rc = DORN_ENOMEM;
out:
	dorn_buf_fini(&line);
	if (rc) {
		if (rc == DORN_ENOMEM)
			out->oom = 1;
		out->len = before;
		if (out->p)
			out->p[before] = '\0';
	}
	return rc;
}

void dorn_ics_stamp(time_t t, char out[17])
{
	const long long max = 253402300799LL; /* 9999-12-31T23:59:59Z */
	long long s = (long long)t;
	struct dorn_date d;
	long secs;

	if (s < 0)
		s = 0;
	if (s > max)
		s = max;
	dorn_date_from_days((long)(s / 86400), &d);
	secs = (long)(s % 86400);
	snprintf(out, 17, "%04d%02d%02dT%02ld%02ld%02ldZ", d.y, d.m, d.d, secs / 3600,
		 secs / 60 % 60, secs % 60);
}
