/* Reading the data files of "after the hearing" (config room: it reads
 * files): the bank holidays, the Victims' Code's timings and the scripts
 * for telling the victim the outcome. dorn.ini(5), DATA FILES, describes
 * each file. Every loader takes path NULL or "" to mean the file of that
 * name in the data folder (dorn_config_datadir), and a broken data file is
 * the installation's to fix, so its errors are DORN_ECONFIG (DORN_ENOMEM
 * when memory ran out) with "FILE:LINE: what is wrong: what to do" (no
 * LINE when the problem is the whole file, such as a missing part). */
#ifndef DORN_DATAFILES_H
#define DORN_DATAFILES_H

#include "dorn/outcome.h"
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

/* The most words a script may hold: it is said aloud to a victim. */
#define DORN_SCRIPT_WORDS_MAX 150

/* data/outcome-scripts.ini into s: one section per result, named by its
 * key (dorn_result_key, all but "none"), each with adult and child, and
 * nothing else. A script is one value, quoted when it holds ';' or '#',
 * not empty, at most DORN_SCRIPT_WORDS_MAX words, without "{{" (scripts
 * take no placeholders). A result without both scripts is an error that
 * names the file, the section and what to add. s is empty on failure;
 * free it with dorn_scripts_fini. */
int dorn_scripts_load(const char *path, struct dorn_scripts *s, struct dorn_err *err);

#endif
