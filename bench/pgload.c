/* The load figure (make bench-pg; bench/pg.sh): many clients at once on one
 * database, each a process of its own doing what an officer at their desk
 * does, through the app's own calls (libdorn.a), so the same code runs on
 * a PostgreSQL server and on a SQLite file and only the engine differs.
 *
 *   pgload setup ENGINE DB CASES        staff and CASES cases, as officers
 *   pgload run ENGINE DB CASES CLIENTS SECONDS   the mix, then a table
 *
 * ENGINE is pg or sqlite. DB is, on pg, a connection string without
 * user= ("host=/tmp/x dbname=bench"): each client connects as its own
 * login; on sqlite a file dorn init made, where each acts through --as.
 * The staff: supervisors bench_s0..bench_s4 (bench_s0 made by dorn init
 * --server on pg) and officers bench_o0..bench_o49; case i is recorded by
 * officer i % 50. Client k is officer k % 50 and works only on that
 * officer's cases (so clients never edit each other's), with supervisor
 * k % 5 approving what it submits.
 *
 * The mix, chosen at random per operation:
 *   35%  list      the case list's first page of 20 (a third of the time
 *                  the next page too), and its consult row
 *   20%  search    a page of the list searched for a word of the victims'
 *                  words or a defendant, and its consult row
 *   30%  save      open a case (dorn show: the record, its versions, a
 *                  consult row) and save a change to step 1, which redraws
 *                  the draft note
 *   15%  a review  save a change to another case, submit its note
 *                  (submit), and the supervisor approves it (approve)
 * Each kind is timed on its own; conflicts and refusals are counted, not
 * timed. Prints operations, operations a second, p50 and p99 (ms) per
 * kind and for all. Timings are printed, never asserted. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dorn/app.h"
#include "dorn/err.h"
#include "dorn/list.h"
#include "dorn/model.h"
#include "dorn/rules.h"
#include "dorn/urn.h"

#define NSUP 5
#define NOFF 50
#define SEED_WORKERS 8
#define PAGE 20

static const char *const words[] = { "phone", "laptop", "worried", "messages", "returned",
				     "afraid", "copies", "tablet", "pictures", "safe" };
static int on_pg;
static const char *db;
static long today_days;

enum kind { K_LIST, K_SEARCH, K_SAVE, K_SUBMIT, K_APPROVE, K_COUNT };
static const char *const kind_name[K_COUNT] = { "list", "search", "save", "submit", "approve" };

struct sample {
	unsigned char kind;
	unsigned char failed; /* 0 done; 1 refused or in conflict */
	float ms;
};

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* ---- the data ---- */

static void date_in(long days, char out[11])
{
	struct dorn_date d;

	dorn_date_from_days(today_days + days, &d);
	dorn_date_iso(&d, out);
}

static void urn_of(long i, char out[14])
{
	snprintf(out, 14, "%02ld%c%c%05ld%02ld", i % 43 + 1, (char)('A' + i % 26),
		 (char)('A' + (i / 26) % 26), i % 100000, 20 + i / 100000 % 10);
}

/* Case i, as bench/gen.c makes them: dates spread around today, consent
 * given, words of the victim, four items; one an officer can submit. */
