/* Export files on disk: folders opened without following symbolic links,
 * files written to temporary files first and put in place only once the
 * caller has recorded the export, never replacing a different file, and
 * the SHA256SUMS file that lets anyone show later, with `dorn verify` or
 * `sha256sum -c`, that what is in the case file is what was exported.
 *
 * Every name is resolved relative to a folder's descriptor: a path string
 * is never looked up twice, so a folder swapped for a link between two
 * steps cannot send a file elsewhere. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/export.h"
#include "dorn/hash.h"
#include "dorn/text.h"

#define SUMS DORN_EXPORT_SUMS
#define CHUNK 65536
#define SUMS_MAX (16u << 20) /* a SHA256SUMS larger than this is not dorn's */

#define WRITE_HINT "check the folder exists and you may write there"
/* dorn never writes through a symbolic link, so that no file can end up
 * elsewhere: what to do instead, for the export folder's own path and for
 * what is under it. */
#define LINK_HINT_PATH                                                          \
	"dorn never writes through one: give the real folder (realpath prints it) " \
	"with --out or [export] dir, or remove the link"
#define LINK_HINT_UNDER                                                          \
	"dorn never writes through one: remove the link (dorn makes its folders and " \
	"files itself), or export to another folder (--out)"

/* A folder that dorn_export_open made, so that a failed export can take
 * it away again. */
struct dorn_xmade {
	int parent; /* a descriptor of the folder it was made in */
	char name[NAME_MAX + 1];
};

/* One line of SHA256SUMS. */
struct sum {
	char *name;
	char hex[DORN_SHA256_HEX];
};

struct sums {
	struct sum *v;
	size_t n, cap;
};

/* A name that stays inside its folder and prints as itself. */
static int good_name(const char *name)
{
	return name && *name && !strchr(name, '/') && !strstr(name, "..") &&
	       strcmp(name, ".") != 0 && !strchr(name, '\\') && !dorn_text_has_control(name, 0);
}

static int write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Make sure the folder's entries are on disk after a link or rename. Some
 * filesystems cannot fsync a folder (EINVAL): nothing more can be done. */
static int sync_fd(int fd)
{
	return fsync(fd) != 0 && errno != EINVAL ? -1 : 0;
}

/* Open dfd/name for reading, never through a link and never blocking on a
 * FIFO someone left there; -1 with errno (ELOOP for a link, EISDIR or
 * EINVAL for anything but a regular file). */
static int open_file(int dfd, const char *name)
{
	struct stat st;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	return fd;
}

/* ---- folders ---- */

static void xdir_init(struct dorn_xdir *d)
{
	d->fd = -1;
	d->path[0] = '\0';
	d->made = NULL;
	d->nmade = d->cap = 0;
}

