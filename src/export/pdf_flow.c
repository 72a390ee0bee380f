/* The note laid out on pages. Each block of the document (doc.h) becomes
 * a box: one or more cells of lines that pango has broken and measured
 * (a field's label and value, a table row's cells), with the space it
 * wants around it and what it must be kept with. The boxes are then
 * placed down the pages, and what each page shows is written as ops that
 * pdf.c draws. Laying out everything before drawing anything is what lets
 * each page's header say "Page x of y".
 *
 * Structure elements (tags) follow the ops: an element that holds text
 * itself (P, H1, TD, ...) is a leaf, and cairo marks everything drawn
 * while a leaf is open as part of it. So a leaf crosses at most one page
 * end (pdf.c draws each page's header and footer where no leaf is open),
 * and a table row split over pages becomes one row element per page. */
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "dorn/buf.h"
#include "dorn/doc.h"
#include "dorn/err.h"
#include "dorn/text.h"
#include "pdf.h"

/* ---- the type ---- */

enum style { ST_BODY, ST_TITLE, ST_PART, ST_ITEM, ST_LABEL, ST_BANNER, ST_DRAFT, ST_CELL,
	     ST_HEAD, ST__COUNT };

/* Sizes in points; spacing is baseline to baseline as a multiple of the
 * font's own line height (DejaVu Sans: 1.16 of its size). */
static const struct {
	double size;
	int bold;
	double spacing;
} styles[ST__COUNT] = {
	[ST_BODY] = { 10, 0, 1.16 },   [ST_TITLE] = { 15, 1, 1.05 },
	[ST_PART] = { 11.5, 1, 1.1 },  [ST_ITEM] = { 10, 1, 1.16 },
	[ST_LABEL] = { 10, 1, 1.16 },  [ST_BANNER] = { 10, 1, 1.16 },
	[ST_DRAFT] = { 14, 1, 1.0 },   [ST_CELL] = { 9, 0, 1.1 },
	[ST_HEAD] = { 9, 1, 1.1 },
};

#define GAP_BLANK 7.0            /* a blank line of the note */
#define HANG 10.0                /* a list item's text, after its "-" */
#define LABEL_COL (45 * PDF_MM)  /* a field's value, from the left margin */
#define LABEL_GAP (4 * PDF_MM)
#define QUOTE_IN (8 * PDF_MM)    /* the victim's words, in from both sides */
#define QUOTE_RULE (4.5 * PDF_MM)
#define BANNER_PAD 6.0
#define BANNER_BAR 3.0
#define CELL_PAD_X 3.5
#define CELL_PAD_Y 3.0
#define CELL_PARA 3.0            /* between paragraphs of one table cell */
#define GRID_COLS 78             /* a note stored as plain text was wrapped at this */

/* What a box draws besides its text. */
enum deco { DECO_NONE, DECO_TITLE, DECO_BANNER, DECO_DRAFT, DECO_QUOTE, DECO_HEAD, DECO_ROW };

struct pdf_cell {
	struct pdf_line *l;
	size_t n, cap;
	double x;              /* page x of the cell's text */
	double x0, x1;         /* a table cell's ruled edges */
	const char *tag;       /* TH or TD in a table, else NULL */
	size_t from, to;       /* paging: the lines of the piece being placed */
};

struct pdf_box {
	struct pdf_cell *cell;
	size_t ncells;
	const char *tag;       /* P, H1, H2, H3; TR for a table row */
	const char *group;     /* BlockQuote, Table: around a run of such boxes */
	size_t run;            /* the first box of that run */
	enum deco deco;
	double pad_top, pad_bot;
	double before, after;  /* space it wants around it; neighbours take the larger */
	int blank;             /* a blank line of the note comes before it */
	int keep_next;         /* a heading: never the last thing on a page */
	int whole;             /* not split over pages when it fits on one */
	int orphans;           /* split only with two lines or more on each side */
	int page_before;       /* starts a page (the annex's title) */
	size_t block;          /* an item's heading: the boxes after it kept with it */
	size_t head;           /* a table row: its table's heading row's box + 1 */
	int row;               /* a table row: its cells are the elements */
};

struct build {
	PangoContext *ctx;
	const char *family;
	struct pdf_flow *fl;
	int blank;        /* a blank line waits for the next box */
	int under_label;  /* list items go under the value of the field before */
	int titles;
	PangoLayout *dash[ST__COUNT];  /* "- " in each style (owned by fl) */
};

static int is_gap(char c)
{
	return c == ' ' || c == '\t';
}

/* 1 when pango could break the word s[0..n) inside: anything but letters
 * of the English alphabet, an apostrophe, and the punctuation that ends a
 * word. (A word of plain letters needs no attribute, and most words are
 * such: each attribute costs pango time.) */
static int breakable(const char *s, size_t n)
{
	while (n > 1 && strchr(",.;:!?)", s[n - 1]))
		n--;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' ||
		      (i == 0 && c == '(')))
			return n > 1;
	}
	return 0;
}

