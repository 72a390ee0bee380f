/* Unit tests for the text-field model: what an officer types must come out
 * byte for byte, whatever keys are pressed in between, and the layout the
 * screen draws from must follow the documented wrap rules exactly. */
#include "testutil.h"

#include "dorn/err.h"
#include "dorn/lineedit.h"
#include "dorn/text.h"

/* ---- helpers ---- */

/* The invariants every operation must keep. */
static void assert_sane(const struct dorn_le *e)
{
	size_t bad = 0;

	assert_non_null(e->text);
	assert_int_equal(strlen(e->text), e->len);
	assert_true(e->len <= e->max);
	assert_true(e->len < e->cap);
	assert_true(e->cur <= e->len);
	if (!dorn_utf8_valid(e->text, e->len, &bad))
		fail_msg("invalid UTF-8 at byte %zu in \"%s\"", bad, e->text);
	/* On a boundary: not a continuation byte. */
	if (e->cur < e->len && ((unsigned char)e->text[e->cur] & 0xC0) == 0x80)
		fail_msg("cursor %zu inside a character of \"%s\"", e->cur, e->text);
	if (dorn_text_has_control(e->text, e->multiline ? DORN_TEXT_KEEP_NEWLINE : 0))
		fail_msg("control character in \"%s\"", e->text);
}

/* Type a UTF-8 string one code point at a time, as the keyboard would. */
static void type(struct dorn_le *e, const char *s)
{
	size_t i = 0, n = strlen(s);
	uint32_t cp;

	while (i < n) {
		i += dorn_utf8_decode(s + i, n - i, &cp);
		assert_int_equal(dorn_le_insert(e, cp), 0);
		assert_sane(e);
	}
}

static void assert_text(const struct dorn_le *e, const char *want, size_t cur)
{
	assert_sane(e);
	assert_string_equal(e->text, want);
	assert_int_equal(e->cur, cur);
}

#define MAXROWS 16

/* Lay e out in width and compare every row's text with want (NULL-ended). */
static void assert_rows(const struct dorn_le *e, size_t width, const char *const *want)
{
	struct dorn_le_row rows[MAXROWS];
	char got[256];
	size_t n, nwant = 0;

	while (want[nwant])
		nwant++;
	n = dorn_le_layout(e, width, rows, MAXROWS);
	if (n != nwant)
		fail_msg("width %zu: %zu rows, want %zu", width, n, nwant);
	for (size_t i = 0; i < n; i++) {
		size_t len = rows[i].end - rows[i].start;

		assert_true(rows[i].start <= rows[i].end);
		assert_true(len < sizeof got);
		memcpy(got, e->text + rows[i].start, len);
		got[len] = '\0';
		if (strcmp(got, want[i]) != 0)
			fail_msg("width %zu row %zu: \"%s\", want \"%s\"", width, i, got, want[i]);
	}
}

static void assert_cursor(const struct dorn_le *e, size_t width, size_t row, size_t col)
{
	size_t r = 99, c = 99;

	dorn_le_cursor(e, width, &r, &c);
	if (r != row || c != col)
		fail_msg("cursor at byte %zu, width %zu: row %zu col %zu, want row %zu col %zu",
			 e->cur, width, r, c, row, col);
}

/* ---- typing ---- */

static void test_insert__ascii(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, NULL, 100, 0), 0);
	assert_text(&e, "", 0);
	type(&e, "Smith");
	assert_text(&e, "Smith", 5);
	dorn_le_fini(&e);
}

static void test_insert__utf8_names_cjk_and_emoji(void **state)
{
	struct dorn_le e;
	const char *s = "Zo\xc3\xab \xc5\x81ukasz \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x99\x82";

	(void)state;
	assert_int_equal(dorn_le_init(&e, "", 100, 0), 0);
	type(&e, s);
	assert_text(&e, s, strlen(s));
	assert_int_equal(e.len, 4 + 1 + 7 + 1 + 6 + 1 + 4);
	dorn_le_fini(&e);
}

static void test_insert__in_the_middle_of_multibyte_text(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "Z\xc3\xab", 100, 0), 0); /* Zë */
	dorn_le_left(&e);
	assert_int_equal(e.cur, 1);
	type(&e, "o");
	assert_text(&e, "Zo\xc3\xab", 2);
	dorn_le_home(&e);
	type(&e, "\xc5\x81"); /* Ł */
	assert_text(&e, "\xc5\x81Zo\xc3\xab", 2);
	dorn_le_fini(&e);
}

static void test_insert__tab_becomes_space(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "ab", 100, 0), 0);
	dorn_le_left(&e);
	assert_int_equal(dorn_le_insert(&e, '\t'), 0);
	assert_text(&e, "a b", 2);
	dorn_le_fini(&e);
}

