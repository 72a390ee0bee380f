/* Field widgets: one-line and multi-line text through the lineedit model,
 * URNs, dates and pounds checked as typed, single and multiple choices and
 * lists, laid out in a scrolling column. What each kind of value does is a
 * row of the kinds table; what each field is comes from the screens'
 * field tables (form.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/err.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "form.h"
#include "ui_priv.h"

#define LABEL_W 17  /* columns for a label beside its value */
#define VALUE_X 19  /* where a value beside its label starts */
#define WIDE_X 2    /* where a value under its label starts */
#define ENTRY_ROWS 3 /* most rows one list entry takes */
#define INFO_ROWS 64 /* most rows a text to read takes: a reviewer's comment in full */

/* ---- the kinds of value ---- */

typedef void (*load_fn)(const struct ui_field *f, const void *base, char *out, size_t n);
/* Check typed; when valid and base is not NULL, write it. 0 or -1 with msg. */
typedef int (*store_fn)(const struct ui_field *f, void *base, const char *typed,
			char *msg, size_t n);

static void *at(const void *base, size_t off)
{
	return (char *)base + off;
}

static void load_text(const struct ui_field *f, const void *base, char *out, size_t n)
{
	snprintf(out, n, "%s", (const char *)at(base, f->off));
}

/* The whole array is cleared first, so equal values compare equal. */
static int store_text(const struct ui_field *f, void *base, const char *typed, char *msg,
		      size_t n)
{
	size_t len = strlen(typed);

	(void)msg;
	(void)n;
	if (!base)
		return 0;
	if (len >= f->size)
		len = f->size - 1;
	memset(at(base, f->off), 0, f->size);
	memcpy(at(base, f->off), typed, len);
	return 0;
}

static void load_urn(const struct ui_field *f, const void *base, char *out, size_t n)
{
	const char *urn = at(base, f->off);
	char shown[18];

	if (!*urn) {
		snprintf(out, n, "%s", "");
		return;
	}
	dorn_urn_display(urn, shown);
	snprintf(out, n, "%s", shown);
}

static int store_urn(const struct ui_field *f, void *base, const char *typed, char *msg,
		     size_t n)
{
	struct dorn_err err;
	char urn[DORN_URN_MAX];

	typed += strspn(typed, " ");
	if (!*typed && !(f->flags & UI_FF_NEEDED))
		return store_text(f, base, "", msg, n);
	if (dorn_urn_parse(typed, urn, &err)) {
		snprintf(msg, n, "%s", err.msg);
		return -1;
	}
	return store_text(f, base, urn, msg, n);
}

static void load_date(const struct ui_field *f, const void *base, char *out, size_t n)
{
	struct dorn_date d;
	char uk[11];

	/* Shown the way a court diary in England writes it. */
	if (dorn_date_parse(at(base, f->off), &d, NULL)) {
		load_text(f, base, out, n);
		return;
	}
	dorn_date_uk(&d, uk);
	snprintf(out, n, "%s", uk);
}

static int store_date(const struct ui_field *f, void *base, const char *typed, char *msg,
		      size_t n)
{
	struct dorn_err err;
	struct dorn_date d;
	char iso[11];

	typed += strspn(typed, " ");
	if (!*typed)
		return store_text(f, base, "", msg, n);
	if (dorn_date_parse(typed, &d, &err)) {
		snprintf(msg, n, "%s", err.msg);
		return -1;
	}
	dorn_date_iso(&d, iso);
	return store_text(f, base, iso, msg, n);
}

static void load_pounds(const struct ui_field *f, const void *base, char *out, size_t n)
{
	long v = *(const long *)at(base, f->off);

	if (v < 0)
		snprintf(out, n, "%s", "");
	else
		snprintf(out, n, "%ld", v);
}

/* Whole pounds: "250", "£1,200"; empty when not known. */
static int store_pounds(const struct ui_field *f, void *base, const char *typed, char *msg,
			size_t n)
{
	static const char pound[] = "\u00a3";
	long v = 0;
	int digits = 0;

	typed += strspn(typed, " ");
	if (!strncmp(typed, pound, strlen(pound)))
		typed += strlen(pound);
	for (; *typed && *typed != ' '; typed++) {
		if (*typed == ',')
			continue;
		if (*typed < '0' || *typed > '9' || v > 100000000L)
			goto bad;
		v = v * 10 + (*typed - '0');
		digits++;
	}
	if (typed[strspn(typed, " ")])
		goto bad;
	if (base)
		*(long *)at(base, f->off) = digits ? v : -1;
	return 0;
bad:
	snprintf(msg, n, "%s", "type whole pounds, for example 250 or \u00a31,200, up to "
		 "\u00a3100,000,000; leave it empty when not known");
	return -1;
}

/* typed: the most bytes that may be typed when that is not what the
 * record stores (01/AB/1234567/26 is longer than its 13 characters). */
static const struct kind {
	int text;     /* edited through a dorn_le */
	int wide;     /* the label always on its own row */
	size_t typed; /* 0: the record's size less its NUL */
	load_fn load;
	store_fn store;
} kinds[UI_F__COUNT] = {
	[UI_F_TEXT]   = { 1, 0, 0, load_text, store_text },
	[UI_F_LINES]  = { 1, 1, 0, load_text, store_text },
	[UI_F_URN]    = { 1, 0, 32, load_urn, store_urn },
	[UI_F_DATE]   = { 1, 0, 24, load_date, store_date },
	[UI_F_POUNDS] = { 1, 0, 24, load_pounds, store_pounds },
	[UI_F_CHOICE] = { 0, 0, 0, NULL, NULL },
	[UI_F_SET]    = { 0, 1, 0, NULL, NULL },
	[UI_F_LIST]   = { 0, 1, 0, NULL, NULL },
	[UI_F_INFO]   = { 0, 1, 0, NULL, NULL },
};

static int is_text(const struct ui_field *f)
{
	return kinds[f->type].text;
}

