/* Global options, the table of subcommands, usage and exit codes. Messages
 * go to stderr as "dorn: what went wrong: what to do", one line each and
 * masked (dorn_text_mask), whatever a user typed or a file held; data to
 * stdout. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/buf.h"
#include "dorn/cli.h"
#include "dorn/text.h"
#include "dorn/ui.h"
#include "priv.h"

#ifndef DORN_VERSION
#define DORN_VERSION "0.0.0"
#endif

static const struct subcommand {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *args;
	const char *summary;
} subcommands[] = {
	{ "import", cmd_import, "[--update] FILE...",
	  "Add cases from case files (dorn-case(5)); --update replaces existing ones" },
	{ "list", cmd_list,
	  "[--status S] [--due-within DAYS] [--search TEXT] [--limit N] [--offset N]"
	  " [--format F]",
	  "List cases, urgent first (F: table, csv or json); --offset N leaves out\n"
	  "      the first N, --limit N lists at most N" },
	{ "agenda", cmd_agenda, "[--all] [--format table|csv|json|ics] [--out FILE]",
	  "What needs doing, most urgent first: victims to tell, notes to write,\n"
	  "      returned, to review or to export, outcomes to record; ics is a\n"
	  "      calendar holding only URNs; --all: every case, not only yours" },
	{ "show", cmd_show, "URN [--format text|json]", "Show a case and what is missing" },
	{ "note", cmd_note, "URN [--format text|json]", "Write or show the note to the prosecutor" },
	{ "rename", cmd_rename, "URN NEW_URN --reason TEXT",
	  "Correct the URN of a case whose note was never submitted or exported" },
	{ "submit", cmd_submit, "URN", "Submit the note for a supervisor's review" },
	{ "review", cmd_review,
	  "list [--format table|csv|json]\napprove URN [--comment TEXT]\nreturn URN --comment TEXT",
	  "The review queue; approve or return a submitted note (supervisors, never\n"
	  "      a version they wrote or changed; the comment is plain text)" },
	{ "export", cmd_export,
	  "URN... [--draft] [--out DIR] [--format txt,pdf,json] [OPTIONS]\n"
	  "--approved [--out DIR] [--format txt,pdf,json] [OPTIONS]",
	  "Write approved notes for the case file, with SHA256SUMS, recorded in\n"
	  "      the audit log before they are put in place; OPTIONS are\n"
	  "      --recipient TEXT and --reason TEXT, kept in that record" },
	{ "figures", cmd_figures,
	  "[--from DATE] [--to DATE] [--by B] [--format F] [--out FILE]",
	  "The unit's figures from concern to order made, beside the 2025 review\n"
	  "      (B: month, offence, officer or, on a server, unit; F: table, csv,\n"
	  "      json or pdf, a page for a unit meeting, which needs --out); csv,\n"
	  "      json and pdf show a count under [figures] suppress_below as\n"
	  "      \"fewer than 5\"" },
	{ "verify", cmd_verify, "PATH",
	  "Check an export folder against its SHA256SUMS, naming any file there\n"
	  "      that it does not list; print the audit head the export carries" },
	{ "outcome", cmd_outcome, "URN [CHANGES] [--why TEXT] [--format text|json]",
	  "Show the outcome of the hearing, what it still needs, the task of telling\n"
	  "      the victim and what to say; CHANGES record or correct it: --date DATE,\n"
	  "      --court TEXT, --received DATE, --reasons TEXT, and for each item\n"
	  "      --item N --result KEY [--reason TEXT] [--next TEXT], KEY one of\n"
	  "      order_made, forfeiture, refused, not_sought, returned or held" },
	{ "told", cmd_told, "URN --date DATE --how TEXT\nURN --not TEXT",
	  "Record that the victim was told the outcome, when and how, or why not" },
	{ "retention", cmd_retention,
	  "[--due] [--format table|csv|json]\nextend URN --until DATE --reason TEXT",
	  "Each case's retention review date and why, soonest first (--due: those\n"
	  "      due today or earlier); keep a case longer (supervisors, with a reason)" },
	{ "erase", cmd_erase, "URN --reason TEXT [--early] [--yes]",
	  "Erase a case due for review, leaving nothing of it in the database\n"
	  "      (supervisors; type the URN back, or --yes; --early before it is due)" },
	{ "init", cmd_init,
	  "[--name NAME] [--quiet]\n--shared [DIR] --supervisor LOGIN --name NAME [--group G]\n"
	  "--server URL --unit CODE [--unit-name NAME] --supervisor LOGIN [--name NAME]",
	  "Create the database and register you as supervisor; --shared (root)\n"
	  "      sets up the unit's database on a shared host (dorn-shared(7));\n"
	  "      --server (a database administrator) makes dorn's schema and roles\n"
	  "      on a PostgreSQL server, its first unit and supervisor (dorn-server(7))" },
	{ "staff", cmd_staff,
	  "add LOGIN --name NAME --role officer|supervisor [--contact TEXT]\n"
	  "list [--format table|csv|json]\nrole LOGIN officer|supervisor\n"
	  "contact LOGIN TEXT\ndeactivate LOGIN\nactivate LOGIN",
	  "Register staff, list them, change a role or contact, or (de)activate a login" },
	{ "audit", cmd_audit,
	  "[--since DATE] [--format table|csv|json]\n--verify [--anchor SEQ:MAC]...\nhead",
	  "List the audit log; verify its keyed chain (and that each anchor's row\n"
	  "      is still there, unchanged); print its head, an anchor to keep" },
	{ "check", cmd_check, "",
	  "Check the database, the audit chain, the audit key, that every record\n"
	  "      matches the audit log, and the configuration; changes nothing" },
	{ "backup", cmd_backup, "FILE", "Copy the database safely to a new FILE (0600)" },
	{ "migrate", cmd_migrate, "--to URL [--unit CODE] [--key FILE]",
	  "Move the unit's database file to a force's PostgreSQL server, made empty\n"
	  "      by 'dorn init --server URL', with its audit chain and key (the\n"
	  "      database administrator; see dorn-server(7))" },
};

#define NSUB (sizeof subcommands / sizeof subcommands[0])

/* One line per form of a subcommand ('\n' separates them in args). */
static void usage_lines(FILE *f, const char *lead, const struct subcommand *sc)
{
	const char *p = sc->args;

	do {
		size_t n = strcspn(p, "\n");

		fprintf(f, "%s%s%s%.*s\n", lead, sc->name, n ? " " : "", (int)n, p);
		p += n;
	} while (*p++);
}

