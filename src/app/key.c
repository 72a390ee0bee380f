/* The audit key: 32 random bytes in a file outside the database, which
 * signs every audit row (HMAC-SHA256) from the row the database's meta
 * names. Private database: a 0600 file in the user's configuration folder,
 * one per database (named by the database's random id). Shared database
 * (dorn-shared(7)): audit.key beside it, root:dorn 0640, which only the
 * setgid dorn can read.
 *
 * File format, one "name value" per line, '#' starts a comment:
 *	db <the database's id, 32 hex>
 *	from <the first row the key signs>
 *	key <64 hex>
 * 'from' is also in the database; the file's copy is what counts, so an
 * edit of the database's copy (to have keyed rows checked by the older,
 * unkeyed rule) is found. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dorn/app.h"
#include "dorn/err.h"
#include "dorn/hash.h"
#include "dorn/store.h"
#include "priv.h"

static int key_path(struct dorn_app *app, const char *db_id, char *out, size_t n,
		    struct dorn_err *err)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int w;

	if (app->shared)
		w = snprintf(out, n, "%s/audit.key", app->shared_dir);
	else if (xdg && *xdg == '/')
		w = snprintf(out, n, "%s/dorn/keys/%s.key", xdg, db_id);
	else if (home && *home)
		w = snprintf(out, n, "%s/.config/dorn/keys/%s.key", home, db_id);
	else
		return dorn_err_set(err, DORN_ECONFIG, "neither XDG_CONFIG_HOME nor HOME is set, "
				    "so dorn cannot find the audit key: set HOME");
	if (w < 0 || (size_t)w >= n)
		return dorn_err_set(err, DORN_ECONFIG, "the audit key's path is too long");
	return 0;
}

static int unhex(const char *s, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v = 0;

		for (int k = 0; k < 2; k++) {
			char c = s[2 * i + k];

			v <<= 4;
			if (c >= '0' && c <= '9')
				v |= (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v |= (unsigned)(c - 'a' + 10);
			else
				return -1;
		}
		out[i] = (unsigned char)v;
	}
	return s[2 * n] == '\0' ? 0 : -1;
}

/* Like OpenSSH with its private keys: a key others could read or replace
 * is refused. Private: the caller's, 0600. Shared: root's, group-readable
 * at most. */
static int check_file(struct dorn_app *app, int fd, const char *path, struct dorn_err *err)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return dorn_err_set(err, DORN_ECONFIG, "the audit key %s is not a regular file",
				    path);
	if (app->key_given) {
		/* Given by name (dorn migrate --key): the caller's or root's,
		 * and nobody else's to change or read. */
		if ((sb.st_uid != getuid() && sb.st_uid != 0) || (sb.st_mode & 027))
			return dorn_err_set(err, DORN_ECONFIG,
					    "the audit key %s can be read or changed by others "
					    "(owner %u, mode %03o): it must be yours or root's, "
					    "with no access for others", path, (unsigned)sb.st_uid,
					    (unsigned)(sb.st_mode & 0777));
		return 0;
	}
	if (app->shared ? (sb.st_uid != 0 || (sb.st_mode & 0137))
			: (sb.st_uid != getuid() || (sb.st_mode & 077)))
		return dorn_err_set(err, DORN_ECONFIG,
				    "the audit key %s can be read or changed by others (owner %u, "
				    "mode %03o): it must be %s", path, (unsigned)sb.st_uid,
				    (unsigned)(sb.st_mode & 0777),
				    app->shared ? "root's, mode 0640, group dorn"
						: "yours, mode 0600 (chmod 600)");
	return 0;
}

/* Read path; DORN_ENOINPUT when there is no such file. */
static int read_key(struct dorn_app *app, const char *path, const char *db_id,
		    unsigned char key[DORN_KEY_BYTES], long long *from, struct dorn_err *err)
{
	char buf[1024], *line, *save = NULL;
	int fd, rc, have_key = 0, have_db = 0;
	ssize_t n;

	*from = 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? DORN_ENOINPUT
				       : dorn_err_set(err, DORN_ECONFIG, "cannot read the audit key "
						      "%s: %s", path, strerror(errno));
	rc = check_file(app, fd, path, err);
	n = rc ? 0 : read(fd, buf, sizeof buf - 1);
	close(fd);
	if (rc)
		return rc;
	if (n < 0 || n >= (ssize_t)sizeof buf - 1)
		return dorn_err_set(err, DORN_ECONFIG, "cannot read the audit key %s", path);
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (*line == '#' || !*line)
			continue;
		if (strncmp(line, "db ", 3) == 0) {
			if (strcmp(line + 3, db_id) != 0)
				return dorn_err_set(err, DORN_ECONFIG, "the audit key %s belongs to "
						    "another database (%.32s, this is %s)", path,
						    line + 3, db_id);
			have_db = 1;
		} else if (strncmp(line, "from ", 5) == 0) {
			char *end;

			*from = strtoll(line + 5, &end, 10);
			if (*end || *from < 1)
				*from = -1;
		} else if (strncmp(line, "key ", 4) == 0) {
			have_key = unhex(line + 4, key, DORN_KEY_BYTES) == 0;
		}
	}
	memset(buf, 0, sizeof buf);
	if (!have_key || !have_db || *from < 1)
		return dorn_err_set(err, DORN_ECONFIG, "the audit key %s is damaged (it needs "
				    "'db', 'from' and 'key' lines): restore it from your copy",
				    path);
	return 0;
}

