/* The case-file reader behind `dorn import`: an INI file, read by the
 * config room's line-numbered reader, checked key by key against one table
 * per section and turned into a struct dorn_case. A file is accepted whole
 * or refused whole, so a case is never half-imported; every refusal names
 * the file, the line, the section and the key. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/casefile.h"
#include "dorn/config.h"
#include "dorn/err.h"
#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/rules.h"
#include "dorn/text.h"
#include "dorn/urn.h"

#define NAME_SHOWN 60           /* bytes of a section or key name quoted */

/* Any value up to its field's limit fits on one line, however it is
 * written: every byte of the longest one a line break written \n, plus
 * the key, " = " and quotes. A value is never cut to fit a line. */
_Static_assert(DORN_INI_LINE_MAX >= 2 * DORN_LONG_MAX + 64,
	       "a case-file line must hold the longest value");

enum sec_id { S_CASE = 0, S_VICTIM, S_CONCERN, S_ITEM, S_OUTCOME, S__COUNT };
_Static_assert((int)S_OUTCOME == (int)DORN_PART_OUTCOME && (int)S_ITEM == (int)DORN_PART_ITEM,
	       "a section is its part of the field table");

/* The sections are the parts of the field table (enum dorn_part). */
struct section {
	const char *name;
	const char *required; /* a key that must have a value, or NULL */
	const char *why;      /* what to do when it is missing */
	int needed;           /* the section itself must be there */
};

#define SECTION(name, req, why, needed) { name, req, why, needed }

/* Order follows enum sec_id. */
static const struct section sections[S__COUNT] = {
	SECTION("case", "urn",
		"every case file needs the case's URN, for example urn = 01/AB/12345/26", 1),
	SECTION("victim", "reference",
		"every case file needs the victim's reference (a reference, not their name), "
		"for example reference = WC-2026-0142", 1),
	SECTION("concern", NULL, NULL, 0),
	SECTION("item", "kind", "every item needs a kind", 0),
	SECTION("outcome", NULL, NULL, 0),
};

/* Where a problem is, for the message. key is NULL for the section. */
struct where {
	int line;
	const char *sec;
	const char *key;
};

struct ctx {
	const char *path;
	const struct dorn_offences *off;
	const struct dorn_ini *ini;
	struct dorn_case *c;
	struct dorn_err *err;
	int seen[S__COUNT]; /* line of the section, 0 when absent */
};

/* "FILE:LINE: [section] key: " + what; ":LINE" only when known, " key" only
 * for a key. */
__attribute__((format(printf, 3, 4)))
static int bad(struct ctx *x, const struct where *w, const char *fmt, ...)
{
	char what[DORN_ERR_MSG], at[24] = "";
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (w->line > 0)
		snprintf(at, sizeof at, ":%d", w->line);
	if (w->key)
		return dorn_err_set(x->err, DORN_EDATA, "%s%s: [%.*s] %.*s: %s", x->path, at,
				    NAME_SHOWN, w->sec, NAME_SHOWN, w->key, what);
	return dorn_err_set(x->err, DORN_EDATA, "%s%s: [%.*s]: %s", x->path, at,
			    NAME_SHOWN, w->sec, what);
}

/* INI values are one line, so the two characters \n stand for a line
 * break in text that may have several lines; any other backslash is kept
 * as it is. */
static void unescape_lines(const char *v, char *out)
{
	size_t o = 0;

	for (size_t i = 0; v[i]; i++) {
		if (v[i] == '\\' && v[i + 1] == 'n') {
			out[o++] = '\n';
			i++;
		} else {
			out[o++] = v[i];
		}
	}
	out[o] = '\0';
}

/* ---- sections ---- */

/* "item N" with N from 1 to DORN_ITEMS_MAX, written without leading
 * zeros so that no two spellings name the same position (the INI reader
 * refuses a section that appears twice). Returns N, or 0 after setting the
 * error. */
