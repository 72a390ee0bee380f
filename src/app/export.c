/* Export to the case file: choose the version each case may send, write
 * its files, checksum them and record the disclosure. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/store.h"
#include "dorn/buf.h"
#include "dorn/doc.h"
#include "dorn/err.h"
#include "dorn/export.h"
#include "dorn/json.h"
#include "dorn/model.h"
#include "dorn/note.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "priv.h"

struct job {
	struct dorn_case_view v;    /* the case, with note = the version to export */
	int draft_mark;             /* DRAFT - NOT APPROVED on it */
};

static void job_fini(struct job *j)
{
	dorn_case_view_fini(&j->v);
}

/* The version to send: the latest approved one, or with --draft the latest. */
static int choose(struct job *j, int draft, struct dorn_err *err)
{
	struct dorn_case_view *v = &j->v;
	const struct dorn_note *pick = NULL;
	char shown[18];

	dorn_urn_display(v->c->urn, shown);
	for (size_t i = 0; i < v->nversions && !pick; i++)
		if (v->versions[i].status == DORN_NOTE_APPROVED)
			pick = &v->versions[i];
	if (draft && v->nversions && (!pick || pick != &v->versions[0]))
		pick = &v->versions[0];
	if (!pick)
		return dorn_err_set(err, DORN_ERULE, "%s has no approved note: ask a supervisor "
				    "to review it (dorn review), or export it marked as a draft "
				    "with --draft", shown);
	j->draft_mark = pick->status != DORN_NOTE_APPROVED;
	dorn_note_fini(&v->note);
	v->note = *pick;
	v->note.body = strdup(pick->body ? pick->body : "");
	v->note.model = pick->model ? strdup(pick->model) : NULL;
	v->has_note = 1;
	if (!v->note.body || (pick->model && !v->note.model))
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	return 0;
}

static int load_job(struct dorn_app *app, const char *urn, int draft, struct job *j,
		    struct dorn_err *err)
{
	int rc = dorn_app_show(app, urn, &j->v, err);

	return rc ? rc : choose(j, draft, err);
}

static void footer(const struct job *j, char *out, size_t n)
{
	char when[32];

	if (j->draft_mark) {
		snprintf(out, n, "DRAFT - NOT APPROVED (version %d, %s)", j->v.note.version,
			 dorn_note_status_word(j->v.note.status));
		return;
	}
	dorn_date_long(j->v.note.reviewed, when);
	snprintf(out, n, "Approved by %s on %s (version %d)", j->v.note.reviewer_name, when,
		 j->v.note.version);
}

int dorn_app_export_dir(struct dorn_app *app, const struct dorn_export_opts *o, char *out,
			size_t n, struct dorn_err *err)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (o && o->out_dir && *o->out_dir)
		snprintf(out, n, "%s", o->out_dir);
	else if (*app->cfg.export_dir)
		snprintf(out, n, "%s", app->cfg.export_dir);
	else if (xdg && *xdg == '/')
		snprintf(out, n, "%s/dorn/export", xdg);
	else if (home && *home)
		snprintf(out, n, "%s/.local/share/dorn/export", home);
	else
		return dorn_err_set(err, DORN_ECONFIG, "no export folder: give --out DIR or set "
				    "[export] dir in dorn.ini");
	if (strlen(out) > n - 64)
		return dorn_err_set(err, DORN_EUSAGE, "the export folder's path is too long: "
				    "choose a shorter one with --out");
	return 0;
}

static const char *const exts[] = { "txt", "pdf", "json" }; /* DORN_FMT_* order */

#define DETAIL_MAX 8000 /* bytes of an audit row's detail */

