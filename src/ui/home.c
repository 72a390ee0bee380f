/* The home screen: the case list, urgent first, with the urgency of each
 * case and the state of its note written as words so they never depend on
 * colour. Its columns follow the screen's width (more at 120 and at 200
 * columns), and text too long for a column ends in a marker. / searches
 * as the officer types; Enter opens a case where its interview stopped; n
 * starts a new one; r opens a supervisor's review queue; t opens Today,
 * the worklist (today.c); f the unit's figures (figures.c); e exports the
 * highlighted case's approved note (export.c); o opens its outcome after
 * the hearing (outcome.c); X erases the highlighted case on its retention
 * review (erase.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/lineedit.h"
#include "dorn/rules.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "ui_priv.h"

#define EMPTY_TEXT "No cases yet. Press n to start a new case, ? for help, q to quit."
#define SEARCH_MAX 100

/* The list is held as a window of a few screens' worth of rows, read a
 * page at a time from the position of its first or last row (never from
 * the top again), so moving about a list of any length costs a page. */
struct home {
	struct dorn_list_row *rows; /* the window, in the list's order */
	size_t n, cap;
	size_t sel;       /* highlighted row, in the window */
	size_t top;       /* first row shown, in the window */
	int stale;        /* reload before drawing: a case may have changed */
	int more_before;  /* the list goes on above the window */
	int more_after;   /* and below it */
	int searching;    /* typing into the search line */
	struct dorn_le search;
	char failed[256]; /* why the list could not be read, or "" */
	/* The query last recorded in the audit log (one consult row per list
	 * or search shown, not per page or per key typed). */
	char logged[SEARCH_MAX + 8];
	int logged_any;
};

/* The columns, in the order shown. Each is shown from a width of screen
 * (a tier: 80, 120 or 200 columns) and, for Days, only below the next:
 * from 120 the date itself says how far away it is. Each has its least
 * width; what is left over goes to the text columns by weight, so a wider
 * screen shows more of each name rather than blank space. */
enum col_id { COL_URN, COL_VICTIM, COL_DEFENDANT, COL_OFFENCE, COL_COURT, COL_DATE,
	      COL_DAYS, COL_HEARING, COL_NOTE, COL_FLAG, COL_OFFICER, COL_COUNT };

enum { TIER_80 = 1, TIER_120 = 2, TIER_200 = 4, TIER_ALL = 7 };

static const struct column {
	const char *title;
	int tiers;  /* TIER_* where it is shown */
	int min;    /* least width */
	int weight; /* share of the width left over */
} columns[COL_COUNT] = {
	[COL_URN]       = { "URN", TIER_ALL, 16, 0 },
	[COL_VICTIM]    = { "Victim ref", TIER_ALL, 12, 1 },
	[COL_DEFENDANT] = { "Defendant", TIER_ALL, 12, 3 },
	[COL_OFFENCE]   = { "Offence", TIER_120 | TIER_200, 9, 0 },
	[COL_COURT]     = { "Court", TIER_120 | TIER_200, 12, 4 },
	[COL_DATE]      = { "Next date", TIER_ALL, 10, 0 },
	[COL_DAYS]      = { "Days", TIER_80, 4, 0 },
	[COL_HEARING]   = { "For", TIER_200, 12, 2 },
	[COL_NOTE]      = { "Note", TIER_ALL, 9, 0 },
	[COL_FLAG]      = { "", TIER_ALL, 6, 0 },
	[COL_OFFICER]   = { "Officer in case", TIER_200, 15, 2 },
};

/* "Fri 11 Dec 2026, in 10 days": the width of the date from 120 columns. */
#define DATE_WORDS_W 28

struct layout {
	int tier;
	int width[COL_COUNT]; /* 0: not shown */
};

/* The columns for a screen cols wide, one blank between each. Below 80
 * (never drawn: the screen is too small) the last columns are cut. */
