/* The record, described once (core room): one row per field of the case,
 * the victim, the concern and an item, with its case-file key (also its
 * database column and JSON key), its type and limit, its options and
 * their labels, whether it may leave the unit, and its label. The
 * case-file reader, the store's binding, `dorn show` (text and JSON), the
 * JSON export, the note's values and the interview's forms all walk this
 * table, so adding a field is a row here and a migration. */
#ifndef DORN_FIELDS_H
#define DORN_FIELDS_H

#include <stddef.h>

#include "dorn/model.h"

struct dorn_err;
struct dorn_offences;

enum dorn_ftype {
	DORN_FT_TEXT = 0, /* one line of text, at most size - 1 bytes */
	DORN_FT_LINES,    /* text with line breaks (written \n in case files) */
	DORN_FT_URN,      /* normalised, without separators */
	DORN_FT_DATE,     /* YYYY-MM-DD, "" when not known */
	DORN_FT_CHOICE,   /* one of the options, an int */
	DORN_FT_SET,      /* some of the options, bits of an unsigned */
	DORN_FT_OFFENCES, /* offence codes: the case's list (the value is the case) */
	DORN_FT_POUNDS,   /* whole pounds, a long; -1 when not known */
	DORN_FT__COUNT
};

enum dorn_part { DORN_PART_CASE = 0, DORN_PART_VICTIM, DORN_PART_CONCERN, DORN_PART_ITEM,
		 DORN_PART_OUTCOME, DORN_PART__COUNT };

enum dorn_field_flags {
	DORN_FF_UNIT = 1, /* stays in the unit: never in a note, its values or an export */
	DORN_FF_NULL = 2, /* absent is null in JSON and NULL in the database */
	/* Empty (a choice's first value, "") is NULL in the database: a field
	 * added after cases existed leaves their content digests (the audit
	 * log's) as they were until it is set. */
	DORN_FF_SPARSE = 4,
};

/* Options of a choice or a set, in the order they are offered; a NULL
 * label ends the table. For a set, value is the bit. */
enum dorn_option_when { DORN_OPT_ADULT = 1, DORN_OPT_CHILD = 2 }; /* 0: always */
struct dorn_option {
	int value;
	const char *label;
	unsigned when;
};

struct dorn_field {
	int part;                        /* enum dorn_part */
	const char *key;                 /* case file, database column and JSON */
	int type;                        /* enum dorn_ftype */
	size_t off;                      /* of the value in its part's struct */
	size_t size;                     /* of the value */
	const struct dorn_names *names;  /* choice, set: the stored words */
	const struct dorn_option *opts;  /* choice, set: the labels offered */
	unsigned flags;                  /* enum dorn_field_flags */
	const char *label;               /* as a person reads it */
	/* An item's field: the kinds it is asked for, bits DORN_KIND_BIT(kind);
	 * 0 for every kind (and every field of the case, victim and concern).
	 * The form asks only what fits the item's kind; the record, dorn show
	 * and JSON keep every field whatever the kind. */
	unsigned kinds;
};

#define DORN_KIND_BIT(k) (1u << (k))
/* Things an order can take: seizure, exhibit, value, lawful data. "other"
 * may be either, so it is asked everything. */
#define DORN_KINDS_DEVICE                                                          \
	(DORN_KIND_BIT(DORN_KIND_PHONE) | DORN_KIND_BIT(DORN_KIND_LAPTOP) |        \
	 DORN_KIND_BIT(DORN_KIND_TABLET) | DORN_KIND_BIT(DORN_KIND_CAMERA) |       \
	 DORN_KIND_BIT(DORN_KIND_STORAGE) | DORN_KIND_BIT(DORN_KIND_OTHER))
/* Accounts are not property an order can take: the prosecutor needs the
 * platform, the identifier and any preservation or removal request. */
#define DORN_KINDS_ACCOUNT (DORN_KIND_BIT(DORN_KIND_CLOUD) | DORN_KIND_BIT(DORN_KIND_OTHER))
/* Every kind there is: a mask outside it names no kind. */
#define DORN_KINDS_ALL (DORN_KIND_BIT(DORN_KIND_OTHER + 1) - 1u)

extern const struct dorn_field dorn_fields[];
extern const size_t dorn_nfields;

/* "case", "victim", "concern", "item", "outcome": the case file's section
 * names. */
const char *dorn_part_name(int part);
/* NULL when the part has no such key. */
const struct dorn_field *dorn_field_find(int part, const char *key);

/* Where f's value lives: in c (case, victim, concern; the case itself for
 * offences) or in it (an item). */
void *dorn_field_at(const struct dorn_field *f, struct dorn_case *c, struct dorn_item *it);
const void *dorn_field_cat(const struct dorn_field *f, const struct dorn_case *c,
			   const struct dorn_item *it);

/* The value as text into out (always terminated; "" when empty). Words
 * (labels == 0): as case files, the database and JSON write it ("yes",
 * "took, sent", "450", "unknown"); labels: as a person reads it (option
 * labels, "£450", "not known"). Offences: their codes. */
void dorn_field_text(const struct dorn_field *f, const void *at, int labels, char *out,
		     size_t n);
/* The value is the empty or not-known one. */
int dorn_field_empty(const struct dorn_field *f, const void *at);

/* Read text (checked UTF-8 without control characters) into at. Words of
 * choices and sets in any case; dates as YYYY-MM-DD or DD/MM/YYYY; pounds
 * as 450, £450 or unknown; offences checked against off when it is not
 * NULL. DORN_EDATA with what is wrong and what to do (no location: the
 * caller adds it). "" leaves the value as it was. */
int dorn_field_parse(const struct dorn_field *f, const char *text, void *at,
		     const struct dorn_offences *off, struct dorn_err *err);

/* Field f is asked for an item of this kind (enum dorn_kind): always
 * when its mask is 0 or the kind is not given yet (< 0). */
int dorn_field_applies(const struct dorn_field *f, int kind);

/* Whether nothing of the outcome part is recorded. */
int dorn_outcome_empty(const struct dorn_outcome *o);
/* Whether anything of the outcome is: the part, or any item's result,
 * reason or next step. */
int dorn_outcome_recorded(const struct dorn_case *c);

/* The label of a choice's value or a set's bit; "" when none. */
const char *dorn_option_label(const struct dorn_field *f, int value);

#endif
