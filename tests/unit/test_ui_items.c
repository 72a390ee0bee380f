/* The item list's one-line labels: whose the item is (seized from, or the
 * owner), and never wider than the list in an 80-column terminal, cut by
 * display width and never inside a character. */
#include "testutil.h"

#include "dorn/model.h"
#include "dorn/text.h"
#include "../../src/ui/interview.h"

static void item(struct dorn_item *it, int kind, const char *desc, const char *ex)
{
	memset(it, 0, sizeof *it);
	it->position = 1;
	it->kind = kind;
	it->value_estimate = -1;
	snprintf(it->description, sizeof it->description, "%s", desc);
	snprintf(it->exhibit_ref, sizeof it->exhibit_ref, "%s", ex);
}

static size_t width(const char *s)
{
	return dorn_text_width(s, strlen(s));
}

static void test_label__says_whose_it_is(void **state)
{
	struct dorn_item it;
	char out[512];

	(void)state;
	item(&it, DORN_KIND_PHONE, "Black iPhone 12", "AB/1");
	it.owner = DORN_OWNER_DEFENDANT;
	iv_item_label(&it, out, sizeof out);
	assert_string_equal(out, "1. Phone AB/1 (the defendant's): Black iPhone 12");

	it.seized_from = DORN_FROM_DEFENDANT;
	iv_item_label(&it, out, sizeof out);
	/* one column too many: the description gives way */
	assert_string_equal(out, "1. Phone AB/1 (from the defendant): Black iPh...");

	item(&it, DORN_KIND_LAPTOP, "Family laptop", "FN/3");
	it.owner = DORN_OWNER_THIRD_PARTY;
	it.seized_from = DORN_FROM_OTHER;
	snprintf(it.seized_from_name, sizeof it.seized_from_name, "Mrs Carver");
	iv_item_label(&it, out, sizeof out);
	assert_string_equal(out, "1. Laptop FN/3 (from Mrs Carver): Family laptop");

	it.seized_from = DORN_FROM_NOT_SEIZED;
	it.held_at_arrest = DORN_TRI_YES;
	iv_item_label(&it, out, sizeof out);
	assert_non_null(strstr(out, "(not seized, held at arrest)"));

	it.seized_from = DORN_FROM_UNKNOWN;
	snprintf(it.owner_detail, sizeof it.owner_detail, "his mother");
	iv_item_label(&it, out, sizeof out);
	assert_non_null(strstr(out, "(owner: his mother)"));

	it.owner = DORN_OWNER_UNKNOWN;
	iv_item_label(&it, out, sizeof out);
	assert_non_null(strstr(out, "(owner not known)"));
}

static void test_label__fits_the_list_by_display_width(void **state)
{
	struct dorn_item it;
	char out[512];

	(void)state;
	/* wide characters count two columns each, and are never cut in half */
	item(&it, DORN_KIND_STORAGE, "日本語のメモリーカード、机の引き出しから見つかったもの", "RK/4");
	it.seized_from = DORN_FROM_OTHER;
	snprintf(it.seized_from_name, sizeof it.seized_from_name,
		 "Zoë Hartigan-Núñez, the landlord of the flat above the shop");
	iv_item_label(&it, out, sizeof out);
	assert_true(width(out) <= IV_ITEM_LABEL_COLS);
	assert_int_equal(dorn_text_has_control(out, 0), 0);
	assert_non_null(strstr(out, "(from Zoë Hartigan-N"));
	assert_non_null(strstr(out, "..."));
	assert_true(dorn_utf8_valid(out, strlen(out), NULL));
	/* the description, all wide characters, is cut between two of them */
	it.seized_from = DORN_FROM_DEFENDANT;
	for (size_t ex = 0; ex < 4; ex++) {
		snprintf(it.exhibit_ref, sizeof it.exhibit_ref, "%.*s", (int)ex + 1, "ABCD");
		iv_item_label(&it, out, sizeof out);
		assert_true(width(out) <= IV_ITEM_LABEL_COLS);
		assert_true(dorn_utf8_valid(out, strlen(out), NULL));
		assert_non_null(strstr(out, "(from the defendant)"));
		/* an odd number of columns left: one fewer wide character */
		if (ex < 2)
			assert_non_null(strstr(out, ex ? "): 日..." : "): 日本..."));
	}
	for (int p = 1; p <= 50; p += 49) {
		it.position = p;
		memset(it.description, 'x', sizeof it.description - 1);
		it.description[sizeof it.description - 1] = '\0';
		memset(it.exhibit_ref, 'E', sizeof it.exhibit_ref - 1);
		it.exhibit_ref[sizeof it.exhibit_ref - 1] = '\0';
		iv_item_label(&it, out, sizeof out);
		assert_true(width(out) <= IV_ITEM_LABEL_COLS);
	}
	/* a short one is whole */
	item(&it, DORN_KIND_CLOUD, "Photo account", "");
	it.seized_from = DORN_FROM_NOT_SEIZED;
	iv_item_label(&it, out, sizeof out);
	assert_string_equal(out, "1. Online account (not seized): Photo account");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_label__says_whose_it_is),
		cmocka_unit_test(test_label__fits_the_list_by_display_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
