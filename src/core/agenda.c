/* The worklist: one case's duties as of today, and the list's order
 * (agenda.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/agenda.h"
#include "dorn/duties.h"
#include "dorn/model.h"
#include "dorn/record.h"
#include "dorn/review.h"
#include "dorn/rules.h"
#include "dorn/urn.h"

/* One table: the kind's word, its label and who it is for. */
static const struct kind {
	const char *key;
	const char *label;
	const char *title;
	int role;
} kinds[DORN_DUTY__COUNT] = {
	[DORN_DUTY_TELL_OVERDUE] = { "tell-overdue", "OVERDUE",
		"Tell the victim the outcome (overdue)", DORN_ROLE_OFFICER },
	[DORN_DUTY_TELL] = { "tell", "Tell",
		"Tell the victim the outcome", DORN_ROLE_OFFICER },
	[DORN_DUTY_NOTE] = { "note", "Note",
		"Note due for the hearing", DORN_ROLE_OFFICER },
	[DORN_DUTY_RETURNED] = { "returned", "Returned",
		"Answer the returned note", DORN_ROLE_OFFICER },
	[DORN_DUTY_REVIEW] = { "review", "Review",
		"Review the note", DORN_ROLE_SUPERVISOR },
	[DORN_DUTY_EXPORT] = { "export", "Export",
		"Export the approved note", DORN_ROLE_OFFICER },
	[DORN_DUTY_OUTCOME] = { "outcome", "Outcome",
		"Record the outcome of the sentencing hearing", DORN_ROLE_OFFICER },
	[DORN_DUTY_RETENTION] = { "retention", "Retention",
		"Retention review of the case", DORN_ROLE_SUPERVISOR },
};

const char *dorn_duty_key(int kind)
{
	return kind >= 0 && kind < DORN_DUTY__COUNT ? kinds[kind].key : NULL;
}

int dorn_duty_of(const char *key)
{
	for (int k = 0; key && k < DORN_DUTY__COUNT; k++)
		if (strcmp(key, kinds[k].key) == 0)
			return k;
	return -1;
}

const char *dorn_duty_label(int kind)
{
	return kind >= 0 && kind < DORN_DUTY__COUNT ? kinds[kind].label : NULL;
}

const char *dorn_duty_title(int kind)
{
	return kind >= 0 && kind < DORN_DUTY__COUNT ? kinds[kind].title : NULL;
}

int dorn_duty_for(int kind)
{
	return kind >= 0 && kind < DORN_DUTY__COUNT ? kinds[kind].role : DORN_ROLE_OFFICER;
}

static long day_of(const char *iso)
{
	struct dorn_date d;

	if (!iso || !*iso || dorn_date_parse(iso, &d, NULL))
		return -1;
	return dorn_date_to_days(&d);
}

/* "Tue 29 Dec 2026, tomorrow". */
static void when(long day, long today, char *out, size_t n)
{
	struct dorn_date d;

	dorn_date_from_days(day, &d);
	dorn_date_words(&d, day - today, DORN_DW_ALL, out, n);
}

/* The next hearing is a sentencing hearing when its type says so, in any
 * case ("Sentencing hearing", "sentencing (adjourned)"). */
static int sentencing_type(const char *type)
{
	static const char word[] = "sentencing";
	size_t n = strlen(type), w = sizeof word - 1;

	for (size_t i = 0; i + w <= n; i++) {
		size_t k = 0;

		while (k < w && tolower((unsigned char)type[i + k]) == word[k])
			k++;
		if (k == w)
			return 1;
	}
	return 0;
}

/* The sentencing hearing whose outcome is awaited (agenda.h), or -1. */
static long sentencing_day(const struct dorn_case *c)
{
	long s = day_of(c->sentencing_date), h = -1;

	if (sentencing_type(c->next_hearing_type))
		h = day_of(c->next_hearing);
	return s > h ? s : h;
}

static struct dorn_duty *add(const struct dorn_case *c, int kind, long day, long today,
			     struct dorn_duty *out, size_t *n)
{
	struct dorn_duty *d = &out[(*n)++];

	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->role = kinds[kind].role;
	snprintf(d->urn, sizeof d->urn, "%s", c->urn);
	d->day = day;
	d->days_left = day >= 0 ? day - today : 0;
	return d;
}

/* "the sentencing hearing on Fri 4 Dec 2026, in 6 days", "no hearing
 * date yet". */
static void hearing(const struct dorn_due *due, long day, long today, char *out, size_t n)
{
	char w[64];

	if (day < 0) {
		snprintf(out, n, "no hearing date yet");
		return;
	}
	when(day, today, w, sizeof w);
	snprintf(out, n, "the %s on %s", due->is_sentencing ? "sentencing hearing" : "next hearing",
		 w);
}

static void tell_duty(const struct dorn_case *c, const struct dorn_holidays *h,
		      const struct dorn_victims_code *vc, long today, struct dorn_duty *out,
		      size_t *n)
{
	struct dorn_outcome_state s;
	struct dorn_duty *d;
	char w[64];

	dorn_outcome_assess(c, h, vc, today, &s);
	if (s.tell != DORN_TELL_OPEN || s.due < 0)
		return;
	d = add(c, s.overdue ? DORN_DUTY_TELL_OVERDUE : DORN_DUTY_TELL, s.due, today, out, n);
	d->uncovered = s.uncovered;
	when(s.due, today, w, sizeof w);
	snprintf(d->text, sizeof d->text, "Tell the victim the outcome%s %s%s",
		 s.overdue ? ": it was due by" : " by", w,
		 s.uncovered ? " (bank holidays not known that year: check)" : "");
}

