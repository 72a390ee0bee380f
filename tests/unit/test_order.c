/* Unit tests for the draft order (core/order.c): which items its schedule
 * lists, for every combination of the recorded facts, and the values its
 * template reads. Fictitious data only. */
#include "testutil.h"

#include "dorn/buf.h"
#include "dorn/doc.h"
#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/order.h"
#include "dorn/rules.h"
#include "dorn/tmpl.h"

static struct dorn_offence offence_rows[] = {
	{ "soa66b2", "Sexual Offences Act 2003, s.66B(2)", "sharing with intent",
	  DORN_OFFENCE_INTIMATE, 1, 0 },
	{ "cja160", "Criminal Justice Act 1988, s.160", "possession of IIOC",
	  DORN_OFFENCE_CHILD, 1, 1 },
};
static const struct dorn_offences offences = { offence_rows, 2 };

static void item(struct dorn_item *it, int position, int kind, int from, int held)
{
	memset(it, 0, sizeof *it);
	it->position = position;
	it->kind = kind;
	it->seized_from = from;
	it->held_at_arrest = held;
	it->how_used = DORN_USE_SENT;
	it->value_estimate = -1;
	snprintf(it->exhibit_ref, sizeof it->exhibit_ref, "TX/%d", position);
	snprintf(it->description, sizeof it->description, "grey phone %d", position);
}

static void property(struct dorn_item_assessment *ia, const struct dorn_item *it)
{
	memset(ia, 0, sizeof *ia);
	ia->position = it->position;
	ia->property = it->kind != DORN_KIND_CLOUD;
	ia->used = it->how_used;
}

/* ---- the rule, every combination ---- */

static const int froms[] = { DORN_FROM_UNKNOWN, DORN_FROM_DEFENDANT, DORN_FROM_OTHER,
			     DORN_FROM_NOT_SEIZED };
static const int helds[] = { DORN_TRI_UNKNOWN, DORN_TRI_YES, DORN_TRI_NO };

/* Every combination for a device, written out: seized_from, held_at_arrest,
 * included, limbs (S seized, H held, 0 to be shown). */
#define S DORN_ORDER_SEIZED
#define H DORN_ORDER_HELD
static const struct {
	int from, held, in;
	unsigned limbs;
} table[] = {
	{ DORN_FROM_UNKNOWN, DORN_TRI_UNKNOWN, 1, 0 },
	{ DORN_FROM_UNKNOWN, DORN_TRI_YES, 1, H },
	{ DORN_FROM_UNKNOWN, DORN_TRI_NO, 1, 0 },
	{ DORN_FROM_DEFENDANT, DORN_TRI_UNKNOWN, 1, S },
	{ DORN_FROM_DEFENDANT, DORN_TRI_YES, 1, S | H },
	{ DORN_FROM_DEFENDANT, DORN_TRI_NO, 1, S },
	{ DORN_FROM_OTHER, DORN_TRI_UNKNOWN, 1, 0 },
	{ DORN_FROM_OTHER, DORN_TRI_YES, 1, H },
	{ DORN_FROM_OTHER, DORN_TRI_NO, 0, 0 },
	{ DORN_FROM_NOT_SEIZED, DORN_TRI_UNKNOWN, 1, 0 },
	{ DORN_FROM_NOT_SEIZED, DORN_TRI_YES, 1, H },
	{ DORN_FROM_NOT_SEIZED, DORN_TRI_NO, 0, 0 },
};
#undef S
#undef H

static void test_row__every_combination_for_a_device(void **state)
{
	struct dorn_item it;
	struct dorn_item_assessment ia;
	struct dorn_order_row r;

	(void)state;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		item(&it, 1, DORN_KIND_LAPTOP, table[i].from, table[i].held);
		property(&ia, &it);
		if (dorn_order_row(&it, &ia, &r) != table[i].in)
			fail_msg("row %zu: seized_from %d, held_at_arrest %d: included should "
				 "be %d", i, table[i].from, table[i].held, table[i].in);
		assert_int_equal(r.why, table[i].in ? DORN_ORDER_IN : DORN_ORDER_NO_LIMB);
		assert_int_equal(r.limbs, table[i].limbs);
	}
}

