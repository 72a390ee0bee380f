/* Unit tests for the config room: the INI reader, the key table, loading,
 * the example file data/dorn.ini and the search order. iniparser is here
 * only as a reference: dorn must read every file it also reads the same. */
#include "testutil.h"

#include <errno.h>

#include <iniparser.h>

#include "dorn/config.h"
#include "dorn/err.h"
#include "dorn/text.h"

/* Environment variables a test may change; restored after each test. */
static const char *const env_names[] = {
	"HOME", "XDG_CONFIG_HOME", "DORN_CONFIG", "DORN_DATADIR",
};
#define NENV (sizeof env_names / sizeof env_names[0])

struct fx {
	char dir[64];
	char *saved[NENV];
	char path[256]; /* the file last written by write_ini */
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);

	assert_non_null(fx);
	tu_tmpdir(fx->dir, sizeof fx->dir);
	for (size_t i = 0; i < NENV; i++) {
		const char *v = getenv(env_names[i]);

		fx->saved[i] = v ? strdup(v) : NULL;
	}
	/* Nothing may come from the user's own files. */
	setenv("HOME", fx->dir, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("DORN_CONFIG");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	for (size_t i = 0; i < NENV; i++) {
		if (fx->saved[i])
			setenv(env_names[i], fx->saved[i], 1);
		else
			unsetenv(env_names[i]);
		free(fx->saved[i]);
	}
	tu_rmdir(fx->dir);
	free(fx);
	return 0;
}

/* ---- helpers ---- */

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("expected \"%s\" in \"%s\"", needle, hay);
}

/* No C0, DEL or C1 character and nothing malformed: safe to print. */
static void assert_clean(const char *s)
{
	assert_true(dorn_utf8_valid(s, strlen(s), NULL));
	if (dorn_text_has_control(s, 0))
		fail_msg("control character in \"%s\"", s);
}

static const char *write_ini(struct fx *fx, const char *name, const void *text,
			     size_t len)
{
	tu_write(fx->dir, name, text, len, fx->path, sizeof fx->path);
	return fx->path;
}

static void mkdirs(const char *path)
{
	char tmp[512];

	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
				fail_msg("mkdir %s: %s", tmp, strerror(errno));
			*p = '/';
		}
	if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
		fail_msg("mkdir %s: %s", tmp, strerror(errno));
}

/* Write dir/sub/name (making sub), a config setting urgent_days. */
static void write_marked(const char *dir, const char *sub, int days, char *out,
			 size_t n)
{
	char folder[512], text[64];

	snprintf(folder, sizeof folder, "%s/%s", dir, sub);
	mkdirs(folder);
	snprintf(text, sizeof text, "[note]\nurgent_days = %d\n", days);
	tu_write(folder, "dorn.ini", text, strlen(text), out, n);
}

/* Every field but source. */
static void assert_same_values(const struct dorn_config *a,
			       const struct dorn_config *b)
{
	assert_string_equal(a->db_path, b->db_path);
	assert_int_equal(a->busy_timeout_ms, b->busy_timeout_ms);
	assert_string_equal(a->unit_name, b->unit_name);
	assert_string_equal(a->unit_area, b->unit_area);
	assert_int_equal(a->urgent_days, b->urgent_days);
	assert_string_equal(a->note_template, b->note_template);
	assert_string_equal(a->order_template, b->order_template);
	assert_string_equal(a->export_dir, b->export_dir);
	assert_int_equal(a->export_formats, b->export_formats);
	assert_string_equal(a->export_recipient, b->export_recipient);
	assert_string_equal(a->pdf_font, b->pdf_font);
	assert_int_equal(a->color, b->color);
	assert_int_equal(a->ascii, b->ascii);
	assert_int_equal(a->retain_told_days, b->retain_told_days);
	assert_int_equal(a->retain_contact_days, b->retain_contact_days);
	assert_int_equal(a->retain_no_note_days, b->retain_no_note_days);
	assert_int_equal(a->figures_suppress_below, b->figures_suppress_below);
}

/* Load text as dorn.ini; it must fail with DORN_ECONFIG at line, with want
 * in the message, and leave the configuration as it was. */
static void config_rejects(struct fx *fx, const char *text, size_t len,
			   int line, const char *want)
{
	struct dorn_config cfg, before;
	struct dorn_err err;
	char prefix[320];
	const char *path;

	path = write_ini(fx, "dorn.ini", text, len);
	dorn_config_defaults(&cfg);
	cfg.urgent_days = 99; /* a value no file here sets */
	before = cfg;
	dorn_err_clear(&err);
	assert_int_equal(dorn_config_load_file(&cfg, path, &err), DORN_ECONFIG);
	assert_int_equal(err.code, DORN_ECONFIG);
	if (line > 0)
		snprintf(prefix, sizeof prefix, "%s:%d: ", path, line);
	else
		snprintf(prefix, sizeof prefix, "%s: ", path);
	if (strncmp(err.msg, prefix, strlen(prefix)) != 0)
		fail_msg("expected \"%s\" at the start of \"%s\"", prefix, err.msg);
	assert_contains(err.msg, want);
	assert_clean(err.msg);
	assert_same_values(&cfg, &before);
	assert_string_equal(cfg.source, "");
}

#define REJECTS(fx, text, line, want) \
	config_rejects(fx, text, sizeof text - 1, line, want)

static void config_accepts(struct fx *fx, const char *text,
			   struct dorn_config *cfg)
{
	struct dorn_err err;
	const char *path = write_ini(fx, "dorn.ini", text, strlen(text));

	dorn_config_defaults(cfg);
	dorn_err_clear(&err);
	if (dorn_config_load_file(cfg, path, &err) != 0)
		fail_msg("rejected: %s\n---\n%s---", err.msg, text);
	assert_string_equal(cfg->source, path);
}

/* dorn_ini_load must fail with code at line. */
static void ini_rejects(struct fx *fx, const void *text, size_t len, int code,
			int line, const char *want)
{
	struct dorn_ini *ini = (struct dorn_ini *)1;
	struct dorn_err err;
	char prefix[320];
	const char *path = write_ini(fx, "case.ini", text, len);

	dorn_err_clear(&err);
	assert_int_equal(dorn_ini_load(path, &ini, &err), code);
	assert_null(ini);
	assert_int_equal(err.code, code);
	snprintf(prefix, sizeof prefix, "%s:%d: ", path, line);
	if (strncmp(err.msg, prefix, strlen(prefix)) != 0)
		fail_msg("expected \"%s\" at the start of \"%s\"", prefix, err.msg);
	assert_contains(err.msg, want);
	assert_clean(err.msg);
}

static struct dorn_ini *ini_accepts(struct fx *fx, const char *text)
{
	struct dorn_ini *ini = NULL;
	struct dorn_err err;
	const char *path = write_ini(fx, "case.ini", text, strlen(text));

