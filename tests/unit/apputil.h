/* A fixture for tests of the app room: a fresh temporary folder with a
 * database made by dorn_app_init (the caller is its supervisor), today
 * pinned to 2026-11-28 and the data folder of the source tree. */
#ifndef DORN_TEST_APPUTIL_H
#define DORN_TEST_APPUTIL_H

#include "testutil.h"

#include "dorn/app.h"
#include "dorn/err.h"

struct fx {
	char dir[64];
	char db[128];
	struct dorn_app app;
	struct dorn_opts o;
};

static inline int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct dorn_err err;
	int created = 0;

	assert_non_null(f);
	tu_tmpdir(f->dir, sizeof f->dir);
	snprintf(f->db, sizeof f->db, "%s/dorn.db", f->dir);
	f->o.db_path = f->db;
	/* the audit key goes in the test's folder, never the user's */
	setenv("XDG_CONFIG_HOME", f->dir, 1);
	setenv("DORN_TODAY", "2026-11-28", 1);
	if (!getenv("DORN_DATADIR"))
		setenv("DORN_DATADIR", "data", 1);
	assert_int_equal(dorn_app_configure(&f->app, &f->o, &err), 0);
	if (dorn_app_init(&f->app, &f->o, &created, &err) != 0)
		fail_msg("dorn init: %s", err.msg);
	assert_int_equal(created, 1);
	*state = f;
	return 0;
}

static inline int teardown(void **state)
{
	struct fx *f = *state;

	dorn_app_close(&f->app);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

#endif
