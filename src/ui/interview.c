/* The guided interview: one screen per step, a side list of the steps
 * with their state, a form of the step's fields (tables below) and a
 * guidance panel with what the officer might say. A step is saved when it
 * is left, and on SIGTERM/SIGHUP; nothing typed is thrown away without
 * asking. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/review.h"
#include "dorn/rules.h"
#include "dorn/text.h"
#include "dorn/ui.h"
#include "dorn/urn.h"
#include "interview.h"
#include "ui_priv.h"

#define SIDE_W 24   /* the side list's columns */
#define FORM_X 26   /* where the form starts */
#define FORM_MIN_ROWS 8

/* Fields of the record, by their rows in the field table. */
#define CASE(k, ...) { .part = DORN_PART_CASE, .key = k, __VA_ARGS__ }
#define VICTIM(k, ...) { .part = DORN_PART_VICTIM, .key = k, __VA_ARGS__ }
#define CONCERN(k, ...) { .part = DORN_PART_CONCERN, .key = k, __VA_ARGS__ }

/* ---- the steps ---- */

static size_t offence_count(void *ctx);
static void offence_label(void *ctx, size_t i, char *out, size_t n);
static int offence_checked(void *ctx, size_t i);
static void offence_toggle(void *ctx, size_t i);

static const struct ui_list_ops offences_list = {
	offence_count, offence_label, offence_checked, offence_toggle,
	"No offences are known: check offences.ini in the data folder.",
};

static void consent_changed(struct ui_form *fm, size_t i);

static const struct ui_field step_case[] = {
	CASE("urn"),
	CASE("defendant"),
	CASE("court"),
	CASE("offences", .list = &offences_list),
	CASE("stage"),
	CASE("next_hearing"),
	CASE("next_hearing_type"),
	CASE("sentencing_date"),
	CASE("officer_in_case"),
	CASE("lawyer"),
	CASE("charged_by"),
	CASE("arrest_date"),
	CASE("defence_position", .flags = UI_FF_WIDE),
};

static const struct ui_field step_consent[] = {
	VICTIM("reference"),
	VICTIM("name"),
	{ .type = UI_F_INFO, .label = "Who will read the note",
	  .text = "A supervisor checks it, the prosecutor receives it, and it is kept in "
		  "the case file. The defence may see what the prosecution relies on in "
		  "court." },
	VICTIM("consent_to_share", .flags = UI_FF_DECIDE, .changed = consent_changed),
	VICTIM("consent_date"),
	VICTIM("safe_contact", .flags = UI_FF_WIDE),
	VICTIM("outcome_contact", .flags = UI_FF_WIDE),
	VICTIM("needs", .rows = 2),
	VICTIM("vps"),
};

static const struct ui_field step_age[] = {
	{ .type = UI_F_INFO, .label = "Age at the time",
	  .text = "Was the person shown under 18 when the images were made? If yes, the "
		  "note asks for forfeiture and destruction, as for images of a child." },
	VICTIM("under_18_at_images"),
	VICTIM("age_proof", .flags = UI_FF_WIDE),
	VICTIM("under_18_now"),
};

static const struct ui_field step_items[] = {
	{ .type = UI_F_LIST, .label = "Devices and accounts (a adds, Enter edits)",
	  .list = &iv_items_list },
};

static const struct ui_field step_support[] = {
	VICTIM("support_offered"),
};

static const struct ui_field step_concern[] = {
	CONCERN("fears"),
	CONCERN("fear_other", .flags = UI_FF_WIDE),
	CONCERN("victim_words", .rows = 4),
	CONCERN("impact", .rows = 3),
	VICTIM("ro_views", .rows = 2),
};

static const struct step_def {
	const char *name;  /* in the side list */
	const char *title; /* when data/interview.ini has none */
	const struct ui_field *fields;
	size_t n;
} steps[DORN_STEPS + 1] = {
	[DORN_STEP_CASE] = { "Case", "Case", step_case,
			     sizeof step_case / sizeof step_case[0] },
	[DORN_STEP_CONSENT] = { "Victim", "Victim, consent and safety", step_consent,
				sizeof step_consent / sizeof step_consent[0] },
	[DORN_STEP_AGE] = { "Age then", "Age at the time", step_age,
			    sizeof step_age / sizeof step_age[0] },
	[DORN_STEP_CONCERN] = { "Concern", "The concern", step_concern,
				sizeof step_concern / sizeof step_concern[0] },
	[DORN_STEP_ITEMS] = { "Devices", "Devices and accounts", step_items, 1 },
	[DORN_STEP_SUPPORT] = { "Support", "Support offered", step_support, 1 },
	[DORN_STEP_REVIEW] = { "Review", "Review", NULL, IV_REVIEW_FIELDS },
};

static int fields_have(const struct ui_field *f, size_t n, int part, const char *key)
{
	for (size_t i = 0; f && i < n; i++)
		if (f[i].key && f[i].part == part && strcmp(f[i].key, key) == 0)
			return 1;
	return 0;
}

int dorn_ui_form_has(int part, const char *key)
{
	const struct ui_field *items;
	size_t n;

	for (int s = 1; s <= DORN_STEPS; s++)
		if (fields_have(steps[s].fields, steps[s].n, part, key))
			return 1;
	items = iv_item_fields(&n);
	/* After the hearing: the outcome screen's. */
	return fields_have(items, n, part, key) || ui_outcome_has(part, key);
}

/* Each state as a symbol and a word, so it reads without colour. */
static const struct {
	enum ui_sym sym;
	const char *word;
} states[] = {
	[DORN_STEP_NOT_STARTED] = { UI_SYM_NEW, "new" },
	[DORN_STEP_INCOMPLETE] = { UI_SYM_TODO, "todo" },
	[DORN_STEP_COMPLETE] = { UI_SYM_DONE, "done" },
	[DORN_STEP_PROBLEMS] = { UI_SYM_FIX, "fix" },
};

/* ---- offences: a checklist over data/offences.ini ---- */

static size_t offence_count(void *ctx)
{
	struct iv *v = ctx;

	return v->app->offences.n;
}