	dorn_err_clear(&err);
	if (dorn_ini_load(path, &ini, &err) != 0)
		fail_msg("rejected: %s", err.msg);
	assert_non_null(ini);
	return ini;
}

static const char *value_of(const struct dorn_ini *ini, const char *s,
			    const char *k)
{
	const struct dorn_ini_entry *e = dorn_ini_get(ini, s, k);

	if (!e)
		fail_msg("no [%s] %s", s, k);
	return e->value;
}

/* ---- the table and the defaults ---- */

static void test_keys__table_is_complete(void **state)
{
	const struct dorn_config_key *k;
	size_t n = 0;

	(void)state;
	k = dorn_config_keys(&n);
	assert_int_equal(n, 21);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(k[i].section);
		assert_non_null(k[i].key);
		assert_non_null(k[i].default_text);
		assert_true(k[i].doc && *k[i].doc);
		for (size_t j = 0; j < i; j++)
			assert_false(!strcmp(k[i].section, k[j].section) &&
				     !strcmp(k[i].key, k[j].key));
	}
	assert_string_equal(k[0].section, "database");
	assert_string_equal(k[0].key, "path");
	assert_string_equal(k[n - 1].section, "figures");
	assert_string_equal(k[n - 1].key, "suppress_below");
}

static void test_defaults__values(void **state)
{
	struct dorn_config cfg;

	(void)state;
	memset(&cfg, 0x5A, sizeof cfg);
	dorn_config_defaults(&cfg);
	assert_string_equal(cfg.db_path, "");
	assert_int_equal(cfg.busy_timeout_ms, 5000);
	assert_string_equal(cfg.unit_name, "");
	assert_string_equal(cfg.unit_area, "");
	assert_int_equal(cfg.urgent_days, 14);
	assert_string_equal(cfg.order_template, "");
	assert_string_equal(cfg.note_template, "");
	assert_string_equal(cfg.export_dir, "");
	assert_int_equal(cfg.export_formats, DORN_FMT_TXT | DORN_FMT_PDF | DORN_FMT_JSON);
	assert_string_equal(cfg.export_recipient, "CPS prosecutor");
	assert_string_equal(cfg.pdf_font, "DejaVu Sans");
	assert_int_equal(cfg.color, DORN_COLOR_AUTO);
	assert_int_equal(cfg.ascii, 0);
	assert_int_equal(cfg.retain_told_days, 90);
	assert_int_equal(cfg.retain_contact_days, 365);
	assert_int_equal(cfg.retain_no_note_days, 180);
	assert_int_equal(cfg.figures_suppress_below, 5);
	assert_string_equal(cfg.source, "");
}

/* Each default, written in a file, is accepted and changes nothing. */
static void test_defaults__each_accepted_from_a_file(void **state)
{
	struct fx *fx = *state;
	const struct dorn_config_key *k;
	struct dorn_config cfg, def;
	char text[256];
	size_t n;

	k = dorn_config_keys(&n);
	dorn_config_defaults(&def);
	for (size_t i = 0; i < n; i++) {
		snprintf(text, sizeof text, "[%s]\n%s = %s\n", k[i].section,
			 k[i].key, k[i].default_text);
		config_accepts(fx, text, &cfg);
		assert_same_values(&cfg, &def);
	}
}

/* ---- a good file ---- */

static void test_load__sets_every_key(void **state)
{
	struct fx *fx = *state;
	struct dorn_config cfg;

	config_accepts(fx,
		       "# a comment\r\n"
		       "; another\n"
		       "\n"
		       "[database]\n"
		       "path = /srv/dorn/witness.db\n"
		       "busy_timeout_ms = 600000\n"
		       "[ unit ]\n"
		       "name = \"  Witness Care Unit; North  \"\n"
		       "area = Łódź & Zoë's area ; trailing comment\n"
		       "[note]\n"
		       "urgent_days = 365\n"
		       "template = /srv/dorn/note.txt\n"
		       "[Export]\n"
		       "dir = /srv/dorn/out # comment\n"
		       "formats = pdf , JSON\n"
		       "recipient = 'Defence; counsel'\n"
		       "pdf_font = /usr/share/fonts/x.ttf\n"
		       "[ui]\n"
		       "COLOR = never\n"
		       "\tascii\t=\ton\n"
		       "[retention]\n"
		       "told_days = 3650\n"
		       "contact_days = 3649\n"
		       "review_days = 3650",
		       &cfg);
	assert_string_equal(cfg.db_path, "/srv/dorn/witness.db");
	assert_int_equal(cfg.busy_timeout_ms, 600000);
	assert_string_equal(cfg.unit_name, "  Witness Care Unit; North  ");
	assert_string_equal(cfg.unit_area, "Łódź & Zoë's area");
	assert_int_equal(cfg.urgent_days, 365);
	assert_string_equal(cfg.note_template, "/srv/dorn/note.txt");
	assert_string_equal(cfg.export_dir, "/srv/dorn/out");
	assert_int_equal(cfg.export_formats, DORN_FMT_PDF | DORN_FMT_JSON);
	assert_string_equal(cfg.export_recipient, "Defence; counsel");
	assert_string_equal(cfg.pdf_font, "/usr/share/fonts/x.ttf");
	assert_int_equal(cfg.color, DORN_COLOR_NEVER);
	assert_int_equal(cfg.ascii, 1);
	assert_int_equal(cfg.retain_told_days, 3650);
	assert_int_equal(cfg.retain_contact_days, 3649);
	/* review_days is no_note_days' old name, and still read as it */
	assert_int_equal(cfg.retain_no_note_days, 3650);
}

static void test_load__lower_bounds_and_words(void **state)
{
	struct fx *fx = *state;
	struct dorn_config cfg;
	static const struct {
		const char *word;
		int value;
	} words[] = {
		{ "yes", 1 }, { "true", 1 }, { "On", 1 }, { "1", 1 },
		{ "NO", 0 },  { "false", 0 }, { "off", 0 }, { "0", 0 },
	};
	char text[128];

	config_accepts(fx, "[database]\nbusy_timeout_ms = 0\n[note]\nurgent_days = 1\n"
		       "[retention]\ntold_days = 1\ncontact_days = 1\nno_note_days = 1\n"
		       "[export]\nformats = txt\n", &cfg);
	assert_int_equal(cfg.busy_timeout_ms, 0);
	assert_int_equal(cfg.urgent_days, 1);
	assert_int_equal(cfg.retain_told_days, 1);
	assert_int_equal(cfg.retain_contact_days, 1);
	assert_int_equal(cfg.retain_no_note_days, 1);
	assert_int_equal(cfg.export_formats, DORN_FMT_TXT);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		snprintf(text, sizeof text, "[ui]\nascii = %s\n", words[i].word);
		config_accepts(fx, text, &cfg);
		assert_int_equal(cfg.ascii, words[i].value);
	}
}

