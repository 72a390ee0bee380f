/* What the command line's files share. */
#ifndef DORN_CLI_PRIV_H
#define DORN_CLI_PRIV_H

#include <stdio.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"

struct cli {
	struct dorn_opts opts;
	struct dorn_app app;
	const char *cmd;  /* the subcommand's name, for messages */
};

/* Print "dorn: msg" to stderr and return the exit code for code. */
int cli_fail(const struct dorn_err *err);
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print fmt formatted as one line to f, then a newline: masked by
 * dorn_text_mask, so a path, a login or a name cannot carry a control
 * character or an escape sequence to the terminal. For every line that
 * holds text dorn did not write itself. */
void cli_say(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Text from the database on its way to standard output: never a control
 * character, whatever got into the file (a line break kept only with
 * keep_newline). */
void cli_text(const char *s, int keep_newline);

/* Configuration, database and identity for a subcommand. */
int cli_open(struct cli *c, int flags);

/* Output in table, csv or json, one row at a time. Text is stripped of
 * control characters on the way out. (pdf is a format a command may take,
 * never a row's: cli_out_begin is not for it.) */
enum cli_format { CLI_TABLE, CLI_CSV, CLI_JSON, CLI_TEXT, CLI_PDF };
#define CLI_LISTS ((1u << CLI_TABLE) | (1u << CLI_CSV) | (1u << CLI_JSON))
#define CLI_DOCS ((1u << CLI_TEXT) | (1u << CLI_JSON))

struct cli_col {
	const char *name;
	int numeric;   /* JSON number, right-aligned in tables */
	int table;     /* shown in table format */
	int max;       /* the widest a value can be (columns), 0 when unknown */
};

/* A table holds this many rows to size its columns, then prints the rest as
 * they come with those widths (each raised to its column's max), so a long
 * table needs no memory for all of its rows. */
#define CLI_TABLE_HOLD 500

struct cli_out {
	enum cli_format fmt;
	FILE *f;
	const struct cli_col *cols;
	size_t ncols;
	size_t rows;
	char **cells;  /* table format: the first CLI_TABLE_HOLD rows' cells */
	size_t cap;
	size_t w[32];  /* table format: the widths, once fixed */
	int streaming; /* table format: widths fixed, rows printed as they come */
	int failed;
};

/* table, csv or json: 0 or DORN_EUSAGE. */
int cli_parse_format(const char *s, enum cli_format *out);
/* --format ARG, one of the formats whose bits (1 << CLI_...) are in
 * allowed: 0, or the usage exit code after saying which formats it takes. */
int cli_format_opt(const char *cmd, const char *arg, unsigned allowed, enum cli_format *out);
void cli_out_begin(struct cli_out *o, enum cli_format fmt, FILE *f,
		   const struct cli_col *cols, size_t ncols);
void cli_out_row(struct cli_out *o, const char *const *vals);
int cli_out_end(struct cli_out *o); /* 0 or DORN_EIO / DORN_ENOMEM */

/* Replace path with n bytes of data, whole: written beside it to a new
 * file (0600), synced, then renamed over it, so no reader (a calendar
 * program, a PDF viewer) ever sees half a file. A symbolic link, a folder
 * or anything but a regular file at path is refused (DORN_ECANTCREAT,
 * exit 73), and so is a folder that cannot be written; a failed write
 * leaves nothing behind. */
int cli_write_file(const char *path, const void *data, size_t n, struct dorn_err *err);

/* Subcommands. */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_staff(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_rename(struct cli *c, int argc, char **argv);
int cmd_note(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_submit(struct cli *c, int argc, char **argv);
int cmd_review(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_verify(struct cli *c, int argc, char **argv);
int cmd_figures(struct cli *c, int argc, char **argv);
int cmd_retention(struct cli *c, int argc, char **argv);
int cmd_erase(struct cli *c, int argc, char **argv);
int cmd_agenda(struct cli *c, int argc, char **argv);
int cmd_outcome(struct cli *c, int argc, char **argv);
int cmd_told(struct cli *c, int argc, char **argv);
int cmd_migrate(struct cli *c, int argc, char **argv);

/* getopt_long starts afresh for a subcommand's own arguments (the
 * dispatcher does this before each subcommand; a subcommand with its own
 * subcommands, like staff add, calls it again). */
void cli_reset_getopt(void);
/* The next option of cmd's arguments (argv[0] is its name): the option's
 * value from longopts, -1 at the end, or -2 after saying what was wrong
 * (an unknown option, a missing value) with *usage_rc the exit code. */
struct option;
int cli_next_opt(const char *cmd, int argc, char **argv, const struct option *longopts,
		 int *usage_rc);

#endif