/* What went wrong with the folder shown (a prefix of the path). */
static int folder_err(struct dorn_err *err, const char *path, const char *shown, int under,
		      int dfd, const char *comp, int e)
{
	struct stat st;

	if (fstatat(dfd, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
		return dorn_err_set(err, DORN_ECANTCREAT, "%s is a symbolic link: %s", shown,
				    under ? LINK_HINT_UNDER : LINK_HINT_PATH);
	if (e == ENOTDIR)
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot open the folder %s: %s is not "
				    "a folder: export to another folder (--out)", path, shown);
	return dorn_err_set(err, DORN_ECANTCREAT, "cannot open the folder %s: %s: %s", shown,
			    strerror(e), WRITE_HINT);
}

static int remember_made(struct dorn_xdir *d, int parent, const char *name)
{
	int fd;

	if (dorn_grow(&d->made, &d->cap, d->nmade + 1, sizeof *d->made))
		return -1;
	fd = fcntl(parent, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	d->made[d->nmade].parent = fd;
	snprintf(d->made[d->nmade].name, sizeof d->made[d->nmade].name, "%s", name);
	d->nmade++;
	return 0;
}

int dorn_export_open(struct dorn_xdir *d, const struct dorn_xdir *at, const char *path,
		     struct dorn_err *err)
{
	char comp[NAME_MAX + 1], shown[PATH_MAX];
	const char *p = path;
	size_t n, base;
	int fd, next, rc = 0, len;

	xdir_init(d);
	if (!path || !*path)
		return dorn_err_set(err, DORN_ECANTCREAT, "no export folder given");
	len = at ? snprintf(d->path, sizeof d->path, "%s/%s", at->path, path)
		 : snprintf(d->path, sizeof d->path, "%s", path);
	if (len < 0 || (size_t)len >= sizeof d->path)
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot open the folder %s: %s", path,
				    strerror(ENAMETOOLONG));
	base = at ? strlen(at->path) + 1 : 0;
	if (at)
		fd = fcntl(at->fd, F_DUPFD_CLOEXEC, 0);
	else
		fd = open(*path == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot open the folder %s: %s: %s",
				    at ? at->path : *path == '/' ? "/" : ".", strerror(errno),
				    WRITE_HINT);
	/* One component at a time, each opened from its parent without
	 * following a link, so the folder reached is the one named. */
	while (!rc && *(p += strspn(p, "/"))) {
		n = strcspn(p, "/");
		if (n >= sizeof comp) {
			rc = dorn_err_set(err, DORN_ECANTCREAT, "cannot open the folder %s: %s",
					  d->path, strerror(ENAMETOOLONG));
			break;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		p += n;
		/* the path up to here, for messages: a prefix of d->path */
		memcpy(shown, d->path, base + (size_t)(p - path));
		shown[base + (size_t)(p - path)] = '\0';
		if (strcmp(comp, ".") == 0)
			continue;
		next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT) {
			if (mkdirat(fd, comp, 0700) == 0) {
				if (remember_made(d, fd, comp) != 0) {
					rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
					break;
				}
			} else if (errno != EEXIST) {
				rc = dorn_err_set(err, DORN_ECANTCREAT,
						  "cannot create the folder %s: %s: %s", shown,
						  strerror(errno), WRITE_HINT);
				break;
			}
			next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		}
		if (next < 0) {
			rc = folder_err(err, d->path, shown, at != NULL, fd, comp, errno);
			break;
		}
		close(fd);
		fd = next;
	}
	if (rc) {
		close(fd);
		return rc;
	}
	d->fd = fd;
	/* Two exports to one folder take turns, so neither loses the other's
	 * SHA256SUMS lines. Best effort: some network filesystems cannot. */
	while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
		;
	return 0;
}

void dorn_export_close(struct dorn_xdir *d, int undo)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
	/* Innermost first; a folder something was put in meanwhile stays. */
	for (size_t i = d->nmade; i-- > 0;) {
		if (undo)
			unlinkat(d->made[i].parent, d->made[i].name, AT_REMOVEDIR);
		close(d->made[i].parent);
	}
	free(d->made);
	d->made = NULL;
	d->nmade = d->cap = 0;
}

int dorn_export_sync(struct dorn_xdir *d, struct dorn_err *err)
{
	if (sync_fd(d->fd) != 0)
		return dorn_err_set(err, DORN_EIO, "cannot sync the folder %s: %s", d->path,
				    strerror(errno));
	return 0;
}

/* ---- temporary files left by an export that was stopped ---- */

/* A temporary file is another export's until that process is gone; its
 * age decides when the number cannot be trusted (reused, or another
 * machine's) or is not there. Only regular files are taken. */
