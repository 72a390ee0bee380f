/* The note as an A4 PDF for the case file, drawn with libharu: the only
 * file that includes hpdf.h. The TrueType font is embedded and text goes
 * through libharu's UTF-8 encoder, so names such as Zoë, Łukasz and Núñez
 * print and can be searched and copied from the PDF.
 *
 * Two passes: the text is first cut into display lines and the lines into
 * pages, so that every header can say "Page x of y"; then each page is
 * drawn. libharu reports errors through a handler that only records them;
 * every call's status is checked and the document is freed on every path. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hpdf.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/export.h"
#include "dorn/text.h"

#define MM (72.0 / 25.4)
#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.89
#define MARGIN (20 * MM)
#define TEXT_W (PAGE_W - 2 * MARGIN)

#define HEAD_SIZE 9.0
#define TITLE_SIZE 14.0
#define TITLE_LEAD 18.0
#define DRAFT_SIZE 20.0
#define BODY_SIZE 10.0
#define BODY_LEAD 13.0
#define FOOT_SIZE 9.0
#define FOOT_LEAD 11.0

/* dorn wraps the note at 78 columns; a run of spaces lines the next word
 * up on a grid of that many columns across the text width, so the note's
 * label columns ("Court:      ...") stay aligned in a proportional font.
 * Columns are counted as in the text note (dorn_cp_width), so a combining
 * mark or a wide character does not move what follows it off the grid. */
#define GRID_COLS 78

#define DRAFT_MARK "DRAFT - NOT APPROVED"

#define FONT_MSG                                                                   \
	"FONT: cannot read the PDF font: set [export] pdf_font in dorn.ini to a "  \
	"TrueType font (for example /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)"

/* The first error libharu reported; its handler must not longjmp, or the
 * document and our buffers would leak. */
struct hpdf_error {
	HPDF_STATUS code;
	HPDF_STATUS detail;
};

/* One display line: bytes of the cleaned text, after wrapping. */
struct pline {
	size_t off, len;
	unsigned blank : 1;  /* empty: ends an item's block */
	unsigned item : 1;   /* "Item N..." starts a block kept on one page */
	unsigned skip : 1;   /* a blank line that fell at the top of a page */
	size_t page;
};

struct lines {
	struct pline *v;
	size_t n, cap;
};

/* What the layout needs to measure text in the body font. */
struct lay {
	HPDF_Font font;
	double size;
	double grid;    /* width of one column of the 78-column grid */
	double space_w; /* width of a space at size */
};

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	struct hpdf_error *e = data;

	if (!e->code) {
		e->code = code;
		e->detail = detail;
	}
}

/* Text for libharu: control characters and malformed UTF-8 removed, and
 * code points above U+FFFF (which libharu 2.3 keeps in 16 bits and would
 * garble) replaced by U+FFFD. */
static int clean(const char *s, int flags, struct dorn_buf *out)
{
	size_t n, r = 0, w = 0, len;
	uint32_t cp;

	dorn_buf_reset(out);
	if (dorn_buf_puts(out, s ? s : "") || dorn_buf_putc(out, '\0'))
		return DORN_ENOMEM;
	n = dorn_text_strip(out->p, flags);
	while (r < n) {
		len = dorn_utf8_decode(out->p + r, n - r, &cp);
		if (cp > 0xFFFF) {
			w += dorn_utf8_encode(0xFFFD, out->p + w);
		} else {
			memmove(out->p + w, out->p + r, len);
			w += len;
		}
		r += len;
	}
	out->p[w] = '\0';
	out->len = w;
	return 0;
}

static double char_width(const struct lay *l, const char *s, size_t len)
{
	HPDF_TextWidth tw = HPDF_Font_TextWidth(l->font, (const HPDF_BYTE *)s, (HPDF_UINT)len);

	return tw.width * l->size / 1000.0;
}

/* Where text resumes after `spaces` spaces that end at column col, when the
 * text before them ends at x. Spaces at the start of a line, or two or
 * more, move to the column on the grid; one space is one space. */
static double skip_spaces(const struct lay *l, double x, size_t col, size_t spaces, int at_start)
{
	double g = (double)col * l->grid;

	if (at_start)
		return g;
	if (spaces >= 2 && g > x + l->space_w)
		return g;
	return x + (double)spaces * l->space_w;
}

/* How much of s[0..n) fits in max points: *cut bytes are drawn, and the
 * next line starts at *next (the spaces at the break are dropped). The
 * break falls after a word when one fits, else inside the word; at least
 * one character is always taken, so the wrap always moves on. */
