/* The draft order annexed to the note: which items its schedule lists
 * (dorn_order_row, the one rule) and the named values its template
 * (data/templates/order.txt) reads. Pure: no I/O; the words are the
 * template's.
 *
 * The law is in /work/shared/DOMAIN.md. Sentencing Act 2020 s.153(2): the
 * property was lawfully seized from the offender, or was in their
 * possession or control when arrested or summonsed; s.153(3) its use, or
 * s.153(5) an offence of possessing it (UNSETTLED for a device holding
 * images, so never the only basis). Cloud accounts are not property an
 * order can take. The schedule states only what was recorded: a limb that
 * is not known is "to be shown", never assumed. */
#include <stdio.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/order.h"
#include "dorn/tmpl.h"
#include "dorn/urn.h"

int dorn_order_row(const struct dorn_item *it, const struct dorn_item_assessment *ia,
		   struct dorn_order_row *out)
{
	memset(out, 0, sizeof *out);
	if (!ia->property || it->kind == DORN_KIND_CLOUD) {
		out->why = DORN_ORDER_NOT_PROPERTY;
		return 0;
	}
	if (it->seized_from == DORN_FROM_DEFENDANT)
		out->limbs |= DORN_ORDER_SEIZED;
	if (it->held_at_arrest == DORN_TRI_YES)
		out->limbs |= DORN_ORDER_HELD;
	/* Both limbs answered, and neither met: no order can name it. */
	if (!out->limbs &&
	    (it->seized_from == DORN_FROM_OTHER || it->seized_from == DORN_FROM_NOT_SEIZED) &&
	    it->held_at_arrest == DORN_TRI_NO) {
		out->why = DORN_ORDER_NO_LIMB;
		return 0;
	}
	out->why = DORN_ORDER_IN;
	out->used = it->how_used;
	out->possession = ia->possession;
	return 1;
}

const char *dorn_order_why_name(int why)
{
	switch (why) {
	case DORN_ORDER_IN: return "included";
	case DORN_ORDER_NOT_PROPERTY: return "not-property";
	case DORN_ORDER_NO_LIMB: return "not-seized-or-held";
	}
	return "?";
}

const char *dorn_order_limb_name(unsigned limb)
{
	switch (limb) {
	case DORN_ORDER_SEIZED: return "seized-from-defendant";
	case DORN_ORDER_HELD: return "in-possession-at-arrest";
	case 0: return "to-be-shown";
	}
	return "?";
}

/* ---- the template's values ---- */

/* What both a row and a left-out item say of the item itself. */
static int item_values(struct dorn_tctx *el, const struct dorn_item *it)
{
	return dorn_tctx_setf(el, "position", "%d", it->position) ||
	       dorn_tctx_set(el, "kind", dorn_kind_label(it->kind)) ||
	       dorn_tctx_set(el, "description", it->description) ||
	       dorn_tctx_set(el, "exhibit", it->exhibit_ref) ||
	       dorn_tctx_set(el, "seized_from_name", it->seized_from_name) ||
	       dorn_tctx_set(el, "forensic_report", it->forensic_report) ||
	       dorn_tctx_set(el, "images_exhibit", it->images_exhibit) ||
	       dorn_tctx_flag(el, "unexamined", it->examined == DORN_TRI_NO) ||
	       dorn_tctx_flag(el, "from_defendant", it->seized_from == DORN_FROM_DEFENDANT) ||
	       dorn_tctx_flag(el, "from_other", it->seized_from == DORN_FROM_OTHER) ||
	       dorn_tctx_flag(el, "from_not_seized", it->seized_from == DORN_FROM_NOT_SEIZED) ||
	       dorn_tctx_flag(el, "from_unknown",
			      it->seized_from != DORN_FROM_DEFENDANT &&
			      it->seized_from != DORN_FROM_OTHER &&
			      it->seized_from != DORN_FROM_NOT_SEIZED) ||
	       dorn_tctx_flag(el, "held_at_arrest", it->held_at_arrest == DORN_TRI_YES) ||
	       dorn_tctx_flag(el, "not_held_at_arrest", it->held_at_arrest == DORN_TRI_NO)
		       ? DORN_ENOMEM : 0;
}

