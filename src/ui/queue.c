/* The supervisor's review queue: submitted notes in the case list's order
 * (the date that matters, soonest first, passed dates after those to come,
 * then the oldest), with who wrote each, how close its sentencing or
 * hearing is and how long it has waited, all in words. Enter reads the
 * note as it was submitted; a approves it (a comment is optional), t
 * returns it with a comment that cannot be empty, there or straight from
 * the highlighted row of the list; e, there or on the list, exports the
 * case's approved note (export.c). The app layer enforces every rule (own
 * note, already reviewed, not submitted): this screen only says what it
 * answered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/lineedit.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "ui_priv.h"

#define COMMENT_MAX 2000 /* struct dorn_note's comment holds this many bytes */
#define COMMENT_ROWS 4   /* rows of the comment's box; longer text scrolls in it */

struct queue {
	struct dorn_queue_row *rows;
	size_t n;
	size_t sel;       /* highlighted row */
	size_t top;       /* first row shown */
	int stale;        /* reload before drawing: a review may have changed it */
	char failed[DORN_ERR_MSG + 64]; /* why the queue could not be read, or "" */
};

enum col_id { COL_URN, COL_OFFICER, COL_DUE, COL_FLAG, COL_WAITING, COL_COUNT };

/* Widths add up to 80 columns with the single blank between columns. */
static const struct column {
	const char *title;
	int width;
} columns[COL_COUNT] = {
	[COL_URN]     = { "URN", 16 },
	[COL_OFFICER] = { "Officer", 16 },
	[COL_DUE]     = { "Sentencing or hearing", 24 },
	[COL_FLAG]    = { "", 6 },
	[COL_WAITING] = { "Waiting", 14 },
};

static int list_rows(const struct ui *u)
{
	return u->body_rows - 2; /* the column titles and their rule */
}

static void reload(struct ui *u, struct queue *q)
{
	struct dorn_err err = { 0 };

	free(q->rows);
	q->rows = NULL;
	q->n = 0;
	q->failed[0] = '\0';
	if (dorn_app_review_queue(u->app, &q->rows, &q->n, &err))
		snprintf(q->failed, sizeof q->failed, "The queue could not be read: %s", err.msg);
	if (q->sel >= q->n)
		q->sel = q->n ? q->n - 1 : 0;
	q->stale = 0;
}

static const char *plural(long n)
{
	return n == 1 ? "" : "s";
}

/* "sentencing in 6 days", "next hearing 2 days ago", "no date yet". */
static void due_text(const struct dorn_due *d, char *out, size_t n)
{
	const char *what = d->is_sentencing ? "sentencing" : "next hearing";

	if (!d->date[0])
		snprintf(out, n, "no date yet");
	else if (d->passed)
		snprintf(out, n, "%s %ld day%s ago", what, -d->days_left, plural(-d->days_left));
	else if (d->days_left == 0)
		snprintf(out, n, "%s today", what);
	else
		snprintf(out, n, "%s in %ld day%s", what, d->days_left, plural(d->days_left));
}

static const char *due_flag(const struct dorn_due *d)
{
	if (!d->date[0])
		return "";
	return d->passed ? "PASSED" : d->urgent ? "URGENT" : "";
}

static void waiting_text(long days, char *out, size_t n)
{
	if (days <= 0)
		snprintf(out, n, "new today");
	else
		snprintf(out, n, "waiting %ld day%s", days, plural(days));
}

static const char *officer_of(const struct dorn_queue_row *r)
{
	return r->author_name[0] ? r->author_name : r->author;
}

static void draw_row(struct ui *u, struct queue *q, size_t i, int y)
{
	const struct dorn_queue_row *r = &q->rows[i];
	enum ui_role role = i == q->sel ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
	const char *cell[COL_COUNT];
	char urn[18], due[64], waiting[48], officer[160];
	int c, x = 0;

	dorn_urn_display(r->urn, urn);
	/* A version this supervisor changed is another supervisor's to review. */
	snprintf(officer, sizeof officer, "%s%s", officer_of(r), r->yours ? " and you" : "");
	due_text(&r->due, due, sizeof due);
	waiting_text(r->waiting_days, waiting, sizeof waiting);
	cell[COL_URN] = urn;
	cell[COL_OFFICER] = officer;
	cell[COL_DUE] = due;
	cell[COL_FLAG] = due_flag(&r->due);
	cell[COL_WAITING] = waiting;
	if (role != UI_ROLE_NORMAL)
		ui_fill_row(u, y, role);
	for (c = 0; c < COL_COUNT; c++) {
		ui_text(u, y, x, columns[c].width,
			c == COL_FLAG && *cell[c] && role == UI_ROLE_NORMAL ? UI_ROLE_URGENT : role,
			cell[c]);
		x += columns[c].width + 1;
	}
	if (i == q->sel)
		ui_set_cursor(u, y, 0);
}

