/* The app room's interview use cases, on a real temporary database: saving
 * steps, the second save from an old copy refused, step states, resuming,
 * the guidance file and the note preview. */
#include "apputil.h"

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/rules.h"
#include "dorn/store.h"

static struct dorn_case *new_case(void)
{
	struct dorn_case *c = dorn_case_new();

	assert_non_null(c);
	snprintf(c->urn, sizeof c->urn, "01AB1234526");
	snprintf(c->defendant, sizeof c->defendant, "Łukasz Example");
	snprintf(c->court, sizeof c->court, "Eastbridge Magistrates' Court");
	snprintf(c->offences[c->noffences++], sizeof c->offences[0], "soa66b2");
	snprintf(c->sentencing_date, sizeof c->sentencing_date, "2026-12-09");
	/* step 1's facts a prosecutor would otherwise phone about */
	c->charged_by = DORN_CHARGED_ARREST;
	snprintf(c->arrest_date, sizeof c->arrest_date, "2026-01-10");
	snprintf(c->defence_position, sizeof c->defence_position, "not known");
	return c;
}

/* An answer about the victim without their reference would be dropped by
 * the store: the save is refused, saying what to type, and nothing is
 * stored. */
static void test_save__victim_answers_need_a_reference(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = new_case();
	struct dorn_err err;

	c->victim.consent = DORN_CONSENT_YES;
	snprintf(c->victim.consent_date, sizeof c->victim.consent_date, "2026-11-28");
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CONSENT, &err), DORN_EDATA);
	assert_non_null(strstr(err.msg, "without their reference"));
	assert_int_equal(c->id, 0);
	assert_int_equal(c->victim.consent, DORN_CONSENT_YES); /* what was typed is kept */
	snprintf(c->victim.reference, sizeof c->victim.reference, "VR-1");
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CONSENT, &err), 0);
	assert_true(c->id > 0);
	dorn_case_free(c);
}

static void test_save__new_case_needs_a_urn(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = dorn_case_new();
	struct dorn_err err;

	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CASE, &err), DORN_EDATA);
	assert_non_null(strstr(err.msg, "URN"));
	assert_int_equal(c->id, 0);
	dorn_case_free(c);
}

static void test_save__marks_the_step_and_resumes_after_it(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = new_case();
	struct dorn_assessment *a = malloc(sizeof *a);
	struct dorn_err err;

	assert_non_null(a);
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CASE, &err), 0);
	assert_true(c->id > 0);
	assert_int_equal(c->version, 1);
	assert_int_equal(c->steps_saved, 1u << DORN_STEP_CASE);
	dorn_app_assess(&f->app, c, a);
	assert_int_equal(dorn_app_step_state(c, a, DORN_STEP_CASE), DORN_STEP_COMPLETE);
	assert_int_equal(dorn_app_step_state(c, a, DORN_STEP_CONSENT), DORN_STEP_NOT_STARTED);
	assert_int_equal(dorn_app_resume_step(c, a), DORN_STEP_CONSENT);

	/* step 2 saved with no consent yet: incomplete, and no note */
	snprintf(c->victim.reference, sizeof c->victim.reference, "V-1");
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CONSENT, &err), 0);
	dorn_app_assess(&f->app, c, a);
	assert_int_equal(dorn_app_step_state(c, a, DORN_STEP_CONSENT), DORN_STEP_INCOMPLETE);
	assert_int_equal(dorn_app_resume_step(c, a), DORN_STEP_CONSENT);
	free(a);
	dorn_case_free(c);
}

