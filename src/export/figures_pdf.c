/* The unit's figures on one page, for a unit meeting: A4 landscape, so
 * that it fills a screen, set with pango and drawn by cairo as the note is
 * (pdf.c lends the document, its font, its metadata and its language).
 *
 * Every number and label comes from the model (struct dorn_figures): this
 * file only places them. Every bar has its number and share written beside
 * it, so the page reads printed in black and white, and every bar's
 * numbers are the cells of a tagged table, which is what a screen reader
 * reads (cairo 1.16 can give a figure no alternate text). Small counts are
 * hidden exactly as the CSV and JSON hide them: the page leaves the unit.
 *
 * Text is drawn only inside elements that hold text (H1, H2, P, TH, TD);
 * bars, stripes and rules outside them, so nothing but words is read out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/export.h"
#include "dorn/figures.h"
#include "dorn/note.h"
#include "dorn/text.h"
#include "pdf.h"

#define TITLE "Deprivation orders: the unit's figures"

/* A4 on its side; margins as a slide's, not a court bundle's. */
#define PAGE_W PDF_PAGE_H
#define PAGE_H PDF_PAGE_W
#define MX (15 * PDF_MM)
#define MT (13 * PDF_MM)
#define MB (10 * PDF_MM)
#define CW (PAGE_W - 2 * MX)
#define LW 450.0                   /* the left column: the funnel */
#define GUTTER 26.0
#define RX (MX + LW + GUTTER)      /* the right column: the baseline */
#define RW (PAGE_W - MX - RX)
#define NUM_W 54.0                 /* a count's column: "fewer than 5" fits */
#define SHARE_W 60.0
#define ITEMS_W 62.0
#define LABEL_W 118.0
#define CELL_GAP 8.0

/* The type, in points; gray from 0 (black) to 1 (white). */
enum type { T_TITLE, T_UNIT, T_SUB, T_H2, T_CAPTION, T_LABEL, T_STRONG, T_NUM, T_SHARE,
	    T_HEAD, T_QUIET, T_VALUE, T_SMALL, T__COUNT };

static const struct {
	double size;
	int bold;
	double gray;
} type[T__COUNT] = {
	[T_TITLE] = { 21, 1, 0 },      [T_UNIT] = { 12, 1, 0.15 },
	[T_SUB] = { 10.5, 0, 0.3 },    [T_H2] = { 12.5, 1, 0 },
	[T_CAPTION] = { 8.5, 0, 0.35 }, [T_LABEL] = { 9.5, 0, 0 },
	[T_STRONG] = { 9.5, 1, 0 },    [T_NUM] = { 10, 1, 0 },
	[T_SHARE] = { 9.5, 0, 0.3 },   [T_HEAD] = { 8, 1, 0.35 },
	[T_QUIET] = { 8, 0, 0.35 },    [T_VALUE] = { 15, 1, 0 },
	[T_SMALL] = { 7.5, 0, 0.35 },
};

/* The unit's bars in a dark blue that prints as a dark gray; the
 * baseline's in a mid gray; the 100% track behind a rate's bar. */
static const double ink_bar[3] = { 0.13, 0.27, 0.46 };
#define BASE_GRAY 0.6
#define TRACK_GRAY 0.9
#define ZEBRA_GRAY 0.955
#define RULE_GRAY 0.72

/* LEFT and RIGHT wrap to the width given; FIT keeps to one line, cut
 * with an ellipsis, for what comes from outside (a login, the unit's or
 * the baseline's name) and must not run into its neighbours. */
enum align { LEFT, RIGHT, FIT };

struct page {
	cairo_t *cr;
	PangoContext *ctx;
	const char *family;
	const struct dorn_figures *f;
	int below;
	char hidden[32];   /* "fewer than 5" */
	int oom;
};

/* ---- drawing ---- */

static void gray(cairo_t *cr, double g)
{
	cairo_set_source_rgb(cr, g, g, g);
}

static void fill_rgb(struct page *p, double x, double y, double w, double h, const double *rgb)
{
	if (w <= 0 || h <= 0)
		return;
	cairo_set_source_rgb(p->cr, rgb[0], rgb[1], rgb[2]);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
}

static void fill(struct page *p, double x, double y, double w, double h, double g)
{
	const double rgb[3] = { g, g, g };

	fill_rgb(p, x, y, w, h, rgb);
}

static void fill_ink(struct page *p, double x, double y, double w, double h)
{
	fill_rgb(p, x, y, w, h, ink_bar);
}

