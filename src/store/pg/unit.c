/* PostgreSQL: the unit a session works in, for someone in several
 * ([database] unit of dorn.ini). The API's functions read it from the
 * session's setting dorn.unit (30-api.sql _unit_for), and check there
 * that it is one of the caller's units: setting it grants nothing. */
#include "pg.h"

int pg_set_unit(struct pg_store *st, const char *unit, struct dorn_err *err)
{
	const char *p[] = { unit ? unit : "" };

	return pg_exec(st, "SELECT pg_catalog.set_config('dorn.unit', $1, false)", 1, p, NULL,
		       "choosing the unit ([database] unit)", err);
}
