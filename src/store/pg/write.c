/* PostgreSQL: the writes. Each is one call of a SECURITY DEFINER function
 * of schema dorn (sql/30-api.sql), which checks who is calling, does the
 * writes, keeps the derived rows in step and appends the audit row, in the
 * caller's transaction: the rules live there, once, where a hand-written
 * client meets them too. Here the arguments are marshalled as text
 * parameters (a case as JSON whose keys are its columns, from the field
 * table) and the results read back. The acting login is the database's
 * session_user: the by arguments of the store API are not sent, since on a
 * server the connection is who acts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/record.h"
#include "dorn/retention.h"
#include "dorn/review.h"
#include "dorn/text.h"
#include "pg.h"

/* ---- JSON, as the functions read it ---- */

/* s as a JSON string. The text is the record's (checked UTF-8 without
 * control characters where it is typed), but any byte below 0x20 is
 * escaped all the same. */
static void json_str(struct dorn_buf *b, const char *s)
{
	dorn_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			dorn_buf_putc(b, '\\');
			dorn_buf_putc(b, (char)*p);
		} else if (*p < 0x20) {
			dorn_buf_printf(b, "\\u%04x", *p);
		} else {
			dorn_buf_putc(b, (char)*p);
		}
	}
	dorn_buf_putc(b, '"');
}

static void json_key(struct dorn_buf *b, int *first, const char *key)
{
	if (!*first)
		dorn_buf_putc(b, ',');
	*first = 0;
	json_str(b, key);
	dorn_buf_putc(b, ':');
}

/* Text folded as the search's terms are (dorn_text_fold), as a string. */
static int json_folded(struct dorn_buf *b, const char *s)
{
	char *f = malloc(strlen(s) + 1);

	if (!f)
		return DORN_ENOMEM;
	json_str(b, dorn_text_fold(s, f));
	free(f);
	return 0;
}

/* The part's fields (base is its struct) as one object keyed by column,
 * each value as the SQLite engine binds it (store_part_bind): a sparse
 * field left empty and an empty date are null, a choice its word, a set
 * its bits, pounds a number (null when not known), the rest text. */
static void json_part(struct dorn_buf *b, int part, const void *base, int position)
{
	int first = 1;

	dorn_buf_putc(b, '{');
	if (position) {
		json_key(b, &first, "position");
		dorn_buf_printf(b, "%d", position);
	}
	for (size_t k = 0; k < dorn_nfields; k++) {
		const struct dorn_field *f = &dorn_fields[k];
		const char *at = (const char *)base + f->off;
		char word[64];

		if (f->part != part || f->type == DORN_FT_OFFENCES)
			continue;
		json_key(b, &first, f->key);
		if ((f->flags & DORN_FF_SPARSE) &&
		    (f->type == DORN_FT_CHOICE ? *(const int *)(const void *)at == 0 : !*at)) {
			dorn_buf_puts(b, "null");
			continue;
		}
		switch (f->type) {
		case DORN_FT_CHOICE:
			dorn_field_text(f, at, 0, word, sizeof word);
			json_str(b, word);
			break;
		case DORN_FT_SET:
			dorn_buf_printf(b, "%u", *(const unsigned *)(const void *)at);
			break;
		case DORN_FT_POUNDS: {
			long v = *(const long *)(const void *)at;

			if (v >= 0)
				dorn_buf_printf(b, "%ld", v);
			else
				dorn_buf_puts(b, "null");
			break;
		}
		case DORN_FT_DATE:
			if (*at)
				json_str(b, at);
			else
				dorn_buf_puts(b, "null");
			break;
		default:
			json_str(b, at);
			break;
		}
	}
	dorn_buf_putc(b, '}');
}

