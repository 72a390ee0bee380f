/* After the hearing: what the court did with each item, recorded apart
 * from the case the note was written from. An outcome never starts a new
 * note version and is never blocked by a review: it is a fact about the
 * hearing, not a change to the request. Each save after the first is a
 * correction, counted and logged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/err.h"
#include "dorn/fields.h"
#include "dorn/json.h"
#include "dorn/model.h"
#include "dorn/retention.h"
#include "dorn/store.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "priv.h"

/* Recorded after the hearing: the outcome part and the items' results. */
static int after_hearing(const struct dorn_field *f)
{
	return f->part == DORN_PART_OUTCOME || (f->part == DORN_PART_ITEM && (f->flags & DORN_FF_SPARSE));
}

static int same_value(const struct dorn_field *f, const struct dorn_case *a,
		      const struct dorn_item *ai, const struct dorn_case *b,
		      const struct dorn_item *bi)
{
	static char x[DORN_LONG_MAX + 64], y[DORN_LONG_MAX + 64];

	dorn_field_text(f, dorn_field_cat(f, a, ai), 0, x, sizeof x);
	dorn_field_text(f, dorn_field_cat(f, b, bi), 0, y, sizeof y);
	return strcmp(x, y) == 0;
}

/* Compare a and b field by field: *before whether anything recorded
 * before the hearing differs, *after whether the outcome does. Items are
 * matched by position; a different set of items differs before. */
static void compare(const struct dorn_case *a, const struct dorn_case *b, int *before,
		    int *after)
{
	*before = a->nitems != b->nitems || a->noffences != b->noffences ||
		  a->steps_saved != b->steps_saved;
	*after = 0;
	for (size_t i = 0; !*before && i < a->nitems; i++)
		*before = a->items[i].position != b->items[i].position;
	for (size_t i = 0; !*before && i < a->noffences; i++)
		*before = strcmp(a->offences[i], b->offences[i]) != 0;
	for (size_t k = 0; k < dorn_nfields; k++) {
		const struct dorn_field *f = &dorn_fields[k];
		int *flag = after_hearing(f) ? after : before;

		if (*flag || f->type == DORN_FT_OFFENCES)
			continue;
		if (f->part != DORN_PART_ITEM) {
			*flag = !same_value(f, a, NULL, b, NULL);
			continue;
		}
		for (size_t i = 0; i < a->nitems && i < b->nitems && !*flag; i++)
			*flag = !same_value(f, a, &a->items[i], b, &b->items[i]);
	}
}

/* A text of the outcome is plain (a line break only in the judge's
 * reasons): the faces that do not clean what is typed (the command line)
 * are told where it is not. */
static int plain(const struct dorn_case *c, struct dorn_err *err)
{
	char what[96];

	for (size_t k = 0; k < dorn_nfields; k++) {
		const struct dorn_field *f = &dorn_fields[k];
		int flags = f->type == DORN_FT_LINES ? DORN_TEXT_KEEP_NEWLINE : 0;
		size_t at;

		if (!after_hearing(f) || (f->type != DORN_FT_TEXT && f->type != DORN_FT_LINES))
			continue;
		if (f->part == DORN_PART_OUTCOME) {
			at = app_text_control(dorn_field_cat(f, c, NULL), flags, what, sizeof what);
			if (at)
				return dorn_err_set(err, DORN_EDATA, "%s holds %s at character %zu: "
						    "it is plain text, so remove it", f->label,
						    what, at);
			continue;
		}
		for (size_t i = 0; i < c->nitems; i++) {
			at = app_text_control(dorn_field_cat(f, c, &c->items[i]), flags, what,
					      sizeof what);
			if (at)
				return dorn_err_set(err, DORN_EDATA, "item %d: %s holds %s at "
						    "character %zu: it is plain text, so remove it",
						    c->items[i].position, f->label, what, at);
		}
	}
	return 0;
}

