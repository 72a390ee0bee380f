/* Unit tests for the case-file reader: the worked examples in
 * data/examples load with the values they show, and hostile files are
 * refused whole, naming file, line, section and key, with nothing filled. */
#include "testutil.h"

#include <dirent.h>

#include "dorn/casefile.h"
#include "dorn/config.h"
#include "dorn/err.h"
#include "dorn/model.h"
#include "dorn/offences.h"
#include "dorn/text.h"

struct fx {
	char datadir[512];
	char *saved_datadir;
	struct dorn_offences off;
	char dir[64];
	char path[256];      /* the file last written by write_case */
	struct dorn_case *c; /* filled by the reader */
};

/* The offences table is read once, from $DORN_DATADIR (else ./data). */
static int group_setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	const char *d = getenv("DORN_DATADIR");
	struct dorn_err err;

	if (!fx)
		return -1;
	fx->saved_datadir = d ? strdup(d) : NULL;
	snprintf(fx->datadir, sizeof fx->datadir, "%s", d && *d ? d : "data");
	setenv("DORN_DATADIR", fx->datadir, 1);
	if (dorn_offences_load(NULL, &fx->off, &err) != 0) {
		fprintf(stderr, "cannot load offences: %s\n", err.msg);
		return -1;
	}
	*state = fx;
	return 0;
}

static int group_teardown(void **state)
{
	struct fx *fx = *state;

	dorn_offences_free(&fx->off);
	if (fx->saved_datadir)
		setenv("DORN_DATADIR", fx->saved_datadir, 1);
	else
		unsetenv("DORN_DATADIR");
	free(fx->saved_datadir);
	free(fx);
	return 0;
}

static int setup(void **state)
{
	struct fx *fx = *state;

	tu_tmpdir(fx->dir, sizeof fx->dir);
	fx->c = dorn_case_new();
	assert_non_null(fx->c);
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	tu_rmdir(fx->dir);
	dorn_case_free(fx->c);
	fx->c = NULL;
	return 0;
}

/* ---- helpers ---- */

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("expected \"%s\" in \"%s\"", needle, hay);
}

static void assert_clean(const char *s)
{
	assert_true(dorn_utf8_valid(s, strlen(s), NULL));
	if (dorn_text_has_control(s, 0))
		fail_msg("control character in \"%s\"", s);
}

/* Nothing half-filled may reach the caller. */
static void assert_zeroed(const struct dorn_case *c)
{
	const unsigned char *p = (const unsigned char *)c;

	for (size_t i = 0; i < sizeof *c; i++)
		if (p[i])
			fail_msg("byte %zu of the case is %#x after a refusal", i, p[i]);
}

static const char *write_case(struct fx *fx, const void *text, size_t len)
{
	tu_write(fx->dir, "case.ini", text, len, fx->path, sizeof fx->path);
	return fx->path;
}

static void load_example(struct fx *fx, const char *name)
{
	struct dorn_err err;
	char path[1024];

	snprintf(path, sizeof path, "%s/examples/%s", fx->datadir, name);
	dorn_err_clear(&err);
	if (dorn_casefile_read(path, &fx->off, fx->c, &err) != 0)
		fail_msg("%s", err.msg);
}

static void accepts(struct fx *fx, const char *text)
{
	struct dorn_err err;

	write_case(fx, text, strlen(text));
	dorn_err_clear(&err);
	if (dorn_casefile_read(fx->path, &fx->off, fx->c, &err) != 0)
		fail_msg("rejected: %s\n---\n%s---", err.msg, text);
}

/* The reader must refuse text with code, its message starting with
 * "PATH:LINE: " ("PATH: " when line is 0) and holding want, and leave the
 * case zeroed. */
static void rejects_code(struct fx *fx, const void *text, size_t len, int code,
			 int line, const char *want)
{
	struct dorn_err err;
	char prefix[320];

	write_case(fx, text, len);
	memset(fx->c, 0x5A, sizeof *fx->c);
	dorn_err_clear(&err);
	assert_int_equal(dorn_casefile_read(fx->path, &fx->off, fx->c, &err), code);
	assert_int_equal(err.code, code);
	if (line > 0)
		snprintf(prefix, sizeof prefix, "%s:%d: ", fx->path, line);
	else
		snprintf(prefix, sizeof prefix, "%s: ", fx->path);
	if (strncmp(err.msg, prefix, strlen(prefix)) != 0)
		fail_msg("expected \"%s\" at the start of \"%s\"", prefix, err.msg);
	assert_contains(err.msg, want);
	assert_clean(err.msg);
	assert_zeroed(fx->c);
}

#define REJECTS(fx, text, line, want) \
	rejects_code(fx, text, sizeof text - 1, DORN_EDATA, line, want)

/* A small valid case (lines 1-4) to build hostile files on. */
#define BASE "[case]\nurn = 01/AB/12345/26\n[victim]\nreference = V1\n"

/* ---- the worked examples ---- */

/* An unquoted value ends at ';' or '#' (the rest is a comment), which would
 * silently cut an example's text short: every such value must be quoted. */
static void assert_nothing_cut(const char *path)
{
	char line[DORN_INI_LINE_MAX + 8], *v;
	FILE *f = fopen(path, "r");
	int n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		n++;
		v = line + strspn(line, " \t");
		if (*v == ';' || *v == '#' || *v == '[' || !strchr(v, '='))
			continue;
		v = strchr(v, '=') + 1;
		v += strspn(v, " \t");
		if (*v != '"' && *v != '\'' && strpbrk(v, ";#"))
			fail_msg("%s:%d: an unquoted value holds ';' or '#': quote it", path, n);
	}
	fclose(f);
}

