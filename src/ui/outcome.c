/* After the hearing, in the terminal: the outcome of a case (the hearing
 * that decided it, what the court did with each item and, for a refusal
 * or "not asked for", the reason and the unit's next step) and the task
 * of telling the victim (by when, how they asked to hear it, what to say,
 * and when and how they were told, or why not). One form over the case
 * (form.c), whose item fields name their item (struct ui_field nth); it
 * is saved with dorn_app_outcome_save, a new outcome version that never
 * touches the note. Esc saves and goes back; Ctrl-W saves and stays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/duties.h"
#include "dorn/err.h"
#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/outcome.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "form.h"
#include "interview.h"
#include "ui_priv.h"

#define HEAD_ROWS 3     /* the outcome's state, the task's, a rule */
#define NOTICE_ROWS 4   /* most rows a refused save's message takes */
#define SCRIPT_MAX 8192 /* every script present, with their headings */

/* The form: the hearing, then each item's three fields, then what is
 * still needed and telling the victim. Labels short enough to sit beside
 * their value at 80 columns; the field table's own label is what dorn
 * show and the case file say. */
#define OUTCOME(k, lbl, ...) { .part = DORN_PART_OUTCOME, .key = k, .label = lbl, __VA_ARGS__ }
#define INFO(lbl) { .type = UI_F_INFO, .label = lbl }

static const struct ui_field hearing[] = {
	OUTCOME("date", "Hearing date"),
	OUTCOME("court", "Court"),
	OUTCOME("received", "Unit received it"),
	OUTCOME("reasons", "The judge's reasons, where given", .rows = 2),
};

enum { IT_RESULT, IT_REASON, IT_NEXT, IT_FIELDS };
static const struct ui_field per_item[IT_FIELDS] = {
	{ .part = DORN_PART_ITEM, .key = "result", .flags = UI_FF_WIDE },
	{ .part = DORN_PART_ITEM, .key = "result_reason", .label = "Reason or why not" },
	{ .part = DORN_PART_ITEM, .key = "result_next", .label = "Unit's next step" },
};

enum { TL_MISSING, TL_TASK, TL_CONTACT, TL_SCRIPT, TL_DATE, TL_HOW, TL_NOT, TL_FIELDS };
static const struct ui_field telling[TL_FIELDS] = {
	INFO("Still needed for a complete outcome"),
	INFO("Tell the victim"),
	INFO("How they asked to hear the outcome"),
	INFO("What you might say"),
	OUTCOME("told_date", "Told them on"),
	OUTCOME("told_how", "Told them how"),
	OUTCOME("not_told", "Or why not told", .flags = UI_FF_WIDE),
};

#define NHEARING (sizeof hearing / sizeof hearing[0])

int ui_outcome_has(int part, const char *key)
{
	const struct ui_field *t[] = { hearing, per_item, telling };
	const size_t n[] = { NHEARING, IT_FIELDS, TL_FIELDS };

	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < n[k]; i++)
			if (t[k][i].key && t[k][i].part == part && strcmp(t[k][i].key, key) == 0)
				return 1;
	return 0;
}

enum oc_ask { OC_ASK_NONE = 0, OC_ASK_INVALID, OC_ASK_LOSE };
enum save_res { SAVED, SAVE_FAILED, SAVE_INVALID, NOTHING };
/* What a save says on the message line: Ctrl-W everything; Esc what was
 * saved (the case list shows it; "nothing to save" would be noise); a
 * signal nothing, the terminal being on its way out. */
enum save_say { SAY_ALL, SAY_SAVED, SAY_NONE };

