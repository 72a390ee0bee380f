/* Journeys through step 5, devices and accounts: the item form asks only
 * what fits the item's kind (an online account: platform and identifier,
 * no seizure or value; a phone: no platform), a value typed before the
 * kind changed is kept, Esc on a new item asks whether to keep it, and the
 * list says what each item still lacks. Each test starts from its own
 * empty database; today is pinned. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define EMPTY_TEXT "No cases yet. Press n to start a new case, ? for help, q to quit."
#define KEEP_TEXT "Keep this new item? y keeps it, n discards it, Esc goes back to it"
#define LAST_FIELD "That was the last field"
#define PLATFORM "Platform (an account)"
#define ACCOUNT_ID "Account name or identifier"

static const char *const env_today[] = { "DORN_TODAY=2026-11-28", NULL };

/* A new case with its URN, on step 5 with no items. */
static void to_step_5(struct h_term *t, const char *urn)
{
	const char *args[] = { "--db", h_db(t), NULL };

	assert_int_equal(h_spawn(t, args, env_today, 24, 80), 0);
	h_expect_text(t, EMPTY_TEXT);
	h_send(t, "n");
	h_expect_text(t, "Step 1 of 7: Case");
	h_send(t, urn);
	h_key(t, H_PGDN);
	h_expect_text(t, "Step 2 of 7");
	h_key(t, H_PGDN);
	h_expect_text(t, "Step 3 of 7");
	h_key(t, H_PGDN);
	h_expect_text(t, "Step 4 of 7");
	h_key(t, H_PGDN);
	h_expect_text(t, "Step 5 of 7: Devices and accounts");
	h_expect_text(t, "None yet. Press a to add");
}

/* Tab through the item form to its end, field by field: each label in
 * want must show at some point, none in never. Fails after 60 fields. */
static void walk_form(struct h_term *t, const char *const want[], size_t nwant,
		      const char *const never[], size_t nnever)
{
	int seen[16] = { 0 };
	int n;

	assert_true(nwant <= 16);
	for (n = 0; n < 60; n++) {
		assert_true(h_wait_idle(t));
		for (size_t i = 0; i < nnever; i++)
			if (h_screen_contains(t, never[i])) {
				h_dump(t, never[i]);
				fail_msg("the item form shows \"%s\"", never[i]);
			}
		for (size_t i = 0; i < nwant; i++)
			seen[i] |= h_screen_contains(t, want[i]);
		if (h_screen_contains(t, LAST_FIELD))
			break;
		h_key(t, H_TAB);
	}
	assert_true(n < 60);
	for (size_t i = 0; i < nwant; i++)
		if (!seen[i]) {
			h_dump(t, want[i]);
			fail_msg("the item form never showed \"%s\"", want[i]);
		}
}

/* The fields an account never has, and the ones a phone never has. */
static const char *const device_only[] = {
	"Seized from", "When it was seized", "Exhibit reference", "Value (whole",
	"Held by", "Effect on the defendant", "make, model, colour",
	"Where it is now (not seized)",
};
static const char *const account_only[] = { PLATFORM, ACCOUNT_ID,
					    "Request made to the platform" };
/* The same labels as a narrow label column would cut them. */
static const char *const account_cut[] = { "Platform (an", "Account name", "Request made" };

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- an online account: platform and identifier, no seizure or value ---- */

static void test_kind__account_asks_platform_not_seizure(void **state)
{
	struct h_term *t = *state;
	char *doc;

	to_step_5(t, "01/AB/44441/26");
	h_send(t, "a");
	h_expect_text(t, "new item 1");
	h_send(t, "o");                      /* kind: online account */
	h_expect_text(t, "(\xe2\x80\xa2) online account");
	h_expect_text(t, "Description (what the account is)");
	walk_form(t, account_only, N(account_only), device_only, N(device_only));

	/* Its platform typed, then kept through Esc and y. */
	h_key(t, H_BTAB);
	h_key(t, H_BTAB);
	h_key(t, H_BTAB);
	h_expect_text(t, PLATFORM);
	h_send(t, "Snapchat");
	h_key(t, H_ESC);
	h_expect_text(t, KEEP_TEXT);
	h_send(t, "y");
	h_expect_text(t, "1. Online account");
	/* what it lacks, not a seizure: accounts are not seized */
	h_expect_text(t, "needs: ");
	h_expect_no_text(t, "seized from");
	h_key(t, H_ESC);
	h_expect_text(t, "01/AB/44441/26");
	h_send(t, "q");
	h_expect_exit(t, 0);

	doc = h_show_json(t, "01/AB/44441/26", env_today);
	h_expect_json(doc, "items.0.kind", "cloud-account");
	h_expect_json(doc, "items.0.platform", "Snapchat");
	/* dorn show keeps every field, whatever the kind */
	h_expect_json(doc, "items.0.seized", "unknown");
	h_expect_json(doc, "items.0.value_estimate", "null");
	free(doc);
}

/* ---- a phone: seizure and value, no platform ---- */

static void test_kind__phone_asks_seizure_not_platform(void **state)
{
	static const char *const phone[] = { "Seized from", "Value (whole",
					     "Exhibit reference", "make, model, colour" };
	struct h_term *t = *state;

	to_step_5(t, "01/AB/44442/26");
	h_send(t, "a");
	h_expect_text(t, "new item 1");
	h_send(t, "p");                      /* kind: phone */
	h_expect_text(t, "(\xe2\x80\xa2) phone");
	walk_form(t, phone, N(phone), account_cut, N(account_cut));
}

