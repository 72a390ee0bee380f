/* Today: the worklist (agenda.h), most urgent first, one duty a line: its
 * day (with its year when not this year's), its kind as a word (OVERDUE
 * for a victim not told in time, so it never rests on colour), the URN
 * and what to do; the highlighted duty's
 * text is written out whole below the list. Enter opens what the duty
 * needs: the note to review, the export dialog, or the case (at its
 * Review step for a returned note). Esc goes back. The list is read again
 * each time the screen comes back into view, since what was done there
 * changes it; each reading is one consult row in the audit log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/agenda.h"
#include "dorn/app.h"
#include "dorn/err.h"
#include "dorn/record.h"
#include "dorn/rules.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "ui_priv.h"

#define DETAIL_ROWS 2 /* the highlighted duty's whole text */

struct today {
	struct dorn_agenda a;
	size_t sel, top;
	int stale;        /* read again before drawing */
	char failed[DORN_ERR_MSG + 64];
};

enum col_id { COL_DATE, COL_KIND, COL_URN, COL_WHAT, COL_COUNT };

/* Date, kind and URN fixed; what to do takes the rest of the width. */
static const struct column {
	const char *title;
	int width;
} columns[COL_COUNT] = {
	[COL_DATE] = { "Date", 10 },
	[COL_KIND] = { "Kind", DORN_DUTY_LABEL_MAX },
	[COL_URN] = { "URN", 16 },
	[COL_WHAT] = { "What to do", 0 },
};

static int list_rows(const struct ui *u)
{
	/* the column titles and their rule; a blank and the detail below */
	return u->body_rows - 2 - 1 - DETAIL_ROWS;
}

static void reload(struct ui *u, struct today *t)
{
	struct dorn_err err = { 0 };

	dorn_agenda_fini(&t->a);
	t->failed[0] = '\0';
	t->stale = 0;
	if (dorn_app_agenda(u->app, 0, &t->a, &err) ||
	    dorn_app_agenda_consult(u->app, &t->a, &err)) {
		snprintf(t->failed, sizeof t->failed, "The worklist could not be read: %s",
			 err.msg);
		dorn_agenda_fini(&t->a);
	}
	if (t->sel >= t->a.n)
		t->sel = t->a.n ? t->a.n - 1 : 0;
}

/* "Mon 7 Dec" this year; a day of another year "07/12/2026", in the same
 * ten columns, so a duty a year old never reads as this week's; or "no
 * date". */
static void day_text(long day, long today, char *out, size_t n)
{
	struct dorn_date d, now;
	char uk[11];

	if (day < 0) {
		snprintf(out, n, "no date");
		return;
	}
	dorn_date_from_days(day, &d);
	dorn_date_from_days(today, &now);
	if (d.y != now.y) {
		dorn_date_uk(&d, uk);
		snprintf(out, n, "%s", uk);
		return;
	}
	dorn_date_words(&d, 0, 0, out, n);
}

static void draw_row(struct ui *u, struct today *t, size_t i, int y)
{
	const struct dorn_duty *d = &t->a.v[i];
	enum ui_role role = i == t->sel ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
	char date[32], urn[18];
	const char *cell[COL_COUNT];
	int c, x = 0, w;

	day_text(d->day, t->a.today, date, sizeof date);
	dorn_urn_display(d->urn, urn);
	cell[COL_DATE] = date;
	cell[COL_KIND] = dorn_duty_label(d->kind);
	cell[COL_URN] = urn;
	cell[COL_WHAT] = d->text;
	if (role != UI_ROLE_NORMAL)
		ui_fill_row(u, y, role);
	for (c = 0; c < COL_COUNT; c++) {
		w = columns[c].width ? columns[c].width : COLS - x;
		ui_cell(u, y, x, w,
			c == COL_KIND && d->kind == DORN_DUTY_TELL_OVERDUE && role == UI_ROLE_NORMAL
				? UI_ROLE_URGENT
				: role,
			cell[c], 0);
		x += w + 1;
	}
	if (i == t->sel)
		ui_set_cursor(u, y, 0);
}

/* "4 things to do, 1 overdue: your cases, as of Mon 7 Dec 2026." */
static void heading(struct ui *u, const struct today *t, int y)
{
	struct dorn_date d;
	char line[192], day[32];
	size_t overdue = 0;

	for (size_t i = 0; i < t->a.n; i++)
		overdue += t->a.v[i].kind == DORN_DUTY_TELL_OVERDUE;
	dorn_date_from_days(t->a.today, &d);
	dorn_date_words(&d, 0, DORN_DW_YEAR, day, sizeof day);
	snprintf(line, sizeof line, "%zu thing%s to do, %zu overdue: %s, as of %s.", t->a.n,
		 t->a.n == 1 ? "" : "s", overdue,
		 t->a.everyone ? "every case of the unit" : "your cases", day);
	ui_text(u, y, 1, COLS - 2, UI_ROLE_HEADER, line);
}

