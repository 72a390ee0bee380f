/* Helpers for the cmocka unit tests: a private temporary folder per test. */
#ifndef DORN_TESTUTIL_H
#define DORN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dorn/buf.h"

/* The audit key unit tests give a store they open themselves (the app
 * reads its key from a file). */
static const unsigned char tu_key[32] = "dorn unit tests' audit key, 32B";

/* Make a fresh temporary folder; path holds at least 64 bytes. */
static inline void tu_tmpdir(char *path, size_t n)
{
	snprintf(path, n, "/tmp/dorn-test-XXXXXX");
	assert_non_null(mkdtemp(path));
}

/* rm -rf, for a folder tu_tmpdir made. */
static inline void tu_rmdir(const char *path)
{
	char cmd[256];

	if (strncmp(path, "/tmp/dorn-test-", 15) != 0)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", path);
}

/* hay holds needle, or not; the failure shows both. */
#define assert_has(hay, needle)                                                    \
	do {                                                                       \
		const char *h_ = (hay);                                            \
		if (!strstr(h_, (needle))) {                                       \
			print_error("\"%s\" not found in:\n%s\n", (needle), h_);   \
			fail();                                                    \
		}                                                                  \
	} while (0)

#define assert_hasnt(hay, needle)                                                  \
	do {                                                                       \
		const char *h_ = (hay);                                            \
		if (strstr(h_, (needle))) {                                        \
			print_error("\"%s\" found in:\n%s\n", (needle), h_);       \
			fail();                                                    \
		}                                                                  \
	} while (0)

/* Everything the shell command cmd prints, into out (reset first, and
 * "" when it prints nothing); its exit status as pclose gives it. */
static inline int tu_run(const char *cmd, struct dorn_buf *out)
{
	char chunk[4096];
	size_t n;
	FILE *p = popen(cmd, "r");

	assert_non_null(p);
	dorn_buf_reset(out);
	assert_int_equal(dorn_buf_puts(out, ""), 0);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		assert_int_equal(dorn_buf_add(out, chunk, n), 0);
	return pclose(p);
}

/* Write text to dir/name; the full path goes to out. */
static inline void tu_write(const char *dir, const char *name, const void *text,
			    size_t len, char *out, size_t n)
{
	FILE *f;

	snprintf(out, n, "%s/%s", dir, name);
	f = fopen(out, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

#endif
