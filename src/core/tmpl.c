/* The template engine behind the prosecutor note: a small mustache subset
 * (see dorn-template(5)) over a tree of named values, plus the word wrapper
 * the note is laid out with. Legal services edit the templates, so every
 * parse or render error names the file and line and says what to do.
 *
 * A template is parsed once into a flat node array; a section node records
 * where its body ends, so rendering is a walk over that array with a fixed
 * stack of contexts and no allocation beyond the output buffer. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/doc.h"
#include "dorn/err.h"
#include "dorn/text.h"
#include "dorn/tmpl.h"

enum {
	MAX_DEPTH = 32,               /* sections inside sections */
	MAX_OUT = 4 * 1024 * 1024,    /* bytes one render may add */
	MAX_STEPS = 100000,           /* tags and texts one render may visit */
	MSG_NAME = 60,                /* bytes of a name quoted in a message */
};

/* ---- the context tree ---- */

enum vkind { V_STR, V_FLAG, V_LIST };

struct tval {
	char *name;
	size_t nlen;
	enum vkind kind;
	char *str; /* V_STR, stripped */
	size_t len;
	int on;    /* V_FLAG */
	struct dorn_tctx **items; /* V_LIST */
	size_t n, cap;
};

struct dorn_tctx {
	struct tval *v;
	size_t n, cap;
};

struct dorn_tctx *dorn_tctx_new(void)
{
	return calloc(1, sizeof(struct dorn_tctx));
}

/* Drop whatever value v holds, keeping its name. */
static void val_clear(struct tval *v)
{
	free(v->str);
	v->str = NULL;
	v->len = 0;
	v->on = 0;
	for (size_t i = 0; i < v->n; i++)
		dorn_tctx_free(v->items[i]);
	free(v->items);
	v->items = NULL;
	v->n = v->cap = 0;
}

void dorn_tctx_free(struct dorn_tctx *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		val_clear(&c->v[i]);
		free(c->v[i].name);
	}
	free(c->v);
	free(c);
}

/* A name a template can reach: "." or one segment of letters, digits and
 * '_'. A caller setting "a.b" would never be found, so that is refused. */
static int ctx_name_ok(const char *name)
{
	if (!name || !*name)
		return 0;
	if (strcmp(name, ".") == 0)
		return 1;
	for (const char *p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '_'))
			return 0;
	}
	return 1;
}

static struct tval *find(const struct dorn_tctx *c, const char *name, size_t n)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].nlen == n && memcmp(c->v[i].name, name, n) == 0)
			return &c->v[i];
	return NULL;
}

/* The entry for name, emptied and ready for a new value; created when
 * absent. NULL when out of memory. */
static struct tval *slot(struct dorn_tctx *c, const char *name)
{
	size_t n = strlen(name);
	struct tval *v = find(c, name, n);

	if (v) {
		val_clear(v);
		return v;
	}
	if (dorn_grow(&c->v, &c->cap, c->n + 1, sizeof *c->v))
		return NULL;
	v = &c->v[c->n];
	memset(v, 0, sizeof *v);
	v->name = malloc(n + 1);
	if (!v->name)
		return NULL;
	memcpy(v->name, name, n + 1);
	v->nlen = n;
	c->n++;
	return v;
}

int dorn_tctx_set(struct dorn_tctx *c, const char *name, const char *value)
{
	struct tval *v;
	char *s;

	if (!c || !ctx_name_ok(name))
		return DORN_EINTERNAL;
	s = strdup(value ? value : "");
	if (!s)
		return DORN_ENOMEM;
	v = slot(c, name);
	if (!v) {
		free(s);
		return DORN_ENOMEM;
	}
	/* Values come from users and the database: whatever reaches the
	 * note must not carry terminal escapes or stray bytes. */
	v->len = dorn_text_strip(s, DORN_TEXT_KEEP_NEWLINE);
	v->str = s;
	v->kind = V_STR;
	return 0;
}

int dorn_tctx_setf(struct dorn_tctx *c, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return DORN_EINTERNAL;
	s = malloc((size_t)n + 1);
	if (!s)
		return DORN_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	rc = dorn_tctx_set(c, name, s);
	free(s);
	return rc;
}

