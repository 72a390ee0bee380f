/* Journeys through Today, the worklist, at 80x24: t on the case list
 * opens it; an officer sees the note their case needs before its hearing
 * and Enter opens the case; after the hearing, the outcome recorded and
 * received, the victim to tell is there, OVERDUE the day after its day
 * (a word, so it reads without colour and in ASCII), and it leaves once
 * the victim is told; a supervisor's Enter on a note waiting for review
 * reads the note. An officer (ofc) imports sharing.ini (sentencing Friday
 * 4 December 2026); today is pinned, and every step waits for text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define URN "14/WC/20417/26"

static const char *const env_28nov[] = { "DORN_TODAY=2026-11-28", NULL };
static const char *const env_8dec[] = { "DORN_TODAY=2026-12-08", "NO_COLOR=1", NULL };

static int setup(void **state)
{
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *imp[] = { "--as", "ofc", "import", "data/examples/sharing.ini", NULL };
	struct h_term *t = h_new_init(env_28nov);

	if (!t)
		return -1;
	if (h_run_ok(t, ofc, env_28nov, NULL, 0) || h_run_ok(t, imp, env_28nov, NULL, 0)) {
		h_free(t);
		return -1;
	}
	*state = t;
	return 0;
}

/* sharing.ini with extra appended, imported again by ofc. */
static void update_case(struct h_term *t, const char *extra, const char *const env[])
{
	static char text[16384];
	char path[4096];
	const char *imp[] = { "--as", "ofc", "import", "--update", path, NULL };
	FILE *f = fopen("data/examples/sharing.ini", "r");
	size_t len;

	assert_non_null(f);
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	snprintf(path, sizeof path, "%s/case.ini", h_dir(t));
	f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) != EOF && fputs(extra, f) != EOF);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(h_run_ok(t, imp, env, NULL, 0), 0);
}

/* dorn as who, with the config file cfg (NULL: none), on the case list. */
static void start(struct h_term *t, const char *who, const char *cfg,
		  const char *const env[])
{
	const char *args[7] = { "--db", h_db(t), "--as", who, NULL };

	if (cfg) {
		args[4] = "--config";
		args[5] = cfg;
	}
	assert_int_equal(h_spawn(t, args, env, 24, 80), 0);
	h_expect_text(t, "Victim ref");
	h_expect_text(t, "t Today");
}

static void quit(struct h_term *t)
{
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);
}

/* Before the hearing: the note; Enter opens the case, Esc comes back. */
static void test_today__the_note_before_the_hearing(void **state)
{
	struct h_term *t = *state;

	start(t, "ofc", NULL, env_28nov);
	h_send(t, "t");
	h_expect_text(t, "dorn | Today");
	h_expect_text(t, "1 thing to do, 0 overdue: your cases, as of Sat 28 Nov 2026.");
	h_expect_text(t, "Fri 4 Dec");
	h_expect_text(t, "Note");
	h_expect_text(t, URN);
	/* the highlighted duty in full, below the list */
	h_expect_said(t, "Finish the note for the sentencing hearing on Fri 4 Dec 2026, in 6 days");
	h_expect_text(t, "Enter Open");
	h_key(t, H_ENTER);
	h_expect_text(t, "of 7"); /* the interview's steps */
	h_expect_text(t, URN);
	h_key(t, H_ESC);
	h_expect_text(t, "dorn | Today");
	quit(t);
}

/* After the hearing: received Friday, tell by Monday 7 December; on the
 * 8th it is OVERDUE, in ASCII without colour; told, it leaves. */
static void test_today__the_victim_to_tell(void **state)
{
	struct h_term *t = *state;
	char cfg[512];
	FILE *f;

	update_case(t, "[outcome]\ndate = 2026-12-04\ncourt = Northmoor Crown Court\n"
		       "received = 2026-12-04\n", env_8dec);
	snprintf(cfg, sizeof cfg, "%s/ascii.ini", h_dir(t));
	f = fopen(cfg, "w");
	assert_non_null(f);
	fputs("[ui]\nascii = yes\n", f);
	assert_int_equal(fclose(f), 0);
	start(t, "ofc", cfg, env_8dec);
	h_send(t, "t");
	h_expect_text(t, "1 thing to do, 1 overdue");
	h_expect_text(t, "Mon 7 Dec");
	h_expect_text(t, "OVERDUE");
	h_expect_said(t, "Tell the victim the outcome: it was due by Mon 7 Dec 2026, yesterday");
	if (h_any_colour(t)) {
		h_dump(t, "colour");
		fail_msg("NO_COLOR is set, yet the screen has colour");
	}
	quit(t);
	/* told: the duty leaves the list */
	update_case(t, "[outcome]\ndate = 2026-12-04\ncourt = Northmoor Crown Court\n"
		       "received = 2026-12-04\ntold_date = 2026-12-08\n"
		       "told_how = by phone, as she asked\n", env_8dec);
	start(t, "ofc", NULL, env_8dec);
	h_send(t, "t");
	h_expect_text(t, "Nothing to do today.");
	h_expect_no_text(t, "OVERDUE");
	h_expect_no_text(t, URN);
	quit(t);
}

/* A supervisor's Enter on a note waiting for review reads the note. */
static void test_today__review_reads_the_note(void **state)
{
	struct h_term *t = *state;
	const char *sub[] = { "--as", "ofc", "submit", URN, NULL };

	assert_int_equal(h_run_ok(t, sub, env_28nov, NULL, 0), 0);
	/* the officer has nothing left to do on it */
	start(t, "ofc", NULL, env_28nov);
	h_send(t, "t");
	h_expect_text(t, "Nothing to do today.");
	quit(t);
	/* the supervisor who ran dorn init */
	{
		const char *args[] = { "--db", h_db(t), NULL };

		assert_int_equal(h_spawn(t, args, env_28nov, 24, 80), 0);
	}
	h_expect_text(t, "Victim ref");
	h_send(t, "t");
	h_expect_text(t, "every case of the unit");
	h_expect_text(t, "Review");
	h_key(t, H_ENTER);
	h_expect_text(t, "Review: the note as submitted");
	h_expect_text(t, "a Approve");
	h_key(t, H_ESC);
	h_expect_text(t, "dorn | Today");
	quit(t);
}

/* A year on, the victim still not told: the day of a duty from another
 * year is written with its year (07/12/2026), never as a weekday and a
 * month that read as this year's. */
static void test_today__a_day_of_another_year_has_its_year(void **state)
{
	struct h_term *t = *state;
	static const char *const env_year_on[] = { "DORN_TODAY=2027-12-10", NULL };

	update_case(t, "[outcome]\ndate = 2026-12-04\ncourt = Northmoor Crown Court\n"
		       "received = 2026-12-04\n", env_year_on);
	start(t, "ofc", NULL, env_year_on);
	h_send(t, "t");
	h_expect_text(t, "1 thing to do, 1 overdue");
	h_expect_text(t, "07/12/2026 OVERDUE");
	h_expect_no_text(t, "Mon 7 Dec  OVERDUE");
	quit(t);
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, setup, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_today__the_note_before_the_hearing),
		JOURNEY(test_today__the_victim_to_tell),
		JOURNEY(test_today__review_reads_the_note),
		JOURNEY(test_today__a_day_of_another_year_has_its_year),
	};

	return cmocka_run_group_tests_name("e2e-today", tests, NULL, NULL);
}
