/* Note rendering speed: assess and render each worked example many times,
 * as dorn does for a note (no database): its model, then its text.
 * Target: 10,000 notes a second. Then the PDF (cairo and pango) of each,
 * PDF_ROUNDS times: notes a second, and bytes and pages per note.
 * Usage: notes [ROUNDS [PDF_ROUNDS]] (DORN_DATADIR must point at data/) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dorn/buf.h"
#include "dorn/casefile.h"
#include "dorn/doc.h"
#include "dorn/err.h"
#include "dorn/export.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/offences.h"
#include "dorn/order.h"
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
	struct dorn_buf out, model, pdf;
	struct dorn_tmpl *ot = NULL;
	struct dorn_pdf_meta pm = { .urn_display = "01/AB/12345/26", .title = "Bench note",
				    .unit = "Bench WCU", .footer = "DRAFT - NOT APPROVED (bench)",
				    .draft = 1, .font = "DejaVu Sans", .date = "2026-12-06" };
	struct timespec t0, t1;
	char path[512];
	long rounds = argc > 1 ? atol(argv[1]) : 4000, notes = 0;
	long pdf_rounds = argc > 2 ? atol(argv[2]) : 20;
	size_t pages = 0;
	size_t bytes = 0;
	double secs;

	if (!a || dorn_offences_load(NULL, &off, &err) || dorn_wording_load(NULL, &w, &err) ||
	    dorn_template_load(NULL, &t, &err) || dorn_order_template_load(NULL, &ot, &err)) {
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
	dorn_buf_init(&model);
	dorn_buf_init(&pdf);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long r = 0; r < rounds; r++) {
		for (size_t i = 0; i < NEX; i++) {
			dorn_buf_reset(&out);
			dorn_buf_reset(&model);
			dorn_assess(c[i], &off, m.today, 14, a);
			if (dorn_note_render(t, &w, c[i], a, &off, &m, &model, &err) ||
			    dorn_order_render(ot, c[i], a, &off, &model, &err) ||
			    dorn_doc_text(dorn_buf_str(&model), DORN_NOTE_WIDTH, &out)) {
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
	/* The PDF: parse the model and typeset it, as dorn export does. */
	notes = 0;
	bytes = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long r = 0; r < pdf_rounds; r++) {
		for (size_t i = 0; i < NEX; i++) {
			struct dorn_doc d = { 0 };
			int rc;

			dorn_buf_reset(&model);
			dorn_buf_reset(&pdf);
			dorn_assess(c[i], &off, m.today, 14, a);
			rc = dorn_note_render(t, &w, c[i], a, &off, &m, &model, &err) ||
			     dorn_order_render(ot, c[i], a, &off, &model, &err) ||
			     dorn_doc_parse(dorn_buf_str(&model), &d, &err);
			if (!rc)
				rc = dorn_pdf_render(&d, &pm, &pdf, &err);
			dorn_doc_fini(&d);
			if (rc) {
				fprintf(stderr, "notes: pdf: %s\n", err.msg);
				return 1;
			}
			bytes += pdf.len;
			/* Pages: the page objects ("/Type /Page", not "/Pages");
			 * the bytes hold NULs, so not strstr. */
			for (size_t k = 0; k + 11 < pdf.len; k++)
				pages += memcmp(pdf.p + k, "/Type /Page", 11) == 0 &&
					 pdf.p[k + 11] != 's';
			notes++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (notes)
		printf("%ld PDFs in %.2f s: %.1f notes a second, %.1f KiB and %.1f pages each\n",
		       notes, secs, (double)notes / secs, (double)bytes / (double)notes / 1024.0,
		       (double)pages / (double)notes);
	for (size_t i = 0; i < NEX; i++)
		dorn_case_free(c[i]);
	dorn_buf_fini(&out);
	dorn_buf_fini(&model);
	dorn_buf_fini(&pdf);
	dorn_tmpl_free(t);
	dorn_tmpl_free(ot);
	dorn_wording_fini(&w);
	dorn_offences_free(&off);
	free(a);
	return 0;
}
