/* JSON with jansson: the case record, the note, and rows for the lists.
 * Built as jansson values and dumped, never written by hand, so quoting
 * and escaping are always right. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/agenda.h"
#include "dorn/record.h"
#include "dorn/buf.h"
#include "dorn/duties.h"
#include "dorn/err.h"
#include "dorn/fields.h"
#include "dorn/figures.h"
#include "dorn/json.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/order.h"
#include "dorn/rules.h"
#include "dorn/urn.h"

/* jansson's set_new functions take ownership even on failure; a NULL value
 * from a failed allocation makes them fail, which we count. */
struct jb {
	int failed;
};

static void put(struct jb *b, json_t *obj, const char *key, json_t *v)
{
	if (!v || json_object_set_new(obj, key, v) != 0)
		b->failed = 1;
}

static void add(struct jb *b, json_t *arr, json_t *v)
{
	if (!v || json_array_append_new(arr, v) != 0)
		b->failed = 1;
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *names(struct jb *b, const struct dorn_names *t, unsigned bits)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < t->n; i++)
		if (bits & (1u << i))
			add(b, a, json_string(t->words[i]));
	return a;
}

static int dump(json_t *root, struct jb *b, size_t flags, struct dorn_buf *out)
{
	char *text;
	int rc = 0;

	if (!root || b->failed) {
		json_decref(root);
		return DORN_ENOMEM;
	}
	text = json_dumps(root, flags | JSON_PRESERVE_ORDER);
	if (!text || dorn_buf_puts(out, text))
		rc = DORN_ENOMEM;
	free(text);
	json_decref(root);
	return rc;
}

int dorn_json_row(const char *const *keys, const char *const *vals, const int *numeric,
		  size_t n, struct dorn_buf *out)
{
	struct jb b = { 0 };
	json_t *o = json_object();

	for (size_t i = 0; o && i < n; i++) {
		if (numeric && numeric[i])
			put(&b, o, keys[i], *vals[i] ? json_integer(strtoll(vals[i], NULL, 10))
						     : json_null());
		else
			put(&b, o, keys[i], json_string(vals[i]));
	}
	return dump(o, &b, JSON_COMPACT, out);
}

/* One field of the table as JSON: words for choices, an array of words
 * for sets, a number (or null) for pounds, null for an empty date. */
static json_t *field_value(struct jb *b, const struct dorn_field *f, const void *at)
{
	char word[64];

	switch (f->type) {
	case DORN_FT_CHOICE:
		dorn_field_text(f, at, 0, word, sizeof word);
		return json_string(word);
	case DORN_FT_SET:
		return names(b, f->names, *(const unsigned *)at);
	case DORN_FT_POUNDS:
		return *(const long *)at >= 0 ? json_integer(*(const long *)at) : json_null();
	case DORN_FT_DATE:
		return str_or_null(at);
	default:
		return f->flags & DORN_FF_NULL ? str_or_null(at) : json_string(at);
	}
}

/* Every field of part into o, from the part's struct (or the case for the
 * case's own fields). Fields that stay in the unit are left out of what
 * leaves it. */
static void part_fields(struct jb *b, json_t *o, int part, const void *base, int for_export)
{
	for (size_t i = 0; i < dorn_nfields; i++) {
		const struct dorn_field *f = &dorn_fields[i];

		if (f->part != part || f->type == DORN_FT_OFFENCES ||
		    (for_export && (f->flags & DORN_FF_UNIT)))
			continue;
		put(b, o, f->key, field_value(b, f, (const char *)base + f->off));
		if (f->type == DORN_FT_URN) {
			char shown[18];

			dorn_urn_display((const char *)base + f->off, shown);
			put(b, o, "urn_display", json_string(shown));
		}
	}
}

static json_t *part_object(struct jb *b, int part, const void *base, int for_export)
{
	json_t *o = json_object();

	if (o)
		part_fields(b, o, part, base, for_export);
	return o;
}

static json_t *item(struct jb *b, const struct dorn_item *it, int for_export)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	put(b, o, "position", json_integer(it->position));
	part_fields(b, o, DORN_PART_ITEM, it, for_export);
	return o;
}