/* The attributes of every layout: no hyphen ever added (pango >= 1.44
 * adds a "-" where it breaks inside a word: the PDF must show only what
 * the note says); no ligatures ("ffi" stays three letters for whoever
 * copies the text, and the fonts need no second subset for them); and,
 * as in the text export, lines broken only between words, so that
 * "s.153(2)" or "RK/2/1" is never cut at its "." or "/". Only a word
 * wider than the line (wide[] holds the byte offsets of those) may be
 * broken anywhere. */
static PangoAttrList *attrs(const char *text, const int *wide, size_t nwide)
{
	PangoAttrList *al = pango_attr_list_new();
	size_t i = 0, w = 0;

	if (!al)
		return NULL;
	pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
	pango_attr_list_insert(al, pango_attr_font_features_new("liga=0, clig=0"));
	while (text[i]) {
		size_t j = i;
		PangoAttribute *a;

		while (text[j] && !is_gap(text[j]))
			j++;
		while (w < nwide && (size_t)wide[w] < i)
			w++;
		if (breakable(text + i, j - i) && !(w < nwide && (size_t)wide[w] < j)) {
			a = pango_attr_allow_breaks_new(FALSE);
			a->start_index = (guint)i;
			a->end_index = (guint)j;
			pango_attr_list_insert(al, a);
		}
		while (text[j] && is_gap(text[j]))
			j++;
		i = j;
	}
	return al;
}

/* The byte offsets (at most max) of words that stick out of l's lines. */
static size_t overflowing(PangoLayout *l, int width, int *wide, size_t max)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	size_t n = 0;

	if (!it)
		return 0;
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle log;

		pango_layout_iter_get_line_extents(it, NULL, &log);
		if (log.width > width && n < max)
			wide[n++] = line->start_index;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return n;
}

PangoLayout *pdf_layout(PangoContext *ctx, const char *family, double size, int bold,
			double spacing, double width, const char *text)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_new();
	PangoAttrList *al = NULL;
	char *copy = NULL;
	int wide[64];
	size_t nwide;

	if (!l || !fd)
		goto fail;
	if (!g_utf8_validate(text, -1, NULL)) {
		if (!(copy = strdup(text)))
			goto fail;
		dorn_text_strip(copy, 0);
		text = copy;
	}
	pango_font_description_set_family(fd, family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	/* an English document: a name in Arabic runs right to left inside a
	 * left-to-right line, it does not turn its paragraph around */
	pango_layout_set_auto_dir(l, FALSE);
	/* the fallback for a word wider than the line: broken, not run off
	 * the page */
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(l, width < 0 ? -1 : (int)(width * PANGO_SCALE));
	pango_layout_set_line_spacing(l, (float)spacing);
	if (!(al = attrs(text, NULL, 0)))
		goto fail;
	pango_layout_set_attributes(l, al);
	pango_layout_set_text(l, text, -1);
	nwide = width < 0 ? 0 : overflowing(l, (int)(width * PANGO_SCALE), wide, 64);
	if (nwide) {
		pango_attr_list_unref(al);
		if (!(al = attrs(text, wide, nwide)))
			goto fail;
		pango_layout_set_attributes(l, al);
	}
	goto out;
fail:
	if (l)
		g_object_unref(l);
	l = NULL;
out:
	free(copy);
	if (fd)
		pango_font_description_free(fd);
	if (al)
		pango_attr_list_unref(al);
	return l;
}

/* ---- building boxes ---- */

static PangoLayout *layout(struct build *b, enum style st, double width, const char *text)
{
	struct pdf_flow *fl = b->fl;
	PangoLayout *l;

	if (dorn_grow(&fl->lay, &fl->caplay, fl->nlay + 1, sizeof *fl->lay)) {
		fl->oom = 1;
		return NULL;
	}
	l = pdf_layout(b->ctx, b->family, styles[st].size, styles[st].bold, styles[st].spacing,
		       width, text);
	if (!l) {
		fl->oom = 1;
		return NULL;
	}
	fl->lay[fl->nlay++] = l;
	return l;
}

/* A new box of ncells empty cells, NULL when out of memory. The box takes
 * the blank line waiting before it. */
static struct pdf_box *box_new(struct build *b, const char *tag, size_t ncells)
{
	struct pdf_flow *fl = b->fl;
	struct pdf_box *x;

	if (dorn_grow(&fl->box, &fl->capbox, fl->nbox + 1, sizeof *fl->box)) {
		fl->oom = 1;
		return NULL;
	}
	x = &fl->box[fl->nbox];
	memset(x, 0, sizeof *x);
	x->cell = calloc(ncells ? ncells : 1, sizeof *x->cell);
	if (!x->cell) {
		fl->oom = 1;
		return NULL;
	}
	fl->nbox++;
	x->ncells = ncells;
	x->tag = tag;
	x->run = fl->nbox - 1;
	x->blank = b->blank;
	b->blank = 0;
	return x;
}

/* The lines of lay into cell c, from *y down (points from the top of the
 * cell's text), dx in from its left; dash, when given, hangs before the
 * first line. *y moves to below the last line. */
