/* Export to the case file from the terminal: a small dialog asking who the
 * files are for (the [export] recipient by default) and why, then the
 * files the app layer wrote, or its refusal in full. Only an approved note
 * is exported here; a draft export stays on the command line. The app
 * layer writes the files, the checksums and the audit row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/app.h"
#include "dorn/buf.h"
#include "dorn/err.h"
#include "dorn/lineedit.h"
#include "dorn/note.h"
#include "dorn/text.h"
#include "dorn/urn.h"
#include "ui_priv.h"

#define RECIPIENT_MAX 255 /* [export] recipient holds this many bytes */
#define REASON_MAX 500    /* the audit row's reason (the files go in its detail) */
#define LABEL_W 20        /* "Reason (optional): " and a blank */
/* The report page is wrapped once, to the narrowest screen dorn draws. */
#define PAGE_W (UI_MIN_COLS - 2)

enum { EX_RECIPIENT, EX_REASON, EX_FIELDS };

static const char *const labels[EX_FIELDS] = { "Recipient:", "Reason (optional):" };
static const size_t maxes[EX_FIELDS] = { RECIPIENT_MAX, REASON_MAX };

struct export {
	char urn[DORN_URN_MAX];           /* normalised */
	char shown[18];                   /* as people write it */
	char about[5120];                 /* the version sent, where the files go */
	struct dorn_le field[EX_FIELDS];
	int focus;
	char failed[DORN_ERR_MSG + 4096]; /* the last refusal in full, or "" */
	int done;                         /* exported: page holds what was written */
	struct ui_page page;
};

/* ---- the dialog ---- */

static void dialog_draw(struct ui *u, struct export *x)
{
	int y = u->body_top, end = u->body_top + u->body_rows, i;
	char head[64];

	snprintf(head, sizeof head, "Export to the case file: %s", x->shown);
	ui_text(u, y - 1, 1, COLS - 2, UI_ROLE_HEADER, head);
	y += ui_text_wrapped(u, y, 1, COLS - 2, 8, UI_ROLE_NORMAL, x->about) + 1;
	for (i = 0; i < EX_FIELDS; i++)
		ui_line_draw(u, &x->field[i], y + i, labels[i], LABEL_W, i == x->focus);
	y += EX_FIELDS + 1;
	y += ui_text_wrapped(u, y, 1, COLS - 2, 2, UI_ROLE_MESSAGE,
			     "Enter on the reason exports; Tab or Enter moves between the "
			     "fields; Esc cancels.") + 1;
	if (x->failed[0] && y < end)
		ui_text_wrapped(u, y, 1, COLS - 2, end - y, UI_ROLE_ERROR, x->failed);
}

/* "." to end msg with, unless it ends a sentence already. */
static const char *stop(const char *msg)
{
	size_t n = strlen(msg);

	return n && (msg[n - 1] == '.' || msg[n - 1] == '?' || msg[n - 1] == '!') ? "" : ".";
}

/* "VERB DIR/NAME" report lines as a folder heading and one name a line,
 * so long paths do not run off the screen; anything else as it is. The
 * last folder goes to folder ("" when none). */
static void put_report(struct dorn_buf *b, const char *report, char *folder, size_t n)
{
	const char *line, *nl, *sp, *slash, *p, *dir = NULL;
	size_t dirlen = 0;

	for (line = report; *line; line = *nl ? nl + 1 : nl) {
		nl = line + strcspn(line, "\n");
		sp = memchr(line, ' ', (size_t)(nl - line));
		slash = NULL;
		for (p = sp ? sp : nl; p < nl; p++)
			if (*p == '/')
				slash = p;
		if (!sp || !slash) {
			dorn_buf_printf(b, "%.*s\n", (int)(nl - line), line);
			continue;
		}
		if (!dir || dirlen != (size_t)(slash - sp - 1) ||
		    strncmp(dir, sp + 1, dirlen)) {
			dir = sp + 1;
			dirlen = (size_t)(slash - dir);
			dorn_buf_printf(b, "Folder: %.*s\n", (int)dirlen, dir);
			snprintf(folder, n, "%.*s", (int)dirlen, dir);
		}
		dorn_buf_printf(b, "  %-10.*s %.*s\n", (int)(sp - line), line,
				(int)(nl - slash - 1), slash + 1);
	}
}