/* ---- a value typed, then the kind changed: hidden, never erased ---- */

static void test_kind__change_hides_but_keeps(void **state)
{
	struct h_term *t = *state;
	char *doc;

	to_step_5(t, "01/AB/44443/26");
	h_send(t, "a");
	h_expect_text(t, "new item 1");
	h_send(t, "o");                      /* online account */
	h_expect_text(t, "(\xe2\x80\xa2) online account");
	walk_form(t, NULL, 0, device_only, N(device_only));
	h_key(t, H_BTAB);
	h_key(t, H_BTAB);
	h_key(t, H_BTAB);
	h_expect_text(t, PLATFORM);
	h_send(t, "Snapchat");
	h_key(t, H_HOME);                    /* Home in a text field: its start */
	for (int i = 0; i < 40; i++)
		h_key(t, H_BTAB);
	h_expect_text(t, "(\xe2\x80\xa2) online account");
	h_send(t, "p");                      /* now a phone */
	h_expect_text(t, "1 field that does not fit the kind (phone) is hidden");
	h_expect_no_text(t, "Snapchat");
	h_send(t, "o");                      /* an account again: it is back */
	walk_form(t, NULL, 0, NULL, 0);
	h_expect_text(t, "Snapchat");
	h_key(t, H_ESC);
	h_expect_text(t, KEEP_TEXT);
	h_send(t, "y");
	h_expect_text(t, "1. Online account");
	h_key(t, H_ESC);
	h_expect_text(t, "01/AB/44443/26");
	h_send(t, "q");
	h_expect_exit(t, 0);

	doc = h_show_json(t, "01/AB/44443/26", env_today);
	h_expect_json(doc, "items.0.platform", "Snapchat");
	free(doc);
}

/* ---- Esc on a new item asks: n discards, Esc goes back, y keeps ---- */

static void test_esc__new_item_asks_keep_or_discard(void **state)
{
	struct h_term *t = *state;
	char *doc;

	to_step_5(t, "01/AB/44444/26");
	h_send(t, "a");
	h_expect_text(t, "new item 1");
	h_send(t, "p");
	h_expect_text(t, "(\xe2\x80\xa2) phone");
	h_key(t, H_ESC);
	h_expect_text(t, KEEP_TEXT);
	h_send(t, "n");
	h_expect_text(t, "Discarded: the new item is not in the case.");
	h_expect_text(t, "None yet. Press a to add");
	h_expect_no_text(t, "1. Phone");

	/* Esc at the question goes back to the item, as it was. */
	h_send(t, "a");
	h_expect_text(t, "new item 1");
	h_send(t, "p");
	h_key(t, H_ESC);
	h_expect_text(t, KEEP_TEXT);
	h_key(t, H_ESC);
	h_expect_text(t, "new item 1");
	h_expect_text(t, "(\xe2\x80\xa2) phone");
	/* a stray key answers nothing: the question stays */
	h_key(t, H_ESC);
	h_expect_text(t, KEEP_TEXT);
	h_send(t, "x");
	h_expect_text(t, KEEP_TEXT);
	h_send(t, "y");
	h_expect_no_text(t, "Keep this new item?");
	/* The list: the label, and what the item still lacks, cut to fit
	 * with a marker. */
	h_expect_text(t, "1. Phone (owner not known)");
	h_expect_text(t, "needs: seized from, how used, forensic report...");

	/* An item being edited keeps its changes on Esc, as before. */
	h_key(t, H_ENTER);
	h_expect_text(t, "Step 5 of 7: Devices and accounts: item 1");
	h_send(t, "l");                      /* now a laptop */
	h_expect_text(t, "(\xe2\x80\xa2) laptop");
	h_key(t, H_ESC);
	h_expect_no_text(t, "Keep this new item?");
	h_expect_text(t, "1. Laptop");
	h_key(t, H_ESC);
	h_expect_text(t, "01/AB/44444/26");
	h_send(t, "q");
	h_expect_exit(t, 0);

	doc = h_show_json(t, "01/AB/44444/26", env_today);
	h_expect_json(doc, "items.0.kind", "laptop");
	h_expect_no_json(doc, "items.1");
	free(doc);
}

/* ---- n discards the only item: the case has none ---- */

static void test_esc__discard_leaves_the_list_empty(void **state)
{
	struct h_term *t = *state;
	char *doc;

	to_step_5(t, "01/AB/44445/26");
	h_send(t, "a");
	h_expect_text(t, "new item 1");
	h_send(t, "o");
	h_key(t, H_TAB);
	h_send(t, "Her cloud photos");
	h_key(t, H_ESC);
	h_expect_text(t, KEEP_TEXT);
	h_send(t, "n");
	h_expect_text(t, "None yet. Press a to add");
	h_key(t, H_ESC);
	h_expect_text(t, "01/AB/44445/26");
	h_send(t, "q");
	h_expect_exit(t, 0);

	doc = h_show_json(t, "01/AB/44445/26", env_today);
	h_expect_no_json(doc, "items.0");
	free(doc);
}

#define JOURNEY(f) cmocka_unit_test_setup_teardown(f, h_setup_init, h_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		JOURNEY(test_kind__account_asks_platform_not_seizure),
		JOURNEY(test_kind__phone_asks_seizure_not_platform),
		JOURNEY(test_kind__change_hides_but_keeps),
		JOURNEY(test_esc__new_item_asks_keep_or_discard),
		JOURNEY(test_esc__discard_leaves_the_list_empty),
	};

	return cmocka_run_group_tests_name("e2e-items", tests, NULL, NULL);
}
