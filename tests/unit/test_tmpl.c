/* Unit tests for the template engine (dorn-template(5)) and the wrapper
 * that lays out the prosecutor note. Errors are compared in full, so a
 * wrong line number or a vague message fails the test. */
#include "testutil.h"

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/text.h"
#include "dorn/tmpl.h"

/* ---- helpers ---- */

static struct dorn_tmpl *parse_ok(const char *text)
{
	struct dorn_tmpl *t = NULL;
	struct dorn_err err;

	dorn_err_clear(&err);
	if (dorn_tmpl_parse(text, strlen(text), "t.txt", &t, &err) != 0)
		fail_msg("parse failed: %s", err.msg);
	assert_non_null(t);
	return t;
}

/* Parse and render text with c; out must equal want. */
static void renders(const char *text, const struct dorn_tctx *c,
		    const char *want)
{
	struct dorn_tmpl *t = parse_ok(text);
	struct dorn_buf out;
	struct dorn_err err;

	dorn_buf_init(&out);
	dorn_err_clear(&err);
	if (dorn_tmpl_render(t, c, &out, &err) != 0)
		fail_msg("render failed: %s", err.msg);
	assert_string_equal(dorn_buf_str(&out), want);
	dorn_buf_fini(&out);
	dorn_tmpl_free(t);
}

/* Parsing n bytes of text must fail with exactly msg. */
static void parse_fails_n(const char *text, size_t n, const char *msg)
{
	struct dorn_tmpl *t = (struct dorn_tmpl *)&t; /* must be reset */
	struct dorn_err err;

	dorn_err_clear(&err);
	assert_int_equal(dorn_tmpl_parse(text, n, "t.txt", &t, &err), DORN_EDATA);
	assert_null(t);
	assert_int_equal(err.code, DORN_EDATA);
	assert_string_equal(err.msg, msg);
}

static void parse_fails(const char *text, const char *msg)
{
	parse_fails_n(text, strlen(text), msg);
}

/* Rendering must fail with exactly msg and leave out as it was. */
static void render_fails(const char *text, const struct dorn_tctx *c,
			 const char *msg)
{
	struct dorn_tmpl *t = parse_ok(text);
	struct dorn_buf out;
	struct dorn_err err;

	dorn_buf_init(&out);
	dorn_buf_puts(&out, "before|");
	dorn_err_clear(&err);
	assert_int_equal(dorn_tmpl_render(t, c, &out, &err), DORN_EDATA);
	assert_int_equal(err.code, DORN_EDATA);
	assert_string_equal(err.msg, msg);
	assert_string_equal(dorn_buf_str(&out), "before|");
	assert_int_equal(out.len, 7);
	dorn_buf_fini(&out);
	dorn_tmpl_free(t);
}

static void wraps(const char *in, size_t width, const char *want)
{
	struct dorn_buf out;

	dorn_buf_init(&out);
	assert_int_equal(dorn_text_wrap(in, width, &out), 0);
	assert_string_equal(dorn_buf_str(&out), want);
	dorn_buf_fini(&out);
}

static struct dorn_tctx *ctx_new(void)
{
	struct dorn_tctx *c = dorn_tctx_new();

	assert_non_null(c);
	return c;
}

static void set(struct dorn_tctx *c, const char *name, const char *value)
{
	assert_int_equal(dorn_tctx_set(c, name, value), 0);
}

/* An element of list name whose own value ({{.}}) is value. */
static void add_str(struct dorn_tctx *c, const char *name, const char *value)
{
	struct dorn_tctx *e = dorn_tctx_add(c, name);

	assert_non_null(e);
	set(e, ".", value);
}

/* ---- values ---- */

static void test_var__inserted_without_escaping(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	set(c, "name", "Zoë <O'Brien> & \"Łukasz\"");
	set(c, "court", "Leeds");
	renders("To {{name}} at {{ court }}.\n", c,
		"To Zoë <O'Brien> & \"Łukasz\" at Leeds.\n");
	renders("", c, "");
	renders("no tags at all { } }} {x}\n", c, "no tags at all { } }} {x}\n");
	dorn_tctx_free(c);
}

static void test_var__controls_stripped(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	set(c, "v", "a\x1b[31mred\x07 bell\r\nline\ttab\x7f\xc2\x9b!");
	renders("[{{v}}]", c, "[a[31mred bell\nline tab!]");
	assert_int_equal(dorn_tctx_setf(c, "f", "%s-%d", "x\x1b\x07y", 7), 0);
	renders("{{f}}", c, "xy-7");
	dorn_tctx_free(c);
}