static void test_insert__control_characters_refused(void **state)
{
	static const uint32_t bad[] = {
		0x1B, 0x07, 0x7F, 0x9B, 0x00, '\r', 0x80, 0x9F, 0x08,
		0xD800, 0xDFFF, 0x110000, 0xFFFFFFFF,
	};
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "Zo\xc3\xab", 100, 1), 0);
	dorn_le_left(&e);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (dorn_le_insert(&e, bad[i]) != DORN_EDATA)
			fail_msg("U+%04X accepted", (unsigned)bad[i]);
		assert_text(&e, "Zo\xc3\xab", 2);
	}
	/* The neighbours of the refused ranges are ordinary characters. */
	assert_int_equal(dorn_le_insert(&e, 0xA0), 0);
	assert_int_equal(dorn_le_insert(&e, 0x10FFFF), 0);
	assert_text(&e, "Zo\xc2\xa0\xf4\x8f\xbf\xbf\xc3\xab", 8);
	dorn_le_fini(&e);
}

static void test_insert__newline_only_in_multiline(void **state)
{
	struct dorn_le one, multi;

	(void)state;
	assert_int_equal(dorn_le_init(&one, "ab", 100, 0), 0);
	assert_int_equal(dorn_le_insert(&one, '\n'), DORN_EDATA);
	assert_text(&one, "ab", 2);
	assert_int_equal(dorn_le_init(&multi, "ab", 100, 1), 0);
	dorn_le_left(&multi);
	assert_int_equal(dorn_le_insert(&multi, '\n'), 0);
	assert_text(&multi, "a\nb", 2);
	dorn_le_fini(&one);
	dorn_le_fini(&multi);
}

/* ---- max ---- */

static void test_insert__max_exact_at_multibyte_boundary(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "", 5, 0), 0);
	type(&e, "Zo\xc3\xab"); /* 4 bytes */
	assert_int_equal(dorn_le_insert(&e, 0xEB), DORN_EDATA); /* ë: 6 > 5 */
	assert_text(&e, "Zo\xc3\xab", 4);
	assert_int_equal(dorn_le_insert(&e, 0x1F642), DORN_EDATA);
	assert_text(&e, "Zo\xc3\xab", 4);
	assert_int_equal(dorn_le_insert(&e, 'x'), 0); /* exactly 5 */
	assert_text(&e, "Zo\xc3\xabx", 5);
	assert_int_equal(dorn_le_insert(&e, 'y'), DORN_EDATA);
	assert_text(&e, "Zo\xc3\xabx", 5);
	/* Room made by deleting is usable again. */
	dorn_le_backspace(&e);
	dorn_le_backspace(&e);
	assert_int_equal(dorn_le_insert(&e, 0x65E5), 0); /* 日: 2 + 3 = 5 */
	assert_text(&e, "Zo\xe6\x97\xa5", 5);
	dorn_le_fini(&e);
}

static void test_insert__emoji_needs_four_bytes_of_room(void **state)
{
	struct dorn_le a, b;

	(void)state;
	assert_int_equal(dorn_le_init(&a, "ab", 5, 0), 0);
	assert_int_equal(dorn_le_insert(&a, 0x1F642), DORN_EDATA);
	assert_text(&a, "ab", 2);
	assert_int_equal(dorn_le_init(&b, "ab", 6, 0), 0);
	assert_int_equal(dorn_le_insert(&b, 0x1F642), 0);
	assert_text(&b, "ab\xf0\x9f\x99\x82", 6);
	dorn_le_fini(&a);
	dorn_le_fini(&b);
}

static void test_init__cut_at_max_on_character_boundary(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "\xc5\x81ukasz", 1, 0), 0);
	assert_text(&e, "", 0);
	dorn_le_fini(&e);
	assert_int_equal(dorn_le_init(&e, "\xc5\x81ukasz", 3, 0), 0);
	assert_text(&e, "\xc5\x81u", 3);
	dorn_le_fini(&e);
	assert_int_equal(dorn_le_init(&e, "\xe6\x97\xa5\xe6\x9c\xac", 5, 0), 0);
	assert_text(&e, "\xe6\x97\xa5", 3);
	assert_int_equal(dorn_le_set(&e, "\xe6\x97\xa5\xe6\x9c\xac"), 0);
	assert_text(&e, "\xe6\x97\xa5", 3);
	assert_int_equal(dorn_le_set(&e, "abcdefg"), 0);
	assert_text(&e, "abcde", 5);
	dorn_le_fini(&e);
}

static void test_init__strips_control_characters(void **state)
{
	struct dorn_le one, multi;

	(void)state;
	assert_int_equal(dorn_le_init(&one, "a\x1b[2Jb\nc\td\x7f\xc2\x9b\xff", 100, 0), 0);
	/* a line break in a one-line field becomes a space, so words stay apart */
	assert_text(&one, "a[2Jb c d", 9);
	assert_int_equal(dorn_le_init(&multi, "a\r\nb\x07\nc\x1b", 100, 1), 0);
	assert_text(&multi, "a\nb\nc", 5);
	dorn_le_fini(&one);
	dorn_le_fini(&multi);
}

