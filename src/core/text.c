/* UTF-8 text helpers: strict validation, control-character stripping and
 * terminal display width. Everything here is table-driven and independent
 * of the locale: the width table is wcwidth() of glibc in C.UTF-8, taken
 * once and committed, so a screen is laid out the same on every machine
 * and agrees with where ncurses puts the characters. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dorn/text.h"

#define REPLACEMENT 0xFFFDu

struct range {
	uint32_t lo, hi;
};

/* The ranges of width 0 and 2, generated from the C library's wcwidth()
 * (scripts/gen-width.c): ncurses places characters by wcwidth(), so dorn
 * must count columns the same way, but may not consult the locale. */
#include "width_table.h"

static int in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (n == 0 || cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

/* Length of the well-formed sequence at s, or 0 when it is malformed.
 * The second-byte limits are what rule out overlongs (E0, F0), surrogates
 * (ED) and code points above U+10FFFF (F4). */
static size_t decode1(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char b = s[0], lo = 0x80, hi = 0xBF;
	size_t len;
	uint32_t c;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		len = 2;
		c = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		len = 3;
		c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		len = 4;
		c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if (i > 1 && (s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return len;
}

int dorn_utf8_valid(const char *s, size_t n, size_t *bad_at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		len = decode1(p + i, n - i, &cp);
		if (len == 0) {
			if (bad_at)
				*bad_at = i;
			return 0;
		}
		i += len;
	}
	if (bad_at)
		*bad_at = n;
	return 1;
}

size_t dorn_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	size_t len;

	if (n == 0)
		return 0;
	len = decode1((const unsigned char *)s, n, cp);
	if (len == 0) {
		*cp = REPLACEMENT;
		len = 1;
	}
	return len;
}

size_t dorn_utf8_encode(uint32_t cp, char out[4])
{
	unsigned char *o = (unsigned char *)out;

	/* Surrogates and out-of-range values cannot be encoded; writing
	 * U+FFFD keeps the output well-formed whatever the caller passed. */
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t dorn_utf8_next(const char *s, size_t n, size_t pos)
{
	uint32_t cp;

	if (pos >= n)
		return n;
	return pos + dorn_utf8_decode(s + pos, n - pos, &cp);
}

/* Agrees with dorn_utf8_next: a malformed byte is a character of its own,
 * so stepping back and forth over bad input never skips or repeats. */
size_t dorn_utf8_prev(const char *s, size_t pos)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = pos, back = 0;
	uint32_t cp;

	if (pos == 0)
		return 0;
	while (start > 0 && back < 4) {
		start--;
		back++;
		if ((p[start] & 0xC0) != 0x80)
			break;
	}
	if (decode1(p + start, pos - start, &cp) == pos - start)
		return start;
	return pos - 1;
}

enum action { KEEP, DROP, SPACE };

/* What dorn_text_strip does with one character (len is 0 when it is
 * malformed). '\r' is always dropped, which is what folds "\r\n" to "\n"
 * and removes a lone '\r'. */
static enum action classify(size_t len, uint32_t cp, int flags)
{
	if (len == 0)
		return DROP;
	if (cp == '\t')
		return SPACE;
	/* In one-line text a line break becomes a space, so pasted words do
	 * not run together. */
	if (cp == '\n')
		return (flags & DORN_TEXT_KEEP_NEWLINE) ? KEEP : SPACE;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return DROP;
	/* Bidi embeddings, overrides and isolates can make text on a screen
	 * or in a PDF read differently from what is stored. */
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return DROP;
	return KEEP;
}

size_t dorn_text_strip(char *s, int flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), r = 0, w = 0, len;
	uint32_t cp = 0;

	while (r < n) {
		len = decode1(p + r, n - r, &cp);
		switch (classify(len, cp, flags)) {
		case KEEP:
			memmove(s + w, s + r, len);
			w += len;
			break;
		case SPACE:
			s[w++] = ' ';
			break;
		case DROP:
			break;
		}
		r += len ? len : 1;
	}
	s[w] = '\0';
	return w;
}