static void offence_label(void *ctx, size_t i, char *out, size_t n)
{
	struct iv *v = ctx;
	const struct dorn_offence *o = &v->app->offences.v[i];

	snprintf(out, n, "%s: %s", o->statute, o->title);
}

static int offence_index(const struct dorn_case *c, const char *code)
{
	size_t k;

	for (k = 0; k < c->noffences; k++)
		if (!strcmp(c->offences[k], code))
			return (int)k;
	return -1;
}

static int offence_checked(void *ctx, size_t i)
{
	struct iv *v = ctx;

	return offence_index(v->c, v->app->offences.v[i].code) >= 0;
}

static void offence_toggle(void *ctx, size_t i)
{
	struct iv *v = ctx;
	struct dorn_case *c = v->c;
	const char *code = v->app->offences.v[i].code;
	int k = offence_index(c, code);

	if (k >= 0) {
		memmove(c->offences[k], c->offences[k + 1],
			(c->noffences - (size_t)k - 1) * sizeof c->offences[0]);
		c->noffences--;
		memset(c->offences[c->noffences], 0, sizeof c->offences[0]);
		return;
	}
	if (c->noffences >= DORN_OFFENCES_MAX) {
		iv_message(v, "A case holds at most %d offences: untick one first.",
			   DORN_OFFENCES_MAX);
		return;
	}
	snprintf(c->offences[c->noffences++], sizeof c->offences[0], "%s", code);
}

static const char *opt_label(const struct dorn_option *o, int value)
{
	for (; o && o->label; o++)
		if (o->value == value)
			return o->label;
	return "";
}

/* Consent recorded, changed or withdrawn (only ever after the officer
 * said yes to the question): the date belonged to the answer before, so
 * it is cleared; a new yes or no has its date asked, with today offered
 * in the field (Enter takes it), never written without a key. */
static void consent_changed(struct ui_form *fm, size_t i)
{
	const struct dorn_case *c = fm->base;
	size_t d = ui_form_find(fm, offsetof(struct dorn_case, victim.consent_date));
	struct dorn_date today;
	char uk[11];

	(void)i;
	if (d >= fm->n)
		return;
	ui_form_set_text(fm, d, "");
	ui_form_suggest(fm, d, "");
	if (c->victim.consent == DORN_CONSENT_NOT_ASKED)
		return;
	dorn_date_from_days(fm->today, &today);
	dorn_date_uk(&today, uk);
	ui_form_suggest(fm, d, uk);
	ui_form_focus(fm, d);
}

/* The question a decision asks before it is recorded: it says what the
 * answer means for the note. */
static void decide_question(struct iv *v)
{
	const struct ui_form *fm = &v->form;
	const struct ui_field *f = &fm->f[fm->ask_field];
	int now = *(const int *)((const char *)fm->base + f->off);

	if (f->off != offsetof(struct dorn_case, victim.consent)) {
		snprintf(v->question, sizeof v->question, "Record \"%s\" as \"%s\"? y/N",
			 f->label, opt_label(f->opts, fm->ask_value));
		return;
	}
	switch (fm->ask_value) {
	case DORN_CONSENT_YES:
		snprintf(v->question, sizeof v->question,
			 "Record that the victim agrees that this note may be shared with a "
			 "supervisor, the prosecutor and the case file? y/N");
		break;
	case DORN_CONSENT_NO:
		snprintf(v->question, sizeof v->question, "%s",
			 now == DORN_CONSENT_YES ?
			 "Record that the victim withdraws consent: the note will not be "
			 "shared, and the date of consent is cleared? y/N" :
			 "Record that the victim does not agree to share: no note can be "
			 "submitted? y/N");
		break;
	default:
		snprintf(v->question, sizeof v->question,
			 "Record that consent has not been asked yet%s? y/N",
			 now == DORN_CONSENT_YES ? ": consent and its date are cleared" :
			 ": the answer and its date are cleared");
		break;
	}
}

void iv_choice_how(struct iv *v, const struct ui_form *fm)
{
	const struct ui_field *f = &fm->f[fm->focus];
	char keys[256];

	ui_form_choice_keys(fm, fm->focus, keys, sizeof keys);
	if (f->flags & UI_FF_DECIDE)
		iv_message(v, "%s changes only by its letter, then y to the question: %s.",
			   f->label, keys);
	else
		iv_message(v, "A letter picks an option (%s); Left and Right move between "
			   "them.", keys);
}

/* ---- state ---- */

