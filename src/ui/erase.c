/* Erasing a case from the terminal, on its retention review: X on the
 * case list. The dialog says when the review fell due and why, and which
 * files the case's exports left in the case file (dorn cannot reach
 * them); it asks why the case goes and for its URN typed back, and only
 * then asks the app layer to erase it, which checks everything again as
 * dorn erase does. A case not due yet is not erased here: dorn erase
 * --early, on the command line, with why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/lineedit.h"
#include "dorn/note.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "ui_priv.h"

#define REASON_MAX 500
#define LABEL_W 16 /* "Type the URN:" and a blank */
#define PAGE_W (UI_MIN_COLS - 2)

enum { ER_REASON, ER_URN, ER_FIELDS };

static const char *const labels[ER_FIELDS] = { "Reason:", "Type the URN:" };
static const size_t maxes[ER_FIELDS] = { REASON_MAX, 40 };

struct erase {
	char urn[DORN_URN_MAX];           /* normalised */
	char shown[18];
	char *about;                      /* the review and the files left outside */
	struct dorn_le field[ER_FIELDS];
	int focus;
	char failed[DORN_ERR_MSG + 256];  /* the last refusal, or "" */
	int done;                         /* erased: page says what went */
	struct ui_page page;
};

static void dialog_draw(struct ui *u, struct erase *x)
{
	int y = u->body_top, end = u->body_top + u->body_rows, i;
	char head[64];

	snprintf(head, sizeof head, "Erase for good: %s", x->shown);
	ui_text(u, y - 1, 1, COLS - 2, UI_ROLE_HEADER, head);
	/* The fields and what Enter does stay on screen whatever the list of
	 * files: it is cut to the rows left above them. */
	y += ui_text_wrapped(u, y, 1, COLS - 2, u->body_rows - 9, UI_ROLE_NORMAL, x->about) + 1;
	for (i = 0; i < ER_FIELDS; i++)
		ui_line_draw(u, &x->field[i], y + i, labels[i], LABEL_W, i == x->focus);
	y += ER_FIELDS + 1;
	y += ui_text_wrapped(u, y, 1, COLS - 2, 2, UI_ROLE_MESSAGE,
			     "Enter on the URN erases the case, its victim, concern, items, "
			     "outcome and every note version; Esc keeps it.") + 1;
	if (x->failed[0] && y < end)
		ui_text_wrapped(u, y, 1, COLS - 2, end - y, UI_ROLE_ERROR, x->failed);
}

/* text wrapped to the page's width, for ui_page (which breaks only at
 * '\n'); NULL when out of memory. */
static char *wrapped(const char *text)
{
	struct dorn_buf out;
	struct ui_span sp[512];
	size_t n = ui_wrap(text, PAGE_W, sp, sizeof sp / sizeof sp[0]);

	dorn_buf_init(&out);
	for (size_t k = 0; k < n && k < sizeof sp / sizeof sp[0]; k++)
		dorn_buf_printf(&out, "%.*s\n", (int)sp[k].len, text + sp[k].start);
	return dorn_buf_take(&out);
}

static char *done_page(const struct erase *x, const struct dorn_erase_done *d)
{
	const struct dorn_erased *e = &d->counts;
	struct dorn_buf b;
	char *page;

	dorn_buf_init(&b);
	dorn_buf_printf(&b, "Erased %s: %lld item%s, %lld note version%s, %s victim, %s "
			"concern, %s outcome.\n\nThe audit log keeps one erase row with a keyed "
			"hash of the URN and these counts, nothing of the case; the unit's "
			"figures keep it without its details.\n", x->shown, e->items,
			e->items == 1 ? "" : "s", e->notes, e->notes == 1 ? "" : "s",
			e->victim ? "the" : "no", e->concern ? "the" : "no",
			e->outcome ? "the" : "no");
	if (d->wal_busy)
		dorn_buf_printf(&b, "\nAnother dorn is reading the database, so its write-ahead "
				"log still holds earlier pages of the case: it is emptied when the "
				"last dorn using the database closes.\n");
	page = b.oom ? NULL : wrapped(dorn_buf_str(&b));
	dorn_buf_fini(&b);
	return page;
}

/* Enter on the URN: the two must match, then the app layer erases or
 * says why not, and the dialog stays open to read, change or cancel. */
static int do_erase(struct ui *u, struct erase *x)
{
	struct dorn_erase_done d;
	struct dorn_err err = { 0 };
	char reason[REASON_MAX + 1], typed[64], urn[DORN_URN_MAX];

	ui_line_text(&x->field[ER_REASON], reason, sizeof reason);
	ui_line_text(&x->field[ER_URN], typed, sizeof typed);
	x->failed[0] = '\0';
	if (!reason[0]) {
		snprintf(x->failed, sizeof x->failed, "Nothing was erased: type why the case "
			 "goes; the audit log keeps the reason, so do not name the case or "
			 "anyone in it.");
		x->focus = ER_REASON;
		return UI_RES_NONE;
	}
	if (dorn_urn_parse(typed, urn, NULL) || strcmp(urn, x->urn)) {
		snprintf(x->failed, sizeof x->failed, "Nothing was erased: the URN typed is not "
			 "%s. Type it as it is shown, or press Esc to keep the case.", x->shown);
		x->focus = ER_URN;
		return UI_RES_NONE;
	}
	if (dorn_app_erase(u->app, x->urn, 0, reason, &d, &err)) {
		snprintf(x->failed, sizeof x->failed, "Nothing was erased: %s", err.msg);
		return UI_RES_NONE;
	}
	if (ui_page_init(&x->page, done_page(x, &d))) {
		ui_message(u, "The case was erased.");
		return UI_RES_BACK;
	}
	x->done = 1;
	return UI_RES_NONE;
}

