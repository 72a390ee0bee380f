/* Supervisor review: submitting a note, the queue, approving and
 * returning, versions, and the staff changes only supervisors may make.
 * The rules themselves are in core/review.c; here they meet the data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/store.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/list.h"
#include "dorn/model.h"
#include "dorn/review.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "priv.h"

static int is_supervisor(const struct dorn_app *app)
{
	return app->me.role == DORN_ROLE_SUPERVISOR;
}

/* Gaps that stop a note going to a supervisor: without them there is
 * nothing a court could order. Other gaps go in the note's STILL MISSING. */
static int blocking(const struct dorn_case_view *v, struct dorn_err *err)
{
	char shown[18], what[160] = "";
	int offence = 0, items = 0;

	for (size_t i = 0; i < v->a.nproblems; i++) {
		offence |= v->a.problems[i].code == DORN_MISSING_OFFENCE;
		items |= v->a.problems[i].code == DORN_MISSING_ITEMS;
	}
	if (!v->a.consent)
		return dorn_app_no_consent(v->c, err);
	if (!offence && !items)
		return 0;
	snprintf(what, sizeof what, "%s%s%s", offence ? "no offence is recorded (step 1)" : "",
		 offence && items ? " and " : "",
		 items ? "no device or account is recorded (step 5)" : "");
	dorn_urn_display(v->c->urn, shown);
	return dorn_err_set(err, DORN_ERULE, "cannot submit the note for %s: %s: add it, then "
			    "submit again", shown, what);
}

int dorn_app_submit(struct dorn_app *app, const char *urn, struct dorn_note *out,
		    struct dorn_err *err)
{
	struct dorn_case_view v;
	struct dorn_review_actor who = { is_supervisor(app), 1 };
	int rc = dorn_app_open_case(app, urn, &v, "submit", err);

	if (out)
		memset(out, 0, sizeof *out);
	if (!rc)
		rc = blocking(&v, err);
	/* The text submitted is the note as the case stands now. */
	if (!rc)
		rc = dorn_app_refresh_note(app, &v, err);
	if (!rc)
		rc = dorn_review_check(v.has_note ? v.note.status
						  : DORN_NOTE_NONE,
				       DORN_ACT_SUBMIT, &who, NULL, err);
	/* Sending a text for review is taking it as one's own: the submitter
	 * is an author too, named in the text they submit. */
	if (!rc)
		rc = dorn_store_note_author_add(app->st, v.c->id, app->login,
						DORN_AUTHOR_SUBMITTED, NULL, err);
	/* The frozen text says what it is: submitted, not a draft. */
	if (!rc) {
		char today[11], when[32], status[64];
		struct dorn_date d;

		dorn_date_from_days(app->today, &d);
		dorn_date_iso(&d, today);
		dorn_date_long(today, when);
		snprintf(status, sizeof status, "submitted for review on %s", when);
		rc = dorn_app_render_note(app, &v, status, err);
	}
	if (!rc)
		rc = dorn_store_note_move(app->st, v.note.id, DORN_NOTE_DRAFT, DORN_NOTE_SUBMITTED, app->login,
					  NULL, err);
	if (!rc && out) {
		rc = dorn_store_note_latest(app->st, v.c->id, out, err);
	}
	rc = dorn_app_finish(app, &v, rc, err);
	if (rc && out)
		dorn_note_fini(out);
	dorn_case_view_fini(&v);
	return rc;
}

static long days_since(const char *stamp, long today)
{
	struct dorn_date d;
	char day[11];

	snprintf(day, sizeof day, "%.10s", stamp);
	if (dorn_date_parse(day, &d, NULL))
		return 0;
	return today - dorn_date_to_days(&d);
}

/* The part of the case list a row falls in (enum dorn_list_seg): a date to
 * come, one passed, or none. */
static int queue_seg(const struct dorn_due *d)
{
	if (!d->date[0])
		return DORN_SEG_NONE;
	return d->passed ? DORN_SEG_PASSED : DORN_SEG_UPCOMING;
}

static int queue_cmp(const void *pa, const void *pb)
{
	const struct dorn_queue_row *a = pa, *b = pb;
	int sa = queue_seg(&a->due), sb = queue_seg(&b->due), c;

	/* As the case list orders cases (dorn_due): the date that matters,
	 * soonest first, passed dates after the ones to come, no date last;
	 * on the same date, whoever has waited longest; then the URN, so the
	 * order never depends on qsort. */
	if (sa != sb)
		return sa < sb ? -1 : 1;
	c = strcmp(a->due.date, b->due.date);
	if (!c)
		c = strcmp(a->submitted, b->submitted);
	return c ? c : strcmp(a->urn, b->urn);
}

/* Whether the reader is an author of the case's version (so the queue can
 * say so before they try to approve it). */
