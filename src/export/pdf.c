/* The note as a PDF for the case file, set with pango and drawn by cairo
 * on its PDF surface: A4, one sans family, the note's structure (doc.h)
 * typeset and tagged so that it can be read aloud, searched and copied;
 * the fonts embedded as subsets, so names such as Zoë, Łukasz and يوسف
 * print. The flow (pdf_flow.c) lays the whole note out first, so every
 * header can say "Page x of y"; this file draws what it placed, with the
 * header and footer of each page, and gives the document its metadata and
 * its language (pdf_lang.c).
 *
 * The same note gives the same bytes: the export leaves a file with the
 * same bytes alone and never overwrites a different one, so the dates in
 * the metadata are the version's, never the time of the export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "dorn/buf.h"
#include "dorn/doc.h"
#include "dorn/err.h"
#include "dorn/export.h"
#include "dorn/text.h"
#include "pdf_engine.h"
#include "pdf.h"

#define FURNITURE_SIZE 8.0
#define FURNITURE_GRAY 0.25            /* header and footer: quieter, still legible */
#define RULE_GRAY 0.6
#define HEAD_BASE (12 * PDF_MM)        /* header baseline, from the top */
#define HEAD_RULE (14.5 * PDF_MM)
#define FOOT_END (PDF_PAGE_H - 10 * PDF_MM) /* the footer's last line ends here */
#define FOOT_SPACE 11.0                /* from the body's end to the footer's rule */