static void layout(int cols, struct layout *lo)
{
	int c, used = 0, weights = 0, extra, shown = 0, left;

	lo->tier = cols >= 200 ? TIER_200 : cols >= 120 ? TIER_120 : TIER_80;
	for (c = 0; c < COL_COUNT; c++) {
		lo->width[c] = 0;
		if (!(columns[c].tiers & lo->tier))
			continue;
		lo->width[c] = c == COL_DATE && lo->tier != TIER_80 ? DATE_WORDS_W : columns[c].min;
		used += lo->width[c] + (shown++ ? 1 : 0);
		weights += columns[c].weight;
	}
	extra = cols > used ? cols - used : 0;
	left = extra;
	for (c = 0; c < COL_COUNT && weights; c++) {
		int add = lo->width[c] ? extra * columns[c].weight / weights : 0;

		lo->width[c] += add;
		left -= add;
	}
	/* What the division left goes to the defendant, the column most read. */
	lo->width[COL_DEFENDANT] += left;
}

/* The store reads the first 60 characters of the defendant, the court and
 * the officer, 44 of the hearing's type, and no more than its buffer
 * holds: a field that long may have been cut there. */
static int store_cut(const char *s, size_t size, size_t chars)
{
	size_t n = strlen(s);

	return n + 1 >= size || dorn_utf8_len(s, n) >= chars;
}
#define FULL(field, chars) store_cut((field), sizeof (field), (chars))

static int search_row(const struct home *h)
{
	return h->searching || h->search.len;
}

static int list_top(const struct ui *u, const struct home *h)
{
	return u->body_top + search_row(h);
}

static int list_rows(const struct ui *u, const struct home *h)
{
	return u->body_rows - 2 - search_row(h); /* the column titles and their rule */
}

/* Rows read at a time, and held: a screen, and three screens. */
static size_t page_rows(const struct ui *u, const struct home *h)
{
	int rows = list_rows(u, h);

	return rows > 0 ? (size_t)rows : 1;
}

static size_t window_rows(const struct ui *u, const struct home *h)
{
	return 3 * page_rows(u, h);
}

static void query(const struct home *h, struct dorn_list_query *q)
{
	memset(q, 0, sizeof *q);
	q->due_within = -1;
	if (h->search.len)
		q->search = h->search.text;
}

static int room(struct home *h, size_t n, struct dorn_err *err)
{
	if (dorn_grow(&h->rows, &h->cap, n, sizeof *h->rows))
		return dorn_err_set(err, DORN_ENOMEM, "out of memory reading the case list");
	return 0;
}

/* Read the window afresh: the first screens (or, at_end, the last ones).
 * One row more than held says whether the list goes on. */
static int load_edge(struct ui *u, struct home *h, int at_end, struct dorn_err *err)
{
	struct dorn_list_query q;
	size_t want = window_rows(u, h), got = 0;
	int rc;

	query(h, &q);
	h->n = 0;
	h->more_before = h->more_after = 0;
	if ((rc = room(h, want + 1, err)))
		return rc;
	rc = dorn_app_list_page(u->app, &q, NULL, at_end, h->rows, want + 1, &got, err);
	if (rc)
		return rc;
	if (got > want) {
		if (at_end)
			memmove(h->rows, h->rows + 1, want * sizeof *h->rows);
		*(at_end ? &h->more_before : &h->more_after) = 1;
		got = want;
	}
	h->n = got;
	return 0;
}

/* Drop k rows from the front of the window (after reading below it). */
static void drop_front(struct home *h, size_t k)
{
	memmove(h->rows, h->rows + k, (h->n - k) * sizeof *h->rows);
	h->n -= k;
	h->sel = h->sel > k ? h->sel - k : 0;
	h->top = h->top > k ? h->top - k : 0;
	h->more_before = 1;
}

/* Read a page below the window (down) or above it (up), from the key of
 * its last or first row; the far end of the window is let go. */