/* A file only changes the keys it names. */
static void test_load__over_existing_values(void **state)
{
	struct fx *fx = *state;
	struct dorn_config cfg;
	struct dorn_err err;
	const char *path;

	dorn_config_defaults(&cfg);
	cfg.retain_no_note_days = 42;
	path = write_ini(fx, "dorn.ini", "[note]\nurgent_days = 3\n", 22);
	assert_int_equal(dorn_config_load_file(&cfg, path, &err), 0);
	assert_int_equal(cfg.urgent_days, 3);
	assert_int_equal(cfg.retain_no_note_days, 42);
}

static void test_load__empty_file_is_defaults(void **state)
{
	struct fx *fx = *state;
	struct dorn_config cfg, def;

	dorn_config_defaults(&def);
	config_accepts(fx, "", &cfg);
	assert_same_values(&cfg, &def);
	config_accepts(fx, "; only a comment\n\n[ui]\n", &cfg);
	assert_same_values(&cfg, &def);
}

/* [export] pdf_font: a family, or (holding a '/') a font file, which is
 * a path as any other. */
static void test_load__pdf_font_family_or_file(void **state)
{
	struct fx *fx = *state;
	struct dorn_config cfg;
	char text[512];

	config_accepts(fx, "[export]\npdf_font = Liberation Serif\n", &cfg);
	assert_string_equal(cfg.pdf_font, "Liberation Serif");
	config_accepts(fx, "[export]\npdf_font = \"Noto Sans Arabic UI\" ; a comment\n", &cfg);
	assert_string_equal(cfg.pdf_font, "Noto Sans Arabic UI");
	config_accepts(fx, "[export]\npdf_font = /srv/fonts/Court Sans.otf\n", &cfg);
	assert_string_equal(cfg.pdf_font, "/srv/fonts/Court Sans.otf");
	setenv("HOME", "/home/tester", 1);
	config_accepts(fx, "[export]\npdf_font = ~/fonts/x.ttf\n", &cfg);
	assert_string_equal(cfg.pdf_font, "/home/tester/fonts/x.ttf");
	REJECTS(fx, "[export]\npdf_font = fonts/x.ttf\n", 2,
		"[export] pdf_font = 'fonts/x.ttf' is not a full path: start it with / or ~/");
	REJECTS(fx, "[export]\npdf_font = ''\n", 2,
		"[export] pdf_font = '' is empty: name a font family (fc-list shows them) or a "
		"font file");
	snprintf(text, sizeof text, "[export]\npdf_font = %0201d\n", 0);
	config_rejects(fx, text, strlen(text), 2, "is 201 bytes long, a font family's name is at "
			     "most 200");
}

static void test_load__tilde_expands_to_home(void **state)
{
	struct fx *fx = *state;
	struct dorn_config cfg;

	setenv("HOME", "/home/tester", 1);
	config_accepts(fx, "[database]\npath = ~/cases/dorn.db\n[export]\ndir = ~\n"
		       "[note]\ntemplate = /no/tilde~/here\n", &cfg);
	assert_string_equal(cfg.db_path, "/home/tester/cases/dorn.db");
	assert_string_equal(cfg.export_dir, "/home/tester");
	assert_string_equal(cfg.note_template, "/no/tilde~/here");

	setenv("HOME", "/home/tester/", 1);
	config_accepts(fx, "[database]\npath = ~/x.db\n", &cfg);
	assert_string_equal(cfg.db_path, "/home/tester/x.db");

	setenv("HOME", "/", 1);
	config_accepts(fx, "[database]\npath = ~/x.db\n", &cfg);
	assert_string_equal(cfg.db_path, "/x.db");

	unsetenv("HOME");
	REJECTS(fx, "[database]\n\npath = ~/x.db\n", 3,
		"[database] path = '~/x.db' starts with ~ but HOME is not set");
}

/* ---- data/dorn.ini ---- */

static void example_path(char *out, size_t n)
{
	const char *d = getenv("DORN_DATADIR");

	if (d && *d)
		snprintf(out, n, "%s/dorn.ini", d);
	else
		snprintf(out, n, "data/dorn.ini");
}

static void test_example__loads_as_the_defaults(void **state)
{
	struct dorn_config cfg, def;
	struct dorn_err err;
	char path[512];

	(void)state;
	example_path(path, sizeof path);
	dorn_config_defaults(&def);
	dorn_config_defaults(&cfg);
	cfg.urgent_days = 99;
	if (dorn_config_load_file(&cfg, path, &err) != 0)
		fail_msg("%s", err.msg);
	assert_same_values(&cfg, &def);
	assert_string_equal(cfg.source, path);
}

/* Every key of the table appears with its default, and nothing else. */
static void test_example__mentions_every_key(void **state)
{
	const struct dorn_config_key *k;
	struct dorn_ini *ini = NULL;
	struct dorn_err err;
	char path[512];
	size_t n;

	(void)state;
	example_path(path, sizeof path);
	if (dorn_ini_load(path, &ini, &err) != 0)
		fail_msg("%s", err.msg);
	k = dorn_config_keys(&n);
	assert_int_equal(ini->n, n);
	for (size_t i = 0; i < n; i++) {
		const struct dorn_ini_entry *e = dorn_ini_get(ini, k[i].section, k[i].key);

		if (!e)
			fail_msg("%s has no [%s] %s", path, k[i].section, k[i].key);
		assert_string_equal(e->value, k[i].default_text);
		assert_true(dorn_ini_section_line(ini, k[i].section) > 0);
	}
	dorn_ini_free(ini);
}

/* ---- hostile files ---- */

static void test_reject__unknown_key(void **state)
{
	REJECTS(*state, "[database]\npath =\n[ui]\ncolour = auto\n", 4,
		"unknown key 'colour' in [ui]: the keys of [ui] are color, ascii");
}

static void test_reject__unknown_section(void **state)
{
	REJECTS(*state, "[database]\nbusy_timeout_ms = 1\n[databse]\npath = /x\n", 3,
		"unknown section [databse]: the sections are database, unit, note, export, ui, retention");
	/* An empty unknown section is still an error. */
	REJECTS(*state, "[ui]\n[colours]\n", 2, "unknown section [colours]");
}

/* Errors come in file order, whatever their kind. */
static void test_reject__first_problem_in_file_order(void **state)
{
	REJECTS(*state, "[ui]\nbad = 1\n[nope]\n", 2, "unknown key 'bad' in [ui]");
	REJECTS(*state, "[nope]\n[ui]\nbad = 1\n", 1, "unknown section [nope]");
	REJECTS(*state, "[note]\nurgent_days = 0\n[ui]\ncolor = x\n", 2,
		"[note] urgent_days = '0' is out of range");
}