int app_key_write(const char *path, int shared, const char *db_id, long long from,
		  unsigned char key[DORN_KEY_BYTES], struct dorn_err *err)
{
	char text[512], hex[2 * DORN_KEY_BYTES + 1], dir[PATH_MAX], *slash;
	int fd, len;
	ssize_t w;

	if (dorn_random_bytes(key, DORN_KEY_BYTES))
		return dorn_err_set(err, DORN_EINTERNAL, "cannot make a random audit key");
	for (int i = 0; i < DORN_KEY_BYTES; i++)
		snprintf(hex + 2 * i, 3, "%02x", key[i]);
	len = snprintf(text, sizeof text,
		       "# dorn's audit key for database %s. It signs the audit log:\n"
		       "# keep it secret, and back it up apart from the database; without it\n"
		       "# the log cannot be verified or written.\n"
		       "db %s\nfrom %lld\nkey %s\n", db_id, db_id, from, hex);
	memset(hex, 0, sizeof hex);
	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir && !shared) {
		*slash = '\0';
		/* mkdir -p, 0700: the configuration folder and keys/. */
		for (char *p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
		mkdir(dir, 0700);
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  shared ? 0640 : 0600);
	if (fd < 0) {
		memset(text, 0, sizeof text);
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot create the audit key %s: %s",
				    path, strerror(errno));
	}
	w = write(fd, text, (size_t)len);
	memset(text, 0, sizeof text);
	if (w != len || fsync(fd) != 0 || (shared && fchmod(fd, 0640) != 0)) {
		close(fd);
		unlink(path);
		return dorn_err_set(err, DORN_EIO, "cannot write the audit key %s", path);
	}
	close(fd);
	return 0;
}

int app_key_load(struct dorn_app *app, int writer, struct dorn_err *err)
{
	unsigned char key[DORN_KEY_BYTES];
	char db_id[33];
	long long from = 0, file_from = 0;
	int signed_rows = 0, rc;

	rc = dorn_store_key_info(app->st, db_id, &from, &signed_rows, err);
	if (!rc && !app->key_given)
		rc = key_path(app, db_id, app->key_path, sizeof app->key_path, err);
	if (rc)
		return rc;
	rc = read_key(app, app->key_path, db_id, key, &file_from, err);
	if (rc == DORN_ENOINPUT && app->key_given)
		return dorn_err_set(err, DORN_ECONFIG, "there is no audit key %s", app->key_path);
	if (rc == 0) {
		if (file_from != from) {
			memset(key, 0, sizeof key);
			return dorn_err_set(err, DORN_EDATA,
					    "the audit key %s signs rows from %lld on, but the "
					    "database says %lld: the database was changed outside "
					    "dorn; restore it from a backup", app->key_path,
					    file_from, from);
		}
		dorn_store_set_key(app->st, key);
		memset(key, 0, sizeof key);
		app->key_state = DORN_KEY_LOADED;
		return 0;
	}
	if (rc != DORN_ENOINPUT)
		return rc;
	dorn_err_clear(err);
	if (signed_rows || app->shared || !writer) {
		/* Readers go on (dorn check says it is missing); a writer
		 * could record nothing. */
		app->key_state = DORN_KEY_MISSING;
		if (!writer)
			return 0;
		return dorn_err_set(err, DORN_ECONFIG,
				    "the audit key of %s is missing (%s): restore it from your "
				    "copy of it; without it dorn cannot record anything%s",
				    app->db_path, app->key_path,
				    app->shared ? "; ask whoever set up the host" : "");
	}
	/* A database whose log no key has signed yet (new, or made by an
	 * earlier dorn): make the key and record what is there now. */
	rc = app_key_write(app->key_path, 0, db_id, from, key, err);
	if (rc)
		return rc;
	dorn_store_set_key(app->st, key);
	memset(key, 0, sizeof key);
	rc = dorn_store_audit_seal(app->st, app->login, err);
	if (rc)
		return rc;
	app->key_state = DORN_KEY_LOADED;
	return 0;
}

int dorn_app_key_make(struct dorn_store *st, const char *login, struct dorn_err *err)
{
	struct dorn_app app;

	memset(&app, 0, sizeof app);
	app.st = st;
	snprintf(app.login, sizeof app.login, "%s", login);
	snprintf(app.db_path, sizeof app.db_path, "the database");
	return app_key_load(&app, 1, err);
}