void iv_message(struct iv *v, const char *fmt, ...)
{
	char buf[DORN_ERR_MSG + 128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ui_message(v->u, buf);
}

static void assess(struct iv *v)
{
	dorn_app_assess(v->app, v->c, v->a);
}

/* Which words the guidance takes: under 18 then, and under 18 now. */
static int child(const struct iv *v)
{
	if (v->c->victim.under_18_now == DORN_TRI_YES)
		return DORN_SAY_CHILD_THEN | DORN_SAY_CHILD_NOW;
	return v->c->victim.under_18 == DORN_TRI_YES ? DORN_SAY_CHILD_THEN : 0;
}

/* What the form hides now: the support that does not fit the victim's
 * age now (Report Remove asks them to prove they are under 18 today). */
static unsigned hidden(const struct iv *v)
{
	if (v->c->victim.under_18_now == DORN_TRI_YES)
		return DORN_OPT_ADULT;
	if (v->c->victim.under_18_now == DORN_TRI_NO)
		return DORN_OPT_CHILD;
	return 0;
}

/* Step 1 of a saved case: the URN is text to read, not a field, so no
 * key typed there can change it; Ctrl-R changes it on purpose. Laid out
 * as a field's label and value would be. */
static const struct ui_field *case_fields_fixed(struct iv *v)
{
	char urn[18];

	_Static_assert(sizeof step_case / sizeof step_case[0] <=
		       sizeof v->case_fields / sizeof v->case_fields[0], "room for step 1");
	dorn_urn_display(v->c->urn, urn);
	snprintf(v->urn_text, sizeof v->urn_text, "%-17s%s  (Ctrl-R to change)",
		 "URN", urn);
	memcpy(v->case_fields, step_case, sizeof step_case);
	memset(&v->case_fields[0], 0, sizeof v->case_fields[0]);
	v->case_fields[0].type = UI_F_INFO;
	v->case_fields[0].label = "";
	v->case_fields[0].text = v->urn_text;
	return v->case_fields;
}

/* Where the note stands now (the latest version), and what that means
 * for a change: a submitted note's case cannot change until a supervisor
 * acts, which is said as the case opens, before anything is typed. */
static void note_state(struct iv *v)
{
	struct dorn_note *rows = NULL;
	struct dorn_err err = { 0 };
	size_t n = 0;

	v->note_status = DORN_NOTE_NONE;
	v->note_version = 0;
	v->lock[0] = '\0';
	if (!v->c->id || dorn_app_versions(v->app, v->c->id, &rows, &n, &err))
		return;
	if (n) {
		v->note_status = rows[0].status;
		v->note_version = rows[0].version;
	}
	dorn_notes_free(rows, n);
	if (v->note_status == DORN_NOTE_SUBMITTED)
		snprintf(v->lock, sizeof v->lock, "Version %d of the note is waiting for a "
			 "supervisor's review, so this case cannot be changed: nothing typed "
			 "here can be saved. Ask a supervisor to approve or return it first.",
			 v->note_version);
}

static int enter_step(struct iv *v, int step)
{
	const struct ui_field *f = steps[step].fields;
	int rc;

	if (step == DORN_STEP_REVIEW) {
		iv_review_refresh(v);
		iv_review_load(v);
		f = v->review_fields;
	}
	if (step == DORN_STEP_CASE && v->c->id && !v->renaming)
		f = case_fields_fixed(v);
	ui_form_fini(&v->form);
	rc = ui_form_init(&v->form, f, steps[step].n, v->c, v, v->app->today);
	if (rc)
		return rc;
	v->form.hide = hidden(v);
	v->step = step;
	v->side = step;
	v->zone = IV_ZONE_FORM;
	/* The review's list of what is missing is where Enter matters. */
	if (step == DORN_STEP_REVIEW)
		ui_form_focus(&v->form, IV_REVIEW_MISSING);
	return 0;
}

/* A new case nobody has typed into: leaving it loses nothing. */
static int blank(const struct iv *v)
{
	struct dorn_case *fresh;
	int same;

	if (v->c->id)
		return 0;
	fresh = dorn_case_new();
	if (!fresh)
		return 0;
	dorn_case_init(fresh);
	same = !memcmp(fresh, v->c, sizeof *fresh);
	dorn_case_free(fresh);
	return same;
}

enum save_res { SAVED, SAVE_FAILED, NOTHING };

/* Whether leaving the step now would write to the case. */
static int would_save(const struct iv *v)
{
	if (blank(v))
		return 0;
	/* Review has no fields of its own: looking at it changes nothing, so
	 * two officers reading one case never collide. */
	return !((v->step == DORN_STEP_REVIEW || (v->c->steps_saved & (1u << v->step))) &&
		 !memcmp(v->c, v->base, sizeof *v->c));
}

/* A change to a case whose note a supervisor approved starts a new
 * version that needs review again: asked before it is saved. */
static int ask_edit(struct iv *v, int target)
{
	if (v->edit_ok || v->note_status != DORN_NOTE_APPROVED || !would_save(v))
		return 0;
	v->ask = IV_ASK_EDIT;
	v->ask_target = target;
	snprintf(v->question, sizeof v->question, "Version %d of the note is approved. "
		 "Saving this change starts version %d, a draft that needs a supervisor's "
		 "review again (version %d stays approved and can still be exported). Save "
		 "it? y/N (n undoes the change)", v->note_version, v->note_version + 1,
		 v->note_version);
	return 1;
}

/* The URN typed after Ctrl-R: asked, then changed with its reason logged. */
static int ask_rename(struct iv *v, int target)
{
	char from[18], to[18];

	if (!v->renaming || !strcmp(v->c->urn, v->base->urn))
		return 0;
	dorn_urn_display(v->base->urn, from);
	dorn_urn_display(v->c->urn, to);
	v->ask = IV_ASK_RENAME;
	v->ask_target = target;
	snprintf(v->question, sizeof v->question, "Change the URN of this case from %s to "
		 "%s? Its draft note follows, and the change is kept in the audit log. y/N",
		 from, to);
	return 1;
}

/* Save the working copy as leaving the current step, unless it is as
 * saved already. A refused save keeps everything on screen. */
/* Merge the case another officer saved with this one (prefer: enum
 * dorn_merge) and save the result; 0 when saved, with the form showing
 * the merged values. */
static int merge_and_save(struct iv *v, int prefer, char *clash, size_t n,
			  struct dorn_err *err)
{
	struct dorn_case *merged = dorn_case_new();
	int rc;

	if (!merged)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	memcpy(merged, v->c, sizeof *merged);
	rc = dorn_app_case_merge(v->app, v->base, merged, prefer, clash, n, err);
	if (!rc)
		rc = dorn_app_case_save(v->app, merged, v->step, err);
	if (!rc) {
		memcpy(v->c, merged, sizeof *v->c);
		memcpy(v->base, merged, sizeof *v->base);
		enter_step(v, v->step); /* the form shows the record: the merged values */
		iv_message(v, "%s had saved the case meanwhile; their changes and yours "
			   "are both saved%s.", v->c->updated_by,
			   prefer == DORN_MERGE_MINE ? " (yours where you both changed a field)"
			   : prefer == DORN_MERGE_THEIRS ? " (theirs where you both changed a "
			   "field)" : "");
		v->notice[0] = '\0';
		assess(v);
		note_state(v);
	}
	dorn_case_free(merged);
	return rc;
}

static int save_step(struct iv *v)
{
	struct dorn_err err = { 0 };
	int rc;

	if (!would_save(v))
		return NOTHING;
	rc = dorn_app_case_save(v->app, v->c, v->step, &err);
	if (rc == 0) {
		memcpy(v->base, v->c, sizeof *v->base);
		v->notice[0] = '\0';
		assess(v);
		note_state(v);
		return SAVED;
	}
	if (rc == DORN_ECONFLICT) {
		/* Someone saved first: when they changed other fields, take
		 * theirs and keep mine, and save that; when they changed the same
		 * ones, ask which to keep (leave() asks). */
		char clash[IV_TEXT_MAX] = "";

		if (merge_and_save(v, DORN_MERGE_ASK, clash, sizeof clash, &err) == 0)
			return SAVED;
		if (err.code == DORN_ECONFLICT && clash[0]) {
			v->conflict = 1;
			snprintf(v->conflict_text, sizeof v->conflict_text, "%s", clash);
			snprintf(v->notice, sizeof v->notice, "Not saved: %.500s. Everything you "
				 "typed is still on screen.", err.msg);
			return SAVE_FAILED;
		}
		snprintf(v->notice, sizeof v->notice, "Not saved: %s. Everything you typed "
			 "is still on screen.", err.msg);
	} else
		snprintf(v->notice, sizeof v->notice, "Not saved: %s.", err.msg);
	return SAVE_FAILED;
}

static int back_to_list(struct iv *v)
{
	(void)v;
	return UI_RES_BACK;
}

/* Leave this step for target (a step, or 0 for the case list). */
static int leave(struct iv *v, int target)
{
	int bad, rc;

	if (v->item >= 0) {
		bad = iv_item_close(v, 0);
		if (bad)
			goto invalid;
	}
	bad = ui_form_commit(&v->form);
	if (bad)
		goto invalid;
	if (ask_rename(v, target) || ask_edit(v, target))
		return UI_RES_NONE;
	if (v->renaming) {
		v->renaming = 0;
		if (v->step == DORN_STEP_CASE && target == DORN_STEP_CASE)
			enter_step(v, DORN_STEP_CASE);
	}
	rc = save_step(v);
	if (rc == SAVE_FAILED && v->conflict) {
		v->conflict = 0;
		v->ask = IV_ASK_CONFLICT;
		v->ask_target = target;
		snprintf(v->question, sizeof v->question, "Changed by both of you: %.380s. y keeps "
			 "yours, t takes theirs, Esc keeps it on screen unsaved", v->conflict_text);
		return UI_RES_NONE;
	}
	if (rc == SAVE_FAILED) {
		if (target == 0) {
			v->ask = IV_ASK_LOSE;
			v->ask_target = 0;
			snprintf(v->question, sizeof v->question, "%s Leave without saving? y/N",
				 v->c->id ? "This step could not be saved." :
					    "Without a valid URN nothing can be saved.");
			return UI_RES_NONE;
		}
		/* A new case without a URN: the URN is where to go. */
		if (!v->c->id && v->step == DORN_STEP_CASE) {
			ui_form_focus_first(&v->form);
			v->zone = IV_ZONE_FORM;
		}
		return UI_RES_NONE;
	}
	if (target == 0)
		return back_to_list(v);
	if (enter_step(v, target))
		iv_message(v, "Out of memory: the step could not be opened.");
	return UI_RES_NONE;
invalid:
	v->ask = IV_ASK_INVALID;
	v->ask_target = target;
	snprintf(v->question, sizeof v->question,
		 "%d field%s %s not valid: fix %s, or press d to discard %s change%s", bad,
		 bad == 1 ? "" : "s", bad == 1 ? "is" : "are", bad == 1 ? "it" : "them",
		 bad == 1 ? "that" : "those", bad == 1 ? "" : "s");
	return UI_RES_NONE;
}

/* After a decision was recorded: say what it was, and what comes next. */
static void decided(struct iv *v)
{
	const struct ui_form *fm = &v->form;
	const struct ui_field *f = &fm->f[fm->ask_field];
	const struct ui_fstate *d = &fm->s[fm->focus];

	/* The store keeps the victim's details only with a reference. */
	if (!v->c->victim.reference[0])
		iv_message(v, "Recorded: %s. Type the victim reference too: the victim's "
			   "answers are saved with it, and the step is not left without it.",
			   opt_label(f->opts, fm->ask_value));
	else if (fm->focus != fm->ask_field && d->suggest[0])
		iv_message(v, "Recorded: %s. Its date: type it, or press Enter for today, "
			   "%s.", opt_label(f->opts, fm->ask_value), d->suggest);
	else
		iv_message(v, "Recorded: %s is \"%s\".", f->label,
			   opt_label(f->opts, fm->ask_value));
}

static int submit(struct iv *v);

/* The answer to "change the URN from A to B?". */
static int rename_answer(struct iv *v, int yes)
{
	struct dorn_err err = { 0 };
	struct dorn_case *out;
	char from[18], to[18];
	int target = v->ask_target;

	dorn_urn_display(v->base->urn, from);
	dorn_urn_display(v->c->urn, to);
	if (!yes) {
		memcpy(v->c->urn, v->base->urn, sizeof v->c->urn);
		v->renaming = 0;
		iv_message(v, "Not changed: the URN stays %s.", from);
		if (enter_step(v, DORN_STEP_CASE))
			return UI_RES_NONE;
		return target == DORN_STEP_CASE ? UI_RES_NONE : leave(v, target);
	}
	out = dorn_case_new();
	if (!out) {
		iv_message(v, "Out of memory: the URN was not changed.");
		return UI_RES_NONE;
	}
	if (dorn_app_case_rename(v->app, v->base->urn, v->c->urn,
				 "corrected in the interview", out, &err)) {
		iv_message(v, "Not changed: %s.", err.msg);
		dorn_case_free(out);
		return UI_RES_NONE;
	}
	/* The store has the new URN; what else was typed is saved as usual. */
	v->c->version = out->version;
	memcpy(v->c->updated, out->updated, sizeof v->c->updated);
	memcpy(v->c->updated_by, out->updated_by, sizeof v->c->updated_by);
	memcpy(v->base, out, sizeof *v->base);
	dorn_case_free(out);
	v->renaming = 0;
	iv_message(v, "The URN is now %s (it was %s; the change is in the audit log).", to,
		   from);
	if (target == DORN_STEP_CASE)
		return enter_step(v, DORN_STEP_CASE), UI_RES_NONE;
	return leave(v, target);
}

/* Ctrl-R on step 1: change the URN of a saved case, on purpose. Refused
 * at once, saying why, when a note that carries the URN has left the
 * officer's hands; else the URN becomes a field again, and leaving the
 * step asks before anything changes. Ctrl-R again puts it back. */
static int rename_start(struct iv *v)
{
	struct dorn_err err = { 0 };

	if (v->step != DORN_STEP_CASE) {
		iv_message(v, "Ctrl-R on step 1 changes the URN of a saved case.");
		return UI_RES_NONE;
	}
	if (!v->c->id) {
		iv_message(v, "This case is not saved yet: type its URN in the field.");
		return UI_RES_NONE;
	}
	if (v->renaming) {
		memcpy(v->c->urn, v->base->urn, sizeof v->c->urn);
		v->renaming = 0;
		enter_step(v, DORN_STEP_CASE);
		iv_message(v, "Not changed: the URN stays as it was.");
		return UI_RES_NONE;
	}
	if (dorn_app_case_rename_check(v->app, v->base->urn, &err)) {
		iv_message(v, "Not changed: %s.", err.msg);
		return UI_RES_NONE;
	}
	if (ui_form_commit(&v->form)) {
		iv_message(v, "Fix the field that is not valid first.");
		return UI_RES_NONE;
	}
	v->renaming = 1;
	if (enter_step(v, DORN_STEP_CASE))
		return UI_RES_NONE;
	ui_form_focus(&v->form, 0);
	iv_message(v, "Type the right URN, then leave the step (PgDn, Alt-2 or Esc): you are "
		   "asked before it changes. Ctrl-R again keeps the URN as it was.");
	return UI_RES_NONE;
}

static int answer(struct iv *v, int act)
{
	int ask = v->ask;

	v->ask = IV_ASK_NONE;
	switch (ask) {
	case IV_ASK_INVALID:
		if (act == UI_ACT_DISCARD) {
			if (v->item >= 0)
				ui_form_discard_invalid(&v->iform);
			ui_form_discard_invalid(&v->form);
			if (v->ask_target < 0) /* closing the item form */
				return iv_item_close(v, 1), UI_RES_NONE;
			return leave(v, v->ask_target);
		}
		/* Anything else: back to fix the first one. */
		if (v->item >= 0 && ui_form_focus_invalid(&v->iform))
			return UI_RES_NONE;
		if (ui_form_focus_invalid(&v->form))
			v->zone = IV_ZONE_FORM;
		return UI_RES_NONE;
	case IV_ASK_DELETE:
		if (act == UI_ACT_YES)
			iv_item_delete(v);
		else
			iv_message(v, "Kept.");
		return UI_RES_NONE;
	case IV_ASK_LOSE:
		if (act == UI_ACT_YES)
			return UI_RES_BACK;
		return UI_RES_NONE;
	case IV_ASK_CONFLICT: {
		struct dorn_err err = { 0 };
		char clash[IV_TEXT_MAX];

		if (act != UI_ACT_YES && act != UI_ACT_NO) {
			/* Leaving for the list: ask before what was typed is given up. */
			if (v->ask_target == 0) {
				v->ask = IV_ASK_LOSE;
				snprintf(v->question, sizeof v->question, "This step could not "
					 "be saved. Leave without saving? y/N");
				return UI_RES_NONE;
			}
			iv_message(v, "Not saved: what you typed is still on screen.");
			return UI_RES_NONE;
		}
		if (merge_and_save(v, act == UI_ACT_YES ? DORN_MERGE_MINE : DORN_MERGE_THEIRS,
				   clash, sizeof clash, &err)) {
			snprintf(v->notice, sizeof v->notice, "Not saved: %.900s.", err.msg);
			return UI_RES_NONE;
		}
		if (v->ask_target == 0)
			return back_to_list(v);
		if (v->ask_target != v->step && enter_step(v, v->ask_target))
			iv_message(v, "Out of memory: the step could not be opened.");
		return UI_RES_NONE;
	}
	case IV_ASK_EDIT:
		if (act == UI_ACT_YES) {
			v->edit_ok = 1;
			return leave(v, v->ask_target);
		}
		/* No: the case stays as approved; what was changed is undone. */
		memcpy(v->c, v->base, sizeof *v->c);
		iv_message(v, "Not saved: the change was undone, and version %d stays "
			   "approved.", v->note_version);
		if (v->ask_target == 0)
			return UI_RES_BACK;
		if (enter_step(v, v->ask_target))
			iv_message(v, "Out of memory: the step could not be opened.");
		return UI_RES_NONE;
	case IV_ASK_RENAME:
		return rename_answer(v, act == UI_ACT_YES);
	case IV_ASK_SUBMIT:
		if (act == UI_ACT_YES)
			return submit(v);
		iv_message(v, "Not submitted: the note stays a draft.");
		return UI_RES_NONE;
	case IV_ASK_DECIDE:
		if (act == UI_ACT_YES) {
			ui_form_choose(&v->form, v->form.ask_field, v->form.ask_value);
			decided(v);
		} else {
			iv_message(v, "Not changed: nothing was recorded.");
		}
		return UI_RES_NONE;
	default:
		return UI_RES_NONE;
	}
}

static int form_key(struct iv *v, int act, int key)
{
	enum ui_form_res r = ui_form_key(v->u, &v->form, act, key);

	switch (r) {
	case UI_FORM_DONE:
		return UI_RES_NONE;
	case UI_FORM_OUT_PREV:
		v->zone = IV_ZONE_STEPS;
		v->side = v->step;
		return UI_RES_NONE;
	case UI_FORM_OUT_NEXT:
		iv_message(v, v->step < DORN_STEPS ?
			   "That was the last field: PgDn saves this step and goes to the next." :
			   "That was the last line: g shows the note, s submits it, Esc goes back.");
		return UI_RES_NONE;
	case UI_FORM_ASK:
		v->ask = IV_ASK_DECIDE;
		decide_question(v);
		return UI_RES_NONE;
	case UI_FORM_CHOICE_HOW:
		iv_choice_how(v, &v->form);
		return UI_RES_NONE;
	case UI_FORM_OPEN:
		if (v->step == DORN_STEP_ITEMS)
			return iv_item_open(v, (int)v->form.s[v->form.focus].opt) ?
				       UI_RES_NONE : UI_RES_NONE;
		if (v->step == DORN_STEP_REVIEW && v->form.focus == IV_REVIEW_VERSIONS) {
			if (iv_version_open(v, v->form.s[v->form.focus].opt))
				iv_message(v, "Cannot show that version: out of memory.");
			return UI_RES_NONE;
		}
		if (v->step == DORN_STEP_REVIEW)
			return leave(v, iv_problem_step(v, v->form.s[v->form.focus].opt));
		return UI_RES_NONE;
	default:
		break;
	}
	if (act == UI_ACT_NONE && UI_IS_TEXT_KEY(key) && ui_form_mode(&v->form)) {
		iv_message(v, "This field is full.");
		return UI_RES_NONE;
	}
	return UI_RES_UNUSED;
}

static int steps_key(struct iv *v, int act)
{
	switch (act) {
	case UI_ACT_UP:
		v->side -= v->side > 1;
		return UI_RES_NONE;
	case UI_ACT_DOWN:
		v->side += v->side < DORN_STEPS;
		return UI_RES_NONE;
	case UI_ACT_TOP:
		v->side = 1;
		return UI_RES_NONE;
	case UI_ACT_BOTTOM:
		v->side = DORN_STEPS;
		return UI_RES_NONE;
	case UI_ACT_OPEN:
		if (v->side == v->step) {
			v->zone = IV_ZONE_FORM;
			return UI_RES_NONE;
		}
		return leave(v, v->side);
	case UI_ACT_NEXT:
	case UI_ACT_RIGHT:
		v->zone = IV_ZONE_FORM;
		ui_form_focus_first(&v->form);
		return UI_RES_NONE;
	default:
		return UI_RES_UNUSED;
	}
}

/* s on the review step: save what is on screen as leaving a step would,
 * then hand the note to a supervisor. A refusal (no consent, no offence,
 * no item, nothing changed since a return) says what is missing. */
static int submit(struct iv *v)
{
	struct dorn_note note;
	struct dorn_err err = { 0 };
	int rc;

	if (ui_form_commit(&v->form) || save_step(v) == SAVE_FAILED) {
		iv_message(v, "Not submitted: the case could not be saved.");
		return UI_RES_NONE;
	}
	if (!v->c->id) {
		iv_message(v, "Nothing to submit yet: the case needs a valid URN (step 1).");
		return UI_RES_NONE;
	}
	memset(&note, 0, sizeof note);
	rc = dorn_app_submit(v->app, v->c->urn, &note, &err);
	if (rc)
		iv_message(v, "Not submitted: %s", err.msg);
	else
		iv_message(v, "Submitted as version %d: a supervisor will review it.",
			   note.version);
	dorn_note_fini(&note);
	iv_review_load(v);
	return UI_RES_NONE;
}

/* s asks first: what is still missing goes into the note as STILL
 * MISSING, so the question names it; y submits, anything else does not. */
static int ask_submit(struct iv *v)
{
	struct dorn_buf b;
	size_t missing = 0, listed = 0;
	int n;

	if (ui_form_commit(&v->form)) {
		iv_message(v, "Not submitted: fix the field that is not valid first.");
		return UI_RES_NONE;
	}
	assess(v);
	n = snprintf(v->question, sizeof v->question, "Submit the note for a supervisor's "
		     "review? ");
	for (size_t i = 0; i < v->a->nproblems; i++)
		missing += dorn_problem_is_missing(v->a->problems[i].code) != 0;
	if (!missing)
		n += snprintf(v->question + n, sizeof v->question - (size_t)n,
			      "Nothing is missing.");
	else
		n += snprintf(v->question + n, sizeof v->question - (size_t)n,
			      "Still missing (the note says so): ");
	for (size_t i = 0; i < v->a->nproblems && missing; i++) {
		const struct dorn_problem *p = &v->a->problems[i];

		if (!dorn_problem_is_missing(p->code))
			continue;
		dorn_buf_init(&b);
		if (dorn_problem_text(&v->app->wording, v->c, p, 1, &b, NULL) || !b.len)
			dorn_buf_puts(&b, dorn_problem_name(p->code));
		/* The question has four rows: past that, a count. */
		if (n + (int)b.len + 40 > 300) {
			dorn_buf_fini(&b);
			n += snprintf(v->question + n, sizeof v->question - (size_t)n,
				      "and %zu more (listed on this step)", missing - listed);
			listed = missing;
			break;
		}
		n += snprintf(v->question + n, sizeof v->question - (size_t)n, "%s%s",
			      dorn_buf_str(&b), ++listed < missing ? "; " : "");
		dorn_buf_fini(&b);
	}
	if (missing)
		n += snprintf(v->question + n, sizeof v->question - (size_t)n, ".");
	snprintf(v->question + n, sizeof v->question - (size_t)n, " y/N");
	v->ask = IV_ASK_SUBMIT;
	return UI_RES_NONE;
}

/* e on the review step: the export dialog, over the versions read again
 * now (a supervisor may have approved the note since the step opened). */
static int export_note(struct iv *v)
{
	if (!v->c->id) {
		iv_message(v, "Nothing was exported: the case is not saved yet.");
		return UI_RES_NONE;
	}
	iv_review_load(v);
	if (ui_export_open(v->u, v->c->urn, v->versions, v->nversions))
		iv_message(v, "Cannot open the export: out of memory.");
	return UI_RES_NONE;
}

static int iv_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct iv *v = st;
	int res;

	(void)u;
	/* Another officer's change: y keeps mine, t takes theirs; any other
	 * key (Esc, Enter, n) keeps what is on screen, unsaved. */
	if (v->ask == IV_ASK_CONFLICT)
		return answer(v, key == 't' || key == 'T' ? UI_ACT_NO
			      : act == UI_ACT_YES ? UI_ACT_YES : UI_ACT_NONE);
	if (v->ask)
		return answer(v, act);
	if (v->item >= 0) {
		res = iv_item_key(v, act, key);
		assess(v);
		return res;
	}
	switch (act) {
	case UI_ACT_BACK:
		return leave(v, 0);
	case UI_ACT_NEXT_STEP:
		if (v->step >= DORN_STEPS) {
			iv_message(v, "This is the last step: Esc saves and goes back to the list.");
			return UI_RES_NONE;
		}
		return leave(v, v->step + 1);
	case UI_ACT_PREV_STEP:
		if (v->step <= 1) {
			iv_message(v, "This is the first step.");
			return UI_RES_NONE;
		}
		return leave(v, v->step - 1);
	case UI_ACT_STEP: /* Alt-1 to Alt-7: never text, so never typed */
		key -= key >= UI_ALT('0') ? UI_ALT('0') : '0';
		if (key < 1 || key > DORN_STEPS || key == v->step)
			return UI_RES_NONE;
		return leave(v, key);
	case UI_ACT_SUBMIT:
		if (v->step == DORN_STEP_REVIEW)
			return ask_submit(v);
		break;
	case UI_ACT_EXPORT:
		if (v->step == DORN_STEP_REVIEW)
			return export_note(v);
		break;
	case UI_ACT_OUTCOME:
		if (v->step != DORN_STEP_REVIEW)
			break;
		if (!v->c->id) {
			iv_message(v, "There is no outcome to record yet: the case is not saved.");
			return UI_RES_NONE;
		}
		/* What this step holds is the case's; the outcome screen reads
		 * and saves the outcome alone, and the next save here keeps it. */
		ui_outcome_open(v->u, v->c->urn);
		return UI_RES_NONE;
	case UI_ACT_PREVIEW:
		ui_form_commit(&v->form);
		if (ui_preview_open(v->u, v->c))
			iv_message(v, "Cannot open the preview: out of memory.");
		return UI_RES_NONE;
	case UI_ACT_RENAME:
		return rename_start(v);
	case UI_ACT_ADD:
		if (v->step == DORN_STEP_ITEMS)
			return iv_item_open(v, -1), UI_RES_NONE;
		break;
	case UI_ACT_DELETE:
		if (v->step == DORN_STEP_ITEMS && v->zone == IV_ZONE_FORM) {
			iv_item_ask_delete(v);
			return UI_RES_NONE;
		}
		break;
	default:
		break;
	}
	res = v->zone == IV_ZONE_STEPS ? steps_key(v, act) : form_key(v, act, key);
	assess(v);
	v->form.hide = hidden(v);
	if (v->step == DORN_STEP_REVIEW)
		iv_review_refresh(v);
	return res;
}

