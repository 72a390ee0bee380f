/* Unit tests for retention review (core/retention.c): which rule gives a
 * case's review date, the day it falls due and the day before, the
 * latest of the rules that apply, a supervisor's extension, and what a
 * reason kept after an erasure must not name. */
#include "testutil.h"

#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/retention.h"
#include "dorn/urn.h"

static const struct dorn_retention_rules rules = { .told_days = 90, .contact_days = 365,
						   .no_note_days = 180 };

static long day(const char *iso)
{
	struct dorn_date d;

	assert_int_equal(dorn_date_parse(iso, &d, NULL), 0);
	return dorn_date_to_days(&d);
}

/* A stored case: recorded on created, last changed on updated. */
static struct dorn_case *stored(const char *created, const char *updated)
{
	struct dorn_case *c = dorn_case_new();

	assert_non_null(c);
	snprintf(c->urn, sizeof c->urn, "01AB1234526");
	snprintf(c->created, sizeof c->created, "%sT09:15:00Z", created);
	snprintf(c->updated, sizeof c->updated, "%sT17:40:00Z", updated);
	return c;
}

static void review(const struct dorn_case *c, int has_note, struct dorn_review *rv)
{
	assert_int_equal(dorn_retention_review(c, has_note, &rules, rv), 0);
}

static void test_review__told_counts_from_the_day_told(void **state)
{
	struct dorn_case *c = stored("2026-06-01", "2026-12-10");
	struct dorn_review rv;

	(void)state;
	snprintf(c->outcome.told_date, sizeof c->outcome.told_date, "2026-12-10");
	review(c, 1, &rv);
	assert_string_equal(rv.date, "2027-03-10");
	assert_int_equal(rv.rule, DORN_RETAIN_TOLD);
	assert_string_equal(rv.from, "2026-12-10");
	assert_int_equal(rv.days, 90);
	assert_string_equal(rv.why, "90 days after the victim was told on 2026-12-10");
	/* the boundary: due on the day, not the day before */
	assert_false(dorn_retention_due(&rv, day("2027-03-09")));
	assert_true(dorn_retention_due(&rv, day("2027-03-10")));
	assert_true(dorn_retention_due(&rv, day("2027-03-11")));
	/* telling the victim is itself a change: the told rule still wins
	 * over a year after the last change */
	assert_int_equal(dorn_retention_due(&rv, day("2027-03-10")), 1);
	dorn_case_free(c);
}

static void test_review__not_told_counts_from_received(void **state)
{
	struct dorn_case *c = stored("2026-06-01", "2026-12-12");
	struct dorn_review rv;

	(void)state;
	snprintf(c->outcome.date, sizeof c->outcome.date, "2026-12-01");
	snprintf(c->outcome.received, sizeof c->outcome.received, "2026-12-03");
	snprintf(c->outcome.not_told, sizeof c->outcome.not_told, "moved away, no contact");
	review(c, 1, &rv);
	assert_int_equal(rv.rule, DORN_RETAIN_NOT_TOLD);
	assert_string_equal(rv.date, "2027-03-03");
	assert_string_equal(rv.why, "90 days after the outcome was received on 2026-12-03 "
				    "(the victim was not told)");
	/* no received date: the hearing's */
	c->outcome.received[0] = '\0';
	review(c, 1, &rv);
	assert_string_equal(rv.date, "2027-03-01");
	assert_string_equal(rv.from, "2026-12-01");
	/* an outcome received but neither told nor not told: still going */
	c->outcome.not_told[0] = '\0';
	snprintf(c->outcome.received, sizeof c->outcome.received, "2026-12-03");
	review(c, 1, &rv);
	assert_int_equal(rv.rule, DORN_RETAIN_CONTACT);
	assert_string_equal(rv.date, "2027-12-12");
	dorn_case_free(c);
}