/* The whole case as case_save reads it (see its comment in 30-api.sql). */
static int case_json(const struct dorn_case *c, struct dorn_buf *b)
{
	struct dorn_victim v = c->victim;
	int rc = 0;

	dorn_buf_printf(b, "{\"id\":%lld,\"version\":%d,\"steps_saved\":%u,\"case\":", c->id,
			c->version, c->steps_saved & 0xffu);
	json_part(b, DORN_PART_CASE, c, 0);
	dorn_buf_puts(b, ",\"offences\":[");
	for (size_t i = 0; i < c->noffences; i++) {
		if (i)
			dorn_buf_putc(b, ',');
		json_str(b, c->offences[i]);
	}
	/* A date of consent belongs to an answer: none before one is asked. */
	if (v.consent == DORN_CONSENT_NOT_ASKED)
		v.consent_date[0] = '\0';
	/* The interview may save the case before anyone asked for a reference. */
	dorn_buf_puts(b, "],\"victim\":");
	if (*v.reference)
		json_part(b, DORN_PART_VICTIM, &v, 0);
	else
		dorn_buf_puts(b, "null");
	dorn_buf_puts(b, ",\"concern\":");
	json_part(b, DORN_PART_CONCERN, &c->concern, 0);
	/* No row until something of the outcome is recorded. */
	dorn_buf_puts(b, ",\"outcome\":");
	if (dorn_outcome_empty(&c->outcome))
		dorn_buf_puts(b, "null");
	else
		json_part(b, DORN_PART_OUTCOME, &c->outcome, 0);
	dorn_buf_puts(b, ",\"items\":[");
	for (size_t i = 0; i < c->nitems; i++) {
		if (i)
			dorn_buf_putc(b, ',');
		json_part(b, DORN_PART_ITEM, &c->items[i], c->items[i].position);
	}
	/* Folded as queries are, so either spelling finds the other. */
	dorn_buf_puts(b, "],\"search\":{\"defendant\":");
	rc = json_folded(b, c->defendant);
	dorn_buf_puts(b, ",\"victim_ref\":");
	if (!rc)
		rc = json_folded(b, v.reference);
	dorn_buf_puts(b, ",\"victim_name\":");
	if (!rc)
		rc = json_folded(b, v.name);
	dorn_buf_puts(b, ",\"victim_words\":");
	if (!rc)
		rc = json_folded(b, c->concern.victim_words);
	dorn_buf_puts(b, "}}");
	return rc || b->oom ? DORN_ENOMEM : 0;
}

/* Each item's result, reason and next step, by position, for outcome_save. */
static void items_outcome_json(const struct dorn_case *c, struct dorn_buf *b)
{
	dorn_buf_putc(b, '[');
	for (size_t i = 0; i < c->nitems; i++) {
		const struct dorn_item *it = &c->items[i];

		dorn_buf_printf(b, "%s{\"position\":%d,\"result\":", i ? "," : "", it->position);
		if (it->result)
			json_str(b, dorn_name(&dorn_result_names, it->result));
		else
			dorn_buf_puts(b, "null");
		dorn_buf_puts(b, ",\"result_reason\":");
		if (*it->result_reason)
			json_str(b, it->result_reason);
		else
			dorn_buf_puts(b, "null");
		dorn_buf_puts(b, ",\"result_next\":");
		if (*it->result_next)
			json_str(b, it->result_next);
		else
			dorn_buf_puts(b, "null");
		dorn_buf_putc(b, '}');
	}
	dorn_buf_putc(b, ']');
}

/* ---- calls ---- */

/* The SQLite engine's writes refuse to run outside the caller's
 * transaction (a bug in the caller); so do these. */
static int need_tx(struct pg_store *st, const char *what, struct dorn_err *err)
{
	if (st->in_tx)
		return pg_flush_readings(st, err);
	return dorn_err_set(err, DORN_EINTERNAL, "%s outside a transaction (a bug)", what);
}

/* One call in a transaction of its own (staff changes, as on SQLite). */
static int call_alone(struct pg_store *st, const char *sql, int n, const char *const *params,
		      const char *what, struct dorn_err *err)
{
	int rc = pg_begin(st, err);

	if (rc)
		return rc;
	rc = pg_exec(st, sql, n, params, NULL, what, err);
	if (!rc)
		return pg_commit(st, err);
	pg_rollback(st);
	return rc;
}

/* A string parameter, NULL as "" (the functions read "" as none). */
static const char *text_or_empty(const char *s)
{
	return s ? s : "";
}