static int item_position(struct ctx *x, const struct where *w)
{
	const char *p = w->sec + 4;
	int spaced = *p == ' ';
	size_t digits;
	long n = 0;

	p += spaced;
	digits = strspn(p, "0123456789");
	if (digits == 0 || p[digits] != '\0') {
		bad(x, w, "an item section needs a number: write it as [item 1], [item 2] and so on");
		return 0;
	}
	if (!spaced) {
		bad(x, w, "the item number must follow a space: write it as [item %s]", p);
		return 0;
	}
	for (size_t i = 0; i < digits && n <= DORN_ITEMS_MAX; i++)
		n = n * 10 + (p[i] - '0');
	if (n < 1 || n > DORN_ITEMS_MAX) {
		bad(x, w, "the item number must be 1 to %d: renumber the section", DORN_ITEMS_MAX);
		return 0;
	}
	if (*p == '0') {
		bad(x, w, "the item number has a leading zero: write it as [item %ld]", n);
		return 0;
	}
	return (int)n;
}

/* Which section a name is: enum sec_id, or -1 after setting the error. */
static int section_id(struct ctx *x, const struct where *w)
{
	const char *name = w->sec;

	for (int i = 0; i < S__COUNT; i++)
		if (i != S_ITEM && strcmp(name, sections[i].name) == 0)
			return i;
	if (strncmp(name, "item", 4) == 0 &&
	    (name[4] == '\0' || name[4] == ' ' || (name[4] >= '0' && name[4] <= '9')))
		return S_ITEM;
	bad(x, w, "unknown section: the sections are case, victim, concern, item N (N from 1 "
	    "to %d) and outcome", DORN_ITEMS_MAX);
	return -1;
}

static int unknown_key(struct ctx *x, const struct where *w, int part)
{
	char list[512];
	size_t n = 0;

	list[0] = '\0';
	for (size_t i = 0; i < dorn_nfields && n < sizeof list; i++)
		if (dorn_fields[i].part == part)
			n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "",
					      dorn_fields[i].key);
	return bad(x, w, "unknown key: the keys of [%.*s] are %s", NAME_SHOWN, w->sec, list);
}

static int set_field(struct ctx *x, const struct where *w, const struct dorn_field *f,
		     const char *v, void *base)
{
	char lines[DORN_INI_LINE_MAX + 1];
	struct dorn_err e;

	/* The INI reader lets tabs through and checks bytes, not values;
	 * check again so nothing invisible reaches the note. */
	if (!dorn_utf8_valid(v, strlen(v), NULL) || dorn_text_has_control(v, 0))
		return bad(x, w, "contains a tab or a control character: remove it%s",
			   f->type == DORN_FT_LINES ? " (write \\n for a line break)" : "");
	if (f->type == DORN_FT_LINES && strlen(v) < sizeof lines) {
		unescape_lines(v, lines);
		v = lines;
	}
	dorn_err_clear(&e);
	if (dorn_field_parse(f, v, (char *)base + f->off, x->off, &e))
		return bad(x, w, "%s", e.msg);
	return 0;
}

/* Checks that need the whole section. */
static int check_section(struct ctx *x, int id, const char *name, int line, void *base)
{
	const struct section *s = &sections[id];
	const struct dorn_ini_entry *e;
	struct where w = { line, name, NULL };
	char list[256];

	if (s->required) {
		e = dorn_ini_get(x->ini, name, s->required);
		if (!e || !*e->value) {
			const struct dorn_field *f = dorn_field_find(id, s->required);

			w.line = e ? e->line : line;
			w.key = s->required;
			if (f->names)
				return bad(x, &w, "missing: %s (%s)", s->why,
					   dorn_names_list(f->names, " or ", list, sizeof list));
			return bad(x, &w, "missing: %s", s->why);
		}
	}
	if (id == S_VICTIM) {
		const struct dorn_victim *v = base;

		e = dorn_ini_get(x->ini, name, "consent_date");
		if (e && *e->value && v->consent == DORN_CONSENT_NOT_ASKED) {
			w.line = e->line;
			w.key = "consent_date";
			return bad(x, &w, "given, but consent_to_share is not-asked: record the victim's answer in consent_to_share, or remove the date");
		}
	}
	if (id == S_CONCERN) {
		struct dorn_concern *cn = base;

		/* Words about another fear mean that fear is there. */
		if (cn->fear_other[0])
			cn->fears |= DORN_FEAR_OTHER;
	}
	return 0;
}