static json_t *assessment(struct jb *b, const struct dorn_case_view *v,
			  const struct dorn_wording *w)
{
	const struct dorn_assessment *a = &v->a;
	json_t *o = json_object(), *routes = json_array(), *consider = json_array(),
	       *items = json_array(), *problems = json_array();
	struct dorn_buf text;

	if (!o || !routes || !consider || !items || !problems) {
		json_decref(o);
		json_decref(routes);
		json_decref(consider);
		json_decref(items);
		json_decref(problems);
		return NULL;
	}
	if (a->routes & DORN_ROUTE_DEPRIVATION)
		add(b, routes, json_string("deprivation"));
	if (a->routes & DORN_ROUTE_FORFEITURE)
		add(b, routes, json_string("forfeiture-and-destruction"));
	if (a->restraining)
		add(b, consider, json_string("restraining-order"));
	if (a->sexual)
		add(b, consider, json_string("sexual-harm-prevention-order"));
	put(b, o, "routes", routes);
	put(b, o, "child_images", json_boolean(a->child));
	put(b, o, "consent", json_boolean(a->consent));
	put(b, o, "urgent", json_boolean(a->urgent));
	put(b, o, "date_passed", json_boolean(a->passed));
	put(b, o, "sentencing_passed", json_boolean(a->sentencing_passed));
	put(b, o, "before_conviction", json_boolean(a->before_conviction));
	put(b, o, "due_date", str_or_null(a->due_date));
	put(b, o, "due_is", *a->due_date ? json_string(a->due_is_sentencing ? "sentencing"
									     : "next-hearing")
					 : json_null());
	put(b, o, "days_left", *a->due_date ? json_integer(a->days_left) : json_null());
	put(b, o, "consider", consider);
	for (size_t i = 0; i < a->nitems; i++) {
		const struct dorn_item_assessment *ia = &a->items[i];
		json_t *e = json_object();

		if (!e) {
			b->failed = 1;
			break;
		}
		put(b, e, "position", json_integer(ia->position));
		put(b, e, "limb", json_string(dorn_limb_name(ia->limb)));
		put(b, e, "property", json_boolean(ia->property));
		put(b, e, "possession_offence", json_boolean(ia->possession));
		put(b, e, "lawful_data_retrieval", json_boolean(ia->retrieval));
		put(b, e, "third_party", json_boolean(ia->third_party));
		put(b, e, "unexamined", json_boolean(ia->unexamined));
		add(b, items, e);
	}
	put(b, o, "items", items);
	dorn_buf_init(&text);
	for (size_t i = 0; i < a->nproblems; i++) {
		const struct dorn_problem *p = &a->problems[i];
		json_t *e = json_object();

		dorn_buf_reset(&text);
		if (!e || (w && dorn_problem_text(w, v->c, p, 1, &text, NULL))) {
			json_decref(e);
			b->failed = 1;
			break;
		}
		put(b, e, "code", json_string(dorn_problem_name(p->code)));
		put(b, e, "kind", json_string(dorn_problem_is_missing(p->code) ? "missing"
									      : "warning"));
		put(b, e, "item", p->item ? json_integer(p->item) : json_null());
		put(b, e, "step", json_integer(p->step));
		put(b, e, "text", json_string(dorn_buf_str(&text)));
		add(b, problems, e);
	}
	dorn_buf_fini(&text);
	put(b, o, "problems", problems);
	return o;
}

/* The draft order annexed to the note, as data: the orders it drafts, the
 * schedule's rows (the items dorn_order_row puts in it, by position) and
 * the items left out, with why. The same rule as the note's annex. */
static json_t *order_item(struct jb *b, const struct dorn_item *it)
{
	json_t *e = json_object();

	if (!e)
		return NULL;
	put(b, e, "position", json_integer(it->position));
	put(b, e, "exhibit_ref", str_or_null(it->exhibit_ref));
	put(b, e, "kind", json_string(dorn_name(&dorn_kind_names, it->kind)));
	put(b, e, "description", str_or_null(it->description));
	put(b, e, "seized_from", json_string(dorn_name(&dorn_seized_from_names,
							it->seized_from)));
	put(b, e, "seized_from_name", str_or_null(it->seized_from_name));
	put(b, e, "held_at_arrest", json_string(dorn_name(&dorn_tri_names, it->held_at_arrest)));
	return e;
}

