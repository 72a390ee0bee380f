/* Configuration: search order, an allow-list of keys, defaults, and a
 * generic line-numbered INI reader (also used for case files). */
#ifndef DORN_CONFIG_H
#define DORN_CONFIG_H

#include <limits.h>
#include <stddef.h>

struct dorn_err;

enum dorn_color { DORN_COLOR_AUTO = 0, DORN_COLOR_NEVER = 1 };

enum dorn_format_bits {
	DORN_FMT_TXT = 1,
	DORN_FMT_PDF = 2,
	DORN_FMT_JSON = 4,
};

struct dorn_config {
	/* [database] */
	char db_path[PATH_MAX];     /* "" means the XDG default */
	char db_url[1024];          /* a PostgreSQL server; "" means the file */
	char db_unit[32];           /* on a server: new cases' unit ("" : your only one) */
	int busy_timeout_ms;
	/* [unit] */
	char unit_name[128];
	char unit_area[128];
	char unit_phone[128];
	char unit_email[128];
	/* [note] */
	int urgent_days;
	char note_template[PATH_MAX]; /* "" means <datadir>/templates/note.txt */
	char order_template[PATH_MAX]; /* the annex: "" means <datadir>/templates/order.txt */
	/* [export] */
	char export_dir[PATH_MAX];    /* "" means $XDG_DATA_HOME/dorn/export */
	unsigned export_formats;      /* DORN_FMT_* bits */
	char export_recipient[256];
	char pdf_font[PATH_MAX];      /* a font family ("DejaVu Sans"), or a font
				       * file: a full path, holding a '/' */
	/* [ui] */
	int color;                    /* enum dorn_color */
	int ascii;                    /* 0 or 1 */
	/* [retention]: days until a case is due for review (retention.h) */
	int retain_told_days;
	int retain_contact_days;
	int retain_no_note_days;    /* also read as review_days, its old name */
	/* [figures] */
	int figures_suppress_below;   /* exports hide counts from 1 to this - 1 */

	/* Where the values came from: the file read, or "" for built-in defaults. */
	char source[PATH_MAX];
};

/* Built-in defaults. */
void dorn_config_defaults(struct dorn_config *cfg);

/* Find and load the configuration: explicit (--config), else $DORN_CONFIG,
 * else $XDG_CONFIG_HOME/dorn/dorn.ini (or ~/.config/dorn/dorn.ini), else
 * /etc/dorn/dorn.ini, else defaults. A file named by --config or
 * $DORN_CONFIG must exist; the others are skipped when absent. Errors:
 * DORN_ECONFIG with "FILE:LINE: what is wrong: what to do". */
int dorn_config_load(struct dorn_config *cfg, const char *explicit_path,
		     struct dorn_err *err);

/* Load one file over the values already in cfg. */
/* Only the system's file (/etc/dorn/dorn.ini), if any: what a setgid dorn
 * reads on a shared host, where the user's own files are not trusted. */
int dorn_config_load_system(struct dorn_config *cfg, struct dorn_err *err);
int dorn_config_load_file(struct dorn_config *cfg, const char *path,
			  struct dorn_err *err);

/* One row per known key, for help, the example file and tests. */
struct dorn_config_key {
	const char *section;
	const char *key;
	const char *default_text; /* as written in data/dorn.ini */
	const char *doc;          /* one line */
};
const struct dorn_config_key *dorn_config_keys(size_t *n);

/* Where the data folder (offences, templates, interview text) was found. */
enum dorn_datadir_from {
	DORN_DATADIR_ENV,       /* $DORN_DATADIR, whatever it holds */
	DORN_DATADIR_INSTALLED, /* the compiled-in DORN_DATADIR (make install) */
	DORN_DATADIR_BESIDE,    /* data/ beside the executable: a build tree */
	DORN_DATADIR_NONE,      /* none holds offences.ini: the compiled-in one */
};

/* The data folder: $DORN_DATADIR when set; else the compiled-in
 * DORN_DATADIR when it holds offences.ini; else data/ in the executable's
 * folder when that does (so ./dorn runs from the build tree); else the
 * compiled-in one, so that errors name where it should be. from (may be
 * NULL) says which. The string is valid until the next call. */
const char *dorn_config_datadir_from(enum dorn_datadir_from *from);
const char *dorn_config_datadir(void);

/* How from reads in a sentence: "from DORN_DATADIR", "installed", ... */
const char *dorn_config_datadir_how(enum dorn_datadir_from from);

/* 0 when the data folder holds offences.ini; else DORN_ECONFIG, with a
 * message that says where dorn looked and what to do (set DORN_DATADIR
 * or run make install). */
int dorn_config_datadir_check(struct dorn_err *err);

struct dorn_ini;

/* Read a data file: path, or <datadir>/name when path is NULL. Every
 * problem is DORN_ECONFIG (a broken data file is the installation's to
 * fix), with the reader's "FILE:LINE: ..." message. */
int dorn_data_ini_load(const char *name, const char *path, struct dorn_ini **out,
		       struct dorn_err *err);

/* ---- Generic INI reader with line numbers (also used for case files) ---- */

struct dorn_ini_entry {
	const char *section; /* lower case, as iniparser reports it */
	const char *key;     /* lower case, without the section */
	const char *value;   /* never NULL; "" for an empty value */
	int line;            /* 1-based line in the file */
	int cut;             /* an unquoted value held ';' or '#', so the rest of
			      * the line was read as a comment */
};

struct dorn_ini {
	char *path;
	struct dorn_ini_entry *entries; /* in file order */
	size_t n;
	char **sections;   /* section names in file order */
	int *section_lines;
	size_t nsections;
	void *priv;        /* owned strings */
};

/* Bytes per line, documented in dorn-case(5) and dorn.ini(5): room for
 * the longest case-file value (4000 bytes, even if every byte is a line
 * break written as the two characters \n) with its key and quotes. */
#define DORN_INI_LINE_MAX 10000

struct dorn_buf;

/* Append the bytes of the file path to out, as the INI reader reads its
 * files: a regular file of at most 1 MiB, whose name is UTF-8 without
 * control characters (the bytes themselves are not checked). 0, or
 * DORN_ENOINPUT (missing, unreadable, a folder, not a regular file, a name
 * that cannot be shown), DORN_EDATA (over 1 MiB) or DORN_ENOMEM, with
 * "PATH: what is wrong: what to do"; out is then as it was. */
int dorn_config_read_text(const char *path, struct dorn_buf *out, struct dorn_err *err);

/* Read path. Rejects, with "FILE:LINE: what is wrong: what to do":
 * unreadable or missing file (DORN_ENOINPUT), NUL bytes or invalid UTF-8,
 * lines over DORN_INI_LINE_MAX, syntax errors, keys outside any section,
 * duplicate sections and duplicate keys (DORN_EDATA). Never prints. */
int dorn_ini_load(const char *path, struct dorn_ini **out, struct dorn_err *err);
void dorn_ini_free(struct dorn_ini *ini);

/* The entry for section/key (lower case), or NULL. */
const struct dorn_ini_entry *dorn_ini_get(const struct dorn_ini *ini,
					  const char *section, const char *key);

/* Line where a section starts, or 0. */
int dorn_ini_section_line(const struct dorn_ini *ini, const char *section);

#endif
