/* Retention and erasure: every case's review date (the rules are core's,
 * retention.h), a supervisor keeping a case longer, and erasing a case on
 * review so that nothing of it stays in the database's files. Each use
 * case is one transaction, with its audit rows inside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/retention.h"
#include "dorn/store.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "priv.h"

#define EXTEND_MAX_DAYS 3650 /* how far ahead a supervisor may keep a case */
#define URN_LABEL "dorn-erased-urn-v1"

void dorn_app_retention_rules(const struct dorn_app *app, struct dorn_retention_rules *r)
{
	r->told_days = app->cfg.retain_told_days;
	r->contact_days = app->cfg.retain_contact_days;
	r->no_note_days = app->cfg.retain_no_note_days;
}

static void fill_row(struct dorn_app *app, const struct dorn_case *c,
		     const struct dorn_review *rv, struct dorn_retention_row *out)
{
	memset(out, 0, sizeof *out);
	memcpy(out->urn, c->urn, sizeof out->urn);
	out->review = *rv;
	out->days_left = rv->day - app->today;
	out->due = dorn_retention_due(rv, app->today);
	snprintf(out->retain_until, sizeof out->retain_until, "%s", c->retain_until);
}

struct collect {
	struct dorn_app *app;
	struct dorn_retention_rules rules;
	int due_only;
	struct dorn_retention_row *rows;
	size_t n, cap;
	struct dorn_err *err;
};

static int collect_step(const struct dorn_case *c, int has_note, void *ctx)
{
	struct collect *k = ctx;
	struct dorn_review rv;

	/* A case the store holds always has its dates: one without is left
	 * out of the list rather than stopping it. */
	if (dorn_retention_review(c, has_note, &k->rules, &rv))
		return 0;
	if (k->due_only && !dorn_retention_due(&rv, k->app->today))
		return 0;
	if (dorn_grow((void **)&k->rows, &k->cap, k->n + 1, sizeof *k->rows))
		return dorn_err_set(k->err, DORN_ENOMEM, "out of memory");
	fill_row(k->app, c, &rv, &k->rows[k->n++]);
	return 0;
}

static int soonest_first(const void *a, const void *b)
{
	const struct dorn_retention_row *x = a, *y = b;

	if (x->review.day != y->review.day)
		return x->review.day < y->review.day ? -1 : 1;
	return strcmp(x->urn, y->urn);
}

int dorn_app_retention_list(struct dorn_app *app, int due_only,
			    struct dorn_retention_row **rows, size_t *n, struct dorn_err *err)
{
	struct collect k = { .app = app, .due_only = due_only, .err = err };
	int rc;

	*rows = NULL;
	*n = 0;
	dorn_app_retention_rules(app, &k.rules);
	rc = dorn_store_retention_each(app->st, collect_step, &k, err);
	if (rc) {
		free(k.rows);
		return rc;
	}
	if (k.n)
		qsort(k.rows, k.n, sizeof *k.rows, soonest_first);
	*rows = k.rows;
	*n = k.n;
	return 0;
}

int dorn_app_retention_consult(struct dorn_app *app, int due_only, size_t shown,
			       struct dorn_err *err)
{
	struct dorn_audit_rec a = { .login = app->login, .action = DORN_AUDIT_CONSULT,
				    .entity = "list" };
	char why[128];

	snprintf(why, sizeof why, "listed retention reviews%s (%zu case%s shown)",
		 due_only ? ", due only" : "", shown, shown == 1 ? "" : "s");
	a.reason = why;
	if (dorn_store_readonly(app->st)) {
		app->unlogged = 1;
		return 0;
	}
	return dorn_store_audit_alone(app->st, &a, err);
}

/* ---- who may ---- */

struct supervisors {
	struct dorn_buf *b;
	size_t n;
};