static void test_examples__every_file_loads(void **state)
{
	struct fx *fx = *state;
	char dirpath[600], path[1024];
	struct dirent *de;
	size_t n = 0, len;
	DIR *d;

	snprintf(dirpath, sizeof dirpath, "%s/examples", fx->datadir);
	d = opendir(dirpath);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".ini") != 0)
			continue;
		load_example(fx, de->d_name);
		snprintf(path, sizeof path, "%s/%s", dirpath, de->d_name);
		assert_nothing_cut(path);
		/* Every example is complete enough to show a note. */
		assert_true(fx->c->urn[0]);
		assert_true(fx->c->noffences > 0);
		assert_true(fx->c->nitems > 0);
		assert_true(fx->c->concern.victim_words[0]);
		assert_false(strstr(fx->c->concern.victim_words, "\\n"));
		for (size_t i = 0; i < fx->c->nitems; i++)
			assert_int_equal(fx->c->items[i].position, (int)i + 1);
		n++;
	}
	closedir(d);
	if (n < 10)
		fail_msg("only %zu examples in %s", n, dirpath);
}

static void test_examples__sharing(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;
	const struct dorn_item *it;

	load_example(fx, "sharing.ini");
	assert_string_equal(c->urn, "14WC2041726");
	assert_string_equal(c->defendant, "Marcus Threlfall");
	assert_string_equal(c->court, "Eastbridge Magistrates' Court");
	assert_int_equal(c->stage, DORN_STAGE_CONVICTION);
	assert_int_equal(c->noffences, 1);
	assert_string_equal(c->offences[0], "soa66b2");
	assert_string_equal(c->next_hearing, "2026-12-04");
	assert_string_equal(c->sentencing_date, "2026-12-04");
	assert_string_equal(c->next_hearing_type, "sentencing hearing");
	assert_int_equal(c->id, 0);

	assert_string_equal(c->victim.reference, "WC-2026-0142");
	assert_string_equal(c->victim.name, "");
	assert_int_equal(c->victim.under_18, DORN_TRI_NO);
	assert_int_equal(c->victim.consent, DORN_CONSENT_YES);
	assert_string_equal(c->victim.consent_date, "2026-11-20");
	assert_string_equal(c->victim.safe_contact,
			    "Mobile only, weekdays after 5pm; leave no voicemail");
	assert_int_equal(c->victim.support, DORN_SUPPORT_HELPLINE | DORN_SUPPORT_STOPNCII |
			 DORN_SUPPORT_EVIDENCE);

	assert_int_equal(c->concern.fears, DORN_FEAR_RETURNED | DORN_FEAR_SHARING);
	assert_string_equal(c->concern.victim_words,
			    "I am frightened that when he gets his phone back the pictures will still be on it.\n"
			    "He sent them once to hurt me, and I don't feel safe while he has them.\n"
			    "I want to be able to stop checking every message I get.");
	assert_non_null(strchr(c->concern.impact, '\n'));

	assert_int_equal(c->nitems, 2);
	it = &c->items[0];
	assert_int_equal(it->position, 1);
	assert_int_equal(it->kind, DORN_KIND_PHONE);
	assert_int_equal(it->owner, DORN_OWNER_DEFENDANT);
	assert_int_equal(it->seized, DORN_TRI_YES);
	assert_string_equal(it->exhibit_ref, "HA/1");
	assert_int_equal(it->how_used, DORN_USE_TOOK | DORN_USE_STORED | DORN_USE_SENT);
	assert_int_equal(it->examined, DORN_TRI_YES);
	assert_int_equal(it->value_estimate, 450);
	assert_contains(it->effect, "work phone");
	assert_int_equal(it->lawful_data, DORN_TRI_UNKNOWN);
	assert_int_equal(it->held_by, DORN_HELD_POLICE);
	it = &c->items[1];
	assert_int_equal(it->kind, DORN_KIND_LAPTOP);
	assert_int_equal(it->owner, DORN_OWNER_SHARED);
	assert_contains(it->owner_detail, "Nadia Fenwick");
	assert_int_equal(it->how_used, DORN_USE_STORED);
	assert_int_equal(it->lawful_data, DORN_TRI_YES);
	assert_int_equal(it->value_estimate, 600);
}

static void test_examples__threat(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;

	load_example(fx, "threat.ini");
	assert_string_equal(c->urn, "43KD3187626");
	assert_int_equal(c->stage, DORN_STAGE_TRIAL);
	assert_int_equal(c->noffences, 2);
	assert_string_equal(c->offences[0], "soa66b4");
	assert_string_equal(c->offences[1], "sca76");
	assert_string_equal(c->next_hearing, "2027-01-18");
	assert_string_equal(c->sentencing_date, "");
	assert_int_equal(c->victim.consent, DORN_CONSENT_YES);
	assert_int_equal(c->concern.fears,
			 DORN_FEAR_SHARING | DORN_FEAR_COPIES | DORN_FEAR_CONTACT);
	assert_int_equal(c->nitems, 2);
	assert_int_equal(c->items[0].kind, DORN_KIND_PHONE);
	assert_int_equal(c->items[0].seized, DORN_TRI_YES);
	assert_true(c->items[0].how_used & DORN_USE_THREATENED);
	assert_int_equal(c->items[1].kind, DORN_KIND_CLOUD);
	assert_int_equal(c->items[1].seized, DORN_TRI_NO);
	assert_int_equal(c->items[1].value_estimate, -1);
	assert_int_equal(c->items[1].held_by, DORN_HELD_UNKNOWN);
	assert_string_equal(c->items[1].exhibit_ref, "");
}