static int is_wide(const struct ui_field *f)
{
	return kinds[f->type].wide || (f->flags & UI_FF_WIDE);
}

static int focusable(const struct ui_field *f)
{
	return f->type != UI_F_INFO;
}

int ui_form_shown(const struct ui_form *fm, size_t i)
{
	const struct ui_field *f = &fm->f[i];
	int kind;

	if (!f->kinds || !fm->item || fm->s[i].err[0])
		return 1;
	kind = ((const struct dorn_item *)fm->base)->kind;
	if (kind < 0 || kind > DORN_KIND_OTHER) /* not chosen yet: ask everything */
		return 1;
	return (f->kinds & DORN_KIND_BIT(kind)) != 0;
}

/* The officer can move to field i. */
static int reachable(const struct ui_form *fm, size_t i)
{
	return focusable(&fm->f[i]) && ui_form_shown(fm, i);
}

/* ---- the form ---- */

static void check(struct ui_form *fm, size_t i)
{
	const struct ui_field *f = &fm->f[i];
	struct ui_fstate *s = &fm->s[i];

	s->err[0] = '\0';
	if (is_text(f) && kinds[f->type].store(f, NULL, s->le.text, s->err, sizeof s->err))
		return;
	s->err[0] = '\0';
}

static int load(struct ui_form *fm, size_t i)
{
	const struct ui_field *f = &fm->f[i];
	struct ui_fstate *s = &fm->s[i];
	size_t max;
	char *buf;
	int rc;

	if (!is_text(f))
		return 0;
	max = kinds[f->type].typed ? kinds[f->type].typed : f->size - 1;
	buf = malloc(max + 32);
	if (!buf)
		return DORN_ENOMEM;
	kinds[f->type].load(f, fm->base, buf, max + 32);
	if (s->has_le) {
		rc = dorn_le_set(&s->le, buf);
	} else {
		rc = dorn_le_init(&s->le, buf, max, f->type == UI_F_LINES);
		s->has_le = rc == 0;
	}
	free(buf);
	s->hscroll = 0;
	s->vtop = 0;
	s->err[0] = '\0';
	return rc;
}

/* The form's record is an item when its fields are an item's. */
static int base_is_item(const struct ui_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].key)
			return f[i].part == DORN_PART_ITEM;
	return 0;
}

static const enum ui_ftype ui_types[DORN_FT__COUNT] = {
	[DORN_FT_TEXT] = UI_F_TEXT,     [DORN_FT_LINES] = UI_F_LINES,
	[DORN_FT_URN] = UI_F_URN,       [DORN_FT_DATE] = UI_F_DATE,
	[DORN_FT_CHOICE] = UI_F_CHOICE, [DORN_FT_SET] = UI_F_SET,
	[DORN_FT_OFFENCES] = UI_F_LIST, [DORN_FT_POUNDS] = UI_F_POUNDS,
};

void ui_field_resolve(struct ui_field *f, int item)
{
	const struct dorn_field *d = f->key ? dorn_field_find(f->part, f->key) : NULL;
	size_t part_off = 0;

	if (!d)
		return;
	if (!item && d->part == DORN_PART_VICTIM)
		part_off = offsetof(struct dorn_case, victim);
	else if (!item && d->part == DORN_PART_CONCERN)
		part_off = offsetof(struct dorn_case, concern);
	else if (!item && d->part == DORN_PART_OUTCOME)
		part_off = offsetof(struct dorn_case, outcome);
	else if (!item && d->part == DORN_PART_ITEM && f->nth > 0 && f->nth <= DORN_ITEMS_MAX)
		part_off = offsetof(struct dorn_case, items) +
			   (size_t)(f->nth - 1) * sizeof(struct dorn_item);
	f->type = ui_types[d->type];
	f->label = d->label;
	/* Ticks are made with Space: say so where there are any. */
	if (d->type == DORN_FT_SET || d->type == DORN_FT_OFFENCES) {
		snprintf(f->label_text, sizeof f->label_text, "%s (Space ticks)", d->label);
		f->label = f->label_text;
	}
	f->off = part_off + d->off;
	f->size = d->size;
	f->kinds = d->kinds;
	if (d->opts)
		f->opts = d->opts;
}

int ui_form_init(struct ui_form *fm, const struct ui_field *f, size_t n, void *base,
		 void *ctx, long today)
{
	size_t i;

	memset(fm, 0, sizeof *fm);
	fm->own = calloc(n ? n : 1, sizeof *fm->own);
	if (!fm->own)
		return DORN_ENOMEM;
	for (i = 0; i < n; i++) {
		fm->own[i] = f[i];
		ui_field_resolve(&fm->own[i], base_is_item(f, n));
	}
	fm->f = fm->own;
	fm->n = n;
	fm->base = base;
	fm->item = base_is_item(f, n);
	fm->ctx = ctx;
	fm->today = today;
	fm->s = calloc(n ? n : 1, sizeof *fm->s);
	if (!fm->s) {
		free(fm->own);
		fm->own = NULL;
		return DORN_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (load(fm, i)) {
			ui_form_fini(fm);
			return DORN_ENOMEM;
		}
	}
	ui_form_focus_first(fm);
	return 0;
}

void ui_form_fini(struct ui_form *fm)
{
	size_t i;

	if (!fm->s)
		return;
	for (i = 0; i < fm->n; i++)
		if (fm->s[i].has_le)
			dorn_le_fini(&fm->s[i].le);
	free(fm->s);
	fm->s = NULL;
	free(fm->own);
	fm->own = NULL;
}

static int commit_one(struct ui_form *fm, size_t i)
{
	const struct ui_field *f = &fm->f[i];
	struct ui_fstate *s = &fm->s[i];

	if (!is_text(f))
		return 0;
	if (kinds[f->type].store(f, fm->base, s->le.text, s->err, sizeof s->err))
		return -1;
	s->err[0] = '\0';
	return 0;
}