/* Render one format of a job into data; head goes into the JSON. */
static int render(struct dorn_app *app, const struct job *j, unsigned bit, const char *shown,
		  const char *foot, const char *head, struct dorn_buf *data, struct dorn_err *err)
{
	struct dorn_pdf_meta pm = { 0 };
	struct dorn_doc doc;
	char title[96], date[11];
	int rc;

	if (bit == DORN_FMT_PDF) {
		const struct dorn_note *n = &j->v.note;

		snprintf(title, sizeof title, "Deprivation order request note, version %d",
			 n->version);
		/* the version's own date, so the same version gives the same
		 * bytes whenever it is exported */
		snprintf(date, sizeof date, "%.10s", j->draft_mark ? n->created : n->reviewed);
		pm.urn_display = shown;
		pm.title = title;
		pm.unit = app->cfg.unit_name;
		pm.footer = foot;
		pm.draft = j->draft_mark;
		pm.font = app->cfg.pdf_font;
		pm.date = date;
		/* set from the note's structure; a version stored before notes
		 * kept one is set from its text, line by line */
		rc = dorn_doc_parse(n->model ? n->model : n->body, &doc, err);
		if (!rc)
			rc = dorn_pdf_render(&doc, &pm, data, err);
		app->pdf_made = 1;
		dorn_doc_fini(&doc);
		return rc;
	}
	if (bit == DORN_FMT_TXT) {
		if (j->draft_mark)
			dorn_buf_puts(data, "DRAFT - NOT APPROVED\n\n");
		dorn_buf_puts(data, j->v.note.body);
		dorn_buf_printf(data, "\n%s\n", foot);
	} else if (dorn_json_case(&j->v, &app->offences, &app->wording, 1, head, data)) {
		data->oom = 1;
	}
	return data->oom ? dorn_err_set(err, DORN_ENOMEM, "out of memory") : 0;
}

/* One case's export, from rendered to placed: its folder, held open,
 * and its files (the formats, the audit head, then SHA256SUMS). */
struct staged {
	struct dorn_xdir dir;
	struct dorn_xfile f[5];
	size_t n;
	char head[96]; /* "SEQ:MAC": the audit head its files carry */
};

#define JSON_MAX (64u << 20) /* an exported JSON larger than this is not dorn's */

/* The audit head a version's files carry in a folder: the one in its
 * .audit-head file when an earlier export put one there (its files are
 * kept as they were, and carry it), else now, the log's head at this
 * export. A file there that is not a head is left to be refused. */
static int version_head(struct staged *s, const char *name, const char *now,
			struct dorn_err *err)
{
	struct dorn_audit_anchor a;
	struct dorn_buf old;
	int rc;

	dorn_buf_init(&old);
	snprintf(s->head, sizeof s->head, "%s", now);
	rc = dorn_export_read(&s->dir, name, 128, &old, err);
	if (rc == 1 && old.len > 1 && old.p[old.len - 1] == '\n') {
		old.p[--old.len] = '\0';
		if (dorn_audit_anchor_parse(old.p, &a, NULL) == 0)
			snprintf(s->head, sizeof s->head, "%s", old.p);
	}
	dorn_buf_fini(&old);
	return rc < 0 ? rc : 0;
}

/* The JSON carries the audit head. An existing JSON that is the same but
 * for its audit_head (or has none: written before dorn kept one) is what
 * was exported then: keep it, with its head, rather than refuse. */
static int keep_old_json(struct dorn_app *app, const struct job *j, struct staged *s,
			 const char *name, struct dorn_buf *data, struct dorn_err *err)
{
	struct dorn_buf old, alt;
	char shown[18], foot[300], head[96];
	int rc;

	dorn_buf_init(&old);
	dorn_buf_init(&alt);
	rc = dorn_export_read(&s->dir, name, JSON_MAX, &old, err);
	if (rc <= 0 || (old.len == data->len && memcmp(old.p, data->p, old.len) == 0))
		goto out;
	dorn_urn_display(j->v.c->urn, shown);
	footer(j, foot, sizeof foot);
	rc = render(app, j, DORN_FMT_JSON, shown, foot,
		    dorn_json_audit_head(old.p, old.len, head, sizeof head) ? head : NULL, &alt,
		    err);
	if (!rc && alt.len == old.len && memcmp(alt.p, old.p, old.len) == 0) {
		dorn_buf_fini(data);
		*data = alt;
		dorn_buf_init(&alt);
	}
out:
	dorn_buf_fini(&old);
	dorn_buf_fini(&alt);
	return rc < 0 ? rc : 0;
}

static void staged_discard(struct staged *s, int undo)
{
	for (size_t i = 0; i < s->n; i++)
		dorn_export_discard(&s->dir, &s->f[i]);
	s->n = 0;
	dorn_export_close(&s->dir, undo);
}

