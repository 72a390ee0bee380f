/* The records dorn keeps beside the case itself (core room): staff, note
 * versions, audit rows and the case as dorn shows it. The store fills
 * them and the faces read them, so they live here and not in store.h: no
 * room above app/ ever sees the store's own header. */
#ifndef DORN_RECORD_H
#define DORN_RECORD_H

#include <stddef.h>

#include "dorn/model.h"
#include "dorn/review.h"
#include "dorn/rules.h"

/* ---- staff ---- */
enum dorn_role { DORN_ROLE_OFFICER = 0, DORN_ROLE_SUPERVISOR = 1 };

/* "officer" or "supervisor": the words of the command line and of JSON. */
const char *dorn_role_word(int role);
/* The word to the role; -1 for anything else. */
int dorn_role_of(const char *word);

struct dorn_staff {
	long long id;
	char login[64];
	char name[128];
	int role;   /* enum dorn_role */
	int active;
	char contact[201]; /* direct phone or email, printed on their notes */
};

/* ---- audit (DPA 2018 s.62) ---- */
enum dorn_audit_action {
	DORN_AUDIT_COLLECT,
	DORN_AUDIT_ALTER,
	DORN_AUDIT_CONSULT,
	DORN_AUDIT_DISCLOSE,
	DORN_AUDIT_COMBINE,
	DORN_AUDIT_ERASE,
	DORN_AUDIT_SEAL,   /* content recorded, or the audit key put in use */
};
const char *dorn_audit_action_name(enum dorn_audit_action a);

struct dorn_audit_row {
	long long seq;
	const char *time;      /* "YYYY-MM-DDTHH:MM:SSZ" */
	const char *login;
	const char *action;
	const char *entity;
	long long entity_id;
	const char *recipient; /* "" when none */
	const char *reason;    /* "" when none */
	const char *detail;    /* "" when none: e.g. an export's files and their SHA-256 */
	const char *digest;    /* "" or the SHA-256 of the entity's content after the change */
	const char *prev_hash; /* 64 hex */
	const char *hash;      /* 64 hex: SHA-256 (before the key) or HMAC-SHA256 */
};

/* A row noted outside the database (an export carries one): its seq and
 * its hash (MAC). */
struct dorn_audit_anchor {
	long long seq;
	char mac[65];
};
struct dorn_err;
/* "SEQ:MAC" (as 'dorn audit head' prints it) into an anchor; DORN_EUSAGE
 * with what is wrong. */
int dorn_audit_anchor_parse(const char *s, struct dorn_audit_anchor *out,
			    struct dorn_err *err);

/* ---- note versions ---- */
#define DORN_COMMENT_MAX 2000  /* bytes of a review comment */

/* Who wrote a version: everyone who changed the case while it was open
 * (from the submission of the version before, or the case's start, to its
 * own submission), who started its draft, or who submitted it; and, after
 * a returned version, that version's authors too, since its text was never
 * approved and the next one is built on it. No author may review the
 * version (four eyes). */
enum dorn_author_act {
	DORN_AUTHOR_RECORDED,  /* recorded the case ("collect") */
	DORN_AUTHOR_CHANGED,   /* changed the case ("alter") */
	DORN_AUTHOR_DRAFTED,   /* started the version's draft ("draft") */
	DORN_AUTHOR_SUBMITTED, /* submitted it ("submit") */
};
/* The word stored and written in JSON; the act for a word (-1: none). */
const char *dorn_author_act_word(int act);
int dorn_author_act_of(const char *word);

struct dorn_note_author {
	char login[64];
	char name[128];
	char first[21];      /* their first change to the version, UTC */
	int act;             /* enum dorn_author_act: what that first change was */
	char how[128];       /* its reason, as the audit log has it ("import",
			      * "interview"), cut short; "" when none */
	int since_version;   /* the version it was made in: an earlier one when
			      * carried over from a returned version */
};
#define DORN_NOTE_AUTHORS_MAX 16 /* kept with each version read; the note's
				  * text names every one */

struct dorn_note {
	long long id;
	long long case_id;
	int version;
	int status;             /* enum dorn_note_status (review.h) */
	char *body;             /* owned; freed by dorn_note_fini: the text */
	char *model;            /* owned: the same with its structure (doc.h),
				 * which the PDF is set from; NULL for a
				 * version written before dorn kept one */
	char author[64];        /* login */
	char author_name[128];
	char created[21];
	char submitted[21];     /* "" when not */
	char reviewer[64];      /* "" when not reviewed */
	char reviewer_name[128];
	char reviewed[21];
	char comment[DORN_COMMENT_MAX + 1];
	int case_version;       /* the case's version it was written from */
	/* Its authors in the order they first changed it (the first
	 * DORN_NOTE_AUTHORS_MAX; authors_total counts them all). */
	struct dorn_note_author authors[DORN_NOTE_AUTHORS_MAX];
	size_t nauthors, authors_total;
};
void dorn_note_fini(struct dorn_note *n);
void dorn_notes_free(struct dorn_note *rows, size_t n);

/* A case with what dorn makes of it. */
struct dorn_case_view {
	struct dorn_case *c;
	struct dorn_assessment a;
	struct dorn_note note;   /* the latest stored version, when has_note */
	int has_note;
	struct dorn_note *versions; /* dorn_app_show: every version, newest first */
	size_t nversions;
};
void dorn_case_view_fini(struct dorn_case_view *v);

#endif
