/* Cases: import from case files, show, the note and the list. Each use
 * case is one transaction, with its audit rows inside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/doc.h"
#include "dorn/store.h"
#include "dorn/buf.h"
#include "dorn/casefile.h"
#include "dorn/err.h"
#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/offences.h"
#include "dorn/datafiles.h"
#include "dorn/order.h"
#include "dorn/review.h"
#include "dorn/tmpl.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "priv.h"

int dorn_app_load_data(struct dorn_app *app, struct dorn_err *err)
{
	int rc;

	if (app->data_loaded)
		return 0;
	rc = dorn_offences_load(NULL, &app->offences, err);
	if (!rc)
		rc = dorn_wording_load(NULL, &app->wording, err);
	if (!rc)
		rc = dorn_template_load(app->cfg.note_template, &app->note_tmpl, err);
	if (!rc)
		rc = dorn_order_template_load(app->cfg.order_template, &app->order_tmpl, err);
	if (!rc)
		rc = dorn_holidays_load(NULL, &app->holidays, err);
	if (!rc)
		rc = dorn_victims_code_load(NULL, &app->vcode, err);
	if (!rc)
		rc = dorn_scripts_load(NULL, &app->scripts, err);
	if (rc) {
		dorn_offences_free(&app->offences);
		dorn_wording_fini(&app->wording);
		dorn_tmpl_free(app->note_tmpl);
		app->note_tmpl = NULL;
		dorn_tmpl_free(app->order_tmpl);
		app->order_tmpl = NULL;
		dorn_holidays_fini(&app->holidays);
		dorn_scripts_fini(&app->scripts);
		return rc;
	}
	app->data_loaded = 1;
	return 0;
}

static int consult(struct dorn_app *app, long long id, const char *why, struct dorn_err *err)
{
	struct dorn_audit_rec a = { .login = app->login, .action = DORN_AUDIT_CONSULT,
				    .entity = "case", .entity_id = id, .reason = why };

	if (dorn_store_readonly(app->st)) {
		app->unlogged = 1;
		return 0;
	}
	return dorn_store_audit(app->st, &a, err);
}

int dorn_app_list_consult(struct dorn_app *app, const struct dorn_list_query *q, size_t shown,
			  int more, struct dorn_err *err)
{
	struct dorn_audit_rec a = { .login = app->login, .action = DORN_AUDIT_CONSULT,
				    .entity = "list" };
	char why[160];
	int n;

	/* The filter, never the search's text: what an officer searches for
	 * may be a victim's words or name, which the log must not copy. */
	n = snprintf(why, sizeof why, "%s", q && q->search && *q->search ? "searched the case list"
									 : "listed cases");
	if (q && q->status)
		n += snprintf(why + n, sizeof why - (size_t)n, ", status %.20s", q->status);
	if (q && q->due_within >= 0)
		n += snprintf(why + n, sizeof why - (size_t)n, ", due within %d days", q->due_within);
	snprintf(why + n, sizeof why - (size_t)n, " (%zu%s case%s %s)", shown, more ? "+" : "",
		 shown == 1 && !more ? "" : "s",
		 q && q->search && *q->search ? "matched" : "shown");
	a.reason = why;
	if (dorn_store_readonly(app->st)) {
		app->unlogged = 1;
		return 0;
	}
	return dorn_store_audit_alone(app->st, &a, err);
}

/* Begin, load the case by the URN as typed, and log the reading. */
int dorn_app_open_case(struct dorn_app *app, const char *typed, struct dorn_case_view *v,
		     const char *why, struct dorn_err *err)
{
	char urn[DORN_URN_MAX];
	int rc;

	memset(v, 0, sizeof *v);
	rc = dorn_urn_parse(typed, urn, err);
	if (rc)
		return rc;
	rc = dorn_app_load_data(app, err);
	if (rc)
		return rc;
	v->c = dorn_case_new();
	if (!v->c)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	rc = dorn_store_begin(app->st, err);
	if (rc)
		return rc;
	rc = dorn_store_case_load(app->st, urn, v->c, err);
	if (!rc)
		rc = consult(app, v->c->id, why, err);
	if (!rc) {
		dorn_assess(v->c, &app->offences, app->today, app->cfg.urgent_days, &v->a);
		rc = dorn_store_note_latest(app->st, v->c->id, &v->note, err);
		v->has_note = rc == 0;
		if (rc == DORN_ENOINPUT)
			rc = 0;
	}
	return rc;
}

