/* The records beside the case: the words of roles and audit actions, and
 * the free functions of note versions and case views. */
#include <stdlib.h>
#include <string.h>

#include "dorn/record.h"

static const char *const roles[] = { "officer", "supervisor" };

const char *dorn_role_word(int role)
{
	return role == DORN_ROLE_SUPERVISOR ? roles[1] : roles[0];
}

int dorn_role_of(const char *word)
{
	for (int i = 0; word && i < 2; i++)
		if (strcmp(word, roles[i]) == 0)
			return i;
	return -1;
}

const char *dorn_audit_action_name(enum dorn_audit_action a)
{
	static const char *const names[] = { "collect", "alter", "consult",
					     "disclose", "combine", "erase", "seal" };

	return (unsigned)a < sizeof names / sizeof names[0] ? names[a] : "unknown";
}

static const char *const author_acts[] = { "collect", "alter", "draft", "submit" };

const char *dorn_author_act_word(int act)
{
	return act >= 0 && act < (int)(sizeof author_acts / sizeof author_acts[0])
		       ? author_acts[act] : "alter";
}

int dorn_author_act_of(const char *word)
{
	for (int i = 0; word && i < (int)(sizeof author_acts / sizeof author_acts[0]); i++)
		if (strcmp(word, author_acts[i]) == 0)
			return i;
	return -1;
}

void dorn_note_fini(struct dorn_note *n)
{
	if (!n)
		return;
	free(n->body);
	memset(n, 0, sizeof *n);
}

void dorn_notes_free(struct dorn_note *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++)
		dorn_note_fini(&rows[i]);
	free(rows);
}

void dorn_case_view_fini(struct dorn_case_view *v)
{
	if (!v)
		return;
	dorn_case_free(v->c);
	dorn_note_fini(&v->note);
	dorn_notes_free(v->versions, v->nversions);
	memset(v, 0, sizeof *v);
}
