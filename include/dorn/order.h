/* The draft order: the annex at the end of the note, a schedule of the
 * property a deprivation order (and, for child images, forfeiture and
 * destruction) would name, by exhibit, and the items that cannot be in it
 * with why. Pure: the template (data/templates/order.txt) is given. */
#ifndef DORN_ORDER_H
#define DORN_ORDER_H

#include "dorn/model.h"
#include "dorn/rules.h"

struct dorn_buf;
struct dorn_err;
struct dorn_tmpl;

/* Why an item is left out of the schedule (0: it is in it). */
enum dorn_order_why {
	DORN_ORDER_IN = 0,
	DORN_ORDER_NOT_PROPERTY, /* an online account: not property an order can take */
	DORN_ORDER_NO_LIMB,      /* recorded as neither seized from the defendant nor in
				  * their possession at arrest or summons */
};

/* The s.153(2) limbs the recorded facts support (bits); none of them on an
 * included row means "to be shown". */
enum dorn_order_limb {
	DORN_ORDER_SEIZED = 1, /* seized_from = defendant */
	DORN_ORDER_HELD = 2,   /* held_at_arrest = yes */
};

struct dorn_order_row {
	int why;          /* enum dorn_order_why */
	unsigned limbs;   /* enum dorn_order_limb bits; 0 on a row: to be shown */
	unsigned used;    /* s.153(3): enum dorn_use bits, as recorded */
	int possession;   /* s.153(5) may be considered (a possession offence): never
			   * the only basis, the use is still given or marked missing */
};

/* Whether the item goes in the schedule: 1 (included) or 0 (left out, with
 * out->why saying why), from the recorded facts only:
 *   not property (an online account)                       -> out, NOT_PROPERTY
 *   seized_from = defendant or held_at_arrest = yes         -> in, that limb
 *   seized_from = other-person or not-seized, and
 *     held_at_arrest = no                                   -> out, NO_LIMB
 *   anything else (a fact not known yet)                    -> in, to be shown
 * ia is the item's assessment (property, used, possession). */
int dorn_order_row(const struct dorn_item *it, const struct dorn_item_assessment *ia,
		   struct dorn_order_row *out);

/* Stable words for JSON: why ("included", "not-property",
 * "not-seized-or-held") and a limb bit ("seized-from-defendant",
 * "in-possession-at-arrest"; 0: "to-be-shown"). */
const char *dorn_order_why_name(int why);
const char *dorn_order_limb_name(unsigned limb);

/* Render the annex for c with the template t into out (appended), as a
 * model like the note's (note.h, doc.h). DORN_EDATA for a fault of the template
 * (an unknown name), with its line. */
int dorn_order_render(const struct dorn_tmpl *t, const struct dorn_case *c,
		      const struct dorn_assessment *a, const struct dorn_offences *off,
		      struct dorn_buf *out, struct dorn_err *err);

#endif