static int extend(struct ui *u, struct home *h, int up, struct dorn_err *err)
{
	struct dorn_list_query q;
	size_t want = page_rows(u, h), got = 0, keep = window_rows(u, h), k;
	struct dorn_list_key from;
	int rc;

	if (!h->n || !(up ? h->more_before : h->more_after))
		return 0;
	query(h, &q);
	from = h->rows[up ? 0 : h->n - 1].r.key;
	if ((rc = room(h, h->n + want + 1, err)))
		return rc;
	if (up) {
		/* Read into the free space at the end, then move it to the front. */
		rc = dorn_app_list_page(u->app, &q, &from, 1, h->rows + h->n, want + 1, &got, err);
		if (rc)
			return rc;
		h->more_before = got > want;
		k = got > want ? want : got;
		if (k) {
			struct dorn_list_row *tmp = malloc(k * sizeof *tmp);

			if (!tmp)
				return dorn_err_set(err, DORN_ENOMEM, "out of memory reading the case list");
			memcpy(tmp, h->rows + h->n + (got - k), k * sizeof *tmp);
			memmove(h->rows + k, h->rows, h->n * sizeof *h->rows);
			memcpy(h->rows, tmp, k * sizeof *tmp);
			free(tmp);
		}
		h->n += k;
		h->sel += k;
		h->top += k;
		if (h->n > keep && keep > h->sel) {
			h->n = keep;
			h->more_after = 1;
		}
		return 0;
	}
	rc = dorn_app_list_page(u->app, &q, &from, 0, h->rows + h->n, want + 1, &got, err);
	if (rc)
		return rc;
	h->more_after = got > want;
	h->n += got > want ? want : got;
	/* Never past the highlight (a window left bigger by a resize). */
	if (h->n > keep)
		drop_front(h, h->n - keep < h->sel ? h->n - keep : h->sel);
	return 0;
}

/* Read the window again where it is (a case may have changed or gone):
 * from the row before its first, as many rows as it holds. */
static int load_here(struct ui *u, struct home *h, struct dorn_err *err)
{
	struct dorn_list_query q;
	struct dorn_list_row before;
	size_t want = h->n > window_rows(u, h) ? h->n : window_rows(u, h), got = 0;
	int rc;

	if (!h->more_before || !h->n)
		return load_edge(u, h, 0, err);
	query(h, &q);
	rc = dorn_app_list_page(u->app, &q, &h->rows[0].r.key, 1, &before, 1, &got, err);
	if (rc || !got)
		return rc ? rc : load_edge(u, h, 0, err);
	if ((rc = room(h, want + 1, err)))
		return rc;
	rc = dorn_app_list_page(u->app, &q, &before.r.key, 0, h->rows, want + 1, &got, err);
	if (rc)
		return rc;
	h->more_after = got > want;
	h->n = got > want ? want : got;
	return 0;
}

/* Record the reading of the list as shown, once per query: while a search
 * is being typed nothing is recorded; when typing ends (Enter, Esc) the
 * search that was shown is. */
static int note_reading(struct ui *u, struct home *h, struct dorn_err *err)
{
	struct dorn_list_query q;
	char sig[sizeof h->logged];

	if (h->searching)
		return 0;
	query(h, &q);
	snprintf(sig, sizeof sig, "%c%s", q.search ? 's' : 'l', q.search ? q.search : "");
	if (h->logged_any && strcmp(sig, h->logged) == 0)
		return 0;
	if (dorn_app_list_consult(u->app, &q, h->n, h->more_after || h->more_before, err))
		return err->code;
	memcpy(h->logged, sig, sizeof sig);
	h->logged_any = 1;
	return 0;
}

static int load(struct ui *u, struct home *h, struct dorn_err *err)
{
	int rc = load_here(u, h, err);

	if (!rc)
		rc = note_reading(u, h, err);

	if (rc)
		h->n = 0;
	if (h->sel >= h->n)
		h->sel = h->n ? h->n - 1 : 0;
	if (h->top > h->sel)
		h->top = h->sel;
	h->stale = 0;
	return rc;
}

static void failed(struct home *h, int rc, const struct dorn_err *err)
{
	h->failed[0] = '\0';
	if (rc)
		snprintf(h->failed, sizeof h->failed, "The list could not be read: %.200s", err->msg);
}

