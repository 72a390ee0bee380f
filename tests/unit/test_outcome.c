/* Unit tests for the court's outcome (outcome.h) and the scripts for
 * telling the victim (data/outcome-scripts.ini, dorn_scripts_load). The
 * shipped scripts are held to what DOMAIN.md asks of anything said to a
 * victim; errors are compared in full. */
#include "testutil.h"

#include <ctype.h>

#include "dorn/datafiles.h"
#include "dorn/err.h"
#include "dorn/outcome.h"

/* ---- keys and labels ---- */

static void test_result__keys_and_labels(void **state)
{
	static const char *const keys[] = { "none", "order_made", "forfeiture", "refused",
					    "not_sought", "returned", "held" };

	(void)state;
	assert_int_equal(DORN_RESULT__COUNT, 7);
	for (int r = 0; r < DORN_RESULT__COUNT; r++) {
		assert_string_equal(dorn_result_key(r), keys[r]);
		assert_int_equal(dorn_result_from_key(keys[r]), r);
		assert_non_null(dorn_result_label(r));
		assert_true(isupper((unsigned char)dorn_result_label(r)[0]));
		for (int o = 0; o < r; o++)
			assert_string_not_equal(dorn_result_label(r), dorn_result_label(o));
	}
	assert_string_equal(dorn_result_label(DORN_RESULT_ORDER_MADE), "Deprivation order made");
	assert_string_equal(dorn_result_label(DORN_RESULT_RETURNED),
			    "To be returned to the defendant");
	assert_null(dorn_result_key(-1));
	assert_null(dorn_result_key(DORN_RESULT__COUNT));
	assert_null(dorn_result_label(DORN_RESULT__COUNT));
	assert_int_equal(dorn_result_from_key("Order_made"), -1);
	assert_int_equal(dorn_result_from_key(""), -1);
	assert_int_equal(dorn_result_from_key(NULL), -1);
}

/* ---- the shipped scripts ---- */

static size_t words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s; s++) {
		n += !isspace((unsigned char)*s) && !in;
		in = !isspace((unsigned char)*s);
	}
	return n;
}

static int has(const char *s, const char *what)
{
	return strstr(s, what) != NULL;
}

static void shipped(struct dorn_scripts *s)
{
	struct dorn_err err;

	dorn_err_clear(&err);
	if (dorn_scripts_load(NULL, s, &err) != 0)
		fail_msg("%s", err.msg);
}

/* Every outcome has both scripts, short enough to say, and each asks how
 * the victim is, blames no one and never asks about the images. */
static void test_shipped__every_script_is_there_and_short(void **state)
{
	static const char *const never[] = {
		"should have", "shouldn't have", "should not have", "why did you", "send me",
		"show me", "describe the image", "{{",
	};
	struct dorn_scripts s;

	(void)state;
	shipped(&s);
	assert_null(s.adult[DORN_RESULT_NONE]);
	assert_null(s.child[DORN_RESULT_NONE]);
	for (int r = DORN_RESULT_NONE + 1; r < DORN_RESULT__COUNT; r++) {
		const char *both[2] = { s.adult[r], s.child[r] };

		for (int c = 0; c < 2; c++) {
			const char *t = both[c];

			if (!t)
				fail_msg("[%s] has no %s script", dorn_result_key(r),
					 c ? "child" : "adult");
			if (words(t) > 120)
				fail_msg("[%s] %s is %zu words, over 120", dorn_result_key(r),
					 c ? "child" : "adult", words(t));
			if (!has(t, "How are you feeling"))
				fail_msg("[%s] %s does not ask how they are", dorn_result_key(r),
					 c ? "child" : "adult");
			for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
				if (has(t, never[i]))
					fail_msg("[%s] %s says '%s'", dorn_result_key(r),
						 c ? "child" : "adult", never[i]);
		}
		assert_ptr_equal(dorn_script(&s, r, 0), s.adult[r]);
		assert_ptr_equal(dorn_script(&s, r, 1), s.child[r]);
	}
	assert_null(dorn_script(&s, DORN_RESULT_NONE, 0));
	assert_null(dorn_script(&s, DORN_RESULT__COUNT, 1));
	assert_null(dorn_script(NULL, DORN_RESULT_HELD, 1));
	dorn_scripts_fini(&s);
}

/* Support that fits the victim's age now: Report Remove only for under
 * 18s, StopNCII.org and the Revenge Porn Helpline only for adults. */