static int is_author(struct dorn_app *app, const char *urn, int version, int *yes,
		     struct dorn_err *err)
{
	struct dorn_note_author *a = NULL;
	long long id = 0;
	size_t n = 0;
	int rc = dorn_store_case_id(app->st, urn, &id, err);

	*yes = 0;
	if (!rc)
		rc = dorn_store_note_authors(app->st, id, version, &a, &n, err);
	for (size_t i = 0; !rc && i < n; i++)
		if (strcmp(a[i].login, app->login) == 0)
			*yes = 1;
	free(a);
	return rc;
}

int dorn_app_review_queue(struct dorn_app *app, struct dorn_queue_row **rows, size_t *n,
			  struct dorn_err *err)
{
	struct dorn_store_queue_row *r = NULL;
	struct dorn_queue_row *out;
	size_t nr = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!is_supervisor(app))
		return dorn_err_set(err, DORN_EPERM, "only a supervisor can see the review "
				    "queue, and '%s' is an officer", app->login);
	rc = dorn_store_review_queue(app->st, &r, &nr, err);
	if (rc)
		return rc;
	out = calloc(nr ? nr : 1, sizeof *out);
	if (!out) {
		free(r);
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < nr; i++) {
		memcpy(out[i].urn, r[i].urn, sizeof out[i].urn);
		out[i].version = r[i].version;
		memcpy(out[i].author, r[i].author, sizeof out[i].author);
		memcpy(out[i].author_name, r[i].author_name, sizeof out[i].author_name);
		memcpy(out[i].submitted, r[i].submitted, sizeof out[i].submitted);
		out[i].waiting_days = days_since(r[i].submitted, app->today);
		dorn_due(r[i].next_hearing, r[i].sentencing_date, app->today, app->cfg.urgent_days,
			 &out[i].due);
		rc = is_author(app, r[i].urn, r[i].version, &out[i].yours, err);
		if (rc) {
			free(r);
			free(out);
			return rc;
		}
	}
	free(r);
	qsort(out, nr, sizeof *out, queue_cmp);
	*rows = out;
	*n = nr;
	return 0;
}

/* The status in text as dorn_app_submit wrote it, "submitted for review on
 * DATE", into from ("" when it is not there). 0 or DORN_ENOMEM. */
static int status_from(const char *text, const char *prefix, struct dorn_buf *from)
{
	const char *at = strstr(text, prefix);

	return at ? dorn_buf_add(from, at, strcspn(at, ");\n")) : 0;
}

/* The approved text says so. The note is not rendered again: the text
 * the supervisor approved is the text they read, and a fresh rendering
 * could differ from it (the days left, an edited template). Only its
 * status, "submitted for review on DATE" as dorn_app_submit wrote it,
 * becomes "approved by NAME on DATE" (a line is added if a template left
 * the status out), in the same transaction as the approval. */
static int stamp_approval(struct dorn_app *app, struct dorn_case_view *v, struct dorn_err *err)
{
	static const char prefix[] = "submitted for review on ";
	char today[11], when[32], to[256];
	const char *body = v->note.body ? v->note.body : "";
	struct dorn_date d;
	struct dorn_buf from, out, model;
	int rc;

	dorn_date_from_days(app->today, &d);
	dorn_date_iso(&d, today);
	dorn_date_long(today, when);
	snprintf(to, sizeof to, "approved by %s on %s", app->me.name, when);
	dorn_buf_init(&from);
	dorn_buf_init(&out);
	dorn_buf_init(&model);
	/* The status as it was written: the prefix up to the end of its date
	 * (in the text, where a line may end it early, and in the model). */
	rc = status_from(body, prefix, &from) ||
	     dorn_note_stamp(body, dorn_buf_str(&from), to, &out);
	if (!rc && v->note.model) {
		dorn_buf_reset(&from);
		rc = status_from(v->note.model, prefix, &from) ||
		     dorn_note_stamp_model(v->note.model, dorn_buf_str(&from), to, &model);
	}
	if (rc)
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	else
		rc = dorn_store_note_stamp(app->st, v->note.id, dorn_buf_str(&out),
					   v->note.model ? dorn_buf_str(&model) : NULL, err);
	dorn_buf_fini(&from);
	dorn_buf_fini(&out);
	dorn_buf_fini(&model);
	return rc;
}

/* A review comment is kept with the version, shown on the officer's
 * screen and in dorn show, and exported: plain text, new lines allowed.
 * Anything else is refused with the character and where it is, never
 * cleaned silently, so what was sent is what is kept. */
static int comment_plain(const char *comment, struct dorn_err *err)
{
	char what[96];
	size_t at = app_text_control(comment, DORN_TEXT_KEEP_NEWLINE, what, sizeof what);

	if (!at)
		return 0;
	return dorn_err_set(err, DORN_EDATA, "the comment holds %s at character %zu: a comment "
			    "is plain text (new lines are kept), so remove it and send the "
			    "comment again", what, at);
}