/* Write every file of a job to a temporary file in its folder, with
 * SHA256SUMS last: nothing is in place yet. The text and the PDF are
 * rendered before the folder is opened, so a missing font touches none;
 * the JSON after, as it carries the head the folder may already hold.
 * Only SHA256SUMS is ever replaced: every other file, once in place, stays
 * as it is, so a kill between two renames cannot leave a file that
 * SHA256SUMS lists with other bytes. */
static int stage_job(struct dorn_app *app, const struct job *j, struct dorn_xdir *root,
		     unsigned fmts, const char *head, struct staged *s, struct dorn_buf *report,
		     struct dorn_err *err)
{
	struct dorn_buf data[3], sums;
	char shown[18], foot[300], base[80], name[96], line[100];
	int rc = 0;

	dorn_urn_display(j->v.c->urn, shown);
	footer(j, foot, sizeof foot);
	/* No personal data in names: the URN and the version only. */
	snprintf(base, sizeof base, "%s-deprivation-note-v%d%s", j->v.c->urn, j->v.note.version,
		 j->draft_mark ? "-DRAFT" : "");
	dorn_buf_init(&sums);
	for (int f = 0; f < 3; f++)
		dorn_buf_init(&data[f]);
	for (int f = 0; !rc && f < 3; f++)
		if ((fmts & (1u << f)) && (1u << f) != DORN_FMT_JSON)
			rc = render(app, j, 1u << f, shown, foot, NULL, &data[f], err);
	if (!rc)
		rc = dorn_export_open(&s->dir, root, j->v.c->urn, err);
	if (!rc)
		rc = dorn_export_sweep(&s->dir, report, err);
	snprintf(name, sizeof name, "%s%s", base, DORN_EXPORT_HEAD_EXT);
	if (!rc)
		rc = version_head(s, name, head, err);
	for (int f = 0; !rc && f < 3; f++) {
		if (!(fmts & (1u << f)))
			continue;
		snprintf(name, sizeof name, "%s.%s", base, exts[f]);
		if ((1u << f) == DORN_FMT_JSON) {
			rc = render(app, j, DORN_FMT_JSON, shown, foot, s->head, &data[f], err);
			if (!rc)
				rc = keep_old_json(app, j, s, name, &data[f], err);
		}
		if (!rc)
			rc = dorn_export_stage(&s->dir, &s->f[s->n], name, 0, data[f].p, data[f].len,
				       err);
		if (!rc)
			s->n++;
	}
	/* The log's state the export reflects, for anyone to check later
	 * that the log still holds it (dorn audit --verify --anchor). */
	snprintf(name, sizeof name, "%s%s", base, DORN_EXPORT_HEAD_EXT);
	snprintf(line, sizeof line, "%s\n", s->head);
	if (!rc)
		rc = dorn_export_stage(&s->dir, &s->f[s->n], name, 0, line, strlen(line), err);
	if (!rc)
		s->n++;
	if (!rc)
		rc = dorn_sums_text(&s->dir, s->f, s->n, &sums, err);
	if (!rc)
		rc = dorn_export_stage(&s->dir, &s->f[s->n], DORN_EXPORT_SUMS, 1, sums.p,
				       sums.len, err);
	if (!rc)
		s->n++;
	for (int f = 0; f < 3; f++)
		dorn_buf_fini(&data[f]);
	dorn_buf_fini(&sums);
	return rc;
}

/* The audit row's detail: where the files went and what each held. They
 * are written (as temporary files) before the row and put in place after
 * it, so the row says "written for": see dorn(1), export. */
static int detail_of(const struct staged *s, struct dorn_buf *out, struct dorn_err *err)
{
	size_t at;

	dorn_buf_reset(out);
	dorn_buf_puts(out, "written for this export into ");
	at = out->len;
	dorn_buf_puts(out, s->dir.path);
	/* a folder's name is the user's, and the log is printed */
	if (!out->oom)
		out->len = at + dorn_text_strip(out->p + at, 0);
	dorn_buf_puts(out, ":");
	for (size_t i = 0; i < s->n; i++)
		dorn_buf_printf(out, "%s %s sha256:%s", i ? "," : "", s->f[i].name, s->f[i].hex);
	if (out->oom)
		return dorn_err_set(err, DORN_ENOMEM, "out of memory");
	if (out->len > DETAIL_MAX)
		return dorn_err_set(err, DORN_EUSAGE, "the export folder's path is too long for "
				    "the audit log: choose a shorter one with --out");
	return 0;
}

