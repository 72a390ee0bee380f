/* The case list: its rows, queries and positions, shared by the store (which
 * reads it a page at a time along its indexes), the app (which adds the
 * urgency) and the faces. Plain types only: no SQLite here. */
#ifndef DORN_LIST_H
#define DORN_LIST_H

#include <stddef.h>

#include "dorn/rules.h"

/* The parts of the list, in the order they are shown when there is a today:
 * cases whose date that matters (see dorn_due) is today or later, then cases
 * whose dates have all passed, then cases with no date. Without a today
 * there is one part, in URN order (DORN_SEG_UPCOMING). */
enum dorn_list_seg {
	DORN_SEG_START = -1,   /* before every row: a key for "from the start" */
	DORN_SEG_UPCOMING = 0, /* by that date, then URN */
	DORN_SEG_PASSED = 1,   /* by the latest of the two dates, then URN */
	DORN_SEG_NONE = 2,     /* by URN */
	DORN_SEG_END = 3,      /* after every row: a key for "from the end" */
};

/* A position in the list: each row has one, and the list is in the order of
 * (seg, date, urn). Paging goes from a key, never from a row count, so a
 * page costs the same wherever it is. */
struct dorn_list_key {
	int seg;        /* enum dorn_list_seg */
	char date[11];  /* the date the row is ordered by; "" in DORN_SEG_NONE */
	char urn[14];
};

/* What the store reads for a row of the list. */
struct dorn_case_row {
	long long id;
	char urn[14];
	char victim_ref[64];
	char defendant[64];   /* cut to fit a list */
	char offence[32];     /* main offence code, "" when none */
	char next_hearing[11];
	char sentencing_date[11];
	char next_date[11];   /* earliest of next hearing and sentencing, "" if none */
	int note_status;      /* enum dorn_note_status; DORN_NOTE_NONE when none */
	int note_version;     /* 0 when none */
	char court[64];       /* these three cut to fit a list, as defendant */
	char hearing_type[48]; /* of the next hearing: "sentencing hearing" */
	char officer[64];     /* the officer in case */
	struct dorn_list_key key;
};

/* The store's query. */
struct dorn_case_query {
	const char *status;   /* NULL: any */
	const char *search;   /* NULL: all; else words matched as prefixes */
	const char *today;    /* YYYY-MM-DD: in the parts above; NULL: by URN */
	const char *due_by;   /* YYYY-MM-DD: only upcoming cases whose date that
			       * matters is today..due_by; NULL: no limit */
};

/* The app's: a row with its urgency, and the query in the officer's terms. */
struct dorn_list_row {
	struct dorn_case_row r;
	struct dorn_due due;
};
struct dorn_list_query {
	const char *status;  /* NULL: any */
	const char *search;  /* NULL: all */
	int due_within;      /* < 0: any; else the date that matters is 0..N days away */
	size_t limit;        /* dorn_app_list_each: 0 every case; else at most this many */
	size_t offset;       /* dorn_app_list_each: rows left out from the top first */
};

/* Order of two keys, as strcmp. */
int dorn_list_key_cmp(const struct dorn_list_key *a, const struct dorn_list_key *b);

#endif