static void test_template__controls_and_crlf_stripped(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	set(c, "a", "A");
	/* CR LF from Windows editors, an escape and a tab in the file. */
	renders("one {{a}}\r\n\x1b[2Jtwo\tthree\r\n{{#a}}\r\nin\r\n{{/a}}\r\nend", c,
		"one A\n[2Jtwo three\nin\nend");
	dorn_tctx_free(c);
}

static void test_var__set_again_replaces(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	set(c, "a", "first");
	set(c, "a", "second");
	renders("{{a}}", c, "second");
	/* A list replaced by a string, and a string turned into a list. */
	assert_non_null(dorn_tctx_add(c, "b"));
	set(c, "b", "text");
	renders("{{b}}", c, "text");
	add_str(c, "a", "x");
	add_str(c, "a", "y");
	renders("{{#a}}{{.}}{{/a}}", c, "xy");
	/* dorn_tctx_list empties a list. */
	assert_int_equal(dorn_tctx_list(c, "a"), 0);
	renders("{{#a}}{{.}}{{/a}}{{^a}}none{{/a}}", c, "none");
	assert_int_equal(dorn_tctx_set(c, NULL, "x"), DORN_EINTERNAL);
	assert_int_equal(dorn_tctx_set(c, "a.b", "x"), DORN_EINTERNAL);
	assert_null(dorn_tctx_add(c, ""));
	dorn_tctx_free(c);
}

static void test_var__dotted_name(void **state)
{
	struct dorn_tctx *c = ctx_new();
	struct dorn_tctx *v = dorn_tctx_add(c, "victim");
	struct dorn_tctx *a;

	(void)state;
	assert_non_null(v);
	set(v, "name", "Zoë");
	a = dorn_tctx_add(v, "address");
	assert_non_null(a);
	set(a, "town", "Hull");
	set(c, "name", "outer");
	renders("{{victim.name}} of {{victim.address.town}} ({{name}})", c,
		"Zoë of Hull (outer)");
	renders("{{#victim.address}}{{town}}/{{name}}{{/victim.address}}", c,
		"Hull/outer");
	/* The later parts are looked up only inside the record. */
	render_fails("x\n{{victim.court}}", c,
		     "t.txt:2: unknown name 'victim.court': check the spelling "
		     "against dorn-template(5)");
	assert_non_null(dorn_tctx_add(c, "victim"));
	render_fails("{{victim.name}}", c,
		     "t.txt:1: 'victim' in 'victim.name' is a list of several "
		     "elements, not a single record: use {{#victim}}...{{/victim}} "
		     "and the short name inside");
	render_fails("\n\n{{name.x}}", c,
		     "t.txt:3: 'name' in 'name.x' is text, not a single record: use "
		     "{{#name}}...{{/name}} and the short name inside");
	dorn_tctx_free(c);
}

static void test_var__unknown_name(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	set(c, "name", "x");
	render_fails("Dear {{name}},\n\nThe witness {{nmae}} will attend.\n", c,
		     "t.txt:3: unknown name 'nmae': check the spelling against "
		     "dorn-template(5)");
	render_fails("a\nb\n{{#items}}\n{{/items}}\n", c,
		     "t.txt:3: unknown name 'items': check the spelling against "
		     "dorn-template(5)");
	render_fails("{{^gone}}{{/gone}}", c,
		     "t.txt:1: unknown name 'gone': check the spelling against "
		     "dorn-template(5)");
	dorn_tctx_free(c);
}

static void test_var__flag_or_list_is_not_text(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	assert_int_equal(dorn_tctx_flag(c, "interpreter", 1), 0);
	assert_int_equal(dorn_tctx_list(c, "items"), 0);
	render_fails("x\n{{interpreter}}", c,
		     "t.txt:2: 'interpreter' is a flag, not text: use "
		     "{{#interpreter}}...{{/interpreter}} around what depends on it");
	render_fails("{{items}}", c,
		     "t.txt:1: 'items' is a list, not text: use "
		     "{{#items}}...{{/items}} around what depends on it");
	dorn_tctx_free(c);
}

