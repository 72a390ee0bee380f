/* The field table, proved field by field: for every row, a value other
 * than the default goes from a case file through the store to `dorn show
 * --format json` and through the interview's form, and comes back the
 * same. A row added to the table but not wired through one of them fails
 * here, naming the field. */
#include "apputil.h"

#include <jansson.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/ui.h"
#include "../../src/ui/form.h"

/* A value of f that is not the default, as a case file writes it, and as
 * the store and JSON give it back in words. */
static void sample(const struct dorn_field *f, char *file, size_t nf, char *words, size_t nw)
{
	switch (f->type) {
	case DORN_FT_TEXT:
		/* Close to the limit, with a character of two bytes. */
		snprintf(words, nw, "%s: \u0141ukasz", f->key);
		break;
	case DORN_FT_LINES:
		snprintf(words, nw, "%s, first line\nsecond line", f->key);
		break;
	case DORN_FT_URN:
		snprintf(words, nw, "01AB1234526");
		break;
	case DORN_FT_DATE:
		/* What happened after the hearing cannot be after today (the
		 * fixture's 2026-11-28): the app refuses it. */
		snprintf(words, nw, "%s", f->part == DORN_PART_OUTCOME ? "2026-11-20" : "2026-12-24");
		break;
	case DORN_FT_CHOICE:
		/* The last word: never the default, which is the first. */
		snprintf(words, nw, "%s", f->names->words[f->names->n - 1]);
		break;
	case DORN_FT_SET: {
		size_t w = 0;

		words[0] = '\0';
		for (size_t i = 0; i < f->names->n; i++)
			w += (size_t)snprintf(words + w, nw - w, "%s%s", i ? ", " : "",
					      f->names->words[i]);
		break;
	}
	case DORN_FT_OFFENCES:
		snprintf(words, nw, "soa66b2, mca1");
		break;
	case DORN_FT_POUNDS:
		snprintf(words, nw, "450");
		break;
	default:
		fail_msg("field %s has a type the test does not know: add it", f->key);
	}
	/* A case file writes a line break as \n. */
	{
		size_t o = 0;

		for (const char *p = words; *p && o + 3 < nf; p++) {
			if (*p == '\n') {
				file[o++] = '\\';
				file[o++] = 'n';
			} else {
				file[o++] = *p;
			}
		}
		file[o] = '\0';
	}
}

/* A case file with every section, and f's key set to value. */
static void case_file(const struct dorn_field *f, const char *value, char *out, size_t n)
{
	/* What a case file needs (and consent, so that a date of it is
	 * allowed), unless f is one of these keys. */
	static const struct {
		int part;
		const char *key, *value;
	} base[] = {
		{ DORN_PART_CASE, "urn", "01/AB/12345/26" },
		{ DORN_PART_VICTIM, "reference", "WC-2026-0001" },
		{ DORN_PART_VICTIM, "consent_to_share", "yes" },
		{ DORN_PART_ITEM, "kind", "phone" },
	};
	size_t w = 0;

	for (int p = 0; p < DORN_PART__COUNT; p++) {
		w += (size_t)snprintf(out + w, n - w, "[%s%s]\n", dorn_part_name(p),
				      p == DORN_PART_ITEM ? " 1" : "");
		for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
			if (base[i].part == p && !(p == f->part && !strcmp(base[i].key, f->key)))
				w += (size_t)snprintf(out + w, n - w, "%s = %s\n", base[i].key,
						      base[i].value);
		if (p == f->part)
			w += (size_t)snprintf(out + w, n - w, "%s = \"%s\"\n", f->key, value);
	}
}

/* The value of f in the JSON of `dorn show`, as words. */
static void json_words(const struct dorn_field *f, json_t *root, char *out, size_t n)
{
	json_t *o = root, *v;
	size_t w = 0;

	if (f->part == DORN_PART_VICTIM || f->part == DORN_PART_CONCERN ||
	    f->part == DORN_PART_OUTCOME)
		o = json_object_get(root, dorn_part_name(f->part));
	else if (f->part == DORN_PART_ITEM)
		o = json_array_get(json_object_get(root, "items"), 0);
	v = json_object_get(o, f->key);
	if (!v)
		fail_msg("field %s is not in the JSON of dorn show", f->key);
	out[0] = '\0';
	if (json_is_string(v)) {
		snprintf(out, n, "%s", json_string_value(v));
	} else if (json_is_integer(v)) {
		snprintf(out, n, "%lld", (long long)json_integer_value(v));
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++) {
			json_t *e = json_array_get(v, i);
			const char *s = json_is_object(e) ? json_string_value(json_object_get(e, "code"))
							 : json_string_value(e);

			w += (size_t)snprintf(out + w, n - w, "%s%s", i ? ", " : "", s ? s : "?");
		}
	}
}