/* cairo writes the PDF into the end of d->out through this. */
static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int n)
{
	struct pdf_doc *d = closure;

	if (dorn_buf_add(d->out, data, n)) {
		d->failed = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* What the caller gave, control characters removed, never NULL. */
struct texts {
	char *urn, *title, *unit, *footer;
};

static char *clean(const char *s)
{
	char *c = strdup(s ? s : "");

	if (c)
		dorn_text_strip(c, 0);
	return c;
}

struct render {
	cairo_t *cr;
	PangoContext *ctx;
	const char *family;
	const struct texts *t;
	int draft;
	PangoLayout *foot;     /* the footer, the same on every page */
	double foot_top;
	size_t pages;
};

static void gray(cairo_t *cr, double g)
{
	cairo_set_source_rgb(cr, g, g, g);
}

static void rule(cairo_t *cr, double x0, double y0, double x1, double y1, double g, double w)
{
	gray(cr, g);
	cairo_set_line_width(cr, w);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
}

/* A right-to-left run (a name in Arabic) as it is seen, left to right,
 * each glyph with the letters of its cluster. pango hands cairo such a
 * run in reading order, each glyph placed back to front, and poppler's
 * pdftotext then cuts it into single letters; handed over in the order it
 * is seen, every glyph still maps to its letters (not to a presentation
 * form) and readers put them back in reading order. 0 when drawn; -1
 * leaves it to pango (a glyph the font lacks, out of memory). */
static int show_rtl(cairo_t *cr, const char *text, const PangoGlyphItem *run, double x, double y)
{
	const PangoGlyphString *gs = run->glyphs;
	const char *t = text + run->item->offset;
	int n = gs->num_glyphs, ng = 0, nc = 0, nb = 0, rc = -1;
	cairo_glyph_t *g = cairo_glyph_allocate(n > 0 ? n : 1);
	cairo_text_cluster_t *cl = cairo_text_cluster_allocate(n > 0 ? n : 1);
	char *utf8 = malloc((size_t)run->item->length + 1);

	if (!g || !cl || !utf8)
		goto out;
	for (int i = 0; i < n;) {
		int c = gs->log_clusters[i], end = i ? gs->log_clusters[i - 1] : run->item->length;
		int first = ng;

		/* seen left to right, a right-to-left run's clusters go from its
		 * last letters to its first */
		if (c >= end)
			goto out;
		for (; i < n && gs->log_clusters[i] == c; i++) {
			PangoGlyphInfo *gi = &gs->glyphs[i];

			if (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
				goto out;
			if (gi->glyph != PANGO_GLYPH_EMPTY) {
				g[ng].index = gi->glyph;
				g[ng].x = x + (double)gi->geometry.x_offset / PANGO_SCALE;
				g[ng].y = y + (double)gi->geometry.y_offset / PANGO_SCALE;
				ng++;
			}
			x += (double)gi->geometry.width / PANGO_SCALE;
		}
		memcpy(utf8 + nb, t + c, (size_t)(end - c));
		nb += end - c;
		cl[nc].num_bytes = end - c;
		cl[nc].num_glyphs = ng - first;
		nc++;
	}
	cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font(
					  (PangoCairoFont *)run->item->analysis.font));
	cairo_show_text_glyphs(cr, utf8, nb, g, ng, cl, nc, 0);
	rc = 0;
out:
	cairo_glyph_free(g);
	cairo_text_cluster_free(cl);
	free(utf8);
	return rc;
}

/* A line of text, its left end on the baseline at (x, y), run by run in
 * the order they are seen. */
void pdf_show_line(cairo_t *cr, PangoLayoutLine *line, double x, double y)
{
	const char *text = pango_layout_get_text(line->layout);

	for (GSList *r = line->runs; r; r = r->next) {
		const PangoGlyphItem *run = r->data;

		if (run->item->analysis.level % 2 == 0 || show_rtl(cr, text, run, x, y)) {
			cairo_move_to(cr, x, y);
			pango_cairo_show_glyph_item(cr, text, (PangoGlyphItem *)run);
		}
		x += (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
	}
}

void pdf_show(cairo_t *cr, PangoLayout *l, double x, double y)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);

	if (!it)
		return;
	do {
		PangoRectangle log;

		pango_layout_iter_get_line_extents(it, NULL, &log);
		pdf_show_line(cr, pango_layout_iter_get_line_readonly(it),
			  x + (double)log.x / PANGO_SCALE,
			  y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* The header (the title on the left; "URN - Page x of y" on the right)
 * and the footer (the approval, or the draft mark) of page pg. Never
 * inside a structure element: they are the page's, not the note's. */
static int furniture(struct render *r, size_t pg)
{
	char num[300];
	PangoLayout *right, *left;
	PangoRectangle ext;
	int w;

	if (*r->t->urn)
		snprintf(num, sizeof num, "%s - Page %zu of %zu", r->t->urn, pg + 1, r->pages);
	else
		snprintf(num, sizeof num, "Page %zu of %zu", pg + 1, r->pages);
	right = pdf_layout(r->ctx, r->family, FURNITURE_SIZE, 0, 0, -1, num);
	if (!right)
		return DORN_ENOMEM;
	pango_layout_get_extents(right, NULL, &ext);
	w = ext.width / PANGO_SCALE;
	left = pdf_layout(r->ctx, r->family, FURNITURE_SIZE, 0, 0, PDF_TEXT_W - w - 18,
			  r->t->title);
	if (!left) {
		g_object_unref(right);
		return DORN_ENOMEM;
	}
	/* one line: the title is there to name the document, not to wrap */
	pango_layout_set_ellipsize(left, PANGO_ELLIPSIZE_END);
	gray(r->cr, FURNITURE_GRAY);
	pdf_show_line(r->cr, pango_layout_get_line_readonly(left, 0), PDF_LEFT, HEAD_BASE);
	pdf_show_line(r->cr, pango_layout_get_line_readonly(right, 0),
		  PDF_LEFT + PDF_TEXT_W - (double)ext.width / PANGO_SCALE, HEAD_BASE);
	rule(r->cr, PDF_LEFT, HEAD_RULE, PDF_LEFT + PDF_TEXT_W, HEAD_RULE, RULE_GRAY, 0.5);
	if (r->foot) {
		rule(r->cr, PDF_LEFT, r->foot_top - 4, PDF_LEFT + PDF_TEXT_W, r->foot_top - 4,
		     RULE_GRAY, 0.5);
		gray(r->cr, r->draft ? 0 : FURNITURE_GRAY);
		pdf_show(r->cr, r->foot, PDF_LEFT, r->foot_top);
	}
	g_object_unref(left);
	g_object_unref(right);
	return 0;
}

/* The ops of the flow, page by page. Each page's header and footer are
 * drawn as soon as no element that holds text is open there (at its top,
 * or once the paragraph carried over from the page before has ended), so
 * that they are never read as part of the note. */
static int draw(struct render *r, const struct pdf_flow *fl)
{
	size_t pg = 0;
	int leaves = 0, done = 0, rc;

	for (size_t i = 0; i < fl->n; i++) {
		const struct pdf_op *o = &fl->op[i];

		switch (o->kind) {
		case PDF_PAGE:
			if (!done && (rc = furniture(r, pg)))
				return rc;
			cairo_show_page(r->cr);
			pg++;
			done = 0;
			break;
		case PDF_BEGIN:
			cairo_tag_begin(r->cr, o->tag, NULL);
			leaves += o->leaf;
			break;
		case PDF_END:
			cairo_tag_end(r->cr, o->tag);
			leaves -= o->leaf;
			break;
		case PDF_TEXT:
			gray(r->cr, 0);
			pdf_show_line(r->cr, o->line, o->x, o->y);
			break;
		case PDF_RULE:
			rule(r->cr, o->x0, o->y0, o->x1, o->y1, o->gray, o->width);
			break;
		case PDF_FILL:
		case PDF_FRAME:
			gray(r->cr, o->gray);
			cairo_rectangle(r->cr, o->x0, o->y0, o->x1 - o->x0, o->y1 - o->y0);
			if (o->kind == PDF_FILL) {
				cairo_fill(r->cr);
			} else {
				cairo_set_line_width(r->cr, o->width);
				cairo_stroke(r->cr);
			}
			break;
		}
		if (!done && leaves == 0) {
			if ((rc = furniture(r, pg)))
				return rc;
			done = 1;
		}
	}
	if (!done && (rc = furniture(r, pg)))
		return rc;
	return 0;
}

/* The footer, and from it where the body must end. */
static int frame(struct render *r, struct pdf_frame *fr)
{
	PangoRectangle ext;

	fr->top = PDF_TOP;
	fr->bottom = PDF_PAGE_H - PDF_BOTTOM;
	r->foot_top = FOOT_END;
	if (!*r->t->footer)
		return 0;
	r->foot = pdf_layout(r->ctx, r->family, FURNITURE_SIZE, r->draft, 0, PDF_TEXT_W,
			     r->t->footer);
	if (!r->foot)
		return DORN_ENOMEM;
	pango_layout_get_extents(r->foot, NULL, &ext);
	r->foot_top = FOOT_END - (double)ext.height / PANGO_SCALE;
	/* a footer of several lines takes room from the body */
	if (r->foot_top - FOOT_SPACE < fr->bottom)
		fr->bottom = r->foot_top - FOOT_SPACE;
	return 0;
}

/* "2026-11-28" as cairo wants it, or NULL when it is not such a date. */
static const char *iso_date(const char *d, char *buf, size_t n)
{
	static const char shape[] = "dddd-dd-dd";

	if (!d)
		return NULL;
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? d[i] < '0' || d[i] > '9' : d[i] != shape[i])
			return NULL;
	snprintf(buf, n, "%.10sT00:00:00Z", d);
	return buf;
}

static void metadata(cairo_surface_t *s, const struct pdf_info *in)
{
	char when[32];
	const char *iso = iso_date(in->date, when, sizeof when);

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, in->title ? in->title : "");
	if (in->subject && *in->subject)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, in->subject);
	if (in->author && *in->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, in->author);
	if (in->keywords && *in->keywords)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, in->keywords);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "dorn");
	/* cairo would write the time of the export; no date is better than
	 * that, so a document without one still gives the same bytes */
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, iso);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, iso);
}

