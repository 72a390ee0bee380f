/* Unit tests for the worklist (agenda.h): each kind of duty at its
 * boundaries (due today or yesterday, the last urgent day and the day
 * after), what takes a duty away, who each is for, and the list's order.
 * Today is fixed: Monday 7 December 2026 unless a test says otherwise. */
#include "testutil.h"

#include "dorn/agenda.h"
#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/record.h"
#include "dorn/review.h"
#include "dorn/urn.h"
#include "dorn/workdays.h"

static long day(const char *iso)
{
	struct dorn_date d;

	assert_int_equal(dorn_date_parse(iso, &d, NULL), 0);
	return dorn_date_to_days(&d);
}

static void iso(long days, char out[11])
{
	struct dorn_date d;

	dorn_date_from_days(days, &d);
	dorn_date_iso(&d, out);
}

static const struct dorn_victims_code code = { .outcome_days = 1, .hearing_days = 1 };
/* 2026 and 2027 known, with Christmas and Boxing Day (substitute). */
static struct dorn_holidays hol;

static int setup_holidays(void **state)
{
	static const char text[] = "[2026]\n2026-12-25 = Christmas Day\n"
				   "2026-12-28 = Boxing Day (substitute day)\n"
				   "[2027]\n2027-12-27 = Christmas Day (substitute day)\n";

	(void)state;
	return dorn_holidays_parse(text, strlen(text), "bh.ini", &hol, NULL);
}

static int teardown_holidays(void **state)
{
	(void)state;
	dorn_holidays_fini(&hol);
	return 0;
}
#define TODAY day("2026-12-07") /* a Monday */
#define URGENT 14

/* A case with consent and no date, no note, no outcome. */
static struct dorn_case *a_case(const char *urn)
{
	struct dorn_case *c = dorn_case_new();

	assert_non_null(c);
	dorn_case_init(c);
	snprintf(c->urn, sizeof c->urn, "%s", urn);
	c->version = 1;
	c->victim.consent = DORN_CONSENT_YES;
	return c;
}

static struct dorn_duty_facts no_note(void)
{
	struct dorn_duty_facts f = { DORN_NOTE_NONE, 0, 0, 0, -1 };

	return f;
}

static struct dorn_duty_facts note(int status, int current, int exported)
{
	struct dorn_duty_facts f = { status, 2, current, exported, -1 };

	return f;
}

/* The duties of c as of today, into d; how many. */
static size_t duties(const struct dorn_case *c, const struct dorn_duty_facts *f, long today,
		     struct dorn_duty d[DORN_DUTIES_MAX])
{
	return dorn_duties_of(c, f, &hol, &code, today, URGENT, d);
}

/* The one duty of kind among d[0..n), or NULL. */
static const struct dorn_duty *find(const struct dorn_duty *d, size_t n, int kind)
{
	const struct dorn_duty *got = NULL;

	for (size_t i = 0; i < n; i++) {
		if (d[i].kind != kind)
			continue;
		assert_null(got); /* never two of a kind for one case */
		got = &d[i];
	}
	return got;
}

/* The duty's text begins with what. */
static int starts(const struct dorn_duty *t, const char *what)
{
	return t && strncmp(t->text, what, strlen(what)) == 0;
}

static void hearing_in(struct dorn_case *c, long today, long days, int sentencing)
{
	iso(today + days, sentencing ? c->sentencing_date : c->next_hearing);
	if (!sentencing)
		snprintf(c->next_hearing_type, sizeof c->next_hearing_type, "trial");
}

/* ---- the kinds' table ---- */

