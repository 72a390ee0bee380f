/* Reading data/offences.ini (config room: it reads INI files). */
#ifndef DORN_OFFENCES_H
#define DORN_OFFENCES_H

#include "dorn/rules.h"

struct dorn_err;

/* Load path (NULL: <datadir>/offences.ini). Every section must have
 * statute, title, route, sexual and possession, and nothing else. Errors:
 * DORN_ECONFIG with "FILE:LINE: what is wrong: what to do". */
int dorn_offences_load(const char *path, struct dorn_offences *out,
		       struct dorn_err *err);
void dorn_offences_free(struct dorn_offences *t);

struct dorn_wording;

/* Load data/problems.ini (NULL: <datadir>/problems.ini): one section per
 * problem (named as dorn_problem_name gives), each with note and screen
 * texts, parsed as templates. Every problem must be there. DORN_ECONFIG
 * with "FILE:LINE: ..." otherwise. */
int dorn_wording_load(const char *path, struct dorn_wording *w, struct dorn_err *err);

/* Read a template file (the note's: [note] template, or
 * <datadir>/templates/note.txt when path is NULL or ""). DORN_ECONFIG with
 * the file and line on any problem. */
struct dorn_tmpl;
int dorn_template_load(const char *path, struct dorn_tmpl **out, struct dorn_err *err);
/* The same for the annex (the draft order): [note] order_template, or
 * <datadir>/templates/order.txt when path is NULL or "". */
int dorn_order_template_load(const char *path, struct dorn_tmpl **out,
			     struct dorn_err *err);

/* Read data/figures.ini (NULL: <datadir>/figures.ini): its one section,
 * [baseline], with label, made, of and source, and nothing else.
 * DORN_ECONFIG with "FILE:LINE: ..." otherwise. */
struct dorn_fig_baseline;
int dorn_figures_baseline_load(const char *path, struct dorn_fig_baseline *out,
			       struct dorn_err *err);

#endif
