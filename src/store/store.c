/* The store's API, handed to the store's engine (engine.h). */
#include <string.h>

#include "dorn/err.h"
#include "engine.h"

#define IS_PG(st) (((const struct store_head *)(const void *)(st))->engine == STORE_PG)
#define PG(st) ((struct pg_store *)(void *)(st))

int store_is_pg_url(const char *where)
{
	static const char *const keys[] = { "host=", "hostaddr=", "dbname=", "service=",
					    "user=", "port=" };

	if (!where)
		return 0;
	if (strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0)
		return 1;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strncmp(where, keys[i], strlen(keys[i])) == 0)
			return 1;
	return 0;
}

void dorn_store_redact_url(const char *where, char *out, size_t n)
{
	const char *p, *at, *colon, *scheme;
	size_t w = 0;

	if (!n)
		return;
	out[0] = 0;
	if (!where)
		return;
	/* postgresql://user:secret@host/db */
	scheme = strstr(where, "://");
	at = scheme ? strchr(scheme + 3, '@') : NULL;
	colon = scheme && at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
	for (p = where; *p && w + 1 < n; p++) {
		if (colon && p == colon + 1) {
			const char *stars = "***";

			while (*stars && w + 1 < n)
				out[w++] = *stars++;
			p = at - 1;
			continue;
		}
		/* key=value form: password=secret up to the next space */
		if (strncmp(p, "password=", 9) == 0 && (p == where || p[-1] == ' ')) {
			const char *stars = "password=***";

			while (*stars && w + 1 < n)
				out[w++] = *stars++;
			while (p[1] && p[1] != ' ')
				p++;
			continue;
		}
		out[w++] = *p;
	}
	out[w] = 0;
}

int dorn_store_open(struct dorn_store **out, const char *path, int flags, int busy_timeout_ms, struct dorn_err *err)
{
	if (store_is_pg_url(path))
		return pg_open(out, path, flags, busy_timeout_ms, err);
	return sq_open(out, path, flags, busy_timeout_ms, err);
}

void dorn_store_close(struct dorn_store *st)
{
	if (!st)
		return;
	if (IS_PG(st))
		pg_close(PG(st));
	else
		sq_close(st);
}

void dorn_store_file_info(struct dorn_store *st, unsigned *uid, unsigned *gid, unsigned *mode)
{
	if (IS_PG(st))
		pg_file_info(PG(st), uid, gid, mode);
	else
		sq_file_info(st, uid, gid, mode);
}

int dorn_store_readonly(struct dorn_store *st)
{
	if (IS_PG(st))
		return pg_readonly(PG(st));
	return sq_readonly(st);
}

int dorn_store_schema_latest(void)
{
	return sq_schema_latest();
}

int dorn_store_schema_version(struct dorn_store *st, int *version, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_schema_version(PG(st), version, err);
	return sq_schema_version(st, version, err);
}

int dorn_store_migrate(struct dorn_store *st, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_migrate(PG(st), err);
	return sq_migrate(st, err);
}

int dorn_store_begin(struct dorn_store *st, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_begin(PG(st), err);
	return sq_begin(st, err);
}

int dorn_store_commit(struct dorn_store *st, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_commit(PG(st), err);
	return sq_commit(st, err);
}

void dorn_store_rollback(struct dorn_store *st)
{
	if (IS_PG(st))
		pg_rollback(PG(st));
	else
		sq_rollback(st);
}

int dorn_store_audit(struct dorn_store *st, const struct dorn_audit_rec *rec, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_audit(PG(st), rec, err);
	return sq_audit(st, rec, err);
}

int dorn_store_audit_alone(struct dorn_store *st, const struct dorn_audit_rec *rec, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_audit_alone(PG(st), rec, err);
	return sq_audit_alone(st, rec, err);
}

int dorn_store_audit_each(struct dorn_store *st, const char *since, int (*cb)(const struct dorn_audit_row *, void *), void *ctx, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_audit_each(PG(st), since, cb, ctx, err);
	return sq_audit_each(st, since, cb, ctx, err);
}

int dorn_store_audit_verify(struct dorn_store *st, const struct dorn_audit_anchor *anchors, size_t nanchors, long long *rows, long long *bad_seq, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_audit_verify(PG(st), anchors, nanchors, rows, bad_seq, err);
	return sq_audit_verify(st, anchors, nanchors, rows, bad_seq, err);
}

int dorn_store_audit_head(struct dorn_store *st, long long *seq, char hash[65], struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_audit_head(PG(st), seq, hash, err);
	return sq_audit_head(st, seq, hash, err);
}

void dorn_store_set_key(struct dorn_store *st, const unsigned char key[32])
{
	if (IS_PG(st))
		pg_set_key(PG(st), key);
	else
		sq_set_key(st, key);
}

int dorn_store_key_info(struct dorn_store *st, char db_id[33], long long *key_from, int *signed_rows, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_key_info(PG(st), db_id, key_from, signed_rows, err);
	return sq_key_info(st, db_id, key_from, signed_rows, err);
}

