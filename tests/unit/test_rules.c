/* Unit tests for the legal rules (core/rules.c): routes, s.153(2) limbs,
 * problems and their order, urgency. Cases are built in code; the offences
 * table mirrors codes in data/offences.ini. */
#include "testutil.h"

#include "dorn/model.h"
#include "dorn/rules.h"
#include "dorn/urn.h"

/* ---- fixtures and helpers ---- */

/* A fixed "today": nothing depends on the clock. */
#define TODAY_ISO "2026-03-02"

static struct dorn_offence offence_rows[] = {
	{ "soa66b2", "Sexual Offences Act 2003, s.66B(2)", "sharing with intent",
	  DORN_OFFENCE_INTIMATE, 1, 0 },
	{ "soa66b4", "Sexual Offences Act 2003, s.66B(4)", "threatening to share",
	  DORN_OFFENCE_INTIMATE, 1, 0 },
	{ "soa67", "Sexual Offences Act 2003, s.67", "voyeurism", DORN_OFFENCE_INTIMATE, 1, 0 },
	{ "cja160", "Criminal Justice Act 1988, s.160", "possession of IIOC",
	  DORN_OFFENCE_CHILD, 1, 1 },
	{ "pca1", "Protection of Children Act 1978, s.1", "taking or making IIOC",
	  DORN_OFFENCE_CHILD, 1, 0 },
	{ "sca76", "Serious Crime Act 2015, s.76", "controlling or coercive behaviour",
	  DORN_OFFENCE_RELATED, 0, 0 },
};

static const struct dorn_offences offences = {
	offence_rows, sizeof offence_rows / sizeof offence_rows[0]
};

static long today(void)
{
	struct dorn_date d;

	assert_int_equal(dorn_date_parse(TODAY_ISO, &d, NULL), 0);
	return dorn_date_to_days(&d);
}

/* The ISO date `days` from today into out. */
static void date_in(char out[11], long days)
{
	struct dorn_date d;

	dorn_date_from_days(today() + days, &d);
	dorn_date_iso(&d, out);
}

static void set_offence(struct dorn_case *c, const char *code)
{
	assert_true(c->noffences < DORN_OFFENCES_MAX);
	snprintf(c->offences[c->noffences++], sizeof c->offences[0], "%s", code);
}

/* A phone with every fact the note needs: seized with an exhibit
 * reference, used to send, examined, owned by the defendant. */
static struct dorn_item *add_item(struct dorn_case *c, int kind)
{
	struct dorn_item *it;

	assert_true(c->nitems < DORN_ITEMS_MAX);
	it = &c->items[c->nitems++];
	it->position = (int)c->nitems;
	it->kind = kind;
	snprintf(it->description, sizeof it->description, "black phone");
	it->owner = DORN_OWNER_DEFENDANT;
	it->seized = DORN_TRI_YES;
	snprintf(it->exhibit_ref, sizeof it->exhibit_ref, "JS/%d", it->position);
	it->how_used = DORN_USE_SENT;
	it->examined = DORN_TRI_YES;
	it->value_estimate = 300;
	it->lawful_data = DORN_TRI_NO;
	it->held_by = DORN_HELD_POLICE;
	/* every fact a prosecutor would otherwise phone about */
	it->seized_from = DORN_FROM_DEFENDANT;
	snprintf(it->seized_where, sizeof it->seized_where, "12 Hill Road, Eastbridge");
	snprintf(it->seized_date, sizeof it->seized_date, "2026-01-10");
	snprintf(it->seized_power, sizeof it->seized_power, "PACE 1984, s.19");
	it->held_at_arrest = DORN_TRI_YES;
	snprintf(it->forensic_report, sizeof it->forensic_report, "DF/26/%d", it->position);
	snprintf(it->images_exhibit, sizeof it->images_exhibit, "JS/%d/A", it->position);
	it->value_basis = DORN_BASIS_ESTIMATE;
	if (kind == DORN_KIND_CLOUD) {
		snprintf(it->platform, sizeof it->platform, "Snapchat");
		snprintf(it->account_id, sizeof it->account_id, "fictional_user_1");
		it->request = DORN_REQUEST_REMOVAL;
		snprintf(it->request_date, sizeof it->request_date, "2026-02-01");
	}
	return it;
}

/* A complete adult intimate-image case: no problem at all. */
static struct dorn_case *complete_case(void)
{
	struct dorn_case *c = dorn_case_new();

	assert_non_null(c);
	snprintf(c->urn, sizeof c->urn, "01AB1234525");
	set_offence(c, "soa66b2");
	c->victim.under_18 = DORN_TRI_NO;
	c->victim.consent = DORN_CONSENT_YES;
	snprintf(c->concern.victim_words, sizeof c->concern.victim_words,
		 "I am scared he will get the phone back and post them.");
	date_in(c->sentencing_date, 20);
	c->stage = DORN_STAGE_CONVICTION;
	c->charged_by = DORN_CHARGED_ARREST;
	snprintf(c->arrest_date, sizeof c->arrest_date, "2026-01-10");
	snprintf(c->defence_position, sizeof c->defence_position, "not known");
	c->victim.vps = DORN_TRI_YES;
	snprintf(c->victim.ro_views, sizeof c->victim.ro_views, "No contact at all.");
	add_item(c, DORN_KIND_PHONE);
	return c;
}

static void assess(const struct dorn_case *c, struct dorn_assessment *a)
{
	dorn_assess(c, &offences, today(), 14, a);
}

/* How many times code appears for item (0: the case). */
static int count_problem(const struct dorn_assessment *a, int code, int item)
{
	int n = 0;

	for (size_t i = 0; i < a->nproblems; i++)
		if (a->problems[i].code == code && a->problems[i].item == item)
			n++;
	return n;
}

static void assert_problem(const struct dorn_assessment *a, int code, int item)
{
	if (count_problem(a, code, item) != 1)
		fail_msg("expected one '%s' for item %d, found %d", dorn_problem_name(code),
			 item, count_problem(a, code, item));
}

static void assert_no_problem(const struct dorn_assessment *a, int code, int item)
{
	if (count_problem(a, code, item) != 0)
		fail_msg("unexpected '%s' for item %d", dorn_problem_name(code), item);
}

/* Exactly these problems, in this order. */
struct want {
	int code, item, step;
};

static void assert_problems(const struct dorn_assessment *a, const struct want *w, size_t n)
{
	for (size_t i = 0; i < a->nproblems && i < n; i++) {
		if (a->problems[i].code != w[i].code || a->problems[i].item != w[i].item ||
		    a->problems[i].step != w[i].step)
			fail_msg("problem %zu: got %s item %d step %d, want %s item %d step %d",
				 i, dorn_problem_name(a->problems[i].code), a->problems[i].item,
				 a->problems[i].step, dorn_problem_name(w[i].code), w[i].item,
				 w[i].step);
	}
	assert_int_equal(a->nproblems, n);
}

