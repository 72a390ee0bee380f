/* Configuration: one table of keys drives the defaults, the allow-list,
 * loading, the documentation rows and the tests; the search order for
 * dorn.ini; and the data folder. Files are read by the INI reader in ini.c.
 * Every error is DORN_ECONFIG with "FILE:LINE: what is wrong: what to do". */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dorn/config.h"
#include "dorn/err.h"
#include "dorn/text.h"

#ifndef DORN_DATADIR
#define DORN_DATADIR "/usr/local/share/dorn"
#endif

#define SYSTEM_CONFIG "/etc/dorn/dorn.ini"
#define VALUE_SHOWN 60 /* bytes of a value quoted in a message */

enum kind {
	K_STR,     /* text up to the field's size - 1 bytes */
	K_PATH,    /* an absolute path; "~/" is $HOME */
	K_INT,     /* a whole number from min to max */
	K_COLOR,   /* auto | never */
	K_BOOL,    /* yes | no (true/false, on/off, 1/0) */
	K_FORMATS, /* a comma-separated subset of txt, pdf, json */
	K_FONT,    /* a font family, or (holding a '/') a font file as K_PATH */
};

/* The one table: section, key, kind, may it be empty, min, max, unit of a
 * number, field, default as written in data/dorn.ini, one line of help. */
#define CONFIG_KEYS(X)                                                        \
	X("database", "path", K_PATH, 1, 0, 0, NULL, db_path, "",             \
	  "database file; empty means $XDG_DATA_HOME/dorn/dorn.db")           \
	X("database", "url", K_STR, 1, 0, 0, NULL, db_url, "",                \
	  "a PostgreSQL server (postgresql://... or service=NAME); empty: the file") \
	X("database", "unit", K_STR, 1, 0, 0, NULL, db_unit, "",              \
	  "on a server: the unit new cases belong to, when you are in several") \
	X("database", "busy_timeout_ms", K_INT, 0, 0, 600000, "milliseconds", \
	  busy_timeout_ms, "5000",                                            \
	  "how long to wait while another dorn is writing to the database")   \
	X("unit", "name", K_STR, 1, 0, 0, NULL, unit_name, "",                \
	  "name of the witness care unit, printed on notes")                  \
	X("unit", "area", K_STR, 1, 0, 0, NULL, unit_area, "",                \
	  "police area of the unit, printed on notes")                        \
	X("unit", "phone", K_STR, 1, 0, 0, NULL, unit_phone, "",              \
	  "the unit's direct phone number, under From: on notes")             \
	X("unit", "email", K_STR, 1, 0, 0, NULL, unit_email, "",              \
	  "the unit's email address, under From: on notes")                   \
	X("note", "urgent_days", K_INT, 0, 1, 365, "days", urgent_days, "14", \
	  "a case is urgent when sentencing is at most this many days away")  \
	X("note", "template", K_PATH, 1, 0, 0, NULL, note_template, "",       \
	  "note template; empty means the built-in templates/note.txt")       \
	X("note", "order_template", K_PATH, 1, 0, 0, NULL, order_template, "", \
	  "annex template; empty means the built-in templates/order.txt")     \
	X("export", "dir", K_PATH, 1, 0, 0, NULL, export_dir, "",             \
	  "folder for exports; empty means $XDG_DATA_HOME/dorn/export")       \
	X("export", "formats", K_FORMATS, 0, 0, 0, NULL, export_formats,      \
	  "txt,pdf,json", "formats dorn export writes: txt, pdf, json")       \
	X("export", "recipient", K_STR, 0, 0, 0, NULL, export_recipient,      \
	  "CPS prosecutor", "who exported notes are addressed to")            \
	X("export", "pdf_font", K_FONT, 0, 0, 0, NULL, pdf_font,              \
	  "DejaVu Sans",                                                      \
	  "font of PDF exports: a family (see fc-list) or a font file")       \
	X("ui", "color", K_COLOR, 0, 0, 0, NULL, color, "auto",               \
	  "auto: colour on colour terminals unless NO_COLOR is set; never")   \
	X("ui", "ascii", K_BOOL, 0, 0, 0, NULL, ascii, "no",                  \
	  "yes: draw lines and marks with ASCII characters only")             \
	X("retention", "told_days", K_INT, 0, 1, 3650, "days", retain_told_days, \
	  "90", "review a case this many days after the victim was told of the outcome") \
	X("retention", "contact_days", K_INT, 0, 1, 3650, "days",             \
	  retain_contact_days, "365",                                         \
	  "review a case with a note, not yet told, this long after its last change") \
	X("retention", "no_note_days", K_INT, 0, 1, 3650, "days",             \
	  retain_no_note_days, "180",                                         \
	  "review a case with no note this many days after it was recorded") \
	X("figures", "suppress_below", K_INT, 0, 0, 100, "cases",             \
	  figures_suppress_below, "5",                                        \
	  "exports show counts from 1 to this minus 1 as fewer than this; 0: none")

