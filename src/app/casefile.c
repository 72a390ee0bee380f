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
#include "dorn/model.h"
#include "dorn/rules.h"
#include "dorn/text.h"
#include "dorn/urn.h"

#define SHOWN_CHARS 40          /* characters of a value quoted in a message */
#define NAME_SHOWN 60           /* bytes of a section or key name quoted */
#define POUNDS_MAX 10000000L
#define CODE_MAX 32             /* sizeof struct dorn_case.offences[0] */

/* How a value is read and stored. */
enum ftype {
	F_TEXT,     /* text, kept as it is */
	F_LINES,    /* text in which the two characters \n mean a line break */
	F_URN,      /* normalised, no separators */
	F_DATE,     /* stored as YYYY-MM-DD */
	F_WORD,     /* one word of a names table, stored as int */
	F_SET,      /* comma-separated words of a names table, stored as bits */
	F_OFFENCES, /* comma-separated offence codes, into the case's list */
	F_POUNDS,   /* whole pounds, stored as long; -1 for "unknown" */
	F__COUNT
};

struct field {
	const char *key;
	int type;                       /* enum ftype */
	size_t off;                     /* of the member in the section's struct */
	size_t size;                    /* of the member */
	const struct dorn_names *names; /* F_WORD, F_SET */
};

#define MEMBER_SIZE(st, m) sizeof(((struct st *)0)->m)
#define FIELD(st, key, type, m, names) \
	{ key, type, offsetof(struct st, m), MEMBER_SIZE(st, m), names }

static const struct field case_fields[] = {
	FIELD(dorn_case, "urn", F_URN, urn, NULL),
	FIELD(dorn_case, "defendant", F_TEXT, defendant, NULL),
	FIELD(dorn_case, "court", F_TEXT, court, NULL),
	FIELD(dorn_case, "stage", F_WORD, stage, &dorn_stage_names),
	FIELD(dorn_case, "offences", F_OFFENCES, offences, NULL),
	FIELD(dorn_case, "next_hearing", F_DATE, next_hearing, NULL),
	FIELD(dorn_case, "next_hearing_type", F_TEXT, next_hearing_type, NULL),
	FIELD(dorn_case, "sentencing_date", F_DATE, sentencing_date, NULL),
	FIELD(dorn_case, "officer_in_case", F_TEXT, officer_in_case, NULL),
	FIELD(dorn_case, "lawyer", F_TEXT, lawyer, NULL),
};

static const struct field victim_fields[] = {
	FIELD(dorn_victim, "reference", F_TEXT, reference, NULL),
	FIELD(dorn_victim, "name", F_TEXT, name, NULL),
	FIELD(dorn_victim, "under_18_at_images", F_WORD, under_18, &dorn_tri_names),
	FIELD(dorn_victim, "consent_to_share", F_WORD, consent, &dorn_consent_names),
	FIELD(dorn_victim, "consent_date", F_DATE, consent_date, NULL),
	FIELD(dorn_victim, "safe_contact", F_TEXT, safe_contact, NULL),
	FIELD(dorn_victim, "needs", F_TEXT, needs, NULL),
	FIELD(dorn_victim, "outcome_contact", F_TEXT, outcome_contact, NULL),
	FIELD(dorn_victim, "support_offered", F_SET, support, &dorn_support_names),
};

static const struct field concern_fields[] = {
	FIELD(dorn_concern, "fears", F_SET, fears, &dorn_fear_names),
	FIELD(dorn_concern, "fear_other", F_TEXT, fear_other, NULL),
	FIELD(dorn_concern, "victim_words", F_LINES, victim_words, NULL),
	FIELD(dorn_concern, "impact", F_LINES, impact, NULL),
};

static const struct field item_fields[] = {
	FIELD(dorn_item, "kind", F_WORD, kind, &dorn_kind_names),
	FIELD(dorn_item, "description", F_TEXT, description, NULL),
	FIELD(dorn_item, "owner", F_WORD, owner, &dorn_owner_names),
	FIELD(dorn_item, "owner_detail", F_TEXT, owner_detail, NULL),
	FIELD(dorn_item, "seized", F_WORD, seized, &dorn_tri_names),
	FIELD(dorn_item, "exhibit_ref", F_TEXT, exhibit_ref, NULL),
	FIELD(dorn_item, "how_used", F_SET, how_used, &dorn_use_names),
	FIELD(dorn_item, "examined", F_WORD, examined, &dorn_tri_names),
	FIELD(dorn_item, "value_estimate", F_POUNDS, value_estimate, NULL),
	FIELD(dorn_item, "effect", F_TEXT, effect, NULL),
	FIELD(dorn_item, "lawful_data", F_WORD, lawful_data, &dorn_tri_names),
	FIELD(dorn_item, "held_by", F_WORD, held_by, &dorn_held_names),
};

