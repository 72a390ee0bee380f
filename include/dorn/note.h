/* The note to the prosecutor: the facts of a case and its assessment put
 * into the template's words. Pure: templates and wording are given. */
#ifndef DORN_NOTE_H
#define DORN_NOTE_H

#include "dorn/rules.h"
#include "dorn/urn.h" /* dorn_date_long */

struct dorn_buf;
struct dorn_err;
struct dorn_tmpl;

#define DORN_NOTE_WIDTH 78

/* Wording for each problem (data/problems.ini), parsed as templates that
 * may use {{item}} and {{kind}}; NULL where there is none. */
struct dorn_wording {
	struct dorn_tmpl *note[DORN_PROBLEM__COUNT];
	struct dorn_tmpl *screen[DORN_PROBLEM__COUNT];
};
void dorn_wording_fini(struct dorn_wording *w);

struct dorn_note_meta {
	const char *unit;        /* [unit] name */
	const char *unit_area;   /* [unit] area */
	const char *unit_phone;  /* [unit] phone */
	const char *unit_email;  /* [unit] email */
	const char *author;      /* display name of who writes it */
	const char *author_contact; /* their direct phone or email (staff record) */
	/* Display names of every author of the version, in the order they
	 * first changed it ("Written by"); none: author alone. */
	const char *const *authors;
	size_t nauthors;
	int version;
	int supersedes;          /* the version this one replaces, or 0 */
	const char *status_text; /* "draft, not yet reviewed", ... */
	long today;              /* days since 1970-01-01 */
};

/* Render the note for c into out (appended) as its model (doc.h): one
 * line per template line, with the template's structure marks; its text is
 * dorn_doc_text(model, DORN_NOTE_WIDTH). The caller has checked consent;
 * the note never leaves dorn without it. */
int dorn_note_render(const struct dorn_tmpl *tmpl, const struct dorn_wording *w,
		     const struct dorn_case *c, const struct dorn_assessment *a,
		     const struct dorn_offences *off, const struct dorn_note_meta *m,
		     struct dorn_buf *out, struct dorn_err *err);

/* The text of one problem, as the note says it ("note") or as a screen
 * lists it (screen = 1), into out. */
int dorn_problem_text(const struct dorn_wording *w, const struct dorn_case *c,
		      const struct dorn_problem *p, int screen, struct dorn_buf *out,
		      struct dorn_err *err);

/* The status of a frozen note, stamped at approval: the one occurrence of
 * from in body (the status the note was submitted with) replaced by to,
 * and the result wrapped again at DORN_NOTE_WIDTH into out. When from is
 * not in body (a template without the status), a line "Status: to" is
 * added at the end instead, so the text never hides that it was approved. */
int dorn_note_stamp(const char *body, const char *from, const char *to,
		    struct dorn_buf *out);
/* The same for the note's model: replaced, not wrapped. */
int dorn_note_stamp_model(const char *model, const char *from, const char *to,
			  struct dorn_buf *out);


/* Labels shared by the note and the screens. */
const char *dorn_kind_label(int kind);       /* "Phone", "Online (cloud) account" */
const char *dorn_fear_label(unsigned bit);
/* How an item was used (enum dorn_use bits), for the middle of a sentence:
 * "take, store and send the images". */
void dorn_use_text(unsigned used, char *out, size_t n);    /* "that the device will be ..." */

#endif
