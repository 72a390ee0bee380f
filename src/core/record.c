/* The records beside the case: the words of roles and audit actions, and
 * the free functions of note versions and case views. */
#include <stdlib.h>
#include <string.h>

#include "dorn/err.h"
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
	free(n->model);
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

int dorn_audit_anchor_parse(const char *s, struct dorn_audit_anchor *out,
			    struct dorn_err *err)
{
	char *end;
	size_t i;

	out->seq = strtoll(s, &end, 10);
	if (end == s || *end != ':' || out->seq < 1)
		goto bad;
	for (i = 0; i < 64; i++) {
		char c = end[1 + i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			goto bad;
		out->mac[i] = c;
	}
	if (end[1 + i])
		goto bad;
	out->mac[64] = '\0';
	return 0;
bad:
	return dorn_err_set(err, DORN_EUSAGE, "'%.80s' is not an anchor: give SEQ:MAC as "
			    "'dorn audit head' prints it (a row number, ':', 64 hex digits)", s);
}
