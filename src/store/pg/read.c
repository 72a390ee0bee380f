/* PostgreSQL: the reads, SELECTs under row-level security. */
#include "pg.h"

int pg_staff_get(struct pg_store *st, const char *login, struct dorn_staff *out, struct dorn_err *err)
{
	(void)st;
	(void)login;
	(void)out;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "staff_get");
}

int pg_staff_each(struct pg_store *st, int (*cb)(const struct dorn_staff *, void *), void *ctx, struct dorn_err *err)
{
	(void)st;
	(void)cb;
	(void)ctx;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "staff_each");
}

int pg_staff_count(struct pg_store *st, long long *n, struct dorn_err *err)
{
	(void)st;
	(void)n;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "staff_count");
}

int pg_case_load(struct pg_store *st, const char *urn, struct dorn_case *out, struct dorn_err *err)
{
	(void)st;
	(void)urn;
	(void)out;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "case_load");
}

int pg_case_id(struct pg_store *st, const char *urn, long long *id, struct dorn_err *err)
{
	(void)st;
	(void)urn;
	(void)id;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "case_id");
}

int pg_note_latest(struct pg_store *st, long long case_id, struct dorn_note *out, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	(void)out;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "note_latest");
}

int pg_note_next_version(struct pg_store *st, long long case_id, int *version, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	(void)version;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "note_next_version");
}

int pg_note_authors(struct pg_store *st, long long case_id, int version, struct dorn_note_author **rows, size_t *n, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	(void)version;
	(void)rows;
	(void)n;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "note_authors");
}

int pg_note_author_get(struct pg_store *st, long long case_id, int version, const char *login, struct dorn_note_author *out, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	(void)version;
	(void)login;
	(void)out;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "note_author_get");
}

int pg_note_versions(struct pg_store *st, long long case_id, struct dorn_note **rows, size_t *n, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	(void)rows;
	(void)n;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "note_versions");
}

int pg_review_queue(struct pg_store *st, struct dorn_store_queue_row **rows, size_t *n, struct dorn_err *err)
{
	(void)st;
	(void)rows;
	(void)n;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "review_queue");
}

int pg_case_page(struct pg_store *st, const struct dorn_case_query *q, const struct dorn_list_key *from, int backward, size_t n, int (*cb)(const struct dorn_case_row *, void *), void *ctx, struct dorn_err *err)
{
	(void)st;
	(void)q;
	(void)from;
	(void)backward;
	(void)n;
	(void)cb;
	(void)ctx;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "case_page");
}

int pg_retention_each(struct pg_store *st, int (*cb)(const struct dorn_case *c, int has_note, void *ctx), void *ctx, struct dorn_err *err)
{
	(void)st;
	(void)cb;
	(void)ctx;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "retention_each");
}

int pg_case_has_note(struct pg_store *st, long long case_id, int *yes, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	(void)yes;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "case_has_note");
}

int pg_case_disclosures(struct pg_store *st, long long case_id, int (*cb)(const char *detail, void *ctx), void *ctx, struct dorn_err *err)
{
	(void)st;
	(void)case_id;
	(void)cb;
	(void)ctx;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "case_disclosures");
}

int pg_agenda(struct pg_store *st, const struct dorn_store_agenda_query *q, int (*cb)(const struct dorn_store_agenda_row *, void *), void *ctx, struct dorn_err *err)
{
	(void)st;
	(void)q;
	(void)cb;
	(void)ctx;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "agenda");
}
