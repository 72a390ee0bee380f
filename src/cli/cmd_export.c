/* Subcommands for the case file: export and verify. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "dorn/text.h"
#include "priv.h"

/* "txt,pdf,json" to DORN_FMT_* bits; 0 on a bad list. */
static unsigned formats(const char *list)
{
	static const char *const names[] = { "txt", "pdf", "json" };
	char word[16];
	unsigned bits = 0;
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		int found = 0;

		if (n == 0 || n >= sizeof word)
			return 0;
		memcpy(word, p, n);
		word[n] = '\0';
		for (int i = 0; i < 3; i++) {
			if (strcmp(word, names[i]) == 0) {
				bits |= 1u << i;
				found = 1;
			}
		}
		if (!found)
			return 0;
		p += n;
		if (*p == ',')
			p++;
	}
	return bits;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "approved", no_argument, NULL, 'A' },
		{ "draft", no_argument, NULL, 'D' },
		{ "out", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "recipient", required_argument, NULL, 'r' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	struct dorn_export_opts o = { 0 };
	struct dorn_buf report;
	struct dorn_err err;
	int opt, rc = 0, all = 0;

	while ((opt = cli_next_opt("export", argc, argv, longopts, &rc)) != -1) {
		switch (opt) {
		case -2: return rc;
		case 'A': all = 1; break;
		case 'D': o.draft = 1; break;
		case 'o': o.out_dir = optarg; break;
		case 'r': o.recipient = optarg; break;
		case 'R': o.reason = optarg; break;
		case 'f':
			o.formats = formats(optarg);
			if (!o.formats)
				return cli_usage("export", "--format takes txt, pdf and json separated "
						 "by commas, not '%.30s'", optarg);
			break;
		}
	}
	if (all == (optind < argc))
		return cli_usage("export", all ? "give either URNs or --approved, not both"
					       : "'export' needs URNs, or --approved for every "
						 "approved note");
	if (all && o.draft)
		return cli_usage("export", "--draft goes with URNs, not with --approved");
	if ((o.recipient && dorn_text_has_control(o.recipient, 0)) ||
	    (o.reason && dorn_text_has_control(o.reason, 0)))
		return cli_usage("export", "--recipient and --reason must be plain text, without "
				 "control characters");
	rc = cli_open(c, 0);
	if (rc)
		return rc;
	dorn_buf_init(&report);
	dorn_err_clear(&err);
	rc = dorn_app_export(&c->app, argv + optind, (size_t)(argc - optind), all, &o, &report,
			     &err);
	fputs(dorn_buf_str(&report), stdout);
	dorn_buf_fini(&report);
	return rc ? cli_fail(&err) : 0;
}

int cmd_verify(struct cli *c, int argc, char **argv)
{
	struct dorn_app_verified v;
	struct dorn_buf report;
	struct dorn_err err;
	int rc;

	(void)c;
	if (argc != 2)
		return cli_usage("verify", "'verify' needs one PATH: an export folder or its "
				 "SHA256SUMS");
	dorn_buf_init(&report);
	dorn_err_clear(&err);
	rc = dorn_app_verify_folder(argv[1], &report, &v, &err);
	/* The path and the report's file names come from the user and the
	 * disk: masked, line by line, like every such line. */
	if (rc == 0) {
		cli_say(stdout, "All %zu file%s in %s match their checksums, and nothing else "
			"is there.", v.checked, v.checked == 1 ? "" : "s", argv[1]);
	} else {
		const char *p = dorn_buf_str(&report);

		while (*p) {
			size_t n = strcspn(p, "\n");

			cli_say(stdout, "%.*s", (int)n, p);
			p += n + (p[n] == '\n');
		}
	}
	/* The state of the unit's audit log when the files were exported:
	 * the unit can show it still holds that row, unchanged. */
	if (v.has_head && v.heads == 1)
		printf("Audit head when exported: %lld:%s\n", v.head.seq, v.head.mac);
	else if (v.has_head)
		printf("Audit head of the latest of %zu exports here: %lld:%s\n", v.heads,
		       v.head.seq, v.head.mac);
	else if (rc == 0)
		printf("No audit head: this folder was exported before dorn kept one.\n");
	if (v.has_head)
		printf("The unit can check its audit log still holds it, unchanged, with:\n"
		       "  dorn audit --verify --anchor %lld:%s\n",
		       v.head.seq, v.head.mac);
	dorn_buf_fini(&report);
	return rc ? cli_fail(&err) : 0;
}
