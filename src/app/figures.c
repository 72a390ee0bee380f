/* The unit's figures: the figure rows of a range read from the store and
 * counted by core (figures.h) beside the baseline of data/figures.ini.
 *
 * No audit row: the audit log (DPA 2018 s.62) records who consulted,
 * changed or disclosed a case's personal data, and the figure table holds
 * none (no URN, name, words or date of birth; months, counts, offence
 * codes and the recording officer's login), so reading it consults no
 * case. The one grouping that names staff, --by officer, is a supervisor's
 * (staff are not to rank each other), and names only what the log itself
 * already holds: who recorded cases. */
#include <stdio.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/err.h"
#include "dorn/export.h"
#include "dorn/figures.h"
#include "dorn/json.h"
#include "dorn/offences.h"
#include "dorn/store.h"
#include "dorn/urn.h"
#include "priv.h"

static int add_row(const struct dorn_figure_row *r, void *ctx)
{
	return dorn_figures_add(ctx, r);
}

int dorn_app_figures(struct dorn_app *app, const struct dorn_figures_query *q,
		     struct dorn_figures *out, struct dorn_err *err)
{
	struct dorn_date d;
	char today[11];
	const char *to = q->to ? q->to : "";
	int rc;

	/* No --to: every case, even one recorded after a today pinned for a
	 * demonstration (DORN_TODAY). */
	dorn_date_from_days(app->today, &d);
	dorn_date_iso(&d, today);
	dorn_figures_init(out, q->by, q->from, to, today);
	if (q->by == DORN_FIG_BY_UNIT && !dorn_store_is_server(app->st))
		return dorn_err_set(err, DORN_EUSAGE, "one unit per database file: --by unit is "
				    "for a server (dorn-server(7))");
	if (q->by == DORN_FIG_BY_OFFICER && app->me.role != DORN_ROLE_SUPERVISOR)
		return dorn_err_set(err, DORN_EPERM, "the figures by officer are for supervisors: "
				    "ask one, or see them --by month or --by offence");
	if (q->from && *q->from && *to && strcmp(q->from, to) > 0)
		return dorn_err_set(err, DORN_EUSAGE, "--from %s is after --to %s: give a "
				    "range that starts before it ends", q->from, to);
	if ((rc = dorn_figures_baseline_load(NULL, &out->baseline, err)))
		return rc;
	rc = dorn_store_figure_each(app->st, out->from, out->to, add_row, out, err);
	if (rc == DORN_ENOMEM)
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory counting the figures");
	if (!rc && dorn_figures_finish(out))
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory counting the figures");
	/* The offences' statutes name their groups; without the data folder
	 * the codes alone still do. */
	if (!rc && q->by == DORN_FIG_BY_OFFENCE && dorn_app_load_data(app, NULL) == 0) {
		for (size_t i = 0; i < out->ngroups; i++) {
			const struct dorn_offence *o =
				dorn_offence_find(&app->offences, out->groups[i].key);
			const char *comma = o ? strrchr(o->statute, ',') : NULL;

			if (!o)
				continue;
			snprintf(out->groups[i].name, sizeof out->groups[i].name, "%s",
				 o->statute);
			/* "soa66b2 s.66B(2)": the code, and the section it is */
			if (comma)
				snprintf(out->groups[i].label, sizeof out->groups[i].label,
					 "%.31s %.31s", o->code, comma + 1 + (comma[1] == ' '));
		}
	}
	if (rc) {
		dorn_figures_fini(out);
		dorn_figures_init(out, q->by, q->from, to, today);
	}
	return rc;
}

int dorn_app_figures_json(struct dorn_app *app, const struct dorn_figures *f,
			  struct dorn_buf *out)
{
	return dorn_json_figures(f, app->cfg.figures_suppress_below, out);
}

int dorn_app_figures_pdf(struct dorn_app *app, const struct dorn_figures *f,
			 struct dorn_buf *out, struct dorn_err *err)
{
	struct dorn_figures_pdf_meta m = { app->cfg.unit_name, app->cfg.pdf_font,
					   app->cfg.figures_suppress_below };

	/* pango's fonts are given back when the app closes */
	app->pdf_made = 1;
	return dorn_figures_pdf(f, &m, out, err);
}
