/* The fictitious cases every benchmark records: case i of a run, the same
 * in bench/gen.c (make bench) and bench/pgload.c (make bench-pg), so the
 * two measure the same data. Included by each; today_days is theirs. */
#ifndef DORN_BENCH_FAKECASE_H
#define DORN_BENCH_FAKECASE_H

#include <stdio.h>

#include "dorn/model.h"
#include "dorn/record.h"

static const char *const words[] = { "phone", "laptop", "worried", "messages", "returned",
				     "afraid", "copies", "tablet", "pictures", "safe" };
static long today_days;

static void date_in(long days, char out[11])
{
	struct dorn_date d;

	dorn_date_from_days(today_days + days, &d);
	dorn_date_iso(&d, out);
}

/* Case i. The dates are spread around today so each part of the case
 * list has cases: 5% with no date, 15% with a passed date, 10% due within
 * 14 days, the rest later. */
/* Case i's URN. */
static void urn_of(long i, char out[14])
{
	snprintf(out, 14, "%02ld%c%c%05ld%02ld", i % 43 + 1, (char)('A' + i % 26),
		 (char)('A' + (i / 26) % 26), i % 100000, 20 + i / 100000 % 10);
}

static void fill(struct dorn_case *c, long i)
{
	static const char *const offences[] = { "soa66b1", "soa66b2", "soa66b4", "soa67" };
	long k = i % 20;

	dorn_case_init(c);
	urn_of(i, c->urn);
	snprintf(c->defendant, sizeof c->defendant, "Defendant %ld", i);
	snprintf(c->court, sizeof c->court, "Bench Magistrates' Court");
	c->stage = (enum dorn_stage)(i % 6);
	snprintf(c->offences[c->noffences++], sizeof c->offences[0], "%s", offences[i % 4]);
	if (k == 0) {
		/* no date */
	} else if (k <= 3) {
		date_in(-1 - i % 300, c->sentencing_date);
	} else if (k <= 5) {
		date_in(i % 15, c->next_hearing);
		snprintf(c->next_hearing_type, sizeof c->next_hearing_type, "trial");
	} else {
		date_in(15 + i % 365, c->next_hearing);
		snprintf(c->next_hearing_type, sizeof c->next_hearing_type, "mention");
		if (i % 3 == 0)
			date_in(30 + i % 500, c->sentencing_date);
	}
	snprintf(c->officer_in_case, sizeof c->officer_in_case, "PC %ld", i % 997);
	snprintf(c->victim.reference, sizeof c->victim.reference, "BENCH-%ld", i);
	c->victim.consent = DORN_CONSENT_YES;
	snprintf(c->victim.consent_date, sizeof c->victim.consent_date, "2026-11-01");
	snprintf(c->concern.victim_words, sizeof c->concern.victim_words,
		 "I am %s that the %s will be %s with the %s still on it.", words[i % 10],
		 words[(i / 10) % 10], words[(i / 100) % 10], words[(i / 1000) % 10]);
	c->concern.fears = DORN_FEAR_RETURNED;
	for (int j = 0; j < 4; j++) {
		struct dorn_item *it = &c->items[c->nitems++];

		it->position = j + 1;
		it->kind = (enum dorn_kind)(j % 5);
		it->seized = DORN_TRI_YES;
		snprintf(it->exhibit_ref, sizeof it->exhibit_ref, "BX/%ld/%d", i, j + 1);
		it->how_used = DORN_USE_STORED;
		it->value_estimate = 100 + j;
	}
}

#endif
