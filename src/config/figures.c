/* data/figures.ini: the published figure the unit's orders rate is shown
 * beside, kept in a data file so that it can be corrected without a
 * rebuild. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/config.h"
#include "dorn/err.h"
#include "dorn/figures.h"
#include "dorn/offences.h"
#include "dorn/text.h"

#define LABEL_MAX 40
#define SOURCE_MAX 500

static int bad(struct dorn_err *err, const char *path, int line, const char *what)
{
	return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [baseline] %s: correct the file (see "
			    "the comment at its top)", path, line, what);
}

/* A whole number from 0 to 1,000,000. */
static int count(const char *v, long *out)
{
	char *end;

	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	*out = strtol(v, &end, 10);
	return *end || errno || *out > 1000000 ? -1 : 0;
}

int dorn_figures_baseline_load(const char *path, struct dorn_fig_baseline *out,
			       struct dorn_err *err)
{
	static const char *const keys[] = { "label", "made", "of", "source" };
	const struct dorn_ini_entry *e[4];
	struct dorn_ini *ini = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	rc = dorn_data_ini_load("figures.ini", path, &ini, err);
	if (rc)
		return rc;
	path = ini->path;
	for (size_t i = 0; i < ini->n; i++) {
		const struct dorn_ini_entry *x = &ini->entries[i];
		int known = 0;

		for (size_t k = 0; k < 4; k++)
			known |= strcmp(x->key, keys[k]) == 0;
		if (strcmp(x->section, "baseline") != 0) {
			rc = dorn_err_set(err, DORN_ECONFIG, "%s:%d: unknown section [%s]: the "
					  "file has one section, [baseline]", path,
					  dorn_ini_section_line(ini, x->section), x->section);
			goto out;
		}
		if (!known) {
			rc = dorn_err_set(err, DORN_ECONFIG, "%s:%d: [baseline] unknown key '%s': "
					  "the keys are label, made, of and source", path,
					  x->line, x->key);
			goto out;
		}
		if (dorn_text_has_control(x->value, 0)) {
			rc = bad(err, path, x->line, "a value holds a control character");
			goto out;
		}
	}
	for (size_t k = 0; k < 4; k++) {
		e[k] = dorn_ini_get(ini, "baseline", keys[k]);
		if (!e[k] || !*e[k]->value) {
			rc = dorn_err_set(err, DORN_ECONFIG, "%s: [baseline] %s is missing: restore "
					  "it from the dorn package", path, keys[k]);
			goto out;
		}
	}
	if (dorn_utf8_len(e[0]->value, strlen(e[0]->value)) > LABEL_MAX) {
		rc = bad(err, path, e[0]->line, "label is longer than 40 characters");
		goto out;
	}
	if (count(e[1]->value, &out->made)) {
		rc = bad(err, path, e[1]->line, "made is not a whole number of cases");
		goto out;
	}
	if (count(e[2]->value, &out->of) || out->of < 1) {
		rc = bad(err, path, e[2]->line, "of is not a whole number of cases, 1 or more");
		goto out;
	}
	if (out->made > out->of) {
		rc = bad(err, path, e[1]->line, "made is more than of");
		goto out;
	}
	if (strlen(e[3]->value) > SOURCE_MAX) {
		rc = bad(err, path, e[3]->line, "source is longer than 500 bytes");
		goto out;
	}
	snprintf(out->label, sizeof out->label, "%s", e[0]->value);
	snprintf(out->source, sizeof out->source, "%s", e[3]->value);
out:
	dorn_ini_free(ini);
	if (rc)
		memset(out, 0, sizeof *out);
	return rc;
}