#define PUBLIC_ROW(sec, key, kind, empty, min, max, unit, field, def, doc) \
	{ sec, key, def, doc },
#define SPEC_ROW(sec, key, kind, empty, min, max, unit, field, def, doc)   \
	{ kind, empty, min, max, unit, offsetof(struct dorn_config, field),  \
	  sizeof(((struct dorn_config *)0)->field) },

static const struct dorn_config_key keys[] = { CONFIG_KEYS(PUBLIC_ROW) };

static const struct spec {
	enum kind kind;
	int empty_ok;
	long min, max;
	const char *unit;
	size_t off, size;
} specs[] = { CONFIG_KEYS(SPEC_ROW) };

#define NKEYS (sizeof keys / sizeof keys[0])
_Static_assert(sizeof specs / sizeof specs[0] == NKEYS, "one table");

static const struct {
	const char *name;
	unsigned bit;
} formats[] = {
	{ "txt", DORN_FMT_TXT },
	{ "pdf", DORN_FMT_PDF },
	{ "json", DORN_FMT_JSON },
};

static const struct {
	const char *word;
	int value;
} booleans[] = {
	{ "yes", 1 }, { "true", 1 }, { "on", 1 }, { "1", 1 },
	{ "no", 0 },  { "false", 0 }, { "off", 0 }, { "0", 0 },
};

const struct dorn_config_key *dorn_config_keys(size_t *n)
{
	if (n)
		*n = NKEYS;
	return keys;
}

/* The file that marks a data folder: every case needs it. */
#define DATADIR_MARK "offences.ini"

static int holds_mark(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, DATADIR_MARK) >= sizeof path)
		return 0;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* <folder of the running executable>/data, or "" when unknown. */
static void beside_exe(char *out, size_t n)
{
	char exe[PATH_MAX], *slash;
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);

	out[0] = '\0';
	if (len <= 0)
		return;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	if ((size_t)snprintf(out, n, "%s/data", exe) >= n)
		out[0] = '\0';
}

const char *dorn_config_datadir_from(enum dorn_datadir_from *from)
{
	static char beside[PATH_MAX];
	const char *d = getenv("DORN_DATADIR");
	enum dorn_datadir_from f;

	if (d && *d) {
		f = DORN_DATADIR_ENV;
	} else if (holds_mark(DORN_DATADIR)) {
		d = DORN_DATADIR;
		f = DORN_DATADIR_INSTALLED;
	} else {
		beside_exe(beside, sizeof beside);
		if (beside[0] && holds_mark(beside)) {
			d = beside;
			f = DORN_DATADIR_BESIDE;
		} else {
			d = DORN_DATADIR;
			f = DORN_DATADIR_NONE;
		}
	}
	if (from)
		*from = f;
	return d;
}

const char *dorn_config_datadir(void)
{
	return dorn_config_datadir_from(NULL);
}

