/* Dates as an officer reads them on the phone: beside each date of the
 * case step, its weekday and how far away it is; a next hearing already
 * past is flagged. Today is pinned to Saturday 28 November 2026. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"

#define TODAY "DORN_TODAY=2026-11-28"

static const char *const env_today[] = { TODAY, NULL };

static const char case_file[] =
	"[case]\n"
	"urn = 07/QA/70001/26\n"
	"defendant = Test Dates-Defendant Withaverylongdoublebarrelled-Surnamethatruns\n"
	"offences = soa66b2\n"
	"stage = conviction\n"
	"next_hearing = 2026-11-20\n"
	"sentencing_date = 2026-12-04\n"
	"[victim]\n"
	"reference = WC-2026-7001\n"
	"consent_to_share = yes\n"
	"consent_date = 2026-11-27\n"
	"[item 1]\n"
	"kind = phone\n";

static void test_dates__weekday_distance_and_a_passed_hearing(void **state)
{
	struct h_term *t = *state;
	char path[4096];
	const char *imp[] = { "import", path, NULL };
	const char *args[] = { "--db", h_db(t), NULL };
	FILE *f;

	snprintf(path, sizeof path, "%s/dates.ini", h_dir(t));
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(case_file, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(h_run_ok(t, imp, env_today, NULL, 0), 0);

	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
	h_expect_text(t, "07/QA/70001/26");
	h_key(t, H_ENTER);
	h_send(t, "\x1b" "1");               /* Alt-1: the case step */
	h_expect_text(t, "Step 1 of 7: Case");
	h_key(t, H_TAB);                     /* to the court */
	h_wait_idle(t);
	/* The defendant's name is longer than its field: cut with a marker at its
	 * end once the focus has left it, not silently. */
	{
		int found = 0;

		for (int r = 0; r < h_rows(t); r++) {
			const char *row = h_row_text(t, r);
			size_t n = strlen(row);

			if (strstr(row, "Defendant ") && n >= 3 &&
			    strcmp(row + n - 3, "\xe2\x80\xa6") == 0)
				found = 1;
		}
		if (!found) {
			h_dump(t, "a cut name without its marker");
			fail_msg("the defendant's long name is cut without a marker");
		}
	}
	for (int i = 0; i < 3; i++)          /* offences, stage, next hearing */
		h_key(t, H_TAB);
	/* The sentencing date: its weekday and the days to it. */
	h_expect_text(t, "Fri 4 Dec, in 6 days");
	/* The next hearing, 20 November, has passed: said, not only coloured. */
	h_expect_text(t, "PASSED Fri 20 Nov");
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dates__weekday_distance_and_a_passed_hearing,
						h_setup_init, h_teardown),
	};

	return cmocka_run_group_tests_name("e2e-dates", tests, NULL, NULL);
}
