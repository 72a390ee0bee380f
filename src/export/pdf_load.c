/* Loading the PDF engine, dorn-pdf.so, the first time a PDF is made
 * (pdf_engine.h says why it is a plug-in). It is looked for, in order:
 *   - DORN_PDFLIB, when set (for tests and development; a setgid dorn
 *     gives up the unit's group before it reads it, as for DORN_DATADIR);
 *   - beside the program, so that dorn runs from its build folder, never
 *     with an older engine installed elsewhere;
 *   - where make install puts it, DORN_PDFLIB_PATH (LIBDIR/dorn).
 * A missing or foreign plug-in is a configuration error (exit 78) that says
 * where dorn looked. */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dorn/err.h"
#include "dorn/export.h"
#include "pdf_engine.h"

#ifndef DORN_PDFLIB_PATH
#define DORN_PDFLIB_PATH "/usr/local/lib/dorn/dorn-pdf.so"
#endif

#define PDFLIB_NAME "dorn-pdf.so"

static const struct dorn_pdf_engine *engine;

/* dorn-pdf.so in the folder of the running program, or "". config.c finds
 * data/ beside the program the same way; the export room may not call
 * the config room (tests/layering.sh), so these few lines are its own. */
static void beside_exe(char *out, size_t n)
{
	char exe[PATH_MAX], *slash;
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);

	out[0] = '\0';
	if (len <= 0)
		return;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	if ((size_t)snprintf(out, n, "%s/%s", exe, PDFLIB_NAME) >= n)
		out[0] = '\0';
}

static int load(struct dorn_err *err)
{
	const char *env = getenv("DORN_PDFLIB");
	char beside[PATH_MAX];
	const char *path;
	const struct dorn_pdf_engine *e;
	void *h;

	if (engine)
		return 0;
	beside_exe(beside, sizeof beside);
	if (env && *env)
		path = env;
	else if (beside[0] && access(beside, R_OK) == 0)
		path = beside;
	else
		path = DORN_PDFLIB_PATH;
	/* Never unloaded: glib and fontconfig do not expect to be. */
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return dorn_err_set(err, DORN_ECONFIG, "cannot load the PDF engine: %s: reinstall "
				    "dorn (make install puts %s in %s), or set DORN_PDFLIB to "
				    "it; txt and json exports do not need it",
				    dlerror(), PDFLIB_NAME, DORN_PDFLIB_PATH);
	e = (const struct dorn_pdf_engine *)dlsym(h, DORN_PDF_ENGINE_SYMBOL);
	if (!e || e->abi != DORN_PDF_ABI || e->size != sizeof *e) {
		dlclose(h);
		return dorn_err_set(err, DORN_ECONFIG, "%s is not the PDF engine of this dorn "
				    "%s: reinstall dorn so that both come from one build",
				    path, DORN_VERSION);
	}
	engine = e;
	return 0;
}

int dorn_pdf_render(const struct dorn_doc *doc, const struct dorn_pdf_meta *m,
		    struct dorn_buf *out, struct dorn_err *err)
{
	int rc = load(err);

	return rc ? rc : engine->render(doc, m, out, err);
}

void dorn_pdf_release(void)
{
	if (engine)
		engine->release();
}

int dorn_figures_pdf(const struct dorn_figures *f, const struct dorn_figures_pdf_meta *m,
		     struct dorn_buf *out, struct dorn_err *err)
{
	int rc = load(err);

	return rc ? rc : engine->figures(f, m, out, err);
}
