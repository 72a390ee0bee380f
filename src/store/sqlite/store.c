/* Opening the database safely, transactions, errors, checks and backup. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dorn/buf.h"
#include "dorn/text.h"
#include "priv.h"

int store_fail(struct dorn_store *st, struct dorn_err *err, int rc,
	       const char *what, const char *sql)
{
	const char *msg = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	int prim = rc & 0xff;

	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return dorn_err_set(err, DORN_EBUSY,
				    "the database is busy (another dorn is writing) while %s: "
				    "try again in a moment", what);
	if (prim == SQLITE_NOTADB)
		return dorn_err_set(err, DORN_EDATA,
				    "%s is not a dorn database: give the path of a dorn "
				    "database with --db", st ? st->path : "the file");
	if (prim == SQLITE_CORRUPT)
		return dorn_err_set(err, DORN_EDATA,
				    "the database %s is damaged (%s) while %s: restore it "
				    "from a backup, and run 'dorn check' on the copy",
				    st ? st->path : "", msg, what);
	if (prim == SQLITE_READONLY || prim == SQLITE_PERM || prim == SQLITE_CANTOPEN)
		return dorn_err_set(err, DORN_EPERM, "cannot write %s while %s: %s: "
				    "check the file's owner and permissions",
				    st ? st->path : "the database", what, msg);
	if (prim == SQLITE_FULL || prim == SQLITE_IOERR)
		return dorn_err_set(err, DORN_EIO, "disk problem while %s: %s: free "
				    "some space or check the disk", what, msg);
	if (prim == SQLITE_CONSTRAINT)
		return dorn_err_set(err, DORN_EDATA, "the database refused a value while "
				    "%s: %s", what, msg);
	return dorn_err_set(err, DORN_EINTERNAL, "database error while %s: %s [%s]",
			    what, msg, sql ? sql : "");
}

int store_prepare(struct dorn_store *st, const char *sql, sqlite3_stmt **out,
		  struct dorn_err *err)
{
	int rc = sqlite3_prepare_v3(st->db, sql, -1, 0, out, NULL);

	if (rc != SQLITE_OK) {
		*out = NULL;
		return store_fail(st, err, rc, "preparing a query", sql);
	}
	return 0;
}

int store_stmt(struct dorn_store *st, enum stmt_id id, const char *sql,
	       sqlite3_stmt **out, struct dorn_err *err)
{
	int rc;

	*out = NULL;
	if ((unsigned)id >= STMT__COUNT)
		return dorn_err_set(err, DORN_EINTERNAL, "no such cached query (a bug) [%s]", sql);
	if (!st->stmts[id]) {
		rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
					&st->stmts[id], NULL);
		if (rc != SQLITE_OK) {
			st->stmts[id] = NULL;
			return store_fail(st, err, rc, "preparing a query", sql);
		}
	} else if (sqlite3_stmt_busy(st->stmts[id])) {
		/* Resetting it here would pull the rows from under whoever is
		 * stepping it, or hide a missing store_release. */
		return dorn_err_set(err, DORN_EINTERNAL,
				    "a query was still running when it was needed again "
				    "(a bug) [%s]", sql);
	}
	*out = st->stmts[id];
	/* The result of reset repeats the last step's, which was handled then. */
	sqlite3_reset(*out);
	sqlite3_clear_bindings(*out);
	return 0;
}

void store_release(sqlite3_stmt *s)
{
	if (!s)
		return;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

int store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (!v)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

void store_col_copy(sqlite3_stmt *s, int col, char *out, size_t n)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	snprintf(out, n, "%s", t ? (const char *)t : "");
}

void store_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int store_in_tx(struct dorn_store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

int store_scalar(struct dorn_store *st, const char *sql, long long *out, const char *what,
		 struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err);

	if (rc)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = 0;
	} else {
		rc = store_fail(st, err, rc, what, sql);
	}
	sqlite3_finalize(s);
	return rc;
}