/* Through the interview's form: the value loads into the form's field
 * and, written back into a record whose value was cleared, is the same. */
static void form_round_trip(const struct dorn_field *f, struct dorn_case *c)
{
	struct ui_field spec = { .part = f->part, .key = f->key };
	void *base = f->part == DORN_PART_ITEM ? (void *)&c->items[0] : (void *)c;
	const void *at = dorn_field_cat(f, c, &c->items[0]);
	char before[DORN_LONG_MAX + 64], after[DORN_LONG_MAX + 64];
	struct ui_form fm;

	if (!dorn_ui_form_has(f->part, f->key))
		fail_msg("field %s.%s is in no form of the interview: add it to a step",
			 dorn_part_name(f->part), f->key);
	if (f->type == DORN_FT_OFFENCES)
		return; /* a list of ticks over offences.ini, checked by the e2e journey */
	if (f->type == DORN_FT_CHOICE || f->type == DORN_FT_SET) {
		/* The form shows the record's own value: every stored word must be
		 * one of its options. */
		for (size_t i = 0; i < f->names->n; i++) {
			int v = f->type == DORN_FT_SET ? (int)(1u << i) : (int)i;

			if (!*dorn_option_label(f, v))
				fail_msg("field %s: '%s' is stored but the form offers no option "
					 "for it", f->key, f->names->words[i]);
		}
		return;
	}
	dorn_field_text(f, at, 0, before, sizeof before);
	assert_int_equal(ui_form_init(&fm, &spec, 1, base, NULL, 20785), 0);
	/* Clear the record's value; the form still holds the typed text. */
	if (f->type == DORN_FT_POUNDS)
		*(long *)(void *)((char *)base + fm.f[0].off) = -1;
	else
		*((char *)base + fm.f[0].off) = '\0';
	assert_int_equal(ui_form_commit(&fm), 0);
	ui_form_fini(&fm);
	dorn_field_text(f, at, 0, after, sizeof after);
	if (strcmp(before, after) != 0)
		fail_msg("field %s through the form: '%s' came back as '%s'", f->key, before,
			 after);
}

static void test_fields__every_field_round_trips(void **state)
{
	struct fx *fx = *state;
	char file[600], words[600], text[2048], path[256], got[DORN_LONG_MAX + 64];
	struct dorn_buf report, json;
	struct dorn_err err;

	for (size_t i = 0; i < dorn_nfields; i++) {
		const struct dorn_field *f = &dorn_fields[i];
		struct dorn_case_view v = { 0 };
		char *files[1] = { path };
		json_error_t je;
		json_t *root;

		sample(f, file, sizeof file, words, sizeof words);
		case_file(f, file, text, sizeof text);
		tu_write(fx->dir, "case.ini", text, strlen(text), path, sizeof path);
		dorn_buf_init(&report);
		if (dorn_app_import(&fx->app, files, 1, 1, &report, &err) != 0)
			fail_msg("field %s: the case file was refused: %s\n%s", f->key, err.msg,
				 text);
		dorn_buf_fini(&report);

		/* case file -> store -> show JSON */
		assert_int_equal(dorn_app_show(&fx->app, "01AB1234526", &v, &err), 0);
		dorn_buf_init(&json);
		assert_int_equal(dorn_app_case_json(&fx->app, &v, &json), 0);
		root = json_loads(dorn_buf_str(&json), 0, &je);
		assert_non_null(root);
		json_words(f, root, got, sizeof got);
		/* The URN as people write it, beside the stored one. */
		if (f->type == DORN_FT_URN &&
		    strcmp(json_string_value(json_object_get(root, "urn_display")) ?
			   json_string_value(json_object_get(root, "urn_display")) : "",
			   "01/AB/12345/26") != 0)
			fail_msg("urn_display is not 01/AB/12345/26");
		if (strcmp(got, words) != 0)
			fail_msg("field %s: wrote '%s' in a case file, dorn show gives '%s'",
				 f->key, words, got);
		json_decref(root);
		dorn_buf_fini(&json);

		/* the store's record, and the form */
		dorn_field_text(f, dorn_field_cat(f, v.c, &v.c->items[0]), 0, got, sizeof got);
		if (strcmp(got, words) != 0)
			fail_msg("field %s: wrote '%s', the store gives '%s'", f->key, words, got);
		form_round_trip(f, v.c);
		dorn_case_view_fini(&v);
	}
}

/* Exactly n bytes of text for a field, of fictitious words with
 * characters of two, three and four bytes (and line breaks when lines),
 * as stored (words) and as a case file writes it (file). */
