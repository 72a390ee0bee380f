/* The guided interview's use cases: saving a step, the state of each step,
 * where to resume, the guidance text, and the note preview. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/store.h"
#include "dorn/buf.h"
#include "dorn/config.h"
#include "dorn/doc.h"
#include "dorn/fields.h"
#include "dorn/text.h"
#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/urn.h"
#include "priv.h"

void dorn_app_assess(struct dorn_app *app, const struct dorn_case *c,
		     struct dorn_assessment *a)
{
	dorn_assess(c, &app->offences, app->today, app->cfg.urgent_days, a);
}

/* What each step needs before it can be called complete; problems the
 * rules find are counted separately. */
static int step_filled(const struct dorn_case *c, int step)
{
	switch (step) {
	case DORN_STEP_CASE:
		return *c->urn && *c->defendant && *c->court && c->noffences > 0;
	case DORN_STEP_CONSENT:
		return *c->victim.reference && c->victim.consent != DORN_CONSENT_NOT_ASKED;
	case DORN_STEP_AGE:
		return 1; /* "not known" is an answer; the rules flag it */
	case DORN_STEP_CONCERN:
		return c->concern.fears != 0;
	case DORN_STEP_ITEMS:
		return c->nitems > 0;
	case DORN_STEP_SUPPORT:
		return c->victim.support != 0;
	default:
		return 1;
	}
}

int dorn_app_step_state(const struct dorn_case *c, const struct dorn_assessment *a,
			int step)
{
	if (step == DORN_STEP_REVIEW) {
		/* Review is complete when every other step is. */
		for (int s = DORN_STEP_CASE; s < DORN_STEP_REVIEW; s++)
			if (dorn_app_step_state(c, a, s) != DORN_STEP_COMPLETE)
				return c->steps_saved ? DORN_STEP_INCOMPLETE : DORN_STEP_NOT_STARTED;
		return DORN_STEP_COMPLETE;
	}
	if (!(c->steps_saved & (1u << step)))
		return DORN_STEP_NOT_STARTED;
	/* Gaps, and case-level warnings (a passed date, an unknown offence),
	 * are for the officer to fix; an item's warnings (another owner, not
	 * examined) are facts for the prosecutor and do not mark the step. */
	for (size_t i = 0; i < a->nproblems; i++) {
		const struct dorn_problem *p = &a->problems[i];

		if (p->step == step && (dorn_problem_is_missing(p->code) || p->item == 0))
			return DORN_STEP_PROBLEMS;
	}
	return step_filled(c, step) ? DORN_STEP_COMPLETE : DORN_STEP_INCOMPLETE;
}

int dorn_app_resume_step(const struct dorn_case *c, const struct dorn_assessment *a)
{
	/* A saved step whose only fault is a gap in the note (STILL MISSING:
	 * most cases have some, such as the defence's position) is not
	 * where to resume: Review lists every gap with its step. */
	for (int s = DORN_STEP_CASE; s <= DORN_STEP_REVIEW; s++) {
		int st = dorn_app_step_state(c, a, s);

		if (st == DORN_STEP_NOT_STARTED || st == DORN_STEP_INCOMPLETE)
			return s;
	}
	return DORN_STEP_REVIEW;
}

/* Any answer about the victim other than the defaults of a new case. */
static int victim_answered(const struct dorn_victim *v)
{
	for (size_t i = 0; i < dorn_nfields; i++) {
		const struct dorn_field *f = &dorn_fields[i];
		const void *at = (const char *)v + f->off;

		if (f->part != DORN_PART_VICTIM)
			continue;
		if (f->type == DORN_FT_CHOICE ? *(const int *)at != 0 : !dorn_field_empty(f, at))
			return 1;
	}
	return 0;
}

int dorn_app_case_save(struct dorn_app *app, struct dorn_case *c, int step,
		       struct dorn_err *err)
{
	struct dorn_case *work;
	int rc, noted;

