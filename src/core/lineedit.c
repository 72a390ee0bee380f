/* The text-field model behind every input box of the interview: what the
 * officer types goes through here, so the rules are strict and simple.
 * The text is always well-formed UTF-8 with no control character (other
 * than '\n' in a multi-line field), never longer than max bytes, and the
 * cursor is always on a character boundary. Nothing here draws.
 *
 * Rules, decided once so that ui/ and the tests agree:
 * - Left/right move one code point. A combining mark typed after a letter
 *   is a code point of its own, so it takes one extra key press to cross;
 *   that is predictable and never splits a byte sequence.
 * - Words are runs of characters other than ' ' and '\n'. word_left goes to
 *   the start of the word the cursor is in (or the previous word when it is
 *   already at a start); word_right goes to the end of the word the cursor
 *   is in (or of the next word when it is already at an end).
 * - Home/End/kill_line act on the logical line (between '\n's), not on the
 *   row the line is wrapped into: the same key always does the same thing,
 *   whatever the width of the terminal.
 * - Layout: see next_row(). goal_col is SIZE_MAX ("none") after anything
 *   but up/down, because a column only means something for a given width;
 *   the first up/down takes the cursor's column and later ones keep it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/err.h"
#include "dorn/lineedit.h"
#include "dorn/text.h"

#define NO_GOAL ((size_t)-1)

/* After a failed init text may be NULL; reading through here keeps every
 * function safe on such a field (it is then simply empty). */
static const char *txt(const struct dorn_le *e)
{
	return e->text ? e->text : "";
}

static int is_sep(char c)
{
	return c == ' ' || c == '\n';
}

/* Strip and cut a copy of text; the new buffer replaces the old one only
 * once it is complete, so a failure leaves the field as it was. */
static int replace(struct dorn_le *e, const char *text)
{
	size_t n, len, cut, next;
	char *p, *q;

	if (!text)
		text = "";
	n = strlen(text);
	p = malloc(n + 1);
	if (!p)
		return DORN_ENOMEM;
	memcpy(p, text, n + 1);
	len = dorn_text_strip(p, e->multiline ? DORN_TEXT_KEEP_NEWLINE : 0);
	/* The stripped text is well-formed, so stepping by dorn_utf8_next
	 * finds the last whole character that fits in max. */
	cut = 0;
	while (cut < len) {
		next = dorn_utf8_next(p, len, cut);
		if (next > e->max)
			break;
		cut = next;
	}
	p[cut] = '\0';
	/* A long paste cut to a small max should not keep its size. */
	q = realloc(p, cut + 1);
	if (q)
		p = q;
	free(e->text);
	e->text = p;
	e->len = cut;
	e->cap = cut + 1;
	e->cur = cut;
	e->goal_col = NO_GOAL;
	return 0;
}

int dorn_le_init(struct dorn_le *e, const char *text, size_t max, int multiline)
{
	memset(e, 0, sizeof *e);
	e->max = max;
	e->multiline = multiline ? 1 : 0;
	e->goal_col = NO_GOAL;
	return replace(e, text);
}

void dorn_le_fini(struct dorn_le *e)
{
	if (!e)
		return;
	free(e->text);
	memset(e, 0, sizeof *e);
}

int dorn_le_set(struct dorn_le *e, const char *text)
{
	return replace(e, text);
}

/* Room for extra more bytes plus the NUL. Never more than max + 1 bytes
 * are needed, so small fields stay small. */
static int reserve(struct dorn_le *e, size_t extra)
{
	size_t need = e->len + extra + 1, cap;
	char *p;

	if (e->text && need <= e->cap)
		return 0;
	cap = e->cap ? e->cap : 32;
	while (cap < need) {
		if (cap > (size_t)-1 / 2)
			return DORN_ENOMEM;
		cap *= 2;
	}
	if (e->max < (size_t)-1 && cap > e->max + 1)
		cap = e->max + 1 > need ? e->max + 1 : need;
	p = realloc(e->text, cap);
	if (!p)
		return DORN_ENOMEM;
	if (!e->text)
		p[0] = '\0';
	e->text = p;
	e->cap = cap;
	return 0;
}

