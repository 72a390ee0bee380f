/* Benchmark data: CASES fictitious cases, 4 items each, 10 audit rows each
 * (DESIGN.md's proportions: 100,000 cases, 400,000 items, 1,000,000 audit
 * rows). Usage: gen DB CASES. Progress goes to standard error.
 *
 * Two writers, one result. The first SEED_CASES cases go through the
 * store's own dorn_store_case_put. dorn_store_case_put prepares a dozen
 * statements per case (10,000 cases took 10 s on a shared 2-core machine,
 * so 1,000,000 would take 20 minutes or more), so the rest go through the
 * bulk writer below (1,000,000 cases: 8 minutes): the
 * same INSERTs as src/store/case.c (put_parts and the case row), prepared
 * once and bound per case, all in one transaction. Audit rows always go
 * through dorn_store_audit, so the hash chain is dorn's own.
 *
 * So the two writers cannot drift apart unseen, gen ends with a check:
 * the last 20 cases (one of each kind of date fill() makes) are also
 * written through dorn_store_case_put into a scratch database, and every
 * column of every table of each (ids and times aside, the list's case_due
 * rows included) must be equal in both, and the FTS5 index must pass its
 * integrity-check. When src/store/case.c writes a column this file does
 * not, the check fails and names the table: update bulk_put below. The
 * database is written to DB.part and renamed to DB only when all is well. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/rules.h"
#include "dorn/app.h"
#include "dorn/store.h"
#include "dorn/urn.h"
#include "fakecase.h"

#define SEED_CASES 1000
#define CHECK_CASES 20 /* bulk-written cases checked against the store's writer */
#define AUDIT_PER_CASE 10 /* the put writes one; nine consultations follow */
#define LOGIN "bench"


static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}



static int audit_rest(struct dorn_store *st, long long id, struct dorn_err *err)
{
	struct dorn_audit_rec a = { .login = LOGIN, .action = DORN_AUDIT_CONSULT,
				    .entity = "case", .entity_id = id,
				    .reason = "benchmark" };

	for (int k = 1; k < AUDIT_PER_CASE; k++)
		if (dorn_store_audit(st, &a, err))
			return 1;
	return 0;
}

/* Through the store, as dorn itself writes a new case. */
static int api_put(struct dorn_store *st, struct dorn_case *c, long i, struct dorn_err *err)
{
	fill(c, i);
	return dorn_store_case_put(st, c, LOGIN, "benchmark", err) ||
	       audit_rest(st, c->id, err);
}

/* ---- the bulk writer: src/store/case.c's statements, prepared once ---- */

enum { B_CASE, B_OFF, B_VICTIM, B_CONCERN, B_ITEM, B_SEARCH, B_DUE, B_AUTHOR, B_COUNT };
static const char *const bulk_sql[B_COUNT] = {
	[B_CASE] = "INSERT INTO \"case\" (urn, defendant, court, stage, next_hearing,"
		   " next_hearing_type, sentencing_date, officer_in_case, lawyer, due_lo, due_hi,"
		   " created_by, created, updated_by, updated, version, steps_saved)"
		   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)",
	[B_OFF] = "INSERT INTO case_offence (case_id, code, position) VALUES (?,?,?)",
	[B_VICTIM] = "INSERT INTO victim (case_id, reference, name, under_18_at_images,"
		     " consent_to_share, consent_date, safe_contact, needs, outcome_contact,"
		     " support_offered) VALUES (?,?,?,?,?,?,?,?,?,?)",
	[B_CONCERN] = "INSERT INTO concern (case_id, fears, fear_other, victim_words, impact)"
		      " VALUES (?,?,?,?,?)",
	[B_ITEM] = "INSERT INTO item (case_id, position, kind, description, owner, owner_detail,"
		   " seized, exhibit_ref, how_used, examined, value_estimate, effect,"
		   " lawful_data, held_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	/* as the store writes it: the victim's name too, every text folded
	 * (dorn_fold, schema 6) */
	[B_SEARCH] = "INSERT INTO case_search (rowid, urn, defendant, victim_ref, victim_name,"
		     " victim_words) VALUES (?,?,dorn_fold(?),dorn_fold(?),dorn_fold(?),"
		     "dorn_fold(?))",
	/* the list's index: one row per distinct date (put_parts) */
	[B_DUE] = "INSERT INTO case_due (case_id, date, urn, lo) VALUES (?,?,?,?)",
	/* who recorded it is the author of its first note version
	 * (dorn_store_note_author_add) */
	[B_AUTHOR] = "INSERT INTO note_author (case_id, version, staff_id, first_change, act, how,"
		     " since_version) VALUES (?, 1, ?, ?, 'collect', 'benchmark', 1)",
};

