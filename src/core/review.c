/* The note's status machine: one table of allowed moves, and the rules on
 * who may make them. Pure, so every rule is a unit test. */
#include <string.h>

#include "dorn/err.h"
#include "dorn/review.h"

/* One row per status, in enum order from DORN_NOTE_NONE: the word stored
 * and written in JSON and on the command line, and the label on screen. A
 * returned note is written in capitals, since the officer has to act on
 * it; state is never shown by colour alone. */
static const struct {
	const char *word, *label;
	int loud;
} statuses[] = {
	{ "none", "none", 0 },
	{ "draft", "draft", 0 },
	{ "submitted", "submitted", 0 },
	{ "approved", "approved", 0 },
	{ "returned", "RETURNED", 1 },
};
#define NSTATUS (int)(sizeof statuses / sizeof statuses[0])

int dorn_note_status_of(const char *word)
{
	for (int i = 1; word && i < NSTATUS; i++)
		if (strcmp(word, statuses[i].word) == 0)
			return i - 1;
	return DORN_NOTE_NONE;
}

/* "none" for a word that is no status: a filter naming no note at all. */
int dorn_note_status_parse(const char *word)
{
	for (int i = 0; word && i < NSTATUS; i++)
		if (strcmp(word, statuses[i].word) == 0)
			return i - 1;
	return -2;
}

static int row(int status)
{
	return status >= DORN_NOTE_NONE && status + 1 < NSTATUS ? status + 1 : 0;
}

const char *dorn_note_status_word(int status)
{
	return statuses[row(status)].word;
}

const char *dorn_note_status_label(int status, int *loud)
{
	if (loud)
		*loud = statuses[row(status)].loud;
	return statuses[row(status)].label;
}

const char *dorn_note_status_words(void)
{
	return "none, draft, submitted, approved or returned";
}

static const struct move {
	int act;
	int from;
	int to;
	int supervisor_only;
	int not_own;
	const char *name;
} moves[] = {
	{ DORN_ACT_SUBMIT, DORN_NOTE_DRAFT, DORN_NOTE_SUBMITTED, 0, 0, "submit" },
	{ DORN_ACT_APPROVE, DORN_NOTE_SUBMITTED, DORN_NOTE_APPROVED, 1, 1, "approve" },
	{ DORN_ACT_RETURN, DORN_NOTE_SUBMITTED, DORN_NOTE_RETURNED, 1, 1, "return" },
};

int dorn_review_next(int act)
{
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].act == act)
			return moves[i].to;
	return DORN_NOTE_NONE;
}

static const char *why_not(int act, int status)
{
	if (act == DORN_ACT_SUBMIT) {
		switch (status) {
		case DORN_NOTE_NONE:
			return "there is no note to submit yet";
		case DORN_NOTE_SUBMITTED:
			return "it has been submitted already and is waiting for review";
		case DORN_NOTE_APPROVED:
			return "it has been approved already; change the case to start a new version";
		case DORN_NOTE_RETURNED:
			return "it was returned; change the case to answer the comment, then submit "
			       "the new version";
		}
	}
	switch (status) {
	case DORN_NOTE_NONE:
	case DORN_NOTE_DRAFT:
		return "only a submitted note can be reviewed, and this one has not been submitted";
	case DORN_NOTE_APPROVED:
		return "it has been approved already";
	case DORN_NOTE_RETURNED:
		return "it has been returned already";
	}
	return "it is not in a state that allows this";
}

int dorn_review_check(int status, int act, const struct dorn_review_actor *who,
		      const char *comment, struct dorn_err *err)
{
	const struct move *m = NULL;

	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].act == act)
			m = &moves[i];
	if (!m)
		return dorn_err_set(err, DORN_EINTERNAL, "unknown review act %d", act);
	/* Who first: an officer is told they cannot review at all, whatever
	 * the note's state. */
	if (m->supervisor_only && !who->supervisor)
		return dorn_err_set(err, DORN_EPERM, "only a supervisor can %s a note: ask a "
				    "supervisor to review it", m->name);
	/* A rule, not a matter of role: the supervisor may review other
	 * versions, and another supervisor may review this one. */
	if (m->not_own && who->is_author)
		return dorn_err_set(err, DORN_ERULE, "you wrote or changed this version, so you "
				    "cannot %s it: another supervisor must review it", m->name);
	if (status != m->from)
		return dorn_err_set(err, DORN_ERULE, "cannot %s this note: %s", m->name,
				    why_not(act, status));
	if (act == DORN_ACT_RETURN) {
		const char *p = comment;

		while (p && (*p == ' ' || *p == '\t' || *p == '\n'))
			p++;
		if (!p || !*p)
			return dorn_err_set(err, DORN_EDATA, "a returned note needs a comment "
					    "saying what to change");
	}
	return 0;
}