struct oc {
	struct ui *u;
	struct dorn_app *app;
	struct dorn_case *c;      /* the working copy: only valid values */
	struct dorn_case *base;   /* as loaded or last saved */
	struct ui_form form;
	struct ui_field *fields;
	size_t nfields, tell_at;  /* the telling part starts at tell_at */
	char (*labels)[224];      /* each item's "what the court did" label */
	char missing[2048];
	char task[512];
	char contact[DORN_MID_MAX + 128];
	char script_label[96];
	char *script;             /* SCRIPT_MAX bytes */
	struct dorn_outcome_state s;
	int ask;                  /* enum oc_ask */
	char question[512];
	char notice[DORN_ERR_MSG + 64]; /* a refused save, until one works */
	char shown[18];
};

/* ---- what the screen says, from the working copy ---- */

static void day_words(long day, long today, char *out, size_t n)
{
	dorn_day_words(day, today, DORN_DW_ALL, out, n);
}

static void date_text(const char *iso, long today, char *out, size_t n)
{
	dorn_day_words(dorn_iso_days(iso), today, DORN_DW_ALL, out, n);
}

/* The task of telling the victim in one line, and whether it is late. */
static void task_line(const struct oc *o, char *out, size_t n, int *late)
{
	const struct dorn_outcome_state *s = &o->s;
	char a[64], b[64];

	*late = 0;
	switch (s->tell) {
	case DORN_TELL_NONE:
		snprintf(out, n, "Tell the victim: once the unit has received the outcome.");
		break;
	case DORN_TELL_OPEN:
		day_words(s->due, o->app->today, a, sizeof a);
		if (s->overdue) {
			/* Without the year: the line fits 80 columns. */
			dorn_day_words(s->due + 1, o->app->today, DORN_DW_WHEN, b, sizeof b);
			snprintf(out, n, "%s OVERDUE since %s: tell the victim, or record why not.",
				 ui_sym(o->u, UI_SYM_FIX), b);
			*late = 1;
		} else {
			snprintf(out, n, "%s Tell the victim by the end of %s.",
				 ui_sym(o->u, UI_SYM_TODO), a);
		}
		break;
	case DORN_TELL_DONE:
		date_text(o->c->outcome.told_date, o->app->today, a, sizeof a);
		snprintf(out, n, "%s The victim was told on %s: done.", ui_sym(o->u, UI_SYM_DONE),
			 a);
		break;
	default:
		snprintf(out, n, "%s Not told, and why is recorded: done.",
			 ui_sym(o->u, UI_SYM_DONE));
		break;
	}
}

/* The texts of the telling part, after any change to the working copy. */
static void recount(struct oc *o)
{
	const struct dorn_case *c = o->c;
	int child = c->victim.under_18_now == DORN_TRI_YES;
	struct dorn_buf m;
	char a[64], b[64];
	size_t w = 0;

	dorn_app_outcome_state(o->app, c, &o->s);
	dorn_buf_init(&m);
	dorn_outcome_missing(c, &m);
	snprintf(o->missing, sizeof o->missing, "%s",
		 m.len ? dorn_buf_str(&m) : "Nothing: every item is accounted for.");
	if (m.len && o->missing[strlen(o->missing) - 1] == '\n')
		o->missing[strlen(o->missing) - 1] = '\0';
	dorn_buf_fini(&m);

	switch (o->s.tell) {
	case DORN_TELL_NONE:
		snprintf(o->task, sizeof o->task, "Nothing to tell until the unit has received "
			 "the outcome.");
		break;
	case DORN_TELL_OPEN:
		day_words(o->s.due, o->app->today, a, sizeof a);
		if (o->s.overdue) {
			day_words(o->s.due + 1, o->app->today, b, sizeof b);
			w = (size_t)snprintf(o->task, sizeof o->task, "%s OVERDUE since %s: it was "
					     "due by the end of %s. Tell them today, or record "
					     "below why not.", ui_sym(o->u, UI_SYM_FIX), b, a);
		} else {
			w = (size_t)snprintf(o->task, sizeof o->task, "Due by the end of %s: %d "
					     "working day%s after the unit received it, as the "
					     "Victims' Code sets.", a, o->app->vcode.outcome_days,
					     o->app->vcode.outcome_days == 1 ? "" : "s");
		}
		if (o->s.uncovered && w < sizeof o->task)
			snprintf(o->task + w, sizeof o->task - w, " dorn knows no bank holidays "
				 "for that year: count the days by hand.");
		break;
	case DORN_TELL_DONE:
		date_text(c->outcome.told_date, o->app->today, a, sizeof a);
		snprintf(o->task, sizeof o->task, "%s Done: told on %s.",
			 ui_sym(o->u, UI_SYM_DONE), a);
		break;
	default:
		snprintf(o->task, sizeof o->task, "%s Done: not told, and why is recorded below.",
			 ui_sym(o->u, UI_SYM_DONE));
		break;
	}
	snprintf(o->contact, sizeof o->contact, "%s",
		 *c->victim.outcome_contact ? c->victim.outcome_contact
					    : "Not recorded: ask them, and record it in the "
					      "interview (step 2).");

	snprintf(o->script_label, sizeof o->script_label, "What you might say%s",
		 child ? " (for someone under 18 now)" : "");
	o->script[0] = '\0';
	w = 0;
	for (int r = DORN_RESULT_NONE + 1; r < DORN_RESULT__COUNT && w < SCRIPT_MAX; r++) {
		const char *t = (o->s.results & (1u << r)) ? dorn_script(&o->app->scripts, r, child)
							   : NULL;

		if (t)
			w += (size_t)snprintf(o->script + w, SCRIPT_MAX - w, "%s%s:\n%s",
					      w ? "\n\n" : "", dorn_result_label(r), t);
	}
	if (!w)
		snprintf(o->script, SCRIPT_MAX, "Record what the court did with each item: "
			 "what to say for it shows here.");
}