static void test_set__replaces_text_even_its_own(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "old", 100, 0), 0);
	dorn_le_home(&e);
	assert_int_equal(dorn_le_set(&e, "Zo\xc3\xab"), 0);
	assert_text(&e, "Zo\xc3\xab", 4);
	assert_int_equal(dorn_le_set(&e, e.text), 0); /* aliasing is safe */
	assert_text(&e, "Zo\xc3\xab", 4);
	assert_int_equal(dorn_le_set(&e, NULL), 0);
	assert_text(&e, "", 0);
	type(&e, "ok");
	assert_text(&e, "ok", 2);
	dorn_le_fini(&e);
	dorn_le_fini(&e); /* twice and NULL are harmless */
	dorn_le_fini(NULL);
}

/* ---- moving and deleting ---- */

static void test_left_right__step_over_whole_characters(void **state)
{
	/* Z o ë 日 🙂 */
	static const size_t at[] = { 0, 1, 2, 4, 7, 11 };
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "Zo\xc3\xab\xe6\x97\xa5\xf0\x9f\x99\x82", 100, 0), 0);
	assert_int_equal(e.cur, 11);
	dorn_le_right(&e); /* at the end: stays */
	assert_int_equal(e.cur, 11);
	for (size_t i = 5; i > 0; i--) {
		dorn_le_left(&e);
		assert_int_equal(e.cur, at[i - 1]);
	}
	dorn_le_left(&e); /* at the start: stays */
	assert_int_equal(e.cur, 0);
	for (size_t i = 1; i < 6; i++) {
		dorn_le_right(&e);
		assert_int_equal(e.cur, at[i]);
	}
	dorn_le_fini(&e);
}

static void test_left__combining_mark_is_its_own_step(void **state)
{
	struct dorn_le e;

	(void)state;
	/* "e" + U+0308 COMBINING DIAERESIS: two code points, one on screen. */
	assert_int_equal(dorn_le_init(&e, "e\xcc\x88", 100, 0), 0);
	dorn_le_left(&e);
	assert_int_equal(e.cur, 1);
	dorn_le_left(&e);
	assert_int_equal(e.cur, 0);
	dorn_le_fini(&e);
}

static void test_backspace__multibyte_in_the_middle(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "Zo\xc3\xab\xe6\x97\xa5\xf0\x9f\x99\x82x", 100, 0), 0);
	dorn_le_left(&e);
	dorn_le_backspace(&e); /* the emoji */
	assert_text(&e, "Zo\xc3\xab\xe6\x97\xa5x", 7);
	dorn_le_backspace(&e); /* 日 */
	assert_text(&e, "Zo\xc3\xabx", 4);
	dorn_le_backspace(&e); /* ë */
	assert_text(&e, "Zox", 2);
	dorn_le_home(&e);
	dorn_le_backspace(&e); /* at the start: nothing */
	assert_text(&e, "Zox", 0);
	dorn_le_fini(&e);
}

static void test_delete__multibyte_in_the_middle(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "a\xc5\x81\xe6\x97\xa5\xf0\x9f\x99\x82", 100, 0), 0);
	dorn_le_home(&e);
	dorn_le_right(&e);
	dorn_le_delete(&e); /* Ł */
	assert_text(&e, "a\xe6\x97\xa5\xf0\x9f\x99\x82", 1);
	dorn_le_delete(&e); /* 日 */
	assert_text(&e, "a\xf0\x9f\x99\x82", 1);
	dorn_le_delete(&e); /* emoji */
	assert_text(&e, "a", 1);
	dorn_le_delete(&e); /* at the end: nothing */
	assert_text(&e, "a", 1);
	dorn_le_fini(&e);
}

static void test_home_end__per_logical_line(void **state)
{
	struct dorn_le e, one;

	(void)state;
	/* "first\n" 0..5, "s\xc3\xa9cond" 6..12, '\n' at 13, "third" 14..18 */
	assert_int_equal(dorn_le_init(&e, "first\ns\xc3\xa9" "cond\nthird", 100, 1), 0);
	e.cur = 9;
	dorn_le_home(&e);
	assert_int_equal(e.cur, 6);
	dorn_le_end(&e);
	assert_int_equal(e.cur, 13);
	dorn_le_end(&e);
	assert_int_equal(e.cur, 13);
	dorn_le_right(&e);
	dorn_le_end(&e);
	assert_int_equal(e.cur, 19);
	dorn_le_home(&e);
	assert_int_equal(e.cur, 14);
	e.cur = 3;
	dorn_le_end(&e);
	assert_int_equal(e.cur, 5);
	dorn_le_home(&e);
	assert_int_equal(e.cur, 0);
	/* A wrapped line: Home still goes to the start of the logical line. */
	assert_int_equal(dorn_le_init(&one, "aaaa bbbb cccc", 100, 0), 0);
	assert_cursor(&one, 5, 2, 4);
	dorn_le_home(&one);
	assert_int_equal(one.cur, 0);
	dorn_le_end(&one);
	assert_int_equal(one.cur, 14);
	dorn_le_fini(&e);
	dorn_le_fini(&one);
}

