/* Step 5, devices and accounts: the list of items and the form of one
 * item, with every item field. Deleting asks first and the default answer
 * is no. Nothing here asks about what the images show. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/text.h"
#include "interview.h"
#include "ui_priv.h"


/* Every item field of the field table, in the order asked. */
#define ITEM(k, ...) { .part = DORN_PART_ITEM, .key = k, __VA_ARGS__ }
static const struct ui_field item_fields[] = {
	ITEM("kind"),
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
	ITEM("forensic_report"),
	ITEM("images_exhibit"),
	ITEM("value_basis"),
	ITEM("third_party_name", .flags = UI_FF_WIDE),
	ITEM("third_party_contact", .flags = UI_FF_WIDE),
	ITEM("third_party_told"),
	ITEM("third_party_knew"),
	ITEM("lawful_data_what", .flags = UI_FF_WIDE),
	ITEM("lawful_data_for", .flags = UI_FF_WIDE),
	ITEM("now_where", .flags = UI_FF_WIDE),
	ITEM("seizure_asked"),
	ITEM("platform"),
	ITEM("account_id"),
	ITEM("request"),
	ITEM("request_date"),
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

static size_t items_count(void *ctx)
{
	const struct iv *v = ctx;

	return v->c->nitems;
}

static void items_label(void *ctx, size_t i, char *out, size_t n)
{
	const struct iv *v = ctx;

	iv_item_label(&v->c->items[i], out, n);
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
	v->item = index;
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
	return 0;
}

int iv_item_key(struct iv *v, int act, int key)
{
	enum ui_form_res r;
	int bad;

	if (act == UI_ACT_BACK) {
		bad = iv_item_close(v, 0);
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
	r = ui_form_key(v->u, &v->iform, act, key);
	switch (r) {
	case UI_FORM_DONE:
	case UI_FORM_OUT_PREV:
		return UI_RES_NONE;
	case UI_FORM_OUT_NEXT:
		iv_message(v, "That was the last field: Esc keeps the item and goes back to "
			   "the list.");
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