static void note_duty(const struct dorn_case *c, const struct dorn_duty_facts *f, long today,
		      int urgent_days, struct dorn_duty *out, size_t *n)
{
	struct dorn_due due;
	struct dorn_duty *d;
	char what[128];
	long day;
	int kind = -1;
	const char *verb = NULL;

	if (*c->outcome.date || c->victim.consent == DORN_CONSENT_NO)
		return;
	dorn_due(c->next_hearing, c->sentencing_date, today, urgent_days, &due);
	if (due.passed)
		return;
	switch (f->note_status) {
	case DORN_NOTE_RETURNED:
		kind = DORN_DUTY_RETURNED;
		break;
	case DORN_NOTE_SUBMITTED:
		kind = DORN_DUTY_REVIEW;
		break;
	case DORN_NOTE_APPROVED:
		/* Approved for the case as it was: it needs review again. */
		if (f->note_current)
			kind = f->exported ? -1 : DORN_DUTY_EXPORT;
		else
			verb = "Submit the changed note";
		break;
	case DORN_NOTE_DRAFT:
		verb = "Finish the note";
		break;
	default:
		verb = c->victim.consent == DORN_CONSENT_YES
			       ? "Write the note"
			       : "Ask the victim's consent and write the note";
		break;
	}
	if (verb)
		kind = due.urgent ? DORN_DUTY_NOTE : -1;
	if (kind < 0)
		return;
	day = due.date[0] ? day_of(due.date) : -1;
	d = add(c, kind, day, today, out, n);
	d->version = f->note_version;
	hearing(&due, day, today, what, sizeof what);
	switch (kind) {
	case DORN_DUTY_NOTE:
		snprintf(d->text, sizeof d->text, "%s for %s", verb, what);
		break;
	case DORN_DUTY_RETURNED:
		snprintf(d->text, sizeof d->text, "Answer the returned note, version %d (%s)",
			 f->note_version, what);
		break;
	case DORN_DUTY_REVIEW:
		snprintf(d->text, sizeof d->text, "Review note version %d (%s)", f->note_version,
			 what);
		break;
	default:
		snprintf(d->text, sizeof d->text, "Export approved note version %d (%s)",
			 f->note_version, what);
		break;
	}
}

static void outcome_duty(const struct dorn_case *c, long today, struct dorn_duty *out,
			 size_t *n)
{
	long day = sentencing_day(c);
	struct dorn_duty *d;
	char w[64];

	if (day < 0 || day >= today || *c->outcome.date)
		return;
	d = add(c, DORN_DUTY_OUTCOME, day, today, out, n);
	when(day, today, w, sizeof w);
	snprintf(d->text, sizeof d->text, "Record the outcome of the sentencing hearing on %s",
		 w);
}

static void retention_duty(const char *urn, long review_day, long today,
			   struct dorn_duty *out, size_t *n)
{
	struct dorn_duty *d;
	char w[64];

	if (review_day < 0 || review_day > today)
		return;
	d = &out[(*n)++];
	memset(d, 0, sizeof *d);
	d->kind = DORN_DUTY_RETENTION;
	d->role = kinds[DORN_DUTY_RETENTION].role;
	snprintf(d->urn, sizeof d->urn, "%s", urn);
	d->day = review_day;
	d->days_left = review_day - today;
	when(review_day, today, w, sizeof w);
	snprintf(d->text, sizeof d->text, "Review whether to keep the case: due %s", w);
}

int dorn_duty_retention(const char *urn, long review_day, long today, struct dorn_duty *out)
{
	size_t n = 0;

	retention_duty(urn, review_day, today, out, &n);
	return (int)n;
}

size_t dorn_duties_of(const struct dorn_case *c, const struct dorn_duty_facts *f,
		      const struct dorn_holidays *h, const struct dorn_victims_code *vc,
		      long today, int urgent_days, struct dorn_duty *out)
{
	size_t n = 0;

	tell_duty(c, h, vc, today, out, &n);
	note_duty(c, f, today, urgent_days, out, &n);
	outcome_duty(c, today, out, &n);
	retention_duty(c->urn, f->review_day, today, out, &n);
	dorn_duties_sort(out, n);
	return n;
}

int dorn_duty_cmp(const void *pa, const void *pb)
{
	const struct dorn_duty *a = pa, *b = pb;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->day != b->day) {
		if (a->day < 0 || b->day < 0)
			return a->day < 0 ? 1 : -1;
		return a->day < b->day ? -1 : 1;
	}
	return strcmp(a->urn, b->urn);
}

void dorn_duties_sort(struct dorn_duty *d, size_t n)
{
	if (n > 1)
		qsort(d, n, sizeof *d, dorn_duty_cmp);
}

void dorn_agenda_fini(struct dorn_agenda *a)
{
	if (!a)
		return;
	free(a->v);
	memset(a, 0, sizeof *a);
}
