/* libFuzzer harness for the configuration file (dorn.ini(5)) and the
 * line-numbered INI reader under it (also the reader of case files and
 * data files). The input is the file; it is written to one path in this
 * process's own folder, loaded over the built-in defaults, and then read
 * again with dorn_ini_load alone, to walk what the reader hands out. */
#include "fuzz.h"

#include <limits.h>

#include "dorn/config.h"

static char path[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* "~/..." paths are expanded from HOME: give a fixed one, so a run
	 * does not depend on who starts it. */
	setenv("HOME", "/home/fuzz", 1);
	fz_tmpdir("config");
	fz_path(path, sizeof path, "dorn.ini");
	return 0;
}

/* A string field ends inside its array. */
#define TERMINATED(a) (memchr((a), '\0', sizeof(a)) != NULL)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dorn_config cfg, before;
	struct dorn_ini *ini = NULL;
	struct dorn_err err;
	int rc;

	fz_write(path, data, size);
	dorn_config_defaults(&cfg);
	before = cfg;
	dorn_err_clear(&err);
	rc = dorn_config_load_file(&cfg, path, &err);
	if (rc != 0) {
		/* config.h: a bad file is DORN_ECONFIG and leaves cfg alone. */
		FZ_CHECK(rc == DORN_ECONFIG && err.code == DORN_ECONFIG);
		FZ_CHECK(memcmp(&cfg, &before, sizeof cfg) == 0);
		fz_check_msg(&err);
	} else {
		FZ_CHECK(!strcmp(cfg.source, path));
		FZ_CHECK(TERMINATED(cfg.db_path) && TERMINATED(cfg.unit_name) &&
			 TERMINATED(cfg.unit_area) && TERMINATED(cfg.unit_phone) &&
			 TERMINATED(cfg.unit_email) && TERMINATED(cfg.note_template) &&
			 TERMINATED(cfg.order_template) && TERMINATED(cfg.export_dir) &&
			 TERMINATED(cfg.export_recipient) && TERMINATED(cfg.pdf_font));
		FZ_CHECK(cfg.color == DORN_COLOR_AUTO || cfg.color == DORN_COLOR_NEVER);
		FZ_CHECK(cfg.ascii == 0 || cfg.ascii == 1);
		FZ_CHECK((cfg.export_formats & ~(unsigned)(DORN_FMT_TXT | DORN_FMT_PDF |
							   DORN_FMT_JSON)) == 0);
	}

	dorn_err_clear(&err);
	rc = dorn_ini_load(path, &ini, &err);
	if (rc != 0) {
		FZ_CHECK(ini == NULL && rc < 0 && err.code == rc);
		fz_check_msg(&err);
		return 0;
	}
	FZ_CHECK(ini != NULL);
	for (size_t i = 0; i < ini->n; i++) {
		const struct dorn_ini_entry *e = &ini->entries[i];

		FZ_CHECK(e->section && e->key && e->value && e->line >= 1);
		FZ_CHECK(dorn_utf8_valid(e->value, strlen(e->value), NULL));
		FZ_CHECK(dorn_ini_get(ini, e->section, e->key) == e);
		FZ_CHECK(dorn_ini_section_line(ini, e->section) >= 1 &&
			 dorn_ini_section_line(ini, e->section) < e->line);
	}
	dorn_ini_free(ini);
	return 0;
}
