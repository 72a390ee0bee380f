/* Use cases shared by the command line and the terminal interface: each is
 * one transaction. ui/ and cli/ call these; they never run SQL themselves. */
#ifndef DORN_APP_H
#define DORN_APP_H

#include <stddef.h>

#include "dorn/agenda.h"
#include "dorn/config.h"
#include "dorn/duties.h"
#include "dorn/outcome.h"
#include "dorn/workdays.h"
#include "dorn/list.h"
#include "dorn/note.h"
#include "dorn/record.h"
#include "dorn/retention.h"
#include "dorn/rules.h"

struct dorn_err;
struct dorn_buf;
struct dorn_store;

struct dorn_app {
	struct dorn_config cfg;
	struct dorn_store *st;
	char db_path[PATH_MAX];
	char login[64];        /* who is acting: the Unix login, or --as */
	struct dorn_staff me;  /* their staff record once dorn_app_open checked it */
	int private_db;        /* owned by the caller, mode 0600 */
	int shared;            /* the unit's database on a shared host (dorn-shared(7)) */
	char shared_dir[PATH_MAX];
	const char *dropped;   /* why the unit's group was given up at start, or NULL */
	char key_path[PATH_MAX];
	int key_given;         /* key_path is the caller's (dorn_opts key_file) */
	int key_state;         /* enum dorn_key_state */
	int unlogged;          /* a reading could not be recorded (read-only database) */
	long today;            /* days since 1970-01-01: $DORN_TODAY or the local date */

	/* Read when first needed: the legal data and the words of the note. */
	int data_loaded;
	struct dorn_offences offences;
	struct dorn_wording wording;
	struct dorn_tmpl *note_tmpl;
	struct dorn_tmpl *order_tmpl; /* the annex: the draft order */
	/* after the hearing: working days, the Victims' Code, what to say */
	struct dorn_holidays holidays;
	struct dorn_victims_code vcode;
	struct dorn_scripts scripts;
	struct dorn_ini *interview;  /* data/interview.ini, read when first needed */
	int pdf_made;          /* a PDF was made: dorn_app_close gives back the
				* fonts its libraries keep (dorn_pdf_release) */
};

struct dorn_opts {
	const char *db_path;   /* --db */
	const char *config;    /* --config */
	const char *as_login;  /* --as */
	const char *key_file;  /* the audit key's file, when not where dorn looks
				* (dorn migrate --key: a shared host's audit.key) */
};

/* Read the configuration only (before anything touches the terminal). */
int dorn_app_configure(struct dorn_app *app, const struct dorn_opts *o,
		       struct dorn_err *err);

enum dorn_app_open_flags {
	DORN_APP_CREATE = 1,    /* dorn init: create the database */
	DORN_APP_NO_STAFF = 2,  /* do not require a staff record */
	DORN_APP_READ = 4,      /* read only: change nothing on disk */
	DORN_APP_MAY_READ = 8,  /* write (audit rows), but in a database this user
				 * cannot write, read only, with app->unlogged set
				 * when a reading could not be recorded */
	DORN_APP_FORCE = 16,    /* on a server, a login with no staff record goes
				 * on (a dorn_force member, or the administrator):
				 * row-level security decides what it reads; on a
				 * file, as without it */
};

enum dorn_key_state { DORN_KEY_NONE, DORN_KEY_LOADED, DORN_KEY_MISSING };

/* For tools that open the store themselves (the benchmark's generator):
 * the private audit key of st, read, or made (with its seal by login)
 * when no key has signed its log yet. */
int dorn_app_key_make(struct dorn_store *st, const char *login, struct dorn_err *err);

/* ---- a unit on one host (dorn-shared(7); app/shared.c) ---- */
/* First thing in main: when dorn runs setgid, hold the group only in the
 * saved set (effective back to the real group). DORN_EPERM on failure. */
int dorn_shared_start(void);
int dorn_shared_privileged(void);   /* the unit's group is still held */
const char *dorn_shared_dir(void);  /* the folder this dorn was built for */
int dorn_shared_raise(void);        /* effective group = the unit's */
int dorn_shared_drop(void);         /* give it up for good */
unsigned dorn_shared_gid(void);
int dorn_shared_check_files(const char *dir, unsigned gid, struct dorn_err *err);
int dorn_shared_group(const char *name, unsigned *gid, struct dorn_err *err);