static void test_kinds__words_labels_and_roles(void **state)
{
	static const char *const keys[] = { "tell-overdue", "tell", "note", "returned",
					    "review", "export", "outcome", "retention" };

	(void)state;
	assert_int_equal(DORN_DUTY__COUNT, 8);
	for (int k = 0; k < DORN_DUTY__COUNT; k++) {
		assert_string_equal(dorn_duty_key(k), keys[k]);
		assert_int_equal(dorn_duty_of(keys[k]), k);
		assert_non_null(dorn_duty_label(k));
		assert_true(strlen(dorn_duty_label(k)) <= DORN_DUTY_LABEL_MAX);
		assert_non_null(dorn_duty_title(k));
		for (int o = 0; o < k; o++)
			assert_string_not_equal(dorn_duty_label(k), dorn_duty_label(o));
	}
	/* overdue is a word, not a colour */
	assert_string_equal(dorn_duty_label(DORN_DUTY_TELL_OVERDUE), "OVERDUE");
	assert_int_equal(dorn_duty_for(DORN_DUTY_REVIEW), DORN_ROLE_SUPERVISOR);
	assert_int_equal(dorn_duty_for(DORN_DUTY_RETENTION), DORN_ROLE_SUPERVISOR);
	assert_int_equal(dorn_duty_for(DORN_DUTY_TELL), DORN_ROLE_OFFICER);
	assert_int_equal(dorn_duty_for(DORN_DUTY_EXPORT), DORN_ROLE_OFFICER);
	assert_null(dorn_duty_key(-1));
	assert_null(dorn_duty_key(DORN_DUTY__COUNT));
	assert_null(dorn_duty_label(DORN_DUTY__COUNT));
	assert_int_equal(dorn_duty_of("Tell"), -1);
	assert_int_equal(dorn_duty_of(NULL), -1);
}

/* ---- telling the victim ---- */

/* Received Friday 4 December: one working day gives Monday 7 December. */
static void test_tell__due_today_is_not_overdue(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = no_note();
	struct dorn_duty d[DORN_DUTIES_MAX];
	const struct dorn_duty *t;
	size_t n;

	(void)state;
	snprintf(c->outcome.date, sizeof c->outcome.date, "2026-12-03");
	snprintf(c->outcome.received, sizeof c->outcome.received, "2026-12-04");
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_TELL);
	assert_non_null(t);
	assert_null(find(d, n, DORN_DUTY_TELL_OVERDUE));
	assert_int_equal(t->day, day("2026-12-07"));
	assert_int_equal(t->days_left, 0);
	assert_int_equal(t->role, DORN_ROLE_OFFICER);
	assert_string_equal(t->urn, "01AB1234526");
	assert_string_equal(t->text, "Tell the victim the outcome by Mon 7 Dec 2026, today");
	/* the day before, still to come */
	n = duties(c, &f, TODAY - 1, d);
	t = find(d, n, DORN_DUTY_TELL);
	assert_non_null(t);
	assert_int_equal(t->days_left, 1);
	dorn_case_free(c);
}

static void test_tell__due_yesterday_is_overdue(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = no_note();
	struct dorn_duty d[DORN_DUTIES_MAX];
	const struct dorn_duty *t;
	size_t n;

	(void)state;
	snprintf(c->outcome.date, sizeof c->outcome.date, "2026-12-03");
	snprintf(c->outcome.received, sizeof c->outcome.received, "2026-12-04");
	n = duties(c, &f, TODAY + 1, d);
	t = find(d, n, DORN_DUTY_TELL_OVERDUE);
	assert_non_null(t);
	assert_null(find(d, n, DORN_DUTY_TELL));
	assert_int_equal(t->day, day("2026-12-07"));
	assert_int_equal(t->days_left, -1);
	assert_string_equal(t->text,
			    "Tell the victim the outcome: it was due by Mon 7 Dec 2026, yesterday");
	dorn_case_free(c);
}

