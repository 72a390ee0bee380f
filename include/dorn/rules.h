/* The legal rules: from a case, an assessment of what the note must ask
 * for and what is still missing. Pure: no I/O, no clock (today is given). */
#ifndef DORN_RULES_H
#define DORN_RULES_H

#include <stddef.h>

#include "dorn/model.h"

enum dorn_offence_route {
	DORN_OFFENCE_INTIMATE = 0, /* intimate image offences */
	DORN_OFFENCE_CHILD,        /* indecent images of children */
	DORN_OFFENCE_RELATED,      /* often charged alongside */
};

/* One row of data/offences.ini. */
struct dorn_offence {
	char code[32];          /* the section name, e.g. "soa66b2" */
	char statute[128];      /* as the note prints it */
	char title[200];        /* short plain-English title */
	int route;              /* enum dorn_offence_route */
	int sexual;             /* an SHPO may be considered */
	int possession;         /* the offence is possession: s.153(5) */
};

struct dorn_offences {
	struct dorn_offence *v;
	size_t n;
};

const struct dorn_offence *dorn_offence_find(const struct dorn_offences *t,
					     const char *code);

/* Routes the note asks for (bits). */
enum dorn_route {
	DORN_ROUTE_DEPRIVATION = 1, /* Sentencing Act 2020 s.153 */
	DORN_ROUTE_FORFEITURE = 2,  /* child images: forfeiture and destruction */
};

/* Which s.153(2) condition the recorded facts show for an item. The JSON
 * words are "to-be-shown", "seized-from-defendant", "in-possession-at-arrest",
 * "seized-from-other" and "not-property". */
enum dorn_limb {
	DORN_LIMB_UNKNOWN = 0,   /* to be shown: neither limb is recorded as met */
	DORN_LIMB_SEIZED,        /* seized_from = defendant: s.153(2)(a) */
	DORN_LIMB_HELD,          /* held_at_arrest = yes: s.153(2)(b) */
	DORN_LIMB_SEIZED_OTHER,  /* seized from another person, not held at arrest as recorded */
	DORN_LIMB_NOT_PROPERTY,  /* a cloud account: not property an order can take */
	DORN_LIMB__COUNT
};
#define DORN_LIMB_TO_BE_SHOWN DORN_LIMB_UNKNOWN
/* The JSON word of a limb ("to-be-shown" for anything out of range). */
const char *dorn_limb_name(int limb);

/* Problems: what is missing (it goes in the note's "still missing" part)
 * and warnings (facts the prosecutor must weigh). item is 0 for the case.
 * Within the case and within an item they are found in this order, most
 * important first: what decides whether an order can be made at all, then
 * what proves it, then what the court weighs. */
enum dorn_problem_code {
	DORN_MISSING_OFFENCE = 0,    /* no offence recorded */
	DORN_MISSING_ITEMS,          /* no device or account */
	DORN_MISSING_EXHIBIT,        /* a seized item without an exhibit reference */
	DORN_MISSING_HEARING_DATE,   /* neither a next hearing nor a sentencing date */
	DORN_MISSING_VICTIM_WORDS,   /* the victim's own words */
	DORN_MISSING_LIMB,           /* seized from the defendant or held at arrest: not known */
	DORN_MISSING_USE,            /* no evidence of use (even for a possession offence) */
	DORN_MISSING_AGE,            /* under 18 at the time of the images: not known */
	DORN_WARN_DATE_PASSED,       /* every recorded date has passed */
	DORN_WARN_UNEXAMINED,        /* not examined: proof item by item (Wright-Hadley) */
	DORN_WARN_NOT_HELD,          /* as recorded, neither s.153(2) limb: no order */
	DORN_WARN_THIRD_PARTY,       /* another owner may claim (Police (Property) Act 1897) */
	DORN_WARN_CLOUD,             /* an account: other measures, not an order */
	DORN_WARN_UNKNOWN_OFFENCE,   /* an offence code not in data/offences.ini */
	DORN_WARN_SENTENCING_PASSED, /* the sentencing date has passed, whatever else is recorded */
	DORN_MISSING_AGE_PROOF,      /* child images: proof of age at the time */
	DORN_MISSING_SEIZED_FROM_NAME, /* seized from another person, not named */
	DORN_MISSING_FORENSIC,       /* forensic report or images exhibit not recorded */
	DORN_MISSING_SEIZED_WHERE,   /* seized: where not recorded */
	DORN_MISSING_SEIZED_DATE,    /* seized: when not recorded */
	DORN_MISSING_SEIZED_POWER,   /* seized: under what power not recorded */
	DORN_MISSING_NOW_WHERE,      /* not seized: where it is now, seizure asked for */
	DORN_MISSING_VALUE,          /* value not known (s.155) */
	DORN_MISSING_VALUE_BASIS,    /* what the value rests on */
	DORN_MISSING_THIRD_PARTY,    /* the third party's name or contact */
	DORN_MISSING_THIRD_PARTY_TOLD, /* whether they have been told */
	DORN_MISSING_THIRD_PARTY_KNEW, /* whether they knew of the use */
	DORN_MISSING_LAWFUL_DATA,    /* what the lawful data is and who wants it */
	DORN_MISSING_ACCOUNT,        /* an account: platform or identifier */
	DORN_MISSING_REQUEST,        /* an account: preservation or removal request, date */
	DORN_MISSING_ARREST,         /* arrested or summonsed, and the date */
	DORN_MISSING_VPS,            /* whether there is a Victim Personal Statement */
	DORN_MISSING_RO_VIEWS,       /* the victim's views on restraining-order terms */
	DORN_MISSING_DEFENCE,        /* the defence's position */
	DORN_MISSING_CONTACT,        /* the officer's or the unit's direct contact (the note adds it) */
	DORN_PROBLEM__COUNT
};
/* The interview step where a problem is fixed (issue: the interview). */
enum dorn_step {
	DORN_STEP_CASE = 1,
	DORN_STEP_CONSENT,
	DORN_STEP_AGE,
	DORN_STEP_CONCERN,
	DORN_STEP_ITEMS,
	DORN_STEP_SUPPORT,
	DORN_STEP_REVIEW,
};