static void test_dot__no_value(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	assert_non_null(dorn_tctx_add(c, "items"));
	render_fails("{{#items}}\n[{{.}}]\n{{/items}}\n", c,
		     "t.txt:2: {{.}} has no value here: use it inside a section "
		     "over a list of texts or over a text");
	render_fails("{{.}}", c,
		     "t.txt:1: {{.}} has no value here: use it inside a section "
		     "over a list of texts or over a text");
	dorn_tctx_free(c);
}

/* ---- sections ---- */

static void test_section__list_of_strings(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	add_str(c, "needs", "screen");
	add_str(c, "needs", "live link");
	add_str(c, "needs", "Zoë's dog");
	renders("Needs:{{#needs}} [{{.}}]{{/needs}}.", c,
		"Needs: [screen] [live link] [Zoë's dog].");
	dorn_tctx_free(c);
}

static void test_section__nested_lists(void **state)
{
	struct dorn_tctx *c = ctx_new();
	struct dorn_tctx *i1 = dorn_tctx_add(c, "items");
	struct dorn_tctx *i2 = dorn_tctx_add(c, "items");
	struct dorn_tctx *u;

	(void)state;
	assert_non_null(i1);
	assert_non_null(i2);
	set(i1, "name", "knife");
	u = dorn_tctx_add(i1, "uses");
	assert_non_null(u);
	set(u, "when", "3 May");
	u = dorn_tctx_add(i1, "uses");
	assert_non_null(u);
	set(u, "when", "4 May");
	set(i2, "name", "phone");
	assert_int_equal(dorn_tctx_list(i2, "uses"), 0);
	renders("{{#items}}{{name}}:{{#uses}} {{when}}{{/uses}}"
		"{{^uses}} unused{{/uses}};{{/items}}",
		c, "knife: 3 May 4 May;phone: unused;");
	dorn_tctx_free(c);
}

static void test_section__outward_lookup(void **state)
{
	struct dorn_tctx *c = ctx_new();
	struct dorn_tctx *w = dorn_tctx_add(c, "witnesses");
	struct dorn_tctx *d;

	(void)state;
	assert_non_null(w);
	set(c, "court", "Leeds");
	set(c, "name", "root");
	set(w, "name", "Zoë");
	d = dorn_tctx_add(w, "dates");
	assert_non_null(d);
	set(d, "day", "Mon");
	w = dorn_tctx_add(c, "witnesses");
	assert_non_null(w);
	assert_non_null(dorn_tctx_add(w, "dates"));
	set(w, "name", "Łukasz");
	/* Innermost first: the element's name hides the root's; court and
	 * day come from further out. */
	renders("{{#witnesses}}{{#dates}}{{name}}@{{court}}{{/dates}}|"
		"{{/witnesses}}{{name}}",
		c, "Zoë@Leeds|Łukasz@Leeds|root");
	/* A name found in an outer frame after an inner miss. */
	render_fails("{{#witnesses}}{{#dates}}\n{{day}}{{/dates}}{{/witnesses}}", c,
		     "t.txt:2: unknown name 'day': check the spelling against "
		     "dorn-template(5)");
	dorn_tctx_free(c);
}

static void test_section__flag_and_string(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	assert_int_equal(dorn_tctx_flag(c, "yes", 1), 0);
	assert_int_equal(dorn_tctx_flag(c, "no", 0), 0);
	set(c, "who", "Zoë");
	renders("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^yes}}!Y{{/yes}}{{^no}}!N{{/no}}",
		c, "Y!N");
	/* A flag section adds no context: names still come from outside. */
	renders("{{#yes}}{{who}}{{#yes}}+{{who}}{{/yes}}{{/yes}}", c, "Zoë+Zoë");
	dorn_tctx_free(c);
}

static void test_section__string_value(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	set(c, "nick", "Zo");
	set(c, "blank", "");
	set(c, "court", "Hull");
	renders("{{#nick}}aka {{.}} at {{court}}{{/nick}}|{{#blank}}B{{/blank}}|"
		"{{^blank}}no nick{{/blank}}|{{^nick}}none{{/nick}}",
		c, "aka Zo at Hull||no nick|");
	dorn_tctx_free(c);
}

static void test_section__inverted(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	assert_int_equal(dorn_tctx_list(c, "items"), 0);
	renders("{{^items}}No items.{{/items}}{{#items}}x{{/items}}", c,
		"No items.");
	add_str(c, "items", "knife");
	renders("{{^items}}No items.{{/items}}{{#items}}{{.}}{{/items}}", c,
		"knife");
	dorn_tctx_free(c);
}

