/* Unit tests for the note's model (doc.h): what the text export and the
 * PDF are both made from. A mistake here shows up as a PDF that says
 * something other than the text, so each kind of line is checked. */
#include "testutil.h"

#include "dorn/buf.h"
#include "dorn/doc.h"
#include "dorn/err.h"

#define M "\x1e"

static void parse(const char *model, struct dorn_doc *d)
{
	struct dorn_err err;

	dorn_err_clear(&err);
	if (dorn_doc_parse(model, d, &err))
		fail_msg("parse: %s", err.msg);
}

static void text_is(const char *model, size_t width, const char *want)
{
	struct dorn_buf out;

	dorn_buf_init(&out);
	assert_int_equal(dorn_doc_text(model, width, &out), 0);
	assert_string_equal(dorn_buf_str(&out), want);
	dorn_buf_fini(&out);
}

static void test_parse__each_kind(void **state)
{
	struct dorn_doc d;

	(void)state;
	parse(M "TREQUEST\n"
	      M "BURGENT: soon\n"
	      "\n"
	      M "P1. WHAT WE ASK\n"
	      "- a bullet\n"
	      "  indented\n"
	      M "IItem 1: Phone\n"
	      M "Q    Their words\n", &d);
	assert_false(d.plain);
	assert_int_equal(d.n, 8);
	assert_int_equal(d.b[0].kind, DORN_BLOCK_TITLE);
	assert_string_equal(d.b[0].text, "REQUEST");
	assert_int_equal(d.b[1].kind, DORN_BLOCK_BANNER);
	assert_string_equal(d.b[1].text, "URGENT: soon");
	assert_int_equal(d.b[2].kind, DORN_BLOCK_BLANK);
	assert_int_equal(d.b[3].kind, DORN_BLOCK_PART);
	assert_string_equal(d.b[3].text, "1. WHAT WE ASK");
	assert_int_equal(d.b[4].kind, DORN_BLOCK_PARA);
	assert_string_equal(d.b[4].text, "- a bullet");
	assert_int_equal(d.b[5].indent, 2);
	assert_string_equal(d.b[5].text, "indented");
	assert_int_equal(d.b[6].kind, DORN_BLOCK_ITEM);
	assert_int_equal(d.b[7].kind, DORN_BLOCK_QUOTE);
	assert_int_equal(d.b[7].indent, 4);
	assert_string_equal(d.b[7].text, "Their words");
	dorn_doc_fini(&d);
}

/* A field's label is what comes before (L); the spaces that pad it in the
 * text are not part of the value; an empty label continues the field. */
static void test_parse__fields(void **state)
{
	struct dorn_doc d;

	(void)state;
	parse(M "FFrom:" M "L      Sam Okafor\n" M "F" M "L           Eastbridge WCU\n"
	      M "FOffences:" M "L\n", &d);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.b[0].label, "From:");
	assert_string_equal(d.b[0].text, "Sam Okafor");
	assert_string_equal(d.b[1].label, "");
	assert_string_equal(d.b[1].text, "Eastbridge WCU");
	assert_string_equal(d.b[2].label, "Offences:");
	assert_string_equal(d.b[2].text, "");
	dorn_doc_fini(&d);
}

/* A table: the heading's cells; each row's cells with their text-only
 * labels dropped; a plain line after a row is one more paragraph of its
 * last cell; a blank line ends the row. */
static void test_parse__table(void **state)
{
	struct dorn_doc d;

	(void)state;
	parse(M "HNo." M "CExhibit" M "CBasis\n"
	      M "R1." M "C Exhibit " M "LQA/1\n"
	      M "C   - s.153 basis: " M "Lseized (s.153(2))\n"
	      "   - Evidence of the images: report R-1\n"
	      "\n"
	      M "R2." M "C Exhibit " M "Lnot recorded\n"
	      "\n"
	      "After the table\n", &d);
	assert_int_equal(d.n, 6);
	assert_int_equal(d.b[0].kind, DORN_BLOCK_HEAD);
	assert_int_equal(d.b[0].ncells, 3);
	assert_string_equal(d.b[0].cells[0].paras[0], "No.");
	assert_string_equal(d.b[0].cells[2].paras[0], "Basis");
	assert_int_equal(d.b[1].kind, DORN_BLOCK_ROW);
	assert_int_equal(d.b[1].ncells, 3);
	assert_string_equal(d.b[1].cells[0].paras[0], "1.");
	assert_string_equal(d.b[1].cells[1].paras[0], "QA/1");
	assert_int_equal(d.b[1].cells[2].n, 2);
	assert_string_equal(d.b[1].cells[2].paras[0], "seized (s.153(2))");
	assert_string_equal(d.b[1].cells[2].paras[1], "- Evidence of the images: report R-1");
	assert_int_equal(d.b[2].kind, DORN_BLOCK_BLANK);
	assert_int_equal(d.b[3].kind, DORN_BLOCK_ROW);
	assert_string_equal(d.b[3].cells[1].paras[0], "not recorded");
	assert_int_equal(d.b[5].kind, DORN_BLOCK_PARA);
	assert_string_equal(d.b[5].text, "After the table");
	dorn_doc_fini(&d);
}

/* A version stored before notes had a model: lines, nothing more. */
static void test_parse__plain_text(void **state)
{
	struct dorn_doc d;

	(void)state;
	parse("REQUEST FOR A DEPRIVATION ORDER\nTo:    someone\n\n1. WHAT WE ASK\n", &d);
	assert_true(d.plain);
	assert_int_equal(d.n, 4);
	for (size_t i = 0; i < d.n; i++)
		assert_true(d.b[i].kind == DORN_BLOCK_PARA || d.b[i].kind == DORN_BLOCK_BLANK);
	assert_string_equal(d.b[1].text, "To:    someone");
	dorn_doc_fini(&d);
	parse("", &d);
	assert_int_equal(d.n, 0);
	dorn_doc_fini(&d);
}

/* The text export: the marks gone, the table's heading line gone (its
 * rows label each cell), every line wrapped as the note always was. */
static void test_text__marks_and_headings_removed(void **state)
{
	(void)state;
	text_is(M "P1. WHAT" M "X\n" M "FTo:" M "L   someone\n", 78, "1. WHAT\nTo:   someone\n");
	text_is(M "HNo." M "CExhibit\n" M "R1." M "C Exhibit " M "LQA/1\n", 78,
		"1. Exhibit QA/1\n");
	text_is(M "C   - Description: " M "Lone two three four\n", 20,
		"   - Description:\n     one two three\n     four\n");
	text_is("no marks at all\n", 78, "no marks at all\n");
}

/* Directive names, as the template parser looks them up. */
static void test_directive__names(void **state)
{
	(void)state;
	assert_int_equal(dorn_doc_directive("part", 4), 'P');
	assert_int_equal(dorn_doc_directive("label", 5), DORN_DOC_LABEL);
	assert_int_equal(dorn_doc_directive("cell", 4), DORN_DOC_CELL);
	assert_int_equal(dorn_doc_directive("parts", 5), 0);
	assert_int_equal(dorn_doc_directive("par", 3), 0);
	assert_int_equal(dorn_doc_directive("", 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse__each_kind),
		cmocka_unit_test(test_parse__fields),
		cmocka_unit_test(test_parse__table),
		cmocka_unit_test(test_parse__plain_text),
		cmocka_unit_test(test_text__marks_and_headings_removed),
		cmocka_unit_test(test_directive__names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