/* mkdir -p for the folder holding path, each new folder 0700. */
static int make_parent(const char *path, struct dorn_err *err)
{
	char dir[PATH_MAX];
	char *slash;

	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
		return dorn_err_set(err, DORN_EUSAGE, "database path too long: %s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto fail;
	return 0;
fail:
	return dorn_err_set(err, DORN_ECANTCREAT, "cannot create the folder %s: %s: "
			    "choose another place with --db PATH", dir, strerror(errno));
}

/* A database (or its -wal or -shm) that anyone on the machine can read
 * exposes victims' details. */
static int check_mode(const char *path, struct dorn_err *err)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char p[PATH_MAX + 8];
	struct stat sb;

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
		if (stat(p, &sb) != 0)
			continue;
		if (i == 0 && !S_ISREG(sb.st_mode))
			return dorn_err_set(err, DORN_EDATA, "%s is not a regular file: give "
					    "the path of a dorn database with --db", p);
		if (sb.st_mode & (S_IROTH | S_IWOTH))
			return dorn_err_set(err, DORN_EPERM,
					    "%s can be read by other users (mode %03o): "
					    "run 'chmod o-rwx %s' (0600 for a private "
					    "database, 0660 for a shared one)",
					    p, (unsigned)(sb.st_mode & 0777), p);
	}
	return 0;
}

static int exec_sql(struct dorn_store *st, const char *sql, struct dorn_err *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_fail(st, err, rc, "setting up the database", sql);
}

static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *in = sqlite3_value_text(argv[0]);
	char *out;

	(void)argc;
	if (!in) {
		sqlite3_result_null(ctx);
		return;
	}
	out = sqlite3_malloc64(strlen((const char *)in) + 1);
	if (!out) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	dorn_text_fold((const char *)in, out);
	sqlite3_result_text(ctx, out, -1, sqlite3_free);
}

/* The first audit row the key signs (schema 7's meta). */
static int load_key_from(struct dorn_store *st, struct dorn_err *err)
{
	return store_scalar(st, "SELECT CAST(value AS INTEGER) FROM meta"
			    " WHERE name = 'audit_key_from'", &st->key_from,
			    "reading the audit key's row", err);
}

/* The descriptor SQLite opened the database on, for fstat: its unix VFS
 * keeps it in the file object right after three pointers, a layout it has
 * kept since 2008. Never trusted blindly: the descriptor must be a regular
 * file that starts with SQLite's header, else DORN_EINTERNAL (fail closed). */