static void fit(const struct lay *l, const char *s, size_t n, double max, size_t *cut,
		size_t *next)
{
	size_t i = 0, col = 0, brk = 0, brk_next = 0, len;
	double x = 0;
	uint32_t cp;

	while (i < n) {
		if (s[i] == ' ') {
			size_t j = i, sp;

			while (j < n && s[j] == ' ')
				j++;
			sp = j - i;
			if (i > 0) {
				brk = i;
				brk_next = j;
			}
			x = skip_spaces(l, x, col + sp, sp, i == 0);
			col += sp;
			i = j;
			continue;
		}
		len = dorn_utf8_decode(s + i, n - i, &cp);
		x += char_width(l, s + i, len);
		if (x > max && i > 0) {
			if (brk) {
				*cut = brk;
				*next = brk_next;
			} else {
				*cut = *next = i;
			}
			return;
		}
		col += (size_t)dorn_cp_width(cp);
		i += len;
	}
	*cut = *next = n;
}

/* Draw s[0..n) at (x0, y): each piece between runs of spaces is shown at
 * the place fit() measured for it. */
static int draw_text(const struct lay *l, HPDF_Page page, double x0, double y, const char *s,
		     size_t n, struct dorn_buf *tmp)
{
	size_t i = 0, col = 0, start, len;
	double x = 0, px;
	uint32_t cp;

	while (i < n) {
		if (s[i] == ' ') {
			size_t j = i;

			while (j < n && s[j] == ' ')
				j++;
			/* single spaces stay inside the piece; the font's own
			 * space width is what fit() counted for them */
			if (j - i == 1 && i > 0) {
				x += l->space_w;
				col++;
				i = j;
				continue;
			}
			x = skip_spaces(l, x, col + (j - i), j - i, i == 0);
			col += j - i;
			i = j;
			continue;
		}
		/* a piece: words joined by single spaces */
		start = i;
		px = x;
		while (i < n) {
			if (s[i] == ' ' && (i + 1 >= n || s[i + 1] == ' '))
				break;
			len = dorn_utf8_decode(s + i, n - i, &cp);
			x += s[i] == ' ' ? l->space_w : char_width(l, s + i, len);
			col += (size_t)dorn_cp_width(cp);
			i += len;
		}
		dorn_buf_reset(tmp);
		if (dorn_buf_add(tmp, s + start, i - start))
			return DORN_ENOMEM;
		if (HPDF_Page_TextOut(page, (HPDF_REAL)(x0 + px), (HPDF_REAL)y, tmp->p) != HPDF_OK)
			return DORN_EINTERNAL;
	}
	return 0;
}

static int push(struct lines *ls, size_t off, size_t len)
{
	if (dorn_grow(&ls->v, &ls->cap, ls->n + 1, sizeof *ls->v))
		return DORN_ENOMEM;
	memset(&ls->v[ls->n], 0, sizeof ls->v[0]);
	ls->v[ls->n].off = off;
	ls->v[ls->n].len = len;
	ls->v[ls->n].blank = len == 0;
	ls->n++;
	return 0;
}

static int starts_item(const char *s, size_t n)
{
	return n > 5 && memcmp(s, "Item ", 5) == 0 && s[5] >= '0' && s[5] <= '9';
}

/* Cut the cleaned text into display lines no wider than width. */
static int wrap(const struct lay *l, const char *s, size_t n, double width, struct lines *ls)
{
	size_t i = 0, end, cut, next;
	int first, rc;

	while (i <= n) {
		end = i;
		while (end < n && s[end] != '\n')
			end++;
		/* trailing spaces would only make a line look too wide */
		while (end > i && s[end - 1] == ' ')
			end--;
		first = 1;
		do {
			fit(l, s + i, end - i, width, &cut, &next);
			if ((rc = push(ls, i, cut)))
				return rc;
			if (first && starts_item(s + i, end - i))
				ls->v[ls->n - 1].item = 1;
			first = 0;
			i += next;
			/* a continuation starts at its first word */
			while (i < end && s[i] == ' ')
				i++;
		} while (i < end);
		while (i < n && s[i] != '\n')
			i++;
		if (i >= n)
			break;
		i++;
		/* the note's text ends with '\n': no empty line after it */
		if (i == n)
			break;
	}
	return 0;
}

/* Lines of the item's block from line i: up to the next blank line. */
static size_t block_len(const struct lines *ls, size_t i)
{
	size_t j = i;

	while (j < ls->n && !ls->v[j].blank)
		j++;
	return j - i;
}