static void test_word__right_to_ends_left_to_starts(void **state)
{
	/* Zoë(0..3) 2 spaces saw(6..8) \n Łukasz(10..16) ' ' run(18..20) */
	static const size_t right[] = { 4, 9, 17, 21, 21 };
	static const size_t left[] = { 18, 10, 6, 0, 0 };
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "Zo\xc3\xab  saw\n\xc5\x81ukasz run", 100, 1), 0);
	assert_int_equal(e.len, 21);
	e.cur = 0;
	for (size_t i = 0; i < 5; i++) {
		dorn_le_word_right(&e);
		assert_int_equal(e.cur, right[i]);
	}
	for (size_t i = 0; i < 5; i++) {
		dorn_le_word_left(&e);
		assert_int_equal(e.cur, left[i]);
	}
	/* From inside a word: to that word's own start and end. */
	e.cur = 13;
	dorn_le_word_left(&e);
	assert_int_equal(e.cur, 10);
	e.cur = 13;
	dorn_le_word_right(&e);
	assert_int_equal(e.cur, 17);
	/* From between words: the space belongs to no word. */
	e.cur = 5;
	dorn_le_word_left(&e);
	assert_int_equal(e.cur, 0);
	e.cur = 5;
	dorn_le_word_right(&e);
	assert_int_equal(e.cur, 9);
	dorn_le_fini(&e);
}

static void test_kill_line__to_start_of_logical_line(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "first\nsec\xc3\xb6nd", 100, 1), 0);
	e.cur = 11; /* after ö */
	dorn_le_kill_line(&e);
	assert_text(&e, "first\nnd", 6);
	dorn_le_kill_line(&e); /* at the start of the line: nothing */
	assert_text(&e, "first\nnd", 6);
	dorn_le_end(&e);
	dorn_le_kill_line(&e);
	assert_text(&e, "first\n", 6);
	dorn_le_left(&e);
	dorn_le_kill_line(&e);
	assert_text(&e, "\n", 0);
	dorn_le_fini(&e);
}

/* ---- layout ---- */

static void test_layout__paragraph_at_width_20(void **state)
{
	static const char *const want[] = {
		"Zo\xc3\xab said the man ran",      /* 20 columns; the space hangs */
		"towards the caf\xc3\xa9 on ",      /* 20 columns with its space */
		"\xc5\x81ukasz Street at ",
		"night.",
		NULL,
	};
	struct dorn_le e;
	struct dorn_le_row rows[MAXROWS];
	size_t n;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "Zo\xc3\xab said the man ran towards the caf\xc3\xa9 on "
				     "\xc5\x81ukasz Street at night.", 200, 1), 0);
	assert_rows(&e, 20, want);
	n = dorn_le_layout(&e, 20, rows, MAXROWS);
	for (size_t i = 0; i < n; i++)
		assert_true(dorn_text_width(e.text + rows[i].start, rows[i].end - rows[i].start) <= 20);
	/* The hanging space is the only byte between rows 0 and 1. */
	assert_int_equal(rows[1].start, rows[0].end + 1);
	assert_int_equal(e.text[rows[0].end], ' ');
	assert_int_equal(rows[2].start, rows[1].end);
	dorn_le_fini(&e);
}

static void test_layout__returns_total_when_max_is_smaller(void **state)
{
	struct dorn_le e;
	struct dorn_le_row rows[3], guard;

	(void)state;
	memset(rows, 0x5a, sizeof rows);
	memset(&guard, 0x5a, sizeof guard);
	assert_int_equal(dorn_le_init(&e, "aaaa bbbb cccc dddd", 100, 0), 0);
	assert_int_equal(dorn_le_layout(&e, 5, rows, 2), 4);
	assert_int_equal(rows[0].start, 0);
	assert_int_equal(rows[0].end, 5);
	assert_int_equal(rows[1].start, 5);
	assert_int_equal(rows[1].end, 10);
	assert_memory_equal(&rows[2], &guard, sizeof guard); /* untouched */
	assert_int_equal(dorn_le_layout(&e, 5, NULL, 0), 4);
	dorn_le_fini(&e);
}