/* Link each file to its name (SHA256SUMS last, so it never lists a file
 * not yet there), then sync the folder. After the disclosure is recorded:
 * a failure here says so. */
static int place_job(struct staged *s, struct dorn_buf *report, struct dorn_err *err)
{
	char msg[DORN_ERR_MSG];
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < s->n; i++) {
		rc = dorn_export_place(&s->dir, &s->f[i], err);
		if (rc)
			break;
		if (strcmp(s->f[i].name, DORN_EXPORT_SUMS) == 0)
			dorn_buf_printf(report, "Checksums %s/%s\nAudit head: %s (check it later "
					"with: dorn audit --verify --anchor %s)\n", s->dir.path,
					s->f[i].name, s->head, s->head);
		else
			dorn_buf_printf(report, "%s %s/%s\n", s->f[i].same ? "Unchanged" : "Wrote",
					s->dir.path, s->f[i].name);
	}
	if (!rc)
		rc = dorn_export_sync(&s->dir, err);
	if (rc && err) {
		snprintf(msg, sizeof msg, "%s", err->msg);
		dorn_err_set(err, rc, "%s (the export was recorded in the audit log with its "
			     "files' SHA-256 before they were put in place: export again to "
			     "finish it)", msg);
	}
	return rc;
}

/* One case: stage, record, place. */
static int export_job(struct dorn_app *app, const struct job *j, const struct dorn_export_opts *o,
		      struct dorn_xdir *root, unsigned fmts, const char *head,
		      struct dorn_buf *report, struct dorn_err *err)
{
	struct staged s = { .n = 0 };
	struct dorn_audit_rec a = { 0 };
	struct dorn_buf detail;
	int rc;

	s.dir.fd = -1;
	dorn_buf_init(&detail);
	rc = stage_job(app, j, root, fmts, head, &s, report, err);
	if (!rc)
		rc = detail_of(&s, &detail, err);
	if (!rc) {
		/* A disclosure: to whom, why, which files. */
		a.login = app->login;
		a.action = DORN_AUDIT_DISCLOSE;
		a.entity = "note";
		a.entity_id = j->v.note.id;
		a.recipient = o->recipient && *o->recipient ? o->recipient
							    : app->cfg.export_recipient;
		a.reason = o->reason ? o->reason : "";
		a.detail = dorn_buf_str(&detail);
		rc = dorn_store_audit_alone(app->st, &a, err);
	}
	if (rc) {
		/* Not recorded: nothing may stay, not even the folder. */
		staged_discard(&s, 1);
	} else {
		rc = place_job(&s, report, err);
		staged_discard(&s, 0);
	}
	dorn_buf_fini(&detail);
	return rc;
}

static int case_has_approved(struct dorn_app *app, const struct dorn_case_row *r, int *yes,
			     struct dorn_err *err)
{
	struct dorn_note *v = NULL;
	size_t n = 0;
	int rc = dorn_store_note_versions(app->st, r->id, &v, &n, err);

	*yes = 0;
	for (size_t i = 0; !rc && i < n; i++)
		*yes |= v[i].status == DORN_NOTE_APPROVED;
	dorn_notes_free(v, n);
	return rc;
}

struct collect {
	struct dorn_case_row *v;
	size_t len, cap;
};

static int collect_row(const struct dorn_case_row *r, void *ctx)
{
	struct collect *c = ctx;

	if (dorn_grow(&c->v, &c->cap, c->len + 1, sizeof *c->v))
		return DORN_ENOMEM;
	c->v[c->len++] = *r;
	return 0;
}

/* Every case, by URN: the export of all approved notes checks each. */
static int all_cases(struct dorn_app *app, struct dorn_case_row **rows, size_t *n,
		     struct dorn_err *err)
{
	struct collect c = { 0 };
	int rc = dorn_store_case_page(app->st, NULL, NULL, 0, 0, collect_row, &c, err);

	if (rc == DORN_ENOMEM)
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	if (rc) {
		free(c.v);
		c.v = NULL;
		c.len = 0;
	}
	*rows = c.v;
	*n = c.len;
	return rc;
}