/* dorn init --shared (root): the unit's folder root:GROUP 2770, the
 * database, its -wal and -shm root:GROUP 0660, the audit key root:GROUP
 * 0640, and supervisor registered as the first supervisor, by root. On a
 * folder set up already (*repaired): missing -wal or -shm made again and
 * every owner and mode set again, nothing else. */
int dorn_app_init_shared(struct dorn_app *app, const char *dir, const char *group,
			 const char *supervisor, const char *name, int *repaired,
			 struct dorn_err *err);

/* Open the database and establish identity. Without DORN_APP_NO_STAFF, a
 * login with no active staff record is refused (DORN_EPERM). */
int dorn_app_open(struct dorn_app *app, const struct dorn_opts *o, int flags,
		  struct dorn_err *err);
void dorn_app_close(struct dorn_app *app);
/* The database could be opened only for reading (a read-only file or
 * folder): nothing can be changed, and readings are not recorded. */
int dorn_app_readonly(const struct dorn_app *app);

/* The default database path: $XDG_DATA_HOME/dorn/dorn.db or
 * ~/.local/share/dorn/dorn.db. */
int dorn_app_default_db(char *out, size_t n, struct dorn_err *err);

/* dorn init: create the database and register the caller as supervisor.
 * *created says whether anything was new. */
/* dorn init --server URL: dorn's schema, roles, first unit and first
 * supervisor on a PostgreSQL database, made by its administrator
 * (dorn_store_init_server). */
int dorn_app_init_server(const char *url, const char *unit, const char *unit_name,
			 const char *supervisor, const char *name, struct dorn_err *err);

int dorn_app_init(struct dorn_app *app, const struct dorn_opts *o, int *created,
		  struct dorn_err *err);
/* The name dorn init registers for its supervisor, which every approval
 * shows ("approved by NAME"). */
struct dorn_init_name {
	const char *name;   /* --name, or NULL */
	/* NULL when nobody can be asked (no terminal). Else asks for the name
	 * into out, suggesting suggest (NULL: none); an empty answer takes the
	 * suggestion. Nonzero when nothing could be read (end of input). */
	int (*ask)(void *ctx, const char *suggest, char *out, size_t n);
	void *ctx;
	int bare_login;     /* out: nobody gave a name and the account has none
			     * but its login, which is now the name */
};
/* As dorn_app_init, but the name is who->name, else asked (who->ask),
 * else the account's full name (GECOS), else its login (who->bare_login
 * says so, for the caller to tell the user). who may be NULL: no --name,
 * nobody to ask. On an existing database the name is not changed. */
int dorn_app_init_named(struct dorn_app *app, const struct dorn_opts *o,
			struct dorn_init_name *who, int *created, struct dorn_err *err);

/* contact (may be NULL or ""): their direct phone or email, for the
 * "From:" of the notes they write. */
int dorn_app_staff_add(struct dorn_app *app, const char *login, const char *name,
		       int role, const char *contact, struct dorn_err *err);
/* Change login's contact details: a supervisor, or the person themselves. */
int dorn_app_staff_set_contact(struct dorn_app *app, const char *login, const char *contact,
			       struct dorn_err *err);

/* Supervisors only. */
int dorn_app_staff_each(struct dorn_app *app,
			int (*cb)(const struct dorn_staff *, void *), void *ctx,
			struct dorn_err *err);

/* The audit log, from since (YYYY-MM-DD or NULL). */
int dorn_app_audit_each(struct dorn_app *app, const char *since,
			int (*cb)(const struct dorn_audit_row *, void *), void *ctx,
			struct dorn_err *err);
/* Walk the chain, checking each anchor (dorn audit --verify --anchor);
 * head gets the last row. */
int dorn_app_audit_verify(struct dorn_app *app, const struct dorn_audit_anchor *anchors,
			  size_t nanchors, long long *rows, long long *bad_seq,
			  struct dorn_audit_anchor *head, struct dorn_err *err);
/* The last row's seq and MAC: an anchor to keep outside the database. */
int dorn_app_audit_head(struct dorn_app *app, struct dorn_audit_anchor *head,
			struct dorn_err *err);

/* dorn check: database integrity, foreign keys and the audit chain; each
 * problem is a line in report. */
int dorn_app_check(struct dorn_app *app, struct dorn_buf *report, int *problems,
		   int *schema, struct dorn_err *err);

