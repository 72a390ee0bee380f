/* After the hearing, in core: what an outcome still needs before it is
 * complete, and the task of telling the victim by the Victims' Code's
 * deadline. Pure: the case, the bank holidays and the code's timings come
 * in. */
#ifndef DORN_DUTIES_H
#define DORN_DUTIES_H

#include <stddef.h>

struct dorn_case;
struct dorn_holidays;
struct dorn_victims_code;
struct dorn_buf;

/* Telling the victim the outcome. */
enum dorn_tell {
	DORN_TELL_NONE = 0, /* no outcome received yet: nothing to tell */
	DORN_TELL_OPEN,     /* received, not yet told */
	DORN_TELL_DONE,     /* told (outcome.told_date) */
	DORN_TELL_NOT,      /* not told, and why is recorded (outcome.not_told) */
};

struct dorn_outcome_state {
	int recorded;         /* anything of the outcome is recorded */
	int complete;         /* the hearing's date and court, the day the unit
			       * received it, and every item accounted for: a
			       * result, and for a refusal or "not asked for"
			       * the reason and what the unit will do next */
	size_t items;         /* items of the case */
	size_t accounted;     /* of them, with a result */
	unsigned results;     /* bit 1u << r for each result r given */
	int tell;             /* enum dorn_tell */
	long due;             /* tell by the end of this day (days since
			       * 1970-01-01); -1 when there is nothing to tell */
	int overdue;          /* open, and today is after due */
	int uncovered;        /* due was counted past the years of bank
			       * holidays dorn knows: check it by hand */
};

/* The outcome of c as of today. h may be NULL (no bank holidays). */
void dorn_outcome_assess(const struct dorn_case *c, const struct dorn_holidays *h,
			 const struct dorn_victims_code *vc, long today,
			 struct dorn_outcome_state *s);

/* What the outcome still needs, one line each ("- item 2: what the court
 * did"), appended to out; nothing when it is complete. 0 or DORN_ENOMEM. */
int dorn_outcome_missing(const struct dorn_case *c, struct dorn_buf *out);

#endif
