/* The case list's statements as this build of dorn prepares them
 * (dorn_store_list_sql), one a line with newlines made blanks, for
 * bench/run.sh to pick them out of a trace (bench/sqltrace.c). */
#include <stdio.h>

#include "dorn/store.h"

int main(void)
{
	for (size_t i = 0; dorn_store_list_sql(i); i++) {
		for (const char *p = dorn_store_list_sql(i); *p; p++)
			putchar(*p == '\n' || *p == '\t' || *p == '\r' ? ' ' : *p);
		putchar('\n');
	}
	return 0;
}