static void test_save__problems_show_on_their_step(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = new_case();
	struct dorn_assessment *a = malloc(sizeof *a);
	struct dorn_err err;

	assert_non_null(a);
	c->items[0].position = 1;
	c->items[0].kind = DORN_KIND_PHONE;
	c->items[0].seized = DORN_TRI_YES; /* but no exhibit reference */
	c->items[0].value_estimate = -1;
	c->nitems = 1;
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_ITEMS, &err), 0);
	dorn_app_assess(&f->app, c, a);
	assert_int_equal(dorn_app_step_state(c, a, DORN_STEP_ITEMS), DORN_STEP_PROBLEMS);
	assert_int_equal(dorn_app_step_state(c, a, DORN_STEP_REVIEW), DORN_STEP_INCOMPLETE);
	/* a fact for the prosecutor (another owner) is not a gap to fix */
	snprintf(c->items[0].exhibit_ref, sizeof c->items[0].exhibit_ref, "AB/1");
	c->items[0].owner = DORN_OWNER_THIRD_PARTY;
	c->items[0].how_used = DORN_USE_STORED;
	c->items[0].seized_from = DORN_FROM_DEFENDANT;
	snprintf(c->items[0].seized_where, sizeof c->items[0].seized_where, "his home");
	snprintf(c->items[0].seized_date, sizeof c->items[0].seized_date, "2026-01-10");
	snprintf(c->items[0].seized_power, sizeof c->items[0].seized_power, "PACE 1984, s.19");
	snprintf(c->items[0].forensic_report, sizeof c->items[0].forensic_report, "DF/1");
	snprintf(c->items[0].images_exhibit, sizeof c->items[0].images_exhibit, "AB/1/A");
	c->items[0].value_estimate = 100;
	c->items[0].value_basis = DORN_BASIS_ESTIMATE;
	snprintf(c->items[0].third_party_name, sizeof c->items[0].third_party_name, "Ms Example");
	snprintf(c->items[0].third_party_contact, sizeof c->items[0].third_party_contact,
		 "by letter");
	c->items[0].third_party_told = DORN_TRI_YES;
	c->items[0].third_party_knew = DORN_TRI_NO;
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_ITEMS, &err), 0);
	dorn_app_assess(&f->app, c, a);
	assert_int_equal(dorn_app_step_state(c, a, DORN_STEP_ITEMS), DORN_STEP_COMPLETE);
	free(a);
	dorn_case_free(c);
}

static void test_save__old_copy_refused_and_left_as_typed(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = new_case(), *mine, *theirs;
	struct dorn_err err;
	int version;

	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CASE, &err), 0);
	mine = dorn_case_new();
	theirs = dorn_case_new();
	memcpy(mine, c, sizeof *c);
	memcpy(theirs, c, sizeof *c);
	snprintf(theirs->lawyer, sizeof theirs->lawyer, "Their lawyer");
	assert_int_equal(dorn_app_case_save(&f->app, theirs, DORN_STEP_CASE, &err), 0);
	snprintf(mine->lawyer, sizeof mine->lawyer, "My lawyer");
	version = mine->version;
	assert_int_equal(dorn_app_case_save(&f->app, mine, DORN_STEP_CASE, &err), DORN_ECONFLICT);
	assert_non_null(strstr(err.msg, f->app.login));
	/* nothing typed is lost: the copy is exactly as it was */
	assert_string_equal(mine->lawyer, "My lawyer");
	assert_int_equal(mine->version, version);
	dorn_case_free(c);
	dorn_case_free(mine);
	dorn_case_free(theirs);
}

static void test_text__every_step_has_words(void **state)
{
	struct fx *f = *state;
	struct dorn_step_text t;
	struct dorn_err err;

	for (int s = DORN_STEP_CASE; s <= DORN_STEP_REVIEW; s++) {
		assert_int_equal(dorn_app_step_text(&f->app, s, 0, &t, &err), 0);
		assert_true(*t.title);
		assert_true(*t.intro);
		assert_true(*t.say);
		assert_null(strstr(t.say, "\\n"));
	}
	/* the age answers switch the guidance: Report Remove only for someone
	 * under 18 now; an adult who was a child then is told of the IWF */
	assert_int_equal(dorn_app_step_text(&f->app, DORN_STEP_SUPPORT,
					    DORN_SAY_CHILD_THEN | DORN_SAY_CHILD_NOW, &t, &err), 0);
	assert_non_null(strstr(t.say, "Report Remove"));
	assert_int_equal(dorn_app_step_text(&f->app, DORN_STEP_SUPPORT, DORN_SAY_CHILD_THEN, &t,
					    &err), 0);
	assert_null(strstr(t.say, "Report Remove"));
	assert_non_null(strstr(t.say, "Internet Watch Foundation"));
	assert_int_equal(dorn_app_step_text(&f->app, DORN_STEP_AGE, DORN_SAY_CHILD_THEN, &t, &err),
			 0);
	assert_null(strstr(t.say, "Report Remove"));
	/* no step promises an outcome */
	for (int s = DORN_STEP_CASE; s <= DORN_STEP_REVIEW; s++)
		for (int k = 0; k <= (DORN_SAY_CHILD_THEN | DORN_SAY_CHILD_NOW); k++) {
			assert_int_equal(dorn_app_step_text(&f->app, s, k, &t, &err), 0);
			assert_null(strstr(t.say, "must not be handed back"));
			assert_null(strstr(t.say, "court keeps"));
		}
	assert_int_equal(dorn_app_step_text(&f->app, DORN_STEP_SUPPORT, 0, &t, &err), 0);
	assert_non_null(strstr(t.say, "StopNCII"));
	/* reading twice gives the same text (line breaks unescaped once) */
	assert_int_equal(dorn_app_step_text(&f->app, DORN_STEP_CONSENT, 0, &t, &err), 0);
	assert_non_null(strstr(t.say, "\n“What is the safest way"));
}