static json_t *order(struct jb *b, const struct dorn_case_view *v)
{
	const struct dorn_assessment *a = &v->a;
	json_t *o = json_object(), *orders = json_array(), *rows = json_array(),
	       *out = json_array();
	struct dorn_order_row r;
	int number = 0;

	if (!o || !orders || !rows || !out) {
		json_decref(o);
		json_decref(orders);
		json_decref(rows);
		json_decref(out);
		return NULL;
	}
	add(b, orders, json_string("deprivation"));
	if (a->child)
		add(b, orders, json_string("forfeiture-and-destruction"));
	for (size_t i = 0; i < a->nitems; i++) {
		const struct dorn_item *it = NULL;
		json_t *e, *limbs;

		for (size_t k = 0; k < v->c->nitems && k < DORN_ITEMS_MAX && !it; k++)
			if (v->c->items[k].position == a->items[i].position)
				it = &v->c->items[k];
		if (!it)
			continue;
		e = order_item(b, it);
		if (!e) {
			b->failed = 1;
			break;
		}
		if (!dorn_order_row(it, &a->items[i], &r)) {
			put(b, e, "reason", json_string(dorn_order_why_name(r.why)));
			add(b, out, e);
			continue;
		}
		limbs = json_array();
		if (limbs && (r.limbs & DORN_ORDER_SEIZED))
			add(b, limbs, json_string(dorn_order_limb_name(DORN_ORDER_SEIZED)));
		if (limbs && (r.limbs & DORN_ORDER_HELD))
			add(b, limbs, json_string(dorn_order_limb_name(DORN_ORDER_HELD)));
		if (limbs && !r.limbs)
			add(b, limbs, json_string(dorn_order_limb_name(0)));
		put(b, e, "number", json_integer(++number));
		put(b, e, "limbs", limbs);
		put(b, e, "used", names(b, &dorn_use_names, r.used));
		put(b, e, "possession_offence", json_boolean(r.possession));
		add(b, rows, e);
	}
	put(b, o, "orders", orders);
	put(b, o, "schedule", rows);
	put(b, o, "excluded", out);
	return o;
}

/* Who wrote the version, in the order they first changed it. The reason
 * of each change stays in the audit log: it may hold an officer's words. */
static json_t *authors(struct jb *b, const struct dorn_note *n)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n->nauthors; i++) {
		const struct dorn_note_author *w = &n->authors[i];
		json_t *e = json_object();

		if (!e) {
			b->failed = 1;
			break;
		}
		put(b, e, "login", json_string(w->login));
		put(b, e, "name", json_string(w->name));
		put(b, e, "first_change", json_string(w->first));
		put(b, e, "act", json_string(dorn_author_act_word(w->act)));
		put(b, e, "since_version", json_integer(w->since_version));
		add(b, a, e);
	}
	return a;
}

static json_t *version_meta(struct jb *b, const struct dorn_note *n)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	put(b, o, "version", json_integer(n->version));
	put(b, o, "status", json_string(dorn_note_status_word(n->status)));
	put(b, o, "author", json_string(n->author));
	put(b, o, "author_name", json_string(n->author_name));
	put(b, o, "authors", authors(b, n));
	put(b, o, "created", json_string(n->created));
	put(b, o, "submitted", str_or_null(n->submitted));
	put(b, o, "reviewer", str_or_null(n->reviewer));
	put(b, o, "reviewer_name", str_or_null(n->reviewer_name));
	put(b, o, "reviewed", str_or_null(n->reviewed));
	put(b, o, "review_comment", str_or_null(n->comment));
	return o;
}

static json_t *note_meta(struct jb *b, const struct dorn_case_view *v)
{
	return v->has_note ? version_meta(b, &v->note) : json_null();
}

static json_t *versions(struct jb *b, const struct dorn_case_view *v)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < v->nversions; i++)
		add(b, a, version_meta(b, &v->versions[i]));
	return a;
}

int dorn_json_case(const struct dorn_case_view *v, const struct dorn_offences *off,
		   const struct dorn_wording *w, int for_export, const char *audit_head,
		   struct dorn_buf *out)
{
	const struct dorn_case *c = v->c;
	struct jb b = { 0 };
	json_t *o = json_object(), *offs = json_array(), *items = json_array();
	int rc;