int ui_form_commit(struct ui_form *fm)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < fm->n; i++)
		if (commit_one(fm, i))
			bad++;
	return bad;
}

int ui_form_invalid(const struct ui_form *fm)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < fm->n; i++)
		bad += fm->s[i].err[0] != '\0';
	return bad;
}

void ui_form_discard_invalid(struct ui_form *fm)
{
	size_t i;

	for (i = 0; i < fm->n; i++)
		if (fm->s[i].err[0])
			load(fm, i);
}

int ui_form_focus_invalid(struct ui_form *fm)
{
	size_t i;

	for (i = 0; i < fm->n; i++) {
		if (fm->s[i].err[0]) {
			fm->focus = i;
			return 1;
		}
	}
	return 0;
}

int ui_form_touched(const struct ui_form *fm)
{
	size_t i;

	for (i = 0; i < fm->n; i++)
		if (fm->s[i].touched)
			return 1;
	return 0;
}

void ui_form_set_text(struct ui_form *fm, size_t i, const char *text)
{
	if (i >= fm->n || !fm->s[i].has_le)
		return;
	dorn_le_set(&fm->s[i].le, text);
	fm->s[i].hscroll = 0;
	commit_one(fm, i);
}

void ui_form_suggest(struct ui_form *fm, size_t i, const char *text)
{
	if (i >= fm->n || !fm->s[i].has_le)
		return;
	snprintf(fm->s[i].suggest, sizeof fm->s[i].suggest, "%s", text ? text : "");
}

size_t ui_form_find(const struct ui_form *fm, size_t off)
{
	size_t i;

	for (i = 0; i < fm->n; i++)
		if (fm->f[i].type != UI_F_INFO && fm->f[i].type != UI_F_LIST &&
		    fm->f[i].off == off)
			return i;
	return fm->n;
}

void ui_form_focus(struct ui_form *fm, size_t i)
{
	if (i < fm->n && reachable(fm, i))
		fm->focus = i;
}

void ui_form_focus_first(struct ui_form *fm)
{
	size_t i;

	for (i = 0; i < fm->n; i++) {
		if (reachable(fm, i)) {
			fm->focus = i;
			return;
		}
	}
	fm->focus = 0;
}

void ui_form_focus_last(struct ui_form *fm)
{
	size_t i;

	for (i = fm->n; i-- > 0;) {
		if (reachable(fm, i)) {
			fm->focus = i;
			return;
		}
	}
}

unsigned ui_form_mode(const struct ui_form *fm)
{
	return fm->n && is_text(&fm->f[fm->focus]) ? UI_IN_TEXT : 0;
}

int ui_form_on_list(const struct ui_form *fm)
{
	const struct ui_field *f = fm->n ? &fm->f[fm->focus] : NULL;

	return f && f->type == UI_F_LIST && !f->list->toggle;
}

/* ---- options ---- */

static int opt_shown(const struct ui_form *fm, size_t i, size_t k)
{
	const struct ui_field *f = &fm->f[i];
	const struct dorn_option *o = &f->opts[k];

	if (!(o->when & fm->hide))
		return 1;
	/* Something recorded stays visible, so it can be taken back. */
	return f->type == UI_F_SET && (*(const unsigned *)at(fm->base, f->off) & (unsigned)o->value);
}

static size_t opt_count(const struct ui_field *f)
{
	size_t k = 0;

	while (f->opts[k].label)
		k++;
	return k;
}

static int opt_on(const struct ui_form *fm, size_t i, size_t k)
{
	const struct ui_field *f = &fm->f[i];

	if (f->type == UI_F_SET)
		return (*(const unsigned *)at(fm->base, f->off) & (unsigned)f->opts[k].value) != 0;
	return *(const int *)at(fm->base, f->off) == f->opts[k].value;
}

/* Where option k of a choice goes, laid out left to right in width
 * columns: the row and column of its marker. Returns the rows of all. */
static int choice_layout(const struct ui_form *fm, size_t i, int width, size_t want,
			 int *row, int *col)
{
	const struct ui_field *f = &fm->f[i];
	size_t k, n = opt_count(f);
	int r = 0, c = 0, w;

	for (k = 0; k < n; k++) {
		w = 4 + (int)dorn_text_width(f->opts[k].label, strlen(f->opts[k].label));
		if (c && c + w > width) {
			r++;
			c = 0;
		}
		if (k == want) {
			*row = r;
			*col = c;
		}
		c += w + 2;
	}
	return r + 1;
}

static size_t list_count(const struct ui_form *fm, const struct ui_field *f)
{
	return f->list->count(fm->ctx);
}

static int entry_rows(const struct ui_form *fm, const struct ui_field *f, size_t k, int vw)
{
	char buf[1024];
	size_t r;

	if (f->type == UI_F_SET) {
		r = ui_wrap(f->opts[k].label, (size_t)(vw > 5 ? vw - 4 : 1), NULL, 0);
	} else {
		f->list->label(fm->ctx, k, buf, sizeof buf);
		r = ui_wrap(buf, (size_t)(vw > 5 ? vw - 4 : 1), NULL, 0);
	}
	return r > ENTRY_ROWS ? ENTRY_ROWS : (int)r;
}

/* ---- layout ---- */

struct geo {
	int top;    /* first virtual row of the field */
	int vrow;   /* first row of the value */
	int vrows;  /* rows of the value */
	int rows;   /* all rows, with the label and the message */
	int vx, vw; /* the value's columns, relative to the form */
};