/* A bank holiday on the Monday moves the day to Tuesday. */
static void test_tell__counts_working_days(void **state)
{
	static const char text[] = "[2026]\n2026-12-07 = A made-up holiday\n";
	struct dorn_holidays h = { 0 };
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = no_note();
	struct dorn_duty d[DORN_DUTIES_MAX];
	const struct dorn_duty *t;
	size_t n;

	(void)state;
	assert_int_equal(dorn_holidays_parse(text, strlen(text), "bh.ini", &h, NULL), 0);
	snprintf(c->outcome.received, sizeof c->outcome.received, "2026-12-04");
	n = dorn_duties_of(c, &f, &h, &code, TODAY + 1, URGENT, d);
	t = find(d, n, DORN_DUTY_TELL);
	assert_non_null(t);
	assert_int_equal(t->day, day("2026-12-08"));
	assert_false(t->uncovered);
	/* a year the data does not cover says so */
	snprintf(c->outcome.received, sizeof c->outcome.received, "2027-03-05");
	n = dorn_duties_of(c, &f, &h, &code, day("2027-03-05"), URGENT, d);
	t = find(d, n, DORN_DUTY_TELL);
	assert_non_null(t);
	assert_true(t->uncovered);
	assert_non_null(strstr(t->text, "check"));
	dorn_holidays_fini(&h);
	dorn_case_free(c);
}

static void test_tell__leaves_when_told_or_not_told(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = no_note();
	struct dorn_duty d[DORN_DUTIES_MAX];

	(void)state;
	snprintf(c->outcome.received, sizeof c->outcome.received, "2026-12-04");
	assert_int_equal(duties(c, &f, TODAY + 5, d), 1);
	snprintf(c->outcome.told_date, sizeof c->outcome.told_date, "2026-12-08");
	assert_int_equal(duties(c, &f, TODAY + 5, d), 0);
	c->outcome.told_date[0] = '\0';
	snprintf(c->outcome.not_told, sizeof c->outcome.not_told, "moved away, no contact");
	assert_int_equal(duties(c, &f, TODAY + 5, d), 0);
	/* nothing received: nothing to tell yet */
	c->outcome.not_told[0] = '\0';
	c->outcome.received[0] = '\0';
	assert_int_equal(duties(c, &f, TODAY + 5, d), 0);
	dorn_case_free(c);
}

/* ---- the note before a hearing ---- */

static void test_note__the_last_urgent_day_and_the_day_after(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = no_note();
	struct dorn_duty d[DORN_DUTIES_MAX];
	const struct dorn_duty *t;
	size_t n;

	(void)state;
	hearing_in(c, TODAY, URGENT, 1);
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_NOTE);
	assert_non_null(t);
	assert_int_equal(t->days_left, URGENT);
	assert_string_equal(t->text, "Write the note for the sentencing hearing on Mon 21 Dec "
				     "2026, in 14 days");
	hearing_in(c, TODAY, URGENT + 1, 1);
	assert_int_equal(duties(c, &f, TODAY, d), 0);
	/* the hearing today is still urgent; yesterday's has passed */
	hearing_in(c, TODAY, 0, 1);
	n = duties(c, &f, TODAY, d);
	assert_non_null(find(d, n, DORN_DUTY_NOTE));
	hearing_in(c, TODAY, -1, 1);
	n = duties(c, &f, TODAY, d);
	assert_null(find(d, n, DORN_DUTY_NOTE));
	dorn_case_free(c);
}

static void test_note__what_the_officer_does(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = no_note();
	struct dorn_duty d[DORN_DUTIES_MAX];
	const struct dorn_duty *t;
	size_t n;

	(void)state;
	hearing_in(c, TODAY, 3, 0);
	c->victim.consent = DORN_CONSENT_NOT_ASKED;
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_NOTE);
	assert_non_null(t);
	assert_string_equal(t->text, "Ask the victim's consent and write the note for the "
				     "next hearing on Thu 10 Dec 2026, in 3 days");
	/* no consent: there is no note to write */
	c->victim.consent = DORN_CONSENT_NO;
	assert_int_equal(duties(c, &f, TODAY, d), 0);
	c->victim.consent = DORN_CONSENT_YES;
	f = note(DORN_NOTE_DRAFT, 1, 0);
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_NOTE);
	assert_non_null(t);
	assert_int_equal(t->version, 2);
	assert_true(starts(t, "Finish the note for the next hearing"));
	/* approved for the case as it was: submit again */
	f = note(DORN_NOTE_APPROVED, 0, 0);
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_NOTE);
	assert_non_null(t);
	assert_true(starts(t, "Submit the changed note"));
	assert_null(find(d, n, DORN_DUTY_EXPORT));
	/* ... but not while the hearing is far off */
	hearing_in(c, TODAY, URGENT + 1, 0);
	assert_int_equal(duties(c, &f, TODAY, d), 0);
	dorn_case_free(c);
}