static void queue_draw(struct ui *u, void *st)
{
	struct queue *q = st;
	int c, x = 0, y, rows = list_rows(u), top = u->body_top;
	char line[128];
	size_t i, urgent = 0;

	if (q->stale)
		reload(u, q);
	ui_set_cursor(u, top, 0);
	if (q->failed[0]) {
		ui_text_wrapped(u, top + 1, 1, COLS - 2, u->body_rows - 1, UI_ROLE_MESSAGE,
				q->failed);
		return;
	}
	for (i = 0; i < q->n; i++)
		urgent += q->rows[i].due.urgent || q->rows[i].due.passed;
	if (!q->n) {
		snprintf(line, sizeof line, "No notes are waiting for review. Esc goes back.");
		y = top + u->body_rows / 2;
		x = (COLS - (int)strlen(line)) / 2;
		ui_text(u, y, x > 0 ? x : 0, COLS, UI_ROLE_NORMAL, line);
		ui_set_cursor(u, y, x > 0 ? x : 0);
		return;
	}
	snprintf(line, sizeof line, "%zu note%s to review, %zu urgent or passed: soonest "
		 "date first, then oldest.", q->n, q->n == 1 ? "" : "s", urgent);
	ui_text(u, top - 1, 1, COLS - 2, UI_ROLE_HEADER, line);
	for (c = 0; c < COL_COUNT; c++) {
		ui_text(u, top, x, columns[c].width, UI_ROLE_HEADER, columns[c].title);
		x += columns[c].width + 1;
	}
	ui_hline(u, top + 1, 0, COLS);
	if (q->sel < q->top)
		q->top = q->sel;
	if (rows > 0 && q->sel >= q->top + (size_t)rows)
		q->top = q->sel - (size_t)rows + 1;
	for (i = q->top, y = top + 2; i < q->n && y < top + 2 + rows; i++, y++)
		draw_row(u, q, i, y);
}

static void read_open(struct ui *u, struct queue *q, enum ui_action asking);

static int queue_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct queue *q = st;
	size_t page = list_rows(u) > 1 ? (size_t)list_rows(u) - 1 : 1;

	(void)key;
	if (act == UI_ACT_BACK)
		return UI_RES_BACK;
	if (act == UI_ACT_EXPORT && !q->n) {
		ui_message(u, "No note is listed here to export: open the case from the case "
			   "list and press e on its Review step.");
		return UI_RES_NONE;
	}
	if (!q->n)
		return act == UI_ACT_NONE ? UI_RES_UNUSED : UI_RES_NONE;
	switch (act) {
	case UI_ACT_OPEN:
		read_open(u, q, UI_ACT_NONE);
		break;
	case UI_ACT_APPROVE:
	case UI_ACT_RETURN:
		/* The note opens under the comment, so what is decided is in
		 * view; Esc there comes back here. */
		read_open(u, q, act);
		break;
	case UI_ACT_EXPORT:
		ui_export_case(u, q->rows[q->sel].urn);
		break;
	case UI_ACT_UP:
		q->sel -= q->sel > 0;
		break;
	case UI_ACT_DOWN:
		q->sel += q->sel + 1 < q->n;
		break;
	case UI_ACT_PGUP:
		q->sel = q->sel > page ? q->sel - page : 0;
		break;
	case UI_ACT_PGDN:
		q->sel = q->sel + page < q->n ? q->sel + page : q->n - 1;
		break;
	case UI_ACT_TOP:
		q->sel = 0;
		break;
	case UI_ACT_BOTTOM:
		q->sel = q->n - 1;
		break;
	default:
		return UI_RES_UNUSED;
	}
	return UI_RES_NONE;
}

/* With a row to act on, the list takes the read screen's a and t too
 * (keys.c binds them to UI_IN_READ): the footer and help then show them. */
static unsigned queue_mode(void *st)
{
	const struct queue *q = st;

	return q->n ? UI_IN_QUEUE | UI_IN_READ : UI_IN_QUEUE;
}

static void queue_fini(void *st)
{
	struct queue *q = st;

	if (!q)
		return;
	free(q->rows);
	free(q);
}

