/* The document's language, /Lang in the PDF's catalog, which cairo 1.16
 * has no way to set, and /DisplayDocTitle, so that a viewer (and a screen
 * reader) names the document by its title rather than its file name. They
 * are added once cairo is done, as an incremental update (PDF 32000-1,
 * 7.5.6): cairo's bytes stay as they are, and after them come a new
 * revision of the catalog (its dictionary plus the two), an xref section
 * for that one object, and a trailer pointing back at cairo's. Only what cairo writes is read: a classic xref table, a
 * trailer with /Size, /Root and /Info, startxref at the end. Every search
 * is bounded, and anything not where cairo puts it is refused, never
 * guessed at. */
#include <stdio.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "pdf_lang.h"

#define TAIL 1024         /* "startxref" is within this many bytes of the end */
#define XREF_ENTRY 20     /* "nnnnnnnnnn ggggg n \n" */
#define MAX_NUM 1000000000000ULL

struct span {
	const char *p, *end;
};

static const char *find(const char *p, const char *end, const char *what)
{
	size_t k = strlen(what);

	for (; p && end - p >= (long)k; p++)
		if (memcmp(p, what, k) == 0)
			return p;
	return NULL;
}

static const char *find_last(const char *p, const char *end, const char *what)
{
	size_t k = strlen(what);

	for (const char *q = end - k; q >= p; q--)
		if (memcmp(q, what, k) == 0)
			return q;
	return NULL;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && is_space(*p))
		p++;
	return p;
}

/* An unsigned number after optional white space; *p moves past it. */
static int number(const char **p, const char *end, unsigned long long *v)
{
	const char *q = skip_space(*p, end);
	int digits = 0;

	*v = 0;
	while (q < end && *q >= '0' && *q <= '9' && *v < MAX_NUM) {
		*v = *v * 10 + (unsigned long long)(*q++ - '0');
		digits++;
	}
	if (!digits || *v >= MAX_NUM)
		return -1;
	*p = q;
	return 0;
}

/* The end of the dictionary that starts at p ("<<"): just past its ">>".
 * Strings are skipped, so a ">>" inside one does not end it. */
static const char *dict_end(const char *p, const char *end)
{
	int depth = 0;

	while (p < end) {
		if (end - p >= 2 && p[0] == '<' && p[1] == '<') {
			depth++;
			p += 2;
		} else if (end - p >= 2 && p[0] == '>' && p[1] == '>') {
			p += 2;
			if (--depth == 0)
				return p;
		} else if (*p == '(') {
			int nest = 0;

			for (; p < end; p++) {
				if (*p == '\\')
					p++;
				else if (*p == '(')
					nest++;
				else if (*p == ')' && --nest == 0)
					break;
			}
			p++;
		} else if (*p == '<') {
			while (p < end && *p != '>')
				p++;
			p++;
		} else {
			p++;
		}
	}
	return NULL;
}

/* The value of key in a dictionary when it is an indirect reference
 * "N 0 R": N. */
static int ref_of(struct span d, const char *key, unsigned long long *v)
{
	const char *k = find(d.p, d.end, key), *p;
	unsigned long long gen;

	if (!k)
		return -1;
	p = k + strlen(key);
	if (number(&p, d.end, v) || number(&p, d.end, &gen) || gen != 0)
		return -1;
	p = skip_space(p, d.end);
	return p < d.end && *p == 'R' ? 0 : -1;
}

static int fail(struct dorn_err *err, const char *what)
{
	return dorn_err_set(err, DORN_EINTERNAL, "cannot give the PDF its language: %s in what "
			    "cairo wrote: report this", what);
}