static int stale(int dfd, const char *name)
{
	const char *p = name + strlen(DORN_EXPORT_TMP);
	struct stat st;
	long long pid;
	char *end;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
		return 0;
	if (time(NULL) - st.st_mtime > DORN_EXPORT_STALE_SECS)
		return 1;
	errno = 0;
	pid = strtoll(p, &end, 10);
	if (end == p || *end != '-' || errno)
		return 0;
	if (pid == (long long)getpid())
		return 0;
	if (pid <= 0 || pid > INT_MAX)
		return 1; /* no process has that number */
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

int dorn_export_sweep(struct dorn_xdir *d, struct dorn_buf *report, struct dorn_err *err)
{
	struct dirent *e;
	DIR *dir;
	int fd, rc = 0;

	fd = openat(d->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	dir = fd < 0 ? NULL : fdopendir(fd);
	if (!dir) {
		rc = dorn_err_set(err, DORN_ECANTCREAT, "cannot read the folder %s: %s: %s",
				  d->path, strerror(errno), WRITE_HINT);
		if (fd >= 0)
			close(fd);
		return rc;
	}
	while ((e = readdir(dir))) {
		if (strncmp(e->d_name, DORN_EXPORT_TMP, strlen(DORN_EXPORT_TMP)) != 0 ||
		    !stale(d->fd, e->d_name))
			continue;
		if (unlinkat(d->fd, e->d_name, 0) != 0) {
			if (errno == ENOENT)
				continue; /* another export took it first */
			rc = dorn_err_set(err, DORN_ECANTCREAT,
					  "cannot remove %s/%s, left by an export that was "
					  "stopped: %s: %s", d->path, e->d_name, strerror(errno),
					  WRITE_HINT);
			break;
		}
		if (report)
			dorn_buf_printf(report, "Removed %s/%s (left by an export that was "
					"stopped before it finished)\n", d->path, e->d_name);
	}
	closedir(dir);
	return rc;
}

/* ---- staged files ---- */

static int refuse_link(struct dorn_xdir *d, const char *name, struct dorn_err *err)
{
	return dorn_err_set(err, DORN_ECANTCREAT, "%s/%s is a symbolic link: %s", d->path, name,
			    LINK_HINT_UNDER);
}

static int refuse_different(struct dorn_xdir *d, const char *name, struct dorn_err *err)
{
	return dorn_err_set(err, DORN_ECANTCREAT,
			    "%s/%s exists with different contents: it is never overwritten; "
			    "export to another folder (--out) or move the old file away",
			    d->path, name);
}

/* 1 when dfd/name holds exactly data[0..n), 0 when it holds anything
 * else, -1 when it cannot be read (errno set). */
static int same_bytes(int dfd, const char *name, const void *data, size_t n)
{
	char buf[CHUNK];
	const char *p = data;
	struct stat st;
	size_t off = 0;
	ssize_t r;
	int fd, rc = 1;

	fd = open_file(dfd, name);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		rc = -1;
		goto out;
	}
	if ((size_t)st.st_size != n) {
		rc = 0;
		goto out;
	}
	for (;;) {
		r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = -1;
			goto out;
		}
		if (r == 0)
			break;
		if ((size_t)r > n - off || memcmp(buf, p + off, (size_t)r) != 0) {
			rc = 0;
			goto out;
		}
		off += (size_t)r;
	}
	rc = off == n;
out:
	close(fd);
	return rc;
}

/* SHA-256 of dfd/name, read in pieces so a large file is never held
 * whole. 0, or -1 with errno set (ELOOP: a link; EINVAL: not a file). */
static int hash_at(int dfd, const char *name, char hex[DORN_SHA256_HEX])
{
	char buf[CHUNK];
	struct dorn_sha256 *h = NULL;
	ssize_t r;
	int fd, rc = -1, saved;

	fd = open_file(dfd, name);
	if (fd < 0)
		return -1;
	h = dorn_sha256_new();
	if (!h) {
		errno = ENOMEM;
		goto out;
	}
	for (;;) {
		r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto out;
		if (r == 0)
			break;
		if (dorn_sha256_update(h, buf, (size_t)r) != 0) {
			errno = EIO;
			goto out;
		}
	}
	if (dorn_sha256_final(h, hex) != 0) {
		errno = EIO;
		goto out;
	}
	rc = 0;
out:
	saved = errno;
	dorn_sha256_free(h);
	close(fd);
	errno = saved;
	return rc;
}

/* data, complete and on disk, in a new temporary file of d whose name
 * (".dorn-tmp-<pid>-<random>-<name>") cannot be mistaken for an export's
 * and tells a later export whose it was. No file is left on failure. */
static int write_temp(struct dorn_xdir *d, struct dorn_xfile *f, const void *data, size_t n,
		      struct dorn_err *err)
{
	unsigned char rnd[8];
	int fd = -1, len, e;

