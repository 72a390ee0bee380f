/* A generic INI reader with line numbers, used for dorn.ini, the data files
 * and case files.
 *
 * We read the file once, check every line and take the values ourselves,
 * so that every error names a line. The syntax is the one iniparser 4.1
 * reads (dorn used it until case files needed values longer than its
 * 1024-byte line buffer; tests/unit/test_config.c still checks that any
 * file both accept reads the same), minus its quirks. What we accept:
 *
 *  - At most 1 MiB of UTF-8 text: no byte order mark, no NUL byte, no
 *    control character other than tab (and CR just before LF). A line holds
 *    at most DORN_INI_LINE_MAX bytes: enough for the longest value a case
 *    file may hold (4000 bytes, every one of them a line break written \n)
 *    with its key and quotes, so no value is ever cut to fit a line; a
 *    longer line is refused, naming it.
 *  - Blank lines, and comment lines whose first non-blank character is ';'
 *    or '#'. A comment may also follow a value (see below), but not a
 *    [section] line.
 *  - "[name]" alone on its line; blanks around the name inside the
 *    brackets are ignored. A section name may hold single spaces between
 *    words, as case files' "[item 1]" do; a tab or two blanks in a row is
 *    an error, since "[item  1]" would otherwise be a different section
 *    from "[item 1]".
 *  - "name = value" inside a section. Names use ASCII letters, digits, '_',
 *    '-' and '.'; case does not matter and they are reported in lower case.
 *  - Values: blanks around them are removed. An unquoted value ends at the
 *    first ';' or '#', which starts a comment, so "a#b" reads "a" (and the
 *    entry says it was cut). A value in "double" or 'single' quotes runs to
 *    the next quote of the same kind and may hold ';', '#' and outer blanks;
 *    there are no escapes (a backslash is an ordinary character). "" and ''
 *    are empty. An unclosed quote, and anything but a comment after the
 *    closing one, is an error.
 *  - No continuation lines: a line ending in '\' is an error, because
 *    iniparser and many other INI readers join it with the next line, so
 *    the file would mean different things to different readers (and
 *    Windows paths end in one).
 *  - No section twice and no key twice in a section; at most
 *    INI_ITEMS_MAX sections and keys together.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dorn/buf.h"
#include "dorn/config.h"
#include "dorn/err.h"
#include "dorn/text.h"

#define INI_SIZE_MAX (1024 * 1024)
/* No real file needs more than a few hundred; a bound keeps a hostile file
 * of short lines cheap for every reader of dorn_ini_get, which is a linear
 * search. */
#define INI_ITEMS_MAX 10000
#define INI_NAME_SHOWN 60 /* bytes of a name quoted in a message */

/* Every string a struct dorn_ini hands out, freed together. */
struct owned {
	char **p;
	size_t n, cap;
	size_t sections_cap, lines_cap; /* of ini->sections, ini->section_lines */
};

/* "PATH:LINE: " + the rest, or "PATH: " when line is 0. */
__attribute__((format(printf, 5, 6)))
static int fail(struct dorn_err *err, int code, const char *path, int line,
		const char *fmt, ...)
{
	char what[DORN_ERR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (line > 0)
		return dorn_err_set(err, code, "%s:%d: %s", path, line, what);
	return dorn_err_set(err, code, "%s: %s", path, what);
}

/* Copy at most INI_NAME_SHOWN bytes of s, cut at a character boundary, for
 * quoting in a message; s has been checked to be UTF-8 whose only control
 * character can be tab, which becomes a space. */
static const char *shown(const char *s, char *out, size_t n)
{
	size_t len = strlen(s), max = n - 4;

	if (len <= max) {
		memcpy(out, s, len + 1);
	} else {
		while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
			max--;
		memcpy(out, s, max);
		memcpy(out + max, "...", 4);
	}
	for (char *p = out; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return out;
}

static char *own(struct dorn_ini *ini, const char *s, size_t len)
{
	struct owned *o = ini->priv;
	char *copy;

	if (dorn_grow(&o->p, &o->cap, o->n + 1, sizeof *o->p))
		return NULL;
	copy = malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	o->p[o->n++] = copy;
	return copy;
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		char c = *s;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
			return 0;
	}
	return 1;
}

/* Why a trimmed section name is not allowed ("what: what to do"), or NULL
 * when it is: the characters of a key name, plus single spaces between
 * them. */
static const char *bad_section_name(const char *s)
{
	if (!*s)
		return "may only use letters, digits, '_', '-', '.' and single spaces: rename it";
	for (const char *p = s; *p; p++) {
		if (*p == '\t')
			return "contains a tab: use a single space between words, as in [item 1]";
		if (*p == ' ' && p[1] == ' ')
			return "has two spaces in a row: use a single space between words, as in [item 1]";
		if (*p == ' ')
			continue;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '.'))
			return "may only use letters, digits, '_', '-', '.' and single spaces: rename it";
	}
	return NULL;
}

