/* The help screen, generated from the key table so it lists exactly the keys
 * dorn acts on; it scrolls when the table is longer than the screen. The
 * groups of keys for the screen it was opened from come first, marked
 * "(this screen)"; every other group follows, so every key is listed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/err.h"
#include "ui_priv.h"

struct help {
	size_t top;    /* first line shown */
	unsigned from; /* the where bits of the screen help was opened from */
};

#define GROUPS_MAX 32

/* A group is the screen's own when one of its rows works there and none
 * works on every screen ("Moving" and "Everywhere" are everybody's). */
static int group_here(const struct ui_binding *b, size_t nb, const char *group,
		      unsigned from)
{
	size_t i;
	int here = 0;

	for (i = 0; i < nb; i++) {
		if (strcmp(b[i].group, group))
			continue;
		if (b[i].where == UI_IN_ALL)
			return 0;
		if (b[i].where & from)
			here = 1;
	}
	return here;
}

/* The groups in the order help shows them: the screen's own first, then
 * every other, each in the order of the key table. Returns how many. */
static size_t help_groups(unsigned from, const char *out[], int own[], size_t max)
{
	const struct ui_binding *b;
	size_t nb, i, j, n = 0;
	int pass, here;

	b = ui_bindings(&nb);
	for (pass = 1; pass >= 0; pass--) {
		for (i = 0; i < nb && n < max; i++) {
			for (j = 0; j < i && strcmp(b[j].group, b[i].group); j++)
				;
			if (j < i)
				continue; /* seen */
			here = group_here(b, nb, b[i].group, from);
			if (here != pass)
				continue;
			own[n] = here;
			out[n++] = b[i].group;
		}
	}
	return n;
}

/* Line idx of the help text: group headings, one line per binding, a blank
 * between groups. Returns 0 past the end. */
static int help_line(const struct help *h, size_t idx, char *buf, size_t n, int *heading)
{
	const struct ui_binding *b = NULL;
	const char *groups[GROUPS_MAX];
	int own[GROUPS_MAX];
	size_t nb, ng, g, i, w = 0, line = 0;

	b = ui_bindings(&nb);
	ng = help_groups(h->from, groups, own, GROUPS_MAX);
	for (i = 0; i < nb; i++)
		if (strlen(b[i].label) > w)
			w = strlen(b[i].label);
	for (g = 0; g < ng; g++) {
		if (g && line++ == idx) {
			*heading = 0;
			buf[0] = '\0';
			return 1;
		}
		if (line++ == idx) {
			*heading = 1;
			snprintf(buf, n, "%s%s", groups[g], own[g] ? " (this screen)" : "");
			return 1;
		}
		for (i = 0; i < nb; i++) {
			if (strcmp(b[i].group, groups[g]))
				continue;
			if (line++ == idx) {
				*heading = 0;
				snprintf(buf, n, "  %-*s  %s", (int)w, b[i].label, b[i].doc);
				return 1;
			}
		}
	}
	return 0;
}

static size_t help_lines(const struct help *h)
{
	char buf[8];
	size_t n = 0;
	int heading;

	while (help_line(h, n, buf, sizeof buf, &heading))
		n++;
	return n;
}

static size_t max_top(const struct ui *u, const struct help *h)
{
	size_t n = help_lines(h);

	return u->body_rows > 0 && n > (size_t)u->body_rows ?
		       n - (size_t)u->body_rows : 0;
}

static void help_draw(struct ui *u, void *st)
{
	struct help *h = st;
	char buf[256];
	size_t i;
	int y, heading, rows;

	if (h->top > max_top(u, h))
		h->top = max_top(u, h);
	/* The last row says there is more, so no key line hides under it. */
	rows = h->top < max_top(u, h) ? u->body_rows - 1 : u->body_rows;
	for (y = 0, i = h->top; y < rows; y++, i++) {
		if (!help_line(h, i, buf, sizeof buf, &heading))
			break;
		ui_text(u, u->body_top + y, 1, COLS - 1,
			heading ? UI_ROLE_HEADER : UI_ROLE_NORMAL, buf);
	}
	if (h->top < max_top(u, h))
		ui_text(u, u->body_top + u->body_rows - 1, 1, COLS - 1,
			UI_ROLE_MESSAGE, "-- more below: Down or PgDn --");
	ui_set_cursor(u, u->body_top, 1);
}

static int help_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct help *h = st;
	size_t page = u->body_rows > 1 ? (size_t)u->body_rows - 1 : 1;
	size_t last = max_top(u, h);

	(void)key;
	switch (act) {
	case UI_ACT_BACK:
		return UI_RES_BACK;
	case UI_ACT_QUIT:
		return UI_RES_QUIT;
	case UI_ACT_UP:
		h->top -= h->top > 0;
		break;
	case UI_ACT_DOWN:
		h->top += h->top < last;
		break;
	case UI_ACT_PGUP:
		h->top = h->top > page ? h->top - page : 0;
		break;
	case UI_ACT_PGDN:
		h->top = h->top + page < last ? h->top + page : last;
		break;
	case UI_ACT_TOP:
		h->top = 0;
		break;
	case UI_ACT_BOTTOM:
		h->top = last;
		break;
	case UI_ACT_HELP:
		break;
	default:
		return UI_RES_UNUSED;
	}
	return UI_RES_NONE;
}

static void help_fini(void *st)
{
	free(st);
}

static const struct ui_screen help_screen = {
	.title = "Help: keys",
	.where = UI_IN_HELP,
	.draw = help_draw,
	.key = help_key,
	.fini = help_fini,
};

int ui_help_open(struct ui *u)
{
	struct help *h = calloc(1, sizeof *h);
	int rc;

	if (!h)
		return DORN_ENOMEM;
	/* Help starts with the keys of the screen it was opened from. Not
	 * with "Typing text" when a text field has the focus: those keys are
	 * the same in every field, and the screen's own come first. */
	if (u->depth)
		h->from = ui_mode(&u->stack[u->depth - 1]) & ~(unsigned)UI_IN_TEXT;
	rc = ui_push(u, &help_screen, h);
	if (rc)
		free(h);
	return rc;
}