static void today_draw(struct ui *u, void *st)
{
	struct today *t = st;
	int c, x = 0, y, rows = list_rows(u), top = u->body_top;
	char line[160];
	size_t i;

	if (t->stale)
		reload(u, t);
	ui_set_cursor(u, top, 0);
	if (t->failed[0]) {
		ui_text_wrapped(u, top + 1, 1, COLS - 2, u->body_rows - 1, UI_ROLE_MESSAGE,
				t->failed);
		return;
	}
	heading(u, t, top - 1);
	if (!t->a.n) {
		snprintf(line, sizeof line, "Nothing to do today. Esc goes back to the case list.");
		y = top + u->body_rows / 2;
		x = (COLS - (int)strlen(line)) / 2;
		ui_text(u, y, x > 0 ? x : 0, COLS, UI_ROLE_NORMAL, line);
		ui_set_cursor(u, y, x > 0 ? x : 0);
		return;
	}
	for (c = 0; c < COL_COUNT; c++) {
		int w = columns[c].width ? columns[c].width : COLS - x;

		ui_text(u, top, x, w, UI_ROLE_HEADER, columns[c].title);
		x += w + 1;
	}
	ui_hline(u, top + 1, 0, COLS);
	if (t->sel < t->top)
		t->top = t->sel;
	if (rows > 0 && t->sel >= t->top + (size_t)rows)
		t->top = t->sel - (size_t)rows + 1;
	for (i = t->top, y = top + 2; i < t->a.n && y < top + 2 + rows; i++, y++)
		draw_row(u, t, i, y);
	/* The highlighted duty in full, under the list. */
	ui_text_wrapped(u, top + 2 + rows + 1, 1, COLS - 2, DETAIL_ROWS, UI_ROLE_NORMAL,
			t->a.v[t->sel].text);
}

/* Enter: what the duty needs. The note to review is read as in the
 * queue; an approved note goes to the export dialog; a returned note opens
 * at the Review step, where the comment is; telling the victim and the
 * outcome open the Outcome screen; a retention review the erase dialog,
 * which asks; anything else opens the case where its interview stopped. */
static void open_duty(struct ui *u, struct today *t)
{
	const struct dorn_duty *d = &t->a.v[t->sel];
	char urn[sizeof d->urn];

	/* What is done there changes the list: read it again on return. */
	t->stale = 1;
	memcpy(urn, d->urn, sizeof urn);
	switch (d->kind) {
	case DORN_DUTY_REVIEW:
		ui_queue_read(u, urn);
		break;
	case DORN_DUTY_EXPORT:
		ui_export_case(u, urn);
		break;
	case DORN_DUTY_RETURNED:
		ui_case_open(u, urn, DORN_STEP_REVIEW);
		break;
	case DORN_DUTY_TELL_OVERDUE:
	case DORN_DUTY_TELL:
		ui_outcome_open_at(u, urn, 1);
		break;
	case DORN_DUTY_OUTCOME:
		ui_outcome_open(u, urn);
		break;
	case DORN_DUTY_RETENTION:
		/* the review: erase (asking), or Esc keeps it; dorn retention
		 * extend keeps it longer, with a reason */
		ui_erase_case(u, urn);
		break;
	default:
		ui_case_open(u, urn, 0);
		break;
	}
}

static int today_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct today *t = st;
	size_t page = list_rows(u) > 1 ? (size_t)list_rows(u) - 1 : 1;

	(void)key;
	if (act == UI_ACT_BACK)
		return UI_RES_BACK;
	if (!t->a.n)
		return act == UI_ACT_NONE ? UI_RES_UNUSED : UI_RES_NONE;
	switch (act) {
	case UI_ACT_OPEN:
		open_duty(u, t);
		break;
	case UI_ACT_UP:
		t->sel -= t->sel > 0;
		break;
	case UI_ACT_DOWN:
		t->sel += t->sel + 1 < t->a.n;
		break;
	case UI_ACT_PGUP:
		t->sel = t->sel > page ? t->sel - page : 0;
		break;
	case UI_ACT_PGDN:
		t->sel = t->sel + page < t->a.n ? t->sel + page : t->a.n - 1;
		break;
	case UI_ACT_TOP:
		t->sel = 0;
		break;
	case UI_ACT_BOTTOM:
		t->sel = t->a.n - 1;
		break;
	default:
		return UI_RES_UNUSED;
	}
	return UI_RES_NONE;
}

static void today_fini(void *st)
{
	struct today *t = st;

	if (!t)
		return;
	dorn_agenda_fini(&t->a);
	free(t);
}

static const struct ui_screen today_screen = {
	.title = "Today",
	.where = UI_IN_TODAY,
	.draw = today_draw,
	.key = today_key,
	.fini = today_fini,
};

int ui_today_open(struct ui *u)
{
	struct today *t = calloc(1, sizeof *t);
	int rc;

	if (!t)
		return DORN_ENOMEM;
	t->stale = 1;
	rc = ui_push(u, &today_screen, t);
	if (rc)
		today_fini(t);
	return rc;
}
