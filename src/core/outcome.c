/* The court's outcome for the devices: one table of keys and labels, and
 * the scripts the officer can use to tell the victim. */
#include <stdlib.h>
#include <string.h>

#include "dorn/outcome.h"

static const struct {
	const char *key;
	const char *label;
} results[DORN_RESULT__COUNT] = {
	[DORN_RESULT_NONE] = { "none", "No outcome recorded" },
	[DORN_RESULT_ORDER_MADE] = { "order_made", "Deprivation order made" },
	[DORN_RESULT_FORFEITURE] = { "forfeiture", "Forfeited, to be destroyed" },
	[DORN_RESULT_REFUSED] = { "refused", "Order refused by the court" },
	[DORN_RESULT_NOT_SOUGHT] = { "not_sought", "No order asked for" },
	[DORN_RESULT_RETURNED] = { "returned", "To be returned to the defendant" },
	[DORN_RESULT_HELD] = { "held", "Still held by the police" },
};

const char *dorn_result_key(int r)
{
	return r >= 0 && r < DORN_RESULT__COUNT ? results[r].key : NULL;
}

const char *dorn_result_label(int r)
{
	return r >= 0 && r < DORN_RESULT__COUNT ? results[r].label : NULL;
}

int dorn_result_from_key(const char *key)
{
	for (int r = 0; key && r < DORN_RESULT__COUNT; r++)
		if (strcmp(results[r].key, key) == 0)
			return r;
	return -1;
}

const char *dorn_script(const struct dorn_scripts *s, int r, int under18)
{
	if (!s || r <= DORN_RESULT_NONE || r >= DORN_RESULT__COUNT)
		return NULL;
	return under18 ? s->child[r] : s->adult[r];
}

void dorn_scripts_fini(struct dorn_scripts *s)
{
	if (!s)
		return;
	for (int r = 0; r < DORN_RESULT__COUNT; r++) {
		free((char *)s->adult[r]);
		free((char *)s->child[r]);
	}
	memset(s, 0, sizeof *s);
}