static void test_shipped__support_fits_the_age(void **state)
{
	struct dorn_scripts s;

	(void)state;
	shipped(&s);
	for (int r = DORN_RESULT_NONE + 1; r < DORN_RESULT__COUNT; r++) {
		assert_false(has(s.adult[r], "Report Remove"));
		assert_false(has(s.adult[r], "Childline"));
		assert_false(has(s.child[r], "StopNCII"));
		assert_false(has(s.child[r], "Revenge Porn Helpline"));
		assert_false(has(s.child[r], "0345 6000 459"));
		assert_true(has(s.adult[r], "Revenge Porn Helpline") ==
			    has(s.adult[r], "0345 6000 459"));
		assert_true(has(s.child[r], "Childline"));
	}
	/* The hardest news: safety, and where to get images taken down. */
	assert_true(has(s.adult[DORN_RESULT_RETURNED], "safety plan"));
	assert_true(has(s.adult[DORN_RESULT_RETURNED], "Revenge Porn Helpline on 0345 6000 459"));
	assert_true(has(s.adult[DORN_RESULT_RETURNED], "StopNCII.org"));
	assert_true(has(s.adult[DORN_RESULT_RETURNED], "999"));
	assert_true(has(s.child[DORN_RESULT_RETURNED], "Report Remove"));
	assert_true(has(s.child[DORN_RESULT_RETURNED], "999"));
	/* No order asked for: the right to complain (Victims' Code). */
	assert_true(has(s.adult[DORN_RESULT_NOT_SOUGHT], "right to make a complaint"));
	assert_true(has(s.child[DORN_RESULT_NOT_SOUGHT], "right to complain"));
	dorn_scripts_fini(&s);
}

/* ---- loading ---- */

struct fx {
	char dir[64];
	char path[256];
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);

	assert_non_null(fx);
	tu_tmpdir(fx->dir, sizeof fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	tu_rmdir(fx->dir);
	free(fx);
	return 0;
}

/* Every section with short scripts: a file the tests change. */
#define ALL_BUT_HELD                                      \
	"[order_made]\nadult = \"A1\"\nchild = \"C1\"\n"  \
	"[forfeiture]\nadult = \"A2\"\nchild = \"C2\"\n"  \
	"[refused]\nadult = \"A3\"\nchild = \"C3\"\n"     \
	"[not_sought]\nadult = \"A4\"\nchild = \"C4\"\n"  \
	"[returned]\nadult = \"A5\"\nchild = \"C5\"\n"
#define ALL ALL_BUT_HELD "[held]\nadult = \"A6\"\nchild = \"C6\"\n"

static void load_fails(struct fx *fx, const char *text, const char *msg)
{
	struct dorn_scripts s;
	struct dorn_err err;
	char want[1024];

	tu_write(fx->dir, "scripts.ini", text, strlen(text), fx->path, sizeof fx->path);
	dorn_err_clear(&err);
	memset(&s, 0x5A, sizeof s);
	assert_int_equal(dorn_scripts_load(fx->path, &s, &err), DORN_ECONFIG);
	assert_int_equal(err.code, DORN_ECONFIG);
	snprintf(want, sizeof want, "%s%s", fx->path, msg);
	assert_string_equal(err.msg, want);
	for (int r = 0; r < DORN_RESULT__COUNT; r++) {
		assert_null(s.adult[r]);
		assert_null(s.child[r]);
	}
}

static void test_load__a_small_file(void **state)
{
	struct fx *fx = *state;
	static const char text[] = "; scripts\n" ALL;
	struct dorn_scripts s;
	struct dorn_err err;

	tu_write(fx->dir, "scripts.ini", text, strlen(text), fx->path, sizeof fx->path);
	if (dorn_scripts_load(fx->path, &s, &err) != 0)
		fail_msg("%s", err.msg);
	assert_string_equal(s.adult[DORN_RESULT_ORDER_MADE], "A1");
	assert_string_equal(s.child[DORN_RESULT_HELD], "C6");
	assert_string_equal(dorn_script(&s, DORN_RESULT_RETURNED, 1), "C5");
	dorn_scripts_fini(&s);
	dorn_scripts_fini(&s);
	dorn_scripts_fini(NULL);
}