/* ---- saving ---- */

/* Save what is on screen, saying what say allows. A field that is not
 * valid stops the save (SAVE_INVALID), unless force: then what is valid
 * is saved, as when dorn is told to stop. */
static enum save_res save(struct oc *o, enum save_say say, int force)
{
	struct dorn_err err = { 0 };
	struct dorn_date d;
	char uk[11], words[64], done[160] = "";
	size_t at;
	int first, rc, was;

	if (ui_form_commit(&o->form) && !force)
		return SAVE_INVALID;
	if (!memcmp(o->c, o->base, sizeof *o->c)) {
		if (say == SAY_ALL)
			ui_message(o->u, "Nothing to save: the outcome is as it was saved.");
		return NOTHING;
	}
	/* The Victims' Code counts from the day the unit received it: when
	 * the outcome is first recorded without that day, it is today. */
	first = !o->base->outcome_version && !dorn_outcome_recorded(o->base);
	at = ui_form_find(&o->form, offsetof(struct dorn_case, outcome.received));
	if (first && !*o->c->outcome.received && at < o->form.n) {
		dorn_date_from_days(o->app->today, &d);
		dorn_date_uk(&d, uk);
		ui_form_set_text(&o->form, at, uk);
		day_words(o->app->today, o->app->today, words, sizeof words);
		snprintf(done, sizeof done, " Received: not given, so today (%s).", words);
	}
	was = o->c->outcome_version;
	rc = dorn_app_outcome_save(o->app, o->c, "", &err);
	if (rc) {
		snprintf(o->notice, sizeof o->notice, "Not saved: %s", err.msg);
		return SAVE_FAILED;
	}
	o->notice[0] = '\0';
	memcpy(o->base, o->c, sizeof *o->base);
	recount(o);
	if (say != SAY_NONE) {
		char msg[400];

		snprintf(msg, sizeof msg, "Saved: outcome version %d (%s); the note is not "
			 "changed.%s", o->c->outcome_version, was ? "corrected" : "recorded", done);
		ui_message(o->u, msg);
	}
	return SAVED;
}