/* Trim blanks in place; returns the start. */
static char *trim(char *s)
{
	size_t len;

	while (is_blank(*s))
		s++;
	len = strlen(s);
	while (len > 0 && is_blank(s[len - 1]))
		s[--len] = '\0';
	return s;
}

/* Read the whole file (regular files only, at most INI_SIZE_MAX bytes).
 * O_NONBLOCK keeps open() from waiting on a FIFO; it is refused below. */
static int read_all(const char *path, struct dorn_buf *b, struct dorn_err *err)
{
	char chunk[65536];
	struct stat st;
	ssize_t got;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 || fstat(fd, &st) != 0) {
		rc = fail(err, DORN_ENOINPUT, path, 0,
			  "cannot read: %s: check the path", strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = fail(err, DORN_ENOINPUT, path, 0,
			  "is a folder, not a file: give the path of an INI file");
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = fail(err, DORN_ENOINPUT, path, 0,
			  "is not a regular file: give the path of an INI file");
		goto out;
	}
	for (;;) {
		got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = fail(err, DORN_ENOINPUT, path, 0,
				  "cannot read: %s: check the path", strerror(errno));
			goto out;
		}
		if (got == 0)
			break;
		if (b->len + (size_t)got > INI_SIZE_MAX) {
			rc = fail(err, DORN_EDATA, path, 0,
				  "is larger than 1 MiB: check that this is the right file");
			goto out;
		}
		if (dorn_buf_add(b, chunk, (size_t)got) != 0) {
			rc = fail(err, DORN_ENOMEM, path, 0,
				  "out of memory while reading: close other programs and try again");
			goto out;
		}
	}
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

/* The bytes of one line must be UTF-8 without NUL or control characters,
 * and not too long. line excludes the '\n'; a final '\r' is allowed. */
static int check_bytes(const char *path, int lineno, const char *line,
		       size_t len, struct dorn_err *err)
{
	const unsigned char *u = (const unsigned char *)line;

	if (memchr(line, '\0', len))
		return fail(err, DORN_EDATA, path, lineno,
			    "contains a NUL byte, so this is not a text file: check the path");
	if (!dorn_utf8_valid(line, len, NULL))
		return fail(err, DORN_EDATA, path, lineno,
			    "not valid UTF-8: save the file as UTF-8");
	if (len > 0 && line[len - 1] == '\r')
		len--;
	for (size_t i = 0; i < len; i++) {
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7F)
			return fail(err, DORN_EDATA, path, lineno,
				    "contains the control character 0x%02X: remove it",
				    u[i]);
		if (u[i] == 0xC2 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F)
			return fail(err, DORN_EDATA, path, lineno,
				    "contains the control character U+%04X: remove it",
				    u[i + 1]);
	}
	if (len > DORN_INI_LINE_MAX)
		return fail(err, DORN_EDATA, path, lineno,
			    "line is %zu bytes long, the limit is %d: shorten it",
			    len, DORN_INI_LINE_MAX);
	return 0;
}

/* A quoted value must be closed, and only a comment may follow it. */
static int check_value(const char *path, int lineno, const char *v,
		       struct dorn_err *err)
{
	const char *endq;

