/* Building the note: the case's facts and the assessment become named
 * values for the template (data/templates/note.txt), which holds the
 * words. Nothing here decides the law; rules.c does, and the data files
 * say it. */
#include <stdio.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/tmpl.h"
#include "dorn/urn.h"

static const char *const kind_labels[] = {
	"Phone", "Laptop", "Tablet", "Camera",
	"Storage (memory card, USB stick or drive)", "Online (cloud) account", "Other",
};

const char *dorn_kind_label(int kind)
{
	if (kind < 0 || (size_t)kind >= sizeof kind_labels / sizeof kind_labels[0])
		return "Item";
	return kind_labels[kind];
}

/* The same, short enough for the middle of a sentence. */
static const char *const kind_short[] = {
	"phone", "laptop", "tablet", "camera", "storage card or drive", "online account",
	"item",
};

/* The fears in the words of the interview: one table, the field's. */
const char *dorn_fear_label(unsigned bit)
{
	const struct dorn_field *f = dorn_field_find(DORN_PART_CONCERN, "fears");

	return f ? dorn_option_label(f, (int)bit) : "";
}

/* Verbs for how an item was used, in the order of enum dorn_use. */
static const char *const use_verbs[] = { "take", "store", "send", "threaten to share" };

void dorn_wording_fini(struct dorn_wording *w)
{
	if (!w)
		return;
	for (int i = 0; i < DORN_PROBLEM__COUNT; i++) {
		dorn_tmpl_free(w->note[i]);
		dorn_tmpl_free(w->screen[i]);
		w->note[i] = w->screen[i] = NULL;
	}
}

static const struct dorn_item *find_item(const struct dorn_case *c, int position)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].position == position)
			return &c->items[i];
	return NULL;
}

int dorn_problem_text(const struct dorn_wording *w, const struct dorn_case *c,
		      const struct dorn_problem *p, int screen, struct dorn_buf *out,
		      struct dorn_err *err)
{
	const struct dorn_tmpl *t;
	const struct dorn_item *it = p->item ? find_item(c, p->item) : NULL;
	struct dorn_tctx *ctx;
	int rc;

	if (p->code < 0 || p->code >= DORN_PROBLEM__COUNT)
		return dorn_err_set(err, DORN_EINTERNAL, "unknown problem code %d", p->code);
	t = screen ? w->screen[p->code] : w->note[p->code];
	if (!t)
		return dorn_buf_puts(out, dorn_problem_name(p->code));
	ctx = dorn_tctx_new();
	if (!ctx)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	rc = dorn_tctx_setf(ctx, "item", "%d", p->item);
	if (!rc) {
		const char *kind = "";

		if (it && it->kind >= 0 && (size_t)it->kind < sizeof kind_short / sizeof kind_short[0])
			kind = kind_short[it->kind];
		rc = dorn_tctx_set(ctx, "kind", kind);
	}
	if (rc)
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	else
		rc = dorn_tmpl_render(t, ctx, out, err);
	dorn_tctx_free(ctx);
	return rc;
}

/* Split text on newlines into a list of {{.}} lines. */
static int lines(struct dorn_tctx *ctx, const char *name, const char *text)
{
	char line[DORN_LONG_MAX + 1];
	const char *p = text;
	struct dorn_tctx *el;
	size_t n;

	if (!*text)
		return dorn_tctx_list(ctx, name);
	while (1) {
		n = strcspn(p, "\n");
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		el = dorn_tctx_add(ctx, name);
		if (!el || dorn_tctx_set(el, ".", line))
			return DORN_ENOMEM;
		p += strcspn(p, "\n");
		if (!*p)
			break;
		p++;
	}
	return 0;
}

static int set_or(struct dorn_tctx *ctx, const char *name, const char *v, const char *none)
{
	return dorn_tctx_set(ctx, name, v && *v ? v : none);
}

void dorn_use_text(unsigned used, char *out, size_t n)
{
	size_t count = 0, seen = 0, w = 0;

	for (size_t i = 0; i < 4; i++)
		count += (used >> i) & 1;
	out[0] = '\0';
	for (size_t i = 0; i < 4 && w < n; i++) {
		if (!(used & (1u << i)))
			continue;
		seen++;
		w += (size_t)snprintf(out + w, n - w, "%s%s", seen == 1 ? "" :
				      seen == count ? " and " : ", ", use_verbs[i]);
	}
	if (w < n)
		snprintf(out + w, n - w, " the images");
}

