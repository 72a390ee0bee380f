/* Benchmark data, made through the store's own functions so every row,
 * index and hash is real.
 *   gen audit DB ROWS     a database with ROWS audit rows
 *   gen cases DB CASES    CASES fictitious cases with 4 items each, topped
 *                         up to 10 audit rows a case (DESIGN.md: 100,000
 *                         cases, 400,000 items, 1,000,000 audit rows) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/store.h"

static const char *const words[] = { "phone", "laptop", "worried", "messages", "returned",
				     "afraid", "copies", "tablet", "pictures", "safe" };

static void fill(struct dorn_case *c, long i)
{
	static const char *const offences[] = { "soa66b1", "soa66b2", "soa66b4", "soa67" };

	dorn_case_init(c);
	snprintf(c->urn, sizeof c->urn, "%02ld%c%c%05ld%02ld", i % 43 + 1,
		 (char)('A' + i % 26), (char)('A' + (i / 26) % 26), i % 100000, 20 + i / 100000 % 10);
	snprintf(c->defendant, sizeof c->defendant, "Defendant %ld", i);
	snprintf(c->court, sizeof c->court, "Bench Magistrates' Court");
	snprintf(c->offences[c->noffences++], sizeof c->offences[0], "%s", offences[i % 4]);
	snprintf(c->sentencing_date, sizeof c->sentencing_date, "2027-%02ld-%02ld",
		 i % 12 + 1, i % 28 + 1);
	snprintf(c->victim.reference, sizeof c->victim.reference, "BENCH-%ld", i);
	c->victim.consent = DORN_CONSENT_YES;
	snprintf(c->victim.consent_date, sizeof c->victim.consent_date, "2026-11-01");
	snprintf(c->concern.victim_words, sizeof c->concern.victim_words,
		 "I am %s that the %s will be %s with the %s still on it.", words[i % 10],
		 words[(i / 10) % 10], words[(i / 100) % 10], words[(i / 1000) % 10]);
	c->concern.fears = DORN_FEAR_RETURNED;
	for (int k = 0; k < 4; k++) {
		struct dorn_item *it = &c->items[c->nitems++];

		it->position = k + 1;
		it->kind = k % 5;
		it->seized = DORN_TRI_YES;
		snprintf(it->exhibit_ref, sizeof it->exhibit_ref, "BX/%ld/%d", i, k + 1);
		it->how_used = DORN_USE_STORED;
		it->value_estimate = 100 + k;
	}
}

int main(int argc, char **argv)
{
	struct dorn_store *st = NULL;
	struct dorn_staff s = { .login = "bench", .name = "Bench Mark",
				.role = DORN_ROLE_SUPERVISOR, .active = 1 };
	struct dorn_audit_rec a = { .login = "bench", .action = DORN_AUDIT_CONSULT,
				    .entity = "case", .reason = "benchmark" };
	struct dorn_case *c = dorn_case_new();
	struct dorn_err err;
	long n, audit_per = 0;
	int cases;

	if (argc != 4 || !c)
		return 64;
	cases = strcmp(argv[1], "cases") == 0;
	umask(077);
	n = atol(argv[3]);
	if (dorn_store_open(&st, argv[2], DORN_STORE_CREATE, 5000, &err) ||
	    dorn_store_staff_add(st, &s, "bench", &err) || dorn_store_begin(st, &err))
		goto fail;
	audit_per = cases ? 9 : 0; /* the put itself writes one */
	for (long i = 1; i < n + (cases ? 1 : 0); i++) {
		if (cases) {
			fill(c, i);
			if (dorn_store_case_put(st, c, "bench", "benchmark", &err))
				goto fail;
			for (long k = 0; k < audit_per; k++) {
				a.entity_id = c->id;
				if (dorn_store_audit(st, &a, &err))
					goto fail;
			}
		} else {
			a.entity_id = i % 100000 + 1;
			a.action = (enum dorn_audit_action)(i % 6);
			if (dorn_store_audit(st, &a, &err))
				goto fail;
		}
		if (i % 10000 == 0 && (dorn_store_commit(st, &err) || dorn_store_begin(st, &err)))
			goto fail;
	}
	if (dorn_store_commit(st, &err))
		goto fail;
	dorn_store_close(st);
	dorn_case_free(c);
	return 0;
fail:
	fprintf(stderr, "gen: %s\n", err.msg);
	dorn_store_rollback(st);
	dorn_store_close(st);
	dorn_case_free(c);
	return 1;
}