int pdf_lang_append(struct dorn_buf *out, size_t start, const char *lang, struct dorn_err *err)
{
	const char *pdf = out->p + start, *end = out->p + out->len;
	const char *p, *sx, *tr, *cat, *entries, *e;
	unsigned long long xref, first, count, size, root, info, off, num, gen;
	size_t at, new_xref;
	struct span trailer, catalog, id = { NULL, NULL };
	struct dorn_buf upd;
	int rc;

	if (!out->p || out->len <= start)
		return fail(err, "no PDF");
	/* the last startxref, and the xref table it points at */
	p = end - (out->len - start > TAIL ? TAIL : out->len - start);
	sx = find_last(p, end, "startxref");
	p = sx ? sx + 9 : NULL;
	if (!sx || number(&p, end, &xref) || xref >= (unsigned long long)(sx - pdf))
		return fail(err, "no startxref");
	p = pdf + xref;
	if (end - p < 4 || memcmp(p, "xref", 4) != 0)
		return fail(err, "no xref table at startxref");
	p += 4;
	if (number(&p, sx, &first) || number(&p, sx, &count) || first != 0)
		return fail(err, "no xref subsection from object 0");
	while (p < sx && (*p == ' ' || *p == '\r'))
		p++;
	if (p >= sx || *p != '\n')
		return fail(err, "no line end after the xref subsection's header");
	entries = p + 1;
	if ((unsigned long long)(sx - entries) / XREF_ENTRY < count)
		return fail(err, "an xref table shorter than it says");

	/* the trailer: /Size, /Root, /Info and, when there, /ID */
	tr = find(entries + count * XREF_ENTRY, sx, "trailer");
	p = tr ? skip_space(tr + 7, sx) : NULL;
	trailer.p = p;
	trailer.end = p && sx - p >= 2 && p[0] == '<' && p[1] == '<' ? dict_end(p, sx) : NULL;
	if (!trailer.end)
		return fail(err, "no trailer dictionary");
	p = find(trailer.p, trailer.end, "/Size");
	if (p)
		p += 5;
	if (!p || number(&p, trailer.end, &size) || size != count)
		return fail(err, "no /Size in the trailer matching the xref table");
	if (ref_of(trailer, "/Root", &root) || root == 0 || root >= count)
		return fail(err, "no /Root in the trailer");
	if (ref_of(trailer, "/Info", &info) || info == 0 || info >= count)
		return fail(err, "no /Info in the trailer");
	id.p = find(trailer.p, trailer.end, "/ID");
	if (id.p) {
		id.end = memchr(id.p, ']', (size_t)(trailer.end - id.p));
		if (!id.end)
			return fail(err, "an /ID with no end");
		id.end++;
	}

	/* the catalog, where its xref entry ("oooooooooo ggggg n \n") says */
	e = entries + root * XREF_ENTRY;
	p = e;
	if (e[10] != ' ' || memcmp(e + 11, "00000 n", 7) != 0 || number(&p, e + 10, &off) ||
	    off >= xref)
		return fail(err, "no xref entry in use for the catalog");
	p = pdf + off;
	if (number(&p, sx, &num) || num != root || number(&p, sx, &gen) || gen != 0)
		return fail(err, "no catalog object where the xref table says");
	p = skip_space(p, sx);
	if (sx - p < 3 || memcmp(p, "obj", 3) != 0)
		return fail(err, "no catalog object where the xref table says");
	cat = skip_space(p + 3, sx);
	catalog.p = cat;
	catalog.end = sx - cat >= 2 && cat[0] == '<' && cat[1] == '<' ? dict_end(cat, sx) : NULL;
	if (!catalog.end || !find(catalog.p, catalog.end, "/Catalog"))
		return fail(err, "no catalog dictionary");
	if (find(catalog.p, catalog.end, "/Lang"))
		return 0;

	/* the update: the catalog again with /Lang, its xref, the trailer */
	dorn_buf_init(&upd);
	at = out->len - start;
	dorn_buf_printf(&upd, "%llu 0 obj\n", root);
	dorn_buf_add(&upd, catalog.p, (size_t)(catalog.end - 2 - catalog.p));
	dorn_buf_printf(&upd, "   /Lang (%s)\n", lang);
	if (!find(catalog.p, catalog.end, "/ViewerPreferences"))
		dorn_buf_puts(&upd, "   /ViewerPreferences << /DisplayDocTitle true >>\n");
	dorn_buf_puts(&upd, ">>\nendobj\n");
	new_xref = at + upd.len;
	dorn_buf_printf(&upd, "xref\n%llu 1\n%010zu 00000 n \n", root, at);
	dorn_buf_printf(&upd, "trailer\n<< /Size %llu\n   /Root %llu 0 R\n   /Info %llu 0 R\n",
			size, root, info);
	if (id.p) {
		dorn_buf_puts(&upd, "   ");
		dorn_buf_add(&upd, id.p, (size_t)(id.end - id.p));
		dorn_buf_putc(&upd, '\n');
	}
	dorn_buf_printf(&upd, "   /Prev %llu\n>>\nstartxref\n%zu\n%%%%EOF\n", xref, new_xref);
	rc = upd.oom || dorn_buf_add(out, upd.p, upd.len) ? DORN_ENOMEM : 0;
	dorn_buf_fini(&upd);
	if (rc)
		return dorn_err_set(err, rc, "out of memory");
	return 0;
}