static int leave(struct oc *o)
{
	int bad;

	switch (save(o, SAY_SAVED, 0)) {
	case SAVE_INVALID:
		bad = ui_form_invalid(&o->form);
		o->ask = OC_ASK_INVALID;
		snprintf(o->question, sizeof o->question, "%d field%s %s not valid: fix %s, or "
			 "press d to discard %s change%s", bad, bad == 1 ? "" : "s",
			 bad == 1 ? "is" : "are", bad == 1 ? "it" : "them",
			 bad == 1 ? "that" : "those", bad == 1 ? "" : "s");
		return UI_RES_NONE;
	case SAVE_FAILED:
		o->ask = OC_ASK_LOSE;
		snprintf(o->question, sizeof o->question, "The outcome could not be saved (the "
			 "reason is above). Leave without saving? y/N");
		return UI_RES_NONE;
	default:
		return UI_RES_BACK;
	}
}

static int answer(struct oc *o, int act)
{
	int ask = o->ask;

	o->ask = OC_ASK_NONE;
	if (ask == OC_ASK_INVALID) {
		if (act == UI_ACT_DISCARD) {
			ui_form_discard_invalid(&o->form);
			return leave(o);
		}
		ui_form_focus_invalid(&o->form);
		return UI_RES_NONE;
	}
	if (act == UI_ACT_YES)
		return UI_RES_BACK;
	ui_message(o->u, "Not saved: what you typed is still on screen.");
	return UI_RES_NONE;
}

/* ---- the screen ---- */

/* The first field of each part: the hearing, each item, telling the
 * victim (its first field, after what there is to read). */
static size_t part_start(const struct oc *o, size_t k)
{
	if (k == 0)
		return 0;
	if (k <= o->c->nitems)
		return NHEARING + (k - 1) * IT_FIELDS;
	return o->tell_at + TL_DATE;
}

/* PgDn and PgUp: to the next part, or back to the start of this one or
 * the one before. */
static void to_part(struct oc *o, int dir)
{
	size_t parts = o->c->nitems + 2, k, at = o->form.focus;

	ui_form_commit(&o->form);
	if (dir > 0) {
		for (k = 0; k < parts && part_start(o, k) <= at; k++)
			;
		if (k == parts) {
			ui_message(o->u, "This is the last part: Ctrl-W saves, Esc saves and goes "
				   "back.");
			return;
		}
	} else {
		for (k = parts; k-- > 0 && part_start(o, k) >= at;)
			;
		if (k >= parts)
			return;
	}
	ui_form_focus(&o->form, part_start(o, k));
}

static int oc_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct oc *o = st;
	char keys[256], msg[320];
	int res = UI_RES_NONE;

	if (o->ask)
		return answer(o, act);
	switch (act) {
	case UI_ACT_SAVE:
		if (save(o, SAY_ALL, 0) == SAVE_INVALID) {
			ui_form_focus_invalid(&o->form);
			ui_message(u, "Not saved: fix the field that is not valid first.");
		}
		return UI_RES_NONE;
	case UI_ACT_BACK:
		return leave(o);
	case UI_ACT_NEXT_STEP:
	case UI_ACT_PREV_STEP:
		to_part(o, act == UI_ACT_NEXT_STEP ? 1 : -1);
		return UI_RES_NONE;
	default:
		break;
	}
	switch (ui_form_key(u, &o->form, act, key)) {
	case UI_FORM_OUT_NEXT:
		ui_message(u, "That was the last field: Ctrl-W saves, Esc saves and goes back.");
		break;
	case UI_FORM_CHOICE_HOW:
		ui_form_choice_keys(&o->form, o->form.focus, keys, sizeof keys);
		snprintf(msg, sizeof msg, "A letter picks an option (%s); Left and Right move "
			 "between them.", keys);
		ui_message(u, msg);
		break;
	case UI_FORM_UNUSED:
		if (act == UI_ACT_NONE && UI_IS_TEXT_KEY(key) && ui_form_mode(&o->form))
			ui_message(u, "This field is full.");
		else
			res = UI_RES_UNUSED;
		break;
	default:
		break;
	}
	/* Every key may change what is recorded: the task and the scripts
	 * follow what is on screen. */
	ui_form_commit(&o->form);
	recount(o);
	return res;
}