static int add_lines(struct pdf_flow *fl, struct pdf_cell *c, PangoLayout *lay, PangoLayout *dash,
		     double dx, double *y)
{
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	double top = *y;
	int first = 1;

	if (!it) {
		fl->oom = 1;
		return DORN_ENOMEM;
	}
	do {
		PangoRectangle log;
		struct pdf_line *ln;
		int y0, y1;

		if (dorn_grow(&c->l, &c->cap, c->n + 1, sizeof *c->l)) {
			pango_layout_iter_free(it);
			fl->oom = 1;
			return DORN_ENOMEM;
		}
		ln = &c->l[c->n++];
		memset(ln, 0, sizeof *ln);
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &log);
		ln->line = pango_layout_iter_get_line_readonly(it);
		ln->x = dx + (double)log.x / PANGO_SCALE;
		ln->top = top + (double)y0 / PANGO_SCALE;
		ln->bot = top + (double)y1 / PANGO_SCALE;
		ln->base = top + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		if (first && dash) {
			ln->dash = pango_layout_get_line_readonly(dash, 0);
			ln->dash_x = dx - HANG;
		}
		first = 0;
		*y = ln->bot;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return 0;
}

/* One paragraph into cell c at *y: width w from the cell's left. A
 * paragraph that starts "- " is a list item: the "-" in a hang, its text
 * (and every line it wraps to) after it. */
static int para(struct build *b, struct pdf_cell *c, enum style st, const char *text, double w,
		double *y)
{
	PangoLayout *dash = NULL, *l;
	double dx = 0;

	if (text[0] == '-' && text[1] == ' ') {
		/* its space too, so that the text reads "- item" in order; one
		 * layout for every item in the style, drawn again each time */
		if (!b->dash[st] && !(b->dash[st] = layout(b, st, -1, "- ")))
			return DORN_ENOMEM;
		dash = b->dash[st];
		dx = HANG;
		text += 2;
	}
	l = layout(b, st, w - dx, text);
	if (!l)
		return DORN_ENOMEM;
	return add_lines(b->fl, c, l, dash, dx, y);
}

/* A box of one cell holding one paragraph, x and w on the page. */
static struct pdf_box *text_box(struct build *b, const char *tag, enum style st, double x,
				double w, const char *text)
{
	struct pdf_box *bx = box_new(b, tag, 1);
	double y = 0;

	if (!bx)
		return NULL;
	bx->cell[0].x = x;
	if (para(b, &bx->cell[0], st, text, w, &y))
		return NULL;
	return bx;
}

static int title(struct build *b, const struct dorn_doc_block *k)
{
	struct pdf_box *x = text_box(b, "H1", ST_TITLE, PDF_LEFT, PDF_TEXT_W, k->text);

	if (!x)
		return DORN_ENOMEM;
	x->deco = DECO_TITLE;
	x->pad_bot = 5;
	x->before = 18;
	x->after = 8;
	x->keep_next = 1;
	/* the annex is handed up on its own: it starts a page */
	x->page_before = b->titles++ > 0;
	return 0;
}

/* A warning set apart (URGENT, PLEASE CHECK): bold on a light tint with
 * a bar down its left; the draft mark: larger, centred, framed. Both
 * read the same printed in black and white. */
static int banner(struct build *b, const char *text, int draft)
{
	double in = BANNER_PAD + (draft ? 0 : BANNER_BAR), y = 0;
	struct pdf_box *x = box_new(b, "P", 1);
	PangoLayout *l;

	if (!x)
		return DORN_ENOMEM;
	l = layout(b, draft ? ST_DRAFT : ST_BANNER, PDF_TEXT_W - in - BANNER_PAD, text);
	if (!l)
		return DORN_ENOMEM;
	if (draft)
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	x->cell[0].x = PDF_LEFT + in;
	x->deco = draft ? DECO_DRAFT : DECO_BANNER;
	x->pad_top = x->pad_bot = draft ? 7 : 5;
	x->before = 4;
	x->after = 10;
	x->whole = 1;
	return add_lines(b->fl, &x->cell[0], l, NULL, 0, &y);
}

static int heading(struct build *b, const struct dorn_doc_block *k, const struct dorn_doc *doc,
		   size_t i)
{
	int part = k->kind == DORN_BLOCK_PART;
	struct pdf_box *x = text_box(b, part ? "H2" : "H3", part ? ST_PART : ST_ITEM, PDF_LEFT,
				     PDF_TEXT_W, k->text);

	if (!x)
		return DORN_ENOMEM;
	x->before = part ? 14 : 9;
	x->after = part ? 5 : 3;
	x->keep_next = 1;
	/* an item's block: its lines up to a blank line or a directive */
	if (!part)
		while (i + 1 + x->block < doc->n &&
		       doc->b[i + 1 + x->block].kind == DORN_BLOCK_PARA)
			x->block++;
	return 0;
}

static int is_item(const struct dorn_doc_block *k)
{
	return k->kind == DORN_BLOCK_PARA && k->indent == 0 && k->text[0] == '-' &&
	       k->text[1] == ' ';
}

/* "Label:  value": the label in bold, the value in the second column,
 * wrapping there. A field with no label goes on from the one before. A
 * label with no value ("Offences:") takes the list that follows under its
 * value, the first item beside it (then *took is 1). */
