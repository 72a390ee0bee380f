/* The PDF's font, [export] pdf_font: a family fontconfig knows, or a font
 * file. Checked here, before anything is drawn, because fontconfig never
 * fails a match: asked for a family it does not have it quietly gives
 * another, and the PDF would be set in a font nobody chose. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "dorn/err.h"
#include "pdf.h"

#define KEY "[export] pdf_font"

/* 1 when the font fontconfig matches for family is of that family (any of
 * its names, case aside). */
static int family_known(const char *family)
{
	FcPattern *want = FcPatternCreate(), *got = NULL;
	FcResult res;
	FcChar8 *name;
	int ok = 0;

	if (!want)
		return -1;
	/* FcPatternAddString, not FcNameParse: a family may hold '-' or ':' */
	if (FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)family) &&
	    FcConfigSubstitute(NULL, want, FcMatchPattern)) {
		FcDefaultSubstitute(want);
		got = FcFontMatch(NULL, want, &res);
	}
	for (int i = 0; got && !ok && FcPatternGetString(got, FC_FAMILY, i, &name) == FcResultMatch;
	     i++)
		ok = FcStrCmpIgnoreCase(name, (const FcChar8 *)family) == 0;
	if (got)
		FcPatternDestroy(got);
	FcPatternDestroy(want);
	return ok;
}

static int open_family(const char *family, struct pdf_font *f, struct dorn_err *err)
{
	int known;

	if (strlen(family) >= sizeof f->family)
		return dorn_err_set(err, DORN_ECONFIG, "%s: the family name is too long", KEY);
	known = family_known(family);
	if (known < 0)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory while choosing the PDF font");
	if (!known)
		return dorn_err_set(err, DORN_ECONFIG,
				    "%s: the font family '%s' is not installed: install it, see "
				    "fc-list for the families there are, or name a font file",
				    KEY, family);
	snprintf(f->family, sizeof f->family, "%s", family);
	/* pango's own font map for this thread: its fonts stay loaded from
	 * one export to the next */
	f->map = g_object_ref(pango_cairo_font_map_get_default());
	return 0;
}

/* A font file: a regular file, readable, that fontconfig reads as a
 * font. Its fonts are added to a configuration of this export's own (the
 * system's fonts too, so bold and missing letters are still found), and
 * it is set in its own family. */
static int open_file(const char *path, struct pdf_font *f, struct dorn_err *err)
{
	FcPattern *q = NULL;
	FcConfig *cfg = NULL;
	FcChar8 *family;
	struct stat st;
	int fd, count = 0, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return dorn_err_set(err, DORN_ECONFIG, "%s: cannot read the font file %s: %s: name "
				    "a readable font file, or a family (see fc-list)",
				    KEY, path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return dorn_err_set(err, DORN_ECONFIG, "%s: %s is not a regular file: name a font "
				    "file (TrueType or OpenType), or a family (see fc-list)",
				    KEY, path);
	}
	close(fd);
	q = FcFreeTypeQuery((const FcChar8 *)path, 0, NULL, &count);
	if (!q || FcPatternGetString(q, FC_FAMILY, 0, &family) != FcResultMatch) {
		rc = dorn_err_set(err, DORN_ECONFIG,
				  "%s: %s is not a font fontconfig can read: name a TrueType "
				  "or OpenType font file, or a family (see fc-list)", KEY, path);
		goto out;
	}
	if (strlen((const char *)family) >= sizeof f->family) {
		rc = dorn_err_set(err, DORN_ECONFIG, "%s: the family name of %s is too long", KEY,
				  path);
		goto out;
	}
	snprintf(f->family, sizeof f->family, "%s", (const char *)family);
	cfg = FcInitLoadConfigAndFonts();
	if (!cfg || !FcConfigAppFontAddFile(cfg, (const FcChar8 *)path)) {
		rc = dorn_err_set(err, DORN_ECONFIG,
				  "%s: fontconfig could not add the font file %s: name another "
				  "font file, or a family (see fc-list)", KEY, path);
		goto out;
	}
	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (!f->map) {
		rc = dorn_err_set(err, DORN_EINTERNAL, "pango has no FreeType font map");
		goto out;
	}
	/* the font map takes its own reference to the configuration */
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), cfg);
	f->own = 1;
out:
	if (cfg)
		FcConfigDestroy(cfg);
	if (q)
		FcPatternDestroy(q);
	return rc;
}

int pdf_font_open(const char *font, struct pdf_font *f, struct dorn_err *err)
{
	memset(f, 0, sizeof *f);
	if (!font || !*font)
		font = PDF_DEFAULT_FAMILY;
	return strchr(font, '/') ? open_file(font, f, err) : open_family(font, f, err);
}

void pdf_font_close(struct pdf_font *f)
{
	if (!f || !f->map)
		return;
	/* pango 1.50 takes a reference to a font map's configuration and
	 * never gives it back: give it back here, or each export with a font
	 * file would keep a configuration of every font on the system */
	if (f->own)
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), NULL);
	g_object_unref(f->map);
	f->map = NULL;
}
