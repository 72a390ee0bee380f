/* The key table drives the help screen and the man page: every key it
 * lists must be described in man/dorn.1, so the two cannot drift. */
#include "testutil.h"

#include "dorn/buf.h"
#include "dorn/ui.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	p = calloc(1, (size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return p;
}

static void test_keys__every_key_is_in_the_man_page(void **state)
{
	struct dorn_buf b;
	char *man = slurp("man/dorn.1"), *line, *save = NULL, *doc;
	int rows = 0;

	(void)state;
	dorn_buf_init(&b);
	dorn_ui_keys_text(&b);
	for (line = strtok_r(b.p, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] != ' ')
			continue; /* a group heading */
		/* "  LABEL  Description": the description follows two spaces */
		doc = strstr(line + 2, "  ");
		assert_non_null(doc);
		while (*doc == ' ')
			doc++;
		if (!strstr(man, doc))
			fail_msg("man/dorn.1 does not describe the key: %s", line);
		rows++;
	}
	assert_true(rows >= 10);
	free(man);
	dorn_buf_fini(&b);
}

static void test_keys__help_names_help_and_quit(void **state)
{
	struct dorn_buf b;

	(void)state;
	dorn_buf_init(&b);
	dorn_ui_keys_text(&b);
	assert_non_null(strstr(dorn_buf_str(&b), "? or F1"));
	assert_non_null(strstr(dorn_buf_str(&b), "Quit dorn"));
	dorn_buf_fini(&b);
}

/* The help screen draws one line per key from column 1: at 80 columns
 * a longer line would be cut, and the key would be described only in part. */
static void test_keys__help_lines_fit_80_columns(void **state)
{
	struct dorn_buf b;
	char *line, *save = NULL;

	(void)state;
	dorn_buf_init(&b);
	dorn_ui_keys_text(&b);
	for (line = strtok_r(b.p, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (strlen(line) > 79)
			fail_msg("help line longer than 79 columns: %s", line);
	dorn_buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys__every_key_is_in_the_man_page),
		cmocka_unit_test(test_keys__help_names_help_and_quit),
		cmocka_unit_test(test_keys__help_lines_fit_80_columns),
	};

	return cmocka_run_group_tests_name("ui-keys", tests, NULL, NULL);
}