static void rule(struct page *p, double x0, double y, double x1, double g, double w)
{
	gray(p->cr, g);
	cairo_set_line_width(p->cr, w);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

static PangoLayout *layout(struct page *p, enum type t, double width, const char *text)
{
	PangoLayout *l = pdf_layout(p->ctx, p->family, type[t].size, type[t].bold, 0, width, text);

	if (!l)
		p->oom = 1;
	return l;
}

/* How wide text is, set in t on one line. */
static double width_of(struct page *p, enum type t, const char *text)
{
	PangoLayout *l = layout(p, t, -1, text);
	PangoRectangle ext;

	if (!l)
		return 0;
	pango_layout_get_extents(l, NULL, &ext);
	g_object_unref(l);
	return (double)ext.width / PANGO_SCALE;
}

/* text in t, its first baseline at base; x is its left edge, or with
 * RIGHT its right edge. Wrapped to w points (-1: one line). Returns the
 * bottom of its last line. */
static double text_at(struct page *p, enum type t, double x, double base, double w,
		      enum align a, const char *text)
{
	PangoLayout *l = layout(p, t, w, text);
	PangoRectangle ext;
	double top;

	if (!l)
		return base;
	if (a == FIT && w > 0)
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_get_extents(l, NULL, &ext);
	if (a == RIGHT)
		x -= (double)ext.width / PANGO_SCALE;
	top = base - (double)pango_layout_get_baseline(l) / PANGO_SCALE;
	gray(p->cr, type[t].gray);
	pdf_show(p->cr, l, x, top);
	g_object_unref(l);
	return top + (double)ext.height / PANGO_SCALE;
}

/* The same, as an element of its own (P, H1, TH, TD ...). */
static double leaf(struct page *p, const char *tag, enum type t, double x, double base, double w,
		   enum align a, const char *text)
{
	double y;

	cairo_tag_begin(p->cr, tag, NULL);
	y = text_at(p, t, x, base, w, a, text);
	cairo_tag_end(p->cr, tag);
	return y;
}

/* The height text takes in t, wrapped to w. */
static double height_of(struct page *p, enum type t, double w, const char *text)
{
	PangoLayout *l = layout(p, t, w, text);
	PangoRectangle ext;

	if (!l)
		return 0;
	pango_layout_get_extents(l, NULL, &ext);
	g_object_unref(l);
	return (double)ext.height / PANGO_SCALE;
}

/* From the top of a line of t to its baseline, near enough for placing
 * (DejaVu Sans rises 0.93 of its size). */
static double ascent(enum type t)
{
	return type[t].size * 0.93;
}

/* A section's heading, its top at y, w wide; returns where what follows
 * starts. */
static double heading(struct page *p, double x, double w, double y, const char *text)
{
	return leaf(p, "H2", T_H2, x, y + ascent(T_H2), w, LEFT, text) + 3;
}

/* ---- the numbers as words, hidden as the CSV hides them ---- */

static int hidden(const struct page *p, long v)
{
	return dorn_fig_count_hidden(v, p->below);
}

static const char *count_text(const struct page *p, long v, char *out, size_t n)
{
	if (hidden(p, v))
		snprintf(out, n, "%s", p->hidden);
	else
		snprintf(out, n, "%ld", v);
	return out;
}

/* v's share of den: "3%", "suppressed" when either is hidden, "-" with no
 * denominator. 1 when there is a share to draw. */
static int share_text(const struct page *p, long v, long den, char *out, size_t n)
{
	if (den <= 0) {
		snprintf(out, n, "-");
		return 0;
	}
	if (hidden(p, v) || hidden(p, den)) {
		snprintf(out, n, "suppressed");
		return 0;
	}
	dorn_fig_pct_text(v, den, out, n);
	return 1;
}

/* A bar's length for v of den in w points: any v above 0 shows. */
static double bar_len(long v, long den, double w)
{
	double len;

	if (v <= 0 || den <= 0)
		return 0;
	len = w * (double)(v > den ? den : v) / (double)den;
	return len < 1.5 ? 1.5 : len;
}

/* ---- the title ---- */

static void range_words(const struct dorn_figures *f, char *out, size_t n)
{
	char a[32], b[32];

	dorn_date_long(f->from, a);
	dorn_date_long(f->to, b);
	if (*a && *b)
		snprintf(out, n, "Cases recorded from %s to %s", a, b);
	else if (*a)
		snprintf(out, n, "Cases recorded from %s on", a);
	else if (*b)
		snprintf(out, n, "Cases recorded up to %s", b);
	else
		snprintf(out, n, "Every case recorded");
}

static double title(struct page *p, const char *unit)
{
	char range[128], made[64], day[32];
	double base = MT + ascent(T_TITLE), y;

	leaf(p, "H1", T_TITLE, MX, base, -1, LEFT, TITLE);
	/* the unit's name beside the title, or under it when it is too long */
	if (*unit && width_of(p, T_UNIT, unit) <= CW - width_of(p, T_TITLE, TITLE) - 24) {
		leaf(p, "P", T_UNIT, PAGE_W - MX, base, -1, RIGHT, unit);
	} else if (*unit) {
		base += 19;
		leaf(p, "P", T_UNIT, MX, base, CW, FIT, unit);
	}
	base += 20;
	range_words(p->f, range, sizeof range);
	y = leaf(p, "P", T_SUB, MX, base, -1, LEFT, range);
	dorn_date_long(p->f->today, day);
	if (*day) {
		snprintf(made, sizeof made, "Made on %s", day);
		leaf(p, "P", T_SUB, PAGE_W - MX, base, -1, RIGHT, made);
	}
	fill_ink(p, MX, y + 4.2, CW, 1.6);
	return y + 19;
}

/* ---- a table of bars: a stage (or kind of item) a row ---- */

struct bar_row {
	int count;   /* enum dorn_fig_count */
	int items;   /* the items' count beside it, -1 for none */
	int strong;  /* the row the page is about */
};

struct bars {
	double x, w;           /* the table's left edge and width */
	int with_items;        /* a column of items after the share */
	double rh;             /* a row's height */
	const char *head[4];   /* label, count, share, items */
};

/* Where a table of bars puts its columns: right edges of the numbers. */
static void bars_cols(const struct bars *b, double *count_r, double *share_r, double *items_r,
		      double *bx, double *bw)
{
	*items_r = b->x + b->w - 3;
	*share_r = *items_r - (b->with_items ? ITEMS_W : 0);
	*count_r = *share_r - SHARE_W;
	*bx = b->x + LABEL_W + CELL_GAP;
	*bw = *count_r - NUM_W - CELL_GAP - *bx;
}

/* The table's heading row, its top at y; returns its bottom. */
static double bars_head(struct page *p, const struct bars *b, double y)
{
	double base = y + ascent(T_HEAD) + 1, cr, sr, ir, bx, bw;

	bars_cols(b, &cr, &sr, &ir, &bx, &bw);
	cairo_tag_begin(p->cr, "TR", NULL);
	leaf(p, "TH", T_HEAD, b->x + 3, base, -1, LEFT, b->head[0]);
	leaf(p, "TH", T_HEAD, cr, base, -1, RIGHT, b->head[1]);
	leaf(p, "TH", T_HEAD, sr, base, -1, RIGHT, b->head[2]);
	if (b->with_items)
		leaf(p, "TH", T_HEAD, ir, base, -1, RIGHT, b->head[3]);
	cairo_tag_end(p->cr, "TR");
	y = base + 4;
	rule(p, b->x, y, b->x + b->w, RULE_GRAY, 0.6);
	return y + 1;
}

/* The rows of s, each bar its count's share of den (a count of s);
 * returns the bottom of the last. */
static double bars_rows(struct page *p, const struct bars *b, double y,
			const struct dorn_fig_set *s, const struct bar_row *rows, int n, int den)
{
	double cr, sr, ir, bx, bw, bh = b->rh * 0.56, top = y;
	char v[48], share[32];

	bars_cols(b, &cr, &sr, &ir, &bx, &bw);
	for (int i = 0; i < n; i++) {
		const struct bar_row *r = &rows[i];
		long c = s->n[r->count], d = s->n[den];
		double base = y + b->rh / 2 + type[T_LABEL].size * 0.36;
		int shown = share_text(p, c, d, share, sizeof share);

		if (i % 2 == 0)
			fill(p, b->x, y, b->w, b->rh, ZEBRA_GRAY);
		cairo_tag_begin(p->cr, "TR", NULL);
		leaf(p, "TH", r->strong ? T_STRONG : T_LABEL, b->x + 3, base, LABEL_W - 3, LEFT,
		     dorn_fig_counts[r->count].label);
		if (shown)
			fill_ink(p, bx, y + (b->rh - bh) / 2, bar_len(c, d, bw), bh);
		leaf(p, "TD", hidden(p, c) ? T_QUIET : T_NUM, cr, base, -1, RIGHT,
		     count_text(p, c, v, sizeof v));
		leaf(p, "TD", shown || d <= 0 ? T_SHARE : T_QUIET, sr, base, -1, RIGHT, share);
		if (b->with_items && r->items >= 0) {
			long it = s->n[r->items];

			leaf(p, "TD", hidden(p, it) ? T_QUIET : T_NUM, ir, base, -1, RIGHT,
			     count_text(p, it, v, sizeof v));
		}
		cairo_tag_end(p->cr, "TR");
		y += b->rh;
	}
	/* where every bar starts */
	gray(p->cr, 0.45);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, bx, top);
	cairo_line_to(p->cr, bx, y);
	cairo_stroke(p->cr);
	return y;
}