static void owner_text(const struct dorn_item *it, char *out, size_t n)
{
	const char *d = it->owner_detail;

	switch (it->owner) {
	case DORN_OWNER_DEFENDANT:
		snprintf(out, n, "the defendant");
		break;
	case DORN_OWNER_SHARED:
		snprintf(out, n, "shared%s%s", *d ? ": " : "", d);
		break;
	case DORN_OWNER_THIRD_PARTY:
		snprintf(out, n, "someone other than the defendant%s%s", *d ? ": " : "", d);
		break;
	default:
		snprintf(out, n, "not known");
		break;
	}
}

static int item_warnings(struct dorn_tctx *el, const struct dorn_wording *w,
			 const struct dorn_case *c, const struct dorn_assessment *a,
			 int position, struct dorn_buf *tmp, struct dorn_err *err)
{
	struct dorn_tctx *wl;
	int rc = dorn_tctx_list(el, "warnings");

	for (size_t i = 0; !rc && i < a->nproblems; i++) {
		const struct dorn_problem *p = &a->problems[i];

		if (p->item != position || dorn_problem_is_missing(p->code))
			continue;
		dorn_buf_reset(tmp);
		rc = dorn_problem_text(w, c, p, 0, tmp, err);
		if (rc)
			return rc;
		wl = dorn_tctx_add(el, "warnings");
		if (!wl || dorn_tctx_set(wl, "text", dorn_buf_str(tmp)))
			rc = DORN_ENOMEM;
	}
	return rc;
}

/* Every field of a part that may leave the unit, as a person reads it,
 * in a record named after the part ({{victim.reference}}, and inside
 * {{#items}}, {{item.exhibit_ref}}): the field table is the list. Fields
 * that stay in the unit are never set, so no template can print them. */
static int part_record(struct dorn_tctx *ctx, int part, const struct dorn_case *c,
		       const struct dorn_item *it)
{
	struct dorn_tctx *rec = dorn_tctx_add(ctx, dorn_part_name(part));
	char value[DORN_LONG_MAX + 64], d[32];

	if (!rec)
		return DORN_ENOMEM;
	for (size_t i = 0; i < dorn_nfields; i++) {
		const struct dorn_field *f = &dorn_fields[i];
		const void *at;

		if (f->part != part || (f->flags & DORN_FF_UNIT))
			continue;
		at = dorn_field_cat(f, c, it);
		if (f->type == DORN_FT_DATE) {
			dorn_date_long(at, d);
			snprintf(value, sizeof value, "%s", d);
		} else {
			dorn_field_text(f, at, 1, value, sizeof value);
		}
		if (dorn_tctx_set(rec, f->key, value))
			return DORN_ENOMEM;
	}
	return 0;
}

static int tri_flags(struct dorn_tctx *el, const char *name, int v)
{
	char n[64];
	int rc;

	snprintf(n, sizeof n, "%s_yes", name);
	rc = dorn_tctx_flag(el, n, v == DORN_TRI_YES);
	snprintf(n, sizeof n, "%s_no", name);
	rc = rc || dorn_tctx_flag(el, n, v == DORN_TRI_NO);
	snprintf(n, sizeof n, "%s_unknown", name);
	return rc || dorn_tctx_flag(el, n, v != DORN_TRI_YES && v != DORN_TRI_NO);
}

/* The flags that say which recorded fact drives each sentence of an
 * item's block; the texts are in the item record ({{item.seized_where}}). */
