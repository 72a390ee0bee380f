/* The unit's figures (core room): from one row per case (the store's
 * figure table, which holds no personal data) the funnel from concerns
 * recorded to orders made, its rates and times, for a range of dates,
 * whole or by month, offence or officer, beside a published baseline.
 * Pure: no I/O, no clock (today is given).
 *
 * The model (struct dorn_figures) is built once, from rows handed in one
 * at a time, and is only numbers and labels: every output reads it, none
 * computes anything of its own. The table with its bars and the CSV are
 * rendered here; JSON by the export room; a PDF renderer can take the
 * same struct. Which count, rate and time exists, its key (CSV column and
 * JSON key) and its words are written once, in the tables below. */
#ifndef DORN_FIGURES_H
#define DORN_FIGURES_H

#include <stddef.h>

struct dorn_buf;

/* One case as the figure table holds it. Dates are YYYY-MM-DD or "". */
struct dorn_figure_row {
	char officer[64];     /* login of whoever recorded the case */
	char unit[32];        /* the unit's code on a server (dorn-server(7)); "" in a
			       * unit's own file */
	char offences[301];   /* its offence codes, comma-separated */
	int child;            /* the victim was under 18 when the images were made */
	char concern[11];     /* the day the case was recorded */
	char approved[11];    /* the first approval of any version of its note */
	char exported[11];    /* the first export of an approved version */
	char hearing[11];     /* the sentencing date, else the next hearing */
	char outcome[11];     /* the date of the hearing that decided it */
	int items;            /* devices and accounts */
	int sought, made;     /* items an order was asked for (made + refused), made */
	int refused, not_sought, returned, held;
	int erased;           /* the case itself was erased; its figures stay */
};

enum dorn_fig_by {
	DORN_FIG_BY_NONE = 0,
	DORN_FIG_BY_MONTH,     /* of the concern */
	DORN_FIG_BY_OFFENCE,   /* a case counts under each of its offences */
	DORN_FIG_BY_OFFICER,   /* whoever recorded the case */
	DORN_FIG_BY_UNIT,      /* the case's unit: a server's force-wide view */
};
/* "month", "offence", "officer", "unit" ("" for none); the value of a word,
 * or -1. */
const char *dorn_fig_by_word(int by);
int dorn_fig_by_of(const char *word);

/* The counts. Case by case (how many cases), then item by item (how many
 * devices and accounts), then the hearings. */
enum dorn_fig_count {
	DORN_FC_CONCERNS,       /* cases recorded in the range */
	DORN_FC_APPROVED,       /* ... with a note approved */
	DORN_FC_EXPORTED,       /* ... with an approved note exported */
	DORN_FC_OUTCOME,        /* ... with an outcome recorded (its date or a result) */
	DORN_FC_SOUGHT,         /* ... where an order was asked for on an item */
	DORN_FC_MADE,           /* ... where an order was made on an item */
	DORN_FC_REFUSED,        /* ... where the court refused one */
	DORN_FC_RETURNED,       /* ... where an item is to go back to the defendant */
	DORN_FC_ITEMS,          /* devices and accounts of those cases */
	DORN_FC_ITEMS_SOUGHT,   /* an order asked for: made or refused */
	DORN_FC_ITEMS_MADE,     /* deprivation order, or forfeiture and destruction */
	DORN_FC_ITEMS_REFUSED,
	DORN_FC_ITEMS_NOT_SOUGHT,
	DORN_FC_ITEMS_RETURNED,
	DORN_FC_ITEMS_HELD,     /* still held by the police */
	DORN_FC_PASSED,         /* cases whose hearing date has passed */
	DORN_FC_MISSED,         /* ... with no note approved before that date */
	DORN_FC__COUNT
};

/* The rates: numerator and denominator are counts of the same set. */
enum dorn_fig_rate {
	DORN_FR_APPROVED,           /* notes approved, of concerns */
	DORN_FR_EXPORTED,           /* exported, of concerns */
	DORN_FR_SOUGHT,             /* cases an order was asked for, of outcomes */
	DORN_FR_MADE,               /* cases with an order, of concerns */
	DORN_FR_MADE_OF_OUTCOMES,   /* cases with an order, of outcomes: the baseline's */
	DORN_FR_ITEMS_MADE,         /* items made, of items asked for */
	DORN_FR_ITEMS_REFUSED,      /* items refused, of items asked for */
	DORN_FR_MISSED,             /* missed, of hearings passed */
	DORN_FR__COUNT
};

/* The times, in days, as medians. */
enum dorn_fig_days {
	DORN_FD_TO_NOTE,      /* concern recorded to the note's first approval */
	DORN_FD_TO_HEARING,   /* first approval to the hearing (negative: after it) */
	DORN_FD__COUNT
};