/* A section's heading with, on its right, what its bars show. */
static double heading_with(struct page *p, double x, double w, double y, const char *text,
			   const char *right)
{
	double end = heading(p, x, w, y, text);

	leaf(p, "P", T_CAPTION, x + w, y + ascent(T_H2), -1, RIGHT, right);
	return end;
}

static const struct bar_row funnel_rows[] = {
	{ DORN_FC_CONCERNS, DORN_FC_ITEMS, 0 },
	{ DORN_FC_APPROVED, -1, 0 },
	{ DORN_FC_EXPORTED, -1, 0 },
	{ DORN_FC_OUTCOME, -1, 0 },
	{ DORN_FC_SOUGHT, DORN_FC_ITEMS_SOUGHT, 0 },
	{ DORN_FC_MADE, DORN_FC_ITEMS_MADE, 1 },
	{ DORN_FC_REFUSED, DORN_FC_ITEMS_REFUSED, 0 },
	{ DORN_FC_RETURNED, DORN_FC_ITEMS_RETURNED, 0 },
};
#define FUNNEL_ROWS ((int)(sizeof funnel_rows / sizeof funnel_rows[0]))

static const struct bar_row item_rows[] = {
	{ DORN_FC_ITEMS, -1, 0 },           { DORN_FC_ITEMS_SOUGHT, -1, 0 },
	{ DORN_FC_ITEMS_MADE, -1, 1 },      { DORN_FC_ITEMS_REFUSED, -1, 0 },
	{ DORN_FC_ITEMS_NOT_SOUGHT, -1, 0 }, { DORN_FC_ITEMS_RETURNED, -1, 0 },
	{ DORN_FC_ITEMS_HELD, -1, 0 },
};
#define ITEM_ROWS ((int)(sizeof item_rows / sizeof item_rows[0]))

