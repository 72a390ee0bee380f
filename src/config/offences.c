/* data/offences.ini: the offences dorn knows and how the note cites them. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/config.h"
#include "dorn/err.h"
#include "dorn/offences.h"

static const char *const route_words[] = { "intimate-image", "child-images", "related" };

static int yes_no(const char *v, int *out)
{
	if (strcmp(v, "yes") == 0)
		*out = 1;
	else if (strcmp(v, "no") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

static int bad(struct dorn_err *err, const char *path, int line, const char *sec,
	       const char *what)
{
	return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] %s: correct the offences file "
			    "(see the comment at its top)", path, line, sec, what);
}

static int fill(const struct dorn_ini *ini, const char *sec, int secline,
		struct dorn_offence *o, struct dorn_err *err)
{
	static const char *const keys[] = { "statute", "title", "route", "sexual",
					    "possession" };
	const struct dorn_ini_entry *e[5];
	char what[160];

	if (strlen(sec) >= sizeof o->code)
		return bad(err, ini->path, secline, sec, "the code is too long");
	snprintf(o->code, sizeof o->code, "%s", sec);
	for (size_t i = 0; i < 5; i++) {
		e[i] = dorn_ini_get(ini, sec, keys[i]);
		if (!e[i] || !*e[i]->value) {
			snprintf(what, sizeof what, "'%s' is missing", keys[i]);
			return bad(err, ini->path, secline, sec, what);
		}
	}
	if (strlen(e[0]->value) >= sizeof o->statute)
		return bad(err, ini->path, e[0]->line, sec, "statute is too long");
	if (strlen(e[1]->value) >= sizeof o->title)
		return bad(err, ini->path, e[1]->line, sec, "title is too long");
	snprintf(o->statute, sizeof o->statute, "%s", e[0]->value);
	snprintf(o->title, sizeof o->title, "%s", e[1]->value);
	o->route = -1;
	for (int i = 0; i < 3; i++)
		if (strcmp(e[2]->value, route_words[i]) == 0)
			o->route = i;
	if (o->route < 0)
		return bad(err, ini->path, e[2]->line, sec,
			   "route must be intimate-image, child-images or related");
	if (yes_no(e[3]->value, &o->sexual))
		return bad(err, ini->path, e[3]->line, sec, "sexual must be yes or no");
	if (yes_no(e[4]->value, &o->possession))
		return bad(err, ini->path, e[4]->line, sec, "possession must be yes or no");
	return 0;
}

int dorn_data_ini_load(const char *name, const char *path, struct dorn_ini **out,
		       struct dorn_err *err)
{
	char def[PATH_MAX];

	if (!path) {
		/* No data folder at all: say where to get one, not just
		 * which file is missing. */
		if (dorn_config_datadir_check(err))
			return DORN_ECONFIG;
		snprintf(def, sizeof def, "%s/%s", dorn_config_datadir(), name);
		path = def;
	}
	if (dorn_ini_load(path, out, err) == 0)
		return 0;
	if (err)
		err->code = DORN_ECONFIG;
	return DORN_ECONFIG;
}

int dorn_offences_load(const char *path, struct dorn_offences *out, struct dorn_err *err)
{
	struct dorn_ini *ini = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	rc = dorn_data_ini_load("offences.ini", path, &ini, err);
	if (rc)
		return rc;
	path = ini->path;
	for (size_t i = 0; i < ini->n; i++) {
		static const char *const known[] = { "statute", "title", "route", "sexual",
						     "possession" };
		int ok = 0;

		for (size_t k = 0; k < 5; k++)
			ok |= strcmp(ini->entries[i].key, known[k]) == 0;
		if (!ok) {
			rc = dorn_err_set(err, DORN_ECONFIG, "%s:%d: unknown key '%s': the keys "
					  "are statute, title, route, sexual, possession",
					  path, ini->entries[i].line, ini->entries[i].key);
			goto out;
		}
	}
	if (ini->nsections == 0) {
		rc = dorn_err_set(err, DORN_ECONFIG, "%s: no offences: restore the file from "
				  "the dorn package", path);
		goto out;
	}
	out->v = calloc(ini->nsections, sizeof *out->v);
	if (!out->v) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < ini->nsections; i++) {
		rc = fill(ini, ini->sections[i], ini->section_lines[i], &out->v[i], err);
		if (rc)
			goto out;
		out->n++;
	}
out:
	dorn_ini_free(ini);
	if (rc)
		dorn_offences_free(out);
	return rc;
}

void dorn_offences_free(struct dorn_offences *t)
{
	if (!t)
		return;
	free(t->v);
	t->v = NULL;
	t->n = 0;
}