int dorn_tctx_flag(struct dorn_tctx *c, const char *name, int on)
{
	struct tval *v;

	if (!c || !ctx_name_ok(name))
		return DORN_EINTERNAL;
	v = slot(c, name);
	if (!v)
		return DORN_ENOMEM;
	v->kind = V_FLAG;
	v->on = on != 0;
	return 0;
}

int dorn_tctx_list(struct dorn_tctx *c, const char *name)
{
	struct tval *v;

	if (!c || !ctx_name_ok(name))
		return DORN_EINTERNAL;
	v = slot(c, name);
	if (!v)
		return DORN_ENOMEM;
	v->kind = V_LIST;
	return 0;
}

struct dorn_tctx *dorn_tctx_add(struct dorn_tctx *c, const char *name)
{
	struct dorn_tctx *child;
	struct tval *v;

	if (!c || !ctx_name_ok(name))
		return NULL;
	v = find(c, name, strlen(name));
	if (!v || v->kind != V_LIST) {
		/* Absent, or something else: it becomes a list. */
		v = slot(c, name);
		if (!v)
			return NULL;
		v->kind = V_LIST;
	}
	if (dorn_grow(&v->items, &v->cap, v->n + 1, sizeof *v->items))
		return NULL;
	child = dorn_tctx_new();
	if (!child)
		return NULL;
	v->items[v->n++] = child;
	return child;
}

/* ---- parsing ---- */

enum ntype { N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_MARK };

struct node {
	enum ntype type;
	unsigned line;
	size_t off, len; /* the text, or the name, inside dorn_tmpl.text */
	size_t end;      /* sections: index of the first node after the body */
	char mark;       /* N_MARK: the letter after DORN_DOC_MARK (doc.h) */
};

struct dorn_tmpl {
	char *origin;
	char *text;
	size_t n;
	struct node *nodes;
	size_t nn, cap;
};

struct parser {
	struct dorn_tmpl *t;
	const char *s;
	size_t n;
	size_t pos;        /* scanned up to here */
	unsigned line;     /* line of pos */
	size_t line_start; /* offset of the first byte of that line */
	size_t open[MAX_DEPTH];
	size_t nopen;
	struct dorn_err *err;
};

void dorn_tmpl_free(struct dorn_tmpl *t)
{
	if (!t)
		return;
	free(t->origin);
	free(t->text);
	free(t->nodes);
	free(t);
}

/* Move the scan position to `to`, counting lines on the way. */
static void advance(struct parser *p, size_t to)
{
	for (; p->pos < to; p->pos++) {
		if (p->s[p->pos] == '\n') {
			p->line++;
			p->line_start = p->pos + 1;
		}
	}
}

/* Length of s[0..n) cut to at most max bytes at a character boundary, so
 * a long name quoted in a message stays valid UTF-8. */
static int clip(const char *s, size_t n, size_t max)
{
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	return (int)n;
}

static int add_node(struct parser *p, enum ntype type, unsigned line,
		    size_t off, size_t len)
{
	struct dorn_tmpl *t = p->t;
	struct node *nd;

	if (dorn_grow(&t->nodes, &t->cap, t->nn + 1, sizeof *t->nodes))
		return dorn_err_set(p->err, DORN_ENOMEM,
				    "out of memory while reading the template %s", t->origin);
	nd = &t->nodes[t->nn++];
	nd->type = type;
	nd->line = line;
	nd->off = off;
	nd->len = len;
	nd->end = 0;
	return 0;
}

static int add_text(struct parser *p, size_t from, size_t to, unsigned line)
{
	if (to <= from)
		return 0;
	return add_node(p, N_TEXT, line, from, to - from);
}

static int is_name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
}

/* "." alone, or segments of name characters joined by single dots. */
static int name_ok(const char *s, size_t n)
{
	if (n == 1 && s[0] == '.')
		return 1;
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_name_char(s[i]))
			return 0;
		if (s[i] == '.' && s[i + 1] == '.')
			return 0;
	}
	return 1;
}