static void reload(struct ui *u, struct home *h)
{
	struct dorn_err err = { 0 };

	failed(h, load(u, h, &err), &err);
}

/* The top of the list afresh (a new search, Home, Esc). */
static void reload_top(struct ui *u, struct home *h)
{
	h->more_before = 0;
	h->sel = h->top = 0;
	reload(u, h);
}

/* "s.66B(2)" from "Sexual Offences Act 2003, s.66B(2)": short enough for
 * a column; the code when the offence is unknown. */
static const char *offence_short(struct ui *u, const char *code)
{
	const struct dorn_offence *o;
	const char *comma;

	if (!*code || !u->app->data_loaded)
		return code;
	o = dorn_offence_find(&u->app->offences, code);
	if (!o)
		return code;
	comma = strrchr(o->statute, ',');
	return comma ? comma + 1 + (comma[1] == ' ') : o->statute;
}

/* What the date is for: sentencing, or the next hearing's type. */
static const char *date_for(const struct dorn_list_row *l)
{
	if (!l->due.date[0])
		return "";
	if (l->due.is_sentencing)
		return "sentencing";
	return l->r.hearing_type[0] ? l->r.hearing_type : "next hearing";
}

static void draw_row(struct ui *u, struct home *h, const struct layout *lo, size_t i, int y)
{
	const struct dorn_list_row *l = &h->rows[i];
	enum ui_role role = i == h->sel ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
	const char *text[COL_COUNT];
	char days[16] = "", urn[18], date[48] = "none", *flag = "";
	struct dorn_date d;
	int c, x = 0, loud[COL_COUNT] = { 0 }, cut[COL_COUNT] = { 0 };

	if (l->due.date[0] && !dorn_date_parse(l->due.date, &d, NULL)) {
		if (lo->tier == TIER_80)
			dorn_date_uk(&d, date);
		else
			dorn_date_words(&d, l->due.days_left, DORN_DW_ALL, date, sizeof date);
		snprintf(days, sizeof days, "%ld", l->due.days_left);
		if (l->due.passed)
			flag = "PASSED";
		else if (l->due.urgent)
			flag = "URGENT";
	}
	dorn_urn_display(l->r.urn, urn);
	text[COL_URN] = urn;
	text[COL_VICTIM] = l->r.victim_ref;
	text[COL_DEFENDANT] = l->r.defendant;
	cut[COL_DEFENDANT] = FULL(l->r.defendant, 60);
	text[COL_OFFENCE] = offence_short(u, l->r.offence);
	text[COL_COURT] = l->r.court;
	cut[COL_COURT] = FULL(l->r.court, 60);
	text[COL_DATE] = date;
	text[COL_DAYS] = days;
	text[COL_HEARING] = date_for(l);
	cut[COL_HEARING] = FULL(l->r.hearing_type, 44) && text[COL_HEARING] == l->r.hearing_type;
	text[COL_NOTE] = dorn_note_status_label(l->r.note_status, &loud[COL_NOTE]);
	text[COL_FLAG] = flag;
	loud[COL_FLAG] = *flag != '\0';
	text[COL_OFFICER] = l->r.officer;
	cut[COL_OFFICER] = FULL(l->r.officer, 60);

	if (role != UI_ROLE_NORMAL)
		ui_fill_row(u, y, role);
	for (c = 0; c < COL_COUNT; c++) {
		if (!lo->width[c])
			continue;
		ui_cell(u, y, x, lo->width[c],
		     loud[c] && role == UI_ROLE_NORMAL ? UI_ROLE_URGENT : role, text[c], cut[c]);
		x += lo->width[c] + 1;
	}
	if (i == h->sel && !h->searching)
		ui_set_cursor(u, y, 0);
}

