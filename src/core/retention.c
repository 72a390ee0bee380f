/* Retention review: a case's review date from the force's rules, and the
 * plain sentence that says why; and whether a text names the case, for
 * the reasons the audit log keeps after the case is erased. Pure. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/err.h"
#include "dorn/retention.h"
#include "dorn/text.h"
#include "dorn/urn.h"

static const char *const rule_words[] = { "told", "not-told", "no-note", "contact", "kept" };
const struct dorn_names dorn_retention_rule_names = { rule_words,
						      sizeof rule_words / sizeof rule_words[0] };
_Static_assert(sizeof rule_words / sizeof rule_words[0] == DORN_RETAIN__COUNT,
	       "one word per rule");

/* The calendar day of "YYYY-MM-DD" or of a "YYYY-MM-DDTHH:MM:SSZ" stamp
 * (its first ten characters): 1 and *day, or 0 when there is none. */
static int day_of(const char *text, long *day)
{
	char d10[11];
	struct dorn_date d;

	if (!text || strlen(text) < 10)
		return 0;
	memcpy(d10, text, 10);
	d10[10] = '\0';
	if (dorn_date_parse(d10, &d, NULL))
		return 0;
	*day = dorn_date_to_days(&d);
	return 1;
}

static void iso_of(long day, char out[11])
{
	struct dorn_date d;

	dorn_date_from_days(day, &d);
	dorn_date_iso(&d, out);
}

/* One rule that applies: its date, and the sentence. */
struct candidate {
	int rule;
	long from, day;
	int days;
	const char *what; /* "after the victim was told on", ... */
	const char *tail; /* after the date: "" or " (the victim was not told)" */
};

static void candidate(struct candidate *c, int rule, long from, int days, const char *what,
		      const char *tail)
{
	c->rule = rule;
	c->from = from;
	c->days = days;
	c->day = from + days;
	c->what = what;
	c->tail = tail;
}

int dorn_retention_review(const struct dorn_case *c, int has_note,
			  const struct dorn_retention_rules *r, struct dorn_review *out)
{
	struct candidate cand[2], *best = NULL;
	const struct dorn_outcome *o = &c->outcome;
	size_t n = 0;
	long from, kept;
	int told = 0;
	char from_iso[11];

	memset(out, 0, sizeof *out);
	/* The outcome has reached the victim, or the unit recorded why it
	 * could not: the case has done what it was kept for. */
	if (day_of(o->told_date, &from)) {
		candidate(&cand[n++], DORN_RETAIN_TOLD, from, r->told_days,
			  "after the victim was told on", "");
		told = 1;
	} else if (*o->not_told && day_of(o->received, &from)) {
		candidate(&cand[n++], DORN_RETAIN_NOT_TOLD, from, r->told_days,
			  "after the outcome was received on", " (the victim was not told)");
		told = 1;
	} else if (*o->not_told && day_of(o->date, &from)) {
		candidate(&cand[n++], DORN_RETAIN_NOT_TOLD, from, r->told_days,
			  "after the hearing's outcome on", " (the victim was not told)");
		told = 1;
	}
	/* A concern that never became a note is kept for a while from when it
	 * was recorded, however often it was touched since. */
	if (!has_note && day_of(c->created, &from))
		candidate(&cand[n++], DORN_RETAIN_NO_NOTE, from, r->no_note_days,
			  "after the case was recorded on", ", with no note");
	/* Still going: a case nobody has changed for a long time. Recording
	 * the outcome or telling the victim is itself a change, so the told
	 * rule would never count if this applied to told cases too. */
	if (!told && has_note && (day_of(c->updated, &from) || day_of(c->created, &from)))
		candidate(&cand[n++], DORN_RETAIN_CONTACT, from, r->contact_days,
			  "after the case last changed on", "");
	for (size_t i = 0; i < n; i++)
		if (!best || cand[i].day > best->day)
			best = &cand[i];
	if (!best)
		return DORN_EDATA;
	out->rule = out->ruled_rule = best->rule;
	out->days = best->days;
	out->day = best->day;
	iso_of(best->from, out->from);
	iso_of(best->day, out->date);
	memcpy(out->ruled, out->date, sizeof out->ruled);
	memcpy(from_iso, out->from, sizeof from_iso);
	snprintf(out->why, sizeof out->why, "%d day%s %s %s%s", best->days,
		 best->days == 1 ? "" : "s", best->what, from_iso, best->tail);
	/* A supervisor's extension moves the review later, never earlier. */
	if (day_of(c->retain_until, &kept) && kept > best->day) {
		char rules_why[sizeof out->why];

		memcpy(rules_why, out->why, sizeof rules_why);
		out->rule = DORN_RETAIN_KEPT;
		out->day = kept;
		out->days = 0;
		out->from[0] = '\0';
		iso_of(kept, out->date);
		snprintf(out->why, sizeof out->why, "kept by a supervisor until %s (by the rules, "
			 "%.150s)", out->date, rules_why);
	}
	return 0;
}

