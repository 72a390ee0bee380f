/* Time from starting dorn on a pseudo-terminal to its first full screen:
 * the moment the footer's "? Help" has been written (the footer is drawn
 * with the rest of the first screen in one update). Prints the median of
 * RUNS in ms and the largest peak resident memory in MiB, as two numbers on
 * one line for bench/run.sh. Usage: firstscreen RUNS dorn-args... */
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

int main(int argc, char **argv)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	double t[32];
	long maxrss = 0;
	int runs = argc > 2 ? atoi(argv[1]) : 0;

	if (runs < 1 || runs > 32)
		return 64;
	for (int r = 0; r < runs; r++) {
		char buf[65536];
		size_t have = 0;
		double start = now_ms();
		struct rusage ru;
		int fd, status;
		pid_t pid = forkpty(&fd, NULL, NULL, &ws);

		if (pid == 0) {
			setenv("TERM", "xterm-256color", 1);
			setenv("LANG", "C.UTF-8", 1);
			execv("./dorn", argv + 1);
			_exit(127);
		}
		t[r] = -1;
		while (now_ms() - start < 5000) {
			struct pollfd p = { fd, POLLIN, 0 };
			ssize_t n;

			if (poll(&p, 1, 100) <= 0)
				continue;
			n = read(fd, buf + have, sizeof buf - 1 - have);
			if (n <= 0)
				break;
			have += (size_t)n;
			buf[have] = '\0';
			if (strstr(buf, "? Help")) {
				t[r] = now_ms() - start;
				break;
			}
			if (have > sizeof buf - 2)
				have = 0;
		}
		if (write(fd, "q", 1) != 1)
			kill(pid, SIGTERM);
		if (wait4(pid, &status, 0, &ru) == pid && ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
		close(fd);
		if (t[r] < 0) {
			fprintf(stderr, "firstscreen: no first screen within 5 s\n");
			return 1;
		}
	}
	qsort(t, (size_t)runs, sizeof t[0], cmp);
	printf("%.1f %.1f\n", t[runs / 2], (double)maxrss / 1024.0);
	return 0;
}