static void fill(struct dorn_case *c, long i)
{
	static const char *const offences[] = { "soa66b1", "soa66b2", "soa66b4", "soa67" };
	long k = i % 20;

	dorn_case_init(c);
	urn_of(i, c->urn);
	snprintf(c->defendant, sizeof c->defendant, "Defendant %ld", i);
	snprintf(c->court, sizeof c->court, "Bench Magistrates' Court");
	c->stage = (enum dorn_stage)(i % 6);
	snprintf(c->offences[c->noffences++], sizeof c->offences[0], "%s", offences[i % 4]);
	if (k == 0) {
		/* no date */
	} else if (k <= 3) {
		date_in(-1 - i % 300, c->sentencing_date);
	} else if (k <= 5) {
		date_in(i % 15, c->next_hearing);
		snprintf(c->next_hearing_type, sizeof c->next_hearing_type, "trial");
	} else {
		date_in(15 + i % 365, c->next_hearing);
		snprintf(c->next_hearing_type, sizeof c->next_hearing_type, "mention");
		if (i % 3 == 0)
			date_in(30 + i % 500, c->sentencing_date);
	}
	snprintf(c->officer_in_case, sizeof c->officer_in_case, "PC %ld", i % 997);
	snprintf(c->victim.reference, sizeof c->victim.reference, "BENCH-%ld", i);
	c->victim.consent = DORN_CONSENT_YES;
	snprintf(c->victim.consent_date, sizeof c->victim.consent_date, "2026-11-01");
	snprintf(c->concern.victim_words, sizeof c->concern.victim_words,
		 "I am %s that the %s will be %s with the %s still on it.", words[i % 10],
		 words[(i / 10) % 10], words[(i / 100) % 10], words[(i / 1000) % 10]);
	c->concern.fears = DORN_FEAR_RETURNED;
	for (int j = 0; j < 4; j++) {
		struct dorn_item *it = &c->items[c->nitems++];

		it->position = j + 1;
		it->kind = (enum dorn_kind)(j % 5);
		it->seized = DORN_TRI_YES;
		snprintf(it->exhibit_ref, sizeof it->exhibit_ref, "BX/%ld/%d", i, j + 1);
		it->how_used = DORN_USE_STORED;
		it->value_estimate = 100 + j;
	}
}

/* ---- connections ---- */

/* app as login (NULL: whoever runs this; on sqlite the supervisor dorn
 * init registered). */
static int open_as(struct dorn_app *app, const char *login, struct dorn_err *err)
{
	static char url[1024];
	struct dorn_opts o = { 0 };
	int rc;

	memset(app, 0, sizeof *app);
	if (on_pg) {
		snprintf(url, sizeof url, "%s user=%s", db, login);
		o.db_path = url;
	} else {
		o.db_path = db;
		o.as_login = login;
	}
	rc = dorn_app_configure(app, &o, err);
	if (!rc)
		rc = dorn_app_open(app, &o, 0, err);
	return rc;
}

/* ---- setup ---- */

static int seed_officer(int o, long cases)
{
	struct dorn_app app;
	struct dorn_err err;
	struct dorn_case *c = dorn_case_new();
	char login[32];
	int rc;

	snprintf(login, sizeof login, "bench_o%d", o);
	if (!c || open_as(&app, login, &err)) {
		fprintf(stderr, "pgload: %s: %s\n", login, c ? err.msg : "out of memory");
		return 1;
	}
	for (long i = o; i < cases; i += NOFF) {
		fill(c, i);
		rc = dorn_app_case_save(&app, c, DORN_STEP_CASE, &err);
		if (rc) {
			fprintf(stderr, "pgload: case %ld by %s: %s\n", i, login, err.msg);
			dorn_app_close(&app);
			dorn_case_free(c);
			return 1;
		}
	}
	dorn_app_close(&app);
	dorn_case_free(c);
	return 0;
}

