/* Private to src/ui/: the interview's state, shared by its step screen
 * (interview.c), the devices and accounts step (items.c) and the review
 * step and note preview (review.c). */
#ifndef DORN_UI_INTERVIEW_H
#define DORN_UI_INTERVIEW_H

#include "dorn/app.h"
#include "dorn/err.h"
#include "form.h"

enum iv_zone { IV_ZONE_STEPS, IV_ZONE_FORM };

enum iv_ask {
	IV_ASK_NONE = 0,
	IV_ASK_INVALID, /* leaving with values that are not valid */
	IV_ASK_DELETE,  /* delete an item */
	IV_ASK_LOSE,    /* leave without saving (no URN yet, or a conflict) */
	IV_ASK_DECIDE,  /* record a decision (consent): form.ask_field, ask_value */
	IV_ASK_EDIT,    /* save a change to a reviewed case: a new version */
	IV_ASK_SUBMIT,  /* submit the note, with what is still missing */
	IV_ASK_RENAME,  /* change the URN of a saved case to the one typed */
	IV_ASK_CONFLICT, /* another officer changed the same fields: keep which */
};

#define IV_TEXT_MAX 2048

/* The review step's fields, in order (review.c builds them). */
enum iv_review_field {
	IV_REVIEW_STATUS,   /* the note's status; a return's comment in full */
	IV_REVIEW_ASKS,     /* what the note asks for, and how urgent */
	IV_REVIEW_MISSING,  /* still missing and to weigh: Enter goes to the step */
	IV_REVIEW_VERSIONS, /* every version: Enter reads one */
	IV_REVIEW_FIELDS
};

struct iv {
	struct ui *u;
	struct dorn_app *app;
	struct dorn_case *c;       /* the working copy: only valid values */
	struct dorn_case *base;    /* as loaded or last saved, to see changes */
	struct dorn_assessment *a; /* of the working copy */
	int step;                  /* 1..DORN_STEPS */
	int zone;                  /* enum iv_zone */
	int side;                  /* highlighted step in the side list */
	struct ui_form form;       /* the step's fields */

	int item;                  /* the item being edited, -1 when none */
	int item_new;              /* it is not in the case yet */
	struct dorn_item item_work;
	struct ui_form iform;
	int item_asking;           /* Esc on a new item: keep or discard it? */

	int ask;                   /* enum iv_ask */
	int ask_target;            /* where leaving goes: a step, 0 for the list */
	char question[512];
	int conflict;              /* the last save met another officer's change */
	char conflict_text[IV_TEXT_MAX]; /* the fields both changed, both values */
	char notice[DORN_ERR_MSG + 128]; /* a refused save: stays until a save works */

	/* The review step's table, with words only known at run time. */
	struct ui_field review_fields[IV_REVIEW_FIELDS];
	char review_text[IV_TEXT_MAX];
	/* The review step's note status, with a reviewer's comment in full,
	 * and every stored version of the note (newest first). */
	char note_text[IV_TEXT_MAX + 1024];
	struct dorn_note *versions;
	size_t nversions;

	/* Protecting what was decided: the latest note's status and version
	 * when the case was opened or last saved (DORN_NOTE_NONE: none), a
	 * change to an approved case confirmed, the URN being changed on
	 * purpose (Ctrl-R), and the step 1 table with the URN read-only. */
	int note_status, note_version;
	int edit_ok;
	int renaming;
	char lock[DORN_ERR_MSG];
	char urn_text[96];
	struct ui_field case_fields[16];
};

/* items.c */
extern const struct ui_list_ops iv_items_list;
int iv_item_open(struct iv *v, int index);       /* -1: a new item */
int iv_item_key(struct iv *v, int act, int key);  /* returns enum ui_result bits */
/* Write the item form's valid values into the case; returns how many are
 * not valid (then nothing is written unless force). */
int iv_item_close(struct iv *v, int force);
void iv_item_ask_delete(struct iv *v);
void iv_item_delete(struct iv *v);
/* An item's one-line label in the list: position, kind, exhibit, who it
 * was seized from (or its owner) and as much of the description as fits
 * IV_ITEM_LABEL_COLS columns, the list's width in an 80-column terminal. */
enum { IV_ITEM_LABEL_COLS = 48, IV_ITEM_NAME_COLS = 24, IV_ITEM_EXHIBIT_COLS = 12 };
void iv_item_label(const struct dorn_item *it, char *out, size_t n);
/* The item form's fields (items.c). */
const struct ui_field *iv_item_fields(size_t *n);

/* review.c */
void iv_review_build(struct iv *v);
void iv_review_refresh(struct iv *v);
/* Read the note's versions again (after a save or a submit) and say where
 * the note stands. */
void iv_review_load(struct iv *v);
/* A page with version i of the note: who did what when, the comment in
 * full, and its text. */
int iv_version_open(struct iv *v, size_t i);
/* The step that fixes the review list's entry i. */
int iv_problem_step(const struct iv *v, size_t i);

/* interview.c */
/* A choice's key picked nothing (or would change a decision): say which
 * keys pick its options. */
void iv_choice_how(struct iv *v, const struct ui_form *fm);
void iv_message(struct iv *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
