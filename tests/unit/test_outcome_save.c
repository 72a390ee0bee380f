/* Saving an outcome (app/outcome.c) when the case moved on after it was
 * read: someone changed the case itself (the outcome still goes on, the
 * other change kept), someone saved an outcome (refused, nothing lost),
 * someone changed the devices (refused); and the interview's copy, read
 * before an outcome was recorded elsewhere, never puts the old one back. */
#include "apputil.h"

#include "dorn/buf.h"
#include "dorn/model.h"

#define URN "14/WC/20417/26"

static void import(struct fx *f, const char *path)
{
	struct dorn_buf report;
	struct dorn_err err;
	char *files[1] = { (char *)path };

	dorn_buf_init(&report);
	if (dorn_app_import(&f->app, files, 1, 1, &report, &err))
		fail_msg("import %s: %s", path, err.msg);
	dorn_buf_fini(&report);
}

/* The case as stored now (the caller frees it). */
static struct dorn_case *load(struct fx *f)
{
	struct dorn_case_view v;
	struct dorn_err err;
	struct dorn_case *c;

	if (dorn_app_outcome_open(&f->app, URN, &v, &err))
		fail_msg("open: %s", err.msg);
	c = v.c;
	v.c = NULL;
	dorn_case_view_fini(&v);
	return c;
}

static void record(struct dorn_case *c, int item1)
{
	snprintf(c->outcome.date, sizeof c->outcome.date, "2026-11-27");
	snprintf(c->outcome.court, sizeof c->outcome.court, "Northgate Crown Court");
	snprintf(c->outcome.received, sizeof c->outcome.received, "2026-11-27");
	c->items[0].result = item1;
}

static void test_save__after_someone_changed_the_case(void **state)
{
	struct fx *f = *state;
	struct dorn_case *mine, *theirs, *now;
	struct dorn_err err;

	import(f, "data/examples/sharing.ini");
	mine = load(f);
	theirs = load(f);
	/* Someone corrects the defendant's name meanwhile, in the interview. */
	snprintf(theirs->defendant, sizeof theirs->defendant, "Marcus J. Threlfall");
	assert_int_equal(dorn_app_case_save(&f->app, theirs, 1, &err), 0);
	record(mine, DORN_RESULT_ORDER_MADE);
	if (dorn_app_outcome_save(&f->app, mine, "", &err))
		fail_msg("outcome save after a change to the case: %s", err.msg);
	assert_int_equal(mine->outcome_version, 1);
	now = load(f);
	assert_string_equal(now->defendant, "Marcus J. Threlfall");
	assert_int_equal(now->items[0].result, DORN_RESULT_ORDER_MADE);
	assert_string_equal(now->outcome.court, "Northgate Crown Court");
	assert_int_equal(now->outcome_version, 1);
	dorn_case_free(mine);
	dorn_case_free(theirs);
	dorn_case_free(now);
}

static void test_save__after_someone_saved_an_outcome(void **state)
{
	struct fx *f = *state;
	struct dorn_case *mine, *theirs, *now;
	struct dorn_err err;

	import(f, "data/examples/sharing.ini");
	mine = load(f);
	theirs = load(f);
	record(theirs, DORN_RESULT_REFUSED);
	assert_int_equal(dorn_app_outcome_save(&f->app, theirs, "", &err), 0);
	record(mine, DORN_RESULT_ORDER_MADE);
	assert_int_equal(dorn_app_outcome_save(&f->app, mine, "", &err), DORN_ECONFLICT);
	assert_non_null(strstr(err.msg, "changed by someone else"));
	now = load(f);
	assert_int_equal(now->items[0].result, DORN_RESULT_REFUSED);
	assert_int_equal(now->outcome_version, 1);
	dorn_case_free(mine);
	dorn_case_free(theirs);
	dorn_case_free(now);
}

static void test_save__after_someone_changed_the_devices(void **state)
{
	struct fx *f = *state;
	struct dorn_case *mine, *theirs, *now;
	struct dorn_err err;

	import(f, "data/examples/sharing.ini");
	mine = load(f);
	theirs = load(f);
	snprintf(theirs->items[0].description, sizeof theirs->items[0].description,
		 "A different phone");
	assert_int_equal(dorn_app_case_save(&f->app, theirs, 5, &err), 0);
	record(mine, DORN_RESULT_ORDER_MADE);
	assert_int_equal(dorn_app_outcome_save(&f->app, mine, "", &err), DORN_ECONFLICT);
	assert_non_null(strstr(err.msg, "devices and accounts"));
	now = load(f);
	assert_int_equal(now->items[0].result, DORN_RESULT_NONE);
	assert_int_equal(now->outcome_version, 0);
	dorn_case_free(mine);
	dorn_case_free(theirs);
	dorn_case_free(now);
}

static void test_interview__keeps_an_outcome_recorded_meanwhile(void **state)
{
	struct fx *f = *state;
	struct dorn_case *interview, *outcome, *now;
	struct dorn_err err;

	import(f, "data/examples/sharing.ini");
	interview = load(f);                   /* the interview opens the case */
	outcome = load(f);
	record(outcome, DORN_RESULT_FORFEITURE);
	assert_int_equal(dorn_app_outcome_save(&f->app, outcome, "", &err), 0);
	snprintf(interview->court, sizeof interview->court, "Eastbridge Crown Court");
	assert_int_equal(dorn_app_case_save(&f->app, interview, 1, &err), 0);
	/* the interview's copy now holds the outcome too */
	assert_int_equal(interview->items[0].result, DORN_RESULT_FORFEITURE);
	now = load(f);
	assert_string_equal(now->court, "Eastbridge Crown Court");
	assert_int_equal(now->items[0].result, DORN_RESULT_FORFEITURE);
	assert_string_equal(now->outcome.court, "Northgate Crown Court");
	assert_int_equal(now->outcome_version, 1);
	dorn_case_free(interview);
	dorn_case_free(outcome);
	dorn_case_free(now);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save__after_someone_changed_the_case, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_save__after_someone_saved_an_outcome, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_save__after_someone_changed_the_devices,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview__keeps_an_outcome_recorded_meanwhile,
						setup, teardown),
	};

	umask(077); /* as main.c does: the database must not be readable by others */
	return cmocka_run_group_tests_name("outcome-save", tests, NULL, NULL);
}