static void test_row__seized_from_defendant_is_in(void **state)
{
	struct dorn_item it;
	struct dorn_item_assessment ia;
	struct dorn_order_row r;

	(void)state;
	item(&it, 1, DORN_KIND_PHONE, DORN_FROM_DEFENDANT, DORN_TRI_NO);
	property(&ia, &it);
	assert_int_equal(dorn_order_row(&it, &ia, &r), 1);
	assert_int_equal(r.limbs, DORN_ORDER_SEIZED);
	assert_string_equal(dorn_order_limb_name(r.limbs), "seized-from-defendant");
}

static void test_row__held_at_arrest_is_in_even_if_seized_from_another(void **state)
{
	struct dorn_item it;
	struct dorn_item_assessment ia;
	struct dorn_order_row r;

	(void)state;
	item(&it, 1, DORN_KIND_LAPTOP, DORN_FROM_OTHER, DORN_TRI_YES);
	property(&ia, &it);
	assert_int_equal(dorn_order_row(&it, &ia, &r), 1);
	assert_int_equal(r.limbs, DORN_ORDER_HELD);
	assert_string_equal(dorn_order_limb_name(r.limbs), "in-possession-at-arrest");
}

static void test_row__not_known_is_in_to_be_shown(void **state)
{
	struct dorn_item it;
	struct dorn_item_assessment ia;
	struct dorn_order_row r;

	(void)state;
	item(&it, 1, DORN_KIND_PHONE, DORN_FROM_UNKNOWN, DORN_TRI_NO);
	property(&ia, &it);
	assert_int_equal(dorn_order_row(&it, &ia, &r), 1);
	assert_int_equal(r.limbs, 0);
	assert_string_equal(dorn_order_limb_name(r.limbs), "to-be-shown");
	item(&it, 1, DORN_KIND_PHONE, DORN_FROM_NOT_SEIZED, DORN_TRI_UNKNOWN);
	assert_int_equal(dorn_order_row(&it, &ia, &r), 1);
	assert_int_equal(r.limbs, 0);
}

static void test_row__neither_limb_is_out(void **state)
{
	struct dorn_item it;
	struct dorn_item_assessment ia;
	struct dorn_order_row r;

	(void)state;
	item(&it, 1, DORN_KIND_LAPTOP, DORN_FROM_OTHER, DORN_TRI_NO);
	property(&ia, &it);
	assert_int_equal(dorn_order_row(&it, &ia, &r), 0);
	assert_int_equal(r.why, DORN_ORDER_NO_LIMB);
	assert_string_equal(dorn_order_why_name(r.why), "not-seized-or-held");
	item(&it, 1, DORN_KIND_LAPTOP, DORN_FROM_NOT_SEIZED, DORN_TRI_NO);
	assert_int_equal(dorn_order_row(&it, &ia, &r), 0);
	assert_int_equal(r.why, DORN_ORDER_NO_LIMB);
}

static void test_row__an_account_is_never_in(void **state)
{
	struct dorn_item it;
	struct dorn_item_assessment ia;
	struct dorn_order_row r;

	(void)state;
	for (size_t f = 0; f < 4; f++) {
		for (size_t h = 0; h < 3; h++) {
			item(&it, 1, DORN_KIND_CLOUD, froms[f], helds[h]);
			property(&ia, &it);
			assert_int_equal(dorn_order_row(&it, &ia, &r), 0);
			assert_int_equal(r.why, DORN_ORDER_NOT_PROPERTY);
			assert_string_equal(dorn_order_why_name(r.why), "not-property");
		}
	}
	/* The assessment saying "not property" is enough on its own. */
	item(&it, 1, DORN_KIND_PHONE, DORN_FROM_DEFENDANT, DORN_TRI_YES);
	property(&ia, &it);
	ia.property = 0;
	assert_int_equal(dorn_order_row(&it, &ia, &r), 0);
	assert_int_equal(r.why, DORN_ORDER_NOT_PROPERTY);
}