static unsigned iv_mode(void *st)
{
	struct iv *v = st;
	unsigned m = UI_IN_INTERVIEW;

	if (v->ask)
		return UI_IN_ASK;
	if (v->item >= 0)
		return UI_IN_ITEM | ui_form_mode(&v->iform);
	/* s submits and e exports from anywhere on the review step, the side
	 * list too. */
	if (v->step == DORN_STEP_REVIEW)
		m |= UI_IN_REVIEW;
	if (v->zone == IV_ZONE_STEPS)
		return m;
	m |= ui_form_mode(&v->form);
	if (v->step == DORN_STEP_ITEMS)
		m |= UI_IN_ITEMS;
	return m;
}

/* ---- drawing ---- */

static void draw_side(struct ui *u, struct iv *v, int y)
{
	char line[128];
	int s, st, yy;
	enum ui_role role;

	ui_text(u, y, 1, SIDE_W - 1, UI_ROLE_HEADER, "Steps");
	for (s = 1; s <= DORN_STEPS; s++) {
		yy = y + s;
		st = dorn_app_step_state(v->c, v->a, s);
		snprintf(line, sizeof line, "%s%d %-13s %s %s",
			 s == v->step ? ui_sym(u, UI_SYM_FOCUS) : " ", s, steps[s].name,
			 ui_sym(u, states[st].sym), states[st].word);
		role = v->zone == IV_ZONE_STEPS && s == v->side ? UI_ROLE_SELECTED :
		       s == v->step ? UI_ROLE_HEADER : UI_ROLE_NORMAL;
		ui_text(u, yy, 0, SIDE_W, role, line);
		if (v->zone == IV_ZONE_STEPS && s == v->side && !v->ask)
			ui_set_cursor(u, yy, 1);
	}
}