int dorn_app_finish(struct dorn_app *app, struct dorn_case_view *v, int rc,
		  struct dorn_err *err)
{
	if (!rc)
		rc = dorn_store_commit(app->st, err);
	else
		dorn_store_rollback(app->st);
	if (rc && rc != DORN_ERULE)
		dorn_case_view_fini(v);
	return rc;
}

int dorn_app_show(struct dorn_app *app, const char *urn, struct dorn_case_view *v,
		  struct dorn_err *err)
{
	int rc = dorn_app_open_case(app, urn, v, "show", err);

	if (!rc)
		rc = dorn_store_note_versions(app->st, v->c->id, &v->versions, &v->nversions, err);
	return dorn_app_finish(app, v, rc, err);
}

int dorn_app_no_consent(const struct dorn_case *c, struct dorn_err *err)
{
	char shown[18];

	dorn_urn_display(c->urn, shown);
	if (c->victim.consent == DORN_CONSENT_NO)
		return dorn_err_set(err, DORN_ERULE,
				    "no note for %s: the victim has not agreed to share their "
				    "concern with the prosecutor, so dorn writes no note. Their "
				    "concern stays recorded. You can still offer support and tell "
				    "them that a court can make the order without an application; "
				    "if they change their mind, record their consent and run "
				    "'dorn note' again", shown);
	return dorn_err_set(err, DORN_ERULE,
			    "no note for %s yet: the victim has not been asked whether their "
			    "concern may be shared with the prosecutor. Ask them (explain that "
			    "the prosecutor, a supervisor and the case file will read it), "
			    "record their answer, then run 'dorn note' again", shown);
}

/* The note's whole model (doc.h): the note, then its annex (the draft
 * order), so every stored version, and the text and PDF made from it,
 * carry both. The one place they are put together. */
int dorn_app_note_text(struct dorn_app *app, const struct dorn_case *c,
		       const struct dorn_assessment *a, const struct dorn_note_meta *m,
		       struct dorn_buf *out, struct dorn_err *err)
{
	int rc = dorn_note_render(app->note_tmpl, &app->wording, c, a, &app->offences, m, out,
				  err);

	if (!rc)
		rc = dorn_order_render(app->order_tmpl, c, a, &app->offences, out, err);
	/* A name a template cannot find is a fault of the template file. */
	if (rc == DORN_EDATA) {
		rc = DORN_ECONFIG;
		if (err)
			err->code = rc;
	}
	return rc;
}

/* Bring the note in step with the case, inside the open transaction. */
int dorn_app_refresh_note(struct dorn_app *app, struct dorn_case_view *v, struct dorn_err *err)
{
	return dorn_app_render_note(app, v, NULL, err);
}

int dorn_app_authors(struct dorn_app *app, long long case_id, int version, int with_me,
		     const char ***names, size_t *n, struct dorn_err *err)
{
	struct dorn_note_author *rows = NULL;
	size_t len = 0, k = 0;
	const char **out;
	char *at;
	int rc = case_id ? dorn_store_note_authors(app->st, case_id, version, &rows, &len, err) : 0;

	*names = NULL;
	*n = 0;
	if (rc)
		return rc;
	for (size_t i = 0; i < len; i++)
		with_me = with_me && strcmp(rows[i].login, app->login) != 0;
	/* One block: the pointers, then the names they point at. */
	out = malloc((len + 1) * (sizeof *out + sizeof rows[0].name));
	if (!out) {
		free(rows);
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	}
	at = (char *)(out + len + 1);
	for (size_t i = 0; i < len + !!with_me; i++, k++) {
		const char *name = i < len ? (rows[i].name[0] ? rows[i].name : rows[i].login)
					   : (app->me.name[0] ? app->me.name : app->login);

		snprintf(at, sizeof rows[0].name, "%s", name);
		out[k] = at;
		at += sizeof rows[0].name;
	}
	free(rows);
	*names = out;
	*n = k;
	return 0;
}

int dorn_app_render_note(struct dorn_app *app, struct dorn_case_view *v, const char *status,
			 struct dorn_err *err)
{
	struct dorn_note_meta m = { 0 };
	struct dorn_staff author = { 0 };
	struct dorn_buf body, model;
	const char **names = NULL;
	int rc, version = 1, changed = 0;