/* The page after an export: to whom and why, every file, how to check. */
static char *report_page(const struct export *x, const char *recipient, const char *reason,
			 const char *report)
{
	struct dorn_buf raw, out;
	struct ui_span sp[256];
	char folder[4096] = "";
	const char *s;
	size_t n, k;

	dorn_buf_init(&raw);
	dorn_buf_printf(&raw, "The approved note for %s was exported to the case file.\n",
			x->shown);
	dorn_buf_printf(&raw, "Recipient: %s\nReason: %s\n\n", recipient,
			*reason ? reason : "none given");
	put_report(&raw, report, folder, sizeof folder);
	dorn_buf_printf(&raw, "\nThe export is recorded in the audit log. Anyone can check the "
			"files later with sha256sum -c SHA256SUMS in the folder, or with:\n"
			"  dorn verify %s\n", folder[0] ? folder : "FOLDER");
	/* Wrapped here: the page breaks lines only at '\n'. */
	dorn_buf_init(&out);
	s = dorn_buf_str(&raw);
	n = ui_wrap(s, PAGE_W, sp, sizeof sp / sizeof sp[0]);
	for (k = 0; k < n && k < sizeof sp / sizeof sp[0]; k++)
		dorn_buf_printf(&out, "%.*s\n", (int)sp[k].len, s + sp[k].start);
	dorn_buf_fini(&raw);
	return dorn_buf_take(&out);
}

/* Enter on the reason: the app layer writes, or says why not; the dialog
 * stays open after a refusal so it can be read, changed or cancelled. */
static int do_export(struct ui *u, struct export *x)
{
	struct dorn_export_opts o;
	struct dorn_err err = { 0 };
	struct dorn_buf report;
	char recipient[RECIPIENT_MAX + 1], reason[REASON_MAX + 1], *urns[1] = { x->urn };
	char *text;
	int rc;

	ui_line_text(&x->field[EX_RECIPIENT], recipient, sizeof recipient);
	ui_line_text(&x->field[EX_REASON], reason, sizeof reason);
	x->failed[0] = '\0';
	if (!recipient[0]) {
		snprintf(x->failed, sizeof x->failed, "Nothing was exported: type who the files "
			 "are for, such as the CPS prosecutor.");
		x->focus = EX_RECIPIENT;
		return UI_RES_NONE;
	}
	memset(&o, 0, sizeof o);
	o.recipient = recipient;
	o.reason = reason[0] ? reason : NULL;
	dorn_buf_init(&report);
	rc = dorn_app_export(u->app, urns, 1, 0, &o, &report, &err);
	if (rc && report.len) {
		/* Files written before a later one failed: say which. */
		snprintf(x->failed, sizeof x->failed, "The export stopped: %s%s\nWritten before "
			 "it stopped:\n%s", err.msg, stop(err.msg), dorn_buf_str(&report));
	} else if (rc) {
		snprintf(x->failed, sizeof x->failed, "Nothing was exported: %s%s%s", err.msg,
			 stop(err.msg), rc == DORN_ERULE ? "\nOnly an approved note can be "
			 "exported here. On the command line, dorn export URN --draft exports "
			 "a draft, marked DRAFT - NOT APPROVED." : "");
	}
	if (rc) {
		dorn_buf_fini(&report);
		return UI_RES_NONE;
	}
	text = report_page(x, recipient, reason, dorn_buf_str(&report));
	dorn_buf_fini(&report);
	if (ui_page_init(&x->page, text)) {
		ui_message(u, "The files were exported, but the list of them could not be "
			   "shown: out of memory.");
		return UI_RES_BACK;
	}
	x->done = 1;
	return UI_RES_NONE;
}

static int dialog_key(struct ui *u, struct export *x, enum ui_action act, int key)
{
	switch (act) {
	case UI_ACT_BACK:
		ui_message(u, "Nothing was exported.");
		return UI_RES_BACK;
	case UI_ACT_OPEN:
		if (x->focus == EX_REASON)
			return do_export(u, x);
		x->focus = EX_REASON;
		return UI_RES_NONE;
	case UI_ACT_NEXT:
		x->focus = (x->focus + 1) % EX_FIELDS;
		return UI_RES_NONE;
	case UI_ACT_UP:
		x->focus = EX_RECIPIENT;
		return UI_RES_NONE;
	case UI_ACT_DOWN:
		x->focus = EX_REASON;
		return UI_RES_NONE;
	default:
		return ui_line_key(u, &x->field[x->focus], act, key);
	}
}

/* ---- the screen: the dialog, then the page of what was written ---- */

static void export_draw(struct ui *u, void *st)
{
	struct export *x = st;

	if (!x->done) {
		dialog_draw(u, x);
		return;
	}
	ui_text(u, u->body_top - 1, 1, COLS - 2, UI_ROLE_HEADER, "Exported: Esc goes back");
	ui_set_cursor(u, u->body_top, 1);
	ui_page_draw(u, &x->page, u->body_top, u->body_rows);
}

static int export_key(struct ui *u, void *st, enum ui_action act, int key)
{
	struct export *x = st;

	if (!x->done)
		return dialog_key(u, x, act, key);
	if (act == UI_ACT_BACK)
		return UI_RES_BACK;
	return ui_page_key(&x->page, act, u->body_rows);
}

static unsigned export_mode(void *st)
{
	const struct export *x = st;

	/* The page reads like a note preview: the same keys move it. */
	return x->done ? UI_IN_PREVIEW : UI_IN_EXPORT | UI_IN_TEXT;
}

