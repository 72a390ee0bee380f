/* libFuzzer harness for `dorn verify`: the input is an export folder's
 * SHA256SUMS. The folder is this process's own, made once, holding two
 * small fixed files that the input may name (tests/fuzz/corpus/sums has
 * their true sums, a changed one and a missing one). */
#include "fuzz.h"

#include "dorn/app.h"
#include "dorn/buf.h"

/* Fictitious: the same bytes as the seeds' checksums were made from. */
static const char note_txt[] = "REQUEST FOR A DEPRIVATION ORDER\nCase (URN): 01/YZ/12345/26\n";
static const char case_json[] = "{\"urn\": \"01YZ1234526\", \"defendant\": \"Alex Example\"}\n";

static char dir[1024], sums[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[1024];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof dir, "%s", fz_tmpdir("sums"));
	fz_path(sums, sizeof sums, "SHA256SUMS");
	fz_path(path, sizeof path, "note-v1.txt");
	fz_write(path, note_txt, sizeof note_txt - 1);
	fz_path(path, sizeof path, "case.json");
	fz_write(path, case_json, sizeof case_json - 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dorn_buf report;
	struct dorn_err err;
	size_t checked = (size_t)-1;
	int rc;

	fz_write(sums, data, size);
	dorn_buf_init(&report);
	dorn_err_clear(&err);
	/* Half the inputs by the folder, half by the file: both are allowed. */
	rc = dorn_app_verify(size % 2 ? dir : sums, &report, &checked, &err);
	FZ_CHECK(checked != (size_t)-1);
	if (rc == 0) {
		FZ_CHECK(checked > 0 && report.len == 0);
	} else {
		FZ_CHECK(rc < 0 && err.code == rc);
		fz_check_msg(&err);
	}
	/* The report lists file names from the input: printed as they are,
	 * so nothing in it may be a control character but the line ends. */
	FZ_CHECK(dorn_utf8_valid(dorn_buf_str(&report), report.len, NULL));
	FZ_CHECK(!dorn_text_has_control(dorn_buf_str(&report), DORN_TEXT_KEEP_NEWLINE));
	dorn_buf_fini(&report);
	return 0;
}