	if (!o || !offs || !items) {
		json_decref(offs);
		json_decref(items);
		json_decref(o);
		return DORN_ENOMEM;
	}
	put(&b, o, "schema", json_integer(DORN_JSON_SCHEMA));
	if (audit_head)
		put(&b, o, "audit_head", json_string(audit_head));
	part_fields(&b, o, DORN_PART_CASE, c, for_export);
	put(&b, o, "record_version", json_integer(c->version));
	put(&b, o, "updated", json_string(c->updated));
	put(&b, o, "updated_by", json_string(c->updated_by));
	for (size_t i = 0; i < c->noffences; i++) {
		const struct dorn_offence *of = dorn_offence_find(off, c->offences[i]);
		json_t *e = json_object();

		if (!e) {
			b.failed = 1;
			break;
		}
		put(&b, e, "code", json_string(c->offences[i]));
		put(&b, e, "statute", of ? json_string(of->statute) : json_null());
		put(&b, e, "title", of ? json_string(of->title) : json_null());
		add(&b, offs, e);
	}
	put(&b, o, "offences", offs);
	put(&b, o, "victim", part_object(&b, DORN_PART_VICTIM, &c->victim, for_export));
	put(&b, o, "concern", part_object(&b, DORN_PART_CONCERN, &c->concern, for_export));
	for (size_t i = 0; i < c->nitems; i++)
		add(&b, items, item(&b, &c->items[i], for_export));
	put(&b, o, "items", items);
	put(&b, o, "outcome", part_object(&b, DORN_PART_OUTCOME, &c->outcome, for_export));
	put(&b, o, "assessment", assessment(&b, v, w));
	put(&b, o, "order", order(&b, v));
	put(&b, o, "note", note_meta(&b, v));
	put(&b, o, "versions", versions(&b, v));
	rc = dump(o, &b, JSON_INDENT(2), out);
	if (!rc)
		rc = dorn_buf_putc(out, '\n');
	return rc;
}

int dorn_json_note(const struct dorn_case_view *v, struct dorn_buf *out)
{
	struct jb b = { 0 };
	json_t *o = json_object();
	char shown[18];
	int rc;

	if (!o)
		return DORN_ENOMEM;
	dorn_urn_display(v->c->urn, shown);
	put(&b, o, "schema", json_integer(DORN_JSON_SCHEMA));
	put(&b, o, "urn", json_string(v->c->urn));
	put(&b, o, "urn_display", json_string(shown));
	put(&b, o, "urgent", json_boolean(v->a.urgent));
	put(&b, o, "note", note_meta(&b, v));
	put(&b, o, "body", json_string(v->has_note && v->note.body ? v->note.body : ""));
	rc = dump(o, &b, JSON_INDENT(2), out);
	if (!rc)
		rc = dorn_buf_putc(out, '\n');
	return rc;
}

static json_t *date_or_null(long day)
{
	struct dorn_date d;
	char iso[11];

	if (day < 0)
		return json_null();
	dorn_date_from_days(day, &d);
	dorn_date_iso(&d, iso);
	return json_string(iso);
}

static json_t *duty(struct jb *b, const struct dorn_duty *d)
{
	json_t *o = json_object();
	char shown[18];

	if (!o)
		return NULL;
	dorn_urn_display(d->urn, shown);
	put(b, o, "kind", json_string(dorn_duty_key(d->kind)));
	put(b, o, "label", json_string(dorn_duty_label(d->kind)));
	put(b, o, "for", json_string(dorn_role_word(d->role)));
	put(b, o, "urn", json_string(d->urn));
	put(b, o, "urn_display", json_string(shown));
	put(b, o, "date", date_or_null(d->day));
	put(b, o, "days_left", d->day >= 0 ? json_integer(d->days_left) : json_null());
	put(b, o, "note_version", d->version ? json_integer(d->version) : json_null());
	put(b, o, "text", json_string(d->text));
	return o;
}

int dorn_json_agenda(const struct dorn_agenda *a, struct dorn_buf *out)
{
	struct jb b = { 0 };
	json_t *o = json_object(), *list = json_array();
	int rc;

	if (!o || !list) {
		json_decref(list);
		json_decref(o);
		return DORN_ENOMEM;
	}
	put(&b, o, "schema", json_integer(DORN_JSON_SCHEMA));
	put(&b, o, "today", date_or_null(a->today));
	put(&b, o, "whose", json_string(a->everyone ? "unit" : "own"));
	put(&b, o, "role", json_string(dorn_role_word(a->role)));
	put(&b, o, "cases", json_integer((json_int_t)a->cases));
	for (size_t i = 0; i < a->n; i++)
		add(&b, list, duty(&b, &a->v[i]));
	put(&b, o, "duties", list);
	rc = dump(o, &b, JSON_INDENT(2), out);
	if (!rc)
		rc = dorn_buf_putc(out, '\n');
	return rc;
}