static void test_review__contact_counts_from_the_last_change(void **state)
{
	struct dorn_case *c = stored("2025-01-10", "2025-12-31");
	struct dorn_review rv;

	(void)state;
	review(c, 1, &rv);
	assert_int_equal(rv.rule, DORN_RETAIN_CONTACT);
	/* 365 days after 31 December 2025 */
	assert_string_equal(rv.date, "2026-12-31");
	assert_string_equal(rv.why, "365 days after the case last changed on 2025-12-31");
	assert_false(dorn_retention_due(&rv, day("2026-12-30")));
	assert_true(dorn_retention_due(&rv, day("2026-12-31")));
	/* across 29 February */
	snprintf(c->updated, sizeof c->updated, "2027-03-01T00:00:00Z");
	review(c, 1, &rv);
	assert_string_equal(rv.date, "2028-02-29");
	dorn_case_free(c);
}

static void test_review__no_note_counts_from_recording(void **state)
{
	struct dorn_case *c = stored("2026-01-15", "2026-11-30");
	struct dorn_review rv;

	(void)state;
	/* touched since, but never a note: 180 days from when it was recorded */
	review(c, 0, &rv);
	assert_int_equal(rv.rule, DORN_RETAIN_NO_NOTE);
	assert_string_equal(rv.date, "2026-07-14");
	assert_string_equal(rv.why, "180 days after the case was recorded on 2026-01-15, with "
				    "no note");
	assert_false(dorn_retention_due(&rv, day("2026-07-13")));
	assert_true(dorn_retention_due(&rv, day("2026-07-14")));
	dorn_case_free(c);
}

static void test_review__latest_of_the_rules_that_apply(void **state)
{
	struct dorn_case *c = stored("2026-01-15", "2026-12-02");
	struct dorn_review rv;

	(void)state;
	/* told and no note: told + 90 is later than recorded + 180 */
	snprintf(c->outcome.told_date, sizeof c->outcome.told_date, "2026-12-01");
	review(c, 0, &rv);
	assert_int_equal(rv.rule, DORN_RETAIN_TOLD);
	assert_string_equal(rv.date, "2027-03-01");
	/* and the other way round */
	snprintf(c->created, sizeof c->created, "2026-11-30T08:00:00Z");
	review(c, 0, &rv);
	assert_int_equal(rv.rule, DORN_RETAIN_NO_NOTE);
	assert_string_equal(rv.date, "2027-05-29");
	/* a force's own days */
	{
		struct dorn_retention_rules mine = { 1, 1, 1 };

		assert_int_equal(dorn_retention_review(c, 0, &mine, &rv), 0);
		assert_string_equal(rv.date, "2026-12-02");
		assert_string_equal(rv.why, "1 day after the victim was told on 2026-12-01");
	}
	dorn_case_free(c);
}

static void test_review__kept_never_earlier(void **state)
{
	struct dorn_case *c = stored("2026-06-01", "2026-12-10");
	struct dorn_review rv;

	(void)state;
	snprintf(c->outcome.told_date, sizeof c->outcome.told_date, "2026-12-10");
	/* a later date: kept */
	snprintf(c->retain_until, sizeof c->retain_until, "2027-06-30");
	review(c, 1, &rv);
	assert_int_equal(rv.rule, DORN_RETAIN_KEPT);
	assert_string_equal(rv.date, "2027-06-30");
	assert_string_equal(rv.ruled, "2027-03-10");
	assert_int_equal(rv.ruled_rule, DORN_RETAIN_TOLD);
	assert_string_equal(rv.why, "kept by a supervisor until 2027-06-30 (by the rules, 90 days "
				    "after the victim was told on 2026-12-10)");
	assert_false(dorn_retention_due(&rv, day("2027-06-29")));
	assert_true(dorn_retention_due(&rv, day("2027-06-30")));
	/* an earlier date never brings the review forward */
	snprintf(c->retain_until, sizeof c->retain_until, "2027-01-01");
	review(c, 1, &rv);
	assert_int_equal(rv.rule, DORN_RETAIN_TOLD);
	assert_string_equal(rv.date, "2027-03-10");
	/* the same day as the rules': the rules' reason */
	snprintf(c->retain_until, sizeof c->retain_until, "2027-03-10");
	review(c, 1, &rv);
	assert_int_equal(rv.rule, DORN_RETAIN_TOLD);
	dorn_case_free(c);
}

