/* The worklist (dorn agenda, the Today screen): the store chooses the
 * cases that may have a duty today, core says what each asks (agenda.h),
 * and the list is put in order. Reads only; the faces record the reading
 * with dorn_app_agenda_consult once it is shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/agenda.h"
#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/json.h"
#include "dorn/model.h"
#include "dorn/store.h"
#include "dorn/urn.h"

struct gather {
	struct dorn_app *app;
	struct dorn_agenda *out;
	struct dorn_case *c;  /* scratch: only what agenda.h reads is filled */
	struct dorn_err *err;
};

/* The case as far as its duties need it (dorn_duties_of reads no more). */
static void scratch(struct dorn_case *c, const struct dorn_store_agenda_row *r)
{
	memcpy(c->urn, r->urn, sizeof c->urn);
	memcpy(c->next_hearing, r->next_hearing, sizeof c->next_hearing);
	memcpy(c->next_hearing_type, r->next_hearing_type, sizeof c->next_hearing_type);
	memcpy(c->sentencing_date, r->sentencing_date, sizeof c->sentencing_date);
	c->version = r->version;
	c->victim.consent = r->consent;
	memcpy(c->outcome.date, r->outcome_date, sizeof c->outcome.date);
	memcpy(c->outcome.received, r->outcome_received, sizeof c->outcome.received);
	memcpy(c->outcome.told_date, r->outcome_told, sizeof c->outcome.told_date);
	/* Only whether a reason is recorded matters here, never the reason. */
	snprintf(c->outcome.not_told, sizeof c->outcome.not_told, "%s",
		 r->outcome_not_told ? "recorded" : "");
	c->nitems = 0;
}

static int one_case(const struct dorn_store_agenda_row *r, void *ctx)
{
	struct gather *g = ctx;
	struct dorn_app *app = g->app;
	struct dorn_agenda *a = g->out;
	struct dorn_duty_facts f = { 0 };
	struct dorn_duty d[DORN_DUTIES_MAX];
	size_t n, kept = 0;

	scratch(g->c, r);
	f.note_status = r->note_status;
	f.note_version = r->note_version;
	f.note_current = r->note_version > 0 && r->note_case_version == r->version;
	f.exported = r->exported;
	/* Retention reviews are a supervisor's, and come from every case,
	 * not only these: dorn_app_agenda adds them. */
	f.review_day = -1;
	n = dorn_duties_of(g->c, &f, app->holidays.n ? &app->holidays : NULL, &app->vcode,
			   app->today, app->cfg.urgent_days, d);
	for (size_t i = 0; i < n; i++) {
		if (a->role != DORN_ROLE_SUPERVISOR && d[i].role != DORN_ROLE_OFFICER)
			continue;
		if (dorn_grow(&a->v, &a->cap, a->n + 1, sizeof *a->v))
			return dorn_err_set(g->err, DORN_ENOMEM, "out of memory reading the "
					    "worklist");
		a->v[a->n++] = d[i];
		kept++;
	}
	a->cases += kept > 0;
	return 0;
}

/* The cases due for their retention review, as a supervisor's duties. */
static int retention_duties(struct dorn_app *app, struct dorn_agenda *a, struct dorn_err *err)
{
	struct dorn_retention_row *rows = NULL;
	size_t n = 0;
	int rc = dorn_app_retention_list(app, 1, &rows, &n, err);

	for (size_t i = 0; !rc && i < n; i++) {
		struct dorn_duty d;

		if (!dorn_duty_retention(rows[i].urn, rows[i].review.day, app->today, &d))
			continue;
		if (dorn_grow(&a->v, &a->cap, a->n + 1, sizeof *a->v))
			rc = dorn_err_set(err, DORN_ENOMEM, "out of memory reading the worklist");
		else
			a->v[a->n++] = d;
	}
	free(rows);
	return rc;
}

int dorn_app_agenda(struct dorn_app *app, int all, struct dorn_agenda *out,
		    struct dorn_err *err)
{
	struct dorn_store_agenda_query q = { 0 };
	struct gather g = { app, out, NULL, err };
	struct dorn_date d;
	char today[11], to[11];
	int rc;

	memset(out, 0, sizeof *out);
	out->role = app->me.role;
	out->today = app->today;
	out->everyone = all || app->me.role == DORN_ROLE_SUPERVISOR;
	rc = dorn_app_load_data(app, err);
	if (rc)
		return rc;
	g.c = dorn_case_new();
	if (!g.c)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory reading the worklist");
	dorn_case_init(g.c);
	dorn_date_from_days(app->today, &d);
	dorn_date_iso(&d, today);
	dorn_date_from_days(app->today + (app->cfg.urgent_days > 0 ? app->cfg.urgent_days : 0),
			    &d);
	dorn_date_iso(&d, to);
	q.today = today;
	q.urgent_to = to;
	q.staff_id = out->everyone ? 0 : app->me.id;
	rc = dorn_store_agenda(app->st, &q, one_case, &g, err);
	dorn_case_free(g.c);
	if (!rc && app->me.role == DORN_ROLE_SUPERVISOR)
		rc = retention_duties(app, out, err);
	if (rc) {
		dorn_agenda_fini(out);
		return rc;
	}
	dorn_duties_sort(out->v, out->n);
	return 0;
}

int dorn_app_agenda_consult(struct dorn_app *app, const struct dorn_agenda *a,
			    struct dorn_err *err)
{
	struct dorn_audit_rec r = { .login = app->login, .action = DORN_AUDIT_CONSULT,
				    .entity = "list" };
	char why[160];

	/* Counts and whose, never a URN: the log says a worklist was read. */
	snprintf(why, sizeof why, "listed the agenda, %s (%zu dut%s of %zu case%s shown)",
		 a->everyone ? "the unit's" : "own cases", a->n, a->n == 1 ? "y" : "ies",
		 a->cases, a->cases == 1 ? "" : "s");
	r.reason = why;
	if (dorn_store_readonly(app->st)) {
		app->unlogged = 1;
		return 0;
	}
	return dorn_store_audit_alone(app->st, &r, err);
}

int dorn_app_agenda_json(const struct dorn_agenda *a, struct dorn_buf *out)
{
	return dorn_json_agenda(a, out);
}