/* Assess a one-item case after fix() changes its item. */
static void assess_one(struct dorn_case *c, struct dorn_assessment *a)
{
	assert_int_equal(c->nitems, 1);
	assess(c, a);
	assert_int_equal(a->nitems, 1);
	assert_int_equal(a->items[0].position, 1);
}

/* ---- names ---- */

static void test_problem_name__every_code_has_a_distinct_word(void **state)
{
	static const char *const want[DORN_PROBLEM__COUNT] = {
		"missing-offence", "missing-items", "missing-exhibit",
		"missing-hearing-date", "missing-victim-words", "missing-limb",
		"missing-use", "missing-age", "date-passed", "unexamined", "not-held",
		"third-party", "cloud-account", "unknown-offence", "sentencing-passed",
		"missing-age-proof", "missing-seized-from-name", "missing-forensic",
		"missing-seized-where", "missing-seized-date", "missing-seized-power",
		"missing-now-where", "missing-value", "missing-value-basis",
		"missing-third-party", "missing-third-party-told", "missing-third-party-knew",
		"missing-lawful-data", "missing-account", "missing-request", "missing-arrest",
		"missing-vps", "missing-ro-views", "missing-defence", "missing-contact",
	};

	(void)state;
	for (int i = 0; i < DORN_PROBLEM__COUNT; i++)
		assert_string_equal(dorn_problem_name(i), want[i]);
	assert_string_equal(dorn_problem_name(DORN_WARN_CLOUD), "cloud-account");
}

static void test_problem_name__out_of_range(void **state)
{
	(void)state;
	assert_string_equal(dorn_problem_name(-1), "?");
	assert_string_equal(dorn_problem_name(DORN_PROBLEM__COUNT), "?");
}

static void test_problem_is_missing__missing_and_warnings(void **state)
{
	(void)state;
	for (int i = DORN_MISSING_OFFENCE; i <= DORN_MISSING_AGE; i++)
		assert_int_equal(dorn_problem_is_missing(i), 1);
	for (int i = DORN_WARN_DATE_PASSED; i <= DORN_WARN_SENTENCING_PASSED; i++)
		assert_int_equal(dorn_problem_is_missing(i), 0);
	for (int i = DORN_MISSING_AGE_PROOF; i < DORN_PROBLEM__COUNT; i++)
		assert_int_equal(dorn_problem_is_missing(i), 1);
	assert_int_equal(dorn_problem_is_missing(-1), 0);
	assert_int_equal(dorn_problem_is_missing(DORN_PROBLEM__COUNT), 0);
}

/* ---- offences ---- */

static void test_offence_find__known_code(void **state)
{
	const struct dorn_offence *o;

	(void)state;
	o = dorn_offence_find(&offences, "cja160");
	assert_non_null(o);
	assert_ptr_equal(o, &offence_rows[3]);
	assert_int_equal(o->possession, 1);
	assert_ptr_equal(dorn_offence_find(&offences, "sca76"), &offence_rows[5]);
}

static void test_offence_find__unknown_empty_or_null(void **state)
{
	struct dorn_offences empty = { NULL, 0 };

	(void)state;
	assert_null(dorn_offence_find(&offences, "soa66b9"));
	assert_null(dorn_offence_find(&offences, "SOA66B2"));
	assert_null(dorn_offence_find(&offences, "soa66b"));
	assert_null(dorn_offence_find(&offences, ""));
	assert_null(dorn_offence_find(&offences, NULL));
	assert_null(dorn_offence_find(NULL, "soa67"));
	assert_null(dorn_offence_find(&empty, "soa67"));
}

/* ---- the complete case ---- */

static void test_assess__complete_case_has_no_problems(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	assess(c, &a);
	assert_problems(&a, NULL, 0);
	assert_int_equal(a.routes, DORN_ROUTE_DEPRIVATION);
	assert_int_equal(a.child, 0);
	assert_int_equal(a.consent, 1);
	assert_int_equal(a.sexual, 1);
	assert_int_equal(a.restraining, 1);
	assert_int_equal(a.nitems, 1);
	assert_int_equal(a.nproperty, 1);
	assert_int_equal(a.items[0].limb, DORN_LIMB_SEIZED);
	assert_int_equal(a.items[0].property, 1);
	assert_int_equal(a.items[0].used, DORN_USE_SENT);
	assert_int_equal(a.items[0].possession, 0);
	assert_int_equal(a.items[0].retrieval, 0);
	assert_int_equal(a.items[0].third_party, 0);
	assert_int_equal(a.items[0].unexamined, 0);
	assert_int_equal(a.items[0].value_known, 1);
	dorn_case_free(c);
}

/* ---- routes ---- */

static void test_routes__intimate_offence_asks_deprivation_only(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	set_offence(c, "soa66b4");
	assess(c, &a);
	assert_int_equal(a.routes, DORN_ROUTE_DEPRIVATION);
	assert_int_equal(a.child, 0);
	dorn_case_free(c);
}

static void test_routes__child_by_age(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->victim.under_18 = DORN_TRI_YES;
	assess(c, &a);
	assert_int_equal(a.child, 1);
	/* s.153 stays alongside forfeiture and destruction */
	assert_int_equal(a.routes, DORN_ROUTE_DEPRIVATION | DORN_ROUTE_FORFEITURE);
	/* proof of age at the time is a fact or a gap */
	assert_problems(&a, (const struct want[]){ { DORN_MISSING_AGE_PROOF, 0, DORN_STEP_AGE } },
			1);
	snprintf(c->victim.age_proof, sizeof c->victim.age_proof, "passport");
	assess(c, &a);
	assert_problems(&a, NULL, 0);
	dorn_case_free(c);
}

static void test_routes__child_by_offence(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->noffences = 0;
	set_offence(c, "pca1");
	assert_int_equal(c->victim.under_18, DORN_TRI_NO);
	assess(c, &a);
	assert_int_equal(a.child, 1);
	assert_int_equal(a.routes, DORN_ROUTE_DEPRIVATION | DORN_ROUTE_FORFEITURE);
	dorn_case_free(c);
}

static void test_routes__child_by_age_and_offence(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	set_offence(c, "cja160");
	c->victim.under_18 = DORN_TRI_YES;
	assess(c, &a);
	assert_int_equal(a.child, 1);
	assert_int_equal(a.routes, DORN_ROUTE_DEPRIVATION | DORN_ROUTE_FORFEITURE);
	dorn_case_free(c);
}

static void test_routes__age_unknown_is_not_child(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->victim.under_18 = DORN_TRI_UNKNOWN;
	assess(c, &a);
	assert_int_equal(a.child, 0);
	assert_int_equal(a.routes, DORN_ROUTE_DEPRIVATION);
	assert_problems(&a, (const struct want[]){ { DORN_MISSING_AGE, 0, DORN_STEP_AGE } },
			1);
	dorn_case_free(c);
}

