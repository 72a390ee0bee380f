/* The PDF's parts, private to the export room: the font (pdf_font.c), the
 * flow of the note into pages (pdf_flow.c) and the catalog entries added
 * after cairo is done (pdf_lang.c, pdf_lang.h); pdf.c puts them together
 * and draws, and lends the figures' page (figures_pdf.c) what every PDF of
 * dorn's shares: the document from its font to its last byte, and how a
 * line of text is drawn.
 * Only src/export/ includes cairo, pango and fontconfig. */
#ifndef DORN_EXPORT_PDF_H
#define DORN_EXPORT_PDF_H

#include <stddef.h>

#include <cairo.h>
#include <pango/pango.h>

struct dorn_buf;
struct dorn_doc;
struct dorn_err;

/* A4 in points, and the text block a court bundle expects: a wider left
 * margin for the binding; header and footer sit inside the top and
 * bottom margins. */
#define PDF_MM (72.0 / 25.4)
#define PDF_PAGE_W 595.276
#define PDF_PAGE_H 841.89
#define PDF_LEFT (25 * PDF_MM)
#define PDF_RIGHT (20 * PDF_MM)
#define PDF_TOP (20 * PDF_MM)
#define PDF_BOTTOM (20 * PDF_MM)
#define PDF_TEXT_W (PDF_PAGE_W - PDF_LEFT - PDF_RIGHT)

#define PDF_DEFAULT_FAMILY "DejaVu Sans"
#define PDF_DRAFT_MARK "DRAFT - NOT APPROVED"
#define PDF_LANG "en-GB"

/* ---- the font: [export] pdf_font ---- */

struct pdf_font {
	PangoFontMap *map;  /* a reference: the fonts pango chooses from */
	char family[256];   /* the family every style is set in */
	int own;            /* map is this export's own, with its own configuration */
};

/* font: a family name, or (holding a '/') a font file. NULL or "" is
 * DejaVu Sans. A family fontconfig does not have, or a file it cannot
 * read, is DORN_ECONFIG naming [export] pdf_font. f must be closed even
 * on failure. */
int pdf_font_open(const char *font, struct pdf_font *f, struct dorn_err *err);
void pdf_font_close(struct pdf_font *f);

/* ---- one PDF, from its font to its last byte (pdf.c) ---- */

/* What the document's metadata says (never a person's name): "" or NULL
 * leaves an entry out. date ("YYYY-MM-DD") is the document's own, the
 * version's or the figures' day, never the clock's, so the same input
 * gives the same bytes; NULL or anything else writes no date at all. */
struct pdf_info {
	const char *title, *subject, *author, *keywords, *date;
};

struct pdf_doc {
	struct dorn_buf *out;
	size_t start;            /* where this PDF starts in out */
	int failed;              /* cairo could not add to out */
	struct pdf_font font;
	cairo_surface_t *s;
	cairo_t *cr;
	PangoContext *ctx;       /* pango for the surface: points, en-GB, unhinted */
};

/* Begin a PDF of w x h points at the end of out: the font ([export]
 * pdf_font, checked first: DORN_ECONFIG naming it when it is not there),
 * cairo's surface writing into out, the metadata, and pango's context.
 * d must be closed even on failure. */
int pdf_doc_open(struct pdf_doc *d, const char *font, double w, double h,
		 const struct pdf_info *info, struct dorn_buf *out, struct dorn_err *err);
/* After the last page: cairo done, then /Lang and /DisplayDocTitle
 * (pdf_lang.c). 0 or a DORN_E code. */
int pdf_doc_finish(struct pdf_doc *d, struct dorn_err *err);
/* Give back what d holds; failed (nonzero) also takes out back to where
 * this PDF began, so nothing of a failed PDF stays. */
void pdf_doc_close(struct pdf_doc *d, int failed);

/* Draw a line of text, its left end on the baseline at (x, y), a
 * right-to-left run inside it so that its text copies out in order. */
void pdf_show_line(cairo_t *cr, PangoLayoutLine *line, double x, double y);
/* Every line of l, its top left corner at (x, y). */
void pdf_show(cairo_t *cr, PangoLayout *l, double x, double y);

/* ---- the flow: the note cut into lines and the lines into pages ---- */

/* One line of text where it sits in its cell: points from the top of the
 * cell's text (top, bottom and baseline) and from its left edge. */
struct pdf_line {
	PangoLayoutLine *line;
	PangoLayoutLine *dash;  /* a list item's "-", set in the hang before
				 * the line, or NULL */
	double x, dash_x;
	double top, bot, base;
};

/* What the page shows besides text. */
enum pdf_draw {
	PDF_TEXT,      /* a line of text: line at (x, y), y its baseline */
	PDF_RULE,      /* a line from (x0, y0) to (x1, y1) */
	PDF_FILL,      /* a tinted rectangle (x0, y0)-(x1, y1) */
	PDF_FRAME,     /* a ruled rectangle (x0, y0)-(x1, y1) */
	PDF_BEGIN,     /* a structure element begins: tag */
	PDF_END,       /* and ends */
	PDF_PAGE,      /* a new page */
};

struct pdf_op {
	enum pdf_draw kind;
	PangoLayoutLine *line;         /* TEXT */
	double x, y;                   /* TEXT */
	double x0, y0, x1, y1;         /* RULE, FILL, FRAME */
	double gray, width;            /* RULE, FILL, FRAME: 0 black .. 1 white */
	const char *tag;               /* BEGIN, END */
	int leaf;                      /* BEGIN, END: an element that holds text
					* itself (cairo marks its content) */
};

/* The body area of every page: y from the top of the page. */
struct pdf_frame {
	double top, bottom;
};

struct pdf_flow {
	struct pdf_op *op;
	size_t n, cap;
	size_t pages;
	/* what the ops point into, freed by pdf_flow_fini */
	PangoLayout **lay;
	size_t nlay, caplay;
	struct pdf_box *box;
	size_t nbox, capbox;
	int oom;
};

/* Lay doc out in ctx (whose font map is the font's) in the frame: every
 * line measured once, then placed on pages, as ops for pdf.c to draw.
 * draft puts a DRAFT - NOT APPROVED banner first. 0 or DORN_ENOMEM. fl
 * must be finished even on failure. */
int pdf_flow_make(PangoContext *ctx, const char *family, const struct dorn_doc *doc, int draft,
		  const struct pdf_frame *fr, struct pdf_flow *fl);
void pdf_flow_fini(struct pdf_flow *fl);

/* A layout in family at size points (bold or not), width points wide
 * (-1: unwrapped), its baselines spacing times the font's line height
 * apart (0: the font's own), words wrapped (and a word wider than the line
 * broken), no hyphen ever added, left to right as an English document is
 * (an Arabic name inside it still runs right to left). text must be
 * UTF-8; if it is not, a cleaned copy is set. NULL when out of memory. */
PangoLayout *pdf_layout(PangoContext *ctx, const char *family, double size, int bold,
			double spacing, double width, const char *text);

#include "pdf_lang.h"

#endif