static void help(FILE *f)
{
	fprintf(f, "usage: dorn [--db PATH] [--config PATH] [--as LOGIN] [COMMAND [ARGS]]\n"
		   "\n"
		   "dorn helps witness care officers record a victim's fear that devices\n"
		   "holding intimate images will be handed back, and writes a note asking\n"
		   "the prosecutor to seek a deprivation order. Without a COMMAND it starts\n"
		   "the terminal interface.\n"
		   "\n"
		   "Commands:\n");
	for (size_t i = 0; i < NSUB; i++) {
		usage_lines(f, "  dorn ", &subcommands[i]);
		fprintf(f, "      %s\n", subcommands[i].summary);
	}
	fprintf(f, "\n"
		   "Options (before the command):\n"
		   "  --db PATH       database (default $XDG_DATA_HOME/dorn/dorn.db)\n"
		   "  --config PATH   configuration file (see dorn.ini(5))\n"
		   "  --as LOGIN      act as LOGIN; only on a private database, for demos\n"
		   "  -h, --help      show this help\n"
		   "  -V, --version   show the version\n"
		   "\n"
		   "Messages go to standard error, one line each; a control character in\n"
		   "anything they quote shows as '?' (a tab or line break as a space).\n"
		   "Exit status: 0 ok, 64 usage, 65 bad data, 66 missing input, 69 refused\n"
		   "by a rule, 70 internal error, 73 cannot create output, 74 I/O error,\n"
		   "75 database busy, 77 permission, 78 configuration. Manual: man dorn.\n");
}

/* Not in --help: the end-to-end tests read the key table from the binary
 * they drive, so their list of keys cannot drift from it. */
static int help_keys(void)
{
	struct dorn_buf b;
	int rc = 0;

	dorn_buf_init(&b);
	dorn_ui_keys_text(&b);
	if (b.oom) {
		fprintf(stderr, "dorn: out of memory\n");
		rc = dorn_err_exit_code(DORN_ENOMEM);
	} else if (fputs(dorn_buf_str(&b), stdout) == EOF || fflush(stdout)) {
		rc = dorn_err_exit_code(DORN_EIO);
	}
	dorn_buf_fini(&b);
	return rc;
}