static double funnel(struct page *p, double y, double rh)
{
	const struct dorn_fig_set *s = &p->f->all;
	struct bars b = { MX, LW, 1, rh, { "Stage", "Cases", "Share", "Items" } };
	char line[256], a[48], c[48];

	y = heading_with(p, MX, LW, y, "From concern to order",
			 "bars: cases, as a share of the concerns recorded");
	cairo_tag_begin(p->cr, "Table", NULL);
	y = bars_head(p, &b, y);
	y = bars_rows(p, &b, y, s, funnel_rows, FUNNEL_ROWS, DORN_FC_CONCERNS);
	cairo_tag_end(p->cr, "Table");
	snprintf(line, sizeof line, "Items are the devices and accounts of those cases. Not asked "
		 "for: %s. Still held by the police: %s.",
		 count_text(p, s->n[DORN_FC_ITEMS_NOT_SOUGHT], a, sizeof a),
		 count_text(p, s->n[DORN_FC_ITEMS_HELD], c, sizeof c));
	return leaf(p, "P", T_QUIET, MX, y + 5 + ascent(T_QUIET), LW, LEFT, line);
}

/* Without groups, the items have the room the groups would take. */
static double items_chart(struct page *p, double y, double rh)
{
	struct bars b = { MX, LW, 0, rh, { "Item", "Items", "Share", "" } };

	y = heading_with(p, MX, LW, y, "Devices and accounts",
			 "bars: items, as a share of all the items");
	cairo_tag_begin(p->cr, "Table", NULL);
	y = bars_head(p, &b, y);
	y = bars_rows(p, &b, y, &p->f->all, item_rows, ITEM_ROWS, DORN_FC_ITEMS);
	cairo_tag_end(p->cr, "Table");
	return y;
}

/* ---- the orders rate beside the baseline ---- */

/* One of the pair: its label, "N of M" and share on a line, the bar on
 * its 100% track below. */