int dorn_retention_due(const struct dorn_review *rv, long today)
{
	return rv->date[0] && rv->day <= today;
}

/* ---- what a reason must not hold ---- */

static char lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* The plain letter of each accented Latin letter from U+00C0 to U+017F
 * ('.': none, kept as it is), so that "Lapinska" is found in "Łapińska"
 * as the search finds it (SQLite's unicode61 with remove_diacritics). */
static const char latin1[] = "AAAAAA.CEEEEIIIIDNOOOOO.OUUUUY..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y";
static const char latin_a[] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLl"
			      "LlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
_Static_assert(sizeof latin1 == 64 + 1 && sizeof latin_a == 128 + 1, "one letter each");

/* s folded as the search folds it (Ł to L, ...), without accents and in
 * ASCII lower case: a new string, or NULL when out of memory. */
static char *folded(const char *s)
{
	size_t n = strlen(s), w = 0;
	char *f = malloc(n + 1), *out = malloc(n + 1);

	if (!f || !out) {
		free(f);
		free(out);
		return NULL;
	}
	dorn_text_fold(s, f);
	n = strlen(f);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = dorn_utf8_decode(f + i, n - i, &cp);
		char plain = cp >= 0xC0 && cp < 0x100    ? latin1[cp - 0xC0]
			     : cp >= 0x100 && cp < 0x180 ? latin_a[cp - 0x100]
							 : '.';

		if (plain != '.') {
			out[w++] = lower(plain);
		} else {
			for (size_t k = 0; k < len; k++)
				out[w++] = lower(f[i + k]);
		}
		i += len;
	}
	out[w] = '\0';
	free(f);
	return out;
}

/* A byte that is part of a word: letters and digits, and every byte of a
 * character beyond ASCII (Zoë is one word). */
static int wordish(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch >= 0x80;
}

/* word (folded) appears in text (folded) as a whole word. */
static int has_word(const char *text, const char *word, size_t len)
{
	for (const char *p = text; (p = strstr(p, word)) != NULL; p++) {
		int before = p > text && wordish((unsigned char)p[-1]);
		int after = wordish((unsigned char)p[len]);

		if (!before && !after)
			return 1;
	}
	return 0;
}

/* Each word of name (two characters or more) against text: 1 and the word
 * in out when one is there. */
static int names_word(const char *text, const char *name, char *out, size_t n)
{
	char *f = folded(name);
	int found = 0;

	if (!f)
		return 0;
	for (char *p = f; *p && !found;) {
		size_t len = 0;

		while (*p && !wordish((unsigned char)*p))
			p++;
		while (wordish((unsigned char)p[len]))
			len++;
		if (len >= 2) {
			char save = p[len];

			p[len] = '\0';
			found = has_word(text, p, len);
			if (found)
				snprintf(out, n, "%s", p);
			p[len] = save;
		}
		p += len;
	}
	free(f);
	return found;
}

int dorn_retention_names_case(const struct dorn_case *c, const char *text, char *out,
			      size_t n)
{
	char *t = folded(text), *alnum = NULL, word[DORN_SHORT_MAX + 1], number[8];
	size_t k = 0, len = strlen(c->urn);
	int found = 0;

	if (n)
		out[0] = '\0';
	if (!t)
		return 0;
	/* The URN in any spelling: its letters and digits in a row. */
	alnum = malloc(strlen(text) + 1);
	if (alnum) {
		for (const char *p = text; *p; p++)
			if (wordish((unsigned char)*p) && (unsigned char)*p < 0x80)
				alnum[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
		alnum[k] = '\0';
		if (len >= 11 && strstr(alnum, c->urn)) {
			snprintf(out, n, "the URN");
			found = 1;
		}
		free(alnum);
	}
	/* Its number alone (the digits between the unit and the year). */
	if (!found && len >= 11) {
		size_t nlen = len - 6;

		memcpy(number, c->urn + 4, nlen);
		number[nlen] = '\0';
		if (has_word(t, number, nlen)) {
			snprintf(out, n, "the URN's number %s", number);
			found = 1;
		}
	}
	if (!found && strlen(c->victim.reference) >= 3) {
		char *ref = folded(c->victim.reference);

		if (ref && strstr(t, ref)) {
			snprintf(out, n, "the victim's reference");
			found = 1;
		}
		free(ref);
	}
	if (!found && names_word(t, c->victim.name, word, sizeof word)) {
		snprintf(out, n, "the victim's name ('%s')", word);
		found = 1;
	}
	if (!found && names_word(t, c->defendant, word, sizeof word)) {
		snprintf(out, n, "the defendant's name ('%s')", word);
		found = 1;
	}
	free(t);
	return found;
}