/* ---- the audit log ---- */

/* The six parameters of PG_AUDIT_EVENT_SQL for rec; id holds its number. */
static void audit_params(const struct dorn_audit_rec *rec, char id[24], const char *p[6])
{
	p[0] = dorn_audit_action_name(rec->action);
	p[1] = text_or_empty(rec->entity);
	p[2] = pg_lld(id, rec->entity_id);
	p[3] = text_or_empty(rec->recipient);
	p[4] = text_or_empty(rec->reason);
	p[5] = text_or_empty(rec->detail);
}

int pg_audit(struct pg_store *st, const struct dorn_audit_rec *rec, struct dorn_err *err)
{
	char id[24];
	const char *p[6];
	int rc;

	audit_params(rec, id, p);
	/* A reading is sent with the transaction's first write, or at COMMIT
	 * (pg_flush_readings). */
	if (rec->action == DORN_AUDIT_CONSULT && st->in_tx) {
		if (st->nreadings == st->cap_readings) {
			size_t cap = st->cap_readings ? st->cap_readings * 2 : 4;
			char *(*more)[6] = realloc(st->readings, cap * sizeof *more);

			if (!more)
				return dorn_err_set(err, DORN_ENOMEM, "out of memory");
			st->readings = more;
			st->cap_readings = cap;
		}
		for (int k = 0; k < 6; k++)
			if (!(st->readings[st->nreadings][k] = strdup(p[k]))) {
				while (k--)
					free(st->readings[st->nreadings][k]);
				return dorn_err_set(err, DORN_ENOMEM, "out of memory");
			}
		st->nreadings++;
		return 0;
	}
	if ((rc = need_tx(st, "audit row written", err)))
		return rc;
	return pg_exec(st, PG_AUDIT_EVENT_SQL, 6, p, NULL,
		       "writing the audit log", err);
}

int pg_audit_alone(struct pg_store *st, const struct dorn_audit_rec *rec, struct dorn_err *err)
{
	char id[24];
	const char *p[6];

	audit_params(rec, id, p);
	if (st->readonly)
		return dorn_err_set(err, DORN_EPERM, "the database %s was opened to read only",
				    st->where);
	if (st->in_tx)
		return dorn_err_set(err, DORN_EINTERNAL, "a transaction is already open");
	/* One statement is its own transaction: no round trip holds the
	 * chain's head between BEGIN and COMMIT. */
	return pg_exec(st, PG_AUDIT_EVENT_SQL, 6, p, NULL,
		       "writing the audit log", err);
}

/* ---- staff ---- */

int pg_staff_add(struct pg_store *st, const struct dorn_staff *s, const char *by_login,
		 struct dorn_err *err)
{
	const char *p[] = { s->login, s->name, dorn_role_word(s->role), s->active ? "1" : "0",
			    s->contact };

	PGresult *r = NULL;
	int rc;

	(void)by_login;
	st->staff_joined = 0;
	/* The unit: the session's dorn.unit, else the supervisor's only one. */
	if ((rc = pg_begin(st, err)))
		return rc;
	rc = pg_exec(st, "SELECT dorn.staff_add($1, $2, $3, $4::bigint, $5, NULL)", 5, p, &r,
		     "adding staff", err);
	if (!rc)
		st->staff_joined = PQntuples(r) && pg_num(r, 0, 0) < 0;
	PQclear(r);
	if (!rc)
		return pg_commit(st, err);
	pg_rollback(st);
	return rc;
}

int pg_staff_update(struct pg_store *st, const char *login, int role, int active,
		    const char *by, struct dorn_err *err)
{
	const char *p[] = { login, dorn_role_word(role), active ? "1" : "0" };

	(void)by;
	return call_alone(st, "SELECT dorn.staff_update($1, $2, $3::bigint)", 3, p,
			  "changing staff", err);
}

int pg_staff_contact(struct pg_store *st, const char *login, const char *contact,
		     const char *by, struct dorn_err *err)
{
	const char *p[] = { login, text_or_empty(contact) };

	(void)by;
	return call_alone(st, "SELECT dorn.staff_contact($1, $2)", 2, p, "changing staff", err);
}