static const char *sigil_str(char sigil)
{
	switch (sigil) {
	case '#':
		return "#";
	case '^':
		return "^";
	case '/':
		return "/";
	case '%':
		return "%";
	default:
		return "";
	}
}

/* {{/name}}: it must close the innermost open section. */
static int close_section(struct parser *p, size_t from, size_t n, unsigned line)
{
	const char *o = p->t->origin, *s = p->s, *name = s + from;
	int nl = clip(name, n, MSG_NAME), ol;
	struct node *op;

	if (p->nopen == 0)
		return dorn_err_set(p->err, DORN_EDATA,
				    "%s:%u: {{/%.*s}} closes a section that was never opened: "
				    "remove it or add {{#%.*s}} before it",
				    o, line, nl, name, nl, name);
	op = &p->t->nodes[p->open[p->nopen - 1]];
	ol = clip(s + op->off, op->len, MSG_NAME);
	if (op->len != n || memcmp(s + op->off, name, n) != 0)
		return dorn_err_set(p->err, DORN_EDATA,
				    "%s:%u: {{/%.*s}} on line %u closes '%.*s' opened on line "
				    "%u: write {{/%.*s}} here, or close sections in the order "
				    "they were opened",
				    o, line, nl, name, line, ol, s + op->off, op->line, ol,
				    s + op->off);
	op->end = p->t->nn;
	p->nopen--;
	return 0;
}

/* {{%name}}: a mark of the note's structure (doc.h). */
static int directive(struct parser *p, size_t from, size_t n, unsigned line)
{
	char letter = dorn_doc_directive(p->s + from, n);
	int rc;

	if (!letter)
		return dorn_err_set(p->err, DORN_EDATA,
				    "%s:%u: unknown directive {{%%%.*s}}: use title, banner, "
				    "part, item, field, quote, head, row, label or cell, see "
				    "dorn-template(5)",
				    p->t->origin, line, clip(p->s + from, n, MSG_NAME), p->s + from);
	rc = add_node(p, N_MARK, line, from, n);
	if (!rc)
		p->t->nodes[p->t->nn - 1].mark = letter;
	return rc;
}

/* One tag's content between the braces, without the sigil. */
static int tag(struct parser *p, char sigil, size_t from, size_t to,
	       unsigned line)
{
	const char *o = p->t->origin;
	const char *s = p->s;

	while (from < to && s[from] == ' ')
		from++;
	while (to > from && s[to - 1] == ' ')
		to--;
	if (from == to)
		return dorn_err_set(p->err, DORN_EDATA,
				    "%s:%u: empty tag {{%s}}: put a name between the braces, "
				    "such as {{%sname}}",
				    o, line, sigil_str(sigil), sigil_str(sigil));
	if (!name_ok(s + from, to - from))
		return dorn_err_set(p->err, DORN_EDATA,
				    "%s:%u: bad name '%.*s' in {{%s}}: names use letters, "
				    "digits, '_' and '.' (as in {{victim.name}}), see "
				    "dorn-template(5)",
				    o, line, clip(s + from, to - from, MSG_NAME), s + from,
				    sigil_str(sigil));
	switch (sigil) {
	case '#':
	case '^':
		if (p->nopen == MAX_DEPTH)
			return dorn_err_set(p->err, DORN_EDATA,
					    "%s:%u: sections nested more than %d deep: "
					    "close some sections before opening '%.*s'",
					    o, line, MAX_DEPTH,
					    clip(s + from, to - from, MSG_NAME), s + from);
		p->open[p->nopen++] = p->t->nn;
		return add_node(p, sigil == '#' ? N_SECTION : N_INVERTED, line,
				from, to - from);
	case '/':
		return close_section(p, from, to - from, line);
	case '%':
		return directive(p, from, to - from, line);
	default:
		return add_node(p, N_VAR, line, from, to - from);
	}
}

/* Blanks only from `from` to the end of its line? Sets *next to just past
 * that line's newline (or to the end of the text). */
static int blank_to_eol(const char *s, size_t n, size_t from, size_t *next)
{
	while (from < n && s[from] == ' ')
		from++;
	if (from < n && s[from] != '\n')
		return 0;
	*next = from < n ? from + 1 : n;
	return 1;
}

