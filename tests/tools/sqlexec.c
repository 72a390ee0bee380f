/* Test tool: run SQL on a database the way someone with the sqlite3 shell
 * could (to tamper with it in tests), optionally holding the transaction
 * open for some seconds. Usage: sqlexec DB SQL [HOLD_SECONDS] */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int print_row(void *ctx, int n, char **vals, char **names)
{
	(void)ctx;
	(void)names;
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "|" : "", vals[i] ? vals[i] : "");
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	char *msg = NULL;

	if (argc < 3)
		return 2;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 1;
	if (sqlite3_exec(db, argv[2], print_row, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "sqlexec: %s\n", msg ? msg : "error");
		return 1;
	}
	fflush(stdout);
	if (argc > 3)
		sleep((unsigned)atoi(argv[3]));
	sqlite3_close(db);
	return 0;
}