/* Set up pango for the surface: its font options (no hinting: a PDF is
 * not a screen), positions not rounded to whole points, sizes in points,
 * English as written in Britain. */
static PangoContext *context(cairo_t *cr, PangoFontMap *map)
{
	PangoContext *ctx = pango_font_map_create_context(map);

	if (!ctx)
		return NULL;
	pango_cairo_update_context(cr, ctx);
	pango_cairo_context_set_resolution(ctx, 72);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_context_set_base_dir(ctx, PANGO_DIRECTION_LTR);
	pango_context_set_language(ctx, pango_language_from_string(PDF_LANG));
	return ctx;
}

static int cairo_fail(cairo_status_t st, const struct pdf_doc *d, struct dorn_err *err)
{
	if (d->failed || st == CAIRO_STATUS_NO_MEMORY)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory while making the PDF");
	return dorn_err_set(err, DORN_EINTERNAL, "cannot make the PDF: cairo: %s: report this",
			    cairo_status_to_string(st));
}

int pdf_doc_open(struct pdf_doc *d, const char *font, double w, double h,
		 const struct pdf_info *info, struct dorn_buf *out, struct dorn_err *err)
{
	cairo_status_t st;
	int rc;

	memset(d, 0, sizeof *d);
	d->out = out;
	d->start = out->len;
	if ((rc = pdf_font_open(font, &d->font, err)))
		return rc;
	d->s = cairo_pdf_surface_create_for_stream(write_out, d, w, h);
	d->cr = cairo_create(d->s);
	if ((st = cairo_status(d->cr)) != CAIRO_STATUS_SUCCESS)
		return cairo_fail(st, d, err);
	metadata(d->s, info);
	if (!(d->ctx = context(d->cr, d->font.map)))
		return dorn_err_set(err, DORN_ENOMEM, "out of memory while making the PDF");
	return 0;
}