static void test_examples__voyeurism(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;
	static const int examined[5] = { DORN_TRI_YES, DORN_TRI_YES, DORN_TRI_YES,
					 DORN_TRI_NO, DORN_TRI_NO };

	load_example(fx, "voyeurism.ini");
	assert_string_equal(c->urn, "05TR5023126");
	assert_int_equal(c->stage, DORN_STAGE_SENTENCING);
	assert_string_equal(c->offences[0], "soa67");
	assert_string_equal(c->sentencing_date, "2026-12-09");
	assert_int_equal(c->nitems, 5);
	assert_int_equal(c->items[0].kind, DORN_KIND_CAMERA);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(c->items[i].examined, examined[i]);
		assert_int_equal(c->items[i].seized, DORN_TRI_YES);
		if (i > 0)
			assert_int_equal(c->items[i].kind, DORN_KIND_STORAGE);
	}
	assert_int_equal(c->items[3].how_used, 0);
	assert_int_equal(c->items[1].value_estimate, 8);
	/* Unquoted, with \n: the breaks are there and the text is whole. */
	assert_string_equal(c->concern.victim_words,
			    "I did not know I was being recorded in my own home.\n"
			    "I keep wondering whether there are more cards that nobody has looked at.\n"
			    "Knowing they will not be given back would let me start to feel safe there again.");
}

static void test_examples__under18(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;

	load_example(fx, "under18.ini");
	assert_string_equal(c->urn, "22NB0775426");
	assert_int_equal(c->victim.under_18, DORN_TRI_YES);
	assert_int_equal(c->noffences, 2);
	assert_string_equal(c->offences[0], "soa66b1");
	assert_string_equal(c->offences[1], "pca1");
	assert_string_equal(c->victim.consent_date, "2026-11-14");
	assert_string_equal(c->sentencing_date, "2027-02-03");
	/* 19 now: an IWF report, not Report Remove (under 18s now only) */
	assert_int_equal(c->victim.under_18_now, DORN_TRI_NO);
	assert_false(c->victim.support & DORN_SUPPORT_REPORT_REMOVE);
	assert_true(c->victim.support & DORN_SUPPORT_IWF);
	assert_false(c->victim.support & DORN_SUPPORT_STOPNCII);
	assert_true(c->victim.age_proof[0]);
	assert_int_equal(c->nitems, 2);
	assert_int_equal(c->items[0].kind, DORN_KIND_PHONE);
	assert_int_equal(c->items[1].kind, DORN_KIND_LAPTOP);
	assert_int_equal(c->items[1].value_estimate, 900);
}

/* The examples for the facts a prosecutor phones about (issue 10). */
static void test_examples__thirdparty(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;

	load_example(fx, "thirdparty.ini");
	assert_int_equal(c->nitems, 2);
	assert_int_equal(c->items[0].kind, DORN_KIND_LAPTOP);
	assert_int_equal(c->items[0].seized_from, DORN_FROM_OTHER);
	assert_string_equal(c->items[0].seized_from_name, "Brenda Carver, the defendant's mother");
	assert_int_equal(c->items[0].held_at_arrest, DORN_TRI_NO);
	assert_int_equal(c->items[0].third_party_told, DORN_TRI_NO);
	assert_int_equal(c->items[1].seized_from, DORN_FROM_DEFENDANT);
}

static void test_examples__atarrest(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;

	load_example(fx, "atarrest.ini");
	assert_int_equal(c->nitems, 1);
	assert_int_equal(c->items[0].seized, DORN_TRI_NO);
	assert_int_equal(c->items[0].seized_from, DORN_FROM_NOT_SEIZED);
	assert_int_equal(c->items[0].held_at_arrest, DORN_TRI_YES);
	assert_int_equal(c->items[0].seizure_asked, DORN_TRI_YES);
	assert_true(c->items[0].now_where[0]);
	assert_int_equal(c->charged_by, DORN_CHARGED_ARREST);
	assert_string_equal(c->arrest_date, "2026-09-19");
}

static void test_examples__account(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;

	load_example(fx, "account.ini");
	assert_int_equal(c->items[0].kind, DORN_KIND_CLOUD);
	assert_int_equal(c->items[0].request, DORN_REQUEST_REMOVAL);
	assert_string_equal(c->items[0].request_date, "2026-08-13");
	assert_string_equal(c->items[0].account_id, "@c_ambrose_nm");
	assert_true(c->items[0].platform[0]);
}

static void test_examples__passed(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;

	load_example(fx, "passed.ini");
	/* sentence passed before the later hearing: both kept as given */
	assert_string_equal(c->sentencing_date, "2026-11-20");
	assert_string_equal(c->next_hearing, "2026-12-18");
	assert_int_equal(c->charged_by, DORN_CHARGED_SUMMONS);
}