/* Section i and its keys, which follow it in the entries: the reader keeps
 * entries in file order and refuses a section that appears twice. */
static int read_section(struct ctx *x, size_t i, size_t *next)
{
	const struct dorn_ini *ini = x->ini;
	struct where w = { ini->section_lines[i], ini->sections[i], NULL };
	struct dorn_item *item = NULL;
	const struct dorn_field *f;
	void *base = NULL;
	int id, pos, rc;

	id = section_id(x, &w);
	if (id < 0)
		return DORN_EDATA;
	if (id == S_ITEM) {
		pos = item_position(x, &w);
		if (!pos)
			return DORN_EDATA;
		/* Positions are unique and at most DORN_ITEMS_MAX, so this fits. */
		item = &x->c->items[x->c->nitems];
		item->position = pos;
		item->kind = -1;
		item->value_estimate = -1;
		base = item;
	} else {
		base = id == S_CASE      ? (void *)x->c
		       : id == S_VICTIM  ? (void *)&x->c->victim
		       : id == S_OUTCOME ? (void *)&x->c->outcome
					 : (void *)&x->c->concern;
	}
	x->seen[id] = w.line;
	for (; *next < ini->n && strcmp(ini->entries[*next].section, w.sec) == 0; (*next)++) {
		const struct dorn_ini_entry *e = &ini->entries[*next];
		struct where at = { e->line, w.sec, e->key };

		f = dorn_field_find(id, e->key);
		if (!f)
			return unknown_key(x, &at, id);
		if (e->cut)
			return bad(x, &at, "holds ';' or '#' outside quotes, which starts a "
				   "comment, so the rest of the line would be lost: put the "
				   "whole value in double quotes");
		rc = set_field(x, &at, f, e->value, base);
		if (rc)
			return rc;
	}
	rc = check_section(x, id, w.sec, w.line, base);
	if (rc)
		return rc;
	if (item)
		x->c->nitems++;
	return 0;
}

static int cmp_item(const void *a, const void *b)
{
	const struct dorn_item *x = a, *y = b;

	return (x->position > y->position) - (x->position < y->position);
}

int dorn_casefile_read(const char *path, const struct dorn_offences *off,
		       struct dorn_case *out, struct dorn_err *err)
{
	struct dorn_ini *ini = NULL;
	struct dorn_case *c = NULL;
	struct ctx x;
	size_t next = 0;
	int rc;

	memset(out, 0, sizeof *out);
	rc = dorn_ini_load(path, &ini, err);
	if (rc)
		goto out;
	c = dorn_case_new();
	if (!c) {
		rc = dorn_err_set(err, DORN_ENOMEM,
				  "%s: out of memory: close other programs and try again", path);
		goto out;
	}
	memset(&x, 0, sizeof x);
	x.path = path;
	x.off = off;
	x.ini = ini;
	x.c = c;
	x.err = err;
	for (size_t i = 0; i < ini->nsections; i++) {
		rc = read_section(&x, i, &next);
		if (rc)
			goto out;
	}
	for (int id = 0; id < S__COUNT; id++) {
		struct where w = { 0, sections[id].name, NULL };

		if (sections[id].needed && !x.seen[id]) {
			rc = bad(&x, &w, "missing: %s: add a [%s] section with it",
				 sections[id].why, sections[id].name);
			goto out;
		}
	}
	qsort(c->items, c->nitems, sizeof c->items[0], cmp_item);
	memcpy(out, c, sizeof *out);
out:
	dorn_case_free(c);
	dorn_ini_free(ini);
	return rc;
}
