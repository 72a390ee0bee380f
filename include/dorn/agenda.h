/* The worklist (dorn agenda, the Today screen), in core: what one case
 * asks of the unit as of today, and the order in which the whole list is
 * read, most urgent first. Pure: the case, what the store knows of its
 * note, the bank holidays, the Victims' Code's timings and today come in.
 *
 * The kinds, most urgent first (the order of enum dorn_duty_kind):
 *
 *   tell-overdue  the outcome is received, the victim not yet told, and
 *                 the Victims' Code's day for telling them has passed
 *   tell          the same, the day still to come (today included)
 *   note          a hearing within [note] urgent_days (dorn_due) and no
 *                 approved note for the case as it is now: none yet, a
 *                 draft, or an approved version the case changed after
 *   returned      the latest version came back from a supervisor
 *   review        the latest version waits for review (supervisors)
 *   export        the latest version is approved, for the case as it is,
 *                 and was never exported (no disclosure row for it)
 *   outcome       the sentencing hearing has passed and no outcome date
 *                 is recorded
 *   retention     the case's retention review day has come (supervisors)
 *
 * A note is for a hearing: once every date of the case has passed, or
 * the outcome is recorded, the note kinds (note, returned, review,
 * export) leave the list and "outcome" takes over. A case whose victim
 * said no to sharing has no note, so no note duty. Within a kind the
 * earliest date comes first, a duty without a date last, then by URN. */
#ifndef DORN_AGENDA_H
#define DORN_AGENDA_H

#include <stddef.h>

struct dorn_case;
struct dorn_holidays;
struct dorn_victims_code;

enum dorn_duty_kind {
	DORN_DUTY_TELL_OVERDUE = 0,
	DORN_DUTY_TELL,
	DORN_DUTY_NOTE,
	DORN_DUTY_RETURNED,
	DORN_DUTY_REVIEW,
	DORN_DUTY_EXPORT,
	DORN_DUTY_OUTCOME,
	DORN_DUTY_RETENTION,
	DORN_DUTY__COUNT
};

/* The word of a kind in CSV, JSON and iCalendar ("tell-overdue", "tell",
 * "note", "returned", "review", "export", "outcome", "retention"); NULL
 * out of range. */
const char *dorn_duty_key(int kind);
/* The kind for a word, or -1. */
int dorn_duty_of(const char *key);
/* The word in a table or on the screen: "OVERDUE" for tell-overdue (so an
 * overdue duty is marked by a word, never by colour alone), then "Tell",
 * "Note", "Returned", "Review", "Export", "Outcome", "Retention"; at most
 * DORN_DUTY_LABEL_MAX columns. NULL out of range. */
const char *dorn_duty_label(int kind);
#define DORN_DUTY_LABEL_MAX 9
/* What the kind asks, the same for every case ("Tell the victim the
 * outcome"): for places that must not carry a case's details, such as a
 * calendar. NULL out of range. */
const char *dorn_duty_title(int kind);
/* Who the kind is for: DORN_ROLE_SUPERVISOR (record.h) for review and
 * retention, DORN_ROLE_OFFICER for the rest. */
int dorn_duty_for(int kind);

/* One thing to do. */
struct dorn_duty {
	int kind;          /* enum dorn_duty_kind */
	int role;          /* who it is for: dorn_duty_for(kind) */
	char urn[14];      /* normalised */
	long day;          /* the day it is due by (tell, retention) or of the
			    * hearing it is for (the note kinds, outcome), in
			    * days since 1970-01-01; -1 when there is none */
	long days_left;    /* day - today; 0 when there is no day */
	int version;       /* the note version it is about; 0 when none */
	int uncovered;     /* tell: its day was counted in a year whose bank
			    * holidays dorn does not know: check it by hand */
	char text[192];    /* one line of plain text: what to do, and by when
			    * ("Tell the victim the outcome by Tue 29 Dec 2026,
			    * tomorrow"); never a name, never the victim's words */
};

/* What the store knows of the case's note and retention, beside the case. */
struct dorn_duty_facts {
	int note_status;   /* the latest version's (enum dorn_note_status),
			    * DORN_NOTE_NONE when there is no version */
	int note_version;  /* its number; 0 when none */
	int note_current;  /* it was written from the case as it is now
			    * (its case version is the case's version) */
	int exported;      /* it is approved and an export of it is recorded */
	long review_day;   /* the case's retention review day (days since
			    * 1970-01-01), or -1 for none */
};

/* The retention review of case urn as a duty into *out, when review_day
 * (days since 1970-01-01) has come: 1, else 0. */
int dorn_duty_retention(const char *urn, long review_day, long today, struct dorn_duty *out);

/* Most duties one case can have at once. */
#define DORN_DUTIES_MAX 8

/* The duties of c as of today, into out (room for DORN_DUTIES_MAX), in the
 * list's order; returns how many. urgent_days is [note] urgent_days; h
 * may be NULL (no bank holidays), vc NULL (one working day).
 *
 * Of c only these are read, so a caller may fill nothing else: urn,
 * next_hearing, next_hearing_type, sentencing_date, version,
 * victim.consent, and outcome (date, received, told_date, not_told);
 * nitems may be 0.
 *
 * The hearing whose outcome is awaited is the sentencing hearing: the
 * latest of the sentencing date and the next hearing when that is a
 * sentencing hearing (its type says "sentencing"), so a sentence
 * adjourned to a later sentencing hearing waits for that one. It has
 * passed the day after it (an outcome cannot be recorded on the morning
 * of the hearing). */
size_t dorn_duties_of(const struct dorn_case *c, const struct dorn_duty_facts *f,
		      const struct dorn_holidays *h, const struct dorn_victims_code *vc,
		      long today, int urgent_days, struct dorn_duty *out);

/* The list's order, as strcmp: kind, then the day (earliest first, none
 * last), then the URN. For qsort. */
int dorn_duty_cmp(const void *a, const void *b);
void dorn_duties_sort(struct dorn_duty *d, size_t n);

/* A whole worklist, in the list's order. */
struct dorn_agenda {
	struct dorn_duty *v;
	size_t n, cap;
	size_t cases;   /* of how many cases */
	long today;     /* as of this day */
	int everyone;   /* every case of the unit, not only the reader's */
	int role;       /* the reader's (enum dorn_role): whose duties these are */
};
/* Free what a holds and leave it empty; a may be NULL. */
void dorn_agenda_fini(struct dorn_agenda *a);

#endif