struct bulk {
	sqlite3 *db;
	sqlite3_stmt *s[B_COUNT];
	long long me;
};

static void txt(sqlite3_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

static void date_or_null(sqlite3_stmt *s, int i, const char *d)
{
	if (*d)
		txt(s, i, d);
	else
		sqlite3_bind_null(s, i);
}

static int step(struct bulk *b, sqlite3_stmt *s, struct dorn_err *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return dorn_err_set(err, DORN_EINTERNAL, "bulk insert: %s [%s]",
				    sqlite3_errmsg(b->db), sqlite3_sql(s));
	return 0;
}

static int bulk_put(struct bulk *b, struct dorn_store *st, struct dorn_case *c, long i,
		    struct dorn_err *err)
{
	struct dorn_audit_rec a = { .login = LOGIN, .action = DORN_AUDIT_COLLECT,
				    .entity = "case", .reason = "benchmark" };
	const struct dorn_victim *v = &c->victim;
	sqlite3_stmt *s;
	char now[32], shown[18], urns[40], lo[11], hi[11];
	time_t t = time(NULL);
	struct tm tm;
	long long id;

	fill(c, i);
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	s = b->s[B_CASE];
	txt(s, 1, c->urn);
	txt(s, 2, c->defendant);
	txt(s, 3, c->court);
	txt(s, 4, dorn_name(&dorn_stage_names, c->stage));
	date_or_null(s, 5, c->next_hearing);
	txt(s, 6, c->next_hearing_type);
	date_or_null(s, 7, c->sentencing_date);
	txt(s, 8, c->officer_in_case);
	txt(s, 9, c->lawyer);
	/* The list's span; note_status and note_version keep their defaults
	 * ('none', 0), as a case with no note has them. */
	dorn_due_span(c->next_hearing, c->sentencing_date, lo, hi);
	date_or_null(s, 10, lo);
	date_or_null(s, 11, hi);
	sqlite3_bind_int64(s, 12, b->me);
	txt(s, 13, now);
	sqlite3_bind_int64(s, 14, b->me);
	txt(s, 15, now);
	sqlite3_bind_int(s, 16, (int)(c->steps_saved & 0xff));
	if (step(b, s, err))
		return 1;
	id = sqlite3_last_insert_rowid(b->db);

	s = b->s[B_DUE];
	for (int k = 0; k < 2 && *lo; k++) {
		if (k == 1 && strcmp(hi, lo) == 0)
			break;
		sqlite3_bind_int64(s, 1, id);
		txt(s, 2, k ? hi : lo);
		txt(s, 3, c->urn);
		txt(s, 4, lo);
		if (step(b, s, err))
			return 1;
	}

	s = b->s[B_OFF];
	for (size_t k = 0; k < c->noffences; k++) {
		sqlite3_bind_int64(s, 1, id);
		txt(s, 2, c->offences[k]);
		sqlite3_bind_int(s, 3, (int)k);
		if (step(b, s, err))
			return 1;
	}
	s = b->s[B_VICTIM];
	sqlite3_bind_int64(s, 1, id);
	txt(s, 2, v->reference);
	txt(s, 3, v->name);
	txt(s, 4, dorn_name(&dorn_tri_names, v->under_18));
	txt(s, 5, dorn_name(&dorn_consent_names, v->consent));
	date_or_null(s, 6, v->consent == DORN_CONSENT_NOT_ASKED ? "" : v->consent_date);
	txt(s, 7, v->safe_contact);
	txt(s, 8, v->needs);
	txt(s, 9, v->outcome_contact);
	sqlite3_bind_int(s, 10, (int)v->support);
	if (step(b, s, err))
		return 1;
	s = b->s[B_CONCERN];
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, (int)c->concern.fears);
	txt(s, 3, c->concern.fear_other);
	txt(s, 4, c->concern.victim_words);
	txt(s, 5, c->concern.impact);
	if (step(b, s, err))
		return 1;
	s = b->s[B_ITEM];
	for (size_t k = 0; k < c->nitems; k++) {
		const struct dorn_item *it = &c->items[k];

		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int(s, 2, it->position);
		txt(s, 3, dorn_name(&dorn_kind_names, it->kind));
		txt(s, 4, it->description);
		txt(s, 5, dorn_name(&dorn_owner_names, it->owner));
		txt(s, 6, it->owner_detail);
		txt(s, 7, dorn_name(&dorn_tri_names, it->seized));
		txt(s, 8, it->exhibit_ref);
		sqlite3_bind_int(s, 9, (int)it->how_used);
		txt(s, 10, dorn_name(&dorn_tri_names, it->examined));
		if (it->value_estimate >= 0)
			sqlite3_bind_int64(s, 11, it->value_estimate);
		else
			sqlite3_bind_null(s, 11);
		txt(s, 12, it->effect);
		txt(s, 13, dorn_name(&dorn_tri_names, it->lawful_data));
		txt(s, 14, dorn_name(&dorn_held_names, it->held_by));
		if (step(b, s, err))
			return 1;
	}
	s = b->s[B_SEARCH];
	dorn_urn_display(c->urn, shown);
	snprintf(urns, sizeof urns, "%s %s", c->urn, shown);
	sqlite3_bind_int64(s, 1, id);
	txt(s, 2, urns);
	txt(s, 3, c->defendant);
	txt(s, 4, v->reference);
	txt(s, 5, v->name);
	txt(s, 6, c->concern.victim_words);
	if (step(b, s, err))
		return 1;
	s = b->s[B_AUTHOR];
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, b->me);
	txt(s, 3, now);
	if (step(b, s, err))
		return 1;
	/* the unit's figures, as dorn_store_case_put keeps them */
	if (dorn_store_figure_sync(st, id, err))
		return 1;
	a.entity_id = id;
	return dorn_store_audit(st, &a, err) || audit_rest(st, id, err);
}

