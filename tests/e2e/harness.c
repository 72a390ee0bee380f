/* End-to-end harness: forkpty plus libvterm. See harness.h. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pty.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <vterm.h>

#include "harness.h"

#define ENV_MAX 64
#define PATH_LEN 1024
#define DIR_LEN 256

struct h_term {
	char dir[DIR_LEN];
	char db[PATH_LEN];
	pid_t pid;           /* 0 when no child */
	int status;          /* raw waitpid status once reaped */
	int reaped;
	int master;          /* -1 when none */
	int eof;             /* the child closed the terminal */
	VTerm *vt;
	VTermScreen *screen;
	int rows, cols;
	int altscreen;
	int cursor_visible;
	/* The ready marker (see ready_mark in src/ui/ui.c) and the keys
	 * held back until the next wait, so they go in one write. */
	char mark[40];       /* bytes that may be the start of a marker */
	size_t mark_len;
	unsigned long ready_keys; /* keys read, as the last marker said */
	unsigned long want_keys;  /* a marker saying fewer is stale */
	int quiet;           /* blocked for input after everything sent */
	int keying;          /* libvterm's output is a key, not an answer */
	char in[4096];
	size_t in_len;
	char *text;          /* h_row_text / h_screen_text result */
	size_t text_cap;
	char *env[ENV_MAX + 1];
	char env_store[ENV_MAX][PATH_LEN];
	/* On a server (DORN_E2E_DB_URL): its administrator's connection
	 * string and this test's own database on it; "" on SQLite. */
	char pg_admin[PATH_LEN];
	char pg_db[64];
	int pg_made;         /* pg_db exists: h_free drops it */
	char pg_url[PATH_LEN + 160]; /* a connection string built for one exec */
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- a server instead of a file (DORN_E2E_DB_URL) ----
 * The test's database is made when h_new_init runs dorn init --server on
 * it, and dropped by h_free; each run of dorn gets a connection string in
 * place of --db DB and of --as LOGIN (see child_exec). */

static void server_new(struct h_term *t)
{
	static unsigned serial;
	const char *admin = getenv("DORN_E2E_DB_URL");

	if (!admin || !*admin)
		return;
	snprintf(t->pg_admin, sizeof t->pg_admin, "%s", admin);
	snprintf(t->pg_db, sizeof t->pg_db, "dorn_e2e_%ld_%u", (long)getpid(), serial++);
}

int h_on_server(const struct h_term *t)
{
	return t->pg_db[0] != '\0';
}

/* The admin's connection string with user= and dbname= replaced: login
 * (NULL: the administrator's own) on the test's database (NULL: the
 * administrator's). Key=value form only, values without blanks. */
static const char *server_url(struct h_term *t, const char *login, const char *db)
{
	char copy[PATH_LEN], *tok, *save = NULL;
	size_t used = 0;

	snprintf(copy, sizeof copy, "%s", t->pg_admin);
	t->pg_url[0] = '\0';
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		if ((login && strncmp(tok, "user=", 5) == 0) ||
		    (db && strncmp(tok, "dbname=", 7) == 0))
			continue;
		used += (size_t)snprintf(t->pg_url + used, sizeof t->pg_url - used, "%s%s",
					 used ? " " : "", tok);
		if (used >= sizeof t->pg_url)
			return t->pg_url;
	}
	if (login)
		used += (size_t)snprintf(t->pg_url + used, sizeof t->pg_url - used, " user=%s",
					 login);
	if (db && used < sizeof t->pg_url)
		snprintf(t->pg_url + used, sizeof t->pg_url - used, " dbname=%s", db);
	return t->pg_url;
}

/* Who dorn is without --as: on SQLite the Unix login (the supervisor
 * dorn init registers); on a server the database login of that name. */
static const char *unix_login(char *name, size_t n)
{
	struct passwd *pw = getpwuid(getuid());
	const char *login = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : "dorn_e2e";

	if (name) {
		snprintf(name, n, "%s", pw && pw->pw_gecos && *pw->pw_gecos ? pw->pw_gecos : login);
		name[strcspn(name, ",")] = '\0';
		if (!*name)
			snprintf(name, n, "%s", login);
	}
	return login;
}