/* Returned, submitted and approved notes stand whatever the urgency,
 * until every date has passed. */
static void test_note__returned_review_export(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f;
	struct dorn_duty d[DORN_DUTIES_MAX];
	const struct dorn_duty *t;
	size_t n;

	(void)state;
	hearing_in(c, TODAY, 60, 1);
	f = note(DORN_NOTE_RETURNED, 1, 0);
	n = duties(c, &f, TODAY, d);
	assert_int_equal(n, 1);
	t = find(d, n, DORN_DUTY_RETURNED);
	assert_non_null(t);
	assert_int_equal(t->role, DORN_ROLE_OFFICER);
	assert_string_equal(t->text, "Answer the returned note, version 2 (the sentencing "
				     "hearing on Fri 5 Feb 2027, in 60 days)");
	f = note(DORN_NOTE_SUBMITTED, 1, 0);
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_REVIEW);
	assert_non_null(t);
	assert_int_equal(t->role, DORN_ROLE_SUPERVISOR);
	f = note(DORN_NOTE_APPROVED, 1, 0);
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_EXPORT);
	assert_non_null(t);
	assert_string_equal(t->text, "Export approved note version 2 (the sentencing hearing "
				     "on Fri 5 Feb 2027, in 60 days)");
	/* exported: nothing left to do */
	f = note(DORN_NOTE_APPROVED, 1, 1);
	assert_int_equal(duties(c, &f, TODAY, d), 0);
	/* no date yet: the duty stands, without a date */
	c->sentencing_date[0] = '\0';
	f = note(DORN_NOTE_RETURNED, 1, 0);
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_RETURNED);
	assert_non_null(t);
	assert_int_equal(t->day, -1);
	assert_int_equal(t->days_left, 0);
	assert_non_null(strstr(t->text, "no hearing date yet"));
	/* every date passed: the note cannot help any more */
	hearing_in(c, TODAY, -1, 0);
	n = duties(c, &f, TODAY, d);
	assert_null(find(d, n, DORN_DUTY_RETURNED));
	dorn_case_free(c);
}

/* ---- the outcome of the sentencing hearing ---- */

static void test_outcome__the_day_after_the_hearing(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = note(DORN_NOTE_APPROVED, 1, 1);
	struct dorn_duty d[DORN_DUTIES_MAX];
	const struct dorn_duty *t;
	size_t n;

	(void)state;
	hearing_in(c, TODAY, 0, 1);
	n = duties(c, &f, TODAY, d);
	assert_null(find(d, n, DORN_DUTY_OUTCOME));
	n = duties(c, &f, TODAY + 1, d);
	t = find(d, n, DORN_DUTY_OUTCOME);
	assert_non_null(t);
	assert_int_equal(t->day, TODAY);
	assert_int_equal(t->days_left, -1);
	assert_string_equal(t->text, "Record the outcome of the sentencing hearing on Mon 7 "
				     "Dec 2026, yesterday");
	/* recorded: gone */
	snprintf(c->outcome.date, sizeof c->outcome.date, "2026-12-07");
	assert_int_equal(duties(c, &f, TODAY + 1, d), 0);
	dorn_case_free(c);
}

