/* Key timing in the terminal interface. Starts dorn on an 80x24
 * pseudo-terminal, waits for the first screen, then presses PgDn, PgUp,
 * End, Home, / a Esc (a search as the officer types it, and its clearing)
 * and times each key from writing it to the end of the redraw it causes.
 * RUNS fresh starts; per key the median and the worst.
 *
 * The end of a redraw: when dorn writes the ready marker before it waits
 * for a key (DORN_TEST_READY=1, set here: ESC _ dorn-ready;N ESC \, N the
 * keys it has read, src/ui/ui.c), the first marker whose N counts the key
 * just sent ends it; a marker written before dorn read the key has a
 * smaller N and is passed over. A dorn without the marker is
 * timed by quiet: the time of the last byte before QUIET_MS without output
 * (the quiet window itself is not counted). Every key here changes the
 * screen, so each has bytes to wait for.
 *
 * Output, one line each: "mode marker" or "mode quiet", then
 * "KEY median_ms worst_ms" per key. Usage: keys RUNS dorn-args... */
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define QUIET_MS 30
#define WAIT_MS 120000 /* End on a large list may be slow; never forever */
#define RUNS_MAX 32
#define MARKER "\033_dorn-ready;" /* then the count of keys read, then ESC \ */

static const struct {
	const char *name, *bytes;
} keys[] = {
	{ "PgDn", "\033[6~" }, { "PgUp", "\033[5~" }, { "End", "\033OF" },
	{ "Home", "\033OH" },  { "/", "/" },          { "a", "a" },
	{ "Esc", "\033" },
};
#define NKEYS (sizeof keys / sizeof keys[0])

static int use_marker;

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The output since the last key: only its tail is kept, for the searches. */
struct seen {
	char tail[8192];
	size_t len;
	size_t total;
};

static void seen_add(struct seen *s, const char *p, size_t n)
{
	if (n >= sizeof s->tail - 1) {
		p += n - (sizeof s->tail - 1);
		n = sizeof s->tail - 1;
	}
	if (s->len + n >= sizeof s->tail) {
		size_t drop = s->len + n - (sizeof s->tail - 1);

		memmove(s->tail, s->tail + drop, s->len - drop);
		s->len -= drop;
	}
	memcpy(s->tail + s->len, p, n);
	s->len += n;
	s->tail[s->len] = '\0';
	s->total += n;
}

/* The count of the first whole marker in s, its end in *end; -1: none. */
static long marker_at(const char *s, const char **end)
{
	const char *m = strstr(s, MARKER), *p;
	char *q;
	long n;

	if (!m)
		return -1;
	p = m + sizeof MARKER - 1;
	n = strtol(p, &q, 10);
	if (q == p || q[0] != '\033' || q[1] != '\\')
		return -1; /* not all of it yet (or not a count: the next read ends it) */
	*end = q + 2;
	return n;
}

/* Read the redraw that follows the key that makes want keys read; returns
 * the time it ended (as the file comment says), or -1 on timeout or end of
 * output. */
static double wait_redraw(int fd, double start, long want)
{
	struct seen s = { .len = 0 };
	double last = -1;

	for (;;) {
		char buf[65536];
		const char *end;
		struct pollfd p = { fd, POLLIN, 0 };
		double t = now_ms();
		int timeout = (int)(start + WAIT_MS - t), r;
		ssize_t n;
		long got;

		if (timeout <= 0)
			return -1;
		if (!use_marker && last >= 0)
			timeout = QUIET_MS;
		r = poll(&p, 1, timeout);
		if (r == 0 && !use_marker && last >= 0)
			return last;
		if (r <= 0)
			continue;
		n = read(fd, buf, sizeof buf);
		if (n <= 0)
			return -1;
		t = now_ms();
		seen_add(&s, buf, (size_t)n);
		last = t;
		while (use_marker && (got = marker_at(s.tail, &end)) >= 0) {
			size_t skip = (size_t)(end - s.tail);

			if (got >= want)
				return t;
			/* from before the key was read */
			memmove(s.tail, s.tail + skip, s.len - skip + 1);
			s.len -= skip;
		}
	}
}

static int run_once(char **argv, double t[NKEYS], int *marker_seen)
{
	long keys_read = 0;
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int fd, status, rc = 0;
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);

	if (pid < 0) {
		perror("keys: forkpty");
		return 1;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("DORN_TEST_READY", "1", 1);
		execv("./dorn", argv);
		_exit(127);
	}
	/* The first screen, in quiet mode (the marker may not exist), noting
	 * whether a marker came with it. */
	{
		struct seen s = { .len = 0 };
		double start = now_ms(), last = -1;

		for (;;) {
			char buf[65536];
			struct pollfd p = { fd, POLLIN, 0 };
			int r = poll(&p, 1, last >= 0 && strstr(s.tail, "? Help") ? 200 : 1000);
			ssize_t n;

			if (r == 0 && last >= 0 && strstr(s.tail, "? Help"))
				break;
			if (now_ms() - start > WAIT_MS) {
				fprintf(stderr, "keys: no first screen\n");
				rc = 1;
				goto out;
			}
			if (r <= 0)
				continue;
			n = read(fd, buf, sizeof buf);
			if (n <= 0) {
				fprintf(stderr, "keys: dorn ended before its first screen\n");
				rc = 1;
				goto out;
			}
			seen_add(&s, buf, (size_t)n);
			{
				const char *end, *from = s.tail;
				long got;

				while ((got = marker_at(from, &end)) >= 0) {
					*marker_seen = 1;
					keys_read = got;
					from = end;
				}
			}
			last = now_ms();
		}
	}
	use_marker = *marker_seen;
	for (size_t k = 0; k < NKEYS; k++) {
		size_t len = strlen(keys[k].bytes);
		double start = now_ms(), end;

		if (write(fd, keys[k].bytes, len) != (ssize_t)len) {
			rc = 1;
			goto out;
		}
		end = wait_redraw(fd, start, keys_read + (long)k + 1);
		if (end < 0) {
			fprintf(stderr, "keys: no redraw after %s within %d s\n", keys[k].name,
				WAIT_MS / 1000);
			rc = 1;
			goto out;
		}
		t[k] = end - start;
	}
out:
	if (write(fd, "q", 1) != 1 || rc)
		kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	close(fd);
	return rc;
}

int main(int argc, char **argv)
{
	static double t[NKEYS][RUNS_MAX];
	int runs = argc > 2 ? atoi(argv[1]) : 0, marker = 0;

	if (runs < 1 || runs > RUNS_MAX) {
		fprintf(stderr, "usage: keys RUNS dorn-args...\n");
		return 64;
	}
	for (int r = 0; r < runs; r++) {
		double one[NKEYS];

		if (run_once(argv + 1, one, &marker))
			return 1;
		for (size_t k = 0; k < NKEYS; k++)
			t[k][r] = one[k];
	}
	printf("mode %s\n", marker ? "marker" : "quiet");
	for (size_t k = 0; k < NKEYS; k++) {
		qsort(t[k], (size_t)runs, sizeof t[k][0], cmp);
		printf("%s %.1f %.1f\n", keys[k].name, t[k][runs / 2], t[k][runs - 1]);
	}
	return 0;
}
