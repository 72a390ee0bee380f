/* Export files on disk: folders, atomic writes that never replace a
 * different file, and the SHA256SUMS file that lets anyone show later, with
 * `dorn verify` or `sha256sum -c`, that what is in the case file is what was
 * exported. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/export.h"
#include "dorn/hash.h"
#include "dorn/text.h"

#define SUMS "SHA256SUMS"
#define CHUNK 65536

#define WRITE_HINT "check the folder exists and you may write there"

/* One line of SHA256SUMS. */
struct sum {
	char *name;
	char hex[DORN_SHA256_HEX];
};

struct sums {
	struct sum *v;
	size_t n, cap;
};

static int join(char *out, size_t size, const char *dir, const char *name)
{
	int n = snprintf(out, size, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

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

/* Make sure the directory entry itself is on disk after a rename or link.
 * Some filesystems cannot fsync a directory (EINVAL): nothing more can be
 * done there. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return -1;
	if (fsync(fd) != 0 && errno != EINVAL)
		rc = -1;
	close(fd);
	return rc;
}

/* data, complete and on disk, in a new file dir/.name.XXXXXX (0600); its
 * path goes to tmp. On failure no temporary file is left. */
static int write_temp(const char *dir, const char *name, const void *data, size_t n, char *tmp,
		      size_t tmp_size)
{
	int fd, saved, len;

	len = snprintf(tmp, tmp_size, "%s/.%s.XXXXXX", dir, name);
	if (len < 0 || (size_t)len >= tmp_size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	if (fchmod(fd, 0600) != 0 || write_all(fd, data, n) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		return -1;
	}
	if (close(fd) != 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		return -1;
	}
	return 0;
}

/* 1 when the file at path holds exactly data[0..n), 0 when it holds
 * anything else (or is not a regular file), -1 when it cannot be read. */
static int same_bytes(const char *path, const void *data, size_t n)
{
	char buf[CHUNK];
	const char *p = data;
	struct stat st;
	size_t off = 0;
	ssize_t r;
	int fd, rc = 1;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ELOOP ? 0 : -1;
	if (fstat(fd, &st) != 0) {
		rc = -1;
		goto out;
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size != n) {
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

static int refuse_different(const char *path, struct dorn_err *err)
{
	return dorn_err_set(err, DORN_ECANTCREAT,
			    "%s exists with different contents: it is never overwritten; export "
			    "to another folder (--out) or move the old file away",
			    path);
}

/* What to do when path is already there: 0 with *same set when it holds
 * the same bytes, else an error. */
static int existing(const char *path, const void *data, size_t n, int *same,
		    struct dorn_err *err)
{
	int r = same_bytes(path, data, n);

	if (r < 0)
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot write %s: %s: %s", path,
				    strerror(errno), WRITE_HINT);
	if (r == 0)
		return refuse_different(path, err);
	*same = 1;
	return 0;
}

int dorn_export_write(const char *dir, const char *name, const void *data, size_t n,
		      int *same, struct dorn_err *err)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	struct stat st;
	int dummy, rc = 0, have_tmp = 0, e;

	if (!same)
		same = &dummy;
	*same = 0;
	if (!good_name(name))
		return dorn_err_set(err, DORN_EINTERNAL, "bad export file name: report this");
	if (join(path, sizeof path, dir, name) != 0)
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot write %s/%s: %s: %s", dir, name,
				    strerror(ENAMETOOLONG), WRITE_HINT);

	/* An identical file is left alone without writing anything, so an
	 * export can be repeated even where the folder is now read-only. */
	if (lstat(path, &st) == 0)
		return existing(path, data, n, same, err);
	if (errno != ENOENT)
		goto fail;

	if (write_temp(dir, name, data, n, tmp, sizeof tmp) != 0)
		goto fail;
	have_tmp = 1;

	/* link() never replaces a file that appeared since the check above,
	 * where rename() would. */
	if (link(tmp, path) != 0) {
		e = errno;
		if (e == EEXIST) {
			rc = existing(path, data, n, same, err);
			goto out;
		}
		/* Filesystems without hard links (FAT, some network shares):
		 * rename, after checking once more that nothing is there. */
		if (e != EPERM && e != ENOTSUP && e != EOPNOTSUPP && e != EMLINK &&
		    e != ENOSYS) {
			errno = e;
			goto fail;
		}
		if (lstat(path, &st) == 0) {
			rc = existing(path, data, n, same, err);
			goto out;
		}
		if (rename(tmp, path) != 0)
			goto fail;
		have_tmp = 0;
	}
	if (sync_dir(dir) != 0)
		goto fail;
	goto out;
fail:
	rc = dorn_err_set(err, DORN_ECANTCREAT, "cannot write %s: %s: %s", path,
			  strerror(errno), WRITE_HINT);
out:
	if (have_tmp)
		unlink(tmp);
	return rc;
}

int dorn_export_mkdir(const char *dir, struct dorn_err *err)
{
	char path[PATH_MAX];
	struct stat st;
	size_t len;
	int rc = 0;

	len = dir ? strlen(dir) : 0;
	if (len == 0 || len >= sizeof path)
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot create the folder \"%s\": %s",
				    dir ? dir : "", len ? strerror(ENAMETOOLONG) : "no name given");
	memcpy(path, dir, len + 1);
	/* each parent in turn, then the folder itself */
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(path, 0700) != 0 &&
		    (errno != EEXIST || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
			if (errno == EEXIST)
				errno = ENOTDIR;
			rc = dorn_err_set(err, DORN_ECANTCREAT,
					  "cannot create the folder %s: %s: %s", path,
					  strerror(errno), WRITE_HINT);
			break;
		}
		*p = c;
		if (c == '\0')
			break;
		while (p[1] == '/')
			p++;
	}
	return rc;
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

/* Read the SHA256SUMS at path into s. ENOENT is left to the caller (errno
 * set, return 1); a malformed line is DORN_EDATA naming it. */
static int sums_read(const char *path, struct sums *s, struct dorn_err *err)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	int rc = 0, nomem = 0;

	f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return 1;
		return dorn_err_set(err, DORN_EIO, "cannot read %s: %s: check you may read it",
				    path, strerror(errno));
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (parse_line(line, (size_t)len, s, &nomem) != 0) {
			if (nomem)
				rc = dorn_err_set(err, DORN_ENOMEM, "out of memory reading %s",
						  path);
			else
				rc = dorn_err_set(err, DORN_EDATA,
						  "%s line %zu is not a checksum line (64 hex "
						  "digits, two spaces, a file name): the file was "
						  "changed by hand or is not from dorn",
						  path, lineno);
			goto out;
		}
	}
	if (ferror(f))
		rc = dorn_err_set(err, DORN_EIO, "cannot read %s: %s: check you may read it", path,
				  strerror(errno));