static void test_reject__bad_number(void **state)
{
	struct fx *fx = *state;
	static const char *const bad[] = {
		"soon", "14d", "0x10", "1.5", "+5", "1 4", "\"\"", "' 14'", "٣",
	};
	char text[128];

	REJECTS(fx, "[unit]\nname = x\n[note]\nurgent_days = soon\n", 4,
		"[note] urgent_days = 'soon' is not a whole number: use a number of days from 1 to 365");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, "[note]\nurgent_days = %s\n", bad[i]);
		config_rejects(fx, text, strlen(text), 2, "is not a whole number");
	}
	REJECTS(fx, "[database]\nbusy_timeout_ms = 5s\n", 2,
		"use a number of milliseconds from 0 to 600000");
}

static void test_reject__number_out_of_range(void **state)
{
	struct fx *fx = *state;

	REJECTS(fx, "[note]\nurgent_days = 366\n", 2,
		"[note] urgent_days = '366' is out of range: use a number of days from 1 to 365");
	REJECTS(fx, "[note]\nurgent_days = 0\n", 2, "is out of range");
	REJECTS(fx, "[note]\nurgent_days = -1\n", 2, "is out of range");
	REJECTS(fx, "[database]\nbusy_timeout_ms = -5\n", 2, "is out of range");
	REJECTS(fx, "[database]\nbusy_timeout_ms = 600001\n", 2, "is out of range");
	REJECTS(fx, "[retention]\nreview_days = 3651\n", 2,
		"[retention] review_days = '3651' is out of range: use a number of days from 1 to 3650");
	REJECTS(fx, "[retention]\ntold_days = 0\n", 2, "is out of range");
	REJECTS(fx, "[retention]\ncontact_days = 3651\n", 2, "is out of range");
	/* a key under its old and its new name: which one counts? Refused */
	REJECTS(fx, "[retention]\nno_note_days = 30\nreview_days = 40\n", 3,
		"[retention] review_days is the old name of no_note_days, which is on line 2 "
		"too: keep no_note_days only");
	REJECTS(fx, "[figures]\nsuppress_below = 101\n", 2,
		"[figures] suppress_below = '101' is out of range: use a number of cases from 0 to 100");
	REJECTS(fx, "[figures]\nsuppress_below = -1\n", 2, "is out of range");
	REJECTS(fx, "[note]\nurgent_days = 99999999999999999999999\n", 2, "is out of range");
	REJECTS(fx, "[note]\nurgent_days = 4294967310\n", 2, "is out of range");
}

static void test_reject__long_line(void **state)
{
	struct fx *fx = *state;
	struct dorn_config cfg;
	char *text = malloc(3 * DORN_INI_LINE_MAX);
	size_t len;

	assert_non_null(text);
	/* One byte over: refused, naming the line, never cut to fit. */
	len = (size_t)snprintf(text, 64, "[unit]\n;\n;\n;\n;\n;\nname = ");
	memset(text + len, 'x', DORN_INI_LINE_MAX + 1 - 7);
	len += DORN_INI_LINE_MAX + 1 - 7;
	memcpy(text + len, "\n", 2);
	config_rejects(fx, text, len + 1, 7,
		       "line is 10001 bytes long, the limit is 10000: shorten it");

	/* Exactly the limit is allowed (a comment: the value would be too
	 * long for [unit] name), with or without CR LF. */
	text[0] = ';';
	memset(text + 1, 'x', DORN_INI_LINE_MAX - 1);
	text[DORN_INI_LINE_MAX] = '\0';
	config_accepts(fx, text, &cfg);
	memcpy(text + DORN_INI_LINE_MAX, "\r\n", 3);
	config_accepts(fx, text, &cfg);

	/* The limit is in bytes: 5000 two-byte characters and "; " are over. */
	len = (size_t)snprintf(text, 64, "[unit]\n; ");
	for (int i = 0; i < DORN_INI_LINE_MAX / 2; i++) {
		memcpy(text + len, "\xC3\xA9", 2);
		len += 2;
	}
	text[len++] = '\n';
	config_rejects(fx, text, len, 2, "line is 10002 bytes long, the limit is 10000");
	free(text);
}

static void test_reject__long_value(void **state)
{
	struct fx *fx = *state;
	struct dorn_config cfg;
	char text[512];
	size_t len;

	len = (size_t)snprintf(text, sizeof text, "[unit]\nname = ");
	memset(text + len, 'n', 127);
	text[len + 127] = '\0';
	config_accepts(fx, text, &cfg);
	assert_int_equal(strlen(cfg.unit_name), 127);
	memcpy(text + len + 127, "n\n", 3);
	config_rejects(fx, text, strlen(text), 2, "is 128 bytes long, the limit is 127: shorten it");
}

static void test_reject__duplicate_key(void **state)
{
	REJECTS(*state, "[ui]\ncolor = auto\nColor = never\n", 3,
		"'color' appears twice in [ui]: keep one (the other is on line 2)");
}

static void test_reject__duplicate_section(void **state)
{
	REJECTS(*state, "[ui]\ncolor = auto\n[note]\n[UI]\nascii = yes\n", 4,
		"section [ui] appears twice: merge it with the one on line 1");
}

static void test_reject__key_before_section(void **state)
{
	REJECTS(*state, "; settings\ncolor = auto\n[ui]\n", 2,
		"key 'color' is outside any section: put a [section] line above it");
}

static void test_reject__missing_file(void **state)
{
	struct fx *fx = *state;
	struct dorn_config cfg;
	struct dorn_err err;
	char path[256];

	snprintf(path, sizeof path, "%s/nope.ini", fx->dir);
	dorn_err_clear(&err);
	assert_int_equal(dorn_config_load(&cfg, path, &err), DORN_ECONFIG);
	assert_int_equal(err.code, DORN_ECONFIG);
	assert_contains(err.msg, path);
	assert_contains(err.msg, "nope.ini: cannot read: No such file or directory: check the path");

	/* The same through $DORN_CONFIG. */
	setenv("DORN_CONFIG", path, 1);
	dorn_err_clear(&err);
	assert_int_equal(dorn_config_load(&cfg, NULL, &err), DORN_ECONFIG);
	assert_contains(err.msg, "nope.ini: cannot read: No such file or directory");
	/* The defaults are still there to fall back on. */
	assert_int_equal(cfg.urgent_days, 14);
}

static void test_reject__folder_instead_of_file(void **state)
{
	struct fx *fx = *state;
	struct dorn_config cfg;
	struct dorn_err err;

	dorn_err_clear(&err);
	assert_int_equal(dorn_config_load_file(&cfg, fx->dir, &err), DORN_ECONFIG);
	assert_contains(err.msg, "is a folder, not a file");
}

static void test_reject__binary_garbage(void **state)
{
	struct fx *fx = *state;
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"
				  "\x03\0>\0\x01\0\0\0\x10\x11\n\n\xff\xfe";
	static const char later[] = "[ui]\ncolor = auto\n\n\0\x01\x02\x03";

	config_rejects(fx, elf, sizeof elf - 1, 1, "contains a NUL byte");
	config_rejects(fx, later, sizeof later - 1, 4, "contains a NUL byte");
}