	if (dorn_random_bytes(rnd, sizeof rnd) != 0)
		return dorn_err_set(err, DORN_EINTERNAL, "cannot name a temporary file: the "
				    "system's random generator failed");
	len = snprintf(f->tmp, sizeof f->tmp, "%s%ld-%02x%02x%02x%02x%02x%02x%02x%02x-%s",
		       DORN_EXPORT_TMP, (long)getpid(), rnd[0], rnd[1], rnd[2], rnd[3], rnd[4],
		       rnd[5], rnd[6], rnd[7], f->name);
	if (len < 0 || (size_t)len >= sizeof f->tmp || len > NAME_MAX) {
		f->tmp[0] = '\0';
		return dorn_err_set(err, DORN_EINTERNAL, "export file name too long: report this");
	}
	fd = openat(d->fd, f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		e = errno;
		f->tmp[0] = '\0';
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot write %s/%s: %s: %s", d->path,
				    f->name, strerror(e), WRITE_HINT);
	}
	/* 0600 whatever the umask took away */
	if (fchmod(fd, 0600) != 0 || write_all(fd, data, n) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		dorn_export_discard(d, f);
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot write %s/%s: %s: %s", d->path,
				    f->name, strerror(e), WRITE_HINT);
	}
	if (close(fd) != 0) {
		e = errno;
		dorn_export_discard(d, f);
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot write %s/%s: %s: %s", d->path,
				    f->name, strerror(e), WRITE_HINT);
	}
	return 0;
}

int dorn_export_stage(struct dorn_xdir *d, struct dorn_xfile *f, const char *name,
		      int replace, const void *data, size_t n, struct dorn_err *err)
{
	struct stat st;
	int r;

	memset(f, 0, sizeof *f);
	f->replace = replace;
	if (!good_name(name) || strlen(name) >= sizeof f->name ||
	    strncmp(name, DORN_EXPORT_TMP, strlen(DORN_EXPORT_TMP)) == 0)
		return dorn_err_set(err, DORN_EINTERNAL, "bad export file name: report this");
	snprintf(f->name, sizeof f->name, "%s", name);
	if (dorn_sha256_hex(data, n, f->hex) != 0)
		return dorn_err_set(err, DORN_EINTERNAL, "cannot compute a SHA-256");
	if (fstatat(d->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(st.st_mode))
			return refuse_link(d, name, err);
		if (!S_ISREG(st.st_mode))
			return dorn_err_set(err, DORN_ECANTCREAT, "%s/%s is not a regular file: "
					    "move it away, or export to another folder (--out)",
					    d->path, name);
		/* An identical file is left alone without writing anything, so
		 * an export can be repeated even where the folder is now
		 * read-only. */
		r = same_bytes(d->fd, name, data, n);
		if (r < 0)
			return dorn_err_set(err, DORN_ECANTCREAT, "cannot read %s/%s: %s: %s",
					    d->path, name, strerror(errno), WRITE_HINT);
		if (r == 1) {
			f->same = 1;
			return 0;
		}
		if (!replace)
			return refuse_different(d, name, err);
	} else if (errno != ENOENT) {
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot write %s/%s: %s: %s", d->path,
				    name, strerror(errno), WRITE_HINT);
	}
	return write_temp(d, f, data, n, err);
}

void dorn_export_discard(struct dorn_xdir *d, struct dorn_xfile *f)
{
	if (f->tmp[0] && d->fd >= 0)
		unlinkat(d->fd, f->tmp, 0);
	f->tmp[0] = '\0';
}

/* Filesystems without hard links (FAT, some network shares). */
static int no_links(int e)
{
	return e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == EMLINK || e == ENOSYS;
}

/* rename(2) that never replaces: renameat2's RENAME_NOREPLACE where the
 * kernel has it, else a look first (which a file appearing at that very
 * moment could beat: only on filesystems without links and old kernels). */