const char *dorn_config_datadir_how(enum dorn_datadir_from from)
{
	switch (from) {
	case DORN_DATADIR_ENV: return "from DORN_DATADIR";
	case DORN_DATADIR_INSTALLED: return "installed";
	case DORN_DATADIR_BESIDE: return "beside the program";
	default: return "not found";
	}
}

int dorn_config_datadir_check(struct dorn_err *err)
{
	enum dorn_datadir_from from;
	const char *d = dorn_config_datadir_from(&from);
	char beside[PATH_MAX];

	if (holds_mark(d))
		return 0;
	if (from == DORN_DATADIR_ENV)
		return dorn_err_set(err, DORN_ECONFIG,
				    "DORN_DATADIR is %s, which has no %s: set DORN_DATADIR to "
				    "dorn's data folder (data in the source tree), or unset it "
				    "after make install", d, DATADIR_MARK);
	beside_exe(beside, sizeof beside);
	return dorn_err_set(err, DORN_ECONFIG,
			    "no data folder: neither %s nor %s has %s: run make install, "
			    "or set DORN_DATADIR to dorn's data folder (data in the source "
			    "tree)", d, beside[0] ? beside : "data beside the program",
			    DATADIR_MARK);
}

/* At most VALUE_SHOWN bytes of s, cut at a character boundary. */
static const char *shown(const char *s, char *out, size_t n)
{
	size_t len = strlen(s), max = n - 4;

	if (len <= max) {
		memcpy(out, s, len + 1);
		return out;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	memcpy(out, s, max);
	memcpy(out + max, "...", 4);
	return out;
}

static int fits(const char *s, size_t size)
{
	return strlen(s) < size;
}

/* 0 and *out, or -1 when s is not a whole number, -2 when it overflows. */
static int parse_long(const char *s, long *out)
{
	const char *p = s;
	char *end;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	if (errno == ERANGE)
		return -2;
	return *end ? -1 : 0;
}

static int set_path(const struct spec *sp, const char *v, char *field,
		    char *why, size_t n)
{
	const char *home = getenv("HOME");
	size_t hlen;

	if (!*v) {
		if (!sp->empty_ok) {
			snprintf(why, n, "is empty: give a full path, or remove the line to use the default");
			return -1;
		}
		field[0] = '\0';
		return 0;
	}
	if (v[0] == '~' && (v[1] == '/' || v[1] == '\0')) {
		if (!home || home[0] != '/' || dorn_text_has_control(home, 0) ||
		    !dorn_utf8_valid(home, strlen(home), NULL)) {
			snprintf(why, n, "starts with ~ but HOME is not set to a usable folder: write the full path");
			return -1;
		}
		hlen = strlen(home);
		while (hlen > 1 && home[hlen - 1] == '/')
			hlen--;
		if (hlen + strlen(v + 1) >= sp->size) {
			snprintf(why, n, "is too long: use a path under %zu bytes", sp->size);
			return -1;
		}
		memcpy(field, home, hlen);
		strcpy(field + hlen, hlen == 1 && v[1] == '/' ? v + 2 : v + 1);
		return 0;
	}
	if (v[0] != '/') {
		snprintf(why, n, "is not a full path: start it with / or ~/");
		return -1;
	}
	if (!fits(v, sp->size)) {
		snprintf(why, n, "is too long: use a path under %zu bytes", sp->size);
		return -1;
	}
	strcpy(field, v);
	return 0;
}

#define FAMILY_MAX 200 /* bytes of a font family's name */

/* A font file when it holds a '/' (a full path, or one from "~/"), else a
 * font family: whether the family is installed is asked of fontconfig
 * when a PDF is made, not here (dorn.ini is read for every command). */
static int set_font(const struct spec *sp, const char *v, char *field, char *why, size_t n)
{
	if (strchr(v, '/'))
		return set_path(sp, v, field, why, n);
	if (!*v) {
		snprintf(why, n, "is empty: name a font family (fc-list shows them) or a font "
			 "file, or remove the line to use DejaVu Sans");
		return -1;
	}
	if (strlen(v) > FAMILY_MAX) {
		snprintf(why, n, "is %zu bytes long, a font family's name is at most %d: name "
			 "the family as fc-list shows it, or a font file", strlen(v), FAMILY_MAX);
		return -1;
	}
	strcpy(field, v);
	return 0;
}

static int set_formats(const char *v, unsigned *bits, char *why, size_t n)
{
	char item[VALUE_SHOWN + 4], shownv[VALUE_SHOWN + 4];
	const char *p = v, *end, *a, *b;
	unsigned acc = 0;
	size_t i;

	for (;;) {
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		for (a = p; a < end && (*a == ' ' || *a == '\t'); a++)
			;
		for (b = end; b > a && (b[-1] == ' ' || b[-1] == '\t'); b--)
			;
		if (a == b) {
			snprintf(why, n, "has an empty item: use one or more of txt, pdf, json, separated by commas");
			return -1;
		}
		for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
			if ((size_t)(b - a) == strlen(formats[i].name) &&
			    !strncasecmp(a, formats[i].name, (size_t)(b - a)))
				break;
		if (i == sizeof formats / sizeof formats[0]) {
			/* One byte more than is shown, so that shown() cuts
			 * at a character boundary and marks the cut. */
			size_t len = (size_t)(b - a) <= VALUE_SHOWN ? (size_t)(b - a) : VALUE_SHOWN + 1;

			memcpy(item, a, len);
			item[len] = '\0';
			snprintf(why, n, "names '%s', which is not a format: use one or more of txt, pdf, json, separated by commas",
				 shown(item, shownv, sizeof shownv));
			return -1;
		}
		acc |= formats[i].bit;
		if (!*end)
			break;
		p = end + 1;
	}
	*bits = acc;
	return 0;
}

/* Set key i from text v. On error, why gets "what is wrong: what to do"
 * to follow "[section] key = 'value' " or "[section] key ". */
static int set_value(struct dorn_config *cfg, size_t i, const char *v,
		     char *why, size_t n)
{
	const struct spec *sp = &specs[i];
	char *base = (char *)cfg + sp->off;
	long num;
	int r;

	switch (sp->kind) {
	case K_STR:
		if (!*v && !sp->empty_ok) {
			snprintf(why, n, "is empty: write a value, or remove the line to use the default");
			return -1;
		}
		if (!fits(v, sp->size)) {
			snprintf(why, n, "is %zu bytes long, the limit is %zu: shorten it",
				 strlen(v), sp->size - 1);
			return -1;
		}
		strcpy(base, v);
		return 0;
	case K_PATH:
		return set_path(sp, v, base, why, n);
	case K_FONT:
		return set_font(sp, v, base, why, n);
	case K_INT:
		r = parse_long(v, &num);
		if (r == -1) {
			snprintf(why, n, "is not a whole number: use a number of %s from %ld to %ld",
				 sp->unit, sp->min, sp->max);
			return -1;
		}
		if (r == -2 || num < sp->min || num > sp->max) {
			snprintf(why, n, "is out of range: use a number of %s from %ld to %ld",
				 sp->unit, sp->min, sp->max);
			return -1;
		}
		*(int *)(void *)base = (int)num;
		return 0;
	case K_COLOR:
		if (!strcasecmp(v, "auto")) {
			*(int *)(void *)base = DORN_COLOR_AUTO;
			return 0;
		}
		if (!strcasecmp(v, "never")) {
			*(int *)(void *)base = DORN_COLOR_NEVER;
			return 0;
		}
		snprintf(why, n, "is not allowed: use auto or never");
		return -1;
	case K_BOOL:
		for (size_t j = 0; j < sizeof booleans / sizeof booleans[0]; j++)
			if (!strcasecmp(v, booleans[j].word)) {
				*(int *)(void *)base = booleans[j].value;
				return 0;
			}
		snprintf(why, n, "is not allowed: use yes or no");
		return -1;
	case K_FORMATS:
		if (!*v) {
			snprintf(why, n, "is empty: use one or more of txt, pdf, json, separated by commas");
			return -1;
		}
		return set_formats(v, (unsigned *)(void *)base, why, n);
	}
	snprintf(why, n, "has an unknown type: this is a bug in dorn");
	return -1;
}

void dorn_config_defaults(struct dorn_config *cfg)
{
	char why[256];

	memset(cfg, 0, sizeof *cfg);
	/* The defaults go through the same parser as a file; the unit tests
	 * check that every one of them is accepted. */
	for (size_t i = 0; i < NKEYS; i++)
		set_value(cfg, i, keys[i].default_text, why, sizeof why);
}

static int known_section(const char *s)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].section, s))
			return 1;
	return 0;
}