static void test_load__a_missing_script_says_what_to_add(void **state)
{
	struct fx *fx = *state;

	load_fails(fx,
		   "[order_made]\nadult = \"A1\"\nchild = \"C1\"\n"
		   "[forfeiture]\nadult = \"A2\"\nchild = \"C2\"\n"
		   "[refused]\nadult = \"A3\"\nchild = \"C3\"\n"
		   "[not_sought]\nadult = \"A4\"\nchild = \"C4\"\n"
		   "[held]\nadult = \"A6\"\nchild = \"C6\"\n",
		   ": [returned] is missing (To be returned to the defendant): add it, with "
		   "adult = \"...\" and child = \"...\", what the officer can say to the victim");
	load_fails(fx,
		   "[order_made]\nadult = \"A1\"\nchild = \"C1\"\n"
		   "[forfeiture]\nadult = \"A2\"\nchild = \"C2\"\n"
		   "[refused]\nadult = \"A3\"\nchild = \"C3\"\n"
		   "[not_sought]\nadult = \"A4\"\nchild = \"C4\"\n"
		   "[returned]\nadult = \"A5\"\n"
		   "[held]\nadult = \"A6\"\nchild = \"C6\"\n",
		   ":13: [returned] has no child script: add child = \"...\", what the officer "
		   "can say to a victim under 18");
	load_fails(fx, "[order_made]\nchild = \"C1\"\n",
		   ":1: [order_made] has no adult script: add adult = \"...\", what the officer "
		   "can say to a victim who is 18 or over");
	load_fails(fx, "", ": [order_made] is missing (Deprivation order made): add it, with "
		   "adult = \"...\" and child = \"...\", what the officer can say to the victim");
}

static void test_load__bad_scripts(void **state)
{
	struct fx *fx = *state;
	struct dorn_scripts s;
	struct dorn_err err;
	char text[4096];

	load_fails(fx, ALL "[sentence]\nadult = \"x\"\n", ":19: unknown section [sentence]: "
		   "the sections are order_made, forfeiture, refused, not_sought, returned, held");
	load_fails(fx, "[none]\n" ALL, ":1: unknown section [none]: the sections are "
		   "order_made, forfeiture, refused, not_sought, returned, held");
	load_fails(fx, "[held]\nteen = \"x\"\n", ":2: unknown key 'teen' in [held]: the keys "
		   "are adult and child");
	load_fails(fx, "[held]\nadult = \"\"\n", ":2: [held] adult is empty: write what the "
		   "officer can say");
	load_fails(fx, "[held]\nadult = \"   \"\n", ":2: [held] adult is empty: write what the "
		   "officer can say");
	load_fails(fx, "[held]\nadult = We still have it; I will call you\n",
		   ":2: [held] adult was cut short at ';' or '#': put the whole script in double "
		   "quotes");
	load_fails(fx, "[held]\nchild = \"Hello {{name}}\"\n", ":2: [held] child holds '{{', "
		   "but scripts take no placeholders: write the words out");
	load_fails(fx, "[held]\nchild = \"Hello\n", ":2: the quote \" is not closed: add a "
		   "closing \" at the end of the value");
	/* 151 words is one too many; 150 is fine. */
	snprintf(text, sizeof text, "[held]\nadult = \"");
	for (int i = 0; i < 151; i++)
		strcat(text, i ? " word" : "word");
	strcat(text, "\"\n");
	load_fails(fx, text, ":2: [held] adult is 151 words long, the limit is 150: shorten "
		   "it, it is said aloud to a victim");
	snprintf(text, sizeof text, ALL_BUT_HELD "[held]\nchild = \"C6\"\nadult = \"");
	for (int i = 0; i < 150; i++)
		strcat(text, i ? " word" : "word");
	strcat(text, "\"\n");
	tu_write(fx->dir, "scripts.ini", text, strlen(text), fx->path, sizeof fx->path);
	if (dorn_scripts_load(fx->path, &s, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(strlen(s.adult[DORN_RESULT_HELD]), 150 * 5 - 1);
	dorn_scripts_fini(&s);
}

static void test_load__missing_file(void **state)
{
	struct fx *fx = *state;
	struct dorn_scripts s;
	struct dorn_err err;
	char want[512];

	snprintf(fx->path, sizeof fx->path, "%s/none.ini", fx->dir);
	assert_int_equal(dorn_scripts_load(fx->path, &s, &err), DORN_ECONFIG);
	snprintf(want, sizeof want, "%s: cannot read: No such file or directory: check the "
		 "path", fx->path);
	assert_string_equal(err.msg, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_result__keys_and_labels),
		cmocka_unit_test(test_shipped__every_script_is_there_and_short),
		cmocka_unit_test(test_shipped__support_fits_the_age),
		cmocka_unit_test_setup_teardown(test_load__a_small_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load__a_missing_script_says_what_to_add,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_load__bad_scripts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load__missing_file, setup, teardown),
	};

	return cmocka_run_group_tests_name("outcome", tests, NULL, NULL);
}
