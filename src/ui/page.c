/* A page of text that scrolls: the note preview, a queued note being
 * reviewed and one version of a note all read the same way, so they share
 * this one viewer. Lines break only at '\n'; callers wrap what is not
 * already wrapped (the note itself is, at DORN_NOTE_WIDTH). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/err.h"
#include "ui_priv.h"

int ui_page_init(struct ui_page *p, char *text)
{
	size_t i, n;

	memset(p, 0, sizeof *p);
	if (!text)
		return DORN_ENOMEM;
	p->text = text;
	for (n = 1, i = 0; text[i]; i++)
		n += text[i] == '\n';
	p->starts = calloc(n, sizeof *p->starts);
	if (!p->starts) {
		ui_page_fini(p);
		return DORN_ENOMEM;
	}
	for (p->nlines = 1, i = 0; text[i]; i++)
		if (text[i] == '\n' && text[i + 1])
			p->starts[p->nlines++] = i + 1;
	return 0;
}

void ui_page_fini(struct ui_page *p)
{
	if (!p)
		return;
	free(p->text);
	free(p->starts);
	memset(p, 0, sizeof *p);
}

/* Rows of text shown: a page longer than the screen keeps its last row
 * for where the reader is, so that line never covers the text. */
static int text_rows(const struct ui_page *p, int rows)
{
	return rows > 1 && p->nlines > (size_t)rows ? rows - 1 : rows;
}

static size_t max_top(const struct ui_page *p, int rows)
{
	int r = text_rows(p, rows);

	return r > 0 && p->nlines > (size_t)r ? p->nlines - (size_t)r : 0;
}

void ui_page_draw(struct ui *u, struct ui_page *p, int y, int rows)
{
	char buf[1024];
	size_t i, len;
	int r, shown = text_rows(p, rows);

	if (p->top > max_top(p, rows))
		p->top = max_top(p, rows);
	for (r = 0, i = p->top; r < shown && i < p->nlines; r++, i++) {
		len = strcspn(p->text + p->starts[i], "\n");
		if (len >= sizeof buf)
			len = sizeof buf - 1;
		memcpy(buf, p->text + p->starts[i], len);
		buf[len] = '\0';
		ui_text(u, y + r, 1, COLS - 2, UI_ROLE_NORMAL, buf);
	}
	if (shown == rows)
		return;
	/* In words, not only by a scroll bar nobody can see without colour. */
	snprintf(buf, sizeof buf, "-- lines %zu to %zu of %zu%s --", p->top + 1, i, p->nlines,
		 i < p->nlines ? ": PgDn for more" : ", the end");
	ui_text(u, y + rows - 1, 1, COLS - 2, UI_ROLE_MESSAGE, buf);
}

int ui_page_key(struct ui_page *p, enum ui_action act, int rows)
{
	int shown = text_rows(p, rows);
	size_t page = shown > 1 ? (size_t)shown - 1 : 1;
	size_t last = max_top(p, rows);

	switch (act) {
	case UI_ACT_UP:
		p->top -= p->top > 0;
		break;
	case UI_ACT_DOWN:
		p->top += p->top < last;
		break;
	case UI_ACT_PGUP:
		p->top = p->top > page ? p->top - page : 0;
		break;
	case UI_ACT_PGDN:
		p->top = p->top + page < last ? p->top + page : last;
		break;
	case UI_ACT_TOP:
		p->top = 0;
		break;
	case UI_ACT_BOTTOM:
		p->top = last;
		break;
	default:
		return UI_RES_UNUSED;
	}
	return UI_RES_NONE;
}