static const struct ui_screen queue_screen = {
	.title = "Review queue",
	.where = UI_IN_QUEUE,
	.draw = queue_draw,
	.key = queue_key,
	.fini = queue_fini,
	.mode = queue_mode,
};

int ui_queue_open(struct ui *u)
{
	struct queue *q = calloc(1, sizeof *q);
	int rc;

	if (!q)
		return DORN_ENOMEM;
	q->stale = 1;
	rc = ui_push(u, &queue_screen, q);
	if (rc)
		queue_fini(q);
	return rc;
}

/* ---- one note, read in full, then approved or returned ---- */

struct readq {
	struct dorn_queue_row row; /* the queue's line for it */
	struct ui_page page;       /* the submitted text */
	enum ui_action asking;     /* UI_ACT_APPROVE or _RETURN while the comment is typed */
	size_t ctop;               /* the comment's first row shown */
	int from_list;             /* opened by a or t on the list: Esc goes back there */
	struct dorn_le comment;
};

/* Each decision's words, so approving and returning differ only here. */
static const struct decision {
	enum ui_action act;
	int approve;
	const char *prompt;
	const char *done;     /* "Approved", with the URN and version after it */
	const char *refused;  /* before the app's reason */
} decisions[] = {
	{ UI_ACT_APPROVE, 1, "Approve. Comment (optional):", "Approved", "Not approved" },
	{ UI_ACT_RETURN, 0, "Return. Comment (needed):", "Returned", "Not returned" },
};

static const struct decision *decision_for(enum ui_action act)
{
	size_t i;

	for (i = 0; i < sizeof decisions / sizeof decisions[0]; i++)
		if (decisions[i].act == act)
			return &decisions[i];
	return NULL;
}

/* The note's rows; while a comment is typed, its prompt, box and a blank
 * take the bottom. */
static int page_rows(const struct ui *u, const struct readq *r)
{
	return u->body_rows - (r->asking ? COMMENT_ROWS + 2 : 0);
}

/* The comment's width: one column narrower than its box, so the cursor
 * after a full row stays inside it. */
static size_t comment_width(void)
{
	return COLS > 6 ? (size_t)COLS - 4 : 2;
}

/* The note's line above its text: whose it is on the left, how urgent and
 * how long it has waited on the right, where a long name cannot push them
 * off the screen. */
static void read_heading(struct ui *u, const struct readq *r, int y)
{
	char urn[18], due[64], waiting[48], left[256], right[160];
	const char *flag = due_flag(&r->row.due);
	int w;

	dorn_urn_display(r->row.urn, urn);
	due_text(&r->row.due, due, sizeof due);
	waiting_text(r->row.waiting_days, waiting, sizeof waiting);
	snprintf(left, sizeof left, "%s v%d by %s%s", urn, r->row.version, officer_of(&r->row),
		 r->row.yours ? " and you: another supervisor reviews it" : "");
	snprintf(right, sizeof right, "%s%s%s, %s", flag, *flag ? ": " : "", due, waiting);
	w = (int)dorn_text_width(right, strlen(right));
	ui_text(u, y, COLS - 1 - w, w, UI_ROLE_HEADER, right);
	ui_text(u, y, 1, COLS - w - 4, UI_ROLE_HEADER, left);
}

/* The comment as a box of COMMENT_ROWS rows that wraps and scrolls (the
 * line editor lays it out), under a prompt that says how to send it. */
static void draw_comment(struct ui *u, struct readq *r, int y)
{
	const struct decision *d = decision_for(r->asking);
	size_t width = comment_width(), need, crow, ccol, k;
	struct dorn_le_row *rows;
	char prompt[160];
	int i, x = 2;

	snprintf(prompt, sizeof prompt, "%s Enter starts a new line, Ctrl-D sends, "
		 "Esc cancels.", d->prompt);
	ui_text(u, y, 1, COLS - 2, UI_ROLE_HEADER, prompt);
	need = dorn_le_layout(&r->comment, width, NULL, 0);
	rows = calloc(need, sizeof *rows);
	if (!rows)
		return;
	dorn_le_layout(&r->comment, width, rows, need);
	dorn_le_cursor(&r->comment, width, &crow, &ccol);
	if (crow < r->ctop)
		r->ctop = crow;
	if (crow >= r->ctop + COMMENT_ROWS)
		r->ctop = crow - COMMENT_ROWS + 1;
	for (i = 0; i < COMMENT_ROWS; i++) {
		char buf[COMMENT_MAX + 1];
		size_t len;

		attrset(u->attr[UI_ROLE_FIELD]);
		mvhline(y + 1 + i, x, ' ', (int)width + 1);
		attrset(u->attr[UI_ROLE_NORMAL]);
		k = r->ctop + (size_t)i;
		if (k >= need)
			continue;
		len = rows[k].end - rows[k].start;
		memcpy(buf, r->comment.text + rows[k].start, len);
		buf[len] = '\0';
		ui_text(u, y + 1 + i, x, (int)width, UI_ROLE_FIELD, buf);
	}
	/* More above or below the box: a symbol, as in the forms. */
	if (r->ctop > 0)
		ui_text(u, y + 1, x + (int)width + 1, 1, UI_ROLE_HEADER, "^");
	if (need > r->ctop + COMMENT_ROWS)
		ui_text(u, y + COMMENT_ROWS, x + (int)width + 1, 1, UI_ROLE_HEADER,
			ui_sym(u, UI_SYM_MORE));
	ui_set_cursor(u, y + 1 + (int)(crow - r->ctop), x + (int)ccol);
	free(rows);
}