static void geometry(const struct ui_form *fm, size_t i, int w, int top, struct geo *g)
{
	const struct ui_field *f = &fm->f[i];
	const struct ui_fstate *s = &fm->s[i];
	size_t k, n;
	int r, c;

	g->top = top;
	g->vx = is_wide(f) ? WIDE_X : VALUE_X;
	if (!ui_form_shown(fm, i)) { /* not asked of this kind: no rows */
		g->vw = w - g->vx;
		g->vrow = top;
		g->vrows = 0;
		g->rows = 0;
		return;
	}
	g->vw = w - g->vx;
	if (g->vw < 4)
		g->vw = 4;
	g->vrow = top + (is_wide(f) && (f->label && *f->label));
	switch (f->type) {
	case UI_F_LINES:
		g->vrows = f->rows > 0 ? f->rows : 3;
		break;
	case UI_F_CHOICE:
		g->vrows = choice_layout(fm, i, g->vw, (size_t)-1, &r, &c);
		break;
	case UI_F_SET:
		g->vrows = 0;
		n = opt_count(f);
		for (k = 0; k < n; k++)
			if (opt_shown(fm, i, k))
				g->vrows += entry_rows(fm, f, k, g->vw);
		break;
	case UI_F_LIST:
		g->vrows = 0;
		n = list_count(fm, f);
		for (k = 0; k < n; k++)
			g->vrows += entry_rows(fm, f, k, g->vw);
		if (!n)
			g->vrows = 1;
		break;
	case UI_F_INFO:
		/* One column short of the edge, where "^" and "v" say the form
		 * scrolls: a text to read is never overwritten by them. */
		g->vrows = (int)ui_wrap(f->text ? f->text : "", (size_t)g->vw - 1, NULL, 0);
		break;
	default:
		g->vrows = 1;
		break;
	}
	g->rows = g->vrow - top + g->vrows;
	if (s->err[0])
		g->rows += (int)ui_wrap(s->err, (size_t)(g->vw - 2), NULL, 0);
}

/* The virtual row and column (relative to the form) of the focused
 * field's insertion point or highlighted option. */
static void focus_point(const struct ui_form *fm, const struct geo *g, int *row, int *col)
{
	const struct ui_field *f = &fm->f[fm->focus];
	const struct ui_fstate *s = &fm->s[fm->focus];
	size_t r, c, k;
	int cr = 0, cc = 0;

	*row = g->vrow;
	*col = g->vx;
	switch (f->type) {
	case UI_F_LINES:
		dorn_le_cursor(&s->le, (size_t)g->vw - 1, &r, &c);
		*row = g->vrow + (int)(r - s->vtop);
		*col = g->vx + (int)c;
		break;
	case UI_F_CHOICE:
		for (k = 0; f->opts[k].label; k++)
			if (opt_on(fm, fm->focus, k))
				break;
		if (!f->opts[k].label)
			k = 0;
		choice_layout(fm, fm->focus, g->vw, k, &cr, &cc);
		*row = g->vrow + cr;
		*col = g->vx + cc + 1;
		break;
	case UI_F_SET:
		for (k = 0; k < s->opt && f->opts[k].label; k++)
			if (opt_shown(fm, fm->focus, k))
				*row += entry_rows(fm, f, k, g->vw);
		*col = g->vx + 1;
		break;
	case UI_F_LIST:
		for (k = 0; k < s->opt; k++)
			*row += entry_rows(fm, f, k, g->vw);
		*col = g->vx + 1;
		break;
	default:
		if (is_text(f))
			*col = g->vx + (int)dorn_text_width(s->le.text + s->hscroll,
							    s->le.cur - s->hscroll);
		break;
	}
}

/* A long text scrolls inside its box so the cursor's row shows. */
static void keep_cursor_row(struct ui_fstate *s, const struct geo *g)
{
	size_t crow, ccol;

	dorn_le_cursor(&s->le, (size_t)g->vw - 1, &crow, &ccol);
	if (crow < s->vtop)
		s->vtop = crow;
	if (crow >= s->vtop + (size_t)g->vrows)
		s->vtop = crow - (size_t)g->vrows + 1;
}

/* ---- drawing ---- */

struct pen {
	struct ui *u;
	int y, x, h; /* the form's screen rows and first column */
	int top;     /* virtual row at y */
};

static int visible(const struct pen *p, int vrow)
{
	return vrow >= p->top && vrow < p->top + p->h;
}

static int put(const struct pen *p, int vrow, int col, int cols, enum ui_role role,
	       const char *text)
{
	if (!visible(p, vrow))
		return 0;
	return ui_text(p->u, p->y + vrow - p->top, p->x + col, cols, role, text);
}

static void put_box(const struct pen *p, int vrow, int col, int cols)
{
	if (!visible(p, vrow))
		return;
	attrset(p->u->attr[UI_ROLE_FIELD]);
	mvhline(p->y + vrow - p->top, p->x + col, ' ', cols);
	attrset(p->u->attr[UI_ROLE_NORMAL]);
}

static void put_span(const struct pen *p, int vrow, int col, int cols, enum ui_role role,
		     const char *s, size_t len)
{
	char buf[1024];

	if (len >= sizeof buf)
		len = sizeof buf - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	put(p, vrow, col, cols, role, buf);
}

static void draw_text(const struct pen *p, struct ui_form *fm, size_t i, const struct geo *g)
{
	struct ui_fstate *s = &fm->s[i];
	size_t fit, start;

	s->hscroll = dorn_le_scroll(&s->le, (size_t)g->vw - 1, s->hscroll);
	/* Only the field being typed in scrolls; the others read from their
	 * first character, as the officer would expect to see them. */
	start = fm->focus == i ? s->hscroll : 0;
	put_box(p, g->vrow, g->vx, g->vw);
	fit = dorn_text_fit(s->le.text + start, s->le.len - start, (size_t)g->vw);
	put_span(p, g->vrow, g->vx, g->vw, UI_ROLE_FIELD, s->le.text + start, fit);
	/* Text out of sight is never silent: a marker at the end it runs off
	 * (the focused field's cursor end keeps its column for typing). */
	if (start + fit < s->le.len && (fm->focus != i || s->le.cur < start + fit))
		put(p, g->vrow, g->vx + g->vw - 1, 1, UI_ROLE_HEADER, ui_sym(p->u, UI_SYM_MORE));
	if (start > 0)
		put(p, g->vrow, g->vx, 1, UI_ROLE_HEADER, ui_sym(p->u, UI_SYM_MORE));
}

