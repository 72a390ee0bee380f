/* Journeys to the unit's figures: f on the case list opens them, with the
 * funnel's numbers and words beside each bar (so they read without
 * colour), b groups them, Esc goes back; an export made meanwhile shows
 * when they are opened again; [ui] ascii draws the bars with '#'. Two
 * cases are imported by an officer (ofc); one is submitted and approved
 * by the supervisor who made the database, as whom dorn runs. Today is
 * pinned; the hearings are after it, so none has been missed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define TODAY "DORN_TODAY=2026-11-28"
#define URN "14/WC/20417/26" /* sharing.ini: submitted and approved */
#define FULL_BLOCK "\xe2\x96\x88"

static const char *const env_today[] = { TODAY, NULL };

static int setup(void **state)
{
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *imp[] = { "--as", "ofc", "import", "data/examples/sharing.ini",
			      "data/examples/threat.ini", NULL };
	const char *sub[] = { "--as", "ofc", "submit", URN, NULL };
	const char *ok[] = { "review", "approve", URN, NULL };
	struct h_term *t = h_new_init(env_today);

	if (!t)
		return -1;
	if (h_run_ok(t, ofc, env_today, NULL, 0) || h_run_ok(t, imp, env_today, NULL, 0) ||
	    h_run_ok(t, sub, env_today, NULL, 0) || h_run_ok(t, ok, env_today, NULL, 0)) {
		h_free(t);
		return -1;
	}
	*state = t;
	return 0;
}

/* The screen row showing s, or -1. */
static int row_of(struct h_term *t, const char *s)
{
	for (int r = 0; r < h_rows(t); r++)
		if (strstr(h_row_text(t, r), s))
			return r;
	return -1;
}

/* The row that shows label also shows each of want, in order. */
static void expect_row(struct h_term *t, const char *label, const char *const want[])
{
	int r = row_of(t, label);
	const char *row, *at;

	if (r < 0) {
		h_dump(t, label);
		fail_msg("no row shows '%s'", label);
	}
	row = h_row_text(t, r);
	at = strstr(row, label) + strlen(label);
	for (size_t i = 0; want[i]; i++) {
		const char *found = strstr(at, want[i]);

		if (!found) {
			h_dump(t, want[i]);
			fail_msg("the row of '%s' does not show '%s' after it: %s", label,
				 want[i], row);
		}
		at = found + strlen(want[i]);
	}
}

static void open_figures(struct h_term *t, const char *config)
{
	const char *args[5] = { "--db", h_db(t), NULL, NULL, NULL };

	if (config) {
		args[2] = "--config";
		args[3] = config;
	}
	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
	h_expect_text(t, "Victim ref");
	h_send(t, "f");
	h_expect_text(t, "Concerns recorded");
}

static void test_figures__f_opens_the_funnel_and_esc_goes_back(void **state)
{
	struct h_term *t = *state;
	static const char *const concerns[] = { FULL_BLOCK, "2", "100%", NULL };
	static const char *const approved[] = { FULL_BLOCK, "1", "50%", NULL };
	static const char *const exported[] = { "0", "0%", NULL };
	static const char *const items[] = { FULL_BLOCK, "4", "100%", NULL };

	open_figures(t, NULL);
	h_expect_text(t, "Figures: every case recorded (today is 28 Nov 2026)");
	expect_row(t, "Concerns recorded", concerns);
	expect_row(t, "Notes approved", approved);
	expect_row(t, "Notes exported", exported);
	expect_row(t, "  Devices and accounts", items); /* not its heading */
	/* Esc or q: back to the case list */
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_expect_no_text(t, "Concerns recorded");
	h_send(t, "f");
	h_expect_text(t, "Concerns recorded");
	h_send(t, "q");
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);
}

/* b groups them (the grid and the orders made per group are at the end),
 * and the baseline is beside the unit's rate. */
static void test_figures__b_groups_and_the_baseline_is_beside(void **state)
{
	struct h_term *t = *state;
	static const char *const baseline[] = { "3 of 98", "3%", NULL };

	open_figures(t, NULL);
	h_key(t, H_END);
	h_expect_text(t, "Notes that missed their hearing");
	h_expect_no_text(t, "By month");
	h_send(t, "b");
	h_expect_text(t, "By month.");
	h_key(t, H_END);
	h_expect_text(t, "Orders made by month");
	expect_row(t, "2025 review", baseline);
	h_send(t, "b");
	h_expect_text(t, "By offence");
	h_key(t, H_END);
	h_expect_text(t, "soa66b2 s.66B(2)");
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
}

/* The figures are read afresh each time they are opened: an export made
 * meanwhile is counted. */
static void test_figures__an_export_shows_when_opened_again(void **state)
{
	struct h_term *t = *state;
	char out[4096];
	const char *exp[] = { "export", URN, "--out", out, "--format", "txt", NULL };
	static const char *const none[] = { "0", "0%", NULL };
	static const char *const one[] = { FULL_BLOCK, "1", "50%", NULL };

	snprintf(out, sizeof out, "%s/exports", h_dir(t));
	open_figures(t, NULL);
	expect_row(t, "Notes exported", none);
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	assert_int_equal(h_run_ok(t, exp, env_today, NULL, 0), 0);
	h_send(t, "f");
	h_expect_text(t, "Concerns recorded");
	expect_row(t, "Notes exported", one);
}

/* [ui] ascii = yes: the bars are '#', the numbers are the same. */
static void test_figures__ascii_bars(void **state)
{
	struct h_term *t = *state;
	static const char *const concerns[] = { "#################", "2", "100%", NULL };
	char cfg[512];
	FILE *f;

	snprintf(cfg, sizeof cfg, "%s/ascii.ini", h_dir(t));
	f = fopen(cfg, "w");
	assert_non_null(f);
	fputs("[ui]\nascii = yes\n", f);
	assert_int_equal(fclose(f), 0);
	open_figures(t, cfg);
	expect_row(t, "Concerns recorded", concerns);
	h_expect_no_text(t, FULL_BLOCK);
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, setup, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_figures__f_opens_the_funnel_and_esc_goes_back),
		JOURNEY(test_figures__b_groups_and_the_baseline_is_beside),
		JOURNEY(test_figures__an_export_shows_when_opened_again),
		JOURNEY(test_figures__ascii_bars),
	};

	return cmocka_run_group_tests_name("e2e-figures", tests, NULL, NULL);
}
