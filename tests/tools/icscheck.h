/* A small, strict RFC 5545 checker for the tests: the iCalendar files dorn
 * writes (all-day VEVENTs in one VCALENDAR) must pass it, and broken ones
 * must not. It shares no code with dorn (src/core/ics.c), so that a
 * mistake there is not repeated here. Included by tests/tools/icscheck.c
 * (the command) and tests/unit/test_ics.c.
 *
 * What it checks:
 *  - every line ends in CRLF (no bare LF or CR), none is empty or over 75
 *    octets without its CRLF, and each is valid UTF-8 on its own (so a fold
 *    inside a character is caught);
 *  - lines unfold (CRLF then a space or tab) into content lines
 *    NAME *(;PARAM=VALUE) : VALUE, with names of letters, digits and '-',
 *    parameter values quoted or free of '"' ';' ':' ',', and no control
 *    character but tab;
 *  - one VCALENDAR holding only VEVENTs, at least one, nothing after it;
 *    calendar properties before the first VEVENT; VERSION:2.0 and PRODID
 *    once each, CALSCALE (GREGORIAN) and METHOD at most once;
 *  - in each VEVENT: UID, DTSTAMP (a UTC DATE-TIME) and DTSTART once;
 *    DTEND at most once, of the same kind as DTSTART and after it, never
 *    with DURATION; SUMMARY, DESCRIPTION, TRANSP and the like at most once;
 *  - DATE (VALUE=DATE) and DATE-TIME values are real dates and times;
 *  - TEXT values (PRODID, UID, SUMMARY, DESCRIPTION, LOCATION, COMMENT):
 *    a backslash only in \\ \; \, \n \N, and no bare ';' or ','. */
#ifndef DORN_ICSCHECK_H
#define DORN_ICSCHECK_H

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ICS_LINE_MAX 75

struct ics_check {
	int line;      /* where the problem is (0: the whole file) */
	char msg[256]; /* what is wrong */
	int events;    /* VEVENTs, when the file passed */
};

/* What one VEVENT or the VCALENDAR has seen so far. */
struct ics_seen {
	int version, prodid, calscale, method;
	int uid, dtstamp, dtstart, dtend, duration;
	int once[8]; /* the properties of ics_once_names */
	char start[32], end[32];
	int start_date, end_date; /* VALUE=DATE */
};

static const char *const ics_once_names[8] = {
	"SUMMARY", "DESCRIPTION", "TRANSP", "LOCATION", "CLASS", "STATUS", "SEQUENCE", "URL",
};

__attribute__((format(printf, 3, 4)))
static int ics_fail(struct ics_check *c, int line, const char *fmt, ...)
{
	va_list ap;

	c->line = line;
	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof c->msg, fmt, ap);
	va_end(ap);
	return 1;
}

/* The length of the UTF-8 character at s[0..n), or 0 when it is malformed
 * (overlong, surrogate, above U+10FFFF, cut short). */
static size_t ics_utf8(const unsigned char *s, size_t n)
{
	unsigned cp;
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static int ics_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int ics_num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* YYYYMMDD, a real date. */
static int ics_date(const char *s, size_t n)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, leap;

	if (n != 8 || !ics_digits(s, 8))
		return 0;
	y = ics_num(s, 4);
	m = ics_num(s + 4, 2);
	d = ics_num(s + 6, 2);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] + (m == 2 && leap);
}

/* YYYYMMDDTHHMMSS with an optional Z; *utc says whether it has one. */
static int ics_datetime(const char *s, size_t n, int *utc)
{
	*utc = n == 16 && s[15] == 'Z';
	if ((n != 15 && !*utc) || s[8] != 'T' || !ics_date(s, 8) || !ics_digits(s + 9, 6))
		return 0;
	return ics_num(s + 9, 2) <= 23 && ics_num(s + 11, 2) <= 59 && ics_num(s + 13, 2) <= 60;
}