static void read_draw(struct ui *u, void *st)
{
	struct readq *r = st;

	read_heading(u, r, u->body_top - 1);
	ui_set_cursor(u, u->body_top, 1);
	ui_page_draw(u, &r->page, u->body_top, page_rows(u, r));
	if (r->asking)
		draw_comment(u, r, u->body_top + u->body_rows - COMMENT_ROWS - 1);
}

static int blank(const char *s)
{
	return s[strspn(s, " \n")] == '\0';
}

/* Ctrl-D on the comment: the app decides; a refusal changes nothing but
 * the message, a success goes back to the queue, which reads itself
 * again. */
static int decide(struct ui *u, struct readq *r)
{
	const struct decision *d = decision_for(r->asking);
	struct dorn_err err = { 0 };
	char msg[DORN_ERR_MSG + 128], urn[18];
	int empty = blank(r->comment.text);

	if (!d->approve && empty) {
		ui_message(u, "A returned note needs a comment: say what the officer should "
			   "change or add.");
		return UI_RES_NONE;
	}
	r->asking = UI_ACT_NONE;
	if (dorn_app_review(u->app, r->row.urn, d->approve, empty ? NULL : r->comment.text,
			    &err)) {
		snprintf(msg, sizeof msg, "%s: %s", d->refused, err.msg);
		ui_message(u, msg);
		return UI_RES_NONE;
	}
	dorn_urn_display(r->row.urn, urn);
	snprintf(msg, sizeof msg, "%s %s version %d%s%s.", d->done, urn, r->row.version,
		 d->approve ? "" : ": it goes back to ", d->approve ? "" : officer_of(&r->row));
	ui_message(u, msg);
	return UI_RES_BACK;
}

static int comment_key(struct ui *u, struct readq *r, enum ui_action act, int key)
{
	switch (act) {
	case UI_ACT_BACK:
		r->asking = UI_ACT_NONE;
		ui_message(u, "Nothing was changed.");
		return r->from_list ? UI_RES_BACK : UI_RES_NONE;
	case UI_ACT_SEND:
		return decide(u, r);
	case UI_ACT_OPEN:
		if (dorn_le_insert(&r->comment, '\n'))
			ui_message(u, "The comment is full.");
		return UI_RES_NONE;
	case UI_ACT_UP:
		dorn_le_up(&r->comment, comment_width());
		return UI_RES_NONE;
	case UI_ACT_DOWN:
		dorn_le_down(&r->comment, comment_width());
		return UI_RES_NONE;
	case UI_ACT_NONE:
		if (!UI_IS_TEXT_KEY(key))
			return UI_RES_UNUSED;
		if (dorn_le_insert(&r->comment, (uint32_t)key))
			ui_message(u, "The comment is full.");
		return UI_RES_NONE;
	case UI_ACT_BACKSPACE:
		dorn_le_backspace(&r->comment);
		return UI_RES_NONE;
	case UI_ACT_DELETE:
		dorn_le_delete(&r->comment);
		return UI_RES_NONE;
	case UI_ACT_KILL:
		dorn_le_kill_line(&r->comment);
		return UI_RES_NONE;
	case UI_ACT_LEFT:
		dorn_le_left(&r->comment);
		return UI_RES_NONE;
	case UI_ACT_RIGHT:
		dorn_le_right(&r->comment);
		return UI_RES_NONE;
	case UI_ACT_TOP:
		dorn_le_home(&r->comment);
		return UI_RES_NONE;
	case UI_ACT_BOTTOM:
		dorn_le_end(&r->comment);
		return UI_RES_NONE;
	case UI_ACT_WORD_LEFT:
		dorn_le_word_left(&r->comment);
		return UI_RES_NONE;
	case UI_ACT_WORD_RIGHT:
		dorn_le_word_right(&r->comment);
		return UI_RES_NONE;
	default:
		/* PgUp and PgDn still scroll the note being commented on. */
		return ui_page_key(&r->page, act, page_rows(u, r));
	}
}