	if (step < DORN_STEP_CASE || step > DORN_STEP_REVIEW)
		return dorn_err_set(err, DORN_EINTERNAL, "no interview step %d", step);
	if (dorn_urn_parse(c->urn, NULL, NULL) != 0)
		return dorn_err_set(err, DORN_EDATA, "the case needs a valid URN before it can "
				    "be saved: type it in step 1");
	/* The store keeps the victim's answers with their reference (a row
	 * needs one): rather than drop consent or an age answer unseen, refuse
	 * and say what to type; the form keeps what was typed. */
	if (!c->victim.reference[0] && victim_answered(&c->victim))
		return dorn_err_set(err, DORN_EDATA, "the victim's answers cannot be kept "
				    "without their reference: type it in step 2 (a "
				    "reference, not their name), then go on");
	rc = dorn_app_load_data(app, err);
	if (rc)
		return rc;
	/* Work on a copy, so a refused save leaves the officer's values as
	 * they were, down to the version they started from. */
	work = dorn_case_new();
	if (!work)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	memcpy(work, c, sizeof *work);
	work->steps_saved |= 1u << step;
	rc = dorn_store_begin(app->st, err);
	if (rc)
		goto out;
	/* A saved case keeps its URN: editing the field never changes it,
	 * only dorn_app_case_rename does, which asks for a reason. */
	if (work->id) {
		long long id = 0;

		rc = dorn_store_case_id(app->st, work->urn, &id, NULL);
		if (rc || id != work->id) {
			rc = dorn_err_set(err, DORN_ERULE, "the URN of a saved case is not "
					  "changed by editing it: Ctrl-R on step 1 (or dorn "
					  "rename) changes it, asks first and is logged");
			goto fail;
		}
	}
	rc = dorn_app_outcome_keep(app, work, err);
	if (rc)
		goto fail;
	rc = dorn_app_put_case(app, work, "interview", &noted, err);
	if (rc)
		goto fail;
	rc = dorn_store_commit(app->st, err);
	if (rc)
		goto out;
	memcpy(c, work, sizeof *c);
	goto out;
fail:
	dorn_store_rollback(app->st);
out:
	dorn_case_free(work);
	return rc;
}

static int load_interview(struct dorn_app *app, struct dorn_err *err)
{
	if (app->interview)
		return 0;
	return dorn_data_ini_load("interview.ini", NULL, &app->interview, err);
}

/* "\n" in the file is a line break; the text lives as long as the app. */
static const char *text_of(struct dorn_app *app, int step, const char *key)
{
	char sec[16];
	const struct dorn_ini_entry *e;
	char *p;

	snprintf(sec, sizeof sec, "step %d", step);
	e = dorn_ini_get(app->interview, sec, key);
	if (!e)
		return "";
	/* Unescape in place once: the reader owns the string and nobody else
	 * reads it raw. */
	p = (char *)e->value;
	for (char *r = p, *w = p;; r++, w++) {
		if (r[0] == '\\' && r[1] == 'n') {
			*w = '\n';
			r++;
		} else {
			*w = *r;
		}
		if (!*r)
			break;
	}
	return e->value;
}

int dorn_app_step_text(struct dorn_app *app, int step, int child,
		       struct dorn_step_text *out, struct dorn_err *err)
{
	const char *say = "";
	int rc = load_interview(app, err);

	out->title = out->intro = out->say = "";
	if (rc)
		return rc;
	out->title = text_of(app, step, "title");
	out->intro = text_of(app, step, "intro");
	if (child & DORN_SAY_CHILD_NOW)
		say = text_of(app, step, "say_child_now");
	if (!*say && child)
		say = text_of(app, step, "say_child");
	out->say = *say ? say : text_of(app, step, "say");
	return 0;
}

int dorn_app_note_preview(struct dorn_app *app, const struct dorn_case *c,
			  struct dorn_buf *out, struct dorn_err *err)
{
	struct dorn_assessment *a;
	struct dorn_note_meta m = { 0 };
	struct dorn_buf model;
	const char **names = NULL;
	int rc = dorn_app_load_data(app, err);

	if (rc)
		return rc;
	a = malloc(sizeof *a);
	if (!a)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	dorn_assess(c, &app->offences, app->today, app->cfg.urgent_days, a);
	if (!a->consent) {
		rc = dorn_app_no_consent(c, err);
		goto out;
	}
	m.unit = app->cfg.unit_name;
	m.unit_area = app->cfg.unit_area;
	m.author = app->me.name;
	m.version = 1;
	if (c->id && (rc = dorn_store_note_next_version(app->st, c->id, &m.version, err)))
		goto out;
	/* As it would read once saved: the version's authors and the officer
	 * looking at it, whose save would make them one. */
	if ((rc = dorn_app_authors(app, c->id, m.version, 1, &names, &m.nauthors, err)))
		goto out;
	m.authors = names;
	m.status_text = "preview, not saved";
	m.today = app->today;
	dorn_buf_init(&model);
	rc = dorn_app_note_text(app, c, a, &m, &model, err);
	if (!rc && dorn_doc_text(dorn_buf_str(&model), DORN_NOTE_WIDTH, out))
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	dorn_buf_fini(&model);
out:
	free(names);
	free(a);
	return rc;
}

