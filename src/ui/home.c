/* The home screen: the case list, with the urgency of each case written as a
 * word so it never depends on colour. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dorn/app.h"
#include "dorn/err.h"
#include "dorn/urn.h"
#include "ui_priv.h"

#define EMPTY_TEXT "No cases yet. Press n to start a new case, ? for help, q to quit."

struct home {
	struct dorn_case_row *rows;
	size_t n;
	size_t sel;  /* highlighted row */
	size_t top;  /* first row shown */
	long today;  /* days since 1970-01-01, local calendar */
};

enum col_id { COL_URN, COL_VICTIM, COL_OFFENCE, COL_DATE, COL_DAYS, COL_NOTE,
	      COL_FLAG, COL_COUNT };

/* Widths add up to 80 columns with the single blank between columns. */
static const struct column {
	const char *title;
	int width;
} columns[COL_COUNT] = {
	[COL_URN]     = { "URN", 16 },
	[COL_VICTIM]  = { "Victim ref", 17 },
	[COL_OFFENCE] = { "Offence", 9 },
	[COL_DATE]    = { "Next date", 10 },
	[COL_DAYS]    = { "Days", 5 },
	[COL_NOTE]    = { "Note", 10 },
	[COL_FLAG]    = { "", 7 },
};

/* Days from today to an ISO date; 0 with *ok = 0 when there is none. */
static long days_left(const struct home *h, const char *iso, int *ok)
{
	struct dorn_date d;

	*ok = iso[0] && dorn_date_parse(iso, &d, NULL) == 0;
	return *ok ? dorn_date_to_days(&d) - h->today : 0;
}

static int list_rows(const struct ui *u)
{
	return u->body_rows - 2; /* the column titles and their rule */
}

static void draw_row(struct ui *u, struct home *h, size_t i, int y)
{
	const struct dorn_case_row *r = &h->rows[i];
	enum ui_role role = i == h->sel ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
	const char *cell[COL_COUNT];
	char days[16] = "", urn[18], *flag = "";
	long left;
	int c, x = 0, ok;

	left = days_left(h, r->next_date, &ok);
	if (ok) {
		snprintf(days, sizeof days, "%ld", left);
		if (left < 0)
			flag = "PASSED";
		else if (left <= u->app->cfg.urgent_days)
			flag = "URGENT";
	}
	dorn_urn_display(r->urn, urn);
	cell[COL_URN] = urn;
	cell[COL_VICTIM] = r->victim_ref;
	cell[COL_OFFENCE] = r->offence;
	cell[COL_DATE] = r->next_date[0] ? r->next_date : "none";
	cell[COL_DAYS] = days;
	cell[COL_NOTE] = r->note_status;
	cell[COL_FLAG] = flag;

	if (role != UI_ROLE_NORMAL)
		ui_fill_row(u, y, role);
	for (c = 0; c < COL_COUNT; c++) {
		ui_text(u, y, x, columns[c].width,
			c == COL_FLAG && *flag && role == UI_ROLE_NORMAL ?
				UI_ROLE_URGENT : role,
			cell[c]);
		x += columns[c].width + 1;
	}
	if (i == h->sel)
		ui_set_cursor(u, y, 0);
}

static void home_draw(struct ui *u, void *st)
{
	struct home *h = st;
	int c, x = 0, y, rows = list_rows(u);
	size_t i;

	if (!h->n) {
		y = u->body_top + u->body_rows / 2;
		x = (COLS - (int)strlen(EMPTY_TEXT)) / 2;
		ui_text(u, y, x > 0 ? x : 0, COLS, UI_ROLE_NORMAL, EMPTY_TEXT);
		ui_set_cursor(u, y, x > 0 ? x : 0);
		return;
	}
	for (c = 0; c < COL_COUNT; c++) {
		ui_text(u, u->body_top, x, columns[c].width, UI_ROLE_HEADER,
			columns[c].title);
		x += columns[c].width + 1;
	}
	ui_hline(u, u->body_top + 1, 0, COLS);

	/* Keep the highlight in view, also after a resize. */
	if (h->sel < h->top)
		h->top = h->sel;
	if (rows > 0 && h->sel >= h->top + (size_t)rows)
		h->top = h->sel - (size_t)rows + 1;
	for (i = h->top, y = u->body_top + 2; i < h->n && y < u->body_top + 2 + rows;
	     i++, y++)
		draw_row(u, h, i, y);
}

static int home_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct home *h = st;
	size_t page = list_rows(u) > 1 ? (size_t)list_rows(u) - 1 : 1;

	(void)key;
	switch (act) {
	case UI_ACT_QUIT:
		/* Nothing can be unsaved yet, so there is nothing to ask. */
		return UI_RES_QUIT;
	case UI_ACT_NEW:
		ui_message(u, "The guided interview is not part of this version yet.");
		return UI_RES_NONE;
	case UI_ACT_OPEN:
		ui_message(u, h->n ? "Opening a case is not part of this version yet." :
			   "There is no case to open. Press n to start a new case.");
		return UI_RES_NONE;
	default:
		break;
	}
	if (!h->n)
		return act == UI_ACT_NONE || act == UI_ACT_BACK ? UI_RES_UNUSED :
								UI_RES_NONE;
	switch (act) {
	case UI_ACT_UP:
		h->sel -= h->sel > 0;
		break;
	case UI_ACT_DOWN:
		h->sel += h->sel + 1 < h->n;
		break;
	case UI_ACT_PGUP:
		h->sel = h->sel > page ? h->sel - page : 0;
		break;
	case UI_ACT_PGDN:
		h->sel = h->sel + page < h->n ? h->sel + page : h->n - 1;
		break;
	case UI_ACT_TOP:
		h->sel = 0;
		break;
	case UI_ACT_BOTTOM:
		h->sel = h->n - 1;
		break;
	default:
		return UI_RES_UNUSED;
	}
	return UI_RES_NONE;
}

static void home_fini(void *st)
{
	struct home *h = st;

	if (!h)
		return;
	free(h->rows);
	free(h);
}

static const struct ui_screen home_screen = {
	.title = "Case list",
	.where = UI_IN_HOME,
	.draw = home_draw,
	.key = home_key,
	.fini = home_fini,
};

int ui_home_open(struct ui *u, struct dorn_err *err)
{
	struct home *h = NULL;
	struct dorn_date today;
	struct tm tm;
	time_t now = time(NULL);
	int rc;

	h = calloc(1, sizeof *h);
	if (!h)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory opening the case list");
	/* The officer's calendar day, not UTC's: "days left" is about dates
	 * in a court diary. */
	localtime_r(&now, &tm);
	today.y = tm.tm_year + 1900;
	today.m = tm.tm_mon + 1;
	today.d = tm.tm_mday;
	h->today = dorn_date_to_days(&today);
	rc = dorn_app_case_list(u->app, &h->rows, &h->n, err);
	if (rc)
		goto fail;
	rc = ui_push(u, &home_screen, h);
	if (rc) {
		dorn_err_set(err, rc, "too many screens open");
		goto fail;
	}
	return 0;
fail:
	home_fini(h);
	return rc;
}