static void test_preview__needs_consent_and_stores_nothing(void **state)
{
	struct fx *f = *state;
	struct dorn_case *c = new_case();
	struct dorn_buf b;
	struct dorn_err err;
	struct dorn_note n;

	dorn_buf_init(&b);
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CASE, &err), 0);
	assert_int_equal(dorn_app_note_preview(&f->app, c, &b, &err), DORN_ERULE);
	assert_non_null(strstr(err.msg, "has not been asked"));
	c->victim.consent = DORN_CONSENT_YES;
	snprintf(c->victim.consent_date, sizeof c->victim.consent_date, "2026-11-27");
	snprintf(c->victim.reference, sizeof c->victim.reference, "V-9");
	assert_int_equal(dorn_app_note_preview(&f->app, c, &b, &err), 0);
	assert_non_null(strstr(dorn_buf_str(&b), "REQUEST FOR A DEPRIVATION ORDER"));
	assert_non_null(strstr(dorn_buf_str(&b), "Łukasz Example"));
	assert_non_null(strstr(dorn_buf_str(&b), "URGENT"));
	/* a preview is not a saved note */
	assert_int_equal(dorn_store_note_latest(f->app.st, c->id, &n, &err), DORN_ENOINPUT);
	dorn_buf_fini(&b);
	dorn_case_free(c);
}

static void add(struct fx *f, const char *urn, const char *hearing, const char *sentencing)
{
	struct dorn_case *c = new_case();
	struct dorn_err err;

	snprintf(c->urn, sizeof c->urn, "%s", urn);
	snprintf(c->next_hearing, sizeof c->next_hearing, "%s", hearing);
	snprintf(c->sentencing_date, sizeof c->sentencing_date, "%s", sentencing);
	assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CASE, &err), 0);
	dorn_case_free(c);
}

struct rows {
	struct dorn_list_row v[64];
	size_t n;
};

static int keep_row(const struct dorn_list_row *r, void *ctx)
{
	struct rows *rs = ctx;

	assert_true(rs->n < 64);
	rs->v[rs->n++] = *r;
	return 0;
}

static void list(struct fx *f, const struct dorn_list_query *q, struct rows *rs)
{
	struct dorn_err err;

	rs->n = 0;
	assert_int_equal(dorn_app_list_each(&f->app, q, keep_row, rs, &err), 0);
}

/* The list's order is worked out in SQL; it must agree with dorn_due:
 * upcoming soonest first (urgent lead), then passed, then no date. */