static void export_fini(void *st)
{
	struct export *x = st;
	int i;

	if (!x)
		return;
	for (i = 0; i < EX_FIELDS; i++)
		dorn_le_fini(&x->field[i]);
	ui_page_fini(&x->page);
	free(x);
}

static const struct ui_screen export_screen = {
	.title = "Export to the case file",
	.where = UI_IN_EXPORT,
	.draw = export_draw,
	.key = export_key,
	.fini = export_fini,
	.mode = export_mode,
};

static const char *name_of_reviewer(const struct dorn_note *n)
{
	return n->reviewer_name[0] ? n->reviewer_name : n->reviewer;
}

/* Which version goes, who approved it, and, on a line of its own, the
 * folder the files go to, before anything is written. */
static void about_text(const struct ui *u, struct export *x, const struct dorn_note *vs,
		       size_t n, const struct dorn_note *ok)
{
	const struct dorn_config *cfg = &u->app->cfg;
	char day[32], iso[11], fmts[32] = "", dir[4096];
	size_t used;
	int w;

	snprintf(iso, sizeof iso, "%.10s", ok->reviewed);
	dorn_date_long(iso, day);
	if (cfg->export_formats & DORN_FMT_TXT)
		strcat(fmts, "text, ");
	if (cfg->export_formats & DORN_FMT_PDF)
		strcat(fmts, "PDF, ");
	if (cfg->export_formats & DORN_FMT_JSON)
		strcat(fmts, "JSON, ");
	if (fmts[0])
		fmts[strlen(fmts) - 2] = '\0';
	w = snprintf(x->about, sizeof x->about, "Version %d of the note, approved by %s on %s. ",
		     ok->version, name_of_reviewer(ok), day);
	used = w > 0 && (size_t)w < sizeof x->about ? (size_t)w : sizeof x->about - 1;
	if (n && &vs[0] != ok) {
		w = snprintf(x->about + used, sizeof x->about - used, "Version %d (%s) is newer "
			     "but not approved, so it is not exported. ", vs[0].version,
			     dorn_note_status_label(vs[0].status, NULL));
		used += w > 0 && (size_t)w < sizeof x->about - used ? (size_t)w : 0;
	}
	if (dorn_app_export_dir(u->app, NULL, dir, sizeof dir, NULL) == 0)
		snprintf(x->about + used, sizeof x->about - used, "\nWill write to %s/%s/ : the "
			 "files (%s) and SHA256SUMS.", dir, x->urn, fmts);
	else
		snprintf(x->about + used, sizeof x->about - used, "\nNo export folder: set "
			 "[export] dir in dorn.ini, or use dorn export URN --out DIR.");
}

static void refuse(struct ui *u, const char *urn)
{
	char shown[18], msg[512];

	dorn_urn_display(urn, shown);
	snprintf(msg, sizeof msg, "Nothing was exported: %s has no approved note. Only an "
		 "approved note can be exported here, once a supervisor has approved it. On "
		 "the command line, dorn export %s --draft exports a draft marked "
		 "DRAFT - NOT APPROVED.", shown, shown);
	ui_message(u, msg);
}

int ui_export_open(struct ui *u, const char *urn, const struct dorn_note *versions, size_t n)
{
	const struct dorn_note *ok = NULL;
	struct export *x;
	size_t i;
	int rc;

	for (i = 0; i < n && !ok; i++)
		if (versions[i].status == DORN_NOTE_APPROVED)
			ok = &versions[i];
	if (!ok) {
		refuse(u, urn);
		return 0;
	}
	x = calloc(1, sizeof *x);
	if (!x)
		return DORN_ENOMEM;
	snprintf(x->urn, sizeof x->urn, "%s", urn);
	dorn_urn_display(urn, x->shown);
	about_text(u, x, versions, n, ok);
	rc = dorn_le_init(&x->field[EX_RECIPIENT], u->app->cfg.export_recipient,
			  maxes[EX_RECIPIENT], 0);
	if (!rc)
		rc = dorn_le_init(&x->field[EX_REASON], "", maxes[EX_REASON], 0);
	x->focus = EX_RECIPIENT;
	if (!rc)
		rc = ui_push(u, &export_screen, x);
	if (rc)
		export_fini(x);
	return rc;
}

/* e on the case list, the review queue or a note read from it: the
 * dialog, over the case's versions as they are now. */
void ui_export_case(struct ui *u, const char *urn)
{
	struct dorn_case_view view;
	struct dorn_err err = { 0 };
	char msg[DORN_ERR_MSG + 64];

	memset(&view, 0, sizeof view);
	if (dorn_app_show(u->app, urn, &view, &err)) {
		snprintf(msg, sizeof msg, "Nothing was exported: %s", err.msg);
		ui_message(u, msg);
	} else if (ui_export_open(u, urn, view.versions, view.nversions)) {
		ui_message(u, "Cannot open the export: out of memory.");
	}
	dorn_case_view_fini(&view);
}