static int name_supervisor(const struct dorn_staff *s, void *ctx)
{
	struct supervisors *k = ctx;

	if (s->role != DORN_ROLE_SUPERVISOR || !s->active)
		return 0;
	if (k->n < 3)
		dorn_buf_printf(k->b, "%s%s (%s)", k->n ? ", " : "", s->name[0] ? s->name : s->login,
				s->login);
	k->n++;
	return 0;
}

/* DORN_EPERM for an officer, saying who can do what, by name. */
static int supervisor_only(struct dorn_app *app, const char *what, struct dorn_err *err)
{
	struct dorn_buf b;
	struct supervisors k = { &b, 0 };
	int rc;

	if (app->me.role == DORN_ROLE_SUPERVISOR)
		return 0;
	dorn_buf_init(&b);
	dorn_store_staff_each(app->st, name_supervisor, &k, NULL);
	if (k.n > 3)
		dorn_buf_printf(&b, " or one of %zu more", k.n - 3);
	rc = dorn_err_set(err, DORN_EPERM, "only a supervisor can %s, and '%s' is an officer: "
			  "ask a supervisor%s%s", what, app->login, k.n ? ": " : "",
			  k.n ? dorn_buf_str(&b) : "");
	dorn_buf_fini(&b);
	return rc;
}

/* A reason the audit log keeps after the case is gone: plain text, and
 * nothing of the case in it. */
static int reason_check(const struct dorn_case *c, const char *reason, size_t max,
			const char *opt, struct dorn_err *err)
{
	char what[DORN_SHORT_MAX + 64];

	if (!reason || !*reason)
		return dorn_err_set(err, DORN_EUSAGE, "say why with %s TEXT: the reason is kept "
				    "in the audit log", opt);
	if (!dorn_utf8_valid(reason, strlen(reason), NULL) || dorn_text_has_control(reason, 0))
		return dorn_err_set(err, DORN_EDATA, "the reason must be plain text (UTF-8, no "
				    "tabs or control characters)");
	if (strlen(reason) > max)
		return dorn_err_set(err, DORN_EDATA, "the reason is %zu bytes long, the limit is "
				    "%zu: shorten it", strlen(reason), max);
	if (c && dorn_retention_names_case(c, reason, what, sizeof what))
		return dorn_err_set(err, DORN_EDATA, "the reason holds %s, and the audit log keeps "
				    "the reason after the case is erased: write it without "
				    "naming the case or the people in it", what);
	return 0;
}

/* The case (URN as typed) loaded whole, inside the open transaction, and
 * its review. */
static int load_review(struct dorn_app *app, const char *typed, struct dorn_case *c,
		       struct dorn_retention_row *row, struct dorn_err *err)
{
	struct dorn_retention_rules rules;
	struct dorn_review rv;
	char urn[DORN_URN_MAX];
	int rc = dorn_urn_parse(typed, urn, err), has_note = 0;

	if (!rc)
		rc = dorn_store_case_load(app->st, urn, c, err);
	if (!rc)
		rc = dorn_store_case_has_note(app->st, c->id, &has_note, err);
	if (rc)
		return rc;
	dorn_app_retention_rules(app, &rules);
	if (dorn_retention_review(c, has_note, &rules, &rv))
		return dorn_err_set(err, DORN_EINTERNAL, "case %s has no date to count its "
				    "review from (a bug)", c->urn);
	fill_row(app, c, &rv, row);
	return 0;
}

int dorn_app_retention_extend(struct dorn_app *app, const char *typed, const char *until,
			      const char *reason, struct dorn_retention_row *out,
			      struct dorn_err *err)
{
	struct dorn_case *c = NULL;
	struct dorn_retention_row row;
	struct dorn_date d;
	char iso[11], why[1200];
	long day;
	int rc = supervisor_only(app, "keep a case past its retention review", err);