/* psql as the administrator, one statement, output dropped. 0 on success. */
static int server_sql(struct h_term *t, const char *sql)
{
	const char *url = server_url(t, NULL, NULL);
	int status, null;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		execlp("psql", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql,
		       (char *)NULL);
		fprintf(stderr, "harness: cannot run psql: %s\n", strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

struct h_term *h_new(void)
{
	static const char *const sub[] = { "home", "config", "data" };
	struct h_term *t = calloc(1, sizeof *t);
	const char *tmp = getenv("TMPDIR");
	char path[PATH_LEN + 16];
	size_t i;

	if (!t)
		return NULL;
	t->master = -1;
	snprintf(t->dir, sizeof t->dir, "%s/dorn-e2e-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(t->dir)) {
		free(t);
		return NULL;
	}
	for (i = 0; i < sizeof sub / sizeof sub[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", t->dir, sub[i]);
		mkdir(path, 0700);
	}
	snprintf(t->db, sizeof t->db, "%s/dorn.db", t->dir);
	server_new(t);
	return t;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void child_stop(struct h_term *t)
{
	if (t->pid > 0 && !t->reaped) {
		kill(t->pid, SIGKILL);
		waitpid(t->pid, &t->status, 0);
	}
	t->pid = 0;
	t->reaped = 0;
	if (t->master >= 0)
		close(t->master);
	t->master = -1;
	if (t->vt)
		vterm_free(t->vt);
	t->vt = NULL;
	t->screen = NULL;
	t->eof = 0;
	t->mark_len = 0;
	t->ready_keys = 0;
	t->want_keys = 0;
	t->quiet = 0;
	t->keying = 0;
	t->in_len = 0;
}

void h_free(struct h_term *t)
{
	if (!t)
		return;
	child_stop(t);
	if (t->pg_made) {
		char sql[128];

		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", t->pg_db);
		if (server_sql(t, sql))
			fprintf(stderr, "harness: could not drop database %s\n", t->pg_db);
	}
	nftw(t->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(t->text);
	free(t);
}

const char *h_dir(const struct h_term *t)
{
	return t->dir;
}

const char *h_db(const struct h_term *t)
{
	return t->db;
}

/* ---- environment and exec ---- */

static void env_put(struct h_term *t, size_t *n, const char *entry)
{
	size_t i, klen = strcspn(entry, "=");
	int removing = entry[klen] == '\0';

	for (i = 0; i < *n; i++) {
		if (strncmp(t->env[i], entry, klen) || t->env[i][klen] != '=')
			continue;
		if (removing) {
			t->env[i] = t->env[--*n];
			t->env[*n] = NULL;
		} else {
			snprintf(t->env_store[i], PATH_LEN, "%s", entry);
			t->env[i] = t->env_store[i];
		}
		return;
	}
	if (removing || *n >= ENV_MAX)
		return;
	snprintf(t->env_store[*n], PATH_LEN, "%s", entry);
	t->env[*n] = t->env_store[*n];
	t->env[++*n] = NULL;
}

static void env_build(struct h_term *t, const char *const extra[])
{
	static const char *const kept[] = { "USER", "LOGNAME", "DORN_DATADIR" };
	char entry[PATH_LEN];
	const char *v;
	size_t n = 0, i;

	t->env[0] = NULL;
	v = getenv("PATH");
	snprintf(entry, sizeof entry, "PATH=%s", v ? v : "/usr/bin:/bin");
	env_put(t, &n, entry);
	for (i = 0; i < sizeof kept / sizeof kept[0]; i++) {
		v = getenv(kept[i]);
		if (!v)
			continue;
		snprintf(entry, sizeof entry, "%s=%s", kept[i], v);
		env_put(t, &n, entry);
	}
	env_put(t, &n, "TERM=xterm-256color");
	env_put(t, &n, "LANG=C.UTF-8");
	env_put(t, &n, "LC_ALL=C.UTF-8");
	env_put(t, &n, "TZ=UTC");
	env_put(t, &n, "DORN_TEST_READY=1");
	snprintf(entry, sizeof entry, "HOME=%s/home", t->dir);
	env_put(t, &n, entry);
	snprintf(entry, sizeof entry, "XDG_CONFIG_HOME=%s/config", t->dir);
	env_put(t, &n, entry);
	snprintf(entry, sizeof entry, "XDG_DATA_HOME=%s/data", t->dir);
	env_put(t, &n, entry);
	for (i = 0; extra && extra[i]; i++)
		env_put(t, &n, extra[i]);
}

static const char *binary(void)
{
	const char *b = getenv("DORN_BIN");

	return b && *b ? b : "./dorn";
}

/* On a server, in the child: --db DB becomes --db with a connection
 * string to the test's database as the acting login, which is --as
 * LOGIN's (dropped: a server knows who connects, and refuses --as) or
 * else the Unix login's, as on SQLite. argv is NULL-terminated and only
 * shrinks. */
static void server_args(struct h_term *t, const char *argv[])
{
	const char *login = NULL;
	size_t i, j;

	for (i = 1; argv[i]; i++)
		if (strcmp(argv[i], "--as") == 0 && argv[i + 1]) {
			login = argv[i + 1];
			for (j = i; argv[j + 2]; j++)
				argv[j] = argv[j + 2];
			argv[j] = NULL;
			break;
		}
	for (i = 1; argv[i]; i++)
		if (strcmp(argv[i], "--db") == 0 && argv[i + 1] &&
		    strcmp(argv[i + 1], t->db) == 0)
			argv[i + 1] = server_url(t, login ? login : unix_login(NULL, 0), t->pg_db);
}

/* In the child: no core files in the repository from the crash test. */
static void child_exec(struct h_term *t, const char *const args[])
{
	const char *argv[32];
	struct rlimit rl = { 0, 0 };
	size_t i;

	setrlimit(RLIMIT_CORE, &rl);
	argv[0] = binary();
	for (i = 0; args && args[i] && i + 2 < sizeof argv / sizeof argv[0]; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	if (h_on_server(t))
		server_args(t, argv);
	execve(argv[0], (char *const *)argv, t->env);
	fprintf(stderr, "harness: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static int decode_status(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return -WTERMSIG(status);
	return H_NOT_EXITED;
}

static int run(struct h_term *t, const char *const args[], const char *const env[],
	       char *out, size_t outn, int with_stderr);

int h_run(struct h_term *t, const char *const args[], const char *const env[],
	  char *out, size_t outn)
{
	return run(t, args, env, out, outn, 1);
}

int h_run_stdout(struct h_term *t, const char *const args[], const char *const env[],
		 char *out, size_t outn)
{
	return run(t, args, env, out, outn, 0);
}

static int run(struct h_term *t, const char *const args[], const char *const env[],
	       char *out, size_t outn, int with_stderr)
{
	int fds[2], null, status;
	size_t used = 0;
	ssize_t r;
	char sink[256];
	pid_t pid;

	env_build(t, env);
	if (out && outn)
		out[0] = '\0';
	if (pipe(fds))
		return H_NOT_EXITED;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return H_NOT_EXITED;
	}
	if (pid == 0) {
		null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		dup2(fds[1], 1);
		if (with_stderr) {
			dup2(fds[1], 2);
		} else {
			close(null);
			null = open("/dev/null", O_WRONLY);
			dup2(null, 2);
		}
		close(fds[0]);
		close(fds[1]);
		child_exec(t, args);
	}
	close(fds[1]);
	for (;;) {
		if (out && used + 1 < outn)
			r = read(fds[0], out + used, outn - used - 1);
		else
			r = read(fds[0], sink, sizeof sink);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (out && used + 1 < outn) {
			used += (size_t)r;
			out[used] = '\0';
		}
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return H_NOT_EXITED;
	return decode_status(status);
}

/* ---- the terminal ---- */

static int on_termprop(VTermProp prop, VTermValue *val, void *user)
{
	struct h_term *t = user;

	if (prop == VTERM_PROP_ALTSCREEN)
		t->altscreen = val->boolean;
	else if (prop == VTERM_PROP_CURSORVISIBLE)
		t->cursor_visible = val->boolean;
	return 1;
}

static void write_all(int fd, const char *s, size_t n)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	ssize_t w;

	while (n) {
		w = write(fd, s, n);
		if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
			poll(&p, 1, 100);
			continue;
		}
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* Keys wait in t->in until the next wait, resize or signal, then go in
 * one write: the program finds them all waiting at once and answers with
 * one ready marker after the last, never one in between that a wait
 * could mistake for the end. */
static void in_flush(struct h_term *t)
{
	if (!t->in_len)
		return;
	if (t->master >= 0)
		write_all(t->master, t->in, t->in_len);
	t->in_len = 0;
	/* Every flush holds at least one key, and every earlier flush was
	 * answered or counted here, so a marker naming fewer keys than this
	 * was written before these arrived. */
	if (t->want_keys < t->ready_keys)
		t->want_keys = t->ready_keys;
	t->want_keys++;
	t->quiet = 0;
}

static void in_add(struct h_term *t, const char *s, size_t n)
{
	while (n) {
		size_t room = sizeof t->in - t->in_len, k = n < room ? n : room;

		memcpy(t->in + t->in_len, s, k);
		t->in_len += k;
		s += k;
		n -= k;
		if (t->in_len == sizeof t->in)
			in_flush(t);
	}
}

/* libvterm's answers to the program's queries go at once; encoded keys
 * wait with the others (h_key sets keying). */
static void on_output(const char *s, size_t len, void *user)
{
	struct h_term *t = user;

	if (t->keying)
		in_add(t, s, len);
	else if (t->master >= 0)
		write_all(t->master, s, len);
}

static const VTermScreenCallbacks screen_cbs = {
	.settermprop = on_termprop,
};

int h_spawn(struct h_term *t, const char *const args[], const char *const env[],
	    int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	pid_t pid;

	child_stop(t);
	env_build(t, env);
	t->rows = rows;
	t->cols = cols;
	t->altscreen = 0;
	t->cursor_visible = 1;
	t->vt = vterm_new(rows, cols);
	if (!t->vt)
		return -1;
	vterm_set_utf8(t->vt, 1);
	t->screen = vterm_obtain_screen(t->vt);
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_set_callbacks(t->screen, &screen_cbs, t);
	vterm_screen_reset(t->screen, 1);
	vterm_output_set_callback(t->vt, on_output, t);

	pid = forkpty(&t->master, NULL, NULL, &ws);
	if (pid < 0)
		return -1;
	if (pid == 0)
		child_exec(t, args);
	t->pid = pid;
	fcntl(t->master, F_SETFL, fcntl(t->master, F_GETFL) | O_NONBLOCK);
	return 0;
}

/* ---- the ready marker: ESC _ dorn-ready;KEYS ESC \ ---- */

static const char mark_head[] = "\033_dorn-ready;";
#define MARK_HEAD (sizeof mark_head - 1)

/* m[0..n) against the marker: 0 it is not one, 1 it may be (more is
 * needed), 2 it is one (*keys is its count). */
static int mark_match(const char *m, size_t n, unsigned long *keys)
{
	size_t i;

	if (n <= MARK_HEAD)
		return memcmp(m, mark_head, n) ? 0 : 1;
	if (memcmp(m, mark_head, MARK_HEAD))
		return 0;
	for (i = MARK_HEAD; i < n && m[i] >= '0' && m[i] <= '9'; i++)
		;
	if (i == n)
		return n - MARK_HEAD < 20;
	if (i == MARK_HEAD || m[i] != '\033')
		return 0;
	if (i + 1 == n)
		return 1;
	if (m[i + 1] != '\\' || i + 2 != n)
		return 0;
	*keys = strtoul(m + MARK_HEAD, NULL, 10);
	return 2;
}

static void marker_seen(struct h_term *t, unsigned long keys)
{
	t->ready_keys = keys;
	if (keys >= t->want_keys)
		t->quiet = 1;
}

/* Feed the program's output to libvterm without the markers, which may
 * be split across reads: a possible start is held in t->mark until it
 * proves to be a marker (dropped and counted) or not (fed on). */
static void feed(struct h_term *t, const char *buf, size_t n)
{
	unsigned long keys;
	size_t i, from = 0;
	int m;

	for (i = 0; i < n; i++) {
		if (!t->mark_len) {
			if (buf[i] != '\033')
				continue;
			vterm_input_write(t->vt, buf + from, i - from);
			from = i + 1;
			t->mark[t->mark_len++] = buf[i];
			continue;
		}
		from = i + 1;
		t->mark[t->mark_len++] = buf[i];
		m = mark_match(t->mark, t->mark_len, &keys);
		if (m == 1)
			continue;
		if (m == 2) {
			marker_seen(t, keys);
			t->mark_len = 0;
			continue;
		}
		/* Not a marker; this byte may begin the next one. */
		if (buf[i] == '\033') {
			vterm_input_write(t->vt, t->mark, t->mark_len - 1);
			t->mark[0] = '\033';
			t->mark_len = 1;
		} else {
			vterm_input_write(t->vt, t->mark, t->mark_len);
			t->mark_len = 0;
		}
	}
	if (from < n)
		vterm_input_write(t->vt, buf + from, n - from);
}

/* Wait up to timeout_ms for output and feed all of it to libvterm.
 * 1: got some; 0: none in time; -1: the terminal was closed. */
static int pump(struct h_term *t, int timeout_ms)
{
	struct pollfd p = { .fd = t->master, .events = POLLIN };
	char buf[4096];
	ssize_t r;
	int got = 0, n;

	if (t->master < 0 || t->eof)
		return -1;
	n = poll(&p, 1, timeout_ms < 0 ? 0 : timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -1;
	if (n == 0)
		return 0;
	for (;;) {
		r = read(t->master, buf, sizeof buf);
		if (r > 0) {
			feed(t, buf, (size_t)r);
			got = 1;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			return got;
		/* EIO or 0: every copy of the slave side is closed. What was
		 * held as a possible marker was not one. */
		vterm_input_write(t->vt, t->mark, t->mark_len);
		t->mark_len = 0;
		t->eof = 1;
		return got ? 1 : -1;
	}
}

/* Until the program is blocked for input after everything sent (1), the
 * terminal closed (1) or the deadline passed (0). */
static int wait_quiet(struct h_term *t, long long deadline)
{
	long long left;

	in_flush(t);
	while (!t->quiet) {
		left = deadline - now_ms();
		if (left <= 0)
			return 0;
		if (pump(t, (int)left) < 0)
			return 1;
	}
	return 1;
}

int h_wait_idle(struct h_term *t)
{
	return wait_quiet(t, now_ms() + H_TIMEOUT_MS);
}

int h_wait_text(struct h_term *t, const char *s, int timeout_ms)
{
	/* Once quiet, nothing changes until the next key: no need to wait
	 * out the time when s is not there. */
	if (!wait_quiet(t, now_ms() + timeout_ms))
		return h_screen_contains(t, s);
	return h_screen_contains(t, s);
}

void h_send(struct h_term *t, const char *s)
{
	in_add(t, s, strlen(s));
}

void h_key(struct h_term *t, enum h_key k)
{
	static const struct {
		VTermKey key;
		VTermModifier mod;
	} map[] = {
		[H_ESC] = { VTERM_KEY_ESCAPE, VTERM_MOD_NONE },
		[H_ENTER] = { VTERM_KEY_ENTER, VTERM_MOD_NONE },
		[H_UP] = { VTERM_KEY_UP, VTERM_MOD_NONE },
		[H_DOWN] = { VTERM_KEY_DOWN, VTERM_MOD_NONE },
		[H_PGUP] = { VTERM_KEY_PAGEUP, VTERM_MOD_NONE },
		[H_PGDN] = { VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE },
		[H_HOME] = { VTERM_KEY_HOME, VTERM_MOD_NONE },
		[H_END] = { VTERM_KEY_END, VTERM_MOD_NONE },
		[H_F1] = { VTERM_KEY_FUNCTION(1), VTERM_MOD_NONE },
		[H_TAB] = { VTERM_KEY_TAB, VTERM_MOD_NONE },
		[H_BTAB] = { VTERM_KEY_TAB, VTERM_MOD_SHIFT },
		[H_LEFT] = { VTERM_KEY_LEFT, VTERM_MOD_NONE },
		[H_RIGHT] = { VTERM_KEY_RIGHT, VTERM_MOD_NONE },
		[H_BACKSPACE] = { VTERM_KEY_BACKSPACE, VTERM_MOD_NONE },
		[H_DEL] = { VTERM_KEY_DEL, VTERM_MOD_NONE },
		[H_CLEFT] = { VTERM_KEY_LEFT, VTERM_MOD_CTRL },
		[H_CRIGHT] = { VTERM_KEY_RIGHT, VTERM_MOD_CTRL },
	};

	if (!t->vt)
		return;
	t->keying = 1;
	vterm_keyboard_key(t->vt, map[k].key, map[k].mod);
	t->keying = 0;
}

void h_resize(struct h_term *t, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };

	in_flush(t);
	/* The kernel sends no SIGWINCH for the same size, so no marker
	 * would come. */
	if (rows == t->rows && cols == t->cols)
		return;
	t->rows = rows;
	t->cols = cols;
	vterm_set_size(t->vt, rows, cols);
	ioctl(t->master, TIOCSWINSZ, &ws);
	/* The program reads the resize as a key. */
	if (t->want_keys < t->ready_keys)
		t->want_keys = t->ready_keys;
	t->want_keys++;
	t->quiet = 0;
}

void h_kill(struct h_term *t, int sig)
{
	in_flush(t);
	if (t->pid > 0 && !t->reaped)
		kill(t->pid, sig);
}

int h_wait_exit(struct h_term *t, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	pid_t r;

	if (t->pid <= 0)
		return H_NOT_EXITED;
	in_flush(t);
	while (!t->reaped) {
		r = waitpid(t->pid, &t->status, WNOHANG);
		if (r == t->pid) {
			t->reaped = 1;
			break;
		}
		if (now_ms() >= deadline)
			return H_NOT_EXITED;
		/* Output wakes us; so does the terminal closing. Keep reading
		 * so the child never blocks on a full pty. */
		if (pump(t, 50) < 0)
			poll(NULL, 0, 5);
	}
	while (pump(t, 50) > 0)
		;
	return decode_status(t->status);
}

/* ---- reading the screen ---- */

static int text_reserve(struct h_term *t, size_t need)
{
	char *p;

	if (need <= t->text_cap)
		return 0;
	p = realloc(t->text, need);
	if (!p)
		return -1;
	t->text = p;
	t->text_cap = need;
	return 0;
}

static size_t utf8_put(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Append row to t->text at *len. */
static void row_append(struct h_term *t, int row, size_t *len)
{
	VTermScreenCell cell;
	VTermPos pos = { .row = row };
	size_t end = *len;
	int i;

	if (!t->screen || text_reserve(t, *len + (size_t)t->cols * 4 * 6 + 2))
		return;
	for (pos.col = 0; pos.col < t->cols;) {
		if (!vterm_screen_get_cell(t->screen, pos, &cell))
			break;
		if (!cell.chars[0]) {
			t->text[(*len)++] = ' ';
		} else {
			for (i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
				*len += utf8_put(t->text + *len, cell.chars[i]);
			end = *len;
		}
		pos.col += cell.width > 0 ? cell.width : 1;
	}
	*len = end; /* without the trailing blanks */
	t->text[*len] = '\0';
}

const char *h_row_text(struct h_term *t, int row)
{
	size_t len = 0;

	if (text_reserve(t, 1))
		return "";
	t->text[0] = '\0';
	if (row >= 0 && row < t->rows)
		row_append(t, row, &len);
	return t->text;
}

const char *h_screen_text(struct h_term *t)
{
	size_t len = 0;
	int row;

	if (text_reserve(t, 1))
		return "";
	t->text[0] = '\0';
	for (row = 0; row < t->rows; row++) {
		row_append(t, row, &len);
		if (text_reserve(t, len + 2))
			break;
		t->text[len++] = '\n';
		t->text[len] = '\0';
	}
	return t->text;
}

/* Row by row, so a match never spans two lines. */
int h_screen_contains(struct h_term *t, const char *s)
{
	int row;

	for (row = 0; row < t->rows; row++)
		if (strstr(h_row_text(t, row), s))
			return 1;
	return 0;
}

int h_rows(const struct h_term *t)
{
	return t->rows;
}

int h_cols(const struct h_term *t)
{
	return t->cols;
}

int h_row_colour(struct h_term *t, int row)
{
	VTermScreenCell cell;
	VTermPos pos = { .row = row };

	if (!t->screen)
		return 0;
	for (pos.col = 0; pos.col < t->cols; pos.col++) {
		if (!vterm_screen_get_cell(t->screen, pos, &cell))
			break;
		if (!VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) ||
		    !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg))
			return 1;
	}
	return 0;
}

int h_any_colour(struct h_term *t)
{
	int row;

	for (row = 0; row < t->rows; row++)
		if (h_row_colour(t, row))
			return 1;
	return 0;
}

int h_cursor_visible(const struct h_term *t)
{
	return t->cursor_visible;
}

void h_cursor_pos(const struct h_term *t, int *row, int *col)
{
	VTermPos pos = { -1, -1 };

	if (t->vt)
		vterm_state_get_cursorpos(vterm_obtain_state(t->vt), &pos);
	*row = pos.row;
	*col = pos.col;
}

int h_altscreen(const struct h_term *t)
{
	return t->altscreen;
}

int h_tty_sane(const struct h_term *t)
{
	struct termios tio;

	if (t->master < 0 || tcgetattr(t->master, &tio))
		return 0;
	return (tio.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO);
}

void h_dump(struct h_term *t, const char *why)
{
	fprintf(stderr, "---- screen %dx%d (%s) altscreen=%d cursor=%d ----\n%s----\n",
		t->cols, t->rows, why, t->altscreen, t->cursor_visible, h_screen_text(t));
}

/* ---- the key table, as the binary prints it ---- */

#define KEYS_MAX 64
#define KEYS_TEXT 16384

static char keys_text[KEYS_TEXT];
static struct h_keydoc keys[KEYS_MAX];
static size_t nkeys;

/* dorn --help-keys prints a heading per group ("Moving:"), then a row
 * per key: two blanks, the label padded to the widest, two blanks, the
 * description. Labels have single blanks inside ("Up or k"). */
static int keys_parse(char *text)
{
	char *line, *save = NULL, *doc;

	nkeys = 0;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "  ", 2))
			continue; /* a group heading */
		doc = strstr(line + 2, "  ");
		if (!doc || nkeys == KEYS_MAX)
			return -1;
		*doc = '\0';
		doc += strspn(doc + 1, " ") + 1;
		keys[nkeys].label = line + 2;
		keys[nkeys].doc = doc;
		nkeys++;
	}
	return nkeys ? 0 : -1;
}

const struct h_keydoc *h_keys(struct h_term *t, size_t *n)
{
	static const char *const args[] = { "--help-keys", NULL };
	int rc;

	if (!nkeys) {
		rc = h_run_stdout(t, args, NULL, keys_text, sizeof keys_text);
		if (rc || keys_parse(keys_text))
			fail_msg("dorn --help-keys exited %d, or printed no key table:\n%s", rc,
				 keys_text);
	}
	*n = nkeys;
	return keys;
}

/* The row shows key k: label then description, on one line. */
static int row_shows_key(const char *row, const struct h_keydoc *k)
{
	size_t n = strlen(k->label);

	row += strspn(row, " ");
	if (strncmp(row, k->label, n) || row[n] != ' ')
		return 0;
	row += n;
	row += strspn(row, " ");
	return strcmp(row, k->doc) == 0;
}

int h_help_missing(struct h_term *t)
{
	int found[KEYS_MAX] = { 0 }, page, row, missing = 0;
	const struct h_keydoc *kd;
	size_t k, n;

	kd = h_keys(t, &n);
	/* Page through, in case the list is longer than the screen. */
	for (page = 0; page < 8; page++) {
		h_wait_idle(t);
		for (row = 0; row < t->rows; row++)
			for (k = 0; k < n; k++)
				found[k] |= row_shows_key(h_row_text(t, row), &kd[k]);
		h_key(t, H_PGDN);
	}
	for (k = 0; k < n; k++) {
		if (!found[k]) {
			fprintf(stderr, "help lacks: %s  %s\n", kd[k].label, kd[k].doc);
			missing++;
		}
	}
	if (missing)
		h_dump(t, "help");
	return missing;
}

/* ---- checks the journeys share ----
 * cmocka's fail_msg and assert_* name the line they are written on; these
 * report the journey's file and line instead, through the functions those
 * macros expand to. */

static void fail_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

static void fail_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
	print_error("\n");
	_fail(file, line);
	abort(); /* _fail jumps back to cmocka; not reached */
}

static void idle_at(struct h_term *t, const char *file, int line)
{
	_assert_true(cast_to_largest_integral_type(h_wait_idle(t)), "h_wait_idle(t)", file,
		     line);
}

void h_expect_text_at(struct h_term *t, const char *s, const char *file, int line)
{
	if (!h_wait_text(t, s, H_TIMEOUT_MS)) {
		h_dump(t, s);
		fail_at(file, line, "ERROR: the screen never showed \"%s\"", s);
	}
	idle_at(t, file, line);
}

void h_expect_no_text_at(struct h_term *t, const char *s, const char *file, int line)
{
	idle_at(t, file, line);
	if (h_screen_contains(t, s)) {
		h_dump(t, s);
		fail_at(file, line, "ERROR: the screen still shows \"%s\"", s);
	}
}

void h_expect_said_at(struct h_term *t, const char *s, const char *file, int line)
{
	const char *p;
	char *joined;
	size_t n = 0;

	idle_at(t, file, line);
	p = h_screen_text(t);
	joined = calloc(1, strlen(p) + 1);
	if (!joined)
		fail_at(file, line, "ERROR: out of memory");
	for (; *p; p++) {
		if (*p != '\n') {
			joined[n++] = *p;
			continue;
		}
		/* The row's end (blanks a program drew count too) and the next
		 * row's leading blanks are one blank. */
		while (n && joined[n - 1] == ' ')
			n--;
		while (p[1] == ' ')
			p++;
		if (n)
			joined[n++] = ' ';
	}
	if (!strstr(joined, s)) {
		free(joined);
		h_dump(t, s);
		fail_at(file, line, "ERROR: the screen never said \"%s\"", s);
	}
	free(joined);
}

#define GOLDEN_DIR "tests/e2e/golden"
#define GOLDEN_MAX 65536

/* The next row of s (up to '\n') into row; s after it. */
static const char *next_row(const char *s, char *row, size_t n)
{
	size_t len = strcspn(s, "\n");

	snprintf(row, n, "%.*s", (int)len, s);
	return s[len] ? s + len + 1 : s + len;
}

/* The screen as a golden file holds it: every row without trailing
 * blanks, also those a program drew as spaces (an empty field), which
 * h_screen_text keeps. */
static void golden_text(struct h_term *t, char *out, size_t n)
{
	size_t len = 0, end;
	int row;

	for (row = 0; row < t->rows && len + 1 < n; row++) {
		snprintf(out + len, n - len, "%s", h_row_text(t, row));
		end = len + strlen(out + len);
		while (end > len && out[end - 1] == ' ')
			end--;
		len = end;
		if (len + 1 < n)
			out[len++] = '\n';
		out[len] = '\0';
	}
}

void h_expect_screen_at(struct h_term *t, const char *name, const char *file, int line)
{
	const char *update = getenv("DORN_UPDATE_GOLDEN");
	char path[PATH_LEN], want[GOLDEN_MAX], got[GOLDEN_MAX], wrow[1024], grow[1024];
	const char *w, *g;
	size_t n;
	int row, bad = 0;
	FILE *f;

	idle_at(t, file, line);
	golden_text(t, got, sizeof got);
	snprintf(path, sizeof path, "%s/%s.txt", GOLDEN_DIR, name);
	if (update && !strcmp(update, "1")) {
		f = fopen(path, "w");
		if (!f || fputs(got, f) == EOF || fclose(f))
			fail_at(file, line, "ERROR: cannot write %s: %s", path, strerror(errno));
		fprintf(stderr, "wrote %s: read the diff before committing it\n", path);
		return;
	}
	f = fopen(path, "r");
	if (!f)
		fail_at(file, line, "ERROR: cannot read %s: %s (DORN_UPDATE_GOLDEN=1 "
			"writes it)", path, strerror(errno));
	n = fread(want, 1, sizeof want - 1, f);
	fclose(f);
	want[n] = '\0';
	if (!strcmp(want, got))
		return;
	fprintf(stderr, "--- %s\n+++ the screen (%dx%d)\n", path, t->cols, t->rows);
	for (row = 0, w = want, g = got; *w || *g; row++) {
		w = next_row(w, wrow, sizeof wrow);
		g = next_row(g, grow, sizeof grow);
		if (!strcmp(wrow, grow))
			continue;
		fprintf(stderr, "@@ row %d @@\n-%s\n+%s\n", row + 1, wrow, grow);
		bad++;
	}
	fail_at(file, line, "ERROR: the screen differs from %s in %d row%s", path, bad,
		bad == 1 ? "" : "s");
}

void h_expect_exit_at(struct h_term *t, int want, const char *file, int line)
{
	int got = h_wait_exit(t, H_TIMEOUT_MS);

	if (got != want) {
		h_dump(t, "exit");
		fail_at(file, line, "ERROR: exit status %d, wanted %d "
			"(negative: killed by that signal)", got, want);
	}
}

void h_expect_help_lists_at(struct h_term *t, const char *const docs[], size_t n,
			    const char *file, int line)
{
	uint64_t seen = 0; /* a bit a text: no allocation to leak on failure */
	size_t i, missing = 0;
	int page;

	if (n > 64)
		fail_at(file, line, "ERROR: %zu help texts, the harness checks at most 64", n);
	h_send(t, "?");
	h_expect_text_at(t, "Help: keys", file, line);
	for (page = 0; page < 6; page++) {
		for (i = 0; i < n; i++)
			if (h_screen_contains(t, docs[i]))
				seen |= (uint64_t)1 << i;
		h_key(t, H_PGDN);
		idle_at(t, file, line);
	}
	for (i = 0; i < n; i++) {
		if (!(seen & (uint64_t)1 << i)) {
			fprintf(stderr, "help never showed: %s\n", docs[i]);
			missing++;
		}
	}
	if (missing)
		fail_at(file, line, "ERROR: the help screen never showed %zu of %zu texts",
			missing, n);
	h_key(t, H_ESC);
}

/* ---- dorn on the test database ---- */

int h_run_ok(struct h_term *t, const char *const args[], const char *const env[],
	     char *out, size_t outn)
{
	const char *argv[16] = { "--db", t->db };
	char buf[4096];
	size_t i;
	int rc;

	for (i = 0; args[i]; i++) {
		/* Refuse rather than run a shortened command. */
		if (i + 3 >= sizeof argv / sizeof argv[0]) {
			fprintf(stderr, "harness: too many arguments for dorn %s\n", args[0]);
			return H_NOT_EXITED;
		}
		argv[i + 2] = args[i];
	}
	argv[i + 2] = NULL;
	if (out)
		rc = h_run_stdout(t, argv, env, out, outn);
	else
		rc = h_run(t, argv, env, buf, sizeof buf);
	if (rc) {
		fprintf(stderr, "dorn");
		for (i = 0; argv[i]; i++)
			fprintf(stderr, " %s", argv[i]);
		if (h_on_server(t))
			fprintf(stderr, " (on server database %s)", t->pg_db);
		fprintf(stderr, " exited %d:\n%s\n", rc, out ? out : buf);
	}
	return rc;
}

/* On a server: a database of the test's own, and dorn init --server on
 * it by the administrator, with the Unix login (as dorn init registers
 * on SQLite) as the first supervisor of unit U1. */
static int server_init(struct h_term *t, const char *const env[])
{
	char sql[128], name[128], url[PATH_LEN + 160], out[4096];
	const char *login = unix_login(name, sizeof name);
	const char *args[] = { "init", "--server", url, "--unit", "U1", "--unit-name",
			       "Test Unit", "--supervisor", login, "--name", name, NULL };
	int rc;

	snprintf(sql, sizeof sql, "CREATE DATABASE %s", t->pg_db);
	if (server_sql(t, sql)) {
		fprintf(stderr, "harness: could not make database %s on %s\n", t->pg_db,
			t->pg_admin);
		return -1;
	}
	t->pg_made = 1;
	snprintf(url, sizeof url, "%s", server_url(t, NULL, t->pg_db));
	rc = h_run(t, args, env, out, sizeof out);
	if (rc)
		fprintf(stderr, "dorn init --server %s exited %d:\n%s\n", url, rc, out);
	return rc ? -1 : 0;
}

struct h_term *h_new_init(const char *const env[])
{
	static const char *const init[] = { "init", NULL };
	struct h_term *t = h_new();

	if (t && h_on_server(t)) {
		if (server_init(t, env)) {
			h_free(t);
			return NULL;
		}
		return t;
	}
	if (t && h_run_ok(t, init, env, NULL, 0)) {
		h_free(t);
		return NULL;
	}
	return t;
}

int h_setup_init(void **state)
{
	*state = h_new_init(NULL);
	return *state ? 0 : -1;
}

int h_teardown(void **state)
{
	h_free(*state);
	return 0;
}

/* ---- JSON ---- */

static int json_text(const json_t *v, char *out, size_t outn)
{
	char *dump;

	switch (json_typeof(v)) {
	case JSON_STRING:
		snprintf(out, outn, "%s", json_string_value(v));
		return H_JSON_STRING;
	case JSON_INTEGER:
		snprintf(out, outn, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return H_JSON_NUMBER;
	case JSON_REAL:
		snprintf(out, outn, "%.17g", json_real_value(v));
		return H_JSON_NUMBER;
	case JSON_TRUE:
		snprintf(out, outn, "true");
		return H_JSON_WORD;
	case JSON_FALSE:
		snprintf(out, outn, "false");
		return H_JSON_WORD;
	case JSON_NULL:
		snprintf(out, outn, "null");
		return H_JSON_WORD;
	default:
		dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		snprintf(out, outn, "%s", dump ? dump : "(cannot print)");
		free(dump);
		return H_JSON_TREE;
	}
}

/* An array index is digits only: "x" or "-1" on an array is missing, not
 * element 0. */
static int json_index(const char *s, size_t *idx)
{
	char *end;

	if (*s < '0' || *s > '9')
		return 0;
	*idx = (size_t)strtoul(s, &end, 10);
	return *end == '\0';
}

int h_json(const char *doc, const char *path, char *out, size_t outn)
{
	json_error_t err;
	json_t *root = json_loads(doc, 0, &err), *v;
	const char *p = path;
	char key[256];
	size_t n, idx;
	int kind;

	if (!root) {
		snprintf(out, outn, "(not JSON: line %d: %s)", err.line, err.text);
		return H_JSON_BAD;
	}
	for (v = root;; p += n + 1) {
		n = strcspn(p, ".");
		snprintf(key, sizeof key, "%.*s", (int)n, p);
		if (json_is_object(v))
			v = json_object_get(v, key);
		else if (json_is_array(v) && json_index(key, &idx))
			v = json_array_get(v, idx);
		else
			v = NULL;
		if (!v) {
			if (p == path)
				snprintf(out, outn, "(missing: the document has no \"%s\")", key);
			else
				snprintf(out, outn, "(missing: %.*s has no \"%s\")",
					 (int)(p - 1 - path), path, key);
			json_decref(root);
			return H_JSON_MISSING;
		}
		if (!p[n])
			break;
	}
	kind = json_text(v, out, outn);
	json_decref(root);
	return kind;
}

char *h_show_json_at(struct h_term *t, const char *urn, const char *const env[],
		     const char *file, int line)
{
	const char *args[] = { "show", urn, "--format", "json", NULL };
	char *doc = calloc(1, H_JSON_MAX);
	int rc;

	if (!doc)
		fail_at(file, line, "ERROR: no memory for the JSON of %s", urn);
	rc = h_run_ok(t, args, env, doc, H_JSON_MAX);
	if (rc) {
		free(doc);
		fail_at(file, line, "ERROR: dorn show %s exited %d", urn, rc);
	}
	return doc;
}

void h_expect_json_at(const char *doc, const char *path, const char *want,
		      const char *file, int line)
{
	char got[4096];

	if (h_json(doc, path, got, sizeof got) < 0)
		fail_at(file, line, "ERROR: %s: %s, wanted \"%s\"", path, got, want);
	if (strcmp(got, want))
		fail_at(file, line, "ERROR: %s: got \"%s\", wanted \"%s\"", path, got, want);
}

void h_expect_no_json_at(const char *doc, const char *path, const char *file, int line)
{
	char got[4096];
	int kind = h_json(doc, path, got, sizeof got);

	if (kind != H_JSON_MISSING)
		fail_at(file, line, "ERROR: %s: wanted nothing there, got %s", path, got);
}