int dorn_json_audit_head(const char *text, size_t n, char *out, size_t size)
{
	json_t *root = json_loadb(text, n, 0, NULL);
	json_t *v = json_is_object(root) ? json_object_get(root, "audit_head") : NULL;
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	int found = s && strlen(s) < size;

	if (found)
		memcpy(out, s, strlen(s) + 1);
	json_decref(root);
	return found;
}

/* ---- the unit's figures ---- */

/* Counts, rates and medians of a set. What is hidden is null, and its key
 * is in the set's "suppressed" list, so a consumer can tell a hidden count
 * from one that is not known (a rate without a denominator, a median of
 * no case: null too, but not listed). */
static json_t *figure_set(struct jb *b, const struct dorn_fig_set *s, int below)
{
	json_t *o = json_object(), *hidden = json_array();
	char key[80];
	long num, den, p;

	if (!o || !hidden) {
		json_decref(o);
		json_decref(hidden);
		b->failed = 1;
		return NULL;
	}
	put(b, o, "key", json_string(s->key));
	put(b, o, "label", json_string(s->label));
	if (s->name[0])
		put(b, o, "name", json_string(s->name));
	for (int c = 0; c < DORN_FC__COUNT; c++) {
		int h = dorn_fig_count_hidden(s->n[c], below);

		put(b, o, dorn_fig_counts[c].key, h ? json_null() : json_integer(s->n[c]));
		if (h)
			add(b, hidden, json_string(dorn_fig_counts[c].key));
	}
	for (int r = 0; r < DORN_FR__COUNT; r++) {
		int h = dorn_fig_rate_hidden(s, r, below);

		p = dorn_fig_rate(s, r, &num, &den);
		put(b, o, dorn_fig_rates[r].key, p < 0 || h ? json_null() : json_real(p / 10.0));
		if (h && p >= 0)
			add(b, hidden, json_string(dorn_fig_rates[r].key));
	}
	for (int d = 0; d < DORN_FD__COUNT; d++) {
		int h = dorn_fig_days_hidden(s, d, below);

		snprintf(key, sizeof key, "median_%s", dorn_fig_days[d].key);
		put(b, o, key, !s->nvalues[d] || h ? json_null() : json_real(s->median2[d] / 2.0));
		if (h)
			add(b, hidden, json_string(key));
		snprintf(key, sizeof key, "n_%s", dorn_fig_days[d].key);
		put(b, o, key, h ? json_null() : json_integer(s->nvalues[d]));
		if (h)
			add(b, hidden, json_string(key));
	}
	put(b, o, "suppressed", hidden);
	return o;
}

int dorn_json_figures(const struct dorn_figures *f, int below, struct dorn_buf *out)
{
	const struct dorn_fig_baseline *bl = &f->baseline;
	struct jb b = { 0 };
	json_t *o = json_object(), *groups = json_array(), *base = json_object();
	long p;
	int rc;

	if (!o || !groups || !base) {
		json_decref(o);
		json_decref(groups);
		json_decref(base);
		return DORN_ENOMEM;
	}
	put(&b, o, "schema", json_integer(DORN_JSON_SCHEMA));
	put(&b, o, "from", str_or_null(f->from));
	put(&b, o, "to", str_or_null(f->to));
	put(&b, o, "today", str_or_null(f->today));
	put(&b, o, "by", f->by ? json_string(dorn_fig_by_word(f->by)) : json_null());
	put(&b, o, "suppress_below", json_integer(below > 1 ? below : 0));
	put(&b, base, "label", json_string(bl->label));
	put(&b, base, "cases_made", json_integer(bl->made));
	put(&b, base, "outcome", json_integer(bl->of));
	p = dorn_fig_permille(bl->made, bl->of);
	put(&b, base, "pct_made_of_outcomes", p < 0 ? json_null() : json_real(p / 10.0));
	put(&b, base, "source", json_string(bl->source));
	put(&b, o, "baseline", base);
	put(&b, o, "all", figure_set(&b, &f->all, below));
	for (size_t g = 0; g < f->ngroups; g++)
		add(&b, groups, figure_set(&b, &f->groups[g], below));
	put(&b, o, "groups", groups);
	rc = dump(o, &b, JSON_INDENT(2) | JSON_REAL_PRECISION(15), out);
	if (!rc)
		rc = dorn_buf_putc(out, '\n');
	return rc;
}

