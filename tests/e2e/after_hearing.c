/* The journey after the hearing, end to end, in one terminal session at
 * 80x24, as an officer works it: Today shows the outcome to record; the
 * figures are read first; Enter on the duty opens the Outcome screen,
 * where the hearing and what the court did with each item are recorded;
 * back on Today the outcome has gone and the victim to tell is there, due
 * by the working day the Victims' Code sets; Enter on that records that
 * they were told, and the worklist is empty; the figures, opened again,
 * count the orders just recorded.
 *
 * The officer (ofc) recorded sharing.ini (sentencing Friday 4 December
 * 2026, a phone and a laptop), whose note was submitted, approved by the
 * supervisor who made the database, and exported on 28 November. The
 * unit's one earlier case, passed.ini (a camera), is the supervisor's:
 * its deprivation order is recorded and its victim told, so it is in the
 * figures from the start and never on the officer's worklist. The journey
 * is on Monday 7 December; the unit received the outcome on the Friday of
 * the hearing, so the victim is to be told by the end of Monday (one
 * working day, the weekend not counted). Every step waits for text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define URN "14/WC/20417/26"    /* sharing.ini: the journey's case */
#define EARLIER "05/TR/50877/26" /* passed.ini: decided before it */
#define CTRL_W "\x17"

/* The fixture's days: the note's, then the journey's. */
static const char *const env_before[] = { "DORN_TODAY=2026-11-28", NULL };
static const char *const env_today[] = { "DORN_TODAY=2026-12-07", NULL };