static void draw_search(struct ui *u, struct home *h)
{
	static const char label[] = "Search: ";
	int x = (int)sizeof label - 1, w = COLS - x - 1;
	size_t start = dorn_le_scroll(&h->search, (size_t)w - 1, 0), fit;
	char buf[SEARCH_MAX + 1];

	ui_text(u, u->body_top, 0, x, UI_ROLE_HEADER, label);
	attrset(u->attr[UI_ROLE_FIELD]);
	mvhline(u->body_top, x, ' ', w);
	attrset(u->attr[UI_ROLE_NORMAL]);
	fit = dorn_text_fit(h->search.text + start, h->search.len - start, (size_t)w);
	memcpy(buf, h->search.text + start, fit);
	buf[fit] = '\0';
	ui_text(u, u->body_top, x, w, UI_ROLE_FIELD, buf);
	if (h->searching)
		ui_set_cursor(u, u->body_top, x + (int)dorn_text_width(h->search.text + start,
								       h->search.cur - start));
}

static void home_draw(struct ui *u, void *st)
{
	struct home *h = st;
	int c, x = 0, y, rows = list_rows(u, h), top = list_top(u, h);
	char line[256];
	struct layout lo;
	size_t i;

	/* Read when the screen's size is known: the first time, and when a
	 * larger screen shows more rows than the window holds. */
	if (h->stale || (h->more_after && h->n < page_rows(u, h)))
		reload(u, h);
	if (search_row(h))
		draw_search(u, h);
	if (h->failed[0]) {
		ui_text(u, top + 1, 0, COLS, UI_ROLE_MESSAGE, h->failed);
		return;
	}
	if (!h->n) {
		if (h->search.len)
			snprintf(line, sizeof line, "No case matches \"%s\". Press Esc to clear "
				 "the search.", h->search.text);
		else
			snprintf(line, sizeof line, "%s", EMPTY_TEXT);
		y = u->body_top + u->body_rows / 2;
		x = (COLS - (int)dorn_text_width(line, strlen(line))) / 2;
		ui_text(u, y, x > 0 ? x : 0, COLS, UI_ROLE_NORMAL, line);
		if (!h->searching)
			ui_set_cursor(u, y, x > 0 ? x : 0);
		return;
	}
	layout(COLS, &lo);
	for (c = 0; c < COL_COUNT; c++) {
		if (!lo.width[c])
			continue;
		ui_text(u, top, x, lo.width[c], UI_ROLE_HEADER, columns[c].title);
		x += lo.width[c] + 1;
	}
	ui_hline(u, top + 1, 0, COLS);

	/* Keep the highlight in view, also after a resize. */
	if (h->sel < h->top)
		h->top = h->sel;
	if (rows > 0 && h->sel >= h->top + (size_t)rows)
		h->top = h->sel - (size_t)rows + 1;
	for (i = h->top, y = top + 2; i < h->n && y < top + 2 + rows; i++, y++)
		draw_row(u, h, &lo, i, y);
}

static void open_new(struct ui *u, struct home *h)
{
	struct dorn_case *c = dorn_case_new();

	if (!c) {
		ui_message(u, "Out of memory: cannot start a case.");
		return;
	}
	dorn_case_init(c);
	h->stale = 1;
	if (ui_interview_open(u, c, DORN_STEP_CASE) && !u->msg[0])
		ui_message(u, "The interview could not be opened.");
}

void ui_case_open(struct ui *u, const char *urn, int step)
{
	struct dorn_case_view view;
	struct dorn_err err = { 0 };

	if (dorn_app_show(u->app, urn, &view, &err)) {
		char msg[256];

		snprintf(msg, sizeof msg, "The case could not be opened: %.200s", err.msg);
		ui_message(u, msg);
		return;
	}
	if (!step)
		step = dorn_app_resume_step(view.c, &view.a);
	/* The interview owns the case from here. */
	if (ui_interview_open(u, view.c, step) && !u->msg[0])
		ui_message(u, "The interview could not be opened.");
	view.c = NULL;
	dorn_case_view_fini(&view);
}

static void open_selected(struct ui *u, struct home *h)
{
	h->stale = 1;
	ui_case_open(u, h->rows[h->sel].r.urn, 0);
}

/* r: the review queue is a supervisor's; an officer is told, and nothing
 * else happens. */