static void draw_guidance(struct ui *u, struct iv *v, int y, int rows)
{
	struct dorn_step_text t = { "", "", "" };
	int used = 0;

	if (v->notice[0]) {
		ui_text(u, y, 1, COLS - 2, UI_ROLE_ERROR, "Not saved");
		ui_text_wrapped(u, y + 1, 1, COLS - 2, rows - 1, UI_ROLE_ERROR,
				v->notice + strlen("Not saved: "));
		return;
	}
	if (v->lock[0]) {
		ui_text(u, y, 1, COLS - 2, UI_ROLE_ERROR, "Waiting for review");
		ui_text_wrapped(u, y + 1, 1, COLS - 2, rows - 1, UI_ROLE_ERROR, v->lock);
		return;
	}
	dorn_app_step_text(v->app, v->step, child(v), &t, NULL);
	if (*t.say) {
		ui_text(u, y, 1, COLS - 2, UI_ROLE_HEADER, "You might say:");
		used = 1 + ui_text_wrapped(u, y + 1, 1, COLS - 2, rows - 1, UI_ROLE_NORMAL, t.say);
	}
	/* What the step is for, when there is room for all of it. */
	if (*t.intro && used + 1 + (int)ui_wrap(t.intro, (size_t)COLS - 2, NULL, 0) <= rows)
		ui_text_wrapped(u, y + used + (used > 0), 1, COLS - 2, rows - used - 1,
				UI_ROLE_NORMAL, t.intro);
}