static void draw_lines(const struct pen *p, struct ui_form *fm, size_t i, const struct geo *g)
{
	struct ui_fstate *s = &fm->s[i];
	struct dorn_le_row *rows;
	size_t need, r, crow, ccol;
	int k;

	/* One column narrower than the box: the cursor after a full row
	 * stays inside it. */
	s->vw = g->vw - 1;
	need = dorn_le_layout(&s->le, (size_t)s->vw, NULL, 0);
	rows = calloc(need, sizeof *rows);
	if (!rows)
		return;
	dorn_le_layout(&s->le, (size_t)s->vw, rows, need);
	dorn_le_cursor(&s->le, (size_t)s->vw, &crow, &ccol);
	/* Keep the cursor's row in the rows shown. */
	if (crow < s->vtop)
		s->vtop = crow;
	if (crow >= s->vtop + (size_t)g->vrows)
		s->vtop = crow - (size_t)g->vrows + 1;
	for (k = 0; k < g->vrows; k++) {
		put_box(p, g->vrow + k, g->vx, g->vw);
		r = s->vtop + (size_t)k;
		if (r < need)
			put_span(p, g->vrow + k, g->vx, g->vw, UI_ROLE_FIELD,
				 s->le.text + rows[r].start, rows[r].end - rows[r].start);
	}
	/* Say there is more than the box shows, without colour. */
	if (need > s->vtop + (size_t)g->vrows)
		put(p, g->vrow + g->vrows - 1, g->vx + g->vw - 1, 1, UI_ROLE_HEADER,
		    ui_sym(p->u, UI_SYM_MORE));
	free(rows);
}

static void draw_choice(const struct pen *p, struct ui_form *fm, size_t i, const struct geo *g)
{
	const struct ui_field *f = &fm->f[i];
	char buf[256];
	size_t k;
	int r = 0, c = 0, on;

	for (k = 0; f->opts[k].label; k++) {
		choice_layout(fm, i, g->vw, k, &r, &c);
		on = opt_on(fm, i, k);
		snprintf(buf, sizeof buf, "%s %s",
			 ui_sym(p->u, on ? UI_SYM_RADIO_ON : UI_SYM_RADIO_OFF), f->opts[k].label);
		put(p, g->vrow + r, g->vx + c, g->vw - c, on ? UI_ROLE_HEADER : UI_ROLE_NORMAL,
		    buf);
	}
}

/* One entry of a set or a list: an optional box, then its text wrapped. */
static int draw_entry(const struct pen *p, int vrow, const struct geo *g, int box,
		      int highlighted, const char *text)
{
	struct ui_span sp[ENTRY_ROWS];
	size_t n, k;
	int tx = g->vx + 4, tw = g->vw - 4;
	enum ui_role role = highlighted ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;

	n = ui_wrap(text, (size_t)(tw > 1 ? tw : 1), sp, ENTRY_ROWS);
	if (n > ENTRY_ROWS)
		n = ENTRY_ROWS;
	if (highlighted)
		put(p, vrow, g->vx - 1, 1, UI_ROLE_HEADER, ui_sym(p->u, UI_SYM_FOCUS));
	if (box >= 0)
		put(p, vrow, g->vx, 3, role,
		    ui_sym(p->u, box ? UI_SYM_CHECK_ON : UI_SYM_CHECK_OFF));
	else
		tx = g->vx + 1, tw = g->vw - 1;
	for (k = 0; k < n; k++)
		put_span(p, vrow + (int)k, tx, tw, role, text + sp[k].start, sp[k].len);
	return (int)n;
}

static void draw_set(const struct pen *p, struct ui_form *fm, size_t i, const struct geo *g,
		     int focus)
{
	const struct ui_field *f = &fm->f[i];
	size_t k;
	int row = g->vrow;

	for (k = 0; f->opts[k].label; k++) {
		if (!opt_shown(fm, i, k))
			continue;
		row += draw_entry(p, row, g, opt_on(fm, i, k), focus && fm->s[i].opt == k,
				  f->opts[k].label);
	}
}

static void draw_list(const struct pen *p, struct ui_form *fm, size_t i, const struct geo *g,
		      int focus)
{
	const struct ui_field *f = &fm->f[i];
	char buf[1024];
	size_t k, n = list_count(fm, f);
	int row = g->vrow;

	if (!n) {
		put(p, row, g->vx, g->vw, UI_ROLE_NORMAL, f->list->empty ? f->list->empty : "");
		return;
	}
	for (k = 0; k < n; k++) {
		f->list->label(fm->ctx, k, buf, sizeof buf);
		row += draw_entry(p, row, g, f->list->checked(fm->ctx, k),
				  focus && fm->s[i].opt == k, buf);
	}
}

/* Beside a date: its weekday and how far away it is ("Fri 11 Dec 2026,
 * in 10 days"), and for a next hearing already past, a warning: dates are
 * read on the phone, and 11/12 is easily misheard. */
static void draw_date_words(const struct pen *p, struct ui_form *fm, size_t i,
			    const struct geo *g)
{
	const struct ui_field *f = &fm->f[i];
	const char *iso = (const char *)at(fm->base, f->off);
	/* The most that fits: all of it, then without the year, then the
	 * weekday and day alone. */
	static const unsigned fits[] = { DORN_DW_ALL, DORN_DW_WHEN, 0 };
	struct dorn_date d;
	char words[96];
	long left;
	int past_hearing, room = g->vw - 12;

	if (!*iso || dorn_date_parse(iso, &d, NULL) || room < 10)
		return;
	left = dorn_date_to_days(&d) - fm->today;
	past_hearing = left < 0 && f->key && strcmp(f->key, "next_hearing") == 0;
	for (size_t k = 0; k < sizeof fits / sizeof fits[0]; k++) {
		snprintf(words, sizeof words, "%s", past_hearing ? "PASSED " : "");
		dorn_date_words(&d, left, fits[k], words + strlen(words),
				sizeof words - strlen(words));
		if ((int)dorn_text_width(words, strlen(words)) <= room)
			break;
	}
	put(p, g->vrow, g->vx + 12, room, past_hearing ? UI_ROLE_URGENT : UI_ROLE_NORMAL,
	    words);
}