static int item_facts(struct dorn_tctx *el, const struct dorn_case *c,
		      const struct dorn_item *it, const struct dorn_item_assessment *ia)
{
	const struct dorn_field *basis = dorn_field_find(DORN_PART_ITEM, "value_basis");
	const struct dorn_field *req = dorn_field_find(DORN_PART_ITEM, "request");
	char d[32];
	int from = it->seized_from;
	int rc;

	rc = dorn_tctx_flag(el, "limb_seized", ia->limb == DORN_LIMB_SEIZED) ||
	     dorn_tctx_flag(el, "limb_held", ia->limb == DORN_LIMB_HELD) ||
	     dorn_tctx_flag(el, "limb_other", ia->limb == DORN_LIMB_SEIZED_OTHER) ||
	     dorn_tctx_flag(el, "limb_unknown", ia->limb == DORN_LIMB_UNKNOWN) ||
	     dorn_tctx_flag(el, "from_defendant", from == DORN_FROM_DEFENDANT) ||
	     dorn_tctx_flag(el, "from_other", from == DORN_FROM_OTHER) ||
	     dorn_tctx_flag(el, "not_seized", from == DORN_FROM_NOT_SEIZED) ||
	     /* "seized: yes" from before seized_from was asked: from whom is not known */
	     dorn_tctx_flag(el, "seized_whom_unknown", from == DORN_FROM_UNKNOWN &&
			    it->seized == DORN_TRI_YES) ||
	     dorn_tctx_flag(el, "seized_unknown", from == DORN_FROM_UNKNOWN &&
			    it->seized != DORN_TRI_YES) ||
	     dorn_tctx_flag(el, "seizure_details", it->seized_where[0] || it->seized_date[0] ||
			    it->seized_power[0]) ||
	     tri_flags(el, "held_at_arrest", it->held_at_arrest) ||
	     tri_flags(el, "seizure_asked", it->seizure_asked) ||
	     tri_flags(el, "tp_told", it->third_party_told) ||
	     tri_flags(el, "tp_knew", it->third_party_knew) ||
	     tri_flags(el, "examined", it->examined) ||
	     dorn_tctx_flag(el, "forensic", it->forensic_report[0] || it->images_exhibit[0]) ||
	     dorn_tctx_set(el, "value_basis", it->value_basis != DORN_BASIS_UNKNOWN && basis
						      ? dorn_option_label(basis, it->value_basis)
						      : "") ||
	     dorn_tctx_flag(el, "request_unknown", it->request == DORN_REQUEST_UNKNOWN) ||
	     dorn_tctx_flag(el, "request_none", it->request == DORN_REQUEST_NONE) ||
	     dorn_tctx_set(el, "request", it->request != DORN_REQUEST_UNKNOWN &&
			   it->request != DORN_REQUEST_NONE && req
			   ? dorn_option_label(req, it->request) : "");
	if (rc)
		return DORN_ENOMEM;
	/* The arrest or summons, for "when they were arrested on ...". */
	dorn_date_long(c->arrest_date, d);
	return dorn_tctx_set(el, "arrest_when", d) ||
	       dorn_tctx_set(el, "arrest_word", c->charged_by == DORN_CHARGED_ARREST ? "arrested"
					       : c->charged_by == DORN_CHARGED_SUMMONS ? "summonsed"
					       : "arrested or summonsed") ? DORN_ENOMEM : 0;
}

static int items(struct dorn_tctx *ctx, const struct dorn_wording *w,
		 const struct dorn_case *c, const struct dorn_assessment *a,
		 struct dorn_buf *tmp, struct dorn_err *err)
{
	char text[DORN_SHORT_MAX + 64];
	int rc = dorn_tctx_list(ctx, "items");

	for (size_t i = 0; !rc && i < c->nitems && i < a->nitems; i++) {
		const struct dorn_item *it = &c->items[i];
		const struct dorn_item_assessment *ia = &a->items[i];
		struct dorn_tctx *el = dorn_tctx_add(ctx, "items");

		if (!el || part_record(el, DORN_PART_ITEM, c, it))
			return DORN_ENOMEM;
		rc = dorn_tctx_setf(el, "position", "%d", it->position) ||
		     dorn_tctx_set(el, "kind", dorn_kind_label(it->kind)) ||
		     dorn_tctx_set(el, "description", it->description) ||
		     set_or(el, "exhibit", it->exhibit_ref, "none recorded") ||
		     item_facts(el, c, it, ia) ||
		     dorn_tctx_flag(el, "property", ia->property) ||
		     dorn_tctx_flag(el, "used", ia->used && ia->property) ||
		     dorn_tctx_flag(el, "possession", ia->possession && ia->property) ||
		     dorn_tctx_flag(el, "retrieval", ia->retrieval && ia->property) ||
		     dorn_tctx_flag(el, "third_party", ia->third_party && ia->property) ||
		     dorn_tctx_flag(el, "unexamined", ia->unexamined && ia->property) ||
		     dorn_tctx_set(el, "effect", it->effect);
		if (rc)
			return DORN_ENOMEM;
		dorn_use_text(ia->used, text, sizeof text);
		owner_text(it, text + 100, sizeof text - 100);
		if (dorn_tctx_set(el, "use_text", text) ||
		    dorn_tctx_set(el, "owner_text", text + 100))
			return DORN_ENOMEM;
		if (ia->value_known)
			rc = dorn_tctx_setf(el, "value", "£%ld", it->value_estimate);
		else
			rc = dorn_tctx_set(el, "value", "not known");
		if (rc)
			return DORN_ENOMEM;
		rc = item_warnings(el, w, c, a, it->position, tmp, err);
	}
	return rc;
}

