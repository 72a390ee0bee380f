/* What the app room's files share. */
#ifndef DORN_APP_PRIV_H
#define DORN_APP_PRIV_H

#include <stddef.h>

struct dorn_app;
struct dorn_assessment;
struct dorn_buf;
struct dorn_note_meta;
struct dorn_case;
struct dorn_case_view;
struct dorn_err;

/* The audit key (key.c): read it and give it to the store; a writer of a
 * private database whose log no key has signed makes one and seals. */
int app_key_load(struct dorn_app *app, int writer, struct dorn_err *err);
/* A new random key, written to path (O_EXCL; 0600, or 0640 when shared). */
int app_key_write(const char *path, int shared, const char *db_id, long long from,
		  unsigned char key[32], struct dorn_err *err);

/* Where s first holds what plain text may not (a control character
 * other than those flags keep, DORN_TEXT_KEEP_NEWLINE; a direction
 * control; a byte that is not UTF-8): its position in characters, from
 * 1, with what it is in words in what; 0 when s is plain. */
size_t app_text_control(const char *s, int flags, char *what, size_t nwhat);

/* The DORN_ERULE message for a case without consent to share. */
int dorn_app_no_consent(const struct dorn_case *c, struct dorn_err *err);

/* The note's text with its annex (the draft order) appended to out: the
 * one place the two are composed. A template's fault is DORN_ECONFIG. */
int dorn_app_note_text(struct dorn_app *app, const struct dorn_case *c,
		       const struct dorn_assessment *a, const struct dorn_note_meta *m,
		       struct dorn_buf *out, struct dorn_err *err);

/* The display names of the authors of the case's version (case_id 0: a
 * case not saved yet, which has none), in the order they first changed
 * it, and the acting user's last when with_me and they are not among them
 * (they are about to be): for the note's "Written by". One allocation:
 * the caller frees *names. */
int dorn_app_authors(struct dorn_app *app, long long case_id, int version, int with_me,
		     const char ***names, size_t *n, struct dorn_err *err);

/* Bring the note in step with v->c inside the open transaction: a draft
 * re-rendered, the next version after a frozen one when the case changed,
 * or the draft removed when there is no consent (then DORN_ERULE). */
int dorn_app_refresh_note(struct dorn_app *app, struct dorn_case_view *v,
			  struct dorn_err *err);
/* The same, with the status line the note's header shows (NULL: draft). */
int dorn_app_render_note(struct dorn_app *app, struct dorn_case_view *v, const char *status,
			 struct dorn_err *err);

/* Store c inside the open transaction (with its audit row) and bring its
 * note in step; *noted says whether it has a note now (not without
 * consent, which is not an error here). */
/* Saving c over the stored case, inside the open transaction: when only
 * what is recorded after the hearing differs, save that (a new outcome
 * version, logged; the note untouched) and set *done. When the case
 * differs too, *also says the outcome does: the caller saves the case,
 * then calls dorn_app_outcome_also. */
int dorn_app_outcome_route(struct dorn_app *app, struct dorn_case *c, const char *reason,
			   int *done, int *also, struct dorn_err *err);
int dorn_app_outcome_also(struct dorn_app *app, struct dorn_case *c, const char *reason,
			  struct dorn_err *err);
/* Inside the open transaction, before the interview saves c (which never
 * edits the outcome): when the stored outcome is not the version c was
 * read at (it was recorded or corrected since, on the outcome screen or
 * with dorn outcome), take the stored one into c, so the interview's copy
 * never puts back what it read before. */
int dorn_app_outcome_keep(struct dorn_app *app, struct dorn_case *c, struct dorn_err *err);
int dorn_app_put_case(struct dorn_app *app, struct dorn_case *c, const char *reason,
		      int *noted, struct dorn_err *err);

/* Begin a transaction, load the case by the URN as typed, log the reading
 * (why is the audit reason), assess it and read its latest note. */
int dorn_app_open_case(struct dorn_app *app, const char *typed, struct dorn_case_view *v,
		       const char *why, struct dorn_err *err);
/* Commit when rc is 0, else roll back; frees v on failure (except for
 * DORN_ERULE, whose caller may still want it). Returns the result. */
int dorn_app_finish(struct dorn_app *app, struct dorn_case_view *v, int rc,
		    struct dorn_err *err);

#endif
