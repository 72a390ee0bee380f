/* data/bank-holidays.ini and data/victims-code.ini: the days dorn counts
 * the Victims' Code's deadlines in, and the deadlines themselves. Legal
 * services or the force correct them without a rebuild. */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/config.h"
#include "dorn/datafiles.h"
#include "dorn/err.h"

/* path, or <datadir>/name when it is NULL or "", into def. */
static const char *data_path(const char *path, const char *name, char def[PATH_MAX],
			     struct dorn_err *err)
{
	if (path && *path)
		return path;
	if (dorn_config_datadir_check(err))
		return NULL;
	snprintf(def, PATH_MAX, "%s/%s", dorn_config_datadir(), name);
	return def;
}

/* A data file's error is the installation's to fix. */
static int as_config(int rc, struct dorn_err *err)
{
	if (rc == 0 || rc == DORN_ENOMEM)
		return rc;
	if (err)
		err->code = DORN_ECONFIG;
	return DORN_ECONFIG;
}

int dorn_holidays_load(const char *path, struct dorn_holidays *h, struct dorn_err *err)
{
	struct dorn_buf text;
	char def[PATH_MAX];
	int rc;

	memset(h, 0, sizeof *h);
	dorn_buf_init(&text);
	path = data_path(path, "bank-holidays.ini", def, err);
	if (!path) {
		rc = DORN_ECONFIG;
		goto out;
	}
	rc = dorn_config_read_text(path, &text, err);
	if (rc == 0)
		rc = dorn_holidays_parse(dorn_buf_str(&text), text.len, path, h, err);
out:
	dorn_buf_fini(&text);
	return as_config(rc, err);
}

/* ---- victims-code.ini ---- */

static const struct {
	const char *section;
	size_t offset; /* of the int in struct dorn_victims_code */
} code_keys[] = {
	{ "outcome", offsetof(struct dorn_victims_code, outcome_days) },
	{ "hearing", offsetof(struct dorn_victims_code, hearing_days) },
};

#define NCODE (sizeof code_keys / sizeof code_keys[0])
#define DAYS_KEY "tell_within_working_days"

/* s as a whole number of working days, or -1 when it is not one, -2 when
 * it is out of range. */
static int working_days(const char *s)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v <= DORN_VICTIMS_CODE_DAYS_MAX)
			v = v * 10 + (*s - '0');
	}
	if (v < DORN_VICTIMS_CODE_DAYS_MIN || v > DORN_VICTIMS_CODE_DAYS_MAX)
		return -2;
	return (int)v;
}

static int code_entry(const char *path, const struct dorn_ini_entry *e,
		      struct dorn_victims_code *vc, struct dorn_err *err)
{
	size_t k;
	int v;

	for (k = 0; k < NCODE && strcmp(e->section, code_keys[k].section); k++)
		;
	if (k == NCODE)
		return dorn_err_set(err, DORN_ECONFIG, "%s:%d: unknown section [%s]: the "
				    "sections are outcome, hearing", path, e->line, e->section);
	if (strcmp(e->key, DAYS_KEY))
		return dorn_err_set(err, DORN_ECONFIG, "%s:%d: unknown key '%s' in [%s]: the "
				    "key of [%s] is " DAYS_KEY, path, e->line, e->key,
				    e->section, e->section);
	v = working_days(e->value);
	if (v < 0)
		return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] " DAYS_KEY " = '%.40s' is "
				    "%s: use a number of working days from %d to %d", path,
				    e->line, e->section, e->value,
				    v == -1 ? "not a whole number" : "out of range",
				    DORN_VICTIMS_CODE_DAYS_MIN, DORN_VICTIMS_CODE_DAYS_MAX);
	*(int *)((char *)vc + code_keys[k].offset) = v;
	return 0;
}

int dorn_victims_code_load(const char *path, struct dorn_victims_code *vc,
			   struct dorn_err *err)
{
	struct dorn_ini *ini = NULL;
	int rc;

	memset(vc, 0, sizeof *vc);
	rc = dorn_data_ini_load("victims-code.ini", path && *path ? path : NULL, &ini, err);
	if (rc)
		goto out;
	/* Sections without keys are not entries: name them too. */
	for (size_t i = 0; i < ini->nsections; i++) {
		size_t k;

		for (k = 0; k < NCODE && strcmp(ini->sections[i], code_keys[k].section); k++)
			;
		if (k == NCODE) {
			rc = dorn_err_set(err, DORN_ECONFIG, "%s:%d: unknown section [%s]: the "
					  "sections are outcome, hearing", ini->path,
					  ini->section_lines[i], ini->sections[i]);
			goto out;
		}
	}
	for (size_t i = 0; i < ini->n; i++) {
		rc = code_entry(ini->path, &ini->entries[i], vc, err);
		if (rc)
			goto out;
	}
	for (size_t k = 0; k < NCODE; k++) {
		int line = dorn_ini_section_line(ini, code_keys[k].section);

		if (dorn_ini_get(ini, code_keys[k].section, DAYS_KEY))
			continue;
		if (line)
			rc = dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] has no " DAYS_KEY ": "
					  "add " DAYS_KEY " = 1, the Victims' Code's timing",
					  ini->path, line, code_keys[k].section);
		else
			rc = dorn_err_set(err, DORN_ECONFIG, "%s: [%s] is missing: add it, with "
					  DAYS_KEY " = 1, the Victims' Code's timing", ini->path,
					  code_keys[k].section);
		goto out;
	}
out:
	dorn_ini_free(ini);
	if (rc)
		memset(vc, 0, sizeof *vc);
	return rc;
}