static void test_examples__noconsent(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;

	load_example(fx, "noconsent.ini");
	assert_int_equal(c->victim.consent, DORN_CONSENT_NO);
	assert_string_equal(c->victim.consent_date, "2026-11-26");
	assert_int_equal(c->stage, DORN_STAGE_FIRST_HEARING);
	assert_string_equal(c->lawyer, "");
	assert_int_equal(c->items[0].value_estimate, -1);
}

static void test_examples__names_keep_utf8(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;

	load_example(fx, "names.ini");
	assert_string_equal(c->urn, "62LM440192326"); /* the 7-digit form */
	assert_string_equal(c->defendant, "Paweł Dziedzic");
	assert_string_equal(c->officer_in_case, "DC 5163 Łukasz Wróblewski");
	assert_string_equal(c->lawyer, "Anaïs Okonkwo-Byrne, CPS Northmoor");
	assert_string_equal(c->victim.name, "Zoë Hartigan-Núñez");
	assert_string_equal(c->victim.safe_contact, "Mobile; texts first, calls after 6pm");
	assert_string_equal(c->concern.fear_other,
			    "That he will find her new address #2 through old messages on the tablet");
	assert_int_equal(c->concern.fears, DORN_FEAR_RETURNED | DORN_FEAR_OTHER);
	assert_int_equal(c->items[0].kind, DORN_KIND_TABLET);
	assert_string_equal(c->items[0].exhibit_ref, "ŁW/1");
	assert_int_equal(c->items[0].value_estimate, 250);
}

/* ---- reading rules ---- */