out:
	free(line);
	fclose(f);
	return rc;
}

/* SHA-256 of the file at path, read in pieces so a large file is never
 * held whole. 0, or -1 with errno set. */
static int hash_file(const char *path, char hex[DORN_SHA256_HEX])
{
	char buf[CHUNK];
	struct dorn_sha256 *h = NULL;
	ssize_t r;
	int fd, rc = -1, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
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

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct sum *)a)->name, ((const struct sum *)b)->name);
}

int dorn_sums_update(const char *dir, const char *const *names, size_t n,
		     struct dorn_err *err)
{
	struct sums s = { NULL, 0, 0 };
	struct dorn_buf text;
	char path[PATH_MAX], tmp[PATH_MAX], fpath[PATH_MAX], hex[DORN_SHA256_HEX];
	size_t keep = 0;
	int rc;

	dorn_buf_init(&text);
	if (join(path, sizeof path, dir, SUMS) != 0) {
		rc = dorn_err_set(err, DORN_ECANTCREAT, "cannot write %s/%s: %s: %s", dir, SUMS,
				  strerror(ENAMETOOLONG), WRITE_HINT);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (!good_name(names[i]) || strcmp(names[i], SUMS) == 0) {
			rc = dorn_err_set(err, DORN_EINTERNAL, "bad export file name: report this");
			goto out;
		}
	}
	rc = sums_read(path, &s, err);
	if (rc < 0)
		goto out;

	/* keep the lines for other files, drop those about to be hashed again */
	for (size_t i = 0; i < s.n; i++) {
		int named = 0;

		for (size_t j = 0; j < n && !named; j++)
			named = strcmp(s.v[i].name, names[j]) == 0;
		if (named) {
			free(s.v[i].name);
			continue;
		}
		s.v[keep++] = s.v[i];
	}
	s.n = keep;

