/* The figures screen: the table of dorn figures (the funnel with its bars,
 * the rates, the times, the baseline) drawn by core at the screen's width
 * and read as a page that scrolls; b groups it by month, offence or
 * (supervisors) officer. Exact counts: it is the unit's own screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/figures.h"
#include "ui_priv.h"

struct figs {
	struct ui_page page;
	int by;       /* enum dorn_fig_by */
	int width;    /* the columns the page was made for; 0: make it again */
};

/* The figures for the whole time the database has, to today. */
static void build(struct ui *u, struct figs *s)
{
	struct dorn_figures_query q = { NULL, NULL, s->by };
	struct dorn_figures f;
	struct dorn_err err;
	struct dorn_buf b;
	size_t top = s->page.top;
	int rc;

	dorn_err_clear(&err);
	dorn_buf_init(&b);
	rc = dorn_app_figures(u->app, &q, &f, &err);
	if (!rc) {
		/* page.c draws from column 1 with COLS - 2 columns */
		rc = dorn_figures_table(&f, COLS - 1, u->ascii,
					u->app->cfg.figures_suppress_below, &b);
		dorn_figures_fini(&f);
	} else {
		dorn_buf_printf(&b, "The figures could not be read:\n%s\n", err.msg);
		rc = 0;
	}
	ui_page_fini(&s->page);
	if (rc || b.oom || ui_page_init(&s->page, dorn_buf_take(&b))) {
		ui_message(u, "The figures could not be shown: out of memory.");
		ui_page_init(&s->page, strdup(""));
	}
	dorn_buf_fini(&b);
	s->page.top = top;
	s->width = COLS;
}

static void figs_draw(struct ui *u, void *st)
{
	struct figs *s = st;

	if (s->width != COLS)
		build(u, s);
	ui_page_draw(u, &s->page, u->body_top, u->body_rows);
	ui_set_cursor(u, u->body_top, 1);
}

static int figs_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct figs *s = st;

	(void)key;
	switch (act) {
	case UI_ACT_BACK:
		return UI_RES_BACK;
	case UI_ACT_QUIT:
		return UI_RES_QUIT;
	case UI_ACT_GROUP:
		/* none, month, offence, then officer for a supervisor */
		s->by = s->by + 1;
		if (s->by == DORN_FIG_BY_OFFICER && u->app->me.role != DORN_ROLE_SUPERVISOR)
			s->by++;
		if (s->by > DORN_FIG_BY_OFFICER)
			s->by = DORN_FIG_BY_NONE;
		s->width = 0;
		s->page.top = 0;
		ui_message(u, s->by ? (s->by == DORN_FIG_BY_MONTH ? "By month."
				       : s->by == DORN_FIG_BY_OFFENCE ? "By offence: a case "
				       "counts under each of its offences." : "By officer.")
				    : "The unit as a whole.");
		return UI_RES_NONE;
	default:
		return ui_page_key(&s->page, act, u->body_rows);
	}
}

static void figs_fini(void *st)
{
	struct figs *s = st;

	if (!s)
		return;
	ui_page_fini(&s->page);
	free(s);
}

static const struct ui_screen figures_screen = {
	.title = "Figures",
	.where = UI_IN_FIGURES,
	.draw = figs_draw,
	.key = figs_key,
	.fini = figs_fini,
};

int ui_figures_open(struct ui *u)
{
	struct figs *s = calloc(1, sizeof *s);
	int rc;

	if (!s)
		return DORN_ENOMEM;
	rc = ui_push(u, &figures_screen, s);
	if (rc)
		figs_fini(s);
	return rc;
}