static void long_text(size_t n, int lines, char *words, char *file)
{
	static const char *const parts[] = {
		"Zo\xC3\xAB ", "\xC5\x81ukasz ", "wrote ", "\xE2\x82\xAC\x35 ", /* the euro sign, 5 */
		"\xF0\x9F\x98\x9F ", "\n",
	};
	size_t w = 0, o = 0;

	for (unsigned i = 0;; i++) {
		const char *p = parts[i % (lines ? 6 : 5)];
		size_t len = strlen(p);

		if (w + len > n)
			break;
		memcpy(words + w, p, len);
		w += len;
		if (*p == '\n') {
			memcpy(file + o, "\\n", 2);
			o += 2;
		} else {
			memcpy(file + o, p, len);
			o += len;
		}
	}
	for (; w < n; w++)
		file[o++] = words[w] = '.';
	words[w] = '\0';
	file[o] = '\0';
}

/* Every text field carries its whole limit, in bytes, from a case file
 * through the store to `dorn show --format json`: nothing is cut to fit
 * a line of the file, a column or a buffer on the way. */
static void test_fields__every_text_field_round_trips_at_its_limit(void **state)
{
	struct fx *fx = *state;
	size_t cap = 4 * DORN_LONG_MAX + 4096;
	char *file = malloc(cap), *words = malloc(cap), *text = malloc(cap),
	     *got = malloc(cap), path[256];
	struct dorn_buf report, json;
	struct dorn_err err;
	int tried = 0;

	assert_non_null(file && words && text && got);
	for (size_t i = 0; i < dorn_nfields; i++) {
		const struct dorn_field *f = &dorn_fields[i];
		struct dorn_case_view v = { 0 };
		char *files[1] = { path };
		json_error_t je;
		json_t *root;

		size_t n = f->size - 1;

		if (f->type != DORN_FT_TEXT && f->type != DORN_FT_LINES)
			continue;
		long_text(n, f->type == DORN_FT_LINES, words, file);
		case_file(f, file, text, cap);
		tu_write(fx->dir, "case.ini", text, strlen(text), path, sizeof path);
		dorn_buf_init(&report);
		if (dorn_app_import(&fx->app, files, 1, 1, &report, &err) != 0)
			fail_msg("field %s: %zu bytes were refused: %s", f->key, n, err.msg);
		dorn_buf_fini(&report);
		assert_int_equal(dorn_app_show(&fx->app, "01AB1234526", &v, &err), 0);
		dorn_buf_init(&json);
		assert_int_equal(dorn_app_case_json(&fx->app, &v, &json), 0);
		root = json_loads(dorn_buf_str(&json), 0, &je);
		assert_non_null(root);
		json_words(f, root, got, cap);
		if (strcmp(got, words) != 0)
			fail_msg("field %s: wrote %zu bytes, dorn show gives %zu", f->key,
				 strlen(words), strlen(got));
		json_decref(root);
		dorn_buf_fini(&json);
		dorn_case_view_fini(&v);
		tried++;
	}
	assert_true(tried > 10);
	free(file);
	free(words);
	free(text);
	free(got);
}

/* What stays in the unit (safe contact, needs, how they want to hear the
 * outcome) is never in the JSON that leaves it, nor in the note's values. */
static void test_fields__unit_only_fields_are_marked(void **state)
{
	static const char *const unit[] = { "safe_contact", "needs", "outcome_contact" };

	(void)state;
	for (size_t i = 0; i < sizeof unit / sizeof unit[0]; i++) {
		const struct dorn_field *f = dorn_field_find(DORN_PART_VICTIM, unit[i]);

		assert_non_null(f);
		assert_true(f->flags & DORN_FF_UNIT);
	}
	assert_false(dorn_field_find(DORN_PART_CONCERN, "victim_words")->flags & DORN_FF_UNIT);
}

/* Every row is complete: a label, options for words, a size for text. */
static void test_fields__table_is_complete(void **state)
{
	(void)state;
	for (size_t i = 0; i < dorn_nfields; i++) {
		const struct dorn_field *f = &dorn_fields[i];

		assert_non_null(f->label);
		assert_true(*f->label);
		assert_ptr_equal(dorn_field_find(f->part, f->key), f); /* keys unique */
		if (f->type == DORN_FT_CHOICE || f->type == DORN_FT_SET) {
			size_t n = 0;

			assert_non_null(f->names);
			assert_non_null(f->opts);
			while (f->opts[n].label)
				n++;
			if (n != f->names->n)
				fail_msg("field %s: %zu options offered, %zu words stored", f->key, n,
					 f->names->n);
		}
	}
}