static void test_comment__renders_nothing(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	set(c, "a", "A");
	renders("x{{! a note to editors }}y{{!}}z", c, "xyz");
	/* A comment may span lines; line numbers after it stay right. */
	renders("{{! one\ntwo }}\n{{a}}\n", c, "A\n");
	/* It ends at the first closing braces, like mustache's. */
	renders("{{! {{a}} }}", c, " }}");
	render_fails("{{! one\ntwo }}\n{{b}}\n", c,
		     "t.txt:3: unknown name 'b': check the spelling against "
		     "dorn-template(5)");
	dorn_tctx_free(c);
}

/* ---- standalone lines ---- */

static void test_standalone__lines_removed(void **state)
{
	struct dorn_tctx *c = ctx_new();
	struct dorn_tctx *e;

	(void)state;
	set(c, "court", "Leeds");
	e = dorn_tctx_add(c, "items");
	assert_non_null(e);
	set(e, "name", "knife");
	add_str(e, "uses", "threat");
	add_str(e, "uses", "injury");
	e = dorn_tctx_add(c, "items");
	assert_non_null(e);
	set(e, "name", "phone");
	assert_int_equal(dorn_tctx_list(e, "uses"), 0);
	renders("Court: {{court}}\n"
		"{{! the list of items }}\n"
		"Items:\n"
		"{{#items}}\n"
		"- {{name}}\n"
		"  {{#uses}}\n"
		"  * {{.}}\n"
		"  {{/uses}}\n"
		"{{/items}}\n"
		"{{^items}}\n"
		"No items.\n"
		"{{/items}}\n"
		"End\n",
		c,
		"Court: Leeds\n"
		"Items:\n"
		"- knife\n"
		"  * threat\n"
		"  * injury\n"
		"- phone\n"
		"End\n");
	dorn_tctx_free(c);
}

static void test_standalone__only_when_alone(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	assert_int_equal(dorn_tctx_flag(c, "f", 1), 0);
	set(c, "v", "");
	/* Text beside the tag: kept. */
	renders("A {{#f}}\nyes\n{{/f}} B\n", c, "A \nyes\n B\n");
	/* Two tags on one line: neither is standalone. */
	renders("{{#f}}{{/f}}\nx\n", c, "\nx\n");
	/* Blanks around a standalone tag go too. */
	renders("  {{#f}}  \nhi\n\t{{/f}}\n", c, "hi\n");
	/* At the end of the text without a newline. */
	renders("hi\n  {{! c }}", c, "hi\n");
	/* A value tag alone on its line is content, even when empty. */
	renders("a\n{{v}}\nb\n", c, "a\n\nb\n");
	/* Blank lines next to standalone tags are kept. */
	renders("a\n\n{{#f}}\n\nb\n{{/f}}\n", c, "a\n\n\nb\n");
	dorn_tctx_free(c);
}

/* ---- parse errors ---- */

static void test_parse__unclosed_tag(void **state)
{
	(void)state;
	parse_fails("one\ntwo {{name\nthree }}\n",
		    "t.txt:2: a {{ tag is not closed on its line: add }} after the "
		    "name");
	parse_fails("one\n\n{{#items",
		    "t.txt:3: a {{ tag is not closed on its line: add }} after the "
		    "name");
	parse_fails("x {{! comment\nstill\n",
		    "t.txt:1: the comment {{! is never closed: add }} where the "
		    "comment ends");
	parse_fails("{{",
		    "t.txt:1: a {{ tag is not closed on its line: add }} after the "
		    "name");
}

static void test_parse__unclosed_section(void **state)
{
	(void)state;
	parse_fails("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n{{#items}}\n- {{name}}\n",
		    "t.txt:12: section 'items' opened on line 12 is never closed: "
		    "add {{/items}}");
	parse_fails("{{#a}}\n{{^b}}\n{{/b}}\n",
		    "t.txt:1: section 'a' opened on line 1 is never closed: add {{/a}}");
}

static void test_parse__mismatched_close(void **state)
{
	char text[512];
	size_t n = 0;

	(void)state;
	for (int i = 1; i < 12; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "line %d\n", i);
	n += (size_t)snprintf(text + n, sizeof text - n, "{{#items}}\n");
	for (int i = 13; i < 30; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "x\n");
	snprintf(text + n, sizeof text - n, "{{/item}}\n");
	parse_fails(text,
		    "t.txt:30: {{/item}} on line 30 closes 'items' opened on line "
		    "12: write {{/items}} here, or close sections in the order they "
		    "were opened");
	parse_fails("{{#a}}{{#b}}\n{{/a}}{{/b}}",
		    "t.txt:2: {{/a}} on line 2 closes 'b' opened on line 1: write "
		    "{{/b}} here, or close sections in the order they were opened");
}