/* An online copy of the database to dest (0600, never overwriting),
 * recorded in the audit log. */
int dorn_app_backup(struct dorn_app *app, const char *dest, struct dorn_err *err);

/* Offences, problem wording and the note template, once. */
int dorn_app_load_data(struct dorn_app *app, struct dorn_err *err);

/* dorn show: the case and its assessment. Reading a case's details is a
 * consult in the audit log. urn is as typed (any accepted form). */
int dorn_app_show(struct dorn_app *app, const char *urn, struct dorn_case_view *v,
		  struct dorn_err *err);

/* dorn note: the note for the case. A draft is re-rendered (and stored when
 * its text changed); a submitted, approved or returned version is shown as
 * frozen unless the case changed since, which starts the next version.
 * DORN_ERULE, with what the officer can do, when the victim has not agreed
 * to share: then there is no note. */
int dorn_app_note(struct dorn_app *app, const char *urn, struct dorn_case_view *v,
		  struct dorn_err *err);

/* dorn import: read every file, then store all of them in one transaction,
 * or none. A URN that exists is refused unless update. One line per case
 * is appended to report. */
/* ---- after the hearing: the outcome and telling the victim ---- */

/* The case for dorn outcome and the outcome screen, as dorn_app_show
 * without the note's versions: its reading is a consult in the audit log
 * ("outcome"). */
int dorn_app_outcome_open(struct dorn_app *app, const char *urn, struct dorn_case_view *v,
			  struct dorn_err *err);

/* The outcome of c as the unit's calendar sees it today (duties.h). */
void dorn_app_outcome_state(struct dorn_app *app, const struct dorn_case *c,
			    struct dorn_outcome_state *s);

/* Record what the court did: c (as loaded, with its outcome part and its
 * items' results changed, nothing else) is saved as the case's next
 * outcome version, logged ("outcome recorded", then "outcome corrected",
 * with ": reason" when reason is not empty); the note is not touched, and
 * a note waiting for review does not stop it. Nothing is saved (and 0
 * returned, c->outcome_version unchanged) when the outcome is as stored.
 * When someone saved the case itself since c was read, the outcome goes
 * onto the case as it is now, item by item. DORN_EDATA for an outcome that
 * cannot be (told and not told, dates after today or before the hearing),
 * DORN_ECONFLICT when someone saved an outcome meanwhile or changed the
 * devices. On success c->outcome_version is the new version. */
int dorn_app_outcome_save(struct dorn_app *app, struct dorn_case *c, const char *reason,
			  struct dorn_err *err);

/* dorn outcome --format json: the outcome, each item's result, what is
 * still needed, the task of telling the victim and what to say (the
 * export room writes it: dorn_json_outcome). Appends to out. */
int dorn_app_outcome_json(struct dorn_app *app, const struct dorn_case *c,
			  struct dorn_buf *out);

int dorn_app_import(struct dorn_app *app, char *const *files, size_t n, int update,
		    struct dorn_buf *report, struct dorn_err *err);

/* dorn list and the home screen (types in dorn/list.h): up to n rows after
 * from (before it when backward; NULL: from the top, or the bottom), in
 * the list's order, urgent first; *got says how many. */
int dorn_app_list_page(struct dorn_app *app, const struct dorn_list_query *q,
		       const struct dorn_list_key *from, int backward,
		       struct dorn_list_row *rows, size_t n, size_t *got,
		       struct dorn_err *err);
/* The list from the top (q->offset, q->limit), one row at a time, held nowhere. */
/* One consult row for a list or search as shown (shown rows, more when
 * there were more than shown), with its filter but never the search text. */
int dorn_app_list_consult(struct dorn_app *app, const struct dorn_list_query *q, size_t shown,
			  int more, struct dorn_err *err);
int dorn_app_list_each(struct dorn_app *app, const struct dorn_list_query *q,
		       int (*cb)(const struct dorn_list_row *, void *), void *ctx,
		       struct dorn_err *err);

/* ---- the worklist: dorn agenda and the Today screen ---- */
/* The duties of the unit's cases as of today, most urgent first
 * (agenda.h). Whose: a supervisor sees every duty of every case (the
 * review queue and retention reviews among them); an officer sees the
 * officer's duties of their own cases: those they recorded, were the last
 * to change, or are an author of a note version of (struct
 * dorn_note_author); with all, of every case of the unit. */