static void test_routes__related_offence_only(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->noffences = 0;
	set_offence(c, "sca76");
	assess(c, &a);
	assert_int_equal(a.routes, DORN_ROUTE_DEPRIVATION);
	assert_int_equal(a.child, 0);
	assert_int_equal(a.sexual, 0);
	assert_int_equal(a.restraining, 1);
	dorn_case_free(c);
}

static void test_routes__none_without_property(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->victim.under_18 = DORN_TRI_YES;
	c->items[0].kind = DORN_KIND_CLOUD;
	assess(c, &a);
	assert_int_equal(a.routes, 0);
	assert_int_equal(a.child, 1);
	assert_int_equal(a.nproperty, 0);

	c->nitems = 0;
	assess(c, &a);
	assert_int_equal(a.routes, 0);
	assert_int_equal(a.nitems, 0);
	dorn_case_free(c);
}

static void test_sexual__shpo_only_with_a_sexual_offence(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->noffences = 0;
	set_offence(c, "sca76");
	assess(c, &a);
	assert_int_equal(a.sexual, 0);
	set_offence(c, "soa67");
	assess(c, &a);
	assert_int_equal(a.sexual, 1);
	assert_int_equal(a.restraining, 1);
	dorn_case_free(c);
}

/* ---- consent ---- */

static void test_consent__yes_no_not_asked(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->victim.consent = DORN_CONSENT_YES;
	assess(c, &a);
	assert_int_equal(a.consent, 1);
	c->victim.consent = DORN_CONSENT_NO;
	assess(c, &a);
	assert_int_equal(a.consent, 0);
	c->victim.consent = DORN_CONSENT_NOT_ASKED;
	assess(c, &a);
	assert_int_equal(a.consent, 0);
	/* consent decides whether a note is written, not what it asks */
	assert_int_equal(a.routes, DORN_ROUTE_DEPRIVATION);
	dorn_case_free(c);
}

/* ---- s.153(2) limbs ---- */

/* One limb case: seized_from and held_at_arrest, and what comes of it. */
struct limb_row {
	int from, held, limb, missing_limb, not_held;
};

static void test_limb__from_seized_from_and_held_at_arrest(void **state)
{
	static const struct limb_row rows[] = {
		{ DORN_FROM_DEFENDANT, DORN_TRI_YES, DORN_LIMB_SEIZED, 0, 0 },
		{ DORN_FROM_DEFENDANT, DORN_TRI_NO, DORN_LIMB_SEIZED, 0, 0 },
		{ DORN_FROM_DEFENDANT, DORN_TRI_UNKNOWN, DORN_LIMB_SEIZED, 0, 0 },
		{ DORN_FROM_OTHER, DORN_TRI_YES, DORN_LIMB_HELD, 0, 0 },
		{ DORN_FROM_OTHER, DORN_TRI_NO, DORN_LIMB_SEIZED_OTHER, 0, 1 },
		{ DORN_FROM_OTHER, DORN_TRI_UNKNOWN, DORN_LIMB_SEIZED_OTHER, 1, 0 },
		{ DORN_FROM_NOT_SEIZED, DORN_TRI_YES, DORN_LIMB_HELD, 0, 0 },
		{ DORN_FROM_NOT_SEIZED, DORN_TRI_NO, DORN_LIMB_TO_BE_SHOWN, 0, 1 },
		{ DORN_FROM_NOT_SEIZED, DORN_TRI_UNKNOWN, DORN_LIMB_TO_BE_SHOWN, 1, 0 },
		{ DORN_FROM_UNKNOWN, DORN_TRI_YES, DORN_LIMB_HELD, 0, 0 },
		{ DORN_FROM_UNKNOWN, DORN_TRI_NO, DORN_LIMB_TO_BE_SHOWN, 1, 0 },
		{ DORN_FROM_UNKNOWN, DORN_TRI_UNKNOWN, DORN_LIMB_TO_BE_SHOWN, 1, 0 },
	};
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	snprintf(c->items[0].seized_from_name, sizeof c->items[0].seized_from_name,
		 "Mrs Ada Example");
	snprintf(c->items[0].now_where, sizeof c->items[0].now_where, "with the defendant");
	c->items[0].seizure_asked = DORN_TRI_YES;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		c->items[0].seized_from = rows[i].from;
		c->items[0].held_at_arrest = rows[i].held;
		assess_one(c, &a);
		if (a.items[0].limb != rows[i].limb)
			fail_msg("row %zu: limb %s, want %s", i, dorn_limb_name(a.items[0].limb),
				 dorn_limb_name(rows[i].limb));
		assert_int_equal(count_problem(&a, DORN_MISSING_LIMB, 1), rows[i].missing_limb);
		assert_int_equal(count_problem(&a, DORN_WARN_NOT_HELD, 1), rows[i].not_held);
		assert_int_equal(a.nproperty, 1);
	}
	dorn_case_free(c);
}

/* The old answers alone never give a limb: "seized: yes" does not say
 * from whom, "held by the defendant" does not say at arrest. */
static void test_limb__old_answers_alone_are_to_be_shown(void **state)
{
	static const int holders[] = { DORN_HELD_UNKNOWN, DORN_HELD_POLICE,
				       DORN_HELD_DEFENDANT };
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].seized_from = DORN_FROM_UNKNOWN;
	c->items[0].held_at_arrest = DORN_TRI_UNKNOWN;
	for (size_t i = 0; i < sizeof holders / sizeof holders[0]; i++) {
		c->items[0].held_by = holders[i];
		c->items[0].seized = DORN_TRI_YES;
		assess_one(c, &a);
		assert_int_equal(a.items[0].limb, DORN_LIMB_TO_BE_SHOWN);
		assert_problem(&a, DORN_MISSING_LIMB, 1);
	}
	dorn_case_free(c);
}

static void test_limb__json_words(void **state)
{
	(void)state;
	assert_string_equal(dorn_limb_name(DORN_LIMB_SEIZED), "seized-from-defendant");
	assert_string_equal(dorn_limb_name(DORN_LIMB_SEIZED_OTHER), "seized-from-other");
	assert_string_equal(dorn_limb_name(DORN_LIMB_HELD), "in-possession-at-arrest");
	assert_string_equal(dorn_limb_name(DORN_LIMB_TO_BE_SHOWN), "to-be-shown");
	assert_string_equal(dorn_limb_name(DORN_LIMB_NOT_PROPERTY), "not-property");
	assert_string_equal(dorn_limb_name(99), "to-be-shown");
}