int dorn_store_audit_seal(struct dorn_store *st, const char *login, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_audit_seal(PG(st), login, err);
	return sq_audit_seal(st, login, err);
}

int dorn_store_staff_get(struct dorn_store *st, const char *login, struct dorn_staff *out, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_staff_get(PG(st), login, out, err);
	return sq_staff_get(st, login, out, err);
}

int dorn_store_staff_add(struct dorn_store *st, const struct dorn_staff *s, const char *by_login, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_staff_add(PG(st), s, by_login, err);
	return sq_staff_add(st, s, by_login, err);
}

int dorn_store_staff_each(struct dorn_store *st, int (*cb)(const struct dorn_staff *, void *), void *ctx, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_staff_each(PG(st), cb, ctx, err);
	return sq_staff_each(st, cb, ctx, err);
}

int dorn_store_staff_count(struct dorn_store *st, long long *n, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_staff_count(PG(st), n, err);
	return sq_staff_count(st, n, err);
}

int dorn_store_case_load(struct dorn_store *st, const char *urn, struct dorn_case *out, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_case_load(PG(st), urn, out, err);
	return sq_case_load(st, urn, out, err);
}

int dorn_store_case_put(struct dorn_store *st, struct dorn_case *c, const char *by, const char *reason, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_case_put(PG(st), c, by, reason, err);
	return sq_case_put(st, c, by, reason, err);
}

int dorn_store_case_id(struct dorn_store *st, const char *urn, long long *id, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_case_id(PG(st), urn, id, err);
	return sq_case_id(st, urn, id, err);
}

int dorn_store_outcome_put(struct dorn_store *st, struct dorn_case *c, const char *by, const char *reason, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_outcome_put(PG(st), c, by, reason, err);
	return sq_outcome_put(st, c, by, reason, err);
}

int dorn_store_figure_sync(struct dorn_store *st, long long case_id, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_figure_sync(PG(st), case_id, err);
	return sq_figure_sync(st, case_id, err);
}

int dorn_store_figure_each(struct dorn_store *st, const char *from, const char *to, int (*cb)(const struct dorn_figure_row *, void *), void *ctx, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_figure_each(PG(st), from, to, cb, ctx, err);
	return sq_figure_each(st, from, to, cb, ctx, err);
}

int dorn_store_note_latest(struct dorn_store *st, long long case_id, struct dorn_note *out, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_latest(PG(st), case_id, out, err);
	return sq_note_latest(st, case_id, out, err);
}

int dorn_store_note_draft(struct dorn_store *st, long long case_id, int case_version, const char *body, const char *model, const char *by, int *version, int *changed, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_draft(PG(st), case_id, case_version, body, model, by, version, changed, err);
	return sq_note_draft(st, case_id, case_version, body, model, by, version, changed, err);
}

int dorn_store_note_next_version(struct dorn_store *st, long long case_id, int *version, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_next_version(PG(st), case_id, version, err);
	return sq_note_next_version(st, case_id, version, err);
}

int dorn_store_note_drop_draft(struct dorn_store *st, long long case_id, const char *by, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_drop_draft(PG(st), case_id, by, err);
	return sq_note_drop_draft(st, case_id, by, err);
}

int dorn_store_note_move(struct dorn_store *st, long long id, int from, int to, const char *by, const char *comment, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_move(PG(st), id, from, to, by, comment, err);
	return sq_note_move(st, id, from, to, by, comment, err);
}

int dorn_store_note_stamp(struct dorn_store *st, long long id, const char *body, const char *model, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_stamp(PG(st), id, body, model, err);
	return sq_note_stamp(st, id, body, model, err);
}

int dorn_store_note_author_add(struct dorn_store *st, long long case_id, const char *by, int act, const char *how, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_author_add(PG(st), case_id, by, act, how, err);
	return sq_note_author_add(st, case_id, by, act, how, err);
}

int dorn_store_note_authors(struct dorn_store *st, long long case_id, int version, struct dorn_note_author **rows, size_t *n, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_authors(PG(st), case_id, version, rows, n, err);
	return sq_note_authors(st, case_id, version, rows, n, err);
}

int dorn_store_note_author_get(struct dorn_store *st, long long case_id, int version, const char *login, struct dorn_note_author *out, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_author_get(PG(st), case_id, version, login, out, err);
	return sq_note_author_get(st, case_id, version, login, out, err);
}

int dorn_store_note_versions(struct dorn_store *st, long long case_id, struct dorn_note **rows, size_t *n, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_versions(PG(st), case_id, rows, n, err);
	return sq_note_versions(st, case_id, rows, n, err);
}

int dorn_store_review_queue(struct dorn_store *st, struct dorn_store_queue_row **rows, size_t *n, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_review_queue(PG(st), rows, n, err);
	return sq_review_queue(st, rows, n, err);
}