/* ---- the check that the bulk writer wrote what dorn writes ---- */

static int scalar(sqlite3 *db, const char *sql, long long *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_OK)
		fprintf(stderr, "gen: %s: %s\n", sqlite3_errmsg(db), sql);
	return rc != SQLITE_OK;
}

/* Every column of table except those that differ by nature (ids, times,
 * hashes), for the case with id main_id here and ref_id in ref. */
static int same_rows(sqlite3 *db, const char *table, const char *key, long long main_id,
		     long long ref_id)
{
	static const char *const skip[] = { "id", "case_id", "created", "updated", "seq",
					    "time", "prev_hash", "hash", "entity_id", "digest",
					    "first_change" };
	char cols[1024] = "", sql[4096];
	sqlite3_stmt *s = NULL;
	long long diff = 0;
	size_t len = 0;

	snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s')", table);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		int skipped = 0;

		for (size_t k = 0; k < sizeof skip / sizeof skip[0]; k++)
			skipped |= strcmp(name, skip[k]) == 0;
		if (!skipped && len + strlen(name) + 4 < sizeof cols)
			len += (size_t)snprintf(cols + len, sizeof cols - len, "%s\"%s\"",
						len ? "," : "", name);
	}
	sqlite3_finalize(s);
	for (int dir = 0; dir < 2; dir++) {
		const char *a = dir ? "ref" : "main", *b = dir ? "main" : "ref";
		long long ida = dir ? ref_id : main_id, idb = dir ? main_id : ref_id;
		long long d = 0;

		snprintf(sql, sizeof sql,
			 "SELECT count(*) FROM (SELECT %s FROM %s.\"%s\" WHERE %s = %lld"
			 " EXCEPT SELECT %s FROM %s.\"%s\" WHERE %s = %lld)",
			 cols, a, table, key, ida, cols, b, table, key, idb);
		if (scalar(db, sql, &d))
			return 1;
		diff += d;
		snprintf(sql, sizeof sql,
			 "SELECT (SELECT count(*) FROM %s.\"%s\" WHERE %s = %lld) -"
			 " (SELECT count(*) FROM %s.\"%s\" WHERE %s = %lld)",
			 a, table, key, ida, b, table, key, idb);
		if (scalar(db, sql, &d))
			return 1;
		diff += d != 0;
	}
	if (diff)
		fprintf(stderr, "gen: table %s: the bulk writer's rows differ from "
			"dorn_store_case_put's (columns %s): update bench/gen.c\n", table, cols);
	return diff != 0;
}