	if (*v != '"' && *v != '\'')
		return 0;
	endq = strchr(v + 1, *v);
	if (!endq)
		return fail(err, DORN_EDATA, path, lineno,
			    "the quote %c is not closed: add a closing %c at the end of the value",
			    *v, *v);
	endq++;
	while (is_blank(*endq))
		endq++;
	if (*endq && *endq != ';' && *endq != '#')
		return fail(err, DORN_EDATA, path, lineno,
			    "text after the closing quote: put it inside the quotes or start a comment with ';'");
	return 0;
}

/* The value check_value accepted, as the rules at the top of this file
 * read it, in place. *cut says a ';' or '#' ended an unquoted value. */
static char *value_of(char *v, int *cut)
{
	char *end;

	*cut = 0;
	if (*v == '"' || *v == '\'') {
		end = strchr(v + 1, *v);
		*end = '\0';
		return v + 1;
	}
	end = v + strcspn(v, ";#");
	*cut = *end != '\0';
	*end = '\0';
	return trim(v);
}

static int add_section(struct dorn_ini *ini, const char *name, int lineno)
{
	struct owned *o = ini->priv;
	char *copy;

	if (dorn_grow(&ini->sections, &o->sections_cap, ini->nsections + 1,
		      sizeof *ini->sections) ||
	    dorn_grow(&ini->section_lines, &o->lines_cap, ini->nsections + 1,
		      sizeof *ini->section_lines))
		return DORN_ENOMEM;
	copy = own(ini, name, strlen(name));
	if (!copy)
		return DORN_ENOMEM;
	lower(copy);
	ini->sections[ini->nsections] = copy;
	ini->section_lines[ini->nsections] = lineno;
	ini->nsections++;
	return 0;
}

static int add_entry(struct dorn_ini *ini, size_t *cap, const char *section,
		     const char *key, const char *value, int cut, int lineno)
{
	struct dorn_ini_entry *e;
	char *copy, *vcopy;

	if (dorn_grow(&ini->entries, cap, ini->n + 1, sizeof *ini->entries))
		return DORN_ENOMEM;
	copy = own(ini, key, strlen(key));
	vcopy = copy ? own(ini, value, strlen(value)) : NULL;
	if (!vcopy)
		return DORN_ENOMEM;
	lower(copy);
	e = &ini->entries[ini->n++];
	e->section = section;
	e->key = copy;
	e->value = vcopy;
	e->line = lineno;
	e->cut = cut;
	return 0;
}

/* One line's syntax; line is NUL-terminated, without its line end. */
static int scan_line(struct dorn_ini *ini, size_t *cap, int lineno, char *line,
		     struct dorn_err *err)
{
	const char *path = ini->path;
	char name[INI_NAME_SHOWN + 4];
	char *s = trim(line), *eq, *key, *value;
	const char *why;
	size_t len = strlen(s);
	int cut;

	/* Readers that join such lines do so before they look for comments,
	 * so this holds for comment lines too. */
	if (len > 0 && s[len - 1] == '\\')
		return fail(err, DORN_EDATA, path, lineno,
			    "line ends with '\\' (continuation lines are not supported): join it with the next line");
	if (len == 0 || s[0] == ';' || s[0] == '#')
		return 0;
	if (ini->n + ini->nsections >= INI_ITEMS_MAX)
		return fail(err, DORN_EDATA, path, lineno,
			    "more than %d sections and keys: split the file",
			    INI_ITEMS_MAX);
	if (s[0] == '[') {
		char *endq = strchr(s, ']');

		if (!endq)
			return fail(err, DORN_EDATA, path, lineno,
				    "section name has no closing ']': write it as [name]");
		if (endq[1] != '\0')
			return fail(err, DORN_EDATA, path, lineno,
				    "text after ']': put the section name alone on its line, as [name]");
		*endq = '\0';
		s = trim(s + 1);
		why = bad_section_name(s);
		if (why)
			return fail(err, DORN_EDATA, path, lineno,
				    "section name [%s] %s",
				    shown(s, name, sizeof name), why);
		if (add_section(ini, s, lineno))
			return fail(err, DORN_ENOMEM, path, lineno,
				    "out of memory: close other programs and try again");
		return 0;
	}
	eq = strchr(s, '=');
	if (!eq)
		return fail(err, DORN_EDATA, path, lineno,
			    "this line is not a [section], a key = value or a comment: correct it, or start it with ';' to make it a comment");
	*eq = '\0';
	key = trim(s);
	if (!valid_name(key))
		return fail(err, DORN_EDATA, path, lineno,
			    "key name '%s' may only use letters, digits, '_', '-' and '.': rename it",
			    shown(key, name, sizeof name));
	if (ini->nsections == 0)
		return fail(err, DORN_EDATA, path, lineno,
			    "key '%s' is outside any section: put a [section] line above it",
			    shown(key, name, sizeof name));
	value = trim(eq + 1);
	if (check_value(path, lineno, value, err))
		return DORN_EDATA;
	/* Say so when a comment cut an unquoted value: callers that hold
	 * people's words must not lose the rest of the line silently. */
	value = value_of(value, &cut);
	if (add_entry(ini, cap, ini->sections[ini->nsections - 1], key, value, cut, lineno))
		return fail(err, DORN_ENOMEM, path, lineno,
			    "out of memory: close other programs and try again");
	return 0;
}