/* The same characters dorn_text_strip removes, so what can be typed is
 * exactly what init/set keep. */
static int refused(const struct dorn_le *e, uint32_t cp)
{
	if (cp == '\n')
		return !e->multiline;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 1;
	return (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF;
}

int dorn_le_insert(struct dorn_le *e, uint32_t cp)
{
	char enc[4];
	size_t n;

	if (cp == '\t')
		cp = ' ';
	if (refused(e, cp))
		return DORN_EDATA;
	n = dorn_utf8_encode(cp, enc);
	if (e->len > e->max || n > e->max - e->len)
		return DORN_EDATA;
	if (reserve(e, n))
		return DORN_ENOMEM;
	memmove(e->text + e->cur + n, e->text + e->cur, e->len - e->cur + 1);
	memcpy(e->text + e->cur, enc, n);
	e->len += n;
	e->cur += n;
	e->goal_col = NO_GOAL;
	return 0;
}

/* Remove [from, to) and leave the cursor at from. */
static void cut_range(struct dorn_le *e, size_t from, size_t to)
{
	if (from >= to)
		return;
	memmove(e->text + from, e->text + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

void dorn_le_backspace(struct dorn_le *e)
{
	e->goal_col = NO_GOAL;
	if (e->cur == 0)
		return;
	cut_range(e, dorn_utf8_prev(e->text, e->cur), e->cur);
}

void dorn_le_delete(struct dorn_le *e)
{
	size_t at = e->cur;

	e->goal_col = NO_GOAL;
	if (at >= e->len)
		return;
	cut_range(e, at, dorn_utf8_next(e->text, e->len, at));
}

void dorn_le_left(struct dorn_le *e)
{
	e->goal_col = NO_GOAL;
	if (e->cur > 0)
		e->cur = dorn_utf8_prev(txt(e), e->cur);
}

void dorn_le_right(struct dorn_le *e)
{
	e->goal_col = NO_GOAL;
	if (e->cur < e->len)
		e->cur = dorn_utf8_next(txt(e), e->len, e->cur);
}

/* ' ' and '\n' are single bytes that never occur inside a multibyte
 * sequence, so scanning bytes for them lands on character boundaries. */
void dorn_le_word_left(struct dorn_le *e)
{
	const char *t = txt(e);
	size_t i = e->cur;

	e->goal_col = NO_GOAL;
	while (i > 0 && is_sep(t[i - 1]))
		i--;
	while (i > 0 && !is_sep(t[i - 1]))
		i--;
	e->cur = i;
}

void dorn_le_word_right(struct dorn_le *e)
{
	const char *t = txt(e);
	size_t i = e->cur;

	e->goal_col = NO_GOAL;
	while (i < e->len && is_sep(t[i]))
		i++;
	while (i < e->len && !is_sep(t[i]))
		i++;
	e->cur = i;
}

static size_t line_start(const struct dorn_le *e)
{
	const char *t = txt(e);
	size_t i = e->cur;

	while (i > 0 && t[i - 1] != '\n')
		i--;
	return i;
}

void dorn_le_home(struct dorn_le *e)
{
	e->goal_col = NO_GOAL;
	e->cur = line_start(e);
}

void dorn_le_end(struct dorn_le *e)
{
	const char *t = txt(e);
	size_t i = e->cur;

	e->goal_col = NO_GOAL;
	while (i < e->len && t[i] != '\n')
		i++;
	e->cur = i;
}

/* At the start of a line it does nothing rather than join the line to the
 * one above: Ctrl-U never removes more than the officer can see. */
void dorn_le_kill_line(struct dorn_le *e)
{
	e->goal_col = NO_GOAL;
	cut_range(e, line_start(e), e->cur);
}

/* ---- layout ---- */

struct rowit {
	const char *t;
	size_t n, width;
	size_t s;   /* where the next row starts */
	int done;
};

static void rowit_init(struct rowit *it, const struct dorn_le *e, size_t width)
{
	it->t = txt(e);
	it->n = e->len;
	it->width = width ? width : 1;
	it->s = 0;
	it->done = 0;
}

/* The next row, and where the row after it starts (*next). The rules:
 * 1. '\n' ends a row; the next row starts after it. A logical line that is
 *    empty (or the text after a final '\n') is one empty row.
 * 2. When the rest of the logical line fits in width columns it is the row.
 * 3. Otherwise take the longest prefix that fits (zero-width marks stay
 *    with the character before them; a wide character that would straddle
 *    the edge is left for the next row). If the character after it is a
 *    space, that space "hangs": it belongs to this row (a cursor on it is
 *    in column width) but is outside [start, end) and takes no column, so
 *    the next row starts with the next word.
 * 4. Else break after the last space in the prefix; that space fits and is
 *    part of the row.
 * 5. Else (one word longer than the row) cut at the prefix.
 * Every row's [start, end) fits in width columns, except when width is 1
 * and a wide character is alone on its row (it cannot fit anywhere).
 * Row starts strictly increase, which cursor_pos() relies on. */
static int next_row(struct rowit *it, struct dorn_le_row *row, size_t *next)
{
	const char *t = it->t, *nl;
	size_t s = it->s, le, fit, p;

	if (it->done)
		return 0;
	nl = memchr(t + s, '\n', it->n - s);
	le = nl ? (size_t)(nl - t) : it->n;
	fit = s + dorn_text_fit(t + s, le - s, it->width);
	if (fit == s && s < le) {
		/* Only a wide character in a one-column field gets here: it goes
		 * alone on its row, or the layout would never move on. */
		fit = dorn_utf8_next(t, le, s);
		fit += dorn_text_fit(t + fit, le - fit, 0);
	}
	row->start = s;
	if (fit == le) {
		row->end = le;
		if (le == it->n)
			it->done = 1;
		it->s = le + 1;
		goto out;
	}
	if (t[fit] == ' ') {
		row->end = fit;
		it->s = fit + 1;
		goto out;
	}
	for (p = fit; p > s && t[p - 1] != ' '; p--)
		;
	row->end = p > s ? p : fit;
	it->s = row->end;
out:
	*next = it->done ? (size_t)-1 : it->s;
	return 1;
}

size_t dorn_le_layout(const struct dorn_le *e, size_t width, struct dorn_le_row *rows,
		      size_t max)
{
	struct rowit it;
	struct dorn_le_row row;
	size_t count = 0, next;

	rowit_init(&it, e, width);
	while (next_row(&it, &row, &next)) {
		if (rows && count < max)
			rows[count] = row;
		count++;
	}
	return count;
}

/* The row the cursor is on: the last one starting at or before it. A
 * cursor at a wrap point is thus at the start of the next row; at the very
 * end of the text there is no next row, so it stays at the end of the last
 * one (its column may then equal width: ui/ should lay a field out one
 * column narrower than its box, or draw the cursor in a margin). */
struct where {
	size_t row, col;
	struct dorn_le_row r;
};

static void cursor_pos(const struct dorn_le *e, size_t width, struct where *w)
{
	struct rowit it;
	struct dorn_le_row row;
	size_t index = 0, next;

	rowit_init(&it, e, width);
	memset(w, 0, sizeof *w);
	while (next_row(&it, &row, &next)) {
		if (row.start > e->cur)
			break;
		w->row = index++;
		w->r = row;
	}
	w->col = dorn_text_width(txt(e) + w->r.start, e->cur - w->r.start);
}

void dorn_le_cursor(const struct dorn_le *e, size_t width, size_t *row, size_t *col)
{
	struct where w;

	cursor_pos(e, width, &w);
	if (row)
		*row = w.row;
	if (col)
		*col = w.col;
}

/* Put the cursor on row target at the boundary at or before goal_col. When
 * the row runs straight into the next one (a wrapped row), its end is that
 * next row's start, so the cursor stops one character short of it. */
static void land(struct dorn_le *e, size_t width, size_t target)
{
	struct rowit it;
	struct dorn_le_row row = { 0, 0 };
	size_t index = 0, next = 0, limit;

	rowit_init(&it, e, width);
	while (next_row(&it, &row, &next)) {
		if (index++ == target)
			break;
	}
	limit = row.end;
	if (next == row.end && limit > row.start)
		limit = dorn_utf8_prev(e->text, limit);
	e->cur = row.start + dorn_text_fit(e->text + row.start, limit - row.start, e->goal_col);
}

int dorn_le_up(struct dorn_le *e, size_t width)
{
	struct where w;

	cursor_pos(e, width, &w);
	if (e->goal_col == NO_GOAL)
		e->goal_col = w.col;
	if (w.row == 0)
		return 0;
	land(e, width, w.row - 1);
	return 1;
}

int dorn_le_down(struct dorn_le *e, size_t width)
{
	struct where w;

	cursor_pos(e, width, &w);
	if (e->goal_col == NO_GOAL)
		e->goal_col = w.col;
	if (w.row + 1 >= dorn_le_layout(e, width, NULL, 0))
		return 0;
	land(e, width, w.row + 1);
	return 1;
}

/* The leftmost start from which the text after it, then room more
 * columns, still fit before end; zero-width marks whose base is cut off
 * are not shown first. */
static size_t back_fit(const char *t, size_t len, size_t end, size_t room)
{
	size_t s = end, w = 0, p, cw;
	uint32_t cp;

	while (s > 0) {
		p = dorn_utf8_prev(t, s);
		cw = dorn_text_width(t + p, s - p);
		if (w + cw > room)
			break;
		w += cw;
		s = p;
	}
	while (s < end) {
		dorn_utf8_decode(t + s, len - s, &cp);
		if (dorn_cp_width(cp) != 0)
			break;
		s = dorn_utf8_next(t, len, s);
	}
	return s;
}

/* The cursor must be in columns [0, width-1] of the visible part. When
 * width allows, the whole character under the cursor is kept in view too,
 * so a wide character being edited is never half drawn. prev_start is kept
 * while that holds, else the text scrolls as little as needed; with one
 * exception: no columns are left empty at the right while text is hidden
 * at the left, or backspacing at the end of a long entry would empty the
 * field one character at a time and the officer would type blind. */
size_t dorn_le_scroll(const struct dorn_le *e, size_t width, size_t prev_start)
{
	const char *t = txt(e);
	size_t s, cw, room, fill;
	uint32_t cp;

	if (width == 0)
		width = 1;
	cw = 1;
	if (e->cur < e->len) {
		dorn_utf8_decode(t + e->cur, e->len - e->cur, &cp);
		cw = (size_t)dorn_cp_width(cp);
		if (cw == 0)
			cw = 1;
	}
	room = cw <= width ? width - cw : 0; /* most columns before the cursor */
	s = prev_start;
	if (s > e->len)
		s = e->len;
	/* Text set since the last call may leave s inside a character. */
	while (s > 0 && s < e->len && ((unsigned char)t[s] & 0xC0) == 0x80)
		s--;
	if (s > e->cur)
		s = e->cur;
	else if (dorn_text_width(t + s, e->cur - s) > room)
		s = back_fit(t, e->len, e->cur, room);
	/* The end of the text plus a cell for a cursor there. */
	fill = back_fit(t, e->len, e->len, width - 1);
	return fill < s ? fill : s;
}