static void test_reject__invalid_utf8(void **state)
{
	struct fx *fx = *state;

	REJECTS(fx, "[unit]\nname = caf\xe9\n", 2, "not valid UTF-8: save the file as UTF-8");
	REJECTS(fx, "[unit]\n\nname = \xc0\xaf\n", 3, "not valid UTF-8");  /* overlong */
	REJECTS(fx, "[unit]\nname = \xed\xa0\x80\n", 2, "not valid UTF-8"); /* surrogate */
	REJECTS(fx, "\xef\xbb\xbf[unit]\n", 1, "byte order mark");
}

static void test_reject__control_character(void **state)
{
	struct fx *fx = *state;

	REJECTS(fx, "[unit]\nname = a\x1b[31mred\n", 2,
		"contains the control character 0x1B: remove it");
	REJECTS(fx, "[unit]\narea = x\nname = a\rb\n", 3, "control character 0x0D");
	REJECTS(fx, "[unit]\nname = a\x7f\n", 2, "control character 0x7F");
	REJECTS(fx, "[unit]\nname = next\xc2\x85line\n", 2, "control character U+0085");
	/* A tab is fine in the file, but not inside a value. */
	REJECTS(fx, "[unit]\nname = a\tb\n", 2,
		"[unit] name contains a tab or control character: remove it");
}

static void test_reject__bad_enum(void **state)
{
	REJECTS(*state, "[ui]\ncolor = sometimes\n", 2,
		"[ui] color = 'sometimes' is not allowed: use auto or never");
	REJECTS(*state, "[ui]\nascii = maybe\n", 2,
		"[ui] ascii = 'maybe' is not allowed: use yes or no");
	REJECTS(*state, "[ui]\ncolor =\n", 2, "is not allowed: use auto or never");
}

static void test_reject__bad_formats(void **state)
{
	struct fx *fx = *state;

	REJECTS(fx, "[export]\nformats = txt,doc\n", 2,
		"[export] formats = 'txt,doc' names 'doc', which is not a format: use one or more of txt, pdf, json");
	REJECTS(fx, "[export]\nformats =\n", 2, "is empty");
	REJECTS(fx, "[export]\nformats = txt,,pdf\n", 2, "has an empty item");
	REJECTS(fx, "[export]\nformats = txt,\n", 2, "has an empty item");
}

/* A long unknown format is quoted cut short at a character boundary and
 * marked "...": cut at 60 bytes, the "\xc3\xa9" here lost its second byte
 * and the message was not UTF-8 (found by make fuzz). */
static void test_reject__long_format_cut_at_a_character(void **state)
{
	REJECTS(*state,
		"[export]\nformats = txt, bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
		"\xc3\xa9\n",
		2, "names 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb...', which is "
		   "not a format");
}

static void test_reject__bad_paths_and_strings(void **state)
{
	struct fx *fx = *state;

	REJECTS(fx, "[database]\npath = dorn.db\n", 2,
		"[database] path = 'dorn.db' is not a full path: start it with / or ~/");
	REJECTS(fx, "[export]\npdf_font =\n", 2, "[export] pdf_font = '' is empty");
	REJECTS(fx, "[export]\nrecipient = ''\n", 2, "[export] recipient = '' is empty");
	REJECTS(fx, "[note]\ntemplate = ~user/note.txt\n", 2, "is not a full path");
}

/* A section name alone on a line, read as a key, crashed iniparser 4.1's
 * getters; it must be a plain syntax error. */
static void test_reject__section_name_as_key(void **state)
{
	REJECTS(*state, "[ui]\nui\n", 2, "this line is not a [section], a key = value or a comment");
	REJECTS(*state, "[ui]\ncolor = auto\n[note]\nui\n", 4, "is not a [section]");
}

static void test_reject__syntax(void **state)
{
	struct fx *fx = *state;

	REJECTS(fx, "[ui\n", 1, "section name has no closing ']'");
	REJECTS(fx, "[ui] ; colours\n", 1, "text after ']'");
	REJECTS(fx, "[]\n", 1, "section name [] may only use");
	REJECTS(fx, "[ui]\n= auto\n", 2, "key name '' may only use");
	REJECTS(fx, "[ui]\nco lor = auto\n", 2, "key name 'co lor' may only use");
	REJECTS(fx, "[unit]\nname = \"Unit\n", 2, "the quote \" is not closed");
	REJECTS(fx, "[unit]\nname = \"Unit\" North\n", 2, "text after the closing quote");
	REJECTS(fx, "[unit]\nname = North \\\n  Unit\n", 2, "continuation lines are not supported");
}

/* ---- the generic reader ---- */

static void test_ini__values_lines_and_quotes(void **state)
{
	struct dorn_ini *ini;

	ini = ini_accepts(*state,
			  "; case file\n"
			  "[Case]\n"
			  "URN = 01AB2345678 ; inline comment\n"
			  "hash = a#b\n"
			  "quoted = \"a;b # c\"  ; comment\n"
			  "single = ' spaced '\n"
			  "empty =\n"
			  "empty2 = \"\"\n"
			  "empty3 = ;\n"
			  "eq = a=b\n"
			  "back = C:\\temp\\x\n"
			  "\n"
			  "[victim]\r\n"
			  "name = Zoë Łukasz\r\n");
	assert_int_equal(ini->nsections, 2);
	assert_string_equal(ini->sections[0], "case");
	assert_string_equal(ini->sections[1], "victim");
	assert_int_equal(dorn_ini_section_line(ini, "case"), 2);
	assert_int_equal(dorn_ini_section_line(ini, "victim"), 13);
	assert_int_equal(dorn_ini_section_line(ini, "nope"), 0);
	assert_int_equal(ini->n, 10);
	assert_string_equal(ini->entries[0].key, "urn");
	assert_string_equal(ini->entries[0].section, "case");
	assert_int_equal(ini->entries[0].line, 3);
	assert_string_equal(value_of(ini, "case", "urn"), "01AB2345678");
	assert_string_equal(value_of(ini, "case", "hash"), "a");
	assert_string_equal(value_of(ini, "case", "quoted"), "a;b # c");
	assert_string_equal(value_of(ini, "case", "single"), " spaced ");
	assert_string_equal(value_of(ini, "case", "empty"), "");
	assert_string_equal(value_of(ini, "case", "empty2"), "");
	assert_string_equal(value_of(ini, "case", "empty3"), "");
	assert_string_equal(value_of(ini, "case", "eq"), "a=b");
	assert_string_equal(value_of(ini, "case", "back"), "C:\\temp\\x");
	assert_string_equal(value_of(ini, "victim", "name"), "Zoë Łukasz");
	assert_int_equal(ini->entries[9].line, 14);
	assert_null(dorn_ini_get(ini, "victim", "urn"));
	dorn_ini_free(ini);
	dorn_ini_free(NULL);
}

#define SECTION_REJECTED(fx, text, line, want) \
	ini_rejects(fx, text, sizeof text - 1, DORN_EDATA, line, want)