static int setup(void **state)
{
	char out[4096];
	const char *ofc[] = { "staff", "add", "ofc", "--name", "Olu Officer", "--role",
			      "officer", NULL };
	const char *imp[] = { "--as", "ofc", "import", "data/examples/sharing.ini", NULL };
	const char *imp_earlier[] = { "import", "data/examples/passed.ini", NULL };
	const char *rec_earlier[] = { "outcome", EARLIER, "--date", "20/11/2026", "--court",
				      "Northmoor Crown Court", "--received", "20/11/2026",
				      "--item", "1", "--result", "order_made", NULL };
	const char *told_earlier[] = { "told", EARLIER, "--date", "23/11/2026", "--how",
				       "Email, as she asked", NULL };
	const char *sub[] = { "--as", "ofc", "submit", URN, NULL };
	const char *ok[] = { "review", "approve", URN, NULL };
	const char *exp[] = { "--as", "ofc", "export", URN, "--out", out, "--format", "txt",
			      NULL };
	const char *const *steps[] = { ofc, imp, imp_earlier, rec_earlier, told_earlier,
				       sub, ok, exp };
	struct h_term *t = h_new_init(env_before);

	if (!t)
		return -1;
	snprintf(out, sizeof out, "%s/exports", h_dir(t));
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (h_run_ok(t, steps[i], env_before, NULL, 0)) {
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

/* On Today, the duty of the case is on one line: its day, then its kind
 * as a word (the columns: "Mon 7 Dec  Tell      14/WC/..."). */
static void expect_duty(struct h_term *t, const char *day, const char *kind)
{
	int r = row_of(t, URN);
	const char *row, *p;

	if (r < 0) {
		h_dump(t, URN);
		fail_msg("Today shows no duty of %s", URN);
	}
	row = h_row_text(t, r);
	p = row + strlen(day);
	while (*p == ' ')
		p++;
	if (strncmp(row, day, strlen(day)) != 0 || strncmp(p, kind, strlen(kind)) != 0 ||
	    p[strlen(kind)] != ' ') {
		h_dump(t, kind);
		fail_msg("the duty of %s is not '%s' on %s: %s", URN, kind, day, row);
	}
}

/* The count on the row labelled label in the section whose heading shows
 * heading, of the figures screen: the funnel's rows end "count  pct%". */
static long figure(struct h_term *t, const char *heading, const char *label)
{
	int r = row_of(t, heading);
	char row[512], *tok[64], *end;
	size_t n = 0;
	long v;

	if (r < 0) {
		h_dump(t, heading);
		fail_msg("the figures show no section '%s'", heading);
	}
	/* the section's rows run to the blank row under them */
	for (r++; r < h_rows(t) && *h_row_text(t, r); r++) {
		snprintf(row, sizeof row, "%s", h_row_text(t, r));
		if (strncmp(row + strspn(row, " "), label, strlen(label)) != 0)
			continue;
		for (char *s = strtok(row, " "); s && n < 64; s = strtok(NULL, " "))
			tok[n++] = s;
		if (n < 2 || tok[n - 1][strlen(tok[n - 1]) - 1] != '%' ||
		    !isdigit((unsigned char)tok[n - 2][0]))
			break;
		v = strtol(tok[n - 2], &end, 10);
		if (*end)
			break;
		return v;
	}
	h_dump(t, label);
	fail_msg("no count on the row '%s' under '%s'", label, heading);
	return -1;
}

#define CASES "bars: share of concerns recorded"
#define ITEMS "bars: share of all items"

struct orders {
	long cases_decided, cases_made, items_made, items_refused;
};

/* From the case list: f, the orders counted on the first page, Esc. */
static struct orders read_figures(struct h_term *t)
{
	struct orders o;

	h_send(t, "f");
	h_expect_text(t, "Figures: every case recorded (today is 7 Dec 2026)");
	o.cases_decided = figure(t, CASES, "Outcome recorded");
	o.cases_made = figure(t, CASES, "Order made");
	o.items_made = figure(t, ITEMS, "Order made");
	o.items_refused = figure(t, ITEMS, "Order refused");
	return o;
}

static void test_after_hearing__outcome_told_and_counted(void **state)
{
	struct h_term *t = *state;
	const char *args[] = { "--db", h_db(t), "--as", "ofc", NULL };
	const char *agenda[] = { "--as", "ofc", "agenda", "--format", "csv", NULL };
	const char *verify[] = { "audit", "--verify", NULL };
	char out[4096];
	struct orders before, after;

	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
	h_expect_text(t, "Victim ref");
	h_expect_text(t, URN);

	/* Today: the hearing has passed, the outcome is to record. */
	h_send(t, "t");
	h_expect_text(t, "dorn | Today");
	h_expect_text(t, "1 thing to do, 0 overdue: your cases, as of Mon 7 Dec 2026.");
	expect_duty(t, "Fri 4 Dec", "Outcome");
	h_expect_said(t, "Record the outcome of the sentencing hearing on Fri 4 Dec 2026, "
			 "3 days ago");
	h_expect_no_text(t, EARLIER); /* decided and told: nothing to do */

	/* The figures before: the earlier case's order, and nothing of this
	 * one's yet. */
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	before = read_figures(t);
	assert_int_equal(before.cases_decided, 1);
	assert_int_equal(before.cases_made, 1);
	assert_int_equal(before.items_made, 1);
	assert_int_equal(before.items_refused, 0);
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");

	/* Enter on the duty: the Outcome screen of this case. */
	h_send(t, "t");
	h_expect_text(t, "dorn | Today");
	h_key(t, H_ENTER);
	h_expect_text(t, "Outcome of the hearing");
	h_expect_text(t, URN);
	h_expect_text(t, "Outcome: not recorded yet.");
	h_send(t, "04/12/2026");                /* the hearing */
	h_key(t, H_TAB);
	h_send(t, "Northgate Crown Court");
	h_key(t, H_TAB);
	h_send(t, "04/12/2026");                /* received the day of it */
	h_key(t, H_PGDN);
	h_expect_text(t, "Item 1. Phone HA/1");
	h_send(t, "d");                         /* deprivation order made */
	h_expect_text(t, "(\xe2\x80\xa2) deprivation order made");
	h_key(t, H_PGDN);
	h_expect_text(t, "Item 2. Laptop HA/2");
	h_send(t, "r");                         /* refused: why, and what next */
	h_key(t, H_TAB);
	h_send(t, "Shared family laptop");
	h_key(t, H_TAB);
	h_send(t, "Ask the CPS about forfeiture");
	h_expect_text(t, "NOT SAVED (Ctrl-W saves)");
	h_send(t, CTRL_W);
	h_expect_text(t, "Saved: outcome version 1 (recorded)");
	h_expect_no_text(t, "NOT SAVED");
	h_expect_text(t, "Outcome complete: every item is accounted for.");
	/* Friday, plus one working day: Monday, not Saturday. */
	h_expect_text(t, "Tell the victim by the end of Mon 7 Dec 2026, today.");

	/* Back on Today: the outcome has gone, the victim to tell is there. */
	h_key(t, H_ESC);
	h_expect_text(t, "dorn | Today");
	h_expect_text(t, "1 thing to do, 0 overdue: your cases, as of Mon 7 Dec 2026.");
	expect_duty(t, "Mon 7 Dec", "Tell");
	h_expect_said(t, "Tell the victim the outcome by Mon 7 Dec 2026, today");
	h_expect_no_text(t, "Record the outcome");
	h_expect_no_text(t, "OVERDUE");

	/* Enter on it: the Outcome screen, already at telling the victim
	 * (the date they were told has the cursor: typing fills it). */
	h_key(t, H_ENTER);
	h_expect_text(t, "Outcome of the hearing");
	h_expect_text(t, "Tell the victim by the end of Mon 7 Dec 2026, today.");
	h_expect_text(t, "Told them on");
	h_expect_text(t, "Order refused by the court:"); /* what to say */
	h_send(t, "07/12/2026");
	h_key(t, H_TAB);
	h_send(t, "Phone call, then an email");
	h_send(t, CTRL_W);
	h_expect_text(t, "Saved: outcome version 2");
	h_expect_text(t, "The victim was told on Mon 7 Dec 2026, today: done.");
	h_expect_no_text(t, "Tell the victim by the end");

	/* Back on Today: nothing left. */
	h_key(t, H_ESC);
	h_expect_text(t, "dorn | Today");
	h_expect_text(t, "Nothing to do today.");
	h_expect_text(t, "0 things to do, 0 overdue");
	h_expect_no_text(t, URN);

	/* The figures again: this case decided, one more order made (the
	 * phone), the laptop refused. */
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	after = read_figures(t);
	assert_int_equal(after.cases_decided, before.cases_decided + 1);
	assert_int_equal(after.cases_made, before.cases_made + 1);
	assert_int_equal(after.items_made, before.items_made + 1);
	assert_int_equal(after.items_refused, before.items_refused + 1);
	assert_int_equal(after.cases_made, 2);
	assert_int_equal(after.items_made, 2);
	h_key(t, H_PGDN);
	h_expect_text(t, "Orders made beside the 2025 review");
	h_expect_text(t, "This unit");          /* cases with an order, of those decided */
	if (!strstr(h_row_text(t, row_of(t, "This unit")), " 2 of 2 ")) {
		h_dump(t, "This unit");
		fail_msg("the unit's orders made are not 2 of 2 cases decided");
	}
	h_key(t, H_ESC);
	h_expect_text(t, "Victim ref");
	h_send(t, "q");
	h_expect_exit(t, 0);

	/* The command line agrees: no duty left, and the log holds. */
	assert_int_equal(h_run_ok(t, agenda, env_today, out, sizeof out), 0);
	if (strstr(out, URN))
		fail_msg("dorn agenda still lists %s:\n%s", URN, out);
	assert_int_equal(h_run_ok(t, verify, env_today, NULL, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_after_hearing__outcome_told_and_counted,
						setup, h_teardown),
	};

	return cmocka_run_group_tests_name("e2e-after-hearing", tests, NULL, NULL);
}
