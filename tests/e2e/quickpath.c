/* Issue 11, part 8: the common path is short. The reference case
 * (tests/e2e/reference-case.txt) is recorded through the screens by the
 * quick path that README describes, from an empty database to dorn's exit.
 * Every key that is not text typed into a text field is counted (Tab,
 * Enter, arrows, PgDn, Alt-digits, Esc, y/n answers, choice letters, Space
 * on ticks, n and q on the case list); the count is printed, and more than
 * 60 fails. Then `dorn show --format json` must hold every value exactly.
 * Tests run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#define REFERENCE "tests/e2e/reference-case.txt"
#define EMPTY_TEXT "No cases yet. Press n to start a new case, ? for help, q to quit."
#define KEEP_TEXT "Keep this new item? y keeps it, n discards it"
#define MAX_KEYS 60

/* ---- the reference case, read from its file ---- */

#define REF_MAX 64

static struct {
	char key[48];
	char val[1024];
} ref_rows[REF_MAX];
static size_t ref_n;

static void ref_load(void)
{
	FILE *f = fopen(REFERENCE, "r");
	char line[1200];

	if (!f)
		fail_msg("cannot open %s (tests run from the repository root)", REFERENCE);
	ref_n = 0;
	while (fgets(line, sizeof line, f)) {
		char *eq, *k, *v, *end;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || !(eq = strstr(line, " = ")))
			continue;
		*eq = '\0';
		k = line;
		v = eq + 3;
		end = v + strlen(v);
		assert_true(end == v || end[-1] != ' '); /* no trailing blank */
		assert_true(ref_n < REF_MAX);
		assert_true(strlen(k) < sizeof ref_rows[0].key);
		assert_true(strlen(v) < sizeof ref_rows[0].val);
		strcpy(ref_rows[ref_n].key, k);
		strcpy(ref_rows[ref_n].val, v);
		ref_n++;
	}
	fclose(f);
}

/* The value of key in the reference case; fails the test when missing. */
static const char *ref(const char *key)
{
	for (size_t i = 0; i < ref_n; i++)
		if (strcmp(ref_rows[i].key, key) == 0)
			return ref_rows[i].val;
	fail_msg("%s has no \"%s\"", REFERENCE, key);
	return "";
}

