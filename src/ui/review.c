/* Step 7, the review: what the note will ask for, how urgent it is, and
 * what is missing or must be weighed, each linked to the step that fixes
 * it. Also the note preview, a scrollable page of the note as it would be
 * now (or the reason there is none). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/note.h"
#include "dorn/rules.h"
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

const struct ui_list_ops iv_problems_list = {
	problems_count, problems_label, problems_checked, NULL,
	"Nothing is missing. Press g to read the note.",
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

/* ---- the note preview ---- */

struct preview {
	char *text;
	size_t *lines;  /* start of each line */
	size_t nlines;
	size_t top;
	int refused;    /* text is the reason there is no note */
};

static size_t max_top(const struct ui *u, const struct preview *p)
{
	return p->nlines > (size_t)u->body_rows ? p->nlines - (size_t)u->body_rows : 0;
}

static void preview_draw(struct ui *u, void *st)
{
	struct preview *p = st;
	char buf[512];
	size_t i, len;
	int y;

	if (p->refused) {
		ui_text(u, u->body_top, 1, COLS - 2, UI_ROLE_HEADER, "There is no note yet");
		ui_text_wrapped(u, u->body_top + 2, 1, COLS - 2, u->body_rows - 2, UI_ROLE_NORMAL,
				p->text);
		ui_set_cursor(u, u->body_top, 1);
		return;
	}
	if (p->top > max_top(u, p))
		p->top = max_top(u, p);
	for (y = 0, i = p->top; y < u->body_rows && i < p->nlines; y++, i++) {
		len = strcspn(p->text + p->lines[i], "\n");
		if (len >= sizeof buf)
			len = sizeof buf - 1;
		memcpy(buf, p->text + p->lines[i], len);
		buf[len] = '\0';
		ui_text(u, u->body_top + y, 1, COLS - 2, UI_ROLE_NORMAL, buf);
	}
	if (p->top < max_top(u, p))
		ui_text(u, u->body_top + u->body_rows - 1, COLS - 28, 27, UI_ROLE_MESSAGE,
			"-- more below: PgDn --");
	ui_set_cursor(u, u->body_top, 1);
}

static int preview_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct preview *p = st;
	size_t page = u->body_rows > 1 ? (size_t)u->body_rows - 1 : 1;
	size_t last = max_top(u, p);

	(void)key;
	switch (act) {
	case UI_ACT_BACK:
		return UI_RES_BACK;
	case UI_ACT_UP:
		p->top -= p->top > 0;
		break;
	case UI_ACT_DOWN:
		p->top += p->top < last;
		break;
	case UI_ACT_PGUP:
		p->top = p->top > page ? p->top - page : 0;
		break;
	case UI_ACT_PGDN:
		p->top = p->top + page < last ? p->top + page : last;
		break;
	case UI_ACT_TOP:
		p->top = 0;
		break;
	case UI_ACT_BOTTOM:
		p->top = last;
		break;
	default:
		return UI_RES_UNUSED;
	}
	return UI_RES_NONE;
}

static void preview_fini(void *st)
{
	struct preview *p = st;

	if (!p)
		return;
	free(p->text);
	free(p->lines);
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
	size_t i, n;
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
	p->text = dorn_buf_take(&b);
	if (!p->text) {
		preview_fini(p);
		return DORN_ENOMEM;
	}
	for (n = 1, i = 0; p->text[i]; i++)
		n += p->text[i] == '\n';
	p->lines = calloc(n, sizeof *p->lines);
	if (!p->lines) {
		preview_fini(p);
		return DORN_ENOMEM;
	}
	for (p->nlines = 1, i = 0; p->text[i]; i++)
		if (p->text[i] == '\n' && p->text[i + 1])
			p->lines[p->nlines++] = i + 1;
	rc = ui_push(u, &preview_screen, p);
	if (rc)
		preview_fini(p);
	return rc;
}
