/* The PDF engine as a plug-in (export room, private). cairo, pango and
 * the libraries under them (glib, harfbuzz, fontconfig, freetype, ...) are
 * some thirty shared libraries: linked into dorn, every command would load
 * and relocate them at start, a few milliseconds each time, for the one
 * command in many that makes a PDF. So they live in dorn-pdf.so, built
 * from pdf.c, pdf_flow.c, pdf_font.c, pdf_lang.c and figures_pdf.c with
 * its own copies of the core helpers they use, all hidden but for this
 * table, and pdf_load.c loads it the first time a PDF is made. */
#ifndef DORN_PDF_ENGINE_H
#define DORN_PDF_ENGINE_H

#include <stddef.h>

struct dorn_buf;
struct dorn_doc;
struct dorn_err;
struct dorn_pdf_meta;
struct dorn_figures;
struct dorn_figures_pdf_meta;

/* Raised whenever a member changes meaning or a struct it takes changes. */
#define DORN_PDF_ABI 2

struct dorn_pdf_engine {
	int abi;      /* DORN_PDF_ABI as the plug-in was built */
	size_t size;  /* sizeof (struct dorn_pdf_engine) as it was built */
	int (*render)(const struct dorn_doc *doc, const struct dorn_pdf_meta *m,
		      struct dorn_buf *out, struct dorn_err *err);
	void (*release)(void);
	int (*figures)(const struct dorn_figures *f, const struct dorn_figures_pdf_meta *m,
		       struct dorn_buf *out, struct dorn_err *err);
};

/* The one symbol dorn-pdf.so exports. */
#define DORN_PDF_ENGINE_SYMBOL "dorn_pdf_engine"

#endif