/* The setters below write through these types. */
_Static_assert(MEMBER_SIZE(dorn_case, urn) == DORN_URN_MAX, "urn buffer");
_Static_assert(MEMBER_SIZE(dorn_case, next_hearing) == 11, "date buffer");
_Static_assert(MEMBER_SIZE(dorn_case, offences[0]) == CODE_MAX, "offence code");
_Static_assert(MEMBER_SIZE(dorn_item, value_estimate) == sizeof(long), "pounds");
_Static_assert(MEMBER_SIZE(dorn_item, kind) == sizeof(int), "word");
_Static_assert(MEMBER_SIZE(dorn_item, how_used) == sizeof(unsigned), "set");

enum sec_id { S_CASE = 0, S_VICTIM, S_CONCERN, S_ITEM, S__COUNT };

struct section {
	const char *name;
	const struct field *fields;
	size_t nfields;
	const char *required; /* a key that must have a value, or NULL */
	const char *why;      /* what to do when it is missing */
	int needed;           /* the section itself must be there */
};

#define SECTION(name, fields, req, why, needed) \
	{ name, fields, sizeof fields / sizeof fields[0], req, why, needed }

/* Order follows enum sec_id. */
static const struct section sections[S__COUNT] = {
	SECTION("case", case_fields, "urn",
		"every case file needs the case's URN, for example urn = 01/AB/12345/26", 1),
	SECTION("victim", victim_fields, "reference",
		"every case file needs the victim's reference (a reference, not their name), "
		"for example reference = WC-2026-0142", 1),
	SECTION("concern", concern_fields, NULL, NULL, 0),
	SECTION("item", item_fields, "kind", "every item needs a kind", 0),
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

/* At most SHOWN_CHARS characters of v, cut at a character boundary, tabs
 * as spaces: values reach here as checked UTF-8 without controls. */
static const char *shown(const char *v, char *out, size_t n)
{
	size_t i = 0, w = 0, chars = 0, len = strlen(v), step;

	while (i < len && chars < SHOWN_CHARS) {
		step = dorn_utf8_next(v, len, i) - i;
		if (w + step + 4 > n)
			break;
		memcpy(out + w, v + i, step);
		w += step;
		i += step;
		chars++;
	}
	if (i < len)
		w += (size_t)snprintf(out + w, n - w, "...");
	out[w] = '\0';
	for (char *p = out; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return out;
}

/* "a, b, c" + last + "d" into out. */
static const char *word_list(const struct dorn_names *t, const char *last, char *out,
			     size_t n)
{
	size_t w = 0;

	out[0] = '\0';
	for (size_t i = 0; i < t->n && w < n; i++)
		w += (size_t)snprintf(out + w, n - w, "%s%s",
				      i == 0 ? "" : i + 1 == t->n ? last : ", ",
				      t->words[i]);
	return out;
}

/* ASCII lower case of v into out; 0 when it does not fit. */
static int lowered(const char *v, char *out, size_t n)
{
	size_t len = strlen(v);

	if (len >= n)
		return 0;
	for (size_t i = 0; i <= len; i++)
		out[i] = (v[i] >= 'A' && v[i] <= 'Z') ? (char)(v[i] - 'A' + 'a') : v[i];
	return 1;
}

/* ---- one setter per field type ---- */

typedef int (*setter)(struct ctx *x, const struct where *w, const struct field *f,
		      const char *v, void *dst);

static int too_long(struct ctx *x, const struct where *w, size_t len, size_t limit)
{
	return bad(x, w, "is %zu bytes long, the limit is %zu: shorten it", len, limit);
}

static int set_text(struct ctx *x, const struct where *w, const struct field *f,
		    const char *v, void *dst)
{
	size_t len = strlen(v);

	if (len > f->size - 1)
		return too_long(x, w, len, f->size - 1);
	memcpy(dst, v, len + 1);
	return 0;
}

/* INI values are one line, so the two characters \n stand for a line
 * break; any other backslash is kept as it is. */
static int set_lines(struct ctx *x, const struct where *w, const struct field *f,
		     const char *v, void *dst)
{
	size_t len = strlen(v), breaks = 0, o = 0;
	char *d = dst;

	for (const char *p = v; (p = strstr(p, "\\n")) != NULL; p += 2)
		breaks++;
	if (len - breaks > f->size - 1)
		return too_long(x, w, len - breaks, f->size - 1);
	for (size_t i = 0; i < len; i++) {
		if (v[i] == '\\' && v[i + 1] == 'n') {
			d[o++] = '\n';
			i++;
		} else {
			d[o++] = v[i];
		}
	}
	d[o] = '\0';
	return 0;
}

static int set_urn(struct ctx *x, const struct where *w, const struct field *f,
		   const char *v, void *dst)
{
	struct dorn_err e;

	(void)f;
	dorn_err_clear(&e);
	if (dorn_urn_parse(v, dst, &e) != 0)
		return bad(x, w, "%s", e.msg);
	return 0;
}

static int set_date(struct ctx *x, const struct where *w, const struct field *f,
		    const char *v, void *dst)
{
	struct dorn_date d;
	struct dorn_err e;

	(void)f;
	dorn_err_clear(&e);
	if (dorn_date_parse(v, &d, &e) != 0)
		return bad(x, w, "%s", e.msg);
	dorn_date_iso(&d, dst);
	return 0;
}

static int set_word(struct ctx *x, const struct where *w, const struct field *f,
		    const char *v, void *dst)
{
	char word[64], show[SHOWN_CHARS * 4 + 4], list[256];
	int i = -1;

	if (lowered(v, word, sizeof word))
		i = dorn_name_lookup(f->names, word);
	if (i < 0)
		return bad(x, w, "'%s' is not allowed: use %s", shown(v, show, sizeof show),
			   word_list(f->names, " or ", list, sizeof list));
	*(int *)dst = i;
	return 0;
}

static int set_set(struct ctx *x, const struct where *w, const struct field *f,
		   const char *v, void *dst)
{
	char words[DORN_INI_LINE_MAX + 1], word[64], show[SHOWN_CHARS * 4 + 4];
	char list[256];
	unsigned bits = 0;

	if (!lowered(v, words, sizeof words))
		return too_long(x, w, strlen(v), sizeof words - 1);
	word[0] = '\0';
	if (dorn_names_to_bits(f->names, words, &bits, word, sizeof word) != 0) {
		/* The word may have been cut inside a character. */
		dorn_text_strip(word, 0);
		return bad(x, w, "'%s' is not allowed: use one or more of %s, separated by commas",
			   shown(word, show, sizeof show),
			   word_list(f->names, " and ", list, sizeof list));
	}
	*(unsigned *)dst = bits;
	return 0;
}

/* Every code in the table, for "use one of ...". */
static const char *code_list(const struct dorn_offences *t, char *out, size_t n)
{
	size_t w = 0;

	out[0] = '\0';
	for (size_t i = 0; i < t->n && w < n; i++)
		w += (size_t)snprintf(out + w, n - w, "%s%s", i ? ", " : "", t->v[i].code);
	return out;
}

static int set_offences(struct ctx *x, const struct where *w, const struct field *f,
			const char *v, void *dst)
{
	char words[DORN_INI_LINE_MAX + 1], show[SHOWN_CHARS * 4 + 4], list[600];
	char (*codes)[CODE_MAX] = dst;
	size_t n = 0, len;
	char *p, *end;

	(void)f;
	if (!lowered(v, words, sizeof words))
		return too_long(x, w, strlen(v), sizeof words - 1);
	for (p = words; *p; p = end) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			break;
		len = strcspn(p, ",");
		end = p + len;
		if (*end)
			*end++ = '\0';
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			p[--len] = '\0';
		if (x->off && !dorn_offence_find(x->off, p))
			return bad(x, w, "'%s' is not an offence code dorn knows: use codes from offences.ini (%s)",
				   shown(p, show, sizeof show),
				   code_list(x->off, list, sizeof list));
		if (len >= CODE_MAX)
			return bad(x, w, "'%s' is not an offence code: codes are at most %d characters, like soa66b2",
				   shown(p, show, sizeof show), CODE_MAX - 1);
		for (size_t i = 0; i < n; i++)
			if (strcmp(codes[i], p) == 0)
				return bad(x, w, "'%s' is listed twice: list each offence once",
					   shown(p, show, sizeof show));
		if (n == DORN_OFFENCES_MAX)
			return bad(x, w, "more than %d offences: list at most %d, starting with those the devices were used for",
				   DORN_OFFENCES_MAX, DORN_OFFENCES_MAX);
		memcpy(codes[n++], p, len + 1);
	}
	x->c->noffences = n;
	return 0;
}

/* "450", "£450", "£ 450", or "unknown". */
static int set_pounds(struct ctx *x, const struct where *w, const struct field *f,
		      const char *v, void *dst)
{
	char show[SHOWN_CHARS * 4 + 4], word[16];
	const char *p = v;
	long pounds = 0;
	size_t digits = 0;

	(void)f;
	if (lowered(v, word, sizeof word) && strcmp(word, "unknown") == 0) {
		*(long *)dst = -1;
		return 0;
	}
	if (strncmp(p, "\xC2\xA3", 2) == 0) /* £ */
		for (p += 2; *p == ' ' || *p == '\t'; p++)
			;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		if (pounds <= POUNDS_MAX)
			pounds = pounds * 10 + (*p - '0');
	if (digits == 0 || *p)
		return bad(x, w, "'%s' is not a whole number of pounds: write it like 450 or £450, or unknown",
			   shown(v, show, sizeof show));
	if (pounds > POUNDS_MAX)
		return bad(x, w, "'%s' is more than £%ld: check it, and give whole pounds from 0 to %ld",
			   shown(v, show, sizeof show), POUNDS_MAX, POUNDS_MAX);
	*(long *)dst = pounds;
	return 0;
}

static const setter setters[F__COUNT] = {
	[F_TEXT] = set_text,     [F_LINES] = set_lines,       [F_URN] = set_urn,
	[F_DATE] = set_date,     [F_WORD] = set_word,         [F_SET] = set_set,
	[F_OFFENCES] = set_offences, [F_POUNDS] = set_pounds,
};

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

	for (int i = 0; i < S_ITEM; i++)
		if (strcmp(name, sections[i].name) == 0)
			return i;
	if (strncmp(name, "item", 4) == 0 &&
	    (name[4] == '\0' || name[4] == ' ' || (name[4] >= '0' && name[4] <= '9')))
		return S_ITEM;
	bad(x, w, "unknown section: the sections are case, victim, concern and item N (N from 1 to %d)",
	    DORN_ITEMS_MAX);
	return -1;
}