static unsigned oc_mode(void *st)
{
	struct oc *o = st;

	return o->ask ? UI_IN_ASK : UI_IN_OUTCOME | ui_form_mode(&o->form);
}

static void oc_draw(struct ui *u, void *st)
{
	struct oc *o = st;
	int y = u->body_top, rows = u->body_rows, nrows = 0, late, uw;
	char line[600], state[160];

	ui_text(u, y - 1, 1, COLS - 20, UI_ROLE_HEADER, "Outcome of the hearing");
	uw = (int)dorn_text_width(o->shown, strlen(o->shown));
	ui_text(u, y - 1, COLS - 1 - uw, uw, UI_ROLE_HEADER, o->shown);
	if (!o->s.recorded)
		snprintf(state, sizeof state, "Outcome: not recorded yet.");
	else if (o->s.complete)
		snprintf(state, sizeof state, "%s Outcome complete: every item is accounted for.",
			 ui_sym(u, UI_SYM_DONE));
	else
		snprintf(state, sizeof state, "%s Outcome not complete: %zu of %zu item%s done; "
			 "see below.", ui_sym(u, UI_SYM_TODO), o->s.accounted, o->s.items,
			 o->s.items == 1 ? "" : "s");
	snprintf(line, sizeof line, "%s%s", state,
		 memcmp(o->c, o->base, sizeof *o->c) ? " NOT SAVED (Ctrl-W saves)" : "");
	ui_text(u, y, 1, COLS - 2, UI_ROLE_NORMAL, line);
	task_line(o, line, sizeof line, &late);
	ui_text(u, y + 1, 1, COLS - 2, late ? UI_ROLE_URGENT : UI_ROLE_NORMAL, line);
	ui_hline(u, y + 2, 0, COLS);
	if (o->notice[0]) {
		nrows = (int)ui_wrap(o->notice, (size_t)COLS - 2, NULL, 0);
		if (nrows > NOTICE_ROWS)
			nrows = NOTICE_ROWS;
		ui_text_wrapped(u, y + rows - nrows, 1, COLS - 2, nrows, UI_ROLE_ERROR, o->notice);
	}
	ui_form_draw(u, &o->form, y + HEAD_ROWS, 1, COLS - 2, rows - HEAD_ROWS - nrows,
		     !o->ask);
	if (o->ask)
		ui_question_draw(u, o->question);
}

/* SIGTERM or SIGHUP: keep what is valid. */
static void oc_save(struct ui *u, void *st)
{
	(void)u;
	save(st, SAY_NONE, 1);
}

static void oc_fini(void *st)
{
	struct oc *o = st;

	if (!o)
		return;
	ui_form_fini(&o->form);
	free(o->fields);
	free(o->labels);
	free(o->script);
	dorn_case_free(o->c);
	dorn_case_free(o->base);
	free(o);
}

static const struct ui_screen outcome_screen = {
	.title = "Outcome",
	.where = UI_IN_OUTCOME,
	.draw = oc_draw,
	.key = oc_key,
	.fini = oc_fini,
	.mode = oc_mode,
	.save = oc_save,
};