/* Characters (code points) in a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* ISO date d plus days, as out (ISO) and shown (dd/mm/yyyy). */
static void add_days(const char *iso, int days, char out[11], char shown[11])
{
	struct tm tm = { 0 };
	time_t when;

	assert_int_equal(sscanf(iso, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday), 3);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	when = timegm(&tm);
	gmtime_r(&when, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	strftime(shown, 11, "%d/%m/%Y", &tm);
}

/* ---- sending keys, counted ---- */

static int counted;     /* non-text keys sent so far */
static int step_keys;   /* since the last step_done */

/* A key that is not text (Tab, Enter, arrows, PgDn, Esc, ...). */
static void key(struct h_term *t, enum h_key k)
{
	h_key(t, k);
	counted++;
	step_keys++;
}

/* One key given as the bytes the terminal sends for it: a letter that
 * picks an option or answers a question, Space on a tick, Alt-digit. */
static void press(struct h_term *t, const char *bytes)
{
	h_send(t, bytes);
	counted++;
	step_keys++;
}

/* Text typed into a text field: not counted. */
static void type(struct h_term *t, const char *text)
{
	h_send(t, text);
}

static void step_done(const char *what)
{
	fprintf(stderr, "quick path: %-34s %2d keys\n", what, step_keys);
	step_keys = 0;
}

static const char *const *env_today(void)
{
	static char today[40];
	static const char *env[2];

	snprintf(today, sizeof today, "DORN_TODAY=%s", ref("today"));
	env[0] = today;
	env[1] = NULL;
	return env;
}

/* ---- the journey ---- */

static void record_reference_case(struct h_term *t, const char *sentencing_shown)
{
	const char *args[] = { "--db", h_db(t), NULL };

	assert_int_equal(h_spawn(t, args, env_today(), 24, 80), 0);
	h_expect_text(t, EMPTY_TEXT);
	press(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	step_done("case list: a new case");

	/* Step 1: URN, defendant, s.66B(2), conviction, sentencing date. */
	type(t, ref("urn"));
	key(t, H_TAB);
	type(t, ref("defendant"));
	key(t, H_TAB);                    /* court: not known */
	key(t, H_TAB);                    /* offences: on s.66B(1) */
	key(t, H_DOWN);
	press(t, " ");                    /* s.66B(2) */
	key(t, H_TAB);                    /* stage: charge */
	press(t, "c");                    /* the next option with c: conviction */
	h_expect_text(t, "(\xe2\x80\xa2) conviction");
	key(t, H_TAB);                    /* next hearing date */
	key(t, H_TAB);                    /* next hearing type */
	key(t, H_TAB);                    /* sentencing date */
	type(t, sentencing_shown);
	h_expect_text(t, sentencing_shown);
	key(t, H_PGDN);
	h_expect_text(t, "Step 2 of 7: Victim, consent and safety");
	step_done("step 1 Case");

	/* Step 2: reference, consent asked and given, its date today. */
	type(t, ref("victim_reference"));
	key(t, H_TAB);                    /* name: optional */
	key(t, H_TAB);                    /* consent to share */
	press(t, "y");
	h_expect_text(t, "Record that the victim agrees that this note may be shared");
	press(t, "y");
	h_expect_text(t, "(Enter takes ");
	key(t, H_ENTER);                  /* today's date; on to safe contact */
	h_expect_text(t, "A safe way to make contact");
	press(t, "\x1b" "4");             /* Alt-4: past step 3, age not known */
	h_expect_text(t, "Step 4 of 7: The concern");
	step_done("step 2 Victim (Alt-4 past step 3)");

	/* Step 4: the first fear ticked, the victim's words. */
	press(t, " ");                    /* the device given back */
	key(t, H_TAB);                    /* another fear */
	key(t, H_TAB);                    /* their own words */
	h_expect_text(t, "Their own words");
	type(t, ref("statement"));
	key(t, H_PGDN);
	h_expect_text(t, "Step 5 of 7: Devices and accounts");
	step_done("step 4 Concern");

	/* Step 5: a phone, the shared laptop, the cloud account. */
	press(t, "a");
	h_expect_text(t, "new item 1");
	press(t, "p");                    /* phone */
	key(t, H_TAB);
	type(t, ref("item1.description"));
	key(t, H_TAB);
	press(t, "t");                    /* owner: the defendant */
	h_expect_text(t, "(\xe2\x80\xa2) the defendant");
	key(t, H_ESC);
	h_expect_text(t, KEEP_TEXT);
	press(t, "y");
	h_expect_text(t, "1. Phone");

	press(t, "a");
	h_expect_text(t, "new item 2");
	press(t, "l");                    /* laptop */
	key(t, H_TAB);
	type(t, ref("item2.description"));
	key(t, H_TAB);
	press(t, "s");                    /* owner: shared */
	key(t, H_TAB);
	type(t, ref("item2.owner_detail"));
	h_expect_text(t, ref("item2.owner_detail"));
	key(t, H_ESC);
	h_expect_text(t, KEEP_TEXT);
	press(t, "y");
	h_expect_text(t, "2. Laptop");

	press(t, "a");
	h_expect_text(t, "new item 3");
	press(t, "o");                    /* online account */
	h_expect_text(t, "(\xe2\x80\xa2) online account");
	key(t, H_TAB);
	type(t, ref("item3.description"));
	key(t, H_TAB);
	press(t, "t");                    /* owner: the defendant */
	h_expect_text(t, "(\xe2\x80\xa2) the defendant");
	key(t, H_ESC);
	h_expect_text(t, KEEP_TEXT);
	press(t, "y");
	h_expect_text(t, "3. Online account");
	key(t, H_PGDN);
	h_expect_text(t, "Step 6 of 7: Support offered");
	step_done("step 5 Devices (3 items)");

	/* Step 6: the helpline and StopNCII ticked; Esc saves and leaves. */
	press(t, " ");
	key(t, H_DOWN);
	press(t, " ");
	h_expect_text(t, "[x] StopNCII.org");
	key(t, H_ESC);
	h_expect_text(t, ref("urn"));
	step_done("step 6 Support, Esc to the list");

	press(t, "q");
	h_expect_exit(t, 0);
	step_done("case list: quit");
}

static void test_quick_path__reference_case_in_60_keys(void **state)
{
	struct h_term *t = *state;
	char sentencing[11], sentencing_shown[11];
	char *doc;

	ref_load();
	assert_int_equal(utf8_chars(ref("statement")),
			 (size_t)atoi(ref("statement_chars")));
	add_days(ref("today"), atoi(ref("sentencing_in_days")), sentencing, sentencing_shown);
	assert_string_equal(sentencing, ref("sentencing_date"));

	counted = step_keys = 0;
	record_reference_case(t, sentencing_shown);
	printf("quick path: %d non-text keys (at most %d)\n", counted, MAX_KEYS);
	fflush(stdout);
	if (counted > MAX_KEYS)
		fail_msg("the quick path took %d non-text keys, more than %d", counted, MAX_KEYS);

	doc = h_show_json(t, ref("urn"), env_today());
	h_expect_json(doc, "urn", ref("urn_stored"));
	h_expect_json(doc, "defendant", ref("defendant"));
	h_expect_json(doc, "offences.0.code", ref("offence"));
	h_expect_no_json(doc, "offences.1");
	h_expect_json(doc, "stage", ref("stage"));
	h_expect_json(doc, "sentencing_date", ref("sentencing_date"));
	h_expect_json(doc, "next_hearing", "null");
	h_expect_json(doc, "victim.reference", ref("victim_reference"));
	h_expect_json(doc, "victim.consent_to_share", ref("consent"));
	h_expect_json(doc, "victim.consent_date", ref("consent_date"));
	h_expect_json(doc, "concern.fears.0", ref("fear"));
	h_expect_no_json(doc, "concern.fears.1");
	h_expect_json(doc, "concern.victim_words", ref("statement"));
	{
		char got[1024];

		assert_int_equal(h_json(doc, "concern.victim_words", got, sizeof got),
				 H_JSON_STRING);
		assert_int_equal(utf8_chars(got), 400);
	}
	for (int i = 0; i < 3; i++) {
		char path[40], key_[40];
		static const char *const fields[] = { "kind", "description", "owner" };

		snprintf(path, sizeof path, "items.%d.position", i);
		snprintf(key_, sizeof key_, "%d", i + 1);
		h_expect_json(doc, path, key_);
		for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
			snprintf(path, sizeof path, "items.%d.%s", i, fields[f]);
			snprintf(key_, sizeof key_, "item%d.%s", i + 1, fields[f]);
			h_expect_json(doc, path, ref(key_));
		}
	}
	h_expect_json(doc, "items.1.owner_detail", ref("item2.owner_detail"));
	h_expect_json(doc, "items.0.owner_detail", "");
	h_expect_json(doc, "items.2.owner_detail", "");
	h_expect_no_json(doc, "items.3");
	h_expect_json(doc, "victim.support_offered.0", ref("support1"));
	h_expect_json(doc, "victim.support_offered.1", ref("support2"));
	h_expect_no_json(doc, "victim.support_offered.2");
	free(doc);
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, h_setup_init, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_quick_path__reference_case_in_60_keys),
	};

	return cmocka_run_group_tests_name("e2e-quickpath", tests, NULL, NULL);
}