static int blank_between(const char *s, size_t from, size_t to)
{
	for (; from < to; from++)
		if (s[from] != ' ')
			return 0;
	return 1;
}

/* Offset of the next "{{" at or after from, or n. */
static size_t find_open(const char *s, size_t n, size_t from)
{
	while (from + 1 < n) {
		const char *b = memchr(s + from, '{', n - from - 1);

		if (!b)
			break;
		from = (size_t)(b - s);
		if (s[from + 1] == '{')
			return from;
		from++;
	}
	return n;
}

static int parse(struct parser *p)
{
	const char *s = p->s, *o = p->t->origin;
	size_t n = p->n, text_from = 0;
	unsigned text_line = 1;
	int rc;

	for (;;) {
		size_t q, c, ls, body, tag_end, after = 0;
		unsigned line;
		char sigil;
		int standalone;

		q = find_open(s, n, p->pos);
		if (q == n) {
			advance(p, n);
			rc = add_text(p, text_from, n, text_line);
			break;
		}
		advance(p, q);
		line = p->line;
		ls = p->line_start;
		sigil = q + 2 < n ? s[q + 2] : '\0';
		if (sigil == '{' || sigil == '&' || sigil == '>' || sigil == '=' ||
		    sigil == '<' || sigil == '$')
			return dorn_err_set(p->err, DORN_EDATA,
					    "%s:%u: {{%c tags are not supported: use {{name}}, "
					    "{{#name}}, {{^name}}, {{/name}} or {{! comment }}, "
					    "see dorn-template(5)",
					    o, line, sigil);
		body = q + 2;
		if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' || sigil == '%')
			body++;
		/* A comment may run over several lines; any other tag must
		 * close on its own line, or one missing "}}" would swallow
		 * the rest of the note. */
		for (c = body; c + 1 < n; c++) {
			if (s[c] == '}' && s[c + 1] == '}')
				break;
			if (s[c] == '\n' && sigil != '!')
				break;
		}
		if ((c + 1 >= n || s[c] != '}') && sigil == '!')
			return dorn_err_set(p->err, DORN_EDATA,
					    "%s:%u: the comment {{! is never closed: add }} "
					    "where the comment ends",
					    o, line);
		if (c + 1 >= n || s[c] != '}')
			return dorn_err_set(p->err, DORN_EDATA,
					    "%s:%u: a {{ tag is not closed on its line: add }} "
					    "after the name",
					    o, line);
		tag_end = c + 2;
		/* Mustache's standalone rule: a line holding nothing but one
		 * section, close or comment tag vanishes with its newline, so
		 * tags can sit on lines of their own without leaving blanks. */
		standalone = body != q + 2 && sigil != '%' && blank_between(s, ls, q) &&
			     blank_to_eol(s, n, tag_end, &after);
		rc = add_text(p, text_from, standalone ? ls : q, text_line);
		if (rc)
			return rc;
		if (sigil != '!') {
			rc = tag(p, sigil, body, c, line);
			if (rc)
				return rc;
		}
		if (!standalone)
			after = tag_end;
		advance(p, after);
		text_from = after;
		text_line = p->line;
	}
	if (rc)
		return rc;
	if (p->nopen > 0) {
		const struct node *op = &p->t->nodes[p->open[p->nopen - 1]];
		int nl = clip(s + op->off, op->len, MSG_NAME);

		return dorn_err_set(p->err, DORN_EDATA,
				    "%s:%u: section '%.*s' opened on line %u is never "
				    "closed: add {{/%.*s}}",
				    o, op->line, nl, s + op->off, op->line, nl, s + op->off);
	}
	return 0;
}