/* Case files name their items [item 1], [item 2]: single spaces inside a
 * section name are kept (iniparser 4.1 keys them "item 1:kind"), blanks at
 * the ends are trimmed as before, and anything that could make two names
 * look alike is refused. */
static void test_ini__section_names_with_spaces(void **state)
{
	struct fx *fx = *state;
	struct dorn_ini *ini;

	ini = ini_accepts(fx,
			  "[item 1]\n"
			  "kind = phone\n"
			  "[ Item 2 ]\n"
			  "kind = laptop\n"
			  "[\titem3 ]\n"
			  "kind = camera\n"
			  "[a b.c d-e]\n");
	assert_int_equal(ini->nsections, 4);
	assert_string_equal(ini->sections[0], "item 1");
	assert_string_equal(ini->sections[1], "item 2");
	assert_string_equal(ini->sections[2], "item3");
	assert_string_equal(ini->sections[3], "a b.c d-e");
	assert_string_equal(value_of(ini, "item 1", "kind"), "phone");
	assert_string_equal(value_of(ini, "item 2", "kind"), "laptop");
	assert_string_equal(value_of(ini, "item3", "kind"), "camera");
	assert_int_equal(dorn_ini_section_line(ini, "item 2"), 3);
	assert_null(dorn_ini_get(ini, "item1", "kind"));
	dorn_ini_free(ini);

	SECTION_REJECTED(fx, "[case]\n[item  1]\n", 2,
			 "section name [item  1] has two spaces in a row: use a single space between words, as in [item 1]");
	SECTION_REJECTED(fx, "[item\t1]\n", 1,
			 "section name [item 1] contains a tab: use a single space");
	SECTION_REJECTED(fx, "[item 1:kind]\n", 1,
			 "section name [item 1:kind] may only use letters, digits, '_', '-', '.' and single spaces: rename it");
	/* Case and outer blanks do not make a second section. */
	SECTION_REJECTED(fx, "[item 1]\n[ ITEM 1 ]\n", 2,
			 "section [item 1] appears twice: merge it with the one on line 1");
	/* Keys still may not hold spaces. */
	SECTION_REJECTED(fx, "[item 1]\nhow used = took\n", 2,
			 "key name 'how used' may only use");
}

static void test_ini__codes(void **state)
{
	struct fx *fx = *state;
	struct dorn_ini *ini = NULL;
	struct dorn_err err;
	char path[256], *big;
	size_t size = 1024 * 1024 + 1;

	snprintf(path, sizeof path, "%s/missing.ini", fx->dir);
	assert_int_equal(dorn_ini_load(path, &ini, &err), DORN_ENOINPUT);
	assert_null(ini);
	assert_int_equal(err.code, DORN_ENOINPUT);
	assert_contains(err.msg, "missing.ini: cannot read: No such file or directory: check the path");

	ini_rejects(fx, "[a]\nb = 1\nb = 2\n", 15, DORN_EDATA, 3, "'b' appears twice in [a]");
	ini_rejects(fx, "x = 1\n", 6, DORN_EDATA, 1, "outside any section");

	/* Over 1 MiB, even if it is all comment. */
	big = malloc(size);
	assert_non_null(big);
	memset(big, ';', size);
	for (size_t i = 100; i < size; i += 100)
		big[i] = '\n';
	tu_write(fx->dir, "big.ini", big, size, path, sizeof path);
	free(big);
	assert_int_equal(dorn_ini_load(path, &ini, &err), DORN_EDATA);
	assert_contains(err.msg, "big.ini: is larger than 1 MiB");

	/* At most 10000 sections and keys together. */
	big = malloc(200000);
	assert_non_null(big);
	for (int keys = 9999; keys <= 10000; keys++) {
		size_t len = (size_t)sprintf(big, "[s]\n");

		for (int i = 0; i < keys; i++)
			len += (size_t)sprintf(big + len, "k%d = 1\n", i);
		if (keys == 9999) {
			tu_write(fx->dir, "many.ini", big, len, path, sizeof path);
			assert_int_equal(dorn_ini_load(path, &ini, &err), 0);
			assert_int_equal(ini->n, 9999);
			dorn_ini_free(ini);
		} else {
			ini_rejects(fx, big, len, DORN_EDATA, 10001,
				    "more than 10000 sections and keys: split the file");
		}
	}
	free(big);

	/* A FIFO is refused at once instead of waiting for a writer. */
	snprintf(path, sizeof path, "%s/fifo.ini", fx->dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(dorn_ini_load(path, &ini, &err), DORN_ENOINPUT);
	assert_contains(err.msg, "fifo.ini: is not a regular file");

	/* A file name that cannot be shown safely is refused, not printed. */
	assert_int_equal(dorn_ini_load("/tmp/\x1b[2Jx.ini", &ini, &err), DORN_ENOINPUT);
	assert_clean(err.msg);
}

/* A small deterministic random generator for the test below. */
static unsigned next_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7FFF;
}

static size_t pick(char *out, unsigned *seed, const char *chars, size_t most)
{
	size_t n = next_rand(seed) % (most + 1), len = strlen(chars);

	for (size_t i = 0; i < n; i++)
		out[i] = chars[next_rand(seed) % len];
	return n;
}

/* Lines that look like INI, with the characters iniparser treats
 * specially mixed into names and values; now and then a line longer than
 * iniparser's 1024-byte buffer, up to and past dorn's limit. */
static size_t random_ini(char *text, size_t cap, unsigned *seed)
{
	static const char *const names[] = { "a", "B", "s", "key_1", "x.y", "a-b", "Ui" };
	static const char blanks[] = " \t";
	static const char junk[] = "[]=;#\"' \t\\ab:";
	static const char value[] = "ab \"';#=\t\\[]\xc3\xa9";
	static const char *const words[] = { "a", "b", " ", "\xc3\xab", "\xc5\x81" };
	size_t len = 0, lines = 1 + next_rand(seed) % 8;

	for (size_t l = 0; l < lines && len + DORN_INI_LINE_MAX + 128 < cap; l++) {
		unsigned kind = next_rand(seed) % 8;
		const char *name = names[next_rand(seed) % 7];

		len += pick(text + len, seed, blanks, 1);
		if (kind == 0) {
			text[len++] = '[';
			len += pick(text + len, seed, blanks, 1);
			len += (size_t)sprintf(text + len, "%s", name);
			/* a second word, as in [item 1] */
			if (next_rand(seed) % 4 == 0)
				len += (size_t)sprintf(text + len, " %s", names[next_rand(seed) % 7]);
			len += pick(text + len, seed, junk, next_rand(seed) % 4 == 0);
			text[len++] = ']';
		} else if (kind <= 4) {
			len += (size_t)sprintf(text + len, "%s%zu", name, l);
			len += pick(text + len, seed, junk, next_rand(seed) % 4 == 0);
			len += pick(text + len, seed, blanks, 2);
			text[len++] = '=';
			len += pick(text + len, seed, blanks, 2);
			if (next_rand(seed) % 8 == 0) {
				/* Long, and quoted so that it is all read: past
				 * iniparser's reach, or around dorn's limit. */
				size_t n = next_rand(seed) % 2 ?
					   1024 + next_rand(seed) % (DORN_INI_LINE_MAX - 1100) :
					   DORN_INI_LINE_MAX - 16 + next_rand(seed) % 16;
				size_t end = len + 1 + n;

				/* whole characters, some of two bytes */
				text[len++] = '"';
				while (len < end) {
					const char *w = words[next_rand(seed) % 5];

					memcpy(text + len, w, strlen(w));
					len += strlen(w);
				}
				text[len++] = '"';
			} else {
				len += pick(text + len, seed, value, 12);
			}
		} else if (kind == 5) {
			text[len++] = ';';
			len += pick(text + len, seed, value, 12);
		} else if (kind == 6) {
			len += pick(text + len, seed, junk, 6);
		}
		len += pick(text + len, seed, blanks, 1);
		if (next_rand(seed) % 8 == 0)
			text[len++] = '\r';
		text[len++] = '\n';
	}
	return len;
}