static int guidance_rows(struct iv *v)
{
	struct dorn_step_text t = { "", "", "" };

	if (v->notice[0])
		return 1 + (int)ui_wrap(v->notice, (size_t)COLS - 2, NULL, 0);
	if (v->lock[0])
		return 1 + (int)ui_wrap(v->lock, (size_t)COLS - 2, NULL, 0);
	dorn_app_step_text(v->app, v->step, child(v), &t, NULL);
	return *t.say ? 1 + (int)ui_wrap(t.say, (size_t)COLS - 2, NULL, 0) : 0;
}

/* On the review step of a case whose latest note was returned: who
 * returned it and their whole comment, across the screen at y, at most
 * half the body; returns the rows used (0 when there is none). */
static int returned_banner(struct ui *u, const struct iv *v, int y)
{
	const struct dorn_note *n = v->nversions ? &v->versions[0] : NULL;
	char line[300], day[11], when[32];
	int used, max = u->body_rows / 2;

	if (v->step != DORN_STEP_REVIEW || !n || n->status != DORN_NOTE_RETURNED || max < 3)
		return 0;
	snprintf(day, sizeof day, "%.10s", n->reviewed);
	dorn_date_long(day, when);
	snprintf(line, sizeof line, "RETURNED by %s on %s, who wrote:",
		 n->reviewer_name[0] ? n->reviewer_name : n->reviewer, when);
	ui_text(u, y, 1, COLS - 2, UI_ROLE_URGENT, line);
	used = 1 + ui_text_wrapped(u, y + 1, 2, COLS - 3, max - 2, UI_ROLE_NORMAL,
				   n->comment[0] ? n->comment : "(no comment)");
	ui_hline(u, y + used, 0, COLS);
	return used + 1;
}