int dorn_store_staff_update(struct dorn_store *st, const char *login, int role, int active, const char *by, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_staff_update(PG(st), login, role, active, by, err);
	return sq_staff_update(st, login, role, active, by, err);
}

int dorn_store_staff_contact(struct dorn_store *st, const char *login, const char *contact, const char *by, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_staff_contact(PG(st), login, contact, by, err);
	return sq_staff_contact(st, login, contact, by, err);
}

int dorn_store_case_page(struct dorn_store *st, const struct dorn_case_query *q, const struct dorn_list_key *from, int backward, size_t n, int (*cb)(const struct dorn_case_row *, void *), void *ctx, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_case_page(PG(st), q, from, backward, n, cb, ctx, err);
	return sq_case_page(st, q, from, backward, n, cb, ctx, err);
}

int dorn_store_retention_each(struct dorn_store *st, int (*cb)(const struct dorn_case *c, int has_note, void *ctx), void *ctx, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_retention_each(PG(st), cb, ctx, err);
	return sq_retention_each(st, cb, ctx, err);
}

int dorn_store_case_has_note(struct dorn_store *st, long long case_id, int *yes, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_case_has_note(PG(st), case_id, yes, err);
	return sq_case_has_note(st, case_id, yes, err);
}

int dorn_store_case_retain(struct dorn_store *st, long long id, const char *until, const char *reason, const char *by, const char *why, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_case_retain(PG(st), id, until, reason, by, why, err);
	return sq_case_retain(st, id, until, reason, by, why, err);
}

int dorn_store_case_erase(struct dorn_store *st, long long id, const char *by, const char *reason, const char *urn_mac, struct dorn_erased *out, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_case_erase(PG(st), id, by, reason, urn_mac, out, err);
	return sq_case_erase(st, id, by, reason, urn_mac, out, err);
}

const char *dorn_store_erase_table(size_t i)
{
	return sq_erase_table(i);
}

int dorn_store_case_disclosures(struct dorn_store *st, long long case_id, int (*cb)(const char *detail, void *ctx), void *ctx, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_case_disclosures(PG(st), case_id, cb, ctx, err);
	return sq_case_disclosures(st, case_id, cb, ctx, err);
}

int dorn_store_keyed_hash(struct dorn_store *st, const char *label, const char *p, char hex[65], struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_keyed_hash(PG(st), label, p, hex, err);
	return sq_keyed_hash(st, label, p, hex, err);
}

int dorn_store_purge(struct dorn_store *st, long long *left, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_purge(PG(st), left, err);
	return sq_purge(st, left, err);
}

int dorn_store_agenda(struct dorn_store *st, const struct dorn_store_agenda_query *q, int (*cb)(const struct dorn_store_agenda_row *, void *), void *ctx, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_agenda(PG(st), q, cb, ctx, err);
	return sq_agenda(st, q, cb, ctx, err);
}

int dorn_store_check(struct dorn_store *st, struct dorn_buf *report, int *problems, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_check(PG(st), report, problems, err);
	return sq_check(st, report, problems, err);
}

int dorn_store_content_check(struct dorn_store *st, struct dorn_buf *report, int *problems, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_content_check(PG(st), report, problems, err);
	return sq_content_check(st, report, problems, err);
}

int dorn_store_backup(struct dorn_store *st, const char *dest, struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_backup(PG(st), dest, err);
	return sq_backup(st, dest, err);
}

void *dorn_store_handle(struct dorn_store *st)
{
	if (IS_PG(st))
		return pg_handle(PG(st));
	return sq_handle(st);
}

const char *dorn_store_list_sql(size_t i)
{
	return sq_list_sql(i);
}

int dorn_store_is_server(struct dorn_store *st)
{
	return IS_PG(st);
}

const char *dorn_store_server_login(struct dorn_store *st)
{
	return IS_PG(st) ? pg_server_login(PG(st)) : NULL;
}

int dorn_store_set_unit(struct dorn_store *st, const char *unit, struct dorn_err *err)
{
	return IS_PG(st) ? pg_set_unit(PG(st), unit, err) : 0;
}

int dorn_store_init_server(const char *url, struct dorn_server_init *in,
			   struct dorn_err *err)
{
	if (!store_is_pg_url(url))
		return dorn_err_set(err, DORN_EUSAGE, "'%s' is not a PostgreSQL connection string: "
				    "give a URI (postgresql://...) or key=value pairs "
				    "(host=... dbname=...)", url ? url : "");
	return pg_init_server(url, in, err);
}

int dorn_store_note_exported(struct dorn_store *st, long long case_id, int *version,
			     struct dorn_err *err)
{
	if (IS_PG(st))
		return pg_note_exported(PG(st), case_id, version, err);
	return sq_note_exported(st, case_id, version, err);
}

int dorn_store_staff_joined(struct dorn_store *st)
{
	return IS_PG(st) ? pg_staff_joined(PG(st)) : 0;
}
