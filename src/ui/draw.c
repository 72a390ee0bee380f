/* Drawing helpers shared by the screens: the table of colour roles, text cut
 * by display width after control characters are stripped, and lines that
 * honour [ui] ascii. */
#include <stdio.h>
#include <string.h>

#include "dorn/text.h"
#include "ui_priv.h"

/* fg/bg -1 is the terminal's own colour (use_default_colors). Monochrome
 * attributes are used without colour, so every role still stands out;
 * state is also always written as a word, never shown by colour alone. */
static const struct role_def {
	short fg, bg;
	attr_t colour_attr;
	attr_t mono_attr;
} roles[UI_ROLE_COUNT] = {
	[UI_ROLE_NORMAL]   = { -1, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_TITLE]    = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[UI_ROLE_HEADER]   = { -1, -1, A_BOLD, A_BOLD },
	[UI_ROLE_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[UI_ROLE_URGENT]   = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[UI_ROLE_MESSAGE]  = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[UI_ROLE_FOOTER]   = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[UI_ROLE_FIELD]    = { -1, -1, A_UNDERLINE, A_UNDERLINE },
	[UI_ROLE_ERROR]    = { COLOR_RED, -1, A_BOLD, A_BOLD },
};

/* Each symbol is one column wide in both forms, so layouts do not move
 * when [ui] ascii changes. */
static const struct {
	const char *utf8, *ascii;
} syms[UI_SYM_COUNT] = {
	[UI_SYM_FOCUS]     = { "\u25b8", ">" },
	[UI_SYM_RADIO_ON]  = { "(\u2022)", "(*)" },
	[UI_SYM_RADIO_OFF] = { "( )", "( )" },
	[UI_SYM_CHECK_ON]  = { "[x]", "[x]" },
	[UI_SYM_CHECK_OFF] = { "[ ]", "[ ]" },
	[UI_SYM_NEW]       = { "\u00b7", "-" },
	[UI_SYM_TODO]      = { "\u2026", "~" },
	[UI_SYM_DONE]      = { "\u2713", "+" },
	[UI_SYM_FIX]       = { "!", "!" },
	[UI_SYM_ERROR]     = { "\u2717", "x" },
	[UI_SYM_MORE]      = { "\u2026", "~" },
};

void ui_colours_init(struct ui *u)
{
	int i, defaults;
	short fg, bg;

	for (i = 0; i < UI_ROLE_COUNT; i++)
		u->attr[i] = roles[i].mono_attr;
	if (!u->colour)
		return;
	if (start_color() == ERR) {
		u->colour = 0;
		return;
	}
	defaults = use_default_colors() == OK;
	for (i = 0; i < UI_ROLE_COUNT; i++) {
		fg = roles[i].fg;
		bg = roles[i].bg;
		if (fg < 0 && bg < 0) {
			u->attr[i] = roles[i].colour_attr;
			continue;
		}
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		if (i >= COLOR_PAIRS || init_pair((short)i, fg, bg) == ERR) {
			u->attr[i] = roles[i].mono_attr;
			continue;
		}
		u->attr[i] = COLOR_PAIR(i) | roles[i].colour_attr;
	}
}

const char *ui_sym(const struct ui *u, enum ui_sym s)
{
	return u->ascii ? syms[s].ascii : syms[s].utf8;
}

/* As ui_text, for the first n bytes of text. */
static int text_n(struct ui *u, int y, int x, int cols, enum ui_role role,
		  const char *text, size_t n)
{
	char buf[1024];
	size_t fit;
	int w;

	if (cols <= 0 || y < 0 || y >= LINES || x >= COLS || x < 0)
		return 0;
	if (x + cols > COLS)
		cols = COLS - x;
	/* A cut here may split a character; strip then drops the broken tail. */
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	n = dorn_text_strip(buf, 0);
	fit = dorn_text_fit(buf, n, (size_t)cols);
	w = (int)dorn_text_width(buf, fit);
	attrset(u->attr[role]);
	mvaddnstr(y, x, buf, (int)fit);
	attrset(u->attr[UI_ROLE_NORMAL]);
	return w;
}

int ui_text(struct ui *u, int y, int x, int cols, enum ui_role role,
	    const char *text)
{
	return text_n(u, y, x, cols, role, text, strlen(text));
}

size_t ui_wrap(const char *s, size_t width, struct ui_span *out, size_t max)
{
	size_t pos = 0, len = strlen(s), rows = 0, line, fit, cut;

	if (width == 0)
		width = 1;
	for (;;) {
		line = strcspn(s + pos, "\n");
		fit = dorn_text_fit(s + pos, line, width);
		cut = fit;
		if (fit < line) {
			/* Break after the last space that fits, when there is one. */
			while (cut > 0 && s[pos + cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit ? fit : dorn_utf8_next(s + pos, line, 0);
		}
		if (rows < max) {
			out[rows].start = pos;
			out[rows].len = cut;
		}
		rows++;
		pos += cut;
		if (cut < line) {
			while (s[pos] == ' ')
				pos++;
			continue;
		}
		if (pos >= len)
			break;
		pos++; /* the '\n' */
	}
	return rows;
}

int ui_text_wrapped(struct ui *u, int y, int x, int cols, int rows, enum ui_role role,
		    const char *s)
{
	struct ui_span sp[64];
	size_t n, i;

	if (cols <= 0 || rows <= 0)
		return 0;
	n = ui_wrap(s, (size_t)cols, sp, 64);
	if (n > 64)
		n = 64;
	for (i = 0; i < n && (int)i < rows; i++)
		text_n(u, y + (int)i, x, cols, role, s + sp[i].start, sp[i].len);
	return (int)i;
}

void ui_fill_row(struct ui *u, int y, enum ui_role role)
{
	if (y < 0 || y >= LINES)
		return;
	attrset(u->attr[role]);
	mvhline(y, 0, ' ', COLS);
	attrset(u->attr[UI_ROLE_NORMAL]);
}

void ui_hline(struct ui *u, int y, int x, int cols)
{
	if (y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	mvhline(y, x, u->ascii ? '-' : ACS_HLINE, cols);
}

void ui_vline(struct ui *u, int y, int x, int rows)
{
	if (x < 0 || x >= COLS || y < 0)
		return;
	if (y + rows > LINES)
		rows = LINES - y;
	mvvline(y, x, u->ascii ? '|' : ACS_VLINE, rows);
}

void ui_set_cursor(struct ui *u, int y, int x)
{
	u->cur_y = y;
	u->cur_x = x;
}

/* Text in a cell w wide, cut by display width with a marker when it does
 * not fit (or when the store already cut it: cut is set). */
void ui_cell(struct ui *u, int y, int x, int w, enum ui_role role, const char *text,
		 int cut)
{
	char buf[256];
	const char *more = ui_sym(u, UI_SYM_MORE);
	size_t n, fit;

	if (w <= 0)
		return;
	n = (size_t)snprintf(buf, sizeof buf, "%s", text);
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	n = dorn_text_strip(buf, 0);
	if (!cut && dorn_text_width(buf, n) <= (size_t)w) {
		ui_text(u, y, x, w, role, buf);
		return;
	}
	fit = dorn_text_fit(buf, n, (size_t)w - 1);
	while (fit > 0 && buf[fit - 1] == ' ')
		fit--;
	snprintf(buf + fit, sizeof buf - fit, "%s", more);
	ui_text(u, y, x, w, role, buf);
}

/* The question, wrapped over as many rows as it takes above the footer
 * (a decision's question is read in full before y), the cursor after it. */
void ui_question_draw(struct ui *u, const char *q)
{
	struct ui_span sp[4];
	size_t n = ui_wrap(q, (size_t)COLS - 2, sp, 4), k;
	int y, x;

	if (n > 4)
		n = 4;
	for (k = 0; k < n; k++)
		ui_fill_row(u, LINES - 1 - (int)n + (int)k, UI_ROLE_NORMAL);
	y = LINES - 1 - (int)n;
	ui_text_wrapped(u, y, 1, COLS - 2, (int)n, UI_ROLE_MESSAGE, q);
	x = 1 + (int)dorn_text_width(q + sp[n - 1].start, sp[n - 1].len);
	ui_set_cursor(u, y + (int)n - 1, x > COLS - 1 ? COLS - 1 : x);
}