/* Seized from another person: named, or a gap. */
static void test_seized_from_other__name_is_a_fact_or_a_gap(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].seized_from = DORN_FROM_OTHER;
	assess_one(c, &a);
	assert_problem(&a, DORN_MISSING_SEIZED_FROM_NAME, 1);
	snprintf(c->items[0].seized_from_name, sizeof c->items[0].seized_from_name, "Mrs A");
	assess_one(c, &a);
	assert_no_problem(&a, DORN_MISSING_SEIZED_FROM_NAME, 1);
	dorn_case_free(c);
}

/* ---- cloud accounts ---- */

static void test_cloud__account_is_not_property(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;
	struct dorn_item *it;

	(void)state;
	it = add_item(c, DORN_KIND_CLOUD);
	/* facts that would raise problems on a device raise none here */
	it->seized = DORN_TRI_UNKNOWN;
	it->exhibit_ref[0] = '\0';
	it->how_used = 0;
	it->examined = DORN_TRI_NO;
	it->owner = DORN_OWNER_THIRD_PARTY;
	it->lawful_data = DORN_TRI_YES;
	assess(c, &a);
	assert_int_equal(a.nitems, 2);
	assert_int_equal(a.nproperty, 1);
	assert_int_equal(a.items[1].position, 2);
	assert_int_equal(a.items[1].property, 0);
	assert_int_equal(a.items[1].limb, DORN_LIMB_NOT_PROPERTY);
	assert_int_equal(a.items[1].possession, 0);
	assert_int_equal(a.items[1].retrieval, 0);
	assert_int_equal(a.items[1].third_party, 0);
	assert_int_equal(a.items[1].unexamined, 0);
	assert_problems(&a, (const struct want[]){ { DORN_WARN_CLOUD, 2, DORN_STEP_ITEMS } },
			1);
	dorn_case_free(c);
}

static void test_cloud__kind_not_given_is_property(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].kind = -1;
	assess_one(c, &a);
	assert_int_equal(a.items[0].property, 1);
	assert_int_equal(a.items[0].limb, DORN_LIMB_SEIZED);
	assert_problems(&a, NULL, 0);
	dorn_case_free(c);
}

/* ---- use and possession ---- */

static void test_use__missing_when_no_use_recorded(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].how_used = 0;
	assess_one(c, &a);
	assert_int_equal(a.items[0].used, 0);
	assert_problems(&a, (const struct want[]){ { DORN_MISSING_USE, 1, DORN_STEP_ITEMS } },
			1);
	dorn_case_free(c);
}

static void test_use__every_use_counts(void **state)
{
	static const unsigned uses[] = { DORN_USE_TOOK, DORN_USE_STORED, DORN_USE_SENT,
					 DORN_USE_THREATENED,
					 DORN_USE_TOOK | DORN_USE_THREATENED };
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	for (size_t i = 0; i < sizeof uses / sizeof uses[0]; i++) {
		c->items[0].how_used = uses[i];
		assess_one(c, &a);
		assert_int_equal(a.items[0].used, uses[i]);
		assert_no_problem(&a, DORN_MISSING_USE, 1);
	}
	dorn_case_free(c);
}

static void test_possession__never_stands_alone_for_s153_5(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->noffences = 0;
	set_offence(c, "cja160");
	c->items[0].how_used = 0;
	assess_one(c, &a);
	assert_int_equal(a.items[0].possession, 1);
	assert_int_equal(a.items[0].used, 0);
	/* s.153(5) over a device is UNSETTLED: the use is still asked for */
	assert_problem(&a, DORN_MISSING_USE, 1);

	/* pca1 (taking or making) is not a possession offence */
	c->noffences = 0;
	set_offence(c, "pca1");
	assess_one(c, &a);
	assert_int_equal(a.items[0].possession, 0);
	assert_problem(&a, DORN_MISSING_USE, 1);
	dorn_case_free(c);
}

/* ---- lawful data, owners, examination, value ---- */

static void test_retrieval__only_when_lawful_data_yes(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].lawful_data = DORN_TRI_YES;
	assess_one(c, &a);
	assert_int_equal(a.items[0].retrieval, 1);
	/* what the lawful data is and who wants it: facts or a gap */
	assert_problems(&a, (const struct want[]){ { DORN_MISSING_LAWFUL_DATA, 1,
						     DORN_STEP_ITEMS } }, 1);
	snprintf(c->items[0].lawful_data_what, sizeof c->items[0].lawful_data_what, "photos");
	assess_one(c, &a);
	assert_problem(&a, DORN_MISSING_LAWFUL_DATA, 1);
	snprintf(c->items[0].lawful_data_for, sizeof c->items[0].lawful_data_for, "his sister");
	assess_one(c, &a);
	assert_problems(&a, NULL, 0);
	c->items[0].lawful_data = DORN_TRI_NO;
	assess_one(c, &a);
	assert_int_equal(a.items[0].retrieval, 0);
	c->items[0].lawful_data = DORN_TRI_UNKNOWN;
	assess_one(c, &a);
	assert_int_equal(a.items[0].retrieval, 0);
	dorn_case_free(c);
}

static void test_third_party__shared_owner(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].owner = DORN_OWNER_SHARED;
	assess_one(c, &a);
	assert_int_equal(a.items[0].third_party, 1);
	/* name, contact, told, knew: each a fact or a gap */
	assert_problems(&a, (const struct want[]){
				{ DORN_MISSING_THIRD_PARTY, 1, DORN_STEP_ITEMS },
				{ DORN_MISSING_THIRD_PARTY_TOLD, 1, DORN_STEP_ITEMS },
				{ DORN_MISSING_THIRD_PARTY_KNEW, 1, DORN_STEP_ITEMS },
				{ DORN_WARN_THIRD_PARTY, 1, DORN_STEP_ITEMS } }, 4);
	snprintf(c->items[0].third_party_name, sizeof c->items[0].third_party_name, "Ms B");
	snprintf(c->items[0].third_party_contact, sizeof c->items[0].third_party_contact, "x");
	c->items[0].third_party_told = DORN_TRI_NO;
	c->items[0].third_party_knew = DORN_TRI_NO;
	assess_one(c, &a);
	assert_problems(&a,
			(const struct want[]){ { DORN_WARN_THIRD_PARTY, 1, DORN_STEP_ITEMS } }, 1);
	dorn_case_free(c);
}