static unsigned line_of(const char *s, size_t at)
{
	unsigned line = 1;

	for (size_t i = 0; i < at; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

int dorn_tmpl_parse(const char *text, size_t n, const char *origin,
		    struct dorn_tmpl **out, struct dorn_err *err)
{
	struct dorn_tmpl *t = NULL;
	struct parser p;
	const char *nul;
	size_t bad;
	int rc;

	*out = NULL;
	if (!origin)
		origin = "template";
	if (!text)
		n = 0;
	if (n && !dorn_utf8_valid(text, n, &bad))
		return dorn_err_set(err, DORN_EDATA,
				    "%s:%u: the text is not valid UTF-8: save the file "
				    "as UTF-8",
				    origin, line_of(text, bad));
	nul = n ? memchr(text, '\0', n) : NULL;
	if (nul)
		return dorn_err_set(err, DORN_EDATA,
				    "%s:%u: the text contains a NUL byte: remove it, "
				    "or save the file as plain UTF-8 text",
				    origin, line_of(text, (size_t)(nul - text)));
	t = calloc(1, sizeof *t);
	if (!t)
		goto oom;
	t->origin = strdup(origin);
	t->text = malloc(n + 1);
	if (!t->origin || !t->text)
		goto oom;
	if (n)
		memcpy(t->text, text, n);
	t->text[n] = '\0';
	/* Files saved on Windows end lines in CR LF, and a stray tab or
	 * escape must never reach the note; stripping keeps every '\n', so
	 * line numbers still match the file. */
	t->n = dorn_text_strip(t->text, DORN_TEXT_KEEP_NEWLINE);

	memset(&p, 0, sizeof p);
	p.t = t;
	p.s = t->text;
	p.n = t->n;
	p.line = 1;
	p.err = err;
	rc = parse(&p);
	if (rc)
		goto out;
	*out = t;
	t = NULL;
out:
	dorn_tmpl_free(t);
	return rc;
oom:
	rc = dorn_err_set(err, DORN_ENOMEM,
			  "out of memory while reading the template %s", origin);
	goto out;
}

/* ---- rendering ---- */

/* One context on the lookup stack: a tree node, or (for a section over a
 * string) just the string that {{.}} stands for. */
struct frame {
	const struct dorn_tctx *ctx;
	const char *dot;
	size_t dotlen;
};

struct render {
	const struct dorn_tmpl *t;
	struct dorn_buf *out;
	size_t start;
	struct dorn_err *err;
	struct frame f[MAX_DEPTH + 1];
	size_t nf;
	size_t steps; /* nodes visited so far */
};

/* What a name stands for; a string section's own value has no tval. */
struct found {
	enum vkind kind;
	const char *s;
	size_t len;
	int on;
	const struct tval *v;
};

static const char *kind_name(enum vkind k)
{
	switch (k) {
	case V_STR:
		return "text";
	case V_FLAG:
		return "a flag";
	default:
		return "a list";
	}
}

static void found_val(struct found *f, const struct tval *v)
{
	f->kind = v->kind;
	f->s = v->str;
	f->len = v->len;
	f->on = v->on;
	f->v = v;
}

/* Mustache lookup: the first segment is searched from the innermost
 * context outwards; any further segment only inside the record found so
 * far, so "victim.name" never silently picks up some other "name". */
static int lookup(struct render *r, const struct node *nd, struct found *f)
{
	const char *o = r->t->origin, *name = r->t->text + nd->off;
	size_t n = nd->len, seg;
	const struct tval *v = NULL;
	const struct frame *fr = &r->f[r->nf - 1];
	int nl = clip(name, n, MSG_NAME);

	if (n == 1 && name[0] == '.') {
		if (fr->dot) {
			f->kind = V_STR;
			f->s = fr->dot;
			f->len = fr->dotlen;
			f->v = NULL;
			return 0;
		}
		v = fr->ctx ? find(fr->ctx, ".", 1) : NULL;
		if (!v)
			return dorn_err_set(r->err, DORN_EDATA,
					    "%s:%u: {{.}} has no value here: use it inside a "
					    "section over a list of texts or over a text",
					    o, nd->line);
		found_val(f, v);
		return 0;
	}
	for (seg = 0; seg < n && name[seg] != '.'; seg++)
		;
	for (size_t i = r->nf; i-- > 0 && !v;)
		if (r->f[i].ctx)
			v = find(r->f[i].ctx, name, seg);
	while (v && seg < n) {
		size_t from = seg + 1, len;
		const char *dot = memchr(name + from, '.', n - from);

		len = dot ? (size_t)(dot - (name + from)) : n - from;
		if (v->kind != V_LIST || v->n != 1)
			return dorn_err_set(
				r->err, DORN_EDATA,
				"%s:%u: '%.*s' in '%.*s' is %s%s, not a single record: "
				"use {{#%.*s}}...{{/%.*s}} and the short name inside",
				o, nd->line, (int)seg, name, nl, name, kind_name(v->kind),
				v->kind == V_LIST ? (v->n ? " of several elements" :
							   " with no elements") : "",
				(int)seg, name, (int)seg, name);
		v = find(v->items[0], name + from, len);
		seg = from + len;
	}
	if (!v)
		return dorn_err_set(r->err, DORN_EDATA,
				    "%s:%u: unknown name '%.*s': check the spelling "
				    "against dorn-template(5)",
				    o, nd->line, nl, name);
	found_val(f, v);
	return 0;
}

static int emit(struct render *r, const struct node *nd, const char *s,
		size_t n)
{
	if (n > MAX_OUT || r->out->len - r->start > (size_t)MAX_OUT - n)
		return dorn_err_set(r->err, DORN_EDATA,
				    "%s:%u: the text would grow beyond %d MiB: look for "
				    "a section that repeats more than it should",
				    r->t->origin, nd->line, MAX_OUT / (1024 * 1024));
	if (dorn_buf_add(r->out, s, n))
		return dorn_err_set(r->err, DORN_ENOMEM,
				    "out of memory while filling in %s", r->t->origin);
	return 0;
}

static int push(struct render *r, const struct dorn_tctx *ctx, const char *dot,
		size_t dotlen)
{
	/* Parsing limits nesting to MAX_DEPTH, so this cannot trip; it is
	 * here so the stack stays bounded whatever the node array says. */
	if (r->nf == MAX_DEPTH + 1)
		return dorn_err_set(r->err, DORN_EINTERNAL,
				    "%s: sections nested too deep", r->t->origin);
	r->f[r->nf].ctx = ctx;
	r->f[r->nf].dot = dot;
	r->f[r->nf].dotlen = dotlen;
	r->nf++;
	return 0;
}

static int not_text(struct render *r, const struct node *nd, enum vkind k)
{
	const char *name = r->t->text + nd->off;
	int nl = clip(name, nd->len, MSG_NAME);

	return dorn_err_set(r->err, DORN_EDATA,
			    "%s:%u: '%.*s' is %s, not text: use {{#%.*s}}...{{/%.*s}} "
			    "around what depends on it",
			    r->t->origin, nd->line, nl, name, kind_name(k), nl, name, nl, name);
}

static int render(struct render *r, size_t lo, size_t hi)
{
	const struct dorn_tmpl *t = r->t;
	struct found f;
	int rc;

	for (size_t i = lo; i < hi; i++) {
		const struct node *nd = &t->nodes[i];
		int empty;

		/* MAX_OUT bounds what is written, not the work: sections
		 * over a list nested in each other with nothing between them
		 * write nothing and repeat n^depth times. The shipped note with
		 * 50 items visits 3,600 nodes, its annex 2,300. */
		if (++r->steps > MAX_STEPS)
			return dorn_err_set(r->err, DORN_EDATA,
					    "%s:%u: filling in the template takes more than "
					    "%d steps: look for a section over a list nested "
					    "inside another one",
					    t->origin, nd->line, MAX_STEPS);
		switch (nd->type) {
		case N_TEXT:
			rc = emit(r, nd, t->text + nd->off, nd->len);
			if (rc)
				return rc;
			continue;
		case N_MARK: {
			const char mark[2] = { DORN_DOC_MARK, nd->mark };

			rc = emit(r, nd, mark, 2);
			if (rc)
				return rc;
			continue;
		}
		case N_VAR:
			rc = lookup(r, nd, &f);
			if (rc)
				return rc;
			if (f.kind != V_STR)
				return not_text(r, nd, f.kind);
			rc = emit(r, nd, f.s, f.len);
			if (rc)
				return rc;
			continue;
		case N_SECTION:
		case N_INVERTED:
			break;
		}
		rc = lookup(r, nd, &f);
		if (rc)
			return rc;
		empty = f.kind == V_STR ? f.len == 0 :
			f.kind == V_FLAG ? !f.on : f.v->n == 0;
		if (nd->type == N_INVERTED || f.kind == V_FLAG) {
			if (empty == (nd->type == N_INVERTED)) {
				rc = render(r, i + 1, nd->end);
				if (rc)
					return rc;
			}
		} else if (f.kind == V_STR) {
			if (!empty) {
				rc = push(r, NULL, f.s, f.len);
				if (!rc)
					rc = render(r, i + 1, nd->end);
				r->nf--;
				if (rc)
					return rc;
			}
		} else {
			for (size_t k = 0; k < f.v->n; k++) {
				rc = push(r, f.v->items[k], NULL, 0);
				if (!rc)
					rc = render(r, i + 1, nd->end);
				r->nf--;
				if (rc)
					return rc;
			}
		}
		i = nd->end - 1;
	}
	return 0;
}

int dorn_tmpl_render(const struct dorn_tmpl *t, const struct dorn_tctx *c,
		     struct dorn_buf *out, struct dorn_err *err)
{
	struct render r;
	int rc;

	if (!t || !c || !out)
		return dorn_err_set(err, DORN_EINTERNAL,
				    "dorn_tmpl_render called without a template, "
				    "values or buffer");
	r.t = t;
	r.out = out;
	r.start = out->len;
	r.err = err;
	r.nf = 0;
	r.steps = 0;
	push(&r, c, NULL, 0);
	rc = render(&r, 0, t->nn);
	if (rc) {
		/* Half a note is worse than none: leave out as it was. */
		out->len = r.start;
		if (out->p)
			out->p[out->len] = '\0';
	}
	return rc;
}

/* ---- wrapping ---- */

/* Width of a list marker at s ("- ", "* ", "12. ") with the blanks after
 * it, or 0 when the line does not start with one. */
static size_t bullet(const char *s, size_t n)
{
	size_t i = 0;

	if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') {
		i = 1;
	} else {
		while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == 0 || i + 1 >= n || s[i] != '.' || s[i + 1] != ' ')
			return 0;
		i++;
	}
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

static void trim_line(struct dorn_buf *out, size_t line_start)
{
	while (out->len > line_start && out->p[out->len - 1] == ' ')
		out->len--;
	if (out->p)
		out->p[out->len] = '\0';
}

static void wrap_line(const char *s, size_t n, size_t width,
		      struct dorn_buf *out)
{
	size_t i = 0, hang, col, line_start = out->len;
	int has_word = 0;

	while (i < n && s[i] == ' ')
		i++;
	i += bullet(s + i, n - i);
	/* Prefix bytes are ASCII, so bytes are columns. */
	hang = i;
	dorn_buf_add(out, s, i);
	col = hang;
	while (i < n) {
		size_t gap = i, w, ww;

		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		w = i;
		while (i < n && s[i] != ' ')
			i++;
		ww = dorn_text_width(s + w, i - w);
		if (!has_word) {
			dorn_buf_add(out, s + w, i - w);
			col += ww;
		} else if (col + (w - gap) + ww <= width) {
			dorn_buf_add(out, s + gap, i - gap);
			col += (w - gap) + ww;
		} else {
			trim_line(out, line_start);
			dorn_buf_putc(out, '\n');
			line_start = out->len;
			for (size_t k = 0; k < hang; k++)
				dorn_buf_putc(out, ' ');
			dorn_buf_add(out, s + w, i - w);
			col = hang + ww;
		}
		has_word = 1;
	}
	trim_line(out, line_start);
}

int dorn_text_wrap(const char *in, size_t width, struct dorn_buf *out)
{
	size_t n, i = 0;

	if (!in || !out)
		return DORN_EINTERNAL;
	n = strlen(in);
	while (i < n) {
		const char *nl = memchr(in + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - in) : n;

		wrap_line(in + i, end - i, width, out);
		if (nl)
			dorn_buf_putc(out, '\n');
		i = end + 1;
	}
	/* The buffer remembers a failed allocation, so one check covers
	 * every add above. */
	return out->oom ? DORN_ENOMEM : 0;
}