static const char *const tell_words[] = { "none", "open", "done", "not_told" };

int dorn_json_outcome(const struct dorn_case *c, const struct dorn_outcome_state *s,
		      const struct dorn_scripts *sc, long today, struct dorn_buf *out)
{
	struct jb b = { 0 };
	json_t *o = json_object(), *items = json_array(), *missing = json_array(),
	       *tell = json_object(), *scripts = json_array();
	int under18 = c->victim.under_18_now == DORN_TRI_YES;
	struct dorn_buf m;
	char shown[18];
	int rc;

	if (!o || !items || !missing || !tell || !scripts) {
		json_decref(o);
		json_decref(items);
		json_decref(missing);
		json_decref(tell);
		json_decref(scripts);
		return DORN_ENOMEM;
	}
	dorn_urn_display(c->urn, shown);
	put(&b, o, "schema", json_integer(DORN_JSON_SCHEMA));
	put(&b, o, "urn", json_string(c->urn));
	put(&b, o, "urn_display", json_string(shown));
	put(&b, o, "outcome_version", json_integer(c->outcome_version));
	put(&b, o, "recorded", json_boolean(s->recorded));
	put(&b, o, "complete", json_boolean(s->complete));
	part_fields(&b, o, DORN_PART_OUTCOME, &c->outcome, 0);
	for (size_t i = 0; i < c->nitems; i++) {
		const struct dorn_item *it = &c->items[i];
		int r = dorn_result_key(it->result) ? it->result : DORN_RESULT_NONE;
		json_t *e = json_object();

		if (!e) {
			b.failed = 1;
			break;
		}
		put(&b, e, "position", json_integer(it->position));
		put(&b, e, "kind", it->kind >= 0 ? json_string(dorn_name(&dorn_kind_names, it->kind))
						 : json_null());
		put(&b, e, "description", json_string(it->description));
		put(&b, e, "exhibit_ref", str_or_null(it->exhibit_ref));
		put(&b, e, "result", json_string(dorn_result_key(r)));
		put(&b, e, "result_label", json_string(dorn_result_label(r)));
		put(&b, e, "result_reason", json_string(it->result_reason));
		put(&b, e, "result_next", json_string(it->result_next));
		add(&b, items, e);
	}
	put(&b, o, "items", items);
	/* What is still needed, one line each, without the list's dash. */
	dorn_buf_init(&m);
	if (dorn_outcome_missing(c, &m))
		b.failed = 1;
	for (char *p = m.p; p && *p;) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = '\0';
		add(&b, missing, json_string(p + (strncmp(p, "- ", 2) == 0 ? 2 : 0)));
		p = nl ? nl + 1 : p + strlen(p);
	}
	dorn_buf_fini(&m);
	put(&b, o, "missing", missing);
	put(&b, tell, "state", json_string(tell_words[s->tell >= 0 && s->tell < 4 ? s->tell : 0]));
	put(&b, tell, "due", date_or_null(s->due));
	put(&b, tell, "days_left", s->due >= 0 ? json_integer(s->due - today) : json_null());
	put(&b, tell, "overdue", json_boolean(s->overdue));
	put(&b, tell, "overdue_since", date_or_null(s->overdue ? s->due + 1 : -1));
	put(&b, tell, "holidays_unknown", json_boolean(s->uncovered));
	put(&b, tell, "outcome_contact", str_or_null(c->victim.outcome_contact));
	put(&b, tell, "under_18_now", json_string(dorn_name(&dorn_tri_names,
							       c->victim.under_18_now)));
	put(&b, o, "tell", tell);
	for (int r = DORN_RESULT_NONE + 1; r < DORN_RESULT__COUNT; r++) {
		const char *text = (s->results & (1u << r)) ? dorn_script(sc, r, under18) : NULL;
		json_t *e;

		if (!text)
			continue;
		e = json_object();
		if (!e) {
			b.failed = 1;
			break;
		}
		put(&b, e, "result", json_string(dorn_result_key(r)));
		put(&b, e, "for", json_string(under18 ? "child" : "adult"));
		put(&b, e, "text", json_string(text));
		add(&b, scripts, e);
	}
	put(&b, o, "scripts", scripts);
	rc = dump(o, &b, JSON_INDENT(2), out);
	if (!rc)
		rc = dorn_buf_putc(out, '\n');
	return rc;
}
