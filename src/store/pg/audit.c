/* PostgreSQL: the audit log read and verified, and the database checked. */
#include "pg.h"

int pg_audit_each(struct pg_store *st, const char *since, int (*cb)(const struct dorn_audit_row *, void *), void *ctx, struct dorn_err *err)
{
	(void)st;
	(void)since;
	(void)cb;
	(void)ctx;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "audit_each");
}

int pg_audit_verify(struct pg_store *st, const struct dorn_audit_anchor *anchors, size_t nanchors, long long *rows, long long *bad_seq, struct dorn_err *err)
{
	(void)st;
	(void)anchors;
	(void)nanchors;
	(void)rows;
	(void)bad_seq;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "audit_verify");
}

int pg_audit_head(struct pg_store *st, long long *seq, char hash[65], struct dorn_err *err)
{
	(void)st;
	(void)seq;
	(void)hash;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "audit_head");
}

int pg_key_info(struct pg_store *st, char db_id[33], long long *key_from, int *signed_rows, struct dorn_err *err)
{
	(void)st;
	(void)db_id;
	(void)key_from;
	(void)signed_rows;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "key_info");
}

int pg_check(struct pg_store *st, struct dorn_buf *report, int *problems, struct dorn_err *err)
{
	(void)st;
	(void)report;
	(void)problems;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "check");
}

int pg_content_check(struct pg_store *st, struct dorn_buf *report, int *problems, struct dorn_err *err)
{
	(void)st;
	(void)report;
	(void)problems;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "content_check");
}

int pg_audit_seal(struct pg_store *st, const char *login, struct dorn_err *err)
{
	(void)st;
	(void)login;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "audit_seal");
}

int pg_keyed_hash(struct pg_store *st, const char *label, const char *p, char hex[65], struct dorn_err *err)
{
	(void)st;
	(void)label;
	(void)p;
	(void)hex;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "keyed_hash");
}