static double pair_row(struct page *p, double y, const char *label, long made, long of,
		       int hide, int unit)
{
	char v[128], a[48], b[48], share[32];
	double base = y + ascent(T_VALUE), bh = 13;
	int shown;

	if (of <= 0) {
		snprintf(v, sizeof v, "no case decided yet");
		snprintf(share, sizeof share, "-");
		shown = 0;
	} else if (hide) {
		snprintf(v, sizeof v, "%s of %s", count_text(p, made, a, sizeof a),
			 count_text(p, of, b, sizeof b));
		shown = share_text(p, made, of, share, sizeof share);
	} else {
		snprintf(v, sizeof v, "%ld of %ld", made, of);
		dorn_fig_pct_text(made, of, share, sizeof share);
		shown = 1;
	}
	cairo_tag_begin(p->cr, "TR", NULL);
	leaf(p, "TH", T_STRONG, RX, base, RW - 150, FIT, label);
	leaf(p, "TD", shown ? T_LABEL : T_QUIET, PAGE_W - MX - SHARE_W, base, -1, RIGHT, v);
	leaf(p, "TD", shown ? T_VALUE : T_QUIET, PAGE_W - MX, base, -1, RIGHT, share);
	cairo_tag_end(p->cr, "TR");
	y = base + 5;
	fill(p, RX, y, RW, bh, TRACK_GRAY);
	if (shown) {
		if (unit)
			fill_ink(p, RX, y, bar_len(made, of, RW), bh);
		else
			fill(p, RX, y, bar_len(made, of, RW), bh, BASE_GRAY);
	}
	return y + bh + 8;
}

#define PAIR_H (ascent(T_VALUE) + 5 + 13 + 8)

/* The pair and its source, spread down the column so that it ends where
 * the funnel beside it ends (bottom), or lower if it must. */
static double baseline(struct page *p, double y, double bottom)
{
	const struct dorn_fig_baseline *bl = &p->f->baseline;
	const struct dorn_fig_set *s = &p->f->all;
	char head[128], src[640];
	double gap = 0, h = 0;
	int n = bl->of > 0 ? 2 : 1;

	snprintf(head, sizeof head, "Orders made, beside the %s",
		 bl->label[0] ? bl->label : "baseline");
	if (bl->of > 0 && bl->source[0]) {
		snprintf(src, sizeof src, "Source: %s", bl->source);
		h = height_of(p, T_SMALL, RW, src);
	}
	y = heading(p, RX, RW, y, head);
	y = leaf(p, "P", T_CAPTION, RX, y + ascent(T_CAPTION), RW, LEFT,
		 "Cases with an order, of the cases decided; each track is 100%.") + 4;
	if (bottom - y > n * PAIR_H + h)
		gap = (bottom - y - n * PAIR_H - h) / (n + 1);
	if (gap > 24)
		gap = 24;
	cairo_tag_begin(p->cr, "Table", NULL);
	y = pair_row(p, y + gap, "This unit", s->n[DORN_FC_MADE], s->n[DORN_FC_OUTCOME],
		     dorn_fig_rate_hidden(s, DORN_FR_MADE_OF_OUTCOMES, p->below), 1);
	if (bl->of > 0)
		y = pair_row(p, y + gap, bl->label[0] ? bl->label : "Baseline", bl->made, bl->of,
			     0, 0);
	cairo_tag_end(p->cr, "Table");
	if (h > 0)
		y = leaf(p, "P", T_SMALL, RX, y + gap + ascent(T_SMALL), RW, LEFT, src);
	return y;
}

/* ---- the times and the hearings missed, as three tiles ---- */

#define TILE_GAP 10.0
#define TILE_PAD 6.0
#define TILE_H 39.0

struct tile {
	char label[96], value[48], sub[128];
	int quiet;   /* no value to stand out: none yet, or suppressed */
};

/* A tile: its label on top, its value below it and beside the value
 * what it rests on; drawn in that order, so that it is read so. When the
 * two would run into each other ("suppressed" beside "fewer than 5 of
 * fewer than 5 hearings passed"), the value moves up beside the label
 * and what it rests on has the bottom line to itself. */
static void tile(struct page *p, double x, double y, double w, const struct tile *t)
{
	double lb = y + TILE_PAD + ascent(T_CAPTION), vb = y + TILE_H - TILE_PAD - 1;
	double tx = x + TILE_PAD + 3, inner = w - (tx - x) - TILE_PAD;
	enum type vt = t->quiet ? T_SHARE : T_VALUE;
	int apart = width_of(p, vt, t->value) + 8 + width_of(p, T_QUIET, t->sub) > inner;

	fill(p, x, y, w, TILE_H, ZEBRA_GRAY);
	fill_ink(p, x, y, 3, TILE_H);
	cairo_tag_begin(p->cr, "P", NULL);
	text_at(p, T_CAPTION, tx, lb, -1, LEFT, t->label);
	if (apart) {
		text_at(p, vt, x + w - TILE_PAD, lb, -1, RIGHT, t->value);
		text_at(p, T_QUIET, tx, vb, inner, FIT, t->sub);
	} else {
		text_at(p, vt, tx, vb, -1, LEFT, t->value);
		text_at(p, T_QUIET, x + w - TILE_PAD, vb, -1, RIGHT, t->sub);
	}
	cairo_tag_end(p->cr, "P");
}