static void iv_draw(struct ui *u, void *st)
{
	struct iv *v = st;
	struct dorn_step_text t = { "", "", "" };
	char head[256], urn[18];
	int g, f, y = u->body_top, item = v->item >= 0, banner, rows;
	const char *title;

	dorn_app_step_text(v->app, v->step, child(v), &t, NULL);
	title = *t.title ? t.title : steps[v->step].title;
	if (item)
		snprintf(head, sizeof head, "Step %d of %d: %s: %s %d", v->step, DORN_STEPS,
			 title, v->item_new ? "new item" : "item", v->item + 1);
	else
		snprintf(head, sizeof head, "Step %d of %d: %s", v->step, DORN_STEPS, title);
	ui_text(u, y - 1, 1, COLS - 20, UI_ROLE_HEADER, head);
	if (v->c->urn[0]) {
		int uw;

		dorn_urn_display(v->c->urn, urn);
		uw = (int)dorn_text_width(urn, strlen(urn));
		ui_text(u, y - 1, COLS - 1 - uw, uw, UI_ROLE_HEADER, urn);
	} else {
		ui_text(u, y - 1, COLS - 9, 8, UI_ROLE_HEADER, "new case");
	}

	/* A returned note: the supervisor's whole comment first, across the
	 * screen, before anything else on the review step. */
	banner = item ? 0 : returned_banner(u, v, y);
	y += banner;
	rows = u->body_rows - banner;
	g = guidance_rows(v);
	f = rows - g - 1;
	if (f < FORM_MIN_ROWS)
		f = FORM_MIN_ROWS;
	if (f > rows - 3)
		f = rows - 3;
	draw_side(u, v, y);
	ui_vline(u, y, SIDE_W + 1, f);
	if (item)
		ui_form_draw(u, &v->iform, y, FORM_X, COLS - FORM_X, f, !v->ask);
	else
		ui_form_draw(u, &v->form, y, FORM_X, COLS - FORM_X, f,
			     v->zone == IV_ZONE_FORM && !v->ask);
	ui_hline(u, y + f, 0, COLS);
	draw_guidance(u, v, y + f + 1, rows - f - 1);
	if (v->ask)
		ui_question_draw(u, v->question);
}