/* A TEXT value: escapes only \\ \; \, \n \N, no bare ';' or ','. */
static int ics_text(struct ics_check *c, int line, const char *name, const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i] == '\\') {
			if (i + 1 >= n || !strchr("\\;,nN", v[i + 1]) || v[i + 1] == '\0')
				return ics_fail(c, line, "%s: a backslash that is not \\\\, \\;, "
						"\\, or \\n", name);
			i++;
		} else if (v[i] == ';' || v[i] == ',') {
			return ics_fail(c, line, "%s: a bare '%c' in a text value (write \\%c)",
					name, v[i], v[i]);
		}
	}
	return 0;
}

static int ics_is_text(const char *name)
{
	static const char *const text[] = { "PRODID", "UID", "SUMMARY", "DESCRIPTION",
					    "LOCATION", "COMMENT" };

	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (strcmp(name, text[i]) == 0)
			return 1;
	return 0;
}

/* A content line split into its name (upper-cased into name), whether it
 * has VALUE=DATE, and its value. */
static int ics_split(struct ics_check *c, int line, const char *s, size_t n, char *name,
		     size_t namecap, int *value_date, const char **value, size_t *vlen)
{
	size_t i = 0, k = 0;

	*value_date = 0;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '-')) {
		if (k + 1 < namecap)
			name[k++] = (char)toupper((unsigned char)s[i]);
		i++;
	}
	name[k] = '\0';
	if (i == 0)
		return ics_fail(c, line, "a content line must start with a property name");
	while (i < n && s[i] == ';') {
		size_t p = ++i, pn, pv;

		while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '-'))
			i++;
		pn = i - p;
		if (pn == 0 || i >= n || s[i] != '=')
			return ics_fail(c, line, "%s: a parameter must be NAME=VALUE", name);
		i++;
		for (;;) {
			pv = i;
			if (i < n && s[i] == '"') {
				for (i++; i < n && s[i] != '"'; i++)
					;
				if (i >= n)
					return ics_fail(c, line, "%s: a parameter's quote is not "
							"closed", name);
				i++;
			} else {
				while (i < n && !strchr("\";:,", s[i]))
					i++;
			}
			if (pn == 5 && strncasecmp(s + p, "VALUE", 5) == 0 && i - pv == 4 &&
			    strncasecmp(s + pv, "DATE", 4) == 0)
				*value_date = 1;
			if (i < n && s[i] == ',') {
				i++;
				continue;
			}
			break;
		}
	}
	if (i >= n || s[i] != ':')
		return ics_fail(c, line, "%s: no ':' between the name and the value", name);
	*value = s + i + 1;
	*vlen = n - i - 1;
	return 0;
}

/* One unfolded content line s[0..n), which starts on line. depth: 0 before
 * BEGIN:VCALENDAR, 1 inside it, 2 inside a VEVENT, 3 after the end. */
