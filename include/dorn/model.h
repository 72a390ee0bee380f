/* The case record, as core/ knows it: what a case file or the interview
 * fills and what the rules and the note read. Pure data; the names of the
 * enumerated values are the words used in case files, the database and JSON. */
#ifndef DORN_MODEL_H
#define DORN_MODEL_H

#include <stddef.h>

#include "dorn/outcome.h" /* enum dorn_result: an item's outcome */

/* Longest texts, in bytes (documented in dorn-case(5)). */
#define DORN_SHORT_MAX 200   /* names, court, descriptions of one line */
#define DORN_HEARING_TYPE_MAX 100 /* "sentencing hearing": the store's limit since schema 1 */
#define DORN_REF_MAX 63      /* references: victim, exhibit */
#define DORN_LONG_MAX 4000   /* the victim's words, impact */
#define DORN_MID_MAX 500
#define DORN_OFFENCES_MAX 8
#define DORN_ITEMS_MAX 50

enum dorn_tri { DORN_TRI_UNKNOWN = 0, DORN_TRI_YES, DORN_TRI_NO };
enum dorn_consent { DORN_CONSENT_NOT_ASKED = 0, DORN_CONSENT_YES, DORN_CONSENT_NO };
enum dorn_stage {
	DORN_STAGE_CHARGE = 0,
	DORN_STAGE_FIRST_HEARING,
	DORN_STAGE_TRIAL,
	DORN_STAGE_CONVICTION,
	DORN_STAGE_SENTENCING,
	DORN_STAGE_OUTCOME,
};
enum dorn_kind {
	DORN_KIND_PHONE = 0,
	DORN_KIND_LAPTOP,
	DORN_KIND_TABLET,
	DORN_KIND_CAMERA,
	DORN_KIND_STORAGE,
	DORN_KIND_CLOUD,
	DORN_KIND_OTHER,
};
enum dorn_owner { DORN_OWNER_UNKNOWN = 0, DORN_OWNER_DEFENDANT, DORN_OWNER_SHARED,
		  DORN_OWNER_THIRD_PARTY };
enum dorn_held { DORN_HELD_UNKNOWN = 0, DORN_HELD_POLICE, DORN_HELD_DEFENDANT };
/* Who an item was seized from: s.153(2)(a) needs "from the offender". */
enum dorn_seized_from { DORN_FROM_UNKNOWN = 0, DORN_FROM_DEFENDANT, DORN_FROM_OTHER,
			DORN_FROM_NOT_SEIZED };
/* What the value rests on. */
enum dorn_value_basis { DORN_BASIS_UNKNOWN = 0, DORN_BASIS_ESTIMATE, DORN_BASIS_RECEIPT,
			DORN_BASIS_OFFICER };
/* A request made to a platform about an account. */
enum dorn_request { DORN_REQUEST_UNKNOWN = 0, DORN_REQUEST_NONE, DORN_REQUEST_PRESERVATION,
		    DORN_REQUEST_REMOVAL, DORN_REQUEST_BOTH };
/* How the defendant came to court: the s.153(2)(b) moment. */
enum dorn_charged_by { DORN_CHARGED_UNKNOWN = 0, DORN_CHARGED_ARREST, DORN_CHARGED_SUMMONS };

/* Sets, as bits. */
enum dorn_fear {
	DORN_FEAR_RETURNED = 1,      /* the device is given back */
	DORN_FEAR_SHARING = 2,       /* further sharing */
	DORN_FEAR_COPIES = 4,        /* copies elsewhere */
	DORN_FEAR_CONTACT = 8,       /* contact by the offender */
	DORN_FEAR_OTHER = 16,
};
enum dorn_use {
	DORN_USE_TOOK = 1,
	DORN_USE_STORED = 2,
	DORN_USE_SENT = 4,
	DORN_USE_THREATENED = 8,
};
enum dorn_support {
	DORN_SUPPORT_HELPLINE = 1,   /* Revenge Porn Helpline */
	DORN_SUPPORT_STOPNCII = 2,   /* adults */
	DORN_SUPPORT_REPORT_REMOVE = 4, /* under 18s */
	DORN_SUPPORT_EVIDENCE = 8,   /* advice on keeping evidence */
	DORN_SUPPORT_IWF = 16,       /* adults whose images were made when under 18 */
};

struct dorn_item {
	int position;                /* 1-based, as in [item N] */
	int kind;                    /* enum dorn_kind; -1 when not given */
	char description[DORN_MID_MAX + 1];
	int owner;                   /* enum dorn_owner */
	char owner_detail[DORN_SHORT_MAX + 1];
	int seized;                  /* enum dorn_tri */
	char exhibit_ref[DORN_REF_MAX + 1];
	unsigned how_used;           /* enum dorn_use bits */
	int examined;                /* enum dorn_tri */
	long value_estimate;         /* whole pounds; -1 when not known */
	char effect[DORN_MID_MAX + 1];   /* effect of losing it on the offender */
	int lawful_data;             /* enum dorn_tri */
	int held_by;                 /* enum dorn_held */
	/* seizure: who from, where, when, under what power */
	int seized_from;             /* enum dorn_seized_from */
	char seized_from_name[DORN_SHORT_MAX + 1];
	char seized_where[DORN_SHORT_MAX + 1];
	char seized_date[11];
	char seized_power[DORN_SHORT_MAX + 1];
	int held_at_arrest;          /* enum dorn_tri: in their possession or control then */
	/* the forensic evidence */
	char forensic_report[DORN_REF_MAX + 1];
	char images_exhibit[DORN_REF_MAX + 1];
	int value_basis;             /* enum dorn_value_basis */
	/* a third party with an interest */
	char third_party_name[DORN_SHORT_MAX + 1];
	char third_party_contact[DORN_SHORT_MAX + 1];
	int third_party_told;        /* enum dorn_tri */
	int third_party_knew;        /* enum dorn_tri: knew of the use */
	/* lawful data on it */
	char lawful_data_what[DORN_SHORT_MAX + 1];
	char lawful_data_for[DORN_SHORT_MAX + 1];
	/* not seized: where it is now, and whether a seizure was asked for */
	char now_where[DORN_SHORT_MAX + 1];
	int seizure_asked;           /* enum dorn_tri */
	/* an account */
	char platform[DORN_SHORT_MAX + 1];
	char account_id[DORN_SHORT_MAX + 1];
	int request;                 /* enum dorn_request */
	char request_date[11];
	/* the outcome: what the court did with it, the reason given for a
	 * refusal or why none was sought, and what the unit will do next */
	int result;                  /* enum dorn_result */
	char result_reason[DORN_MID_MAX + 1];
	char result_next[DORN_MID_MAX + 1];
};