/* Cases from..to (the bulk writer's last ones: one of each kind of date,
 * as fill() makes 20 kinds) written again through dorn_store_case_put into
 * a scratch database, each compared with its bulk-written twin; last_id is
 * the id of case to here. */
static int check_against_api(struct dorn_store *st, const char *path, long from, long to,
			     long long last_id, struct dorn_case *c)
{
	static const struct { const char *table, *key; } parts[] = {
		{ "case", "id" }, { "case_offence", "case_id" }, { "victim", "case_id" },
		{ "concern", "case_id" }, { "item", "case_id" }, { "case_search", "rowid" },
		{ "case_due", "case_id" }, { "audit", "entity = 'case' AND entity_id" },
		{ "note_author", "case_id" }, { "figure", "case_id" },
	};
	struct dorn_staff s = { .login = LOGIN, .name = "Bench Mark",
				.role = DORN_ROLE_SUPERVISOR, .active = 1 };
	struct dorn_store *ref = NULL;
	struct dorn_err err;
	char sql[PATH_MAX + 64];
	sqlite3 *db = dorn_store_handle(st);
	long long ref_id[CHECK_CASES];
	int bad = 0;

	unlink(path);
	if (dorn_store_open(&ref, path, DORN_STORE_CREATE, 5000, &err) ||
	    dorn_app_key_make(ref, LOGIN, &err) ||
	    dorn_store_staff_add(ref, &s, LOGIN, &err) || dorn_store_begin(ref, &err))
		goto ref_fail;
	for (long i = from; i <= to; i++) {
		if (api_put(ref, c, i, &err))
			goto ref_fail;
		ref_id[i - from] = c->id;
	}
	if (dorn_store_commit(ref, &err))
		goto ref_fail;
	dorn_store_close(ref);
	snprintf(sql, sizeof sql, "ATTACH '%s' AS ref", path);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "gen: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	for (long i = from; i <= to && !bad; i++)
		for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
			bad |= same_rows(db, parts[k].table, parts[k].key, last_id - (to - i),
					 ref_id[i - from]);
	sqlite3_exec(db, "DETACH ref", NULL, NULL, NULL);
	unlink(path);
	return bad;
ref_fail:
	fprintf(stderr, "gen: the reference database: %s\n", err.msg);
	dorn_store_rollback(ref);
	dorn_store_close(ref);
	unlink(path);
	return 1;
}

