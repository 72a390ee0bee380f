/* The case list a page at a time, both ways, on two stores: prints one
 * line per query and page size that differs, and the count compared.
 * tests/pg/t_search.sh builds and runs it against the SQLite file and the
 * server it filled with the same cases.
 *
 *   pages SQLITE_FILE PG_URL TODAY DUE_BY
 *
 * For each query (no today: by URN; today; today with a due date; each
 * with no status, draft and none; each with no search and several), whole
 * and in pages of two sizes (1 and 3 for a short list, 7 and 23 for a
 * longer one, 97 and 250 for over a hundred rows), the list is read
 * forward from the top, page after page
 * from the last row's key, and backward from the bottom: each way must be
 * the same rows with the same keys on both stores, and backward the same
 * rows as forward, reversed. Exit status 1 when anything differs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/list.h"
#include "dorn/store.h"

struct walk {
	struct dorn_buf text; /* a line per row */
	struct dorn_list_key last;
	size_t rows;
};

static int one(const struct dorn_case_row *r, void *ctx)
{
	struct walk *w = ctx;

	dorn_buf_printf(&w->text, "%s|%s|%s|%s|%s|%s|%s|%d|%d|%s|%s|%s|%d|%s|%s\n", r->urn,
			r->victim_ref, r->defendant, r->offence, r->next_hearing,
			r->sentencing_date, r->next_date, r->note_status, r->note_version, r->court,
			r->hearing_type, r->officer, r->key.seg, r->key.date, r->key.urn);
	w->last = r->key;
	w->rows++;
	return 0;
}

/* Every page of n rows in one direction, into out (a line per row, in the
 * order read). */
static int walk(struct dorn_store *st, const struct dorn_case_query *q, int backward, size_t n,
		struct dorn_buf *out)
{
	struct dorn_list_key from;
	struct dorn_err err = { 0 };
	int first = 1;

	for (;;) {
		struct walk w = { .rows = 0 };

		dorn_buf_init(&w.text);
		if (dorn_store_case_page(st, q, first ? NULL : &from, backward, n, one, &w, &err)) {
			fprintf(stderr, "pages: %s\n", err.msg);
			dorn_buf_fini(&w.text);
			return -1;
		}
		if (w.rows)
			dorn_buf_add(out, w.text.p, w.text.len);
		dorn_buf_fini(&w.text);
		if (w.rows < n || w.rows == 0 || n == 0)
			return 0;
		from = w.last;
		first = 0;
	}
}

/* The lines of text in reverse order. */
static void reversed(const struct dorn_buf *in, struct dorn_buf *out)
{
	size_t end = in->len;

	while (end > 0) {
		size_t start = end - 1;

		while (start > 0 && in->p[start - 1] != '\n')
			start--;
		dorn_buf_add(out, in->p + start, end - start);
		end = start;
	}
}

/* Compare one query read in pages of n both ways on both stores; why it
 * differs, or NULL. *rows is how many rows it has. */
static const char *compare(struct dorn_store *sq, struct dorn_store *pg,
			   const struct dorn_case_query *q, size_t n, size_t *rows)
{
	struct dorn_buf a, b, back, sqback, rev;
	const char *why = NULL;

	dorn_buf_init(&a);
	dorn_buf_init(&b);
	dorn_buf_init(&back);
	dorn_buf_init(&sqback);
	dorn_buf_init(&rev);
	if (walk(sq, q, 0, n, &a) || walk(pg, q, 0, n, &b) || walk(sq, q, 1, n, &sqback) ||
	    walk(pg, q, 1, n, &back))
		why = "failed";
	reversed(&back, &rev);
	if (!why && (a.len != b.len || memcmp(a.p, b.p, a.len)))
		why = "forward differs from SQLite's";
	else if (!why && (sqback.len != back.len || memcmp(sqback.p, back.p, back.len)))
		why = "backward differs from SQLite's";
	else if (!why && (rev.len != b.len || memcmp(rev.p, b.p, b.len)))
		why = "backward is not forward reversed";
	*rows = 0;
	for (size_t i = 0; i < b.len; i++)
		*rows += b.p[i] == '\n';
	dorn_buf_fini(&a);
	dorn_buf_fini(&b);
	dorn_buf_fini(&back);
	dorn_buf_fini(&sqback);
	dorn_buf_fini(&rev);
	return why;
}

int main(int argc, char **argv)
{
	static const char *const statuses[] = { NULL, "draft", "none" };
	static const char *const searches[] = { NULL, "bulk", "b", "bulk 1", "zoe", "1", "wc",
						"lukasz", "-", "qqqzzz" };
	/* pages for a long list, and for a short one */
	static const size_t long_sizes[] = { 97, 250 }, mid_sizes[] = { 7, 23 },
			    short_sizes[] = { 1, 3 };
	struct dorn_store *sq = NULL, *pg = NULL;
	struct dorn_err err = { 0 };
	long compared = 0, differ = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: pages SQLITE_FILE PG_URL TODAY DUE_BY\n");
		return 2;
	}
	if (dorn_store_open(&sq, argv[1], DORN_STORE_READ, 5000, &err) ||
	    dorn_store_open(&pg, argv[2], DORN_STORE_READ, 5000, &err)) {
		fprintf(stderr, "pages: %s\n", err.msg);
		return 2;
	}
	for (int t = 0; t < 3; t++)
		for (size_t s = 0; s < sizeof statuses / sizeof statuses[0]; s++)
			for (size_t x = 0; x < sizeof searches / sizeof searches[0]; x++) {
				struct dorn_case_query q = { .status = statuses[s],
							     .search = searches[x],
							     .today = t ? argv[3] : NULL,
							     .due_by = t == 2 ? argv[4] : NULL };
				size_t rows = 0, n = 0;
				const size_t *sizes = NULL;

				/* the whole list at once first, then in pages */
				for (size_t k = 0; k <= n; k++) {
					size_t size = k ? sizes[k - 1] : 0;
					const char *why = compare(sq, pg, &q, size, &rows);

					compared++;
					if (why) {
						differ++;
						printf("pages: today %s, due by %s, status %s, search "
						       "'%s', %zu a page: %s\n",
						       q.today ? q.today : "-", q.due_by ? q.due_by : "-",
						       q.status ? q.status : "-", q.search ? q.search : "",
						       size, why);
					}
					if (k == 0) {
						sizes = rows > 100 ? long_sizes
							: rows > 15 ? mid_sizes : short_sizes;
						n = rows ? 2 : 0;
					}
				}
			}
	printf("pages: %ld compared, %ld differ\n", compared, differ);
	dorn_store_close(sq);
	dorn_store_close(pg);
	return differ ? 1 : 0;
}