	if (rc)
		return rc;
	if (!until || dorn_date_parse(until, &d, err))
		return until ? DORN_EDATA
			     : dorn_err_set(err, DORN_EUSAGE, "say until when with --until DATE");
	day = dorn_date_to_days(&d);
	dorn_date_iso(&d, iso);
	if (day <= app->today)
		return dorn_err_set(err, DORN_EDATA, "--until %s is not after today: give the "
				    "date until which the case is to be kept", iso);
	if (day > app->today + EXTEND_MAX_DAYS)
		return dorn_err_set(err, DORN_EDATA, "--until %s is more than ten years away: "
				    "keep the case for a shorter time, and review it then", iso);
	c = dorn_case_new();
	if (!c)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	rc = dorn_store_begin(app->st, err);
	if (rc)
		goto out;
	rc = load_review(app, typed, c, &row, err);
	if (!rc)
		rc = reason_check(c, reason, sizeof c->retain_reason - 1, "--reason", err);
	if (!rc) {
		snprintf(why, sizeof why, "kept past its retention review until %s (by the rules, "
			 "due %s): %s", iso, row.review.ruled, reason);
		rc = dorn_store_case_retain(app->st, c->id, iso, reason, app->login, why, err);
	}
	/* the review as it is now, read back inside the same transaction */
	if (!rc && out)
		rc = load_review(app, typed, c, out, err);
	if (!rc)
		rc = dorn_store_commit(app->st, err);
	else
		dorn_store_rollback(app->st);
out:
	if (c)
		memset(c, 0, sizeof *c);
	dorn_case_free(c);
	return rc;
}

/* ---- erasure ---- */

void dorn_erase_plan_fini(struct dorn_erase_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nfiles; i++)
		free(p->files[i]);
	free(p->files);
	p->files = NULL;
	p->nfiles = 0;
}

