/* Options of the subcommands: one parser and one --format reader, so every
 * subcommand refuses a bad option, a missing value and a bad format in the
 * same words and with the same exit code (64). */
#include <getopt.h>
#include <string.h>

#include "priv.h"

void cli_reset_getopt(void)
{
	optind = 0; /* glibc: start over, and read the option string afresh */
	opterr = 0;
}

int cli_next_opt(const char *cmd, int argc, char **argv, const struct option *longopts,
		 int *usage_rc)
{
	int opt = getopt_long(argc, argv, ":", longopts, NULL);

	if (opt == '?') {
		*usage_rc = cli_usage(cmd, "unknown option '%s' for '%s'", argv[optind - 1], cmd);
		return -2;
	}
	if (opt == ':') {
		*usage_rc = cli_usage(cmd, "option '%s' needs a value", argv[optind - 1]);
		return -2;
	}
	return opt;
}

static const struct {
	const char *name;
	enum cli_format fmt;
} formats[] = {
	/* In the order messages name them. */
	{ "text", CLI_TEXT }, { "table", CLI_TABLE }, { "csv", CLI_CSV }, { "json", CLI_JSON },
	{ "pdf", CLI_PDF },
};
#define NFORMATS (sizeof formats / sizeof formats[0])

int cli_parse_format(const char *s, enum cli_format *out)
{
	return cli_format_opt(NULL, s, CLI_LISTS, out);
}

int cli_format_opt(const char *cmd, const char *arg, unsigned allowed, enum cli_format *out)
{
	char list[64];
	size_t w = 0, n = 0, k = 0;

	for (size_t i = 0; i < NFORMATS; i++) {
		if (!(allowed & (1u << formats[i].fmt)))
			continue;
		n++;
		if (strcmp(arg, formats[i].name) == 0) {
			*out = formats[i].fmt;
			return 0;
		}
	}
	if (!cmd)
		return DORN_EUSAGE;
	list[0] = '\0';
	for (size_t i = 0; i < NFORMATS && w < sizeof list; i++) {
		if (!(allowed & (1u << formats[i].fmt)))
			continue;
		k++;
		w += (size_t)snprintf(list + w, sizeof list - w, "%s%s",
				      k == 1 ? "" : k == n ? " or " : ", ", formats[i].name);
	}
	return cli_usage(cmd, "--format must be %s, not '%.20s'", list, arg);
}