/* The form's fields for this case: the hearing, each item's, telling. */
static int build(struct oc *o)
{
	const struct dorn_case *c = o->c;
	size_t n = 0, k;
	char what[160];

	o->nfields = NHEARING + IT_FIELDS * c->nitems + TL_FIELDS;
	o->fields = calloc(o->nfields, sizeof *o->fields);
	o->labels = calloc(c->nitems ? c->nitems : 1, sizeof *o->labels);
	if (!o->fields || !o->labels)
		return DORN_ENOMEM;
	for (k = 0; k < NHEARING; k++)
		o->fields[n++] = hearing[k];
	for (size_t i = 0; i < c->nitems; i++) {
		iv_item_label(&c->items[i], what, sizeof what);
		snprintf(o->labels[i], sizeof o->labels[i], "Item %s: what the court did", what);
		for (k = 0; k < IT_FIELDS; k++) {
			o->fields[n] = per_item[k];
			o->fields[n++].nth = (int)i + 1;
		}
	}
	o->tell_at = n;
	for (k = 0; k < TL_FIELDS; k++)
		o->fields[n++] = telling[k];
	o->fields[o->tell_at + TL_MISSING].text = o->missing;
	o->fields[o->tell_at + TL_TASK].text = o->task;
	o->fields[o->tell_at + TL_CONTACT].text = o->contact;
	o->fields[o->tell_at + TL_SCRIPT].text = o->script;
	if (ui_form_init(&o->form, o->fields, o->nfields, o->c, o, o->app->today))
		return DORN_ENOMEM;
	/* The form takes its labels from the field table: these say the same
	 * in fewer words, and name each item. */
	for (k = 0; k < o->nfields; k++) {
		if (o->fields[k].label)
			o->form.own[k].label = o->fields[k].label;
		if (o->fields[k].nth && o->fields[k].key && !strcmp(o->fields[k].key, "result"))
			o->form.own[k].label = o->labels[o->fields[k].nth - 1];
	}
	o->form.own[o->tell_at + TL_SCRIPT].label = o->script_label;
	return 0;
}

/* Dates offered where they are empty: the day the unit received it, when
 * nothing is recorded yet, and the day the victim was told. Enter takes
 * one; nothing is written without a key. */
static void suggest_today(struct oc *o)
{
	struct dorn_date d;
	char uk[11];
	size_t i;

	dorn_date_from_days(o->app->today, &d);
	dorn_date_uk(&d, uk);
	i = ui_form_find(&o->form, offsetof(struct dorn_case, outcome.received));
	if (!o->s.recorded && i < o->form.n)
		ui_form_suggest(&o->form, i, uk);
	i = ui_form_find(&o->form, offsetof(struct dorn_case, outcome.told_date));
	if (i < o->form.n)
		ui_form_suggest(&o->form, i, uk);
}

void ui_outcome_open(struct ui *u, const char *urn)
{
	ui_outcome_open_at(u, urn, 0);
}

void ui_outcome_open_at(struct ui *u, const char *urn, int tell)
{
	struct dorn_case_view v;
	struct dorn_err err = { 0 };
	struct oc *o = calloc(1, sizeof *o);
	char msg[DORN_ERR_MSG + 64];

	memset(&v, 0, sizeof v);
	if (!o || !(o->base = dorn_case_new()) || !(o->script = malloc(SCRIPT_MAX)))
		goto oom;
	if (dorn_app_outcome_open(u->app, urn, &v, &err)) {
		snprintf(msg, sizeof msg, "The outcome could not be opened: %s", err.msg);
		ui_message(u, msg);
		oc_fini(o);
		return;
	}
	o->u = u;
	o->app = u->app;
	o->c = v.c; /* ours from here */
	v.c = NULL;
	dorn_case_view_fini(&v);
	memcpy(o->base, o->c, sizeof *o->base);
	dorn_urn_display(o->c->urn, o->shown);
	recount(o);
	if (build(o))
		goto oom;
	suggest_today(o);
	/* Come to tell the victim: start at telling them, once there is an
	 * outcome to tell. */
	if (tell && o->s.recorded)
		ui_form_focus(&o->form, part_start(o, o->c->nitems + 1));
	if (ui_push(u, &outcome_screen, o))
		goto oom;
	if (!o->s.recorded)
		ui_message(u, "Record what the court did with each item, then Ctrl-W saves (Esc "
			   "saves and goes back).");
	return;
oom:
	dorn_case_view_fini(&v);
	oc_fini(o);
	ui_message(u, "Cannot open the outcome: out of memory.");
}