	if (!v->a.consent) {
		rc = dorn_store_note_drop_draft(app->st, v->c->id, app->login, err);
		return rc ? rc : dorn_app_no_consent(v->c, err);
	}
	/* A frozen version stands until the case changes after it. */
	if (v->has_note && v->note.status != DORN_NOTE_DRAFT &&
	    v->note.case_version == v->c->version)
		return 0;
	rc = dorn_store_note_next_version(app->st, v->c->id, &version, err);
	if (rc)
		return rc;
	m.unit = app->cfg.unit_name;
	m.unit_area = app->cfg.unit_area;
	m.unit_phone = app->cfg.unit_phone;
	m.unit_email = app->cfg.unit_email;
	/* The note's author: who wrote the draft, or whoever starts it now. */
	if (v->has_note && v->note.status == DORN_NOTE_DRAFT &&
	    strcmp(v->note.author, app->login) != 0) {
		m.author = v->note.author_name;
		rc = dorn_store_staff_get(app->st, v->note.author, &author, err);
		if (rc == DORN_ENOINPUT)
			rc = 0; /* no record any more: the contact is "not recorded" */
		else if (rc)
			return rc;
		else
			m.author_contact = author.contact;
	} else {
		m.author = v->has_note && v->note.status == DORN_NOTE_DRAFT ? v->note.author_name
									     : app->me.name;
		m.author_contact = app->me.contact;
	}
	/* Written by: the version's authors; whoever starts its draft now
	 * is one (the store notes it with the draft). */
	rc = dorn_app_authors(app, v->c->id, version,
			      !(v->has_note && v->note.status == DORN_NOTE_DRAFT), &names,
			      &m.nauthors, err);
	if (rc)
		return rc;
	m.authors = names;
	m.version = version;
	m.supersedes = version > 1 ? version - 1 : 0;
	m.status_text = status ? status : "draft, not yet reviewed";
	m.today = app->today;
	dorn_buf_init(&body);
	dorn_buf_init(&model);
	rc = dorn_app_note_text(app, v->c, &v->a, &m, &model, err);
	if (!rc && dorn_doc_text(dorn_buf_str(&model), DORN_NOTE_WIDTH, &body))
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	if (!rc)
		rc = dorn_store_note_draft(app->st, v->c->id, v->c->version, dorn_buf_str(&body),
					   dorn_buf_str(&model), app->login, &version, &changed,
					   err);
	dorn_buf_fini(&body);
	dorn_buf_fini(&model);
	free(names);
	if (rc)
		return rc;
	dorn_note_fini(&v->note);
	rc = dorn_store_note_latest(app->st, v->c->id, &v->note, err);
	v->has_note = rc == 0;
	return rc;
}

int dorn_app_note(struct dorn_app *app, const char *urn, struct dorn_case_view *v,
		  struct dorn_err *err)
{
	int rc = dorn_app_open_case(app, urn, v, "note", err);
	struct dorn_err keep;

	if (!rc)
		rc = dorn_app_refresh_note(app, v, err);
	if (rc == DORN_ERULE) {
		/* No note, but the removal of a stale draft must still be saved. */
		keep = *err;
		rc = dorn_store_commit(app->st, err);
		if (!rc) {
			*err = keep;
			rc = DORN_ERULE;
		}
		dorn_case_view_fini(v);
		return rc;
	}
	return dorn_app_finish(app, v, rc, err);
}

