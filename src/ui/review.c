/* Step 7, the review: where the note stands (a supervisor's comment on a
 * returned note in full, first, so the officer sees at once what came back
 * and why), what the note will ask for, how urgent it is, what is missing
 * or must be weighed, each linked to the step that fixes it, and every
 * version of the note. Also the note preview, a scrollable page of the
 * note as it would be now (or the reason there is none). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/note.h"
#include "dorn/rules.h"
#include "dorn/urn.h"
#include "interview.h"
#include "ui_priv.h"

static const char *const step_names[DORN_STEPS + 1] = {
	"", "Case", "Victim, consent and safety", "Age at the time", "The concern",
	"Devices and accounts", "Support offered", "Review",
};

static size_t problems_count(void *ctx)
{
	const struct iv *v = ctx;

	return v->a->nproblems;
}

static void problems_label(void *ctx, size_t i, char *out, size_t n)
{
	const struct iv *v = ctx;
	const struct dorn_problem *p = &v->a->problems[i];
	struct dorn_buf b;
	int step = p->step >= 1 && p->step <= DORN_STEPS ? p->step : DORN_STEP_CASE;

	dorn_buf_init(&b);
	if (dorn_problem_text(&v->app->wording, v->c, p, 1, &b, NULL) || !b.len)
		dorn_buf_puts(&b, dorn_problem_name(p->code));
	snprintf(out, n, "%s: %s (step %d, %s)",
		 dorn_problem_is_missing(p->code) ? "Missing" : "Weigh", dorn_buf_str(&b), step,
		 step_names[step]);
	dorn_buf_fini(&b);
}

static int problems_checked(void *ctx, size_t i)
{
	(void)ctx;
	(void)i;
	return -1;
}

static const struct ui_list_ops problems_list = {
	problems_count, problems_label, problems_checked, NULL,
	"Nothing is missing. Press g to read the note, s to submit it.",
};

int iv_problem_step(const struct iv *v, size_t i)
{
	int step;

	if (i >= v->a->nproblems)
		return DORN_STEP_REVIEW;
	step = v->a->problems[i].step;
	return step >= 1 && step <= DORN_STEPS ? step : DORN_STEP_CASE;
}

void iv_review_refresh(struct iv *v)
{
	const struct dorn_assessment *a = v->a;
	char when[32], *p = v->review_text;
	size_t n = sizeof v->review_text;
	int w;

	w = snprintf(p, n, "%s%s%s. ",
		     a->routes & DORN_ROUTE_DEPRIVATION ?
			     "A deprivation order (Sentencing Act 2020 s.153)" : "",
		     (a->routes & DORN_ROUTE_DEPRIVATION) && (a->routes & DORN_ROUTE_FORFEITURE) ?
			     ", and " : "",
		     a->routes & DORN_ROUTE_FORFEITURE ?
			     "forfeiture and destruction (images of a child)" : "");
	if (!a->routes)
		w = snprintf(p, n, "Nothing yet: the offences and items decide it. ");
	p += w, n -= (size_t)w;
	if (a->due_date[0]) {
		dorn_date_long(a->due_date, when);
		if (a->passed)
			w = snprintf(p, n, "PASSED: the %s was on %s (%ld days ago). ",
				     a->due_is_sentencing ? "sentencing" : "next hearing", when,
				     -a->days_left);
		else
			w = snprintf(p, n, "%s%s on %s: %ld day%s left. ",
				     a->urgent ? "URGENT: " : "",
				     a->due_is_sentencing ? "Sentencing" : "Next hearing", when,
				     a->days_left, a->days_left == 1 ? "" : "s");
	} else {
		w = snprintf(p, n, "No hearing or sentencing date yet. ");
	}
	if (w > 0 && (size_t)w < n)
		p += w, n -= (size_t)w;
	snprintf(p, n, "%s", a->consent ? "The victim agreed to share: g shows the note." :
		 "No consent to share yet: there is no note (step 2).");
}

/* ---- where the note stands, and its versions ---- */

/* "28 November 2026" from a stored UTC time. */
static const char *day_of(const char *ts, char out[32])
{
	char iso[11];

	snprintf(iso, sizeof iso, "%.10s", ts);
	dorn_date_long(iso, out);
	return out;
}

static const char *reviewer_of(const struct dorn_note *n)
{
	return n->reviewer_name[0] ? n->reviewer_name : n->reviewer;
}

