/* Drawing helpers shared by the screens: the table of colour roles, text cut
 * by display width after control characters are stripped, and lines that
 * honour [ui] ascii. */
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

int ui_text(struct ui *u, int y, int x, int cols, enum ui_role role,
	    const char *text)
{
	char buf[512];
	size_t n, fit;
	int w;

	if (cols <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + cols > COLS)
		cols = COLS - x;
	/* A cut here may split a character; strip then drops the broken tail. */
	n = strlen(text);
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

void ui_set_cursor(struct ui *u, int y, int x)
{
	u->cur_y = y;
	u->cur_x = x;
}