/* The medians and the hearings missed: three tiles across the page. */
static double times(struct page *p, double y)
{
	const struct dorn_fig_set *s = &p->f->all;
	struct tile t[DORN_FD__COUNT + 1];
	double w = (CW - 2 * TILE_GAP) / 3;
	char a[48], b[48];
	long num, den;

	memset(t, 0, sizeof t);
	for (int d = 0; d < DORN_FD__COUNT; d++) {
		snprintf(t[d].label, sizeof t[d].label, "%s", dorn_fig_days[d].label);
		t[d].quiet = 1;
		if (!s->nvalues[d]) {
			snprintf(t[d].value, sizeof t[d].value, "none yet");
			snprintf(t[d].sub, sizeof t[d].sub, "median: no note yet");
			continue;
		}
		if (dorn_fig_days_hidden(s, d, p->below)) {
			snprintf(t[d].value, sizeof t[d].value, "suppressed");
		} else {
			dorn_fig_days_text(s->median2[d], t[d].value, sizeof t[d].value);
			t[d].quiet = 0;
		}
		snprintf(t[d].sub, sizeof t[d].sub, "median of %s note%s",
			 count_text(p, s->nvalues[d], a, sizeof a), s->nvalues[d] == 1 ? "" : "s");
	}
	snprintf(t[2].label, sizeof t[2].label, "Notes that missed their hearing");
	dorn_fig_rate(s, DORN_FR_MISSED, &num, &den);
	if (den <= 0) {
		snprintf(t[2].value, sizeof t[2].value, "none yet");
		snprintf(t[2].sub, sizeof t[2].sub, "no hearing has passed");
		t[2].quiet = 1;
	} else {
		t[2].quiet = !share_text(p, num, den, t[2].value, sizeof t[2].value);
		snprintf(t[2].sub, sizeof t[2].sub, "%s of %s hearings passed",
			 count_text(p, num, a, sizeof a), count_text(p, den, b, sizeof b));
	}
	for (int i = 0; i < 3; i++)
		tile(p, MX + i * (w + TILE_GAP), y, w, &t[i]);
	return y + TILE_H;
}

/* ---- the other rates, without groups ---- */

static double rates(struct page *p, double y)
{
	const struct dorn_fig_set *s = &p->f->all;
	char v[128], a[48], b[48], share[32];
	long num, den;
	int row = 0;

	y = heading(p, RX, RW, y, "Rates") + 1;
	cairo_tag_begin(p->cr, "Table", NULL);
	for (int r = 0; r < DORN_FR__COUNT; r++) {
		double base, h = 24;
		int shown;

		/* beside the baseline, and in the tiles */
		if (r == DORN_FR_MADE_OF_OUTCOMES || r == DORN_FR_MISSED)
			continue;
		dorn_fig_rate(s, r, &num, &den);
		shown = share_text(p, num, den, share, sizeof share);
		snprintf(v, sizeof v, "%s of %s", count_text(p, num, a, sizeof a),
			 count_text(p, den, b, sizeof b));
		if (row++ % 2 == 0)
			fill(p, RX, y, RW, h, ZEBRA_GRAY);
		base = y + 3 + ascent(T_LABEL);
		cairo_tag_begin(p->cr, "TR", NULL);
		leaf(p, "TH", T_LABEL, RX + 3, base, RW - 70, LEFT, dorn_fig_rates[r].label);
		leaf(p, "TD", T_QUIET, RX + 3, base + 10.5, -1, LEFT, v);
		leaf(p, "TD", shown ? T_NUM : T_QUIET, PAGE_W - MX - 3, y + h / 2 + 3.5, -1, RIGHT,
		     share);
		cairo_tag_end(p->cr, "TR");
		y += h;
	}
	cairo_tag_end(p->cr, "Table");
	return y;
}

/* ---- the groups ---- */

static const struct {
	const char *head;
	int count;
} group_cols[] = {
	{ "Cases", DORN_FC_CONCERNS },  { "Approved", DORN_FC_APPROVED },
	{ "Exported", DORN_FC_EXPORTED }, { "Decided", DORN_FC_OUTCOME },
	{ "Asked for", DORN_FC_SOUGHT }, { "Made", DORN_FC_MADE },
	{ "Refused", DORN_FC_REFUSED },
};
#define GROUP_COLS ((int)(sizeof group_cols / sizeof group_cols[0]))
#define GROUP_LABEL_W 168.0
#define GROUP_NUM_W 58.0
#define GROUP_RH 13.5
#define GROUP_TRACK 90.0