static void test_list__order_matches_the_date_that_matters(void **state)
{
	struct fx *f = *state;
	struct dorn_list_query q = { NULL, NULL, -1, 0, 0 };
	struct rows *rs = malloc(sizeof *rs);
	static const char *const want[] = {
		"02AB0000226", /* sentencing tomorrow: urgent */
		"03AB0000326", /* hearing passed, sentencing in 5 days */
		"05AB0000526", /* in 40 days */
		"06AB0000626", /* passed 10 days ago: passed dates, oldest first */
		"04AB0000426", /* both passed, the later 3 days ago */
		"01AB0000126", /* no dates */
	};

	assert_non_null(rs);
	/* today is 2026-11-28 (DORN_TODAY) */
	add(f, "01AB0000126", "", "");
	add(f, "02AB0000226", "2027-01-10", "2026-11-29");
	add(f, "03AB0000326", "2026-11-01", "2026-12-03");
	add(f, "04AB0000426", "2026-11-25", "2026-11-10");
	add(f, "05AB0000526", "", "2027-01-07");
	add(f, "06AB0000626", "2026-11-18", "");
	list(f, &q, rs);
	assert_int_equal(rs->n, 6);
	for (size_t i = 0; i < rs->n; i++)
		assert_string_equal(rs->v[i].r.urn, want[i]);
	assert_true(rs->v[0].due.urgent);
	assert_int_equal(rs->v[0].due.days_left, 1);
	assert_string_equal(rs->v[1].due.date, "2026-12-03");
	assert_string_equal(rs->v[4].due.date, "2026-11-25");
	assert_true(rs->v[4].due.passed);
	/* a limit gives the top of the same order, an offset starts lower;
	 * due_within filters */
	q.limit = 2;
	list(f, &q, rs);
	assert_int_equal(rs->n, 2);
	assert_string_equal(rs->v[1].r.urn, "03AB0000326");
	q.offset = 3;
	list(f, &q, rs);
	assert_int_equal(rs->n, 2);
	assert_string_equal(rs->v[0].r.urn, "06AB0000626");
	assert_string_equal(rs->v[1].r.urn, "04AB0000426");
	q.limit = 0;
	q.offset = 0;
	q.due_within = 5;
	list(f, &q, rs);
	assert_int_equal(rs->n, 2);
	q.due_within = 4;
	list(f, &q, rs);
	assert_int_equal(rs->n, 1);
	free(rs);
}

/* Every combination of the two dates before, at and after today (or
 * absent), two cases each so ties fall to the URN: the list read whole,
 * a page at a time forwards and backwards across the parts, cut by
 * due_within and by a search, must be the plain sort by dorn_due. */
#define GEN_N 72

struct want {
	char urn[14];
	int seg, third;
	struct dorn_due due;
};

static int want_cmp(const void *a, const void *b)
{
	const struct want *x = a, *y = b;
	int c;

	if (x->seg != y->seg)
		return x->seg - y->seg;
	c = strcmp(x->due.date, y->due.date);
	return c ? c : strcmp(x->urn, y->urn);
}

/* Pages of size k from one end to the other; urns in the list's order. */
static size_t read_pages(struct fx *f, const struct dorn_list_query *q, int backward, size_t k,
			 char (*urns)[14])
{
	struct dorn_list_row page[GEN_N + 1];
	struct dorn_list_key from;
	struct dorn_err err;
	size_t total = 0, got = 0;
	int first = 1;

	do {
		assert_int_equal(dorn_app_list_page(&f->app, q, first ? NULL : &from, backward,
						    page, k, &got, &err), 0);
		assert_true(got <= k);
		assert_true(total + got <= GEN_N);
		if (backward) {
			memmove(urns + got, urns, total * sizeof *urns);
			for (size_t i = 0; i < got; i++)
				memcpy(urns[i], page[i].r.urn, sizeof urns[i]);
		} else {
			for (size_t i = 0; i < got; i++)
				memcpy(urns[total + i], page[i].r.urn, sizeof urns[i]);
		}
		total += got;
		if (got)
			from = page[backward ? 0 : got - 1].r.key;
		first = 0;
	} while (got == k);
	return total;
}