static void test_parse__close_without_open(void **state)
{
	(void)state;
	parse_fails("a\n{{/items}}\n",
		    "t.txt:2: {{/items}} closes a section that was never opened: "
		    "remove it or add {{#items}} before it");
	parse_fails("{{#a}}{{/a}}\n\n\n{{/a}}",
		    "t.txt:4: {{/a}} closes a section that was never opened: "
		    "remove it or add {{#a}} before it");
}

static void test_parse__bad_names(void **state)
{
	(void)state;
	parse_fails("x\n{{}}",
		    "t.txt:2: empty tag {{}}: put a name between the braces, such "
		    "as {{name}}");
	parse_fails("{{#  }}",
		    "t.txt:1: empty tag {{#}}: put a name between the braces, such "
		    "as {{#name}}");
	parse_fails("{{/}}",
		    "t.txt:1: empty tag {{/}}: put a name between the braces, such "
		    "as {{/name}}");
	parse_fails("\n\n{{first name}}",
		    "t.txt:3: bad name 'first name' in {{}}: names use letters, "
		    "digits, '_' and '.' (as in {{victim.name}}), see dorn-template(5)");
	parse_fails("{{#victim-name}}",
		    "t.txt:1: bad name 'victim-name' in {{#}}: names use letters, "
		    "digits, '_' and '.' (as in {{victim.name}}), see dorn-template(5)");
	parse_fails("{{a..b}}",
		    "t.txt:1: bad name 'a..b' in {{}}: names use letters, digits, "
		    "'_' and '.' (as in {{victim.name}}), see dorn-template(5)");
	parse_fails("{{.a}}",
		    "t.txt:1: bad name '.a' in {{}}: names use letters, digits, "
		    "'_' and '.' (as in {{victim.name}}), see dorn-template(5)");
	parse_fails("{{a.}}",
		    "t.txt:1: bad name 'a.' in {{}}: names use letters, digits, "
		    "'_' and '.' (as in {{victim.name}}), see dorn-template(5)");
	parse_fails("{{nämé}}",
		    "t.txt:1: bad name 'nämé' in {{}}: names use letters, digits, "
		    "'_' and '.' (as in {{victim.name}}), see dorn-template(5)");
	/* A long name is quoted only in part (60 bytes here), cut between
	 * characters. */
	parse_fails("{{ééééééééééééééééééééééééééééééééééééééééé}}",
		    "t.txt:1: bad name 'éééééééééééééééééééééééééééééé' in {{}}: "
		    "names use letters, digits, '_' and '.' (as in {{victim.name}}), "
		    "see dorn-template(5)");
}

static void test_parse__unsupported_tags(void **state)
{
	(void)state;
	parse_fails("a\n{{{name}}}",
		    "t.txt:2: {{{ tags are not supported: use {{name}}, {{#name}}, "
		    "{{^name}}, {{/name}} or {{! comment }}, see dorn-template(5)");
	parse_fails("{{> partial}}",
		    "t.txt:1: {{> tags are not supported: use {{name}}, {{#name}}, "
		    "{{^name}}, {{/name}} or {{! comment }}, see dorn-template(5)");
	parse_fails("{{&name}}",
		    "t.txt:1: {{& tags are not supported: use {{name}}, {{#name}}, "
		    "{{^name}}, {{/name}} or {{! comment }}, see dorn-template(5)");
	parse_fails("{{=<% %>=}}",
		    "t.txt:1: {{= tags are not supported: use {{name}}, {{#name}}, "
		    "{{^name}}, {{/name}} or {{! comment }}, see dorn-template(5)");
}


/* ---- directives: the note's structure (doc.h) ---- */

/* A directive renders as its mark, and is never a standalone line that
 * vanishes: a heading line with nothing else on it keeps its place. */
static void test_directive__renders_its_mark(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	set(c, "x", "value");
	renders("{{%part}}1. PART\n{{%field}}To:{{%label}}  {{x}}\n", c,
		"\x1e" "P1. PART\n\x1e" "FTo:\x1e" "L  value\n");
	renders("{{%head}}\nafter\n", c, "\x1e" "H\nafter\n");
	dorn_tctx_free(c);
}

