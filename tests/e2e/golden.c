/* Whole screens at 80x24, compared exactly with the files in tests/e2e/golden:
 * the case list with the worked examples, step 1 of a new case, step 5
 * of a case with items, the help screen, and Today. A change to layout or
 * wording shows here row by row. To accept an intended change, run
 * DORN_UPDATE_GOLDEN=1 build/tests/e2e_golden (with DORN_DATADIR=data)
 * and read the diff before committing; CI only compares. The examples
 * are imported by an officer, ofc, as whom dorn runs, so the title bar
 * does not name whoever runs the tests; today is pinned as in make demo. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <stdlib.h>

#include "harness.h"

#define TODAY "DORN_TODAY=2026-11-28"

static const char *const env_today[] = { TODAY, NULL };

/* init, the officer ofc, and every example in data/examples imported by ofc. */
static int setup(void **state)
{
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *imp[16] = { "--as", "ofc", "import" };
	struct h_term *t = h_new_init(env_today);
	glob_t g;
	size_t i;
	int rc = -1;

	if (!t)
		return -1;
	if (glob("data/examples/*.ini", 0, NULL, &g) == 0 && g.gl_pathc > 0 &&
	    g.gl_pathc < 12) {
		for (i = 0; i < g.gl_pathc; i++)
			imp[3 + i] = g.gl_pathv[i];
		imp[3 + i] = NULL;
		rc = h_run_ok(t, ofc, env_today, NULL, 0) || h_run_ok(t, imp, env_today, NULL, 0);
	}
	globfree(&g);
	if (rc) {
		h_free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static void start(struct h_term *t)
{
	const char *args[] = { "--db", h_db(t), "--as", "ofc", NULL };

	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
	h_expect_text(t, "Victim ref");
}

static void test_golden__home_with_the_examples(void **state)
{
	struct h_term *t = *state;

	start(t);
	h_expect_screen(t, "home");
}

static void test_golden__new_case_step_1(void **state)
{
	struct h_term *t = *state;

	start(t);
	h_send(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	h_expect_screen(t, "interview-step1");
}

/* The first case on the list, at step 5: its devices and accounts. */
static void test_golden__step_5_with_items(void **state)
{
	struct h_term *t = *state;

	start(t);
	h_key(t, H_ENTER);
	h_expect_text(t, "Step 7 of 7: Review");
	h_send(t, "\x1b" "5");                /* Alt-5 */
	h_expect_text(t, "Step 5 of 7: Devices and accounts");
	h_expect_screen(t, "interview-step5");
}

static void test_golden__help(void **state)
{
	struct h_term *t = *state;

	start(t);
	h_send(t, "?");
	h_expect_text(t, "Help: keys");
	h_expect_screen(t, "help");
}

/* Today with the examples: the notes due before their hearings, the
 * outcome of the sentencing hearing that has passed. */
static void test_golden__today(void **state)
{
	struct h_term *t = *state;

	start(t);
	h_send(t, "t");
	h_expect_text(t, "dorn | Today");
	h_expect_screen(t, "today");
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, setup, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_golden__home_with_the_examples),
		JOURNEY(test_golden__new_case_step_1),
		JOURNEY(test_golden__step_5_with_items),
		JOURNEY(test_golden__help),
		JOURNEY(test_golden__today),
	};

	return cmocka_run_group_tests_name("e2e-golden", tests, NULL, NULL);
}