static int field(struct build *b, const struct dorn_doc_block *k,
		 const struct dorn_doc_block *next, int *took)
{
	int label = k->label[0] != 0;
	const char *value = k->text;
	struct pdf_box *x;
	double y = 0;
	size_t c = 0;
	int rc;

	*took = 0;
	if (label && !*value && next && is_item(next)) {
		value = next->text;
		*took = 1;
	}
	x = box_new(b, "P", (size_t)label + (*value != 0));
	if (!x)
		return DORN_ENOMEM;
	if (label) {
		/* "To: " with its space: read in order, it is "To: the value" */
		char *lab = malloc(strlen(k->label) + 2);

		if (!lab)
			return DORN_ENOMEM;
		strcpy(lab, k->label);
		strcat(lab, " ");
		x->cell[c].x = PDF_LEFT;
		rc = para(b, &x->cell[c++], ST_LABEL, lab, LABEL_COL - LABEL_GAP, &y);
		free(lab);
		if (rc)
			return rc;
	}
	if (*value) {
		y = 0;
		x->cell[c].x = PDF_LEFT + LABEL_COL;
		if (para(b, &x->cell[c], ST_BODY, value, PDF_TEXT_W - LABEL_COL, &y))
			return DORN_ENOMEM;
	}
	b->under_label = *took;
	x->after = 1.5;
	x->whole = 1;
	return 0;
}

static int paragraph(struct build *b, const struct dorn_doc_block *k)
{
	int indent = k->indent > 8 ? 8 : k->indent;
	double x = PDF_LEFT + indent / 2 * HANG;
	struct pdf_box *bx;

	if (b->under_label && is_item(k))
		x = PDF_LEFT + LABEL_COL;
	else
		b->under_label = 0;
	bx = text_box(b, "P", ST_BODY, x, PDF_LEFT + PDF_TEXT_W - x, k->text);
	if (!bx)
		return DORN_ENOMEM;
	bx->after = 2;
	bx->orphans = 1;
	return 0;
}

static int quote(struct build *b, const struct dorn_doc_block *k)
{
	struct pdf_box *x = text_box(b, "P", ST_BODY, PDF_LEFT + QUOTE_IN,
				     PDF_TEXT_W - 2 * QUOTE_IN, k->text);
	struct pdf_flow *fl = b->fl;

	if (!x)
		return DORN_ENOMEM;
	x->group = "BlockQuote";
	/* one quotation for lines that follow each other */
	if (!x->blank && fl->nbox > 1 && fl->box[fl->nbox - 2].group == x->group)
		x->run = fl->box[fl->nbox - 2].run;
	x->deco = DECO_QUOTE;
	x->pad_top = x->pad_bot = 2.5;
	x->before = x->after = 5;
	x->orphans = 1;
	return 0;
}

/* ---- tables ---- */

/* The narrowest (its longest word) and the widest (unwrapped) a
 * paragraph of a cell can be set. */
static void para_widths(struct build *b, enum style st, const char *text, double *min, double *max)
{
	double hang = 0;
	PangoLayout *l;
	PangoRectangle r;

	if (text[0] == '-' && text[1] == ' ') {
		hang = HANG;
		text += 2;
	}
	l = pdf_layout(b->ctx, b->family, styles[st].size, styles[st].bold, 0, -1, text);
	if (!l)
		return;
	pango_layout_get_extents(l, NULL, &r);
	if (hang + (double)r.width / PANGO_SCALE > *max)
		*max = hang + (double)r.width / PANGO_SCALE;
	/* one word a line: a word wider than that is never broken here */
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_width(l, 1);
	pango_layout_get_extents(l, NULL, &r);
	if (hang + (double)r.width / PANGO_SCALE > *min)
		*min = hang + (double)r.width / PANGO_SCALE;
	g_object_unref(l);
}

/* Column widths as a browser sets a table whose width is given: each
 * column at least its longest word, the rest shared in proportion to how
 * much more each would take unwrapped. The number column ends narrow, the
 * s.153 basis widest. */
static void col_widths(struct build *b, const struct dorn_doc *doc, size_t i, size_t end,
		       size_t ncols, double *w)
{
	double avail = PDF_TEXT_W - (double)ncols * 2 * CELL_PAD_X, minsum = 0, maxsum = 0;
	double *min = w + ncols, *max = w + 2 * ncols;

	for (size_t c = 0; c < ncols; c++)
		min[c] = max[c] = 1;
	for (size_t k = i; k < end; k++) {
		const struct dorn_doc_block *r = &doc->b[k];
		enum style st = r->kind == DORN_BLOCK_HEAD ? ST_HEAD : ST_CELL;

		for (size_t c = 0; c < r->ncells; c++)
			for (size_t p = 0; p < r->cells[c].n; p++)
				para_widths(b, st, r->cells[c].paras[p], &min[c], &max[c]);
	}
	for (size_t c = 0; c < ncols; c++) {
		/* a cell of a thousand words asks no more than a long one */
		if (max[c] > 2 * avail)
			max[c] = 2 * avail;
		minsum += min[c];
		maxsum += max[c];
	}
	if (minsum > avail) {
		/* words too long for the page: none may starve the other
		 * columns (their long words are broken instead) */
		minsum = 0;
		for (size_t c = 0; c < ncols; c++) {
			if (min[c] > avail / (double)ncols)
				min[c] = avail / (double)ncols;
			minsum += min[c];
		}
	}
	for (size_t c = 0; c < ncols; c++) {
		if (maxsum <= avail)
			w[c] = max[c] + (avail - maxsum) * max[c] / maxsum;
		else if (minsum <= avail)
			w[c] = min[c] + (max[c] - min[c]) * (avail - minsum) / (maxsum - minsum);
		else
			w[c] = avail * min[c] / minsum;
		w[c] += 2 * CELL_PAD_X;
	}
}

