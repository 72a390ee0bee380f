/* The note's model: the template's rendering with its structure marked
 * (doc.h). One pass over the lines; each line is one block, except that a
 * table row takes the plain lines after it as more paragraphs of its last
 * cell. */
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/doc.h"
#include "dorn/err.h"
#include "dorn/tmpl.h"

static const struct {
	const char *name;
	char letter;
} directives[] = {
	{ "title", 'T' }, { "banner", 'B' }, { "part", 'P' }, { "item", 'I' },
	{ "field", 'F' }, { "quote", 'Q' }, { "head", 'H' }, { "row", 'R' },
	{ "label", DORN_DOC_LABEL }, { "cell", DORN_DOC_CELL },
};

char dorn_doc_directive(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof directives / sizeof directives[0]; i++)
		if (strlen(directives[i].name) == n && memcmp(directives[i].name, name, n) == 0)
			return directives[i].letter;
	return 0;
}

static enum dorn_block kind_of(char letter)
{
	switch (letter) {
	case 'T': return DORN_BLOCK_TITLE;
	case 'B': return DORN_BLOCK_BANNER;
	case 'P': return DORN_BLOCK_PART;
	case 'I': return DORN_BLOCK_ITEM;
	case 'F': return DORN_BLOCK_FIELD;
	case 'Q': return DORN_BLOCK_QUOTE;
	case 'H': return DORN_BLOCK_HEAD;
	case 'R': return DORN_BLOCK_ROW;
	default: return DORN_BLOCK_PARA;
	}
}

/* The block kind a line's markers give it: its block directive, if any. */
static enum dorn_block line_kind(const char *s, size_t n)
{
	for (const char *p = memchr(s, DORN_DOC_MARK, n); p && p + 1 < s + n;
	     p = memchr(p + 2, DORN_DOC_MARK, (size_t)(s + n - p - 2))) {
		enum dorn_block k = kind_of(p[1]);

		if (k != DORN_BLOCK_PARA)
			return k;
		if (p + 2 >= s + n)
			break;
	}
	return DORN_BLOCK_PARA;
}

/* s[0..n) without markers, into a new string; leading spaces dropped when
 * trim, and their count in *indent. */
static char *clean(const char *s, size_t n, int trim, int *indent)
{
	char *o = malloc(n + 1), *w = o;
	int lead = 1, spaces = 0;

	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == DORN_DOC_MARK) {
			i++;
			continue;
		}
		if (lead && s[i] == ' ') {
			spaces++;
			if (trim)
				continue;
		} else {
			lead = 0;
		}
		*w++ = s[i];
	}
	*w = 0;
	if (indent)
		*indent = spaces;
	return o;
}

static int cell_add(struct dorn_doc_block *b, int new_cell, const char *s, size_t n)
{
	struct dorn_doc_cell *c;
	char *p;

	if (new_cell || !b->ncells) {
		struct dorn_doc_cell *more = realloc(b->cells, (b->ncells + 1) * sizeof *more);

		if (!more)
			return DORN_ENOMEM;
		b->cells = more;
		memset(&b->cells[b->ncells++], 0, sizeof *more);
	}
	c = &b->cells[b->ncells - 1];
	p = clean(s, n, 1, NULL);
	if (!p)
		return DORN_ENOMEM;
	char **paras = realloc(c->paras, (c->n + 1) * sizeof *paras);
	if (!paras) {
		free(p);
		return DORN_ENOMEM;
	}
	c->paras = paras;
	c->paras[c->n++] = p;
	return 0;
}

static int has_words(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == DORN_DOC_MARK)
			i++;
		else if (s[i] != ' ')
			return 1;
	}
	return 0;
}

/* A HEAD or ROW line (row_line), or a plain line after a row, into cells.
 * Each (C) starts a new cell; what a cell holds before an (L) is a label
 * for the text only. What comes before a line's first (C) is, on a HEAD or
 * ROW line, its first cell (when it has words, or when there is no (C));
 * on a line after a row, one more paragraph of the row's last cell. */
static int cells_of(struct dorn_doc_block *b, const char *s, size_t n, int row_line)
{
	size_t from = 0;
	int seen = 0, rc;

	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] != DORN_DOC_MARK)
			continue;
		if (s[i + 1] == DORN_DOC_LABEL) {
			from = i + 2;
		} else if (s[i + 1] == DORN_DOC_CELL) {
			if ((seen || has_words(s + from, i - from)) &&
			    (rc = cell_add(b, seen || row_line, s + from, i - from)))
				return rc;
			seen = 1;
			from = i + 2;
		}
		i++;
	}
	if (!seen && !row_line && !has_words(s + from, n - from))
		return 0;
	return cell_add(b, seen || row_line, s + from, n - from);
}