static int setup(long cases)
{
	struct dorn_app app;
	struct dorn_err err;
	char login[32], name[64];
	double t0 = now_ms();
	int bad = 0, status;

	if (open_as(&app, on_pg ? "bench_s0" : NULL, &err)) {
		fprintf(stderr, "pgload: opening %s: %s\n", db, err.msg);
		return 1;
	}
	for (int s = 0; s < NSUP + NOFF; s++) {
		int sup = s < NSUP;

		snprintf(login, sizeof login, sup ? "bench_s%d" : "bench_o%d", sup ? s : s - NSUP);
		snprintf(name, sizeof name, sup ? "Bench Supervisor %d" : "Bench Officer %d",
			 sup ? s : s - NSUP);
		if (on_pg && s == 0)
			continue; /* dorn init --server made them */
		if (dorn_app_staff_add(&app, login, name,
				       sup ? DORN_ROLE_SUPERVISOR : DORN_ROLE_OFFICER, NULL, &err)) {
			fprintf(stderr, "pgload: staff add %s: %s\n", login, err.msg);
			dorn_app_close(&app);
			return 1;
		}
	}
	dorn_app_close(&app);
	/* The cases, by their officers, eight writers at a time. */
	for (int w = 0; w < SEED_WORKERS; w++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("pgload: fork");
			return 1;
		}
		if (pid == 0) {
			int rc = 0;

			for (int o = w; o < NOFF && !rc; o += SEED_WORKERS)
				rc = seed_officer(o, cases);
			_exit(rc);
		}
	}
	while (wait(&status) > 0)
		bad |= !WIFEXITED(status) || WEXITSTATUS(status);
	if (!bad)
		printf("%s: %d staff and %ld cases, recorded by their officers in %.1f s\n",
		       on_pg ? "PostgreSQL" : "SQLite", NSUP + NOFF, cases,
		       (now_ms() - t0) / 1e3);
	return bad;
}

/* ---- a client ---- */

struct client {
	struct dorn_app off, sup;
	unsigned seed;
	long mine[64];      /* the officer's cases */
	int nmine;
	int next_save, next_review;
	long edits;
	struct sample *s;
	size_t n, cap;
	int complaints;      /* first refusals printed, then quiet */
};

static void note(struct client *c, enum kind k, double t0, int rc, const struct dorn_err *err)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 4096;
		struct sample *s = realloc(c->s, cap * sizeof *s);

		if (!s)
			return;
		c->s = s;
		c->cap = cap;
	}
	c->s[c->n].kind = (unsigned char)k;
	c->s[c->n].failed = rc != 0;
	c->s[c->n].ms = (float)(now_ms() - t0);
	c->n++;
	if (rc && c->complaints < 3) {
		c->complaints++;
		fprintf(stderr, "pgload: %s by %s: %s\n", kind_name[k], c->off.login, err->msg);
	}
}

static int op_list(struct client *c, const char *search, enum kind k)
{
	struct dorn_list_query q = { .status = NULL, .search = search, .due_within = -1 };
	struct dorn_list_row rows[PAGE + 1];
	struct dorn_err err;
	size_t got = 0, shown;
	double t0 = now_ms();
	int rc = dorn_app_list_page(&c->off, &q, NULL, 0, rows, PAGE + 1, &got, &err);

	shown = got > PAGE ? PAGE : got;
	if (!rc && got > PAGE && rand_r(&c->seed) % 3 == 0) {
		struct dorn_list_key from = rows[PAGE - 1].r.key;

		rc = dorn_app_list_page(&c->off, &q, &from, 0, rows, PAGE + 1, &got, &err);
		shown += got > PAGE ? PAGE : got;
	}
	if (!rc)
		rc = dorn_app_list_consult(&c->off, &q, shown, got > PAGE, &err);
	note(c, k, t0, rc, &err);
	return rc;
}

/* Open case i and save a change to step 1. */
static int op_save(struct client *c, long i)
{
	struct dorn_case_view v;
	struct dorn_err err;
	char urn[14];
	double t0 = now_ms();
	int rc;

	urn_of(i, urn);
	memset(&v, 0, sizeof v);
	rc = dorn_app_show(&c->off, urn, &v, &err);
	if (!rc) {
		snprintf(v.c->court, sizeof v.c->court, "Bench Magistrates' Court, room %ld",
			 ++c->edits % 1000);
		rc = dorn_app_case_save(&c->off, v.c, DORN_STEP_CASE, &err);
	}
	dorn_case_view_fini(&v);
	note(c, K_SAVE, t0, rc, &err);
	return rc;
}