static int dialog_key(struct ui *u, struct erase *x, enum ui_action act, int key)
{
	switch (act) {
	case UI_ACT_BACK:
		ui_message(u, "Nothing was erased.");
		return UI_RES_BACK;
	case UI_ACT_OPEN:
		if (x->focus == ER_URN)
			return do_erase(u, x);
		x->focus = ER_URN;
		return UI_RES_NONE;
	case UI_ACT_NEXT:
		x->focus = (x->focus + 1) % ER_FIELDS;
		return UI_RES_NONE;
	case UI_ACT_UP:
		x->focus = ER_REASON;
		return UI_RES_NONE;
	case UI_ACT_DOWN:
		x->focus = ER_URN;
		return UI_RES_NONE;
	default:
		return ui_line_key(u, &x->field[x->focus], act, key);
	}
}

static void erase_draw(struct ui *u, void *st)
{
	struct erase *x = st;

	if (!x->done) {
		dialog_draw(u, x);
		return;
	}
	ui_text(u, u->body_top - 1, 1, COLS - 2, UI_ROLE_HEADER, "Erased: Esc goes back");
	ui_set_cursor(u, u->body_top, 1);
	ui_page_draw(u, &x->page, u->body_top, u->body_rows);
}

static int erase_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct erase *x = st;

	if (!x->done)
		return dialog_key(u, x, act, key);
	if (act == UI_ACT_BACK)
		return UI_RES_BACK;
	return ui_page_key(&x->page, act, u->body_rows);
}

static unsigned erase_mode(void *st)
{
	const struct erase *x = st;

	return x->done ? UI_IN_PREVIEW : UI_IN_ERASE | UI_IN_TEXT;
}

static void erase_fini(void *st)
{
	struct erase *x = st;

	if (!x)
		return;
	for (int i = 0; i < ER_FIELDS; i++)
		dorn_le_fini(&x->field[i]);
	ui_page_fini(&x->page);
	free(x->about);
	free(x);
}

static const struct ui_screen erase_screen = {
	.title = "Erase a case",
	.where = UI_IN_ERASE,
	.draw = erase_draw,
	.key = erase_key,
	.fini = erase_fini,
	.mode = erase_mode,
};

/* When the review fell due and why, and the files left in the case file. */
static char *about_text(const struct dorn_erase_plan *p)
{
	struct dorn_buf b;
	char d[32];

	dorn_buf_init(&b);
	dorn_date_long(p->review.review.date, d);
	dorn_buf_printf(&b, "Due for retention review on %s: %s.", d, p->review.review.why);
	if (p->nfiles) {
		dorn_buf_printf(&b, "\nThese exported files are outside dorn, in the case file, "
				"and stay there:");
		for (size_t i = 0; i < p->nfiles; i++)
			dorn_buf_printf(&b, "\n  %s", p->files[i]);
	} else {
		dorn_buf_printf(&b, "\nNo export of it was filed in the case file.");
	}
	return dorn_buf_take(&b);
}

void ui_erase_case(struct ui *u, const char *urn)
{
	struct dorn_erase_plan plan;
	struct dorn_err err = { 0 };
	struct erase *x;
	char msg[DORN_ERR_MSG + 64];
	int rc;

	if (dorn_app_erase_plan(u->app, urn, 0, NULL, &plan, &err)) {
		/* A case not due yet: the message says nothing was erased. */
		snprintf(msg, sizeof msg, "%s%s",
			 err.code == DORN_ERULE ? "" : "Nothing was erased: ", err.msg);
		ui_message(u, msg);
		return;
	}
	x = calloc(1, sizeof *x);
	rc = x ? 0 : DORN_ENOMEM;
	if (!rc) {
		memcpy(x->urn, plan.urn, sizeof x->urn);
		dorn_urn_display(plan.urn, x->shown);
		x->about = about_text(&plan);
		rc = x->about ? 0 : DORN_ENOMEM;
	}
	for (int i = 0; !rc && i < ER_FIELDS; i++)
		rc = dorn_le_init(&x->field[i], "", maxes[i], 0);
	if (!rc)
		rc = ui_push(u, &erase_screen, x);
	if (rc) {
		erase_fini(x);
		ui_message(u, "Cannot open the erasure: out of memory.");
	}
	dorn_erase_plan_fini(&plan);
}
