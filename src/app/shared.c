#define _GNU_SOURCE /* setresgid */
/* A unit on one host (dorn-shared(7)): dorn installed setgid to the unit's
 * group, the database in a folder only that group can enter. Officers are
 * not in the group, so they reach the file only through dorn, and dorn
 * holds the group's privilege only while it opens the database and reads
 * the audit key; then it gives it up for good (the descriptors it opened
 * stay usable, and nothing later needs to open a file there).
 *
 * The privilege is the effective group at start when it differs from the
 * real one. dorn_shared_start sets the effective group back to the real
 * one at once (the saved one keeps the privilege); dorn_shared_raise and
 * dorn_shared_drop are the only ways back and out. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dorn/app.h"
#include "dorn/err.h"

#ifndef DORN_SHAREDDIR
#define DORN_SHAREDDIR "/var/lib/dorn"
#endif

static gid_t priv_gid, real_gid;
static int privileged; /* the privilege is held (in the saved group) */

int dorn_shared_start(void)
{
	real_gid = getgid();
	priv_gid = getegid();
	if (priv_gid == real_gid)
		return 0;
	if (setegid(real_gid) != 0)
		return DORN_EPERM;
	privileged = 1;
	return 0;
}

int dorn_shared_privileged(void)
{
	return privileged;
}

const char *dorn_shared_dir(void)
{
	return DORN_SHAREDDIR;
}

int dorn_shared_raise(void)
{
	if (!privileged)
		return DORN_EPERM;
	return setegid(priv_gid) == 0 ? 0 : DORN_EPERM;
}

int dorn_shared_drop(void)
{
	if (!privileged)
		return 0;
	privileged = 0;
	/* Real, effective and saved: nothing can take it back. */
	if (setresgid(real_gid, real_gid, real_gid) != 0 || getegid() != real_gid)
		return DORN_EPERM;
	return 0;
}

unsigned dorn_shared_gid(void)
{
	return (unsigned)priv_gid;
}

/* The folder and files 'dorn init --shared' made, as it made them: a file
 * anyone else owns, or that others can reach, means someone changed the
 * set-up, and dorn will not write a unit's records into it. */
int dorn_shared_check_files(const char *dir, unsigned gid, struct dorn_err *err)
{
	static const char *const names[] = { "dorn.db", "dorn.db-wal", "dorn.db-shm" };
	char path[4096];
	struct stat sb;

	if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != 0 ||
	    sb.st_gid != gid || (sb.st_mode & 07777) != 02770)
		return dorn_err_set(err, DORN_EPERM,
				    "the unit's folder %s is not as 'dorn init --shared' made it "
				    "(root, group %u, mode 2770): ask whoever looks after the host "
				    "to run 'dorn init --shared' again", dir, gid);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (lstat(path, &sb) != 0)
			return dorn_err_set(err, DORN_EPERM,
					    "%s is missing: dorn makes no files in the unit's "
					    "folder itself, so none is owned by an officer; ask "
					    "whoever looks after the host to run 'dorn init "
					    "--shared' again", path);
		if (!S_ISREG(sb.st_mode) || sb.st_uid != 0 || sb.st_gid != gid ||
		    (sb.st_mode & 07777) != 0660)
			return dorn_err_set(err, DORN_EPERM,
					    "%s is not as 'dorn init --shared' made it (a file "
					    "of root's, group %u, mode 0660): ask whoever looks "
					    "after the host to run 'dorn init --shared' again",
					    path, gid);
	}
	return 0;
}

int dorn_shared_group(const char *name, unsigned *gid, struct dorn_err *err)
{
	struct group *g = getgrnam(name);

	if (!g)
		return dorn_err_set(err, DORN_ECONFIG, "there is no group '%s': run 'make "
				    "install-shared' (which makes it), or 'groupadd --system %s'",
				    name, name);
	*gid = (unsigned)g->gr_gid;
	return 0;
}
