/* Test tool: exit 0 when standard input is RFC 4180 CSV as dorn writes it
 * (a header row, every record ending in CRLF, quotes doubled inside quoted
 * fields, and every record with as many fields as the header), printing
 * "RECORDS FIELDS" (records after the header); else say what is wrong and
 * exit 1. With COL=VALUE NAME, print instead the field NAME of each record
 * whose field COL is VALUE, one per line.
 * Usage: csvcheck [COL=VALUE NAME] <file.csv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELDS_MAX 256
#define FIELD_MAX 1024

static char fields[FIELDS_MAX][FIELD_MAX], head[FIELDS_MAX][FIELD_MAX];

/* One record from f into fields; its count, 0 at the end, -1 when bad. */
static int record(FILE *f, long line)
{
	int c = getc(f), n = 0;

	if (c == EOF)
		return 0;
	ungetc(c, f);
	for (;;) {
		size_t w = 0;

		if (n == FIELDS_MAX) {
			fprintf(stderr, "csvcheck: record %ld: over %d fields\n", line, FIELDS_MAX);
			return -1;
		}
		c = getc(f);
		if (c == '"') {
			for (;;) {
				c = getc(f);
				if (c == EOF) {
					fprintf(stderr, "csvcheck: record %ld: a quote is not closed\n",
						line);
					return -1;
				}
				if (c == '"') {
					c = getc(f);
					if (c != '"')
						break;
				}
				if (w + 1 < FIELD_MAX)
					fields[n][w++] = (char)c;
			}
		} else {
			while (c != EOF && c != ',' && c != '\r' && c != '\n') {
				if (c == '"') {
					fprintf(stderr, "csvcheck: record %ld: a quote inside an "
						"unquoted field\n", line);
					return -1;
				}
				if (w + 1 < FIELD_MAX)
					fields[n][w++] = (char)c;
				c = getc(f);
			}
		}
		fields[n++][w] = '\0';
		if (c == ',')
			continue;
		if (c == '\r' && getc(f) == '\n')
			return n;
		fprintf(stderr, "csvcheck: record %ld: does not end in CRLF\n", line);
		return -1;
	}
}

int main(int argc, char **argv)
{
	const char *want_val = NULL, *name = NULL;
	char want_col[256] = "";
	int nhead, n, col = -1, key = -1;
	long records = 0;

	if (argc == 3 && strchr(argv[1], '=')) {
		snprintf(want_col, sizeof want_col, "%.*s", (int)(strchr(argv[1], '=') - argv[1]),
			 argv[1]);
		want_val = strchr(argv[1], '=') + 1;
		name = argv[2];
	} else if (argc != 1) {
		fprintf(stderr, "usage: csvcheck [COL=VALUE NAME] <file.csv\n");
		return 2;
	}
	nhead = record(stdin, 1);
	if (nhead <= 0) {
		fprintf(stderr, "csvcheck: no header row\n");
		return 1;
	}
	memcpy(head, fields, sizeof head);
	for (int i = 0; i < nhead; i++) {
		if (name && strcmp(head[i], name) == 0)
			col = i;
		if (want_val && strcmp(head[i], want_col) == 0)
			key = i;
	}
	if (name && (col < 0 || key < 0)) {
		fprintf(stderr, "csvcheck: no column %s\n", col < 0 ? name : want_col);
		return 1;
	}
	while ((n = record(stdin, records + 2)) > 0) {
		records++;
		if (n != nhead) {
			fprintf(stderr, "csvcheck: record %ld has %d fields, the header %d\n",
				records + 1, n, nhead);
			return 1;
		}
		if (name && strcmp(fields[key], want_val) == 0)
			printf("%s\n", fields[col]);
	}
	if (n < 0)
		return 1;
	if (!name)
		printf("%ld %d\n", records, nhead);
	return 0;
}
