/* Files for the case file: the note as text and PDF, the case as JSON, and
 * SHA256SUMS to prove later that nothing changed.
 *
 * No file is put in place before its export is recorded: each is first
 * written, complete and synced, to a temporary file in its folder
 * (dorn_export_stage), the caller records the disclosure, and only then
 * is each linked to its name (dorn_export_place), never replacing a
 * different file. Folders are opened one component at a time from a
 * folder's descriptor, never through a symbolic link, and every file is
 * named relative to its folder's descriptor, so no path is resolved twice.
 * The export room is the only code that uses cairo and pango. */
#ifndef DORN_EXPORT_H
#define DORN_EXPORT_H

#include <limits.h>
#include <stddef.h>

#include "dorn/hash.h"

struct dorn_buf;
struct dorn_err;

struct dorn_doc;

/* What goes on every page of the PDF besides the note, and into its
 * metadata (which holds the URN and the unit, never personal data). */
struct dorn_pdf_meta {
	const char *urn_display;  /* "01/AB/12345/26": "URN - Page x of y" */
	const char *title;        /* "Deprivation order request note, version 2":
				   * the document title (metadata) */
	const char *unit;         /* [unit] name, for the metadata; may be "" */
	const char *footer;       /* "Approved by Sam Supervisor on 28 November 2026
				   * (version 2)" or "DRAFT - NOT APPROVED (...)" */
	int draft;                /* a DRAFT - NOT APPROVED banner on page 1 */
	const char *font;         /* [export] pdf_font: a family ("DejaVu Sans")
				   * or, when it holds a '/', a font file */
	const char *date;         /* "2026-11-28": the version's date, for the
				   * metadata, so the same version gives the
				   * same bytes every time */
};

/* The note (a parsed model, doc.h) as a tagged A4 PDF in out, set with
 * cairo and pango: headings, labels and banners in bold, fields in two
 * columns, the victim's words set apart, tables ruled with their heading
 * row repeated on each page, item blocks and rows kept on one page when
 * they fit, "URN - Page x of y" and the footer on every page; the fonts
 * embedded as subsets. A font that is not there is DORN_ECONFIG naming
 * [export] pdf_font, with nothing in out. */
int dorn_pdf_render(const struct dorn_doc *doc, const struct dorn_pdf_meta *m,
		    struct dorn_buf *out, struct dorn_err *err);
struct dorn_figures;

/* What the figures' page takes from the configuration. */
struct dorn_figures_pdf_meta {
	const char *unit;  /* [unit] name: under the title and in the metadata; may be "" */
	const char *font;  /* [export] pdf_font, as for the note */
	int below;         /* [figures] suppress_below: counts from 1 to below - 1
			    * hidden, as in CSV and JSON */
};

/* The unit's figures (figures.h) as a one-page report for a unit meeting:
 * A4 landscape, set with cairo and pango as the note is. The title with
 * the unit, the range and the day the figures were made (the model's
 * today, never the clock's: the same figures give the same bytes); the
 * funnel from concerns recorded to orders made, refused and returned as
 * bars with each count and share written beside its bar, items beside
 * cases; the unit's orders rate and the baseline as a pair of bars with
 * the baseline's source; the medians and the notes that missed their
 * hearing; then, with f->by, a table of the groups (the most recent
 * months, or the largest groups, that fit, and how many more there are),
 * else the items as bars and the other rates. Small counts are hidden as
 * dorn_figures_csv hides them. Tagged (Document, H1, H2, P, Table, TR, TH,
 * TD: every bar's numbers are a table's cells, since cairo 1.16 gives a
 * figure no alternate text), en-GB, fonts embedded as subsets; the
 * metadata holds the unit and the range only. A font that is not there is
 * DORN_ECONFIG naming [export] pdf_font, with nothing added to out. */
int dorn_figures_pdf(const struct dorn_figures *f, const struct dorn_figures_pdf_meta *m,
		     struct dorn_buf *out, struct dorn_err *err);

/* Give back what the PDF's libraries keep from one PDF to the next
 * (pango's fonts, fontconfig's configuration, cairo's caches), so that a
 * leak checker sees only what dorn holds. At exit only, when no PDF is
 * being made; nothing needs to call it. */
void dorn_pdf_release(void);

#define DORN_EXPORT_SUMS "SHA256SUMS"
/* URN-deprivation-note-vN[-DRAFT].audit-head holds "SEQ:MAC\n": the audit
 * log's last row when that version was first exported to the folder, an
 * anchor anyone can check against the log later; SHA256SUMS lists it. */
#define DORN_EXPORT_HEAD_EXT ".audit-head"
#define DORN_EXPORT_TMP ".dorn-tmp-"    /* + "<pid>-<random>-<name>" */
/* Another process's temporary file is stale when that process is gone, or
 * after this many seconds (its number may have been given to another). */