static void test_list__pages_match_a_plain_sort_by_dorn_due(void **state)
{
	static const char *const dates[] = { "", "2026-11-18", "2026-11-27", "2026-11-28",
					     "2026-11-29", "2026-12-08" };
	static const size_t sizes[] = { 1, 2, 5, 7, GEN_N + 1 };
	static const int within[] = { 0, 1, 10 };
	struct fx *f = *state;
	struct want *w = calloc(GEN_N, sizeof *w);
	char (*urns)[14] = calloc(GEN_N, sizeof *urns);
	struct dorn_list_query q = { NULL, NULL, -1, 0, 0 };
	size_t n = 0;

	assert_non_null(w);
	assert_non_null(urns);
	for (int i = 0; i < GEN_N; i++) {
		struct dorn_case *c = new_case();
		struct dorn_err err;
		const char *h = dates[(i / 2) % 6], *sd = dates[(i / 12) % 6];

		/* URNs run against the order of the dates, so the sort shows */
		snprintf(c->urn, sizeof c->urn, "%02uAB%05u26", (unsigned)(GEN_N - i) % 100u,
			 (unsigned)i % 100000u);
		snprintf(c->next_hearing, sizeof c->next_hearing, "%s", h);
		snprintf(c->sentencing_date, sizeof c->sentencing_date, "%s", sd);
		snprintf(c->defendant, sizeof c->defendant, "%s Person",
			 i % 3 ? "Beta" : "Alpha");
		assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CASE, &err), 0);
		memcpy(w[i].urn, c->urn, sizeof w[i].urn);
		dorn_due(h, sd, f->app.today, f->app.cfg.urgent_days, &w[i].due);
		w[i].seg = !*w[i].due.date ? 2 : w[i].due.passed ? 1 : 0;
		w[i].third = i % 3 == 0;
		dorn_case_free(c);
	}
	qsort(w, GEN_N, sizeof *w, want_cmp);

	/* whole, then a page at a time either way */
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		for (int back = 0; back < 2; back++) {
			n = read_pages(f, &q, back, sizes[k], urns);
			assert_int_equal(n, GEN_N);
			for (size_t i = 0; i < n; i++)
				assert_string_equal(urns[i], w[i].urn);
		}
	}
	/* due_within: the upcoming part, up to and including day D */
	for (size_t d = 0; d < sizeof within / sizeof within[0]; d++) {
		size_t expect = 0;

		q.due_within = within[d];
		for (int back = 0; back < 2; back++) {
			n = read_pages(f, &q, back, 3, urns);
			expect = 0;
			for (size_t i = 0; i < GEN_N; i++) {
				if (w[i].seg != 0 || w[i].due.days_left > within[d])
					continue;
				assert_true(expect < n);
				assert_string_equal(urns[expect], w[i].urn);
				expect++;
			}
			assert_int_equal(n, expect);
		}
		assert_true(expect > 0);
	}
	/* a search: its matches only, in the same order, paged either way */
	q.due_within = -1;
	q.search = "alph";
	for (int back = 0; back < 2; back++) {
		size_t expect = 0;

		n = read_pages(f, &q, back, 4, urns);
		for (size_t i = 0; i < GEN_N; i++) {
			if (!w[i].third)
				continue;
			assert_true(expect < n);
			assert_string_equal(urns[expect], w[i].urn);
			expect++;
		}
		assert_int_equal(n, expect);
		assert_int_equal(n, GEN_N / 3);
	}
	/* a search and due_within together */
	q.due_within = 1;
	n = read_pages(f, &q, 0, 2, urns);
	for (size_t i = 0, expect = 0; i < GEN_N; i++) {
		if (!w[i].third || w[i].seg != 0 || w[i].due.days_left > 1)
			continue;
		assert_string_equal(urns[expect], w[i].urn);
		assert_true(++expect <= n);
	}
	/* no case has a note: a status filter finds them all, or none */
	q.search = NULL;
	q.due_within = -1;
	q.status = "none";
	assert_int_equal(read_pages(f, &q, 1, 7, urns), GEN_N);
	q.status = "draft";
	assert_int_equal(read_pages(f, &q, 0, 7, urns), 0);
	free(urns);
	free(w);
}

/* A search matching more cases than the store sorts (its cap, 1,000) is
 * read along the list's own indexes instead: the rows, their order and
 * the paging either way must be those of the plain sort all the same, as
 * must a search under the cap on the same cases. */
#define BIG_N 1300

static int big_match(int i, int alpha)
{
	return alpha ? i % 10 != 0 : i % 10 == 0;
}