	for (size_t j = 0; j < n; j++) {
		int dup = 0;

		for (size_t k = 0; k < j && !dup; k++)
			dup = strcmp(names[k], names[j]) == 0;
		if (dup)
			continue;
		if (join(fpath, sizeof fpath, dir, names[j]) != 0 || hash_file(fpath, hex) != 0) {
			rc = dorn_err_set(err, DORN_EIO, "cannot read %s/%s to checksum it: %s",
					  dir, names[j], strerror(errno));
			goto out;
		}
		if ((rc = sums_add(&s, names[j], strlen(names[j]), hex))) {
			rc = dorn_err_set(err, rc, "out of memory");
			goto out;
		}
	}
	qsort(s.v, s.n, sizeof *s.v, by_name);
	for (size_t i = 0; i < s.n; i++)
		dorn_buf_printf(&text, "%s  %s\n", s.v[i].hex, s.v[i].name);
	if (text.oom) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		goto out;
	}

	/* Replacing SHA256SUMS is intended; rename() makes it all or nothing. */
	if (write_temp(dir, SUMS, text.p ? text.p : "", text.len, tmp, sizeof tmp) != 0)
		goto fail;
	if (rename(tmp, path) != 0) {
		int e = errno;

		unlink(tmp);
		errno = e;
		goto fail;
	}
	if (sync_dir(dir) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	rc = dorn_err_set(err, DORN_ECANTCREAT, "cannot write %s: %s: %s", path, strerror(errno),
			  WRITE_HINT);
out:
	sums_free(&s);
	dorn_buf_fini(&text);
	return rc;
}

static void report_line(struct dorn_buf *report, const char *name, const char *what)
{
	struct dorn_buf line;

	if (!report)
		return;
	dorn_buf_init(&line);
	/* names were checked when parsed; stripping again keeps the report
	 * safe to print whatever the parser lets through in future */
	if (dorn_buf_printf(&line, "%s: %s", name, what) == 0) {
		line.len = dorn_text_strip(line.p, 0);
		dorn_buf_add(report, line.p, line.len);
		dorn_buf_putc(report, '\n');
	}
	dorn_buf_fini(&line);
}

int dorn_sums_verify(const char *path, struct dorn_buf *report, size_t *checked,
		     struct dorn_err *err)
{
	struct sums s = { NULL, 0, 0 };
	char dir[PATH_MAX], sums[PATH_MAX], fpath[PATH_MAX], hex[DORN_SHA256_HEX];
	struct stat st;
	size_t changed = 0, missing = 0, len;
	char *slash;
	int rc;

	if (checked)
		*checked = 0;
	len = path ? strlen(path) : 0;
	if (len == 0 || len >= sizeof dir)
		return dorn_err_set(err, DORN_ENOINPUT, "no folder or SHA256SUMS file given");
	if (stat(path, &st) != 0)
		return dorn_err_set(err, DORN_ENOINPUT,
				    "cannot open %s: %s: give the export folder or its "
				    "SHA256SUMS file",
				    path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		memcpy(dir, path, len + 1);
		if (join(sums, sizeof sums, dir, SUMS) != 0)
			return dorn_err_set(err, DORN_ENOINPUT, "%s: %s", path,
					    strerror(ENAMETOOLONG));
	} else {
		memcpy(sums, path, len + 1);
		memcpy(dir, path, len + 1);
		slash = strrchr(dir, '/');
		if (!slash)
			strcpy(dir, ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}

	rc = sums_read(sums, &s, err);
	if (rc == 1) {
		rc = dorn_err_set(err, DORN_ENOINPUT,
				  "there is no SHA256SUMS in %s: give the folder dorn exported to",
				  dir);
		goto out;
	}
	if (rc < 0)
		goto out;
	if (s.n == 0) {
		rc = dorn_err_set(err, DORN_EDATA, "%s lists no files: it proves nothing", sums);
		goto out;
	}
	for (size_t i = 0; i < s.n; i++) {
		if (join(fpath, sizeof fpath, dir, s.v[i].name) != 0) {
			report_line(report, s.v[i].name, "cannot be read");
			changed++;
			continue;
		}
		if (hash_file(fpath, hex) != 0) {
			if (errno == ENOENT) {
				report_line(report, s.v[i].name, "missing");
				missing++;
			} else {
				report_line(report, s.v[i].name, "cannot be read");
				changed++;
			}
			continue;
		}
		if (strcmp(hex, s.v[i].hex) != 0) {
			report_line(report, s.v[i].name, "changed");
			changed++;
		}
	}
	if (checked)
		*checked = s.n;
	if (report && report->oom) {
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
		goto out;
	}
	if (changed || missing)
		rc = dorn_err_set(err, DORN_EDATA,
				  "%zu of %zu files in %s do not match %s (%zu changed, %zu "
				  "missing): they are not what was exported",
				  changed + missing, s.n, dir, SUMS, changed, missing);
	else
		rc = 0;
out:
	sums_free(&s);
	return rc;
}