static void test_third_party__third_party_owner(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].owner = DORN_OWNER_THIRD_PARTY;
	assess_one(c, &a);
	assert_int_equal(a.items[0].third_party, 1);
	/* name, contact, told, knew: each a fact or a gap */
	assert_problems(&a, (const struct want[]){
				{ DORN_MISSING_THIRD_PARTY, 1, DORN_STEP_ITEMS },
				{ DORN_MISSING_THIRD_PARTY_TOLD, 1, DORN_STEP_ITEMS },
				{ DORN_MISSING_THIRD_PARTY_KNEW, 1, DORN_STEP_ITEMS },
				{ DORN_WARN_THIRD_PARTY, 1, DORN_STEP_ITEMS } }, 4);
	snprintf(c->items[0].third_party_name, sizeof c->items[0].third_party_name, "Ms B");
	snprintf(c->items[0].third_party_contact, sizeof c->items[0].third_party_contact, "x");
	c->items[0].third_party_told = DORN_TRI_NO;
	c->items[0].third_party_knew = DORN_TRI_NO;
	assess_one(c, &a);
	assert_problems(&a,
			(const struct want[]){ { DORN_WARN_THIRD_PARTY, 1, DORN_STEP_ITEMS } }, 1);
	dorn_case_free(c);
}

static void test_third_party__not_for_defendant_or_unknown_owner(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].owner = DORN_OWNER_DEFENDANT;
	assess_one(c, &a);
	assert_int_equal(a.items[0].third_party, 0);
	assert_problems(&a, NULL, 0);
	c->items[0].owner = DORN_OWNER_UNKNOWN;
	assess_one(c, &a);
	assert_int_equal(a.items[0].third_party, 0);
	assert_problems(&a, NULL, 0);
	dorn_case_free(c);
}

static void test_unexamined__flagged_only_when_examined_no(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].examined = DORN_TRI_NO;
	assess_one(c, &a);
	assert_int_equal(a.items[0].unexamined, 1);
	assert_problems(&a, (const struct want[]){ { DORN_WARN_UNEXAMINED, 1, DORN_STEP_ITEMS } },
			1);
	c->items[0].examined = DORN_TRI_UNKNOWN;
	assess_one(c, &a);
	assert_int_equal(a.items[0].unexamined, 0);
	assert_problems(&a, NULL, 0);
	c->items[0].examined = DORN_TRI_YES;
	assess_one(c, &a);
	assert_int_equal(a.items[0].unexamined, 0);
	dorn_case_free(c);
}

static void test_value__known_from_zero_unknown_below(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].value_estimate = 0;
	assess_one(c, &a);
	assert_int_equal(a.items[0].value_known, 1);
	c->items[0].value_estimate = -1;
	assess_one(c, &a);
	assert_int_equal(a.items[0].value_known, 0);
	dorn_case_free(c);
}

/* ---- exhibits ---- */

static void test_exhibit__missing_when_seized_without_ref(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].exhibit_ref[0] = '\0';
	assess_one(c, &a);
	assert_problems(&a, (const struct want[]){ { DORN_MISSING_EXHIBIT, 1, DORN_STEP_ITEMS } },
			1);
	dorn_case_free(c);
}

static void test_exhibit__not_missing_unless_seized(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].exhibit_ref[0] = '\0';
	c->items[0].seized = DORN_TRI_NO;
	c->items[0].seized_from = DORN_FROM_NOT_SEIZED;
	snprintf(c->items[0].now_where, sizeof c->items[0].now_where, "with the defendant");
	c->items[0].seizure_asked = DORN_TRI_YES;
	assess_one(c, &a);
	assert_no_problem(&a, DORN_MISSING_EXHIBIT, 1);
	assert_problems(&a, NULL, 0);
	/* not seized: where it is now is a fact or a gap */
	c->items[0].now_where[0] = '\0';
	assess_one(c, &a);
	assert_problem(&a, DORN_MISSING_NOW_WHERE, 1);
	c->items[0].seized = DORN_TRI_UNKNOWN;
	c->items[0].seized_from = DORN_FROM_UNKNOWN;
	c->items[0].held_at_arrest = DORN_TRI_UNKNOWN;
	assess_one(c, &a);
	assert_no_problem(&a, DORN_MISSING_EXHIBIT, 1);
	assert_problem(&a, DORN_MISSING_LIMB, 1);
	dorn_case_free(c);
}

/* ---- case-level problems ---- */

static void test_missing_offence__none_recorded(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->noffences = 0;
	assess(c, &a);
	assert_problems(&a, (const struct want[]){ { DORN_MISSING_OFFENCE, 0, DORN_STEP_CASE } },
			1);
	assert_int_equal(a.sexual, 0);
	/* the device is still asked for: the court can act on any conviction */
	assert_int_equal(a.routes, DORN_ROUTE_DEPRIVATION);
	dorn_case_free(c);
}

static void test_unknown_offence__warned_and_not_counted(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	set_offence(c, "iioc99");
	assess(c, &a);
	assert_problems(&a,
			(const struct want[]){ { DORN_WARN_UNKNOWN_OFFENCE, 0, DORN_STEP_CASE } },
			1);
	assert_int_equal(a.child, 0);
	assert_int_equal(a.routes, DORN_ROUTE_DEPRIVATION);
	dorn_case_free(c);
}

static void test_unknown_offence__alone_leaves_offence_missing(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->noffences = 0;
	set_offence(c, "CJA160");
	set_offence(c, "soa66b9");
	c->items[0].how_used = 0;
	assess(c, &a);
	assert_problems(&a,
			(const struct want[]){
				{ DORN_MISSING_OFFENCE, 0, DORN_STEP_CASE },
				{ DORN_WARN_UNKNOWN_OFFENCE, 0, DORN_STEP_CASE },
				{ DORN_MISSING_USE, 1, DORN_STEP_ITEMS },
			},
			3);
	/* an unrecognised code is not a child-images or possession offence */
	assert_int_equal(a.child, 0);
	assert_int_equal(a.sexual, 0);
	assert_int_equal(a.items[0].possession, 0);
	dorn_case_free(c);
}

static void test_missing_items__no_item(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->nitems = 0;
	assess(c, &a);
	assert_problems(&a, (const struct want[]){ { DORN_MISSING_ITEMS, 0, DORN_STEP_ITEMS } },
			1);
	assert_int_equal(a.nitems, 0);
	assert_int_equal(a.nproperty, 0);
	dorn_case_free(c);
}

static void test_missing_items__not_when_only_a_cloud_account(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->items[0].kind = DORN_KIND_CLOUD;
	assess(c, &a);
	assert_no_problem(&a, DORN_MISSING_ITEMS, 0);
	assert_problem(&a, DORN_WARN_CLOUD, 1);
	dorn_case_free(c);
}

static void test_missing_victim_words__empty(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->concern.victim_words[0] = '\0';
	assess(c, &a);
	assert_problems(&a,
			(const struct want[]){ { DORN_MISSING_VICTIM_WORDS, 0,
						 DORN_STEP_CONCERN } },
			1);
	dorn_case_free(c);
}

static void test_missing_age__unknown_only(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->victim.under_18 = DORN_TRI_UNKNOWN;
	assess(c, &a);
	assert_problem(&a, DORN_MISSING_AGE, 0);
	c->victim.under_18 = DORN_TRI_YES;
	assess(c, &a);
	assert_no_problem(&a, DORN_MISSING_AGE, 0);
	c->victim.under_18 = DORN_TRI_NO;
	assess(c, &a);
	assert_no_problem(&a, DORN_MISSING_AGE, 0);
	dorn_case_free(c);
}