/* SIGTERM or SIGHUP: keep what is valid, whatever the step. */
static void iv_save(struct ui *u, void *st)
{
	struct iv *v = st;

	(void)u;
	if (v->item >= 0)
		iv_item_close(v, 1);
	ui_form_commit(&v->form);
	save_step(v);
}

static void iv_fini(void *st)
{
	struct iv *v = st;

	if (!v)
		return;
	ui_form_fini(&v->form);
	ui_form_fini(&v->iform);
	dorn_notes_free(v->versions, v->nversions);
	dorn_case_free(v->c);
	dorn_case_free(v->base);
	free(v->a);
	free(v);
}

static const struct ui_screen interview_screen = {
	.title = "Interview",
	.where = UI_IN_INTERVIEW,
	.draw = iv_draw,
	.key = iv_key,
	.fini = iv_fini,
	.mode = iv_mode,
	.save = iv_save,
};

static void build_tables(struct iv *v)
{
	iv_review_build(v);
}

int ui_interview_open(struct ui *u, struct dorn_case *c, int step)
{
	struct dorn_err err;
	struct iv *v = calloc(1, sizeof *v);
	int rc = DORN_ENOMEM;

	if (!v)
		goto fail;
	v->u = u;
	v->app = u->app;
	v->c = c;
	c = NULL;
	v->item = -1;
	v->base = dorn_case_new();
	v->a = calloc(1, sizeof *v->a);
	if (!v->base || !v->a)
		goto fail;
	memcpy(v->base, v->c, sizeof *v->base);
	rc = dorn_app_load_data(u->app, &err);
	if (rc) {
		ui_message(u, err.msg);
		goto fail;
	}
	build_tables(v);
	assess(v);
	note_state(v);
	if (step < 1 || step > DORN_STEPS)
		step = 1;
	rc = enter_step(v, step);
	if (rc)
		goto fail;
	/* Said before anything is typed, not after. */
	if (v->lock[0])
		ui_message(u, v->lock);
	else if (v->note_status == DORN_NOTE_APPROVED)
		iv_message(v, "Version %d of the note is approved: a change starts version %d, "
			   "which needs review again (you are asked before it is saved).",
			   v->note_version, v->note_version + 1);
	rc = ui_push(u, &interview_screen, v);
	if (rc)
		goto fail;
	return 0;
fail:
	dorn_case_free(c);
	iv_fini(v);
	return rc;
}