static void test_outcome__a_next_hearing_for_sentence(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = no_note();
	struct dorn_duty d[DORN_DUTIES_MAX];
	const struct dorn_duty *t;
	size_t n;

	(void)state;
	/* a sentencing hearing given only as the next hearing */
	iso(TODAY - 2, c->next_hearing);
	snprintf(c->next_hearing_type, sizeof c->next_hearing_type, "Sentencing hearing");
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_OUTCOME);
	assert_non_null(t);
	assert_int_equal(t->day, TODAY - 2);
	/* a trial that has passed is no sentencing */
	snprintf(c->next_hearing_type, sizeof c->next_hearing_type, "trial, 3 days");
	assert_int_equal(duties(c, &f, TODAY, d), 0);
	/* sentence adjourned to a later sentencing hearing: wait for that one */
	iso(TODAY - 2, c->sentencing_date);
	iso(TODAY + 20, c->next_hearing);
	snprintf(c->next_hearing_type, sizeof c->next_hearing_type, "sentencing (adjourned)");
	n = duties(c, &f, TODAY, d);
	assert_null(find(d, n, DORN_DUTY_OUTCOME));
	/* a later hearing of another kind does not stop the question */
	snprintf(c->next_hearing_type, sizeof c->next_hearing_type,
		 "Mention, listed by the court after sentence");
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_OUTCOME);
	assert_non_null(t);
	assert_int_equal(t->day, TODAY - 2);
	dorn_case_free(c);
}

/* Once the outcome is recorded, the note kinds leave: the hearing is over. */
static void test_outcome__recorded_ends_the_note_duties(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = note(DORN_NOTE_RETURNED, 1, 0);
	struct dorn_duty d[DORN_DUTIES_MAX];
	size_t n;

	(void)state;
	hearing_in(c, TODAY, 5, 0);
	n = duties(c, &f, TODAY, d);
	assert_non_null(find(d, n, DORN_DUTY_RETURNED));
	snprintf(c->outcome.date, sizeof c->outcome.date, "2026-12-01");
	assert_int_equal(duties(c, &f, TODAY, d), 0);
	dorn_case_free(c);
}

/* ---- retention ---- */

static void test_retention__from_its_day(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = no_note();
	struct dorn_duty d[DORN_DUTIES_MAX];
	const struct dorn_duty *t;
	size_t n;

	(void)state;
	assert_int_equal(duties(c, &f, TODAY, d), 0);
	f.review_day = TODAY + 1;
	assert_int_equal(duties(c, &f, TODAY, d), 0);
	f.review_day = TODAY;
	n = duties(c, &f, TODAY, d);
	t = find(d, n, DORN_DUTY_RETENTION);
	assert_non_null(t);
	assert_int_equal(t->role, DORN_ROLE_SUPERVISOR);
	assert_string_equal(t->text, "Review whether to keep the case: due Mon 7 Dec 2026, "
				     "today");
	f.review_day = TODAY - 30;
	n = duties(c, &f, TODAY, d);
	assert_non_null(find(d, n, DORN_DUTY_RETENTION));
	dorn_case_free(c);
}

/* ---- the order ---- */

