/* Reading the data files of "after the hearing" (config room: it reads
 * files): the bank holidays and the Victims' Code's timings. dorn.ini(5), DATA FILES, describes
 * each file. Every loader takes path NULL or "" to mean the file of that
 * name in the data folder (dorn_config_datadir), and a broken data file is
 * the installation's to fix, so its errors are DORN_ECONFIG (DORN_ENOMEM
 * when memory ran out) with "FILE:LINE: what is wrong: what to do" (no
 * LINE when the problem is the whole file, such as a missing part). */
#ifndef DORN_DATAFILES_H
#define DORN_DATAFILES_H

#include "dorn/workdays.h"

struct dorn_err;

/* data/bank-holidays.ini into h, in the format dorn_holidays_parse reads.
 * h is empty (as after dorn_holidays_fini) on failure; free it with
 * dorn_holidays_fini. */
int dorn_holidays_load(const char *path, struct dorn_holidays *h, struct dorn_err *err);

/* The lowest and highest number of working days victims-code.ini may give. */
#define DORN_VICTIMS_CODE_DAYS_MIN 1
#define DORN_VICTIMS_CODE_DAYS_MAX 20

/* data/victims-code.ini into vc: [outcome] and [hearing], each with
 * tell_within_working_days, a whole number of working days from
 * DORN_VICTIMS_CODE_DAYS_MIN to DORN_VICTIMS_CODE_DAYS_MAX, and nothing
 * else. vc is zeroed on failure. */
int dorn_victims_code_load(const char *path, struct dorn_victims_code *vc,
			   struct dorn_err *err);

#endif