int dorn_app_put_case(struct dorn_app *app, struct dorn_case *c, const char *reason,
		      int *noted, struct dorn_err *err)
{
	struct dorn_case_view v;
	struct dorn_note waiting;
	char shown[18];
	int rc, done, also;

	*noted = 0;
	/* What the court did is not a change to the request. */
	rc = dorn_app_outcome_route(app, c, reason, &done, &also, err);
	if (rc || done) {
		/* The note stands as it was: there is one when they agreed. */
		*noted = !rc && c->victim.consent == DORN_CONSENT_YES;
		return rc;
	}
	/* While a supervisor may be reading version N, the case it was written
	 * from stays as it is: a change would leave them reviewing a note that
	 * no longer matches, or drop it from their queue unseen. */
	if (c->id && dorn_store_note_latest(app->st, c->id, &waiting, NULL) == 0) {
		int blocked = waiting.status == DORN_NOTE_SUBMITTED;

		dorn_note_fini(&waiting);
		if (blocked) {
			dorn_urn_display(c->urn, shown);
			return dorn_err_set(err, DORN_ERULE, "%s cannot be changed while its note "
					    "is waiting for review: ask a supervisor to approve or "
					    "return it first", shown);
		}
	}
	rc = dorn_store_case_put(app->st, c, app->login, reason, err);
	if (!rc && also)
		rc = dorn_app_outcome_also(app, c, reason, err);
	if (rc)
		return rc;
	memset(&v, 0, sizeof v);
	v.c = c;
	dorn_assess(c, &app->offences, app->today, app->cfg.urgent_days, &v.a);
	rc = dorn_store_note_latest(app->st, c->id, &v.note, err);
	v.has_note = rc == 0;
	if (rc == DORN_ENOINPUT)
		rc = 0;
	if (!rc)
		rc = dorn_app_refresh_note(app, &v, err);
	dorn_note_fini(&v.note);
	if (rc == DORN_ERULE)
		return 0; /* no consent: no note, but the case is stored */
	*noted = rc == 0;
	return rc;
}

/* The outcome recorded in old, into c (items matched by position). */
static void keep_outcome(struct dorn_case *c, const struct dorn_case *old)
{
	c->outcome = old->outcome;
	for (size_t i = 0; i < c->nitems; i++)
		for (size_t j = 0; j < old->nitems; j++) {
			const struct dorn_item *o = &old->items[j];
			struct dorn_item *it = &c->items[i];

			if (o->position != it->position)
				continue;
			it->result = o->result;
			memcpy(it->result_reason, o->result_reason, sizeof it->result_reason);
			memcpy(it->result_next, o->result_next, sizeof it->result_next);
		}
}

int dorn_app_import(struct dorn_app *app, char *const *files, size_t n, int update,
		    struct dorn_buf *report, struct dorn_err *err)
{
	struct dorn_case **cases = NULL;
	struct dorn_case_view v;
	long long id;
	char shown[18];
	int rc;

	rc = dorn_app_load_data(app, err);
	if (rc)
		return rc;
	cases = calloc(n, sizeof *cases);
	if (!cases)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	/* Read every file first: one bad file and nothing is stored. */
	for (size_t i = 0; i < n; i++) {
		cases[i] = dorn_case_new();
		if (!cases[i]) {
			rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
			goto out;
		}
		rc = dorn_casefile_read(files[i], &app->offences, cases[i], err);
		if (rc)
			goto out;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(cases[j]->urn, cases[i]->urn) == 0) {
				dorn_urn_display(cases[i]->urn, shown);
				rc = dorn_err_set(err, DORN_EDATA, "%s and %s both describe "
						  "case %s: import one of them", files[j],
						  files[i], shown);
				goto out;
			}
		}
	}
	rc = dorn_store_begin(app->st, err);
	if (rc)
		goto out;
	for (size_t i = 0; i < n && !rc; i++) {
		struct dorn_case *c = cases[i];
		int existed, noted = 0;

		dorn_urn_display(c->urn, shown);
		rc = dorn_store_case_id(app->st, c->urn, &id, NULL);
		existed = rc == 0;
		rc = 0;
		if (existed && !update) {
			rc = dorn_err_set(err, DORN_EDATA, "%s: case %s exists already: nothing "
					  "was imported; to replace it with this file, run "
					  "dorn import --update", files[i], shown);
			break;
		}
		if (existed) {
			/* --update replaces the record; the version it replaces is
			 * the one there now. */
			memset(&v, 0, sizeof v);
			v.c = dorn_case_new();
			if (!v.c) {
				rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
				break;
			}
			rc = dorn_store_case_load(app->st, c->urn, v.c, err);
			c->id = v.c->id;
			c->version = v.c->version;
			/* A file that says nothing of the outcome leaves the
			 * recorded one as it is, rather than clearing it. */
			if (!rc && !dorn_outcome_recorded(c))
				keep_outcome(c, v.c);
			dorn_case_view_fini(&v);
			if (rc)
				break;
		}
		/* A case file answers every question of the interview. */
		for (int s = DORN_STEP_CASE; s < DORN_STEP_REVIEW; s++)
			c->steps_saved |= 1u << s;
		rc = dorn_app_put_case(app, c, "import", &noted, err);
		if (rc == DORN_EDATA && err) {
			/* What the file says cannot be (an outcome told and not
			 * told): name the file, as the reader's messages do. */
			char msg[DORN_ERR_MSG];

			snprintf(msg, sizeof msg, "%s", err->msg);
			dorn_err_set(err, DORN_EDATA, "%s: %s", files[i], msg);
		}
		if (!rc && !noted) {
			dorn_buf_printf(report, "%s %s (no note: the victim has not agreed to "
					"share)\n", existed ? "Updated" : "Imported", shown);
		} else if (!rc) {
			dorn_buf_printf(report, "%s %s\n", existed ? "Updated" : "Imported", shown);
		}
	}
	if (!rc)
		rc = dorn_store_commit(app->st, err);
	else
		dorn_store_rollback(app->st);
