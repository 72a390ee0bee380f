/* One-line text fields of the small dialogs (export, erase): a label and
 * a field drawn on one row, and the keys that edit it. The editing rules
 * are the line editor's (core/lineedit.c); this only draws and maps keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/lineedit.h"
#include "dorn/text.h"
#include "ui_priv.h"

void ui_line_draw(struct ui *u, const struct dorn_le *e, int y, const char *label,
		  int label_w, int focused)
{
	int fx = 2 + label_w, w = COLS - fx - 2;
	size_t start, fit;
	char *buf;

	if (w < 1)
		return;
	if (focused)
		ui_text(u, y, 0, 2, UI_ROLE_HEADER, ui_sym(u, UI_SYM_FOCUS));
	ui_text(u, y, 2, label_w, focused ? UI_ROLE_HEADER : UI_ROLE_NORMAL, label);
	start = dorn_le_scroll(e, (size_t)w - 1, 0);
	attrset(u->attr[UI_ROLE_FIELD]);
	mvhline(y, fx, ' ', w);
	attrset(u->attr[UI_ROLE_NORMAL]);
	fit = dorn_text_fit(e->text + start, e->len - start, (size_t)w);
	buf = malloc(fit + 1);
	if (buf) {
		memcpy(buf, e->text + start, fit);
		buf[fit] = '\0';
		ui_text(u, y, fx, w, UI_ROLE_FIELD, buf);
		free(buf);
	}
	if (focused)
		ui_set_cursor(u, y, fx + (int)dorn_text_width(e->text + start, e->cur - start));
}

int ui_line_key(struct ui *u, struct dorn_le *e, enum ui_action act, int key)
{
	switch (act) {
	case UI_ACT_NONE:
		if (!UI_IS_TEXT_KEY(key))
			return UI_RES_UNUSED;
		if (dorn_le_insert(e, (uint32_t)key))
			ui_message(u, "This field is full.");
		break;
	case UI_ACT_BACKSPACE:
		dorn_le_backspace(e);
		break;
	case UI_ACT_DELETE:
		dorn_le_delete(e);
		break;
	case UI_ACT_KILL:
		dorn_le_kill_line(e);
		break;
	case UI_ACT_LEFT:
		dorn_le_left(e);
		break;
	case UI_ACT_RIGHT:
		dorn_le_right(e);
		break;
	case UI_ACT_TOP:
		dorn_le_home(e);
		break;
	case UI_ACT_BOTTOM:
		dorn_le_end(e);
		break;
	case UI_ACT_WORD_LEFT:
		dorn_le_word_left(e);
		break;
	case UI_ACT_WORD_RIGHT:
		dorn_le_word_right(e);
		break;
	default:
		return UI_RES_UNUSED;
	}
	return UI_RES_NONE;
}

void ui_line_text(const struct dorn_le *e, char *out, size_t n)
{
	const char *text = e->text + strspn(e->text, " ");
	size_t len;

	snprintf(out, n, "%s", text);
	for (len = strlen(out); len > 0 && out[len - 1] == ' '; len--)
		out[len - 1] = '\0';
}