static int sqlite_fd(struct dorn_store *st, int *fd, struct dorn_err *err)
{
	struct unix_file_head {
		const void *methods;
		void *vfs;
		void *inode;
		int h;
	};
	sqlite3_file *f = NULL;
	char head[16];
	struct stat sb;

	if (sqlite3_file_control(st->db, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK ||
	    !f || !f->pMethods)
		goto fail;
	*fd = ((const struct unix_file_head *)(const void *)f)->h;
	if (*fd < 0 || fstat(*fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    pread(*fd, head, sizeof head, 0) != (ssize_t)sizeof head ||
	    memcmp(head, "SQLite format 3", 16) != 0)
		goto fail;
	return 0;
fail:
	return dorn_err_set(err, DORN_EINTERNAL, "cannot tell which file SQLite opened for %s",
			    st->path);
}

int store_file_stat(struct dorn_store *st, struct stat *out, struct dorn_err *err)
{
	int fd = -1, rc = sqlite_fd(st, &fd, err);

	if (!rc && fstat(fd, out) != 0)
		rc = dorn_err_set(err, DORN_EIO, "cannot read the status of %s: %s", st->path,
				  strerror(errno));
	return rc;
}

void sq_file_info(struct dorn_store *st, unsigned *uid, unsigned *gid, unsigned *mode)
{
	*uid = (unsigned)st->sb.st_uid;
	*gid = (unsigned)st->sb.st_gid;
	*mode = (unsigned)(st->sb.st_mode & 07777);
}

int sq_readonly(struct dorn_store *st)
{
	return st->readonly;
}

int sq_open(struct dorn_store **out, const char *path, int flags,
		    int busy_timeout_ms, struct dorn_err *err)
{
	struct dorn_store *st = NULL;
	struct stat sb;
	int rc, oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
			 SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_FULLMUTEX;
	static const char *const pragmas[] = {
		"PRAGMA foreign_keys = ON",
		"PRAGMA secure_delete = ON",
		"PRAGMA temp_store = MEMORY",
		"PRAGMA trusted_schema = OFF",
		"PRAGMA journal_mode = WAL",
		"PRAGMA synchronous = FULL",
		"PRAGMA journal_size_limit = 0",
	};

	*out = NULL;
	if (!path || !*path)
		return dorn_err_set(err, DORN_EUSAGE, "no database path given");
	if (flags & DORN_STORE_READ)
		oflags = (oflags & ~SQLITE_OPEN_READWRITE) | SQLITE_OPEN_READONLY;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || !(flags & DORN_STORE_CREATE))
			return dorn_err_set(err, DORN_ENOINPUT,
					    "no database at %s: run 'dorn init' to create "
					    "one, or give another with --db PATH", path);
		rc = make_parent(path, err);
		if (rc)
			return rc;
		oflags |= SQLITE_OPEN_CREATE;
	}
	rc = check_mode(path, err);
	if (rc)
		return rc;
	/* Only dorn init makes a schema, and SQLite would write a header into
	 * an empty file as soon as the journal mode is set. */
	if (!(flags & DORN_STORE_CREATE) && stat(path, &sb) == 0 && sb.st_size == 0)
		return dorn_err_set(err, DORN_ENOINPUT,
				    "%s is empty, not a dorn database: run 'dorn init' to make "
				    "it one, or give another with --db PATH", path);

	st = calloc(1, sizeof *st);
	if (!st)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	st->head.engine = STORE_SQLITE;
	snprintf(st->path, sizeof st->path, "%s", path);
	st->readonly = !!(flags & DORN_STORE_READ);
	rc = sqlite3_open_v2(path, &st->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		rc = store_fail(st, err, rc, "opening the database", NULL);
		goto out;
	}
	sqlite3_extended_result_codes(st->db, 1);
	/* SQLite opens a file it may not write read-only, silently: read
	 * from it, and change nothing. */
	if (sqlite3_db_readonly(st->db, "main") == 1)
		st->readonly = 1;
	if (sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) != SQLITE_OK ||
	    sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) != SQLITE_OK ||
	    sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL) != SQLITE_OK) {
		rc = store_fail(st, err, sqlite3_errcode(st->db), "hardening the connection", NULL);
		goto out;
	}
	/* dorn_fold(text): the search index's folding (dorn_text_fold), for the
	 * migration that rebuilds the index from what it held. */
	rc = sqlite3_create_function(st->db, "dorn_fold", 1,
				     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
				     NULL, sql_fold, NULL, NULL);
	if (rc != SQLITE_OK) {
		rc = store_fail(st, err, rc, "adding the search's folding", NULL);
		goto out;
	}
	rc = sqlite3_busy_timeout(st->db, busy_timeout_ms);
	if (rc != SQLITE_OK) {
		rc = store_fail(st, err, rc, "setting the busy timeout", NULL);
		goto out;
	}
	if (!st->readonly) {
		/* The WAL stays when the last connection closes (emptied, as
		 * journal_size_limit is 0): on a shared host the folder's files
		 * are made once by 'dorn init --shared', owned by root, and no
		 * officer's dorn ever creates one they would own. */
		int persist = 1;

		rc = sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
		if (rc != SQLITE_OK) {
			rc = store_fail(st, err, rc, "keeping the write-ahead log", NULL);
			goto out;
		}
	}
	for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++) {
		/* A reader changes nothing: not even the journal mode of a
		 * backup copy (which is DELETE). */
		if (st->readonly && (strstr(pragmas[i], "journal_mode") ||
				     strstr(pragmas[i], "journal_size_limit")))
			continue;
		rc = exec_sql(st, pragmas[i], err);
		if (rc)
			goto out;
	}
	rc = sq_migrate_as(st, st->readonly ? DORN_STORE_READ : flags, err);
	if (rc)
		goto out;
	rc = load_key_from(st, err);
	if (rc)
		goto out;
	/* SQLite made -wal and -shm under our umask; check them all again. */
	rc = check_mode(path, err);
	if (!rc)
		rc = store_file_stat(st, &st->sb, err);
