/* The note's status machine and every permission rule of review. */
#include "testutil.h"

#include "dorn/err.h"
#include "dorn/review.h"

static const struct dorn_review_actor officer = { 0, 0 };
static const struct dorn_review_actor officer_author = { 0, 1 };
static const struct dorn_review_actor supervisor = { 1, 0 };
static const struct dorn_review_actor supervisor_author = { 1, 1 };

static int check(int status, int act, const struct dorn_review_actor *who, const char *comment,
		 struct dorn_err *err)
{
	dorn_err_clear(err);
	return dorn_review_check(status, act, who, comment, err);
}

static void test_machine__moves_go_where_they_should(void **state)
{
	(void)state;
	assert_int_equal(dorn_review_next(DORN_ACT_SUBMIT), DORN_NOTE_SUBMITTED);
	assert_int_equal(dorn_review_next(DORN_ACT_APPROVE), DORN_NOTE_APPROVED);
	assert_int_equal(dorn_review_next(DORN_ACT_RETURN), DORN_NOTE_RETURNED);
	for (int s = DORN_NOTE_DRAFT; s <= DORN_NOTE_RETURNED; s++)
		assert_int_equal(dorn_note_status_of(dorn_note_status_word(s)), s);
	assert_int_equal(dorn_note_status_of("lost"), DORN_NOTE_NONE);
	assert_int_equal(dorn_note_status_of(NULL), DORN_NOTE_NONE);
}

static void test_submit__only_a_draft(void **state)
{
	struct dorn_err err;

	(void)state;
	assert_int_equal(check(DORN_NOTE_DRAFT, DORN_ACT_SUBMIT, &officer_author, NULL, &err), 0);
	/* anyone may submit a draft, a supervisor too */
	assert_int_equal(check(DORN_NOTE_DRAFT, DORN_ACT_SUBMIT, &supervisor, NULL, &err), 0);
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_SUBMIT, &officer, NULL, &err),
			 DORN_ERULE);
	assert_non_null(strstr(err.msg, "waiting for review"));
	assert_int_equal(check(DORN_NOTE_APPROVED, DORN_ACT_SUBMIT, &officer, NULL, &err),
			 DORN_ERULE);
	assert_non_null(strstr(err.msg, "approved already"));
	assert_int_equal(check(DORN_NOTE_RETURNED, DORN_ACT_SUBMIT, &officer, NULL, &err),
			 DORN_ERULE);
	assert_non_null(strstr(err.msg, "change the case"));
	assert_int_equal(check(DORN_NOTE_NONE, DORN_ACT_SUBMIT, &officer, NULL, &err),
			 DORN_ERULE);
}

static void test_review__supervisors_only(void **state)
{
	struct dorn_err err;

	(void)state;
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_APPROVE, &officer, NULL, &err),
			 DORN_EPERM);
	assert_non_null(strstr(err.msg, "only a supervisor"));
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_RETURN, &officer, "fix it", &err),
			 DORN_EPERM);
	/* an officer is refused for the role even when the state is wrong too */
	assert_int_equal(check(DORN_NOTE_DRAFT, DORN_ACT_APPROVE, &officer, NULL, &err),
			 DORN_EPERM);
}

static void test_review__never_your_own_note(void **state)
{
	struct dorn_err err;

	(void)state;
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_APPROVE, &supervisor_author, NULL,
			       &err), DORN_EPERM);
	assert_non_null(strstr(err.msg, "you wrote this version"));
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_RETURN, &supervisor_author, "x",
			       &err), DORN_EPERM);
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_APPROVE, &supervisor, NULL, &err), 0);
}

static void test_review__only_a_submitted_note(void **state)
{
	struct dorn_err err;
	const int others[] = { DORN_NOTE_NONE, DORN_NOTE_DRAFT, DORN_NOTE_APPROVED,
			       DORN_NOTE_RETURNED };

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(check(others[i], DORN_ACT_APPROVE, &supervisor, NULL, &err),
				 DORN_ERULE);
		assert_int_equal(check(others[i], DORN_ACT_RETURN, &supervisor, "c", &err),
				 DORN_ERULE);
	}
	assert_int_equal(check(DORN_NOTE_APPROVED, DORN_ACT_RETURN, &supervisor, "c", &err),
			 DORN_ERULE);
	assert_non_null(strstr(err.msg, "approved already"));
}

static void test_return__needs_a_comment(void **state)
{
	struct dorn_err err;

	(void)state;
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_RETURN, &supervisor, NULL, &err),
			 DORN_EDATA);
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_RETURN, &supervisor, " \t\n", &err),
			 DORN_EDATA);
	assert_non_null(strstr(err.msg, "needs a comment"));
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_RETURN, &supervisor,
			       "Add the exhibit reference", &err), 0);
	/* approving needs none */
	assert_int_equal(check(DORN_NOTE_SUBMITTED, DORN_ACT_APPROVE, &supervisor, "", &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_machine__moves_go_where_they_should),
		cmocka_unit_test(test_submit__only_a_draft),
		cmocka_unit_test(test_review__supervisors_only),
		cmocka_unit_test(test_review__never_your_own_note),
		cmocka_unit_test(test_review__only_a_submitted_note),
		cmocka_unit_test(test_return__needs_a_comment),
	};

	return cmocka_run_group_tests_name("review", tests, NULL, NULL);
}