/* A heading row or a row: a cell for every column, its paragraphs one
 * under the other. */
static int row(struct build *b, const struct dorn_doc_block *r, size_t ncols, const double *w,
	       size_t head)
{
	int is_head = r->kind == DORN_BLOCK_HEAD;
	struct pdf_box *x = box_new(b, "TR", ncols);
	double left = PDF_LEFT;

	if (!x)
		return DORN_ENOMEM;
	x->group = "Table";
	x->deco = is_head ? DECO_HEAD : DECO_ROW;
	x->pad_top = x->pad_bot = CELL_PAD_Y;
	x->whole = 1;
	x->keep_next = is_head;
	x->head = is_head ? 0 : head;
	x->row = 1;
	/* inside the table none: rows share their rules */
	x->before = 4;
	x->after = 8;
	for (size_t c = 0; c < ncols; c++) {
		struct pdf_cell *cell = &x->cell[c];
		size_t np = c < r->ncells ? r->cells[c].n : 0;
		double y = 0;

		cell->tag = is_head ? "TH" : "TD";
		cell->x0 = left;
		cell->x1 = left + w[c];
		cell->x = left + CELL_PAD_X;
		left += w[c];
		for (size_t p = 0; p < np; p++) {
			if (p)
				y += CELL_PARA;
			if (para(b, cell, is_head ? ST_HEAD : ST_CELL, r->cells[c].paras[p],
				 w[c] - 2 * CELL_PAD_X, &y))
				return DORN_ENOMEM;
		}
	}
	return 0;
}

/* The table from block i: a heading row (or a row) and the rows after
 * it, blank lines between them. Returns the index after it. */
static size_t table(struct build *b, const struct dorn_doc *doc, size_t i, int *rc)
{
	size_t end = i + 1, ncols = 0, first, head = 0;
	double *w;

	for (size_t k = i + 1; k < doc->n; k++) {
		if (doc->b[k].kind == DORN_BLOCK_ROW)
			end = k + 1;
		else if (doc->b[k].kind != DORN_BLOCK_BLANK)
			break;
	}
	for (size_t k = i; k < end; k++)
		if (doc->b[k].ncells > ncols)
			ncols = doc->b[k].ncells;
	if (!ncols)
		ncols = 1;
	w = calloc(3 * ncols, sizeof *w);
	if (!w) {
		*rc = DORN_ENOMEM;
		return end;
	}
	col_widths(b, doc, i, end, ncols, w);
	first = b->fl->nbox;
	for (size_t k = i; k < end && !*rc; k++) {
		if (doc->b[k].kind == DORN_BLOCK_BLANK)
			continue;
		if (doc->b[k].kind == DORN_BLOCK_HEAD)
			head = b->fl->nbox + 1;
		*rc = row(b, &doc->b[k], ncols, w, head);
		if (!*rc)
			b->fl->box[b->fl->nbox - 1].run = first;
	}
	free(w);
	return end;
}

/* ---- a note stored before it had a model: its lines as they are ---- */

/* A line wrapped at 78 columns whose runs of spaces line things up in
 * columns ("Court:        ..."): each run of two or more spaces becomes a
 * tab to the place on a 78-column grid where the text after it started. */
static int plain_line(struct build *b, const struct dorn_doc_block *k)
{
	double grid = PDF_TEXT_W / GRID_COLS, x = PDF_LEFT + k->indent * grid, y = 0;
	size_t n = strlen(k->text), col = (size_t)k->indent, stops = 0;
	PangoTabArray *tabs = NULL;
	struct pdf_box *bx;
	PangoLayout *l;
	char *s = malloc(n + 1), *w = s;

	if (!s || !(bx = box_new(b, "P", 1)) || !(tabs = pango_tab_array_new(0, FALSE))) {
		free(s);
		return DORN_ENOMEM;
	}
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && k->text[j] == ' ')
			j++;
		if (j - i >= 2) {
			col += j - i;
			*w++ = '\t';
			pango_tab_array_resize(tabs, (gint)stops + 1);
			pango_tab_array_set_tab(
				tabs, (gint)stops++, PANGO_TAB_LEFT,
				(gint)(((double)col - k->indent) * grid * PANGO_SCALE));
			i = j;
			continue;
		}
		j = i + dorn_utf8_next(k->text + i, n - i, 0);
		col += dorn_text_width(k->text + i, j - i);
		memcpy(w, k->text + i, j - i);
		w += j - i;
		i = j;
	}
	*w = 0;
	l = layout(b, ST_BODY, PDF_LEFT + PDF_TEXT_W - x, s);
	free(s);
	if (!l) {
		pango_tab_array_free(tabs);
		return DORN_ENOMEM;
	}
	if (stops)
		pango_layout_set_tabs(l, tabs);
	pango_tab_array_free(tabs);
	bx->cell[0].x = x;
	bx->after = 0;
	return add_lines(b->fl, &bx->cell[0], l, NULL, 0, &y);
}