static int unknown_section(const char *path, int line, const char *s,
			   struct dorn_err *err)
{
	char list[256] = "";
	size_t len = 0;

	for (size_t i = 0; i < NKEYS; i++) {
		if (i > 0 && !strcmp(keys[i].section, keys[i - 1].section))
			continue;
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
					len ? ", " : "", keys[i].section);
	}
	return dorn_err_set(err, DORN_ECONFIG,
			    "%s:%d: unknown section [%s]: the sections are %s",
			    path, line, s, list);
}

static int unknown_key(const char *path, int line, const char *s,
		       const char *k, struct dorn_err *err)
{
	char list[256] = "";
	size_t len = 0;

	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].section, s))
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
						len ? ", " : "", keys[i].key);
	return dorn_err_set(err, DORN_ECONFIG,
			    "%s:%d: unknown key '%s' in [%s]: the keys of [%s] are %s",
			    path, line, k, s, s, list);
}

/* Keys that were renamed: a file written for an older dorn still loads,
 * and the old name sets what the new one does (dorn.ini(5) says so).
 * review_days named one retention period before there were three rules;
 * its default (180) is no_note_days'. */
static const struct {
	const char *section, *old, *key;
} renamed[] = {
	{ "retention", "review_days", "no_note_days" },
};

static const char *current_name(const char *section, const char *key)
{
	for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
		if (!strcmp(renamed[i].section, section) && !strcmp(renamed[i].old, key))
			return renamed[i].key;
	return key;
}