static int rename_noreplace(int dfd, const char *from, const char *to)
{
	struct stat st;

#if defined(__linux__) && defined(SYS_renameat2)
	if (syscall(SYS_renameat2, dfd, from, dfd, to, 1u /* RENAME_NOREPLACE */) == 0)
		return 0;
	if (errno != ENOSYS && errno != EINVAL)
		return -1;
#endif
	if (fstatat(dfd, to, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		errno = EEXIST;
		return -1;
	}
	if (errno != ENOENT)
		return -1;
	return renameat(dfd, from, dfd, to);
}

/* The name was taken since the file was staged: fine when by the same
 * bytes (another export of the same version), refused otherwise. */
static int taken_meanwhile(struct dorn_xdir *d, struct dorn_xfile *f, struct dorn_err *err)
{
	char hex[DORN_SHA256_HEX];
	int r = hash_at(d->fd, f->name, hex);

	dorn_export_discard(d, f);
	if (r == 0 && strcmp(hex, f->hex) == 0) {
		f->same = 1;
		return 0;
	}
	if (r != 0 && errno == ELOOP)
		return refuse_link(d, f->name, err);
	return refuse_different(d, f->name, err);
}

int dorn_export_place(struct dorn_xdir *d, struct dorn_xfile *f, struct dorn_err *err)
{
	int e;

	if (f->same || !f->tmp[0])
		return 0;
	if (f->replace) {
		/* Replacing SHA256SUMS is intended; rename() makes it all or
		 * nothing, and replaces a link itself, never its target. */
		if (renameat(d->fd, f->tmp, d->fd, f->name) != 0)
			goto fail;
		f->tmp[0] = '\0';
		return 0;
	}
	/* link() never replaces a file that appeared since it was staged,
	 * where rename() would. */
	if (linkat(d->fd, f->tmp, d->fd, f->name, 0) == 0) {
		dorn_export_discard(d, f);
		return 0;
	}
	e = errno;
	if (e == EEXIST)
		return taken_meanwhile(d, f, err);
	if (!no_links(e)) {
		errno = e;
		goto fail;
	}
	if (rename_noreplace(d->fd, f->tmp, f->name) == 0) {
		f->tmp[0] = '\0';
		return 0;
	}
	if (errno == EEXIST)
		return taken_meanwhile(d, f, err);
fail:
	return dorn_err_set(err, DORN_ECANTCREAT, "cannot put %s/%s in place: %s: %s", d->path,
			    f->name, strerror(errno), WRITE_HINT);
}

/* The whole of the regular file dfd/name, at most max bytes: 1, 0 when
 * there is none (errno ENOENT), -1 on error (errno set; EFBIG: too big). */
static int read_at(int dfd, const char *name, size_t max, struct dorn_buf *out)
{
	char buf[CHUNK];
	ssize_t r;
	int fd, rc = 1, e = 0;

	dorn_buf_reset(out);
	fd = open_file(dfd, name);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (dorn_buf_puts(out, "") != 0) {
		e = ENOMEM;
		goto out;
	}
	for (;;) {
		r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			goto out;
		}
		if (r == 0)
			break;
		if (out->len + (size_t)r > max) {
			e = EFBIG;
			goto out;
		}
		if (dorn_buf_add(out, buf, (size_t)r) != 0) {
			e = ENOMEM;
			goto out;
		}
	}
out:
	close(fd);
	if (e) {
		errno = e;
		rc = -1;
	}
	return rc;
}

int dorn_export_read(struct dorn_xdir *d, const char *name, size_t max, struct dorn_buf *out,
		     struct dorn_err *err)
{
	int r = read_at(d->fd, name, max, out);

	if (r >= 0)
		return r;
	if (errno == ELOOP)
		return refuse_link(d, name, err);
	if (errno == ENOMEM)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	return dorn_err_set(err, DORN_ECANTCREAT, "cannot read %s/%s: %s: %s", d->path, name,
			    errno == EINVAL || errno == EISDIR ? "not a regular file"
							       : strerror(errno),
			    WRITE_HINT);
}

/* ---- SHA256SUMS ---- */