/* What cannot be true of an outcome, whoever records it. */
static int outcome_check(struct dorn_app *app, const struct dorn_case *c, struct dorn_err *err)
{
	const struct dorn_outcome *o = &c->outcome;
	char today[11];
	struct dorn_date d;
	int rc = plain(c, err);

	if (rc)
		return rc;
	dorn_date_from_days(app->today, &d);
	dorn_date_iso(&d, today);
	if (*o->told_date && *o->not_told)
		return dorn_err_set(err, DORN_EDATA, "the outcome says both when the victim was "
				    "told (%s) and why they were not: keep one", o->told_date);
	if (*o->told_date && strcmp(o->told_date, today) > 0)
		return dorn_err_set(err, DORN_EDATA, "the victim cannot have been told on %s, "
				    "which is after today (%s): give the day they were told",
				    o->told_date, today);
	if (*o->received && strcmp(o->received, today) > 0)
		return dorn_err_set(err, DORN_EDATA, "the outcome cannot have been received on "
				    "%s, after today (%s): give the day the unit heard it",
				    o->received, today);
	if (*o->received && *o->date && strcmp(o->received, o->date) < 0)
		return dorn_err_set(err, DORN_EDATA, "the outcome was received on %s, before "
				    "the hearing that decided it (%s): check both dates",
				    o->received, o->date);
	if (*o->told_date && *o->date && strcmp(o->told_date, o->date) < 0)
		return dorn_err_set(err, DORN_EDATA, "the victim was told on %s, before the "
				    "hearing that decided it (%s): check both dates", o->told_date,
				    o->date);
	return 0;
}

/* Save c's outcome inside the open transaction; c->outcome_version is the
 * one the caller's copy was loaded at. */
static int outcome_store(struct dorn_app *app, struct dorn_case *c, const char *reason,
			 struct dorn_err *err)
{
	char why[1200], what[DORN_SHORT_MAX + 64];
	int rc = outcome_check(app, c, err);

	if (rc)
		return rc;
	/* The reason goes into the audit log, which keeps it after the case is
	 * erased: as erase's own reason, it may not name the case. */
	if (reason && *reason && dorn_retention_names_case(c, reason, what, sizeof what))
		return dorn_err_set(err, DORN_EDATA, "the reason holds %s, and the audit log keeps "
				    "the reason after the case is erased: write it without "
				    "naming the case or the people in it", what);
	snprintf(why, sizeof why, "%s%s%s", c->outcome_version ? "outcome corrected"
							       : "outcome recorded",
		 reason && *reason ? ": " : "", reason ? reason : "");
	return dorn_store_outcome_put(app->st, c, app->login, why, err);
}

int dorn_app_outcome_route(struct dorn_app *app, struct dorn_case *c, const char *reason,
			   int *done, int *also, struct dorn_err *err)
{
	struct dorn_case *old;
	int before, after, rc;

	*done = *also = 0;
	/* A new case that comes with its outcome (a case file after the
	 * hearing): the case is stored, then its outcome, as version 1. */
	if (!c->id) {
		*also = dorn_outcome_recorded(c);
		return *also ? outcome_check(app, c, err) : 0;
	}
	old = dorn_case_new();
	if (!old)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	/* Found by its URN: a case being renamed is a change to the case. */
	rc = dorn_store_case_load(app->st, c->urn, old, NULL);
	if (rc == DORN_ENOINPUT || (!rc && old->id != c->id)) {
		rc = 0;
	} else if (rc) {
		rc = dorn_store_case_load(app->st, c->urn, old, err);
	} else {
		compare(old, c, &before, &after);
		/* A case file carries no outcome version: it follows what is
		 * stored. */
		c->outcome_version = old->outcome_version;
		if (!before && after) {
			*done = 1;
			rc = outcome_store(app, c, reason, err);
		} else {
			*also = after;
			if (!rc && after)
				rc = outcome_check(app, c, err);
		}
	}
	dorn_case_free(old);
	return rc;
}

/* Copy what is recorded after the hearing from src into dst: the outcome
 * part and each item's result, reason and next step, onto dst's item of
 * the same position, and with same_item only when that item is the same
 * kind with the same description (items are numbered afresh when one is
 * deleted, so a position alone may name another device). Returns how many
 * of src's items with a result found no item to go to. */