size_t dorn_text_mask(char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), r = 0, w = 0, len;
	uint32_t cp = 0;

	while (r < n) {
		len = decode1(p + r, n - r, &cp);
		if (len == 0) {
			s[w++] = '?';
			r++;
			continue;
		}
		if (cp == '\t' || cp == '\n' || cp == '\r') {
			s[w++] = ' ';
		} else if (classify(len, cp, 0) == KEEP) {
			memmove(s + w, s + r, len);
			w += len;
		} else {
			s[w++] = '?';
		}
		r += len;
	}
	s[w] = '\0';
	return w;
}

int dorn_text_has_control(const char *s, int flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), r = 0, len;
	uint32_t cp = 0;

	while (r < n) {
		len = decode1(p + r, n - r, &cp);
		if (classify(len, cp, flags) != KEEP)
			return 1;
		r += len ? len : 1;
	}
	return 0;
}

size_t dorn_text_find_control(const char *s, size_t n, int flags, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t r = 0, len;
	uint32_t c = 0;

	while (r < n) {
		len = decode1(p + r, n - r, &c);
		if (classify(len, c, flags) != KEEP) {
			if (cp)
				*cp = len ? c : REPLACEMENT;
			return r;
		}
		r += len;
	}
	return n;
}

/* Controls are 0 (wcwidth() says -1; dorn strips them before display and
 * callers add up widths). Surrogates and values above U+10FFFF are 1, like
 * the U+FFFD they are shown as; so is anything else wcwidth() calls -1
 * (unassigned, noncharacters), because ncurses gives it one cell. */
int dorn_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 0;
	if (cp < 0x7F)
		return 1;
	if (in_table(cp, width0, sizeof width0 / sizeof width0[0]))
		return 0;
	if (in_table(cp, width2, sizeof width2 / sizeof width2[0]))
		return 2;
	return 1;
}

size_t dorn_text_width(const char *s, size_t n)
{
	size_t i = 0, w = 0;
	uint32_t cp;

	while (i < n) {
		/* Printable ASCII, most of any note, is one column a byte. */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			i++;
			w++;
			continue;
		}
		i += dorn_utf8_decode(s + i, n - i, &cp);
		w += (size_t)dorn_cp_width(cp);
	}
	return w;
}

size_t dorn_text_fit(const char *s, size_t n, size_t cols)
{
	size_t i = 0, w = 0, len, cw;
	uint32_t cp;

	while (i < n) {
		len = dorn_utf8_decode(s + i, n - i, &cp);
		cw = (size_t)dorn_cp_width(cp);
		if (cw > cols - w)
			break;
		w += cw;
		i += len;
	}
	return i;
}

size_t dorn_utf8_len(const char *s, size_t n)
{
	size_t i = 0, count = 0;
	uint32_t cp;

	while (i < n) {
		i += dorn_utf8_decode(s + i, n - i, &cp);
		count++;
	}
	return count;
}

/* Letters unicode61's remove_diacritics leaves alone, with what a person
 * typing without them writes instead. Sorted by code point. */
static const struct {
	uint32_t cp;
	const char *as;
} folds[] = {
	{ 0x00C6, "AE" }, { 0x00D0, "D" },  { 0x00D8, "O" },  { 0x00DE, "TH" },
	{ 0x00DF, "ss" }, { 0x00E6, "ae" }, { 0x00F0, "d" },  { 0x00F8, "o" },
	{ 0x00FE, "th" }, { 0x0110, "D" },  { 0x0111, "d" },  { 0x0126, "H" },
	{ 0x0127, "h" },  { 0x0131, "i" },  { 0x0141, "L" },  { 0x0142, "l" },
	{ 0x0152, "OE" }, { 0x0153, "oe" }, { 0x0166, "T" },  { 0x0167, "t" },
};

char *dorn_text_fold(const char *s, char *out)
{
	size_t n = strlen(s), i = 0, w = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = dorn_utf8_decode(s + i, n - i, &cp), lo = 0,
		       hi = sizeof folds / sizeof folds[0];
		const char *as = NULL;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (folds[mid].cp == cp) {
				as = folds[mid].as;
				break;
			}
			if (folds[mid].cp < cp)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* Every replacement is at most as long as its two-byte letter. */
		if (as && strlen(as) <= len) {
			memcpy(out + w, as, strlen(as));
			w += strlen(as);
		} else {
			memcpy(out + w, s + i, len);
			w += len;
		}
		i += len;
	}
	out[w] = '\0';
	return out;
}