/* A file giving a key under both its names would leave which one counts
 * to the order of the lines: refused, as a key given twice is. */
static int renamed_twice(const struct dorn_ini *ini, const char *path, struct dorn_err *err)
{
	for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++) {
		const struct dorn_ini_entry *a = dorn_ini_get(ini, renamed[i].section, renamed[i].old);
		const struct dorn_ini_entry *b = dorn_ini_get(ini, renamed[i].section, renamed[i].key);

		if (a && b)
			return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] %s is the old name of "
					    "%s, which is on line %d too: keep %s only", path,
					    a->line > b->line ? a->line : b->line, renamed[i].section,
					    renamed[i].old, renamed[i].key, b->line, renamed[i].key);
	}
	return 0;
}

/* Check and set one entry of the file. */
static int apply_entry(struct dorn_config *cfg, const char *path,
		       const struct dorn_ini_entry *e, struct dorn_err *err)
{
	char why[DORN_ERR_MSG / 2], v[VALUE_SHOWN + 4];
	const char *key = current_name(e->section, e->key);
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].section, e->section) && !strcmp(keys[i].key, key))
			break;
	if (i == NKEYS)
		return unknown_key(path, e->line, e->section, e->key, err);
	if (!dorn_utf8_valid(e->value, strlen(e->value), NULL) ||
	    dorn_text_has_control(e->value, 0))
		return dorn_err_set(err, DORN_ECONFIG,
				    "%s:%d: [%s] %s contains a tab or control character: remove it",
				    path, e->line, e->section, e->key);
	if (set_value(cfg, i, e->value, why, sizeof why) == 0)
		return 0;
	return dorn_err_set(err, DORN_ECONFIG, "%s:%d: [%s] %s = '%s' %s", path,
			    e->line, e->section, e->key, shown(e->value, v, sizeof v),
			    why);
}