static int scan(struct dorn_ini *ini, const char *text, size_t size,
		struct dorn_err *err)
{
	char line[DORN_INI_LINE_MAX + 2];
	size_t pos = 0, cap = 0, raw, len;
	const char *end;
	int lineno = 0, rc;

	if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		return fail(err, DORN_EDATA, ini->path, 1,
			    "the file starts with a byte order mark: save it as UTF-8 without BOM");
	while (pos < size) {
		lineno++;
		end = memchr(text + pos, '\n', size - pos);
		raw = end ? (size_t)(end - (text + pos)) : size - pos;
		rc = check_bytes(ini->path, lineno, text + pos, raw, err);
		if (rc)
			return rc;
		len = raw;
		if (len > 0 && text[pos + len - 1] == '\r')
			len--;
		memcpy(line, text + pos, len); /* check_bytes keeps len in bounds */
		line[len] = '\0';
		rc = scan_line(ini, &cap, lineno, line, err);
		if (rc)
			return rc;
		pos += raw + (end ? 1 : 0);
	}
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct dorn_ini_entry *x = *(const struct dorn_ini_entry *const *)a;
	const struct dorn_ini_entry *y = *(const struct dorn_ini_entry *const *)b;
	int c = strcmp(x->section, y->section);

	if (!c)
		c = strcmp(x->key, y->key);
	if (!c)
		c = (x->line > y->line) - (x->line < y->line);
	return c;
}

/* A section name and its line, sorted to find repeats. */
struct secref {
	const char *name;
	int line;
};

static int cmp_secref(const void *a, const void *b)
{
	const struct secref *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (!c)
		c = (x->line > y->line) - (x->line < y->line);
	return c;
}

/* Report the earliest repeated section or key, naming both lines. */
static int check_duplicates(const struct dorn_ini *ini, struct dorn_err *err)
{
	const struct dorn_ini_entry **byname = NULL;
	struct secref *secs = NULL;
	const struct dorn_ini_entry *dup = NULL, *first = NULL;
	int dupsec = 0, firstsec = 0;
	const char *dupname = NULL;
	int rc = 0;

	secs = malloc((ini->nsections + 1) * sizeof *secs);
	byname = malloc((ini->n + 1) * sizeof *byname);
	if (!secs || !byname) {
		rc = fail(err, DORN_ENOMEM, ini->path, 0,
			  "out of memory: close other programs and try again");
		goto out;
	}
	for (size_t i = 0; i < ini->nsections; i++) {
		secs[i].name = ini->sections[i];
		secs[i].line = ini->section_lines[i];
	}
	qsort(secs, ini->nsections, sizeof *secs, cmp_secref);
	for (size_t i = 1; i < ini->nsections; i++)
		if (!strcmp(secs[i].name, secs[i - 1].name) &&
		    (!dupsec || secs[i].line < dupsec)) {
			dupsec = secs[i].line;
			firstsec = secs[i - 1].line;
			dupname = secs[i].name;
		}
	if (dupsec) {
		rc = fail(err, DORN_EDATA, ini->path, dupsec,
			  "section [%s] appears twice: merge it with the one on line %d",
			  dupname, firstsec);
		goto out;
	}
	for (size_t i = 0; i < ini->n; i++)
		byname[i] = &ini->entries[i];
	qsort(byname, ini->n, sizeof *byname, cmp_entry);
	for (size_t i = 1; i < ini->n; i++)
		if (!strcmp(byname[i]->section, byname[i - 1]->section) &&
		    !strcmp(byname[i]->key, byname[i - 1]->key) &&
		    (!dup || byname[i]->line < dup->line)) {
			dup = byname[i];
			first = byname[i - 1];
		}
	if (dup) {
		char name[INI_NAME_SHOWN + 4];

		rc = fail(err, DORN_EDATA, ini->path, dup->line,
			  "'%s' appears twice in [%s]: keep one (the other is on line %d)",
			  shown(dup->key, name, sizeof name), dup->section, first->line);
		goto out;
	}
out:
	free(secs);
	free(byname);
	return rc;
}