static void op_review(struct client *c, long i)
{
	struct dorn_err err;
	char urn[14];
	double t0;
	int rc;

	if (op_save(c, i))
		return;
	urn_of(i, urn);
	t0 = now_ms();
	rc = dorn_app_submit(&c->off, urn, NULL, &err);
	note(c, K_SUBMIT, t0, rc, &err);
	if (rc)
		return;
	t0 = now_ms();
	rc = dorn_app_review(&c->sup, urn, 1, "Checked (bench).", &err);
	note(c, K_APPROVE, t0, rc, &err);
}

static int client(int k, long cases, int go, int ready, double seconds, FILE *out)
{
	struct client c;
	struct dorn_err err;
	char off[32], sup[32], byte = 1;
	double end;
	int o = k % NOFF;

	memset(&c, 0, sizeof c);
	c.seed = (unsigned)(k * 7919 + 17);
	snprintf(off, sizeof off, "bench_o%d", o);
	snprintf(sup, sizeof sup, "bench_s%d", k % NSUP);
	if (open_as(&c.off, off, &err) || open_as(&c.sup, sup, &err)) {
		fprintf(stderr, "pgload: client %d: %s\n", k, err.msg);
		return 1;
	}
	for (long i = o; i < cases && c.nmine < 64; i += NOFF)
		c.mine[c.nmine++] = i;
	if (c.nmine < 2) {
		fprintf(stderr, "pgload: officer %s has too few cases\n", off);
		return 1;
	}
	/* Loaded, connected: wait for the start. */
	if (write(ready, &byte, 1) != 1 || read(go, &byte, 1) < 0)
		return 1;
	end = now_ms() + seconds * 1e3;
	while (now_ms() < end) {
		unsigned r = (unsigned)rand_r(&c.seed) % 100;

		if (r < 35) {
			op_list(&c, NULL, K_LIST);
		} else if (r < 55) {
			char term[32];

			if (rand_r(&c.seed) % 4 == 0)
				snprintf(term, sizeof term, "defendant %ld",
					 (long)(rand_r(&c.seed) % cases));
			else
				snprintf(term, sizeof term, "%s", words[rand_r(&c.seed) % 10]);
			op_list(&c, term, K_SEARCH);
		} else if (r < 85) {
			/* the even ones of the officer's cases are edited */
			c.next_save = (c.next_save + 2) % (c.nmine - c.nmine % 2);
			op_save(&c, c.mine[c.next_save]);
		} else {
			/* the odd ones go through review */
			c.next_review = (c.next_review + 2) % (c.nmine - c.nmine % 2);
			op_review(&c, c.mine[c.next_review + 1]);
		}
	}
	dorn_app_close(&c.off);
	dorn_app_close(&c.sup);
	if (fwrite(c.s, sizeof *c.s, c.n, out) != c.n || fflush(out))
		return 1;
	free(c.s);
	return 0;
}

/* ---- the figures ---- */

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

static void row(const char *label, const char *kind, float *ms, size_t n, size_t failed,
		double seconds)
{
	qsort(ms, n, sizeof *ms, cmp_float);
	printf("%-11s %-8s %8zu %9.1f %9.2f %9.2f %8zu\n", label, kind, n, (double)n / seconds,
	       n ? (double)ms[(n - 1) / 2] : 0.0, n ? (double)ms[(n * 99 - 1) / 100] : 0.0,
	       failed);
}