static int read_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct readq *r = st;

	if (r->asking)
		return comment_key(u, r, act, key);
	switch (act) {
	case UI_ACT_BACK:
		return UI_RES_BACK;
	case UI_ACT_EXPORT:
		ui_export_case(u, r->row.urn);
		return UI_RES_NONE;
	case UI_ACT_APPROVE:
	case UI_ACT_RETURN:
		r->asking = act;
		r->from_list = 0;
		r->ctop = 0;
		dorn_le_set(&r->comment, "");
		return UI_RES_NONE;
	default:
		return ui_page_key(&r->page, act, page_rows(u, r));
	}
}

static unsigned read_mode(void *st)
{
	const struct readq *r = st;

	return r->asking ? UI_IN_COMMENT | UI_IN_TEXT : UI_IN_READ;
}

static void read_fini(void *st)
{
	struct readq *r = st;

	if (!r)
		return;
	ui_page_fini(&r->page);
	dorn_le_fini(&r->comment);
	free(r);
}

static const struct ui_screen read_screen = {
	.title = "Review: the note as submitted",
	.where = UI_IN_READ,
	.draw = read_draw,
	.key = read_key,
	.fini = read_fini,
	.mode = read_mode,
};

/* The lines of text, as pointers into it. */
struct lines {
	const char **at;
	size_t *len;
	size_t n;
};

static int split_lines(const char *text, struct lines *l)
{
	size_t cap = 1;
	const char *p;

	for (p = text; *p; p++)
		cap += *p == '\n';
	l->n = 0;
	l->at = malloc(cap * sizeof *l->at);
	l->len = malloc(cap * sizeof *l->len);
	if (!l->at || !l->len)
		return -1;
	for (p = text; *p;) {
		size_t k = strcspn(p, "\n");

		l->at[l->n] = p;
		l->len[l->n++] = k;
		p += k + (p[k] == '\n');
	}
	return 0;
}

static void lines_fini(struct lines *l)
{
	free(l->at);
	free(l->len);
}

static int same_line(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && memcmp(a->at[i], b->at[j], a->len[i]) == 0;
}

#define DIFF_CELLS (4u * 1024 * 1024) /* the longest common lines of two notes */

/* The lines of before that are gone ("- ") and of after that are new
 * ("+ "), in order, by the longest common subsequence of lines. 1 when the
 * notes are too long to compare, -1 out of memory. */