static int plain(struct build *b, const struct dorn_doc *doc)
{
	int rc = 0;

	for (size_t i = 0; i < doc->n && !rc; i++) {
		const struct dorn_doc_block *k = &doc->b[i];
		const char *t = k->text;

		if (k->kind == DORN_BLOCK_BLANK) {
			b->blank = 1;
			continue;
		}
		rc = plain_line(b, k);
		/* "Item N: ..." and its lines up to a blank one, kept together as
		 * they always were */
		if (!rc && k->indent == 0 && strncmp(t, "Item ", 5) == 0 && t[5] >= '0' &&
		    t[5] <= '9') {
			struct pdf_box *bx = &b->fl->box[b->fl->nbox - 1];

			while (i + 1 + bx->block < doc->n &&
			       doc->b[i + 1 + bx->block].kind != DORN_BLOCK_BLANK)
				bx->block++;
			bx->keep_next = 1;
		}
	}
	return rc;
}

static int build(struct build *b, const struct dorn_doc *doc, int draft)
{
	int rc = 0;

	if (draft && (rc = banner(b, PDF_DRAFT_MARK, 1)))
		return rc;
	if (doc->plain)
		return plain(b, doc);
	for (size_t i = 0; i < doc->n && !rc;) {
		const struct dorn_doc_block *k = &doc->b[i];

		if (k->kind != DORN_BLOCK_PARA)
			b->under_label = 0;
		switch (k->kind) {
		case DORN_BLOCK_BLANK:
			b->blank = 1;
			break;
		case DORN_BLOCK_TITLE:
			rc = title(b, k);
			break;
		case DORN_BLOCK_BANNER:
			rc = banner(b, k->text, 0);
			break;
		case DORN_BLOCK_PART:
		case DORN_BLOCK_ITEM:
			rc = heading(b, k, doc, i);
			break;
		case DORN_BLOCK_FIELD: {
			int took;

			rc = field(b, k, i + 1 < doc->n ? &doc->b[i + 1] : NULL, &took);
			i += (size_t)took;
			break;
		}
		case DORN_BLOCK_QUOTE:
			rc = quote(b, k);
			break;
		case DORN_BLOCK_HEAD:
		case DORN_BLOCK_ROW:
			i = table(b, doc, i, &rc);
			continue;
		default:
			rc = paragraph(b, k);
			break;
		}
		i++;
	}
	return rc;
}

/* ---- placing boxes on pages ---- */

struct pager {
	struct pdf_flow *fl;
	const struct pdf_frame *fr;
	double y;                  /* the top of what is free on the page */
	int fresh;                 /* nothing of the note on the page yet */
	const struct pdf_box *prev;
	const char *group;         /* the group element open, and its run */
	size_t run;
};

static struct pdf_op *op_new(struct pdf_flow *fl, enum pdf_draw kind)
{
	struct pdf_op *o;