static int run(long cases, int clients, double seconds)
{
	int go[2], ready[2], bad = 0, status;
	FILE **outs = calloc((size_t)clients, sizeof *outs);
	struct sample *all = NULL;
	size_t n = 0, cap = 0;
	char byte;
	double t0, took;
	const char *label = on_pg ? "PostgreSQL" : "SQLite";

	if (!outs || pipe(go) || pipe(ready)) {
		perror("pgload");
		return 1;
	}
	for (int k = 0; k < clients; k++) {
		pid_t pid;

		outs[k] = tmpfile();
		if (!outs[k]) {
			perror("pgload: tmpfile");
			return 1;
		}
		pid = fork();
		if (pid < 0) {
			perror("pgload: fork");
			return 1;
		}
		if (pid == 0) {
			close(go[1]);
			close(ready[0]);
			_exit(client(k, cases, go[0], ready[1], seconds, outs[k]));
		}
	}
	close(go[0]);
	close(ready[1]);
	for (int k = 0; k < clients; k++)
		if (read(ready[0], &byte, 1) != 1) {
			fprintf(stderr, "pgload: a client did not start\n");
			bad = 1;
			break;
		}
	t0 = now_ms();
	close(go[1]); /* go */
	while (wait(&status) > 0)
		bad |= !WIFEXITED(status) || WEXITSTATUS(status);
	took = (now_ms() - t0) / 1e3;
	for (int k = 0; k < clients; k++) {
		struct sample s;

		rewind(outs[k]);
		while (fread(&s, sizeof s, 1, outs[k]) == 1) {
			if (n == cap) {
				cap = cap ? cap * 2 : 65536;
				all = realloc(all, cap * sizeof *all);
				if (!all)
					return 1;
			}
			all[n++] = s;
		}
		fclose(outs[k]);
	}
	free(outs);
	{
		float *ms = malloc((n ? n : 1) * sizeof *ms), *every = malloc((n ? n : 1) * sizeof *every);
		size_t nall = 0, failed_all = 0;

		if (!ms || !every)
			return 1;
		printf("\n%s, %d clients for %.0f s (%.1f s to the last one's end), %ld cases\n",
		       label, clients, seconds, took, cases);
		printf("%-11s %-8s %8s %9s %9s %9s %8s\n", "engine", "kind", "ops", "ops/s",
		       "p50 ms", "p99 ms", "refused");
		for (int k = 0; k < K_COUNT; k++) {
			size_t m = 0, failed = 0;

			for (size_t i = 0; i < n; i++) {
				if (all[i].kind != k)
					continue;
				if (all[i].failed) {
					failed++;
					continue;
				}
				ms[m++] = all[i].ms;
				every[nall++] = all[i].ms;
			}
			failed_all += failed;
			row(label, kind_name[k], ms, m, failed, seconds);
		}
		row(label, "all", every, nall, failed_all, seconds);
		free(ms);
		free(every);
	}
	free(all);
	return bad;
}

int main(int argc, char **argv)
{
	const char *today = getenv("DORN_TODAY");
	struct dorn_date d;
	struct dorn_err err;

	signal(SIGPIPE, SIG_IGN);
	if (argc < 5 || (strcmp(argv[2], "pg") && strcmp(argv[2], "sqlite")) ||
	    (strcmp(argv[1], "setup") && strcmp(argv[1], "run")) ||
	    (!strcmp(argv[1], "run") && argc < 7) || atol(argv[4]) < 2 * NOFF) {
		fprintf(stderr, "usage: pgload setup pg|sqlite DB CASES\n"
				"       pgload run pg|sqlite DB CASES CLIENTS SECONDS\n"
				"(CASES at least %d)\n", 2 * NOFF);
		return 64;
	}
	on_pg = !strcmp(argv[2], "pg");
	db = argv[3];
	if (!today || dorn_date_parse(today, &d, &err)) {
		fprintf(stderr, "pgload: set DORN_TODAY=YYYY-MM-DD (bench/pg.sh does)\n");
		return 64;
	}
	today_days = dorn_date_to_days(&d);
	if (!strcmp(argv[1], "setup"))
		return setup(atol(argv[4]));
	if (atoi(argv[5]) < 1 || atof(argv[6]) <= 0) {
		fprintf(stderr, "pgload: CLIENTS and SECONDS must be above 0\n");
		return 64;
	}
	return run(atol(argv[4]), atoi(argv[5]), atof(argv[6]));
}
