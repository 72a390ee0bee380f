/* The case list's keyset paging, the same on both engines: the range a
 * walk covers, and each part's share of it (dorn/list.h has the key).
 * The engines differ only in the SQL that reads a range. */
#include <stdio.h>

#include "dorn/list.h"
#include "engine.h"

void store_key_set(struct dorn_list_key *k, int seg, const char *date, const char *urn)
{
	k->seg = seg;
	snprintf(k->date, sizeof k->date, "%s", date);
	snprintf(k->urn, sizeof k->urn, "%s", urn);
}

void store_list_range(const struct dorn_case_query *q, const struct dorn_list_key *from,
		      int backward, struct dorn_list_key *lo, struct dorn_list_key *hi)
{
	struct dorn_list_key due;

	store_key_set(lo, DORN_SEG_START, "", "");
	store_key_set(hi, DORN_SEG_END, "~", "~");
	if (from)
		*(backward ? hi : lo) = *from;
	/* --due-within: the upcoming part only, up to that date. */
	if (q->today && q->due_by) {
		store_key_set(&due, DORN_SEG_UPCOMING, q->due_by, "~");
		if (dorn_list_key_cmp(&due, hi) < 0)
			*hi = due;
	}
}

int store_list_part(const struct dorn_case_query *q, int seg, const struct dorn_list_key *lo,
		    const struct dorn_list_key *hi, struct dorn_list_key *slo,
		    struct dorn_list_key *shi)
{
	if (!q->today) {
		/* no date order: every case is in one part, by URN */
		if (seg != DORN_SEG_UPCOMING)
			return 0;
		store_key_set(slo, seg, "", "");
		store_key_set(shi, seg, "", "~");
	} else if (seg == DORN_SEG_UPCOMING) {
		store_key_set(slo, seg, q->today, "");
		store_key_set(shi, seg, "~", "~");
	} else if (seg == DORN_SEG_PASSED) {
		store_key_set(slo, seg, "", "");
		store_key_set(shi, seg, q->today, "");
	} else {
		store_key_set(slo, seg, "", "");
		store_key_set(shi, seg, "", "~");
	}
	if (dorn_list_key_cmp(lo, slo) > 0)
		*slo = *lo;
	if (dorn_list_key_cmp(hi, shi) < 0)
		*shi = *hi;
	return dorn_list_key_cmp(slo, shi) < 0;
}
