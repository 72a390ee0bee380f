/* Test tool: check an iCalendar file strictly (tests/tools/icscheck.h says
 * what is checked). Prints "ics: N events" and exits 0 when it passes,
 * else "FILE:LINE: what is wrong" on standard error and exits 1; 2 for a
 * usage or reading problem. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icscheck.h"

int main(int argc, char **argv)
{
	struct ics_check c;
	char *text = NULL, *grown;
	size_t n = 0, cap = 0, got;
	FILE *f;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: icscheck FILE.ics\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			grown = realloc(text, cap);
			if (!grown) {
				fprintf(stderr, "%s: out of memory\n", argv[1]);
				free(text);
				fclose(f);
				return 2;
			}
			text = grown;
		}
		got = fread(text + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	rc = ferror(f);
	fclose(f);
	if (rc) {
		fprintf(stderr, "%s: cannot read\n", argv[1]);
		free(text);
		return 2;
	}
	rc = ics_check_text(text, n, &c);
	free(text);
	if (rc) {
		if (c.line)
			fprintf(stderr, "%s:%d: %s\n", argv[1], c.line, c.msg);
		else
			fprintf(stderr, "%s: %s\n", argv[1], c.msg);
		return 1;
	}
	printf("ics: %d event%s\n", c.events, c.events == 1 ? "" : "s");
	return 0;
}