/* Give each line its page; returns the number of pages. */
static size_t paginate(struct lines *ls, size_t cap_first, size_t cap)
{
	size_t page = 0, used = 0, room = cap_first, blk;

	for (size_t i = 0; i < ls->n; i++) {
		struct pline *p = &ls->v[i];

		if (p->item && used > 0) {
			blk = block_len(ls, i);
			if (used + blk > room && blk <= cap)
				used = room;
		}
		if (used >= room) {
			page++;
			used = 0;
			room = cap;
		}
		if (used == 0 && page > 0 && p->blank) {
			p->skip = 1;
			continue;
		}
		p->page = page;
		used++;
	}
	return page + 1;
}

static int show(HPDF_Page page, HPDF_Font font, double size, double x, double y, const char *s)
{
	if (HPDF_Page_BeginText(page) != HPDF_OK ||
	    HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size) != HPDF_OK ||
	    HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, s) != HPDF_OK ||
	    HPDF_Page_EndText(page) != HPDF_OK)
		return DORN_EINTERNAL;
	return 0;
}

static int rule(HPDF_Page page, double y)
{
	if (HPDF_Page_SetLineWidth(page, 0.5) != HPDF_OK ||
	    HPDF_Page_MoveTo(page, (HPDF_REAL)MARGIN, (HPDF_REAL)y) != HPDF_OK ||
	    HPDF_Page_LineTo(page, (HPDF_REAL)(PAGE_W - MARGIN), (HPDF_REAL)y) != HPDF_OK ||
	    HPDF_Page_Stroke(page) != HPDF_OK)
		return DORN_EINTERNAL;
	return 0;
}

/* Everything about the page that is the same on each: positions in points
 * from the bottom left, worked out once. */
struct frame {
	double head_y;   /* header baseline */
	double head_rule;
	double draft_y;  /* the DRAFT mark's baseline, when a draft */
	double body_y;   /* first body baseline */
	double foot_rule;
	double foot_y;   /* baseline of the footer's first line */
	size_t title_rows, cap_first, cap;
};

static void frame_init(struct frame *f, int draft, size_t title_lines, size_t foot_lines)
{
	double body_min;

	f->head_y = PAGE_H - MARGIN - HEAD_SIZE;
	f->head_rule = f->head_y - 5;
	f->draft_y = f->head_rule - 8 - DRAFT_SIZE;
	f->body_y = (draft ? f->draft_y - 14 : f->head_rule - 8) - BODY_SIZE;
	f->foot_y = MARGIN + (double)(foot_lines ? foot_lines - 1 : 0) * FOOT_LEAD;
	f->foot_rule = f->foot_y + FOOT_SIZE + 4;
	body_min = f->foot_rule + 8;
	f->cap = (size_t)((f->body_y - body_min) / BODY_LEAD) + 1;
	/* the title takes whole body rows on the first page, so the body keeps
	 * its even spacing */
	f->title_rows = title_lines ? (size_t)((title_lines * TITLE_LEAD + 6) / BODY_LEAD) + 1 : 0;
	f->cap_first = f->cap > f->title_rows + 1 ? f->cap - f->title_rows : 1;
}

struct doc {
	HPDF_Doc pdf;
	HPDF_Font font;
	struct lay body, head, title, foot, big;
	struct frame fr;
	struct dorn_buf text, urn, title_text, footer, tmp;
	struct lines lines, title_lines, foot_lines;
	size_t pages;
	int draft;
};