static void test_layout__long_word_cut_at_character_boundary(void **state)
{
	static const char *const ascii[] = { "abcdefghij", "klmnopqrst", "uvwxyz", NULL };
	static const char *const polish[] = { "ab ", "\xc5\x81\xc5\x81\xc5\x81\xc5\x81",
					      "\xc5\x81\xc5\x81 ", "cd", NULL };
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "abcdefghijklmnopqrstuvwxyz", 100, 0), 0);
	assert_rows(&e, 10, ascii);
	assert_int_equal(dorn_le_set(&e, "ab \xc5\x81\xc5\x81\xc5\x81\xc5\x81\xc5\x81\xc5\x81 cd"), 0);
	assert_rows(&e, 4, polish);
	dorn_le_fini(&e);
}

static void test_layout__wide_characters_never_split(void **state)
{
	static const char *const cjk[] = {
		"\xe6\x97\xa5\xe6\x9c\xac", "\xe8\xaa\x9e\xe3\x83\x86",
		"\xe3\x82\xad\xe3\x82\xb9", "\xe3\x83\x88", NULL,
	};
	static const char *const mixed[] = { "a\xe6\x97\xa5", "\xe6\x9c\xac\xf0\x9f\x99\x82",
					     "b", NULL };
	struct dorn_le e;

	(void)state;
	/* 日本語テキスト at 5 columns: 4 per row, the 5th column stays empty. */
	assert_int_equal(dorn_le_init(&e, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x83\x86"
				     "\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88", 100, 0), 0);
	assert_rows(&e, 5, cjk);
	assert_cursor(&e, 5, 3, 2);
	/* a日本🙂b at 4 columns: "a日" is 3, 本 would straddle the edge. */
	assert_int_equal(dorn_le_set(&e, "a\xe6\x97\xa5\xe6\x9c\xac\xf0\x9f\x99\x82" "b"), 0);
	assert_rows(&e, 4, mixed);
	dorn_le_fini(&e);
}

static void test_layout__combining_mark_stays_with_its_letter(void **state)
{
	static const char *const want[] = { "abe\xcc\x88", "cd", NULL };
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "abe\xcc\x88" "cd", 100, 0), 0);
	assert_rows(&e, 3, want);
	dorn_le_fini(&e);
}

static void test_layout__newlines_and_trailing_newline(void **state)
{
	static const char *const empty[] = { "", NULL };
	static const char *const trailing[] = { "ab", "", NULL };
	static const char *const blank[] = { "a", "", "b", NULL };
	static const char *const only[] = { "", "", "", NULL };
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "", 100, 1), 0);
	assert_rows(&e, 10, empty);
	assert_cursor(&e, 10, 0, 0);
	assert_int_equal(dorn_le_set(&e, "ab\n"), 0);
	assert_rows(&e, 10, trailing);
	assert_cursor(&e, 10, 1, 0);
	dorn_le_left(&e);
	assert_cursor(&e, 10, 0, 2);
	assert_int_equal(dorn_le_set(&e, "a\n\nb"), 0);
	assert_rows(&e, 10, blank);
	e.cur = 2;
	assert_cursor(&e, 10, 1, 0);
	assert_int_equal(dorn_le_set(&e, "\n\n"), 0);
	assert_rows(&e, 10, only);
	assert_cursor(&e, 10, 2, 0);
	dorn_le_fini(&e);
}

static void test_layout__hanging_space_at_end_makes_empty_row(void **state)
{
	static const char *const want[] = { "hello", "", NULL };
	static const char *const two[] = { "hello", "    ", "world", NULL };
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "hello ", 100, 0), 0);
	assert_rows(&e, 5, want);
	assert_cursor(&e, 5, 1, 0);  /* the next word goes on the next row */
	dorn_le_left(&e);
	assert_cursor(&e, 5, 0, 5);  /* on the hanging space */
	/* Only one space hangs; the rest of a run wraps like text. */
	assert_int_equal(dorn_le_set(&e, "hello     world"), 0);
	assert_rows(&e, 5, two);
	dorn_le_fini(&e);
}

static void test_layout__width_zero_is_one(void **state)
{
	static const char *const want[] = { "a", "\xc3\xab", NULL };
	static const char *const wide[] = { "\xe6\x97\xa5", "\xe6\x9c\xac", NULL };
	static const char *const marked[] = { "\xe6\x97\xa5\xcc\x81", "x", NULL };
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "a\xc3\xab", 100, 0), 0);
	assert_rows(&e, 0, want);
	assert_rows(&e, 1, want);
	/* A wide character cannot fit one column: it goes alone on a row. */
	assert_int_equal(dorn_le_set(&e, "\xe6\x97\xa5\xe6\x9c\xac"), 0);
	assert_rows(&e, 1, wide);
	/* ... with the marks that belong to it. */
	assert_int_equal(dorn_le_set(&e, "\xe6\x97\xa5\xcc\x81" "x"), 0);
	assert_rows(&e, 1, marked);
	dorn_le_fini(&e);
}

/* ---- cursor, up and down ---- */

