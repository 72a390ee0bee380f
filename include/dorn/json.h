/* JSON documents and rows (export room: the only code that uses jansson).
 * Keys are stable and documented in dorn(1); "schema" names the version
 * of the shape. */
#ifndef DORN_JSON_H
#define DORN_JSON_H

#include <stddef.h>

struct dorn_buf;
struct dorn_case;
struct dorn_case_view;
struct dorn_outcome_state;
struct dorn_scripts;
struct dorn_offences;
struct dorn_wording;

#define DORN_JSON_SCHEMA 1

/* One flat object on one line, from parallel arrays; numeric[i] makes
 * vals[i] a JSON integer (or null when empty). Appends to out. */
int dorn_json_row(const char *const *keys, const char *const *vals, const int *numeric,
		  size_t n, struct dorn_buf *out);

/* The case record, its assessment and its note's metadata (not the note's
 * text), pretty-printed. for_export leaves out the fields that stay in the
 * unit (safe contact, needs, how the victim wants to hear the outcome).
 * audit_head ("SEQ:MAC", or NULL for none) goes in as "audit_head", after
 * "schema": the audit log's head when the export was written. */
int dorn_json_case(const struct dorn_case_view *v, const struct dorn_offences *off,
		   const struct dorn_wording *w, int for_export, const char *audit_head,
		   struct dorn_buf *out);

/* The "audit_head" of a JSON document dorn_json_case wrote, into out:
 * 1 when there is one (and it fits), 0 when not (or not JSON). */
int dorn_json_audit_head(const char *text, size_t n, char *out, size_t size);

/* The worklist (agenda.h): {"schema", "today", "whose": "unit" or "own",
 * "role", "cases", "duties": [{"kind", "label", "for", "urn",
 * "urn_display", "date" (null when none), "days_left" (null when no
 * date), "note_version" (null when none), "text"}]}, pretty-printed. */
struct dorn_agenda;
int dorn_json_agenda(const struct dorn_agenda *a, struct dorn_buf *out);

/* The note: metadata and its text. */
int dorn_json_note(const struct dorn_case_view *v, struct dorn_buf *out);

/* The unit's figures (dorn figures --format json): "schema", the range,
 * "by", "suppress_below", "baseline", "all" and "groups", each set with
 * every count, rate (a percent, one decimal) and median of figures.h
 * under its key. A count from 1 to below-1, and a rate or median built on
 * one, is null and named in the set's "suppressed" list (below 0 or 1:
 * none). Documented in dorn(1). */
struct dorn_figures;
int dorn_json_figures(const struct dorn_figures *f, int below, struct dorn_buf *out);
/* The outcome of a case (dorn outcome --format json): its part and each
 * item's result, what is still needed, the task of telling the victim as
 * of today (s: dorn_outcome_assess) and the scripts for the results
 * present, the child's when the victim is under 18 now (sc may be NULL:
 * none). Holds unit-only data (how the victim wants to hear it, how they
 * were told): for the unit's own terminal, never an export. */
int dorn_json_outcome(const struct dorn_case *c, const struct dorn_outcome_state *s,
		      const struct dorn_scripts *sc, long today, struct dorn_buf *out);

#endif