static void sums_free(struct sums *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

static int sums_add(struct sums *s, const char *name, size_t len, const char *hex)
{
	char *copy;

	if (dorn_grow(&s->v, &s->cap, s->n + 1, sizeof *s->v))
		return DORN_ENOMEM;
	copy = malloc(len + 1);
	if (!copy)
		return DORN_ENOMEM;
	memcpy(copy, name, len);
	copy[len] = '\0';
	s->v[s->n].name = copy;
	/* sha256sum accepts either case; ours is lower case */
	for (int i = 0; i < 64; i++) {
		char c = hex[i];

		s->v[s->n].hex[i] = (char)(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
	}
	s->v[s->n].hex[64] = '\0';
	s->n++;
	return 0;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* One line of sha256sum's output, without its '\n': 64 hex digits, two
 * spaces (text mode) or a space and '*' (binary mode), a plain file name.
 * 0, or -1 when the line is anything else. */
static int parse_line(const char *line, size_t len, struct sums *s, int *nomem)
{
	const char *name = line + 66;
	size_t nlen;
	char buf[PATH_MAX];

	if (len < 67)
		return -1;
	for (int i = 0; i < 64; i++)
		if (!is_hex(line[i]))
			return -1;
	if (line[64] != ' ' || (line[65] != ' ' && line[65] != '*'))
		return -1;
	nlen = len - 66;
	if (nlen >= sizeof buf || memchr(name, '\0', nlen))
		return -1;
	memcpy(buf, name, nlen);
	buf[nlen] = '\0';
	if (!good_name(buf))
		return -1;
	if (sums_add(s, name, nlen, line)) {
		*nomem = 1;
		return -1;
	}
	return 0;
}

/* The lines of a SHA256SUMS (text, as read from what) into s; a malformed
 * line is DORN_EDATA naming it. */
static int sums_parse(const char *text, size_t len, const char *what, struct sums *s,
		      struct dorn_err *err)
{
	size_t lineno = 0, n;
	int nomem = 0;

	while (len > 0) {
		const char *nl = memchr(text, '\n', len);

		n = nl ? (size_t)(nl - text) : len;
		lineno++;
		if (parse_line(text, n, s, &nomem) != 0) {
			if (nomem)
				return dorn_err_set(err, DORN_ENOMEM, "out of memory reading %s",
						    what);
			return dorn_err_set(err, DORN_EDATA,
					    "%s line %zu is not a checksum line (64 hex digits, "
					    "two spaces, a file name): the file was changed by "
					    "hand or is not from dorn",
					    what, lineno);
		}
		text += n + (nl ? 1 : 0);
		len -= n + (nl ? 1 : 0);
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct sum *)a)->name, ((const struct sum *)b)->name);
}

static int listed(const struct sums *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0)
			return 1;
	return 0;
}

int dorn_sums_text(struct dorn_xdir *d, const struct dorn_xfile *files, size_t n,
		   struct dorn_buf *out, struct dorn_err *err)
{
	struct sums s = { NULL, 0, 0 };
	struct dorn_buf old;
	char what[PATH_MAX + 16];
	size_t keep = 0;
	int rc;

	dorn_buf_init(&old);
	snprintf(what, sizeof what, "%s/%s", d->path, SUMS);
	for (size_t i = 0; i < n; i++) {
		if (!good_name(files[i].name) || strcmp(files[i].name, SUMS) == 0) {
			rc = dorn_err_set(err, DORN_EINTERNAL, "bad export file name: report this");
			goto out;
		}
	}
	rc = dorn_export_read(d, SUMS, SUMS_MAX, &old, err);
	if (rc < 0)
		goto out;
	rc = rc ? sums_parse(old.p, old.len, what, &s, err) : 0;
	if (rc)
		goto out;
	/* keep the lines for other files, drop those about to be written */
	for (size_t i = 0; i < s.n; i++) {
		int named = 0;

		for (size_t j = 0; j < n && !named; j++)
			named = strcmp(s.v[i].name, files[j].name) == 0;
		if (named) {
			free(s.v[i].name);
			continue;
		}
		s.v[keep++] = s.v[i];
	}
	s.n = keep;
	for (size_t j = 0; j < n; j++) {
		if (listed(&s, files[j].name))
			continue;
		if ((rc = sums_add(&s, files[j].name, strlen(files[j].name), files[j].hex))) {
			rc = dorn_err_set(err, rc, "out of memory");
			goto out;
		}
	}
	if (s.n)
		qsort(s.v, s.n, sizeof *s.v, by_name);
	dorn_buf_reset(out);
	dorn_buf_puts(out, "");
	for (size_t i = 0; i < s.n; i++)
		dorn_buf_printf(out, "%s  %s\n", s.v[i].hex, s.v[i].name);
	rc = out->oom ? dorn_err_set(err, DORN_ENOMEM, "out of memory") : 0;
out:
	sums_free(&s);
	dorn_buf_fini(&old);
	return rc;
}

/* ---- dorn verify ---- */

static void report_line(struct dorn_buf *report, const char *name, const char *what)
{
	struct dorn_buf line;

	if (!report)
		return;
	dorn_buf_init(&line);
	/* a listed name was checked when parsed, but a stray one is whatever
	 * is in the folder: stripped, so the report is safe to print */
	if (dorn_buf_printf(&line, "%s: %s", name, what) == 0) {
		line.len = dorn_text_strip(line.p, 0);
		dorn_buf_add(report, line.p, line.len);
		dorn_buf_putc(report, '\n');
	}
	dorn_buf_fini(&line);
}

