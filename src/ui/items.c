/* Step 5, devices and accounts: the list of items and the form of one
 * item, with every item field. Deleting asks first and the default answer
 * is no. Nothing here asks about what the images show. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/rules.h"
#include "dorn/text.h"
#include "interview.h"
#include "ui_priv.h"


static void kind_changed(struct ui_form *fm, size_t i);

/* Every item field of the field table, in the order asked; a label too
 * long for the label column goes on its own row (UI_FF_WIDE). The form shows
 * only those that fit the item's kind (the table's kinds); the others keep
 * what they hold. */
#define ITEM(k, ...) { .part = DORN_PART_ITEM, .key = k, __VA_ARGS__ }
static const struct ui_field item_fields[] = {
	ITEM("kind", .changed = kind_changed),
	ITEM("description", .flags = UI_FF_WIDE),
	ITEM("owner"),
	ITEM("owner_detail"),
	ITEM("seized"),
	ITEM("exhibit_ref"),
	ITEM("how_used"),
	ITEM("examined"),
	ITEM("value_estimate"),
	ITEM("effect", .flags = UI_FF_WIDE),
	ITEM("lawful_data"),
	ITEM("held_by"),
	ITEM("seized_from"),
	ITEM("seized_from_name", .flags = UI_FF_WIDE),
	ITEM("seized_where", .flags = UI_FF_WIDE),
	ITEM("seized_date"),
	ITEM("seized_power", .flags = UI_FF_WIDE),
	ITEM("held_at_arrest"),
	ITEM("forensic_report", .flags = UI_FF_WIDE),
	ITEM("images_exhibit", .flags = UI_FF_WIDE),
	ITEM("value_basis"),
	ITEM("third_party_name", .flags = UI_FF_WIDE),
	ITEM("third_party_contact", .flags = UI_FF_WIDE),
	ITEM("third_party_told"),
	ITEM("third_party_knew"),
	ITEM("lawful_data_what", .flags = UI_FF_WIDE),
	ITEM("lawful_data_for", .flags = UI_FF_WIDE),
	ITEM("now_where", .flags = UI_FF_WIDE),
	ITEM("seizure_asked"),
	ITEM("platform", .flags = UI_FF_WIDE),
	ITEM("account_id", .flags = UI_FF_WIDE),
	ITEM("request", .flags = UI_FF_WIDE),
	ITEM("request_date", .flags = UI_FF_WIDE),
};

#define NFIELDS (sizeof item_fields / sizeof item_fields[0])

const struct ui_field *iv_item_fields(size_t *n)
{
	*n = NFIELDS;
	return item_fields;
}

/* s into out (n bytes), cut to at most cols display columns, "..." marking
 * a cut (when there is room for it), never in the middle of a character.
 * Returns the columns used. */
static size_t fit(const char *s, size_t cols, char *out, size_t n)
{
	size_t len = strlen(s), keep;

	if (dorn_text_width(s, len) <= cols) {
		snprintf(out, n, "%s", s);
		return dorn_text_width(out, strlen(out));
	}
	keep = cols > 3 ? dorn_text_fit(s, len, cols - 3) : 0;
	snprintf(out, n, "%.*s%s", (int)keep, s, cols >= 3 ? "..." : "");
	return dorn_text_width(out, strlen(out));
}

/* Whose it is, in a few words: who it was seized from when that is
 * recorded, else who owns it, so the list shows a third party's item. */
static void whose(const struct dorn_item *it, char *out, size_t n)
{
	char name[96];

	switch (it->seized_from) {
	case DORN_FROM_DEFENDANT:
		snprintf(out, n, "from the defendant");
		return;
	case DORN_FROM_OTHER:
		fit(it->seized_from_name[0] ? it->seized_from_name : "another person",
		    IV_ITEM_NAME_COLS, name, sizeof name);
		snprintf(out, n, "from %s", name);
		return;
	case DORN_FROM_NOT_SEIZED:
		snprintf(out, n, "%s", it->held_at_arrest == DORN_TRI_YES ?
			 "not seized, held at arrest" : "not seized");
		return;
	}
	switch (it->owner) {
	case DORN_OWNER_DEFENDANT:
		snprintf(out, n, "the defendant's");
		break;
	case DORN_OWNER_SHARED:
		if (!it->owner_detail[0]) {
			snprintf(out, n, "owner: shared");
			break;
		}
		fit(it->owner_detail, IV_ITEM_NAME_COLS, name, sizeof name);
		snprintf(out, n, "shared: %s", name);
		break;
	case DORN_OWNER_THIRD_PARTY:
		fit(it->owner_detail[0] ? it->owner_detail : "someone else", IV_ITEM_NAME_COLS,
		    name, sizeof name);
		snprintf(out, n, "owner: %s", name);
		break;
	default:
		snprintf(out, n, "owner not known");
		break;
	}
}

