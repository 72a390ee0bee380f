/* A small template engine for the note (and anything else rendered from
 * data/templates/). Syntax: see dorn-template(5). Pure: no I/O. */
#ifndef DORN_TMPL_H
#define DORN_TMPL_H

#include <stddef.h>

struct dorn_buf;
struct dorn_err;

/* The values a template reads: a tree of named strings, flags and lists. */
struct dorn_tctx;

struct dorn_tctx *dorn_tctx_new(void);          /* NULL when out of memory */
void dorn_tctx_free(struct dorn_tctx *c);        /* the whole tree */

/* Set name to a string (copied; control characters other than newline are
 * removed). Setting a name again replaces it. 0 or DORN_ENOMEM. */
int dorn_tctx_set(struct dorn_tctx *c, const char *name, const char *value);
int dorn_tctx_setf(struct dorn_tctx *c, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A flag: true renders {{#name}} sections once, false renders {{^name}}. */
int dorn_tctx_flag(struct dorn_tctx *c, const char *name, int on);
/* Append a new element to the list name (created empty when absent) and
 * return it, to be filled; NULL when out of memory. */
struct dorn_tctx *dorn_tctx_add(struct dorn_tctx *c, const char *name);
/* Make name an empty list (so {{^name}} renders). */
int dorn_tctx_list(struct dorn_tctx *c, const char *name);

struct dorn_tmpl;

/* Parse a template. origin names it in errors ("note.txt"). Errors are
 * DORN_EDATA with "ORIGIN:LINE: what is wrong: what to do". */
int dorn_tmpl_parse(const char *text, size_t n, const char *origin,
		    struct dorn_tmpl **out, struct dorn_err *err);
void dorn_tmpl_free(struct dorn_tmpl *t);

/* Render with c; appends to out. A name found nowhere in the context is an
 * error (DORN_EDATA, "ORIGIN:LINE: unknown name 'x'"), so typos are caught. */
int dorn_tmpl_render(const struct dorn_tmpl *t, const struct dorn_tctx *c,
		     struct dorn_buf *out, struct dorn_err *err);

/* Wrap text at width display columns. Each line is wrapped on its own;
 * continuation lines are indented like the line's first text, so "- " and
 * "1. " bullets hang. Words longer than width are not broken. */
int dorn_text_wrap(const char *in, size_t width, struct dorn_buf *out);

#endif