/* Read the cases that may have a duty (dorn_store_agenda: chosen by SQL,
 * never every case) and work out their duties. Reads only: list it with
 * dorn_app_agenda_consult once it is shown. */
int dorn_app_agenda(struct dorn_app *app, int all, struct dorn_agenda *out,
		    struct dorn_err *err);
/* One consult row for the worklist as shown: how many duties of how many
 * cases, whose, never a URN or any text of a case. */
int dorn_app_agenda_consult(struct dorn_app *app, const struct dorn_agenda *a,
			    struct dorn_err *err);
/* The worklist as JSON (dorn(1), AGENDA): appended to out. */
int dorn_app_agenda_json(const struct dorn_agenda *a, struct dorn_buf *out);

/* ---- the guided interview ---- */
#define DORN_STEPS 7 /* enum dorn_step: case, consent, age, concern, items, support, review */

enum dorn_step_state {
	DORN_STEP_NOT_STARTED = 0,
	DORN_STEP_INCOMPLETE,
	DORN_STEP_COMPLETE,
	DORN_STEP_PROBLEMS,   /* saved, but the assessment found something here */
};

/* What dorn makes of a working copy (no database). */
void dorn_app_assess(struct dorn_app *app, const struct dorn_case *c,
		     struct dorn_assessment *a);

/* The state of step (1..DORN_STEPS) for the side list. */
int dorn_app_step_state(const struct dorn_case *c, const struct dorn_assessment *a,
			int step);
/* Where a reopened interview resumes: the first step that is not complete. */
int dorn_app_resume_step(const struct dorn_case *c, const struct dorn_assessment *a);

/* Save the interview's working copy when the officer leaves step, in one
 * transaction: the whole record, the step marked as saved, and the draft
 * note brought in step (or removed when there is no consent). A new case
 * (c->id == 0) needs a valid URN first (DORN_EDATA otherwise). When another
 * officer saved the case since it was loaded, nothing is saved and
 * DORN_ECONFLICT says who and when; c is left as it was, so nothing typed
 * is lost. On success c->id, c->version and c->steps_saved are updated. */
int dorn_app_case_save(struct dorn_app *app, struct dorn_case *c, int step,
		       struct dorn_err *err);

/* Change the URN of a saved case from old_urn to new_urn (both as typed),
 * the one way a saved case's URN changes: the case, its draft note and the
 * search index follow, and an alter row in the audit log keeps the old and
 * new URN with reason (required: DORN_EUSAGE without). Refused (DORN_ERULE,
 * saying why and what to do) once any version of its note was submitted
 * or exported, as those carry the old URN; DORN_EDATA when new_urn is
 * another case's. out (may be NULL) gets the case as stored after. */
int dorn_app_case_rename(struct dorn_app *app, const char *old_urn, const char *new_urn,
			 const char *reason, struct dorn_case *out, struct dorn_err *err);
/* Whether the URN of the case may change: 0, or DORN_ERULE saying why not
 * as dorn_app_case_rename would. Reads only. */
int dorn_app_case_rename_check(struct dorn_app *app, const char *urn, struct dorn_err *err);

/* After a save refused because another officer saved the case first
 * (DORN_ECONFLICT): merge their saved case with mine, where base is the
 * case as I loaded it. A field (or the offences, or the items as a whole)
 * changed by only one of us takes that change. When both changed the same
 * one differently, prefer decides: DORN_MERGE_ASK merges nothing, returns
 * DORN_ECONFLICT and fills conflicts with each field and both values
 * ("Court: theirs \"A\", yours \"B\""); DORN_MERGE_MINE keeps mine there,
 * DORN_MERGE_THEIRS takes theirs. On success mine holds the merged case
 * at their version, ready to save. */
enum dorn_merge { DORN_MERGE_ASK = 0, DORN_MERGE_MINE, DORN_MERGE_THEIRS };
int dorn_app_case_merge(struct dorn_app *app, const struct dorn_case *base,
			struct dorn_case *mine, int prefer, char *conflicts, size_t n,
			struct dorn_err *err);

/* The interview's words from data/interview.ini: the step's title, what it
 * is for, and what the officer might say. child holds DORN_SAY_CHILD_THEN
 * for someone who was under 18 when the images were made (say_child) and
 * DORN_SAY_CHILD_NOW for someone under 18 now (say_child_now, which only
 * they get: Report Remove is for them alone); each falls back to the one
 * before, then to say. Never NULL; "" when the file has none. */
