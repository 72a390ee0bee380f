/* data/problems.ini and the note template: the words dorn uses, read from
 * files that legal services can correct without a rebuild. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dorn/config.h"
#include "dorn/err.h"
#include "dorn/note.h"
#include "dorn/offences.h"
#include "dorn/text.h"
#include "dorn/tmpl.h"

static int problem_code(const char *name)
{
	for (int i = 0; i < DORN_PROBLEM__COUNT; i++)
		if (strcmp(dorn_problem_name(i), name) == 0)
			return i;
	return -1;
}

static int parse(const struct dorn_ini_entry *e, const char *path, struct dorn_tmpl **out,
		 struct dorn_err *err)
{
	char origin[PATH_MAX + 64];
	int rc;

	snprintf(origin, sizeof origin, "%s:%d: [%s] %s", path, e->line, e->section, e->key);
	rc = dorn_tmpl_parse(e->value, strlen(e->value), origin, out, err);
	if (rc && err)
		err->code = DORN_ECONFIG;
	return rc ? DORN_ECONFIG : 0;
}

int dorn_wording_load(const char *path, struct dorn_wording *w, struct dorn_err *err)
{
	struct dorn_ini *ini = NULL;
	const struct dorn_ini_entry *e;
	int rc, code;

	memset(w, 0, sizeof *w);
	rc = dorn_data_ini_load("problems.ini", path, &ini, err);
	if (rc)
		return rc;
	path = ini->path;
	for (size_t i = 0; i < ini->n; i++) {
		e = &ini->entries[i];
		code = problem_code(e->section);
		if (code < 0) {
			rc = dorn_err_set(err, DORN_ECONFIG, "%s:%d: unknown section [%s]: the "
					  "sections are the problem names of dorn-case(5)",
					  path, dorn_ini_section_line(ini, e->section), e->section);
			goto out;
		}
		if (strcmp(e->key, "note") == 0)
			rc = parse(e, path, &w->note[code], err);
		else if (strcmp(e->key, "screen") == 0)
			rc = parse(e, path, &w->screen[code], err);
		else
			rc = dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] unknown key '%s': the "
					  "keys are note and screen", path, e->line,
					  e->section, e->key);
		if (rc)
			goto out;
	}
	for (int i = 0; i < DORN_PROBLEM__COUNT; i++) {
		if (!w->note[i] || !w->screen[i]) {
			rc = dorn_err_set(err, DORN_ECONFIG, "%s: [%s] needs both note and screen "
					  "texts: restore them from the dorn package", path,
					  dorn_problem_name(i));
			goto out;
		}
	}
out:
	dorn_ini_free(ini);
	if (rc)
		dorn_wording_fini(w);
	return rc;
}

/* Read a template file: path, or <datadir>/templates/<name> when it is
 * NULL or ""; what and key name it in messages. */
static int template_load(const char *path, const char *name, const char *what,
			 const char *key, struct dorn_tmpl **out, struct dorn_err *err)
{
	char def[PATH_MAX];
	struct stat sb;
	FILE *f = NULL;
	char *text = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	if (!path || !*path) {
		snprintf(def, sizeof def, "%s/templates/%s", dorn_config_datadir(), name);
		path = def;
	}
	f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		rc = dorn_err_set(err, DORN_ECONFIG, "%s: cannot read the %s: %s: "
				  "check [note] %s in dorn.ini", path, what,
				  f ? "not a regular file" : strerror(errno), key);
		goto out;
	}
	if (sb.st_size > 1024 * 1024) {
		rc = dorn_err_set(err, DORN_ECONFIG, "%s: the %s is over 1 MiB: "
				  "check [note] %s in dorn.ini", path, what, key);
		goto out;
	}
	text = malloc((size_t)sb.st_size + 1);
	if (!text) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		goto out;
	}
	n = fread(text, 1, (size_t)sb.st_size, f);
	text[n] = '\0';
	rc = dorn_tmpl_parse(text, n, path, out, err);
	if (rc) {
		if (err)
			err->code = DORN_ECONFIG;
		rc = DORN_ECONFIG;
	}
out:
	if (f)
		fclose(f);
	free(text);
	return rc;
}

int dorn_template_load(const char *path, struct dorn_tmpl **out, struct dorn_err *err)
{
	return template_load(path, "note.txt", "note template", "template", out, err);
}

int dorn_order_template_load(const char *path, struct dorn_tmpl **out,
			     struct dorn_err *err)
{
	return template_load(path, "order.txt", "annex template", "order_template", out,
			     err);
}
