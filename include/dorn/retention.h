/* Retention review (core room): when a case falls due for review, and
 * why, from the rules a force sets in dorn.ini [retention]. The Data
 * Protection Act 2018 Part 3 asks that what is kept for law enforcement
 * be kept no longer than necessary, with periodic review (s.39); a
 * witness care unit's working copy is needed until the outcome is told,
 * and the note itself lives on in the official case file. Pure: no I/O,
 * no clock (today is given). */
#ifndef DORN_RETENTION_H
#define DORN_RETENTION_H

#include <stddef.h>

#include "dorn/model.h"

/* Days after each event (dorn.ini(5), [retention]). */
struct dorn_retention_rules {
	int told_days;    /* after the victim was told of the outcome, or (recorded
			   * as not told) after the unit received it */
	int contact_days; /* after the last change to a case with a note whose
			   * outcome has not been told */
	int no_note_days; /* after a case with no note was recorded */
};

/* Which rule gave a review date. The names table holds the words of the
 * command line's output: told, not-told, no-note, contact, kept. */
enum dorn_retention_rule {
	DORN_RETAIN_TOLD = 0,  /* told_days after outcome.told_date */
	DORN_RETAIN_NOT_TOLD,  /* told_days after outcome.received (else its date),
				* the outcome saying why the victim was not told */
	DORN_RETAIN_NO_NOTE,   /* no_note_days after created: no note version */
	DORN_RETAIN_CONTACT,   /* contact_days after updated */
	DORN_RETAIN_KEPT,      /* a supervisor kept it until retain_until, later
				* than the rules' date */
	DORN_RETAIN__COUNT
};
extern const struct dorn_names dorn_retention_rule_names;

struct dorn_review {
	char date[11];   /* the review date, YYYY-MM-DD */
	long day;        /* the same, in days since 1970-01-01 */
	int rule;        /* enum dorn_retention_rule */
	char from[11];   /* the date the rule counts from ("" when kept) */
	int days;        /* and how many days after it */
	char ruled[11];  /* the rules' date, before a supervisor's extension */
	int ruled_rule;  /* and the rule that gave it */
	char why[224];   /* "90 days after the victim was told on 2026-12-10" */
};

/* The review date of c (its outcome, created, updated and retain_until are
 * read; has_note: any version of its note exists), by the rules:
 *   - told (or not told): once the outcome records when the victim was told,
 *     told_days after that day; when it records why they were not, told_days
 *     after the unit received the outcome (else after the hearing's date);
 *   - no note: while the case has no note version, no_note_days after the
 *     case was recorded;
 *   - contact: a case with a note whose outcome has not been told,
 *     contact_days after its last change.
 * The latest of the rules that apply (told and no note may both), and
 * never before retain_until: a date a supervisor set that is later wins.
 * DORN_EDATA when c has no date to count from (never stored). */
int dorn_retention_review(const struct dorn_case *c, int has_note,
			  const struct dorn_retention_rules *r, struct dorn_review *out);

/* Due for review: the review date is today or earlier. */
int dorn_retention_due(const struct dorn_review *rv, long today);

/* What an erasure removed, row counts by what they held (the store
 * fills it; the faces say it). */
struct dorn_erased {
	long long items, notes, authors, offences, victim, concern, outcome, dates, search;
	long long figures; /* figure rows kept (no personal data), marked erased */
};

/* What of the case a text names that must not outlive it: its URN (in
 * any spelling, or its number alone), the victim's reference or name, the
 * defendant's name. For reasons the audit log keeps after an erasure.
 * Returns 0 when none, else 1 with what (e.g. "the victim's name 'Zoe'")
 * in out. */
int dorn_retention_names_case(const struct dorn_case *c, const char *text, char *out,
			      size_t n);

#endif