size_t app_text_control(const char *s, int flags, char *what, size_t nwhat)
{
	static const struct {
		uint32_t cp;
		const char *name;
	} named[] = {
		{ 0x07, "BEL (a bell)" },
		{ 0x08, "BS (a backspace)" },
		{ 0x09, "TAB (a tab)" },
		{ 0x0A, "LF (a line break)" },
		{ 0x0D, "CR (a carriage return)" },
		{ 0x1B, "ESC (an escape, which starts terminal control sequences)" },
		{ 0x7F, "DEL (delete)" },
	};
	size_t n = s ? strlen(s) : 0, at;
	uint32_t cp = 0;

	if (!n)
		return 0;
	at = dorn_text_find_control(s, n, flags, &cp);
	if (at == n)
		return 0;
	if (!dorn_utf8_valid(s + at, dorn_utf8_next(s, n, at) - at, NULL))
		snprintf(what, nwhat, "a byte that is not UTF-8 text");
	else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		snprintf(what, nwhat, "the direction control U+%04X", (unsigned)cp);
	else
		snprintf(what, nwhat, "the control character U+%04X", (unsigned)cp);
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].cp == cp)
			snprintf(what, nwhat, "the control character %s", named[i].name);
	return dorn_utf8_len(s, at) + 1;
}

/* Why the acting supervisor may not review v's version: what first made
 * them one of its authors, when, and who else wrote it. */
static int author_refusal(const struct dorn_case_view *v, const struct dorn_note_author *me,
			  const char *act, struct dorn_err *err)
{
	const struct dorn_note *n = &v->note;
	const struct dorn_note_author *first = n->nauthors ? &n->authors[0] : me;
	int earlier = me->since_version && me->since_version < n->version;
	char shown[18], day[32], which[32] = "it", did[200], after[200], names[512] = "";
	size_t w = 0;

	dorn_urn_display(v->c->urn, shown);
	dorn_date_long(me->first, day);
	if (earlier)
		snprintf(which, sizeof which, "version %d", me->since_version);
	switch (me->act) {
	case DORN_AUTHOR_RECORDED:
	case DORN_AUTHOR_CHANGED:
		snprintf(did, sizeof did, "you %s the case%s%.100s%s",
			 me->act == DORN_AUTHOR_RECORDED ? "recorded" : "changed",
			 me->how[0] ? " (" : "", me->how, me->how[0] ? ")" : "");
		break;
	case DORN_AUTHOR_SUBMITTED:
		snprintf(did, sizeof did, "you submitted %s", which);
		break;
	default:
		snprintf(did, sizeof did, "you started the draft of %s",
			 earlier ? which : "this version");
		break;
	}
	if (earlier && me->act <= DORN_AUTHOR_CHANGED)
		snprintf(after, sizeof after, ", while version %d was being written; it was "
			 "returned, and this version is built on it", me->since_version);
	else if (earlier)
		snprintf(after, sizeof after, "; it was returned, and this version is built on it");
	else if (strcmp(first->login, me->login) == 0)
		snprintf(after, sizeof after, "%s",
			 me->act == DORN_AUTHOR_DRAFTED ? "" : ", which began this version");
	else
		snprintf(after, sizeof after, ", after %s began this version",
			 first->name[0] ? first->name : first->login);
	for (size_t i = 0; i < n->nauthors && w < sizeof names; i++)
		w += (size_t)snprintf(names + w, sizeof names - w, "%s%s", i ? ", " : "",
				      n->authors[i].name[0] ? n->authors[i].name
							    : n->authors[i].login);
	if (n->authors_total > n->nauthors && w < sizeof names)
		snprintf(names + w, sizeof names - w, " and %zu more",
			 n->authors_total - n->nauthors);
	return dorn_err_set(err, DORN_ERULE, "you cannot %s version %d of %s: %s at %.5s UTC "
			    "on %s%s, so you are one of its authors (%s), and nobody reviews a "
			    "version they wrote or changed: another supervisor must review this "
			    "version", act, n->version, shown, did,
			    strlen(me->first) > 16 ? me->first + 11 : "--:--", day, after, names);
}

int dorn_app_review(struct dorn_app *app, const char *urn, int approve, const char *comment,
		    struct dorn_err *err)
{
	struct dorn_case_view v;
	struct dorn_review_actor who = { is_supervisor(app), 0 };
	int act = approve ? DORN_ACT_APPROVE : DORN_ACT_RETURN, rc, status;