/* Whether field f holds the same value in a and b (words, as stored). */
static int same_field(const struct dorn_field *f, const struct dorn_case *a,
		      const struct dorn_case *b)
{
	static char x[DORN_LONG_MAX + 64], y[DORN_LONG_MAX + 64];

	dorn_field_text(f, dorn_field_cat(f, a, NULL), 0, x, sizeof x);
	dorn_field_text(f, dorn_field_cat(f, b, NULL), 0, y, sizeof y);
	return strcmp(x, y) == 0;
}

static int same_items(const struct dorn_case *a, const struct dorn_case *b)
{
	return a->nitems == b->nitems &&
	       memcmp(a->items, b->items, a->nitems * sizeof a->items[0]) == 0;
}

/* "Court: theirs "A", yours "B"" appended to out; values cut to 40 bytes
 * at a character boundary. */
static void add_conflict(char *out, size_t n, const char *label, const char *theirs,
			 const char *yours)
{
	size_t w = strlen(out);
	size_t lt = dorn_text_fit(theirs, strlen(theirs), 40);
	size_t ly = dorn_text_fit(yours, strlen(yours), 40);

	snprintf(out + w, n - w, "%s%s: theirs \"%.*s%s\", yours \"%.*s%s\"", w ? "; " : "",
		 label, (int)lt, theirs, theirs[lt] ? "..." : "", (int)ly, yours,
		 yours[ly] ? "..." : "");
}

static void field_words(const struct dorn_field *f, const struct dorn_case *c, char *out,
			size_t n)
{
	dorn_field_text(f, dorn_field_cat(f, c, NULL), 1, out, n);
	dorn_text_strip(out, 0);
}

int dorn_app_case_merge(struct dorn_app *app, const struct dorn_case *base,
			struct dorn_case *mine, int prefer, char *conflicts, size_t n,
			struct dorn_err *err)
{
	static char ta[DORN_LONG_MAX + 64], ya[DORN_LONG_MAX + 64];
	struct dorn_case *theirs = dorn_case_new(), *merged = dorn_case_new();
	int rc = 0;

	if (n)
		conflicts[0] = '\0';
	if (!theirs || !merged) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		goto out;
	}
	rc = dorn_store_case_load(app->st, base->urn, theirs, err);
	if (rc)
		goto out;
	memcpy(merged, theirs, sizeof *merged);
	for (size_t i = 0; i < dorn_nfields; i++) {
		const struct dorn_field *f = &dorn_fields[i];
		int me = 0, they = 0;

		if (f->part == DORN_PART_ITEM)
			continue; /* items are merged whole, below */
		me = !same_field(f, base, mine);
		they = !same_field(f, base, theirs);
		if (me && they && !same_field(f, mine, theirs)) {
			field_words(f, theirs, ta, sizeof ta);
			field_words(f, mine, ya, sizeof ya);
			add_conflict(conflicts, n, f->label, ta, ya);
			if (prefer != DORN_MERGE_MINE)
				continue; /* theirs stays in merged */
			they = 0;     /* mine wins: copied as if only I changed it */
		}
		if (me && !they && f->type != DORN_FT_OFFENCES)
			memcpy(dorn_field_at(f, merged, NULL), dorn_field_cat(f, mine, NULL),
			       f->type == DORN_FT_OFFENCES ? 0 : f->size);
		if (me && f->type == DORN_FT_OFFENCES && !they) {
			memcpy(merged->offences, mine->offences, sizeof merged->offences);
			merged->noffences = mine->noffences;
		}
	}
	if (!same_items(base, mine)) {
		int clash = !same_items(base, theirs) && !same_items(mine, theirs);

		if (clash)
			add_conflict(conflicts, n, "Devices and accounts", "their list",
				     "your list");
		if (!clash || prefer == DORN_MERGE_MINE) {
			memcpy(merged->items, mine->items, sizeof merged->items);
			merged->nitems = mine->nitems;
		}
	}
	if (n && conflicts[0] && prefer == DORN_MERGE_ASK) {
		rc = dorn_err_set(err, DORN_ECONFLICT, "%s saved the case meanwhile and changed "
				  "the same fields as you: %s", theirs->updated_by, conflicts);
		goto out;
	}
	merged->steps_saved = mine->steps_saved | theirs->steps_saved;
	memcpy(mine, merged, sizeof *mine);
out:
	dorn_case_free(theirs);
	dorn_case_free(merged);
	return rc;
}