static struct dorn_doc_block *block_new(struct dorn_doc *d, size_t *cap, enum dorn_block k)
{
	struct dorn_doc_block *b;

	if (dorn_grow(&d->b, cap, d->n + 1, sizeof *d->b))
		return NULL;
	b = &d->b[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = k;
	return b;
}

static int line_into(struct dorn_doc *d, size_t *cap, const char *s, size_t n,
		     struct dorn_doc_block **row)
{
	enum dorn_block k = line_kind(s, n);
	struct dorn_doc_block *b;
	const char *lab;
	size_t skip = 0;
	int blank = 1;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == DORN_DOC_MARK) {
			i++;
			continue;
		}
		blank &= s[i] == ' ';
	}
	if (blank && k == DORN_BLOCK_PARA) {
		*row = NULL;
		b = block_new(d, cap, DORN_BLOCK_BLANK);
		if (!b || !(b->label = strdup("")) || !(b->text = strdup("")))
			return DORN_ENOMEM;
		return 0;
	}
	/* A plain line after a row is more of the row's last cell; a line
	 * with (C) and no block directive adds cells to it. */
	if (k == DORN_BLOCK_PARA && *row)
		return cells_of(*row, s, n, 0);
	*row = NULL;
	b = block_new(d, cap, k);
	if (!b || !(b->label = strdup("")))
		return DORN_ENOMEM;
	if (k == DORN_BLOCK_HEAD || k == DORN_BLOCK_ROW) {
		if (!(b->text = strdup("")))
			return DORN_ENOMEM;
		if (k == DORN_BLOCK_ROW)
			*row = b;
		return cells_of(b, s, n, 1);
	}
	lab = NULL;
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == DORN_DOC_MARK && s[i + 1] == DORN_DOC_LABEL) {
			lab = s + i;
			break;
		}
	if (k == DORN_BLOCK_FIELD && lab) {
		free(b->label);
		if (!(b->label = clean(s, (size_t)(lab - s), 1, NULL)))
			return DORN_ENOMEM;
		skip = (size_t)(lab - s) + 2;
	}
	b->text = clean(s + skip, n - skip, 1, &b->indent);
	return b->text ? 0 : DORN_ENOMEM;
}

int dorn_doc_parse(const char *model, struct dorn_doc *d, struct dorn_err *err)
{
	struct dorn_doc_block *row = NULL;
	size_t cap = 0, i = 0, n = model ? strlen(model) : 0;
	int rc = 0;

	memset(d, 0, sizeof *d);
	d->plain = !model || !strchr(model, DORN_DOC_MARK);
	/* The last newline ends the last line; it does not start another. */
	while (i < n && !rc) {
		const char *nl = memchr(model + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - model) : n;

		rc = line_into(d, &cap, model + i, end - i, &row);
		i = end + 1;
	}
	if (rc)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	return 0;
}

void dorn_doc_fini(struct dorn_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		struct dorn_doc_block *b = &d->b[i];

		for (size_t c = 0; c < b->ncells; c++) {
			for (size_t p = 0; p < b->cells[c].n; p++)
				free(b->cells[c].paras[p]);
			free(b->cells[c].paras);
		}
		free(b->cells);
		free(b->label);
		free(b->text);
	}
	free(d->b);
	memset(d, 0, sizeof *d);
}

int dorn_doc_text(const char *model, size_t width, struct dorn_buf *out)
{
	struct dorn_buf plain;
	size_t i = 0, n = model ? strlen(model) : 0;
	int rc;

	dorn_buf_init(&plain);
	while (i < n) {
		const char *nl = memchr(model + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - model) : n;

		/* A table's headings are for the PDF: the text labels each
		 * cell instead. */
		if (line_kind(model + i, end - i) != DORN_BLOCK_HEAD) {
			for (size_t k = i; k < end; k++) {
				if (model[k] == DORN_DOC_MARK) {
					k++;
					continue;
				}
				dorn_buf_putc(&plain, model[k]);
			}
			if (nl)
				dorn_buf_putc(&plain, '\n');
		}
		i = end + 1;
	}
	rc = plain.oom ? DORN_ENOMEM : dorn_text_wrap(dorn_buf_str(&plain), width, out);
	dorn_buf_fini(&plain);
	return rc;
}