static const char *by_words(int by, int many)
{
	switch (by) {
	case DORN_FIG_BY_MONTH:
		return many ? "months" : "month";
	case DORN_FIG_BY_OFFENCE:
		return many ? "offences" : "offence";
	case DORN_FIG_BY_UNIT:
		return many ? "units" : "unit";
	default:
		return many ? "officers" : "officer";
	}
}

static void group_row(struct page *p, double y, const struct dorn_fig_set *s, const char *label,
		      int strong, int zebra)
{
	double base = y + GROUP_RH / 2 + type[T_LABEL].size * 0.36, x = MX + GROUP_LABEL_W;
	double rate_x = x + GROUP_COLS * GROUP_NUM_W + 16;
	char v[48], share[32];
	int shown;

	if (zebra)
		fill(p, MX, y, CW, GROUP_RH, ZEBRA_GRAY);
	cairo_tag_begin(p->cr, "TR", NULL);
	leaf(p, "TH", strong ? T_STRONG : T_LABEL, MX + 3, base, GROUP_LABEL_W - 8, FIT, label);
	for (int c = 0; c < GROUP_COLS; c++) {
		long n = s->n[group_cols[c].count];

		x += GROUP_NUM_W;
		leaf(p, "TD", hidden(p, n) ? T_QUIET : (strong ? T_STRONG : T_LABEL), x - 4, base,
		     -1, RIGHT, count_text(p, n, v, sizeof v));
	}
	shown = share_text(p, s->n[DORN_FC_MADE], s->n[DORN_FC_OUTCOME], share, sizeof share);
	if (s->n[DORN_FC_OUTCOME] <= 0)
		snprintf(share, sizeof share, "none decided");
	fill(p, rate_x, y + 3.5, GROUP_TRACK, GROUP_RH - 7, TRACK_GRAY);
	if (shown)
		fill_ink(p, rate_x, y + 3.5,
			 bar_len(s->n[DORN_FC_MADE], s->n[DORN_FC_OUTCOME], GROUP_TRACK),
			 GROUP_RH - 7);
	leaf(p, "TD", shown ? (strong ? T_STRONG : T_LABEL) : T_QUIET, rate_x + GROUP_TRACK + 8,
	     base, -1, LEFT, share);
	cairo_tag_end(p->cr, "TR");
}

/* Which groups fit in rows: all of them, or the most recent months, or
 * the groups with the most cases (shown in the model's order). */
static void choose(const struct dorn_figures *f, size_t rows, unsigned char *show)
{
	memset(show, 1, f->ngroups);
	if (f->ngroups <= rows)
		return;
	memset(show, 0, f->ngroups);
	if (f->by == DORN_FIG_BY_MONTH) {
		memset(show + f->ngroups - rows, 1, rows);
		return;
	}
	for (size_t k = 0; k < rows; k++) {
		size_t best = f->ngroups;

		for (size_t g = 0; g < f->ngroups; g++)
			if (!show[g] && (best == f->ngroups ||
					 f->groups[g].n[DORN_FC_CONCERNS] >
						 f->groups[best].n[DORN_FC_CONCERNS]))
				best = g;
		show[best] = 1;
	}
}

static int groups(struct page *p, double y, double bottom)
{
	const struct dorn_figures *f = p->f;
	const char *word = by_words(f->by, 0);
	double base, x = MX + GROUP_LABEL_W, room;
	size_t rows, shown = 0;
	unsigned char *show;
	char head[64], more[256];

	snprintf(head, sizeof head, "By %s", word);
	y = heading_with(p, MX, CW, y, head, "the orders' bars: cases with an order, of the "
			 "cases decided; each track is 100%");
	/* the heading row and the whole range's row take their room first,
	 * and when not every group fits, the line saying how many more */
	room = bottom - y - 16 - GROUP_RH - 2;
	rows = (size_t)(room / GROUP_RH);
	if (rows < f->ngroups)
		rows = room - 14 > GROUP_RH ? (size_t)((room - 14) / GROUP_RH) : 1;
	if (!(show = malloc(f->ngroups ? f->ngroups : 1))) {
		p->oom = 1;
		return DORN_ENOMEM;
	}
	choose(f, rows, show);
	cairo_tag_begin(p->cr, "Table", NULL);
	base = y + ascent(T_HEAD) + 1;
	cairo_tag_begin(p->cr, "TR", NULL);
	snprintf(head, sizeof head, "%c%s", word[0] - 'a' + 'A', word + 1);
	leaf(p, "TH", T_HEAD, MX + 3, base, -1, LEFT, head);
	for (int c = 0; c < GROUP_COLS; c++) {
		x += GROUP_NUM_W;
		leaf(p, "TH", T_HEAD, x - 4, base, -1, RIGHT, group_cols[c].head);
	}
	leaf(p, "TH", T_HEAD, x + 16, base, -1, LEFT, "Orders made, of cases decided");
	cairo_tag_end(p->cr, "TR");
	y = base + 4;
	rule(p, MX, y, MX + CW, RULE_GRAY, 0.6);
	y += 1;
	for (size_t g = 0; g < f->ngroups; g++) {
		if (!show[g])
			continue;
		group_row(p, y, &f->groups[g], f->groups[g].label, 0, shown % 2 == 0);
		y += GROUP_RH;
		shown++;
	}
	rule(p, MX, y + 0.5, MX + CW, 0.45, 0.8);
	group_row(p, y + 1, &f->all, f->all.label, 1, 0);
	y += GROUP_RH + 1;
	cairo_tag_end(p->cr, "Table");
	if (shown < f->ngroups) {
		size_t left = f->ngroups - shown;

		if (f->by == DORN_FIG_BY_MONTH)
			snprintf(more, sizeof more, "The %zu earlier %s not shown: "
				 "dorn figures --by month --format csv has every one.", left,
				 left == 1 ? "month is" : "months are");
		else
			snprintf(more, sizeof more, "%zu more %s, with fewer cases, %s not shown: "
				 "dorn figures --by %s --format csv has every one.", left,
				 by_words(f->by, left != 1), left == 1 ? "is" : "are", word);
		leaf(p, "P", T_QUIET, MX, y + 4 + ascent(T_QUIET), CW, LEFT, more);
	}
	free(show);
	return 0;
}