/* ---- cases ---- */

int pg_case_put(struct pg_store *st, struct dorn_case *c, const char *by, const char *reason,
		struct dorn_err *err)
{
	struct dorn_buf j;
	PGresult *r = NULL;
	int rc = need_tx(st, "case saved", err);

	if (rc)
		return rc;
	dorn_buf_init(&j);
	if (case_json(c, &j)) {
		dorn_buf_fini(&j);
		return dorn_err_set(err, DORN_ENOMEM, "out of memory saving a case");
	}
	{
		const char *p[] = { dorn_buf_str(&j), text_or_empty(reason) };

		rc = pg_exec(st, "SELECT o_id, o_version, o_updated FROM dorn.case_save($1::jsonb, $2)",
			     2, p, &r, c->id ? "saving a case" : "saving a new case", err);
	}
	/* It held the victim's details: not left in freed memory. */
	if (j.p)
		memset(j.p, 0, j.cap);
	dorn_buf_fini(&j);
	if (rc)
		return rc;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return dorn_err_set(err, DORN_EINTERNAL, "saving a case: the server answered "
				    "no row (a bug)");
	}
	c->id = pg_num(r, 0, 0);
	c->version = (int)pg_num(r, 0, 1);
	pg_copy(r, 0, 2, c->updated, sizeof c->updated);
	snprintf(c->updated_by, sizeof c->updated_by, "%s", by && *by ? by : st->login);
	PQclear(r);
	return 0;
}

int pg_outcome_put(struct pg_store *st, struct dorn_case *c, const char *by, const char *reason,
		   struct dorn_err *err)
{
	struct dorn_buf o, items;
	char id[24], ver[24];
	PGresult *r = NULL;
	int rc = need_tx(st, "outcome saved", err);

	(void)by;
	if (rc)
		return rc;
	dorn_buf_init(&o);
	dorn_buf_init(&items);
	if (!dorn_outcome_empty(&c->outcome))
		json_part(&o, DORN_PART_OUTCOME, &c->outcome, 0);
	items_outcome_json(c, &items);
	if (o.oom || items.oom) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory saving the outcome");
	} else {
		const char *p[] = { pg_lld(id, c->id), pg_lld(ver, c->outcome_version),
				    o.len ? dorn_buf_str(&o) : NULL, dorn_buf_str(&items),
				    text_or_empty(reason) };

		rc = pg_exec(st, "SELECT dorn.outcome_save($1::bigint, $2::bigint, $3::jsonb, "
			     "$4::jsonb, $5)", 5, p, &r, "saving the outcome", err);
	}
	dorn_buf_fini(&o);
	dorn_buf_fini(&items);
	if (rc)
		return rc;
	c->outcome_version = PQntuples(r) == 1 ? (int)pg_num(r, 0, 0) : c->outcome_version + 1;
	PQclear(r);
	return 0;
}

int pg_figure_sync(struct pg_store *st, long long case_id, struct dorn_err *err)
{
	char id[24];
	const char *p[] = { pg_lld(id, case_id) };
	int rc = need_tx(st, "figures kept", err);

	return rc ? rc : pg_exec(st, "SELECT dorn.figure_sync($1::bigint)", 1, p, NULL,
				 "keeping the unit's figures", err);
}

int pg_case_retain(struct pg_store *st, long long id, const char *until, const char *reason,
		   const char *by, const char *why, struct dorn_err *err)
{
	char idt[24];
	const char *p[] = { pg_lld(idt, id), until, reason, text_or_empty(why) };
	int rc = need_tx(st, "retention kept", err);

	(void)by;
	return rc ? rc : pg_exec(st, "SELECT dorn.case_retain($1::bigint, $2, $3, $4)", 4, p,
				 NULL, "keeping the case", err);
}