struct dorn_victim {
	char reference[DORN_REF_MAX + 1];
	char name[DORN_SHORT_MAX + 1];   /* optional */
	int under_18;                    /* enum dorn_tri: at the time of the images */
	int consent;                     /* enum dorn_consent */
	char consent_date[11];           /* YYYY-MM-DD or "" */
	char safe_contact[DORN_MID_MAX + 1];
	char needs[DORN_MID_MAX + 1];
	char outcome_contact[DORN_MID_MAX + 1];
	unsigned support;                /* enum dorn_support bits */
	int under_18_now;                /* enum dorn_tri: Report Remove is for under 18s now */
	int vps;                         /* enum dorn_tri: a Victim Personal Statement */
	char ro_views[DORN_MID_MAX + 1]; /* views on restraining-order terms */
	char age_proof[DORN_SHORT_MAX + 1]; /* proof of age at the time (child images) */
};

struct dorn_concern {
	unsigned fears;                  /* enum dorn_fear bits */
	char fear_other[DORN_MID_MAX + 1];
	char victim_words[DORN_LONG_MAX + 1];
	char impact[DORN_LONG_MAX + 1];
};

/* After the hearing: what the court decided (each item's result is in the
 * item), when the unit heard, and telling the victim. */
struct dorn_outcome {
	char date[11];                   /* the hearing that decided it */
	char court[DORN_SHORT_MAX + 1];
	char received[11];               /* when the unit received the outcome:
					  * the Victims' Code clock starts */
	char reasons[DORN_LONG_MAX + 1]; /* the judge's reasons, where given */
	char told_date[11];              /* when the victim was told */
	char told_how[DORN_SHORT_MAX + 1];
	char not_told[DORN_MID_MAX + 1]; /* why they were not told */
};

struct dorn_case {
	long long id;                    /* 0 before it is stored */
	char urn[14];                    /* normalised */
	char defendant[DORN_SHORT_MAX + 1];
	char court[DORN_SHORT_MAX + 1];
	int stage;                       /* enum dorn_stage */
	char next_hearing[11];           /* YYYY-MM-DD or "" */
	char next_hearing_type[DORN_HEARING_TYPE_MAX + 1];
	char sentencing_date[11];
	char officer_in_case[DORN_SHORT_MAX + 1];
	char lawyer[DORN_SHORT_MAX + 1];
	int charged_by;                  /* enum dorn_charged_by */
	char arrest_date[11];            /* the date of the arrest or summons */
	char defence_position[DORN_MID_MAX + 1];
	int version;                     /* optimistic locking */
	char offences[DORN_OFFENCES_MAX][32]; /* codes from data/offences.ini */
	size_t noffences;
	struct dorn_victim victim;
	struct dorn_concern concern;
	struct dorn_outcome outcome;
	struct dorn_item items[DORN_ITEMS_MAX];
	size_t nitems;
	unsigned steps_saved;            /* interview steps saved: bit 1 << step */
	/* bookkeeping, filled by the store */
	char created[21], updated[21];
	char updated_by[64];
	int outcome_version;             /* 0 until an outcome is recorded; +1
					  * with each correction */
	char retain_until[11];           /* kept past its review until, or "" */
	char retain_reason[1001];
};

/* A case is large (its items are inline), so it lives on the heap. */
struct dorn_case *dorn_case_new(void); /* NULL when out of memory */
void dorn_case_free(struct dorn_case *c);
void dorn_case_init(struct dorn_case *c);

/* Names of enumerated values: one table each, used by the case-file reader,
 * the store, JSON and the note. Lookup returns -1 for an unknown word. */
struct dorn_names {
	const char *const *words;
	size_t n;
};
extern const struct dorn_names dorn_tri_names, dorn_consent_names, dorn_stage_names,
	dorn_kind_names, dorn_owner_names, dorn_held_names, dorn_fear_names,
	dorn_use_names, dorn_support_names, dorn_seized_from_names, dorn_value_basis_names,
	dorn_request_names, dorn_charged_by_names, dorn_result_names;

const char *dorn_name(const struct dorn_names *t, int v); /* "?" when out of range */
int dorn_name_lookup(const struct dorn_names *t, const char *word);

/* A comma-separated list of words to bits (index i -> bit 1<<i). Returns 0
 * or DORN_EDATA; *bad gets the first unknown word (truncated). */
int dorn_names_to_bits(const struct dorn_names *t, const char *list, unsigned *bits,
		       char *bad, size_t nbad);
/* Every word, as "a, b" + last + "c", for a message; returns out. */
const char *dorn_names_list(const struct dorn_names *t, const char *last, char *out,
			    size_t n);
/* Bits to "a, b, c" into out. */
void dorn_bits_to_names(const struct dorn_names *t, unsigned bits, const char *sep,
			char *out, size_t n);

#endif