static const struct field *find_field(const struct section *s, const char *key)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].key, key) == 0)
			return &s->fields[i];
	return NULL;
}

static int unknown_key(struct ctx *x, const struct where *w, const struct section *s)
{
	char list[512];
	size_t n = 0;

	list[0] = '\0';
	for (size_t i = 0; i < s->nfields && n < sizeof list; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "",
				      s->fields[i].key);
	return bad(x, w, "unknown key: the keys of [%.*s] are %s", NAME_SHOWN, w->sec, list);
}

static int set_field(struct ctx *x, const struct where *w, const struct field *f,
		     const char *v, void *base)
{
	/* The INI reader lets tabs through and checks bytes, not values;
	 * check again so nothing invisible reaches the note. */
	if (!dorn_utf8_valid(v, strlen(v), NULL) || dorn_text_has_control(v, 0))
		return bad(x, w, "contains a tab or a control character: remove it%s",
			   f->type == F_LINES ? " (write \\n for a line break)" : "");
	if (!*v)
		return 0; /* an empty value is the same as leaving the key out */
	return setters[f->type](x, w, f, v, (char *)base + f->off);
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
			const struct field *f = find_field(s, s->required);

			w.line = e ? e->line : line;
			w.key = s->required;
			if (f->names)
				return bad(x, &w, "missing: %s (%s)", s->why,
					   word_list(f->names, " or ", list, sizeof list));
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
	const struct field *f;
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
		base = id == S_CASE ? (void *)x->c : id == S_VICTIM ? (void *)&x->c->victim
								  : (void *)&x->c->concern;
	}
	x->seen[id] = w.line;
	for (; *next < ini->n && strcmp(ini->entries[*next].section, w.sec) == 0; (*next)++) {
		const struct dorn_ini_entry *e = &ini->entries[*next];
		struct where at = { e->line, w.sec, e->key };

		f = find_field(&sections[id], e->key);
		if (!f)
			return unknown_key(x, &at, &sections[id]);
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