enum { DORN_SAY_CHILD_THEN = 1, DORN_SAY_CHILD_NOW = 2 };
struct dorn_step_text {
	const char *title;
	const char *intro;
	const char *say;
};
int dorn_app_step_text(struct dorn_app *app, int step, int child,
		       struct dorn_step_text *out, struct dorn_err *err);

/* The note as it would read now, for the preview, without storing it.
 * DORN_ERULE with the reason when the victim has not agreed to share. */
int dorn_app_note_preview(struct dorn_app *app, const struct dorn_case *c,
			  struct dorn_buf *out, struct dorn_err *err);

/* ---- supervisor review ---- */

/* Submit the case's note for review: the draft is brought up to date and
 * its text frozen as version N, and the submitter becomes one of its
 * authors. Refused (DORN_ERULE, saying what is
 * missing) without consent, without an offence or without an item, and
 * when the latest version is already submitted, approved and unchanged,
 * or returned and not yet answered by a change to the case. out (may be
 * NULL) gets the submitted version. */
int dorn_app_submit(struct dorn_app *app, const char *urn, struct dorn_note *out,
		    struct dorn_err *err);

/* The review queue: submitted notes in the case list's order (dorn_due:
 * the date that matters, soonest first; passed dates after those to come;
 * no date last), then the oldest submitted first. Supervisors only
 * (DORN_EPERM). */
struct dorn_queue_row {
	char urn[14];
	int version;
	char author[64];
	char author_name[128];
	char submitted[21];     /* when it was submitted (UTC) */
	long waiting_days;      /* whole days since submitted */
	struct dorn_due due;    /* sentencing or next hearing */
	int yours;              /* the reader is one of its authors, so another
				 * supervisor must review it */
};
int dorn_app_review_queue(struct dorn_app *app, struct dorn_queue_row **rows, size_t *n,
			  struct dorn_err *err);

/* Approve (comment optional) or return (comment required) the case's
 * submitted note. A comment with control characters (other than new
 * lines) or bytes that are not UTF-8 is refused as typed (DORN_EDATA,
 * naming the character and where it is). Only a supervisor (DORN_EPERM);
 * never one of the version's authors, whoever began it (DORN_ERULE,
 * saying what made them one: struct dorn_note_author); only a submitted
 * note (DORN_ERULE). When another supervisor acted first, nothing changes
 * and DORN_ERULE says who and when. */
int dorn_app_review(struct dorn_app *app, const char *urn, int approve,
		    const char *comment, struct dorn_err *err);

/* Every version of the case's note, newest first (version, status,
 * author, reviewer, dates, comments); the caller frees *rows with
 * dorn_notes_free. */
int dorn_app_versions(struct dorn_app *app, long long case_id, struct dorn_note **rows,
		      size_t *n, struct dorn_err *err);

/* Staff changes, supervisors only; the last active supervisor can be
 * neither deactivated nor made an officer (DORN_ERULE). */
int dorn_app_staff_set_role(struct dorn_app *app, const char *login, int role,
			    struct dorn_err *err);
int dorn_app_staff_set_active(struct dorn_app *app, const char *login, int active,
			      struct dorn_err *err);

/* ---- the unit's figures (figures.h) ---- */
struct dorn_figures;
struct dorn_figures_query {
	const char *from, *to; /* YYYY-MM-DD of the concerns counted; NULL or "": from
				* the first, to the last */
	int by;                /* enum dorn_fig_by */
};
/* The figures of the cases recorded from q->from to q->to, whole and by
 * q->by, beside the baseline of data/figures.ini; out is for
 * dorn_figures_fini. Reads only the figure table, which holds no personal
 * data, so nothing is logged. --by officer is a supervisor's (DORN_EPERM);
 * from after to is DORN_EUSAGE; a bad figures.ini DORN_ECONFIG. */
int dorn_app_figures(struct dorn_app *app, const struct dorn_figures_query *q,
		     struct dorn_figures *out, struct dorn_err *err);
/* The figures as JSON (the export room writes it), with [figures]
 * suppress_below applied: appended to out. 0 or DORN_ENOMEM. */
int dorn_app_figures_json(struct dorn_app *app, const struct dorn_figures *f,
			  struct dorn_buf *out);
