/* dorn: Deprivation Order Request Notes. Process-wide safety first, then
 * the command line decides what to do. */
#include <locale.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "dorn/cli.h"

int main(int argc, char **argv)
{
	struct rlimit none = { 0, 0 };

	/* Every file we create (database, -wal, -shm, exports, backups) is 0600,
	 * and a crash leaves no core file full of victims' details. */
	umask(077);
	setrlimit(RLIMIT_CORE, &none);
	return dorn_cli_main(argc, argv);
}