static int draw_page(struct doc *d, size_t pg, size_t *line)
{
	HPDF_Page page;
	const struct frame *f = &d->fr;
	char num[64];
	double w, y;
	size_t row = 0;
	int rc;

	page = HPDF_AddPage(d->pdf);
	if (!page || HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT) != HPDF_OK)
		return DORN_EINTERNAL;

	snprintf(num, sizeof num, "Page %zu of %zu", pg + 1, d->pages);
	if ((rc = show(page, d->font, HEAD_SIZE, MARGIN, f->head_y, d->urn.p)))
		return rc;
	w = char_width(&d->head, num, strlen(num));
	if ((rc = show(page, d->font, HEAD_SIZE, PAGE_W - MARGIN - w, f->head_y, num)) ||
	    (rc = rule(page, f->head_rule)))
		return rc;

	/* The draft mark is text, not a picture, so it is read aloud, found
	 * by search and kept by pdftotext on every page. */
	if (d->draft) {
		w = char_width(&d->big, DRAFT_MARK, strlen(DRAFT_MARK));
		if (HPDF_Page_SetRGBFill(page, 0.7f, 0, 0) != HPDF_OK ||
		    show(page, d->font, DRAFT_SIZE, (PAGE_W - w) / 2, f->draft_y, DRAFT_MARK) ||
		    HPDF_Page_SetRGBFill(page, 0, 0, 0) != HPDF_OK)
			return DORN_EINTERNAL;
	}

	if (rule(page, f->foot_rule))
		return DORN_EINTERNAL;
	if (HPDF_Page_BeginText(page) != HPDF_OK ||
	    HPDF_Page_SetFontAndSize(page, d->font, FOOT_SIZE) != HPDF_OK)
		return DORN_EINTERNAL;
	y = f->foot_y;
	for (size_t i = 0; i < d->foot_lines.n; i++, y -= FOOT_LEAD) {
		const struct pline *p = &d->foot_lines.v[i];

		if ((rc = draw_text(&d->foot, page, MARGIN, y, d->footer.p + p->off, p->len,
				    &d->tmp)))
			return rc;
	}
	if (pg == 0 && d->title_lines.n) {
		if (HPDF_Page_SetFontAndSize(page, d->font, TITLE_SIZE) != HPDF_OK)
			return DORN_EINTERNAL;
		y = f->body_y;
		for (size_t i = 0; i < d->title_lines.n; i++, y -= TITLE_LEAD) {
			const struct pline *p = &d->title_lines.v[i];

			if ((rc = draw_text(&d->title, page, MARGIN, y, d->title_text.p + p->off,
					    p->len, &d->tmp)))
				return rc;
		}
		row = f->title_rows;
	}
	if (HPDF_Page_SetFontAndSize(page, d->font, BODY_SIZE) != HPDF_OK)
		return DORN_EINTERNAL;
	for (; *line < d->lines.n; (*line)++) {
		const struct pline *p = &d->lines.v[*line];

		if (p->skip)
			continue;
		if (p->page != pg)
			break;
		y = f->body_y - (double)row * BODY_LEAD;
		if (p->len && (rc = draw_text(&d->body, page, MARGIN, y, d->text.p + p->off, p->len,
					      &d->tmp)))
			return rc;
		row++;
	}
	return HPDF_Page_EndText(page) == HPDF_OK ? 0 : DORN_EINTERNAL;
}

static void lay_init(struct lay *l, HPDF_Font font, double size)
{
	l->font = font;
	l->size = size;
	l->grid = TEXT_W / GRID_COLS;
	l->space_w = char_width(l, " ", 1);
}

/* Copy libharu's in-memory PDF to out. */
static int copy_stream(HPDF_Doc pdf, struct dorn_buf *out)
{
	HPDF_BYTE chunk[16384];
	HPDF_UINT32 left = HPDF_GetStreamSize(pdf), n;

	if (left == 0)
		return DORN_EINTERNAL;
	while (left > 0) {
		n = left < sizeof chunk ? left : (HPDF_UINT32)sizeof chunk;
		if (HPDF_ReadFromStream(pdf, chunk, &n) != HPDF_OK && n == 0)
			return DORN_EINTERNAL;
		if (n == 0 || n > left)
			return DORN_EINTERNAL;
		if (dorn_buf_add(out, chunk, n))
			return DORN_ENOMEM;
		left -= n;
	}
	return 0;
}

/* The font is checked before libharu sees it, so a wrong [export]
 * pdf_font gets a message naming the key rather than a libharu code. */
static int check_font(const char *path, struct dorn_err *err)
{
	unsigned char magic[4];
	struct stat st;
	FILE *f;
	int ok;

	if (!path || !*path)
		return dorn_err_set(err, DORN_ECONFIG, "%s", FONT_MSG);
	f = fopen(path, "rb");
	if (!f)
		return dorn_err_set(err, DORN_ECONFIG, "%s (%s: %s)", FONT_MSG, path,
				    strerror(errno));
	ok = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	     fread(magic, 1, sizeof magic, f) == sizeof magic &&
	     (memcmp(magic, "\0\1\0\0", 4) == 0 || memcmp(magic, "true", 4) == 0);
	fclose(f);
	if (!ok)
		return dorn_err_set(err, DORN_ECONFIG, "%s (%s is not a TrueType font)", FONT_MSG,
				    path);
	return 0;
}

static int hpdf_fail(const struct hpdf_error *e, int rc, struct dorn_err *err)
{
	if (e->code == HPDF_FAILD_TO_ALLOC_MEM || rc == DORN_ENOMEM)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory while making the PDF");
	return dorn_err_set(err, DORN_EINTERNAL,
			    "cannot make the PDF: libharu error 0x%04X (detail %u): "
			    "check the [export] pdf_font font and report this",
			    (unsigned)e->code, (unsigned)e->detail);
}