/* The figures as a one-page PDF for a unit meeting (export.h), with the
 * unit's name ([unit] name), [export] pdf_font and [figures]
 * suppress_below: appended to out, nothing when it fails. A font that is
 * not there is DORN_ECONFIG naming [export] pdf_font. */
int dorn_app_figures_pdf(struct dorn_app *app, const struct dorn_figures *f,
			 struct dorn_buf *out, struct dorn_err *err);
/* ---- retention and erasure (app/retention.c) ---- */

/* The rules of dorn.ini [retention]. */
void dorn_app_retention_rules(const struct dorn_app *app, struct dorn_retention_rules *r);

/* A case's review date, as 'dorn retention' lists it. */
struct dorn_retention_row {
	char urn[14];
	struct dorn_review review;
	long days_left;        /* review date - today; negative when overdue */
	int due;               /* due today or earlier */
	char retain_until[11]; /* a supervisor's extension, or "" */
};

/* Every case with its review date and why, soonest first, then by URN;
 * due_only: only those due today or earlier. The caller frees *rows. */
int dorn_app_retention_list(struct dorn_app *app, int due_only,
			    struct dorn_retention_row **rows, size_t *n, struct dorn_err *err);
/* The listing's consult row in the audit log: what was listed and how
 * many cases, never a URN. */
int dorn_app_retention_consult(struct dorn_app *app, int due_only, size_t shown,
			       struct dorn_err *err);

/* Keep the case (URN as typed) past its review until until (a date after
 * today, at most ten years ahead), for reason: supervisors only
 * (DORN_EPERM, naming who can). The reason is plain text and must not
 * name the case or the people in it (DORN_EDATA): the audit log keeps it
 * after the case is gone. Not a new case version or note version; logged
 * as an alteration of the case with the reason. out (may be NULL) gets
 * the review as it is now. */
int dorn_app_retention_extend(struct dorn_app *app, const char *urn, const char *until,
			      const char *reason, struct dorn_retention_row *out,
			      struct dorn_err *err);

/* What erasing a case would do, checked before anyone is asked to
 * confirm it. */
struct dorn_erase_plan {
	char urn[14];                     /* normalised */
	struct dorn_retention_row review;
	char **files;                     /* exported files in the case file, which
					   * dorn cannot reach: "DIR/NAME" each */
	size_t nfiles;
};
void dorn_erase_plan_fini(struct dorn_erase_plan *p);

/* Check that the case (URN as typed) may be erased now, by this user,
 * for reason, and list the files its exports left in the case file:
 * supervisors only (DORN_EPERM, naming who can); a reason is required
 * (DORN_EUSAGE), plain text naming nothing of the case (DORN_EDATA, as
 * for an extension); a case not due for review yet is refused
 * (DORN_ERULE, saying when it is due and why) unless early. reason NULL:
 * not asked for yet (the terminal asks once it has shown the review),
 * so not checked. Reads only. */
int dorn_app_erase_plan(struct dorn_app *app, const char *urn, int early, const char *reason,
			struct dorn_erase_plan *out, struct dorn_err *err);

struct dorn_erase_done {
	struct dorn_erased counts;
	int wal_busy;       /* another dorn was reading: the -wal is emptied
			     * when the last one closes, not now */
	long long wal_left; /* bytes the -wal holds after (0 when emptied) */
};
/* Erase the case, checked again as dorn_app_erase_plan does, in one
 * transaction: every row of it goes (victim, concern, items, outcome,
 * every note version, ...), its figure row stays without it, and the
 * audit log gets an erase row holding the keyed hash of its URN (HMAC
 * under the audit key), the counts and the reason, never the URN or
 * anything erased. Then nothing of it stays in the database's files:
 * dorn_store_purge. */
int dorn_app_erase(struct dorn_app *app, const char *urn, int early, const char *reason,
		   struct dorn_erase_done *out, struct dorn_err *err);

/* ---- export to the case file ---- */
struct dorn_export_opts {
	const char *out_dir;    /* NULL: [export] dir, else $XDG_DATA_HOME/dorn/export */
	unsigned formats;       /* DORN_FMT_* bits; 0: [export] formats */
	const char *recipient;  /* NULL: [export] recipient */
	const char *reason;     /* NULL or "" when none given */
	int draft;              /* export the latest version even if not approved */
};

