/* Note rendering speed: assess and render each worked example many times,
 * as dorn does for a note (no database). Target: 10,000 notes a second.
 * Usage: notes [ROUNDS] (DORN_DATADIR must point at data/) */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "dorn/buf.h"
#include "dorn/casefile.h"
#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/offences.h"
#include "dorn/tmpl.h"

static const char *const examples[] = { "sharing",  "threat",   "voyeurism", "under18", "names",
					 "thirdparty", "atarrest", "account",   "passed" };
#define NEX (sizeof examples / sizeof examples[0])

int main(int argc, char **argv)
{
	struct dorn_case *c[NEX] = { 0 };
	struct dorn_assessment *a = malloc(sizeof *a);
	struct dorn_offences off;
	struct dorn_wording w;
	struct dorn_tmpl *t = NULL;
	struct dorn_note_meta m = { .unit = "Bench WCU", .unit_area = "Bench",
				    .author = "Bench Officer", .version = 1,
				    .status_text = "draft, not yet reviewed", .today = 20785 };
	struct dorn_err err;
	struct dorn_buf out;
	struct timespec t0, t1;
	char path[512];
	long rounds = argc > 1 ? atol(argv[1]) : 4000, notes = 0;
	size_t bytes = 0;
	double secs;

	if (!a || dorn_offences_load(NULL, &off, &err) || dorn_wording_load(NULL, &w, &err) ||
	    dorn_template_load(NULL, &t, &err)) {
		fprintf(stderr, "notes: %s\n", err.msg);
		return 1;
	}
	for (size_t i = 0; i < NEX; i++) {
		snprintf(path, sizeof path, "%s/examples/%s.ini", getenv("DORN_DATADIR"),
			 examples[i]);
		c[i] = dorn_case_new();
		if (!c[i] || dorn_casefile_read(path, &off, c[i], &err)) {
			fprintf(stderr, "notes: %s\n", err.msg);
			return 1;
		}
	}
	dorn_buf_init(&out);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long r = 0; r < rounds; r++) {
		for (size_t i = 0; i < NEX; i++) {
			dorn_buf_reset(&out);
			dorn_assess(c[i], &off, m.today, 14, a);
			if (dorn_note_render(t, &w, c[i], a, &off, &m, &out, &err)) {
				fprintf(stderr, "notes: %s\n", err.msg);
				return 1;
			}
			bytes += out.len;
			notes++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%ld notes in %.2f s: %.0f notes a second (target 10,000), %.1f KiB each\n",
	       notes, secs, (double)notes / secs, (double)bytes / (double)notes / 1024.0);
	for (size_t i = 0; i < NEX; i++)
		dorn_case_free(c[i]);
	dorn_buf_fini(&out);
	dorn_tmpl_free(t);
	dorn_wording_fini(&w);
	dorn_offences_free(&off);
	free(a);
	return 0;
}