/* The fears the victim gave, in the interview's words, as one phrase:
 * "that ...; that ...; and contact from the defendant". "" when none was
 * recorded, so the note never names a fear that was not given. */
static int fears_text(struct dorn_tctx *ctx, const struct dorn_concern *k)
{
	char text[1024];
	size_t w = 0, count = 0, seen = 0;

	for (unsigned bit = 1; bit < DORN_FEAR_OTHER; bit <<= 1)
		count += (k->fears & bit) != 0;
	text[0] = '\0';
	for (unsigned bit = 1; bit < DORN_FEAR_OTHER && w < sizeof text; bit <<= 1) {
		if (!(k->fears & bit))
			continue;
		seen++;
		w += (size_t)snprintf(text + w, sizeof text - w, "%s%s",
				      seen == 1 ? "" : seen == count ? "; and " : "; ",
				      dorn_fear_label(bit));
	}
	return dorn_tctx_set(ctx, "fears_text", text);
}

static int victim(struct dorn_tctx *ctx, const struct dorn_case *c)
{
	const struct dorn_concern *k = &c->concern;
	char when[32];
	struct dorn_tctx *el;
	int rc;

	dorn_date_long(c->victim.consent_date, when);
	rc = set_or(ctx, "victim_ref", c->victim.reference, "reference not recorded") ||
	     dorn_tctx_set(ctx, "victim_name", c->victim.name) ||
	     set_or(ctx, "consent_date", when, "a date not recorded") ||
	     dorn_tctx_list(ctx, "fears") ||
	     dorn_tctx_set(ctx, "fear_other", (k->fears & DORN_FEAR_OTHER) ? k->fear_other : "");
	for (unsigned bit = 1; !rc && bit < DORN_FEAR_OTHER; bit <<= 1) {
		if (!(k->fears & bit))
			continue;
		el = dorn_tctx_add(ctx, "fears");
		rc = !el || dorn_tctx_set(el, ".", dorn_fear_label(bit));
	}
	if (!rc)
		rc = fears_text(ctx, k);
	if (!rc)
		rc = lines(ctx, "words", k->victim_words) || lines(ctx, "impact", k->impact) ||
		     lines(ctx, "ro_views", c->victim.ro_views) ||
		     dorn_tctx_flag(ctx, "has_ro_views", *c->victim.ro_views != '\0') ||
		     tri_flags(ctx, "vps", c->victim.vps) ||
		     dorn_tctx_flag(ctx, "under_18_then", c->victim.under_18 == DORN_TRI_YES) ||
		     dorn_tctx_flag(ctx, "has_fears", k->fears != 0) ||
		     dorn_tctx_flag(ctx, "has_words", *k->victim_words != '\0') ||
		     dorn_tctx_flag(ctx, "has_impact", *k->impact != '\0');
	return rc ? DORN_ENOMEM : 0;
}

static int missing_line(struct dorn_tctx *ctx, const struct dorn_wording *w,
			const struct dorn_case *c, const struct dorn_problem *p,
			struct dorn_buf *tmp, struct dorn_err *err)
{
	struct dorn_tctx *el;
	int rc;

	dorn_buf_reset(tmp);
	rc = dorn_problem_text(w, c, p, 0, tmp, err);
	if (rc)
		return rc;
	el = dorn_tctx_add(ctx, "missing");
	return !el || dorn_tctx_set(el, "text", dorn_buf_str(tmp)) ? DORN_ENOMEM : 0;
}

/* STILL MISSING: every gap, in the assessment's order (most important
 * first, item by item), the case's warnings and the unexamined items; then
 * the officer's and the unit's direct contact, which only the note knows. */
static int missing(struct dorn_tctx *ctx, const struct dorn_wording *w,
		   const struct dorn_case *c, const struct dorn_assessment *a,
		   const struct dorn_note_meta *m, struct dorn_buf *tmp, struct dorn_err *err)
{
	struct dorn_problem contact = { DORN_MISSING_CONTACT, 0, DORN_STEP_REVIEW };
	int rc = dorn_tctx_list(ctx, "missing");

	for (size_t i = 0; !rc && i < a->nproblems; i++) {
		const struct dorn_problem *p = &a->problems[i];

		/* Other item warnings sit in their item's block only. */
		if (!dorn_problem_is_missing(p->code) && p->item &&
		    p->code != DORN_WARN_UNEXAMINED)
			continue;
		rc = missing_line(ctx, w, c, p, tmp, err);
	}
	if (!rc && (!m->author_contact || !*m->author_contact ||
		    ((!m->unit_phone || !*m->unit_phone) && (!m->unit_email || !*m->unit_email))))
		rc = missing_line(ctx, w, c, &contact, tmp, err);
	return rc;
}