/* Write each case's latest approved note (with draft: its latest version,
 * marked DRAFT - NOT APPROVED unless approved) into <dir>/<URN>/ as
 * <URN>-deprivation-note-v<N>[-DRAFT].<ext>, with SHA256SUMS, and record
 * the disclosure in the audit log: recipient, reason, and in its detail
 * the folder, each file's name and SHA-256. Every case is checked before
 * anything is written: one without an approved note (and no draft) is
 * DORN_ERULE. Then case by case: every file is written to a temporary
 * file, the disclosure is committed, and only then are the files linked
 * into place; a failure before the commit leaves no file and no folder.
 * A symbolic link in the export folder's path, or under it, is refused
 * (DORN_ECANTCREAT). all_approved exports every case that has an approved
 * note (urns is then ignored). One line per file goes to report. */
int dorn_app_export(struct dorn_app *app, char *const *urns, size_t n, int all_approved,
		    const struct dorn_export_opts *o, struct dorn_buf *report,
		    struct dorn_err *err);

/* JSON for the faces (the export room writes it): the case record with
 * its assessment and note metadata; the note with its text; one flat row
 * (numeric[i] makes vals[i] a number). Each appends to out. */
int dorn_app_case_json(struct dorn_app *app, const struct dorn_case_view *v,
		       struct dorn_buf *out);
int dorn_app_note_json(const struct dorn_case_view *v, struct dorn_buf *out);
int dorn_app_json_row(const char *const *keys, const char *const *vals, const int *numeric,
		      size_t n, struct dorn_buf *out);
/* The version of the shape of dorn's JSON: the "schema" key of every
 * document, for the faces that write a document around rows. */
int dorn_app_json_schema(void);

/* The folder exports go to: o->out_dir (o may be NULL), else [export]
 * dir, else $XDG_DATA_HOME/dorn/export, else ~/.local/share/dorn/export.
 * DORN_ECONFIG when there is none, DORN_EUSAGE when it is too long. */
int dorn_app_export_dir(struct dorn_app *app, const struct dorn_export_opts *o, char *out,
			size_t n, struct dorn_err *err);

/* What dorn verify found in a case folder. */
struct dorn_app_verified {
	size_t checked;   /* files SHA256SUMS lists */
	size_t problems;  /* of those, changed or missing */
	size_t strays;    /* files there that it does not list */
	size_t heads;     /* .audit-head files listed, matching, well formed */
	int has_head;     /* then the newest of them: */
	struct dorn_audit_anchor head; /* the audit log's head when exported */
};

/* dorn verify: check a case folder against its SHA256SUMS (path: the
 * folder or the file). DORN_EDATA when a file changed or is missing, or a
 * file there is not listed (a stray), each a line of report. out->head is
 * the newest anchor in its .audit-head files, to check with dorn audit
 * --verify --anchor (it vouches for every row before it too). */
int dorn_app_verify_folder(const char *path, struct dorn_buf *report,
			   struct dorn_app_verified *out, struct dorn_err *err);
/* The same, saying only how many files SHA256SUMS lists. */
int dorn_app_verify(const char *path, struct dorn_buf *report, size_t *checked,
		    struct dorn_err *err);

/* ---- moving a unit to a server (dorn migrate; app/migrate.c) ---- */
struct dorn_migrate_result {
	char server[256];       /* where it went, its password hidden */
	char unit[32];          /* the unit its cases and staff went into */
	char tables[768];       /* "staff 3, case 10, ..., audit 21": rows each table
				 * holds on both sides */
	long long audit_rows;   /* rows the file's verifier passed */
	long long server_rows;  /* and the server's, after the copy */
	long long head_seq;     /* the chain's last row, the same on both sides */
	char head_hash[65];
	int roles_made;         /* staff logins made as database roles */
	long long recorded;     /* the file's audit row recording the move; 0 when
				 * the file is read-only for the caller */
};
/* dorn migrate --to URL (the database administrator): copy the database
 * dorn would open, a unit's SQLite file, with its audit key (the one
 * dorn reads for it, or o->key_file), into the empty dorn schema at url
 * made by 'dorn init --server', its cases and staff into unit (NULL: the
 * server's only one); see dorn_store_copy_to. No staff record is needed
 * on the file. Then the file's log records the whole database leaving it,
 * as a backup's does. */
int dorn_app_migrate(struct dorn_app *app, const struct dorn_opts *o, const char *url,
		     const char *unit, struct dorn_migrate_result *out, struct dorn_err *err);

#endif