static int is_hex64(const char *s)
{
	for (int i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* list (after the folder's ": ") as "NAME sha256:HEX, NAME sha256:HEX":
 * the number of files, or -1 when it is not that. */
static int files_in(const char *list)
{
	const char *p = list;
	int n = 0;

	for (;;) {
		const char *sp = strchr(p, ' ');

		if (!sp || sp == p || strncmp(sp, " sha256:", 8) || strlen(sp + 8) < 64 ||
		    !is_hex64(sp + 8))
			return -1;
		n++;
		p = sp + 8 + 64;
		if (!*p)
			return n;
		if (strncmp(p, ", ", 2))
			return -1;
		p += 2;
	}
}

static int add_file(struct dorn_erase_plan *p, const char *dir, size_t dlen, const char *name,
		    size_t nlen)
{
	char *path = malloc(dlen + nlen + 2);
	char **grown;

	if (!path)
		return DORN_ENOMEM;
	memcpy(path, dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, name, nlen);
	path[dlen + 1 + nlen] = '\0';
	/* Exported again: the same files, listed once. */
	for (size_t i = 0; i < p->nfiles; i++)
		if (!strcmp(p->files[i], path)) {
			free(path);
			return 0;
		}
	grown = realloc(p->files, (p->nfiles + 1) * sizeof *p->files);
	if (!grown) {
		free(path);
		return DORN_ENOMEM;
	}
	p->files = grown;
	p->files[p->nfiles++] = path;
	return 0;
}

/* A disclosure's detail, as the export wrote it ("written for this
 * export into DIR: NAME sha256:HEX, ..."), into the plan's files. The
 * folder is the user's and may hold ": ", so the list is the first tail
 * that reads as one. */
static int disclosed_files(const char *detail, void *ctx)
{
	static const char lead[] = "written for this export into ";
	struct dorn_erase_plan *p = ctx;
	const char *dir, *at;

	if (strncmp(detail, lead, sizeof lead - 1))
		return 0;
	dir = detail + sizeof lead - 1;
	for (at = strstr(dir, ": "); at; at = strstr(at + 1, ": ")) {
		const char *f = at + 2;

		if (files_in(f) < 0)
			continue;
		for (;;) {
			const char *sp = strchr(f, ' ');

			if (add_file(p, dir, (size_t)(at - dir), f, (size_t)(sp - f)))
				return DORN_ENOMEM;
			f = sp + 8 + 64;
			if (!*f)
				break;
			f += 2;
		}
		break;
	}
	return 0;
}

/* Inside the open transaction: every check of an erasure, c loaded. */
static int erase_checks(struct dorn_app *app, const char *typed, int early, const char *reason,
			struct dorn_case *c, struct dorn_retention_row *row, struct dorn_err *err)
{
	char shown[18], d[32];
	int rc = supervisor_only(app, "erase a case", err);

	if (!rc)
		rc = load_review(app, typed, c, row, err);
	/* NULL: not asked yet (the terminal asks after showing the review). */
	if (!rc && reason)
		rc = reason_check(c, reason, 1500, "--reason", err);
	if (rc || row->due || early)
		return rc;
	dorn_urn_display(c->urn, shown);
	dorn_date_long(row->review.date, d);
	/* The terminal shows this too, where there is no --early to give:
	 * the whole command says what to do in either. */
	return dorn_err_set(err, DORN_ERULE, "%s is not due for retention review until %s (%s): "
			    "nothing was erased; to erase it before then, on the command line: "
			    "dorn erase %s --early --reason WHY", shown, d, row->review.why, shown);
}

int dorn_app_erase_plan(struct dorn_app *app, const char *typed, int early, const char *reason,
			struct dorn_erase_plan *out, struct dorn_err *err)
{
	struct dorn_case *c = dorn_case_new();
	int rc;

	memset(out, 0, sizeof *out);
	if (!c)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	rc = dorn_store_begin(app->st, err);
	if (!rc) {
		rc = erase_checks(app, typed, early, reason, c, &out->review, err);
		if (!rc)
			rc = dorn_store_case_disclosures(app->st, c->id, disclosed_files, out, err);
		if (rc == DORN_ENOMEM)
			dorn_err_set(err, rc, "out of memory");
		/* Nothing was written: the end of a reading. */
		dorn_store_rollback(app->st);
	}
	if (!rc)
		memcpy(out->urn, c->urn, sizeof out->urn);
	else
		dorn_erase_plan_fini(out);
	memset(c, 0, sizeof *c);
	dorn_case_free(c);
	return rc;
}

int dorn_app_erase(struct dorn_app *app, const char *typed, int early, const char *reason,
		   struct dorn_erase_done *out, struct dorn_err *err)
{
	struct dorn_case *c = dorn_case_new();
	struct dorn_retention_row row;
	struct dorn_err perr;
	char mac[65], why[2000], d[32];
	int rc;

	memset(out, 0, sizeof *out);
	if (!c)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	rc = dorn_store_begin(app->st, err);
	if (rc)
		goto out;
	rc = erase_checks(app, typed, early, reason, c, &row, err);
	/* Keyed: a URN has few enough spellings to guess from a plain hash,
	 * and only who holds the audit key can tell which case this was. */
	if (!rc)
		rc = dorn_store_keyed_hash(app->st, URN_LABEL, c->urn, mac, err);
	if (!rc) {
		dorn_date_long(row.review.date, d);
		snprintf(why, sizeof why, "%s (review %s %s): %s",
			 row.due ? "erased on retention review" : "erased early",
			 row.due ? "due" : "not due until", d, reason);
		rc = dorn_store_case_erase(app->st, c->id, app->login, why, mac, &out->counts, err);
	}
	if (!rc)
		rc = dorn_store_commit(app->st, err);
	else
		dorn_store_rollback(app->st);
	if (rc)
		goto out;
	/* Erased: what follows only clears the files of what was. */
	dorn_err_clear(&perr);
	if (dorn_store_purge(app->st, &out->wal_left, &perr) == DORN_EBUSY)
		out->wal_busy = 1;
	else if (perr.code)
		rc = dorn_err_set(err, perr.code, "the case was erased, but %s", perr.msg);
out:
	/* The copy held the victim's words: not left in freed memory. */
	memset(c, 0, sizeof *c);
	dorn_case_free(c);
	return rc;
}
