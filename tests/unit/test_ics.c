/* Unit tests for the iCalendar writer (ics.h) and the strict checker the
 * tests use (tests/tools/icscheck.h): what dorn writes must pass it, line
 * by line as RFC 5545 asks, and broken files must not. */
#include "testutil.h"

#include <sys/wait.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/ics.h"
#include "dorn/text.h"
#include "dorn/urn.h"

#include "../tools/icscheck.h"

#define PRODID "-//dorn//dorn 0.1.0//EN"
#define STAMP "20261206T093600Z"

/* ---- helpers ---- */

static long D(const char *iso)
{
	struct dorn_date d;

	if (dorn_date_parse(iso, &d, NULL) != 0)
		fail_msg("bad date in a test: %s", iso);
	return dorn_date_to_days(&d);
}

/* dorn_ics_write must succeed; the text goes to out (initialised here). */
static void write_ok(const struct dorn_ics_event *ev, size_t n, struct dorn_buf *out)
{
	dorn_buf_init(out);
	assert_int_equal(dorn_ics_write(ev, n, PRODID, STAMP, out), 0);
	assert_false(out->oom);
}

static const char *one(const char *summary, const char *description, struct dorn_buf *out)
{
	struct dorn_ics_event ev = { "u1@dorn", D("2026-12-07"), summary, description };

	write_ok(&ev, 1, out);
	return dorn_buf_str(out);
}

/* The checker must accept text, and count events. */
static void check_ok(const char *text, int events)
{
	struct ics_check c;

	if (ics_check_text(text, strlen(text), &c))
		fail_msg("icscheck: line %d: %s\n%s", c.line, c.msg, text);
	assert_int_equal(c.events, events);
}

/* The checker must refuse text with msg at line. */
static void check_fails(const char *text, int line, const char *msg)
{
	struct ics_check c;

	assert_int_equal(ics_check_text(text, strlen(text), &c), 1);
	assert_string_equal(c.msg, msg);
	assert_int_equal(c.line, line);
	assert_int_equal(c.events, 0);
}

/* text without its folds (CRLF and one space), as a reader unfolds it;
 * out holds at least strlen(text) + 1 bytes. */
static char *unfold(const char *text, char *out)
{
	char *w = out;

	while (*text) {
		if (text[0] == '\r' && text[1] == '\n' && text[2] == ' ')
			text += 3;
		else
			*w++ = *text++;
	}
	*w = '\0';
	return out;
}

/* The property line that starts with name, unfolded, without its CRLF. */
static const char *prop(const char *text, const char *name, char *out, size_t n)
{
	char *all = malloc(strlen(text) + 1), *at, *end;

	assert_non_null(all);
	unfold(text, all);
	at = strstr(all, name);
	if (!at)
		fail_msg("no %s in\n%s", name, text);
	end = strstr(at, "\r\n");
	assert_non_null(end);
	assert_true((size_t)(end - at) < n);
	memcpy(out, at, (size_t)(end - at));
	out[end - at] = '\0';
	free(all);
	return out;
}

/* Every physical line: CRLF, at most 75 octets, whole UTF-8 characters;
 * returns how many there are. */
static size_t lines_ok(const char *text)
{
	size_t n = 0;

	while (*text) {
		const char *end = strstr(text, "\r\n");

		assert_non_null(end);
		if (end - text > 75)
			fail_msg("a line of %d octets: %.*s", (int)(end - text), (int)(end - text),
				 text);
		if (!dorn_utf8_valid(text, (size_t)(end - text), NULL))
			fail_msg("a fold splits a character: %.*s", (int)(end - text), text);
		assert_null(memchr(text, '\n', (size_t)(end - text)));
		text = end + 2;
		n++;
	}
	return n;
}

/* ---- what dorn writes ---- */

