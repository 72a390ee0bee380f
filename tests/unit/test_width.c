/* Unit tests for display width: dorn must count columns exactly as the C
 * library's wcwidth() does in a UTF-8 locale, because that is where ncurses
 * puts the characters. A disagreement means text that overflows its field
 * or a cursor in the wrong column. */
#include "testutil.h"

#include <langinfo.h>
#include <locale.h>
#include <wchar.h>

#include "dorn/text.h"

#define LAST_CP 0x10FFFFu

/* The comparison needs wcwidth() in a UTF-8 locale; without one the test
 * would prove nothing, so it fails rather than skips. */
static void need_utf8(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		fail_msg("the C.UTF-8 locale is not available: cannot compare with wcwidth()");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		fail_msg("C.UTF-8 is not a UTF-8 locale here (codeset %s)", nl_langinfo(CODESET));
}

/* What dorn_cp_width should say, from wcwidth(). Where wcwidth() is -1
 * dorn has its own answer (see dorn_cp_width): controls count 0, because
 * they are stripped before display; anything else (unassigned,
 * noncharacters, surrogates) counts 1, the one cell ncurses gives it. */
static int want(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	if (w >= 0)
		return w;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 0;
	return 1;
}

static void test_width__every_code_point_agrees_with_wcwidth(void **state)
{
	char first[512] = "";
	size_t used = 0;
	unsigned long bad = 0;

	(void)state;
	need_utf8();
	for (uint32_t cp = 0; cp <= LAST_CP; cp++) {
		int got = dorn_cp_width(cp), w = want(cp);

		if (got == w)
			continue;
		if (bad < 8 && used < sizeof first) {
			int k = snprintf(first + used, sizeof first - used, " U+%04X:%d(wcwidth %d)",
					 (unsigned)cp, got, w);

			if (k > 0)
				used += (size_t)k;
		}
		bad++;
	}
	if (bad)
		fail_msg("%lu code points differ from wcwidth();%s. After a C library "
			 "upgrade, run `make width-table`.",
			 bad, first);
}

static void test_width__beyond_unicode_is_one(void **state)
{
	(void)state;
	assert_int_equal(dorn_cp_width(0xD800), 1);
	assert_int_equal(dorn_cp_width(0xDFFF), 1);
	assert_int_equal(dorn_cp_width(0x110000), 1);
	assert_int_equal(dorn_cp_width(0xFFFFFFFFu), 1);
}

/* The width is a table, not a call into the locale: the same answers in
 * the "C" locale, where wcwidth() knows nothing beyond ASCII. */
static void test_width__does_not_depend_on_locale(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_int_equal(dorn_cp_width(0x1F600), 2);
	assert_int_equal(dorn_cp_width(0x05B8), 0);
	assert_int_equal(dorn_cp_width(0x00EB), 1);
	assert_int_equal(dorn_text_width("\xE6\x97\xA5", 3), 2);
}

/* Strings from real names and notes, with the width a terminal gives them. */
static const struct sample {
	const char *what, *s;
	size_t w;
} samples[] = {
	{ "emoji", "Hi \xF0\x9F\x98\x80", 5 },          /* Hi 😀 */
	{ "rocket", "\xF0\x9F\x9A\x80" "!", 3 },        /* 🚀! */
	{ "check mark", "\xE2\x9C\x85" " ok", 5 },      /* ✅ ok */
	{ "Hebrew with niqqud",                         /* שָׁלוֹם */
	  "\xD7\xA9\xD6\xB8\xD7\x81\xD7\x9C\xD7\x95\xD6\xB9\xD7\x9D", 4 },
	{ "Thai with vowel signs",                      /* สวัสดี */
	  "\xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\xAA\xE0\xB8\x94\xE0\xB8\xB5", 4 },
	{ "Thai with tone marks",                       /* ที่นี่ */
	  "\xE0\xB8\x97\xE0\xB8\xB5\xE0\xB9\x88\xE0\xB8\x99\xE0\xB8\xB5\xE0\xB9\x88", 2 },
	{ "Zo\xC3\xAB precomposed", "Zo\xC3\xAB", 3 },
	{ "Zoe\xCC\x88 decomposed", "Zoe\xCC\x88", 3 },
	{ "\xC5\x81ukasz", "\xC5\x81ukasz", 6 },
	{ "Japanese", "\xE6\x97\xA5\xE6\x9C\xAC", 4 }, /* 日本 */
};

#define NSAMPLES (sizeof samples / sizeof samples[0])

static void test_width__strings(void **state)
{
	wchar_t wide[64];

	(void)state;
	need_utf8();
	for (size_t i = 0; i < NSAMPLES; i++) {
		const struct sample *t = &samples[i];
		size_t got = dorn_text_width(t->s, strlen(t->s)), n;

		if (got != t->w)
			fail_msg("%s: width %zu, want %zu", t->what, got, t->w);
		/* and the C library counts the whole string the same way */
		n = mbstowcs(wide, t->s, sizeof wide / sizeof wide[0]);
		assert_true(n != (size_t)-1 && n < sizeof wide / sizeof wide[0]);
		if (wcswidth(wide, n) != (int)got)
			fail_msg("%s: width %zu, wcswidth %d", t->what, got, wcswidth(wide, n));
	}
}

/* Cutting to any number of columns lands on a character boundary, keeps
 * combining marks with their letter, fits, and takes all that fits. */
static void test_width__fit_never_cuts_a_character(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSAMPLES; i++) {
		const char *s = samples[i].s;
		size_t n = strlen(s), prev = 0;

		for (size_t cols = 0; cols <= samples[i].w + 1; cols++) {
			size_t got = dorn_text_fit(s, n, cols), next;
			uint32_t cp;

			if (!dorn_utf8_valid(s, got, NULL) || !dorn_utf8_valid(s + got, n - got, NULL))
				fail_msg("%s: cut at byte %zu for %zu columns splits a character",
					 samples[i].what, got, cols);
			assert_true(dorn_text_width(s, got) <= cols);
			assert_true(got >= prev);
			if (got < n) {
				next = dorn_utf8_next(s, n, got);
				dorn_utf8_decode(s + got, n - got, &cp);
				if (dorn_cp_width(cp) == 0)
					fail_msg("%s: a mark is cut from its letter at byte %zu",
						 samples[i].what, got);
				assert_true(dorn_text_width(s, next) > cols);
			}
			prev = got;
		}
		assert_int_equal(prev, n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width__every_code_point_agrees_with_wcwidth),
		cmocka_unit_test(test_width__beyond_unicode_is_one),
		cmocka_unit_test(test_width__does_not_depend_on_locale),
		cmocka_unit_test(test_width__strings),
		cmocka_unit_test(test_width__fit_never_cuts_a_character),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