static void draw_field(const struct pen *p, struct ui_form *fm, size_t i, const struct geo *g,
		       int focus)
{
	const struct ui_field *f = &fm->f[i];
	const struct ui_fstate *s = &fm->s[i];
	struct ui_span sp[INFO_ROWS];
	size_t n, k;
	int lw = is_wide(f) ? g->vw + g->vx - 1 : LABEL_W;
	int focused = focus && fm->focus == i;
	char msg[UI_FIELD_MSG + 8];

	if (focused)
		put(p, g->top, 0, 1, UI_ROLE_HEADER, ui_sym(p->u, UI_SYM_FOCUS));
	if (f->label && *f->label)
		put(p, g->top, 1, lw, focused || f->type == UI_F_INFO ? UI_ROLE_HEADER :
			UI_ROLE_NORMAL, f->label);
	switch (f->type) {
	case UI_F_LINES:
		draw_lines(p, fm, i, g);
		break;
	case UI_F_CHOICE:
		draw_choice(p, fm, i, g);
		break;
	case UI_F_SET:
		draw_set(p, fm, i, g, focused);
		break;
	case UI_F_LIST:
		draw_list(p, fm, i, g, focused);
		break;
	case UI_F_INFO:
		n = ui_wrap(f->text ? f->text : "", (size_t)g->vw - 1, sp, INFO_ROWS);
		for (k = 0; k < n && k < INFO_ROWS; k++)
			put_span(p, g->vrow + (int)k, g->vx, g->vw - 1, UI_ROLE_NORMAL,
				 f->text + sp[k].start, sp[k].len);
		break;
	default:
		draw_text(p, fm, i, g);
		/* The value offered, in words, beside the cursor: not a value. */
		if (focused && !s->le.len && s->suggest[0]) {
			snprintf(msg, sizeof msg, "(Enter takes %s)", s->suggest);
			put(p, g->vrow, g->vx + 1, g->vw - 1, UI_ROLE_FIELD, msg);
		} else if (f->type == UI_F_DATE && !s->err[0]) {
			draw_date_words(p, fm, i, g);
		}
		break;
	}
	if (!s->err[0])
		return;
	/* The message stays under the value until it is fixed or discarded;
	 * the symbol says "wrong" where colour cannot. */
	snprintf(msg, sizeof msg, "%s %s", ui_sym(p->u, UI_SYM_ERROR), s->err);
	n = ui_wrap(msg, (size_t)(g->vw - 2), sp, 8);
	for (k = 0; k < n && k < 8; k++)
		put_span(p, g->vrow + g->vrows + (int)k, g->vx, g->vw, UI_ROLE_ERROR,
			 msg + sp[k].start, sp[k].len);
}

void ui_form_draw(struct ui *u, struct ui_form *fm, int y, int x, int w, int h, int focus)
{
	struct pen p = { u, y, x, h, 0 };
	struct geo *g;
	size_t i;
	int top = 0, row, col, total;

	if (!fm->n || h <= 0)
		return;
	g = calloc(fm->n, sizeof *g);
	if (!g)
		return;
	/* The kind changed under the focused field: to the first one shown. */
	if (!ui_form_shown(fm, fm->focus))
		ui_form_focus_first(fm);
	/* Text scroll first: the cursor's column depends on it. */
	for (i = 0; i < fm->n; i++) {
		geometry(fm, i, w, top, &g[i]);
		if (is_text(&fm->f[i]) && fm->f[i].type != UI_F_LINES)
			fm->s[i].hscroll = dorn_le_scroll(&fm->s[i].le, (size_t)g[i].vw - 1,
							  fm->s[i].hscroll);
		if (fm->f[i].type == UI_F_LINES)
			keep_cursor_row(&fm->s[i], &g[i]);
		top += g[i].rows;
	}
	total = top;
	/* Scroll so the focused point shows, with its label and message when
	 * they fit. */
	focus_point(fm, &g[fm->focus], &row, &col);
	if (g[fm->focus].top + g[fm->focus].rows <= fm->top + h &&
	    g[fm->focus].top >= fm->top)
		; /* all of it is in view already */
	else if (row < fm->top || row >= fm->top + h) {
		fm->top = g[fm->focus].top;
		if (row >= fm->top + h)
			fm->top = row - h + 1;
	}
	if (g[fm->focus].top + g[fm->focus].rows > fm->top + h && g[fm->focus].rows <= h &&
	    g[fm->focus].top >= fm->top)
		fm->top = g[fm->focus].top + g[fm->focus].rows - h;
	if (row < fm->top)
		fm->top = row;
	if (fm->top > total - h)
		fm->top = total - h > 0 ? total - h : 0;
	if (row >= fm->top + h)
		fm->top = row - h + 1;
	p.top = fm->top;
	for (i = 0; i < fm->n; i++)
		if (g[i].rows && g[i].top < fm->top + h && g[i].top + g[i].rows > fm->top)
			draw_field(&p, fm, i, &g[i], focus);
	/* Rows above or below: say so in words' stead, with a symbol. */
	if (fm->top > 0)
		ui_text(u, y, x + w - 1, 1, UI_ROLE_HEADER, "^");
	if (total > fm->top + h)
		ui_text(u, y + h - 1, x + w - 1, 1, UI_ROLE_HEADER, "v");
	if (focus)
		ui_set_cursor(u, y + row - fm->top, x + col);
	free(g);
}

/* ---- keys ---- */

static enum ui_form_res move_field(struct ui_form *fm, int dir)
{
	size_t i = fm->focus;

