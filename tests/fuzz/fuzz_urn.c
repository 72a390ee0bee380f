/* libFuzzer harness for what people type as a case reference or a date
 * (dorn/urn.h): the input is one string, read both as a URN and as a
 * date. What is accepted must come back the same through every form dorn
 * writes it in (normalised, displayed, ISO, UK), and be written out in
 * words without running past the buffer, however small. */
#include "fuzz.h"

#include "dorn/urn.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_urn(const char *s)
{
	char urn[DORN_URN_MAX], again[DORN_URN_MAX], shown[18];
	struct dorn_err err;
	size_t len;

	dorn_err_clear(&err);
	if (dorn_urn_parse(s, urn, &err) != 0) {
		FZ_CHECK(err.code == DORN_EDATA);
		fz_check_msg(&err);
		/* Shown as it is when it is not normalised: must not crash. */
		dorn_urn_display(s, shown);
		FZ_CHECK(strlen(shown) < sizeof shown);
		return;
	}
	len = strlen(urn);
	FZ_CHECK(len == 11 || len == 13);
	for (size_t i = 0; i < len; i++)
		FZ_CHECK((urn[i] >= '0' && urn[i] <= '9') || (urn[i] >= 'A' && urn[i] <= 'Z'));
	FZ_CHECK(dorn_urn_parse(urn, again, NULL) == 0 && !strcmp(urn, again));
	dorn_urn_display(urn, shown);
	FZ_CHECK(strlen(shown) == len + 3);
	FZ_CHECK(dorn_urn_parse(shown, again, NULL) == 0 && !strcmp(urn, again));
}

static void check_date(const char *s)
{
	/* Days since 1970 of a few "todays": before, inside and after the
	 * years a date may have, so the distance in words takes every form. */
	static const long todays[] = { -25567, 20785, 20786, 84000 };
	static const size_t sizes[] = { 1, 2, 12, 20, 64 };
	struct dorn_date d, back;
	struct dorn_err err;
	char iso[11], uk[11], words[64];
	long days;

	dorn_err_clear(&err);
	if (dorn_date_parse(s, &d, &err) != 0) {
		FZ_CHECK(err.code == DORN_EDATA);
		fz_check_msg(&err);
		return;
	}
	FZ_CHECK(dorn_date_valid(d.y, d.m, d.d) && d.y >= 1900 && d.y <= 2200);
	dorn_date_iso(&d, iso);
	FZ_CHECK(dorn_date_parse(iso, &back, NULL) == 0);
	FZ_CHECK(back.y == d.y && back.m == d.m && back.d == d.d);
	dorn_date_uk(&d, uk);
	FZ_CHECK(dorn_date_parse(uk, &back, NULL) == 0);
	FZ_CHECK(back.y == d.y && back.m == d.m && back.d == d.d);
	days = dorn_date_to_days(&d);
	dorn_date_from_days(days, &back);
	FZ_CHECK(back.y == d.y && back.m == d.m && back.d == d.d);
	for (size_t t = 0; t < sizeof todays / sizeof todays[0]; t++)
		for (unsigned parts = 0; parts <= DORN_DW_ALL; parts++)
			for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
				/* Poison the rest so an unterminated result shows. */
				memset(words, 'X', sizeof words);
				dorn_date_words(&d, days - todays[t], parts, words, sizes[k]);
				FZ_CHECK(memchr(words, '\0', sizes[k]) != NULL);
				for (size_t i = sizes[k]; i < sizeof words; i++)
					FZ_CHECK(words[i] == 'X');
			}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fz_str(data, size);

	check_urn(s);
	check_date(s);
	free(s);
	return 0;
}
