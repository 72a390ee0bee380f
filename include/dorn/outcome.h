/* After the hearing: what the court decided about the devices, and what
 * the officer can say when telling the victim (data/outcome-scripts.ini,
 * read by the config room: datafiles.h). Pure. */
#ifndef DORN_OUTCOME_H
#define DORN_OUTCOME_H

/* What became of the devices at the hearing. Stable: a later version may
 * store these numbers; add new ones before DORN_RESULT__COUNT. */
enum dorn_result {
	DORN_RESULT_NONE = 0,    /* not recorded yet */
	DORN_RESULT_ORDER_MADE,  /* deprivation order made: the defendant loses the
				  * device; it passes to the police */
	DORN_RESULT_FORFEITURE,  /* forfeited and to be destroyed */
	DORN_RESULT_REFUSED,     /* the court refused the order */
	DORN_RESULT_NOT_SOUGHT,  /* no order was asked for */
	DORN_RESULT_RETURNED,    /* the device is to go back to the defendant */
	DORN_RESULT_HELD,        /* still held by the police */
	DORN_RESULT__COUNT
};

/* The result's key, as data/outcome-scripts.ini names its section and a
 * later store or case file may: "none", "order_made", "forfeiture",
 * "refused", "not_sought", "returned", "held". NULL when r is not an
 * enum dorn_result. */
const char *dorn_result_key(int r);

/* The result in words for the officer, starting with a capital and
 * without a full stop: "Deprivation order made". NULL when r is not an
 * enum dorn_result. */
const char *dorn_result_label(int r);

/* The result whose key is key (exactly, lower case), or -1 when none is. */
int dorn_result_from_key(const char *key);

/* For each result but DORN_RESULT_NONE, what the officer can say when
 * telling the victim: adult[r] for a victim who is 18 or over now,
 * child[r] for one under 18 now (whatever their age at the time). Plain
 * UTF-8 text of one paragraph, without placeholders, owned by the struct;
 * adult[DORN_RESULT_NONE] and child[DORN_RESULT_NONE] stay NULL. */
struct dorn_scripts {
	const char *adult[DORN_RESULT__COUNT];
	const char *child[DORN_RESULT__COUNT];
};

/* The script for result r and a victim under 18 now (under18 non-zero) or
 * not; NULL when r has none (DORN_RESULT_NONE, out of range, or s not
 * loaded). */
const char *dorn_script(const struct dorn_scripts *s, int r, int under18);

/* Free every script and leave s empty; s may be NULL or already empty. */
void dorn_scripts_fini(struct dorn_scripts *s);

#endif