int dorn_pdf_render(const char *text, const struct dorn_pdf_meta *m, struct dorn_buf *out,
		    struct dorn_err *err)
{
	struct hpdf_error he = { 0, 0 };
	struct doc d;
	const char *name;
	size_t start = out->len, line = 0;
	int rc;

	memset(&d, 0, sizeof d);
	dorn_buf_init(&d.text);
	dorn_buf_init(&d.urn);
	dorn_buf_init(&d.title_text);
	dorn_buf_init(&d.footer);
	dorn_buf_init(&d.tmp);
	if ((rc = check_font(m->font_path, err)))
		goto out;
	d.draft = m->draft;
	if ((rc = clean(text, DORN_TEXT_KEEP_NEWLINE, &d.text)) ||
	    (rc = clean(m->urn_display, 0, &d.urn)) ||
	    (rc = clean(m->title, 0, &d.title_text)) || (rc = clean(m->footer, 0, &d.footer)))
		goto fail;

	d.pdf = HPDF_New(on_error, &he);
	if (!d.pdf) {
		rc = DORN_ENOMEM;
		goto fail;
	}
	/* Only the page text is compressed: deflating the embedded font
	 * would cost more time than the whole rest of the document. */
	if (HPDF_SetCompressionMode(d.pdf, HPDF_COMP_TEXT) != HPDF_OK ||
	    HPDF_UseUTFEncodings(d.pdf) != HPDF_OK ||
	    HPDF_SetCurrentEncoder(d.pdf, "UTF-8") != HPDF_OK) {
		rc = DORN_EINTERNAL;
		goto fail;
	}
	name = HPDF_LoadTTFontFromFile(d.pdf, m->font_path, HPDF_TRUE);
	d.font = name ? HPDF_GetFont(d.pdf, name, "UTF-8") : NULL;
	if (!d.font) {
		rc = dorn_err_set(err, DORN_ECONFIG, "%s (libharu could not load %s: error 0x%04X)",
				  FONT_MSG, m->font_path, (unsigned)he.code);
		goto out;
	}
	lay_init(&d.body, d.font, BODY_SIZE);
	lay_init(&d.head, d.font, HEAD_SIZE);
	lay_init(&d.title, d.font, TITLE_SIZE);
	lay_init(&d.foot, d.font, FOOT_SIZE);
	lay_init(&d.big, d.font, DRAFT_SIZE);

	if ((rc = wrap(&d.body, d.text.p, d.text.len, TEXT_W, &d.lines)) ||
	    (rc = wrap(&d.title, d.title_text.p, d.title_text.len, TEXT_W, &d.title_lines)) ||
	    (rc = wrap(&d.foot, d.footer.p, d.footer.len, TEXT_W, &d.foot_lines)))
		goto fail;
	/* an empty title or footer is no line at all */
	if (d.title_text.len == 0)
		d.title_lines.n = 0;
	if (d.footer.len == 0)
		d.foot_lines.n = 0;
	frame_init(&d.fr, d.draft, d.title_lines.n, d.foot_lines.n);
	d.pages = paginate(&d.lines, d.fr.cap_first, d.fr.cap);

	for (size_t pg = 0; pg < d.pages; pg++)
		if ((rc = draw_page(&d, pg, &line)))
			goto fail;

	if (HPDF_SetInfoAttr(d.pdf, HPDF_INFO_CREATOR, "dorn") != HPDF_OK ||
	    (d.title_text.len &&
	     HPDF_SetInfoAttr(d.pdf, HPDF_INFO_TITLE, d.title_text.p) != HPDF_OK) ||
	    HPDF_SaveToStream(d.pdf) != HPDF_OK) {
		rc = DORN_EINTERNAL;
		goto fail;
	}
	if ((rc = copy_stream(d.pdf, out)))
		goto fail;
	/* reading the last bytes may report the end of the stream */
	if (he.code && he.code != HPDF_STREAM_EOF) {
		rc = DORN_EINTERNAL;
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	rc = hpdf_fail(&he, rc, err);
out:
	if (rc && out->p && !out->oom) {
		out->len = start;
		out->p[start] = '\0';
	}
	if (d.pdf)
		HPDF_Free(d.pdf);
	free(d.lines.v);
	free(d.title_lines.v);
	free(d.foot_lines.v);
	dorn_buf_fini(&d.text);
	dorn_buf_fini(&d.urn);
	dorn_buf_fini(&d.title_text);
	dorn_buf_fini(&d.footer);
	dorn_buf_fini(&d.tmp);
	return rc;
}