static void test_write__one_event_in_full(void **state)
{
	struct dorn_ics_event ev = {
		"62LM440192326-outcome-2026-12-07@dorn", D("2026-12-07"),
		"Tell the victim the outcome: 62/LM/44019/26",
		"Deprivation order made on Fri 4 Dec 2026.\nTell them by the end of Mon 7 Dec.",
	};
	struct dorn_buf out;

	(void)state;
	write_ok(&ev, 1, &out);
	assert_string_equal(dorn_buf_str(&out),
			    "BEGIN:VCALENDAR\r\n"
			    "VERSION:2.0\r\n"
			    "PRODID:-//dorn//dorn 0.1.0//EN\r\n"
			    "CALSCALE:GREGORIAN\r\n"
			    "BEGIN:VEVENT\r\n"
			    "UID:62LM440192326-outcome-2026-12-07@dorn\r\n"
			    "DTSTAMP:20261206T093600Z\r\n"
			    "DTSTART;VALUE=DATE:20261207\r\n"
			    "DTEND;VALUE=DATE:20261208\r\n"
			    "TRANSP:TRANSPARENT\r\n"
			    "SUMMARY:Tell the victim the outcome: 62/LM/44019/26\r\n"
			    "DESCRIPTION:Deprivation order made on Fri 4 Dec 2026.\\nTell them by the end\r\n"
			    "  of Mon 7 Dec.\r\n"
			    "END:VEVENT\r\n"
			    "END:VCALENDAR\r\n");
	check_ok(dorn_buf_str(&out), 1);
	dorn_buf_fini(&out);
}

