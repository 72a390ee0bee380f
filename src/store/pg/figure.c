/* PostgreSQL: the figures, a unit's or (dorn_force) every unit's. */
#include "pg.h"

int pg_figure_each(struct pg_store *st, const char *from, const char *to, int (*cb)(const struct dorn_figure_row *, void *), void *ctx, struct dorn_err *err)
{
	(void)st;
	(void)from;
	(void)to;
	(void)cb;
	(void)ctx;
	return dorn_err_set(err, DORN_ECONFIG, "%s is not yet done on PostgreSQL", "figure_each");
}
