/* libFuzzer harness for templates (dorn-template(5)): the input is a
 * template, as legal services might edit data/templates/note.txt. It is
 * parsed, rendered with a small fixed set of values (texts, flags, lists
 * of records and of texts, a one-element record for dotted names), and
 * the result wrapped as the note is. */
#include "fuzz.h"

#include "dorn/buf.h"
#include "dorn/note.h"
#include "dorn/tmpl.h"

static struct dorn_tctx *ctx;

#define SET(c, name, value)                                                  \
	do {                                                                 \
		if (dorn_tctx_set((c), (name), (value)) != 0)                \
			FZ_DIE("cannot set %s", (name));                     \
	} while (0)

static struct dorn_tctx *add(struct dorn_tctx *c, const char *name)
{
	struct dorn_tctx *el = dorn_tctx_add(c, name);

	if (!el)
		FZ_DIE("cannot add to %s", name);
	return el;
}

/* Fictitious values; the names are those of tests/fuzz/tmpl.dict. */
static void make_context(void)
{
	struct dorn_tctx *el, *w;

	ctx = dorn_tctx_new();
	if (!ctx)
		FZ_DIE("out of memory");
	SET(ctx, "urn", "01/YZ/12345/26");
	SET(ctx, "defendant", "Alex Example");
	SET(ctx, "court", "Exampletown Crown Court");
	SET(ctx, "author", "PC 1234 Sam Sample");
	SET(ctx, "victim_name", "Zo\u00eb \u00c5ngstr\u00f6m");
	SET(ctx, "to", "");
	SET(ctx, "notes", "first line\nsecond line");
	if (dorn_tctx_flag(ctx, "child", 1) || dorn_tctx_flag(ctx, "convicted", 0) ||
	    dorn_tctx_list(ctx, "rows"))
		FZ_DIE("cannot set flags");
	el = add(ctx, "offences");
	SET(el, "statute", "Criminal Justice and Courts Act 2015, s.33");
	SET(el, "title", "Disclosing private sexual images");
	el = add(ctx, "offences");
	SET(el, "statute", "Sexual Offences Act 2003, s.66B");
	SET(el, "title", "Sharing an intimate image");
	el = add(ctx, "case");
	SET(el, "stage", "awaiting sentence");
	SET(el, "arrest_date", "");
	el = add(ctx, "items");
	SET(el, "kind", "Phone");
	SET(el, "position", "1");
	w = add(el, "warnings");
	SET(w, "text", "No exhibit reference recorded.");
	el = add(ctx, "items");
	SET(el, "kind", "Online (cloud) account");
	SET(el, "position", "2");
	if (dorn_tctx_list(el, "warnings"))
		FZ_DIE("cannot set a list");
	SET(add(ctx, "lines"), ".", "a line of text");
	SET(add(ctx, "lines"), ".", "another line");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	make_context();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dorn_tmpl *t = NULL;
	struct dorn_buf out, wrapped;
	struct dorn_err err;
	int rc;

	dorn_err_clear(&err);
	rc = dorn_tmpl_parse((const char *)data, size, "fuzz.txt", &t, &err);
	if (rc != 0) {
		FZ_CHECK(t == NULL && rc < 0 && err.code == rc);
		fz_check_msg(&err);
		return 0;
	}
	FZ_CHECK(t != NULL);
	dorn_buf_init(&out);
	dorn_buf_init(&wrapped);
	dorn_buf_puts(&out, "before|");
	dorn_err_clear(&err);
	rc = dorn_tmpl_render(t, ctx, &out, &err);
	if (rc != 0) {
		/* tmpl.h: an error leaves out as it was. */
		FZ_CHECK(rc < 0 && err.code == rc);
		FZ_CHECK(out.len == 7 && !strcmp(dorn_buf_str(&out), "before|"));
		fz_check_msg(&err);
	} else {
		/* dorn-template(5): tabs become spaces, other control
		 * characters are removed, in the template and the values. */
		FZ_CHECK(!strncmp(dorn_buf_str(&out), "before|", 7));
		FZ_CHECK(dorn_utf8_valid(dorn_buf_str(&out), out.len, NULL));
		FZ_CHECK(!dorn_text_has_control(dorn_buf_str(&out), DORN_TEXT_KEEP_NEWLINE));
		FZ_CHECK(dorn_text_wrap(dorn_buf_str(&out) + 7, DORN_NOTE_WIDTH, &wrapped) == 0);
		FZ_CHECK(dorn_utf8_valid(dorn_buf_str(&wrapped), wrapped.len, NULL));
		dorn_buf_reset(&wrapped);
		FZ_CHECK(dorn_text_wrap(dorn_buf_str(&out) + 7, 1, &wrapped) == 0);
		FZ_CHECK(dorn_utf8_valid(dorn_buf_str(&wrapped), wrapped.len, NULL));
	}
	dorn_buf_fini(&wrapped);
	dorn_buf_fini(&out);
	dorn_tmpl_free(t);
	return 0;
}