static void open_queue(struct ui *u, struct home *h)
{
	if (u->app->me.role != DORN_ROLE_SUPERVISOR) {
		ui_message(u, "Only a supervisor can review notes.");
		return;
	}
	/* Reviews change the notes' states shown here. */
	h->stale = 1;
	if (ui_queue_open(u) && !u->msg[0])
		ui_message(u, "The review queue could not be opened.");
}

static void home_move(struct ui *u, struct home *h, enum ui_action act, size_t page);

static int search_key(struct ui *u, struct home *h, enum ui_action act, int key)
{
	switch (act) {
	case UI_ACT_BACK:
		/* Esc clears; the list comes back whole. The search shown until
		 * now is recorded first. */
		h->searching = 0;
		reload(u, h);
		dorn_le_set(&h->search, "");
		break;
	case UI_ACT_NONE:
		if (!UI_IS_TEXT_KEY(key) || dorn_le_insert(&h->search, (uint32_t)key))
			return UI_RES_UNUSED;
		break;
	case UI_ACT_BACKSPACE:
		dorn_le_backspace(&h->search);
		break;
	case UI_ACT_DELETE:
		dorn_le_delete(&h->search);
		break;
	case UI_ACT_KILL:
		dorn_le_kill_line(&h->search);
		break;
	case UI_ACT_LEFT:
		dorn_le_left(&h->search);
		return UI_RES_NONE;
	case UI_ACT_RIGHT:
		dorn_le_right(&h->search);
		return UI_RES_NONE;
	case UI_ACT_TOP:
		dorn_le_home(&h->search);
		return UI_RES_NONE;
	case UI_ACT_BOTTOM:
		dorn_le_end(&h->search);
		return UI_RES_NONE;
	case UI_ACT_WORD_LEFT:
		dorn_le_word_left(&h->search);
		return UI_RES_NONE;
	case UI_ACT_WORD_RIGHT:
		dorn_le_word_right(&h->search);
		return UI_RES_NONE;
	case UI_ACT_OPEN:
		h->searching = 0;
		reload(u, h); /* records the search shown */
		if (h->n)
			open_selected(u, h);
		return UI_RES_NONE;
	case UI_ACT_UP:
	case UI_ACT_DOWN:
		if (h->n)
			home_move(u, h, act, list_rows(u, h) > 1 ? (size_t)list_rows(u, h) - 1 : 1);
		return UI_RES_NONE;
	default:
		return UI_RES_UNUSED;
	}
	/* A new search starts from its first page. */
	reload_top(u, h);
	return UI_RES_NONE;
}

/* Move within the list, reading a page above or below the window when the
 * move comes near its edge; at_end reads the last screens afresh. */
static void home_move(struct ui *u, struct home *h, enum ui_action act, size_t page)
{
	struct dorn_err err = { 0 };
	int rc = 0;

	switch (act) {
	case UI_ACT_UP:
		if (h->sel == 0)
			rc = extend(u, h, 1, &err);
		h->sel -= h->sel > 0;
		break;
	case UI_ACT_DOWN:
		if (h->sel + 1 + page >= h->n)
			rc = extend(u, h, 0, &err);
		h->sel += h->sel + 1 < h->n;
		break;
	case UI_ACT_PGUP:
		if (h->sel < page)
			rc = extend(u, h, 1, &err);
		h->sel = h->sel > page ? h->sel - page : 0;
		break;
	case UI_ACT_PGDN:
		if (h->sel + 2 * page >= h->n)
			rc = extend(u, h, 0, &err);
		h->sel = h->sel + page < h->n ? h->sel + page : h->n - 1;
		break;
	case UI_ACT_TOP:
		if (h->more_before) {
			reload_top(u, h);
			return;
		}
		h->sel = 0;
		break;
	case UI_ACT_BOTTOM:
		if (h->more_after) {
			rc = load_edge(u, h, 1, &err);
			h->top = 0;
		}
		h->sel = h->n ? h->n - 1 : 0;
		break;
	default:
		break;
	}
	failed(h, rc, &err);
}