/* One line of the item list, at most IV_ITEM_LABEL_COLS columns wide:
 * "2. Laptop FN/3 (from Brenda Carver, the...): Grey family laptop...".
 * The position, kind, exhibit and whose it is come first; the description
 * takes what room is left, cut by display width. */
void iv_item_label(const struct dorn_item *it, char *out, size_t n)
{
	const struct dorn_field *f = dorn_field_find(DORN_PART_ITEM, "kind");
	const char *kind = it->kind >= 0 && f ? dorn_option_label(f, it->kind) : "";
	char head[160], exhibit[64], who[160], whole[160], desc[520], line[1024];
	size_t used, room;

	if (!*kind)
		kind = "item";
	fit(it->exhibit_ref, IV_ITEM_EXHIBIT_COLS, exhibit, sizeof exhibit);
	snprintf(head, sizeof head, "%d. %c%s%s%s", it->position,
		 *kind >= 'a' && *kind <= 'z' ? *kind - 'a' + 'A' : *kind, kind + 1,
		 *exhibit ? " " : "", exhibit);
	/* whose it is is cut before it is left out: it is what the list is for */
	whose(it, whole, sizeof whole);
	used = dorn_text_width(head, strlen(head)) + 3;
	room = used < IV_ITEM_LABEL_COLS ? IV_ITEM_LABEL_COLS - used : 0;
	used += fit(whole, room, who, sizeof who);
	desc[0] = '\0';
	/* ": " and room for a few characters, or no description at all */
	if (it->description[0] && used + 2 + 6 <= IV_ITEM_LABEL_COLS)
		fit(it->description, IV_ITEM_LABEL_COLS - used - 2, desc, sizeof desc);
	snprintf(line, sizeof line, "%s (%s)%s%s", head, who, *desc ? ": " : "", desc);
	fit(line, IV_ITEM_LABEL_COLS, out, n);
}

/* The description's label fits the kind: an account has no make, model
 * or colour. */
static void relabel(struct ui_form *fm)
{
	const struct dorn_item *it = fm->base;
	size_t i;

	for (i = 0; i < fm->n; i++)
		if (fm->own[i].key && !strcmp(fm->own[i].key, "description"))
			fm->own[i].label = it->kind == DORN_KIND_CLOUD ?
						   "Description (what the account is)" :
						   dorn_field_find(DORN_PART_ITEM, "description")->label;
}

/* The field holds something: a text, a tick, a value, or a choice other
 * than the first ("not known"). */
static int holds(const struct ui_field *f, const struct dorn_item *it)
{
	const struct dorn_field *d = dorn_field_find(DORN_PART_ITEM, f->key);
	const void *at = d ? dorn_field_cat(d, NULL, it) : NULL;

	if (!at)
		return 0;
	if (d->type == DORN_FT_CHOICE)
		return *(const int *)at != 0;
	return !dorn_field_empty(d, at);
}

/* The kind changed: the fields that do not fit it are hidden. What they
 * hold is kept (and shown again when the kind changes back): say so, so
 * nothing disappears without a word. */
static void kind_changed(struct ui_form *fm, size_t i)
{
	const struct dorn_item *it = fm->base;
	const struct dorn_field *kf = dorn_field_find(DORN_PART_ITEM, fm->f[i].key);
	struct iv *v = fm->ctx;
	int n = 0;

	relabel(fm);
	for (size_t k = 0; k < fm->n; k++)
		if (fm->f[k].key && !ui_form_shown(fm, k) && holds(&fm->f[k], it))
			n++;
	if (n)
		iv_message(v, "%d field%s that do%s not fit the kind (%s) %s hidden: what %s "
			   "is kept, and shows again if the kind changes back.", n,
			   n == 1 ? "" : "s", n == 1 ? "es" : "",
			   kf ? dorn_option_label(kf, it->kind) : "",
			   n == 1 ? "is" : "are", n == 1 ? "it holds" : "they hold");
}

/* What the item still lacks, in a few words each, from the problems the
 * rules found for it ("exhibit, seized from"); "" when nothing. */