static void test_row__use_and_possession_as_recorded(void **state)
{
	struct dorn_item it;
	struct dorn_item_assessment ia;
	struct dorn_order_row r;

	(void)state;
	item(&it, 1, DORN_KIND_PHONE, DORN_FROM_DEFENDANT, DORN_TRI_YES);
	it.how_used = DORN_USE_TOOK | DORN_USE_STORED;
	property(&ia, &it);
	assert_int_equal(dorn_order_row(&it, &ia, &r), 1);
	assert_int_equal(r.limbs, DORN_ORDER_SEIZED | DORN_ORDER_HELD);
	assert_int_equal(r.used, DORN_USE_TOOK | DORN_USE_STORED);
	assert_int_equal(r.possession, 0);
	it.how_used = 0;
	ia.possession = 1;
	assert_int_equal(dorn_order_row(&it, &ia, &r), 1);
	assert_int_equal(r.used, 0);
	assert_int_equal(r.possession, 1);
}

/* ---- the template's values ---- */

static const char schedule_tmpl[] =
	"{{#child}}CHILD {{/child}}{{urn}} {{defendant}}\n"
	"{{#rows}}"
	"{{number}}|{{position}}|{{exhibit}}|{{description}}|"
	"{{#from_defendant}}D{{/from_defendant}}{{#from_other}}O:{{seized_from_name}}{{/from_other}}"
	"{{#from_not_seized}}N{{/from_not_seized}}{{#from_unknown}}?{{/from_unknown}}|"
	"{{#limb_seized}}S{{/limb_seized}}{{#limb_held}}H{{/limb_held}}"
	"{{#limb_to_be_shown}}T{{/limb_to_be_shown}}|{{#used}}{{use_text}}{{/used}}"
	"{{#possession}}|P{{/possession}}\n"
	"{{/rows}}"
	"{{#excluded}}"
	"x{{position}}{{#not_property}} account{{/not_property}}{{#no_limb}} neither{{/no_limb}}\n"
	"{{/excluded}}";

static void render(const char *text, const struct dorn_case *c, const struct dorn_assessment *a,
		   struct dorn_buf *out)
{
	struct dorn_tmpl *t = NULL;
	struct dorn_err err = { 0 };

	struct dorn_buf model;

	dorn_buf_init(&model);
	assert_int_equal(dorn_tmpl_parse(text, strlen(text), "t.txt", &t, &err), 0);
	if (dorn_order_render(t, c, a, &offences, &model, &err) != 0)
		fail_msg("render: %s", err.msg);
	/* As the text export reads it. */
	assert_int_equal(dorn_doc_text(dorn_buf_str(&model), DORN_NOTE_WIDTH, out), 0);
	dorn_buf_fini(&model);
	dorn_tmpl_free(t);
}

static struct dorn_case *three_items(struct dorn_assessment *a)
{
	struct dorn_case *c = dorn_case_new();

	assert_non_null(c);
	snprintf(c->urn, sizeof c->urn, "01AB1234526");
	snprintf(c->defendant, sizeof c->defendant, "Test Defendant");
	/* Stored out of order: the schedule goes by position. */
	item(&c->items[0], 3, DORN_KIND_CLOUD, DORN_FROM_UNKNOWN, DORN_TRI_UNKNOWN);
	item(&c->items[1], 1, DORN_KIND_PHONE, DORN_FROM_OTHER, DORN_TRI_YES);
	snprintf(c->items[1].seized_from_name, sizeof c->items[1].seized_from_name,
		 "Mrs\x01 Example");
	c->items[1].how_used = DORN_USE_TOOK | DORN_USE_SENT;
	item(&c->items[2], 2, DORN_KIND_LAPTOP, DORN_FROM_NOT_SEIZED, DORN_TRI_NO);
	item(&c->items[3], 4, DORN_KIND_STORAGE, DORN_FROM_UNKNOWN, DORN_TRI_UNKNOWN);
	c->items[3].how_used = 0;
	c->nitems = 4;
	memset(a, 0, sizeof *a);
	a->nitems = 4;
	for (int i = 0; i < 4; i++) {
		struct dorn_item *it = NULL;

		for (int k = 0; k < 4; k++)
			if (c->items[k].position == i + 1)
				it = &c->items[k];
		property(&a->items[i], it);
	}
	a->items[3].possession = 1;
	return c;
}