static void test_list__search_over_the_cap_pages_as_the_plain_sort(void **state)
{
	static const char *const dates[] = { "", "2026-11-18", "2026-11-27", "2026-11-28",
					     "2026-11-29", "2026-12-08" };
	static const size_t sizes[] = { 7, 55, BIG_N + 1 };
	struct fx *f = *state;
	struct want *w = calloc(BIG_N, sizeof *w);
	struct dorn_list_row *page = calloc(BIG_N + 1, sizeof *page);
	char (*urns)[14] = calloc(BIG_N, sizeof *urns);
	struct dorn_list_query q = { NULL, NULL, -1, 0, 0 };

	assert_non_null(w);
	assert_non_null(page);
	assert_non_null(urns);
	for (int i = 0; i < BIG_N; i++) {
		struct dorn_case *c = new_case();
		struct dorn_err err;
		const char *h = dates[(i / 2) % 6], *sd = dates[(i / 12) % 6];

		snprintf(c->urn, sizeof c->urn, "%02uAB%05u26", (unsigned)(BIG_N - i) % 100u,
			 (unsigned)i % 100000u);
		snprintf(c->next_hearing, sizeof c->next_hearing, "%s", h);
		snprintf(c->sentencing_date, sizeof c->sentencing_date, "%s", sd);
		snprintf(c->defendant, sizeof c->defendant, "%s Person %d",
			 big_match(i, 1) ? "Alpha" : "Beta", i);
		assert_int_equal(dorn_app_case_save(&f->app, c, DORN_STEP_CASE, &err), 0);
		memcpy(w[i].urn, c->urn, sizeof w[i].urn);
		dorn_due(h, sd, f->app.today, f->app.cfg.urgent_days, &w[i].due);
		w[i].seg = !*w[i].due.date ? 2 : w[i].due.passed ? 1 : 0;
		/* which search finds it: third 1 for "alph", 0 for "beta" */
		w[i].third = big_match(i, 1);
		dorn_case_free(c);
	}
	qsort(w, BIG_N, sizeof *w, want_cmp);

	/* Over the cap with a word longer than the prefix index ("alph": the
	 * matches read once), over it with a short one ("alp": asked per row),
	 * and under it ("beta": only the matches sorted). */
	for (int v = 0; v < 3; v++) {
		static const char *const terms[] = { "alph", "alp", "beta" };
		int alph = v < 2;

		q.search = terms[v];
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			for (int back = 0; back < 2; back++) {
				struct dorn_list_key from;
				struct dorn_err err;
				size_t total = 0, got = 0, expect = 0;
				int first = 1;

				do {
					assert_int_equal(dorn_app_list_page(&f->app, &q,
									    first ? NULL : &from,
									    back, page, sizes[k],
									    &got, &err), 0);
					assert_true(total + got <= BIG_N);
					if (back)
						memmove(urns + got, urns, total * sizeof *urns);
					for (size_t i = 0; i < got; i++)
						memcpy(urns[(back ? 0 : total) + i], page[i].r.urn,
						       sizeof urns[0]);
					total += got;
					if (got)
						from = page[back ? 0 : got - 1].r.key;
					first = 0;
				} while (got == sizes[k]);
				for (size_t i = 0; i < BIG_N; i++) {
					if (w[i].third != alph)
						continue;
					assert_true(expect < total);
					assert_string_equal(urns[expect], w[i].urn);
					expect++;
				}
				assert_int_equal(total, expect);
				assert_int_equal(total, alph ? BIG_N - BIG_N / 10 : BIG_N / 10);
			}
		}
	}
	/* over the cap with due_within: the upcoming part up to day 1 */
	q.search = "alph";
	q.due_within = 1;
	{
		struct dorn_err err;
		size_t got = 0, expect = 0;

		assert_int_equal(dorn_app_list_page(&f->app, &q, NULL, 0, page, BIG_N, &got,
						    &err), 0);
		for (size_t i = 0; i < BIG_N; i++) {
			if (!w[i].third || w[i].seg != 0 || w[i].due.days_left > 1)
				continue;
			assert_true(expect < got);
			assert_string_equal(page[expect].r.urn, w[i].urn);
			expect++;
		}
		assert_int_equal(got, expect);
		assert_true(expect > 0);
	}
	free(urns);
	free(page);
	free(w);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_save__victim_answers_need_a_reference),
		T(test_save__new_case_needs_a_urn),
		T(test_save__marks_the_step_and_resumes_after_it),
		T(test_save__problems_show_on_their_step),
		T(test_save__old_copy_refused_and_left_as_typed),
		T(test_text__every_step_has_words),
		T(test_preview__needs_consent_and_stores_nothing),
		T(test_list__order_matches_the_date_that_matters),
		T(test_list__pages_match_a_plain_sort_by_dorn_due),
		T(test_list__search_over_the_cap_pages_as_the_plain_sort),
	};

	umask(077);
	return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}