out:
	if (rc) {
		sq_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void sq_close(struct dorn_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < STMT__COUNT; i++)
		sqlite3_finalize(st->stmts[i]);
	dorn_sha256_free(st->sha);
	store_audit_forget(st);
	free(st->pending);
	if (st->db) {
		/* Copy what this connection wrote into the database without
		 * waiting for anyone (PASSIVE never waits for a reader). When
		 * this is the last connection, closing checkpoints the rest and
		 * empties the WAL (journal_size_limit = 0), so nothing of
		 * erased rows stays behind in it. */
		if (!st->readonly)
			sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
						  NULL, NULL);
		sqlite3_close_v2(st->db);
	}
	memset(st->key, 0, sizeof st->key);
	free(st);
}

/* BEGIN, COMMIT and ROLLBACK run for every change, so they are cached
 * statements too rather than sqlite3_exec, which prepares each time. */
static int run_cached(struct dorn_store *st, enum stmt_id id, const char *sql,
		      const char *what, struct dorn_err *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, id, sql, &s, err);

	if (rc)
		return rc;
	rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, what, sql);
	store_release(s);
	return rc;
}

int sq_begin(struct dorn_store *st, struct dorn_err *err)
{
	/* A read-only connection reads in a plain (deferred) transaction. */
	if (st->readonly)
		return run_cached(st, STMT_BEGIN, "BEGIN", "starting a reading", err);
	return run_cached(st, STMT_BEGIN, "BEGIN IMMEDIATE", "starting a change", err);
}

int sq_commit(struct dorn_store *st, struct dorn_err *err)
{
	int rc = store_audit_flush(st, err);

	if (!rc)
		rc = run_cached(st, STMT_COMMIT, "COMMIT", "saving", err);

	if (rc)
		sq_rollback(st);
	return rc;
}

void sq_rollback(struct dorn_store *st)
{
	if (st)
		store_audit_forget(st);
	if (st && st->db && !sqlite3_get_autocommit(st->db))
		run_cached(st, STMT_ROLLBACK, "ROLLBACK", "undoing a change", NULL);
}

static int rows_to_report(struct dorn_store *st, const char *sql, const char *label,
			  struct dorn_buf *report, int *problems, struct dorn_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err);

	if (rc)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int n = sqlite3_column_count(s);
		const unsigned char *first = sqlite3_column_text(s, 0);

		if (n == 1 && first && strcmp((const char *)first, "ok") == 0)
			continue;
		(*problems)++;
		dorn_buf_printf(report, "%s:", label);
		for (int i = 0; i < n; i++) {
			const unsigned char *t = sqlite3_column_text(s, i);

			dorn_buf_printf(report, " %s", t ? (const char *)t : "NULL");
		}
		dorn_buf_putc(report, '\n');
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, rc, "checking the database", sql);
	sqlite3_finalize(s);
	return rc;
}