static int row_values(struct dorn_tctx *el, const struct dorn_item *it,
		      const struct dorn_order_row *r, int number)
{
	char text[128];

	dorn_use_text(r->used, text, sizeof text);
	return item_values(el, it) || dorn_tctx_setf(el, "number", "%d", number) ||
	       dorn_tctx_flag(el, "limb_seized", (r->limbs & DORN_ORDER_SEIZED) != 0) ||
	       dorn_tctx_flag(el, "limb_held", (r->limbs & DORN_ORDER_HELD) != 0) ||
	       dorn_tctx_flag(el, "limb_to_be_shown", r->limbs == 0) ||
	       dorn_tctx_flag(el, "used", r->used != 0) ||
	       dorn_tctx_set(el, "use_text", r->used ? text : "") ||
	       dorn_tctx_flag(el, "possession", r->possession)
		       ? DORN_ENOMEM : 0;
}

static const struct dorn_item *item_at(const struct dorn_case *c, int position)
{
	for (size_t i = 0; i < c->nitems && i < DORN_ITEMS_MAX; i++)
		if (c->items[i].position == position)
			return &c->items[i];
	return NULL;
}

/* The schedule and the items left out of it, in the assessment's order
 * (by position), each item read by its position. */
static int schedule(struct dorn_tctx *ctx, const struct dorn_case *c,
		    const struct dorn_assessment *a)
{
	struct dorn_order_row r;
	struct dorn_tctx *el;
	int number = 0;

	if (dorn_tctx_list(ctx, "rows") || dorn_tctx_list(ctx, "excluded"))
		return DORN_ENOMEM;
	for (size_t i = 0; i < a->nitems; i++) {
		const struct dorn_item *it = item_at(c, a->items[i].position);

		if (!it)
			continue;
		if (dorn_order_row(it, &a->items[i], &r)) {
			el = dorn_tctx_add(ctx, "rows");
			if (!el || row_values(el, it, &r, ++number))
				return DORN_ENOMEM;
			continue;
		}
		el = dorn_tctx_add(ctx, "excluded");
		if (!el || item_values(el, it) ||
		    dorn_tctx_flag(el, "not_property", r.why == DORN_ORDER_NOT_PROPERTY) ||
		    dorn_tctx_flag(el, "no_limb", r.why == DORN_ORDER_NO_LIMB))
			return DORN_ENOMEM;
	}
	return dorn_tctx_flag(ctx, "has_rows", number > 0);
}

static int header(struct dorn_tctx *ctx, const struct dorn_case *c,
		  const struct dorn_assessment *a, const struct dorn_offences *off)
{
	char urn[18];
	const struct dorn_offence *o;
	struct dorn_tctx *el;

	dorn_urn_display(c->urn, urn);
	if (dorn_tctx_set(ctx, "urn", urn) ||
	    dorn_tctx_set(ctx, "defendant", *c->defendant ? c->defendant : "not recorded") ||
	    dorn_tctx_set(ctx, "court", *c->court ? c->court : "not recorded") ||
	    dorn_tctx_flag(ctx, "child", a->child) ||
	    dorn_tctx_flag(ctx, "child_under_18", c->victim.under_18 == DORN_TRI_YES) ||
	    dorn_tctx_flag(ctx, "convicted", c->stage >= DORN_STAGE_CONVICTION) ||
	    dorn_tctx_flag(ctx, "has_items", a->nitems > 0) ||
	    dorn_tctx_list(ctx, "offences"))
		return DORN_ENOMEM;
	for (size_t i = 0; i < c->noffences && i < DORN_OFFENCES_MAX; i++) {
		char code[sizeof c->offences[0] + 1];

		/* The code may come straight from a file: bound it. */
		memcpy(code, c->offences[i], sizeof c->offences[i]);
		code[sizeof c->offences[i]] = '\0';
		o = dorn_offence_find(off, code);
		if (!o)
			continue;
		el = dorn_tctx_add(ctx, "offences");
		if (!el || dorn_tctx_set(el, "statute", o->statute) ||
		    dorn_tctx_set(el, "title", o->title))
			return DORN_ENOMEM;
	}
	return 0;
}

int dorn_order_render(const struct dorn_tmpl *t, const struct dorn_case *c,
		      const struct dorn_assessment *a, const struct dorn_offences *off,
		      struct dorn_buf *out, struct dorn_err *err)
{
	struct dorn_tctx *ctx = dorn_tctx_new();
	int rc;

	if (!ctx || header(ctx, c, a, off) || schedule(ctx, c, a)) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		goto out;
	}
	rc = dorn_tmpl_render(t, ctx, out, err);
out:
	dorn_tctx_free(ctx);
	return rc;
}