static void test_read__defaults_order_and_spelling(void **state)
{
	struct fx *fx = *state;
	const struct dorn_case *c = fx->c;

	accepts(fx,
		"[item 3]\n"
		"kind = Cloud-Account\n"
		"[Victim]\n"
		"reference = V 7\n"
		"consent_to_share = NO\n"
		"consent_date =\n"
		"support_offered = evidence,,helpline , helpline\n"
		"[item 1]\n"
		"kind = phone\n"
		"how_used =\n"
		"[case]\n"
		"urn = 01 ab 12345 26\n"
		"stage =\n"
		"offences = SOA66B1 ,  pca1\n"
		"next_hearing = 1/2/2027\n"
		"[concern]\n"
		"impact = 'a\\nb\\\\nc C:\\temp \\n'\n"
		"[item 2]\n"
		"kind = other\n"
		"value_estimate = £0\n");
	assert_string_equal(c->urn, "01AB1234526");
	assert_int_equal(c->stage, DORN_STAGE_CHARGE);
	assert_int_equal(c->noffences, 2);
	assert_string_equal(c->offences[0], "soa66b1");
	assert_string_equal(c->offences[1], "pca1");
	assert_string_equal(c->next_hearing, "2027-02-01");
	assert_string_equal(c->victim.reference, "V 7");
	assert_int_equal(c->victim.consent, DORN_CONSENT_NO);
	assert_string_equal(c->victim.consent_date, "");
	assert_int_equal(c->victim.under_18, DORN_TRI_UNKNOWN);
	assert_int_equal(c->victim.support, DORN_SUPPORT_EVIDENCE | DORN_SUPPORT_HELPLINE);
	/* Every \n is a break, also after a backslash; other backslashes and
	 * the quoted outer blank stay. */
	assert_string_equal(c->concern.impact, "a\nb\\\nc C:\\temp \n");
	assert_int_equal(c->concern.fears, 0);
	assert_int_equal(c->nitems, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(c->items[i].position, i + 1);
	assert_int_equal(c->items[0].kind, DORN_KIND_PHONE);
	assert_int_equal(c->items[0].how_used, 0);
	assert_int_equal(c->items[0].value_estimate, -1);
	assert_int_equal(c->items[0].owner, DORN_OWNER_UNKNOWN);
	assert_int_equal(c->items[0].seized, DORN_TRI_UNKNOWN);
	assert_int_equal(c->items[0].held_by, DORN_HELD_UNKNOWN);
	assert_int_equal(c->items[1].kind, DORN_KIND_OTHER);
	assert_int_equal(c->items[1].value_estimate, 0);
	assert_int_equal(c->items[2].kind, DORN_KIND_CLOUD);
}

static void test_read__limits_are_inclusive(void **state)
{
	struct fx *fx = *state;
	char text[4096];
	size_t len;

	/* A 63-byte reference, 50 items, 8 offences and £10,000,000. */
	len = (size_t)snprintf(text, sizeof text,
			       "[case]\nurn = 01AB1234526\n"
			       "offences = soa66b1,soa66b2,soa66b3,soa66b4,soa66a,soa67,soa67a,pca1\n"
			       "[victim]\nreference = ");
	memset(text + len, 'r', 63);
	len += 63;
	text[len++] = '\n';
	for (int i = DORN_ITEMS_MAX; i >= 1; i--)
		len += (size_t)snprintf(text + len, sizeof text - len,
					"[item %d]\nkind = storage\nvalue_estimate = %s\n", i,
					i == 1 ? "10000000" : "1");
	assert_true(len < sizeof text);
	accepts(fx, text);
	assert_int_equal(strlen(fx->c->victim.reference), 63);
	assert_int_equal(fx->c->noffences, DORN_OFFENCES_MAX);
	assert_int_equal(fx->c->nitems, DORN_ITEMS_MAX);
	assert_int_equal(fx->c->items[0].value_estimate, 10000000);
	assert_int_equal(fx->c->items[DORN_ITEMS_MAX - 1].position, DORN_ITEMS_MAX);
}

/* A statement of exactly bytes bytes, as it is stored (value) and as a
 * case file writes it (file: each line break as \n), of fictitious words
 * with characters of two, three and four bytes. breaks: put in line
 * breaks. */
static void statement(size_t bytes, int breaks, char *value, char *file)
{
	static const char *const words[] = {
		"Zo\xC3\xAB ", "\xC5\x81ukasz ", "said ", "it cost \xE2\x82\xAC\x34\x30 ",
		"\xF0\x9F\x98\x9F ", "Nu\xC3\xB1\x65z ", "\n",
	};
	size_t v = 0, f = 0;

	for (unsigned i = 0;; i++) {
		const char *w = words[i % (breaks ? 7 : 6)];
		size_t n = strlen(w);

		if (v + n > bytes)
			break;
		memcpy(value + v, w, n);
		v += n;
		if (*w == '\n') {
			memcpy(file + f, "\\n", 2);
			f += 2;
		} else {
			memcpy(file + f, w, n);
			f += n;
		}
	}
	while (v < bytes) {
		value[v++] = '.';
		file[f++] = '.';
	}
	value[v] = '\0';
	file[f] = '\0';
}

/* The victim's words and the impact hold 4000 bytes, and a case file
 * carries them whole, on one line: past the 1000 bytes a line once held,
 * and even when every byte is a line break written as \n. */
static void test_read__statements_up_to_their_limit(void **state)
{
	struct fx *fx = *state;
	char *value = malloc(DORN_LONG_MAX + 1), *file = malloc(2 * DORN_LONG_MAX + 1);
	char *impact = malloc(DORN_LONG_MAX + 1), *ifile = malloc(2 * DORN_LONG_MAX + 1);
	char *text = malloc(5 * DORN_LONG_MAX);

	assert_non_null(value && file && impact && ifile && text);
	statement(DORN_LONG_MAX, 1, value, file);
	statement(DORN_LONG_MAX, 0, impact, ifile);
	assert_int_equal(strlen(value), DORN_LONG_MAX);
	snprintf(text, 5 * DORN_LONG_MAX, BASE "[concern]\nvictim_words = \"%s\"\nimpact = %s\n",
		 file, ifile);
	accepts(fx, text);
	assert_int_equal(strlen(fx->c->concern.victim_words), DORN_LONG_MAX);
	assert_memory_equal(fx->c->concern.victim_words, value, DORN_LONG_MAX + 1);
	assert_memory_equal(fx->c->concern.impact, impact, DORN_LONG_MAX + 1);

	/* 4000 line breaks: 8000 bytes on the line */
	memset(value, '\n', DORN_LONG_MAX);
	value[DORN_LONG_MAX] = '\0';
	for (size_t i = 0; i < DORN_LONG_MAX; i++)
		memcpy(file + 2 * i, "\\n", 2);
	file[2 * DORN_LONG_MAX] = '\0';
	snprintf(text, 5 * DORN_LONG_MAX, BASE "[concern]\nvictim_words = \"%s\"\n", file);
	accepts(fx, text);
	assert_memory_equal(fx->c->concern.victim_words, value, DORN_LONG_MAX + 1);
	free(value);
	free(file);
	free(impact);
	free(ifile);
	free(text);
}

/* A line of 1500 bytes, over the 1000 that lines once held, is read
 * whole: nothing of it is cut. */
static void test_read__long_line_is_read_whole(void **state)
{
	struct fx *fx = *state;
	char value[1600], file[3200], text[4096];

	statement(1491, 0, value, file);
	snprintf(text, sizeof text, BASE "[concern]\nimpact = %s\n", file);
	assert_int_equal(strlen(strstr(text, "impact = ")), 1500 + 1);
	accepts(fx, text);
	assert_string_equal(fx->c->concern.impact, value);
}

/* One byte over the limit, even inside a character, is refused with the
 * line, the field, the length and the limit: never stored cut. */
static void test_reject__statement_over_limit(void **state)
{
	struct fx *fx = *state;
	char *value = malloc(DORN_LONG_MAX + 8), *file = malloc(2 * DORN_LONG_MAX + 8);
	char *text = malloc(5 * DORN_LONG_MAX);
	size_t len;

	assert_non_null(value && file && text);
	statement(DORN_LONG_MAX + 1, 1, value, file);
	len = (size_t)snprintf(text, 5 * DORN_LONG_MAX,
			       BASE "[concern]\nfears = contact\nvictim_words = \"%s\"\n", file);
	rejects_code(fx, text, len, DORN_EDATA, 7,
		     "[concern] victim_words: is 4001 bytes long, the limit is 4000: shorten it");

	/* 3999 bytes and a two-byte letter */
	statement(DORN_LONG_MAX - 1, 0, value, file);
	len = (size_t)snprintf(text, 5 * DORN_LONG_MAX, BASE "[concern]\nimpact = %s\xC3\xAB\n",
			       file);
	rejects_code(fx, text, len, DORN_EDATA, 6,
		     "[concern] impact: is 4001 bytes long, the limit is 4000: shorten it");
	free(value);
	free(file);
	free(text);
}

/* A line longer than the reader takes is refused with its number, not
 * read in part. */
static void test_reject__line_over_the_limit(void **state)
{
	struct fx *fx = *state;
	char *text = malloc(3 * DORN_INI_LINE_MAX);
	size_t len;

	assert_non_null(text);
	len = (size_t)snprintf(text, 256, BASE "[concern]\nimpact = ");
	memset(text + len, 'x', DORN_INI_LINE_MAX - 8);
	len += DORN_INI_LINE_MAX - 8;
	text[len++] = '\n';
	rejects_code(fx, text, len, DORN_EDATA, 6,
		     "line is 10001 bytes long, the limit is 10000: shorten it");
	free(text);
}

/* Without a table, offence codes are checked for shape and repeats only. */
static void test_read__without_offence_table(void **state)
{
	struct fx *fx = *state;
	static const char ok[] = "[case]\nurn = 01AB1234526\noffences = new1, soa67\n"
				 "[victim]\nreference = V\n";
	static const char twice[] = "[case]\nurn = 01AB1234526\noffences = new1, new1\n"
				    "[victim]\nreference = V\n";
	struct dorn_err err;

	write_case(fx, ok, sizeof ok - 1);
	assert_int_equal(dorn_casefile_read(fx->path, NULL, fx->c, &err), 0);
	assert_string_equal(fx->c->offences[0], "new1");
	assert_string_equal(fx->c->offences[1], "soa67");
	write_case(fx, twice, sizeof twice - 1);
	assert_int_equal(dorn_casefile_read(fx->path, NULL, fx->c, &err), DORN_EDATA);
	assert_contains(err.msg, "[case] offences: 'new1' is listed twice");
	assert_zeroed(fx->c);
}

/* ---- hostile files ---- */

static void test_reject__unknown_section(void **state)
{
	REJECTS(*state, BASE "[conern]\nfears = contact\n", 5,
		"[conern]: unknown section: the sections are case, victim, concern, item N (N from 1 to 50) and outcome");
	REJECTS(*state, BASE "[items 1]\nkind = phone\n", 5, "[items 1]: unknown section");
}

static void test_reject__unknown_key(void **state)
{
	REJECTS(*state, "[case]\nurn = 01AB1234526\ncolour = red\n[victim]\nreference = V\n", 3,
		"[case] colour: unknown key: the keys of [case] are urn, defendant, court, stage, "
		"offences, next_hearing, next_hearing_type, sentencing_date, officer_in_case, lawyer");
	REJECTS(*state, BASE "[item 4]\nkind = phone\nimage = /home/x/pic.jpg\n", 7,
		"[item 4] image: unknown key: the keys of [item 4] are kind, description,");
}

/* An unquoted ';' or '#' starts a comment, as in every INI reader; the
 * victim's words must never be cut short without a word. */
static void test_reject__unquoted_comment_would_cut_text(void **state)
{
	REJECTS(*state, BASE "[concern]\nvictim_words = I was scared; he laughed\n", 6,
		"[concern] victim_words: holds ';' or '#' outside quotes");
	REJECTS(*state, BASE "[item 1]\nkind = phone\ndescription = Phone #2\n", 7,
		"put the whole value in double quotes");
	accepts(*state, BASE "[concern]\nvictim_words = \"I was scared; he laughed\"\n");
}

static void test_reject__bad_urn(void **state)
{
	REJECTS(*state, "[victim]\nreference = V\n[case]\nurn = 0X/AB/12345/26\n", 4,
		"[case] urn: URN '0X/AB/12345/26': the force code '0X' must be 2 digits");
	REJECTS(*state, "[case]\nurn = 01AB123\n[victim]\nreference = V\n", 2,
		"[case] urn: URN '01AB123': it has 7 characters");
}

static void test_reject__impossible_date(void **state)
{
	REJECTS(*state, BASE "consent_to_share = yes\nconsent_date = 31/02/2026\n", 6,
		"[victim] consent_date: 31/02/2026 is not a date: February 2026 has 28 days");
	REJECTS(*state, "[case]\nurn = 01AB1234526\nnext_hearing = next Tuesday\n"
		"[victim]\nreference = V\n", 3,
		"[case] next_hearing: 'next Tuesday' is not a date: type it as DD/MM/YYYY or YYYY-MM-DD");
	REJECTS(*state, "[case]\nurn = 01AB1234526\nsentencing_date = 2026-13-01\n"
		"[victim]\nreference = V\n", 3, "[case] sentencing_date: 2026-13-01: the month must be 1 to 12");
}

static void test_reject__item_without_kind(void **state)
{
	REJECTS(*state, BASE "[item 1]\nkind = phone\n[item 2]\ndescription = A laptop\n", 7,
		"[item 2] kind: missing: every item needs a kind (phone, laptop, tablet, camera, "
		"storage, cloud-account or other)");
	REJECTS(*state, BASE "[item 2]\nkind =\n", 6, "[item 2] kind: missing: every item needs a kind");
	REJECTS(*state, BASE "[item 2]\n", 5, "[item 2] kind: missing");
}

static void test_reject__unknown_kind(void **state)
{
	REJECTS(*state, BASE "[item 1]\nkind = fridge\n", 6,
		"[item 1] kind: 'fridge' is not allowed: use phone, laptop, tablet, camera, "
		"storage, cloud-account or other");
	REJECTS(*state, BASE "[item 1]\nkind = phone, laptop\n", 6,
		"[item 1] kind: 'phone, laptop' is not allowed");
	REJECTS(*state, BASE "[item 1]\nkind = phone\nseized = maybe\n", 7,
		"[item 1] seized: 'maybe' is not allowed: use unknown, yes or no");
	REJECTS(*state, BASE "[concern]\nfears = device-returned, scared\n", 6,
		"[concern] fears: 'scared' is not allowed: use one or more of device-returned, "
		"further-sharing, copies-elsewhere, contact and other, separated by commas");
}

static void test_reject__unknown_offence(void **state)
{
	REJECTS(*state, "[case]\nurn = 01AB1234526\noffences = soa66b2, soa99\n"
		"[victim]\nreference = V\n", 3,
		"[case] offences: 'soa99' is not an offence code dorn knows: use codes from "
		"offences.ini (soa66b1, soa66b2,");
	REJECTS(*state, "[case]\nurn = 01AB1234526\noffences = s.66B(2)\n"
		"[victim]\nreference = V\n", 3, "'s.66b(2)' is not an offence code");
}

static void test_reject__repeated_offence(void **state)
{
	REJECTS(*state, "[case]\nurn = 01AB1234526\noffences = soa67, pca1, SOA67\n"
		"[victim]\nreference = V\n", 3,
		"[case] offences: 'soa67' is listed twice: list each offence once");
	REJECTS(*state, "[case]\nurn = 01AB1234526\n"
		"offences = soa66b1,soa66b2,soa66b3,soa66b4,soa66a,soa67,soa67a,pca1,cja160\n"
		"[victim]\nreference = V\n", 3, "[case] offences: more than 8 offences");
}

static void test_reject__consent_date_when_not_asked(void **state)
{
	REJECTS(*state, BASE "consent_date = 2026-11-01\n", 5,
		"[victim] consent_date: given, but consent_to_share is not-asked: record the "
		"victim's answer in consent_to_share, or remove the date");
	REJECTS(*state, BASE "consent_date = 2026-11-01\nconsent_to_share = not-asked\n", 5,
		"[victim] consent_date: given, but consent_to_share is not-asked");
}

static void test_reject__control_character(void **state)
{
	/* The INI reader refuses it first, by line. */
	REJECTS(*state, BASE "name = Jo\x1b[2J\n", 5, "contains the control character 0x1B: remove it");
	/* A tab passes the INI reader but not here. */
	REJECTS(*state, BASE "name = Jo\tBloggs\n", 5,
		"[victim] name: contains a tab or a control character: remove it");
	REJECTS(*state, BASE "[concern]\nvictim_words = \"I\tam\"\n", 6,
		"[concern] victim_words: contains a tab or a control character: remove it "
		"(write \\n for a line break)");
}

static void test_reject__text_over_limit(void **state)
{
	struct fx *fx = *state;
	char text[2048];
	size_t len;

	len = (size_t)snprintf(text, sizeof text, "[case]\nurn = 01AB1234526\n[victim]\nreference = ");
	memset(text + len, 'r', 64);
	len += 64;
	text[len++] = '\n';
	rejects_code(fx, text, len, DORN_EDATA, 4,
		     "[victim] reference: is 64 bytes long, the limit is 63: shorten it");

	/* 101 two-byte characters: the limit is in bytes. */
	len = (size_t)snprintf(text, sizeof text, "[victim]\nreference = V\n[case]\nurn = 01AB1234526\ncourt = ");
	for (int i = 0; i < 101; i++) {
		memcpy(text + len, "é", 2);
		len += 2;
	}
	text[len++] = '\n';
	rejects_code(fx, text, len, DORN_EDATA, 5,
		     "[case] court: is 202 bytes long, the limit is 200: shorten it");
}

static void test_reject__bad_value_estimate(void **state)
{
	struct fx *fx = *state;
	static const char *const bad[] = {
		"lots", "-5", "4.50", "£", "450 pounds", "1,200", "£-1", "0x10", "$450",
	};
	char text[256];
	int n;

	REJECTS(fx, BASE "[item 1]\nkind = phone\nvalue_estimate = lots\n", 7,
		"[item 1] value_estimate: 'lots' is not a whole number of pounds: write it like "
		"450 or £450, or unknown");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		n = snprintf(text, sizeof text, BASE "[item 1]\nkind = phone\nvalue_estimate = %s\n",
			     bad[i]);
		rejects_code(fx, text, (size_t)n, DORN_EDATA, 7, "is not a whole number of pounds");
	}
	REJECTS(fx, BASE "[item 1]\nkind = phone\nvalue_estimate = 10000001\n", 7,
		"[item 1] value_estimate: '10000001' is more than £10000000");
	REJECTS(fx, BASE "[item 1]\nkind = phone\nvalue_estimate = £99999999999999999999999\n", 7,
		"is more than £10000000");
}