int dorn_config_load_file(struct dorn_config *cfg, const char *path,
			  struct dorn_err *err)
{
	struct dorn_ini *ini = NULL;
	struct dorn_config *tmp = NULL;
	int first_bad = INT_MAX, rc;
	const char *bad = NULL;

	rc = dorn_ini_load(path, &ini, err);
	if (rc) {
		/* The reader says DORN_ENOINPUT or DORN_EDATA; for a
		 * configuration file both mean exit 78. */
		if (err)
			err->code = DORN_ECONFIG;
		rc = DORN_ECONFIG;
		goto out;
	}
	if (!fits(path, sizeof cfg->source)) {
		rc = dorn_err_set(err, DORN_ECONFIG, "%s: the path is too long: move the file", path);
		goto out;
	}
	/* Work on a copy, so that cfg is unchanged when the file is bad. */
	tmp = malloc(sizeof *tmp);
	if (!tmp) {
		rc = dorn_err_set(err, DORN_ECONFIG, "%s: out of memory: close other programs and try again", path);
		goto out;
	}
	*tmp = *cfg;
	for (size_t i = 0; i < ini->nsections; i++)
		if (!known_section(ini->sections[i]) && ini->section_lines[i] < first_bad) {
			first_bad = ini->section_lines[i];
			bad = ini->sections[i];
		}
	rc = renamed_twice(ini, path, err);
	if (rc)
		goto out;
	/* Report problems in file order: keys before the first unknown
	 * section are checked first. */
	for (size_t i = 0; i < ini->n && ini->entries[i].line < first_bad; i++) {
		rc = apply_entry(tmp, path, &ini->entries[i], err);
		if (rc)
			goto out;
	}
	if (bad) {
		rc = unknown_section(path, first_bad, bad, err);
		goto out;
	}
	strcpy(tmp->source, path);
	*cfg = *tmp;
out:
	free(tmp);
	dorn_ini_free(ini);
	return rc;
}

/* Load path when it exists; an absent file is skipped silently. */
static int load_optional(struct dorn_config *cfg, const char *path, int *done,
			 struct dorn_err *err)
{
	struct stat st;

	if (stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR))
		return 0;
	*done = 1;
	return dorn_config_load_file(cfg, path, err);
}

int dorn_config_load(struct dorn_config *cfg, const char *explicit_path,
		     struct dorn_err *err)
{
	const char *env = getenv("DORN_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char user[PATH_MAX];
	int done = 0, rc = 0, n = -1;

	dorn_config_defaults(cfg);
	if (explicit_path && *explicit_path)
		return dorn_config_load_file(cfg, explicit_path, err);
	if (env && *env)
		return dorn_config_load_file(cfg, env, err);

	/* The XDG base directory rules ignore a relative XDG_CONFIG_HOME. */
	if (xdg && xdg[0] == '/')
		n = snprintf(user, sizeof user, "%s/dorn/dorn.ini", xdg);
	else if (home && home[0] == '/')
		n = snprintf(user, sizeof user, "%s/.config/dorn/dorn.ini", home);
	if (n >= (int)sizeof user)
		return dorn_err_set(err, DORN_ECONFIG,
				    "XDG_CONFIG_HOME or HOME is too long: use a shorter path, or give --config");
	if (n > 0) {
		rc = load_optional(cfg, user, &done, err);
		if (rc || done)
			return rc;
	}
	return load_optional(cfg, SYSTEM_CONFIG, &done, err);
}

int dorn_config_load_system(struct dorn_config *cfg, struct dorn_err *err)
{
	int done = 0;

	dorn_config_defaults(cfg);
	return load_optional(cfg, SYSTEM_CONFIG, &done, err);
}
