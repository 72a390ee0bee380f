/* What cairo 1.16 cannot put in a PDF's catalog, added after it is done
 * (pdf_lang.c): the document's language, and that viewers show its title.
 * Bytes only, no cairo or pango: the unit tests use it directly. */
#ifndef DORN_EXPORT_PDF_LANG_H
#define DORN_EXPORT_PDF_LANG_H

#include <stddef.h>

struct dorn_buf;
struct dorn_err;

/* Append to the PDF in out (from start to out->len, as cairo wrote it)
 * an incremental update giving its catalog /Lang (lang) and, unless it
 * has viewer preferences already, /DisplayDocTitle. 0, or DORN_EINTERNAL
 * naming what was not where cairo puts it, or DORN_ENOMEM; out is left
 * as it was on failure. */
int pdf_lang_append(struct dorn_buf *out, size_t start, const char *lang,
		    struct dorn_err *err);

#endif