/* "Written by": every author of the version, in the order they first
 * changed it, each with a flag last (the template puts the commas in), or
 * the author alone when none is known. */
static int authors(struct dorn_tctx *ctx, const struct dorn_note_meta *m)
{
	size_t n = m->authors ? m->nauthors : 0;
	struct dorn_tctx *el;

	if (dorn_tctx_list(ctx, "authors"))
		return DORN_ENOMEM;
	for (size_t i = 0; i < (n ? n : 1); i++) {
		const char *name = n ? m->authors[i] : m->author;

		el = dorn_tctx_add(ctx, "authors");
		if (!el || set_or(el, "name", name, "not recorded") ||
		    dorn_tctx_flag(el, "last", i + 1 >= n))
			return DORN_ENOMEM;
	}
	return 0;
}

static int header(struct dorn_tctx *ctx, const struct dorn_case *c,
		  const struct dorn_assessment *a, const struct dorn_offences *off,
		  const struct dorn_note_meta *m)
{
	char urn[18], d1[32], text[DORN_SHORT_MAX + 64], today[11];
	struct dorn_date td;
	const struct dorn_offence *o;
	struct dorn_tctx *el;
	int rc;

	dorn_urn_display(c->urn, urn);
	dorn_date_from_days(m->today, &td);
	dorn_date_iso(&td, today);
	rc = dorn_tctx_set(ctx, "urn", urn) ||
	     set_or(ctx, "defendant", c->defendant, "not recorded") ||
	     set_or(ctx, "court", c->court, "not recorded") ||
	     set_or(ctx, "officer", c->officer_in_case, "not recorded") ||
	     set_or(ctx, "lawyer", c->lawyer, "not recorded") ||
	     dorn_tctx_set(ctx, "to", c->lawyer) ||
	     set_or(ctx, "author", m->author, "not recorded") ||
	     dorn_tctx_set(ctx, "author_contact", m->author_contact ? m->author_contact : "") ||
	     dorn_tctx_set(ctx, "unit", m->unit ? m->unit : "") ||
	     dorn_tctx_set(ctx, "unit_area", m->unit_area ? m->unit_area : "") ||
	     dorn_tctx_set(ctx, "unit_phone", m->unit_phone ? m->unit_phone : "") ||
	     dorn_tctx_set(ctx, "unit_email", m->unit_email ? m->unit_email : "") ||
	     dorn_tctx_setf(ctx, "version", "%d", m->version) ||
	     (m->supersedes > 0 ? dorn_tctx_setf(ctx, "supersedes", "%d", m->supersedes)
				: dorn_tctx_set(ctx, "supersedes", "")) ||
	     set_or(ctx, "status_text", m->status_text, "draft") ||
	     dorn_tctx_list(ctx, "offences") || authors(ctx, m);
	if (rc)
		return DORN_ENOMEM;
	dorn_date_long(today, d1);
	if (dorn_tctx_set(ctx, "today", d1))
		return DORN_ENOMEM;
	dorn_date_long(c->next_hearing, d1);
	snprintf(text, sizeof text, "%s%s%s", *d1 ? d1 : "not recorded",
		 *d1 && *c->next_hearing_type ? ", " : "", *d1 ? c->next_hearing_type : "");
	if (dorn_tctx_set(ctx, "next_hearing", text))
		return DORN_ENOMEM;
	dorn_date_long(c->sentencing_date, d1);
	if (set_or(ctx, "sentencing_date", d1, "not fixed yet"))
		return DORN_ENOMEM;
	for (size_t i = 0; i < c->noffences; i++) {
		o = dorn_offence_find(off, c->offences[i]);
		if (!o)
			continue; /* listed under STILL MISSING instead */
		el = dorn_tctx_add(ctx, "offences");
		if (!el || dorn_tctx_set(el, "statute", o->statute) ||
		    dorn_tctx_set(el, "title", o->title))
			return DORN_ENOMEM;
	}
	/* urgency */
	dorn_date_long(a->due_date, d1);
	if (a->days_left == 0)
		snprintf(text, sizeof text, "today");
	else if (a->days_left == 1)
		snprintf(text, sizeof text, "tomorrow");
	else if (a->days_left > 1)
		snprintf(text, sizeof text, "in %ld days", a->days_left);
	else if (a->days_left == -1)
		snprintf(text, sizeof text, "yesterday");
	else
		snprintf(text, sizeof text, "%ld days ago", -a->days_left);
	rc = dorn_tctx_flag(ctx, "urgent", a->urgent) ||
	     dorn_tctx_flag(ctx, "passed", a->passed && !a->sentencing_passed) ||
	     dorn_tctx_flag(ctx, "sentencing_passed", a->sentencing_passed) ||
	     dorn_tctx_flag(ctx, "before_conviction", a->before_conviction) ||
	     dorn_tctx_set(ctx, "due_date", d1) ||
	     dorn_tctx_set(ctx, "due_what", a->due_is_sentencing ? "sentencing hearing"
								  : "next hearing") ||
	     dorn_tctx_set(ctx, "days_left_text", text);
	return rc ? DORN_ENOMEM : 0;
}