	/* Input first: it is refused as typed, whoever typed it. */
	if ((rc = comment_plain(comment, err)))
		return rc;
	/* An officer is refused before anything about the case is read. */
	if (!who.supervisor)
		return dorn_review_check(DORN_NOTE_SUBMITTED, act, &who, comment, err);
	rc = dorn_app_open_case(app, urn, &v, approve ? "approve" : "return", err);
	if (!rc) {
		struct dorn_note_author me = { 0 };

		status = v.has_note ? v.note.status : DORN_NOTE_NONE;
		/* Authors by what they did to this version (note_author), not
		 * by who started it: only a submitted version can be reviewed,
		 * and for the others the status says more. */
		if (status == DORN_NOTE_SUBMITTED) {
			rc = dorn_store_note_author_get(app->st, v.c->id, v.note.version,
							app->login, &me, NULL);
			who.is_author = rc == 0;
			if (rc == DORN_ENOINPUT && strcmp(v.note.author, app->login) == 0) {
				/* Started before authors were kept: the note says so. */
				snprintf(me.login, sizeof me.login, "%s", app->login);
				snprintf(me.first, sizeof me.first, "%s", v.note.created);
				me.act = DORN_AUTHOR_DRAFTED;
				who.is_author = 1;
			}
			rc = rc == DORN_ENOINPUT ? 0 : rc;
			if (rc)
				rc = dorn_err_set(err, rc, "cannot read who wrote the note");
		}
		if (!rc)
			rc = dorn_review_check(status, act, &who, comment, err);
		if (rc == DORN_ERULE && who.is_author)
			rc = author_refusal(&v, &me, approve ? "approve" : "return", err);
		/* Already reviewed: say by whom and when. */
		if (rc == DORN_ERULE && (status == DORN_NOTE_APPROVED ||
					 status == DORN_NOTE_RETURNED)) {
			char when[32];

			dorn_date_long(v.note.reviewed, when);
			rc = dorn_err_set(err, DORN_ERULE, "nothing was changed: version %d was "
					  "%s already by %s (%s) on %s at %.5s UTC",
					  v.note.version, dorn_note_status_word(v.note.status),
					  v.note.reviewer_name,
					  v.note.reviewer, when, v.note.reviewed + 11);
		}
	}
	if (!rc)
		rc = dorn_store_note_move(app->st, v.note.id, DORN_NOTE_SUBMITTED,
					  approve ? DORN_NOTE_APPROVED : DORN_NOTE_RETURNED, app->login,
					  comment, err);
	if (!rc && approve)
		rc = stamp_approval(app, &v, err);
	rc = dorn_app_finish(app, &v, rc, err);
	dorn_case_view_fini(&v);
	return rc;
}

int dorn_app_versions(struct dorn_app *app, long long case_id, struct dorn_note **rows,
		      size_t *n, struct dorn_err *err)
{
	return dorn_store_note_versions(app->st, case_id, rows, n, err);
}

struct sup_count {
	const char *except;
	int n;
};

static int count_supervisors(const struct dorn_staff *s, void *ctx)
{
	struct sup_count *c = ctx;

	if (s->role == DORN_ROLE_SUPERVISOR && s->active && strcmp(s->login, c->except) != 0)
		c->n++;
	return 0;
}

static int staff_change(struct dorn_app *app, const char *login, int role, int active,
			struct dorn_err *err)
{
	struct dorn_staff old;
	struct sup_count others = { login, 0 };
	int rc;

	if (!is_supervisor(app))
		return dorn_err_set(err, DORN_EPERM, "only a supervisor can change staff, and "
				    "'%s' is an officer: ask a supervisor", app->login);
	rc = dorn_store_staff_get(app->st, login, &old, err);
	if (rc == DORN_ENOINPUT)
		return dorn_err_set(err, DORN_ENOINPUT, "'%.40s' is not registered: see "
				    "dorn staff list", login);
	if (rc)
		return rc;
	if (role < 0)
		role = old.role;
	if (active < 0)
		active = old.active;
	/* Someone must always be able to add staff and review notes. */
	if (old.role == DORN_ROLE_SUPERVISOR && old.active &&
	    (role != DORN_ROLE_SUPERVISOR || !active)) {
		rc = dorn_store_staff_each(app->st, count_supervisors, &others, err);
		if (rc)
			return rc;
		if (others.n == 0)
			return dorn_err_set(err, DORN_ERULE, "'%s' is the last active supervisor: "
					    "make someone else a supervisor first", login);
	}
	return dorn_store_staff_update(app->st, login, role, active, app->login, err);
}

int dorn_app_staff_set_role(struct dorn_app *app, const char *login, int role,
			    struct dorn_err *err)
{
	return staff_change(app, login, role, -1, err);
}

int dorn_app_staff_set_active(struct dorn_app *app, const char *login, int active,
			      struct dorn_err *err)
{
	return staff_change(app, login, -1, active, err);
}