static void test_directive__unknown(void **state)
{
	(void)state;
	parse_fails("a\n{{%bold}}x",
		    "t.txt:2: unknown directive {{%bold}}: use title, banner, part, item, "
		    "field, quote, head, row, label or cell, see dorn-template(5)");
}

/* Only the template's own text can mark the structure: a value holding
 * the mark character, or a template file holding it raw, marks nothing. */
static void test_directive__values_cannot_mark(void **state)
{
	struct dorn_tctx *c = ctx_new();

	(void)state;
	set(c, "x", "\x1e" "Pfake heading");
	renders("{{x}}\n", c, "Pfake heading\n");
	renders("\x1e" "Traw\n", c, "Traw\n");
	dorn_tctx_free(c);
}

/* text holds depth sections, one tag per line, around a value. */
static void nested(char *text, size_t size, int depth)
{
	size_t n = 0;

	for (int i = 0; i < depth; i++)
		n += (size_t)snprintf(text + n, size - n, "{{#f}}\n");
	n += (size_t)snprintf(text + n, size - n, "deep {{v}}\n");
	for (int i = 0; i < depth; i++)
		n += (size_t)snprintf(text + n, size - n, "{{/f}}\n");
}

static void test_parse__nesting_limit(void **state)
{
	struct dorn_tctx *c = ctx_new();
	char text[1024];

	(void)state;
	assert_int_equal(dorn_tctx_flag(c, "f", 1), 0);
	set(c, "v", "V");
	nested(text, sizeof text, 32);
	renders(text, c, "deep V\n");
	nested(text, sizeof text, 33);
	parse_fails(text, "t.txt:33: sections nested more than 32 deep: close "
			  "some sections before opening 'f'");
	dorn_tctx_free(c);
}

static void test_parse__invalid_utf8(void **state)
{
	static const char bad[] = "line one\nline two \xff\nthree\n";
	static const char overlong[] = "a\nb\nc \xc0\xaf\n";
	static const char cut[] = "Zo\xc3";
	static const char nul[] = "a\nb\0c\n";

	(void)state;
	parse_fails(bad, "t.txt:2: the text is not valid UTF-8: save the file as "
			 "UTF-8");
	parse_fails(overlong, "t.txt:3: the text is not valid UTF-8: save the "
			      "file as UTF-8");
	parse_fails(cut, "t.txt:1: the text is not valid UTF-8: save the file as "
			 "UTF-8");
	parse_fails_n(nul, sizeof nul - 1,
		      "t.txt:2: the text contains a NUL byte: remove it, or save "
		      "the file as plain UTF-8 text");
}

/* ---- rendering limits and reuse ---- */

static void test_render__output_cap(void **state)
{
	struct dorn_tctx *c = ctx_new();
	struct dorn_tmpl *t = parse_ok("{{#l}}{{v}}{{/l}}");
	struct dorn_buf out;
	struct dorn_err err;
	char *mib = malloc(1024 * 1024 + 1);

	(void)state;
	dorn_err_clear(&err);
	assert_non_null(mib);
	memset(mib, 'a', 1024 * 1024);
	mib[1024 * 1024] = '\0';
	set(c, "v", mib);
	free(mib);
	for (int i = 0; i < 4; i++)
		assert_non_null(dorn_tctx_add(c, "l"));
	/* Exactly 4 MiB is allowed... */
	dorn_buf_init(&out);
	assert_int_equal(dorn_tmpl_render(t, c, &out, &err), 0);
	assert_int_equal(out.len, 4 * 1024 * 1024);
	dorn_buf_fini(&out);
	/* ...one byte more is not. */
	assert_non_null(dorn_tctx_add(c, "l"));
	render_fails("{{#l}}\n{{v}}{{/l}}", c,
		     "t.txt:2: the text would grow beyond 4 MiB: look for a section "
		     "that repeats more than it should");
	dorn_tmpl_free(t);
	dorn_tctx_free(c);
}

/* Sections over a list nested in each other write nothing, so the output
 * cap never stops them: 24 deep over two elements visited 2^24 nodes,
 * and 32 deep would have hung dorn for hours (make fuzz, fuzz_tmpl). */