static void test_missing_hearing_date__neither_date(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->sentencing_date[0] = '\0';
	c->next_hearing[0] = '\0';
	assess(c, &a);
	assert_problems(&a,
			(const struct want[]){ { DORN_MISSING_HEARING_DATE, 0, DORN_STEP_CASE } },
			1);
	assert_int_equal(a.urgent, 0);
	assert_int_equal(a.passed, 0);
	assert_string_equal(a.due_date, "");
	dorn_case_free(c);
}

static void test_missing_hearing_date__next_hearing_is_enough(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	c->sentencing_date[0] = '\0';
	date_in(c->next_hearing, 30);
	assess(c, &a);
	assert_problems(&a, NULL, 0);
	assert_int_equal(a.due_is_sentencing, 0);
	assert_int_equal(a.days_left, 30);
	dorn_case_free(c);
}

static void test_missing_hearing_date__unreadable_date_counts_as_none(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	snprintf(c->sentencing_date, sizeof c->sentencing_date, "2026-02-31");
	assess(c, &a);
	assert_problem(&a, DORN_MISSING_HEARING_DATE, 0);
	assert_string_equal(a.due_date, "");
	dorn_case_free(c);
}

/* ---- urgency ---- */

/* Sentencing `days` from today, no other date. */
static void urgency_at(long days, int urgent_days, struct dorn_assessment *a)
{
	struct dorn_case *c = complete_case();

	date_in(c->sentencing_date, days);
	dorn_assess(c, &offences, today(), urgent_days, a);
	dorn_case_free(c);
}

static void test_urgency__13_days_is_urgent(void **state)
{
	struct dorn_assessment a;

	(void)state;
	urgency_at(13, 14, &a);
	assert_int_equal(a.urgent, 1);
	assert_int_equal(a.days_left, 13);
	assert_string_equal(a.due_date, "2026-03-15");
	assert_int_equal(a.due_is_sentencing, 1);
	assert_int_equal(a.passed, 0);
}

static void test_urgency__14_days_is_urgent(void **state)
{
	struct dorn_assessment a;

	(void)state;
	urgency_at(14, 14, &a);
	assert_int_equal(a.urgent, 1);
	assert_int_equal(a.days_left, 14);
	assert_string_equal(a.due_date, "2026-03-16");
}

static void test_urgency__15_days_is_not_urgent(void **state)
{
	struct dorn_assessment a;

	(void)state;
	urgency_at(15, 14, &a);
	assert_int_equal(a.urgent, 0);
	assert_int_equal(a.days_left, 15);
	assert_string_equal(a.due_date, "2026-03-17");
	assert_int_equal(a.passed, 0);
	assert_problems(&a, NULL, 0);
}

static void test_urgency__today_is_urgent(void **state)
{
	struct dorn_assessment a;

	(void)state;
	urgency_at(0, 14, &a);
	assert_int_equal(a.urgent, 1);
	assert_int_equal(a.days_left, 0);
	assert_string_equal(a.due_date, TODAY_ISO);
	assert_int_equal(a.passed, 0);
	assert_problems(&a, NULL, 0);
}

static void test_urgency__yesterday_has_passed(void **state)
{
	struct dorn_assessment a;

	(void)state;
	urgency_at(-1, 14, &a);
	assert_int_equal(a.passed, 1);
	assert_int_equal(a.urgent, 0);
	assert_int_equal(a.days_left, -1);
	assert_string_equal(a.due_date, "2026-03-01");
	assert_int_equal(a.due_is_sentencing, 1);
	assert_int_equal(a.sentencing_passed, 1);
	/* a passed sentencing date is said as such */
	assert_problems(&a, (const struct want[]){ { DORN_WARN_SENTENCING_PASSED, 0,
						     DORN_STEP_CASE } }, 1);
}

static void test_urgency__urgent_days_one(void **state)
{
	struct dorn_assessment a;

	(void)state;
	urgency_at(1, 1, &a);
	assert_int_equal(a.urgent, 1);
	urgency_at(2, 1, &a);
	assert_int_equal(a.urgent, 0);
	assert_int_equal(a.days_left, 2);
	urgency_at(0, 1, &a);
	assert_int_equal(a.urgent, 1);
}

static void test_urgency__earliest_upcoming_is_next_hearing(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	date_in(c->next_hearing, 10);
	date_in(c->sentencing_date, 40);
	assess(c, &a);
	assert_int_equal(a.due_is_sentencing, 0);
	assert_int_equal(a.days_left, 10);
	assert_string_equal(a.due_date, "2026-03-12");
	assert_int_equal(a.urgent, 1);
	dorn_case_free(c);
}

static void test_urgency__earliest_upcoming_is_sentencing(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	date_in(c->next_hearing, 40);
	date_in(c->sentencing_date, 5);
	assess(c, &a);
	assert_int_equal(a.due_is_sentencing, 1);
	assert_int_equal(a.days_left, 5);
	assert_int_equal(a.urgent, 1);
	dorn_case_free(c);
}

static void test_urgency__same_day_prefers_sentencing(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	date_in(c->next_hearing, 20);
	date_in(c->sentencing_date, 20);
	assess(c, &a);
	assert_int_equal(a.due_is_sentencing, 1);
	assert_int_equal(a.days_left, 20);
	assert_int_equal(a.urgent, 0);

	/* and when both have passed */
	date_in(c->next_hearing, -3);
	date_in(c->sentencing_date, -3);
	assess(c, &a);
	assert_int_equal(a.due_is_sentencing, 1);
	assert_int_equal(a.passed, 1);
	dorn_case_free(c);
}

static void test_urgency__past_hearing_upcoming_sentencing(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	date_in(c->next_hearing, -5);
	date_in(c->sentencing_date, 16);
	assess(c, &a);
	assert_int_equal(a.passed, 0);
	assert_int_equal(a.due_is_sentencing, 1);
	assert_int_equal(a.days_left, 16);
	assert_int_equal(a.urgent, 0);
	assert_problems(&a, NULL, 0);
	dorn_case_free(c);
}

static void test_urgency__past_sentencing_upcoming_hearing(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	date_in(c->sentencing_date, -2);
	date_in(c->next_hearing, 7);
	assess(c, &a);
	assert_int_equal(a.passed, 0);
	assert_int_equal(a.due_is_sentencing, 0);
	assert_int_equal(a.days_left, 7);
	assert_string_equal(a.due_date, "2026-03-09");
	assert_int_equal(a.urgent, 1);
	assert_no_problem(&a, DORN_WARN_DATE_PASSED, 0);
	dorn_case_free(c);
}