struct dorn_fig_count_info {
	const char *key;    /* CSV column and JSON key */
	const char *label;  /* the table's words */
};
struct dorn_fig_rate_info {
	const char *key;
	const char *label;
	int num, den;       /* enum dorn_fig_count */
};
extern const struct dorn_fig_count_info dorn_fig_counts[DORN_FC__COUNT];
extern const struct dorn_fig_rate_info dorn_fig_rates[DORN_FR__COUNT];
extern const struct dorn_fig_count_info dorn_fig_days[DORN_FD__COUNT];

/* The figures of one group, or of the whole range. */
struct dorn_fig_set {
	char key[64];      /* "2026-03", an offence code, a login; "" for all */
	char label[64];    /* "Mar 2026", the code, the login; "All cases" */
	char name[128];    /* longer words, or "": "March 2026", an offence's statute */
	long n[DORN_FC__COUNT];
	/* Each median as twice its value, so a half day is exact; nvalues
	 * says how many cases it is the median of (0: none). */
	long median2[DORN_FD__COUNT];
	long nvalues[DORN_FD__COUNT];
	/* while building: every value, sorted by dorn_figures_finish */
	int *values[DORN_FD__COUNT];
	size_t cap[DORN_FD__COUNT];
};

/* A published figure the unit's is shown beside (data/figures.ini). */
struct dorn_fig_baseline {
	char label[64];    /* "2025 review" */
	char source[512];  /* the sentence it comes from, with its source */
	long made, of;     /* cases with an order, of cases decided */
};

struct dorn_figures {
	int by;                 /* enum dorn_fig_by */
	char from[11], to[11];  /* the range of concern dates; from "" = the first */
	char today[11];
	struct dorn_fig_baseline baseline;
	struct dorn_fig_set all;
	struct dorn_fig_set *groups;  /* in order: months in time, the rest by key */
	size_t ngroups, cap;
};

/* Start empty for concerns from from ("" or NULL: the first) to to, by
 * (enum dorn_fig_by), today YYYY-MM-DD. */
void dorn_figures_init(struct dorn_figures *f, int by, const char *from, const char *to,
		       const char *today);
/* Count one case (a row outside the range is left out). 0 or DORN_ENOMEM. */
int dorn_figures_add(struct dorn_figures *f, const struct dorn_figure_row *r);
/* After the last row: medians, groups in order, and the months between
 * the first and the last with no case shown as empty ones. 0 or
 * DORN_ENOMEM. */
int dorn_figures_finish(struct dorn_figures *f);
void dorn_figures_fini(struct dorn_figures *f);

/* A rate of s as tenths of a percent (rounded half up), its numerator
 * and denominator; -1 when the denominator is 0. */
long dorn_fig_rate(const struct dorn_fig_set *s, int rate, long *num, long *den);
/* num of den as tenths of a percent; -1 when den is 0. */
long dorn_fig_permille(long num, long den);

/* The words every rendering gives a share and a median: "82%", "<1%",
 * ">99%" (never a rounded 0% or 100% that is not), "-" without a
 * denominator; "5 days", "1 day", "4.5 days". */
void dorn_fig_pct_text(long num, long den, char *out, size_t n);
void dorn_fig_days_text(long median2, char *out, size_t n);

/* Small counts, for what leaves the unit: a count from 1 to below-1 is
 * hidden ("fewer than BELOW"); so is a rate whose numerator or
 * denominator is, and a median of fewer than below values. below 0 or 1
 * hides nothing. */
int dorn_fig_count_hidden(long v, int below);
int dorn_fig_rate_hidden(const struct dorn_fig_set *s, int rate, int below);
int dorn_fig_days_hidden(const struct dorn_fig_set *s, int days, int below);

/* A bar of width columns for value out of max: U+2588 full blocks and
 * one of the eighth blocks U+2589..U+258F for the rest, or '#' with
 * ascii (rounded to whole columns); any value above 0 shows at least a
 * sliver. Padded with blanks to width. Returns out (room: 3 * width + 1
 * bytes). */
char *dorn_fig_bar(long value, long max, int width, int ascii, char *out, size_t n);

/* The table, for the terminal and the figures screen: the funnel with
 * bars, the rates, the times, the baseline and, when grouped, a line per
 * group. Exact counts: it is the unit's own view (below only says, in its
 * second line, what the exports hide). Every line fits width columns (72
 * at least) with the last column to spare. */
int dorn_figures_table(const struct dorn_figures *f, int width, int ascii, int below,
		       struct dorn_buf *out);
/* RFC 4180 CSV with a header row: the whole range ("all"), each group,
 * then the baseline. Counts hidden by below show "fewer than BELOW",
 * rates and medians built on them "suppressed"; a rate with no
 * denominator or a median of nothing is empty. */
int dorn_figures_csv(const struct dorn_figures *f, int below, struct dorn_buf *out);

#endif