static size_t copy_after(struct dorn_case *dst, const struct dorn_case *src, int same_item)
{
	size_t lost = 0;

	dst->outcome = src->outcome;
	for (size_t i = 0; i < src->nitems; i++) {
		const struct dorn_item *s = &src->items[i];
		struct dorn_item *d = NULL;

		for (size_t k = 0; k < dst->nitems && !d; k++)
			if (dst->items[k].position == s->position)
				d = &dst->items[k];
		if (d && same_item &&
		    (d->kind != s->kind || strcmp(d->description, s->description) != 0))
			d = NULL;
		if (!d) {
			lost += s->result != DORN_RESULT_NONE;
			continue;
		}
		d->result = s->result;
		memcpy(d->result_reason, s->result_reason, sizeof d->result_reason);
		memcpy(d->result_next, s->result_next, sizeof d->result_next);
	}
	return lost;
}

int dorn_app_outcome_save(struct dorn_app *app, struct dorn_case *c, const char *reason,
			  struct dorn_err *err)
{
	struct dorn_case *old = dorn_case_new();
	char shown[18];
	int before, after, rc;

	if (!old)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	rc = dorn_store_begin(app->st, err);
	if (!rc)
		rc = dorn_store_case_load(app->st, c->urn, old, err);
	if (!rc && old->id != c->id) {
		dorn_urn_display(c->urn, shown);
		rc = dorn_err_set(err, DORN_ECONFLICT, "case %s was recorded again after you "
				  "opened it: nothing was saved; open it again", shown);
	}
	if (!rc) {
		compare(old, c, &before, &after);
		if (before && old->version == c->version) {
			rc = dorn_err_set(err, DORN_EINTERNAL, "an outcome save would change the "
					  "case itself (a bug): nothing was saved");
		} else if (before && after) {
			/* Someone saved the case (not its outcome) after c was read:
			 * the outcome goes onto the case as it is now, item by item,
			 * unless its devices are not the ones c was read with. */
			int at = c->outcome_version;

			if (copy_after(old, c, 1)) {
				dorn_urn_display(c->urn, shown);
				rc = dorn_err_set(err, DORN_ECONFLICT, "the devices and accounts of "
						  "%s were changed by someone else after you opened "
						  "it: nothing was saved; open it again and record the "
						  "outcome for its items as they are now", shown);
			} else {
				old->outcome_version = at;
				rc = outcome_store(app, old, reason, err);
				if (!rc)
					c->outcome_version = old->outcome_version;
			}
		} else if (after) {
			rc = outcome_store(app, c, reason, err);
		}
	}
	if (!rc)
		rc = dorn_store_commit(app->st, err);
	else
		dorn_store_rollback(app->st);
	dorn_case_free(old);
	return rc;
}

int dorn_app_outcome_keep(struct dorn_app *app, struct dorn_case *c, struct dorn_err *err)
{
	struct dorn_case *stored;
	int rc;

	if (!c->id)
		return 0;
	stored = dorn_case_new();
	if (!stored)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	rc = dorn_store_case_load(app->st, c->urn, stored, NULL);
	if (rc || stored->id != c->id) {
		rc = 0; /* a case being renamed or gone: the save says what is wrong */
	} else if (stored->outcome_version != c->outcome_version) {
		copy_after(c, stored, 1);
		c->outcome_version = stored->outcome_version;
	}
	dorn_case_free(stored);
	return rc;
}

int dorn_app_outcome_open(struct dorn_app *app, const char *urn, struct dorn_case_view *v,
			  struct dorn_err *err)
{
	int rc = dorn_app_open_case(app, urn, v, "outcome", err);

	return dorn_app_finish(app, v, rc, err);
}

int dorn_app_outcome_json(struct dorn_app *app, const struct dorn_case *c,
			  struct dorn_buf *out)
{
	struct dorn_outcome_state s;

	dorn_app_outcome_state(app, c, &s);
	return dorn_json_outcome(c, &s, &app->scripts, app->today, out);
}

int dorn_app_outcome_also(struct dorn_app *app, struct dorn_case *c, const char *reason,
			  struct dorn_err *err)
{
	return outcome_store(app, c, reason, err);
}

void dorn_app_outcome_state(struct dorn_app *app, const struct dorn_case *c,
			    struct dorn_outcome_state *s)
{
	dorn_outcome_assess(c, app->holidays.n ? &app->holidays : NULL, &app->vcode, app->today,
			    s);
}