int pdf_doc_finish(struct pdf_doc *d, struct dorn_err *err)
{
	cairo_status_t st;

	cairo_destroy(d->cr);
	d->cr = NULL;
	cairo_surface_finish(d->s);
	if ((st = cairo_surface_status(d->s)) != CAIRO_STATUS_SUCCESS || d->failed)
		return cairo_fail(st, d, err);
	return pdf_lang_append(d->out, d->start, PDF_LANG, err);
}

void pdf_doc_close(struct pdf_doc *d, int failed)
{
	if (d->ctx)
		g_object_unref(d->ctx);
	if (d->cr)
		cairo_destroy(d->cr);
	if (d->s)
		cairo_surface_destroy(d->s);
	pdf_font_close(&d->font);
	d->ctx = NULL;
	d->cr = NULL;
	d->s = NULL;
	/* nothing of a PDF that failed */
	if (failed && d->out && d->out->p && !d->out->oom) {
		d->out->len = d->start;
		d->out->p[d->start] = '\0';
	}
}

/* Only the URN and the unit: the metadata holds no names of people. */
int dorn_pdf_render(const struct dorn_doc *doc, const struct dorn_pdf_meta *m,
		    struct dorn_buf *out, struct dorn_err *err)
{
	struct texts t = { clean(m->urn_display), clean(m->title), clean(m->unit),
			   clean(m->footer) };
	char title[600], subject[600], keywords[600];
	struct pdf_info info = { title, subject, NULL, keywords, m->date };
	struct render r;
	struct pdf_frame fr;
	struct pdf_flow fl;
	struct pdf_doc d;
	int rc;

	memset(&r, 0, sizeof r);
	memset(&fl, 0, sizeof fl);
	memset(&d, 0, sizeof d);
	if (!t.urn || !t.title || !t.unit || !t.footer) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		goto out;
	}
	if (*t.title && *t.urn)
		snprintf(title, sizeof title, "%s (URN %s)", t.title, t.urn);
	else
		snprintf(title, sizeof title, "%s%s%s", t.title, *t.urn ? "URN " : "", t.urn);
	snprintf(subject, sizeof subject, "%s%s", *t.urn ? "URN " : "", t.urn);
	info.author = t.unit;
	snprintf(keywords, sizeof keywords, "%s%s%s", t.urn, *t.urn && *t.unit ? ", " : "",
		 t.unit);
	if ((rc = pdf_doc_open(&d, m->font, PDF_PAGE_W, PDF_PAGE_H, &info, out, err)))
		goto out;
	r.cr = d.cr;
	r.ctx = d.ctx;
	r.family = d.font.family;
	r.t = &t;
	r.draft = m->draft;
	if ((rc = frame(&r, &fr)) ||
	    (rc = pdf_flow_make(r.ctx, r.family, doc, m->draft, &fr, &fl))) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory while making the PDF");
		goto out;
	}
	r.pages = fl.pages;
	if ((rc = draw(&r, &fl))) {
		rc = dorn_err_set(err, rc, "out of memory while making the PDF");
		goto out;
	}
	rc = pdf_doc_finish(&d, err);
out:
	if (r.foot)
		g_object_unref(r.foot);
	pdf_flow_fini(&fl);
	pdf_doc_close(&d, rc);
	free(t.urn);
	free(t.title);
	free(t.unit);
	free(t.footer);
	return rc;
}

void dorn_pdf_release(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}

#ifdef DORN_PDF_PLUGIN
/* dorn-pdf.so: everything above is hidden; this table is what dorn finds
 * (pdf_engine.h). */
__attribute__((visibility("default"))) extern const struct dorn_pdf_engine dorn_pdf_engine;
const struct dorn_pdf_engine dorn_pdf_engine = {
	DORN_PDF_ABI, sizeof(struct dorn_pdf_engine), dorn_pdf_render, dorn_pdf_release,
	dorn_figures_pdf,
};
#endif