static void test_urgency__all_passed_shows_the_latest(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	date_in(c->sentencing_date, -30);
	date_in(c->next_hearing, -4);
	assess(c, &a);
	assert_int_equal(a.passed, 1);
	assert_int_equal(a.urgent, 0);
	assert_int_equal(a.due_is_sentencing, 0);
	assert_int_equal(a.days_left, -4);
	assert_string_equal(a.due_date, "2026-02-26");
	assert_problems(&a, (const struct want[]){ { DORN_WARN_SENTENCING_PASSED, 0,
						     DORN_STEP_CASE } }, 1);
	/* only a hearing recorded, and passed: the general warning */
	c->sentencing_date[0] = '\0';
	assess(c, &a);
	assert_problems(&a, (const struct want[]){ { DORN_WARN_DATE_PASSED, 0, DORN_STEP_CASE } },
			1);
	date_in(c->sentencing_date, -30);

	date_in(c->next_hearing, -40);
	assess(c, &a);
	assert_int_equal(a.due_is_sentencing, 1);
	assert_int_equal(a.days_left, -30);
	dorn_case_free(c);
}

/* ---- order and steps ---- */

static void test_order__case_then_items_then_the_rest(void **state)
{
	struct dorn_case *c = dorn_case_new();
	struct dorn_assessment a;
	struct dorn_item *it;
	static const struct want want[] = {
		{ DORN_MISSING_OFFENCE, 0, DORN_STEP_CASE },
		{ DORN_WARN_DATE_PASSED, 0, DORN_STEP_CASE },
		{ DORN_MISSING_AGE, 0, DORN_STEP_AGE },
		{ DORN_WARN_UNKNOWN_OFFENCE, 0, DORN_STEP_CASE },
		{ DORN_MISSING_USE, 1, DORN_STEP_ITEMS },
		{ DORN_MISSING_EXHIBIT, 1, DORN_STEP_ITEMS },
		{ DORN_MISSING_THIRD_PARTY, 1, DORN_STEP_ITEMS },
		{ DORN_MISSING_THIRD_PARTY_TOLD, 1, DORN_STEP_ITEMS },
		{ DORN_MISSING_THIRD_PARTY_KNEW, 1, DORN_STEP_ITEMS },
		{ DORN_WARN_UNEXAMINED, 1, DORN_STEP_ITEMS },
		{ DORN_WARN_THIRD_PARTY, 1, DORN_STEP_ITEMS },
		{ DORN_WARN_CLOUD, 2, DORN_STEP_ITEMS },
		{ DORN_MISSING_LIMB, 3, DORN_STEP_ITEMS },
		{ DORN_WARN_UNEXAMINED, 3, DORN_STEP_ITEMS },
		{ DORN_MISSING_NOW_WHERE, 4, DORN_STEP_ITEMS },
		{ DORN_MISSING_THIRD_PARTY, 4, DORN_STEP_ITEMS },
		{ DORN_MISSING_THIRD_PARTY_TOLD, 4, DORN_STEP_ITEMS },
		{ DORN_MISSING_THIRD_PARTY_KNEW, 4, DORN_STEP_ITEMS },
		{ DORN_WARN_NOT_HELD, 4, DORN_STEP_ITEMS },
		{ DORN_WARN_THIRD_PARTY, 4, DORN_STEP_ITEMS },
		{ DORN_MISSING_ARREST, 0, DORN_STEP_CASE },
		{ DORN_MISSING_VPS, 0, DORN_STEP_SUPPORT },
		{ DORN_MISSING_RO_VIEWS, 0, DORN_STEP_CONCERN },
		{ DORN_MISSING_DEFENCE, 0, DORN_STEP_CASE },
		{ DORN_MISSING_VICTIM_WORDS, 0, DORN_STEP_CONCERN },
	};

	(void)state;
	assert_non_null(c);
	set_offence(c, "nosuch");
	date_in(c->next_hearing, -1);
	it = add_item(c, DORN_KIND_LAPTOP);
	it->exhibit_ref[0] = '\0';
	it->how_used = 0;
	it->examined = DORN_TRI_NO;
	it->owner = DORN_OWNER_SHARED;
	add_item(c, DORN_KIND_CLOUD);
	it = add_item(c, DORN_KIND_STORAGE);
	it->seized = DORN_TRI_UNKNOWN;
	it->seized_from = DORN_FROM_UNKNOWN;
	it->held_at_arrest = DORN_TRI_UNKNOWN;
	it->examined = DORN_TRI_NO;
	it = add_item(c, DORN_KIND_TABLET);
	it->seized = DORN_TRI_NO;
	it->seized_from = DORN_FROM_NOT_SEIZED;
	it->held_at_arrest = DORN_TRI_NO;
	it->owner = DORN_OWNER_THIRD_PARTY;
	assess(c, &a);
	assert_problems(&a, want, sizeof want / sizeof want[0]);
	assert_int_equal(a.nitems, 4);
	assert_int_equal(a.nproperty, 3);
	for (size_t i = 0; i < a.nproblems; i++)
		assert_int_equal(a.problems[i].step, want[i].step);
	dorn_case_free(c);
}

static void test_order__items_by_position_whatever_the_storage(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;
	struct dorn_item *it;

	(void)state;
	c->items[0].position = 3;
	c->items[0].exhibit_ref[0] = '\0';
	it = add_item(c, DORN_KIND_CLOUD);
	it->position = 1;
	it = add_item(c, DORN_KIND_CAMERA);
	it->position = 2;
	it->owner = DORN_OWNER_SHARED;
	snprintf(it->third_party_name, sizeof it->third_party_name, "Ms C");
	snprintf(it->third_party_contact, sizeof it->third_party_contact, "by letter");
	it->third_party_told = DORN_TRI_YES;
	it->third_party_knew = DORN_TRI_NO;
	assess(c, &a);
	assert_int_equal(a.nitems, 3);
	assert_int_equal(a.items[0].position, 1);
	assert_int_equal(a.items[0].limb, DORN_LIMB_NOT_PROPERTY);
	assert_int_equal(a.items[1].position, 2);
	assert_int_equal(a.items[1].third_party, 1);
	assert_int_equal(a.items[2].position, 3);
	assert_int_equal(a.items[2].limb, DORN_LIMB_SEIZED);
	assert_problems(&a,
			(const struct want[]){
				{ DORN_WARN_CLOUD, 1, DORN_STEP_ITEMS },
				{ DORN_WARN_THIRD_PARTY, 2, DORN_STEP_ITEMS },
				{ DORN_MISSING_EXHIBIT, 3, DORN_STEP_ITEMS },
			},
			3);
	dorn_case_free(c);
}