/* The value of entry e by the rules documented in ini.c, worked out from
 * the raw text, must be what dorn read. */
static void assert_value_as_documented(const char *text, size_t len,
				       const struct dorn_ini_entry *e)
{
	static char line[DORN_INI_LINE_MAX + 2], want[DORN_INI_LINE_MAX + 2];
	const char *p = text, *end = text + len, *nl, *v, *stop;
	size_t n;

	for (int i = 1; i < e->line; i++) {
		p = memchr(p, '\n', (size_t)(end - p));
		assert_non_null(p);
		p++;
	}
	nl = memchr(p, '\n', (size_t)(end - p));
	n = (size_t)((nl ? nl : end) - p);
	assert_true(n < sizeof line);
	memcpy(line, p, n);
	line[n] = '\0';
	if (n && line[n - 1] == '\r')
		line[--n] = '\0';
	v = strchr(line, '=');
	assert_non_null(v);
	for (v++; *v == ' ' || *v == '\t'; v++)
		;
	if (*v == '"' || *v == '\'') {
		stop = strchr(v + 1, *v);
		assert_non_null(stop);
		n = (size_t)(stop - v - 1);
		memcpy(want, v + 1, n);
	} else {
		n = strcspn(v, ";#");
		while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		memcpy(want, v, n);
	}
	want[n] = '\0';
	if (strcmp(e->value, want) != 0)
		fail_msg("line %d: dorn read '%.60s', the documented rules say '%.60s'",
			 e->line, e->value, want);
}

static int iniparser_errors;

static int count_iniparser_error(const char *fmt, ...)
{
	(void)fmt;
	iniparser_errors++;
	return 0;
}

/* iniparser 4.1 reads a line into 1024 bytes, with its line end. */
static int within_iniparser(const char *text, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i == len || text[i] == '\n') {
			if (i - start + 1 >= 1024)
				return 0;
			start = i + 1;
		}
	}
	return 1;
}

/* A file dorn accepted and iniparser can read: iniparser must read it
 * too, with the same sections, keys and values. Its getters crash when a
 * section name is looked up as a key, so its arrays are walked. */
static void assert_same_as_iniparser(const char *path, const struct dorn_ini *ini)
{
	char full[512];
	size_t keys = 0, secs = 0;
	dictionary *d;

	iniparser_errors = 0;
	iniparser_set_error_callback(count_iniparser_error);
	d = iniparser_load(path);
	if (!d || iniparser_errors)
		fail_msg("dorn read %s, iniparser could not", path);
	for (ssize_t i = 0; i < d->size; i++) {
		if (!d->key[i])
			continue;
		if (d->val[i])
			keys++;
		else
			secs++;
	}
	if (keys != ini->n || secs != ini->nsections)
		fail_msg("dorn read %zu sections and %zu keys, iniparser %zu and %zu",
			 ini->nsections, ini->n, secs, keys);
	for (size_t e = 0; e < ini->n; e++) {
		const char *got = NULL;

		snprintf(full, sizeof full, "%s:%s", ini->entries[e].section, ini->entries[e].key);
		for (ssize_t i = 0; i < d->size && !got; i++)
			if (d->key[i] && d->val[i] && !strcmp(d->key[i], full))
				got = d->val[i];
		if (!got || strcmp(got, ini->entries[e].value) != 0)
			fail_msg("line %d: dorn read '%s', iniparser '%s'", ini->entries[e].line,
				 ini->entries[e].value, got ? got : "(nothing)");
	}
	iniparser_freedict(d);
}

/* Random files: dorn reads values by the documented rules, reads every
 * file iniparser can read as iniparser does, refuses a line over its
 * limit, never crashes, and every message is safe to print. */
static void test_ini__random_files_read_as_documented_and_as_iniparser(void **state)
{
	struct fx *fx = *state;
	unsigned seed = 12345;
	size_t cap = 12 * DORN_INI_LINE_MAX;
	char *text = malloc(cap);
	int accepted = 0, compared = 0, long_accepted = 0, long_refused = 0;

	assert_non_null(text);
	for (int round = 0; round < 3000; round++) {
		struct dorn_ini *ini = NULL;
		struct dorn_err err;
		size_t len;
		int rc;

		if (round % 10 == 9) {
			/* any bytes at all */
			len = next_rand(&seed) % 300;
			for (size_t i = 0; i < len; i++)
				text[i] = (char)next_rand(&seed);
		} else {
			len = (size_t)sprintf(text, "[sec]\n");
			len += random_ini(text + len, cap - len, &seed);
		}
		write_ini(fx, "fuzz.ini", text, len);
		dorn_err_clear(&err);
		rc = dorn_ini_load(fx->path, &ini, &err);
		if (rc == 0) {
			accepted++;
			for (size_t i = 0; i < ini->n; i++)
				assert_value_as_documented(text, len, &ini->entries[i]);
			if (within_iniparser(text, len)) {
				assert_same_as_iniparser(fx->path, ini);
				compared++;
			} else {
				long_accepted++;
			}
			dorn_ini_free(ini);
			continue;
		}
		assert_null(ini);
		assert_int_equal(rc, DORN_EDATA);
		assert_clean(err.msg);
		if (strstr(err.msg, "bytes long, the limit is"))
			long_refused++;
	}
	free(text);
	/* The generator must reach each case often enough to mean something. */
	if (compared < 250 || long_accepted < 20 || long_refused < 20)
		fail_msg("of 3000 random files %d were compared with iniparser, %d long ones "
			 "read and %d refused", compared, long_accepted, long_refused);
}

/* ---- search order ---- */

