/* What the libFuzzer harnesses share: a private folder for the files the
 * readers under test take by path, and a check that stops the run with a
 * message when a documented promise of the code under test is broken (a
 * crash the fuzzer keeps, like any other). See `make fuzz` in README.md. */
#ifndef DORN_FUZZ_H
#define DORN_FUZZ_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dorn/err.h"
#include "dorn/text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with file:line and the condition: libFuzzer keeps the input. */
#define FZ_CHECK(cond)                                                              \
	do {                                                                        \
		if (!(cond)) {                                                      \
			fprintf(stderr, "fuzz: broken promise at %s:%d: %s\n",      \
				__FILE__, __LINE__, #cond);                         \
			abort();                                                    \
		}                                                                   \
	} while (0)

/* The set-up cannot go on (no temporary folder, no data folder). */
#define FZ_DIE(...)                                                                 \
	do {                                                                        \
		fprintf(stderr, "fuzz: " __VA_ARGS__);                              \
		fputc('\n', stderr);                                                \
		exit(2);                                                            \
	} while (0)

static char fz_dir[512];

/* Remove the folder and the files in it (no subfolders are made). */
static inline void fz_cleanup(void)
{
	char path[1024];
	struct dirent *de;
	DIR *d;

	if (!fz_dir[0])
		return;
	d = opendir(fz_dir);
	if (d) {
		while ((de = readdir(d)) != NULL) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			snprintf(path, sizeof path, "%s/%s", fz_dir, de->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(fz_dir);
	fz_dir[0] = '\0';
}

static inline int fz_is_dir(const char *p)
{
	DIR *d = p && *p ? opendir(p) : NULL;

	if (!d)
		return 0;
	closedir(d);
	return 1;
}

/* One folder per process: $DORN_FUZZ_TMP (make fuzz sets it), else /dev/shm
 * (a file system in memory: tens of thousands of writes a second cost
 * nothing), else $TMPDIR, else /tmp. Removed at a normal exit. */
static inline const char *fz_tmpdir(const char *name)
{
	const char *base = getenv("DORN_FUZZ_TMP");

	if (!fz_is_dir(base))
		base = fz_is_dir("/dev/shm") && access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NULL;
	if (!base)
		base = getenv("TMPDIR");
	if (!fz_is_dir(base))
		base = "/tmp";
	snprintf(fz_dir, sizeof fz_dir, "%s/dorn-fuzz-%s-XXXXXX", base, name);
	if (!mkdtemp(fz_dir))
		FZ_DIE("cannot make a folder in %s: %s", base, strerror(errno));
	atexit(fz_cleanup);
	return fz_dir;
}

/* dir/name into out. */
static inline void fz_path(char *out, size_t n, const char *name)
{
	if ((size_t)snprintf(out, n, "%s/%s", fz_dir, name) >= n)
		FZ_DIE("path too long: %s/%s", fz_dir, name);
}

/* Replace the file at path with data[0..n). */
static inline void fz_write(const char *path, const void *data, size_t n)
{
	const char *p = data;
	ssize_t w;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0)
		FZ_DIE("cannot write %s: %s", path, strerror(errno));
	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			FZ_DIE("cannot write %s: %s", path, strerror(errno));
		p += w;
		n -= (size_t)w;
	}
	if (close(fd) != 0)
		FZ_DIE("cannot write %s: %s", path, strerror(errno));
}

/* data as a C string in its own allocation, so reading past the end is
 * caught; the caller frees. */
static inline char *fz_str(const uint8_t *data, size_t n)
{
	char *s = malloc(n + 1);

	if (!s)
		FZ_DIE("out of memory");
	if (n)
		memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

/* Every message may reach a terminal or a log: one line of UTF-8 without
 * control characters (STYLE.md, Strings), whatever the input held. */
static inline void fz_check_msg(const struct dorn_err *err)
{
	FZ_CHECK(dorn_utf8_valid(err->msg, strlen(err->msg), NULL));
	FZ_CHECK(!dorn_text_has_control(err->msg, 0));
}

/* The data folder (offences, templates): $DORN_DATADIR, else the source
 * tree's data/, compiled in by the Makefile. */
static inline void fz_datadir(void)
{
	const char *d = getenv("DORN_DATADIR");

	if (!d || !*d)
		setenv("DORN_DATADIR", FUZZ_DATADIR, 1);
}

#endif