#define DORN_EXPORT_STALE_SECS 600

/* A folder opened for export. */
struct dorn_xdir {
	int fd;                   /* -1 when not open */
	char path[PATH_MAX];      /* as named: for messages and the report only */
	struct dorn_xmade *made;  /* the folders opening it created, outermost first */
	size_t nmade, cap;
};

/* Open path as a folder, relative to at (NULL: from "/" or the working
 * folder), making each missing folder 0700 on the way. No component may
 * be a symbolic link (DORN_ECANTCREAT saying which is), nor anything but a
 * folder. The folder is locked (flock) until closed, so two exports to it
 * take turns. d must be closed even on failure. */
int dorn_export_open(struct dorn_xdir *d, const struct dorn_xdir *at, const char *path,
		     struct dorn_err *err);
/* Close d; with undo, first remove the folders opening it created (only
 * those still empty). Safe on a folder never opened. */
void dorn_export_close(struct dorn_xdir *d, int undo);

/* Remove stale temporary files left in d by an export that was stopped
 * (killed, or the machine went down), each named in report as "Removed
 * DIR/NAME (...)". Another export's fresh temporary file is left alone. */
int dorn_export_sweep(struct dorn_xdir *d, struct dorn_buf *report, struct dorn_err *err);

/* One file of an export, from written to placed. */
struct dorn_xfile {
	char name[256];             /* its name in the folder */
	char tmp[256];              /* its temporary file, "" when none */
	char hex[DORN_SHA256_HEX];  /* SHA-256 of its bytes */
	int same;                   /* already there with these bytes: left alone */
	int replace;                /* SHA256SUMS: replaced when different */
};

/* Write data for d/name to a new temporary file in d (O_EXCL, O_NOFOLLOW,
 * 0600), synced. When d/name holds the same bytes already, nothing is
 * written (f->same). When it holds other bytes: with replace the
 * temporary file is still written; without, nothing is written and
 * DORN_ECANTCREAT says it is never overwritten. A symbolic link or
 * anything but a regular file at name is refused (DORN_ECANTCREAT). On
 * failure no temporary file remains. */
int dorn_export_stage(struct dorn_xdir *d, struct dorn_xfile *f, const char *name,
		      int replace, const void *data, size_t n, struct dorn_err *err);
/* Put a staged file in place: link(2) it to its name, which never replaces
 * a file (one with the same bytes, come meanwhile, counts as same), or
 * with replace rename(2) it over the old one; then remove the temporary. */
int dorn_export_place(struct dorn_xdir *d, struct dorn_xfile *f, struct dorn_err *err);
/* Remove a staged file's temporary file (when it has one). */
void dorn_export_discard(struct dorn_xdir *d, struct dorn_xfile *f);
/* fsync the folder, so its new names are on disk too. */
int dorn_export_sync(struct dorn_xdir *d, struct dorn_err *err);

/* The bytes of the regular file d/name into out (at most max): 1 when
 * read, 0 when there is none. A symbolic link there is DORN_ECANTCREAT. */
int dorn_export_read(struct dorn_xdir *d, const char *name, size_t max, struct dorn_buf *out,
		     struct dorn_err *err);

/* The new text of d/SHA256SUMS (sha256sum -c format: 64 hex, two spaces,
 * the name; sorted by name): its lines for other files kept, a line for
 * each of files[0..n) from its hex. */
int dorn_sums_text(struct dorn_xdir *d, const struct dorn_xfile *files, size_t n,
		   struct dorn_buf *out, struct dorn_err *err);

/* What dorn verify found in a folder. */
struct dorn_verify {
	size_t checked;  /* files listed in SHA256SUMS */
	size_t changed;  /* listed, but with other bytes, or not a regular file */
	size_t missing;  /* listed, not there */
	size_t strays;   /* there, but not listed (temporary files too) */
	size_t heads;    /* .audit-head files listed, matching, well formed */
	char head[96];   /* the newest of them, "SEQ:MAC" (the highest SEQ: it
			  * vouches for every row before it); else "" */
};

/* Check a folder against its SHA256SUMS (path: the folder or that file).
 * Each problem is a line of report: "NAME: changed", "NAME: missing",
 * "NAME: not listed in SHA256SUMS ...", "NAME: not SEQ:MAC ..." (a
 * .audit-head file). Returns 0 when every listed file
 * matches and nothing else is there, DORN_EDATA when not (or for a
 * malformed line, naming it), DORN_ENOINPUT when there is no SHA256SUMS. */
int dorn_sums_verify(const char *path, struct dorn_buf *report, struct dorn_verify *res,
		     struct dorn_err *err);

#endif