static int home_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct home *h = st;
	size_t page = list_rows(u, h) > 1 ? (size_t)list_rows(u, h) - 1 : 1;

	if (h->searching)
		return search_key(u, h, act, key);
	switch (act) {
	case UI_ACT_QUIT:
		/* Every screen that holds typed values saves when left, so
		 * nothing is unsaved here and there is nothing to ask. */
		return UI_RES_QUIT;
	case UI_ACT_NEW:
		open_new(u, h);
		return UI_RES_NONE;
	case UI_ACT_SEARCH:
		h->searching = 1;
		return UI_RES_NONE;
	case UI_ACT_QUEUE:
		open_queue(u, h);
		return UI_RES_NONE;
	case UI_ACT_TODAY:
		/* What is done there changes the cases shown here. */
		h->stale = 1;
		if (ui_today_open(u) && !u->msg[0])
			ui_message(u, "The Today screen could not be opened.");
		return UI_RES_NONE;
	case UI_ACT_FIGURES:
		if (ui_figures_open(u) && !u->msg[0])
			ui_message(u, "The figures could not be opened.");
		return UI_RES_NONE;
	case UI_ACT_BACK:
		if (h->search.len) {
			dorn_le_set(&h->search, "");
			reload_top(u, h);
			return UI_RES_NONE;
		}
		return UI_RES_UNUSED;
	case UI_ACT_OPEN:
		if (h->n)
			open_selected(u, h);
		else
			ui_message(u, "There is no case to open. Press n to start a new case.");
		return UI_RES_NONE;
	default:
		break;
	}
	if (!h->n)
		return act == UI_ACT_NONE ? UI_RES_UNUSED : UI_RES_NONE;
	switch (act) {
	case UI_ACT_UP:
	case UI_ACT_DOWN:
	case UI_ACT_PGUP:
	case UI_ACT_PGDN:
	case UI_ACT_TOP:
	case UI_ACT_BOTTOM:
		home_move(u, h, act, page);
		return UI_RES_NONE;
	case UI_ACT_EXPORT:
		/* An export may change the note's state shown here. */
		h->stale = 1;
		ui_export_case(u, h->rows[h->sel].r.urn);
		return UI_RES_NONE;
	case UI_ACT_ERASE:
		if (!h->n) {
			ui_message(u, "There is no case to erase.");
			return UI_RES_NONE;
		}
		/* Erased, it leaves the list. */
		h->stale = 1;
		ui_erase_case(u, h->rows[h->sel].r.urn);
		return UI_RES_NONE;
	case UI_ACT_OUTCOME:
		if (!h->n) {
			ui_message(u, "There is no case to record an outcome for.");
			return UI_RES_NONE;
		}
		h->stale = 1;
		ui_outcome_open(u, h->rows[h->sel].r.urn);
		return UI_RES_NONE;
	default:
		return UI_RES_UNUSED;
	}
}

static unsigned home_mode(void *st)
{
	const struct home *h = st;

	return h->searching ? UI_IN_HOME | UI_IN_TEXT : UI_IN_HOME;
}

static void home_fini(void *st)
{
	struct home *h = st;

	if (!h)
		return;
	dorn_le_fini(&h->search);
	free(h->rows);
	free(h);
}

static const struct ui_screen home_screen = {
	.title = "Case list",
	.where = UI_IN_HOME,
	.draw = home_draw,
	.key = home_key,
	.fini = home_fini,
	.mode = home_mode,
};

int ui_home_open(struct ui *u, struct dorn_err *err)
{
	struct home *h = NULL;
	int rc;

	h = calloc(1, sizeof *h);
	if (!h)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory opening the case list");
	if (dorn_le_init(&h->search, "", SEARCH_MAX, 0)) {
		free(h);
		return dorn_err_set(err, DORN_ENOMEM, "out of memory opening the case list");
	}
	/* The offences give the list its short names; without them the codes
	 * show, which is still right. */
	dorn_app_load_data(u->app, NULL);
	h->stale = 1; /* read on the first draw, when the screen's size is known */
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
