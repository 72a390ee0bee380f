/* The note's status machine and who may move it, as pure rules:
 * draft -> submitted -> approved | returned; a change to the case after
 * a frozen version starts the next draft. */
#ifndef DORN_REVIEW_H
#define DORN_REVIEW_H

struct dorn_err;

enum dorn_note_status {
	DORN_NOTE_NONE = -1,   /* no version yet */
	DORN_NOTE_DRAFT = 0,
	DORN_NOTE_SUBMITTED,
	DORN_NOTE_APPROVED,
	DORN_NOTE_RETURNED,
};

enum dorn_review_act {
	DORN_ACT_SUBMIT = 0,
	DORN_ACT_APPROVE,
	DORN_ACT_RETURN,
};

/* "draft" etc. to the enum; DORN_NOTE_NONE for NULL, "" or unknown. */
int dorn_note_status_of(const char *word);
/* The status, "none" included (DORN_NOTE_NONE); -2 for any other word. */
int dorn_note_status_parse(const char *word);
/* The word stored and written ("none" for DORN_NOTE_NONE). */
const char *dorn_note_status_word(int status);
/* The label on screen ("RETURNED" for a returned note); *loud (may be
 * NULL) says whether it is drawn as urgent. One table for every face. */
const char *dorn_note_status_label(int status, int *loud);
/* Every word dorn_note_status_parse takes, for a message. */
const char *dorn_note_status_words(void);
/* The status the act leads to. */
int dorn_review_next(int act);

struct dorn_review_actor {
	int supervisor;   /* role */
	int is_author;    /* one of the authors of the version in question
			   * (struct dorn_note_author): wrote, changed or
			   * submitted it */
};

/* May this actor do act on a version in status? 0, or the refusal with a
 * message: DORN_EPERM (not a supervisor), DORN_ERULE (an author of the
 * version; wrong status), DORN_EDATA (a return without a comment).
 * comment may be NULL. */
int dorn_review_check(int status, int act, const struct dorn_review_actor *who,
		      const char *comment, struct dorn_err *err);

#endif