/* ---- the page ---- */

/* What the page hides, and that it holds no one: at the foot. */
static double notes_top(struct page *p, char *text, size_t n)
{
	if (p->below > 1)
		snprintf(text, n, "No personal data: counts of cases and of their devices and "
			 "accounts, from the unit's figure records, which hold no names, URNs or "
			 "words. Counts from 1 to %d are shown as \"%s\", and a share or median "
			 "resting on one as \"suppressed\" ([figures] suppress_below = %d). Days are "
			 "calendar days.", p->below - 1, p->hidden, p->below);
	else
		snprintf(text, n, "No personal data: counts of cases and of their devices and "
			 "accounts, from the unit's figure records, which hold no names, URNs or "
			 "words. Every count is exact ([figures] suppress_below = 0): look at the "
			 "small ones before this page leaves the unit. Days are calendar days.");
	return PAGE_H - MB - height_of(p, T_SMALL, CW, text);
}

static int draw(struct page *p, const char *unit)
{
	char notes[768];
	double top, left, right, foot = notes_top(p, notes, sizeof notes);
	int rc = 0;

	cairo_tag_begin(p->cr, "Document", NULL);
	top = title(p, unit);
	left = funnel(p, top, p->f->by ? 15.5 : 19);
	right = baseline(p, top, left);
	top = times(p, (left > right ? left : right) + 12) + (p->f->by ? 12 : 16);
	if (p->f->by) {
		rc = groups(p, top, foot - 8);
	} else {
		items_chart(p, top, 18);
		rates(p, top);
	}
	rule(p, MX, foot - 5, MX + CW, RULE_GRAY, 0.5);
	leaf(p, "P", T_SMALL, MX, foot + ascent(T_SMALL), CW, LEFT, notes);
	cairo_tag_end(p->cr, "Document");
	return rc ? rc : p->oom ? DORN_ENOMEM : 0;
}

int dorn_figures_pdf(const struct dorn_figures *f, const struct dorn_figures_pdf_meta *m,
		     struct dorn_buf *out, struct dorn_err *err)
{
	char unit[256], range[128], keywords[400];
	struct pdf_info info = { TITLE, range, unit, keywords, f->today };
	struct page p;
	struct pdf_doc d;
	int rc;

	memset(&p, 0, sizeof p);
	snprintf(unit, sizeof unit, "%s", m->unit ? m->unit : "");
	dorn_text_strip(unit, 0);
	range_words(f, range, sizeof range);
	snprintf(keywords, sizeof keywords, "%s%s%s", unit, *unit ? ", " : "", range);
	if ((rc = pdf_doc_open(&d, m->font, PAGE_W, PAGE_H, &info, out, err)))
		goto out;
	p.cr = d.cr;
	p.ctx = d.ctx;
	p.family = d.font.family;
	p.f = f;
	p.below = m->below > 1 ? m->below : 0;
	snprintf(p.hidden, sizeof p.hidden, "fewer than %d", p.below);
	if ((rc = draw(&p, unit))) {
		rc = dorn_err_set(err, rc, "out of memory while making the figures' PDF");
		goto out;
	}
	rc = pdf_doc_finish(&d, err);
out:
	pdf_doc_close(&d, rc);
	return rc;
}
