/* data/outcome-scripts.ini: what the officer can say when telling the
 * victim what the court decided about the devices, for an adult and for
 * someone under 18. Legal services and the unit can correct the words
 * without a rebuild. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/config.h"
#include "dorn/datafiles.h"
#include "dorn/err.h"
#include "dorn/outcome.h"

static size_t words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s; s++) {
		int blank = *s == ' ' || *s == '\t';

		n += !blank && !in;
		in = !blank;
	}
	return n;
}

/* The sections, for messages: "order_made, forfeiture, ...". */
static void section_list(char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (int r = DORN_RESULT_NONE + 1; r < DORN_RESULT__COUNT && len < n; r++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", len ? ", " : "",
					dorn_result_key(r));
}

static int entry(const char *path, const struct dorn_ini_entry *e, struct dorn_scripts *s,
		 struct dorn_err *err)
{
	char list[128];
	const char **slot;
	size_t nw;
	int r = dorn_result_from_key(e->section);

	if (r <= DORN_RESULT_NONE) {
		section_list(list, sizeof list);
		return dorn_err_set(err, DORN_ECONFIG, "%s:%d: unknown section [%s]: the "
				    "sections are %s", path, e->line, e->section, list);
	}
	if (strcmp(e->key, "adult") == 0)
		slot = &s->adult[r];
	else if (strcmp(e->key, "child") == 0)
		slot = &s->child[r];
	else
		return dorn_err_set(err, DORN_ECONFIG, "%s:%d: unknown key '%s' in [%s]: the "
				    "keys are adult and child", path, e->line, e->key,
				    e->section);
	if (e->cut)
		return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] %s was cut short at ';' or "
				    "'#': put the whole script in double quotes", path, e->line,
				    e->section, e->key);
	nw = words(e->value);
	if (nw == 0)
		return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] %s is empty: write what the "
				    "officer can say", path, e->line, e->section, e->key);
	if (nw > DORN_SCRIPT_WORDS_MAX)
		return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] %s is %zu words long, the "
				    "limit is %d: shorten it, it is said aloud to a victim", path,
				    e->line, e->section, e->key, nw, DORN_SCRIPT_WORDS_MAX);
	if (strstr(e->value, "{{"))
		return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] %s holds '{{', but scripts "
				    "take no placeholders: write the words out", path, e->line,
				    e->section, e->key);
	*slot = strdup(e->value);
	if (!*slot)
		return dorn_err_set(err, DORN_ENOMEM, "%s: out of memory: close other programs "
				    "and try again", path);
	return 0;
}

/* Both scripts of every result are there, else say which to add. */
static int complete(const struct dorn_ini *ini, const struct dorn_scripts *s,
		    struct dorn_err *err)
{
	for (int r = DORN_RESULT_NONE + 1; r < DORN_RESULT__COUNT; r++) {
		const char *key = dorn_result_key(r);
		int line = dorn_ini_section_line(ini, key);

		if (!line)
			return dorn_err_set(err, DORN_ECONFIG, "%s: [%s] is missing (%s): add it, "
					    "with adult = \"...\" and child = \"...\", what the "
					    "officer can say to the victim", ini->path, key,
					    dorn_result_label(r));
		if (!s->adult[r])
			return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] has no adult script: "
					    "add adult = \"...\", what the officer can say to a "
					    "victim who is 18 or over", ini->path, line, key);
		if (!s->child[r])
			return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] has no child script: "
					    "add child = \"...\", what the officer can say to a "
					    "victim under 18", ini->path, line, key);
	}
	return 0;
}

int dorn_scripts_load(const char *path, struct dorn_scripts *s, struct dorn_err *err)
{
	struct dorn_ini *ini = NULL;
	char list[128];
	int rc;

	memset(s, 0, sizeof *s);
	rc = dorn_data_ini_load("outcome-scripts.ini", path && *path ? path : NULL, &ini, err);
	if (rc)
		goto out;
	/* A section without keys has no entry: name an unknown one too. */
	for (size_t i = 0; i < ini->nsections; i++) {
		if (dorn_result_from_key(ini->sections[i]) > DORN_RESULT_NONE)
			continue;
		section_list(list, sizeof list);
		rc = dorn_err_set(err, DORN_ECONFIG, "%s:%d: unknown section [%s]: the sections "
				  "are %s", ini->path, ini->section_lines[i], ini->sections[i],
				  list);
		goto out;
	}
	for (size_t i = 0; i < ini->n; i++) {
		rc = entry(ini->path, &ini->entries[i], s, err);
		if (rc)
			goto out;
	}
	rc = complete(ini, s, err);
out:
	dorn_ini_free(ini);
	if (rc)
		dorn_scripts_fini(s);
	return rc;
}