static void test_review__no_dates_is_an_error(void **state)
{
	struct dorn_case *c = dorn_case_new();
	struct dorn_review rv;

	(void)state;
	assert_int_equal(dorn_retention_review(c, 1, &rules, &rv), DORN_EDATA);
	assert_int_equal(dorn_retention_review(c, 0, &rules, &rv), DORN_EDATA);
	assert_false(dorn_retention_due(&rv, day("2030-01-01")));
	dorn_case_free(c);
}

static void test_names_case__urn_references_and_names(void **state)
{
	struct dorn_case *c = stored("2026-01-01", "2026-01-01");
	char what[128];

	(void)state;
	snprintf(c->victim.reference, sizeof c->victim.reference, "WC-2026-0142");
	snprintf(c->victim.name, sizeof c->victim.name, "Zoë Łapińska");
	snprintf(c->defendant, sizeof c->defendant, "Marcus Threlfall");
	assert_int_equal(dorn_retention_names_case(c, "review done, nothing outstanding", what,
						   sizeof what), 0);
	assert_string_equal(what, "");
	assert_int_equal(dorn_retention_names_case(c, "case 01/AB/12345/26 closed", what,
						   sizeof what), 1);
	assert_string_equal(what, "the URN");
	assert_int_equal(dorn_retention_names_case(c, "01 ab 12345 26", what, sizeof what), 1);
	assert_int_equal(dorn_retention_names_case(c, "file 12345 done", what, sizeof what), 1);
	assert_string_equal(what, "the URN's number 12345");
	/* a number inside another is not it */
	assert_int_equal(dorn_retention_names_case(c, "ticket 9912345 done", what, sizeof what), 0);
	assert_int_equal(dorn_retention_names_case(c, "asked by wc-2026-0142", what, sizeof what),
			 1);
	assert_string_equal(what, "the victim's reference");
	assert_int_equal(dorn_retention_names_case(c, "LAPINSKA asked for it", what, sizeof what),
			 1);
	assert_string_equal(what, "the victim's name ('lapinska')");
	assert_int_equal(dorn_retention_names_case(c, "zoë moved away", what, sizeof what), 1);
	assert_int_equal(dorn_retention_names_case(c, "Threlfall appeal over", what, sizeof what),
			 1);
	assert_string_equal(what, "the defendant's name ('threlfall')");
	/* a name inside a longer word is not the name */
	assert_int_equal(dorn_retention_names_case(c, "remarcusable", what, sizeof what), 0);
	dorn_case_free(c);
}

static void test_rule_names__one_word_each(void **state)
{
	(void)state;
	assert_int_equal(dorn_retention_rule_names.n, DORN_RETAIN__COUNT);
	assert_string_equal(dorn_name(&dorn_retention_rule_names, DORN_RETAIN_TOLD), "told");
	assert_string_equal(dorn_name(&dorn_retention_rule_names, DORN_RETAIN_KEPT), "kept");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_review__told_counts_from_the_day_told),
		cmocka_unit_test(test_review__not_told_counts_from_received),
		cmocka_unit_test(test_review__contact_counts_from_the_last_change),
		cmocka_unit_test(test_review__no_note_counts_from_recording),
		cmocka_unit_test(test_review__latest_of_the_rules_that_apply),
		cmocka_unit_test(test_review__kept_never_earlier),
		cmocka_unit_test(test_review__no_dates_is_an_error),
		cmocka_unit_test(test_names_case__urn_references_and_names),
		cmocka_unit_test(test_rule_names__one_word_each),
	};

	return cmocka_run_group_tests_name("retention", tests, NULL, NULL);
}