static int ics_content(struct ics_check *c, int line, const char *s, size_t n, int *depth,
		       struct ics_seen *cal, struct ics_seen *ev)
{
	char name[64];
	const char *v = "";
	size_t vn = 0;
	int vdate = 0, utc = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7F)
			return ics_fail(c, line, "the control character 0x%02X", (unsigned char)s[i]);
	if (ics_split(c, line, s, n, name, sizeof name, &vdate, &v, &vn))
		return 1;
	if (*depth == 3)
		return ics_fail(c, line, "%s after END:VCALENDAR", name);
	if (strcmp(name, "BEGIN") == 0) {
		if (*depth == 0 && vn == 9 && memcmp(v, "VCALENDAR", 9) == 0) {
			*depth = 1;
			return 0;
		}
		if (*depth == 1 && vn == 6 && memcmp(v, "VEVENT", 6) == 0) {
			memset(ev, 0, sizeof *ev);
			*depth = 2;
			return 0;
		}
		return ics_fail(c, line, "BEGIN:%.*s here: only a VCALENDAR holding VEVENTs is "
				"expected", (int)(vn > 40 ? 40 : vn), v);
	}
	if (*depth == 0)
		return ics_fail(c, line, "the file must start with BEGIN:VCALENDAR");
	if (strcmp(name, "END") == 0) {
		if (*depth == 2 && vn == 6 && memcmp(v, "VEVENT", 6) == 0) {
			if (!ev->uid || !ev->dtstamp || !ev->dtstart)
				return ics_fail(c, line, "a VEVENT without %s",
						!ev->uid ? "UID" : !ev->dtstamp ? "DTSTAMP" : "DTSTART");
			if (ev->dtend && ev->duration)
				return ics_fail(c, line, "a VEVENT with both DTEND and DURATION");
			if (ev->dtend && (ev->start_date != ev->end_date ||
					  strlen(ev->start) != strlen(ev->end)))
				return ics_fail(c, line, "DTEND is not of the same kind as DTSTART");
			if (ev->dtend && strcmp(ev->end, ev->start) <= 0)
				return ics_fail(c, line, "DTEND %s is not after DTSTART %s", ev->end,
						ev->start);
			c->events++;
			*depth = 1;
			return 0;
		}
		if (*depth == 1 && vn == 9 && memcmp(v, "VCALENDAR", 9) == 0) {
			if (!cal->version || !cal->prodid)
				return ics_fail(c, line, "the VCALENDAR has no %s",
						!cal->version ? "VERSION" : "PRODID");
			if (!c->events)
				return ics_fail(c, line, "the VCALENDAR has no VEVENT (RFC 5545 "
						"wants at least one component)");
			*depth = 3;
			return 0;
		}
		return ics_fail(c, line, "END:%.*s does not close the open %s",
				(int)(vn > 40 ? 40 : vn), v, *depth == 2 ? "VEVENT" : "VCALENDAR");
	}
	if (ics_is_text(name) && ics_text(c, line, name, v, vn))
		return 1;
	if (*depth == 1) {
		if (c->events)
			return ics_fail(c, line, "%s after a VEVENT: calendar properties come "
					"first", name);
		if (strcmp(name, "VERSION") == 0) {
			if (cal->version++)
				return ics_fail(c, line, "VERSION twice");
			if (vn != 3 || memcmp(v, "2.0", 3) != 0)
				return ics_fail(c, line, "VERSION must be 2.0");
		} else if (strcmp(name, "PRODID") == 0) {
			if (cal->prodid++)
				return ics_fail(c, line, "PRODID twice");
			if (vn == 0)
				return ics_fail(c, line, "PRODID is empty");
		} else if (strcmp(name, "CALSCALE") == 0) {
			if (cal->calscale++)
				return ics_fail(c, line, "CALSCALE twice");
			if (vn != 9 || memcmp(v, "GREGORIAN", 9) != 0)
				return ics_fail(c, line, "CALSCALE must be GREGORIAN");
		} else if (strcmp(name, "METHOD") == 0 && cal->method++) {
			return ics_fail(c, line, "METHOD twice");
		}
		return 0;
	}
	/* In a VEVENT. */
	if (strcmp(name, "UID") == 0) {
		if (ev->uid++)
			return ics_fail(c, line, "UID twice in a VEVENT");
		if (vn == 0)
			return ics_fail(c, line, "UID is empty");
	} else if (strcmp(name, "DTSTAMP") == 0) {
		if (ev->dtstamp++)
			return ics_fail(c, line, "DTSTAMP twice in a VEVENT");
		if (!ics_datetime(v, vn, &utc) || !utc)
			return ics_fail(c, line, "DTSTAMP '%.*s' is not a UTC date and time "
					"(YYYYMMDDTHHMMSSZ)", (int)(vn > 40 ? 40 : vn), v);
	} else if (strcmp(name, "DTSTART") == 0 || strcmp(name, "DTEND") == 0) {
		int start = name[2] == 'S';
		int *count = start ? &ev->dtstart : &ev->dtend;
		char *keep = start ? ev->start : ev->end;

		if ((*count)++)
			return ics_fail(c, line, "%s twice in a VEVENT", name);
		if (vdate ? !ics_date(v, vn) : !ics_datetime(v, vn, &utc))
			return ics_fail(c, line, "%s '%.*s' is not a %s", name,
					(int)(vn > 40 ? 40 : vn), v,
					vdate ? "date (YYYYMMDD)" : "date and time (YYYYMMDDTHHMMSS)");
		memcpy(keep, v, vn);
		keep[vn] = '\0';
		*(start ? &ev->start_date : &ev->end_date) = vdate;
	} else if (strcmp(name, "DURATION") == 0) {
		ev->duration++;
	} else {
		for (size_t i = 0; i < 8; i++)
			if (strcmp(name, ics_once_names[i]) == 0 && ev->once[i]++)
				return ics_fail(c, line, "%s twice in a VEVENT", name);
		if (strcmp(name, "TRANSP") == 0 &&
		    !(vn == 6 && memcmp(v, "OPAQUE", 6) == 0) &&
		    !(vn == 11 && memcmp(v, "TRANSPARENT", 11) == 0))
			return ics_fail(c, line, "TRANSP must be OPAQUE or TRANSPARENT");
	}
	return 0;
}