/* A file name dorn can quote in a message: UTF-8 without control
 * characters. */
static int path_ok(const char *path, struct dorn_err *err)
{
	if (dorn_utf8_valid(path, strlen(path), NULL) && !dorn_text_has_control(path, 0))
		return 1;
	dorn_err_set(err, DORN_ENOINPUT,
		     "a file name is not UTF-8 or holds control characters: rename the file");
	return 0;
}

int dorn_config_read_text(const char *path, struct dorn_buf *out, struct dorn_err *err)
{
	size_t before = out->len;
	int rc;

	if (!path_ok(path, err))
		return DORN_ENOINPUT;
	rc = read_all(path, out, err);
	if (rc && out->p) {
		out->len = before;
		out->p[before] = '\0';
	}
	return rc;
}

int dorn_ini_load(const char *path, struct dorn_ini **out, struct dorn_err *err)
{
	struct dorn_buf text;
	struct dorn_ini *ini = NULL;
	int rc = 0;

	dorn_buf_init(&text);
	*out = NULL;
	if (!path_ok(path, err)) {
		rc = DORN_ENOINPUT;
		goto out;
	}
	ini = calloc(1, sizeof *ini);
	if (ini)
		ini->priv = calloc(1, sizeof(struct owned));
	if (ini && ini->priv)
		ini->path = strdup(path);
	if (!ini || !ini->priv || !ini->path) {
		rc = fail(err, DORN_ENOMEM, path, 0,
			  "out of memory: close other programs and try again");
		goto out;
	}
	rc = read_all(path, &text, err);
	if (rc)
		goto out;
	rc = scan(ini, dorn_buf_str(&text), text.len, err);
	if (rc)
		goto out;
	rc = check_duplicates(ini, err);
out:
	dorn_buf_fini(&text);
	if (rc) {
		dorn_ini_free(ini);
		ini = NULL;
	}
	*out = ini;
	return rc;
}

void dorn_ini_free(struct dorn_ini *ini)
{
	struct owned *o;

	if (!ini)
		return;
	o = ini->priv;
	if (o) {
		for (size_t i = 0; i < o->n; i++)
			free(o->p[i]);
		free(o->p);
		free(o);
	}
	free(ini->entries);
	free(ini->sections);
	free(ini->section_lines);
	free(ini->path);
	free(ini);
}

const struct dorn_ini_entry *dorn_ini_get(const struct dorn_ini *ini,
					  const char *section, const char *key)
{
	if (!ini)
		return NULL;
	for (size_t i = 0; i < ini->n; i++)
		if (!strcmp(ini->entries[i].section, section) &&
		    !strcmp(ini->entries[i].key, key))
			return &ini->entries[i];
	return NULL;
}

int dorn_ini_section_line(const struct dorn_ini *ini, const char *section)
{
	if (!ini)
		return 0;
	for (size_t i = 0; i < ini->nsections; i++)
		if (!strcmp(ini->sections[i], section))
			return ini->section_lines[i];
	return 0;
}