/* Every field is documented: a key of dorn-case(5) and of dorn(1)'s JSON. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = calloc(1, 1 << 20);
	size_t n;

	assert_non_null(f);
	assert_non_null(buf);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_fields__every_field_is_documented(void **state)
{
	char *casefile = slurp("man/dorn-case.5"), *manual = slurp("man/dorn.1");
	char want[96];

	(void)state;
	for (size_t i = 0; i < dorn_nfields; i++) {
		const char *k = dorn_fields[i].key;

		snprintf(want, sizeof want, ".It Ic %s ", k);
		if (!strstr(casefile, want))
			fail_msg("field %s is not described in man/dorn-case.5", k);
		/* with the limit the field table gives it */
		if (dorn_fields[i].type == DORN_FT_TEXT || dorn_fields[i].type == DORN_FT_LINES) {
			snprintf(want, sizeof want, ".It Ic %s Pq %s, up to %zu bytes", k,
				 dorn_fields[i].type == DORN_FT_TEXT ? "text" : "lines",
				 dorn_fields[i].size - 1);
			if (!strstr(casefile, want))
				fail_msg("man/dorn-case.5 does not say \"%s\"", want);
		}
		if (!strstr(manual, k))
			fail_msg("field %s is not among the JSON keys of man/dorn.1", k);
	}
	free(casefile);
	free(manual);
}

/* The kinds an item field is asked for: only an item's fields have a mask,
 * every mask names real kinds, every field is asked of some kind, and the
 * masks say what the domain says: an account is not property an order can
 * take (no seizure, exhibit or value), a device has no platform. */
static void test_fields__kinds_fit_the_item(void **state)
{
	static const char *const account_only[] = { "platform", "account_id", "request",
						     "request_date" };
	static const char *const device_only[] = {
		"seized", "exhibit_ref", "value_estimate", "value_basis", "effect",
		"held_by", "seized_from", "seized_from_name", "seized_where", "seized_date",
		"seized_power", "held_at_arrest", "now_where", "seizure_asked",
		"lawful_data", "lawful_data_what", "lawful_data_for",
	};
	static const char *const every_kind[] = { "kind", "description", "owner",
						  "owner_detail", "how_used", "examined",
						  "forensic_report", "images_exhibit",
						  "third_party_name", "third_party_told" };
	const struct dorn_field *f;
	int k;

	(void)state;
	for (size_t i = 0; i < dorn_nfields; i++) {
		f = &dorn_fields[i];
		if (f->part != DORN_PART_ITEM && f->kinds)
			fail_msg("%s is not an item's field but has kinds", f->key);
		if (f->kinds & ~(unsigned)DORN_KINDS_ALL)
			fail_msg("%s names a kind that does not exist", f->key);
		for (k = DORN_KIND_PHONE; k <= DORN_KIND_OTHER; k++)
			if (dorn_field_applies(f, k))
				break;
		if (k > DORN_KIND_OTHER)
			fail_msg("%s is asked of no kind", f->key);
		/* Before the kind is chosen, everything is asked. */
		assert_true(dorn_field_applies(f, -1));
	}
	for (size_t i = 0; i < sizeof account_only / sizeof account_only[0]; i++) {
		f = dorn_field_find(DORN_PART_ITEM, account_only[i]);
		assert_non_null(f);
		if (!dorn_field_applies(f, DORN_KIND_CLOUD))
			fail_msg("%s is not asked of an online account", f->key);
		for (k = DORN_KIND_PHONE; k <= DORN_KIND_STORAGE; k++)
			if (dorn_field_applies(f, k))
				fail_msg("%s is asked of a device (kind %d)", f->key, k);
		assert_true(dorn_field_applies(f, DORN_KIND_OTHER));
	}
	for (size_t i = 0; i < sizeof device_only / sizeof device_only[0]; i++) {
		f = dorn_field_find(DORN_PART_ITEM, device_only[i]);
		assert_non_null(f);
		if (dorn_field_applies(f, DORN_KIND_CLOUD))
			fail_msg("%s is asked of an online account", f->key);
		for (k = DORN_KIND_PHONE; k <= DORN_KIND_OTHER; k++)
			if (k != DORN_KIND_CLOUD && !dorn_field_applies(f, k))
				fail_msg("%s is not asked of a device (kind %d)", f->key, k);
	}
	for (size_t i = 0; i < sizeof every_kind / sizeof every_kind[0]; i++) {
		f = dorn_field_find(DORN_PART_ITEM, every_kind[i]);
		assert_non_null(f);
		if (f->kinds)
			fail_msg("%s is not asked of every kind", f->key);
	}
	/* A phone is never asked for a platform. */
	assert_false(dorn_field_applies(dorn_field_find(DORN_PART_ITEM, "platform"),
					DORN_KIND_PHONE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fields__every_field_round_trips, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_fields__every_text_field_round_trips_at_its_limit,
						setup, teardown),
		cmocka_unit_test(test_fields__unit_only_fields_are_marked),
		cmocka_unit_test(test_fields__table_is_complete),
		cmocka_unit_test(test_fields__every_field_is_documented),
		cmocka_unit_test(test_fields__kinds_fit_the_item),
	};

	umask(077); /* as main.c does: the database must not be readable by others */
	return cmocka_run_group_tests_name("fields", tests, NULL, NULL);
}