int sq_check(struct dorn_store *st, struct dorn_buf *report,
		     int *problems, struct dorn_err *err)
{
	int rc;

	*problems = 0;
	/* What the case list reads instead of the dates and notes themselves
	 * (schema 4) must agree with them; the store keeps them in step, so a
	 * row here means the file was changed by other means. */
	static const char list_sql[] =
		"SELECT c.urn, 'the columns the case list reads disagree with the case''s dates"
		" or note: save the case again (dorn import --update) to rebuild them'"
		" FROM \"case\" c"
		" WHERE c.due_lo IS NOT coalesce(min(c.next_hearing, c.sentencing_date),"
		"   c.next_hearing, c.sentencing_date)"
		" OR c.due_hi IS NOT coalesce(max(c.next_hearing, c.sentencing_date),"
		"   c.next_hearing, c.sentencing_date)"
		" OR c.note_status IS NOT coalesce((SELECT n.status FROM note n"
		"   WHERE n.case_id = c.id ORDER BY n.version DESC LIMIT 1), 'none')"
		" OR c.note_version IS NOT coalesce((SELECT max(n.version) FROM note n"
		"   WHERE n.case_id = c.id), 0)"
		" OR (SELECT count(*) FROM case_due d WHERE d.case_id = c.id) IS NOT"
		"   (SELECT count(*) FROM case_due d WHERE d.case_id = c.id AND d.urn = c.urn"
		"     AND d.lo = c.due_lo AND d.date IN (c.due_lo, c.due_hi))"
		" OR (SELECT count(*) FROM case_due d WHERE d.case_id = c.id) IS NOT"
		"   (CASE WHEN c.due_lo IS NULL THEN 0 WHEN c.due_lo = c.due_hi THEN 1 ELSE 2 END)";
	/* The unit's figures: each case's row as its tables say it is. */
	static const char figure_sql[] =
		"SELECT c.urn, 'the unit''s figures disagree with the case: save it again"
		" (dorn import --update) to recount it' FROM (" STORE_FIGURE_SELECT ") r"
		" JOIN \"case\" c ON c.id = r.case_id LEFT JOIN figure f ON f.case_id = r.case_id"
		" WHERE f.id IS NULL OR f.erased <> 0"
		" OR (f.officer, f.offences, f.child, f.concern, f.approved, f.exported, f.hearing,"
		"   f.outcome, f.items, f.sought, f.made, f.refused, f.not_sought, f.returned, f.held)"
		" IS NOT (r.officer, r.offences, r.child, r.concern, r.approved, r.exported, r.hearing,"
		"   r.outcome, r.items, r.sought, r.made, r.refused, r.not_sought, r.returned, r.held)";
	rc = rows_to_report(st, "PRAGMA integrity_check", "integrity", report, problems, err);
	if (!rc)
		rc = rows_to_report(st, "PRAGMA foreign_key_check", "foreign key", report,
				    problems, err);
	if (!rc)
		rc = rows_to_report(st, list_sql, "case list", report, problems, err);
	if (!rc)
		rc = rows_to_report(st, figure_sql, "figures", report, problems, err);
	return rc;
}

int sq_backup(struct dorn_store *st, const char *dest, struct dorn_err *err)
{
	sqlite3 *to = NULL;
	sqlite3_backup *b = NULL;
	int fd, rc;

	/* O_EXCL: never overwrite anything, and the copy starts life 0600. */
	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	if (fd < 0)
		return dorn_err_set(err, errno == EEXIST ? DORN_ECANTCREAT : DORN_ECANTCREAT,
				    "cannot create %s: %s: %s", dest, strerror(errno),
				    errno == EEXIST ? "choose a name that does not exist yet"
						    : "check the folder exists and you may write there");
	close(fd);
	rc = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(to, "main", st->db, "main");
		if (!b) {
			rc = sqlite3_errcode(to);
		} else {
			rc = sqlite3_backup_step(b, -1);
			int rc2 = sqlite3_backup_finish(b);

			if (rc == SQLITE_DONE)
				rc = rc2;
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		rc = dorn_err_set(err, DORN_ECANTCREAT, "backup to %s failed: %s: check "
				  "the disk has room and try again", dest,
				  to ? sqlite3_errmsg(to) : sqlite3_errstr(rc));
		sqlite3_close_v2(to);
		unlink(dest);
		return rc;
	}
	sqlite3_close_v2(to);
	chmod(dest, 0600);
	return 0;
}

void *sq_handle(struct dorn_store *st)
{
	return st->db;
}