static void test_order__kind_then_day_then_urn(void **state)
{
	struct dorn_duty d[] = {
		{ .kind = DORN_DUTY_RETENTION, .day = 10, .urn = "01AA0000126" },
		{ .kind = DORN_DUTY_NOTE, .day = -1, .urn = "01AA0000126" },
		{ .kind = DORN_DUTY_NOTE, .day = 30, .urn = "02AA0000126" },
		{ .kind = DORN_DUTY_NOTE, .day = 30, .urn = "01AA0000126" },
		{ .kind = DORN_DUTY_NOTE, .day = 20, .urn = "09AA0000126" },
		{ .kind = DORN_DUTY_TELL, .day = 40, .urn = "01AA0000126" },
		{ .kind = DORN_DUTY_TELL_OVERDUE, .day = 50, .urn = "01AA0000126" },
		{ .kind = DORN_DUTY_OUTCOME, .day = 1, .urn = "01AA0000126" },
		{ .kind = DORN_DUTY_RETURNED, .day = 90, .urn = "01AA0000126" },
	};
	static const struct {
		int kind;
		long day;
		const char *urn;
	} want[] = {
		{ DORN_DUTY_TELL_OVERDUE, 50, "01AA0000126" }, { DORN_DUTY_TELL, 40, "01AA0000126" },
		{ DORN_DUTY_NOTE, 20, "09AA0000126" },         { DORN_DUTY_NOTE, 30, "01AA0000126" },
		{ DORN_DUTY_NOTE, 30, "02AA0000126" },         { DORN_DUTY_NOTE, -1, "01AA0000126" },
		{ DORN_DUTY_RETURNED, 90, "01AA0000126" },     { DORN_DUTY_OUTCOME, 1, "01AA0000126" },
		{ DORN_DUTY_RETENTION, 10, "01AA0000126" },
	};
	size_t n = sizeof d / sizeof d[0];

	(void)state;
	dorn_duties_sort(d, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(d[i].kind, want[i].kind);
		assert_int_equal(d[i].day, want[i].day);
		assert_string_equal(d[i].urn, want[i].urn);
	}
	assert_int_equal(dorn_duty_cmp(&d[0], &d[0]), 0);
}

/* One case with many duties at once: overdue first, retention last. */
static void test_order__one_case(void **state)
{
	struct dorn_case *c = a_case("01AB1234526");
	struct dorn_duty_facts f = note(DORN_NOTE_SUBMITTED, 1, 0);
	struct dorn_duty d[DORN_DUTIES_MAX];
	size_t n;

	(void)state;
	/* sentenced 10 days ago (received, not told), a mention in 5 days */
	iso(TODAY - 10, c->sentencing_date);
	iso(TODAY - 9, c->outcome.received);
	iso(TODAY + 5, c->next_hearing);
	snprintf(c->next_hearing_type, sizeof c->next_hearing_type, "mention");
	f.review_day = TODAY;
	n = duties(c, &f, TODAY, d);
	assert_int_equal(n, 4);
	assert_int_equal(d[0].kind, DORN_DUTY_TELL_OVERDUE);
	assert_int_equal(d[1].kind, DORN_DUTY_REVIEW);
	assert_int_equal(d[2].kind, DORN_DUTY_OUTCOME);
	assert_int_equal(d[3].kind, DORN_DUTY_RETENTION);
	dorn_case_free(c);
}

static void test_agenda__fini_empties(void **state)
{
	struct dorn_agenda a = { 0 };

	(void)state;
	a.v = calloc(3, sizeof *a.v);
	a.n = a.cap = 3;
	dorn_agenda_fini(&a);
	assert_null(a.v);
	assert_int_equal(a.n, 0);
	dorn_agenda_fini(&a);
	dorn_agenda_fini(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds__words_labels_and_roles),
		cmocka_unit_test(test_tell__due_today_is_not_overdue),
		cmocka_unit_test(test_tell__due_yesterday_is_overdue),
		cmocka_unit_test(test_tell__counts_working_days),
		cmocka_unit_test(test_tell__leaves_when_told_or_not_told),
		cmocka_unit_test(test_note__the_last_urgent_day_and_the_day_after),
		cmocka_unit_test(test_note__what_the_officer_does),
		cmocka_unit_test(test_note__returned_review_export),
		cmocka_unit_test(test_outcome__the_day_after_the_hearing),
		cmocka_unit_test(test_outcome__a_next_hearing_for_sentence),
		cmocka_unit_test(test_outcome__recorded_ends_the_note_duties),
		cmocka_unit_test(test_retention__from_its_day),
		cmocka_unit_test(test_order__kind_then_day_then_urn),
		cmocka_unit_test(test_order__one_case),
		cmocka_unit_test(test_agenda__fini_empties),
	};

	return cmocka_run_group_tests_name("agenda", tests, setup_holidays, teardown_holidays);
}