	if (dorn_grow(&fl->op, &fl->cap, fl->n + 1, sizeof *fl->op)) {
		fl->oom = 1;
		return NULL;
	}
	o = &fl->op[fl->n++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	return o;
}

static void op_tag(struct pdf_flow *fl, enum pdf_draw kind, const char *tag, int leaf)
{
	struct pdf_op *o = op_new(fl, kind);

	if (o) {
		o->tag = tag;
		o->leaf = leaf;
	}
}

static void op_shape(struct pdf_flow *fl, enum pdf_draw kind, double x0, double y0, double x1,
		     double y1, double gray, double width)
{
	struct pdf_op *o = op_new(fl, kind);

	if (o) {
		o->x0 = x0;
		o->y0 = y0;
		o->x1 = x1;
		o->y1 = y1;
		o->gray = gray;
		o->width = width;
	}
}

static void op_text(struct pdf_flow *fl, PangoLayoutLine *line, double x, double y)
{
	struct pdf_op *o = op_new(fl, PDF_TEXT);

	if (o) {
		o->line = line;
		o->x = x;
		o->y = y;
	}
}

static double span(const struct pdf_cell *c, size_t from, size_t to)
{
	return to > from ? c->l[to - 1].bot - c->l[from].top : 0;
}

/* The height of what is left of box x, or of its first lines when it may
 * be split there (two, for a paragraph that keeps two on each side). */
static double height(const struct pdf_box *x, int first_part)
{
	double h = 0;

	for (size_t c = 0; c < x->ncells; c++) {
		const struct pdf_cell *cell = &x->cell[c];
		size_t to = cell->n;

		if (first_part && x->orphans && !x->whole && cell->n - cell->from >= 4)
			to = cell->from + 2;
		if (span(cell, cell->from, to) > h)
			h = span(cell, cell->from, to);
	}
	return x->pad_top + h + x->pad_bot;
}

/* Space between two boxes next to each other: the larger each wants; none
 * inside a table or between the lines of one quotation. */
static double gap_between(const struct pdf_box *a, const struct pdf_box *b)
{
	double g = a->after > b->before ? a->after : b->before;

	if (b->group && a->group == b->group && a->run == b->run)
		return 0;
	if (b->blank && g < GAP_BLANK)
		g = GAP_BLANK;
	return g;
}

/* How much of the page box i needs to start there: itself and what it is
 * kept with (an item's block, a heading's next box, a table's heading
 * row's first row), or the first lines of a paragraph. */
static double need(const struct pdf_flow *fl, size_t i, double body)
{
	double total = 0;

	for (size_t k = i; k < fl->nbox; k++) {
		const struct pdf_box *x = &fl->box[k];

		if (k > i) {
			if (x->page_before)
				return total;
			total += gap_between(&fl->box[k - 1], x);
		}
		if (x->block) {
			double h = height(x, 0);

			for (size_t j = k + 1; j <= k + x->block && j < fl->nbox; j++)
				h += gap_between(&fl->box[j - 1], &fl->box[j]) +
				     height(&fl->box[j], 0);
			if (h <= body)
				return total + h;
		}
		if (!x->keep_next)
			return total + height(x, 1);
		total += height(x, 0);
		if (total >= body)
			return total;
	}
	return total;
}

/* The lines of each cell that fit in avail points, from where it stands;
 * 1 when that is all of them. */
static int fit(struct pdf_box *x, double avail)
{
	int all = 1;

	for (size_t c = 0; c < x->ncells; c++) {
		struct pdf_cell *cell = &x->cell[c];

		cell->to = cell->from;
		while (cell->to < cell->n && span(cell, cell->from, cell->to + 1) <= avail + 0.01)
			cell->to++;
		all &= cell->to == cell->n;
	}
	return all;
}

static int fits_none(const struct pdf_box *x)
{
	for (size_t c = 0; c < x->ncells; c++)
		if (x->cell[c].to > x->cell[c].from)
			return 0;
	return 1;
}

static void draw_deco(struct pager *pg, const struct pdf_box *x, double h)
{
	double y = pg->y, left = PDF_LEFT, right = PDF_LEFT + PDF_TEXT_W;
	struct pdf_flow *fl = pg->fl;

	switch (x->deco) {
	case DECO_TITLE:
		op_shape(fl, PDF_RULE, left, y + h - 1.5, right, y + h - 1.5, 0, 0.6);
		break;
	case DECO_BANNER:
		/* a light tint, and a bar that still shows in black and white */
		op_shape(fl, PDF_FILL, left, y, right, y + h, 0.91, 0);
		op_shape(fl, PDF_FILL, left, y, left + BANNER_BAR, y + h, 0, 0);
		break;
	case DECO_DRAFT:
		op_shape(fl, PDF_FILL, left, y, right, y + h, 0.91, 0);
		op_shape(fl, PDF_FRAME, left, y, right, y + h, 0, 1.5);
		break;
	case DECO_QUOTE:
		op_shape(fl, PDF_RULE, left + QUOTE_RULE, y, left + QUOTE_RULE, y + h, 0.45, 1.5);
		break;
	case DECO_HEAD:
	case DECO_ROW:
		for (size_t c = 0; c < x->ncells; c++) {
			if (x->deco == DECO_HEAD)
				op_shape(fl, PDF_FILL, x->cell[c].x0, y, x->cell[c].x1, y + h, 0.88,
					 0);
			op_shape(fl, PDF_FRAME, x->cell[c].x0, y, x->cell[c].x1, y + h, 0.3, 0.5);
		}
		break;
	default:
		break;
	}
}

/* Open or close the group element (BlockQuote, Table) around box x: the
 * one open ends when x is not of its run. */
static void group(struct pager *pg, const struct pdf_box *x)
{
	if (pg->group && (!x || x->group != pg->group || x->run != pg->run)) {
		op_tag(pg->fl, PDF_END, pg->group, 0);
		pg->group = NULL;
	}
	if (x && x->group && !pg->group) {
		op_tag(pg->fl, PDF_BEGIN, x->group, 0);
		pg->group = x->group;
		pg->run = x->run;
	}
}

/* Draw the lines from..to of each cell of x at the top of what is free.
 * *open says whether x's element is open; it is opened here, after the
 * rules and tints, so that only text is marked as its content. open NULL:
 * a heading row repeated on a new page, drawn untagged (read once, not on
 * every page). */
static void piece(struct pager *pg, struct pdf_box *x, int *open)
{
	double h = 0;

	for (size_t c = 0; c < x->ncells; c++)
		if (span(&x->cell[c], x->cell[c].from, x->cell[c].to) > h)
			h = span(&x->cell[c], x->cell[c].from, x->cell[c].to);
	h += x->pad_top + x->pad_bot;
	draw_deco(pg, x, h);
	if (open && !*open) {
		group(pg, x);
		op_tag(pg->fl, PDF_BEGIN, x->tag, !x->row);
		*open = 1;
	}
	for (size_t c = 0; c < x->ncells; c++) {
		struct pdf_cell *cell = &x->cell[c];
		double top = cell->from < cell->n ? cell->l[cell->from].top : 0;

		if (cell->tag && open)
			op_tag(pg->fl, PDF_BEGIN, cell->tag, 1);
		for (size_t k = cell->from; k < cell->to; k++) {
			const struct pdf_line *ln = &cell->l[k];
			double base = pg->y + x->pad_top + ln->base - top;

			if (ln->dash)
				op_text(pg->fl, ln->dash, cell->x + ln->dash_x, base);
			op_text(pg->fl, ln->line, cell->x + ln->x, base);
		}
		if (cell->tag && open)
			op_tag(pg->fl, PDF_END, cell->tag, 1);
		cell->from = cell->to;
	}
	pg->y += h;
}

static void new_page(struct pager *pg, const struct pdf_box *x)
{
	op_new(pg->fl, PDF_PAGE);
	pg->fl->pages++;
	pg->y = pg->fr->top;
	pg->fresh = 1;
	/* a table going on: its heading row again at the top */
	if (x && x->head) {
		struct pdf_box *head = &pg->fl->box[x->head - 1];

		for (size_t c = 0; c < head->ncells; c++) {
			head->cell[c].from = 0;
			head->cell[c].to = head->cell[c].n;
		}
		piece(pg, head, NULL);
	}
}

/* Keep a paragraph from leaving one line alone at the foot of a page or
 * at the top of the next. */
static void no_orphans(struct pdf_box *x)
{
	struct pdf_cell *c = &x->cell[0];

	if (!x->orphans || x->ncells != 1)
		return;
	if (c->n - c->to == 1 && c->to - c->from >= 3)
		c->to--;
	if (c->to - c->from == 1 && c->n - c->from >= 2)
		c->to = c->from;
}

static void place(struct pager *pg, size_t i)
{
	struct pdf_box *x = &pg->fl->box[i];
	double body = pg->fr->bottom - pg->fr->top, g, n;
	int open = 0, pages = 0;

	if (x->page_before && !pg->fresh)
		new_page(pg, NULL);
	g = pg->fresh ? 0 : gap_between(pg->prev, x);
	n = need(pg->fl, i, body);
	if (!pg->fresh && pg->y + g + (n < body ? n : body) > pg->fr->bottom + 0.01) {
		new_page(pg, x);
		g = 0;
	}
	pg->y += g;
	for (;;) {
		int all = fit(x, pg->fr->bottom - pg->y - x->pad_top - x->pad_bot);

		if (!all)
			no_orphans(x);
		if (!all && !pg->fresh && (fits_none(x) || (x->whole && height(x, 0) <= body))) {
			/* nothing of it on this page: it starts on the next */
			new_page(pg, x);
			continue;
		}
		if (fits_none(x))
			/* taller than a page: a line at a time, never stuck */
			for (size_t c = 0; c < x->ncells; c++)
				if (x->cell[c].from < x->cell[c].n)
					x->cell[c].to = x->cell[c].from + 1;
		piece(pg, x, &open);
		pg->fresh = 0;
		if (all)
			break;
		/* it goes on over the page: a paragraph's element with it, once
		 * (pdf.c draws the next page's header after it ends); a row as a
		 * row of its own on the next page */
		if (x->row || pages > 0) {
			op_tag(pg->fl, PDF_END, x->tag, !x->row);
			open = 0;
		}
		new_page(pg, x);
		pages++;
	}
	if (open)
		op_tag(pg->fl, PDF_END, x->tag, !x->row);
	pg->prev = x;
}

int pdf_flow_make(PangoContext *ctx, const char *family, const struct dorn_doc *doc, int draft,
		  const struct pdf_frame *fr, struct pdf_flow *fl)
{
	struct build b = { ctx, family, fl, 0, 0, 0, { NULL } };
	struct pager pg = { fl, fr, fr->top, 1, NULL, NULL, 0 };
	int rc;

	memset(fl, 0, sizeof *fl);
	fl->pages = 1;
	if ((rc = build(&b, doc, draft)) || fl->oom)
		return DORN_ENOMEM;
	op_tag(fl, PDF_BEGIN, "Document", 0);
	for (size_t i = 0; i < fl->nbox; i++)
		place(&pg, i);
	group(&pg, NULL);
	op_tag(fl, PDF_END, "Document", 0);
	return fl->oom ? DORN_ENOMEM : 0;
}

void pdf_flow_fini(struct pdf_flow *fl)
{
	if (!fl)
		return;
	for (size_t i = 0; i < fl->nbox; i++) {
		for (size_t c = 0; c < fl->box[i].ncells; c++)
			free(fl->box[i].cell[c].l);
		free(fl->box[i].cell);
	}
	for (size_t i = 0; i < fl->nlay; i++)
		g_object_unref(fl->lay[i]);
	free(fl->box);
	free(fl->lay);
	free(fl->op);
	memset(fl, 0, sizeof *fl);
}