out:
	for (size_t i = 0; i < n; i++)
		dorn_case_free(cases[i]);
	free(cases);
	return rc;
}

/* The store's query for q; today and due_by are the caller's buffers. */
static void list_query(struct dorn_app *app, const struct dorn_list_query *q,
		       struct dorn_case_query *sq, char today[11], char due_by[11])
{
	struct dorn_date d;

	memset(sq, 0, sizeof *sq);
	dorn_date_from_days(app->today, &d);
	dorn_date_iso(&d, today);
	sq->today = today;
	if (!q)
		return;
	sq->status = q->status;
	sq->search = q->search;
	if (q->due_within >= 0) {
		dorn_date_from_days(app->today + q->due_within, &d);
		dorn_date_iso(&d, due_by);
		sq->due_by = due_by;
	}
}

/* The urgency of a row: the date that matters, with [note] urgent_days. */
static void row_due(struct dorn_app *app, const struct dorn_case_row *r, struct dorn_due *out)
{
	dorn_due(r->next_hearing, r->sentencing_date, app->today, app->cfg.urgent_days, out);
}

struct list_fill {
	struct dorn_app *app;
	struct dorn_list_row *rows;
	size_t n, got;
};

static int fill_step(const struct dorn_case_row *r, void *ctx)
{
	struct list_fill *f = ctx;

	if (f->got == f->n)
		return 0;
	f->rows[f->got].r = *r;
	row_due(f->app, r, &f->rows[f->got].due);
	f->got++;
	return 0;
}

int dorn_app_list_page(struct dorn_app *app, const struct dorn_list_query *q,
		       const struct dorn_list_key *from, int backward,
		       struct dorn_list_row *rows, size_t n, size_t *got,
		       struct dorn_err *err)
{
	struct list_fill f = { app, rows, n, 0 };
	struct dorn_case_query sq;
	char today[11], due_by[11];
	int rc = 0;

	*got = 0;
	if (!n)
		return 0;
	list_query(app, q, &sq, today, due_by);
	rc = dorn_store_case_page(app->st, &sq, from, backward, n, fill_step, &f, err);
	if (rc)
		return rc;
	/* The store reads backwards from the end; the caller wants the list's order. */
	for (size_t i = 0; backward && i < f.got / 2; i++) {
		struct dorn_list_row t = rows[i];

		rows[i] = rows[f.got - 1 - i];
		rows[f.got - 1 - i] = t;
	}
	*got = f.got;
	return 0;
}

struct list_walk {
	struct dorn_app *app;
	size_t skip;
	int (*cb)(const struct dorn_list_row *, void *);
	void *ctx;
};

static int list_step(const struct dorn_case_row *r, void *ctx)
{
	struct list_walk *w = ctx;
	struct dorn_list_row row;

	/* --offset: read and passed over, as SQL's OFFSET would. */
	if (w->skip) {
		w->skip--;
		return 0;
	}
	row.r = *r;
	row_due(w->app, r, &row.due);
	return w->cb(&row, w->ctx);
}

int dorn_app_list_each(struct dorn_app *app, const struct dorn_list_query *q,
		       int (*cb)(const struct dorn_list_row *, void *), void *ctx,
		       struct dorn_err *err)
{
	struct dorn_case_query sq;
	struct list_walk w = { app, q ? q->offset : 0, cb, ctx };
	char today[11], due_by[11];
	size_t n = 0;