/* Every author of n, in the order they first changed it: "Olu Officer,
 * Sam Supervisor" (the one who began it when none are known). */
static const char *author_of(const struct dorn_note *n, char *out, size_t size)
{
	size_t w = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n->nauthors && w < size; i++)
		w += (size_t)snprintf(out + w, size - w, "%s%s", i ? ", " : "",
				      n->authors[i].name[0] ? n->authors[i].name
							    : n->authors[i].login);
	if (n->authors_total > n->nauthors && w < size)
		snprintf(out + w, size - w, " and %zu more", n->authors_total - n->nauthors);
	if (!n->nauthors)
		snprintf(out, size, "%s", n->author_name[0] ? n->author_name : n->author);
	return out;
}

/* What a supervisor decided about n, as one sentence: "RETURNED by Sam
 * Supervisor on 28 November 2026". */
static void decision(const struct dorn_note *n, char *out, size_t size)
{
	char day[32];

	snprintf(out, size, "%s by %s on %s", dorn_note_status_label(n->status, NULL),
		 reviewer_of(n), day_of(n->reviewed, day));
}

static void status_text(struct iv *v)
{
	const struct dorn_note *n = v->nversions ? &v->versions[0] : NULL;
	const struct dorn_note *prev = v->nversions > 1 ? &v->versions[1] : NULL;
	char *p = v->note_text, said[256], day[32];
	size_t size = sizeof v->note_text;

	if (!n) {
		snprintf(p, size, "%s", !v->c->id ? "Not saved yet: the note is written once "
			 "the case has a URN and is saved." : v->a->consent ?
			 "Not written yet: it is written when a step is saved." :
			 "No note: the victim has not agreed to share it (step 2).");
		return;
	}
	if (n->status == DORN_NOTE_RETURNED) {
		decision(n, said, sizeof said);
		snprintf(p, size, "Version %d was %s, who wrote:\n\"%s\"\nChange what is asked, "
			 "then press s to submit it again.", n->version, said, n->comment);
	} else if (n->status == DORN_NOTE_APPROVED) {
		decision(n, said, sizeof said);
		snprintf(p, size, "Version %d was %s%s%s%s.\nPress e to export it to the case "
			 "file.", n->version, said, n->comment[0] ? ", who wrote:\n\"" : "",
			 n->comment, n->comment[0] ? "\"" : "");
	} else if (n->status == DORN_NOTE_SUBMITTED) {
		snprintf(p, size, "Version %d was submitted on %s, and waits for a supervisor's "
			 "review.", n->version, day_of(n->submitted, day));
	} else if (prev && prev->status == DORN_NOTE_RETURNED) {
		/* The answer to a return: what came back stays in view. */
		decision(prev, said, sizeof said);
		snprintf(p, size, "Draft version %d, not submitted yet: press s to submit it.\n"
			 "Version %d was %s, who wrote:\n\"%s\"", n->version, prev->version, said,
			 prev->comment);
	} else if (prev && prev->status == DORN_NOTE_SUBMITTED) {
		/* The app layer takes a changed case's note out of the queue. */
		snprintf(p, size, "Draft version %d, not submitted yet: press s to submit it.\n"
			 "Version %d was submitted on %s, but the case has changed since, so "
			 "no supervisor will see it until this version is submitted.", n->version,
			 prev->version, day_of(prev->submitted, day));
	} else {
		snprintf(p, size, "Draft version %d, not submitted yet: press s to submit it for "
			 "a supervisor's review.", n->version);
	}
}

void iv_review_load(struct iv *v)
{
	struct dorn_err err = { 0 };

	dorn_notes_free(v->versions, v->nversions);
	v->versions = NULL;
	v->nversions = 0;
	if (v->c->id && dorn_app_versions(v->app, v->c->id, &v->versions, &v->nversions, &err))
		iv_message(v, "The note's versions could not be read: %s", err.msg);
	status_text(v);
}

static size_t versions_count(void *ctx)
{
	const struct iv *v = ctx;

	return v->nversions;
}

/* "28/11/2026": the list of versions is narrow. */
static const char *short_day(const char *ts, char out[11])
{
	struct dorn_date d;
	char iso[11];

	snprintf(iso, sizeof iso, "%.10s", ts);
	if (dorn_date_parse(iso, &d, NULL))
		snprintf(out, 11, "%s", iso);
	else
		dorn_date_uk(&d, out);
	return out;
}