	for (;;) {
		if (dir < 0 && i == 0)
			return UI_FORM_OUT_PREV;
		if (dir > 0 && i + 1 >= fm->n)
			return UI_FORM_OUT_NEXT;
		i = dir < 0 ? i - 1 : i + 1;
		if (reachable(fm, i))
			break;
	}
	commit_one(fm, fm->focus);
	fm->focus = i;
	/* Come into a list from below at its end, from above at its start. */
	if (fm->f[i].type == UI_F_SET || fm->f[i].type == UI_F_LIST) {
		size_t n = fm->f[i].type == UI_F_SET ? opt_count(&fm->f[i]) :
						       list_count(fm, &fm->f[i]);

		fm->s[i].opt = 0;
		if (dir < 0 && n)
			fm->s[i].opt = n - 1;
		while (fm->f[i].type == UI_F_SET && fm->s[i].opt < n &&
		       !opt_shown(fm, i, fm->s[i].opt))
			fm->s[i].opt += dir < 0 ? (size_t)-1 : 1;
		if (fm->s[i].opt >= n)
			fm->s[i].opt = 0;
	}
	return UI_FORM_DONE;
}

static enum ui_form_res text_key(struct ui_form *fm, int act, int key)
{
	struct ui_fstate *s = &fm->s[fm->focus];
	struct dorn_le *e = &s->le;
	int lines = fm->f[fm->focus].type == UI_F_LINES;

	switch (act) {
	case UI_ACT_NONE:
		if (!UI_IS_TEXT_KEY(key))
			return UI_FORM_UNUSED;
		if (dorn_le_insert(e, (uint32_t)key))
			return UI_FORM_UNUSED; /* full: the caller says so */
		break;
	case UI_ACT_OPEN:
		/* Enter in an empty field takes the value offered there. */
		if (!lines && !e->len && s->suggest[0]) {
			dorn_le_set(e, s->suggest);
			s->suggest[0] = '\0';
			s->touched = 1;
			check(fm, fm->focus);
		}
		if (!lines)
			return move_field(fm, 1) == UI_FORM_OUT_NEXT ? UI_FORM_OUT_NEXT :
								       UI_FORM_DONE;
		if (dorn_le_insert(e, '\n'))
			return UI_FORM_UNUSED;
		break;
	case UI_ACT_LEFT:
		dorn_le_left(e);
		return UI_FORM_DONE;
	case UI_ACT_RIGHT:
		dorn_le_right(e);
		return UI_FORM_DONE;
	case UI_ACT_TOP:
		dorn_le_home(e);
		return UI_FORM_DONE;
	case UI_ACT_BOTTOM:
		dorn_le_end(e);
		return UI_FORM_DONE;
	case UI_ACT_WORD_LEFT:
		dorn_le_word_left(e);
		return UI_FORM_DONE;
	case UI_ACT_WORD_RIGHT:
		dorn_le_word_right(e);
		return UI_FORM_DONE;
	case UI_ACT_BACKSPACE:
		dorn_le_backspace(e);
		break;
	case UI_ACT_DELETE:
		dorn_le_delete(e);
		break;
	case UI_ACT_KILL:
		dorn_le_kill_line(e);
		break;
	default:
		return UI_FORM_UNUSED;
	}
	s->touched = 1;
	check(fm, fm->focus);
	return UI_FORM_DONE;
}

/* Left and Right: the option before or after, stopping at either end
 * (never round to the other end, where a key too many would undo it). */
static void choice_step(struct ui_form *fm, int dir)
{
	const struct ui_field *f = &fm->f[fm->focus];
	size_t n = opt_count(f), k;
	int *v = at(fm->base, f->off);

	for (k = 0; k < n; k++)
		if (f->opts[k].value == *v)
			break;
	if (k == n) /* nothing chosen yet: the first, or from the left the last */
		k = dir > 0 ? 0 : n - 1;
	else if (dir > 0 ? k + 1 >= n : k == 0)
		return;
	else
		k = dir > 0 ? k + 1 : k - 1;
	ui_form_choose(fm, fm->focus, f->opts[k].value);
}

void ui_form_choose(struct ui_form *fm, size_t i, int value)
{
	const struct ui_field *f;

	if (i >= fm->n || fm->f[i].type != UI_F_CHOICE)
		return;
	f = &fm->f[i];
	*(int *)at(fm->base, f->off) = value;
	fm->s[i].touched = 1;
	if (f->changed)
		f->changed(fm, i);
}

/* The letter that picks option o: the first letter of its label; "not
 * known" answers to u (unknown), so that n is always "no". */
