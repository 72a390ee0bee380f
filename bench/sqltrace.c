/* What dorn really runs, for the shell to run the same: an LD_PRELOAD shim
 * over sqlite3_step that, at the first step of each statement run, writes
 * to the file named by DORN_BENCH_TRACE one line: the statement's SQL as
 * prepared, a tab, and the same with its bound values written in
 * (sqlite3_expanded_sql), each with its newlines made blanks. bench/run.sh
 * keeps the lines whose SQL is one of the list's (build/bench/listsql) and
 * gives their second halves to the sqlite3 shell. Nothing else changes:
 * the real sqlite3_step runs. Only for the benchmark's untimed runs. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

static void flat(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\n' || *s == '\t' || *s == '\r' ? ' ' : *s, f);
}

int sqlite3_step(sqlite3_stmt *s)
{
	static int (*real)(sqlite3_stmt *);
	static FILE *out;
	static int tried;

	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "sqlite3_step");
	if (!real)
		abort();
	if (!tried) {
		const char *path = getenv("DORN_BENCH_TRACE");

		tried = 1;
		out = path && *path ? fopen(path, "a") : NULL;
	}
	if (out && !sqlite3_stmt_busy(s)) {
		char *x = sqlite3_expanded_sql(s);

		flat(out, sqlite3_sql(s));
		fputc('\t', out);
		flat(out, x);
		fputc('\n', out);
		fflush(out);
		sqlite3_free(x);
	}
	return real(s);
}
