/* PostgreSQL: the writes, each one call of a SECURITY DEFINER function of
 * schema dorn (api.sql). */
#include "pg.h"

int pg_audit(struct pg_store *st, const struct dorn_audit_rec *rec, struct dorn_err *err)
{
	(void)st;
	(void)rec;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "audit");
}

int pg_audit_alone(struct pg_store *st, const struct dorn_audit_rec *rec, struct dorn_err *err)
{
	(void)st;
	(void)rec;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "audit_alone");
}

int pg_staff_add(struct pg_store *st, const struct dorn_staff *s, const char *by_login, struct dorn_err *err)
{
	(void)st;
	(void)s;
	(void)by_login;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "staff_add");
}

int pg_case_put(struct pg_store *st, struct dorn_case *c, const char *by, const char *reason, struct dorn_err *err)
{
	(void)st;
	(void)c;
	(void)by;
	(void)reason;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "case_put");
}

int pg_outcome_put(struct pg_store *st, struct dorn_case *c, const char *by, const char *reason, struct dorn_err *err)
{
	(void)st;
	(void)c;
	(void)by;
	(void)reason;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "outcome_put");
}

int pg_figure_sync(struct pg_store *st, long long case_id, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "figure_sync");
}

int pg_note_draft(struct pg_store *st, long long case_id, int case_version, const char *body, const char *model, const char *by, int *version, int *changed, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	(void)case_version;
	(void)body;
	(void)model;
	(void)by;
	(void)version;
	(void)changed;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "note_draft");
}

int pg_note_drop_draft(struct pg_store *st, long long case_id, const char *by, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	(void)by;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "note_drop_draft");
}

int pg_note_move(struct pg_store *st, long long id, int from, int to, const char *by, const char *comment, struct dorn_err *err)
{
	(void)st;
	(void)id;
	(void)from;
	(void)to;
	(void)by;
	(void)comment;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "note_move");
}

int pg_note_stamp(struct pg_store *st, long long id, const char *body, const char *model, struct dorn_err *err)
{
	(void)st;
	(void)id;
	(void)body;
	(void)model;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "note_stamp");
}

int pg_note_author_add(struct pg_store *st, long long case_id, const char *by, int act, const char *how, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	(void)by;
	(void)act;
	(void)how;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "note_author_add");
}

int pg_staff_update(struct pg_store *st, const char *login, int role, int active, const char *by, struct dorn_err *err)
{
	(void)st;
	(void)login;
	(void)role;
	(void)active;
	(void)by;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "staff_update");
}

int pg_staff_contact(struct pg_store *st, const char *login, const char *contact, const char *by, struct dorn_err *err)
{
	(void)st;
	(void)login;
	(void)contact;
	(void)by;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "staff_contact");
}

int pg_case_retain(struct pg_store *st, long long id, const char *until, const char *reason, const char *by, const char *why, struct dorn_err *err)
{
	(void)st;
	(void)id;
	(void)until;
	(void)reason;
	(void)by;
	(void)why;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "case_retain");
}

int pg_case_erase(struct pg_store *st, long long id, const char *by, const char *reason, const char *urn_mac, struct dorn_erased *out, struct dorn_err *err)
{
	(void)st;
	(void)id;
	(void)by;
	(void)reason;
	(void)urn_mac;
	(void)out;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "case_erase");
}