int pg_case_erase(struct pg_store *st, long long id, const char *by, const char *reason,
		  const char *urn_mac, struct dorn_erased *out, struct dorn_err *err)
{
	char idt[24];
	const char *p[] = { pg_lld(idt, id), text_or_empty(reason), text_or_empty(urn_mac) };
	PGresult *r = NULL;
	int rc;

	(void)by;
	memset(out, 0, sizeof *out);
	if ((rc = need_tx(st, "case erased", err)))
		return rc;
	rc = pg_exec(st, "SELECT o_items, o_notes, o_authors, o_offences, o_victim, o_concern,"
		     " o_outcome, o_dates, o_search, o_figures"
		     " FROM dorn.case_erase($1::bigint, $2, $3)", 3, p, &r, "erasing the case", err);
	if (rc)
		return rc;
	if (PQntuples(r) == 1) {
		out->items = pg_num(r, 0, 0);
		out->notes = pg_num(r, 0, 1);
		out->authors = pg_num(r, 0, 2);
		out->offences = pg_num(r, 0, 3);
		out->victim = pg_num(r, 0, 4);
		out->concern = pg_num(r, 0, 5);
		out->outcome = pg_num(r, 0, 6);
		out->dates = pg_num(r, 0, 7);
		out->search = pg_num(r, 0, 8);
		out->figures = pg_num(r, 0, 9);
	}
	PQclear(r);
	return 0;
}

/* ---- the note ---- */

int pg_note_draft(struct pg_store *st, long long case_id, int case_version, const char *body,
		  const char *model, const char *by, int *version, int *changed,
		  struct dorn_err *err)
{
	char id[24], cv[24];
	const char *p[] = { pg_lld(id, case_id), pg_lld(cv, case_version), text_or_empty(body),
			    model };
	PGresult *r = NULL;
	int rc;

	(void)by;
	*changed = 0;
	if ((rc = need_tx(st, "note saved", err)))
		return rc;
	rc = pg_exec(st, "SELECT o_version, o_changed FROM dorn.note_draft($1::bigint, $2::bigint,"
		     " $3, $4)", 4, p, &r, "saving the draft note", err);
	if (rc)
		return rc;
	if (PQntuples(r) == 1) {
		*version = (int)pg_num(r, 0, 0);
		*changed = (int)pg_num(r, 0, 1);
	}
	PQclear(r);
	return 0;
}

int pg_note_drop_draft(struct pg_store *st, long long case_id, const char *by,
		       struct dorn_err *err)
{
	char id[24];
	const char *p[] = { pg_lld(id, case_id) };
	int rc = need_tx(st, "note erased", err);

	(void)by;
	return rc ? rc : pg_exec(st, "SELECT dorn.note_drop_draft($1::bigint)", 1, p, NULL,
				 "removing the draft note", err);
}

int pg_note_move(struct pg_store *st, long long id, int from, int to, const char *by,
		 const char *comment, struct dorn_err *err)
{
	char idt[24];
	const char *p[] = { pg_lld(idt, id), dorn_note_status_word(from),
			    dorn_note_status_word(to), comment };
	int rc = need_tx(st, "note moved", err);

	(void)by;
	return rc ? rc : pg_exec(st, "SELECT dorn.note_move($1::bigint, $2, $3, $4)", 4, p, NULL,
				 "changing the note's status", err);
}

int pg_note_stamp(struct pg_store *st, long long id, const char *body, const char *model,
		  struct dorn_err *err)
{
	char idt[24];
	const char *p[] = { pg_lld(idt, id), text_or_empty(body), model };
	int rc = need_tx(st, "note stamped", err);

	return rc ? rc : pg_exec(st, "SELECT dorn.note_stamp($1::bigint, $2, $3)", 3, p, NULL,
				 "stamping the approval", err);
}

int pg_note_author_add(struct pg_store *st, long long case_id, const char *by, int act,
		       const char *how, struct dorn_err *err)
{
	char id[24];
	const char *p[] = { pg_lld(id, case_id), dorn_author_act_word(act), text_or_empty(how) };
	int rc = need_tx(st, "author noted", err);

	(void)by;
	return rc ? rc : pg_exec(st, "SELECT dorn.note_author_add($1::bigint, $2, $3)", 3, p,
				 NULL, "noting who wrote the note", err);
}

int pg_staff_joined(struct pg_store *st)
{
	return st->staff_joined;
}