/* The columns a version's line has on the review step (interview.c: the
 * form starts at column 26; a list's text is indented by three more),
 * and the rows the form gives one entry; form.c counts an entry's rows
 * three columns narrower than it draws them, so the narrower is used. */
#define VERSIONS_X 32
#define VERSION_ROWS 3

/* What was decided, who wrote it, when, then the comment, last so it
 * has what room is left. A
 * comment too long for the entry's rows is cut at a word and ends in the
 * marker, with "Enter reads it all": never cut without a sign. */
static void versions_label(void *ctx, size_t i, char *out, size_t n)
{
	const struct iv *v = ctx;
	const struct dorn_note *x = &v->versions[i];
	struct dorn_buf head, tail, b;
	size_t width = COLS > VERSIONS_X + 10 ? (size_t)(COLS - VERSIONS_X) : 10;
	size_t keep, len = strlen(x->comment);
	char day[11], who[512];

	dorn_buf_init(&head);
	dorn_buf_init(&tail);
	dorn_buf_init(&b);
	dorn_buf_printf(&head, "Version %d: %s%s", x->version,
			dorn_note_status_label(x->status, NULL),
			i > 0 && x->status == DORN_NOTE_APPROVED ? ", no longer the latest" : "");
	if (x->reviewed[0])
		dorn_buf_printf(&head, " by %s on %s", reviewer_of(x), short_day(x->reviewed, day));
	dorn_buf_printf(&tail, "; written by %s", author_of(x, who, sizeof who));
	if (x->submitted[0])
		dorn_buf_printf(&tail, ", submitted %s", short_day(x->submitted, day));
	for (keep = len;; ) {
		dorn_buf_reset(&b);
		dorn_buf_puts(&b, dorn_buf_str(&head));
		dorn_buf_puts(&b, dorn_buf_str(&tail));
		if (keep == len && len)
			dorn_buf_printf(&b, ": \"%s\"", x->comment);
		else if (len)
			dorn_buf_printf(&b, ": \"%.*s%s\" (Enter reads it all)", (int)keep,
					x->comment, ui_sym(v->u, UI_SYM_MORE));
		if (!keep || ui_wrap(dorn_buf_str(&b), width, NULL, 0) <= VERSION_ROWS)
			break;
		/* A word less, never inside a character. */
		while (keep > 0 && x->comment[keep - 1] != ' ' && x->comment[keep - 1] != '\n')
			keep--;
		while (keep > 0 && (x->comment[keep - 1] == ' ' || x->comment[keep - 1] == '\n'))
			keep--;
	}
	snprintf(out, n, "%s", dorn_buf_str(&b));
	dorn_buf_fini(&head);
	dorn_buf_fini(&tail);
	dorn_buf_fini(&b);
}

static int versions_checked(void *ctx, size_t i)
{
	(void)ctx;
	(void)i;
	return -1;
}

static const struct ui_list_ops versions_list = {
	versions_count, versions_label, versions_checked, NULL,
	"None yet.",
};

void iv_review_build(struct iv *v)
{
	struct ui_field *f = v->review_fields;

	memset(f, 0, sizeof v->review_fields);
	f[IV_REVIEW_STATUS].type = UI_F_INFO;
	f[IV_REVIEW_STATUS].label = "The note";
	f[IV_REVIEW_STATUS].text = v->note_text;
	f[IV_REVIEW_ASKS].type = UI_F_INFO;
	f[IV_REVIEW_ASKS].label = "What the note asks for";
	f[IV_REVIEW_ASKS].text = v->review_text;
	f[IV_REVIEW_MISSING].type = UI_F_LIST;
	f[IV_REVIEW_MISSING].label = "Still missing, and to weigh (Enter goes to the step)";
	f[IV_REVIEW_MISSING].list = &problems_list;
	f[IV_REVIEW_VERSIONS].type = UI_F_LIST;
	f[IV_REVIEW_VERSIONS].label = "Versions, newest first (Enter reads one)";
	f[IV_REVIEW_VERSIONS].list = &versions_list;
}

/* text wrapped at the note's width, each line indented by two. */
static void put_wrapped(struct dorn_buf *b, const char *text)
{
	struct ui_span sp[64];
	size_t n, k;

	n = ui_wrap(text, DORN_NOTE_WIDTH - 2, sp, 64);
	for (k = 0; k < n && k < 64; k++)
		dorn_buf_printf(b, "  %.*s\n", (int)sp[k].len, text + sp[k].start);
}