int dorn_app_export(struct dorn_app *app, char *const *urns, size_t n, int all_approved,
		    const struct dorn_export_opts *o, struct dorn_buf *report,
		    struct dorn_err *err)
{
	struct dorn_case_row *rows = NULL;
	struct job *jobs = NULL;
	struct dorn_xdir root;
	struct dorn_audit_anchor anchor = { 0 };
	char dir[PATH_MAX], urn[DORN_URN_MAX], head[96];
	unsigned fmts = o->formats ? o->formats : app->cfg.export_formats;
	size_t nrows = 0, njobs = 0, done = 0;
	int rc, yes;

	root.fd = -1;
	root.made = NULL;
	root.nmade = 0;
	/* The audit row holds the reason; keep it readable. */
	if (o->reason && strlen(o->reason) > 1000)
		return dorn_err_set(err, DORN_EUSAGE, "--reason is %zu bytes long: keep it to "
				    "1000", strlen(o->reason));
	rc = dorn_app_export_dir(app, o, dir, sizeof dir, err);
	if (!rc && all_approved) {
		rc = all_cases(app, &rows, &nrows, err);
		n = 0;
	}
	jobs = calloc((all_approved ? nrows : n) + 1, sizeof *jobs);
	if (!rc && !jobs)
		rc = dorn_err_set(err, DORN_ENOMEM, "out of memory");
	/* Check every case before writing anything. */
	for (size_t i = 0; !rc && i < (all_approved ? nrows : n); i++) {
		if (all_approved) {
			rc = case_has_approved(app, &rows[i], &yes, err);
			if (rc || !yes)
				continue;
			snprintf(urn, sizeof urn, "%s", rows[i].urn);
		}
		rc = load_job(app, all_approved ? urn : urns[i], o->draft, &jobs[njobs], err);
		njobs++;
	}
	if (!rc && njobs == 0)
		rc = dorn_err_set(err, DORN_ERULE, "no case has an approved note to export");
	/* Before writing: the state of the log this export reflects. */
	if (!rc)
		rc = dorn_app_audit_head(app, &anchor, err);
	snprintf(head, sizeof head, "%lld:%s", anchor.seq, rc ? "" : anchor.mac);
	if (!rc)
		rc = dorn_export_open(&root, NULL, dir, err);
	/* Case by case, each recorded before its files are put in place. */
	for (size_t i = 0; !rc && i < njobs; i++) {
		rc = export_job(app, &jobs[i], o, &root, fmts, head, report, err);
		done += !rc;
	}
	/* A folder made for an export that wrote nothing goes again. */
	dorn_export_close(&root, done == 0);
	for (size_t i = 0; i < njobs; i++)
		job_fini(&jobs[i]);
	free(jobs);
	free(rows);
	return rc;
}

int dorn_app_verify_folder(const char *path, struct dorn_buf *report,
			   struct dorn_app_verified *out, struct dorn_err *err)
{
	struct dorn_verify v;
	int rc = dorn_sums_verify(path, report, &v, err);

	memset(out, 0, sizeof *out);
	out->checked = v.checked;
	out->problems = v.changed + v.missing;
	out->strays = v.strays;
	out->heads = v.heads;
	out->has_head = v.head[0] && dorn_audit_anchor_parse(v.head, &out->head, NULL) == 0;
	return rc;
}

int dorn_app_verify(const char *path, struct dorn_buf *report, size_t *checked,
		    struct dorn_err *err)
{
	struct dorn_app_verified v;
	int rc = dorn_app_verify_folder(path, report, &v, err);

	if (checked)
		*checked = v.checked;
	return rc;
}

int dorn_app_case_json(struct dorn_app *app, const struct dorn_case_view *v,
		       struct dorn_buf *out)
{
	return dorn_json_case(v, &app->offences, &app->wording, 0, NULL, out);
}

int dorn_app_note_json(const struct dorn_case_view *v, struct dorn_buf *out)
{
	return dorn_json_note(v, out);
}

int dorn_app_json_row(const char *const *keys, const char *const *vals, const int *numeric,
		      size_t n, struct dorn_buf *out)
{
	return dorn_json_row(keys, vals, numeric, n, out);
}

int dorn_app_json_schema(void)
{
	return DORN_JSON_SCHEMA;
}