	if (q && q->limit) {
		if (q->limit > (size_t)-1 - q->offset)
			n = 0;
		else
			n = q->limit + q->offset;
	}
	list_query(app, q, &sq, today, due_by);
	return dorn_store_case_page(app->st, &sq, NULL, 0, n, list_step, &w, err);
}

/* ---- changing the URN of a saved case ---- */

/* Why the URN of case id (shown as shown) may no longer change: a note
 * that was submitted or exported carries it, in the supervisor's review,
 * in the export folder and in the files the prosecutor holds. */
static int rename_refused(struct dorn_app *app, long long id, const char *shown,
			  struct dorn_err *err)
{
	struct dorn_note *rows = NULL;
	size_t n = 0;
	int rc = dorn_store_note_versions(app->st, id, &rows, &n, err), sent = 0, exported = 0;

	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (rows[i].status != DORN_NOTE_DRAFT || rows[i].submitted[0])
			sent = sent > rows[i].version ? sent : rows[i].version;
	if (n)
		rc = dorn_store_note_exported(app->st, id, &exported, err);
	dorn_notes_free(rows, n);
	if (rc)
		return rc;
	if (!sent && !exported)
		return 0;
	return dorn_err_set(err, DORN_ERULE,
			    "the URN of %s cannot be changed: its note was %s (version %d), "
			    "and that note%s carr%s the URN %s. If it is wrong, ask a "
			    "supervisor: record the case again as a new case under the right "
			    "URN, and tell the prosecutor that the note for %s was recorded "
			    "under the wrong URN", shown,
			    exported ? "exported to the case file" : "submitted for review",
			    exported ? exported : sent,
			    exported ? ", its export folder and its files" :
				       " and the supervisor's review",
			    exported ? "y" : "ies", shown, shown);
}

int dorn_app_case_rename_check(struct dorn_app *app, const char *typed, struct dorn_err *err)
{
	char urn[DORN_URN_MAX], shown[18];
	long long id;
	int rc = dorn_urn_parse(typed, urn, err);

	if (rc)
		return rc;
	rc = dorn_store_case_id(app->st, urn, &id, err);
	if (rc)
		return rc;
	dorn_urn_display(urn, shown);
	return rename_refused(app, id, shown, err);
}

int dorn_app_case_rename(struct dorn_app *app, const char *old_typed, const char *new_typed,
			 const char *reason, struct dorn_case *out, struct dorn_err *err)
{
	struct dorn_case_view v;
	char to[DORN_URN_MAX], from[18], shown[18], why[512];
	long long other;
	int rc, noted;

	if (!reason || !*reason)
		return dorn_err_set(err, DORN_EUSAGE, "say why the URN changes (--reason): "
				    "the reason is kept in the audit log");
	/* It goes into the audit log, which is printed: plain text only. */
	if (!dorn_utf8_valid(reason, strlen(reason), NULL) || dorn_text_has_control(reason, 0))
		return dorn_err_set(err, DORN_EDATA, "the reason must be plain text (UTF-8, no "
				    "control characters)");
	rc = dorn_urn_parse(new_typed, to, err);
	if (rc)
		return rc;
	rc = dorn_app_open_case(app, old_typed, &v, "change of URN", err);
	if (rc)
		return dorn_app_finish(app, &v, rc, err);
	dorn_urn_display(v.c->urn, from);
	dorn_urn_display(to, shown);
	rc = rename_refused(app, v.c->id, from, err);
	if (!rc && !strcmp(to, v.c->urn))
		rc = dorn_err_set(err, DORN_EDATA, "%s is the URN the case has already", shown);
	if (!rc && dorn_store_case_id(app->st, to, &other, NULL) == 0)
		rc = dorn_err_set(err, DORN_EDATA, "a case with URN %s exists already: "
				  "nothing was changed", shown);
	if (!rc) {
		snprintf(v.c->urn, sizeof v.c->urn, "%s", to);
		snprintf(why, sizeof why, "URN changed from %s to %s: %s", from, shown, reason);
		rc = dorn_app_put_case(app, v.c, why, &noted, err);
	}
	rc = dorn_app_finish(app, &v, rc, err);
	if (!rc && out)
		memcpy(out, v.c, sizeof *out);
	if (!rc || rc == DORN_ERULE)
		dorn_case_view_fini(&v);
	return rc;
}
