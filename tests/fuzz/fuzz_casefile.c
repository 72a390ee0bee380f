/* libFuzzer harness for case files (dorn-case(5)): the input is the file
 * that `dorn import` reads. dorn_casefile_read takes a path, so each input
 * is written to one file in this process's own folder and read from there.
 * Offence codes are checked against the shipped data/offences.ini, so the
 * whole reader is reached, not only its shape checks. */
#include "fuzz.h"

#include "dorn/casefile.h"
#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/offences.h"

static struct dorn_offences off;
static struct dorn_case *c;
static const struct dorn_case zero;
static char path[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct dorn_err err;

	(void)argc;
	(void)argv;
	fz_datadir();
	if (dorn_offences_load(NULL, &off, &err) != 0)
		FZ_DIE("cannot load the offences: %s", err.msg);
	c = dorn_case_new();
	if (!c)
		FZ_DIE("out of memory");
	fz_tmpdir("casefile");
	fz_path(path, sizeof path, "case.ini");
	return 0;
}

/* Every value read is shown by `dorn show`, the note and the screens, as
 * words and as labels: each must come out as clean UTF-8. */
static void check_values(const struct dorn_item *it, int part)
{
	char text[8192];

	for (size_t i = 0; i < dorn_nfields; i++) {
		const struct dorn_field *f = &dorn_fields[i];
		const void *at;

		if (f->part != part)
			continue;
		at = dorn_field_cat(f, c, it);
		for (int labels = 0; labels < 2; labels++) {
			dorn_field_text(f, at, labels, text, sizeof text);
			FZ_CHECK(dorn_utf8_valid(text, strlen(text), NULL));
			FZ_CHECK(!dorn_text_has_control(
				text, f->type == DORN_FT_LINES ? DORN_TEXT_KEEP_NEWLINE : 0));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dorn_err err;
	int rc;

	fz_write(path, data, size);
	memset(c, 0x5A, sizeof *c);
	dorn_err_clear(&err);
	rc = dorn_casefile_read(path, &off, c, &err);
	if (rc == 0) {
		/* What was accepted is what the store will hold and the
		 * screens draw. */
		FZ_CHECK(c->urn[0] != '\0');
		FZ_CHECK(c->nitems <= DORN_ITEMS_MAX);
		FZ_CHECK(c->noffences <= DORN_OFFENCES_MAX);
		for (size_t i = 1; i < c->nitems; i++)
			FZ_CHECK(c->items[i - 1].position <= c->items[i].position);
		for (int part = DORN_PART_CASE; part < DORN_PART_ITEM; part++)
			check_values(NULL, part);
		for (size_t i = 0; i < c->nitems; i++)
			check_values(&c->items[i], DORN_PART_ITEM);
	} else {
		/* casefile.h: accepted whole or not at all. (memcmp, not a
		 * loop: the harness is instrumented too, and 189 KB of
		 * traced compares would cost more than the reader.) */
		FZ_CHECK(rc < 0 && err.code == rc);
		FZ_CHECK(memcmp(c, &zero, sizeof zero) == 0);
		fz_check_msg(&err);
	}
	return 0;
}