/* fmt formatted into a new string and masked (dorn_text_mask); NULL when
 * out of memory. */
static char *vmasked(const char *fmt, va_list ap)
{
	va_list again;
	char *s;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	dorn_text_mask(s);
	return s;
}

void cli_say(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vmasked(fmt, ap);
	va_end(ap);
	fprintf(f, "%s\n", s ? s : "dorn: out of memory");
	free(s);
}

/* dorn_err_set masks every message already; a message built some other
 * way is masked here, on its way out. */
int cli_fail(const struct dorn_err *err)
{
	cli_say(stderr, "dorn: %s", err->msg[0] ? err->msg : "unexpected error");
	return dorn_err_exit_code(err->code);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vmasked(fmt, ap);
	va_end(ap);
	fprintf(stderr, "dorn: %s\n", s ? s : "out of memory");
	free(s);
	for (size_t i = 0; cmd && i < NSUB; i++)
		if (strcmp(cmd, subcommands[i].name) == 0)
			usage_lines(stderr, "usage: dorn ", &subcommands[i]);
	if (!cmd)
		fprintf(stderr, "usage: dorn [--db PATH] [--config PATH] [--as LOGIN] "
				"[COMMAND [ARGS]]; see dorn --help\n");
	return 64;
}

int cli_open(struct cli *c, int flags)
{
	struct dorn_err err;

	dorn_err_clear(&err);
	if (dorn_app_open(&c->app, &c->opts, flags, &err))
		return cli_fail(&err);
	return 0;
}

static int run_ui(struct cli *c)
{
	struct dorn_err err;
	int rc;

	dorn_err_clear(&err);
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	rc = dorn_ui_run(&c->app, &err);
	/* The terminal is restored by now: safe to print. */
	if (c->app.unlogged)
		cli_say(stderr, "dorn: %s is read-only for you, so what you read was not "
			"recorded in its audit log", c->app.db_path);
	dorn_app_close(&c->app);
	return rc ? cli_fail(&err) : 0;
}

int dorn_cli_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "as", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "help-keys", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c;
	struct dorn_err err;
	int opt;

	memset(&c, 0, sizeof c);
	dorn_err_clear(&err);
	/* Installed setgid to the unit's group (dorn-shared(7)): hold it only
	 * in the saved set from here on. */
	if (dorn_shared_start()) {
		fprintf(stderr, "dorn: cannot set the unit's group aside: stopping\n");
		return dorn_err_exit_code(DORN_EPERM);
	}
	opterr = 0;
	optind = 1;
	/* '+': stop at the subcommand; its own options are parsed later. */
	while ((opt = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': c.opts.db_path = optarg; break;
		case 'c': c.opts.config = optarg; break;
		case 'a': c.opts.as_login = optarg; break;
		case 'h': help(stdout); return 0;
		case 'V': printf("dorn %s\n", DORN_VERSION); return 0;
		case 'K': return help_keys();
		case ':':
			return cli_usage(NULL, "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage(NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	/* Configuration first: a bad file stops us before the terminal is touched. */
	if (dorn_app_configure(&c.app, &c.opts, &err))
		return cli_fail(&err);
	if (c.app.dropped)
		fprintf(stderr, "dorn: %s names another place than the unit's, so dorn works as "
			"you alone, without the unit's group: the unit's database is not used\n",
			c.app.dropped);
	if (optind >= argc)
		return run_ui(&c);
	c.cmd = argv[optind];
	for (size_t i = 0; i < NSUB; i++) {
		if (strcmp(c.cmd, subcommands[i].name) == 0) {
			int rc;

			argc -= optind;
			argv += optind;
			cli_reset_getopt();
			rc = subcommands[i].run(&c, argc, argv);

			if (c.app.unlogged)
				cli_say(stderr, "dorn: %s is read-only for you, so this reading "
					"is not recorded in its audit log", c.app.db_path);
			dorn_app_close(&c.app);
			return rc;
		}
	}
	return cli_usage(NULL, "unknown command '%.40s'", c.cmd);
}