static void test_cursor__at_wrap_point_starts_next_row(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "abcdefghij", 100, 0), 0);
	e.cur = 4;
	assert_cursor(&e, 5, 0, 4);
	e.cur = 5;
	assert_cursor(&e, 5, 1, 0);
	e.cur = 10; /* the very end: stays on the last row */
	assert_cursor(&e, 5, 1, 5);
	assert_int_equal(dorn_le_set(&e, "aaaa bbbb"), 0);
	e.cur = 5; /* after the space that ends row 0 */
	assert_cursor(&e, 5, 1, 0);
	e.cur = 4;
	assert_cursor(&e, 5, 0, 4);
	dorn_le_fini(&e);
}

static void test_cursor__over_multibyte_counts_columns(void **state)
{
	struct dorn_le e;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "Zo\xc3\xab\xe6\x97\xa5\xf0\x9f\x99\x82", 100, 0), 0);
	assert_cursor(&e, 40, 0, 7); /* 1+1+1+2+2 */
	dorn_le_left(&e);
	assert_cursor(&e, 40, 0, 5);
	dorn_le_left(&e);
	assert_cursor(&e, 40, 0, 3);
	dorn_le_fini(&e);
}

static void test_up_down__keep_column_across_short_line(void **state)
{
	struct dorn_le e;

	(void)state;
	/* "a long line here"(0..15) \n "ab"(17..18) \n "another long line"(20..36) */
	assert_int_equal(dorn_le_init(&e, "a long line here\nab\nanother long line", 100, 1), 0);
	e.cur = 30;
	assert_cursor(&e, 40, 2, 10);
	assert_int_equal(dorn_le_up(&e, 40), 1);
	assert_int_equal(e.cur, 19);
	assert_cursor(&e, 40, 1, 2);
	assert_int_equal(dorn_le_up(&e, 40), 1);
	assert_int_equal(e.cur, 10);
	assert_cursor(&e, 40, 0, 10);
	assert_int_equal(dorn_le_up(&e, 40), 0); /* first row: no move */
	assert_int_equal(e.cur, 10);
	assert_int_equal(dorn_le_down(&e, 40), 1);
	assert_int_equal(e.cur, 19);
	assert_int_equal(dorn_le_down(&e, 40), 1);
	assert_int_equal(e.cur, 30);
	assert_int_equal(dorn_le_down(&e, 40), 0); /* last row: no move */
	assert_int_equal(e.cur, 30);
	/* A sideways move sets a new column. */
	dorn_le_left(&e);
	assert_int_equal(dorn_le_up(&e, 40), 1);
	assert_int_equal(dorn_le_up(&e, 40), 1);
	assert_int_equal(e.cur, 9);
	/* Typing does too. */
	dorn_le_end(&e);
	assert_int_equal(dorn_le_insert(&e, 'x'), 0);
	assert_int_equal(dorn_le_down(&e, 40), 1);
	assert_int_equal(e.cur, 20);
	dorn_le_fini(&e);
}

static void test_up_down__over_wide_characters(void **state)
{
	struct dorn_le e;

	(void)state;
	/* "abcdef"(0..5) \n "日本語"(7..15) \n "abcdef"(17..22) */
	assert_int_equal(dorn_le_init(&e, "abcdef\n\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\nabcdef",
				      100, 1), 0);
	e.cur = 3;
	assert_int_equal(dorn_le_down(&e, 40), 1);
	assert_int_equal(e.cur, 10); /* column 3 is inside 本: land before it */
	assert_cursor(&e, 40, 1, 2);
	assert_int_equal(dorn_le_down(&e, 40), 1);
	assert_int_equal(e.cur, 20); /* back to column 3 */
	assert_int_equal(dorn_le_up(&e, 40), 1);
	assert_int_equal(e.cur, 10);
	assert_int_equal(dorn_le_up(&e, 40), 1);
	assert_int_equal(e.cur, 3);
	dorn_le_right(&e); /* a new column: 4 */
	assert_int_equal(dorn_le_down(&e, 40), 1);
	assert_int_equal(e.cur, 13); /* column 4 is a boundary: after 本 */
	assert_sane(&e);
	dorn_le_fini(&e);
}

static void test_up_down__across_wrapped_rows(void **state)
{
	struct dorn_le e;

	(void)state;
	/* At width 5: "abcde" | "fghij". From the end (row 1, column 5) up
	 * lands one character short of the wrap point, which is row 1's. */
	assert_int_equal(dorn_le_init(&e, "abcdefghij", 100, 0), 0);
	assert_int_equal(dorn_le_up(&e, 5), 1);
	assert_int_equal(e.cur, 4);
	assert_cursor(&e, 5, 0, 4);
	assert_int_equal(dorn_le_down(&e, 5), 1);
	assert_int_equal(e.cur, 10);
	assert_int_equal(dorn_le_down(&e, 5), 0);
	/* "aaaa " | "bb": row 0 ends with its space, which is a wrap point. */
	assert_int_equal(dorn_le_set(&e, "aaaa bb"), 0);
	assert_cursor(&e, 5, 1, 2);
	assert_int_equal(dorn_le_up(&e, 5), 1);
	assert_int_equal(e.cur, 2);
	assert_int_equal(dorn_le_set(&e, "aaaa bbbbb"), 0);
	assert_int_equal(dorn_le_up(&e, 5), 1);
	assert_int_equal(e.cur, 4); /* before the space, not on row 1 */
	assert_cursor(&e, 5, 0, 4);
	dorn_le_fini(&e);
}