int main(int argc, char **argv)
{
	struct dorn_store *st = NULL;
	struct dorn_staff s = { .login = LOGIN, .name = "Bench Mark",
				.role = DORN_ROLE_SUPERVISOR, .active = 1 };
	struct bulk b = { 0 };
	struct dorn_case *c = dorn_case_new();
	struct dorn_date today;
	struct dorn_err err;
	char part[PATH_MAX], ref[PATH_MAX];
	const char *t = getenv("DORN_TODAY");
	double t0 = now_s(), tick = t0;
	long n, seed;

	if (argc != 3 || !c || (n = atol(argv[2])) < 1 || n > 9999999) {
		fprintf(stderr, "usage: gen DB CASES\n");
		return 64;
	}
	if (dorn_date_parse(t && *t ? t : "2026-11-28", &today, &err)) {
		fprintf(stderr, "gen: DORN_TODAY: %s\n", err.msg);
		return 64;
	}
	today_days = dorn_date_to_days(&today);
	seed = n < SEED_CASES ? n : SEED_CASES;
	snprintf(part, sizeof part, "%s.part", argv[1]);
	snprintf(ref, sizeof ref, "%s.ref", argv[1]);
	umask(077);
	unlink(part);
	if (dorn_store_open(&st, part, DORN_STORE_CREATE, 5000, &err) ||
	    dorn_app_key_make(st, LOGIN, &err) ||
	    dorn_store_staff_add(st, &s, LOGIN, &err))
		goto fail;
	b.db = dorn_store_handle(st);
	b.me = 1;
	/* Nothing here needs to survive a crash: a half-made file is thrown
	 * away. No journal, no syncs, a large cache; one transaction. */
	if (sqlite3_exec(b.db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
			 " PRAGMA secure_delete = OFF; PRAGMA cache_size = -262144",
			 NULL, NULL, NULL) != SQLITE_OK) {
		dorn_err_set(&err, DORN_EINTERNAL, "%s", sqlite3_errmsg(b.db));
		goto fail;
	}
	for (int k = 0; k < B_COUNT; k++)
		if (sqlite3_prepare_v3(b.db, bulk_sql[k], -1, SQLITE_PREPARE_PERSISTENT, &b.s[k],
				       NULL) != SQLITE_OK) {
			dorn_err_set(&err, DORN_EINTERNAL, "%s [%s]", sqlite3_errmsg(b.db),
				     bulk_sql[k]);
			goto fail;
		}
	if (dorn_store_begin(st, &err))
		goto fail;
	for (long i = 1; i <= n; i++) {
		if (i <= seed ? api_put(st, c, i, &err) : bulk_put(&b, st, c, i, &err))
			goto fail;
		if (i % 50000 == 0 && now_s() - tick >= 2) {
			tick = now_s();
			fprintf(stderr, "gen: %ld of %ld cases, %.0f s\n", i, n, tick - t0);
		}
	}
	if (dorn_store_commit(st, &err))
		goto fail;
	for (int k = 0; k < B_COUNT; k++)
		sqlite3_finalize(b.s[k]);
	memset(b.s, 0, sizeof b.s);
	fprintf(stderr, "gen: %ld cases written in %.0f s; checking ...\n", n, now_s() - t0);

	if (sqlite3_exec(b.db, "INSERT INTO case_search (case_search) VALUES ('integrity-check')",
			 NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "gen: the search index fails its integrity-check: %s\n",
			sqlite3_errmsg(b.db));
		goto fail_quiet;
	}
	if (n > seed) {
		long long last_id = 0;

		if (scalar(b.db, "SELECT max(id) FROM \"case\"", &last_id) ||
		    check_against_api(st, ref, n - seed >= CHECK_CASES ? n - CHECK_CASES + 1
						     : seed + 1, n, last_id, c))
			goto fail_quiet;
	}
	/* What the bulk writer added, recorded in the keyed audit log as dorn
	 * records what an earlier dorn left, so 'dorn check' checks it. */
	if (dorn_store_audit_seal(st, LOGIN, &err))
		goto fail;
	/* As dorn leaves its databases; no ANALYZE, since dorn runs none. */
	if (sqlite3_exec(b.db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "gen: %s\n", sqlite3_errmsg(b.db));
		goto fail_quiet;
	}
	dorn_store_close(st);
	dorn_case_free(c);
	if (rename(part, argv[1]) != 0) {
		perror("gen: rename");
		return 1;
	}
	if (n > seed)
		fprintf(stderr, "gen: %s: %ld cases (%ld through dorn_store_case_put, the rest "
			"through the bulk writer, checked equal), %.0f s\n", argv[1], n, seed,
			now_s() - t0);
	else
		fprintf(stderr, "gen: %s: %ld cases through dorn_store_case_put, %.0f s\n",
			argv[1], n, now_s() - t0);
	return 0;
fail:
	fprintf(stderr, "gen: %s\n", err.msg);
fail_quiet:
	for (int k = 0; k < B_COUNT; k++)
		sqlite3_finalize(b.s[k]);
	dorn_store_rollback(st);
	dorn_store_close(st);
	dorn_case_free(c);
	unlink(part);
	return 1;
}