static void test_render__rows_and_left_out_items(void **state)
{
	struct dorn_assessment a;
	struct dorn_case *c = three_items(&a);
	struct dorn_buf out;

	(void)state;
	dorn_buf_init(&out);
	render(schedule_tmpl, c, &a, &out);
	assert_string_equal(dorn_buf_str(&out),
			    "01/AB/12345/26 Test Defendant\n"
			    "1|1|TX/1|grey phone 1|O:Mrs Example|H|take and send the images\n"
			    "2|4|TX/4|grey phone 4|?|T||P\n"
			    "x2 neither\n"
			    "x3 account\n");
	dorn_buf_fini(&out);
	dorn_case_free(c);
}

static void test_render__child_flag(void **state)
{
	struct dorn_assessment a;
	struct dorn_case *c = three_items(&a);
	struct dorn_buf out;

	(void)state;
	a.child = 1;
	dorn_buf_init(&out);
	render("{{#child}}CHILD{{/child}}{{^child}}ADULT{{/child}}\n", c, &a, &out);
	assert_string_equal(dorn_buf_str(&out), "CHILD\n");
	dorn_buf_fini(&out);
	dorn_case_free(c);
}

/* The shipped template reads only names that exist, and says what it must. */
static void test_render__shipped_template(void **state)
{
	char path[4096], *text;
	const char *dir = getenv("DORN_DATADIR");
	struct dorn_assessment a;
	struct dorn_case *c = three_items(&a);
	struct dorn_buf out;
	FILE *f;
	long n;

	(void)state;
	snprintf(path, sizeof path, "%s/templates/order.txt", dir ? dir : "data");
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	dorn_buf_init(&out);
	render(text, c, &a, &out);
	assert_non_null(strstr(dorn_buf_str(&out), "DRAFT DEPRIVATION ORDER"));
	assert_null(strstr(dorn_buf_str(&out), "FORFEITURE"));
	assert_non_null(strstr(dorn_buf_str(&out), "Exhibit TX/1"));
	assert_non_null(strstr(dorn_buf_str(&out), "Mrs Example (not the defendant)"));
	assert_non_null(strstr(dorn_buf_str(&out), "to be shown"));
	assert_non_null(strstr(dorn_buf_str(&out), "not as the only basis"));
	assert_non_null(strstr(dorn_buf_str(&out), "not property"));
	/* Never a claim that it was seized from the defendant: nothing says so. */
	assert_null(strstr(dorn_buf_str(&out), "recorded as seized from the defendant"));
	dorn_buf_reset(&out);
	a.child = 1;
	render(text, c, &a, &out);
	assert_non_null(strstr(dorn_buf_str(&out), "DRAFT FORFEITURE AND DESTRUCTION ORDER"));
	dorn_buf_fini(&out);
	free(text);
	dorn_case_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row__every_combination_for_a_device),
		cmocka_unit_test(test_row__seized_from_defendant_is_in),
		cmocka_unit_test(test_row__held_at_arrest_is_in_even_if_seized_from_another),
		cmocka_unit_test(test_row__not_known_is_in_to_be_shown),
		cmocka_unit_test(test_row__neither_limb_is_out),
		cmocka_unit_test(test_row__an_account_is_never_in),
		cmocka_unit_test(test_row__use_and_possession_as_recorded),
		cmocka_unit_test(test_render__rows_and_left_out_items),
		cmocka_unit_test(test_render__child_flag),
		cmocka_unit_test(test_render__shipped_template),
	};

	return cmocka_run_group_tests_name("order", tests, NULL, NULL);
}