static const char *const lacks[] = {
	[DORN_MISSING_EXHIBIT] = "exhibit",
	[DORN_MISSING_LIMB] = "seized from",
	[DORN_MISSING_USE] = "how used",
	[DORN_MISSING_SEIZED_FROM_NAME] = "seized from whom",
	[DORN_MISSING_FORENSIC] = "forensic report",
	[DORN_MISSING_SEIZED_WHERE] = "where seized",
	[DORN_MISSING_SEIZED_DATE] = "when seized",
	[DORN_MISSING_SEIZED_POWER] = "power",
	[DORN_MISSING_NOW_WHERE] = "where it is now",
	[DORN_MISSING_VALUE] = "value",
	[DORN_MISSING_VALUE_BASIS] = "value basis",
	[DORN_MISSING_THIRD_PARTY] = "third party",
	[DORN_MISSING_THIRD_PARTY_TOLD] = "third party told",
	[DORN_MISSING_THIRD_PARTY_KNEW] = "third party knew",
	[DORN_MISSING_LAWFUL_DATA] = "lawful data",
	[DORN_MISSING_ACCOUNT] = "platform or identifier",
	[DORN_MISSING_REQUEST] = "request to the platform",
};

static void item_needs(const struct dorn_assessment *a, int position, char *out, size_t n)
{
	size_t used = 0, i;
	int w;

	if (n)
		out[0] = '\0';
	for (i = 0; a && i < a->nproblems && used < n; i++) {
		const struct dorn_problem *p = &a->problems[i];

		if (p->item != position || p->code < 0 ||
		    (size_t)p->code >= sizeof lacks / sizeof lacks[0] || !lacks[p->code])
			continue;
		w = snprintf(out + used, n - used, "%s%s", used ? ", " : "needs: ",
			     lacks[p->code]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static size_t items_count(void *ctx)
{
	const struct iv *v = ctx;

	return v->c->nitems;
}

/* The label, and under it what the item still lacks, cut to the list's
 * width with a marker. */
static void items_label(void *ctx, size_t i, char *out, size_t n)
{
	const struct iv *v = ctx;
	char label[512], needs[512], cut[512];

	iv_item_label(&v->c->items[i], label, sizeof label);
	item_needs(v->a, v->c->items[i].position, needs, sizeof needs);
	if (!needs[0]) {
		snprintf(out, n, "%s", label);
		return;
	}
	fit(needs, IV_ITEM_LABEL_COLS, cut, sizeof cut);
	snprintf(out, n, "%s\n%s", label, cut);
}

static int items_checked(void *ctx, size_t i)
{
	(void)ctx;
	(void)i;
	return -1;
}

const struct ui_list_ops iv_items_list = {
	items_count, items_label, items_checked, NULL,
	"None yet. Press a to add a device or account.",
};

int iv_item_open(struct iv *v, int index)
{
	if (index < 0 && v->c->nitems >= DORN_ITEMS_MAX) {
		iv_message(v, "A case holds at most %d items.", DORN_ITEMS_MAX);
		return -1;
	}
	if (index >= (int)v->c->nitems)
		return -1;
	v->item_new = index < 0;
	if (v->item_new) {
		memset(&v->item_work, 0, sizeof v->item_work);
		v->item_work.kind = -1;
		v->item_work.value_estimate = -1;
		v->item_work.position = (int)v->c->nitems + 1;
		index = (int)v->c->nitems;
	} else {
		v->item_work = v->c->items[index];
	}
	ui_form_fini(&v->iform);
	if (ui_form_init(&v->iform, item_fields, NFIELDS, &v->item_work, v, v->app->today)) {
		iv_message(v, "Out of memory: the item could not be opened.");
		return -1;
	}
	relabel(&v->iform);
	v->item = index;
	v->item_asking = 0;
	return 0;
}

/* Close the item form: its valid values go into the case. With invalid
 * values nothing changes unless force (a signal, or after "discard"),
 * which keeps the valid ones. */
int iv_item_close(struct iv *v, int force)
{
	int bad = ui_form_commit(&v->iform);

	if (bad && !force)
		return bad;
	/* A new item nobody typed into is no item. */
	if (!v->item_new || ui_form_touched(&v->iform)) {
		v->c->items[v->item] = v->item_work;
		if (v->item_new) {
			v->c->nitems++;
			v->form.s[v->form.focus].opt = (size_t)v->item;
		}
	}
	ui_form_fini(&v->iform);
	v->item = -1;
	v->item_new = 0;
	v->item_asking = 0;
	return 0;
}

/* The new item is dropped: nothing of it goes into the case. */
static void item_discard(struct iv *v)
{
	ui_form_fini(&v->iform);
	v->item = -1;
	v->item_new = 0;
	v->item_asking = 0;
}

#define KEEP_QUESTION "Keep this new item? y keeps it, n discards it, Esc goes back to it"

/* Leave the item form: its changes go into the case, unless some are not
 * valid (then a question says so). */
static int item_leave(struct iv *v)
{
	int bad = iv_item_close(v, 0);

	if (bad) {
		v->ask = IV_ASK_INVALID;
		v->ask_target = -1;
		snprintf(v->question, sizeof v->question,
			 "%d field%s %s not valid: fix %s, or press d to discard %s "
			 "change%s", bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are",
			 bad == 1 ? "it" : "them", bad == 1 ? "that" : "those",
			 bad == 1 ? "" : "s");
	}
	return UI_RES_NONE;
}

/* The answer to KEEP_QUESTION: y (or Enter) keeps, n discards, Esc goes
 * back to the form; any other key asks again, so nothing is lost to a
 * stray key. */
static int keep_answer(struct iv *v, int act, int key)
{
	int plain = act == UI_ACT_NONE || act == UI_ACT_YES || act == UI_ACT_NO;

	if ((plain && (key == 'y' || key == 'Y')) || act == UI_ACT_OPEN) {
		v->item_asking = 0;
		return item_leave(v);
	}
	if (plain && (key == 'n' || key == 'N')) {
		item_discard(v);
		iv_message(v, "Discarded: the new item is not in the case.");
		return UI_RES_NONE;
	}
	if (act == UI_ACT_BACK) {
		v->item_asking = 0;
		iv_message(v, "Back to the new item: Esc again asks whether to keep it.");
		return UI_RES_NONE;
	}
	iv_message(v, KEEP_QUESTION ".");
	return UI_RES_NONE;
}

int iv_item_key(struct iv *v, int act, int key)
{
	enum ui_form_res r;

	if (v->item_asking)
		return keep_answer(v, act, key);
	if (act == UI_ACT_BACK) {
		/* A new item something was typed into: keep it or not? (One
		 * nobody typed into is no item: it just goes.) An item being
		 * edited keeps its changes. */
		if (v->item_new && ui_form_touched(&v->iform)) {
			v->item_asking = 1;
			iv_message(v, KEEP_QUESTION);
			return UI_RES_NONE;
		}
		return item_leave(v);
	}
	r = ui_form_key(v->u, &v->iform, act, key);
	switch (r) {
	case UI_FORM_DONE:
	case UI_FORM_OUT_PREV:
		return UI_RES_NONE;
	case UI_FORM_OUT_NEXT:
		iv_message(v, v->item_new ? "That was the last field: Esc asks whether to keep "
					    "this new item, then goes back to the list." :
					    "That was the last field: Esc keeps the item and goes "
					    "back to the list.");
		return UI_RES_NONE;
	case UI_FORM_CHOICE_HOW:
	case UI_FORM_ASK: /* no item field is a decision */
		iv_choice_how(v, &v->iform);
		return UI_RES_NONE;
	default:
		break;
	}
	if (act == UI_ACT_NONE && UI_IS_TEXT_KEY(key) && ui_form_mode(&v->iform)) {
		iv_message(v, "This field is full.");
		return UI_RES_NONE;
	}
	return UI_RES_UNUSED;
}

void iv_item_ask_delete(struct iv *v)
{
	size_t i = v->form.s[v->form.focus].opt;

	if (i >= v->c->nitems) {
		iv_message(v, "There is no item to delete.");
		return;
	}
	v->ask = IV_ASK_DELETE;
	v->ask_target = (int)i;
	snprintf(v->question, sizeof v->question, "Delete item %d (%s)? y/N",
		 v->c->items[i].position, dorn_kind_label(v->c->items[i].kind));
}

/* Positions stay 1..n, as the note and the problems number them. */
void iv_item_delete(struct iv *v)
{
	struct dorn_case *c = v->c;
	size_t i = (size_t)v->ask_target, k;

	if (i >= c->nitems)
		return;
	memmove(&c->items[i], &c->items[i + 1], (c->nitems - i - 1) * sizeof c->items[0]);
	c->nitems--;
	memset(&c->items[c->nitems], 0, sizeof c->items[0]);
	for (k = 0; k < c->nitems; k++)
		c->items[k].position = (int)k + 1;
	if (v->form.s[v->form.focus].opt >= c->nitems && c->nitems)
		v->form.s[v->form.focus].opt = c->nitems - 1;
	iv_message(v, "Deleted. It is removed from the case when you leave this step.");
}