/* Each listed file against its line. */
static void check_listed(int dfd, const struct sums *s, struct dorn_buf *report,
			 struct dorn_verify *res)
{
	char hex[DORN_SHA256_HEX];

	for (size_t i = 0; i < s->n; i++) {
		if (hash_at(dfd, s->v[i].name, hex) != 0) {
			if (errno == ENOENT) {
				report_line(report, s->v[i].name, "missing");
				res->missing++;
			} else {
				report_line(report, s->v[i].name,
					    errno == ELOOP ? "a symbolic link, not the exported file"
					    : errno == EINVAL || errno == EISDIR
						    ? "not a regular file"
						    : "cannot be read");
				res->changed++;
			}
		} else if (strcmp(hex, s->v[i].hex) != 0) {
			report_line(report, s->v[i].name, "changed");
			res->changed++;
		}
	}
}

/* "SEQ:MAC\n": a row number, ':', 64 lower-case hex digits. */
static int head_ok(const char *s, size_t n)
{
	size_t i = 0, digits;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	digits = i;
	if (digits == 0 || digits > 19 || i >= n || s[i++] != ':')
		return 0;
	for (size_t k = 0; k < 64; k++, i++)
		if (i >= n || !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i + 1 == n && s[i] == '\n';
}

static int is_head_file(const char *name)
{
	size_t n = strlen(name), k = strlen(DORN_EXPORT_HEAD_EXT);

	return n > k && strcmp(name + n - k, DORN_EXPORT_HEAD_EXT) == 0;
}

/* The audit heads the exports carry: only from .audit-head files that are
 * listed and match their line (else they are reported already). The
 * newest goes to res->head. */
static void read_heads(int dfd, const struct sums *s, struct dorn_buf *report,
		       struct dorn_verify *res)
{
	struct dorn_buf text;
	char hex[DORN_SHA256_HEX];
	long long seq, newest = -1;

	dorn_buf_init(&text);
	for (size_t i = 0; i < s->n; i++) {
		if (!is_head_file(s->v[i].name) || hash_at(dfd, s->v[i].name, hex) != 0 ||
		    strcmp(hex, s->v[i].hex) != 0)
			continue;
		if (read_at(dfd, s->v[i].name, 128, &text) == 1 && head_ok(text.p, text.len)) {
			res->heads++;
			seq = strtoll(text.p, NULL, 10);
			if (seq > newest) {
				newest = seq;
				memcpy(res->head, text.p, text.len - 1);
				res->head[text.len - 1] = '\0';
			}
		} else {
			report_line(report, s->v[i].name, "not SEQ:MAC, as dorn writes an audit head");
			res->changed++;
		}
	}
	dorn_buf_fini(&text);
}

/* Everything in the folder that SHA256SUMS (named sums_name there) does
 * not list, sorted by name: it is not what was exported. */
static int check_strays(int dfd, const char *sums_name, const struct sums *s,
			struct dorn_buf *report, struct dorn_verify *res)
{
	struct sums strays = { NULL, 0, 0 };
	struct dirent *e;
	DIR *dir;
	int fd, rc = 0;

	fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	dir = fd < 0 ? NULL : fdopendir(fd);
	if (!dir) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((e = readdir(dir))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    strcmp(e->d_name, sums_name) == 0 || listed(s, e->d_name))
			continue;
		if (sums_add(&strays, e->d_name, strlen(e->d_name),
			     "0000000000000000000000000000000000000000000000000000000000000000")) {
			rc = -1;
			break;
		}
	}
	closedir(dir);
	if (strays.n)
		qsort(strays.v, strays.n, sizeof *strays.v, by_name);
	for (size_t i = 0; i < strays.n; i++) {
		int tmp = strncmp(strays.v[i].name, DORN_EXPORT_TMP,
				  strlen(DORN_EXPORT_TMP)) == 0;

		report_line(report, strays.v[i].name,
			    tmp ? "not listed in " SUMS " (a temporary file of an export that "
				  "was stopped: the next export to this folder removes it)"
				: "not listed in " SUMS);
	}
	res->strays = strays.n;
	sums_free(&strays);
	return rc;
}

