/* Files for the case file: the note as text and PDF, the case as JSON,
 * written atomically, and SHA256SUMS to prove later that nothing changed.
 * The export room is the only code that uses libharu. */
#ifndef DORN_EXPORT_H
#define DORN_EXPORT_H

#include <stddef.h>

struct dorn_buf;
struct dorn_err;

/* What goes on every page of the PDF besides the note's text. */
struct dorn_pdf_meta {
	const char *urn_display;  /* "01/AB/12345/26": header of every page */
	const char *title;        /* "Deprivation order request note, version 2" */
	const char *footer;       /* "Approved by Sam Supervisor on 28 November 2026"
				   * or "DRAFT - NOT APPROVED" */
	int draft;                /* also mark every page DRAFT - NOT APPROVED */
	const char *font_path;    /* [export] pdf_font: a TrueType font to embed */
};

/* The note's text (UTF-8, lines of at most 78 columns, '\n' between them)
 * as an A4 PDF in out: DejaVu Sans (or font_path) embedded so names such as
 * Zoë and Łukasz print; a header with the URN and "Page x of y"; text
 * wrapped to the page and broken across pages, an item's block ("Item N:"
 * up to the next blank line) kept on one page when it fits; the footer on
 * every page. A missing or unreadable font is DORN_ECONFIG naming
 * [export] pdf_font. */
int dorn_pdf_render(const char *text, const struct dorn_pdf_meta *m, struct dorn_buf *out,
		    struct dorn_err *err);

/* Write data to dir/name atomically: a temporary file in dir (0600), fsync,
 * rename, fsync of dir. When dir/name exists with the same bytes it is left
 * alone (*same = 1); when it exists with other bytes nothing is written and
 * DORN_ECANTCREAT says so (it is never overwritten). A folder that cannot
 * be written: DORN_ECANTCREAT, and no partial or temporary file remains. */
int dorn_export_write(const char *dir, const char *name, const void *data, size_t n,
		      int *same, struct dorn_err *err);

/* Make dir (and its parents) 0700 when absent. DORN_ECANTCREAT on failure. */
int dorn_export_mkdir(const char *dir, struct dorn_err *err);

/* Add or replace the lines for names in dir/SHA256SUMS (sha256sum -c
 * format: 64 hex, two spaces, the file name), hashing the files as they
 * are now; other lines are kept; written atomically. */
int dorn_sums_update(const char *dir, const char *const *names, size_t n,
		     struct dorn_err *err);

/* Check dir/SHA256SUMS (path may be the folder or the SHA256SUMS file).
 * Each changed or missing file is appended to report as "NAME: changed" or
 * "NAME: missing", one per line; *checked counts the files listed. Returns
 * 0 when all match, DORN_EDATA when any does not, DORN_ENOINPUT when there
 * is no SHA256SUMS, DORN_EDATA for a malformed line (naming it). */
int dorn_sums_verify(const char *path, struct dorn_buf *report, size_t *checked,
		     struct dorn_err *err);

#endif