static void version_page(const struct iv *v, size_t i, struct dorn_buf *b)
{
	const struct dorn_note *x = &v->versions[i];
	char urn[18], day[32], who[512];

	dorn_urn_display(v->c->urn, urn);
	dorn_buf_printf(b, "Version %d of the note for %s: %s%s\n", x->version, urn,
			dorn_note_status_label(x->status, NULL),
			i > 0 && x->status == DORN_NOTE_APPROVED ? ", no longer the latest" : "");
	dorn_buf_printf(b, "Written by %s on %s\n", author_of(x, who, sizeof who),
			day_of(x->created, day));
	if (x->submitted[0])
		dorn_buf_printf(b, "Submitted on %s\n", day_of(x->submitted, day));
	if (x->reviewed[0])
		dorn_buf_printf(b, "%s by %s on %s\n",
				x->status == DORN_NOTE_RETURNED ? "Returned" : "Approved",
				reviewer_of(x), day_of(x->reviewed, day));
	if (x->comment[0]) {
		dorn_buf_puts(b, "Comment:\n");
		put_wrapped(b, x->comment);
	}
	dorn_buf_puts(b, "\n");
	if (x->body && x->body[0])
		dorn_buf_puts(b, x->body);
	else
		dorn_buf_puts(b, "(The text of this version is not stored yet: g shows the "
			      "note as it would be now.)\n");
}

/* ---- the note preview ---- */

struct preview {
	struct ui_page page;
	int refused;    /* the text is the reason there is no note */
};

static void preview_draw(struct ui *u, void *st)
{
	struct preview *p = st;

	if (p->refused) {
		ui_text(u, u->body_top, 1, COLS - 2, UI_ROLE_HEADER, "There is no note yet");
		ui_text_wrapped(u, u->body_top + 2, 1, COLS - 2, u->body_rows - 2, UI_ROLE_NORMAL,
				p->page.text);
	} else {
		ui_page_draw(u, &p->page, u->body_top, u->body_rows);
	}
	ui_set_cursor(u, u->body_top, 1);
}

static int preview_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct preview *p = st;

	(void)key;
	if (act == UI_ACT_BACK)
		return UI_RES_BACK;
	return ui_page_key(&p->page, act, u->body_rows);
}

static void preview_fini(void *st)
{
	struct preview *p = st;

	if (!p)
		return;
	ui_page_fini(&p->page);
	free(p);
}

static const struct ui_screen preview_screen = {
	.title = "Note preview (not saved)",
	.where = UI_IN_PREVIEW,
	.draw = preview_draw,
	.key = preview_key,
	.fini = preview_fini,
};

int ui_preview_open(struct ui *u, const struct dorn_case *c)
{
	struct preview *p = calloc(1, sizeof *p);
	struct dorn_err err = { 0 };
	struct dorn_buf b;
	int rc;

	if (!p)
		return DORN_ENOMEM;
	dorn_buf_init(&b);
	rc = dorn_app_note_preview(u->app, c, &b, &err);
	if (rc) {
		/* No consent (or data that cannot be read): say why instead. */
		dorn_buf_reset(&b);
		dorn_buf_puts(&b, err.msg);
		p->refused = 1;
	}
	rc = ui_page_init(&p->page, dorn_buf_take(&b));
	if (!rc)
		rc = ui_push(u, &preview_screen, p);
	if (rc)
		preview_fini(p);
	return rc;
}

/* A stored version reads like the preview; only the title differs. */
static const struct ui_screen version_screen = {
	.title = "A version of the note",
	.where = UI_IN_PREVIEW,
	.draw = preview_draw,
	.key = preview_key,
	.fini = preview_fini,
};

int iv_version_open(struct iv *v, size_t i)
{
	struct preview *p;
	struct dorn_buf b;
	int rc;

	if (i >= v->nversions)
		return 0;
	p = calloc(1, sizeof *p);
	if (!p)
		return DORN_ENOMEM;
	dorn_buf_init(&b);
	version_page(v, i, &b);
	rc = ui_page_init(&p->page, dorn_buf_take(&b));
	if (!rc)
		rc = ui_push(v->u, &version_screen, p);
	if (rc)
		preview_fini(p);
	return rc;
}
