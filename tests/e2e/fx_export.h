/* The fixture the export and reading journeys share: a private database
 * with an officer (ofc) and a supervisor (sup) acting through --as, the
 * worked examples names.ini and sharing.ini imported by ofc, some notes
 * submitted and one approved, and an export.ini naming the case-file
 * folder and the recipient. Included by those journeys only. */
#ifndef DORN_E2E_FX_EXPORT_H
#define DORN_E2E_FX_EXPORT_H

#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

#define FX_RECIPIENT "CPS Northmoor"
#define FX_TODAY "DORN_TODAY=2026-11-28"

struct fx {
	struct h_term *t;
	char config[4096];   /* <folder>/export.ini */
	char casefile[4096]; /* <folder>/casefile: [export] dir */
};

static inline int fx_write_config(struct fx *f)
{
	FILE *c;

	snprintf(f->config, sizeof f->config, "%s/export.ini", h_dir(f->t));
	snprintf(f->casefile, sizeof f->casefile, "%s/casefile", h_dir(f->t));
	c = fopen(f->config, "w");
	if (!c)
		return -1;
	fprintf(c, "[export]\ndir = %s\nrecipient = \"%s\"\n", f->casefile, FX_RECIPIENT);
	return fclose(c) ? -1 : 0;
}

/* *state: init, ofc and sup, both examples imported by ofc, the notes of
 * submit (NULL-ended URNs) submitted by ofc, approve's approved by sup. */
static inline int fx_setup(void **state, const char *const submit[], const char *approve)
{
	static const char *const env[] = { FX_TODAY, NULL };
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *sup[] = { "staff", "add", "sup", "--name", "Sam Supervisor", "--role",
			      "supervisor", NULL };
	const char *imp[] = { "--as", "ofc", "import", "data/examples/names.ini",
			      "data/examples/sharing.ini", NULL };
	const char *sub[] = { "--as", "ofc", "submit", NULL, NULL };
	const char *app[] = { "--as", "sup", "review", "approve", approve, NULL };
	struct fx *f = calloc(1, sizeof *f);
	int bad;

	if (!f)
		return -1;
	f->t = h_new_init(env);
	bad = !f->t || h_run_ok(f->t, ofc, env, NULL, 0) || h_run_ok(f->t, sup, env, NULL, 0) ||
	      h_run_ok(f->t, imp, env, NULL, 0);
	for (size_t i = 0; !bad && submit[i]; i++) {
		sub[3] = submit[i];
		bad = h_run_ok(f->t, sub, env, NULL, 0) != 0;
	}
	if (!bad)
		bad = h_run_ok(f->t, app, env, NULL, 0) || fx_write_config(f);
	if (bad) {
		h_free(f->t);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static inline int fx_teardown(void **state)
{
	struct fx *f = *state;

	h_free(f->t);
	free(f);
	return 0;
}

#endif
