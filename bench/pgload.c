/* The load figure (make bench-pg; bench/pg.sh): many clients at once on one
 * database, each a process of its own doing what an officer at their desk
 * does, through the app's own calls (libdorn.a), so the same code runs on
 * a PostgreSQL server and on a SQLite file and only the engine differs.
 *
 *   pgload setup ENGINE DB CASES        staff and CASES cases, as officers
 *   pgload run ENGINE DB CASES CLIENTS SECONDS [THINK]   the mix, then a table
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
 * With THINK (ms), each client pauses that long on average (at random,
 * exponentially) before each operation, as people at desks do; without,
 * it goes straight on, which measures what the database can take.
 * Each kind is timed on its own; what did not go through is counted, not
 * timed: busy (the database was busy, or someone changed it meanwhile:
 * try again) apart from refused (anything else). Prints operations, operations a second, p50 and p99 (ms) per
 * kind and for all. Timings are printed, never asserted. */
#include <errno.h>
#include <math.h>
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
#include "fakecase.h"

#define NSUP 5
#define NOFF 50
#define SEED_WORKERS 8
#define PAGE 20

static int on_pg;
static const char *db;

enum kind { K_LIST, K_SEARCH, K_SAVE, K_SUBMIT, K_APPROVE, K_COUNT };
static const char *const kind_name[K_COUNT] = { "list", "search", "save", "submit", "approve" };

struct sample {
	unsigned char kind;
	unsigned char failed; /* 0 done; 1 busy or in conflict; 2 refused */
	float ms;
};

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* ---- the data ---- */


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
		/* Eight writers at once: one may find the database busy
		 * (SQLite's lock, or the server's lock timeout) and tries
		 * again, as an officer would. */
		for (int tries = 0; tries < 50; tries++) {
			rc = dorn_app_case_save(&app, c, DORN_STEP_CASE, &err);
			if (rc != DORN_EBUSY)
				break;
			usleep(20000);
		}
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
	c->s[c->n].failed = !rc ? 0 : rc == DORN_EBUSY || rc == DORN_ECONFLICT ? 1 : 2;
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

/* A pause of mean think ms, exponentially distributed (people at desks
 * act at random moments); 0: none. */
static void pause_for(struct client *c, double think)
{
	double u, ms;

	if (think <= 0)
		return;
	u = ((double)rand_r(&c->seed) + 1.0) / ((double)RAND_MAX + 2.0);
	ms = -think * log(u);
	if (ms > think * 10)
		ms = think * 10;
	usleep((useconds_t)(ms * 1000));
}

static int client(int k, long cases, int go, int ready, double seconds, double think,
		  FILE *out)
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

		pause_for(&c, think);
		if (now_ms() >= end)
			break;

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

static void row(const char *label, const char *kind, float *ms, size_t n, size_t busy,
		size_t refused, double seconds)
{
	qsort(ms, n, sizeof *ms, cmp_float);
	printf("%-11s %-8s %8zu %9.1f %9.2f %9.2f %6zu %8zu\n", label, kind, n,
	       (double)n / seconds, n ? (double)ms[(n - 1) / 2] : 0.0,
	       n ? (double)ms[(n * 99 - 1) / 100] : 0.0, busy, refused);
}

static int run(long cases, int clients, double seconds, double think)
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
			_exit(client(k, cases, go[0], ready[1], seconds, think, outs[k]));
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
		size_t nall = 0, busy_all = 0, refused_all = 0;

		if (!ms || !every)
			return 1;
		printf("\n%s, %d clients for %.0f s (%.1f s to the last one's end), %ld cases, ",
		       label, clients, seconds, took, cases);
		if (think > 0)
			printf("each pausing %.0f ms on average before each operation\n", think);
		else
			printf("each going at once to the next operation\n");
		printf("%-11s %-8s %8s %9s %9s %9s %6s %8s\n", "engine", "kind", "ops", "ops/s",
		       "p50 ms", "p99 ms", "busy", "refused");
		for (int k = 0; k < K_COUNT; k++) {
			size_t m = 0, busy = 0, refused = 0;

			for (size_t i = 0; i < n; i++) {
				if (all[i].kind != k)
					continue;
				if (all[i].failed) {
					busy += all[i].failed == 1;
					refused += all[i].failed == 2;
					continue;
				}
				ms[m++] = all[i].ms;
				every[nall++] = all[i].ms;
			}
			busy_all += busy;
			refused_all += refused;
			row(label, kind_name[k], ms, m, busy, refused, seconds);
		}
		row(label, "all", every, nall, busy_all, refused_all, seconds);
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
				"       pgload run pg|sqlite DB CASES CLIENTS SECONDS [THINK_MS]\n"
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
	return run(atol(argv[4]), atoi(argv[5]), atof(argv[6]), argc > 7 ? atof(argv[7]) : 0);
}