/* ---- scroll ---- */

static void test_scroll__keeps_cursor_visible_both_ways(void **state)
{
	struct dorn_le e;
	size_t start;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "abcdefghijklmnopqrst", 100, 0), 0);
	start = dorn_le_scroll(&e, 5, 0);
	assert_int_equal(start, 16); /* "qrst" then the cursor in column 4 */
	dorn_le_left(&e);
	assert_int_equal(dorn_le_scroll(&e, 5, start), 16); /* still visible */
	e.cur = 12;
	start = dorn_le_scroll(&e, 5, start);
	assert_int_equal(start, 12); /* leftwards: cursor in column 0 */
	e.cur = 14;
	assert_int_equal(dorn_le_scroll(&e, 5, start), 12);
	e.cur = 16;
	assert_int_equal(dorn_le_scroll(&e, 5, start), 12); /* column 4 */
	e.cur = 17;
	assert_int_equal(dorn_le_scroll(&e, 5, start), 13); /* one step right */
	dorn_le_home(&e);
	assert_int_equal(dorn_le_scroll(&e, 5, 13), 0);
	assert_int_equal(dorn_le_scroll(&e, 0, 13), 0);
	e.cur = 3;
	assert_int_equal(dorn_le_scroll(&e, 1, 0), 3); /* width 1: always the cursor */
	assert_int_equal(dorn_le_scroll(&e, 40, 99), 0); /* start past the end */
	dorn_le_fini(&e);
}

static void test_scroll__backspace_at_end_pulls_hidden_text_back(void **state)
{
	struct dorn_le e;
	size_t start;

	(void)state;
	assert_int_equal(dorn_le_init(&e, "abcdefghijklmnopqrst", 100, 0), 0);
	start = dorn_le_scroll(&e, 5, 0);
	assert_int_equal(start, 16);
	dorn_le_backspace(&e);
	start = dorn_le_scroll(&e, 5, start);
	assert_int_equal(start, 15); /* "pqrs" and the cursor, not "qrs" and a gap */
	for (int i = 0; i < 17; i++)
		dorn_le_backspace(&e);
	assert_text(&e, "ab", 2);
	assert_int_equal(dorn_le_scroll(&e, 5, start), 0);
	dorn_le_fini(&e);
}

static void test_scroll__wide_character_under_cursor_fully_visible(void **state)
{
	struct dorn_le e;

	(void)state;
	/* 日本語テキ: 5 characters, 3 bytes and 2 columns each. */
	assert_int_equal(dorn_le_init(&e, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x83\x86"
				     "\xe3\x82\xad", 100, 0), 0);
	assert_int_equal(dorn_le_scroll(&e, 5, 0), 9); /* テキ, cursor in column 4 */
	e.cur = 6;
	assert_int_equal(dorn_le_scroll(&e, 5, 0), 3); /* 本語: 語 not cut off */
	e.cur = 3;
	assert_int_equal(dorn_le_scroll(&e, 5, 0), 0);
	/* A start left inside a character by a set() is moved back to it. */
	e.cur = 6;
	assert_int_equal(dorn_le_scroll(&e, 5, 4), 3);
	e.cur = 0;
	assert_int_equal(dorn_le_scroll(&e, 5, 1), 0);
	dorn_le_fini(&e);
}

/* ---- everything at once ---- */

/* A fixed pseudo-random run of keys; after each one the text must still be
 * valid and the layout consistent. The seed is fixed so failures repeat. */