static void test_write__events_in_order_and_checked(void **state)
{
	struct dorn_ics_event ev[3] = {
		{ "a@dorn", D("2026-12-07"), "First", NULL },
		{ "b@dorn", D("2026-12-31"), "Second, with a comma", "Two\nlines" },
		{ "c@dorn", D("2028-02-28"), "Third; leap year", " \r\n\t\x1b" },
	};
	struct dorn_buf out;
	char line[256];
	const char *a, *b, *c;

	(void)state;
	write_ok(ev, 3, &out);
	check_ok(dorn_buf_str(&out), 3);
	lines_ok(dorn_buf_str(&out));
	a = strstr(dorn_buf_str(&out), "UID:a@dorn");
	b = strstr(dorn_buf_str(&out), "UID:b@dorn");
	c = strstr(dorn_buf_str(&out), "UID:c@dorn");
	assert_true(a && b && c && a < b && b < c);
	/* An all-day event ends at the start of the next day, across a year
	 * and a leap day. */
	assert_non_null(strstr(b, "DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
	assert_non_null(strstr(c, "DTSTART;VALUE=DATE:20280228\r\nDTEND;VALUE=DATE:20280229\r\n"));
	assert_string_equal(prop(b, "DESCRIPTION:", line, sizeof line), "DESCRIPTION:Two\\nlines");
	/* No description, or a blank one: no DESCRIPTION at all. */
	assert_null(strstr(dorn_buf_str(&out), "DESCRIPTION:\r\n"));
	assert_ptr_equal(strstr(a, "DESCRIPTION"), strstr(b, "DESCRIPTION"));
	assert_null(strstr(c, "DESCRIPTION"));
	dorn_buf_fini(&out);
}

static void test_write__text_escaped(void **state)
{
	struct dorn_buf out;
	char line[256];

	(void)state;
	one("Call V; then, at C:\\cases\\ back", "a;b,c\\d\ne\r\nf\\n", &out);
	assert_string_equal(prop(dorn_buf_str(&out), "SUMMARY:", line, sizeof line),
			    "SUMMARY:Call V\\; then\\, at C:\\\\cases\\\\ back");
	assert_string_equal(prop(dorn_buf_str(&out), "DESCRIPTION:", line, sizeof line),
			    "DESCRIPTION:a\\;b\\,c\\\\d\\ne\\nf\\\\n");
	check_ok(dorn_buf_str(&out), 1);
	dorn_buf_fini(&out);
	/* A summary is one line: a new line in it becomes a space. */
	one("Tell the victim\nthe outcome\r\nnow", NULL, &out);
	assert_string_equal(prop(dorn_buf_str(&out), "SUMMARY:", line, sizeof line),
			    "SUMMARY:Tell the victim the outcome now");
	dorn_buf_fini(&out);
}

/* Control characters, bidi overrides and bytes that are not UTF-8 never
 * reach the file: a value cannot end a line or add a property. */
static void test_write__controls_removed(void **state)
{
	struct dorn_ics_event ev = {
		"u\r\nDTSTART:19700101@dorn", D("2026-12-07"),
		"A\x1b[31mB\x07" "C\x7f" "D\xc2\x9b" "E\xe2\x80\xae" "F\xff" "G\tH",
		"line\rEND:VEVENT\nBEGIN:VEVENT",
	};
	struct dorn_buf out;
	char line[256];

	(void)state;
	write_ok(&ev, 1, &out);
	assert_string_equal(prop(dorn_buf_str(&out), "UID:", line, sizeof line),
			    "UID:u DTSTART:19700101@dorn");
	assert_string_equal(prop(dorn_buf_str(&out), "SUMMARY:", line, sizeof line),
			    "SUMMARY:A[31mBCDEFG H");
	assert_string_equal(prop(dorn_buf_str(&out), "DESCRIPTION:", line, sizeof line),
			    "DESCRIPTION:lineEND:VEVENT\\nBEGIN:VEVENT");
	check_ok(dorn_buf_str(&out), 1);
	dorn_buf_fini(&out);
}

/* A 200-byte summary of one-, two-, three- and four-byte characters folds
 * into lines of at most 75 octets, each of whole characters, and unfolds
 * back to exactly what was written. */
static void test_fold__multibyte_never_split(void **state)
{
	static const char *const pieces[] = { "a", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80" };
	char summary[256], want[300], line[300];
	struct dorn_buf out;
	const char *text, *at;
	size_t len = 0, k = 0, n;

	(void)state;
	while (len < 200) {
		const char *p = pieces[k++ % 4];

		if (len + strlen(p) > 200)
			p = "a";
		memcpy(summary + len, p, strlen(p));
		len += strlen(p);
	}
	summary[len] = '\0';
	assert_int_equal(strlen(summary), 200);
	text = one(summary, NULL, &out);
	n = lines_ok(text);
	assert_int_equal(n, 15); /* 12 lines, and the summary's 3 */
	snprintf(want, sizeof want, "SUMMARY:%s", summary);
	assert_string_equal(prop(text, "SUMMARY:", line, sizeof line), want);
	/* Folds are where they must be, not earlier: each folded line of the
	 * summary is full but for a character that did not fit. */
	at = strstr(text, "SUMMARY:");
	for (int i = 0; i < 2; i++) {
		size_t l = (size_t)(strstr(at, "\r\n") - at);

		assert_true(l > 75 - 4 && l <= 75);
		at = strstr(at, "\r\n") + 2;
		assert_int_equal(at[0], ' ');
		assert_int_not_equal(at[1], ' ');
	}
	check_ok(text, 1);
	dorn_buf_fini(&out);
}

/* A fold never falls between a backslash and the character it escapes. */
static void test_fold__never_splits_an_escape(void **state)
{
	char summary[128], line[256];
	struct dorn_buf out;
	const char *text;

	(void)state;
	/* "SUMMARY:" and 66 letters are 74 octets; "\," would end at 76. */
	memset(summary, 'x', 66);
	strcpy(summary + 66, ",y");
	text = one(summary, NULL, &out);
	lines_ok(text);
	assert_non_null(strstr(text, "xxxxxx\r\n \\,y\r\n"));
	assert_string_equal(prop(text, "SUMMARY:", line, sizeof line) + 8 + 66, "\\,y");
	check_ok(text, 1);
	dorn_buf_fini(&out);
}

static void test_fold__75_octets_stay_on_one_line(void **state)
{
	char summary[128];
	struct dorn_buf out;

	(void)state;
	memset(summary, 'x', 67); /* "SUMMARY:" + 67 = 75 */
	summary[67] = '\0';
	one(summary, NULL, &out);
	assert_non_null(strstr(dorn_buf_str(&out), "xx\r\nEND:VEVENT\r\n"));
	dorn_buf_fini(&out);
	summary[67] = 'y';
	summary[68] = '\0';
	one(summary, NULL, &out);
	assert_non_null(strstr(dorn_buf_str(&out), "xx\r\n y\r\nEND:VEVENT\r\n"));
	check_ok(dorn_buf_str(&out), 1);
	dorn_buf_fini(&out);
}

/* Long words in many lines, each line checked. */
static void test_fold__long_description(void **state)
{
	struct dorn_buf text, want, out;
	char *got;

	(void)state;
	dorn_buf_init(&text);
	for (int i = 0; i < 300; i++)
		dorn_buf_printf(&text, "%s\xc5\x81ukasz, line %d; \\ ok%s", i % 7 ? "" : "\n", i,
				i % 11 ? " " : "\r\n");
	one("s", dorn_buf_str(&text), &out);
	lines_ok(dorn_buf_str(&out));
	check_ok(dorn_buf_str(&out), 1);
	/* Unfolded, the value is the text with each character escaped once. */
	dorn_buf_init(&want);
	dorn_buf_puts(&want, "DESCRIPTION:");
	for (const char *p = dorn_buf_str(&text); *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			dorn_buf_puts(&want, "\\n");
			continue;
		}
		if (*p == ';' || *p == ',' || *p == '\\')
			dorn_buf_putc(&want, '\\');
		dorn_buf_putc(&want, *p);
	}
	got = malloc(out.len + 1);
	assert_non_null(got);
	assert_string_equal(prop(dorn_buf_str(&out), "DESCRIPTION:", got, out.len + 1),
			    dorn_buf_str(&want));
	free(got);
	dorn_buf_fini(&want);
	dorn_buf_fini(&text);
	dorn_buf_fini(&out);
}

static void test_write__appends(void **state)
{
	struct dorn_ics_event ev = { "u@dorn", D("2026-12-07"), "s", NULL };
	struct dorn_buf out;

	(void)state;
	dorn_buf_init(&out);
	dorn_buf_puts(&out, "before|");
	assert_int_equal(dorn_ics_write(&ev, 1, PRODID, STAMP, &out), 0);
	assert_int_equal(strncmp(dorn_buf_str(&out), "before|BEGIN:VCALENDAR\r\n", 24), 0);
	check_ok(dorn_buf_str(&out) + 7, 1);
	dorn_buf_fini(&out);
}

/* A bad argument is a bug in the caller: DORN_EINTERNAL, out untouched. */
static void test_write__bad_arguments(void **state)
{
	struct dorn_ics_event good = { "u@dorn", D("2026-12-07"), "s", NULL };
	struct dorn_ics_event bad[] = {
		{ NULL, D("2026-12-07"), "s", NULL },
		{ "", D("2026-12-07"), "s", NULL },
		{ "\x1b\x07", D("2026-12-07"), "s", NULL },
		{ "u@dorn", D("2026-12-07"), NULL, NULL },
		{ "u@dorn", D("2026-12-07"), "", NULL },
		{ "u@dorn", D("2026-12-07"), "\r\n\t", NULL },
		{ "u@dorn", D("1900-01-01") - 1, "s", NULL },
		{ "u@dorn", D("2200-12-31") + 1, "s", NULL },
	};
	static const char *const stamps[] = {
		"", "20261206T093600", "20261206 093600Z", "20260230T093600Z", "20261206T243600Z",
		"20261206T096000Z", "2026-12-06T09:36:00Z", "20261206T093600Zx",
	};
	struct dorn_ics_event two[2] = { good, good };
	struct dorn_buf out;

	(void)state;
	dorn_buf_init(&out);
	dorn_buf_puts(&out, "before|");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(dorn_ics_write(&bad[i], 1, PRODID, STAMP, &out), DORN_EINTERNAL);
		assert_string_equal(dorn_buf_str(&out), "before|");
	}
	for (size_t i = 0; i < sizeof stamps / sizeof stamps[0]; i++)
		assert_int_equal(dorn_ics_write(&good, 1, PRODID, stamps[i], &out),
				 DORN_EINTERNAL);
	assert_int_equal(dorn_ics_write(&good, 1, PRODID, NULL, &out), DORN_EINTERNAL);
	assert_int_equal(dorn_ics_write(&good, 1, NULL, STAMP, &out), DORN_EINTERNAL);
	assert_int_equal(dorn_ics_write(&good, 1, "", STAMP, &out), DORN_EINTERNAL);
	assert_int_equal(dorn_ics_write(&good, 0, PRODID, STAMP, &out), DORN_EINTERNAL);
	assert_int_equal(dorn_ics_write(NULL, 1, PRODID, STAMP, &out), DORN_EINTERNAL);
	assert_int_equal(dorn_ics_write(two, 2, PRODID, STAMP, &out), DORN_EINTERNAL);
	assert_int_equal(dorn_ics_write(&good, 1, PRODID, STAMP, NULL), DORN_EINTERNAL);
	assert_string_equal(dorn_buf_str(&out), "before|");
	assert_int_equal(out.len, 7);
	/* A leap second is a real time. */
	assert_int_equal(dorn_ics_write(&good, 1, PRODID, "20261231T235960Z", &out), 0);
	dorn_buf_fini(&out);
}

static void test_stamp__utc(void **state)
{
	char s[17];

	(void)state;
	dorn_ics_stamp(0, s);
	assert_string_equal(s, "19700101T000000Z");
	dorn_ics_stamp((time_t)D("2026-12-06") * 86400 + 9 * 3600 + 36 * 60, s);
	assert_string_equal(s, "20261206T093600Z");
	dorn_ics_stamp((time_t)D("2028-02-29") * 86400 + 86399, s);
	assert_string_equal(s, "20280229T235959Z");
	dorn_ics_stamp(-1, s);
	assert_string_equal(s, "19700101T000000Z");
}

/* ---- the checker ---- */

#define CAL_HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
#define EV_OPEN  "BEGIN:VEVENT\r\nUID:a@t\r\nDTSTAMP:20261206T093600Z\r\n"
#define EV_DATES "DTSTART;VALUE=DATE:20261207\r\nDTEND;VALUE=DATE:20261208\r\n"
#define EV_CLOSE "END:VEVENT\r\n"
#define CAL_TAIL "END:VCALENDAR\r\n"
#define GOOD CAL_HEAD EV_OPEN EV_DATES EV_CLOSE CAL_TAIL

static void test_icscheck__accepts(void **state)
{
	(void)state;
	check_ok(GOOD, 1);
	check_ok(CAL_HEAD "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n" EV_OPEN EV_DATES
		 "SUMMARY:a\\, b\\; c\\\\ d\\n e\\N f: \"g\"\r\n"
		 "X-DORN-CASE;X-P=\"q;:,\",r:anything; goes, here\r\n" EV_CLOSE
		 EV_OPEN "DTSTART:20261207T090000\r\nDTEND:20261207T100000\r\n" EV_CLOSE
		 EV_OPEN "DTSTART:20261207T090000Z\r\nDURATION:PT1H\r\n" EV_CLOSE CAL_TAIL, 3);
	/* Folded with a space or a tab. */
	check_ok(CAL_HEAD EV_OPEN EV_DATES "SUMMARY:ab\r\n c\r\n\td\r\n" EV_CLOSE CAL_TAIL, 1);
}

static void test_icscheck__rejects_lines(void **state)
{
	char text[512];

	(void)state;
	check_fails("", 0, "the file is empty");
	check_fails("BEGIN:VCALENDAR\nVERSION:2.0\r\n", 1, "the line ends in LF without CR");
	check_fails(CAL_HEAD "END:VCALENDAR", 4, "the last line does not end in CRLF");
	check_fails(CAL_HEAD "\r\n", 4, "an empty line");
	check_fails(CAL_HEAD "X-A:a\rb\r\n", 4, "a CR inside the line");
	snprintf(text, sizeof text, CAL_HEAD EV_OPEN EV_DATES "SUMMARY:%068d\r\n" EV_CLOSE
		 CAL_TAIL, 0);
	check_fails(text, 9, "the line is 76 octets long, over 75");
	check_fails(CAL_HEAD EV_OPEN EV_DATES "SUMMARY:\xc3\r\n \xa9t\r\n" EV_CLOSE CAL_TAIL, 9,
		    "not valid UTF-8 at octet 9 (a character split by a fold?)");
	check_fails(CAL_HEAD EV_OPEN EV_DATES "SUMMARY:\xed\xa0\x80\r\n" EV_CLOSE CAL_TAIL, 9,
		    "not valid UTF-8 at octet 9 (a character split by a fold?)");
	check_fails(" BEGIN:VCALENDAR\r\n", 1, "the file starts with a folded line");
	check_fails(CAL_HEAD "X-A:a\x1b[31m\r\n", 4, "the control character 0x1B");
	check_fails(CAL_HEAD ":x\r\n", 4, "a content line must start with a property name");
	check_fails(CAL_HEAD "X_A:x\r\n", 4, "X: no ':' between the name and the value");
	check_fails(CAL_HEAD "X-A;P:x\r\n", 4, "X-A: a parameter must be NAME=VALUE");
	check_fails(CAL_HEAD "X-A;P=\"x:x\r\n", 4, "X-A: a parameter's quote is not closed");
}

static void test_icscheck__rejects_structure(void **state)
{
	(void)state;
	check_fails("VERSION:2.0\r\n", 1, "the file must start with BEGIN:VCALENDAR");
	check_fails(CAL_HEAD EV_OPEN EV_DATES EV_CLOSE, 9, "the file ends before END:VCALENDAR");
	check_fails(GOOD "X-A:b\r\n", 11, "X-A after END:VCALENDAR");
	check_fails(CAL_HEAD "BEGIN:VTODO\r\n", 4, "BEGIN:VTODO here: only a VCALENDAR holding "
		    "VEVENTs is expected");
	check_fails(CAL_HEAD EV_OPEN "BEGIN:VEVENT\r\n", 7, "BEGIN:VEVENT here: only a "
		    "VCALENDAR holding VEVENTs is expected");
	check_fails(CAL_HEAD EV_OPEN EV_DATES CAL_TAIL, 9, "END:VCALENDAR does not close the "
		    "open VEVENT");
	check_fails(CAL_HEAD CAL_TAIL, 4, "the VCALENDAR has no VEVENT (RFC 5545 wants at least "
		    "one component)");
	check_fails("BEGIN:VCALENDAR\r\nPRODID:x\r\n" EV_OPEN EV_DATES EV_CLOSE CAL_TAIL, 9,
		    "the VCALENDAR has no VERSION");
	check_fails("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" EV_OPEN EV_DATES EV_CLOSE CAL_TAIL, 9,
		    "the VCALENDAR has no PRODID");
	check_fails("BEGIN:VCALENDAR\r\nVERSION:1.0\r\n", 2, "VERSION must be 2.0");
	check_fails(CAL_HEAD "VERSION:2.0\r\n", 4, "VERSION twice");
	check_fails(CAL_HEAD "PRODID:y\r\n", 4, "PRODID twice");
	check_fails(CAL_HEAD "CALSCALE:JULIAN\r\n", 4, "CALSCALE must be GREGORIAN");
	check_fails(CAL_HEAD EV_OPEN EV_DATES EV_CLOSE "METHOD:PUBLISH\r\n" CAL_TAIL, 10,
		    "METHOD after a VEVENT: calendar properties come first");
}

static void test_icscheck__rejects_events(void **state)
{
	(void)state;
	check_fails(CAL_HEAD "BEGIN:VEVENT\r\nDTSTAMP:20261206T093600Z\r\n" EV_DATES EV_CLOSE
		    CAL_TAIL, 8, "a VEVENT without UID");
	check_fails(CAL_HEAD "BEGIN:VEVENT\r\nUID:a\r\n" EV_DATES EV_CLOSE CAL_TAIL, 8,
		    "a VEVENT without DTSTAMP");
	check_fails(CAL_HEAD EV_OPEN EV_CLOSE CAL_TAIL, 7, "a VEVENT without DTSTART");
	check_fails(CAL_HEAD EV_OPEN "UID:b\r\n", 7, "UID twice in a VEVENT");
	check_fails(CAL_HEAD EV_OPEN "DTSTAMP:20261206T093600\r\n", 7, "DTSTAMP twice in a "
		    "VEVENT");
	check_fails(CAL_HEAD "BEGIN:VEVENT\r\nDTSTAMP:20261206T093600\r\n", 5, "DTSTAMP "
		    "'20261206T093600' is not a UTC date and time (YYYYMMDDTHHMMSSZ)");
	check_fails(CAL_HEAD EV_OPEN "DTSTART;VALUE=DATE:20260230\r\n", 7, "DTSTART '20260230' "
		    "is not a date (YYYYMMDD)");
	check_fails(CAL_HEAD EV_OPEN "DTSTART:20261207\r\n", 7, "DTSTART '20261207' is not a "
		    "date and time (YYYYMMDDTHHMMSS)");
	check_fails(CAL_HEAD EV_OPEN "DTSTART:20261207T250000\r\n", 7, "DTSTART "
		    "'20261207T250000' is not a date and time (YYYYMMDDTHHMMSS)");
	check_fails(CAL_HEAD EV_OPEN EV_DATES "DTEND;VALUE=DATE:20261209\r\n", 9, "DTEND twice "
		    "in a VEVENT");
	check_fails(CAL_HEAD EV_OPEN "DTSTART;VALUE=DATE:20261207\r\nDTEND;VALUE=DATE:20261207"
		    "\r\n" EV_CLOSE CAL_TAIL, 9, "DTEND 20261207 is not after DTSTART 20261207");
	check_fails(CAL_HEAD EV_OPEN "DTSTART;VALUE=DATE:20261207\r\nDTEND;VALUE=DATE:20261130"
		    "\r\n" EV_CLOSE CAL_TAIL, 9, "DTEND 20261130 is not after DTSTART 20261207");
	check_fails(CAL_HEAD EV_OPEN "DTSTART;VALUE=DATE:20261207\r\nDTEND:20261208T000000\r\n"
		    EV_CLOSE CAL_TAIL, 9, "DTEND is not of the same kind as DTSTART");
	check_fails(CAL_HEAD EV_OPEN EV_DATES "DURATION:P1D\r\n" EV_CLOSE CAL_TAIL, 10,
		    "a VEVENT with both DTEND and DURATION");
	check_fails(CAL_HEAD EV_OPEN EV_DATES "SUMMARY:a\r\nSUMMARY:b\r\n", 10, "SUMMARY twice "
		    "in a VEVENT");
	check_fails(CAL_HEAD EV_OPEN EV_DATES "TRANSP:BUSY\r\n", 9, "TRANSP must be OPAQUE or "
		    "TRANSPARENT");
}

static void test_icscheck__rejects_text(void **state)
{
	(void)state;
	check_fails(CAL_HEAD EV_OPEN EV_DATES "SUMMARY:a\\tb\r\n", 9, "SUMMARY: a backslash "
		    "that is not \\\\, \\;, \\, or \\n");
	check_fails(CAL_HEAD EV_OPEN EV_DATES "DESCRIPTION:a\\\r\n", 9, "DESCRIPTION: a "
		    "backslash that is not \\\\, \\;, \\, or \\n");
	check_fails(CAL_HEAD EV_OPEN EV_DATES "SUMMARY:a, b\r\n", 9, "SUMMARY: a bare ',' in a "
		    "text value (write \\,)");
	check_fails(CAL_HEAD EV_OPEN EV_DATES "DESCRIPTION:a;b\r\n", 9, "DESCRIPTION: a bare "
		    "';' in a text value (write \\;)");
	check_fails(CAL_HEAD EV_OPEN EV_DATES "LOCATION:a\\\\;b\r\n", 9, "LOCATION: a bare ';' "
		    "in a text value (write \\;)");
	check_fails("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//a,b//EN\r\n", 3, "PRODID: a "
		    "bare ',' in a text value (write \\,)");
}

/* ---- the checker as a command (tests/tools/icscheck.c) ---- */

/* Run build/tests/icscheck on text; its exit status, and what it printed
 * (both streams) into out. */
static int run_icscheck(const char *dir, const char *text, char *path, size_t pn, char *out,
			size_t n)
{
	char cmd[512], outpath[300];
	FILE *f;
	size_t got;
	int st;

	tu_write(dir, "t.ics", text, strlen(text), path, pn);
	snprintf(outpath, sizeof outpath, "%s/out.txt", dir);
	snprintf(cmd, sizeof cmd, "build/tests/icscheck '%s' >'%s' 2>&1", path, outpath);
	st = system(cmd);
	f = fopen(outpath, "r");
	assert_non_null(f);
	got = fread(out, 1, n - 1, f);
	out[got] = '\0';
	fclose(f);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_icscheck__command(void **state)
{
	struct dorn_ics_event ev[2] = {
		{ "a@dorn", D("2026-12-07"), "One", NULL },
		{ "b@dorn", D("2026-12-08"), "Two", "Details" },
	};
	char dir[64], path[256], out[512], want[512];
	struct dorn_buf ics;

	(void)state;
	tu_tmpdir(dir, sizeof dir);
	write_ok(ev, 2, &ics);
	assert_int_equal(run_icscheck(dir, dorn_buf_str(&ics), path, sizeof path, out,
				      sizeof out), 0);
	assert_string_equal(out, "ics: 2 events\n");
	dorn_buf_fini(&ics);
	write_ok(ev, 1, &ics);
	assert_int_equal(run_icscheck(dir, dorn_buf_str(&ics), path, sizeof path, out,
				      sizeof out), 0);
	assert_string_equal(out, "ics: 1 event\n");
	assert_int_equal(run_icscheck(dir, GOOD "X:1\r\n", path, sizeof path, out, sizeof out),
			 1);
	snprintf(want, sizeof want, "%s:11: X after END:VCALENDAR\n", path);
	assert_string_equal(out, want);
	assert_int_equal(run_icscheck(dir, "", path, sizeof path, out, sizeof out), 1);
	snprintf(want, sizeof want, "%s: the file is empty\n", path);
	assert_string_equal(out, want);
	dorn_buf_fini(&ics);
	tu_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write__one_event_in_full),
		cmocka_unit_test(test_write__events_in_order_and_checked),
		cmocka_unit_test(test_write__text_escaped),
		cmocka_unit_test(test_write__controls_removed),
		cmocka_unit_test(test_fold__multibyte_never_split),
		cmocka_unit_test(test_fold__never_splits_an_escape),
		cmocka_unit_test(test_fold__75_octets_stay_on_one_line),
		cmocka_unit_test(test_fold__long_description),
		cmocka_unit_test(test_write__appends),
		cmocka_unit_test(test_write__bad_arguments),
		cmocka_unit_test(test_stamp__utc),
		cmocka_unit_test(test_icscheck__accepts),
		cmocka_unit_test(test_icscheck__rejects_lines),
		cmocka_unit_test(test_icscheck__rejects_structure),
		cmocka_unit_test(test_icscheck__rejects_events),
		cmocka_unit_test(test_icscheck__rejects_text),
		cmocka_unit_test(test_icscheck__command),
	};

	return cmocka_run_group_tests_name("ics", tests, NULL, NULL);
}