int dorn_sums_verify(const char *path, struct dorn_buf *report, struct dorn_verify *res,
		     struct dorn_err *err)
{
	struct sums s = { NULL, 0, 0 };
	struct dorn_verify dummy;
	struct dorn_buf text;
	char dir[PATH_MAX], sums_name[NAME_MAX + 1], what[PATH_MAX + 16];
	struct stat st;
	size_t len;
	char *slash;
	int rc, dfd = -1, r;

	if (!res)
		res = &dummy;
	memset(res, 0, sizeof *res);
	dorn_buf_init(&text);
	len = path ? strlen(path) : 0;
	if (len == 0 || len >= sizeof dir)
		return dorn_err_set(err, DORN_ENOINPUT, "no folder or SHA256SUMS file given");
	if (stat(path, &st) != 0)
		return dorn_err_set(err, DORN_ENOINPUT,
				    "cannot open %s: %s: give the export folder or its "
				    "SHA256SUMS file",
				    path, strerror(errno));
	memcpy(dir, path, len + 1);
	snprintf(sums_name, sizeof sums_name, "%s", SUMS);
	if (!S_ISDIR(st.st_mode)) {
		slash = strrchr(dir, '/');
		len = strlen(slash ? slash + 1 : dir);
		if (len >= sizeof sums_name)
			return dorn_err_set(err, DORN_ENOINPUT, "cannot open %s: %s", path,
					    strerror(ENAMETOOLONG));
		memcpy(sums_name, slash ? slash + 1 : dir, len + 1);
		if (!slash)
			strcpy(dir, ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
	snprintf(what, sizeof what, "%s%s%s", S_ISDIR(st.st_mode) ? dir : path,
		 S_ISDIR(st.st_mode) ? "/" : "", S_ISDIR(st.st_mode) ? SUMS : "");
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		rc = dorn_err_set(err, DORN_ENOINPUT, "cannot open the folder %s: %s", dir,
				  strerror(errno));
		goto out;
	}
	/* The file named, or the folder's own, never through a link there. */
	r = S_ISDIR(st.st_mode) ? read_at(dfd, SUMS, SUMS_MAX, &text)
				: read_at(AT_FDCWD, path, SUMS_MAX, &text);
	if (r == 0) {
		rc = dorn_err_set(err, DORN_ENOINPUT,
				  "there is no SHA256SUMS in %s: give the folder dorn exported to",
				  dir);
		goto out;
	}
	if (r < 0) {
		rc = dorn_err_set(err, errno == ELOOP ? DORN_EDATA : DORN_EIO,
				  "cannot read %s: %s", what,
				  errno == ELOOP ? "it is a symbolic link, not dorn's file"
						 : strerror(errno));
		goto out;
	}
	rc = sums_parse(text.p, text.len, what, &s, err);
	if (rc)
		goto out;
	if (s.n == 0) {
		rc = dorn_err_set(err, DORN_EDATA, "%s lists no files: it proves nothing", what);
		goto out;
	}
	res->checked = s.n;
	check_listed(dfd, &s, report, res);
	read_heads(dfd, &s, report, res);
	if (check_strays(dfd, sums_name, &s, report, res) != 0) {
		rc = dorn_err_set(err, DORN_EIO, "cannot read the folder %s: %s", dir,
				  strerror(errno));
		goto out;
	}
	if (report && report->oom) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		goto out;
	}
	if (res->changed || res->missing)
		rc = dorn_err_set(err, DORN_EDATA,
				  "%zu of %zu files in %s do not match %s (%zu changed, %zu "
				  "missing)%s: they are not what was exported; take them "
				  "again from the original export",
				  res->changed + res->missing, s.n, dir, SUMS, res->changed,
				  res->missing,
				  res->strays ? ", and some there are not listed in it" : "");
	else if (res->strays)
		rc = dorn_err_set(err, DORN_EDATA,
				  "%zu file%s in %s %s not listed in %s (above), so not part "
				  "of the export: remove %s, or take the folder again from the "
				  "original export",
				  res->strays, res->strays == 1 ? "" : "s", dir,
				  res->strays == 1 ? "is" : "are", SUMS,
				  res->strays == 1 ? "it" : "them");
	else
		rc = 0;
out:
	if (dfd >= 0)
		close(dfd);
	sums_free(&s);
	dorn_buf_fini(&text);
	return rc;
}