static void test_reject__item_number(void **state)
{
	REJECTS(*state, BASE "[item 0]\nkind = phone\n", 5,
		"[item 0]: the item number must be 1 to 50: renumber the section");
	REJECTS(*state, BASE "[item 999]\nkind = phone\n", 5,
		"[item 999]: the item number must be 1 to 50");
	REJECTS(*state, BASE "[item 51]\nkind = phone\n", 5, "[item 51]: the item number must be 1 to 50");
	REJECTS(*state, BASE "[item 99999999999999999999]\n", 5, "the item number must be 1 to 50");
	REJECTS(*state, BASE "[item 01]\nkind = phone\n", 5,
		"[item 01]: the item number has a leading zero: write it as [item 1]");
	REJECTS(*state, BASE "[item2]\nkind = phone\n", 5,
		"[item2]: the item number must follow a space: write it as [item 2]");
	REJECTS(*state, BASE "[item]\nkind = phone\n", 5, "[item]: an item section needs a number");
	REJECTS(*state, BASE "[item one]\nkind = phone\n", 5, "[item one]: an item section needs a number");
}

static void test_reject__duplicate_item(void **state)
{
	REJECTS(*state, BASE "[item 1]\nkind = phone\n[item 2]\nkind = laptop\n[Item 1]\nkind = camera\n", 9,
		"section [item 1] appears twice: merge it with the one on line 5");
	REJECTS(*state, BASE "[case]\n", 5, "section [case] appears twice");
}

