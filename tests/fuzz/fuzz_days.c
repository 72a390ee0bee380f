/* libFuzzer harness for "after the hearing": the input is read as a
 * bank-holidays file (workdays.h), as legal services might edit
 * data/bank-holidays.ini, and written into an iCalendar file (ics.h) as an
 * officer's words would be. What the parser accepts must keep every
 * promise of its header, and whatever text goes into the calendar, the
 * file must pass the strict checker the unit tests use
 * (tests/tools/icscheck.h). */
#include "fuzz.h"

#include "dorn/buf.h"
#include "dorn/ics.h"
#include "dorn/urn.h"
#include "dorn/workdays.h"

#include "../tools/icscheck.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int year_of(long day)
{
	struct dorn_date d;

	dorn_date_from_days(day, &d);
	return d.y;
}

static void check_holidays(const uint8_t *data, size_t size)
{
	struct dorn_holidays h;
	struct dorn_err err;
	long from, to;

	dorn_err_clear(&err);
	if (dorn_holidays_parse((const char *)data, size, "fuzz.ini", &h, &err) != 0) {
		FZ_CHECK(err.code == DORN_EDATA || err.code == DORN_ENOMEM);
		fz_check_msg(&err);
		FZ_CHECK(!h.day && !h.name && h.n == 0 && h.first_year == 0);
		return;
	}
	FZ_CHECK(h.n > 0 && h.first_year >= 1900 && h.first_year <= h.last_year &&
		 h.last_year <= 2200);
	for (size_t i = 0; i < h.n; i++) {
		size_t len = strlen(h.name[i]);

		FZ_CHECK(i == 0 || h.day[i - 1] < h.day[i]);
		FZ_CHECK(dorn_weekday(h.day[i]) <= 5 && !dorn_working_day(&h, h.day[i]));
		FZ_CHECK(year_of(h.day[i]) >= h.first_year && year_of(h.day[i]) <= h.last_year);
		FZ_CHECK(dorn_holidays_cover(&h, h.day[i]));
		FZ_CHECK(len > 0 && len <= DORN_HOLIDAY_NAME_MAX);
		FZ_CHECK(dorn_utf8_valid(h.name[i], len, NULL));
		FZ_CHECK(!dorn_text_has_control(h.name[i], 0));
		FZ_CHECK(dorn_holidays_name(&h, h.day[i]) == h.name[i]);
		/* The next working day is after it, and nothing between is one. */
		from = h.day[i];
		to = dorn_working_days_after(&h, from, 1);
		FZ_CHECK(to > from && dorn_working_day(&h, to));
		for (long d = from + 1; d < to; d++)
			FZ_CHECK(!dorn_working_day(&h, d));
	}
	dorn_holidays_fini(&h);
	FZ_CHECK(!h.day && !h.name && h.n == 0);
}

/* 1 when dorn_ics_write would find nothing but blanks in s once cleaned. */
static int blank_once_cleaned(const char *s)
{
	char *copy = strdup(s);
	int blank;

	if (!copy)
		FZ_DIE("out of memory");
	dorn_text_strip(copy, 0);
	blank = copy[strspn(copy, " ")] == '\0';
	free(copy);
	return blank;
}

static void check_ics(const uint8_t *data, size_t size)
{
	char *text = fz_str(data, size), *uid;
	struct dorn_ics_event ev[2];
	struct dorn_buf out;
	struct ics_check c;
	long day = 20000 + (size ? data[0] : 0) * 97L; /* 2024 to 2092 */
	int rc;

	uid = malloc(strlen(text) + 8);
	if (!uid)
		FZ_DIE("out of memory");
	strcpy(uid, "v@fuzz:");
	strcat(uid, text);
	ev[0] = (struct dorn_ics_event){ "u@fuzz", day, text, text };
	ev[1] = (struct dorn_ics_event){ uid, day + 1, "Tell the victim", text };
	dorn_buf_init(&out);
	dorn_buf_puts(&out, "x");
	rc = dorn_ics_write(ev, 2, "-//dorn//fuzz//EN", "20261206T093600Z", &out);
	if (blank_once_cleaned(text)) {
		FZ_CHECK(rc == DORN_EINTERNAL);
		FZ_CHECK(out.len == 1 && !strcmp(dorn_buf_str(&out), "x"));
	} else {
		FZ_CHECK(rc == 0);
		if (ics_check_text(dorn_buf_str(&out) + 1, out.len - 1, &c) != 0) {
			fprintf(stderr, "fuzz: icscheck: line %d: %s\n", c.line, c.msg);
			abort();
		}
		FZ_CHECK(c.events == 2);
	}
	dorn_buf_fini(&out);
	free(uid);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_holidays(data, size);
	check_ics(data, size);
	return 0;
}
