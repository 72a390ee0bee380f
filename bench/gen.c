/* Benchmark data: a dorn database with many audit rows (and staff), made
 * through the store's own functions so the chain is real.
 * Usage: gen DB AUDIT_ROWS */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "dorn/err.h"
#include "dorn/store.h"

int main(int argc, char **argv)
{
	struct dorn_store *st = NULL;
	struct dorn_staff s = { .login = "bench", .name = "Bench Mark",
				.role = DORN_ROLE_SUPERVISOR, .active = 1 };
	struct dorn_audit_rec a = { .login = "bench", .action = DORN_AUDIT_CONSULT,
				    .entity = "case", .reason = "benchmark" };
	struct dorn_err err;
	long n;

	if (argc != 3)
		return 64;
	umask(077);
	n = atol(argv[2]);
	if (dorn_store_open(&st, argv[1], DORN_STORE_CREATE, 5000, &err) ||
	    dorn_store_staff_add(st, &s, "bench", &err) || dorn_store_begin(st, &err))
		goto fail;
	for (long i = 1; i < n; i++) {
		a.entity_id = i % 100000 + 1;
		a.action = (enum dorn_audit_action)(i % 6);
		if (dorn_store_audit(st, &a, &err))
			goto fail;
		if (i % 100000 == 0 && (dorn_store_commit(st, &err) || dorn_store_begin(st, &err)))
			goto fail;
	}
	if (dorn_store_commit(st, &err))
		goto fail;
	dorn_store_close(st);
	return 0;
fail:
	fprintf(stderr, "gen: %s\n", err.msg);
	dorn_store_close(st);
	return 1;
}