static void test_reject__missing_urn(void **state)
{
	REJECTS(*state, "[case]\ndefendant = A N Other\n[victim]\nreference = V\n", 1,
		"[case] urn: missing: every case file needs the case's URN, for example urn = 01/AB/12345/26");
	REJECTS(*state, "[case]\nurn =\n[victim]\nreference = V\n", 2, "[case] urn: missing");
	REJECTS(*state, "[victim]\nreference = V\n", 0,
		"[case]: missing: every case file needs the case's URN");
}

static void test_reject__missing_reference(void **state)
{
	REJECTS(*state, "[case]\nurn = 01AB1234526\n[victim]\nname = Zoë\n", 3,
		"[victim] reference: missing: every case file needs the victim's reference (a reference, not their name)");
	REJECTS(*state, "[case]\nurn = 01AB1234526\n", 0,
		"[victim]: missing: every case file needs the victim's reference");
}

static void test_reject__invalid_utf8(void **state)
{
	REJECTS(*state, BASE "name = Zo\xeb\n", 5, "not valid UTF-8: save the file as UTF-8");
	REJECTS(*state, "\xef\xbb\xbf" BASE, 1, "byte order mark");
}

static void test_reject__binary_garbage(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
	static const char later[] = BASE "[item 1]\nkind = phone\n\0\x01\x02";

	rejects_code(*state, png, sizeof png - 1, DORN_EDATA, 1, "not valid UTF-8");
	rejects_code(*state, later, sizeof later - 1, DORN_EDATA, 7, "contains a NUL byte");
}