struct dorn_problem {
	int code;  /* enum dorn_problem_code */
	int item;  /* item position, or 0 */
	int step;  /* enum dorn_step */
};

struct dorn_item_assessment {
	int position;
	int limb;            /* enum dorn_limb */
	int property;        /* 0 for a cloud account */
	unsigned used;       /* enum dorn_use bits from how_used */
	int possession;      /* a possession offence: s.153(5) met */
	int retrieval;       /* lawful data: suggest time to retrieve it (R v Tan) */
	int third_party;     /* shared or third-party owner, or a third party named */
	int unexamined;      /* examined = no */
	int value_known;
};

#define DORN_PROBLEMS_MAX 1024 /* room for every problem of DORN_ITEMS_MAX items (at most 18 each) */

struct dorn_assessment {
	unsigned routes;       /* enum dorn_route bits */
	int child;             /* child-images route: under 18 or a child-images offence */
	int consent;           /* the victim agreed to share: a note may be written */
	int sexual;            /* some offence is sexual: consider an SHPO */
	int restraining;       /* consider a restraining order (s.360): always when convicted */
	/* urgency */
	int urgent;            /* the date that matters is within urgent_days */
	int passed;            /* every known date has passed */
	int sentencing_passed; /* the sentencing date has passed, whatever else is recorded */
	int before_conviction; /* stage charge, first hearing or trial: "if convicted" */
	long days_left;        /* to due_date; meaningful when *due_date */
	char due_date[11];     /* the next date that matters, YYYY-MM-DD, or "" */
	int due_is_sentencing; /* 1: sentencing date; 0: next hearing */
	struct dorn_item_assessment items[DORN_ITEMS_MAX];
	size_t nitems;
	size_t nproperty;      /* items an order can take */
	struct dorn_problem problems[DORN_PROBLEMS_MAX];
	size_t nproblems;
};

/* The date that matters for urgency: of the next hearing and the
 * sentencing date ("YYYY-MM-DD" or ""), the earliest that is today or
 * later; when both have passed, the latest of them. */
struct dorn_due {
	char date[11];      /* "" when neither is known */
	int is_sentencing;
	long days_left;     /* negative when passed */
	int urgent;         /* 0 <= days_left <= urgent_days */
	int passed;         /* days_left < 0 */
};
void dorn_due(const char *next_hearing, const char *sentencing, long today,
	      int urgent_days, struct dorn_due *out);
/* The two dates dorn_due chooses between, for any today: lo the earliest,
 * hi the latest ("YYYY-MM-DD"; both "" when neither is known, the same
 * date when one is). The date that matters is lo when lo >= today, else hi. */
void dorn_due_span(const char *next_hearing, const char *sentencing, char lo[11],
		   char hi[11]);

/* Is this problem a gap to fill (1) or a warning to weigh (0)? */
int dorn_problem_is_missing(int code);
/* A stable word for a problem code, for JSON ("missing-offence", ...). */
const char *dorn_problem_name(int code);

/* Assess c. today is days since 1970-01-01 (dorn_date_to_days);
 * urgent_days is [note] urgent_days. Never fails. */
void dorn_assess(const struct dorn_case *c, const struct dorn_offences *off,
		 long today, int urgent_days, struct dorn_assessment *out);

#endif