static void test_render__work_cap(void **state)
{
	struct dorn_tctx *c = ctx_new();
	struct dorn_buf text;

	(void)state;
	add_str(c, "l", "a");
	add_str(c, "l", "b");
	dorn_buf_init(&text);
	dorn_buf_puts(&text, "x\n");
	for (int i = 0; i < 24; i++)
		dorn_buf_puts(&text, "{{#l}}");
	for (int i = 0; i < 24; i++)
		dorn_buf_puts(&text, "{{/l}}");
	render_fails(dorn_buf_str(&text), c,
		     "t.txt:2: filling in the template takes more than 100000 steps: "
		     "look for a section over a list nested inside another one");
	/* Ten deep is 2046 steps: well inside. */
	dorn_buf_reset(&text);
	for (int i = 0; i < 10; i++)
		dorn_buf_puts(&text, "{{#l}}");
	for (int i = 0; i < 10; i++)
		dorn_buf_puts(&text, "{{/l}}");
	renders(dorn_buf_str(&text), c, "");
	dorn_buf_fini(&text);
	dorn_tctx_free(c);
}

static void test_render__appends_and_repeats(void **state)
{
	struct dorn_tctx *c = ctx_new();
	struct dorn_tmpl *t = parse_ok("{{#l}}{{.}},{{/l}}");
	struct dorn_buf out;

	(void)state;
	add_str(c, "l", "a");
	add_str(c, "l", "b");
	dorn_buf_init(&out);
	dorn_buf_puts(&out, ">");
	for (int i = 0; i < 3; i++)
		assert_int_equal(dorn_tmpl_render(t, c, &out, NULL), 0);
	assert_string_equal(dorn_buf_str(&out), ">a,b,a,b,a,b,");
	dorn_buf_fini(&out);
	dorn_tmpl_free(t);
	dorn_tctx_free(c);
}

static void test_free__accepts_null(void **state)
{
	(void)state;
	dorn_tctx_free(NULL);
	dorn_tmpl_free(NULL);
}

/* ---- wrapping ---- */

static void test_wrap__paragraph_at_78(void **state)
{
	(void)state;
	wraps("The witness, Zoe Hart, was seen at home on 3 March 2026. She said "
	      "she would attend court if a screen is provided, if her daughter "
	      "can wait nearby with a supporter, and if the hearing does not "
	      "start before ten.\n",
	      78,
	      "The witness, Zoe Hart, was seen at home on 3 March 2026. She said "
	      "she would\n"
	      "attend court if a screen is provided, if her daughter can wait "
	      "nearby with a\n"
	      "supporter, and if the hearing does not start before ten.\n");
	/* A line that fits exactly is left alone. */
	wraps("1234567890 1234567", 18, "1234567890 1234567");
	wraps("1234567890 12345678", 18, "1234567890\n12345678");
}

static void test_wrap__hanging_dash_bullet(void **state)
{
	(void)state;
	wraps("- The witness needs a screen and a break every hour because of "
	      "her anxiety.\n",
	      30,
	      "- The witness needs a screen\n"
	      "  and a break every hour\n"
	      "  because of her anxiety.\n");
	wraps("* one two three four", 10, "* one two\n  three\n  four");
	/* Not a bullet without the space. */
	wraps("-one two three", 8, "-one two\nthree");
}

static void test_wrap__hanging_number_bullet(void **state)
{
	(void)state;
	wraps("  10. Ask the court for a live link so that the witness can give "
	      "evidence from another room.",
	      32,
	      "  10. Ask the court for a live\n"
	      "      link so that the witness\n"
	      "      can give evidence from\n"
	      "      another room.");
	wraps("3.  two spaces hang further", 14,
	      "3.  two spaces\n    hang\n    further");
	/* "3.5 litres" is not a list item. */
	wraps("3.5 litres of water", 10, "3.5 litres\nof water");
}

static void test_wrap__indented_lines(void **state)
{
	(void)state;
	wraps("    The officer will call back tomorrow afternoon.\n"
	      "Next line is not indented at all here.\n",
	      24,
	      "    The officer will\n"
	      "    call back tomorrow\n"
	      "    afternoon.\n"
	      "Next line is not\n"
	      "indented at all here.\n");
}

static void test_wrap__utf8_widths(void **state)
{
	(void)state;
	/* 10 columns but 12 bytes: fits when counted by width. */
	assert_int_equal(dorn_text_width("Zoë Łukasz", strlen("Zoë Łukasz")), 10);
	wraps("Zoë Łukasz Zoë Łukasz", 10, "Zoë Łukasz\nZoë Łukasz");
	wraps("- Zoë Łukasz Zoë", 12, "- Zoë Łukasz\n  Zoë");
}