static void test_problems__never_more_than_the_maximum(void **state)
{
	struct dorn_case *c = dorn_case_new();
	struct dorn_assessment *a = malloc(sizeof *a);
	struct dorn_item *it;

	(void)state;
	assert_non_null(c);
	assert_non_null(a);
	set_offence(c, "nosuch");
	/* 50 items with eight problems each, and case-level ones */
	for (int i = 0; i < DORN_ITEMS_MAX; i++) {
		it = add_item(c, DORN_KIND_PHONE);
		it->exhibit_ref[0] = '\0';
		it->how_used = 0;
		it->examined = DORN_TRI_NO;
		it->owner = DORN_OWNER_SHARED;
	}
	dorn_assess(c, &offences, today(), 14, a);
	assert_int_equal(a->nitems, DORN_ITEMS_MAX);
	assert_int_equal(a->nproperty, DORN_ITEMS_MAX);
	/* 4 case-level first + 7 for each of 50 items + 5 case-level last: all fit */
	assert_int_equal(a->nproblems, 4 + 7 * DORN_ITEMS_MAX + 5);
	assert_true(a->nproblems <= DORN_PROBLEMS_MAX);
	assert_int_equal(a->problems[0].code, DORN_MISSING_OFFENCE);
	assert_int_equal(a->problems[1].code, DORN_MISSING_HEARING_DATE);
	assert_int_equal(a->problems[2].code, DORN_MISSING_AGE);
	assert_int_equal(a->problems[3].code, DORN_WARN_UNKNOWN_OFFENCE);
	assert_int_equal(a->problems[4].code, DORN_MISSING_USE);
	assert_int_equal(a->problems[4].item, 1);
	assert_int_equal(a->problems[a->nproblems - 6].item, DORN_ITEMS_MAX);
	assert_int_equal(a->problems[a->nproblems - 1].code, DORN_MISSING_VICTIM_WORDS);

	/* a count past the array is clamped, not read beyond it */
	c->nitems = DORN_ITEMS_MAX + 5;
	c->noffences = DORN_OFFENCES_MAX + 5;
	dorn_assess(c, &offences, today(), 14, a);
	assert_int_equal(a->nitems, DORN_ITEMS_MAX);
	free(a);
	dorn_case_free(c);
}

static void test_assess__no_offence_table(void **state)
{
	struct dorn_case *c = complete_case();
	struct dorn_assessment a;

	(void)state;
	dorn_assess(c, NULL, today(), 14, &a);
	assert_problems(&a,
			(const struct want[]){
				{ DORN_MISSING_OFFENCE, 0, DORN_STEP_CASE },
				{ DORN_WARN_UNKNOWN_OFFENCE, 0, DORN_STEP_CASE },
			},
			2);
	dorn_case_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_problem_name__every_code_has_a_distinct_word),
		cmocka_unit_test(test_problem_name__out_of_range),
		cmocka_unit_test(test_problem_is_missing__missing_and_warnings),
		cmocka_unit_test(test_offence_find__known_code),
		cmocka_unit_test(test_offence_find__unknown_empty_or_null),
		cmocka_unit_test(test_assess__complete_case_has_no_problems),
		cmocka_unit_test(test_routes__intimate_offence_asks_deprivation_only),
		cmocka_unit_test(test_routes__child_by_age),
		cmocka_unit_test(test_routes__child_by_offence),
		cmocka_unit_test(test_routes__child_by_age_and_offence),
		cmocka_unit_test(test_routes__age_unknown_is_not_child),
		cmocka_unit_test(test_routes__related_offence_only),
		cmocka_unit_test(test_routes__none_without_property),
		cmocka_unit_test(test_sexual__shpo_only_with_a_sexual_offence),
		cmocka_unit_test(test_consent__yes_no_not_asked),
		cmocka_unit_test(test_limb__from_seized_from_and_held_at_arrest),
		cmocka_unit_test(test_limb__old_answers_alone_are_to_be_shown),
		cmocka_unit_test(test_limb__json_words),
		cmocka_unit_test(test_seized_from_other__name_is_a_fact_or_a_gap),
		cmocka_unit_test(test_cloud__account_is_not_property),
		cmocka_unit_test(test_cloud__kind_not_given_is_property),
		cmocka_unit_test(test_use__missing_when_no_use_recorded),
		cmocka_unit_test(test_use__every_use_counts),
		cmocka_unit_test(test_possession__never_stands_alone_for_s153_5),
		cmocka_unit_test(test_retrieval__only_when_lawful_data_yes),
		cmocka_unit_test(test_third_party__shared_owner),
		cmocka_unit_test(test_third_party__third_party_owner),
		cmocka_unit_test(test_third_party__not_for_defendant_or_unknown_owner),
		cmocka_unit_test(test_unexamined__flagged_only_when_examined_no),
		cmocka_unit_test(test_value__known_from_zero_unknown_below),
		cmocka_unit_test(test_exhibit__missing_when_seized_without_ref),
		cmocka_unit_test(test_exhibit__not_missing_unless_seized),
		cmocka_unit_test(test_missing_offence__none_recorded),
		cmocka_unit_test(test_unknown_offence__warned_and_not_counted),
		cmocka_unit_test(test_unknown_offence__alone_leaves_offence_missing),
		cmocka_unit_test(test_missing_items__no_item),
		cmocka_unit_test(test_missing_items__not_when_only_a_cloud_account),
		cmocka_unit_test(test_missing_victim_words__empty),
		cmocka_unit_test(test_missing_age__unknown_only),
		cmocka_unit_test(test_missing_hearing_date__neither_date),
		cmocka_unit_test(test_missing_hearing_date__next_hearing_is_enough),
		cmocka_unit_test(test_missing_hearing_date__unreadable_date_counts_as_none),
		cmocka_unit_test(test_urgency__13_days_is_urgent),
		cmocka_unit_test(test_urgency__14_days_is_urgent),
		cmocka_unit_test(test_urgency__15_days_is_not_urgent),
		cmocka_unit_test(test_urgency__today_is_urgent),
		cmocka_unit_test(test_urgency__yesterday_has_passed),
		cmocka_unit_test(test_urgency__urgent_days_one),
		cmocka_unit_test(test_urgency__earliest_upcoming_is_next_hearing),
		cmocka_unit_test(test_urgency__earliest_upcoming_is_sentencing),
		cmocka_unit_test(test_urgency__same_day_prefers_sentencing),
		cmocka_unit_test(test_urgency__past_hearing_upcoming_sentencing),
		cmocka_unit_test(test_urgency__past_sentencing_upcoming_hearing),
		cmocka_unit_test(test_urgency__all_passed_shows_the_latest),
		cmocka_unit_test(test_order__case_then_items_then_the_rest),
		cmocka_unit_test(test_order__items_by_position_whatever_the_storage),
		cmocka_unit_test(test_problems__never_more_than_the_maximum),
		cmocka_unit_test(test_assess__no_offence_table),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