static void test_reject__empty_file(void **state)
{
	REJECTS(*state, "", 0, "[case]: missing: every case file needs the case's URN");
	REJECTS(*state, "; nothing yet\n\n", 0, "[case]: missing");
}

static void test_reject__missing_file(void **state)
{
	struct fx *fx = *state;
	struct dorn_err err;
	char path[256];

	snprintf(path, sizeof path, "%s/nope.ini", fx->dir);
	memset(fx->c, 0x5A, sizeof *fx->c);
	dorn_err_clear(&err);
	assert_int_equal(dorn_casefile_read(path, &fx->off, fx->c, &err), DORN_ENOINPUT);
	assert_int_equal(err.code, DORN_ENOINPUT);
	assert_contains(err.msg, "nope.ini: cannot read: No such file or directory");
	assert_zeroed(fx->c);
	assert_int_equal(dorn_casefile_read(fx->dir, &fx->off, fx->c, &err), DORN_ENOINPUT);
	assert_contains(err.msg, "is a folder, not a file");
	assert_zeroed(fx->c);
}

/* The first problem in the file is the one reported. */
static void test_reject__first_problem_in_file_order(void **state)
{
	REJECTS(*state, "[case]\nurn = bad\nstage = later\n[nope]\n", 2, "[case] urn:");
	REJECTS(*state, "[case]\nurn = 01AB1234526\nstage = later\n[nope]\n", 3,
		"[case] stage: 'later' is not allowed: use charge, first-hearing, trial, "
		"conviction, sentencing or outcome");
	REJECTS(*state, "[item 1]\n[case]\nurn = bad\n", 1, "[item 1] kind: missing");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_examples__every_file_loads),
		T(test_examples__sharing),
		T(test_examples__threat),
		T(test_examples__voyeurism),
		T(test_examples__under18),
		T(test_examples__thirdparty),
		T(test_examples__atarrest),
		T(test_examples__account),
		T(test_examples__passed),
		T(test_examples__noconsent),
		T(test_examples__names_keep_utf8),
		T(test_read__defaults_order_and_spelling),
		T(test_read__limits_are_inclusive),
		T(test_read__without_offence_table),
		T(test_read__statements_up_to_their_limit),
		T(test_read__long_line_is_read_whole),
		T(test_reject__statement_over_limit),
		T(test_reject__line_over_the_limit),
		T(test_reject__unknown_section),
		T(test_reject__unknown_key),
		T(test_reject__unquoted_comment_would_cut_text),
		T(test_reject__bad_urn),
		T(test_reject__impossible_date),
		T(test_reject__item_without_kind),
		T(test_reject__unknown_kind),
		T(test_reject__unknown_offence),
		T(test_reject__repeated_offence),
		T(test_reject__consent_date_when_not_asked),
		T(test_reject__control_character),
		T(test_reject__text_over_limit),
		T(test_reject__bad_value_estimate),
		T(test_reject__item_number),
		T(test_reject__duplicate_item),
		T(test_reject__missing_urn),
		T(test_reject__missing_reference),
		T(test_reject__invalid_utf8),
		T(test_reject__binary_garbage),
		T(test_reject__empty_file),
		T(test_reject__missing_file),
		T(test_reject__first_problem_in_file_order),
	};

	return cmocka_run_group_tests_name("casefile", tests, group_setup, group_teardown);
}