static void test_wrap__cjk_wide(void **state)
{
	(void)state;
	/* Each word is 3 characters, 9 bytes and 6 columns. */
	wraps("日本語 日本語 日本語", 13, "日本語 日本語\n日本語");
	wraps("日本語 日本語 日本語", 12, "日本語\n日本語\n日本語");
	wraps("- 証人 法廷", 7, "- 証人\n  法廷");
}

static void test_wrap__long_word_kept_whole(void **state)
{
	char in[160], want[160], word[101];

	(void)state;
	memset(word, 'x', 100);
	word[100] = '\0';
	snprintf(in, sizeof in, "See %s now", word);
	snprintf(want, sizeof want, "See\n%s\nnow", word);
	wraps(in, 40, want);
	snprintf(in, sizeof in, "- %s", word);
	snprintf(want, sizeof want, "- %s", word);
	wraps(in, 40, want);
	snprintf(in, sizeof in, "- a %s b", word);
	snprintf(want, sizeof want, "- a\n  %s\n  b", word);
	wraps(in, 40, want);
}

static void test_wrap__blanks_and_newlines(void **state)
{
	(void)state;
	wraps("", 10, "");
	wraps("\n", 10, "\n");
	wraps("a\n\nb", 10, "a\n\nb");
	wraps("a\n\n\nb\n", 10, "a\n\n\nb\n");
	/* Inner runs of blanks are kept, trailing ones dropped... */
	wraps("a  b   \n   \n- \n", 10, "a  b\n\n-\n");
	/* ...and a run at a break disappears with it. */
	wraps("aaaa  bbbb", 6, "aaaa\nbbbb");
	wraps("aaaa  bbbb", 10, "aaaa  bbbb");
	/* Width 0 cannot be honoured: one word per line. */
	wraps("a b", 0, "a\nb");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_var__inserted_without_escaping),
		cmocka_unit_test(test_directive__renders_its_mark),
		cmocka_unit_test(test_directive__unknown),
		cmocka_unit_test(test_directive__values_cannot_mark),
		cmocka_unit_test(test_var__controls_stripped),
		cmocka_unit_test(test_template__controls_and_crlf_stripped),
		cmocka_unit_test(test_var__set_again_replaces),
		cmocka_unit_test(test_var__dotted_name),
		cmocka_unit_test(test_var__unknown_name),
		cmocka_unit_test(test_var__flag_or_list_is_not_text),
		cmocka_unit_test(test_dot__no_value),
		cmocka_unit_test(test_section__list_of_strings),
		cmocka_unit_test(test_section__nested_lists),
		cmocka_unit_test(test_section__outward_lookup),
		cmocka_unit_test(test_section__flag_and_string),
		cmocka_unit_test(test_section__string_value),
		cmocka_unit_test(test_section__inverted),
		cmocka_unit_test(test_comment__renders_nothing),
		cmocka_unit_test(test_standalone__lines_removed),
		cmocka_unit_test(test_standalone__only_when_alone),
		cmocka_unit_test(test_parse__unclosed_tag),
		cmocka_unit_test(test_parse__unclosed_section),
		cmocka_unit_test(test_parse__mismatched_close),
		cmocka_unit_test(test_parse__close_without_open),
		cmocka_unit_test(test_parse__bad_names),
		cmocka_unit_test(test_parse__unsupported_tags),
		cmocka_unit_test(test_parse__nesting_limit),
		cmocka_unit_test(test_parse__invalid_utf8),
		cmocka_unit_test(test_render__output_cap),
		cmocka_unit_test(test_render__work_cap),
		cmocka_unit_test(test_render__appends_and_repeats),
		cmocka_unit_test(test_free__accepts_null),
		cmocka_unit_test(test_wrap__paragraph_at_78),
		cmocka_unit_test(test_wrap__hanging_dash_bullet),
		cmocka_unit_test(test_wrap__hanging_number_bullet),
		cmocka_unit_test(test_wrap__indented_lines),
		cmocka_unit_test(test_wrap__utf8_widths),
		cmocka_unit_test(test_wrap__cjk_wide),
		cmocka_unit_test(test_wrap__long_word_kept_whole),
		cmocka_unit_test(test_wrap__blanks_and_newlines),
	};

	return cmocka_run_group_tests_name("tmpl", tests, NULL, NULL);
}