static void test_random_keys__never_corrupt(void **state)
{
	static const uint32_t cps[] = {
		'a', ' ', '\n', '\t', 0x1B, 0x7F, 0x9B, 0xEB, 0x141, 0x65E5, 0x1F642,
		0x308, 0xD800, 'Z',
	};
	struct dorn_le e;
	struct dorn_le_row rows[64];
	uint64_t seed = 12345;

	(void)state;
	for (int multi = 0; multi < 2; multi++) {
		assert_int_equal(dorn_le_init(&e, "start", 40, multi), 0);
		for (int i = 0; i < 20000; i++) {
			size_t width, n, row, col, before = e.len;
			uint32_t r;

			/* Kept below 2^31 so the product never wraps. */
			seed = (seed * 1103515245u + 12345u) & 0x7fffffffu;
			r = (uint32_t)(seed >> 8);
			width = 1 + (r >> 8) % 12;
			switch (r % 16) {
			case 0: case 1: case 2: case 3: case 4: case 5:
				(void)dorn_le_insert(&e, cps[(r >> 4) % (sizeof cps / sizeof cps[0])]);
				assert_true(e.len >= before);
				break;
			case 6: dorn_le_backspace(&e); break;
			case 7: dorn_le_delete(&e); break;
			case 8: dorn_le_left(&e); break;
			case 9: dorn_le_right(&e); break;
			case 10: dorn_le_word_left(&e); break;
			case 11: dorn_le_word_right(&e); break;
			case 12: dorn_le_home(&e); break;
			case 13: (void)dorn_le_up(&e, width); break;
			case 14: (void)dorn_le_down(&e, width); break;
			default:
				if ((r >> 12) % 8 == 0)
					dorn_le_kill_line(&e);
				else
					dorn_le_end(&e);
				break;
			}
			assert_sane(&e);
			n = dorn_le_layout(&e, width, rows, 64);
			assert_true(n >= 1 && n <= 64);
			assert_int_equal(rows[0].start, 0);
			for (size_t k = 0; k < n; k++) {
				size_t gap;

				if (width >= 2)
					assert_true(dorn_text_width(e.text + rows[k].start,
								    rows[k].end - rows[k].start) <= width);
				if (k + 1 == n) {
					assert_int_equal(rows[k].end, e.len);
					continue;
				}
				/* Between rows: nothing, a '\n' or one hanging space. */
				assert_true(rows[k + 1].start > rows[k].start);
				gap = rows[k + 1].start - rows[k].end;
				assert_true(gap <= 1);
				if (gap == 1)
					assert_true(e.text[rows[k].end] == '\n' ||
						    e.text[rows[k].end] == ' ');
			}
			dorn_le_cursor(&e, width, &row, &col);
			assert_true(row < n);
			assert_true(e.cur >= rows[row].start);
			assert_true(col <= width || width == 1);
			if (!multi) {
				size_t s = dorn_le_scroll(&e, width, (size_t)(r % 50));

				assert_true(s <= e.cur);
				assert_true(dorn_text_width(e.text + s, e.cur - s) <= width - 1);
			}
		}
		dorn_le_fini(&e);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert__ascii),
		cmocka_unit_test(test_insert__utf8_names_cjk_and_emoji),
		cmocka_unit_test(test_insert__in_the_middle_of_multibyte_text),
		cmocka_unit_test(test_insert__tab_becomes_space),
		cmocka_unit_test(test_insert__control_characters_refused),
		cmocka_unit_test(test_insert__newline_only_in_multiline),
		cmocka_unit_test(test_insert__max_exact_at_multibyte_boundary),
		cmocka_unit_test(test_insert__emoji_needs_four_bytes_of_room),
		cmocka_unit_test(test_init__cut_at_max_on_character_boundary),
		cmocka_unit_test(test_init__strips_control_characters),
		cmocka_unit_test(test_set__replaces_text_even_its_own),
		cmocka_unit_test(test_left_right__step_over_whole_characters),
		cmocka_unit_test(test_left__combining_mark_is_its_own_step),
		cmocka_unit_test(test_backspace__multibyte_in_the_middle),
		cmocka_unit_test(test_delete__multibyte_in_the_middle),
		cmocka_unit_test(test_home_end__per_logical_line),
		cmocka_unit_test(test_word__right_to_ends_left_to_starts),
		cmocka_unit_test(test_kill_line__to_start_of_logical_line),
		cmocka_unit_test(test_layout__paragraph_at_width_20),
		cmocka_unit_test(test_layout__returns_total_when_max_is_smaller),
		cmocka_unit_test(test_layout__long_word_cut_at_character_boundary),
		cmocka_unit_test(test_layout__wide_characters_never_split),
		cmocka_unit_test(test_layout__combining_mark_stays_with_its_letter),
		cmocka_unit_test(test_layout__newlines_and_trailing_newline),
		cmocka_unit_test(test_layout__hanging_space_at_end_makes_empty_row),
		cmocka_unit_test(test_layout__width_zero_is_one),
		cmocka_unit_test(test_cursor__at_wrap_point_starts_next_row),
		cmocka_unit_test(test_cursor__over_multibyte_counts_columns),
		cmocka_unit_test(test_up_down__keep_column_across_short_line),
		cmocka_unit_test(test_up_down__over_wide_characters),
		cmocka_unit_test(test_up_down__across_wrapped_rows),
		cmocka_unit_test(test_scroll__keeps_cursor_visible_both_ways),
		cmocka_unit_test(test_scroll__backspace_at_end_pulls_hidden_text_back),
		cmocka_unit_test(test_scroll__wide_character_under_cursor_fully_visible),
		cmocka_unit_test(test_random_keys__never_corrupt),
	};

	return cmocka_run_group_tests_name("lineedit", tests, NULL, NULL);
}