/* Check text[0..n). 0 when it passes (c->events says how many VEVENTs),
 * else 1 with c->line and c->msg. */
static int ics_check_text(const char *text, size_t n, struct ics_check *c)
{
	struct ics_seen cal, ev;
	char *logical = NULL;
	size_t pos = 0, llen = 0;
	int line = 0, start = 0, depth = 0, rc = 0;

	memset(c, 0, sizeof *c);
	memset(&cal, 0, sizeof cal);
	memset(&ev, 0, sizeof ev);
	logical = malloc(n + 1);
	if (!logical)
		return ics_fail(c, 0, "out of memory");
	if (n == 0) {
		rc = ics_fail(c, 0, "the file is empty");
		goto out;
	}
	while (pos < n) {
		const char *nl = memchr(text + pos, '\n', n - pos);
		size_t len, i;

		line++;
		if (!nl) {
			rc = ics_fail(c, line, "the last line does not end in CRLF");
			goto out;
		}
		len = (size_t)(nl - (text + pos));
		if (len == 0 || text[pos + len - 1] != '\r') {
			rc = ics_fail(c, line, "the line ends in LF without CR");
			goto out;
		}
		len--;
		if (memchr(text + pos, '\r', len)) {
			rc = ics_fail(c, line, "a CR inside the line");
			goto out;
		}
		if (len == 0) {
			rc = ics_fail(c, line, "an empty line");
			goto out;
		}
		if (len > ICS_LINE_MAX) {
			rc = ics_fail(c, line, "the line is %zu octets long, over %d", len,
				      ICS_LINE_MAX);
			goto out;
		}
		for (i = 0; i < len;) {
			size_t u = ics_utf8((const unsigned char *)text + pos + i, len - i);

			if (!u) {
				rc = ics_fail(c, line, "not valid UTF-8 at octet %zu (a character "
					      "split by a fold?)", i + 1);
				goto out;
			}
			i += u;
		}
		if (text[pos] == ' ' || text[pos] == '\t') {
			if (!start) {
				rc = ics_fail(c, line, "the file starts with a folded line");
				goto out;
			}
			memcpy(logical + llen, text + pos + 1, len - 1);
			llen += len - 1;
		} else {
			if (start && ics_content(c, start, logical, llen, &depth, &cal, &ev)) {
				rc = 1;
				goto out;
			}
			start = line;
			memcpy(logical, text + pos, len);
			llen = len;
		}
		pos = (size_t)(nl - text) + 1;
	}
	if (ics_content(c, start, logical, llen, &depth, &cal, &ev)) {
		rc = 1;
		goto out;
	}
	if (depth != 3)
		rc = ics_fail(c, line, "the file ends before END:VCALENDAR");
out:
	free(logical);
	if (rc)
		c->events = 0;
	return rc;
}

#endif