static int field_records(struct dorn_tctx *ctx, const struct dorn_case *c)
{
	int rc = part_record(ctx, DORN_PART_CASE, c, NULL) ||
		 part_record(ctx, DORN_PART_VICTIM, c, NULL) ||
		 part_record(ctx, DORN_PART_CONCERN, c, NULL);

	return rc ? DORN_ENOMEM : 0;
}

int dorn_note_render(const struct dorn_tmpl *tmpl, const struct dorn_wording *w,
		     const struct dorn_case *c, const struct dorn_assessment *a,
		     const struct dorn_offences *off, const struct dorn_note_meta *m,
		     struct dorn_buf *out, struct dorn_err *err)
{
	struct dorn_tctx *ctx = dorn_tctx_new();
	struct dorn_buf tmp;
	int rc, cloud = 0;

	dorn_buf_init(&tmp);
	if (!ctx) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < a->nitems; i++)
		cloud |= !a->items[i].property;
	rc = header(ctx, c, a, off, m);
	if (!rc)
		rc = dorn_tctx_flag(ctx, "child", a->child) ||
		     dorn_tctx_flag(ctx, "sexual", a->sexual) ||
		     dorn_tctx_flag(ctx, "cloud", cloud) ||
		     dorn_tctx_flag(ctx, "any_property", a->nproperty > 0) ? DORN_ENOMEM : 0;
	if (!rc)
		rc = items(ctx, w, c, a, &tmp, err);
	if (!rc)
		rc = victim(ctx, c);
	if (!rc)
		rc = field_records(ctx, c);
	if (!rc)
		rc = missing(ctx, w, c, a, m, &tmp, err);
	if (rc == DORN_ENOMEM)
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	if (rc)
		goto out;
	rc = dorn_tmpl_render(tmpl, ctx, out, err);
out:
	dorn_tctx_free(ctx);
	dorn_buf_fini(&tmp);
	return rc;
}

static int stamp(const char *body, const char *from, const char *to, int wrap,
		 struct dorn_buf *out)
{
	const char *at = from && *from ? strstr(body, from) : NULL;
	struct dorn_buf raw;
	int rc = 0;

	dorn_buf_init(&raw);
	/* Only when it is there exactly once: anything else is not ours. */
	if (at && strstr(at + 1, from))
		at = NULL;
	if (at) {
		rc = dorn_buf_add(&raw, body, (size_t)(at - body)) ||
		     dorn_buf_puts(&raw, to) || dorn_buf_puts(&raw, at + strlen(from));
	} else {
		size_t n = strlen(body);

		rc = dorn_buf_puts(&raw, body) ||
		     (n && body[n - 1] != '\n' ? dorn_buf_putc(&raw, '\n') : 0) ||
		     dorn_buf_printf(&raw, "\nStatus: %s\n", to) != 0;
	}
	if (!rc && !wrap && dorn_buf_puts(out, dorn_buf_str(&raw)))
		rc = 1;
	else if (!rc && wrap && dorn_text_wrap(dorn_buf_str(&raw), DORN_NOTE_WIDTH, out))
		rc = DORN_ENOMEM;
	dorn_buf_fini(&raw);
	return rc ? DORN_ENOMEM : 0;
}

int dorn_note_stamp(const char *body, const char *from, const char *to,
		    struct dorn_buf *out)
{
	return stamp(body, from, to, 1, out);
}

int dorn_note_stamp_model(const char *model, const char *from, const char *to,
			  struct dorn_buf *out)
{
	return stamp(model, from, to, 0, out);
}
