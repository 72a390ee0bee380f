/* libpq, loaded the first time dorn connects to a server. Linked in, libpq
 * and the twenty libraries it needs (Kerberos, LDAP, TLS) made every
 * command, on a file as on a server, start about 6 ms slower (200 runs of
 * 'dorn --version': 3.5-5 ms each without, 10-13 ms with); most officers'
 * dorn never talks to a server. pg.h turns each PQ call into a call
 * through this table, so the engine's code reads as plain libpq. */
#define PG_LIBPQ_TABLE
#include <dlfcn.h>
#include <stddef.h>

#include "pg.h"

struct pg_libpq dorn_pq;

int pg_libpq_load(struct dorn_err *err)
{
	static const char *const names[] = { "libpq.so.5", "libpq.so" };
	void *h = NULL;

	if (dorn_pq.loaded)
		return 0;
	for (size_t i = 0; !h && i < sizeof names / sizeof names[0]; i++)
		h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return dorn_err_set(err, DORN_ECONFIG, "cannot load libpq, PostgreSQL's client "
				    "library (%s): install it (Debian: apt-get install libpq5) to "
				    "use a server", dlerror());
#define X(f)                                                                               \
	*(void **)(&dorn_pq.f) = dlsym(h, #f);                                             \
	if (!dorn_pq.f)                                                                    \
		return dorn_err_set(err, DORN_ECONFIG, "the libpq found lacks %s: it is too " \
				    "old for dorn (PostgreSQL 10 or later is needed)", #f);
	PG_LIBPQ_FUNCS(X)
#undef X
	dorn_pq.loaded = 1;
	return 0;
}