static int line_diff(const char *before, const char *after, struct dorn_buf *out)
{
	struct lines a = { 0 }, b = { 0 };
	unsigned *lcs = NULL;
	size_t i, j, w;
	int rc = -1;

	if (split_lines(before, &a) || split_lines(after, &b))
		goto done;
	w = b.n + 1;
	if ((a.n + 1) > DIFF_CELLS / w) {
		rc = 1;
		goto done;
	}
	lcs = calloc((a.n + 1) * w, sizeof *lcs);
	if (!lcs)
		goto done;
	for (i = a.n; i-- > 0;)
		for (j = b.n; j-- > 0;)
			lcs[i * w + j] = same_line(&a, i, &b, j)
				? lcs[(i + 1) * w + j + 1] + 1
				: lcs[(i + 1) * w + j] > lcs[i * w + j + 1]
					? lcs[(i + 1) * w + j] : lcs[i * w + j + 1];
	rc = 0;
	for (i = j = 0; !rc && (i < a.n || j < b.n);) {
		if (i < a.n && j < b.n && same_line(&a, i, &b, j)) {
			i++;
			j++;
		} else if (i < a.n && (j == b.n || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
			rc = dorn_buf_printf(out, "- %.*s\n", (int)a.len[i], a.at[i]) ? -1 : 0;
			i++;
		} else {
			rc = dorn_buf_printf(out, "+ %.*s\n", (int)b.len[j], b.at[j]) ? -1 : 0;
			j++;
		}
	}
done:
	free(lcs);
	lines_fini(&a);
	lines_fini(&b);
	return rc;
}

/* An answer to a returned version: one line above the note says so, and
 * below it come the supervisor's comment on that version and what
 * changed since (End goes there). */
static int answer_text(const struct dorn_note *prev, const char *body, struct dorn_buf *out)
{
	const char *who = prev->reviewer_name[0] ? prev->reviewer_name : prev->reviewer;
	int rc;

	rc = dorn_buf_printf(out, "Answers version %d, RETURNED by %s: End shows the comment "
			     "and what changed.\n\n%s\n\n---- version %d was RETURNED by %s, "
			     "who wrote: ----\n%s\n\n---- what changed since version %d "
			     "(- gone, + new) ----\n", prev->version, who, body, prev->version,
			     who, prev->comment[0] ? prev->comment : "(no comment)",
			     prev->version);
	if (!rc) {
		rc = line_diff(prev->body ? prev->body : "", body, out);
		if (rc == 1)
			rc = dorn_buf_puts(out, "(the notes are too long to compare here)\n");
	}
	return rc ? -1 : 0;
}

/* The submitted text, from the case's versions; when the version before
 * it was returned, with that comment and a line diff (answer_text). */
static char *submitted_text(struct ui *u, const struct dorn_queue_row *row,
			    struct dorn_err *err)
{
	struct dorn_case_view view;
	struct dorn_note *vs = NULL;
	const struct dorn_note *cur = NULL, *prev = NULL;
	size_t nv = 0, i;
	char *text = NULL;

	memset(&view, 0, sizeof view);
	if (dorn_app_show(u->app, row->urn, &view, err))
		return NULL;
	if (!dorn_app_versions(u->app, view.c->id, &vs, &nv, err)) {
		for (i = 0; i < nv; i++) {
			if (vs[i].version == row->version && vs[i].body)
				cur = &vs[i];
			if (vs[i].version == row->version - 1 &&
			    vs[i].status == DORN_NOTE_RETURNED)
				prev = &vs[i];
		}
		if (!cur) {
			dorn_err_set(err, DORN_EINTERNAL, "the text of version %d was not found",
				     row->version);
		} else if (prev) {
			struct dorn_buf b;

			dorn_buf_init(&b);
			if (answer_text(prev, cur->body, &b))
				dorn_buf_fini(&b);
			else
				text = dorn_buf_take(&b);
		} else {
			text = strdup(cur->body);
		}
		dorn_notes_free(vs, nv);
	}
	if (!text && !err->code)
		dorn_err_set(err, DORN_ENOMEM, "out of memory");
	dorn_case_view_fini(&view);
	return text;
}

/* Enter on the queue: the note as submitted, or a message saying why not.
 * a or t there (asking): the same, with the comment for that decision
 * already asked. */
static void read_open(struct ui *u, struct queue *q, enum ui_action asking)
{
	struct readq *r = calloc(1, sizeof *r);
	struct dorn_err err = { 0 };
	char msg[DORN_ERR_MSG + 64], *text;

	if (!r || dorn_le_init(&r->comment, "", COMMENT_MAX, 1)) {
		free(r);
		ui_message(u, "Out of memory: the note could not be opened.");
		return;
	}
	r->row = q->rows[q->sel];
	r->asking = asking;
	r->from_list = asking != UI_ACT_NONE;
	text = submitted_text(u, &r->row, &err);
	if (!text) {
		snprintf(msg, sizeof msg, "The note could not be opened: %s", err.msg);
		ui_message(u, msg);
		read_fini(r);
		return;
	}
	if (ui_page_init(&r->page, text) || ui_push(u, &read_screen, r)) {
		ui_message(u, "Out of memory: the note could not be opened.");
		read_fini(r);
		return;
	}
	/* Whatever is decided there, the queue is read again on return. */
	q->stale = 1;
}

void ui_queue_read(struct ui *u, const char *urn)
{
	struct queue q;
	char msg[DORN_ERR_MSG + 96], shown[18];
	size_t i;

	memset(&q, 0, sizeof q);
	reload(u, &q);
	if (q.failed[0]) {
		ui_message(u, q.failed);
		free(q.rows);
		return;
	}
	for (i = 0; i < q.n && strcmp(q.rows[i].urn, urn); i++)
		;
	if (i < q.n) {
		q.sel = i;
		read_open(u, &q, UI_ACT_NONE);
	} else {
		dorn_urn_display(urn, shown);
		snprintf(msg, sizeof msg, "The note of %s is not waiting for review any more.",
			 shown);
		ui_message(u, msg);
	}
	free(q.rows);
}