static void test_search__explicit_then_env_then_xdg(void **state)
{
	struct fx *fx = *state;
	char explicit_path[1024], env_path[1024], xdg_path[1024], home_path[1024];
	char xdg[256];
	struct dorn_config cfg;
	struct dorn_err err;

	write_marked(fx->dir, "explicit", 1, explicit_path, sizeof explicit_path);
	write_marked(fx->dir, "env", 2, env_path, sizeof env_path);
	write_marked(fx->dir, "xdg/dorn", 3, xdg_path, sizeof xdg_path);
	write_marked(fx->dir, ".config/dorn", 4, home_path, sizeof home_path);
	snprintf(xdg, sizeof xdg, "%s/xdg", fx->dir);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("DORN_CONFIG", env_path, 1);

	assert_int_equal(dorn_config_load(&cfg, explicit_path, &err), 0);
	assert_int_equal(cfg.urgent_days, 1);
	assert_string_equal(cfg.source, explicit_path);

	assert_int_equal(dorn_config_load(&cfg, NULL, &err), 0);
	assert_int_equal(cfg.urgent_days, 2);
	assert_string_equal(cfg.source, env_path);

	setenv("DORN_CONFIG", "", 1); /* empty counts as unset */
	assert_int_equal(dorn_config_load(&cfg, "", &err), 0);
	assert_int_equal(cfg.urgent_days, 3);
	assert_string_equal(cfg.source, xdg_path);

	/* Unset, empty or relative XDG_CONFIG_HOME: ~/.config. */
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(dorn_config_load(&cfg, NULL, &err), 0);
	assert_int_equal(cfg.urgent_days, 4);
	assert_string_equal(cfg.source, home_path);
	setenv("XDG_CONFIG_HOME", "", 1);
	assert_int_equal(dorn_config_load(&cfg, NULL, &err), 0);
	assert_string_equal(cfg.source, home_path);
	setenv("XDG_CONFIG_HOME", "xdg", 1);
	assert_int_equal(dorn_config_load(&cfg, NULL, &err), 0);
	assert_string_equal(cfg.source, home_path);
}

/* Only the first file found is read: nothing is merged from the next one. */
static void test_search__first_file_only(void **state)
{
	struct fx *fx = *state;
	char env_path[1024], home_path[1024];
	struct dorn_config cfg;
	struct dorn_err err;

	write_marked(fx->dir, ".config/dorn", 4, home_path, sizeof home_path);
	tu_write(fx->dir, "other.ini", "[ui]\nascii = yes\n", 17, env_path, sizeof env_path);
	setenv("DORN_CONFIG", env_path, 1);
	assert_int_equal(dorn_config_load(&cfg, NULL, &err), 0);
	assert_int_equal(cfg.ascii, 1);
	assert_int_equal(cfg.urgent_days, 14);
}

static void test_search__nothing_found_is_defaults(void **state)
{
	struct dorn_config cfg, def;
	struct dorn_err err;

	(void)state;
	if (access("/etc/dorn/dorn.ini", F_OK) == 0)
		skip(); /* this machine has a system configuration */
	dorn_config_defaults(&def);
	assert_int_equal(dorn_config_load(&cfg, NULL, &err), 0);
	assert_same_values(&cfg, &def);
	assert_string_equal(cfg.source, "");
	unsetenv("HOME");
	assert_int_equal(dorn_config_load(&cfg, NULL, &err), 0);
	assert_string_equal(cfg.source, "");
}

/* A file in the search path that exists but cannot be read is an error,
 * and so is a bad one: neither is skipped. */
static void test_search__bad_user_file_is_an_error(void **state)
{
	struct fx *fx = *state;
	char folder[256], path[1024], want[1100];
	struct dorn_config cfg;
	struct dorn_err err;

	snprintf(folder, sizeof folder, "%s/.config/dorn/dorn.ini", fx->dir);
	mkdirs(folder);
	dorn_err_clear(&err);
	assert_int_equal(dorn_config_load(&cfg, NULL, &err), DORN_ECONFIG);
	assert_contains(err.msg, "dorn.ini: is a folder, not a file");
	assert_int_equal(rmdir(folder), 0);

	snprintf(folder, sizeof folder, "%s/.config/dorn", fx->dir);
	tu_write(folder, "dorn.ini", "[ui]\ncolor = pink\n", 18, path, sizeof path);
	assert_int_equal(dorn_config_load(&cfg, NULL, &err), DORN_ECONFIG);
	snprintf(want, sizeof want, "%s:2: [ui] color = 'pink'", path);
	assert_contains(err.msg, want);
	assert_int_equal(cfg.color, DORN_COLOR_AUTO);
}

/* ---- data folder ---- */

static void test_datadir__env_then_built_in(void **state)
{
	(void)state;
	setenv("DORN_DATADIR", "/opt/dorn-data", 1);
	assert_string_equal(dorn_config_datadir(), "/opt/dorn-data");
	setenv("DORN_DATADIR", "", 1);
#ifdef DORN_DATADIR
	assert_string_equal(dorn_config_datadir(), DORN_DATADIR);
#else
	assert_string_equal(dorn_config_datadir(), "/usr/local/share/dorn");
#endif
	unsetenv("DORN_DATADIR");
	assert_true(dorn_config_datadir()[0] == '/');
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_keys__table_is_complete),
		T(test_defaults__values),
		T(test_defaults__each_accepted_from_a_file),
		T(test_load__sets_every_key),
		T(test_load__lower_bounds_and_words),
		T(test_load__over_existing_values),
		T(test_load__empty_file_is_defaults),
		T(test_load__tilde_expands_to_home),
		T(test_load__pdf_font_family_or_file),
		T(test_example__loads_as_the_defaults),
		T(test_example__mentions_every_key),
		T(test_reject__unknown_key),
		T(test_reject__unknown_section),
		T(test_reject__first_problem_in_file_order),
		T(test_reject__bad_number),
		T(test_reject__number_out_of_range),
		T(test_reject__long_line),
		T(test_reject__long_value),
		T(test_reject__duplicate_key),
		T(test_reject__duplicate_section),
		T(test_reject__key_before_section),
		T(test_reject__missing_file),
		T(test_reject__folder_instead_of_file),
		T(test_reject__binary_garbage),
		T(test_reject__invalid_utf8),
		T(test_reject__control_character),
		T(test_reject__bad_enum),
		T(test_reject__bad_formats),
		T(test_reject__long_format_cut_at_a_character),
		T(test_reject__bad_paths_and_strings),
		T(test_reject__section_name_as_key),
		T(test_reject__syntax),
		T(test_ini__values_lines_and_quotes),
		T(test_ini__section_names_with_spaces),
		T(test_ini__codes),
		T(test_ini__random_files_read_as_documented_and_as_iniparser),
		T(test_search__explicit_then_env_then_xdg),
		T(test_search__first_file_only),
		T(test_search__nothing_found_is_defaults),
		T(test_search__bad_user_file_is_an_error),
		T(test_datadir__env_then_built_in),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