static int opt_letter(const struct dorn_option *o)
{
	int c = (unsigned char)o->label[0];

	if (!strcmp(o->label, "not known"))
		return 'u';
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The option a letter picks: the first with that letter, or, when the
 * option chosen now has it, the next one with it; after the last one with
 * it the letter keeps the last (no wrapping). n when no option has it. */
static size_t choice_by_letter(const struct ui_form *fm, size_t i, int key)
{
	const struct ui_field *f = &fm->f[i];
	size_t n = opt_count(f), cur, k;
	int v = *(const int *)at(fm->base, f->off);

	for (cur = 0; cur < n; cur++)
		if (f->opts[cur].value == v)
			break;
	k = cur < n && opt_letter(&f->opts[cur]) == key ? cur + 1 : 0;
	for (; k < n; k++)
		if (opt_shown(fm, i, k) && opt_letter(&f->opts[k]) == key)
			return k;
	if (cur < n && opt_letter(&f->opts[cur]) == key)
		return cur;
	return n;
}

void ui_form_choice_keys(const struct ui_form *fm, size_t i, char *out, size_t n)
{
	const struct ui_field *f = &fm->f[i];
	size_t k, used = 0;
	int w;

	if (n)
		out[0] = '\0';
	if (f->type != UI_F_CHOICE)
		return;
	for (k = 0; f->opts[k].label && used < n; k++) {
		if (!opt_shown(fm, i, k))
			continue;
		w = snprintf(out + used, n - used, "%s%c %s", used ? ", " : "",
			     opt_letter(&f->opts[k]), f->opts[k].label);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static enum ui_form_res choice_key(struct ui_form *fm, int act, int key)
{
	const struct ui_field *f = &fm->f[fm->focus];
	int decide = (f->flags & UI_FF_DECIDE) != 0;
	size_t k;

	switch (act) {
	case UI_ACT_LEFT:
	case UI_ACT_RIGHT:
	case UI_ACT_TOGGLE:
		if (decide)
			return UI_FORM_CHOICE_HOW;
		choice_step(fm, act == UI_ACT_LEFT ? -1 : 1);
		return UI_FORM_DONE;
	case UI_ACT_UP:
		return move_field(fm, -1);
	case UI_ACT_DOWN:
	case UI_ACT_OPEN:
		return move_field(fm, 1) == UI_FORM_OUT_NEXT && act == UI_ACT_OPEN ?
			       UI_FORM_OUT_NEXT : UI_FORM_DONE;
	case UI_ACT_NONE:
		break;
	default:
		return UI_FORM_UNUSED;
	}
	if (!UI_IS_TEXT_KEY(key))
		return UI_FORM_UNUSED;
	if (key >= 'A' && key <= 'Z')
		key = key - 'A' + 'a';
	k = choice_by_letter(fm, fm->focus, key);
	if (k == opt_count(f))
		return UI_FORM_CHOICE_HOW;
	if (f->opts[k].value == *(const int *)at(fm->base, f->off))
		return UI_FORM_DONE;
	if (decide) {
		fm->ask_field = fm->focus;
		fm->ask_value = f->opts[k].value;
		return UI_FORM_ASK;
	}
	ui_form_choose(fm, fm->focus, f->opts[k].value);
	return UI_FORM_DONE;
}

static enum ui_form_res set_key(struct ui_form *fm, int act)
{
	const struct ui_field *f = &fm->f[fm->focus];
	struct ui_fstate *s = &fm->s[fm->focus];
	size_t n = opt_count(f), k;
	unsigned *bits = at(fm->base, f->off);

	switch (act) {
	case UI_ACT_UP:
		for (k = s->opt; k-- > 0;)
			if (opt_shown(fm, fm->focus, k)) {
				s->opt = k;
				return UI_FORM_DONE;
			}
		return move_field(fm, -1);
	case UI_ACT_DOWN:
		for (k = s->opt + 1; k < n; k++)
			if (opt_shown(fm, fm->focus, k)) {
				s->opt = k;
				return UI_FORM_DONE;
			}
		move_field(fm, 1);
		return UI_FORM_DONE;
	case UI_ACT_TOGGLE:
		if (s->opt < n) {
			*bits ^= (unsigned)f->opts[s->opt].value;
			s->touched = 1;
			if (f->changed)
				f->changed(fm, fm->focus);
		}
		return UI_FORM_DONE;
	case UI_ACT_OPEN:
		return move_field(fm, 1);
	default:
		return UI_FORM_UNUSED;
	}
}

static enum ui_form_res list_key(struct ui_form *fm, int act)
{
	const struct ui_field *f = &fm->f[fm->focus];
	struct ui_fstate *s = &fm->s[fm->focus];
	size_t n = list_count(fm, f);

	if (s->opt >= n)
		s->opt = n ? n - 1 : 0;
	switch (act) {
	case UI_ACT_UP:
		if (s->opt > 0) {
			s->opt--;
			return UI_FORM_DONE;
		}
		return move_field(fm, -1);
	case UI_ACT_DOWN:
		if (s->opt + 1 < n) {
			s->opt++;
			return UI_FORM_DONE;
		}
		move_field(fm, 1);
		return UI_FORM_DONE;
	case UI_ACT_TOP:
		s->opt = 0;
		return UI_FORM_DONE;
	case UI_ACT_BOTTOM:
		s->opt = n ? n - 1 : 0;
		return UI_FORM_DONE;
	case UI_ACT_TOGGLE:
		if (!f->list->toggle || !n)
			return UI_FORM_UNUSED;
		f->list->toggle(fm->ctx, s->opt);
		s->touched = 1;
		return UI_FORM_DONE;
	case UI_ACT_OPEN:
		if (f->list->toggle)
			return move_field(fm, 1);
		return n ? UI_FORM_OPEN : UI_FORM_UNUSED;
	default:
		return UI_FORM_UNUSED;
	}
}

enum ui_form_res ui_form_key(struct ui *u, struct ui_form *fm, int act, int key)
{
	const struct ui_field *f;
	enum ui_form_res r;

	(void)u;
	if (!fm->n)
		return UI_FORM_UNUSED;
	f = &fm->f[fm->focus];
	if (act == UI_ACT_NEXT)
		return move_field(fm, 1);
	if (act == UI_ACT_PREV)
		return move_field(fm, -1);
	if (is_text(f)) {
		if (act != UI_ACT_UP && act != UI_ACT_DOWN)
			return text_key(fm, act, key);
		/* Lines first inside a long text, then the next field. */
		if (f->type == UI_F_LINES) {
			struct ui_fstate *s = &fm->s[fm->focus];
			size_t w = s->vw > 0 ? (size_t)s->vw : 40;

			if (act == UI_ACT_UP ? dorn_le_up(&s->le, w) : dorn_le_down(&s->le, w))
				return UI_FORM_DONE;
		}
		r = move_field(fm, act == UI_ACT_UP ? -1 : 1);
		return r == UI_FORM_OUT_NEXT ? UI_FORM_DONE : r;
	}
	switch (f->type) {
	case UI_F_CHOICE:
		return choice_key(fm, act, key);
	case UI_F_SET:
		return set_key(fm, act);
	case UI_F_LIST:
		return list_key(fm, act);
	default:
		return UI_FORM_UNUSED;
	}
}
